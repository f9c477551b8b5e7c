"""The text the vault accepts: control characters and direction overrides never stay."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from bk_desktop.domain.text import (
    NAME_MAX,
    NOTE_MAX,
    clean_line,
    clean_text,
    has_hidden_characters,
    length_problem,
    printable,
)

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _hidden(text: str, keep: str = "") -> list[str]:
    return [
        ch for ch in text if (unicodedata.category(ch) == "Cc" and ch not in keep) or ch in BIDI
    ]


def test_a_name_loses_escapes_nul_and_overrides_but_keeps_its_letters() -> None:
    name = "\x1b[2J\x1b]0;hacked\x07Ani\x00 \u202eLestari\u2066\x85"
    assert clean_line(name) == "[2J]0;hackedAni Lestari"


def test_line_breaks_and_tabs_in_a_name_become_single_spaces() -> None:
    assert clean_line("  Ani\r\nLestari\tPutri\u2028 ") == "Ani Lestari Putri"


def test_a_note_keeps_its_lines_and_tabs_but_not_carriage_returns() -> None:
    note = "Baris satu\r\n\tBaris dua  \rBaris tiga\x1b[31m\x0c"
    assert clean_text(note) == "Baris satu\n\tBaris dua\nBaris tiga[31m"


def test_decomposed_accents_are_stored_composed() -> None:
    assert clean_line("Rene\u0301") == "René"
    assert clean_text("Rene\u0301") == "René"


def test_direction_marks_that_cannot_reorder_text_stay() -> None:
    assert clean_line("a\u200eb\u200fc") == "a\u200eb\u200fc"


def test_length_problem_names_the_field_the_limit_and_the_length() -> None:
    assert length_problem("a" * NAME_MAX, NAME_MAX, "Nama siswa") is None
    problem = length_problem("a" * 100_000, NAME_MAX, "Nama siswa")
    assert (
        problem == "Nama siswa paling panjang 120 karakter (sekarang 100.000); persingkat isinya."
    )
    assert "20.000" in str(length_problem("a" * (NOTE_MAX + 1), NOTE_MAX, "Catatan"))


def test_printable_shows_what_a_terminal_would_obey() -> None:
    assert printable("Ani\x1b[2J\u202e\x00\tx\n") == "Ani\\x1b[2J\\u202e\\x00\tx\n"
    assert has_hidden_characters("a\x1bb") and not has_hidden_characters("a\tb\nc")


@given(st.text())
def test_cleaned_text_holds_no_hidden_character_and_is_stable(text: str) -> None:
    line, note = clean_line(text), clean_text(text)
    assert _hidden(line) == []
    assert _hidden(note, keep="\t\n") == []
    assert unicodedata.is_normalized("NFC", line)
    assert clean_line(line) == line
    assert clean_text(note) == note


@given(st.text())
def test_printable_never_lets_a_control_character_through(text: str) -> None:
    assert _hidden(printable(text), keep="\t\n") == []
