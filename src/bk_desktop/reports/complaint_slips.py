"""Kotak Saran's papers: the receipt slip, the sheet of blank slips, the notice-board list.

Three papers leave the BK room for people who may not want to be known, so each prints only
what its holder may know:

- **Tanda terima** (``ReceiptSlip``, ``render_receipt``): the top half of an A4 sheet with a
  cut line across the middle, so any school printer takes it and the slip is half a page. The
  kop, the type, the tracking code large, when and how it was received, the 3×24 h deadline,
  how to ask after it, and who received it. Never the entry's text; the sender's name only
  when the sender gave it (an anonymous sender's receipt names no one).
- **Lembar kotak saran** (``SlipSheet``, ``render_slip_sheet``): A4 pages of three blank
  slips between cut lines, each with its own pre-assigned code, a short form and a stub the
  writer tears off and keeps. Each slip names the school, so a slip cut apart is still
  complete; the sheet is public (no RAHASIA footer).
- **Tanggapan kotak saran** (``BoardPage``, ``render_board``): the public responses to
  anonymous entries by code, for the notice board, so nobody has to reveal themselves by
  asking in person. It holds no name and no entry text, only the response meant to be read.

Data in, PDF bytes out; nothing here writes a file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm as _reportlab_mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepInFrame, Paragraph, Spacer, Table, TableStyle

from bk_desktop.domain.complaints import ComplaintType
from bk_desktop.domain.dates import format_date, format_deadline, format_instant, format_long_date
from bk_desktop.reports.document import (
    CONTENT_WIDTH,
    fields,
    item_table,
    paragraph,
    pdf_template,
    render_document,
)
from bk_desktop.reports.fonts import (
    FONT_BOLD,
    FONT_MONO_BOLD,
    FONT_REGULAR,
    ascent_descent,
    draw_text,
    fit_text,
    markup,
    register_fonts,
    text_width,
)
from bk_desktop.reports.letterhead import (
    DEFAULT_MARGIN,
    Letterhead,
    LetterheadFlowable,
    NumberedCanvas,
)

__all__ = [
    "BOARD_KIND",
    "CHECK_CODE_SENTENCE",
    "RECEIPT_KIND",
    "SHEET_KIND",
    "SLIPS_PER_PAGE",
    "BoardEntry",
    "BoardPage",
    "ReceiptSlip",
    "SlipSheet",
    "render_board",
    "render_receipt",
    "render_slip_sheet",
]

_MM: float = _reportlab_mm
_PAGE_WIDTH: float = A4[0]
_PAGE_HEIGHT: float = A4[1]
_GREY = Color(0.35, 0.35, 0.35)
_LIGHT = Color(0.94, 0.94, 0.94)
_CUT_DASH = (4, 3)

RECEIPT_KIND = "Tanda Terima Kotak Saran"
SHEET_KIND = "Lembar Kotak Saran"
BOARD_KIND = "Tanggapan Kotak Saran"
"""The documents' kinds as their PDF metadata names them (the only title metadata holds)."""

CHECK_CODE_SENTENCE = (
    "Tunjukkan atau sebutkan kode ini kepada guru BK untuk menanyakan perkembangan; "
    "tanggapan untuk pengirim anonim ditempel di papan pengumuman BK menurut kode."
)
"""How whoever holds a code asks after it: on the receipt and on every slip's stub."""

SLIPS_PER_PAGE = 3


# -- the receipt ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptSlip:
    """What a receipt shows. ``sender_name`` is "" for an anonymous sender (and the receipt
    then names no one); ``deadline`` is None for apresiasi, which has no clock. ``promise`` is
    the standard's sentence on follow-up as the wall poster prints it. ``received_by`` is who
    registered the entry, ``received_by_role`` how they sign ("Guru BK")."""

    letterhead: Letterhead
    zone: ZoneInfo
    code: str
    kind: ComplaintType
    received_at: datetime
    channel: str
    deadline: datetime | None
    promise: str
    received_by: str
    received_by_role: str = "Guru BK"
    sender_name: str = ""


_RECEIPT_TOP = 12 * _MM
_RECEIPT_GAP = 6 * _MM  # between the slip's last line and the cut line
_HALF = _PAGE_HEIGHT / 2

