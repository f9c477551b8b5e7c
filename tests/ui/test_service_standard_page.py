"""Pengaturan → Layanan, driven like a user over a real vault; time comes from the FixedClock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from bk_desktop.domain.academic import AcademicYear, Semester, SemesterDates, Term
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.requests import RequestSource
from bk_desktop.domain.settings import Settings
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.tabs.admin.admin_tab import SERVICE, AdminTab
from bk_desktop.ui.tabs.admin.terms_section import TermsModel

from conftest import Gui, ScriptedPrompter

WITA = ZoneInfo("Asia/Makassar")
YEAR = AcademicYear(2026)
GENAP = Term(YEAR, Semester.GENAP, SemesterDates(date(2027, 1, 4), date(2027, 6, 26)))


@pytest.fixture
def tab(qtbot: QtBot, context: UiContext) -> AdminTab:
    tab = AdminTab(context)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.show_section(SERVICE)
    return tab


def error_text(parent: QWidget, field_name: str) -> str:
    """The message under a field, or '' when none is showing."""
    label = parent.findChild(QLabel, f"{field_name}Error")
    assert label is not None, f"no error label under {field_name}"
    return label.text() if label.isVisibleTo(parent) else ""


def set_date(gui: Gui, parent: QWidget, name: str, day: date) -> None:
    gui.child(parent, QDateEdit, name).setDate(QDate(day.year, day.month, day.day))


def fill_term(gui: Gui, tab: AdminTab, year: str, semester: Semester, start: date, end: date):
    gui.type_into(tab, "serviceTermYear", year)
    gui.pick(tab, "serviceTermSemester", semester.value)
    set_date(gui, tab, "serviceTermStart", start)
    set_date(gui, tab, "serviceTermEnd", end)


def add_student(workspace: Workspace) -> int:
    year = TermService(workspace).current().year
    return StudentService(workspace).create(
        StudentDraft(name="Rina Kartika", placements=(ClassPlacement(year, "X MIPA 1"),))
    )


def receive_request(workspace: Workspace, student_id: int) -> datetime:
    """A request received now; its deadline as stored, on the school's clock."""
    request_id = RequestService(workspace).create(
        RequestForm(
            student_id=student_id,
            source=RequestSource.SISWA_SENDIRI,
            reason="Sering terlambat masuk kelas.",
        ),
        allow_duplicate=True,  # the same student is received again on purpose
    )
    return RequestService(workspace).get(request_id).deadline_at.astimezone(WITA)


def move_to(clock: FixedClock, local: datetime) -> None:
    clock.advance(seconds=(local.astimezone(UTC) - clock.now()).total_seconds())


# -- placement -------------------------------------------------------------------------


def test_layanan_is_the_section_after_the_school_identity(tab: AdminTab) -> None:
    sections = [tab.sections.item(row).text() for row in range(tab.sections.count())]
    assert sections[:2] == ["Identitas sekolah", "Layanan"]
    assert tab.pages.currentWidget() is tab.service


# -- the 1×24 h clock ------------------------------------------------------------------


def test_school_days_only_with_a_holiday_moves_a_friday_deadline_past_the_weekend(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace, clock: FixedClock
) -> None:
    gui.click(tab, "serviceSchoolDaysOnly")
    assert gui.text(tab, "serviceDeadlineStatus") == "Belum disimpan."
    set_date(gui, tab, "serviceHolidayDate", date(2026, 12, 14))  # a Monday
    gui.click(tab, "serviceHolidayAddButton")
    assert gui.text(tab, "serviceDeadlineStatus") == "Belum disimpan."
    gui.click(tab, "serviceSaveButton")

    stored = SettingsService(workspace).get()
    assert stored.school_days_only
    assert stored.holidays == ("2026-12-14",)
    assert gui.text(tab, "serviceStatus") == "Tersimpan."
    assert gui.text(tab, "serviceDeadlineStatus") == ""  # no "Belum disimpan" any more
    student = add_student(workspace)

    move_to(clock, datetime(2026, 12, 4, 10, 0, tzinfo=WITA))  # Jumat
    assert receive_request(workspace, student) == datetime(2026, 12, 7, 10, 0, tzinfo=WITA)

    move_to(clock, datetime(2026, 12, 11, 10, 0, tzinfo=WITA))  # Jumat before the holiday
    assert receive_request(workspace, student) == datetime(2026, 12, 15, 10, 0, tzinfo=WITA)


