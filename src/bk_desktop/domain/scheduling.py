"""When a session may be placed: clashes, school hours, and the counsellor's other commitments.

Jadwal places sessions on a week grid, but the rules are the domain's, so every way of
scheduling — the grid, Sepakati jadwal, the case's next session, moving a block — is checked by
the same function (``clashes``):

- **Refused** (``Clash.hard``): the same counsellor twice at once (another session or one of
  their commitments: masuk kelas, rapat, piket), the same student twice at once, or the same
  room twice at once (a daring session takes no room).
- **Allowed with a reason** (``Clash.hard`` false): outside school hours, on a day that is not a
  school day, or on a listed holiday. A counselling session on a Saturday morning or after
  school is sometimes right; the record then says why (``domain.reasons``).

Only sessions still planned or already held occupy time; a cancelled or missed one does not.
A **commitment** (kegiatan lain) is a block of the counsellor's own time, once or weekly until
a date, so the free slots shown are real. Messages name the clash by the student's initials and
class only: the person placing the session is a counsellor, but the screen may be seen by
others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bk_desktop.domain.dates import format_time
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.text import LINE_MAX, length_problem

DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
GRID_MINUTES = 15


def initials(name: str) -> str:
    """ "Ayu Lestari" → "A.L."; what a calendar block and a clash message show of a student."""
    words = [w for w in name.replace(".", " ").split() if w[:1].isalpha()]
    return "".join(f"{w[0].upper()}." for w in words[:3]) or "?"


def place_key(place: str) -> str:
    """Two places are one room when they read the same, ignoring case and spacing."""
    return " ".join(place.casefold().split())


class CommitmentKind(StrEnum):
    MASUK_KELAS = "masuk_kelas"
    RAPAT = "rapat"
    PIKET = "piket"
    LAINNYA = "lainnya"

    @property
    def label(self) -> str:
        return {
            CommitmentKind.MASUK_KELAS: "Masuk kelas",
            CommitmentKind.RAPAT: "Rapat",
            CommitmentKind.PIKET: "Piket",
            CommitmentKind.LAINNYA: "Kegiatan lain",
        }[self]


@dataclass(frozen=True)
class CommitmentForm:
    """A commitment as the form holds it: once, or weekly on the same weekday until ``until``."""

    kind: CommitmentKind
    start: datetime
    minutes: int
    title: str = ""
    weekly: bool = False
    until: date | None = None

    def validate(self, zone: ZoneInfo) -> list[ValidationError]:
        errors: list[ValidationError] = []
        if not 5 <= self.minutes <= 12 * 60:
            errors.append(ValidationError("Lama kegiatan antara 5 menit dan 12 jam.", "minutes"))
        problem = length_problem(self.title, LINE_MAX, "Keterangan")
        if problem is not None:
            errors.append(ValidationError(problem, "title"))
        if self.kind is CommitmentKind.LAINNYA and not self.title.strip():
            errors.append(ValidationError("Tuliskan kegiatan apa.", "title"))
        if (
            self.weekly
            and self.until is not None
            and self.until < self.start.astimezone(zone).date()
        ):
            errors.append(
                ValidationError(
                    "Tanggal akhir kegiatan mingguan tidak boleh sebelum tanggal mulainya.",
                    "until",
                )
            )
        return errors


@dataclass(frozen=True)
class Commitment:
    id: int
    counsellor_id: str
    kind: CommitmentKind
    title: str
    start: datetime
    minutes: int
    weekly: bool
    until: date | None

    @property
    def label(self) -> str:
        return self.title or self.kind.label

    def occurrences(
        self, window: tuple[datetime, datetime], zone: ZoneInfo
    ) -> Iterator[tuple[datetime, datetime]]:
        """Each (start, end) of this commitment that overlaps ``window``; a weekly one keeps
        its local wall-clock time every week (Indonesia has no daylight saving, but the
        arithmetic is done on the local date all the same)."""
        length = timedelta(minutes=self.minutes)
        if not self.weekly:
            if self.start < window[1] and self.start + length > window[0]:
                yield self.start, self.start + length
            return
        local = self.start.astimezone(zone)
        first_day = local.date()
        day = max(first_day, (window[0] - length).astimezone(zone).date())
        day += timedelta(days=(first_day.weekday() - day.weekday()) % 7)
        last_day = window[1].astimezone(zone).date()
        if self.until is not None:
            last_day = min(last_day, self.until)
        while day <= last_day:
            start = datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=zone)
            if start < window[1] and start + length > window[0]:
                yield start, start + length
            day += timedelta(days=7)


class BookingKind(StrEnum):
    SESSION = "sesi"
    COMMITMENT = "kegiatan"


@dataclass(frozen=True)
class Booking:
    """Something that occupies time: a planned or held session, or a commitment occurrence.

    ``student_id`` and ``room`` (a ``place_key``; "" for daring) are ``None``/"" for a
    commitment; ``label`` is what a clash message shows ("A.L. (X MIPA 1)", "Rapat").
    ``ref`` is the session id, so moving a session does not clash with itself.
    """

    kind: BookingKind
    start: datetime
    end: datetime
    counsellor_id: str
    label: str
    student_id: int | None = None
    room: str = ""
    ref: int | None = None

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


class ClashKind(StrEnum):
    COUNSELLOR = "konselor"
    STUDENT = "siswa"
    ROOM = "ruang"
    OUTSIDE_HOURS = "di_luar_jam"
    NOT_SCHOOL_DAY = "bukan_hari_sekolah"
    HOLIDAY = "libur"

    @property
    def hard(self) -> bool:
        return self in {ClashKind.COUNSELLOR, ClashKind.STUDENT, ClashKind.ROOM}


@dataclass(frozen=True)
class Clash:
    kind: ClashKind
    message: str

    @property
    def hard(self) -> bool:
        return self.kind.hard


@dataclass(frozen=True)
class SchoolCalendar:
    """What the school's week looks like: its days, hours and holidays, on its clock."""

    zone: ZoneInfo
    week: tuple[int, ...] = (0, 1, 2, 3, 4)
    hours: tuple[time, time] = (time(7), time(15))
    holidays: frozenset[date] = frozenset()

    def is_school_day(self, day: date) -> bool:
        return day.weekday() in self.week and day not in self.holidays


