"""Change notices on the GUI thread: the workspace's notices as one Qt signal.

A write that commits in a worker thread (an import, a restore) notifies from that thread; the
signal crosses to the GUI thread by Qt's queued connection, so widgets are only ever touched
there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from bk_desktop.domain.changes import Changes
from bk_desktop.services.workspace import Workspace


class ChangeHub(QObject):
    """Listens to one workspace at a time; ``changed(Changes)`` after every committed write."""

    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe: Callable[[], None] | None = None

    def attach(self, workspace: Workspace) -> None:
        """Listen to ``workspace`` from now on (after unlocking or a restore), and no other."""
        self.detach()
        self._unsubscribe = workspace.subscribe(self._notice)

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _notice(self, changes: Changes) -> None:
        self.changed.emit(changes)
