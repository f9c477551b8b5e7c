"""The period report's reads, and the narrative saved per period.

Every read here returns counts, kinds and instants — never a student's name, a reason, a note
or an account: the period report is the one record the kepala sekolah may open, so nothing it
is built from can carry what the principal may not read. Each read takes one half-open range
of instants ``[start, end)`` (the school's local days of the period, up to now) or, for what is
stored as a local day (a case's closing, a follow-up's recording), the first and last day; each
reads only that range of an index, never every year of the vault.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bk_desktop.domain.requests import RequestSource, RequestStatus
from bk_desktop.storage.database import Database
from bk_desktop.storage.timefmt import from_text, to_text

__all__ = [
    "ClockRow",
    "HeldSession",
    "ReceivedRequest",
    "SavedText",
    "cases_closed",
    "cases_opened",
    "clocks_started",
    "follow_ups_done",
    "follow_ups_due",
    "held_sessions",
    "load_text",
    "received_requests",
    "save_text",
    "sessions_by_status",
]


def _range(span: tuple[datetime, datetime]) -> dict[str, str]:
    return {"start": to_text(span[0]), "end": to_text(span[1])}


def _days(days: tuple[date, date]) -> dict[str, str]:
    return {"first": days[0].isoformat(), "last": days[1].isoformat()}


@dataclass(frozen=True)
class ReceivedRequest:
    """A permohonan first received in the period: when, from whom (the kind of source), and
    the bidang of its latest screening (empty before any screening)."""

    received_at: datetime
    source: RequestSource
    bidang: tuple[str, ...]


def received_requests(db: Database, span: tuple[datetime, datetime]) -> list[ReceivedRequest]:
    """Permohonan whose first receipt falls in ``span``, oldest first."""
    rows = db.all(
        "SELECT r.received_at, r.source, "
        "(SELECT s.bidang FROM screening s WHERE s.request_id = r.id "
        " ORDER BY s.id DESC LIMIT 1) AS bidang "
        "FROM request r WHERE r.received_at >= :start AND r.received_at < :end "
        "ORDER BY r.received_at, r.id",
        _range(span),
    )
    return [
        ReceivedRequest(
            received_at=from_text(row["received_at"]),
            source=RequestSource(row["source"]),
            bidang=tuple(part for part in (row["bidang"] or "").split(",") if part),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class ClockRow:
    """One 1×24 h clock started in the period: the running clock of a permohonan, or an earlier
    clock of one received anew (``status`` ``None``: it runs no more). What the domain's
    ``clock_state`` needs to judge it, and nothing that names anyone."""

    started_at: datetime
    deadline_at: datetime
    agreed_at: datetime | None
    stopped_at: datetime | None
    status: RequestStatus | None


def _opt(text: str | None) -> datetime | None:
    return None if text is None else from_text(text)


def clocks_started(db: Database, span: tuple[datetime, datetime]) -> list[ClockRow]:
    """Every clock started in ``span`` (the month share's rule over any period), by start."""
    rows = db.all(
        "SELECT clock_started_at AS started_at, deadline_at, agreed_at, "
        "clock_stopped_at AS stopped_at, status FROM request "
        "WHERE clock_started_at >= :start AND clock_started_at < :end "
        "UNION ALL "
        "SELECT started_at, deadline_at, agreed_at, stopped_at, NULL FROM request_clock "
        "WHERE started_at >= :start AND started_at < :end "
        "ORDER BY started_at",
        _range(span),
    )
    return [
        ClockRow(
            started_at=from_text(row["started_at"]),
            deadline_at=from_text(row["deadline_at"]),
            agreed_at=_opt(row["agreed_at"]),
            stopped_at=_opt(row["stopped_at"]),
            status=None if row["status"] is None else RequestStatus(row["status"]),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class HeldSession:
    """A session recorded as held: its planned start (which places it in a period, as on
    Beranda), its actual times when recorded (``None`` for one carried over from before
    sessions were recorded), and its student's id (counted, never named) and sex."""

    planned_start: datetime
    actual_start: datetime | None
    actual_end: datetime | None
    student_id: int
    sex: str | None


def held_sessions(db: Database, span: tuple[datetime, datetime]) -> list[HeldSession]:
    """Sessions held whose planned time falls in ``span`` (index on status, planned start)."""
    rows = db.all(
        "SELECT cs.planned_start, cs.actual_start, cs.actual_end, r.student_id, st.sex "
        "FROM counselling_session cs "
        "JOIN request r ON r.id = cs.request_id JOIN student st ON st.id = r.student_id "
        "WHERE cs.status = 'selesai' AND cs.planned_start >= :start AND cs.planned_start < :end "
        "ORDER BY cs.planned_start, cs.id",
        _range(span),
    )
    return [
        HeldSession(
            planned_start=from_text(row["planned_start"]),
            actual_start=_opt(row["actual_start"]),
            actual_end=_opt(row["actual_end"]),
            student_id=int(row["student_id"]),
            sex=row["sex"],
        )
        for row in rows
    ]


def sessions_by_status(db: Database, span: tuple[datetime, datetime]) -> dict[str, int]:
    """Sessions planned in ``span`` per stored status (terjadwal, selesai, batal, tidak_hadir)."""
    rows = db.all(
        "SELECT status, count(*) AS n FROM counselling_session "
        "WHERE planned_start >= :start AND planned_start < :end GROUP BY status",
        _range(span),
    )
    return {str(row["status"]): int(row["n"]) for row in rows}


def cases_opened(db: Database, span: tuple[datetime, datetime]) -> int:
    return int(
        db.scalar(
            "SELECT count(*) FROM counselling_case WHERE opened_at >= :start AND opened_at < :end",
            _range(span),
        )
    )


def cases_closed(db: Database, days: tuple[date, date]) -> dict[str, int]:
    """Cases closed on a day of the period, per closing status (selesai, tindak_lanjut,
    dialihtangankan): the kind of ending, not the reason's text, which may name people."""
    rows = db.all(
        "SELECT status, count(*) AS n FROM counselling_case WHERE status <> 'proses' "
        "AND closed_on >= :first AND closed_on <= :last GROUP BY status",
        _days(days),
    )
    return {str(row["status"]): int(row["n"]) for row in rows}


def follow_ups_done(db: Database, days: tuple[date, date]) -> dict[str, int]:
    """Follow-ups (laijapen, laijapang) recorded as done on a day of the period, per kind."""
    rows = db.all(
        "SELECT kind, count(*) AS n FROM follow_up "
        "WHERE done_on >= :first AND done_on <= :last GROUP BY kind",
        _days(days),
    )
    return {str(row["kind"]): int(row["n"]) for row in rows}


def follow_ups_due(db: Database, days: tuple[date, date]) -> int:
    """Follow-ups whose day falls in the period, done or not."""
    return int(
        db.scalar(
            "SELECT count(*) FROM follow_up WHERE due_on >= :first AND due_on <= :last",
            _days(days),
        )
    )


# -- the narrative of a period -----------------------------------------------------------------


@dataclass(frozen=True)
class SavedText:
    analysis: str
    follow_up: str
    supporting: str
    hindering: str
    saved_at: datetime
    saved_by: str | None


def load_text(db: Database, days: tuple[date, date]) -> SavedText | None:
    row = db.one(
        "SELECT * FROM report_text WHERE period_start = :first AND period_end = :last",
        _days(days),
    )
    if row is None:
        return None
    return SavedText(
        analysis=row["analysis"],
        follow_up=row["follow_up"],
        supporting=row["supporting"],
        hindering=row["hindering"],
        saved_at=from_text(row["saved_at"]),
        saved_by=row["saved_by"],
    )


def save_text(
    db: Database,
    days: tuple[date, date],
    *,
    analysis: str,
    follow_up: str,
    supporting: str,
    hindering: str,
    at: datetime,
    by: str,
) -> None:
    """Keep the period's narrative, replacing what was saved for the same days before."""
    db.execute(
        "INSERT INTO report_text (period_start, period_end, analysis, follow_up, supporting, "
        "hindering, saved_at, saved_by) VALUES (:first, :last, :analysis, :follow_up, "
        ":supporting, :hindering, :at, :by) "
        "ON CONFLICT (period_start, period_end) DO UPDATE SET analysis = excluded.analysis, "
        "follow_up = excluded.follow_up, supporting = excluded.supporting, "
        "hindering = excluded.hindering, saved_at = excluded.saved_at, "
        "saved_by = excluded.saved_by",
        {
            **_days(days),
            "analysis": analysis,
            "follow_up": follow_up,
            "supporting": supporting,
            "hindering": hindering,
            "at": to_text(at),
            "by": by,
        },
    )
