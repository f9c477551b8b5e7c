"""Dates and times written the way an Indonesian school writes them.

Letters, schedules and reports must read like the school's own paperwork: "29 November 2026",
"Minggu, 29 November 2026", "08.30" (a dot, not a colon), "08.00–08.45 WITA". The platform's
locale cannot be trusted for this (Windows PCs in schools often run an English locale, and Qt's
id_ID data starts the week on Sunday), so the names are spelled out here.

Instants are stored as aware UTC datetimes; the school's zone is applied only when showing them.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bk_desktop.domain.errors import ValidationError

DAY_NAMES: tuple[str, ...] = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
"""Day names indexed by ``date.weekday()``: schools count the week from Monday."""

MONTH_NAMES: tuple[str, ...] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
"""Month names indexed by ``month - 1``."""

INDONESIAN_ZONES: list[tuple[str, str]] = [
    ("Asia/Jakarta", "WIB (UTC+7)"),
    ("Asia/Makassar", "WITA (UTC+8)"),
    ("Asia/Jayapura", "WIT (UTC+9)"),
]
"""The three zones a school can choose in Pengaturan, as (zone key, label shown)."""

# The tz database calls these zones by their numeric offsets ("+07"), not by the names every
# Indonesian uses, so the legal names (Keppres 41/1987) are kept here. Asia/Pontianak and the
# old alias Asia/Ujung_Pandang are included because a PC's own zone setting may name them.
_ZONE_ABBREVIATIONS: dict[str, str] = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Ujung_Pandang": "WITA",
    "Asia/Jayapura": "WIT",
}

_ZONES_BY_OFFSET: dict[timedelta, str] = {
    timedelta(hours=7): "Asia/Jakarta",
    timedelta(hours=8): "Asia/Makassar",
    timedelta(hours=9): "Asia/Jayapura",
}


def zone_for_offset(offset: timedelta | None) -> str | None:
    """The Indonesian zone with this UTC offset (+7, +8, +9), or None for any other.

    A PC's zone is read by its offset, not its name: Windows calls WITA "Singapore Standard
    Time" or "China Standard Time" (+08:00), never Asia/Makassar.
    """
    return _ZONES_BY_OFFSET.get(offset) if offset is not None else None


def zone_key(text: str) -> str | None:
    """The zone key for "WIB"/"WITA"/"WIT" (any case) or one of the three keys, else None."""
    wanted = text.strip()
    for key, _ in INDONESIAN_ZONES:
        if wanted == key or wanted.upper() == _ZONE_ABBREVIATIONS[key]:
            return key
    return None


_MINUTE = timedelta(minutes=1)
_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)


def format_date(d: date) -> str:
    """The date line of letters and reports: "29 November 2026", no leading zero on the day."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


def format_long_date(d: date) -> str:
    """Where the day of the week matters (schedules): "Minggu, 29 November 2026"."""
    return f"{DAY_NAMES[d.weekday()]}, {format_date(d)}"


def format_clock(t: time) -> str:
    """A wall-clock time that is already the school's (a bell schedule): "08.30".

    Indonesian writes clock times with a dot and 24 hours.
    """
    return f"{t.hour:02d}.{t.minute:02d}"


def format_time(instant: datetime, zone: ZoneInfo | str) -> str:
    """An instant's time on the school's clock: "08.30".

    Only an aware instant and a zone are taken: printing whatever hour a datetime carries is
    how a stored UTC time shows up eight hours early at a WITA school.
    """
    return format_clock(to_local(instant, zone).time())


def format_time_range(start: time, end: time, zone_abbrev: str | None = None) -> str:
    """A session slot on the school's clock, "08.00–08.45 WITA"; name the zone when readers
    may be elsewhere."""
    text = f"{format_clock(start)}–{format_clock(end)}"
    return f"{text} {zone_abbrev}" if zone_abbrev else text


def format_deadline(instant: datetime, zone: ZoneInfo | str, *, with_date: bool = True) -> str:
    """A deadline on the school's clock; the end of a day reads as that day's 23.59.

    A deadline at local midnight belongs to the day that ends there: "Senin, 23.59", never
    "Selasa … 00.00", which reads as a day later than it is. ``with_date`` adds the date and
    the zone as ``format_instant`` does: "Senin, 23 November 2026 23.59 WITA". Every deadline
    is shown through this.
    """
    tz = _as_zone(zone)
    local = to_local(instant, tz)
    if local.time() == time(0):
        day, clock = local.date() - _DAY, "23.59"
    else:
        day, clock = local.date(), format_clock(local.time())
    if not with_date:
        return f"{DAY_NAMES[day.weekday()]}, {clock}"
    return f"{format_long_date(day)} {clock} {zone_abbreviation(tz, at=local)}"


