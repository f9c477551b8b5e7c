"""Malformed input never crashes an import: the result is a table or a ``KnownError``."""

from __future__ import annotations

import contextlib
import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.errors import KnownError
from bk_desktop.importers.dapodik import parse_dapodik
from bk_desktop.importers.mapping import guess_header_row, guess_mapping
from bk_desktop.importers.plan import plan_import
from bk_desktop.importers.students_import import drafts_from_table
from bk_desktop.importers.tabular import Grid, read_bytes, table_from_header_row

TODAY = date(2026, 7, 20)
HEADER_WORDS = [
    "Nama",
    "NISN",
    "NIPD",
    "NIK",
    "No KK",
    "JK",
    "Tanggal Lahir",
    "Agama",
    "Data Ibu",
    "Rombel Saat Ini",
    "HP",
    "No",
    "",
]

cells = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.sampled_from(HEADER_WORDS),
    st.integers(min_value=-(10**17), max_value=10**17),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)
grids = st.lists(st.lists(cells, max_size=12).map(tuple), max_size=15)


def _run_everything(grid: Grid) -> None:
    for table in _tables(grid):
        try:
            parsed = drafts_from_table(
                table, guess_mapping(table.headers), today=TODAY, academic_year=AcademicYear(2026)
            )
        except KnownError:
            continue
        plan = plan_import(parsed, [])
        # Against an empty registry nothing can be updated or unchanged, every usable row is
        # accounted for, and every warning names its row in words a person can read.
        assert plan.updated == 0
        assert plan.unchanged == 0
        assert plan.added <= len(parsed.rows)
        assert all(w.row_number >= 1 and w.message.strip() for w in plan.warnings)


def _tables(grid: Grid) -> list:  # type: ignore[type-arg]
    tables = [table_from_header_row(grid, guess_header_row(grid))]
    with contextlib.suppress(KnownError):
        tables.append(parse_dapodik(grid))
    return tables


@given(grids)
def test_random_grids_give_a_result_or_a_known_error(rows: list[tuple[object, ...]]) -> None:
    kept = [row for row in rows if row]
    if not kept:
        return
    grid = Grid(tuple(kept), tuple(range(1, len(kept) + 1)), "acak.xlsx")  # type: ignore[arg-type]
    _run_everything(grid)


@given(
    st.binary(max_size=3000), st.sampled_from(["a.csv", "a.xlsx", "a.txt", "a", "a.xls", "a.pdf"])
)
def test_random_bytes_give_a_grid_or_a_known_error(data: bytes, name: str) -> None:
    try:
        grid = read_bytes(data, name)
    except KnownError as exc:
        assert exc.message
        return
    _run_everything(grid)


@given(
    st.lists(
        st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=15), max_size=8),
        max_size=12,
    ),
    st.sampled_from([";", ",", "\t"]),
    st.booleans(),
)
def test_random_csv_text_gives_a_grid_or_a_known_error(
    rows: list[list[str]], delimiter: str, bom: bool
) -> None:
    text = "\r\n".join(delimiter.join(row) for row in rows)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    try:
        grid = read_bytes(data, "acak.csv")
    except KnownError:
        return
    _run_everything(grid)


def _xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


xlsx_cells = st.one_of(
    st.none(),
    st.text(
        alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FFF),
        max_size=12,
    ),
    st.sampled_from(HEADER_WORDS),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(xlsx_cells, max_size=8), max_size=10))
def test_random_xlsx_workbooks_give_a_result_or_a_known_error(rows: list[list[object]]) -> None:
    try:
        grid = read_bytes(_xlsx_bytes(rows), "acak.xlsx")
    except KnownError:
        return
    _run_everything(grid)


VALID_XLSX = _xlsx_bytes(
    [["Nama", "NISN", "Tanggal Lahir"], ["Ani", "0101234567", datetime(2010, 5, 17)]]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=len(VALID_XLSX) - 1), st.integers(0, 255)),
        min_size=1,
        max_size=8,
    )
)
def test_damaged_xlsx_gives_a_result_or_a_known_error(flips: list[tuple[int, int]]) -> None:
    data = bytearray(VALID_XLSX)
    for position, value in flips:
        data[position] = value
    try:
        grid = read_bytes(bytes(data), "rusak.xlsx")
    except KnownError:
        return
    _run_everything(grid)


def test_fuzz_helpers_accept_a_real_file(tmp_path: Path) -> None:
    path = tmp_path / "ok.xlsx"
    path.write_bytes(VALID_XLSX)
    grid = read_bytes(path.read_bytes(), path.name)
    _run_everything(grid)
    assert grid.rows[1][0] == "Ani"
