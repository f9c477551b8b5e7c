"""Requests for individual counselling: intake, the student's assent, status moves, scheduling.

Public API (the Permohonan tab and intake dialog code against this)::

    RequestService(workspace)
        create(form: RequestForm, *, allow_duplicate: bool = False) -> int
            # RequestInvalid / RuleViolation (not aktif) / DuplicateRequest (warning) /
            # OpenCaseQuestion (the student has an open case: join it? form.join_case)
        duplicate_of(student_id: int, reason: str) -> RequestRecord | None
        get(request_id: int) -> RequestRecord
        item(request_id: int, now: datetime | None = None) -> RequestItem
        list(statuses: Collection[RequestStatus] | None = None, student_id: int | None = None,
             now: datetime | None = None, newest_first: bool = True) -> list[RequestItem]
        set_assent(request_id: int, assent: Assent, *, on: date | None = None,
                   note: str = "") -> RequestStatus      # closes when rules.assent_closes
        transition(request_id: int, target: RequestStatus,
                   reason: str | None = None) -> RequestStatus
        agree_schedule(request_id: int, at: datetime, *, agreed_at: datetime | None = None,
                       backdate_reason: str = "") -> DeadlineState
        cancel_schedule(request_id: int, reason: str) -> RequestStatus
        record_emergency_action(request_id: int, form: EmergencyActionForm) -> int
            # EmergencyActionInvalid / RuleViolation (not darurat)
        emergency_actions(request_id: int) -> list[EmergencyAction]
        departed_open() -> list[RequestRecord]      # open permohonan of students who left
        close_departed() -> int                     # "Tutup semua": closes them, with reasons
        allowed_targets(request_id: int) -> frozenset[RequestStatus]   # what transition() takes
        events(request_id: int) -> list[RequestEvent]                  # the status history
        deadline_for(received_at: datetime) -> datetime                # the 1×24 h rule now

    scheduling_policy(settings) -> SchedulingPolicy

The status is moved only through ``domain.requests.transition``: an illegal move raises
``RuleViolation`` before anything is written. Every move is stored in ``request_event`` (with
its reason, which must count by ``domain.reasons``) and audited as ``REQUEST_STATUS`` with
"from>to" as detail. Every move but closing first checks that the student is still enrolled:
a student who left is not screened, scheduled or counselled, only their open permohonan closed
(``departed_open``/``close_departed``, Beranda's grouped task).

The clock (glossary, "Clock"): ``agree_schedule`` is the way to *terjadwal* and plans the
first counselling session (``plan``: length, place, way); ``at`` is the agreed session time,
``agreed_at`` (default now) the moment it was agreed. The first agreement decides the verdict;
cancelling the slot (``cancel_schedule``, with a reason) or agreeing a new time never changes
it. An agreement recorded more than a quarter of an hour back needs a reason, cannot precede
the latest of receipt, reopening, screening and assent, and is audited
(``REQUEST_AGREEMENT_BACKDATED``). *Dalam proses* comes only from recording that session as
held (``CounsellingService.record_session``); ``transition`` refuses it. A request reopened
after *ditutup*, or sent back from *dialihkan*/*dirujuk*, is received anew: the running clock
is kept as a past clock with its verdict, a new one starts, and after reopening the assent is
asked again. Screening moves (*disaring* and the decision) go through
``ScreeningService.record``. *Selesai* and *ditutup* requests are read-only.

Darurat is kept in view (``domain.emergency``): a darurat permohonan stays on Beranda,
whatever its status, until ``record_emergency_action`` stores who did what and when. A
*dialihtangankan* permohonan leaves that status (closed, or screened again) only once its
referral has ended (``domain.referrals.request_move_problem``; ``ReferralService`` records
the referral's steps).

The records and the rules about one request are the domain's (``domain.requests``:
``RequestRecord``, ``needs_reason``, ``assent_closes``, ``is_backdated``); they are re-exported
here for the UI, which asks them instead of keeping copies.
"""

from __future__ import annotations