def _as_zone(zone: ZoneInfo | str) -> ZoneInfo:
    if isinstance(zone, ZoneInfo):
        return zone
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            f'Zona waktu "{zone}" tidak dikenal. Pilih WIB, WITA, atau WIT di Pengaturan.',
            field="zona_waktu",
        ) from exc


def zone_abbreviation(zone: ZoneInfo | str, *, at: datetime | None = None) -> str:
    """WIB, WITA or WIT for Indonesian zones; the tz database's abbreviation for any other.

    Indonesia has no daylight saving, so its names never depend on the date. For other zones
    the name can (CET/CEST): pass ``at`` (an aware instant) to get the name in force then;
    without it the standard-time name is returned, so the answer never depends on today.
    """
    tz = _as_zone(zone)
    if tz.key in _ZONE_ABBREVIATIONS:
        return _ZONE_ABBREVIATIONS[tz.key]
    if at is not None:
        name = to_local(at, tz).tzname()
    else:
        # A fixed year keeps this pure; one of January and July is standard time in any hemisphere.
        candidates = [datetime(2024, month, 1, 12, tzinfo=tz) for month in (1, 7)]
        standard = [c for c in candidates if c.dst() == timedelta(0)] or candidates
        name = standard[0].tzname()
    return name or tz.key


def to_local(instant: datetime, zone: ZoneInfo | str) -> datetime:
    """The same instant on the school's wall clock.

    A naive datetime is refused: it would be read in the PC's own zone, which is how a
    session stored at 08.00 WITA silently turns into 07.00 on a PC set to WIB.
    """
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("to_local needs an aware datetime (stored instants are UTC)")
    return instant.astimezone(_as_zone(zone))


def month_bounds(year: int, month: int, zone: ZoneInfo | str) -> tuple[datetime, datetime]:
    """The local calendar month as a half-open range of UTC instants ``[start, end)``.

    "This month" at a school in WITA begins at 00.00 WITA on the 1st, which is 16.00 UTC the
    day before, so a request at 23.30 WITA on the 31st still belongs to the month it was
    received in locally although UTC has already moved on.
    """
    if not 1 <= month <= 12:
        raise ValueError("month must be 1..12")
    local = _as_zone(zone)
    first = datetime(year, month, 1, tzinfo=local)
    following = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=local)
    return first.astimezone(UTC), following.astimezone(UTC)


def days_bounds(first: date, last: date, zone: ZoneInfo | str) -> tuple[datetime, datetime]:
    """The local days ``first``..``last`` (both included) as a half-open range of UTC
    instants: from the first day's local midnight to the midnight after the last day."""
    local = _as_zone(zone)
    start = datetime.combine(first, time(0), tzinfo=local)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=local)
    return start.astimezone(UTC), end.astimezone(UTC)


def format_instant(instant_utc: datetime, zone: ZoneInfo | str) -> str:
    """A stored instant read in the school's zone: "Minggu, 29 November 2026 08.30 WITA"."""
    tz = _as_zone(zone)
    local = to_local(instant_utc, tz)
    abbrev = zone_abbreviation(tz, at=local)
    return f"{format_long_date(local.date())} {format_clock(local.time())} {abbrev}"


def _two_units(delta: timedelta) -> str:
    """The two largest units of a non-negative span, in whole minutes (seconds are dropped)."""
    minutes_total = delta // _MINUTE
    days, rest = divmod(minutes_total, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} hari {hours} jam" if hours else f"{days} hari"
    if hours:
        return f"{hours} jam {minutes} menit" if minutes else f"{hours} jam"
    return f"{minutes} menit"


def format_span(delta: timedelta) -> str:
    """A span either way, in its two largest units: "2 hari 3 jam", "45 menit"; under a
    minute "kurang dari 1 menit"."""
    span = abs(delta)
    return _two_units(span) if span >= _MINUTE else "kurang dari 1 menit"


def format_duration_left(delta: timedelta) -> str:
    """Time left until a deadline: "sisa 5 jam 12 menit", or "terlambat 3 jam 5 menit".

    Whole minutes are shown and the seconds dropped, so "sisa" never promises more time than
    there is. Less than a minute either way is said in words, never as "0 menit". Zero counts
    as not yet late: the deadline itself is still on time.
    """
    if delta < timedelta(0):
        late = -delta
        if late < _MINUTE:
            return "terlambat kurang dari 1 menit"
        return f"terlambat {_two_units(late)}"
    if delta < _MINUTE:
        return "sisa kurang dari 1 menit"
    return f"sisa {_two_units(delta)}"


