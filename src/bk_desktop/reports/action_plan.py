"""Rencana Aksi: the sheet the student takes home, in words a 13–17-year-old reads easily.

The service decides everything first (initials or full name, which items, the labels) and
hands over one frozen ``ActionPlanData``; ``render_action_plan`` returns the PDF bytes:

- ``student_name``: as the sheet shows it (initials unless the user chose the full name);
  ``rombel`` and ``counsellor_name`` as shown in the program;
- ``agreed_on``: the school-local day the plan was agreed (the session's day);
- ``items``: the student's actions (``ActionLine``: what, who helps, by when, when it is
  looked at again; ``status`` is not printed here, it is for the counsellor's summary);
- ``next_session``: the next meeting (``NextMeeting``), or None when none is planned;
- ``signature``: the student variant of the block, ``SignatureBlock(..., student=name)``:
  "Siswa," on the left, the guru BK with city and date on the right.

The sheet says what was agreed and when it is looked at again, and that it may be changed
together: a plan a student feels bound to alone is one they stop following.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable

from bk_desktop.domain.dates import (
    format_clock,
    format_date,
    format_long_date,
    to_local,
    zone_abbreviation,
)
from bk_desktop.reports.document import (
    fields,
    item_table,
    paragraph,
    render_document,
    section,
    signature,
)
from bk_desktop.reports.letterhead import Letterhead, SignatureBlock

KIND = "Rencana Aksi"


@dataclass(frozen=True)
class ActionLine:
    """One agreed action: ``what`` the student does, ``support`` (who helps and how),
    ``due_on`` (done by), ``review_on`` (looked at again; None when not set) and ``status``,
    already an Indonesian label ("Belum dimulai", "Selesai", …)."""

    what: str
    support: str
    due_on: date
    review_on: date | None
    status: str


@dataclass(frozen=True)
class NextMeeting:
    """The next counselling session: an aware ``start``, its length and its place."""

    start: datetime
    minutes: int
    place: str


def meeting_time(meeting: NextMeeting, zone: ZoneInfo) -> tuple[str, str]:
    """The meeting's day and its slot on the school's clock: ("Kamis, 10 Desember 2026",
    "08.00–08.45 WITA")."""
    local = to_local(meeting.start, zone)
    end = local + timedelta(minutes=meeting.minutes)
    slot = f"{format_clock(local.time())}–{format_clock(end.time())}"
    return format_long_date(local.date()), f"{slot} {zone_abbreviation(zone, at=local)}"


@dataclass(frozen=True)
class ActionPlanData:
    """Everything the Rencana Aksi prints; see the module docstring."""

    letterhead: Letterhead
    zone: ZoneInfo
    student_name: str
    rombel: str
    counsellor_name: str
    agreed_on: date
    items: tuple[ActionLine, ...]
    next_session: NextMeeting | None
    signature: SignatureBlock


def _when_again(data: ActionPlanData) -> list[str]:
    sentences: list[str] = []
    if data.next_session is not None:
        day, slot = meeting_time(data.next_session, data.zone)
        place = data.next_session.place.strip()
        where = f" di {place}" if place else ""
        sentences.append(f"Kita bertemu lagi pada {day}, pukul {slot}{where}.")
    reviews = [item.review_on for item in data.items if item.review_on is not None]
    if reviews:
        sentences.append(
            f"Kita lihat lagi bersama bagaimana rencana ini berjalan mulai "
            f"{format_long_date(min(reviews))}."
        )
    sentences.append(
        "Kalau ada langkah yang terasa sulit atau keadaanmu berubah, temui guru BK kapan saja, "
        "tidak perlu menunggu tanggalnya. Rencana ini boleh kita ubah bersama."
    )
    return sentences


def render_action_plan(data: ActionPlanData) -> bytes:
    """The Rencana Aksi as PDF bytes (A4, the school's kop, page numbers, RAHASIA footer)."""
    story: list[Flowable] = [
        paragraph(
            f"Ini rencana yang kita sepakati bersama pada {format_long_date(data.agreed_on)}. "
            "Simpan lembar ini baik-baik dan lihat lagi kalau kamu ragu apa langkah berikutnya."
        ),
        fields(
            [
                ("Nama", data.student_name),
                ("Kelas", data.rombel),
                ("Guru BK", data.counsellor_name),
            ]
        ),
        section("Yang akan kamu lakukan"),
        item_table(
            ["No", "Apa yang kamu lakukan", "Siapa yang membantu", "Paling lambat", "Dilihat lagi"],
            [
                [
                    str(number),
                    item.what,
                    item.support,
                    format_date(item.due_on),
                    format_date(item.review_on) if item.review_on else "",
                ]
                for number, item in enumerate(data.items, start=1)
            ],
            [0.05, 0.36, 0.24, 0.175, 0.175],
        ),
        section("Kapan kita lihat lagi"),
        *[paragraph(sentence) for sentence in _when_again(data)],
        *signature(data.signature),
    ]
    return render_document(data.letterhead, KIND, story)
