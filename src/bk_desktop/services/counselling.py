"""Counselling sessions and cases: planning, recording the product, finalising, follow-ups.

Public API (the Konseling tab, Beranda and the command line code against this)::

    CounsellingService(workspace)
        # sessions
        plan_session(request_id, plan, *, override_reason="") -> int   # next session of a case
        reschedule(session_id, plan, *, override_reason="") -> None    # slot checked again
        cancel_session(session_id, reason) -> None                 # batal
        mark_absent(session_id, reason) -> None                    # tidak hadir
        record_session(session_id, report: SessionReport) -> int   # held; returns the case id
        finalise(session_id) -> None                               # read-only from now on
        add_addendum(session_id, text) -> int
        session(session_id, *, show_notes=False) -> SessionView     # redacted for others
        sessions(starts=(from, to), counsellor_id=None) -> list[SessionRecord]
        sessions_to_record(now=None) -> list[SessionRecord]        # "perlu dicatat"
        sessions_of_request(request_id) -> list[SessionRecord]     # planned order
        next_planned(request_id) -> SessionRecord | None           # Pengajuan's "Catat sesi"
        # cases
        cases(where: CaseFilter = CaseFilter()) -> list[CaseRecord]
        case(case_id, *, show_notes=False) -> CaseView             # redacted for others
        reassign_case(case_id, counsellor_id) -> None               # koordinator only
        open_case_of(student_id) -> CaseRecord | None
        has_cases() -> bool; case_rombels() -> list[str]          # the filters, cheaply
        update_case(case_id, draft: CaseDraft) -> None
        close_case(case_id, status, *, on=None, reason) -> None
        # the action plan and follow-ups
        set_action_status(item_id, status) -> None
        follow_up_default(case_id, kind) -> date
        add_follow_up(case_id, kind, due_on=None) -> int
        record_follow_up(follow_up_id, *, done_on=None, result) -> None
        counsellors() -> list[tuple[str, str]]                     # (id, name) for filters

The first session of a permohonan is planned by agreeing its time
(``RequestService.agree_schedule``: the 1×24 h clock is judged there); later ones come from the
case (``plan_session``). Recording the first held session opens the case (pertemuan ke-1) — or
continues the student's open case the permohonan joined — and moves the permohonan from
*terjadwal* to *dalam proses*. A session is recorded only while the student is willing
(kesediaan *bersedia*): withdrawing assent cancels the planned sessions with that reason
(``RequestService.set_assent``). Closing a case (*selesai* or *tindak lanjut*) finishes its
permohonan in counselling and cancels what was still planned; a permohonan that leaves
counselling another way closes its case (``services.requests.move_request``).

Finalising makes a record read-only; what is learnt later is an addendum. Finalising a session
with action items plans the case's laijapen (a week after the last item is due) unless one is
already waiting; closing a case plans its laijapang (the same week of the next semester).
Every write is audited in its own transaction.

Who sees and changes what is ``domain.visibility``'s: the kepala sekolah cannot use this service
at all; every record it returns is redacted for the signed-in counsellor (another counsellor's
notes withheld, a *sangat rahasia* case shown only as "ada kasus"); ``show_notes=True`` opens a
withheld record and is audited (``AuditKind.NOTES_SHOWN``); only the owner writes.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, replace
from datetime import date, datetime

from bk_desktop.domain import counselling as rules
from bk_desktop.domain.academic import current_term
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.counselling import (
    ActionItem,
    ActionStatus,
    Addendum,
    Alternative,
    CaseDraft,
    CaseRecord,
    CaseStatus,
    FollowUp,
    FollowUpKind,
    SessionPlan,
    SessionRecord,
    SessionReport,
    SessionStatus,
)
from bk_desktop.domain.errors import KnownError, RuleViolation, ValidationError
from bk_desktop.domain.reasons import reason_problem
from bk_desktop.domain.requests import IN_COUNSELLING, Assent, RequestRecord, RequestStatus
from bk_desktop.domain.sight import Sight
from bk_desktop.domain.text import NOTE_MAX, clean_line, clean_text, length_problem
from bk_desktop.domain.visibility import (
    case_sight,
    may_change_case,
    may_reassign,
    may_record_session,
    redact_action_item,
    redact_addendum,
    redact_alternative,
    redact_case,
    redact_follow_up,
    redact_request,
    redact_session,
    require_counsellor,
    seen_case,
    seen_session,
)
from bk_desktop.services.calendar import check_slot
from bk_desktop.services.consents import require_consent_not_withdrawn
from bk_desktop.services.requests import RequestService, ensure_enrolled, move_request
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import (
    accounts_repo,
    counselling_repo,
    requests_repo,
    scheduling_repo,
    screening_repo,
)
from bk_desktop.storage.counselling_repo import CaseFilter

__all__ = [
    "CaseFilter",
    "CaseView",
    "CounsellingInvalid",
    "CounsellingService",
    "SessionView",
]


class CounsellingInvalid(ValidationError):
    """All problems of a form; ``message``/``field`` are the first one's."""

    def __init__(self, errors: builtins.list[ValidationError]) -> None:
        super().__init__(errors[0].message, errors[0].field)
        self.errors = list(errors)


