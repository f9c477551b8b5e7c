"""The key-slot file as plain JSON: what it says before anything is decrypted.

The unlock dialog shows each account's name, and that is all it needs from this file. Reading
it here needs ``json`` alone, so the first window can be painted before ``cryptography``,
``argon2`` and SQLCipher are imported (``keyslots.py`` builds on this module for unlocking).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bk_desktop.storage.errors import KeySlotsDamaged, KeySlotsMissing

FORMAT = "bk-desktop-keyslots"
FORMAT_VERSION = 1
PASSWORD = "password"
RECOVERY = "recovery"


def read_raw(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise KeySlotsMissing(path.name) from None


def parse_document(raw: bytes, name: str) -> dict[str, Any]:
    """The file's JSON object, refused unless it is a key-slot file of a version we read."""
    try:
        data = json.loads(raw.decode("utf-8"))
        if data.get("format") != FORMAT or int(data.get("version", 0)) > FORMAT_VERSION:
            raise ValueError("not a key-slot file of this version")
        if not isinstance(data["slots"], list) or not data["slots"]:
            raise ValueError("no slots")
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise KeySlotsDamaged(name) from None
    return dict(data)


def read_accounts(path: Path) -> list[tuple[str, str]]:
    """(account id, display name) of every password slot, in the order they were added."""
    data = parse_document(read_raw(path), path.name)
    accounts: list[tuple[str, str]] = []
    for item in data["slots"]:
        if not isinstance(item, dict):
            raise KeySlotsDamaged(path.name)
        if item.get("kind") == PASSWORD and item.get("account_id") is not None:
            accounts.append((str(item["account_id"]), str(item.get("label") or "")))
    return accounts
