"""Requests for individual counselling and the path they may take.

The service standard fixes the order: a request is received (pengajuan), screened
(penyaringan), scheduled (penjadwalan) and then held (pelaksanaan). The status is therefore a
state machine, and ``transition`` is the only way to move it, so the UI cannot offer — and a
service cannot perform — a move the standard does not allow.

Edges of ``TRANSITIONS`` and why each exists:

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
terjadwal           ditangani           the first session was held (assent still required)
terjadwal           menunggu jadwal     the slot was cancelled; a new time must be agreed
terjadwal           ditutup             closed before the session (e.g. assent withdrawn)
ditangani           selesai             the case ended as planned
ditangani           dialihkan           moved to another service after counselling began
ditangani           dirujuk             referred out once the problem proved beyond competence
ditangani           ditutup             stopped early (assent withdrawn, student left school)
dialihkan           disaring            the other service was not enough: decide again
dirujuk             disaring            the referral was refused or handed back: decide again
ditutup             diterima            reopened, e.g. the student later became willing
==================  ==================  ==========================================================

``selesai`` has no way out: a new problem is a new request with its own 1×24 h clock. There is no
shortcut from ``diterima`` to scheduling, because screening is a required step (Prosedur 2).

Two guards rest on assent (asas kesukarelaan): a student who has not said *bersedia* cannot be
scheduled or counselled, and one who said *tidak bersedia* cannot even wait for a slot — saying
so closes a request that may still be closed (``assent_closes``). Closing and reopening need a
reason (``needs_reason``), because both are decisions someone must be able to account for.

A stored request is a domain record (``RequestRecord``): typed fields only (its risk is a
``RiskLevel`` or ``None``, never text), and the rules about one request — is it darurat, where
does its 1×24 h clock stand — are its properties here, so storage only converts text to enums
and the UI only shows the answers. Cases, counselling sessions and complaints take the same
shape: a frozen record in their own domain module with the rules beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType

from bk_desktop.domain.deadlines import DeadlineState, deadline_state
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.domain.risk import RiskLevel


class RequestSource(StrEnum):
    SISWA_SENDIRI = "siswa_sendiri"
    GURU_BK = "guru_bk"
    GURU_MAPEL = "guru_mapel"
    WALI_KELAS = "wali_kelas"
    ORANG_TUA = "orang_tua"
    KOTAK_MASALAH = "kotak_masalah"
    HASIL_INSTRUMEN = "hasil_instrumen"

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
        }


_SOURCE_LABELS: Mapping[RequestSource, str] = {
    RequestSource.SISWA_SENDIRI: "Siswa sendiri",
    RequestSource.GURU_BK: "Guru BK",
    RequestSource.GURU_MAPEL: "Guru mata pelajaran",
    RequestSource.WALI_KELAS: "Wali kelas",
    RequestSource.ORANG_TUA: "Orang tua/wali",
    RequestSource.KOTAK_MASALAH: "Kotak masalah",
    RequestSource.HASIL_INSTRUMEN: "Hasil instrumen",
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
    RequestStatus.DITANGANI: "Ditangani",
    RequestStatus.SELESAI: "Selesai",
    RequestStatus.DIALIHKAN: "Dialihkan",
    RequestStatus.DIRUJUK: "Dirujuk",
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
        _S.DITANGANI: frozenset({_S.SELESAI, _S.DIALIHKAN, _S.DIRUJUK, _S.DITUTUP}),
        _S.DIALIHKAN: frozenset({_S.DISARING}),
        _S.DIRUJUK: frozenset({_S.DISARING}),
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

# Statuses that put the student in front of the counsellor: assent must be given.
NEEDS_ASSENT: frozenset[RequestStatus] = frozenset({_S.TERJADWAL, _S.DITANGANI})
# Statuses that keep the request on the individual-counselling path: a refusal blocks them.
BLOCKED_BY_REFUSAL: frozenset[RequestStatus] = frozenset(
    {_S.MENUNGGU_JADWAL, _S.TERJADWAL, _S.DITANGANI}
)


def needs_reason(current: RequestStatus, target: RequestStatus) -> bool:
    """Whether moving from ``current`` to ``target`` must be explained: closing and reopening.

    Both are decisions someone must be able to account for later; every other move explains
    itself (a screening decision, an agreed time). A form asks this before it offers the field.
    """
    return target is _S.DITUTUP or current is _S.DITUTUP


def assent_closes(assent: Assent, status: RequestStatus) -> bool:
    """Whether recording ``assent`` closes a request that stands at ``status``.

    Counselling is voluntary, so *tidak bersedia* ends every request that may still be closed;
    one already closed or finished keeps its status and the refusal is only recorded. The note
    on the refusal becomes the closing reason, so it is required exactly when this is true.
    """
    return assent is Assent.TIDAK_BERSEDIA and _S.DITUTUP in TRANSITIONS[status]


def allowed_targets(current: RequestStatus, assent: Assent) -> frozenset[RequestStatus]:
    """The moves a UI may offer right now (a reason may still be asked for)."""
    return frozenset(
        target
        for target in TRANSITIONS[current]
        if _assent_problem(current, target, assent) is None
    )


def _assent_problem(current: RequestStatus, target: RequestStatus, assent: Assent) -> str | None:
    if target in NEEDS_ASSENT and assent is not Assent.BERSEDIA:
        if assent is Assent.TIDAK_BERSEDIA:
            return (
                "Siswa menyatakan tidak bersedia, sehingga permintaan tidak dapat dijadwalkan "
                "atau dilaksanakan. Tutup permintaan dengan alasannya."
            )
        return (
            "Kesediaan siswa belum ditanyakan. Tanyakan dan catat kesediaannya sebelum "
            f"permintaan dapat berstatus {target.label.lower()}."
        )
    if target in BLOCKED_BY_REFUSAL and assent is Assent.TIDAK_BERSEDIA:
        return (
            "Siswa menyatakan tidak bersedia, sehingga permintaan tidak dapat menunggu jadwal. "
            "Tutup permintaan dengan alasannya."
        )
    if current is _S.DITUTUP and assent is Assent.TIDAK_BERSEDIA:
        return (
            "Permintaan ditutup karena siswa tidak bersedia. Ubah dulu kesediaan siswa "
            "(bersedia atau belum ditanyakan) sebelum membukanya kembali."
        )
    return None


def transition(
    current: RequestStatus,
    target: RequestStatus,
    *,
    assent: Assent,
    reason: str | None = None,
) -> RequestStatus:
    """Move a request from ``current`` to ``target`` or explain why that is not allowed.

    Returns ``target`` so a service can write ``request.status = transition(...)``. Raises
    ``RuleViolation`` with an Indonesian message for a move outside ``TRANSITIONS``, a move the
    student's assent does not allow, or a closing/reopening without a reason.
    """
    problem = move_problem(current, target, assent=assent, reason=reason)
    if problem is not None:
        raise RuleViolation(problem)
    return target


def move_problem(
    current: RequestStatus,
    target: RequestStatus,
    *,
    assent: Assent,
    reason: str | None = None,
) -> str | None:
    """Why ``transition`` would refuse this move (Indonesian, for the user), or ``None``.

    A form that wants to say *why* a move is not offered asks this instead of trying the move
    and catching the refusal.
    """
    if target is current:
        return f"Permintaan sudah berstatus {current.label.lower()}."
    if target not in TRANSITIONS[current]:
        return (
            f"Permintaan berstatus {current.label.lower()} tidak dapat diubah menjadi "
            f"{target.label.lower()}."
        )
    problem = _assent_problem(current, target, assent)
    if problem is not None:
        return problem
    if needs_reason(current, target) and not (reason and reason.strip()):
        action = "membuka kembali" if current is _S.DITUTUP else "menutup"
        return f"Tuliskan alasan untuk {action} permintaan ini."
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
    darurat; either alone is enough, and a later lower risk does not undo the urgency."""
    return urgency is Urgency.DARURAT or risk is RiskLevel.DARURAT


@dataclass(frozen=True)
class RequestRecord:
    """A stored request with the student's name and rombel of the year asked for.

    ``risk`` is the latest screening's risk, ``None`` before the first screening.
    ``agreed_at`` is when a session time was first agreed (it decides the 1×24 h verdict,
    ``deadline_met``); ``session_at`` is the agreed time itself.
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

    @property
    def is_darurat(self) -> bool:
        return is_darurat(self.urgency, self.risk)

    def clock(self, now: datetime) -> DeadlineState | None:
        """Where the request stands against its 1×24 h deadline at ``now``.

        Once a time was agreed the agreement is judged (met or missed) whatever happened
        after; a request still waiting is judged against ``now``; one that left the scheduling
        path without a time (dialihkan, dirujuk, ditutup, selesai) has no clock: ``None``.
        """
        if self.agreed_at is not None:
            return deadline_state(self.deadline_at, now, self.agreed_at)
        if self.status in WAITING:
            return deadline_state(self.deadline_at, now)
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
