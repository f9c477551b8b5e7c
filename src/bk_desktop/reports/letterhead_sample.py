"""A sample page of the school's kop surat and signature block (Pengaturan's "Pratinjau kop").

The counsellor sees every line and logo as they will print before the first real document
does, on the same frame as every document, and with no student in it.
"""

from __future__ import annotations

from bk_desktop.reports.document import paragraph, render_document, section, signature
from bk_desktop.reports.letterhead import Letterhead, SignatureBlock

KIND = "Contoh Kop Surat"

_EXPLANATION = (
    "Halaman ini menunjukkan kop surat dan blok tanda tangan seperti yang tercetak pada "
    "Ringkasan Sesi Konseling, Rencana Aksi dan dokumen BK lainnya. Periksa ejaan nama sekolah, "
    "alamat, logo, serta nama dan NIP kepala sekolah; semuanya diubah di Pengaturan → "
    "Identitas sekolah."
)
_MISSING = (
    "Titik-titik menandai data yang belum diisi di Pengaturan; pada dokumen, bagian itu "
    "ditulis tangan."
)


def render_letterhead_sample(letterhead: Letterhead, block: SignatureBlock) -> bytes:
    """One page: the kop, a short explanation, and the signature block."""
    story = [
        section("Tentang halaman ini"),
        paragraph(_EXPLANATION),
        paragraph(_MISSING),
        *signature(block),
    ]
    return render_document(letterhead, KIND, story)


__all__ = ["KIND", "render_letterhead_sample"]
