"""The doubts an import left about each student (table ``student_import_warning``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bk_desktop.storage.database import Database
from bk_desktop.storage.timefmt import from_text, to_text


@dataclass(frozen=True)
class StoredImportWarning:
    student_id: int
    source: str
    row_number: int
    message: str
    imported_at: datetime


def replace_for(
    db: Database,
    student_id: int,
    warnings: Sequence[tuple[int, str]],
    *,
    source: str,
    now: datetime,
) -> None:
    """The student's warnings become ``warnings`` ((row number, message)) of this import."""
    db.execute("DELETE FROM student_import_warning WHERE student_id = :id", {"id": student_id})
    db.executemany(
        "INSERT INTO student_import_warning (student_id, source, row_number, message, "
        "imported_at) VALUES (:id, :source, :row, :message, :now)",
        [
            {
                "id": student_id,
                "source": source,
                "row": row,
                "message": message,
                "now": to_text(now),
            }
            for row, message in warnings
        ],
    )


def for_student(db: Database, student_id: int) -> list[StoredImportWarning]:
    rows = db.all(
        "SELECT * FROM student_import_warning WHERE student_id = :id ORDER BY row_number, id",
        {"id": student_id},
    )
    return [
        StoredImportWarning(
            student_id=row["student_id"],
            source=row["source"],
            row_number=row["row_number"],
            message=row["message"],
            imported_at=from_text(row["imported_at"]),
        )
        for row in rows
    ]


def student_count(db: Database) -> int:
    return int(db.scalar("SELECT count(DISTINCT student_id) FROM student_import_warning"))


def clear(db: Database, student_id: int) -> bool:
    cursor = db.execute(
        "DELETE FROM student_import_warning WHERE student_id = :id", {"id": student_id}
    )
    return bool(cursor.rowcount)
