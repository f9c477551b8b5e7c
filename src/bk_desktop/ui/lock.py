"""Locking: the idle timer, closing what shows records, and the panel that asks to unlock.

The shape follows KeePassXC's InactivityTimer: an event filter restarts a single-shot timer on
every key press, click, wheel turn or mouse move in any window of the program; when it runs out
the main window locks. Locking closes every other window (dialogs, menus, tool tips), swaps the
tabs for ``LockPanel`` and drops the vault's key. The main window does the swapping
(``MainWindow.lock``); this module holds the parts that do not know about tabs.

The filter sits on the program's windows (``QWindow``), not on the application object. Input
from the system reaches a window before any widget, so it sees the same activity; but a filter
on the application is handed every event of every object, including widgets still inside
their C++ constructor, and wrapping those for Python crashed shiboken (a segfault in
``findDerivedType`` while a ``QCalendarWidget`` was being built). A window is always whole.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QWidget,
)

from bk_desktop.services.access import VaultAccess
from bk_desktop.ui.kit.card import Card, centre
from bk_desktop.ui.unlock_dialog import UnlockForm, lock_heading

# What counts as the person being at the keyboard (not paint, timers or focus changes).
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
    }
)


class InactivityTimer(QObject):
    """Emits ``inactivity_detected`` after ``interval_ms`` without input in any window, and
    ``lock_requested`` when the lock keys are pressed in a window where the main window's
    own shortcut cannot fire: Qt blocks a window's shortcuts while a modal dialog is open,
    yet Ctrl+L must lock from inside a half-filled dialog too."""

    inactivity_detected = Signal()
    lock_requested = Signal()
    LOCK_KEYS = QKeySequence("Ctrl+L")

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Precise: a coarse timer may run out up to 5 % early, and says so in remainingTime().
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(max(1, interval_ms))
        self._timer.timeout.connect(self._on_timeout)
        self._active = False
        self._emitting = False

    @property
    def active(self) -> bool:
        return self._active

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def remaining_ms(self) -> int:
        """Milliseconds until the lock, or -1 while inactive."""
        return self._timer.remainingTime() if self._active else -1

    def set_interval(self, interval_ms: int) -> None:
        """A new interval, counted afresh from now when the timer is running."""
        self._timer.setInterval(max(1, interval_ms))
        if self._active:
            self._timer.start()

    def activate(self) -> None:
        if self._active:
            return
        self._active = True
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self.watch)
            for window in app.topLevelWindows():
                self.watch(window)
        self._timer.start()

    def deactivate(self) -> None:
        if not self._active:
            return
        self._active = False
        self._timer.stop()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.disconnect(self.watch)
            for window in app.allWindows():
                window.removeEventFilter(self)

    @Slot(QWindow)
    def watch(self, window: QWindow | None) -> None:
        """Count input in ``window`` too (windows get focus when they open: that adds them).

        Installing twice does nothing more: Qt keeps one entry per filter and object.
        """
        if window is not None and self._active:
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._active and event.type() in _ACTIVITY:
            self._timer.start()
            if (
                isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and QKeySequence(event.keyCombination()) == self.LOCK_KEYS
            ):
                self.lock_requested.emit()
                return True
        return False

    @Slot()
    def _on_timeout(self) -> None:
        # Locking closes dialogs, which may deliver events; never lock twice over.
        if not self._active or self._emitting:
            return
        self._emitting = True
        try:
            self.inactivity_detected.emit()
        finally:
            self._emitting = False


def close_other_windows(main: QWidget, keep: Iterable[QWidget] = ()) -> bool:
    """Close every visible top-level window except ``main`` and ``keep``.

    Dialogs are rejected, so a dialog's ``exec()`` returns "cancelled" to whoever opened it;
    anything that refuses is hidden anyway. Returns whether a dialog was closed (whoever
    opened it may still be on the call stack, so its widgets must not be deleted yet).
    """
    kept = {id(w) for w in keep}
    for _ in range(10):  # nested menus close one level at a time
        popup = QApplication.activePopupWidget()
        if popup is None:
            break
        popup.close()
    closed_dialog = False
    for widget in QApplication.topLevelWidgets():
        if widget is main or id(widget) in kept or not widget.isVisible():
            continue
        if isinstance(widget, QDialog):
            widget.reject()
            closed_dialog = True
        if widget.isVisible():
            widget.hide()
    return closed_dialog


class LockPanel(QWidget):
    """What the main window shows while locked: no records, just a way back in."""

    unlocked = Signal(object)

    def __init__(
        self,
        access: VaultAccess,
        *,
        account_id: str | None,
        tick_ms: int = 1000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lockPanel")
        card = Card("lockCard", self, margins=(24, 22, 24, 20), spacing=18)
        card.setMaximumWidth(560)
        card.setMinimumWidth(460)

        title_row = lock_heading(
            card,
            "lock",
            self.tr("bk-desktop terkunci"),
            self.tr(
                "Data disembunyikan dan kunci brankas sudah dilepas dari memori. Masukkan kata "
                "sandi untuk melanjutkan pekerjaan."
            ),
            icon_size=44,
            spacing=14,
        )

        self.form = UnlockForm(access, account_id=account_id, tick_ms=tick_ms, parent=card)
        self.form.unlocked.connect(self.unlocked)

        card.body.addLayout(title_row)
        card.body.addWidget(self.form)
        centre(self, card)
        self.setFocusProxy(self.form)
