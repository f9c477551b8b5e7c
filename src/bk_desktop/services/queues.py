"""What Beranda lists: requests waiting for screening or for a schedule, with their clocks.

Public API::

    QueueService(workspace)
        home(now: datetime | None = None) -> list[HomeItem]
        summary(now: datetime | None = None) -> HomeSummary

Order of ``home``: darurat first (an urgency or a screening risk of darurat), then by deadline,
so overdue requests come before the ones still on time; ties by receipt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bk_desktop.domain.deadlines import DeadlineState
from bk_desktop.domain.requests import RequestStatus, Urgency
from bk_desktop.services.requests import AWAITING_SCREENING, WAITING, clock_of
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import requests_repo

__all__ = ["HomeItem", "HomeSummary", "QueueService", "summarise"]


@dataclass(frozen=True)
class HomeItem:
    request_id: int
    student_id: int
    student_name: str
    rombel: str
    status: RequestStatus
    stage: str
    """ "Menunggu penyaringan" or "Menunggu jadwal"."""
    urgency: Urgency
    is_darurat: bool
    received_at: datetime
    deadline: DeadlineState
    countdown: str
    """ "Sisa 3 jam 20 menit", "Terlambat 45 menit"."""

    @property
    def is_overdue(self) -> bool:
        return self.deadline.is_late

    @property
    def waits_for_screening(self) -> bool:
        """Received, or sent back for a new asesmen: the next step is in Penyaringan."""
        return self.status in AWAITING_SCREENING


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
        moment = now or self.workspace.now()
        records = requests_repo.find(
            self.workspace.db,
            year=TermService(self.workspace).current().year.start,
            statuses=WAITING,
            order="deadline",
        )
        items: list[HomeItem] = []
        for record in records:
            state, text = clock_of(record, moment)
            if state is None:
                continue
            items.append(
                HomeItem(
                    request_id=record.id,
                    student_id=record.student_id,
                    student_name=record.student_name,
                    rombel=record.rombel,
                    status=record.status,
                    stage="Menunggu penyaringan"
                    if record.status in AWAITING_SCREENING
                    else "Menunggu jadwal",
                    urgency=record.urgency,
                    is_darurat=record.is_darurat,
                    received_at=record.received_at,
                    deadline=state,
                    countdown=text,
                )
            )
        items.sort(
            key=lambda i: (not i.is_darurat, not i.is_overdue, i.deadline.deadline, i.received_at)
        )
        return items

    def summary(self, now: datetime | None = None) -> HomeSummary:
        return summarise(self.home(now))


def summarise(items: list[HomeItem]) -> HomeSummary:
    """The counts Beranda's tiles show, from the queue it already read."""
    return HomeSummary(
        waiting_screening=sum(1 for i in items if i.waits_for_screening),
        waiting_schedule=sum(1 for i in items if not i.waits_for_screening),
        overdue=sum(1 for i in items if i.is_overdue),
        darurat=sum(1 for i in items if i.is_darurat),
    )