def _span(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    return f"{format_time(start, zone)}–{format_time(end, zone)}"


def clashes(
    *,
    start: datetime,
    minutes: int,
    counsellor_id: str,
    student_id: int | None,
    room: str,
    existing: Iterable[Booking],
    calendar: SchoolCalendar,
    moving: int | None = None,
) -> list[Clash]:
    """Every reason the slot [start, start+minutes) is refused or needs a reason.

    ``room`` is a ``place_key`` ("" for daring: no room); ``moving`` is the id of the session
    being moved (it does not clash with itself). Hard clashes come first.
    """
    zone = calendar.zone
    end = start + timedelta(minutes=minutes)
    found: list[Clash] = []
    for booking in existing:
        if booking.kind is BookingKind.SESSION and booking.ref == moving and moving is not None:
            continue
        if not booking.overlaps(start, end):
            continue
        when = _span(booking.start, booking.end, zone)
        if booking.counsellor_id == counsellor_id:
            what = (
                f"sesi {booking.label}"
                if booking.kind is BookingKind.SESSION
                else booking.label.lower()
            )
            found.append(
                Clash(
                    ClashKind.COUNSELLOR,
                    f"Bentrok dengan jadwal konselor sendiri: {what} pukul {when}.",
                )
            )
        elif student_id is not None and booking.student_id == student_id:
            found.append(
                Clash(
                    ClashKind.STUDENT,
                    f"Siswa ini sudah punya sesi lain pukul {when} ({booking.label}).",
                )
            )
        elif room and booking.room == room:
            found.append(
                Clash(
                    ClashKind.ROOM,
                    f"Ruang itu sudah dipakai sesi lain pukul {when} ({booking.label}).",
                )
            )
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    day = local_start.date()
    if day in calendar.holidays:
        found.append(Clash(ClashKind.HOLIDAY, f"{day:%d-%m-%Y} adalah hari libur sekolah."))
    elif day.weekday() not in calendar.week:
        found.append(
            Clash(ClashKind.NOT_SCHOOL_DAY, f"Hari {DAY_NAMES[day.weekday()]} bukan hari sekolah.")
        )
    opens, closes = calendar.hours
    if local_start.time() < opens or local_end.date() != day or (local_end.time() > closes):
        found.append(
            Clash(
                ClashKind.OUTSIDE_HOURS,
                f"Di luar jam sekolah ({opens:%H.%M}–{closes:%H.%M}).",
            )
        )
    return sorted(found, key=lambda c: not c.hard)


def hard_clashes(found: Sequence[Clash]) -> list[Clash]:
    return [c for c in found if c.hard]


def soft_clashes(found: Sequence[Clash]) -> list[Clash]:
    return [c for c in found if not c.hard]


def week_of(day: date) -> date:
    """The Monday of ``day``'s week (the grid starts on Monday)."""
    return day - timedelta(days=day.weekday())
