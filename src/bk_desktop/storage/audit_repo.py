"""The append-only audit log (the table refuses UPDATE and DELETE by trigger)."""

from __future__ import annotations

from datetime import datetime

from bk_desktop.domain.audit import AuditEvent, AuditKind
from bk_desktop.storage.database import Database
from bk_desktop.storage.timefmt import from_text, to_text


def record(
    db: Database,
    kind: AuditKind | str,
    *,
    at: datetime,
    account_id: str | None,
    target_kind: str = "",
    target_id: str = "",
    detail: str = "",
) -> None:
    db.execute(
        "INSERT INTO audit_event (at, account_id, kind, target_kind, target_id, detail) "
        "VALUES (:at, :account_id, :kind, :target_kind, :target_id, :detail)",
        {
            "at": to_text(at),
            "account_id": account_id,
            "kind": str(kind),
            "target_kind": target_kind,
            "target_id": target_id,
            "detail": detail,
        },
    )


def latest(db: Database, kind: AuditKind | str) -> AuditEvent | None:
    row = db.one(
        "SELECT * FROM audit_event WHERE kind = :kind ORDER BY at DESC, id DESC LIMIT 1",
        {"kind": str(kind)},
    )
    if row is None:
        return None
    return AuditEvent(
        row["id"],
        from_text(row["at"]),
        row["account_id"],
        row["kind"],
        row["target_kind"],
        row["target_id"],
        row["detail"],
    )


def recent(db: Database, limit: int = 200) -> list[AuditEvent]:
    return [
        AuditEvent(
            r["id"],
            from_text(r["at"]),
            r["account_id"],
            r["kind"],
            r["target_kind"],
            r["target_id"],
            r["detail"],
        )
        for r in db.all("SELECT * FROM audit_event ORDER BY id DESC LIMIT :n", {"n": limit})
    ]


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM audit_event"))
