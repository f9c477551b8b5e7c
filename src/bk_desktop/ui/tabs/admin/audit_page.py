"""Pengaturan → Privasi → Jejak audit: who opened, printed, exported or changed what, and when.

The koordinator's window on the log every service writes (``services.audit_view``). A
five-year vault holds about 10⁵ events, so the table holds only the pages scrolled to: the
model fetches the next page when the view reaches the end (``canFetchMore``/``fetchMore``),
and a filter starts again from the newest. Nothing here reads a record's content; the rows are
what the service made of the log (typed labels and numbers).

Each opening of the page is itself audited once (``audit.viewed``, "view"); saving the rows as
CSV is audited with their count.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from bk_desktop.domain.errors import KnownError
from bk_desktop.services.audit_view import (
    AuditFilters,
    AuditRow,
    AuditViewService,
    KindGroup,
    PageMark,
)
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import action_button, button_row, named
from bk_desktop.ui.kit.labels import status_label
from bk_desktop.ui.kit.page import ScrollPage
from bk_desktop.ui.kit.records import RecordsModel
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.kit.wheel import value_fields, wheel_only_when_focused
from bk_desktop.ui.school_time import py_date, qdate, school_date_edit
from bk_desktop.ui.tabs.admin.date_inputs import name_calendar_parts, school_today

_ModelIndex = QModelIndex | QPersistentModelIndex

ALL_TIME, LAST_7, LAST_30, CHOSEN_DAYS = range(4)


class AuditModel(RecordsModel[AuditRow]):
    """The rows read so far; the view asks for more when it scrolls to the end."""

    def __init__(self, service: AuditViewService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._filters = AuditFilters()
        self._next: PageMark | None = None

    def use(self, service: AuditViewService) -> None:
        """Read from ``service`` from now on (after a restore)."""
        self._service = service

    def headers(self) -> list[str]:
        return [
            self.tr("Waktu"),
            self.tr("Akun"),
            self.tr("Kejadian"),
            self.tr("Sasaran"),
            self.tr("Keterangan"),
        ]

    def load(self, filters: AuditFilters) -> None:
        """Start again from the newest event matching ``filters``."""
        self._filters = filters
        page = self._service.page(filters)
        self._next = page.next_mark
        self._reset(page.rows)

    def clear(self) -> None:
        self._next = None
        self._reset(())

    def canFetchMore(self, parent: _ModelIndex | None = None) -> bool:
        return self._next is not None and not (parent is not None and parent.isValid())

    def fetchMore(self, parent: _ModelIndex | None = None) -> None:
        if self._next is None:
            return
        page = self._service.page(self._filters, self._next)
        start = len(self._records)
        self.beginInsertRows(QModelIndex(), start, start + len(page.rows) - 1)
        self._records.extend(page.rows)
        self._next = page.next_mark
        self.endInsertRows()

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.record_of(index)
        if row is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return row.cells[index.column()]


class AuditPage(ScrollPage):
    """Filters over the table of events, the count, and "Simpan sebagai CSV…"."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Jejak audit"),
            self.tr(
                "Siapa membuka, mencetak, mengekspor atau mengubah data, dan kapan. Jejak ini "
                "tidak memuat isi catatan atau nama siswa: sasaran ditulis sebagai jenis dan "
                "nomor catatan. Membuka halaman ini juga tercatat."
            ),
            parent,
        )
        self._context = context
        # A table of five columns reads better the wider it is; the page's usual cap is for forms.
        content = self.body.parentWidget()
        if content is not None:
            content.setMaximumWidth(16777215)
        self.service = AuditViewService(context.workspace)
        self._loaded = False

        self.period = named(QComboBox(), "auditPeriod", self.tr("Periode"))
        for text in (
            self.tr("Semua waktu"),
            self.tr("7 hari terakhir"),
            self.tr("30 hari terakhir"),
            self.tr("Tanggal tertentu"),
        ):
            self.period.addItem(text)
        self.first_day = named(school_date_edit(), "auditFirstDay", self.tr("Dari tanggal"))
        self.last_day = named(school_date_edit(), "auditLastDay", self.tr("Sampai tanggal"))
        for edit in (self.first_day, self.last_day):
            name_calendar_parts(edit.calendarWidget())
        self.account = named(QComboBox(), "auditAccount", self.tr("Akun"))
        self.group = named(QComboBox(), "auditGroup", self.tr("Kelompok kejadian"))
        self.kind = named(QComboBox(), "auditKind", self.tr("Kejadian"))
        self.group.addItem(self.tr("Semua kelompok"), None)
        for group in KindGroup:
            self.group.addItem(group.label, group)

        filters = QGridLayout()
        filters.setHorizontalSpacing(12)
        filters.setVerticalSpacing(6)
        self._grid_row(filters, 0, self.tr("&Periode:"), self.period)
        self._grid_row(filters, 0, self.tr("&Dari:"), self.first_day, column=2)
        self._grid_row(filters, 0, self.tr("&Sampai:"), self.last_day, column=4)
        self._grid_row(filters, 1, self.tr("A&kun:"), self.account)
        self._grid_row(filters, 1, self.tr("Ke&lompok:"), self.group, column=2)
        self._grid_row(filters, 1, self.tr("Keja&dian:"), self.kind, column=4)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        filters.setColumnStretch(5, 1)
        self.body.addLayout(filters)

        self.model = AuditModel(self.service, self)
        self.table = tab_leaves(named(QTableView(), "auditTable", self.tr("Jejak audit")))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(300)
        header = self.table.horizontalHeader()
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.Interactive,
            )
        ):
            header.setSectionResizeMode(column, mode)
        header.resizeSection(1, 150)
        header.resizeSection(3, 150)
        header.resizeSection(4, 170)
        self.body.addWidget(self.table, 1)

        self.count = status_label("auditCount")
        self.csv_button = action_button(
            self.tr("Simpan sebagai CSV…"),
            "auditCsvButton",
            self.tr("Simpan baris yang tersaring sebagai berkas CSV"),
        )
        self.csv_button.clicked.connect(self.save_csv)
        self.body.addLayout(button_row(self.csv_button, self.count))

        self.period.currentIndexChanged.connect(self._period_changed)
        for box in (self.account, self.kind):
            box.currentIndexChanged.connect(self.refresh)
        self.group.currentIndexChanged.connect(self._group_changed)
        self.first_day.dateChanged.connect(self.refresh)
        self.last_day.dateChanged.connect(self.refresh)
        # Not ``finish()``: its closing stretch would take the height the table should have.
        wheel_only_when_focused(value_fields(self), self)

    @staticmethod
    def _grid_row(grid: QGridLayout, row: int, text: str, field: QWidget, column: int = 0) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        grid.addWidget(label, row, column)
        grid.addWidget(field, row, column + 1)

    # -- reading -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if event.spontaneous() or not self._context.workspace.is_open:
            return
        try:
            if not self._loaded:
                self._fill_filters()
            self.service.opened()
        except KnownError as error:
            self._context.prompter.error(self, self.tr("Jejak audit"), error.message)
            return
        self.refresh()

    def _fill_filters(self) -> None:
        self._loaded = True
        today = school_today(self._context)
        for edit in (self.first_day, self.last_day):
            edit.blockSignals(True)
            edit.setDate(qdate(today))
            edit.blockSignals(False)
        self.account.blockSignals(True)
        self.account.clear()
        self.account.addItem(self.tr("Semua akun"), None)
        for account_id, name in self.service.accounts():
            self.account.addItem(name, account_id)
        self.account.blockSignals(False)
        self._fill_kinds()
        self._period_changed()

    def _group(self) -> KindGroup | None:
        """The chosen group (Qt hands a ``StrEnum`` item's data back as plain text)."""
        data = self.group.currentData()
        return None if data is None else KindGroup(data)

    def _fill_kinds(self) -> None:
        group = self._group()
        chosen = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(self.tr("Semua kejadian"), None)
        wanted = None if group is None else {str(kind) for kind in group.kinds}
        for kind, label in self.service.kinds_in_log():
            if wanted is None or kind in wanted:
                self.kind.addItem(label, kind)
        index = self.kind.findData(chosen)
        self.kind.setCurrentIndex(max(index, 0))
        self.kind.blockSignals(False)

    def _group_changed(self) -> None:
        """Offer the group's kinds only (a chosen kind of another group goes), then read."""
        self._fill_kinds()
        self.refresh()

    def _period_changed(self) -> None:
        chosen = self.period.currentIndex() == CHOSEN_DAYS
        self.first_day.setEnabled(chosen)
        self.last_day.setEnabled(chosen)
        self.refresh()

    def filters(self) -> AuditFilters:
        """What the inputs ask for, as the service takes it."""
        today = school_today(self._context)
        first: date | None = None
        last: date | None = None
        period = self.period.currentIndex()
        if period == LAST_7:
            first, last = today - timedelta(days=6), today
        elif period == LAST_30:
            first, last = today - timedelta(days=29), today
        elif period == CHOSEN_DAYS:
            first, last = py_date(self.first_day.date()), py_date(self.last_day.date())
        return AuditFilters(
            first_day=first,
            last_day=last,
            account_id=self.account.currentData(),
            group=self._group(),
            kind=self.kind.currentData(),
        )

    def refresh(self) -> None:
        if not self._loaded or not self._context.workspace.is_open:
            return
        if self.service.workspace is not self._context.workspace:
            # A restore handed the window a new workspace; the page outlives the old one.
            self.service = AuditViewService(self._context.workspace)
            self.model.use(self.service)
        try:
            filters = self.filters()
            self.model.load(filters)
            total = self.service.count(filters)
        except KnownError as error:
            self.model.clear()
            self.count.setText(error.message)
            self.csv_button.setEnabled(False)
            return
        self.csv_button.setEnabled(total > 0)
        if total:
            self.count.setText(self.tr("%n kejadian", "", total))
        else:
            self.count.setText(self.tr("Tidak ada kejadian yang cocok dengan saringan ini."))

    # -- saving --------------------------------------------------------------------------------

    def save_csv(self) -> None:
        title = self.tr("Simpan jejak audit")
        suggested = Path.home() / f"Jejak-audit_{school_today(self._context).isoformat()}.csv"
        path = self._context.prompter.save_file(
            self, title, suggested, self.tr("Berkas CSV (*.csv)")
        )
        if path is None:
            return
        try:
            written, rows = self.service.save_csv(self.filters(), path)
        except KnownError as error:
            self._context.prompter.error(self, title, error.message)
            return
        self._context.prompter.info(
            self,
            title,
            self.tr("%1 baris jejak audit disimpan ke %2.")
            .replace("%1", str(rows))
            .replace("%2", str(written)),
        )