def test_a_six_day_school_counts_saturday_in_the_clock(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace, clock: FixedClock
) -> None:
    saturday = gui.child(tab, QCheckBox, "serviceSchoolDay5")
    assert not saturday.isEnabled()  # the week matters only for the school-days clock
    gui.click(tab, "serviceSchoolDaysOnly")
    assert saturday.isEnabled() and not saturday.isChecked()
    gui.click(tab, "serviceSchoolDay5")
    assert gui.text(tab, "serviceDeadlineStatus") == "Belum disimpan."
    gui.click(tab, "serviceSaveButton")
    assert SettingsService(workspace).get().school_week == (0, 1, 2, 3, 4, 5)

    move_to(clock, datetime(2026, 12, 4, 10, 0, tzinfo=WITA))  # Jumat
    student = add_student(workspace)
    assert receive_request(workspace, student) == datetime(2026, 12, 5, 10, 0, tzinfo=WITA)


def test_a_week_without_school_days_is_refused_beside_the_days(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace
) -> None:
    gui.click(tab, "serviceSchoolDaysOnly")
    for day in range(5):
        gui.click(tab, f"serviceSchoolDay{day}")
    gui.click(tab, "serviceSaveButton")
    assert "paling sedikit satu hari" in error_text(tab, "serviceSchoolDay0")
    assert SettingsService(workspace).get().school_week == (0, 1, 2, 3, 4)


def test_holidays_are_listed_sorted_in_long_indonesian_dates_and_can_be_removed(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace
) -> None:
    for day in (date(2026, 12, 25), date(2026, 12, 24), date(2027, 1, 1)):
        set_date(gui, tab, "serviceHolidayDate", day)
        gui.click(tab, "serviceHolidayAddButton")
    holidays = gui.child(tab, QListWidget, "serviceHolidayList")
    shown = [holidays.item(row).text() for row in range(holidays.count())]
    assert shown == ["Kamis, 24 Desember 2026", "Jumat, 25 Desember 2026", "Jumat, 1 Januari 2027"]

    holidays.clearSelection()
    holidays.item(1).setSelected(True)
    gui.click(tab, "serviceHolidayRemoveButton")
    gui.click(tab, "serviceSaveButton")
    assert SettingsService(workspace).get().holidays == ("2026-12-24", "2027-01-01")


def test_a_holiday_range_skips_the_weekend_and_refuses_an_end_before_its_start(
    gui: Gui, tab: AdminTab
) -> None:
    set_date(gui, tab, "serviceHolidayDate", date(2026, 12, 21))  # Senin
    set_date(gui, tab, "serviceHolidayUntil", date(2027, 1, 2))  # Sabtu
    gui.click(tab, "serviceHolidayAddButton")
    holidays = gui.child(tab, QListWidget, "serviceHolidayList")
    days = [holidays.item(row).data(Qt.ItemDataRole.UserRole) for row in range(holidays.count())]
    assert len(days) == 10
    assert all(date.fromisoformat(day).weekday() < 5 for day in days)

    set_date(gui, tab, "serviceHolidayDate", date(2027, 3, 5))
    set_date(gui, tab, "serviceHolidayUntil", date(2027, 3, 2))
    gui.click(tab, "serviceHolidayAddButton")
    assert "sebelum tanggal pertama" in error_text(tab, "serviceHolidayDate")
    assert holidays.count() == 10


# -- emergency protocol ----------------------------------------------------------------

PROTOCOL = "1. Dampingi siswa.\n2. Telepon Bu Kepala Sekolah di 0812-0000-1111."


def test_the_saved_emergency_protocol_is_what_screening_shows(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace
) -> None:
    box = gui.child(tab, QPlainTextEdit, "serviceEmergencyProtocol")
    assert box.toPlainText() == Settings().emergency_protocol
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    qtbot.keyClicks(box, "  1. Dampingi siswa.")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.keyClicks(box, "2. Telepon Bu Kepala Sekolah di 0812-0000-1111.  ")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    gui.click(tab, "serviceSaveButton")

    assert ScreeningService(workspace).emergency_protocol() == PROTOCOL
    assert box.toPlainText() == PROTOCOL
    event = audit_repo.latest(workspace.db, AuditKind.SETTINGS_CHANGED)
    assert event is not None and event.detail == "emergency_protocol"


def test_an_empty_emergency_protocol_is_refused_under_the_box(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace, prompter: ScriptedPrompter
) -> None:
    gui.child(tab, QPlainTextEdit, "serviceEmergencyProtocol").setPlainText(" \n\t\n")
    gui.click(tab, "serviceSaveButton")

    assert "tidak boleh kosong" in error_text(tab, "serviceEmergencyProtocol")
    assert prompter.calls == []
    assert ScreeningService(workspace).emergency_protocol() == Settings().emergency_protocol
    assert audit_repo.latest(workspace.db, AuditKind.SETTINGS_CHANGED) is None

    gui.click(tab, "serviceProtocolDefaultButton")
    assert error_text(tab, "serviceEmergencyProtocol") == ""


