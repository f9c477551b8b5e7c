"""How the window says what happened (issue 10, item 7): one quiet banner that goes by itself
or is replaced, and disabled buttons that say why."""

from __future__ import annotations

from test_requests_tab import add_request, add_student, screen_for_counselling, select_request

from PySide6.QtWidgets import QLabel, QPushButton, QToolButton

from bk_desktop.domain.requests import Assent
from bk_desktop.services.requests import RequestService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.banner import SHOWN_MS, SuccessBanner
from bk_desktop.ui.kit.buttons import enable_unless
from bk_desktop.ui.tab_table import TabKey
from bk_desktop.ui.tabs.requests_tab import RequestsTab

from conftest import ShowAsTab


def test_a_banner_is_replaced_by_the_next_sentence_and_goes_by_itself(qtbot) -> None:
    banner = SuccessBanner("thingMessage")
    qtbot.addWidget(banner)
    banner.say("Kesediaan Ayu Lestari dicatat.")
    assert not banner.isHidden()
    assert banner.timer.isActive() and banner.timer.interval() == SHOWN_MS
    banner.say("Jadwal konseling Ayu Lestari disepakati.")
    assert banner.findChild(QLabel, "thingMessage").text().startswith("Jadwal")
    banner.timer.timeout.emit()  # the time is up
    assert banner.isHidden() and banner.text.text() == ""
    banner.say("Lagi.")
    close = banner.findChild(QToolButton, "thingMessageClose")
    assert close is not None
    close.click()
    assert banner.isHidden() and not banner.timer.isActive()


def test_a_disabled_button_says_why_and_gets_its_own_tooltip_back(qtbot) -> None:
    button = QPushButton("Sepakati jadwal…")
    qtbot.addWidget(button)
    button.setToolTip("Sepakati jadwal konseling")
    enable_unless(button, "Simpan dulu asesmen awal.")
    assert not button.isEnabled() and button.toolTip() == "Simpan dulu asesmen awal."
    enable_unless(button, "")
    assert button.isEnabled() and button.toolTip() == "Sepakati jadwal konseling"


def test_sepakati_jadwal_before_screening_says_to_screen_first(
    qtbot, context: UiContext, workspace: Workspace, as_showing_tab: ShowAsTab
) -> None:
    waiting = add_request(workspace, add_student(workspace, "Ayu Lestari"))
    ready = add_request(workspace, add_student(workspace, "Budi Santoso"))
    screen_for_counselling(workspace, ready)
    RequestService(workspace).set_assent(ready, Assent.BERSEDIA)
    tab = as_showing_tab(RequestsTab(context), TabKey.REQUESTS)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    agree = tab.findChild(QPushButton, "agreeScheduleButton")

    tab.table.clearSelection()
    assert not agree.isEnabled() and "Pilih satu pengajuan" in agree.toolTip()
    select_request(qtbot, tab, waiting)
    assert not agree.isEnabled()
    assert "asesmen awal" in agree.toolTip() and "Penyaringan" in agree.toolTip()
    select_request(qtbot, tab, ready)
    assert agree.isEnabled() and "asesmen awal" not in agree.toolTip()