def format_age(delta: timedelta) -> str:
    """How long ago something happened, in its largest unit: "3 hari yang lalu", "baru saja".

    Used for "last backup", where the rough size matters more than the minutes. A clearly
    negative age means the PC's clock was moved back since; that is said, not hidden, because
    it also makes every deadline wrong.
    """
    if delta < -_MINUTE:
        return "di masa depan (periksa jam komputer)"
    if delta < _MINUTE:
        return "baru saja"
    if delta < _HOUR:
        return f"{delta // _MINUTE} menit yang lalu"
    if delta < _DAY:
        return f"{delta // _HOUR} jam yang lalu"
    return f"{delta // _DAY} hari yang lalu"


# Month words accepted when parsing: full names, three-letter abbreviations, and the older
# spellings still printed on many school documents ("Pebruari", "Nopember").
_MONTH_WORDS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{"peb": 2, "pebruari": 2, "agt": 8, "ags": 8, "sept": 9, "nop": 11, "nopember": 11},
}

_DAY_WORDS: dict[str, int] = {name.lower(): index for index, name in enumerate(DAY_NAMES)}
_DAY_WORDS["jum'at"] = 4
_DAY_WORDS["ahad"] = 6  # madrasah calendars say Ahad for Minggu
# Apostrophes people and word processors type in "Jum'at": typographic ’, modifier ʼ, backtick.
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})

# Digits are spelled [0-9]: \d would also take Arabic-Indic digits, which int() accepts.
_NUMERIC_DMY = re.compile(r"([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_WORDS = re.compile(r"([0-9]{1,2}) ([^\W\d_]+)\.? ([0-9]{4})")
_DAY_PREFIX = re.compile(r"([^\W\d_]+(?:'[^\W\d_]+)?),? (.*)")

_FORMAT_HINT = "Tulis seperti 29-11-2026, 29/11/2026, 2026-11-29, atau 29 November 2026."


def parse_indonesian_date(text: str) -> date:
    """Read a date typed by a person or found in a file, the ways Indonesian schools write it.

    Accepted: "29-11-2026", "29/11/2026", "29.11.2026", "2026-11-29", "29 November 2026",
    "29 Nov 2026" (also "Nopember"), optionally after a day name ("Minggu, 29 November 2026",
    which must then be the right day). Day first always: a school never writes month first,
    and guessing would turn 03-04 into March. Two-digit years are refused for the same reason.
    """
    cleaned = " ".join(text.translate(_APOSTROPHES).split())
    if not cleaned:
        raise ValidationError(f"Tanggal belum diisi. {_FORMAT_HINT}")

    stated_weekday: int | None = None
    prefix = _DAY_PREFIX.fullmatch(cleaned)
    if prefix and prefix.group(1).lower() in _DAY_WORDS:
        stated_weekday = _DAY_WORDS[prefix.group(1).lower()]
        cleaned = prefix.group(2)

    parts = _split_date(cleaned)
    if parts is None:
        raise ValidationError(f'Tanggal "{text.strip()}" tidak dikenali. {_FORMAT_HINT}')
    year, month, day = parts
    try:
        result = date(year, month, day)
    except ValueError as exc:
        raise ValidationError(
            f'Tanggal "{text.strip()}" tidak ada di kalender. Periksa tanggal dan bulannya.'
        ) from exc
    if stated_weekday is not None and stated_weekday != result.weekday():
        raise ValidationError(
            f'Tanggal "{text.strip()}" tidak cocok: {format_date(result)} jatuh pada hari '
            f"{DAY_NAMES[result.weekday()]}. Periksa hari atau tanggalnya."
        )
    return result


def _split_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) from one of the accepted shapes, unchecked; None if none fits."""
    if match := _NUMERIC_DMY.fullmatch(text):
        return int(match.group(4)), int(match.group(3)), int(match.group(1))
    if match := _ISO.fullmatch(text):
        return int(match.group(1)), int(match.group(2)), int(match.group(3))
    if (match := _WORDS.fullmatch(text)) and (month := _MONTH_WORDS.get(match.group(2).lower())):
        return int(match.group(3)), month, int(match.group(1))
    return None


__all__ = [
    "DAY_NAMES",
    "INDONESIAN_ZONES",
    "MONTH_NAMES",
    "days_bounds",
    "format_age",
    "format_clock",
    "format_date",
    "format_deadline",
    "format_duration_left",
    "format_instant",
    "format_long_date",
    "format_span",
    "format_time",
    "format_time_range",
    "month_bounds",
    "parse_indonesian_date",
    "to_local",
    "zone_abbreviation",
]
