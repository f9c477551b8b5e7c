"""Step 9 moves every agreed time into a counselling session, on a vault made by the release
before it.

``tests/fixtures/vault-v8-demo`` was made by bk-desktop at schema 8 (commit 67dc332) with
demo data (600 students, two years) and, through that release's services, three more
permohonan agreed for a time: one still *terjadwal* whose time has passed by 2 December 2026,
one *terjadwal* for 3 December, and one held (*ditangani*). How it was made:
``tests/fixtures/README.md``. The test opens a copy, reads what the old release stored, then
opens it with every step so the runner backs it up and applies step 9.
"""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import (
    MIGRATED_LABEL,
    NEEDS_RECORDING_LABEL,
    CaseStatus,
    SessionStatus,
)
from bk_desktop.domain.requests import RequestStatus
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.requests import RequestService
from bk_desktop.storage import migrations
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.vault import Vault, VaultPaths

from support import PASSWORD

FIXTURE = Path(__file__).parent.parent / "fixtures" / "vault-v8-demo"
BETWEEN = datetime(2026, 12, 2, 0, 0, tzinfo=UTC)  # after 1 Dec 02.00, before 3 Dec 01.00 UTC


@pytest.fixture
def old_vault(tmp_path: Path) -> VaultPaths:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    return VaultPaths(folder)


def _before(paths: VaultPaths) -> tuple[dict[int, tuple[str, str | None]], dict[str, int]]:
    """What the release at schema 8 stored: each request's status and agreed time, and the
    size of every table."""
    ((account_id, _),) = Vault.list_accounts(paths)
    vault = Vault.open_with_password(
        paths, account_id, PASSWORD, steps=migrations.load_migrations()[:8]
    )
    try:
        db = vault.db
        assert migrations.current_version(db) == 8
        requests = {
            int(r["id"]): (r["status"], r["session_at"])
            for r in db.all("SELECT id, status, session_at FROM request")
        }
        tables = [
            r["name"]
            for r in db.all("SELECT name FROM sqlite_schema WHERE type = 'table'")
            if not r["name"].startswith("sqlite_")
        ]
        sizes = {t: int(db.scalar(f"SELECT count(*) FROM {t}")) for t in tables}
    finally:
        vault.close()
    return requests, sizes


def test_the_fixture_is_what_the_old_release_made(old_vault: VaultPaths) -> None:
    requests, sizes = _before(old_vault)
    timed = Counter(status for status, at in requests.values() if at is not None)
    assert timed["terjadwal"] == 2
    assert timed["ditangani"] >= 10 and timed["selesai"] >= 10
    assert sizes["student"] == 600


def test_every_agreed_time_becomes_a_session_and_nothing_is_lost(old_vault: VaultPaths) -> None:
    requests, sizes = _before(old_vault)
    ((account_id, _),) = Vault.list_accounts(old_vault)
    clock = FixedClock(BETWEEN)
    access = VaultAccess(old_vault, clock, KdfChooser(TEST_PARAMS))
    workspace = access.unlock(account_id, PASSWORD)
    try:
        db = workspace.db
        assert migrations.current_version(db) == migrations.latest_version()
        assert not db.foreign_key_problems()
        columns = {r["name"] for r in db.all("PRAGMA table_info(request)")}
        assert "session_at" not in columns and "case_id" in columns
        # Every table of the old release keeps every row (the audit log gains the unlock).
        for table, size in sizes.items():
            now = int(db.scalar(f"SELECT count(*) FROM {table}"))
            assert now == size or (table == "audit_event" and now > size), table
        timed = {rid: at for rid, (_, at) in requests.items() if at is not None}
        assert int(db.scalar("SELECT count(*) FROM counselling_session")) == len(timed)

        service = RequestService(workspace)
        counselling = CounsellingService(workspace)
        for request_id, (status, at) in requests.items():
            record = service.get(request_id)
            assert record.status.value == status  # no status moved
            sessions = counselling.sessions_of_request(request_id)
            if at is None:
                assert sessions == [] and record.case_id is None
                continue
            (session,) = sessions
            assert session.planned_start == datetime.fromisoformat(at.replace("Z", "+00:00"))
            if status == "terjadwal":
                assert session.status is SessionStatus.TERJADWAL and not session.migrated
                assert record.session_at == session.planned_start
                assert record.case_id is None
            else:
                assert session.status is SessionStatus.SELESAI and session.migrated
                assert session.number == 1
                assert session.status_label(clock.now()) == MIGRATED_LABEL
                assert record.case_id is not None and session.case_id == record.case_id
                case = counselling.case(record.case_id).record
                expected = (
                    CaseStatus.PROSES
                    if record.status is RequestStatus.DITANGANI
                    else CaseStatus.SELESAI
                )
                assert case.status is expected
                assert (case.closed_on is None) == (expected is CaseStatus.PROSES)
                assert case.student_id == record.student_id and case.bidang

        # The time that has passed waits to be recorded; the one ahead is simply planned.
        to_record = counselling.sessions_to_record()
        assert [s.planned_start < BETWEEN for s in to_record] == [True]
        assert to_record[0].status_label(clock.now()) == NEEDS_RECORDING_LABEL
        planned_ahead = [
            s
            for rid, (status, _) in requests.items()
            if status == "terjadwal"
            for s in counselling.sessions_of_request(rid)
            if s.planned_start > BETWEEN
        ]
        assert len(planned_ahead) == 1
        assert planned_ahead[0].status_label(clock.now()) == "Terjadwal"
        # Case numbers are unique per year and count from 1.
        numbers = [(c.year, c.number) for c in counselling.cases()]
        assert len(numbers) == len(set(numbers))
    finally:
        workspace.lock()
    backups = list(old_vault.backups.glob("sebelum-pembaruan-v*"))
    assert backups, "a verified backup is taken before the update"
