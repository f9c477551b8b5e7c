"""A second start on the same vault: say so at once and bring the running window forward.

Without this, a second start showed a second unlock dialog and said "sedang dibuka oleh program
lain" only after the password was typed. Now the start probes the instance lock first. When
another program holds it, the new one leaves a small request file in the data folder and says,
before anything else, that bk-desktop is already open. The running program watches its data
folder (``RaiseRequests``) and, on that request, shows and raises its window; where the system
refuses to let a background program take the focus (Windows), ``QApplication.alert`` makes its
taskbar entry flash. No network socket, no extra Qt module: the two programs share only the
folder they already share.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, Slot
from PySide6.QtWidgets import QApplication, QWidget

from bk_desktop.storage.errors import VaultInUse
from bk_desktop.storage.instance_lock import InstanceLock
from bk_desktop.storage.paths import VaultPaths

RAISE_REQUEST = "bk-desktop.raise"


def request_file(paths: VaultPaths) -> Path:
    return paths.folder / RAISE_REQUEST


def held_by_another_program(paths: VaultPaths) -> bool:
    """Whether another program holds this vault now (its window open or locked).

    A probe of the instance lock, released at once. Any other problem with the folder is left
    for the unlock to report in its own words."""
    if not paths.exists():
        return False
    probe = InstanceLock(paths.lock, paths.database)
    try:
        probe.acquire()
    except VaultInUse:
        return True
    except Exception:
        return False
    probe.release()
    return False


def ask_running_program_to_show(paths: VaultPaths) -> None:
    """Leave the request file the running program is watching for; a failure is harmless."""
    with contextlib.suppress(OSError):
        request_file(paths).write_text("tampilkan\n", encoding="utf-8")


class RaiseRequests(QObject):
    """Watches the data folder for a second start's request and brings ``window`` forward."""

    def __init__(self, paths: VaultPaths, window: QWidget) -> None:
        super().__init__(window)
        self._paths = paths
        self._window = window
        self._watcher = QFileSystemWatcher(self)
        if paths.folder.is_dir():
            self._watcher.addPath(str(paths.folder))
        self._watcher.directoryChanged.connect(self._folder_changed)

    @Slot(str)
    def _folder_changed(self, _folder: str) -> None:
        request = request_file(self._paths)
        if not request.exists():
            return
        with contextlib.suppress(OSError):
            request.unlink()
        self.bring_forward()

    def bring_forward(self) -> None:
        window = self._window
        if window.isMinimized():
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()
        QApplication.alert(window)


__all__ = [
    "RAISE_REQUEST",
    "RaiseRequests",
    "ask_running_program_to_show",
    "held_by_another_program",
    "request_file",
]
