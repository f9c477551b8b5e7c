"""The vault: one SQLCipher file, its key slots, and the lock that makes it ours.

Opening is careful to change nothing until the file is known to be a healthy vault of a version
we understand: the key is checked by the slot's AEAD, the file's first bytes and size are
looked at, every page is read by ``quick_check``, and only then are WAL mode and migrations
applied. Every refusal therefore leaves the files byte-for-byte as they were.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlcipher3

from bk_desktop.domain.clock import Clock, SystemClock
from bk_desktop.domain.settings import ALLOWED_ZONES, DEFAULT_ZONE
from bk_desktop.files.atomic import (
    atomic_write,
    ensure_private_dir,
    fsync_dir,
    is_read_only,
    restrict_file,
)
from bk_desktop.storage import accounts_repo, backup_archive, migrations, settings_repo
from bk_desktop.storage.database import Database, connect_raw
from bk_desktop.storage.disk_space import require_free
from bk_desktop.storage.error_sorting import sort_os_error, sorted_os_errors
from bk_desktop.storage.errors import (
    BackupBeforeUpdateFailed,
    NoVault,
    ReadOnlyVault,
    VaultError,
    VaultExists,
    WrongPassword,
)
from bk_desktop.storage.instance_lock import InstanceLock
from bk_desktop.storage.kdf import KdfParams
from bk_desktop.storage.keyslot_file import FORMAT_VERSION
from bk_desktop.storage.keyslots import NFC, KeySlots, new_master_key, new_recovery_key
from bk_desktop.storage.migrations import Migration
from bk_desktop.storage.paths import VaultPaths as VaultPaths  # noqa: PLC0414 - re-exported from its old home
from bk_desktop.storage.vault_file import open_database
from bk_desktop.storage.wal_check import check_wal

BEFORE_UPDATE_PREFIX = "sebelum-pembaruan"


def finish_interrupted_restore(paths: VaultPaths, lock: InstanceLock) -> None:
    """Complete a restore whose commit marker was written, or discard one that was not.

    A restore stages the new database and key slots beside the vault, then writes the marker;
    the marker is the commit point. The WAL sidecars of the old database are removed first so
    that SQLite never replays the old journal onto the restored file. ``lock`` is checked to be
    still ours before the vault is replaced, and then locks the new file.
    """
    staged = [paths.staged_database, paths.staged_keyslots]
    if paths.restore_marker.exists():
        lock.check_held()
        for sidecar in paths.sidecars():
            with contextlib.suppress(FileNotFoundError):
                sidecar.unlink()
        if paths.staged_database.exists():
            paths.staged_database.replace(paths.database)
            lock.guard_vault_file()
        if paths.staged_keyslots.exists():
            paths.staged_keyslots.replace(paths.keyslots)
        fsync_dir(paths.folder)
        paths.restore_marker.unlink()
        fsync_dir(paths.folder)
    else:
        for leftover in staged:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _remove_new_empty_journal(paths: VaultPaths, before: list[Path]) -> None:
    """Remove the ``-wal``/``-shm`` a refused open made, when the journal holds nothing.

    SQLite makes both when it reads a WAL-mode file and removes them when it closes, unless
    the disk is full or read-only; a refusal must leave the folder as it found it.
    """
    wal, shm = paths.sidecars()
    if wal in before or shm in before:
        return
    try:
        if wal.exists() and wal.stat().st_size:
            return
        for sidecar in (wal, shm):
            with contextlib.suppress(FileNotFoundError):
                sidecar.unlink()
    except OSError:
        return


def _remove_stray_temp_files(folder: Path) -> None:
    """Temporary files of an interrupted atomic write or backup (ciphertext or wrapped keys
    only), here and in the vault's own backup folder."""
    for stray in folder.glob(".bk-desktop.*.tmp*"):
        with contextlib.suppress(OSError):
            stray.unlink()
    backup_archive.remove_stale_scratch(folder / "cadangan")


