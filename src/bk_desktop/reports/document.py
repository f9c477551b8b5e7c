"""The frame every printed BK document shares, and the building blocks documents are made of.

A document is the kop surat on its first page, a bold centred title (and an optional
subtitle), then a story of the blocks below; every page ends with the footer
"RAHASIA — hanya untuk kepentingan layanan BK" and "Halaman x dari y". ``render_document``
returns the PDF as bytes: nothing here writes a file, so a service can preview, print or
encrypt it in memory.

The blocks are chosen so that nothing a counsellor types can break a page:

- ``section``: a heading that stays with what follows it (never alone at a page's foot);
- ``fields``: label/value rows whose values wrap; an empty value prints "(tidak dicatat)";
- ``free_text``: typed text that keeps its line breaks and flows across pages (a 6,000
  character note is several pages, never a LayoutError);
- ``item_table``: a table whose header row repeats on every page and whose cells wrap; a
  single row taller than a page is split inside the row;
- ``signature``: the signature block, one flowable that is never split.

Every value goes through ``fonts.markup``, so "A & B" is text, not markup, and a name such
as 王小明 prints in the fallback font. PDF metadata carries only the document's kind and
"bk-desktop": file listings and desktop search read metadata, so a student's name or a note
never goes there.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm as _reportlab_mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from bk_desktop.reports.fonts import (
    FONT_BOLD,
    FONT_REGULAR,
    font_runs,
    markup,
    register_fonts,
    text_width,
)
from bk_desktop.reports.letterhead import (
    DEFAULT_MARGIN,
    Letterhead,
    LetterheadFlowable,
    NumberedCanvas,
    SignatureBlock,
    SignatureFlowable,
)

_MM: float = _reportlab_mm
PAGE_WIDTH: float = A4[0]
PAGE_HEIGHT: float = A4[1]
CONTENT_WIDTH: float = PAGE_WIDTH - 2 * DEFAULT_MARGIN
"""The width a story's flowables get: A4 less the kop's margins."""

_TOP_MARGIN = 15 * _MM
_BOTTOM_MARGIN = 22 * _MM  # above the footer note (14 mm) and the page number (10 mm)

FOOTER = "RAHASIA — hanya untuk kepentingan layanan BK"
NOT_RECORDED = "(tidak dicatat)"
"""What a part the user chose to print shows when nothing was recorded in it."""

CREATOR = "bk-desktop"

_GRID = Color(0.55, 0.55, 0.55)
_HEADER_FILL = Color(0.91, 0.91, 0.91)

_BODY = ParagraphStyle("bk-body", fontName=FONT_REGULAR, fontSize=10.5, leading=14.5, spaceAfter=4)
_TITLE = ParagraphStyle(
    "bk-title",
    fontName=FONT_BOLD,
    fontSize=13.5,
    leading=17,
    alignment=TA_CENTER,
    spaceBefore=5 * _MM,
    spaceAfter=2.5 * _MM,
)
_SUBTITLE = ParagraphStyle(
    "bk-subtitle", parent=_BODY, alignment=TA_CENTER, spaceBefore=-1 * _MM, spaceAfter=2 * _MM
)
_HEADING = ParagraphStyle(
    "bk-heading",
    fontName=FONT_BOLD,
    fontSize=11,
    leading=14,
    spaceBefore=4.5 * _MM,
    spaceAfter=1.5 * _MM,
    keepWithNext=1,
)
_LABEL = ParagraphStyle("bk-label", fontName=FONT_REGULAR, fontSize=10.5, leading=14)
_VALUE = ParagraphStyle("bk-value", parent=_LABEL)
_CELL = ParagraphStyle("bk-cell", fontName=FONT_REGULAR, fontSize=9.5, leading=12)
_CELL_HEAD = ParagraphStyle("bk-cell-head", parent=_CELL, fontName=FONT_BOLD)

_FIELDS_STYLE = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),  # not Table's Helvetica
        ("FONTSIZE", (0, 0), (-1, -1), _LABEL.fontSize),
        ("LEADING", (0, 0), (-1, -1), _LABEL.leading),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
)
"""Label/value rows without lines: "Nama siswa : A.R." (``fields``, ``paired_fields``)."""

_BLANK_LINES = re.compile(r"\n[ \t]*\n")


class _DocumentCanvas(NumberedCanvas):
    """Every page of a document says it is confidential, above "Halaman x dari y"."""

    footer_note = FOOTER


def _text(text: str, font: str = FONT_REGULAR) -> str:
    """Markup for ``text`` with its line breaks kept."""
    return "<br/>".join(markup(line, font) for line in text.split("\n"))


def _cell(text: str, style: ParagraphStyle, width: float) -> Any:
    """A table cell: the plain string when it fits on one line in the style's own font (a
    Table draws strings without line breaking, several times cheaper than a Paragraph), else a
    Paragraph that wraps. Text needing the fallback font is always a Paragraph."""
    runs = font_runs(text, style.fontName)
    if (
        "\n" not in text
        and all(run_font == style.fontName for run_font, _piece in runs)
        and text_width(text, style.fontName, style.fontSize) <= width
    ):
        return text
    return Paragraph(_text(text, style.fontName), style)


def paragraph(text: str) -> Flowable:
    """A paragraph of plain running text (an introduction, a sentence of explanation)."""
    return Paragraph(_text(text), _BODY)


def section(title: str) -> Flowable:
    """A section heading, kept on the page of the first line that follows it."""
    return Paragraph(_text(title, FONT_BOLD), _HEADING)


def fields(rows: Sequence[tuple[str, str]], *, label_width: float = 42 * _MM) -> Flowable:
    """Label/value rows ("Nama siswa : A.R."); long values wrap within their column and the
    rows may run on to the next page. An empty value prints "(tidak dicatat)"."""
    # Labels are the program's own short words, set as plain cells (a Paragraph per label
    # and colon costs a third of a summary's rendering); only values wrap.
    colon = 4 * _MM
    value_width = CONTENT_WIDTH - label_width - colon - 2  # less the right padding
    data = [
        [label, ":", _cell(value.strip() or NOT_RECORDED, _VALUE, value_width)]
        for label, value in rows
    ]
    table = Table(
        data,
        colWidths=[label_width, colon, CONTENT_WIDTH - label_width - colon],
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(_FIELDS_STYLE)
    return table


def paired_fields(
    left: Sequence[tuple[str, str]],
    right: Sequence[tuple[str, str]],
    *,
    label_width: float = 26 * _MM,
    right_share: float = 0.56,
) -> Flowable:
    """Two columns of label/value rows side by side (who on the left, when and where on the
    right), so an identity block takes half the height; values wrap within their column.

    The right values get ``right_share`` of the room for values: a day and date ("Rabu,
    30 September 2026") is longer than initials and a class, and reads badly broken."""
    colon = 4 * _MM
    gap = 6 * _MM
    room = CONTENT_WIDTH - gap - 2 * (label_width + colon)
    left_width, right_width = room * (1 - right_share), room * right_share

    def cells(row: tuple[str, str] | None, value_width: float) -> list[Any]:
        if row is None:
            return ["", "", ""]
        label, value = row
        return [label, ":", _cell(value.strip() or NOT_RECORDED, _VALUE, value_width - 2)]

    count = max(len(left), len(right))
    data = [
        [
            *cells(left[i] if i < len(left) else None, left_width),
            "",
            *cells(right[i] if i < len(right) else None, right_width),
        ]
        for i in range(count)
    ]
    table = Table(
        data,
        colWidths=[label_width, colon, left_width, gap, label_width, colon, right_width],
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(_FIELDS_STYLE)
    return table


def free_text(text: str | None) -> list[Flowable]:
    """Typed text as the counsellor wrote it: blank lines part paragraphs, single line breaks
    stay breaks, and every paragraph may continue on the next page."""
    if text is None or not text.strip():
        return [paragraph(NOT_RECORDED)]
    return [
        Paragraph(_text(part.strip("\n")), _BODY)
        for part in _BLANK_LINES.split(text.strip())
        if part.strip()
    ]


def item_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
) -> Flowable:
    """A grid whose header row repeats on every page it runs over; cells wrap.

    ``widths`` are the columns' shares of the text width (they should add up to 1). With no
    rows the table is replaced by "(tidak dicatat)": an empty grid reads like a printing
    fault.
    """
    if len(widths) != len(header) or any(len(row) != len(header) for row in rows):
        raise ValueError("every row of an item table has one cell per column")
    if not rows:
        return paragraph(NOT_RECORDED)
    inner = [share * CONTENT_WIDTH - 8 for share in widths]  # less the cell padding
    data = [[_cell(cell, _CELL_HEAD, width) for cell, width in zip(header, inner, strict=True)]]
    data.extend(
        [_cell(cell or "–", _CELL, width) for cell, width in zip(row, inner, strict=True)]
        for row in rows
    )
    table = Table(
        data,
        colWidths=[share * CONTENT_WIDTH for share in widths],
        repeatRows=1,
        splitInRow=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, _GRID),
                ("BACKGROUND", (0, 0), (-1, 0), _HEADER_FILL),
                ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),  # not Table's Helvetica
                ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),  # the header's plain cells
                ("FONTSIZE", (0, 0), (-1, -1), _CELL.fontSize),
                ("LEADING", (0, 0), (-1, -1), _CELL.leading),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def signature(block: SignatureBlock) -> list[Flowable]:
    """The signature block after some air; the block itself never splits across pages."""
    return [Spacer(1, 8 * _MM), SignatureFlowable(block)]


