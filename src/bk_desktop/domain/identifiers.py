"""Indonesian student identifiers: NISN, NIK, No KK and NIS/NIPD.

Identifiers are *text*, never numbers: a NISN keeps its leading zeros ("0051234567") and a NIK
has 16 digits, one more than a spreadsheet number can hold exactly. Normalisation therefore only
removes what people and spreadsheets add around the digits (spaces, dots, dashes, Excel's leading
apostrophe); it never pads or rounds. Padding a NISN that lost its zeros is an *import* decision
that must be warned about, so it lives in the importer, not here.

Every check returns an Indonesian message (or ``None``) rather than raising, so a form can show
all problems at once next to their fields; ``StudentDraft.validate`` wraps them in
``ValidationError`` with the field name.
"""

from __future__ import annotations

import re

NISN_LENGTH = 10
NIK_LENGTH = 16
NO_KK_LENGTH = 16
NIS_MAX_LENGTH = 30

NISN_MESSAGE = "NISN harus 10 digit angka."
NIK_MESSAGE = "NIK harus 16 digit angka."
NO_KK_MESSAGE = "No KK harus 16 digit angka."
NIK_EQUALS_NO_KK_MESSAGE = "NIK tidak boleh sama dengan No KK; periksa kembali kartu keluarga."
NIS_TOO_LONG_MESSAGE = f"NIS/NIPD paling panjang {NIS_MAX_LENGTH} karakter."

# Separators people type or copy along with the digits; removing them cannot change a number.
_DIGIT_SEPARATORS = re.compile(r"[\s.\-\u00a0]+")
# ASCII digits only: \d would also take Arabic-Indic and other Unicode digits.
_DIGITS = re.compile(r"[0-9]+")


def normalize_digits(raw: str) -> str:
    """Strip what surrounds the digits of a number-like identifier.

    Removes whitespace (also non-breaking), dots, dashes and the apostrophe Excel users type to
    force text. The result is returned even when it is not all digits, so the validator can
    still say what is wrong with it.
    """
    text = raw.strip().lstrip("'’")
    return _DIGIT_SEPARATORS.sub("", text)


def normalize_nisn(raw: str) -> str:
    """NISN as stored: digits only, leading zeros kept, "" when absent."""
    return normalize_digits(raw)


def normalize_nik(raw: str) -> str:
    """NIK or No KK as stored: digits only, "" when absent."""
    return normalize_digits(raw)


def normalize_nis(raw: str) -> str:
    """NIS/NIPD is free text chosen by the school: only outer and repeated spaces go."""
    return " ".join(raw.split())


def _is_digits(value: str, length: int) -> bool:
    return len(value) == length and _DIGITS.fullmatch(value) is not None


def nisn_error(nisn: str) -> str | None:
    """Message when a (normalised, non-empty) NISN is not exactly 10 digits.

    The NISN is optional, so "" is valid; a NISN of all zeros is refused because Dapodik never
    issues it and it appears when a blank cell was formatted as a number.
    """
    if not nisn:
        return None
    if not _is_digits(nisn, NISN_LENGTH) or set(nisn) == {"0"}:
        return NISN_MESSAGE
    return None


def nik_error(nik: str) -> str | None:
    """Message when a NIK is not 16 digits; "" (unknown) is allowed.

    A NIK starts with a province code (11–96), so it can never start with 0; a leading 0 means
    the value was mangled somewhere and must not be trusted.
    """
    if not nik:
        return None
    if not _is_digits(nik, NIK_LENGTH) or nik.startswith("0"):
        return NIK_MESSAGE
    return None


# Province codes (kode wilayah, Kemendagri) issued as of 2024: Sumatra 11–21, Java and Bali
# 31–36 and 51–53, Kalimantan 61–65, Sulawesi 71–76, Maluku 81–82, and Papua 91–96 (Papua
# Barat Daya, Papua Selatan, Papua Tengah and Papua Pegunungan got 92–96 when created in 2022).
ISSUED_PROVINCE_CODES: frozenset[str] = frozenset(
    {
        *("11", "12", "13", "14", "15", "16", "17", "18", "19", "21"),
        *("31", "32", "33", "34", "35", "36"),
        *("51", "52", "53"),
        *("61", "62", "63", "64", "65"),
        *("71", "72", "73", "74", "75", "76"),
        *("81", "82"),
        *("91", "92", "93", "94", "95", "96"),
    }
)


def nik_province_warning(nik: str) -> str | None:
    """A warning (never a refusal) when a well-formed NIK starts with no issued province code.

    The list of provinces grows (Papua gained four in 2022), and a NIK printed on a card is
    what the school has, so an unknown code is worth a second look, not a rejected record.
    """
    if not nik or nik_error(nik) is not None:
        return None
    if nik[:2] in ISSUED_PROVINCE_CODES:
        return None
    return (
        f"Kode provinsi NIK “{nik[:2]}” tidak dikenal (biasanya 11–96). Periksa kembali NIK "
        "pada kartu keluarga; data tetap dapat disimpan."
    )


def no_kk_error(no_kk: str) -> str | None:
    """Message when a No KK (family card number) is not 16 digits; "" is allowed."""
    if not no_kk:
        return None
    if not _is_digits(no_kk, NO_KK_LENGTH) or no_kk.startswith("0"):
        return NO_KK_MESSAGE
    return None


def nik_kk_error(nik: str, no_kk: str) -> str | None:
    """NIK and No KK share a format but are never equal; equality means one was copied wrongly."""
    if nik and no_kk and nik == no_kk:
        return NIK_EQUALS_NO_KK_MESSAGE
    return None


def nis_error(nis: str) -> str | None:
    """NIS/NIPD has no national format; only an absurd length is refused."""
    if len(nis) > NIS_MAX_LENGTH:
        return NIS_TOO_LONG_MESSAGE
    return None


def is_valid_nisn(nisn: str) -> bool:
    return bool(nisn) and nisn_error(nisn) is None


def is_valid_nik(nik: str) -> bool:
    return bool(nik) and nik_error(nik) is None
