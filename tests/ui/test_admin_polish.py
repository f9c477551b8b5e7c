"""Pengaturan after a guru's first week: a section kept across a lock, the guessing-resistance
setting named for what it does, NIY and NUPTK for those who sign without a NIP."""

from __future__ import annotations

from test_admin_tab import GURU_PASSWORD
from test_main_window import unlock

from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QLineEdit

from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.main_window import MainWindow
from bk_desktop.ui.tab_table import TABS, TabKey
from bk_desktop.ui.tabs.admin.admin_tab import ACCOUNTS, IDENTITY, SECURITY, AdminTab

from conftest import Gui

SETTINGS_TAB = next(index for index, spec in enumerate(TABS) if spec.key is TabKey.SETTINGS)


def open_settings(gui: Gui, window: MainWindow) -> AdminTab:
    gui.open_tab(window, SETTINGS_TAB)
    tab = window.tab_of(AdminTab)
    assert tab is not None
    return tab


def test_after_unlocking_pengaturan_is_back_on_the_section_it_was_on(
    qtbot, gui: Gui, window: MainWindow
) -> None:
    tab = open_settings(gui, window)
    tab.sections.setCurrentRow(SECURITY)  # as a click on "Keamanan" does
    window.lock()
    unlock(qtbot, gui, window)
    tab = window.tab_of(AdminTab)
    assert tab is not None and tab.isVisible()
    assert tab.sections.currentRow() == SECURITY
    assert tab.pages.currentWidget() is tab.security

    tab.sections.setCurrentRow(ACCOUNTS)
    window.lock()
    unlock(qtbot, gui, window)
    tab = window.tab_of(AdminTab)
    assert tab is not None and tab.pages.currentWidget() is tab.accounts


def test_the_unlock_cost_is_called_resistance_to_guessing_with_seconds_as_the_detail(
    gui: Gui, window: MainWindow
) -> None:
    tab = open_settings(gui, window)
    tab.show_section(SECURITY)
    texts = [label.text() for label in tab.security.findChildren(QLabel)]
    assert "Ketahanan kata sandi terhadap tebakan" in texts
    assert not any("Waktu buka brankas" in text for text in texts)
    spin = gui.child(tab, QDoubleSpinBox, "settingsKdfSeconds")
    assert spin.suffix() == " detik per percobaan"
    assert spin.text().startswith(f"{spin.value():.1f}".replace(".", ","))


def test_the_principal_can_sign_with_niy_or_nuptk(
    gui: Gui, window: MainWindow, workspace: Workspace
) -> None:
    tab = open_settings(gui, window)
    tab.show_section(IDENTITY)
    gui.type_into(tab, "settingsPrincipalName", "Hj. Nurul Huda, M.Pd.I.")
    gui.type_into(tab, "settingsPrincipalNiy", "YPI-1998.07.012")
    gui.type_into(tab, "settingsPrincipalNuptk", "1234 5678 9012 3456")
    gui.click(tab, "settingsSaveButton")
    stored = SettingsService(workspace).get()
    assert (stored.principal_niy, stored.principal_nuptk) == ("YPI-1998.07.012", "1234567890123456")
    assert stored.principal_identifier == ("NIY", "YPI-1998.07.012")
    assert gui.child(tab, QLineEdit, "settingsPrincipalNuptk").text() == "1234567890123456"

    gui.type_into(tab, "settingsPrincipalNuptk", "12345")
    gui.click(tab, "settingsSaveButton")
    assert "NUPTK harus 16 digit" in gui.shown_text(tab, "settingsPrincipalNuptkError")


def test_a_counsellor_keeps_a_niy_in_the_profile_and_a_new_account_gets_one(
    qtbot, gui: Gui, window: MainWindow, workspace: Workspace
) -> None:
    tab = open_settings(gui, window)
    tab.show_section(ACCOUNTS)
    gui.type_into(tab, "profileNiy", "2019.03.044")
    gui.click(tab, "profileSaveButton")
    assert workspace.account.id
    me = next(a for a in window.context.accounts.list() if a.id == workspace.account.id)
    assert me.niy == "2019.03.044"

    gui.type_into(tab, "accountName", "Budi Santoso, S.Pd.")
    gui.type_into(tab, "accountNiy", "YPI-0042")
    gui.type_into(tab, "accountPassword", GURU_PASSWORD)
    gui.type_into(tab, "accountPasswordRepeat", GURU_PASSWORD)
    gui.click(tab, "accountAddButton")
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=20_000)
    added = next(a for a in window.context.accounts.list() if a.name == "Budi Santoso, S.Pd.")
    assert added.niy == "YPI-0042"
    assert gui.child(tab, QLineEdit, "accountNiy").text() == ""
