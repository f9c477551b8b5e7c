"""Riwayat: every move of one request, with who made it, when and why."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from bk_desktop.domain.dates import format_instant
from bk_desktop.services.requests import (
    RequestRecord,
    RequestService,
)
from bk_desktop.ui.assent_dialog import request_heading
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.i18n import set_button_texts
from bk_desktop.ui.kit.forms import dialog_layout, named
from bk_desktop.ui.kit.views import tab_leaves


class HistoryDialog(QDialog):
    """Riwayat: every status move of one request, who made it and why."""

    def __init__(
        self, context: UiContext, record: RequestRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("Riwayat pengajuan"))
        self.setMinimumSize(820, 360)
        workspace = context.workspace
        zone = workspace.settings().zone
        names = {account.id: account.name for account in context.accounts.list()}
        events = RequestService(workspace).events(record.id)

        heading = request_heading(
            self,
            record,
            self.tr("Status sekarang: {status}").format(status=record.status.label.lower()),
        )
        table = tab_leaves(named(QTableWidget(len(events), 5, self), "requestHistoryTable", ""))
        table.setAccessibleName(self.tr("Riwayat status"))
        table.setHorizontalHeaderLabels(
            [
                self.tr("Waktu"),
                self.tr("Dari"),
                self.tr("Menjadi"),
                self.tr("Oleh"),
                self.tr("Alasan"),
            ]
        )
        table.verticalHeader().hide()
        table.verticalHeader().setMinimumSectionSize(26)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        for row, event in enumerate(events):
            cells = (
                format_instant(event.at, zone),
                event.from_status.label if event.from_status else self.tr("(baru)"),
                event.to_status.label,
                names.get(event.account_id or "", self.tr("—")),
                event.reason or self.tr("—"),
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        header = table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        table.setCurrentIndex(QModelIndex())
        self.table = table

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        set_button_texts(buttons)
        named(
            buttons.button(QDialogButtonBox.StandardButton.Close),
            "historyCloseButton",
            self.tr("Tutup"),
        )
        buttons.rejected.connect(self.reject)

        dialog_layout(self, heading, table, buttons).setStretchFactor(table, 1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Wrapped reasons can be measured only once the columns have their final widths.
        QTimer.singleShot(0, self.table, self.table.resizeRowsToContents)


__all__ = ["HistoryDialog"]
