"""The period report: the figures of a month, a semester or any period, its narrative, its PDF.

Public API (the Laporan tab and ``bk-desktop report`` code against this)::

    Period(first: date, last: date)                       # ValidationError: backwards, too long
        Period.month_of(day), Period.semester(term); .label ("1 Juli – 31 Desember 2026")
    PeriodReportService(workspace)
        figures(period, now=None) -> PeriodFigures       # ValidationError: not begun yet
        text(period) -> ReportText | None                # the narrative saved for these days
        save_text(period, text) -> None                  # audit: report_text.saved;
                                                         # RuleViolation: kepala sekolah
        document(period, now=None) -> Document           # the Laporan Pelaksanaan PDF
        chart_svgs(figures) -> ChartImages               # the PDF's charts as SVG, for the tab

**Figures name nobody.** Every read (``storage/report_repo.py``) returns counts, kinds and
instants; the late schedulings are listed by their dates. So this is the one report the kepala
sekolah may open and print, and counsellors see exactly the same figures: no visibility rule
needs to redact anything, because nothing here could be redacted. Writing the narrative is a
counsellor's work (the kepala sekolah reads and prints it).

**Which records count.** A period is whole local days in the school's zone; a period ending
in the future counts up to now. Permohonan count by their first receipt; the 1×24 h figure
counts every clock *started* in the period — a permohonan received anew counts again, as
Beranda's month share counts it — and judges each with the domain's one rule
(``domain.requests.clock_state`` and ``domain.deadlines.scheduled_in_time``), at now: agreed
by the deadline is met; agreed after it, still waiting past it, or leaving the scheduling path
after it is late; still within its time, or leaving before it, is not judged. Sessions held,
their length and the sessions planned count by planned start (as on Beranda); a session's
length is its recorded actual times, and 30–45 minutes is ``domain.counselling``'s standard.
Cases count by opening and by closing day (the closing *status*, never the typed reason);
follow-ups by the day they were recorded done.

**Kotak Saran** (issue 17) counts by receipt too: ``ComplaintService.figures`` over the same
span, every entry whoever may open it (counts and tracking codes only, never a text or a
name): entries by type and by channel, the clocked ones followed up within 3×24 h out of those
that can be judged, the late or overdue ones by code, appreciation received and thanked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bk_desktop.domain.academic import Term
from bk_desktop.domain.accounts import Account, Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.complaints import ComplaintType
from bk_desktop.domain.counselling import (
    CaseStatus,
    FollowUpKind,
    SessionStatus,
    length_needs_reason,
)
from bk_desktop.domain.dates import (
    MONTH_NAMES,
    days_bounds,
    format_instant,
    format_long_date,
    format_span,
)
from bk_desktop.domain.deadlines import scheduled_in_time
from bk_desktop.domain.documents import DocumentKind
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.requests import WAITING, RequestSource, clock_state
from bk_desktop.domain.screening import Bidang
from bk_desktop.domain.text import NOTE_MAX, clean_text, length_problem
from bk_desktop.reports.charts import bidang_chart, drawing_svg, monthly_chart
from bk_desktop.reports.letterhead import Signatory, SignatureBlock
from bk_desktop.reports.period_report import (
    ComplaintSummary,
    LateRow,
    PeriodReportData,
    render_period_report,
)
from bk_desktop.services.complaints import ComplaintFigures, ComplaintService
from bk_desktop.services.documents import Document, counsellor_signatory, principal_signatory
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import accounts_repo, report_repo

__all__ = [
    "ChartImages",
    "LateScheduling",
    "MonthVolume",
    "Period",
    "PeriodFigures",
    "PeriodReportService",
    "ReportText",
    "complaint_summary",
]

MAX_DAYS = 366 * 5
"""The longest period a report covers: five school years is already an archive, not a report."""

NARRATIVE_ONLY_COUNSELLORS = (
    "Uraian laporan ditulis oleh guru BK. Akun kepala sekolah dapat membaca dan mencetak "
    "laporannya."
)

_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


@dataclass(frozen=True)
class Period:
    """Whole local days of the school, ``first`` to ``last`` inclusive."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValidationError(
                "Tanggal akhir periode lebih awal dari tanggal mulainya. Tukar kedua tanggalnya.",
                "period",
            )
        if (self.last - self.first).days >= MAX_DAYS:
            raise ValidationError(
                "Periode laporan paling panjang lima tahun. Pilih periode yang lebih pendek.",
                "period",
            )

    @classmethod
    def month_of(cls, day: date) -> Period:
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return cls(day.replace(day=1), following - timedelta(days=1))

    @classmethod
    def semester(cls, term: Term) -> Period:
        return cls(term.dates.start, term.dates.end)

    @property
    def key(self) -> tuple[date, date]:
        return (self.first, self.last)

    @property
    def label(self) -> str:
        """ "1 Juli – 31 Desember 2026", "1–30 November 2026", "3 Desember 2026"."""
        first, last = self.first, self.last
        if first == last:
            return format_long_date(first).split(", ", 1)[-1]
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}–{last.day} {MONTH_NAMES[last.month - 1]} {last.year}"
        if first.year == last.year:
            return (
                f"{first.day} {MONTH_NAMES[first.month - 1]} – "
                f"{last.day} {MONTH_NAMES[last.month - 1]} {last.year}"
            )
        return (
            f"{first.day} {MONTH_NAMES[first.month - 1]} {first.year} – "
            f"{last.day} {MONTH_NAMES[last.month - 1]} {last.year}"
        )

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """The period as a half-open range of UTC instants, from the first day's local
        midnight to the midnight after the last day."""
        return days_bounds(self.first, self.last, zone)


