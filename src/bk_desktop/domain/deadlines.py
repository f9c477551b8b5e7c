"""The 1×24 hour scheduling clock (and the 3×24 hour complaint clock, which is the same rule;
the law's 3×24 hour clock, ``LEGAL_72H``, always counts calendar hours).

The standard says scheduling happens "within 1×24 hours after the request is received": the clock
starts at the *time* of receipt, not the date. By default it runs on calendar time. A school may
choose to count only school days: then the hours are counted in the school's own zone, and whole
weekend days and listed holidays are skipped — a request received on Friday at 10:00 is due on
Monday at 10:00, one received on Saturday at 09:00 is due at the end of Monday (Tuesday 00:00).

All instants are aware UTC datetimes; naive ones are refused because a deadline computed from
a guessed zone is off by up to two hours in Indonesia (WIB/WITA/WIT).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from bk_desktop.domain.dates import MONTH_NAMES, format_span

DUE_SOON = timedelta(hours=2)
_MAX_SKIPPED_DAYS = 3660  # ten years of holidays in a row means the settings are broken


@dataclass(frozen=True)
class SchedulingPolicy:
    """How a deadline is counted; the values of the service-standard table.

    ``weekend`` holds ``date.weekday()`` numbers (5 = Saturday, 6 = Sunday); a six-day school
    sets ``(6,)``. ``holidays`` are local dates that are skipped wholly in school-days mode.
    """

    hours: int = 24
    school_days_only: bool = False
    weekend: tuple[int, ...] = (5, 6)
    holidays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.hours <= 0:
            raise ValueError("a deadline needs a positive number of hours")
        if any(not 0 <= day <= 6 for day in self.weekend):
            raise ValueError("weekend days are date.weekday() numbers 0..6")
        if len(set(self.weekend)) >= 7:
            raise ValueError("a school week needs at least one school day")

    def is_school_day(self, day: date) -> bool:
        return day.weekday() not in self.weekend and day not in self.holidays


SCHEDULING_POLICY = SchedulingPolicy()
"""Jangka waktu penjadwalan: 1×24 jam."""

COMPLAINT_POLICY = SchedulingPolicy(hours=72)
"""Pengaduan ditindaklanjuti paling lambat 3×24 jam."""


LEGAL_72H = SchedulingPolicy(hours=72)
"""UU PDP's 3×24 jam (Ps. 33 data requests, Ps. 46 incidents): calendar hours, whatever the
school's own school-days setting counts."""


def complaint_policy(base: SchedulingPolicy) -> SchedulingPolicy:
    """The complaint clock counted the same way as the school's scheduling clock, over 72 h."""
    return SchedulingPolicy(
        hours=72,
        school_days_only=base.school_days_only,
        weekend=base.weekend,
        holidays=base.holidays,
    )


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime (UTC), not naive")


def scheduling_deadline(
    received_at_utc: datetime,
    policy: SchedulingPolicy = SCHEDULING_POLICY,
    zone: tzinfo = UTC,
) -> datetime:
    """The instant (UTC) by which a time must be agreed for a request received at that instant.

    In school-days mode the remaining hours are spent day by day in ``zone``: time on a school
    day counts, a weekend day or holiday is skipped from its local midnight to the next.
    Differences are taken in UTC so a zone with daylight saving would still count real hours.
    """
    _require_aware(received_at_utc, "received_at_utc")
    received = received_at_utc.astimezone(UTC)
    remaining = timedelta(hours=policy.hours)
    if not policy.school_days_only:
        return received + remaining

    cursor = received.astimezone(zone)
    skipped = 0
    while True:
        day = cursor.date()
        next_midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        if policy.is_school_day(day):
            available = next_midnight.astimezone(UTC) - cursor.astimezone(UTC)
            if remaining <= available:
                return cursor.astimezone(UTC) + remaining
            remaining -= available
        else:
            skipped += 1
            if skipped > _MAX_SKIPPED_DAYS:
                raise ValueError("no school day found within ten years; check the holidays")
        cursor = next_midnight


