"""Jadwal, driven like a user over a real vault (issue 13): a permohonan dragged or keyed onto a
slot opens Sepakati jadwal there; blocks are moved, lengthened, cancelled and missed; clashes
are refused or asked a reason for; commitments are blocks; the week shows initials only."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDateTimeEdit, QLineEdit

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.counselling import SessionPlan, SessionStatus
from bk_desktop.domain.requests import Assent, RequestStatus
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.domain.scheduling import CommitmentForm, CommitmentKind
from bk_desktop.domain.screening import Bidang, ScreeningDraft, ServiceKind
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.calendar import CalendarService
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.requests import RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.main_window import REQUESTS_TAB, MainWindow
from bk_desktop.ui.schedule_dialog import ScheduleDialog
from bk_desktop.ui.school_time import instant_of, wall_clock
from bk_desktop.ui.tab_table import TabKey, index_of
from bk_desktop.ui.tabs.requests_tab import RequestsTab
from bk_desktop.ui.tabs.schedule_dialogs import (
    CommitmentDialog,
    EndSessionDialog,
    SlotReasonDialog,
)
from bk_desktop.ui.tabs.schedule_tab import EVERYONE, ScheduleTab
from bk_desktop.ui.tabs.schedule_waiting import request_mime
from bk_desktop.ui.tabs.schedule_week import MIME_SESSION, BlockKind, Verdict, WeekGrid

from conftest import Gui, ScriptedPrompter, ShowAsTab, model_texts
from support import PASSWORD, add_request, school_slot

SCHEDULE_TAB = index_of(TabKey.SCHEDULE)
NAME = "Ayu Lestari"
PROBLEM = "Sering terlambat masuk kelas."


def waiting(workspace: Workspace, name: str = NAME) -> int:
    """A willing student's permohonan, screened for konseling individual: menunggu jadwal."""
    request_id = add_request(workspace, name)
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.BELAJAR}),
            symptoms="Sering absen.",
            risk=RiskLevel.SEDANG,
            decision=ServiceKind.KONSELING_INDIVIDUAL,
            reason="Perlu didengar langsung.",
        ),
    )
    RequestService(workspace).set_assent(request_id, Assent.BERSEDIA)
    return request_id


def planned(workspace: Workspace, start: datetime, name: str = NAME) -> int:
    """A permohonan whose first session is agreed at ``start``; the session's id."""
    request_id = waiting(workspace, name)
    RequestService(workspace).agree_schedule(request_id, start, plan=SessionPlan(start=start))
    session = CounsellingService(workspace).next_planned(request_id)
    assert session is not None
    return session.id


@pytest.fixture
def tab(qtbot, context: UiContext, as_showing_tab: ShowAsTab) -> ScheduleTab:
    made = as_showing_tab(ScheduleTab(context), TabKey.SCHEDULE)
    qtbot.addWidget(made)
    made.resize(1366, 720)
    made.show()
    qtbot.waitExposed(made)
    return made


def show_week_of(tab: ScheduleTab, instant: datetime) -> None:
    """Jump with the date field, as a person would."""
    zone = tab.context.workspace.settings().zone
    tab.jump.setDate(wall_clock(instant, zone).date())


def slot_point(grid: WeekGrid, start: datetime) -> QPoint:
    local = start.astimezone(grid.zone)
    column = grid.days.index(local.date())
    return grid.slot_rect(column, grid.quarter_of(start)).center()


