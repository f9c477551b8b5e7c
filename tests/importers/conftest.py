"""Builders for spreadsheet files shaped like the ones schools really have.

``build_dapodik`` writes the Dapodik "Daftar PD" layout: title rows 1–4, header row 5 with the
merged groups "Data Ayah", "Data Ibu", "Data Wali", sub-headers in row 6, data from row 7, then
blank rows and a footer. Student cells are given by header name, so tests never depend on
column positions either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

MAIN_BEFORE = [
    "No",
    "Nama",
    "NIPD",
    "JK",
    "NISN",
    "Tempat Lahir",
    "Tanggal\nLahir",
    "NIK",
    "Agama",
    "Alamat",
    "RT",
    "RW",
    "Dusun",
    "Kelurahan",
    "Kecamatan",
    "Kode Pos",
    "Jenis Tinggal",
    "Alat Transportasi",
    "Telepon",
    "HP",
    "E-Mail",
    "SKHUN",
    "Penerima KPS",
    "No. KPS",
]
GROUP_PARTS = ["Nama", "Tahun Lahir", "Jenjang Pendidikan", "Pekerjaan", "Penghasilan", "NIK"]
GROUPS = ["Data Ayah", "Data Ibu", "Data Wali"]
MAIN_AFTER = [
    "Rombel Saat Ini",
    "No Peserta Ujian Nasional",
    "No Seri Ijazah",
    "Penerima KIP",
    "Nomor KIP",
    "Kebutuhan Khusus",
    "Sekolah Asal",
    "Anak ke-berapa",
    "Lintang",
    "Bujur",
    "No KK",
    "Berat Badan",
    "Tinggi Badan",
    "Jml. Saudara\nKandung",
    "Jarak Rumah ke\nSekolah (KM)",
]

Student = dict[str, Any]


def dapodik_student(number: int) -> Student:
    """A plausible student; NISN and NIK are text unless a test says otherwise."""
    birth = date(2009 + number % 3, 1 + number % 12, 1 + number % 28)
    return {
        "Nama": f"Siswa Contoh {number:04d}",
        "NIPD": f"2026{number:04d}",
        "JK": "L" if number % 2 else "P",
        "NISN": f"{(birth.year % 1000):03d}{number:07d}",
        "Tempat Lahir": "Bontang",
        "Tanggal\nLahir": birth.isoformat(),
        "NIK": f"647401{birth:%d%m%y}{number % 10000:04d}",
        "Agama": "Islam",
        "Alamat": f"Jl. Merdeka No. {number}",
        "RT": "001",
        "RW": "002",
        "Kelurahan": "Api-Api",
        "Kecamatan": "Bontang Utara",
        "Kode Pos": "75311",
        "HP": f"0812{number:08d}",
        "Data Ayah – Nama": f"Ayah {number}",
        "Data Ibu – Nama": f"Ibu {number}",
        "Rombel Saat Ini": ["X IPA 1", "XI-F2", "XII MIPA 3"][number % 3],
        "No KK": f"647401{number:010d}",
    }


def build_dapodik(
    path: Path,
    students: Sequence[Student],
    *,
    trailing_blank_rows: int = 3,
    footer: str | None = "Dicetak dari Aplikasi Dapodik",
    headers_after: Sequence[str] = MAIN_AFTER,
    headers_before: Sequence[str] = MAIN_BEFORE,
) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Daftar PD"
    sheet["A1"] = "Daftar Peserta Didik"
    sheet["A2"] = "SMA NEGERI 1 BONTANG"
    sheet["A3"] = "Kecamatan Bontang Utara, Kota Bontang, Prov. Kalimantan Timur"
    sheet["A4"] = "Tanggal Unduh: 2026-07-15 08:12:03  Pengunduh: operator@sman1bontang.sch.id"

    columns: list[str] = []  # full header per column, as the parser should rebuild it
    col = 1
    for header in headers_before:
        sheet.cell(5, col, header)
        sheet.merge_cells(start_row=5, start_column=col, end_row=6, end_column=col)
        columns.append(header)
        col += 1
    for group in GROUPS:
        sheet.cell(5, col, group)
        sheet.merge_cells(
            start_row=5, start_column=col, end_row=5, end_column=col + len(GROUP_PARTS) - 1
        )
        for offset, part in enumerate(GROUP_PARTS):
            sheet.cell(6, col + offset, part)
            columns.append(f"{group} – {part}")
        col += len(GROUP_PARTS)
    for header in headers_after:
        sheet.cell(5, col, header)
        sheet.merge_cells(start_row=5, start_column=col, end_row=6, end_column=col)
        columns.append(header)
        col += 1

    row = 7
    for number, student in enumerate(students, start=1):
        values = {"No": number, **student}
        for index, header in enumerate(columns, start=1):
            value = values.get(header)
            if value is not None:
                sheet.cell(row, index, value)
        row += 1
    row += trailing_blank_rows
    if footer is not None:
        sheet.cell(row, 1, footer)
    sheet.column_dimensions[get_column_letter(2)].width = 30
    workbook.save(path)
    return path


@pytest.fixture
def make_dapodik(tmp_path: Path) -> Callable[..., Path]:
    """``make_dapodik(students, name="daftar.xlsx", **options)`` → path of a Dapodik file."""

    def make(students: Sequence[Student], name: str = "daftar_pd.xlsx", **options: Any) -> Path:
        return build_dapodik(tmp_path / name, students, **options)

    return make


@pytest.fixture
def student_row() -> Callable[[int], Student]:
    return dapodik_student
