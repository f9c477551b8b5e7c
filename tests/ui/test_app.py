"""The composition root's sign-in: the wizard for a new folder, the unlock dialog otherwise."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from bk_desktop.app import DeferredAccess, report_bugs_to, sign_in
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.kit.runner import BUG_MESSAGE
from bk_desktop.ui.setup_wizard import SetupWizard
from bk_desktop.ui.unlock_dialog import UnlockDialog

from support import PASSWORD


@pytest.fixture
def pending(access: VaultAccess) -> DeferredAccess:
    """The start-up's access to the same vault, its stack loaded after the first paint."""
    return DeferredAccess(access.paths, clock=access.clock, make_kdf=lambda: access.kdf)


def when_shown(qtbot, act: Callable[[QWidget], None]) -> None:
    """Act on the modal dialog that ``exec`` is about to show, once it is there."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, attempt)
            return
        act(dialog)

    QTimer.singleShot(0, attempt)


def test_a_new_folder_gets_the_wizard_and_cancelling_it_signs_in_nobody(
    qtbot, access: VaultAccess, pending: DeferredAccess, prompter
) -> None:
    seen: list[QWidget] = []

    def cancel(dialog: QWidget) -> None:
        seen.append(dialog)
        dialog.reject()

    when_shown(qtbot, cancel)
    assert sign_in(pending, prompter=prompter) is None
    assert isinstance(seen[0], SetupWizard)
    assert not access.exists()


def test_an_existing_vault_gets_the_unlock_dialog(
    qtbot, pending: DeferredAccess, created: tuple[Workspace, str], prompter
) -> None:
    created[0].lock()
    seen: list[QWidget] = []

    def type_password(dialog: QWidget) -> None:
        seen.append(dialog)
        assert isinstance(dialog, UnlockDialog)
        field = dialog.findChild(QLineEdit, "unlockPassword")
        field.setText(PASSWORD)
        dialog.form.try_unlock()

    when_shown(qtbot, type_password)
    workspace = sign_in(pending, prompter=prompter, demo_hint=("Sari Wulandari", PASSWORD))
    assert workspace is not None and workspace.is_open
    assert not seen[0].findChild(QWidget, "unlockDemoHint").isHidden()  # the note was shown
    workspace.lock()


def test_damaged_key_slots_are_explained_before_any_dialog(
    pending: DeferredAccess, created: tuple[Workspace, str], prompter
) -> None:
    created[0].lock()
    pending.paths.keyslots.write_text("{ rusak")
    assert sign_in(pending, prompter=prompter) is None
    assert len(prompter.errors) == 1
    assert "rusak" in prompter.errors[0][2]


def test_an_exception_escaping_a_slot_is_logged_and_explained_plainly(
    prompter, caplog: pytest.LogCaptureFixture
) -> None:
    restore = report_bugs_to(prompter)
    try:
        try:
            raise ValueError("Catatan konseling Budi")
        except ValueError as error:
            with caplog.at_level(logging.ERROR):
                sys.excepthook(ValueError, error, error.__traceback__)
        sys.excepthook(KnownError, KnownError("Disk penuh."), None)
    finally:
        restore()
    assert [(title, text) for _, title, text in prompter.errors] == [
        ("Kesalahan program", BUG_MESSAGE),
        ("bk-desktop", "Disk penuh."),
    ]
    assert "ValueError" in caplog.text and "Budi" not in caplog.text
