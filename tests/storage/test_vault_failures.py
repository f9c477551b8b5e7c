"""Each way opening can fail has its own message and leaves every file byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from bk_desktop.services.access import VaultAccess
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import migrations
from bk_desktop.storage.database import connect_raw
from bk_desktop.storage.errors import (
    KeySlotDamaged,
    KeySlotsDamaged,
    KeySlotsMissing,
    NewerVersion,
    NotAVault,
    VaultDamaged,
    VaultError,
    VaultInUse,
    WrongPassword,
    WrongRecoveryKey,
)
from bk_desktop.storage.keyslot_file import slot_checksum
from bk_desktop.storage.vault import Vault

from support import PASSWORD


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.suffix not in {".lock", ".failures"}
    }


@pytest.fixture
def closed_vault(created: tuple[Workspace, str], access: VaultAccess) -> tuple[VaultAccess, str]:
    """A vault with one committed audit trail, closed cleanly; returns access and account id."""
    workspace, _ = created
    account_id = workspace.account.id
    workspace.lock()
    return access, account_id


def _expect_refusal(
    access: VaultAccess, account_id: str, error: type[VaultError], password: str = PASSWORD
) -> str:
    before = _fingerprint(access.paths.folder)
    with pytest.raises(error) as caught:
        access.unlock(account_id, password)
    assert _fingerprint(access.paths.folder) == before
    assert "Traceback" not in caught.value.message
    return caught.value.message


def test_wrong_password_is_refused_and_changes_nothing(
    closed_vault: tuple[VaultAccess, str],
) -> None:
    access, account_id = closed_vault
    message = _expect_refusal(access, account_id, WrongPassword, "bukan-kata-sandinya")
    assert "Kata sandi salah" in message


def test_a_file_that_is_not_a_vault_is_named_so(closed_vault: tuple[VaultAccess, str]) -> None:
    access, account_id = closed_vault
    access.paths.database.write_bytes(b"SQLite format 3\x00" + bytes(4096 * 2 - 16))
    message = _expect_refusal(access, account_id, NotAVault)
    assert "bukan brankas" in message


def test_a_spreadsheet_renamed_as_vault_is_not_a_vault(
    closed_vault: tuple[VaultAccess, str],
) -> None:
    access, account_id = closed_vault
    access.paths.database.write_bytes(b"PK\x03\x04" + b"\x00" * 5000)
    _expect_refusal(access, account_id, NotAVault)


def test_a_truncated_vault_is_reported_damaged(closed_vault: tuple[VaultAccess, str]) -> None:
    access, account_id = closed_vault
    data = access.paths.database.read_bytes()
    access.paths.database.write_bytes(data[: len(data) // 2 + 100])
    message = _expect_refusal(access, account_id, VaultDamaged)
    assert "rusak atau terpotong" in message


def test_a_vault_cut_at_a_page_boundary_is_reported_damaged(
    closed_vault: tuple[VaultAccess, str],
) -> None:
    access, account_id = closed_vault
    data = access.paths.database.read_bytes()
    access.paths.database.write_bytes(data[: 4096 * 3])
    _expect_refusal(access, account_id, VaultDamaged)


@pytest.mark.parametrize("page", [0, 2, -1])
def test_a_damaged_page_is_reported_damaged(
    closed_vault: tuple[VaultAccess, str], page: int
) -> None:
    access, account_id = closed_vault
    data = bytearray(access.paths.database.read_bytes())
    pages = len(data) // 4096
    start = (page % pages) * 4096 + 200
    data[start : start + 64] = bytes(b ^ 0x5A for b in data[start : start + 64])
    access.paths.database.write_bytes(bytes(data))
    _expect_refusal(access, account_id, VaultDamaged)


def test_missing_key_slots_are_named(closed_vault: tuple[VaultAccess, str]) -> None:
    access, account_id = closed_vault
    access.paths.keyslots.unlink()
    message = _expect_refusal(access, account_id, KeySlotsMissing)
    assert "bk-desktop.keys" in message


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"",
        lambda raw: raw.replace(b'"slots"', b'"slotz"'),
        lambda raw: raw.replace(b'"format": "bk-desktop-keyslots"', b'"format": "lain"'),
    ],
    ids=["cut", "empty", "no-slots", "other-format"],
)
def test_damaged_key_slots_are_named(
    closed_vault: tuple[VaultAccess, str], damage: Callable[[bytes], bytes]
) -> None:
    access, account_id = closed_vault
    access.paths.keyslots.write_bytes(damage(access.paths.keyslots.read_bytes()))
    _expect_refusal(access, account_id, KeySlotsDamaged)


def test_a_changed_vault_id_is_damage(closed_vault: tuple[VaultAccess, str]) -> None:
    access, account_id = closed_vault
    data = json.loads(access.paths.keyslots.read_text())
    data["vault_id"] = "0" * 32  # each slot's checksum covers the vault id
    access.paths.keyslots.write_text(json.dumps(data))
    _expect_refusal(access, account_id, KeySlotDamaged)


def test_a_tampered_slot_does_not_open(closed_vault: tuple[VaultAccess, str]) -> None:
    access, account_id = closed_vault
    data = json.loads(access.paths.keyslots.read_text())
    data["vault_id"] = "0" * 32  # the wrap is bound to the vault id
    for item in data["slots"]:  # someone who means it recomputes the checksums
        item["checksum"] = slot_checksum(data["vault_id"], item)
    access.paths.keyslots.write_text(json.dumps(data))
    _expect_refusal(access, account_id, WrongPassword)


def test_a_vault_from_a_newer_version_is_refused(
    closed_vault: tuple[VaultAccess, str], tmp_path: Path
) -> None:
    access, account_id = closed_vault
    workspace = access.unlock(account_id, PASSWORD)
    master = workspace.vault.master_key
    workspace.lock()
    conn = connect_raw(access.paths.database, master)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    conn.close()
    message = _expect_refusal(access, account_id, NewerVersion)
    assert "versi bk-desktop yang lebih baru" in message


def test_a_second_program_on_the_same_vault_is_refused(
    created: tuple[Workspace, str], access: VaultAccess
) -> None:
    workspace, _ = created
    with pytest.raises(VaultInUse) as caught:
        access.unlock(workspace.account.id, PASSWORD)
    assert "sedang dibuka" in caught.value.message
    assert workspace.vault.is_open


def test_wrong_recovery_key_is_refused(closed_vault: tuple[VaultAccess, str]) -> None:
    access, account_id = closed_vault
    before = _fingerprint(access.paths.folder)
    with pytest.raises(WrongRecoveryKey):
        access.reset_password_with_recovery(
            "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",
            account_id,
            "Baru-Sekali-2026",
            "Baru-Sekali-2026",
        )
    assert _fingerprint(access.paths.folder) == before


def test_each_refusal_keeps_the_vault_openable_afterwards(
    closed_vault: tuple[VaultAccess, str],
) -> None:
    access, account_id = closed_vault
    for _ in range(3):
        with pytest.raises(WrongPassword):
            access.unlock(account_id, "salah-lagi-salah")
    access.clock.advance(seconds=access.wait_needed(account_id).total_seconds())  # type: ignore[attr-defined]
    workspace = access.unlock(account_id, PASSWORD)
    assert workspace.db.integrity_problems() == []
    kinds = [r["kind"] for r in workspace.db.all("SELECT kind FROM audit_event ORDER BY id")]
    assert kinds.count("unlock.failed") == 3
    workspace.lock()
    assert Vault.list_accounts(access.paths) != []