_RECEIPT_TITLE = ParagraphStyle(
    "slip-title",
    fontName=FONT_BOLD,
    fontSize=13.5,
    leading=17,
    alignment=TA_CENTER,
    spaceBefore=3.5 * _MM,
    spaceAfter=2.5 * _MM,
)
_CODE_LABEL = ParagraphStyle(
    "slip-code-label",
    fontName=FONT_REGULAR,
    fontSize=9,
    leading=11,
    alignment=TA_CENTER,
    textColor=_GREY,
)
_CODE = ParagraphStyle(
    "slip-code", fontName=FONT_MONO_BOLD, fontSize=24, leading=29, alignment=TA_CENTER
)
_PROMISE = ParagraphStyle("slip-promise", fontName=FONT_BOLD, fontSize=10.5, leading=14.5)
_SMALL = ParagraphStyle("slip-small", fontName=FONT_REGULAR, fontSize=9.5, leading=12.5)
_SIGN = ParagraphStyle(
    "slip-sign", fontName=FONT_REGULAR, fontSize=10, leading=13, alignment=TA_CENTER
)
_SIGN_NAME = ParagraphStyle("slip-sign-name", parent=_SIGN, fontName=FONT_BOLD)


def _code_box(code: str) -> Flowable:
    """The tracking code large in a grey box, the one thing the holder must keep."""
    table = Table(
        [
            [Paragraph(markup("KODE PELACAKAN", FONT_REGULAR), _CODE_LABEL)],
            [Paragraph(markup(code, FONT_MONO_BOLD), _CODE)],
        ],
        colWidths=[110 * _MM],
        hAlign="CENTER",
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), _LIGHT),
                ("BOX", (0, 0), (-1, -1), 1.0, _GREY),
                ("TOPPADDING", (0, 0), (-1, 0), 4),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
                ("TOPPADDING", (0, 1), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
            ]
        )
    )
    return table


def _small_signature(name: str, role: str) -> Flowable:
    """One small column on the right: who received it, a little room to sign, the role."""
    table = Table(
        [
            [Paragraph("Diterima oleh,", _SIGN)],
            [""],
            [Paragraph(markup(name.strip() or "……………………", FONT_BOLD), _SIGN_NAME)],
            [Paragraph(markup(role), _SIGN)],
        ],
        colWidths=[70 * _MM],
        rowHeights=[None, 11 * _MM, None, None],
        hAlign="RIGHT",
    )
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _receipt_story(slip: ReceiptSlip) -> list[Flowable]:
    rows = [
        ("Diterima pada", format_instant(slip.received_at, slip.zone)),
        ("Melalui", slip.channel),
    ]
    if slip.sender_name.strip():
        rows.append(("Pengirim", slip.sender_name.strip()))
    if slip.deadline is not None:
        outcome = f"Akan ditindaklanjuti paling lambat {format_deadline(slip.deadline, slip.zone)}."
    else:
        outcome = "Terima kasih atas apresiasi Anda. Apresiasi ini dicatat dan disampaikan."
    story: list[Flowable] = [
        LetterheadFlowable(slip.letterhead),
        Paragraph(markup(f"TANDA TERIMA {slip.kind.label.upper()}", FONT_BOLD), _RECEIPT_TITLE),
        _code_box(slip.code),
        Spacer(1, 3 * _MM),
        fields(rows, label_width=32 * _MM),
        Spacer(1, 1.5 * _MM),
        Paragraph(markup(outcome, FONT_BOLD), _PROMISE),
    ]
    if slip.promise.strip():
        story.append(Paragraph(markup(slip.promise.strip()), _SMALL))
    story += [
        Spacer(1, 1 * _MM),
        Paragraph(markup(CHECK_CODE_SENTENCE), _SMALL),
        Spacer(1, 2 * _MM),
        _small_signature(slip.received_by, slip.received_by_role),
    ]
    return story


def _draw_cut_line(canvas: Canvas, y: float, x_start: float, x_end: float) -> None:
    """A dashed line with scissors at its start: where to cut."""
    canvas.saveState()
    canvas.setStrokeColor(_GREY)
    canvas.setFillColor(_GREY)
    canvas.setLineWidth(0.6)
    canvas.setDash(*_CUT_DASH)
    canvas.line(x_start + 5 * _MM, y, x_end, y)
    canvas.setDash()
    draw_text(canvas, x_start, y - 3.5, "✂", font=FONT_REGULAR, size=11)
    canvas.restoreState()


def _receipt_page(canvas: Canvas, _document: Any) -> None:
    _draw_cut_line(canvas, _HALF, 8 * _MM, _PAGE_WIDTH - 8 * _MM)


