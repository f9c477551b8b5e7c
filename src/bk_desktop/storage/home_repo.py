"""Beranda's reads: one counsellor's cases, every counsellor's counts, the month's figures.

``counselling_repo`` lists follow-ups and action items for the whole vault and without the
student; Beranda shows them for the signed-in counsellor, with each case's student and class,
so each list is one query here instead of one per case. Action plans are read only of cases
still *proses*: a closed case's plan was judged when it closed, and what is still to be checked
then is its follow-up.

The workload (``workload_counts``) and the month's figures (``month_counts``) are counts only,
each one query whatever the number of counsellors: every part of them reads a small range of
an index (planned sessions, open cases, open follow-ups, this month's starts), never five years
of rows. No name, note or student leaves these two.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from bk_desktop.storage.database import Database, Row
from bk_desktop.storage.timefmt import to_text

_CASE_JOINS = (
    "JOIN student st ON st.id = k.student_id "
    "LEFT JOIN student_class c ON c.student_id = k.student_id AND c.year_start = :year "
)


@dataclass(frozen=True)
class CaseTaskRow:
    """One thing due on a case, with what Beranda may show of its student."""

    case_id: int
    case_year: int
    case_number: int
    student_name: str
    rombel: str
    kind: str
    """A ``FollowUpKind`` value, or ``"rencana_aksi"`` for the case's open action items."""
    since: date
    """The follow-up's due day, or the earliest review day of the case's open action items."""
    count: int
    """How many: 1 for a follow-up, the number of open action items past review for a plan."""


def due_follow_ups(
    db: Database, *, counsellor_id: str, today: date, year: int
) -> list[CaseTaskRow]:
    """Follow-ups not yet recorded whose day has come, of this counsellor's cases."""
    rows = db.all(
        "SELECT k.id AS case_id, k.year, k.number, st.name, coalesce(c.rombel, '') AS rombel, "
        "f.kind, f.due_on AS since, 1 AS n "
        "FROM follow_up f JOIN counselling_case k ON k.id = f.case_id "
        + _CASE_JOINS
        + "WHERE f.done_on IS NULL AND f.due_on <= :today AND k.counsellor_id = :counsellor "
        "ORDER BY f.due_on, f.id",
        {"today": today.isoformat(), "counsellor": counsellor_id, "year": year},
    )
    return [_row(row) for row in rows]


def action_plans_past_review(
    db: Database, *, counsellor_id: str, today: date, year: int
) -> list[CaseTaskRow]:
    """Per open case of this counsellor: its action items still *belum* whose review day (or
    due day, when none was set) has passed, counted, earliest first."""
    rows = db.all(
        "SELECT k.id AS case_id, k.year, k.number, st.name, coalesce(c.rombel, '') AS rombel, "
        "'rencana_aksi' AS kind, min(coalesce(a.review_on, a.due_on)) AS since, count(*) AS n "
        # CROSS JOIN keeps this order: the few open cases by their status index, then their
        # items by case, instead of every open item of five years (closed cases keep theirs).
        "FROM counselling_case k CROSS JOIN action_item a ON a.case_id = k.id "
        + _CASE_JOINS
        + "WHERE k.status = 'proses' AND k.counsellor_id = :counsellor AND a.status = 'belum' "
        "AND coalesce(a.review_on, a.due_on) < :today "
        "GROUP BY k.id ORDER BY since, k.id",
        {"today": today.isoformat(), "counsellor": counsellor_id, "year": year},
    )
    return [_row(row) for row in rows]


def _row(row: Row) -> CaseTaskRow:
    return CaseTaskRow(
        case_id=int(row["case_id"]),
        case_year=int(row["year"]),
        case_number=int(row["number"]),
        student_name=row["name"],
        rombel=row["rombel"],
        kind=row["kind"],
        since=date.fromisoformat(row["since"]),
        count=int(row["n"]),
    )


# -- counts for the koordinator and the kepala sekolah ------------------------------------------


