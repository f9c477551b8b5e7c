"""Konseling, driven like a user over a real vault: the work of the day, the buku kasus and its
filters, a case, and the record of a session from planned to final (issue 12)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)

from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import (
    ActionItemDraft,
    ActionStatus,
    CaseStatus,
    FollowUpKind,
    SessionPlan,
    SessionReport,
    SessionStatus,
)
from bk_desktop.domain.requests import Assent, RequestStatus
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.domain.screening import Bidang, ScreeningDraft, ServiceKind
from bk_desktop.services.counselling import CaseFilter, CounsellingService
from bk_desktop.services.requests import RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.main_window import REQUESTS_TAB, MainWindow
from bk_desktop.ui.tab_table import TabKey, index_of
from bk_desktop.ui.tabs.counselling_tab import ALL, CounsellingTab
from bk_desktop.ui.tabs.requests_tab import RequestsTab

from conftest import Gui, ScriptedPrompter, press_ctrl_l
from support import PASSWORD, add_request

COUNSELLING_TAB = index_of(TabKey.COUNSELLING)


@pytest.fixture(autouse=True)
def counselling_on_sundays(workspace: Workspace) -> None:
    """START is a Sunday morning; this school counsels on Sundays too, from 06.00 to 22.00,
    so sessions placed around START need no reason (the rules are Jadwal's tests)."""
    settings = SettingsService(workspace)
    settings.save(
        replace(
            settings.get(),
            school_week=(0, 1, 2, 3, 4, 6),
            school_start="06:00",
            school_end="22:00",
        )
    )


def scheduled(
    workspace: Workspace,
    name: str = "Ayu Lestari",
    *,
    minutes_from_now: int = -50,
    bidang: Bidang = Bidang.BELAJAR,
) -> int:
    """A willing student's permohonan, screened for konseling individual, its first session
    agreed for ``minutes_from_now`` (in the past: it waits to be recorded)."""
    request_id = add_request(workspace, name)
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({bidang}),
            symptoms="Sering absen.",
            risk=RiskLevel.SEDANG,
            decision=ServiceKind.KONSELING_INDIVIDUAL,
            reason="Perlu didengar langsung.",
        ),
    )
    requests = RequestService(workspace)
    requests.set_assent(request_id, Assent.BERSEDIA)
    if minutes_from_now >= 0:
        requests.agree_schedule(request_id, workspace.now() + timedelta(minutes=minutes_from_now))
        return request_id
    # A time agreed a little ahead, then the clock moves on past it (a session cannot be
    # agreed for a time already gone).
    requests.agree_schedule(request_id, workspace.now() + timedelta(minutes=5))
    clock = workspace.clock
    assert isinstance(clock, FixedClock)
    clock.advance(minutes=5 - minutes_from_now)
    return request_id


def held(workspace: Workspace, request_id: int) -> int:
    """Record the permohonan's planned session as held (through the service); its case."""
    service = CounsellingService(workspace)
    planned = service.next_planned(request_id)
    assert planned is not None
    return service.record_session(
        planned.id,
        SessionReport(actual_start=planned.planned_start, actual_end=planned.planned_end),
    )


def build_tab(qtbot, context: UiContext, as_showing_tab) -> CounsellingTab:
    tab = as_showing_tab(CounsellingTab(context), TabKey.COUNSELLING)
    qtbot.addWidget(tab)
    tab.resize(1366, 720)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def type_into_cell(qtbot, table: QTableWidget, text: str) -> None:
    """Type into the cell editor a button just opened, and press Enter, as a person does."""
    viewport = table.viewport()
    editors = [
        e
        for e in viewport.findChildren(QLineEdit)
        if e.isVisible() and e.parentWidget() is viewport
    ]
    assert len(editors) == 1, "no cell editor open"
    editor = editors[0]
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The view commits the text on the next turn of the event loop.
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def open_waiting(tab: CounsellingTab, row: int = 0) -> None:
    tab.waiting.table.activated.emit(tab.waiting_model.index(row, 0))


# -- the session record ------------------------------------------------------------------------


