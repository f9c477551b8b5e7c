"""Jadwal: the week of sessions and commitments, placing and moving sessions, clash checks.

Public API (the Jadwal tab codes against this; ``check_slot`` is what every scheduling path
calls before it writes)::

    CalendarService(workspace)
        week(monday, *, counsellor_id=..., everyone=False) -> WeekView
        waiting(now=None) -> list[RequestItem]          # menunggu jadwal, clocks, darurat first
        check(start, minutes, *, request_id=None, session_id=None, place=..., mode=...)
            -> list[Clash]                               # preview while dragging
        place(request_id, start, *, minutes=45, place="Ruang BK", mode=TATAP_MUKA,
              length_reason="", agreed_at=None, backdate_reason="", override_reason="") -> int
        move(session_id, start, *, minutes=None, override_reason="", length_reason="") -> None
        reschedule_missed(session_id, reason, start, *, override_reason="") -> int
        add_commitment(form: CommitmentForm, counsellor_id=None) -> int
        delete_commitment(commitment_id) -> None
        counsellors() -> list[tuple[str, str]]

    check_slot(workspace, *, start, minutes, counsellor_id, student_id, place, mode,
               override_reason="", moving=None) -> str
        # SlotRefused (a hard clash) / SlotNeedsReason (outside hours, holiday, no school);
        # returns the cleaned reason to store ("" when none was needed)

Placing a permohonan still waiting for its first time agrees it
(``RequestService.agree_schedule``: the 1×24 h verdict is decided by *when it was agreed*,
"disepakati kapan?", default now); placing one already in counselling plans its next session
(``CounsellingService.plan_session``). Moving a planned session never changes the verdict.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.counselling import (
    DEFAULT_MINUTES,
    DEFAULT_PLACE,
    SessionMode,
    SessionPlan,
    SessionRecord,
    SessionStatus,
)
from bk_desktop.domain.errors import KnownError, RuleViolation, ValidationError
from bk_desktop.domain.reasons import reason_problem
from bk_desktop.domain.requests import RequestStatus
from bk_desktop.domain.scheduling import (
    Booking,
    BookingKind,
    Clash,
    Commitment,
    CommitmentForm,
    SchoolCalendar,
    clashes,
    hard_clashes,
    place_key,
    soft_clashes,
)
from bk_desktop.domain.settings import Settings
from bk_desktop.domain.text import NOTE_MAX, clean_line, clean_text, length_problem
from bk_desktop.domain.visibility import require_counsellor, seen_session
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import accounts_repo, counselling_repo, scheduling_repo

if TYPE_CHECKING:
    from bk_desktop.services.requests import RequestItem

__all__ = [
    "CalendarService",
    "SlotNeedsReason",
    "SlotRefused",
    "WeekView",
    "check_slot",
    "school_calendar",
]

_ME = object()


class SlotRefused(RuleViolation):
    """The slot clashes with the counsellor's, the student's or the room's other bookings."""

    def __init__(self, found: builtins.list[Clash]) -> None:
        lines = " ".join(c.message for c in found)
        super().__init__(f"Jadwal tidak dapat dipakai. {lines} Pilih waktu lain.")
        self.clashes = found


class SlotNeedsReason(ValidationError):
    """Outside school hours, on a holiday or a day without school: allowed with a reason."""

    def __init__(self, found: builtins.list[Clash], problem: str) -> None:
        lines = " ".join(c.message for c in found)
        super().__init__(f"{lines} {problem}", "override_reason")
        self.clashes = found


def school_calendar(settings: Settings) -> SchoolCalendar:
    return SchoolCalendar(
        zone=settings.zone,
        week=tuple(day for day in range(7) if day not in settings.weekend_days),
        hours=settings.school_hours,
        holidays=settings.holiday_dates,
    )


def _year(workspace: Workspace) -> int:
    return TermService(workspace).current().year.start


def bookings(workspace: Workspace, window: tuple[datetime, datetime]) -> builtins.list[Booking]:
    """Everything occupying time in ``window``: sessions and every counsellor's commitments."""
    zone = workspace.settings().zone
    found = scheduling_repo.session_bookings(workspace.db, window, _year(workspace))
    for commitment in scheduling_repo.commitments(workspace.db, window):
        for start, end in commitment.occurrences(window, zone):
            found.append(
                Booking(
                    kind=BookingKind.COMMITMENT,
                    start=start,
                    end=end,
                    counsellor_id=commitment.counsellor_id,
                    label=commitment.label,
                )
            )
    return found


def slot_clashes(
    workspace: Workspace,
    *,
    start: datetime,
    minutes: int,
    counsellor_id: str,
    student_id: int | None,
    place: str,
    mode: SessionMode,
    moving: int | None = None,
) -> builtins.list[Clash]:
    end = start + timedelta(minutes=minutes)
    return clashes(
        start=start,
        minutes=minutes,
        counsellor_id=counsellor_id,
        student_id=student_id,
        room="" if mode is SessionMode.DARING else place_key(place),
        existing=bookings(workspace, (start, end)),
        calendar=school_calendar(workspace.settings()),
        moving=moving,
    )


