"""The workspace: an unlocked vault together with who is signed in and the clock.

Every use case works within one. It is deliberately not called a "session": in this program a
session is a counselling session (*sesi konseling*).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bk_desktop.domain.academic import Term
from bk_desktop.domain.accounts import Account
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.changes import Change, Changes
from bk_desktop.domain.clock import Clock
from bk_desktop.domain.settings import Settings
from bk_desktop.domain.visibility import Viewer
from bk_desktop.storage import audit_repo, settings_repo, students_repo
from bk_desktop.storage.database import Database
from bk_desktop.storage.vault import Vault

log = logging.getLogger(__name__)

Listener = Callable[[Changes], None]


@dataclass(eq=False)
class Workspace:
    """Change notices: :meth:`audit` notes what its event changes (``AuditKind.changes``);
    when the transaction commits, every subscriber gets one notice with the union. A rolled
    back transaction sends nothing, and an audit outside a transaction is sent at once."""

    vault: Vault
    account: Account
    clock: Clock
    _settings: Settings | None = field(default=None, init=False, repr=False)
    _terms: tuple[Term, ...] | None = field(default=None, init=False, repr=False)
    _pending: set[Change] = field(default_factory=set, init=False, repr=False)
    _listeners: list[Listener] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self.vault.db.on_transaction_end(self._transaction_ended)

    @property
    def db(self) -> Database:
        return self.vault.db

    def now(self) -> datetime:
        return self.clock.now()

    @property
    def viewer(self) -> Viewer:
        """Who is asking, for ``domain.visibility``'s rules."""
        return Viewer.of(self.account)

    def settings(self) -> Settings:
        """The school's settings, read once and kept until a write reports ``Change.SETTINGS``."""
        if self._settings is None:
            self._settings = settings_repo.load_settings(self.db)
        return self._settings

    def terms(self) -> tuple[Term, ...]:
        """The school's configured terms, read once and kept until a write reports
        ``Change.SETTINGS`` (every list asks for the current term on every refresh)."""
        if self._terms is None:
            self._terms = tuple(students_repo.load_terms(self.db))
        return self._terms

    # -- change notices ----------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(changes)`` after every committed write; returns the unsubscriber."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _transaction_ended(self, committed: bool) -> None:
        changes = frozenset(self._pending)
        self._pending.clear()
        if committed and changes:
            self._publish(changes)

    def _publish(self, changes: Changes) -> None:
        if Change.SETTINGS in changes:
            self._settings = None
            self._terms = None
        for listener in list(self._listeners):
            try:
                listener(changes)
            except Exception:
                # The write is committed; a screen that fails to refresh must not undo it
                # in the caller's eyes. It is a bug, logged without the message (no content).
                log.exception("a change listener failed")

    def audit(
        self,
        kind: AuditKind,
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
        if self.db.in_transaction:
            self._pending.update(kind.changes)
        elif kind.changes:
            self._publish(kind.changes)

    @property
    def is_open(self) -> bool:
        return self.vault.is_open

    def lock(self, *, keep_instance_lock: bool = False) -> None:
        """Record the lock, then drop the key. Safe to call twice.

        A locked window passes ``keep_instance_lock`` and hands ``vault.instance_lock`` to
        ``VaultAccess.hold``, so that nothing else takes the vault while it waits."""
        if not self.vault.is_open:
            return
        try:
            with self.db.transaction():
                self.audit(AuditKind.LOCK)
        finally:
            # Even when the lock cannot be recorded (disk full), the key must go.
            self.vault.close(keep_lock=keep_instance_lock)