# -- semesters -------------------------------------------------------------------------


def test_a_configured_term_chosen_as_current_is_the_current_term(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace
) -> None:
    terms = TermService(workspace)
    assert terms.current() == Term.default(YEAR, Semester.GANJIL)  # 29 November 2026
    assert "otomatis" in gui.text(tab, "serviceCurrentTerm")

    gui.click(tab, "serviceTermNewButton")
    fill_term(gui, tab, "2026/2027", Semester.GENAP, GENAP.dates.start, GENAP.dates.end)
    gui.click(tab, "serviceSaveButton")
    assert terms.terms() == [GENAP]
    assert terms.current().semester is Semester.GANJIL  # still derived from today

    gui.pick(tab, "serviceTermChoice", "2026/2027 genap")
    gui.click(tab, "serviceSaveButton")
    assert terms.current() == GENAP
    shown = gui.text(tab, "serviceCurrentTerm")
    assert shown.startswith("Semester Genap 2026/2027, 4 Januari 2027 – 26 Juni 2027")
    assert "Dipilih tetap" in shown
    table = gui.child(tab, QTableView, "serviceTermsTable")
    assert table.model().index(0, 1).data() == "Genap (berjalan)"

    gui.pick(tab, "serviceTermChoice", "")
    gui.click(tab, "serviceSaveButton")
    assert terms.current() == Term.default(YEAR, Semester.GANJIL)
    assert SettingsService(workspace).get().current_term_override == ""


def test_a_term_that_ends_before_it_starts_is_shown_at_the_end_date_and_not_stored(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace, prompter: ScriptedPrompter
) -> None:
    fill_term(gui, tab, "2026/2027", Semester.GANJIL, date(2026, 12, 19), date(2026, 7, 13))
    gui.click(tab, "serviceSaveButton")

    assert error_text(tab, "serviceTermEnd") == (
        "Tanggal akhir semester tidak boleh sebelum tanggal mulainya."
    )
    assert gui.text(tab, "serviceStatus").startswith("Belum tersimpan")
    assert prompter.calls == []
    assert TermService(workspace).terms() == []

    set_date(gui, tab, "serviceTermEnd", date(2026, 12, 24))
    gui.click(tab, "serviceSaveButton")
    assert error_text(tab, "serviceTermEnd") == ""
    assert TermService(workspace).terms()[0].dates.end == date(2026, 12, 24)


def test_year_mistakes_and_overlaps_are_shown_beside_their_fields(
    gui: Gui, tab: AdminTab, workspace: Workspace
) -> None:
    TermService(workspace).save_terms([GENAP])
    tab.refresh()
    fill_term(gui, tab, "2026-2028", Semester.GANJIL, date(2026, 7, 13), date(2026, 12, 19))
    gui.click(tab, "serviceSaveButton")
    assert "berurutan" in error_text(tab, "serviceTermYear")

    fill_term(gui, tab, "2026/2027", Semester.GANJIL, date(2026, 7, 13), date(2027, 1, 9))
    gui.click(tab, "serviceSaveButton")
    assert error_text(tab, "serviceTermYear") == ""
    assert "bertumpang tindih" in error_text(tab, "serviceTermEnd")

    gui.click(tab, "serviceTermNewButton")
    fill_term(gui, tab, "2026/2027", Semester.GENAP, date(2027, 1, 11), date(2027, 6, 19))
    gui.click(tab, "serviceSaveButton")
    assert "sudah ada di daftar" in error_text(tab, "serviceTermYear")
    assert TermService(workspace).terms() == [GENAP]


def test_a_new_term_starts_from_the_default_dates_of_the_year_typed(
    gui: Gui, tab: AdminTab
) -> None:
    gui.click(tab, "serviceTermNewButton")
    assert gui.child(tab, QLineEdit, "serviceTermYear").text() == "2026/2027"
    gui.type_into(tab, "serviceTermYear", "2027/2028")
    gui.pick(tab, "serviceTermSemester", Semester.GENAP.value)
    start = gui.child(tab, QDateEdit, "serviceTermStart").date()
    end = gui.child(tab, QDateEdit, "serviceTermEnd").date()
    assert (start, end) == (QDate(2028, 1, 1), QDate(2028, 6, 30))

    set_date(gui, tab, "serviceTermStart", date(2028, 1, 8))  # typed by hand: kept
    gui.pick(tab, "serviceTermSemester", Semester.GANJIL.value)
    assert gui.child(tab, QDateEdit, "serviceTermStart").date() == QDate(2028, 1, 8)


