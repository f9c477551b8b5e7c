"""The Laporan Kasus and the Buku Kasus as rendered from their dataclasses, read back as text."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from bk_desktop.reports.action_plan import ActionLine
from bk_desktop.reports.case_book import CaseBookData, CaseBookLine, render_case_book
from bk_desktop.reports.case_report import (
    CaseFollowUp,
    CaseReportData,
    CaseSession,
    render_case_report,
)
from bk_desktop.reports.letterhead import Letterhead, SignatureBlock


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def meta_of(pdf: bytes) -> dict[str, str]:
    metadata = PdfReader(io.BytesIO(pdf)).metadata or {}
    return {str(key): str(value) for key, value in metadata.items()}


def session(number: int, *, status: str = "Selesai", reason: str = "") -> CaseSession:
    start = datetime(2026, 8, 3, 1, 0, tzinfo=UTC) + timedelta(days=7 * number)
    held = status == "Selesai"
    return CaseSession(
        number=number if held else None,
        start=start,
        end=start + timedelta(minutes=45),
        place="Ruang BK",
        mode="Tatap muka",
        status=status,
        reason=reason,
        held=held,
        understanding=f"Pemahaman pertemuan {number}." if held else "",
        comfort="Lega." if held else "",
        action="Mencoba jadwal belajar." if held else "",
        alternatives=(("Belajar kelompok", False), ("Jadwal harian", True)) if held else (),
    )


def report(letterhead: Letterhead, signature: SignatureBlock, **changes: object) -> CaseReportData:
    values: dict[str, object] = {
        "letterhead": letterhead,
        "zone": ZoneInfo("Asia/Makassar"),
        "student_name": "王小明",
        "student_number": "NISN 0012345678",
        "rombel": "XI IPA 2",
        "counsellor_name": "Dra. Siti Rahmawati, M.Pd.",
        "case_number": "014/2026",
        "opened_on": date(2026, 8, 10),
        "closed_on": date(2026, 11, 2),
        "status": "Selesai",
        "close_reason": "Tujuan konseling tercapai.",
        "bidang": ("Belajar", "Pribadi"),
        "confidentiality": "Rahasia",
        "problem": "Nilai turun sejak pindah rumah.",
        "identification": "Paragraf identifikasi. " * 200,
        "diagnosis": "Kesulitan mengatur waktu.",
        "prognosis": "",
        "treatment_goal": "Nilai kembali stabil.",
        "treatment_approach": "Konseling individual",
        "treatment_technique": "Scaling question",
        "sessions": (
            *(session(n) for n in range(1, 11)),
            session(11, status="Batal", reason="Sekolah libur mendadak"),
            session(12, status="Tidak hadir", reason="Sakit"),
        ),
        "action_items": (
            (
                1,
                ActionLine(
                    "Menyusun jadwal belajar", "Wali kelas", date(2026, 8, 20), None, "Terlaksana"
                ),
            ),
        ),
        "follow_ups": (
            CaseFollowUp(
                "Laijapen (jangka pendek)", date(2026, 9, 1), date(2026, 9, 2), "Membaik."
            ),
            CaseFollowUp("Laijapang (jangka panjang)", date(2027, 3, 1), None, ""),
        ),
        "signature": signature,
    }
    values.update(changes)
    return CaseReportData(**values)  # type: ignore[arg-type]


def test_a_long_case_report_flows_over_pages_with_every_part(
    letterhead: Letterhead, signature: SignatureBlock
) -> None:
    pdf = render_case_report(report(letterhead, signature))
    reader = PdfReader(io.BytesIO(pdf))
    count = len(reader.pages)
    assert count >= 3
    text = text_of(pdf)
    assert f"Halaman 1 dari {count}" in text and f"Halaman {count} dari {count}" in text
    assert "LAPORAN KASUS" in text and "Nomor kasus 014/2026" in text
    assert "王小明" in text and "NISN 0012345678" in text
    for number in range(1, 11):
        assert f"Pertemuan ke-{number} " in text, number
    assert "Batal: Sekolah libur mendadak" in text and "Tidak hadir: Sakit" in text
    assert "10 sesi terlaksana dari 12 sesi" in text
    assert "(tidak dicatat)" in text  # the empty prognosis
    assert "Membaik." in text and "Belum dilaksanakan" in text
    assert "Agustus" in text and "WITA" in text
    for leftover in ("None", "nan", "True", "False"):
        assert leftover not in text.split(), leftover
    assert "王小明" not in " ".join(meta_of(pdf).values())


def test_notes_print_only_when_handed_over(
    letterhead: Letterhead, signature: SignatureBlock
) -> None:
    with_notes = (
        replace(
            session(1),
            notes="MARKA-CATATAN",
            addenda=((datetime(2026, 8, 20, 2, 0, tzinfo=UTC), "Siti", "MARKA-ADENDUM"),),
        ),
    )
    text = text_of(render_case_report(report(letterhead, signature, sessions=with_notes)))
    assert "MARKA-CATATAN" in text and "MARKA-ADENDUM" in text and "Adendum" in text
    plain = text_of(render_case_report(report(letterhead, signature, sessions=(session(1),))))
    assert "Catatan sesi" not in plain and "MARKA" not in plain


def book_line(number: int, **changes: object) -> CaseBookLine:
    values: dict[str, object] = {
        "case_number": f"{number:03d}/2026",
        "student": "A.R.",
        "rombel": "X MIPA 1",
        "bidang": "Belajar",
        "opened_on": date(2026, 7, 14) + timedelta(days=number),
        "status": "Proses",
        "sessions_held": 2,
        "closed_on": None,
        "close_reason": "",
        "counsellor": "Dra. Siti Rahmawati, M.Pd.",
    }
    values.update(changes)
    return CaseBookLine(**values)  # type: ignore[arg-type]


def test_the_book_prints_each_line_a_hidden_one_and_the_totals(
    letterhead: Letterhead, signature: SignatureBlock
) -> None:
    lines = (
        *(book_line(n) for n in range(1, 60)),
        book_line(60, status="Selesai", closed_on=date(2026, 9, 1), close_reason="Tercapai"),
        book_line(61, hidden=True, student="", case_number="", counsellor="Rina Handayani"),
    )
    data = CaseBookData(
        letterhead=letterhead,
        start=date(2026, 7, 1),
        end=date(2026, 12, 31),
        filters=("kelas X MIPA 1",),
        statuses=("Proses", "Selesai", "Tindak lanjut", "Dialihtangankan"),
        lines=lines,
        signature=signature,
    )
    pdf = render_case_book(data)
    text = text_of(pdf)
    count = len(PdfReader(io.BytesIO(pdf)).pages)
    assert count >= 2 and f"Halaman {count} dari {count}" in text
    assert text.count("Konselor") >= count  # the header repeats on every page of the table
    assert "Kasus yang dibuka 1 Juli 2026 s.d. 31 Desember 2026" in text
    assert "Saringan: kelas X MIPA 1." in text
    assert "060/2026" in text and "1 Sep 2026: Tercapai" in text
    assert "Ada kasus (sangat rahasia)" in text and "Rina Handayani" in text
    assert "Kasus dibuka : 61" in text
    assert "Status proses : 59" in text and "Status dialihtangankan : 0" in text
    assert "Sangat rahasia (guru BK lain) : 1" in text


def test_an_empty_book_says_so(letterhead: Letterhead, signature: SignatureBlock) -> None:
    data = CaseBookData(
        letterhead=letterhead,
        start=date(2026, 1, 1),
        end=date(2026, 6, 30),
        filters=(),
        statuses=("Proses", "Selesai"),
        lines=(),
        signature=signature,
    )
    text = text_of(render_case_book(data))
    assert "Tidak ada kasus yang dibuka pada periode ini." in text
    assert "Kasus dibuka : 0" in text and "Halaman 1 dari 1" in text
