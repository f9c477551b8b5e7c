"""The register of permohonan hak atas data pribadi: registering, deciding, completing, the
3×24 h clock, Beranda's list, and the redactions kept for a request's copy.

Public API (the Privasi page, Beranda and ``export-student`` code against this)::

    DataRequestService(workspace)          # koordinator and guru BK (require_counsellor)
        register(form) -> DataRequestRecord
        requests(open_only=False) -> list[DataRequestRecord]   # newest received first
        get(request_id) -> DataRequestRecord
        open_request_of(student_id) -> DataRequestRecord | None  # the latest open one
        clock_of(record, now=None) -> DataRequestClock
        decide(request_id, decision, reason="") -> DataRequestRecord
        complete(request_id, note) -> DataRequestRecord
        due(now=None) -> list[DataRequestDue]   # Beranda: open ones, soonest deadline first
        redactions(request_id) -> list[Redaction]
        save_redactions(request_id, items) -> list[Redaction]

The rules are ``domain.data_requests``' (the clock, who asked, the moves); this module checks
time against the clock and writes each change in one transaction with its audit event. An
audit event carries ids, enum values and counts only, never the request's text, a name or a
redacted passage.

Errors: ``ValidationError(message, field)`` for what a form can correct, ``RuleViolation``
for what the request's state or the signed-in account does not allow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.data_requests import (
    DataRequestClock,
    DataRequestForm,
    DataRequestRecord,
    DataRight,
    Decision,
    Redaction,
    Requester,
    clock,
    complete_problem,
    decide_problem,
    form_problems,
    redaction_problem,
)
from bk_desktop.domain.errors import KnownError, RuleViolation, ValidationError
from bk_desktop.domain.reasons import reason_problem
from bk_desktop.domain.requests import FUTURE_TOLERANCE, is_backdated
from bk_desktop.domain.scheduling import initials
from bk_desktop.domain.text import clean_line, clean_text
from bk_desktop.domain.visibility import require_counsellor
from bk_desktop.services.students import TermService
from bk_desktop.storage import data_requests_repo, students_repo
from bk_desktop.storage.data_requests_repo import NewDataRequest

if TYPE_CHECKING:
    from bk_desktop.services.workspace import Workspace

__all__ = ["DataRequestDue", "DataRequestService"]

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
TARGET = "data_request"
NOT_FOUND = "Permohonan hak atas data pribadi ini tidak ditemukan."


@dataclass(frozen=True)
class DataRequestDue:
    """A Beranda row: the number, the right asked for, the clock — initials and class at
    most, never the student's name (Beranda may be on screen while a student is in the room)."""

    id: int
    number: str
    right: DataRight
    student: str
    clock: DataRequestClock

    @property
    def text(self) -> str:
        return f"{self.number} · {self.right.label} · {self.student} · {self.clock.text}"


