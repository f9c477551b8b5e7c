"""Beranda's "today": counts, the waiting queue with its clocks, and opening a request from it.

Requests are made through the services over the fixture's real vault; time comes from the
fixture's ``FixedClock`` (Minggu, 29 November 2026 08.30 WITA) and is moved, never waited for.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QWidget

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import ActionItemDraft
from bk_desktop.domain.requests import Assent, RequestSource, Urgency
from bk_desktop.domain.scheduling import week_of
from bk_desktop.domain.screening import Bidang, RiskLevel, ScreeningDraft, ServiceKind
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.backup import BackupService
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.kit.palette import ERROR_TEXT, OK_TEXT, WARNING_TEXT
from bk_desktop.ui.main_window import (
    HOME_TAB,
    REQUESTS_TAB,
    SCREENING_TAB,
    STUDENTS_TAB,
    MainWindow,
)
from bk_desktop.ui.tab_table import TabKey, index_of
from bk_desktop.ui.tabs.counselling_tab import CounsellingTab
from bk_desktop.ui.tabs.home_day import SHOWN_ROWS
from bk_desktop.ui.tabs.home_queue import QueueColumn, QueueModel
from bk_desktop.ui.tabs.home_tab import TICK_MS, HomeTab
from bk_desktop.ui.tabs.requests_tab import RequestsTab
from bk_desktop.ui.tabs.schedule_tab import ScheduleTab
from bk_desktop.ui.tabs.screening_tab import ScreeningTab

from conftest import Gui, press_ctrl_l, texts_in
from support import hold_session

COLUMNS = list(QueueColumn)


# -- building blocks ---------------------------------------------------------------------------


def add_student(workspace: Workspace, name: str, rombel: str = "X MIPA 1") -> int:
    year: AcademicYear = TermService(workspace).current().year
    return StudentService(workspace).create(
        StudentDraft(name=name, placements=(ClassPlacement(year, rombel),))
    )


def add_request(workspace: Workspace, student_id: int, urgency: Urgency = Urgency.BIASA) -> int:
    return RequestService(workspace).create(
        RequestForm(
            student_id=student_id,
            source=RequestSource.SISWA_SENDIRI,
            reason="Sering terlambat masuk kelas.",
            urgency=urgency,
        )
    )


def screen_for_counselling(workspace: Workspace, request_id: int) -> None:
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.BELAJAR}),
            symptoms="Sering terlambat.",
            risk=RiskLevel.RENDAH,
            decision=ServiceKind.KONSELING_INDIVIDUAL,
            reason="Perlu dibicarakan empat mata.",
        ),
    )


def home_of(window: MainWindow) -> HomeTab:
    home = window.tab_of(HomeTab)
    assert home is not None
    return home


def queue(home: HomeTab) -> QTableView:
    found = home.findChild(QTableView, "homeQueue")
    assert found is not None
    return found


def cell(home: HomeTab, row: int, column: QueueColumn, role: int = 0) -> object:
    return (
        queue(home)
        .model()
        .index(row, COLUMNS.index(column))
        .data(role or Qt.ItemDataRole.DisplayRole)
    )


def rows(home: HomeTab) -> list[tuple[str, ...]]:
    model = queue(home).model()
    return [
        tuple(str(model.index(r, c).data()) for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def count(home: HomeTab, name: str) -> str:
    label = home.findChild(QLabel, f"homeCount{name}Value")
    assert label is not None
    return label.text()


def colour(home: HomeTab, row: int, column: QueueColumn) -> str:
    brush = cell(home, row, column, Qt.ItemDataRole.ForegroundRole)
    return brush.color().name()  # type: ignore[attr-defined]


def double_click(qtbot, view: QTableView, row: int) -> None:
    index = view.model().index(row, COLUMNS.index(QueueColumn.STUDENT))
    view.scrollTo(index)
    where = view.visualRect(index).center()
    # A person's double click begins with a click: Qt's test double click alone is taken for a
    # lone press by the item view, which then sees no double click on the pressed row.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)


# -- the queue ---------------------------------------------------------------------------------


def test_a_new_request_shows_on_beranda_with_its_countdown(
    workspace: Workspace, make_window
) -> None:
    ani = add_student(workspace, "Ani Lestari", "X MIPA 2")
    add_request(workspace, ani)
    home = home_of(make_window())
    assert rows(home) == [
        (
            "Biasa",
            "Ani Lestari",
            "X MIPA 2",
            "Menunggu penyaringan",
            "29 November 2026 08.30",
            "Sisa 1 hari",
        )
    ]
    header = queue(home).model().headerData(COLUMNS.index(QueueColumn.RECEIVED), Qt.Horizontal)
    assert header == "Diterima (WITA)"
    assert colour(home, 0, QueueColumn.DEADLINE) == OK_TEXT
    decoration = cell(home, 0, QueueColumn.DEADLINE, Qt.ItemDataRole.DecorationRole)
    assert isinstance(decoration, QIcon) and not decoration.isNull()
    spoken = cell(home, 0, QueueColumn.DEADLINE, Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == "Sisa 1 hari (Dalam batas waktu)"
    assert (count(home, "Screening"), count(home, "Schedule")) == ("1", "0")
    assert (count(home, "Overdue"), count(home, "Darurat")) == ("0", "0")
    assert home.findChild(QWidget, "homeQueueEmpty").isHidden()


def test_the_countdown_turns_amber_then_red_and_says_terlambat(
    workspace: Workspace, clock: FixedClock, make_window
) -> None:
    add_request(workspace, add_student(workspace, "Budi Santoso"))
    home = home_of(make_window())

    clock.advance(hours=23)
    home.tick()
    assert cell(home, 0, QueueColumn.DEADLINE) == "Sisa 1 jam"
    assert colour(home, 0, QueueColumn.DEADLINE) == WARNING_TEXT

    clock.advance(hours=2)  # 25 hours after it was received
    home.refresh()
    assert cell(home, 0, QueueColumn.DEADLINE) == "Terlambat 1 jam"
    assert colour(home, 0, QueueColumn.DEADLINE) == ERROR_TEXT
    tip = cell(home, 0, QueueColumn.DEADLINE, Qt.ItemDataRole.ToolTipRole)
    assert str(tip).startswith("Terlambat. Batas: Senin, 30 November 2026 08.30 WITA")
    assert count(home, "Overdue") == "1"
    overdue_tile = home.findChild(QWidget, "homeCountOverdueIcon")
    assert overdue_tile is not None and overdue_tile.isVisible()  # red with an icon, not alone


def test_darurat_comes_first_then_overdue_then_by_deadline(
    workspace: Workspace, clock: FixedClock, make_window
) -> None:
    late = add_request(workspace, add_student(workspace, "Citra Dewi"))
    clock.advance(hours=20)
    soon = add_request(workspace, add_student(workspace, "Dewi Kartika"))
    clock.advance(hours=2)
    urgent = add_request(workspace, add_student(workspace, "Eko Prasetyo"), Urgency.DARURAT)
    clock.advance(hours=3)  # Citra's 24 hours are over; Dewi's and Eko's are not
    home = home_of(make_window())
    model = queue(home).model()
    order = [model.index(r, 0).data(QueueModel.ID_ROLE) for r in range(model.rowCount())]
    assert order == [urgent, late, soon]
    assert cell(home, 0, QueueColumn.PRIORITY) == "DARURAT"
    assert colour(home, 0, QueueColumn.PRIORITY) == ERROR_TEXT
    marker = cell(home, 0, QueueColumn.PRIORITY, Qt.ItemDataRole.DecorationRole)
    assert isinstance(marker, QIcon) and not marker.isNull()
    assert cell(home, 0, QueueColumn.STUDENT, Qt.ItemDataRole.BackgroundRole) is not None
    assert cell(home, 1, QueueColumn.STUDENT, Qt.ItemDataRole.BackgroundRole) is None
    assert str(cell(home, 1, QueueColumn.DEADLINE)).startswith("Terlambat")
    assert count(home, "Darurat") == "1"
    assert count(home, "Overdue") == "1"


def test_the_clocks_tick_only_while_beranda_is_showing(
    workspace: Workspace, clock: FixedClock, make_window, gui: Gui
) -> None:
    add_request(workspace, add_student(workspace, "Fajar Nugroho"))
    window = make_window()
    home = home_of(window)
    assert home.timer.isActive() and home.timer.interval() == TICK_MS
    clock.advance(minutes=30)
    home.timer.timeout.emit()  # what the timer does every half minute
    assert cell(home, 0, QueueColumn.DEADLINE) == "Sisa 23 jam 30 menit"
    gui.open_tab(window, STUDENTS_TAB)
    assert not home.timer.isActive()
    gui.open_tab(window, HOME_TAB)
    assert home.timer.isActive()


def test_on_a_narrow_window_the_vault_tiles_go_under_the_queue(
    qtbot, workspace: Workspace, make_window
) -> None:
    add_request(workspace, add_student(workspace, "Gita Permata Sari Ningrum"))
    window = make_window()
    home = home_of(window)
    card = home.findChild(QWidget, "homeQueueCard")
    tiles = home.findChild(QWidget, "homeVaultTiles")
    assert tiles.x() > card.x() and tiles.y() == card.y()  # beside it at 1366 px
    window.resize(1000, 700)  # 1366 px at 150 % scaling is about 910 wide
    qtbot.waitUntil(lambda: tiles.y() > card.y() + card.height() - 1)
    name = queue(home).visualRect(queue(home).model().index(0, COLUMNS.index(QueueColumn.STUDENT)))
    shown = queue(home).fontMetrics().horizontalAdvance("Gita Permata Sari Ningrum")
    assert name.width() > shown  # the name is not cut short


def test_the_queue_keeps_the_selected_request_when_the_clocks_move(
    qtbot, workspace: Workspace, clock: FixedClock, make_window
) -> None:
    add_request(workspace, add_student(workspace, "Gita Permata"))
    second = add_request(workspace, add_student(workspace, "Hadi Wijaya"))
    home = home_of(make_window())
    assert home.select(second)
    clock.advance(minutes=5)
    home.tick()
    assert home.selected_id == second


def test_an_empty_queue_says_what_to_do_and_opens_pengajuan(qtbot, make_window, gui: Gui) -> None:
    window = make_window()
    home = home_of(window)
    assert gui.shown_text(home, "homeQueueEmptyText") == (
        "Tidak ada permohonan yang menunggu. Permohonan baru dicatat di tab Pengajuan."
    )
    text = gui.child(home, QLabel, "homeQueueEmptyText")
    assert text.height() >= text.heightForWidth(text.width())  # every line of it shows
    assert count(home, "Screening") == "0"
    gui.click(home, "homeQueueEmptyButton")
    assert window.tabs is not None and window.tabs.currentIndex() == REQUESTS_TAB
    assert window.tab_of(RequestsTab) is not None and window.tab_of(RequestsTab).isVisible()


def test_double_click_opens_a_request_waiting_for_screening_in_penyaringan(
    qtbot, workspace: Workspace, make_window
) -> None:
    add_request(workspace, add_student(workspace, "Indah Sari"))
    wanted = add_request(workspace, add_student(workspace, "Joko Susilo"))
    window = make_window()
    home = home_of(window)
    double_click(qtbot, queue(home), home.queue.model.row_of(wanted) or 0)
    assert window.tabs is not None and window.tabs.currentIndex() == SCREENING_TAB
    screening = window.tab_of(ScreeningTab)
    assert screening is not None and screening.selected_id == wanted


def test_double_click_opens_a_request_waiting_for_a_schedule_in_pengajuan(
    qtbot, workspace: Workspace, make_window
) -> None:
    waiting = add_request(workspace, add_student(workspace, "Kartika Putri"))
    screen_for_counselling(workspace, waiting)
    window = make_window()
    home = home_of(window)
    assert cell(home, 0, QueueColumn.STAGE) == "Menunggu jadwal"
    assert count(home, "Schedule") == "1"
    double_click(qtbot, queue(home), 0)
    assert window.tabs is not None and window.tabs.currentIndex() == REQUESTS_TAB
    requests = window.tab_of(RequestsTab)
    assert requests is not None and requests.selected_id == waiting


def test_this_months_share_scheduled_within_24_hours(
    workspace: Workspace, clock: FixedClock, make_window, gui: Gui
) -> None:
    service = RequestService(workspace)
    on_time = add_request(workspace, add_student(workspace, "Lina Marlina"))
    late = add_request(workspace, add_student(workspace, "Made Wirawan"))
    for request_id in (on_time, late):
        screen_for_counselling(workspace, request_id)
        service.set_assent(request_id, Assent.BERSEDIA)
    service.agree_schedule(on_time, clock.now() + timedelta(days=2))  # Selasa 08.30
    clock.advance(hours=30)
    service.agree_schedule(late, clock.now() + timedelta(hours=19))  # Selasa 09.30
    home = home_of(make_window())
    assert gui.text(home, "homeShareValue") == "50%"
    assert gui.text(home, "homeShareNote") == "1 dari 2 permohonan November 2026"


def test_the_share_says_when_there_is_nothing_to_count_yet(make_window, gui: Gui) -> None:
    home = home_of(make_window())
    assert gui.text(home, "homeShareValue") == "—"
    assert gui.text(home, "homeShareNote") == "belum ada data November 2026"


def test_the_queue_model_is_a_well_behaved_qt_model(
    qtmodeltester, workspace: Workspace, make_window
) -> None:
    add_request(workspace, add_student(workspace, "Nanda Pratama"))
    add_request(workspace, add_student(workspace, "Oki Setiawan"), Urgency.DARURAT)
    home = home_of(make_window())
    qtmodeltester.check(home.queue.model)
    assert home.queue.model.rowCount() == 2


# -- change notices: what a write elsewhere does to Beranda and the other tabs ------------------


def test_a_request_saved_in_pengajuan_reaches_beranda_and_penyaringan(
    workspace: Workspace, make_window, gui: Gui
) -> None:
    student = add_student(workspace, "Putri Ayu")
    window = make_window()
    screening = gui.open_tab(window, SCREENING_TAB)
    requests = window.tab(REQUESTS_TAB)  # built, not shown: Beranda stays in front
    assert requests is not None
    gui.open_tab(window, HOME_TAB)
    home = home_of(window)
    assert rows(home) == []
    made = add_request(workspace, student)  # the write's change notice does the rest
    assert [r[1] for r in rows(home)] == ["Putri Ayu"]  # Beranda is showing: read at once
    assert count(home, "Screening") == "1"
    assert screening.model.row_of(made) is None  # hidden: not read behind the user's back…
    gui.open_tab(window, SCREENING_TAB)
    assert screening.model.row_of(made) is not None  # …but as soon as it is shown


def test_a_screening_saved_in_penyaringan_reaches_beranda_and_pengajuan(
    workspace: Workspace, make_window, gui: Gui
) -> None:
    request_id = add_request(workspace, add_student(workspace, "Rudi Hartono"))
    window = make_window()
    requests = gui.open_tab(window, REQUESTS_TAB)
    screening = window.tab(SCREENING_TAB)
    assert screening is not None
    gui.open_tab(window, HOME_TAB)
    home = home_of(window)
    screen_for_counselling(workspace, request_id)
    assert cell(home, 0, QueueColumn.STAGE) == "Menunggu jadwal"
    gui.open_tab(window, REQUESTS_TAB)
    row = requests.model.row_of(request_id)
    assert row is not None
    assert requests.model.item_at(row).record.status.label == "Menunggu jadwal"


def test_a_student_saved_in_siswa_reaches_beranda(
    workspace: Workspace, make_window, gui: Gui
) -> None:
    student = add_student(workspace, "Sinta Maharani")
    add_request(workspace, student)
    window = make_window()
    students = window.tab(STUDENTS_TAB)
    assert students is not None
    home = home_of(window)
    year = TermService(workspace).current().year
    StudentService(workspace).update(
        student,
        StudentDraft(name="Sinta M. Harahap", placements=(ClassPlacement(year, "X MIPA 1"),)),
    )
    assert [r[1] for r in rows(home)] == ["Sinta M. Harahap"]


# -- locking -----------------------------------------------------------------------------------


@pytest.mark.parametrize("index", [HOME_TAB, SCREENING_TAB])
def test_locking_leaves_no_name_anywhere_and_unlocking_returns_to_the_tab(
    qtbot, workspace: Workspace, make_window, gui: Gui, index: int
) -> None:
    add_request(workspace, add_student(workspace, "Taufik Hidayat"), Urgency.DARURAT)
    window = make_window()
    for tab in (STUDENTS_TAB, REQUESTS_TAB, SCREENING_TAB, HOME_TAB):
        gui.open_tab(window, tab)
    gui.open_tab(window, index)
    school = workspace.settings().school_name
    assert any("Taufik Hidayat" in text for _, text in texts_in(window))

    press_ctrl_l(qtbot, window)
    assert window.is_locked
    leaks = [
        (name, text)
        for name, text in texts_in(window)
        if "Taufik" in text or "Hidayat" in text or school in text
    ]
    assert leaks == []

    panel = window.lock_panel
    assert panel is not None
    gui.type_into(panel, "unlockPassword", "Kopi-Pagi-Bontang-2026")
    gui.click(panel, "unlockButton")
    qtbot.waitUntil(lambda: not window.is_locked)
    assert window.tabs is not None and window.tabs.currentIndex() == index
    shown = window.tab(index)
    assert shown is not None and shown.isVisible()


def test_beranda_says_while_backups_stay_on_this_computer(
    workspace: Workspace, make_window, gui: Gui, tmp_path
) -> None:
    window = make_window()
    home = home_of(window)
    shown = gui.shown_text(home, "homeBackupFolder")
    assert "bawaan, di komputer ini" in shown and "Pengaturan → Cadangan" in shown
    usb = tmp_path / "FLASHDISK"
    usb.mkdir()
    settings = SettingsService(workspace)
    settings.save(dataclasses.replace(settings.get(), backup_folder=str(usb)))
    shown = gui.shown_text(home, "homeBackupFolder")  # the change notice read Beranda again
    assert str(usb) in shown and "bawaan" not in shown


def test_beranda_warns_when_the_last_backup_file_is_gone(
    workspace: Workspace, make_window, gui: Gui, tmp_path
) -> None:
    usb = tmp_path / "FLASHDISK"
    written = BackupService(workspace).backup(usb)
    window = make_window()
    home = home_of(window)
    assert "tidak ada lagi" not in gui.shown_text(home, "homeBackupWarning")
    written.unlink()
    home.refresh()
    shown = gui.shown_text(home, "homeBackupWarning")
    assert written.name in shown and "tidak ada lagi" in shown
    assert gui.child(home, QWidget, "homeBackupState").property("stale") is True


# -- the counsellor's day: short lists by initials, each opening where its next step is -------

MONDAY = datetime(2026, 11, 30, tzinfo=UTC)  # the fixture's clock is Minggu 08.30 WITA


def at_wita(hour: int, minute: int = 0) -> datetime:
    """Senin 30 November at ``hour``.``minute`` WITA (UTC+8)."""
    return MONDAY + timedelta(hours=hour - 8, minutes=minute)


def agreed(workspace: Workspace, name: str, start: datetime) -> int:
    """A permohonan of a willing student in X MIPA 1, screened, its first session at ``start``;
    returns the session's id."""
    request_id = add_request(workspace, add_student(workspace, name))
    screen_for_counselling(workspace, request_id)
    service = RequestService(workspace)
    service.set_assent(request_id, Assent.BERSEDIA)
    service.agree_schedule(request_id, start)
    (session,) = CounsellingService(workspace).sessions_of_request(request_id)
    return session.id


