"""The parts every school document shares: kop surat, signature block, "Halaman x dari y".

The kop follows the shape Permendagri 1/2023 gives for naskah dinas and that schools copy:
logo(s), government line, agency line (bold), school name (bold, largest, capitals), an
address/phone/email/website line, then a thick and a thin rule. Every line comes from the
school's settings; private schools put their yayasan in the upper lines.

Text is never clipped: a line too long for the space first gets a smaller font, then wraps.
A broken logo file must not stop a counsellor from printing, so it is left out instead.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.units import mm as _reportlab_mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from bk_desktop.domain.dates import format_date
from bk_desktop.domain.identifiers_nip import format_nip
from bk_desktop.reports.fonts import (
    FONT_BOLD,
    FONT_REGULAR,
    ascent_descent,
    fit_text,
    register_fonts,
    text_width,
)

_log = logging.getLogger(__name__)

_MM: float = _reportlab_mm

DEFAULT_MARGIN = 20 * _MM
"""Left and right margin used when a caller does not choose one."""

_LOGO_BOX = 22 * _MM  # a logo is scaled to fit this square, keeping its proportions
_LOGO_GAP = 4 * _MM
_RULE_GAP = 2.5 * _MM  # space between the text (or logos) and the thick rule
_THICK_RULE = 2.2
_THIN_RULE = 0.7
_BETWEEN_RULES = 1.6


@dataclass(frozen=True)
class Letterhead:
    """The school's kop surat as set in Pengaturan; an empty line is left out.

    A line may hold "\\n" to force a break where the school wants one (long addresses).
    ``contact_line`` is the phone/e-mail/website line under the address. Logos are the image
    bytes as stored inside the vault (PNG or JPEG); a logo is never read from a loose file.
    """

    government_line: str
    agency_line: str
    school_name: str
    address_line: str
    contact_line: str = ""
    left_logo: bytes | None = None
    right_logo: bytes | None = None


@dataclass(frozen=True)
class _TextStyle:
    font: str
    size: float
    min_size: float


_GOVERNMENT_STYLE = _TextStyle(FONT_REGULAR, 12, 8)
_AGENCY_STYLE = _TextStyle(FONT_BOLD, 13, 8)
_SCHOOL_STYLE = _TextStyle(FONT_BOLD, 16, 10)
_ADDRESS_STYLE = _TextStyle(FONT_REGULAR, 9, 8)


def _load_logo(data: bytes | None) -> ImageReader | None:
    """The decoded image, or None when there is none or it cannot be read.

    The image is decoded here, not when the page is saved, so that a truncated file is
    noticed while it can still be skipped instead of failing the whole document.
    """
    if not data:
        return None
    try:
        reader = ImageReader(io.BytesIO(data))
        reader.getRGBData()
    except Exception:  # Pillow raises several unrelated types for bad files; any means "skip"
        _log.warning("Logo kop surat dilewati karena tidak dapat dibaca (%d bita)", len(data))
        return None
    return reader


def _draw_logo(canvas: Canvas, logo: ImageReader, box_x: float, centre_y: float) -> None:
    width, height = logo.getSize()
    scale = min(_LOGO_BOX / width, _LOGO_BOX / height)
    drawn_w, drawn_h = width * scale, height * scale
    canvas.drawImage(
        logo,
        box_x + (_LOGO_BOX - drawn_w) / 2,
        centre_y - drawn_h / 2,
        width=drawn_w,
        height=drawn_h,
        mask="auto",
    )


def draw_letterhead(
    canvas: Canvas,
    letterhead: Letterhead,
    page_width: float,
    top_y: float,
    *,
    margin: float = DEFAULT_MARGIN,
) -> float:
    """Draw the kop surat with its top at ``top_y``; return the y just below the thin rule.

    When there is any logo, the same space is kept free on both sides so the text stays
    centred on the page, as on printed kop paper.
    """
    register_fonts()
    left_logo = _load_logo(letterhead.left_logo)
    right_logo = _load_logo(letterhead.right_logo)
    reserve = _LOGO_BOX + _LOGO_GAP if (left_logo or right_logo) else 0.0
    available = page_width - 2 * margin - 2 * reserve
    centre_x = page_width / 2

    blocks: list[tuple[list[str], str, float]] = []
    for text, style in (
        (letterhead.government_line, _GOVERNMENT_STYLE),
        (letterhead.agency_line, _AGENCY_STYLE),
        (letterhead.school_name.upper(), _SCHOOL_STYLE),
        (letterhead.address_line, _ADDRESS_STYLE),
        (letterhead.contact_line, _ADDRESS_STYLE),
    ):
        lines, size = fit_text(text, style.font, style.size, style.min_size, available)
        if lines:
            blocks.append((lines, style.font, size))

    leading = 1.25
    text_height = sum(len(lines) * size * leading for lines, _, size in blocks)
    logo_height = _LOGO_BOX if reserve else 0.0
    block_height = max(text_height, logo_height)

    canvas.saveState()  # callers keep their own font and line settings
    y = top_y - (block_height - text_height) / 2
    for lines, font, size in blocks:
        ascent, _descent = ascent_descent(font, size)
        canvas.setFont(font, size)
        for line in lines:
            line_height = size * leading
            # Centre the glyphs vertically inside their line box.
            baseline = y - (line_height - size) / 2 - ascent
            canvas.drawCentredString(centre_x, baseline, line)
            y -= line_height

    centre_y = top_y - block_height / 2
    if left_logo is not None:
        _draw_logo(canvas, left_logo, margin, centre_y)
    if right_logo is not None:
        _draw_logo(canvas, right_logo, page_width - margin - _LOGO_BOX, centre_y)

    y = top_y - block_height - _RULE_GAP
    canvas.setLineWidth(_THICK_RULE)
    canvas.line(margin, y - _THICK_RULE / 2, page_width - margin, y - _THICK_RULE / 2)
    y -= _THICK_RULE + _BETWEEN_RULES
    canvas.setLineWidth(_THIN_RULE)
    canvas.line(margin, y - _THIN_RULE / 2, page_width - margin, y - _THIN_RULE / 2)
    canvas.restoreState()
    return y - _THIN_RULE


# --- signature block ------------------------------------------------------------------------

_SIGN_FONT_SIZE = 11.0
_SIGN_LEADING = _SIGN_FONT_SIZE * 1.35
_SIGN_SPACE = 24 * _MM  # room for a handwritten signature and the school stamp
_SIGN_MIN_NAME_SIZE = 9.5


@dataclass(frozen=True)
class Signatory:
    """A person who signs: a name and the first identifier they have of NIP, NUPTK, NIY.

    Civil servants sign with NIP; teachers without one sign with NUPTK, or with their
    foundation's NIY at private schools. With none of them, the line is left out.
    """

    name: str
    nip: str = ""
    nuptk: str = ""
    niy: str = ""

    def identifier_line(self) -> str:
        """The line under the name: "NIP 19750101 200003 1 001", "NUPTK …", "NIY …" or ""."""
        if self.nip.strip():
            return f"NIP {format_nip(self.nip.strip())}"
        if self.nuptk.strip():
            return f"NUPTK {self.nuptk.strip()}"
        if self.niy.strip():
            return f"NIY {self.niy.strip()}"
        return ""


@dataclass(frozen=True)
class SignatureBlock:
    """The closing of a school document: the counsellor signs, the principal acknowledges.

    ``principal`` is None for documents the counsellor signs alone; the left column is then
    left empty and the counsellor stays on the right, where readers look for the signature.
    """

    city: str
    signed_on: date
    school_name: str
    counsellor: Signatory
    principal: Signatory | None = None


def _column_lines(headings: Sequence[str], width: float) -> list[str]:
    """Headings wrapped to the column; a long school name takes two lines, never clips."""
    lines: list[str] = []
    for heading in headings:
        lines.extend(fit_text(heading, FONT_REGULAR, _SIGN_FONT_SIZE, _SIGN_FONT_SIZE, width)[0])
    return lines


def _column_width(page_width: float, margin: float) -> float:
    """Half the text width, less a gutter so long headings of both columns never touch."""
    return (page_width - 2 * margin) / 2 - 4 * _MM


@dataclass(frozen=True)
class _SignatureColumn:
    headings: list[str]
    signer: Signatory | None
    name_lines: list[str]
    name_size: float


def _layout_columns(block: SignatureBlock, column_width: float) -> list[_SignatureColumn]:
    """Left (principal) and right (counsellor) columns with their wrapped text.

    Names with several academic titles are common; a name first shrinks a little, and if
    that is not enough it wraps at full size, so it stays readable and is never clipped.
    """
    school = block.school_name.strip() or "Sekolah"
    columns: list[_SignatureColumn] = []
    for headings, signer in (
        (["Mengetahui,", f"Kepala {school},"] if block.principal else [], block.principal),
        (
            [f"{block.city}, {format_date(block.signed_on)}", "Guru Bimbingan dan Konseling,"],
            block.counsellor,
        ),
    ):
        name = signer.name if signer else ""
        name_lines, name_size = fit_text(
            name, FONT_BOLD, _SIGN_FONT_SIZE, _SIGN_MIN_NAME_SIZE, column_width
        )
        if len(name_lines) > 1:  # wrapping anyway: keep the full size
            name_lines, name_size = fit_text(
                name, FONT_BOLD, _SIGN_FONT_SIZE, _SIGN_FONT_SIZE, column_width
            )
        columns.append(
            _SignatureColumn(_column_lines(headings, column_width), signer, name_lines, name_size)
        )
    return columns


def _vertical_extent(columns: Sequence[_SignatureColumn]) -> tuple[int, int]:
    """Rows of headings and rows of name shared by both columns, so their lines align."""
    heading_rows = max(len(column.headings) for column in columns)
    name_rows = max(1, *(len(column.name_lines) for column in columns))
    return heading_rows, name_rows


def signature_block_height(
    block: SignatureBlock, page_width: float, *, margin: float = DEFAULT_MARGIN
) -> float:
    """The height ``draw_signature_block`` will use, so a caller can start a new page first."""
    columns = _layout_columns(block, _column_width(page_width, margin))
    heading_rows, name_rows = _vertical_extent(columns)
    ascent, descent = ascent_descent(FONT_REGULAR, _SIGN_FONT_SIZE)
    # headings, the signing space, the name, then the identifier line under it
    return ascent + (heading_rows - 1 + name_rows) * _SIGN_LEADING + _SIGN_SPACE - descent


def _draw_name(
    canvas: Canvas, column: _SignatureColumn, centre_x: float, first_baseline: float
) -> None:
    """The signer's name, bold and underlined, line by line."""
    canvas.saveState()
    canvas.setFont(FONT_BOLD, column.name_size)
    canvas.setLineWidth(0.6)
    for index, line in enumerate(column.name_lines):
        baseline = first_baseline - index * _SIGN_LEADING
        half_width = text_width(line, FONT_BOLD, column.name_size) / 2
        canvas.drawCentredString(centre_x, baseline, line)
        underline_y = baseline - column.name_size * 0.15
        canvas.line(centre_x - half_width, underline_y, centre_x + half_width, underline_y)
    canvas.restoreState()


