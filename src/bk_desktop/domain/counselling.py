"""Counselling sessions and cases: the standard's product and the rules around it.

A **session** (sesi konseling) belongs to a permohonan. It is planned (start, length, place,
tatap muka or daring) and then ends in one of three ways: held (*selesai*), cancelled (*batal*)
or missed (*tidak hadir*); the last two carry a reason. Jangka waktu says a session lasts 30–45
minutes, so a planned length or an actual duration outside that needs a reason
(``length_problem``).

A held session is recorded with the standard's product (DOMAIN.md §2):

- the **penilaian segera (laiseg)** in UCA form — *Understanding* (what the student now
  understands about themself), *Comfort* (how the student feels), *Action* (what the student
  will do);
- the **alternatif solusi** considered, one of them chosen;
- the **rencana aksi**: items with what, support from whom, by when and a review date.

**Finalising** a session makes its record read-only; what is learnt later is an *addendum* with
its own time and author, so a record shown to a principal or printed for the file is the one
written at the time.

A **case** (kasus) is the line in the buku kasus. It opens when the first session of a
permohonan is recorded as held (pertemuan ke-1); later sessions of that student's permohonan in
the case continue its numbering. It carries the studi-kasus headings (identifikasi, diagnosis,
prognosis, treatment), its bidang and confidentiality level, and the buku-kasus status. The
permohonan follows its case: *Dalam proses* while the case is open, *Selesai* when it closes
(``request_status_on_close``); a permohonan that leaves counselling another way (referred out,
moved to another service, closed) closes its case with the matching status
(``case_status_after_request``).

**Follow-ups** (DOMAIN.md §2): *laijapen* checks soon after the action items are due whether the
first actions happened (``laijapen_due``); *laijapang* checks in the next semester whether the
problem changed (``laijapang_due``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from bk_desktop.domain.academic import AcademicYear, Semester, Term
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.reasons import reason_problem
from bk_desktop.domain.requests import RequestStatus
from bk_desktop.domain.screening import Bidang
from bk_desktop.domain.sight import Confidentiality as Confidentiality  # noqa: PLC0414 (re-exported: the case's level)
from bk_desktop.domain.sight import Sight
from bk_desktop.domain.text import LINE_MAX, NOTE_MAX, length_problem

# -- lengths ---------------------------------------------------------------------------------

DEFAULT_MINUTES = 45
MIN_MINUTES = 30
MAX_MINUTES = 45
LONGEST_MINUTES = 240
"""No session is planned or recorded longer than this (a typing slip, not a long session)."""

DEFAULT_PLACE = "Ruang BK"

FUTURE_TOLERANCE = timedelta(minutes=5)


def length_needs_reason(minutes: int) -> bool:
    """Whether a session of ``minutes`` is outside the standard's 30–45 minutes."""
    return not MIN_MINUTES <= minutes <= MAX_MINUTES


def length_problem_of(minutes: int, reason: str, *, what: str = "Lama sesi") -> str | None:
    """Why a length of ``minutes`` is refused (Indonesian), or ``None``.

    Zero or negative, or longer than four hours, is a slip; outside 30–45 minutes is allowed
    with a reason."""
    if minutes <= 0:
        return f"{what} harus lebih dari 0 menit."
    if minutes > LONGEST_MINUTES:
        return f"{what} paling lama {LONGEST_MINUTES} menit; periksa kembali waktunya."
    if length_needs_reason(minutes):
        return reason_problem(
            reason,
            f"{what.lower()} {minutes} menit, di luar {MIN_MINUTES}–{MAX_MINUTES} menit menurut "
            "standar",
        )
    return None


# -- records' vocabularies --------------------------------------------------------------------


class SessionMode(StrEnum):
    TATAP_MUKA = "tatap_muka"
    DARING = "daring"

    @property
    def label(self) -> str:
        return {SessionMode.TATAP_MUKA: "Tatap muka", SessionMode.DARING: "Daring"}[self]


class SessionStatus(StrEnum):
    TERJADWAL = "terjadwal"
    SELESAI = "selesai"
    BATAL = "batal"
    TIDAK_HADIR = "tidak_hadir"

    @property
    def label(self) -> str:
        return _SESSION_LABELS[self]

    @property
    def needs_reason(self) -> bool:
        return self in {SessionStatus.BATAL, SessionStatus.TIDAK_HADIR}