@dataclass(frozen=True)
class LateScheduling:
    """A 1×24 h clock that was not kept: when the permohonan was received, its deadline, when
    a time was agreed (``None``: none was), and by how much it was late (so far)."""

    received_at: datetime
    deadline_at: datetime
    agreed_at: datetime | None
    still_waiting: bool
    late_by: timedelta


@dataclass(frozen=True)
class MonthVolume:
    year: int
    month: int
    received: int
    held: int

    @property
    def label(self) -> str:
        """ "Juli 2026"."""
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def short_label(self) -> str:
        """ "Jul" (a chart's axis; the year is in the period)."""
        return _SHORT_MONTHS[self.month - 1]


@dataclass(frozen=True)
class PeriodFigures:
    """A period counted; no name, no note (see the module docstring for what counts)."""

    period: Period
    counted_until: datetime
    """The end of the counting: the period's end, or now for a period not yet over."""
    partial: bool
    """The period ends after now, so it was counted only up to now."""
    received: int
    by_source: tuple[tuple[RequestSource, int], ...]
    """Every source, in the intake form's order (zeros too)."""
    by_bidang: tuple[tuple[Bidang, int], ...]
    """Every bidang; a permohonan screened for two bidang counts in both."""
    unscreened: int
    """Permohonan received in the period with no asesmen awal yet."""
    students_served: int
    """Distinct students with a session held in the period."""
    students_by_sex: tuple[tuple[str, int], ...]
    """ ("Laki-laki", n), ("Perempuan", n), and ("Tidak tercatat", n) when any."""
    sessions_held: int
    sessions_measured: int
    """Held sessions whose actual start and end were recorded."""
    average_minutes: float | None
    within_standard: int
    """Measured sessions of 30–45 minutes."""
    sessions_by_status: tuple[tuple[SessionStatus, int], ...]
    clocks_met: int
    clocks_decided: int
    clocks_pending: int
    late: tuple[LateScheduling, ...]
    cases_opened: int
    cases_closed: tuple[tuple[CaseStatus, int], ...]
    follow_ups_done: tuple[tuple[FollowUpKind, int], ...]
    follow_ups_due: int
    monthly: tuple[MonthVolume, ...]
    complaints: ComplaintFigures
    """Kotak Saran's entries received in the period (counts and codes only)."""

    @property
    def percent_in_time(self) -> int | None:
        """The share scheduled within 1×24 h, rounded; ``None`` when nothing could be judged."""
        if self.clocks_decided == 0:
            return None
        return round(100 * self.clocks_met / self.clocks_decided)

    @property
    def share_text(self) -> str:
        percent = self.percent_in_time
        return "belum dapat diukur" if percent is None else f"{percent} %"

    @property
    def average_text(self) -> str:
        if self.average_minutes is None:
            return "–"
        return f"{round(self.average_minutes)} menit"

    @property
    def is_empty(self) -> bool:
        """Nothing at all happened in the period (the tab's empty state)."""
        return (
            self.received == 0
            and self.clocks_decided + self.clocks_pending == 0
            and not any(count for _status, count in self.sessions_by_status)
            and self.cases_opened == 0
            and not any(count for _status, count in self.cases_closed)
            and not any(count for _kind, count in self.follow_ups_done)
            and self.complaints.total == 0
        )


