"""The incident register (UU PDP Ps. 46): recording a personal-data breach of the BK room, its
measures, the notices to parents and the authority within 3×24 hours, and closing it.

Public API (Pengaturan → Privasi → Insiden data and Beranda code against this)::

    IncidentService(workspace)          # every role may record; the rest is the koordinator's
        record(form) -> IncidentRecord
        entries() -> list[IncidentRow]  # koordinator: all; others: those they recorded
        open(incident_id) -> IncidentRecord            # koordinator only
        clock_of(record, now=None) -> IncidentClock
        add_measure(incident_id, text, *, at=None) -> IncidentRecord
        record_notice(incident_id, recipient, channel, text, *, at=None) -> IncidentRecord
        close(incident_id, note="") -> IncidentRecord  # a reason when a notice is missing
        due(now=None) -> list[IncidentDue]             # Beranda (koordinator): soonest first
        parent_notice(incident_id, student_id=None) -> Document
        authority_notice(incident_id, addressee) -> Document

**Who may do what** (decided for issue 18). Anyone who finds an incident must be able to report
it at once, so every role records one: a guru BK or the kepala sekolah who finds the stick gone
does not wait for the koordinator. Linking students is a counsellor's (students are their
records; the kepala sekolah gives the count only). Handling — opening the record with its
linked students, measures, notices, letters, closing — is the koordinator's, whose Privasi
group holds the register; others list only the incidents they recorded, to see that it
arrived and where it stands. Beranda's countdown is the koordinator's.

An audit event carries ids and enum values only (the kind, the entry kind, the recipient),
never the description, a measure or a name. The notices print through ``DocumentService``
(``record_printed``/``save``); reportlab is imported only when one is made.

Errors: ``ValidationError(message, field)`` for what a form can correct, ``RuleViolation``
for what the incident's state or the signed-in account does not allow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.incidents import (
    EntryKind,
    IncidentClock,
    IncidentEntry,
    IncidentForm,
    IncidentKind,
    IncidentRecord,
    IncidentStatus,
    NoticeChannel,
    Recipient,
    clock,
    close_problem,
    entry_move_problem,
    entry_problem,
    form_problems,
    status_after,
)
from bk_desktop.domain.requests import FUTURE_TOLERANCE
from bk_desktop.domain.text import clean_line, clean_text
from bk_desktop.services.students import TermService
from bk_desktop.storage import incidents_repo, students_repo
from bk_desktop.storage.incidents_repo import NewIncident

if TYPE_CHECKING:
    from bk_desktop.reports.incident_notices import IncidentFacts
    from bk_desktop.reports.letterhead import Letterhead, SignatureBlock
    from bk_desktop.services.documents import Document
    from bk_desktop.services.workspace import Workspace

__all__ = ["IncidentDue", "IncidentRow", "IncidentService"]

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
TARGET = "incident"
MIN_ADDRESSEE_LETTERS = 3

KOORDINATOR_ONLY = (
    "Penanganan insiden data pribadi dilakukan koordinator BK. Insiden yang Anda catat sudah "
    "masuk daftar koordinator; sampaikan juga secara langsung agar segera ditangani."
)
NOT_FOUND = "Insiden ini tidak ditemukan. Muat ulang daftar insiden."


@dataclass(frozen=True)
class IncidentRow:
    """One line of the register: no description, no name."""

    id: int
    kind: IncidentKind
    found_at: datetime
    student_count: int
    linked: int
    status: IncidentStatus
    clock: IncidentClock
    missing: tuple[Recipient, ...]


@dataclass(frozen=True)
class IncidentDue:
    """Beranda's line: number, short kind, countdown; no names."""

    id: int
    kind: IncidentKind
    clock: IncidentClock
    missing: tuple[Recipient, ...]

    @property
    def number(self) -> str:
        return f"Insiden #{self.id}"