def restore_unopened(
    paths: VaultPaths, database: bytes, keyslots: bytes, keep_in: Path
) -> list[Path]:
    """Put a verified backup in place of a vault that cannot be opened (or is gone).

    Used when the vault is damaged, its key slots are lost, or the folder is empty (a new PC).
    Under the instance lock, whatever vault files are there are first copied byte for byte
    into ``keep_in`` (they are ciphertext; someone may still rescue them), then the backup is
    staged and committed exactly as an ordinary restore. Returns the copies kept.
    """
    with sorted_os_errors(paths.folder):
        ensure_private_dir(paths.folder)
    lock = InstanceLock(paths.lock, paths.database)
    lock.acquire()
    try:
        with sorted_os_errors(paths.folder):
            _remove_stray_temp_files(paths.folder)
            finish_interrupted_restore(paths, lock)
        present = [p for p in (paths.database, *paths.sidecars(), paths.keyslots) if p.exists()]
        keeping = sum(p.stat().st_size for p in present)
        require_free({paths.folder: keeping + len(database) + len(keyslots)})
        kept = _keep_copies(present, keep_in)
        try:
            with sorted_os_errors(paths.folder):
                atomic_write(paths.staged_database, database)
                atomic_write(paths.staged_keyslots, keyslots)
                atomic_write(paths.restore_marker, b"restore\n")
        except BaseException:
            finish_interrupted_restore(paths, lock)  # no marker: the staged files go
            raise
        finish_interrupted_restore(paths, lock)
    finally:
        lock.release()
    return kept


def _keep_copies(present: list[Path], keep_in: Path) -> list[Path]:
    """Copy the unusable vault's files into ``keep_in``; on failure remove what was made."""
    if not present:
        return []
    created = not keep_in.exists()
    kept: list[Path] = []
    try:
        with sorted_os_errors(keep_in.parent):
            ensure_private_dir(keep_in)
            for original in present:
                copy = keep_in / original.name
                atomic_write(copy, original.read_bytes())
                kept.append(copy)
    except BaseException:
        for copy in kept:
            with contextlib.suppress(OSError):
                copy.unlink()
        if created:
            with contextlib.suppress(OSError):
                keep_in.rmdir()
        raise
    return kept