@dataclass(frozen=True)
class ReportText:
    """The narrative parts of a period's report, as the counsellor wrote them."""

    analysis: str = ""
    follow_up: str = ""
    supporting: str = ""
    hindering: str = ""
    saved_at: datetime | None = None
    saved_by: str = ""
    """The name of the account that saved it last ("" when unknown or not saved)."""

    @property
    def is_blank(self) -> bool:
        parts = (self.analysis, self.follow_up, self.supporting, self.hindering)
        return not any(part.strip() for part in parts)


@dataclass(frozen=True)
class ChartImages:
    """The report's two charts as SVG documents (UTF-8 bytes)."""

    bidang: bytes
    monthly: bytes


_SEX_LABELS = {"L": "Laki-laki", "P": "Perempuan"}
_OUTCOMES = (
    SessionStatus.SELESAI,
    SessionStatus.BATAL,
    SessionStatus.TIDAK_HADIR,
    SessionStatus.TERJADWAL,
)
_OUTCOME_LABELS = {
    SessionStatus.SELESAI: "Terlaksana",
    SessionStatus.BATAL: "Dibatalkan",
    SessionStatus.TIDAK_HADIR: "Siswa tidak hadir",
    SessionStatus.TERJADWAL: "Belum dicatat atau masih akan datang",
}
_CLOSINGS = (CaseStatus.SELESAI, CaseStatus.TINDAK_LANJUT, CaseStatus.DIALIHTANGANKAN)

_INSTANT = timedelta(microseconds=1)
"""The smallest step of a stored instant."""

CHART_WIDTH = 450.0
"""The charts' width in points: the PDF's text width, and the tab's drawing size."""


