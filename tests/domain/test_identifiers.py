"""NISN, NIK, No KK and NIS: normalisation and the Indonesian messages shown next to fields."""

from __future__ import annotations

import pytest

from bk_desktop.domain.identifiers import (
    NIK_EQUALS_NO_KK_MESSAGE,
    NIK_MESSAGE,
    NISN_MESSAGE,
    NO_KK_MESSAGE,
    is_valid_nik,
    is_valid_nisn,
    nik_error,
    nik_kk_error,
    nis_error,
    nisn_error,
    no_kk_error,
    normalize_nik,
    normalize_nis,
    normalize_nisn,
)


def test_nisn_keeps_leading_zeros_and_drops_typed_separators() -> None:
    assert normalize_nisn(" 005 123-4567 ") == "0051234567"
    assert normalize_nisn("'0051234567") == "0051234567"
    assert is_valid_nisn("0051234567")


@pytest.mark.parametrize("nisn", ["123456789", "12345678901", "00512345a7", "0000000000"])
def test_nisn_that_is_not_ten_digits_gets_the_field_message(nisn: str) -> None:
    assert nisn_error(nisn) == NISN_MESSAGE
    assert NISN_MESSAGE == "NISN harus 10 digit angka."


def test_missing_nisn_is_allowed_because_it_is_optional() -> None:
    assert nisn_error("") is None
    assert not is_valid_nisn("")


@pytest.mark.parametrize(
    "nik", ["647401010110000", "64740101011000011", "0474010101100001", "6474O10101100001"]
)
def test_nik_that_is_not_sixteen_digits_is_refused(nik: str) -> None:
    assert nik_error(nik) == NIK_MESSAGE


def test_valid_nik_and_no_kk_pass() -> None:
    assert is_valid_nik("6474010101100001")
    assert no_kk_error("6474010101100002") is None
    assert no_kk_error("123") == NO_KK_MESSAGE


def test_nik_equal_to_no_kk_is_refused() -> None:
    assert nik_kk_error("6474010101100001", "6474010101100001") == NIK_EQUALS_NO_KK_MESSAGE
    assert nik_kk_error("6474010101100001", "6474010101100002") is None
    assert nik_kk_error("", "") is None


def test_nis_is_free_text_but_not_absurdly_long() -> None:
    assert normalize_nis("  12 345 ") == "12 345"
    assert nis_error("2026.10.001") is None
    assert nis_error("x" * 31) is not None


@pytest.mark.parametrize("digits", ["٠٠٥١٢٣٤٥٦٧", "０051234567", "００５１２３４５６７"])
def test_only_ascii_digits_make_a_nisn(digits: str) -> None:
    assert nisn_error(normalize_nisn(digits)) is not None


def test_only_ascii_digits_make_a_nik() -> None:
    assert nik_error(normalize_nik("٦٤٧٤٠١٠١٠١٠٨٠٠٠١")) is not None
