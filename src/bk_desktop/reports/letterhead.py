"""The parts every school document shares: kop surat, signature block, "Halaman x dari y".

The kop follows the shape Permendagri 1/2023 gives for naskah dinas and that schools copy:
logo(s), government line, agency line (bold), school name (bold, largest, capitals), an
address/phone/email/website line, then a thick and a thin rule. Every line comes from the
school's settings; private schools put their yayasan in the upper lines.

Text is never clipped: a line too long for the space first gets a smaller font, then wraps.
A broken logo file must not stop a counsellor from printing, so it is left out instead.

Each part is drawn straight onto a canvas (``draw_letterhead``, ``draw_signature_block``,
for one-page forms such as the Kartu Pemulihan) or placed in a platypus story as a flowable
(``LetterheadFlowable``, ``SignatureFlowable``) by ``reports.document``; both ways share one
layout, so their heights agree with what is drawn. Every string goes through
``fonts.draw_text``, so a name DejaVu cannot show (王小明) falls back per character.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from PIL import Image
from reportlab import rl_config
from reportlab.lib.units import mm as _reportlab_mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from bk_desktop.domain.dates import format_date
from bk_desktop.domain.identifiers_nip import format_nip
from bk_desktop.reports.fonts import (
    FONT_BOLD,
    FONT_REGULAR,
    ascent_descent,
    draw_text,
    fit_text,
    register_fonts,
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
    bytes as stored inside the vault (the program's own PNG of the chosen picture); a logo is
    never read from a loose file.
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


# reportlab wraps image data in ASCII85 text by default (a relic of 7-bit mail), and without
# its optional C accelerator that encoding runs in pure Python: it cost more than the rest of
# the kop. Binary image streams are what every PDF reader expects. This is reportlab's own
# setting (also read from RL_useA85), set once where the only images are drawn.
rl_config.useA85 = 0

_LOGO_PIXELS = 300
"""The longer side a logo is reduced to: 22 mm at about 350 dpi, finer than school printers."""


def _load_logo(data: bytes | None) -> ImageReader | None:
    """The decoded image, or None when there is none or it cannot be read."""
    if not data:
        return None
    return _prepared_logo(data)


@lru_cache(maxsize=8)
def _prepared_logo(data: bytes) -> ImageReader | None:
    """The logo as it is printed: at most 300 px, transparency laid on white paper.

    The image is decoded here, not when the page is saved, so that a truncated file is
    noticed while it can still be skipped instead of failing the whole document. A school's
    logo is often a scan of thousands of pixels; reportlab would compress and encode every
    one of them into every PDF, so it is reduced to what paper shows first, once per logo
    (the same two logos head every document a school prints).
    """
    try:
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image = opened.convert("RGBA")
        image.thumbnail((_LOGO_PIXELS, _LOGO_PIXELS))
        paper = Image.new("RGB", image.size, (255, 255, 255))
        paper.paste(image, mask=image.getchannel("A"))
    except Exception:  # Pillow raises several unrelated types for bad files; any means "skip"
        _log.warning("Logo kop surat dilewati karena tidak dapat dibaca (%d bita)", len(data))
        return None
    return ImageReader(paper)


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
    )


@dataclass(frozen=True)
class _KopLayout:
    """The kop's lines (wrapped, sized), its decoded logos and its heights."""

    blocks: list[tuple[list[str], str, float]]
    left_logo: ImageReader | None
    right_logo: ImageReader | None
    text_height: float
    block_height: float

    @property
    def height(self) -> float:
        """From the top of the kop to just below the thin rule."""
        return self.block_height + _RULE_GAP + _THICK_RULE + _BETWEEN_RULES + _THIN_RULE


_KOP_LEADING = 1.25


def _layout_letterhead(letterhead: Letterhead, page_width: float, margin: float) -> _KopLayout:
    """Wrap and size every line; when there is any logo, the same space is kept free on both
    sides so the text stays centred on the page, as on printed kop paper."""
    register_fonts()
    left_logo = _load_logo(letterhead.left_logo)
    right_logo = _load_logo(letterhead.right_logo)
    reserve = _LOGO_BOX + _LOGO_GAP if (left_logo or right_logo) else 0.0
    available = page_width - 2 * margin - 2 * reserve
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
    text_height = sum(len(lines) * size * _KOP_LEADING for lines, _, size in blocks)
    logo_height = _LOGO_BOX if reserve else 0.0
    return _KopLayout(blocks, left_logo, right_logo, text_height, max(text_height, logo_height))


