"""Key-slot format 2: damage is told from a wrong password, KDF parameters are bounded, names
are authenticated, passwords are normalised, and format-1 files and backups keep opening."""

from __future__ import annotations

import json
import time
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest

from bk_desktop.services.access import VaultAccess
from bk_desktop.services.backup import BackupService, RestoreCredentials, restore_damaged
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.errors import KeySlotDamaged, KeySlotsNewer, WrongPassword
from bk_desktop.storage.keyslot_file import read_accounts, slot_checksum
from bk_desktop.storage.keyslots import KeySlots

from media import fingerprint
from support import PASSWORD

NEW_PASSWORD = "Teh-Sore-Samarinda-2027"


@pytest.fixture
def closed(created: tuple[Workspace, str], access: VaultAccess) -> tuple[VaultAccess, str, str]:
    workspace, recovery = created
    account_id = workspace.account.id
    workspace.lock()
    return access, account_id, recovery


def _document(access: VaultAccess) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(access.paths.keyslots.read_text(encoding="utf-8"))
    return data


def _write(access: VaultAccess, data: dict[str, Any], *, reseal: bool = False) -> None:
    if reseal:
        for item in data["slots"]:
            item["checksum"] = slot_checksum(data["vault_id"], item)
    access.paths.keyslots.write_text(json.dumps(data, indent=2), encoding="utf-8")


def as_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """The same slots as the first format wrote them (ASCII passwords: raw == NFC)."""
    slots = [
        {k: v for k, v in item.items() if k not in {"checksum", "password_form", "label_tag"}}
        for item in data["slots"]
    ]
    return {"format": data["format"], "version": 1, "vault_id": data["vault_id"], "slots": slots}


def _flip_one_bit(data: dict[str, Any], kind: str) -> None:
    item = next(i for i in data["slots"] if i["kind"] == kind)
    wrapped = item["wrapped"]
    item["wrapped"] = ("B" if wrapped[0] == "A" else "A") + wrapped[1:]


# -- 3: damage is not a wrong password ---------------------------------------------------------


def test_a_flipped_bit_in_a_password_slot_is_damage_and_adds_no_delay(
    closed: tuple[VaultAccess, str, str],
) -> None:
    access, account_id, _ = closed
    data = _document(access)
    _flip_one_bit(data, "password")
    _write(access, data)
    before = fingerprint(access.paths.folder)
    for _ in range(5):
        with pytest.raises(KeySlotDamaged) as caught:
            access.unlock(account_id, PASSWORD)
    assert "bukan kata sandi yang salah" in caught.value.message
    assert access.wait_needed(account_id).total_seconds() == 0
    assert fingerprint(access.paths.folder) == before


def test_with_only_the_recovery_slot_left_a_new_password_can_be_set(
    closed: tuple[VaultAccess, str, str],
) -> None:
    access, account_id, recovery = closed
    data = _document(access)
    _flip_one_bit(data, "password")
    _write(access, data)
    assert read_accounts(access.paths.keyslots) == KeySlots.load(access.paths.keyslots).accounts()
    access.reset_password_with_recovery(recovery, account_id, NEW_PASSWORD, NEW_PASSWORD).lock()
    access.unlock(account_id, NEW_PASSWORD).lock()
    assert all("checksum" in item for item in _document(access)["slots"])


def test_a_damaged_recovery_slot_leaves_the_password_working(
    closed: tuple[VaultAccess, str, str],
) -> None:
    access, account_id, recovery = closed
    data = _document(access)
    _flip_one_bit(data, "recovery")
    _write(access, data)
    with pytest.raises(KeySlotDamaged):
        access.reset_password_with_recovery(recovery, account_id, NEW_PASSWORD, NEW_PASSWORD)
    access.unlock(account_id, PASSWORD).lock()


def test_a_restore_uses_the_backups_slots_when_the_current_one_is_damaged(
    created: tuple[Workspace, str], access: VaultAccess, tmp_path: Path
) -> None:
    workspace, _ = created
    account_id = workspace.account.id
    saved = BackupService(workspace).backup(tmp_path / "usb")
    workspace.lock()
    data = _document(access)
    _flip_one_bit(data, "password")
    _write(access, data)
    credentials = RestoreCredentials(account_id, password=PASSWORD)
    rescued = restore_damaged(access.paths, saved, credentials, access.clock)
    assert rescued.workspace.is_open and rescued.workspace.account.id == account_id
    rescued.workspace.lock()
    reopened = access.unlock(account_id, PASSWORD)  # the backup's sound slot is in place
    assert reopened.is_open
    reopened.lock()