class Vault:
    """An unlocked vault. ``close()`` drops the key and releases the instance lock."""

    def __init__(
        self, paths: VaultPaths, db: Database, slots: KeySlots, master: bytes, lock: InstanceLock
    ) -> None:
        self.paths = paths
        self.db = db
        self.slots = slots
        self._master: bytearray | None = bytearray(master)
        self._lock = lock

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        paths: VaultPaths,
        *,
        account_id: str,
        account_label: str,
        password: str,
        kdf: KdfParams,
        initialise: Callable[[Database], None] | None = None,
    ) -> tuple[Vault, str]:
        """Make a new vault; returns it (unlocked) and the recovery key to show once.

        The database is built under a temporary name and renamed into place only when it is
        complete, so an interrupted setup leaves no half-made vault to trip over.
        """
        ensure_private_dir(paths.folder)
        if paths.exists():
            raise VaultExists(str(paths.folder))
        lock = InstanceLock(paths.lock, paths.database)
        lock.acquire()
        try:
            master = new_master_key()
            recovery = new_recovery_key()
            slots = (
                KeySlots.new()
                .with_password(master, account_id, account_label, password, kdf)
                .with_recovery(master, recovery, kdf)
            )
            building = paths.folder / "bk-desktop.vault.creating"
            for stale in (
                building,
                *(building.with_name(building.name + s) for s in ("-wal", "-shm")),
            ):
                with contextlib.suppress(FileNotFoundError):
                    stale.unlink()
            db = Database(connect_raw(building, master), building)
            try:
                db.execute("PRAGMA journal_mode = DELETE")
                migrations.migrate(db)
                if initialise is not None:
                    with db.transaction():
                        initialise(db)
            finally:
                db.close()
            restrict_file(building)
            lock.check_held()
            slots.save(paths.keyslots)
            building.replace(paths.database)
            fsync_dir(paths.folder)
            lock.guard_vault_file()
            vault = cls._finish_open(paths, master, slots, lock)
        except BaseException:
            lock.release()
            raise
        return vault, recovery

    @classmethod
    def open_with_password(
        cls,
        paths: VaultPaths,
        account_id: str,
        password: str,
        *,
        clock: Clock | None = None,
        steps: Sequence[Migration] | None = None,
        held: InstanceLock | None = None,
    ) -> Vault:
        """Unlock with an account's password; see ``_finish_open`` for ``clock`` and ``steps``
        and ``_open`` for ``held``.

        The key file is brought up to date afterwards (``_refresh_slots``)."""
        vault = cls._open(
            paths,
            lambda slots: slots.unlock_with_password(account_id, password),
            clock,
            steps,
            held,
        )
        vault._refresh_slots(account_id, password)
        return vault

    @classmethod
    def open_with_recovery(
        cls,
        paths: VaultPaths,
        recovery_key: str,
        *,
        clock: Clock | None = None,
        steps: Sequence[Migration] | None = None,
        held: InstanceLock | None = None,
    ) -> Vault:
        vault = cls._open(
            paths, lambda slots: slots.unlock_with_recovery(recovery_key), clock, steps, held
        )
        vault._refresh_slots(None, None)
        return vault

    @classmethod
    def _open(
        cls,
        paths: VaultPaths,
        unlock: Callable[[KeySlots], bytes],
        clock: Clock | None = None,
        steps: Sequence[Migration] | None = None,
        held: InstanceLock | None = None,
    ) -> Vault:
        """``held`` is the instance lock a locked window kept (``close(keep_lock=True)``): it is
        used as it is and, when the unlock fails, kept for the next attempt."""
        owned = held is None or not held.held
        if not owned:
            lock: InstanceLock | None = held
        else:
            lock = InstanceLock(paths.lock, paths.database) if paths.folder.exists() else None
        if lock is None or not (paths.exists() or paths.restore_marker.exists()):
            raise NoVault(str(paths.folder))
        lock.acquire()
        sidecars_before: list[Path] = []
        try:
            _remove_stray_temp_files(paths.folder)
            finish_interrupted_restore(paths, lock)
            if not paths.exists():
                raise NoVault(str(paths.folder))
            for own in (paths.database, paths.keyslots):
                if is_read_only(own):
                    raise ReadOnlyVault(own.name)
            sidecars_before = [p for p in paths.sidecars() if p.exists()]
            check_wal(paths.sidecars()[0])
            slots = KeySlots.load(paths.keyslots)
            master = unlock(slots)
            vault = cls._finish_open(paths, master, slots, lock, clock=clock, steps=steps)
        except BaseException:
            _remove_new_empty_journal(paths, sidecars_before)
            if owned:
                lock.release()
            raise
        return vault

    @classmethod
    def _finish_open(
        cls,
        paths: VaultPaths,
        master: bytes,
        slots: KeySlots,
        lock: InstanceLock,
        *,
        clock: Clock | None = None,
        steps: Sequence[Migration] | None = None,
    ) -> Vault:
        """Check the file, then configure and migrate it (backing it up first if it has data).

        ``steps`` are the schema steps (default: the shipped ones; tests bring their own) and
        ``clock`` dates the backup made before an update.
        """
        ordered = migrations.load_migrations() if steps is None else migrations.checked(steps)
        db = open_database(paths.database, master, supported=len(ordered))
        vault = cls(paths, db, slots, master, lock)
        try:
            db.configure()
            migrations.migrate(
                db,
                ordered,
                before=lambda found, target: vault._back_up_before_update(
                    target, clock or SystemClock()
                ),
            )
        except BaseException:
            vault._discard()
            raise
        for path in (paths.database, *paths.sidecars(), paths.keyslots):
            restrict_file(path)
        return vault

    def _refresh_slots(self, account_id: str | None, password: str | None) -> None:
        """Rewrite the key file in the current format once the key is known to be good.

        A format-1 file becomes format 2; a display name that fails its tag is put back from
        the vault's account table; the signing-in account's format-1 slot is rewrapped with
        its password normalised (NFC), keeping its KDF parameters. A file that cannot be
        written now (a read-only or full disk) is left for a later unlock: the vault is open.
        """
        master = self.master_key
        slots = self.slots
        if slots.needs_upgrade(master):
            names: dict[str, str] = {}
            if slots.version >= FORMAT_VERSION:
                names = {a.id: a.name for a in accounts_repo.list_accounts(self.db)}
            slots = slots.upgraded(master, names)
        if (
            account_id is not None
            and password is not None
            and slots.password_form(account_id) != NFC
        ):
            slot = next(s for s in slots.slots if s.account_id == account_id)
            slots = slots.with_password(master, account_id, slot.label or "", password, slot.kdf)
        if slots != self.slots or slots.version != self.slots.version:
            with contextlib.suppress(VaultError, OSError):
                self._store(slots)

    def _back_up_before_update(self, target: int, clock: Clock) -> None:
        """A verified backup of a vault that holds data, before its schema changes.

        It goes to the vault's own ``cadangan`` folder, which is there even when the backup
        folder chosen in the settings is an unplugged USB drive, and is named after the version
        it prepares for. If it cannot be made, the update is refused and nothing has changed.
        """
        if not _holds_data(self.db):
            return
        folder = self.paths.backups
        now = clock.now()
        prefix = f"{BEFORE_UPDATE_PREFIX}-v{target}"
        try:
            backup_archive.write_backup(
                self,
                backup_archive.backup_path(folder, prefix, now, _stored_zone(self.db)),
                created_at=now,
            )
        except VaultError as error:
            raise BackupBeforeUpdateFailed(str(folder), error.message) from error
        except OSError as error:
            sorted_error = sort_os_error(error, str(folder))
            reason = (
                sorted_error.message
                if isinstance(sorted_error, VaultError)
                else "Periksa apakah folder itu ada dan boleh ditulisi."
            )
            raise BackupBeforeUpdateFailed(str(folder), reason) from error

    def _discard(self) -> None:
        """Close without a checkpoint and forget the key: for a vault that failed to open."""
        self.db.close()
        if self._master is not None:
            for i in range(len(self._master)):
                self._master[i] = 0
            self._master = None

    @staticmethod
    def list_accounts(paths: VaultPaths) -> list[tuple[str, str]]:
        """(id, name) of the accounts that can unlock, readable before unlocking."""
        if not paths.exists():
            raise NoVault(str(paths.folder))
        return KeySlots.load(paths.keyslots).accounts()

    # -- the key -------------------------------------------------------------------------------

    @property
    def master_key(self) -> bytes:
        if self._master is None:
            raise RuntimeError("the vault is closed")
        return bytes(self._master)

    @property
    def vault_id(self) -> str:
        return self.slots.vault_id

    def check_password(self, account_id: str, password: str) -> None:
        """Raise ``WrongPassword`` unless ``password`` opens ``account_id``'s slot."""
        if self.slots.unlock_with_password(account_id, password) != self.master_key:
            raise WrongPassword

    # -- slot changes: each one atomic replacement of the key-slot file ----------------

    def _store(self, slots: KeySlots) -> None:
        slots.save(self.paths.keyslots)
        self.slots = slots

    def failed_unlocks(self) -> dict[str, int]:
        """The failed-unlock counts copied into the key-slot file (``note_failed_unlocks``)."""
        stored = self.slots.extra.get(FAILED_UNLOCKS)
        if not isinstance(stored, dict):
            return {}
        return {str(k): v for k, v in stored.items() if isinstance(v, int) and v > 0}

    def clear_failed_unlocks(self) -> None:
        """Drop the copied counts once the audit holds them; a disk that refuses leaves them
        for the next unlock, which records only what the audit does not hold yet."""
        if FAILED_UNLOCKS not in self.slots.extra:
            return
        extra = {k: v for k, v in self.slots.extra.items() if k != FAILED_UNLOCKS}
        with contextlib.suppress(VaultError, OSError):
            self._store(dataclasses.replace(self.slots, extra=extra))

    def set_password(self, account_id: str, label: str, password: str, kdf: KdfParams) -> None:
        self._store(self.slots.with_password(self.master_key, account_id, label, password, kdf))

    def rename_account(self, account_id: str, label: str) -> None:
        self._store(self.slots.with_label(self.master_key, account_id, label))

    def remove_account(self, account_id: str) -> None:
        self._store(self.slots.without_account(account_id))

    def replace_recovery_key(self, kdf: KdfParams) -> str:
        recovery = new_recovery_key()
        self._store(self.slots.with_recovery(self.master_key, recovery, kdf))
        return recovery

    # -- closing -------------------------------------------------------------------------------

    @property
    def instance_lock(self) -> InstanceLock:
        return self._lock

    def close(self, *, keep_lock: bool = False) -> None:
        """Checkpoint and close the database, forget the key, release the lock.

        With ``keep_lock`` the instance lock (``instance_lock``) stays held: a locked window
        keeps the vault to itself, so a second start or a ``restore`` is refused while it waits
        for the password, and the next unlock is handed the lock (``open_with_password(held=…)``).
        """
        if self._master is None:
            return
        with contextlib.suppress(sqlcipher3.Error):
            self.db.checkpoint()
        self.db.close()
        for i in range(len(self._master)):
            self._master[i] = 0
        self._master = None
        if not keep_lock:
            self._lock.release()

    @property
    def is_open(self) -> bool:
        return self._master is not None

    def stage_restore(self, database_bytes: bytes, keyslots_bytes: bytes) -> None:
        """Write a restore's files beside the vault and commit it with the marker.

        The caller closes this vault and reopens it afterwards; the swap itself happens in
        ``finish_interrupted_restore`` so that a crash at any point completes or discards it.
        """
        folder = self.paths.folder
        require_free({folder: len(database_bytes) + len(keyslots_bytes)})
        try:
            with sorted_os_errors(folder):
                atomic_write(self.paths.staged_database, database_bytes)
                atomic_write(self.paths.staged_keyslots, keyslots_bytes)
                self._lock.check_held()
                atomic_write(self.paths.restore_marker, b"restore\n")
        except BaseException:
            if not self.paths.restore_marker.exists():
                for staged in (self.paths.staged_database, self.paths.staged_keyslots):
                    with contextlib.suppress(OSError):
                        staged.unlink()
            raise


