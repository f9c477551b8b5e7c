"""The vault's database file, opened and checked before anything in it may change.

The key is already known good (the key slot's AEAD said so); what is left is the file: empty
or cut short, another kind of file, pages that do not decrypt, a schema newer than this
program. Each is refused with its own message, and nothing is written while looking.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import sqlcipher3

from bk_desktop.storage import migrations
from bk_desktop.storage.database import Database, connect_raw
from bk_desktop.storage.error_sorting import sort_os_error, sort_sqlite_error
from bk_desktop.storage.errors import NotAVault, NoVault, VaultDamaged

PAGE_SIZE = 4096
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


def _refuse_unreadable(path: Path, head: bytes, detail: str) -> NoReturn:
    if any(head.startswith(sig) for sig in _PLAIN_SIGNATURES) or _looks_like_text(head):
        raise NotAVault(path.name)
    raise VaultDamaged(path.name, detail)


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
            _refuse_unreadable(path, head, "halaman pertama tidak terbaca")
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
