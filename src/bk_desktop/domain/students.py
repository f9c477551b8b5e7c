"""Students as the school registers them, and the rule that only enrolled students are served.

Persyaratan 1 of the service standard: the student is legitimately enrolled. A student who has
moved (pindah), graduated (lulus) or left (keluar) stays in the registry, because their records
must be kept, but no new service may be started for them.

``StudentDraft`` is what a form or an import produces; ``Student`` is the same with the id the
vault gave it. Validation returns *all* problems, each tagged with the field it belongs to, so
the form can show every message next to its input at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Self

from bk_desktop.domain.academic import AcademicYear, Grade, grade_from_rombel
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.identifiers import (
    nik_error,
    nik_kk_error,
    nis_error,
    nisn_error,
    no_kk_error,
)
from bk_desktop.domain.text import NAME_MAX, NOTE_MAX, clean_line, clean_text, length_problem


class Sex(StrEnum):
    L = "L"
    P = "P"

    @property
    def label(self) -> str:
        return "Laki-laki" if self is Sex.L else "Perempuan"


class Religion(StrEnum):
    """The six religions served by the state plus "Kepercayaan terhadap Tuhan YME"."""

    ISLAM = "Islam"
    KRISTEN = "Kristen"
    KATOLIK = "Katolik"
    HINDU = "Hindu"
    BUDDHA = "Buddha"
    KHONGHUCU = "Khonghucu"
    KEPERCAYAAN = "Kepercayaan"

    @property
    def label(self) -> str:
        if self is Religion.KEPERCAYAAN:
            return "Kepercayaan terhadap Tuhan YME"
        return self.value


# Spellings found in Dapodik exports and hand-made lists, after casefolding.
_RELIGION_SPELLINGS: dict[str, Religion] = {
    "islam": Religion.ISLAM,
    "kristen": Religion.KRISTEN,
    "kristen protestan": Religion.KRISTEN,
    "protestan": Religion.KRISTEN,
    "katolik": Religion.KATOLIK,
    "katholik": Religion.KATOLIK,
    "kristen katolik": Religion.KATOLIK,
    "hindu": Religion.HINDU,
    "buddha": Religion.BUDDHA,
    "budha": Religion.BUDDHA,
    "budda": Religion.BUDDHA,
    "khonghucu": Religion.KHONGHUCU,
    "konghucu": Religion.KHONGHUCU,
    "kong hu cu": Religion.KHONGHUCU,
    "khong hu chu": Religion.KHONGHUCU,
    "kepercayaan": Religion.KEPERCAYAAN,
}


def parse_religion(text: str) -> Religion | None:
    """Tolerant reading of a religion as written in Dapodik ("Katholik", "Budha") or by hand."""
    key = " ".join(text.casefold().replace(".", " ").split())
    if not key:
        return None
    if key in _RELIGION_SPELLINGS:
        return _RELIGION_SPELLINGS[key]
    if key.startswith("kepercayaan"):
        return Religion.KEPERCAYAAN
    return None


class StudentStatus(StrEnum):
    AKTIF = "aktif"
    PINDAH = "pindah"
    LULUS = "lulus"
    KELUAR = "keluar"

    @property
    def label(self) -> str:
        return {
            StudentStatus.AKTIF: "Aktif",
            StudentStatus.PINDAH: "Pindah sekolah",
            StudentStatus.LULUS: "Lulus",
            StudentStatus.KELUAR: "Keluar",
        }[self]


class GuardianRelation(StrEnum):
    AYAH = "ayah"
    IBU = "ibu"
    WALI = "wali"

    @property
    def label(self) -> str:
        return {
            GuardianRelation.AYAH: "Ayah",
            GuardianRelation.IBU: "Ibu",
            GuardianRelation.WALI: "Wali",
        }[self]


@dataclass(frozen=True)
class Guardian:
    """A parent or guardian: the person whose consent a child's data processing rests on."""

    name: str
    relation: GuardianRelation
    phone: str = ""