def test_selecting_a_term_edits_its_dates_and_it_can_be_removed(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace, prompter: ScriptedPrompter
) -> None:
    TermService(workspace).save_terms([GENAP])
    tab.refresh()
    table = gui.child(tab, QTableView, "serviceTermsTable")
    table.selectRow(0)
    assert gui.text(tab, "serviceTermFormTitle") == "Mengubah Semester Genap 2026/2027"
    set_date(gui, tab, "serviceTermEnd", date(2027, 6, 19))
    gui.click(tab, "serviceSaveButton")
    assert TermService(workspace).terms()[0].dates.end == date(2027, 6, 19)

    table.selectRow(0)
    prompter.confirms.append(True)
    gui.click(tab, "serviceTermRemoveButton")
    assert "4 Januari 2027 – 19 Juni 2027" in prompter.calls[-1][2]
    assert TermService(workspace).terms() == []
    assert gui.child(tab, QLabel, "serviceTermsEmpty").isVisibleTo(tab)


def test_the_terms_model_is_a_well_behaved_model(qtmodeltester: ModelTester) -> None:
    model = TermsModel()
    ganjil = Term(YEAR, Semester.GANJIL, SemesterDates(date(2026, 7, 13), date(2026, 12, 19)))
    model.set_terms([ganjil, GENAP], GENAP.key)
    qtmodeltester.check(model)
    model.set_current(ganjil.key)
    assert model.index(0, 1).data() == "Ganjil (berjalan)"
    model.set_terms([], None)
    qtmodeltester.check(model)


# -- names -----------------------------------------------------------------------------


def test_every_control_on_the_page_has_an_object_name_and_an_accessible_name(
    tab: AdminTab,
) -> None:
    page = tab.service
    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QTableView, QListWidget)
    controls = [
        w
        for kind in (*kinds, QPlainTextEdit)
        for w in page.findChildren(kind)
        if not isinstance(w.parent(), (QComboBox, QAbstractSpinBox, QTableView))
        and type(w.parent()).__name__ not in {"QHeaderView", "QTableCornerButton"}
    ]
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in controls
        if not w.objectName() or not w.accessibleName()
    ]
    assert unnamed == []
    assert len(controls) >= 15
    assert any(w.objectName() == "qt_calendar_prevmonth" for w in controls)  # pop-ups too


def test_saving_with_no_change_says_so_and_records_nothing(
    gui: Gui, tab: AdminTab, workspace: Workspace
) -> None:
    with_before = audit_repo.latest(workspace.db, AuditKind.SETTINGS_CHANGED)
    gui.click(tab, "serviceSaveButton")
    assert gui.text(tab, "serviceStatus") == "Tidak ada yang berubah."
    assert TermService(workspace).terms() == []  # the offered semester is not added unasked
    assert audit_repo.latest(workspace.db, AuditKind.SETTINGS_CHANGED) == with_before


def test_the_current_term_line_follows_the_date_when_the_page_is_shown_again(
    gui: Gui, tab: AdminTab, clock: FixedClock
) -> None:
    clock.advance(days=40)  # 8 January 2027
    tab.show_section(0)
    tab.show_section(SERVICE)
    assert gui.text(tab, "serviceCurrentTerm").startswith("Semester Genap 2026/2027")


def test_the_layanan_page_has_one_simpan_that_keeps_every_section(
    qtbot: QtBot, gui: Gui, tab: AdminTab, workspace: Workspace
) -> None:
    page = tab.service
    saves = [b.text() for b in page.findChildren(QAbstractButton) if "Simpan" in b.text()]
    assert saves == ["Simpan"]

    gui.click(tab, "serviceTermNewButton")  # the offered semester, dates kept as offered
    gui.pick(tab, "serviceTermChoice", "")
    gui.click(tab, "serviceSchoolDaysOnly")
    gui.child(tab, QPlainTextEdit, "serviceEmergencyProtocol").setPlainText(PROTOCOL)
    gui.click(tab, "serviceSaveButton")

    assert gui.text(tab, "serviceStatus") == "Tersimpan."
    stored = SettingsService(workspace).get()
    assert stored.school_days_only and stored.emergency_protocol == PROTOCOL
    assert len(TermService(workspace).terms()) == 1
