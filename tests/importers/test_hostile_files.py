"""Hostile files chosen for import: bombs, devices, FIFOs, huge fields, broken quotes, escapes.

Every file is made here, as real bytes in the test's folder: crafted zips are written with
``zipfile`` and, where a zip must lie about itself, patched byte by byte.
"""

from __future__ import annotations

import os
import struct
import threading
import zipfile
from datetime import date
from pathlib import Path

import pytest

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.errors import KnownError
from bk_desktop.importers import xlsx_limits
from bk_desktop.importers.students_import import import_file
from bk_desktop.importers.tabular import MAX_FILE_BYTES, read_table

TODAY = date(2026, 11, 29)
YEAR = AcademicYear(2026)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# -- crafted workbooks -------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Siswa" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>'
)


def _sheet(rows: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


def _inline(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def _workbook(
    path: Path,
    sheet: str,
    *,
    extra: dict[str, bytes | str] | None = None,
    method: int = zipfile.ZIP_DEFLATED,
) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def _header_and(rows: str) -> str:
    header = f'<row r="1">{_inline("A1", "Nama")}{_inline("B1", "NISN")}</row>'
    return _sheet(header + rows)


def test_a_crafted_workbook_reads_when_it_is_within_bounds(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "wajar.xlsx",
        _header_and(
            f'<row r="2">{_inline("A2", "Ani Lestari")}{_inline("B2", "0091234567")}</row>'
        ),
    )
    assert read_table(path).rows == (("Nama", "NISN"), ("Ani Lestari", "0091234567"))


def test_a_workbook_declaring_more_than_200_mb_is_refused_before_reading(tmp_path: Path) -> None:
    zeros = b"0" * (xlsx_limits.MAX_UNPACKED_BYTES + 1)
    path = _workbook(tmp_path / "bom.xlsx", _header_and(""), extra={"xl/media/x.bin": zeros})
    del zeros
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(KnownError, match="lebih dari 200 MB"):
        read_table(path)


def _lie_about_size(path: Path, member: str, declared: int) -> None:
    """Patch the central directory so ``member`` declares ``declared`` unpacked bytes."""
    data = bytearray(path.read_bytes())
    needle = member.encode()
    start = 0
    while True:
        start = data.index(b"PK\x01\x02", start)
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if bytes(data[start + 46 : start + 46 + name_length]) == needle:
            struct.pack_into("<I", data, start + 24, declared)
            break
        start += 4
    path.write_bytes(bytes(data))


def test_a_part_that_unpacks_beyond_its_declared_size_is_refused(tmp_path: Path) -> None:
    padding = "<!-- " + "x" * (50 * 1024 * 1024) + " -->"
    path = _workbook(tmp_path / "bohong.xlsx", _header_and(padding))
    _lie_about_size(path, "xl/worksheets/sheet1.xml", 4096)
    with pytest.raises(KnownError, match="checksum"):
        read_table(path)


def test_more_than_two_million_cells_are_refused(tmp_path: Path) -> None:
    cells = "<c/>" * (xlsx_limits.MAX_CELLS + 1)
    path = _workbook(tmp_path / "sel.xlsx", _sheet(f'<row r="1">{cells}</row>'))
    with pytest.raises(KnownError, match=r"2\.000\.000 sel"):
        read_table(path)


def test_a_value_right_of_column_200_is_refused_not_dropped(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "lebar.xlsx",
        _header_and(f'<row r="2">{_inline("A2", "Ani")}{_inline("GS2", "rahasia")}</row>'),
    )
    with pytest.raises(KnownError, match=r"kolom ke-201 \(sel GS2\)"):
        read_table(path)


def test_an_empty_formatted_cell_far_right_is_allowed(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "format.xlsx",
        _header_and(f'<row r="2">{_inline("A2", "Ani")}<c r="XFD2" s="0"/></row>'),
    )
    assert read_table(path).rows[1] == ("Ani",)


def test_a_string_longer_than_excel_allows_is_refused(tmp_path: Path) -> None:
    long_text = "a" * (xlsx_limits.MAX_STRING_CHARS + 1)
    path = _workbook(
        tmp_path / "teks.xlsx", _header_and(f'<row r="2">{_inline("A2", long_text)}</row>')
    )
    with pytest.raises(KnownError, match=r"32\.768 karakter"):
        read_table(path)


def test_a_shared_string_split_into_runs_is_measured_whole(tmp_path: Path) -> None:
    run = "<r><t>" + "b" * 30_000 + "</t></r>"
    strings = f'<?xml version="1.0"?><sst xmlns="{MAIN}"><si>{run}{run}</si></sst>'
    path = _workbook(
        tmp_path / "runs.xlsx", _header_and(""), extra={"xl/sharedStrings.xml": strings}
    )
    with pytest.raises(KnownError, match=r"32\.768 karakter"):
        read_table(path)


def test_too_many_shared_strings_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_limits, "MAX_SHARED_STRINGS", 1000)
    strings = f'<?xml version="1.0"?><sst xmlns="{MAIN}">' + "<si><t>a</t></si>" * 1001 + "</sst>"
    path = _workbook(
        tmp_path / "sst.xlsx", _header_and(""), extra={"xl/sharedStrings.xml": strings}
    )
    with pytest.raises(KnownError, match="teks berbeda"):
        read_table(path)


def test_an_entity_declaration_is_refused(tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<sst xmlns="{MAIN}"><si><t>&b;</t></si></sst>'
    )
    path = _workbook(
        tmp_path / "tawa.xlsx", _header_and(""), extra={"xl/sharedStrings.xml": laughs}
    )
    with pytest.raises(KnownError, match="DOCTYPE"):
        read_table(path)


def test_a_part_compressed_in_a_way_excel_never_uses_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "lzma.xlsx", _header_and(""), method=zipfile.ZIP_LZMA)
    with pytest.raises(KnownError, match="dipadatkan"):
        read_table(path)


