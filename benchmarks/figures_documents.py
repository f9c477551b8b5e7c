"""Printed-document figures: what rendering a Ringkasan Sesi Konseling costs.

``pdf_session_summary``: ``render_session_summary`` of a realistic summary — the kop with two
logos (PNG, decoded each time as the vault hands them over as bytes), the identity rows, a
problem summary of a few paragraphs, the laiseg, three alternatives, six action items, the
next session, session notes and the signature block — read into bytes in memory. Floor: a
bare one-page reportlab document (``SimpleDocTemplate``, a bold title and the same paragraphs
in the same DejaVu fonts, no kop, tables or page numbers). The fonts are registered before
either is timed, as they are after the program's first document. Median of several rounds.

The ratio says what the frame costs over reportlab itself: the kop and its logos, the tables,
the per-character font fallback and the second pass over the pages for "Halaman x dari y".
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from bk_desktop.reports.action_plan import ActionLine, NextMeeting
from bk_desktop.reports.fonts import FONT_BOLD, FONT_REGULAR, register_fonts
from bk_desktop.reports.letterhead import Letterhead, Signatory, SignatureBlock
from bk_desktop.reports.session_summary import SessionSummaryData, render_session_summary

Figure = dict[str, float | str | None]

PARAGRAPHS = (
    "Nilai ulangan turun sejak pertengahan semester; siswa merasa tertinggal dan malu bertanya "
    "di kelas. Ia jarang mengerjakan tugas rumah karena membantu orang tua berjualan sore hari.",
    "Orang tua baru saja pindah kerja ke luar kota, sehingga siswa tinggal bersama neneknya. "
    "Siswa mengatakan sulit tidur dan sering terlambat masuk sekolah pada hari Senin.",
    "Siswa ingin naik kelas dengan nilai yang baik dan bercita-cita masuk sekolah kedinasan; ia "
    "bersedia mencoba jadwal belajar baru dan bertanya kepada guru mata pelajaran.",
)


def _logo(colour: tuple[int, int, int]) -> bytes:
    image = Image.new("RGBA", (300, 340), (255, 255, 255, 0))
    ImageDraw.Draw(image).ellipse((10, 10, 290, 330), fill=(*colour, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def realistic_summary() -> SessionSummaryData:
    start = datetime(2026, 12, 3, 0, 0, tzinfo=UTC)
    items = tuple(
        ActionLine(
            f"Langkah {n}: menyusun jadwal belajar dan mengerjakan latihan soal bab {n}",
            "Wali kelas memeriksa setiap Senin",
            date(2026, 12, 7 + n),
            date(2026, 12, 10 + n),
            "Belum dimulai",
        )
        for n in range(1, 7)
    )
    return SessionSummaryData(
        letterhead=Letterhead(
            "PEMERINTAH PROVINSI KALIMANTAN TIMUR",
            "DINAS PENDIDIKAN DAN KEBUDAYAAN",
            "SMA Negeri 1 Bontang",
            "Jl. Awang Long No. 1, Bontang Utara, Kota Bontang 75311",
            "Telp. (0548) 21234 · sman1bontang@example.sch.id",
            left_logo=_logo((30, 90, 160)),
            right_logo=_logo((200, 40, 40)),
        ),
        zone=ZoneInfo("Asia/Makassar"),
        student_name="A.R.",
        student_number="NISN 0012345678",
        rombel="XI IPA 2",
        counsellor_name="Dra. Siti Rahmawati, M.Pd.",
        case_number="014/2026",
        meeting_number=2,
        start=start,
        end=start + timedelta(minutes=45),
        place="Ruang BK",
        mode="Tatap muka",
        bidang=("Pribadi", "Belajar"),
        problem="\n\n".join(PARAGRAPHS),
        understanding="Menyadari bahwa menunda bertanya membuat ketertinggalan bertambah.",
        comfort="Lega setelah bercerita; masih cemas menghadapi ulangan berikutnya.",
        action="Mau mencoba jadwal belajar dan bertanya kepada guru.",
        alternatives=(
            ("Belajar kelompok dengan teman sebangku", False),
            ("Menyusun jadwal belajar harian dan bertanya kepada guru", True),
            ("Mengikuti les tambahan di luar sekolah", False),
        ),
        action_items=items,
        next_session=NextMeeting(start + timedelta(days=7), 45, "Ruang BK"),
        notes=PARAGRAPHS[0],
        signature=SignatureBlock(
            "Bontang",
            date(2026, 12, 3),
            "SMA Negeri 1 Bontang",
            Signatory("Dra. Siti Rahmawati, M.Pd.", nip="197501012000032001"),
            Signatory("Drs. Ahmad Yani, M.Si.", nip="196805121994031005"),
        ),
    )


def bare_document() -> bytes:
    """The floor: one page of the same text in the same fonts, nothing else."""
    body = ParagraphStyle("floor-body", fontName=FONT_REGULAR, fontSize=10.5, leading=14.5)
    title = ParagraphStyle("floor-title", parent=body, fontName=FONT_BOLD, fontSize=13.5)
    buffer = io.BytesIO()
    story = [Paragraph("RINGKASAN SESI KONSELING", title)]
    story += [Paragraph(text, body) for text in PARAGRAPHS]
    SimpleDocTemplate(buffer, pagesize=A4, initialFontName=FONT_REGULAR).build(story)
    return buffer.getvalue()


def _median(rounds: int, make: Callable[[], bytes]) -> float:
    make()  # the first call warms reportlab's caches for both alike
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        make()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(*, quick: bool = False) -> dict[str, Figure]:
    register_fonts()
    data = realistic_summary()
    rounds = 5 if quick else 21
    value = _median(rounds, lambda: render_session_summary(data))
    floor = _median(rounds, bare_document)
    return {
        "pdf_session_summary": {
            "value": value,
            "unit": "s",
            "floor": floor,
            "ratio": value / floor,
        }
    }


if __name__ == "__main__":
    print(measure())
