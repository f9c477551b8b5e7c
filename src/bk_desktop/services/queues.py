"""What Beranda lists: requests waiting for screening or for a schedule, with their clocks.

Public API::

    QueueService(workspace)
        home(now: datetime | None = None) -> list[HomeItem]
        summary(now: datetime | None = None) -> HomeSummary
        month_share(now: datetime | None = None) -> MonthShare
        departed() -> DepartedTask | None

``home`` lists what waits for screening or a schedule, and every darurat permohonan still
waiting for a tindakan darurat whatever its status (``domain.emergency``): decided for
bimbingan klasikal, referred, or judged "tidak perlu tindak lanjut", it stays until someone
records who did what. Such a row may have no clock (``deadline`` ``None``). Order: darurat
first (``RequestRecord.is_darurat``: the higher of intake urgency and screening risk until the
action is recorded), then by deadline, so overdue requests come before the ones still on time;
ties by receipt.

``month_share`` measures the 1×24 h promise over the clocks *started* in the school's local
calendar month of ``now`` (glossary, "Clock"): each receipt is one clock — the first receipt,
and each time a request was received anew (reopened, sent back from dialihkan/dirujuk); an
earlier clock keeps its verdict (``request_clock``) and counts in its own month, so closing,
diverting or reopening a late request never drops it from the figure. The repository reads only
that month (range queries on the clock starts), and ``domain.deadlines.scheduled_in_time``
decides for each whether the promise was kept.

``departed`` is Beranda's grouped task: open permohonan of students who left (pindah, lulus,
keluar), which ``RequestService.close_departed`` closes all at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bk_desktop.domain.dates import month_bounds
from bk_desktop.domain.deadlines import DeadlineState, MonthShare, month_share, scheduled_in_time
from bk_desktop.domain.requests import (
    AWAITING_SCREENING,
    WAITING,
    RequestRecord,
    RequestStatus,
    Urgency,
)
from bk_desktop.domain.visibility import require_counsellor
from bk_desktop.services.requests import RequestService, clock_of
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import requests_repo

__all__ = ["DepartedTask", "HomeItem", "HomeSummary", "MonthShare", "QueueService", "summarise"]


@dataclass(frozen=True)
class HomeItem:
    request_id: int
    student_id: int
    student_name: str
    rombel: str
    status: RequestStatus
    stage: str
    """ "Menunggu penyaringan", "Menunggu jadwal", "Menunggu jadwal baru" (slot cancelled), or
    "Menunggu tindakan darurat" for a darurat row off the scheduling path."""
    urgency: Urgency
    """What Beranda shows: intake and screening together (``RequestRecord.shown_urgency``)."""
    is_darurat: bool
    received_at: datetime
    deadline: DeadlineState | None
    """The 1×24 h clock; ``None`` for a darurat row that no longer waits for a schedule."""
    countdown: str
    """ "Sisa 3 jam 20 menit", "Terlambat 45 menit"; "" without a clock."""
    needs_emergency_action: bool = False
    """Darurat and no tindakan darurat recorded yet: "Catat tindakan darurat…" is offered."""

    @property
    def is_overdue(self) -> bool:
        return self.deadline is not None and self.deadline.is_late

    @property
    def waits_for_screening(self) -> bool:
        """Received, or sent back for a new asesmen: the next step is in Penyaringan."""
        return self.status in AWAITING_SCREENING


@dataclass(frozen=True)
class DepartedTask:
    """ "N permohonan siswa yang sudah keluar": one task for all of them, with "Tutup semua"."""

    count: int

    @property
    def text(self) -> str:
        return f"{self.count} permohonan siswa yang sudah keluar"


@dataclass(frozen=True)
class HomeSummary:
    waiting_screening: int
    waiting_schedule: int
    overdue: int
    darurat: int


class QueueService:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def home(self, now: datetime | None = None) -> list[HomeItem]:
        """The permohonan waiting, with names: counsellors only (``summary`` counts them for
        every role)."""
        require_counsellor(self.workspace.viewer)
        return self._items(now)

    def _items(self, now: datetime | None) -> list[HomeItem]:
        moment = now or self.workspace.now()
        year = TermService(self.workspace).current().year.start
        db = self.workspace.db
        records = requests_repo.find(db, year=year, statuses=WAITING, order="deadline")
        waiting = {record.id for record in records}
        records += [
            record
            for record in requests_repo.find_needing_emergency_action(db, year=year)
            if record.id not in waiting
        ]
        items: list[HomeItem] = []
        for record in records:
            state, text = clock_of(record, moment)
            if state is None and not record.needs_emergency_action:
                continue
            items.append(
                HomeItem(
                    request_id=record.id,
                    student_id=record.student_id,
                    student_name=record.student_name,
                    rombel=record.rombel,
                    status=record.status,
                    stage=_stage(record),
                    urgency=record.shown_urgency,
                    is_darurat=record.is_darurat,
                    received_at=record.received_at,
                    deadline=state,
                    countdown=text,
                    needs_emergency_action=record.needs_emergency_action,
                )
            )
        items.sort(
            key=lambda i: (
                not i.is_darurat,
                not i.is_overdue,
                i.received_at if i.deadline is None else i.deadline.deadline,
                i.received_at,
            )
        )
        return items

    def summary(self, now: datetime | None = None) -> HomeSummary:
        """The queue's counts; no name leaves, so the kepala sekolah may read them too."""
        return summarise(self._items(now))

    def month_share(self, now: datetime | None = None) -> MonthShare:
        """This month's share of requests scheduled within 1×24 h, in the school's zone."""
        workspace = self.workspace
        moment = now or workspace.now()
        zone = workspace.settings().zone
        local = moment.astimezone(zone)
        bounds = month_bounds(local.year, local.month, zone)
        records = requests_repo.find(
            workspace.db,
            year=TermService(workspace).current().year.start,
            clock_started=bounds,
        )
        past = requests_repo.past_clocks(workspace.db, bounds)
        outcomes = [scheduled_in_time(r.clock(moment)) for r in records]
        outcomes += [scheduled_in_time(p.clock(moment)) for p in past]
        return month_share(local.year, local.month, outcomes)

    def departed(self) -> DepartedTask | None:
        """Open permohonan of students who left, as one task; ``None`` when there are none."""
        require_counsellor(self.workspace.viewer)
        count = len(RequestService(self.workspace).departed_open())
        return DepartedTask(count) if count else None


def _stage(record: RequestRecord) -> str:
    if record.status not in WAITING:
        return "Menunggu tindakan darurat"
    if record.status in AWAITING_SCREENING:
        return "Menunggu penyaringan"
    if record.waits_for_new_time:
        return "Menunggu jadwal baru"
    return "Menunggu jadwal"


def summarise(items: list[HomeItem]) -> HomeSummary:
    """The counts Beranda's tiles show, from the queue it already read."""
    return HomeSummary(
        waiting_screening=sum(1 for i in items if i.waits_for_screening),
        waiting_schedule=sum(1 for i in items if i.status is RequestStatus.MENUNGGU_JADWAL),
        overdue=sum(1 for i in items if i.is_overdue),
        darurat=sum(1 for i in items if i.is_darurat),
    )