def test_too_many_styles_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_limits, "MAX_PART_ELEMENTS", 500)
    styles = f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><cellXfs>' + "<xf/>" * 600
    styles += "</cellXfs></styleSheet>"
    path = _workbook(tmp_path / "gaya.xlsx", _header_and(""), extra={"xl/styles.xml": styles})
    with pytest.raises(KnownError, match="gaya sel"):
        read_table(path)


# -- files that are not files --------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "siswa.csv"
    os.mkfifo(fifo)
    outcome: list[BaseException | None] = []

    def attempt() -> None:
        try:
            read_table(fifo)
        except BaseException as error:  # handed to the test thread
            outcome.append(error)
        else:
            outcome.append(None)

    reader = threading.Thread(target=attempt, daemon=True)
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():  # unblock the thread before failing
        with fifo.open("wb"):
            pass
        pytest.fail("reading a FIFO blocked")
    assert isinstance(outcome[0], KnownError)
    assert "bukan berkas biasa" in outcome[0].message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_and_a_link_to_it_are_refused(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="bukan berkas biasa"):
        read_table(Path("/dev/zero"))
    link = tmp_path / "siswa.csv"
    link.symlink_to("/dev/zero")
    with pytest.raises(KnownError, match="bukan berkas biasa"):
        read_table(link)


def test_a_file_over_the_size_bound_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "besar.csv"
    with path.open("wb") as handle:  # sparse: nothing is written but the size
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(KnownError, match="lebih dari 32 MB"):
        read_table(path)


# -- CSV -----------------------------------------------------------------------------------------


def test_a_csv_field_over_128_kib_is_refused_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "panjang.csv"
    path.write_text("Nama;NISN\nAni;" + "7" * (129 * 1024) + "\n", encoding="utf-8")
    with pytest.raises(KnownError) as caught:
        read_table(path)
    assert "128 KiB" in caught.value.message
    assert "baris 2" in caught.value.message


