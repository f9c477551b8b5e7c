"""Counselling requests, their status history, and the queries behind the queues.

The records are the domain's (``RequestRecord``, ``RequestEvent``); this module only turns
their enums into text and back ('' is the stored form of "no risk judged yet").
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bk_desktop.domain.emergency import EmergencyAction
from bk_desktop.domain.requests import (
    Assent,
    PastClock,
    RequestEvent,
    RequestRecord,
    RequestSource,
    RequestStatus,
    Urgency,
)
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.domain.sight import Confidentiality
from bk_desktop.storage.database import Database, Row, in_values
from bk_desktop.storage.timefmt import from_text, to_text


@dataclass(frozen=True)
class NewRequest:
    student_id: int
    source: RequestSource
    referrer_name: str
    referrer_role: str
    received_at: datetime
    recorded_at: datetime
    backdate_reason: str
    received_by: str
    reason: str
    urgency: Urgency
    deadline_at: datetime
    status: RequestStatus = RequestStatus.DITERIMA


def insert_request(db: Database, new: NewRequest) -> int:
    cursor = db.execute(
        "INSERT INTO request (student_id, source, referrer_name, referrer_role, received_at, "
        "recorded_at, backdate_reason, received_by, reason, urgency, status, deadline_at, "
        "clock_started_at) "
        "VALUES (:student_id, :source, :referrer_name, :referrer_role, :received_at, "
        ":recorded_at, :backdate_reason, :received_by, :reason, :urgency, :status, :deadline_at, "
        ":received_at)",
        {
            "student_id": new.student_id,
            "source": new.source.value,
            "referrer_name": new.referrer_name,
            "referrer_role": new.referrer_role,
            "received_at": to_text(new.received_at),
            "recorded_at": to_text(new.recorded_at),
            "backdate_reason": new.backdate_reason,
            "received_by": new.received_by,
            "reason": new.reason,
            "urgency": new.urgency.value,
            "status": new.status.value,
            "deadline_at": to_text(new.deadline_at),
        },
    )
    request_id = int(cursor.lastrowid)
    insert_event(
        db,
        request_id,
        at=new.recorded_at,
        account_id=new.received_by,
        from_status=None,
        to_status=new.status,
        reason="",
    )
    return request_id


def insert_event(
    db: Database,
    request_id: int,
    *,
    at: datetime,
    account_id: str | None,
    from_status: RequestStatus | None,
    to_status: RequestStatus,
    reason: str,
) -> None:
    db.execute(
        "INSERT INTO request_event (request_id, at, account_id, from_status, to_status, reason) "
        "VALUES (:rid, :at, :account, :from_status, :to_status, :reason)",
        {
            "rid": request_id,
            "at": to_text(at),
            "account": account_id,
            "from_status": "" if from_status is None else from_status.value,
            "to_status": to_status.value,
            "reason": reason,
        },
    )


def set_status(
    db: Database,
    request_id: int,
    current: RequestStatus,
    target: RequestStatus,
    *,
    at: datetime,
    account_id: str | None,
    reason: str,
) -> None:
    """Store a move the domain allowed; refuses if the stored status is no longer ``current``."""
    cursor = db.execute(
        "UPDATE request SET status = :target WHERE id = :id AND status = :current",
        {"id": request_id, "target": target.value, "current": current.value},
    )
    if cursor.rowcount != 1:
        raise RuntimeError(f"request {request_id} is no longer {current.value}")
    insert_event(
        db,
        request_id,
        at=at,
        account_id=account_id,
        from_status=current,
        to_status=target,
        reason=reason,
    )


def set_assent(db: Database, request_id: int, assent: Assent, on: date | None, note: str) -> None:
    db.execute(
        "UPDATE request SET assent = :assent, assent_date = :on, assent_note = :note "
        "WHERE id = :id",
        {
            "id": request_id,
            "assent": assent.value,
            "on": None if on is None else on.isoformat(),
            "note": note,
        },
    )


def set_agreement(
    db: Database,
    request_id: int,
    *,
    agreed_at: datetime | None,
    deadline_met: bool | None,
) -> None:
    """A time was agreed (the session itself is ``counselling_repo``'s); the first agreement's
    time and verdict are kept when rescheduling."""
    db.execute(
        "UPDATE request SET agreed_at = coalesce(agreed_at, :agreed_at), "
        "deadline_met = coalesce(deadline_met, :met) WHERE id = :id",
        {
            "id": request_id,
            "agreed_at": None if agreed_at is None else to_text(agreed_at),
            "met": None if deadline_met is None else int(deadline_met),
        },
    )


def receive_anew(db: Database, request_id: int, *, at: datetime, deadline_at: datetime) -> None:
    """A request received again (reopened, sent back): its running clock is kept as a past
    clock with its verdict, and a new one starts at ``at`` with no agreed schedule."""
    db.execute(
        "INSERT INTO request_clock (request_id, started_at, deadline_at, agreed_at, stopped_at) "
        "SELECT id, coalesce(clock_started_at, received_at), deadline_at, agreed_at, "
        "clock_stopped_at FROM request WHERE id = :id",
        {"id": request_id},
    )
    db.execute(
        "UPDATE request SET clock_started_at = :at, deadline_at = :deadline, "
        "agreed_at = NULL, deadline_met = NULL, clock_stopped_at = NULL WHERE id = :id",
        {"id": request_id, "at": to_text(at), "deadline": to_text(deadline_at)},
    )


def stop_clock(db: Database, request_id: int, at: datetime) -> None:
    """The request left the scheduling path: without an agreed time its clock stops at ``at``
    (the first stop counts; an agreed time keeps its own verdict)."""
    db.execute(
        "UPDATE request SET clock_stopped_at = coalesce(clock_stopped_at, :at) "
        "WHERE id = :id AND agreed_at IS NULL",
        {"id": request_id, "at": to_text(at)},
    )


def reset_assent(db: Database, request_id: int) -> None:
    """A request received anew asks the student's assent again."""
    db.execute(
        "UPDATE request SET assent = 'belum_ditanyakan', assent_date = NULL, assent_note = '' "
        "WHERE id = :id",
        {"id": request_id},
    )


def past_clocks(db: Database, started: tuple[datetime, datetime]) -> list[PastClock]:
    """Earlier clocks that started in ``[start, end)`` (the month share counts them)."""
    start, end = started
    return [
        PastClock(
            request_id=int(row["request_id"]),
            started_at=from_text(row["started_at"]),
            deadline_at=from_text(row["deadline_at"]),
            agreed_at=_opt_instant(row["agreed_at"]),
            stopped_at=_opt_instant(row["stopped_at"]),
        )
        for row in db.all(
            "SELECT * FROM request_clock WHERE started_at >= :start AND started_at < :end "
            "ORDER BY started_at, id",
            {"start": to_text(start), "end": to_text(end)},
        )
    ]


def set_risk(db: Database, request_id: int, risk: RiskLevel | None) -> None:
    """Remember the latest screening's risk for the dashboard."""
    db.execute(
        "UPDATE request SET risk = :risk WHERE id = :id",
        {"id": request_id, "risk": "" if risk is None else risk.value},
    )


# session_at: the next planned session of the request (its agreed time), if any.
_SELECT = (
    "SELECT r.*, s.name AS student_name, coalesce(c.rombel, '') AS rombel, "
    "(SELECT min(cs.planned_start) FROM counselling_session cs "
    " WHERE cs.request_id = r.id AND cs.status = 'terjadwal') AS session_at, "
    "k.counsellor_id AS case_owner_id, coalesce(k.confidentiality, 'biasa') AS case_level "
    "FROM request r "
    "JOIN student s ON s.id = r.student_id "
    "LEFT JOIN student_class c ON c.student_id = r.student_id AND c.year_start = :year "
    "LEFT JOIN counselling_case k ON k.id = r.case_id"
)


def _opt_instant(text: str | None) -> datetime | None:
    return None if text is None else from_text(text)


def _record(row: Row) -> RequestRecord:
    met = row["deadline_met"]
    return RequestRecord(
        id=int(row["id"]),
        student_id=int(row["student_id"]),
        student_name=row["student_name"],
        rombel=row["rombel"],
        source=RequestSource(row["source"]),
        referrer_name=row["referrer_name"],
        referrer_role=row["referrer_role"],
        received_at=from_text(row["received_at"]),
        recorded_at=from_text(row["recorded_at"]),
        backdate_reason=row["backdate_reason"],
        received_by=row["received_by"],
        reason=row["reason"],
        urgency=Urgency(row["urgency"]),
        status=RequestStatus(row["status"]),
        assent=Assent(row["assent"]),
        assent_date=(
            None if row["assent_date"] is None else date.fromisoformat(row["assent_date"])
        ),
        assent_note=row["assent_note"],
        deadline_at=from_text(row["deadline_at"]),
        agreed_at=_opt_instant(row["agreed_at"]),
        session_at=_opt_instant(row["session_at"]),
        deadline_met=None if met is None else bool(met),
        risk=RiskLevel(row["risk"]) if row["risk"] else None,
        clock_started_at=_opt_instant(row["clock_started_at"]),
        clock_stopped_at=_opt_instant(row["clock_stopped_at"]),
        emergency_acted_at=_opt_instant(row["emergency_acted_at"]),
        case_id=row["case_id"],
        case_owner_id=row["case_owner_id"],
        case_confidentiality=Confidentiality(row["case_level"]),
    )


def get(db: Database, request_id: int, year: int) -> RequestRecord | None:
    row = db.one(_SELECT + " WHERE r.id = :id", {"id": request_id, "year": year})
    return None if row is None else _record(row)


def find(
    db: Database,
    *,
    year: int,
    statuses: Collection[RequestStatus] | None = None,
    student_id: int | None = None,
    received: tuple[datetime, datetime] | None = None,
    clock_started: tuple[datetime, datetime] | None = None,
    order: str = "received",
    limit: int | None = None,
) -> list[RequestRecord]:
    """Requests filtered by status, student and time of receipt; ``order`` is "received"
    (oldest first), "received_desc" or "deadline" (earliest deadline first).

    ``received`` is a half-open range ``[start, end)`` of instants, compared in SQL on the
    stored text (fixed-width UTC, so text order is time order): only those rows are read.
    ``clock_started`` is the same kind of range on the start of the running 1×24 h clock.
    """
    params: dict[str, Any] = {"year": year}
    where: list[str] = []
    if received is not None:
        start, end = received
        where.append("r.received_at >= :received_from AND r.received_at < :received_before")
        params["received_from"] = to_text(start)
        params["received_before"] = to_text(end)
    if clock_started is not None:
        start, end = clock_started
        where.append("r.clock_started_at >= :started_from AND r.clock_started_at < :started_before")
        params["started_from"] = to_text(start)
        params["started_before"] = to_text(end)
    if statuses is not None:
        if not statuses:
            return []
        where.append(in_values("r.status", (st.value for st in sorted(statuses)), params, "st"))
    if student_id is not None:
        where.append("r.student_id = :student_id")
        params["student_id"] = student_id
    sort = {
        "received": "r.received_at, r.id",
        "received_desc": "r.received_at DESC, r.id DESC",
        "deadline": "r.deadline_at, r.id",
    }[order]
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {sort}"
    if limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = limit
    return [_record(row) for row in db.all(sql, params)]


def find_needing_emergency_action(db: Database, *, year: int) -> list[RequestRecord]:
    """Darurat requests (by intake or by screening) with no tindakan darurat answering it,
    whatever their status, earliest deadline first."""
    sql = (
        _SELECT + " WHERE r.emergency_acted_at IS NULL "
        "AND (r.urgency = 'darurat' OR r.risk = 'darurat') ORDER BY r.deadline_at, r.id"
    )
    return [_record(row) for row in db.all(sql, {"year": year})]


def insert_emergency_action(
    db: Database,
    request_id: int,
    *,
    done_at: datetime,
    actor: str,
    action: str,
    recorded_at: datetime,
    recorded_by: str | None,
) -> int:
    """Store a tindakan darurat and mark the request as acted on (the latest action counts)."""
    cursor = db.execute(
        "INSERT INTO emergency_action (request_id, done_at, actor, action, recorded_at, "
        "recorded_by) VALUES (:rid, :done_at, :actor, :action, :recorded_at, :by)",
        {
            "rid": request_id,
            "done_at": to_text(done_at),
            "actor": actor,
            "action": action,
            "recorded_at": to_text(recorded_at),
            "by": recorded_by,
        },
    )
    db.execute(
        "UPDATE request SET emergency_acted_at = :at WHERE id = :id",
        {"id": request_id, "at": to_text(done_at)},
    )
    return int(cursor.lastrowid)


def await_emergency_action(db: Database, request_id: int) -> None:
    """A new darurat judgement: the request waits for a tindakan darurat again."""
    db.execute("UPDATE request SET emergency_acted_at = NULL WHERE id = :id", {"id": request_id})


def emergency_actions(db: Database, request_id: int) -> list[EmergencyAction]:
    """Every tindakan darurat of a request, in the order they were recorded."""
    return [
        EmergencyAction(
            id=int(r["id"]),
            request_id=int(r["request_id"]),
            done_at=from_text(r["done_at"]),
            actor=r["actor"],
            action=r["action"],
            recorded_at=from_text(r["recorded_at"]),
            recorded_by=r["recorded_by"],
        )
        for r in db.all(
            "SELECT * FROM emergency_action WHERE request_id = :id ORDER BY id", {"id": request_id}
        )
    ]


def find_departed_open(
    db: Database, *, year: int, statuses: Collection[RequestStatus]
) -> list[RequestRecord]:
    """Requests at ``statuses`` whose student is no longer aktif, oldest received first."""
    if not statuses:
        return []
    params: dict[str, Any] = {"year": year}
    status_in = in_values("r.status", (st.value for st in sorted(statuses)), params, "st")
    sql = _SELECT + f" WHERE {status_in} AND s.status <> 'aktif' ORDER BY r.received_at, r.id"
    return [_record(row) for row in db.all(sql, params)]


def events(db: Database, request_id: int) -> list[RequestEvent]:
    return [
        RequestEvent(
            id=int(r["id"]),
            request_id=int(r["request_id"]),
            at=from_text(r["at"]),
            account_id=r["account_id"],
            from_status=RequestStatus(r["from_status"]) if r["from_status"] else None,
            to_status=RequestStatus(r["to_status"]),
            reason=r["reason"],
        )
        for r in db.all(
            "SELECT * FROM request_event WHERE request_id = :id ORDER BY id", {"id": request_id}
        )
    ]


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM request"))
