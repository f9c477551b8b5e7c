"""The register of permohonan hak atas data pribadi and their redactions (schema step 18).

The rules are ``domain.data_requests``'; this module stores and reads. Names come from
joins (the student's, the rombel of ``year``, the accounts'), never stored twice."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bk_desktop.domain.audit import AuditEvent
from bk_desktop.domain.data_requests import (
    DataRequestRecord,
    DataRequestStatus,
    DataRight,
    Decision,
    Redaction,
    Requester,
)
from bk_desktop.domain.students import GuardianRelation
from bk_desktop.storage.database import Database, Row, in_values
from bk_desktop.storage.timefmt import from_text, to_text

ERASED_STUDENT = "(siswa dihapus)"
"""The student of a request whose student was erased (schema step 19): the request stays as
proof it was answered, its link cut (``student_id`` NULL, read as 0, an id SQLite never
gives)."""

_SELECT = (
    "SELECT d.*, coalesce(st.name, :erased) AS student_name, coalesce(c.rombel, '') AS rombel, "
    "coalesce(da.name, '') AS decided_by_name, coalesce(ca.name, '') AS completed_by_name "
    "FROM data_request d LEFT JOIN student st ON st.id = d.student_id "
    "LEFT JOIN student_class c ON c.student_id = d.student_id AND c.year_start = :year "
    "LEFT JOIN account da ON da.id = d.decided_by "
    "LEFT JOIN account ca ON ca.id = d.completed_by"
)


def _when(text: str | None) -> datetime | None:
    return None if text is None else from_text(text)


def _record(row: Row) -> DataRequestRecord:
    relation = row["relation"]
    decision = row["decision"]
    return DataRequestRecord(
        id=int(row["id"]),
        year=int(row["year"]),
        serial=int(row["serial"]),
        student_id=int(row["student_id"] or 0),
        student_name=row["student_name"],
        rombel=row["rombel"],
        requester=Requester(row["requester"]),
        requester_name=row["requester_name"],
        relation=None if relation is None else GuardianRelation(relation),
        right=DataRight(row["data_right"]),
        text=row["text"],
        received_at=from_text(row["received_at"]),
        received_by=row["received_by"],
        recorded_at=from_text(row["recorded_at"]),
        backdate_reason=row["backdate_reason"],
        status=DataRequestStatus(row["status"]),
        decision=None if decision is None else Decision(decision),
        decision_reason=row["decision_reason"],
        decided_at=_when(row["decided_at"]),
        decided_by_name=row["decided_by_name"],
        completed_at=_when(row["completed_at"]),
        completion_note=row["completion_note"],
        completed_by_name=row["completed_by_name"],
    )


@dataclass(frozen=True)
class NewDataRequest:
    """A checked and cleaned request, ready to store."""

    year: int
    student_id: int
    requester: Requester
    requester_name: str
    relation: GuardianRelation | None
    right: DataRight
    text: str
    received_at: datetime
    received_by: str | None
    recorded_at: datetime
    backdate_reason: str


def next_serial(db: Database, year: int) -> int:
    value = db.scalar("SELECT max(serial) FROM data_request WHERE year = :year", {"year": year})
    return 1 if value is None else int(value) + 1


def insert(db: Database, new: NewDataRequest) -> int:
    cursor = db.execute(
        "INSERT INTO data_request (year, serial, student_id, requester, requester_name, "
        "relation, data_right, text, received_at, received_by, recorded_at, backdate_reason, "
        "status) VALUES (:year, :serial, :student, :requester, :name, :relation, :right, "
        ":text, :received_at, :received_by, :recorded_at, :backdate_reason, 'diterima')",
        {
            "year": new.year,
            "serial": next_serial(db, new.year),
            "student": new.student_id,
            "requester": new.requester.value,
            "name": new.requester_name,
            "relation": None if new.relation is None else new.relation.value,
            "right": new.right.value,
            "text": new.text,
            "received_at": to_text(new.received_at),
            "received_by": new.received_by,
            "recorded_at": to_text(new.recorded_at),
            "backdate_reason": new.backdate_reason,
        },
    )
    return int(cursor.lastrowid)


def get(db: Database, request_id: int, year: int) -> DataRequestRecord | None:
    row = db.one(
        f"{_SELECT} WHERE d.id = :id", {"id": request_id, "year": year, "erased": ERASED_STUDENT}
    )
    return None if row is None else _record(row)


def listed(
    db: Database, *, year: int, open_only: bool = False, student_id: int | None = None
) -> list[DataRequestRecord]:
    """Requests newest received first; ``year`` picks the rombel shown."""
    where: list[str] = []
    params: dict[str, Any] = {"year": year, "erased": ERASED_STUDENT}
    if open_only:
        where.append("d.status <> 'selesai'")
    if student_id is not None:
        where.append("d.student_id = :student")
        params["student"] = student_id
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
    return [_record(r) for r in db.all(sql + " ORDER BY d.received_at DESC, d.id DESC", params)]


def decide(
    db: Database, request_id: int, *, decision: Decision, reason: str, at: datetime, by: str
) -> None:
    db.execute(
        "UPDATE data_request SET status = 'diputuskan', decision = :decision, "
        "decision_reason = :reason, decided_at = :at, decided_by = :by WHERE id = :id",
        {
            "id": request_id,
            "decision": decision.value,
            "reason": reason,
            "at": to_text(at),
            "by": by,
        },
    )


def complete(db: Database, request_id: int, *, note: str, at: datetime, by: str) -> None:
    db.execute(
        "UPDATE data_request SET status = 'selesai', completion_note = :note, "
        "completed_at = :at, completed_by = :by WHERE id = :id",
        {"id": request_id, "note": note, "at": to_text(at), "by": by},
    )


def redactions(db: Database, request_id: int) -> list[Redaction]:
    return [
        Redaction(
            record_kind=row["record_kind"],
            record_id=int(row["record_id"]),
            field=row["field"],
            passage=row["passage"],
            reason=row["reason"],
        )
        for row in db.all(
            "SELECT * FROM data_request_redaction WHERE data_request_id = :id ORDER BY id",
            {"id": request_id},
        )
    ]


def replace_redactions(
    db: Database, request_id: int, items: Sequence[Redaction], *, at: datetime, by: str
) -> None:
    """The request's redactions become ``items`` (the dialog saves its whole list)."""
    db.execute("DELETE FROM data_request_redaction WHERE data_request_id = :id", {"id": request_id})
    for item in items:
        db.execute(
            "INSERT INTO data_request_redaction (data_request_id, record_kind, record_id, "
            "field, passage, reason, saved_at, saved_by) VALUES (:request, :kind, :record, "
            ":field, :passage, :reason, :at, :by)",
            {
                "request": request_id,
                "kind": item.record_kind,
                "record": item.record_id,
                "field": item.field,
                "passage": item.passage,
                "reason": item.reason,
                "at": to_text(at),
                "by": by,
            },
        )


