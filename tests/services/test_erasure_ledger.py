"""The erasure ledger (issue 18): backups must not bring an erased student back.

Restoring an older backup of the same vault — in the window, as a rescue, or on a new PC —
applies every erasure made since, before the vault is used, and says so; a backup of another
vault is never touched by it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.backup import (
    BackupService,
    RestoreCredentials,
    restore,
    restore_damaged,
)
from bk_desktop.services.erasure import ErasureService, restore_note
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo, erasure_repo
from bk_desktop.storage.backup_archive import read_ledger_member
from bk_desktop.storage.errors import DiskFull, WrongPassword
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.vault import VaultPaths

from support import PASSWORD, counselled, hold_session, setup_form

NAME = "Wulan Sembiring"
MARKER = "PENANDA-CATATAN-7781"


def _student(workspace: Workspace, clock: FixedClock, name: str = NAME) -> int:
    request_id = counselled(workspace, name)
    hold_session(workspace, clock, request_id, notes=MARKER if name == NAME else "Catatan lain.")
    return int(
        workspace.db.scalar("SELECT student_id FROM request WHERE id = :i", {"i": request_id})
    )


def _names(workspace: Workspace) -> list[str]:
    return [str(r[0]) for r in workspace.db.all("SELECT name FROM student ORDER BY id")]


def _credentials(workspace: Workspace) -> RestoreCredentials:
    return RestoreCredentials(account_id=workspace.account.id, password=PASSWORD)


def test_the_ledger_file_beside_the_vault_names_nobody_and_is_bound_to_the_vault(
    workspace: Workspace, clock: FixedClock
) -> None:
    student_id = _student(workspace, clock)
    ErasureService(workspace).erase([student_id], "HAPUS")
    vault = workspace.vault
    path = erasure_repo.ledger_path(vault.paths)
    data = path.read_bytes()
    assert NAME.encode() not in data and MARKER.encode() not in data
    document = json.loads(data)
    assert document["vault_id"] == vault.vault_id
    [entry] = erasure_repo.parse_ledger(data, vault.vault_id, vault.master_key)
    assert entry.student_id == student_id
    assert entry.rows["request"] and entry.rows["counselling_session"]
    # Another vault's id, another key, or an edited file: nothing is taken from it.
    assert erasure_repo.parse_ledger(data, "another-vault", vault.master_key) == []
    assert erasure_repo.parse_ledger(data, vault.vault_id, bytes(32)) == []
    document["entries"][0]["student_id"] = 2
    edited = json.dumps(document).encode()
    assert erasure_repo.parse_ledger(edited, vault.vault_id, vault.master_key) == []


def test_every_later_backup_carries_the_ledger(
    workspace: Workspace, clock: FixedClock, tmp_path: Path
) -> None:
    student_id = _student(workspace, clock)
    service = BackupService(workspace)
    before = service.backup(tmp_path / "usb")
    assert read_ledger_member(before) is None
    ErasureService(workspace).erase([student_id], "HAPUS")
    clock.advance(seconds=120)
    after = service.backup(tmp_path / "usb")
    member = read_ledger_member(after)
    assert member is not None and NAME.encode() not in member
    vault = workspace.vault
    assert [
        e.student_id for e in erasure_repo.parse_ledger(member, vault.vault_id, vault.master_key)
    ] == [student_id]


def test_restoring_an_older_backup_erases_the_student_again_and_says_so(
    workspace: Workspace, clock: FixedClock, tmp_path: Path
) -> None:
    student_id = _student(workspace, clock)
    _student(workspace, clock, "Budi Santoso")
    old = BackupService(workspace).backup(tmp_path / "usb")
    clock.advance(seconds=3600)
    ErasureService(workspace).erase([student_id], "HAPUS")
    clock.advance(seconds=3600)
    restored = restore(workspace, old, _credentials(workspace))
    try:
        assert _names(restored) == ["Budi Santoso"]
        db = restored.db
        assert (
            db.scalar("SELECT count(*) FROM request WHERE student_id = :i", {"i": student_id}) == 0
        )
        assert (
            db.scalar("SELECT count(*) FROM counselling_session WHERE notes = :m", {"m": MARKER})
            == 0
        )
        assert db.foreign_key_problems() == []
        assert db.scalar("SELECT count(*) FROM erasure_ledger") == 1
        event = audit_repo.latest(db, AuditKind.ERASURE_REAPPLIED)
        assert event is not None and "applied=1" in event.detail
        note = restore_note(restored)
        assert note is not None and "diterapkan lagi" in note
        # Its audit rows about the student carry the erasure's token, as in the vault it replaced.
        token = db.scalar("SELECT token FROM erasure_ledger")
        assert (
            db.scalar(
                "SELECT count(*) FROM audit_event WHERE target_kind = 'student' AND target_id = :i",
                {"i": str(student_id)},
            )
            == 0
        )
        assert (
            db.scalar(
                "SELECT count(*) FROM audit_event WHERE target_id = :t", {"t": f"dihapus:{token}"}
            )
            > 0
        )
    finally:
        restored.lock()


def test_restoring_a_backup_made_after_the_erasure_applies_nothing(
    workspace: Workspace, clock: FixedClock, tmp_path: Path
) -> None:
    student_id = _student(workspace, clock)
    ErasureService(workspace).erase([student_id], "HAPUS")
    # A new student may receive the erased student's row id; the ledger must never touch it.
    newcomer = _student(workspace, clock, "Citra Lestari")
    assert newcomer == student_id
    clock.advance(seconds=120)
    later = BackupService(workspace).backup(tmp_path / "usb")
    restored = restore(workspace, later, _credentials(workspace))
    try:
        assert _names(restored) == ["Citra Lestari"]
        assert restore_note(restored) is None
    finally:
        restored.lock()


def test_restoring_another_vaults_backup_erases_nothing(
    workspace: Workspace, clock: FixedClock, tmp_path: Path
) -> None:
    student_id = _student(workspace, clock)
    other_access = VaultAccess(VaultPaths(tmp_path / "other"), clock, KdfChooser(TEST_PARAMS))
    other, _ = other_access.setup(setup_form(account_name="Rina Handayani"))
    try:
        other_student = _student(other, clock, "Dewi Anggraini")
        assert other_student == student_id  # the same row id in both vaults
        foreign = BackupService(other).backup(tmp_path / "other-usb")
        credentials = RestoreCredentials(account_id=other.account.id, password=PASSWORD)
    finally:
        other.lock()
    ErasureService(workspace).erase([student_id], "HAPUS")
    restored = restore(workspace, foreign, credentials)
    try:
        assert _names(restored) == ["Dewi Anggraini"]
        assert restored.db.scalar("SELECT count(*) FROM erasure_ledger") == 0
        assert restore_note(restored) is None
    finally:
        restored.lock()


def test_a_new_pc_with_the_ledger_file_or_a_later_backup_erases_again(
    workspace: Workspace, clock: FixedClock, tmp_path: Path
) -> None:
    student_id = _student(workspace, clock)
    usb = tmp_path / "usb"
    old = BackupService(workspace).backup(usb)
    clock.advance(seconds=120)
    ErasureService(workspace).erase([student_id], "HAPUS")
    clock.advance(seconds=120)
    BackupService(workspace).backup(usb)  # the later backup, beside the old one
    ledger_file = erasure_repo.ledger_path(workspace.vault.paths)
    credentials = _credentials(workspace)
    workspace.lock()

    # A new PC given only the old backup and the later one on the same stick.
    fresh = VaultPaths(tmp_path / "pc-baru")
    rescued = restore_damaged(fresh, old, credentials, clock)
    try:
        assert _names(rescued.workspace) == []
        assert restore_note(rescued.workspace) is not None
        assert erasure_repo.ledger_path(fresh).exists()
    finally:
        rescued.workspace.lock()

    # Another PC given the old backup alone, on its own, and the ledger file beside the vault.
    alone = tmp_path / "hanya-lama"
    alone.mkdir()
    copy = alone / old.name
    shutil.copy2(old, copy)
    second = VaultPaths(tmp_path / "pc-lain")
    second.folder.mkdir()
    shutil.copy2(ledger_file, erasure_repo.ledger_path(second))
    again = restore_damaged(second, copy, credentials, clock)
    try:
        assert _names(again.workspace) == []
    finally:
        again.workspace.lock()

    # Without either, the old backup is what it is (the window says older backups hold it).
    bare = tmp_path / "tanpa-buku"
    bare.mkdir()
    shutil.copy2(old, bare / old.name)
    plain = restore_damaged(VaultPaths(tmp_path / "pc-ketiga"), bare / old.name, credentials, clock)
    try:
        assert _names(plain.workspace) == [NAME]
    finally:
        plain.workspace.lock()


def _copy_vault(paths: VaultPaths, to: Path) -> None:
    to.mkdir()
    for path in (paths.database, paths.keyslots):
        shutil.copy2(path, to / path.name)


def _put_back(copy: Path, paths: VaultPaths) -> None:
    for sidecar in paths.sidecars():
        sidecar.unlink(missing_ok=True)
    for path in copy.iterdir():
        shutil.copy2(path, paths.folder / path.name)


def test_an_unlock_applies_erasures_the_ledger_file_knows_and_the_vault_lacks(
    workspace: Workspace, clock: FixedClock, access: VaultAccess, tmp_path: Path
) -> None:
    """The vault files put back from before the erasure (by hand, or a restore that failed
    before re-applying): the next ordinary unlock erases the student again and says so once."""
    student_id = _student(workspace, clock)
    paths = workspace.vault.paths
    account_id = workspace.account.id
    workspace.db.checkpoint()
    _copy_vault(paths, tmp_path / "sebelum")
    clock.advance(seconds=120)
    ErasureService(workspace).erase([student_id], "HAPUS")
    workspace.lock()
    _put_back(tmp_path / "sebelum", paths)

    again = access.unlock(account_id, PASSWORD)
    try:
        assert _names(again) == []
        assert again.db.scalar("SELECT count(*) FROM erasure_ledger") == 1
        event = audit_repo.latest(again.db, AuditKind.ERASURE_REAPPLIED)
        assert event is not None and "entries=1" in event.detail
        note = access.take_unlock_note()
        assert note is not None and "diterapkan lagi" in note
        assert access.take_unlock_note() is None
    finally:
        again.lock()
    # Said once: the next unlock has nothing to apply.
    third = access.unlock(account_id, PASSWORD)
    try:
        assert access.take_unlock_note() is None
    finally:
        third.lock()


def test_the_ledger_file_never_loses_an_entry_the_table_lacks(
    workspace: Workspace, clock: FixedClock
) -> None:
    first = _student(workspace, clock)
    second = _student(workspace, clock, "Budi Santoso")
    ErasureService(workspace).erase([first], "HAPUS")
    vault = workspace.vault
    held = erasure_repo.read_ledger_file(vault.paths, vault.vault_id, vault.master_key)
    # An entry only the file holds (its vault's table lost it in a half-done restore).
    extra = erasure_repo.LedgerEntry(
        token="0123456789abcdef",
        mode=held[0].mode,
        done_at="2026-01-01T00:00:00Z",
        student_id=999,
        student_created_at="2025-01-01T00:00:00Z",
        rows={},
    )
    erasure_repo.write_ledger_file(vault.paths, vault.vault_id, [*held, extra], vault.master_key)
    clock.advance(seconds=60)
    ErasureService(workspace).erase([second], "HAPUS")
    tokens = {
        e.token
        for e in erasure_repo.read_ledger_file(vault.paths, vault.vault_id, vault.master_key)
    }
    assert extra.token in tokens and held[0].token in tokens and len(tokens) == 3


def test_an_unlock_refused_before_the_vault_is_used_records_no_success_and_keeps_failures(
    workspace: Workspace,
    clock: FixedClock,
    access: VaultAccess,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Review 18 #9: the erasure the vault lacks cannot be applied (the disk fills while it
    is written), so the unlock is refused — and it left an ``unlock.ok`` row and moved the
    failed attempts into the audit, to be copied a second time at the next unlock."""
    from bk_desktop.services import backup as backup_service

    student_id = _student(workspace, clock)
    paths = workspace.vault.paths
    account_id = workspace.account.id
    workspace.db.checkpoint()
    _copy_vault(paths, tmp_path / "sebelum")
    clock.advance(seconds=120)
    ErasureService(workspace).erase([student_id], "HAPUS")
    workspace.lock()
    _put_back(tmp_path / "sebelum", paths)
    clock.advance(seconds=60)
    with pytest.raises(WrongPassword):
        access.unlock(account_id, "bukan-kata-sandinya")

    def disk_fills(*_: object) -> str | None:
        raise DiskFull()

    monkeypatch.setattr(backup_service, "reapply_known", disk_fills)
    with pytest.raises(DiskFull):
        access.unlock(account_id, PASSWORD)
    monkeypatch.undo()

    again = access.unlock(account_id, PASSWORD)
    try:
        assert _names(again) == []
        kinds = [r[0] for r in again.db.all("SELECT kind FROM audit_event ORDER BY id") if r[0]]
        assert kinds.count(AuditKind.UNLOCK_OK.value) == 1
        assert kinds.count(AuditKind.UNLOCK_FAILED.value) == 1
        assert kinds.count(AuditKind.ERASURE_REAPPLIED.value) == 1
        note = access.take_unlock_note()
        assert note is not None and "diterapkan lagi" in note
    finally:
        again.lock()


def test_without_the_ledger_file_an_unlock_still_finds_the_erasure_in_a_backup(
    workspace: Workspace, clock: FixedClock, access: VaultAccess, tmp_path: Path
) -> None:
    """The file beside the vault is the primary copy and an ordinary unlock reads only it;
    when it is gone (deleted), the backups beside the vault still bring the erasure back."""
    student_id = _student(workspace, clock)
    paths = workspace.vault.paths
    account_id = workspace.account.id
    workspace.db.checkpoint()
    _copy_vault(paths, tmp_path / "sebelum")
    clock.advance(seconds=120)
    ErasureService(workspace).erase([student_id], "HAPUS")
    BackupService(workspace).backup()
    workspace.lock()
    _put_back(tmp_path / "sebelum", paths)
    erasure_repo.ledger_path(paths).unlink()

    again = access.unlock(account_id, PASSWORD)
    try:
        assert _names(again) == []
        assert access.take_unlock_note() is not None
        # Written again from the table: the next unlock reads it alone.
        assert erasure_repo.ledger_path(paths).exists()
    finally:
        again.lock()
