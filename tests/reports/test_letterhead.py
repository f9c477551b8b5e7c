"""Kop surat, signature block and page numbers, drawn into real PDFs and read back."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from bk_desktop.domain.identifiers_nip import format_nip
from bk_desktop.reports.letterhead import (
    HAND_WRITTEN,
    Letterhead,
    NumberedCanvas,
    Signatory,
    SignatureBlock,
    draw_letterhead,
    draw_signature_block,
    signature_block_height,
)

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP = PAGE_HEIGHT - 40

BONTANG = Letterhead(
    government_line="PEMERINTAH PROVINSI KALIMANTAN TIMUR",
    agency_line="DINAS PENDIDIKAN DAN KEBUDAYAAN",
    school_name="SMA Negeri 1 Bontang",
    address_line=(
        "Jl. Awang Long No. 1, Bontang Utara, Telp. (0548) 21234, "
        "email sman1bontang@example.sch.id, website https://sman1bontang.example.sch.id"
    ),
)

SIGNED = SignatureBlock(
    city="Bontang",
    signed_on=date(2026, 11, 29),
    school_name="SMA Negeri 1 Bontang",
    counsellor=Signatory("Dra. Siti Rahmawati, M.Pd.", nip="197501012000032001"),
    principal=Signatory("Drs. Ahmad Yani, M.Si.", nip="196805121994031005"),
)


def _render(draw: Callable[[Canvas], float]) -> tuple[PdfReader, float]:
    """Draw one page with ``draw(canvas)`` and read it back; returns the reader and draw's y."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    y = draw(canvas)
    canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(buffer.getvalue())), y


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _words(text: str) -> str:
    return " ".join(text.split())


def _png(path: Path, size: tuple[int, int] = (120, 150)) -> Path:
    Image.new("RGBA", size, (200, 30, 30, 255)).save(path)
    return path


# --- kop surat --------------------------------------------------------------------------------


def test_letterhead_prints_every_line_with_the_school_name_in_capitals() -> None:
    reader, _ = _render(lambda c: draw_letterhead(c, BONTANG, PAGE_WIDTH, TOP))
    text = _words(_text(reader))
    assert "PEMERINTAH PROVINSI KALIMANTAN TIMUR" in text
    assert "DINAS PENDIDIKAN DAN KEBUDAYAAN" in text
    assert "SMA NEGERI 1 BONTANG" in text
    assert "Jl. Awang Long No. 1" in text
    assert "sman1bontang.example.sch.id" in text


def test_letterhead_returns_a_y_below_its_lines_and_rules() -> None:
    _, y = _render(lambda c: draw_letterhead(c, BONTANG, PAGE_WIDTH, TOP))
    # four lines of text and two rules need at least 2 cm; a kop never takes a third of a page
    assert TOP - 57 > y > PAGE_HEIGHT * 2 / 3


def test_long_address_wraps_instead_of_running_off_the_page() -> None:
    long_address = BONTANG.address_line + ", " + "Kelurahan Api-Api, Kecamatan Bontang Utara " * 3
    letterhead = Letterhead("", "", "SMA Negeri 1 Bontang", long_address)
    reader, y_long = _render(lambda c: draw_letterhead(c, letterhead, PAGE_WIDTH, TOP))
    _, y_short = _render(
        lambda c: draw_letterhead(
            c, Letterhead("", "", "SMA Negeri 1 Bontang", "Jl. Pendek"), PAGE_WIDTH, TOP
        )
    )
    assert y_long < y_short
    lines = reader.pages[0].extract_text().splitlines()
    assert len(lines) >= 3
    assert "Kecamatan Bontang Utara" in _words(_text(reader))


def test_empty_lines_are_left_out_for_schools_that_do_not_use_them() -> None:
    private = Letterhead("YAYASAN PENDIDIKAN AL-HIKMAH", "", "SMK Al-Hikmah", "")
    reader, _ = _render(lambda c: draw_letterhead(c, private, PAGE_WIDTH, TOP))
    assert _text(reader).split() == ["YAYASAN", "PENDIDIKAN", "AL-HIKMAH", "SMK", "AL-HIKMAH"]


def test_readable_logos_are_embedded(tmp_path: Path) -> None:
    left = _png(tmp_path / "pemprov.png")
    right = tmp_path / "sekolah.jpg"
    Image.new("RGB", (200, 200), (20, 80, 160)).save(right)
    letterhead = Letterhead(
        BONTANG.government_line,
        BONTANG.agency_line,
        BONTANG.school_name,
        BONTANG.address_line,
        left_logo=left.read_bytes(),
        right_logo=right.read_bytes(),
    )
    reader, _ = _render(lambda c: draw_letterhead(c, letterhead, PAGE_WIDTH, TOP))
    assert len(reader.pages[0].images) == 2
    assert "SMA NEGERI 1 BONTANG" in _text(reader)


