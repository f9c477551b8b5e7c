"""Pengaturan → Layanan → Jam sekolah dan pengingat (issue 13), driven like a user over a real
vault: stored by the page's one "Simpan", refusals under their inputs."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSpinBox, QTimeEdit, QWidget

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.errors import ValidationError
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.tabs.admin.admin_tab import SERVICE, AdminTab

from conftest import Gui


@pytest.fixture
def tab(qtbot: QtBot, context: UiContext) -> AdminTab:
    tab = AdminTab(context)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.show_section(SERVICE)
    return tab


def error_text(parent: QWidget, field_name: str) -> str:
    label = parent.findChild(QLabel, f"{field_name}Error")
    assert label is not None, f"no error label under {field_name}"
    return label.text() if label.isVisibleTo(parent) else ""


def set_hours(gui: Gui, tab: AdminTab, start: QTime, end: QTime) -> None:
    gui.child(tab, QTimeEdit, "serviceSchoolStart").setTime(start)
    gui.child(tab, QTimeEdit, "serviceSchoolEnd").setTime(end)


def periods(gui: Gui, tab: AdminTab) -> QPlainTextEdit:
    return gui.child(tab, QPlainTextEdit, "serviceLessonPeriods")


def test_the_defaults_show_seven_to_three_no_periods_and_ten_minutes(
    gui: Gui, tab: AdminTab
) -> None:
    assert gui.child(tab, QTimeEdit, "serviceSchoolStart").text() == "07.00"
    assert gui.child(tab, QTimeEdit, "serviceSchoolEnd").text() == "15.00"
    assert periods(gui, tab).toPlainText() == ""
    assert gui.child(tab, QSpinBox, "serviceReminderMinutes").text() == "10 menit sebelumnya"


def test_hours_periods_and_reminder_are_stored_by_the_pages_simpan(
    gui: Gui, tab: AdminTab, workspace: Workspace
) -> None:
    set_hours(gui, tab, QTime(6, 45), QTime(14, 30))
    periods(gui, tab).setPlainText("07.45-08.30\n\n 07.00-07.45 \n")
    gui.child(tab, QSpinBox, "serviceReminderMinutes").setValue(15)
    gui.click(tab, "serviceSaveButton")

    assert gui.text(tab, "serviceStatus") == "Tersimpan."
    stored = SettingsService(workspace).get()
    assert (stored.school_start, stored.school_end) == ("06:45", "14:30")
    assert stored.lesson_periods == ("07:00-07:45", "07:45-08:30")
    assert stored.reminder_minutes == 15
    # Shown back as stored: sorted, blank lines gone, written the Indonesian way.
    assert periods(gui, tab).toPlainText() == "07.00-07.45\n07.45-08.30"


def test_zero_minutes_reads_as_no_reminder_and_is_stored(
    gui: Gui, tab: AdminTab, workspace: Workspace
) -> None:
    spin = gui.child(tab, QSpinBox, "serviceReminderMinutes")
    spin.setValue(0)
    assert spin.text() == "Tidak ada pengingat"
    gui.click(tab, "serviceSaveButton")
    assert SettingsService(workspace).get().reminder_minutes == 0


def test_an_end_before_the_start_is_refused_under_the_hours_and_nothing_is_stored(
    gui: Gui, tab: AdminTab, workspace: Workspace
) -> None:
    before = audit_repo.latest(workspace.db, AuditKind.SETTINGS_CHANGED)
    set_hours(gui, tab, QTime(13, 0), QTime(7, 0))
    gui.click(tab, "serviceSaveButton")

    assert "jam selesai setelah jam mulai" in error_text(tab, "serviceSchoolStart")
    assert gui.text(tab, "serviceStatus").startswith("Belum tersimpan.")
    assert SettingsService(workspace).get().school_hours[0].hour == 7
    assert audit_repo.latest(workspace.db, AuditKind.SETTINGS_CHANGED) == before

    gui.child(tab, QTimeEdit, "serviceSchoolEnd").setTime(QTime(15, 0))
    assert error_text(tab, "serviceSchoolStart") == ""  # the message goes once it is fixed


def test_a_period_that_does_not_read_is_named_under_the_periods_box(
    gui: Gui, tab: AdminTab, workspace: Workspace
) -> None:
    periods(gui, tab).setPlainText("07.00-07.45\njam ke-2")
    gui.click(tab, "serviceSaveButton")
    assert "“jam ke-2” tidak dikenali" in error_text(tab, "serviceLessonPeriods")
    assert SettingsService(workspace).get().lesson_periods == ()
    assert periods(gui, tab).toPlainText() == "07.00-07.45\njam ke-2"  # kept to be corrected


def test_a_refused_reminder_is_said_under_its_box(gui: Gui, tab: AdminTab) -> None:
    refusal = ValidationError("Pengingat sesi antara 0 dan 120 menit.", "reminder_minutes")
    assert tab.service.hours.show_error(refusal)
    assert error_text(tab, "serviceReminderMinutes") == refusal.message


def test_a_hint_says_how_to_write_a_period_and_that_reminders_carry_no_names(
    gui: Gui, tab: AdminTab
) -> None:
    assert "07.00-07.45" in gui.text(tab, "serviceLessonPeriodsHint")
    assert "tanpa nama siswa" in gui.text(tab, "serviceReminderMinutesHint")
