"""Beranda's day: what the signed-in counsellor has to do today, in one call.

Public API::

    HomeService(workspace)
        day(now: datetime | None = None) -> HomeDay

``HomeDay`` holds four short lists of the signed-in account's own work:

- ``sessions``: planned sessions still to come today and tomorrow (the school's local days);
- ``to_record``: planned sessions whose time has come with nothing recorded (*perlu dicatat*),
  of any day, the latest first (last month's must not bury this morning's);
- ``follow_ups``: laijapen and laijapang whose day has come and that are not yet recorded;
- ``action_plans``: per case still *proses*, its action items still open past their review day
  (the due day when none was set), counted.

Beranda is often on a screen others can see, so the lists carry the student's **initials and
class** (``domain.scheduling.initials``, as Jadwal's blocks do), never the name, the problem or
the text of a plan. Three queries read it all: one for the planned sessions up to the end of
tomorrow (split here into coming and to record), one each for the case lists
(``storage/home_repo.py``). The permohonan queue and the month's figures are
``QueueService``'s; Beranda reads both, and so does ``benchmarks/figures_home.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bk_desktop.domain.counselling import (
    FollowUpKind,
    SessionMode,
    SessionRecord,
    SessionStatus,
    case_code,
)
from bk_desktop.domain.scheduling import initials
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import counselling_repo, home_repo

__all__ = ["ACTION_PLAN", "CaseTask", "DaySession", "HomeDay", "HomeService"]

ACTION_PLAN = "rencana_aksi"
"""``CaseTask.kind`` of a case's open action items past review (the others are follow-ups)."""


@dataclass(frozen=True)
class DaySession:
    """A planned session as Beranda shows it: when, where, and who by initials and class."""

    session_id: int
    request_id: int
    case_id: int | None
    start: datetime
    minutes: int
    place: str
    mode: SessionMode
    student: str
    """Initials only ("A.L.")."""
    rombel: str


@dataclass(frozen=True)
class CaseTask:
    """Something due on a case: a follow-up, or the case's action plan past review."""

    case_id: int
    case_code: str
    student: str
    """Initials only ("A.L.")."""
    rombel: str
    kind: str
    """A ``FollowUpKind`` value, or ``ACTION_PLAN``."""
    since: date
    """The follow-up's day, or the earliest review day among the open action items."""
    count: int

    @property
    def label(self) -> str:
        """ "Laijapen", "Laijapang", or "2 butir" for an action plan (the list says what)."""
        if self.kind == ACTION_PLAN:
            return f"{self.count} butir"
        return FollowUpKind(self.kind).value.capitalize()


@dataclass(frozen=True)
class HomeDay:
    now: datetime
    today: date
    sessions: list[DaySession]
    to_record: list[DaySession]
    follow_ups: list[CaseTask]
    action_plans: list[CaseTask]


class HomeService:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def day(self, now: datetime | None = None) -> HomeDay:
        workspace = self.workspace
        moment = now or workspace.now()
        zone = workspace.settings().zone
        today = moment.astimezone(zone).date()
        end = datetime.combine(today + timedelta(days=2), time(0), tzinfo=zone)
        year = TermService(workspace).current().year.start
        me = workspace.account.id
        db = workspace.db
        # My planned sessions up to tomorrow's end (index by status, counsellor, start).
        planned = counselling_repo.find_sessions(
            db, year=year, statuses=(SessionStatus.TERJADWAL,), before=end, counsellor_id=me
        )
        coming = [s for s in planned if not s.needs_recording(moment) and s.planned_start < end]
        passed = [s for s in reversed(planned) if s.needs_recording(moment)]
        return HomeDay(
            now=moment,
            today=today,
            sessions=[_day_session(s) for s in coming],
            to_record=[_day_session(s) for s in passed],
            follow_ups=[
                _case_task(row)
                for row in home_repo.due_follow_ups(db, counsellor_id=me, today=today, year=year)
            ],
            action_plans=[
                _case_task(row)
                for row in home_repo.action_plans_past_review(
                    db, counsellor_id=me, today=today, year=year
                )
            ],
        )


def _day_session(record: SessionRecord) -> DaySession:
    return DaySession(
        session_id=record.id,
        request_id=record.request_id,
        case_id=record.case_id,
        start=record.planned_start,
        minutes=record.planned_minutes,
        place=record.place,
        mode=record.mode,
        student=initials(record.student_name),
        rombel=record.rombel,
    )


def _case_task(row: home_repo.CaseTaskRow) -> CaseTask:
    return CaseTask(
        case_id=row.case_id,
        case_code=case_code(row.case_year, row.case_number),
        student=initials(row.student_name),
        rombel=row.rombel,
        kind=row.kind,
        since=row.since,
        count=row.count,
    )
