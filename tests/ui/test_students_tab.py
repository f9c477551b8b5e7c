"""Siswa: the list, its search and filters, and the add/edit dialog, driven like a user."""

from __future__ import annotations

import random
from datetime import date

import pytest

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from bk_desktop.domain.academic import AcademicYear, Grade
from bk_desktop.domain.identifiers import NIK_EQUALS_NO_KK_MESSAGE, NISN_MESSAGE
from bk_desktop.domain.students import (
    ClassPlacement,
    Guardian,
    GuardianRelation,
    Sex,
    StudentDraft,
    StudentStatus,
)
from bk_desktop.services.demo_students import demo_student
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.student_dialog import StudentDialog
from bk_desktop.ui.student_table_model import (
    BLOCK_SIZE,
    CLASS,
    NAME,
    NIS,
    SEX,
    STATUS,
    StudentTableModel,
)
from bk_desktop.ui.tab_table import TabKey
from bk_desktop.ui.tabs.students_tab import StudentsTab

from conftest import ShowAsTab
from support import START

# The rombel completer's popup opens while a test types a class; the offscreen platform cannot
# raise it or give it the keyboard and says so. That is the test platform talking, not the
# dialog. (pytest-qt reads only the closest qt_log_ignore, so the conftest's pattern is repeated.)
completer_popup_noise = pytest.mark.qt_log_ignore(
    r"This plugin does not support propagateSizeHints\(\)",
    r"This plugin does not support raise\(\)",
    r"This plugin does not support grabbing the keyboard",
)

YEAR = AcademicYear(2026)  # the fixture clock's academic year (29 November 2026)
TODAY = date(2026, 11, 29)


def placed(rombel: str, teacher: str = "Wahyu Santoso, S.Pd.") -> tuple[ClassPlacement, ...]:
    return (ClassPlacement(YEAR, rombel, teacher),)


SCHOOL = [
    StudentDraft(
        name="Ani Lestari",
        nis="1001",
        nisn="0051234567",
        sex=Sex.P,
        birth_date=date(2010, 5, 17),
        placements=placed("X MIPA 1"),
    ),
    StudentDraft(
        name="Budi Santoso",
        nis="1002",
        nisn="0051234568",
        sex=Sex.L,
        placements=placed("X MIPA 2"),
        guardians=(Guardian("Slamet Santoso", GuardianRelation.AYAH, "081234567890"),),
    ),
    StudentDraft(
        name="Citra Dewi",
        nis="1003",
        sex=Sex.P,
        placements=placed("XI IPS 1"),
        status=StudentStatus.PINDAH,
        status_date=date(2026, 10, 1),
    ),
    StudentDraft(
        name="Dewi Kartika",
        nis="2001",
        nisn="0041234570",
        sex=Sex.P,
        placements=placed("XII MIPA 1"),
        status=StudentStatus.LULUS,
        status_date=date(2026, 6, 20),
    ),
    StudentDraft(name="Eko Prasetyo", nis="0999", sex=Sex.L),
]


def add_school(workspace: Workspace) -> dict[str, int]:
    service = StudentService(workspace)
    return {draft.name: service.create(draft) for draft in SCHOOL}


def add_many(workspace: Workspace, count: int) -> None:
    service = StudentService(workspace)
    rng = random.Random(count)
    for number in range(1, count + 1):
        grade = (Grade.X, Grade.XI, Grade.XII)[number % 3]
        service.create(
            demo_student(
                rng,
                number,
                year=YEAR,
                rombel=f"{grade.roman} MIPA {number % 4 + 1}",
                homeroom_teacher="Wahyu Santoso, S.Pd.",
                today=TODAY,
                grade=grade,
            )
        )


def make_tab(qtbot, context: UiContext, as_showing_tab: ShowAsTab) -> StudentsTab:
    tab = as_showing_tab(StudentsTab(context), TabKey.STUDENTS)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


