"""The bundled Unicode fonts every PDF uses.

reportlab's built-in Helvetica only knows Latin-1: names with "ʼ", "–" or "…" would print as
black boxes, and the look would change with whatever fonts a school PC happens to have. So the
DejaVu fonts ship in ``resources/fonts`` (license beside them) and are embedded in every PDF.

DejaVu covers Latin (Śrī, Nurʼaini), Greek and Cyrillic but no Chinese, Japanese or Korean,
and a student named 王小明 must print too. reportlab has no font fallback of its own, so text
is cut here into runs by which font has each character: ``markup`` for Paragraphs (the runs
DejaVu lacks wrapped in ``<font name=...>``) and ``draw_text`` for strings drawn straight onto
a canvas (kop lines, signature names). Droid Sans Fallback (4 MB, Apache 2.0) is registered
only the first time a character DejaVu lacks is met (about 50 ms), so a document of Latin
names never pays for it and never embeds it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from bk_desktop.domain.errors import KnownError
from bk_desktop.files.resources import resource_path

FONT_FAMILY = "DejaVuSans"
FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_OBLIQUE = "DejaVuSans-Oblique"
FONT_BOLD_OBLIQUE = "DejaVuSans-BoldOblique"
FONT_MONO = "DejaVuSansMono"
FONT_MONO_BOLD = "DejaVuSansMono-Bold"
FONT_FALLBACK = "DroidSansFallback"
"""Only for characters DejaVu lacks; registered on first need by ``register_fallback``."""

_FALLBACK_FILE = "DroidSansFallbackFull.ttf"

# reportlab font name -> file in resources/fonts
_FONT_FILES: dict[str, str] = {
    FONT_REGULAR: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_OBLIQUE: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_OBLIQUE: "DejaVuSans-BoldOblique.ttf",
    FONT_MONO: "DejaVuSansMono.ttf",
    FONT_MONO_BOLD: "DejaVuSansMono-Bold.ttf",
}


def fonts_dir() -> Path:
    """The shipped font files (package data, found like every other resource)."""
    return resource_path("fonts")


def _register_file(name: str, file_name: str) -> None:
    folder = fonts_dir()
    path = folder / file_name
    if not path.is_file():
        raise KnownError(
            f"Berkas huruf {path.name} tidak ditemukan di {folder}. "
            "Instalasi bk-desktop tidak lengkap; pasang ulang programnya."
        )
    pdfmetrics.registerFont(TTFont(name, str(path)))


def register_fonts() -> None:
    """Register the DejaVu fonts with reportlab; calling it again does nothing.

    reportlab keeps one process-wide font registry, so every document builder can simply
    call this first. The Sans family is also mapped so ``<b>``/``<i>`` work in Paragraphs.
    """
    registered = set(pdfmetrics.getRegisteredFontNames())
    missing = [name for name in _FONT_FILES if name not in registered]
    if not missing:
        return
    for name in missing:
        _register_file(name, _FONT_FILES[name])
    pdfmetrics.registerFontFamily(
        FONT_FAMILY,
        normal=FONT_REGULAR,
        bold=FONT_BOLD,
        italic=FONT_OBLIQUE,
        boldItalic=FONT_BOLD_OBLIQUE,
    )
    # No oblique mono is bundled; an italic request in the mono family stays upright.
    pdfmetrics.registerFontFamily(
        FONT_MONO,
        normal=FONT_MONO,
        bold=FONT_MONO_BOLD,
        italic=FONT_MONO,
        boldItalic=FONT_MONO_BOLD,
    )


def register_fallback() -> None:
    """Register Droid Sans Fallback once; ``<b>`` and ``<i>`` inside it stay regular.

    Kept apart from ``register_fonts`` because parsing its 4 MB costs more than all DejaVu
    fonts together, and most documents hold no character that needs it.
    """
    if FONT_FALLBACK in pdfmetrics.getRegisteredFontNames():
        return
    _register_file(FONT_FALLBACK, _FALLBACK_FILE)
    pdfmetrics.registerFontFamily(
        FONT_FALLBACK,
        normal=FONT_FALLBACK,
        bold=FONT_FALLBACK,
        italic=FONT_FALLBACK,
        boldItalic=FONT_FALLBACK,
    )


_REGISTERED = frozenset(_FONT_FILES)
"""The bundled DejaVu fonts: each has every printable ASCII character."""


@cache
def _characters(font: str) -> frozenset[int]:
    """The code points ``font`` has glyphs for (read once per font and process)."""
    register_fonts()
    if font == FONT_FALLBACK:
        register_fallback()
    char_to_glyph = getattr(pdfmetrics.getFont(font).face, "charToGlyph", None)
    if char_to_glyph is None:  # one of reportlab's standard fonts: Latin-1 only
        return frozenset(range(256))
    return frozenset(char_to_glyph)


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` cut into ``(font name, piece)`` runs: ``font`` wherever it has the character,
    the fallback where only the fallback has it.

    A character neither font has (a rare emoji) stays in ``font``, which shows its empty box:
    the name is still printed around it rather than refused. Whitespace always stays in
    ``font`` so a run of CJK words keeps its spaces' widths.
    """
    if text.isascii() and font in _REGISTERED:
        # The common case: DejaVu has every ASCII character, so nothing to look up (the
        # fonts are registered all the same: markup made from the runs names them).
        register_fonts()
        return [(font, text)] if text else []
    own = _characters(font)
    runs: list[tuple[str, str]] = []
    for char in text:
        chosen = font
        if ord(char) not in own and not char.isspace() and ord(char) in _characters(FONT_FALLBACK):
            chosen = FONT_FALLBACK
        if runs and runs[-1][0] == chosen:
            runs[-1] = (chosen, runs[-1][1] + char)
        else:
            runs.append((chosen, char))
    return runs


