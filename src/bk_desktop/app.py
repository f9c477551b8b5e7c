"""Composition root of the window: builds the application, signs in, shows the main window.

Everything the window needs is made here and handed down; nothing is kept at module level,
so a test or a benchmark can build exactly the same objects with its own clock and KDF.

The first thing a person sees is the unlock dialog, and it is painted before the vault stack
is imported: this module imports at its top only Qt, the style, the dialog and the JSON reader
of the key-slot file. ``DeferredAccess`` imports the rest (``VAULT_STACK``) while the person
types (docs/architecture.md, "The window").
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from bk_desktop.domain.clock import Clock, SystemClock
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.instance import (
    ALREADY_OPEN,
    ask_running_program_to_show,
    claim,
    request_file,
)
from bk_desktop.storage.errors import NoVault, VaultInUse
from bk_desktop.storage.instance_lock import InstanceLock
from bk_desktop.storage.keyslot_file import read_accounts
from bk_desktop.ui.i18n import install_translations
from bk_desktop.ui.kit.runner import bug_error, log_bug
from bk_desktop.ui.prompter import DialogPrompter, Prompter
from bk_desktop.ui.second_start import RaiseRequests
from bk_desktop.ui.style import apply_style
from bk_desktop.ui.unlock_dialog import UnlockDialog

if TYPE_CHECKING:
    from bk_desktop.services.access import VaultAccess
    from bk_desktop.services.kdf_choice import KdfChooser
    from bk_desktop.services.workspace import Workspace
    from bk_desktop.storage.paths import VaultPaths
    from bk_desktop.ui.main_window import MainWindow

APP_NAME = "bk-desktop"

SMOKE_TEST_ENV = "BK_DESKTOP_SMOKE_TEST"
"""Set to 1 by ``packaging/build.py`` to check a frozen build; see :func:`close_first_dialog`."""

# What signing in and the main window need beyond the unlock dialog, in the order it is
# imported while the person types: one module per turn of the event loop, so a key press
# waits for one import at most. Each name pulls in what it imports; the first ones are the
# heavy third-party modules, so the project's modules after them come in smaller steps.
VAULT_STACK = (
    "cryptography.hazmat.primitives.ciphers.aead",
    "argon2.low_level",
    "sqlcipher3",
    "bk_desktop.storage.vault",
    "bk_desktop.services.workspace",
    "bk_desktop.services.access",
    "bk_desktop.ui.lock",
    "bk_desktop.ui.main_window",
    "bk_desktop.ui.tabs.home_tab",
)
# Start loading after this long even if the dialog is never painted (shown minimised).
LOAD_ANYWAY_MS = 500


def indonesian_locale() -> QLocale:
    return QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication with our name, locale, look and Indonesian texts for Qt's buttons."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    # No display name: Qt would append it to every title ("bk-desktop — SMA … — bk-desktop").
    app.setOrganizationName(APP_NAME)
    QLocale.setDefault(indonesian_locale())
    apply_style(app)
    install_translations(app)
    return app


def build_main_window(
    access: VaultAccess, workspace: Workspace, *, kdf: KdfChooser, prompter: Prompter
) -> MainWindow:
    from bk_desktop.ui.main_window import MainWindow  # noqa: PLC0415 - see VAULT_STACK

    return MainWindow(access, workspace, kdf=kdf, prompter=prompter)


def keep_drafts_at_session_end(app: QApplication, window: MainWindow) -> None:
    """A Windows log-off (or a desktop session ending) asks the program to commit its data:
    the window locks, which writes the open forms' drafts into the vault, closes dialogs and
    drops the key. If the log-off is then cancelled, the guru finds the window locked and
    the forms reopen after unlocking. Quitting without the window closing first (the system
    ends the program) keeps the drafts too."""
    app.commitDataRequest.connect(lambda _manager: window.lock())
    app.aboutToQuit.connect(window.on_system_quit)


class _FirstPaint(QObject):
    """Calls ``then`` on the turn of the event loop after ``window``'s first paint."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


class DeferredAccess(QObject):
    """The ``VaultAccess`` of start-up, loaded while the unlock dialog is already on screen.

    ``accounts()`` reads the key-slot file as JSON, which is all the dialog needs to be
    painted. After that first paint the modules of ``VAULT_STACK`` are imported one per turn
    of the event loop, on the GUI thread (an import may define Qt classes, and no QObject may
    be made off it); then the ``VaultAccess`` is built and ``ready`` emitted. "Buka" pressed
    before that calls ``load()``, which imports the rest at once, so it is never slower than
    importing everything first. Implements ``ui.unlock_dialog.PendingAccess``.
    """

    ready = Signal()

    def __init__(
        self,
        paths: VaultPaths,
        *,
        clock: Clock,
        make_kdf: Callable[[], KdfChooser],
        modules: Sequence[str] = VAULT_STACK,
        held: InstanceLock | None = None,
    ) -> None:
        """``held`` is the instance lock the start took (``services.instance.claim``); the
        vault access gets it for the unlock."""
        super().__init__()
        self.paths = paths
        self._held = held
        self._clock = clock
        self._make_kdf = make_kdf
        self._todo = list(modules)
        self._access: VaultAccess | None = None
        self._started = False

    def exists(self) -> bool:
        return self.paths.exists()

    def accounts(self) -> list[tuple[str, str]]:
        if self._access is not None:
            return self._access.accounts()
        if not self.paths.exists():
            raise NoVault(str(self.paths.folder))
        return read_accounts(self.paths.keyslots)

    def loaded(self) -> VaultAccess | None:
        return self._access

    def load_after_first_paint(self, window: QWidget) -> None:
        """Start loading once ``window`` has been painted (or after ``LOAD_ANYWAY_MS``)."""
        _FirstPaint(window, self.start)
        QTimer.singleShot(LOAD_ANYWAY_MS, self.start)

    def start(self) -> None:
        """Import the stack in steps from the next turn of the event loop on."""
        if self._started or self._access is not None:
            return
        self._started = True
        QTimer.singleShot(0, self._step)

    def _step(self) -> None:
        if self._access is not None:
            return
        if self._todo:
            importlib.import_module(self._todo.pop(0))
        if self._todo:
            QTimer.singleShot(0, self._step)
        else:
            self.load()

    def load(self) -> VaultAccess:
        """The vault access, importing whatever is still missing now."""
        if self._access is None:
            while self._todo:
                importlib.import_module(self._todo.pop(0))
            from bk_desktop.services.access import VaultAccess  # noqa: PLC0415 - see class

            self._access = VaultAccess(self.paths, self._clock, self._make_kdf())
            self._access.hold(self._held)
            self._held = None
            self.ready.emit()
        return self._access

    def release(self) -> None:
        """Let the vault go when the start ends without a window (the dialog was closed)."""
        if self._access is not None:
            self._access.release_held()
        elif self._held is not None:
            self._held.release()
            self._held = None