FAILED_UNLOCKS = "failures"
"""The key-slot file's copy of the failed-unlock count per account (``KeySlots.extra``)."""


def note_failed_unlocks(paths: VaultPaths, counts: Mapping[str, int]) -> bool:
    """Copy the failed-unlock count per account into the key-slot file, so that deleting
    ``bk-desktop.failures`` alone does not hide them from the next unlock's audit.

    Written only while no program holds the vault (a running one may be rewriting the slots),
    by the same atomic replace as every slot change; a refusal of any kind leaves the file as
    it was and returns False: the failures file still counts.
    """
    lock = InstanceLock(paths.lock, paths.database)
    try:
        lock.acquire()
    except (VaultError, OSError):
        return False
    try:
        slots = KeySlots.load(paths.keyslots)
        slots.with_extra(**{FAILED_UNLOCKS: dict(counts)}).save(paths.keyslots)
    except (VaultError, OSError):
        return False
    finally:
        lock.release()
    return True


def _stored_zone(db: Database) -> ZoneInfo:
    """The school's zone as the settings hold it before an update, or the default zone.

    The settings table is there from the first step; its row may be missing or name a zone
    this program does not offer, and then the default is as good a guess as any.
    """
    try:
        key = settings_repo.get_value(db, "timezone", DEFAULT_ZONE)
    except (sqlcipher3.DatabaseError, ValueError):
        key = DEFAULT_ZONE
    return ZoneInfo(key if key in ALLOWED_ZONES else DEFAULT_ZONE)


def _holds_data(db: Database) -> bool:
    """Whether any table of the vault has a row (a vault only being built has none)."""
    tables = db.all(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    for table in tables:
        quoted = '"' + str(table["name"]).replace('"', '""') + '"'
        if db.scalar(f"SELECT EXISTS (SELECT 1 FROM {quoted})"):
            return True
    return False
