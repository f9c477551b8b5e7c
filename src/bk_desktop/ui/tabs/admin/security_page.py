"""Pengaturan → Keamanan: auto-lock, unlock cost, one's own password, the recovery key."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.card_writer import (
    CardKeeper,
    CardKept,
    CardPlaces,
    RecoveryCard,
    print_recovery_card,
    save_recovery_card,
)
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import FieldForm, action_button, button_row, group_layout, named
from bk_desktop.ui.kit.labels import WrappingLabel, note_label, set_status, status_label
from bk_desktop.ui.kit.palette import KEY_BACKGROUND, KEY_BORDER
from bk_desktop.ui.kit.runner import ModalRunner
from bk_desktop.ui.password_widgets import StrengthMeter, password_edit, show_passwords_toggle
from bk_desktop.ui.prompter import Prompter
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.admin.admin_page import AdminPage


class RecoveryKeyDialog(QDialog):
    """Shows a new recovery key once and offers to save it as a Kartu Pemulihan PDF."""

    def __init__(
        self,
        recovery_key: str,
        workspace: Workspace,
        prompter: Prompter,
        parent: QWidget | None = None,
        *,
        places: CardPlaces | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(self.tr("Kunci pemulihan baru"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # The card is made when it is printed or saved, not here: the old key is already
        # void, and nothing may stand between the person and the only sight of the new one.
        self._workspace = workspace
        self._recovery_key = recovery_key
        self._prompter = prompter
        self._places = places or CardPlaces()
        self.kept: CardKept | None = None
        """Where the card went (printed, or the file saved), once it has gone somewhere."""

        text = WrappingLabel(
            self.tr(
                "Kunci pemulihan yang lama sudah tidak berlaku. Kunci baru di bawah ini hanya "
                "ditampilkan sekali ini. Cetak Kartu Pemulihan dan simpan kartunya di tempat "
                "terkunci yang jauh dari komputer ini. Kartu dicetak langsung tanpa berkas; "
                "bila Anda menyimpannya sebagai PDF, hapus berkasnya setelah dicetak."
            )
        )

        key = named(QLabel(recovery_key), "recoveryKeyText", self.tr("Kunci pemulihan baru"))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.5)
        font.setWeight(QFont.Weight.Bold)
        key.setFont(font)
        key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        key.setWordWrap(False)  # one line: a key broken in its middle is copied wrong
        key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        key.setContentsMargins(12, 12, 12, 12)
        key.setStyleSheet(f"background: {KEY_BACKGROUND}; border: 1px solid {KEY_BORDER};")

        self.status = status_label("recoveryCardStatus")
        self.status.hide()
        self.print_button = named(
            QPushButton(self.tr("Cetak Kartu Pemulihan…")),
            "recoveryCardPrintButton",
            self.tr("Cetak Kartu Pemulihan"),
        )
        self.print_button.setDefault(True)
        set_role(self.print_button, "primary")
        self.print_button.clicked.connect(lambda: self._keep_card(print_recovery_card))
        self.save_button = named(
            QPushButton(self.tr("Simpan PDF…")),
            "recoveryCardSaveButton",
            self.tr("Simpan Kartu Pemulihan sebagai PDF"),
        )
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(lambda: self._keep_card(save_recovery_card))
        self.close_button = named(
            QPushButton(self.tr("Tutup")), "recoveryKeyCloseButton", self.tr("Tutup")
        )
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close_by_user)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.setContentsMargins(20, 20, 20, 20)
        layout.addWidget(text)
        layout.addWidget(key)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)

    def _keep_card(self, keep: CardKeeper) -> None:
        try:
            card = RecoveryCard.of(self._workspace, self._recovery_key)
        except KnownError as error:
            self._prompter.error(self, self.tr("Kartu Pemulihan"), error.message)
            return
        kept = keep(self, self._prompter, card, self._places)
        if kept is None:
            return
        self.kept = kept
        self.status.show()
        set_status(self.status, kept.status)
        self.close_button.setDefault(True)

    def close_by_user(self) -> None:
        """Closing without saving the card is allowed, but only after saying what it means.

        Only a person's close (Tutup, Esc, the window's X) asks; ``reject()`` itself stays
        plain, because locking the window rejects every dialog and must not ask anything.
        """
        if self.kept is None and not self._prompter.confirm(
            self,
            self.tr("Tutup kunci pemulihan"),
            self.tr(
                "Kunci ini tidak dapat ditampilkan lagi. Bila belum Anda simpan atau catat, "
                "tidak ada kunci pemulihan yang dapat dipakai sampai Anda membuat yang baru. "
                "Tetap tutup?"
            ),
        ):
            return
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_by_user()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and self.isVisible():
            event.ignore()
            self.close_by_user()
            return
        super().closeEvent(event)


class SecurityPage(AdminPage):
    """Auto-lock minutes and unlock time (settings), own password, the recovery key."""

    def __init__(
        self,
        context: UiContext,
        runner: ModalRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Keamanan"),
            self.tr(
                "Catatan konseling adalah data pribadi siswa. Pengaturan ini menjaga agar hanya "
                "guru BK yang dapat membukanya."
            ),
            parent,
        )
        self._context = context
        self._runner = runner
        self.card_places = CardPlaces()
        self.key_dialog: RecoveryKeyDialog | None = None

        # -- settings: auto-lock and unlock time --------------------------------------------
        self.auto_lock = named(QSpinBox(), "settingsAutoLock", self.tr("Kunci otomatis (menit)"))
        self.auto_lock.setRange(1, 120)
        self.auto_lock.setSuffix(self.tr(" menit"))
        self.kdf_seconds = named(
            QDoubleSpinBox(),
            "settingsKdfSeconds",
            self.tr("Ketahanan kata sandi terhadap tebakan, dalam detik per percobaan"),
        )
        self.kdf_seconds.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        self.kdf_seconds.setRange(0.1, 5.0)
        self.kdf_seconds.setDecimals(1)
        self.kdf_seconds.setSingleStep(0.1)
        self.kdf_seconds.setSuffix(self.tr(" detik per percobaan"))
        self.kdf_seconds.setMinimumWidth(200)
        self.auto_lock.setMaximumWidth(160)
        self.kdf_seconds.setMaximumWidth(240)

        lock_group = QGroupBox(self.tr("Kunci otomatis dan brankas"))
        self._lock_form = FieldForm()
        self._lock_form.add(
            self.tr("Kunci otomatis setelah"),
            self.auto_lock,
            keys=("auto_lock_minutes",),
            hint=self.tr(
                "Bila komputer tidak dipakai selama ini, semua data disembunyikan dan kata "
                "sandi harus diketik lagi."
            ),
        )
        self._lock_form.add(
            self.tr("Ketahanan kata sandi terhadap tebakan"),
            self.kdf_seconds,
            keys=("kdf_target_seconds",),
            hint=self.tr(
                "Lamanya komputer ini memeriksa satu kata sandi, juga saat brankas dibuka. Bila "
                "berkas brankas dicuri, setiap tebakan pencuri makan waktu sebanyak ini, jadi "
                "makin lama makin aman. Berlaku untuk kata sandi yang diatur mulai sekarang; "
                "kata sandi yang sudah ada tetap seperti semula sampai diganti."
            ),
        )
        self.save_button = action_button(
            self.tr("Simpan"), "settingsSecuritySaveButton", self.tr("Simpan pengaturan keamanan")
        )
        self.save_status = status_label("settingsSecurityStatus")
        self.save_button.clicked.connect(self.save)
        lock_layout = group_layout(lock_group)
        lock_layout.addLayout(self._lock_form)
        lock_layout.addLayout(button_row(self.save_button, self.save_status))

        # -- own password ------------------------------------------------------------------------
        self.old_password = password_edit("passwordOld", self.tr("Kata sandi lama"))
        self.new_password = password_edit("passwordNew", self.tr("Kata sandi baru"))
        self.repeat_password = password_edit("passwordRepeat", self.tr("Ulangi kata sandi baru"))
        self.strength = StrengthMeter("passwordStrength")
        self.new_password.textChanged.connect(self.strength.update_for)
        password_group = QGroupBox(self.tr("Ganti kata sandi saya"))
        self._password_form = FieldForm()
        self._password_form.add(
            self.tr("Kata sandi lama"), self.old_password, keys=("old_password",)
        )
        self._password_form.add(
            self.tr("Kata sandi baru"), self.new_password, keys=("password",), hint=self.strength
        )
        self._password_form.add(
            self.tr("Ulangi kata sandi baru"), self.repeat_password, keys=("repeat",)
        )
        self._password_form.link("password", "repeat")
        self._password_form.addRow(
            "",
            show_passwords_toggle(
                (self.old_password, self.new_password, self.repeat_password), "passwordShow"
            ),
        )
        self.change_button = action_button(
            self.tr("Ganti kata sandi"), "changePasswordButton", self.tr("Ganti kata sandi saya")
        )
        self.password_status = status_label("changePasswordStatus")
        self.change_button.clicked.connect(self.change_password)
        password_layout = group_layout(password_group)
        password_layout.addLayout(self._password_form)
        password_layout.addLayout(button_row(self.change_button, self.password_status))

        # -- recovery key --------------------------------------------------------------------
        recovery_group = QGroupBox(self.tr("Ganti kunci pemulihan"))
        recovery_intro = note_label(
            self.tr(
                "Kunci pemulihan membuka brankas bila semua kata sandi terlupa. Buat kunci baru "
                "bila Kartu Pemulihan hilang atau mungkin pernah dilihat orang lain; kartu yang "
                "lama langsung tidak berlaku."
            )
        )
        self.recovery_password = password_edit(
            "recoveryPassword", self.tr("Kata sandi Anda untuk kunci pemulihan")
        )
        self._recovery_form = FieldForm()
        self._recovery_form.add(
            self.tr("Kata sandi Anda"), self.recovery_password, keys=("password",)
        )
        self.recovery_button = action_button(
            self.tr("Buat kunci pemulihan baru…"),
            "recoveryReplaceButton",
            self.tr("Buat kunci pemulihan baru"),
        )
        self.recovery_button.clicked.connect(self.replace_recovery_key)
        self.recovery_note = note_label(
            self.tr("Hanya Koordinator BK yang dapat membuat kunci pemulihan baru."),
            "recoveryRoleNote",
        )
        recovery_layout = group_layout(recovery_group)
        recovery_layout.addWidget(recovery_intro)
        recovery_layout.addLayout(self._recovery_form)
        recovery_layout.addLayout(button_row(self.recovery_button))
        recovery_layout.addWidget(self.recovery_note)

        for group in (lock_group, password_group, recovery_group):
            self.body.addWidget(group)
        self.finish()

    # -- loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        settings = self._context.settings.get()
        self.auto_lock.setValue(settings.auto_lock_minutes)
        self.kdf_seconds.setValue(settings.kdf_target_seconds)
        for edit in (
            self.old_password,
            self.new_password,
            self.repeat_password,
            self.recovery_password,
        ):
            edit.clear()
        for form in (self._lock_form, self._password_form, self._recovery_form):
            form.clear_errors()
        for label in (self.save_status, self.password_status):
            label.clear()
        is_koordinator = self._context.workspace.account.role is Role.KOORDINATOR
        self.recovery_password.setEnabled(is_koordinator)
        self.recovery_button.setEnabled(is_koordinator)
        self.recovery_note.setVisible(not is_koordinator)

    # -- actions -----------------------------------------------------------------------------

    def save(self) -> None:
        self._lock_form.clear_errors()
        self.save_status.clear()
        service = self._context.settings
        wanted = replace(
            service.get(),
            auto_lock_minutes=self.auto_lock.value(),
            kdf_target_seconds=round(self.kdf_seconds.value(), 1),
        )
        self.save_settings(
            self._context,
            wanted,
            status=self.save_status,
            show_error=self._lock_form.place,
            title=self.tr("Keamanan"),
            note_refusal=False,
        )

    def change_password(self) -> None:
        self._password_form.clear_errors()
        self.password_status.clear()
        service = self._context.accounts
        old = self.old_password.text()
        new = self.new_password.text()
        repeat = self.repeat_password.text()
        self._runner.run(
            self.tr("Mengganti kata sandi…"),
            lambda: service.change_own_password(old, new, repeat),
            self._password_changed,
            self._password_failed,
        )

    def _password_changed(self, _result: None) -> None:
        for edit in (self.old_password, self.new_password, self.repeat_password):
            edit.clear()
        set_status(
            self.password_status,
            self.tr("Kata sandi diganti. Pakai kata sandi baru mulai sekarang."),
        )

    def _password_failed(self, error: KnownError) -> None:
        if isinstance(error, ValidationError) and self._password_form.place(error):
            if error.field == "old_password":
                self.old_password.clear()
                self.old_password.setFocus()
            set_status(self.password_status, self.tr("Kata sandi belum diganti."), ok=False)
            return
        prompter = self._context.prompter
        self._runner.later(lambda: prompter.error(self, self.tr("Ganti kata sandi"), error.message))

    def replace_recovery_key(self) -> None:
        self._recovery_form.clear_errors()
        if self._context.workspace.account.role is not Role.KOORDINATOR:
            return
        if not self._context.prompter.confirm(
            self,
            self.tr("Ganti kunci pemulihan"),
            self.tr(
                "Kartu Pemulihan yang lama langsung tidak berlaku lagi dan kunci yang baru "
                "hanya ditampilkan sekali. Siapkan tempat untuk menyimpan atau mencatatnya. "
                "Lanjutkan?"
            ),
        ):
            return
        workspace = self._context.workspace
        service = self._context.accounts
        password = self.recovery_password.text()
        self._runner.run(
            self.tr("Membuat kunci pemulihan baru…"),
            lambda: service.replace_recovery_key(password),
            lambda key: self._show_key(key, workspace),
            self._recovery_failed,
        )

    def _show_key(self, recovery_key: str, workspace: Workspace) -> None:
        self.recovery_password.clear()
        dialog = RecoveryKeyDialog(
            recovery_key,
            workspace,
            self._context.prompter,
            self,
            places=self.card_places,
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.destroyed.connect(self._forget_key_dialog)
        self.key_dialog = dialog
        dialog.open()

    def _forget_key_dialog(self) -> None:
        self.key_dialog = None

    def _recovery_failed(self, error: KnownError) -> None:
        if isinstance(error, ValidationError) and self._recovery_form.place(error):
            self.recovery_password.clear()
            return
        prompter = self._context.prompter
        self._runner.later(
            lambda: prompter.error(self, self.tr("Ganti kunci pemulihan"), error.message)
        )


__all__ = ["RecoveryKeyDialog", "SecurityPage"]