_SESSION_LABELS: Mapping[SessionStatus, str] = {
    SessionStatus.TERJADWAL: "Terjadwal",
    SessionStatus.SELESAI: "Selesai",
    SessionStatus.BATAL: "Batal",
    SessionStatus.TIDAK_HADIR: "Tidak hadir",
}

MIGRATED_LABEL = "Selesai (dipindahkan, tanpa catatan)"
NEEDS_RECORDING_LABEL = "Perlu dicatat"


class CaseStatus(StrEnum):
    """The buku kasus status."""

    PROSES = "proses"
    SELESAI = "selesai"
    TINDAK_LANJUT = "tindak_lanjut"
    DIALIHTANGANKAN = "dialihtangankan"

    @property
    def label(self) -> str:
        return _CASE_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self is CaseStatus.PROSES


_CASE_LABELS: Mapping[CaseStatus, str] = {
    CaseStatus.PROSES: "Proses",
    CaseStatus.SELESAI: "Selesai",
    CaseStatus.TINDAK_LANJUT: "Tindak lanjut",
    CaseStatus.DIALIHTANGANKAN: "Dialihtangankan",
}

CLOSING_BY_HAND: tuple[CaseStatus, ...] = (CaseStatus.SELESAI, CaseStatus.TINDAK_LANJUT)
"""What the counsellor may close a case as; *dialihtangankan* comes from the referral decision
(a screening that refers the permohonan out)."""


class ActionStatus(StrEnum):
    BELUM = "belum"
    TERLAKSANA = "terlaksana"
    TIDAK_TERLAKSANA = "tidak_terlaksana"

    @property
    def label(self) -> str:
        return {
            ActionStatus.BELUM: "Belum ditinjau",
            ActionStatus.TERLAKSANA: "Terlaksana",
            ActionStatus.TIDAK_TERLAKSANA: "Tidak terlaksana",
        }[self]


class FollowUpKind(StrEnum):
    LAIJAPEN = "laijapen"
    LAIJAPANG = "laijapang"

    @property
    def label(self) -> str:
        return {
            FollowUpKind.LAIJAPEN: "Laijapen (jangka pendek)",
            FollowUpKind.LAIJAPANG: "Laijapang (jangka panjang)",
        }[self]


# -- the request and its case -----------------------------------------------------------------


def request_status_on_close(status: CaseStatus) -> RequestStatus:
    """Where a permohonan in counselling goes when its case closes as ``status``."""
    if status is CaseStatus.DIALIHTANGANKAN:
        return RequestStatus.DIRUJUK
    return RequestStatus.SELESAI


_CASE_AFTER_REQUEST: Mapping[RequestStatus, CaseStatus] = {
    RequestStatus.SELESAI: CaseStatus.SELESAI,
    RequestStatus.DITUTUP: CaseStatus.SELESAI,
    RequestStatus.DIALIHKAN: CaseStatus.TINDAK_LANJUT,
    RequestStatus.DIRUJUK: CaseStatus.DIALIHTANGANKAN,
}


def case_status_after_request(target: RequestStatus) -> CaseStatus | None:
    """The status an open case takes when its last permohonan in counselling moves to
    ``target``; ``None`` when the case stays open (re-screened, or back to waiting)."""
    return _CASE_AFTER_REQUEST.get(target)


def case_code(year: int, number: int) -> str:
    """The case's number in the buku kasus: "014/2026"."""
    return f"{number:03d}/{year}"


# -- forms ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionPlan:
    """A session to hold: when, how long, where, how."""

    start: datetime
    minutes: int = DEFAULT_MINUTES
    place: str = DEFAULT_PLACE
    mode: SessionMode = SessionMode.TATAP_MUKA
    length_reason: str = ""

    def validate(self) -> list[ValidationError]:
        errors: list[ValidationError] = []
        if self.start.tzinfo is None:
            errors.append(ValidationError("Waktu sesi harus menyertakan zona waktu.", "start"))
        problem = length_problem_of(self.minutes, self.length_reason)
        if problem is not None:
            field_name = "length_reason" if 0 < self.minutes <= LONGEST_MINUTES else "minutes"
            errors.append(ValidationError(problem, field_name))
        if not " ".join(self.place.split()):
            errors.append(ValidationError("Tuliskan tempat sesi (mis. Ruang BK).", "place"))
        problem = length_problem(self.place, LINE_MAX, "Tempat")
        if problem is not None:
            errors.append(ValidationError(problem, "place"))
        return errors


