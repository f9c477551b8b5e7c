"""Composition root of the window: builds the application, signs in, shows the main window.

Everything the window needs is made here and handed down; nothing is kept at module level,
so a test or a benchmark can build exactly the same objects with its own clock and KDF.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication

from bk_desktop.domain.clock import Clock, SystemClock
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.vault import VaultPaths
from bk_desktop.ui.i18n import install_translations
from bk_desktop.ui.main_window import MainWindow
from bk_desktop.ui.prompter import DialogPrompter, Prompter
from bk_desktop.ui.style import apply_style
from bk_desktop.ui.unlock_dialog import UnlockDialog
from bk_desktop.ui.worker import bug_error, log_bug

APP_NAME = "bk-desktop"
SMOKE_TEST_ENV = "BK_DESKTOP_SMOKE_TEST"
"""Set to 1 by ``packaging/build.py`` to check a frozen build; see :func:`close_first_dialog`."""


def write_recovery_card(path: Path, **details: Any) -> None:
    """``reports.recovery_card.write_recovery_card``, imported only when a card is saved
    (its signature is the ``CardWriter`` protocol of ``ui/card_writer.py``)."""
    # reportlab costs about a tenth of a second to import, a sixth of the whole start-up.
    from bk_desktop.reports.recovery_card import write_recovery_card as write  # noqa: PLC0415

    write(path, **details)


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
    return MainWindow(
        access, workspace, kdf=kdf, prompter=prompter, card_writer=write_recovery_card
    )


def sign_in(
    access: VaultAccess,
    *,
    kdf: KdfChooser,
    prompter: Prompter,
    demo_hint: tuple[str, str] | None = None,
) -> Workspace | None:
    """The setup wizard when there is no vault yet, else the unlock dialog; None if abandoned."""
    if not access.exists():
        # Only the very first start needs the wizard; every other start skips its import.
        from bk_desktop.ui.setup_wizard import SetupWizard  # noqa: PLC0415

        wizard = SetupWizard(access, prompter, write_recovery_card)
        wizard.exec()
        return wizard.workspace
    try:
        access.accounts()
    except KnownError as error:
        prompter.error(None, "bk-desktop", error.message)
        return None
    dialog = UnlockDialog(access, demo_hint=demo_hint)
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
    app = create_application()
    if os.environ.get(SMOKE_TEST_ENV) == "1":
        QTimer.singleShot(0, lambda: close_first_dialog(app))
    prompter = DialogPrompter()
    restore_hook = report_bugs_to(prompter)
    access = VaultAccess(paths, clock or SystemClock(), kdf)
    try:
        workspace = sign_in(access, kdf=kdf, prompter=prompter, demo_hint=demo_hint)
        if workspace is None:
            return 0
        window = build_main_window(access, workspace, kdf=kdf, prompter=prompter)
        window.show()
        try:
            return app.exec()
        finally:
            window.drop_key()
    finally:
        restore_hook()