class PeriodReportService:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    # -- figures -------------------------------------------------------------------------------

    def figures(self, period: Period, now: datetime | None = None) -> PeriodFigures:
        """The period counted up to its end, or up to now when it ends later."""
        workspace = self.workspace
        moment = now or workspace.now()
        zone = workspace.settings().zone
        start, end = period.bounds(zone)
        if start > moment:
            raise ValidationError(
                f"Periode {period.label} belum dimulai. Pilih periode yang sudah berjalan.",
                "period",
            )
        until = min(end, moment)
        # Up to now inclusive: what was recorded at this very instant has happened.
        span = (start, min(end, moment + _INSTANT))
        last_day = min(period.last, moment.astimezone(zone).date())
        days = (period.first, last_day)
        db = workspace.db

        received = report_repo.received_requests(db, span)
        sources = Counter(r.source for r in received)
        bidang = Counter(part for r in received for part in r.bidang)
        held = report_repo.held_sessions(db, span)
        measured = [
            round((s.actual_end - s.actual_start).total_seconds() / 60)
            for s in held
            if s.actual_start is not None and s.actual_end is not None
        ]
        students = {s.student_id: s.sex for s in held}
        sexes = Counter(students.values())
        statuses = report_repo.sessions_by_status(db, span)
        closed = report_repo.cases_closed(db, days)
        follow_ups = report_repo.follow_ups_done(db, days)
        met, decided, pending, late = self._scheduling(report_repo.clocks_started(db, span), moment)
        return PeriodFigures(
            period=period,
            counted_until=until,
            partial=end > moment,
            received=len(received),
            by_source=tuple((source, sources[source]) for source in RequestSource),
            by_bidang=tuple((b, bidang[b.value]) for b in Bidang),
            unscreened=sum(1 for r in received if not r.bidang),
            students_served=len(students),
            students_by_sex=tuple(
                (label, sexes[code])
                for code, label in (*_SEX_LABELS.items(), (None, "Tidak tercatat"))
                if code is not None or sexes[None]
            ),
            sessions_held=len(held),
            sessions_measured=len(measured),
            average_minutes=sum(measured) / len(measured) if measured else None,
            within_standard=sum(1 for minutes in measured if not length_needs_reason(minutes)),
            sessions_by_status=tuple((s, statuses.get(s.value, 0)) for s in _OUTCOMES),
            clocks_met=met,
            clocks_decided=decided,
            clocks_pending=pending,
            late=late,
            cases_opened=report_repo.cases_opened(db, span),
            cases_closed=tuple((s, closed.get(s.value, 0)) for s in _CLOSINGS),
            follow_ups_done=tuple((k, follow_ups.get(k.value, 0)) for k in FollowUpKind),
            follow_ups_due=report_repo.follow_ups_due(db, days),
            monthly=_monthly(period, last_day, received, held, zone),
            complaints=ComplaintService(workspace).figures(*span),
        )

    @staticmethod
    def _scheduling(
        clocks: list[report_repo.ClockRow], now: datetime
    ) -> tuple[int, int, int, tuple[LateScheduling, ...]]:
        """Met, judged, not judged, and the late ones: the domain's verdict on each clock."""
        met = decided = pending = 0
        late: list[LateScheduling] = []
        for clock in clocks:
            waiting = clock.status is not None and clock.status in WAITING
            state = clock_state(
                clock.deadline_at,
                now,
                agreed_at=clock.agreed_at,
                waiting=waiting,
                stopped_at=clock.stopped_at,
            )
            outcome = scheduled_in_time(state)
            if outcome is None or state is None:
                pending += 1
                continue
            decided += 1
            if outcome:
                met += 1
                continue
            late.append(
                LateScheduling(
                    received_at=clock.started_at,
                    deadline_at=clock.deadline_at,
                    agreed_at=clock.agreed_at,
                    still_waiting=clock.agreed_at is None and waiting,
                    late_by=-state.time_left,
                )
            )
        return met, decided, pending, tuple(late)

    # -- the narrative -------------------------------------------------------------------------

    def text(self, period: Period) -> ReportText | None:
        """The narrative saved for exactly these days, or ``None``."""
        saved = report_repo.load_text(self.workspace.db, period.key)
        if saved is None:
            return None
        author = (
            accounts_repo.get_account(self.workspace.db, saved.saved_by) if saved.saved_by else None
        )
        return ReportText(
            analysis=saved.analysis,
            follow_up=saved.follow_up,
            supporting=saved.supporting,
            hindering=saved.hindering,
            saved_at=saved.saved_at,
            saved_by=author.name if author is not None else "",
        )

    def save_text(self, period: Period, text: ReportText) -> None:
        """Keep the narrative of these days (replacing an earlier one), audited without its
        content."""
        workspace = self.workspace
        if not workspace.viewer.is_counsellor:
            raise RuleViolation(NARRATIVE_ONLY_COUNSELLORS)
        parts = {
            "analysis": ("Analisis", text.analysis),
            "follow_up": ("Rencana tindak lanjut", text.follow_up),
            "supporting": ("Faktor pendukung", text.supporting),
            "hindering": ("Faktor penghambat", text.hindering),
        }
        cleaned: dict[str, str] = {}
        for key, (what, typed) in parts.items():
            value = clean_text(typed).strip()
            problem = length_problem(value, NOTE_MAX, what)
            if problem is not None:
                raise ValidationError(problem, key)
            cleaned[key] = value
        with workspace.db.transaction():
            report_repo.save_text(
                workspace.db,
                period.key,
                analysis=cleaned["analysis"],
                follow_up=cleaned["follow_up"],
                supporting=cleaned["supporting"],
                hindering=cleaned["hindering"],
                at=workspace.now(),
                by=workspace.account.id,
            )
            workspace.audit(
                AuditKind.REPORT_TEXT_SAVED,
                target_kind="period",
                target_id=_period_id(period),
                detail=", ".join(key for key, value in cleaned.items() if value) or "kosong",
            )

    # -- the document --------------------------------------------------------------------------

    def document(
        self, period: Period, now: datetime | None = None, figures: PeriodFigures | None = None
    ) -> Document:
        """The Laporan Pelaksanaan Layanan Konseling Individual of ``period``, with the
        narrative saved for it (empty parts print "(belum diisi)"); ``figures`` already
        counted for ``period`` are printed as they are, not counted again."""
        workspace = self.workspace
        if figures is None or figures.period != period:
            figures = self.figures(period, now)
        text = self.text(period) or ReportText()
        settings = workspace.settings()
        zone = settings.zone
        today = (now or workspace.now()).astimezone(zone).date()
        counsellors = accounts_repo.list_counsellors(workspace.db)
        data = PeriodReportData(
            letterhead=SettingsService(workspace).letterhead(),
            period_label=period.label,
            counted_until=(
                f"Periode ini belum berakhir: angka dihitung sampai "
                f"{format_instant(figures.counted_until, zone)}."
                if figures.partial
                else ""
            ),
            school_name=settings.school_name,
            counsellors=_counsellors_text(counsellors),
            received=figures.received,
            by_source=tuple((s.label, n) for s, n in figures.by_source),
            by_bidang=_bidang_rows(figures),
            students_served=figures.students_served,
            students_by_sex=figures.students_by_sex if figures.students_served else (),
            sessions_held=figures.sessions_held,
            sessions_measured=figures.sessions_measured,
            average_minutes=figures.average_text,
            within_standard=figures.within_standard,
            sessions_by_outcome=tuple(
                (_OUTCOME_LABELS[s], n) for s, n in figures.sessions_by_status
            ),
            clocks_decided=figures.clocks_decided,
            clocks_met=figures.clocks_met,
            clocks_pending=figures.clocks_pending,
            share_text=figures.share_text,
            late=tuple(_late_row(row, zone) for row in figures.late),
            cases_opened=figures.cases_opened,
            cases_closed=tuple((s.label, n) for s, n in figures.cases_closed),
            follow_ups_done=tuple((k.label, n) for k, n in figures.follow_ups_done),
            follow_ups_due=figures.follow_ups_due,
            monthly=tuple((m.label, m.received, m.held) for m in figures.monthly),
            complaints=complaint_summary(figures.complaints),
            analysis=text.analysis,
            follow_up_plan=text.follow_up,
            supporting=text.supporting,
            hindering=text.hindering,
            signature=SignatureBlock(
                city=settings.city,
                signed_on=today,
                school_name=settings.school_name,
                counsellor=_signer(workspace.account, counsellors),
                principal=principal_signatory(settings),
            ),
        )
        kind = DocumentKind.LAPORAN_PELAKSANAAN
        return Document(
            kind=kind,
            target_kind="period",
            target_id=_period_id(period),
            title=f"{kind.label} — {period.label}",
            file_name=(
                f"{kind.file_stem}_{period.first.isoformat()}_{period.last.isoformat()}.pdf"
            ),
            pdf=render_period_report(data),
        )

    @staticmethod
    def chart_svgs(figures: PeriodFigures) -> ChartImages:
        """The PDF's two charts, drawn by the same code, as SVG for the screen."""
        bidang = bidang_chart(_bidang_rows(figures), width=CHART_WIDTH)
        monthly = monthly_chart(
            [(m.short_label, m.received, m.held) for m in figures.monthly], width=CHART_WIDTH
        )
        return ChartImages(bidang=drawing_svg(bidang), monthly=drawing_svg(monthly))


