"""Dapodik "Daftar Peserta Didik" workbooks, shaped like the ones schools really download.

``write_dapodik`` is the one writer: four title rows, the header in row 5 with the parents'
groups ("Data Ayah", then blank cells) over their parts in row 6, students from row 7. Tests
that need the full export describe students by header name (``dapodik_student``,
``build_dapodik``), so they never depend on column positions; tests with a narrower file give
their own header and rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

TITLES = (
    "Daftar Peserta Didik",
    "SMA NEGERI 1 BONTANG",
    "Kecamatan Bontang Utara, Kota Bontang, Prov. Kalimantan Timur",
    "Tanggal Unduh: 2026-07-15 08:12:03  Pengunduh: operator@sman1bontang.sch.id",
)


def write_dapodik(
    path: Path,
    header: Sequence[Any],
    sub_header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    *,
    merged: bool = False,
) -> Path:
    """Save the workbook at ``path``. With ``merged`` the header cells are merged as Dapodik
    does: a group across its parts, a column without parts down over the sub-header row."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Daftar PD"
    for title in TITLES:
        sheet.append([title])
    header_row = sheet.max_row + 1
    sheet.append(list(header))
    sheet.append(list(sub_header))
    for row in rows:
        sheet.append(list(row))
    if merged:
        _merge_header(sheet, header_row, header, sub_header)
    sheet.column_dimensions[get_column_letter(2)].width = 30
    workbook.save(path)
    return path


def _merge_header(sheet: Any, row: int, header: Sequence[Any], sub_header: Sequence[Any]) -> None:
    for start, text in enumerate(header, start=1):
        if text is None:
            continue
        end = start
        while end < len(header) and header[end] is None:
            end += 1
        if end > start:
            sheet.merge_cells(start_row=row, start_column=start, end_row=row, end_column=end)
        elif start > len(sub_header) or sub_header[start - 1] is None:
            sheet.merge_cells(start_row=row, start_column=start, end_row=row + 1, end_column=start)


# -- the full export, students given by header name ------------------------------------------

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
    """The full export with merged headers, numbered students, blank rows and a footer."""
    header: list[str | None] = list(headers_before)
    sub_header: list[str | None] = [None] * len(headers_before)
    columns = list(headers_before)  # full header per column, as the parser should rebuild it
    for group in GROUPS:
        header += [group] + [None] * (len(GROUP_PARTS) - 1)
        sub_header += GROUP_PARTS
        columns += [f"{group} – {part}" for part in GROUP_PARTS]
    header += headers_after
    sub_header += [None] * len(headers_after)
    columns += headers_after

    rows: list[Sequence[Any]] = [
        [({"No": number, **student}).get(column) for column in columns]
        for number, student in enumerate(students, start=1)
    ]
    rows += [()] * trailing_blank_rows
    if footer is not None:
        rows.append([footer])
    return write_dapodik(path, header, sub_header, rows, merged=True)
