"""Ringkasan Sesi Konseling: one held session on paper, for the case file or the principal.

The service decides what is printed and hands over one frozen ``SessionSummaryData``;
``render_session_summary`` returns the PDF bytes. A part set to ``None`` was left out by
the user and is not printed at all (no heading either); a part chosen but empty prints
"(tidak dicatat)". Labels are Indonesian only.

- ``student_name`` (initials or full name: the service decides), ``student_number`` as it
  should read ("NISN 0012345678", "NIS 2301", or "" to leave the row out), ``rombel``,
  ``counsellor_name``; ``case_number`` as the program shows it ("014/2026"; "" leaves the
  row out); ``meeting_number``: pertemuan ke-n.
- ``start``/``end``: aware instants of the session as held, printed in ``zone``:
  "Kamis, 3 Desember 2026" and "08.00–08.45 WITA"; ``place`` and ``mode`` are labels.
- ``bidang``: the bidang layanan labels ("Pribadi", "Belajar").
- ``problem``: ringkasan masalah; ``understanding``/``comfort``/``action``: the laiseg, printed
  as "Pemahaman baru", "Perasaan", "Tindakan" (the section is left out when all three are
  None); ``alternatives``: (text, chosen) pairs; ``action_items``: the rencana aksi
  (``action_plan.ActionLine``); ``next_session``: ``action_plan.NextMeeting``; ``notes``:
  the free-text session notes, only when the user chose to print them.
- ``signature``: the full block, principal ("Mengetahui,") left and the guru BK right.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable

from bk_desktop.domain.dates import (
    format_clock,
    format_date,
    format_instant,
    format_long_date,
    to_local,
    zone_abbreviation,
)
from bk_desktop.reports.action_plan import ActionLine, NextMeeting, meeting_time
from bk_desktop.reports.document import (
    NOT_RECORDED,
    fields,
    free_text,
    item_table,
    paired_fields,
    render_document,
    section,
    signature,
)
from bk_desktop.reports.letterhead import Letterhead, SignatureBlock

KIND = "Ringkasan Sesi Konseling"


@dataclass(frozen=True)
class SessionSummaryData:
    """Everything the Ringkasan Sesi Konseling prints; see the module docstring."""

    letterhead: Letterhead
    zone: ZoneInfo
    student_name: str
    student_number: str
    rombel: str
    counsellor_name: str
    case_number: str
    meeting_number: int
    start: datetime
    end: datetime
    place: str
    mode: str
    bidang: tuple[str, ...]
    problem: str | None
    understanding: str | None
    comfort: str | None
    action: str | None
    alternatives: tuple[tuple[str, bool], ...] | None
    action_items: tuple[ActionLine, ...] | None
    next_session: NextMeeting | None
    notes: str | None
    signature: SignatureBlock


def _held(data: SessionSummaryData) -> tuple[str, str]:
    """The day and the slot as held; a session that ran past midnight names both ends."""
    start = to_local(data.start, data.zone)
    end = to_local(data.end, data.zone)
    if start.date() != end.date():
        return format_long_date(start.date()), (
            f"{format_instant(data.start, data.zone)} – {format_instant(data.end, data.zone)}"
        )
    slot = f"{format_clock(start.time())}–{format_clock(end.time())}"
    return format_long_date(start.date()), f"{slot} {zone_abbreviation(data.zone, at=start)}"


def _identity(data: SessionSummaryData) -> list[Flowable]:
    """Who on the left, when and where on the right: half the height of one column, so a
    usual summary fits one sheet with its signatures."""
    who = [("Nama siswa", data.student_name)]
    if data.student_number.strip():
        who.append(("Nomor induk", data.student_number))
    who += [("Kelas", data.rombel), ("Guru BK", data.counsellor_name)]
    if data.case_number.strip():
        who.append(("Nomor kasus", data.case_number))
    day, slot = _held(data)
    when = [
        ("Hari, tanggal", day),
        ("Waktu", slot),
        ("Tempat", data.place),
        ("Layanan", data.mode),
        ("Bidang", ", ".join(part for part in data.bidang if part.strip())),
    ]
    return [section("Identitas dan pelaksanaan"), paired_fields(who, when)]


def _laiseg(data: SessionSummaryData) -> list[Flowable]:
    parts = (
        ("Pemahaman baru", data.understanding),
        ("Perasaan", data.comfort),
        ("Tindakan", data.action),
    )
    rows = [(label, value) for label, value in parts if value is not None]
    if not rows:
        return []
    return [section("Penilaian segera (laiseg)"), fields(rows)]


def _alternatives(alternatives: tuple[tuple[str, bool], ...]) -> list[Flowable]:
    rows = [
        [str(number), text, "Dipilih" if chosen else ""]
        for number, (text, chosen) in enumerate(alternatives, start=1)
    ]
    return [
        section("Alternatif solusi"),
        item_table(["No", "Alternatif", "Keputusan"], rows, [0.07, 0.75, 0.18]),
    ]


def _action_items(items: tuple[ActionLine, ...]) -> list[Flowable]:
    rows = [
        [
            str(number),
            item.what,
            item.support,
            format_date(item.due_on),
            format_date(item.review_on) if item.review_on else "",
            item.status,
        ]
        for number, item in enumerate(items, start=1)
    ]
    return [
        section("Rencana aksi"),
        item_table(
            ["No", "Kegiatan", "Dukungan", "Batas waktu", "Ditinjau", "Status"],
            rows,
            [0.05, 0.28, 0.18, 0.175, 0.175, 0.14],
        ),
    ]


def _next_session(meeting: NextMeeting, zone: ZoneInfo) -> list[Flowable]:
    day, slot = meeting_time(meeting, zone)
    return [
        section("Sesi berikutnya"),
        fields([("Hari, tanggal", day), ("Waktu", slot), ("Tempat", meeting.place)]),
    ]


def render_session_summary(data: SessionSummaryData) -> bytes:
    """The Ringkasan Sesi Konseling as PDF bytes (A4, kop, page numbers, RAHASIA footer)."""
    story: list[Flowable] = _identity(data)
    if data.problem is not None:
        story += [section("Ringkasan masalah"), *free_text(data.problem)]
    story += _laiseg(data)
    if data.alternatives is not None:
        story += _alternatives(data.alternatives)
    if data.action_items is not None:
        story += _action_items(data.action_items)
    if data.next_session is not None:
        story += _next_session(data.next_session, data.zone)
    if data.notes is not None:
        story += [section("Catatan sesi"), *free_text(data.notes)]
    story += signature(data.signature)
    return render_document(data.letterhead, KIND, story, subtitle=_subtitle(data))


def _subtitle(data: SessionSummaryData) -> str:
    return f"Pertemuan ke-{data.meeting_number}"


__all__ = [
    "KIND",
    "NOT_RECORDED",
    "ActionLine",
    "NextMeeting",
    "SessionSummaryData",
    "render_session_summary",
]
