"""The incident register, the students linked to an incident and its log (schema step 16).

The rules are ``domain.incidents``'; this module turns enums into text and back. A trigger
keeps an incident's kind and the time it was found, and the log is only ever added to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bk_desktop.domain.incidents import (
    DataKind,
    EntryKind,
    IncidentEntry,
    IncidentKind,
    IncidentRecord,
    IncidentStatus,
    LinkedStudent,
    NoticeChannel,
    Recipient,
)
from bk_desktop.storage.database import Database, Row
from bk_desktop.storage.timefmt import from_text, to_text

_SELECT = (
    "SELECT i.*, coalesce(a.name, '') AS recorded_by_name FROM incident i "
    "LEFT JOIN account a ON a.id = i.recorded_by"
)
_ENTRIES = (
    "SELECT e.*, coalesce(a.name, '') AS account_name FROM incident_entry e "
    "LEFT JOIN account a ON a.id = e.account_id"
)


@dataclass(frozen=True)
class NewIncident:
    """A checked and cleaned form, ready to store."""

    kind: IncidentKind
    found_at: datetime
    what_happened: str
    data_kinds: frozenset[DataKind]
    data_other: str
    student_count: int
    student_ids: tuple[int, ...]
    reported_by: str
    recorded_at: datetime
    recorded_by: str | None


def insert(db: Database, new: NewIncident) -> int:
    cursor = db.execute(
        "INSERT INTO incident (kind, found_at, what_happened, data_other, student_count, "
        "reported_by, recorded_at, recorded_by, status) VALUES (:kind, :found, :what, :other, "
        ":count, :reporter, :at, :by, 'dicatat')",
        {
            "kind": new.kind.value,
            "found": to_text(new.found_at),
            "what": new.what_happened,
            "other": new.data_other,
            "count": new.student_count,
            "reporter": new.reported_by,
            "at": to_text(new.recorded_at),
            "by": new.recorded_by,
        },
    )
    incident_id = int(cursor.lastrowid)
    db.executemany(
        "INSERT INTO incident_data (incident_id, kind) VALUES (:id, :kind)",
        [{"id": incident_id, "kind": k.value} for k in sorted(new.data_kinds)],
    )
    db.executemany(
        "INSERT INTO incident_student (incident_id, student_id) VALUES (:id, :student)",
        [{"id": incident_id, "student": s} for s in sorted(set(new.student_ids))],
    )
    return incident_id


def insert_entry(
    db: Database,
    incident_id: int,
    *,
    kind: EntryKind,
    at: datetime,
    account_id: str | None,
    text: str,
    recorded_at: datetime,
    recipient: Recipient | None = None,
    channel: NoticeChannel | None = None,
) -> int:
    cursor = db.execute(
        "INSERT INTO incident_entry (incident_id, kind, at, account_id, text, recipient, "
        "channel, recorded_at) VALUES (:id, :kind, :at, :account, :text, :recipient, "
        ":channel, :recorded)",
        {
            "id": incident_id,
            "kind": kind.value,
            "at": to_text(at),
            "account": account_id,
            "text": text,
            "recipient": None if recipient is None else recipient.value,
            "channel": None if channel is None else channel.value,
            "recorded": to_text(recorded_at),
        },
    )
    return int(cursor.lastrowid)


def set_status(db: Database, incident_id: int, status: IncidentStatus) -> None:
    db.execute(
        "UPDATE incident SET status = :status WHERE id = :id",
        {"status": status.value, "id": incident_id},
    )


def _entry(row: Row) -> IncidentEntry:
    return IncidentEntry(
        id=int(row["id"]),
        incident_id=int(row["incident_id"]),
        kind=EntryKind(row["kind"]),
        at=from_text(row["at"]),
        account_id=row["account_id"],
        account_name=row["account_name"],
        text=row["text"],
        recipient=None if row["recipient"] is None else Recipient(row["recipient"]),
        channel=None if row["channel"] is None else NoticeChannel(row["channel"]),
        recorded_at=from_text(row["recorded_at"]),
    )


def _entries(db: Database, ids: Sequence[int]) -> dict[int, list[IncidentEntry]]:
    found: dict[int, list[IncidentEntry]] = {i: [] for i in ids}
    if not ids:
        return found
    for row in db.all(f"{_ENTRIES} ORDER BY e.incident_id, e.at, e.id"):
        entry = _entry(row)
        if entry.incident_id in found:
            found[entry.incident_id].append(entry)
    return found


def _data(db: Database) -> dict[int, set[DataKind]]:
    found: dict[int, set[DataKind]] = {}
    for row in db.all("SELECT incident_id, kind FROM incident_data"):
        found.setdefault(int(row["incident_id"]), set()).add(DataKind(row["kind"]))
    return found


def _students(db: Database, year_start: int, incident_id: int) -> tuple[LinkedStudent, ...]:
    return tuple(
        LinkedStudent(int(r["id"]), r["name"], r["rombel"] or "")
        for r in db.all(
            "SELECT s.id, s.name, c.rombel FROM incident_student l "
            "JOIN student s ON s.id = l.student_id LEFT JOIN student_class c "
            "ON c.student_id = s.id AND c.year_start = :year "
            "WHERE l.incident_id = :id ORDER BY s.name COLLATE NOCASE, s.id",
            {"id": incident_id, "year": year_start},
        )
    )


def _record(
    row: Row,
    data: set[DataKind],
    entries: Sequence[IncidentEntry],
    students: tuple[LinkedStudent, ...] = (),
) -> IncidentRecord:
    return IncidentRecord(
        id=int(row["id"]),
        kind=IncidentKind(row["kind"]),
        found_at=from_text(row["found_at"]),
        what_happened=row["what_happened"],
        data_kinds=frozenset(data),
        data_other=row["data_other"],
        student_count=int(row["student_count"]),
        reported_by=row["reported_by"],
        recorded_at=from_text(row["recorded_at"]),
        recorded_by=row["recorded_by"],
        recorded_by_name=row["recorded_by_name"],
        status=IncidentStatus(row["status"]),
        students=students,
        entries=tuple(entries),
    )


def get(db: Database, incident_id: int, *, year_start: int) -> IncidentRecord | None:
    """One incident with its data kinds, linked students (class of ``year_start``) and log."""
    row = db.one(f"{_SELECT} WHERE i.id = :id", {"id": incident_id})
    if row is None:
        return None
    data = {
        DataKind(r["kind"])
        for r in db.all(
            "SELECT kind FROM incident_data WHERE incident_id = :id", {"id": incident_id}
        )
    }
    entries = [
        _entry(r)
        for r in db.all(
            f"{_ENTRIES} WHERE e.incident_id = :id ORDER BY e.at, e.id", {"id": incident_id}
        )
    ]
    return _record(row, data, entries, _students(db, year_start, incident_id))


def listed(
    db: Database, *, open_only: bool = False, recorded_by: str | None = None
) -> list[IncidentRecord]:
    """Incidents newest found first, with data kinds and log but without linked students;
    ``recorded_by`` keeps those one account recorded."""
    where: list[str] = []
    params: dict[str, object] = {}
    if open_only:
        where.append("i.status <> 'selesai'")
    if recorded_by is not None:
        where.append("i.recorded_by = :by")
        params["by"] = recorded_by
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = db.all(f"{_SELECT}{clause} ORDER BY i.found_at DESC, i.id DESC", params)
    ids = [int(r["id"]) for r in rows]
    data = _data(db) if ids else {}
    entries = _entries(db, ids)
    return [_record(r, data.get(int(r["id"]), set()), entries[int(r["id"])]) for r in rows]


def linked_counts(db: Database) -> dict[int, int]:
    """How many students are linked to each incident that has any."""
    return {
        int(r["incident_id"]): int(r["n"])
        for r in db.all(
            "SELECT incident_id, count(*) AS n FROM incident_student GROUP BY incident_id"
        )
    }


__all__ = [
    "NewIncident",
    "get",
    "insert",
    "insert_entry",
    "linked_counts",
    "listed",
    "set_status",
]
