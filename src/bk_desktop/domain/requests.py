"""Requests for individual counselling and the path they may take.

The service standard fixes the order: a request is received (pengajuan), screened
(penyaringan), scheduled (penjadwalan) and then held (pelaksanaan). The status is therefore a
state machine, and ``transition`` is the only way to move it, so the UI cannot offer — and a
service cannot perform — a move the standard does not allow.

Edges of ``TRANSITIONS`` and why each exists (stored values on the left, the words shown are
the labels: *ditangani* reads "Dalam proses", *dialihkan* "Dialihkan ke layanan lain", *dirujuk*
"Dialihtangankan"; the stored values stay as they were so no vault needs rewriting):

==================  ==================  ==========================================================
from                to                  why
==================  ==================  ==========================================================
diterima            disaring            screening (asesmen awal) was recorded
diterima            ditutup             withdrawn, duplicate, or the student is not willing
disaring            menunggu jadwal     decision: konseling individual
disaring            dialihkan           decision: another service (group, classical, mediation…)
disaring            dirujuk             decision: alih tangan kasus
disaring            selesai             decision: no follow-up needed — screening itself served
disaring            ditutup             closed before scheduling (e.g. assent refused)
menunggu jadwal     terjadwal           a time was agreed with a *willing* student
menunggu jadwal     disaring            re-screened: the earlier decision is being revised
menunggu jadwal     ditutup             closed before a time was agreed
terjadwal           ditangani           the first session was recorded held (Konseling, assent)
terjadwal           menunggu jadwal     the slot was cancelled; a new time must be agreed
terjadwal           ditutup             closed before the session (e.g. assent withdrawn)
ditangani           selesai             the case ended as planned
ditangani           disaring            re-assessed during counselling: the decision is revised
ditangani           dialihkan           decision: moved to another service after counselling began
ditangani           dirujuk             decision: referred out, the problem is beyond competence
ditangani           ditutup             stopped early (assent withdrawn, student left school)
dialihkan           disaring            the other service was not enough: decide again
dirujuk             disaring            the referral was refused or handed back: decide again
dirujuk             selesai             the recipient finished the case (the referral is selesai)
dirujuk             ditutup             the referral ended and nothing more is asked of the school
ditutup             diterima            reopened: received anew, with a new 1×24 h clock
==================  ==================  ==========================================================

A *dirujuk* request leaves only once its referral has ended (``domain.referrals``). A
permohonan becomes *terjadwal* when its time is agreed (its first session is planned then) and
*ditangani* only when that session is recorded as held (``domain.counselling``); from then on
it follows its case.
``selesai`` has no way out and a closed request only reopens: both are read-only
(``is_read_only``). A new problem is a new request with its own 1×24 h clock. There is no
shortcut from ``diterima`` to scheduling, because screening is a required step (Prosedur 2).

**Decisions go through the screening.** The edges marked *decision* carry a service decision
(which service, to whom a case is referred, what was shared, on what consent basis); a bare
status move would leave the history without it. ``transition`` refuses them unless the
screening makes them (``by_screening=True``), as it refuses *diterima → disaring*.

**Reasons.** Every other move that is a decision needs a reason by the reason rule
(``domain.reasons``): closing, reopening, revising a decision, cancelling a slot, ending,
handing back (``needs_reason``). Only the moves that explain themselves do not: the first
screening, an agreed time, a held session, and the screening's own decisions (whose reason is
the screening's).

Two guards rest on assent (asas kesukarelaan): a student who has not said *bersedia* cannot be
scheduled or counselled, and one who said *tidak bersedia* cannot even wait for a slot — saying
so closes a request that may still be closed (``assent_closes``). Reopening is receiving the
request again, so the assent is asked again (the service sets it back to *belum ditanyakan*).

A stored request is a domain record (``RequestRecord``): typed fields only (its risk is a
``RiskLevel`` or ``None``, never text), and the rules about one request — is it darurat, where
does its 1×24 h clock stand — are its properties here, so storage only converts text to enums
and the UI only shows the answers. Cases, counselling sessions and complaints take the same
shape: a frozen record in their own domain module with the rules beside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType

from bk_desktop.domain.deadlines import DeadlineState, deadline_state
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.domain.reasons import reason_problem
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.domain.sight import Confidentiality


class RequestSource(StrEnum):
    SISWA_SENDIRI = "siswa_sendiri"
    GURU_BK = "guru_bk"
    GURU_MAPEL = "guru_mapel"
    WALI_KELAS = "wali_kelas"
    ORANG_TUA = "orang_tua"
    KOTAK_MASALAH = "kotak_masalah"
    HASIL_INSTRUMEN = "hasil_instrumen"
    RUJUKAN_PROFESIONAL = "rujukan_profesional"
    """An incoming referral: a psychologist, doctor, puskesmas or agency sends the student."""

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]

    @property
    def names_a_referrer(self) -> bool:
        """Whether the intake form must ask who referred the student (Persyaratan 2).

        A self-referral, an anonymous box note or an instrument result has no separate person to
        name; a teacher or parent does.
        """
        return self in {
            RequestSource.GURU_BK,
            RequestSource.GURU_MAPEL,
            RequestSource.WALI_KELAS,
            RequestSource.ORANG_TUA,
            RequestSource.RUJUKAN_PROFESIONAL,
        }


_SOURCE_LABELS: Mapping[RequestSource, str] = {
    RequestSource.SISWA_SENDIRI: "Siswa sendiri",
    RequestSource.GURU_BK: "Guru BK",
    RequestSource.GURU_MAPEL: "Guru mata pelajaran",
    RequestSource.WALI_KELAS: "Wali kelas",
    RequestSource.ORANG_TUA: "Orang tua/wali",
    RequestSource.KOTAK_MASALAH: "Kotak masalah",
    RequestSource.HASIL_INSTRUMEN: "Hasil instrumen",
    RequestSource.RUJUKAN_PROFESIONAL: "Rujukan dari profesional/lembaga",
}


class Urgency(StrEnum):
    BIASA = "biasa"
    SEGERA = "segera"
    DARURAT = "darurat"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Assent(StrEnum):
    """The student's willingness (kesediaan) to take part; recorded separately from consent."""

    BERSEDIA = "bersedia"
    BELUM_DITANYAKAN = "belum_ditanyakan"
    TIDAK_BERSEDIA = "tidak_bersedia"

    @property
    def label(self) -> str:
        return {
            Assent.BERSEDIA: "Bersedia",
            Assent.BELUM_DITANYAKAN: "Belum ditanyakan",
            Assent.TIDAK_BERSEDIA: "Tidak bersedia",
        }[self]


