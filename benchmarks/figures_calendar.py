"""Jadwal figures: what building and painting a busy week costs on five school years.

``calendar_week_5y``: read everyone's week (``CalendarService.week(..., counsellor_id=None)``),
lay it out in Jadwal's ``WeekGrid`` and paint it into a pixmap (offscreen, 1366×768's share of
the tab), for the week holding the most sessions of a vault filled by ``fill_demo`` with 1,500
students over five years (~15,000 sessions). Floor: the same week on an empty vault — the grid,
its hours and days, with nothing booked. Median of several rounds each.

The week reads only its own window of sessions and commitments, and painting draws each block
once; a read of every session, or a paint per quarter hour per block, shows here as a ratio far
above the goal.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from bk_desktop.domain.scheduling import week_of
from bk_desktop.services.calendar import CalendarService
from bk_desktop.services.workspace import Workspace
from school_vault import NOW, school_vault

GRID_WIDTH, GRID_HEIGHT = 1000, 600

Figure = dict[str, float | str | None]


def busiest_week(workspace: Workspace) -> tuple[date, int]:
    """The Monday of the week holding the most sessions (any counsellor), and how many."""
    zone = workspace.settings().zone
    counts: Counter[date] = Counter()
    for row in workspace.db.all("SELECT planned_start FROM counselling_session"):
        start = datetime.fromisoformat(str(row["planned_start"]).replace("Z", "+00:00"))
        counts[week_of(start.astimezone(zone).date())] += 1
    if not counts:
        return week_of(NOW.astimezone(zone).date()), 0
    return counts.most_common(1)[0]


def _build_and_paint(workspace: Workspace, monday: date) -> Callable[[], float]:
    from bk_desktop.ui.tabs.schedule_week import WeekGrid

    grid = WeekGrid()
    grid.resize(GRID_WIDTH, GRID_HEIGHT)
    calendar = CalendarService(workspace)

    def once() -> float:
        start = time.perf_counter()
        view = calendar.week(monday, counsellor_id=None)
        grid.show_week(view, NOW)
        grid.resize(GRID_WIDTH, max(GRID_HEIGHT, grid.minimumHeight()))
        grid.grab()
        return time.perf_counter() - start

    once()  # the first paint loads fonts; both sides are measured warm
    return once


def calendar_week_5y(rounds: int) -> Figure:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="bk-bench-") as tmp:
        filled = school_vault(Path(tmp) / "filled", filled=True)
        empty = school_vault(Path(tmp) / "empty", filled=False)
        try:
            monday, sessions = busiest_week(filled)
            busy, bare = _build_and_paint(filled, monday), _build_and_paint(empty, monday)
            value = statistics.median(busy() for _ in range(rounds))
            floor = statistics.median(bare() for _ in range(rounds))
        finally:
            filled.lock()
            empty.lock()
    del app
    return {
        "value": value,
        "unit": "s",
        "floor": floor,
        "ratio": value / floor,
        "note": f"week of {monday.isoformat()}, {sessions} sessions",
    }


def measure(*, quick: bool = False) -> dict[str, Figure]:
    return {"calendar_week_5y": calendar_week_5y(5 if quick else 15)}
