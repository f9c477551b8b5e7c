"""Kotak Saran's printed papers: an entry's receipt, a sheet of blank slips, the notice board.

Public API (the Kotak Saran tab codes against this)::

    ComplaintDocuments(workspace)
        receipt(complaint_id) -> Document     # Tanda terima; opens the entry (audited)
        receipt_of(record) -> Document        # the registrant's, right after registering
        blank_slips(count) -> Document        # Lembar kotak saran; reserves `count` codes
        board() -> Document                   # Tanggapan kotak saran, by code

Each returns a ``services.documents.Document`` (PDF bytes in memory); printing and saving it,
with their audit events, stay ``DocumentService.record_printed`` / ``save``.

Everything is read through ``ComplaintService``, so its rules hold: a receipt is made only by
whoever may open the entry (``open`` refuses the counsellor a complaint is about, and audits
every opening), the codes of a sheet are reserved and audited there (and refused to the kepala
sekolah), and the board holds only anonymous entries' public responses. Errors are theirs:
``RuleViolation`` (an entry that may not be opened) and ``ValidationError`` (field "count").

One exception, and why it is honest: whoever registered an entry may print its receipt from
the record ``register`` returned (``receipt_of``), even when the entry went to the kepala
sekolah and is not theirs to open (a guru BK writing down a complaint about a colleague). The
receipt holds no entry text; it only proves to the sender that the entry was received, and the
registrant already saw everything on it. The record is held only by the dialog that saved it,
so it is printed in that sitting; afterwards the receipt comes through ``receipt`` again.

What goes on paper: the receipt never carries the entry's text, and names the sender only
when they gave their name; the sheet and the board name nobody. File names carry the kind
and the date only — never a name, and never a code (a code is its holder's way in to ask).
"""

from __future__ import annotations

from datetime import date

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.complaints import ComplaintRecord, parse_code
from bk_desktop.domain.documents import DocumentKind, default_file_name
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.domain.service_standard import service_standard
from bk_desktop.domain.settings import Settings
from bk_desktop.reports.complaint_slips import (
    BoardEntry,
    BoardPage,
    ReceiptSlip,
    SlipSheet,
    render_board,
    render_receipt,
    render_slip_sheet,
)
from bk_desktop.services.complaints import ComplaintService
from bk_desktop.services.documents import Document, school_today
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import accounts_repo, complaints_repo

__all__ = ["ComplaintDocuments", "follow_up_promise"]


class ComplaintDocuments:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def receipt(self, complaint_id: int) -> Document:
        """The Tanda terima of one entry, for whoever brought it (or, from the box, to be
        kept with the register). Opening the entry to print it is audited as an opening."""
        record = ComplaintService(self.workspace).open(complaint_id)
        return self._receipt(record)

    def receipt_of(self, record: ComplaintRecord) -> Document:
        """The receipt of an entry this account just registered (the record ``register``
        returned), whether or not it may open the entry. The entry is read again by id, so a
        record is believed only as far as the vault holds it, and only its registrant prints."""
        workspace = self.workspace
        stored = complaints_repo.get(workspace.db, record.id, with_actions=False)
        if (
            stored is None
            or stored.code != record.code
            or stored.received_by != workspace.account.id
        ):
            raise RuleViolation(
                "Tanda terima entri ini hanya dapat dicetak oleh yang mencatatnya. Minta guru "
                "BK atau kepala sekolah yang menanganinya untuk mencetaknya."
            )
        return self._receipt(stored)

    def _receipt(self, record: ComplaintRecord) -> Document:
        workspace = self.workspace
        settings = workspace.settings()
        service = ComplaintService(workspace)
        signer_name, signer_role = self._receiver(record.received_by)
        slip = ReceiptSlip(
            letterhead=SettingsService(workspace).letterhead(),
            zone=settings.zone,
            code=record.code,
            kind=record.kind,
            received_at=record.received_at,
            channel=record.channel_label,
            deadline=service.clock_of(record).deadline if record.kind.has_clock else None,
            promise=follow_up_promise(settings),
            received_by=signer_name,
            received_by_role=signer_role,
            sender_name="" if record.is_anonymous else record.sender_name,
        )
        kind = DocumentKind.TANDA_TERIMA_SARAN
        return Document(
            kind=kind,
            target_kind="complaint",
            target_id=str(record.id),
            title=f"Tanda Terima {record.kind.label} — {record.code}",
            file_name=default_file_name(kind, "", self._today()),
            pdf=render_receipt(slip),
        )

    def blank_slips(self, count: int) -> Document:
        """A sheet of ``count`` blank slips for the physical box, each with a code reserved
        now (``ComplaintService.reserve_slips``, audited), so a slip taken from the box is
        registered under the code printed on it and its stub."""
        workspace = self.workspace
        settings = workspace.settings()
        codes = ComplaintService(workspace).reserve_slips(count)
        first, last = parse_code(codes[0]), parse_code(codes[-1])
        sheet = SlipSheet(
            school_name=settings.school_name,
            codes=tuple(codes),
            promise=follow_up_promise(settings),
        )
        kind = DocumentKind.LEMBAR_KOTAK_SARAN
        return Document(
            kind=kind,
            target_kind="complaint_code",
            # The year and serials, never a check part: a code is its holder's way in.
            target_id=f"{first.year} no. {first.serial:04d}–{last.serial:04d}",
            title=f"{kind.label} — {len(codes)} lembar",
            file_name=default_file_name(kind, "", self._today()),
            pdf=render_slip_sheet(sheet),
        )

    def board(self) -> Document:
        """The responses to anonymous entries, by code, for the notice board (any role: it
        holds no name and no entry's text)."""
        workspace = self.workspace
        today = self._today()
        page = BoardPage(
            letterhead=SettingsService(workspace).letterhead(),
            printed_on=today,
            entries=tuple(
                BoardEntry(
                    code=line.code,
                    kind=line.kind_label,
                    received_on=line.received_day,
                    status=line.status_label,
                    response=line.response,
                )
                for line in ComplaintService(workspace).board()
            ),
        )
        kind = DocumentKind.TANGGAPAN_KOTAK_SARAN
        return Document(
            kind=kind,
            target_kind="complaint_board",
            target_id=today.isoformat(),
            title=f"{kind.label} — {len(page.entries)} tanggapan",
            file_name=default_file_name(kind, "", today),
            pdf=render_board(page),
        )

    def _receiver(self, account_id: str | None) -> tuple[str, str]:
        """Who received the entry and how they sign: "Guru BK", or "Kepala sekolah" for an
        entry the principal registered. An account since removed leaves the name to write."""
        account = (
            accounts_repo.get_account(self.workspace.db, account_id)
            if account_id is not None
            else None
        )
        if account is None:
            return "", "Guru BK"
        role = "Kepala sekolah" if account.role is Role.KEPALA_SEKOLAH else "Guru BK"
        return account.name, role

    def _today(self) -> date:
        return school_today(self.workspace)


_FOLLOW_UP = "Tindak lanjut"


def follow_up_promise(settings: Settings) -> str:
    """The standard's sentence on follow-up exactly as this school's wall poster prints it
    ("Setiap pengaduan ditindaklanjuti paling lambat 3×24 jam …"), so slip and wall agree."""
    for section in service_standard(settings).sections:
        for label, text in section.points:
            if label == _FOLLOW_UP:
                return f"{text[:1].upper()}{text[1:]}"
    raise LookupError("the service standard has no follow-up point")
