"""Schema updates that rebuild tables: children kept, failures undone, a backup taken first.

The vaults are real: made by the setup wizard's code path and filled by the demo generator at
today's newest shipped schema, then brought forward by test-only steps handed to the runner
(they are not files in the package).
"""

from __future__ import annotations

import hashlib
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bk_desktop.domain.clock import FixedClock
from bk_desktop.services.demo import fill_demo
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import migrations
from bk_desktop.storage.backup_archive import verify_backup
from bk_desktop.storage.database import Database, connect_raw
from bk_desktop.storage.errors import BackupBeforeUpdateFailed, MigrationFailed, NewerVersion
from bk_desktop.storage.migrations import Migration
from bk_desktop.storage.vault import Vault, VaultPaths

from support import PASSWORD

SHIPPED = migrations.load_migrations()
NEXT = len(SHIPPED) + 1


# -- test-only steps ----------------------------------------------------------------------


def _rebuild_student_with_nickname(db: Database) -> None:
    """SQLite's twelve-step rebuild of ``student`` (referenced by four tables), then a data move.

    Dropping ``student`` with foreign keys on would delete every ``student_class`` and
    ``guardian`` row by cascade and be refused for ``request``'s rows.
    """
    create = str(db.scalar("SELECT sql FROM sqlite_master WHERE name = 'student'"))
    indexes = [
        str(row[0])
        for row in db.all(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'student' "
            "AND sql IS NOT NULL"
        )
    ]
    columns = ", ".join(str(row["name"]) for row in db.all("PRAGMA table_info(student)"))
    end = create.rindex(")")
    db.execute(
        create[:end].replace("CREATE TABLE student (", "CREATE TABLE student_new (", 1)
        + ",\n    nickname TEXT NOT NULL DEFAULT ''"
        + create[end:]
    )
    db.execute(f"INSERT INTO student_new ({columns}) SELECT {columns} FROM student")
    db.execute("DROP TABLE student")
    db.execute("ALTER TABLE student_new RENAME TO student")
    for sql in indexes:
        db.execute(sql)
    db.execute("UPDATE student SET nickname = substr(name, 1, instr(name || ' ', ' ') - 1)")


def _rebuild_then_fail(db: Database) -> None:
    _rebuild_student_with_nickname(db)
    raise RuntimeError("langkah uji gagal di tengah jalan")


def _orphan_the_requests(db: Database) -> None:
    db.execute("DELETE FROM student WHERE id IN (SELECT student_id FROM request)")


def _with(step: migrations.Apply, name: str = "0003_test_step.py") -> list[Migration]:
    return [*SHIPPED, Migration(NEXT, name, step)]


# -- helpers ------------------------------------------------------------------------------


def _counts(db: Database) -> dict[str, int]:
    tables = db.all(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {str(t["name"]): int(db.scalar(f'SELECT count(*) FROM "{t["name"]}"')) for t in tables}


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file directly in the vault folder but the lock, by content."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.suffix != ".lock"
    }


def _open(
    paths: VaultPaths, account_id: str, clock: FixedClock, steps: list[Migration] | None = None
) -> Vault:
    return Vault.open_with_password(paths, account_id, PASSWORD, clock=clock, steps=steps)


@pytest.fixture
def old_vault(created: tuple[Workspace, str]) -> Iterator[tuple[VaultPaths, str, dict[str, int]]]:
    """A closed vault with a small school in it at the newest shipped schema; its row counts."""
    workspace, _ = created
    fill_demo(workspace, students=40, years=1, seed=7)
    paths, account_id = workspace.vault.paths, workspace.account.id
    workspace.lock()
    vault = Vault.open_with_password(paths, account_id, PASSWORD)
    counts = _counts(vault.db)
    vault.close()
    for children in ("student_class", "guardian", "request"):
        assert counts[children] > 0, children
    yield paths, account_id, counts


# -- the runner on its own ----------------------------------------------------------------


def _tiny_school(db: Database) -> None:
    db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    db.execute(
        "CREATE TABLE child (id INTEGER PRIMARY KEY, "
        "parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE)"
    )


