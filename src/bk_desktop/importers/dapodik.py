"""The Dapodik "Daftar Peserta Didik" export, found by its text rather than by its layout.

Dapodik moves, adds and removes columns between releases, and its title rows vary, so nothing
here trusts a position. The header row is the first row that names both "Nama" and "NISN" or
"NIPD". Under it, a second header row names the parts of the merged groups "Data Ayah",
"Data Ibu" and "Data Wali"; they are joined into "Data Ibu – Nama". Data starts after that and
ends at the first blank row or footer (a row without a name, or with text in the "No" column).

In read-only mode openpyxl reports a merged cell's value only in its first cell, so a group
name is carried to the right over the empty cells that have a sub-header under them.
"""

from __future__ import annotations

from bk_desktop.domain.errors import KnownError
from bk_desktop.importers.tabular import CellValue, Grid, Row, Table, normalize_header

GROUP_SEPARATOR = " – "
_HEADER_SEARCH_ROWS = 30
_NAME = "nama"
_IDS = {"nisn", "nipd"}
_NUMBER = "no"

NOT_DAPODIK_MESSAGE = (
    "Baris judul kolom Dapodik (berisi “Nama” dan “NISN” atau “NIPD”) tidak ditemukan. "
    "Pastikan berkas ini unduhan “Daftar Peserta Didik” dari Dapodik, atau impor dengan "
    "pemetaan kolom."
)


def _keys(row: Row) -> list[str]:
    return [normalize_header(value).casefold() for value in row]


def find_header_row(grid: Grid) -> int | None:
    """Index (in ``grid.rows``) of the Dapodik header row, or ``None``."""
    for index, row in enumerate(grid.rows[:_HEADER_SEARCH_ROWS]):
        keys = set(_keys(row))
        if _NAME in keys and keys & _IDS:
            return index
    return None


def is_dapodik(grid: Grid) -> bool:
    """Whether the file looks like a Dapodik export, so the UI can skip the mapping step."""
    index = find_header_row(grid)
    return index is not None and "nipd" in _keys(grid.rows[index])


def _has_sub_header(grid: Grid, header_index: int, name_column: int) -> bool:
    """The next sheet row is a sub-header when it directly follows, is not empty, and has no
    student name — every data row has one."""
    below = header_index + 1
    if below >= len(grid.rows):
        return False
    if grid.row_numbers[below] != grid.row_numbers[header_index] + 1:
        return False
    row = grid.rows[below]
    return Table.cell(row, name_column) is None and any(value is not None for value in row)


def join_headers(top: Row, sub: Row) -> tuple[str, ...]:
    """Combine a header row with the sub-header row under its merged groups.

    A column with text in both rows is "group – part"; an empty top cell with a sub-header
    continues the group to its left; a top cell with nothing under it is a plain column.
    """
    width = max(len(top), len(sub))
    headers: list[str] = []
    group = ""
    for index in range(width):
        upper = normalize_header(Table.cell(top, index))
        lower = normalize_header(Table.cell(sub, index))
        if upper and lower:
            group = upper
            headers.append(f"{upper}{GROUP_SEPARATOR}{lower}")
        elif upper:
            group = ""
            headers.append(upper)
        elif lower:
            headers.append(f"{group}{GROUP_SEPARATOR}{lower}" if group else lower)
        else:
            group = ""
            headers.append("")
    return tuple(headers)


def _is_footer(row: Row, name_column: int, number_column: int | None) -> bool:
    if Table.cell(row, name_column) is None:
        return True
    if number_column is None:
        return False
    number: CellValue = Table.cell(row, number_column)
    if number is None or isinstance(number, int | float):
        return False
    return not str(number).strip().rstrip(".").isdigit()


def parse_dapodik(grid: Grid) -> Table:
    """The student table of a Dapodik export; ``KnownError`` when the header is not found."""
    header_index = find_header_row(grid)
    if header_index is None:
        raise KnownError(NOT_DAPODIK_MESSAGE)
    top = grid.rows[header_index]
    keys = _keys(top)
    name_column = keys.index(_NAME)
    number_column = keys.index(_NUMBER) if _NUMBER in keys else None
    if _has_sub_header(grid, header_index, name_column):
        headers = join_headers(top, grid.rows[header_index + 1])
        first = header_index + 2
    else:
        headers = join_headers(top, ())
        first = header_index + 1

    rows: list[Row] = []
    numbers: list[int] = []
    previous = grid.row_numbers[first - 1]
    for index in range(first, len(grid.rows)):
        number = grid.row_numbers[index]
        row = grid.rows[index]
        # ``Grid`` drops blank rows, so a gap in the numbering is the blank row that ends data.
        if number != previous + 1 or _is_footer(row, name_column, number_column):
            break
        rows.append(row)
        numbers.append(number)
        previous = number
    return Table(
        headers=headers,
        rows=tuple(rows),
        row_numbers=tuple(numbers),
        source=grid.source,
        broken=grid.broken,
    )
