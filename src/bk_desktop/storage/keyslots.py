"""Key slots: the master key, wrapped once per password and once by the recovery key.

The idea is LUKS's: the database is encrypted with a random master key that never changes;
each slot stores that key encrypted (AES-256-GCM) under a key derived from one secret. Changing
a password rewrites one slot; the database is not touched. The slot file is replaced atomically,
so an interrupted change leaves the old or the new slot, never neither.

The associated data of each wrap binds it to its vault and slot, so a slot copied from another
vault or moved to another account does not unlock anything.

Format 2 adds, per slot:

- ``checksum``: SHA-256 of the slot (and the vault id). One flipped bit in the file used to read
  as "wrong password" and count towards the delay; now it is named as damage, and only that
  slot is lost (the recovery slot or another account still opens the vault).
- ``label_tag``: an HMAC of the display name under a key derived from the master key. The name
  cannot be in the AEAD's associated data, because a koordinator renames accounts whose
  passwords they do not know; so it is checked at every unlock instead, and a name that fails
  is put back from the vault's own account table (``Vault``).
- ``password_form``: ``nfc`` when the password was normalised (Unicode NFC) before derivation,
  so the same password typed on another keyboard or system opens the slot; ``raw`` for slots
  carried over from format 1, rewrapped as ``nfc`` at their account's next sign-in.

Format-1 files and backups keep opening and are rewritten as format 2 at the next successful
unlock; KDF parameters outside sane bounds are damage (``kdf.KdfParams.from_json``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import unicodedata
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bk_desktop.files.atomic import atomic_write
from bk_desktop.storage.errors import (
    AccountNotFound,
    KeySlotDamaged,
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
    slot_checksum,
)

NFC = "nfc"
RAW = "raw"

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


def normalise_password(password: str, form: str) -> str:
    """The password as the slot's key was derived from it (NFC for every new slot)."""
    return unicodedata.normalize("NFC", password) if form == NFC else password


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
    password_form: str = NFC
    label_tag: bytes = b""

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
            "password_form": self.password_form,
            "label_tag": _b64(self.label_tag),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], *, version: int) -> Slot:
        if version >= 2:
            form = str(data["password_form"])
            if form not in (NFC, RAW):
                raise ValueError("unknown password form")
            tag = _unb64(data["label_tag"])
        else:
            form, tag = RAW, b""
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
            password_form=form,
            label_tag=tag,
        )


@dataclass(frozen=True)
class DamagedSlot:
    """A slot that failed its checksum or could not be read; kept in the file as it was."""

    raw: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.raw.get("kind", ""))

    @property
    def account_id(self) -> str | None:
        value = self.raw.get("account_id")
        return None if value is None else str(value)

    @property
    def label(self) -> str:
        return str(self.raw.get("label") or "")


def _label_key(master: bytes) -> bytes:
    return hmac.new(master, b"bk-desktop|label-key", hashlib.sha256).digest()


def _label_tag(master: bytes, vault_id: str, slot: Slot, label: str | None) -> bytes:
    message = f"{vault_id}|{slot.id}|{slot.kind}|{slot.account_id or ''}|{label or ''}"
    return hmac.new(_label_key(master), message.encode("utf-8"), hashlib.sha256).digest()


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
    wrapping_key = derive_key(normalise_password(secret, NFC), salt, params)
    wrapped = AESGCM(wrapping_key).encrypt(nonce, master, _aad(vault_id, slot_id, kind, account_id))
    slot = Slot(slot_id, kind, account_id, label, params, salt, nonce, wrapped, _now(), NFC)
    return replace(slot, label_tag=_label_tag(master, vault_id, slot, label))


