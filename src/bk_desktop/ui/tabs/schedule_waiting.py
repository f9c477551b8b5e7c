"""Jadwal's side panel: the permohonan waiting for a time, with their 1×24 h countdowns.

The panel is on screen beside the week, which others in the room may see, so a row names the
student by initials and class only (``domain.scheduling.initials``); the full name is in the
Sepakati jadwal dialog that placing opens. A row can be dragged onto the week (it carries the
permohonan's id as ``MIME_REQUEST``), or selected and placed with Enter on the week's slot
cursor. Every half minute the countdowns move from the records held (``retime``), as in
Pengajuan, without reading the vault again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from bk_desktop.domain.requests import Urgency
from bk_desktop.domain.scheduling import initials
from bk_desktop.services.requests import RequestItem, clock_of
from bk_desktop.ui.item_model import ItemListModel
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.palette import ERROR_TEXT, WARNING_TEXT
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.request_table import clock_cell

MIME_REQUEST = "application/x-bk-desktop-request"
"""A dragged permohonan: its id as ASCII digits."""

_AnyIndex = QModelIndex | QPersistentModelIndex


def who(student_name: str, rombel: str) -> str:
    """ "A.L. · X MIPA 1": what the Jadwal tab shows of a student anywhere on its screen."""
    return f"{initials(student_name)} · {rombel}" if rombel else initials(student_name)


def request_mime(request_id: int) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_REQUEST, QByteArray(str(request_id).encode("ascii")))
    return mime


class WaitingModel(ItemListModel[RequestItem]):
    """Siswa (initials and class), Urgensi, Sisa waktu; a row drags as ``MIME_REQUEST``."""

    STUDENT, URGENCY, CLOCK = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda item: item.record.id, 3, parent)

    def _header_text(self, section: int) -> str:
        return (self.tr("Siswa"), self.tr("Urgensi"), self.tr("Sisa waktu"))[section]

    def _cell_data(self, item: RequestItem, column: int, role: int) -> Any:
        record = item.record
        if column == self.CLOCK and item.deadline is not None:
            return clock_cell(self, item.deadline, item.countdown, role)
        urgency = record.shown_urgency
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.STUDENT:
                return who(record.student_name, record.rombel)
            if column == self.URGENCY:
                return self.tr(urgency.label)
            return item.countdown
        if role == Qt.ItemDataRole.ForegroundRole and column == self.URGENCY:
            if urgency is Urgency.DARURAT:
                return QBrush(QColor(ERROR_TEXT))
            if urgency is Urgency.SEGERA:
                return QBrush(QColor(WARNING_TEXT))
        if role == Qt.ItemDataRole.FontRole and urgency is Urgency.DARURAT:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STUDENT:
            return self.tr("Seret ke jadwal, atau pilih lalu tekan Enter pada slot di jadwal.")
        return None

    def retime(self, now: datetime) -> None:
        """Recompute the countdowns from the records held; the rows stay where they are."""
        self._items = [
            RequestItem(item.record, *clock_of(item.record, now)) for item in self._items
        ]
        if self._items:
            self.dataChanged.emit(
                self.index(0, self.CLOCK), self.index(len(self._items) - 1, self.CLOCK)
            )

    # -- dragging a row onto the week ------------------------------------------------------

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [MIME_REQUEST]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        for index in indexes:
            item = self.item_at(index.row())
            if item is not None:
                return request_mime(item.record.id)
        return QMimeData()

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


def waiting_view(parent: QWidget, model: WaitingModel) -> QTableView:
    view = tab_leaves(
        named(QTableView(parent), "scheduleWaitingTable", parent.tr("Permohonan menunggu jadwal"))
    )
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setDragEnabled(True)
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(WaitingModel.STUDENT, QHeaderView.ResizeMode.Stretch)
    return view


def selected_waiting(view: QTableView, model: WaitingModel) -> RequestItem | None:
    rows = view.selectionModel().selectedRows()
    return model.item_at(rows[0].row()) if rows else None
