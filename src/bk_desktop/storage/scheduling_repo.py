"""What occupies time on the Jadwal grid: sessions (read here as bookings) and commitments."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bk_desktop.domain.counselling import SessionMode
from bk_desktop.domain.scheduling import (
    Booking,
    BookingKind,
    Commitment,
    CommitmentForm,
    CommitmentKind,
    initials,
    place_key,
)
from bk_desktop.storage.database import Database, Row
from bk_desktop.storage.timefmt import from_text, to_text

LONGEST_BOOKING = timedelta(hours=12)
"""No session or commitment is longer: a window query may start this much earlier."""


def session_bookings(db: Database, window: tuple[datetime, datetime], year: int) -> list[Booking]:
    """Planned and held sessions overlapping ``window``, labelled by initials and class."""
    rows = db.all(
        "SELECT cs.id, cs.planned_start, cs.planned_minutes, cs.actual_start, cs.actual_end, "
        "cs.counsellor_id, cs.place, cs.mode, r.student_id, st.name, "
        "coalesce(c.rombel, '') AS rombel "
        "FROM counselling_session cs "
        "JOIN request r ON r.id = cs.request_id "
        "JOIN student st ON st.id = r.student_id "
        "LEFT JOIN student_class c ON c.student_id = r.student_id AND c.year_start = :year "
        "WHERE cs.status IN ('terjadwal', 'selesai') "
        "AND cs.planned_start >= :from AND cs.planned_start < :to",
        {
            "year": year,
            "from": to_text(window[0] - LONGEST_BOOKING),
            "to": to_text(window[1]),
        },
    )
    found = []
    for row in rows:
        start = from_text(row["actual_start"] or row["planned_start"])
        end = (
            from_text(row["actual_end"])
            if row["actual_end"]
            else from_text(row["planned_start"]) + timedelta(minutes=row["planned_minutes"])
        )
        if not (start < window[1] and window[0] < end):
            continue
        rombel = row["rombel"]
        label = initials(row["name"]) + (f" ({rombel})" if rombel else "")
        found.append(
            Booking(
                kind=BookingKind.SESSION,
                start=start,
                end=end,
                counsellor_id=row["counsellor_id"],
                label=label,
                student_id=int(row["student_id"]),
                room="" if row["mode"] == SessionMode.DARING.value else place_key(row["place"]),
                ref=int(row["id"]),
            )
        )
    return found


def _commitment(row: Row) -> Commitment:
    return Commitment(
        id=int(row["id"]),
        counsellor_id=row["counsellor_id"],
        kind=CommitmentKind(row["kind"]),
        title=row["title"],
        start=from_text(row["start_at"]),
        minutes=int(row["minutes"]),
        weekly=bool(row["weekly"]),
        until=None if row["until"] is None else date.fromisoformat(row["until"]),
    )


def commitments(
    db: Database, window: tuple[datetime, datetime], counsellor_id: str | None = None
) -> list[Commitment]:
    """Commitments that may occur in ``window``: once ones inside it, weekly ones begun before
    its end and not ended before its start (their occurrences are the domain's)."""
    sql = (
        "SELECT * FROM commitment WHERE start_at < :to AND ("
        " (weekly = 0 AND start_at >= :from_once) OR "
        " (weekly = 1 AND (until IS NULL OR until >= :from_day)))"
    )
    params: dict[str, object] = {
        "to": to_text(window[1]),
        "from_once": to_text(window[0] - LONGEST_BOOKING),
        "from_day": (window[0] - timedelta(days=1)).date().isoformat(),
    }
    if counsellor_id is not None:
        sql += " AND counsellor_id = :counsellor"
        params["counsellor"] = counsellor_id
    return [_commitment(row) for row in db.all(sql + " ORDER BY start_at, id", params)]


def get_commitment(db: Database, commitment_id: int) -> Commitment | None:
    row = db.one("SELECT * FROM commitment WHERE id = :id", {"id": commitment_id})
    return None if row is None else _commitment(row)


def insert_commitment(db: Database, counsellor_id: str, form: CommitmentForm, now: datetime) -> int:
    cursor = db.execute(
        "INSERT INTO commitment (counsellor_id, kind, title, start_at, minutes, weekly, until, "
        "created_at) VALUES (:counsellor, :kind, :title, :start, :minutes, :weekly, :until, "
        ":now)",
        {
            "counsellor": counsellor_id,
            "kind": form.kind.value,
            "title": form.title,
            "start": to_text(form.start),
            "minutes": form.minutes,
            "weekly": int(form.weekly),
            "until": None if form.until is None or not form.weekly else form.until.isoformat(),
            "now": to_text(now),
        },
    )
    return int(cursor.lastrowid)


def delete_commitment(db: Database, commitment_id: int) -> None:
    db.execute("DELETE FROM commitment WHERE id = :id", {"id": commitment_id})


def set_schedule_reason(db: Database, session_id: int, reason: str) -> None:
    db.execute(
        "UPDATE counselling_session SET schedule_reason = :reason WHERE id = :id",
        {"id": session_id, "reason": reason},
    )
