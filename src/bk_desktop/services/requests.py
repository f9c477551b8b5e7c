"""Requests for individual counselling: intake, the student's assent, status moves, scheduling.

Public API (the Permintaan tab and intake dialog code against this)::

    RequestService(workspace)
        create(form: RequestForm) -> int          # RequestInvalid / RuleViolation (not aktif)
        get(request_id: int) -> RequestRecord
        item(request_id: int, now: datetime | None = None) -> RequestItem
        list(statuses: Collection[RequestStatus] | None = None, student_id: int | None = None,
             now: datetime | None = None, newest_first: bool = True) -> list[RequestItem]
        set_assent(request_id: int, assent: Assent, *, on: date | None = None,
                   note: str = "") -> RequestStatus      # closes when rules.assent_closes
        transition(request_id: int, target: RequestStatus,
                   reason: str | None = None) -> RequestStatus
        agree_schedule(request_id: int, at: datetime, *,
                       agreed_at: datetime | None = None) -> DeadlineState
        allowed_targets(request_id: int) -> frozenset[RequestStatus]   # what transition() takes
        events(request_id: int) -> list[RequestEvent]                  # the status history
        deadline_for(received_at: datetime) -> datetime                # the 1×24 h rule now

    scheduling_policy(settings) -> SchedulingPolicy

The status is moved only through ``domain.requests.transition``: an illegal move raises
``RuleViolation`` before anything is written. Every move is stored in ``request_event`` (with
its reason) and audited as ``REQUEST_STATUS`` with "from>to" as detail. ``agree_schedule`` is the
way to *terjadwal*: ``at`` is the agreed session time, ``agreed_at`` (default now) the moment it
was agreed, which decides whether the 1×24 h deadline was met. Reopening a closed request
(*ditutup* → *diterima*) receives it again: its clock restarts from the moment of reopening.
Screening moves (*disaring* and the decision) go through ``ScreeningService.record``.

The records and the rules about one request are the domain's (``domain.requests``:
``RequestRecord``, ``needs_reason``, ``assent_closes``, ``is_backdated``); they are re-exported
here for the UI, which asks them instead of keeping copies.
"""

from __future__ import annotations

import builtins
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bk_desktop.domain import requests as rules
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.deadlines import (
    DeadlineState,
    SchedulingPolicy,
    countdown_text,
    scheduling_deadline,
)
from bk_desktop.domain.errors import KnownError, RuleViolation, ValidationError
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
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import requests_repo, students_repo
from bk_desktop.storage.requests_repo import NewRequest

__all__ = [
    "AWAITING_SCREENING",
    "BACKDATE_TOLERANCE",
    "FUTURE_TOLERANCE",
    "WAITING",
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


@dataclass(frozen=True)
class RequestForm:
    """The intake form. ``received_at`` ``None`` means now; an earlier time needs
    ``backdate_reason``."""

    student_id: int
    source: RequestSource
    reason: str
    urgency: Urgency = Urgency.BIASA
    referrer_name: str = ""
    referrer_role: str = ""
    received_at: datetime | None = None
    backdate_reason: str = ""


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
        holidays=settings.holiday_dates,
    )


def clock_of(record: RequestRecord, now: datetime) -> tuple[DeadlineState | None, str]:
    """The request's 1×24 h state at ``now`` (``RequestRecord.clock``) and its countdown text."""
    state = record.clock(now)
    return (None, "") if state is None else (state, countdown_text(state))


def move_request(
    workspace: Workspace, record: RequestRecord, target: RequestStatus, reason: str | None
) -> RequestStatus:
    """Check a move with the domain, store it with its history row, and audit it.

    Callers hold the transaction; a refusal raises before anything is written.
    """
    reason = clean_text(reason or "")
    problem = length_problem(reason, NOTE_MAX, "Alasan")
    if problem is not None:
        raise ValidationError(problem, "reason")
    rules.transition(record.status, target, assent=record.assent, reason=reason)
    requests_repo.set_status(
        workspace.db,
        record.id,
        record.status,
        target,
        at=workspace.now(),
        account_id=workspace.account.id,
        reason=reason,
    )
    workspace.audit(
        AuditKind.REQUEST_STATUS,
        target_kind="request",
        target_id=str(record.id),
        detail=f"{record.status.value}>{target.value}",
    )
    return target