@pytest.fixture
def tab(qtbot, workspace: Workspace, context: UiContext, as_showing_tab: ShowAsTab) -> StudentsTab:
    add_school(workspace)
    return make_tab(qtbot, context, as_showing_tab)


def table(tab: StudentsTab) -> QTableView:
    found = tab.findChild(QTableView, "studentTable")
    assert found is not None
    return found


def column(tab: StudentsTab, which: int) -> list[str]:
    model = table(tab).model()
    return [model.index(row, which).data() for row in range(model.rowCount())]


def names(tab: StudentsTab) -> list[str]:
    return column(tab, NAME)


def click_header(qtbot, tab: StudentsTab, section: int) -> None:
    header = table(tab).horizontalHeader()
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def open_dialog(qtbot, gui, tab: StudentsTab, button: str = "studentAddButton") -> StudentDialog:
    gui.click(tab, button)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible())
    assert tab.dialog is not None
    return tab.dialog


def error_below(dialog: StudentDialog, field: str) -> str:
    """The message on the line under the input ``field``, or '' when none is showing."""
    edit = dialog.findChild(QWidget, field)
    label = dialog.findChild(QLabel, f"{field}Error")
    assert edit is not None and label is not None
    if label.isHidden():
        return ""
    top_of_label = label.mapTo(dialog, QPoint(0, 0)).y()
    bottom_of_edit = edit.mapTo(dialog, QPoint(0, edit.height())).y()
    assert 0 <= top_of_label - bottom_of_edit < 20, "the message is not next to its field"
    return label.text()


# -- the model ---------------------------------------------------------------------------------


