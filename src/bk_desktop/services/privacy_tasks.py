"""Beranda's data-protection tasks (issue 18): what the law asks the counsellors to act on.

Public API (Beranda's ``home_privacy.PrivacyPanel`` codes against this)::

    PrivacyTaskService(workspace)              # RuleViolation for the kepala sekolah
        tasks(now) -> list[PrivacyTask]        # the most pressing first

Every kind of task becomes the same small row, so the card shows them together and one more
kind is one more reader here: a **withdrawal** of consent that leaves sessions planned or a
case open (``ConsentService.withdrawals_needing_attention``), and, for the koordinator only,
an open **data request** (``DataRequestService.due``, UU PDP Ps. 32–44) and an **incident**
whose notices are not all sent (``IncidentService.due``, Ps. 46) — both registers live in
Pengaturan → Privasi, which only the koordinator has, so a guru BK's row would open nothing.
The last two run a 3×24 h clock: ``countdown`` turns the deadline into the row's text and
colour state, as Kotak Saran's card does.

A row names a student by initials and class only and a register entry by its number, never a
reason or a note: Beranda is often on a screen others see. Its ``kind`` and ``target_id`` say
what opening it shows (the window decides where: ``ui/tab_table.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.dates import format_date, format_span
from bk_desktop.domain.visibility import require_counsellor
from bk_desktop.services.consents import ConsentService, WithdrawalTask
from bk_desktop.services.data_requests import DataRequestDue, DataRequestService
from bk_desktop.services.incidents import IncidentDue, IncidentService
from bk_desktop.services.workspace import Workspace

__all__ = [
    "DUE_SOON",
    "PrivacyTask",
    "PrivacyTaskService",
    "TaskKind",
    "TaskState",
    "countdown",
]

DUE_SOON = timedelta(hours=12)
"""Under this much time left a clock turns amber, as Kotak Saran's does."""


class TaskKind(StrEnum):
    """What a row is about, and so what opening it shows."""

    WITHDRAWAL = "penarikan_persetujuan"
    DATA_REQUEST = "permohonan_hak_data"
    INCIDENT = "insiden_data"

    @property
    def label(self) -> str:
        return {
            TaskKind.WITHDRAWAL: "Penarikan persetujuan",
            TaskKind.DATA_REQUEST: "Permohonan hak atas data",
            TaskKind.INCIDENT: "Insiden data",
        }[self]


class TaskState(StrEnum):
    """How urgent a row is: its colour on the card, and its order (late first)."""

    TERLAMBAT = "terlambat"
    SEGERA = "segera"
    BIASA = "biasa"


_ORDER = {TaskState.TERLAMBAT: 0, TaskState.SEGERA: 1, TaskState.BIASA: 2}


@dataclass(frozen=True)
class PrivacyTask:
    """One row of the card: ``what`` names the subject (initials and class, or a register
    number), ``when`` the date or the countdown, ``detail`` what is left to do."""

    kind: TaskKind
    target_id: int
    what: str
    when: str
    detail: str
    state: TaskState
    deadline: datetime | None = None
    """The 3×24 h deadline of a row that has one (for its tooltip), else ``None``."""


def countdown(deadline: datetime, now: datetime) -> tuple[str, TaskState]:
    """A 3×24 h deadline as the row's text and state: "Sisa 2 hari 4 jam", amber under
    ``DUE_SOON``, "Terlambat 3 jam" in red past it."""
    left = deadline - now
    if left < timedelta(0):
        return f"Terlambat {format_span(left)}", TaskState.TERLAMBAT
    return f"Sisa {format_span(left)}", TaskState.SEGERA if left < DUE_SOON else TaskState.BIASA


def _open_work(task: WithdrawalTask) -> str:
    return f"{task.planned_sessions} sesi terjadwal · {task.open_cases} kasus terbuka"


def _data_request(due: DataRequestDue, now: datetime) -> PrivacyTask:
    when, state = countdown(due.clock.deadline, now)
    return PrivacyTask(
        kind=TaskKind.DATA_REQUEST,
        target_id=due.id,
        what=f"{due.number} · {due.student}",
        when=when,
        detail=f"{due.right.label}: dijawab paling lambat 3×24 jam",
        state=state,
        deadline=due.clock.deadline,
    )


def _incident(due: IncidentDue, now: datetime) -> PrivacyTask:
    when, state = countdown(due.clock.deadline, now)
    missing = "; ".join(recipient.label for recipient in due.missing)
    return PrivacyTask(
        kind=TaskKind.INCIDENT,
        target_id=due.id,
        what=f"{due.number} · {due.kind.short}",
        when=when,
        detail=f"Belum diberi tahu: {missing}" if missing else "Pemberitahuan belum lengkap",
        state=state,
        deadline=due.clock.deadline,
    )


class PrivacyTaskService:
    def __init__(self, workspace: Workspace) -> None:
        require_counsellor(workspace.viewer)  # students' names and cases: not the kepala sekolah
        self.workspace = workspace

    def tasks(self, now: datetime) -> list[PrivacyTask]:
        """Every task the signed-in counsellor's team has open on ``now``, late first, then
        by deadline (rows without one after those with one), in the order each reader gave."""
        found = [self._withdrawal(task) for task in self._withdrawals(now)]
        if self.workspace.account.role is Role.KOORDINATOR:
            # The register is a page of the koordinator's Privasi group: no one else can
            # open the row (the requests stay readable to every counsellor's service).
            found += [
                _data_request(due, now) for due in DataRequestService(self.workspace).due(now)
            ]
        # Incidents are the koordinator's to handle; due() is empty for anyone else.
        found += [_incident(due, now) for due in IncidentService(self.workspace).due(now)]
        return sorted(
            found,
            key=lambda task: (
                _ORDER[task.state],
                task.deadline is None,
                task.deadline or now,
            ),
        )

    def _withdrawals(self, now: datetime) -> list[WithdrawalTask]:
        return ConsentService(self.workspace).withdrawals_needing_attention(now)

    @staticmethod
    def _withdrawal(task: WithdrawalTask) -> PrivacyTask:
        what = f"{task.initials} · {task.rombel}" if task.rombel else task.initials
        return PrivacyTask(
            kind=TaskKind.WITHDRAWAL,
            target_id=task.student_id,
            what=what,
            when=f"Ditarik {format_date(task.withdrawn_on)}",
            detail=_open_work(task),
            state=TaskState.BIASA,
        )
