"""Indonesian dates and times: what letters, schedules and the backup banner print."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bk_desktop.domain.dates import (
    DAY_NAMES,
    INDONESIAN_ZONES,
    MONTH_NAMES,
    format_age,
    format_clock,
    format_date,
    format_deadline,
    format_duration_left,
    format_instant,
    format_long_date,
    format_time,
    format_time_range,
    month_bounds,
    parse_indonesian_date,
    to_local,
    zone_abbreviation,
    zone_for_offset,
    zone_key,
)
from bk_desktop.domain.errors import ValidationError

WITA = ZoneInfo("Asia/Makassar")

# Years with four digits: what a person types and what parse_indonesian_date accepts.
four_digit_dates = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


# --- names ------------------------------------------------------------------------------------


def test_week_starts_on_monday_like_schools_count_it() -> None:
    assert DAY_NAMES[date(2026, 11, 30).weekday()] == "Senin"
    assert DAY_NAMES[date(2026, 11, 29).weekday()] == "Minggu"
    assert len(DAY_NAMES) == 7


def test_month_names_are_indonesian_and_indexed_from_january() -> None:
    assert MONTH_NAMES[0] == "Januari"
    assert MONTH_NAMES[7] == "Agustus"
    assert MONTH_NAMES[11] == "Desember"
    assert len(MONTH_NAMES) == 12


# --- formatting ---------------------------------------------------------------------------------


def test_date_is_written_day_month_name_year_without_leading_zero() -> None:
    assert format_date(date(2026, 11, 29)) == "29 November 2026"
    assert format_date(date(2026, 3, 5)) == "5 Maret 2026"


def test_long_date_starts_with_the_day_name() -> None:
    assert format_long_date(date(2026, 11, 29)) == "Minggu, 29 November 2026"
    assert format_long_date(date(2027, 1, 1)) == "Jumat, 1 Januari 2027"


def test_clock_time_uses_a_dot_and_two_digit_hours() -> None:
    assert format_clock(time(8, 30)) == "08.30"
    assert format_clock(time(14, 5, 59)) == "14.05"


def test_format_time_reads_an_aware_instant_on_the_school_clock() -> None:
    instant = datetime(2026, 11, 29, 0, 30, tzinfo=UTC)
    assert format_time(instant, WITA) == "08.30"
    assert format_time(instant, "Asia/Jayapura") == "09.30"
    assert format_time(datetime(2026, 11, 29, 7, 0, tzinfo=WITA), WITA) == "07.00"


def test_format_time_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="aware"):
        format_time(datetime(2026, 11, 29, 8, 30), WITA)


def test_a_deadline_at_the_end_of_a_day_reads_as_that_day_23_59() -> None:
    # Saturday received on a school-days clock: due at the end of Monday = Tuesday 00.00 local.
    tuesday_midnight = datetime(2026, 11, 24, 0, 0, tzinfo=WITA)
    assert format_deadline(tuesday_midnight, WITA, with_date=False) == "Senin, 23.59"
    assert format_deadline(tuesday_midnight, WITA) == "Senin, 23 November 2026 23.59 WITA"
    friday_ten = datetime(2026, 11, 27, 10, 0, tzinfo=WITA)
    assert format_deadline(friday_ten, WITA, with_date=False) == "Jumat, 10.00"


def test_time_range_uses_an_en_dash_and_names_the_zone() -> None:
    assert format_time_range(time(8, 0), time(8, 45), "WITA") == "08.00–08.45 WITA"


def test_time_range_without_zone_has_no_trailing_space() -> None:
    assert format_time_range(time(8, 0), time(8, 45), None) == "08.00–08.45"
    assert format_time_range(time(13, 15), time(14, 0)) == "13.15–14.00"


# --- zones ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("Asia/Jakarta", "WIB"),
        ("Asia/Pontianak", "WIB"),
        ("Asia/Makassar", "WITA"),
        ("Asia/Jayapura", "WIT"),
    ],
)
def test_indonesian_zones_are_named_wib_wita_wit(key: str, expected: str) -> None:
    assert zone_abbreviation(key) == expected
    assert zone_abbreviation(ZoneInfo(key)) == expected


def test_other_zones_use_the_tz_database_abbreviation() -> None:
    assert zone_abbreviation("UTC") == "UTC"
    assert zone_abbreviation("Europe/Berlin") == "CET"


def test_other_zones_follow_daylight_saving_when_given_an_instant() -> None:
    summer = datetime(2026, 7, 1, 12, tzinfo=UTC)
    assert zone_abbreviation("Europe/Berlin", at=summer) == "CEST"


def test_unknown_zone_is_a_validation_error_in_indonesian() -> None:
    with pytest.raises(ValidationError, match="Zona waktu"):
        zone_abbreviation("Asia/Atlantis")


def test_zone_choices_are_the_three_indonesian_zones_with_their_offsets() -> None:
    assert [key for key, _ in INDONESIAN_ZONES] == [
        "Asia/Jakarta",
        "Asia/Makassar",
        "Asia/Jayapura",
    ]
    assert dict(INDONESIAN_ZONES)["Asia/Makassar"] == "WITA (UTC+8)"
    for key, label in INDONESIAN_ZONES:
        offset = datetime(2026, 1, 1, tzinfo=ZoneInfo(key)).utcoffset()
        assert offset is not None
        assert label == f"{zone_abbreviation(key)} (UTC+{offset // timedelta(hours=1)})"


# --- instants ---------------------------------------------------------------------------------


def test_stored_utc_instant_is_shown_on_the_schools_wall_clock() -> None:
    instant = datetime(2026, 11, 29, 0, 30, tzinfo=UTC)
    assert format_instant(instant, WITA) == "Minggu, 29 November 2026 08.30 WITA"
    assert format_instant(instant, "Asia/Jakarta") == "Minggu, 29 November 2026 07.30 WIB"
    assert format_instant(instant, "Asia/Jayapura") == "Minggu, 29 November 2026 09.30 WIT"


def test_local_date_can_differ_from_the_utc_date() -> None:
    late_utc = datetime(2026, 11, 28, 17, 0, tzinfo=UTC)
    assert to_local(late_utc, WITA) == datetime(2026, 11, 29, 1, 0, tzinfo=WITA)
    assert format_instant(late_utc, WITA) == "Minggu, 29 November 2026 01.00 WITA"


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        to_local(datetime(2026, 11, 29, 8, 30), WITA)
    with pytest.raises(ValueError, match="aware"):
        format_instant(datetime(2026, 11, 29, 8, 30), WITA)


# --- durations ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(hours=5, minutes=12), "sisa 5 jam 12 menit"),
        (timedelta(hours=5, minutes=12, seconds=59), "sisa 5 jam 12 menit"),
        (timedelta(minutes=40), "sisa 40 menit"),
        (timedelta(days=2, hours=3, minutes=20), "sisa 2 hari 3 jam"),
        (timedelta(days=3), "sisa 3 hari"),
        (timedelta(hours=24), "sisa 1 hari"),
        (timedelta(hours=2), "sisa 2 jam"),
        (timedelta(seconds=30), "sisa kurang dari 1 menit"),
        (timedelta(0), "sisa kurang dari 1 menit"),
    ],
)
def test_time_left_shows_the_two_largest_units(delta: timedelta, expected: str) -> None:
    assert format_duration_left(delta) == expected


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (-timedelta(hours=3, minutes=5), "terlambat 3 jam 5 menit"),
        (-timedelta(hours=3, minutes=5, seconds=40), "terlambat 3 jam 5 menit"),
        (-timedelta(days=1, hours=2), "terlambat 1 hari 2 jam"),
        (-timedelta(minutes=7), "terlambat 7 menit"),
        (-timedelta(seconds=1), "terlambat kurang dari 1 menit"),
    ],
)
def test_past_deadline_says_how_late(delta: timedelta, expected: str) -> None:
    assert format_duration_left(delta) == expected


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(seconds=20), "baru saja"),
        (timedelta(0), "baru saja"),
        (-timedelta(seconds=30), "baru saja"),
        (timedelta(minutes=15), "15 menit yang lalu"),
        (timedelta(hours=2, minutes=59), "2 jam yang lalu"),
        (timedelta(days=3, hours=23), "3 hari yang lalu"),
        (timedelta(days=400), "400 hari yang lalu"),
    ],
)
def test_age_is_said_in_its_largest_unit(delta: timedelta, expected: str) -> None:
    assert format_age(delta) == expected


def test_age_in_the_future_points_at_the_pc_clock() -> None:
    assert "jam komputer" in format_age(-timedelta(hours=2))


# --- parsing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "29-11-2026",
        "29/11/2026",
        "29.11.2026",
        "2026-11-29",
        "29 November 2026",
        "29 november 2026",
        "29 NOVEMBER 2026",
        "29 Nov 2026",
        "29 Nov. 2026",
        "29 Nopember 2026",
        "  29   November  2026 ",
        "Minggu, 29 November 2026",
        "minggu 29-11-2026",
    ],
)
def test_dates_are_read_the_ways_schools_write_them(text: str) -> None:
    assert parse_indonesian_date(text) == date(2026, 11, 29)


def test_single_digit_day_and_month_are_accepted() -> None:
    assert parse_indonesian_date("5-3-2026") == date(2026, 3, 5)
    assert parse_indonesian_date("5 Mar 2026") == date(2026, 3, 5)
    assert parse_indonesian_date("17 Agt 2026") == date(2026, 8, 17)
    assert parse_indonesian_date("1 Pebruari 2026") == date(2026, 2, 1)


def test_numeric_dates_are_always_day_first() -> None:
    assert parse_indonesian_date("03-04-2026") == date(2026, 4, 3)


@pytest.mark.parametrize(
    "text", ["31-02-2026", "29/02/2026", "11/29/2026", "0-1-2026", "2026-13-01"]
)
def test_impossible_dates_are_refused_in_indonesian(text: str) -> None:
    with pytest.raises(ValidationError, match="tidak ada di kalender"):
        parse_indonesian_date(text)


@pytest.mark.parametrize(
    "text",
    [
        "besok",
        "29-11-26",
        "29 Novembre 2026",
        "November 29, 2026",
        "29-11/2026",
        "٢٩-١١-٢٠٢٦",
        "29 November",
        "2026/11/29",
    ],
)
def test_unreadable_dates_are_refused_with_an_example(text: str) -> None:
    with pytest.raises(ValidationError, match="tidak dikenali") as caught:
        parse_indonesian_date(text)
    assert "29 November 2026" in caught.value.message


def test_empty_date_says_it_is_missing() -> None:
    with pytest.raises(ValidationError, match="belum diisi"):
        parse_indonesian_date("   ")


def test_day_name_that_contradicts_the_date_is_refused() -> None:
    with pytest.raises(ValidationError, match="jatuh pada hari Minggu"):
        parse_indonesian_date("Senin, 29 November 2026")


def test_leap_day_is_accepted_in_a_leap_year() -> None:
    assert parse_indonesian_date("29-02-2028") == date(2028, 2, 29)


@given(four_digit_dates)
def test_formatted_date_reads_back_as_the_same_date(d: date) -> None:
    assert parse_indonesian_date(format_date(d)) == d


@given(four_digit_dates)
def test_long_formatted_date_reads_back_as_the_same_date(d: date) -> None:
    assert parse_indonesian_date(format_long_date(d)) == d


@given(four_digit_dates, st.sampled_from(["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"]))
def test_numeric_forms_read_back_as_the_same_date(d: date, pattern: str) -> None:
    assert parse_indonesian_date(d.strftime(pattern)) == d


@given(four_digit_dates)
def test_abbreviated_month_reads_back_as_the_same_date(d: date) -> None:
    assert parse_indonesian_date(f"{d.day} {MONTH_NAMES[d.month - 1][:3]} {d.year}") == d


@given(st.text(max_size=30))
def test_any_text_parses_or_raises_validation_error(text: str) -> None:
    try:
        result = parse_indonesian_date(text)
    except ValidationError as exc:
        assert exc.message
    else:
        assert isinstance(result, date)


@pytest.mark.parametrize(
    "text",
    [
        "Jum'at, 4 Desember 2026",
        "Jum’at, 4 Desember 2026",  # typographic apostrophe, as word processors write it
        "Jumʼat, 4 Desember 2026",
        "jumat 4 Desember 2026",
    ],
)
def test_friday_is_read_with_any_apostrophe(text: str) -> None:
    assert parse_indonesian_date(text) == date(2026, 12, 4)


def test_ahad_is_read_as_sunday_and_still_checked() -> None:
    assert parse_indonesian_date("Ahad, 6 Desember 2026") == date(2026, 12, 6)
    with pytest.raises(ValidationError, match="jatuh pada hari Senin"):
        parse_indonesian_date("Ahad, 7 Desember 2026")


def test_arabic_indic_digits_are_not_a_date() -> None:
    with pytest.raises(ValidationError):
        parse_indonesian_date("٠٤-١٢-٢٠٢٦")


def test_month_bounds_are_the_local_month_in_utc() -> None:
    start, end = month_bounds(2026, 11, "Asia/Makassar")
    assert start == datetime(2026, 10, 31, 16, 0, tzinfo=UTC)
    assert end == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)


def test_month_edges_follow_the_school_clock_not_utc() -> None:
    zone = ZoneInfo("Asia/Makassar")
    start, end = month_bounds(2026, 11, zone)
    inside = (
        datetime(2026, 11, 1, 7, 30, tzinfo=zone),  # 31 October 23.30 UTC
        datetime(2026, 11, 30, 23, 30, tzinfo=zone),  # the last evening of the month
    )
    outside = (
        datetime(2026, 10, 31, 23, 59, tzinfo=zone),
        datetime(2026, 12, 1, 7, 30, tzinfo=zone),  # still 30 November in UTC
    )
    assert all(start <= moment < end for moment in inside)
    assert not any(start <= moment < end for moment in outside)


def test_december_ends_at_new_year_in_the_school_zone() -> None:
    start, end = month_bounds(2026, 12, "Asia/Jayapura")
    assert start == datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
    assert end == datetime(2026, 12, 31, 15, 0, tzinfo=UTC)


def test_month_bounds_refuse_a_month_that_does_not_exist() -> None:
    with pytest.raises(ValueError):
        month_bounds(2026, 13, "Asia/Jakarta")


def test_a_pcs_utc_offset_names_its_indonesian_zone() -> None:
    assert zone_for_offset(timedelta(hours=7)) == "Asia/Jakarta"
    assert zone_for_offset(timedelta(hours=8)) == "Asia/Makassar"
    assert zone_for_offset(timedelta(hours=9)) == "Asia/Jayapura"
    assert zone_for_offset(timedelta(hours=1)) is None
    assert zone_for_offset(None) is None


def test_zones_are_known_by_their_indonesian_names() -> None:
    assert zone_key("WIB") == "Asia/Jakarta"
    assert zone_key(" wita ") == "Asia/Makassar"
    assert zone_key("Asia/Jayapura") == "Asia/Jayapura"
    assert zone_key("Asia/Pontianak") is None  # not one of the three a school chooses
    assert zone_key("CET") is None
