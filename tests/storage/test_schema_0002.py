"""Schema step 2: students, requests, screenings — tables, constraints and indexes."""

from __future__ import annotations

import pytest
import sqlcipher3

from bk_desktop.services.overview import record_counts
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import migrations

TABLES = {
    "academic_term",
    "student",
    "student_class",
    "guardian",
    "request",
    "request_event",
    "screening",
    "referral",
    "import_preset",
}


def test_step_two_creates_strict_tables(workspace: Workspace) -> None:
    db = workspace.db
    assert migrations.current_version(db) >= 2
    rows = {r["name"]: r["sql"] for r in db.all("SELECT name, sql FROM sqlite_master")}
    for table in TABLES:
        assert table in rows
        assert "STRICT" in rows[table]


def test_counts_include_students_requests_and_screenings(workspace: Workspace) -> None:
    counts = record_counts(workspace.db)
    assert counts["students"] == 0
    assert counts["requests"] == 0
    assert counts["screenings"] == 0


def test_nis_is_unique_but_blank_nis_may_repeat(workspace: Workspace) -> None:
    db = workspace.db
    insert = (
        "INSERT INTO student (name, name_key, nis, search_text, created_at, updated_at) "
        "VALUES (:name, :name, :nis, '', 'x', 'x')"
    )
    db.execute(insert, {"name": "a", "nis": ""})
    db.execute(insert, {"name": "b", "nis": ""})
    db.execute(insert, {"name": "c", "nis": "123"})
    with pytest.raises(sqlcipher3.IntegrityError):
        db.execute(insert, {"name": "d", "nis": "123"})


def test_strict_columns_refuse_wrong_types_and_values(workspace: Workspace) -> None:
    db = workspace.db
    with pytest.raises(sqlcipher3.IntegrityError):
        db.execute(
            "INSERT INTO student (name, name_key, status, search_text, created_at, updated_at) "
            "VALUES ('a', 'a', 'hilang', '', 'x', 'x')"
        )
    with pytest.raises(sqlcipher3.IntegrityError):
        db.execute(
            "INSERT INTO academic_term (year_start, semester, start_date, end_date) "
            "VALUES ('dua ribu', 'ganjil', '2026-07-01', '2026-12-31')"
        )


def test_search_and_queue_queries_use_indexes(workspace: Workspace) -> None:
    db = workspace.db
    plan = " ".join(
        str(r[3])
        for r in db.all(
            "EXPLAIN QUERY PLAN SELECT id FROM request WHERE status = 'diterima' "
            "ORDER BY received_at"
        )
    )
    assert "request_status_received" in plan
    plan = " ".join(
        str(r[3])
        for r in db.all(
            "EXPLAIN QUERY PLAN SELECT id FROM student WHERE instr(search_text, ' a') > 0 "
            "ORDER BY name_key, id"
        )
    )
    assert "COVERING INDEX student_list" in plan