def check_slot(
    workspace: Workspace,
    *,
    start: datetime,
    minutes: int,
    counsellor_id: str,
    student_id: int | None,
    place: str,
    mode: SessionMode,
    override_reason: str = "",
    moving: int | None = None,
) -> str:
    """Refuse a slot with a hard clash; ask a reason for one outside the school's time.

    Returns the reason to store with the session ("" when none was needed)."""
    found = slot_clashes(
        workspace,
        start=start,
        minutes=minutes,
        counsellor_id=counsellor_id,
        student_id=student_id,
        place=place,
        mode=mode,
        moving=moving,
    )
    hard = hard_clashes(found)
    if hard:
        raise SlotRefused(hard)
    soft = soft_clashes(found)
    if not soft:
        return ""
    reason = clean_text(override_reason)
    problem = length_problem(reason, NOTE_MAX, "Alasan") or reason_problem(
        reason, "menjadwalkan sesi di luar waktu sekolah"
    )
    if problem is not None:
        raise SlotNeedsReason(soft, problem)
    return reason


@dataclass(frozen=True)
class WeekView:
    """One week (or day) of the grid: its days, hours, bands and what occupies them."""

    days: tuple[date, ...]
    calendar: SchoolCalendar
    bands: tuple[tuple[time, time], ...]
    sessions: builtins.list[SessionRecord]
    commitments: builtins.list[tuple[Commitment, datetime, datetime]]
    counsellor_id: str | None


