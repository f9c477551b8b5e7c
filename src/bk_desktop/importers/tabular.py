"""Read a spreadsheet file (.xlsx or .csv) into a plain grid of cell values.

Everything after this module works on ``Grid`` rows and never sees a file format, so every way
a file can be wrong is handled here and turned into one clear ``KnownError``: an empty file, a
binary file, an old .xls or a password-protected workbook renamed to .xlsx, a web page saved
with an .xlsx name, a damaged zip.

CSV files come from Excel in an Indonesian locale, which writes ``;`` as the separator (the comma
is the decimal sign) and may or may not put a UTF-8 BOM in front; older Windows programs write
cp1252. The separator is therefore sniffed, not assumed.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import openpyxl

from bk_desktop.domain.errors import KnownError

CellValue = str | int | float | bool | date | datetime | time | None
Row = tuple[CellValue, ...]

MAX_ROWS = 100_000
"""A school has a few thousand students; more rows than this is not a student list."""
_MAX_ROWS_TEXT = "100.000"
_MAX_BLANK_RUN = 5_000

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_XLSX_SUFFIXES = {".xlsx", ".xlsm"}
_TEXT_SUFFIXES = {".csv", ".txt"}
_DELIMITERS = (";", ",", "\t")
_SNIFF_LINES = 20


@dataclass(frozen=True)
class Grid:
    """The cells of one sheet, row by row; ``row_numbers[i]`` is the sheet's 1-based row number
    of ``rows[i]`` so warnings can point the user at the row they see in Excel."""

    rows: tuple[Row, ...]
    row_numbers: tuple[int, ...]
    source: str

    def __len__(self) -> int:
        return len(self.rows)


def _refuse(name: str, what: str) -> KnownError:
    return KnownError(f"Berkas “{name}” tidak dapat dibaca: {what}")


def read_table(path: Path) -> Grid:
    """Read the first non-empty sheet of an .xlsx file, or a whole .csv file.

    The format is decided by the file's content first (a zip is an .xlsx whatever its name), so
    a file renamed by hand still opens or gets an exact explanation.
    """
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KnownError(f"Berkas “{name}” tidak ditemukan.") from None
    except IsADirectoryError:
        raise KnownError(f"“{name}” adalah folder, bukan berkas lembar kerja.") from None
    except OSError as exc:
        raise _refuse(name, f"{exc.strerror or 'kesalahan sistem'}.") from None
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> Grid:
    """Same as ``read_table`` for content already in memory (``name`` gives the suffix)."""
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise _empty(name)
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, name)
    if data.startswith(_OLE_MAGIC):
        raise _refuse(
            name,
            "ini berkas Excel lama (.xls) atau berkas yang dilindungi kata sandi. "
            "Buka di Excel, hapus kata sandinya bila ada, lalu simpan sebagai .xlsx.",
        )
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        raise _refuse(
            name,
            "isinya halaman web/XML yang diberi nama lembar kerja. "
            "Buka di Excel lalu simpan sebagai .xlsx.",
        )
    if suffix in _XLSX_SUFFIXES:
        raise _refuse(
            name,
            "isinya bukan .xlsx yang utuh (mungkin rusak atau terpotong). "
            "Unduh ulang atau simpan ulang dari Excel sebagai .xlsx.",
        )
    if suffix in _TEXT_SUFFIXES or suffix == "":
        return _read_csv(data, name)
    raise KnownError(
        f"Berkas “{name}” bukan lembar kerja yang dikenali. Gunakan berkas .xlsx atau .csv."
    )


def _blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _collect(rows: Iterable[Sequence[CellValue]], name: str) -> Grid | None:
    """Keep non-blank rows with their numbers and cut trailing blank cells; ``None`` if empty.

    Reading stops after a long run of blank rows: sheets formatted down to row 1,048,576 would
    otherwise be walked to the end for nothing.
    """
    kept: list[Row] = []
    numbers: list[int] = []
    blank_run = 0
    for number, raw in enumerate(rows, start=1):
        cells = [None if _blank(value) else value for value in raw]
        while cells and cells[-1] is None:
            cells.pop()
        if not cells:
            blank_run += 1
            if blank_run > _MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        if len(kept) >= MAX_ROWS:
            raise KnownError(
                f"Berkas “{name}” berisi lebih dari {_MAX_ROWS_TEXT} baris; ini bukan daftar "
                "siswa. Periksa lembar kerja yang dipilih."
            )
        kept.append(tuple(cells))
        numbers.append(number)
    if not kept:
        return None
    return Grid(tuple(kept), tuple(numbers), name)


def _empty(name: str) -> KnownError:
    return KnownError(f"Berkas “{name}” kosong: tidak ada baris yang bisa diimpor.")


def _read_xlsx(data: bytes, name: str) -> Grid:
    try:
        with warnings.catch_warnings():
            # Dapodik files make openpyxl warn about styles and data validation; harmless.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
            try:
                for sheet in workbook.worksheets:
                    # Exports often carry a wrong <dimension>; without a reset the read-only
                    # reader would cut rows and columns to it.
                    if hasattr(sheet, "reset_dimensions"):
                        sheet.reset_dimensions()
                    grid = _collect(sheet.iter_rows(values_only=True), name)
                    if grid is not None:
                        return grid
            finally:
                workbook.close()
    except KnownError:
        raise
    except Exception as exc:
        # openpyxl raises whatever its XML and zip layers raise on a damaged file (KeyError,
        # ValueError, BadZipFile, TypeError…); none of them is a bug of ours.
        raise _refuse(
            name,
            "isinya bukan .xlsx yang utuh (mungkin rusak, terpotong, atau bukan buku kerja "
            "Excel). Simpan ulang dari Excel sebagai .xlsx.",
        ) from exc
    raise _empty(name)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), else cp1252.

    cp1252 is the last resort because it accepts almost any byte; latin-1 catches the five bytes
    cp1252 leaves undefined, so decoding itself never fails.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def sniff_delimiter(lines: Sequence[str]) -> str:
    """The separator that splits the first lines into the most, and most consistent, columns.

    Counting is done with the csv parser itself, so separators inside quoted names do not count.
    Ties go to ``;`` (Indonesian Excel) before ``,`` and tab.
    """
    sample = [line for line in lines if line.strip()][:_SNIFF_LINES]
    if not sample:
        return ","
    best, best_score = ",", (1, 0)
    for delimiter in _DELIMITERS:
        widths = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        header_width = widths[0] if widths else 1
        consistent = sum(1 for width in widths if width == header_width)
        score = (header_width, consistent)
        if header_width > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if "\x00" in sample:
        return True
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return control > max(8, len(sample) // 50)


def _read_csv(data: bytes, name: str) -> Grid:
    text = decode_text(data)
    if _looks_binary(text):
        raise KnownError(
            f"Berkas “{name}” bukan lembar kerja yang dikenali. Gunakan berkas .xlsx atau .csv."
        )
    lines = text.splitlines()
    delimiter: str | None = None
    first = lines[0].strip().strip('"') if lines else ""
    offset = 0
    # Excel honours (and some exports write) a first line like "sep=;".
    if first.lower().startswith("sep=") and len(first) == 5:
        delimiter = first[4]
        offset = 1
    body = lines[offset:]
    if delimiter is None:
        delimiter = sniff_delimiter(body)
    try:
        reader = csv.reader(io.StringIO("\n".join(body)), delimiter=delimiter)
        grid = _collect(reader, name)
    except csv.Error as exc:
        raise _refuse(name, f"format CSV tidak dikenali ({exc}).") from None
    if grid is None:
        raise _empty(name)
    if offset:
        grid = Grid(grid.rows, tuple(n + offset for n in grid.row_numbers), grid.source)
    return grid


@dataclass(frozen=True)
class Table:
    """A grid whose header is known: ``headers[i]`` names column ``i`` of every row.

    Rows may be shorter than the header (trailing blank cells are cut); use ``cell``.
    """

    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    row_numbers: tuple[int, ...]
    source: str

    @staticmethod
    def cell(row: Row, index: int) -> CellValue:
        return row[index] if index < len(row) else None


def normalize_header(value: CellValue) -> str:
    """Header text on one line with single spaces: "Tanggal\\nLahir " → "Tanggal Lahir"."""
    if value is None:
        return ""
    return " ".join(str(value).replace("\u00a0", " ").split())


def table_from_header_row(grid: Grid, header_index: int) -> Table:
    """Data is every non-blank row after the header; used for files without a fixed layout."""
    headers = tuple(normalize_header(value) for value in grid.rows[header_index])
    return Table(
        headers=headers,
        rows=grid.rows[header_index + 1 :],
        row_numbers=grid.row_numbers[header_index + 1 :],
        source=grid.source,
    )
