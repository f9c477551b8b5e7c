"""The "Kartu Pemulihan": the printed recovery key, made once when the data is set up.

The card is the only way back in when every password is forgotten, and equally a way in for
anyone who finds it. So the page says plainly what it is and how to keep it, prints the key
large in a font where 0/O and 1/l differ, and leaves lines to record who holds it.

The key appears only in the page content, never in the PDF's metadata. The card is made in
memory only: it is printed from there, or saved whole (or not at all) by
``DocumentService.save``, so a failed save never leaves half a key on disk.

With the school's kop (``letterhead``) the card is printed on the same letterhead as every
other document, and the school's name is then read from the kop instead of a line of its
own. ``render_recovery_card`` returns the bytes, so the card can be printed without ever
becoming a file.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm as _reportlab_mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ListFlowable, Paragraph

from bk_desktop.domain.dates import format_instant
from bk_desktop.reports.fonts import (
    FONT_BOLD,
    FONT_MONO_BOLD,
    FONT_REGULAR,
    ascent_descent,
    draw_text,
    fit_text,
    register_fonts,
    text_width,
)
from bk_desktop.reports.letterhead import Letterhead, draw_letterhead

_MM: float = _reportlab_mm
_PAGE_WIDTH: float = A4[0]
_PAGE_HEIGHT: float = A4[1]
_MARGIN = 20 * _MM
_CONTENT_WIDTH = _PAGE_WIDTH - 2 * _MARGIN
_BOX_PADDING = 5 * _MM
_KOP_TOP = 12 * _MM  # the kop starts higher than the card's own top margin
_GREY = Color(0.35, 0.35, 0.35)
_KEY_BACKGROUND = Color(0.95, 0.95, 0.95)

PDF_TITLE = "Kartu Pemulihan bk-desktop"

_SUBTITLE = "Kunci cadangan untuk membuka data BK di bk-desktop"
_FOOTER = (
    "Kartu ini hanya berlaku untuk data dengan ID di atas, sampai kartu pemulihan baru dibuat."
)

_INSTRUCTIONS: tuple[str, ...] = (
    "<b>Apa ini?</b> Kunci pemulihan membuka data BK sekolah di bk-desktop bila "
    "<b>semua kata sandi terlupa</b>. Bila kartu ini hilang dan semua kata sandi terlupa, "
    "data tidak dapat dibuka lagi oleh siapa pun.",
    "<b>Siapa pun yang memegang kartu ini dapat membuka seluruh catatan konseling siswa.</b> "
    "Perlakukan seperti kunci brankas.",
    "Simpan dalam amplop tertutup di tempat terkunci yang <b>jauh dari komputer ini</b>, "
    "misalnya di brankas kepala sekolah. Jangan disimpan di meja atau lemari ruang BK.",
    "<b>Jangan memotret, memindai, menyalin, atau mengirim</b> kartu ini (WhatsApp, e-mail, "
    "penyimpanan awan). Setelah dicetak, hapus berkas PDF-nya dari komputer dan dari "
    "Recycle Bin.",
    "Bila kartu hilang atau mungkin pernah dilihat orang lain, buat kartu baru dari "
    "<b>Pengaturan → Kunci Pemulihan</b>. Kartu yang lama otomatis tidak berlaku lagi; "
    "musnahkan dengan merobeknya kecil-kecil.",
)


@dataclass(frozen=True)
class _KeyLayout:
    lines: list[str]
    size: float


def _key_tokens(recovery_key: str) -> list[tuple[str, str]]:
    """The key's groups with what joins each to the one before (" " or "").

    Groups are kept exactly as given; a line may only break between them, after a space or
    after a hyphen, so no one copies a group that was split in two.
    """
    tokens: list[tuple[str, str]] = []
    for word in recovery_key.split():
        for index, part in enumerate(re.findall(r"[^-]+-?|-", word)):
            tokens.append((part, " " if index == 0 and tokens else ""))
    return tokens


def _wrap_tokens(tokens: list[tuple[str, str]], size: float, limit: float) -> list[str]:
    """Greedy wrap of key groups at ``limit`` points (a lone overlong group gets its own line)."""
    lines: list[str] = []
    current = ""
    for text, joiner in tokens:
        candidate = f"{current}{joiner}{text}" if current else text
        if current and text_width(candidate, FONT_MONO_BOLD, size) > limit:
            lines.append(current)
            current = text
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


_ONE_LINE_MIN_SIZE = 14.0


def _layout_key(recovery_key: str, width: float) -> _KeyLayout:
    """The key on one line at the largest size (22 pt down to 14 pt) at which it fits.

    A key typed from paper is read left to right in one go; a line break in its middle makes
    people wonder whether the break is part of it. Only a key too long for one line at 14 pt
    is spread over up to four lines (22 pt down to 12 pt), broken between groups and
    balanced (7 + 6 groups rather than 9 + 4) so the eye does not lose its place at a ragged
    end when copying it.
    """
    tokens = _key_tokens(recovery_key)
    whole = "".join(f"{joiner}{text}" for text, joiner in tokens)
    size = 22.0
    while size >= _ONE_LINE_MIN_SIZE:
        if text_width(whole, FONT_MONO_BOLD, size) <= width:
            return _KeyLayout([whole], size)
        size -= 1
    size = 22.0
    lines = _wrap_tokens(tokens, size, width)
    while size > 12 and (
        len(lines) > 4 or any(text_width(line, FONT_MONO_BOLD, size) > width for line in lines)
    ):
        size -= 1
        lines = _wrap_tokens(tokens, size, width)
    count = len(lines)
    limit = text_width(" ".join(text for text, _ in tokens), FONT_MONO_BOLD, size) / count
    while limit < width:
        balanced = _wrap_tokens(tokens, size, limit)
        if len(balanced) <= count:
            lines = balanced
            break
        limit += size / 2
    # A single group wider than the box (no spaces or hyphens at all) is cut by characters.
    cut: list[str] = []
    for line in lines:
        cut.extend(fit_text(line, FONT_MONO_BOLD, size, size, width)[0])
    return _KeyLayout(cut, size)


def _draw_centred_lines(
    canvas: Canvas, text: str, y: float, *, font: str, size: float, min_size: float
) -> float:
    """Centred text from ``y`` down, shrunk then wrapped to the page; return y below it."""
    lines, fitted = fit_text(text, font, size, min_size, _CONTENT_WIDTH)
    ascent, descent = ascent_descent(font, fitted)
    for line in lines:
        draw_text(
            canvas, _PAGE_WIDTH / 2, y - ascent, line, font=font, size=fitted, anchor="centre"
        )
        y -= fitted * 1.25
    return y + fitted * 1.25 - ascent + descent if lines else y


def _draw_details(canvas: Canvas, rows: list[tuple[str, str]], y: float) -> float:
    """Label/value rows under the title; long values wrap inside the value column."""
    size = 10.0
    label_width = 38 * _MM
    value_width = _CONTENT_WIDTH - label_width
    ascent, _descent = ascent_descent(FONT_REGULAR, size)
    for label, value in rows:
        lines, fitted = fit_text(value, FONT_REGULAR, size, 8, value_width)
        draw_text(canvas, _MARGIN, y - ascent, label, font=FONT_BOLD, size=size)
        for line in lines or ["–"]:
            draw_text(
                canvas, _MARGIN + label_width, y - ascent, line, font=FONT_REGULAR, size=fitted
            )
            y -= size * 1.4
    return y


def _draw_key_box(canvas: Canvas, recovery_key: str, y: float) -> float:
    inner_width = _CONTENT_WIDTH - 2 * _BOX_PADDING
    layout = _layout_key(recovery_key, inner_width)
    heading_size = 9.0
    line_height = layout.size * 1.35
    height = 2 * _BOX_PADDING + heading_size * 1.8 + len(layout.lines) * line_height
    canvas.saveState()
    canvas.setFillColor(_KEY_BACKGROUND)
    canvas.setLineWidth(1.2)
    canvas.roundRect(_MARGIN, y - height, _CONTENT_WIDTH, height, 3 * _MM, stroke=1, fill=1)
    canvas.restoreState()

    cursor = y - _BOX_PADDING
    canvas.saveState()
    canvas.setFillColor(_GREY)
    canvas.setFont(FONT_BOLD, heading_size)
    canvas.drawCentredString(
        _PAGE_WIDTH / 2,
        cursor - heading_size,
        "KUNCI PEMULIHAN — ketik persis seperti tertulis saat diminta",
    )
    canvas.restoreState()
    cursor -= heading_size * 1.8
    ascent, _descent = ascent_descent(FONT_MONO_BOLD, layout.size)
    canvas.setFont(FONT_MONO_BOLD, layout.size)
    for line in layout.lines:
        baseline = cursor - (line_height - layout.size) / 2 - ascent
        canvas.drawCentredString(_PAGE_WIDTH / 2, baseline, line)
        cursor -= line_height
    return y - height


def _draw_instructions(canvas: Canvas, y: float) -> float:
    body = ParagraphStyle(
        "card-body", fontName=FONT_REGULAR, fontSize=10, leading=13.5, spaceAfter=3
    )
    heading = ParagraphStyle(
        "card-heading", parent=body, fontName=FONT_BOLD, fontSize=11, spaceAfter=4
    )
    items = ListFlowable(
        [Paragraph(text, body) for text in _INSTRUCTIONS],
        bulletType="bullet",
        bulletFontName=FONT_REGULAR,
        bulletFontSize=10,
        leftIndent=5 * _MM,
        start="•",
    )
    title = Paragraph("Cara menyimpan kartu ini", heading)
    inner_width = _CONTENT_WIDTH - 2 * _BOX_PADDING
    _w, title_height = title.wrapOn(canvas, inner_width, _PAGE_HEIGHT)
    _w, items_height = items.wrapOn(canvas, inner_width, _PAGE_HEIGHT)
    height = 2 * _BOX_PADDING + title_height + heading.spaceAfter + items_height

    canvas.saveState()
    canvas.setLineWidth(0.8)
    canvas.rect(_MARGIN, y - height, _CONTENT_WIDTH, height, stroke=1, fill=0)
    canvas.restoreState()
    cursor = y - _BOX_PADDING - title_height
    title.drawOn(canvas, _MARGIN + _BOX_PADDING, cursor)
    cursor -= heading.spaceAfter + items_height
    items.drawOn(canvas, _MARGIN + _BOX_PADDING, cursor)
    return float(y - height)


def _draw_custody_lines(canvas: Canvas, y: float, rows: int) -> float:
    """Rows to record by hand who keeps the card, so a handover leaves a trace on paper."""
    size = 10.0
    canvas.setFont(FONT_BOLD, 10.5)
    canvas.drawString(_MARGIN, y - 10.5, "Catatan penyimpanan")
    y -= 10.5 * 2.4
    # (label, where its column starts, where it ends) as fractions of the text width
    columns = (("Disimpan oleh:", 0.0, 0.55), ("Tanggal:", 0.55, 0.8), ("Paraf:", 0.8, 1.0))
    canvas.setLineWidth(0.5)
    canvas.setFont(FONT_REGULAR, size)
    for _row in range(rows):
        baseline = y - size
        for label, start, end in columns:
            x = _MARGIN + start * _CONTENT_WIDTH
            canvas.drawString(x, baseline, label)
            line_start = x + text_width(label, FONT_REGULAR, size) + 2 * _MM
            line_end = _MARGIN + end * _CONTENT_WIDTH - (4 * _MM if end < 1 else 0)
            canvas.line(line_start, baseline - 1.5, line_end, baseline - 1.5)
        y -= size * 3
    return y


def _draw_footer(canvas: Canvas) -> float:
    """A small closing line at the foot of the page; return its top."""
    size = 8.0
    canvas.saveState()
    canvas.setFillColor(_GREY)
    canvas.setFont(FONT_REGULAR, size)
    canvas.drawCentredString(_PAGE_WIDTH / 2, _MARGIN, _FOOTER)
    canvas.restoreState()
    return _MARGIN + size * 2


@dataclass(frozen=True)
class _CardText:
    recovery_key: str
    school_name: str
    details: list[tuple[str, str]]
    letterhead: Letterhead | None


def _draw_card(canvas: Canvas, card: _CardText, *, spacing: float, custody_rows: int) -> bool:
    """Draw the whole card; False if it ran into the footer (the caller then tightens it)."""
    y = _PAGE_HEIGHT - _MARGIN
    school_name = card.school_name
    if card.letterhead is not None:
        y = draw_letterhead(canvas, card.letterhead, _PAGE_WIDTH, _PAGE_HEIGHT - _KOP_TOP)
        y -= 7 * _MM * spacing
        if card.letterhead.school_name.strip():
            school_name = ""  # the kop names the school already
    y = _draw_centred_lines(canvas, "KARTU PEMULIHAN", y, font=FONT_BOLD, size=24, min_size=24)
    canvas.saveState()
    canvas.setFillColor(_GREY)
    y = _draw_centred_lines(
        canvas, _SUBTITLE, y - 3 * _MM * spacing, font=FONT_REGULAR, size=10, min_size=8
    )
    canvas.restoreState()
    if school_name.strip():
        y = _draw_centred_lines(
            canvas, school_name, y - 6 * _MM * spacing, font=FONT_BOLD, size=15, min_size=10
        )
    y = _draw_details(canvas, card.details, y - 9 * _MM * spacing)
    y = _draw_key_box(canvas, card.recovery_key, y - 5 * _MM * spacing)
    y = _draw_instructions(canvas, y - 9 * _MM * spacing)
    y = _draw_custody_lines(canvas, y - 10 * _MM * spacing, custody_rows)
    return y >= _draw_footer(canvas)


def _render(card: _CardText) -> bytes:
    """The PDF bytes of the card; tighter spacing is tried before anything would spill over.

    Ordinary inputs fit with room to spare; only extreme ones (a 200-character key with a
    three-line school name) need the tighter layouts, and a card must stay one sheet.
    """
    register_fonts()
    for spacing, custody_rows in ((1.0, 3), (0.6, 2), (0.3, 1), (0.0, 1)):
        buffer = io.BytesIO()
        # The initial font is set so the file names no unembedded Helvetica at all.
        canvas = Canvas(
            buffer, pagesize=A4, pageCompression=1, initialFontName=FONT_REGULAR, initialFontSize=10
        )
        canvas.setTitle(PDF_TITLE)
        canvas.setAuthor("bk-desktop")
        canvas.setSubject("Kunci pemulihan data BK; simpan di tempat terkunci")
        canvas.setCreator("bk-desktop")
        if _draw_card(canvas, card, spacing=spacing, custody_rows=custody_rows):
            canvas.showPage()
            canvas.save()
            return buffer.getvalue()
    # Inputs are short fields; reaching this is a layout bug, not something a user can fix.
    raise AssertionError("recovery card does not fit on one page")


def render_recovery_card(
    *,
    recovery_key: str,
    school_name: str,
    vault_id: str,
    account_name: str,
    created_at: datetime,
    zone: ZoneInfo,
    letterhead: Letterhead | None = None,
) -> bytes:
    """The one-page A4 Kartu Pemulihan as PDF bytes, on the school's kop when one is given.

    ``created_at`` is an aware instant (UTC as stored) and is printed in the school's
    ``zone``. Nothing is written anywhere: the caller previews, prints or saves the bytes.
    """
    if not recovery_key.strip():
        raise ValueError("recovery_key is empty")
    card = _CardText(
        recovery_key=recovery_key.strip(),
        school_name=school_name,
        details=[
            ("Dibuat pada", format_instant(created_at, zone)),
            ("Dibuat oleh", account_name),
            ("ID data", vault_id),
        ],
        letterhead=letterhead,
    )
    return _render(card)


__all__ = ["PDF_TITLE", "render_recovery_card"]
