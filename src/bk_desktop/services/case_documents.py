"""The case documents: one case's Laporan Kasus, and the Buku Kasus of a period.

Public API (the Konseling tab codes against this)::

    CaseDocuments(workspace)
        case_report(case_id, choice=DocumentChoice(), *, show_notes=False) -> Document
        case_book(start, end, where=None, choice=DocumentChoice()) -> Document
        default_period() -> tuple[date, date]        # the current semester's first and last day

Both return a ``services.documents.Document`` (PDF bytes in memory); printing and saving it,
with their audit events, stay ``DocumentService.record_printed`` / ``save``.

Visibility is ``domain.visibility``'s, through ``CounsellingService``, as for the session
documents: the kepala sekolah is refused by ``CounsellingService`` itself; another counsellor's
*sangat rahasia* case cannot be reported; another counsellor's withheld notes print only after
"Tampilkan catatan" (``show_notes=True``, audited as an opening). The book lists what
``CounsellingService.cases`` returns — so a *sangat rahasia* case of another reads "Ada kasus"
and whose it is, and, filtered by bidang, is left out (being found would tell its bidang).

Privacy by default (``domain.documents``): initials and no student number unless the full
name is chosen; free-text session notes (and addenda) only with ``SummaryPart.CATATAN`` in
``choice.parts``. Titles and file names never carry a full name.
"""

from __future__ import annotations

from datetime import date, datetime

from bk_desktop.domain.counselling import CaseRecord, CaseStatus, SessionRecord, SessionStatus
from bk_desktop.domain.dates import days_bounds
from bk_desktop.domain.documents import (
    DocumentChoice,
    DocumentKind,
    SummaryPart,
    default_file_name,
    student_label,
)
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.screening import Bidang
from bk_desktop.domain.sight import Sight
from bk_desktop.reports.action_plan import ActionLine
from bk_desktop.reports.case_book import CaseBookData, CaseBookLine, format_period, render_case_book
from bk_desktop.reports.case_report import (
    CaseFollowUp,
    CaseReportData,
    CaseSession,
    render_case_report,
)
from bk_desktop.reports.letterhead import SignatureBlock
from bk_desktop.services.counselling import CaseFilter, CaseView, CounsellingService
from bk_desktop.services.documents import (
    Document,
    counsellor_signatory,
    principal_signatory,
    school_today,
    student_number,
)
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import accounts_repo, counselling_repo

__all__ = ["CaseDocuments"]


