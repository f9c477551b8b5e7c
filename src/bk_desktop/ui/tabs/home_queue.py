"""Beranda's queue: what waits and how long it may still wait, darurat first.

``QueueModel`` shows ``QueueService.home`` in the service's order (darurat, then overdue, then
by deadline); each row's clock says its state in a colour *and* an icon and words. The panel is
a card with the list, or an empty state that offers Pengajuan; a double click asks for the
request to be opened where its next step is taken.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QWidget,
)

from bk_desktop.domain.dates import format_instant
from bk_desktop.services.queues import DepartedTask, HomeItem
from bk_desktop.ui.item_model import ItemListModel
from bk_desktop.ui.kit.card import Card
from bk_desktop.ui.kit.emphasis import emphasis
from bk_desktop.ui.kit.empty_state import EmptyState
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.kit.palette import DARURAT_BACKGROUND, ERROR_TEXT
from bk_desktop.ui.kit.ui_state import RememberedColumns
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.request_table import clock_cell
from bk_desktop.ui.school_time import short_instant, zone_name
from bk_desktop.ui.style import set_role


class QueueColumn(Enum):
    PRIORITY = "priority"
    STUDENT = "student"
    ROMBEL = "rombel"
    STAGE = "stage"
    RECEIVED = "received"
    DEADLINE = "deadline"


QUEUE_COLUMNS: tuple[QueueColumn, ...] = tuple(QueueColumn)
OPTIONAL_COLUMNS = (QueueColumn.RECEIVED,)
"""Left out when the list is narrow (150 % scaling). The class always stays, beside the name: it
tells two students of the same name apart; so does the clock."""


class QueueModel(ItemListModel[HomeItem]):
    """``HomeItem``s as rows, in the service's order; ``ID_ROLE`` holds the request id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda item: item.request_id, len(QUEUE_COLUMNS), parent)
        self._headers: list[str] = []

    def set_items(self, items: Sequence[HomeItem], zone: ZoneInfo) -> None:
        """Show ``items``; when they are the same requests in the same order only the cells
        change, so the selection and the scroll position stay where the person left them."""
        new = list(items)
        same_rows = [i.request_id for i in new] == [i.request_id for i in self._items]
        if same_rows and zone == self._zone:
            self._items = new
            if new:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(new) - 1, len(QUEUE_COLUMNS) - 1)
                )
            return
        super().set_items(new, zone)

    def _forget_headers(self) -> None:
        self._headers = []

    # -- the Qt model ------------------------------------------------------------------------

    def _header_text(self, section: int) -> str:
        if not self._headers:  # asked for hundreds of times while the columns are sized
            self._headers = [
                self.tr("Prioritas"),
                self.tr("Siswa"),
                self.tr("Kelas"),
                self.tr("Tahap"),
                self.tr("Diterima ({zone})").format(zone=zone_name(self._zone)),
                self.tr("Batas 1×24 jam"),
            ]
        return self._headers[section]

    def _cell_data(self, item: HomeItem, column_index: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and item.is_darurat:
            return QBrush(QColor(DARURAT_BACKGROUND))
        column = QUEUE_COLUMNS[column_index]
        if column is QueueColumn.PRIORITY:
            return self._priority_data(item, role)
        if column is QueueColumn.DEADLINE:
            return self._deadline_data(item, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        return None

    def _text(self, item: HomeItem, column: QueueColumn) -> str:
        if column is QueueColumn.STUDENT:
            return item.student_name
        if column is QueueColumn.ROMBEL:
            return item.rombel or self.tr("—")
        if column is QueueColumn.STAGE:
            return item.stage
        if column is QueueColumn.RECEIVED:
            return short_instant(item.received_at, self._zone)
        return ""

    def _tooltip(self, item: HomeItem, column: QueueColumn) -> str | None:
        if column is QueueColumn.RECEIVED:
            return format_instant(item.received_at, self._zone)
        if column is QueueColumn.STUDENT:
            where = self.tr("Penyaringan") if item.waits_for_screening else self.tr("Pengajuan")
            return self.tr("{name}\nKlik dua kali untuk membukanya di tab {where}.").format(
                name=item.student_name, where=where
            )
        if column is QueueColumn.ROMBEL and not item.rombel:
            return self.tr("Siswa belum punya rombel pada tahun ajaran ini.")
        return None

    def _priority_data(self, item: HomeItem, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.tr("DARURAT") if item.is_darurat else item.urgency.label
        if not item.is_darurat:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return self.status_icon("warning")
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            return emphasis(role, ERROR_TEXT)
        if role == Qt.ItemDataRole.ToolTipRole:
            if item.needs_emergency_action:
                return self.tr(
                    "Darurat: tangani lebih dulu, ikuti protokol darurat sekolah, lalu catat "
                    "tindakan daruratnya (siapa, kapan, apa) agar tidak lagi tampil di sini."
                )
            return self.tr("Darurat: tangani lebih dulu, ikuti protokol darurat sekolah.")
        return None

    def _deadline_data(self, item: HomeItem, role: int) -> Any:
        # Items here are still waiting, so "pressing" (bold) is every kind but on time.
        if item.deadline is None:  # darurat off the scheduling path: no clock, an action due
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.tr("Tindakan darurat belum dicatat")
            return None
        return clock_cell(self, item.deadline, item.countdown, role)


class QueuePanel(Card):
    """The queue's card. ``request_opened(id, for_screening)`` on a double click (or Enter);
    ``requests_wanted`` from the empty state's button."""

    request_opened = Signal(int, bool)
    requests_wanted = Signal()
    emergency_wanted = Signal(int)
    """ "Catat tindakan darurat…" for the selected darurat row."""
    close_departed_wanted = Signal()
    """ "Tutup semua" on the grouped task of students who left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("homeQueueCard", parent)
        title = QLabel(self.tr("Permohonan yang menunggu"), self)
        title.setObjectName("homeQueueTitle")
        set_role(title, "heading")
        hint = wrapping_label(
            self,
            self.tr(
                "Darurat paling atas, lalu yang terlambat, lalu menurut batas waktunya. Klik dua "
                "kali untuk membuka permohonan di tab tempat langkah berikutnya dicatat."
            ),
        )
        hint.setObjectName("homeQueueHint")
        set_role(hint, "muted")
        self.model = QueueModel(self)
        self.table = self._table()
        self.empty = EmptyState(
            "homeQueueEmpty",
            self.tr(
                "Tidak ada permohonan yang menunggu. Permohonan baru dicatat di tab Pengajuan."
            ),
            text_name="homeQueueEmptyText",
            icon_name="ok",
            parent=self,
        )
        open_requests = self.empty.add_button(
            named(
                QPushButton(self.tr("Buka Pengajuan")),
                "homeQueueEmptyButton",
                self.tr("Buka tab Pengajuan"),
            )
        )
        open_requests.clicked.connect(self.requests_wanted)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("homeQueueStack")
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.setMinimumHeight(200)
        self.emergency_button = named(
            QPushButton(self.tr("Catat tindakan darurat…"), self),
            "homeEmergencyButton",
            self.tr("Catat tindakan darurat"),
        )
        self.emergency_button.setAutoDefault(False)
        self.emergency_button.hide()
        self.emergency_button.clicked.connect(self._on_emergency)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.departed = QLabel(self)
        self.departed.setObjectName("homeDepartedTask")
        set_role(self.departed, "muted")
        self.close_departed = named(
            QPushButton(self.tr("Tutup semua"), self),
            "homeCloseDepartedButton",
            self.tr("Tutup semua permohonan siswa yang sudah keluar"),
        )
        self.close_departed.setAutoDefault(False)
        self.close_departed.clicked.connect(self.close_departed_wanted)
        departed_row = QHBoxLayout()
        departed_row.addWidget(self.departed, 1)
        departed_row.addWidget(self.close_departed)
        self.show_departed(None)
        self.body.addWidget(title)
        self.body.addWidget(hint)
        self.body.addLayout(departed_row)
        self.body.addWidget(self.stack, 1)
        self.body.addWidget(self.emergency_button)

    def _table(self) -> QTableView:
        table = tab_leaves(
            named(QTableView(self), "homeQueue", self.tr("Permohonan yang menunggu"))
        )
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        RememberedColumns(
            table,
            "homeQueue",
            name=QUEUE_COLUMNS.index(QueueColumn.STUDENT),
            optional=[QUEUE_COLUMNS.index(c) for c in OPTIONAL_COLUMNS],
            name_width=150,
        )
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        table.activated.connect(self._on_activated)
        return table

    def show_items(self, items: Sequence[HomeItem], zone: ZoneInfo) -> None:
        self.model.set_items(items, zone)
        self.stack.setCurrentWidget(self.table if items else self.empty)
        self._on_selection()

    def show_departed(self, task: DepartedTask | None) -> None:
        """The grouped task "N permohonan siswa yang sudah keluar", hidden when there is none."""
        self.departed.setVisible(task is not None)
        self.close_departed.setVisible(task is not None)
        if task is not None:
            self.departed.setText(
                self.tr("{count} permohonan siswa yang sudah keluar").format(count=task.count)
            )

    def _selected_item(self) -> HomeItem | None:
        request_id = self.selected_id
        if request_id is None:
            return None
        row = self.model.row_of(request_id)
        return None if row is None else self.model.item_at(row)

    @Slot()
    def _on_selection(self, *_args: object) -> None:
        item = self._selected_item()
        self.emergency_button.setVisible(item is not None and item.needs_emergency_action)

    @Slot()
    def _on_emergency(self) -> None:
        item = self._selected_item()
        if item is not None and item.needs_emergency_action:
            self.emergency_wanted.emit(item.request_id)

    @property
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(QueueModel.ID_ROLE)
        return value if isinstance(value, int) else None

    def select(self, request_id: int) -> bool:
        row = self.model.row_of(request_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        item = self.model.item_at(index.row())
        if item is not None:
            self.request_opened.emit(item.request_id, item.waits_for_screening)


__all__ = ["QueueColumn", "QueueModel", "QueuePanel"]