def draw_signature_block(
    canvas: Canvas,
    block: SignatureBlock,
    page_width: float,
    top_y: float,
    *,
    margin: float = DEFAULT_MARGIN,
) -> float:
    """Draw both signature columns from ``top_y`` down; return the y below the last line.

    The names of both signers start on the same line, however many lines the headings wrap
    into, because that is how a signed and stamped page is expected to look.
    """
    register_fonts()
    half = (page_width - 2 * margin) / 2
    centres = (margin + half / 2, page_width - margin - half / 2)
    columns = _layout_columns(block, _column_width(page_width, margin))
    heading_rows, name_rows = _vertical_extent(columns)
    ascent, descent = ascent_descent(FONT_REGULAR, _SIGN_FONT_SIZE)
    first_baseline = top_y - ascent
    name_baseline = first_baseline - (heading_rows - 1) * _SIGN_LEADING - _SIGN_SPACE

    canvas.saveState()
    for column, centre_x in zip(columns, centres, strict=True):
        if column.signer is None:
            continue
        canvas.setFont(FONT_REGULAR, _SIGN_FONT_SIZE)
        for row, line in enumerate(column.headings):
            canvas.drawCentredString(centre_x, first_baseline - row * _SIGN_LEADING, line)
        _draw_name(canvas, column, centre_x, name_baseline)
        identifier = column.signer.identifier_line()
        if identifier:
            identifier_baseline = name_baseline - len(column.name_lines) * _SIGN_LEADING
            canvas.setFont(FONT_REGULAR, _SIGN_FONT_SIZE)
            canvas.drawCentredString(centre_x, identifier_baseline, identifier)
    canvas.restoreState()
    return name_baseline - name_rows * _SIGN_LEADING + descent


# --- page numbers ---------------------------------------------------------------------------


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
    """A canvas that writes "Halaman x dari y" at the bottom centre of every page.

    The total is only known at the end, so each finished page is kept and the numbers are
    drawn when the document is saved. Use as ``doc.build(story, canvasmaker=NumberedCanvas)``
    or directly like a ``Canvas``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        register_fonts()
        # Start in DejaVu, not Helvetica, so no unembedded Latin-1-only font is referenced.
        if not kwargs.get("initialFontName"):
            kwargs["initialFontName"] = FONT_REGULAR
        super().__init__(*args, **kwargs)
        self._finished_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._finished_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        if self._code:  # a page drawn but not yet shown, as Canvas.save would add it
            self.showPage()
        total = len(self._finished_pages)
        for number, state in enumerate(self._finished_pages, start=1):
            self.__dict__.update(state)
            self._draw_page_number(number, total)
            super().showPage()
        super().save()

    def _draw_page_number(self, number: int, total: int) -> None:
        page_width = self._pagesize[0]
        self.saveState()
        self.setFont(FONT_REGULAR, 8)
        self.drawCentredString(page_width / 2, 10 * _MM, f"Halaman {number} dari {total}")
        self.restoreState()
