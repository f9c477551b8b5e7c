"""Beranda's backup tile: the last backup, whether it is recent, where copies go, and
"Cadangkan sekarang".

The school and the signed-in counsellor are named by the window's title and status bar, so
Beranda does not repeat them (issue 10: the school three times, "Masuk sebagai" twice, a name
broken over three bold lines in a narrow tile); the vault's size meant nothing to a guru and
moved across a lock. On a wide window the tile stands beside the queue, on a narrow one under
it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.dates import format_age, format_instant
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.backup import STALE_AFTER
from bk_desktop.services.overview import VaultOverview, record_counts
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.palette import OK_BACKGROUND, OK_BORDER, WARNING_BACKGROUND, WARNING_BORDER
from bk_desktop.ui.kit.runner import Task, start_task
from bk_desktop.ui.kit.tiles import Tile
from bk_desktop.ui.style import icon, set_role


class VaultPanel(QWidget):
    """The backup tile; ``show_overview`` fills it."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._task: Task | None = None
        self.setObjectName("homeVaultTiles")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._backup_tile())
        layout.addStretch(1)

    def _backup_tile(self) -> Tile:
        backup = Tile("homeBackupTile", self.tr("Cadangan terakhir"), self)
        self.backup_date = backup.value_label("homeBackupDate")
        self.backup_age = backup.value_label("homeBackupAge", "muted")

        self.backup_state = QFrame(backup)
        self.backup_state.setObjectName("homeBackupState")
        self.backup_state_icon = QLabel(self.backup_state)
        self.backup_state_icon.setObjectName("homeBackupStateIcon")
        self.backup_state_icon.setFixedSize(22, 22)
        self.backup_warning = QLabel(self.backup_state)
        self.backup_warning.setObjectName("homeBackupWarning")
        self.backup_warning.setWordWrap(True)
        state_row = QHBoxLayout(self.backup_state)
        state_row.setContentsMargins(10, 8, 10, 8)
        state_row.setSpacing(10)
        state_row.addWidget(self.backup_state_icon, 0, Qt.AlignmentFlag.AlignTop)
        state_row.addWidget(self.backup_warning, 1)
        backup.body.addWidget(self.backup_state)

        self.backup_folder = backup.value_label("homeBackupFolder", "muted")

        self.backup_button = named(
            QPushButton(self.tr("Cadangkan sekarang"), backup),
            "homeBackupButton",
            self.tr("Cadangkan sekarang"),
        )
        set_role(self.backup_button, "primary")
        self.backup_button.clicked.connect(self.back_up_now)
        self.backup_busy = QProgressBar(backup)
        self.backup_busy.setObjectName("homeBackupBusy")
        self.backup_busy.setRange(0, 0)
        self.backup_busy.setTextVisible(False)
        self.backup_busy.setMaximumHeight(10)
        self.backup_busy.hide()
        self.backup_message = QLabel(backup)
        self.backup_message.setObjectName("homeBackupMessage")
        self.backup_message.setWordWrap(True)
        self.backup_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.backup_message, "ok")
        self.backup_message.hide()
        button_row = QHBoxLayout()
        button_row.setSpacing(12)
        button_row.addWidget(self.backup_button)
        button_row.addWidget(self.backup_busy, 1)
        button_row.addStretch(1)
        backup.body.addSpacing(4)
        backup.body.addLayout(button_row)
        backup.body.addWidget(self.backup_message)
        backup.body.addStretch(1)
        return backup

    def show_overview(self, info: VaultOverview) -> None:
        self._show_backup(info)

    def _show_backup(self, info: VaultOverview) -> None:
        last = info.backup.last_at
        days = STALE_AFTER.days
        stale = info.backup_is_stale
        if last is None:
            self.backup_date.setText(self.tr("Belum pernah"))
            self.backup_age.hide()
            # Right after setup there is nothing to lose yet: a warning then is noise.
            stale = stale and self._holds_records()
            fresh = self.tr(
                "Belum ada catatan siswa atau pengajuan untuk dicadangkan. Cadangan otomatis "
                "dibuat setiap kali bk-desktop ditutup."
            )
            warning = self.tr(
                "Peringatan: data belum pernah dicadangkan. Buat cadangan sekarang, lalu simpan "
                "salinannya di flashdisk."
            )
        else:
            self.backup_date.setText(format_instant(last, info.settings.zone))
            self.backup_age.setText(format_age(info.now - last))
            self.backup_age.show()
            warning = self.tr(
                "Peringatan: cadangan terakhir sudah lebih dari {days} hari. Buat cadangan "
                "sekarang."
            ).format(days=days)
            fresh = self.tr("Cadangan masih baru (kurang dari {days} hari).").format(days=days)
        if info.backup.missing is not None:
            stale = True
            warning = self.tr(
                "Peringatan: berkas cadangan terakhir ({name}) tidak ada lagi di {folder}; "
                "mungkin terhapus atau flashdisk-nya tidak terpasang. Buat cadangan sekarang."
            ).format(name=info.backup.missing.name, folder=info.backup.missing.parent)
        if stale:
            self.backup_warning.setText(warning)
            self.backup_state.setStyleSheet(
                f"QFrame#homeBackupState {{ background: {WARNING_BACKGROUND};"
                f" border: 1px solid {WARNING_BORDER};"
                " border-radius: 6px; }"
            )
            set_role(self.backup_warning, "warning")
        else:
            self.backup_warning.setText(fresh)
            self.backup_state.setStyleSheet(
                f"QFrame#homeBackupState {{ background: {OK_BACKGROUND};"
                f" border: 1px solid {OK_BORDER};"
                " border-radius: 6px; }"
            )
            set_role(self.backup_warning, "ok")
        self.backup_state.setProperty("stale", stale)
        self.backup_state.setAccessibleName(self.backup_warning.text())
        self.backup_state_icon.setPixmap(icon("warning" if stale else "ok").pixmap(22, 22))
        if info.settings.backup_folder.strip():
            self.backup_folder.setText(
                self.tr("Folder cadangan: {folder}").format(folder=info.backup.folder)
            )
            set_role(self.backup_folder, "muted")
        else:
            # Chosen at setup or in Pengaturan; until then the copies sit on the same disk as
            # the vault and are lost with it, so Beranda keeps saying so.
            self.backup_folder.setText(
                self.tr(
                    "Folder cadangan: {folder} (bawaan, di komputer ini; ikut hilang bila "
                    "komputer rusak). Pilih flashdisk di Pengaturan → Cadangan."
                ).format(folder=info.backup.folder)
            )
            set_role(self.backup_folder, "warning")

    def _holds_records(self) -> bool:
        counts = record_counts(self.context.workspace.db)
        return any(counts.get(kind, 0) for kind in ("students", "requests"))

    # -- backing up ------------------------------------------------------------------------

    @property
    def busy_now(self) -> bool:
        return self._task is not None

    @Slot()
    def back_up_now(self) -> None:
        if self.busy_now:
            return
        backups = self.context.backups
        self.backup_message.hide()
        self.backup_button.setEnabled(False)
        self.backup_busy.show()
        self._task = start_task(backups.backup, self, self._on_backed_up, self._on_failed)

    def _on_backed_up(self, path: Path) -> None:
        self._task = None
        self.backup_button.setEnabled(True)
        self.backup_busy.hide()
        self.backup_message.setText(self.tr("Cadangan tersimpan: {path}").format(path=path))
        self.backup_message.show()
        # The backup's notice (``Change.VAULT``) came before this and read the tiles again.

    def _on_failed(self, error: KnownError) -> None:
        self._task = None
        self.backup_button.setEnabled(True)
        self.backup_busy.hide()
        self.context.prompter.error(self, self.tr("Cadangan gagal"), error.message)


__all__ = ["VaultPanel"]
