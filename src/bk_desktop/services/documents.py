"""Printed documents: built in memory from what the signed-in counsellor may see.

Public API (the Konseling tab and Pengaturan code against this)::

    DocumentService(workspace)
        session_summary(session_id, choice=DocumentChoice(), *, show_notes=False) -> Document
        action_plan(session_id, choice=DocumentChoice(), *, show_notes=False) -> Document
        recovery_card(recovery_key) -> Document                  # the Kartu Pemulihan
        letterhead_sample() -> Document                          # Pengaturan's "Pratinjau kop"
        service_standard_poster() -> Document                    # the standard, for the wall
        spool_folder() -> Path                                   # private, for print jobs
        record_printed(document, *, copies, pages) -> None       # audit: document.printed
        save(document, path, password=None) -> Path              # audit: document.saved

A document is PDF bytes held in memory (``Document.pdf``): the window previews and prints it
from there, and it reaches the disk only through :meth:`save`, where the user chose the place
(and, if they wish, an AES-256 password). Nothing is written on the way.

Visibility is ``domain.visibility``'s, through ``CounsellingService``: a session of another
counsellor's *sangat rahasia* case cannot be printed at all; another counsellor's withheld
notes print only after "Tampilkan catatan" (``show_notes=True``, which is audited as an opening
like on screen); the kepala sekolah is refused by ``CounsellingService`` itself.

Privacy by default (``domain.documents``): initials and no student number unless the full name
is chosen (a NISN identifies a child as surely as a name), free-text notes only when chosen.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from bk_desktop.domain.accounts import Account
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.counselling import SessionRecord, SessionStatus
from bk_desktop.domain.documents import (
    DocumentChoice,
    DocumentKind,
    SummaryPart,
    default_file_name,
    student_label,
)
from bk_desktop.domain.errors import KnownError, RuleViolation, ValidationError
from bk_desktop.domain.service_standard import service_standard
from bk_desktop.domain.settings import Settings
from bk_desktop.domain.sight import Sight
from bk_desktop.files.atomic import atomic_write, ensure_private_dir
from bk_desktop.reports.action_plan import ActionPlanData, NextMeeting, render_action_plan
from bk_desktop.reports.letterhead import Signatory, SignatureBlock
from bk_desktop.reports.letterhead_sample import render_letterhead_sample
from bk_desktop.reports.pdf_password import protect_pdf
from bk_desktop.reports.poster import render_poster
from bk_desktop.reports.recovery_card import PDF_TITLE, render_recovery_card
from bk_desktop.reports.session_summary import (
    ActionLine,
    SessionSummaryData,
    render_session_summary,
)
from bk_desktop.services.counselling import CaseView, CounsellingService, SessionView
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import accounts_repo, students_repo
from bk_desktop.storage.error_sorting import sorted_os_errors

__all__ = [
    "Document",
    "DocumentService",
    "counsellor_signatory",
    "principal_signatory",
    "school_today",
    "student_number",
]

PASSWORD_MIN = 6
"""A PDF password shorter than this is refused: it would only look like protection."""


@dataclass(frozen=True)
class Document:
    """One rendered document, held in memory until printed or saved."""

    kind: DocumentKind
    target_kind: str
    target_id: str
    title: str
    """What the preview window is called: kind, initials and class, never a full name."""
    file_name: str
    pdf: bytes


class DocumentService:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    # -- the documents -----------------------------------------------------------------------

    def session_summary(
        self, session_id: int, choice: DocumentChoice | None = None, *, show_notes: bool = False
    ) -> Document:
        """The Ringkasan Sesi Konseling of one held session, as ``choice`` asks."""
        choice = choice or DocumentChoice()
        view = self._printable_session(session_id, show_notes=show_notes)
        record = view.record
        settings = self.workspace.settings()
        case_view = self._case_of(record)
        case = self._case_line(case_view)
        parts = choice.parts
        data = SessionSummaryData(
            letterhead=SettingsService(self.workspace).letterhead(),
            zone=settings.zone,
            student_name=student_label(record.student_name, full_name=choice.full_name),
            student_number=self._student_number(record.student_id, choice),
            rombel=record.rombel,
            counsellor_name=record.counsellor_name,
            case_number=case[0],
            meeting_number=record.number or 1,
            start=_required(record.actual_start, record.planned_start),
            end=_required(record.actual_end, record.planned_end),
            place=record.place,
            mode=record.mode.label,
            bidang=case[1],
            problem=view.request.reason if SummaryPart.MASALAH in parts else None,
            understanding=record.understanding if SummaryPart.LAISEG in parts else None,
            comfort=record.comfort if SummaryPart.LAISEG in parts else None,
            action=record.action if SummaryPart.LAISEG in parts else None,
            alternatives=(
                tuple((a.text, a.chosen) for a in view.alternatives)
                if SummaryPart.ALTERNATIF in parts
                else None
            ),
            action_items=(self._action_lines(view) if SummaryPart.RENCANA_AKSI in parts else None),
            next_session=(
                self._next_session(record, case_view)
                if SummaryPart.SESI_BERIKUTNYA in parts
                else None
            ),
            notes=record.notes if SummaryPart.CATATAN in parts else None,
            signature=self._signature(record, principal=True),
        )
        return self._document(
            DocumentKind.RINGKASAN_SESI,
            record,
            render_session_summary(data),
            title_detail=f"pertemuan ke-{record.number or 1}",
        )

    def action_plan(
        self, session_id: int, choice: DocumentChoice | None = None, *, show_notes: bool = False
    ) -> Document:
        """The Rencana Aksi agreed in one held session, for the student to keep."""
        choice = choice or DocumentChoice()
        view = self._printable_session(session_id, show_notes=show_notes)
        record = view.record
        if not view.action_items:
            raise RuleViolation(
                "Sesi ini belum punya rencana aksi. Tambahkan rencana aksi pada catatan sesi, "
                "simpan, lalu cetak lagi."
            )
        settings = self.workspace.settings()
        held = _required(record.actual_start, record.planned_start)
        shown_name = student_label(record.student_name, full_name=choice.full_name)
        data = ActionPlanData(
            letterhead=SettingsService(self.workspace).letterhead(),
            zone=settings.zone,
            student_name=shown_name,
            rombel=record.rombel,
            counsellor_name=record.counsellor_name,
            agreed_on=held.astimezone(settings.zone).date(),
            items=self._action_lines(view),
            next_session=self._next_session(record, self._case_of(record)),
            signature=self._signature(record, student=shown_name),
        )
        return self._document(DocumentKind.RENCANA_AKSI, record, render_action_plan(data))

    def recovery_card(self, recovery_key: str) -> Document:
        """The Kartu Pemulihan of ``recovery_key`` on the school's letterhead, made now by the
        signed-in account (the setup wizard, or Pengaturan → Keamanan after a new key)."""
        workspace = self.workspace
        settings = workspace.settings()
        pdf = render_recovery_card(
            recovery_key=recovery_key,
            school_name=settings.school_name,
            vault_id=workspace.vault.vault_id,
            account_name=workspace.account.name,
            created_at=workspace.now(),
            zone=settings.zone,
            letterhead=SettingsService(workspace).letterhead(),
        )
        return Document(
            kind=DocumentKind.KARTU_PEMULIHAN,
            target_kind="vault",
            target_id=workspace.vault.vault_id,
            title=DocumentKind.KARTU_PEMULIHAN.label,
            file_name=f"{PDF_TITLE}.pdf",
            pdf=pdf,
        )

    def letterhead_sample(self) -> Document:
        """The kop and signature block as they print, signed by the signed-in account (a
        counsellor) or with the counsellor's name left to write by hand (a kepala sekolah)."""
        workspace = self.workspace
        settings = workspace.settings()
        account = workspace.account
        counsellor = counsellor_signatory(account if account.role.is_counsellor else None)
        block = SignatureBlock(
            city=settings.city,
            signed_on=self._today(),
            school_name=settings.school_name,
            counsellor=counsellor,
            principal=principal_signatory(settings),
        )
        pdf = render_letterhead_sample(SettingsService(workspace).letterhead(), block)
        kind = DocumentKind.CONTOH_KOP
        return Document(
            kind=kind,
            target_kind="settings",
            target_id="letterhead",
            title=kind.label,
            file_name=default_file_name(kind, "", self._today()),
            pdf=pdf,
        )

    def service_standard_poster(self) -> Document:
        """The Standar Pelayanan poster: the standard's promises as this program keeps them
        and this school's settings count them (``domain.service_standard``); public, so it
        names no student and carries no RAHASIA footer."""
        workspace = self.workspace
        standard = service_standard(workspace.settings())
        pdf = render_poster(SettingsService(workspace).letterhead(), standard)
        kind = DocumentKind.POSTER_STANDAR
        return Document(
            kind=kind,
            target_kind="settings",
            target_id="service_standard",
            title=kind.label,
            file_name=default_file_name(kind, "", self._today()),
            pdf=pdf,
        )

    # -- printing and saving -----------------------------------------------------------------

    def spool_folder(self) -> Path:
        """The private folder (owner-only) a print job's temporary files are pointed at."""
        folder = self.workspace.vault.paths.print_spool
        with sorted_os_errors(folder.parent):
            ensure_private_dir(folder)
        return folder

    def record_printed(self, document: Document, *, copies: int, pages: str) -> None:
        """Audit a print job sent to a printer (who, what, when; never content)."""
        with self.workspace.db.transaction():
            self.workspace.audit(
                AuditKind.DOCUMENT_PRINTED,
                target_kind=document.target_kind,
                target_id=document.target_id,
                detail=f"{document.kind.value}; salinan {max(1, copies)}; halaman {pages}",
            )

    def save(self, document: Document, path: Path, password: str | None = None) -> Path:
        """Write ``document`` to ``path`` (whole or not at all), audited with its kind and
        whether it has a password (never the path: a folder may be named after a student).

        With a password the file is encrypted (AES-256) and opens only with it; the password
        is not kept anywhere, in the vault or the audit log.
        """
        data = document.pdf
        if password is not None and password != "":
            if len(password) < PASSWORD_MIN:
                raise ValidationError(
                    f"Kata sandi PDF minimal {PASSWORD_MIN} karakter, atau hilangkan centang "
                    "perlindungan untuk menyimpan tanpa kata sandi.",
                    "password",
                )
            data = protect_pdf(data, password)
        target = path if path.suffix.casefold() == ".pdf" else path.with_name(path.name + ".pdf")
        if not target.parent.is_dir():
            raise KnownError(
                f"Folder {target.parent} tidak ada (flashdisk dicabut?). Pilih folder lain."
            )
        try:
            if target.is_dir():
                raise KnownError(f"{target} adalah sebuah folder. Tulis nama berkas yang lain.")
            with sorted_os_errors(target.parent):
                atomic_write(target, data)
        except KnownError:
            raise
        except OSError as error:  # what the sorting has no sentence for
            raise KnownError(_unsaved_because(target, error)) from error
        with self.workspace.db.transaction():
            self.workspace.audit(
                AuditKind.DOCUMENT_SAVED,
                target_kind=document.target_kind,
                target_id=document.target_id,
                # Never the folder or file name: a folder named after a student would keep
                # the name in the audit log, which outlives an erasure of that student.
                detail=f"{document.kind.value}; {'dengan' if password else 'tanpa'} kata sandi",
            )
        return target

    # -- parts -------------------------------------------------------------------------------

    def _printable_session(self, session_id: int, *, show_notes: bool) -> SessionView:
        view = CounsellingService(self.workspace).session(session_id, show_notes=show_notes)
        record = view.record
        owner = record.counsellor_name or "guru BK lain"
        if record.sight is Sight.EXISTS_ONLY:
            raise RuleViolation(
                f"Sesi ini bagian dari kasus sangat rahasia yang ditangani {owner}; "
                "dokumennya hanya dapat dicetak olehnya."
            )
        if record.sight is Sight.NOTES_WITHHELD:
            raise RuleViolation(
                f"Catatan sesi ini milik {owner}. Tekan “Tampilkan catatan” dulu bila perlu "
                "mencetaknya; pembukaan dan pencetakan dicatat di log audit."
            )
        if record.status is not SessionStatus.SELESAI or record.migrated:
            raise RuleViolation(
                "Dokumen sesi dicetak dari sesi yang sudah dilaksanakan dan catatannya "
                "tersimpan. Catat sesinya dulu."
            )
        return view

    def _case_of(self, record: SessionRecord) -> CaseView | None:
        """The session's case as the viewer sees it, read once for a document's every part."""
        if record.case_id is None:
            return None
        return CounsellingService(self.workspace).case(record.case_id)

    @staticmethod
    def _case_line(case: CaseView | None) -> tuple[str, tuple[str, ...]]:
        """The case's code and bidang labels ("", () for a session without a case)."""
        if case is None:
            return "", ()
        line = case.record
        return line.code, tuple(b.label for b in sorted(line.bidang, key=lambda b: b.label))

    def _student_number(self, student_id: int, choice: DocumentChoice) -> str:
        return student_number(self.workspace, student_id, choice)

    @staticmethod
    def _action_lines(view: SessionView) -> tuple[ActionLine, ...]:
        return tuple(
            ActionLine(
                what=item.what,
                support=item.support,
                due_on=item.due_on,
                review_on=item.review_on,
                status=item.status.label,
            )
            for item in view.action_items
        )

    def _next_session(self, record: SessionRecord, case: CaseView | None) -> NextMeeting | None:
        """The first session planned after this one in its case (or its permohonan, before a
        case), as time, minutes and place. Only one still ahead: an overdue plan nobody
        recorded is no meeting to promise a student on paper."""
        planned = (
            case.sessions
            if case is not None
            else CounsellingService(self.workspace).sessions_of_request(record.request_id)
        )
        ahead = [
            s
            for s in planned
            if s.status is SessionStatus.TERJADWAL and s.planned_start > record.planned_start
        ]
        if not ahead:
            return None
        first = min(ahead, key=lambda s: s.planned_start)
        return NextMeeting(first.planned_start, first.planned_minutes, first.place)

    def _signature(
        self, record: SessionRecord, *, principal: bool = False, student: str | None = None
    ) -> SignatureBlock:
        """The counsellor on the right; the principal ("Mengetahui") or the student on the
        left."""
        settings = self.workspace.settings()
        account = accounts_repo.get_account(self.workspace.db, record.counsellor_id)
        counsellor = counsellor_signatory(account, fallback=record.counsellor_name)
        acknowledging = principal_signatory(settings) if principal else None
        return SignatureBlock(
            city=settings.city,
            signed_on=self._today(),
            school_name=settings.school_name,
            counsellor=counsellor,
            principal=acknowledging,
            student=student,
        )

    def _today(self) -> date:
        return school_today(self.workspace)

    def _document(
        self, kind: DocumentKind, record: SessionRecord, pdf: bytes, *, title_detail: str = ""
    ) -> Document:
        student = student_label(record.student_name, full_name=False)
        detail = f", {title_detail}" if title_detail else ""
        class_text = f" ({record.rombel})" if record.rombel else ""
        return Document(
            kind=kind,
            target_kind="session",
            target_id=str(record.id),
            title=f"{kind.label} — {student}{class_text}{detail}",
            file_name=default_file_name(kind, record.student_name, self._today()),
            pdf=pdf,
        )


