"""Every modal question the window asks goes through a ``Prompter``.

Widgets never call ``QMessageBox``/``QFileDialog`` statics directly: they ask the prompter
they were given. The real one shows Indonesian dialogs; tests hand in a scripted one, so no
test ever blocks on a modal box (the injectable dialog service of MusicBrainz Picard).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Prompter(Protocol):
    def info(self, parent: QWidget | None, title: str, text: str) -> None: ...

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        """Something to read before going on that is not a failure (the darurat protocol
        after a save): a warning icon, not the information one."""
        ...

    def error(self, parent: QWidget | None, title: str, text: str) -> None: ...

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool: ...

    def choose(
        self, parent: QWidget | None, title: str, text: str, options: Sequence[str]
    ) -> int | None:
        """One of several answers (their button texts, the first is the default); ``None``
        when the question is closed without an answer (Escape: go back to the form)."""
        ...

    def save_file(
        self, parent: QWidget | None, title: str, suggested: Path, filter_text: str
    ) -> Path | None: ...

    def open_file(
        self, parent: QWidget | None, title: str, start: Path, filter_text: str
    ) -> Path | None: ...

    def choose_folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None: ...


def file_dialog_options() -> QFileDialog.Option:
    """The system's own file dialog on Windows, Qt's everywhere else.

    Windows' dialog speaks the system's language and knows its drives and libraries; on Linux
    the "native" dialog depends on the desktop and may be English, while Qt's own is
    translated by the program (``ui/qt_dialog_texts.py``), so it always reads Indonesian.
    """
    if sys.platform == "win32":
        return QFileDialog.Option(0)
    return QFileDialog.Option.DontUseNativeDialog


class DialogPrompter:
    """The real prompter: Qt dialogs with Indonesian button texts."""

    def _box(
        self, parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str
    ) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
        box.setObjectName("messageBox")
        return box

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        box = self._box(parent, QMessageBox.Icon.Information, title, text)
        box.addButton("Tutup", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        box = self._box(parent, QMessageBox.Icon.Warning, title, text)
        box.addButton("Tutup", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        box = self._box(parent, QMessageBox.Icon.Warning, title, text)
        box.addButton("Tutup", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        box = self._box(parent, QMessageBox.Icon.Question, title, text)
        yes = box.addButton("Ya", QMessageBox.ButtonRole.YesRole)
        no = box.addButton("Tidak", QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes

    def choose(
        self, parent: QWidget | None, title: str, text: str, options: Sequence[str]
    ) -> int | None:
        box = self._box(parent, QMessageBox.Icon.Question, title, text)
        buttons = [box.addButton(o, QMessageBox.ButtonRole.AcceptRole) for o in options]
        back = box.addButton("Kembali", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(buttons[0])
        box.setEscapeButton(back)
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else None

    def save_file(
        self, parent: QWidget | None, title: str, suggested: Path, filter_text: str
    ) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, title, str(suggested), filter_text, "", file_dialog_options()
        )
        return Path(name) if name else None

    def open_file(
        self, parent: QWidget | None, title: str, start: Path, filter_text: str
    ) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent, title, str(start), filter_text, "", file_dialog_options()
        )
        return Path(name) if name else None

    def choose_folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(
            parent,
            title,
            str(start),
            QFileDialog.Option.ShowDirsOnly | file_dialog_options(),
        )
        return Path(name) if name else None
