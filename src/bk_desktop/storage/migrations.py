"""Versioned schema changes, one SQL file per step, applied in a single transaction.

``PRAGMA user_version`` records the newest step applied. SQLite writes it in the file header as
part of the transaction, so a crash leaves either the old schema and version or the new ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from bk_desktop.storage.database import Database
from bk_desktop.storage.errors import NewerVersion

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    found = []
    for entry in resources.files("bk_desktop.storage.schema").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"schema steps must be numbered 1..n without gaps: {versions}")
    return found


def latest_version() -> int:
    return len(load_migrations())


def current_version(db: Database) -> int:
    return int(db.scalar("PRAGMA user_version"))


def ensure_supported(db: Database) -> int:
    found = current_version(db)
    supported = latest_version()
    if found > supported:
        raise NewerVersion(found, supported)
    return found


def migrate(db: Database) -> int:
    """Bring the schema to the newest version; returns the number of steps applied."""
    found = ensure_supported(db)
    pending = [m for m in load_migrations() if m.version > found]
    if not pending:
        return 0
    with db.transaction():
        for step in pending:
            for statement in _statements(step.sql):
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {pending[-1].version}")
    return len(pending)


def _statements(script: str) -> list[str]:
    """Split a schema file into statements; triggers keep their inner semicolons."""
    statements: list[str] = []
    current: list[str] = []
    in_trigger = False
    for line in script.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        current.append(line)
        upper = stripped.upper()
        if upper.startswith("CREATE TRIGGER"):
            in_trigger = True
        if in_trigger:
            if upper.startswith("END;"):
                statements.append("\n".join(current))
                current, in_trigger = [], False
        elif stripped.endswith(";"):
            statements.append("\n".join(current))
            current = []
    if current:
        statements.append("\n".join(current))
    return statements