def _signature_not_alone(story: list[Flowable]) -> list[Flowable]:
    """The story with its signature block kept on the page of the block before it.

    A page holding nothing but signatures could be stapled to any other text; the signatures
    stay with the last part they sign (the part moves to the next page with them when the
    page is full).
    """
    for index, flowable in enumerate(story):
        if isinstance(flowable, SignatureFlowable) and index >= 2:
            start = index - 2  # the block before, the air, the signature
            while start > 0 and story[start - 1].getKeepWithNext():
                start -= 1  # and the heading of that block
            return [*story[:start], KeepTogether(story[start : index + 1]), *story[index + 1 :]]
    return story


def pdf_template(buffer: io.BytesIO, frame: Frame, title: str) -> BaseDocTemplate:
    """An A4 document of one frame per page whose metadata holds only ``title`` (the kind
    of document) and "bk-desktop": file listings and desktop search read metadata, so no
    name or note ever goes there. Starts in DejaVu, so no unembedded Helvetica is named."""
    return BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[PageTemplate(id="halaman", frames=[frame])],
        title=title,
        author=CREATOR,
        creator=CREATOR,
        producer=CREATOR,
        subject="",
        keywords="",
        lang="id-ID",
        initialFontName=FONT_REGULAR,
        pageCompression=1,
    )


