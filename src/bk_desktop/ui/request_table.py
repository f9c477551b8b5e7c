"""The table model behind the Pengajuan list and the Penyaringan queue, and how a clock looks.

Both lists show requests with their 1×24 h clock. The model keeps the ``RequestItem``s the
service returned and, every half minute, only recomputes the clocks from the records it holds
(``retime``), so the countdown moves without reading the vault again and without disturbing
the selection.

A clock is never shown by colour alone (docs/architecture.md, “Look and feel”): each state has its
own icon shape (a check, a triangle, a cross) and words ("Sisa 5 jam 12 menit", "Terlambat 2 jam").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from bk_desktop.domain.dates import format_deadline, format_instant
from bk_desktop.domain.deadlines import DeadlineKind, DeadlineState
from bk_desktop.domain.requests import RequestRecord, Urgency
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.services.requests import RequestItem, clock_of
from bk_desktop.ui.item_model import ItemListModel
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.palette import ERROR_TEXT, OK_TEXT, WARNING_TEXT
from bk_desktop.ui.kit.ui_state import RememberedColumns
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.school_time import short_instant, zone_name


class RequestColumn(Enum):
    RECEIVED = "received"
    STUDENT = "student"
    ROMBEL = "rombel"
    SOURCE = "source"
    URGENCY = "urgency"
    ASSENT = "assent"
    STATUS = "status"
    DEADLINE = "deadline"


ALL_COLUMNS: tuple[RequestColumn, ...] = tuple(RequestColumn)


@dataclass(frozen=True)
class DeadlineLook:
    icon_name: str
    colour: str


_LOOKS: dict[DeadlineKind, DeadlineLook] = {
    DeadlineKind.ON_TIME: DeadlineLook("ok", OK_TEXT),
    DeadlineKind.DUE_SOON: DeadlineLook("warning", WARNING_TEXT),
    DeadlineKind.OVERDUE: DeadlineLook("error", ERROR_TEXT),
    DeadlineKind.MET: DeadlineLook("ok", OK_TEXT),
    DeadlineKind.MISSED: DeadlineLook("error", ERROR_TEXT),
}


def deadline_look(state: DeadlineState) -> DeadlineLook:
    return _LOOKS[state.kind]


_PRESSING = frozenset({DeadlineKind.OVERDUE, DeadlineKind.DUE_SOON})


def clock_cell(model: ItemListModel[Any], state: DeadlineState, countdown: str, role: int) -> Any:
    """A 1×24 h clock cell for any list of requests: the countdown in words, its icon and
    colour, bold while pressing, the deadline itself in the tooltip."""
    look = deadline_look(state)
    if role == Qt.ItemDataRole.DisplayRole:
        return countdown
    if role == Qt.ItemDataRole.AccessibleTextRole:
        return f"{countdown} ({state.kind.label})"
    if role == Qt.ItemDataRole.DecorationRole:
        return model.status_icon(look.icon_name)
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(QColor(look.colour))
    if role == Qt.ItemDataRole.FontRole and state.kind in _PRESSING:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.ToolTipRole:
        return model.tr("{state}. Batas: {deadline}").format(
            state=state.kind.label, deadline=format_deadline(state.deadline, model.zone)
        )
    return None


def selected_request_id(view: QTableView) -> int | None:
    """The id of the request selected in a view of a ``RequestTableModel``, if any."""
    rows = view.selectionModel().selectedRows()
    if not rows:
        return None
    value = rows[0].data(RequestTableModel.ID_ROLE)
    return value if isinstance(value, int) else None


def request_view(
    parent: QWidget,
    model: RequestTableModel,
    object_name: str,
    accessible_name: str,
    optional: Sequence[RequestColumn] = (),
) -> QTableView:
    """A list of requests to pick one from: whole rows, one at a time, never edited in place.
    The student's name takes the width the other columns leave; their widths and which of
    ``optional`` are hidden are remembered under the view's object name (``RememberedColumns``).
    """
    view = tab_leaves(named(QTableView(parent), object_name, accessible_name))
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    columns = model.columns
    RememberedColumns(
        view,
        object_name,
        name=columns.index(RequestColumn.STUDENT),
        optional=[columns.index(c) for c in optional if c in columns],
    )
    return view


def urgency_text(owner: QObject, record: RequestRecord) -> str:
    """The urgency a request shows, in the list and in its details alike: the intake's, or
    what the screening judged since (``RequestRecord.shown_urgency``)."""
    if record.risk is RiskLevel.DARURAT and record.urgency is not Urgency.DARURAT:
        return owner.tr("Risiko darurat")
    return record.shown_urgency.label


class RequestTableModel(ItemListModel[RequestItem]):
    """Requests as rows, in the order the service gave them; ``ID_ROLE`` holds the id."""

    def __init__(
        self, columns: Sequence[RequestColumn] = ALL_COLUMNS, parent: QObject | None = None
    ) -> None:
        super().__init__(lambda item: item.id, len(columns), parent)
        self.columns = tuple(columns)

    # -- filling ---------------------------------------------------------------------------

    def retime(self, now: datetime) -> bool:
        """Recompute every clock at ``now``; True when a request changed state (e.g. became
        overdue)."""
        if not self._items:
            return False
        changed_kind = False
        updated: list[RequestItem] = []
        for item in self._items:
            state, text = clock_of(item.record, now)
            old = item.deadline.kind if item.deadline else None
            new = state.kind if state else None
            changed_kind = changed_kind or old != new
            updated.append(RequestItem(item.record, state, text))
        self._items = updated
        if RequestColumn.DEADLINE in self.columns:
            column = self.columns.index(RequestColumn.DEADLINE)
            self.dataChanged.emit(self.index(0, column), self.index(len(self._items) - 1, column))
        return changed_kind

    # -- reading ---------------------------------------------------------------------------

    def item_of(self, request_id: int) -> RequestItem | None:
        row = self.row_of(request_id)
        return self.item_at(row) if row is not None else None

    # -- the Qt model ----------------------------------------------------------------------

    def _header_text(self, section: int) -> str:
        return {
            RequestColumn.RECEIVED: self.tr("Diterima ({zone})").format(zone=zone_name(self._zone)),
            RequestColumn.STUDENT: self.tr("Siswa"),
            RequestColumn.ROMBEL: self.tr("Kelas"),
            RequestColumn.SOURCE: self.tr("Sumber"),
            RequestColumn.URGENCY: self.tr("Urgensi"),
            RequestColumn.ASSENT: self.tr("Kesediaan"),
            RequestColumn.STATUS: self.tr("Status"),
            RequestColumn.DEADLINE: self.tr("Batas 1×24 jam"),
        }[self.columns[section]]

    def _cell_data(self, item: RequestItem, column_index: int, role: int) -> Any:
        column = self.columns[column_index]
        if column is RequestColumn.DEADLINE:
            return self._deadline_data(item, role)
        if column is RequestColumn.URGENCY:
            return self._urgency_data(item, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        return None

    def _text(self, item: RequestItem, column: RequestColumn) -> str:
        record = item.record
        if column is RequestColumn.RECEIVED:
            return short_instant(record.received_at, self._zone)
        if column is RequestColumn.STUDENT:
            return record.student_name
        if column is RequestColumn.ROMBEL:
            return record.rombel or self.tr("—")
        if column is RequestColumn.SOURCE:
            return record.source.label
        if column is RequestColumn.ASSENT:
            return record.assent.label
        if column is RequestColumn.STATUS:
            return record.status.label
        return ""

    def _tooltip(self, item: RequestItem, column: RequestColumn) -> str | None:
        record = item.record
        if column is RequestColumn.RECEIVED:
            return format_instant(record.received_at, self._zone)
        if column is RequestColumn.STUDENT:
            return self.tr("{name}\nDiterima {at}").format(
                name=record.student_name, at=format_instant(record.received_at, self._zone)
            )
        if column is RequestColumn.SOURCE and record.referrer_name:
            role = f" ({record.referrer_role})" if record.referrer_role else ""
            return self.tr("Dirujuk oleh {name}{role}").format(name=record.referrer_name, role=role)
        if column is RequestColumn.ROMBEL and not record.rombel:
            return self.tr("Siswa belum punya rombel pada tahun ajaran ini.")
        return None

    def _deadline_data(self, item: RequestItem, role: int) -> Any:
        state = item.deadline
        if state is None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.tr("—")
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Permohonan ini tidak lagi menunggu jadwal konseling individual.")
            return None
        return clock_cell(self, state, item.countdown, role)

    def _urgency_data(self, item: RequestItem, role: int) -> Any:
        record = item.record
        urgent = record.urgency is Urgency.DARURAT
        risky = record.risk is RiskLevel.DARURAT
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return urgency_text(self, record)
        if not record.is_darurat:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return self.status_icon("warning")
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(ERROR_TEXT))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if risky and not urgent:
                return self.tr(
                    "Diterima sebagai {urgency}; asesmen awal menilai risikonya darurat. "
                    "Tampil paling atas di Beranda."
                ).format(urgency=record.urgency.label.lower())
            return self.tr("Darurat: tangani lebih dulu (tampil paling atas di Beranda).")
        return None