class DeadlineKind(StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET = "met"
    MISSED = "missed"

    @property
    def label(self) -> str:
        return {
            DeadlineKind.ON_TIME: "Dalam batas waktu",
            DeadlineKind.DUE_SOON: "Segera berakhir",
            DeadlineKind.OVERDUE: "Terlambat",
            DeadlineKind.MET: "Terjadwal tepat waktu",
            DeadlineKind.MISSED: "Terjadwal terlambat",
        }[self]


@dataclass(frozen=True)
class DeadlineState:
    """Where a request stands against its deadline.

    ``time_left`` is ``deadline - now`` for a request still waiting (negative when overdue) and
    ``deadline - scheduled_at`` once a time was agreed (negative when it was agreed too late),
    so one number drives both the countdown and the report of how early or late it was.
    """

    kind: DeadlineKind
    deadline: datetime
    time_left: timedelta

    @property
    def is_late(self) -> bool:
        return self.kind in {DeadlineKind.OVERDUE, DeadlineKind.MISSED}


def legal_deadline(start: datetime) -> datetime:
    """``start`` + 72 calendar hours: the law's clock, never stretched by weekends or holidays
    (so it needs no zone)."""
    return scheduling_deadline(start, LEGAL_72H)


def deadline_state(
    deadline: datetime,
    now: datetime,
    scheduled_at: datetime | None = None,
) -> DeadlineState:
    """Classify a deadline. ``scheduled_at`` is when the time was *agreed*, not the session time.

    The deadline is met when the agreement happens at or before the deadline instant; a waiting
    request is overdue only strictly after it, and due soon when less than two hours remain.
    """
    _require_aware(deadline, "deadline")
    _require_aware(now, "now")
    if scheduled_at is not None:
        _require_aware(scheduled_at, "scheduled_at")
        margin = deadline - scheduled_at
        kind = DeadlineKind.MET if margin >= timedelta(0) else DeadlineKind.MISSED
        return DeadlineState(kind, deadline.astimezone(UTC), margin)
    left = deadline - now
    if left < timedelta(0):
        kind = DeadlineKind.OVERDUE
    elif left < DUE_SOON:
        kind = DeadlineKind.DUE_SOON
    else:
        kind = DeadlineKind.ON_TIME
    return DeadlineState(kind, deadline.astimezone(UTC), left)


def scheduled_in_time(state: DeadlineState | None) -> bool | None:
    """Whether the 1×24 h promise was kept, as far as it can be told.

    ``True`` when a time was agreed by the deadline; ``False`` when it was agreed late, or when
    the request still waits although its deadline has passed (that promise is already broken,
    whatever comes later). ``None`` while it cannot be told: still waiting within its time, or
    the request left the scheduling path without an agreed time (``state`` is ``None``).
    """
    if state is None:
        return None
    if state.kind is DeadlineKind.MET:
        return True
    if state.kind in (DeadlineKind.MISSED, DeadlineKind.OVERDUE):
        return False
    return None


@dataclass(frozen=True)
class MonthShare:
    """Of one month's requests whose 1×24 h outcome is known, how many were scheduled in time.

    The month is the school's local calendar month of *receipt*. ``decided`` counts the
    requests ``scheduled_in_time`` can judge; ``share`` is ``None`` when there is nothing to
    measure yet, so a new month reads "no data", not "0 %".
    """

    year: int
    month: int
    met: int
    decided: int

    @property
    def share(self) -> float | None:
        return None if self.decided == 0 else self.met / self.decided

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else round(100 * share)

    @property
    def month_label(self) -> str:
        """ "November 2026"."""
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"


def month_share(year: int, month: int, outcomes: Iterable[bool | None]) -> MonthShare:
    """Count the ``scheduled_in_time`` answers of one month's requests."""
    met = decided = 0
    for outcome in outcomes:
        if outcome is None:
            continue
        decided += 1
        met += outcome
    return MonthShare(year, month, met, decided)


def waiting_again_text(state: DeadlineState) -> str:
    """A request whose agreed slot was cancelled waits for a new time, but keeps the verdict of
    its first agreement (the clock decision): say both, so "tepat waktu" is never read as
    "scheduled"."""
    if state.kind is DeadlineKind.MISSED:
        return (
            f"Menunggu jadwal baru (kesepakatan pertama terlambat {format_span(state.time_left)})"
        )
    return "Menunggu jadwal baru (kesepakatan pertama tepat waktu)"


def countdown_text(state: DeadlineState) -> str:
    """Short Indonesian text for the dashboard: "Sisa 3 jam 20 menit", "Terlambat 45 menit"."""
    if state.kind is DeadlineKind.MET:
        return "Terjadwal tepat waktu"
    if state.kind is DeadlineKind.MISSED:
        return f"Terjadwal terlambat {format_span(state.time_left)}"
    if state.kind is DeadlineKind.OVERDUE:
        return f"Terlambat {format_span(state.time_left)}"
    return f"Sisa {format_span(state.time_left)}"
