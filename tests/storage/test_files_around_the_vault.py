"""The files around the vault: its lock, its folder, scratch copies, read-only files and disks.

Each test works on real files; a refusal names its cause in Indonesian and leaves every file
of the vault byte for byte as it was.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from bk_desktop.files.atomic import create_private, ensure_private_dir
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.backup import BackupService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.errors import (
    LockFileInvalid,
    LockLost,
    ReadOnlyLocation,
    ReadOnlyVault,
    VaultInUse,
    WrongPassword,
)
from bk_desktop.storage.vault import Vault, restore_unopened

from media import fingerprint, read_only
from support import PASSWORD

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the vault file is flocked on Linux"
)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def closed(created: tuple[Workspace, str], access: VaultAccess) -> tuple[VaultAccess, str]:
    workspace, _ = created
    account_id = workspace.account.id
    workspace.lock()
    return access, account_id


# -- 7: the lock file --------------------------------------------------------------------------


@linux_only
def test_deleting_the_lock_file_does_not_let_a_second_program_in(
    created: tuple[Workspace, str], access: VaultAccess
) -> None:
    workspace, _ = created
    access.paths.lock.unlink()
    before = fingerprint(access.paths.folder)
    with pytest.raises(VaultInUse) as caught:
        access.unlock(workspace.account.id, PASSWORD)
    assert "bk-desktop.lock" in caught.value.message
    with pytest.raises(VaultInUse):
        restore_unopened(access.paths, b"bukan brankas", b"{}", access.paths.folder / "x")
    assert fingerprint(access.paths.folder) == before
    assert workspace.vault.is_open
    assert workspace.db.integrity_problems() == []


def test_a_restore_is_not_committed_when_the_lock_file_was_replaced(
    created: tuple[Workspace, str], access: VaultAccess
) -> None:
    workspace, _ = created
    before = fingerprint(access.paths.folder)
    access.paths.lock.unlink()
    access.paths.lock.write_bytes(b"")  # what a second program would create and lock
    with pytest.raises(LockLost) as caught:
        workspace.vault.stage_restore(b"x" * 4096, b"{}")
    assert "dihapus atau diganti" in caught.value.message
    assert not access.paths.restore_marker.exists()
    assert not access.paths.staged_database.exists()
    assert fingerprint(access.paths.folder) == before


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched(
    closed: tuple[VaultAccess, str], tmp_path: Path
) -> None:
    access, account_id = closed
    precious = tmp_path / "laporan.txt"
    precious.write_text("jangan dipotong", encoding="utf-8")
    access.paths.lock.unlink(missing_ok=True)
    access.paths.lock.symlink_to(precious)
    with pytest.raises(LockFileInvalid) as caught:
        access.unlock(account_id, PASSWORD)
    assert "bk-desktop.lock" in caught.value.message
    assert precious.read_text(encoding="utf-8") == "jangan dipotong"


# -- 8: folders chosen by people stay as they are ---------------------------------------------


def test_backing_up_into_a_shared_folder_keeps_its_permissions(
    workspace: Workspace, tmp_path: Path
) -> None:
    shared = tmp_path / "bersama"
    shared.mkdir()
    shared.chmod(0o1777)
    BackupService(workspace).backup(shared)
    assert _mode(shared) == 0o1777
    made = tmp_path / "baru" / "cadangan"
    BackupService(workspace).backup(made)
    assert _mode(made) == 0o700
    assert _mode(made.parent) == 0o700


def test_an_existing_data_folder_keeps_its_permissions(tmp_path: Path) -> None:
    existing = tmp_path / "Dokumen"
    existing.mkdir()
    existing.chmod(0o755)
    ensure_private_dir(existing / "bk-desktop")
    assert _mode(existing) == 0o755
    assert _mode(existing / "bk-desktop") == 0o700


# -- 5: scratch files of backups ---------------------------------------------------------------


def test_scratch_files_are_owner_only_from_their_first_byte(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        with create_private(tmp_path / ".uji.tmp") as handle:
            assert stat.S_IMODE(os.fstat(handle.fileno()).st_mode) == 0o600
    finally:
        os.umask(old)


def test_interrupted_backups_leave_nothing_after_the_next_backup_or_start(
    workspace: Workspace, access: VaultAccess, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    leftovers = [
        usb / ".db.0a1b2c3d.tmp",
        usb / ".db.0a1b2c3d.tmp-journal",
        usb / ".bkbak.11223344.tmp",
        usb / ".verify.deadbeef.tmp",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"salinan lama")
    someone_elses = usb / ".db.bukan-milik-kami.tmp"
    someone_elses.write_bytes(b"milik orang lain")
    BackupService(workspace).backup(usb)
    assert not any(p.exists() for p in leftovers)
    assert someone_elses.exists()

    in_data = access.paths.folder / ".bk-desktop.backup.0a1b2c3d.tmp"
    in_default = access.paths.backups / ".bkbak.0a1b2c3d.tmp"
    account_id = workspace.account.id
    workspace.lock()
    access.paths.backups.mkdir(exist_ok=True)
    for leftover in (in_data, in_default):
        leftover.write_bytes(b"salinan lama")
    access.unlock(account_id, PASSWORD).lock()
    assert not in_data.exists()
    assert not in_default.exists()


# -- 9: read-only files and disks --------------------------------------------------------------


def test_a_read_only_vault_file_is_refused_and_stays_read_only(
    closed: tuple[VaultAccess, str],
) -> None:
    access, account_id = closed
    access.paths.database.chmod(0o400)
    before = fingerprint(access.paths.folder)
    with pytest.raises(ReadOnlyVault) as caught:
        access.unlock(account_id, PASSWORD)
    assert "hanya-baca" in caught.value.message
    assert _mode(access.paths.database) == 0o400
    assert fingerprint(access.paths.folder) == before


def test_a_vault_on_a_read_only_disk_is_refused_with_its_folder(
    closed: tuple[VaultAccess, str],
) -> None:
    access, account_id = closed
    before = fingerprint(access.paths.folder)
    with read_only(access.paths.folder):
        with pytest.raises(ReadOnlyLocation) as caught:
            access.unlock(account_id, PASSWORD)
        assert "hanya-baca" in caught.value.message
        assert fingerprint(access.paths.folder) == before
    assert Vault.list_accounts(access.paths)


def test_a_locked_window_keeps_the_vault_from_a_second_program(
    created: tuple[Workspace, str], access: VaultAccess, tmp_path: Path
) -> None:
    """While the window waits for the password the key is gone but the vault stays held: a
    second start or a restore is refused, a wrong password keeps it held, the right one opens
    with the same lock, and closing the program lets it go."""
    workspace, _ = created
    workspace.lock(keep_instance_lock=True)
    assert not workspace.vault.is_open
    access.hold(workspace.vault.instance_lock)
    second = VaultAccess(access.paths, access.clock, access.kdf)
    with pytest.raises(VaultInUse):
        second.unlock(workspace.account.id, PASSWORD)
    with pytest.raises(VaultInUse):
        restore_unopened(access.paths, b"bukan brankas", b"{}", tmp_path / "lama")

    with pytest.raises(WrongPassword):
        access.unlock(workspace.account.id, "bukan-kata-sandinya-2026")
    assert access.holds_lock
    with pytest.raises(VaultInUse):
        second.unlock(workspace.account.id, PASSWORD)

    again = access.unlock(workspace.account.id, PASSWORD)
    assert again.is_open and not access.holds_lock
    again.lock()  # closing the program: the lock goes with the key
    reopened = second.unlock(workspace.account.id, PASSWORD)
    assert reopened.is_open
    reopened.lock()
