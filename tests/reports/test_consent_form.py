"""The Formulir Persetujuan Layanan BK, read back from its PDF."""

from __future__ import annotations

import io
import re
from dataclasses import replace

from pypdf import PdfReader

from bk_desktop.domain.consents import DEFAULT_CONSENT_TEXT
from bk_desktop.reports.consent_form import BLANK, KIND, ConsentFormData, render_consent_form
from bk_desktop.reports.letterhead import Letterhead


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_blank_form_carries_the_kop_the_text_and_its_version_with_lines_to_write_on(
    letterhead: Letterhead,
) -> None:
    pdf = render_consent_form(
        letterhead, ConsentFormData(text=DEFAULT_CONSENT_TEXT, version=3, city="Bontang")
    )
    texts = pages(pdf)
    text = flat(" ".join(texts))
    assert len(texts) == 1
    assert "SMA NEGERI 1 BONTANG" in text
    assert KIND.upper() in text
    assert "Naskah persetujuan versi 3" in text
    assert "Undang-Undang Nomor 27 Tahun 2022" in text
    assert "Batas kerahasiaan" in text
    assert "naskah persetujuan versi 3 di atas" in text
    assert "Nama siswa" in text and BLANK in text
    assert "Orang tua/wali siswa," in text and "Diterima oleh guru BK," in text
    assert "Halaman 1 dari 1" in text
    for word in ("None", "nan", "Page", "Signature", "Name", "(tidak dicatat)"):
        assert not re.search(rf"\b{re.escape(word)}\b", text), word
    metadata = PdfReader(io.BytesIO(pdf)).metadata or {}
    assert metadata.get("/Title") == KIND


def test_a_form_printed_for_one_student_names_them_and_their_class(
    letterhead: Letterhead,
) -> None:
    pdf = render_consent_form(
        letterhead,
        ConsentFormData(
            text="Saya setuju.\n\nSaya boleh menarik persetujuan ini.",
            version=2,
            student_name="Ayu Lestari",
            rombel="X MIPA 1",
            school_name="SMA Negeri 1 Bontang",
        ),
    )
    text = flat(" ".join(pages(pdf)))
    assert "Nama siswa : Ayu Lestari" in text
    assert "Kelas : X MIPA 1" in text
    assert "Saya boleh menarik persetujuan ini." in text
    assert "Naskah persetujuan versi 2" in text


def test_the_default_text_printed_for_one_student_is_signed_on_the_same_page(
    letterhead: Letterhead,
) -> None:
    """A signature on a page of its own could be stapled to any text: the form a parent
    signs is one page with the school's line and the student filled in."""
    # The demo school's kop: its contact line takes two lines.
    kop = replace(
        letterhead,
        contact_line=(
            "Telepon (0548) 579957 · Pos-el sman1bontang@sch.id · Laman sman1bontang.sch.id"
        ),
    )
    pdf = render_consent_form(
        kop,
        ConsentFormData(
            text=DEFAULT_CONSENT_TEXT,
            version=1,
            student_name="Dewi Retno Lestari",
            rombel="XII Bahasa 1",
            school_name="SMA Negeri 1 Bontang",
            city="Bontang",
        ),
    )
    texts = pages(pdf)
    assert len(texts) == 1
    assert "Diterima oleh guru BK," in texts[0]