def test_empty_or_broken_logo_is_skipped_not_fatal(tmp_path: Path) -> None:
    truncated = tmp_path / "rusak.png"
    truncated.write_bytes(_png(tmp_path / "utuh.png", (400, 400)).read_bytes()[:150])
    not_an_image = tmp_path / "logo.png"
    not_an_image.write_text("bukan gambar", encoding="utf-8")
    letterhead = Letterhead(
        BONTANG.government_line,
        BONTANG.agency_line,
        BONTANG.school_name,
        BONTANG.address_line,
        left_logo=truncated.read_bytes(),
        right_logo=b"",
    )
    reader, _ = _render(lambda c: draw_letterhead(c, letterhead, PAGE_WIDTH, TOP))
    assert len(reader.pages[0].images) == 0
    assert "SMA NEGERI 1 BONTANG" in _text(reader)

    other = Letterhead("", "", "SMA Negeri 2", "", left_logo=not_an_image.read_bytes())
    reader, _ = _render(lambda c: draw_letterhead(c, other, PAGE_WIDTH, TOP))
    assert "SMA NEGERI 2" in _text(reader)


def test_letterhead_leaves_the_callers_font_as_it_was() -> None:
    def draw(canvas: Canvas) -> float:
        canvas.setFont("Courier", 7)
        y = draw_letterhead(canvas, BONTANG, PAGE_WIDTH, TOP)
        assert (canvas._fontname, canvas._fontsize) == ("Courier", 7)
        return y

    _render(draw)


# --- signature block --------------------------------------------------------------------------


def test_signature_block_has_both_columns_with_formatted_nip() -> None:
    reader, _ = _render(lambda c: draw_signature_block(c, SIGNED, PAGE_WIDTH, 400))
    text = _words(_text(reader))
    for expected in (
        "Mengetahui,",
        "Kepala SMA Negeri 1 Bontang,",
        "Drs. Ahmad Yani, M.Si.",
        "NIP. 19680512 199403 1 005",
        "Bontang, 29 November 2026",
        "Guru Bimbingan dan Konseling,",
        "Dra. Siti Rahmawati, M.Pd.",
        "NIP. 19750101 200003 2 001",
    ):
        assert expected in text


def test_signer_without_nip_signs_with_nuptk() -> None:
    block = SignatureBlock(
        "Bontang",
        date(2026, 1, 5),
        "SMA Negeri 1 Bontang",
        Signatory("Ahmad", nuptk="1234567890123456"),
    )
    reader, _ = _render(lambda c: draw_signature_block(c, block, PAGE_WIDTH, 400))
    text = _words(_text(reader))
    assert "NUPTK. 1234567890123456" in text
    assert "NIP" not in text


def test_signer_with_no_identifier_gets_a_nip_line_to_fill_in_by_hand() -> None:
    block = SignatureBlock("Bontang", date(2026, 1, 5), "SMA Negeri 1 Bontang", Signatory("Ahmad"))
    reader, _ = _render(lambda c: draw_signature_block(c, block, PAGE_WIDTH, 400))
    text = _text(reader)
    assert "Ahmad" in text
    assert f"NIP. {HAND_WRITTEN}" in text
    assert "NUPTK" not in text


def test_principal_without_name_or_number_leaves_dotted_lines_to_write_on() -> None:
    block = SignatureBlock(
        "Bontang", date(2026, 1, 5), "SMA Negeri 1 Bontang", SIGNED.counsellor, Signatory("")
    )
    reader, _ = _render(lambda c: draw_signature_block(c, block, PAGE_WIDTH, 400))
    lines = [line.strip() for line in _text(reader).splitlines()]
    assert "Kepala SMA Negeri 1 Bontang," in " ".join(lines)
    assert any(set(line) == {"…"} and len(line) > len(HAND_WRITTEN) for line in lines)
    assert f"NIP. {HAND_WRITTEN}" in " ".join(lines)
    assert "NIP. 19750101 200003 2 001" in " ".join(lines)


def test_student_variant_signs_left_as_siswa_without_a_number() -> None:
    block = SignatureBlock(
        "Bontang", date(2026, 12, 3), "SMA Negeri 1 Bontang", SIGNED.counsellor, student="A.R."
    )
    reader, _ = _render(lambda c: draw_signature_block(c, block, PAGE_WIDTH, 400))
    text = _words(_text(reader))
    assert "Siswa," in text
    assert "A.R." in text
    assert "Mengetahui" not in text
    assert "Kepala" not in text
    assert text.count("NIP.") == 1
    top = 500.0
    _, bottom = _render(lambda c: draw_signature_block(c, block, PAGE_WIDTH, top))
    assert top - bottom == pytest.approx(signature_block_height(block, PAGE_WIDTH))


def test_a_block_has_a_principal_or_a_student_never_both() -> None:
    with pytest.raises(ValueError, match="principal or a student"):
        SignatureBlock(
            "Bontang", date(2026, 1, 5), "SMA", SIGNED.counsellor, Signatory("Kepala"), "A.R."
        )


def test_without_principal_only_the_counsellor_column_is_printed() -> None:
    block = SignatureBlock("Bontang", date(2026, 1, 5), "SMA Negeri 1 Bontang", Signatory("Ahmad"))
    reader, _ = _render(lambda c: draw_signature_block(c, block, PAGE_WIDTH, 400))
    text = _text(reader)
    assert "Mengetahui" not in text
    assert "Kepala" not in text
    assert "Guru Bimbingan dan Konseling," in text


