"""Academic years, semesters and grades as Indonesian schools name them.

A school year is written "2026/2027" and split into Ganjil (about July–December) and Genap
(about January–June). The exact dates differ per school and per year, so the defaults here are
only a fallback: a school configures its own ``Term``s and ``current_term`` prefers them.

Rombel (class group) names are free text chosen by the school ("X IPA 1", "XI-F2", "Kelas 3A",
"10-2"); they are stored as given and the grade is *derived* tolerantly, returning ``None``
rather than guessing when a name is ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum
from itertools import pairwise

from bk_desktop.domain.errors import ValidationError

_YEAR_TEXT = re.compile(r"\s*([0-9]{4})\s*[/\-–]\s*([0-9]{4})\s*")
_MIN_YEAR = 1950
_MAX_YEAR = 2200


@dataclass(frozen=True, order=True)
class AcademicYear:
    """A school year, identified by the calendar year it starts in."""

    start: int

    def __post_init__(self) -> None:
        if not _MIN_YEAR <= self.start <= _MAX_YEAR:
            raise ValidationError(
                f"Tahun ajaran {self.start}/{self.start + 1} di luar rentang yang wajar.",
                "academic_year",
            )

    @property
    def end(self) -> int:
        return self.start + 1

    @classmethod
    def parse(cls, text: str) -> AcademicYear:
        """Read "2026/2027" (also "2026-2027", spaces allowed); the years must be consecutive."""
        match = _YEAR_TEXT.fullmatch(text)
        if match is None:
            raise ValidationError(
                "Tahun ajaran ditulis seperti 2026/2027.",
                "academic_year",
            )
        first, second = int(match.group(1)), int(match.group(2))
        if second != first + 1:
            raise ValidationError(
                "Tahun ajaran harus dua tahun berurutan, misalnya 2026/2027.",
                "academic_year",
            )
        return cls(first)

    @classmethod
    def containing(cls, day: date) -> AcademicYear:
        """The year a day belongs to by the default calendar (a year starts in July)."""
        return cls(day.year if day.month >= 7 else day.year - 1)

    def __str__(self) -> str:
        return f"{self.start}/{self.end}"


class Semester(StrEnum):
    GANJIL = "ganjil"
    GENAP = "genap"

    @property
    def label(self) -> str:
        return "Ganjil" if self is Semester.GANJIL else "Genap"

    def default_dates(self, year: AcademicYear) -> SemesterDates:
        """Ganjil 1 July–31 December of the first year, Genap 1 January–30 June of the second."""
        if self is Semester.GANJIL:
            return SemesterDates(date(year.start, 7, 1), date(year.start, 12, 31))
        return SemesterDates(date(year.end, 1, 1), date(year.end, 6, 30))


@dataclass(frozen=True)
class SemesterDates:
    """First and last day of a semester, both inclusive, as the school set them."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(
                "Tanggal akhir semester tidak boleh sebelum tanggal mulainya.",
                "semester_end",
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class Term:
    """One semester of one academic year with its dates."""

    year: AcademicYear
    semester: Semester
    dates: SemesterDates

    @classmethod
    def default(cls, year: AcademicYear, semester: Semester) -> Term:
        return cls(year, semester, semester.default_dates(year))

    @property
    def key(self) -> tuple[AcademicYear, Semester]:
        return (self.year, self.semester)

    @property
    def label(self) -> str:
        """As printed on reports: "Semester Ganjil 2026/2027"."""
        return f"Semester {self.semester.label} {self.year}"


def validate_terms(terms: Sequence[Term]) -> list[ValidationError]:
    """Problems in a school's configured terms: duplicates, overlaps, dates outside the year.

    A term may start a little early or end a little late, but not outside the two calendar
    years its academic year spans; that catches a mistyped year, the most common slip.
    """
    errors: list[ValidationError] = []
    seen: set[tuple[AcademicYear, Semester]] = set()
    for term in terms:
        if term.key in seen:
            errors.append(
                ValidationError(f"{term.label} diisi lebih dari sekali.", "terms"),
            )
        seen.add(term.key)
        earliest, latest = date(term.year.start, 1, 1), date(term.year.end, 12, 31)
        if term.dates.start < earliest or term.dates.end > latest:
            errors.append(
                ValidationError(
                    f"Tanggal {term.label} berada di luar tahun {term.year}.",
                    "terms",
                ),
            )
        elif problem := _semester_half_problem(term):
            errors.append(ValidationError(problem, "terms"))
    by_year: dict[AcademicYear, dict[Semester, Term]] = {}
    for term in terms:
        by_year.setdefault(term.year, {})[term.semester] = term
    for year, halves in sorted(by_year.items(), key=lambda item: item[0].start):
        ganjil, genap = halves.get(Semester.GANJIL), halves.get(Semester.GENAP)
        if ganjil is not None and genap is not None and genap.dates.start <= ganjil.dates.start:
            errors.append(
                ValidationError(
                    f"Pada tahun ajaran {year}, semester Genap dimulai sebelum semester Ganjil. "
                    "Periksa apakah tanggal kedua semester tertukar.",
                    "terms",
                ),
            )
    ordered = sorted(terms, key=lambda t: t.dates.start)
    for before, after in pairwise(ordered):
        if after.dates.start <= before.dates.end:
            errors.append(
                ValidationError(
                    f"{before.label} dan {after.label} bertumpang tindih.",
                    "terms",
                ),
            )
    return errors


