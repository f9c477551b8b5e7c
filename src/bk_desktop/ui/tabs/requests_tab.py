"""Pengajuan: the list of requests for individual counselling and what can be done to one.

The list shows each request's 1×24 h clock as a countdown ("Sisa 5 jam 12 menit") that moves
every half minute, in a colour *and* with an icon and words. The actions for the selected
request follow the state machine of ``domain.requests``: "Ubah status…" offers only the moves
``RequestService.allowed_targets`` returns, and asks for a reason only where the domain wants
one; scheduling happens through "Sepakati jadwal…", which tells whether the 1×24 h deadline
was met (the *agreement* counts, not the session, which may be later).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain import requests as rules
from bk_desktop.domain.dates import format_date, format_deadline, format_instant
from bk_desktop.domain.deadlines import DeadlineKind, countdown_text, deadline_state
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.requests import RequestStatus
from bk_desktop.services.requests import (
    FUTURE_TOLERANCE,
    RequestItem,
    RequestRecord,
    RequestService,
)
from bk_desktop.ui.assent_dialog import AssentDialog, RequestFormDialog, request_heading
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.i18n import set_button_texts
from bk_desktop.ui.kit.forms import FieldForm, chosen, dialog_layout, named, save_cancel_buttons
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.kit.palette import ACCENT, ACCENT_DARK, ON_ACCENT
from bk_desktop.ui.request_dialog import RequestDialog
from bk_desktop.ui.request_table import (
    RequestColumn,
    RequestTableModel,
    fit_columns,
    request_view,
    selected_request_id,
)
from bk_desktop.ui.school_time import (
    instant_of,
    next_quarter_hour,
    school_date_time_edit,
    wall_clock,
)
from bk_desktop.ui.style import icon, set_role

TICK_MS = 30_000
"""How often the countdowns move."""

OPEN, ALL, OVERDUE = "open", "all", "overdue"
OPTIONAL_COLUMNS = (RequestColumn.SOURCE, RequestColumn.ASSENT, RequestColumn.URGENCY)
"""Left out in this order when the list is narrow; the details panel shows them too."""


class ScheduleDialog(RequestFormDialog):
    """Sepakati jadwal: the agreed session time, and the moment it was agreed."""

    def __init__(
        self, context: UiContext, record: RequestRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, record, parent, object_name="scheduleDialog", min_width=620)
        self.setWindowTitle(self.tr("Sepakati jadwal"))
        self.zone = context.workspace.settings().zone
        self.outcome: DeadlineKind | None = None
        self._agreed_touched = False
        now = context.workspace.now()

        heading = request_heading(
            self,
            record,
            self.tr("Batas 1×24 jam: {deadline} — {left}").format(
                deadline=format_deadline(record.deadline_at, self.zone),
                left=countdown_text(deadline_state(record.deadline_at, now)).lower(),
            ),
        )

        self.session_at = named(
            school_date_time_edit(self), "agreeScheduleAt", self.tr("Waktu konseling")
        )
        self.session_at.setDateTime(wall_clock(next_quarter_hour(now, self.zone), self.zone))
        self.agreed_at = named(
            school_date_time_edit(self), "agreeScheduleAgreedAt", self.tr("Disepakati pada")
        )
        self.agreed_at.setDateTime(wall_clock(now, self.zone))
        self.agreed_at.setMaximumDateTime(wall_clock(now + FUTURE_TOLERANCE, self.zone))

        self.verdict_icon = QLabel(self)
        self.verdict_icon.setFixedSize(20, 20)
        self.verdict = wrapping_label(self)
        self.verdict.setObjectName("agreeScheduleVerdict")
        verdict_row = QHBoxLayout()
        verdict_row.setSpacing(8)
        verdict_row.addWidget(self.verdict_icon, 0, Qt.AlignmentFlag.AlignTop)
        verdict_row.addWidget(self.verdict, 1)

        self.form = FieldForm()
        self.form.add(
            self.tr("Waktu konseling"),
            self.session_at,
            keys=("session_at",),
            hint=self.tr("Sesi boleh setelah batas; yang dihitung adalah saat jadwal disepakati."),
            parent=self,
        )
        self.form.add(self.tr("Disepakati pada"), self.agreed_at, keys=("agreed_at",), parent=self)

        buttons = save_cancel_buttons(self, "agreeScheduleSaveButton", self.tr("Simpan jadwal"))
        buttons.accepted.connect(self.save)
        dialog_layout(self, heading, self.form, verdict_row, buttons)

        self.agreed_at.dateTimeChanged.connect(self._on_agreed_changed)
        self._show_verdict()

    @Slot()
    def _on_agreed_changed(self) -> None:
        self._agreed_touched = True
        self._show_verdict()

    def _agreed_moment(self) -> datetime:
        if self._agreed_touched:
            return instant_of(self.agreed_at, self.zone)
        return self.context.workspace.now()

    def _show_verdict(self) -> None:
        state = deadline_state(
            self.record.deadline_at, self.context.workspace.now(), self._agreed_moment()
        )
        if state.kind is DeadlineKind.MET:
            text = self.tr("Tepat waktu: jadwal disepakati dalam batas 1×24 jam.")
            name = "ok"
        else:
            text = self.tr("Terlambat: jadwal disepakati setelah batas 1×24 jam ({late}).").format(
                late=countdown_text(state).removeprefix("Terjadwal ").lower()
            )
            name = "error"
        self.verdict.setText(text)
        set_role(self.verdict, "ok" if name == "ok" else "error")
        self.verdict_icon.setPixmap(icon(name).pixmap(20, 20))

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        try:
            state = self.requests.agree_schedule(
                self.record.id,
                instant_of(self.session_at, self.zone),
                agreed_at=instant_of(self.agreed_at, self.zone) if self._agreed_touched else None,
            )
        except KnownError as error:
            self.refuse(error)
            return
        self.outcome = state.kind
        self.accept()


class StatusDialog(RequestFormDialog):
    """Ubah status: only the moves the state machine allows now, with a reason where needed."""

    def __init__(
        self,
        context: UiContext,
        record: RequestRecord,
        targets: frozenset[RequestStatus],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, record, parent, object_name="statusDialog", min_width=560)
        self.setWindowTitle(self.tr("Ubah status"))
        self.status: RequestStatus | None = None

        heading = request_heading(
            self,
            record,
            self.tr(
                "Status sekarang: {status}. Hanya perubahan yang diizinkan yang ditawarkan."
            ).format(status=record.status.label.lower()),
        )
        self.target = named(QComboBox(self), "statusTargetCombo", self.tr("Status baru"))
        for status in RequestStatus:  # the enum's order follows the path of a request
            if status in targets:
                self.target.addItem(status.label, status)
        self.reason = named(QPlainTextEdit(self), "statusReason", self.tr("Alasan perubahan"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 3 + 12)

        self.form = FieldForm()
        self.form.add(self.tr("Status baru"), self.target, keys=("status",), parent=self)
        self.reason_caption = self.form.add(
            self.tr("Alasan"), self.reason, keys=("reason",), parent=self
        )
        self.reason_caption.setObjectName("statusReasonCaption")

        buttons = save_cancel_buttons(self, "statusSaveButton", self.tr("Simpan status"))
        buttons.accepted.connect(self.save)
        dialog_layout(self, heading, self.form, buttons)

        self.target.currentIndexChanged.connect(self._on_target)
        self._on_target()

    @property
    def chosen(self) -> RequestStatus | None:
        return chosen(self.target, RequestStatus)

    @property
    def reason_needed(self) -> bool:
        target = self.chosen
        return target is not None and rules.needs_reason(self.record.status, target)

    @Slot()
    def _on_target(self) -> None:
        self.form.clear_errors()
        if self.reason_needed:
            self.reason_caption.setText(self.tr("Alasan (wajib)"))
            self.reason.setPlaceholderText(
                self.tr("Mengapa permintaan ini ditutup atau dibuka kembali?")
            )
        else:
            self.reason_caption.setText(self.tr("Alasan"))
            self.reason.setPlaceholderText(self.tr("Boleh dikosongkan"))

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        target = self.chosen
        if target is None:
            return
        reason = self.reason.toPlainText().strip()
        if self.reason_needed and not reason:
            self.form.show_error(
                "reason", self.tr("Tuliskan alasannya; perubahan ini tercatat di riwayat.")
            )
            self.reason.setFocus()
            return
        try:
            self.status = self.requests.transition(self.record.id, target, reason or None)
        except KnownError as error:
            self.refuse(error, "status")
            return
        self.accept()


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
        table = named(QTableWidget(len(events), 5, self), "requestHistoryTable", "")
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


class RequestsTab(QWidget):
    """The Pengajuan tab. ``requests_changed`` is emitted after every write made here."""

    requests_changed = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("requestsTab")
        self.dialog: QDialog | None = None
        self._filter = OPEN
        self._selected: RequestRecord | None = None
        self._account_names: dict[str, str] = {}

        # -- actions -----------------------------------------------------------------------
        def button(text: str, object_name: str, accessible: str) -> QPushButton:
            made = named(QPushButton(text, self), object_name, accessible)
            made.setAutoDefault(False)
            return made

        self.new_button = button(
            self.tr("Pengajuan baru…"), "requestNewButton", self.tr("Pengajuan baru")
        )
        set_role(self.new_button, "primary")
        self.assent_button = button(
            self.tr("Kesediaan siswa…"), "assentButton", self.tr("Kesediaan siswa")
        )
        self.agree_button = button(
            self.tr("Sepakati jadwal…"), "agreeScheduleButton", self.tr("Sepakati jadwal")
        )
        self.status_button = button(
            self.tr("Ubah status…"), "requestStatusButton", self.tr("Ubah status")
        )
        self.history_button = button(self.tr("Riwayat"), "requestHistoryButton", self.tr("Riwayat"))
        self.new_button.clicked.connect(self.new_request)
        self.assent_button.clicked.connect(self.record_assent)
        self.agree_button.clicked.connect(self.agree_schedule)
        self.status_button.clicked.connect(self.change_status)
        self.history_button.clicked.connect(self.show_history)

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
            choice = button(text, object_name, self.tr("Tampilkan {what}").format(what=text))
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

        toolbar = QHBoxLayout()
        toolbar.setSpacing(8)
        toolbar.addWidget(self.new_button)
        toolbar.addSpacing(16)
        for action in (
            self.assent_button,
            self.agree_button,
            self.status_button,
            self.history_button,
        ):
            toolbar.addWidget(action)
        toolbar.addStretch(1)

        # -- the list ----------------------------------------------------------------------
        self.model = RequestTableModel(parent=self)
        self.table = request_view(
            self,
            self.model,
            "requestTable",
            self.tr("Daftar pengajuan"),
            stretch=RequestColumn.STUDENT,
        )
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.empty = QWidget(self)
        self.empty.setObjectName("requestEmptyState")
        self.empty_title = QLabel(self.empty)
        self.empty_title.setObjectName("requestEmptyTitle")
        set_role(self.empty_title, "heading")
        self.empty_text = wrapping_label(self.empty)
        self.empty_text.setObjectName("requestEmptyText")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        set_role(self.empty_text, "muted")
        self.empty_button = button(
            self.tr("Pengajuan baru…"), "requestEmptyNewButton", self.tr("Pengajuan baru")
        )
        self.empty_button.clicked.connect(self.new_request)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_title, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addSpacing(8)
        empty_layout.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.empty_text.setMaximumWidth(640)
        empty_layout.setAlignment(self.empty_text, Qt.AlignmentFlag.AlignHCenter)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        # -- details of the selected request -----------------------------------------------
        self.details = QFrame(self)
        self.details.setObjectName("requestDetails")
        set_role(self.details, "card")
        self.detail_values: dict[str, QLabel] = {}

        def detail_form(rows: tuple[tuple[str, str], ...]) -> QFormLayout:
            form = QFormLayout()
            form.setHorizontalSpacing(12)
            form.setVerticalSpacing(4)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            for key, caption in rows:
                value = wrapping_label(self.details)
                value.setObjectName(f"requestDetail{key}")
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                title = QLabel(caption, self.details)
                set_role(title, "muted")
                form.addRow(title, value)
                self.detail_values[key] = value
            return form

        left = detail_form(
            (
                ("Reason", self.tr("Alasan")),
                ("Referrer", self.tr("Perujuk")),
                ("ReceivedBy", self.tr("Diterima oleh")),
            )
        )
        right = detail_form(
            (
                ("Assent", self.tr("Kesediaan")),
                ("Schedule", self.tr("Jadwal")),
                ("Deadline", self.tr("Batas 1×24 jam")),
            )
        )
        self.details_hint = QLabel(
            self.tr("Pilih satu pengajuan untuk melihat rinciannya dan tindakan yang tersedia."),
            self.details,
        )
        self.details_hint.setObjectName("requestDetailsHint")
        set_role(self.details_hint, "muted")
        details_columns = QHBoxLayout()
        details_columns.setSpacing(32)
        details_columns.addLayout(left, 1)
        details_columns.addLayout(right, 1)
        details_layout = QVBoxLayout(self.details)
        details_layout.setContentsMargins(14, 10, 14, 10)
        details_layout.addWidget(self.details_hint)
        details_layout.addLayout(details_columns)
        self._details_columns = (left, right)

        self.message = wrapping_label(self)
        self.message.setObjectName("requestMessage")
        set_role(self.message, "ok")
        self.message.hide()

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
        self._fit_columns()
        self._show_empty_state(items)
        if keep is not None:
            self.select(keep)
        self._on_selection()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        fit_columns(self.table, OPTIONAL_COLUMNS)

    def _show_empty_state(self, items: list[RequestItem]) -> None:
        if items:
            self.stack.setCurrentWidget(self.table)
            return
        if self._filter == OPEN:
            title = self.tr("Tidak ada pengajuan yang terbuka")
            text = self.tr(
                "Catat permintaan konseling yang masuk dengan “Pengajuan baru…”: siswa, sumber, "
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
                "Catat permintaan konseling pertama dengan “Pengajuan baru…”. Batas 1×24 jam "
                "untuk menyepakati jadwal dihitung sejak permintaan diterima."
            )
        self.empty_title.setText(title)
        self.empty_text.setText(text)
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
        if record is None:
            for action in (
                self.assent_button,
                self.agree_button,
                self.status_button,
                self.history_button,
            ):
                action.setEnabled(False)
            return
        self.assent_button.setEnabled(not record.is_read_only)
        self.agree_button.setEnabled(record.status is RequestStatus.MENUNGGU_JADWAL)
        self.status_button.setEnabled(bool(self.requests.allowed_targets(record.id)))
        self.history_button.setEnabled(True)

    def _show_details(self, record: RequestRecord | None) -> None:
        self.details_hint.setVisible(record is None)
        for form in self._details_columns:
            for form_row in range(form.rowCount()):
                form.setRowVisible(form_row, record is not None)
        if record is None:
            return
        zone = self.context.workspace.settings().zone
        values = self.detail_values
        values["Reason"].setText(record.reason)
        if record.referrer_name:
            referrer = record.referrer_name
            if record.referrer_role:
                referrer += f" ({record.referrer_role})"
        else:
            referrer = self.tr("{source} (tanpa perujuk)").format(source=record.source.label)
        values["Referrer"].setText(referrer)
        received = self.tr("{name}, dicatat {at}").format(
            name=self._account_name(record.received_by),
            at=format_instant(record.recorded_at, zone),
        )
        if record.backdate_reason:
            received += self.tr(" — dicatat mundur: {why}").format(why=record.backdate_reason)
        values["ReceivedBy"].setText(received)
        assent = record.assent.label
        if record.assent_date is not None:
            assent += self.tr(" (sejak {day})").format(day=format_date(record.assent_date))
        if record.assent_note:
            assent += f" — {record.assent_note}"
        values["Assent"].setText(assent)
        if record.session_at is not None:
            values["Schedule"].setText(format_instant(record.session_at, zone))
        else:
            values["Schedule"].setText(self.tr("Belum disepakati"))
        item = self.model.item_of(record.id)
        deadline = format_deadline(record.deadline_at, zone)
        if item is not None and item.countdown:
            deadline = self.tr("{deadline} — {clock}").format(
                deadline=deadline, clock=item.countdown.lower()
            )
        else:
            deadline = self.tr("{deadline} (tidak lagi menunggu jadwal)").format(deadline=deadline)
        values["Deadline"].setText(deadline)

    def _account_name(self, account_id: str) -> str:
        if account_id not in self._account_names:
            self._account_names = {a.id: a.name for a in self.context.accounts.list()}
        return self._account_names.get(account_id, self.tr("akun yang sudah dihapus"))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- actions -------------------------------------------------------------------------------

    def _open(self, dialog: QDialog, done: Callable[[], None]) -> None:
        """Open ``dialog`` window-modal without blocking; ``done`` runs once it is accepted."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(done)
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    @Slot()
    def _dialog_closed(self) -> None:
        self.dialog = None

    @Slot()
    def new_request(self) -> None:
        dialog = RequestDialog(self.context, self)
        self._open(dialog, lambda: self._created(dialog.request_id))

    def _created(self, request_id: int | None) -> None:
        if request_id is None:
            return
        self.refresh()
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
        self.requests_changed.emit()

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
        dialog = AssentDialog(self.context, record, self)
        self._open(dialog, lambda: self._assent_recorded(record, dialog.status))

    def _assent_recorded(self, record: RequestRecord, status: RequestStatus | None) -> None:
        self.refresh()
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
        self.requests_changed.emit()

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
        dialog = ScheduleDialog(self.context, record, self)
        self._open(dialog, lambda: self._scheduled(record, dialog.outcome))

    def _scheduled(self, record: RequestRecord, outcome: DeadlineKind | None) -> None:
        self.refresh()
        self.select(record.id)
        stored = self.requests.get(record.id)
        zone = self.context.workspace.settings().zone
        when = format_instant(stored.session_at, zone) if stored.session_at else ""
        if outcome is DeadlineKind.MET:
            verdict = self.tr("Batas 1×24 jam terpenuhi.")
        else:
            verdict = self.tr("Batas 1×24 jam terlewati; jadwal tetap tercatat.")
        text = self.tr("Jadwal konseling {name} disepakati: {when}. {verdict}").format(
            name=record.student_name, when=when, verdict=verdict
        )
        self._say(text)
        self.context.prompter.info(self, self.tr("Jadwal disepakati"), text)
        self.requests_changed.emit()

    @Slot()
    def change_status(self) -> None:
        record = self._chosen_record()
        if record is None:
            return
        targets = self.requests.allowed_targets(record.id)
        if not targets:
            return
        dialog = StatusDialog(self.context, record, targets, self)
        self._open(dialog, lambda: self._status_changed(record, dialog.status))

    def _status_changed(self, record: RequestRecord, status: RequestStatus | None) -> None:
        if status is None:
            return
        self.refresh()
        if not self.select(record.id):
            self.set_filter(ALL)
            self.select(record.id)
        self._say(
            self.tr("Status pengajuan {name} sekarang: {status}.").format(
                name=record.student_name, status=status.label.lower()
            )
        )
        self.requests_changed.emit()

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
