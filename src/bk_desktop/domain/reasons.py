"""The reason rule: what counts as a reason for a decision someone must account for later.

Closing, reopening, back-dating, cancelling a slot, ending, referring and handing back are
decisions a student, a parent or the principal may ask about. A reason that says nothing ("-",
"x", "ok", "tidak ada") is worse than none, because the record then looks explained. So a reason
is at least three letters and not one of the placeholders people type to get past a required
field. The rule is one function so every form and service applies the same one.
"""

from __future__ import annotations

MIN_REASON_LETTERS = 3

PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "-",
        "--",
        "x",
        "xx",
        "xxx",
        "ok",
        "oke",
        "okay",
        "ya",
        "tidak",
        "tidak ada",
        "tdk ada",
        "ga ada",
        "gak ada",
        "nggak ada",
        "belum ada",
        "kosong",
        "n/a",
        "na",
        "none",
        "nil",
        "test",
        "tes",
        "asdf",
        "abc",
        "...",
    }
)
"""Answers typed only to fill a required field (compared without case and outer punctuation)."""


def _letters(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


def reason_problem(reason: str | None, what: str) -> str | None:
    """Why ``reason`` does not count as a reason for ``what`` (Indonesian), or ``None``.

    ``what`` names the decision in a phrase that follows "alasan": "menutup permohonan ini",
    "membatalkan jadwal". An empty reason asks for one; a too-short one or a placeholder says
    why it is not enough.
    """
    text = " ".join((reason or "").split())
    if not text:
        return f"Tuliskan alasan untuk {what}."
    key = text.casefold().strip(" .,!?;:")
    if key in PLACEHOLDERS or text.casefold() in PLACEHOLDERS:
        return (
            f"“{text}” bukan alasan. Tuliskan alasan yang sebenarnya untuk {what}, "
            "agar keputusan ini dapat dipertanggungjawabkan."
        )
    if _letters(text) < MIN_REASON_LETTERS:
        return (
            f"Alasan untuk {what} terlalu singkat; tuliskan paling sedikit "
            f"{MIN_REASON_LETTERS} huruf."
        )
    return None


def is_reason(reason: str | None) -> bool:
    """Whether ``reason`` passes the rule (for a form that only enables a button)."""
    return reason_problem(reason, "keputusan ini") is None
