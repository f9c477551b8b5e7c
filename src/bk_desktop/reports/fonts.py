"""The bundled Unicode fonts every PDF uses.

reportlab's built-in Helvetica only knows Latin-1: names with "ʼ", "–" or "…" would print as
black boxes, and the look would change with whatever fonts a school PC happens to have. So the
DejaVu fonts ship in ``resources/fonts`` (license beside them) and are embedded in every PDF.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from bk_desktop.domain.errors import KnownError
from bk_desktop.files.resources import resource_path

FONT_FAMILY = "DejaVuSans"
FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_OBLIQUE = "DejaVuSans-Oblique"
FONT_BOLD_OBLIQUE = "DejaVuSans-BoldOblique"
FONT_MONO = "DejaVuSansMono"
FONT_MONO_BOLD = "DejaVuSansMono-Bold"

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


def register_fonts() -> None:
    """Register the DejaVu fonts with reportlab; calling it again does nothing.

    reportlab keeps one process-wide font registry, so every document builder can simply
    call this first. The Sans family is also mapped so ``<b>``/``<i>`` work in Paragraphs.
    """
    registered = set(pdfmetrics.getRegisteredFontNames())
    missing = [name for name in _FONT_FILES if name not in registered]
    if not missing:
        return
    folder = fonts_dir()
    for name in missing:
        path = folder / _FONT_FILES[name]
        if not path.is_file():
            raise KnownError(
                f"Berkas huruf {path.name} tidak ditemukan di {folder}. "
                "Instalasi bk-desktop tidak lengkap; pasang ulang programnya."
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))
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


def text_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in points; a typed front for reportlab's untyped metrics."""
    return float(pdfmetrics.stringWidth(text, font, size))


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
        for line in simpleSplit(piece, font, size, width):
            lines.extend(_break_characters(str(line), font, size, width))
    return lines, size


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
