"""The small dialog of "Pulihkan dari cadangan…": whose key opens the chosen backup."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.dates import format_instant
from bk_desktop.domain.errors import ValidationError
from bk_desktop.services.backup import RestoreCredentials
from bk_desktop.ui.kit.forms import FieldForm, named
from bk_desktop.ui.kit.labels import WrappingLabel, note_label
from bk_desktop.ui.password_widgets import password_edit


def backup_created_text(created_at: str, zone: ZoneInfo) -> str:
    """The manifest's creation time in the school's words, or the raw text if unreadable."""
    try:
        moment = datetime.fromisoformat(created_at)
    except ValueError:
        return created_at or "—"
    if moment.tzinfo is None:
        return created_at
    return format_instant(moment, zone)


class RestoreDialog(QDialog):
    """Pick an account of the backup and type its password, or type the recovery key."""

    def __init__(
        self,
        path: Path,
        created_at: str,
        accounts: list[tuple[str, str]],
        zone: ZoneInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Pulihkan dari cadangan"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(520)

        intro = WrappingLabel(
            self.tr(
                "Untuk memulihkan, buka cadangan ini dengan kata sandi salah satu akun di "
                "dalamnya (kata sandi yang berlaku saat cadangan dibuat), atau dengan kunci "
                "pemulihan."
            )
        )

        self.account = named(QComboBox(), "restoreAccount", self.tr("Akun di cadangan"))
        for account_id, name in accounts:
            self.account.addItem(name or account_id, account_id)
        self.use_password = named(
            QRadioButton(self.tr("Kata sandi akun itu")),
            "restoreUsePassword",
            self.tr("Pulihkan dengan kata sandi"),
        )
        self.use_recovery = named(
            QRadioButton(self.tr("Kunci pemulihan (Kartu Pemulihan)")),
            "restoreUseRecovery",
            self.tr("Pulihkan dengan kunci pemulihan"),
        )
        self.use_password.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.use_password)
        group.addButton(self.use_recovery)
        self.password = password_edit("restorePassword", self.tr("Kata sandi akun di cadangan"))
        self.recovery_key = named(
            QLineEdit(), "restoreRecoveryKey", self.tr("Kunci pemulihan cadangan")
        )
        self.recovery_key.setPlaceholderText(self.tr("XXXX-XXXX-XXXX-XXXX-…"))
        self.use_password.toggled.connect(self._follow_choice)

        form = FieldForm()
        form.add(self.tr("Berkas"), QLabel(path.name))
        form.add(self.tr("Dibuat"), QLabel(backup_created_text(created_at, zone)))
        form.add(
            self.tr("Masuk sebagai"),
            self.account,
            hint=self.tr("Setelah dipulihkan, Anda masuk dengan akun ini."),
        )
        form.add(self.tr("Buka dengan"), self.use_password)
        form.addRow("", self.use_recovery)
        form.add(self.tr("Kata sandi"), self.password, keys=("password",))
        form.add(self.tr("Kunci pemulihan"), self.recovery_key, keys=("recovery_key",))
        self._form = form

        self.no_accounts = note_label(
            self.tr(
                "Cadangan ini tidak berisi akun yang dapat masuk, sehingga tidak dapat "
                "dipulihkan dari sini. Pilih berkas cadangan lain."
            ),
            "restoreNoAccounts",
        )
        self.no_accounts.setVisible(not accounts)

        buttons = QDialogButtonBox()
        self.ok_button = named(
            QPushButton(self.tr("Pulihkan…")), "restoreOkButton", self.tr("Pulihkan")
        )
        self.cancel_button = named(QPushButton(self.tr("Batal")), "restoreCancelButton", "Batal")
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button.setEnabled(bool(accounts))
        self.ok_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.setSpacing(14)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.no_accounts)
        layout.addWidget(buttons)
        self._follow_choice()

    def _follow_choice(self) -> None:
        by_password = self.use_password.isChecked()
        self.password.setEnabled(by_password)
        self.recovery_key.setEnabled(not by_password)
        (self.password if by_password else self.recovery_key).setFocus()

    def credentials(self) -> RestoreCredentials:
        account_id = str(self.account.currentData() or "")
        if self.use_password.isChecked():
            return RestoreCredentials(account_id=account_id, password=self.password.text())
        return RestoreCredentials(account_id=account_id, recovery_key=self.recovery_key.text())

    def accept(self) -> None:
        """Refuse an empty answer here; whether it is right is for the backup to say."""
        self._form.clear_errors()
        if self.use_password.isChecked() and not self.password.text():
            self._form.place(ValidationError(self.tr("Ketik kata sandi akun itu."), "password"))
            return
        if self.use_recovery.isChecked() and not self.recovery_key.text().strip():
            self._form.place(
                ValidationError(self.tr("Ketik kunci pemulihan dari kartu."), "recovery_key")
            )
            return
        super().accept()
