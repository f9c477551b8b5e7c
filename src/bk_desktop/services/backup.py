"""Backups and restore, as the window and the command line offer them.

Automatic backups go to the chosen folder (default: ``backups`` beside the vault, or a USB
drive) when the program closes, and are thinned to 7 daily, 4 weekly and 12 monthly copies.
Manual backups and the copy kept before a restore are never thinned.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.backup_policy import backups_to_keep
from bk_desktop.domain.clock import Clock
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.erasure import (
    collect_ledgers,
    compact_if_pending,
    reapply_after_restore,
    reapply_known,
)
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import accounts_repo, audit_repo, erasure_repo
from bk_desktop.storage.backup_archive import (
    SUFFIX,
    BackupContents,
    backup_path,
    read_backup,
    read_ledger_member,
    stamp,
    time_in_name,
    verify_backup,
    write_backup,
)
from bk_desktop.storage.error_sorting import sort_os_error
from bk_desktop.storage.errors import AccountNotFound, WrongPassword
from bk_desktop.storage.vault import Vault, VaultPaths, restore_unopened

AUTO_PREFIX = "otomatis"
MANUAL_PREFIX = "manual"
BEFORE_RESTORE_PREFIX = "sebelum-pemulihan"
STALE_AFTER = timedelta(days=7)
BACKUP_FILE = "backup_file"
"""The audit target kind of a backup event: its target id is the path the backup was written to."""


def _stamped_backups(folder: Path) -> list[tuple[Path, datetime]]:
    """Backups in ``folder`` with the time in their name; an absent folder has none."""
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        when = time_in_name(path.name)
        if when is not None:
            found.append((path, when))
    return found


@dataclass(frozen=True)
class BackupStatus:
    """The newest backup that is still there, and the newest one recorded that is not.

    ``missing`` is the file of the last backup the audit log knows when it is no longer where
    it was written (deleted, or on a USB stick that is not plugged in): Beranda says so rather
    than count a backup nobody can restore from.
    """

    last_at: datetime | None
    folder: Path
    missing: Path | None = None

    def is_stale(self, now: datetime) -> bool:
        return self.last_at is None or now - self.last_at > STALE_AFTER


def _exists(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def default_backup_folder(paths: VaultPaths) -> Path:
    return paths.backups


def backup_folder(workspace: Workspace) -> Path:
    chosen = workspace.settings().backup_folder.strip()
    return Path(chosen) if chosen else default_backup_folder(workspace.vault.paths)


class BackupService:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def status(self) -> BackupStatus:
        """The newest backup found in the backup folder or known from the audit log.

        Both are asked because a restore brings back an audit log that predates the backups
        made since, and the backup folder may have been changed. A backup the log knows counts
        only while its file is still there.
        """
        folder = backup_folder(self.workspace)
        known = [when for _, when in _stamped_backups(folder)]
        missing = None
        event = audit_repo.latest(self.workspace.db, AuditKind.BACKUP)
        if event is not None:
            # Events before file names were recorded cannot be checked; they count as before.
            written = Path(event.target_id) if event.target_kind == BACKUP_FILE else None
            if written is None or _exists(written):
                known.append(event.at)
            elif not known or event.at > max(known):
                missing = written
        return BackupStatus(max(known, default=None), folder, missing)

    def backup(self, destination: Path | None = None, *, prefix: str = MANUAL_PREFIX) -> Path:
        """Write a verified backup; ``destination`` may be a folder or a file name."""
        now = self.workspace.now()
        if destination is None:
            destination = backup_folder(self.workspace)
        if destination.suffix != SUFFIX:
            destination = backup_path(destination, prefix, now, self.workspace.settings().zone)
        try:
            path = write_backup(self.workspace.vault, destination, created_at=now)
        except OSError as error:
            sorted_error = sort_os_error(error, str(destination.parent))
            if sorted_error is not error:
                raise sorted_error from None
            raise KnownError(
                f"Cadangan tidak dapat ditulis ke {destination.parent}: {error.strerror}. "
                "Periksa apakah flashdisk masih terpasang dan masih ada ruang."
            ) from None
        with self.workspace.db.transaction():
            self.workspace.audit(
                AuditKind.BACKUP, target_kind=BACKUP_FILE, target_id=str(path), detail=prefix
            )
        return path

    def automatic_backup(self) -> Path:
        """The backup made when the program closes, followed by thinning the old ones; an
        erasure's compaction that could not be finished is tried again first."""
        compact_if_pending(self.workspace)
        path = self.backup(prefix=AUTO_PREFIX)
        self.thin(path.parent)
        return path

    def thin(self, folder: Path) -> list[Path]:
        """Delete automatic backups the 7/4/12 rule does not keep; returns what was deleted."""
        found = [
            (p, when) for p, when in _stamped_backups(folder) if p.name.startswith(AUTO_PREFIX)
        ]
        # Days, weeks and months are the school's: a copy made at 07.00 WITA belongs to that day.
        zone = self.workspace.settings().zone
        keep = backups_to_keep(found, lambda item: item[1].astimezone(zone))
        removed = [found[i][0] for i in range(len(found)) if i not in keep]
        for path in removed:
            path.unlink(missing_ok=True)
        return removed


