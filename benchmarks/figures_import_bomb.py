"""Peak memory of importing hostile spreadsheets (issue 9, item 10).

``measure()`` returns::

    {"import_bomb_peak_mb": {"value": MB, "unit": "MB", "floor": None, "ratio": None}}

Each file below is read by ``importers.students_import.import_file`` in a child process of its
own, and the figure is the highest peak resident set size (``VmHWM``) among the children:
what an import costs at worst, interpreter included. A refusal (``KnownError``) is the expected
end for most of them; the question is only how much memory was spent before it. The goal is
under 400 MB. The files:

- ``sst_bomb.xlsx``: the original attack, about 1 MB of zip whose shared strings unpack to
  300 MB (refused by the declared sizes);
- ``long_strings.xlsx``: the largest text the bounds accept: shared strings of 32 KiB each, up
  to about 190 MB unpacked, all used by cells;
- ``many_cells.xlsx``: just under 2 M cells, each a different shared string;
- ``wide.csv``: a 32 MB CSV of one-character fields (up to the cell bound).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STATIC = {
    "[Content_Types].xml": (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
        'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Target="xl/workbook.xml" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Siswa" '
        'sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http:'
        '//schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
        '<Relationship Id="rId2" Target="sharedStrings.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
    ),
}


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xlsx(path: Path, strings: list[str], width: int) -> None:
    """A workbook whose cells use ``strings`` in order, ``width`` cells per row."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in _STATIC.items():
            zf.writestr(name, text)
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(f'<?xml version="1.0"?><sst xmlns="{MAIN}">'.encode())
            for text in strings:
                out.write(f"<si><t>{text}</t></si>".encode())
            out.write(b"</sst>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>'.encode())
            columns = [_column(n) for n in range(1, width + 1)]
            for start in range(0, len(strings), width):
                row = start // width + 1
                cells = "".join(
                    f'<c r="{columns[i]}{row}" t="s"><v>{start + i}</v></c>'
                    for i in range(min(width, len(strings) - start))
                )
                out.write(f'<row r="{row}">{cells}</row>'.encode())
            out.write(b"</sheetData></worksheet>")


def _make_files(folder: Path) -> list[Path]:
    bomb = folder / "sst_bomb.xlsx"
    _xlsx(bomb, ["Nama", "NISN"] + ["a" * 30_000] * 10_000, 2)
    long_strings = folder / "long_strings.xlsx"
    _xlsx(long_strings, [f"{n:06d}" + "b" * 32_000 for n in range(5_900)], 100)
    many_cells = folder / "many_cells.xlsx"
    _xlsx(many_cells, [f"s{n}" for n in range(999_000)], 150)
    wide = folder / "wide.csv"
    with wide.open("w", encoding="utf-8") as out:
        row = ";".join("a" * 200) + "\n"
        out.write("Nama;NISN" + ";" * 198 + "\n")
        for _ in range((32 * 1024 * 1024 - 600) // len(row)):
            out.write(row)
    return [bomb, long_strings, many_cells, wide]


def _child(path: Path) -> None:
    from bk_desktop.domain.academic import AcademicYear
    from bk_desktop.domain.errors import KnownError
    from bk_desktop.importers.students_import import import_file

    try:
        parsed = import_file(path, today=date(2026, 11, 29), academic_year=AcademicYear(2026))
        outcome = f"{len(parsed.rows)} baris"
    except KnownError as error:
        outcome = error.message
    print(json.dumps({"peak_mb": _peak_mb(), "outcome": outcome}))


def _peak_mb() -> float:
    """This process's own high-water mark. ``ru_maxrss`` would not do: Linux carries it
    over ``exec`` from the parent, which held the generated files in memory."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(*, quick: bool = False) -> dict[str, dict]:
    del quick  # one child per file is already the measurement
    peaks: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bk-bomb-") as tmp:
        for path in _make_files(Path(tmp)):
            done = subprocess.run(
                [sys.executable, __file__, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            said = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"  {path.name}: {said['peak_mb']:.0f} MB — {said['outcome'][:90]}")
            peaks.append(float(said["peak_mb"]))
    return {
        "import_bomb_peak_mb": {"value": max(peaks), "unit": "MB", "floor": None, "ratio": None}
    }


if __name__ == "__main__":
    if len(sys.argv) == 2:
        _child(Path(sys.argv[1]))
    else:
        print(measure())
