"""The service-standard poster: one A4 page for the wall of the BK room.

It is public on purpose, so it has none of the confidential documents' frame: no RAHASIA
footer and no page numbers. The kop sits on top, then the title, the standard's headings in
boxes, "GRATIS" large, and the complaint promise. Whatever a school's settings make of the
text (a long school name, school days in the clock), it stays one page: the content is shrunk
to fit rather than spilled onto a second sheet nobody will pin up.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.colors import Color, white
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm as _reportlab_mm
from reportlab.platypus import (
    Flowable,
    Frame,
    KeepInFrame,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from bk_desktop.domain.service_standard import ServiceStandard, StandardSection
from bk_desktop.reports.document import pdf_template
from bk_desktop.reports.fonts import FONT_BOLD, FONT_REGULAR, markup, register_fonts
from bk_desktop.reports.letterhead import DEFAULT_MARGIN, Letterhead, LetterheadFlowable

KIND = "Standar Pelayanan Konseling Individual"

_MM: float = _reportlab_mm
_PAGE_WIDTH, _PAGE_HEIGHT = A4
_WIDTH = _PAGE_WIDTH - 2 * DEFAULT_MARGIN
_ACCENT = Color(0.10, 0.38, 0.48)  # the window's accent, so the wall and the screen match
_LIGHT = Color(0.93, 0.96, 0.97)

_TITLE = ParagraphStyle(
    "poster-title",
    fontName=FONT_BOLD,
    fontSize=22,
    leading=27,
    alignment=TA_CENTER,
    textColor=_ACCENT,
)
_SUBTITLE = ParagraphStyle(
    "poster-subtitle", fontName=FONT_REGULAR, fontSize=12, leading=16, alignment=TA_CENTER
)
_HEADING = ParagraphStyle(
    "poster-heading", fontName=FONT_BOLD, fontSize=12.5, leading=16, textColor=white
)
_POINT = ParagraphStyle("poster-point", fontName=FONT_REGULAR, fontSize=11, leading=14.5)
_COST = ParagraphStyle(
    "poster-cost",
    fontName=FONT_BOLD,
    fontSize=30,
    leading=34,
    alignment=TA_CENTER,
    textColor=_ACCENT,
)
_COST_NOTE = ParagraphStyle("poster-cost-note", parent=_SUBTITLE, fontSize=11, leading=14)
_CLOSING = ParagraphStyle(
    "poster-closing", fontName=FONT_REGULAR, fontSize=10, leading=13, alignment=TA_CENTER
)


def _section(section: StandardSection) -> Flowable:
    """A box: the heading on a coloured band, then the numbered points."""
    rows: list[list[Any]] = [[Paragraph(markup(section.heading.upper(), FONT_BOLD), _HEADING)]]
    for number, (label, text) in enumerate(section.points, start=1):
        rows.append(
            [
                Paragraph(
                    f"{number}. <b>{markup(label, FONT_BOLD)}</b>: {markup(text)}",
                    _POINT,
                )
            ]
        )
    table = Table(rows, colWidths=[_WIDTH], hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), _ACCENT),
                ("BACKGROUND", (0, 1), (-1, -1), _LIGHT),
                ("BOX", (0, 0), (-1, -1), 0.8, _ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
            ]
        )
    )
    return table


def _cost(standard: ServiceStandard) -> Flowable:
    table = Table(
        [
            [Paragraph(markup("BIAYA / TARIF", FONT_BOLD), _HEADING)],
            [Paragraph(markup(standard.cost, FONT_BOLD), _COST)],
            [Paragraph(markup(standard.cost_note), _COST_NOTE)],
        ],
        colWidths=[_WIDTH],
        hAlign="CENTER",
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), _ACCENT),
                ("BOX", (0, 0), (-1, -1), 1.5, _ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def render_poster(letterhead: Letterhead, standard: ServiceStandard) -> bytes:
    """The poster as PDF bytes: exactly one A4 page."""
    register_fonts()
    frame_height = _PAGE_HEIGHT - 2 * 12 * _MM
    story: list[Flowable] = [
        LetterheadFlowable(letterhead),
        Spacer(1, 4 * _MM),
        Paragraph(markup("STANDAR PELAYANAN", FONT_BOLD), _TITLE),
        Paragraph(markup("KONSELING INDIVIDUAL", FONT_BOLD), _TITLE),
        Paragraph(markup(f"Layanan Bimbingan dan Konseling {standard.school_name}"), _SUBTITLE),
        Spacer(1, 4 * _MM),
    ]
    # The cost sits after the product (the fourth heading), where the published standard
    # puts it.
    cost_after = min(3, len(standard.sections) - 1)
    for index, section in enumerate(standard.sections):
        story += [_section(section), Spacer(1, 3 * _MM)]
        if index == cost_after:
            story += [_cost(standard), Spacer(1, 3 * _MM)]
    story.append(Paragraph(markup(standard.closing), _CLOSING))
    fitted = KeepInFrame(_WIDTH, frame_height, story, mode="shrink")
    buffer = io.BytesIO()
    frame = Frame(
        DEFAULT_MARGIN,
        12 * _MM,
        _WIDTH,
        frame_height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="poster",
    )
    pdf_template(buffer, frame, KIND).build([fitted])
    return buffer.getvalue()


__all__ = ["KIND", "render_poster"]