# How far a school may move a semester from the default calendar (1 July / 1 January): a
# madrasah or a school that starts early still starts Ganjil in the second half of the first
# year and ends Genap in the second year.
_GANJIL_EARLIEST_MONTH = 6
_GENAP_LATEST_MONTH = 8


def _semester_half_problem(term: Term) -> str | None:
    """Why a semester's dates cannot belong to its half of the year, or None."""
    year = term.year
    if term.semester is Semester.GANJIL:
        if term.dates.start < date(year.start, _GANJIL_EARLIEST_MONTH, 1):
            return (
                f"Semester Ganjil {year} dimulai {term.dates.start:%d-%m-%Y}, sebelum tahun "
                f"ajarannya. Ganjil dimulai pada pertengahan tahun {year.start} (Juni–Juli)."
            )
        return None
    if term.dates.end.year != year.end or term.dates.end.month > _GENAP_LATEST_MONTH:
        return (
            f"Semester Genap {year} berakhir {term.dates.end:%d-%m-%Y}. Genap berakhir pada "
            f"pertengahan tahun {year.end} (Juni–Juli)."
        )
    return None


def current_term(today: date, configured_terms: Sequence[Term] = ()) -> Term:
    """The term a day belongs to.

    1. A configured term whose dates contain the day.
    2. Otherwise the day is in a holiday between terms: the configured term that the default
       calendar assigns the day to (so 25 December stays in Ganjil, and 1 July already belongs
       to the new year's Ganjil even when lessons start on 13 July).
    3. Otherwise the default term, so the program works before anything is configured.
    """
    for term in configured_terms:
        if today in term.dates:
            return term
    year = AcademicYear.containing(today)
    semester = Semester.GANJIL if today.month >= 7 else Semester.GENAP
    for term in configured_terms:
        if term.key == (year, semester):
            return term
    return Term.default(year, semester)


class Grade(IntEnum):
    """Tingkat kelas 1–12; the name is the Roman numeral schools print."""

    I = 1  # noqa: E741 - the Roman numeral is the grade's real name
    II = 2
    III = 3
    IV = 4
    V = 5
    VI = 6
    VII = 7
    VIII = 8
    IX = 9
    X = 10
    XI = 11
    XII = 12

    @property
    def roman(self) -> str:
        return self.name

    @property
    def jenjang(self) -> str:
        """School level the grade belongs to: SD, SMP/MTs or SMA/SMK/MA."""
        if self <= Grade.VI:
            return "SD/MI"
        if self <= Grade.IX:
            return "SMP/MTs"
        return "SMA/SMK/MA"


_ROMAN = {grade.name: grade for grade in Grade}
# Words that may precede the grade: "Kelas 3A", "Kls. X-1", "Tingkat XI".
_PREFIX = re.compile(r"^\s*(?:KELAS|KLS|TINGKAT|ROMBEL)(?![A-Z])[.:]?\s*")
_TOKEN = re.compile(r"[0-9A-Z]+")
_LEADING_NUMBER = re.compile(r"([0-9]+)(?:[^0-9].*)?")
_GLUED_ROMAN = re.compile(r"([IVX]+)([A-Z]?)([0-9]*)")


def grade_from_rombel(name: str) -> Grade | None:
    """Derive the grade from a rombel name, or ``None`` when it cannot be told safely.

    Only the first word counts (words are split on spaces, dashes, dots, slashes…), so Roman
    letters inside a major ("XI IIS 2", "X AKL 1") or a parallel letter ("VIII C") are never
    read as part of the grade. The first word may be

    - a number 1–12, alone or glued to a parallel: "10-2", "3A", "07";
    - a Roman numeral I–XII: "X", "XI", "VIII";
    - a Roman numeral glued to a parallel letter and/or number: "VIIA", "IXB", "X1".

    A glued form is refused when the split is ambiguous between two SMA grades: "XIA" could be
    "XI A" or "X IA", "XIIS" could be "XII S" or "X IIS". Guessing wrong would silently put a
    student in the wrong grade, which is worse than leaving the grade empty.
    """
    text = _PREFIX.sub("", name.upper(), count=1)
    first = _TOKEN.search(text)
    if first is None:
        return None
    token = first.group(0)
    number = _LEADING_NUMBER.fullmatch(token)
    if number is not None:
        value = int(number.group(1))
        return Grade(value) if 1 <= value <= 12 else None
    if token in _ROMAN:
        return _ROMAN[token]
    glued = _GLUED_ROMAN.fullmatch(token)
    if glued is None:
        return None
    roman, letter, digits = glued.groups()
    grade = _ROMAN.get(roman)
    if grade is None or not (letter or digits):
        return None
    if letter and roman.startswith("X") and roman.endswith("I"):
        return None
    return grade