_WORKLOAD = (
    # Planned sessions up to a week from now, through (status, counsellor_id, planned_start):
    # only the planned ones are read, already grouped by counsellor.
    "SELECT counsellor_id AS who, "
    "CASE WHEN planned_start <= :now THEN 'to_record' ELSE 'coming' END AS kind, "
    "count(*) AS n FROM counselling_session "
    "WHERE status = 'terjadwal' AND planned_start < :week_end "
    "GROUP BY counsellor_id, kind "
    "UNION ALL "
    "SELECT counsellor_id, 'open_cases', count(*) FROM counselling_case "
    "WHERE status = 'proses' GROUP BY counsellor_id "
    "UNION ALL "
    # Open follow-ups by their partial index, then each one's case.
    "SELECT k.counsellor_id, 'follow_ups', count(*) "
    "FROM follow_up f JOIN counselling_case k ON k.id = f.case_id "
    "WHERE f.done_on IS NULL AND f.due_on <= :today GROUP BY k.counsellor_id "
    "UNION ALL "
    # Cases, not items: "2 kasus" with a plan past review, as the counsellor's own list says.
    "SELECT k.counsellor_id, 'action_plans', count(DISTINCT k.id) "
    "FROM counselling_case k CROSS JOIN action_item a ON a.case_id = k.id "
    "WHERE k.status = 'proses' AND a.status = 'belum' "
    "AND coalesce(a.review_on, a.due_on) < :today GROUP BY k.counsellor_id"
)


def workload_counts(
    db: Database, *, now: datetime, week_end: datetime, today: date
) -> dict[str, dict[str, int]]:
    """Per counsellor id, per kind, how many (a kind missing is 0): ``open_cases`` (*proses*);
    ``coming``, planned sessions after ``now`` and before ``week_end``; ``to_record``, planned
    sessions whose time has come (*perlu dicatat*); ``follow_ups`` not done whose day is
    ``today`` or earlier; ``action_plans``, open cases with action items still *belum* past
    their review (or due) day."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    params = {"now": to_text(now), "week_end": to_text(week_end), "today": today.isoformat()}
    for row in db.all(_WORKLOAD, params):
        counts[str(row["who"])][str(row["kind"])] = int(row["n"])
    return dict(counts)


@dataclass(frozen=True)
class MonthCounts:
    received: int
    """Receipts whose 1×24 h clock started in the month: a permohonan received anew (reopened,
    sent back) counts again, as the month share counts it."""
    sessions_held: int
    """Sessions recorded as held whose planned time falls in the month."""
    cases_opened: int
    cases_closed: int


def month_counts(
    db: Database, *, starts: tuple[datetime, datetime], days: tuple[date, date]
) -> MonthCounts:
    """The month's counts in one query: ``starts`` is its half-open range of instants,
    ``days`` its first and last local day (a case's closing is stored as a day)."""
    row = db.one(
        "SELECT "
        "(SELECT count(*) FROM request WHERE clock_started_at >= :start "
        " AND clock_started_at < :end) "
        "+ (SELECT count(*) FROM request_clock WHERE started_at >= :start "
        " AND started_at < :end) AS received, "
        "(SELECT count(*) FROM counselling_session WHERE status = 'selesai' "
        " AND planned_start >= :start AND planned_start < :end) AS held, "
        "(SELECT count(*) FROM counselling_case WHERE opened_at >= :start "
        " AND opened_at < :end) AS opened, "
        "(SELECT count(*) FROM counselling_case WHERE status <> 'proses' "
        " AND closed_on >= :first AND closed_on <= :last) AS closed",
        {
            "start": to_text(starts[0]),
            "end": to_text(starts[1]),
            "first": days[0].isoformat(),
            "last": days[1].isoformat(),
        },
    )
    assert row is not None  # a SELECT without FROM always gives its one row
    return MonthCounts(
        received=int(row["received"]),
        sessions_held=int(row["held"]),
        cases_opened=int(row["opened"]),
        cases_closed=int(row["closed"]),
    )
