"""Getting in: first-time setup, unlocking by password or recovery key, failed attempts.

A failed unlock cannot be written to the vault (its key is what is missing), so failures are
kept in a small file beside it — account id and time only — and moved into the audit log at
the next successful unlock. The same record drives the growing delay between attempts, so
restarting the program does not reset it.
"""

from __future__ import annotations

import json
import math
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bk_desktop.domain.accounts import (
    Account,
    Role,
    validate_account_name,
    validate_new_password,
    validate_nip,
    validate_nuptk,
)
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import Clock
from bk_desktop.domain.dates import zone_for_offset
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.settings import DEFAULT_ZONE, Settings
from bk_desktop.files.atomic import atomic_write
from bk_desktop.services.backup import after_unlock
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import accounts_repo, audit_repo, settings_repo
from bk_desktop.storage.database import Database
from bk_desktop.storage.errors import (
    AccountNotFound,
    WrongPassword,
    WrongRecoveryKey,
)
from bk_desktop.storage.instance_lock import InstanceLock
from bk_desktop.storage.timefmt import from_text, to_text
from bk_desktop.storage.vault import Vault, VaultPaths, note_failed_unlocks

FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 60


def zone_of_this_pc(offset: timedelta | None = None) -> str:
    """The school's zone to offer at setup: the one with this PC's UTC offset, else WITA.

    ``offset`` stands in for the PC's own (tests); a PC set to a zone outside Indonesia gets
    the program's default, and the person picks another.
    """
    if offset is None:
        offset = timedelta(seconds=time.localtime().tm_gmtoff)
    return zone_for_offset(offset) or DEFAULT_ZONE


@dataclass(frozen=True)
class SetupForm:
    school_name: str
    city: str
    timezone: str
    account_name: str
    password: str
    password_repeat: str
    nip: str = ""
    nuptk: str = ""


class TooManyAttempts(KnownError):
    def __init__(self, wait: timedelta) -> None:
        seconds = max(1, math.ceil(wait.total_seconds()))
        super().__init__(
            f"Terlalu banyak kata sandi salah untuk akun ini. Coba lagi {seconds} detik lagi."
        )
        self.wait = wait


def delay_after(failures: int) -> timedelta:
    """No wait for the first few mistakes, then 2, 4, 8 … seconds, at most a minute."""
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    return timedelta(seconds=min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_ATTEMPTS + 1)))


