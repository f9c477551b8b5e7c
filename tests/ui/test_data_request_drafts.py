"""A half-typed data request on Pengaturan → Privasi survives the lock (the koordinator's)."""

from __future__ import annotations

from bk_desktop.domain.drafts import DraftForm
from bk_desktop.ui.main_window import MainWindow
from bk_desktop.ui.tab_table import TabKey, index_of
from bk_desktop.ui.tabs.admin.admin_tab import AdminTab
from bk_desktop.ui.tabs.admin.data_requests_page import DataRequestsPage

from conftest import Gui, press_ctrl_l
from support import PASSWORD


def test_a_half_typed_data_request_survives_the_lock(qtbot, gui: Gui, window: MainWindow) -> None:
    tab = gui.open_tab(window, index_of(TabKey.SETTINGS))
    assert isinstance(tab, AdminTab)
    page = next(p for p in tab.privacy.values() if isinstance(p, DataRequestsPage))
    tab.show_section(tab.row_of(page))
    page.text.setFocus()
    qtbot.keyClicks(page.text, "Ibu Sari ingin melihat catatan anaknya")
    assert [d.form for d in tab.open_drafts()] == [DraftForm.DATA_REQUEST]

    press_ctrl_l(qtbot, window)
    assert window.is_locked
    panel = window.lock_panel
    assert panel is not None
    gui.type_into(panel, "unlockPassword", PASSWORD)
    gui.click(panel, "unlockButton")
    qtbot.waitUntil(lambda: not window.is_locked)

    again = window.tab_of(AdminTab)
    assert again is not None
    shown = again.pages.currentWidget()
    assert isinstance(shown, DataRequestsPage)
    assert shown.text.toPlainText() == "Ibu Sari ingin melihat catatan anaknya"
