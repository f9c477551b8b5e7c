"""A second start on the same vault says so at once and brings the running window forward."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QWidget

from bk_desktop.services.access import VaultAccess
from bk_desktop.services.instance import (
    ask_running_program_to_show,
    held_by_another_program,
    request_file,
)
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.second_start import RaiseRequests

from support import PASSWORD


def test_the_probe_sees_a_running_program_and_leaves_a_free_vault_free(
    workspace: Workspace, access: VaultAccess
) -> None:
    assert held_by_another_program(access.paths)  # the fixture's workspace holds the vault
    workspace.lock()
    assert not held_by_another_program(access.paths)
    again = access.unlock(workspace.account.id, PASSWORD)  # the probe left it openable
    again.lock()


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
