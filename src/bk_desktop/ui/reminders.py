"""Tray reminders while the window is open and unlocked (issue 13).

Every 30 seconds ``Reminders`` asks ``ReminderService`` what is due (the rule is pure, in
``domain/reminders.py``) and hands it to a ``Notifier``: the system tray's balloon, or in tests
a fake that records what it was told. The main window starts it when it opens or is unlocked
and stops it before the key is dropped, so nothing is read or said while locked. What was said
is kept here in memory (ids and times only, never content) for as long as the program runs, so
a lock and unlock does not say it again.

The interval does not depend on how much is due: one check reads the few sessions of the next
minutes and the permohonan still waiting, and one notification carries all that is new.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.reminders import ReminderKey, combined, still_to_remember
from bk_desktop.services.reminders import ReminderService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.kit.runner import log_bug
from bk_desktop.ui.style import icon

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 30_000
SHOWN_MS = 15_000
"""How long the balloon stays where the system lets a program choose."""


class Notifier(Protocol):
    def notify(self, title: str, text: str) -> None: ...


class TrayNotifier:
    """The program's icon in the system tray, used only to show reminders; clicking a reminder
    brings the window forward."""

    def __init__(self, window: QWidget) -> None:
        self._window = window
        self.tray = QSystemTrayIcon(icon("bk-desktop"), window)
        self.tray.setObjectName("reminderTray")
        self.tray.setToolTip("bk-desktop")
        self.tray.messageClicked.connect(self._bring_forward)
        self.tray.show()

    def notify(self, title: str, text: str) -> None:
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, SHOWN_MS)

    def _bring_forward(self) -> None:
        if self._window.isMinimized():
            self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()


def tray_notifier(window: QWidget) -> TrayNotifier | None:
    """A tray notifier when the desktop has a system tray, else None (no reminders)."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    return TrayNotifier(window)


class Reminders(QObject):
    """Checks every ``interval_ms`` while started; ``can_read`` says whether the vault is free
    now (background work such as a backup holds it, and the check waits for the next turn)."""

    def __init__(
        self,
        notifier: Notifier | None,
        can_read: Callable[[], bool],
        parent: QObject | None = None,
        *,
        interval_ms: int = CHECK_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self._can_read = can_read
        self._workspace: Workspace | None = None
        self._said: set[ReminderKey] = set()
        self.timer = QTimer(self)
        self.timer.setObjectName("reminderTimer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    @property
    def active(self) -> bool:
        return self.timer.isActive()

    def start(self, workspace: Workspace) -> None:
        """Remind from the vault of ``workspace`` (after opening or unlocking); the first check
        comes on the next turn of the event loop, so a reminder due now is not held back."""
        if self.notifier is None:
            return
        self._workspace = workspace
        self.timer.start()
        QTimer.singleShot(0, self, self.check)

    def stop(self) -> None:
        """Before the key is dropped: no more reads, nothing said until started again."""
        self.timer.stop()
        self._workspace = None

    @Slot()
    def check(self) -> None:
        workspace = self._workspace
        if self.notifier is None or workspace is None or not workspace.is_open:
            return
        if not self._can_read():
            return
        try:
            due = ReminderService(workspace).due(self._said)
        except KnownError as error:
            # A read the disk refused now may work at the next check; nobody is interrupted.
            log.warning("Reminder check skipped: %s", type(error).__name__)
            return
        except Exception as error:
            log_bug(error, "Reminders.check")
            self.stop()  # a bug would repeat every half minute
            return
        self._said = still_to_remember(self._said, workspace.now())
        if not due:
            return
        self._said.update(reminder.key for reminder in due)
        title, text = combined(due)
        self.notifier.notify(title, text)


__all__ = ["CHECK_INTERVAL_MS", "Notifier", "Reminders", "TrayNotifier", "tray_notifier"]
