"""Read a spreadsheet file (.xlsx or .csv) into a plain grid of cell values.

Everything after this module works on ``Grid`` rows and never sees a file format, so every way
a file can be wrong is handled here and turned into one clear ``KnownError``: an empty file, a
binary file, an old .xls or a password-protected workbook renamed to .xlsx, a web page saved
with an .xlsx name, a damaged zip.

CSV files come from Excel in an Indonesian locale, which writes ``;`` as the separator (the comma
is the decimal sign) and may or may not put a UTF-8 BOM in front; older Windows programs write
cp1252. The separator is therefore sniffed, not assumed.

A file chosen for import may also be hostile, so it is read within bounds: only a regular file
(never a FIFO, which would block while the vault is open, nor a device such as ``/dev/zero``)
of at most ``MAX_FILE_BYTES``; an .xlsx is measured by ``xlsx_limits`` before openpyxl reads
it; a CSV field longer than 128 KiB is refused (the csv module's own limit), and a record
whose shape shows an unbalanced quote (several lines read as one row) is set aside with a
warning instead of merging two students (``Grid.broken``).
"""

from __future__ import annotations

import csv
import io
import os
import stat
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl

from bk_desktop.domain.errors import KnownError
from bk_desktop.importers.xlsx_limits import MAX_CELLS, MAX_COLUMNS, check_xlsx

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

CellValue = str | int | float | bool | date | datetime | time | None
Row = tuple[CellValue, ...]

MAX_ROWS = 100_000
"""A school has a few thousand students; more rows than this is not a student list."""
_MAX_ROWS_TEXT = "100.000"
_MAX_BLANK_RUN = 5_000
MAX_FILE_BYTES = 32 * 1024 * 1024
"""Far above a real student list (2,000 students in Dapodik's xlsx are about 1 MB)."""
CSV_FIELD_LIMIT_TEXT = "128 KiB"
"""The csv module's own field limit (131,072 characters), which is left at its default."""

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
    broken: tuple[tuple[int, str], ...] = ()
    """(row number, why) of rows whose shape is wrong: they are shown, never imported."""

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
        data = _read_regular_file(path, name)
    except FileNotFoundError:
        raise KnownError(f"Berkas “{name}” tidak ditemukan.") from None
    except IsADirectoryError:
        raise KnownError(f"“{name}” adalah folder, bukan berkas lembar kerja.") from None
    except OSError as exc:
        raise _refuse(name, f"{exc.strerror or 'kesalahan sistem'}.") from None
    return read_bytes(data, name)


