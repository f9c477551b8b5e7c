"""When a session may be placed: clashes refused, school time asked for a reason, commitments."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bk_desktop.domain.scheduling import (
    Booking,
    BookingKind,
    ClashKind,
    Commitment,
    CommitmentForm,
    CommitmentKind,
    SchoolCalendar,
    clashes,
    initials,
    place_key,
    week_of,
)

WITA = ZoneInfo("Asia/Makassar")
CALENDAR = SchoolCalendar(
    zone=WITA, week=(0, 1, 2, 3, 4), hours=(time(7), time(15)), holidays=frozenset()
)
MONDAY_9 = datetime(2026, 11, 30, 9, 0, tzinfo=WITA)


def session(start: datetime, minutes: int = 45, **changes: object) -> Booking:
    values: dict[str, object] = {
        "kind": BookingKind.SESSION,
        "start": start,
        "end": start + timedelta(minutes=minutes),
        "counsellor_id": "sari",
        "label": "A.L. (X MIPA 1)",
        "student_id": 1,
        "room": "ruang bk",
        "ref": 10,
    }
    values.update(changes)
    return Booking(**values)  # type: ignore[arg-type]


def kinds(start: datetime = MONDAY_9, minutes: int = 45, **changes: object) -> list[ClashKind]:
    values: dict[str, object] = {
        "start": start,
        "minutes": minutes,
        "counsellor_id": "sari",
        "student_id": 2,
        "room": "ruang bk",
        "existing": [],
        "calendar": CALENDAR,
    }
    values.update(changes)
    return [c.kind for c in clashes(**values)]  # type: ignore[arg-type]


def test_initials_show_no_name() -> None:
    assert initials("Ayu Lestari") == "A.L."
    assert initials("  muhammad  rizky ananda putra ") == "M.R.A."
    assert initials("I Gede Arsana") == "I.G.A."
    assert initials("") == "?"
    assert place_key("  Ruang   BK ") == place_key("ruang bk")


def test_a_free_slot_in_school_hours_has_no_clash() -> None:
    assert kinds() == []
    # Touching end to start is not overlapping.
    assert kinds(existing=[session(MONDAY_9 - timedelta(minutes=45))]) == []


def test_the_same_counsellor_twice_at_once_is_refused_and_named_by_initials() -> None:
    found = clashes(
        start=MONDAY_9 + timedelta(minutes=15),
        minutes=45,
        counsellor_id="sari",
        student_id=2,
        room="",
        existing=[session(MONDAY_9)],
        calendar=CALENDAR,
    )
    assert [c.kind for c in found] == [ClashKind.COUNSELLOR]
    assert found[0].hard
    assert "A.L. (X MIPA 1)" in found[0].message and "09.00–09.45" in found[0].message


def test_the_same_student_or_room_with_another_counsellor_is_refused() -> None:
    other = session(MONDAY_9, counsellor_id="budi", student_id=2, room="ruang konseling 2")
    assert kinds(existing=[other]) == [ClashKind.STUDENT]
    same_room = session(MONDAY_9, counsellor_id="budi", student_id=7)
    assert kinds(existing=[same_room]) == [ClashKind.ROOM]
    # A daring session takes no room.
    assert kinds(existing=[same_room], room="") == []


def test_a_cancelled_move_of_the_same_session_does_not_clash_with_itself() -> None:
    assert kinds(existing=[session(MONDAY_9)], moving=10, student_id=1) == []


def test_a_commitment_blocks_its_counsellor() -> None:
    meeting = Booking(
        kind=BookingKind.COMMITMENT,
        start=MONDAY_9,
        end=MONDAY_9 + timedelta(hours=2),
        counsellor_id="sari",
        label="Rapat",
    )
    found = clashes(
        start=MONDAY_9 + timedelta(hours=1),
        minutes=45,
        counsellor_id="sari",
        student_id=2,
        room="ruang bk",
        existing=[meeting],
        calendar=CALENDAR,
    )
    assert [c.kind for c in found] == [ClashKind.COUNSELLOR]
    assert "rapat pukul 09.00–11.00" in found[0].message
    assert kinds(existing=[meeting], counsellor_id="budi") == []


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (datetime(2026, 11, 30, 6, 45, tzinfo=WITA), [ClashKind.OUTSIDE_HOURS]),
        (datetime(2026, 11, 30, 14, 30, tzinfo=WITA), [ClashKind.OUTSIDE_HOURS]),
        (datetime(2026, 11, 30, 14, 15, tzinfo=WITA), []),
        (datetime(2026, 11, 29, 9, 0, tzinfo=WITA), [ClashKind.NOT_SCHOOL_DAY]),
        (datetime(2026, 12, 5, 9, 0, tzinfo=WITA), [ClashKind.NOT_SCHOOL_DAY]),
    ],
)
def test_school_time_is_asked_for_a_reason_not_refused(
    start: datetime, expected: list[ClashKind]
) -> None:
    found = kinds(start)
    assert found == expected
    assert not any(k.hard for k in found)


def test_a_holiday_needs_a_reason_and_the_clock_is_the_schools() -> None:
    christmas = SchoolCalendar(zone=WITA, holidays=frozenset({date(2026, 12, 25)}))
    assert kinds(datetime(2026, 12, 25, 9, 0, tzinfo=WITA), calendar=christmas) == [
        ClashKind.HOLIDAY
    ]
    # 01.00 UTC is 09.00 WITA: inside school hours on the school's clock.
    assert kinds(datetime(2026, 11, 30, 1, 0, tzinfo=UTC)) == []


def test_hard_clashes_come_first() -> None:
    sunday = datetime(2026, 11, 29, 9, 0, tzinfo=WITA)
    found = kinds(sunday, existing=[session(sunday)])
    assert found == [ClashKind.COUNSELLOR, ClashKind.NOT_SCHOOL_DAY]


def test_a_weekly_commitment_repeats_on_its_weekday_until_its_end() -> None:
    piket = Commitment(
        id=1,
        counsellor_id="sari",
        kind=CommitmentKind.PIKET,
        title="",
        start=datetime(2026, 11, 2, 7, 0, tzinfo=WITA),  # a Monday
        minutes=60,
        weekly=True,
        until=date(2026, 12, 14),
    )
    window = (
        datetime(2026, 11, 30, 0, 0, tzinfo=WITA),
        datetime(2026, 12, 21, 0, 0, tzinfo=WITA),
    )
    starts = [s for s, _ in piket.occurrences(window, WITA)]
    assert starts == [
        datetime(2026, 11, 30, 7, 0, tzinfo=WITA),
        datetime(2026, 12, 7, 7, 0, tzinfo=WITA),
        datetime(2026, 12, 14, 7, 0, tzinfo=WITA),
    ]
    assert piket.label == "Piket"
    once = Commitment(2, "sari", CommitmentKind.RAPAT, "Rapat MGBK", MONDAY_9, 90, False, None)
    assert [s for s, _ in once.occurrences(window, WITA)] == [MONDAY_9]
    assert list(once.occurrences((MONDAY_9 + timedelta(hours=2), window[1]), WITA)) == []


def test_a_commitment_form_is_checked() -> None:
    ok = CommitmentForm(CommitmentKind.MASUK_KELAS, MONDAY_9, 90, weekly=True)
    assert ok.validate(WITA) == []
    fields = {
        e.field
        for e in CommitmentForm(
            CommitmentKind.LAINNYA, MONDAY_9, 2, weekly=True, until=date(2026, 11, 1)
        ).validate(WITA)
    }
    assert fields == {"minutes", "title", "until"}


def test_the_grid_starts_on_monday() -> None:
    assert week_of(date(2026, 12, 3)) == date(2026, 11, 30)
    assert week_of(date(2026, 11, 30)) == date(2026, 11, 30)
    assert week_of(date(2026, 12, 6)) == date(2026, 11, 30)
