"""Key slots: the master key, wrapped once per password and once by the recovery key.

The idea is LUKS's: the database is encrypted with a random master key that never changes;
each slot stores that key encrypted (AES-256-GCM) under a key derived from one secret. Changing
a password rewrites one slot; the database is not touched. The slot file is replaced atomically,
so an interrupted change leaves the old or the new slot, never neither.

The associated data of each wrap binds it to its vault and slot, so a slot copied from another
vault or moved to another account does not unlock anything.
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bk_desktop.files.atomic import atomic_write
from bk_desktop.storage.errors import (
    AccountNotFound,
    KeySlotsDamaged,
    WrongPassword,
    WrongRecoveryKey,
)
from bk_desktop.storage.kdf import KEY_BYTES, KdfParams, derive_key
from bk_desktop.storage.keyslot_file import (
    FORMAT,
    FORMAT_VERSION,
    PASSWORD,
    RECOVERY,
    parse_document,
    read_raw,
)

# Crockford's base32: no I, L, O, U, so a key copied by hand cannot be misread.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_BYTES = 20  # 160 bits → 32 characters


def new_master_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_recovery_key() -> str:
    """A 160-bit code in eight groups of four, e.g. ``7K2M-…``."""
    value = int.from_bytes(secrets.token_bytes(_RECOVERY_BYTES), "big")
    chars = []
    for _ in range(_RECOVERY_BYTES * 8 // 5):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    code = "".join(reversed(chars))
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_recovery_key(text: str) -> str:
    """Accept what a person types from the card: any case, spaces or dashes, O for 0."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Slot:
    id: str
    kind: str
    account_id: str | None
    label: str | None
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    updated_at: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "account_id": self.account_id,
            "label": self.label,
            "kdf": self.kdf.to_json(),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        return cls(
            id=str(data["id"]),
            kind=str(data["kind"]),
            account_id=None if data.get("account_id") is None else str(data["account_id"]),
            label=None if data.get("label") is None else str(data["label"]),
            kdf=KdfParams.from_json(data["kdf"]),
            salt=_unb64(data["salt"]),
            nonce=_unb64(data["nonce"]),
            wrapped=_unb64(data["wrapped"]),
            updated_at=str(data["updated_at"]),
        )


def _aad(vault_id: str, slot: str, kind: str, account_id: str | None) -> bytes:
    return f"{FORMAT}|{vault_id}|{slot}|{kind}|{account_id or ''}".encode()


def _wrap(
    master: bytes,
    secret: str,
    params: KdfParams,
    *,
    vault_id: str,
    kind: str,
    account_id: str | None,
    label: str | None,
) -> Slot:
    slot_id = uuid.uuid4().hex
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    wrapping_key = derive_key(secret, salt, params)
    wrapped = AESGCM(wrapping_key).encrypt(nonce, master, _aad(vault_id, slot_id, kind, account_id))
    return Slot(slot_id, kind, account_id, label, params, salt, nonce, wrapped, _now())


def _unwrap(slot: Slot, secret: str, vault_id: str) -> bytes | None:
    wrapping_key = derive_key(secret, slot.salt, slot.kdf)
    try:
        return AESGCM(wrapping_key).decrypt(
            slot.nonce, slot.wrapped, _aad(vault_id, slot.id, slot.kind, slot.account_id)
        )
    except InvalidTag:
        return None


@dataclass(frozen=True)
class KeySlots:
    """The content of the key-slot file. Methods return new values; ``save`` writes one."""

    vault_id: str
    slots: tuple[Slot, ...]

    @classmethod
    def new(cls) -> KeySlots:
        return cls(vault_id=uuid.uuid4().hex, slots=())

    # -- reading and writing -------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> KeySlots:
        return cls.parse(read_raw(path), path.name)

    @classmethod
    def parse(cls, raw: bytes, name: str) -> KeySlots:
        data = parse_document(raw, name)
        try:
            slots = tuple(Slot.from_json(item) for item in data["slots"])
            vault_id = str(data["vault_id"])
        except (ValueError, KeyError, TypeError, AttributeError):
            raise KeySlotsDamaged(name) from None
        return cls(vault_id=vault_id, slots=slots)

    def serialise(self) -> bytes:
        data = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "slots": [slot.to_json() for slot in self.slots],
        }
        return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")

    def save(self, path: Path) -> None:
        atomic_write(path, self.serialise())

    # -- questions -------------------------------------------------------------------------

    def accounts(self) -> list[tuple[str, str]]:
        """(account id, display name) of every password slot, in the order they were added."""
        return [
            (slot.account_id, slot.label or "")
            for slot in self.slots
            if slot.kind == PASSWORD and slot.account_id is not None
        ]

    def has_recovery(self) -> bool:
        return any(slot.kind == RECOVERY for slot in self.slots)

    def _account_slot(self, account_id: str) -> Slot:
        for slot in self.slots:
            if slot.kind == PASSWORD and slot.account_id == account_id:
                return slot
        raise AccountNotFound(account_id)

    # -- unlocking -------------------------------------------------------------------------

    def unlock_with_password(self, account_id: str, password: str) -> bytes:
        master = _unwrap(self._account_slot(account_id), password, self.vault_id)
        if master is None:
            raise WrongPassword
        return master

    def unlock_with_recovery(self, recovery_key: str) -> bytes:
        key = normalise_recovery_key(recovery_key)
        for slot in self.slots:
            if slot.kind == RECOVERY:
                master = _unwrap(slot, key, self.vault_id)
                if master is not None:
                    return master
        raise WrongRecoveryKey

    # -- changes -----------------------------------------------------------------------------

    def with_password(
        self, master: bytes, account_id: str, label: str, password: str, params: KdfParams
    ) -> KeySlots:
        """A new or replaced slot for ``account_id``; other slots are kept as they are."""
        slot = _wrap(
            master,
            password,
            params,
            vault_id=self.vault_id,
            kind=PASSWORD,
            account_id=account_id,
            label=label,
        )
        kept = tuple(
            s for s in self.slots if not (s.kind == PASSWORD and s.account_id == account_id)
        )
        position = next(
            (
                i
                for i, s in enumerate(self.slots)
                if s.kind == PASSWORD and s.account_id == account_id
            ),
            len(kept),
        )
        return replace(self, slots=(*kept[:position], slot, *kept[position:]))

    def with_label(self, account_id: str, label: str) -> KeySlots:
        self._account_slot(account_id)
        return replace(
            self,
            slots=tuple(
                replace(s, label=label) if s.kind == PASSWORD and s.account_id == account_id else s
                for s in self.slots
            ),
        )

    def without_account(self, account_id: str) -> KeySlots:
        self._account_slot(account_id)
        return replace(
            self,
            slots=tuple(
                s for s in self.slots if not (s.kind == PASSWORD and s.account_id == account_id)
            ),
        )

    def with_recovery(self, master: bytes, recovery_key: str, params: KdfParams) -> KeySlots:
        """Replace every recovery slot with one for ``recovery_key`` (old cards stop working)."""
        slot = _wrap(
            master,
            normalise_recovery_key(recovery_key),
            params,
            vault_id=self.vault_id,
            kind=RECOVERY,
            account_id=None,
            label=None,
        )
        return replace(self, slots=(*(s for s in self.slots if s.kind != RECOVERY), slot))