# -- what a student's copy reads beside its records ------------------------------------------


def _where_targets(
    column_kind: str, column_id: str, targets: Mapping[str, Collection[int]], params: dict[str, Any]
) -> str:
    parts = []
    for index, (kind, ids) in enumerate(sorted(targets.items())):
        if not ids:
            continue
        params[f"kind{index}"] = kind
        values = (str(i) for i in sorted(ids))
        parts.append(
            f"({column_kind} = :kind{index} AND "
            f"{in_values(column_id, values, params, f't{index}_')})"
        )
    return " OR ".join(parts) or "0"


def audit_about(db: Database, targets: Mapping[str, Collection[int]]) -> list[AuditEvent]:
    """The audit events whose target is one of ``targets`` (kind → record ids), oldest
    first. ``detail`` is read but a copy never prints it (it may name a file's folder)."""
    params: dict[str, Any] = {}
    where = _where_targets("target_kind", "target_id", targets, params)
    return [
        AuditEvent(
            int(r["id"]),
            from_text(r["at"]),
            r["account_id"],
            r["kind"],
            r["target_kind"],
            r["target_id"],
            r["detail"],
        )
        for r in db.all(f"SELECT * FROM audit_event WHERE {where} ORDER BY at, id", params)
    ]


def letters_about(db: Database, targets: Mapping[str, Collection[int]]) -> list[int]:
    """The ids of the letters written from one of ``targets`` (kind → record ids)."""
    params: dict[str, Any] = {}
    # letter.target_id is a number; in_values binds text, so compare it as text.
    where = _where_targets("target_kind", "CAST(target_id AS TEXT)", targets, params)
    return [
        int(r["id"]) for r in db.all(f"SELECT id FROM letter WHERE {where} ORDER BY id", params)
    ]


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM data_request"))