def _unwrap(slot: Slot, secret: str, vault_id: str) -> bytes | None:
    wrapping_key = derive_key(normalise_password(secret, slot.password_form), slot.salt, slot.kdf)
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
    damaged: tuple[DamagedSlot, ...] = ()
    version: int = FORMAT_VERSION
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    """Top-level fields kept as they are (the failed-unlock count, ``failures``)."""

    @classmethod
    def new(cls) -> KeySlots:
        return cls(vault_id=uuid.uuid4().hex, slots=())

    # -- reading and writing -------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> KeySlots:
        return cls.parse(read_raw(path), path.name)

    @classmethod
    def parse(cls, raw: bytes, name: str) -> KeySlots:
        """Read the file; a slot that fails its checksum or cannot be read is kept as damaged,
        so the others still open the vault."""
        data = parse_document(raw, name)
        try:
            vault_id = str(data["vault_id"])
            version = int(data["version"])
        except (ValueError, KeyError, TypeError):
            raise KeySlotsDamaged(name) from None
        slots: list[Slot] = []
        damaged: list[DamagedSlot] = []
        for item in data["slots"]:
            if not isinstance(item, dict):
                damaged.append(DamagedSlot({}))
                continue
            try:
                if version >= 2 and item.get("checksum") != slot_checksum(vault_id, item):
                    raise ValueError("checksum")
                slots.append(Slot.from_json(item, version=version))
            except (ValueError, KeyError, TypeError, AttributeError):
                damaged.append(DamagedSlot(item))
        extra = {
            k: v for k, v in data.items() if k not in {"format", "version", "vault_id", "slots"}
        }
        return cls(vault_id, tuple(slots), tuple(damaged), version, extra)

    def serialise(self) -> bytes:
        items: list[dict[str, Any]] = []
        for slot in self.slots:
            item = slot.to_json()
            item["checksum"] = slot_checksum(self.vault_id, item)
            items.append(item)
        items += [d.raw for d in self.damaged if d.raw]
        data = {
            **self.extra,
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "slots": items,
        }
        return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")

    def save(self, path: Path) -> None:
        atomic_write(path, self.serialise())

    # -- questions -------------------------------------------------------------------------

    def accounts(self) -> list[tuple[str, str]]:
        """(account id, display name) of every password slot, in the order they were added.

        A damaged slot whose account can still be read is listed too, so choosing it says
        that its key is damaged rather than that the account does not exist.
        """
        found = [
            (slot.account_id, slot.label or "")
            for slot in self.slots
            if slot.kind == PASSWORD and slot.account_id is not None
        ]
        known = {a for a, _ in found}
        found += [
            (d.account_id, d.label)
            for d in self.damaged
            if d.kind == PASSWORD and d.account_id is not None and d.account_id not in known
        ]
        return found

    def has_recovery(self) -> bool:
        return any(slot.kind == RECOVERY for slot in self.slots)

    def _account_slot(self, account_id: str) -> Slot:
        for slot in self.slots:
            if slot.kind == PASSWORD and slot.account_id == account_id:
                return slot
        for damaged in self.damaged:
            if damaged.kind == PASSWORD and damaged.account_id == account_id:
                raise KeySlotDamaged(damaged.label or account_id)
        raise AccountNotFound(account_id)

    def needs_upgrade(self, master: bytes) -> bool:
        """Whether the file is older than this format or a name fails its tag."""
        return self.version < FORMAT_VERSION or bool(self.untrusted_labels(master))

    def untrusted_labels(self, master: bytes) -> list[str]:
        """Account ids of password slots whose display name fails its tag (or has none)."""
        return [
            slot.account_id
            for slot in self.slots
            if slot.kind == PASSWORD
            and slot.account_id is not None
            and not hmac.compare_digest(
                slot.label_tag, _label_tag(master, self.vault_id, slot, slot.label)
            )
        ]

    def password_form(self, account_id: str) -> str:
        return self._account_slot(account_id).password_form

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
        if not self.has_recovery() and any(d.kind == RECOVERY for d in self.damaged):
            raise KeySlotDamaged("kunci pemulihan")
        raise WrongRecoveryKey

    # -- changes -----------------------------------------------------------------------------

    def _without_account(self, account_id: str) -> tuple[tuple[Slot, ...], tuple[DamagedSlot, ...]]:
        slots = tuple(
            s for s in self.slots if not (s.kind == PASSWORD and s.account_id == account_id)
        )
        damaged = tuple(
            d for d in self.damaged if not (d.kind == PASSWORD and d.account_id == account_id)
        )
        return slots, damaged

    def with_password(
        self, master: bytes, account_id: str, label: str, password: str, params: KdfParams
    ) -> KeySlots:
        """A new or replaced slot for ``account_id`` (a damaged one too); others are kept."""
        slot = _wrap(
            master,
            password,
            params,
            vault_id=self.vault_id,
            kind=PASSWORD,
            account_id=account_id,
            label=label,
        )
        kept, damaged = self._without_account(account_id)
        position = next(
            (
                i
                for i, s in enumerate(self.slots)
                if s.kind == PASSWORD and s.account_id == account_id
            ),
            len(kept),
        )
        return replace(self, slots=(*kept[:position], slot, *kept[position:]), damaged=damaged)

    def with_label(self, master: bytes, account_id: str, label: str) -> KeySlots:
        self._account_slot(account_id)
        return replace(
            self,
            slots=tuple(
                replace(s, label=label, label_tag=_label_tag(master, self.vault_id, s, label))
                if s.kind == PASSWORD and s.account_id == account_id
                else s
                for s in self.slots
            ),
        )

    def upgraded(self, master: bytes, names: dict[str, str]) -> KeySlots:
        """Every slot in this format, each name tagged; a name that failed its tag is taken
        from ``names`` (account id → name, from the vault's own account table)."""
        untrusted = set(self.untrusted_labels(master)) if self.version >= 2 else set()
        slots = []
        for slot in self.slots:
            label = slot.label
            if slot.account_id in untrusted and slot.account_id in names:
                label = names[slot.account_id]
            tag = _label_tag(master, self.vault_id, slot, label)
            slots.append(replace(slot, label=label, label_tag=tag))
        return replace(self, slots=tuple(slots), version=FORMAT_VERSION)

    def without_account(self, account_id: str) -> KeySlots:
        slots, damaged = self._without_account(account_id)
        if (slots, damaged) == (self.slots, self.damaged):
            raise AccountNotFound(account_id)
        return replace(self, slots=slots, damaged=damaged)

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
        return replace(
            self,
            slots=(*(s for s in self.slots if s.kind != RECOVERY), slot),
            damaged=tuple(d for d in self.damaged if d.kind != RECOVERY),
        )

    def with_extra(self, **fields: Any) -> KeySlots:
        return replace(self, extra={**self.extra, **fields})
