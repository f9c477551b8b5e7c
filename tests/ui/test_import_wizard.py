"""The student import window, from choosing a file to the refreshed Siswa list."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTableView,
    QWidget,
)

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.importers.mapping import TargetField
from bk_desktop.services.student_import import StudentImportService
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.import_wizard import (
    FIELDS,
    FILE_PAGE,
    MAPPING_PAGE,
    PREVIEW_PAGE,
    RESULT_PAGE,
    ImportWizard,
    WarningsModel,
    field_object_name,
)
from bk_desktop.ui.tabs.students_tab import StudentsTab

from dapodik_files import write_dapodik

YEAR = AcademicYear(2026)

# -- a Dapodik "Daftar Peserta Didik" export, as the school downloads it -----------------------

HEADER = [
    *("No", "Nama", "NIPD", "JK", "NISN", "Tempat Lahir", "Tanggal\nLahir", "NIK", "Agama"),
    *("Alamat", "RT", "RW", "Kelurahan", "Kecamatan", "HP"),
    *("Data Ayah", None, "Data Ibu", None),
    *("Rombel Saat Ini", "No KK"),
]
SUB = [*([None] * 15), "Nama", "Pekerjaan", "Nama", "Pekerjaan"]


def pupil(
    number: int,
    name: str,
    *,
    nisn: Any = None,
    nik: Any = "",
    birth: Any = "2010-05-17",
    rombel: str = "X MIPA 1",
) -> list[Any]:
    return [
        *(number, name, f"26{number:04d}", "P" if number % 2 else "L"),
        nisn if nisn is not None else f"0{number + 51_000_000:09d}",
        *("Bontang", birth, nik, "Islam", "Jl. Imam Bonjol", "3", "1", "Api-Api"),
        *("Bontang Utara", "081234567890", f"Ayah {name}", "Wiraswasta", f"Ibu {name}", "IRT"),
        *(rombel, ""),
    ]


def filler(count: int, start: int = 100) -> list[list[Any]]:
    return [pupil(n, f"Siswa Contoh {n:04d}") for n in range(start, start + count)]


NAMED = [
    pupil(1, "Ani Lestari", nisn="0051234567", nik="6474015705100001"),
    pupil(2, "Budi Santoso", nisn=51234568, rombel="X MIPA 2"),  # a number: lost its zero
    pupil(3, "Citra Dewi", nisn="0051234569", nik=6474015705100003),  # a number: last digit lost
    pupil(4, "Dewi Kartika", nisn="0041234570", rombel="XI IPS 1"),
    pupil(5, "Ani Lestari (ganda)", nisn="0051234567"),  # the same NISN again: skipped
]


@pytest.fixture
def tab(qtbot, workspace: Workspace, context: UiContext) -> StudentsTab:
    StudentService(workspace).create(
        StudentDraft(
            name="Dewi Kartika",
            nisn="0041234570",
            placements=(ClassPlacement(AcademicYear(2025), "X IPS 1"),),
        )
    )
    tab = StudentsTab(context)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def open_wizard(qtbot, gui, tab: StudentsTab, button: str = "studentImportButton") -> ImportWizard:
    gui.click(tab, button)
    wizard = tab.import_wizard
    assert wizard is not None
    qtbot.waitExposed(wizard)
    return wizard


def choose(qtbot, gui, wizard: ImportWizard, prompter, path: Path, page: int) -> None:
    """Pick ``path`` in the file dialog, press Lanjut, and wait for ``page``."""
    prompter.files.append(path)
    gui.click(wizard, "importChooseFileButton")
    assert gui.child(wizard, QLineEdit, "importFilePath").text() == str(path)
    gui.click(wizard, "importNextButton")
    qtbot.waitUntil(lambda: not wizard.busy_now and wizard.currentId() == page)


def warning_rows(wizard: ImportWizard) -> list[tuple[str, ...]]:
    model = wizard.findChild(QTableView, "importWarningsTable").model()
    return [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]


def listed(tab: StudentsTab) -> list[str]:
    model = tab.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


# -- Dapodik -----------------------------------------------------------------------------------


def test_a_dapodik_file_is_previewed_with_its_warnings_then_applied_with_progress(
    qtbot, gui, tab: StudentsTab, workspace: Workspace, prompter, tmp_path: Path
) -> None:
    path = write_dapodik(tmp_path / "daftar_pd.xlsx", HEADER, SUB, NAMED + filler(55))
    wizard = open_wizard(qtbot, gui, tab)
    assert wizard.isModal()
    choose(qtbot, gui, wizard, prompter, path, PREVIEW_PAGE)  # Dapodik: no mapping step

    assert "daftar_pd.xlsx (unduhan Dapodik)" in gui.text(wizard, "importSourceLabel")
    assert "tahun ajaran 2026/2027" in gui.text(wizard, "importSourceLabel")
    counts = [
        gui.text(wizard, name)
        for name in (
            "importAddedCount",
            "importUpdatedCount",
            "importUnchangedCount",
            "importSkippedCount",
        )
    ]
    assert counts == ["58", "1", "0", "1"]
    rows = warning_rows(wizard)
    assert ("8", "Budi Santoso") in [r[:2] for r in rows]
    assert ("9", "Citra Dewi") in [r[:2] for r in rows]
    assert ("11", "Ani Lestari (ganda)") in [r[:2] for r in rows]
    budi = next(r for r in rows if r[1] == "Budi Santoso")
    assert "kehilangan angka 0" in budi[2]
    assert gui.text(wizard, "importWarningsHeading").startswith(f"{len(rows)} peringatan")
    assert StudentService(workspace).count() == 1  # nothing written by the preview

    progress: list[tuple[int, int]] = []
    wizard.progressed.connect(lambda done, total: progress.append((done, total)))
    gui.click(wizard, "importApplyButton")
    assert not wizard.button(wizard.WizardButton.CancelButton).isEnabled()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT_PAGE, timeout=20_000)
    assert progress[-1] == (59, 59)
    assert len(progress) >= 3  # every 25 rows and at the end
    bar = gui.child(wizard, QProgressBar, "importProgress")
    assert (bar.value(), bar.maximum()) == (59, 59)
    assert gui.text(wizard, "importResultSummary") == "58 siswa ditambahkan, 1 diperbarui."
    assert "peringatan" in gui.text(wizard, "importResultDetails")

    gui.click(wizard, "importFinishButton")
    qtbot.waitUntil(lambda: tab.import_wizard is None)
    assert StudentService(workspace).count() == 59
    assert "Budi Santoso" in listed(tab)
    assert gui.text(tab, "studentCount") == "59 siswa"
    budi_id = StudentService(workspace).search_ids("budi")[0]
    assert StudentService(workspace).get(budi_id).nisn == "0051234568"


def test_a_large_file_imports_without_freezing_the_window(
    qtbot, gui, tab: StudentsTab, workspace: Workspace, prompter, tmp_path: Path
) -> None:
    path = write_dapodik(tmp_path / "besar.xlsx", HEADER, SUB, filler(2000))
    wizard = open_wizard(qtbot, gui, tab)
    # Each tick of a timer records whether background work was running at that moment: a
    # window doing the work on its own thread would never see a tick while busy.
    ticks: list[bool] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(wizard.busy_now))
    timer.start()
    choose(qtbot, gui, wizard, prompter, path, PREVIEW_PAGE)
    assert any(ticks)  # the window kept handling events while the file was read
    assert gui.text(wizard, "importAddedCount") == "2.000"

    progress: list[tuple[int, int]] = []
    wizard.progressed.connect(lambda done, total: progress.append((done, total)))
    ticks.clear()
    gui.click(wizard, "importApplyButton")
    assert wizard.busy_now
    for button in ("importBackButton", "importCancelButton", "importApplyButton"):
        assert not gui.child(wizard, QAbstractButton, button).isEnabled(), button
    wizard.reject()  # Esc or the lock while writing: refused, the write goes on
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT_PAGE, timeout=30_000)
    timer.stop()
    assert any(ticks)  # …and while it was written
    assert progress[-1] == (2000, 2000)
    assert len(progress) == 2000 // 25  # every 25 rows reached the bar
    assert StudentService(workspace).count() == 2001
    assert gui.text(wizard, "importResultSummary") == "2.000 siswa ditambahkan, 0 diperbarui."


def test_cancel_on_the_preview_writes_nothing(
    qtbot, gui, tab: StudentsTab, workspace: Workspace, prompter, tmp_path: Path
) -> None:
    path = write_dapodik(tmp_path / "daftar_pd.xlsx", HEADER, SUB, NAMED)
    wizard = open_wizard(qtbot, gui, tab)
    choose(qtbot, gui, wizard, prompter, path, PREVIEW_PAGE)
    gui.click(wizard, "importCancelButton")
    qtbot.waitUntil(lambda: tab.import_wizard is None)
    assert StudentService(workspace).count() == 1
    assert listed(tab) == ["Dewi Kartika"]


# -- other files: the mapping step -------------------------------------------------------------

CLASS_LIST = (
    "Siswa;Nomor Induk Nasional;Lahir;Rombongan\n"
    "Ani Lestari;0051234567;17-05-2010;X-1\n"
    "Budi Santoso;0051234568;03-01-2010;X-1\n"
)


def test_a_csv_with_unknown_headers_is_mapped_by_hand_and_saved_as_a_preset(
    qtbot, gui, tab: StudentsTab, workspace: Workspace, prompter, tmp_path: Path
) -> None:
    path = tmp_path / "kelas_x1.csv"
    path.write_text(CLASS_LIST, encoding="utf-8")
    wizard = open_wizard(qtbot, gui, tab)
    choose(qtbot, gui, wizard, prompter, path, MAPPING_PAGE)
    assert gui.child(wizard, QComboBox, "importMapName").currentData() is None

    gui.click(wizard, "importNextButton")  # nothing mapped: refused, saying what is missing
    qtbot.waitUntil(lambda: not wizard.busy_now)
    assert wizard.currentId() == MAPPING_PAGE
    message = gui.shown_text(wizard, "importMappingError")
    assert "kolom Nama" in message
    assert "NISN, NIK, Tanggal Lahir" in message

    gui.pick(wizard, "importMapName", "Siswa")
    assert gui.text(wizard, "importMapNameSample") == "mis. Ani Lestari"
    assert gui.shown_text(wizard, "importMappingError") == ""
    gui.pick(wizard, "importMapNisn", "Nomor Induk Nasional")
    gui.pick(wizard, "importMapBirthDate", "Lahir")
    gui.pick(wizard, "importMapRombel", "Rombongan")

    gui.type_into(wizard, "importPresetName", "Daftar wali kelas")
    gui.click(wizard, "importSavePresetButton")
    assert "tersimpan" in gui.shown_text(wizard, "importPresetStatus")
    saved = StudentImportService(workspace).preset("Daftar wali kelas")
    assert saved.mapping.columns[TargetField.NAME] == "Siswa"
    assert saved.mapping.columns[TargetField.ROMBEL] == "Rombongan"
    assert gui.child(wizard, QComboBox, "importPresetCombo").currentText() == "Daftar wali kelas"

    gui.click(wizard, "importNextButton")
    qtbot.waitUntil(lambda: wizard.currentId() == PREVIEW_PAGE)
    assert gui.text(wizard, "importAddedCount") == "2"
    assert gui.child(wizard, QLabel, "importNoWarnings").isVisible()
    gui.click(wizard, "importApplyButton")
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT_PAGE)
    gui.click(wizard, "importFinishButton")
    qtbot.waitUntil(lambda: tab.import_wizard is None)
    ani = StudentService(workspace).get(StudentService(workspace).search_ids("ani")[0])
    assert (ani.nisn, ani.birth_date) == ("0051234567", date(2010, 5, 17))
    assert ani.placement_in(YEAR) == ClassPlacement(YEAR, "X-1")

    # Next term's file of the same shape is recognised by the preset: no mapping step.
    again = tmp_path / "kelas_x2.csv"
    again.write_text(CLASS_LIST.replace("X-1", "X-2"), encoding="utf-8")
    wizard = open_wizard(qtbot, gui, tab)
    choose(qtbot, gui, wizard, prompter, again, PREVIEW_PAGE)
    assert "preset “Daftar wali kelas”" in gui.text(wizard, "importSourceLabel")
    assert gui.text(wizard, "importUpdatedCount") == "2"


def test_saving_a_preset_needs_a_name_and_asks_before_replacing_one(
    qtbot, gui, tab: StudentsTab, workspace: Workspace, prompter, tmp_path: Path
) -> None:
    path = tmp_path / "kelas.csv"
    path.write_text(CLASS_LIST, encoding="utf-8")
    wizard = open_wizard(qtbot, gui, tab)
    choose(qtbot, gui, wizard, prompter, path, MAPPING_PAGE)
    gui.pick(wizard, "importMapName", "Siswa")
    gui.click(wizard, "importSavePresetButton")
    assert gui.shown_text(wizard, "importPresetNameError") == "Beri nama preset impor."
    gui.type_into(wizard, "importPresetName", "EMIS")
    gui.click(wizard, "importSavePresetButton")
    assert "nama preset bawaan" in gui.shown_text(wizard, "importPresetNameError")

    gui.type_into(wizard, "importPresetName", "Kelas saya")
    gui.click(wizard, "importSavePresetButton")
    gui.pick(wizard, "importMapNisn", "Nomor Induk Nasional")
    prompter.confirms.append(False)  # "Ganti preset?" — no
    gui.click(wizard, "importSavePresetButton")
    service = StudentImportService(workspace)
    assert TargetField.NISN not in service.preset("Kelas saya").mapping.columns
    prompter.confirms.append(True)
    gui.click(wizard, "importSavePresetButton")
    assert TargetField.NISN in service.preset("Kelas saya").mapping.columns
    assert [c[1] for c in prompter.calls if c[0] == "confirm"] == ["Ganti preset?"] * 2


def test_an_emis_file_is_read_with_the_built_in_preset(
    qtbot, gui, tab: StudentsTab, workspace: Workspace, prompter, tmp_path: Path
) -> None:
    path = tmp_path / "emis.csv"
    path.write_text(
        "NISM;NISN;NIK;Nama Siswa;Jenis Kelamin;Tempat Lahir;Tanggal Lahir;Kelas;Nama Ayah;"
        "Nama Ibu\n"
        "121264740001180001;0112345678;;Ahmad Fauzi;1;Bontang;05-03-2011;VII A;Umar;Aisyah\n",
        encoding="utf-8",
    )
    wizard = open_wizard(qtbot, gui, tab)
    choose(qtbot, gui, wizard, prompter, path, PREVIEW_PAGE)
    assert "preset “EMIS”" in gui.text(wizard, "importSourceLabel")
    assert gui.text(wizard, "importAddedCount") == "1"


EMIS_EXPORT = (
    "NISM;Nama Lengkap Siswa;Jenis Kelamin;Tanggal Lahir;Kelas;NISN\n"
    "121264740001180001;Ahmad Fauzi;1;05-03-2011;Kelas 10 - XI-F1;0112345678\n"
    "121264740001180002;Nur Aisyah;2;21-11-2010;Kelas 10 - XI-F2;0102345679\n"
)


def test_an_emis_file_is_recognised_by_nism_and_the_wizard_says_why(
    qtbot, gui, tab: StudentsTab, workspace: Workspace, prompter, tmp_path: Path
) -> None:
    path = tmp_path / "emis.csv"
    path.write_text(EMIS_EXPORT, encoding="utf-8")
    wizard = open_wizard(qtbot, gui, tab)
    # EMIS's own headers differ from this file's: the mapping step shows the preset filled in.
    choose(qtbot, gui, wizard, prompter, path, MAPPING_PAGE)
    assert gui.child(wizard, QComboBox, "importPresetCombo").currentText() == "EMIS"
    assert gui.child(wizard, QComboBox, "importMapName").currentText() == "Nama Lengkap Siswa"
    sample = gui.child(wizard, QLabel, "importMapNisSample")
    assert sample.fontMetrics().horizontalAdvance(sample.text()) <= sample.width()
    gui.click(wizard, "importNextButton")
    qtbot.waitUntil(lambda: not wizard.busy_now and wizard.currentId() == PREVIEW_PAGE)
    source = gui.text(wizard, "importSourceLabel")
    assert "Dibaca sebagai EMIS: ada kolom NISM" in source
    assert gui.text(wizard, "importAddedCount") == "2"
    assert warning_rows(wizard) == []  # 1/2 read as L/P: no gender lost


def test_the_kind_of_file_can_be_chosen_instead_of_recognised(
    qtbot, gui, tab: StudentsTab, workspace: Workspace, prompter, tmp_path: Path
) -> None:
    path = tmp_path / "emis.csv"
    path.write_text(EMIS_EXPORT, encoding="utf-8")
    wizard = open_wizard(qtbot, gui, tab)
    kinds = gui.child(wizard, QComboBox, "importPresetChoice")
    assert kinds.currentText() == "Kenali sendiri dari judul kolom"
    kinds.setCurrentIndex(kinds.findText("Preset “EMIS”"))
    choose(qtbot, gui, wizard, prompter, path, MAPPING_PAGE)
    gui.click(wizard, "importBackButton")
    assert "Dibaca sebagai EMIS: dipilih sendiri" in gui.text(wizard, "importDetectedNote")


# -- files that cannot be imported -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "laporan.pdf",
            b"%PDF-1.4\n\x00\x01\x02\x03 binary",
            "Berkas “laporan.pdf” bukan lembar kerja yang dikenali.",
        ),
        ("kosong.csv", b"", "Berkas “kosong.csv”"),
        ("rusak.xlsx", b"PK\x03\x04 not really a workbook", "tidak dapat dibaca"),
        (
            "judul_saja.csv",
            b"Nama;NISN;Kelas\n",
            "Berkas “judul_saja.csv” tidak berisi data siswa di bawah baris judul kolom.",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_on_the_first_page(
    qtbot,
    gui,
    tab: StudentsTab,
    workspace: Workspace,
    prompter,
    tmp_path: Path,
    name: str,
    content: bytes,
    message: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    wizard = open_wizard(qtbot, gui, tab)
    choose(qtbot, gui, wizard, prompter, path, FILE_PAGE)
    assert message in gui.shown_text(wizard, "importFileError")
    assert StudentService(workspace).count() == 1

    gui.type_into(wizard, "importFilePath", str(tmp_path / "tidak_ada.xlsx"))
    assert gui.shown_text(wizard, "importFileError") == ""  # a new file: the old message goes
    gui.click(wizard, "importNextButton")
    qtbot.waitUntil(lambda: not wizard.busy_now)
    assert gui.shown_text(wizard, "importFileError") == "Berkas “tidak_ada.xlsx” tidak ditemukan."


def test_the_empty_state_opens_the_import(qtbot, gui, context: UiContext) -> None:
    tab = StudentsTab(context)
    qtbot.addWidget(tab)
    tab.show()
    wizard = open_wizard(qtbot, gui, tab, "studentEmptyImportButton")
    assert wizard.currentId() == FILE_PAGE
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()  # no file yet
    gui.click(wizard, "importCancelButton")
    qtbot.waitUntil(lambda: tab.import_wizard is None)


# -- models and names --------------------------------------------------------------------------


def test_the_warnings_model_is_a_well_behaved_model(qtmodeltester, workspace, tmp_path) -> None:
    path = write_dapodik(tmp_path / "daftar_pd.xlsx", HEADER, SUB, NAMED)
    preview = StudentImportService(workspace).preview(path)
    model = WarningsModel()
    model.set_warnings(preview.warnings)
    assert model.rowCount() == len(preview.warnings) > 0
    qtmodeltester.check(model)
    model.set_warnings(())
    qtmodeltester.check(model)


def test_the_mapping_step_offers_every_field_the_importer_knows() -> None:
    assert [key for key, _label in FIELDS] == [target.value for target in TargetField]
    assert field_object_name("birth_date") == "importMapBirthDate"


def test_every_control_has_an_object_name_and_an_accessible_name(
    qtbot, gui, tab: StudentsTab, prompter, tmp_path: Path
) -> None:
    path = tmp_path / "kelas.csv"
    path.write_text(CLASS_LIST, encoding="utf-8")
    wizard = open_wizard(qtbot, gui, tab)
    choose(qtbot, gui, wizard, prompter, path, MAPPING_PAGE)
    kinds = (QLineEdit, QAbstractButton, QComboBox, QAbstractSpinBox, QTableView)
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r}"
        for kind in kinds
        for w in wizard.findChildren(kind)
        if not isinstance(w.parent(), QComboBox | QAbstractSpinBox | QTableView | QLineEdit)
        and type(w.parent()).__name__ not in {"QHeaderView", "QTableCornerButton"}
        and isinstance(w, QWidget)
        and (not w.objectName() or not w.accessibleName())
    ]
    assert unnamed == []