# -- 4: KDF parameters are bounded when read -------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("time_cost", 10**7),
        ("time_cost", 0),
        ("memory_kib", 0),
        ("memory_kib", 2**32 - 1),
        ("parallelism", 0),
        ("parallelism", 1000),
    ],
)
def test_tampered_kdf_parameters_are_refused_at_once(
    closed: tuple[VaultAccess, str, str], field: str, value: int
) -> None:
    access, account_id, _ = closed
    data = _document(access)
    for item in data["slots"]:
        item["kdf"][field] = value
    _write(access, data, reseal=True)
    started = time.monotonic()
    with pytest.raises(KeySlotDamaged):
        access.unlock(account_id, PASSWORD)
    assert time.monotonic() - started < 60  # a guard against a hang, not a timing test


# -- 15: the display name is authenticated ---------------------------------------------------


def test_a_tampered_display_name_is_put_back_from_the_vault(
    closed: tuple[VaultAccess, str, str],
) -> None:
    access, account_id, _ = closed
    data = _document(access)
    item = next(i for i in data["slots"] if i["kind"] == "password")
    item["label"] = "Kepala Sekolah"
    _write(access, data, reseal=True)
    assert read_accounts(access.paths.keyslots) == [(account_id, "Kepala Sekolah")]
    access.unlock(account_id, PASSWORD).lock()
    assert read_accounts(access.paths.keyslots) == [(account_id, "Sari Wulandari")]


# -- 13: passwords are normalised ------------------------------------------------------------


def test_a_password_opens_however_its_accents_were_composed(
    workspace: Workspace, access: VaultAccess
) -> None:
    composed = "Kafé-Pagi-Bontang-2026"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    account = workspace.account
    workspace.vault.set_password(account.id, account.name, decomposed, access.kdf.params(0.5))
    workspace.lock()
    access.unlock(account.id, composed).lock()


# -- 16: format 1 keeps opening and is rewritten as format 2 ---------------------------------


def test_a_version_1_key_file_opens_and_becomes_version_2(
    closed: tuple[VaultAccess, str, str],
) -> None:
    access, account_id, recovery = closed
    _write(access, as_version_1(_document(access)))
    assert read_accounts(access.paths.keyslots) == [(account_id, "Sari Wulandari")]
    with pytest.raises(WrongPassword):
        access.unlock(account_id, "bukan-kata-sandinya")
    assert _document(access)["version"] == 1
    access.unlock(account_id, PASSWORD).lock()
    upgraded = _document(access)
    assert upgraded["version"] == 2
    assert all(item["checksum"] for item in upgraded["slots"])
    assert {i["password_form"] for i in upgraded["slots"] if i["kind"] == "password"} == {"nfc"}
    access.reset_password_with_recovery(recovery, account_id, NEW_PASSWORD, NEW_PASSWORD).lock()


def test_a_backup_with_a_version_1_key_file_restores(
    created: tuple[Workspace, str], access: VaultAccess, tmp_path: Path
) -> None:
    workspace, _ = created
    account_id = workspace.account.id
    saved = BackupService(workspace).backup(tmp_path / "usb")
    workspace.lock()
    old = tmp_path / "lama.bkbak"
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(old, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(content)
                manifest["version"] = 1
                content = json.dumps(manifest).encode()
            if info.filename == "bk-desktop.keys":
                content = json.dumps(as_version_1(json.loads(content))).encode()
            target.writestr(info.filename, content)
    credentials = RestoreCredentials(account_id, password=PASSWORD)
    restore_damaged(access.paths, old, credentials, access.clock).workspace.lock()
    assert _document(access)["version"] == 2


def test_a_key_file_from_a_newer_program_is_refused_as_newer(
    closed: tuple[VaultAccess, str, str],
) -> None:
    access, account_id, _ = closed
    data = _document(access)
    data["version"] = 3
    _write(access, data)
    with pytest.raises(KeySlotsNewer) as caught:
        access.unlock(account_id, PASSWORD)
    assert "lebih baru" in caught.value.message
    with pytest.raises(KeySlotsNewer):
        read_accounts(access.paths.keyslots)
