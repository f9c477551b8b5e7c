"""The keyboard does what a person expects (issue 10, items 1 and 3): Tab moves between
widgets and never walks a table's cells, a picked student stays picked, Enter picks without
saving, Escape asks before typed input is thrown away and never ends a wizard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QPushButton

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.requests import RequestService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.paths import VaultPaths
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.main_window import TAB_PAGES, MainWindow
from bk_desktop.ui.request_dialog import RequestDialog
from bk_desktop.ui.setup_wizard import SetupWizard
from bk_desktop.ui.status_dialog import StatusDialog

from conftest import Gui, ScriptedPrompter
from support import add_request


def two_adityas(workspace: Workspace) -> tuple[int, int]:
    year: AcademicYear = TermService(workspace).current().year
    students = StudentService(workspace)
    first = students.create(
        StudentDraft(
            name="Aditya Santoso", nis="1001", placements=(ClassPlacement(year, "X MIPA 1"),)
        )
    )
    second = students.create(
        StudentDraft(
            name="Aditya Santoso", nis="1002", placements=(ClassPlacement(year, "XI IPS 2"),)
        )
    )
    return first, second


def request_dialog(qtbot, context: UiContext) -> RequestDialog:
    dialog = RequestDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_no_table_or_list_in_the_window_walks_its_cells_on_tab(
    qtbot, gui: Gui, window: MainWindow
) -> None:
    for index in range(len(TAB_PAGES)):
        gui.open_tab(window, index)
    views = window.findChildren(QAbstractItemView)
    assert len(views) >= 6
    assert [v.objectName() for v in views if v.tabKeyNavigation()] == []


def test_tab_leaves_the_picker_and_the_picked_homonym_stays_picked(
    qtbot, gui: Gui, context: UiContext, prompter: ScriptedPrompter
) -> None:
    first, second = two_adityas(context.workspace)
    dialog = request_dialog(qtbot, context)
    search = dialog.picker.search
    search.setFocus()
    qtbot.keyClicks(search, "Aditya")
    qtbot.waitUntil(lambda: dialog.picker.model.rowCount() == 2)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    results = dialog.picker.results
    assert results.hasFocus()
    qtbot.keyClick(results, Qt.Key.Key_Down)  # the arrows choose in the list
    picked = dialog.picker.student_id
    assert picked in (first, second)
    chosen = gui.text(dialog, "requestStudentChosen")
    assert "NIS" in chosen and ("X MIPA 1" in chosen or "XI IPS 2" in chosen)
    for _ in range(6):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        assert dialog.picker.student_id == picked
    assert not results.hasFocus()
    assert dialog.isVisible() and prompter.calls == []
    dialog.done(0)


def test_enter_in_the_student_list_picks_and_moves_on_without_saving(
    qtbot, gui: Gui, context: UiContext, prompter: ScriptedPrompter
) -> None:
    first, second = two_adityas(context.workspace)
    dialog = request_dialog(qtbot, context)
    search = dialog.picker.search
    qtbot.keyClicks(search, "Aditya")
    qtbot.waitUntil(lambda: dialog.picker.model.rowCount() == 2)
    qtbot.keyClick(search, Qt.Key.Key_Return)  # two match: into the list, nobody picked yet
    results = dialog.picker.results
    assert results.hasFocus() and dialog.picker.student_id is None
    qtbot.keyClick(results, Qt.Key.Key_Down)
    qtbot.keyClick(results, Qt.Key.Key_Return)
    assert dialog.picker.student_id in (first, second)
    assert dialog.isVisible() and dialog.request_id is None
    shown_errors = [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.isVisible() and label.property("role") == "error"
    ]
    assert shown_errors == []
    assert dialog.source.hasFocus()  # moved on to the next input
    assert prompter.calls == []
    dialog.done(0)


def test_escape_asks_before_a_typed_reason_is_thrown_away(
    qtbot, context: UiContext, prompter: ScriptedPrompter
) -> None:
    request_id = add_request(context.workspace)
    record = RequestService(context.workspace).get(request_id)
    targets = RequestService(context.workspace).allowed_targets(request_id)
    dialog = StatusDialog(context, record, targets)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without a question
    assert not dialog.isVisible() and prompter.calls == []

    dialog = StatusDialog(context, record, targets)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "Siswa pindah sekolah")
    prompter.confirms.append(False)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
    assert [c[1] for c in prompter.calls] == ["Buang isian?"]
    assert dialog.isVisible() and dialog.reason.toPlainText() == "Siswa pindah sekolah"
    prompter.confirms.append(True)
    cancel = dialog.findChild(QPushButton, "statusCancelButton")
    assert cancel is not None
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # Batal asks the same question
    assert [c[1] for c in prompter.calls] == ["Buang isian?", "Buang isian?"]
    assert not dialog.isVisible()


def test_escape_never_ends_the_setup_wizard(
    qtbot, tmp_path: Path, clock: FixedClock, prompter: ScriptedPrompter
) -> None:
    access = VaultAccess(VaultPaths(tmp_path / "baru"), clock, KdfChooser(TEST_PARAMS))
    wizard = SetupWizard(access, prompter)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    focused = wizard.focusWidget() or wizard
    qtbot.keyClick(focused, Qt.Key.Key_Escape)
    assert wizard.isVisible() and wizard.result() == 0
    assert prompter.calls == []
    wizard.done(0)
