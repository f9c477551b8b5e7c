"""Whoever finds an incident reports it at once, from Berkas → "Laporkan insiden data…", in
any role; a half-typed report and a half-typed data request survive the lock."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bk_desktop.domain.accounts import Role
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.main_window import MainWindow
from bk_desktop.ui.tab_table import TabKey, index_of, tabs_for
from bk_desktop.ui.tabs.admin.admin_tab import AdminTab
from bk_desktop.ui.tabs.admin.incidents_page import IncidentDialog, IncidentsPage

from conftest import Gui
from support import PASSWORD, signed_in_as

WHAT = "Flashdisk cadangan tertinggal di angkot"


def unlock(qtbot, gui: Gui, window: MainWindow) -> None:
    panel = window.lock_panel
    assert panel is not None
    gui.type_into(panel, "unlockPassword", PASSWORD)
    gui.click(panel, "unlockButton")
    qtbot.waitUntil(lambda: not window.is_locked)


def incident_dialog(window: MainWindow) -> IncidentDialog:
    tab = window.tab_of(AdminTab)
    assert tab is not None
    page = tab.pages.currentWidget()
    assert isinstance(page, IncidentsPage)
    dialog = page.dialogs.current
    assert isinstance(dialog, IncidentDialog)
    return dialog


@pytest.fixture
def workspace(created: tuple[Workspace, str]) -> Workspace:
    """The window is built on this: a guru BK, who has no Privasi group."""
    return signed_in_as(created[0], "Rina Handayani", Role.GURU_BK)


def test_a_guru_bk_reports_an_incident_from_the_menu_and_a_lock_keeps_the_typing(
    qtbot, gui: Gui, window: MainWindow
) -> None:
    assert index_of(TabKey.SETTINGS) in range(len(tabs_for(Role.GURU_BK)))
    window.incident_action.trigger()
    dialog = incident_dialog(window)
    qtbot.waitUntil(dialog.isVisible)
    gui.type_into(dialog, "incidentReportedBy", "Rina")
    dialog.what.setFocus()
    qtbot.keyClicks(dialog.what, WHAT)

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
    unlock(qtbot, gui, window)

    again = incident_dialog(window)
    qtbot.waitUntil(again.isVisible)
    assert again.what.toPlainText() == WHAT