class VaultAccess:
    def __init__(self, paths: VaultPaths, clock: Clock, kdf: KdfChooser) -> None:
        self.paths = paths
        self.clock = clock
        self.kdf = kdf
        self._held: InstanceLock | None = None
        self.unlock_note: str | None = None
        """What the last unlock did before the vault was used (erasures applied again), for
        the window to say once (``take_unlock_note``)."""

    def take_unlock_note(self) -> str | None:
        """The last unlock's note, once: it is forgotten when taken."""
        note, self.unlock_note = self.unlock_note, None
        return note

    # -- the instance lock of a locked window --------------------------------------------------

    def hold(self, lock: InstanceLock | None) -> None:
        """Keep ``lock`` (from ``Workspace.lock(keep_instance_lock=True)``) for the next unlock;
        until then no other program can open or restore this vault."""
        self.release_held()
        self._held = lock

    def release_held(self) -> None:
        """Let the vault go (the program closes while its window is locked)."""
        if self._held is not None:
            self._held.release()
            self._held = None

    @property
    def holds_lock(self) -> bool:
        return self._held is not None and self._held.held

    @property
    def _failures_path(self) -> Path:
        return self.paths.folder / "bk-desktop.failures"

    def exists(self) -> bool:
        return self.paths.exists()

    def accounts(self) -> list[tuple[str, str]]:
        return Vault.list_accounts(self.paths)

    def account_id_by_name(self, name: str) -> str:
        wanted = " ".join(name.split()).casefold()
        for account_id, label in self.accounts():
            if label.casefold() == wanted:
                return account_id
        raise AccountNotFound(name)

    # -- setup ---------------------------------------------------------------------------------

    def setup(self, form: SetupForm) -> tuple[Workspace, str]:
        """Create the vault with its first (koordinator) account; returns the recovery key."""
        settings = Settings(
            school_name=form.school_name, city=form.city, timezone=form.timezone
        ).validated()
        name = validate_account_name(form.account_name)
        nip = validate_nip(form.nip)
        nuptk = validate_nuptk(form.nuptk)
        validate_new_password(
            form.password, form.password_repeat, names=(settings.school_name, name)
        )
        account = Account(uuid.uuid4().hex, name, Role.KOORDINATOR, nip=nip, nuptk=nuptk)
        now = self.clock.now()

        def initialise(db: Database) -> None:
            settings_repo.save_settings(db, settings)
            accounts_repo.insert_account(db, account, now)
            audit_repo.record(db, AuditKind.VAULT_CREATED, at=now, account_id=account.id)

        vault, recovery = Vault.create(
            self.paths,
            account_id=account.id,
            account_label=account.name,
            password=form.password,
            kdf=self.kdf.params(settings.kdf_target_seconds),
            initialise=initialise,
        )
        return Workspace(vault, account, self.clock), recovery

    # -- unlocking -------------------------------------------------------------------------

    def wait_needed(self, account_id: str) -> timedelta:
        """How long the person must still wait before the next attempt for this account."""
        attempts = [f for f in self._failures() if f["account_id"] == account_id]
        if not attempts:
            return timedelta(0)
        last = from_text(attempts[-1]["at"])
        remaining = last + delay_after(len(attempts)) - self.clock.now()
        return max(remaining, timedelta(0))

    def unlock(self, account_id: str, password: str) -> Workspace:
        """Open the vault as ``account_id``; refused while the growing delay still runs."""
        wait = self.wait_needed(account_id)
        if wait > timedelta(0):
            raise TooManyAttempts(wait)
        try:
            vault = Vault.open_with_password(
                self.paths, account_id, password, clock=self.clock, held=self._held
            )
        except WrongPassword:
            self._note_failure(account_id)
            raise
        self._held = None  # the open vault owns the lock now
        return self._start(vault, account_id, AuditKind.UNLOCK_OK)

    def reset_password_with_recovery(
        self, recovery_key: str, account_id: str, password: str, repeat: str
    ) -> Workspace:
        """Open with the recovery key and give ``account_id`` a new password."""
        validate_new_password(password, repeat, names=[label for _, label in self.accounts()])
        try:
            vault = Vault.open_with_recovery(
                self.paths, recovery_key, clock=self.clock, held=self._held
            )
        except WrongRecoveryKey:
            self._note_failure(account_id or "recovery")
            raise
        self._held = None  # the open vault owns the lock now
        try:
            account = accounts_repo.get_account(vault.db, account_id)
            if account is None or not account.active:
                raise AccountNotFound(account_id)
            vault.set_password(
                account.id,
                account.name,
                password,
                self.kdf.params(settings_repo.load_settings(vault.db).kdf_target_seconds),
            )
        except BaseException:
            vault.close()
            raise
        workspace = self._start(vault, account_id, AuditKind.UNLOCK_RECOVERY)
        with workspace.db.transaction():
            workspace.audit(AuditKind.PASSWORD_RESET, target_kind="account", target_id=account_id)
        return workspace

    def _start(self, vault: Vault, account_id: str, kind: AuditKind) -> Workspace:
        try:
            account = accounts_repo.get_account(vault.db, account_id)
            if account is None or not account.active:
                raise AccountNotFound(account_id)
            workspace = Workspace(vault, account, self.clock)
            # Before anyone uses the vault, and before the unlock is recorded: erasures it does
            # not hold yet are applied. An unlock refused here (a full disk) leaves no
            # success row, and its failed attempts stay in the file for the next one.
            note = after_unlock(workspace)
            failures = self._failures()
            with vault.db.transaction():
                for failure in failures:
                    audit_repo.record(
                        vault.db,
                        AuditKind.UNLOCK_FAILED,
                        at=from_text(failure["at"]),
                        account_id=failure["account_id"],
                    )
                self._audit_copied_failures(vault, failures)
                workspace.audit(kind)
        except BaseException:
            vault.close()
            raise
        self._failures_path.unlink(missing_ok=True)
        vault.clear_failed_unlocks()
        self.unlock_note = note
        return workspace

    def _audit_copied_failures(self, vault: Vault, failures: list[dict[str, str]]) -> None:
        """Failed unlocks the key-slot file counted but the failures file no longer lists
        (someone deleted it to skip the delay) go into the audit as one event per account."""
        listed = Counter(failure["account_id"] for failure in failures)
        for account_id, count in vault.failed_unlocks().items():
            hidden = count - listed[account_id]
            if hidden > 0:
                audit_repo.record(
                    vault.db,
                    AuditKind.UNLOCK_FAILED,
                    at=self.clock.now(),
                    account_id=account_id,
                    detail=f"count={hidden};source=keyslots",
                )

    # -- the failure record --------------------------------------------------------------

    def _failures(self) -> list[dict[str, str]]:
        try:
            data = json.loads(self._failures_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return []
        if not isinstance(data, list):
            return []
        return [
            {"account_id": str(d.get("account_id", "")), "at": str(d.get("at", ""))}
            for d in data
            if isinstance(d, dict) and d.get("at")
        ]

    def _note_failure(self, account_id: str) -> None:
        failures = [*self._failures(), {"account_id": account_id, "at": to_text(self.clock.now())}]
        try:
            atomic_write(self._failures_path, json.dumps(failures[-100:]).encode("utf-8"))
        except OSError:
            # A read-only folder must not turn a wrong password into a crash.
            return
        counts = Counter(failure["account_id"] for failure in failures)
        if counts[account_id] >= FREE_ATTEMPTS:
            # The delay now grows: keep the count where deleting one small file does not
            # erase it too (docs/security.md says what this does and does not protect).
            note_failed_unlocks(self.paths, counts)