def _rebuild_parent(db: Database) -> None:
    db.execute("CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT)")
    db.execute("INSERT INTO parent_new (id, name) SELECT id, name FROM parent")
    db.execute("DROP TABLE parent")
    db.execute("ALTER TABLE parent_new RENAME TO parent")


@pytest.fixture
def tiny(tmp_path: Path) -> Iterator[Database]:
    """A database at step 1 of two steps, with foreign keys enforced as an open vault has."""
    db = Database(connect_raw(tmp_path / "kecil.db", bytes(32)), tmp_path / "kecil.db")
    migrations.migrate(db, [Migration(1, "0001_tiny.py", _tiny_school)])
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("INSERT INTO parent (id, name) VALUES (1, 'a'), (2, 'b')")
    db.execute("INSERT INTO child (parent_id) VALUES (1), (1), (2)")
    yield db
    db.close()


def test_a_rebuild_inside_a_plain_transaction_empties_cascading_children(tiny: Database) -> None:
    """The trap the runner exists for: foreign_keys cannot be switched off in a transaction."""
    tiny.execute("BEGIN")
    tiny.execute("PRAGMA foreign_keys = OFF")
    _rebuild_parent(tiny)
    lost = tiny.scalar("SELECT count(*) FROM child")
    tiny.execute("ROLLBACK")
    assert lost == 0
    assert tiny.scalar("SELECT count(*) FROM child") == 3


def test_the_runner_rebuilds_a_referenced_table_with_its_children_intact(tiny: Database) -> None:
    steps = [Migration(1, "0001_tiny.py", _tiny_school), Migration(2, "0002_p.py", _rebuild_parent)]
    assert migrations.migrate(tiny, steps) == 1
    assert tiny.scalar("SELECT count(*) FROM child") == 3
    assert tiny.scalar("PRAGMA user_version") == 2
    assert tiny.scalar("PRAGMA foreign_keys") == 1
    assert "note" in {row["name"] for row in tiny.all("PRAGMA table_info(parent)")}


def test_the_runner_leaves_foreign_keys_off_when_they_were_off(tmp_path: Path) -> None:
    db = Database(connect_raw(tmp_path / "baru.db", bytes(32)), tmp_path / "baru.db")
    migrations.migrate(db, [Migration(1, "0001_tiny.py", _tiny_school)])
    assert db.scalar("PRAGMA foreign_keys") == 0
    db.close()


def test_a_dangling_reference_is_refused_and_rolled_back(tiny: Database) -> None:
    def drop_a_parent(db: Database) -> None:
        db.execute("DELETE FROM parent WHERE id = 1")

    steps = [Migration(1, "0001_tiny.py", _tiny_school), Migration(2, "0002_d.py", drop_a_parent)]
    with pytest.raises(MigrationFailed) as caught:
        migrations.migrate(tiny, steps)
    assert "2 baris di tabel child" in caught.value.message
    assert "Brankas tidak diubah" in caught.value.message
    assert tiny.scalar("SELECT count(*) FROM parent") == 2
    assert tiny.scalar("PRAGMA user_version") == 1
    assert tiny.scalar("PRAGMA foreign_keys") == 1


def test_steps_must_be_numbered_without_gaps(tiny: Database) -> None:
    with pytest.raises(RuntimeError, match="without gaps"):
        migrations.migrate(tiny, [Migration(1, "a", _tiny_school), Migration(3, "c", _tiny_school)])


# -- shipped steps: SQL files and Python modules, numbered together -----------------------


def test_sql_files_and_python_modules_are_found_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = f"bk_test_schema_{uuid.uuid4().hex}"
    folder = tmp_path / package
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "0001_first.sql").write_text(
        "-- a comment\nCREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
    )
    (folder / "0002_move.py").write_text(
        "def migrate(db):\n    db.execute('INSERT INTO parent (id) VALUES (7)')\n"
    )
    (folder / "notes.txt").write_text("not a step")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        steps = migrations.load_migrations(package)
        assert [(s.version, s.name) for s in steps] == [(1, "0001_first.sql"), (2, "0002_move.py")]
        db = Database(connect_raw(tmp_path / "x.db", bytes(32)), tmp_path / "x.db")
        assert migrations.migrate(db, steps) == 2
        assert db.scalar("SELECT id FROM parent") == 7
        db.close()
    finally:
        for name in [m for m in sys.modules if m.startswith(package)]:
            del sys.modules[name]


