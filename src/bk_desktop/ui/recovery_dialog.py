""" "Lupa kata sandi?": a new password for one account, opened with the recovery key."""

from __future__ import annotations

import math

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.accounts import validate_new_password
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.kit.labels import message_label, show_message, wrapping_label
from bk_desktop.ui.kit.runner import BusyLine, Task, start_task
from bk_desktop.ui.password_widgets import NewPasswordRows
from bk_desktop.ui.style import fit_height, monospace_font, set_role


class RecoveryDialog(QDialog):
    """Asks for the recovery key and a new password; on success hands back a workspace."""

    unlocked = Signal(object)

    def __init__(
        self, access: VaultAccess, account_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.access = access
        self.workspace: Workspace | None = None
        self._task: Task | None = None
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("Lupa kata sandi"))
        self.setModal(True)

        intro = wrapping_label(
            self,
            self.tr(
                "Ketik kunci pemulihan yang tercetak pada Kartu Pemulihan, lalu buat kata sandi "
                "baru untuk akun Anda. Kata sandi lama tidak berlaku lagi."
            ),
        )

        self.account = QComboBox(self)
        self.account.setObjectName("recoveryAccount")
        self.account.setAccessibleName(self.tr("Akun"))
        try:
            for ident, label in access.accounts():
                self.account.addItem(label, ident)
        except KnownError as error:
            intro.setText(error.message)
        if account_id is not None:
            index = self.account.findData(account_id)
            if index >= 0:
                self.account.setCurrentIndex(index)

        self.key = QLineEdit(self)
        self.key.setObjectName("recoveryKey")
        self.key.setAccessibleName(self.tr("Kunci pemulihan"))
        self.key.setFont(monospace_font(11))
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.key.setToolTip(self.tr("Ketik persis seperti tertulis pada Kartu Pemulihan"))
        self.key_message = message_label("recoveryKeyMessage", self)

        self.new_password = NewPasswordRows(
            self,
            "recovery",
            self.tr("Kata sandi baru"),
            repeat_message_name="recoveryRepeatMessage",
        )
        self.password, self.repeat = self.new_password.password, self.new_password.repeat
        self.repeat.return_pressed.connect(self._submit)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(8)
        form.addRow(self.tr("Akun"), self.account)
        form.addRow(self.tr("Kunci pemulihan"), self.key)
        form.addRow("", self.key_message)
        self.new_password.add_to(form)

        self.busy = BusyLine(self, "recoveryBusy", self.tr("Memeriksa kunci pemulihan…"))

        self.cancel_button = QPushButton(self.tr("Batal"), self)
        self.cancel_button.setObjectName("recoveryCancelButton")
        self.cancel_button.setAccessibleName(self.tr("Batal"))
        self.cancel_button.clicked.connect(self.reject)
        self.submit_button = QPushButton(self.tr("Atur Ulang Kata Sandi"), self)
        self.submit_button.setObjectName("recoveryButton")
        self.submit_button.setAccessibleName(self.tr("Atur ulang kata sandi"))
        self.submit_button.setDefault(True)
        set_role(self.submit_button, "primary")
        self.submit_button.clicked.connect(self._submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.submit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(self.busy)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self.adjustSize()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    @property
    def busy_now(self) -> bool:
        return self._task is not None

    def reject(self) -> None:
        if self.busy_now:  # the reset is half-way: let it finish
            return
        super().reject()

    def _say(self, label: QLabel, text: str) -> None:
        show_message(label, text)
        fit_height(self)

    def _clear_messages(self) -> None:
        for label in (self.key_message, *self.new_password.messages.values()):
            show_message(label, "")
        fit_height(self)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.account, self.key, self.password, self.repeat):
            widget.setEnabled(not busy)
        self.submit_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.busy.show_busy(busy)

    @Slot()
    def _submit(self) -> None:
        if self.busy_now:
            return
        self._clear_messages()
        account_id = self.account.currentData()
        key = self.key.text().strip()
        if not account_id:
            self._say(self.key_message, self.tr("Belum ada akun untuk dipulihkan."))
            return
        if not key:
            self._say(self.key_message, self.tr("Ketik kunci pemulihan dari kartu."))
            self.key.setFocus()
            return
        password, repeat = self.password.text(), self.repeat.text()
        try:
            validate_new_password(password, repeat)
        except ValidationError as error:
            self._show_error(error)
            return
        wait = self.access.wait_needed(account_id)
        if wait.total_seconds() > 0:
            seconds = math.ceil(wait.total_seconds())
            self._say(
                self.key_message,
                self.tr("Terlalu banyak percobaan. Tunggu {seconds} detik, lalu coba lagi.").format(
                    seconds=seconds
                ),
            )
            return
        access = self.access

        def work() -> Workspace:
            return access.reset_password_with_recovery(key, account_id, password, repeat)

        self._set_busy(True)
        self._task = start_task(work, self, self._on_done, self._on_failed)

    def _show_error(self, error: KnownError) -> None:
        field = error.field if isinstance(error, ValidationError) else None
        if field == "repeat":
            self._say(self.new_password.repeat_message, error.message)
            self.repeat.setFocus()
        elif field == "password":
            self._say(self.new_password.password_message, error.message)
            self.password.setFocus()
        else:
            self._say(self.key_message, error.message)
            self.key.setFocus()

    def _on_done(self, workspace: Workspace) -> None:
        self._task = None
        self._set_busy(False)
        self.workspace = workspace
        self.unlocked.emit(workspace)
        self.accept()

    def _on_failed(self, error: KnownError) -> None:
        self._task = None
        self._set_busy(False)
        self._show_error(error)
