"""Ringkasan Sesi Konseling and Rencana Aksi as real PDFs, read back with pypdf."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from bk_desktop.reports.action_plan import ActionLine, ActionPlanData, render_action_plan
from bk_desktop.reports.document import FOOTER, NOT_RECORDED, free_text, render_document
from bk_desktop.reports.letterhead import HAND_WRITTEN, Letterhead, Signatory
from bk_desktop.reports.session_summary import SessionSummaryData, render_session_summary

ENGLISH = ("Understanding", "Comfort", "Action", "Page", "None", "nan", "Student", "Signature")
UNUSUAL = ("Ni Luh Putu Ayu Śrī", "Nur'aini", "Nurʼaini", "王小明")


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _every_page_is_framed(pages: list[str]) -> None:
    for number, text in enumerate(pages, start=1):
        assert FOOTER in text
        assert f"Halaman {number} dari {len(pages)}" in text


def _no_english_or_empties(text: str) -> None:
    for word in ENGLISH:
        assert not re.search(rf"\b{word}\b", text), word


# --- Ringkasan Sesi Konseling -----------------------------------------------------------------


def test_summary_prints_every_chosen_part_in_indonesian(summary: SessionSummaryData) -> None:
    pages = _pages(render_session_summary(summary))
    text = " ".join(pages)
    for expected in (
        "SMA NEGERI 1 BONTANG",
        "RINGKASAN SESI KONSELING",
        "Pertemuan ke-2",
        "A.R.",
        "NISN 0012345678",
        "XI IPA 2",
        "014/2026",
        "Kamis, 3 Desember 2026",
        "08.00–08.45 WITA",
        "Ruang BK",
        "Tatap muka",
        "Pribadi, Belajar",
        "Ringkasan masalah",
        "malu bertanya di kelas.",
        "Penilaian segera (laiseg)",
        "Pemahaman baru",
        "Perasaan",
        "Tindakan",
        "Alternatif solusi",
        "Dipilih",
        "Rencana aksi",
        "Menyusun jadwal belajar harian",
        "7 Desember 2026",
        "Sedang berjalan",
        "Sesi berikutnya",
        "Kamis, 10 Desember 2026",
        "Mengetahui,",
        "Kepala SMA Negeri 1 Bontang,",
        "Bontang, 3 Desember 2026",
        "Guru Bimbingan dan Konseling,",
        "Drs. Ahmad Yani, M.Si.",
        "NIP. 19750101 200003 2 001",
    ):
        assert expected in text, expected
    assert pages[0].startswith("PEMERINTAH PROVINSI KALIMANTAN TIMUR")
    assert "Catatan sesi" not in text  # notes are printed only when chosen
    _every_page_is_framed(pages)
    _no_english_or_empties(text)


def test_parts_left_out_are_not_printed_at_all(summary: SessionSummaryData) -> None:
    bare = dataclasses.replace(
        summary,
        problem=None,
        understanding=None,
        comfort=None,
        action=None,
        alternatives=None,
        action_items=None,
        next_session=None,
        notes=None,
        student_number="",
        case_number="",
    )
    text = " ".join(_pages(render_session_summary(bare)))
    for heading in (
        "Ringkasan masalah",
        "laiseg",
        "Alternatif solusi",
        "Rencana aksi",
        "Sesi berikutnya",
        "Catatan sesi",
        "Nomor induk",
        "Nomor kasus",
    ):
        assert heading not in text
    assert NOT_RECORDED not in text
    assert "Kamis, 3 Desember 2026" in text
    _no_english_or_empties(text)


def test_chosen_but_empty_parts_say_tidak_dicatat(summary: SessionSummaryData) -> None:
    empty = dataclasses.replace(
        summary,
        problem="  ",
        understanding="",
        comfort=None,
        action=None,
        alternatives=(),
        action_items=(),
        notes="",
        bidang=(),
    )
    text = " ".join(_pages(render_session_summary(empty)))
    assert "Pemahaman baru : (tidak dicatat)" in text
    assert "Perasaan" not in text
    assert "Bidang : (tidak dicatat)" in text
    assert text.count(NOT_RECORDED) == 6
    _no_english_or_empties(text)


def test_long_notes_and_25_items_run_over_pages_with_the_header_repeated(
    summary: SessionSummaryData,
) -> None:
    paragraph = "Siswa bercerita tentang minggu-minggunya di sekolah dan di rumah. " * 12
    notes = "\n\n".join([paragraph] * 8) + "\nBaris terakhir catatan."
    assert len(notes) > 6000
    items = tuple(
        ActionLine(
            f"Langkah nomor {n} yang disepakati",
            "Wali kelas",
            date(2026, 12, 7),
            None,
            "Belum dimulai",
        )
        for n in range(1, 26)
    )
    long = dataclasses.replace(summary, notes=notes, action_items=items)
    pages = _pages(render_session_summary(long))
    assert len(pages) >= 3
    _every_page_is_framed(pages)
    with_items = [page for page in pages if "Langkah nomor" in page]
    assert len(with_items) >= 2
    for page in with_items:
        assert "No Kegiatan Dukungan Batas waktu Ditinjau Status" in page
    text = " ".join(pages)
    for n in range(1, 26):
        assert f"Langkah nomor {n} yang" in text
    assert "Baris terakhir catatan." in text
    assert "Drs. Ahmad Yani, M.Si." in pages[-1]


def test_a_note_without_breaks_or_spaces_flows_instead_of_failing(
    summary: SessionSummaryData,
) -> None:
    notes = "x" * 3000 + " " + "kata " * 1200
    items = (ActionLine("panjang " * 900, "guru", date(2026, 12, 7), None, "Belum dimulai"),)
    pdf = render_session_summary(dataclasses.replace(summary, notes=notes, action_items=items))
    pages = _pages(pdf)
    assert len(pages) >= 3
    _every_page_is_framed(pages)


def test_free_text_keeps_line_breaks_and_paragraphs() -> None:
    letterhead = Letterhead("", "", "SMA Negeri 2", "")
    pdf = render_document(letterhead, "Uji", free_text("baris satu\nbaris dua\n\nparagraf dua"))
    lines = [
        line.strip() for line in PdfReader(io.BytesIO(pdf)).pages[0].extract_text().splitlines()
    ]
    assert [line for line in lines if line.startswith(("baris", "paragraf"))] == [
        "baris satu",
        "baris dua",
        "paragraf dua",
    ]


@pytest.mark.parametrize("name", UNUSUAL)
def test_unusual_names_print_in_body_table_signature_and_kop(
    summary: SessionSummaryData, name: str
) -> None:
    letterhead = dataclasses.replace(summary.letterhead, government_line=f"YAYASAN {name}")
    signature = dataclasses.replace(summary.signature, counsellor=Signatory(name))
    item = ActionLine("Belajar bersama", f"Didampingi {name}", date(2026, 12, 7), None, "Belum")
    data = dataclasses.replace(
        summary,
        letterhead=letterhead,
        student_name=name,
        counsellor_name=name,
        action_items=(item,),
        signature=signature,
    )
    text = " ".join(_pages(render_session_summary(data)))
    assert f"YAYASAN {name}" in text
    assert f"Nama siswa : {name}" in text
    assert f"Didampingi {name}" in text
    assert text.count(name) >= 5


def test_missing_and_broken_logos_do_not_stop_printing(summary: SessionSummaryData) -> None:
    for left, right, images in (
        (None, None, 0),
        (b"\x89PNG rusak", None, 0),
        (summary.letterhead.left_logo, b"bukan gambar", 1),
    ):
        letterhead = dataclasses.replace(summary.letterhead, left_logo=left, right_logo=right)
        pdf = render_session_summary(dataclasses.replace(summary, letterhead=letterhead))
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages[0].images) == images
        assert "SMA NEGERI 1 BONTANG" in reader.pages[0].extract_text()


def test_missing_numbers_print_dotted_lines_to_fill_in(summary: SessionSummaryData) -> None:
    signature = dataclasses.replace(
        summary.signature,
        counsellor=Signatory("Dra. Siti Rahmawati, M.Pd."),
        principal=Signatory(""),
    )
    text = " ".join(
        _pages(render_session_summary(dataclasses.replace(summary, signature=signature)))
    )
    assert text.count(f"NIP. {HAND_WRITTEN}") == 2


def test_metadata_names_the_kind_only(summary: SessionSummaryData) -> None:
    data = dataclasses.replace(summary, student_name="Nurʼaini Siregar", notes="rahasia sekali")
    reader = PdfReader(io.BytesIO(render_session_summary(data)))
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == "Ringkasan Sesi Konseling"
    assert metadata.author == metadata.creator == "bk-desktop"
    for value in metadata.values():
        for secret in ("Nurʼaini", "Siregar", "A.R.", "rahasia sekali", "XI IPA"):
            assert secret not in str(value)
    assert reader.xmp_metadata is None


def test_no_unembedded_helvetica_anywhere(
    summary: SessionSummaryData, plan: ActionPlanData
) -> None:
    assert b"Helvetica" not in render_session_summary(summary)
    assert b"Helvetica" not in render_action_plan(plan)


# --- Rencana Aksi -----------------------------------------------------------------------------


def test_action_plan_speaks_to_the_student_and_both_sign(plan: ActionPlanData) -> None:
    pages = _pages(render_action_plan(plan))
    text = " ".join(pages)
    for expected in (
        "RENCANA AKSI",
        "Ini rencana yang kita sepakati bersama pada Kamis, 3 Desember 2026.",
        "Yang akan kamu lakukan",
        "Apa yang kamu lakukan",
        "Siapa yang membantu",
        "Menyusun jadwal belajar harian",
        "Wali kelas memeriksa setiap Senin",
        "11 Desember 2026",
        "Kita bertemu lagi pada Kamis, 10 Desember 2026, pukul 08.00–08.45 WITA di Ruang BK.",
        "mulai Kamis, 10 Desember 2026",
        "Rencana ini boleh kita ubah bersama.",
        "Siswa,",
        "Bontang, 3 Desember 2026",
        "Guru Bimbingan dan Konseling,",
        "NIP. 19750101 200003 2 001",
    ):
        assert expected in text, expected
    assert "Mengetahui" not in text
    assert "Belum dimulai" not in text  # statuses are the counsellor's, not the student's
    assert text.count("NIP.") == 1
    assert text.count("A.R.") >= 2
    assert len(pages) == 1
    _every_page_is_framed(pages)
    _no_english_or_empties(text)


def test_action_plan_without_next_meeting_or_review_still_says_when_to_come(
    plan: ActionPlanData,
) -> None:
    items = tuple(dataclasses.replace(item, review_on=None) for item in plan.items)
    text = " ".join(
        _pages(render_action_plan(dataclasses.replace(plan, items=items, next_session=None)))
    )
    assert "Kita bertemu lagi" not in text
    assert "Kita lihat lagi" not in text
    assert "temui guru BK kapan saja" in text
    _no_english_or_empties(text)


def test_action_plan_with_25_items_repeats_its_header(plan: ActionPlanData) -> None:
    items = tuple(
        ActionLine(
            f"Langkah {n}: membaca satu bab buku dan menulis ringkasannya",
            "Kakak",
            date(2026, 12, 7),
            date(2026, 12, 14),
            "Belum dimulai",
        )
        for n in range(1, 26)
    )
    pages = _pages(render_action_plan(dataclasses.replace(plan, items=items)))
    assert len(pages) >= 2
    _every_page_is_framed(pages)
    for page in pages:
        if "Langkah " in page:
            assert "No Apa yang kamu lakukan Siapa yang membantu" in page
    assert "Langkah 25:" in " ".join(pages)
    assert "Siswa," in pages[-1]


def test_the_signatures_never_stand_alone_on_a_page(summary: SessionSummaryData) -> None:
    """A page of nothing but signatures could be stapled to any text: however long the plan,
    the signatures share their page with the part they close."""
    assert summary.action_items
    item = summary.action_items[0]
    for count in range(0, 14):
        items = tuple(dataclasses.replace(item, what=f"Langkah {n}") for n in range(count))
        pdf = render_session_summary(dataclasses.replace(summary, action_items=items))
        [signed] = [page for page in _pages(pdf) if "Mengetahui" in page]
        before = signed.split("Mengetahui")[0]
        assert before.strip(), f"{count} items: the signatures stand alone"
