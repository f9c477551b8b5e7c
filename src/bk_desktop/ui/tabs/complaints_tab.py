"""Kotak Saran: the entries received through every channel, each with its 3×24 h clock.

The list shows what ``ComplaintService.entries`` lets the signed-in account see (never an
entry about themselves that went to the kepala sekolah), filtered by kind, status, channel,
period, words and lateness; a counts line says how many and how many are late. "Catat entri…"
(Ctrl+N while this tab shows: ``MainWindow.new_request`` asks ``new_entry``) registers one;
Enter or a double click opens its detail (an audit event), where the follow-up log is kept.
The printed papers — a receipt, a sheet of blank slips for the box, the notice board of public
responses — come from ``services/complaint_documents.py`` through the one
preview (``ui/documents.show_document``), loaded on the first print.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QTimer, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.complaints import Channel, ComplaintRecord, ComplaintStatus, ComplaintType
from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.complaints import ComplaintFilter, ComplaintRow, ComplaintService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.draft_keeping import draft_of, target_id
from bk_desktop.ui.kit.banner import SuccessBanner
from bk_desktop.ui.kit.buttons import enable_unless
from bk_desktop.ui.kit.empty_state import EmptyState
from bk_desktop.ui.kit.forms import action_button, chosen, named
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.school_time import py_date, qdate, school_date_edit
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.complaint_dialogs import (
    ActionDialog,
    ActionMode,
    CheckCodeDialog,
    DetailDialog,
    SlipCountDialog,
)
from bk_desktop.ui.tabs.complaint_models import (
    ComplaintTableModel,
    complaint_view,
    late_count,
    selected_complaint_id,
)
from bk_desktop.ui.tabs.complaint_register import RegisterDialog

TICK_MS = 60_000
"""How often the clocks move (the list is read again: a row holds no receipt instants)."""
MODE_KEY = "complaintActionMode"
"""Which follow-up form a COMPLAINT_ACTION draft belongs to."""


class ComplaintsTab(QWidget):
    """The Kotak Saran tab. It never re-reads after its own writes: each write's change notice
    has the window read it again (``refresh``); what follows a write only selects and says."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("complaintsTab")
        self.dialogs = DialogSlot(self)
        self._rows: list[ComplaintRow] = []
        counsellor = context.workspace.account.role.is_counsellor

        toolbar = self._toolbar(counsellor)
        filters = self._filter_bar()
        self.stack = self._list()
        self.counts = QLabel(self)
        self.counts.setObjectName("complaintCounts")
        set_role(self.counts, "muted")
        self.message = SuccessBanner("complaintMessage", self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(toolbar)
        layout.addWidget(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.counts)

        self.timer = QTimer(self)
        self.timer.setObjectName("complaintClockTimer")
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.refresh)
        self.refresh()

    # -- building ------------------------------------------------------------------------------

    def _toolbar(self, counsellor: bool) -> QHBoxLayout:
        self.new_button = action_button(
            self.tr("Catat entri…"), "complaintNewButton", self.tr("Catat entri kotak saran")
        )
        self.new_button.setToolTip(
            self.tr("Catat pengaduan, saran, masukan atau apresiasi (Ctrl+N)")
        )
        set_role(self.new_button, "primary")
        self.new_button.clicked.connect(self.new_entry)
        self.open_button = action_button(
            self.tr("Lihat detail"), "complaintOpenButton", self.tr("Lihat detail entri")
        )
        self.open_button.clicked.connect(self.open_selected)
        self.receipt_button = action_button(
            self.tr("Cetak tanda terima"), "complaintReceiptButton", self.tr("Cetak tanda terima")
        )
        self.receipt_button.clicked.connect(self.print_selected_receipt)
        self.check_button = action_button(
            self.tr("Cek kode…"), "complaintCheckCodeButton", self.tr("Cek kode")
        )
        self.check_button.clicked.connect(self.check_code)
        self.slips_button = action_button(
            self.tr("Cetak lembar kotak saran…"),
            "complaintSlipsButton",
            self.tr("Cetak lembar kotak saran"),
        )
        self.slips_button.clicked.connect(self.print_slips)
        # Slips are numbered for the room's box: the counsellors print them.
        self.slips_button.setVisible(counsellor)
        self.board_button = action_button(
            self.tr("Cetak papan tanggapan"),
            "complaintBoardButton",
            self.tr("Cetak papan tanggapan"),
        )
        self.board_button.setToolTip(
            self.tr("Daftar tanggapan untuk entri anonim, menurut kode, untuk papan pengumuman")
        )
        self.board_button.clicked.connect(self.print_board)
        toolbar = QHBoxLayout()
        toolbar.setSpacing(8)
        toolbar.addWidget(self.new_button)
        toolbar.addSpacing(12)
        for button in (
            self.open_button,
            self.receipt_button,
            self.check_button,
            self.slips_button,
            self.board_button,
        ):
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        return toolbar

    def _filter_bar(self) -> QWidget:
        box = QWidget(self)
        box.setObjectName("complaintFilters")
        self.kind_filter = named(QComboBox(box), "complaintKindFilter", self.tr("Saring jenis"))
        self.kind_filter.addItem(self.tr("Semua jenis"), "")
        for kind in ComplaintType:
            self.kind_filter.addItem(kind.label, kind.value)
        self.status_filter = named(
            QComboBox(box), "complaintStatusFilter", self.tr("Saring status")
        )
        self.status_filter.addItem(self.tr("Semua status"), "")
        self.status_filter.addItem(self.tr("Belum selesai"), "open")
        for status in ComplaintStatus:
            self.status_filter.addItem(status.label, status.value)
        self.channel_filter = named(
            QComboBox(box), "complaintChannelFilter", self.tr("Saring saluran")
        )
        self.channel_filter.addItem(self.tr("Semua saluran"), "")
        for channel in Channel:
            self.channel_filter.addItem(channel.label, channel.value)
        self.period = named(
            QCheckBox(self.tr("Periode"), box), "complaintPeriod", self.tr("Saring periode")
        )
        today = self.context.workspace.now().astimezone(self.context.workspace.settings().zone)
        self.first = named(school_date_edit(box), "complaintFirstDay", self.tr("Dari tanggal"))
        self.first.setDate(qdate(date(today.year, today.month, 1)))
        self.last = named(school_date_edit(box), "complaintLastDay", self.tr("Sampai tanggal"))
        self.last.setDate(qdate(today.date()))
        self.search = named(QLineEdit(box), "complaintSearch", self.tr("Cari kode, nama atau isi"))
        self.search.setPlaceholderText(self.tr("Cari kode, nama pengirim atau isi…"))
        self.search.setClearButtonEnabled(True)
        self.search.setProperty("searchField", True)
        self.late_only = named(
            QCheckBox(self.tr("Hanya yang terlambat"), box),
            "complaintLateOnly",
            self.tr("Hanya yang terlambat"),
        )
        for combo in (self.kind_filter, self.status_filter, self.channel_filter):
            combo.currentIndexChanged.connect(self.refresh)
        for check in (self.period, self.late_only):
            check.toggled.connect(self.refresh)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self._on_dates)
        self.search.textChanged.connect(self.refresh)
        self.period.toggled.connect(self._on_period)
        self._on_period()

        upper = QHBoxLayout()
        upper.setSpacing(8)
        for widget in (self.kind_filter, self.status_filter, self.channel_filter, self.period):
            upper.addWidget(widget)
        upper.addWidget(self.first)
        dash = QLabel("–", box)
        upper.addWidget(dash)
        upper.addWidget(self.last)
        upper.addStretch(1)
        lower = QHBoxLayout()
        lower.setSpacing(8)
        lower.addWidget(self.search, 1)
        lower.addWidget(self.late_only)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(upper)
        layout.addLayout(lower)
        return box

    def _list(self) -> QStackedWidget:
        self.model = ComplaintTableModel(self)
        self.table = complaint_view(self, self.model)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.activated.connect(self._on_activated)
        self.empty = EmptyState(
            "complaintEmptyState",
            text_name="complaintEmptyText",
            title_name="complaintEmptyTitle",
            parent=self,
        )
        self.empty_button = self.empty.add_button(
            action_button(
                self.tr("Catat entri…"), "complaintEmptyNewButton", self.tr("Catat entri")
            )
        )
        self.empty_button.clicked.connect(self.new_entry)
        stack = QStackedWidget(self)
        stack.addWidget(self.table)
        stack.addWidget(self.empty)
        return stack

    # -- showing -------------------------------------------------------------------------------

    @property
    def service(self) -> ComplaintService:
        return ComplaintService(self.context.workspace)

    @property
    def selected_id(self) -> int | None:
        return selected_complaint_id(self.table)

    def current_filter(self) -> ComplaintFilter:
        kind = chosen(self.kind_filter, ComplaintType)
        status_data = self.status_filter.currentData()
        statuses: frozenset[ComplaintStatus] = frozenset()
        if status_data == "open":
            statuses = frozenset(s for s in ComplaintStatus if s is not ComplaintStatus.SELESAI)
        elif status_data:
            statuses = frozenset({ComplaintStatus(str(status_data))})
        period = self.period.isChecked()
        return ComplaintFilter(
            kinds=frozenset({kind}) if kind is not None else frozenset(),
            statuses=statuses,
            channel=chosen(self.channel_filter, Channel),
            first=py_date(self.first.date()) if period else None,
            last=py_date(self.last.date()) if period else None,
            search=self.search.text().strip(),
            late_only=self.late_only.isChecked(),
        )

    @property
    def filtered(self) -> bool:
        return self.current_filter() != ComplaintFilter()

    @Slot()
    def refresh(self) -> None:
        """Read the entries again, keeping the selected one selected."""
        workspace = self.context.workspace
        if not workspace.is_open:
            return
        keep = self.selected_id
        self._rows = self.service.entries(self.current_filter())
        self.model.set_items(self._rows, workspace.settings().zone)
        self._show_empty_state()
        late = late_count(self._rows)
        self.counts.setText(
            self.tr("{count} entri · {late} terlambat").format(count=len(self._rows), late=late)
        )
        if keep is not None:
            self.select(keep)
        self._on_selection()

    def _show_empty_state(self) -> None:
        if self._rows:
            self.stack.setCurrentWidget(self.table)
            return
        if self.filtered:
            title = self.tr("Tidak ada entri yang cocok")
            text = self.tr(
                "Tidak ada entri yang cocok dengan saringan ini. Ubah jenis, status, saluran, "
                "periode atau kata pencarian untuk melihat entri lain."
            )
        else:
            title = self.tr("Belum ada entri kotak saran")
            text = self.tr(
                "Catat pengaduan, saran, masukan atau apresiasi pertama dengan “Catat entri…” "
                "(Ctrl+N). Pengaduan, saran dan masukan ditindaklanjuti paling lambat 3×24 jam "
                "sejak diterima; untuk kotak saran, sejak kotak dibuka."
            )
        self.empty.say(text, title)
        self.empty_button.setVisible(not self.filtered)
        self.stack.setCurrentWidget(self.empty)

    def select(self, complaint_id: int) -> bool:
        row = self.model.row_of(complaint_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    @Slot()
    def _on_selection(self, *_args: object) -> None:
        why = "" if self.selected_id is not None else self.tr("Pilih satu entri di daftar dulu.")
        enable_unless(self.open_button, why)
        enable_unless(self.receipt_button, why)

    @Slot()
    def _on_period(self) -> None:
        for edit in (self.first, self.last):
            edit.setEnabled(self.period.isChecked())

    @Slot()
    def _on_dates(self) -> None:
        if self.period.isChecked():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    # -- actions -------------------------------------------------------------------------------

    @property
    def dialog(self) -> QDialog | None:
        return self.dialogs.current

    @Slot()
    def new_entry(self) -> None:
        if self.dialog is None:
            self._open_register()

    def _open_register(self) -> RegisterDialog:
        dialog = RegisterDialog(self.context, self)
        self.dialogs.open(dialog, lambda: self._registered(dialog))
        return dialog

    def _registered(self, dialog: RegisterDialog) -> None:
        record = dialog.record
        if record is None:
            return
        if not self.service.can_open(record):
            self._registered_elsewhere(record)
            return
        if not self.select(record.id):
            self._clear_filters()
            self.select(record.id)
        self.message.say(
            self.tr(
                "Entri {code} tersimpan. Berikan tanda terimanya kepada pengirim: tekan "
                "“Cetak tanda terima”."
            ).format(code=record.code)
        )
        self.receipt_button.setFocus()

    def _registered_elsewhere(self, record: ComplaintRecord) -> None:
        """An entry this account may not open (a complaint about a colleague, or about
        themselves): it leaves the list at once, so the filters stay as they were and the
        receipt is offered now, the one time it can be printed from this account."""
        self.message.say(
            self.tr(
                "Entri {code} tersimpan dan diteruskan ke kepala sekolah. Entri ini tidak "
                "ditampilkan di daftar Anda."
            ).format(code=record.code)
        )
        # Asked once the register dialog has closed, so the preview can take the slot.
        QTimer.singleShot(0, lambda: self._offer_receipt(record))

    def _offer_receipt(self, record: ComplaintRecord) -> None:
        if self.dialog is None and self.context.prompter.confirm(
            self,
            self.tr("Cetak tanda terima"),
            self.tr(
                "Entri {code} ditangani kepala sekolah dan tidak dapat dibuka lagi dari akun "
                "ini. Cetak tanda terimanya sekarang untuk pengirim? Tanda terima tidak memuat "
                "isi entri."
            ).format(code=record.code),
        ):
            self._print_receipt_of(record)

    def _print_receipt_of(self, record: ComplaintRecord) -> None:
        from bk_desktop.services.complaint_documents import ComplaintDocuments  # noqa: PLC0415
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415 - loads reportlab

        workspace = self.context.workspace
        show_document(
            self.context,
            self,
            self.dialogs,
            lambda _service: ComplaintDocuments(workspace).receipt_of(record),
            what=self.tr("Cetak tanda terima"),
        )

    def _clear_filters(self) -> None:
        for combo in (self.kind_filter, self.status_filter, self.channel_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for check in (self.period, self.late_only):
            check.blockSignals(True)
            check.setChecked(False)
            check.blockSignals(False)
        self._on_period()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.refresh()

    @Slot(QModelIndex)
    def _on_activated(self, _index: QModelIndex) -> None:
        self.open_selected()

    def open_entry(self, complaint_id: int) -> None:
        """Beranda's Kotak Saran rows: the entry selected when the filters show it, and its
        detail opened (audited like any opening)."""
        self.select(complaint_id)
        self.open_detail(complaint_id)

    @Slot()
    def open_selected(self) -> None:
        complaint_id = self.selected_id
        if complaint_id is not None:
            self.open_detail(complaint_id)

    def open_detail(self, complaint_id: int) -> DetailDialog | None:
        """The entry's detail; opening it is recorded in the audit log."""
        if self.dialog is not None:
            return None
        try:
            record = self.service.open(complaint_id)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Kotak saran"), error.message)
            self.refresh()
            return None
        dialog = DetailDialog(self.context, record, self)
        dialog.print_receipt.connect(lambda entry_id: self._print_receipt(entry_id, dialog.dialogs))
        self.dialogs.open(dialog, lambda: None)
        return dialog

    @Slot()
    def print_selected_receipt(self) -> None:
        complaint_id = self.selected_id
        if complaint_id is not None:
            self._print_receipt(complaint_id, self.dialogs)

    def _print_receipt(self, complaint_id: int, slot: DialogSlot) -> None:
        from bk_desktop.services.complaint_documents import ComplaintDocuments  # noqa: PLC0415
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415 - loads reportlab

        workspace = self.context.workspace
        show_document(
            self.context,
            self,
            slot,
            lambda _service: ComplaintDocuments(workspace).receipt(complaint_id),
            what=self.tr("Cetak tanda terima"),
        )

    @Slot()
    def check_code(self) -> None:
        if self.dialog is None:
            self.dialogs.open(CheckCodeDialog(self.context, self), lambda: None)

    @Slot()
    def print_slips(self) -> None:
        if self.dialog is not None:
            return
        ask = SlipCountDialog(self)
        self.dialogs.open(ask, lambda: QTimer.singleShot(0, lambda: self._slips(ask.count.value())))

    def _slips(self, count: int) -> None:
        from bk_desktop.services.complaint_documents import ComplaintDocuments  # noqa: PLC0415
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415 - loads reportlab

        workspace = self.context.workspace
        show_document(
            self.context,
            self,
            self.dialogs,
            lambda _service: ComplaintDocuments(workspace).blank_slips(count),
            what=self.tr("Cetak lembar kotak saran"),
        )

    @Slot()
    def print_board(self) -> None:
        from bk_desktop.services.complaint_documents import ComplaintDocuments  # noqa: PLC0415
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415 - loads reportlab

        if self.dialog is not None:
            return
        workspace = self.context.workspace
        show_document(
            self.context,
            self,
            self.dialogs,
            lambda _service: ComplaintDocuments(workspace).board(),
            what=self.tr("Cetak papan tanggapan"),
        )

    # -- drafts across a lock (ui/draft_keeping.py) -------------------------------------------

    def open_drafts(self) -> list[FormDraft]:
        dialog = self.dialog
        if dialog is None or not dialog.isVisible():
            return []
        if isinstance(dialog, RegisterDialog):
            return draft_of(DraftForm.COMPLAINT, None, dialog.form_state)
        if isinstance(dialog, DetailDialog):
            action = dialog.action_dialog
            if action is None or not action.isVisible():
                return []
            drafts = draft_of(DraftForm.COMPLAINT_ACTION, action.entry.id, action.form.state)
            for draft in drafts:
                draft.content[MODE_KEY] = action.mode.value
            return drafts
        return []

    def reopen_draft(self, draft: FormDraft) -> bool:
        if self.dialog is not None:
            return False
        if draft.form is DraftForm.COMPLAINT:
            self._open_register().form_state.restore_draft(draft.content)
            return True
        if draft.form is not DraftForm.COMPLAINT_ACTION:
            return False
        complaint_id = target_id(draft)
        if complaint_id is None:
            return False
        try:
            mode = ActionMode(str(draft.content.get(MODE_KEY, ActionMode.FOLLOW_UP.value)))
        except ValueError:
            mode = ActionMode.FOLLOW_UP
        detail = self.open_detail(complaint_id)
        if detail is None:
            return False  # the entry is gone or no longer this account's: the draft waits
        action: ActionDialog = detail.open_action(mode)
        action.form.restore_draft(draft.content)
        return True

    def lost_on_lock(self) -> list[str]:
        return []


__all__ = ["ComplaintsTab"]