class RequestStatus(StrEnum):
    DITERIMA = "diterima"
    DISARING = "disaring"
    MENUNGGU_JADWAL = "menunggu_jadwal"
    TERJADWAL = "terjadwal"
    DITANGANI = "ditangani"
    SELESAI = "selesai"
    DIALIHKAN = "dialihkan"
    DIRUJUK = "dirujuk"
    DITUTUP = "ditutup"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Still waiting for the counsellor's action (shown on the dashboard)."""
        return self in OPEN_STATUSES


_STATUS_LABELS: Mapping[RequestStatus, str] = {
    RequestStatus.DITERIMA: "Diterima",
    RequestStatus.DISARING: "Disaring",
    RequestStatus.MENUNGGU_JADWAL: "Menunggu jadwal",
    RequestStatus.TERJADWAL: "Terjadwal",
    RequestStatus.DITANGANI: "Dalam proses",
    RequestStatus.SELESAI: "Selesai",
    RequestStatus.DIALIHKAN: "Dialihkan ke layanan lain",
    RequestStatus.DIRUJUK: "Dialihtangankan",
    RequestStatus.DITUTUP: "Ditutup",
}

_S = RequestStatus

TRANSITIONS: Mapping[RequestStatus, frozenset[RequestStatus]] = MappingProxyType(
    {
        _S.DITERIMA: frozenset({_S.DISARING, _S.DITUTUP}),
        _S.DISARING: frozenset(
            {_S.MENUNGGU_JADWAL, _S.DIALIHKAN, _S.DIRUJUK, _S.SELESAI, _S.DITUTUP}
        ),
        _S.MENUNGGU_JADWAL: frozenset({_S.TERJADWAL, _S.DISARING, _S.DITUTUP}),
        _S.TERJADWAL: frozenset({_S.DITANGANI, _S.MENUNGGU_JADWAL, _S.DITUTUP}),
        _S.DITANGANI: frozenset({_S.SELESAI, _S.DISARING, _S.DIALIHKAN, _S.DIRUJUK, _S.DITUTUP}),
        _S.DIALIHKAN: frozenset({_S.DISARING}),
        _S.DIRUJUK: frozenset({_S.DISARING, _S.SELESAI, _S.DITUTUP}),
        _S.DITUTUP: frozenset({_S.DITERIMA}),
        _S.SELESAI: frozenset(),
    }
)
"""Allowed moves; see the module docstring for the reason behind each edge."""

