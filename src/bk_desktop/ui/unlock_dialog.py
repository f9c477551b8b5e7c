"""Signing in: pick the account, type the password, "Buka".

``UnlockForm`` is the part shared by the start-up dialog and the lock panel of the main
window. The key derivation runs off the GUI thread; after a few wrong passwords the button
counts down the wait that ``VaultAccess`` imposes, which survives a restart of the program.

At start-up this dialog is the first thing painted, before the vault stack (SQLCipher,
``cryptography``, ``argon2``, the main window) is imported: it is handed a ``PendingAccess``
that lists the accounts from the key-slot file's JSON at once and becomes the real
``VaultAccess`` while the person types. So this module imports the services for types only,
and the recovery dialog when it is opened.
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.errors import KnownError
from bk_desktop.ui.kit.labels import message_label, show_message, wrapping_label
from bk_desktop.ui.kit.runner import BusyLine, Task, start_task
from bk_desktop.ui.password_widgets import PasswordField
from bk_desktop.ui.style import fit_height, icon_label, set_role

if TYPE_CHECKING:
    from bk_desktop.services.access import VaultAccess
    from bk_desktop.services.workspace import Workspace
    from bk_desktop.ui.recovery_dialog import RecoveryDialog


@runtime_checkable
class PendingAccess(Protocol):
    """``VaultAccess`` on its way: the accounts at once, the rest once its modules are loaded.

    ``ready`` is emitted once, when ``loaded()`` stops being None; ``load()`` finishes loading
    at once (on the GUI thread) when "Buka" is pressed before that.
    """

    @property
    def ready(self) -> SignalInstance: ...

    def accounts(self) -> list[tuple[str, str]]: ...

    def loaded(self) -> VaultAccess | None: ...

    def load(self) -> VaultAccess: ...


def _unbroken(text: str) -> str:
    return f"<b><nobr>{html.escape(text)}</nobr></b>"


def lock_heading(
    parent: QWidget, name: str, title: str, text: str, *, icon_size: int, spacing: int
) -> QHBoxLayout:
    """The lock beside a heading and a quieter sentence under it ("<name>Heading",
    "<name>Text"): the top of the start-up dialog and of the locked window."""
    heading = QLabel(title, parent)
    heading.setObjectName(f"{name}Heading")
    set_role(heading, "heading")
    below = wrapping_label(parent, text)
    below.setObjectName(f"{name}Text")
    set_role(below, "muted")
    row = QHBoxLayout()
    row.setSpacing(spacing)
    row.addWidget(icon_label("lock", icon_size, parent), 0, Qt.AlignmentFlag.AlignTop)
    titles = QVBoxLayout()
    titles.setSpacing(4)
    titles.addWidget(heading)
    titles.addWidget(below)
    row.addLayout(titles, 1)
    return row


class UnlockForm(QWidget):
    """Account, password, "Buka" and "Lupa kata sandi?"; emits ``unlocked(Workspace)``."""

    unlocked = Signal(object)
    busy_changed = Signal(bool)

    def __init__(
        self,
        access: VaultAccess | PendingAccess,
        *,
        account_id: str | None = None,
        demo_hint: tuple[str, str] | None = None,
        tick_ms: int = 1000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = access
        self.recovery_dialog: RecoveryDialog | None = None
        self._task: Task | None = None
        self.setObjectName("unlockForm")

        self.demo_note = wrapping_label(self)
        self.demo_note.setObjectName("unlockDemoHint")
        self.demo_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.demo_note, "note")
        if demo_hint is not None:
            name, password = demo_hint
            # Rich text only so that a value never breaks across lines at its hyphens.
            self.demo_note.setTextFormat(Qt.TextFormat.RichText)
            self.demo_note.setText(
                self.tr("Brankas contoh — akun: {name},<br>kata sandi: {password}").format(
                    name=_unbroken(name), password=_unbroken(password)
                )
            )
        else:
            self.demo_note.hide()

        self.account = QComboBox(self)
        self.account.setObjectName("unlockAccount")
        self.account.setAccessibleName(self.tr("Akun"))
        self.account.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.password = PasswordField("unlockPassword", self.tr("Kata sandi"), self)
        self.password.return_pressed.connect(self.try_unlock)
        self.message = message_label("unlockMessage", self)

        self.busy = BusyLine(self, "unlockBusy", self.tr("Membuka brankas…"))

        self.forgot_button = QPushButton(self.tr("Lupa kata sandi?"), self)
        self.forgot_button.setObjectName("unlockForgotButton")
        self.forgot_button.setAccessibleName(self.tr("Lupa kata sandi"))
        self.forgot_button.setCursor(Qt.CursorShape.PointingHandCursor)
        set_role(self.forgot_button, "link")
        self.forgot_button.clicked.connect(self.open_recovery)

        self.unlock_button = QPushButton(self.tr("Buka"), self)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setAccessibleName(self.tr("Buka brankas"))
        self.unlock_button.setDefault(True)
        self.unlock_button.setAutoDefault(True)
        self.unlock_button.setMinimumWidth(150)
        set_role(self.unlock_button, "primary")
        self.unlock_button.clicked.connect(self.try_unlock)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Akun"), self.account)
        form.addRow(self.tr("Kata sandi"), self.password)
        form.addRow("", self.message)

        self.button_row = QHBoxLayout()
        self.button_row.setContentsMargins(0, 0, 0, 0)
        self.button_row.addWidget(self.forgot_button)
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.unlock_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.demo_note)
        layout.addLayout(form)
        layout.addLayout(self.busy)
        layout.addLayout(self.button_row)

        self._tick = QTimer(self)
        self._tick.setInterval(tick_ms)
        self._tick.timeout.connect(self.update_wait)

        self.reload_accounts(account_id)
        self.account.currentIndexChanged.connect(self._on_account_changed)
        self.setFocusProxy(self.password)
        if isinstance(access, PendingAccess) and access.loaded() is None:
            access.ready.connect(self.update_wait)
        self.update_wait()

    # -- state -----------------------------------------------------------------------------

    @property
    def busy_now(self) -> bool:
        return self._task is not None

    def loaded_access(self) -> VaultAccess | None:
        """The vault access if its modules are loaded, else None (start-up, still typing)."""
        if isinstance(self._source, PendingAccess):
            return self._source.loaded()
        return self._source

    def access(self) -> VaultAccess:
        """The vault access, loading what is still missing now if it must."""
        if isinstance(self._source, PendingAccess):
            return self._source.load()
        return self._source

    def selected_account_id(self) -> str | None:
        data = self.account.currentData()
        return str(data) if data else None

    def reload_accounts(self, preselect: str | None = None) -> None:
        self.account.clear()
        try:
            accounts = self._source.accounts()
        except KnownError as error:
            self._say(error.message)
            self.unlock_button.setEnabled(False)
            return
        for ident, label in accounts:
            self.account.addItem(label, ident)
        if preselect is not None:
            index = self.account.findData(preselect)
            if index >= 0:
                self.account.setCurrentIndex(index)

    @Slot()
    def update_wait(self) -> None:
        """Disable "Buka" while the delay after repeated wrong passwords lasts.

        Until the vault stack is loaded the delay is not known yet; "Buka" stays usable, and
        ``VaultAccess.unlock`` still refuses an attempt that comes too soon."""
        if self.busy_now:
            return
        account_id = self.selected_account_id()
        access = self.loaded_access()
        remaining = access.wait_needed(account_id) if account_id and access else None
        seconds = math.ceil(remaining.total_seconds()) if remaining is not None else 0
        if seconds > 0:
            self.unlock_button.setEnabled(False)
            self.unlock_button.setText(self.tr("Tunggu {seconds} detik…").format(seconds=seconds))
            if not self._tick.isActive():
                self._tick.start()
        else:
            self._tick.stop()
            self.unlock_button.setText(self.tr("Buka"))
            self.unlock_button.setEnabled(account_id is not None)

    def _say(self, text: str) -> None:
        """Show (or clear) the message under the password; a dialog grows to fit it."""
        show_message(self.message, text)
        window = self.window()
        if isinstance(window, QDialog):
            fit_height(window)

    def _set_busy(self, busy: bool) -> None:
        self.account.setEnabled(not busy)
        self.password.setEnabled(not busy)
        self.forgot_button.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.busy.show_busy(busy)
        self.busy_changed.emit(busy)

    # -- actions ---------------------------------------------------------------------------

    @Slot()
    def try_unlock(self) -> None:
        if self.busy_now or not self.unlock_button.isEnabled():
            return
        account_id = self.selected_account_id()
        if account_id is None:
            return
        password = self.password.text()
        if not password:
            self._say(self.tr("Ketik kata sandi akun ini dulu."))
            self.password.setFocus()
            return
        self._say("")
        access = self.access()

        def work() -> Workspace:
            return access.unlock(account_id, password)

        self._set_busy(True)
        self._task = start_task(work, self, self._on_unlocked, self._on_failed)

    def _on_unlocked(self, workspace: Workspace) -> None:
        self._task = None
        self._set_busy(False)
        self.password.clear()
        self.unlocked.emit(workspace)

    def _on_failed(self, error: KnownError) -> None:
        self._task = None
        self._set_busy(False)
        self.password.clear()
        self._say(error.message)
        self.update_wait()
        self.password.setFocus()

    @Slot()
    def _on_account_changed(self) -> None:
        self._say("")
        self.update_wait()

    @Slot()
    def open_recovery(self) -> None:
        if self.busy_now:
            return
        from bk_desktop.ui.recovery_dialog import RecoveryDialog  # noqa: PLC0415 - see top

        dialog = RecoveryDialog(self.access(), self.selected_account_id(), self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.unlocked.connect(self.unlocked)
        dialog.finished.connect(self._on_recovery_closed)
        self.recovery_dialog = dialog
        dialog.open()

    @Slot()
    def _on_recovery_closed(self) -> None:
        self.recovery_dialog = None


class UnlockDialog(QDialog):
    """The start-up sign-in; ``workspace`` is set when it is accepted."""

    def __init__(
        self,
        access: VaultAccess | PendingAccess,
        *,
        demo_hint: tuple[str, str] | None = None,
        tick_ms: int = 1000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.setObjectName("unlockDialog")
        self.setWindowTitle(self.tr("Buka bk-desktop"))

        title_row = lock_heading(
            self,
            "unlock",
            self.tr("Buka data BK"),
            self.tr("Data konseling tersimpan terenkripsi. Masuk dengan akun Anda."),
            icon_size=40,
            spacing=12,
        )

        self.form = UnlockForm(access, demo_hint=demo_hint, tick_ms=tick_ms, parent=self)
        self.form.unlocked.connect(self._on_unlocked)
        self.quit_button = QPushButton(self.tr("Keluar"), self)
        self.quit_button.setObjectName("unlockQuitButton")
        self.quit_button.setAccessibleName(self.tr("Keluar dari bk-desktop"))
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        self.form.button_row.insertWidget(2, self.quit_button)
        self.form.busy_changed.connect(self._on_busy_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(16)
        layout.addLayout(title_row)
        layout.addWidget(self.form)
        self.setMinimumWidth(520)
        self.adjustSize()
        self.form.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    def reject(self) -> None:
        if self.form.busy_now:  # a key derivation is running; let it finish first
            return
        super().reject()

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        self.quit_button.setEnabled(not busy)

    def _on_unlocked(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.accept()