import builtins
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from bk_desktop.domain import requests as rules
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.counselling import SessionPlan, case_status_after_request
from bk_desktop.domain.dates import format_instant
from bk_desktop.domain.deadlines import (
    DeadlineKind,
    DeadlineState,
    SchedulingPolicy,
    countdown_text,
    scheduling_deadline,
    waiting_again_text,
)
from bk_desktop.domain.emergency import EmergencyAction, EmergencyActionForm
from bk_desktop.domain.errors import KnownError, RuleViolation, ValidationError
from bk_desktop.domain.reasons import reason_problem
from bk_desktop.domain.referrals import request_move_problem
from bk_desktop.domain.requests import (
    AWAITING_SCREENING,
    BACKDATE_TOLERANCE,
    FUTURE_TOLERANCE,
    WAITING,
    Assent,
    RequestEvent,
    RequestRecord,
    RequestSource,
    RequestStatus,
    Urgency,
    is_backdated,
)
from bk_desktop.domain.settings import Settings
from bk_desktop.domain.students import ensure_can_be_served
from bk_desktop.domain.text import (
    LINE_MAX,
    NAME_MAX,
    NOTE_MAX,
    clean_line,
    clean_text,
    length_problem,
)
from bk_desktop.domain.visibility import require_counsellor, seen_request
from bk_desktop.services.calendar import check_slot
from bk_desktop.services.consents import require_consent_not_withdrawn
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import (
    counselling_repo,
    referrals_repo,
    requests_repo,
    scheduling_repo,
    screening_repo,
    students_repo,
)
from bk_desktop.storage.requests_repo import NewRequest

__all__ = [
    "AWAITING_SCREENING",
    "BACKDATE_TOLERANCE",
    "FUTURE_TOLERANCE",
    "WAITING",
    "DuplicateRequest",
    "EmergencyAction",
    "EmergencyActionForm",
    "EmergencyActionInvalid",
    "OpenCaseQuestion",
    "RequestEvent",
    "RequestForm",
    "RequestInvalid",
    "RequestItem",
    "RequestRecord",
    "RequestService",
    "move_request",
    "scheduling_policy",
]

REASON_MAX = 1000


class RequestInvalid(ValidationError):
    """All problems of an intake form; ``message``/``field`` are the first one's."""

    def __init__(self, errors: Sequence[ValidationError]) -> None:
        super().__init__(errors[0].message, errors[0].field)
        self.errors = list(errors)


class EmergencyActionInvalid(ValidationError):
    """All problems of a tindakan darurat form; ``message``/``field`` are the first one's."""

    def __init__(self, errors: Sequence[ValidationError]) -> None:
        super().__init__(errors[0].message, errors[0].field)
        self.errors = list(errors)


class DuplicateRequest(KnownError):
    """A warning, not a refusal: the student already has an open permohonan with this reason.

    The form asks whether this is really a second one and calls ``create`` again with
    ``allow_duplicate=True`` when it is.
    """

    def __init__(self, existing: RequestRecord) -> None:
        super().__init__(
            f"{existing.student_name} sudah memiliki permohonan terbuka dengan alasan yang sama "
            f"(berstatus {existing.status.label.lower()}). Bila ini permohonan yang sama, tidak "
            "perlu dicatat lagi; bila memang permohonan baru, catat tetap."
        )
        self.existing = existing


class OpenCaseQuestion(KnownError):
    """A question, not a refusal: the student has an open case; should the new permohonan
    join it (its sessions continue the case's numbering) or stand on its own?

    The form asks and calls ``create`` again with ``join_case`` true or false.
    """

    def __init__(self, case_id: int, code: str, student_name: str) -> None:
        super().__init__(
            f"{student_name} sedang menjalani kasus {code} yang masih dalam proses. "
            "Gabungkan permohonan baru ini ke kasus itu (sesinya melanjutkan pertemuan kasus "
            "tersebut), atau catat sebagai permohonan tersendiri?"
        )
        self.case_id = case_id
        self.code = code


