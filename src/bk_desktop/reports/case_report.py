"""Laporan Kasus: one case from its opening to its follow-ups, for the case file or the principal.

The service decides what is printed (initials or the full name, the free-text notes or not)
and hands over one frozen ``CaseReportData``; ``render_case_report`` returns the PDF bytes.
The order is that of a studi kasus as schools write it: who and which case, the problem as
told, the studi-kasus headings (identifikasi, diagnosis, prognosis, treatment), then what was
done — every session in order (a table first, so a principal sees the course at a glance, then
what each held session produced), the action plan and the follow-ups — and the signatures.

- ``student_name`` (initials or full name), ``student_number`` ("NISN …", or "" to leave the
  row out), ``rombel``, ``counsellor_name``, ``case_number`` ("014/2026"); ``opened_on``,
  ``closed_on`` (None while open), ``status`` and ``confidentiality`` as labels,
  ``close_reason`` ("" while open), ``bidang`` labels; ``problem``: the permohonan as told.
- ``sessions``: every session of the case in order (``CaseSession``): held ones carry their
  laiseg and alternatives; cancelled or missed ones their reason; ``notes`` is None unless the
  user chose to print the free-text notes.
- ``action_items``: (pertemuan ke-n or None, ``ActionLine``); ``follow_ups``: laijapen and
  laijapang with their result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable

from bk_desktop.domain.dates import (
    MONTH_NAMES,
    format_clock,
    format_instant,
    format_long_date,
    to_local,
    zone_abbreviation,
)
from bk_desktop.reports.action_plan import ActionLine
from bk_desktop.reports.document import (
    fields,
    free_text,
    item_table,
    paired_fields,
    paragraph,
    render_document,
    section,
    signature,
)
from bk_desktop.reports.letterhead import Letterhead, SignatureBlock

KIND = "Laporan Kasus"


@dataclass(frozen=True)
class CaseSession:
    """One session of the case as it is reported.

    ``start``/``end`` are the times as held (held sessions) or as planned (the others);
    ``status`` is a label ("Selesai", "Batal", "Tidak hadir", "Terjadwal"), ``reason`` why it
    was cancelled or missed. ``addenda`` are (written at, author, text), printed with the
    notes only.
    """

    number: int | None
    start: datetime
    end: datetime
    place: str
    mode: str
    status: str
    reason: str
    held: bool
    understanding: str = ""
    comfort: str = ""
    action: str = ""
    alternatives: tuple[tuple[str, bool], ...] = ()
    notes: str | None = None
    addenda: tuple[tuple[datetime, str, str], ...] = ()

    @property
    def minutes(self) -> int:
        return round((self.end - self.start).total_seconds() / 60)


@dataclass(frozen=True)
class CaseFollowUp:
    kind: str
    due_on: date
    done_on: date | None
    result: str


@dataclass(frozen=True)
class CaseReportData:
    """Everything the Laporan Kasus prints; see the module docstring."""

    letterhead: Letterhead
    zone: ZoneInfo
    student_name: str
    student_number: str
    rombel: str
    counsellor_name: str
    case_number: str
    opened_on: date
    closed_on: date | None
    status: str
    close_reason: str
    bidang: tuple[str, ...]
    confidentiality: str
    problem: str
    identification: str
    diagnosis: str
    prognosis: str
    treatment_goal: str
    treatment_approach: str
    treatment_technique: str
    sessions: tuple[CaseSession, ...]
    action_items: tuple[tuple[int | None, ActionLine], ...]
    follow_ups: tuple[CaseFollowUp, ...]
    signature: SignatureBlock


def short_date(day: date) -> str:
    """A date in a narrow table column: "3 Des 2026" (Indonesian month abbreviations)."""
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"


def _slot(start: datetime, end: datetime, zone: ZoneInfo) -> tuple[str, str]:
    """("Kamis, 3 Desember 2026", "08.00–08.45 WITA"); past midnight both ends are named."""
    local_start, local_end = to_local(start, zone), to_local(end, zone)
    if local_start.date() != local_end.date():
        return format_long_date(local_start.date()), (
            f"{format_instant(start, zone)} – {format_instant(end, zone)}"
        )
    slot = f"{format_clock(local_start.time())}–{format_clock(local_end.time())}"
    return format_long_date(local_start.date()), f"{slot} {zone_abbreviation(zone, at=local_start)}"


def _identity(data: CaseReportData) -> list[Flowable]:
    who = [("Nama siswa", data.student_name)]
    if data.student_number.strip():
        who.append(("Nomor induk", data.student_number))
    who += [("Kelas", data.rombel), ("Guru BK", data.counsellor_name)]
    case = [
        ("Nomor kasus", data.case_number),
        ("Dibuka", format_long_date(data.opened_on)),
        ("Status", data.status),
    ]
    if data.closed_on is not None:
        case.append(("Ditutup", format_long_date(data.closed_on)))
    case += [
        ("Bidang", ", ".join(part for part in data.bidang if part.strip())),
        ("Kerahasiaan", data.confidentiality),
    ]
    story: list[Flowable] = [section("Identitas kasus"), paired_fields(who, case)]
    if data.closed_on is not None:
        story.append(fields([("Alasan penutupan", data.close_reason)]))
    return story


def _study(data: CaseReportData) -> list[Flowable]:
    return [
        section("Masalah yang disampaikan"),
        *free_text(data.problem),
        section("1. Identifikasi"),
        *free_text(data.identification),
        section("2. Diagnosis"),
        *free_text(data.diagnosis),
        section("3. Prognosis"),
        *free_text(data.prognosis),
        section("4. Treatment"),
        fields(
            [
                ("Tujuan", data.treatment_goal),
                ("Pendekatan", data.treatment_approach),
                ("Teknik", data.treatment_technique),
            ]
        ),
    ]


def _session_table(data: CaseReportData) -> list[Flowable]:
    rows = []
    for session in data.sessions:
        day, slot = _slot(session.start, session.end, data.zone)
        status = f"{session.status}: {session.reason}" if session.reason.strip() else session.status
        rows.append(
            [
                str(session.number) if session.number is not None else "–",
                day,
                slot,
                f"{session.minutes} menit",
                f"{session.place} ({session.mode})" if session.place.strip() else session.mode,
                status,
            ]
        )
    held = sum(1 for session in data.sessions if session.held)
    story: list[Flowable] = [
        section("Sesi konseling"),
        paragraph(f"{held} sesi terlaksana dari {len(data.sessions)} sesi yang direncanakan."),
        item_table(
            ["Ke-", "Hari, tanggal", "Waktu", "Lama", "Tempat (layanan)", "Status"],
            rows,
            [0.06, 0.23, 0.21, 0.11, 0.17, 0.22],
        ),
    ]
    return story


def _session_detail(session: CaseSession, zone: ZoneInfo) -> list[Flowable]:
    day, slot = _slot(session.start, session.end, zone)
    number = f"Pertemuan ke-{session.number}" if session.number is not None else "Pertemuan"
    story: list[Flowable] = [
        section(f"{number} — {day}, {slot}"),
        fields(
            [
                ("Pemahaman baru", session.understanding),
                ("Perasaan", session.comfort),
                ("Tindakan", session.action),
            ]
        ),
    ]
    if session.alternatives:
        rows = [
            [str(number), text, "Dipilih" if chosen else ""]
            for number, (text, chosen) in enumerate(session.alternatives, start=1)
        ]
        story.append(item_table(["No", "Alternatif solusi", "Keputusan"], rows, [0.07, 0.75, 0.18]))
    if session.notes is not None:
        story += [paragraph("Catatan sesi:"), *free_text(session.notes)]
        for at, author, text in session.addenda:
            story += [
                paragraph(f"Adendum {format_instant(at, zone)} ({author or 'guru BK'}):"),
                *free_text(text),
            ]
    return story


def _action_items(items: tuple[tuple[int | None, ActionLine], ...]) -> list[Flowable]:
    rows = [
        [
            str(number),
            str(meeting) if meeting is not None else "–",
            item.what,
            item.support,
            short_date(item.due_on),
            item.status,
        ]
        for number, (meeting, item) in enumerate(items, start=1)
    ]
    return [
        section("Rencana aksi"),
        item_table(
            ["No", "Sesi ke-", "Kegiatan", "Dukungan", "Batas waktu", "Status"],
            rows,
            [0.05, 0.08, 0.35, 0.22, 0.13, 0.17],
        ),
    ]


def _follow_ups(follow_ups: tuple[CaseFollowUp, ...]) -> list[Flowable]:
    rows = [
        [
            str(number),
            follow_up.kind,
            short_date(follow_up.due_on),
            short_date(follow_up.done_on) if follow_up.done_on else "Belum dilaksanakan",
            follow_up.result,
        ]
        for number, follow_up in enumerate(follow_ups, start=1)
    ]
    return [
        section("Tindak lanjut (laijapen dan laijapang)"),
        item_table(
            ["No", "Jenis", "Jadwal", "Dilaksanakan", "Hasil"],
            rows,
            [0.05, 0.2, 0.13, 0.17, 0.45],
        ),
    ]


def render_case_report(data: CaseReportData) -> bytes:
    """The Laporan Kasus as PDF bytes (A4, kop, page numbers, RAHASIA footer); a long case
    runs over as many pages as it needs, table headers repeated."""
    story: list[Flowable] = [*_identity(data), *_study(data), *_session_table(data)]
    for session in data.sessions:
        if session.held:
            story += _session_detail(session, data.zone)
    story += _action_items(data.action_items)
    story += _follow_ups(data.follow_ups)
    story += signature(data.signature)
    return render_document(data.letterhead, KIND, story, subtitle=f"Nomor kasus {data.case_number}")


__all__ = [
    "KIND",
    "CaseFollowUp",
    "CaseReportData",
    "CaseSession",
    "render_case_report",
    "short_date",
]
