"""The 1×24 h scheduling clock and 3×24 h complaint clock, in calendar and school-day mode."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bk_desktop.domain import data_requests, incidents
from bk_desktop.domain.deadlines import (
    COMPLAINT_POLICY,
    LEGAL_72H,
    DeadlineKind,
    SchedulingPolicy,
    complaint_policy,
    countdown_text,
    deadline_state,
    legal_deadline,
    month_share,
    scheduled_in_time,
    scheduling_deadline,
)

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")
SCHOOL_DAYS = SchedulingPolicy(school_days_only=True)


def local(zone: ZoneInfo, year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=zone).astimezone(UTC)


def test_calendar_deadline_is_24_hours_after_the_time_of_receipt_across_midnight() -> None:
    received = local(WITA, 2026, 11, 29, 23, 30)
    deadline = scheduling_deadline(received, SchedulingPolicy(), WITA)
    assert deadline == received + timedelta(hours=24)
    assert deadline.tzinfo is UTC
    assert deadline.astimezone(WITA) == datetime(2026, 11, 30, 23, 30, tzinfo=WITA)


def test_calendar_deadline_runs_through_the_weekend() -> None:
    received = local(WITA, 2026, 11, 27, 10, 0)  # Friday
    assert scheduling_deadline(received, SchedulingPolicy(), WITA).astimezone(WITA) == datetime(
        2026, 11, 28, 10, 0, tzinfo=WITA
    )


def test_school_days_friday_morning_is_due_monday_same_time() -> None:
    received = local(WITA, 2026, 11, 27, 10, 0)
    deadline = scheduling_deadline(received, SCHOOL_DAYS, WITA)
    assert deadline.astimezone(WITA) == datetime(2026, 11, 30, 10, 0, tzinfo=WITA)


def test_school_days_saturday_receipt_uses_all_of_monday() -> None:
    received = local(WITA, 2026, 11, 28, 9, 0)
    deadline = scheduling_deadline(received, SCHOOL_DAYS, WITA)
    assert deadline.astimezone(WITA) == datetime(2026, 12, 1, 0, 0, tzinfo=WITA)


def test_school_days_skip_listed_holidays() -> None:
    policy = SchedulingPolicy(school_days_only=True, holidays=frozenset({date(2026, 12, 25)}))
    received = local(WITA, 2026, 12, 24, 14, 0)  # Thursday before Christmas
    assert scheduling_deadline(received, policy, WITA).astimezone(WITA) == datetime(
        2026, 12, 28, 14, 0, tzinfo=WITA
    )


def test_six_day_school_counts_saturday() -> None:
    policy = SchedulingPolicy(school_days_only=True, weekend=(6,))
    received = local(WITA, 2026, 11, 27, 10, 0)
    assert scheduling_deadline(received, policy, WITA).astimezone(WITA) == datetime(
        2026, 11, 28, 10, 0, tzinfo=WITA
    )


def test_school_day_boundaries_follow_the_school_zone() -> None:
    # Friday 23:30 in Jakarta is already Saturday 00:30 in Makassar and 01:30 in Jayapura.
    received = datetime(2026, 11, 27, 16, 30, tzinfo=UTC)
    in_wib = scheduling_deadline(received, SCHOOL_DAYS, WIB).astimezone(WIB)
    in_wita = scheduling_deadline(received, SCHOOL_DAYS, WITA).astimezone(WITA)
    in_wit = scheduling_deadline(received, SCHOOL_DAYS, WIT).astimezone(WIT)
    assert in_wib == datetime(2026, 11, 30, 23, 30, tzinfo=WIB)  # 30 minutes of Friday counted
    assert in_wita == datetime(2026, 12, 1, 0, 0, tzinfo=WITA)
    assert in_wit == datetime(2026, 12, 1, 0, 0, tzinfo=WIT)


def test_complaint_clock_is_three_times_24_hours() -> None:
    received = local(WITA, 2026, 11, 25, 8, 0)  # Wednesday
    assert scheduling_deadline(received, COMPLAINT_POLICY, WITA) == received + timedelta(hours=72)
    school = complaint_policy(SCHOOL_DAYS)
    assert school.hours == 72
    assert scheduling_deadline(received, school, WITA).astimezone(WITA) == datetime(
        2026, 11, 30, 8, 0, tzinfo=WITA
    )


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        scheduling_deadline(datetime(2026, 11, 27, 10, 0))
    with pytest.raises(ValueError, match="aware"):
        deadline_state(datetime(2026, 11, 27, 10, 0, tzinfo=UTC), datetime(2026, 11, 27))


def test_policy_without_any_school_day_is_refused() -> None:
    with pytest.raises(ValueError):
        SchedulingPolicy(weekend=(0, 1, 2, 3, 4, 5, 6))
    with pytest.raises(ValueError):
        SchedulingPolicy(hours=0)


DEADLINE = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("left", "kind", "text"),
    [
        (timedelta(hours=5, minutes=20), DeadlineKind.ON_TIME, "Sisa 5 jam 20 menit"),
        (timedelta(hours=2), DeadlineKind.ON_TIME, "Sisa 2 jam"),
        (timedelta(hours=1, minutes=59), DeadlineKind.DUE_SOON, "Sisa 1 jam 59 menit"),
        (timedelta(0), DeadlineKind.DUE_SOON, "Sisa kurang dari 1 menit"),
        (timedelta(minutes=-45), DeadlineKind.OVERDUE, "Terlambat 45 menit"),
        (timedelta(days=-2, hours=-3), DeadlineKind.OVERDUE, "Terlambat 2 hari 3 jam"),
    ],
)
def test_waiting_request_shows_countdown_or_overdue(
    left: timedelta, kind: DeadlineKind, text: str
) -> None:
    state = deadline_state(DEADLINE, DEADLINE - left)
    assert state.kind is kind
    assert state.time_left == left
    assert countdown_text(state) == text


def test_deadline_is_met_when_the_time_was_agreed_within_it() -> None:
    met = deadline_state(DEADLINE, DEADLINE + timedelta(days=3), scheduled_at=DEADLINE)
    assert met.kind is DeadlineKind.MET and not met.is_late
    assert countdown_text(met) == "Terjadwal tepat waktu"
    missed = deadline_state(DEADLINE, DEADLINE, scheduled_at=DEADLINE + timedelta(hours=3))
    assert missed.kind is DeadlineKind.MISSED and missed.is_late
    assert countdown_text(missed) == "Terjadwal terlambat 3 jam"


def test_state_accepts_instants_in_any_aware_zone() -> None:
    now = datetime(2026, 11, 30, 9, 0, tzinfo=timezone(timedelta(hours=8)))  # 01:00 UTC
    assert deadline_state(DEADLINE, now).kind is DeadlineKind.DUE_SOON


@given(
    received=st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
    ),
    hours=st.integers(min_value=1, max_value=200),
    zone=st.sampled_from([WIB, WITA, WIT]),
    holidays=st.frozensets(
        st.dates(min_value=date(2019, 12, 1), max_value=date(2036, 3, 1)), max_size=20
    ),
)
def test_school_day_deadline_never_comes_before_the_calendar_one(
    received: datetime, hours: int, zone: ZoneInfo, holidays: frozenset[date]
) -> None:
    policy = SchedulingPolicy(hours=hours, school_days_only=True, holidays=holidays)
    deadline = scheduling_deadline(received, policy, zone)
    assert deadline >= received + timedelta(hours=hours)
    assert policy.is_school_day((deadline - timedelta(microseconds=1)).astimezone(zone).date())


# -- was the promise kept (Beranda's month share) ---------------------------------------------

DUE = datetime(2026, 11, 30, 0, 30, tzinfo=UTC)


def test_agreement_by_the_deadline_kept_the_promise() -> None:
    assert scheduled_in_time(deadline_state(DUE, DUE, scheduled_at=DUE)) is True


def test_agreement_after_the_deadline_broke_it() -> None:
    late = DUE + timedelta(minutes=1)
    assert scheduled_in_time(deadline_state(DUE, late, scheduled_at=late)) is False


def test_still_waiting_past_the_deadline_already_broke_it() -> None:
    assert scheduled_in_time(deadline_state(DUE, DUE + timedelta(minutes=1))) is False


@pytest.mark.parametrize("left", [timedelta(hours=5), timedelta(minutes=30)])
def test_still_waiting_within_the_time_cannot_be_told_yet(left: timedelta) -> None:
    assert scheduled_in_time(deadline_state(DUE, DUE - left)) is None


def test_request_that_left_the_path_without_a_time_is_not_measured() -> None:
    assert scheduled_in_time(None) is None


def test_month_share_counts_only_what_can_be_told() -> None:
    share = month_share(2026, 11, [True, False, None, True, None])
    assert (share.met, share.decided) == (2, 3)
    assert share.share == pytest.approx(2 / 3)
    assert share.percent == 67
    assert share.month_label == "November 2026"


def test_month_with_nothing_to_measure_has_no_share_rather_than_zero() -> None:
    share = month_share(2027, 1, [None, None])
    assert (share.met, share.decided, share.share, share.percent) == (0, 0, None, None)
    assert share.month_label == "Januari 2027"


def test_the_laws_72_hours_are_one_clock_for_data_requests_and_incidents() -> None:
    """Review 18 #12: one constant, counted in calendar hours even over a weekend that the
    school's school-days setting would skip."""
    friday = local(WITA, 2026, 11, 6, 15, 30)
    due = friday + timedelta(hours=72)
    assert LEGAL_72H.hours == 72 and not LEGAL_72H.school_days_only
    assert legal_deadline(friday) == due
    assert data_requests.deadline_of(friday) == due
    assert incidents.deadline_of(friday) == due
    assert scheduling_deadline(friday, complaint_policy(SCHOOL_DAYS), WITA) > due
