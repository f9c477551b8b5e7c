"""The one form a tab has open over itself, opened window-modal without blocking.

A tab opens its dialogs with ``open`` (not ``exec``), so the event loop keeps running: the idle
lock, the change notices and the tests' qtbot all go on while the form is up. ``current`` is the
dialog showing, ``None`` once it is closed (a lock or a second start looks at it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QDialog


class DialogSlot(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.current: QDialog | None = None

    def open(self, dialog: QDialog, done: Callable[[], None]) -> None:
        """Show ``dialog``; ``done`` runs once it is accepted, and it is deleted when closed."""
        self.current = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(done)
        dialog.finished.connect(self._closed)
        dialog.open()

    @Slot()
    def _closed(self) -> None:
        self.current = None