def sign_in(
    access: DeferredAccess,
    *,
    prompter: Prompter,
    demo_hint: tuple[str, str] | None = None,
) -> Workspace | None:
    """The setup wizard when there is no vault yet, else the unlock dialog; None if abandoned."""
    if not access.exists():
        # Only the very first start needs the wizard; every other start skips its import.
        from bk_desktop.ui.setup_wizard import SetupWizard  # noqa: PLC0415

        wizard = SetupWizard(access.load(), prompter)
        wizard.exec()
        return wizard.workspace
    try:
        access.accounts()
    except KnownError as error:
        prompter.error(None, "bk-desktop", error.message)
        return None
    dialog = UnlockDialog(access, demo_hint=demo_hint)
    access.load_after_first_paint(dialog)
    dialog.exec()
    return dialog.workspace


def report_bugs_to(prompter: Prompter) -> Callable[[], None]:
    """Route exceptions that escape a slot to the log and a plain Indonesian message.

    PySide hands such exceptions to ``sys.excepthook``; the default prints a traceback to a
    console nobody sees, and leaves the person wondering why the button did nothing. Returns
    a function that puts the previous hook back.
    """
    previous = sys.excepthook
    showing = False

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        nonlocal showing
        if isinstance(error, KnownError):
            prompter.error(None, "bk-desktop", error.message)
            return
        log_bug(error.with_traceback(trace), "a slot")
        if showing:  # the message box itself failed; the log has it
            return
        showing = True
        try:
            prompter.error(None, "Kesalahan program", bug_error().message)
        finally:
            showing = False

    sys.excepthook = hook

    def restore() -> None:
        sys.excepthook = previous

    return restore


def close_first_dialog(app: QApplication) -> None:
    """Print which dialog opened first, whether the window icon draws, and close the dialog.

    The frozen program cannot be driven by a test from outside, yet its window is what most
    often breaks in a bundle (a missing Qt plugin, icon or translation). With
    ``BK_DESKTOP_SMOKE_TEST=1`` the program opens as usual and this runs once its event loop
    starts: the unlock dialog (or setup wizard) is named on standard output and then closed,
    which ends the program as if the person had pressed "Keluar".
    """
    dialog = app.activeModalWidget()
    icon = app.windowIcon().pixmap(32, 32)
    line = (
        f"smoke: dialog={dialog.objectName() if dialog is not None else '-'} "
        f"icon={'ok' if not icon.isNull() else 'missing'}"
    )
    if sys.stdout is not None:  # a windowed Windows executable has no standard output
        print(line, flush=True)
    if dialog is not None:
        dialog.close()


def run_gui(
    paths: VaultPaths,
    *,
    kdf: KdfChooser,
    demo_hint: tuple[str, str] | None = None,
    clock: Clock | None = None,
) -> int:
    """Open the window on the vault in ``paths``; returns the process exit code."""
    return open_window(paths, make_kdf=lambda: kdf, demo_hint=demo_hint, clock=clock)


def open_window(
    paths: VaultPaths,
    *,
    make_kdf: Callable[[], KdfChooser],
    demo_hint: tuple[str, str] | None = None,
    clock: Clock | None = None,
) -> int:
    """``run_gui`` for a caller that has not imported the vault stack: the KDF chooser is made
    only once it is loaded (``storage/kdf.py`` imports ``argon2``)."""
    app = create_application()
    if os.environ.get(SMOKE_TEST_ENV) == "1":
        QTimer.singleShot(0, lambda: close_first_dialog(app))
    prompter = DialogPrompter()
    restore_hook = report_bugs_to(prompter)
    try:
        held = claim(paths)
    except VaultInUse:
        # Said at once, not after a password; the running window is asked to come forward.
        ask_running_program_to_show(paths)
        prompter.info(None, "bk-desktop", ALREADY_OPEN)
        restore_hook()
        return 0
    pending = DeferredAccess(paths, clock=clock or SystemClock(), make_kdf=make_kdf, held=held)
    try:
        workspace = sign_in(pending, prompter=prompter, demo_hint=demo_hint)
        if workspace is None:
            pending.release()
            return 0
        access = pending.load()
        window = build_main_window(access, workspace, kdf=access.kdf, prompter=prompter)
        keep_drafts_at_session_end(app, window)
        RaiseRequests(request_file(paths), window)
        window.show()
        try:
            return app.exec()
        finally:
            window.drop_key()
    finally:
        restore_hook()
