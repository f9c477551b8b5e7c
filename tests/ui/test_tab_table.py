"""The table of tabs and change notices: one row per tab, and a notice reads only what it names.

A write made in a tab reads that tab once: the write's notice reads it (it is the showing tab),
and the tab itself only selects what was written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.changes import Change
from bk_desktop.domain.requests import Assent, RequestSource
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.domain.screening import Bidang, ServiceKind
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.main_window import (
    HOME_TAB,
    REQUESTS_TAB,
    SCREENING_TAB,
    STUDENTS_TAB,
    MainWindow,
)
from bk_desktop.ui.tab_table import TABS, TabKey, index_of
from bk_desktop.ui.tabs.home_tab import HomeTab
from bk_desktop.ui.tabs.requests_tab import RequestsTab
from bk_desktop.ui.tabs.screening_tab import ScreeningTab
from bk_desktop.ui.tabs.students_tab import StudentsTab

from conftest import Gui

# Each tab's reading of its list starts with one statement that nothing else in the reading runs.
STUDENT_COUNT = "SELECT count(*) FROM student"
REQUEST_LIST = " ORDER BY r."  # requests_repo.find: a list of requests, never one request
BERANDA_OVERVIEW = "FROM audit_event WHERE kind = 'backup'"


@contextmanager
def counted_statements(workspace: Workspace) -> Iterator[list[str]]:
    """Every SQL statement the vault connection runs inside the block."""
    seen: list[str] = []
    connection = workspace.db._conn
    connection.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        connection.set_trace_callback(None)


def test_every_row_has_its_page_title_icon_and_kinds() -> None:
    assert [spec.key for spec in TABS] == list(TabKey)
    assert len({spec.page_name for spec in TABS}) == len(TABS)
    for spec in TABS:
        assert spec.title() and spec.icon.startswith("tab-")
        assert spec.roles  # somebody may see it
    assert index_of(TabKey.HOME) == 0


def test_the_window_shows_the_table_in_order_with_ctrl_number(qtbot, make_window, gui) -> None:
    window: MainWindow = make_window()
    tabs = window.tabs
    assert isinstance(tabs, QTabWidget)
    assert [tabs.tabText(i) for i in range(tabs.count())] == [spec.title() for spec in TABS]
    assert all(not tabs.tabIcon(i).isNull() for i in range(tabs.count()))
    assert "Ctrl+2" in tabs.tabToolTip(STUDENTS_TAB)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == STUDENTS_TAB
    assert isinstance(window.tab_of(StudentsTab), StudentsTab)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == HOME_TAB
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == index_of(TabKey.COMPLAINTS)
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)  # the 9th: the last
    assert tabs.currentIndex() == index_of(TabKey.SETTINGS) == 8


def test_a_notice_a_tab_does_not_show_runs_no_query(workspace: Workspace, make_window, gui) -> None:
    window: MainWindow = make_window()
    gui.open_tab(window, STUDENTS_TAB)  # Beranda built but hidden, Siswa showing
    with counted_statements(workspace) as seen:
        window.changes.changed.emit(frozenset({Change.VAULT}))  # only Beranda shows it
    assert seen == []
    with counted_statements(workspace) as seen:
        gui.open_tab(window, HOME_TAB)  # …and reads when shown
    assert seen != []
    assert window.tab_of(HomeTab) is not None


def test_a_write_refreshes_the_showing_tab_once_and_the_hidden_one_when_shown(
    workspace: Workspace, make_window, gui
) -> None:
    window: MainWindow = make_window()
    gui.open_tab(window, STUDENTS_TAB)
    gui.open_tab(window, HOME_TAB)
    with counted_statements(workspace) as seen, workspace.db.transaction():
        workspace.audit(AuditKind.SETTINGS_CHANGED)
    assert seen  # Beranda, showing, was read again at once
    with counted_statements(workspace) as seen:
        gui.open_tab(window, STUDENTS_TAB)
    assert seen  # Siswa shows settings too (the term decides the classes): read on showing
    gui.open_tab(window, REQUESTS_TAB)
    with counted_statements(workspace) as seen:
        gui.open_tab(window, STUDENTS_TAB)
        gui.open_tab(window, REQUESTS_TAB)
    assert seen == []  # nothing changed since they were read: showing them reads nothing


def test_beranda_is_read_once_when_shown_after_a_write_elsewhere(
    workspace: Workspace, make_window, gui
) -> None:
    window: MainWindow = make_window()
    gui.open_tab(window, STUDENTS_TAB)
    with workspace.db.transaction():
        workspace.audit(AuditKind.REQUEST_CREATED)
    with counted_statements(workspace) as seen:
        gui.open_tab(window, HOME_TAB)
    # Each reading of Beranda starts with the vault overview (its last-backup tile).
    overview_reads = [s for s in seen if "FROM audit_event WHERE kind = 'backup'" in s]
    assert len(overview_reads) == 1


def reads(seen: list[str], marker: str) -> int:
    return sum(marker in statement for statement in seen)


def add_request(workspace: Workspace, name: str) -> int:
    year = TermService(workspace).current().year
    student_id = StudentService(workspace).create(
        StudentDraft(name=name, placements=(ClassPlacement(year, "X MIPA 1"),))
    )
    form = RequestForm(student_id, RequestSource.SISWA_SENDIRI, "Sering terlambat masuk kelas.")
    return RequestService(workspace).create(form)


def test_adding_a_student_reads_siswa_once_and_selects_the_new_student(
    qtbot, workspace: Workspace, make_window, gui: Gui
) -> None:
    add_request(workspace, "Budi Santoso")  # one student, so the list (not its empty state)
    window: MainWindow = make_window()
    gui.open_tab(window, STUDENTS_TAB)
    tab = window.tab_of(StudentsTab)
    assert tab is not None
    gui.click(tab, "studentAddButton")
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible())
    dialog = tab.dialog
    assert dialog is not None
    gui.type_into(dialog, "studentDialogName", "Ani Lestari")
    with counted_statements(workspace) as seen:
        gui.click(dialog, "studentDialogSaveButton")
        qtbot.waitUntil(lambda: tab.dialog is None)
    assert reads(seen, STUDENT_COUNT) == 1
    assert tab.selected_id() == dialog.saved_id is not None


def test_recording_assent_reads_pengajuan_once_and_keeps_the_request_selected(
    qtbot, workspace: Workspace, make_window, gui: Gui
) -> None:
    add_request(workspace, "Budi Santoso")
    wanted = add_request(workspace, "Ayu Lestari")
    window: MainWindow = make_window()
    gui.open_tab(window, REQUESTS_TAB)
    tab = window.tab_of(RequestsTab)
    assert tab is not None and tab.select(wanted)
    gui.click(tab, "assentButton")
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible())
    dialog = tab.dialog
    assert dialog is not None
    gui.pick(dialog, "assentCombo", Assent.BERSEDIA)
    with counted_statements(workspace) as seen:
        gui.click(dialog, "assentSaveButton")
        qtbot.waitUntil(lambda: tab.dialog is None)
    assert reads(seen, REQUEST_LIST) == 1
    assert tab.selected_id == wanted
    assert RequestService(workspace).get(wanted).assent is Assent.BERSEDIA
    assert "Kesediaan Ayu Lestari dicatat." in gui.shown_text(tab, "requestMessage")


def test_saving_a_screening_reads_penyaringan_once_and_moves_to_the_next(
    qtbot, workspace: Workspace, make_window, gui: Gui
) -> None:
    first = add_request(workspace, "Ayu Lestari")
    second = add_request(workspace, "Budi Santoso")
    window: MainWindow = make_window()
    gui.open_tab(window, SCREENING_TAB)
    tab = window.tab_of(ScreeningTab)
    assert tab is not None and tab.selected_id == first
    form = tab.form
    form.bidang[Bidang.BELAJAR].setChecked(True)
    form.symptoms.setPlainText("Terlambat tiga kali seminggu.")
    gui.pick(tab, "screeningRisk", RiskLevel.RENDAH)
    gui.pick(tab, "screeningDecision", ServiceKind.KONSELING_INDIVIDUAL)
    form.reason.setPlainText("Perlu dibicarakan empat mata.")
    with counted_statements(workspace) as seen:
        gui.click(tab, "screeningSaveButton")
    assert reads(seen, REQUEST_LIST) == 1
    assert tab.selected_id == second
    assert "Asesmen awal Ayu Lestari tersimpan" in gui.shown_text(tab, "screeningMessage")


def test_a_backup_from_beranda_reads_beranda_once(
    qtbot, workspace: Workspace, make_window, gui: Gui
) -> None:
    window: MainWindow = make_window()
    home = window.tab_of(HomeTab)
    assert home is not None
    with counted_statements(workspace) as seen:
        gui.click(home, "homeBackupButton")
        qtbot.waitUntil(lambda: bool(gui.shown_text(home, "homeBackupMessage")))
    assert reads(seen, BERANDA_OVERVIEW) == 1
    assert gui.shown_text(home, "homeBackupAge") == "baru saja"


def test_the_empty_penyaringan_queue_opens_pengajuan(make_window, gui: Gui) -> None:
    window: MainWindow = make_window()
    screening = gui.open_tab(window, SCREENING_TAB)
    gui.click(screening, "screeningEmptyButton")
    assert window.tabs is not None and window.tabs.currentIndex() == REQUESTS_TAB