@dataclass(frozen=True)
class SessionView:
    """One session with everything recorded about it."""

    record: SessionRecord
    request: RequestRecord
    alternatives: builtins.list[Alternative]
    action_items: builtins.list[ActionItem]
    addenda: builtins.list[Addendum]

    @property
    def report(self) -> SessionReport | None:
        """The record as the form edits it (``None`` before the session is recorded held)."""
        record = self.record
        if record.actual_start is None or record.actual_end is None:
            return None
        return SessionReport(
            actual_start=record.actual_start,
            actual_end=record.actual_end,
            duration_reason=record.duration_reason,
            notes=record.notes,
            understanding=record.understanding,
            comfort=record.comfort,
            action=record.action,
            alternatives=tuple(self.alternatives),
            action_items=tuple(
                rules.ActionItemDraft(
                    what=item.what,
                    support=item.support,
                    due_on=item.due_on,
                    review_on=item.review_on,
                    status=item.status,
                    id=item.id,
                )
                for item in self.action_items
            ),
        )


@dataclass(frozen=True)
class CaseView:
    """One case with its sessions, action plan, follow-ups and permohonan."""

    record: CaseRecord
    sessions: builtins.list[SessionRecord]
    action_items: builtins.list[ActionItem]
    follow_ups: builtins.list[FollowUp]
    requests: builtins.list[RequestRecord]

    @property
    def planning_request(self) -> RequestRecord | None:
        """The permohonan the next session is planned for: the newest one in counselling."""
        if not self.record.status.is_open:
            return None
        for request in reversed(self.requests):
            if request.status in {RequestStatus.DITANGANI, RequestStatus.TERJADWAL}:
                return request
        return None


def _seen_session_view(view: SessionView, sight: Sight) -> SessionView:
    if sight is Sight.FULL:
        return view
    return SessionView(
        record=redact_session(view.record, sight),
        request=redact_request(view.request, sight),
        alternatives=[redact_alternative(a, sight) for a in view.alternatives],
        action_items=[redact_action_item(i, sight) for i in view.action_items],
        addenda=[redact_addendum(a, sight) for a in view.addenda],
    )


def _seen_case_view(view: CaseView, sight: Sight) -> CaseView:
    if sight is Sight.FULL:
        return view
    if sight is Sight.EXISTS_ONLY:
        # "Ada kasus": the line and whose it is; no sessions, plan, follow-ups or permohonan.
        return CaseView(redact_case(view.record, sight), [], [], [], [])
    return CaseView(
        record=redact_case(view.record, sight),
        sessions=[redact_session(s, sight) for s in view.sessions],
        action_items=[redact_action_item(i, sight) for i in view.action_items],
        follow_ups=[redact_follow_up(f, sight) for f in view.follow_ups],
        requests=[redact_request(r, sight) for r in view.requests],
    )


def _clean_report(report: SessionReport) -> SessionReport:
    return replace(
        report,
        duration_reason=clean_text(report.duration_reason),
        notes=clean_text(report.notes),
        understanding=clean_text(report.understanding),
        comfort=clean_text(report.comfort),
        action=clean_text(report.action),
        alternatives=tuple(
            Alternative(text=clean_line(a.text), chosen=a.chosen) for a in report.alternatives
        ),
        action_items=tuple(
            replace(item, what=clean_line(item.what), support=clean_line(item.support))
            for item in report.action_items
        ),
    )


def _clean_draft(draft: CaseDraft) -> CaseDraft:
    return replace(
        draft,
        identification=clean_text(draft.identification),
        diagnosis=clean_text(draft.diagnosis),
        prognosis=clean_text(draft.prognosis),
        treatment_goal=clean_text(draft.treatment_goal),
        treatment_approach=clean_text(draft.treatment_approach),
        treatment_technique=clean_text(draft.treatment_technique),
    )


def _reason(reason: str, what: str, field: str) -> str:
    text = clean_text(reason)
    problem = length_problem(text, NOTE_MAX, "Alasan") or reason_problem(text, what)
    if problem is not None:
        raise ValidationError(problem, field)
    return text


