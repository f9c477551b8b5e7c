"""The main window: its tabs, Beranda's vault tiles, locking by hand and by idleness, closing
with a backup."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from test_requests_tab import add_student

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.dates import format_instant
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.backup import BackupService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.backup_archive import SUFFIX
from bk_desktop.storage.errors import VaultInUse
from bk_desktop.ui.lock import LockPanel
from bk_desktop.ui.main_window import (
    HOME_TAB,
    REQUESTS_TAB,
    SCREENING_TAB,
    SETTINGS_TAB,
    STUDENTS_TAB,
    MainWindow,
)
from bk_desktop.ui.tab_table import TabKey, index_of
from bk_desktop.ui.tabs.admin.admin_tab import AdminTab
from bk_desktop.ui.tabs.home_tab import HomeTab
from bk_desktop.ui.tabs.requests_tab import RequestsTab
from bk_desktop.ui.tabs.students_tab import StudentsTab

from conftest import press_ctrl_l
from support import PASSWORD

SCHOOL = "SMA Negeri 1 Bontang"
COUNSELLOR = "Sari Wulandari"


def visible_texts(window: MainWindow) -> list[tuple[str, str]]:
    """(objectName, text) of everything a person could read in the window right now."""
    found: list[tuple[str, str]] = [("windowTitle", window.windowTitle())]
    widgets = [window, *window.findChildren(QWidget)]
    for top in QApplication.topLevelWidgets():
        if top is not window and top.isVisible():
            widgets += [top, *top.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible():
            continue
        name = widget.objectName()
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            found.append((name, widget.text()))
        elif isinstance(widget, QComboBox):
            found += [(name, widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            found += [(name, widget.tabText(i)) for i in range(widget.count())]
        found.append((name, widget.windowTitle()))
        found.append((name, widget.toolTip()))
    return found


def assert_no_records_visible(window: MainWindow) -> None:
    leaks = [
        (name, text)
        for name, text in visible_texts(window)
        if (SCHOOL in text or COUNSELLOR in text) and name != "unlockAccount"
    ]
    assert leaks == []


def unlock(qtbot, gui, window: MainWindow, password: str = PASSWORD) -> None:
    panel = window.lock_panel
    assert panel is not None
    gui.type_into(panel, "unlockPassword", password)
    gui.click(panel, "unlockButton")
    qtbot.waitUntil(lambda: not window.is_locked)


# -- the window --------------------------------------------------------------------------


def test_title_tabs_and_status_bar_name_the_school_and_the_counsellor(
    window: MainWindow, gui
) -> None:
    assert window.windowTitle() == f"bk-desktop — {SCHOOL}"
    tabs = window.tabs
    assert tabs is not None
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Beranda",
        "Siswa",
        "Pengajuan",
        "Penyaringan",
        "Jadwal",
        "Konseling",
        "Kotak Saran",
        "Laporan",
        "Pengaturan",
    ]
    assert gui.text(window, "statusAccount") == f"Masuk sebagai: {COUNSELLOR} (Koordinator BK)"
    # The school is named once, in the title; Beranda and the status bar do not repeat it.
    assert window.findChild(QLabel, "statusSchool") is None
    assert {name for name, text in visible_texts(window) if SCHOOL in text} == {
        "windowTitle",
        "mainWindow",  # the same title, read from the window itself
    }


COUNSELLING_TAB = index_of(TabKey.COUNSELLING)
SCHEDULE_TAB = index_of(TabKey.SCHEDULE)
TAB_NAMES = [
    "homeTab",
    "studentsTab",
    "requestsTab",
    "screeningTab",
    "scheduleTab",
    "counsellingTab",
    "complaintsTab",
    "reportTab",
    "settingsTab",
]


def test_only_beranda_is_built_at_start_and_each_tab_when_first_opened(
    window: MainWindow, gui
) -> None:
    built = [name for name in TAB_NAMES if window.findChild(QWidget, name) is not None]
    assert built == ["homeTab"]
    assert window.tab_of(StudentsTab) is None and window.tab_of(AdminTab) is None
    for index in (
        REQUESTS_TAB,
        SETTINGS_TAB,
        STUDENTS_TAB,
        SCREENING_TAB,
        SCHEDULE_TAB,
        COUNSELLING_TAB,
        index_of(TabKey.COMPLAINTS),
        index_of(TabKey.REPORT),
    ):
        tab = gui.open_tab(window, index)
        assert tab.objectName() == TAB_NAMES[index]
        assert window.tabs is not None and window.tabs.widget(index).isAncestorOf(tab)
    again = gui.open_tab(window, REQUESTS_TAB)
    assert again is window.tab_of(RequestsTab)  # built once
    assert [window.findChildren(QWidget, name) != [] for name in TAB_NAMES] == [True] * 9


def test_beranda_names_school_and_counsellor_nowhere_but_title_and_status_bar(
    window: MainWindow, gui
) -> None:
    home = window.tab_of(HomeTab)
    assert home is not None
    page = [label.text() for label in home.findChildren(QLabel) if label.isVisibleTo(home)]
    assert not any(SCHOOL in text for text in page)
    assert not any(COUNSELLOR in text or "Masuk sebagai" in text for text in page)
    assert not any("Ukuran brankas" in text for text in page)


def test_an_empty_vault_is_not_warned_about_a_missing_backup_right_after_setup(
    window: MainWindow, gui
) -> None:
    home = window.tab_of(HomeTab)
    assert home is not None
    assert gui.text(home, "homeBackupDate") == "Belum pernah"
    assert gui.child(home, QWidget, "homeBackupState").property("stale") is False
    assert "Peringatan" not in gui.shown_text(home, "homeBackupWarning")
    assert "Belum ada catatan" in gui.shown_text(home, "homeBackupWarning")


def test_a_vault_with_students_and_no_backup_is_warned_about(
    make_window, workspace: Workspace, gui
) -> None:
    add_student(workspace, "Ayu Lestari")
    home = make_window().tab_of(HomeTab)
    assert home is not None
    warning = gui.shown_text(home, "homeBackupWarning")
    assert "Peringatan" in warning and "belum pernah dicadangkan" in warning
    assert gui.child(home, QWidget, "homeBackupState").property("stale") is True
    assert not gui.child(home, QLabel, "homeBackupStateIcon").pixmap().isNull()


def test_a_backup_older_than_seven_days_is_warned_about_in_words(
    make_window, workspace: Workspace, clock: FixedClock, gui
) -> None:
    made_at = clock.now()
    BackupService(workspace).backup()
    clock.advance(days=8)
    window = make_window()
    home = window.tab_of(HomeTab)
    assert home is not None
    assert gui.text(home, "homeBackupDate") == format_instant(made_at, "Asia/Makassar")
    assert gui.text(home, "homeBackupDate") == "Minggu, 29 November 2026 08.30 WITA"
    assert gui.shown_text(home, "homeBackupAge") == "8 hari yang lalu"
    warning = gui.shown_text(home, "homeBackupWarning")
    assert "Peringatan" in warning and "lebih dari 7 hari" in warning
    assert gui.child(home, QWidget, "homeBackupState").property("stale") is True


def test_cadangkan_sekarang_writes_a_backup_and_clears_the_warning(
    qtbot, window: MainWindow, workspace: Workspace, gui
) -> None:
    home = window.tab_of(HomeTab)
    assert home is not None
    gui.click(home, "homeBackupButton")
    qtbot.waitUntil(lambda: bool(gui.shown_text(home, "homeBackupMessage")))
    folder = workspace.vault.paths.folder / "cadangan"
    written = list(folder.glob(f"*{SUFFIX}"))
    assert len(written) == 1
    assert str(written[0]) in gui.shown_text(home, "homeBackupMessage")
    assert gui.shown_text(home, "homeBackupAge") == "baru saja"
    assert "Cadangan masih baru" in gui.shown_text(home, "homeBackupWarning")
    assert gui.child(home, QWidget, "homeBackupState").property("stale") is False


def test_changed_settings_reach_the_title_and_the_idle_time(
    window: MainWindow, workspace: Workspace, gui
) -> None:
    service = SettingsService(workspace)
    service.save(replace(service.get(), school_name="SMA Negeri 2 Bontang", auto_lock_minutes=1))
    assert window.windowTitle() == "bk-desktop — SMA Negeri 2 Bontang"
    assert window.inactivity.interval_ms == 60_000


# -- locking -----------------------------------------------------------------------------


def test_ctrl_l_locks_hides_every_record_and_drops_the_key(
    qtbot, window: MainWindow, workspace: Workspace
) -> None:
    assert f"bk-desktop — {SCHOOL}" in [text for _, text in visible_texts(window)]
    press_ctrl_l(qtbot, window)
    assert window.is_locked
    assert isinstance(window.centralWidget(), LockPanel)
    assert not workspace.is_open
    assert not workspace.vault.is_open
    assert window.tabs is None and window.tab_of(HomeTab) is None
    assert window.windowTitle() == "bk-desktop — Terkunci"
    assert not window.lock_action.isEnabled()
    assert_no_records_visible(window)
    combo = window.lock_panel.form.account
    assert combo.currentText() == COUNSELLOR  # the same account, ready for the password


def test_a_locked_window_keeps_a_second_program_out_until_it_closes(
    qtbot, gui, window: MainWindow, workspace: Workspace
) -> None:
    press_ctrl_l(qtbot, window)
    second = VaultAccess(window.access.paths, window.access.clock, window.access.kdf)
    with pytest.raises(VaultInUse):  # a second start while the window waits for the password
        second.unlock(workspace.account.id, PASSWORD)
    unlock(qtbot, gui, window)
    with pytest.raises(VaultInUse):  # and of course while it is open
        second.unlock(workspace.account.id, PASSWORD)
    press_ctrl_l(qtbot, window)
    window.drop_key()  # what closing the program does last
    assert not window.access.holds_lock
    second.unlock(workspace.account.id, PASSWORD).lock()


def test_locking_closes_open_dialogs(qtbot, window: MainWindow) -> None:
    dialog = QDialog(window)
    dialog.setWindowTitle(f"Catatan {COUNSELLOR}")
    with qtbot.waitExposed(dialog):
        dialog.open()
    window.lock()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert_no_records_visible(window)


@pytest.mark.parametrize("index", [SETTINGS_TAB, REQUESTS_TAB])
def test_unlocking_returns_to_the_same_tab_with_fresh_tabs(
    qtbot, window: MainWindow, gui, index: int
) -> None:
    old = gui.open_tab(window, index)
    old_home = window.tab_of(HomeTab)
    window.lock()
    unlock(qtbot, gui, window)
    assert window.tabs is not None
    assert window.tabs.currentIndex() == index
    current = window.tab(index)
    assert current is not None and current is not old and current.isVisible()
    assert window.tab_of(HomeTab) is None  # built again when Beranda is opened
    assert window.workspace.is_open
    assert window.windowTitle() == f"bk-desktop — {SCHOOL}"
    home = gui.open_tab(window, HOME_TAB)
    assert home is not old_home
    assert window.lock_action.isEnabled() and window.inactivity.active


def test_locking_closes_a_dialog_of_pengajuan_and_hides_its_records(
    qtbot, window: MainWindow, gui
) -> None:
    requests = gui.open_tab(window, REQUESTS_TAB)
    gui.click(requests, "requestNewButton")
    dialog = requests.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    window.lock()
    assert window.is_locked and not dialog.isVisible()
    assert_no_records_visible(window)
    unlock(qtbot, gui, window)
    assert window.tabs is not None and window.tabs.currentIndex() == REQUESTS_TAB


def test_lock_waits_for_the_import_wizard_then_closes_it(qtbot, window: MainWindow, gui) -> None:
    students = gui.open_tab(window, STUDENTS_TAB)
    gui.click(students, "studentEmptyImportButton")
    wizard = students.import_wizard
    assert wizard is not None
    qtbot.waitUntil(wizard.isVisible)
    release = threading.Event()
    # A step of the wizard holding the vault in its worker thread, as reading a file does.
    wizard.file_page.run(
        "Membaca berkas…", lambda: release.wait(10), lambda _r: None, lambda _e: None
    )
    window.lock()
    assert not window.is_locked and wizard.isVisible()
    release.set()
    qtbot.waitUntil(lambda: window.is_locked)
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
    assert not window.workspace.is_open
    assert_no_records_visible(window)


def test_a_wrong_password_on_the_lock_panel_keeps_it_locked(qtbot, window: MainWindow, gui) -> None:
    window.lock()
    panel = window.lock_panel
    assert panel is not None
    gui.type_into(panel, "unlockPassword", "bukan-kata-sandinya")
    gui.click(panel, "unlockButton")
    qtbot.waitUntil(lambda: bool(gui.shown_text(panel, "unlockMessage")))
    assert window.is_locked
    assert "Kata sandi salah" in gui.shown_text(panel, "unlockMessage")
    assert_no_records_visible(window)


def test_idle_window_locks_itself_and_shows_no_record(
    qtbot, make_window, workspace: Workspace
) -> None:
    window = make_window(lock_interval_ms=150)
    assert not window.is_locked
    qtbot.waitUntil(lambda: window.is_locked, timeout=5_000)
    assert not workspace.is_open
    assert_no_records_visible(window)


def test_user_input_restarts_the_idle_timer(qtbot, window: MainWindow) -> None:
    timer = window.inactivity
    timer.set_interval(60_000)
    qtbot.waitUntil(lambda: timer.remaining_ms() < 59_900)
    home = window.tab_of(HomeTab)
    assert home is not None
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Shift)  # as the system delivers it
    assert timer.remaining_ms() >= 59_900
    qtbot.waitUntil(lambda: timer.remaining_ms() < 59_900)
    qtbot.mouseMove(window.windowHandle(), QPoint(200, 200))
    assert timer.remaining_ms() >= 59_900


def test_lock_waits_for_a_running_backup(qtbot, window: MainWindow, gui) -> None:
    home = window.tab_of(HomeTab)
    assert home is not None
    gui.click(home, "homeBackupButton")
    window.lock()
    assert not window.is_locked  # the backup still holds the vault
    qtbot.waitUntil(lambda: window.is_locked)
    assert not window.workspace.is_open


def test_the_recovery_key_opens_a_locked_window(
    qtbot, window: MainWindow, created: tuple[Workspace, str], gui
) -> None:
    window.lock()
    panel = window.lock_panel
    assert panel is not None
    gui.click(panel, "unlockForgotButton")
    recovery = panel.form.recovery_dialog
    assert recovery is not None
    gui.type_into(recovery, "recoveryKey", created[1])
    gui.type_into(recovery, "recoveryPassword", "Hujan-Sore-di-Tanjung-Laut-7")
    gui.type_into(recovery, "recoveryPasswordRepeat", "Hujan-Sore-di-Tanjung-Laut-7")
    gui.click(recovery, "recoveryButton")
    qtbot.waitUntil(lambda: not window.is_locked)
    assert window.workspace.is_open


# -- closing -----------------------------------------------------------------------------


def test_closing_makes_an_automatic_backup_then_locks(
    qtbot, window: MainWindow, workspace: Workspace, prompter
) -> None:
    window.close()
    qtbot.waitUntil(lambda: window.close_finished)
    assert not window.isVisible()
    assert not workspace.is_open
    written = list((workspace.vault.paths.folder / "cadangan").glob(f"otomatis-*{SUFFIX}"))
    assert len(written) == 1
    assert prompter.errors == []


def test_a_failed_automatic_backup_is_explained_and_the_window_still_closes(
    qtbot, make_window, workspace: Workspace, prompter, tmp_path: Path
) -> None:
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("ini berkas, bukan folder")
    service = SettingsService(workspace)
    service.save(replace(service.get(), backup_folder=str(blocker)))
    window = make_window()
    window.close()
    qtbot.waitUntil(lambda: window.close_finished)
    assert not workspace.is_open
    assert len(prompter.errors) == 1
    title, text = prompter.errors[0][1:]
    assert title == "Cadangan otomatis gagal"
    assert "Data tetap aman di brankas" in text
    assert "Traceback" not in text


@pytest.mark.parametrize(
    "index", [HOME_TAB, STUDENTS_TAB, REQUESTS_TAB, SCREENING_TAB, SETTINGS_TAB]
)
def test_nothing_is_clipped_at_1366_by_768(qtbot, window: MainWindow, gui, index: int) -> None:
    tab = gui.open_tab(window, index)
    qtbot.waitUntil(tab.isVisible)
    for label in tab.findChildren(QLabel):
        if not label.isVisible() or not label.text() or label.wordWrap():
            continue
        assert label.width() >= label.sizeHint().width(), label.objectName()


def test_a_locked_window_closes_at_once_without_a_backup(
    window: MainWindow, workspace: Workspace
) -> None:
    window.lock()
    window.close()
    assert window.close_finished and not window.isVisible()
    assert not list((workspace.vault.paths.folder / "cadangan").glob(f"*{SUFFIX}"))


def test_lock_waits_for_work_running_in_pengaturan(qtbot, window: MainWindow, gui) -> None:
    release = threading.Event()
    gui.open_tab(window, SETTINGS_TAB)
    tab = window.tab_of(AdminTab)
    assert tab is not None
    tab.runner.run("Menunggu…", lambda: release.wait(10), lambda _r: None, lambda _e: None)
    window.lock()
    assert not window.is_locked
    release.set()
    qtbot.waitUntil(lambda: window.is_locked)
    assert not window.workspace.is_open


def test_input_in_a_dialog_counts_as_activity_too(qtbot, window: MainWindow) -> None:
    timer = window.inactivity
    timer.set_interval(60_000)
    dialog = QDialog(window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.waitUntil(lambda: timer.remaining_ms() < 59_900)
    qtbot.keyClick(dialog.windowHandle(), Qt.Key.Key_Shift)
    assert timer.remaining_ms() >= 59_900
    dialog.close()
