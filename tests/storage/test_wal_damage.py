"""A damaged write-ahead log is refused before SQLite's recovery could drop committed work.

The crash is real in the way that matters: the files are copied while the writer still has
the vault open, so the WAL holds every committed transaction and was never checkpointed.
"""

from __future__ import annotations

import shutil
import struct
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bk_desktop.domain.clock import FixedClock
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.storage.errors import WalDamaged
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.vault import VaultPaths
from bk_desktop.storage.wal_check import (
    FRAME_HEADER_BYTES,
    HEADER_BYTES,
    committed_frames_would_be_lost,
)

from media import fingerprint
from support import PASSWORD, START

TRANSACTIONS = 60


def _count(workspace: Workspace) -> int:
    return int(workspace.db.scalar("SELECT count(*) FROM audit_event WHERE kind = 'uji.tulis'"))


@pytest.fixture
def crashed(workspace: Workspace, tmp_path: Path) -> tuple[VaultAccess, str]:
    """A copy of the vault's folder taken after TRANSACTIONS commits, as a crash leaves it."""
    for n in range(TRANSACTIONS):
        with workspace.db.transaction():
            audit_repo.record(
                workspace.db, "uji.tulis", at=datetime.now(UTC), account_id=None, detail=str(n)
            )
    source = workspace.vault.paths
    copy = VaultPaths(tmp_path / "setelah-mati-listrik")
    copy.folder.mkdir()
    for path in (source.database, source.sidecars()[0], source.keyslots):
        shutil.copyfile(path, copy.folder / path.name)
    assert copy.sidecars()[0].stat().st_size > 0
    access = VaultAccess(copy, FixedClock(START), KdfChooser(TEST_PARAMS))
    return access, workspace.account.id


def _frame_size(wal: bytes) -> int:
    return FRAME_HEADER_BYTES + struct.unpack(">I", wal[8:12])[0]


def test_a_crash_copy_opens_with_every_committed_transaction(
    crashed: tuple[VaultAccess, str],
) -> None:
    access, account_id = crashed
    workspace = access.unlock(account_id, PASSWORD)
    try:
        assert _count(workspace) == TRANSACTIONS
    finally:
        workspace.lock()


def test_a_torn_last_frame_is_not_damage(crashed: tuple[VaultAccess, str]) -> None:
    access, account_id = crashed
    wal_path = access.paths.sidecars()[0]
    wal = wal_path.read_bytes()
    wal_path.write_bytes(wal[: len(wal) - _frame_size(wal) // 2])
    workspace = access.unlock(account_id, PASSWORD)
    try:
        assert _count(workspace) >= TRANSACTIONS - 1
    finally:
        workspace.lock()


@pytest.mark.parametrize("where", ["middle", "header"])
def test_one_flipped_byte_in_the_wal_is_refused_and_nothing_changes(
    crashed: tuple[VaultAccess, str], where: str
) -> None:
    access, account_id = crashed
    wal_path = access.paths.sidecars()[0]
    wal = bytearray(wal_path.read_bytes())
    frames = (len(wal) - HEADER_BYTES) // _frame_size(wal)
    offset = 4 if where == "header" else HEADER_BYTES + (frames // 2) * _frame_size(wal) + 100
    wal[offset] ^= 0x01
    wal_path.write_bytes(bytes(wal))
    assert committed_frames_would_be_lost(bytes(wal))
    before = fingerprint(access.paths.folder)
    with pytest.raises(WalDamaged) as caught:
        access.unlock(account_id, PASSWORD)
    assert "pulihkan dari cadangan" in caught.value.message
    assert fingerprint(access.paths.folder) == before
    assert not access.paths.sidecars()[1].exists()