@dataclass(frozen=True)
class Alternative:
    """One solution considered with the student; ``chosen`` marks the one taken."""

    text: str
    chosen: bool = False


@dataclass(frozen=True)
class ActionItemDraft:
    """One line of the rencana aksi as the form holds it."""

    what: str
    support: str = ""
    due_on: date | None = None
    review_on: date | None = None
    status: ActionStatus = ActionStatus.BELUM
    id: int | None = None


@dataclass(frozen=True)
class SessionReport:
    """What happened in a held session: times, notes and the product."""

    actual_start: datetime
    actual_end: datetime
    duration_reason: str = ""
    notes: str = ""
    understanding: str = ""
    comfort: str = ""
    action: str = ""
    alternatives: tuple[Alternative, ...] = ()
    action_items: tuple[ActionItemDraft, ...] = ()

    @property
    def minutes(self) -> int:
        return round((self.actual_end - self.actual_start).total_seconds() / 60)

    def validate(self, *, now: datetime, earliest: datetime | None = None) -> list[ValidationError]:
        """Problems of the record; ``earliest`` is when the permohonan was received (a session
        cannot be held before it)."""
        errors: list[ValidationError] = []
        if self.actual_start.tzinfo is None or self.actual_end.tzinfo is None:
            errors.append(ValidationError("Waktu sesi harus menyertakan zona waktu.", "actual"))
            return errors
        if self.actual_end <= self.actual_start:
            errors.append(ValidationError("Waktu selesai harus sesudah waktu mulai.", "actual_end"))
        elif self.actual_end > now + FUTURE_TOLERANCE:
            errors.append(
                ValidationError(
                    "Sesi belum berakhir: waktu selesai tidak boleh di masa depan. Catat sesi "
                    "setelah dilaksanakan.",
                    "actual_end",
                )
            )
        else:
            problem = length_problem_of(
                self.minutes, self.duration_reason, what="Lama sesi sebenarnya"
            )
            if problem is not None:
                errors.append(ValidationError(problem, "duration_reason"))
        if earliest is not None and self.actual_start < earliest:
            errors.append(
                ValidationError(
                    "Sesi tidak dapat dilaksanakan sebelum permohonannya diterima.",
                    "actual_start",
                )
            )
        for text, what, key in (
            (self.notes, "Catatan sesi", "notes"),
            (self.understanding, "Understanding", "understanding"),
            (self.comfort, "Comfort", "comfort"),
            (self.action, "Action", "action"),
            (self.duration_reason, "Alasan lama sesi", "duration_reason"),
        ):
            problem = length_problem(text, NOTE_MAX, what)
            if problem is not None:
                errors.append(ValidationError(problem, key))
        errors.extend(_alternative_problems(self.alternatives))
        day = self.actual_start.date()
        for index, item in enumerate(self.action_items, start=1):
            errors.extend(_action_item_problems(item, index, held_on=day))
        return errors

    def finalise_problems(self) -> list[ValidationError]:
        """What must be there before the record is made read-only: the laiseg (UCA)."""
        errors: list[ValidationError] = []
        for text, what, key in (
            (self.understanding, "Understanding (apa yang kini dipahami siswa)", "understanding"),
            (self.comfort, "Comfort (apa yang dirasakan siswa)", "comfort"),
            (self.action, "Action (apa yang akan dilakukan siswa)", "action"),
        ):
            if not text.strip():
                errors.append(
                    ValidationError(f"Isi penilaian segera {what} sebelum sesi difinalkan.", key)
                )
        return errors


def _alternative_problems(alternatives: Sequence[Alternative]) -> list[ValidationError]:
    errors: list[ValidationError] = []
    for index, alternative in enumerate(alternatives, start=1):
        if not alternative.text.strip():
            errors.append(
                ValidationError(
                    f"Alternatif {index} kosong; isi atau hapus barisnya.", "alternatives"
                )
            )
        problem = length_problem(alternative.text, LINE_MAX, f"Alternatif {index}")
        if problem is not None:
            errors.append(ValidationError(problem, "alternatives"))
    if sum(1 for a in alternatives if a.chosen) > 1:
        errors.append(
            ValidationError(
                "Pilih satu alternatif yang disepakati (sekarang lebih dari satu).", "alternatives"
            )
        )
    return errors