def render_receipt(slip: ReceiptSlip) -> bytes:
    """The receipt as PDF bytes: one A4 page whose top half is the slip, a cut line across
    the middle. Whatever the kop and names make of it, it stays within that half (shrunk
    rather than spilled), because a receipt is one slip."""
    register_fonts()
    buffer = io.BytesIO()
    bottom = _HALF + _RECEIPT_GAP
    height = _PAGE_HEIGHT - _RECEIPT_TOP - bottom
    frame = Frame(
        DEFAULT_MARGIN,
        bottom,
        CONTENT_WIDTH,
        height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="tanda-terima",
    )
    template = pdf_template(buffer, frame, RECEIPT_KIND)
    template.pageTemplates[0].onPage = _receipt_page
    template.build([KeepInFrame(CONTENT_WIDTH, height, _receipt_story(slip), mode="shrink")])
    return buffer.getvalue()


# -- the sheet of blank slips --------------------------------------------------------------


@dataclass(frozen=True)
class SlipSheet:
    """Blank slips for the physical box, one per code (codes already reserved, in order).
    ``school_name`` goes on every slip; ``promise`` is the standard's follow-up sentence."""

    school_name: str
    codes: tuple[str, ...]
    promise: str


_SHEET_SIDE = 10 * _MM
_SHEET_TOP = 10 * _MM
_SHEET_BOTTOM = 18 * _MM  # above the footer note (14 mm) and the page number (10 mm)
_SHEET_WIDTH = _PAGE_WIDTH - 2 * _SHEET_SIDE
_SLIP_HEIGHT = (_PAGE_HEIGHT - _SHEET_TOP - _SHEET_BOTTOM) / SLIPS_PER_PAGE
_STUB_WIDTH = 52 * _MM
_PAD = 4 * _MM
_WRITING_LINE = 7 * _MM

_KINDS_ON_SLIP = (
    ComplaintType.PENGADUAN,
    ComplaintType.SARAN,
    ComplaintType.MASUKAN,
    ComplaintType.APRESIASI,
)


class _SheetCanvas(NumberedCanvas):
    """Page numbers and how to cut, at the foot of every sheet; no RAHASIA (it is blank)."""

    footer_note = "Gunting menurut garis putus-putus. Setiap lembar dan potongannya berkode sama."


def _lines_in(
    canvas: Canvas,
    text: str,
    x: float,
    top: float,
    width: float,
    *,
    font: str,
    size: float,
    min_size: float | None = None,
    anchor: str = "left",
) -> float:
    """Draw ``text`` shrunk then wrapped to ``width`` from ``top`` down; return y below it."""
    lines, fitted = fit_text(text, font, size, min_size or size, width)
    ascent, _descent = ascent_descent(font, fitted)
    leading = fitted * 1.25
    for index, line in enumerate(lines):
        baseline = top - ascent - index * leading
        if anchor == "centre":
            draw_text(
                canvas, x + width / 2, baseline, line, font=font, size=fitted, anchor="centre"
            )
        else:
            draw_text(canvas, x, baseline, line, font=font, size=fitted)
    return top - len(lines) * leading


def _stub_height(sheet: SlipSheet, code: str, width: float, size: float) -> float:
    """How tall the stub's text runs at ``size`` (to pick the largest that fits)."""
    leading = size * 1.25
    rows = len(fit_text(CHECK_CODE_SENTENCE, FONT_REGULAR, size, size, width)[0])
    rows += len(fit_text(sheet.promise, FONT_REGULAR, size, size, width)[0])
    rows += len(fit_text(sheet.school_name, FONT_REGULAR, size, size, width)[0])
    return rows * leading + 24 * _MM  # the heading, the code and the gaps between


