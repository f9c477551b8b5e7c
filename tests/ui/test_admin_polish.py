"""Pengaturan after a guru's first week: a section kept across a lock, the guessing-resistance
setting named for what it does."""

from __future__ import annotations

from test_main_window import unlock

from PySide6.QtWidgets import QDoubleSpinBox, QLabel

from bk_desktop.ui.main_window import MainWindow
from bk_desktop.ui.tab_table import TABS, TabKey
from bk_desktop.ui.tabs.admin.admin_tab import ACCOUNTS, SECURITY, AdminTab

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
