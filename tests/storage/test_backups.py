"""Backups are whole encrypted copies that open with the same secrets, and are verified."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bk_desktop.domain.backup_policy import backups_to_keep
from bk_desktop.domain.clock import FixedClock
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.backup import (
    BackupService,
    RestoreCredentials,
    open_backup,
    restore,
    restore_damaged,
)
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import migrations
from bk_desktop.storage.backup_archive import read_backup, time_in_name
from bk_desktop.storage.database import connect_raw
from bk_desktop.storage.errors import (
    BackupInvalid,
    VaultDamaged,
    WrongPassword,
    WrongRecoveryKey,
)
from bk_desktop.storage.vault import VaultPaths

from support import PASSWORD


def test_backup_opens_with_the_password_and_the_recovery_key(
    created: tuple[Workspace, str], tmp_path: Path
) -> None:
    workspace, recovery = created
    path = BackupService(workspace).backup(tmp_path / "usb")
    assert path.parent == tmp_path / "usb"
    scratch = workspace.vault.paths.folder
    by_password, master = open_backup(
        path, RestoreCredentials(account_id=workspace.account.id, password=PASSWORD), scratch
    )
    assert master == workspace.vault.master_key
    _, master2 = open_backup(
        path, RestoreCredentials(account_id=workspace.account.id, recovery_key=recovery), scratch
    )
    assert master2 == master
    assert by_password.manifest["vault_id"] == workspace.vault.vault_id


def test_backup_refuses_wrong_secrets(created: tuple[Workspace, str], tmp_path: Path) -> None:
    workspace, _ = created
    path = BackupService(workspace).backup(tmp_path)
    with pytest.raises(WrongPassword):
        open_backup(
            path,
            RestoreCredentials(account_id=workspace.account.id, password="salah"),
            tmp_path,
        )
    with pytest.raises(WrongRecoveryKey):
        open_backup(
            path,
            RestoreCredentials(
                account_id=workspace.account.id,
                recovery_key="AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",
            ),
            tmp_path,
        )


def test_a_damaged_backup_is_refused_with_its_name(
    created: tuple[Workspace, str], tmp_path: Path
) -> None:
    workspace, _ = created
    path = BackupService(workspace).backup(tmp_path)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 32] = b"\x00" * 32
    path.write_bytes(bytes(data))
    with pytest.raises(BackupInvalid) as caught:
        read_backup(path)
    assert path.name in caught.value.message
    (tmp_path / "bukan.bkbak").write_text("halo")
    with pytest.raises(BackupInvalid):
        read_backup(tmp_path / "bukan.bkbak")


def test_backup_contains_only_ciphertext(created: tuple[Workspace, str], tmp_path: Path) -> None:
    workspace, _ = created
    SettingsService(workspace).save(
        workspace.settings().__class__(
            **{**workspace.settings().to_values(), "principal_name": "Drs. Rahasia Sekali"}
        )
    )
    path = BackupService(workspace).backup(tmp_path)
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist() == ["manifest.json", "bk-desktop.keys", "bk-desktop.vault"]
    assert b"Rahasia Sekali" not in path.read_bytes()
    assert b"SMA Negeri 1 Bontang" not in path.read_bytes()


def test_restore_brings_back_the_backup_and_keeps_the_replaced_vault(
    created: tuple[Workspace, str], tmp_path: Path
) -> None:
    workspace, _ = created
    backup = BackupService(workspace).backup(tmp_path / "usb")
    changed = workspace.settings().__class__(
        **{**workspace.settings().to_values(), "school_name": "SMA Sesudah Cadangan"}
    )
    SettingsService(workspace).save(changed)
    restored = restore(
        workspace, backup, RestoreCredentials(account_id=workspace.account.id, password=PASSWORD)
    )
    try:
        assert not workspace.vault.is_open
        assert restored.settings().school_name == "SMA Negeri 1 Bontang"
        kept = list(restored.vault.paths.folder.glob("cadangan/sebelum-pemulihan-*.bkbak"))
        assert len(kept) == 1
        _, master = open_backup(
            kept[0],
            RestoreCredentials(account_id=workspace.account.id, password=PASSWORD),
            restored.vault.paths.folder,
        )
        assert master == restored.vault.master_key
        kinds = [r["kind"] for r in restored.db.all("SELECT kind FROM audit_event")]
        assert "restore" in kinds
    finally:
        restored.lock()


def test_a_failed_restore_leaves_the_vault_as_it_was(
    created: tuple[Workspace, str], tmp_path: Path
) -> None:
    workspace, _ = created
    backup = BackupService(workspace).backup(tmp_path)
    workspace.db.checkpoint()
    before = workspace.vault.paths.database.read_bytes()
    with pytest.raises(WrongPassword):
        restore(
            workspace, backup, RestoreCredentials(account_id=workspace.account.id, password="x")
        )
    assert workspace.vault.is_open
    workspace.db.checkpoint()
    assert workspace.vault.paths.database.read_bytes() == before


def test_interrupted_restore_completes_or_is_discarded(
    created: tuple[Workspace, str], access: VaultAccess, tmp_path: Path
) -> None:
    workspace, _ = created
    account_id = workspace.account.id
    backup = BackupService(workspace).backup(tmp_path)
    contents = read_backup(backup)
    SettingsService(workspace).save(
        workspace.settings().__class__(**{**workspace.settings().to_values(), "city": "Samarinda"})
    )
    # Staged without the marker (crash before the commit point): discarded on next open.
    paths = workspace.vault.paths
    paths.staged_database.write_bytes(contents.database)
    workspace.lock()
    again = access.unlock(account_id, PASSWORD)
    assert again.settings().city == "Samarinda"
    assert not paths.staged_database.exists()
    # Staged with the marker (crash after the commit point): completed on next open.
    again.vault.stage_restore(contents.database, contents.slots_bytes)
    again.lock()
    final = access.unlock(account_id, PASSWORD)
    assert final.settings().city == "Bontang"
    assert not paths.restore_marker.exists()
    final.lock()


def test_automatic_backups_are_thinned_to_daily_weekly_monthly(
    created: tuple[Workspace, str], clock: FixedClock, tmp_path: Path
) -> None:
    workspace, _ = created
    folder = tmp_path / "auto"
    folder.mkdir()
    for path in [folder / f"otomatis-2025{m:02d}01-070000.bkbak" for m in range(1, 13)]:
        path.write_bytes(b"")
    (folder / "manual-20250101-070000.bkbak").write_bytes(b"")
    removed = BackupService(workspace).thin(folder)
    assert {p.name for p in removed} == set()  # 12 monthly copies are all kept
    for day in range(40):
        stamp = (clock.now() - timedelta(days=day)).strftime("%Y%m%d-%H%M%S")
        (folder / f"otomatis-{stamp}.bkbak").write_bytes(b"")
    BackupService(workspace).thin(folder)
    left = sorted(p.name for p in folder.iterdir())
    assert "manual-20250101-070000.bkbak" in left
    assert len([n for n in left if n.startswith("otomatis")]) <= 7 + 4 + 12


def test_retention_keeps_newest_of_each_period() -> None:
    start = datetime(2026, 1, 1, 7, tzinfo=UTC)
    moments = [start + timedelta(hours=6 * i) for i in range(4 * 400)]
    keep = backups_to_keep(moments, lambda m: m)
    kept = sorted(moments[i] for i in keep)
    assert kept[-1] == max(moments)
    assert len({m.date() for m in kept}) == len(kept)  # never two from one day
    assert len(kept) <= 7 + 4 + 12
    assert len(kept) >= 12


def test_backup_status_turns_stale_after_seven_days(
    created: tuple[Workspace, str], clock: FixedClock
) -> None:
    workspace, _ = created
    service = BackupService(workspace)
    assert service.status().is_stale(clock.now())
    service.backup()
    assert not service.status().is_stale(clock.now())
    clock.advance(days=8)
    assert service.status().is_stale(clock.now())


def test_a_damaged_vault_is_rescued_from_its_backup(
    created: tuple[Workspace, str], access: VaultAccess, tmp_path: Path
) -> None:
    workspace, _ = created
    account_id = workspace.account.id
    backup = BackupService(workspace).backup(tmp_path / "usb")
    workspace.lock()
    damaged = bytearray(access.paths.database.read_bytes())
    damaged[5000:5100] = b"\xff" * 100
    access.paths.database.write_bytes(bytes(damaged))
    with pytest.raises(VaultDamaged):
        access.unlock(account_id, PASSWORD)
    rescued = restore_damaged(
        access.paths,
        backup,
        RestoreCredentials(account_id=account_id, password=PASSWORD),
        access.clock,
    )
    try:
        assert rescued.workspace.settings().school_name == "SMA Negeri 1 Bontang"
        assert [p.name for p in rescued.kept] == ["bk-desktop.vault", "bk-desktop.keys"]
        assert rescued.kept[0].read_bytes() == bytes(damaged)
    finally:
        rescued.workspace.lock()
    access.unlock(account_id, PASSWORD).lock()


def test_a_backup_is_restored_onto_an_empty_folder(
    created: tuple[Workspace, str], tmp_path: Path, clock: FixedClock
) -> None:
    workspace, recovery = created
    backup = BackupService(workspace).backup(tmp_path / "usb")
    new_pc = VaultPaths(tmp_path / "pc-baru")
    rescued = restore_damaged(
        new_pc,
        backup,
        RestoreCredentials(account_id=workspace.account.id, recovery_key=recovery),
        clock,
    )
    assert rescued.kept == []
    assert rescued.workspace.account.id == workspace.account.id
    rescued.workspace.lock()


def test_a_backup_from_a_newer_version_says_so(
    created: tuple[Workspace, str], tmp_path: Path
) -> None:
    workspace, _ = created
    path = BackupService(workspace).backup(tmp_path)
    master = workspace.vault.master_key
    newer = tmp_path / "baru.bkbak"
    with zipfile.ZipFile(path) as source:
        database = source.read("bk-desktop.vault")
        manifest = json.loads(source.read("manifest.json"))
        keys = source.read("bk-desktop.keys")
    scratch = tmp_path / "salinan.vault"
    scratch.write_bytes(database)
    conn = connect_raw(scratch, master)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    conn.close()
    database = scratch.read_bytes()
    manifest["database_sha256"] = hashlib.sha256(database).hexdigest()
    with zipfile.ZipFile(newer, "w") as target:
        target.writestr("manifest.json", json.dumps(manifest))
        target.writestr("bk-desktop.keys", keys)
        target.writestr("bk-desktop.vault", database)
    credentials = RestoreCredentials(account_id=workspace.account.id, password=PASSWORD)
    with pytest.raises(BackupInvalid) as caught:
        open_backup(newer, credentials, workspace.vault.paths.folder)
    assert "lebih baru" in caught.value.message


# -- names on the school's clock ---------------------------------------------------------------


def test_backup_names_carry_the_schools_local_time_and_zone(
    created: tuple[Workspace, str], clock: FixedClock, tmp_path: Path
) -> None:
    workspace, _ = created
    service = BackupService(workspace)
    clock.advance(days=3, hours=16)  # 2 December 16.30 UTC: already 3 December 00.30 WITA
    first = service.backup(tmp_path / "usb")
    again = service.backup(tmp_path / "usb")  # the same minute: a counter, not a replacement
    automatic = service.automatic_backup()
    assert first.name == "manual-20261203-0030-WITA.bkbak"
    assert again.name == "manual-20261203-0030-WITA-2.bkbak"
    assert automatic.name == "otomatis-20261203-0030-WITA.bkbak"
    settings = SettingsService(workspace)
    settings.save(dataclasses.replace(settings.get(), timezone="Asia/Jakarta"))
    assert service.backup(tmp_path / "usb").name == "manual-20261202-2330-WIB.bkbak"


def test_names_without_a_zone_still_read_as_utc() -> None:
    assert time_in_name("otomatis-20261129-003000.bkbak") == datetime(
        2026, 11, 29, 0, 30, tzinfo=UTC
    )
    assert time_in_name("otomatis-20261129-0830-WITA.bkbak") == datetime(
        2026, 11, 29, 0, 30, tzinfo=UTC
    )
    assert time_in_name("sebelum-pembaruan-v5-20261129-0930-WIT-3.bkbak") == datetime(
        2026, 11, 29, 0, 30, tzinfo=UTC
    )
    assert time_in_name("otomatis-20261129-0830-XYZ.bkbak") is None
    assert time_in_name("catatan.bkbak") is None


def test_thinning_reads_old_and_zoned_names_alike(
    created: tuple[Workspace, str], clock: FixedClock, tmp_path: Path
) -> None:
    workspace, _ = created
    folder = tmp_path / "auto"
    folder.mkdir()
    # Two copies of one local day, one named the old way (UTC) and one the new way: the
    # daily rule keeps only the newer.
    older = folder / "otomatis-20261128-160000.bkbak"  # 29 November 00.00 WITA
    newer = folder / "otomatis-20261129-0830-WITA.bkbak"
    for path in (older, newer):
        path.write_bytes(b"")
    removed = BackupService(workspace).thin(folder)
    assert removed == [older]
    assert newer.exists()


def test_status_forgets_a_backup_whose_file_is_gone(
    created: tuple[Workspace, str], clock: FixedClock, tmp_path: Path
) -> None:
    workspace, _ = created
    service = BackupService(workspace)
    path = service.backup(tmp_path / "usb")
    status = service.status()
    assert status.last_at == clock.now() and status.missing is None
    path.unlink()
    status = service.status()
    assert status.last_at is None
    assert status.missing == path
    assert status.is_stale(clock.now())
    # A backup in the backup folder that is still there counts again, and nothing is missing.
    service.backup()
    assert service.status().missing is None
    assert service.status().last_at == clock.now()