def test_a_nul_deep_in_a_csv_is_refused_as_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"Nama;NISN\n" + b"Ani;0091234567\n" * 1000 + b"Budi\x00;1\n")
    with pytest.raises(KnownError, match="bukan lembar kerja"):
        read_table(path)


def test_an_unbalanced_quote_does_not_merge_two_students(tmp_path: Path) -> None:
    path = tmp_path / "kutip.csv"
    path.write_text(
        "Nama;NISN;Rombel\n"
        'Ani Lestari;"0091234567;X-1\n'
        "Budi Santoso;0091234568;X-1\n"
        "Citra Dewi;0091234569;X-2\n",
        encoding="utf-8",
    )
    parsed = import_file(path, today=TODAY, academic_year=YEAR)
    assert [row.draft.name for row in parsed.rows] == []
    assert parsed.skipped == 1
    [warning] = parsed.warnings
    assert warning.row_number == 2
    assert warning.student_name == "Ani Lestari"
    assert "Baris teks 2–4" in warning.message
    assert "tanda kutip" in warning.message


def test_a_quote_closed_a_row_later_is_caught_by_the_row_inside_it(tmp_path: Path) -> None:
    path = tmp_path / "kutip2.csv"
    path.write_text(
        "Nama;NISN;Rombel\n"
        'Ani Lestari;"0091234567;X-1\n'
        'Budi Santoso;0091234568";X-1\n'
        "Citra Dewi;0091234569;X-2\n",
        encoding="utf-8",
    )
    parsed = import_file(path, today=TODAY, academic_year=YEAR)
    assert [row.draft.name for row in parsed.rows] == ["Citra Dewi"]
    assert parsed.warnings[0].student_name == "Ani Lestari"
    assert "tergabung" in parsed.warnings[0].message


def test_a_quoted_address_over_two_lines_is_not_a_broken_row(tmp_path: Path) -> None:
    path = tmp_path / "alamat.csv"
    path.write_text(
        "Nama;NISN;Alamat\n"
        'Ani Lestari;0091234567;"Jl. Kenari 5\nRT 01/RW 02"\n'
        "Budi Santoso;0091234568;Jl. Melati 3\n",
        encoding="utf-8",
    )
    parsed = import_file(path, today=TODAY, academic_year=YEAR)
    assert [row.draft.name for row in parsed.rows] == ["Ani Lestari", "Budi Santoso"]
    assert parsed.warnings == ()


# -- what the import keeps of a name ---------------------------------------------------------------


def test_imported_names_lose_escapes_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "escape.csv"
    path.write_text(
        "Nama;NISN;Catatan\n"
        "\x1b[2JAni\u202e Lestari;0091234567;baik\x07 sekali\n"
        "Budi\u0301 Santoso;0091234568;\n",
        encoding="utf-8",
    )
    parsed = import_file(path, today=TODAY, academic_year=YEAR)
    assert [row.draft.name for row in parsed.rows] == ["[2JAni Lestari", "Budí Santoso"]
    assert parsed.rows[0].draft.notes == "baik sekali"


def test_a_name_of_thousands_of_letters_skips_its_row_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "nama.csv"
    path.write_text(
        f"Nama;NISN\n{'A' * 5000};0091234567\nBudi Santoso;0091234568\n", encoding="utf-8"
    )
    parsed = import_file(path, today=TODAY, academic_year=YEAR)
    assert [row.draft.name for row in parsed.rows] == ["Budi Santoso"]
    assert parsed.skipped == 1
    [warning] = parsed.warnings
    assert len(warning.student_name) == 120
    assert "paling panjang 120 karakter" in warning.message


def test_a_crafted_workbook_name_is_cleaned_too(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "bidi.xlsx",
        _header_and(
            f'<row r="2">{_inline("A2", "Ani&#x202E; Lestari&#x2066;")}'
            f"{_inline('B2', '0091234567')}</row>"
        ),
    )
    parsed = import_file(path, today=TODAY, academic_year=YEAR)
    assert [row.draft.name for row in parsed.rows] == ["Ani Lestari"]