@dataclass(frozen=True)
class RequestForm:
    """The intake form. ``received_at`` ``None`` means now; an earlier time needs
    ``backdate_reason``. ``join_case`` answers ``OpenCaseQuestion``: ``None`` asks when the
    student has an open case, true joins it, false keeps the permohonan on its own."""

    student_id: int
    source: RequestSource
    reason: str
    urgency: Urgency = Urgency.BIASA
    referrer_name: str = ""
    referrer_role: str = ""
    received_at: datetime | None = None
    backdate_reason: str = ""
    join_case: bool | None = None


@dataclass(frozen=True)
class RequestItem:
    """A request as a list shows it: the record, its clock (``None`` once the request left the
    scheduling path without a time, e.g. dialihkan) and the countdown text."""

    record: RequestRecord
    deadline: DeadlineState | None
    countdown: str

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def is_overdue(self) -> bool:
        return self.deadline is not None and self.deadline.is_late


def scheduling_policy(settings: Settings) -> SchedulingPolicy:
    return SchedulingPolicy(
        hours=24,
        school_days_only=settings.school_days_only,
        weekend=settings.weekend_days,
        holidays=settings.holiday_dates,
    )


def clock_of(record: RequestRecord, now: datetime) -> tuple[DeadlineState | None, str]:
    """The request's 1×24 h state at ``now`` (``RequestRecord.clock``) and its countdown text."""
    state = record.clock(now)
    if state is None:
        return None, ""
    if record.status is RequestStatus.MENUNGGU_JADWAL and state.kind in (
        DeadlineKind.MET,
        DeadlineKind.MISSED,
    ):
        return state, waiting_again_text(state)  # its slot was cancelled
    return state, countdown_text(state)


def ensure_enrolled(workspace: Workspace, record: RequestRecord) -> None:
    """Refuse serving a request whose student has left (pindah, lulus, keluar)."""
    student = students_repo.load_student(workspace.db, record.student_id)
    if student is None:
        raise KnownError("Siswa permohonan ini tidak ditemukan.")
    try:
        ensure_can_be_served(student)
    except RuleViolation as refusal:
        raise RuleViolation(
            f"{refusal.message} Tutup permohonannya (Beranda: “Tutup semua”)."
        ) from None


def ensure_referral_ended(
    workspace: Workspace, record: RequestRecord, target: RequestStatus
) -> None:
    """Refuse moving a *dialihtangankan* permohonan while its referral still runs."""
    problem = request_move_problem(referrals_repo.latest_status(workspace.db, record.id), target)
    if problem is not None:
        raise RuleViolation(problem)


def move_request(
    workspace: Workspace,
    record: RequestRecord,
    target: RequestStatus,
    reason: str | None,
    *,
    by_screening: bool = False,
    case_follows: bool = True,
) -> RequestStatus:
    """Check a move with the domain, store it with its history row, and audit it.

    Also keeps the clock: a move off the scheduling path stops it, a move that receives the
    request anew (``RECEIVED_ANEW``) keeps the old clock and starts a new one, and cancelling a
    slot drops the slot but not the verdict. Callers hold the transaction; a refusal raises
    before anything is written.

    Keeps the sessions and the case in step: a permohonan that leaves the counselling path
    (anything but *terjadwal* and *dalam proses*) has its planned sessions cancelled with this
    move's reason, and when the last open permohonan of an open case moves to an end (selesai,
    ditutup, dialihkan, dirujuk) the case closes with the matching buku-kasus
    status (``domain.counselling.case_status_after_request``) unless ``case_follows`` is
    false (the case is closing and moves its permohonan itself).
    """
    reason = clean_text(reason or "")
    problem = length_problem(reason, NOTE_MAX, "Alasan")
    if problem is not None:
        raise ValidationError(problem, "reason")
    rules.transition(
        record.status, target, assent=record.assent, reason=reason, by_screening=by_screening
    )
    if record.status is RequestStatus.DIRUJUK:
        ensure_referral_ended(workspace, record, target)
    if target is not RequestStatus.DITUTUP:
        ensure_enrolled(workspace, record)
    db = workspace.db
    now = workspace.now()
    requests_repo.set_status(
        db,
        record.id,
        record.status,
        target,
        at=now,
        account_id=workspace.account.id,
        reason=reason,
    )
    if (record.status, target) in rules.RECEIVED_ANEW:
        settings = workspace.settings()
        deadline = scheduling_deadline(now, scheduling_policy(settings), settings.zone)
        requests_repo.receive_anew(db, record.id, at=now, deadline_at=deadline)
        if record.status is RequestStatus.DITUTUP:
            requests_repo.reset_assent(db, record.id)
    elif target in rules.STOPS_THE_CLOCK:
        requests_repo.stop_clock(db, record.id, now)
    workspace.audit(
        AuditKind.REQUEST_STATUS,
        target_kind="request",
        target_id=str(record.id),
        detail=f"{record.status.value}>{target.value}",
    )
    if target not in rules.IN_COUNSELLING:
        counselling_repo.cancel_planned(
            db, record.id, reason or f"Permohonan {target.label.lower()}.", now
        )
    if case_follows and record.case_id is not None:
        _case_follows(workspace, record.case_id, target, reason or target.label)
    return target