def test_the_student_model_is_a_well_behaved_model(qtmodeltester, workspace: Workspace) -> None:
    add_many(workspace, 300)
    model = StudentTableModel(StudentService(workspace))
    model.search("")
    assert model.rowCount() == 300
    qtmodeltester.check(model)
    model.sort(CLASS, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.search("xii mipa")
    assert 0 < model.rowCount() < 300
    qtmodeltester.check(model)
    model.search("tidak ada siswa bernama ini")
    qtmodeltester.check(model)


def test_only_the_rows_shown_are_read_from_the_vault(
    qtbot, workspace: Workspace, context: UiContext, as_showing_tab: ShowAsTab
) -> None:
    add_many(workspace, 300)
    tab = make_tab(qtbot, context, as_showing_tab)
    view = table(tab)
    qtbot.waitUntil(lambda: tab.model.blocks_read == 1)
    assert tab.model.cached_rows() == BLOCK_SIZE < tab.model.rowCount()
    view.scrollToBottom()
    qtbot.waitUntil(lambda: tab.model.blocks_read == 2)
    assert view.model().index(299, NAME).data()


def test_a_sort_keeps_the_selected_student_selected(qtbot, tab: StudentsTab) -> None:
    assert tab.select_student(tab.model.student_id(names(tab).index("Budi Santoso")) or 0)
    click_header(qtbot, tab, NIS)
    click_header(qtbot, tab, NIS)
    assert tab.selected_id() is not None
    assert tab.model.index(table(tab).currentIndex().row(), NAME).data() == "Budi Santoso"


# -- the list ----------------------------------------------------------------------------------


def test_the_list_shows_name_nis_nisn_class_sex_and_status(tab: StudentsTab, gui) -> None:
    model = table(tab).model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Nama", "NIS", "NISN", "Kelas", "L/P", "Status"]
    assert names(tab) == [d.name for d in SCHOOL]
    row = names(tab).index("Citra Dewi")
    assert [model.index(row, c).data() for c in range(6)] == [
        "Citra Dewi",
        "1003",
        "",
        "XI IPS 1",
        "P",
        "Pindah sekolah",
    ]
    assert column(tab, CLASS)[names(tab).index("Eko Prasetyo")] == "—"
    assert gui.text(tab, "studentCount") == "5 siswa"
    assert gui.text(tab, "studentYear") == "Kelas tahun ajaran 2026/2027"


def test_typing_in_the_search_box_filters_the_list(qtbot, tab: StudentsTab, gui) -> None:
    search = gui.child(tab, QLineEdit, "studentSearch")
    qtbot.keyClicks(search, "ani")
    qtbot.waitUntil(lambda: names(tab) == ["Ani Lestari"])
    assert gui.text(tab, "studentCount") == "1 dari 5 siswa"

    search.clear()
    qtbot.keyClicks(search, "ips")  # the start of a word of the class
    qtbot.waitUntil(lambda: names(tab) == ["Citra Dewi"])

    search.clear()
    qtbot.keyClicks(search, "x mipa")  # every word starts a word: X and XII both start with x
    qtbot.waitUntil(lambda: names(tab) == ["Ani Lestari", "Budi Santoso", "Dewi Kartika"])

    search.clear()
    qtbot.keyClicks(search, "00412")  # the start of a NISN
    qtbot.waitUntil(lambda: names(tab) == ["Dewi Kartika"])

    search.clear()
    qtbot.waitUntil(lambda: len(names(tab)) == 5)
    assert gui.text(tab, "studentCount") == "5 siswa"


def test_enter_searches_without_waiting(qtbot, tab: StudentsTab, gui) -> None:
    search = gui.child(tab, QLineEdit, "studentSearch")
    qtbot.keyClicks(search, "1002")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert names(tab) == ["Budi Santoso"]


def test_filters_by_class_grade_and_status(tab: StudentsTab, gui) -> None:
    gui.pick(tab, "studentRombelFilter", "X MIPA 2")
    assert names(tab) == ["Budi Santoso"]
    gui.pick(tab, "studentRombelFilter", None)

    gui.pick(tab, "studentGradeFilter", Grade.X)
    assert names(tab) == ["Ani Lestari", "Budi Santoso"]
    rombels = gui.child(tab, QComboBox, "studentRombelFilter")
    offered = [rombels.itemData(i) for i in range(rombels.count())]
    assert offered == [None, "X MIPA 1", "X MIPA 2"]  # only the classes of grade X
    assert rombels.itemText(1) == "X MIPA 1 (1)"
    gui.pick(tab, "studentGradeFilter", None)

    gui.pick(tab, "studentStatusFilter", StudentStatus.PINDAH)
    assert names(tab) == ["Citra Dewi"]
    gui.pick(tab, "studentStatusFilter", StudentStatus.AKTIF)
    assert names(tab) == ["Ani Lestari", "Budi Santoso", "Eko Prasetyo"]
    assert gui.text(tab, "studentCount") == "3 dari 5 siswa"


def test_clicking_a_column_header_sorts_the_list(qtbot, tab: StudentsTab) -> None:
    click_header(qtbot, tab, NIS)
    assert column(tab, NIS) == ["0999", "1001", "1002", "1003", "2001"]
    click_header(qtbot, tab, NIS)
    assert column(tab, NIS) == ["2001", "1003", "1002", "1001", "0999"]
    click_header(qtbot, tab, STATUS)
    assert column(tab, STATUS)[:3] == ["Aktif"] * 3

    click_header(qtbot, tab, SEX)  # L/P cannot be sorted: nothing moves, the arrow stays
    assert column(tab, STATUS)[:3] == ["Aktif"] * 3
    assert table(tab).horizontalHeader().sortIndicatorSection() == STATUS

    click_header(qtbot, tab, CLASS)
    assert column(tab, CLASS) == ["X MIPA 1", "X MIPA 2", "XI IPS 1", "XII MIPA 1", "—"]


def test_a_search_that_finds_nobody_offers_to_clear_it(qtbot, tab: StudentsTab, gui) -> None:
    gui.pick(tab, "studentStatusFilter", StudentStatus.KELUAR)
    no_match = gui.child(tab, QWidget, "studentNoMatch")
    assert no_match.isVisible()
    assert "Tidak ada siswa yang cocok" in gui.text(tab, "studentNoMatchText")
    gui.click(tab, "studentClearFiltersButton")
    assert len(names(tab)) == 5
    assert table(tab).isVisible()
    assert gui.child(tab, QComboBox, "studentStatusFilter").currentData() is None


def test_an_empty_vault_says_what_to_do_next(
    qtbot, gui, context: UiContext, as_showing_tab: ShowAsTab
) -> None:
    tab = make_tab(qtbot, context, as_showing_tab)
    empty = gui.child(tab, QWidget, "studentEmptyPage")
    assert empty.isVisible()
    assert not table(tab).isVisible()
    assert gui.text(tab, "studentEmptyHeading") == "Belum ada data siswa."
    assert gui.text(tab, "studentEmptyText").startswith("Tambahkan siswa atau impor dari Dapodik.")
    assert gui.child(tab, QAbstractButton, "studentEmptyImportButton").isVisible()

    dialog = open_dialog(qtbot, gui, tab, "studentEmptyAddButton")
    gui.type_into(dialog, "studentDialogName", "Ani Lestari")
    gui.click(dialog, "studentDialogSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)
    assert not empty.isVisible()
    assert names(tab) == ["Ani Lestari"]


# -- adding and editing ------------------------------------------------------------------------


@completer_popup_noise
def test_a_student_typed_into_the_dialog_is_stored_and_listed(
    qtbot, gui, tab: StudentsTab, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, gui, tab)
    assert dialog.windowTitle() == "Tambah siswa"
    gui.type_into(dialog, "studentDialogName", "Fajar  Nugraha")
    gui.type_into(dialog, "studentDialogNis", "1004")
    gui.type_into(dialog, "studentDialogNisn", "0061234567")
    gui.type_into(dialog, "studentDialogNik", "6474011705100004")
    gui.pick(dialog, "studentDialogSex", Sex.L)
    gui.type_into(dialog, "studentDialogBirthPlace", "Bontang")
    gui.type_into(dialog, "studentDialogBirthDate", "17-05-2010")
    assert gui.text(dialog, "studentDialogBirthDateShown") == "Senin, 17 Mei 2010"
    gui.type_into(dialog, "studentDialogRombel", "X-3")
    assert gui.text(dialog, "studentDialogGrade") == "Tingkat X"
    gui.type_into(dialog, "studentDialogHomeroom", "Rina Marlina, S.Pd.")
    gui.type_into(dialog, "studentDialogGuardianName1", "Siti Aminah")
    gui.type_into(dialog, "studentDialogGuardianPhone1", "0812 3456 7890")
    notes = gui.child(dialog, QPlainTextEdit, "studentDialogNotes")
    qtbot.keyClicks(notes, "Pindahan dari Samarinda")

    gui.click(dialog, "studentDialogSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)

    assert "Fajar Nugraha" in names(tab)
    assert gui.text(tab, "studentCount") == "6 siswa"
    new_id = tab.selected_id()
    assert new_id is not None
    stored = StudentService(workspace).get(new_id)
    assert stored.name == "Fajar Nugraha"
    assert (stored.nis, stored.nisn, stored.sex) == ("1004", "0061234567", Sex.L)
    assert stored.birth_date == date(2010, 5, 17)
    assert stored.placements == (ClassPlacement(YEAR, "X-3", "Rina Marlina, S.Pd."),)
    assert stored.guardians == (Guardian("Siti Aminah", GuardianRelation.IBU, "0812 3456 7890"),)
    assert stored.notes == "Pindahan dari Samarinda"


def test_a_bad_nisn_is_shown_next_to_the_field_and_nothing_is_stored(
    qtbot, gui, tab: StudentsTab, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, gui, tab)
    gui.type_into(dialog, "studentDialogName", "Fajar Nugraha")
    gui.type_into(dialog, "studentDialogNisn", "12345")
    gui.click(dialog, "studentDialogSaveButton")

    assert error_below(dialog, "studentDialogNisn") == NISN_MESSAGE
    assert error_below(dialog, "studentDialogName") == ""
    assert dialog.isVisible()
    assert StudentService(workspace).count() == len(SCHOOL)
    assert gui.shown_text(dialog, "studentDialogMessage").startswith("Belum tersimpan.")

    gui.type_into(dialog, "studentDialogNisn", "0061234567")  # fixed: now it saves
    gui.click(dialog, "studentDialogSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)
    assert StudentService(workspace).count() == len(SCHOOL) + 1


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"studentDialogNik": "647401170510000"}, "studentDialogNik", "NIK harus 16 digit angka."),
        (
            {"studentDialogNik": "6474011705100004", "studentDialogNoKk": "6474011705100004"},
            "studentDialogNik",
            NIK_EQUALS_NO_KK_MESSAGE,
        ),
        ({"studentDialogNis": "1001"}, "studentDialogNis", "NIS 1001 sudah dipakai siswa lain."),
        (
            {"studentDialogBirthDate": "01-01-2027"},
            "studentDialogBirthDate",
            "Tanggal lahir tidak boleh di masa depan.",
        ),
        (
            {"studentDialogBirthDate": "31-02-2010", "studentDialogNisn": "123"},
            "studentDialogBirthDate",
            'Tanggal "31-02-2010" tidak ada di kalender. Periksa tanggal dan bulannya.',
        ),
        (
            {"studentDialogGuardianPhone0": "0812"},
            "studentDialogGuardianName0",
            "Nama ayah wajib diisi.",
        ),
    ],
)
def test_each_problem_is_shown_by_its_own_field(
    qtbot,
    gui,
    tab: StudentsTab,
    workspace: Workspace,
    typed: dict[str, str],
    field: str,
    message: str,
) -> None:
    dialog = open_dialog(qtbot, gui, tab)
    gui.type_into(dialog, "studentDialogName", "Fajar Nugraha")
    for name, text in typed.items():
        gui.type_into(dialog, name, text)
    gui.click(dialog, "studentDialogSaveButton")
    assert error_below(dialog, field).splitlines()[0] == message
    if "studentDialogNisn" in typed:  # an unreadable date is reported with everything else
        assert error_below(dialog, "studentDialogNisn") == NISN_MESSAGE
    assert StudentService(workspace).count() == len(SCHOOL)


