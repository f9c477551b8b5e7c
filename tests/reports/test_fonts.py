"""Any name prints: DejaVu first, the bundled fallback for what DejaVu lacks (CJK)."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from bk_desktop.reports.fonts import (
    FONT_BOLD,
    FONT_FALLBACK,
    FONT_REGULAR,
    draw_text,
    fit_text,
    font_runs,
    markup,
    register_fonts,
    text_width,
)

NAMES = ("Ni Luh Putu Ayu Śrī", "Nur'aini", "Nurʼaini", "王小明")


def test_latin_names_stay_in_dejavu_and_cjk_falls_back_per_run() -> None:
    for name in NAMES[:3]:
        assert font_runs(name, FONT_REGULAR) == [(FONT_REGULAR, name)]
    assert font_runs("Siswa 王小明 (X-1)", FONT_BOLD) == [
        (FONT_BOLD, "Siswa "),
        (FONT_FALLBACK, "王小明"),
        (FONT_BOLD, " (X-1)"),
    ]


def test_spaces_between_cjk_words_keep_the_main_font() -> None:
    assert font_runs("王 小明", FONT_REGULAR) == [
        (FONT_FALLBACK, "王"),
        (FONT_REGULAR, " "),
        (FONT_FALLBACK, "小明"),
    ]


def test_markup_escapes_what_would_be_read_as_tags() -> None:
    assert markup("A & B <b>Nur</b>") == "A &amp; B &lt;b&gt;Nur&lt;/b&gt;"
    assert markup("王小明 & Śrī") == f'<font name="{FONT_FALLBACK}">王小明</font> &amp; Śrī'


def test_text_width_counts_fallback_glyphs() -> None:
    assert text_width("王小明", FONT_REGULAR, 10) > text_width("王", FONT_REGULAR, 10) > 5


def test_canvas_text_with_every_kind_of_name_reads_back_on_one_line() -> None:
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=FONT_REGULAR)
    for row, name in enumerate(NAMES):
        draw_text(
            canvas,
            300,
            700 - 20 * row,
            f"Nama: {name} (X-1)",
            font=FONT_BOLD,
            size=11,
            anchor="centre",
        )
    canvas.save()
    lines = [line.strip() for line in PdfReader(buffer).pages[0].extract_text().splitlines()]
    assert lines == [f"Nama: {name} (X-1)" for name in NAMES]


def test_a_pdf_without_such_characters_does_not_embed_the_fallback() -> None:
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=FONT_REGULAR)
    draw_text(canvas, 72, 700, "Ni Luh Putu Ayu Śrī", font=FONT_REGULAR, size=11)
    canvas.save()
    assert FONT_FALLBACK.encode() not in buffer.getvalue()
    assert b"Helvetica" not in buffer.getvalue()


def test_a_no_break_space_keeps_a_label_with_its_value_when_a_kop_line_wraps() -> None:
    register_fonts()
    line = (
        "Telepon\u00a0(0548)\u00a0579957 · Pos-el\u00a0sman1bontang@sch.id"
        " · Laman\u00a0sman1bontang.sch.id"
    )
    lines, _size = fit_text(line, FONT_REGULAR, 9, 8, 330)
    assert len(lines) == 2
    assert lines[-1] == "Laman\u00a0sman1bontang.sch.id"
    assert all(text_width(text, FONT_REGULAR, 8) <= 330 for text in lines)