def markup(text: str, font: str = FONT_REGULAR) -> str:
    """``text`` as Paragraph markup: XML-escaped, with runs ``font`` lacks set in the fallback.

    Every value that reaches a Paragraph goes through this: a name such as "Nur <Aini>" or
    "A & B" would otherwise be read as markup, and 王小明 would print as boxes.
    """
    parts: list[str] = []
    for run_font, piece in font_runs(text, font):
        escaped = escape(piece)
        parts.append(f'<font name="{run_font}">{escaped}</font>' if run_font != font else escaped)
    return "".join(parts)


def text_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in points as ``draw_text`` draws it (fallback runs included)."""
    return sum(
        float(pdfmetrics.stringWidth(piece, run_font, size))
        for run_font, piece in font_runs(text, font)
    )


def draw_text(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    *,
    font: str,
    size: float,
    anchor: Literal["left", "centre", "right"] = "left",
) -> float:
    """Draw ``text`` on the baseline ``y``, anchored at ``x``; return its width.

    The canvas's drawString knows one font per call and ends its line, so the runs are set
    in one text object, changing font between them: a PDF reader (and a screen reader or a
    search) then sees one line, not a line per font. The canvas is left set to ``font``.
    """
    runs = font_runs(text, font)
    total = sum(float(pdfmetrics.stringWidth(piece, f, size)) for f, piece in runs)
    start = {"left": x, "centre": x - total / 2, "right": x - total}[anchor]
    line = canvas.beginText(start, y)
    for run_font, piece in runs:
        line.setFont(run_font, size)
        line.textOut(piece)
    canvas.drawText(line)
    canvas.setFont(font, size)
    return total


def ascent_descent(font: str, size: float) -> tuple[float, float]:
    """Ascent (above the baseline, positive) and descent (below it, negative) in points."""
    ascent, descent = pdfmetrics.getAscentDescent(font, size)
    return float(ascent), float(descent)


def fit_text(
    text: str, font: str, size: float, min_size: float, width: float
) -> tuple[list[str], float]:
    """Lines and font size that show ``text`` within ``width`` without clipping.

    The font shrinks in half points down to ``min_size`` first, because one smaller line reads
    better on a form than two; only what still does not fit is wrapped. "\\n" in ``text`` forces
    a break and blank pieces are dropped, so an empty text gives no lines.
    """
    pieces = [piece.strip() for piece in text.split("\n") if piece.strip()]
    while size > min_size and any(text_width(piece, font, size) > width for piece in pieces):
        size = max(min_size, size - 0.5)
    lines: list[str] = []
    for piece in pieces:
        for line in _wrap_words(piece, font, size, width):
            lines.extend(_break_characters(line, font, size, width))
    return lines, size


NO_BREAK = "\u00a0"
"""A space a line never breaks at ("Laman\u00a0sekolah.sch.id" stays together)."""


def _wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy wrap at ordinary spaces only; a no-break space keeps its neighbours on one line
    (reportlab's ``simpleSplit`` breaks there too)."""
    if NO_BREAK not in text:
        return [str(line) for line in simpleSplit(text, font, size, width)]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if not word:
            continue
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _break_characters(line: str, font: str, size: float, width: float) -> list[str]:
    """Split a line with no usable spaces (a long URL or e-mail) wherever it has to."""
    if text_width(line, font, size) <= width:
        return [line]
    parts: list[str] = []
    current = ""
    for char in line:
        if current and text_width(current + char, font, size) > width:
            parts.append(current)
            current = ""
        current += char
    parts.append(current)
    return parts
