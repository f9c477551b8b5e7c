"""The window a kepala sekolah signs in to: Beranda, Laporan and Pengaturan, no name of a
student."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.clock import FixedClock
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.main_window import MainWindow
from bk_desktop.ui.tab_table import TabKey
from bk_desktop.ui.tabs.admin.admin_tab import AdminTab

from conftest import texts_in
from support import counselled, hold_session, signed_in_as

PRINCIPAL = "Drs. Bambang Sutrisno"


@pytest.fixture
def workspace(created: tuple[Workspace, str], clock: FixedClock) -> Workspace:
    """The vault's koordinator holds a session with Ayu Lestari, then the kepala sekolah
    signs in (the window is built on this workspace)."""
    koordinator = created[0]
    hold_session(koordinator, clock, counselled(koordinator))
    counselled(koordinator, "Bima Saputra")
    return signed_in_as(koordinator, PRINCIPAL, Role.KEPALA_SEKOLAH)


def test_the_kepala_sekolah_gets_beranda_laporan_and_pengaturan_and_no_student(
    qtbot, window: MainWindow, gui
) -> None:
    tabs = window.tabs
    assert tabs is not None
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Beranda",
        "Kotak Saran",
        "Laporan",
        "Pengaturan",
    ]
    assert gui.text(window, "statusAccount") == f"Masuk sebagai: {PRINCIPAL} (Kepala sekolah)"
    assert window.index_of(TabKey.COUNSELLING) == -1
    assert window.show_tab(TabKey.STUDENTS) is None

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    settings = window.tab(window.index_of(TabKey.SETTINGS))
    assert isinstance(settings, AdminTab) and tabs.currentIndex() == 3
    sections = gui.child(settings, QListWidget, "settingsSections")
    assert [sections.item(i).text() for i in range(sections.count())] == [
        "Keamanan",
        "Akun guru BK",
        "Cadangan",
        "Insiden data",  # whoever finds an incident reports it; the koordinator handles it
    ]

    window.show_tab(TabKey.HOME)
    qtbot.wait(50)
    texts = " ".join(text for _, text in texts_in(window))
    for name in ("Ayu Lestari", "Bima Saputra", "A.L.", "B.S."):
        assert name not in texts
