"""The Laporan Pelaksanaan read back as text: every part, Indonesian only, no empties, long
narrative that flows across pages, and a report of nothing that still reads as a report."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from bk_desktop.reports.letterhead import Letterhead, Signatory, SignatureBlock
from bk_desktop.reports.period_report import (
    COMPLAINTS_HEADING,
    ComplaintSummary,
    LateRow,
    PeriodReportData,
    render_period_report,
)


def counsellor_block() -> SignatureBlock:
    return SignatureBlock(
        city="Bontang",
        signed_on=date(2026, 12, 3),
        school_name="SMA Negeri 1 Bontang",
        counsellor=Signatory("Dra. Siti Rahmawati, M.Pd.", nip="197501012000032001"),
        principal=Signatory("Drs. Ahmad Yani, M.Si.", nip="196805121994031005"),
    )


ENGLISH = ("None", "nan", "Page", "Analysis", "Total", "Month", "Chart")


def _data(letterhead: Letterhead) -> PeriodReportData:
    return PeriodReportData(
        letterhead=letterhead,
        period_label="1 Juli – 31 Desember 2026",
        counted_until="",
        school_name="SMA Negeri 1 Bontang",
        counsellors="Dra. Siti Rahmawati, M.Pd.",
        received=42,
        by_source=(("Siswa sendiri", 20), ("Wali kelas", 22)),
        by_bidang=(("Pribadi", 10), ("Sosial", 8), ("Belajar", 25), ("Karier", 3)),
        students_served=30,
        students_by_sex=(("Laki-laki", 14), ("Perempuan", 16)),
        sessions_held=77,
        sessions_measured=75,
        average_minutes="41 menit",
        within_standard=70,
        sessions_by_outcome=(("Terlaksana", 77), ("Dibatalkan", 4)),
        clocks_decided=40,
        clocks_met=37,
        clocks_pending=2,
        share_text="92 %",
        late=tuple(
            LateRow(
                f"Senin, {day} Agustus 2026 08.15 WITA",
                f"Selasa, {day + 1} Agustus 2026 08.15 WITA",
                "Belum dijadwalkan",
                "5 jam 20 menit",
            )
            for day in (3, 10, 17)
        ),
        cases_opened=28,
        cases_closed=(("Selesai", 20), ("Tindak lanjut", 3), ("Dialihtangankan", 1)),
        follow_ups_done=(("Laijapen (jangka pendek)", 12), ("Laijapang (jangka panjang)", 5)),
        follow_ups_due=19,
        monthly=tuple(
            (f"{month} 2026", 7, 13)
            for month in ("Juli", "Agustus", "September", "Oktober", "November", "Desember")
        ),
        complaints=ComplaintSummary(
            total=14,
            by_kind=(("Pengaduan", 3), ("Saran", 6), ("Masukan", 3), ("Apresiasi", 2)),
            by_channel=(("Langsung ke guru BK", 7), ("Kotak saran", 5), ("Formulir daring", 2)),
            clocked=12,
            met=10,
            decided=11,
            share_text="91 %",
            late_codes=("KS-2026-0007-7QX",),
            appreciation=2,
            appreciation_thanked=1,
        ),
        analysis="Bidang belajar paling banyak dimohon.",
        follow_up_plan="Menambah jam layanan pada hari Kamis.",
        supporting="Dukungan wali kelas.",
        hindering="Jadwal kelas padat menjelang ujian.",
        signature=counsellor_block(),
    )


def _text(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _indonesian_only(text: str) -> None:
    for word in ENGLISH:
        assert re.search(rf"\b{word}\b", text) is None, word


def test_every_part_prints_with_its_figures(letterhead: Letterhead) -> None:
    pages = _text(render_period_report(_data(letterhead)))
    text = " ".join(pages)
    for expected in (
        "LAPORAN PELAKSANAAN LAYANAN KONSELING INDIVIDUAL",
        "Periode 1 Juli – 31 Desember 2026",
        "1. Jenis kegiatan",
        "2. Waktu",
        "3. Sasaran",
        "4. Hasil",
        "5. Analisis",
        "6. Rencana tindak lanjut",
        "7. Faktor pendukung dan penghambat",
        "Volume per bulan",  # the charts' titles: drawn into the PDF, not pictures of text
        "Permohonan per bidang",
        "37 dari 40 permohonan yang dapat dinilai (92 %)",
        "70 dari 75 sesi yang tercatat waktunya (93 %)",
        "Senin, 10 Agustus 2026 08.15 WITA",
        "Jadwal kelas padat menjelang ujian.",
        "Mengetahui",
        "Drs. Ahmad Yani, M.Si.",
    ):
        assert expected in text, expected
    assert pages[0].count("Halaman 1 dari") == 1 and f"Halaman {len(pages)} dari" in pages[-1]
    _indonesian_only(text)


def test_an_empty_period_still_reads_as_a_report(letterhead: Letterhead) -> None:
    empty = replace(
        _data(letterhead),
        received=0,
        by_source=(("Siswa sendiri", 0),),
        by_bidang=(("Pribadi", 0),),
        students_served=0,
        students_by_sex=(),
        sessions_held=0,
        sessions_measured=0,
        average_minutes="–",
        within_standard=0,
        sessions_by_outcome=(),
        clocks_decided=0,
        clocks_met=0,
        clocks_pending=0,
        share_text="belum dapat diukur",
        late=(),
        cases_opened=0,
        cases_closed=(),
        follow_ups_done=(),
        follow_ups_due=0,
        monthly=(("Juli 2026", 0, 0),),
        analysis="",
        follow_up_plan="",
        supporting="",
        hindering="",
        signature=SignatureBlock(
            city="Bontang",
            signed_on=counsellor_block().signed_on,
            school_name="SMA Negeri 1 Bontang",
            counsellor=Signatory(""),
            principal=Signatory(""),
        ),
    )
    text = " ".join(_text(render_period_report(empty)))
    assert "0 dari 0 sesi yang tercatat waktunya (–)" in text
    assert "belum dapat diukur" in text
    assert text.count("(belum diisi)") == 4
    assert "NIP. ……" in text  # no NIP: written in by hand
    _indonesian_only(text)


def test_a_long_narrative_flows_over_pages(letterhead: Letterhead) -> None:
    long = "\n\n".join(
        f"Paragraf {n}: siswa kelas XII banyak memohon layanan bidang karier menjelang ujian."
        for n in range(120)
    )
    pages = _text(render_period_report(replace(_data(letterhead), analysis=long)))
    assert len(pages) >= 4
    text = " ".join(pages)
    assert "Paragraf 0:" in text and "Paragraf 119:" in text


def test_the_screens_charts_name_the_font_family_a_screen_knows() -> None:
    from bk_desktop.reports.charts import bidang_chart, drawing_svg

    svg = drawing_svg(bidang_chart((("Pribadi", 3), ("Sosial", 2)), width=300)).decode()
    assert "font-family: DejaVu Sans" in svg
    assert "DejaVuSans" not in svg


NO_COMPLAINTS = ComplaintSummary(
    total=0,
    by_kind=(("Pengaduan", 0), ("Saran", 0), ("Masukan", 0), ("Apresiasi", 0)),
    by_channel=(),
    clocked=0,
    met=0,
    decided=0,
    share_text="belum ada yang dapat dinilai",
    late_codes=(),
    appreciation=0,
    appreciation_thanked=0,
)


def test_kotak_saran_prints_its_section_with_the_late_by_code(letterhead: Letterhead) -> None:
    text = " ".join(_text(render_period_report(_data(letterhead))))
    for part in (
        COMPLAINTS_HEADING,
        "Entri diterima : 14",
        "Formulir daring 2",
        "ditindaklanjuti dalam 3×24 jam: 10 dari 11 entri yang dapat dinilai (91 %)",
        "1 entri masih dalam batas waktunya",
        "(menurut kode): KS-2026-0007-7QX.",
        "Apresiasi diterima: 2; sudah ditanggapi: 1.",
    ):
        assert part in text, part
    _indonesian_only(text)


def test_a_period_without_entries_says_so_in_the_kotak_saran_section(
    letterhead: Letterhead,
) -> None:
    data = replace(_data(letterhead), complaints=NO_COMPLAINTS)
    text = " ".join(_text(render_period_report(data)))
    assert COMPLAINTS_HEADING in text
    assert "Tidak ada pengaduan, saran, masukan, atau apresiasi yang diterima" in text
    assert "menurut kode" not in text


def test_clocked_entries_not_yet_judged_read_as_not_yet_judged(letterhead: Letterhead) -> None:
    waiting = replace(
        NO_COMPLAINTS,
        total=1,
        by_kind=(("Pengaduan", 1), ("Saran", 0), ("Masukan", 0), ("Apresiasi", 0)),
        by_channel=(("Kotak saran", 1),),
        clocked=1,
    )
    text = " ".join(_text(render_period_report(replace(_data(letterhead), complaints=waiting))))
    assert "dalam 3×24 jam: belum ada yang dapat dinilai." in text
    assert "1 entri masih dalam batas waktunya" in text
