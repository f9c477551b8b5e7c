"""Benchmarks of the student registry: type-ahead search and the Dapodik import.

``measure()`` returns::

    {"student_search_10k": {"value": ms, "unit": "ms", "floor": ms, "ratio": r},
     "import_dapodik_2000": {"value": s, "unit": "s", "floor": None, "ratio": None}}

student_search_10k: a real vault with 10,000 generated students; for each keystroke of a few
typed words the UI's per-keystroke work is timed — ``StudentService.search_ids`` plus ``rows``
for the first screenful — against the floor, the bare SQL statement that ``search_ids`` runs.
The value is the mean over keystrokes of the median of repeats.

import_dapodik_2000: a generated 2,000-row Dapodik "Daftar Peserta Didik" xlsx through
``StudentImportService.preview`` and ``apply`` into a fresh vault.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl

from bk_desktop.domain.academic import AcademicYear, Grade
from bk_desktop.domain.clock import FixedClock
from bk_desktop.services.access import SetupForm, VaultAccess
from bk_desktop.services.demo_students import demo_student, fill_students_and_requests
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.student_import import StudentImportService
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import students_repo
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.vault import VaultPaths

NOW = datetime(2026, 11, 29, 0, 30, tzinfo=UTC)
PASSWORD = "Kopi-Pagi-Bontang-2026"
TYPED = ("siti", "rizky pra", "x mipa 1", "0091", "wij")
SCREENFUL = 40
REPEATS = 15


def _workspace(folder: Path) -> Workspace:
    access = VaultAccess(VaultPaths(folder), FixedClock(NOW), KdfChooser(TEST_PARAMS))
    workspace, _ = access.setup(
        SetupForm("SMA Negeri 1 Bontang", "Bontang", "Asia/Makassar", "Sari", PASSWORD, PASSWORD)
    )
    return workspace


def _median_ms(action: Callable[[], object]) -> float:
    action()  # warm the page cache and the statement cache
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _keystrokes() -> list[str]:
    return [word[:n] for word in TYPED for n in range(1, len(word) + 1)]


def student_search_10k(folder: Path) -> dict[str, object]:
    workspace = _workspace(folder)
    try:
        fill_students_and_requests(workspace, random.Random(2026), students=10_000, years=1)
        service = StudentService(workspace)
        values, floors = [], []
        for text in _keystrokes():

            def keystroke(text: str = text) -> None:
                ids = service.search_ids(text)
                service.rows(ids[:SCREENFUL])

            sql, params = students_repo.search_sql(service.query(text))

            def bare(sql: str = sql, params: dict[str, object] = params) -> None:
                workspace.db.execute(sql, params).fetchall()

            values.append(_median_ms(keystroke))
            floors.append(_median_ms(bare))
        value, floor = statistics.fmean(values), statistics.fmean(floors)
        return {"value": value, "unit": "ms", "floor": floor, "ratio": value / floor}
    finally:
        workspace.lock()


HEADER = [
    *("No", "Nama", "NIPD", "JK", "NISN", "Tempat Lahir", "Tanggal Lahir", "NIK", "Agama"),
    *("Alamat", "RT", "RW", "Dusun", "Kelurahan", "Kecamatan", "Kode Pos", "Telepon", "HP"),
    *("Data Ayah", None, None, "Data Ibu", None, None, "Data Wali", None, None),
    *("Rombel Saat Ini", "No KK", "Anak ke-berapa"),
]
SUB = [*([None] * 18), *(["Nama", "Tahun Lahir", "Pekerjaan"] * 3)]


def write_dapodik(path: Path, rows: int, seed: int = 2000) -> Path:
    """A Dapodik-shaped export: four title rows, grouped header, sub-header, data from row 7."""
    rng = random.Random(seed)
    year = AcademicYear(2026)
    today = date(2026, 11, 29)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Daftar PD")
    for title in ("Daftar Peserta Didik", "SMA NEGERI 1 BONTANG", "Kota Bontang", "Unduhan"):
        sheet.append([title])
    sheet.append(HEADER)
    sheet.append(SUB)
    grades = (Grade.X, Grade.XI, Grade.XII)
    for number in range(1, rows + 1):
        grade = grades[number % 3]
        rombel = f"{grade.roman} {('MIPA', 'IPS')[number % 2]} {number % 6 + 1}"
        s = demo_student(
            rng, number, year=year, rombel=rombel, homeroom_teacher="", today=today, grade=grade
        )
        father, mother = s.guardians[0], s.guardians[1]
        sheet.append(
            [
                *(number, s.name, s.nis, s.sex.value if s.sex else "", s.nisn, s.birth_place),
                *(s.birth_date.isoformat() if s.birth_date else "", s.nik, "Islam", s.address),
                *("001", "002", "-", "Api-Api", "Bontang Utara", "75311", "", s.phone),
                *(father.name, 1980, "Wiraswasta", mother.name, 1982, "Ibu Rumah Tangga"),
                *(None, None, None, rombel, s.no_kk, 1),
            ]
        )
    book.save(path)
    return path


def import_dapodik_2000(folder: Path) -> dict[str, object]:
    path = write_dapodik(folder / "daftar_pd.xlsx", 2000)
    workspace = _workspace(folder / "vault")
    try:
        service = StudentImportService(workspace)
        start = time.perf_counter()
        preview = service.preview(path)
        result = service.apply(preview, lambda done, total: None)
        seconds = time.perf_counter() - start
        if result.added != 2000:
            raise RuntimeError(f"expected 2000 additions, got {result.summary()}")
        return {"value": seconds, "unit": "s", "floor": None, "ratio": None}
    finally:
        workspace.lock()


def measure() -> dict[str, dict[str, object]]:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        (root / "search").mkdir()
        (root / "import").mkdir()
        return {
            "student_search_10k": student_search_10k(root / "search"),
            "import_dapodik_2000": import_dapodik_2000(root / "import"),
        }


if __name__ == "__main__":
    for name, figure in measure().items():
        print(name, figure)
