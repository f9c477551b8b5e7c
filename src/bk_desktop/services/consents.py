"""Parent/guardian consent for BK services: the register, its scans, the versioned text.

Public API (Siswa's "Persetujuan orang tua/wali…", Pengaturan → Privasi and Beranda code
against this)::

    ConsentService(workspace)                  # RuleViolation for the kepala sekolah
        entries(student_id) -> list[ConsentRecord]          # the register, oldest first
        state_line(student_id) -> str                       # "Belum ada persetujuan tercatat"…
        in_force(student_id, day=None) -> ConsentRecord | None   # the entry deciding the day
        get(consent_id) -> ConsentRecord                    # one entry (a referral cites it)
        record(student_id, form, scan=None) -> int          # audit consent.recorded/withdrawn
        scan(consent_id) -> bytes                           # the stored JPEG
        current_text() -> ConsentText                       # the newest version (or default)
        texts() -> list[ConsentText]                        # every version, newest first
        save_text(text) -> int | None                       # audit consent_text.changed
        withdrawals_needing_attention(now) -> list[WithdrawalTask]   # for a Beranda task
        consent_form(student_id=None) -> Document           # Formulir Persetujuan Layanan BK

    require_consent_not_withdrawn(workspace, student_id, what)   # every path that starts work

The rules are ``domain.consents``'. A withdrawal in force refuses, with one
``RuleViolation``, new permohonan (``RequestService.create``) and reopening a closed one
(``transition`` to *diterima*), screenings (``ScreeningService.record``), new or moved
sessions (``agree_schedule``, ``plan_session``, ``reschedule``, Jadwal's ``place``), session
records (``record_session``, judged on the day the session was held), follow-ups
(``add_follow_up``, ``record_follow_up``, judged on the day it was done), a referral step that
carries it on (``ReferralService.record_step`` to *dikirim* or *diterima*) and the letters
(``print_referral_letter``, ``print_parent_letter``); a tindakan darurat is never refused
(``domain.consents``). A student with nothing recorded is not blocked.

Version 1 of the text is the program's default until a school saves its own; it is stored as
version 1 the first time a form is printed with it, a consent cites it or a new text is saved,
so every version a signed form or a consent names is in the vault, word for word.

Errors: ``RuleViolation`` (the kepala sekolah; a withdrawal in force), ``ValidationError``
(the form's fields, the text, the scan file), ``KnownError`` (a student or entry not found).

Pillow loads only when a scan is recorded, reportlab only when the form is printed.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.consents import (
    DEFAULT_CONSENT_TEXT,
    ConsentAct,
    ConsentChannel,
    ConsentForm,
    ConsentRecord,
    ConsentText,
    form_problems,
    in_force,
    state_line,
    text_problem,
    withdrawal_refusal,
    withdrawn_on,
)
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.scheduling import initials
from bk_desktop.domain.text import clean_text
from bk_desktop.domain.visibility import require_counsellor
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import consents_repo, students_repo

if TYPE_CHECKING:
    from bk_desktop.services.documents import Document

__all__ = [
    "ConsentInvalid",
    "ConsentService",
    "WithdrawalTask",
    "require_consent_not_withdrawn",
]


class ConsentInvalid(ValidationError):
    """Every problem of a consent form at once (``errors``); the message is the first."""

    def __init__(self, errors: builtins.list[ValidationError]) -> None:
        super().__init__(errors[0].message, errors[0].field)
        self.errors = errors


@dataclass(frozen=True)
class WithdrawalTask:
    """A student whose consent is withdrawn while work for them is still open: initials and
    class only, as Beranda names students."""

    student_id: int
    initials: str
    rombel: str
    withdrawn_on: date
    planned_sessions: int
    open_cases: int


def _today(workspace: Workspace) -> date:
    return workspace.now().astimezone(workspace.settings().zone).date()


def require_consent_not_withdrawn(
    workspace: Workspace, student_id: int, what: str, *, on: date | None = None
) -> None:
    """Refuse ``what`` ("membuat permohonan baru", "menjadwalkan sesi", "mencatat sesi") for
    a student whose parent/guardian has withdrawn consent; nothing recorded is no block.

    ``on`` is the school day the act belongs to when it is not today: a session held, or a
    follow-up done, before the withdrawal may still be recorded after it."""
    day = on if on is not None else _today(workspace)
    withdrawn = withdrawn_on(consents_repo.of_student(workspace.db, student_id), day)
    if withdrawn is not None:
        raise withdrawal_refusal(withdrawn, what)


class ConsentService:
    def __init__(self, workspace: Workspace) -> None:
        require_counsellor(workspace.viewer)  # a student's file: not the kepala sekolah
        self.workspace = workspace

    def _today(self) -> date:
        return _today(self.workspace)

    def _student_name(self, student_id: int) -> tuple[str, str]:
        """The student's name and current (else latest) rombel."""
        student = students_repo.load_student(self.workspace.db, student_id)
        if student is None:
            raise KnownError("Siswa ini tidak ditemukan; mungkin sudah dihapus.")
        placements = sorted(student.placements, key=lambda p: p.academic_year.start)
        return student.name, placements[-1].rombel if placements else ""

    # -- the register -----------------------------------------------------------------------

    def entries(self, student_id: int) -> builtins.list[ConsentRecord]:
        return consents_repo.of_student(self.workspace.db, student_id)

    def state_line(self, student_id: int) -> str:
        return state_line(self.entries(student_id), self._today())

    def in_force(self, student_id: int, day: date | None = None) -> ConsentRecord | None:
        """The entry that decides the student's consent on ``day`` (default the school's
        today): a consent given, a withdrawal, or ``None`` while nothing is recorded. A
        referral on a parent's consent cites the entry when it is a consent given."""
        return in_force(self.entries(student_id), day or self._today())

    def get(self, consent_id: int) -> ConsentRecord:
        entry = consents_repo.get(self.workspace.db, consent_id)
        if entry is None:
            raise KnownError("Catatan persetujuan ini tidak ditemukan di brankas.")
        return entry

    def record(self, student_id: int, form: ConsentForm, scan: Path | None = None) -> int:
        """Record a consent given or withdrawn, with its scan reduced into the vault.

        ``ConsentInvalid`` lists every problem of the form; a scan file that cannot be used is
        a ``ValidationError`` on the field ``scan``. The scan is read before the transaction,
        so a refused picture writes nothing."""
        workspace = self.workspace
        db = workspace.db
        form = form.cleaned()
        if form.act is ConsentAct.WITHDRAWN or form.channel is not ConsentChannel.PINDAIAN:
            scan = None
        current = self.current_text()
        cited = None
        if form.act is ConsentAct.GIVEN and form.text_version is not None:
            cited = consents_repo.text(db, form.text_version)
        saved_on = None  # the program's default (version 1) is older than any consent
        if cited is not None and cited.version > 1 and cited.saved_at is not None:
            saved_on = cited.saved_at.astimezone(workspace.settings().zone).date()
        problems = form_problems(
            form,
            today=self._today(),
            newest_version=current.version,
            version_saved_on=saved_on,
            has_scan=scan is not None,
        )
        if problems:
            raise ConsentInvalid(problems)
        reduced = None
        if scan is not None:
            from bk_desktop.services.consent_scan import reduce_scan  # noqa: PLC0415 - Pillow

            reduced = reduce_scan(scan)
        self._student_name(student_id)  # refuses a student since deleted
        with db.transaction():
            if form.act is ConsentAct.GIVEN:
                self._store_default_text()
            consent_id = consents_repo.insert(
                db, student_id, form, at=workspace.now(), by=workspace.account.id
            )
            if reduced is not None:
                consents_repo.save_scan(db, consent_id, reduced.jpeg, reduced.width, reduced.height)
            workspace.audit(
                AuditKind.CONSENT_RECORDED
                if form.act is ConsentAct.GIVEN
                else AuditKind.CONSENT_WITHDRAWN,
                target_kind="student",
                target_id=str(student_id),
                detail=f"consent {consent_id}; {form.channel.value if form.channel else ''}"
                + (f"; versi {form.text_version}" if form.act is ConsentAct.GIVEN else ""),
            )
        return consent_id

    def scan(self, consent_id: int) -> bytes:
        image = consents_repo.scan(self.workspace.db, consent_id)
        if image is None:
            raise KnownError("Pindaian formulir ini tidak ditemukan di brankas.")
        return image

    # -- the text, with versions ------------------------------------------------------------

    def texts(self) -> builtins.list[ConsentText]:
        stored = consents_repo.texts(self.workspace.db)
        return stored or [ConsentText(1, DEFAULT_CONSENT_TEXT, None, "")]

    def current_text(self) -> ConsentText:
        return self.texts()[0]

    def _store_default_text(self) -> None:
        """Keep version 1 in the vault once anything refers to it (inside a transaction)."""
        db = self.workspace.db
        if consents_repo.text(db, 1) is None:
            consents_repo.add_text(db, 1, DEFAULT_CONSENT_TEXT, at=self.workspace.now(), by=None)

    def save_text(self, text: str) -> int | None:
        """Save ``text`` as a new version when it differs from the current one; returns the
        new version's number, ``None`` when nothing changed."""
        workspace = self.workspace
        body = clean_text(text).strip()
        problem = text_problem(body)
        if problem is not None:
            raise ValidationError(problem, "consent_text")
        with workspace.db.transaction():
            current = self.current_text()
            if body == current.text.strip():
                return None
            self._store_default_text()
            version = current.version + 1
            consents_repo.add_text(
                workspace.db, version, body, at=workspace.now(), by=workspace.account.id
            )
            workspace.audit(
                AuditKind.CONSENT_TEXT_CHANGED,
                target_kind="consent_text",
                target_id=str(version),
            )
        return version

    # -- Beranda ----------------------------------------------------------------------------

    def withdrawals_needing_attention(self, now: datetime) -> builtins.list[WithdrawalTask]:
        """Students whose withdrawal is in force on ``now``'s school day while sessions are
        still planned or a case is open for them: the counsellor cancels or closes them."""
        db = self.workspace.db
        today = now.astimezone(self.workspace.settings().zone).date()
        withdrawn: dict[int, date] = {}
        for student_id, entries in consents_repo.with_withdrawals(db).items():
            day = withdrawn_on(entries, today)
            if day is not None:
                withdrawn[student_id] = day
        tasks = []
        for student_id, (planned, cases) in consents_repo.open_work(db, list(withdrawn)).items():
            name, rombel = self._student_name(student_id)
            tasks.append(
                WithdrawalTask(
                    student_id=student_id,
                    initials=initials(name),
                    rombel=rombel,
                    withdrawn_on=withdrawn[student_id],
                    planned_sessions=planned,
                    open_cases=cases,
                )
            )
        return sorted(tasks, key=lambda task: (task.withdrawn_on, task.rombel, task.initials))

    # -- the printed form -------------------------------------------------------------------

    def consent_form(self, student_id: int | None = None) -> Document:
        """The Formulir Persetujuan Layanan BK with the current text and its version: blank
        lines for the student, or filled for one student (printed from Siswa)."""
        from bk_desktop.domain.documents import (  # noqa: PLC0415
            DocumentKind,
            default_file_name,
        )
        from bk_desktop.reports.consent_form import (  # noqa: PLC0415 - reportlab on print
            ConsentFormData,
            render_consent_form,
        )
        from bk_desktop.services.documents import Document  # noqa: PLC0415
        from bk_desktop.services.settings import SettingsService  # noqa: PLC0415

        workspace = self.workspace
        settings = workspace.settings()
        if self.current_text().saved_at is None:
            # The form names "versi 1": keep that wording, so a form signed later still
            # matches a stored text even if the program's default changes in an update.
            with workspace.db.transaction():
                self._store_default_text()
        text = self.current_text()
        name, rombel = ("", "") if student_id is None else self._student_name(student_id)
        data = ConsentFormData(
            text=text.text,
            version=text.version,
            student_name=name,
            rombel=rombel,
            school_name=settings.school_name,
            city=settings.city,
        )
        pdf = render_consent_form(SettingsService(workspace).letterhead(), data)
        kind = DocumentKind.FORMULIR_PERSETUJUAN
        label = f"{initials(name)} {rombel}".strip()
        return Document(
            kind=kind,
            target_kind="student" if student_id is not None else "consent_text",
            target_id=str(student_id if student_id is not None else text.version),
            title=f"{kind.label} — {label}" if label else kind.label,
            file_name=default_file_name(kind, name, self._today()),
            pdf=pdf,
        )
