"""The key-slot file as plain JSON: what it says before anything is decrypted.

The unlock dialog shows each account's name, and that is all it needs from this file. Reading
it here needs ``json`` alone, so the first window can be painted before ``cryptography``,
``argon2`` and SQLCipher are imported (``keyslots.py`` builds on this module for unlocking).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from bk_desktop.storage.errors import KeySlotsDamaged, KeySlotsMissing, KeySlotsNewer

FORMAT = "bk-desktop-keyslots"
FORMAT_VERSION = 2
"""1: the first format. 2: a checksum, a name tag and the password's form per slot
(``keyslots.py``); version 1 is still read, and rewritten as 2 at the next unlock."""
PASSWORD = "password"
RECOVERY = "recovery"


def read_raw(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise KeySlotsMissing(path.name) from None


def slot_checksum(vault_id: str, item: dict[str, Any]) -> str:
    """SHA-256 of one slot (without its own checksum) and the vault id, as canonical JSON.

    It tells a damaged slot from a wrong password; it is no defence against someone who
    rewrites the file on purpose (the AEAD and the name tag are).
    """
    fields = {k: v for k, v in item.items() if k != "checksum"}
    canonical = json.dumps(
        {"vault_id": vault_id, "slot": fields}, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_document(raw: bytes, name: str) -> dict[str, Any]:
    """The file's JSON object, refused unless it is a key-slot file of a version we read."""
    try:
        data = json.loads(raw.decode("utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError("not a key-slot file")
        version = int(data.get("version", 0))
        if not isinstance(data["slots"], list) or not data["slots"]:
            raise ValueError("no slots")
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise KeySlotsDamaged(name) from None
    if version > FORMAT_VERSION:
        raise KeySlotsNewer(name)
    return dict(data)


def read_accounts(path: Path) -> list[tuple[str, str]]:
    """(account id, display name) of every password slot, in the order they were added."""
    data = parse_document(read_raw(path), path.name)
    accounts: list[tuple[str, str]] = []
    for item in data["slots"]:
        if not isinstance(item, dict):
            continue  # a damaged slot; the others still open the vault
        if item.get("kind") == PASSWORD and item.get("account_id") is not None:
            account = (str(item["account_id"]), str(item.get("label") or ""))
            if account[0] not in {a for a, _ in accounts}:
                accounts.append(account)
    return accounts