def test_the_shipped_steps_are_numbered_from_one() -> None:
    assert [s.version for s in SHIPPED] == list(range(1, len(SHIPPED) + 1))
    assert SHIPPED[0].name == "0001_vault.sql"


# -- a real vault with data --------------------------------------------------------------


def test_an_old_vault_with_data_is_backed_up_then_migrated_with_every_count_equal(
    old_vault: tuple[VaultPaths, str, dict[str, int]], clock: FixedClock
) -> None:
    paths, account_id, before = old_vault
    vault = _open(paths, account_id, clock, _with(_rebuild_student_with_nickname))
    try:
        assert migrations.current_version(vault.db) == NEXT
        assert _counts(vault.db) == before
        assert vault.db.all("PRAGMA foreign_key_check") == []
        assert vault.db.scalar("PRAGMA foreign_keys") == 1
        assert vault.db.scalar("SELECT count(*) FROM student WHERE nickname = ''") == 0
        assert vault.db.integrity_problems() == []
        backups = sorted(paths.backups.glob(f"sebelum-pembaruan-v{NEXT}-*.bkbak"))
        assert [b.name for b in backups] == [f"sebelum-pembaruan-v{NEXT}-20261129-0830-WITA.bkbak"]
        # Verified, and taken before anything changed: it holds the old schema.
        contents = verify_backup(backups[0], vault.master_key, paths.folder)
        assert contents.manifest["schema_version"] == NEXT - 1
    finally:
        vault.close()
    with pytest.raises(NewerVersion):
        _open(paths, account_id, clock)


def test_a_vault_already_current_is_opened_without_a_backup(
    old_vault: tuple[VaultPaths, str, dict[str, int]], clock: FixedClock
) -> None:
    paths, account_id, _ = old_vault
    existing = set(paths.backups.glob("*")) if paths.backups.exists() else set()
    _open(paths, account_id, clock).close()
    now = set(paths.backups.glob("*")) if paths.backups.exists() else set()
    assert now == existing


@pytest.mark.parametrize(
    ("step", "error"),
    [(_rebuild_then_fail, RuntimeError), (_orphan_the_requests, MigrationFailed)],
    ids=["step-raises", "dangling-reference"],
)
def test_a_failing_update_leaves_the_vault_as_it_was(
    old_vault: tuple[VaultPaths, str, dict[str, int]],
    clock: FixedClock,
    step: migrations.Apply,
    error: type[Exception],
) -> None:
    paths, account_id, before = old_vault
    files = _fingerprint(paths.folder)
    with pytest.raises(error):
        _open(paths, account_id, clock, _with(step))
    assert _fingerprint(paths.folder) == files
    vault = _open(paths, account_id, clock)  # the lock was released, the old version still opens
    try:
        assert migrations.current_version(vault.db) == NEXT - 1
        assert _counts(vault.db) == before
    finally:
        vault.close()


def test_no_update_without_its_backup(
    old_vault: tuple[VaultPaths, str, dict[str, int]], clock: FixedClock
) -> None:
    paths, account_id, before = old_vault
    paths.backups.mkdir(exist_ok=True)
    paths.backups.rmdir()
    paths.backups.write_bytes(b"sebuah berkas, bukan folder")  # the backup folder cannot exist
    files = _fingerprint(paths.folder)
    with pytest.raises(BackupBeforeUpdateFailed) as caught:
        _open(paths, account_id, clock, _with(_rebuild_student_with_nickname))
    assert str(paths.backups) in caught.value.message
    assert "Brankas tidak diubah" in caught.value.message
    assert _fingerprint(paths.folder) == files
    vault = _open(paths, account_id, clock)
    try:
        assert migrations.current_version(vault.db) == NEXT - 1
        assert _counts(vault.db) == before
    finally:
        vault.close()
