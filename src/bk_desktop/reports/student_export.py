"""Salinan Data Pribadi Siswa: the copy of one student's data for the student or their
parent/guardian (UU PDP Ps. 32), on the school's kop with the RAHASIA footer.

The copy is made from a ``StudentExport`` (``domain.data_requests``) already filtered by
visibility and redacted: this module only lays it out. Each kind of record is a section;
each record its title and label/value rows (empty values are left out, the JSON keeps them
as null); the audit events about the student and the list of redactions are tables. Typed
text keeps its line breaks and may run over pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from bk_desktop.domain.data_requests import REDACTED, ExportField, ExportRecord, StudentExport
from bk_desktop.domain.dates import format_instant
from bk_desktop.reports.document import (
    fields,
    item_table,
    paragraph,
    render_document,
    section,
)
from bk_desktop.reports.fonts import FONT_BOLD, markup
from bk_desktop.reports.letterhead import Letterhead

KIND = "Salinan Data Pribadi Siswa"

_RECORD_TITLE = ParagraphStyle(
    "bk-export-record",
    fontName=FONT_BOLD,
    fontSize=10.5,
    leading=14,
    spaceBefore=2.5 * mm,
    spaceAfter=1 * mm,
    keepWithNext=1,
)


_EMPTY = ExportField("", "", "", None)


@dataclass(frozen=True)
class StudentExportData:
    letterhead: Letterhead
    zone: ZoneInfo
    export: StudentExport
    target_labels: Mapping[str, str]
    """The audit table's words for a record kind ("request" → "Permohonan")."""


TABLE_SECTIONS: Mapping[str, tuple[float, ...]] = {
    "request_history": (0.1, 0.24, 0.14, 0.14, 0.16, 0.22),
    "referral_history": (0.1, 0.28, 0.2, 0.42),
    "complaint_actions": (0.28, 0.15, 0.2, 0.37),
}
"""Sections of short steps, read best as one table (a line per step) than as blocks, with
their columns' shares of the width (the service's field order)."""


def _table(records: Sequence[ExportRecord], widths: Sequence[float]) -> Flowable:
    keys = [f.key for f in records[0].fields]
    labels = [f.label for f in records[0].fields]
    rows = [[(record.field(key) or _EMPTY).text for key in keys] for record in records]
    if len(widths) != len(keys):  # a field added later: share the width evenly
        widths = [1 / len(keys)] * len(keys)
    return item_table(labels, rows, widths)


def _record(record: ExportRecord) -> list[Flowable]:
    rows = [(f.label, f.text) for f in record.fields if f.text.strip()]
    title = Paragraph(markup(record.title, FONT_BOLD), _RECORD_TITLE)
    if not rows:
        return [title, paragraph("(tidak ada isian)")]
    return [title, fields(rows, label_width=46 * mm)]


def render_student_export(data: StudentExportData) -> bytes:
    export = data.export
    zone = data.zone
    made = format_instant(export.made_at, zone)
    on_request = (
        f" atas permohonan hak atas data pribadi nomor {export.data_request_number}"
        if export.data_request_number
        else ""
    )
    story: list[Flowable] = [
        paragraph(
            f"Salinan ini memuat data pribadi siswa yang tersimpan dalam brankas layanan "
            f"bimbingan dan konseling {export.school_name}, dibuat pada {made} oleh "
            f"{export.made_by}{on_request}, sesuai UU No. 27 Tahun 2022 tentang Pelindungan "
            f"Data Pribadi Pasal 32."
        ),
        paragraph(
            f"Bagian yang dapat membahayakan anak atau mengungkap data orang lain dapat "
            f"disamarkan (Pasal 33); bagian itu tertulis {REDACTED} dan tercantum pada daftar "
            f"di akhir salinan beserta alasannya."
        ),
        fields(
            [
                ("Nama siswa", export.student_name),
                ("Kelas", export.rombel or "–"),
                ("Nomor permohonan", export.data_request_number or "–"),
                ("Jumlah catatan", str(export.record_count)),
            ],
            label_width=46 * mm,
        ),
    ]
    for number, part in enumerate(export.sections, start=1):
        story.append(section(f"{number}. {part.title}"))
        for note in part.notes:
            story.append(paragraph(note))
        if not part.records:
            story.append(paragraph("Tidak ada catatan."))
        elif part.key in TABLE_SECTIONS:
            story.append(_table(part.records, TABLE_SECTIONS[part.key]))
        else:
            for record in part.records:
                story.extend(_record(record))
    labels = data.target_labels
    story.append(section(f"{len(export.sections) + 1}. Jejak audit tentang siswa ini"))
    story.append(
        paragraph(
            "Siapa yang mencatat, membuka, mencetak, mengekspor atau mengubah data siswa ini "
            "dan kapan; isi catatan tidak pernah masuk jejak audit."
        )
    )
    story.append(
        item_table(
            ("Waktu", "Kegiatan", "Oleh", "Sasaran"),
            [
                (
                    format_instant(line.at, zone),
                    line.label,
                    line.actor or "–",
                    f"{labels.get(line.target_kind, line.target_kind)} #{line.target_id}",
                )
                for line in export.audit
            ],
            (0.27, 0.37, 0.18, 0.18),
        )
    )
    story.append(section(f"{len(export.sections) + 2}. Bagian yang disamarkan"))
    if export.redactions:
        story.append(
            item_table(
                ("Catatan", "Isian", "Alasan"),
                [(note.record_title, note.field_label, note.reason) for note in export.redactions],
                (0.34, 0.22, 0.44),
            )
        )
    else:
        story.append(paragraph("Tidak ada bagian yang disamarkan."))
    subtitle = export.student_name + (f" — {export.rombel}" if export.rombel else "")
    return render_document(data.letterhead, KIND, story, subtitle=subtitle)