def _case_follows(workspace: Workspace, case_id: int, target: RequestStatus, reason: str) -> None:
    """Close an open case whose last open permohonan just left for an end."""
    status = case_status_after_request(target)
    db = workspace.db
    if status is None or not counselling_repo.case_is_open(db, case_id):
        return
    if counselling_repo.requests_of_case(db, case_id, rules.OPEN_STATUSES):
        return
    today = workspace.now().astimezone(workspace.settings().zone).date()
    counselling_repo.close_case(db, case_id, status, on=today, reason=reason, now=workspace.now())
    workspace.audit(
        AuditKind.CASE_CLOSED, target_kind="case", target_id=str(case_id), detail=status.value
    )


def _aware(value: datetime, field: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError("Waktu harus menyertakan zona waktu.", field)


class RequestService:
    def __init__(self, workspace: Workspace) -> None:
        require_counsellor(workspace.viewer)  # students and notes: not the kepala sekolah
        self.workspace = workspace

    # -- helpers -----------------------------------------------------------------------------

    def _year(self) -> int:
        return TermService(self.workspace).current().year.start

    def _load(self, request_id: int) -> RequestRecord:
        record = requests_repo.get(self.workspace.db, request_id, self._year())
        if record is None:
            raise KnownError("Permohonan ini tidak ditemukan.")
        return record

    def deadline_for(self, received_at: datetime) -> datetime:
        settings = self.workspace.settings()
        return scheduling_deadline(received_at, scheduling_policy(settings), settings.zone)

    # -- intake ------------------------------------------------------------------------------

    def duplicate_of(self, student_id: int, reason: str) -> RequestRecord | None:
        """An open permohonan of this student with the same reason (a form warns about it)."""
        return rules.duplicate_of(
            requests_repo.find(
                self.workspace.db,
                year=self._year(),
                statuses=rules.OPEN_STATUSES,
                student_id=student_id,
            ),
            reason,
        )

    def create(self, form: RequestForm, *, allow_duplicate: bool = False) -> int:
        """Record a request; refused for a student who is not aktif, with the reason.

        A second open permohonan of the student with the same reason raises
        ``DuplicateRequest`` (a warning) unless ``allow_duplicate``."""
        workspace = self.workspace
        db = workspace.db
        now = workspace.now()
        received_at = form.received_at or now
        errors: list[ValidationError] = []
        reason = clean_text(form.reason)
        referrer = clean_line(form.referrer_name)
        referrer_role = clean_line(form.referrer_role)
        backdate_reason = clean_text(form.backdate_reason)
        for text, limit, what, field in (
            (referrer, NAME_MAX, "Nama perujuk", "referrer_name"),
            (referrer_role, LINE_MAX, "Jabatan perujuk", "referrer_role"),
            (backdate_reason, NOTE_MAX, "Alasan pencatatan mundur", "backdate_reason"),
        ):
            problem = length_problem(text, limit, what)
            if problem is not None:
                errors.append(ValidationError(problem, field))
        if not reason:
            errors.append(ValidationError("Tuliskan alasan singkat permohonan.", "reason"))
        elif len(reason) > REASON_MAX:
            errors.append(
                ValidationError(
                    f"Alasan permohonan paling panjang {REASON_MAX} karakter; tulis singkat "
                    "dan faktual.",
                    "reason",
                )
            )
        if form.source.names_a_referrer and not referrer:
            errors.append(
                ValidationError(
                    f"Tuliskan nama {form.source.label.lower()} yang merujuk siswa.",
                    "referrer_name",
                )
            )
        if form.source.names_a_referrer and not referrer_role:
            errors.append(
                ValidationError(
                    "Tuliskan jabatan atau hubungan perujuk dengan siswa.", "referrer_role"
                )
            )
        _aware(received_at, "received_at")
        if received_at > now + FUTURE_TOLERANCE:
            errors.append(
                ValidationError("Waktu diterima tidak boleh di masa depan.", "received_at")
            )
        backdated = is_backdated(received_at, now)
        if backdated:
            problem = reason_problem(
                backdate_reason,
                "pencatatan mundur: waktu diterima lebih awal dari sekarang (mis. diterima lisan "
                "saat jam pelajaran)",
            )
            if problem is not None:
                errors.append(ValidationError(problem, "backdate_reason"))
        with db.transaction():
            student = students_repo.load_student(db, form.student_id)
            if student is None:
                raise KnownError("Siswa ini tidak ditemukan; pilih siswa dari daftar.")
            ensure_can_be_served(student)
            require_consent_not_withdrawn(workspace, student.id, "membuat permohonan baru")
            if errors:
                raise RequestInvalid(errors)
            if not allow_duplicate:
                existing = self.duplicate_of(student.id, reason)
                if existing is not None:
                    raise DuplicateRequest(existing)
            open_case = counselling_repo.open_case_of(db, student.id, self._year())
            if open_case is not None and form.join_case is None:
                raise OpenCaseQuestion(open_case.id, open_case.code, student.name)
            request_id = requests_repo.insert_request(
                db,
                NewRequest(
                    student_id=student.id,
                    source=form.source,
                    referrer_name=referrer,
                    referrer_role=referrer_role,
                    received_at=received_at,
                    recorded_at=now,
                    backdate_reason=backdate_reason if backdated else "",
                    received_by=workspace.account.id,
                    reason=reason,
                    urgency=form.urgency,
                    deadline_at=self.deadline_for(received_at),
                ),
            )
            workspace.audit(
                AuditKind.REQUEST_CREATED, target_kind="request", target_id=str(request_id)
            )
            if open_case is not None and form.join_case:
                counselling_repo.link_request(db, request_id, open_case.id)
        return request_id

    # -- reads -------------------------------------------------------------------------------

    def get(self, request_id: int) -> RequestRecord:
        """The permohonan as the signed-in counsellor may see it (``seen_request``)."""
        return seen_request(self.workspace.viewer, self._load(request_id))

    def item(self, request_id: int, now: datetime | None = None) -> RequestItem:
        record = self.get(request_id)
        state, text = clock_of(record, now or self.workspace.now())
        return RequestItem(record, state, text)

    def list(
        self,
        statuses: Collection[RequestStatus] | None = None,
        student_id: int | None = None,
        now: datetime | None = None,
        newest_first: bool = True,
    ) -> builtins.list[RequestItem]:
        """Requests with their clocks, newest received first unless asked otherwise."""
        moment = now or self.workspace.now()
        records = requests_repo.find(
            self.workspace.db,
            year=self._year(),
            statuses=statuses,
            student_id=student_id,
            order="received_desc" if newest_first else "received",
        )
        viewer = self.workspace.viewer
        items = []
        for record in records:
            state, text = clock_of(record, moment)
            items.append(RequestItem(seen_request(viewer, record), state, text))
        return items

    def events(self, request_id: int) -> builtins.list[RequestEvent]:
        """The status history; its reasons are the case's detail when the case is hidden
        (another counsellor's *sangat rahasia* case): the moves stay, the words go."""
        record = self._load(request_id)
        events = requests_repo.events(self.workspace.db, request_id)
        if seen_request(self.workspace.viewer, record) is record:
            return events
        return [replace(event, reason="") for event in events]

    def allowed_targets(self, request_id: int) -> frozenset[RequestStatus]:
        """Moves ``transition`` accepts now (terjadwal needs ``agree_schedule``, and the first
        screening needs ``ScreeningService.record``)."""
        record = self._load(request_id)
        targets = rules.allowed_targets(record.status, record.assent) - {
            RequestStatus.TERJADWAL,
            RequestStatus.DITANGANI,
        }
        if record.status is RequestStatus.DITERIMA:
            targets -= {RequestStatus.DISARING}
        if record.status is RequestStatus.DIRUJUK:
            referral = referrals_repo.latest_status(self.workspace.db, request_id)
            targets = frozenset(t for t in targets if request_move_problem(referral, t) is None)
        return targets

    # -- writes ------------------------------------------------------------------------------

    def transition(
        self, request_id: int, target: RequestStatus, reason: str | None = None
    ) -> RequestStatus:
        """Move a request along the state machine; ``RuleViolation`` says why not."""
        db = self.workspace.db
        with db.transaction():
            record = self._load(request_id)
            if target is RequestStatus.TERJADWAL:
                raise RuleViolation(
                    "Permohonan menjadi terjadwal saat waktu konseling disepakati; isi jadwalnya."
                )
            if target is RequestStatus.DITANGANI:
                raise RuleViolation(
                    "Permohonan menjadi dalam proses saat sesi pertamanya dicatat terlaksana; "
                    "catat sesinya di tab Konseling."
                )
            if target is RequestStatus.DITERIMA:  # only a closed permohonan is received anew
                require_consent_not_withdrawn(self.workspace, record.student_id, "membukanya lagi")
            return move_request(self.workspace, record, target, reason)

    def cancel_schedule(self, request_id: int, reason: str) -> RequestStatus:
        """Cancel the agreed slot: the request waits for a *new* time, the verdict stays."""
        with self.workspace.db.transaction():
            record = self._load(request_id)
            if record.status is not RequestStatus.TERJADWAL:
                raise RuleViolation(
                    f"Permohonan berstatus {record.status.label.lower()} tidak memiliki jadwal "
                    "yang dapat dibatalkan."
                )
            return move_request(self.workspace, record, RequestStatus.MENUNGGU_JADWAL, reason)

    def record_emergency_action(self, request_id: int, form: EmergencyActionForm) -> int:
        """Record a tindakan darurat (who, when, what) on a darurat permohonan.

        It is a safety record, not an edit of the permohonan, so it is taken at any status
        (a closed or finished one too) and for a student who left. The request then leaves
        Beranda unless its status keeps it waiting there. ``EmergencyActionInvalid`` lists
        every field problem; a request that is not darurat is refused.
        """
        workspace = self.workspace
        db = workspace.db
        now = workspace.now()
        with db.transaction():
            record = self._load(request_id)
            if not record.is_darurat:
                raise RuleViolation(
                    "Permohonan ini tidak darurat; tindakan darurat hanya dicatat pada "
                    "permohonan darurat."
                )
            errors = form.validate(received_at=record.received_at, now=now)
            if errors:
                raise EmergencyActionInvalid(errors)
            action_id = requests_repo.insert_emergency_action(
                db,
                request_id,
                done_at=form.done_at,
                actor=" ".join(form.actor.split()),
                action=form.action.strip(),
                recorded_at=now,
                recorded_by=workspace.account.id,
            )
            workspace.audit(
                AuditKind.EMERGENCY_ACTION,
                target_kind="request",
                target_id=str(request_id),
                detail=str(action_id),
            )
        return action_id

    def emergency_actions(self, request_id: int) -> builtins.list[EmergencyAction]:
        self._load(request_id)
        return requests_repo.emergency_actions(self.workspace.db, request_id)

    def departed_open(self) -> builtins.list[RequestRecord]:
        """Open permohonan of students who are no longer aktif (pindah, lulus, keluar).

        Serving them is refused; Beranda proposes closing them all at once."""
        return requests_repo.find_departed_open(
            self.workspace.db, year=self._year(), statuses=rules.OPEN_STATUSES
        )

    def close_departed(self) -> int:
        """Close every open permohonan of a student who left, each with the student's status
        as its reason; returns how many were closed."""
        workspace = self.workspace
        closed = 0
        with workspace.db.transaction():
            for record in self.departed_open():
                student = students_repo.load_student(workspace.db, record.student_id)
                assert student is not None
                reason = f"Siswa sudah tidak bersekolah di sini ({student.status.label.lower()})."
                move_request(workspace, record, RequestStatus.DITUTUP, reason)
                closed += 1
        return closed

    def set_assent(
        self, request_id: int, assent: Assent, *, on: date | None = None, note: str = ""
    ) -> RequestStatus:
        """Record the student's kesediaan. *Tidak bersedia* closes an open request, with
        ``note`` as the closing reason; it can be reopened after the assent changes."""
        workspace = self.workspace
        today = workspace.now().astimezone(workspace.settings().zone).date()
        day = on or today
        if day > today:
            raise ValidationError("Tanggal kesediaan tidak boleh di masa depan.", "assent_date")
        note = clean_text(note)
        problem = length_problem(note, NOTE_MAX, "Catatan kesediaan")
        if problem is not None:
            raise ValidationError(problem, "assent_note")
        db = workspace.db
        with db.transaction():
            record = self._load(request_id)
            if record.is_read_only:
                raise RuleViolation(
                    f"Permohonan berstatus {record.status.label.lower()} tidak dapat diubah lagi."
                )
            ensure_enrolled(workspace, record)
            if day < record.received_at.astimezone(workspace.settings().zone).date():
                raise ValidationError(
                    "Tanggal kesediaan tidak boleh sebelum permohonan diterima.", "assent_date"
                )
            if assent is Assent.BELUM_DITANYAKAN and record.status in rules.NEEDS_ASSENT:
                raise RuleViolation(
                    "Permohonan yang sudah terjadwal atau ditangani tidak dapat kembali ke "
                    "“belum ditanyakan”. Bila siswa menarik kesediaannya, catat tidak bersedia."
                )
            closes = rules.assent_closes(assent, record.status)
            withdraws = rules.withdrawal_cancels(assent, record.status)
            if (closes or withdraws) and not note:
                raise ValidationError(
                    "Tuliskan catatan mengapa siswa tidak bersedia; "
                    + (
                        "permohonan akan ditutup dengan alasan itu."
                        if closes
                        else "sesi yang sudah direncanakan dibatalkan dengan alasan itu."
                    ),
                    "assent_note",
                )
            problem = reason_problem(
                note,
                "menutup permohonan karena siswa tidak bersedia"
                if closes
                else "membatalkan sesi karena siswa menarik kesediaannya",
            )
            if (closes or withdraws) and problem is not None:
                raise ValidationError(problem, "assent_note")
            requests_repo.set_assent(db, request_id, assent, day, note)
            workspace.audit(
                AuditKind.REQUEST_ASSENT, target_kind="request", target_id=str(request_id)
            )
            if withdraws and counselling_repo.cancel_planned(
                db, request_id, f"Siswa menarik kesediaannya: {note}", workspace.now()
            ):
                workspace.audit(
                    AuditKind.SESSION_CHANGED,
                    target_kind="request",
                    target_id=str(request_id),
                    detail="kesediaan ditarik",
                )
            if not closes:
                return record.status
            updated = self._load(request_id)
            return move_request(workspace, updated, RequestStatus.DITUTUP, note)

    def agree_schedule(
        self,
        request_id: int,
        at: datetime,
        *,
        agreed_at: datetime | None = None,
        backdate_reason: str = "",
        plan: SessionPlan | None = None,
        override_reason: str = "",
    ) -> DeadlineState:
        """Record the agreed session time ``at``; the request becomes *terjadwal* and its first
        counselling session is planned (``plan`` gives its length, place and way; by default
        45 minutes, tatap muka in Ruang BK; its start is always ``at``). The slot is checked
        like every other (``services.calendar.check_slot``): a clash with the counsellor's, the
        student's or the room's time is refused, and a time outside the school's hours or days
        needs ``override_reason``.

        The first agreement of the running clock decides the verdict (``agreed_at``, default
        now, not after the deadline); a new time after a cancelled slot keeps it. An agreement
        dated back needs ``backdate_reason``, may not precede the latest of receipt, reopening,
        screening and assent, and is audited. Returns the deadline state as stored.
        """
        workspace = self.workspace
        now = workspace.now()
        moment = agreed_at or now
        _aware(at, "session_at")
        _aware(moment, "agreed_at")
        session_plan = replace(plan or SessionPlan(start=at), start=at)
        session_plan = replace(
            session_plan,
            place=clean_line(session_plan.place),
            length_reason=clean_text(session_plan.length_reason),
        )
        plan_errors = session_plan.validate()
        if plan_errors:
            raise plan_errors[0]
        if moment > now + FUTURE_TOLERANCE:
            raise ValidationError("Waktu kesepakatan tidak boleh di masa depan.", "agreed_at")
        backdated = now - moment > rules.AGREEMENT_BACKDATE_TOLERANCE
        if backdated:
            problem = reason_problem(backdate_reason, "mencatat waktu kesepakatan lebih awal")
            if problem is not None:
                raise ValidationError(problem, "agreement_reason")
        db = workspace.db
        zone = workspace.settings().zone
        with db.transaction():
            record = self._load(request_id)
            # The domain decides first: a wrong status or missing assent writes nothing.
            rules.transition(record.status, RequestStatus.TERJADWAL, assent=record.assent)
            require_consent_not_withdrawn(workspace, record.student_id, "menjadwalkan sesi")
            earliest = rules.earliest_agreement(
                record,
                screened_at=screening_repo.latest_at(db, request_id),
                assent_from=None
                if record.assent_date is None
                else datetime.combine(record.assent_date, time(0), tzinfo=zone),
            )
            if moment < earliest:
                raise ValidationError(
                    "Waktu kesepakatan tidak boleh sebelum "
                    f"{format_instant(earliest, zone)}: saat itu permohonan baru diterima, "
                    "disaring, atau siswa menyatakan bersedia.",
                    "agreed_at",
                )
            if at < record.receipt:
                raise ValidationError(
                    "Jadwal konseling tidak boleh sebelum permohonan diterima.", "session_at"
                )
            if at < moment - rules.AGREEMENT_BACKDATE_TOLERANCE:
                raise ValidationError(
                    "Waktu konseling tidak boleh sebelum waktunya disepakati "
                    f"({format_instant(moment, zone)}); pilih waktu sesudahnya, atau isi "
                    "“Disepakati pada” bila kesepakatan dibuat lebih awal.",
                    "session_at",
                )
            schedule_reason = check_slot(
                workspace,
                start=at,
                minutes=session_plan.minutes,
                counsellor_id=workspace.account.id,
                student_id=record.student_id,
                place=session_plan.place,
                mode=session_plan.mode,
                override_reason=override_reason,
            )
            requests_repo.set_agreement(
                db, request_id, agreed_at=moment, deadline_met=moment <= record.deadline_at
            )
            reason = (
                "Kesepakatan dicatat mundur: " + " ".join(backdate_reason.split())
                if backdated and record.agreed_at is None
                else None
            )
            move_request(workspace, record, RequestStatus.TERJADWAL, reason)
            session_id = counselling_repo.insert_session(
                db,
                request_id=request_id,
                case_id=record.case_id,
                counsellor_id=workspace.account.id,
                plan=session_plan,
                now=now,
            )
            if schedule_reason:
                scheduling_repo.set_schedule_reason(db, session_id, schedule_reason)
            workspace.audit(
                AuditKind.SESSION_PLANNED, target_kind="session", target_id=str(session_id)
            )
            if backdated and record.agreed_at is None:
                workspace.audit(
                    AuditKind.REQUEST_AGREEMENT_BACKDATED,
                    target_kind="request",
                    target_id=str(request_id),
                )
            stored = self._load(request_id)
        state, _ = clock_of(stored, now)
        assert state is not None
        return state
