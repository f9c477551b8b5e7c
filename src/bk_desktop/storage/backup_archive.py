"""Backup files: the encrypted database and its key slots in one ``.bkbak`` file.

A backup is a zip (stored, not compressed: the content is ciphertext) holding a manifest, the
key-slot file and a copy of the database made with SQLite's online backup API. It opens with
the same passwords or recovery key as the vault it came from. Nothing in it is plaintext but
the manifest (dates, versions, a checksum) and the account names of the key slots.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bk_desktop.files.atomic import ensure_private_dir, fsync_dir, restrict_file
from bk_desktop.storage.error_sorting import sort_os_error
from bk_desktop.storage.errors import BackupInvalid, KeySlotsDamaged, VaultError
from bk_desktop.storage.keyslots import KeySlots
from bk_desktop.storage.vault_file import open_database

if TYPE_CHECKING:
    from bk_desktop.storage.vault import Vault

FORMAT = "bk-desktop-backup"
FORMAT_VERSION = 1
SUFFIX = ".bkbak"
_MANIFEST = "manifest.json"
_KEYS = "bk-desktop.keys"
_DATABASE = "bk-desktop.vault"


@dataclass(frozen=True)
class BackupContents:
    manifest: dict[str, Any]
    slots: KeySlots
    slots_bytes: bytes
    database: bytes

    @property
    def created_at(self) -> str:
        return str(self.manifest.get("created_at", ""))


def stamp(moment: datetime) -> str:
    """The UTC time in a backup's file name: ``20261129-003000``."""
    return moment.astimezone(UTC).strftime("%Y%m%d-%H%M%S")


def _scratch_name(folder: Path, stem: str) -> Path:
    return folder / f".{stem}.{secrets.token_hex(4)}.tmp"


def write_backup(vault: Vault, destination: Path, *, created_at: datetime) -> Path:
    """Write a verified backup of ``vault`` to ``destination`` (a file path ending .bkbak).

    The copy is made into a scratch file in the destination folder (ciphertext only), zipped
    into another scratch file, verified by opening it with the vault's key, and only then
    renamed to its final name: a failed or interrupted backup never leaves a file that looks
    like a good one.
    """
    folder = destination.parent
    ensure_private_dir(folder)
    db_copy = _scratch_name(folder, "db")
    archive = _scratch_name(folder, "bkbak")
    try:
        vault.db.backup_to(db_copy, vault.master_key)
        database = db_copy.read_bytes()
        slots_bytes = vault.slots.serialise()
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "vault_id": vault.vault_id,
            "schema_version": int(vault.db.scalar("PRAGMA user_version")),
            "database_sha256": hashlib.sha256(database).hexdigest(),
            "database_bytes": len(database),
        }
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr(_MANIFEST, json.dumps(manifest, indent=2))
            zf.writestr(_KEYS, slots_bytes)
            zf.writestr(_DATABASE, database)
        with archive.open("rb+") as handle:
            handle.flush()
            os.fsync(handle.fileno())
        verify_backup(archive, vault.master_key)
        restrict_file(archive)
        archive.replace(destination)
        fsync_dir(folder)
    finally:
        for scratch in (db_copy, archive):
            with contextlib.suppress(FileNotFoundError):
                scratch.unlink()
    return destination


def read_backup(path: Path) -> BackupContents:
    """Read and check the structure of a backup file (not yet its encryption)."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if not {_MANIFEST, _KEYS, _DATABASE} <= names:
                raise BackupInvalid(name, "isinya tidak lengkap")
            # Written stored (ciphertext does not compress): a member that would unpack to
            # more than it occupies in the file is a zip bomb, refused before it is read.
            members = [zf.getinfo(member) for member in (_MANIFEST, _KEYS, _DATABASE)]
            if (
                any(
                    m.compress_type != zipfile.ZIP_STORED or m.file_size != m.compress_size
                    for m in members
                )
                or sum(m.compress_size for m in members) > path.stat().st_size
            ):
                raise BackupInvalid(name, "isinya lebih besar dari berkasnya sendiri")
            manifest = json.loads(zf.read(_MANIFEST).decode("utf-8"))
            slots_bytes = zf.read(_KEYS)
            database = zf.read(_DATABASE)
    except FileNotFoundError:
        raise BackupInvalid(name, "berkas tidak ditemukan") from None
    except OSError as error:
        # A refused or unplugged drive is said as such; any other read failure means the
        # file itself is not a readable backup.
        sorted_error = sort_os_error(error, str(path.parent))
        if sorted_error is not error:
            raise sorted_error from None
        raise BackupInvalid(name, "bukan berkas cadangan bk-desktop atau sudah rusak") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise BackupInvalid(name, "bukan berkas cadangan bk-desktop atau sudah rusak") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupInvalid(name, "bukan berkas cadangan bk-desktop")
    if int(manifest.get("version", 0)) > FORMAT_VERSION:
        raise BackupInvalid(name, "dibuat oleh versi bk-desktop yang lebih baru")
    if hashlib.sha256(database).hexdigest() != manifest.get("database_sha256"):
        raise BackupInvalid(name, "isinya tidak utuh (checksum tidak cocok)")
    try:
        slots = KeySlots.parse(slots_bytes, name)
    except KeySlotsDamaged:
        raise BackupInvalid(name, "berkas kuncinya rusak") from None
    return BackupContents(manifest, slots, slots_bytes, database)


def verify_backup(path: Path, master_key: bytes) -> BackupContents:
    """Open the backup's database with ``master_key`` and run the integrity checks.

    The database is written to a scratch file beside the backup for the check; it is the
    same ciphertext that is inside the backup, and it is removed afterwards.
    """
    contents = read_backup(path)
    scratch = _scratch_name(path.parent, "verify")
    try:
        scratch.write_bytes(contents.database)
        restrict_file(scratch)
        try:
            db = open_database(scratch, master_key)
        except VaultError as error:
            raise BackupInvalid(path.name, "isinya tidak lolos pemeriksaan") from error
        db.close()
    finally:
        for leftover in (scratch, *(scratch.with_name(scratch.name + s) for s in ("-wal", "-shm"))):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    return contents
