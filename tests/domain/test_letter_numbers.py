"""The letter-number format and the numbering rules, without a vault."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.letters import (
    DEFAULT_LETTER_FORMAT,
    DEFAULT_PURPOSE,
    ParentMeeting,
    counter_problem,
    format_number,
    format_problem,
    needs_confirmation,
    next_serial,
    roman_month,
    salutation,
)
from bk_desktop.domain.settings import Settings
from bk_desktop.domain.students import GuardianRelation


def test_the_default_format_makes_the_number_of_domain_3() -> None:
    number = format_number(DEFAULT_LETTER_FORMAT, code="421.5", serial=45, on=date(2026, 12, 4))
    assert number == "421.5/045/BK/XII/2026"


def test_months_are_roman_numerals() -> None:
    assert [roman_month(m) for m in (1, 4, 9, 12)] == ["I", "IV", "IX", "XII"]


@pytest.mark.parametrize(
    ("letter_format", "says"),
    [
        ("", "Tulis format"),
        ("{kode}/BK/{tahun}", "nomor urut"),
        ("{kode}/{nomor}/BK", "{tahun}"),
        ("{kode}/{nomor}/{hari}/{tahun}", "{hari} tidak dikenali"),
        ("{kode}/{nomor:>5}/{tahun}", "tidak dikenali"),
        ("{kode}/{nomor!r}/{tahun}", "tidak dikenali"),
        ("{kode}/{nomor/{tahun}", "kurung kurawal"),
        ("{kode}/{nomor.real}/{tahun}", "tidak dikenali"),
        ("{bulan_romawi:03d}/{nomor}/{tahun}", "tidak dikenali"),
    ],
)
def test_a_format_that_cannot_number_letters_is_refused_in_words(
    letter_format: str, says: str
) -> None:
    problem = format_problem(letter_format, "421.5")
    assert problem is not None and says in problem


def test_a_format_with_the_code_needs_a_code_and_one_without_does_not() -> None:
    assert format_problem(DEFAULT_LETTER_FORMAT, " ") is not None
    assert format_problem("{nomor:03d}/BK-SMAN1/{bulan:02d}/{tahun}", "") is None
    number = format_number(
        "{nomor:03d}/BK-SMAN1/{bulan:02d}/{tahun}", code="", serial=7, on=date(2027, 3, 1)
    )
    assert number == "007/BK-SMAN1/03/2027"


def test_settings_refuse_a_bad_format_naming_the_field() -> None:
    base = Settings(school_name="SMA Negeri 1 Bontang")
    assert base.validated().letter_number_format == DEFAULT_LETTER_FORMAT
    with pytest.raises(ValidationError) as refused:
        replace(base, letter_number_format="{kode}/BK/{tahun}").validated()
    assert refused.value.field == "letter_number_format"
    with pytest.raises(ValidationError) as no_code:
        replace(base, letter_code="").validated()
    assert no_code.value.field == "letter_code"


def test_the_next_serial_is_above_the_counter_and_every_number_given() -> None:
    assert next_serial(None, None) == 1
    assert next_serial(None, 44) == 45
    assert next_serial(60, 44) == 60
    assert next_serial(10, 44) == 45


def test_the_counter_only_goes_up() -> None:
    assert counter_problem(46, 46) is None
    assert counter_problem(46, 60) is None
    problem = counter_problem(46, 45)
    assert problem is not None and "hanya dapat dinaikkan" in problem
    assert counter_problem(1, 100_000) is not None


def test_a_restore_after_the_last_number_asks_for_confirmation() -> None:
    t = datetime(2026, 12, 1, tzinfo=UTC)
    assert not needs_confirmation(None, None)
    assert not needs_confirmation(None, t)
    assert needs_confirmation(t, None)
    assert needs_confirmation(t + timedelta(hours=1), t)
    assert not needs_confirmation(t, t + timedelta(minutes=1))


def test_a_summons_needs_a_guardian_of_the_student_a_future_time_a_place_and_a_purpose() -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    good = ParentMeeting("Siti Aminah", now + timedelta(days=2), "Ruang BK")
    assert good.purpose == DEFAULT_PURPOSE
    assert good.problems(now=now, guardians=frozenset({"Siti Aminah"})) == []
    bad = ParentMeeting("Orang Lain", now - timedelta(hours=1), " ", purpose="")
    fields = {e.field for e in bad.problems(now=now, guardians=frozenset({"Siti Aminah"}))}
    assert fields == {"guardian", "start", "place", "purpose"}
    line = ParentMeeting("Siti", now + timedelta(days=1), "Ruang BK", purpose="a\nb").cleaned()
    assert "\n" not in line.purpose


def test_a_guardian_is_addressed_as_their_relation_says() -> None:
    assert salutation(GuardianRelation.AYAH) == "Bapak"
    assert salutation(GuardianRelation.IBU) == "Ibu"
    assert salutation(GuardianRelation.WALI) == "Bapak/Ibu"
    assert salutation(None) == "Bapak/Ibu"


def test_a_format_with_a_digit_python_would_refuse_is_refused_up_front() -> None:
    problem = format_problem("{kode}/{nomor:²d}/BK/{tahun}", "421.5")
    assert problem is not None and "{nomor:03d}" in problem


def test_a_code_too_long_is_said_under_the_code() -> None:
    settings = Settings(school_name="SMA Negeri 1 Bontang", letter_code="4" * 40)
    with pytest.raises(ValidationError) as refused:
        settings.validated()
    assert refused.value.field == "letter_code"
