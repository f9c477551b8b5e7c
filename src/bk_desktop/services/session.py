"""An unlocked vault together with who is signed in: what every use case works within."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bk_desktop.domain.accounts import Account
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import Clock
from bk_desktop.domain.settings import Settings
from bk_desktop.storage import audit_repo, settings_repo
from bk_desktop.storage.database import Database
from bk_desktop.storage.vault import Vault


@dataclass
class Session:
    vault: Vault
    account: Account
    clock: Clock
    _settings: Settings | None = field(default=None, init=False, repr=False)

    @property
    def db(self) -> Database:
        return self.vault.db

    def now(self) -> datetime:
        return self.clock.now()

    def settings(self) -> Settings:
        """The school's settings, read once; every service that writes them calls
        ``forget_settings`` so the next read sees the change."""
        if self._settings is None:
            self._settings = settings_repo.load_settings(self.db)
        return self._settings

    def forget_settings(self) -> None:
        self._settings = None

    def audit(
        self,
        kind: AuditKind | str,
        *,
        target_kind: str = "",
        target_id: str = "",
        detail: str = "",
    ) -> None:
        """Append an audit event; callers do this inside the transaction of their write."""
        audit_repo.record(
            self.db,
            kind,
            at=self.now(),
            account_id=self.account.id,
            target_kind=target_kind,
            target_id=target_id,
            detail=detail,
        )

    @property
    def is_open(self) -> bool:
        return self.vault.is_open

    def lock(self) -> None:
        """Record the lock, then drop the key. Safe to call twice."""
        if not self.vault.is_open:
            return
        try:
            with self.db.transaction():
                self.audit(AuditKind.LOCK)
        finally:
            # Even when the lock cannot be recorded (disk full), the key must go.
            self.vault.close()