def render_document(
    letterhead: Letterhead,
    kind: str,
    story: Sequence[Flowable],
    *,
    subtitle: str = "",
    public: bool = False,
) -> bytes:
    """The whole document as PDF bytes.

    ``kind`` names the document ("Ringkasan Sesi Konseling"): it is printed as the title in
    capitals and is the PDF's only title. ``subtitle`` is printed under it when given.
    ``public`` is for a page meant to be pinned up (Kotak Saran's notice board): page numbers
    without the RAHASIA line, which would be false there.
    """
    register_fonts()
    buffer = io.BytesIO()
    frame = Frame(
        DEFAULT_MARGIN,
        _BOTTOM_MARGIN,
        CONTENT_WIDTH,
        PAGE_HEIGHT - _TOP_MARGIN - _BOTTOM_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="isi",
    )
    template = pdf_template(buffer, frame, kind)
    flowables: list[Any] = [
        LetterheadFlowable(letterhead),
        Paragraph(_text(kind.upper(), FONT_BOLD), _TITLE),
    ]
    if subtitle.strip():
        flowables.append(Paragraph(_text(subtitle.strip()), _SUBTITLE))
    flowables.extend(_signature_not_alone(list(story)))
    template.build(flowables, canvasmaker=NumberedCanvas if public else _DocumentCanvas)
    return buffer.getvalue()
