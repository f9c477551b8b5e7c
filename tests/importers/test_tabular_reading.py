"""Reading .csv and .xlsx into grids, and clear messages for files that are not spreadsheets."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from bk_desktop.domain.errors import KnownError
from bk_desktop.importers.tabular import read_bytes, read_table, sniff_delimiter


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_semicolon_csv_with_bom_as_indonesian_excel_writes_it(tmp_path: Path) -> None:
    text = 'Nama;NISN;Tanggal Lahir\r\n"Lestari, Ani";0101234567;17-05-2010\r\nBudi;;\r\n'
    grid = read_table(_write(tmp_path, "siswa.csv", b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert grid.rows[0] == ("Nama", "NISN", "Tanggal Lahir")
    assert grid.rows[1] == ("Lestari, Ani", "0101234567", "17-05-2010")
    assert grid.rows[2] == ("Budi",)
    assert grid.row_numbers == (1, 2, 3)


def test_comma_csv_without_bom(tmp_path: Path) -> None:
    grid = read_table(_write(tmp_path, "siswa.csv", b"Nama,NISN\nAni,0101234567\n"))
    assert grid.rows == (("Nama", "NISN"), ("Ani", "0101234567"))


def test_cp1252_csv_from_an_old_program_is_still_read(tmp_path: Path) -> None:
    grid = read_table(_write(tmp_path, "siswa.csv", "Nama;Kota\nRené;Bontang\n".encode("cp1252")))
    assert grid.rows[1] == ("René", "Bontang")


def test_utf16_text_export_is_read(tmp_path: Path) -> None:
    grid = read_table(
        _write(tmp_path, "siswa.txt", "Nama\tNISN\nAni\t0101234567\n".encode("utf-16"))
    )
    assert grid.rows[1] == ("Ani", "0101234567")


def test_excel_sep_hint_line_is_honoured(tmp_path: Path) -> None:
    grid = read_table(_write(tmp_path, "siswa.csv", b"sep=,\nNama,Kelas;Catatan\nAni,X-1;baik\n"))
    assert grid.rows[0] == ("Nama", "Kelas;Catatan")
    assert grid.row_numbers[0] == 2


def test_delimiter_is_sniffed_outside_quotes() -> None:
    assert sniff_delimiter(['"Nama, lengkap";NISN;Kelas', "a;b;c"]) == ";"
    assert sniff_delimiter(["Nama,NISN,Kelas"]) == ","
    assert sniff_delimiter(["Nama"]) == ","


def test_xlsx_cells_keep_their_types_and_blank_rows_are_dropped(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Nama", "NISN", "Tanggal Lahir"])
    sheet.append(["Ani", 101234567, datetime(2010, 5, 17)])
    sheet.append([])
    sheet.append(["Budi", "0109876543", None])
    path = tmp_path / "siswa.xlsx"
    workbook.save(path)
    grid = read_table(path)
    assert grid.rows[1] == ("Ani", 101234567, datetime(2010, 5, 17))
    assert grid.row_numbers == (1, 2, 4)


def test_empty_sheet_is_skipped_for_the_first_sheet_with_data(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.create_sheet("Data").append(["Nama", "NISN"])
    path = tmp_path / "dua.xlsx"
    workbook.save(path)
    assert read_table(path).rows == (("Nama", "NISN"),)


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("kosong.csv", b"", "kosong"),
        ("spasi.csv", b" \r\n \r\n", "kosong"),
        ("koma.csv", b";;;\r\n;;\r\n", "kosong"),
        ("lama.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".xls"),
        ("web.xlsx", b"<html><table><tr><td>Nama</td></tr></table></html>", "halaman web"),
        ("rusak.xlsx", b"PK\x03\x04 this is not really a zip", "bukan .xlsx yang utuh"),
        ("teks.xlsx", b"Nama;NISN\nAni;1\n", "bukan .xlsx yang utuh"),
        ("foto.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "bukan lembar kerja"),
        ("biner.csv", bytes(range(256)) * 4, "bukan lembar kerja"),
    ],
)
def test_unreadable_files_get_a_clear_message(
    tmp_path: Path, name: str, data: bytes, fragment: str
) -> None:
    with pytest.raises(KnownError) as caught:
        read_table(_write(tmp_path, name, data))
    assert fragment in caught.value.message
    assert name in caught.value.message


def test_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(KnownError, match=r"bukan \.xlsx yang utuh"):
        read_table(_write(tmp_path, "surat.xlsx", buffer.getvalue()))


def test_truncated_xlsx_is_refused(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Nama", "NISN"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    with pytest.raises(KnownError):
        read_table(_write(tmp_path, "potong.xlsx", data[: len(data) // 2]))


def test_missing_file_and_folder_are_explained(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="tidak ditemukan"):
        read_table(tmp_path / "tidak-ada.xlsx")
    with pytest.raises(KnownError, match="folder"):
        read_table(tmp_path)


def test_xlsx_content_is_recognised_whatever_the_file_is_called(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Nama", "NISN"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_bytes(buffer.getvalue(), "unduhan.csv").rows == (("Nama", "NISN"),)


def test_long_run_of_blank_formatted_rows_ends_reading(tmp_path: Path) -> None:
    lines = ["Nama;NISN", "Ani;0101234567", *([";"] * 5_001), "Jejak;0000000001"]
    grid = read_table(_write(tmp_path, "panjang.csv", "\n".join(lines).encode()))
    assert grid.rows == (("Nama", "NISN"), ("Ani", "0101234567"))