class CounsellingService:
    def __init__(self, workspace: Workspace) -> None:
        require_counsellor(workspace.viewer)
        self.workspace = workspace

    # -- who sees and changes what (domain.visibility) ------------------------------------------

    def _session_sight(self, record: SessionRecord) -> Sight:
        return case_sight(self.workspace.viewer, record.owner_id, record.confidentiality)

    def _case_sight(self, record: CaseRecord) -> Sight:
        return case_sight(self.workspace.viewer, record.counsellor_id, record.confidentiality)

    def _seen_session(self, record: SessionRecord) -> SessionRecord:
        return seen_session(self.workspace.viewer, record)

    def _seen_case(self, record: CaseRecord) -> CaseRecord:
        return seen_case(self.workspace.viewer, record)

    def _ensure_may_record(self, record: SessionRecord) -> None:
        if not may_record_session(
            self.workspace.viewer, record.counsellor_id, record.case_owner_id
        ):
            raise RuleViolation(
                f"Sesi ini ditangani {record.counsellor_name or 'guru BK lain'}; hanya guru BK "
                "yang menanganinya yang dapat mengubah atau mencatatnya."
            )

    def _ensure_owner(self, record: CaseRecord) -> None:
        if not may_change_case(self.workspace.viewer, record.counsellor_id):
            raise RuleViolation(
                f"Kasus {record.code} ditangani {record.counsellor_name or 'guru BK lain'}; hanya "
                "guru BK yang menanganinya yang dapat mengubahnya. Koordinator BK dapat "
                "mengalihkan kasus bila perlu."
            )

    def _notes_shown(self, sight: Sight, target_kind: str, target_id: int) -> Sight:
        """Open a withheld record ("Tampilkan catatan"): refused for *sangat rahasia*, audited
        otherwise; one's own record is no event. Returns the sight to show it with."""
        if sight is Sight.FULL:
            return sight
        if not sight.may_show_notes:
            raise RuleViolation(
                "Kasus ini sangat rahasia: catatannya hanya dapat dibuka oleh guru BK yang "
                "menanganinya."
            )
        with self.workspace.db.transaction():
            self.workspace.audit(
                AuditKind.NOTES_SHOWN, target_kind=target_kind, target_id=str(target_id)
            )
        return Sight.FULL

    # -- helpers -----------------------------------------------------------------------------

    def _year(self) -> int:
        return TermService(self.workspace).current().year.start

    def _today(self) -> date:
        workspace = self.workspace
        return workspace.now().astimezone(workspace.settings().zone).date()

    def _session(self, session_id: int) -> SessionRecord:
        record = counselling_repo.get_session(self.workspace.db, session_id, self._year())
        if record is None:
            raise KnownError("Sesi konseling ini tidak ditemukan.")
        return record

    def _case(self, case_id: int) -> CaseRecord:
        record = counselling_repo.get_case(self.workspace.db, case_id, self._year())
        if record is None:
            raise KnownError("Kasus ini tidak ditemukan.")
        return record

    def _request(self, request_id: int) -> RequestRecord:
        return RequestService(self.workspace).get(request_id)

    def _planned(self, session_id: int) -> SessionRecord:
        record = self._session(session_id)
        self._ensure_may_record(record)
        if record.status is not SessionStatus.TERJADWAL:
            raise RuleViolation(
                f"Sesi ini berstatus {record.status.label.lower()}; hanya sesi terjadwal yang "
                "dapat diubah, dibatalkan, atau dicatat tidak hadir."
            )
        return record

    @staticmethod
    def _clean_plan(plan: SessionPlan) -> SessionPlan:
        plan = replace(
            plan,
            place=clean_line(plan.place),
            length_reason=clean_text(plan.length_reason),
        )
        errors = plan.validate()
        if errors:
            raise CounsellingInvalid(errors)
        return plan

    # -- sessions ----------------------------------------------------------------------------

    def plan_session(self, request_id: int, plan: SessionPlan, *, override_reason: str = "") -> int:
        """Plan the next session of a permohonan in counselling (*dalam proses* or already
        *terjadwal*); a permohonan still waiting for its first time is scheduled through
        ``RequestService.agree_schedule``, where its 1×24 h clock is judged."""
        workspace = self.workspace
        plan = self._clean_plan(plan)
        with workspace.db.transaction():
            request = self._request(request_id)
            if request.status not in {RequestStatus.DITANGANI, RequestStatus.TERJADWAL}:
                if request.status is RequestStatus.MENUNGGU_JADWAL:
                    raise RuleViolation(
                        "Permohonan ini masih menunggu jadwal pertama; sepakati waktunya "
                        "(tombol “Sepakati jadwal”) agar batas 1×24 jam tercatat."
                    )
                raise RuleViolation(
                    f"Permohonan berstatus {request.status.label.lower()} tidak dapat "
                    "dijadwalkan sesi baru."
                )
            if request.case_id is not None:
                self._ensure_owner(self._case(request.case_id))
            self._ensure_willing(request)
            ensure_enrolled(workspace, request)
            require_consent_not_withdrawn(workspace, request.student_id, "menjadwalkan sesi")
            if plan.start < request.received_at:
                raise ValidationError(
                    "Sesi tidak boleh direncanakan sebelum permohonan diterima.", "start"
                )
            schedule_reason = check_slot(
                workspace,
                start=plan.start,
                minutes=plan.minutes,
                counsellor_id=workspace.account.id,
                student_id=request.student_id,
                place=plan.place,
                mode=plan.mode,
                override_reason=override_reason,
            )
            session_id = counselling_repo.insert_session(
                workspace.db,
                request_id=request_id,
                case_id=request.case_id,
                counsellor_id=workspace.account.id,
                plan=plan,
                now=workspace.now(),
            )
            if schedule_reason:
                scheduling_repo.set_schedule_reason(workspace.db, session_id, schedule_reason)
            workspace.audit(
                AuditKind.SESSION_PLANNED, target_kind="session", target_id=str(session_id)
            )
        return session_id

    def reschedule(self, session_id: int, plan: SessionPlan, *, override_reason: str = "") -> None:
        """Move a planned session (the 1×24 h verdict of its permohonan never changes); the
        new slot is checked like a new one (``check_slot``), the session not against itself."""
        workspace = self.workspace
        plan = self._clean_plan(plan)
        with workspace.db.transaction():
            record = self._planned(session_id)
            request = self._request(record.request_id)
            require_consent_not_withdrawn(workspace, request.student_id, "menjadwalkan sesi")
            if plan.start < request.received_at:
                raise ValidationError(
                    "Sesi tidak boleh direncanakan sebelum permohonan diterima.", "start"
                )
            schedule_reason = check_slot(
                workspace,
                start=plan.start,
                minutes=plan.minutes,
                counsellor_id=record.counsellor_id,
                student_id=record.student_id,
                place=plan.place,
                mode=plan.mode,
                override_reason=override_reason,
                moving=session_id,
            )
            counselling_repo.update_plan(workspace.db, session_id, plan, workspace.now())
            scheduling_repo.set_schedule_reason(workspace.db, session_id, schedule_reason)
            workspace.audit(
                AuditKind.SESSION_CHANGED,
                target_kind="session",
                target_id=str(session_id),
                detail="jadwal",
            )

    def cancel_session(self, session_id: int, reason: str) -> None:
        """Cancel a planned session (*batal*) with a reason. The first session of a permohonan
        is its agreed slot: cancelling it sends the permohonan back to wait for a new time."""
        self._end_planned(session_id, SessionStatus.BATAL, reason, "membatalkan sesi")

    def mark_absent(self, session_id: int, reason: str) -> None:
        """The student did not come (*tidak hadir*), with a reason; as with a cancellation,
        a permohonan whose first session was missed waits for a new time."""
        self._end_planned(
            session_id, SessionStatus.TIDAK_HADIR, reason, "mencatat siswa tidak hadir"
        )

    def _end_planned(self, session_id: int, status: SessionStatus, reason: str, what: str) -> None:
        workspace = self.workspace
        text = _reason(reason, what, "reason")
        db = workspace.db
        with db.transaction():
            record = self._planned(session_id)
            counselling_repo.set_session_status(db, session_id, status, text, workspace.now())
            workspace.audit(
                AuditKind.SESSION_CHANGED,
                target_kind="session",
                target_id=str(session_id),
                detail=status.value,
            )
            request = self._request(record.request_id)
            still_planned = counselling_repo.find_sessions(
                db,
                year=self._year(),
                request_id=request.id,
                statuses=(SessionStatus.TERJADWAL,),
            )
            if request.status is RequestStatus.TERJADWAL and not still_planned:
                move_request(
                    workspace,
                    request,
                    RequestStatus.MENUNGGU_JADWAL,
                    f"{status.label}: {text}",
                )

    def _ensure_willing(self, request: RequestRecord) -> None:
        if request.assent is not Assent.BERSEDIA:
            raise RuleViolation(
                "Siswa belum atau tidak lagi menyatakan bersedia (kesediaan: "
                f"{request.assent.label.lower()}). Sesi hanya dilaksanakan dan dicatat bila "
                "siswa bersedia; catat kesediaannya di tab Pengajuan."
            )

    def record_session(self, session_id: int, report: SessionReport) -> int:
        """Record a session as held, with its product; returns the case it belongs to.

        The first held session of a permohonan opens its case (or continues the open case it
        joined) and moves the permohonan to *dalam proses*. The record can be edited until it
        is finalised. ``CounsellingInvalid`` lists every problem of the form."""
        workspace = self.workspace
        db = workspace.db
        now = workspace.now()
        report = _clean_report(report)
        with db.transaction():
            record = self._session(session_id)
            self._ensure_may_record(record)
            if record.is_final:
                raise RuleViolation(
                    "Catatan sesi ini sudah final dan tidak dapat diubah; tambahkan adendum."
                )
            if record.status in {SessionStatus.BATAL, SessionStatus.TIDAK_HADIR}:
                raise RuleViolation(
                    f"Sesi ini berstatus {record.status.label.lower()}; rencanakan sesi baru."
                )
            request = self._request(record.request_id)
            if record.status is SessionStatus.TERJADWAL:
                # Refusals first: a form error does not matter when nothing may be recorded.
                self._ensure_willing(request)
                ensure_enrolled(workspace, request)
                held_on = report.actual_start.astimezone(workspace.settings().zone).date()
                require_consent_not_withdrawn(
                    workspace, request.student_id, "mencatat sesi", on=held_on
                )
            errors = report.validate(now=now, earliest=request.received_at)
            if errors:
                raise CounsellingInvalid(errors)
            case_id = record.case_id or request.case_id
            if case_id is None or (
                record.status is SessionStatus.TERJADWAL and not self._is_open(case_id)
            ):
                # No case yet, or the one it joined has closed since: this session opens one.
                case_id = self._open_case(request, report.actual_start)
                counselling_repo.link_request(db, request.id, case_id)
            number = record.number or counselling_repo.next_number(db, case_id)
            counselling_repo.store_report(
                db, session_id, case_id=case_id, number=number, report=report, now=now
            )
            if request.status is RequestStatus.TERJADWAL:
                move_request(workspace, request, RequestStatus.DITANGANI, None)
            workspace.audit(
                AuditKind.SESSION_RECORDED,
                target_kind="session",
                target_id=str(session_id),
                detail=f"pertemuan {number}",
            )
        return case_id

    def _is_open(self, case_id: int) -> bool:
        return self._case(case_id).status.is_open

    def _open_case(self, request: RequestRecord, opened_at: datetime) -> int:
        workspace = self.workspace
        db = workspace.db
        existing = counselling_repo.open_case_of(db, request.student_id, self._year())
        if existing is not None and request.recorded_at < existing.opened_at:
            # Received before the student's case opened, so nobody was asked whether it joins:
            # the student's sessions belong to the open case. One recorded later was asked at
            # intake, and declining left it on its own.
            return existing.id
        screenings = screening_repo.for_request(db, request.id)
        bidang = rules.bidang_text(screenings[-1].draft.bidang) if screenings else ""
        zone = workspace.settings().zone
        case_id = counselling_repo.insert_case(
            db,
            student_id=request.student_id,
            counsellor_id=workspace.account.id,
            opened_at=opened_at,
            year=opened_at.astimezone(zone).year,
            bidang=bidang,
            now=workspace.now(),
        )
        workspace.audit(AuditKind.CASE_OPENED, target_kind="case", target_id=str(case_id))
        return case_id

    def finalise(self, session_id: int) -> None:
        """Make a held session's record read-only; plans the laijapen of its action items."""
        workspace = self.workspace
        db = workspace.db
        with db.transaction():
            view = self._view(session_id)
            record = view.record
            self._ensure_may_record(record)
            if record.is_final:
                raise RuleViolation("Catatan sesi ini sudah final.")
            report = view.report
            if record.status is not SessionStatus.SELESAI or report is None:
                raise RuleViolation("Catat dahulu sesi ini sebagai terlaksana, lalu finalkan.")
            errors = report.finalise_problems()
            if errors:
                raise CounsellingInvalid(errors)
            counselling_repo.finalise(db, session_id, at=workspace.now(), by=workspace.account.id)
            workspace.audit(
                AuditKind.SESSION_FINALISED, target_kind="session", target_id=str(session_id)
            )
            assert record.case_id is not None
            if view.action_items and not any(
                f.kind is FollowUpKind.LAIJAPEN and f.done_on is None
                for f in counselling_repo.follow_ups(db, record.case_id)
            ):
                held_on = report.actual_start.astimezone(workspace.settings().zone).date()
                due = rules.laijapen_due(held_on, (item.due_on for item in view.action_items))
                self._insert_follow_up(record.case_id, FollowUpKind.LAIJAPEN, due)

    def add_addendum(self, session_id: int, text: str) -> int:
        """A later note on a finalised record, with its own time and author."""
        workspace = self.workspace
        cleaned = clean_text(text)
        if not cleaned:
            raise ValidationError("Tuliskan isi adendum.", "addendum")
        problem = length_problem(cleaned, NOTE_MAX, "Adendum")
        if problem is not None:
            raise ValidationError(problem, "addendum")
        with workspace.db.transaction():
            record = self._session(session_id)
            self._ensure_may_record(record)
            if not record.is_final:
                raise RuleViolation(
                    "Catatan sesi ini belum final; ubah catatannya langsung, tanpa adendum."
                )
            addendum_id = counselling_repo.insert_addendum(
                workspace.db,
                session_id,
                at=workspace.now(),
                by=workspace.account.id,
                text=cleaned,
            )
            workspace.audit(
                AuditKind.SESSION_ADDENDUM, target_kind="session", target_id=str(session_id)
            )
        return addendum_id

    def session(self, session_id: int, *, show_notes: bool = False) -> SessionView:
        """One session as the signed-in counsellor may see it; ``show_notes`` opens another
        counsellor's withheld notes ("Tampilkan catatan"), recorded in the audit log."""
        view = self._view(session_id)
        sight = self._session_sight(view.record)
        if show_notes:
            sight = self._notes_shown(sight, "session", session_id)
        return _seen_session_view(view, sight)

    def _view(self, session_id: int) -> SessionView:
        db = self.workspace.db
        record = self._session(session_id)
        return SessionView(
            record=record,
            request=self._request(record.request_id),
            alternatives=counselling_repo.alternatives(db, session_id),
            action_items=counselling_repo.action_items(db, session_id=session_id),
            addenda=counselling_repo.addenda(db, session_id),
        )

    def sessions(
        self, starts: tuple[datetime, datetime], counsellor_id: str | None = None
    ) -> builtins.list[SessionRecord]:
        found = counselling_repo.find_sessions(
            self.workspace.db, year=self._year(), starts=starts, counsellor_id=counsellor_id
        )
        return [self._seen_session(s) for s in found]

    def sessions_of_request(self, request_id: int) -> builtins.list[SessionRecord]:
        found = counselling_repo.find_sessions(
            self.workspace.db, year=self._year(), request_id=request_id
        )
        return [self._seen_session(s) for s in found]

    def sessions_to_record(self, now: datetime | None = None) -> builtins.list[SessionRecord]:
        """Planned sessions whose time has passed with nothing recorded: *perlu dicatat*."""
        found = counselling_repo.find_sessions(
            self.workspace.db,
            year=self._year(),
            statuses=(SessionStatus.TERJADWAL,),
            before=now or self.workspace.now(),
        )
        return [self._seen_session(s) for s in found]

    def next_planned(self, request_id: int) -> SessionRecord | None:
        """The permohonan's earliest planned session, or ``None``: Pengajuan's "Catat sesi"
        opens it in Konseling (the first one belongs to no case until it is held)."""
        planned = counselling_repo.find_sessions(
            self.workspace.db,
            year=self._year(),
            request_id=request_id,
            statuses=(SessionStatus.TERJADWAL,),
        )
        return self._seen_session(planned[0]) if planned else None

    # -- cases -------------------------------------------------------------------------------

    def cases(self, where: CaseFilter | None = None) -> builtins.list[CaseRecord]:
        """The buku kasus as the signed-in counsellor may see it. Filtered by bidang, another
        counsellor's *sangat rahasia* cases are left out: being found would tell their bidang."""
        where = where or CaseFilter()
        found = counselling_repo.find_cases(self.workspace.db, year=self._year(), where=where)
        seen = [self._seen_case(c) for c in found]
        if where.bidang:
            seen = [c for c in seen if c.sight is not Sight.EXISTS_ONLY]
        return seen

    def case(self, case_id: int, *, show_notes: bool = False) -> CaseView:
        """One case as the signed-in counsellor may see it; ``show_notes`` opens another
        counsellor's withheld notes ("Tampilkan catatan"), recorded in the audit log."""
        view = self._case_view(case_id)
        sight = self._case_sight(view.record)
        if show_notes:
            sight = self._notes_shown(sight, "case", case_id)
        return _seen_case_view(view, sight)

    def _case_view(self, case_id: int) -> CaseView:
        db = self.workspace.db
        record = self._case(case_id)
        year = self._year()
        requests = [
            r
            for r in (requests_repo.get(db, request_id, year) for request_id in record.request_ids)
            if r is not None
        ]
        sessions: builtins.list[SessionRecord] = []
        for request in requests:
            sessions.extend(counselling_repo.find_sessions(db, year=year, request_id=request.id))
        sessions.sort(key=lambda s: (s.number or 10**6, s.planned_start, s.id))
        return CaseView(
            record=record,
            sessions=sessions,
            action_items=counselling_repo.action_items(db, case_id=case_id),
            follow_ups=counselling_repo.follow_ups(db, case_id),
            requests=requests,
        )

    def open_case_of(self, student_id: int) -> CaseRecord | None:
        found = counselling_repo.open_case_of(self.workspace.db, student_id, self._year())
        return None if found is None else self._seen_case(found)

    def reassign_case(self, case_id: int, counsellor_id: str) -> None:
        """The koordinator hands a case to another counsellor: it, its planned sessions and
        its follow-ups are theirs from now on (a counsellor leaves or is away long)."""
        workspace = self.workspace
        if not may_reassign(workspace.viewer):
            raise RuleViolation("Hanya Koordinator BK yang dapat mengalihkan kasus.")
        target = next(
            (a for a in accounts_repo.list_counsellors(workspace.db) if a.id == counsellor_id),
            None,
        )
        if target is None:
            raise ValidationError("Pilih guru BK yang akan menangani kasus ini.", "counsellor")
        with workspace.db.transaction():
            record = self._case(case_id)
            if record.counsellor_id == counsellor_id:
                raise ValidationError(f"Kasus ini sudah ditangani {target.name}.", "counsellor")
            counselling_repo.reassign_case(workspace.db, case_id, counsellor_id, workspace.now())
            workspace.audit(AuditKind.CASE_REASSIGNED, target_kind="case", target_id=str(case_id))

    def update_case(self, case_id: int, draft: CaseDraft) -> None:
        """Save the studi-kasus headings, bidang and confidentiality level."""
        workspace = self.workspace
        draft = _clean_draft(draft)
        errors = draft.validate()
        if errors:
            raise CounsellingInvalid(errors)
        with workspace.db.transaction():
            self._ensure_owner(self._case(case_id))
            counselling_repo.update_case(workspace.db, case_id, draft, workspace.now())
            workspace.audit(AuditKind.CASE_UPDATED, target_kind="case", target_id=str(case_id))

    def close_case(
        self, case_id: int, status: CaseStatus, *, on: date | None = None, reason: str
    ) -> None:
        """Close a case as *selesai* or *tindak lanjut* with a reason: its permohonan in
        counselling become *selesai*, what was still planned is cancelled, and a laijapang is
        planned for the same week of the next semester unless one is waiting."""
        workspace = self.workspace
        db = workspace.db
        day = on or self._today()
        text = clean_text(reason)
        with db.transaction():
            record = self._case(case_id)
            self._ensure_owner(record)
            if not record.status.is_open:
                raise RuleViolation(f"Kasus ini sudah ditutup ({record.status.label.lower()}).")
            zone = workspace.settings().zone
            problem = rules.close_problem(
                status,
                day,
                text,
                opened_on=record.opened_at.astimezone(zone).date(),
                today=self._today(),
            ) or length_problem(text, NOTE_MAX, "Alasan")
            if problem is not None:
                raise ValidationError(problem, "close_reason")
            self.close_with_requests(record, status, day, text)
            follow_ups = counselling_repo.follow_ups(db, case_id)
            if not any(f.kind is FollowUpKind.LAIJAPANG and f.done_on is None for f in follow_ups):
                self._insert_follow_up(case_id, FollowUpKind.LAIJAPANG, self._laijapang_due(day))

    def close_with_requests(
        self, record: CaseRecord, status: CaseStatus, day: date, reason: str
    ) -> None:
        """Store the closing and move its permohonan along (inside the caller's transaction)."""
        workspace = self.workspace
        db = workspace.db
        counselling_repo.close_case(
            db, record.id, status, on=day, reason=reason, now=workspace.now()
        )
        workspace.audit(
            AuditKind.CASE_CLOSED,
            target_kind="case",
            target_id=str(record.id),
            detail=status.value,
        )
        target = rules.request_status_on_close(status)
        for request_id in counselling_repo.requests_of_case(db, record.id, IN_COUNSELLING):
            request = self._request(request_id)
            if request.status is RequestStatus.DITANGANI:
                move_request(
                    workspace, request, target, f"Kasus ditutup: {reason}", case_follows=False
                )
            else:
                move_request(
                    workspace,
                    request,
                    RequestStatus.DITUTUP,
                    f"Kasus ditutup: {reason}",
                    case_follows=False,
                )

    # -- action plan and follow-ups ---------------------------------------------------------

    def set_action_status(self, item_id: int, status: ActionStatus) -> None:
        """Review an action item: terlaksana, tidak terlaksana, or back to belum ditinjau."""
        workspace = self.workspace
        with workspace.db.transaction():
            item = counselling_repo.get_action_item(workspace.db, item_id)
            if item is None:
                raise KnownError("Rencana aksi ini tidak ditemukan.")
            self._ensure_owner(self._case(item.case_id))
            counselling_repo.set_action_status(workspace.db, item_id, status, workspace.now())
            workspace.audit(
                AuditKind.ACTION_ITEM_UPDATED,
                target_kind="action_item",
                target_id=str(item_id),
                detail=status.value,
            )

    def _laijapang_due(self, day: date) -> date:
        terms = TermService(self.workspace).terms()
        return rules.laijapang_due(day, current_term(day, terms), terms)

    def follow_up_default(self, case_id: int, kind: FollowUpKind) -> date:
        """The due date a new follow-up of ``kind`` is offered with."""
        view = self._case_view(case_id)
        today = self._today()
        if kind is FollowUpKind.LAIJAPANG:
            return self._laijapang_due(view.record.closed_on or today)
        zone = self.workspace.settings().zone
        held = [s.actual_start.astimezone(zone).date() for s in view.sessions if s.actual_start]
        return rules.laijapen_due(
            max(held, default=today),
            (item.due_on for item in view.action_items if item.status is ActionStatus.BELUM),
        )

    def _insert_follow_up(self, case_id: int, kind: FollowUpKind, due_on: date) -> int:
        workspace = self.workspace
        follow_up_id = counselling_repo.insert_follow_up(workspace.db, case_id, kind, due_on)
        workspace.audit(
            AuditKind.FOLLOW_UP_PLANNED,
            target_kind="case",
            target_id=str(case_id),
            detail=kind.value,
        )
        return follow_up_id

    def add_follow_up(self, case_id: int, kind: FollowUpKind, due_on: date | None = None) -> int:
        workspace = self.workspace
        day = due_on or self.follow_up_default(case_id, kind)
        with workspace.db.transaction():
            record = self._case(case_id)
            self._ensure_owner(record)
            require_consent_not_withdrawn(
                workspace, record.student_id, "merencanakan tindak lanjut"
            )
            zone = workspace.settings().zone
            if day < record.opened_at.astimezone(zone).date():
                raise ValidationError(
                    "Tanggal tindak lanjut tidak boleh sebelum kasus dibuka.", "due_on"
                )
            return self._insert_follow_up(case_id, kind, day)

    def record_follow_up(
        self, follow_up_id: int, *, done_on: date | None = None, result: str
    ) -> None:
        """The result of a laijapen or laijapang (what happened, what changed)."""
        workspace = self.workspace
        day = done_on or self._today()
        text = clean_text(result)
        if not text:
            raise ValidationError("Tuliskan hasil tindak lanjutnya.", "result")
        problem = length_problem(text, NOTE_MAX, "Hasil tindak lanjut")
        if problem is not None:
            raise ValidationError(problem, "result")
        if day > self._today():
            raise ValidationError("Tanggal tindak lanjut tidak boleh di masa depan.", "done_on")
        with workspace.db.transaction():
            follow_up = counselling_repo.get_follow_up(workspace.db, follow_up_id)
            if follow_up is None:
                raise KnownError("Tindak lanjut ini tidak ditemukan.")
            record = self._case(follow_up.case_id)
            self._ensure_owner(record)
            require_consent_not_withdrawn(
                workspace, record.student_id, "mencatat tindak lanjut", on=day
            )
            zone = workspace.settings().zone
            if day < record.opened_at.astimezone(zone).date():
                raise ValidationError(
                    "Tanggal tindak lanjut tidak boleh sebelum kasus dibuka.", "done_on"
                )
            counselling_repo.record_follow_up(
                workspace.db,
                follow_up_id,
                done_on=day,
                result=text,
                by=workspace.account.id,
                now=workspace.now(),
            )
            workspace.audit(
                AuditKind.FOLLOW_UP_RECORDED,
                target_kind="case",
                target_id=str(follow_up.case_id),
                detail=follow_up.kind.value,
            )

    def has_cases(self) -> bool:
        """Whether the buku kasus holds any case at all (its empty state says what to do)."""
        return counselling_repo.any_case(self.workspace.db)

    def case_rombels(self) -> builtins.list[str]:
        """The classes the buku kasus's class filter offers: those of students with a case."""
        return counselling_repo.case_rombels(self.workspace.db, self._year())

    def counsellors(self) -> builtins.list[tuple[str, str]]:
        """(id, name) of the accounts that hold counselling, for filters and handing on."""
        return [(a.id, a.name) for a in accounts_repo.list_counsellors(self.workspace.db)]
