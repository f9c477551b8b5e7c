"""What text the vault accepts: no control characters, no direction overrides, bounded length.

Text reaches the vault from forms, spreadsheets and old vaults, and leaves it on screens, in
PDFs and on a terminal. A terminal obeys escape sequences (ESC, CSI …) hidden in a name; a
right-to-left override (U+202E) makes "Ani<U+202E>fdp.exe" read backwards; a NUL cuts C strings
short; a 100,000-character "name" breaks every list it is shown in. None of these is ever part
of a student's name or a counsellor's note, so they are removed on the way in rather than
refused: the rest of the text is what the person meant.

The rules, applied by every service that stores text and by the importer:

- Unicode category Cc (C0, DEL, C1) is removed, except tab and line feed in multi-line
  fields (notes, reasons, addresses); a carriage return becomes a line feed there, and in
  one-line fields every line break or tab becomes a space.
- The bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069 are
  removed (the marks U+200E/U+200F stay: they cannot reorder text beyond themselves).
- The result is NFC, so "é" typed as e + combining accent equals the precomposed "é".
- Names are at most ``NAME_MAX`` characters, other one-line text ``LINE_MAX``, notes
  ``NOTE_MAX``; ``length_problem`` says so in Indonesian. Text is never cut silently.

``printable`` is for output that cannot hold control characters at all (a terminal line):
it shows them as visible escapes instead of dropping them, so nothing is hidden either.
"""

from __future__ import annotations

import re
import unicodedata

NAME_MAX = 120
"""A person's, school's, place's or class's name: the longest real one is far shorter."""
LINE_MAX = 500
"""Other one-line text: a role, a letterhead line, an address on one line."""
NOTE_MAX = 20_000
"""A note, reason or protocol: about ten printed pages."""

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f" + _BIDI_CONTROLS + "]")
_CONTROL_KEEP_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI_CONTROLS + "]")
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SPACES_AT_LINE_END = re.compile("[ \t]+\n")


def has_hidden_characters(text: str) -> bool:
    """Whether ``text`` holds anything ``clean_line`` would remove (tab and newline aside)."""
    return _CONTROL_KEEP_LINES.search(text) is not None


def clean_line(text: str) -> str:
    """One line: controls and direction overrides removed, whitespace runs made one space,
    NFC. Line breaks and tabs count as spaces, so "Ani\\nLestari" is "Ani Lestari"."""
    spaced = _LINE_BREAKS.sub(" ", text).replace("\t", " ").replace("\n", " ")
    return unicodedata.normalize("NFC", " ".join(_CONTROL.sub("", spaced).split()))


def clean_text(text: str) -> str:
    """Several lines: like ``clean_line`` but tab and line feed are kept (any line break
    becomes a line feed), spaces at line ends and blank edges are trimmed."""
    unified = _LINE_BREAKS.sub("\n", text)
    kept = _CONTROL_KEEP_LINES.sub("", unified)
    return unicodedata.normalize("NFC", _SPACES_AT_LINE_END.sub("\n", kept).strip())


def length_problem(text: str, limit: int, what: str) -> str | None:
    """The Indonesian sentence refusing ``text`` longer than ``limit``, else ``None``.

    ``what`` names the field as a sentence starts with it ("Nama siswa", "Catatan").
    """
    if len(text) <= limit:
        return None
    return (
        f"{what} paling panjang {_number(limit)} karakter (sekarang {_number(len(text))}); "
        "persingkat isinya."
    )


def _number(value: int) -> str:
    """Thousands separated the Indonesian way: 20.000."""
    return f"{value:,}".replace(",", ".")


def printable(text: str) -> str:
    """``text`` safe for a terminal line: every control character and direction override
    shown as a visible escape (``\\x1b``, ``\\u202e``); tab and line feed kept as they are,
    a lone line feed being where the caller breaks lines anyway."""
    return _CONTROL_KEEP_LINES.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