def _aware(value: datetime, field_name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError("Waktu harus menyertakan zona waktu.", field_name)


class IncidentService:
    def __init__(self, workspace: Workspace) -> None:
        # Every role: whoever finds an incident records it (see the module's docstring).
        self.workspace = workspace

    @property
    def handles(self) -> bool:
        """Whether the signed-in account handles incidents (the koordinator)."""
        return self.workspace.account.role is Role.KOORDINATOR

    @property
    def links_students(self) -> bool:
        """Whether the signed-in account may link students to a new incident."""
        return self.workspace.account.role.is_counsellor

    def _require_handler(self) -> None:
        if not self.handles:
            raise RuleViolation(KOORDINATOR_ONLY)

    def _year_start(self) -> int:
        return TermService(self.workspace).current().year.start

    def clock_of(self, record: IncidentRecord, now: datetime | None = None) -> IncidentClock:
        """The 3×24 h clock in calendar hours (UU PDP Ps. 46), whatever the school's
        school-days setting says: ``domain.deadlines.LEGAL_72H``."""
        return clock(record.found_at, record.entries, record.status, now or self.workspace.now())

    def _check_moment(self, moment: datetime, field_name: str, *, earliest: datetime) -> datetime:
        _aware(moment, field_name)
        if moment > self.workspace.now() + FUTURE_TOLERANCE:
            raise ValidationError("Waktu tidak boleh di masa depan.", field_name)
        if moment < earliest:
            if earliest == EARLIEST:
                raise ValidationError("Waktu sebelum tahun 2000 tidak dapat dicatat.", field_name)
            raise ValidationError(
                "Waktu ini lebih awal dari saat insiden diketahui; periksa tanggal dan jamnya.",
                field_name,
            )
        return moment.astimezone(UTC)

    # -- record -----------------------------------------------------------------------------

    def record(self, form: IncidentForm) -> IncidentRecord:
        """Store a new incident; its 3×24 h clock runs from ``form.found_at``."""
        problems = form_problems(form)
        if problems:
            name, message = next(iter(problems.items()))
            raise ValidationError(message, name)
        if form.student_ids and not self.links_students:
            raise RuleViolation(
                "Siswa yang terdampak dipilih oleh guru BK; isi jumlah siswanya saja."
            )
        found_at = self._check_moment(form.found_at, "found_at", earliest=EARLIEST)
        workspace = self.workspace
        db = workspace.db
        with db.transaction():
            for student_id in set(form.student_ids):
                if students_repo.load_student(db, student_id) is None:
                    raise ValidationError(
                        "Salah satu siswa yang dipilih tidak ditemukan; pilih lagi dari daftar.",
                        "student_ids",
                    )
            incident_id = incidents_repo.insert(
                db,
                NewIncident(
                    kind=form.kind,
                    found_at=found_at,
                    what_happened=clean_text(form.what_happened),
                    data_kinds=form.data_kinds,
                    data_other=clean_line(form.data_other),
                    student_count=form.student_count,
                    student_ids=tuple(form.student_ids),
                    reported_by=clean_line(form.reported_by),
                    recorded_at=workspace.now(),
                    recorded_by=workspace.account.id,
                ),
            )
            workspace.audit(
                AuditKind.INCIDENT_RECORDED,
                target_kind=TARGET,
                target_id=str(incident_id),
                detail=form.kind.value,
            )
            record = incidents_repo.get(db, incident_id, year_start=self._year_start())
        assert record is not None
        return record

    # -- read -------------------------------------------------------------------------------

    def entries(self) -> list[IncidentRow]:
        """The register, newest found first; an account that does not handle incidents sees
        only those it recorded."""
        db = self.workspace.db
        records = incidents_repo.listed(
            db, recorded_by=None if self.handles else self.workspace.account.id
        )
        linked = incidents_repo.linked_counts(db) if records else {}
        now = self.workspace.now()
        return [
            IncidentRow(
                id=r.id,
                kind=r.kind,
                found_at=r.found_at,
                student_count=r.student_count,
                linked=linked.get(r.id, 0),
                status=r.status,
                clock=self.clock_of(r, now),
                missing=r.missing,
            )
            for r in records
        ]

    def _get(self, incident_id: int) -> IncidentRecord:
        record = incidents_repo.get(self.workspace.db, incident_id, year_start=self._year_start())
        if record is None:
            raise RuleViolation(NOT_FOUND)
        return record

    def open(self, incident_id: int) -> IncidentRecord:
        """The whole incident: description, data, linked students, log."""
        self._require_handler()
        return self._get(incident_id)

    def due(self, now: datetime | None = None) -> list[IncidentDue]:
        """Open incidents whose notices are not all recorded, the soonest deadline first;
        empty for an account that does not handle incidents."""
        if not self.handles:
            return []
        moment = now or self.workspace.now()
        found = [
            IncidentDue(r.id, r.kind, self.clock_of(r, moment), r.missing)
            for r in incidents_repo.listed(self.workspace.db, open_only=True)
            if r.missing
        ]
        found.sort(key=lambda d: (d.clock.deadline, d.id))
        return found

    # -- handle -----------------------------------------------------------------------------

    def _add_entry(
        self,
        incident_id: int,
        kind: EntryKind,
        text: str,
        at: datetime | None,
        *,
        detail: str,
        recipient: Recipient | None = None,
        channel: NoticeChannel | None = None,
    ) -> IncidentRecord:
        self._require_handler()
        workspace = self.workspace
        db = workspace.db
        with db.transaction():
            record = self._get(incident_id)
            move = entry_move_problem(record.status)
            if move is not None:
                raise RuleViolation(move)
            moment = self._check_moment(
                workspace.now() if at is None else at, "at", earliest=record.found_at
            )
            incidents_repo.insert_entry(
                db,
                incident_id,
                kind=kind,
                at=moment,
                account_id=workspace.account.id,
                text=clean_text(text),
                recorded_at=workspace.now(),
                recipient=recipient,
                channel=channel,
            )
            status = status_after(record.status, kind)
            if status is not record.status:
                incidents_repo.set_status(db, incident_id, status)
            workspace.audit(
                AuditKind.INCIDENT_UPDATED,
                target_kind=TARGET,
                target_id=str(incident_id),
                detail=detail,
            )
            return self._get(incident_id)

    def add_measure(
        self, incident_id: int, text: str, *, at: datetime | None = None
    ) -> IncidentRecord:
        """A measure taken (the vault's passwords changed, the stick searched for, the
        document taken back), dated and signed by the account."""
        problem = entry_problem(text, "tindakan yang dilakukan")
        if problem is not None:
            raise ValidationError(problem, "text")
        return self._add_entry(
            incident_id, EntryKind.TINDAKAN, text, at, detail=EntryKind.TINDAKAN.value
        )

    def record_notice(
        self,
        incident_id: int,
        recipient: Recipient,
        channel: NoticeChannel,
        text: str = "",
        *,
        at: datetime | None = None,
    ) -> IncidentRecord:
        """A notice sent to ``recipient``; the first to each counts for the 3×24 h clock."""
        cleaned = clean_text(text)
        if cleaned:
            problem = entry_problem(cleaned, "keterangan pemberitahuan")
            if problem is not None:
                raise ValidationError(problem, "text")
        return self._add_entry(
            incident_id,
            EntryKind.PEMBERITAHUAN,
            cleaned,
            at,
            detail=f"{EntryKind.PEMBERITAHUAN.value}; {recipient.value}; {channel.value}",
            recipient=recipient,
            channel=channel,
        )

    def close(self, incident_id: int, note: str = "") -> IncidentRecord:
        """Mark the incident selesai; a notice not recorded needs a reason in ``note``."""
        self._require_handler()
        record = self._get(incident_id)
        move = entry_move_problem(record.status)
        if move is not None:
            raise RuleViolation(move)
        problem = close_problem(record.missing, note)
        if problem is not None:
            raise ValidationError(problem, "text")
        return self._add_entry(
            incident_id, EntryKind.SELESAI, note, None, detail=IncidentStatus.SELESAI.value
        )

    # -- the notices ------------------------------------------------------------------------

    def parent_notice(self, incident_id: int, student_id: int | None = None) -> Document:
        """The letter to one linked student's parent/guardian (their child's full name is on
        it; the title and file name carry initials), or, without ``student_id``, the general
        letter to every parent/guardian. The general letter leaves "Apa yang terjadi" out: it
        is typed text that may name a student, and it would reach every family; the letter
        says what happened in the program's words (kind, when found, which kinds of data).
        The measures still print on it (what the school did is the notice's point, Ps. 46),
        which is why the form asks that no student be named in them."""
        self._require_handler()
        record = self._get(incident_id)
        # reportlab loads with the first notice, not with the window.
        from bk_desktop.domain.documents import (  # noqa: PLC0415
            DocumentKind,
            default_file_name,
            student_label,
        )
        from bk_desktop.domain.letters import salutation  # noqa: PLC0415
        from bk_desktop.reports.incident_notices import (  # noqa: PLC0415
            ParentNoticeData,
            render_parent_notice,
        )
        from bk_desktop.services.documents import Document, school_today  # noqa: PLC0415

        addressee = ["Bapak/Ibu orang tua/wali siswa", self.workspace.settings().school_name]
        child = ""
        name = ""
        if student_id is not None:
            linked = next((s for s in record.students if s.id == student_id), None)
            student = students_repo.load_student(self.workspace.db, student_id)
            if linked is None or student is None:
                raise RuleViolation(
                    "Siswa ini tidak tercatat pada insiden ini; pilih dari siswa yang terdampak."
                )
            name = " ".join(student.name.split())
            child = f"{name} (kelas {linked.rombel})" if linked.rombel else name
            guardian = student.guardians[0] if student.guardians else None
            if guardian is not None:
                addressee = [
                    f"{salutation(guardian.relation)} {guardian.name}",
                    f"Orang tua/wali dari {child}",
                ]
            else:
                addressee = [f"Bapak/Ibu orang tua/wali dari {child}"]
        today = school_today(self.workspace)
        kind = DocumentKind.PEMBERITAHUAN_INSIDEN_ORTU
        pdf = render_parent_notice(
            ParentNoticeData(
                letterhead=self._letterhead(),
                school_name=self.workspace.settings().school_name,
                addressee=tuple(addressee),
                child=child,
                facts=self._facts(record, description=student_id is not None),
                signature=self._signature(today),
            )
        )
        shown = student_label(name, full_name=False) if name else "umum"
        return Document(
            kind=kind,
            target_kind=TARGET,
            target_id=str(record.id),
            title=f"{kind.label} — Insiden #{record.id}, {shown}",
            file_name=default_file_name(kind, name, today),
            pdf=pdf,
        )

    def authority_notice(self, incident_id: int, addressee: str) -> Document:
        """The letter to the authority (``addressee``: "Kepala Dinas Pendidikan …"): facts,
        counts, the description, measures, the notices to parents and the contact. The
        program prints no student's name on it; the typed texts print as written, so the form
        asks that they name no student."""
        self._require_handler()
        to = clean_line(addressee)
        if sum(1 for c in to if c.isalpha()) < MIN_ADDRESSEE_LETTERS:
            raise ValidationError(
                "Tuliskan kepada siapa surat ini ditujukan, mis. Kepala Dinas Pendidikan.",
                "addressee",
            )
        record = self._get(incident_id)
        from bk_desktop.domain.dates import format_instant  # noqa: PLC0415
        from bk_desktop.domain.documents import DocumentKind, default_file_name  # noqa: PLC0415
        from bk_desktop.reports.incident_notices import (  # noqa: PLC0415
            AuthorityNoticeData,
            render_authority_notice,
        )
        from bk_desktop.services.documents import Document, school_today  # noqa: PLC0415

        zone = self.workspace.settings().zone
        today = school_today(self.workspace)
        notices = tuple(
            (format_instant(e.at, zone), self._notice_words(e))
            for e in record.notices
            if e.recipient is Recipient.ORANG_TUA
        )
        kind = DocumentKind.PEMBERITAHUAN_INSIDEN_LEMBAGA
        pdf = render_authority_notice(
            AuthorityNoticeData(
                letterhead=self._letterhead(),
                school_name=self.workspace.settings().school_name,
                addressee=to,
                facts=self._facts(record),
                reported_by=record.reported_by,
                recorded_at=format_instant(record.recorded_at, zone),
                parent_notices=notices,
                signature=self._signature(today),
            )
        )
        return Document(
            kind=kind,
            target_kind=TARGET,
            target_id=str(record.id),
            title=f"{kind.label} — Insiden #{record.id}",
            file_name=default_file_name(kind, "", today),
            pdf=pdf,
        )

    # -- what both letters share ------------------------------------------------------------

    @staticmethod
    def _notice_words(entry: IncidentEntry) -> str:
        how = entry.channel.label if entry.channel is not None else ""
        return f"{how}: {entry.text}" if entry.text else how

    def _letterhead(self) -> Letterhead:
        from bk_desktop.services.settings import SettingsService  # noqa: PLC0415

        return SettingsService(self.workspace).letterhead()

    def _signature(self, today: date) -> SignatureBlock:
        from bk_desktop.reports.letterhead import SignatureBlock  # noqa: PLC0415
        from bk_desktop.services.documents import (  # noqa: PLC0415
            counsellor_signatory,
            principal_signatory,
        )

        settings = self.workspace.settings()
        return SignatureBlock(
            city=settings.city,
            signed_on=today,
            school_name=settings.school_name,
            counsellor=counsellor_signatory(self.workspace.account),
            principal=principal_signatory(settings),
        )

    def contact(self) -> tuple[tuple[str, str], ...]:
        """Whom a notice names to ask: the data-protection officer when the settings name
        one, else the signed-in koordinator with the school's phone and e-mail."""
        settings = self.workspace.settings()
        if settings.dpo_name.strip():
            rows = [
                ("Nama", settings.dpo_name),
                ("Jabatan", settings.dpo_position or "Petugas pelindungan data pribadi"),
                ("Telepon", settings.dpo_phone or settings.school_phone),
                ("Pos-el", settings.dpo_email or settings.school_email),
            ]
        else:
            rows = [
                ("Nama", self.workspace.account.name),
                ("Jabatan", "Koordinator BK"),
                ("Telepon", settings.school_phone),
                ("Pos-el", settings.school_email),
            ]
        return tuple((label, value) for label, value in rows if value.strip())

    def _facts(self, record: IncidentRecord, *, description: bool = True) -> IncidentFacts:
        """Both letters' facts; ``description=False`` leaves the typed "Apa yang terjadi" out
        (the general letter to every parent/guardian)."""
        from bk_desktop.domain.dates import format_instant  # noqa: PLC0415
        from bk_desktop.reports.incident_notices import IncidentFacts  # noqa: PLC0415

        zone = self.workspace.settings().zone
        return IncidentFacts(
            kind=record.kind.label,
            found_at=format_instant(record.found_at, zone),
            what_happened=record.what_happened if description else "",
            data=record.data_labels,
            student_count=record.student_count,
            measures=tuple((format_instant(e.at, zone), e.text) for e in record.measures),
            contact=self.contact(),
        )