def test_a_session_recorded_with_its_product_and_finalised_reads_only_in_its_case(
    qtbot,
    gui: Gui,
    workspace: Workspace,
    context: UiContext,
    prompter: ScriptedPrompter,
    as_showing_tab,
) -> None:
    request_id = scheduled(workspace)
    tab = build_tab(qtbot, context, as_showing_tab)
    assert gui.text(tab, "caseEmptyText").startswith("Belum ada kasus.")
    assert tab.waiting_model.rowCount() == 1
    assert tab.waiting_model.index(0, 3).data() == "Perlu dicatat"

    open_waiting(tab)
    form = tab.session_form
    assert tab.showing_session and form.editable
    # The planned times come in as the actual ones: 45 minutes, no reason asked.
    assert "45 menit" in gui.text(tab, "sessionMinutes")
    assert not form.duration_reason.isVisibleTo(form)
    form.notes.setPlainText("Siswa bercerita tentang jam tidurnya.")
    form.understanding.setPlainText("Terlambat karena tidur larut.")
    form.comfort.setPlainText("Lega sudah bercerita.")
    form.action.setPlainText("Tidur sebelum pukul 22.00.")
    gui.click(tab, "sessionAddAlternative")
    type_into_cell(qtbot, form.alternatives, "Pasang dua alarm")
    gui.click(tab, "sessionAddAlternative")
    type_into_cell(qtbot, form.alternatives, "Berangkat bersama kakak")
    chosen = form.alternatives.item(1, 0)
    assert chosen is not None
    chosen.setCheckState(Qt.CheckState.Checked)
    gui.click(tab, "sessionAddActionItem")
    type_into_cell(qtbot, form.items, "Tidur sebelum pukul 22.00")
    support = form.items.item(0, 1)
    assert support is not None
    support.setText("Ibu")
    assert form.is_dirty()

    gui.click(tab, "sessionSaveButton")
    assert gui.shown_text(tab, "sessionSaveMessage") == ""
    assert "tersimpan" in gui.shown_text(tab, "counsellingMessage")
    assert not form.is_dirty()
    assert RequestService(workspace).get(request_id).status is RequestStatus.DITANGANI
    assert tab.model.rowCount() == 1 and tab.model.index(0, 0).data() == "001/2026"

    prompter.confirms.append(True)
    gui.click(tab, "sessionFinaliseButton")
    assert "difinalkan" in gui.shown_text(tab, "counsellingMessage")
    assert not form.editable
    assert form.understanding.isReadOnly()
    assert not form.save_button.isVisibleTo(form.action_row)
    assert form.addenda_group.isVisibleTo(form)
    # How to edit the tables is said only while they can be edited.
    assert form._editing_hints and not any(h.isVisibleTo(form) for h in form._editing_hints)

    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)  # shortcuts reach the active window only
    form.understanding.setFocus()
    qtbot.keyClick(form.understanding, Qt.Key.Key_Escape)  # back to the case
    assert tab.pages.currentWidget() is tab.case_page
    view = tab.case_view
    assert view.sessions_model.index(0, 0).data() == "ke-1"
    assert view.sessions_model.index(0, 4).data() == "Selesai"
    assert view.items_model.index(0, 0).data() == "Tidur sebelum pukul 22.00"
    assert view.items_model.index(0, 1).data() == "Ibu"
    assert view.follow_ups_model.rowCount() == 1  # laijapen, planned by finalising
    assert view.follow_ups_model.record_at(0).kind is FollowUpKind.LAIJAPEN  # type: ignore[union-attr]
    stored = CounsellingService(workspace).session(
        view.sessions_model.record_at(0).id  # type: ignore[union-attr]
    )
    assert [(a.text, a.chosen) for a in stored.alternatives] == [
        ("Pasang dua alarm", False),
        ("Berangkat bersama kakak", True),
    ]
    assert stored.record.understanding == "Terlambat karena tidur larut."

    # The read-only record opens again from the case, and takes an addendum.
    view.sessions.select(0)
    gui.click(view, "caseOpenSessionButton")
    assert tab.showing_session and not form.editable
    gui.click(tab, "sessionAddendumButton")
    dialog = tab.case_view.dialog
    assert dialog is not None
    dialog.findChild(QPlainTextEdit, "addendumText").setPlainText("Ibu menelepon: sudah membaik.")
    gui.click(dialog, "addendumSaveButton")
    assert "sudah membaik" in gui.text(tab, "sessionAddenda")


