"""Pengaturan → Layanan: "Cetak poster standar pelayanan…" previews the one-page poster."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from bk_desktop.ui.context import UiContext
from bk_desktop.ui.print_preview import PreviewDialog
from bk_desktop.ui.tabs.admin.admin_tab import AdminTab

from conftest import Gui


def test_the_poster_button_on_layanan_previews_one_page(
    qtbot: QtBot, gui: Gui, context: UiContext
) -> None:
    tab = AdminTab(context)
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    page = tab.service
    gui.click(page, "servicePosterButton")
    preview = page.dialogs.current
    assert isinstance(preview, PreviewDialog)
    assert preview.page_count == 1
    assert preview.windowTitle() == "Pratinjau — Standar Pelayanan Konseling Individual"
    preview.reject()