OPEN_STATUSES: frozenset[RequestStatus] = frozenset(
    {_S.DITERIMA, _S.DISARING, _S.MENUNGGU_JADWAL, _S.TERJADWAL, _S.DITANGANI}
)

WAITING: frozenset[RequestStatus] = frozenset({_S.DITERIMA, _S.DISARING, _S.MENUNGGU_JADWAL})
"""Statuses whose 1×24 h clock is still running (no time agreed yet)."""

AWAITING_SCREENING: frozenset[RequestStatus] = frozenset({_S.DITERIMA, _S.DISARING})
"""Received, or sent back for a new asesmen: the next step is in Penyaringan."""

IN_COUNSELLING: frozenset[RequestStatus] = frozenset({_S.TERJADWAL, _S.DITANGANI})
"""Statuses with counselling sessions planned or held; only these keep planned sessions."""

# Statuses that put the student in front of the counsellor: assent must be given.
NEEDS_ASSENT: frozenset[RequestStatus] = frozenset({_S.TERJADWAL, _S.DITANGANI})
# Statuses that keep the request on the individual-counselling path: a refusal blocks them.
BLOCKED_BY_REFUSAL: frozenset[RequestStatus] = frozenset(
    {_S.MENUNGGU_JADWAL, _S.TERJADWAL, _S.DITANGANI}
)


DECIDED_BY_SCREENING: frozenset[tuple[RequestStatus, RequestStatus]] = frozenset(
    {
        (_S.DITERIMA, _S.DISARING),
        (_S.DISARING, _S.MENUNGGU_JADWAL),
        (_S.DISARING, _S.DIALIHKAN),
        (_S.DISARING, _S.DIRUJUK),
        (_S.DISARING, _S.SELESAI),
        (_S.DITANGANI, _S.DIALIHKAN),
        (_S.DITANGANI, _S.DIRUJUK),
    }
)
"""Moves that carry a service decision: only a recorded screening makes them."""

EXPLAINED_BY_THEMSELVES: frozenset[tuple[RequestStatus, RequestStatus]] = frozenset(
    {(_S.MENUNGGU_JADWAL, _S.TERJADWAL), (_S.TERJADWAL, _S.DITANGANI)}
)
"""Moves whose record explains them (the agreed time, the held session): no reason asked."""


def is_read_only(status: RequestStatus) -> bool:
    """Whether a request at ``status`` takes no more edits: *selesai* is final and *ditutup*
    only reopens; assent, schedule and screening of such a request stay as they were."""
    return status in {_S.SELESAI, _S.DITUTUP}


def needs_reason(current: RequestStatus, target: RequestStatus) -> bool:
    """Whether moving from ``current`` to ``target`` must be explained by a reason.

    Every move a person decides must be accountable later: closing, reopening, revising a
    decision, cancelling a slot, ending, handing back. A screening decision carries the
    screening's own reason, and an agreed time or a held session explains itself. A form asks
    this before it offers the field.
    """
    move = (current, target)
    return move not in DECIDED_BY_SCREENING and move not in EXPLAINED_BY_THEMSELVES


def reason_subject(current: RequestStatus, target: RequestStatus) -> str:
    """What the reason of this move explains, as a phrase after "alasan untuk": the words a
    message about a missing or empty reason uses."""
    if current is _S.DITUTUP:
        return "membuka kembali permohonan ini"
    if target is _S.DITUTUP:
        return "menutup permohonan ini"
    if current is _S.TERJADWAL and target is _S.MENUNGGU_JADWAL:
        return "membatalkan jadwal yang sudah disepakati"
    if current is _S.DITANGANI and target is _S.SELESAI:
        return "mengakhiri layanan"
    if current is _S.DIRUJUK and target is _S.SELESAI:
        return "menyelesaikan permohonan setelah rujukan selesai"
    if target is _S.DISARING and current in {_S.DIALIHKAN, _S.DIRUJUK}:
        return "mengembalikan permohonan untuk diputuskan ulang"
    if target is _S.DISARING:
        return "meninjau ulang keputusan layanan"
    return f"mengubah status menjadi {target.label.lower()}"


