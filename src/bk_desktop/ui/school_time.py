"""Date and time inputs that speak the school's wall clock, whatever the PC's own zone is.

Instants are stored in UTC and shown in the school's zone (Pengaturan). A ``QDateTimeEdit``
left to itself reads and writes the PC's local time, which on a laptop set to WIB would shift
a WITA school's 08.30 to 07.30. So the edit holds the school's wall-clock date and time only,
and the conversion to an aware instant happens here, with ``zoneinfo``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

from bk_desktop.domain.dates import format_date, format_time, zone_abbreviation
from bk_desktop.ui.style import start_weeks_on_monday

DATE_FORMAT = "dd-MM-yyyy"
"""How every date *input* reads: the way the typed date fields ask for it ("hh-bb-tttt",
17-05-2010), so a picker and a typed field never disagree; shown dates use ``domain.dates``."""
DATE_TIME_FORMAT = f"{DATE_FORMAT} HH.mm"
"""A date input with its time, one space between (Indonesian clock times take a dot)."""


def wall_clock(instant: datetime, zone: ZoneInfo) -> QDateTime:
    """The school's local date and time of ``instant``, to the minute, for an edit."""
    local = instant.astimezone(zone)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def instant_of(edit: QDateTimeEdit, zone: ZoneInfo) -> datetime:
    """The UTC instant the edit's date and time mean on the school's wall clock."""
    day, moment = edit.date(), edit.time()
    local = datetime.combine(
        date(day.year(), day.month(), day.day()),
        time(moment.hour(), moment.minute()),
        tzinfo=zone,
    )
    return local.astimezone(UTC)


def school_date_time_edit(parent: QWidget | None = None) -> QDateTimeEdit:
    edit = QDateTimeEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_TIME_FORMAT)
    start_weeks_on_monday(edit)
    return edit


def school_date_edit(parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    start_weeks_on_monday(edit)
    return edit


def py_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def short_instant(instant: datetime, zone: ZoneInfo) -> str:
    """A list cell: "29 November 2026 08.30" on the school's clock (the zone is in the header)."""
    local = instant.astimezone(zone)
    return f"{format_date(local.date())} {format_time(instant, zone)}"


def zone_name(zone: ZoneInfo) -> str:
    """WIB, WITA or WIT."""
    return zone_abbreviation(zone)


def next_quarter_hour(instant: datetime, zone: ZoneInfo) -> datetime:
    """The first quarter hour on the school's clock after ``instant`` (a sensible slot)."""
    local = instant.astimezone(zone).replace(second=0, microsecond=0)
    minutes = 15 - local.minute % 15
    return (local + timedelta(minutes=minutes)).astimezone(UTC)
