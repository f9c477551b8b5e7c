"""Letters with numbers: the Surat Alih Tangan Kasus and the Surat Panggilan Orang Tua/Wali.

Public API (the referral dialog, Siswa's "Surat panggilan orang tua…" and Pengaturan code
against this)::

    LetterService(workspace)                   # RuleViolation for the kepala sekolah
        number_state() -> NumberState          # this year's next number, after-restore flag
        set_next_number(serial) -> None        # only upward; audit letter.counter_set
        referral_letter(referral_id) -> LetterRecord | None   # its valid (not void) letter
        print_referral_letter(referral_id, *, confirmed_next=None) -> Document
        parent_letters(student_id) -> list[LetterRecord]      # valid ones, newest first
        print_parent_letter(student_id, meeting, *, confirmed_next=None) -> Document
        reprint(letter_id) -> Document         # the same number and date
        void(letter_id, reason) -> None        # audit letter.voided; the number stays used

Numbering is ``domain.letters``': a letter gets its number when it is first made (before
its preview: a letter not sent after all is voided, its number kept used), in one
transaction with its ``letter.issued`` audit event; printing the referral letter again
reprints that letter (same number, same date) until its number is voided. The next serial of
a year is above the stored counter and every serial given that year. After a restore (the
latest ``restore`` audit event is newer than the last number given or set) the first new
number must be confirmed: the print methods raise ``NumberUnconfirmed`` (carrying the
proposed serial) until called with ``confirmed_next``, which may only be that serial or
higher, and is audited as a counter set.

Errors: ``RuleViolation`` (a referral without recorded consent, a cancelled referral, another
counsellor's *sangat rahasia* case, a void letter reprinted), ``ValidationError`` (the
meeting's fields, a reason, a number lower than the next), ``NumberUnconfirmed``.

reportlab loads only when a letter is rendered, not with the window (Pengaturan uses the
numbering part).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.documents import DocumentKind, default_file_name, student_label
from bk_desktop.domain.errors import KnownError, RuleViolation, ValidationError
from bk_desktop.domain.letters import (
    LetterRecord,
    ParentMeeting,
    counter_problem,
    format_number,
    format_problem,
    needs_confirmation,
    next_serial,
    salutation,
    void_reason_problem,
)
from bk_desktop.domain.referrals import ReferralRecord
from bk_desktop.domain.requests import RequestRecord
from bk_desktop.domain.screening import (
    CONSENT_GIVEN,
    ReferralStatus,
    consent_record_problems,
)
from bk_desktop.domain.sight import Sight
from bk_desktop.domain.text import clean_text
from bk_desktop.domain.visibility import case_sight, require_counsellor
from bk_desktop.services.consents import require_consent_not_withdrawn
from bk_desktop.services.referrals import rests_on_parent_consent
from bk_desktop.services.requests import RequestService
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import (
    accounts_repo,
    audit_repo,
    consents_repo,
    letters_repo,
    referrals_repo,
)
from bk_desktop.storage.timefmt import from_text, to_text

if TYPE_CHECKING:
    from bk_desktop.reports.letterhead import Letterhead, SignatureBlock
    from bk_desktop.services.documents import Document

__all__ = ["LetterService", "NumberState", "NumberUnconfirmed"]

REFERRAL = "referral"
STUDENT = "student"


@dataclass(frozen=True)
class NumberState:
    """Where this year's numbering stands, as Pengaturan and the first letter after a
    restore show it."""

    year: int
    next_serial: int
    next_number: str
    """The next number as it would print this month ("" when the format is unusable)."""
    last_number: str
    """The last number given (any year), "" before the first letter."""
    needs_confirmation: bool


class NumberUnconfirmed(RuleViolation):
    """The vault was restored since the last number was given: the next number must be
    confirmed (letters sent after the backup was made are not in this vault)."""

    def __init__(self, state: NumberState) -> None:
        last = f" Nomor terakhir yang tercatat: {state.last_number}." if state.last_number else ""
        super().__init__(
            "Brankas ini dipulihkan dari cadangan, jadi surat yang dikirim sesudah cadangan "
            f"itu dibuat tidak tercatat di sini.{last} Pastikan nomor berikutnya belum pernah "
            "dipakai (lihat buku agenda surat keluar)."
        )
        self.state = state


class LetterService:
    def __init__(self, workspace: Workspace) -> None:
        require_counsellor(workspace.viewer)  # letters name students: not the kepala sekolah
        self.workspace = workspace

    # -- numbering --------------------------------------------------------------------------

    def _today(self) -> date:
        return self.workspace.now().astimezone(self.workspace.settings().zone).date()

    def number_state(self) -> NumberState:
        db = self.workspace.db
        today = self._today()
        year = today.year
        serial = next_serial(letters_repo.counter(db, year), letters_repo.highest_serial(db, year))
        settings = self.workspace.settings()
        usable = format_problem(settings.letter_number_format, settings.letter_code) is None
        restore = audit_repo.latest(db, AuditKind.RESTORE)
        confirmed = [
            event.at
            for kind in (AuditKind.LETTER_ISSUED, AuditKind.LETTER_COUNTER_SET)
            if (event := audit_repo.latest(db, kind)) is not None
        ]
        restored_at = restore.at if restore is not None else None
        last = letters_repo.latest(db)
        return NumberState(
            year=year,
            next_serial=serial,
            next_number=(
                format_number(
                    settings.letter_number_format,
                    code=settings.letter_code,
                    serial=serial,
                    on=today,
                )
                if usable
                else ""
            ),
            last_number=last.number if last is not None else "",
            needs_confirmation=needs_confirmation(restored_at, max(confirmed, default=None)),
        )

    def set_next_number(self, serial: int) -> None:
        """Set this year's next serial (Pengaturan's correction, e.g. after a restore): only
        upward; setting it to the current next serial confirms it."""
        db = self.workspace.db
        with db.transaction():
            state = self.number_state()
            problem = counter_problem(state.next_serial, serial)
            if problem is not None:
                raise ValidationError(problem, "next_number")
            letters_repo.set_counter(db, state.year, serial)
            self.workspace.audit(
                AuditKind.LETTER_COUNTER_SET,
                target_kind="letter_counter",
                target_id=str(state.year),
                detail=f"{state.next_serial}>{serial}",
            )

    def _issue(
        self,
        kind: DocumentKind,
        target_kind: str,
        target_id: int,
        details: dict[str, str],
        confirmed_next: int | None,
    ) -> LetterRecord:
        """Give the next number to a new letter: the record and its audit event together."""
        workspace = self.workspace
        db = workspace.db
        settings = workspace.settings()
        problem = format_problem(settings.letter_number_format, settings.letter_code)
        if problem is not None:
            raise KnownError(
                f"Format nomor surat di Pengaturan → Identitas sekolah belum dapat dipakai: "
                f"{problem}"
            )
        with db.transaction():
            state = self.number_state()
            serial = state.next_serial
            if state.needs_confirmation:
                if confirmed_next is None:
                    raise NumberUnconfirmed(state)
                self.set_next_number(confirmed_next)
                serial = confirmed_next
            today = self._today()
            number = format_number(
                settings.letter_number_format, code=settings.letter_code, serial=serial, on=today
            )
            letter_id = letters_repo.insert(
                db,
                kind=kind,
                year=state.year,
                serial=serial,
                number=number,
                target_kind=target_kind,
                target_id=target_id,
                details=details,
                issued_at=workspace.now(),
                issued_by=workspace.account.id,
            )
            letters_repo.set_counter(db, state.year, serial + 1)
            workspace.audit(
                AuditKind.LETTER_ISSUED,
                target_kind="letter",
                target_id=str(letter_id),
                detail=f"{kind.value}; {target_kind} {target_id}; {number}",
            )
            record = letters_repo.get(db, letter_id)
        assert record is not None
        return record

    def void(self, letter_id: int, reason: str) -> None:
        """Void a number whose letter was not sent; the number stays used and is never given
        again, and the next print of that referral gets a new number."""
        workspace = self.workspace
        problem = void_reason_problem(reason)
        if problem is not None:
            raise ValidationError(problem, "reason")
        with workspace.db.transaction():
            letter = self._letter(letter_id)
            if letter.is_void:
                raise RuleViolation(f"Nomor surat {letter.number} sudah dibatalkan.")
            letters_repo.void(
                workspace.db,
                letter_id,
                at=workspace.now(),
                by=workspace.account.id,
                reason=" ".join(reason.split()),
            )
            workspace.audit(
                AuditKind.LETTER_VOIDED,
                target_kind="letter",
                target_id=str(letter_id),
                detail=f"{letter.kind.value}; {letter.number}",
            )

    def _letter(self, letter_id: int) -> LetterRecord:
        letter = letters_repo.get(self.workspace.db, letter_id)
        if letter is None:
            raise KnownError("Surat ini tidak ditemukan.")
        return letter

    # -- the referral letter ---------------------------------------------------------------

    def referral_letter(self, referral_id: int) -> LetterRecord | None:
        """The referral's letter whose number is valid, ``None`` before one was printed or
        after its number was voided."""
        valid = [
            letter
            for letter in letters_repo.for_target(
                self.workspace.db, DocumentKind.SURAT_ALIH_TANGAN, REFERRAL, referral_id
            )
            if not letter.is_void
        ]
        return valid[-1] if valid else None

    def print_referral_letter(
        self, referral_id: int, *, confirmed_next: int | None = None
    ) -> Document:
        """The Surat Alih Tangan Kasus of a referral: its existing letter reprinted, or a new
        letter with the next number."""
        referral, request = self._referral_facts(referral_id)  # refuses before any number
        if rests_on_parent_consent(referral):  # not an emergency or an adult's own consent
            require_consent_not_withdrawn(
                self.workspace, request.student_id, "mencetak surat rujukan"
            )
        letter = self.referral_letter(referral_id)
        if letter is None:
            if referral.status is ReferralStatus.DIBATALKAN:
                raise RuleViolation(
                    "Rujukan ini sudah dibatalkan; suratnya tidak diberi nomor baru."
                )
            letter = self._issue(
                DocumentKind.SURAT_ALIH_TANGAN,
                REFERRAL,
                referral_id,
                {"student_name": request.student_name, "rombel": request.rombel},
                confirmed_next,
            )
        return self.reprint(letter.id)

    def _referral_facts(self, referral_id: int) -> tuple[ReferralRecord, RequestRecord]:
        db = self.workspace.db
        record = referrals_repo.get(db, referral_id)
        if record is None:
            raise KnownError("Rujukan ini tidak ditemukan.")
        request = RequestService(self.workspace).get(record.request_id)
        if request.case_owner_id is not None:
            sight = case_sight(
                self.workspace.viewer, request.case_owner_id, request.case_confidentiality
            )
            if sight is Sight.EXISTS_ONLY:
                raise RuleViolation(
                    "Kasus siswa ini sangat rahasia dan ditangani guru BK lain; surat alih "
                    "tangannya hanya dapat dicetak olehnya."
                )
        referral = record.referral
        if referral.consent_basis is None:
            raise RuleViolation(
                "Dasar persetujuan rujukan ini belum tercatat, jadi surat alih tangan kasus "
                "belum dapat dibuat. Catat persetujuan orang tua/wali pada asesmen awal dulu."
            )
        if (
            referral.consent_basis in CONSENT_GIVEN
            and referral.consent_id is None
            and consent_record_problems(referral)
        ):
            raise RuleViolation(
                "Persetujuan rujukan ini belum tercatat lengkap (siapa, sebagai apa, tanggal, "
                "cara). Lengkapi pada asesmen awal, lalu cetak suratnya."
            )
        return record, request

    def _render_referral(self, letter: LetterRecord) -> bytes:
        from bk_desktop.reports.letters import (  # noqa: PLC0415 - reportlab on first print
            Consent,
            ReferralLetterData,
            render_referral_letter,
        )

        record, _request = self._referral_facts(letter.target_id)
        referral = record.referral
        basis = referral.consent_basis
        settings = self.workspace.settings()
        cited = (
            None
            if referral.consent_id is None
            else consents_repo.get(self.workspace.db, referral.consent_id)
        )
        if cited is not None:
            # The consent register's entry is the one record of a parent's consent.
            consent = Consent(
                basis=basis.label if basis is not None else "",
                given_by=cited.person_name,
                relation=cited.relation.label.lower(),
                given_on=cited.on,
                channel=f"{cited.channel.label}; naskah persetujuan versi {cited.text_version}",
            )
        else:  # a referral stored before it cited the register keeps its own fields
            consent = Consent(
                basis=basis.label if basis is not None else "",
                given_by=referral.consent_by if basis in CONSENT_GIVEN else "",
                relation=referral.consent_relation,
                given_on=referral.consent_date,
                channel=referral.consent_channel,
            )
        return render_referral_letter(
            ReferralLetterData(
                letterhead=self._letterhead(),
                number=letter.number,
                recipient_kind=referral.target.label,
                recipient_name=referral.target_name,
                student_name=letter.details.get("student_name", ""),
                rombel=letter.details.get("rombel", ""),
                school_name=settings.school_name,
                reason=referral.reason,
                shared_information=referral.shared_information,
                consent=consent,
                signature=self._signature(letter),
            )
        )

    # -- the parent letter -----------------------------------------------------------------

    def parent_letters(self, student_id: int) -> list[LetterRecord]:
        """The student's summons letters whose numbers are valid, newest first."""
        StudentService(self.workspace).get(student_id)
        letters = letters_repo.for_target(
            self.workspace.db, DocumentKind.SURAT_PANGGILAN, STUDENT, student_id
        )
        return [letter for letter in reversed(letters) if not letter.is_void]

    def print_parent_letter(
        self, student_id: int, meeting: ParentMeeting, *, confirmed_next: int | None = None
    ) -> Document:
        """A new Surat Panggilan Orang Tua/Wali with the next number."""
        require_consent_not_withdrawn(self.workspace, student_id, "membuat surat panggilan")
        students = StudentService(self.workspace)
        student = students.get(student_id)
        cleaned = meeting.cleaned()
        guardians = frozenset(g.name for g in student.guardians)
        errors = cleaned.problems(now=self.workspace.now(), guardians=guardians)
        if errors:
            raise errors[0]
        placement = student.placement_in(students.current_year())
        relation = next(
            (g.relation for g in student.guardians if g.name == cleaned.guardian_name), None
        )
        letter = self._issue(
            DocumentKind.SURAT_PANGGILAN,
            STUDENT,
            student_id,
            {
                "student_name": student.name,
                "rombel": placement.rombel if placement is not None else "",
                "guardian_name": cleaned.guardian_name,
                "salutation": salutation(relation),
                "start": to_text(cleaned.start),
                "place": cleaned.place,
                "purpose": cleaned.purpose,
                "contact": cleaned.contact,
            },
            confirmed_next,
        )
        return self.reprint(letter.id)

    def _render_parent(self, letter: LetterRecord) -> bytes:
        from bk_desktop.reports.letters import (  # noqa: PLC0415 - reportlab on first print
            ParentLetterData,
            render_parent_letter,
        )

        details = letter.details
        return render_parent_letter(
            ParentLetterData(
                letterhead=self._letterhead(),
                number=letter.number,
                guardian_name=details.get("guardian_name", ""),
                salutation=details.get("salutation", "Bapak/Ibu"),
                student_name=details.get("student_name", ""),
                rombel=details.get("rombel", ""),
                meeting_start=from_text(details["start"]),
                zone=self.workspace.settings().zone,
                place=details.get("place", ""),
                purpose=clean_text(details.get("purpose", "")),
                contact=details.get("contact", ""),
                signature=self._signature(letter),
            )
        )

    # -- both ------------------------------------------------------------------------------

    def reprint(self, letter_id: int) -> Document:
        """The letter as it was issued: its number, its date, its signer."""
        from bk_desktop.services.documents import Document  # noqa: PLC0415 - reportlab

        letter = self._letter(letter_id)
        if letter.is_void:
            raise RuleViolation(
                f"Nomor surat {letter.number} sudah dibatalkan dan tidak dicetak lagi."
            )
        if letter.kind is DocumentKind.SURAT_ALIH_TANGAN:
            pdf = self._render_referral(letter)
        else:
            StudentService(self.workspace).get(letter.target_id)
            pdf = self._render_parent(letter)
        name = letter.details.get("student_name", "")
        rombel = letter.details.get("rombel", "")
        class_text = f" ({rombel})" if rombel else ""
        return Document(
            kind=letter.kind,
            target_kind="letter",
            target_id=str(letter.id),
            title=f"{letter.kind.label} {letter.number} — "
            f"{student_label(name, full_name=False)}{class_text}",
            file_name=default_file_name(letter.kind, name, self._issued_on(letter)),
            pdf=pdf,
        )

    def _issued_on(self, letter: LetterRecord) -> date:
        return letter.issued_at.astimezone(self.workspace.settings().zone).date()

    def _letterhead(self) -> Letterhead:
        from bk_desktop.services.settings import SettingsService  # noqa: PLC0415

        return SettingsService(self.workspace).letterhead()

    def _signature(self, letter: LetterRecord) -> SignatureBlock:
        """The guru BK who gave the number signs on the right; the principal acknowledges."""
        from bk_desktop.reports.letterhead import SignatureBlock  # noqa: PLC0415 - reportlab
        from bk_desktop.services.documents import (  # noqa: PLC0415
            counsellor_signatory,
            principal_signatory,
        )

        settings = self.workspace.settings()
        account = (
            accounts_repo.get_account(self.workspace.db, letter.issued_by)
            if letter.issued_by
            else None
        )
        return SignatureBlock(
            city=settings.city,
            signed_on=self._issued_on(letter),
            school_name=settings.school_name,
            counsellor=counsellor_signatory(account),
            principal=principal_signatory(settings),
        )
