"""Kotak Saran's papers as real PDFs, read back with pypdf: the receipt, the sheet of blank
slips and the notice-board list hold what their holder may know, in Indonesian."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from bk_desktop.domain.complaints import ComplaintType
from bk_desktop.reports.complaint_slips import (
    BOARD_EMPTY,
    CHECK_CODE_SENTENCE,
    SLIPS_PER_PAGE,
    BoardEntry,
    BoardPage,
    ReceiptSlip,
    SlipSheet,
    render_board,
    render_receipt,
    render_slip_sheet,
)
from bk_desktop.reports.document import FOOTER
from bk_desktop.reports.letterhead import Letterhead

WITA = ZoneInfo("Asia/Makassar")

ENGLISH = ("Page", "None", "nan", "Code", "Received", "Channel", "Deadline", "Name", "Status:")
PROMISE = "Setiap pengaduan ditindaklanjuti paling lambat 3×24 jam."
CODE = "KS-2026-0042-7QX"


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _flat(text: str) -> str:
    """Text with every space removed: a sentence wrapped in a narrow column reads whole."""
    return re.sub(r"\s+", "", text)


def _no_english(text: str) -> None:
    for word in ENGLISH:
        assert not re.search(rf"\b{re.escape(word)}(?!\w)", text), word


def _receipt(letterhead: Letterhead, **changes: object) -> ReceiptSlip:
    values: dict[str, object] = {
        "letterhead": letterhead,
        "zone": WITA,
        "code": CODE,
        "kind": ComplaintType.PENGADUAN,
        "received_at": datetime(2026, 12, 4, 2, 30, tzinfo=UTC),  # Jumat 10.30 WITA
        "channel": "Kotak saran",
        "deadline": datetime(2026, 12, 7, 2, 30, tzinfo=UTC),
        "promise": PROMISE,
        "received_by": "Dra. Siti Rahmawati, M.Pd.",
    }
    values.update(changes)
    return ReceiptSlip(**values)  # type: ignore[arg-type]


# -- the receipt -----------------------------------------------------------------------------


def test_receipt_holds_the_code_the_time_and_the_deadline_in_indonesian(
    letterhead: Letterhead,
) -> None:
    pages = _pages(render_receipt(_receipt(letterhead)))
    assert len(pages) == 1
    text = pages[0]
    for expected in (
        "SMA NEGERI 1 BONTANG",
        "TANDA TERIMA PENGADUAN",
        CODE,
        "Jumat, 4 Desember 2026 10.30 WITA",
        "Kotak saran",
        "Akan ditindaklanjuti paling lambat Senin, 7 Desember 2026 10.30 WITA.",
        PROMISE,
        CHECK_CODE_SENTENCE,
        "Dra. Siti Rahmawati, M.Pd.",
        "Guru BK",
    ):
        assert expected in text, expected
    assert "Pengirim" not in text  # an anonymous sender's receipt names no one
    assert FOOTER not in text  # the sender keeps it; it is theirs, not the BK file's
    _no_english(text)


def test_receipt_names_a_sender_who_gave_their_name(letterhead: Letterhead) -> None:
    text = _pages(render_receipt(_receipt(letterhead, sender_name="Ibu Wulan Sari")))[0]
    assert "Pengirim : Ibu Wulan Sari" in text


def test_appreciation_receipt_has_no_deadline(letterhead: Letterhead) -> None:
    slip = _receipt(letterhead, kind=ComplaintType.APRESIASI, deadline=None)
    text = _pages(render_receipt(slip))[0]
    assert "TANDA TERIMA APRESIASI" in text
    assert "paling lambat Senin" not in text
    assert "Terima kasih atas apresiasi Anda." in text


def test_receipt_stays_one_slip_with_a_long_kop_and_names(letterhead: Letterhead) -> None:
    long_kop = replace(
        letterhead,
        school_name="Sekolah Menengah Kejuruan Negeri 2 Teknologi dan Rekayasa Kutai Kartanegara",
        address_line="Jl. Poros Tenggarong–Samarinda Km 12, Loa Janan Ilir\nKabupaten Kutai",
    )
    slip = _receipt(
        long_kop,
        sender_name="Ni Luh Putu Ayu Śrī Wahyuningsih Kusumawardhani",
        channel="Pesan WhatsApp ke nomor sekolah pada jam kerja",
        received_by="Dr. Hj. Raden Ajeng Kusumaningrum Wulandari, S.Pd., M.Pd., Kons.",
    )
    pages = _pages(render_receipt(slip))
    assert len(pages) == 1
    assert CODE in pages[0] and "Śrī" in pages[0]


# -- the sheet of blank slips ------------------------------------------------------------------


def test_sheet_prints_three_slips_a_page_each_with_its_code_on_the_stub_too() -> None:
    codes = tuple(f"KS-2026-{serial:04d}-AC3" for serial in range(11, 18))  # 7 slips
    pdf = render_slip_sheet(SlipSheet("SMA Negeri 1 Bontang", codes, PROMISE))
    pages = _pages(pdf)
    assert len(pages) == 3  # 3 + 3 + 1
    for number, text in enumerate(pages, start=1):
        on_page = codes[(number - 1) * SLIPS_PER_PAGE : number * SLIPS_PER_PAGE]
        for code in codes:
            # once on the form, once on the stub the writer keeps; on its own page only
            assert text.count(code) == (2 if code in on_page else 0), (number, code)
        assert text.count("KOTAK SARAN BK") == len(on_page)
        assert text.count("SIMPAN BAGIAN INI") == len(on_page)
        assert text.count("Nama (boleh dikosongkan):") == len(on_page)
        assert text.count("Kontak (boleh dikosongkan):") == len(on_page)
        assert text.count("SMA Negeri 1 Bontang") == 2 * len(on_page)  # form and stub
        assert _flat(text).count(_flat(CHECK_CODE_SENTENCE)) == len(on_page)
        assert f"Halaman {number} dari 3" in text
        assert FOOTER not in text  # blank slips are public
        _no_english(text)
    first = pages[0]
    for kind in ("Pengaduan", "Saran", "Masukan", "Apresiasi"):
        assert first.count(kind) >= SLIPS_PER_PAGE, kind
    assert "Isi:" in first and "Jenis:" in first


def test_each_stub_follows_its_own_slip() -> None:
    """The stub's code is printed right after its slip's form, never a neighbour's."""
    codes = ("KS-2026-0101-AC3", "KS-2026-0102-XY4", "KS-2026-0103-MN7")
    text = _pages(render_slip_sheet(SlipSheet("SMA Negeri 1 Bontang", codes, PROMISE)))[0]
    order = [match.group(0) for match in re.finditer(r"KS-2026-\d{4}-[A-Z0-9]{3}", text)]
    assert order == [code for code in codes for _ in range(2)]