def test_a_refused_record_puts_each_message_under_its_field(
    qtbot,
    gui: Gui,
    workspace: Workspace,
    context: UiContext,
    prompter: ScriptedPrompter,
    as_showing_tab,
) -> None:
    scheduled(workspace)
    tab = build_tab(qtbot, context, as_showing_tab)
    open_waiting(tab)
    form = tab.session_form
    form.actual_end.setDateTime(form.actual_start.dateTime().addSecs(-600))
    gui.click(tab, "sessionSaveButton")
    assert "sesudah waktu mulai" in gui.shown_text(tab, "sessionActualEndError")
    assert form.session_id is not None
    record = CounsellingService(workspace).session(form.session_id).record
    assert record.status is SessionStatus.TERJADWAL  # nothing written

    # 20 minutes: the reason is asked for at once, and required.
    form.actual_end.setDateTime(form.actual_start.dateTime().addSecs(20 * 60))
    assert form.duration_reason.isVisibleTo(form)
    gui.click(tab, "sessionSaveButton")
    assert "alasan" in gui.shown_text(tab, "sessionDurationReasonError").lower()

    # Finalising without the laiseg: the three UCA fields say what is missing.
    form.duration_reason.setText("Siswa harus kembali ke kelas untuk ujian")
    prompter.confirms.append(True)
    gui.click(tab, "sessionFinaliseButton")
    assert "Understanding" in gui.shown_text(tab, "sessionUnderstandingError")
    assert "Comfort" in gui.shown_text(tab, "sessionComfortError")
    assert form.editable  # saved as held, not final


# -- the work of the day -------------------------------------------------------------------------


def test_perlu_dicatat_lists_past_sessions_and_the_rest_of_today(
    qtbot, workspace: Workspace, context: UiContext, clock: FixedClock, as_showing_tab
) -> None:
    scheduled(workspace, "Ayu Lestari", minutes_from_now=-50)
    scheduled(workspace, "Budi Santoso", minutes_from_now=120)  # 10.30 WITA today
    scheduled(workspace, "Citra Dewi", minutes_from_now=24 * 60)  # tomorrow
    tab = build_tab(qtbot, context, as_showing_tab)
    rows = [
        (tab.waiting_model.index(r, 1).data(), tab.waiting_model.index(r, 3).data())
        for r in range(tab.waiting_model.rowCount())
    ]
    assert rows == [("Ayu Lestari", "Perlu dicatat"), ("Budi Santoso", "Hari ini, terjadwal")]

    clock.advance(hours=3)  # Budi's time has passed too
    tab.refresh()
    assert [tab.waiting_model.index(r, 3).data() for r in range(2)] == ["Perlu dicatat"] * 2


def test_pengajuan_catat_sesi_opens_konseling_at_the_planned_session(
    qtbot, gui: Gui, workspace: Workspace, make_window
) -> None:
    request_id = scheduled(workspace)
    window: MainWindow = make_window()
    requests = gui.open_tab(window, REQUESTS_TAB)
    assert isinstance(requests, RequestsTab) and requests.select(request_id)
    gui.click(requests, "requestRecordSessionButton")
    assert window.tabs is not None and window.tabs.currentIndex() == COUNSELLING_TAB
    tab = window.tab_of(CounsellingTab)
    assert tab is not None and tab.showing_session
    view = tab.session_form.view
    assert view is not None and view.request.id == request_id


# -- the buku kasus and a case -------------------------------------------------------------------


def test_the_filters_and_the_search_narrow_the_buku_kasus(
    qtbot, gui: Gui, workspace: Workspace, context: UiContext, clock: FixedClock, as_showing_tab
) -> None:
    held(workspace, scheduled(workspace, "Ayu Lestari"))
    clock.advance(hours=1)  # the counsellor's next free hour
    held(workspace, scheduled(workspace, "Budi Santoso", bidang=Bidang.PRIBADI))
    tab = build_tab(qtbot, context, as_showing_tab)
    assert tab.model.rowCount() == 2
    assert tab.status_filter.currentData() == CaseStatus.PROSES.value

    gui.pick(tab, "caseBidangFilter", Bidang.PRIBADI.value)
    tab.refresh()
    assert [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())] == ["Budi Santoso"]
    gui.pick(tab, "caseBidangFilter", ALL)

    gui.type_into(tab, "caseSearch", "ayu")
    gui.press_enter(tab, "caseSearch")
    assert [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())] == ["Ayu Lestari"]
    gui.type_into(tab, "caseSearch", "002/2026")
    gui.press_enter(tab, "caseSearch")
    assert [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())] == ["002/2026"]
    gui.type_into(tab, "caseSearch", "tidak ada siswa ini")
    gui.press_enter(tab, "caseSearch")
    assert tab.model.rowCount() == 0
    assert gui.text(tab, "caseEmptyTitle") == "Tidak ada yang cocok"

    gui.type_into(tab, "caseSearch", "")
    gui.pick(tab, "caseStatusFilter", CaseStatus.SELESAI.value)
    tab.refresh()
    assert tab.model.rowCount() == 0
    gui.pick(tab, "caseStatusFilter", ALL)
    tab.period.setChecked(True)  # from 1 January to today: both were opened today
    assert tab.model.rowCount() == 2


