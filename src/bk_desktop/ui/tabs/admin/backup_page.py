"""Pengaturan → Cadangan: where backups go, how old the last one is, backup and restore."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLineEdit, QWidget

from bk_desktop.domain.dates import format_age, format_instant
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.backup import (
    BEFORE_RESTORE_PREFIX,
    STALE_AFTER,
    RestoreCredentials,
    inspect_backup,
    restore,
)
from bk_desktop.services.erasure import restore_note
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import FieldForm, action_button, button_row, group_layout, named
from bk_desktop.ui.kit.labels import WrappingLabel, note_label
from bk_desktop.ui.kit.palette import OK_TEXT, WARNING_TEXT
from bk_desktop.ui.kit.runner import ModalRunner
from bk_desktop.ui.tabs.admin.admin_page import AdminPage
from bk_desktop.ui.tabs.admin.restore_dialog import RestoreDialog, backup_created_text


def _existing_folder(folder: Path) -> Path:
    """Where a file dialog can start: the folder, or the nearest one above it that exists."""
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            return candidate
    return Path.home()


class BackupPage(AdminPage):
    """The backup folder (a setting), the last backup's age, and the two big buttons."""

    session_replaced = Signal()

    def __init__(
        self, context: UiContext, runner: ModalRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Cadangan"),
            self.tr(
                "Cadangan adalah salinan brankas yang tetap terenkripsi. Cadangan dibuka dengan "
                "kata sandi atau kunci pemulihan yang sama. Simpan salinannya juga di luar "
                "komputer ini, misalnya di flashdisk."
            ),
            parent,
        )
        self._context = context
        self._runner = runner
        self.restore_dialog: RestoreDialog | None = None

        # -- folder --------------------------------------------------------------------------
        self.folder = named(QLineEdit(), "backupFolder", self.tr("Folder cadangan"))
        self.folder.setReadOnly(True)
        self.choose_button = action_button(
            self.tr("Pilih folder…"), "backupChooseFolderButton", self.tr("Pilih folder cadangan")
        )
        self.choose_button.clicked.connect(self.choose_folder)
        self.default_button = action_button(
            self.tr("Kembalikan ke bawaan"),
            "backupDefaultFolderButton",
            self.tr("Kembalikan folder cadangan ke bawaan"),
        )
        self.default_button.clicked.connect(self.use_default_folder)
        self.folder_note = note_label("", "backupFolderNote")
        folder_row = QWidget()
        folder_layout = QHBoxLayout(folder_row)
        folder_layout.setContentsMargins(0, 0, 0, 0)
        folder_layout.addWidget(self.folder, 1)
        folder_layout.addWidget(self.choose_button)
        folder_layout.addWidget(self.default_button)
        folder_group = QGroupBox(self.tr("Folder cadangan"))
        self._folder_form = FieldForm()
        self._folder_form.add(self.tr("Folder"), folder_row, buddy=self.folder)
        self._folder_form.addRow("", self.folder_note)
        folder_group.setLayout(self._folder_form)

        # -- state and actions -------------------------------------------------------------
        self.last = WrappingLabel()
        self.last.setObjectName("backupLast")
        self.age_state = WrappingLabel()
        self.age_state.setObjectName("backupWarning")
        self.backup_button = action_button(
            self.tr("Cadangkan sekarang"), "backupNowButton", self.tr("Cadangkan sekarang")
        )
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = action_button(
            self.tr("Pulihkan dari cadangan…"), "restoreButton", self.tr("Pulihkan dari cadangan")
        )
        self.restore_button.clicked.connect(self.choose_restore)
        state_group = QGroupBox(self.tr("Cadangan terakhir"))
        state_form = FieldForm()
        state_form.add(self.tr("Waktu"), self.last)
        state_form.add(self.tr("Keadaan"), self.age_state)
        state_layout = group_layout(state_group)
        state_layout.addLayout(state_form)
        state_layout.addLayout(button_row(self.backup_button))

        restore_group = QGroupBox(self.tr("Pulihkan"))
        restore_layout = group_layout(restore_group)
        restore_layout.addWidget(
            note_label(
                self.tr(
                    "Memulihkan mengganti seluruh isi brankas dengan isi sebuah cadangan. "
                    "Sebelumnya, brankas yang sekarang disimpan dulu sebagai cadangan "
                    "'sebelum-pemulihan', sehingga tidak ada yang hilang."
                )
            )
        )
        restore_layout.addLayout(button_row(self.restore_button))

        for group in (folder_group, state_group, restore_group):
            self.body.addWidget(group)
        self.finish()

    # -- loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        workspace = self._context.workspace
        settings = workspace.settings()
        status = self._context.backups.status()
        self.folder.setText(str(status.folder))
        self.folder.setToolTip(str(status.folder))
        chosen = bool(settings.backup_folder.strip())
        self.default_button.setEnabled(chosen)
        if chosen:
            self.folder_note.setText(
                self.tr(
                    "Folder pilihan. Bila folder ini ada di flashdisk, pastikan flashdisk "
                    "terpasang saat mencadangkan."
                )
            )
        else:
            self.folder_note.setText(
                self.tr(
                    "Bawaan: folder 'cadangan' di samping brankas, di komputer ini. Pilih "
                    "flashdisk atau folder lain agar cadangan selamat bila komputer rusak."
                )
            )
        now = workspace.now()
        days = STALE_AFTER.days
        if status.last_at is None:
            self.last.setText(self.tr("Belum ada cadangan."))
        else:
            self.last.setText(
                self.tr("{when} ({age})").format(
                    when=format_instant(status.last_at, settings.zone),
                    age=format_age(now - status.last_at),
                )
            )
        if status.last_at is None:
            self._set_state(
                self.tr(
                    "Peringatan: data belum pernah dicadangkan. Buat cadangan sekarang agar "
                    "data tidak hilang bila komputer rusak."
                ),
                warning=True,
            )
        elif status.is_stale(now):
            self._set_state(
                self.tr(
                    "Peringatan: cadangan terakhir sudah lebih dari {days} hari yang lalu. Buat "
                    "cadangan sekarang."
                ).format(days=days),
                warning=True,
            )
        else:
            self._set_state(
                self.tr("Baik: cadangan terakhir kurang dari {days} hari yang lalu.").format(
                    days=days
                ),
                warning=False,
            )

    def _set_state(self, text: str, *, warning: bool) -> None:
        colour = WARNING_TEXT if warning else OK_TEXT
        self.age_state.setStyleSheet(f"color: {colour};" + (" font-weight: bold;" * warning))
        self.age_state.setText(text)

    # -- folder ------------------------------------------------------------------------------

    def choose_folder(self) -> None:
        start = _existing_folder(Path(self.folder.text()))
        chosen = self._context.prompter.choose_folder(self, self.tr("Pilih folder cadangan"), start)
        if chosen is not None:
            self._save_folder(str(chosen))

    def use_default_folder(self) -> None:
        self._save_folder("")

    def _save_folder(self, folder: str) -> None:
        service = self._context.settings
        try:
            service.save(replace(service.get(), backup_folder=folder))
        except KnownError as error:
            self._context.prompter.error(self, self.tr("Folder cadangan"), error.message)
            return
        self.refresh()

    # -- backup ------------------------------------------------------------------------------

    def backup_now(self) -> None:
        service = self._context.backups
        self._runner.run(
            self.tr("Membuat dan memeriksa cadangan…"),
            service.backup,
            self._backed_up,
            self._backup_failed,
        )

    def _backed_up(self, path: Path) -> None:
        self.refresh()
        text = self.tr("Cadangan sudah dibuat dan diperiksa. Berkasnya:\n{path}").format(path=path)
        prompter = self._context.prompter
        self._runner.later(lambda: prompter.info(self, self.tr("Cadangan dibuat"), text))

    def _backup_failed(self, error: KnownError) -> None:
        self.refresh()
        prompter = self._context.prompter
        self._runner.later(lambda: prompter.error(self, self.tr("Cadangan gagal"), error.message))

    # -- restore -----------------------------------------------------------------------------

    def choose_restore(self) -> None:
        prompter = self._context.prompter
        start = _existing_folder(Path(self.folder.text()))
        path = prompter.open_file(
            self,
            self.tr("Pilih berkas cadangan"),
            start,
            self.tr("Cadangan bk-desktop (*.bkbak)"),
        )
        if path is None:
            return
        try:
            contents = inspect_backup(path)
        except KnownError as error:
            prompter.error(self, self.tr("Pulihkan dari cadangan"), error.message)
            return
        zone = self._context.workspace.settings().zone
        dialog = RestoreDialog(
            path, contents.created_at, contents.slots.accounts(), zone, parent=self
        )
        created = backup_created_text(contents.created_at, zone)
        dialog.accepted.connect(lambda: self._confirm_restore(path, created, dialog.credentials()))
        dialog.finished.connect(self._forget_restore_dialog)
        self.restore_dialog = dialog
        dialog.open()

    def _forget_restore_dialog(self) -> None:
        dialog, self.restore_dialog = self.restore_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _confirm_restore(self, path: Path, created: str, credentials: RestoreCredentials) -> None:
        workspace = self._context.workspace
        if not self._context.prompter.confirm(
            self,
            self.tr("Pulihkan brankas"),
            self.tr(
                "Brankas sekarang akan diganti dengan isi cadangan {name} (dibuat {created}). "
                "Perubahan sesudah waktu itu tidak ada di cadangan. Sebelumnya, salinan brankas "
                "sekarang disimpan dulu sebagai cadangan '{prefix}' di folder {folder}. "
                "Lanjutkan?"
            ).format(
                name=path.name,
                created=created,
                prefix=BEFORE_RESTORE_PREFIX,
                folder=self.folder.text(),
            ),
        ):
            return
        self._runner.run(
            self.tr("Memulihkan brankas dari cadangan…"),
            lambda: restore(workspace, path, credentials),
            lambda restored: self._restored(restored, path),
            self._restore_failed,
        )

    def _restored(self, restored: Workspace, path: Path) -> None:
        self._context.workspace = restored
        self._context.replace_workspace(restored)
        self.session_replaced.emit()
        text = self.tr(
            "Brankas sudah dipulihkan dari {name}. Anda masuk sebagai {account}. Brankas "
            "sebelumnya tersimpan sebagai cadangan '{prefix}'."
        ).format(name=path.name, account=restored.account.name, prefix=BEFORE_RESTORE_PREFIX)
        note = restore_note(restored)
        if note:
            text += " " + note
        prompter = self._context.prompter
        self._runner.later(lambda: prompter.info(self, self.tr("Brankas dipulihkan"), text))

    def _restore_failed(self, error: KnownError) -> None:
        message = error.message
        if not self._context.workspace.is_open:
            message += " " + self.tr(
                "Brankas sudah dikunci selama pemulihan; tutup lalu buka lagi program ini."
            )
        if self._context.workspace.is_open:
            self.refresh()
        prompter = self._context.prompter
        self._runner.later(lambda: prompter.error(self, self.tr("Pulihkan dari cadangan"), message))
