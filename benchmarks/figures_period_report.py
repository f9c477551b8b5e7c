"""The period report's figure: a semester of about 1,000 held sessions, counted and printed.

``pdf_period_report_1000``: ``PeriodReportService.document`` of the semester of a demo vault
(``fill_demo``, 1,200 students over one school year, clock at the semester's end) in which
about 1,000 sessions were held — the figures read from the encrypted vault, the seven parts,
both charts, the late schedulings listed, the signatures — into PDF bytes in memory. The issue
asks for under 2 s. Floor: ``figures_documents.bare_document``, the bare one-page reportlab
document in the same fonts, so the ratio says what a whole report costs over reportlab's
cheapest page (the report is several pages with tables and two drawings, so expect tens).
Median of several rounds; the fonts are registered before either is timed.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bk_desktop.domain.clock import FixedClock
from bk_desktop.reports.fonts import register_fonts
from bk_desktop.services.access import SetupForm, VaultAccess
from bk_desktop.services.demo import fill_demo
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.period_report import Period, PeriodReportService
from bk_desktop.services.students import TermService
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.vault import VaultPaths
from figures_documents import bare_document  # the floor is that figure's (run.py's path)

Figure = dict[str, float | str | None]

NOW = datetime(2026, 12, 30, 1, 0, tzinfo=UTC)  # the end of Semester Ganjil 2026/2027
STUDENTS = 1200
"""Sized so that the semester holds about 1,000 held sessions (``measure`` reports how many)."""


def _median(rounds: int, make: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        make()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(*, quick: bool = False) -> dict[str, Figure]:
    register_fonts()
    with tempfile.TemporaryDirectory() as folder:
        access = VaultAccess(VaultPaths(Path(folder)), FixedClock(NOW), KdfChooser(TEST_PARAMS))
        workspace, _ = access.setup(
            SetupForm(
                school_name="SMA Negeri Contoh",
                city="Bontang",
                timezone="Asia/Makassar",
                account_name="Guru BK",
                password="Kopi-Pagi-Bontang-2026",
                password_repeat="Kopi-Pagi-Bontang-2026",
            )
        )
        fill_demo(workspace, students=STUDENTS, years=1, seed=1)
        service = PeriodReportService(workspace)
        period = Period.semester(TermService(workspace).current())
        held = service.figures(period).sessions_held
        rounds = 3 if quick else 9
        value = _median(rounds, lambda: service.document(period))
        workspace.lock()
    floor = _median(rounds, bare_document)
    return {
        "pdf_period_report_1000": {
            "value": value,
            "unit": "s",
            "floor": floor,
            "ratio": value / floor,
        },
        "period_report_sessions_held": {
            "value": float(held),
            "unit": "",
            "floor": None,
            "ratio": None,
        },
    }


if __name__ == "__main__":
    print(measure(quick="--quick" in sys.argv))