def list_rows(home: HomeTab, name: str) -> list[tuple[str, ...]]:
    model = home.findChild(QTableView, f"{name}Table").model()
    return [
        tuple(str(model.index(r, c).data()) for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def activate_first(qtbot, home: HomeTab, name: str) -> None:
    view = home.findChild(QTableView, f"{name}Table")
    assert view is not None and view.isVisibleTo(home)
    index = view.model().index(0, 1)
    where = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_empty_day_lists_say_what_they_mean(make_window, gui: Gui) -> None:
    home = home_of(make_window())
    assert gui.shown_text(home, "homeSessionsEmpty") == (
        "Tidak ada sesi terjadwal hari ini maupun besok."
    )
    assert gui.shown_text(home, "homeToRecordEmpty") == "Tidak ada sesi yang perlu dicatat."
    assert gui.shown_text(home, "homeFollowUpsEmpty") == (
        "Tidak ada laijapen atau laijapang yang jatuh tempo."
    )
    assert gui.shown_text(home, "homeActionPlansEmpty") == (
        "Tidak ada rencana aksi yang lewat tanggal tinjau."
    )
    assert not home.findChild(QTableView, "homeSessionsTable").isVisibleTo(home)
    assert not home.findChild(QPushButton, "homeSessionsScheduleButton").isEnabled()


def test_sessions_show_initials_and_class_never_the_name(
    workspace: Workspace, make_window, gui: Gui
) -> None:
    agreed(workspace, "Ayu Lestari", at_wita(9))
    agreed(workspace, "Bagus Prakoso", at_wita(10, 30))
    home = home_of(make_window())
    assert list_rows(home, "homeSessions") == [
        ("Besok 09.00", "A.L. · X MIPA 1", "Ruang BK"),
        ("Besok 10.30", "B.P. · X MIPA 1", "Ruang BK"),
    ]
    card = home.findChild(QWidget, "homeSessions")
    shown = [text for _, text in texts_in(card)]
    assert not any("Ayu" in text or "Lestari" in text for text in shown)
    assert gui.shown_text(home, "homeSessionsMore") == ""


def test_more_sessions_than_fit_are_counted(workspace: Workspace, make_window, gui: Gui) -> None:
    names = ["Candra Wijaya", "Dina Amalia", "Eko Saputra", "Fina Rahma", "Galih Pratama"]
    for hour, name in enumerate(names, start=8):
        agreed(workspace, name, at_wita(hour))
    home = home_of(make_window())
    assert len(list_rows(home, "homeSessions")) == SHOWN_ROWS
    assert gui.shown_text(home, "homeSessionsMore") == "… dan 1 lagi"


def test_a_session_opens_its_record_in_konseling_and_its_day_in_jadwal(
    qtbot, workspace: Workspace, make_window, gui: Gui
) -> None:
    session_id = agreed(workspace, "Hana Safitri", at_wita(9))
    window = make_window()
    home = home_of(window)
    activate_first(qtbot, home, "homeSessions")
    assert window.tabs is not None
    assert window.tabs.currentIndex() == index_of(TabKey.COUNSELLING)
    counselling = window.tab_of(CounsellingTab)
    assert counselling is not None and counselling.showing_session
    assert counselling.session_form.session_id == session_id

    gui.open_tab(window, HOME_TAB)
    gui.click(home, "homeSessionsScheduleButton")
    assert window.tabs.currentIndex() == index_of(TabKey.SCHEDULE)
    schedule = window.tab_of(ScheduleTab)
    assert schedule is not None and schedule.first == week_of(date(2026, 11, 30))


def test_a_session_whose_time_passed_is_to_be_recorded_and_opens_in_konseling(
    qtbot, workspace: Workspace, clock: FixedClock, make_window, gui: Gui
) -> None:
    session_id = agreed(workspace, "Indra Gunawan", at_wita(9))
    clock.advance(days=1, hours=2)  # Senin 10.30
    window = make_window()
    home = home_of(window)
    assert list_rows(home, "homeToRecord") == [
        ("30 November 2026 09.00", "I.G. · X MIPA 1", "Ruang BK")
    ]
    assert gui.shown_text(home, "homeSessionsEmpty") != ""
    activate_first(qtbot, home, "homeToRecord")
    counselling = window.tab_of(CounsellingTab)
    assert counselling is not None and counselling.isVisible()
    assert counselling.session_form.session_id == session_id


def test_follow_ups_and_action_plans_open_their_case_in_konseling(
    qtbot, workspace: Workspace, clock: FixedClock, make_window, gui: Gui
) -> None:
    agreed(workspace, "Joko Widodo Santoso", at_wita(9))
    request_id = (
        CounsellingService(workspace)
        .sessions((MONDAY - timedelta(days=1), MONDAY + timedelta(days=1)))[0]
        .request_id
    )
    items = (ActionItemDraft(what="Menulis jurnal harian", due_on=date(2026, 12, 1)),)
    session_id, case_id = hold_session(workspace, clock, request_id, action_items=items)
    CounsellingService(workspace).finalise(session_id)  # laijapen on 8 December
    clock.advance(days=10)  # Kamis 10 December
    code = CounsellingService(workspace).case(case_id).record.code
    window = make_window()
    home = home_of(window)
    assert list_rows(home, "homeFollowUps") == [
        ("J.W.S. · X MIPA 1", code, "Laijapen", "8 Desember 2026")
    ]
    assert list_rows(home, "homeActionPlans") == [
        ("J.W.S. · X MIPA 1", code, "1 butir", "1 Desember 2026")
    ]
    shown = [text for _, text in texts_in(home)]
    assert not any("Joko" in text or "jurnal" in text for text in shown)

    for name in ("homeFollowUps", "homeActionPlans"):
        gui.open_tab(window, HOME_TAB)
        activate_first(qtbot, home, name)
        assert window.tabs is not None
        assert window.tabs.currentIndex() == index_of(TabKey.COUNSELLING)
        counselling = window.tab_of(CounsellingTab)
        assert counselling is not None and counselling.selected_case_id() == case_id
