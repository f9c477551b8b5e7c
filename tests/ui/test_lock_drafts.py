"""Locking keeps unsaved work: every open form that creates or changes a record is written into
the vault as a draft before the key goes, and reopens where it was after unlocking, for the
account that typed it only (issue 10, item 2)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.domain.requests import RequestStatus
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.drafts import DraftService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.main_window import (
    HOME_TAB,
    REQUESTS_TAB,
    SCREENING_TAB,
    STUDENTS_TAB,
    MainWindow,
)
from bk_desktop.ui.request_dialog import RequestDialog
from bk_desktop.ui.status_dialog import StatusDialog
from bk_desktop.ui.student_dialog import StudentDialog
from bk_desktop.ui.tabs.home_tab import HomeTab
from bk_desktop.ui.tabs.screening_tab import ScreeningTab
from bk_desktop.ui.tabs.students_tab import StudentsTab

from conftest import Gui, ScriptedPrompter
from support import PASSWORD, add_request

TYPED = "Sering menyendiri saat istirahat Kenari"


def unlock(qtbot, gui: Gui, window: MainWindow, password: str = PASSWORD) -> None:
    panel = window.lock_panel
    assert panel is not None
    gui.type_into(panel, "unlockPassword", password)
    gui.click(panel, "unlockButton")
    qtbot.waitUntil(lambda: not window.is_locked)


def texts_shown(window: MainWindow) -> str:
    """Everything a person could read in any visible window, as one string."""
    found = [window.windowTitle()]
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for widget in (top, *top.findChildren(QLineEdit), *top.findChildren(QPlainTextEdit)):
            if widget.isVisible() and isinstance(widget, QLineEdit | QPlainTextEdit):
                found.append(
                    widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
                )
    return "\n".join(found)


def test_a_half_filled_student_survives_ctrl_l_and_reopens_after_unlocking(
    qtbot, gui: Gui, window: MainWindow
) -> None:
    students = gui.open_tab(window, STUDENTS_TAB)
    gui.click(students, "studentEmptyAddButton")
    dialog = students.dialog
    assert isinstance(dialog, StudentDialog)
    qtbot.waitUntil(dialog.isVisible)
    gui.type_into(dialog, "studentDialogName", "Fajar Nugraha")
    gui.type_into(dialog, "studentDialogNis", "1004")

    # Pressed in the dialog, as the system delivers it (to the window, then the widget): the
    # main window's own shortcut is blocked while the dialog is modal.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked and not window.workspace.is_open
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
    assert "Fajar Nugraha" not in texts_shown(window)

    unlock(qtbot, gui, window)
    tab = window.tab_of(StudentsTab)
    assert tab is not None and window.tabs is not None
    assert window.tabs.currentIndex() == STUDENTS_TAB
    reopened = tab.dialog
    assert isinstance(reopened, StudentDialog)
    qtbot.waitUntil(reopened.isVisible)
    assert reopened.name.text() == "Fajar Nugraha" and reopened.nis.text() == "1004"
    assert reopened.form_state.is_dirty()
    assert DraftService(window.workspace).kept() == []  # the form holds it again
    gui.click(reopened, "studentDialogSaveButton")
    assert StudentService(window.workspace).get(reopened.saved_id or 0).name == "Fajar Nugraha"


def test_the_idle_lock_keeps_a_new_request_with_its_student(
    qtbot, gui: Gui, make_window, workspace: Workspace
) -> None:
    year = TermService(workspace).current().year
    ayu = StudentService(workspace).create(
        StudentDraft(name="Ayu Lestari", placements=(ClassPlacement(year, "X-2"),))
    )
    window = make_window()
    requests = gui.open_tab(window, REQUESTS_TAB)
    gui.click(requests, "requestEmptyNewButton")
    dialog = requests.dialog
    assert isinstance(dialog, RequestDialog)
    qtbot.waitUntil(dialog.isVisible)
    gui.type_into(dialog, "requestStudentSearch", "Ayu")
    qtbot.waitUntil(lambda: dialog.picker.model.rowCount() == 1)
    dialog.picker.results.selectRow(0)
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, TYPED)

    window.inactivity.set_interval(100)  # the guru is called away
    qtbot.waitUntil(lambda: window.is_locked, timeout=5_000)
    assert TYPED not in texts_shown(window)

    unlock(qtbot, gui, window)
    reopened = window.tab_of(type(requests))
    assert reopened is not None
    again = reopened.dialog
    assert isinstance(again, RequestDialog)
    assert again.reason.toPlainText() == TYPED
    assert again.picker.student_id == ayu


def test_a_typed_status_reason_and_a_screening_both_come_back(
    qtbot, gui: Gui, window: MainWindow
) -> None:
    first = add_request(window.workspace, "Ayu Lestari")
    second = add_request(window.workspace, "Budi Santoso")
    screening = gui.open_tab(window, SCREENING_TAB)
    assert isinstance(screening, ScreeningTab)
    assert screening.select(first)
    screening.form.symptoms.setPlainText(TYPED)

    requests = gui.open_tab(window, REQUESTS_TAB)
    assert requests.select(second)
    gui.click(requests, "requestStatusButton")
    dialog = requests.dialog
    assert isinstance(dialog, StatusDialog)
    target = gui.child(dialog, QComboBox, "statusTargetCombo")
    target.setCurrentIndex(target.findData(RequestStatus.DITUTUP))
    dialog.reason.setPlainText("Siswa pindah sekolah")

    window.lock()
    unlock(qtbot, gui, window)
    assert window.tabs is not None and window.tabs.currentIndex() == REQUESTS_TAB
    reopened = window.tab_of(type(requests))
    assert reopened is not None
    status = reopened.dialog
    assert isinstance(status, StatusDialog) and status.record.id == second
    assert status.reason.toPlainText() == "Siswa pindah sekolah"
    assert status.chosen is RequestStatus.DITUTUP
    form = window.tab_of(ScreeningTab)
    assert form is not None and form.selected_id == first
    assert form.form.symptoms.toPlainText() == TYPED
    status.reject()


def test_a_draft_that_cannot_be_written_never_stops_the_lock_and_is_explained_after(
    qtbot, gui: Gui, window: MainWindow, prompter: ScriptedPrompter
) -> None:
    # A real refusal by the vault (not a stand-in): every new draft row is refused.
    window.workspace.db.execute(
        "CREATE TRIGGER refuse_drafts BEFORE INSERT ON draft "
        "BEGIN SELECT RAISE(ABORT, 'no drafts'); END"
    )
    students = gui.open_tab(window, STUDENTS_TAB)
    gui.click(students, "studentEmptyAddButton")
    assert students.dialog is not None
    gui.type_into(students.dialog, "studentDialogName", "Fajar Nugraha")
    window.lock()
    assert window.is_locked and not window.workspace.is_open
    assert prompter.calls == []  # nothing asked while locking
    unlock(qtbot, gui, window)
    qtbot.waitUntil(lambda: bool(prompter.errors))
    title, text = prompter.errors[0][1:]
    assert title == "Isian belum tersimpan tidak dapat disimpan"
    assert "hilang" in text and "Traceback" not in text


def test_closing_the_program_keeps_the_draft_in_the_vault(
    qtbot, gui: Gui, window: MainWindow, access: VaultAccess
) -> None:
    students = gui.open_tab(window, STUDENTS_TAB)
    gui.click(students, "studentEmptyAddButton")
    assert students.dialog is not None
    gui.type_into(students.dialog, "studentDialogName", "Fajar Nugraha")
    account_id = window.workspace.account.id
    window.close()
    qtbot.waitUntil(lambda: window.close_finished, timeout=10_000)
    again = access.unlock(account_id, PASSWORD)
    try:
        kept = DraftService(again).kept()
        assert [(d.form, d.target) for d in kept] == [(DraftForm.STUDENT, "")]
        assert kept[0].content["studentDialogName"] == "Fajar Nugraha"
    finally:
        again.lock()


def test_a_draft_reopens_only_for_the_account_that_typed_it(
    qtbot, gui: Gui, make_window, workspace: Workspace, kdf: KdfChooser
) -> None:
    budi = AccountService(workspace, kdf).add(
        name="Budi Hartono", role=Role.GURU_BK, password=PASSWORD, password_repeat=PASSWORD
    )
    window = make_window()
    students = gui.open_tab(window, STUDENTS_TAB)
    gui.click(students, "studentEmptyAddButton")
    assert students.dialog is not None
    gui.type_into(students.dialog, "studentDialogName", "Fajar Nugraha")
    window.lock()
    panel = window.lock_panel
    assert panel is not None
    account = gui.child(panel, QComboBox, "unlockAccount")
    account.setCurrentIndex(account.findData(budi.id))
    unlock(qtbot, gui, window)
    assert window.workspace.account.id == budi.id
    tab = window.tab_of(StudentsTab)
    assert tab is not None and tab.dialog is None
    assert "Fajar Nugraha" not in texts_shown(window)


def test_the_import_wizard_is_cancelled_by_the_lock_and_says_so(
    qtbot, gui: Gui, window: MainWindow, prompter: ScriptedPrompter
) -> None:
    students = gui.open_tab(window, STUDENTS_TAB)
    gui.click(students, "studentEmptyImportButton")
    assert students.import_wizard is not None
    qtbot.waitUntil(students.import_wizard.isVisible)
    window.lock()
    unlock(qtbot, gui, window)
    qtbot.waitUntil(lambda: bool(prompter.infos))
    assert "Impor siswa dibatalkan" in prompter.infos[0][2]
    tab = window.tab_of(StudentsTab)
    assert tab is not None and tab.import_wizard is None


def test_beranda_lists_drafts_older_than_30_days_and_discards_one(
    qtbot, gui: Gui, make_window, workspace: Workspace, clock: FixedClock, prompter
) -> None:
    # A screening draft whose request no longer exists cannot reopen: it waits.
    DraftService(workspace).keep([FormDraft(DraftForm.SCREENING, "9999", {"a": "b"})])
    window = make_window()
    home = window.tab_of(HomeTab)
    assert home is not None
    qtbot.wait(10)
    assert not home.drafts.isVisible()  # a young draft is not listed
    clock.advance(days=31)
    home.refresh()
    assert home.drafts.isVisible()
    assert home.drafts.model.rowCount() == 1
    assert home.drafts.model.index(0, 0).data() == "Asesmen awal"
    prompter.confirms.append(True)
    gui.click(home, "homeDiscardDraftButton")
    assert DraftService(window.workspace).kept() == []
    assert window.tabs is not None and window.tabs.currentIndex() == HOME_TAB
    qtbot.waitUntil(lambda: not home.drafts.isVisible())
