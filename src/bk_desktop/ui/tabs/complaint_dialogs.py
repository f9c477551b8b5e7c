"""Kotak Saran's dialogs about one entry and its code: the detail with its follow-up log, a
follow-up (or closing, or reopening) line, "Cek kode", and how many blank slips to print.

Opening the detail is an audit event (the service writes it on ``open``), so the detail is
read only when a person asks for it (Enter, double click), never to fill the list.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.complaints import (
    ActionKind,
    ComplaintRecord,
    ComplaintStatus,
    ComplaintType,
)
from bk_desktop.domain.dates import format_date, format_instant
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.requests import is_backdated
from bk_desktop.services.complaints import (
    MAX_SLIPS,
    NO_LONGER_VALID,
    NOT_REGISTERED,
    WITH_PRINCIPAL,
    ComplaintService,
)
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.discard import DiscardGuard
from bk_desktop.ui.kit.forms import (
    FieldForm,
    action_button,
    chosen,
    dialog_layout,
    named,
    save_cancel_buttons,
    text_box,
)
from bk_desktop.ui.kit.labels import heading_label, wrapping_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.school_time import instant_of, school_date_time_edit, wall_clock
from bk_desktop.ui.style import fit_height, set_role
from bk_desktop.ui.tabs.complaint_models import clock_look


class ActionMode(StrEnum):
    """What an ``ActionDialog`` records (kept in its draft, so the same form comes back)."""

    FOLLOW_UP = "follow_up"
    CLOSE = "close"
    REOPEN = "reopen"


class ActionDialog(QDialog):
    """One line of the follow-up log: a follow-up (Tindakan/Tanggapan, when, public or not),
    the closing note, or the reason to reopen. ``record`` is the entry after saving."""

    def __init__(
        self,
        context: UiContext,
        record: ComplaintRecord,
        mode: ActionMode,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.entry = record
        self.mode = mode
        self.record: ComplaintRecord | None = None
        self.service = ComplaintService(context.workspace)
        self.zone = context.workspace.settings().zone
        self._at_touched = False
        self.setObjectName("complaintActionDialog")
        self.setModal(True)
        self.setMinimumWidth(560)
        thanks = record.kind is ComplaintType.APRESIASI
        titles = {
            ActionMode.FOLLOW_UP: (
                self.tr("Ucapkan terima kasih") if thanks else self.tr("Catat tindak lanjut")
            ),
            ActionMode.CLOSE: self.tr("Tandai selesai"),
            ActionMode.REOPEN: self.tr("Buka kembali"),
        }
        self.setWindowTitle(titles[mode])
        heading = heading_label(f"{record.code} · {record.kind.label}", self)
        self.form = FieldForm()
        self.kind = named(QComboBox(self), "complaintActionKind", self.tr("Jenis tindak lanjut"))
        for kind in (
            (ActionKind.TANGGAPAN, ActionKind.TINDAKAN)
            if thanks
            else (
                ActionKind.TINDAKAN,
                ActionKind.TANGGAPAN,
            )
        ):
            self.kind.addItem(kind.label, kind.value)
        self.text = text_box(self, "complaintActionText", self.tr("Uraian"), 5)
        self.at = named(school_date_time_edit(self), "complaintActionAt", self.tr("Waktu"))
        self.at.setDateTime(wall_clock(context.workspace.now(), self.zone))
        self.at.dateTimeChanged.connect(self._on_at)
        self.public = named(
            QCheckBox(self.tr("Tampilkan di papan tanggapan dan di Cek kode"), self),
            "complaintActionPublic",
            self.tr("Tampilkan di papan tanggapan dan di Cek kode"),
        )
        self.backdate_reason = named(
            QLineEdit(self), "complaintActionBackdateReason", self.tr("Alasan pencatatan mundur")
        )
        self.backdate_reason.setPlaceholderText(
            self.tr("mis. wali kelas ditelepon kemarin sore, baru dicatat pagi ini")
        )
        if mode is ActionMode.FOLLOW_UP:
            self.form.add(self.tr("Jenis"), self.kind, keys=("kind",), parent=self)
            self.form.add(self.tr("Uraian"), self.text, keys=("text",), parent=self)
            self.form.add(self.tr("Waktu"), self.at, keys=("at",), parent=self)
            self.form.add(
                self.tr("Alasan pencatatan mundur"),
                self.backdate_reason,
                keys=("backdate_reason",),
                hint=self.tr(
                    "Wajib bila waktunya lebih dari 15 menit sebelum sekarang: waktu ini yang "
                    "menentukan apakah janji 3×24 jam terpenuhi."
                ),
                parent=self,
            )
            self.form.set_field_visible(self.backdate_reason, False)
            self.form.add("", self.public, keys=("public",), parent=self)
            self.text.setPlaceholderText(
                self.tr("Apa yang dilakukan atau disampaikan, singkat dan faktual.")
            )
            self.kind.currentIndexChanged.connect(self._on_kind)
            self._on_kind()
        else:
            caption = self.tr("Catatan penutup") if mode is ActionMode.CLOSE else self.tr("Alasan")
            self.form.add(caption, self.text, keys=("text",), parent=self)
            self.text.setAccessibleName(caption)
            for widget in (self.kind, self.at, self.public, self.backdate_reason):
                widget.hide()
        buttons = save_cancel_buttons(self, "complaintActionSaveButton", titles[mode])
        buttons.accepted.connect(self.save)
        dialog_layout(self, heading, self.form, buttons)
        # Escape, Batal and the close box ask before typed work is dropped.
        DiscardGuard(self, lambda: self.form.state, lambda: context.prompter)
        self.text.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    @Slot()
    def _on_at(self) -> None:
        """A time moved back asks why, as the register form does for the time received."""
        self._at_touched = True
        self.form.set_field_visible(self.backdate_reason, self.is_backdated)
        fit_height(self)

    @property
    def is_backdated(self) -> bool:
        if not self._at_touched:
            return False
        return is_backdated(instant_of(self.at, self.zone), self.context.workspace.now())

    @Slot()
    def _on_kind(self) -> None:
        response = chosen(self.kind, ActionKind) is ActionKind.TANGGAPAN
        self.public.setEnabled(response)
        if not response:
            self.public.setChecked(False)
        self.public.setToolTip(
            ""
            if response
            else self.tr("Hanya tanggapan yang dapat ditampilkan; tindakan tetap di ruang BK.")
        )

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        text = self.text.toPlainText()
        entry_id = self.entry.id
        try:
            if self.mode is ActionMode.CLOSE:
                self.record = self.service.close(entry_id, text)
            elif self.mode is ActionMode.REOPEN:
                self.record = self.service.reopen(entry_id, text)
            else:
                kind = chosen(self.kind, ActionKind) or ActionKind.TINDAKAN
                self.record = self.service.add_action(
                    entry_id,
                    kind,
                    text,
                    at=instant_of(self.at, self.zone) if self._at_touched else None,
                    public=self.public.isChecked() and kind is ActionKind.TANGGAPAN,
                    backdate_reason=self.backdate_reason.text() if self.is_backdated else "",
                )
        except ValidationError as error:
            if error.field == "backdate_reason":
                self.form.set_field_visible(self.backdate_reason, True)
                self.backdate_reason.setFocus()
            if not self.form.place(error):
                self.form.show_error("text", error.message)
            return
        except KnownError as error:
            self.context.prompter.error(self, self.windowTitle(), error.message)
            return
        self.form.mark_clean()
        self.accept()


class DetailDialog(QDialog):
    """Everything about one entry, its clock and its follow-up log, and what can be done next.
    ``changed`` carries the entry's id after any line was added."""

    changed = Signal(int)
    print_receipt = Signal(int)

    def __init__(
        self, context: UiContext, record: ComplaintRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.record = record
        self.service = ComplaintService(context.workspace)
        self.zone = context.workspace.settings().zone
        self.dialogs = DialogSlot(self)
        self.setObjectName("complaintDetailDialog")
        self.setModal(True)
        self.setMinimumWidth(720)

        self.heading = heading_label("", self)
        self.heading.setObjectName("complaintDetailHeading")
        self.fields = QFormLayout()
        self.fields.setHorizontalSpacing(16)
        self.clock = QLabel(self)
        self.clock.setObjectName("complaintDetailClock")
        self.text = wrapping_label(self)
        self.text.setObjectName("complaintDetailText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_caption = QLabel(self.tr("Isi"), self)
        self.text_caption.setObjectName("complaintDetailTextCaption")
        self.text_caption.setBuddy(self.text)
        self.log = tab_leaves(
            named(QTableWidget(0, 5, self), "complaintActionLog", self.tr("Riwayat tindak lanjut"))
        )
        self.log.setHorizontalHeaderLabels(
            [
                self.tr("Waktu"),
                self.tr("Oleh"),
                self.tr("Jenis"),
                self.tr("Uraian"),
                self.tr("Publik"),
            ]
        )
        self.log.verticalHeader().hide()
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log.setWordWrap(True)
        header = self.log.horizontalHeader()
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.log.setMinimumHeight(140)

        self.follow_button = action_button("", "complaintFollowUpButton")
        self.follow_button.clicked.connect(lambda: self.open_action(ActionMode.FOLLOW_UP))
        self.close_button = action_button(
            self.tr("Tandai selesai…"), "complaintCloseButton", self.tr("Tandai selesai")
        )
        self.close_button.clicked.connect(lambda: self.open_action(ActionMode.CLOSE))
        self.reopen_button = action_button(
            self.tr("Buka kembali…"), "complaintReopenButton", self.tr("Buka kembali")
        )
        self.reopen_button.clicked.connect(lambda: self.open_action(ActionMode.REOPEN))
        self.receipt_button = action_button(
            self.tr("Cetak tanda terima"), "complaintDetailReceiptButton"
        )
        self.receipt_button.clicked.connect(lambda: self.print_receipt.emit(self.record.id))
        done = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = done.button(QDialogButtonBox.StandardButton.Close)
        named(close, "complaintDetailCloseButton", self.tr("Tutup"))
        close.setText(self.tr("Tutup"))
        done.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        for button in (
            self.follow_button,
            self.close_button,
            self.reopen_button,
            self.receipt_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(done)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addLayout(self.fields)
        layout.addWidget(self.clock)
        layout.addWidget(self.log, 1)
        layout.addLayout(actions)
        self.resize(820, 620)
        self.show_record(record)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Wrapped lines know their height once the columns have their widths.
        QTimer.singleShot(0, self.log.resizeRowsToContents)

    def show_record(self, record: ComplaintRecord) -> None:
        self.record = record
        zone = self.zone
        self.setWindowTitle(self.tr("Entri {code}").format(code=record.code))
        self.heading.setText(f"{record.code} · {record.kind.label} · {record.status.label}")
        if self.fields.indexOf(self.text) >= 0:
            self.fields.takeRow(self.text)  # kept: the text row comes back last, below
        while self.fields.rowCount():
            self.fields.removeRow(0)
        rows = [
            (self.tr("Diterima"), format_instant(record.received_at, zone)),
            (self.tr("Saluran"), record.channel_label),
            (self.tr("Dari"), record.sender),
            (self.tr("Kontak"), record.sender_contact or self.tr("—")),
            (
                self.tr("Tentang"),
                ": ".join(p for p in (record.subject.label, record.about_account_name) if p),
            ),
            (self.tr("Keterangan"), record.about_detail or self.tr("—")),
            (self.tr("Penanganan"), record.handling.label),
        ]
        if record.backdate_reason:
            rows.append((self.tr("Alasan pencatatan mundur"), record.backdate_reason))
        for caption, value in rows:
            shown = wrapping_label(self, value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields.addRow(caption, shown)
        # The entry's words are the last field, under the caption "Isi" like the others.
        self.fields.addRow(self.text_caption, self.text)
        clock = self.service.clock_of(record)
        look = clock_look(clock)
        self.clock.setText(self.tr("Batas 3×24 jam: {clock}").format(clock=clock.text))
        self.clock.setStyleSheet(f"color: {look.colour};" if look.colour else "")
        self.text.setText(record.text)
        self._fill_log(record)
        self._update_actions(record)

    def _fill_log(self, record: ComplaintRecord) -> None:
        self.log.setRowCount(len(record.actions))
        for row, action in enumerate(record.actions):
            text = action.text
            if action.backdate_reason:
                text += "\n" + self.tr("Dicatat mundur pada {recorded}: {reason}").format(
                    recorded=format_instant(action.recorded_at, self.zone)
                    if action.recorded_at
                    else self.tr("—"),
                    reason=action.backdate_reason,
                )
            values = (
                format_instant(action.at, self.zone),
                action.account_name or self.tr("—"),
                action.kind.label,
                text,
                self.tr("Ya") if action.public else "",
            )
            for column, value in enumerate(values):
                self.log.setItem(row, column, QTableWidgetItem(value))
        self.log.resizeRowsToContents()

    def _update_actions(self, record: ComplaintRecord) -> None:
        closed = record.status is ComplaintStatus.SELESAI
        thanks = record.kind is ComplaintType.APRESIASI
        self.follow_button.setText(
            self.tr("Ucapkan terima kasih…") if thanks else self.tr("Catat tindak lanjut…")
        )
        self.follow_button.setAccessibleName(self.follow_button.text().rstrip("…"))
        self.follow_button.setVisible(not closed)
        self.close_button.setVisible(not closed)
        self.reopen_button.setVisible(closed)

    @property
    def action_dialog(self) -> ActionDialog | None:
        current = self.dialogs.current
        return current if isinstance(current, ActionDialog) else None

    def open_action(self, mode: ActionMode) -> ActionDialog:
        dialog = ActionDialog(self.context, self.record, mode, self)
        self.dialogs.open(dialog, lambda: self._acted(dialog.record))
        return dialog

    def _acted(self, record: ComplaintRecord | None) -> None:
        if record is None:
            return
        self.show_record(record)
        self.changed.emit(record.id)


class CheckCodeDialog(QDialog):
    """Cek kode: what the holder of a code may be told (status, kind, day, public response)."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = ComplaintService(context.workspace)
        self.setObjectName("complaintCheckDialog")
        self.setWindowTitle(self.tr("Cek kode"))
        self.setMinimumWidth(520)
        intro = wrapping_label(
            self,
            self.tr(
                "Ketik kode dari tanda terima atau potongan lembar kotak saran. Yang ditampilkan "
                "hanya status dan tanggapan yang boleh diumumkan."
            ),
        )
        set_role(intro, "muted")
        self.code = named(QLineEdit(self), "complaintCheckCode", self.tr("Kode"))
        self.code.setPlaceholderText(self.tr("mis. KS-2026-0042-7QX"))
        self.check_button = action_button(
            self.tr("Cek"), "complaintCheckButton", self.tr("Cek kode")
        )
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        self.code.returnPressed.connect(self.check)
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.check_button)
        self.answer = wrapping_label(self)
        self.answer.setObjectName("complaintCheckResult")
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        done = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = done.button(QDialogButtonBox.StandardButton.Close)
        named(close, "complaintCheckCloseButton", self.tr("Tutup"))
        close.setText(self.tr("Tutup"))
        close.setAutoDefault(False)
        done.rejected.connect(self.reject)
        dialog_layout(self, intro, row, self.answer, done)

    @Slot()
    def check(self) -> None:
        try:
            found = self.service.check_code(self.code.text())
        except KnownError as error:
            self.answer.setText(error.message)
            set_role(self.answer, "error")
            return
        set_role(self.answer, "")
        self.code.setText(found.code)
        if found.state == NO_LONGER_VALID:
            self.answer.setText(
                self.tr(
                    "Kode {code} tidak berlaku lagi: entrinya sudah dihapus dari buku ini."
                ).format(code=found.code)
            )
            return
        if found.state == WITH_PRINCIPAL:
            self.answer.setText(
                self.tr(
                    "Kode {code} ditangani oleh kepala sekolah. Pemegang kode dapat menanyakannya "
                    "kepada kepala sekolah."
                ).format(code=found.code)
            )
            return
        if found.state == NOT_REGISTERED:
            self.answer.setText(
                self.tr(
                    "Kode {code} adalah lembar kotak saran yang belum diterima atau belum "
                    "dicatat. Bila lembarnya sudah dimasukkan ke kotak, lembar dicatat saat kotak "
                    "dibuka."
                ).format(code=found.code)
            )
            return
        lines = [
            self.tr("Kode: {code}").format(code=found.code),
            self.tr("Jenis: {kind}").format(kind=found.kind_label),
            self.tr("Diterima: {day}").format(
                day=format_date(found.received_day) if found.received_day else self.tr("—")
            ),
            self.tr("Status: {status}").format(status=found.status_label),
            self.tr("Tanggapan: {response}").format(
                response=found.public_response or self.tr("belum ada tanggapan yang diumumkan")
            ),
        ]
        self.answer.setText("\n".join(lines))


class SlipCountDialog(QDialog):
    """How many blank slips to print. Each gets its own code when the sheet is made, before the
    preview, and the code stays used even if nothing is printed: the dialog says so, and a
    sheet holds what one box needs (``MAX_SLIPS``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintSlipDialog")
        self.setWindowTitle(self.tr("Cetak lembar kotak saran"))
        intro = wrapping_label(
            self,
            self.tr(
                "Setiap lembar mendapat kode sendiri. Penulis menyimpan potongan berkode untuk "
                "mengecek tanggapan; lembar yang diambil dari kotak dicatat dengan kode itu. "
                "Kode diberikan saat lembar dibuat (sebelum pratinjau) dan tetap terpakai "
                "walaupun lembarnya tidak jadi dicetak, jadi buat secukupnya untuk kotak."
            ),
        )
        set_role(intro, "muted")
        self.count = named(QSpinBox(self), "complaintSlipCount", self.tr("Jumlah lembar"))
        self.count.setRange(1, MAX_SLIPS)
        self.count.setValue(20)
        form = QFormLayout()
        form.addRow(self.tr("Jumlah lembar"), self.count)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        named(ok, "complaintSlipOkButton", self.tr("Lihat pratinjau"))
        ok.setText(self.tr("Lihat pratinjau"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        named(cancel, "complaintSlipCancelButton", self.tr("Batal"))
        cancel.setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        dialog_layout(self, intro, form, buttons)


__all__ = ["ActionDialog", "ActionMode", "CheckCodeDialog", "DetailDialog", "SlipCountDialog"]