def complaint_summary(figures: ComplaintFigures) -> ComplaintSummary:
    """Kotak Saran's figures in the report's words: every type (zeros too), the channels
    that brought something, the share followed up within 3×24 h, the late ones by code —
    those the reader may open — and the others only counted."""
    percent = figures.percent_met
    others = []
    if figures.late_with_principal:
        others.append(f"{figures.late_with_principal} lainnya ditangani kepala sekolah")
    if figures.late_with_room:
        others.append(f"{figures.late_with_room} lainnya ditangani guru BK")
    if not figures.late_or_overdue:
        others = [o.replace(" lainnya ", " entri ", 1) for o in others]
    return ComplaintSummary(
        total=figures.total,
        by_kind=tuple((kind.label, figures.by_kind.get(kind, 0)) for kind in ComplaintType),
        by_channel=tuple((label, n) for label, n in figures.by_channel.items() if n),
        clocked=figures.clocked,
        met=figures.met,
        decided=figures.decided,
        share_text="belum ada yang dapat dinilai" if percent is None else f"{percent} %",
        late_codes=tuple(figures.late_or_overdue),
        appreciation=figures.appreciation,
        appreciation_thanked=figures.appreciation_thanked,
        late_others=", ".join(others),
    )


def _period_id(period: Period) -> str:
    return f"{period.first.isoformat()}..{period.last.isoformat()}"


