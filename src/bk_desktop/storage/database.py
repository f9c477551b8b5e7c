"""One connection to the vault, with transactions and errors sorted for people.

Shaped after qutebrowser's ``misc/sql.py``: named parameters only, ``transaction()`` commits
or rolls back as one unit, and SQLite's errors become either a ``VaultError`` a person can act
on (disk full, read-only folder, damaged file), sorted by result code in ``error_sorting``, or
are re-raised as bugs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, cast

import sqlcipher3

from bk_desktop.storage.error_sorting import sort_sqlite_error


class Row(Protocol):
    """A result row, indexable by column name or position (``sqlcipher3.Row``)."""

    def __getitem__(self, key: str | int) -> Any: ...

    def keys(self) -> list[str]: ...


Params = Mapping[str, Any]

# The vault's page cache: enough to hold a school's records, so scans cost no more than on a
# plain file, but no larger than the file when it is opened (a small vault is not promised
# 64 MiB) and no smaller than SQLite's default (docs/architecture.md, “Speed and memory”).
CACHE_KIB = 64 * 1024
MIN_CACHE_KIB = 2 * 1024


def in_values(column: str, values: Iterable[str], params: dict[str, Any], prefix: str) -> str:
    """ "column IN (:prefix0, :prefix1, …)" with the values added to ``params``; an empty list
    reads "column IN (NULL)", which matches nothing."""
    names = []
    for index, value in enumerate(values):
        params[f"{prefix}{index}"] = value
        names.append(f":{prefix}{index}")
    return f"{column} IN ({', '.join(names) or 'NULL'})"


def cache_kib(file_bytes: int) -> int:
    """The page cache for a database file of ``file_bytes``: min(64 MiB, file size), ≥ 2 MiB."""
    return max(MIN_CACHE_KIB, min(CACHE_KIB, -(-file_bytes // 1024)))


@contextlib.contextmanager
def sorted_errors(path: Path, *, copy: bool = False) -> Iterator[None]:
    """Raise a SQLite failure on ``path`` as the ``VaultError`` it is, or unchanged as a bug."""
    try:
        yield
    except sqlcipher3.Error as error:
        sorted_error = sort_sqlite_error(error, path, copy=copy)
        if sorted_error is error:
            raise
        raise sorted_error from error


def connect_raw(path: Path, master_key: bytes) -> sqlcipher3.Connection:
    """Open ``path`` with a raw 256-bit key (SQLCipher's own PBKDF2 is skipped)."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{master_key.hex()}'\"")
    # Sorts, temporary indexes and statement journals stay in memory, never in a temp file.
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.row_factory = sqlcipher3.Row
    return conn


class Database:
    """The open vault database. Not thread-safe: each thread opens its own."""

    def __init__(self, conn: sqlcipher3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._depth = 0
        self._on_end: list[Callable[[bool], None]] = []

    def on_transaction_end(self, listener: Callable[[bool], None]) -> None:
        """Call ``listener(committed)`` whenever an outermost transaction ends.

        The workspace uses this to send its change notice only for what was committed."""
        self._on_end.append(listener)

    def _ended(self, committed: bool) -> None:
        for listener in self._on_end:
            listener(committed)

    def configure(self) -> None:
        """Pragmas for a vault that is known to be readable (never before that is checked)."""
        self.execute("PRAGMA journal_mode = WAL")
        self.execute("PRAGMA synchronous = FULL")
        self.execute("PRAGMA foreign_keys = ON")
        self.execute("PRAGMA secure_delete = ON")
        self.execute(f"PRAGMA cache_size = -{cache_kib(self.path.stat().st_size)}")

    # -- statements --------------------------------------------------------------------------

    def execute(self, sql: str, params: Params | None = None) -> sqlcipher3.Cursor:
        with sorted_errors(self.path):
            return self._conn.execute(sql, dict(params or {}))

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        with sorted_errors(self.path):
            self._conn.executemany(sql, [dict(r) for r in rows])

    def executescript(self, script: str) -> None:
        with sorted_errors(self.path):
            self._conn.executescript(script)

    def all(self, sql: str, params: Params | None = None) -> list[Row]:
        return cast(list[Row], self.execute(sql, params).fetchall())

    def one(self, sql: str, params: Params | None = None) -> Row | None:
        return cast(Row | None, self.execute(sql, params).fetchone())

    def scalar(self, sql: str, params: Params | None = None) -> Any:
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    # -- transactions ------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """Everything inside commits together or not at all; nesting joins the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            with contextlib.suppress(sqlcipher3.Error):
                self._conn.execute("ROLLBACK")
            self._ended(committed=False)
            raise
        self._depth = 0
        try:
            self.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlcipher3.Error):
                self._conn.execute("ROLLBACK")
            self._ended(committed=False)
            raise
        self._ended(committed=True)

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    # -- whole-file operations ------------------------------------------------------------

    def integrity_problems(self, *, full: bool = False) -> list[str]:
        """What ``cipher_integrity_check`` and ``quick_check`` report; empty when healthy.

        ``full`` runs ``integrity_check`` instead (it also compares every index with its
        table, which takes longer on a large vault).
        """
        problems = [str(r[0]) for r in self.all("PRAGMA cipher_integrity_check")]
        check = "integrity_check" if full else "quick_check"
        problems += [str(r[0]) for r in self.all(f"PRAGMA {check}") if r[0] != "ok"]
        return problems

    def foreign_key_problems(self) -> list[str]:
        """Rows that point at a row that is not there (``foreign_key_check``), one line each."""
        return [
            f"baris {r[1]} di tabel {r[0]} menunjuk ke {r[2]} yang tidak ada"
            for r in self.all("PRAGMA foreign_key_check")
        ]

    def backup_to(self, target: Path, master_key: bytes) -> None:
        """Copy the whole database, committed state only, into a new file with the same key."""
        with sorted_errors(target, copy=True):
            dest = connect_raw(target, master_key)
            try:
                self._conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()

    def checkpoint(self) -> None:
        self.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self._conn.close()
