"""First start: the school, the first counsellor account, the recovery key shown once, and
where backups go.

The vault is created when page 2 is accepted (that page is a commit page: there is no way
back once the vault exists). Page 3 shows the recovery key and will not go on until the
counsellor says it has been kept; the Kartu Pemulihan is printed straight from memory or saved
as a PDF (``ui/card_writer.py``, through ``DocumentService``). Page 4 asks where
the automatic backups go — a USB drive is suggested — and may be left on the default
(``cadangan`` beside the vault), which Beranda then points out.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from bk_desktop.domain.accounts import (
    validate_account_name,
    validate_new_password,
    validate_nip,
    validate_nuptk,
)
from bk_desktop.domain.dates import INDONESIAN_ZONES
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.settings import Settings
from bk_desktop.services.access import SetupForm, VaultAccess, zone_of_this_pc
from bk_desktop.services.backup import default_backup_folder
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.card_writer import (
    CardKeeper,
    CardKept,
    CardPlaces,
    RecoveryCard,
    print_recovery_card,
    save_recovery_card,
)
from bk_desktop.ui.kit.labels import clear_when_changed, message_label, show_message, wrapping_label
from bk_desktop.ui.kit.runner import BusyLine, Task, start_task
from bk_desktop.ui.password_widgets import NewPasswordRows
from bk_desktop.ui.prompter import Prompter
from bk_desktop.ui.style import icon_label, monospace_font, set_role

SCHOOL_PAGE, ACCOUNT_PAGE, KEY_PAGE, BACKUP_PAGE = 0, 1, 2, 3

# Which provinces keep which time, so a counsellor need not know "UTC+8".
_ZONE_REGIONS = {
    "Asia/Jakarta": "Sumatra, Jawa, Kalimantan Barat dan Tengah",
    "Asia/Makassar": "Kalimantan Timur, Selatan dan Utara, Sulawesi, Bali, NTB, NTT",
    "Asia/Jayapura": "Maluku dan Papua",
}


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setHorizontalSpacing(16)
    form.setVerticalSpacing(8)
    return form


def _line_edit(object_name: str, accessible: str, parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(object_name)
    edit.setAccessibleName(accessible)
    return edit


class SchoolPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupSchoolPage")
        self.setTitle(self.tr("Data sekolah"))
        self.setSubTitle(
            self.tr(
                "Langkah 1 dari 4. Nama sekolah dipakai pada kop surat dan laporan; semuanya "
                "dapat diubah nanti di Pengaturan."
            )
        )
        self.school_name = _line_edit("setupSchoolName", self.tr("Nama sekolah"), self)
        self.school_name.setPlaceholderText(self.tr("contoh: SMA Negeri 1 Bontang"))
        self.school_message = message_label("setupSchoolNameMessage", self)
        self.city = _line_edit("setupCity", self.tr("Kota atau kabupaten"), self)
        self.city.setPlaceholderText(self.tr("contoh: Bontang"))
        self.timezone = QComboBox(self)
        self.timezone.setObjectName("setupTimezone")
        self.timezone.setAccessibleName(self.tr("Zona waktu"))
        for key, label in INDONESIAN_ZONES:
            self.timezone.addItem(label, key)
        self.timezone.setCurrentIndex(max(0, self.timezone.findData(zone_of_this_pc())))
        self.zone_hint = wrapping_label(self)
        self.zone_hint.setObjectName("setupTimezoneHint")
        set_role(self.zone_hint, "muted")
        self.timezone.currentIndexChanged.connect(self._update_zone_hint)
        self._update_zone_hint()
        self.timezone_message = message_label("setupTimezoneMessage", self)
        for field, line in (
            (self.school_name, self.school_message),
            (self.timezone, self.timezone_message),
        ):
            clear_when_changed(field, line)

        welcome = wrapping_label(
            self,
            self.tr(
                "Selamat datang di bk-desktop. Semua catatan konseling akan disimpan "
                "terenkripsi di komputer ini saja; tidak ada yang dikirim ke internet."
            ),
        )
        welcome.setObjectName("setupWelcome")

        form = _form()
        form.addRow(self.tr("Nama sekolah"), self.school_name)
        form.addRow("", self.school_message)
        form.addRow(self.tr("Kota/kabupaten"), self.city)
        form.addRow(self.tr("Zona waktu"), self.timezone)
        form.addRow("", self.zone_hint)
        form.addRow("", self.timezone_message)
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        layout.addWidget(welcome)
        layout.addLayout(form)
        layout.addStretch(1)

    @Slot()
    def _update_zone_hint(self) -> None:
        regions = _ZONE_REGIONS.get(str(self.timezone.currentData()), "")
        self.zone_hint.setText(regions)
        self.zone_hint.setVisible(bool(regions))

    def settings(self) -> Settings:
        return Settings(
            school_name=self.school_name.text(),
            city=self.city.text(),
            timezone=str(self.timezone.currentData()),
        )

    def validatePage(self) -> bool:
        show_message(self.school_message, "")
        show_message(self.timezone_message, "")
        try:
            self.settings().validated()
        except ValidationError as error:
            if error.field == "timezone":
                show_message(self.timezone_message, error.message)
            else:
                show_message(self.school_message, error.message)
                self.school_name.setFocus()
            return False
        return True


class AccountPage(QWizardPage):
    """The first account; accepting this page creates the vault in the background."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self._task: Task | None = None
        self.created = False
        self.setObjectName("setupAccountPage")
        self.setTitle(self.tr("Akun guru BK pertama"))
        self.setSubTitle(
            self.tr(
                "Langkah 2 dari 4. Akun ini menjadi Koordinator BK dan nanti dapat menambahkan "
                "akun guru BK lain."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Buat Brankas"))

        self.account_name = _line_edit("setupAccountName", self.tr("Nama lengkap"), self)
        self.account_name.setPlaceholderText(self.tr("nama dan gelar, seperti pada surat"))
        self.name_message = message_label("setupAccountNameMessage", self)
        self.nip = _line_edit("setupNip", self.tr("NIP"), self)
        self.nip.setPlaceholderText(self.tr("18 digit; boleh dikosongkan"))
        self.nip_message = message_label("setupNipMessage", self)
        self.nuptk = _line_edit("setupNuptk", self.tr("NUPTK"), self)
        self.nuptk.setPlaceholderText(self.tr("16 digit; boleh dikosongkan"))
        self.nuptk_message = message_label("setupNuptkMessage", self)
        self.new_password = NewPasswordRows(self, "setup", self.tr("Kata sandi"))
        self.password, self.repeat = self.new_password.password, self.new_password.repeat
        self.create_message = message_label("setupCreateMessage", self)

        self.busy = BusyLine(self, "setupBusy", self.tr("Menyiapkan brankas terenkripsi…"))

        form = _form()
        form.addRow(self.tr("Nama lengkap"), self.account_name)
        form.addRow("", self.name_message)
        form.addRow(self.tr("NIP"), self.nip)
        form.addRow("", self.nip_message)
        form.addRow(self.tr("NUPTK"), self.nuptk)
        form.addRow("", self.nuptk_message)
        self.new_password.add_to(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.create_message)
        layout.addStretch(1)
        layout.addLayout(self.busy)
        for field, line in (
            (self.account_name, self.name_message),
            (self.nip, self.nip_message),
            (self.nuptk, self.nuptk_message),
        ):
            clear_when_changed(field, line)

    @property
    def busy_now(self) -> bool:
        return self._task is not None

    def _messages(self) -> dict[str, QLabel]:
        return {
            "name": self.name_message,
            "nip": self.nip_message,
            "nuptk": self.nuptk_message,
            **self.new_password.messages,
        }

    def _focus_for(self, field: str) -> QWidget:
        return {
            "name": self.account_name,
            "nip": self.nip,
            "nuptk": self.nuptk,
            "password": self.password,
            "repeat": self.repeat,
        }.get(field, self.account_name)

    def _show_error(self, error: KnownError) -> None:
        field = error.field if isinstance(error, ValidationError) else None
        label = self._messages().get(field or "")
        if label is None:
            show_message(self.create_message, error.message)
            return
        show_message(label, error.message)
        self._focus_for(field or "").setFocus()

    def isComplete(self) -> bool:
        return not self.busy_now

    def validatePage(self) -> bool:
        if self.created:
            return True
        if self.busy_now:
            return False
        for label in (*self._messages().values(), self.create_message):
            show_message(label, "")
        try:
            validate_account_name(self.account_name.text())
            validate_nip(self.nip.text())
            validate_nuptk(self.nuptk.text())
            validate_new_password(self.password.text(), self.repeat.text())
        except ValidationError as error:
            self._show_error(error)
            return False
        self._create()
        return False

    def _create(self) -> None:
        school = self._wizard.school_page.settings()
        form = SetupForm(
            school_name=school.school_name,
            city=school.city,
            timezone=school.timezone,
            account_name=self.account_name.text(),
            password=self.password.text(),
            password_repeat=self.repeat.text(),
            nip=self.nip.text(),
            nuptk=self.nuptk.text(),
        )
        access = self._wizard.access

        def work() -> tuple[Workspace, str]:
            return access.setup(form)

        self._task = start_task(work, self, self._on_created, self._on_failed)
        self._set_busy(True)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.account_name, self.nip, self.nuptk, self.password, self.repeat):
            widget.setEnabled(not busy)
        self.busy.show_busy(busy)
        self.completeChanged.emit()
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            button = self._wizard.button(which)
            if button is not None:
                button.setEnabled(not busy)

    def _on_created(self, outcome: tuple[Workspace, str]) -> None:
        self._task = None
        workspace, recovery_key = outcome
        self._wizard.workspace = workspace
        self._wizard.recovery_key = recovery_key
        self.created = True
        self._set_busy(False)
        self.new_password.clear()
        self._wizard.next()

    def _on_failed(self, error: KnownError) -> None:
        self._task = None
        self._set_busy(False)
        self._show_error(error)


class RecoveryKeyPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.card_kept: CardKept | None = None
        self.setObjectName("setupKeyPage")
        self.setTitle(self.tr("Kunci pemulihan"))
        self.setSubTitle(
            self.tr("Langkah 3 dari 4. Brankas sudah dibuat. Kunci ini hanya ditampilkan sekali.")
        )
        intro = wrapping_label(
            self,
            self.tr(
                "Bila semua kata sandi terlupa, data BK hanya dapat dibuka dengan kunci "
                "pemulihan di bawah ini. Cetak Kartu Pemulihan (langsung ke pencetak, tanpa "
                "berkas), lalu simpan kartunya di tempat terkunci yang jauh dari komputer ini. "
                "Siapa pun yang memegang kunci ini dapat membuka seluruh catatan konseling."
            ),
        )

        self.key = QLabel(self)
        self.key.setObjectName("setupRecoveryKey")
        self.key.setAccessibleName(self.tr("Kunci pemulihan"))
        key_font = monospace_font(18)
        key_font.setBold(True)
        self.key.setFont(key_font)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        # One line, never wrapped: a key broken in its middle is copied wrong from paper.
        self.key.setWordWrap(False)
        key_frame = QFrame(self)
        key_frame.setObjectName("setupRecoveryKeyFrame")
        set_role(key_frame, "card")
        frame_layout = QVBoxLayout(key_frame)
        frame_layout.setContentsMargins(16, 14, 16, 14)
        frame_layout.addWidget(self.key)

        self.print_button = QPushButton(self.tr("Cetak Kartu Pemulihan…"), self)
        self.print_button.setObjectName("setupPrintCardButton")
        self.print_button.setAccessibleName(self.tr("Cetak Kartu Pemulihan"))
        self.print_button.clicked.connect(self.print_card)
        set_role(self.print_button, "primary")
        self.save_button = QPushButton(self.tr("Simpan PDF…"), self)
        self.save_button.setObjectName("setupSaveCardButton")
        self.save_button.setAccessibleName(self.tr("Simpan Kartu Pemulihan sebagai PDF"))
        self.save_button.clicked.connect(self.save_card)
        self.card_icon = icon_label("ok", 18, self)
        self.card_icon.hide()
        self.card_status = wrapping_label(self)
        self.card_status.setObjectName("setupCardStatus")
        self.card_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.card_status, "ok")
        card_row = QHBoxLayout()
        card_row.addWidget(self.print_button)
        card_row.addWidget(self.save_button)
        card_row.addSpacing(8)
        card_row.addWidget(self.card_icon)
        card_row.addWidget(self.card_status, 1)

        self.saved_check = QCheckBox(self.tr("Saya sudah menyimpan kunci pemulihan"), self)
        self.saved_check.setObjectName("setupKeySavedCheck")
        self.saved_check.setAccessibleName(self.tr("Saya sudah menyimpan kunci pemulihan"))
        self.saved_check.toggled.connect(self.completeChanged)

        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(intro)
        layout.addWidget(key_frame)
        layout.addLayout(card_row)
        layout.addSpacing(10)
        layout.addWidget(self.saved_check)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.key.setText(self._wizard.recovery_key)

    def isComplete(self) -> bool:
        return self.saved_check.isChecked()

    @Slot()
    def print_card(self) -> None:
        self._keep_card(print_recovery_card)

    @Slot()
    def save_card(self) -> None:
        self._keep_card(save_recovery_card)

    def _keep_card(self, keep: CardKeeper) -> None:
        workspace = self._wizard.workspace
        if workspace is None:
            return
        wizard = self._wizard
        try:
            card = RecoveryCard.of(workspace, wizard.recovery_key)
        except KnownError as error:  # a font file missing from a broken installation
            wizard.prompter.error(self, self.tr("Kartu Pemulihan"), error.message)
            return
        kept = keep(self, wizard.prompter, card, wizard.card_places)
        if kept is None:
            return
        self.card_kept = kept
        self.card_icon.show()
        self.card_status.setText(kept.status)