def school_today(workspace: Workspace) -> date:
    """Today on the school's clock: the date a document is signed on."""
    return workspace.now().astimezone(workspace.settings().zone).date()


def student_number(workspace: Workspace, student_id: int, choice: DocumentChoice) -> str:
    """ "NISN …" (else "NIS …") when the full name is chosen, else "": a number identifies
    a child as surely as a name, so it goes with the name or not at all."""
    if not choice.full_name:
        return ""
    student = students_repo.load_student(workspace.db, student_id)
    if student is None:
        return ""
    if student.nisn:
        return f"NISN {student.nisn}"
    return f"NIS {student.nis}" if student.nis else ""


def counsellor_signatory(account: Account | None, *, fallback: str = "") -> Signatory:
    """A counsellor as they sign: name and NIP/NUPTK/NIY from their account, or the name
    alone (an account since removed)."""
    if account is None:
        return Signatory(name=fallback)
    return Signatory(name=account.name, nip=account.nip, nuptk=account.nuptk, niy=account.niy)


_NAME_TOO_LONG = {errno.ENAMETOOLONG, 206}  # 206: Windows' ERROR_FILENAME_EXCED_RANGE
_NAME_REFUSED = {errno.EINVAL, 123}  # 123: Windows' ERROR_INVALID_NAME ("?", ":" in a name)


def _unsaved_because(target: Path, error: OSError) -> str:
    """An Indonesian sentence for a file the system would not write, never its own English."""
    code = getattr(error, "winerror", None) or error.errno
    if code in _NAME_TOO_LONG:
        reason = "Nama berkas atau foldernya terlalu panjang. Pilih nama yang lebih pendek."
    elif code in _NAME_REFUSED:
        reason = (
            'Nama berkasnya memuat tanda yang tidak boleh dipakai (seperti ? : * " < > |). '
            "Coba nama lain."
        )
    else:
        reason = f"Sistem menolak menulisnya (kode {code}). Coba nama lain atau folder lain."
    return f"Dokumen tidak dapat disimpan ke {target}. {reason}"


def principal_signatory(settings: Settings) -> Signatory:
    """The kepala sekolah as the settings name them, on the "Mengetahui" side."""
    return Signatory(
        name=settings.principal_name,
        nip=settings.principal_nip,
        nuptk=settings.principal_nuptk,
        niy=settings.principal_niy,
    )


def _required(value: datetime | None, fallback: datetime) -> datetime:
    return value if value is not None else fallback