def _bidang_rows(figures: PeriodFigures) -> tuple[tuple[str, int], ...]:
    rows = tuple((b.label, n) for b, n in figures.by_bidang)
    if figures.unscreened:
        rows += (("Belum disaring", figures.unscreened),)
    return rows


def _monthly(
    period: Period,
    last_day: date,
    received: list[report_repo.ReceivedRequest],
    held: list[report_repo.HeldSession],
    zone: ZoneInfo,
) -> tuple[MonthVolume, ...]:
    """Every local month of the period up to ``last_day``, with its receipts and sessions."""
    per_received = Counter(
        (local.year, local.month) for local in (r.received_at.astimezone(zone) for r in received)
    )
    per_held = Counter(
        (local.year, local.month) for local in (s.planned_start.astimezone(zone) for s in held)
    )
    months: list[MonthVolume] = []
    year, month = period.first.year, period.first.month
    while (year, month) <= (last_day.year, last_day.month):
        months.append(
            MonthVolume(year, month, per_received[(year, month)], per_held[(year, month)])
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def _late_row(row: LateScheduling, zone: ZoneInfo) -> LateRow:
    if row.agreed_at is not None:
        agreed = format_instant(row.agreed_at, zone)
    elif row.still_waiting:
        agreed = "Belum dijadwalkan"
    else:
        agreed = "Tidak dijadwalkan"
    return LateRow(
        received=format_instant(row.received_at, zone),
        deadline=format_instant(row.deadline_at, zone),
        agreed=agreed,
        late_by=format_span(row.late_by),
    )


def _counsellors_text(counsellors: list[Account]) -> str:
    """The counsellors by name when they are few ("Sari Wulandari, Budi"), else counted."""
    if not counsellors:
        return "Guru BK"
    if len(counsellors) <= 3:
        return ", ".join(account.name for account in counsellors)
    return f"{len(counsellors)} guru BK"


def _signer(account: Account, counsellors: list[Account]) -> Signatory:
    """The signed-in counsellor signs; a report the kepala sekolah prints is signed by the
    koordinator (else the first counsellor), whose name is printed for them to sign."""
    chosen: Account | None = account if account.role.is_counsellor else None
    if chosen is None:
        coordinators = [a for a in counsellors if a.role is Role.KOORDINATOR]
        candidates = coordinators or counsellors
        chosen = candidates[0] if candidates else None
    return counsellor_signatory(chosen)