class BackupPage(QWizardPage):
    """Where the automatic backups go; the default needs no choice and is said plainly."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.chosen: Path | None = None
        self.setObjectName("setupBackupPage")
        self.setTitle(self.tr("Tempat cadangan"))
        self.setSubTitle(self.tr("Langkah 4 dari 4. Boleh diubah kapan saja di Pengaturan."))
        intro = wrapping_label(
            self,
            self.tr(
                "Setiap kali program ditutup, bk-desktop membuat cadangan terenkripsi. Agar "
                "data BK selamat bila komputer ini rusak atau hilang, simpan cadangan di "
                "flashdisk atau folder lain di luar komputer ini. Cadangan hanya dapat dibuka "
                "dengan kata sandi atau kunci pemulihan."
            ),
        )
        self.folder = QLineEdit(self)
        self.folder.setObjectName("setupBackupFolder")
        self.folder.setAccessibleName(self.tr("Folder cadangan"))
        self.folder.setReadOnly(True)
        self.choose_button = QPushButton(self.tr("Pilih folder…"), self)
        self.choose_button.setObjectName("setupBackupChooseButton")
        self.choose_button.setAccessibleName(self.tr("Pilih folder cadangan"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.default_button = QPushButton(self.tr("Pakai bawaan"), self)
        self.default_button.setObjectName("setupBackupDefaultButton")
        self.default_button.setAccessibleName(self.tr("Pakai folder cadangan bawaan"))
        self.default_button.clicked.connect(self.use_default)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.default_button)
        self.note = wrapping_label(self)
        self.note.setObjectName("setupBackupNote")
        set_role(self.note, "note")
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self._show()
        self.choose_button.setFocus()

    def _default_folder(self) -> Path | None:
        workspace = self._wizard.workspace
        return None if workspace is None else default_backup_folder(workspace.vault.paths)

    def _show(self) -> None:
        if self.chosen is not None:
            self.folder.setText(str(self.chosen))
            self.note.setText(
                self.tr(
                    "Cadangan disimpan di folder ini. Bila folder ini ada di flashdisk, "
                    "pasang flashdisk sebelum menutup program."
                )
            )
            return
        default = self._default_folder()
        self.folder.setText(str(default) if default is not None else "")
        self.note.setText(
            self.tr(
                "Belum dipilih: cadangan disimpan di folder 'cadangan' di komputer ini, yang "
                "ikut hilang bila komputer rusak. Beranda akan mengingatkan sampai folder lain "
                "dipilih."
            )
        )

    @Slot()
    def choose_folder(self) -> None:
        start = self.chosen or Path.home()
        chosen = self._wizard.prompter.choose_folder(
            self, self.tr("Pilih folder cadangan (misalnya flashdisk)"), start
        )
        if chosen is not None:
            self.chosen = chosen
            self._show()

    @Slot()
    def use_default(self) -> None:
        self.chosen = None
        self._show()

    def validatePage(self) -> bool:
        """Store the choice; a folder that cannot be used keeps the person on this page."""
        workspace = self._wizard.workspace
        if workspace is None or self.chosen is None:
            return True
        service = SettingsService(workspace)
        try:
            service.save(replace(service.get(), backup_folder=str(self.chosen)))
        except KnownError as error:
            self._wizard.prompter.error(self, self.tr("Folder cadangan"), error.message)
            return False
        return True


class SetupWizard(QWizard):
    """Creates the vault; after ``exec``/``finished`` the open workspace is in ``workspace``."""

    def __init__(
        self,
        access: VaultAccess,
        prompter: Prompter,
        parent: QWidget | None = None,
        *,
        card_places: CardPlaces | None = None,
    ) -> None:
        super().__init__(parent)
        self.access = access
        self.prompter = prompter
        self.card_places = card_places or CardPlaces()
        self.workspace: Workspace | None = None
        self.recovery_key = ""
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("Menyiapkan bk-desktop"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Kembali"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Lanjut >"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Buat Brankas"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Selesai"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Batal"))
        for which, name in (
            (QWizard.WizardButton.BackButton, "setupBackButton"),
            (QWizard.WizardButton.NextButton, "setupNextButton"),
            (QWizard.WizardButton.CommitButton, "setupCommitButton"),
            (QWizard.WizardButton.FinishButton, "setupFinishButton"),
            (QWizard.WizardButton.CancelButton, "setupCancelButton"),
        ):
            button = self.button(which)
            button.setObjectName(name)
            button.setAccessibleName(self.buttonText(which).strip("<> ").replace("&", ""))

        self.school_page = SchoolPage(self)
        self.account_page = AccountPage(self)
        self.key_page = RecoveryKeyPage(self)
        self.backup_page = BackupPage(self)
        self.setPage(SCHOOL_PAGE, self.school_page)
        self.setPage(ACCOUNT_PAGE, self.account_page)
        self.setPage(KEY_PAGE, self.key_page)
        self.setPage(BACKUP_PAGE, self.backup_page)
        self.setStartId(SCHOOL_PAGE)
        self.currentIdChanged.connect(self._on_page_changed)
        self.setMinimumSize(640, 470)
        self.resize(720, 560)

    @Slot(int)
    def _on_page_changed(self, page_id: int) -> None:
        # Once the vault exists there is nothing to cancel, and nothing before the key to go
        # back to (the backup page may go back to the key, which is harmless). A custom button
        # layout shows every button it names, so the layout itself leaves them out.
        buttons = [
            QWizard.WizardButton.Stretch,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.CommitButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ]
        if page_id == KEY_PAGE:
            buttons.remove(QWizard.WizardButton.BackButton)
        if page_id in (KEY_PAGE, BACKUP_PAGE):
            buttons.remove(QWizard.WizardButton.CancelButton)
        self.setButtonLayout(buttons)

    def reject(self) -> None:
        if self.workspace is not None or self.account_page.busy_now:
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape never ends the wizard: on the first page a stray Escape quit the program.
        "Batal" does."""
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if self.workspace is None or not self.key_page.isComplete():
            return
        super().accept()


__all__ = [
    "ACCOUNT_PAGE",
    "BACKUP_PAGE",
    "KEY_PAGE",
    "SCHOOL_PAGE",
    "AccountPage",
    "BackupPage",
    "RecoveryKeyPage",
    "SchoolPage",
    "SetupWizard",
]
