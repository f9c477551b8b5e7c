"""Counsellor accounts and the password rules that protect children's records."""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.text import clean_line

MIN_PASSWORD_LENGTH = 10


class Role(enum.StrEnum):
    GURU_BK = "guru_bk"
    KOORDINATOR = "koordinator"
    KEPALA_SEKOLAH = "kepala_sekolah"

    @property
    def label(self) -> str:
        return {
            Role.GURU_BK: "Guru BK",
            Role.KOORDINATOR: "Koordinator BK",
            Role.KEPALA_SEKOLAH: "Kepala sekolah",
        }[self]

    @property
    def is_counsellor(self) -> bool:
        """Guru BK and koordinator hold counselling; the kepala sekolah reads figures only
        (``domain.visibility``)."""
        return self is not Role.KEPALA_SEKOLAH


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    role: Role
    nip: str = ""
    nuptk: str = ""
    active: bool = True
    niy: str = ""


def validate_account_name(name: str) -> str:
    cleaned = clean_line(name)
    if len(cleaned) < 3:
        raise ValidationError("Nama akun minimal 3 huruf.", "name")
    if len(cleaned) > 80:
        raise ValidationError("Nama akun terlalu panjang (paling banyak 80 huruf).", "name")
    return cleaned


# ASCII digits only: str.isdigit() and \d would also take Arabic-Indic and other digits.
_ASCII_DIGITS = re.compile(r"[0-9]+")
NIY_MAX_LENGTH = 30


def validate_nip(nip: str, *, field: str = "nip") -> str:
    """18 digits, spaces allowed as printed ("19750101 200003 1 001"), or empty."""
    digits = re.sub(r"\s", "", nip)
    if digits and (not _ASCII_DIGITS.fullmatch(digits) or len(digits) != 18):
        raise ValidationError("NIP harus 18 digit angka (boleh dikosongkan).", field)
    return digits


def validate_nuptk(nuptk: str, *, field: str = "nuptk") -> str:
    digits = re.sub(r"\s", "", nuptk)
    if digits and (not _ASCII_DIGITS.fullmatch(digits) or len(digits) != 16):
        raise ValidationError("NUPTK harus 16 digit angka (boleh dikosongkan).", field)
    return digits


def validate_niy(niy: str, *, field: str = "niy") -> str:
    """Nomor Induk Yayasan: each foundation numbers its staff its own way ("1998.07.012",
    "YPI-0042"), so only its shape is checked: letters, digits, dots, dashes and slashes, with
    at least one digit, at most 30 characters; outer and repeated spaces go."""
    text = " ".join(niy.split())
    if not text:
        return ""
    if (
        len(text) > NIY_MAX_LENGTH
        or not re.fullmatch(r"[A-Za-z0-9./\- ]+", text)
        or not re.search(r"[0-9]", text)
    ):
        raise ValidationError(
            f"NIY ditulis dengan angka (boleh huruf, titik, garis miring atau tanda hubung), "
            f"paling panjang {NIY_MAX_LENGTH} karakter (boleh dikosongkan).",
            field,
        )
    return text


class Strength(enum.IntEnum):
    TOO_WEAK = 0
    WEAK = 1
    FAIR = 2
    STRONG = 3

    @property
    def label(self) -> str:
        return {
            Strength.TOO_WEAK: "Terlalu lemah",
            Strength.WEAK: "Lemah",
            Strength.FAIR: "Cukup",
            Strength.STRONG: "Kuat",
        }[self]


_COMMON = {
    "password",
    "katasandi",
    "qwerty",
    "123456",
    "12345678",
    "1234567890",
    "bismillah",
    "sekolah",
    "indonesia",
    "gurubk",
    "admin",
}


_KEYBOARD_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = {frozenset(pair) for row in _KEYBOARD_ROWS for pair in itertools.pairwise(row)}
MIN_FRESH_CHARACTERS = 6
"""A password must keep this many characters that continue no run (``aaaa``, ``abcd``,
``4321``, ``qwer``) once common words and the school's and account's own names are taken out."""


