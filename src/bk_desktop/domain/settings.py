"""The school's settings kept inside the vault, with their defaults."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from bk_desktop.domain.academic import AcademicYear, Semester
from bk_desktop.domain.accounts import validate_nip, validate_niy, validate_nuptk
from bk_desktop.domain.dates import INDONESIAN_ZONES
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.letters import (
    DEFAULT_LETTER_CODE,
    DEFAULT_LETTER_FORMAT,
    clean_code,
    format_problem,
)
from bk_desktop.domain.text import NAME_MAX, clean_line, length_problem

DEFAULT_ZONE = "Asia/Makassar"
ALLOWED_ZONES = tuple(key for key, _ in INDONESIAN_ZONES)
RETENTION_MIN = 1
RETENTION_MAX = 30
"""The retention setting's bounds in years: at least one school year, at most a generation."""


@dataclass(frozen=True)
class Settings:
    school_name: str = ""
    city: str = ""
    timezone: str = DEFAULT_ZONE
    government_line: str = ""
    agency_line: str = ""
    address_line: str = ""
    # The kop's contact line under the address (``contact_line``); each part may stay empty.
    school_phone: str = ""
    school_email: str = ""
    school_website: str = ""
    principal_name: str = ""
    principal_nip: str = ""
    # A principal at a private school signs with the foundation's number (NIY) or NUPTK.
    principal_niy: str = ""
    principal_nuptk: str = ""
    auto_lock_minutes: int = 5
    kdf_target_seconds: float = 0.5
    backup_folder: str = ""
    emergency_protocol: str = (
        "1. Pastikan siswa aman dan tidak ditinggal sendirian.\n"
        "2. Hubungi kepala sekolah dan orang tua/wali segera.\n"
        "3. Bila ada bahaya bagi nyawa, hubungi layanan darurat 112 atau puskesmas terdekat.\n"
        "4. Catat waktu dan tindakan yang diambil."
    )
    # The 1×24 h clock: calendar hours by default; a school may count school days only,
    # skipping weekends and the listed holidays (ISO dates, local to the school).
    school_days_only: bool = False
    holidays: tuple[str, ...] = ()
    # The school week as date.weekday() numbers (0 = Senin); a six-day school adds 5 (Sabtu).
    school_week: tuple[int, ...] = (0, 1, 2, 3, 4)
    # "" = the term is derived from today's date; else "2026/2027 ganjil" chosen in Pengaturan.
    current_term_override: str = ""
    # School hours on the school's clock ("HH:MM"): the Jadwal grid, and sessions outside them
    # need a reason. Lesson periods from the bell schedule, each "HH:MM-HH:MM", may be empty.
    school_start: str = "07:00"
    school_end: str = "15:00"
    lesson_periods: tuple[str, ...] = ()
    # Minutes before a session that the tray reminder comes (0 = no session reminders).
    reminder_minutes: int = 10
    # Letter numbers (``domain.letters``): the school's classification code and the format
    # "{kode}/{nomor:03d}/BK/{bulan_romawi}/{tahun}" → 421.5/045/BK/XII/2026.
    letter_code: str = DEFAULT_LETTER_CODE
    letter_number_format: str = DEFAULT_LETTER_FORMAT
    # Kotak Saran: the school's own channels besides the three of the standard (guru BK,
    # kepala sekolah, the box), offered as "Lainnya" in the register form.
    complaint_channels: tuple[str, ...] = ("Pesan WhatsApp", "Surat", "Rapat orang tua")
    # The school's data-protection officer (pejabat/petugas pelindungan data pribadi, UU PDP
    # Ps. 53), printed on the record of processing; every part may stay empty.
    dpo_name: str = ""
    dpo_position: str = ""
    dpo_phone: str = ""
    dpo_email: str = ""
    # Retention (UU PDP Ps. 40–44, domain/retention.py): a student's records are anonymised or
    # erased this many years after they left (lulus, pindah or keluar); Pengaturan → Retensi.
    retention_years: int = 5

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def to_values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> Settings:
        known = {f.name: f for f in fields(cls)}
        base = cls()
        picked: dict[str, Any] = {}
        for name, value in values.items():
            if name not in known:
                continue
            default = getattr(base, name)
            if isinstance(default, tuple) and not isinstance(value, list | tuple):
                continue  # a damaged list setting falls back to its default
            try:
                picked[name] = type(default)(value)
            except (TypeError, ValueError):
                continue
        return replace(base, **picked)

    def validated(self) -> Settings:
        """A cleaned copy, or ``ValidationError`` naming the field that is wrong."""
        name = " ".join(self.school_name.split())
        if not name:
            raise ValidationError("Nama sekolah wajib diisi.", "school_name")
        if self.timezone not in ALLOWED_ZONES:
            raise ValidationError("Pilih zona waktu WIB, WITA atau WIT.", "timezone")
        if not 1 <= self.auto_lock_minutes <= 120:
            raise ValidationError(
                "Kunci otomatis harus antara 1 dan 120 menit.", "auto_lock_minutes"
            )
        if not 0.1 <= self.kdf_target_seconds <= 5:
            raise ValidationError(
                "Ketahanan kata sandi harus antara 0,1 dan 5 detik per percobaan.",
                "kdf_target_seconds",
            )
        holidays: set[str] = set()
        for text in self.holidays:
            try:
                holidays.add(date.fromisoformat(str(text).strip()).isoformat())
            except ValueError:
                raise ValidationError(
                    f"Tanggal libur “{text}” tidak dikenali; tulis seperti 2026-12-25.",
                    "holidays",
                ) from None
        principal_nip = validate_nip(self.principal_nip, field="principal_nip")
        principal_niy = validate_niy(self.principal_niy, field="principal_niy")
        principal_nuptk = validate_nuptk(self.principal_nuptk, field="principal_nuptk")
        week = set(self.school_week)
        if not week or not all(isinstance(d, int) and 0 <= d <= 6 for d in week):
            raise ValidationError(
                "Pilih paling sedikit satu hari sekolah dalam seminggu.", "school_week"
            )
        if len(week) == 7:
            raise ValidationError(
                "Sekolah tidak masuk tujuh hari seminggu; hapus centang hari libur mingguan "
                "(biasanya Minggu).",
                "school_week",
            )
        if not self.emergency_protocol.strip():
            raise ValidationError(
                "Protokol darurat tidak boleh kosong; tulis langkah yang diambil sekolah bila "
                "seorang siswa dalam bahaya.",
                "emergency_protocol",
            )
        hours = parse_hours(self.school_start, self.school_end)
        if hours is None:
            raise ValidationError(
                "Jam sekolah ditulis seperti 07:00 sampai 15:00, dan jam selesai setelah jam "
                "mulai.",
                "school_start",
            )
        periods: list[str] = []
        for text in self.lesson_periods:
            period = parse_period(str(text))
            if period is None:
                raise ValidationError(
                    f"Jam pelajaran “{text}” tidak dikenali; tulis seperti 07:00-07:45.",
                    "lesson_periods",
                )
            periods.append(f"{period[0]:%H:%M}-{period[1]:%H:%M}")
        if not 0 <= self.reminder_minutes <= 120:
            raise ValidationError(
                "Pengingat sesi antara 0 (tidak ada) dan 120 menit sebelumnya.",
                "reminder_minutes",
            )
        phone = clean_phone(self.school_phone)
        email = clean_email(self.school_email)
        website = clean_website(self.school_website)
        letter_code = clean_code(self.letter_code)
        letter_format = self.letter_number_format.strip()
        problem = format_problem(letter_format, letter_code)
        if problem is not None:
            field = (
                "letter_code"
                if "kode klasifikasi" in problem.casefold()
                else "letter_number_format"
            )
            raise ValidationError(problem, field)
        override = " ".join(self.current_term_override.split()).casefold()
        if override and parse_term_key(override) is None:
            raise ValidationError(
                "Semester berjalan ditulis seperti “2026/2027 ganjil”.", "current_term_override"
            )
        if not RETENTION_MIN <= self.retention_years <= RETENTION_MAX:
            raise ValidationError(
                f"Masa simpan data harus antara {RETENTION_MIN} dan {RETENTION_MAX} tahun "
                "setelah siswa keluar.",
                "retention_years",
            )
        channels = _clean_channels(self.complaint_channels)
        dpo_name = _clean_dpo_line(self.dpo_name, "Nama petugas pelindungan data", "dpo_name")
        dpo_position = _clean_dpo_line(
            self.dpo_position, "Jabatan petugas pelindungan data", "dpo_position"
        )
        return replace(
            self,
            dpo_name=dpo_name,
            dpo_position=dpo_position,
            dpo_phone=clean_phone(self.dpo_phone, field="dpo_phone"),
            dpo_email=clean_email(self.dpo_email, field="dpo_email"),
            complaint_channels=channels,
            school_name=name,
            city=" ".join(self.city.split()),
            school_phone=phone,
            school_email=email,
            school_website=website,
            principal_nip=principal_nip,
            principal_niy=principal_niy,
            principal_nuptk=principal_nuptk,
            school_week=tuple(sorted(week)),
            holidays=tuple(sorted(holidays)),
            current_term_override=override,
            school_start=f"{hours[0]:%H:%M}",
            school_end=f"{hours[1]:%H:%M}",
            lesson_periods=tuple(sorted(set(periods))),
            letter_code=letter_code,
            letter_number_format=letter_format,
        )

    @property
    def contact_line(self) -> str:
        """The kop's line under the address, only the parts that are set: "Telepon (0548)
        21234 · Pos-el smpn1bontang@sch.id · Laman smpn1bontang.sch.id".

        The words are those of the naskah dinas rules (Permendagri 1/2023), which say
        "Pos-el" and "Laman" rather than "E-mail" and "Website".
        """
        parts = (
            ("Telepon", self.school_phone),
            ("Pos-el", self.school_email),
            ("Laman", self.school_website),
        )
        # A no-break space inside each part: a line too long for the kop breaks between the
        # parts, never between "Laman" and its address.
        no_break = "\u00a0"
        return " · ".join(
            no_break.join([word, *value.split()]) for word, value in parts if value.strip()
        )

    @property
    def principal_identifier(self) -> tuple[str, str] | None:
        """What the principal signs with, as (label, number): NIP, else NIY, else NUPTK."""
        for label, number in (
            ("NIP", self.principal_nip),
            ("NIY", self.principal_niy),
            ("NUPTK", self.principal_nuptk),
        ):
            if number.strip():
                return label, number.strip()
        return None

    @property
    def weekend_days(self) -> tuple[int, ...]:
        """The days of the week that are not school days (for the school-days clock).

        A damaged stored week (no valid day) falls back to Senin–Jumat.
        """
        week = {d for d in self.school_week if isinstance(d, int) and 0 <= d <= 6}
        if not week or len(week) == 7:
            week = {0, 1, 2, 3, 4}
        return tuple(day for day in range(7) if day not in week)

    @property
    def school_hours(self) -> tuple[time, time]:
        """Start and end of the school day; a damaged stored value falls back to 07.00–15.00."""
        return parse_hours(self.school_start, self.school_end) or (time(7), time(15))

    @property
    def lesson_bands(self) -> tuple[tuple[time, time], ...]:
        """The lesson periods that parse, in order (shown as bands on the Jadwal grid)."""
        bands = (parse_period(str(text)) for text in self.lesson_periods)
        return tuple(sorted(band for band in bands if band is not None))

    @property
    def holiday_dates(self) -> frozenset[date]:
        """The listed holidays as dates; entries that do not parse are ignored here."""
        found: set[date] = set()
        for text in self.holidays:
            try:
                found.add(date.fromisoformat(str(text).strip()))
            except ValueError:
                continue
        return frozenset(found)


