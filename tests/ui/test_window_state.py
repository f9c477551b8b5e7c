"""What the window remembers between visits (issue 10, items 6 and 9): its geometry, each
table's column widths and hidden columns; that the student's name is what keeps its room;
and that windows fit a small screen."""

from __future__ import annotations

from test_requests_tab import add_request, add_student

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QHeaderView, QPushButton, QScrollArea, QTableView

from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.ui_state import RememberedColumns, ui_settings
from bk_desktop.ui.main_window import MainWindow
from bk_desktop.ui.request_table import RequestColumn
from bk_desktop.ui.student_dialog import StudentDialog
from bk_desktop.ui.tab_table import TabKey
from bk_desktop.ui.tabs.requests_tab import RequestsTab
from bk_desktop.ui.tabs.screening_tab import ScreeningTab

from conftest import ShowAsTab, WindowFactory
from support import PASSWORD

STUDENT = list(RequestColumn).index(RequestColumn.STUDENT)
SOURCE = list(RequestColumn).index(RequestColumn.SOURCE)
STATUS = list(RequestColumn).index(RequestColumn.STATUS)


def requests_tab(qtbot, context: UiContext, as_showing_tab: ShowAsTab, width: int) -> RequestsTab:
    tab = as_showing_tab(RequestsTab(context), TabKey.REQUESTS)
    qtbot.addWidget(tab)
    tab.resize(width, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def table_of(tab: RequestsTab) -> QTableView:
    found = tab.findChild(QTableView, "requestTable")
    assert found is not None
    return found


def test_the_window_opens_maximised_on_a_first_start(
    qtbot, access, workspace, kdf, prompter
) -> None:
    window = MainWindow(access, workspace, kdf=kdf, prompter=prompter)
    try:
        assert window.windowState() & Qt.WindowState.WindowMaximized
    finally:
        window.lock()
        window.close()
        window.deleteLater()


def test_closing_keeps_the_geometry_and_the_next_window_takes_it_back(
    qtbot, make_window: WindowFactory, access, workspace, kdf, prompter
) -> None:
    first = make_window()
    first.resize(780, 520)  # the offscreen screen is 800×600
    qtbot.waitUntil(lambda: first.width() == 780)
    first.close()
    qtbot.waitUntil(lambda: first.close_finished, timeout=10_000)
    kept = ui_settings().value("window/geometry")
    assert isinstance(kept, QByteArray) and not kept.isEmpty()

    reopened = access.unlock(workspace.account.id, PASSWORD)
    second = MainWindow(access, reopened, kdf=kdf, prompter=prompter)
    try:
        assert not second.windowState() & Qt.WindowState.WindowMaximized
        assert second.size().width() == 780
    finally:
        second.lock()
        second.close()
        second.deleteLater()


def test_the_name_stretches_and_the_other_columns_are_fitted_once(
    qtbot, context: UiContext, workspace: Workspace, as_showing_tab: ShowAsTab
) -> None:
    student = add_student(workspace, "Rafi Ramadhan Saputra Wijaya")
    add_request(workspace, student)
    tab = requests_tab(qtbot, context, as_showing_tab, 1366)
    header = table_of(tab).horizontalHeader()
    assert header.sectionResizeMode(STUDENT) is QHeaderView.ResizeMode.Stretch
    assert header.sectionResizeMode(STATUS) is QHeaderView.ResizeMode.Interactive
    assert not any(header.isSectionHidden(c) for c in range(header.count()))
    width = header.sectionSize(STATUS)

    add_request(workspace, add_student(workspace, "Bima"), reason="Masalah belajar yang panjang.")
    tab.refresh()
    assert header.sectionSize(STATUS) == width  # a new row does not move the columns


def test_widths_and_hidden_columns_are_kept_for_the_next_visit(
    qtbot, context: UiContext, workspace: Workspace, as_showing_tab: ShowAsTab
) -> None:
    add_request(workspace, add_student(workspace, "Rafi Ramadhan"))
    first = requests_tab(qtbot, context, as_showing_tab, 1366)
    header = table_of(first).horizontalHeader()
    header.resizeSection(STATUS, 230)
    columns = table_of(first).findChild(RememberedColumns)
    assert columns is not None
    shown = {a.text(): a for a in columns.column_actions()}
    assert set(shown) == {"Sumber", "Kesediaan", "Urgensi"}  # the name can never be hidden
    shown["Sumber"].setChecked(False)
    assert header.isSectionHidden(SOURCE)
    first.close()

    second = requests_tab(qtbot, context, as_showing_tab, 1366)
    again = table_of(second).horizontalHeader()
    assert again.sectionSize(STATUS) == 230
    assert again.isSectionHidden(SOURCE)
    assert again.sectionResizeMode(STUDENT) is QHeaderView.ResizeMode.Stretch


def test_a_narrow_list_leaves_out_optional_columns_rather_than_cut_the_name(
    qtbot, context: UiContext, workspace: Workspace, as_showing_tab: ShowAsTab
) -> None:
    add_request(workspace, add_student(workspace, "Rafi Ramadhan Saputra"))
    tab = requests_tab(qtbot, context, as_showing_tab, 700)
    view = table_of(tab)
    header = view.horizontalHeader()
    assert header.isSectionHidden(SOURCE)  # the first to go
    assert header.sectionSize(STUDENT) >= 160

    tab.resize(1366, 700)  # the same list on a wide window shows them all again
    qtbot.waitUntil(lambda: not header.isSectionHidden(SOURCE))
    tab.resize(700, 700)
    qtbot.waitUntil(lambda: header.isSectionHidden(SOURCE))


def test_columns_the_user_chose_stay_whatever_the_width(
    qtbot, context: UiContext, workspace: Workspace, as_showing_tab: ShowAsTab
) -> None:
    add_request(workspace, add_student(workspace, "Rafi Ramadhan Saputra"))
    tab = requests_tab(qtbot, context, as_showing_tab, 700)
    header = table_of(tab).horizontalHeader()
    columns = table_of(tab).findChild(RememberedColumns)
    assert columns is not None
    columns.show_column(SOURCE, True)
    tab.resize(710, 700)
    qtbot.wait(10)
    assert not header.isSectionHidden(SOURCE)
    tab.close()
    again = table_of(requests_tab(qtbot, context, as_showing_tab, 700)).horizontalHeader()
    assert not again.isSectionHidden(SOURCE)


def test_simpan_asesmen_stays_under_the_scrolling_form_in_view(
    qtbot, context: UiContext, workspace: Workspace, as_showing_tab: ShowAsTab
) -> None:
    add_request(workspace, add_student(workspace, "Ayu Lestari"))
    tab = as_showing_tab(ScreeningTab(context), TabKey.SCREENING)
    qtbot.addWidget(tab)
    tab.resize(1280, 420)  # shorter than the form (150 % scaling, or the referral part open)
    tab.show()
    qtbot.waitExposed(tab)
    save = tab.findChild(QPushButton, "screeningSaveButton")
    scroll = tab.findChild(QScrollArea, "screeningScroll")
    assert not scroll.isAncestorOf(save)
    assert save.isVisible() and save.isEnabled()
    bottom_right = save.mapTo(tab, save.rect().bottomRight())
    assert tab.rect().contains(bottom_right)
    assert scroll.widget().height() > scroll.viewport().height()  # the form itself scrolls


def test_tambah_siswa_is_as_tall_as_its_form_and_no_taller_than_the_screen(
    qtbot, workspace: Workspace, prompter
) -> None:
    dialog = StudentDialog(StudentService(workspace), prompter)
    qtbot.addWidget(dialog)
    room = dialog.screen().availableGeometry()
    assert dialog.height() <= room.height() and dialog.width() <= room.width()
    body = dialog.scroll_area.widget()
    assert dialog.height() <= body.sizeHint().height() + 160  # no band of nothing