def _fresh_characters(text: str) -> int:
    """Characters that do not merely continue the one before: repeated, next in the alphabet
    or in digits (either way), or the neighbour on a keyboard row."""
    fresh = 0
    previous = ""
    for char in text:
        step = ord(char) - ord(previous) if previous else 99
        continues = step in (-1, 0, 1) or frozenset((previous, char)) in _NEIGHBOURS
        if not previous or not continues:
            fresh += 1
        previous = char
    return fresh


def _name_words(names: Sequence[str]) -> list[str]:
    words = {w for name in names for w in re.split(r"\W+", name.casefold()) if len(w) >= 4}
    return sorted(words, key=len, reverse=True)


def password_weakness(password: str, names: Sequence[str] = ()) -> str | None:
    """Why ``password`` is easy to guess at any length, in Indonesian; None when it is not.

    Repetition (``aaaaaaaaaaaaaa``, ``abcabcabcabc``), runs (``abcdefghijkl``, ``1234567890``,
    ``qwertyuiop``), common words and the school's or the account's own names (``names``) do
    not count; what is left must hold ``MIN_FRESH_CHARACTERS`` fresh characters.
    """
    lowered = password.casefold()
    if re.fullmatch(r"(.+?)\1+", lowered) or len(set(lowered)) <= 3:
        return "Kata sandi ini hanya pengulangan. Pakai kalimat pendek yang mudah diingat."
    remainder = lowered
    for word in _name_words(names):
        remainder = remainder.replace(word, " ")
    named = remainder != lowered
    for word in sorted(_COMMON, key=len, reverse=True):
        remainder = remainder.replace(word, " ")
    letters = "".join(ch for ch in remainder if ch.isalnum())
    symbols = any(not ch.isalnum() and not ch.isspace() for ch in remainder)
    if _fresh_characters(letters) + symbols < MIN_FRESH_CHARACTERS:
        if named:
            return (
                "Kata sandi ini terlalu mirip nama sekolah atau nama akun. Pakai kalimat lain "
                "yang mudah Anda ingat."
            )
        return (
            "Kata sandi ini berupa urutan yang mudah ditebak (seperti abcdef, 123456 atau "
            "qwerty). Pakai kalimat pendek yang mudah diingat."
        )
    return None


def password_strength(password: str, names: Sequence[str] = ()) -> Strength:
    """A rough, explainable strength estimate: length and variety, minus obvious words."""
    if len(password) < MIN_PASSWORD_LENGTH or password_weakness(password, names):
        return Strength.TOO_WEAK
    lowered = password.lower()
    if any(word in lowered for word in _COMMON) and len(password) < 16:
        return Strength.WEAK
    classes = sum(
        bool(re.search(pattern, password))
        for pattern in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]")
    )
    score = classes + (len(password) >= 14) + (len(password) >= 20)
    if score >= 4:
        return Strength.STRONG
    if score >= 3:
        return Strength.FAIR
    return Strength.WEAK


def validate_new_password(password: str, repeated: str, *, names: Sequence[str] = ()) -> None:
    """Refuse passwords that do not meet the minimum, with the reason in Indonesian.

    ``names`` are the school's and the account's names, which a password must not lean on.
    """
    if password != repeated:
        raise ValidationError("Kedua kata sandi tidak sama. Ketik ulang dengan teliti.", "repeat")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter. Kalimat pendek yang mudah "
            "diingat lebih baik daripada kata acak yang pendek.",
            "password",
        )
    weakness = password_weakness(password, names)
    if weakness:
        raise ValidationError(weakness, "password")
    if password_strength(password, names) < Strength.WEAK + 1 and len(password) < 14:
        raise ValidationError(
            "Kata sandi terlalu mudah ditebak. Tambahkan angka, huruf besar, atau tanda baca, "
            "atau pakai kalimat yang lebih panjang.",
            "password",
        )
