"""Beranda's reads of one counsellor's cases: follow-ups due and action plans past review.

``counselling_repo`` lists these for the whole vault and without the student; Beranda shows them
for the signed-in counsellor, with each case's student and class, so each list is one query
here instead of one per case. Action plans are read only of cases still *proses*: a closed
case's plan was judged when it closed, and what is still to be checked then is its follow-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bk_desktop.storage.database import Database, Row

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
