"""One of the kop surat's two logos in Pengaturan: its picture, "Pilih gambar…" and "Hapus".

A logo is stored the moment it is chosen or removed (not with the page's "Simpan"): the picture
is checked and copied into the vault then, and a refusal is said under the picker at once, while
the person still knows which file they picked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.settings import LogoSlot
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import action_button, named
from bk_desktop.ui.kit.labels import (
    message_label,
    set_status,
    show_message,
    status_label,
    wrapping_label,
)
from bk_desktop.ui.style import set_role

THUMBNAIL = 88


class LogoPicker(QFrame):
    """The logo of one slot. ``changed`` is emitted after it was stored or removed."""

    changed = Signal()

    def __init__(
        self,
        context: UiContext,
        slot: LogoSlot,
        title: str,
        note: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self.slot = slot
        self._title = title
        prefix = f"{slot.value}Logo"
        self.setObjectName(f"{prefix}Picker")
        self.setFrameShape(QFrame.Shape.StyledPanel)

        heading = QLabel(title, self)
        heading.setObjectName(f"{prefix}Title")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        what = wrapping_label(self, note)
        what.setObjectName(f"{prefix}Note")
        set_role(what, "muted")

        self.thumbnail = named(QLabel(self), f"{prefix}Thumbnail", title)
        self.thumbnail.setFixedSize(THUMBNAIL, THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setWordWrap(True)
        self.thumbnail.setFrameShape(QFrame.Shape.Box)
        set_role(self.thumbnail, "muted")

        self.choose_button = action_button(
            self.tr("Pilih gambar…"),
            f"{prefix}ChooseButton",
            self.tr("Pilih gambar {logo}").format(logo=title.casefold()),
        )
        self.remove_button = action_button(
            self.tr("Hapus"),
            f"{prefix}RemoveButton",
            self.tr("Hapus {logo}").format(logo=title.casefold()),
        )
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove)
        self.error = message_label(f"{prefix}Error", self)
        self.status = status_label(f"{prefix}Status", self)

        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.thumbnail)
        row.addLayout(buttons)
        row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(what)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)

    def refresh(self) -> None:
        """Show the stored logo (or say there is none), forgetting earlier messages."""
        show_message(self.error, "")
        self.status.clear()
        self._show(self._context.settings.logo(self.slot))

    def _show(self, image: bytes | None) -> None:
        pixmap = QPixmap()
        if image is not None and pixmap.loadFromData(image):
            self.thumbnail.setPixmap(
                pixmap.scaled(
                    THUMBNAIL - 6,
                    THUMBNAIL - 6,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.thumbnail.setToolTip(self.tr("Logo tersimpan di brankas."))
        else:
            self.thumbnail.clear()
            self.thumbnail.setText(self.tr("Belum ada logo"))
            self.thumbnail.setToolTip("")
        self.remove_button.setEnabled(image is not None)

    def choose(self) -> None:
        """Ask for a picture and store it at once; a refusal is shown under the picker."""
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        source = self._context.prompter.open_file(
            self,
            self.tr("Pilih {logo}").format(logo=self._title.casefold()),
            Path(start) if start else Path.home(),
            self.tr("Gambar PNG atau JPEG (*.png *.jpg *.jpeg *.PNG *.JPG *.JPEG)"),
        )
        if source is None:
            return
        self.store(source)

    def store(self, source: Path) -> bool:
        """Keep the picture at ``source`` as this slot's logo; True when it was stored."""
        show_message(self.error, "")
        self.status.clear()
        try:
            self._context.settings.set_logo(self.slot, source)
        except KnownError as error:
            show_message(self.error, error.message)
            return False
        self._show(self._context.settings.logo(self.slot))
        set_status(self.status, self.tr("Logo tersimpan."))
        self.changed.emit()
        return True

    def remove(self) -> None:
        """Take the logo out after asking; the kop prints without it from now on."""
        if not self._context.prompter.confirm(
            self,
            self.tr("Hapus logo"),
            self.tr("Hapus {logo} dari kop surat? Surat berikutnya dicetak tanpa logo ini.").format(
                logo=self._title.casefold()
            ),
        ):
            return
        show_message(self.error, "")
        try:
            self._context.settings.remove_logo(self.slot)
        except KnownError as error:
            show_message(self.error, error.message)
            return
        self._show(None)
        set_status(self.status, self.tr("Logo dihapus."))
        self.changed.emit()