def _aware(value: datetime, field: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError("Waktu harus menyertakan zona waktu.", field)


class RequestService:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    # -- helpers -----------------------------------------------------------------------------

    def _year(self) -> int:
        return TermService(self.workspace).current().year.start

    def _load(self, request_id: int) -> RequestRecord:
        record = requests_repo.get(self.workspace.db, request_id, self._year())
        if record is None:
            raise KnownError("Permintaan ini tidak ditemukan.")
        return record

    def deadline_for(self, received_at: datetime) -> datetime:
        settings = self.workspace.settings()
        return scheduling_deadline(received_at, scheduling_policy(settings), settings.zone)

    # -- intake ------------------------------------------------------------------------------

    def create(self, form: RequestForm) -> int:
        """Record a request; refused for a student who is not aktif, with the reason."""
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
            errors.append(ValidationError("Tuliskan alasan singkat permintaan.", "reason"))
        elif len(reason) > REASON_MAX:
            errors.append(
                ValidationError(
                    f"Alasan permintaan paling panjang {REASON_MAX} karakter; tulis singkat "
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
        if backdated and not backdate_reason:
            errors.append(
                ValidationError(
                    "Waktu diterima lebih awal dari sekarang; tuliskan alasan pencatatan "
                    "mundur (mis. diterima lisan saat jam pelajaran).",
                    "backdate_reason",
                )
            )
        with db.transaction():
            student = students_repo.load_student(db, form.student_id)
            if student is None:
                raise KnownError("Siswa ini tidak ditemukan; pilih siswa dari daftar.")
            ensure_can_be_served(student)
            if errors:
                raise RequestInvalid(errors)
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
        return request_id

    # -- reads -------------------------------------------------------------------------------

    def get(self, request_id: int) -> RequestRecord:
        return self._load(request_id)

    def item(self, request_id: int, now: datetime | None = None) -> RequestItem:
        record = self._load(request_id)
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
        items = []
        for record in records:
            state, text = clock_of(record, moment)
            items.append(RequestItem(record, state, text))
        return items

    def events(self, request_id: int) -> builtins.list[RequestEvent]:
        self._load(request_id)
        return requests_repo.events(self.workspace.db, request_id)

    def allowed_targets(self, request_id: int) -> frozenset[RequestStatus]:
        """Moves ``transition`` accepts now (terjadwal needs ``agree_schedule``, and the first
        screening needs ``ScreeningService.record``)."""
        record = self._load(request_id)
        targets = rules.allowed_targets(record.status, record.assent) - {RequestStatus.TERJADWAL}
        if record.status is RequestStatus.DITERIMA:
            targets -= {RequestStatus.DISARING}
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
                    "Permintaan menjadi terjadwal saat waktu konseling disepakati; isi jadwalnya."
                )
            if record.status is RequestStatus.DITERIMA and target is RequestStatus.DISARING:
                raise RuleViolation(
                    "Permintaan disaring dengan mencatat asesmen awal; isi asesmen awalnya."
                )
            reopening = record.status is RequestStatus.DITUTUP
            if reopening:
                student = students_repo.load_student(db, record.student_id)
                if student is not None:
                    ensure_can_be_served(student)
            moved = move_request(self.workspace, record, target, reason)
            if reopening:
                # Reopening is receiving the request again: the 1×24 h clock starts now.
                requests_repo.restart_clock(db, request_id, self.deadline_for(self.workspace.now()))
            return moved

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
            if assent is Assent.BELUM_DITANYAKAN and record.status in rules.NEEDS_ASSENT:
                raise RuleViolation(
                    "Permintaan yang sudah terjadwal atau ditangani tidak dapat kembali ke "
                    "“belum ditanyakan”. Bila siswa menarik kesediaannya, catat tidak bersedia."
                )
            closes = rules.assent_closes(assent, record.status)
            if closes and not note:
                raise ValidationError(
                    "Tuliskan catatan mengapa siswa tidak bersedia; permintaan akan ditutup "
                    "dengan alasan itu.",
                    "assent_note",
                )
            requests_repo.set_assent(db, request_id, assent, day, note)
            workspace.audit(
                AuditKind.REQUEST_ASSENT, target_kind="request", target_id=str(request_id)
            )
            if not closes:
                return record.status
            updated = self._load(request_id)
            return move_request(workspace, updated, RequestStatus.DITUTUP, note)

    def agree_schedule(
        self, request_id: int, at: datetime, *, agreed_at: datetime | None = None
    ) -> DeadlineState:
        """Record the agreed session time ``at``; the request becomes *terjadwal*.

        The deadline is met when the agreement (``agreed_at``, default now) is not after the
        request's deadline. Returns the request's deadline state as stored.
        """
        workspace = self.workspace
        now = workspace.now()
        moment = agreed_at or now
        _aware(at, "session_at")
        _aware(moment, "agreed_at")
        if moment > now + FUTURE_TOLERANCE:
            raise ValidationError("Waktu kesepakatan tidak boleh di masa depan.", "agreed_at")
        db = workspace.db
        with db.transaction():
            record = self._load(request_id)
            # The domain decides first: a wrong status or missing assent writes nothing.
            rules.transition(record.status, RequestStatus.TERJADWAL, assent=record.assent)
            if moment < record.received_at:
                raise ValidationError(
                    "Waktu kesepakatan tidak boleh sebelum permintaan diterima.", "agreed_at"
                )
            if at < record.received_at:
                raise ValidationError(
                    "Jadwal konseling tidak boleh sebelum permintaan diterima.", "session_at"
                )
            requests_repo.set_schedule(
                db,
                request_id,
                session_at=at,
                agreed_at=moment,
                deadline_met=moment <= record.deadline_at,
            )
            move_request(workspace, record, RequestStatus.TERJADWAL, None)
            stored = self._load(request_id)
        state, _ = clock_of(stored, now)
        assert state is not None
        return state