@dataclass(frozen=True)
class RestoreCredentials:
    """Who signs in to the restored vault, and with what: a password or the recovery key."""

    account_id: str
    password: str | None = None
    recovery_key: str | None = None


def inspect_backup(path: Path) -> BackupContents:
    """Read a backup's manifest and accounts (before asking for credentials)."""
    return read_backup(path)


def open_backup(
    path: Path, credentials: RestoreCredentials, scratch_folder: Path
) -> tuple[BackupContents, bytes]:
    """Unlock and verify a backup; returns its contents and master key.

    ``scratch_folder`` (the data folder) receives the copy that is checked, so a backup on
    read-only media opens as well as one on the hard disk.
    """
    contents = read_backup(path)
    if credentials.recovery_key:
        master = contents.slots.unlock_with_recovery(credentials.recovery_key)
    elif credentials.password is not None:
        master = contents.slots.unlock_with_password(credentials.account_id, credentials.password)
    else:
        raise WrongPassword
    verify_backup(path, master, scratch_folder)
    return contents, master


def _open_restorable(
    path: Path, credentials: RestoreCredentials, paths: VaultPaths
) -> BackupContents:
    """Unlock and verify the backup, and check it knows the account that will sign in."""
    contents, _ = open_backup(path, credentials, paths.folder)
    if credentials.account_id not in {a for a, _ in contents.slots.accounts()}:
        raise AccountNotFound(credentials.account_id)
    return contents


def _sign_in_restored(
    paths: VaultPaths,
    credentials: RestoreCredentials,
    contents: BackupContents,
    clock: Clock,
    *,
    source: Path,
    ledgers: Sequence[bytes] = (),
) -> Workspace:
    """Open the vault that now holds the backup, record the restore in it, and apply again
    every erasure of this vault the backup predates, before anyone uses it.

    The erasures are known from ``ledgers`` (the replaced vault's own ledger, read before it
    was replaced), the ledger file beside the vault, the backup itself, and every backup in
    the vault's own backup folder, the chosen one and the restored backup's folder; a new PC
    or a rescue has at least the backups it is given. Only entries written for this vault
    with its key are applied (``erasure_repo.parse_ledger``).
    """
    if credentials.recovery_key:
        vault = Vault.open_with_recovery(paths, credentials.recovery_key, clock=clock)
    else:
        vault = Vault.open_with_password(
            paths, credentials.account_id, credentials.password or "", clock=clock
        )
    try:
        account = accounts_repo.get_account(vault.db, credentials.account_id)
        if account is None:
            raise AccountNotFound(credentials.account_id)
        workspace = Workspace(vault, account, clock)
        with vault.db.transaction():
            workspace.audit(AuditKind.RESTORE, detail=contents.created_at)
        texts = [*ledgers, *_present(read_ledger_member(source))]
        with contextlib.suppress(OSError):
            texts.append(erasure_repo.ledger_path(paths).read_bytes())
        folders = dict.fromkeys([paths.backups, backup_folder(workspace), source.parent])
        known = collect_ledgers(vault.vault_id, vault.master_key, texts, list(folders))
        reapply_after_restore(workspace, known)
    except BaseException:
        vault.close()
        raise
    return workspace


