"""Numbered letters and the per-year counter (schema step 12). The rules are
``domain.letters``'; this module stores and reads them, and the table's triggers refuse to
delete a number or change one once given."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from bk_desktop.domain.documents import DocumentKind
from bk_desktop.domain.letters import LetterRecord
from bk_desktop.storage.database import Database, Row
from bk_desktop.storage.timefmt import from_text, to_text


def _record(row: Row) -> LetterRecord:
    details = json.loads(row["details"] or "{}")
    return LetterRecord(
        id=int(row["id"]),
        kind=DocumentKind(row["kind"]),
        year=int(row["year"]),
        serial=int(row["serial"]),
        number=row["number"],
        target_kind=row["target_kind"],
        target_id=int(row["target_id"]),
        issued_at=from_text(row["issued_at"]),
        issued_by=row["issued_by"],
        details={str(k): str(v) for k, v in details.items()},
        voided_at=None if row["voided_at"] is None else from_text(row["voided_at"]),
        voided_by=row["voided_by"],
        void_reason=row["void_reason"],
    )


def insert(
    db: Database,
    *,
    kind: DocumentKind,
    year: int,
    serial: int,
    number: str,
    target_kind: str,
    target_id: int,
    details: Mapping[str, str],
    issued_at: datetime,
    issued_by: str | None,
) -> int:
    cursor = db.execute(
        "INSERT INTO letter (kind, year, serial, number, target_kind, target_id, details, "
        "issued_at, issued_by) VALUES (:kind, :year, :serial, :number, :target_kind, "
        ":target_id, :details, :issued_at, :issued_by)",
        {
            "kind": kind.value,
            "year": year,
            "serial": serial,
            "number": number,
            "target_kind": target_kind,
            "target_id": target_id,
            "details": json.dumps(dict(details), ensure_ascii=False, sort_keys=True),
            "issued_at": to_text(issued_at),
            "issued_by": issued_by,
        },
    )
    return int(cursor.lastrowid)


def get(db: Database, letter_id: int) -> LetterRecord | None:
    row = db.one("SELECT * FROM letter WHERE id = :id", {"id": letter_id})
    return None if row is None else _record(row)


def for_target(
    db: Database, kind: DocumentKind, target_kind: str, target_id: int
) -> list[LetterRecord]:
    """Every letter of ``kind`` written from one record, the oldest first, void ones too."""
    return [
        _record(row)
        for row in db.all(
            "SELECT * FROM letter WHERE kind = :kind AND target_kind = :target_kind "
            "AND target_id = :target_id ORDER BY id",
            {"kind": kind.value, "target_kind": target_kind, "target_id": target_id},
        )
    ]


def highest_serial(db: Database, year: int) -> int | None:
    """The highest serial given in ``year``, void ones included (a void number is used)."""
    value = db.scalar("SELECT max(serial) FROM letter WHERE year = :year", {"year": year})
    return None if value is None else int(value)


def latest(db: Database) -> LetterRecord | None:
    """The letter issued last (the highest id), for "the last number given"."""
    row = db.one("SELECT * FROM letter ORDER BY id DESC LIMIT 1")
    return None if row is None else _record(row)


def counter(db: Database, year: int) -> int | None:
    value = db.scalar("SELECT next_serial FROM letter_counter WHERE year = :year", {"year": year})
    return None if value is None else int(value)


def set_counter(db: Database, year: int, next_serial: int) -> None:
    db.execute(
        "INSERT INTO letter_counter (year, next_serial) VALUES (:year, :next) "
        "ON CONFLICT (year) DO UPDATE SET next_serial = excluded.next_serial",
        {"year": year, "next": next_serial},
    )


def void(db: Database, letter_id: int, *, at: datetime, by: str | None, reason: str) -> None:
    db.execute(
        "UPDATE letter SET voided_at = :at, voided_by = :by, void_reason = :reason "
        "WHERE id = :id AND voided_at IS NULL",
        {"id": letter_id, "at": to_text(at), "by": by, "reason": reason},
    )