def assent_closes(assent: Assent, status: RequestStatus) -> bool:
    """Whether recording ``assent`` closes a request that stands at ``status``.

    Counselling is voluntary, so *tidak bersedia* ends every open request that has not yet
    come to counselling; one already closed, finished or handed to another service or
    professional keeps its status and the refusal is only recorded (a referral ends by its own
    steps, ``domain.referrals``). The note on the refusal becomes the closing reason, so it is
    required exactly when this is true.

    A student *in* counselling (*dalam proses*) who withdraws keeps the case: its planned
    sessions are cancelled with the note as reason (``withdrawal_cancels``), no session is
    recorded while the assent stays withdrawn, and the counsellor closes the case when it ends
    or records *bersedia* again when the student comes back.
    """
    return (
        assent is Assent.TIDAK_BERSEDIA and status in OPEN_STATUSES and status is not _S.DITANGANI
    )


def withdrawal_cancels(assent: Assent, status: RequestStatus) -> bool:
    """Whether recording ``assent`` withdraws it from a request in counselling without
    closing it (``assent_closes``): its planned sessions are cancelled, with the note as
    the reason, so the note is required."""
    return assent is Assent.TIDAK_BERSEDIA and status is _S.DITANGANI


def allowed_targets(current: RequestStatus, assent: Assent) -> frozenset[RequestStatus]:
    """The moves a UI may offer right now (a reason may still be asked for)."""
    return frozenset(
        target
        for target in TRANSITIONS[current]
        if _assent_problem(current, target, assent) is None
        and (current, target) not in DECIDED_BY_SCREENING
    )


def _assent_problem(current: RequestStatus, target: RequestStatus, assent: Assent) -> str | None:
    if target in NEEDS_ASSENT and assent is not Assent.BERSEDIA:
        if assent is Assent.TIDAK_BERSEDIA:
            return (
                "Siswa menyatakan tidak bersedia, sehingga permohonan tidak dapat dijadwalkan "
                "atau dilaksanakan. Tutup permohonan dengan alasannya."
            )
        return (
            "Kesediaan siswa belum ditanyakan. Tanyakan dan catat kesediaannya sebelum "
            f"permohonan dapat berstatus {target.label.lower()}."
        )
    if target in BLOCKED_BY_REFUSAL and assent is Assent.TIDAK_BERSEDIA:
        return (
            "Siswa menyatakan tidak bersedia, sehingga permohonan tidak dapat menunggu jadwal. "
            "Tutup permohonan dengan alasannya."
        )
    return None


def transition(
    current: RequestStatus,
    target: RequestStatus,
    *,
    assent: Assent,
    reason: str | None = None,
    by_screening: bool = False,
) -> RequestStatus:
    """Move a request from ``current`` to ``target`` or explain why that is not allowed.

    Returns ``target`` so a service can write ``request.status = transition(...)``. Raises
    ``RuleViolation`` with an Indonesian message for a move outside ``TRANSITIONS``, a decision
    made around the screening, a move the student's assent does not allow, or a move that
    needs a reason without one that counts (``domain.reasons``).
    """
    problem = move_problem(current, target, assent=assent, reason=reason, by_screening=by_screening)
    if problem is not None:
        raise RuleViolation(problem)
    return target


def move_problem(
    current: RequestStatus,
    target: RequestStatus,
    *,
    assent: Assent,
    reason: str | None = None,
    by_screening: bool = False,
) -> str | None:
    """Why ``transition`` would refuse this move (Indonesian, for the user), or ``None``.

    A form that wants to say *why* a move is not offered asks this instead of trying the move
    and catching the refusal.
    """
    if target is current:
        return f"Permohonan sudah berstatus {current.label.lower()}."
    if target not in TRANSITIONS[current]:
        return (
            f"Permohonan berstatus {current.label.lower()} tidak dapat diubah menjadi "
            f"{target.label.lower()}."
        )
    if (current, target) in DECIDED_BY_SCREENING and not by_screening:
        return (
            f"Keputusan “{target.label.lower()}” dicatat melalui asesmen (Penyaringan), "
            "bersama alasan dan data layanannya; isi asesmennya."
        )
    problem = _assent_problem(current, target, assent)
    if problem is not None:
        return problem
    if needs_reason(current, target):
        return reason_problem(reason, reason_subject(current, target))
    return None


# -- intake --------------------------------------------------------------------------------------

BACKDATE_TOLERANCE = timedelta(minutes=15)
"""Typing a request takes a few minutes; receipt further back than this needs a reason."""

FUTURE_TOLERANCE = timedelta(minutes=5)
"""How far ahead of the clock a time may be entered (a PC clock a few minutes slow)."""