@dataclass(frozen=True)
class ClassPlacement:
    """The rombel a student sits in during one academic year, stored exactly as the school
    writes it; the grade is derived, never typed twice."""

    academic_year: AcademicYear
    rombel: str
    homeroom_teacher: str = ""

    @property
    def grade(self) -> Grade | None:
        return grade_from_rombel(self.rombel)


_PHONE = re.compile(r"\+?[0-9\s\-().]+")
_MIN_PHONE_DIGITS = 8
_MAX_PHONE_DIGITS = 15
PHONE_MESSAGE = "Nomor telepon berisi 8–15 angka (boleh diawali +, boleh ada spasi atau tanda -)."


def phone_error(phone: str) -> str | None:
    """Loose check: the counsellor must be able to dial it; formats vary too much for more."""
    if not phone:
        return None
    if _PHONE.fullmatch(phone) is None:
        return PHONE_MESSAGE
    digits = sum(ch.isdigit() for ch in phone)
    if not _MIN_PHONE_DIGITS <= digits <= _MAX_PHONE_DIGITS:
        return PHONE_MESSAGE
    return None


def name_key(name: str) -> str:
    """A name reduced for matching: case, accents, punctuation and extra spaces ignored.

    "Muh. Rizky  Pratama" and "MUH RIZKY PRATAMA" are the same student in two spreadsheets.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = re.sub(r"[^\w\s]", " ", letters.casefold())
    return " ".join(cleaned.split())


@dataclass(frozen=True, kw_only=True)
class StudentDraft:
    """Everything the registry holds about a student, before it has an id.

    Identifiers are normalised text (see ``identifiers``); "" means unknown. ``placements``
    holds one rombel per academic year, so last year's class stays visible in old cases.
    """

    name: str
    nis: str = ""
    nisn: str = ""
    nik: str = ""
    no_kk: str = ""
    sex: Sex | None = None
    birth_place: str = ""
    birth_date: date | None = None
    religion: Religion | None = None
    address: str = ""
    phone: str = ""
    placements: tuple[ClassPlacement, ...] = ()
    guardians: tuple[Guardian, ...] = ()
    status: StudentStatus = StudentStatus.AKTIF
    status_date: date | None = None
    notes: str = ""

    def placement_in(self, year: AcademicYear) -> ClassPlacement | None:
        for placement in self.placements:
            if placement.academic_year == year:
                return placement
        return None

    def validate(
        self,
        today: date,
        existing_nis: AbstractSet[str] = frozenset(),
    ) -> list[ValidationError]:
        """Every problem with this draft, each tagged with its field.

        ``existing_nis`` holds the NIS of the *other* students of the school (the caller leaves
        out the student being edited), because a NIS/NIPD is unique per school.
        """
        errors: list[ValidationError] = []

        def check(message: str | None, field: str) -> None:
            if message is not None:
                errors.append(ValidationError(message, field))

        if not self.name.strip():
            check("Nama siswa wajib diisi.", "name")
        check(length_problem(self.name, NAME_MAX, "Nama siswa"), "name")
        check(length_problem(self.birth_place, NAME_MAX, "Tempat lahir"), "birth_place")
        check(length_problem(self.address, NOTE_MAX, "Alamat"), "address")
        check(length_problem(self.notes, NOTE_MAX, "Catatan"), "notes")
        check(nis_error(self.nis), "nis")
        if self.nis and self.nis in existing_nis:
            check(f"NIS {self.nis} sudah dipakai siswa lain.", "nis")
        check(nisn_error(self.nisn), "nisn")
        check(nik_error(self.nik), "nik")
        check(no_kk_error(self.no_kk), "no_kk")
        check(nik_kk_error(self.nik, self.no_kk), "nik")
        if self.birth_date is not None and self.birth_date > today:
            check("Tanggal lahir tidak boleh di masa depan.", "birth_date")
        check(phone_error(self.phone), "phone")
        if self.status is not StudentStatus.AKTIF and self.status_date is None:
            check(
                f"Isi tanggal sejak siswa berstatus {self.status.label.lower()}.",
                "status_date",
            )
        if self.status_date is not None and self.status_date > today:
            check("Tanggal status tidak boleh di masa depan.", "status_date")
        years: set[AcademicYear] = set()
        for index, placement in enumerate(self.placements):
            if not placement.rombel.strip():
                check("Nama rombel wajib diisi.", f"placements[{index}].rombel")
            check(
                length_problem(placement.rombel, NAME_MAX, "Nama rombel"),
                f"placements[{index}].rombel",
            )
            check(
                length_problem(placement.homeroom_teacher, NAME_MAX, "Nama wali kelas"),
                f"placements[{index}].homeroom_teacher",
            )
            if placement.academic_year in years:
                check(
                    f"Siswa hanya boleh punya satu rombel pada tahun ajaran "
                    f"{placement.academic_year}.",
                    f"placements[{index}].academic_year",
                )
            years.add(placement.academic_year)
        for index, guardian in enumerate(self.guardians):
            if not guardian.name.strip():
                check(
                    f"Nama {guardian.relation.label.lower()} wajib diisi.",
                    f"guardians[{index}].name",
                )
            check(
                length_problem(guardian.name, NAME_MAX, f"Nama {guardian.relation.label.lower()}"),
                f"guardians[{index}].name",
            )
            check(phone_error(guardian.phone), f"guardians[{index}].phone")
        return errors

    def cleaned(self) -> Self:
        """The draft as the vault keeps text (``domain.text``): names and one-line fields on
        one line, address and notes with their line breaks, no control characters anywhere.
        Identifiers are left to ``identifiers``, which keeps digits only."""
        return replace(
            self,
            name=clean_line(self.name),
            birth_place=clean_line(self.birth_place),
            address=clean_text(self.address),
            phone=clean_line(self.phone),
            notes=clean_text(self.notes),
            placements=tuple(
                replace(
                    p, rombel=clean_line(p.rombel), homeroom_teacher=clean_line(p.homeroom_teacher)
                )
                for p in self.placements
            ),
            guardians=tuple(
                replace(g, name=clean_line(g.name), phone=clean_line(g.phone))
                for g in self.guardians
            ),
        )


@dataclass(frozen=True, kw_only=True)
class Student(StudentDraft):
    """A registered student: a draft with the id the vault gave it."""

    id: int


_MONTHS = (
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


def _format_day(day: date) -> str:
    # Kept private and minimal on purpose: general date formatting belongs to domain.dates.
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def ensure_can_be_served(student: StudentDraft) -> None:
    """Refuse a new service for a student who is not enrolled (Persyaratan 1).

    The message names the status and, when known, since when, so the counsellor can tell a
    data-entry mistake (wrong status) from a real refusal.
    """
    if student.status is StudentStatus.AKTIF:
        return
    since = f" sejak {_format_day(student.status_date)}" if student.status_date else ""
    raise RuleViolation(
        f"Siswa ini berstatus {student.status.value}{since}, sehingga tidak dapat dilayani."
    )


@dataclass(frozen=True)
class StudentIdentity:
    """What recognises a student across files and the registry: NISN, else NIK, else name and
    birth date. Used by imports (re-import must not duplicate) and by the add form's
    duplicate check."""

    nisn: str
    nik: str
    name: str
    birth_date: date | None

    @classmethod
    def of(cls, student: StudentDraft) -> StudentIdentity:
        return cls(student.nisn, student.nik, name_key(student.name), student.birth_date)

    @property
    def name_and_birth(self) -> tuple[str, date] | None:
        if not self.name or self.birth_date is None:
            return None
        return (self.name, self.birth_date)

    def conflicts_with(self, other: StudentIdentity) -> bool:
        """Two records that carry *different* NISNs or NIKs are different people, even with the
        same name and birth date."""
        return bool(
            (self.nisn and other.nisn and self.nisn != other.nisn)
            or (self.nik and other.nik and self.nik != other.nik)
        )