class _BlankSlip(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """One slip: the form on the left, the stub on the right behind a tear line, and a cut
    line along its foot. A fixed height, so a page holds exactly ``SLIPS_PER_PAGE``."""

    def __init__(self, sheet: SlipSheet, code: str) -> None:
        super().__init__()
        self.sheet = sheet
        self.code = code
        self.width = _SHEET_WIDTH
        self.height = _SLIP_HEIGHT

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        main_width = self.width - _STUB_WIDTH
        self._draw_form(canvas, main_width)
        self._draw_stub(canvas, main_width)
        # the tear line between form and stub, with scissors pointing down it
        canvas.saveState()
        canvas.setStrokeColor(_GREY)
        canvas.setLineWidth(0.6)
        canvas.setDash(*_CUT_DASH)
        canvas.line(main_width, 3 * _MM, main_width, self.height - 9 * _MM)
        canvas.setDash()
        canvas.setFillColor(_GREY)
        canvas.translate(main_width + 3.8, self.height - 3 * _MM)
        canvas.rotate(-90)
        draw_text(canvas, 0, 0, "✂", font=FONT_REGULAR, size=11)
        canvas.restoreState()
        _draw_cut_line(canvas, 0, -4 * _MM, self.width + 4 * _MM)

    def _draw_form(self, canvas: Canvas, width: float) -> None:
        left, right = _PAD, width - _PAD
        top = self.height - _PAD
        # heading and code on one line, the school under them
        code_size = 11.0
        code_width = text_width(self.code, FONT_MONO_BOLD, code_size)
        ascent, _ = ascent_descent(FONT_BOLD, 11)
        draw_text(
            canvas,
            right,
            top - ascent,
            self.code,
            font=FONT_MONO_BOLD,
            size=code_size,
            anchor="right",
        )
        draw_text(
            canvas,
            right - code_width - 1.5 * _MM,
            top - ascent,
            "Kode:",
            font=FONT_REGULAR,
            size=9,
            anchor="right",
        )
        draw_text(canvas, left, top - ascent, "KOTAK SARAN BK", font=FONT_BOLD, size=11)
        y = top - 11 * 1.35
        y = _lines_in(
            canvas,
            self.sheet.school_name,
            left,
            y,
            right - left,
            font=FONT_REGULAR,
            size=9,
            min_size=7,
        )
        # jenis: four boxes to tick
        y -= 3 * _MM
        size = 9.5
        ascent, _ = ascent_descent(FONT_REGULAR, size)
        baseline = y - ascent
        x = left + draw_text(canvas, left, baseline, "Jenis:", font=FONT_BOLD, size=size)
        box = 3.4 * _MM
        canvas.saveState()
        canvas.setLineWidth(0.8)
        for kind in _KINDS_ON_SLIP:
            x += 4 * _MM
            canvas.rect(x, baseline - 0.6, box, box, stroke=1, fill=0)
            x += box + 1.5 * _MM
            x += draw_text(canvas, x, baseline, kind.label, font=FONT_REGULAR, size=size)
        canvas.restoreState()
        # isi: ruled lines down to the name and contact lines
        y = baseline - 4 * _MM
        ascent, _ = ascent_descent(FONT_BOLD, size)
        draw_text(canvas, left, y - ascent, "Isi:", font=FONT_BOLD, size=size)
        foot = 3 * _MM  # the instruction line's baseline
        contact = foot + 6 * _MM
        name = contact + _WRITING_LINE
        line_y = y - ascent - 1.5
        canvas.saveState()
        canvas.setStrokeColor(Color(0.6, 0.6, 0.6))
        canvas.setLineWidth(0.4)
        first = True
        while line_y >= name + 0.6 * _WRITING_LINE or first:
            start = left + (text_width("Isi:", FONT_BOLD, size) + 2 * _MM if first else 0)
            canvas.line(start, line_y, right, line_y)
            line_y -= _WRITING_LINE
            first = False
        canvas.restoreState()
        for label, baseline in (
            ("Nama (boleh dikosongkan):", name),
            ("Kontak (boleh dikosongkan):", contact),
        ):
            drawn = draw_text(canvas, left, baseline, label, font=FONT_REGULAR, size=size)
            canvas.saveState()
            canvas.setLineWidth(0.4)
            canvas.line(left + drawn + 2 * _MM, baseline - 1.5, right, baseline - 1.5)
            canvas.restoreState()
        canvas.saveState()
        canvas.setFillColor(_GREY)
        note = "Lipat dan masukkan ke kotak saran BK. Potongan di kanan Anda simpan."
        lines, fitted = fit_text(note, FONT_REGULAR, 7.5, 6, right - left)
        draw_text(canvas, left, foot - 1.5 * _MM, lines[0], font=FONT_REGULAR, size=fitted)
        canvas.restoreState()

    def _draw_stub(self, canvas: Canvas, main_width: float) -> None:
        left = main_width + _PAD
        width = _STUB_WIDTH - 2 * _PAD + 2 * _MM  # the stub runs to the sheet's edge
        top = self.height - _PAD
        room = self.height - 2 * _PAD
        size = 8.5
        while size > 5.5 and _stub_height(self.sheet, self.code, width, size) > room:
            size -= 0.5
        y = _lines_in(
            canvas, "SIMPAN BAGIAN INI", left, top, width, font=FONT_BOLD, size=8.5, anchor="centre"
        )
        y -= 2 * _MM
        y = _lines_in(
            canvas, "Kode Anda:", left, y, width, font=FONT_REGULAR, size=8, anchor="centre"
        )
        y -= 1 * _MM
        y = _lines_in(
            canvas,
            self.code,
            left,
            y,
            width,
            font=FONT_MONO_BOLD,
            size=12,
            min_size=7,
            anchor="centre",
        )
        y -= 3 * _MM
        y = _lines_in(canvas, CHECK_CODE_SENTENCE, left, y, width, font=FONT_REGULAR, size=size)
        y -= 2 * _MM
        if self.sheet.promise.strip():
            _lines_in(
                canvas, self.sheet.promise.strip(), left, y, width, font=FONT_REGULAR, size=size
            )
        lines, fitted = fit_text(self.sheet.school_name, FONT_REGULAR, size, size, width)
        canvas.saveState()
        canvas.setFillColor(_GREY)
        _lines_in(
            canvas,
            self.sheet.school_name,
            left,
            _PAD + len(lines) * fitted * 1.25,
            width,
            font=FONT_REGULAR,
            size=size,
            anchor="centre",
        )
        canvas.restoreState()


def render_slip_sheet(sheet: SlipSheet) -> bytes:
    """The blank slips as PDF bytes: ``SLIPS_PER_PAGE`` to an A4 page, in the codes' order."""
    if not sheet.codes:
        raise ValueError("a sheet of slips needs at least one code")
    register_fonts()
    buffer = io.BytesIO()
    frame = Frame(
        _SHEET_SIDE,
        _SHEET_BOTTOM,
        _SHEET_WIDTH,
        _PAGE_HEIGHT - _SHEET_TOP - _SHEET_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="lembar",
    )
    template = pdf_template(buffer, frame, SHEET_KIND)
    template.build([_BlankSlip(sheet, code) for code in sheet.codes], canvasmaker=_SheetCanvas)
    return buffer.getvalue()


# -- the notice board ----------------------------------------------------------------------


@dataclass(frozen=True)
class BoardEntry:
    """One public response, by code: nothing that names or quotes the sender."""

    code: str
    kind: str
    received_on: date
    status: str
    response: str


@dataclass(frozen=True)
class BoardPage:
    letterhead: Letterhead
    printed_on: date
    entries: tuple[BoardEntry, ...]


BOARD_INTRO = (
    "Tanggapan guru BK atas pengaduan, saran, masukan, dan apresiasi yang disampaikan tanpa "
    "nama. Carilah kode yang tertera pada tanda terima atau potongan lembar kotak saran Anda. "
    "Nama pengirim dan isi yang disampaikan tidak pernah dicantumkan di sini."
)
BOARD_EMPTY = (
    "Saat ini belum ada tanggapan untuk pengirim anonim yang dapat dipasang. "
    "Tanggapan baru akan dipasang di papan pengumuman BK menurut kodenya."
)

_BOARD_WIDTHS = (0.23, 0.135, 0.17, 0.165, 0.30)


def render_board(page: BoardPage) -> bytes:
    """The notice-board list as PDF bytes: kop, title, the date printed, one row per code
    (the response wraps and the table runs across pages with its header repeated), or one
    clear sentence when there is nothing to pin up. Public: page numbers, no RAHASIA line."""
    story: list[Flowable] = [paragraph(BOARD_INTRO), Spacer(1, 2 * _MM)]
    if page.entries:
        table = item_table(
            ("Kode", "Jenis", "Diterima", "Status", "Tanggapan"),
            [
                (e.code, e.kind, format_date(e.received_on), e.status, e.response)
                for e in page.entries
            ],
            _BOARD_WIDTHS,
        )
        # A response may run longer than a page. Split by whole rows first (reportlab's
        # default), a tall row moves below a second header on the same page; splitting
        # inside rows first fills each page and repeats the header only on the next one.
        table.splitByRow = 0
        story.append(table)
    else:
        story.append(paragraph(BOARD_EMPTY))
    return render_document(
        page.letterhead,
        BOARD_KIND,
        story,
        subtitle=f"Dicetak {format_long_date(page.printed_on)}",
        public=True,
    )