def parse_clock(text: str) -> time | None:
    """ "07:00", "7.00" or "07:00:00" as a time of day, else ``None``."""
    cleaned = text.strip().replace(".", ":")
    try:
        parsed = time.fromisoformat(cleaned if len(cleaned) != 4 else "0" + cleaned)
    except ValueError:
        return None
    return parsed.replace(second=0, microsecond=0)


def parse_hours(start: str, end: str) -> tuple[time, time] | None:
    """School hours as times, when both parse and the end is after the start."""
    first, last = parse_clock(start), parse_clock(end)
    if first is None or last is None or last <= first:
        return None
    return first, last


def parse_period(text: str) -> tuple[time, time] | None:
    """A lesson period "07:00-07:45" (or with "–"), when it parses and ends after it starts."""
    parts = text.replace("–", "-").split("-")
    if len(parts) != 2:
        return None
    return parse_hours(parts[0], parts[1])


def term_key(year: AcademicYear, semester: Semester) -> str:
    """How ``Settings.current_term_override`` names a term: "2026/2027 ganjil"."""
    return f"{year} {semester.value}"


def parse_term_key(text: str) -> tuple[AcademicYear, Semester] | None:
    """The (year, semester) of a ``term_key`` text, or ``None`` when it is not one."""
    parts = text.casefold().split()
    if len(parts) != 2:
        return None
    try:
        return AcademicYear.parse(parts[0]), Semester(parts[1])
    except (ValidationError, ValueError):
        return None