def _read_regular_file(path: Path, name: str) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``MAX_FILE_BYTES``.

    Opened without blocking, so a FIFO cannot hang the import, and checked on the open handle
    (not only on the name), so a file swapped for a device in between is still refused.
    """
    if stat.S_ISDIR(path.stat().st_mode):
        raise IsADirectoryError(path)
    _refuse_unless_regular(path.stat().st_mode, name)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        _refuse_unless_regular(info.st_mode, name)
        if info.st_size > MAX_FILE_BYTES:
            raise _file_too_big(name)
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _file_too_big(name)
    return data


def _refuse_unless_regular(mode: int, name: str) -> None:
    if not stat.S_ISREG(mode):
        raise KnownError(
            f"“{name}” bukan berkas biasa (mungkin perangkat atau saluran sistem), sehingga "
            "tidak dibaca. Pilih berkas .xlsx atau .csv yang tersimpan di disk."
        )


def _file_too_big(name: str) -> KnownError:
    return _refuse(
        name,
        "ukurannya lebih dari 32 MB, jauh melebihi daftar siswa mana pun. Pastikan berkas yang "
        "dipilih benar.",
    )


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

    A CSV is held to the bounds an .xlsx is measured by (``xlsx_limits``): at most
    ``MAX_COLUMNS`` columns and ``MAX_CELLS`` cells. Reading stops after a long run of blank
    rows: sheets formatted down to row 1,048,576 would otherwise be walked to the end for
    nothing.
    """
    kept: list[Row] = []
    numbers: list[int] = []
    blank_run = 0
    cells_kept = 0
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
        cells_kept += len(cells)
        if len(cells) > MAX_COLUMNS or cells_kept > MAX_CELLS:
            what = (
                f"lebih dari {MAX_COLUMNS} kolom"
                if len(cells) > MAX_COLUMNS
                else "lebih dari 2.000.000 sel"
            )
            raise _refuse(
                name,
                f"berisi {what}, jauh melebihi daftar siswa mana pun. Pastikan berkas yang "
                "dipilih benar.",
            )
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
    check_xlsx(data, name)
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
                    # ``check_xlsx`` refused values right of MAX_COLUMNS, so nothing is lost
                    # by not padding rows further (a formatted cell at column XFD would).
                    rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
                    grid = _collect(rows, name)
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
    Ties go to ``;`` (Indonesian Excel) before ``,`` and tab. A separator under which a line
    holds a field beyond the csv module's limit is not a candidate.
    """
    sample = [line for line in lines if line.strip()][:_SNIFF_LINES]
    if not sample:
        return ","
    best, best_score = ",", (1, 0)
    for delimiter in _DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        except csv.Error:
            continue
        header_width = widths[0] if widths else 1
        consistent = sum(1 for width in widths if width == header_width)
        score = (header_width, consistent)
        if header_width > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if "\x00" in text:
        return True
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return control > max(8, len(sample) // 50)


def _first_lines(text: str, count: int) -> list[str]:
    lines: list[str] = []
    for line in io.StringIO(text, newline=""):
        lines.append(line.rstrip("\r\n"))
        if len(lines) >= count:
            break
    return lines


def _read_csv(data: bytes, name: str) -> Grid:
    text = decode_text(data)
    del data
    if _looks_binary(text):
        raise KnownError(
            f"Berkas “{name}” bukan lembar kerja yang dikenali. Gunakan berkas .xlsx atau .csv."
        )
    head = _first_lines(text, _SNIFF_LINES + 1)
    delimiter: str | None = None
    first = head[0].strip().strip('"') if head else ""
    offset = 0
    # Excel honours (and some exports write) a first line like "sep=;".
    if first.lower().startswith("sep=") and len(first) == 5:
        delimiter = first[4]
        offset = 1
    if delimiter is None:
        delimiter = sniff_delimiter(head)
    stream = io.StringIO(text, newline="")
    if offset:
        stream.readline()
    reader = csv.reader(stream, delimiter=delimiter)
    shapes: list[_Shape] = []
    try:
        grid = _collect(_measured(reader, shapes), name)
    except csv.Error:
        raise _refuse(
            name,
            f"di sekitar baris {reader.line_num + offset} ada isian lebih dari "
            f'{CSV_FIELD_LIMIT_TEXT} (sering karena tanda kutip " yang tidak ditutup). '
            "Periksa baris itu, lalu simpan ulang dari Excel.",
        ) from None
    if grid is None:
        raise _empty(name)
    broken = _broken_shapes(shapes, offset, set(grid.row_numbers))
    return Grid(grid.rows, tuple(n + offset for n in grid.row_numbers), grid.source, broken)


@dataclass(frozen=True)
class _Shape:
    """One CSV record: its width and the text lines it was read from (1-based, inclusive)."""

    width: int
    first_line: int
    last_line: int
    has_row_inside: bool


def _measured(reader: CsvReader, shapes: list[_Shape]) -> Iterator[list[str]]:
    """The records of ``reader``, noting each one's shape in ``shapes`` on the way."""
    delimiter = reader.dialect.delimiter
    line_num = 0
    for record in reader:
        last = reader.line_num
        inside = last > line_num + 1 and any(
            delimiter in line
            for field in record
            if "\n" in field or "\r" in field
            for line in field.splitlines()[1:]
        )
        shapes.append(_Shape(len(record), line_num + 1, last, inside))
        line_num = last
        yield record


def _broken_shapes(
    shapes: Sequence[_Shape], offset: int, kept: set[int]
) -> tuple[tuple[int, str], ...]:
    """Records read over several lines that look like rows merged by an unbalanced quote.

    A quoted field may hold a line break (an address typed with Alt+Enter), so spanning lines
    alone is fine. It is broken when its width differs from the usual width of one-line
    records, or when a line inside a field, split at the separator, is itself a row.
    """
    usual = Counter(shape.width for shape in shapes if shape.first_line == shape.last_line)
    width = usual.most_common(1)[0][0] if usual else None
    broken: list[tuple[int, str]] = []
    for number, shape in enumerate(shapes, start=1):
        if number not in kept or shape.first_line == shape.last_line:
            continue
        if shape.width != width or shape.has_row_inside:
            first, last = shape.first_line + offset, shape.last_line + offset
            broken.append(
                (
                    number + offset,
                    f'baris teks {first}–{last} terbaca sebagai satu baris (tanda kutip " '
                    "yang tidak ditutup?), sehingga beberapa siswa bisa tergabung; baris "
                    "dilewati. Perbaiki tanda kutipnya, lalu impor lagi.",
                )
            )
    return tuple(broken)


@dataclass(frozen=True)
class Table:
    """A grid whose header is known: ``headers[i]`` names column ``i`` of every row.

    Rows may be shorter than the header (trailing blank cells are cut); use ``cell``.
    """

    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    row_numbers: tuple[int, ...]
    source: str
    broken: tuple[tuple[int, str], ...] = ()
    """As ``Grid.broken``: rows the importer must skip, with why."""

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
        broken=grid.broken,
    )
