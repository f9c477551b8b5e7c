"""Realistic document data shared by the report tests: a kop with two logos, a filled session
summary and its action plan, at a WITA school."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from PIL import Image, ImageDraw

from bk_desktop.reports.action_plan import ActionLine, ActionPlanData, NextMeeting
from bk_desktop.reports.letterhead import Letterhead, Signatory, SignatureBlock
from bk_desktop.reports.session_summary import SessionSummaryData

WITA = ZoneInfo("Asia/Makassar")


def logo_bytes(colour: tuple[int, int, int], size: tuple[int, int] = (240, 280)) -> bytes:
    """A small PNG standing in for a school's logo (a coloured shield shape)."""
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.polygon(
        [(0, 0), (width, 0), (width, height * 2 // 3), (width // 2, height), (0, height * 2 // 3)],
        fill=(*colour, 255),
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def letterhead() -> Letterhead:
    return Letterhead(
        government_line="PEMERINTAH PROVINSI KALIMANTAN TIMUR",
        agency_line="DINAS PENDIDIKAN DAN KEBUDAYAAN",
        school_name="SMA Negeri 1 Bontang",
        address_line="Jl. Awang Long No. 1, Bontang Utara, Kota Bontang 75311",
        contact_line="Telp. (0548) 21234 · sman1bontang@example.sch.id · sman1bontang.sch.id",
        left_logo=logo_bytes((30, 90, 160)),
        right_logo=logo_bytes((200, 40, 40)),
    )


def counsellor_block(*, student: str | None = None) -> SignatureBlock:
    return SignatureBlock(
        city="Bontang",
        signed_on=date(2026, 12, 3),
        school_name="SMA Negeri 1 Bontang",
        counsellor=Signatory("Dra. Siti Rahmawati, M.Pd.", nip="197501012000032001"),
        principal=None
        if student is not None
        else Signatory("Drs. Ahmad Yani, M.Si.", nip="196805121994031005"),
        student=student,
    )


@pytest.fixture
def signature() -> SignatureBlock:
    """The guru BK with the principal's "Mengetahui": a case report's closing."""
    return counsellor_block()


ITEMS = (
    ActionLine(
        "Menyusun jadwal belajar harian dan menempelnya di kamar",
        "Wali kelas memeriksa setiap Senin",
        date(2026, 12, 7),
        date(2026, 12, 10),
        "Belum dimulai",
    ),
    ActionLine(
        "Bertanya kepada guru Matematika setelah pelajaran bila ada materi yang belum paham",
        "Guru Matematika, Bu Ratna",
        date(2026, 12, 11),
        date(2026, 12, 14),
        "Sedang berjalan",
    ),
    ActionLine(
        "Tidur paling lambat pukul 22.00 pada hari sekolah",
        "Orang tua mengingatkan",
        date(2026, 12, 14),
        None,
        "Belum dimulai",
    ),
)


@pytest.fixture
def summary(letterhead: Letterhead) -> SessionSummaryData:
    return SessionSummaryData(
        letterhead=letterhead,
        zone=WITA,
        student_name="A.R.",
        student_number="NISN 0012345678",
        rombel="XI IPA 2",
        counsellor_name="Dra. Siti Rahmawati, M.Pd.",
        case_number="014/2026",
        meeting_number=2,
        start=datetime(2026, 12, 3, 0, 0, tzinfo=UTC),
        end=datetime(2026, 12, 3, 0, 45, tzinfo=UTC),
        place="Ruang BK",
        mode="Tatap muka",
        bidang=("Pribadi", "Belajar"),
        problem=(
            "Nilai ulangan turun sejak pertengahan semester; siswa merasa tertinggal dan "
            "malu bertanya di kelas.\nOrang tua baru saja pindah kerja ke luar kota."
        ),
        understanding="Menyadari bahwa menunda bertanya membuat ketertinggalan bertambah.",
        comfort="Lega setelah bercerita; masih cemas menghadapi ulangan berikutnya.",
        action="Mau mencoba jadwal belajar dan bertanya kepada guru.",
        alternatives=(
            ("Belajar kelompok dengan teman sebangku", False),
            ("Menyusun jadwal belajar harian dan bertanya kepada guru", True),
            ("Mengikuti les tambahan di luar sekolah", False),
        ),
        action_items=ITEMS,
        next_session=NextMeeting(datetime(2026, 12, 10, 0, 0, tzinfo=UTC), 45, "Ruang BK"),
        notes=None,
        signature=counsellor_block(),
    )


@pytest.fixture
def plan(letterhead: Letterhead) -> ActionPlanData:
    return ActionPlanData(
        letterhead=letterhead,
        zone=WITA,
        student_name="A.R.",
        rombel="XI IPA 2",
        counsellor_name="Dra. Siti Rahmawati, M.Pd.",
        agreed_on=date(2026, 12, 3),
        items=ITEMS,
        next_session=NextMeeting(datetime(2026, 12, 10, 0, 0, tzinfo=UTC), 45, "Ruang BK"),
        signature=counsellor_block(student="A.R."),
    )
