"""The table of tabs and change notices: one row per tab, and a notice reads only what it names."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.changes import Change
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.main_window import HOME_TAB, REQUESTS_TAB, STUDENTS_TAB, MainWindow
from bk_desktop.ui.tab_table import TABS, TabKey, index_of
from bk_desktop.ui.tabs.home_tab import HomeTab
from bk_desktop.ui.tabs.students_tab import StudentsTab


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
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)  # no 9th tab
    assert tabs.currentIndex() == HOME_TAB


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
