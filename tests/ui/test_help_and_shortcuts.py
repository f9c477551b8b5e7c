"""Bantuan (the flow, the shortcuts, the version) and the two new keys, Ctrl+N and Ctrl+F."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTabWidget

from bk_desktop import __version__
from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.help_dialog import ABOUT, FLOW, SHORTCUTS
from bk_desktop.ui.main_window import HOME_TAB, REQUESTS_TAB, STUDENTS_TAB, MainWindow
from bk_desktop.ui.request_dialog import RequestDialog
from bk_desktop.ui.tabs.requests_tab import RequestsTab

from conftest import Gui


def press(qtbot, window: MainWindow, key: Qt.Key) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts reach the active window only
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_n_opens_a_new_permohonan_from_any_tab(qtbot, window: MainWindow) -> None:
    assert window.tabs is not None and window.tabs.currentIndex() == HOME_TAB
    press(qtbot, window, Qt.Key.Key_N)
    assert window.tabs.currentIndex() == REQUESTS_TAB
    tab = window.tab_of(RequestsTab)
    assert tab is not None
    qtbot.waitUntil(lambda: isinstance(tab.dialog, RequestDialog) and tab.dialog.isVisible())
    tab.dialog.reject()


def test_ctrl_f_goes_to_the_search_box_of_the_tab_showing(
    qtbot, gui: Gui, workspace: Workspace, window: MainWindow
) -> None:
    StudentService(workspace).create(
        StudentDraft(
            name="Ani Lestari",
            nisn="0051234567",
            placements=(ClassPlacement(AcademicYear(2026), "X IPA 1"),),
        )
    )
    siswa = gui.open_tab(window, STUDENTS_TAB)
    search = gui.child(siswa, QLineEdit, "studentSearch")
    search.setText("Ani")
    window.setFocus()
    press(qtbot, window, Qt.Key.Key_F)
    qtbot.waitUntil(search.hasFocus)
    assert search.selectedText() == "Ani"  # typing replaces the old search

    gui.open_tab(window, HOME_TAB)
    press(qtbot, window, Qt.Key.Key_F)
    assert window.statusBar().currentMessage() == "Tab ini tidak memiliki kotak pencarian."


def test_bantuan_shows_the_flow_with_the_standards_times(qtbot, window: MainWindow) -> None:
    window.guide_action.trigger()
    dialog = window.help_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.pages.currentIndex() == FLOW
    text = " ".join(label.text() for label in dialog.pages.widget(FLOW).findChildren(QLabel))
    for step in ("Pengajuan", "Penyaringan", "Jadwal", "Konseling", "Tindak lanjut"):
        assert step in text
    assert "1×24 jam" in text and "30–45 menit" in text
    dialog.reject()
    qtbot.waitUntil(lambda: window.help_dialog is None)


def test_the_shortcut_list_names_every_key_the_window_answers(qtbot, window: MainWindow) -> None:
    window.shortcuts_action.trigger()
    dialog = window.help_dialog
    assert dialog is not None and dialog.pages.currentIndex() == SHORTCUTS
    page = dialog.pages.widget(SHORTCUTS)
    keys = [label.text() for label in page.findChildren(QLabel) if label.text().startswith("<b>")]
    for expected in ("Ctrl+N", "Ctrl+F", "Ctrl+L", "Ctrl+Q", "F1"):
        assert f"<b>{expected}</b>" in keys
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert any("Pengajuan, " in text or "Pengajuan" in text for text in texts)
    dialog.reject()


def test_about_says_which_version_this_is(qtbot, window: MainWindow) -> None:
    window.about_action.trigger()
    dialog = window.help_dialog
    assert dialog is not None and dialog.pages.currentIndex() == ABOUT
    version = dialog.findChild(QLabel, "helpVersion")
    assert version is not None and version.text() == f"bk-desktop versi {__version__}"
    tabs = dialog.findChild(QTabWidget, "helpPages")
    assert tabs is not None
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Alur layanan",
        "Pintasan papan ketik",
        "Tentang",
    ]
    dialog.reject()
    assert QApplication.activeModalWidget() is None