# -- the kop's contact parts ------------------------------------------------------------------

CONTACT_MAX = 100
"""A phone number, e-mail address or website: a real one is far shorter."""

_PHONE_CHARACTERS = re.compile(r"^[0-9+()\-./ ,]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_WEBSITE = re.compile(r"^[^\s/]+\.[^\s/]+(/\S*)?$")


def _too_long(text: str, what: str, field: str) -> None:
    if len(text) > CONTACT_MAX:
        raise ValidationError(
            f"{what} paling panjang {CONTACT_MAX} karakter (sekarang {len(text)}); "
            "persingkat isinya.",
            field,
        )


def clean_phone(text: str, *, field: str = "school_phone") -> str:
    """A phone line as the school writes it ("(0548) 21234, 21235"); only digits and the
    usual separators, so a name or an address typed in the wrong box is noticed."""
    phone = " ".join(text.split())
    _too_long(phone, "Nomor telepon", field)
    if phone and (not _PHONE_CHARACTERS.match(phone) or not any(c.isdigit() for c in phone)):
        raise ValidationError(
            "Nomor telepon hanya berisi angka, spasi, tanda kurung, + dan -; tulis seperti "
            "(0548) 21234.",
            field,
        )
    return phone


def clean_email(text: str, *, field: str = "school_email") -> str:
    """An e-mail address without spaces, with one "@" and a dotted domain."""
    email = "".join(text.split())
    _too_long(email, "Alamat pos-el", field)
    if email and not _EMAIL.match(email):
        raise ValidationError(
            f"Alamat pos-el “{email}” tidak lengkap; tulis seperti smpn1bontang@sch.id.",
            field,
        )
    return email


def _clean_dpo_line(text: str, what: str, field: str) -> str:
    """A name or position on one line, cleaned like every stored line (``domain.text``)."""
    line = " ".join(clean_line(text).split())
    problem = length_problem(line, NAME_MAX, what)
    if problem is not None:
        raise ValidationError(problem, field)
    return line


def clean_website(text: str) -> str:
    """A website as it is printed on a kop: without "https://" and without a final "/"."""
    website = "".join(text.split())
    website = re.sub(r"^https?://", "", website, flags=re.IGNORECASE).rstrip("/")
    _too_long(website, "Alamat laman", "school_website")
    if website and not _WEBSITE.match(website):
        raise ValidationError(
            f"Alamat laman “{website}” tidak dikenali; tulis seperti smpn1bontang.sch.id.",
            "school_website",
        )
    return website


# -- the kop's logos --------------------------------------------------------------------------


class LogoSlot(StrEnum):
    """Where a logo stands on the kop: the government's or foundation's emblem on the left,
    the school's own on the right (either may be the only one)."""

    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class StoredLogo:
    """A logo as the vault keeps it: a PNG made by the program from the chosen picture."""

    slot: LogoSlot
    image: bytes
    width: int
    height: int
    changed_at: datetime
    changed_by: str | None


MAX_COMPLAINT_CHANNELS = 10
COMPLAINT_CHANNEL_LIMIT = 60


def _clean_channels(values: tuple[str, ...]) -> tuple[str, ...]:
    """The school's own Kotak Saran channels: one line each, no repeats (ignoring case), at
    most ten of at most 60 characters."""
    kept: list[str] = []
    seen: set[str] = set()
    for value in values:
        line = " ".join(str(value).split())
        if not line or line.casefold() in seen:
            continue
        if len(line) > COMPLAINT_CHANNEL_LIMIT:
            raise ValidationError(
                f"Nama saluran “{line[:30]}…” terlalu panjang (paling banyak "
                f"{COMPLAINT_CHANNEL_LIMIT} huruf).",
                "complaint_channels",
            )
        seen.add(line.casefold())
        kept.append(line)
    if len(kept) > MAX_COMPLAINT_CHANNELS:
        raise ValidationError(
            f"Paling banyak {MAX_COMPLAINT_CHANNELS} saluran lain.", "complaint_channels"
        )
    return tuple(kept)