def drag(grid: WeekGrid, mime, point: QPoint, *, drop: bool = True) -> None:
    """Synthesized drag-enter, drag-move and drop (a real drag returns at once offscreen)."""
    action, button, none = (
        Qt.DropAction.MoveAction,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(grid, QDragEnterEvent(point, action, mime, button, none))
    QApplication.sendEvent(grid, QDragMoveEvent(point, action, mime, button, none))
    if drop:
        QApplication.sendEvent(grid, QDropEvent(QPointF(point), action, mime, button, none))


def session_mime(session_id: int):
    from PySide6.QtCore import QByteArray, QMimeData

    mime = QMimeData()
    mime.setData(MIME_SESSION, QByteArray(str(session_id).encode()))
    return mime


def blocks_of(grid: WeekGrid, kind: BlockKind) -> list[int]:
    return [b.ref for b in grid.blocks if b.kind is kind]


def test_a_permohonan_dropped_on_a_slot_opens_sepakati_jadwal_there_and_becomes_a_block(
    qtbot, gui: Gui, tab: ScheduleTab, workspace: Workspace
) -> None:
    request_id = waiting(workspace)
    start = school_slot(workspace, timedelta(hours=2))
    tab.refresh()
    show_week_of(tab, start)
    assert tab.model.rowCount() == 1
    assert blocks_of(tab.grid, BlockKind.SESSION) == []

    drag(tab.grid, request_mime(request_id), slot_point(tab.grid, start))
    dialog = tab.dialog
    assert isinstance(dialog, ScheduleDialog)
    zone = workspace.settings().zone
    assert instant_of(dialog.session_at, zone) == start
    gui.click(dialog, "agreeScheduleSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)

    assert RequestService(workspace).get(request_id).status is RequestStatus.TERJADWAL
    assert tab.model.rowCount() == 0
    session = CounsellingService(workspace).next_planned(request_id)
    assert session is not None and session.planned_start == start
    assert blocks_of(tab.grid, BlockKind.SESSION) == [session.id]
    assert "disepakati" in gui.shown_text(tab, "scheduleMessage")


def test_the_keyboard_places_the_chosen_permohonan_with_arrows_and_enter(
    qtbot, gui: Gui, tab: ScheduleTab, workspace: Workspace
) -> None:
    request_id = waiting(workspace)
    start = school_slot(workspace, timedelta(hours=2))
    tab.open_request(request_id)
    assert tab.selected_request_id == request_id
    gui.click(tab, "scheduleNext")  # now is a Sunday: the slot is in next week
    grid = tab.grid
    # From the list of waiting permohonan, Tab goes to the grid (not its scroll area).
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Tab)
    assert grid.hasFocus()
    target_day = grid.days.index(start.astimezone(grid.zone).date())
    target_row = grid.quarter_of(start)
    day, row = grid.cursor_slot
    for _ in range(abs(target_day - day)):
        qtbot.keyClick(grid, Qt.Key.Key_Right if target_day > day else Qt.Key.Key_Left)
    for _ in range(abs(target_row - row)):
        qtbot.keyClick(grid, Qt.Key.Key_Down if target_row > row else Qt.Key.Key_Up)
    assert grid.cursor_slot == (target_day, target_row)
    assert grid.cursor_start() == start
    assert "kosong" in grid.accessibleDescription()

    qtbot.keyClick(grid, Qt.Key.Key_Return)
    dialog = tab.dialog
    assert isinstance(dialog, ScheduleDialog)
    assert instant_of(dialog.session_at, workspace.settings().zone) == start
    gui.click(dialog, "agreeScheduleSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)
    session = CounsellingService(workspace).next_planned(request_id)
    assert session is not None and session.planned_start == start
    assert grid.block_under_cursor() is not None
    assert "Terjadwal" in grid.accessibleDescription()


def test_enter_on_an_empty_slot_without_a_chosen_permohonan_says_what_to_do(
    qtbot, tab: ScheduleTab, prompter: ScriptedPrompter
) -> None:
    tab.grid.setFocus()
    qtbot.keyClick(tab.grid, Qt.Key.Key_Return)
    [(_, _, text)] = prompter.infos
    assert "Pilih dulu permohonan" in text
    assert tab.dialog is None


def test_a_block_dragged_to_another_slot_moves_its_session(
    qtbot, tab: ScheduleTab, workspace: Workspace
) -> None:
    start = school_slot(workspace, timedelta(hours=2))
    session_id = planned(workspace, start)
    show_week_of(tab, start)
    later = start + timedelta(hours=2)
    drag(tab.grid, session_mime(session_id), slot_point(tab.grid, later), drop=False)
    assert tab.grid.target_verdict is Verdict.FREE
    drag(tab.grid, session_mime(session_id), slot_point(tab.grid, later))
    assert CounsellingService(workspace).session(session_id).record.planned_start == later
    [block] = tab.grid.blocks
    assert tab.grid.block_rect(block).contains(slot_point(tab.grid, later))


def test_a_slot_taken_by_another_session_is_refused_with_its_clash(
    qtbot, tab: ScheduleTab, workspace: Workspace, prompter: ScriptedPrompter
) -> None:
    start = school_slot(workspace, timedelta(hours=2))
    planned(workspace, start, "Budi Santoso")
    second = planned(workspace, start + timedelta(hours=2))
    show_week_of(tab, start)

    drag(tab.grid, session_mime(second), slot_point(tab.grid, start), drop=False)
    assert tab.grid.target_verdict is Verdict.HARD  # tinted red while dragged over
    drag(tab.grid, session_mime(second), slot_point(tab.grid, start))
    [(_, title, text)] = prompter.errors
    assert title == "Pindahkan sesi"
    assert "Bentrok dengan jadwal konselor sendiri" in text and "B.S." in text
    record = CounsellingService(workspace).session(second).record
    assert record.planned_start == start + timedelta(hours=2)


def test_a_slot_past_school_hours_asks_a_reason_and_then_moves(
    qtbot, gui: Gui, tab: ScheduleTab, workspace: Workspace
) -> None:
    start = school_slot(workspace, timedelta(hours=2))
    session_id = planned(workspace, start)
    show_week_of(tab, start)
    local = start.astimezone(tab.grid.zone)
    late = local.replace(hour=14, minute=45)  # ends 15.30, after school

    drag(tab.grid, session_mime(session_id), slot_point(tab.grid, late), drop=False)
    assert tab.grid.target_verdict is Verdict.SOFT  # amber: allowed with a reason
    drag(tab.grid, session_mime(session_id), slot_point(tab.grid, late))
    dialog = tab.dialog
    assert isinstance(dialog, SlotReasonDialog)
    assert "Di luar jam sekolah" in dialog.note.text()
    gui.click(dialog, "scheduleReasonSaveButton")  # no reason: refused under the field
    assert dialog.isVisible()
    gui.type_into(dialog, "scheduleOverrideReason", "Siswa hanya bisa setelah ekstrakurikuler")
    gui.click(dialog, "scheduleReasonSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)
    assert CounsellingService(workspace).session(session_id).record.planned_start == late


def test_shift_arrows_change_a_blocks_length_by_a_quarter_hour(
    qtbot, gui: Gui, tab: ScheduleTab, workspace: Workspace
) -> None:
    start = school_slot(workspace, timedelta(hours=2))
    session_id = planned(workspace, start)
    show_week_of(tab, start)
    tab.grid.put_cursor_at(start)
    tab.grid.setFocus()
    service = CounsellingService(workspace)
    qtbot.keyClick(tab.grid, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert service.session(session_id).record.planned_minutes == 30
    # Past 45 minutes the standard wants a reason: asked, then saved.
    qtbot.keyClick(tab.grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(tab.grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    dialog = tab.dialog
    assert isinstance(dialog, SlotReasonDialog)
    gui.type_into(dialog, "scheduleLengthReason", "Orang tua ikut di akhir sesi")
    gui.click(dialog, "scheduleReasonSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)
    assert service.session(session_id).record.planned_minutes == 60


def test_delete_cancels_a_planned_block_with_a_reason(
    qtbot, gui: Gui, tab: ScheduleTab, workspace: Workspace
) -> None:
    start = school_slot(workspace, timedelta(hours=2))
    session_id = planned(workspace, start)
    show_week_of(tab, start)
    tab.grid.put_cursor_at(start)
    tab.grid.setFocus()
    qtbot.keyClick(tab.grid, Qt.Key.Key_Delete)
    dialog = tab.dialog
    assert isinstance(dialog, EndSessionDialog)
    gui.click(dialog, "scheduleEndSaveButton")  # a reason is needed
    assert dialog.isVisible()
    gui.type_into(dialog, "scheduleEndReason", "Ada ujian susulan")
    gui.click(dialog, "scheduleEndSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)
    record = CounsellingService(workspace).session(session_id).record
    assert record.status is SessionStatus.BATAL
    assert blocks_of(tab.grid, BlockKind.SESSION) == []
    assert tab.model.rowCount() == 1  # the permohonan waits for a new time


def test_a_missed_session_is_rescheduled_in_one_step_from_the_menu(
    qtbot, gui: Gui, tab: ScheduleTab, workspace: Workspace
) -> None:
    start = school_slot(workspace, timedelta(hours=2))
    session_id = planned(workspace, start)
    show_week_of(tab, start)
    tab.grid.put_cursor_at(start)
    menu = tab.grid.menu_at_cursor()
    action = next(a for a in menu.actions() if a.objectName() == "scheduleAbsentReschedule")
    action.trigger()
    dialog = tab.dialog
    assert isinstance(dialog, EndSessionDialog)
    gui.type_into(dialog, "scheduleEndReason", "Siswa sakit")
    new_start = gui.child(dialog, QDateTimeEdit, "scheduleNewStart")
    assert instant_of(new_start, workspace.settings().zone) == start + timedelta(days=7)
    gui.click(dialog, "scheduleEndSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)
    service = CounsellingService(workspace)
    assert service.session(session_id).record.status is SessionStatus.TIDAK_HADIR
    again = service.next_planned(service.session(session_id).record.request_id)
    assert again is not None and again.planned_start == start + timedelta(days=7)


def test_a_commitment_is_a_grey_block_with_its_label_and_can_be_deleted(
    qtbot, gui: Gui, tab: ScheduleTab, workspace: Workspace, prompter: ScriptedPrompter
) -> None:
    start = school_slot(workspace, timedelta(hours=2))
    show_week_of(tab, start)
    tab.grid.put_cursor_at(start)
    gui.click(tab, "scheduleAddCommitment")
    dialog = tab.dialog
    assert isinstance(dialog, CommitmentDialog)
    gui.pick(dialog, "commitmentKind", CommitmentKind.RAPAT)
    qtbot.keyClick(gui.child(dialog, QCheckBox, "commitmentWeekly"), Qt.Key.Key_Space)
    gui.click(dialog, "commitmentSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)
    [block] = tab.grid.blocks
    assert block.kind is BlockKind.COMMITMENT and block.title == "Rapat"
    tab.grid.grab()
    assert "Rapat" in tab.grid.painted
    # Weekly: next week too.
    gui.click(tab, "scheduleNext")
    assert blocks_of(tab.grid, BlockKind.COMMITMENT) == [block.ref]
    gui.click(tab, "schedulePrevious")

    # Placing a session over it is refused as the counsellor's own time.
    found = CalendarService(workspace).check(start, 45, request_id=waiting(workspace))
    assert any("rapat" in clash.message for clash in found)

    tab.grid.put_cursor_at(start)
    menu = tab.grid.menu_at_cursor()
    prompter.confirms.append(True)
    next(a for a in menu.actions() if a.objectName() == "scheduleDeleteCommitment").trigger()
    assert blocks_of(tab.grid, BlockKind.COMMITMENT) == []


def test_the_week_shows_initials_and_class_never_a_name_or_the_problem(
    qtbot, tab: ScheduleTab, workspace: Workspace
) -> None:
    start = school_slot(workspace, timedelta(hours=2))
    planned(workspace, start)
    waiting(workspace, "Budi Santoso")
    show_week_of(tab, start)
    tab.grid.put_cursor_at(start)
    tab.grid.grab()  # paints
    texts = [
        *tab.grid.painted,
        tab.grid.accessibleDescription(),
        *(b.accessible for b in tab.grid.blocks),
        *model_texts(tab.model),
        tab.findChild(QLineEdit, "scheduleMessage") and "",
    ]
    joined = " ".join(t for t in texts if t)
    assert "A.L. · X MIPA 1" in tab.grid.painted
    assert "Terjadwal" in tab.grid.painted
    assert "B.S. · X MIPA 1" in model_texts(tab.model)
    for secret in ("Ayu", "Lestari", "Budi", "Santoso", PROBLEM, "terlambat"):
        assert secret not in joined


def test_whose_week_offers_me_each_counsellor_and_everyone(tab: ScheduleTab) -> None:
    combo = tab.findChild(QComboBox, "scheduleWhose")
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items[0] == "Jadwal saya" and items[-1] == "Semua konselor"


def test_the_day_view_shows_one_day(qtbot, gui: Gui, tab: ScheduleTab, workspace) -> None:
    start = school_slot(workspace, timedelta(hours=2))
    show_week_of(tab, start)
    assert len(tab.grid.days) == 5
    gui.click(tab, "scheduleDayView")
    assert len(tab.grid.days) == 1
    gui.click(tab, "scheduleNext")
    assert len(tab.grid.days) == 1
    gui.click(tab, "scheduleWeekView")
    assert len(tab.grid.days) >= 5


def test_pengajuan_sepakati_jadwal_opens_jadwal_at_that_permohonan(
    qtbot, gui: Gui, window: MainWindow, workspace: Workspace
) -> None:
    request_id = waiting(workspace)
    requests = gui.open_tab(window, REQUESTS_TAB)
    assert isinstance(requests, RequestsTab)
    requests.refresh()
    requests.select(request_id)
    gui.click(requests, "agreeScheduleButton")
    assert window.tabs is not None and window.tabs.currentIndex() == SCHEDULE_TAB
    schedule = window.tab(SCHEDULE_TAB)
    assert isinstance(schedule, ScheduleTab)
    assert schedule.selected_request_id == request_id
    assert requests.dialog is None  # no second way to schedule
    assert "A.L." in gui.shown_text(schedule, "scheduleMessage")


def test_enter_on_a_session_block_opens_it_in_konseling(
    qtbot, gui: Gui, window: MainWindow, workspace: Workspace
) -> None:
    from bk_desktop.ui.tabs.counselling_tab import CounsellingTab

    start = school_slot(workspace, timedelta(hours=2))
    session_id = planned(workspace, start)
    schedule = gui.open_tab(window, SCHEDULE_TAB)
    assert isinstance(schedule, ScheduleTab)
    show_week_of(schedule, start)
    schedule.grid.put_cursor_at(start)
    schedule.grid.setFocus()
    qtbot.keyClick(schedule.grid, Qt.Key.Key_Return)
    counselling = window.tab(index_of(TabKey.COUNSELLING))
    assert isinstance(counselling, CounsellingTab)
    assert window.tabs is not None and window.tabs.currentWidget().isAncestorOf(counselling)
    assert counselling.showing_session and counselling.session_form.session_id == session_id


def agree_through_jadwal(
    qtbot, tab: ScheduleTab, request_id: int, start: datetime
) -> ScheduleDialog:
    """Pengajuan's "Sepakati jadwal…" as it is now: Jadwal at the permohonan, the cursor on
    ``start``'s slot, Enter; the Sepakati jadwal dialog it opens."""
    tab.open_request(request_id)
    show_week_of(tab, start)
    tab.grid.put_cursor_at(start)
    tab.grid.setFocus()
    qtbot.keyClick(tab.grid, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible())
    dialog = tab.dialog
    assert isinstance(dialog, ScheduleDialog)
    return dialog


def test_ctrl_arrows_move_the_block_under_the_cursor(
    qtbot, tab: ScheduleTab, workspace: Workspace
) -> None:
    request_id = waiting(workspace)
    start = school_slot(workspace, timedelta(hours=2))
    CalendarService(workspace).place(request_id, start)
    show_week_of(tab, start)
    grid = tab.grid
    grid.put_cursor_at(start)
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    session = CounsellingService(workspace).next_planned(request_id)
    assert session is not None
    assert session.planned_start == start + timedelta(minutes=15)
    assert grid.cursor_start() == session.planned_start  # the cursor follows the block
    qtbot.keyClick(grid, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    session = CounsellingService(workspace).next_planned(request_id)
    assert session is not None
    assert session.planned_start == start + timedelta(days=1, minutes=15)


def test_one_team_meeting_of_several_counsellors_is_one_block_in_everyones_week(
    qtbot, gui: Gui, tab: ScheduleTab, workspace: Workspace
) -> None:
    other = (
        AccountService(workspace, KdfChooser(TEST_PARAMS))
        .add(name="Dedi Kurniawan", role=Role.GURU_BK, password=PASSWORD, password_repeat=PASSWORD)
        .id
    )
    start = school_slot(workspace, timedelta(days=1))
    calendar = CalendarService(workspace)
    for counsellor in (workspace.account.id, other):
        calendar.add_commitment(
            CommitmentForm(CommitmentKind.RAPAT, start, 60, title="Rapat MGBK"), counsellor
        )
    show_week_of(tab, start)
    assert len(blocks_of(tab.grid, BlockKind.COMMITMENT)) == 1  # my week: my own
    gui.pick(tab, "scheduleWhose", EVERYONE)
    [merged] = [b for b in tab.grid.blocks if b.kind is BlockKind.COMMITMENT]
    assert merged.shared == 2 and "2 konselor" in merged.accessible
    tab.grid.put_cursor_at(start)
    names = [a.objectName() for a in tab.grid.menu_at_cursor().actions()]
    assert "scheduleDeleteCommitment" not in names
