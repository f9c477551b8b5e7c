"""Laporan Pelaksanaan Layanan Konseling Individual: a month, a semester or any period on paper.

The report a guru BK hands the kepala sekolah, in the seven parts schools write it under:
jenis kegiatan, waktu, sasaran, hasil (the measured parts, counted from the vault), analisis,
rencana tindak lanjut, faktor pendukung dan penghambat (the narrative parts, written by the
counsellor). The service counts and decides; this module only lays out one frozen
``PeriodReportData`` of labels, numbers and finished Indonesian strings and returns the PDF
bytes (``render_period_report``), on the shared frame of ``reports.document``.

Nothing here names a student: the figures are counts, and the late schedulings are listed by
their dates only, and Kotak Saran's late entries by their tracking codes. A narrative part
left empty prints "(belum diisi)", so a report printed before its narrative was written says so
rather than looking finished.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from bk_desktop.reports.charts import bidang_chart, monthly_chart
from bk_desktop.reports.document import (
    CONTENT_WIDTH,
    fields,
    free_text,
    item_table,
    paragraph,
    render_document,
    section,
    signature,
)
from bk_desktop.reports.letterhead import Letterhead, SignatureBlock

__all__ = [
    "COMPLAINTS_HEADING",
    "KIND",
    "NOT_WRITTEN",
    "ComplaintSummary",
    "LateRow",
    "PeriodReportData",
    "render_period_report",
]

COMPLAINTS_HEADING = "Pengaduan, Saran, Masukan dan Apresiasi"

KIND = "Laporan Pelaksanaan Layanan Konseling Individual"

_LABEL_WIDTH: float = 48 * mm
"""Room for the results' longest label ("Rata-rata lama sesi")."""

NOT_WRITTEN = "(belum diisi)"
"""What an empty narrative part prints."""


@dataclass(frozen=True)
class LateRow:
    """A permohonan whose time was not agreed within 1×24 jam, by dates only (no name)."""

    received: str
    """ "Senin, 3 Agustus 2026 08.15 WITA"."""
    deadline: str
    agreed: str
    """When the time was agreed, or "Belum dijadwalkan" / "Tidak dijadwalkan"."""
    late_by: str
    """ "5 jam 20 menit"."""


@dataclass(frozen=True)
class ComplaintSummary:
    """Kotak Saran's entries received in the period: counts, and the late ones by code."""

    total: int
    by_kind: tuple[tuple[str, int], ...]
    """Every type, zeros too."""
    by_channel: tuple[tuple[str, int], ...]
    """The channels that brought an entry (the school's own by their names)."""
    clocked: int
    """Pengaduan, saran and masukan: the entries the 3×24 h promise is about."""
    met: int
    decided: int
    """Clocked entries that can be judged: followed up, or past their deadline without."""
    share_text: str
    """ "86 %", or "belum ada yang dapat dinilai"."""
    late_codes: tuple[str, ...]
    """The late entries the reader's account may open, by code."""
    appreciation: int
    appreciation_thanked: int
    late_others: str = ""
    """The late entries not listed by code, counted by who handles them ("2 lainnya ditangani
    kepala sekolah"), or ""."""

    @property
    def late_items(self) -> tuple[str, ...]:
        """What the report lists as late: the codes, then the count of the others."""
        return (*self.late_codes, self.late_others) if self.late_others else self.late_codes


@dataclass(frozen=True)
class PeriodReportData:
    """Everything the report prints, already in words; see the module docstring.

    ``counted_until`` is "" for a period that has ended, else the sentence saying up to when
    it was counted. Count rows are (label, number) in the order they print; ``monthly`` rows
    are (month label, permohonan received, sessions held).
    """

    letterhead: Letterhead
    period_label: str
    counted_until: str
    school_name: str
    counsellors: str
    """Who served in the period ("3 guru BK"), as the jenis kegiatan part names them."""
    received: int
    by_source: tuple[tuple[str, int], ...]
    by_bidang: tuple[tuple[str, int], ...]
    students_served: int
    students_by_sex: tuple[tuple[str, int], ...]
    sessions_held: int
    sessions_measured: int
    average_minutes: str
    """ "41 menit", or "–" when no held session has its times recorded."""
    within_standard: int
    sessions_by_outcome: tuple[tuple[str, int], ...]
    clocks_decided: int
    clocks_met: int
    clocks_pending: int
    share_text: str
    """ "92 %", or "belum dapat diukur"."""
    late: tuple[LateRow, ...]
    cases_opened: int
    cases_closed: tuple[tuple[str, int], ...]
    follow_ups_done: tuple[tuple[str, int], ...]
    follow_ups_due: int
    monthly: tuple[tuple[str, int, int], ...]
    complaints: ComplaintSummary
    analysis: str
    follow_up_plan: str
    supporting: str
    hindering: str
    signature: SignatureBlock


