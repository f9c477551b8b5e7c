"""Pengaturan, driven like a user over a real vault; every question goes to a scripted prompter."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.storage.errors import WrongPassword, WrongRecoveryKey
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.runner import BUG_MESSAGE, ModalRunner
from bk_desktop.ui.tabs.admin.accounts_page import AccountsModel
from bk_desktop.ui.tabs.admin.admin_tab import ACCOUNTS, BACKUP, SECURITY, AdminTab

from conftest import Gui, ScriptedPrompter
from support import PASSWORD

# The offscreen platform cannot pass a window's minimum size on, and says so whenever a window
# with a layout is shown; that is the test platform talking, not the tab.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

NEW_PASSWORD = "Hujan-Sore-di-Tanjung-Laut-7"
GURU_PASSWORD = "Teh-Manis-Kantin-Sekolah-9"


@dataclass
class Replacements:
    """What ``context.replace_workspace`` was handed, and whether it was open then."""

    workspaces: list[tuple[Workspace, bool]] = field(default_factory=list)

    def __call__(self, new: Workspace) -> None:
        self.workspaces.append((new, new.is_open))


@pytest.fixture
def replacements() -> Replacements:
    return Replacements()


@pytest.fixture
def context(
    workspace: Workspace, prompter: ScriptedPrompter, replacements: Replacements
) -> Iterator[UiContext]:
    ctx = UiContext(workspace, KdfChooser(TEST_PARAMS), prompter, replace_workspace=replacements)
    yield ctx
    ctx.workspace.lock()  # a restore leaves the context on a workspace the fixture does not know


def make_tab(qtbot: QtBot, context: UiContext) -> AdminTab:
    tab = AdminTab(context)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    return tab


@pytest.fixture
def tab(qtbot: QtBot, context: UiContext) -> AdminTab:
    return make_tab(qtbot, context)


def error_text(parent: QWidget, field_name: str) -> str:
    """The message under a field, or '' when none is showing."""
    label = parent.findChild(QLabel, f"{field_name}Error")
    assert label is not None, f"no error label under {field_name}"
    return label.text() if label.isVisibleTo(parent) else ""


SLOW_MS = 20_000  # a backup or restore on a busy test machine; never a sleep, only a ceiling


def wait_idle(qtbot: QtBot, tab: AdminTab) -> None:
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=SLOW_MS)


def table_names(gui: Gui, tab: AdminTab) -> list[str]:
    model = gui.child(tab, QTableView, "accountsTable").model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


# -- identity ---------------------------------------------------------------------------


def test_saving_the_school_name_stores_it_and_records_an_audit_event(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace
) -> None:
    gui.type_into(tab, "settingsSchoolName", "SMA Negeri 2 Bontang")
    gui.type_into(tab, "settingsPrincipalName", "Drs. H. Ahmad Yani, M.Pd.")
    gui.child(tab, QComboBox, "settingsTimezone").setCurrentIndex(0)  # WIB
    gui.click(tab, "settingsSaveButton")

    stored = SettingsService(workspace).get()
    assert stored.school_name == "SMA Negeri 2 Bontang"
    assert stored.principal_name == "Drs. H. Ahmad Yani, M.Pd."
    assert stored.timezone == "Asia/Jakarta"
    event = audit_repo.latest(workspace.db, AuditKind.SETTINGS_CHANGED)
    assert event is not None
    assert "school_name" in event.detail
    assert gui.child(tab, QLabel, "settingsSaveStatus").text() == "Tersimpan."


def test_an_empty_school_name_is_shown_under_the_field_and_nothing_is_stored(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace, prompter: ScriptedPrompter
) -> None:
    gui.type_into(tab, "settingsSchoolName", "   ")
    gui.type_into(tab, "settingsCity", "Samarinda")
    gui.click(tab, "settingsSaveButton")

    assert error_text(tab, "settingsSchoolName") == "Nama sekolah wajib diisi."
    assert prompter.errors == []
    stored = SettingsService(workspace).get()
    assert (stored.school_name, stored.city) == ("SMA Negeri 1 Bontang", "Bontang")
    assert audit_repo.latest(workspace.db, AuditKind.SETTINGS_CHANGED) is None

    gui.type_into(tab, "settingsSchoolName", "SMA Negeri 1 Bontang")
    gui.click(tab, "settingsSaveButton")
    assert error_text(tab, "settingsSchoolName") == ""
    assert SettingsService(workspace).get().city == "Samarinda"


def test_auto_lock_minutes_are_saved_and_announced(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace
) -> None:
    tab.show_section(SECURITY)
    spin = gui.child(tab, QSpinBox, "settingsAutoLock")
    assert (spin.minimum(), spin.maximum()) == (1, 120)
    spin.setValue(15)
    gui.click(tab, "settingsSecuritySaveButton")
    assert SettingsService(workspace).get().auto_lock_minutes == 15


# -- own password -------------------------------------------------------------------------


def test_a_wrong_old_password_is_shown_under_its_field(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace, access: VaultAccess
) -> None:
    tab.show_section(SECURITY)
    gui.type_into(tab, "passwordOld", "bukan-kata-sandinya")
    gui.type_into(tab, "passwordNew", NEW_PASSWORD)
    gui.type_into(tab, "passwordRepeat", NEW_PASSWORD)
    gui.click(tab, "changePasswordButton")
    wait_idle(qtbot, tab)

    assert error_text(tab, "passwordOld") == "Kata sandi lama salah."
    assert gui.child(tab, QLineEdit, "passwordOld").text() == ""
    workspace.lock()
    access.unlock(workspace.account.id, PASSWORD).lock()


def test_a_changed_password_opens_the_vault_after_locking(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace, access: VaultAccess
) -> None:
    tab.show_section(SECURITY)
    gui.type_into(tab, "passwordOld", PASSWORD)
    gui.type_into(tab, "passwordNew", NEW_PASSWORD)
    gui.type_into(tab, "passwordRepeat", NEW_PASSWORD)
    gui.click(tab, "changePasswordButton")
    wait_idle(qtbot, tab)

    assert "diganti" in gui.child(tab, QLabel, "changePasswordStatus").text()
    assert gui.child(tab, QLineEdit, "passwordNew").text() == ""
    account_id = workspace.account.id
    workspace.lock()
    with pytest.raises(WrongPassword):
        access.unlock(account_id, PASSWORD)
    access.unlock(account_id, NEW_PASSWORD).lock()


# -- accounts ---------------------------------------------------------------------------


def test_a_koordinator_adds_a_guru_bk_and_removes_the_account(
    qtbot: QtBot, gui: Gui, tab: AdminTab, access: VaultAccess, prompter: ScriptedPrompter
) -> None:
    tab.show_section(ACCOUNTS)
    gui.type_into(tab, "accountName", "Budi Santoso, S.Pd.")
    gui.type_into(tab, "accountNip", "198203152006041007")
    gui.type_into(tab, "accountPassword", GURU_PASSWORD)
    gui.type_into(tab, "accountPasswordRepeat", GURU_PASSWORD)
    assert gui.child(tab, QComboBox, "accountRole").currentData() == Role.GURU_BK.value
    gui.click(tab, "accountAddButton")
    wait_idle(qtbot, tab)

    assert "Budi Santoso, S.Pd." in table_names(gui, tab)
    assert "Budi Santoso, S.Pd." in [name for _, name in access.accounts()]
    table = gui.child(tab, QTableView, "accountsTable")
    row = table_names(gui, tab).index("Budi Santoso, S.Pd.")
    assert table.model().index(row, 1).data() == "Guru BK"
    assert table.model().index(row, 2).data() == "198203152006041007"

    table.selectRow(row)
    prompter.confirms.append(True)
    gui.click(tab, "accountRemoveButton")
    assert prompter.calls[-1][0] == "confirm"
    assert "Budi Santoso, S.Pd." not in table_names(gui, tab)
    assert "Budi Santoso, S.Pd." not in [name for _, name in access.accounts()]


def test_declining_the_removal_keeps_the_account(
    gui: Gui, tab: AdminTab, workspace: Workspace, context: UiContext, prompter: ScriptedPrompter
) -> None:
    AccountService(workspace, context.kdf).add(
        name="Budi Santoso",
        role=Role.GURU_BK,
        password=GURU_PASSWORD,
        password_repeat=GURU_PASSWORD,
    )
    tab.refresh()
    tab.show_section(ACCOUNTS)
    table = gui.child(tab, QTableView, "accountsTable")
    own_row = table_names(gui, tab).index(f"{workspace.account.name} (Anda)")
    table.selectRow(own_row)
    assert not gui.child(tab, QPushButton, "accountRemoveButton").isEnabled()

    table.selectRow(table_names(gui, tab).index("Budi Santoso"))
    prompter.confirms.append(False)
    gui.click(tab, "accountRemoveButton")
    assert "Budi Santoso" in table_names(gui, tab)


def test_a_bad_nip_is_shown_under_the_nip_field(qtbot: QtBot, gui: Gui, tab: AdminTab) -> None:
    tab.show_section(ACCOUNTS)
    gui.type_into(tab, "accountName", "Budi Santoso")
    gui.type_into(tab, "accountNip", "12345")
    gui.type_into(tab, "accountPassword", GURU_PASSWORD)
    gui.type_into(tab, "accountPasswordRepeat", GURU_PASSWORD)
    gui.click(tab, "accountAddButton")
    wait_idle(qtbot, tab)
    assert "18 digit" in error_text(tab, "accountNip")
    assert "Budi Santoso" not in table_names(gui, tab)


def test_a_guru_bk_cannot_add_or_remove_accounts_but_edits_own_profile(
    qtbot: QtBot, gui: Gui, workspace: Workspace, access: VaultAccess, prompter: ScriptedPrompter
) -> None:
    guru = AccountService(workspace, KdfChooser(TEST_PARAMS)).add(
        name="Budi Santoso",
        role=Role.GURU_BK,
        password=GURU_PASSWORD,
        password_repeat=GURU_PASSWORD,
    )
    workspace.lock()
    guru_workspace = access.unlock(guru.id, GURU_PASSWORD)
    context = UiContext(guru_workspace, KdfChooser(TEST_PARAMS), prompter)
    try:
        tab = make_tab(qtbot, context)
        tab.show_section(ACCOUNTS)
        assert not gui.child(tab, QPushButton, "accountAddButton").isEnabled()
        assert not gui.child(tab, QLineEdit, "accountName").isEnabled()
        table = gui.child(tab, QTableView, "accountsTable")
        for row in range(table.model().rowCount()):
            table.selectRow(row)
            assert not gui.child(tab, QPushButton, "accountRemoveButton").isEnabled()
        note = gui.child(tab, QLabel, "accountsRoleNote")
        assert note.isVisibleTo(tab)
        assert "Hanya Koordinator BK" in note.text()
        tab.show_section(SECURITY)
        assert not gui.child(tab, QPushButton, "recoveryReplaceButton").isEnabled()

        tab.show_section(ACCOUNTS)
        gui.type_into(tab, "profileNuptk", "1234567890123456")
        gui.click(tab, "profileSaveButton")
        assert guru_workspace.account.nuptk == "1234567890123456"
        assert "Budi Santoso (Anda)" in table_names(gui, tab)
    finally:
        guru_workspace.lock()


def test_the_accounts_model_is_a_well_behaved_model(
    qtmodeltester: ModelTester, workspace: Workspace, context: UiContext
) -> None:
    model = AccountsModel()
    model.set_accounts(context.accounts.list(), workspace.account.id)
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    model.set_accounts([], workspace.account.id)
    qtmodeltester.check(model)
    assert model.rowCount() == 0


# -- recovery key -------------------------------------------------------------------------


def test_a_new_recovery_key_is_shown_once_and_saved_as_a_card(
    qtbot: QtBot,
    gui: Gui,
    tab: AdminTab,
    workspace: Workspace,
    access: VaultAccess,
    created: tuple[Workspace, str],
    prompter: ScriptedPrompter,
    tmp_path: Path,
) -> None:
    old_key = created[1]
    tab.show_section(SECURITY)
    gui.type_into(tab, "recoveryPassword", PASSWORD)
    prompter.confirms.append(True)
    gui.click(tab, "recoveryReplaceButton")
    qtbot.waitUntil(lambda: tab.security.key_dialog is not None, timeout=SLOW_MS)
    dialog = tab.security.key_dialog
    assert dialog is not None
    new_key = gui.child(dialog, QLabel, "recoveryKeyText").text()
    assert new_key and new_key != old_key

    prompter.confirms.append(False)  # "Tetap tutup?" — no, go back
    gui.click(dialog, "recoveryKeyCloseButton")
    assert dialog.isVisible()

    prompter.files.append(tmp_path / "kartu")
    prompter.confirms.append(True)  # "Simpan di disk data BK?": the test's disk is the vault's
    gui.click(dialog, "recoveryCardSaveButton")
    card = tmp_path / "kartu.pdf"
    assert card.read_bytes().startswith(b"%PDF")
    with qtbot.waitSignal(dialog.finished):
        gui.click(dialog, "recoveryKeyCloseButton")
    assert prompter.errors == []

    account_id = workspace.account.id
    workspace.lock()
    with pytest.raises(WrongRecoveryKey):
        access.reset_password_with_recovery(old_key, account_id, NEW_PASSWORD, NEW_PASSWORD)
    access.reset_password_with_recovery(new_key, account_id, NEW_PASSWORD, NEW_PASSWORD).lock()


def test_locking_closes_the_key_dialog_without_asking(
    qtbot: QtBot, gui: Gui, tab: AdminTab, prompter: ScriptedPrompter
) -> None:
    tab.show_section(SECURITY)
    gui.type_into(tab, "recoveryPassword", PASSWORD)
    prompter.confirms.append(True)
    gui.click(tab, "recoveryReplaceButton")
    qtbot.waitUntil(lambda: tab.security.key_dialog is not None, timeout=SLOW_MS)
    dialog = tab.security.key_dialog
    assert dialog is not None

    prompter.confirms.append(False)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # a person: asked, and stays
    assert dialog.isVisible()
    asked = len(prompter.calls)
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()  # what the window's lock does: no question
    assert len(prompter.calls) == asked


def test_a_wrong_password_makes_no_new_recovery_key(
    qtbot: QtBot, gui: Gui, tab: AdminTab, prompter: ScriptedPrompter
) -> None:
    tab.show_section(SECURITY)
    gui.type_into(tab, "recoveryPassword", "salah-sama-sekali")
    prompter.confirms.append(True)
    gui.click(tab, "recoveryReplaceButton")
    wait_idle(qtbot, tab)
    assert error_text(tab, "recoveryPassword") == "Kata sandi salah."
    assert tab.security.key_dialog is None


# -- backups ----------------------------------------------------------------------------


def make_backup(gui: Gui, tab: AdminTab, prompter: ScriptedPrompter, folder: Path) -> Path:
    qtbot = gui.qtbot
    tab.show_section(BACKUP)
    prompter.folders.append(folder)
    gui.click(tab, "backupChooseFolderButton")
    assert gui.child(tab, QLineEdit, "backupFolder").text() == str(folder)
    gui.click(tab, "backupNowButton")
    qtbot.waitUntil(lambda: len(prompter.infos) == 1, timeout=SLOW_MS)
    wait_idle(qtbot, tab)
    written = list(folder.glob("*.bkbak"))
    assert len(written) == 1
    assert str(written[0]) in prompter.infos[0][2]
    return written[0]


def test_backup_now_writes_a_backup_into_the_chosen_folder(
    gui: Gui, tab: AdminTab, prompter: ScriptedPrompter, clock: FixedClock, tmp_path: Path
) -> None:
    tab.show_section(BACKUP)
    assert "belum pernah" in gui.child(tab, QLabel, "backupWarning").text()

    make_backup(gui, tab, prompter, tmp_path / "flashdisk")

    assert gui.child(tab, QLabel, "backupLast").text() == (
        "Minggu, 29 November 2026 08.30 WITA (baru saja)"
    )
    assert gui.child(tab, QLabel, "backupWarning").text().startswith("Baik:")
    clock.advance(days=8)
    tab.refresh()
    assert "8 hari yang lalu" in gui.child(tab, QLabel, "backupLast").text()
    warning = gui.child(tab, QLabel, "backupWarning").text()
    assert warning.startswith("Peringatan:") and "lebih dari 7 hari" in warning


def test_the_backup_folder_goes_back_to_the_default(
    gui: Gui, tab: AdminTab, workspace: Workspace, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    tab.show_section(BACKUP)
    default = gui.child(tab, QLineEdit, "backupFolder").text()
    assert not gui.child(tab, QPushButton, "backupDefaultFolderButton").isEnabled()
    prompter.folders.append(tmp_path / "usb")
    gui.click(tab, "backupChooseFolderButton")
    assert SettingsService(workspace).get().backup_folder == str(tmp_path / "usb")
    gui.click(tab, "backupDefaultFolderButton")
    assert SettingsService(workspace).get().backup_folder == ""
    assert gui.child(tab, QLineEdit, "backupFolder").text() == default


def open_restore_dialog(
    gui: Gui, tab: AdminTab, prompter: ScriptedPrompter, backup: Path
) -> QDialog:
    prompter.files.append(backup)
    gui.click(tab, "restoreButton")
    dialog = tab.backup.restore_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def rename_school(gui: Gui, tab: AdminTab, name: str) -> None:
    tab.show_section(0)
    gui.type_into(tab, "settingsSchoolName", name)
    gui.click(tab, "settingsSaveButton")


def test_restore_brings_back_the_backup_and_hands_over_the_new_session(
    qtbot: QtBot,
    gui: Gui,
    tab: AdminTab,
    context: UiContext,
    workspace: Workspace,
    prompter: ScriptedPrompter,
    replacements: Replacements,
    tmp_path: Path,
) -> None:
    backup = make_backup(gui, tab, prompter, tmp_path / "flashdisk")
    rename_school(gui, tab, "SMA Negeri 9 Samarinda")
    assert SettingsService(workspace).get().school_name == "SMA Negeri 9 Samarinda"

    tab.show_section(BACKUP)
    dialog = open_restore_dialog(gui, tab, prompter, backup)
    accounts = gui.child(dialog, QComboBox, "restoreAccount")
    assert accounts.currentText() == "Sari Wulandari"
    gui.type_into(dialog, "restorePassword", PASSWORD)
    prompter.confirms.append(True)
    gui.click(dialog, "restoreOkButton")
    qtbot.waitUntil(lambda: bool(replacements.workspaces), timeout=SLOW_MS)
    wait_idle(qtbot, tab)
    # "Brankas dipulihkan" is said from a zero-delay timer once the work is handed back.
    qtbot.waitUntil(lambda: bool(prompter.infos) and prompter.infos[-1][1] == "Brankas dipulihkan")

    assert "sebelum-pemulihan" in prompter.calls[-2][2]  # the confirmation said so
    restored, was_open = replacements.workspaces[0]
    assert was_open
    assert context.workspace is restored
    assert not workspace.is_open
    assert SettingsService(restored).get().school_name == "SMA Negeri 1 Bontang"
    assert gui.child(tab, QLineEdit, "settingsSchoolName").text() == "SMA Negeri 1 Bontang"
    assert prompter.infos[-1][1] == "Brankas dipulihkan"
    assert list((tmp_path / "flashdisk").glob("sebelum-pemulihan-*.bkbak"))


def test_restore_with_the_recovery_key_signs_in_as_the_chosen_account(
    qtbot: QtBot,
    gui: Gui,
    tab: AdminTab,
    created: tuple[Workspace, str],
    prompter: ScriptedPrompter,
    replacements: Replacements,
    tmp_path: Path,
) -> None:
    backup = make_backup(gui, tab, prompter, tmp_path / "flashdisk")
    dialog = open_restore_dialog(gui, tab, prompter, backup)
    gui.click(dialog, "restoreUseRecovery")
    assert not gui.child(dialog, QLineEdit, "restorePassword").isEnabled()
    gui.click(dialog, "restoreOkButton")  # empty key: refused in the dialog
    assert error_text(dialog, "restoreRecoveryKey")
    gui.type_into(dialog, "restoreRecoveryKey", created[1].lower())
    prompter.confirms.append(True)
    gui.click(dialog, "restoreOkButton")
    qtbot.waitUntil(lambda: bool(replacements.workspaces), timeout=SLOW_MS)
    wait_idle(qtbot, tab)
    restored, was_open = replacements.workspaces[0]
    assert was_open
    assert restored.account.id == created[0].account.id


def test_restore_with_a_wrong_password_shows_an_error_and_changes_nothing(
    qtbot: QtBot,
    gui: Gui,
    tab: AdminTab,
    context: UiContext,
    workspace: Workspace,
    prompter: ScriptedPrompter,
    replacements: Replacements,
    tmp_path: Path,
) -> None:
    backup = make_backup(gui, tab, prompter, tmp_path / "flashdisk")
    rename_school(gui, tab, "SMA Negeri 9 Samarinda")
    tab.show_section(BACKUP)
    dialog = open_restore_dialog(gui, tab, prompter, backup)
    gui.type_into(dialog, "restorePassword", "bukan-kata-sandinya")
    prompter.confirms.append(True)
    gui.click(dialog, "restoreOkButton")
    qtbot.waitUntil(lambda: bool(prompter.errors), timeout=SLOW_MS)
    wait_idle(qtbot, tab)

    assert "Kata sandi salah" in prompter.errors[0][2]
    assert replacements.workspaces == []
    assert context.workspace is workspace and workspace.is_open
    assert SettingsService(workspace).get().school_name == "SMA Negeri 9 Samarinda"
    assert not list((tmp_path / "flashdisk").glob("sebelum-pemulihan-*.bkbak"))


def test_a_file_that_is_not_a_backup_is_refused_before_any_question(
    gui: Gui, tab: AdminTab, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    bogus = tmp_path / "tugas.bkbak"
    bogus.write_text("bukan cadangan", encoding="utf-8")
    tab.show_section(BACKUP)
    prompter.files.append(bogus)
    gui.click(tab, "restoreButton")
    assert tab.backup.restore_dialog is None
    assert "tidak dapat dipakai" in prompter.errors[0][2]


# -- slow work ----------------------------------------------------------------------------


def test_slow_work_shows_a_busy_indicator_and_the_window_keeps_running(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    owner.show()
    runner = ModalRunner(owner)
    gate = threading.Event()
    results: list[str] = []
    shown: list[KnownError] = []

    def work() -> str:
        return "selesai" if gate.wait(30) else ""

    runner.run("Membuat cadangan…", work, results.append, shown.append)

    def indicator() -> QProgressDialog | None:
        return owner.findChild(QProgressDialog, "busyDialog")

    qtbot.waitUntil(lambda: (d := indicator()) is not None and d.isVisible(), timeout=SLOW_MS)
    assert runner.is_busy() and results == []
    gate.set()
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=SLOW_MS)
    assert results == ["selesai"] and shown == []
    qtbot.waitUntil(lambda: indicator() is None)


def test_a_bug_in_slow_work_reaches_the_page_as_the_generic_message(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    runner = ModalRunner(owner)
    shown: list[KnownError] = []

    def broken() -> None:
        raise RuntimeError("Siti Aminah")  # a bug's text may quote a record

    runner.run("…", broken, lambda _r: None, shown.append)
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=SLOW_MS)
    assert [e.message for e in shown] == [BUG_MESSAGE]


# -- every control a user acts on can be found and named ---------------------------------


def test_every_control_has_an_object_name_and_an_accessible_name(tab: AdminTab) -> None:
    kinds = (QLineEdit, QAbstractButton, QComboBox, QAbstractSpinBox, QTableView)
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r}"
        for kind in kinds
        for w in tab.findChildren(kind)
        if not isinstance(w.parent(), (QComboBox, QAbstractSpinBox, QTableView))
        and w.parent() is not None
        and type(w.parent()).__name__ not in {"QHeaderView", "QTableCornerButton"}
        and (not w.objectName() or not w.accessibleName())
    ]
    assert unnamed == []
    assert len(tab.findChildren(QAbstractButton)) > 10  # the check did look at something
