"""The vault's database file, opened and checked before anything in it may change.

The key is already known good (the key slot's AEAD said so); what is left is the file: empty
or cut short, another kind of file, pages that do not decrypt, a schema newer than this
program. Each is refused with its own message, and nothing is written while looking.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import NoReturn

import sqlcipher3

from bk_desktop.storage import migrations
from bk_desktop.storage.database import Database, connect_raw
from bk_desktop.storage.error_sorting import sort_os_error, sort_sqlite_error
from bk_desktop.storage.errors import KeysOfAnotherVault, NotAVault, NoVault, VaultDamaged

PAGE_SIZE = 4096
# SQLCipher 4's page layout and HMAC key (https://www.zetetic.net/sqlcipher/design/): a 16-byte
# salt opens the file; each page ends in a 16-byte IV and a 64-byte HMAC-SHA512 of the page's
# ciphertext, IV and number, keyed by PBKDF2-SHA512 (2 rounds) of the key and the salt ^ 0x3a.
_SALT_BYTES = 16
_HMAC_BYTES = 64
_HMAC_KDF_ROUNDS = 2
_PAGES_TRIED = 16
_PLAIN_SIGNATURES = (
    b"SQLite format 3\x00",
    b"PK\x03\x04",
    b"%PDF",
    b"\x89PNG",
    b"\xd0\xcf\x11\xe0",
)


def _inspect_file(path: Path) -> bytes:
    """Refuse empty or cut-short files before any key is tried; returns the first bytes.

    A vault's first bytes are a random salt, so a familiar signature alone proves nothing:
    it is only used to name the problem once the file has failed to decrypt.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(64)
    except FileNotFoundError:
        raise NoVault(str(path.parent)) from None
    except OSError as error:
        sorted_error = sort_os_error(error, str(path.parent))
        if sorted_error is error:
            raise
        raise sorted_error from error
    if size == 0:
        raise VaultDamaged(path.name, "berkas kosong")
    if size % PAGE_SIZE:
        _refuse_unreadable(path, head, "ukurannya terpotong")
    return head


def _refuse_unreadable(
    path: Path, head: bytes, detail: str, master_key: bytes | None = None
) -> NoReturn:
    if any(head.startswith(sig) for sig in _PLAIN_SIGNATURES) or _looks_like_text(head):
        raise NotAVault(path.name)
    if master_key is not None and not _any_page_authenticates(path, master_key):
        raise KeysOfAnotherVault(path.name)
    raise VaultDamaged(path.name, detail)


def _any_page_authenticates(path: Path, master_key: bytes) -> bool:
    """Whether any of the first pages carries a valid HMAC under ``master_key``.

    Damage spoils some pages; a key from another vault's key file spoils every one. So when
    page 1 does not open, this tells "the key file belongs to another vault" from damage.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(PAGE_SIZE * _PAGES_TRIED)
    except OSError:
        return True  # cannot tell: call it damage, the cautious answer
    salt = bytes(b ^ 0x3A for b in data[:_SALT_BYTES])
    hmac_key = hashlib.pbkdf2_hmac("sha512", master_key, salt, _HMAC_KDF_ROUNDS, 32)
    for index in range(len(data) // PAGE_SIZE):
        page = data[index * PAGE_SIZE : (index + 1) * PAGE_SIZE]
        body = page[_SALT_BYTES if index == 0 else 0 : PAGE_SIZE - _HMAC_BYTES]
        number = (index + 1).to_bytes(4, "little")
        mac = hmac.new(hmac_key, body + number, hashlib.sha512).digest()
        if hmac.compare_digest(mac, page[PAGE_SIZE - _HMAC_BYTES :]):
            return True
    return False


def _looks_like_text(head: bytes) -> bool:
    return len(head) > 0 and all(32 <= b < 127 or b in b"\r\n\t" for b in head)


def open_database(
    path: Path, master_key: bytes, *, check: bool = True, supported: int | None = None
) -> Database:
    """Open and check a vault database with its master key, changing nothing in it.

    ``supported`` is the newest schema version accepted (default: the shipped steps').
    """
    head = _inspect_file(path)
    try:
        conn = connect_raw(path, master_key)
    except sqlcipher3.Error as error:
        sorted_error = sort_sqlite_error(error, path)
        raise (VaultDamaged(path.name) if sorted_error is error else sorted_error) from error
    db = Database(conn, path)
    try:
        try:
            db.scalar("SELECT count(*) FROM sqlite_master")
        except (sqlcipher3.DatabaseError, VaultDamaged):
            _refuse_unreadable(path, head, "halaman pertama tidak terbaca", master_key)
        if check:
            try:
                problems = db.integrity_problems()
            except (sqlcipher3.DatabaseError, VaultDamaged) as error:
                raise VaultDamaged(path.name, "ada halaman yang rusak") from error
            if problems:
                raise VaultDamaged(path.name, "ada halaman yang rusak")
        migrations.ensure_supported(db, supported)
    except BaseException:
        db.close()
        raise
    return db
