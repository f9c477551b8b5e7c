"""Pengajuan: the list of requests for individual counselling and what can be done to one.

The list shows each request's 1×24 h clock as a countdown ("Sisa 5 jam 12 menit") that moves
every half minute, in a colour *and* with an icon and words. The actions for the selected
request follow the state machine of ``domain.requests``: "Ubah status…" offers only the moves
``RequestService.allowed_targets`` returns, and asks for a reason only where the domain wants
one; "Sepakati jadwal…" opens the Jadwal tab at the permohonan, where the time is agreed on
the week (one way to schedule, not two). The dialogs are modules of their own
(``ui/schedule_dialog.py``'s Batalkan jadwal, ``ui/status_dialog.py``,
``ui/history_dialog.py``, ``ui/assent_dialog.py``), and so is the card under the list
(``tabs/request_details.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain import requests as rules
from bk_desktop.domain.dates import format_deadline
from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.requests import RequestStatus
from bk_desktop.domain.screening import ReferralStatus
from bk_desktop.services.referrals import ReferralService
from bk_desktop.services.requests import (
    RequestItem,
    RequestRecord,
    RequestService,
)
from bk_desktop.ui.assent_dialog import AssentDialog, RequestFormDialog
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.draft_keeping import draft_of, target_id
from bk_desktop.ui.emergency_dialog import EmergencyDialog
from bk_desktop.ui.history_dialog import HistoryDialog
from bk_desktop.ui.kit.banner import SuccessBanner
from bk_desktop.ui.kit.buttons import enable_unless
from bk_desktop.ui.kit.empty_state import EmptyState
from bk_desktop.ui.kit.forms import action_button
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.kit.palette import ACCENT, ACCENT_DARK, ON_ACCENT
from bk_desktop.ui.referral_dialog import ReferralDialog
from bk_desktop.ui.request_dialog import RequestDialog
from bk_desktop.ui.request_table import (
    RequestColumn,
    RequestTableModel,
    request_view,
    selected_request_id,
)
from bk_desktop.ui.schedule_dialog import CancelScheduleDialog
from bk_desktop.ui.status_dialog import StatusDialog
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.request_details import RequestDetails

TICK_MS = 30_000
"""How often the countdowns move."""

OPEN, ALL, OVERDUE = "open", "all", "overdue"
OPTIONAL_COLUMNS = (RequestColumn.SOURCE, RequestColumn.ASSENT, RequestColumn.URGENCY)
"""Hidden in this order at the first fit of a narrow list, and from the header's menu; the
details panel shows them too."""


class RequestsTab(QWidget):
    """The Pengajuan tab. It never re-reads after its own writes: each write's change notice
    has the window read it again, once, before the dialog's ``accepted`` arrives here (the
    dialogs write on this thread, and the notice comes at commit); what follows a write only
    selects the request and says what happened. ``session_wanted`` asks the window for the
    Konseling tab at a *terjadwal* permohonan's planned session ("Catat sesi");
    ``schedule_wanted`` asks for Jadwal at a permohonan waiting for a time ("Sepakati jadwal…":
    the time is agreed there, on the week)."""

    session_wanted = Signal(int)
    schedule_wanted = Signal(int)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("requestsTab")
        self.dialogs = DialogSlot(self)
        self._filter = OPEN
        self._selected: RequestRecord | None = None
        self._account_names: dict[str, str] = {}

        toolbar = self._toolbar()
        filter_box = self._filter_bar()
        self.stack = self._list()
        self.details = RequestDetails(self)
        self.message = SuccessBanner("requestMessage", self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(toolbar)
        # The filter has a row of its own so that neither it nor the actions are clipped
        # at 150 % on a 1366×768 screen.
        layout.addWidget(filter_box)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.details)

        self.timer = QTimer(self)
        self.timer.setObjectName("requestCountdownTimer")
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

        self.refresh()

    # -- building ------------------------------------------------------------------------------

    def _toolbar(self) -> QHBoxLayout:
        """ "Pengajuan baru…", then what can be done to the selected request."""
        self.new_button = action_button(
            self.tr("Pengajuan baru…"), "requestNewButton", self.tr("Pengajuan baru")
        )
        set_role(self.new_button, "primary")
        self.assent_button = action_button(
            self.tr("Kesediaan siswa…"), "assentButton", self.tr("Kesediaan siswa")
        )
        self.agree_button = action_button(
            self.tr("Sepakati jadwal…"), "agreeScheduleButton", self.tr("Sepakati jadwal")
        )
        self.cancel_schedule_button = action_button(
            self.tr("Batalkan jadwal…"), "cancelScheduleButton", self.tr("Batalkan jadwal")
        )
        self.cancel_schedule_button.clicked.connect(self.cancel_schedule)
        self.record_session_button = action_button(
            self.tr("Catat sesi"), "requestRecordSessionButton", self.tr("Catat sesi konseling")
        )
        self.record_session_button.setToolTip(self.tr("Buka catatan sesinya di tab Konseling"))
        self.record_session_button.clicked.connect(self._want_session)
        self.status_button = action_button(
            self.tr("Ubah status…"), "requestStatusButton", self.tr("Ubah status")
        )
        self.history_button = action_button(
            self.tr("Riwayat"), "requestHistoryButton", self.tr("Riwayat")
        )
        self.emergency_button = action_button(
            self.tr("Catat tindakan darurat…"),
            "requestEmergencyButton",
            self.tr("Catat tindakan darurat"),
        )
        self.referral_button = action_button(
            self.tr("Rujukan…"), "requestReferralButton", self.tr("Rujukan")
        )
        self.emergency_button.clicked.connect(self.record_emergency_action)
        self.referral_button.clicked.connect(self.show_referral)
        self.new_button.clicked.connect(self.new_request)
        self.assent_button.clicked.connect(self.record_assent)
        self.agree_button.clicked.connect(self.agree_schedule)
        self.status_button.clicked.connect(self.change_status)
        self.history_button.clicked.connect(self.show_history)
        toolbar = QHBoxLayout()
        toolbar.setSpacing(8)
        toolbar.addWidget(self.new_button)
        toolbar.addSpacing(16)
        for action in (
            self.assent_button,
            self.agree_button,
            self.record_session_button,
            self.cancel_schedule_button,
            self.status_button,
            self.history_button,
            self.emergency_button,
            self.referral_button,
        ):
            toolbar.addWidget(action)
        toolbar.addStretch(1)
        return toolbar

    def _filter_bar(self) -> QWidget:
        """Terbuka / Semua / Terlambat, one of them chosen."""
        self.filters = QButtonGroup(self)
        filter_box = QWidget(self)
        filter_box.setObjectName("requestFilters")
        # The chosen filter reads as chosen by more than a shade: the accent fill.
        filter_box.setStyleSheet(
            "QPushButton { padding: 4px 14px; }"
            f" QPushButton:checked {{ background: {ACCENT}; color: {ON_ACCENT};"
            f" border: 1px solid {ACCENT_DARK}; }}"
        )
        filter_row = QHBoxLayout(filter_box)
        filter_row.setContentsMargins(0, 0, 0, 0)
        filter_row.setSpacing(0)
        show = QLabel(self.tr("Tampilkan:"), filter_box)
        filter_row.addWidget(show)
        filter_row.addSpacing(8)
        for key, text, object_name, tip in (
            (OPEN, self.tr("Terbuka"), "requestFilterOpen", self.tr("Yang masih perlu ditangani")),
            (ALL, self.tr("Semua"), "requestFilterAll", self.tr("Semua pengajuan")),
            (
                OVERDUE,
                self.tr("Terlambat"),
                "requestFilterOverdue",
                self.tr("Melewati batas 1×24 jam: belum dijadwalkan, atau dijadwalkan terlambat"),
            ),
        ):
            choice = action_button(text, object_name, self.tr("Tampilkan {what}").format(what=text))
            choice.setParent(filter_box)
            choice.setCheckable(True)
            choice.setToolTip(tip)
            choice.setProperty("filterKey", key)
            choice.setChecked(key == OPEN)
            # Never squeezed: a clipped "erbuk" says nothing.
            choice.setMinimumWidth(choice.sizeHint().width())
            self.filters.addButton(choice)
            filter_row.addWidget(choice)
        filter_row.addStretch(1)
        self.filters.buttonClicked.connect(self._on_filter)
        return filter_box

    def _list(self) -> QStackedWidget:
        """The table of requests, or the empty state in its place."""
        self.model = RequestTableModel(parent=self)
        self.table = request_view(
            self,
            self.model,
            "requestTable",
            self.tr("Daftar pengajuan"),
            OPTIONAL_COLUMNS,
        )
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.empty = EmptyState(
            "requestEmptyState",
            text_name="requestEmptyText",
            title_name="requestEmptyTitle",
            parent=self,
        )
        self.empty_button = self.empty.add_button(
            action_button(
                self.tr("Pengajuan baru…"), "requestEmptyNewButton", self.tr("Pengajuan baru")
            )
        )
        self.empty_button.clicked.connect(self.new_request)
        stack = QStackedWidget(self)
        stack.addWidget(self.table)
        stack.addWidget(self.empty)
        return stack

    # -- showing -------------------------------------------------------------------------------

    @property
    def requests(self) -> RequestService:
        return RequestService(self.context.workspace)

    @property
    def selected_id(self) -> int | None:
        return selected_request_id(self.table)

    @Slot()
    def refresh(self) -> None:
        """Read the requests again, keeping the selected one selected."""
        workspace = self.context.workspace
        if not workspace.is_open:
            return
        keep = self.selected_id
        zone = workspace.settings().zone
        service = self.requests
        if self._filter == OPEN:
            items = service.list(statuses=rules.OPEN_STATUSES)
        else:
            items = service.list()
            if self._filter == OVERDUE:
                items = [item for item in items if item.is_overdue]
        self.model.set_items(items, zone)
        self._show_empty_state(items)
        if keep is not None:
            self.select(keep)
        self._on_selection()

    def _show_empty_state(self, items: list[RequestItem]) -> None:
        if items:
            self.stack.setCurrentWidget(self.table)
            return
        if self._filter == OPEN:
            title = self.tr("Tidak ada pengajuan yang terbuka")
            text = self.tr(
                "Catat permohonan konseling yang masuk dengan “Pengajuan baru…”: siswa, sumber, "
                "waktu diterima, dan alasannya. Pengajuan yang sudah selesai atau ditutup "
                "terlihat di “Semua”."
            )
        elif self._filter == OVERDUE:
            title = self.tr("Tidak ada pengajuan yang terlambat")
            text = self.tr(
                "Semua pengajuan dijadwalkan dalam batas 1×24 jam atau masih punya sisa waktu."
            )
        else:
            title = self.tr("Belum ada pengajuan")
            text = self.tr(
                "Catat permohonan konseling pertama dengan “Pengajuan baru…”. Batas 1×24 jam "
                "untuk menyepakati jadwal dihitung sejak permohonan diterima."
            )
        self.empty.say(text, title)
        self.empty_button.setVisible(self._filter != OVERDUE)
        self.stack.setCurrentWidget(self.empty)

    def select(self, request_id: int) -> bool:
        row = self.model.row_of(request_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    @Slot()
    def tick(self) -> None:
        """Move the countdowns on. Under "Terlambat" the list itself depends on the time (a
        request not shown may just have become late), so it is read again."""
        workspace = self.context.workspace
        if not workspace.is_open:
            return
        if self._filter == OVERDUE:
            self.refresh()
            return
        self.model.retime(workspace.now())
        if self._selected is not None:
            self._show_details(self._selected)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    @Slot()
    def _on_filter(self) -> None:
        checked = self.filters.checkedButton()
        key = checked.property("filterKey") if checked is not None else OPEN
        self._filter = str(key)
        self.refresh()

    def set_filter(self, key: str) -> None:
        for choice in self.filters.buttons():
            if choice.property("filterKey") == key:
                choice.setChecked(True)
        self._filter = key
        self.refresh()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, *_args: object) -> None:
        request_id = self.selected_id
        record = None
        if request_id is not None:
            item = self.model.item_of(request_id)
            record = item.record if item is not None else None
        self._selected = record
        self._update_actions(record)
        self._show_details(record)

    def _update_actions(self, record: RequestRecord | None) -> None:
        """Each action is enabled where it applies; a disabled one says why in its tooltip."""
        if record is None:
            pick = self.tr("Pilih satu pengajuan di daftar dulu.")
            for action in (
                self.assent_button,
                self.agree_button,
                self.status_button,
                self.history_button,
                self.emergency_button,
                self.referral_button,
            ):
                enable_unless(action, pick)
            self.emergency_button.hide()
            self.referral_button.hide()
            self.cancel_schedule_button.hide()
            self.record_session_button.hide()
            return
        enable_unless(
            self.assent_button,
            self.tr("Pengajuan ini sudah berakhir; kesediaannya tidak diubah lagi.")
            if record.is_read_only
            else "",
        )
        enable_unless(self.agree_button, self._why_no_schedule(record))
        enable_unless(
            self.status_button,
            ""
            if self.requests.allowed_targets(record.id)
            else self.tr("Dari status {status} tidak ada langkah lain yang dapat dipilih.").format(
                status=record.status.label.lower()
            ),
        )
        enable_unless(self.history_button, "")
        scheduled = record.status is RequestStatus.TERJADWAL
        self.cancel_schedule_button.setVisible(scheduled)
        self.cancel_schedule_button.setEnabled(scheduled)
        self.record_session_button.setVisible(scheduled)
        self.record_session_button.setEnabled(scheduled)
        # Shown only where they apply, so the toolbar stays short at 150 %.
        self.emergency_button.setVisible(record.needs_emergency_action)
        enable_unless(
            self.emergency_button,
            ""
            if record.needs_emergency_action
            else self.tr("Hanya untuk permohonan darurat yang tindakannya belum dicatat."),
        )
        referred = record.status is RequestStatus.DIRUJUK
        self.referral_button.setVisible(referred)
        enable_unless(
            self.referral_button,
            "" if referred else self.tr("Hanya untuk permohonan yang dirujuk."),
        )

    def _why_no_schedule(self, record: RequestRecord) -> str:
        """Why "Sepakati jadwal…" cannot be pressed for ``record`` ("" when it can)."""
        status = record.status
        if status is RequestStatus.MENUNGGU_JADWAL:
            return ""
        if status in (RequestStatus.DITERIMA, RequestStatus.DISARING):
            return self.tr(
                "Jadwal disepakati setelah asesmen awal. Simpan dulu asesmen awal permohonan "
                "ini di tab Penyaringan."
            )
        if status is RequestStatus.TERJADWAL:
            return self.tr("Jadwal konseling permohonan ini sudah disepakati.")
        return self.tr(
            "Hanya permohonan yang menunggu jadwal yang dijadwalkan; status permohonan ini "
            "{status}."
        ).format(status=status.label.lower())

    def _show_details(self, record: RequestRecord | None) -> None:
        if record is None:
            self.details.show_record(None)
            return
        item = self.model.item_of(record.id)
        self.details.show_record(
            record,
            zone=self.context.workspace.settings().zone,
            received_by=self._account_name(record.received_by),
            countdown=item.countdown if item is not None else "",
        )

    def _account_name(self, account_id: str) -> str:
        if account_id not in self._account_names:
            self._account_names = {a.id: a.name for a in self.context.accounts.list()}
        return self._account_names.get(account_id, self.tr("akun yang sudah dihapus"))

    def _say(self, text: str) -> None:
        self.message.say(text)

    # -- actions -------------------------------------------------------------------------------

    def _open(self, dialog: QDialog, done: Callable[[], None]) -> None:
        self.dialogs.open(dialog, done)

    @property
    def dialog(self) -> QDialog | None:
        """The form open over this tab, if any."""
        return self.dialogs.current

    @Slot()
    def new_request(self) -> None:
        self._open_new_request()

    def _open_new_request(self) -> RequestDialog:
        dialog = RequestDialog(self.context, self)
        self._open(dialog, lambda: self._created(dialog.request_id))
        return dialog

    def _created(self, request_id: int | None) -> None:
        if request_id is None:
            return
        if not self.select(request_id):
            self.set_filter(ALL)
            self.select(request_id)
        record = self.requests.get(request_id)
        zone = self.context.workspace.settings().zone
        self._say(
            self.tr(
                "Pengajuan untuk {name} tersimpan. Jadwal perlu disepakati paling lambat "
                "{deadline}."
            ).format(name=record.student_name, deadline=format_deadline(record.deadline_at, zone))
        )

    def _chosen_record(self) -> RequestRecord | None:
        request_id = self.selected_id
        if request_id is None:
            return None
        try:
            return self.requests.get(request_id)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Pengajuan"), error.message)
            self.refresh()
            return None

    @Slot()
    def record_assent(self) -> None:
        record = self._chosen_record()
        if record is None:
            return
        self._open_assent(record)

    def _open_assent(self, record: RequestRecord) -> AssentDialog:
        dialog = AssentDialog(self.context, record, self)
        self._open(dialog, lambda: self._assent_recorded(record, dialog.status))
        return dialog

    def _assent_recorded(self, record: RequestRecord, status: RequestStatus | None) -> None:
        if status is RequestStatus.DITUTUP and record.status is not RequestStatus.DITUTUP:
            self.set_filter(ALL)
            self.select(record.id)
            self._say(
                self.tr(
                    "Kesediaan {name} dicatat: tidak bersedia. Pengajuan ditutup; dapat dibuka "
                    "kembali lewat “Ubah status…” bila siswa kemudian bersedia."
                ).format(name=record.student_name)
            )
        else:
            self._say(self.tr("Kesediaan {name} dicatat.").format(name=record.student_name))

    @Slot()
    def agree_schedule(self) -> None:
        record = self._chosen_record()
        if record is None:
            return
        # The domain says why not (e.g. the student has not said bersedia).
        refusal = rules.move_problem(record.status, RequestStatus.TERJADWAL, assent=record.assent)
        if refusal is not None:
            self.context.prompter.error(self, self.tr("Sepakati jadwal"), refusal)
            return
        self.schedule_wanted.emit(record.id)

    @Slot()
    def _want_session(self) -> None:
        if self._selected is not None and self._selected.status is RequestStatus.TERJADWAL:
            self.session_wanted.emit(self._selected.id)

    @Slot()
    def cancel_schedule(self) -> None:
        """Batalkan jadwal…: with a reason; the request then waits for a new time."""
        record = self._chosen_record()
        if record is None:
            return
        dialog = CancelScheduleDialog(self.context, record, self)
        self._open(
            dialog,
            lambda: self._say(
                self.tr("Jadwal {name} dibatalkan; permohonan menunggu jadwal baru.").format(
                    name=record.student_name
                )
            ),
        )

    @Slot()
    def change_status(self) -> None:
        record = self._chosen_record()
        if record is None:
            return
        targets = self.requests.allowed_targets(record.id)
        if not targets:
            return
        self._open_status(record, targets)

    def _open_status(
        self, record: RequestRecord, targets: frozenset[RequestStatus]
    ) -> StatusDialog:
        dialog = StatusDialog(self.context, record, targets, self)
        self._open(dialog, lambda: self._status_changed(record, dialog.status))
        return dialog

    def _status_changed(self, record: RequestRecord, status: RequestStatus | None) -> None:
        if status is None:
            return
        if not self.select(record.id):
            self.set_filter(ALL)
            self.select(record.id)
        self._say(
            self.tr("Status pengajuan {name} sekarang: {status}.").format(
                name=record.student_name, status=status.label.lower()
            )
        )

    @Slot()
    def record_emergency_action(self) -> None:
        record = self._chosen_record()
        if record is None or not record.needs_emergency_action:
            return
        dialog = EmergencyDialog(self.context, record, self)
        self._open(dialog, lambda: self._emergency_recorded(record))

    def _emergency_recorded(self, record: RequestRecord) -> None:
        self.select(record.id)
        self._say(
            self.tr("Tindakan darurat untuk {name} dicatat.").format(name=record.student_name)
        )

    @Slot()
    def show_referral(self) -> None:
        record = self._chosen_record()
        if record is None:
            return
        referral = ReferralService(self.context.workspace).current(record.id)
        if referral is None:
            self.context.prompter.error(
                self,
                self.tr("Rujukan"),
                self.tr("Permohonan ini belum memiliki data rujukan dari asesmen."),
            )
            return
        dialog = ReferralDialog(self.context, record, referral, self)
        self._open(dialog, lambda: self._referral_step(record, dialog.status))

    def _referral_step(self, record: RequestRecord, status: ReferralStatus | None) -> None:
        if status is None:
            return
        self.select(record.id)
        self._say(
            self.tr("Rujukan {name} sekarang: {status}.").format(
                name=record.student_name, status=status.label.lower()
            )
        )

    @Slot()
    def show_history(self) -> None:
        record = self._chosen_record()
        if record is None:
            return
        try:
            dialog = HistoryDialog(self.context, record, self)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Riwayat"), error.message)
            return
        self._open(dialog, lambda: None)

    # -- drafts across a lock (ui/draft_keeping.py) -------------------------------------------

    def open_drafts(self) -> list[FormDraft]:
        dialog = self.dialog
        if dialog is None or not dialog.isVisible():
            return []
        if isinstance(dialog, RequestDialog):
            return draft_of(DraftForm.REQUEST, None, dialog.form_state)
        for kind, form in _DIALOG_DRAFTS:
            if isinstance(dialog, kind):
                return draft_of(form, dialog.record.id, dialog.form.state)
        return []

    def reopen_draft(self, draft: FormDraft) -> bool:
        if self.dialog is not None:
            return False
        if draft.form is DraftForm.REQUEST:
            self._open_new_request().form_state.restore_draft(draft.content)
            return True
        request_id = target_id(draft)
        if request_id is None:
            return False
        try:
            record = self.requests.get(request_id)
        except KnownError:
            return False  # the request is gone: the draft waits on Beranda
        dialog: RequestFormDialog
        if draft.form is DraftForm.ASSENT:
            dialog = self._open_assent(record)
        elif draft.form is DraftForm.STATUS and (
            targets := self.requests.allowed_targets(record.id)
        ):
            dialog = self._open_status(record, targets)
        else:
            return False
        if not self.select(record.id):
            self.set_filter(ALL)
            self.select(record.id)
        dialog.form.state.restore_draft(draft.content)
        return True

    def lost_on_lock(self) -> list[str]:
        return []


_DIALOG_DRAFTS: tuple[tuple[type[RequestFormDialog], DraftForm], ...] = (
    (AssentDialog, DraftForm.ASSENT),
    (StatusDialog, DraftForm.STATUS),
)
