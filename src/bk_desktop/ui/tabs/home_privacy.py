"""Beranda's data-protection card: what the law asks the counsellors to act on now.

``PrivacyTaskService.tasks`` gives every kind of task as the same row (``PrivacyTask``): what
kind, what it is about (a student by initials and class, a register entry by its number),
when (a date, or a 3×24 h countdown), and what is left to do. The card shows them together;
a state in colour *and* words ("Terlambat …" red, under 12 hours amber), as Kotak Saran's card
does. Today's rows are withdrawals of consent that leave sessions planned or a case open.

A row asks the window to open it (``task_opened(PrivacyTask)``); the window decides where by
its ``kind`` (``ui/tab_table.py``: a withdrawal opens Siswa at that student). Only
counsellors have the card; with nothing to do it says so in one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from bk_desktop.domain.dates import format_deadline
from bk_desktop.services.privacy_tasks import PrivacyTask, TaskKind, TaskState
from bk_desktop.ui.kit.emphasis import emphasis
from bk_desktop.ui.kit.palette import ERROR_TEXT, WARNING_TEXT
from bk_desktop.ui.tabs.home_day import ShortList, ShortListModel

_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
_COLOURS = {TaskState.TERLAMBAT: ERROR_TEXT, TaskState.SEGERA: WARNING_TEXT}

WHEN_COLUMN = 2


class PrivacyTaskModel(ShortListModel[PrivacyTask]):
    """Tugas, Tentang, Waktu, Yang perlu dilakukan."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zone = ZoneInfo("UTC")

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Tugas"), self.tr("Tentang"), self.tr("Waktu"), self.tr("Tindak lanjut"))

    def _open_hint(self, kind: TaskKind) -> str:
        return {
            TaskKind.WITHDRAWAL: self.tr(
                "Batalkan sesi yang masih terjadwal dan tutup kasusnya. Klik dua kali untuk "
                "membuka siswa ini di tab Siswa."
            ),
            TaskKind.DATA_REQUEST: self.tr(
                "Putuskan dan selesaikan dalam 3×24 jam. Klik dua kali untuk membukanya di "
                "Pengaturan → Privasi → Permohonan hak atas data."
            ),
            TaskKind.INCIDENT: self.tr(
                "Beri tahu orang tua/wali dan lembaga dalam 3×24 jam. Klik dua kali untuk "
                "membukanya di Pengaturan → Privasi → Insiden data."
            ),
        }[kind]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        task = self.record_of(index)
        if task is None:
            return None
        column = index.column()
        if role in _TEXT_ROLES:
            return (task.kind.label, task.what, task.when, task.detail)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            when = (
                self.tr("Batas: {deadline}. ").format(
                    deadline=format_deadline(task.deadline, self.zone)
                )
                if task.deadline is not None
                else ""
            )
            return when + self._open_hint(task.kind)
        if column != WHEN_COLUMN:
            return None
        return emphasis(role, _COLOURS.get(task.state, ""))


class PrivacyPanel(ShortList[PrivacyTask]):
    """The card. ``task_opened(task)`` on Enter or a double click."""

    task_opened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        self.task_model = PrivacyTaskModel()
        super().__init__(
            "homePrivacy",
            self.tr("Pelindungan data"),
            self.task_model,
            self.tr("Tidak ada tugas pelindungan data."),
            parent,
        )
        self.task_model.setParent(self)
        self.chosen.connect(self._on_chosen)

    def show_tasks(self, tasks: Sequence[PrivacyTask], zone: ZoneInfo) -> None:
        self.task_model.zone = zone
        self.show_records(tasks)

    @Slot(object)
    def _on_chosen(self, task: PrivacyTask) -> None:
        self.task_opened.emit(task)


__all__ = ["PrivacyPanel", "PrivacyTaskModel"]