def test_closing_a_case_finishes_its_permohonan_and_plans_the_laijapang(
    qtbot, gui: Gui, workspace: Workspace, context: UiContext, as_showing_tab
) -> None:
    request_id = scheduled(workspace)
    case_id = held(workspace, request_id)
    tab = build_tab(qtbot, context, as_showing_tab)
    assert tab.select_case(case_id)
    view = tab.case_view
    assert gui.text(view, "caseTitle") == "Kasus 001/2026 · Ayu Lestari (X MIPA 1)"
    gui.click(view, "caseCloseButton")
    dialog = view.dialog
    assert dialog is not None
    gui.click(dialog, "closeCaseSaveButton")  # no reason yet
    assert gui.shown_text(dialog, "closeCaseReasonError")
    dialog.findChild(QPlainTextEdit, "closeCaseReason").setPlainText(
        "Tujuan tercapai: siswa datang tepat waktu sebulan penuh."
    )
    gui.click(dialog, "closeCaseSaveButton")
    qtbot.waitUntil(lambda: view.dialog is None)

    assert RequestService(workspace).get(request_id).status is RequestStatus.SELESAI
    assert "Kasus 001/2026 ditutup." in gui.shown_text(tab, "counsellingMessage")
    assert "Status: Selesai" in gui.text(view, "caseMeta")
    assert not view.close_button.isEnabled() and not view.plan_button.isEnabled()
    kinds = [f.kind for f in CounsellingService(workspace).case(case_id).follow_ups]
    assert kinds == [FollowUpKind.LAIJAPANG]
    assert tab.model.rowCount() == 0  # the book shows "Proses" cases
    assert CounsellingService(workspace).cases(CaseFilter(statuses=(CaseStatus.SELESAI,)))


def test_an_action_item_is_marked_and_the_next_session_planned_from_the_case(
    qtbot, gui: Gui, workspace: Workspace, context: UiContext, as_showing_tab
) -> None:
    request_id = scheduled(workspace)
    service = CounsellingService(workspace)
    planned = service.next_planned(request_id)
    assert planned is not None
    case_id = service.record_session(
        planned.id,
        SessionReport(
            actual_start=planned.planned_start,
            actual_end=planned.planned_end,
            action_items=(
                ActionItemDraft(
                    what="Membuat jadwal belajar",
                    due_on=(workspace.now() + timedelta(days=7)).date(),
                ),
            ),
        ),
    )
    tab = build_tab(qtbot, context, as_showing_tab)
    assert tab.select_case(case_id)
    view = tab.case_view
    view.items.select(0)
    gui.click(view, "caseActionDoneButton")
    assert service.case(case_id).action_items[0].status is ActionStatus.TERLAKSANA
    assert view.items_model.index(0, 4).data() == "Terlaksana"

    gui.click(view, "casePlanButton")
    dialog = view.dialog
    assert dialog is not None
    assert dialog.findChild(QLineEdit, "planSessionPlace").text() == "Ruang BK"
    reason = dialog.findChild(QLineEdit, "planSessionLengthReason")
    assert not reason.isVisibleTo(dialog)  # 45 minutes: no reason
    gui.click(dialog, "planSessionSaveButton")
    qtbot.waitUntil(lambda: view.dialog is None)
    assert [s.status for s in service.case(case_id).sessions] == [
        SessionStatus.SELESAI,
        SessionStatus.TERJADWAL,
    ]
    assert view.sessions_model.rowCount() == 2


def test_leaving_unsaved_input_asks_first(
    qtbot,
    gui: Gui,
    workspace: Workspace,
    context: UiContext,
    prompter: ScriptedPrompter,
    as_showing_tab,
) -> None:
    scheduled(workspace, "Ayu Lestari")
    scheduled(workspace, "Budi Santoso", minutes_from_now=30)  # later today
    tab = build_tab(qtbot, context, as_showing_tab)
    open_waiting(tab, 0)
    first = tab.session_form.session_id
    tab.session_form.understanding.setPlainText("Belum selesai diketik")
    prompter.confirms.append(False)
    open_waiting(tab, 1)
    assert tab.session_form.session_id == first  # stayed
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)  # shortcuts reach the active window only
    prompter.confirms.append(False)
    qtbot.keyClick(tab.session_form.understanding, Qt.Key.Key_Escape)
    assert tab.showing_session
    prompter.confirms.append(True)
    open_waiting(tab, 1)
    assert tab.session_form.session_id != first
    assert [c[1] for c in prompter.calls] == ["Catatan sesi belum disimpan"] * 3


# -- drafts --------------------------------------------------------------------------------------


