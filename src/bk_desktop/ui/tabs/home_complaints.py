"""Beranda's Kotak Saran card: the entries still waiting for their first follow-up.

``ComplaintService.due`` lists the open pengaduan, saran and masukan the signed-in account may
open that nobody has followed up yet, soonest deadline first. Beranda may be on a screen others
see, so a row holds the tracking code, the jenis and the 3×24 h countdown only: never the text,
never the sender. The countdown says its state in words *and* colour: "Terlambat …" in red,
under 12 hours amber, else "Sisa …" in the ordinary colour.

For the koordinator, while the vault has no active kepala sekolah account, the card says that
complaints about a guru BK go to the kepala sekolah and where the account is made; its button
asks the window for Pengaturan's accounts section (``tab_table.open_accounts``).

A row opens the entry in the Kotak Saran tab (``tab_table.open_complaint``); the window wires
both in ``ui/tab_table.py``, as it does Beranda's other rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QWidget

from bk_desktop.domain.complaints import ClockKind
from bk_desktop.domain.dates import format_deadline
from bk_desktop.services.complaints import ComplaintDue
from bk_desktop.ui.kit.emphasis import emphasis
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.labels import note_label
from bk_desktop.ui.kit.palette import ERROR_TEXT, WARNING_TEXT
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.home_day import ShortList, ShortListModel

_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
_COLOURS = {ClockKind.TERLAMBAT: ERROR_TEXT, ClockKind.SEGERA: WARNING_TEXT}
"""Overdue is red, under 12 hours amber; the words say the same for whoever cannot tell."""

CLOCK_COLUMN = 2


class ComplaintDueModel(ShortListModel[ComplaintDue]):
    """Kode, Jenis, Batas 3×24 jam; no text, no sender."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zone = ZoneInfo("UTC")

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Kode"), self.tr("Jenis"), self.tr("Batas 3×24 jam"))

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        due = self.record_of(index)
        if due is None:
            return None
        column = index.column()
        if role in _TEXT_ROLES:
            return (due.code, due.kind.label, due.clock.text)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            deadline = due.clock.deadline
            when = (
                self.tr("Batas: {deadline}. ").format(deadline=format_deadline(deadline, self.zone))
                if deadline is not None
                else ""
            )
            return when + self.tr("Klik dua kali untuk membukanya di tab Kotak Saran.")
        if column != CLOCK_COLUMN:
            return None
        return emphasis(role, _COLOURS.get(due.clock.kind, ""))


class ComplaintsPanel(ShortList[ComplaintDue]):
    """The card. ``complaint_opened(id)`` on Enter or a double click; ``accounts_wanted`` from
    the missing-principal line's button (shown to the koordinator only)."""

    complaint_opened = Signal(int)
    accounts_wanted = Signal()

    def __init__(self, *, for_koordinator: bool, parent: QWidget | None = None) -> None:
        self.due_model = ComplaintDueModel()
        super().__init__(
            "homeComplaints",
            self.tr("Kotak saran"),
            self.due_model,
            self.tr("Tidak ada entri yang menunggu tindak lanjut pertama."),
            parent,
        )
        self.due_model.setParent(self)
        # Code and jenis are short; the countdown ("Ditindaklanjuti terlambat 2 hari 3 jam")
        # takes the width left, not the jenis column.
        header = self.list.table.horizontalHeader()
        for column in range(self.due_model.columnCount()):
            header.setSectionResizeMode(
                column,
                QHeaderView.ResizeMode.Stretch
                if column == CLOCK_COLUMN
                else QHeaderView.ResizeMode.ResizeToContents,
            )
        self.for_koordinator = for_koordinator
        self.principal_note = note_label(
            self.tr(
                "Belum ada akun kepala sekolah. Pengaduan tentang guru BK diteruskan ke kepala "
                "sekolah; buat akunnya di Pengaturan → Akun guru BK."
            ),
            "homePrincipalMissing",
            self,
        )
        set_role(self.principal_note, "warning")
        self.accounts_button = named(
            QPushButton(self.tr("Buka Akun guru BK"), self),
            "homePrincipalMissingButton",
            self.tr("Buka Pengaturan, bagian akun guru BK"),
        )
        self.accounts_button.setAutoDefault(False)
        self.accounts_button.clicked.connect(self.accounts_wanted)
        row = QHBoxLayout()
        row.addWidget(self.principal_note, 1)
        row.addWidget(self.accounts_button, 0, Qt.AlignmentFlag.AlignTop)
        self.body.insertLayout(1, row)
        self.show_principal_missing(False)
        self.chosen.connect(self._on_chosen)

    def show_due(self, due: Sequence[ComplaintDue], zone: ZoneInfo) -> None:
        self.due_model.zone = zone
        self.show_records(due)

    def show_principal_missing(self, missing: bool) -> None:
        """The line is the koordinator's: they are the one who makes accounts."""
        shown = missing and self.for_koordinator
        self.principal_note.setVisible(shown)
        self.accounts_button.setVisible(shown)

    @Slot(object)
    def _on_chosen(self, due: ComplaintDue) -> None:
        self.complaint_opened.emit(due.id)


__all__ = [
    "ComplaintDueModel",
    "ComplaintsPanel",
]
