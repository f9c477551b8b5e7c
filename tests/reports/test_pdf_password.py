"""A PDF saved with a password opens only with it, and reads back whole."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from pypdf.constants import UserAccessPermissions
from pypdf.errors import FileNotDecryptedError
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from bk_desktop.reports.pdf_password import protect_pdf

PASSWORD = "Melati-Bontang-77"
TEXTS = ["Ringkasan Sesi Konseling", "Rencana Aksi Ni Luh Putu", "Halaman 3 dari 3"]


def _three_pages() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for text in TEXTS:
        canvas.drawString(72, 720, text)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_a_protected_pdf_opens_only_with_its_password_and_reads_back() -> None:
    protected = protect_pdf(_three_pages(), PASSWORD)

    reader = PdfReader(io.BytesIO(protected))
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        _ = reader.pages[0].extract_text()
    assert not reader.decrypt("salah-sandi")
    assert reader.decrypt(PASSWORD)
    assert [page.extract_text().strip() for page in reader.pages] == TEXTS


def test_the_encryption_is_aes_256_and_the_bytes_hold_no_plain_text() -> None:
    protected = protect_pdf(_three_pages(), PASSWORD)

    encrypt = PdfReader(io.BytesIO(protected)).trailer["/Encrypt"].get_object()
    assert encrypt["/V"] == 5 and encrypt["/R"] == 6  # AES-256, PDF 2.0's handler
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    assert b"Ringkasan" not in protected
    assert PASSWORD.encode() not in protected


def test_the_user_password_allows_printing_but_not_changing() -> None:
    reader = PdfReader(io.BytesIO(protect_pdf(_three_pages(), PASSWORD)))
    reader.decrypt(PASSWORD)

    granted = reader.user_access_permissions
    assert granted is not None
    assert UserAccessPermissions.PRINT in granted
    assert UserAccessPermissions.PRINT_TO_REPRESENTATION in granted
    assert UserAccessPermissions.MODIFY not in granted
    assert UserAccessPermissions.EXTRACT not in granted


def test_the_owner_password_is_never_the_user_password() -> None:
    """A random owner password: the user password opens the file as a *user* only."""
    reader = PdfReader(io.BytesIO(protect_pdf(_three_pages(), PASSWORD)))
    assert reader.decrypt(PASSWORD).name == "USER_PASSWORD"


def test_an_empty_password_is_refused() -> None:
    with pytest.raises(ValueError, match="needs a password"):
        protect_pdf(_three_pages(), "")
