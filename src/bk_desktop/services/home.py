"""Beranda's day: what the signed-in counsellor has to do today, in one call.

Public API::

    HomeService(workspace)
        day(now: datetime | None = None) -> HomeDay
        workload(now: datetime | None = None) -> list[WorkloadRow]   # RuleViolation: guru BK
        month_figures(now: datetime | None = None) -> MonthFigures

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

``workload`` is what the koordinator shares out and the kepala sekolah oversees: per active
counsellor account (guru BK and koordinator), open cases, planned sessions in the next seven
days, sessions *perlu dicatat*, follow-ups due and cases with action items past review. Counts
only, so it names no student and shows no note; ``domain.visibility.may_see_workload`` keeps it
from a guru BK, who has their own day instead (``RuleViolation``). One query reads every
counsellor's counts (``home_repo.workload_counts``), however many there are.

``month_figures`` is the kepala sekolah's month in the school's zone: permohonan received,
sessions held, cases opened and closed, and the share scheduled within 1×24 h
(``QueueService.month_share``). Counts only, so every role may read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bk_desktop.domain.accounts import Account
from bk_desktop.domain.counselling import (
    FollowUpKind,
    SessionMode,
    SessionRecord,
    SessionStatus,
    case_code,
)
from bk_desktop.domain.dates import month_bounds
from bk_desktop.domain.deadlines import MonthShare
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.domain.scheduling import initials
from bk_desktop.domain.visibility import may_see_workload
from bk_desktop.services.queues import QueueService
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import accounts_repo, counselling_repo, home_repo

__all__ = [
    "ACTION_PLAN",
    "WORKLOAD_NOT_FOR_GURU_BK",
    "WORKLOAD_WEEK",
    "CaseTask",
    "DaySession",
    "HomeDay",
    "HomeService",
    "MonthFigures",
    "WorkloadRow",
]

WORKLOAD_WEEK = timedelta(days=7)
"""How far ahead the workload counts planned sessions."""

WORKLOAD_NOT_FOR_GURU_BK = (
    "Beban kerja semua guru BK hanya dapat dilihat oleh koordinator BK dan kepala sekolah. "
    "Pekerjaan Anda sendiri ada di Beranda."
)

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


@dataclass(frozen=True)
class WorkloadRow:
    """One counsellor's counts; no student, no note."""

    account_id: str
    name: str
    open_cases: int
    """Cases still *proses*."""
    sessions_week: int
    """Planned sessions in the next seven days."""
    to_record: int
    """Planned sessions whose time has passed with nothing recorded (*perlu dicatat*)."""
    follow_ups_due: int
    """Laijapen and laijapang not yet recorded whose day has come."""
    action_plans_past_review: int
    """Open cases with action items still open past their review day."""

    @property
    def overdue(self) -> int:
        """What is already late: sessions to record, follow-ups due, plans past review."""
        return self.to_record + self.follow_ups_due + self.action_plans_past_review


@dataclass(frozen=True)
class MonthFigures:
    """The school's month in counts (the kepala sekolah's Beranda)."""

    year: int
    month: int
    received: int
    """Permohonan received (a permohonan received anew counts again, as in the share)."""
    sessions_held: int
    cases_opened: int
    cases_closed: int
    share: MonthShare
    """Scheduled within 1×24 h, of the clocks started this month."""

    @property
    def month_label(self) -> str:
        """ "Desember 2026"."""
        return self.share.month_label


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

    def workload(self, now: datetime | None = None) -> list[WorkloadRow]:
        """Every active counsellor's counts, by name; refused to a guru BK."""
        workspace = self.workspace
        if not may_see_workload(workspace.viewer):
            raise RuleViolation(WORKLOAD_NOT_FOR_GURU_BK)
        moment = now or workspace.now()
        today = moment.astimezone(workspace.settings().zone).date()
        counts = home_repo.workload_counts(
            workspace.db, now=moment, week_end=moment + WORKLOAD_WEEK, today=today
        )
        counsellors = accounts_repo.list_counsellors(workspace.db)
        counsellors.sort(key=lambda a: (a.name.casefold(), a.id))
        return [_workload_row(account, counts.get(account.id, {})) for account in counsellors]

    def month_figures(self, now: datetime | None = None) -> MonthFigures:
        """This month in the school's zone, counted; the share is ``QueueService``'s."""
        workspace = self.workspace
        moment = now or workspace.now()
        zone = workspace.settings().zone
        local = moment.astimezone(zone)
        starts = month_bounds(local.year, local.month, zone)
        last_day = (starts[1] - timedelta(microseconds=1)).astimezone(zone).date()
        counts = home_repo.month_counts(
            workspace.db, starts=starts, days=(local.date().replace(day=1), last_day)
        )
        return MonthFigures(
            year=local.year,
            month=local.month,
            received=counts.received,
            sessions_held=counts.sessions_held,
            cases_opened=counts.cases_opened,
            cases_closed=counts.cases_closed,
            share=QueueService(workspace).month_share(moment),
        )


def _workload_row(account: Account, counts: dict[str, int]) -> WorkloadRow:
    return WorkloadRow(
        account_id=account.id,
        name=account.name,
        open_cases=counts.get("open_cases", 0),
        sessions_week=counts.get("coming", 0),
        to_record=counts.get("to_record", 0),
        follow_ups_due=counts.get("follow_ups", 0),
        action_plans_past_review=counts.get("action_plans", 0),
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
