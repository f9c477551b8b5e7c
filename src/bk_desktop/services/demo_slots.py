"""Where a demo session goes: a free quarter hour of its counsellor's school day, in their room.

A real guru BK does not hold two sessions at once, and Jadwal refuses it
(``domain.scheduling``), so the demo must not either: a time is drawn on the 15-minute grid
between 07.00 and 14.00 and kept only when the counsellor has nothing then. Each demo counsellor
counsels in a room of their own ("Ruang Konseling 3"), as a school with ten guru BK has booths,
so two counsellors never share a room at once.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bk_desktop.storage import scheduling_repo
from bk_desktop.storage.database import Database
from bk_desktop.storage.timefmt import from_text, to_text

GRID = timedelta(minutes=15)
FIRST, LAST = time(7, 0), time(14, 0)
GAP = timedelta(minutes=15)
"""Between two sessions of one counsellor: time to write the record and fetch the next student."""


def counsellor_rooms(db: Database) -> dict[str, str]:
    """Each counsellor's own room, numbered by the order the accounts were made (read once
    per demo run, not per session)."""
    ids = [r["id"] for r in db.all("SELECT id FROM account ORDER BY created_at, id")]
    return {account_id: f"Ruang Konseling {number}" for number, account_id in enumerate(ids, 1)}


def free_start(
    db: Database,
    rng: random.Random,
    *,
    day: date,
    zone: ZoneInfo,
    counsellor_id: str,
    minutes: int,
    not_before: datetime | None = None,
) -> datetime:
    """A start on ``day`` when ``counsellor_id`` holds no other session (planned or held) and
    has no commitment (masuk kelas, rapat, piket)."""
    opens = datetime.combine(day, FIRST, tzinfo=zone)
    closes = datetime.combine(day, LAST, tzinfo=zone)
    busy = [
        (
            from_text(row["actual_start"] or row["planned_start"]),
            from_text(row["actual_end"])
            if row["actual_end"]
            else from_text(row["planned_start"]) + timedelta(minutes=row["planned_minutes"]),
        )
        for row in db.all(
            "SELECT planned_start, planned_minutes, actual_start, actual_end "
            "FROM counselling_session WHERE counsellor_id = :c AND status IN "
            "('terjadwal', 'selesai') AND planned_start >= :from AND planned_start < :to",
            {
                "c": counsellor_id,
                "from": to_text(opens - timedelta(hours=2)),
                "to": to_text(closes + timedelta(hours=2)),
            },
        )
    ]
    for commitment in scheduling_repo.commitments(db, (opens, closes), counsellor_id):
        busy.extend(commitment.occurrences((opens, closes), zone))
    candidates = []
    moment = opens
    while moment <= closes:
        candidates.append(moment)
        moment += GRID
    rng.shuffle(candidates)
    length = timedelta(minutes=minutes)
    for start in candidates:
        if not_before is not None and start < not_before:
            continue
        if all(start + length + GAP <= b or e + GAP <= start for b, e in busy):
            return start.astimezone(UTC)
    # A full day (rare): the last quarter hour after the busy ones, still on that day.
    latest = max([opens, *(e + GAP for _, e in busy)])
    if not_before is not None:
        latest = max(latest, not_before)
    return (latest + timedelta(minutes=-latest.minute % 15)).astimezone(UTC)
