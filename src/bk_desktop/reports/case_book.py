"""Buku Kasus: the cases opened in a period, one line each, with their totals.

The service reads the cases the signed-in counsellor may see (the Konseling tab's filters
applied) and hands over one frozen ``CaseBookData``; ``render_case_book`` returns the PDF.

Another counsellor's *sangat rahasia* case is printed as it is seen: "Ada kasus" and whose it
is (``CaseBookLine.hidden``), without its number, student, class, bidang or status — paper
outlives the screen it was printed from. The totals count it apart for the same reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from bk_desktop.domain.dates import format_date
from bk_desktop.reports.case_report import short_date
from bk_desktop.reports.document import (
    fields,
    item_table,
    paragraph,
    render_document,
    section,
    signature,
)
from bk_desktop.reports.letterhead import Letterhead, SignatureBlock

KIND = "Buku Kasus"
HIDDEN_LINE = "Ada kasus (sangat rahasia)"


@dataclass(frozen=True)
class CaseBookLine:
    """One case as the book prints it; labels already Indonesian. ``hidden``: another
    counsellor's *sangat rahasia* case, of which only ``counsellor`` is printed."""

    case_number: str
    student: str
    rombel: str
    bidang: str
    opened_on: date
    status: str
    sessions_held: int
    closed_on: date | None
    close_reason: str
    counsellor: str
    hidden: bool = False


@dataclass(frozen=True)
class CaseBookData:
    """``start``/``end``: the period, both days inclusive; ``filters``: what else narrowed
    the list, as sentences ("Kelas: X MIPA 1"), printed under the title so a partial book is
    never read as the whole; ``statuses``: every status label in the order the totals list
    them (a status nobody has still shows its 0)."""

    letterhead: Letterhead
    start: date
    end: date
    filters: tuple[str, ...]
    statuses: tuple[str, ...]
    lines: tuple[CaseBookLine, ...]
    signature: SignatureBlock


def _row(number: int, line: CaseBookLine) -> list[str]:
    """One line of the table. Portrait A4 has room for seven readable columns, so what
    belongs together shares a cell: the number over the day it was opened, the student over
    the class, the status over the closing day and reason."""
    if line.hidden:
        return [str(number), "–", HIDDEN_LINE, "–", "–", "–", line.counsellor]
    status = line.status
    if line.closed_on is not None:
        status = f"{status}\n{short_date(line.closed_on)}"
        if line.close_reason.strip():
            status = f"{status}: {line.close_reason}"
    return [
        str(number),
        f"{line.case_number}\n{short_date(line.opened_on)}",
        f"{line.student}\n{line.rombel}" if line.rombel.strip() else line.student,
        line.bidang,
        str(line.sessions_held),
        status,
        line.counsellor,
    ]


def _totals(data: CaseBookData) -> list[Flowable]:
    shown = [line for line in data.lines if not line.hidden]
    by_status = Counter(line.status for line in shown)
    rows = [("Kasus dibuka", str(len(data.lines)))]
    rows += [(f"Status {status.lower()}", str(by_status[status])) for status in data.statuses]
    hidden = len(data.lines) - len(shown)
    if hidden:
        rows.append(("Sangat rahasia (guru BK lain)", str(hidden)))
    rows.append(("Sesi terlaksana", str(sum(line.sessions_held for line in shown))))
    return [section("Jumlah"), fields(rows, label_width=60 * mm)]


def render_case_book(data: CaseBookData) -> bytes:
    """The Buku Kasus as PDF bytes (A4, kop, page numbers, RAHASIA footer); the table's
    header repeats on every page."""
    story: list[Flowable] = []
    if data.filters:
        story.append(paragraph("Saringan: " + "; ".join(data.filters) + "."))
    if data.lines:
        story.append(
            item_table(
                [
                    "No",
                    "Nomor kasus\ndibuka",
                    "Siswa\nkelas",
                    "Bidang",
                    "Sesi",
                    "Status\nditutup: alasan",
                    "Konselor",
                ],
                [_row(number, line) for number, line in enumerate(data.lines, start=1)],
                [0.06, 0.14, 0.15, 0.13, 0.07, 0.27, 0.18],
            )
        )
    else:
        story.append(paragraph("Tidak ada kasus yang dibuka pada periode ini."))
    story += _totals(data)
    story += signature(data.signature)
    subtitle = f"Kasus yang dibuka {format_period(data.start, data.end)}"
    return render_document(data.letterhead, KIND, story, subtitle=subtitle)


def format_period(start: date, end: date) -> str:
    """ "1 Juli 2026 s.d. 31 Desember 2026"."""
    return f"{format_date(start)} s.d. {format_date(end)}"


__all__ = [
    "HIDDEN_LINE",
    "KIND",
    "CaseBookData",
    "CaseBookLine",
    "format_period",
    "render_case_book",
]