def test_a_status_other_than_aktif_needs_its_date(qtbot, gui, tab: StudentsTab) -> None:
    dialog = open_dialog(qtbot, gui, tab)
    date_edit = gui.child(dialog, QLineEdit, "studentDialogStatusDate")
    assert not date_edit.isEnabled()
    gui.type_into(dialog, "studentDialogName", "Fajar Nugraha")
    gui.pick(dialog, "studentDialogStatus", StudentStatus.KELUAR)
    assert date_edit.isEnabled()
    gui.click(dialog, "studentDialogSaveButton")
    assert error_below(dialog, "studentDialogStatusDate") == (
        "Isi tanggal sejak siswa berstatus keluar."
    )


@completer_popup_noise
def test_double_clicking_a_student_opens_it_and_the_edit_is_saved(
    qtbot, gui, tab: StudentsTab, workspace: Workspace
) -> None:
    view = table(tab)
    row = names(tab).index("Budi Santoso")
    rect = view.visualRect(view.model().index(row, NAME))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible())
    dialog = tab.dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Ubah data siswa — Budi Santoso"
    assert gui.child(dialog, QLineEdit, "studentDialogNisn").text() == "0051234568"
    assert gui.child(dialog, QLineEdit, "studentDialogRombel").text() == "X MIPA 2"
    assert gui.child(dialog, QLineEdit, "studentDialogGuardianPhone0").text() == "081234567890"

    gui.pick(dialog, "studentDialogStatus", StudentStatus.KELUAR)
    gui.type_into(dialog, "studentDialogStatusDate", "2 November 2026")
    gui.type_into(dialog, "studentDialogRombel", "X MIPA 3")
    gui.click(dialog, "studentDialogSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)

    row = names(tab).index("Budi Santoso")
    assert column(tab, STATUS)[row] == "Keluar"
    assert column(tab, CLASS)[row] == "X MIPA 3"
    budi = StudentService(workspace).get(tab.model.student_id(row) or 0)
    assert (budi.status, budi.status_date) == (StudentStatus.KELUAR, date(2026, 11, 2))
    assert budi.guardians == SCHOOL[1].guardians  # untouched rows stay as they were


def test_ubah_edits_the_selected_student(qtbot, gui, tab: StudentsTab) -> None:
    edit = gui.child(tab, QAbstractButton, "studentEditButton")
    assert not edit.isEnabled()
    tab.select_student(tab.model.student_id(0) or 0)
    assert edit.isEnabled()
    dialog = open_dialog(qtbot, gui, tab, "studentEditButton")
    assert gui.child(dialog, QLineEdit, "studentDialogName").text() == "Ani Lestari"
    gui.click(dialog, "studentDialogCancelButton")  # nothing typed: closes without asking
    qtbot.waitUntil(lambda: tab.dialog is None)


def test_closing_with_typed_changes_asks_first(
    qtbot, gui, tab: StudentsTab, prompter, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, gui, tab)
    gui.type_into(dialog, "studentDialogName", "Fajar Nugraha")
    prompter.confirms.append(False)
    gui.click(dialog, "studentDialogCancelButton")
    assert dialog.isVisible()
    prompter.confirms.append(True)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.dialog is None)
    assert [c[1] for c in prompter.calls] == ["Buang isian?"] * 2
    assert StudentService(workspace).count() == len(SCHOOL)