def _action_item_problems(
    item: ActionItemDraft, index: int, *, held_on: date
) -> list[ValidationError]:
    errors: list[ValidationError] = []
    where = f"Rencana aksi {index}"
    if not item.what.strip():
        errors.append(
            ValidationError(f"{where}: tuliskan apa yang akan dilakukan.", "action_items")
        )
    for text, what in ((item.what, "isi"), (item.support, "dukungan")):
        problem = length_problem(text, LINE_MAX, f"{where} ({what})")
        if problem is not None:
            errors.append(ValidationError(problem, "action_items"))
    if item.due_on is None:
        errors.append(
            ValidationError(f"{where}: isi tanggal batas waktunya (kapan).", "action_items")
        )
    elif item.due_on < held_on:
        errors.append(
            ValidationError(f"{where}: batas waktu tidak boleh sebelum sesi.", "action_items")
        )
    if item.review_on is not None and item.due_on is not None and item.review_on < held_on:
        errors.append(
            ValidationError(
                f"{where}: tanggal peninjauan tidak boleh sebelum sesi.", "action_items"
            )
        )
    return errors


@dataclass(frozen=True)
class CaseDraft:
    """The studi-kasus headings and the case's classification, as the case form edits them."""

    bidang: frozenset[Bidang]
    confidentiality: Confidentiality = Confidentiality.BIASA
    identification: str = ""
    diagnosis: str = ""
    prognosis: str = ""
    treatment_goal: str = ""
    treatment_approach: str = ""
    treatment_technique: str = ""

    def validate(self) -> list[ValidationError]:
        errors: list[ValidationError] = []
        if not self.bidang:
            errors.append(ValidationError("Pilih paling sedikit satu bidang layanan.", "bidang"))
        for text, what, key in (
            (self.identification, "Identifikasi kasus", "identification"),
            (self.diagnosis, "Diagnosis", "diagnosis"),
            (self.prognosis, "Prognosis", "prognosis"),
            (self.treatment_goal, "Tujuan treatment", "treatment_goal"),
            (self.treatment_approach, "Pendekatan", "treatment_approach"),
            (self.treatment_technique, "Teknik", "treatment_technique"),
        ):
            problem = length_problem(text, NOTE_MAX, what)
            if problem is not None:
                errors.append(ValidationError(problem, key))
        return errors


def close_problem(
    status: CaseStatus, closed_on: date, reason: str, *, opened_on: date, today: date
) -> str | None:
    """Why a case cannot be closed like this (Indonesian), or ``None``."""
    if status not in CLOSING_BY_HAND:
        return (
            "Kasus ditutup sebagai selesai atau tindak lanjut; alih tangan kasus diputuskan "
            "melalui asesmen ulang di Penyaringan."
        )
    if closed_on > today:
        return "Tanggal penutupan kasus tidak boleh di masa depan."
    if closed_on < opened_on:
        return "Tanggal penutupan kasus tidak boleh sebelum kasus dibuka."
    return reason_problem(reason, f"menutup kasus sebagai {status.label.lower()}")


# -- follow-up dates ----------------------------------------------------------------------------

LAIJAPEN_AFTER = timedelta(days=7)


def laijapen_due(held_on: date, action_due: Iterable[date]) -> date:
    """Short-term follow-up: a week after the last action item is due (a week after the
    session when there is none)."""
    return max([held_on, *action_due]) + LAIJAPEN_AFTER


def next_term(term: Term, configured: Sequence[Term] = ()) -> Term:
    """The semester after ``term``, as the school dated it or by the default calendar."""
    if term.semester is Semester.GANJIL:
        key = (term.year, Semester.GENAP)
    else:
        key = (AcademicYear(term.year.start + 1), Semester.GANJIL)
    for candidate in configured:
        if candidate.key == key:
            return candidate
    return Term.default(*key)


