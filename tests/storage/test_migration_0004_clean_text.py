"""Step 4 cleans text stored before the rules existed, through the real migration runner.

Dirty rows are written with raw SQL (as an older program would have stored them), the vault is
set back to version 3 and opened again, so the runner takes its backup and applies step 4.
"""

from __future__ import annotations

import json

from bk_desktop.domain.students import StudentDraft
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import migrations
from bk_desktop.storage.vault import Vault

from support import PASSWORD

DIRTY = "\x1b[2JAni\x00 \u202eLestari\u2066"
CLEAN = "[2JAni Lestari"


def test_step_four_is_shipped_as_a_python_step() -> None:
    step = migrations.load_migrations()[3]
    assert (step.version, step.name) == (4, "0004_clean_text.py")


def test_opening_an_old_vault_cleans_names_notes_and_settings(workspace: Workspace) -> None:
    students = StudentService(workspace)
    student_id = students.create(StudentDraft(name="Placeholder"))
    db = workspace.db
    with db.transaction():
        db.execute(
            "UPDATE student SET name = :name, name_key = 'x', search_text = ' x', "
            "notes = :notes WHERE id = :id",
            {"name": DIRTY, "notes": "Satu\r\nDua\x07", "id": student_id},
        )
        db.execute(
            "INSERT INTO student_class (student_id, year_start, rombel, grade, search_key) "
            "VALUES (:id, 2026, :rombel, NULL, ' x')",
            {"id": student_id, "rombel": "X\x1b IPA\u202e 1"},
        )
        db.execute(
            "INSERT INTO guardian (student_id, position, name, relation) "
            "VALUES (:id, 0, :name, 'ibu')",
            {"id": student_id, "name": "Siti\r\nAminah\x1b"},
        )
        db.execute(
            "UPDATE setting SET value = :value WHERE key = 'school_name'",
            {"value": json.dumps("SMA\x1b[5m Negeri\u202e 1")},
        )
        db.execute(
            "UPDATE account SET name = :name WHERE id = :id",
            {"name": "Sari\x1b Wulandari", "id": workspace.account.id},
        )
        db.execute(
            "INSERT INTO student (name, name_key, search_text, created_at, updated_at) "
            "VALUES (:name, '', '', 'x', 'x')",
            {"name": "\x1b\x00"},
        )
    db.execute("PRAGMA user_version = 3")
    paths, account_id = workspace.vault.paths, workspace.account.id
    workspace.lock()

    # Steps up to 4: the later ones already ran on this vault, whose version was set back.
    steps = migrations.load_migrations()[:4]
    vault = Vault.open_with_password(paths, account_id, PASSWORD, steps=steps)
    try:
        db = vault.db
        assert migrations.current_version(db) == 4
        row = db.one(
            "SELECT name, name_key, search_text, notes FROM student WHERE id = :id",
            {"id": student_id},
        )
        assert row is not None
        assert (row["name"], row["notes"]) == (CLEAN, "Satu\nDua")
        assert row["name_key"] == "2jani lestari"
        assert row["search_text"] == " 2jani lestari"
        placement = db.one("SELECT rombel, grade, search_key FROM student_class")
        assert placement is not None
        assert (placement["rombel"], placement["grade"], placement["search_key"]) == (
            "X IPA 1",
            10,
            " x ipa 1",
        )
        assert db.scalar("SELECT name FROM guardian") == "Siti Aminah"
        assert json.loads(db.scalar("SELECT value FROM setting WHERE key = 'school_name'")) == (
            "SMA[5m Negeri 1"
        )
        assert db.scalar("SELECT name FROM account") == "Sari Wulandari"
        assert db.scalar("SELECT name FROM student WHERE id <> :id", {"id": student_id}) == (
            "(tanpa nama)"
        )
        assert list((paths.folder / "cadangan").glob("sebelum-pembaruan-v4-*.bkbak"))
    finally:
        vault.close()


def test_clean_rows_are_left_untouched(workspace: Workspace) -> None:
    student_id = StudentService(workspace).create(StudentDraft(name="Budi Santoso"))
    before = workspace.db.one("SELECT * FROM student WHERE id = :id", {"id": student_id})
    step = migrations.load_migrations()[3]
    changes = workspace.db.scalar("SELECT total_changes()")
    with workspace.db.transaction():
        step.apply(workspace.db)
    assert workspace.db.scalar("SELECT total_changes()") == changes
    after = workspace.db.one("SELECT * FROM student WHERE id = :id", {"id": student_id})
    assert before is not None and after is not None
    assert dict(zip(before.keys(), tuple(before), strict=True)) == dict(
        zip(after.keys(), tuple(after), strict=True)
    )
