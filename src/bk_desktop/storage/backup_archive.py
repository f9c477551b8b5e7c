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
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bk_desktop.domain.dates import INDONESIAN_ZONES, zone_abbreviation
from bk_desktop.files.atomic import (
    create_private,
    ensure_private_dir,
    fsync_dir,
    restrict_file,
    scratch_files,
    scratch_name,
)
from bk_desktop.storage import erasure_repo
from bk_desktop.storage.disk_space import require_free
from bk_desktop.storage.error_sorting import sort_os_error, sorted_os_errors
from bk_desktop.storage.errors import (
    BackupInvalid,
    KeySlotsDamaged,
    NewerVersion,
    VaultError,
)
from bk_desktop.storage.keyslots import KeySlots
from bk_desktop.storage.vault_file import open_database

if TYPE_CHECKING:
    from bk_desktop.storage.vault import Vault

FORMAT = "bk-desktop-backup"
FORMAT_VERSION = 2
"""2: the key file inside is key-slot format 2, so a program that reads only format 1 says
the backup is from a newer version instead of calling its key file damaged. 1 is still read."""
SUFFIX = ".bkbak"
_MANIFEST = "manifest.json"
_KEYS = "bk-desktop.keys"
_DATABASE = "bk-desktop.vault"
_LEDGER = erasure_repo.LEDGER_FILE
"""The erasure ledger (``storage/erasure_repo.py``): ids and random tokens only, with the vault
id and a MAC, so a restore of an older backup can apply every erasure made before this one.
An optional member: older backups lack it, and older programs ignore it."""
_LEDGER_MAX = 64 << 20
_CHUNK = 1 << 20

SCRATCH_STEM = "bk-desktop.backup"
"""Scratch copies made while backing up or checking a backup live in the data folder under
``.bk-desktop.backup.*.tmp``, a name the vault's own start-up clean-up removes."""
_ARCHIVE_STEM = "bkbak"
# Scratch files an interrupted backup can leave in a backup folder, by this version
# (``.bkbak.*``) and by older ones (``.db.*``, ``.verify.*``), with SQLite's sidecars.
_STALE_SCRATCH = re.compile(r"^\.(db|bkbak|verify)\.[0-9a-f]{8}\.tmp(-journal|-wal|-shm)?$")


@dataclass(frozen=True)
class BackupContents:
    manifest: dict[str, Any]
    slots: KeySlots
    slots_bytes: bytes
    database: bytes

    @property
    def created_at(self) -> str:
        return str(self.manifest.get("created_at", ""))


def stamp(moment: datetime, zone: ZoneInfo) -> str:
    """The school's wall-clock time in a backup's file name, with its zone: ``20261129-0830-WITA``.

    A guru looks for "the backup of 3 December" by the date on the school's clock; a UTC name
    is a different day for the first hours of every morning in WITA and WIT.
    """
    local = moment.astimezone(zone)
    return f"{local:%Y%m%d-%H%M}-{zone_abbreviation(zone)}"


def backup_path(folder: Path, prefix: str, moment: datetime, zone: ZoneInfo) -> Path:
    """``folder/<prefix>-<stamp>.bkbak``, or ``…-2.bkbak`` and on when that name is taken.

    Names carry minutes only, so two backups in one minute get a counter instead of one
    replacing the other.
    """
    base = f"{prefix}-{stamp(moment, zone)}"
    path = folder / f"{base}{SUFFIX}"
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{base}-{number}{SUFFIX}"
    return path


# Zones a backup name can carry: Indonesia's three, and UTC for files named where the school's
# zone is unknown (the folder a damaged vault is kept in).
_NAME_ZONES = {zone_abbreviation(key): ZoneInfo(key) for key, _ in INDONESIAN_ZONES} | {
    "UTC": ZoneInfo("UTC")
}
_ZONED_NAME = re.compile(
    r"^[a-z0-9-]+?-(?P<day>\d{8})-(?P<time>\d{4})-(?P<zone>[A-Z]+)(?:-\d+)?"
    + re.escape(SUFFIX)
    + "$"
)
# Older names held the UTC time with seconds and no zone: otomatis-20261129-003000.bkbak.
_UTC_NAME = re.compile(r"^[a-z0-9-]+-(?P<stamp>\d{8}-\d{6})" + re.escape(SUFFIX) + "$")