def laijapang_due(day: date, term: Term, configured: Sequence[Term] = ()) -> date:
    """Long-term follow-up: the same week of the next semester (counted from each semester's
    first day), kept inside that semester."""
    following = next_term(term, configured)
    week = max(0, (day - term.dates.start).days // 7)
    due = following.dates.start + timedelta(days=7 * week)
    return min(due, following.dates.end)


# -- stored records -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionRecord:
    """A stored session with its student (for lists) and the numbers it was held as.

    ``number`` is the pertemuan ke-n within the case, set when the session is recorded as held.
    ``migrated`` marks a session made from an agreed time stored before sessions existed: it was
    held, but nothing was recorded about it.
    """

    id: int
    request_id: int
    case_id: int | None
    counsellor_id: str
    student_id: int
    student_name: str
    rombel: str
    planned_start: datetime
    planned_minutes: int
    length_reason: str
    place: str
    mode: SessionMode
    status: SessionStatus
    status_reason: str
    number: int | None
    actual_start: datetime | None
    actual_end: datetime | None
    duration_reason: str
    notes: str
    understanding: str
    comfort: str
    action: str
    finalised_at: datetime | None
    finalised_by: str | None
    migrated: bool
    counsellor_name: str = ""
    case_owner_id: str | None = None
    """The counsellor who owns the session's case (its permohonan's case before it is held
    in one); ``None`` while no case exists."""
    confidentiality: Confidentiality = Confidentiality.BIASA
    """The case's level (``biasa`` while no case exists)."""
    sight: Sight = Sight.FULL
    """How much of it the signed-in account sees (``domain.visibility``)."""

    @property
    def owner_id(self) -> str:
        """Whose the session is: its case's owner, else the counsellor it is planned with."""
        return self.case_owner_id or self.counsellor_id

    @property
    def planned_end(self) -> datetime:
        return self.planned_start + timedelta(minutes=self.planned_minutes)

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None or self.migrated

    def needs_recording(self, now: datetime) -> bool:
        """Planned, its time has come and gone, and nothing was recorded: *perlu dicatat*."""
        return self.status is SessionStatus.TERJADWAL and self.planned_start <= now

    def status_label(self, now: datetime) -> str:
        if self.migrated:
            return MIGRATED_LABEL
        if self.needs_recording(now):
            return NEEDS_RECORDING_LABEL
        if self.status is SessionStatus.SELESAI and self.finalised_at is None:
            return "Selesai (belum final)"
        return self.status.label

    @property
    def actual_minutes(self) -> int | None:
        if self.actual_start is None or self.actual_end is None:
            return None
        return round((self.actual_end - self.actual_start).total_seconds() / 60)


@dataclass(frozen=True)
class ActionItem:
    id: int
    session_id: int
    case_id: int
    position: int
    what: str
    support: str
    due_on: date
    review_on: date | None
    status: ActionStatus


@dataclass(frozen=True)
class Addendum:
    id: int
    session_id: int
    at: datetime
    author_id: str | None
    author_name: str
    text: str


@dataclass(frozen=True)
class FollowUp:
    id: int
    case_id: int
    kind: FollowUpKind
    due_on: date
    done_on: date | None
    result: str
    recorded_by: str | None


@dataclass(frozen=True)
class CaseRecord:
    """A line of the buku kasus with its student and counsellor."""

    id: int
    year: int
    number: int
    student_id: int
    student_name: str
    rombel: str
    counsellor_id: str
    counsellor_name: str
    opened_at: datetime
    bidang: frozenset[Bidang]
    confidentiality: Confidentiality
    identification: str
    diagnosis: str
    prognosis: str
    treatment_goal: str
    treatment_approach: str
    treatment_technique: str
    status: CaseStatus
    closed_on: date | None
    close_reason: str
    sessions_held: int = 0
    next_session: datetime | None = None
    problem: str = ""
    request_ids: tuple[int, ...] = field(default=())
    sight: Sight = Sight.FULL
    """How much of it the signed-in account sees (``domain.visibility``)."""

    @property
    def code(self) -> str:
        return case_code(self.year, self.number)

    @property
    def draft(self) -> CaseDraft:
        return CaseDraft(
            bidang=self.bidang,
            confidentiality=self.confidentiality,
            identification=self.identification,
            diagnosis=self.diagnosis,
            prognosis=self.prognosis,
            treatment_goal=self.treatment_goal,
            treatment_approach=self.treatment_approach,
            treatment_technique=self.treatment_technique,
        )


def bidang_text(bidang: Iterable[Bidang]) -> str:
    """Stored form: sorted, comma-separated values (as the screening stores them)."""
    return ",".join(sorted(b.value for b in bidang))


def parse_bidang(text: str) -> frozenset[Bidang]:
    return frozenset(Bidang(v) for v in text.split(",") if v)
