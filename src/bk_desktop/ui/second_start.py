"""The running program's side of a second start (``services/instance.py``): bring the window
forward when a second start leaves its request file in the data folder.

Where the system refuses to let a background program take the focus (Windows),
``QApplication.alert`` makes the taskbar entry flash. No network socket, no extra Qt module: the
two programs share only the folder they already share.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, Slot
from PySide6.QtWidgets import QApplication, QWidget


class RaiseRequests(QObject):
    """Watches ``request``'s folder; when the file appears, removes it and shows ``window``."""

    def __init__(self, request: Path, window: QWidget) -> None:
        super().__init__(window)
        self._request = request
        self._window = window
        self._watcher = QFileSystemWatcher(self)
        if request.parent.is_dir():
            self._watcher.addPath(str(request.parent))
        self._watcher.directoryChanged.connect(self._folder_changed)

    @Slot(str)
    def _folder_changed(self, _folder: str) -> None:
        if not self._request.exists():
            return
        with contextlib.suppress(OSError):
            self._request.unlink()
        self.bring_forward()

    def bring_forward(self) -> None:
        window = self._window
        if window.isMinimized():
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()
        QApplication.alert(window)


__all__ = ["RaiseRequests"]
