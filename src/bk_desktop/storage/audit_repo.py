"""The append-only audit log (the table refuses UPDATE and DELETE by trigger)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bk_desktop.domain.audit import AuditEvent, AuditKind
from bk_desktop.storage.database import Database, Row, in_values
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


# -- the koordinator's audit view (issue 18) ---------------------------------------------------


@dataclass(frozen=True)
class AuditQuery:
    """Which events the audit view asks for: a half-open span of instants, one account, and
    the kinds (``None``: every kind, including kinds this program version does not know)."""

    start: datetime | None = None
    end: datetime | None = None
    account_id: str | None = None
    kinds: tuple[str, ...] | None = None
    hidden_complaints: tuple[str, ...] = ()
    """Kotak Saran entries (ids) whose events the viewer may not see at all."""


PageMark = tuple[str, int]
"""Where a page ended: the last row's stored time and id (the next page starts after it)."""


def _event(row: Row) -> AuditEvent:
    return AuditEvent(
        row["id"],
        from_text(row["at"]),
        row["account_id"],
        row["kind"],
        row["target_kind"],
        row["target_id"],
        row["detail"],
    )


def _where(query: AuditQuery, params: dict[str, Any]) -> str:
    conditions = ["1"]
    if query.start is not None:
        params["start"] = to_text(query.start)
        conditions.append("at >= :start")
    if query.end is not None:
        params["end"] = to_text(query.end)
        conditions.append("at < :end")
    if query.account_id is not None:
        params["account"] = query.account_id
        conditions.append("account_id = :account")
    if query.kinds is not None:
        conditions.append(in_values("kind", query.kinds, params, "k"))
    if query.hidden_complaints:
        hidden = in_values("target_id", query.hidden_complaints, params, "h")
        conditions.append(f"(target_kind IS NOT 'complaint' OR target_id IS NULL OR NOT {hidden})")
    return " AND ".join(conditions)


def matching(
    db: Database, query: AuditQuery, *, after: PageMark | None = None, limit: int = 200
) -> list[AuditEvent]:
    """One page of the events ``query`` asks for, newest first, starting after ``after``.

    Keyset paging on (at, id) — never OFFSET, which reads and throws away every earlier row —
    so the hundredth page of a five-year log costs what the first does: the rows are read in
    (at, id) order, and a kind filter uses the ``(kind, at)`` index of schema step 1.
    """
    params: dict[str, Any] = {"limit": limit}
    where = _where(query, params)
    if after is not None:
        params["after_at"], params["after_id"] = after
        where += " AND (at < :after_at OR (at = :after_at AND id < :after_id))"
    rows = db.all(
        "SELECT id, at, account_id, kind, target_kind, target_id, detail FROM audit_event "
        f"WHERE {where} ORDER BY at DESC, id DESC LIMIT :limit",
        params,
    )
    return [_event(row) for row in rows]


def mark_of(event: AuditEvent) -> PageMark:
    """The page mark after ``event`` (its stored time text and id)."""
    return to_text(event.at), event.id


def count_matching(db: Database, query: AuditQuery) -> int:
    params: dict[str, Any] = {}
    return int(db.scalar(f"SELECT count(*) FROM audit_event WHERE {_where(query, params)}", params))


# -- how much the vault keeps, for the record of processing ------------------------------------

KEPT_TABLES = (
    "student",
    "student_class",
    "guardian",
    "student_import_warning",
    "consent",
    "consent_scan",
    "consent_text",
    "request",
    "request_event",
    "request_clock",
    "emergency_action",
    "screening",
    "referral",
    "referral_event",
    "counselling_session",
    "session_alternative",
    "session_addendum",
    "counselling_case",
    "action_item",
    "follow_up",
    "letter",
    "commitment",
    "report_text",
    "complaint",
    "complaint_action",
    "data_request",
    "data_request_redaction",
    "incident",
    "incident_data",
    "incident_student",
    "incident_entry",
    "draft",
    "audit_event",
)
"""The tables whose rows the record of processing counts (UU PDP Ps. 31: what is processed):
every table that holds something about a person. A table a later schema step brings is
counted once it exists."""

NOT_COUNTED_TABLES = {
    "academic_term": "the school's semesters",
    "import_preset": "how the columns of an import file were matched",
    "letter_counter": "the next letter number of a year",
    "letterhead_logo": "the school's logo",
    "synthetic_record": "which records are demo data (kind and id only)",
    "complaint_code": "the tracking codes given (year, serial, when); the entry is counted",
    "complaint_box_opening": "when the Kotak Saran box was opened; its slips are counted",
    "account": "staff accounts: the record names them by role in its own section",
    "setting": "the school's settings: the officer and signers appear in their own sections",
    "erasure_ledger": "which rows an erasure removed (a random token and row ids, no content)",
}
"""The tables the record of processing does not count, each with why: they hold nothing about
a student, or what they hold about staff is shown in a section of its own. A test holds every
table of the schema to ``KEPT_TABLES`` or here, so a new table is not forgotten."""


def kept_counts(db: Database) -> dict[str, int]:
    """Rows per table of ``KEPT_TABLES`` that exist in this vault; counts only, no content."""
    existing = {r[0] for r in db.all("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {
        table: int(db.scalar(f"SELECT count(*) FROM {table}"))
        for table in KEPT_TABLES
        if table in existing
    }


def kinds_present(db: Database) -> list[str]:
    """The distinct kinds the log holds (a skip-scan of the (kind, at) index, not the rows)."""
    return [r[0] for r in db.all("SELECT DISTINCT kind FROM audit_event ORDER BY kind")]
