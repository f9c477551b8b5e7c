"""Sepakati jadwal says its verdict only after saving and asks why an agreement is dated back;
Batalkan jadwal takes a reason and leaves the request waiting for a new time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from test_requests_tab import (
    add_request,
    add_student,
    open_dialog,
    screen_for_counselling,
    select_request,
    shown_error,
)
from test_schedule_tab import agree_through_jadwal

from PySide6.QtWidgets import (
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import SessionMode
from bk_desktop.domain.requests import Assent, RequestStatus
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.requests import RequestService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.school_time import wall_clock
from bk_desktop.ui.tab_table import TabKey
from bk_desktop.ui.tabs.requests_tab import RequestsTab
from bk_desktop.ui.tabs.schedule_tab import ScheduleTab

from conftest import Gui, ScriptedPrompter, ShowAsTab
from support import school_slot


@pytest.fixture
def requests_tab(qtbot, context: UiContext, as_showing_tab: ShowAsTab) -> RequestsTab:
    made = as_showing_tab(RequestsTab(context), TabKey.REQUESTS)
    qtbot.addWidget(made)
    made.resize(1366, 700)
    made.show()
    qtbot.waitExposed(made)
    return made


@pytest.fixture
def schedule_tab(qtbot, context: UiContext, as_showing_tab: ShowAsTab) -> ScheduleTab:
    """Sepakati jadwal opens from Jadwal now (Pengajuan's button leads there)."""
    made = as_showing_tab(ScheduleTab(context), TabKey.SCHEDULE)
    qtbot.addWidget(made)
    made.resize(1366, 720)
    made.show()
    qtbot.waitExposed(made)
    return made


def ready_to_schedule(workspace: Workspace, clock: FixedClock) -> int:
    request_id = add_request(workspace, add_student(workspace, "Ayu Lestari"))
    screen_for_counselling(workspace, request_id)
    RequestService(workspace).set_assent(request_id, Assent.BERSEDIA)
    clock.advance(hours=3)
    return request_id


def test_the_verdict_is_not_shown_while_the_agreement_time_moves(
    qtbot, gui: Gui, schedule_tab: ScheduleTab, workspace: Workspace, clock: FixedClock
) -> None:
    request_id = ready_to_schedule(workspace, clock)
    dialog = agree_through_jadwal(
        qtbot, schedule_tab, request_id, school_slot(workspace, timedelta(hours=1))
    )
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert not any("Tepat waktu" in t or "Terlambat" in t for t in texts)
    assert any("disebutkan setelah disimpan" in t for t in texts)
    reason = gui.child(dialog, QLineEdit, "agreeScheduleReason")
    assert not reason.isVisibleTo(dialog)  # "now" needs no reason

    zone = workspace.settings().zone
    agreed = gui.child(dialog, QDateTimeEdit, "agreeScheduleAgreedAt")
    agreed.setDateTime(wall_clock(workspace.now() - timedelta(hours=2), zone))
    assert reason.isVisibleTo(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert not any("Tepat waktu" in t for t in texts)

    gui.click(dialog, "agreeScheduleSaveButton")  # no reason yet: refused under the field
    assert "alasan" in shown_error(dialog, "agreeScheduleReasonError").lower()
    assert RequestService(workspace).get(request_id).status is RequestStatus.MENUNGGU_JADWAL

    gui.type_into(dialog, "agreeScheduleReason", "Disepakati lewat telepon pagi tadi")
    gui.click(dialog, "agreeScheduleSaveButton")
    qtbot.waitUntil(lambda: schedule_tab.dialog is None)
    record = RequestService(workspace).get(request_id)
    assert record.status is RequestStatus.TERJADWAL
    assert record.agreed_at == (workspace.now() - timedelta(hours=2)).replace(second=0)


def test_batalkan_jadwal_needs_a_reason_and_leaves_the_request_waiting_for_a_new_time(
    qtbot,
    gui: Gui,
    requests_tab: RequestsTab,
    workspace: Workspace,
    clock: FixedClock,
    prompter: ScriptedPrompter,
) -> None:
    request_id = ready_to_schedule(workspace, clock)
    service = RequestService(workspace)
    service.agree_schedule(request_id, workspace.now() + timedelta(days=1))
    requests_tab.refresh()
    select_request(qtbot, requests_tab, request_id)
    button = requests_tab.findChild(QPushButton, "cancelScheduleButton")
    assert button is not None and button.isVisible() and button.isEnabled()

    dialog = open_dialog(qtbot, gui, requests_tab, "cancelScheduleButton")
    assert dialog.objectName() == "cancelScheduleDialog"
    box = gui.child(dialog, QPlainTextEdit, "cancelScheduleReason")
    box.setPlainText("-")
    gui.click(dialog, "cancelScheduleSaveButton")
    assert shown_error(dialog, "cancelScheduleReasonError")
    assert service.get(request_id).status is RequestStatus.TERJADWAL

    box.setPlainText("Siswa sakit, orang tua meminta waktu lain")
    gui.click(dialog, "cancelScheduleSaveButton")
    qtbot.waitUntil(lambda: requests_tab.dialog is None)
    record = service.get(request_id)
    assert record.status is RequestStatus.MENUNGGU_JADWAL
    assert record.deadline_met is True  # the first verdict stays
    assert service.events(request_id)[-1].reason == "Siswa sakit, orang tua meminta waktu lain"
    assert audit_repo.latest(workspace.db, AuditKind.REQUEST_STATUS) is not None
    assert not button.isVisible()  # nothing left to cancel
    assert prompter.errors == []


def test_batalkan_jadwal_is_offered_only_for_a_scheduled_request(
    qtbot, requests_tab: RequestsTab, workspace: Workspace, clock: FixedClock
) -> None:
    request_id = ready_to_schedule(workspace, clock)
    requests_tab.refresh()
    select_request(qtbot, requests_tab, request_id)
    button = requests_tab.findChild(QPushButton, "cancelScheduleButton")
    assert button is not None and not button.isVisible()


def test_the_first_session_is_planned_with_its_length_place_and_way(
    qtbot, gui: Gui, schedule_tab: ScheduleTab, workspace: Workspace, clock: FixedClock
) -> None:
    request_id = ready_to_schedule(workspace, clock)
    dialog = agree_through_jadwal(
        qtbot, schedule_tab, request_id, school_slot(workspace, timedelta(hours=1))
    )
    minutes = gui.child(dialog, QSpinBox, "agreeScheduleMinutes")
    reason = gui.child(dialog, QLineEdit, "agreeScheduleLengthReason")
    assert minutes.value() == 45 and not reason.isVisibleTo(dialog)
    minutes.setValue(60)
    assert reason.isVisibleTo(dialog)
    gui.click(dialog, "agreeScheduleSaveButton")  # 60 minutes without a reason: refused there
    assert "30–45 menit" in shown_error(dialog, "agreeScheduleLengthReasonError")
    assert RequestService(workspace).get(request_id).status is RequestStatus.MENUNGGU_JADWAL
    gui.type_into(dialog, "agreeScheduleLengthReason", "Orang tua ikut di akhir sesi.")
    gui.type_into(dialog, "agreeSchedulePlace", "Ruang Konseling 2")
    gui.pick(dialog, "agreeScheduleMode", SessionMode.DARING)
    gui.click(dialog, "agreeScheduleSaveButton")
    qtbot.waitUntil(lambda: schedule_tab.dialog is None)
    (session,) = CounsellingService(workspace).sessions_of_request(request_id)
    assert (session.planned_minutes, session.place, session.mode) == (
        60,
        "Ruang Konseling 2",
        SessionMode.DARING,
    )
    assert session.length_reason == "Orang tua ikut di akhir sesi."


def test_a_time_outside_school_asks_why_and_a_clash_is_named(
    qtbot, gui: Gui, schedule_tab: ScheduleTab, workspace: Workspace, clock: FixedClock
) -> None:
    other = ready_to_schedule(workspace, clock)
    first_slot = school_slot(workspace)
    RequestService(workspace).agree_schedule(other, first_slot)
    request_id = add_request(workspace, add_student(workspace, "Budi Santoso"))
    screen_for_counselling(workspace, request_id)
    RequestService(workspace).set_assent(request_id, Assent.BERSEDIA)
    schedule_tab.refresh()
    dialog = agree_through_jadwal(qtbot, schedule_tab, request_id, first_slot + timedelta(hours=2))
    zone = workspace.settings().zone
    clashes = gui.child(dialog, QLabel, "agreeScheduleClashes")
    reason = gui.child(dialog, QLineEdit, "agreeScheduleOverrideReason")
    when = gui.child(dialog, QDateTimeEdit, "agreeScheduleAt")
    assert not clashes.isVisibleTo(dialog) and not reason.isVisibleTo(dialog)
    # Sunday: no school, so a reason is asked, shown before saving.
    when.setDateTime(wall_clock(workspace.now() + timedelta(hours=1), zone))
    assert "bukan hari sekolah" in clashes.text() and reason.isVisibleTo(dialog)
    gui.click(dialog, "agreeScheduleSaveButton")
    assert "alasan" in shown_error(dialog, "agreeScheduleOverrideReasonError").lower()
    # The same counsellor's other session at the same time: named, initials only.
    when.setDateTime(wall_clock(first_slot + timedelta(minutes=15), zone))
    assert "A.L." in clashes.text() and "Ayu" not in clashes.text()
    assert not reason.isVisibleTo(dialog)
    gui.click(dialog, "agreeScheduleSaveButton")
    assert schedule_tab.dialog is not None  # refused, nothing saved
    assert RequestService(workspace).get(request_id).status is RequestStatus.MENUNGGU_JADWAL
    # A free hour later on the same school day is fine.
    when.setDateTime(wall_clock(first_slot + timedelta(hours=1), zone))
    assert not clashes.isVisibleTo(dialog)
    gui.click(dialog, "agreeScheduleSaveButton")
    qtbot.waitUntil(lambda: schedule_tab.dialog is None)
    assert RequestService(workspace).get(request_id).status is RequestStatus.TERJADWAL