def test_identifier_preference_is_nip_then_nuptk_then_niy() -> None:
    assert Signatory("A", nip="197501012000031001", nuptk="1").identifier_line() == (
        "NIP. 19750101 200003 1 001"
    )
    assert Signatory("A", nuptk=" 123 ", niy="9").identifier_line() == "NUPTK. 123"
    assert Signatory("A", niy="YY-01").identifier_line() == "NIY. YY-01"
    assert Signatory("A", nip="  ").identifier_line() == "NIP. ……………………"


@pytest.mark.parametrize(
    "block",
    [
        SIGNED,
        SignatureBlock("Bontang", date(2026, 1, 5), "", Signatory("Ahmad")),
        SignatureBlock(
            "Bontang",
            date(2026, 1, 5),
            "Sekolah Menengah Kejuruan Swasta Al-Hikmah Teknologi dan Bisnis Kota Bontang",
            Signatory("Prof. Dr. Hj. Siti Nurhaliza Rahmawati Kusumaningrum, S.Pd., M.Pd., Kons."),
            Signatory("Drs. H. Muhammad Yusuf Abdurrahman Wahid, M.Si.", nip="196805121994031005"),
        ),
    ],
)
def test_height_helper_matches_what_is_drawn(block: SignatureBlock) -> None:
    top = 500.0
    _, bottom = _render(lambda c: draw_signature_block(c, block, PAGE_WIDTH, top))
    assert top - bottom == pytest.approx(signature_block_height(block, PAGE_WIDTH))


def test_long_names_and_school_wrap_and_stay_complete() -> None:
    block = SignatureBlock(
        "Bontang",
        date(2026, 11, 29),
        "Sekolah Menengah Kejuruan Swasta Al-Hikmah Teknologi dan Bisnis Kota Bontang",
        Signatory("Prof. Dr. Hj. Siti Nurhaliza Rahmawati Kusumaningrum, S.Pd., M.Pd., Kons."),
        Signatory("Drs. H. Muhammad Yusuf Abdurrahman Wahid, M.Si.", nip="196805121994031005"),
    )
    reader, _ = _render(lambda c: draw_signature_block(c, block, PAGE_WIDTH, 500))
    text = _words(_text(reader))
    assert "Kusumaningrum, S.Pd., M.Pd., Kons." in text
    assert "Abdurrahman Wahid, M.Si." in text
    assert "Kota Bontang," in text


# --- NIP --------------------------------------------------------------------------------------


def test_eighteen_digit_nip_is_spaced_the_printed_way() -> None:
    assert format_nip("197501012000031001") == "19750101 200003 1 001"


def test_pppk_nip_is_spaced_without_checking_the_month() -> None:
    assert format_nip("198001012021212001") == "19800101 202121 2 001"


@pytest.mark.parametrize(
    "value", ["", "19750101 200003 1 001", "12345", "1975010120000310011", "19750101200003100x"]
)
def test_anything_but_eighteen_digits_is_returned_as_given(value: str) -> None:
    assert format_nip(value) == value


# --- page numbers -----------------------------------------------------------------------------


def test_every_page_says_halaman_x_dari_y() -> None:
    buffer = io.BytesIO()
    canvas = NumberedCanvas(buffer, pagesize=A4)
    for number in range(1, 4):
        canvas.drawString(72, 700, f"isi halaman {number}")
        canvas.showPage()
    canvas.save()
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    assert len(reader.pages) == 3
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"isi halaman {number}" in text
        assert f"Halaman {number} dari 3" in text


def test_last_page_is_numbered_even_without_a_final_show_page() -> None:
    buffer = io.BytesIO()
    canvas = NumberedCanvas(buffer, pagesize=A4)
    canvas.drawString(72, 700, "pertama")
    canvas.showPage()
    canvas.drawString(72, 700, "kedua")
    canvas.save()
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    assert [("Halaman" in p.extract_text()) for p in reader.pages] == [True, True]
    assert "Halaman 2 dari 2" in reader.pages[1].extract_text()


def test_numbered_canvas_works_as_platypus_canvasmaker() -> None:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    buffer = io.BytesIO()
    style = getSampleStyleSheet()["Normal"]
    story = [Paragraph("satu", style), PageBreak(), Paragraph("dua", style)]
    SimpleDocTemplate(buffer, pagesize=A4).build(story, canvasmaker=NumberedCanvas)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    assert [p.extract_text().splitlines()[-1] for p in reader.pages] == [
        "Halaman 1 dari 2",
        "Halaman 2 dari 2",
    ]


def test_numbered_canvas_embeds_its_fonts_and_references_no_helvetica() -> None:
    buffer = io.BytesIO()
    canvas = NumberedCanvas(buffer, pagesize=A4)
    canvas.drawString(72, 700, "Nama siswa: Ni Ketut Ayu — kelas X-1")
    canvas.save()
    assert b"Helvetica" not in buffer.getvalue()
    assert (
        "Ni Ketut Ayu — kelas X-1"
        in PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    )
