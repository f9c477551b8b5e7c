"""Pengajuan, driven like a user over a real vault; time comes from the fixture's FixedClock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from test_schedule_tab import agree_through_jadwal

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.deadlines import DeadlineKind
from bk_desktop.domain.requests import Assent, RequestSource, RequestStatus, Urgency
from bk_desktop.domain.screening import Bidang, RiskLevel, ScreeningDraft, ServiceKind
from bk_desktop.domain.students import ClassPlacement, StudentDraft, StudentStatus
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.palette import ERROR_TEXT, WARNING_TEXT
from bk_desktop.ui.request_dialog import RequestDialog
from bk_desktop.ui.request_table import RequestColumn, RequestTableModel
from bk_desktop.ui.school_time import wall_clock
from bk_desktop.ui.student_picker import StudentResultsModel
from bk_desktop.ui.tab_table import TabKey
from bk_desktop.ui.tabs.requests_tab import TICK_MS, RequestsTab
from bk_desktop.ui.tabs.schedule_tab import ScheduleTab

from conftest import Gui, ScriptedPrompter, ShowAsTab
from support import hold_session, school_slot

DEADLINE_COLUMN = list(RequestColumn).index(RequestColumn.DEADLINE)


# -- building blocks ----------------------------------------------------------------------


def add_student(
    workspace: Workspace,
    name: str,
    rombel: str = "X MIPA 1",
    status: StudentStatus = StudentStatus.AKTIF,
    status_date: date | None = None,
) -> int:
    year: AcademicYear = TermService(workspace).current().year
    return StudentService(workspace).create(
        StudentDraft(
            name=name,
            placements=(ClassPlacement(year, rombel),),
            status=status,
            status_date=status_date,
        )
    )


def add_request(workspace: Workspace, student_id: int, **changes: object) -> int:
    values: dict[str, object] = {
        "student_id": student_id,
        "source": RequestSource.SISWA_SENDIRI,
        "reason": "Sering terlambat masuk kelas.",
    }
    values.update(changes)
    return RequestService(workspace).create(RequestForm(**values))  # type: ignore[arg-type]


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


@pytest.fixture
def tab(qtbot, context: UiContext, as_showing_tab: ShowAsTab) -> RequestsTab:
    made = as_showing_tab(RequestsTab(context), TabKey.REQUESTS)
    qtbot.addWidget(made)
    made.resize(1366, 700)
    made.show()
    qtbot.waitExposed(made)
    return made


def table(tab: RequestsTab) -> QTableView:
    found = tab.findChild(QTableView, "requestTable")
    assert found is not None
    return found


def cell(tab: RequestsTab, row: int, column: RequestColumn, role: int = 0) -> object:
    model = table(tab).model()
    return model.index(row, list(RequestColumn).index(column)).data(
        role or Qt.ItemDataRole.DisplayRole
    )


def click_row(qtbot, view: QTableView, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def select_request(qtbot, tab: RequestsTab, request_id: int) -> None:
    model = table(tab).model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(RequestTableModel.ID_ROLE) == request_id:
            click_row(qtbot, table(tab), row)
            assert tab.selected_id == request_id
            return
    raise AssertionError(f"request {request_id} is not in the list")


def open_dialog(qtbot, gui: Gui, tab: RequestsTab, button: str) -> QDialog:
    gui.click(tab, button)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible())
    assert tab.dialog is not None
    return tab.dialog


def type_text(qtbot, parent: QWidget, name: str, text: str) -> None:
    box = parent.findChild(QPlainTextEdit, name)
    assert box is not None, name
    box.clear()
    qtbot.keyClicks(box, text)


def shown_error(parent: QWidget, name: str) -> str:
    label = parent.findChild(QLabel, name)
    assert label is not None, name
    return label.text() if label.isVisibleTo(parent) else ""


def combo_items(parent: QWidget, name: str) -> list[str]:
    combo = parent.findChild(QComboBox, name)
    assert combo is not None
    return [combo.itemData(i) for i in range(combo.count())]


# -- new request --------------------------------------------------------------------------


def test_register_request_by_typing_and_clicking(
    qtbot, gui: Gui, tab: RequestsTab, workspace: Workspace
) -> None:
    add_student(workspace, "Ayu Lestari", "XI IPS 2")
    add_student(workspace, "Budi Santoso")
    tab.refresh()
    assert tab.findChild(QWidget, "requestEmptyState").isVisibleTo(tab)

    dialog = open_dialog(qtbot, gui, tab, "requestNewButton")
    assert isinstance(dialog, RequestDialog)
    gui.type_into(dialog, "requestStudentSearch", "ayu")
    results = dialog.findChild(QTableView, "requestStudentResults")
    assert results.model().rowCount() == 1
    assert results.model().index(0, 1).data() == "XI IPS 2"
    assert results.model().index(0, 3).data() == "Aktif"
    click_row(qtbot, results, 0)
    assert "Ayu Lestari" in gui.text(dialog, "requestStudentChosen")

    gui.pick(dialog, "requestSource", RequestSource.WALI_KELAS)
    assert dialog.findChild(QLineEdit, "requestReferrerName").isEnabled()
    gui.type_into(dialog, "requestReferrerName", "Drs. Hendra Saputra")
    gui.type_into(dialog, "requestReferrerRole", "Wali kelas XI IPS 2")
    type_text(qtbot, dialog, "requestReason", "Tiga hari tidak masuk tanpa keterangan.")
    gui.pick(dialog, "requestUrgency", Urgency.SEGERA)
    assert gui.text(dialog, "requestReceivedBy") == "Sari Wulandari"
    assert not dialog.findChild(QLineEdit, "requestBackdateReason").isVisibleTo(dialog)
    gui.click(dialog, "requestSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)

    [item] = RequestService(workspace).list()
    record = item.record
    assert record.student_name == "Ayu Lestari"
    assert record.source is RequestSource.WALI_KELAS
    assert record.referrer_name == "Drs. Hendra Saputra"
    assert record.referrer_role == "Wali kelas XI IPS 2"
    assert record.urgency is Urgency.SEGERA
    assert record.received_at == workspace.now()
    assert record.backdate_reason == ""
    assert tab.selected_id == record.id
    assert cell(tab, 0, RequestColumn.STUDENT) == "Ayu Lestari"
    assert cell(tab, 0, RequestColumn.ROMBEL) == "XI IPS 2"
    assert cell(tab, 0, RequestColumn.RECEIVED) == "29 November 2026 08.30"
    assert cell(tab, 0, RequestColumn.SOURCE) == "Wali kelas"
    assert cell(tab, 0, RequestColumn.STATUS) == "Diterima"
    # The urgency just chosen shows in the list and in the details, whatever the width.
    assert cell(tab, 0, RequestColumn.URGENCY) == Urgency.SEGERA.label
    assert (
        not table(tab)
        .horizontalHeader()
        .isSectionHidden(list(RequestColumn).index(RequestColumn.URGENCY))
    )
    assert gui.shown_text(tab, "requestDetailUrgency") == Urgency.SEGERA.label
    assert "Ayu Lestari" in gui.shown_text(tab, "requestMessage")


def test_source_without_referrer_disables_the_referrer_fields(
    qtbot, gui: Gui, tab: RequestsTab
) -> None:
    dialog = open_dialog(qtbot, gui, tab, "requestNewButton")
    gui.pick(dialog, "requestSource", RequestSource.KOTAK_MASALAH)
    assert not dialog.findChild(QLineEdit, "requestReferrerName").isEnabled()
    gui.pick(dialog, "requestSource", RequestSource.ORANG_TUA)
    assert dialog.findChild(QLineEdit, "requestReferrerName").isEnabled()


def test_missing_referrer_and_reason_are_shown_next_to_their_fields(
    qtbot, gui: Gui, tab: RequestsTab, workspace: Workspace
) -> None:
    add_student(workspace, "Ayu Lestari")
    dialog = open_dialog(qtbot, gui, tab, "requestNewButton")
    gui.click(dialog, "requestSaveButton")
    assert "Pilih siswa" in shown_error(dialog, "requestStudentError")

    click_row(qtbot, dialog.findChild(QTableView, "requestStudentResults"), 0)
    gui.pick(dialog, "requestSource", RequestSource.GURU_MAPEL)
    gui.type_into(dialog, "requestReferrerRole", "Guru Matematika")
    gui.click(dialog, "requestSaveButton")
    assert shown_error(dialog, "requestStudentError") == ""
    assert "guru mata pelajaran" in shown_error(dialog, "requestReferrerNameError")
    assert "alasan singkat" in shown_error(dialog, "requestReasonError")
    assert dialog.isVisible()
    assert RequestService(workspace).list() == []


def test_lulus_student_shows_the_reason_and_nothing_is_saved(
    qtbot, gui: Gui, tab: RequestsTab, workspace: Workspace
) -> None:
    add_student(
        workspace, "Citra Dewi", "XII IPA 1", StudentStatus.LULUS, status_date=date(2026, 6, 20)
    )
    dialog = open_dialog(qtbot, gui, tab, "requestNewButton")
    gui.type_into(dialog, "requestStudentSearch", "citra")
    results = dialog.findChild(QTableView, "requestStudentResults")
    assert results.model().index(0, 3).data() == "Lulus"
    click_row(qtbot, results, 0)

    refusal = gui.shown_text(dialog, "requestStudentRefusal")
    assert "berstatus lulus sejak 20 Juni 2026" in refusal
    assert "tidak dapat dilayani" in refusal
    type_text(qtbot, dialog, "requestReason", "Ingin konsultasi.")
    assert not dialog.findChild(QPushButton, "requestSaveButton").isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert RequestService(workspace).list() == []


def test_backdated_entry_needs_a_reason_next_to_the_field(
    qtbot, gui: Gui, tab: RequestsTab, workspace: Workspace
) -> None:
    add_student(workspace, "Ayu Lestari")
    dialog = open_dialog(qtbot, gui, tab, "requestNewButton")
    click_row(qtbot, dialog.findChild(QTableView, "requestStudentResults"), 0)
    type_text(qtbot, dialog, "requestReason", "Disampaikan lisan oleh wali kelas.")
    received = dialog.findChild(QDateTimeEdit, "requestReceivedAt")
    zone = workspace.settings().zone
    earlier = workspace.now() - timedelta(hours=3)
    received.setDateTime(wall_clock(earlier, zone))  # as picked in its calendar and time
    backdate = dialog.findChild(QLineEdit, "requestBackdateReason")
    assert backdate.isVisibleTo(dialog)
    assert gui.text(dialog, "requestReceivedAtText") == "Minggu, 29 November 2026 05.30 WITA"

    gui.click(dialog, "requestSaveButton")
    assert "pencatatan mundur" in shown_error(dialog, "requestBackdateReasonError")
    assert dialog.isVisible()
    assert RequestService(workspace).list() == []

    gui.type_into(dialog, "requestBackdateReason", "Diterima lisan saat jam pelajaran.")
    gui.click(dialog, "requestSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)
    [item] = RequestService(workspace).list()
    assert item.record.received_at == earlier
    assert item.record.backdate_reason == "Diterima lisan saat jam pelajaran."
    assert item.record.deadline_at == earlier + timedelta(hours=24)


def test_a_few_minutes_back_needs_no_reason(
    qtbot, gui: Gui, tab: RequestsTab, workspace: Workspace
) -> None:
    add_student(workspace, "Ayu Lestari")
    dialog = open_dialog(qtbot, gui, tab, "requestNewButton")
    received = dialog.findChild(QDateTimeEdit, "requestReceivedAt")
    received.setDateTime(
        wall_clock(workspace.now() - timedelta(minutes=10), workspace.settings().zone)
    )
    assert not dialog.findChild(QLineEdit, "requestBackdateReason").isVisibleTo(dialog)


# -- the clock ----------------------------------------------------------------------------


def test_countdown_is_shown_and_turns_overdue(
    tab: RequestsTab, workspace: Workspace, clock: FixedClock, gui: Gui
) -> None:
    add_request(workspace, add_student(workspace, "Ayu Lestari"))
    tab.refresh()
    assert cell(tab, 0, RequestColumn.DEADLINE) == "Sisa 1 hari"

    clock.advance(hours=22, minutes=48)
    tab.refresh()
    assert cell(tab, 0, RequestColumn.DEADLINE) == "Sisa 1 jam 12 menit"
    brush = cell(tab, 0, RequestColumn.DEADLINE, Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == WARNING_TEXT
    assert "Segera berakhir" in str(
        cell(tab, 0, RequestColumn.DEADLINE, Qt.ItemDataRole.AccessibleTextRole)
    )

    clock.advance(hours=2, minutes=12)
    tab.refresh()
    assert cell(tab, 0, RequestColumn.DEADLINE) == "Terlambat 1 jam"
    brush = cell(tab, 0, RequestColumn.DEADLINE, Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == ERROR_TEXT
    # Never colour alone: an icon and the word go with it.
    assert not cell(tab, 0, RequestColumn.DEADLINE, Qt.ItemDataRole.DecorationRole).isNull()
    assert "Terlambat" in str(
        cell(tab, 0, RequestColumn.DEADLINE, Qt.ItemDataRole.AccessibleTextRole)
    )

    gui.click(tab, "requestFilterOverdue")
    assert table(tab).model().rowCount() == 1


def test_the_timer_moves_the_countdown_every_half_minute(
    tab: RequestsTab, workspace: Workspace, clock: FixedClock
) -> None:
    add_request(workspace, add_student(workspace, "Ayu Lestari"))
    tab.refresh()
    assert tab.timer.interval() == TICK_MS == 30_000
    assert tab.timer.isActive()
    clock.advance(minutes=30)
    tab.timer.timeout.emit()
    assert cell(tab, 0, RequestColumn.DEADLINE) == "Sisa 23 jam 30 menit"


def test_overdue_filter_follows_the_clock(
    tab: RequestsTab, workspace: Workspace, clock: FixedClock, gui: Gui
) -> None:
    add_request(workspace, add_student(workspace, "Ayu Lestari"))
    gui.click(tab, "requestFilterOverdue")
    assert table(tab).model().rowCount() == 0
    assert "terlambat" in gui.text(tab, "requestEmptyTitle")
    clock.advance(hours=25)
    tab.tick()
    assert table(tab).model().rowCount() == 1


# -- assent -------------------------------------------------------------------------------


def test_tidak_bersedia_closes_the_request_and_it_can_be_reopened(
    qtbot, gui: Gui, tab: RequestsTab, workspace: Workspace
) -> None:
    request_id = add_request(workspace, add_student(workspace, "Ayu Lestari"))
    tab.refresh()
    select_request(qtbot, tab, request_id)

    dialog = open_dialog(qtbot, gui, tab, "assentButton")
    gui.pick(dialog, "assentCombo", Assent.TIDAK_BERSEDIA)
    explanation = gui.shown_text(dialog, "assentClosesNote")
    assert "ditutup" in explanation
    assert "buka kembali" in explanation
    gui.click(dialog, "assentSaveButton")
    assert "permohonan akan ditutup" in shown_error(dialog, "assentNoteError")
    assert RequestService(workspace).get(request_id).status is RequestStatus.DITERIMA

    type_text(qtbot, dialog, "assentNote", "Siswa belum mau bercerita.")
    gui.click(dialog, "assentSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)
    record = RequestService(workspace).get(request_id)
    assert record.status is RequestStatus.DITUTUP
    assert record.assent is Assent.TIDAK_BERSEDIA
    assert tab.selected_id == request_id  # the list switched to "Semua" to keep it in sight
    assert "ditutup" in gui.shown_text(tab, "requestMessage")

    # A closed request is read-only; reopening receives it anew and asks the assent again.
    assert not tab.findChild(QPushButton, "assentButton").isEnabled()
    dialog = open_dialog(qtbot, gui, tab, "requestStatusButton")
    assert combo_items(dialog, "statusTargetCombo") == [RequestStatus.DITERIMA]
    assert gui.text(dialog, "statusReasonCaption") == "Alasan (wajib)"
    gui.click(dialog, "statusSaveButton")
    assert "alasan" in shown_error(dialog, "statusReasonError").lower()
    type_text(qtbot, dialog, "statusReason", "Siswa kini bersedia.")
    gui.click(dialog, "statusSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)
    record = RequestService(workspace).get(request_id)
    assert record.status is RequestStatus.DITERIMA
    events = RequestService(workspace).events(request_id)
    assert [e.to_status for e in events] == [
        RequestStatus.DITERIMA,
        RequestStatus.DITUTUP,
        RequestStatus.DITERIMA,
    ]
    assert events[-1].reason == "Siswa kini bersedia."


# -- scheduling ---------------------------------------------------------------------------


def test_agreeing_a_schedule_within_24_hours_records_met(
    qtbot,
    gui: Gui,
    tab: RequestsTab,
    context: UiContext,
    as_showing_tab: ShowAsTab,
    workspace: Workspace,
    clock: FixedClock,
    prompter: ScriptedPrompter,
) -> None:
    request_id = add_request(workspace, add_student(workspace, "Ayu Lestari"))
    screen_for_counselling(workspace, request_id)
    RequestService(workspace).set_assent(request_id, Assent.BERSEDIA)
    clock.advance(hours=3)
    tab.refresh()
    select_request(qtbot, tab, request_id)

    # "Sepakati jadwal…" asks for Jadwal at this permohonan; there the time is agreed.
    with qtbot.waitSignal(tab.schedule_wanted) as wanted:
        gui.click(tab, "agreeScheduleButton")
    assert wanted.args == [request_id]
    assert tab.dialog is None
    schedule = as_showing_tab(ScheduleTab(context), TabKey.SCHEDULE)
    qtbot.addWidget(schedule)
    schedule.resize(1366, 720)
    schedule.show()
    session_at = school_slot(workspace, timedelta(days=1, hours=1))
    dialog = agree_through_jadwal(qtbot, schedule, request_id, session_at)
    assert dialog.findChild(QLabel, "agreeScheduleVerdict") is None  # said after saving
    gui.click(dialog, "agreeScheduleSaveButton")
    qtbot.waitUntil(lambda: schedule.dialog is None)

    record = RequestService(workspace).get(request_id)
    assert record.status is RequestStatus.TERJADWAL
    assert record.deadline_met is True
    assert record.agreed_at == workspace.now()
    assert record.session_at == session_at
    assert prompter.infos == []  # said once, in the banner, not again in a box
    assert "terpenuhi" in gui.shown_text(schedule, "scheduleMessage")
    tab.refresh()
    assert cell(tab, 0, RequestColumn.DEADLINE) == "Terjadwal tepat waktu"
    assert RequestService(workspace).item(request_id).deadline.kind is DeadlineKind.MET


def test_scheduling_without_assent_says_why(
    qtbot, gui: Gui, tab: RequestsTab, workspace: Workspace, prompter: ScriptedPrompter
) -> None:
    request_id = add_request(workspace, add_student(workspace, "Ayu Lestari"))
    screen_for_counselling(workspace, request_id)
    tab.refresh()
    select_request(qtbot, tab, request_id)
    gui.click(tab, "agreeScheduleButton")
    [(_, _, text)] = prompter.errors
    assert "Kesediaan siswa belum ditanyakan" in text
    assert tab.dialog is None
    assert RequestService(workspace).get(request_id).status is RequestStatus.MENUNGGU_JADWAL


# -- the state machine --------------------------------------------------------------------


def test_illegal_transitions_are_not_offered(
    qtbot, gui: Gui, tab: RequestsTab, workspace: Workspace
) -> None:
    fresh = add_request(workspace, add_student(workspace, "Ayu Lestari"))
    waiting = add_request(workspace, add_student(workspace, "Budi Santoso"))
    screen_for_counselling(workspace, waiting)
    tab.refresh()

    select_request(qtbot, tab, fresh)
    assert not tab.findChild(QPushButton, "agreeScheduleButton").isEnabled()
    dialog = open_dialog(qtbot, gui, tab, "requestStatusButton")
    # Diterima → disaring happens by recording the screening; scheduling needs a screening.
    assert combo_items(dialog, "statusTargetCombo") == [RequestStatus.DITUTUP]
    dialog.reject()
    qtbot.waitUntil(lambda: tab.dialog is None)

    select_request(qtbot, tab, waiting)
    dialog = open_dialog(qtbot, gui, tab, "requestStatusButton")
    offered = combo_items(dialog, "statusTargetCombo")
    assert RequestStatus.TERJADWAL not in offered  # only through "Sepakati jadwal…"
    assert set(offered) == {RequestStatus.DISARING, RequestStatus.DITUTUP}
    gui.pick(dialog, "statusTargetCombo", RequestStatus.DISARING)
    type_text(qtbot, dialog, "statusReason", "Keputusan perlu ditinjau ulang.")
    gui.click(dialog, "statusSaveButton")  # revising a decision needs a reason
    qtbot.waitUntil(lambda: tab.dialog is None)
    assert RequestService(workspace).get(waiting).status is RequestStatus.DISARING


def test_history_lists_every_move_with_its_reason(
    qtbot, gui: Gui, tab: RequestsTab, workspace: Workspace
) -> None:
    request_id = add_request(workspace, add_student(workspace, "Ayu Lestari"))
    RequestService(workspace).transition(
        request_id, RequestStatus.DITUTUP, "Dobel dengan yang lain"
    )
    gui.click(tab, "requestFilterAll")
    select_request(qtbot, tab, request_id)
    dialog = open_dialog(qtbot, gui, tab, "requestHistoryButton")
    history = dialog.findChild(QTableView, "requestHistoryTable")
    assert history.model().rowCount() == 2
    last = [history.model().index(1, c).data() for c in range(5)]
    assert last[1:] == ["Diterima", "Ditutup", "Sari Wulandari", "Dobel dengan yang lain"]


# -- models -------------------------------------------------------------------------------


def test_request_table_model_passes_the_model_tester(
    qtmodeltester, workspace: Workspace, clock: FixedClock
) -> None:
    ids = [add_student(workspace, name) for name in ("Ayu Lestari", "Budi Santoso")]
    add_request(workspace, ids[0], urgency=Urgency.DARURAT)
    add_request(
        workspace,
        ids[1],
        source=RequestSource.ORANG_TUA,
        referrer_name="Ibu Ani",
        referrer_role="Ibu kandung",
    )
    model = RequestTableModel()
    model.set_items(RequestService(workspace).list(), workspace.settings().zone)
    qtmodeltester.check(model)
    clock.advance(hours=30)
    assert model.retime(workspace.now())
    qtmodeltester.check(model)
    model.set_items([], workspace.settings().zone)
    qtmodeltester.check(model)
    assert model.index(0, 0, QModelIndex()).isValid() is False


def test_student_results_model_passes_the_model_tester(qtmodeltester, workspace: Workspace) -> None:
    for number in range(120):  # more than one page, so fetchMore is exercised
        add_student(workspace, f"Siswa Nomor {number:03d}")
    model = StudentResultsModel(StudentService(workspace))
    model.set_ids(StudentService(workspace).search_ids(""))
    assert model.rowCount() == 50
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 120
    model.set_ids([])
    qtmodeltester.check(model)


def test_a_student_in_a_case_is_asked_whether_the_new_request_joins_it(
    qtbot,
    gui: Gui,
    tab: RequestsTab,
    workspace: Workspace,
    clock: FixedClock,
    prompter: ScriptedPrompter,
) -> None:
    student_id = add_student(workspace, "Ayu Lestari")
    first = add_request(workspace, student_id)
    RequestService(workspace).set_assent(first, Assent.BERSEDIA)
    screen_for_counselling(workspace, first)
    RequestService(workspace).agree_schedule(first, school_slot(workspace))
    _, case_id = hold_session(workspace, clock, first)
    tab.refresh()

    def new_request(reason: str) -> None:
        dialog = open_dialog(qtbot, gui, tab, "requestNewButton")
        gui.type_into(dialog, "requestStudentSearch", "ayu")
        click_row(qtbot, dialog.findChild(QTableView, "requestStudentResults"), 0)
        type_text(qtbot, dialog, "requestReason", reason)
        gui.click(dialog, "requestSaveButton")

    # "Kembali" leaves the form open with nothing saved.
    prompter.choices = [None]
    new_request("Bertengkar dengan teman sebangku.")
    assert tab.dialog is not None and tab.dialog.isVisible()
    assert len(RequestService(workspace).list()) == 1
    _, title, text = prompter.calls[-1]
    assert title == "Siswa sedang dalam kasus" and "001/2026" in text
    # Joining links it to the case.
    prompter.choices = [0]
    gui.click(tab.dialog, "requestSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)
    joined = RequestService(workspace).list()[0].record
    assert joined.case_id == case_id
    # On its own: no case until its own first session.
    prompter.choices = [1]
    new_request("Ingin bertanya soal jurusan kuliah.")
    qtbot.waitUntil(lambda: tab.dialog is None)
    alone = RequestService(workspace).list()[0].record
    assert alone.reason == "Ingin bertanya soal jurusan kuliah." and alone.case_id is None