def _draw_kop(
    canvas: Canvas, kop: _KopLayout, page_width: float, top_y: float, margin: float
) -> float:
    centre_x = page_width / 2
    canvas.saveState()  # callers keep their own font and line settings
    y = top_y - (kop.block_height - kop.text_height) / 2
    for lines, font, size in kop.blocks:
        ascent, _descent = ascent_descent(font, size)
        for line in lines:
            line_height = size * _KOP_LEADING
            # Centre the glyphs vertically inside their line box.
            baseline = y - (line_height - size) / 2 - ascent
            draw_text(canvas, centre_x, baseline, line, font=font, size=size, anchor="centre")
            y -= line_height

    centre_y = top_y - kop.block_height / 2
    if kop.left_logo is not None:
        _draw_logo(canvas, kop.left_logo, margin, centre_y)
    if kop.right_logo is not None:
        _draw_logo(canvas, kop.right_logo, page_width - margin - _LOGO_BOX, centre_y)

    y = top_y - kop.block_height - _RULE_GAP
    canvas.setLineWidth(_THICK_RULE)
    canvas.line(margin, y - _THICK_RULE / 2, page_width - margin, y - _THICK_RULE / 2)
    y -= _THICK_RULE + _BETWEEN_RULES
    canvas.setLineWidth(_THIN_RULE)
    canvas.line(margin, y - _THIN_RULE / 2, page_width - margin, y - _THIN_RULE / 2)
    canvas.restoreState()
    return y - _THIN_RULE


def draw_letterhead(
    canvas: Canvas,
    letterhead: Letterhead,
    page_width: float,
    top_y: float,
    *,
    margin: float = DEFAULT_MARGIN,
) -> float:
    """Draw the kop surat with its top at ``top_y``; return the y just below the thin rule."""
    kop = _layout_letterhead(letterhead, page_width, margin)
    return _draw_kop(canvas, kop, page_width, top_y, margin)


def letterhead_height(
    letterhead: Letterhead, page_width: float, *, margin: float = DEFAULT_MARGIN
) -> float:
    """The height ``draw_letterhead`` will use, so a one-page form can plan around it."""
    return _layout_letterhead(letterhead, page_width, margin).height


