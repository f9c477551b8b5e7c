"""Academic years, semesters, the current term and grades derived from rombel names."""

from __future__ import annotations

from datetime import date

import pytest

from bk_desktop.domain.academic import (
    AcademicYear,
    Grade,
    Semester,
    SemesterDates,
    Term,
    current_term,
    grade_from_rombel,
    validate_terms,
)
from bk_desktop.domain.errors import ValidationError


def test_academic_year_parses_and_prints_as_schools_write_it() -> None:
    year = AcademicYear.parse("2026/2027")
    assert year == AcademicYear(2026)
    assert str(year) == "2026/2027"
    assert AcademicYear.parse(" 2026 - 2027 ") == year


@pytest.mark.parametrize("text", ["2026/2028", "2027/2026", "2026", "26/27", "abcd/efgh"])
def test_academic_year_must_be_two_consecutive_years(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        AcademicYear.parse(text)
    assert caught.value.field == "academic_year"
    assert "2026/2027" in caught.value.message


def test_default_semester_dates_split_the_year_in_july() -> None:
    year = AcademicYear(2026)
    assert Semester.GANJIL.default_dates(year) == SemesterDates(
        date(2026, 7, 1), date(2026, 12, 31)
    )
    assert Semester.GENAP.default_dates(year) == SemesterDates(date(2027, 1, 1), date(2027, 6, 30))


def test_semester_end_before_start_is_refused() -> None:
    with pytest.raises(ValidationError):
        SemesterDates(date(2026, 12, 31), date(2026, 7, 1))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 7, 1), (2026, Semester.GANJIL)),
        (date(2026, 12, 31), (2026, Semester.GANJIL)),
        (date(2027, 1, 1), (2026, Semester.GENAP)),
        (date(2027, 6, 30), (2026, Semester.GENAP)),
    ],
)
def test_current_term_without_configuration_follows_the_default_calendar(
    today: date, expected: tuple[int, Semester]
) -> None:
    term = current_term(today)
    assert (term.year.start, term.semester) == expected


def test_configured_dates_win_over_the_default_calendar() -> None:
    ganjil = Term(
        AcademicYear(2026), Semester.GANJIL, SemesterDates(date(2026, 7, 13), date(2027, 1, 9))
    )
    genap = Term(
        AcademicYear(2026), Semester.GENAP, SemesterDates(date(2027, 1, 11), date(2027, 6, 20))
    )
    # 5 January is Genap by default, but this school's Ganjil runs until 9 January.
    assert current_term(date(2027, 1, 5), [ganjil, genap]) is ganjil
    assert current_term(date(2027, 2, 1), [ganjil, genap]) is genap


def test_holiday_between_terms_belongs_to_the_term_of_the_default_calendar() -> None:
    ganjil = Term(
        AcademicYear(2026), Semester.GANJIL, SemesterDates(date(2026, 7, 13), date(2026, 12, 19))
    )
    assert current_term(date(2026, 12, 27), [ganjil]) is ganjil
    assert current_term(date(2026, 7, 2), [ganjil]) is ganjil
    assert current_term(date(2026, 7, 2), [ganjil]).label == "Semester Ganjil 2026/2027"


def test_overlapping_or_misdated_terms_are_reported() -> None:
    ganjil = Term(
        AcademicYear(2026), Semester.GANJIL, SemesterDates(date(2026, 7, 13), date(2027, 1, 20))
    )
    genap = Term(
        AcademicYear(2026), Semester.GENAP, SemesterDates(date(2027, 1, 11), date(2027, 6, 20))
    )
    wrong_year = Term(
        AcademicYear(2025), Semester.GENAP, SemesterDates(date(2027, 7, 1), date(2027, 12, 1))
    )
    messages = [error.message for error in validate_terms([ganjil, genap, wrong_year])]
    assert any("bertumpang tindih" in m for m in messages)
    assert any("di luar tahun" in m for m in messages)
    assert validate_terms([Term.default(AcademicYear(2026), s) for s in Semester]) == []


@pytest.mark.parametrize(
    ("rombel", "grade"),
    [
        ("X IPA 1", 10),
        ("XI-F2", 11),
        ("XII MIPA 3", 12),
        ("VII A", 7),
        ("Kelas 3A", 3),
        ("10-2", 10),
        ("IX.B", 9),
        ("X-1", 10),
        ("XI IIS 2", 11),
        ("X AKL 1", 10),
        ("VIII C", 8),
        ("x.ipa.1", 10),
        ("KLS. 7B", 7),
        ("VIIIA", 8),
        ("XC", 10),
        ("12 TKJ 1", 12),
        ("I", 1),
    ],
)
def test_grade_is_derived_tolerantly_from_the_rombel_name(rombel: str, grade: int) -> None:
    assert grade_from_rombel(rombel) == Grade(grade)


@pytest.mark.parametrize("rombel", ["", "IPA X", "13 A", "0-1", "XIA", "XIIS", "Rombel", "—"])
def test_grade_is_left_empty_when_the_name_is_unclear(rombel: str) -> None:
    assert grade_from_rombel(rombel) is None


def test_grade_knows_its_school_level() -> None:
    assert Grade.III.jenjang == "SD/MI"
    assert Grade.VIII.jenjang == "SMP/MTs"
    assert Grade.XI.jenjang == "SMA/SMK/MA"
    assert Grade.XI.roman == "XI"


def test_swapped_semesters_are_refused() -> None:
    year = AcademicYear(2026)
    ganjil = Term(year, Semester.GANJIL, SemesterDates(date(2026, 7, 13), date(2026, 12, 19)))
    genap = Term(year, Semester.GENAP, SemesterDates(date(2026, 7, 13), date(2026, 12, 19)))
    messages = [error.message for error in validate_terms([ganjil, genap])]
    assert any("tertukar" in m for m in messages)


def test_a_ganjil_dated_before_its_year_is_refused() -> None:
    early = Term(
        AcademicYear(2026), Semester.GANJIL, SemesterDates(date(2026, 1, 5), date(2026, 6, 20))
    )
    (error,) = validate_terms([early])
    assert "sebelum tahun ajarannya" in error.message


def test_a_genap_ending_in_the_first_year_is_refused() -> None:
    wrong = Term(
        AcademicYear(2026), Semester.GENAP, SemesterDates(date(2026, 7, 1), date(2026, 12, 19))
    )
    messages = [error.message for error in validate_terms([wrong])]
    assert any("Genap berakhir" in m for m in messages)


def test_early_starts_and_madrasah_calendars_are_accepted() -> None:
    year = AcademicYear(2026)
    ganjil = Term(year, Semester.GANJIL, SemesterDates(date(2026, 6, 15), date(2026, 12, 12)))
    genap = Term(year, Semester.GENAP, SemesterDates(date(2027, 1, 4), date(2027, 7, 3)))
    assert validate_terms([ganjil, genap]) == []
