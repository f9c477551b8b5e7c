"""Letters with numbers (nomor surat): the number format, the rules of numbering, the record.

A letter the school sends (a Surat Alih Tangan Kasus to a professional, a Surat Panggilan to
a parent) carries a number in the school's format, e.g. ``421.5/045/BK/XII/2026`` (DOMAIN §3):
a classification code the school sets, a serial counted per year, the unit, the month in Roman
numerals and the year. The format is a setting (``Settings.letter_number_format`` and
``letter_code``) checked here by ``format_problem``.

The rules, each one there because a number is a fact the school's outgoing-letter book and the
recipient both keep:

- a letter gets its number when it is **first issued**; the number is frozen in the letter's
  record (a later change of format never renumbers a sent letter);
- a **reprint** is the same letter with the same number and date;
- a **voided** number stays on record as void and is never given again;
- serials are **counted per year** (the year of issue on the school's calendar) and never
  reused: the next one is above both the stored counter and every number already given;
- **after a restore** of an older backup the vault may not know letters sent since that
  backup was made; the first letter issued after a restore asks the counsellor to confirm the
  next number (``needs_confirmation``), and Pengaturan may move the counter up, never down.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType

from bk_desktop.domain.documents import DocumentKind
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.reasons import reason_problem
from bk_desktop.domain.students import GuardianRelation
from bk_desktop.domain.text import LINE_MAX, NAME_MAX, clean_line, length_problem

DEFAULT_LETTER_FORMAT = "{kode}/{nomor:03d}/BK/{bulan_romawi}/{tahun}"
DEFAULT_LETTER_CODE = "421.5"
"""DOMAIN §3's example; each school writes its own classification code in Pengaturan."""

PLACEHOLDERS: Mapping[str, str] = MappingProxyType(
    {
        "kode": "kode klasifikasi surat dari Pengaturan",
        "nomor": "nomor urut dalam setahun",
        "bulan_romawi": "bulan dalam angka Romawi (XII)",
        "bulan": "bulan dalam angka (12)",
        "tahun": "tahun (2026)",
    }
)
"""What a format may contain, and what each part means (shown beside the setting)."""

_NUMERIC = frozenset({"nomor", "bulan", "tahun"})
FORMAT_MAX = 80
CODE_MAX = 30
SERIAL_MAX = 99_999
"""A year's serial: no school sends a hundred thousand letters, a typo might ask for it."""

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def roman_month(month: int) -> str:
    """The month as letter numbers write it: 12 → "XII"."""
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    return _ROMAN[month - 1]


def _spec_problem(name: str, spec: str) -> str | None:
    if not spec:
        return None
    digits = spec[:-1]
    if (
        name in _NUMERIC
        and spec.endswith("d")
        and digits.isascii()
        and digits.isdigit()
        and len(spec) <= 3
    ):
        return None  # "03d": leading zeros, as in 045
    if name in _NUMERIC and spec == "d":
        return None
    return (
        f"Bagian {{{name}:{spec}}} tidak dikenali; untuk nol di depan tulis seperti "
        "{nomor:03d}, selain itu tanpa titik dua."
    )


def format_problem(letter_format: str, code: str) -> str | None:
    """Why ``letter_format`` (with the classification ``code``) cannot number letters, or
    ``None``.

    A format must hold the serial ({nomor}) and the year ({tahun}), since serials restart each
    year and only the year tells two letters apart; it may hold only the parts of
    ``PLACEHOLDERS``, and {kode} needs a code.
    """
    text = letter_format.strip()
    if not text:
        return f"Tulis format nomor surat, mis. {DEFAULT_LETTER_FORMAT}."
    if len(text) > FORMAT_MAX:
        return f"Format nomor surat paling panjang {FORMAT_MAX} karakter."
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        return (
            "Format nomor surat memuat kurung kurawal yang tidak berpasangan; tulis bagian "
            "seperti {nomor:03d} atau {tahun}."
        )
    names: set[str] = set()
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS or conversion:
            known = ", ".join(f"{{{key}}}" for key in PLACEHOLDERS)
            return f"Bagian {{{name}}} tidak dikenali. Yang dapat dipakai: {known}."
        problem = _spec_problem(name, spec or "")
        if problem is not None:
            return problem
        names.add(name)
    if "nomor" not in names:
        return "Format nomor surat harus memuat nomor urut: {nomor} atau {nomor:03d}."
    if "tahun" not in names:
        return "Format nomor surat harus memuat {tahun}: nomor urut dihitung ulang setiap tahun."
    if "kode" in names and not code.strip():
        return "Isi kode klasifikasi surat (mis. 421.5), atau hapus {kode} dari format."
    if len(code.strip()) > CODE_MAX:
        return f"Kode klasifikasi surat paling panjang {CODE_MAX} karakter."
    try:  # what the checks above could still miss must not surface at the first letter
        format_number(text, code=code, serial=1, on=date(2026, 12, 1))
    except (ValueError, KeyError, IndexError):
        return "Format nomor surat tidak dapat dipakai; tulis seperti " + DEFAULT_LETTER_FORMAT
    return None


def format_number(letter_format: str, *, code: str, serial: int, on: date) -> str:
    """The letter number of ``serial`` issued on ``on``: "421.5/045/BK/XII/2026".

    ``letter_format`` must have passed ``format_problem``.
    """
    return letter_format.strip().format(
        kode=code.strip(),
        nomor=serial,
        bulan_romawi=roman_month(on.month),
        bulan=on.month,
        tahun=on.year,
    )


