"""A red message goes once its field is corrected (issue 10, item 4): on every kind of form,
it never stays beside a valid value until the next "Simpan"."""

from __future__ import annotations

from pathlib import Path

from bk_desktop.domain.clock import FixedClock
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.paths import VaultPaths
from bk_desktop.ui.main_window import SETTINGS_TAB, MainWindow
from bk_desktop.ui.setup_wizard import SetupWizard
from bk_desktop.ui.student_dialog import StudentDialog
from bk_desktop.ui.tabs.admin.admin_tab import ACCOUNTS, AdminTab

from conftest import Gui, ScriptedPrompter
from support import PASSWORD


def test_a_date_error_goes_once_the_date_is_valid(
    qtbot, gui: Gui, workspace: Workspace, prompter: ScriptedPrompter
) -> None:
    dialog = StudentDialog(StudentService(workspace), prompter)
    qtbot.addWidget(dialog)
    dialog.show()
    gui.type_into(dialog, "studentDialogName", "Fajar Nugraha")
    gui.type_into(dialog, "studentDialogBirthDate", "31-02-2010")
    gui.click(dialog, "studentDialogSaveButton")
    assert dialog.error_text("birth_date") != ""
    gui.type_into(dialog, "studentDialogBirthDate", "28-02-2010")
    assert dialog.error_text("birth_date") == ""
    prompter.confirms.append(True)


def test_two_equal_passwords_carry_no_mismatch_message_in_the_setup_wizard(
    qtbot, gui: Gui, tmp_path: Path, clock: FixedClock, prompter: ScriptedPrompter
) -> None:
    access = VaultAccess(VaultPaths(tmp_path / "baru"), clock, KdfChooser(TEST_PARAMS))
    wizard = SetupWizard(access, prompter)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    gui.click(wizard, "setupNextButton")  # no school name yet
    assert gui.shown_text(wizard, "setupSchoolNameMessage") != ""
    gui.type_into(wizard, "setupSchoolName", "SMA Negeri 1 Bontang")
    assert gui.shown_text(wizard, "setupSchoolNameMessage") == ""
    gui.type_into(wizard, "setupCity", "Bontang")
    gui.click(wizard, "setupNextButton")
    gui.type_into(wizard, "setupAccountName", "Sari Wulandari")
    gui.type_into(wizard, "setupPassword", PASSWORD + "x")
    gui.type_into(wizard, "setupPasswordRepeat", PASSWORD)
    gui.click(wizard, "setupCommitButton")
    assert "tidak sama" in gui.shown_text(wizard, "setupPasswordRepeatMessage")
    gui.type_into(wizard, "setupPassword", PASSWORD)  # the first one was wrong
    assert gui.shown_text(wizard, "setupPasswordRepeatMessage") == ""
    wizard.done(0)


def test_a_mismatch_in_pengaturan_goes_when_either_password_changes(
    qtbot, gui: Gui, window: MainWindow
) -> None:
    admin = gui.open_tab(window, SETTINGS_TAB)
    assert isinstance(admin, AdminTab)
    admin.show_section(ACCOUNTS)
    gui.type_into(admin, "accountName", "Budi Hartono")
    gui.type_into(admin, "accountPassword", PASSWORD)
    gui.type_into(admin, "accountPasswordRepeat", PASSWORD + "x")
    gui.click(admin, "accountAddButton")
    qtbot.waitUntil(lambda: "tidak sama" in gui.shown_text(admin, "accountPasswordRepeatError"))
    gui.type_into(admin, "accountPassword", PASSWORD + "x")
    assert gui.shown_text(admin, "accountPasswordRepeatError") == ""