def is_backdated(received_at: datetime, now: datetime) -> bool:
    """Whether a request received at ``received_at`` is being recorded late enough that the
    record must say why (Prosedur 1: the 1×24 h clock starts at receipt, not at typing)."""
    return now - received_at > BACKDATE_TOLERANCE


# -- the stored request ----------------------------------------------------------------------


def is_darurat(urgency: Urgency, risk: RiskLevel | None) -> bool:
    """A request goes first when it was received as darurat *or* a screening judged its risk
    darurat; either alone is enough, and a later lower risk does not undo the urgency until a
    tindakan darurat is recorded (``shown_urgency``)."""
    return urgency is Urgency.DARURAT or risk is RiskLevel.DARURAT


_URGENCY_RANK: Mapping[Urgency, int] = {Urgency.BIASA: 0, Urgency.SEGERA: 1, Urgency.DARURAT: 2}

_URGENCY_OF_RISK: Mapping[RiskLevel, Urgency] = {
    RiskLevel.RENDAH: Urgency.BIASA,
    RiskLevel.SEDANG: Urgency.BIASA,
    RiskLevel.TINGGI: Urgency.SEGERA,
    RiskLevel.DARURAT: Urgency.DARURAT,
}


def urgency_of_risk(risk: RiskLevel) -> Urgency:
    """How soon a screened risk must be served, on the intake's scale."""
    return _URGENCY_OF_RISK[risk]


def shown_urgency(urgency: Urgency, risk: RiskLevel | None, *, acted: bool) -> Urgency:
    """The urgency Beranda shows (``domain.emergency``): the higher of intake and screening
    until a tindakan darurat is recorded (``acted``), then the screening's own judgement (the
    intake's before any screening). So a screening may lower or raise the intake's urgency,
    but a lower second look never hides a first alarm nobody has acted on."""
    if risk is None:
        return urgency
    judged = urgency_of_risk(risk)
    if acted:
        return judged
    return max(urgency, judged, key=_URGENCY_RANK.__getitem__)


@dataclass(frozen=True)
class RequestRecord:
    """A stored request with the student's name and rombel of the year asked for.

    ``risk`` is the latest screening's risk, ``None`` before the first screening.
    ``clock_started_at`` is the receipt the running 1×24 h clock counts from: ``received_at``,
    or the moment the request was received anew (reopened after *ditutup*, sent back from
    *dialihkan*/*dirujuk*). ``agreed_at`` is when a session time was first agreed in this
    clock (it decides the verdict, ``deadline_met``; moving or cancelling the slot never
    changes it); ``session_at`` is the start of its next planned counselling session (the agreed
    time), ``None`` when none is planned (e.g. after a cancelled slot). ``case_id`` is the case
    (``domain.counselling``) the permohonan belongs to, once it joined or opened one.
    ``clock_stopped_at`` is when the request left the scheduling path without an agreed time
    (decided for another service, closed), so a promise already broken then stays broken.
    ``emergency_acted_at`` is when the latest tindakan darurat was done, ``None`` while none
    answers the current darurat judgement (a screening that raises the request to darurat
    asks for a new one).
    """

    id: int
    student_id: int
    student_name: str
    rombel: str
    source: RequestSource
    referrer_name: str
    referrer_role: str
    received_at: datetime
    recorded_at: datetime
    backdate_reason: str
    received_by: str
    reason: str
    urgency: Urgency
    status: RequestStatus
    assent: Assent
    assent_date: date | None
    assent_note: str
    deadline_at: datetime
    agreed_at: datetime | None
    session_at: datetime | None
    deadline_met: bool | None
    risk: RiskLevel | None
    clock_started_at: datetime | None = None
    clock_stopped_at: datetime | None = None
    emergency_acted_at: datetime | None = None
    case_id: int | None = None
    case_owner_id: str | None = None
    """The counsellor who owns ``case_id``; with ``case_confidentiality`` it decides what other
    counsellors see of this permohonan (``domain.visibility.seen_request``)."""
    case_confidentiality: Confidentiality = Confidentiality.BIASA

    @property
    def shown_urgency(self) -> Urgency:
        """Intake's urgency and the screening's risk together (``shown_urgency``)."""
        return shown_urgency(self.urgency, self.risk, acted=self.emergency_acted_at is not None)

    @property
    def is_darurat(self) -> bool:
        return self.shown_urgency is Urgency.DARURAT

    @property
    def needs_emergency_action(self) -> bool:
        """Darurat with no tindakan darurat recorded yet: it stays on Beranda whatever its
        status, until someone records who did what and when (``domain.emergency``)."""
        return self.emergency_acted_at is None and self.is_darurat

    @property
    def receipt(self) -> datetime:
        """The receipt the running clock counts from (see ``clock_started_at``)."""
        return self.clock_started_at or self.received_at

    @property
    def waits_for_new_time(self) -> bool:
        """A slot was agreed and then cancelled: the verdict stands, a new time is awaited."""
        return (
            self.status is RequestStatus.MENUNGGU_JADWAL
            and self.agreed_at is not None
            and self.session_at is None
        )

    @property
    def is_read_only(self) -> bool:
        return is_read_only(self.status)

    def clock(self, now: datetime) -> DeadlineState | None:
        """Where the request stands against its 1×24 h deadline at ``now``.

        Once a time was agreed the first agreement is judged (met or missed) whatever happened
        after; a request still waiting is judged against ``now``; one that left the scheduling
        path without a time is judged at the moment it left (``clock_stopped_at``) if its
        deadline had passed by then, and otherwise has no clock: ``None``.
        """
        return clock_state(
            self.deadline_at,
            now,
            agreed_at=self.agreed_at,
            waiting=self.status in WAITING,
            stopped_at=self.clock_stopped_at,
        )


