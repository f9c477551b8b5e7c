"""Typed input is never thrown away without asking: "Buang isian?".

Escape, "Batal" and the window's close box ask first while a dialog holds input that differs
from its clean point (``kit/drafts.py``), and do nothing when the answer is no. ``reject()``
itself stays plain: the lock closes every dialog (after writing its input into the vault as a
draft) and must ask nothing; so does a dialog that closes itself after saving.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog

from bk_desktop.ui.kit.drafts import FormState
from bk_desktop.ui.prompter import Prompter


def _tr(text: str) -> str:
    return QCoreApplication.translate("DiscardGuard", text)


class DiscardGuard(QObject):
    """Watches ``dialog``: Escape and its close box go through ``ask_to_close``. "Batal" of
    ``save_cancel_buttons`` finds the guard by itself (``close_by_user``)."""

    def __init__(
        self, dialog: QDialog, state: Callable[[], FormState], prompter: Callable[[], Prompter]
    ) -> None:
        super().__init__(dialog)
        self.setObjectName("discardGuard")
        self._dialog = dialog
        self._state = state
        self._prompter = prompter
        dialog.installEventFilter(self)

    def may_discard(self) -> bool:
        """True when there is nothing typed to lose, or the user agrees to lose it."""
        return not self._state().is_dirty() or self._prompter().confirm(
            self._dialog,
            _tr("Buang isian?"),
            _tr("Isian yang sudah diketik belum disimpan. Tutup dan buang isian ini?"),
        )

    @Slot()
    def ask_to_close(self) -> None:
        if self.may_discard():
            self._dialog.reject()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._dialog:
            return False
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.ask_to_close()
            return True
        if event.type() == QEvent.Type.Close and event.spontaneous() and self._dialog.isVisible():
            event.ignore()
            self.ask_to_close()
            return True
        return False


def close_by_user(dialog: QDialog) -> None:
    """What "Batal" does: ask through the dialog's guard if it has one, else just close."""
    guard = dialog.findChild(DiscardGuard, "discardGuard")
    if guard is not None:
        guard.ask_to_close()
    else:
        dialog.reject()
