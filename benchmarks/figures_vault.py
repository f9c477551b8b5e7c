"""Vault figures: what one unlock costs, and what encryption costs on a school's workload.

``unlock_kdf``: one unlock of a vault whose key slot was made with the parameters calibrated
on this machine for the default target (what a counsellor waits for after typing the password):
Argon2id, unwrapping the master key, opening the file and the integrity check. Value only.

``encrypted_vs_plain``: the same workload on the vault (raw key, exactly as the program opens
it) and on a file of the same ``sqlcipher3`` engine with no key: create the schema by
migrations, fill it with ``fill_demo`` (five school years), then reopen it and run the
dashboard's queries (record counts, the overview, the latest audit event of each kind, the
newest 200 events) a number of times. Median of several runs each, alternating the order.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3

from bk_desktop.domain.accounts import Account, Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.settings import Settings
from bk_desktop.services.demo import fill_demo
from bk_desktop.services.overview import overview, record_counts
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import accounts_repo, audit_repo, migrations, settings_repo
from bk_desktop.storage.database import Database, connect_raw
from bk_desktop.storage.instance_lock import InstanceLock
from bk_desktop.storage.kdf import DEFAULT_TARGET_SECONDS, calibrate
from bk_desktop.storage.keyslots import KeySlots, new_master_key
from bk_desktop.storage.vault import Vault, VaultPaths

PASSWORD = "Kopi-Pagi-Bontang-2026"
NOW = datetime(2026, 11, 29, 0, 30, tzinfo=UTC)
DEMO_STUDENTS, DEMO_YEARS, DEMO_SEED = 1500, 5, 1
QUERY_ROUNDS = 20

Figure = dict[str, float | str | None]


def _median_seconds(action: Callable[[], float], runs: int) -> float:
    return statistics.median(action() for _ in range(runs))


# -- unlock -----------------------------------------------------------------------------------


def unlock_kdf(runs: int) -> Figure:
    params = calibrate(DEFAULT_TARGET_SECONDS)
    with tempfile.TemporaryDirectory(prefix="bk-bench-") as tmp:
        paths = VaultPaths(Path(tmp) / "vault")
        vault, _ = Vault.create(
            paths, account_id="a", account_label="Bench", password=PASSWORD, kdf=params
        )
        vault.close()

        def once() -> float:
            start = time.perf_counter()
            opened = Vault.open_with_password(paths, "a", PASSWORD)
            elapsed = time.perf_counter() - start
            opened.close()
            return elapsed

        value = _median_seconds(once, runs)
    return {"value": value, "unit": "s", "floor": None, "ratio": None}


# -- encrypted versus plain ------------------------------------------------------------------


def _connect_plain(path: Path) -> sqlcipher3.Connection:
    """``connect_raw`` without the key: the same engine and settings, no encryption."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.row_factory = sqlcipher3.Row
    return conn


def _open(paths: VaultPaths, key: bytes | None) -> Database:
    path = paths.database
    conn = connect_raw(path, key) if key is not None else _connect_plain(path)
    db = Database(conn, path)
    db.configure()
    return db


def _workspace(paths: VaultPaths, db: Database, key: bytes | None, account: Account) -> Workspace:
    """A workspace around an already open database (the key slots play no part here)."""
    vault = Vault(paths, db, KeySlots.new(), key or bytes(32), InstanceLock(paths.lock))
    return Workspace(vault, account, FixedClock(NOW))


def _workload(folder: Path, key: bytes | None) -> tuple[float, float]:
    """Seconds for (schema + demo fill, dashboard queries) on a new file in ``folder``."""
    folder.mkdir()
    paths = VaultPaths(folder)
    account = Account("bench", "Guru BK", Role.KOORDINATOR)

    start = time.perf_counter()
    db = _open(paths, key)
    migrations.migrate(db)
    with db.transaction():
        settings_repo.save_settings(db, Settings(school_name="SMA Negeri Contoh", city="Bontang"))
        accounts_repo.insert_account(db, account, NOW)
    fill_demo(
        _workspace(paths, db, key, account),
        students=DEMO_STUDENTS,
        years=DEMO_YEARS,
        seed=DEMO_SEED,
    )
    db.close()
    filled = time.perf_counter() - start

    start = time.perf_counter()
    db = _open(paths, key)
    workspace = _workspace(paths, db, key, account)
    for _ in range(QUERY_ROUNDS):
        record_counts(db)
        overview(workspace)
        for kind in AuditKind:
            audit_repo.latest(db, kind)
        audit_repo.recent(db, 200)
    db.close()
    return filled, time.perf_counter() - start


def encrypted_vs_plain(runs: int) -> dict[str, Figure]:
    timings: dict[str, list[tuple[float, float]]] = {"vault": [], "plain": []}
    with tempfile.TemporaryDirectory(prefix="bk-bench-") as tmp:
        for run in range(runs):
            order = ("vault", "plain") if run % 2 == 0 else ("plain", "vault")
            for kind in order:
                key = new_master_key() if kind == "vault" else None
                timings[kind].append(_workload(Path(tmp) / f"{kind}-{run}", key))

    def figure(pick: Callable[[tuple[float, float]], float]) -> Figure:
        value = statistics.median(pick(t) for t in timings["vault"])
        floor = statistics.median(pick(t) for t in timings["plain"])
        return {"value": value, "unit": "s", "floor": floor, "ratio": value / floor}

    return {
        "encrypted_vs_plain": figure(lambda t: t[0] + t[1]),
        "encrypted_vs_plain_fill": figure(lambda t: t[0]),
        "encrypted_vs_plain_queries": figure(lambda t: t[1]),
    }


def measure(*, quick: bool = False) -> dict[str, Figure]:
    runs = 3 if quick else 7
    return {"unlock_kdf": unlock_kdf(runs), **encrypted_vs_plain(runs)}