def _after(table: Flowable) -> list[Flowable]:
    """A table and the air under it, so the sentence that follows does not touch its rule."""
    return [table, Spacer(1, 3 * mm)]


def _count_table(header: tuple[str, str], rows: tuple[tuple[str, int], ...]) -> list[Flowable]:
    total = sum(count for _label, count in rows)
    body = [[label, str(count)] for label, count in rows]
    if body:
        body.append(["Jumlah", str(total)])
    return _after(item_table(list(header), body, [0.75, 0.25]))


def _percent(part: int, whole: int) -> str:
    return "–" if whole == 0 else f"{round(100 * part / whole)} %"


def _narrative(text: str) -> list[Flowable]:
    return free_text(text) if text.strip() else [paragraph(NOT_WRITTEN)]


def _activity(data: PeriodReportData) -> list[Flowable]:
    return [
        section("1. Jenis kegiatan"),
        fields(
            [
                ("Kegiatan", "Layanan konseling individual (komponen layanan responsif)"),
                ("Satuan pendidikan", data.school_name),
                ("Pelaksana", data.counsellors),
                ("Bentuk", "Tatap muka atau daring, 30–45 menit per sesi"),
            ]
        ),
    ]


def _time(data: PeriodReportData) -> list[Flowable]:
    story: list[Flowable] = [
        section("2. Waktu"),
        fields([("Periode", data.period_label), ("Sesi terlaksana", str(data.sessions_held))]),
    ]
    if data.counted_until:
        story.append(paragraph(data.counted_until))
    rows = [[label, str(received), str(held)] for label, received, held in data.monthly]
    story += _after(item_table(["Bulan", "Permohonan", "Sesi terlaksana"], rows, [0.5, 0.25, 0.25]))
    if data.monthly:
        story.append(monthly_chart(data.monthly, width=CONTENT_WIDTH))
    return story


def _target(data: PeriodReportData) -> list[Flowable]:
    story: list[Flowable] = [
        section("3. Sasaran"),
        fields(
            [
                ("Permohonan diterima", str(data.received)),
                ("Siswa yang dilayani", str(data.students_served)),
            ]
        ),
    ]
    if data.students_by_sex:
        story += _count_table(("Siswa yang dilayani", "Jumlah"), data.students_by_sex)
    story += [
        paragraph("Permohonan menurut sumbernya:"),
        *_count_table(("Sumber permohonan", "Jumlah"), data.by_source),
        paragraph(
            "Permohonan menurut bidang layanan (hasil asesmen awal terakhir; satu permohonan "
            "dapat mencakup lebih dari satu bidang):"
        ),
        *_after(
            item_table(
                ["Bidang layanan", "Jumlah"],
                [[label, str(count)] for label, count in data.by_bidang],
                [0.75, 0.25],
            )
        ),
    ]
    if data.by_bidang and any(count for _label, count in data.by_bidang):
        story.append(bidang_chart(data.by_bidang, width=CONTENT_WIDTH))
    return story


