"""Rows to drafts: identifier quirks, date formats, sex codes, duplicates, presets."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.students import GuardianRelation, Sex
from bk_desktop.importers.mapping import EMIS_PRESET, DateOrder, guess_mapping
from bk_desktop.importers.students_import import (
    drafts_from_table,
    import_file,
    parse_birth_date,
    read_nisn,
    read_sixteen_digits,
)
from bk_desktop.importers.tabular import CellValue, Table

TODAY = date(2026, 7, 20)
YEAR = AcademicYear(2026)


def _collect() -> tuple[list[str], object]:
    messages: list[str] = []
    return messages, messages.append


@pytest.mark.parametrize(
    ("cell", "nisn", "warned"),
    [
        ("0051234567", "0051234567", False),
        ("'0051234567", "0051234567", False),
        (51234567, "0051234567", True),
        (51234567.0, "0051234567", True),
        ("51234567", "0051234567", True),
        (1234567, "0001234567", True),
        ("5.1234567E+7", "0051234567", True),
        (12345, "", True),
        ("12345678901", "", True),
        ("abc", "", True),
        ("-", "", False),
        (None, "", False),
    ],
)
def test_nisn_cells(cell: CellValue, nisn: str, warned: bool) -> None:
    messages: list[str] = []
    assert read_nisn(cell, messages.append) == nisn
    assert bool(messages) is warned


def test_nisn_that_lost_zeros_is_warned_with_the_repaired_value() -> None:
    messages: list[str] = []
    read_nisn(51234567, messages.append)
    assert messages == [
        "NISN 51234567 kehilangan angka 0 di depan (tersimpan sebagai angka); dibaca sebagai "
        "0051234567. Cocokkan dengan Dapodik."
    ]


@pytest.mark.parametrize(
    "cell", [6474015705100001, 6474015705100000.0, "6.47401E+15", "6,47401E+15"]
)
def test_nik_stored_as_a_number_is_never_imported(cell: CellValue) -> None:
    messages: list[str] = []
    assert read_sixteen_digits(cell, "NIK", messages.append) == ""
    assert "digit terakhirnya tidak dapat dipercaya" in messages[0]


def test_nik_as_text_is_kept_and_bad_text_is_warned() -> None:
    messages: list[str] = []
    assert read_sixteen_digits("6474 0157 0510 0001", "NIK", messages.append) == "6474015705100001"
    assert read_sixteen_digits("64740157", "No KK", messages.append) == ""
    assert messages == ["No KK “64740157” tidak valid (harus 16 digit angka); No KK tidak diimpor."]


@pytest.mark.parametrize(
    ("cell", "order", "expected"),
    [
        ("2010-05-17", DateOrder.DAY_FIRST, date(2010, 5, 17)),
        ("2010-05-17 00:00:00", DateOrder.DAY_FIRST, date(2010, 5, 17)),
        (datetime(2010, 5, 17, 0, 0), DateOrder.DAY_FIRST, date(2010, 5, 17)),
        (date(2010, 5, 17), DateOrder.DAY_FIRST, date(2010, 5, 17)),
        ("17/05/2010", DateOrder.DAY_FIRST, date(2010, 5, 17)),
        ("17-05-2010", DateOrder.DAY_FIRST, date(2010, 5, 17)),
        ("7.5.2010", DateOrder.DAY_FIRST, date(2010, 5, 7)),
        ("05/17/2010", DateOrder.MONTH_FIRST, date(2010, 5, 17)),
        ("17 Mei 2010", DateOrder.DAY_FIRST, date(2010, 5, 17)),
        ("17-Agu-2010", DateOrder.DAY_FIRST, date(2010, 8, 17)),
        (40315, DateOrder.DAY_FIRST, date(2010, 5, 17)),
        (40315.0, DateOrder.DAY_FIRST, date(2010, 5, 17)),
        ("40315", DateOrder.DAY_FIRST, date(2010, 5, 17)),
        (20100517, DateOrder.DAY_FIRST, date(2010, 5, 17)),
        ("17052010", DateOrder.DAY_FIRST, date(2010, 5, 17)),
        (None, DateOrder.DAY_FIRST, None),
        ("-", DateOrder.DAY_FIRST, None),
    ],
)
def test_birth_date_formats(cell: CellValue, order: DateOrder, expected: date | None) -> None:
    assert parse_birth_date(cell, order) == expected


@pytest.mark.parametrize(
    "cell", ["17/05/10", "31/02/2010", "05/17/2010", "kemarin", "17 Maret-an 2010", 3.5e9, True]
)
def test_unknown_birth_dates_raise_value_error(cell: CellValue) -> None:
    with pytest.raises(ValueError):
        parse_birth_date(cell, DateOrder.DAY_FIRST)


def _table(headers: tuple[str, ...], *rows: tuple[CellValue, ...]) -> Table:
    return Table(headers, rows, tuple(range(2, 2 + len(rows))), "uji.csv")


def test_unknown_date_sex_and_religion_are_warned_and_left_empty() -> None:
    table = _table(
        ("Nama", "NISN", "JK", "Tanggal Lahir", "Agama"),
        ("Ani", "0101234567", "X", "17/05/10", "Lainnya"),
    )
    parsed = drafts_from_table(table, guess_mapping(table.headers), today=TODAY, academic_year=YEAR)
    draft = parsed.rows[0].draft
    assert (draft.sex, draft.birth_date, draft.religion) == (None, None, None)
    assert [w.student_name for w in parsed.warnings] == ["Ani", "Ani", "Ani"]
    assert any("Tanggal lahir “17/05/10” tidak dikenali" in w.message for w in parsed.warnings)


def test_future_birth_date_is_dropped_with_a_warning() -> None:
    table = _table(("Nama", "NISN", "Tanggal Lahir"), ("Ani", "0101234567", "01-01-2030"))
    parsed = drafts_from_table(table, guess_mapping(table.headers), today=TODAY, academic_year=YEAR)
    assert parsed.rows[0].draft.birth_date is None
    assert "masa depan" in parsed.warnings[0].message


def test_duplicate_rows_are_skipped_with_a_warning() -> None:
    table = _table(
        ("Nama", "NISN", "Tanggal Lahir"),
        ("Ani", "0101234567", "17-05-2010"),
        ("Ani", "0101234567", "17-05-2010"),
        ("ANI ", "", "17/05/2010"),
        ("Ani", "0109999999", "17-05-2010"),
        ("", "", ""),
        ("", "0108888888", ""),
    )
    parsed = drafts_from_table(table, guess_mapping(table.headers), today=TODAY, academic_year=YEAR)
    assert [row.row_number for row in parsed.rows] == [2, 5]  # a different NISN is another student
    assert parsed.skipped == 3
    assert [w.row_number for w in parsed.warnings] == [3, 4, 7]
    assert "NISN 0101234567 sudah ada di baris 2 (Ani)" in parsed.warnings[0].message
    assert "Nama dan tanggal lahir sama dengan baris 2" in parsed.warnings[1].message
    assert parsed.warnings[2].student_name == "(tanpa nama)"


def test_nik_equal_to_no_kk_imports_neither() -> None:
    table = _table(("Nama", "NIK", "No KK"), ("Ani", "6474015705100001", "6474015705100001"))
    parsed = drafts_from_table(table, guess_mapping(table.headers), today=TODAY, academic_year=YEAR)
    draft = parsed.rows[0].draft
    assert (draft.nik, draft.no_kk) == ("", "")
    assert "NIK sama dengan No KK" in parsed.warnings[0].message


def test_parent_phone_goes_to_the_guardian_called_first() -> None:
    table = _table(
        ("Nama", "NISN", "Nama Ayah", "Nama Ibu", "HP Orang Tua", "HP"),
        ("Ani", "0101234567", "Amir", "Siti", 81211112222, "-"),
    )
    draft = (
        drafts_from_table(table, guess_mapping(table.headers), today=TODAY, academic_year=YEAR)
        .rows[0]
        .draft
    )
    assert [(g.relation, g.phone) for g in draft.guardians] == [
        (GuardianRelation.AYAH, ""),
        (GuardianRelation.IBU, "081211112222"),
    ]
    assert draft.phone == ""


def test_file_without_required_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "daftar.csv"
    path.write_text("Kode;Kelas\n1;X-1\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="kolom Nama"):
        import_file(path, today=TODAY, academic_year=YEAR)


def test_emis_file_is_imported_with_its_preset(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["DATA SISWA MTs NEGERI 2 BONTANG"])
    sheet.append([])
    sheet.append(
        [
            "No",
            "NISM",
            "NISN",
            "Nama Siswa",
            "Jenis Kelamin",
            "Tempat Lahir",
            "Tanggal Lahir",
            "Kelas",
        ]
    )
    sheet.append(
        [1, "121164740001230001", "0101234567", "Ahmad Fauzi", 1, "Bontang", "17-05-2010", "VII A"]
    )
    sheet.append(
        [2, "121164740001230002", "0107654321", "Nur Aini", "2", "Samarinda", "01-12-2010", "VII B"]
    )
    path = tmp_path / "emis.xlsx"
    workbook.save(path)

    parsed = import_file(path, today=TODAY, academic_year=YEAR, preset=EMIS_PRESET)
    assert parsed.warnings == ()
    ahmad, nur = (row.draft for row in parsed.rows)
    assert (ahmad.nis, ahmad.sex, ahmad.birth_date) == (
        "121164740001230001",
        Sex.L,
        date(2010, 5, 17),
    )
    assert (nur.sex, nur.birth_date) == (Sex.P, date(2010, 12, 1))
    assert [row.row_number for row in parsed.rows] == [4, 5]
    placement = nur.placement_in(YEAR)
    assert placement is not None and placement.grade is not None and placement.grade.value == 7


def test_csv_with_semicolons_and_bom_is_imported(tmp_path: Path) -> None:
    text = "No;Nama;NISN;L/P;Tgl Lahir;Kelas\r\n1;Ani Lestari;101234567;P;17/05/2010;X-1\r\n"
    path = tmp_path / "kelas.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    parsed = import_file(path, today=TODAY, academic_year=YEAR)
    draft = parsed.rows[0].draft
    assert (draft.name, draft.nisn, draft.sex, draft.birth_date) == (
        "Ani Lestari",
        "0101234567",
        Sex.P,
        date(2010, 5, 17),
    )
    assert "kehilangan angka 0" in parsed.warnings[0].message
