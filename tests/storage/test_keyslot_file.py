"""The key-slot file read as plain JSON: the account names the unlock dialog shows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bk_desktop.storage.database import CACHE_KIB, MIN_CACHE_KIB, cache_kib
from bk_desktop.storage.errors import KeySlotsDamaged, KeySlotsMissing
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.keyslot_file import read_accounts
from bk_desktop.storage.keyslots import KeySlots, new_master_key, new_recovery_key


def _file(tmp_path: Path) -> Path:
    master = new_master_key()
    slots = (
        KeySlots.new()
        .with_password(master, "a1", "Sari Wulandari", "pertama-kata-sandi", TEST_PARAMS)
        .with_recovery(master, new_recovery_key(), TEST_PARAMS)
        .with_password(master, "a2", "Budi Santoso", "kedua-kata-sandi", TEST_PARAMS)
    )
    path = tmp_path / "bk-desktop.keys"
    slots.save(path)
    return path


def test_accounts_read_as_json_match_the_full_parse(tmp_path: Path) -> None:
    path = _file(tmp_path)
    assert read_accounts(path) == KeySlots.load(path).accounts()
    assert read_accounts(path) == [("a1", "Sari Wulandari"), ("a2", "Budi Santoso")]


@pytest.mark.parametrize(
    "text",
    ["{ rusak", "[]", '{"format": "lain", "slots": [{}]}', '{"format": "bk-desktop-keyslots"}'],
)
def test_a_damaged_file_is_refused_like_the_full_parse(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bk-desktop.keys"
    path.write_text(text)
    with pytest.raises(KeySlotsDamaged):
        read_accounts(path)
    with pytest.raises(KeySlotsDamaged):
        KeySlots.load(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(KeySlotsMissing):
        read_accounts(tmp_path / "bk-desktop.keys")


def test_reading_the_accounts_imports_no_cryptography(tmp_path: Path) -> None:
    path = _file(tmp_path)
    code = (
        "import sys; from pathlib import Path\n"
        "from bk_desktop.storage.keyslot_file import read_accounts\n"
        f"print(read_accounts(Path({str(path)!r})))\n"
        "print(sorted({'cryptography', 'argon2', 'sqlcipher3'} & set(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[('a1', 'Sari Wulandari'), ('a2', 'Budi Santoso')]", "[]"]


def test_the_page_cache_fits_the_file_between_sqlites_default_and_64_mib() -> None:
    assert cache_kib(0) == MIN_CACHE_KIB
    assert cache_kib(10 * 1024 * 1024 + 1) == 10 * 1024 + 1
    assert cache_kib(1 << 40) == CACHE_KIB