def _results(data: PeriodReportData) -> list[Flowable]:
    story: list[Flowable] = [
        section("4. Hasil"),
        fields(
            [
                ("Sesi terlaksana", str(data.sessions_held)),
                ("Rata-rata lama sesi", data.average_minutes),
                (
                    "Sesi 30–45 menit",
                    f"{data.within_standard} dari {data.sessions_measured} sesi yang tercatat "
                    f"waktunya ({_percent(data.within_standard, data.sessions_measured)})",
                ),
            ],
            label_width=_LABEL_WIDTH,
        ),
        *_count_table(("Sesi yang direncanakan dalam periode", "Jumlah"), data.sessions_by_outcome),
        paragraph(
            f"Penjadwalan dalam 1×24 jam sejak permohonan diterima: {data.clocks_met} dari "
            f"{data.clocks_decided} permohonan yang dapat dinilai ({data.share_text})."
            + (
                f" {data.clocks_pending} permohonan masih dalam batas waktunya atau keluar dari "
                "alur penjadwalan sebelum batas waktunya, sehingga belum/tidak dinilai."
                if data.clocks_pending
                else ""
            )
        ),
    ]
    if data.late:
        story += [
            paragraph("Permohonan yang tidak dijadwalkan dalam 1×24 jam (tanpa nama):"),
            *_after(
                item_table(
                    ["No", "Diterima", "Batas waktu", "Jadwal disepakati", "Terlambat"],
                    [
                        [str(n), row.received, row.deadline, row.agreed, row.late_by]
                        for n, row in enumerate(data.late, start=1)
                    ],
                    [0.06, 0.27, 0.25, 0.25, 0.17],
                )
            ),
        ]
    story += [
        fields([("Kasus dibuka", str(data.cases_opened))], label_width=_LABEL_WIDTH),
        *_count_table(("Kasus ditutup menurut keadaan akhirnya", "Jumlah"), data.cases_closed),
        paragraph(
            f"Penilaian tindak lanjut yang jatuh tempo dalam periode: {data.follow_ups_due}."
        ),
        *_count_table(("Penilaian tindak lanjut yang dilakukan", "Jumlah"), data.follow_ups_done),
    ]
    return story


def _complaints(data: ComplaintSummary) -> list[Flowable]:
    """The standard's promise about complaints, suggestions and input, measured."""
    story: list[Flowable] = [section(COMPLAINTS_HEADING)]
    if data.total == 0:
        story.append(
            paragraph(
                "Tidak ada pengaduan, saran, masukan, atau apresiasi yang diterima dalam "
                "periode ini."
            )
        )
        return story
    story += [
        fields([("Entri diterima", str(data.total))], label_width=_LABEL_WIDTH),
        *_count_table(("Jenis", "Jumlah"), data.by_kind),
        *_count_table(("Saluran", "Jumlah"), data.by_channel),
    ]
    waiting = data.clocked - data.decided
    if data.decided:
        judged = (
            f"Pengaduan, saran dan masukan yang ditindaklanjuti dalam 3×24 jam: {data.met} dari "
            f"{data.decided} entri yang dapat dinilai ({data.share_text})."
        )
    else:
        judged = (
            f"Pengaduan, saran dan masukan yang ditindaklanjuti dalam 3×24 jam: {data.share_text}."
        )
    if waiting:
        judged += f" {waiting} entri masih dalam batas waktunya, sehingga belum dinilai."
    story.append(paragraph(judged))
    if data.late_items:
        listed = ", ".join(data.late_items)
        story.append(
            paragraph(
                "Ditindaklanjuti terlambat atau belum ditindaklanjuti melewati batas 3×24 jam "
                f"(menurut kode): {listed}."
            )
        )
    story.append(
        paragraph(
            f"Apresiasi diterima: {data.appreciation}; sudah ditanggapi: "
            f"{data.appreciation_thanked}."
        )
    )
    return story


def render_period_report(data: PeriodReportData) -> bytes:
    """The report as PDF bytes (A4, kop, charts, page numbers, RAHASIA footer, signatures)."""
    story: list[Flowable] = []
    story += _activity(data)
    story += _time(data)
    story += _target(data)
    story += _results(data)
    story += _complaints(data.complaints)
    story += [section("5. Analisis"), *_narrative(data.analysis)]
    story += [section("6. Rencana tindak lanjut"), *_narrative(data.follow_up_plan)]
    story += [
        section("7. Faktor pendukung dan penghambat"),
        section("Faktor pendukung"),
        *_narrative(data.supporting),
        section("Faktor penghambat"),
        *_narrative(data.hindering),
    ]
    story += signature(data.signature)
    return render_document(data.letterhead, KIND, story, subtitle=f"Periode {data.period_label}")
