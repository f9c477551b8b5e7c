"""What Beranda and ``verify`` show about the vault itself: size, backups, record counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bk_desktop.domain.accounts import Account
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.settings import Settings
from bk_desktop.services.backup import BackupService, BackupStatus
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.storage.database import Database
from bk_desktop.storage.migrations import current_version

# JSON key (English snake_case) → table. Kinds whose table does not exist yet are left out.
COUNTED_TABLES = {
    "accounts": "account",
    "students": "student",
    "requests": "request",
    "screenings": "screening",
    "cases": "counselling_case",
    "sessions": "counselling_session",
    "action_items": "action_item",
    "follow_ups": "follow_up",
    "complaints": "complaint",
    "audit_events": "audit_event",
}


def record_counts(db: Database) -> dict[str, int]:
    existing = {r[0] for r in db.all("SELECT name FROM sqlite_master WHERE type = 'table'")}
    counts: dict[str, int] = {}
    for key, table in COUNTED_TABLES.items():
        if table in existing:
            counts[key] = int(db.scalar(f"SELECT count(*) FROM {table}"))
    return counts


@dataclass(frozen=True)
class VaultOverview:
    settings: Settings
    account: Account
    vault_bytes: int
    backup: BackupStatus
    now: datetime

    @property
    def backup_is_stale(self) -> bool:
        return self.backup.is_stale(self.now)


def overview(workspace: Workspace) -> VaultOverview:
    paths = workspace.vault.paths
    size = sum(p.stat().st_size for p in (paths.database, *paths.sidecars()) if p.exists())
    return VaultOverview(
        workspace.settings(),
        workspace.account,
        size,
        BackupService(workspace).status(),
        workspace.now(),
    )


@dataclass(frozen=True)
class IntegrityReport:
    ok: bool
    problems: list[str]
    counts: dict[str, int]
    # The vault's schema step (``PRAGMA user_version``): an IT admin, and the frozen build's
    # check, see that every shipped migration ran.
    schema_version: int = 0


def check_integrity(workspace: Workspace, *, full: bool = False) -> IntegrityReport:
    """The pages (``quick_check``, or ``integrity_check`` when ``full``) and the links between
    records (``foreign_key_check``), with the count of every kind of record."""
    problems = workspace.db.integrity_problems(full=full) + workspace.db.foreign_key_problems()
    counts = record_counts(workspace.db)
    with workspace.db.transaction():
        workspace.audit(AuditKind.INTEGRITY_CHECK, detail="ok" if not problems else "rusak")
    return IntegrityReport(not problems, problems, counts, current_version(workspace.db))


def last_event_at(workspace: Workspace, kind: AuditKind) -> datetime | None:
    event = audit_repo.latest(workspace.db, kind)
    return None if event is None else event.at
