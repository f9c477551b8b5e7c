"""Dapodik "Daftar PD": header found by text, merged groups joined, data bounded, quirks warned."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bk_desktop.domain.academic import AcademicYear, Grade
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.students import GuardianRelation, Religion, Sex
from bk_desktop.importers.dapodik import is_dapodik, parse_dapodik
from bk_desktop.importers.plan import plan_import
from bk_desktop.importers.students_import import import_file, prepare_file
from bk_desktop.importers.tabular import read_table

YEAR = AcademicYear(2026)
TODAY = date(2026, 7, 20)
Maker = Callable[..., Path]
RowMaker = Callable[[int], dict[str, Any]]


def test_header_row_is_found_by_text_and_groups_are_joined(
    make_dapodik: Maker, student_row: RowMaker
) -> None:
    grid = read_table(make_dapodik([student_row(1), student_row(2)]))
    assert is_dapodik(grid)
    table = parse_dapodik(grid)
    assert table.headers[:3] == ("No", "Nama", "NIPD")
    assert "Tanggal Lahir" in table.headers  # line break normalised
    assert "Data Ibu – Nama" in table.headers
    assert "Data Wali – NIK" in table.headers
    assert "Jml. Saudara Kandung" in table.headers
    assert table.row_numbers == (7, 8)


def test_data_stops_at_blank_rows_and_footer(make_dapodik: Maker, student_row: RowMaker) -> None:
    path = make_dapodik(
        [student_row(n) for n in range(1, 6)], trailing_blank_rows=0, footer="Jumlah: 5 siswa"
    )
    table = parse_dapodik(read_table(path))
    assert len(table.rows) == 5
    path = make_dapodik([student_row(n) for n in range(1, 6)], name="b.xlsx", trailing_blank_rows=4)
    assert len(parse_dapodik(read_table(path)).rows) == 5


def test_file_without_the_dapodik_header_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "lain.csv"
    path.write_text("Kode;Keterangan\n1;abc\n", encoding="utf-8")
    with pytest.raises(KnownError, match=r"Nama.*NISN"):
        parse_dapodik(read_table(path))


def test_dapodik_students_are_imported_with_their_quirks_warned(
    make_dapodik: Maker, student_row: RowMaker
) -> None:
    ani = student_row(1) | {
        "Nama": "ANI LESTARI",
        "JK": "P",
        "NISN": 101234567,  # was "0101234567", Excel made it a number
        "NIK": 6474015705100001,  # 16 digits as a number: last digit unreliable
        "Tanggal\nLahir": date(2010, 5, 17),
        "Agama": "Katholik",
        "Data Wali – Nama": "Paman Ali",
        "Rombel Saat Ini": "X IPA 1",
    }
    budi = student_row(2) | {
        "Nama": "Budi",
        "NISN": "12345",
        "Tanggal\nLahir": "17/05/2010",
        "RT": "-",
    }
    parsed = import_file(make_dapodik([ani, budi]), today=TODAY, academic_year=YEAR)

    assert [row.row_number for row in parsed.rows] == [7, 8]
    first = parsed.rows[0].draft
    assert first.name == "ANI LESTARI"
    assert first.nisn == "0101234567"
    assert first.nik == ""
    assert first.nis == "20260001"
    assert first.sex is Sex.P
    assert first.birth_date == date(2010, 5, 17)
    assert first.religion is Religion.KATOLIK
    assert (
        first.address == "Jl. Merdeka No. 1, RT 001/RW 002, Kel. Api-Api, Kec. Bontang Utara, 75311"
    )
    assert [g.relation for g in first.guardians] == [
        GuardianRelation.AYAH,
        GuardianRelation.IBU,
        GuardianRelation.WALI,
    ]
    placement = first.placement_in(YEAR)
    assert placement is not None and placement.rombel == "X IPA 1" and placement.grade is Grade.X

    second = parsed.rows[1].draft
    assert second.nisn == ""
    assert second.birth_date == date(2010, 5, 17)
    assert second.address.startswith("Jl. Merdeka No. 2, RW 002, Kel. Api-Api")

    messages = {
        (w.row_number, w.student_name): w.message for w in parsed.warnings if "NISN" in w.message
    }
    assert "0101234567" in messages[(7, "ANI LESTARI")]
    assert "tidak valid" in messages[(8, "Budi")]
    nik_warning = [
        w for w in parsed.warnings if w.message.startswith("NIK tersimpan sebagai angka")
    ]
    assert [w.student_name for w in nik_warning] == ["ANI LESTARI"]


def test_columns_are_found_by_header_not_position(
    make_dapodik: Maker, student_row: RowMaker
) -> None:
    shuffled = [
        "Nama",
        "No",
        "HP",
        "NISN",
        "Agama",
        "JK",
        "Tanggal\nLahir",
        "NIPD",
        "NIK",
        "Tempat Lahir",
        "Alamat",
        "RT",
        "RW",
        "Kelurahan",
        "Kecamatan",
        "Kode Pos",
        "Kolom Baru 2027",
    ]
    normal = import_file(make_dapodik([student_row(3)]), today=TODAY, academic_year=YEAR)
    moved = import_file(
        make_dapodik([student_row(3)], name="moved.xlsx", headers_before=shuffled),
        today=TODAY,
        academic_year=YEAR,
    )
    assert moved.rows[0].draft == normal.rows[0].draft


def test_prepare_file_recognises_dapodik_without_a_preset(
    make_dapodik: Maker, student_row: RowMaker
) -> None:
    prepared = prepare_file(make_dapodik([student_row(1)]))
    assert prepared.is_dapodik
    assert prepared.mapping.columns


def test_two_thousand_rows_import_well_under_five_seconds(
    make_dapodik: Maker, student_row: RowMaker
) -> None:
    path = make_dapodik([student_row(n) for n in range(1, 2001)])
    started = time.perf_counter()
    parsed = import_file(path, today=TODAY, academic_year=YEAR)
    plan = plan_import(parsed, [])
    elapsed = time.perf_counter() - started
    assert plan.added == 2000
    assert parsed.warnings == ()
    assert elapsed < 5.0, f"import of 2,000 rows took {elapsed:.2f} s"


def test_dapodik_file_without_students_is_refused_clearly(make_dapodik: Maker) -> None:
    with pytest.raises(KnownError, match="tidak berisi data siswa"):
        import_file(make_dapodik([]), today=TODAY, academic_year=YEAR)