def clock_state(
    deadline_at: datetime,
    now: datetime,
    *,
    agreed_at: datetime | None,
    waiting: bool,
    stopped_at: datetime | None,
) -> DeadlineState | None:
    """One clock's state: the rule ``RequestRecord.clock`` and a past clock share."""
    if agreed_at is not None:
        return deadline_state(deadline_at, now, agreed_at)
    if waiting:
        return deadline_state(deadline_at, now)
    if stopped_at is not None and stopped_at > deadline_at:
        return deadline_state(deadline_at, stopped_at)
    return None


@dataclass(frozen=True)
class PastClock:
    """An earlier 1×24 h clock of a request received anew (reopened, sent back).

    Its verdict stays on record and counts in the month it was received (``started_at``).
    """

    request_id: int
    started_at: datetime
    deadline_at: datetime
    agreed_at: datetime | None
    stopped_at: datetime | None

    def clock(self, now: datetime) -> DeadlineState | None:
        return clock_state(
            self.deadline_at,
            now,
            agreed_at=self.agreed_at,
            waiting=False,
            stopped_at=self.stopped_at,
        )


RECEIVED_ANEW: frozenset[tuple[RequestStatus, RequestStatus]] = frozenset(
    {(_S.DITUTUP, _S.DITERIMA), (_S.DIALIHKAN, _S.DISARING), (_S.DIRUJUK, _S.DISARING)}
)
"""Moves that receive a request again: its clock restarts, the earlier verdict is kept."""

STOPS_THE_CLOCK: frozenset[RequestStatus] = frozenset(
    {_S.DIALIHKAN, _S.DIRUJUK, _S.SELESAI, _S.DITUTUP}
)
"""Statuses off the scheduling path: reaching one without an agreed time stops the clock."""


def earliest_agreement(
    record: RequestRecord,
    *,
    screened_at: datetime | None,
    assent_from: datetime | None,
) -> datetime:
    """The earliest moment a time can have been agreed for ``record``.

    A time is agreed with a screened, willing student on a running clock, so the agreement
    cannot precede the latest of: the receipt the clock counts from (receipt or reopening),
    the latest screening, and the start of the day assent was given (``assent_from``).
    """
    moments = [record.receipt]
    moments.extend(m for m in (screened_at, assent_from) if m is not None)
    return max(moments)


AGREEMENT_BACKDATE_TOLERANCE = timedelta(minutes=15)
"""Typing an agreed time takes a few minutes; an agreement further back needs a reason."""


def duplicate_of(open_requests: Iterable[RequestRecord], reason: str) -> RequestRecord | None:
    """An open request of the same student with the same reason, if one exists.

    Two identical open requests are almost always one request typed twice; the form warns and
    lets the counsellor decide (a second, genuinely new problem is allowed).
    """
    key = " ".join(reason.casefold().split())
    for record in open_requests:
        if record.status.is_open and " ".join(record.reason.casefold().split()) == key:
            return record
    return None


@dataclass(frozen=True)
class RequestEvent:
    """One line of a request's status history: who moved it, when, from where and why."""

    id: int
    request_id: int
    at: datetime
    account_id: str | None
    from_status: RequestStatus | None
    to_status: RequestStatus
    reason: str
