"""Versioned schema changes: numbered steps, SQL files or Python functions, run as one unit.

A step is ``storage/schema/NNNN_name.sql`` (statements) or ``storage/schema/NNNN_name.py`` (a
module with ``migrate(db)``, for moving data the way SQL alone cannot); both kinds are numbered
together 1..n. ``PRAGMA user_version`` records the newest step applied. SQLite writes it in the
file header as part of the transaction, so a crash leaves either the old schema and version or
the new ones.

Pending steps may rebuild a table the way SQLite documents it (its “twelve steps”: create the
new table, copy, drop the old, rename). That is only safe with foreign keys off, and
``PRAGMA foreign_keys`` is ignored inside a transaction: left on, dropping ``student`` would
delete every ``student_class`` and ``guardian`` row by cascade. So the runner switches foreign
keys off *before* its transaction, runs every pending step in it, refuses to commit while
``PRAGMA foreign_key_check`` finds a row pointing at nothing, and switches them back on.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources

from bk_desktop.storage.database import Database
from bk_desktop.storage.errors import MigrationFailed, NewerVersion

SCHEMA_PACKAGE = "bk_desktop.storage.schema"
_SQL_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_MODULE_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+$")

Apply = Callable[[Database], None]
BeforeMigrating = Callable[[int, int], None]
"""Called with (found version, target version) before anything is changed; may refuse."""


@dataclass(frozen=True)
class Migration:
    """One numbered step; ``apply`` runs inside the runner's transaction, foreign keys off."""

    version: int
    name: str
    apply: Apply

    @classmethod
    def from_sql(cls, version: int, name: str, sql: str) -> Migration:
        statements = split_statements(sql)

        def run(db: Database) -> None:
            for statement in statements:
                db.execute(statement)

        return cls(version, name, run)


def load_migrations(package: str = SCHEMA_PACKAGE) -> list[Migration]:
    """The steps shipped in ``package``: its SQL files and its ``NNNN_name`` modules."""
    found: list[Migration] = []
    for entry in resources.files(package).iterdir():
        match = _SQL_NAME.match(entry.name)
        if match:
            found.append(
                Migration.from_sql(int(match.group(1)), entry.name, entry.read_text("utf-8"))
            )
    for module_info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        match = _MODULE_NAME.match(module_info.name)
        if match:
            module = importlib.import_module(f"{package}.{module_info.name}")
            step = getattr(module, "migrate", None)
            if not callable(step):
                raise RuntimeError(f"{module.__name__} has no migrate(db) function")
            found.append(Migration(int(match.group(1)), f"{module_info.name}.py", step))
    return checked(found)


def checked(steps: Sequence[Migration]) -> list[Migration]:
    """``steps`` in order, refused unless they are numbered 1..n without gaps or twins."""
    ordered = sorted(steps, key=lambda m: m.version)
    versions = [m.version for m in ordered]
    if versions != list(range(1, len(ordered) + 1)):
        raise RuntimeError(f"schema steps must be numbered 1..n without gaps: {versions}")
    return ordered


def latest_version(steps: Sequence[Migration] | None = None) -> int:
    return len(load_migrations() if steps is None else checked(steps))


def current_version(db: Database) -> int:
    return int(db.scalar("PRAGMA user_version"))


def ensure_supported(db: Database, supported: int | None = None) -> int:
    """The vault's version; a vault newer than ``supported`` (default: shipped) is refused."""
    found = current_version(db)
    if supported is None:
        supported = latest_version()
    if found > supported:
        raise NewerVersion(found, supported)
    return found


def migrate(
    db: Database,
    steps: Sequence[Migration] | None = None,
    *,
    before: BeforeMigrating | None = None,
) -> int:
    """Bring the schema to the newest version; returns the number of steps applied.

    ``steps`` defaults to the shipped ones (tests pass their own). ``before`` runs first when
    there is anything to do (the vault takes its backup there); if it raises, nothing changes.
    Every pending step runs in one transaction: a failing step, or a foreign key left pointing
    at nothing, rolls all of them back and leaves the vault at its old version.
    """
    ordered = load_migrations() if steps is None else checked(steps)
    found = ensure_supported(db, len(ordered))
    pending = [m for m in ordered if m.version > found]
    if not pending:
        return 0
    if db.in_transaction:
        raise RuntimeError("migrations switch foreign keys off, which needs no open transaction")
    target = pending[-1].version
    if before is not None:
        before(found, target)
    enforced = bool(db.scalar("PRAGMA foreign_keys"))
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.transaction():
            for step in pending:
                step.apply(db)
            _refuse_dangling_references(db, found, target)
            db.execute(f"PRAGMA user_version = {target}")
    finally:
        if enforced:
            db.execute("PRAGMA foreign_keys = ON")
    return len(pending)


def _refuse_dangling_references(db: Database, found: int, target: int) -> None:
    """What ``foreign_keys = ON`` would have refused, checked once before committing."""
    rows = db.all("PRAGMA foreign_key_check")
    if rows:
        tables = ", ".join(sorted({str(row[0]) for row in rows}))
        raise MigrationFailed(
            found, target, f"{len(rows)} baris di tabel {tables} menunjuk ke data yang tidak ada"
        )


def split_statements(script: str) -> list[str]:
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
