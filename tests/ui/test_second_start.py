"""A second start on the same vault says so at once and brings the running window forward."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QWidget

from bk_desktop.services.access import VaultAccess
from bk_desktop.services.instance import (
    ask_running_program_to_show,
    claim,
    request_file,
)
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.errors import VaultInUse
from bk_desktop.ui.second_start import RaiseRequests

from support import PASSWORD


def test_the_start_claims_a_free_vault_and_the_unlock_uses_that_claim(
    workspace: Workspace, access: VaultAccess
) -> None:
    with pytest.raises(VaultInUse):  # the fixture's workspace holds the vault
        claim(access.paths)
    workspace.lock()
    held = claim(access.paths)
    assert held is not None and held.held
    access.hold(held)  # what the start hands to the unlock
    again = access.unlock(workspace.account.id, PASSWORD)
    assert again.is_open and again.vault.instance_lock is held
    again.lock()
    assert not held.held


# The offscreen test platform cannot raise a window; a real desktop does (or flashes it).
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_request_file_brings_the_running_window_forward(
    qtbot, workspace: Workspace, access: VaultAccess
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    RaiseRequests(request_file(access.paths), window)
    window.showMinimized()
    ask_running_program_to_show(access.paths)
    qtbot.waitUntil(lambda: not request_file(access.paths).exists(), timeout=5000)
    assert window.isVisible() and not window.isMinimized()
