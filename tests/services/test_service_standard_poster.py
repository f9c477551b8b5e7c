"""The Standar Pelayanan poster: one public page made from the program's own rules and the
school's settings, read back as text."""

from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader

from bk_desktop.domain.service_standard import service_standard
from bk_desktop.domain.settings import Settings
from bk_desktop.services.documents import DocumentService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    words = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return len(reader.pages), words


def test_the_poster_is_one_public_page_with_every_promise(workspace: Workspace) -> None:
    document = DocumentService(workspace).service_standard_poster()
    pages, text = _text(document.pdf)
    assert pages == 1
    for words in (
        "STANDAR PELAYANAN",
        "KONSELING INDIVIDUAL",
        "PERSYARATAN",
        "PROSEDUR",
        "JANGKA WAKTU PELAYANAN",
        "PRODUK PELAYANAN",
        "GRATIS",
        "30–45 menit",
        "paling lambat 1×24 jam",
        "paling lambat 3×24 jam",
        "kotak saran",
        "Senin–Jumat pukul 07.00–15.00",
        "SMA NEGERI 1 BONTANG",
    ):
        assert words in text, words
    # Public: nothing of the confidential documents' frame.
    assert "RAHASIA" not in text and "Halaman" not in text
    assert document.file_name.startswith("Standar-Pelayanan-Konseling-Individual_")
    assert document.target_kind == "settings"


def test_the_poster_says_how_this_school_counts_its_clock_and_week(
    workspace: Workspace,
) -> None:
    service = SettingsService(workspace)
    service.save(
        replace(
            service.get(),
            school_days_only=True,
            school_week=(0, 1, 2, 3, 4, 5),
            school_start="07:15",
            school_end="13:30",
        )
    )
    _pages, text = _text(DocumentService(workspace).service_standard_poster().pdf)
    assert "Senin–Sabtu pukul 07.15–13.30" in text
    assert "dihitung pada hari sekolah" in text


def test_a_school_week_with_a_gap_lists_its_days() -> None:
    settings = Settings(school_name="SD Negeri 3", school_week=(0, 2, 4))
    [*_, times, _product, _complaints] = service_standard(settings).sections
    assert "Senin, Rabu, Jumat" in times.points[0][1]


def test_a_very_long_school_name_still_fits_one_page(workspace: Workspace) -> None:
    service = SettingsService(workspace)
    service.save(
        replace(
            service.get(),
            school_name="Sekolah Menengah Kejuruan Negeri 1 Bontang Bidang Teknologi " * 2,
            address_line="Jl. " + "Panjang Sekali " * 20,
        )
    )
    pages, text = _text(DocumentService(workspace).service_standard_poster().pdf)
    assert pages == 1 and "GRATIS" in text
