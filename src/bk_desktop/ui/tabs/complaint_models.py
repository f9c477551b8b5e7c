"""The Kotak Saran list: one row per entry, with its 3×24 h clock in words, an icon and a colour.

The clock is never told by colour alone (docs/architecture.md, "Look and feel"): late is red
with the error icon and "Terlambat …", under 12 hours left is amber with the warning icon and
"Sisa …", a first follow-up in time is green with the check and "Ditindaklanjuti tepat waktu".
Apresiasi has no clock ("Tanpa batas waktu", muted).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from bk_desktop.domain.complaints import ClockKind, ComplaintClock
from bk_desktop.domain.dates import format_deadline, format_instant
from bk_desktop.services.complaints import ComplaintRow
from bk_desktop.ui.item_model import ItemListModel
from bk_desktop.ui.kit.emphasis import emphasis
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.palette import ERROR_TEXT, MUTED_TEXT, OK_TEXT, WARNING_TEXT
from bk_desktop.ui.kit.ui_state import RememberedColumns
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.school_time import short_instant, zone_name

CODE, KIND, RECEIVED, CHANNEL, SENDER, SUBJECT, STATUS, CLOCK = range(8)
COLUMN_COUNT = 8
OPTIONAL_COLUMNS = (CHANNEL, SUBJECT)
"""Hidden first when the list is narrow; the detail shows them too."""


@dataclass(frozen=True)
class ClockLook:
    icon_name: str
    colour: str
    pressing: bool


_LOOKS: dict[ClockKind, ClockLook] = {
    ClockKind.BERJALAN: ClockLook("", "", False),
    ClockKind.SEGERA: ClockLook("warning", WARNING_TEXT, True),
    ClockKind.TERLAMBAT: ClockLook("error", ERROR_TEXT, True),
    ClockKind.TEPAT_WAKTU: ClockLook("ok", OK_TEXT, False),
    ClockKind.TERLAMBAT_DITINDAKLANJUTI: ClockLook("error", ERROR_TEXT, False),
    ClockKind.TANPA_BATAS: ClockLook("", MUTED_TEXT, False),
}


def clock_look(clock: ComplaintClock) -> ClockLook:
    return _LOOKS[clock.kind]


def late_count(rows: list[ComplaintRow]) -> int:
    """Entries whose promise is broken: late and waiting, or followed up late."""
    return sum(1 for row in rows if row.clock.kind.is_late)


class ComplaintTableModel(ItemListModel[ComplaintRow]):
    """Entries as rows, newest received first (the service's order); ``ID_ROLE`` holds the id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda row: row.id, COLUMN_COUNT, parent)

    def _header_text(self, section: int) -> str:
        return {
            CODE: self.tr("Kode"),
            KIND: self.tr("Jenis"),
            RECEIVED: self.tr("Diterima ({zone})").format(zone=zone_name(self._zone)),
            CHANNEL: self.tr("Saluran"),
            SENDER: self.tr("Pengirim"),
            SUBJECT: self.tr("Tentang"),
            STATUS: self.tr("Status"),
            CLOCK: self.tr("Batas 3×24 jam"),
        }[section]

    def _cell_data(self, row: ComplaintRow, column: int, role: int) -> Any:
        if column == CLOCK:
            return self._clock_data(row.clock, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == RECEIVED:
                return format_instant(row.received_at, self._zone)
            if column in (CODE, SENDER):
                return row.excerpt or None
            if column == SUBJECT and row.about_account_name:
                return self.tr("{subject}: {name}. Penanganan: {handling}").format(
                    subject=row.subject_label,
                    name=row.about_account_name,
                    handling=row.handling.label.lower(),
                )
        return None

    def _text(self, row: ComplaintRow, column: int) -> str:
        if column == CODE:
            return row.code
        if column == KIND:
            return row.kind.label
        if column == RECEIVED:
            return short_instant(row.received_at, self._zone)
        if column == CHANNEL:
            return row.channel_label
        if column == SENDER:
            return row.sender
        if column == SUBJECT:
            subject = row.subject_short or row.subject_label
            if row.about_account_name:
                return f"{subject}: {row.about_account_name}"
            return subject
        if column == STATUS:
            return row.status.label
        return ""

    def _clock_data(self, clock: ComplaintClock, role: int) -> Any:
        look = clock_look(clock)
        if role == Qt.ItemDataRole.DisplayRole:
            return clock.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return clock.text
        if role == Qt.ItemDataRole.DecorationRole and look.icon_name:
            return self.status_icon(look.icon_name)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            return emphasis(role, look.colour, bold=look.pressing)
        if role == Qt.ItemDataRole.ToolTipRole and clock.deadline is not None:
            return self.tr("Batas: {deadline}").format(
                deadline=format_deadline(clock.deadline, self._zone)
            )
        return None


def complaint_view(parent: QWidget, model: ComplaintTableModel) -> QTableView:
    """The list to pick one entry from: whole rows, one at a time, never edited in place; the
    3×24 h column takes the width the other columns leave (its longest words, "Ditindaklanjuti
    terlambat 1 hari 3 jam", must not be cut at 1280 px), and widths are remembered."""
    view = tab_leaves(named(QTableView(parent), "complaintTable", parent.tr("Daftar kotak saran")))
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    RememberedColumns(
        view, "complaintTable", name=CLOCK, optional=list(OPTIONAL_COLUMNS), name_width=280
    )
    return view


def selected_complaint_id(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows()
    if not rows:
        return None
    value = rows[0].data(ComplaintTableModel.ID_ROLE)
    return value if isinstance(value, int) else None


__all__ = [
    "ComplaintTableModel",
    "clock_look",
    "complaint_view",
    "late_count",
    "selected_complaint_id",
]
