"""Kotak Saran's entries, their follow-up log, the box's openings and every tracking code
ever given (schema step 14). The rules are ``domain.complaints``'; this module turns enums
into text and back, and the table triggers refuse to delete or change a code once given."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bk_desktop.domain.complaints import (
    ActionKind,
    BoxOpening,
    Channel,
    ComplaintAction,
    ComplaintRecord,
    ComplaintStatus,
    ComplaintType,
    Handling,
    SenderKind,
    Subject,
)
from bk_desktop.storage.database import Database, Row, in_values
from bk_desktop.storage.timefmt import from_text, to_text

SLIP = "slip"
ENTRY = "entry"

_SELECT = (
    "SELECT c.*, coalesce(a.name, '') AS about_account_name FROM complaint c "
    "LEFT JOIN account a ON a.id = c.about_account_id"
)


def _when(text: str | None) -> datetime | None:
    return None if text is None else from_text(text)


def _record(row: Row, actions: tuple[ComplaintAction, ...] = ()) -> ComplaintRecord:
    return ComplaintRecord(
        id=int(row["id"]),
        code=row["code"],
        kind=ComplaintType(row["kind"]),
        channel=Channel(row["channel"]),
        channel_other=row["channel_other"],
        sender_kind=SenderKind(row["sender_kind"]),
        sender_name=row["sender_name"],
        sender_contact=row["sender_contact"],
        subject=Subject(row["subject"]),
        about_account_id=row["about_account_id"],
        about_account_name=row["about_account_name"],
        about_detail=row["about_detail"],
        student_id=None if row["student_id"] is None else int(row["student_id"]),
        text=row["text"],
        received_at=from_text(row["received_at"]),
        received_by=row["received_by"],
        recorded_at=from_text(row["recorded_at"]),
        backdate_reason=row["backdate_reason"],
        box_opening_id=None if row["box_opening_id"] is None else int(row["box_opening_id"]),
        handling=Handling(row["handling"]),
        status=ComplaintStatus(row["status"]),
        first_follow_up_at=_when(row["first_follow_up_at"]),
        public_response=row["public_response"],
        actions=actions,
    )


def _action(row: Row) -> ComplaintAction:
    return ComplaintAction(
        id=int(row["id"]),
        complaint_id=int(row["complaint_id"]),
        kind=ActionKind(row["kind"]),
        at=from_text(row["at"]),
        account_id=row["account_id"],
        account_name=row["account_name"],
        text=row["text"],
        public=bool(row["public"]),
        recorded_at=from_text(row["recorded_at"]),
        backdate_reason=row["backdate_reason"],
    )


# -- codes ---------------------------------------------------------------------------------


def serials(db: Database, year: int) -> list[int]:
    """Every serial given in ``year``, reserved slips and entries alike."""
    return [
        int(r[0])
        for r in db.all("SELECT serial FROM complaint_code WHERE year = :year", {"year": year})
    ]


def add_code(
    db: Database,
    *,
    code: str,
    year: int,
    serial: int,
    origin: str,
    issued_at: datetime,
    issued_by: str | None,
) -> None:
    db.execute(
        "INSERT INTO complaint_code (code, year, serial, origin, issued_at, issued_by) "
        "VALUES (:code, :year, :serial, :origin, :at, :by)",
        {
            "code": code,
            "year": year,
            "serial": serial,
            "origin": origin,
            "at": to_text(issued_at),
            "by": issued_by,
        },
    )


@dataclass(frozen=True)
class CodeRow:
    code: str
    origin: str
    complaint_id: int | None
    removed: bool = False
    """Its entry was taken out (demo-data --remove): the code is no longer valid."""


def find_code(db: Database, code: str) -> CodeRow | None:
    """A code as given (exact text, check part included) and the entry registered under it."""
    row = db.one(
        "SELECT k.code, k.origin, k.removed, c.id AS complaint_id FROM complaint_code k "
        "LEFT JOIN complaint c ON c.code = k.code WHERE k.code = :code",
        {"code": code},
    )
    if row is None:
        return None
    return CodeRow(
        row["code"],
        row["origin"],
        None if row["complaint_id"] is None else int(row["complaint_id"]),
        bool(row["removed"]),
    )


# -- box openings --------------------------------------------------------------------------


def insert_box_opening(
    db: Database,
    *,
    opened_at: datetime,
    recorded_at: datetime,
    recorded_by: str | None,
    backdate_reason: str,
) -> int:
    cursor = db.execute(
        "INSERT INTO complaint_box_opening (opened_at, recorded_at, recorded_by, "
        "backdate_reason) VALUES (:opened, :recorded, :by, :reason)",
        {
            "opened": to_text(opened_at),
            "recorded": to_text(recorded_at),
            "by": recorded_by,
            "reason": backdate_reason,
        },
    )
    return int(cursor.lastrowid)


_OPENING = (
    "SELECT o.*, (SELECT count(*) FROM complaint c WHERE c.box_opening_id = o.id) AS slips "
    "FROM complaint_box_opening o"
)


def _opening(row: Row) -> BoxOpening:
    return BoxOpening(
        id=int(row["id"]),
        opened_at=from_text(row["opened_at"]),
        recorded_by=row["recorded_by"],
        backdate_reason=row["backdate_reason"],
        slips=int(row["slips"]),
    )


def box_opening(db: Database, opening_id: int) -> BoxOpening | None:
    row = db.one(_OPENING + " WHERE o.id = :id", {"id": opening_id})
    return None if row is None else _opening(row)


def box_openings(db: Database, limit: int) -> list[BoxOpening]:
    return [
        _opening(r)
        for r in db.all(_OPENING + " ORDER BY o.opened_at DESC, o.id DESC LIMIT :n", {"n": limit})
    ]


# -- entries -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewComplaint:
    code: str
    kind: ComplaintType
    channel: Channel
    channel_other: str
    sender_kind: SenderKind
    sender_name: str
    sender_contact: str
    subject: Subject
    about_account_id: str | None
    about_detail: str
    student_id: int | None
    text: str
    received_at: datetime
    received_by: str | None
    recorded_at: datetime
    backdate_reason: str
    box_opening_id: int | None
    handling: Handling


def insert(db: Database, new: NewComplaint) -> int:
    cursor = db.execute(
        "INSERT INTO complaint (code, kind, channel, channel_other, sender_kind, sender_name, "
        "sender_contact, subject, about_account_id, about_detail, student_id, text, "
        "received_at, received_by, recorded_at, backdate_reason, box_opening_id, handling, "
        "status) VALUES (:code, :kind, :channel, :channel_other, :sender_kind, :sender_name, "
        ":sender_contact, :subject, :about_account_id, :about_detail, :student_id, :text, "
        ":received_at, :received_by, :recorded_at, :backdate_reason, :box_opening_id, "
        ":handling, :status)",
        {
            "code": new.code,
            "kind": new.kind.value,
            "channel": new.channel.value,
            "channel_other": new.channel_other,
            "sender_kind": new.sender_kind.value,
            "sender_name": new.sender_name,
            "sender_contact": new.sender_contact,
            "subject": new.subject.value,
            "about_account_id": new.about_account_id,
            "about_detail": new.about_detail,
            "student_id": new.student_id,
            "text": new.text,
            "received_at": to_text(new.received_at),
            "received_by": new.received_by,
            "recorded_at": to_text(new.recorded_at),
            "backdate_reason": new.backdate_reason,
            "box_opening_id": new.box_opening_id,
            "handling": new.handling.value,
            "status": ComplaintStatus.DITERIMA.value,
        },
    )
    return int(cursor.lastrowid)


def insert_action(
    db: Database,
    complaint_id: int,
    *,
    kind: ActionKind,
    at: datetime,
    account_id: str | None,
    text: str,
    public: bool,
    recorded_at: datetime,
    backdate_reason: str = "",
) -> int:
    cursor = db.execute(
        "INSERT INTO complaint_action (complaint_id, kind, at, account_id, text, public, "
        "recorded_at, backdate_reason) VALUES (:complaint, :kind, :at, :account, :text, "
        ":public, :recorded, :reason)",
        {
            "complaint": complaint_id,
            "kind": kind.value,
            "at": to_text(at),
            "account": account_id,
            "text": text,
            "public": int(public),
            "recorded": to_text(recorded_at),
            "reason": backdate_reason,
        },
    )
    return int(cursor.lastrowid)


def update_progress(
    db: Database,
    complaint_id: int,
    *,
    status: ComplaintStatus,
    first_follow_up_at: datetime | None,
    public_response: str,
) -> None:
    db.execute(
        "UPDATE complaint SET status = :status, first_follow_up_at = :first, "
        "public_response = :public WHERE id = :id",
        {
            "id": complaint_id,
            "status": status.value,
            "first": None if first_follow_up_at is None else to_text(first_follow_up_at),
            "public": public_response,
        },
    )


def actions(db: Database, complaint_id: int) -> tuple[ComplaintAction, ...]:
    return tuple(
        _action(r)
        for r in db.all(
            "SELECT x.*, coalesce(a.name, '') AS account_name FROM complaint_action x "
            "LEFT JOIN account a ON a.id = x.account_id WHERE x.complaint_id = :id "
            "ORDER BY x.at, x.id",
            {"id": complaint_id},
        )
    )


def get(db: Database, complaint_id: int, *, with_actions: bool = True) -> ComplaintRecord | None:
    row = db.one(_SELECT + " WHERE c.id = :id", {"id": complaint_id})
    if row is None:
        return None
    return _record(row, actions(db, complaint_id) if with_actions else ())


def by_code(db: Database, code: str) -> ComplaintRecord | None:
    row = db.one(_SELECT + " WHERE c.code = :code", {"code": code})
    return None if row is None else _record(row)


def listed(
    db: Database,
    *,
    first: datetime | None = None,
    end: datetime | None = None,
    kinds: Iterable[ComplaintType] = (),
    statuses: Iterable[ComplaintStatus] = (),
    channel: Channel | None = None,
    open_only: bool = False,
) -> list[ComplaintRecord]:
    """Entries (without their logs) received in [first, end), newest received first."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if first is not None:
        where.append("c.received_at >= :first")
        params["first"] = to_text(first)
    if end is not None:
        where.append("c.received_at < :end")
        params["end"] = to_text(end)
    kind_values = [k.value for k in kinds]
    if kind_values:
        where.append(in_values("c.kind", kind_values, params, "k"))
    status_values = [s.value for s in statuses]
    if status_values:
        where.append(in_values("c.status", status_values, params, "s"))
    if channel is not None:
        where.append("c.channel = :channel")
        params["channel"] = channel.value
    if open_only:
        where.append("c.status <> 'selesai'")
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
    return [_record(r) for r in db.all(sql + " ORDER BY c.received_at DESC, c.id DESC", params)]


def with_tanggapan(db: Database) -> set[int]:
    """The entries that have at least one response (a thanked appreciation)."""
    return {
        int(r[0])
        for r in db.all(
            "SELECT DISTINCT complaint_id FROM complaint_action WHERE kind = 'tanggapan'"
        )
    }


def board(db: Database) -> list[ComplaintRecord]:
    """Anonymous entries with a public response, newest received first."""
    return [
        _record(r)
        for r in db.all(
            _SELECT + " WHERE c.sender_kind = 'anonim' AND c.public_response <> '' "
            "ORDER BY c.received_at DESC, c.id DESC"
        )
    ]


@dataclass(frozen=True)
class Sight:
    """What ``domain.complaints.may_open`` needs of an entry, and nothing of its content."""

    id: int
    handling: Handling
    about_account_id: str | None
    received_by: str | None


def sights(db: Database) -> list[Sight]:
    """Every entry's routing, to leave out what an account may not open (the audit view)."""
    return [
        Sight(int(r["id"]), Handling(r["handling"]), r["about_account_id"], r["received_by"])
        for r in db.all("SELECT id, handling, about_account_id, received_by FROM complaint")
    ]


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM complaint"))