def clean_code(code: str) -> str:
    """The classification code as the vault keeps it: one line, no spaces around."""
    return clean_line(code).strip()


def next_serial(counter: int | None, highest: int | None) -> int:
    """The next serial of a year: above every number given that year and never below the
    stored counter (which only a correction or an issue moves, and only upward)."""
    return max(counter or 1, (highest or 0) + 1)


def counter_problem(current_next: int, wanted: int) -> str | None:
    """Why the next serial may not be set to ``wanted`` (now ``current_next``), or ``None``.

    Only upward: a lower number would give a number a second time."""
    if wanted < current_next:
        return (
            f"Nomor berikutnya hanya dapat dinaikkan (sekarang {current_next}); nomor yang "
            "sudah diberikan tidak dipakai lagi."
        )
    if wanted > SERIAL_MAX:
        return f"Nomor berikutnya paling besar {SERIAL_MAX}."
    return None


def needs_confirmation(restored_at: datetime | None, confirmed_at: datetime | None) -> bool:
    """Whether the next number must be confirmed: the vault was restored from a backup
    (``restored_at``, the latest restore) after the last time a number was given or set
    (``confirmed_at``), so letters sent after that backup may be unknown here."""
    if restored_at is None:
        return False
    return confirmed_at is None or restored_at > confirmed_at


def void_reason_problem(reason: str) -> str | None:
    """A void needs a reason (the number stays in the book as void, with why)."""
    return reason_problem(reason, "pembatalan nomor surat")


@dataclass(frozen=True)
class LetterRecord:
    """One numbered letter: what it is for, its number, and whether that number was voided.

    ``target_kind``/``target_id`` name what it was written from (``referral`` and the
    referral's id, ``student`` and the student's id); ``details`` holds what the letter says
    that no other record keeps (a summons' guardian, meeting time, place and purpose), so a
    reprint says the same."""

    id: int
    kind: DocumentKind
    year: int
    serial: int
    number: str
    target_kind: str
    target_id: int
    issued_at: datetime
    issued_by: str | None
    details: Mapping[str, str] = field(default_factory=dict)
    voided_at: datetime | None = None
    voided_by: str | None = None
    void_reason: str = ""

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None


def salutation(relation: GuardianRelation | None) -> str:
    """How the letter addresses the guardian: "Bapak" for an ayah, "Ibu" for an ibu, and
    "Bapak/Ibu" for a wali (or one whose relation is not recorded)."""
    if relation is GuardianRelation.AYAH:
        return "Bapak"
    if relation is GuardianRelation.IBU:
        return "Ibu"
    return "Bapak/Ibu"


DEFAULT_PURPOSE = "konsultasi mengenai perkembangan putra/putri Bapak/Ibu"
"""What a summons says the meeting is for: general words that disclose nothing of the
counselling (the letter passes through the student's hands and the family's)."""

PURPOSE_MAX = 200


@dataclass(frozen=True)
class ParentMeeting:
    """What a Surat Panggilan Orang Tua/Wali asks: who comes, when, where, for what, and
    whom to tell when they cannot."""

    guardian_name: str
    start: datetime
    place: str
    purpose: str = DEFAULT_PURPOSE
    contact: str = ""

    def cleaned(self) -> ParentMeeting:
        return ParentMeeting(
            guardian_name=clean_line(self.guardian_name),
            start=self.start,
            place=clean_line(self.place),
            purpose=clean_line(self.purpose),
            contact=clean_line(self.contact),
        )

    def problems(self, *, now: datetime, guardians: frozenset[str]) -> list[ValidationError]:
        """What stops this summons being issued at ``now`` to one of ``guardians`` (the names
        on the student's record)."""
        errors: list[ValidationError] = []
        if not self.guardian_name.strip():
            errors.append(ValidationError("Pilih orang tua/wali yang dipanggil.", "guardian"))
        elif self.guardian_name not in guardians:
            errors.append(
                ValidationError(
                    "Orang tua/wali ini tidak tercatat pada data siswa; pilih dari daftar.",
                    "guardian",
                )
            )
        elif problem := length_problem(self.guardian_name, NAME_MAX, "Nama orang tua/wali"):
            errors.append(ValidationError(problem, "guardian"))
        if self.start <= now:
            errors.append(
                ValidationError(
                    "Waktu pertemuan sudah lewat; pilih hari dan jam yang akan datang.", "start"
                )
            )
        if not self.place.strip():
            errors.append(ValidationError("Tuliskan tempat pertemuan (mis. Ruang BK).", "place"))
        elif problem := length_problem(self.place, LINE_MAX, "Tempat"):
            errors.append(ValidationError(problem, "place"))
        if not self.purpose.strip():
            errors.append(
                ValidationError(
                    "Tuliskan keperluan pertemuan dengan kata-kata umum, mis. "
                    f"“{DEFAULT_PURPOSE}”.",
                    "purpose",
                )
            )
        elif problem := length_problem(self.purpose, PURPOSE_MAX, "Keperluan"):
            errors.append(ValidationError(problem, "purpose"))
        if problem := length_problem(self.contact, LINE_MAX, "Kontak"):
            errors.append(ValidationError(problem, "contact"))
        return errors


__all__ = [
    "DEFAULT_LETTER_CODE",
    "DEFAULT_LETTER_FORMAT",
    "DEFAULT_PURPOSE",
    "PLACEHOLDERS",
    "LetterRecord",
    "ParentMeeting",
    "clean_code",
    "counter_problem",
    "format_number",
    "format_problem",
    "needs_confirmation",
    "next_serial",
    "roman_month",
    "void_reason_problem",
]
