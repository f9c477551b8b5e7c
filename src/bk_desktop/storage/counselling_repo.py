"""Cases, counselling sessions, their product (alternatives, action items), addenda, follow-ups.

The records and rules are ``domain.counselling``'s; this module turns them into rows and back.
A session's student comes from its permohonan; a case's counsellor name from ``account``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bk_desktop.domain.counselling import (
    ActionItem,
    ActionItemDraft,
    ActionStatus,
    Addendum,
    Alternative,
    CaseDraft,
    CaseRecord,
    CaseStatus,
    Confidentiality,
    FollowUp,
    FollowUpKind,
    SessionMode,
    SessionPlan,
    SessionRecord,
    SessionReport,
    SessionStatus,
    bidang_text,
    parse_bidang,
)
from bk_desktop.domain.requests import RequestStatus
from bk_desktop.storage.database import Database, Row, in_values
from bk_desktop.storage.timefmt import from_text, to_text


def _instant(text: str | None) -> datetime | None:
    return None if text is None else from_text(text)


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


# -- sessions ---------------------------------------------------------------------------------

_SESSION_SELECT = (
    "SELECT cs.*, r.student_id, st.name AS student_name, coalesce(c.rombel, '') AS rombel, "
    "coalesce(a.name, '') AS counsellor_name, k.counsellor_id AS case_owner_id, "
    "coalesce(k.confidentiality, 'biasa') AS confidentiality "
    "FROM counselling_session cs "
    "JOIN request r ON r.id = cs.request_id "
    "JOIN student st ON st.id = r.student_id "
    "LEFT JOIN student_class c ON c.student_id = r.student_id AND c.year_start = :year "
    "LEFT JOIN account a ON a.id = cs.counsellor_id "
    # A first session belongs to its permohonan's case (joined at intake) before it is held.
    "LEFT JOIN counselling_case k ON k.id = coalesce(cs.case_id, r.case_id)"
)


def _session(row: Row) -> SessionRecord:
    return SessionRecord(
        id=int(row["id"]),
        request_id=int(row["request_id"]),
        case_id=row["case_id"],
        counsellor_id=row["counsellor_id"],
        counsellor_name=row["counsellor_name"],
        student_id=int(row["student_id"]),
        student_name=row["student_name"],
        rombel=row["rombel"],
        planned_start=from_text(row["planned_start"]),
        planned_minutes=int(row["planned_minutes"]),
        length_reason=row["length_reason"],
        place=row["place"],
        mode=SessionMode(row["mode"]),
        status=SessionStatus(row["status"]),
        status_reason=row["status_reason"],
        number=row["number"],
        actual_start=_instant(row["actual_start"]),
        actual_end=_instant(row["actual_end"]),
        duration_reason=row["duration_reason"],
        notes=row["notes"],
        understanding=row["understanding"],
        comfort=row["comfort"],
        action=row["action"],
        finalised_at=_instant(row["finalised_at"]),
        finalised_by=row["finalised_by"],
        migrated=bool(row["migrated"]),
        case_owner_id=row["case_owner_id"],
        confidentiality=Confidentiality(row["confidentiality"]),
    )


def insert_session(
    db: Database,
    *,
    request_id: int,
    case_id: int | None,
    counsellor_id: str,
    plan: SessionPlan,
    now: datetime,
) -> int:
    cursor = db.execute(
        "INSERT INTO counselling_session (request_id, case_id, counsellor_id, planned_start, "
        "planned_minutes, length_reason, place, mode, created_at, updated_at) "
        "VALUES (:request, :case, :counsellor, :start, :minutes, :reason, :place, :mode, "
        ":now, :now)",
        {
            "request": request_id,
            "case": case_id,
            "counsellor": counsellor_id,
            "start": to_text(plan.start),
            "minutes": plan.minutes,
            "reason": plan.length_reason,
            "place": plan.place,
            "mode": plan.mode.value,
            "now": to_text(now),
        },
    )
    return int(cursor.lastrowid)


def update_plan(db: Database, session_id: int, plan: SessionPlan, now: datetime) -> None:
    db.execute(
        "UPDATE counselling_session SET planned_start = :start, planned_minutes = :minutes, "
        "length_reason = :reason, place = :place, mode = :mode, updated_at = :now "
        "WHERE id = :id",
        {
            "id": session_id,
            "start": to_text(plan.start),
            "minutes": plan.minutes,
            "reason": plan.length_reason,
            "place": plan.place,
            "mode": plan.mode.value,
            "now": to_text(now),
        },
    )


def get_session(db: Database, session_id: int, year: int) -> SessionRecord | None:
    row = db.one(_SESSION_SELECT + " WHERE cs.id = :id", {"id": session_id, "year": year})
    return None if row is None else _session(row)


def find_sessions(
    db: Database,
    *,
    year: int,
    case_id: int | None = None,
    request_id: int | None = None,
    statuses: Collection[SessionStatus] | None = None,
    starts: tuple[datetime, datetime] | None = None,
    before: datetime | None = None,
    counsellor_id: str | None = None,
) -> list[SessionRecord]:
    """Sessions in planned order; every filter given must hold."""
    where: list[str] = []
    params: dict[str, Any] = {"year": year}
    if case_id is not None:
        where.append("cs.case_id = :case")
        params["case"] = case_id
    if request_id is not None:
        where.append("cs.request_id = :request")
        params["request"] = request_id
    if statuses is not None:
        where.append(in_values("cs.status", (st.value for st in statuses), params, "st"))
    if starts is not None:
        where.append("cs.planned_start >= :from AND cs.planned_start < :to")
        params.update({"from": to_text(starts[0]), "to": to_text(starts[1])})
    if before is not None:
        where.append("cs.planned_start <= :before")
        params["before"] = to_text(before)
    if counsellor_id is not None:
        where.append("cs.counsellor_id = :counsellor")
        params["counsellor"] = counsellor_id
    sql = _SESSION_SELECT + (" WHERE " + " AND ".join(where) if where else "")
    return [_session(row) for row in db.all(sql + " ORDER BY cs.planned_start, cs.id", params)]


def set_session_status(
    db: Database, session_id: int, status: SessionStatus, reason: str, now: datetime
) -> None:
    db.execute(
        "UPDATE counselling_session SET status = :status, status_reason = :reason, "
        "updated_at = :now WHERE id = :id",
        {"id": session_id, "status": status.value, "reason": reason, "now": to_text(now)},
    )


def cancel_planned(db: Database, request_id: int, reason: str, now: datetime) -> int:
    """Cancel every planned session of a permohonan with ``reason``; how many were."""
    cursor = db.execute(
        "UPDATE counselling_session SET status = 'batal', status_reason = :reason, "
        "updated_at = :now WHERE request_id = :id AND status = 'terjadwal'",
        {"id": request_id, "reason": reason, "now": to_text(now)},
    )
    return int(cursor.rowcount)


def next_number(db: Database, case_id: int) -> int:
    return int(
        db.scalar(
            "SELECT coalesce(max(number), 0) + 1 FROM counselling_session WHERE case_id = :id",
            {"id": case_id},
        )
    )


def store_report(
    db: Database,
    session_id: int,
    *,
    case_id: int,
    number: int,
    report: SessionReport,
    now: datetime,
) -> None:
    """The held session's record with its alternatives and action items (replacing earlier
    ones: the record is edited until it is finalised)."""
    db.execute(
        "UPDATE counselling_session SET status = 'selesai', status_reason = '', case_id = :case, "
        "number = :number, actual_start = :start, actual_end = :end, "
        "duration_reason = :duration_reason, notes = :notes, understanding = :u, comfort = :c, "
        "action = :a, updated_at = :now WHERE id = :id",
        {
            "id": session_id,
            "case": case_id,
            "number": number,
            "start": to_text(report.actual_start),
            "end": to_text(report.actual_end),
            "duration_reason": report.duration_reason,
            "notes": report.notes,
            "u": report.understanding,
            "c": report.comfort,
            "a": report.action,
            "now": to_text(now),
        },
    )
    db.execute("DELETE FROM session_alternative WHERE session_id = :id", {"id": session_id})
    db.executemany(
        "INSERT INTO session_alternative (session_id, position, text, chosen) "
        "VALUES (:session, :position, :text, :chosen)",
        [
            {"session": session_id, "position": i, "text": a.text, "chosen": int(a.chosen)}
            for i, a in enumerate(report.alternatives)
        ],
    )
    kept = [item.id for item in report.action_items if item.id is not None]
    db.execute(
        "DELETE FROM action_item WHERE session_id = :id AND id NOT IN "
        f"({', '.join(str(int(i)) for i in kept) or 'NULL'})",
        {"id": session_id},
    )
    for position, item in enumerate(report.action_items):
        _store_item(db, session_id, case_id, position=position, item=item, now=now)


def _store_item(
    db: Database,
    session_id: int,
    case_id: int,
    *,
    position: int,
    item: ActionItemDraft,
    now: datetime,
) -> None:
    assert item.due_on is not None  # validated
    params = {
        "session": session_id,
        "case": case_id,
        "position": position,
        "what": item.what,
        "support": item.support,
        "due": item.due_on.isoformat(),
        "review": None if item.review_on is None else item.review_on.isoformat(),
        "status": item.status.value,
        "now": to_text(now),
        "id": item.id,
    }
    if item.id is None:
        db.execute(
            "INSERT INTO action_item (session_id, case_id, position, what, support, due_on, "
            "review_on, status, updated_at) VALUES (:session, :case, :position, :what, "
            ":support, :due, :review, :status, :now)",
            params,
        )
    else:
        db.execute(
            "UPDATE action_item SET position = :position, what = :what, support = :support, "
            "due_on = :due, review_on = :review, status = :status, updated_at = :now "
            "WHERE id = :id AND session_id = :session",
            params,
        )


def finalise(db: Database, session_id: int, *, at: datetime, by: str) -> None:
    db.execute(
        "UPDATE counselling_session SET finalised_at = :at, finalised_by = :by, updated_at = :at "
        "WHERE id = :id",
        {"id": session_id, "at": to_text(at), "by": by},
    )


def alternatives(db: Database, session_id: int) -> list[Alternative]:
    return [
        Alternative(text=row["text"], chosen=bool(row["chosen"]))
        for row in db.all(
            "SELECT text, chosen FROM session_alternative WHERE session_id = :id ORDER BY position",
            {"id": session_id},
        )
    ]


def _item(row: Row) -> ActionItem:
    due = _day(row["due_on"])
    assert due is not None
    return ActionItem(
        id=int(row["id"]),
        session_id=int(row["session_id"]),
        case_id=int(row["case_id"]),
        position=int(row["position"]),
        what=row["what"],
        support=row["support"],
        due_on=due,
        review_on=_day(row["review_on"]),
        status=ActionStatus(row["status"]),
    )


def action_items(
    db: Database, *, session_id: int | None = None, case_id: int | None = None
) -> list[ActionItem]:
    key: int | None
    if session_id is not None:
        sql, key = "WHERE session_id = :id ORDER BY position", session_id
    else:
        sql, key = "WHERE case_id = :id ORDER BY session_id, position", case_id
    return [_item(row) for row in db.all("SELECT * FROM action_item " + sql, {"id": key})]


def get_action_item(db: Database, item_id: int) -> ActionItem | None:
    row = db.one("SELECT * FROM action_item WHERE id = :id", {"id": item_id})
    return None if row is None else _item(row)


def set_action_status(db: Database, item_id: int, status: ActionStatus, now: datetime) -> None:
    db.execute(
        "UPDATE action_item SET status = :status, updated_at = :now WHERE id = :id",
        {"id": item_id, "status": status.value, "now": to_text(now)},
    )


def insert_addendum(db: Database, session_id: int, *, at: datetime, by: str, text: str) -> int:
    cursor = db.execute(
        "INSERT INTO session_addendum (session_id, at, author_id, text) "
        "VALUES (:id, :at, :by, :text)",
        {"id": session_id, "at": to_text(at), "by": by, "text": text},
    )
    return int(cursor.lastrowid)


def addenda(db: Database, session_id: int) -> list[Addendum]:
    return [
        Addendum(
            id=int(row["id"]),
            session_id=int(row["session_id"]),
            at=from_text(row["at"]),
            author_id=row["author_id"],
            author_name=row["author_name"],
            text=row["text"],
        )
        for row in db.all(
            "SELECT d.*, coalesce(a.name, '') AS author_name FROM session_addendum d "
            "LEFT JOIN account a ON a.id = d.author_id WHERE d.session_id = :id ORDER BY d.id",
            {"id": session_id},
        )
    ]


# -- cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFilter:
    """The buku kasus filters; ``None`` means any."""

    statuses: Collection[CaseStatus] | None = None
    bidang: str | None = None
    rombel: str | None = None
    counsellor_id: str | None = None
    opened: tuple[datetime, datetime] | None = None
    student_id: int | None = None
    search: str = ""


_CASE_SELECT = (
    "SELECT k.*, st.name AS student_name, coalesce(c.rombel, '') AS rombel, "
    "coalesce(a.name, '') AS counsellor_name, "
    "(SELECT count(*) FROM counselling_session cs WHERE cs.case_id = k.id "
    " AND cs.status = 'selesai') AS sessions_held, "
    # CROSS JOIN keeps this order: the case's few permohonan first, then their sessions by
    # index, instead of every planned session of the vault for each case.
    "(SELECT min(cs.planned_start) FROM request rq "
    " CROSS JOIN counselling_session cs ON cs.request_id = rq.id "
    " WHERE rq.case_id = k.id AND cs.status = 'terjadwal') AS next_session, "
    "(SELECT rq.reason FROM request rq WHERE rq.case_id = k.id ORDER BY rq.id LIMIT 1) "
    " AS problem, "
    "(SELECT group_concat(rq.id) FROM request rq WHERE rq.case_id = k.id) AS request_ids "
    "FROM counselling_case k "
    "JOIN student st ON st.id = k.student_id "
    "LEFT JOIN student_class c ON c.student_id = k.student_id AND c.year_start = :year "
    "LEFT JOIN account a ON a.id = k.counsellor_id"
)


def _case(row: Row) -> CaseRecord:
    ids = row["request_ids"] or ""
    return CaseRecord(
        id=int(row["id"]),
        year=int(row["year"]),
        number=int(row["number"]),
        student_id=int(row["student_id"]),
        student_name=row["student_name"],
        rombel=row["rombel"],
        counsellor_id=row["counsellor_id"],
        counsellor_name=row["counsellor_name"],
        opened_at=from_text(row["opened_at"]),
        bidang=parse_bidang(row["bidang"]),
        confidentiality=Confidentiality(row["confidentiality"]),
        identification=row["identification"],
        diagnosis=row["diagnosis"],
        prognosis=row["prognosis"],
        treatment_goal=row["treatment_goal"],
        treatment_approach=row["treatment_approach"],
        treatment_technique=row["treatment_technique"],
        status=CaseStatus(row["status"]),
        closed_on=_day(row["closed_on"]),
        close_reason=row["close_reason"],
        sessions_held=int(row["sessions_held"]),
        next_session=_instant(row["next_session"]),
        problem=row["problem"] or "",
        request_ids=tuple(sorted(int(i) for i in ids.split(",") if i)),
    )


def insert_case(
    db: Database,
    *,
    student_id: int,
    counsellor_id: str,
    opened_at: datetime,
    year: int,
    bidang: str,
    now: datetime,
) -> int:
    number = int(
        db.scalar(
            "SELECT coalesce(max(number), 0) + 1 FROM counselling_case WHERE year = :year",
            {"year": year},
        )
    )
    cursor = db.execute(
        "INSERT INTO counselling_case (year, number, student_id, counsellor_id, opened_at, "
        "bidang, updated_at) VALUES (:year, :number, :student, :counsellor, :opened, :bidang, "
        ":now)",
        {
            "year": year,
            "number": number,
            "student": student_id,
            "counsellor": counsellor_id,
            "opened": to_text(opened_at),
            "bidang": bidang,
            "now": to_text(now),
        },
    )
    return int(cursor.lastrowid)


def get_case(db: Database, case_id: int, year: int) -> CaseRecord | None:
    row = db.one(_CASE_SELECT + " WHERE k.id = :id", {"id": case_id, "year": year})
    return None if row is None else _case(row)


def find_cases(db: Database, *, year: int, where: CaseFilter) -> list[CaseRecord]:
    """Cases newest first; every filter given must hold. ``search`` matches the student's
    name, NIS or NISN by word start (the student list's ``search_text``) or the case number."""
    clauses: list[str] = []
    params: dict[str, Any] = {"year": year}
    if where.statuses is not None:
        clauses.append(in_values("k.status", (st.value for st in where.statuses), params, "st"))
    if where.bidang:
        clauses.append("instr(',' || k.bidang || ',', :bidang) > 0")
        params["bidang"] = f",{where.bidang},"
    if where.rombel:
        clauses.append("c.rombel = :rombel")
        params["rombel"] = where.rombel
    if where.counsellor_id:
        clauses.append("k.counsellor_id = :counsellor")
        params["counsellor"] = where.counsellor_id
    if where.opened is not None:
        clauses.append("k.opened_at >= :from AND k.opened_at < :to")
        params.update({"from": to_text(where.opened[0]), "to": to_text(where.opened[1])})
    if where.student_id is not None:
        clauses.append("k.student_id = :student")
        params["student"] = where.student_id
    for index, token in enumerate(where.search.casefold().split()):
        key = f"q{index}"
        clauses.append(
            f"(instr(st.search_text, ' ' || :{key}) > 0 "
            f"OR printf('%03d/%d', k.number, k.year) LIKE '%' || :{key} || '%')"
        )
        params[key] = token
    sql = _CASE_SELECT + (" WHERE " + " AND ".join(clauses) if clauses else "")
    return [_case(row) for row in db.all(sql + " ORDER BY k.opened_at DESC, k.id DESC", params)]


def case_rombels(db: Database, year: int) -> list[str]:
    """The classes (of ``year``) of students with a case, for the buku kasus's class filter;
    read without the cases themselves."""
    return [
        row["rombel"]
        for row in db.all(
            "SELECT DISTINCT c.rombel FROM counselling_case k JOIN student_class c "
            "ON c.student_id = k.student_id AND c.year_start = :year ORDER BY c.rombel",
            {"year": year},
        )
    ]


def any_case(db: Database) -> bool:
    return db.one("SELECT 1 FROM counselling_case LIMIT 1") is not None


def open_case_of(db: Database, student_id: int, year: int) -> CaseRecord | None:
    row = db.one(
        _CASE_SELECT + " WHERE k.student_id = :student AND k.status = 'proses' "
        "ORDER BY k.opened_at DESC LIMIT 1",
        {"student": student_id, "year": year},
    )
    return None if row is None else _case(row)


def update_case(db: Database, case_id: int, draft: CaseDraft, now: datetime) -> None:
    db.execute(
        "UPDATE counselling_case SET bidang = :bidang, confidentiality = :conf, "
        "identification = :identification, diagnosis = :diagnosis, prognosis = :prognosis, "
        "treatment_goal = :goal, treatment_approach = :approach, "
        "treatment_technique = :technique, updated_at = :now WHERE id = :id",
        {
            "id": case_id,
            "bidang": bidang_text(draft.bidang),
            "conf": draft.confidentiality.value,
            "identification": draft.identification,
            "diagnosis": draft.diagnosis,
            "prognosis": draft.prognosis,
            "goal": draft.treatment_goal,
            "approach": draft.treatment_approach,
            "technique": draft.treatment_technique,
            "now": to_text(now),
        },
    )


def close_case(
    db: Database, case_id: int, status: CaseStatus, *, on: date, reason: str, now: datetime
) -> None:
    db.execute(
        "UPDATE counselling_case SET status = :status, closed_on = :on, close_reason = :reason, "
        "updated_at = :now WHERE id = :id",
        {
            "id": case_id,
            "status": status.value,
            "on": on.isoformat(),
            "reason": reason,
            "now": to_text(now),
        },
    )


def link_request(db: Database, request_id: int, case_id: int) -> None:
    db.execute(
        "UPDATE request SET case_id = :case WHERE id = :id", {"case": case_id, "id": request_id}
    )


def requests_of_case(db: Database, case_id: int, statuses: Collection[RequestStatus]) -> list[int]:
    """Ids of the case's permohonan standing at one of ``statuses``, oldest first."""
    params: dict[str, Any] = {"id": case_id}
    status_in = in_values("status", (st.value for st in statuses), params, "st")
    return [
        int(row["id"])
        for row in db.all(
            f"SELECT id FROM request WHERE case_id = :id AND {status_in} ORDER BY id", params
        )
    ]


def case_is_open(db: Database, case_id: int) -> bool:
    status = db.scalar("SELECT status FROM counselling_case WHERE id = :id", {"id": case_id})
    return bool(status == CaseStatus.PROSES.value)


# -- follow-ups ---------------------------------------------------------------------------------


def _follow_up(row: Row) -> FollowUp:
    due = _day(row["due_on"])
    assert due is not None
    return FollowUp(
        id=int(row["id"]),
        case_id=int(row["case_id"]),
        kind=FollowUpKind(row["kind"]),
        due_on=due,
        done_on=_day(row["done_on"]),
        result=row["result"],
        recorded_by=row["recorded_by"],
    )


def insert_follow_up(db: Database, case_id: int, kind: FollowUpKind, due_on: date) -> int:
    cursor = db.execute(
        "INSERT INTO follow_up (case_id, kind, due_on) VALUES (:case, :kind, :due)",
        {"case": case_id, "kind": kind.value, "due": due_on.isoformat()},
    )
    return int(cursor.lastrowid)


def follow_ups(db: Database, case_id: int) -> list[FollowUp]:
    return [
        _follow_up(row)
        for row in db.all(
            "SELECT * FROM follow_up WHERE case_id = :id ORDER BY due_on, id", {"id": case_id}
        )
    ]


def get_follow_up(db: Database, follow_up_id: int) -> FollowUp | None:
    row = db.one("SELECT * FROM follow_up WHERE id = :id", {"id": follow_up_id})
    return None if row is None else _follow_up(row)


def record_follow_up(
    db: Database, follow_up_id: int, *, done_on: date, result: str, by: str, now: datetime
) -> None:
    db.execute(
        "UPDATE follow_up SET done_on = :done, result = :result, recorded_by = :by, "
        "recorded_at = :now WHERE id = :id",
        {
            "id": follow_up_id,
            "done": done_on.isoformat(),
            "result": result,
            "by": by,
            "now": to_text(now),
        },
    )


def reassign_case(db: Database, case_id: int, counsellor_id: str, now: datetime) -> None:
    """Give a case, and the planned sessions of its permohonan, to another counsellor."""
    db.execute(
        "UPDATE counselling_case SET counsellor_id = :to, updated_at = :now WHERE id = :id",
        {"id": case_id, "to": counsellor_id, "now": to_text(now)},
    )
    db.execute(
        "UPDATE counselling_session SET counsellor_id = :to, updated_at = :now "
        "WHERE status = 'terjadwal' AND request_id IN "
        "(SELECT id FROM request WHERE case_id = :id)",
        {"id": case_id, "to": counsellor_id, "now": to_text(now)},
    )