def test_the_window_lock_closes_the_dialog_without_asking(qtbot, gui, tab: StudentsTab) -> None:
    before = StudentService(tab.context.workspace).count()
    dialog = open_dialog(qtbot, gui, tab)
    gui.type_into(dialog, "studentDialogName", "Fajar Nugraha")
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()  # what the lock does; an unscripted question would fail the test
    assert not dialog.isVisible()
    assert StudentService(tab.context.workspace).count() == before  # nothing half-saved


# -- every control a user acts on can be found and named ----------------------------------------


def unnamed_controls(root: QWidget) -> list[str]:
    kinds = (QLineEdit, QAbstractButton, QComboBox, QAbstractSpinBox, QTableView, QPlainTextEdit)
    return [
        f"{type(w).__name__} {w.objectName()!r}"
        for kind in kinds
        for w in root.findChildren(kind)
        # Parts Qt builds inside a control (a line edit's clear button, a table's corner).
        if not isinstance(w.parent(), QComboBox | QAbstractSpinBox | QTableView | QLineEdit)
        and type(w.parent()).__name__ not in {"QHeaderView", "QTableCornerButton"}
        and (not w.objectName() or not w.accessibleName())
    ]


def test_every_control_has_an_object_name_and_an_accessible_name(
    qtbot, gui, tab: StudentsTab
) -> None:
    assert unnamed_controls(tab) == []
    dialog = open_dialog(qtbot, gui, tab)
    assert unnamed_controls(dialog) == []


def test_the_clock_fixture_is_in_the_year_the_tab_shows() -> None:
    assert AcademicYear.containing(START.date()) == YEAR


def test_a_search_typed_just_before_leaving_the_tab_runs_when_it_is_shown_again(
    qtbot, tab: StudentsTab, gui
) -> None:
    qtbot.keyClicks(gui.child(tab, QLineEdit, "studentSearch"), "ani")
    tab.hide()
    tab.show()
    qtbot.waitUntil(lambda: names(tab) == ["Ani Lestari"])
    assert gui.child(tab, QLineEdit, "studentSearch").text() == "ani"