def test_a_half_written_session_record_survives_a_lock(
    qtbot, gui: Gui, workspace: Workspace, make_window
) -> None:
    scheduled(workspace)
    window: MainWindow = make_window()
    tab = gui.open_tab(window, COUNSELLING_TAB)
    assert isinstance(tab, CounsellingTab)
    open_waiting(tab)
    session_id = tab.session_form.session_id
    tab.session_form.understanding.setPlainText("Terlambat karena tidur larut.")
    gui.click(tab, "sessionAddAlternative")
    type_into_cell(qtbot, tab.session_form.alternatives, "Pasang dua alarm")

    press_ctrl_l(qtbot, window)
    assert window.is_locked
    panel = window.lock_panel
    assert panel is not None
    gui.type_into(panel, "unlockPassword", PASSWORD)
    gui.click(panel, "unlockButton")
    qtbot.waitUntil(lambda: not window.is_locked)

    again = window.tab_of(CounsellingTab)
    assert again is not None and again is not tab
    qtbot.waitUntil(lambda: again.showing_session)
    form = again.session_form
    assert form.session_id == session_id
    assert form.understanding.toPlainText() == "Terlambat karena tidur larut."
    cell = form.alternatives.item(0, 1)
    assert cell is not None and cell.text() == "Pasang dua alarm"
    assert form.is_dirty()


def test_selecting_a_case_shows_it_and_enter_goes_into_it(
    qtbot, workspace: Workspace, context: UiContext, as_showing_tab
) -> None:
    case_id = held(workspace, scheduled(workspace))
    tab = build_tab(qtbot, context, as_showing_tab)
    assert tab.pages.currentWidget() is tab.nothing
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    tab.table.setFocus()
    tab.table.selectRow(0)
    assert tab.case_view.case_id == case_id
    assert tab.pages.currentWidget() is tab.case_page
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert tab.case_view.plan_button.hasFocus()


def test_a_planned_session_is_cancelled_and_follow_ups_planned_and_recorded_from_the_case(
    qtbot, gui: Gui, workspace: Workspace, context: UiContext, as_showing_tab
) -> None:
    request_id = scheduled(workspace)
    case_id = held(workspace, request_id)
    service = CounsellingService(workspace)
    planned = service.plan_session(
        request_id, SessionPlan(start=workspace.now() + timedelta(days=2))
    )
    tab = build_tab(qtbot, context, as_showing_tab)
    assert tab.select_case(case_id)
    view = tab.case_view
    view.sessions.select(view.sessions_model.row_where(lambda s: s.id == planned))
    gui.click(view, "caseCancelSessionButton")
    dialog = view.dialog
    assert dialog is not None and dialog.objectName() == "endSessionDialog"
    gui.click(dialog, "endSessionSaveButton")  # no reason: refused under the field
    assert view.dialog is dialog and service.session(planned).record.status is (
        SessionStatus.TERJADWAL
    )
    type_text(qtbot, dialog, "endSessionReason", "Siswa mengikuti lomba di luar sekolah.")
    gui.click(dialog, "endSessionSaveButton")
    qtbot.waitUntil(lambda: view.dialog is None)
    cancelled = service.session(planned).record
    assert cancelled.status is SessionStatus.BATAL
    assert cancelled.status_reason == "Siswa mengikuti lomba di luar sekolah."

    gui.click(view, "caseAddFollowUpButton")
    dialog = view.dialog
    assert dialog is not None
    gui.pick(dialog, "addFollowUpKind", FollowUpKind.LAIJAPEN)
    gui.click(dialog, "addFollowUpSaveButton")
    qtbot.waitUntil(lambda: view.dialog is None)
    (follow_up,) = service.case(case_id).follow_ups
    assert follow_up.kind is FollowUpKind.LAIJAPEN and follow_up.done_on is None

    view.follow_ups.select(0)
    gui.click(view, "caseFollowUpResultButton")
    dialog = view.dialog
    assert dialog is not None
    type_text(qtbot, dialog, "followUpResult", "Sudah tidur sebelum pukul 22.00 lima malam.")
    gui.click(dialog, "followUpResultSaveButton")
    qtbot.waitUntil(lambda: view.dialog is None)
    (done,) = service.case(case_id).follow_ups
    assert done.done_on == workspace.now().astimezone(workspace.settings().zone).date()
    assert done.result == "Sudah tidur sebelum pukul 22.00 lima malam."


def type_text(qtbot, parent: QWidget, name: str, text: str) -> None:
    box = parent.findChild(QPlainTextEdit, name)
    assert box is not None, name
    qtbot.keyClicks(box, text)
