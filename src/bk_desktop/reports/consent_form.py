"""The Formulir Persetujuan Layanan BK: the consent text a parent/guardian reads and signs.

The form carries the **version number** of its text, printed under the title, because the
register records which version was signed (UU PDP: the proof of consent names what was
agreed to). The student's name and class are filled when printed for one student from Siswa,
else left as lines to write on; the parent/guardian's name, relation, date and signature are
always written by hand, since the form is their own statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from bk_desktop.reports.document import (
    CONTENT_WIDTH,
    fields,
    free_text,
    paragraph,
    render_document,
    section,
)
from bk_desktop.reports.letterhead import Letterhead

KIND = "Formulir Persetujuan Layanan BK"
BLANK = "………………………………………………"
_SIGN_SPACE = 16 * mm
_LABEL_WIDTH = 50 * mm
"""Room for "Hubungan dengan siswa", the longest label."""


@dataclass(frozen=True)
class ConsentFormData:
    text: str
    version: int
    student_name: str = ""
    """The full name when printed for one student ("" leaves a line to write on)."""
    rombel: str = ""
    school_name: str = ""
    city: str = ""


def _signatures(data: ConsentFormData) -> Flowable:
    """Two columns: the parent/guardian who consents, the counsellor who receives the form;
    the names are written under the signatures by hand."""
    place = data.city.strip() or "…………………"
    rows = [
        [paragraph(""), paragraph(f"{place}, ……………………… 20……")],
        [paragraph("Orang tua/wali siswa,"), paragraph("Diterima oleh guru BK,")],
        [Spacer(1, _SIGN_SPACE), Spacer(1, _SIGN_SPACE)],
        [paragraph(f"( {BLANK} )"), paragraph(f"( {BLANK} )")],
    ]
    table = Table(rows, colWidths=[CONTENT_WIDTH / 2, CONTENT_WIDTH / 2], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def render_consent_form(letterhead: Letterhead, data: ConsentFormData) -> bytes:
    """One page (two for a long text): the student, the text, who consents, signatures."""
    school = data.school_name.strip()
    story: list[Flowable] = [
        section("Data siswa"),
        fields(
            [
                ("Nama siswa", data.student_name.strip() or BLANK),
                ("Kelas", data.rombel.strip() or BLANK),
                *([("Sekolah", school)] if school else []),
            ],
            label_width=_LABEL_WIDTH,
        ),
        section("Pernyataan"),
        *free_text(data.text),
        section("Yang memberi persetujuan"),
        fields(
            [
                ("Nama orang tua/wali", BLANK),
                ("Hubungan dengan siswa", "Ayah / Ibu / Wali (lingkari salah satu)"),
                ("Nomor telepon", BLANK),
            ],
            label_width=_LABEL_WIDTH,
        ),
        Spacer(1, 3 * mm),
        KeepTogether(
            [
                paragraph(
                    "Dengan menandatangani formulir ini, saya menyatakan telah membaca dan "
                    f"memahami naskah persetujuan versi {data.version} di atas dan menyetujuinya."
                ),
                _signatures(data),
            ]
        ),
    ]
    return render_document(
        letterhead, KIND, story, subtitle=f"Naskah persetujuan versi {data.version}"
    )


__all__ = ["KIND", "ConsentFormData", "render_consent_form"]