def after_unlock(workspace: Workspace) -> str | None:
    """Called by every unlock (``services.access``) before the vault is used: erasures of this
    vault the ledger file beside it knows but its table lacks (a restore whose re-application
    failed half-way) are applied, and a pending compaction is retried. Returns the sentence
    to show once, or None.

    The file is the primary copy (it never loses an entry, ``services.erasure``); the backups
    in the vault's backup folders are opened only when it is missing, unreadable or holds no
    entry of this vault (a new PC, a deleted file), so an ordinary unlock reads one small file
    however many backups lie beside the vault."""
    vault = workspace.vault
    paths = vault.paths
    known = erasure_repo.read_ledger_file(paths, vault.vault_id, vault.master_key)
    if not known:
        folders = dict.fromkeys([paths.backups, backup_folder(workspace)])
        known = collect_ledgers(vault.vault_id, vault.master_key, [], list(folders))
    note = reapply_known(workspace, known)
    compact_if_pending(workspace)
    return note


def _present(data: bytes | None) -> list[bytes]:
    return [] if data is None else [data]


def _own_ledger(workspace: Workspace) -> list[bytes]:
    """The open vault's erasure ledger, kept before the vault is replaced by a backup."""
    vault = workspace.vault
    found = erasure_repo.entries(workspace.db)
    if not found:
        return []
    return [erasure_repo.ledger_bytes(vault.vault_id, found, vault.master_key)]


def restore(workspace: Workspace, path: Path, credentials: RestoreCredentials) -> Workspace:
    """Replace the open vault with a verified backup; returns a workspace on the restored vault.

    The backup is unlocked and checked first; then the current vault is itself backed up
    (``sebelum-pemulihan-…``) so nothing is lost; then the restore is staged and committed
    and the vault reopened, signed in as ``credentials.account_id``. ``workspace`` is closed.
    """
    contents = _open_restorable(path, credentials, workspace.vault.paths)
    BackupService(workspace).backup(prefix=BEFORE_RESTORE_PREFIX)
    paths = workspace.vault.paths
    ledgers = _own_ledger(workspace)
    workspace.vault.stage_restore(contents.database, contents.slots_bytes)
    workspace.lock()
    return _sign_in_restored(
        paths, credentials, contents, workspace.clock, source=path, ledgers=ledgers
    )


@dataclass(frozen=True)
class RescueResult:
    workspace: Workspace
    kept: list[Path]


def restore_damaged(
    paths: VaultPaths, path: Path, credentials: RestoreCredentials, clock: Clock
) -> RescueResult:
    """Restore a backup when the current vault cannot be opened, or onto a new PC.

    The backup is unlocked and verified first; the files of the unusable vault are kept as
    they were under ``cadangan/rusak-<time>/`` beside it; then the backup takes their place
    and is opened, signed in as ``credentials.account_id``.
    """
    contents = _open_restorable(path, credentials, paths)
    # The school's zone is inside the vault that cannot be opened: this folder's name says UTC.
    keep_in = default_backup_folder(paths) / f"rusak-{stamp(clock.now(), ZoneInfo('UTC'))}"
    kept = restore_unopened(paths, contents.database, contents.slots_bytes, keep_in)
    return RescueResult(_sign_in_restored(paths, credentials, contents, clock, source=path), kept)
