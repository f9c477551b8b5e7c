"""Beranda figures: what reading the counsellor's day costs on five school years.

``dashboard_5y``: every read Beranda makes when it is shown (``HomeTab.refresh``) — the vault
overview and backup state, the permohonan queue with its counts (``QueueService.home`` and
``summarise``), the month's share scheduled within 1×24 h, the grouped task of students who
left, the old drafts, and the signed-in counsellor's day (``HomeService.day``: sessions today
and tomorrow, perlu dicatat, follow-ups due, action plans past review) — on a vault filled by
``fill_demo`` with 1,500 students over five years (~5,000 permohonan, ~15,000 sessions). Floor:
the same reads on an empty vault. Median of several rounds each.

Every list Beranda shows is small whatever the vault's age; the ratio says whether reading it
is too (a scan of five years of sessions, action items or clocks shows here first).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bk_desktop.services.drafts import DraftService
from bk_desktop.services.home import HomeService
from bk_desktop.services.overview import overview
from bk_desktop.services.queues import QueueService, summarise
from bk_desktop.services.workspace import Workspace
from school_vault import NOW, school_vault

Figure = dict[str, float | str | None]


def beranda_reads(workspace: Workspace) -> Callable[[], float]:
    """One refresh of Beranda's reads, timed; what ``HomeTab.refresh`` asks the services."""
    queues, home, drafts = QueueService(workspace), HomeService(workspace), DraftService(workspace)

    def once() -> float:
        start = time.perf_counter()
        overview(workspace)
        queues.month_share(NOW)
        summarise(queues.home(NOW))
        queues.departed()
        drafts.stale()
        home.day(NOW)
        return time.perf_counter() - start

    return once


def _median(workspace: Workspace, rounds: int) -> float:
    reads = beranda_reads(workspace)
    reads()  # the settings and terms are cached after the first read, as in the window
    return statistics.median(reads() for _ in range(rounds))


def dashboard_5y(rounds: int) -> Figure:
    with tempfile.TemporaryDirectory(prefix="bk-bench-") as tmp:
        full = school_vault(Path(tmp) / "full", filled=True)
        try:
            value = _median(full, rounds)
        finally:
            full.lock()
        empty = school_vault(Path(tmp) / "empty", filled=False)
        try:
            floor = _median(empty, rounds)
        finally:
            empty.lock()
    return {"value": value, "unit": "s", "floor": floor, "ratio": value / floor}


def measure(*, quick: bool = False) -> dict[str, Figure]:
    return {"dashboard_5y": dashboard_5y(5 if quick else 21)}