class CalendarService:
    def __init__(self, workspace: Workspace) -> None:
        require_counsellor(workspace.viewer)  # students and notes: not the kepala sekolah
        self.workspace = workspace

    def _window(self, days: tuple[date, ...]) -> tuple[datetime, datetime]:
        zone = self.workspace.settings().zone
        return (
            datetime.combine(days[0], time(0), tzinfo=zone),
            datetime.combine(days[-1] + timedelta(days=1), time(0), tzinfo=zone),
        )

    def week(
        self,
        first: date,
        *,
        days: int = 7,
        counsellor_id: str | object | None = _ME,
    ) -> WeekView:
        """``days`` days from ``first`` (7 for a week from Monday, 1 for a day view).

        ``counsellor_id`` picks whose sessions and commitments: the signed-in counsellor by
        default, another's by id, everyone's with ``None``. Days outside the school week are
        kept only when something is booked on them."""
        workspace = self.workspace
        settings = workspace.settings()
        calendar = school_calendar(settings)
        whose = workspace.account.id if counsellor_id is _ME else counsellor_id
        assert whose is None or isinstance(whose, str)
        every_day = tuple(first + timedelta(days=n) for n in range(days))
        window = self._window(every_day)
        viewer = workspace.viewer
        sessions = [
            seen_session(viewer, s)
            for s in counselling_repo.find_sessions(
                workspace.db,
                year=_year(workspace),
                starts=window,
                counsellor_id=whose,
            )
            if s.status in {SessionStatus.TERJADWAL, SessionStatus.SELESAI}
        ]
        occupied: builtins.list[tuple[Commitment, datetime, datetime]] = []
        for commitment in scheduling_repo.commitments(workspace.db, window, whose):
            for start, end in commitment.occurrences(window, calendar.zone):
                occupied.append((commitment, start, end))
        busy_days = {s.planned_start.astimezone(calendar.zone).date() for s in sessions} | {
            start.astimezone(calendar.zone).date() for _, start, _ in occupied
        }
        shown = tuple(
            d for d in every_day if d.weekday() in calendar.week or d in busy_days or days == 1
        )
        return WeekView(
            days=shown,
            calendar=calendar,
            bands=settings.lesson_bands,
            sessions=sessions,
            commitments=sorted(occupied, key=lambda o: o[1]),
            counsellor_id=whose,
        )

    def waiting(self, now: datetime | None = None) -> builtins.list[RequestItem]:
        """Permohonan waiting for a time (menunggu jadwal), darurat first, then by deadline."""
        from bk_desktop.services.requests import RequestService  # noqa: PLC0415

        items = RequestService(self.workspace).list(
            statuses=[RequestStatus.MENUNGGU_JADWAL], now=now, newest_first=False
        )
        return sorted(
            items,
            key=lambda i: (not i.record.is_darurat, i.record.deadline_at, i.record.id),
        )

    def check(
        self,
        start: datetime,
        minutes: int,
        *,
        request_id: int | None = None,
        session_id: int | None = None,
        place: str = DEFAULT_PLACE,
        mode: SessionMode = SessionMode.TATAP_MUKA,
    ) -> builtins.list[Clash]:
        """The clashes of a slot for a permohonan (placing) or a session (moving), for the
        grid to show while a block is dragged; nothing is written."""
        workspace = self.workspace
        student_id: int | None = None
        counsellor_id = workspace.account.id
        if session_id is not None:
            session = counselling_repo.get_session(workspace.db, session_id, _year(workspace))
            if session is None:
                raise KnownError("Sesi konseling ini tidak ditemukan.")
            student_id, counsellor_id = session.student_id, session.counsellor_id
            place, mode = session.place, session.mode
        elif request_id is not None:
            from bk_desktop.services.requests import RequestService  # noqa: PLC0415

            student_id = RequestService(workspace).get(request_id).student_id
        return slot_clashes(
            workspace,
            start=start,
            minutes=minutes,
            counsellor_id=counsellor_id,
            student_id=student_id,
            place=place,
            mode=mode,
            moving=session_id,
        )

    def place(
        self,
        request_id: int,
        start: datetime,
        *,
        minutes: int = DEFAULT_MINUTES,
        place: str = DEFAULT_PLACE,
        mode: SessionMode = SessionMode.TATAP_MUKA,
        length_reason: str = "",
        agreed_at: datetime | None = None,
        backdate_reason: str = "",
        override_reason: str = "",
    ) -> int:
        """Put a permohonan on the grid: its first time agreed, or its next session planned.
        Returns the new session's id."""
        from bk_desktop.services.counselling import CounsellingService  # noqa: PLC0415
        from bk_desktop.services.requests import RequestService  # noqa: PLC0415

        workspace = self.workspace
        plan = SessionPlan(
            start=start, minutes=minutes, place=place, mode=mode, length_reason=length_reason
        )
        requests = RequestService(workspace)
        with workspace.db.transaction():
            record = requests.get(request_id)
            if record.status is RequestStatus.MENUNGGU_JADWAL:
                requests.agree_schedule(
                    request_id,
                    start,
                    agreed_at=agreed_at,
                    backdate_reason=backdate_reason,
                    plan=plan,
                    override_reason=override_reason,
                )
                planned = CounsellingService(workspace).next_planned(request_id)
                assert planned is not None
                return planned.id
            return CounsellingService(workspace).plan_session(
                request_id, plan, override_reason=override_reason
            )

    def move(
        self,
        session_id: int,
        start: datetime,
        *,
        minutes: int | None = None,
        override_reason: str = "",
        length_reason: str | None = None,
    ) -> None:
        """Move (or lengthen) a planned session; its permohonan's verdict stays."""
        from bk_desktop.services.counselling import CounsellingService  # noqa: PLC0415

        service = CounsellingService(self.workspace)
        session = service.session(session_id).record
        service.reschedule(
            session_id,
            SessionPlan(
                start=start,
                minutes=minutes or session.planned_minutes,
                place=session.place,
                mode=session.mode,
                length_reason=session.length_reason if length_reason is None else length_reason,
            ),
            override_reason=override_reason,
        )

    def reschedule_missed(
        self, session_id: int, reason: str, start: datetime, *, override_reason: str = ""
    ) -> int:
        """The student did not come: record *tidak hadir* with ``reason`` and plan the same
        session again at ``start``, in one step. Returns the new session's id."""
        from bk_desktop.services.counselling import CounsellingService  # noqa: PLC0415

        workspace = self.workspace
        service = CounsellingService(workspace)
        with workspace.db.transaction():
            missed = service.session(session_id).record
            service.mark_absent(session_id, reason)
            return self.place(
                missed.request_id,
                start,
                minutes=missed.planned_minutes,
                place=missed.place,
                mode=missed.mode,
                length_reason=missed.length_reason,
                override_reason=override_reason,
            )

    def add_commitment(self, form: CommitmentForm, counsellor_id: str | None = None) -> int:
        """A block of a counsellor's own time (default: the signed-in one's)."""
        workspace = self.workspace
        cleaned = CommitmentForm(
            kind=form.kind,
            start=form.start,
            minutes=form.minutes,
            title=clean_line(form.title),
            weekly=form.weekly,
            until=form.until,
        )
        errors = cleaned.validate(workspace.settings().zone)
        if errors:
            raise errors[0]
        owner = counsellor_id or workspace.account.id
        with workspace.db.transaction():
            if accounts_repo.get_account(workspace.db, owner) is None:
                raise KnownError("Akun konselor ini tidak ditemukan.")
            commitment_id = scheduling_repo.insert_commitment(
                workspace.db, owner, cleaned, workspace.now()
            )
            workspace.audit(
                AuditKind.COMMITMENT_CHANGED,
                target_kind="commitment",
                target_id=str(commitment_id),
                detail="tambah",
            )
        return commitment_id

    def delete_commitment(self, commitment_id: int) -> None:
        workspace = self.workspace
        with workspace.db.transaction():
            if scheduling_repo.get_commitment(workspace.db, commitment_id) is None:
                raise KnownError("Kegiatan ini tidak ditemukan.")
            scheduling_repo.delete_commitment(workspace.db, commitment_id)
            workspace.audit(
                AuditKind.COMMITMENT_CHANGED,
                target_kind="commitment",
                target_id=str(commitment_id),
                detail="hapus",
            )

    def counsellors(self) -> builtins.list[tuple[str, str]]:
        """(id, name) of the active accounts that hold sessions (not the kepala sekolah)."""
        return [(a.id, a.name) for a in accounts_repo.list_counsellors(self.workspace.db)]