def time_in_name(name: str) -> datetime | None:
    """The instant a backup's file name says it was made (aware, UTC), or None.

    Zoned names are read in their zone; older names without one are read as UTC, which is
    what they were written in. Names the program did not make give None.
    """
    zoned = _ZONED_NAME.match(name)
    if zoned and zoned["zone"] in _NAME_ZONES:
        try:
            local = datetime.strptime(zoned["day"] + zoned["time"], "%Y%m%d%H%M")
        except ValueError:
            return None
        return local.replace(tzinfo=_NAME_ZONES[zoned["zone"]]).astimezone(UTC)
    old = _UTC_NAME.match(name)
    if old:
        try:
            return datetime.strptime(old["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        except ValueError:
            return None
    return None


def remove_stale_scratch(folder: Path) -> list[Path]:
    """Delete the scratch files an interrupted backup left in ``folder``; returns them.

    Only names this program makes are touched. Some of them are complete backups in all but
    name, so they must not pile up on a USB stick.
    """
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        if _STALE_SCRATCH.match(entry.name):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


def _vault_bytes(vault: Vault) -> int:
    """An upper bound of the copy's size: the database file and its journal."""
    total = 0
    for path in (vault.paths.database, *vault.paths.sidecars()):
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_backup(vault: Vault, destination: Path, *, created_at: datetime) -> Path:
    """Write a verified backup of ``vault`` to ``destination`` (a file path ending .bkbak).

    The database is copied with SQLite's online backup API into a scratch file in the vault's
    own data folder and checked there (it decrypts, every page is sound); the archive is
    written under a scratch name in the destination folder, its copy of the database compared
    by checksum with the checked one, and only then renamed to its final name. So a failed or
    interrupted backup never leaves a file that looks like a good one, the destination only
    ever receives one copy's worth of bytes, and a full disk is refused before anything is
    written, with the space needed. Every scratch file is owner-only from its first byte.
    """
    folder = destination.parent
    data_folder = vault.paths.folder
    size = _vault_bytes(vault)
    with sorted_os_errors(folder):
        ensure_private_dir(folder)
        remove_stale_scratch(folder)
    require_free({data_folder: size, folder: size})
    db_copy = scratch_name(data_folder, SCRATCH_STEM)
    archive = scratch_name(folder, _ARCHIVE_STEM)
    with scratch_files(db_copy, archive):
        with sorted_os_errors(data_folder):
            create_private(db_copy).close()
        vault.db.backup_to(db_copy, vault.master_key)
        try:
            open_database(db_copy, vault.master_key).close()
        except VaultError as error:
            raise BackupInvalid(destination.name, "salinan tidak lolos pemeriksaan") from error
        with sorted_os_errors(data_folder):
            database_sha256 = _sha256_of(db_copy)
            database_bytes = db_copy.stat().st_size
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "vault_id": vault.vault_id,
            "schema_version": int(vault.db.scalar("PRAGMA user_version")),
            "database_sha256": database_sha256,
            "database_bytes": database_bytes,
        }
        ledger = _ledger_of(vault)
        with sorted_os_errors(folder):
            with create_private(archive) as handle:
                _write_archive(handle, manifest, vault.slots.serialise(), db_copy, ledger)
                handle.flush()
                os.fsync(handle.fileno())
            written = read_backup(archive)
            if written.manifest.get("database_sha256") != database_sha256:
                raise BackupInvalid(destination.name, "salinan di cadangan tidak utuh")
            restrict_file(archive)
            archive.replace(destination)
            fsync_dir(folder)
    return destination


def _ledger_of(vault: Vault) -> bytes | None:
    """The vault's erasure ledger as the archive carries it; None before schema step 19 (a
    backup made before an update) or while nothing was ever erased."""
    db = vault.db
    if not db.scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' "
        "AND name = 'erasure_ledger')"
    ):
        return None
    found = erasure_repo.entries(db)
    if not found:
        return None
    return erasure_repo.ledger_bytes(vault.vault_id, found, vault.master_key)


def _write_archive(
    handle: IO[bytes],
    manifest: dict[str, Any],
    slots_bytes: bytes,
    database: Path,
    ledger: bytes | None = None,
) -> None:
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr(_MANIFEST, json.dumps(manifest, indent=2))
        zf.writestr(_KEYS, slots_bytes)
        zf.write(database, _DATABASE)
        if ledger is not None:
            zf.writestr(_LEDGER, ledger)


def read_ledger_member(path: Path) -> bytes | None:
    """The erasure ledger inside a backup, without reading its database; None when the file
    is no readable backup or has no ledger. Its content is checked by whoever applies it
    (``erasure_repo.parse_ledger``: vault id and MAC)."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(_LEDGER)
            if info.compress_type != zipfile.ZIP_STORED or info.file_size > _LEDGER_MAX:
                return None
            return zf.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return None


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


def verify_backup(path: Path, master_key: bytes, scratch_folder: Path) -> BackupContents:
    """Open the backup's database with ``master_key`` and run the integrity checks.

    The database is unpacked for the check into ``scratch_folder`` — the data folder, never the
    backup's own folder, which may be a CD, a write-protected stick or a read-only share — and
    removed afterwards. It is the same ciphertext that is inside the backup.
    """
    contents = read_backup(path)
    with sorted_os_errors(scratch_folder):
        ensure_private_dir(scratch_folder)
    require_free({scratch_folder: len(contents.database)})
    scratch = scratch_name(scratch_folder, SCRATCH_STEM)
    with scratch_files(scratch):
        with sorted_os_errors(scratch_folder), create_private(scratch) as handle:
            handle.write(contents.database)
        try:
            db = open_database(scratch, master_key)
        except NewerVersion:
            raise BackupInvalid(
                path.name,
                "dibuat oleh versi bk-desktop yang lebih baru; pasang versi terbaru untuk "
                "memulihkannya",
            ) from None
        except VaultError as error:
            raise BackupInvalid(path.name, "isinya tidak lolos pemeriksaan") from error
        db.close()
    return contents