class DataRequestService:
    def __init__(self, workspace: Workspace) -> None:
        require_counsellor(workspace.viewer)
        self.workspace = workspace

    def _year(self) -> int:
        return TermService(self.workspace).current().year.start

    def clock_of(self, record: DataRequestRecord, now: datetime | None = None) -> DataRequestClock:
        return clock(record.received_at, record.completed_at, now or self.workspace.now())

    # -- read ---------------------------------------------------------------------------------

    def requests(self, open_only: bool = False) -> list[DataRequestRecord]:
        return data_requests_repo.listed(self.workspace.db, year=self._year(), open_only=open_only)

    def get(self, request_id: int) -> DataRequestRecord:
        record = data_requests_repo.get(self.workspace.db, request_id, self._year())
        if record is None:
            raise KnownError(NOT_FOUND)
        return record

    def open_request_of(self, student_id: int) -> DataRequestRecord | None:
        """The student's latest open request (the one whose redactions an export applies)."""
        found = data_requests_repo.listed(
            self.workspace.db, year=self._year(), open_only=True, student_id=student_id
        )
        return found[0] if found else None

    def due(self, now: datetime | None = None) -> list[DataRequestDue]:
        """Open requests, the soonest deadline first."""
        moment = now or self.workspace.now()
        rows: list[DataRequestDue] = []
        for record in self.requests(open_only=True):
            who = initials(record.student_name) if record.student_id else record.student_name
            if record.rombel:
                who = f"{who} ({record.rombel})"
            rows.append(
                DataRequestDue(
                    record.id, record.number, record.right, who, self.clock_of(record, moment)
                )
            )
        rows.sort(key=lambda row: (row.clock.deadline, row.id))
        return rows

    # -- write --------------------------------------------------------------------------------

    def _received_at(self, form: DataRequestForm) -> tuple[datetime, str]:
        moment = form.received_at
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValidationError("Waktu harus menyertakan zona waktu.", "received_at")
        now = self.workspace.now()
        if moment > now + FUTURE_TOLERANCE:
            raise ValidationError("Waktu diterima tidak boleh di masa depan.", "received_at")
        if moment < EARLIEST:
            raise ValidationError("Waktu sebelum tahun 2000 tidak dapat dicatat.", "received_at")
        if not is_backdated(moment, now):
            return moment.astimezone(UTC), ""
        reason = clean_text(form.backdate_reason)
        problem = reason_problem(
            reason,
            "pencatatan mundur: waktu diterima lebih awal dari sekarang (mis. disampaikan "
            "lisan saat jam pelajaran)",
        )
        if problem is not None:
            raise ValidationError(problem, "backdate_reason")
        return moment.astimezone(UTC), reason

    def register(self, form: DataRequestForm) -> DataRequestRecord:
        problems = form_problems(form)
        if problems:
            name, message = next(iter(problems.items()))
            raise ValidationError(message, name)
        assert form.student_id is not None  # form_problems asks for it
        workspace = self.workspace
        db = workspace.db
        received_at, backdate_reason = self._received_at(form)
        parent = form.requester is Requester.ORANG_TUA_WALI
        with db.transaction():
            if students_repo.load_student(db, form.student_id) is None:
                raise ValidationError("Siswa ini tidak ditemukan; pilih dari daftar.", "student_id")
            request_id = data_requests_repo.insert(
                db,
                NewDataRequest(
                    year=received_at.astimezone(workspace.settings().zone).year,
                    student_id=form.student_id,
                    requester=form.requester,
                    requester_name=clean_line(form.requester_name) if parent else "",
                    relation=form.relation if parent else None,
                    right=form.right,
                    text=clean_text(form.text),
                    received_at=received_at,
                    received_by=workspace.account.id,
                    recorded_at=workspace.now(),
                    backdate_reason=backdate_reason,
                ),
            )
            workspace.audit(
                AuditKind.DATA_REQUEST_RECEIVED,
                target_kind=TARGET,
                target_id=str(request_id),
                detail=form.right.value,
            )
        return self.get(request_id)

    def decide(self, request_id: int, decision: Decision, reason: str = "") -> DataRequestRecord:
        """Grant, grant in part or refuse (the last two with a reason); made once."""
        workspace = self.workspace
        with workspace.db.transaction():
            record = self.get(request_id)
            problem = decide_problem(record.status, decision, reason)
            if problem is not None:
                if record.is_open and record.decision is None:
                    raise ValidationError(problem, "reason")
                raise RuleViolation(problem)
            data_requests_repo.decide(
                workspace.db,
                request_id,
                decision=decision,
                reason=clean_text(reason),
                at=workspace.now(),
                by=workspace.account.id,
            )
            workspace.audit(
                AuditKind.DATA_REQUEST_DECIDED,
                target_kind=TARGET,
                target_id=str(request_id),
                detail=decision.value,
            )
        return self.get(request_id)

    def complete(self, request_id: int, note: str) -> DataRequestRecord:
        """Mark the request selesai with what was done; this answers the 3×24 h clock."""
        workspace = self.workspace
        with workspace.db.transaction():
            record = self.get(request_id)
            problem = complete_problem(record.status, note)
            if problem is not None:
                if record.decision is not None and record.is_open:
                    raise ValidationError(problem, "note")
                raise RuleViolation(problem)
            data_requests_repo.complete(
                workspace.db,
                request_id,
                note=clean_text(note),
                at=workspace.now(),
                by=workspace.account.id,
            )
            workspace.audit(
                AuditKind.DATA_REQUEST_DECIDED,
                target_kind=TARGET,
                target_id=str(request_id),
                detail="selesai",
            )
        return self.get(request_id)

    # -- redactions ---------------------------------------------------------------------------

    def redactions(self, request_id: int) -> list[Redaction]:
        self.get(request_id)
        return data_requests_repo.redactions(self.workspace.db, request_id)

    def save_redactions(self, request_id: int, items: Sequence[Redaction]) -> list[Redaction]:
        """Keep ``items`` as the request's whole list of redactions; audited with the count
        only. A completed request's copy was handed over: its list is not changed."""
        cleaned: list[Redaction] = []
        for item in items:
            problem = redaction_problem(item.passage, item.reason)
            if problem is not None:
                raise ValidationError(problem, "reason")
            cleaned.append(
                Redaction(
                    item.record_kind,
                    item.record_id,
                    item.field,
                    item.passage,
                    clean_text(item.reason),
                )
            )
        workspace = self.workspace
        with workspace.db.transaction():
            record = self.get(request_id)
            if not record.is_open:
                raise RuleViolation(
                    "Permohonan ini sudah selesai; bagian yang disamarkan pada salinannya "
                    "tidak diubah lagi. Catat permohonan baru bila diperlukan salinan baru."
                )
            data_requests_repo.replace_redactions(
                workspace.db, request_id, cleaned, at=workspace.now(), by=workspace.account.id
            )
            workspace.audit(
                AuditKind.DATA_REDACTION_SAVED,
                target_kind=TARGET,
                target_id=str(request_id),
                detail=f"{len(cleaned)} bagian",
            )
        return data_requests_repo.redactions(workspace.db, request_id)