class CaseDocuments:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    # -- the Laporan Kasus -----------------------------------------------------------------

    def case_report(
        self, case_id: int, choice: DocumentChoice | None = None, *, show_notes: bool = False
    ) -> Document:
        """The Laporan Kasus of one case the signed-in counsellor sees whole."""
        choice = choice or DocumentChoice()
        view = self._printable_case(case_id, show_notes=show_notes)
        record = view.record
        workspace = self.workspace
        zone = workspace.settings().zone
        numbers = {s.id: s.number for s in view.sessions}
        with_notes = SummaryPart.CATATAN in choice.parts
        data = CaseReportData(
            letterhead=SettingsService(workspace).letterhead(),
            zone=zone,
            student_name=student_label(record.student_name, full_name=choice.full_name),
            student_number=student_number(self.workspace, record.student_id, choice),
            rombel=record.rombel,
            counsellor_name=record.counsellor_name,
            case_number=record.code,
            opened_on=record.opened_at.astimezone(zone).date(),
            closed_on=record.closed_on,
            status=record.status.label,
            close_reason=record.close_reason,
            bidang=_bidang(record),
            confidentiality=record.confidentiality.label,
            problem=record.problem,
            identification=record.identification,
            diagnosis=record.diagnosis,
            prognosis=record.prognosis,
            treatment_goal=record.treatment_goal,
            treatment_approach=record.treatment_approach,
            treatment_technique=record.treatment_technique,
            sessions=tuple(
                self._session(s, with_notes=with_notes)
                for s in sorted(view.sessions, key=lambda s: (_started(s), s.id))
            ),
            action_items=tuple(
                (
                    numbers.get(item.session_id),
                    ActionLine(
                        what=item.what,
                        support=item.support,
                        due_on=item.due_on,
                        review_on=item.review_on,
                        status=item.status.label,
                    ),
                )
                for item in view.action_items
            ),
            follow_ups=tuple(
                CaseFollowUp(kind=f.kind.label, due_on=f.due_on, done_on=f.done_on, result=f.result)
                for f in sorted(view.follow_ups, key=lambda f: (f.due_on, f.id))
            ),
            signature=self._signature(record.counsellor_id, record.counsellor_name),
        )
        kind = DocumentKind.LAPORAN_KASUS
        student = student_label(record.student_name, full_name=False)
        class_text = f" ({record.rombel})" if record.rombel else ""
        return Document(
            kind=kind,
            target_kind="case",
            target_id=str(record.id),
            title=f"{kind.label} — {student}{class_text}, kasus {record.code}",
            file_name=default_file_name(kind, record.student_name, self._today()),
            pdf=render_case_report(data),
        )

    def _printable_case(self, case_id: int, *, show_notes: bool) -> CaseView:
        view = CounsellingService(self.workspace).case(case_id, show_notes=show_notes)
        record = view.record
        owner = record.counsellor_name or "guru BK lain"
        if record.sight is Sight.EXISTS_ONLY:
            raise RuleViolation(
                f"Kasus ini sangat rahasia dan ditangani {owner}; laporannya hanya dapat "
                "dicetak olehnya."
            )
        if record.sight is Sight.NOTES_WITHHELD:
            raise RuleViolation(
                f"Catatan kasus ini milik {owner}. Tekan “Tampilkan catatan” dulu bila perlu "
                "mencetak laporannya; pembukaan dan pencetakan dicatat di log audit."
            )
        return view

    def _session(self, record: SessionRecord, *, with_notes: bool) -> CaseSession:
        """One session as reported. Only called for a case seen whole (``_printable_case``),
        so its alternatives and addenda are read as stored."""
        held = record.status is SessionStatus.SELESAI and not record.migrated
        start = _started(record)
        end = record.actual_end or record.planned_end
        db = self.workspace.db
        notes: str | None = None
        addenda: tuple[tuple[datetime, str, str], ...] = ()
        if held and with_notes:
            notes = record.notes
            addenda = tuple(
                (a.at, a.author_name, a.text) for a in counselling_repo.addenda(db, record.id)
            )
        return CaseSession(
            number=record.number,
            start=start,
            end=end,
            place=record.place,
            mode=record.mode.label,
            status=record.status_label(self.workspace.now()),
            reason=record.status_reason if record.status.needs_reason else "",
            held=held,
            understanding=record.understanding,
            comfort=record.comfort,
            action=record.action,
            alternatives=(
                tuple((a.text, a.chosen) for a in counselling_repo.alternatives(db, record.id))
                if held
                else ()
            ),
            notes=notes,
            addenda=addenda,
        )

    # -- the Buku Kasus --------------------------------------------------------------------

    def default_period(self) -> tuple[date, date]:
        """The current semester, as the school dated it (Pengaturan), first and last day."""
        dates = TermService(self.workspace).current().dates
        return dates.start, dates.end

    def case_book(
        self,
        start: date,
        end: date,
        where: CaseFilter | None = None,
        choice: DocumentChoice | None = None,
    ) -> Document:
        """The cases opened from ``start`` to ``end`` (both days, the school's calendar) that
        the other filters of ``where`` (the Konseling tab's) let through; its own period
        replaces any ``where.opened``."""
        if end < start:
            raise ValidationError(
                "Tanggal akhir periode tidak boleh sebelum tanggal awalnya. Periksa kedua "
                "tanggalnya.",
                "period",
            )
        choice = choice or DocumentChoice()
        where = where or CaseFilter()
        workspace = self.workspace
        service = CounsellingService(workspace)
        zone = workspace.settings().zone
        opened = days_bounds(start, end, zone)
        filtered = CaseFilter(
            statuses=where.statuses,
            bidang=where.bidang,
            rombel=where.rombel,
            counsellor_id=where.counsellor_id,
            opened=opened,
            student_id=where.student_id,
            search=where.search,
        )
        cases = sorted(service.cases(filtered), key=lambda c: (c.opened_at, c.year, c.number))
        if where.statuses or where.rombel or where.search or where.student_id is not None:
            # The filters are printed above the list; a hidden case under them would tell its
            # status, class or student (a bidang filter already leaves it out).
            cases = [c for c in cases if c.sight is not Sight.EXISTS_ONLY]
        account = workspace.account
        data = CaseBookData(
            letterhead=SettingsService(workspace).letterhead(),
            start=start,
            end=end,
            filters=self._filter_words(where, service),
            statuses=tuple(status.label for status in CaseStatus),
            lines=tuple(self._book_line(c, choice) for c in cases),
            signature=self._signature(account.id, account.name),
        )
        kind = DocumentKind.BUKU_KASUS
        return Document(
            kind=kind,
            target_kind="case_book",
            target_id=f"{start.isoformat()}..{end.isoformat()}",
            title=f"{kind.label} — {format_period(start, end)}",
            file_name=f"{kind.file_stem}_{start.isoformat()}_{end.isoformat()}.pdf",
            pdf=render_case_book(data),
        )

    def _book_line(self, record: CaseRecord, choice: DocumentChoice) -> CaseBookLine:
        zone = self.workspace.settings().zone
        hidden = record.sight is Sight.EXISTS_ONLY
        student = student_label(record.student_name, full_name=choice.full_name)
        return CaseBookLine(
            case_number="" if hidden else record.code,
            student="" if hidden else student,
            rombel="" if hidden else record.rombel,
            bidang=", ".join(_bidang(record)),
            opened_on=record.opened_at.astimezone(zone).date(),
            status=record.status.label,
            sessions_held=record.sessions_held,
            closed_on=record.closed_on,
            close_reason=record.close_reason,
            counsellor=record.counsellor_name,
            hidden=hidden,
        )

    @staticmethod
    def _filter_words(where: CaseFilter, service: CounsellingService) -> tuple[str, ...]:
        """The filters as printed. A search's text is not printed: it is often a name."""
        words: list[str] = []
        if where.statuses is not None:
            words.append("status " + ", ".join(s.label.lower() for s in where.statuses))
        if where.bidang:
            words.append(f"bidang {Bidang(where.bidang).label.lower()}")
        if where.rombel:
            words.append(f"kelas {where.rombel}")
        if where.counsellor_id:
            names = dict(service.counsellors())
            words.append(f"konselor {names.get(where.counsellor_id, '—')}")
        if where.search.strip():
            words.append("hanya kasus yang cocok dengan pencarian")
        return tuple(words)

    # -- parts -----------------------------------------------------------------------------

    def _signature(self, counsellor_id: str, fallback: str) -> SignatureBlock:
        """The counsellor on the right, the kepala sekolah acknowledging ("Mengetahui") on
        the left; a counsellor without an account signs by name only."""
        settings = self.workspace.settings()
        account = accounts_repo.get_account(self.workspace.db, counsellor_id)
        return SignatureBlock(
            city=settings.city,
            signed_on=self._today(),
            school_name=settings.school_name,
            counsellor=counsellor_signatory(account, fallback=fallback),
            principal=principal_signatory(settings),
        )

    def _today(self) -> date:
        return school_today(self.workspace)


def _bidang(record: CaseRecord) -> tuple[str, ...]:
    return tuple(sorted(b.label for b in record.bidang))


def _started(record: SessionRecord) -> datetime:
    """When a session began (as held), or is or was to begin (as planned)."""
    return record.actual_start or record.planned_start