class LetterheadFlowable(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """The kop as the first flowable of a story, spanning the frame's width.

    The frame's width stands for the page less its margins, so the kop is centred exactly as
    ``draw_letterhead`` centres it on a page with the same margins.
    """

    def __init__(self, letterhead: Letterhead) -> None:
        super().__init__()
        self.letterhead = letterhead
        self._kop: _KopLayout | None = None
        self._kop_width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._kop is None or self._kop_width != available_width:
            self._kop = _layout_letterhead(self.letterhead, available_width, 0.0)
            self._kop_width = available_width
        self.width, self.height = available_width, self._kop.height
        return self.width, self.height

    def draw(self) -> None:
        kop = self._kop or _layout_letterhead(self.letterhead, self._kop_width, 0.0)
        _draw_kop(self.canv, kop, self._kop_width, kop.height, 0.0)


# --- signature block ------------------------------------------------------------------------

_SIGN_FONT_SIZE = 11.0
_SIGN_LEADING = _SIGN_FONT_SIZE * 1.35
_SIGN_SPACE = 24 * _MM  # room for a handwritten signature and the school stamp
_SIGN_MIN_NAME_SIZE = 9.5

HAND_WRITTEN = "……………………"
"""Printed where a number is missing, to be written in by hand: "NIP. ……………………"."""

_NAME_BY_HAND = "……………………………………"
"""Printed where a signer's name is missing, to be written in by hand above the signature."""


@dataclass(frozen=True)
class Signatory:
    """A person who signs: a name and the first identifier they have of NIP, NUPTK, NIY.

    Civil servants sign with NIP; teachers without one sign with NUPTK, or with their
    foundation's NIY at private schools. With none of them, "NIP. ……………………" is printed so
    the number can be written in by hand, as schools do on their own forms.
    """

    name: str
    nip: str = ""
    nuptk: str = ""
    niy: str = ""

    def identifier_line(self) -> str:
        """The line under the name: "NIP. 19750101 200003 1 001", "NUPTK. …", "NIY. …", or
        "NIP. ……………………" to be filled in by hand."""
        if self.nip.strip():
            return f"NIP. {format_nip(self.nip.strip())}"
        if self.nuptk.strip():
            return f"NUPTK. {self.nuptk.strip()}"
        if self.niy.strip():
            return f"NIY. {self.niy.strip()}"
        return f"NIP. {HAND_WRITTEN}"


@dataclass(frozen=True)
class SignatureBlock:
    """The closing of a school document: the counsellor signs on the right; on the left the
    principal acknowledges ("Mengetahui,") or, on the student's own action plan, the student
    signs ("Siswa,").

    ``principal`` and ``student`` are both None for documents the counsellor signs alone; the
    left column is then empty and the counsellor stays on the right, where readers look for
    the signature. A principal with an empty name gets a dotted line to write the name on.
    ``student`` is the name as the document shows it (initials or full); a student signs
    without a number.
    """

    city: str
    signed_on: date
    school_name: str
    counsellor: Signatory
    principal: Signatory | None = None
    student: str | None = None

    def __post_init__(self) -> None:
        if self.principal is not None and self.student is not None:
            raise ValueError("a signature block has a principal or a student on the left")


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
    name_lines: list[str]
    name_size: float
    name_by_hand: bool  # dotted, not underlined
    identifier: str  # "" for a student


def _name_lines(name: str, column_width: float) -> tuple[list[str], float]:
    """Names with several academic titles are common; a name first shrinks a little, and if
    that is not enough it wraps at full size, so it stays readable and is never clipped."""
    lines, size = fit_text(name, FONT_BOLD, _SIGN_FONT_SIZE, _SIGN_MIN_NAME_SIZE, column_width)
    if len(lines) > 1:  # wrapping anyway: keep the full size
        lines, size = fit_text(name, FONT_BOLD, _SIGN_FONT_SIZE, _SIGN_FONT_SIZE, column_width)
    return lines, size


def _column(headings: list[str], name: str, identifier: str, width: float) -> _SignatureColumn:
    lines, size = _name_lines(name, width)
    if not lines:
        return _SignatureColumn(headings, [_NAME_BY_HAND], _SIGN_FONT_SIZE, True, identifier)
    return _SignatureColumn(headings, lines, size, False, identifier)


def _layout_columns(
    block: SignatureBlock, column_width: float
) -> tuple[_SignatureColumn | None, _SignatureColumn]:
    """The left column (principal, student or none) and the counsellor's on the right."""
    school = block.school_name.strip() or "Sekolah"
    city = block.city.strip() or HAND_WRITTEN
    right = _column(
        _column_lines(
            [f"{city}, {format_date(block.signed_on)}", "Guru Bimbingan dan Konseling,"],
            column_width,
        ),
        block.counsellor.name,
        block.counsellor.identifier_line(),
        column_width,
    )
    left: _SignatureColumn | None = None
    if block.principal is not None:
        headings = _column_lines(["Mengetahui,", f"Kepala {school},"], column_width)
        left = _column(
            headings, block.principal.name, block.principal.identifier_line(), column_width
        )
    elif block.student is not None:
        # "Siswa," stands level with "Guru Bimbingan dan Konseling,", under the date line.
        headings = [""] * (len(right.headings) - 1) + ["Siswa,"]
        left = _column(headings, block.student, "", column_width)
    return left, right


def _vertical_extent(columns: Sequence[_SignatureColumn]) -> tuple[int, int]:
    """Rows of headings and rows of name shared by both columns, so their lines align."""
    heading_rows = max(len(column.headings) for column in columns)
    name_rows = max(len(column.name_lines) for column in columns)
    return heading_rows, name_rows


def _present(left: _SignatureColumn | None, right: _SignatureColumn) -> list[_SignatureColumn]:
    return [right] if left is None else [left, right]


def signature_block_height(
    block: SignatureBlock, page_width: float, *, margin: float = DEFAULT_MARGIN
) -> float:
    """The height ``draw_signature_block`` will use, so a caller can start a new page first."""
    register_fonts()
    columns = _present(*_layout_columns(block, _column_width(page_width, margin)))
    heading_rows, name_rows = _vertical_extent(columns)
    ascent, descent = ascent_descent(FONT_REGULAR, _SIGN_FONT_SIZE)
    # headings, the signing space, the name, then the identifier line under it
    return ascent + (heading_rows - 1 + name_rows) * _SIGN_LEADING + _SIGN_SPACE - descent


def _draw_name(
    canvas: Canvas, column: _SignatureColumn, centre_x: float, first_baseline: float
) -> None:
    """The signer's name, bold and underlined, line by line; a missing name is a dotted line."""
    canvas.saveState()
    canvas.setLineWidth(0.6)
    font = FONT_REGULAR if column.name_by_hand else FONT_BOLD
    for index, line in enumerate(column.name_lines):
        baseline = first_baseline - index * _SIGN_LEADING
        width = draw_text(
            canvas, centre_x, baseline, line, font=font, size=column.name_size, anchor="centre"
        )
        if not column.name_by_hand:
            underline_y = baseline - column.name_size * 0.15
            canvas.line(centre_x - width / 2, underline_y, centre_x + width / 2, underline_y)
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
    left, right = _layout_columns(block, _column_width(page_width, margin))
    heading_rows, name_rows = _vertical_extent(_present(left, right))
    ascent, descent = ascent_descent(FONT_REGULAR, _SIGN_FONT_SIZE)
    first_baseline = top_y - ascent
    name_baseline = first_baseline - (heading_rows - 1) * _SIGN_LEADING - _SIGN_SPACE

    canvas.saveState()
    for column, centre_x in ((left, margin + half / 2), (right, page_width - margin - half / 2)):
        if column is None:
            continue
        for row, line in enumerate(column.headings):
            baseline = first_baseline - row * _SIGN_LEADING
            draw_text(
                canvas,
                centre_x,
                baseline,
                line,
                font=FONT_REGULAR,
                size=_SIGN_FONT_SIZE,
                anchor="centre",
            )
        _draw_name(canvas, column, centre_x, name_baseline)
        if column.identifier:
            identifier_baseline = name_baseline - len(column.name_lines) * _SIGN_LEADING
            draw_text(
                canvas,
                centre_x,
                identifier_baseline,
                column.identifier,
                font=FONT_REGULAR,
                size=_SIGN_FONT_SIZE,
                anchor="centre",
            )
    canvas.restoreState()
    return name_baseline - name_rows * _SIGN_LEADING + descent


class SignatureFlowable(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """The signature block in a story: one flowable that never splits, so both columns,
    the signing space and the names always stand together on one page."""

    def __init__(self, block: SignatureBlock) -> None:
        super().__init__()
        self.block = block

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = signature_block_height(self.block, available_width, margin=0.0)
        return self.width, self.height

    def draw(self) -> None:
        draw_signature_block(self.canv, self.block, self.width, self.height, margin=0.0)


# --- page numbers ---------------------------------------------------------------------------


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
    """A canvas that writes "Halaman x dari y" at the bottom centre of every page.

    The total is only known at the end, so each finished page is kept and the numbers are
    drawn when the document is saved. Use as ``doc.build(story, canvasmaker=NumberedCanvas)``
    or directly like a ``Canvas``. A subclass may set ``footer_note``: a line printed above
    the page number on every page.
    """

    footer_note: str = ""

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
        self.setFillGray(0.3)
        if self.footer_note:
            draw_text(
                self,
                page_width / 2,
                14 * _MM,
                self.footer_note,
                font=FONT_REGULAR,
                size=8,
                anchor="centre",
            )
        draw_text(
            self,
            page_width / 2,
            10 * _MM,
            f"Halaman {number} dari {total}",
            font=FONT_REGULAR,
            size=8,
            anchor="centre",
        )
        self.restoreState()
