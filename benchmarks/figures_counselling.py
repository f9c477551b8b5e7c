"""Konseling figures: what the buku kasus costs on five school years.

``case_book_5y``: the reads the Konseling tab makes when it is shown and a case is opened — the
open cases (its default filter), every case (the "Semua" filter), the sessions still to be
recorded with today's, and ten case views — on a vault filled by ``fill_demo`` with 1,500
students over five years (~5,000 permohonan, ~15,000 sessions, ~3,500 cases). Floor: the same
rows read bare from the same vault (each table once, no joins to accounts or classes, no
subqueries): what listing those records cannot cost less than. Median of several rounds each.

A correlated subquery that scans every session for each case turns this from milliseconds
into seconds; the ratio says so before a counsellor does.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bk_desktop.domain.counselling import CaseStatus
from bk_desktop.services.counselling import CaseFilter, CounsellingService
from bk_desktop.services.workspace import Workspace
from school_vault import NOW, school_vault

CASE_VIEWS = 10

Figure = dict[str, float | str | None]


def _reads(workspace: Workspace) -> Callable[[], float]:
    service = CounsellingService(workspace)
    viewed = [c.id for c in service.cases()[:CASE_VIEWS]]

    def once() -> float:
        start = time.perf_counter()
        service.cases(CaseFilter(statuses=[CaseStatus.PROSES]))
        service.cases()
        service.sessions_to_record()
        for case_id in viewed:
            service.case(case_id)
        return time.perf_counter() - start

    return once


def _bare_reads(workspace: Workspace) -> Callable[[], float]:
    db = workspace.db
    service = CounsellingService(workspace)
    viewed = [c.id for c in service.cases()[:CASE_VIEWS]]
    now = NOW.strftime("%Y-%m-%dT%H:%M:%SZ")

    def once() -> float:
        start = time.perf_counter()
        db.all("SELECT * FROM counselling_case WHERE status = 'proses'")
        db.all("SELECT * FROM counselling_case")
        db.all(
            "SELECT * FROM counselling_session WHERE status = 'terjadwal' "
            "AND planned_start <= :now",
            {"now": now},
        )
        for case_id in viewed:
            for table in ("counselling_session", "action_item", "follow_up"):
                db.all(f"SELECT * FROM {table} WHERE case_id = :id", {"id": case_id})
        return time.perf_counter() - start

    return once


def case_book_5y(rounds: int) -> Figure:
    with tempfile.TemporaryDirectory(prefix="bk-bench-") as tmp:
        workspace = school_vault(Path(tmp) / "vault", filled=True)
        try:
            reads, bare = _reads(workspace), _bare_reads(workspace)
            value = statistics.median(reads() for _ in range(rounds))
            floor = statistics.median(bare() for _ in range(rounds))
        finally:
            workspace.lock()
    return {"value": value, "unit": "s", "floor": floor, "ratio": value / floor}


def measure(*, quick: bool = False) -> dict[str, Figure]:
    return {"case_book_5y": case_book_5y(5 if quick else 15)}