# -- the notice board --------------------------------------------------------------------------


def _entry(serial: int, response: str) -> BoardEntry:
    return BoardEntry(
        code=f"KS-2026-{serial:04d}-AC3",
        kind="Saran",
        received_on=date(2026, 12, 1),
        status="Ditindaklanjuti",
        response=response,
    )


def test_board_lists_responses_by_code_with_the_date_printed(letterhead: Letterhead) -> None:
    page = BoardPage(
        letterhead,
        date(2026, 12, 8),
        (_entry(7, "Ruang BK dibuka juga pada jam istirahat kedua."), _entry(3, "Terima kasih.")),
    )
    pages = _pages(render_board(page))
    text = " ".join(pages)
    for expected in (
        "TANGGAPAN KOTAK SARAN",
        "Dicetak Selasa, 8 Desember 2026",
        "Kode",
        "Tanggapan",
        "KS-2026-0007-AC3",
        "KS-2026-0003-AC3",
        "1 Desember 2026",
        "Ditindaklanjuti",
        "Ruang BK dibuka juga pada jam istirahat kedua.",
        "Halaman 1 dari 1",
    ):
        assert expected in text, expected
    assert text.index("KS-2026-0007-AC3") < text.index("KS-2026-0003-AC3")  # as given
    assert FOOTER not in text  # it is pinned up
    _no_english(text)


def test_a_long_response_wraps_and_runs_across_pages(letterhead: Letterhead) -> None:
    sentences = [f"Kalimat tanggapan nomor {n} tentang jam buka ruang BK." for n in range(60)]
    page = BoardPage(
        letterhead,
        date(2026, 12, 8),
        (_entry(1, "Sudah."), _entry(2, " ".join(sentences)), _entry(3, "Sudah juga.")),
    )
    pages = _pages(render_board(page))
    assert len(pages) >= 2
    # the response's lines, page after page, without the page numbers and repeated headers
    running = " ".join(
        re.sub(r"Halaman \d+ dari \d+|Kode Jenis Diterima Status Tanggapan", "", page_text)
        for page_text in pages
    )
    for sentence in sentences:  # nothing cut off at a page's foot
        assert _flat(sentence) in _flat(running), sentence
    assert "KS-2026-0002-AC3" in pages[0] and "KS-2026-0003-AC3" in pages[-1]
    for number, page_text in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page_text
    # the header row is printed once per page, never a second time mid-page
    assert all(page_text.count("Kode Jenis Diterima Status") == 1 for page_text in pages)


def test_empty_board_says_so_instead_of_an_empty_table(letterhead: Letterhead) -> None:
    text = " ".join(_pages(render_board(BoardPage(letterhead, date(2026, 12, 8), ()))))
    assert BOARD_EMPTY in text
    assert "Kode Jenis" not in text
