"""Beranda figures: what reading the counsellor's day costs on five school years.

``dashboard_5y``: every read Beranda makes when it is shown to the koordinator
(``HomeTab.refresh``) — the vault overview and backup state, the permohonan queue with its
counts (``QueueService.home`` and ``summarise``), the month's share scheduled within 1×24 h, the
grouped task of students who left, the old drafts, the signed-in counsellor's day
(``HomeService.day``: sessions today and tomorrow, perlu dicatat, follow-ups due, action plans
past review) and every counsellor's workload (``HomeService.workload``) — on a vault filled by
``fill_demo`` with 1,500 students over five years (~5,000 permohonan, ~15,000 sessions). Floor:
the same reads on an empty vault. Median of several rounds each.

``dashboard_5y_kepala``: the same for the kepala sekolah's Beranda, which reads counts only:
the overview, the queue's counts (``QueueService.summary``), the month's figures
(``HomeService.month_figures``, the 1×24 h share among them) and the workload.

Both vaults are locked and opened again before they are read, as a school's vault is each
morning: the page cache is sized by the file when it is opened (``storage/database.py``), so a
vault measured right after filling would read five years through the 2 MiB cache of the empty
file it was made as.

Every list Beranda shows is small whatever the vault's age; the ratio says whether reading it
is too (a scan of five years of sessions, action items or clocks shows here first).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bk_desktop.domain.clock import FixedClock
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.drafts import DraftService
from bk_desktop.services.home import HomeService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.overview import overview
from bk_desktop.services.queues import QueueService, summarise
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.vault import VaultPaths
from school_vault import NOW, PASSWORD, school_vault

Figure = dict[str, float | str | None]


def beranda_reads(workspace: Workspace) -> Callable[[], float]:
    """One refresh of the koordinator's Beranda, timed; what ``HomeTab.refresh`` asks."""
    queues, home, drafts = QueueService(workspace), HomeService(workspace), DraftService(workspace)

    def once() -> float:
        start = time.perf_counter()
        overview(workspace)
        queues.month_share(NOW)
        summarise(queues.home(NOW))
        queues.departed()
        drafts.stale()
        home.day(NOW)
        home.workload(NOW)
        return time.perf_counter() - start

    return once


def principal_reads(workspace: Workspace) -> Callable[[], float]:
    """One refresh of the kepala sekolah's Beranda, timed. The reads take no account of who
    asks, so the koordinator's workspace stands in (the vault has one account)."""
    queues, home = QueueService(workspace), HomeService(workspace)

    def once() -> float:
        start = time.perf_counter()
        overview(workspace)
        queues.summary(NOW)
        home.month_figures(NOW)
        home.workload(NOW)
        return time.perf_counter() - start

    return once


Reads = Callable[[Workspace], Callable[[], float]]


def _median(workspace: Workspace, rounds: int, make: Reads) -> float:
    reads = make(workspace)
    reads()  # the settings and terms are cached after the first read, as in the window
    return statistics.median(reads() for _ in range(rounds))


def _reopened(folder: Path, *, filled: bool) -> Workspace:
    """The vault made in ``folder``, locked and opened again by its one account."""
    made = school_vault(folder, filled=filled)
    account_id = made.account.id
    made.lock()
    access = VaultAccess(VaultPaths(folder), FixedClock(NOW), KdfChooser(TEST_PARAMS))
    return access.unlock(account_id, PASSWORD)


def dashboards_5y(rounds: int) -> dict[str, Figure]:
    kinds: dict[str, Reads] = {
        "dashboard_5y": beranda_reads,
        "dashboard_5y_kepala": principal_reads,
    }
    values: dict[str, float] = {}
    floors: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bk-bench-") as tmp:
        for filled, into in ((True, values), (False, floors)):
            workspace = _reopened(Path(tmp) / ("full" if filled else "empty"), filled=filled)
            try:
                for name, make in kinds.items():
                    into[name] = _median(workspace, rounds, make)
            finally:
                workspace.lock()
    return {
        name: {
            "value": values[name],
            "unit": "s",
            "floor": floors[name],
            "ratio": values[name] / floors[name],
        }
        for name in kinds
    }


def measure(*, quick: bool = False) -> dict[str, Figure]:
    return dashboards_5y(5 if quick else 21)
