"""The Catatan Kegiatan Pemrosesan Data Pribadi: the school's record of what the BK room keeps.

UU PDP No. 27/2022 asks a controller to know and show what personal data it processes, why,
for how long, where, and who reaches it (Ps. 31), and to name whom to ask about it. This
document says so for the BK room's vault, on the school's kop, signed by the koordinator BK
and acknowledged by the kepala sekolah. It holds counts and staff names only: no student is
named in it, so it may be shown to an inspector or a parent who asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable

from bk_desktop.domain.dates import format_long_date
from bk_desktop.reports.document import (
    fields,
    item_table,
    paragraph,
    render_document,
    section,
    signature,
)
from bk_desktop.reports.letterhead import Letterhead, SignatureBlock

KIND = "Catatan Kegiatan Pemrosesan Data Pribadi"


@dataclass(frozen=True)
class KeptKind:
    """One kind of data the vault keeps: its name, what it holds, how many records now."""

    name: str
    holds: str
    count: int | None
    """None when this vault has no table for it yet (a later version's kind)."""


@dataclass(frozen=True)
class AccessGroup:
    """The accounts of one role: the role, how many, their names, what they may reach."""

    role: str
    count: int
    names: tuple[str, ...]
    reach: str


@dataclass(frozen=True)
class ProcessingRecordData:
    letterhead: Letterhead
    school_name: str
    made_on: date
    kept: Sequence[KeptKind]
    purposes: Sequence[str]
    retention: str
    places: Sequence[str]
    access: Sequence[AccessGroup]
    officer: Sequence[tuple[str, str]]
    """The data-protection officer as label/value rows; an empty value prints as unset."""
    signature: SignatureBlock


def _numbered(lines: Sequence[str]) -> list[Flowable]:
    return [paragraph(f"{index}. {line}") for index, line in enumerate(lines, start=1)]


def render_processing_record(data: ProcessingRecordData) -> bytes:
    """The record as PDF bytes: seven parts, then the signatures."""
    story: list[Flowable] = [
        paragraph(
            f"Catatan ini menjelaskan data pribadi yang diproses oleh layanan bimbingan dan "
            f"konseling (BK) {data.school_name} dengan program bk-desktop, keadaan pada "
            f"{format_long_date(data.made_on)}. Catatan ini tidak memuat nama atau data siswa "
            f"mana pun."
        ),
        section("1. Data yang disimpan"),
        # A line between heading and table: the heading keeps with it, and the long table
        # then starts on this page and runs over, instead of leaving page 1 blank.
        paragraph("Jumlah catatan dihitung langsung dari brankas data pada hari ini."),
        item_table(
            ("Jenis data", "Isi", "Jumlah catatan"),
            [
                (
                    kind.name,
                    kind.holds,
                    "–" if kind.count is None else f"{kind.count:,}".replace(",", "."),
                )
                for kind in data.kept
            ],
            (0.26, 0.56, 0.18),
        ),
        section("2. Tujuan dan dasar pemrosesan"),
        *_numbered(data.purposes),
        section("3. Lama penyimpanan"),
        paragraph(data.retention),
        section("4. Tempat penyimpanan dan pengamanan"),
        *_numbered(data.places),
        section("5. Pihak yang dapat mengakses"),
        item_table(
            ("Peran", "Jumlah", "Nama", "Yang dapat diakses"),
            [
                (group.role, str(group.count), ", ".join(group.names) or "–", group.reach)
                for group in data.access
            ],
            (0.18, 0.1, 0.36, 0.36),
        ),
        section("6. Petugas pelindungan data pribadi"),
        fields(data.officer),
        section("7. Hak siswa dan orang tua/wali"),
        paragraph(
            "Siswa dan orang tua/wali dapat meminta akses, perbaikan, penghentian pemrosesan "
            "atau penghapusan data melalui guru BK atau petugas di atas. Jawaban diberikan "
            "dalam 3×24 jam sesuai UU PDP No. 27/2022 Pasal 32."
        ),
        *signature(data.signature),
    ]
    return render_document(data.letterhead, KIND, story)


__all__ = ["KIND", "AccessGroup", "KeptKind", "ProcessingRecordData", "render_processing_record"]
