"""The koordinator's audit view (issue 18): who opened, printed, exported or changed what, when.

Public API of ``AuditViewService`` (every method refuses any account but the koordinator
with a ``RuleViolation``)::

    AuditViewService(workspace)
        opened() -> None                                  # audit: audit.viewed, "view"
        accounts() -> list[tuple[str, str]]               # (id, shown name) for the filter
        count(filters) -> int
        page(filters, after=None, limit=PAGE_SIZE) -> AuditPage
        save_csv(filters, path) -> tuple[Path, int]       # audit: audit.viewed, "csv;<n>"

UU PDP Ps. 31 asks that processing be recorded; the log itself is written by every service
(``Workspace.audit``). This reads it for a person and shows nothing of a record's content:
the target is a typed label and the record's number ("Siswa #12"), never a name or a text,
and the detail only when it is a value the program itself chose (a document kind, a status, a
count), never what a person typed or a file's path. A five-year log holds about 10⁵ events,
so rows come a page at a time (keyset paging in ``storage.audit_repo``), and the CSV is
written the same way, whole or not at all.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path, PureWindowsPath

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditEvent, AuditKind
from bk_desktop.domain.complaints import ActionKind, ComplaintStatus
from bk_desktop.domain.counselling import (
    ActionStatus,
    CaseStatus,
    FollowUpKind,
    SessionStatus,
)
from bk_desktop.domain.dates import days_bounds, format_clock, format_date, to_local
from bk_desktop.domain.dates import zone_abbreviation as _abbreviation
from bk_desktop.domain.documents import DocumentKind
from bk_desktop.domain.errors import KnownError, RuleViolation
from bk_desktop.domain.requests import RequestStatus
from bk_desktop.files.atomic import atomic_write
from bk_desktop.services.complaints import ComplaintService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import accounts_repo, audit_repo
from bk_desktop.storage.audit_repo import AuditQuery, PageMark
from bk_desktop.storage.error_sorting import sorted_os_errors

PAGE_SIZE = 200
"""Rows fetched at a time: a screenful several times over, a few milliseconds to read."""

NO_ACCOUNT = "—"
"""The akun column of an event no account is known for (a failed sign-in, a deleted row)."""

CSV_HEADER = ("Waktu", "Akun", "Kejadian", "Sasaran", "Keterangan")


class KindGroup(StrEnum):
    """The audit view's coarse filter: one group per part of the program."""

    SIGN_IN = "masuk"
    STUDENTS = "siswa"
    REQUESTS = "permohonan"
    COUNSELLING = "konseling"
    DOCUMENTS = "dokumen"
    COMPLAINTS = "kotak_saran"
    PRIVACY = "privasi"
    SETTINGS = "pengaturan"
    BACKUPS = "cadangan"

    @property
    def label(self) -> str:
        return _GROUP_LABELS[self]

    @property
    def kinds(self) -> tuple[AuditKind, ...]:
        return tuple(kind for kind, group in KIND_GROUPS.items() if group is self)


_GROUP_LABELS = {
    KindGroup.SIGN_IN: "Masuk & kunci",
    KindGroup.STUDENTS: "Siswa",
    KindGroup.REQUESTS: "Permohonan & asesmen",
    KindGroup.COUNSELLING: "Sesi & kasus",
    KindGroup.DOCUMENTS: "Dokumen & surat",
    KindGroup.COMPLAINTS: "Kotak saran",
    KindGroup.PRIVACY: "Privasi & data pribadi",
    KindGroup.SETTINGS: "Pengaturan & akun",
    KindGroup.BACKUPS: "Cadangan",
}

_G = KindGroup
KIND_GROUPS: dict[AuditKind, KindGroup] = {
    AuditKind.VAULT_CREATED: _G.SIGN_IN,
    AuditKind.UNLOCK_OK: _G.SIGN_IN,
    AuditKind.UNLOCK_FAILED: _G.SIGN_IN,
    AuditKind.UNLOCK_RECOVERY: _G.SIGN_IN,
    AuditKind.LOCK: _G.SIGN_IN,
    # Drafts are kept when the window locks or closes and reopened after signing in.
    AuditKind.DRAFTS_KEPT: _G.SIGN_IN,
    AuditKind.DRAFT_REOPENED: _G.SIGN_IN,
    AuditKind.DRAFT_DISCARDED: _G.SIGN_IN,
    AuditKind.STUDENT_CREATED: _G.STUDENTS,
    AuditKind.STUDENT_UPDATED: _G.STUDENTS,
    AuditKind.STUDENT_IMPORT: _G.STUDENTS,
    AuditKind.IMPORT_PRESET_SAVED: _G.STUDENTS,
    AuditKind.IMPORT_PRESET_DELETED: _G.STUDENTS,
    AuditKind.IMPORT_WARNINGS_EXPORTED: _G.STUDENTS,
    AuditKind.IMPORT_WARNINGS_CHECKED: _G.STUDENTS,
    AuditKind.CONSENT_RECORDED: _G.STUDENTS,
    AuditKind.CONSENT_WITHDRAWN: _G.STUDENTS,
    AuditKind.REQUEST_CREATED: _G.REQUESTS,
    AuditKind.REQUEST_ASSENT: _G.REQUESTS,
    AuditKind.REQUEST_STATUS: _G.REQUESTS,
    AuditKind.REQUEST_AGREEMENT_BACKDATED: _G.REQUESTS,
    AuditKind.SCREENING_RECORDED: _G.REQUESTS,
    AuditKind.EMERGENCY_ACTION: _G.REQUESTS,
    AuditKind.REFERRAL_STEP: _G.REQUESTS,
    AuditKind.SESSION_PLANNED: _G.COUNSELLING,
    AuditKind.SESSION_CHANGED: _G.COUNSELLING,
    AuditKind.SESSION_RECORDED: _G.COUNSELLING,
    AuditKind.SESSION_FINALISED: _G.COUNSELLING,
    AuditKind.SESSION_ADDENDUM: _G.COUNSELLING,
    AuditKind.CASE_OPENED: _G.COUNSELLING,
    AuditKind.CASE_UPDATED: _G.COUNSELLING,
    AuditKind.CASE_CLOSED: _G.COUNSELLING,
    AuditKind.CASE_REASSIGNED: _G.COUNSELLING,
    AuditKind.NOTES_SHOWN: _G.COUNSELLING,
    AuditKind.ACTION_ITEM_UPDATED: _G.COUNSELLING,
    AuditKind.FOLLOW_UP_PLANNED: _G.COUNSELLING,
    AuditKind.FOLLOW_UP_RECORDED: _G.COUNSELLING,
    AuditKind.COMMITMENT_CHANGED: _G.COUNSELLING,
    AuditKind.DOCUMENT_PRINTED: _G.DOCUMENTS,
    AuditKind.DOCUMENT_SAVED: _G.DOCUMENTS,
    AuditKind.LETTER_ISSUED: _G.DOCUMENTS,
    AuditKind.LETTER_VOIDED: _G.DOCUMENTS,
    AuditKind.LETTER_COUNTER_SET: _G.DOCUMENTS,
    AuditKind.REPORT_TEXT_SAVED: _G.DOCUMENTS,
    AuditKind.COMPLAINT_RECEIVED: _G.COMPLAINTS,
    AuditKind.COMPLAINT_OPENED: _G.COMPLAINTS,
    AuditKind.COMPLAINT_ACTION: _G.COMPLAINTS,
    AuditKind.COMPLAINT_STATUS: _G.COMPLAINTS,
    AuditKind.COMPLAINT_BOX_OPENED: _G.COMPLAINTS,
    AuditKind.COMPLAINT_SLIPS_ISSUED: _G.COMPLAINTS,
    AuditKind.ACCOUNT_ADDED: _G.SETTINGS,
    AuditKind.ACCOUNT_REMOVED: _G.SETTINGS,
    AuditKind.ACCOUNT_CHANGED: _G.SETTINGS,
    AuditKind.PASSWORD_CHANGED: _G.SETTINGS,
    AuditKind.PASSWORD_RESET: _G.SETTINGS,
    AuditKind.RECOVERY_KEY_REPLACED: _G.SETTINGS,
    AuditKind.SETTINGS_CHANGED: _G.SETTINGS,
    AuditKind.ACADEMIC_TERM_CHANGED: _G.SETTINGS,
    AuditKind.CONSENT_TEXT_CHANGED: _G.SETTINGS,
    AuditKind.AUDIT_VIEWED: _G.SETTINGS,
    AuditKind.DEMO_DATA: _G.SETTINGS,
    AuditKind.BACKUP: _G.BACKUPS,
    AuditKind.RESTORE: _G.BACKUPS,
    AuditKind.INTEGRITY_CHECK: _G.BACKUPS,
    AuditKind.DATA_REQUEST_RECEIVED: _G.PRIVACY,
    AuditKind.DATA_REQUEST_DECIDED: _G.PRIVACY,
    AuditKind.DATA_REDACTION_SAVED: _G.PRIVACY,
    AuditKind.STUDENT_EXPORTED: _G.PRIVACY,
    AuditKind.STUDENT_ANONYMISED: _G.PRIVACY,
    AuditKind.STUDENT_ERASED: _G.PRIVACY,
    AuditKind.ERASURE_REAPPLIED: _G.PRIVACY,
    AuditKind.INCIDENT_RECORDED: _G.PRIVACY,
    AuditKind.INCIDENT_UPDATED: _G.PRIVACY,
}
"""Every kind in exactly one group (a test holds this for kinds added later)."""

TARGET_LABELS = {
    "student": "Siswa",
    "request": "Permohonan",
    "screening": "Asesmen awal",
    "referral": "Rujukan",
    "session": "Sesi",
    "case": "Kasus",
    "case_book": "Buku kasus",
    "action_item": "Rencana aksi",
    "letter": "Surat",
    "letter_counter": "Nomor surat",
    "complaint": "Entri kotak saran",
    "complaint_code": "Kode kotak saran",
    "complaint_box_opening": "Pembukaan kotak saran",
    "complaint_board": "Papan tanggapan kotak saran",
    "data_request": "Permohonan hak atas data",
    "commitment": "Kegiatan di jadwal",
    "draft": "Draf",
    "period": "Laporan periode",
    "account": "Akun",
    "settings": "Pengaturan",
    "import_preset": "Pola impor",
    "vault": "Brankas",
    "backup_file": "Berkas cadangan",
    # consent register and Privasi (issue 18)
    "consent_text": "Naskah persetujuan",
    "incident": "Insiden data",
    "erasure": "Penghapusan data siswa",
}
"""The sasaran column's words for the kinds of record the services audit (a test reads every
``target_kind`` a service writes and finds it here)."""

_WITHOUT_NUMBER = {"settings", "vault", "import_preset"}
"""Targets whose id is a key of the program's own ("letterhead"), not a record's number."""


@dataclass(frozen=True)
class AuditFilters:
    """What the koordinator chose: local days (both included), an account, a group, a kind.

    ``kind`` is a stored kind's text, so an event of a kind this version does not know can
    still be picked (the list offers the kinds the log holds).
    """

    first_day: date | None = None
    last_day: date | None = None
    account_id: str | None = None
    group: KindGroup | None = None
    kind: str | None = None


@dataclass(frozen=True)
class AuditRow:
    """One event as the view and the CSV show it: five texts, none from a record's content."""

    id: int
    when: str
    account: str
    event: str
    target: str
    detail: str

    @property
    def cells(self) -> tuple[str, str, str, str, str]:
        return (self.when, self.account, self.event, self.target, self.detail)


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    next_mark: PageMark | None
    """Where the next page starts; None when this page was the last."""


class AuditViewService:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def _require_koordinator(self) -> None:
        if self.workspace.account.role is not Role.KOORDINATOR:
            raise RuleViolation(
                "Jejak audit hanya dapat dibuka oleh koordinator BK. Minta koordinator BK "
                "sekolah Anda bila perlu memeriksa siapa membuka atau mengubah data."
            )

    def opened(self) -> None:
        """Audit that the koordinator opened the view (once per opening of the page)."""
        self._require_koordinator()
        with self.workspace.db.transaction():
            self.workspace.audit(AuditKind.AUDIT_VIEWED, detail="view")

    def accounts(self) -> list[tuple[str, str]]:
        """Every account that ever was, removed ones too, as (id, name) for the filter."""
        self._require_koordinator()
        return [(a.id, _account_name(a.name, a.active)) for a in self._accounts().values()]

    def kinds_in_log(self) -> list[tuple[str, str]]:
        """The kinds the log holds, as (stored kind, label), for the kind filter."""
        self._require_koordinator()
        return sorted(
            ((kind, kind_label(kind)) for kind in audit_repo.kinds_present(self.workspace.db)),
            key=lambda pair: pair[1].casefold(),
        )

    def count(self, filters: AuditFilters) -> int:
        self._require_koordinator()
        return audit_repo.count_matching(self.workspace.db, self._query(filters))

    def page(
        self, filters: AuditFilters, after: PageMark | None = None, limit: int = PAGE_SIZE
    ) -> AuditPage:
        """The ``limit`` newest events matching ``filters`` after ``after``, as rows."""
        self._require_koordinator()
        events = audit_repo.matching(
            self.workspace.db, self._query(filters), after=after, limit=limit + 1
        )
        more = len(events) > limit
        events = events[:limit]
        rows = self._rows(events)
        mark = audit_repo.mark_of(events[-1]) if more and events else None
        return AuditPage(tuple(rows), mark)

    def save_csv(self, filters: AuditFilters, path: Path) -> tuple[Path, int]:
        """Write every row matching ``filters`` to ``path`` (".csv" added when missing), whole
        or not at all, and audit how many rows left the vault; returns (path, rows)."""
        self._require_koordinator()
        if path.suffix.casefold() != ".csv":
            path = path.with_name(path.name + ".csv")
        if not path.parent.is_dir():
            raise KnownError(
                f"Folder {path.parent} tidak ada (flashdisk dicabut?). Pilih folder lain."
            )
        buffer = io.StringIO()
        # Semicolons and a byte-order mark: what Excel on an Indonesian Windows opens as columns.
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(CSV_HEADER)
        count = 0
        mark: PageMark | None = None
        while True:
            page = self.page(filters, mark, limit=2000)
            for row in page.rows:
                writer.writerow([_inert(cell) for cell in row.cells])
            count += len(page.rows)
            if page.next_mark is None:
                break
            mark = page.next_mark
        with sorted_os_errors(path.parent):
            atomic_write(path, buffer.getvalue().encode("utf-8-sig"))
        with self.workspace.db.transaction():
            self.workspace.audit(AuditKind.AUDIT_VIEWED, detail=f"csv;{count}")
        return path, count

    # -- rows ----------------------------------------------------------------------------------

    def _query(self, filters: AuditFilters) -> AuditQuery:
        zone = self.workspace.settings().zone
        start = end = None
        if filters.first_day is not None or filters.last_day is not None:
            first = filters.first_day or date(2000, 1, 1)
            last = filters.last_day or date(9998, 12, 31)
            if last < first:
                raise KnownError(
                    "Tanggal akhir jejak audit lebih awal dari tanggal mulai. Tukar kedua "
                    "tanggalnya."
                )
            start, end = days_bounds(first, last, zone)
            if filters.first_day is None:
                start = None
            if filters.last_day is None:
                end = None
        kinds: tuple[str, ...] | None = None
        if filters.group is not None:
            kinds = tuple(str(k) for k in filters.group.kinds)
        if filters.kind is not None:
            kinds = tuple(k for k in (kinds or (filters.kind,)) if k == filters.kind)
        # An entry about the koordinator went to the kepala sekolah alone: its events (received,
        # opened, followed up, its receipt printed) are left out whole, rows, count and CSV.
        hidden = tuple(str(i) for i in sorted(ComplaintService(self.workspace).hidden_ids()))
        return AuditQuery(
            start=start,
            end=end,
            account_id=filters.account_id,
            kinds=kinds,
            hidden_complaints=hidden,
        )

    def _accounts(self) -> dict[str, _Known]:
        return {
            a.id: _Known(a.id, a.name, a.active)
            for a in accounts_repo.list_accounts(self.workspace.db, include_removed=True)
        }

    def _rows(self, events: list[AuditEvent]) -> list[AuditRow]:
        zone = self.workspace.settings().zone
        accounts = self._accounts()
        rows = []
        for event in events:
            local = to_local(event.at, zone)
            when = (
                f"{format_date(local.date())} {format_clock(local.time())} "
                f"{_abbreviation(zone, at=local)}"
            )
            known = accounts.get(event.account_id or "")
            account = NO_ACCOUNT if known is None else _account_name(known.name, known.active)
            rows.append(
                AuditRow(
                    id=event.id,
                    when=when,
                    account=account,
                    event=kind_label(event.kind),
                    target=target_label(event, accounts),
                    detail=detail_label(event),
                )
            )
        return rows


@dataclass(frozen=True)
class _Known:
    id: str
    name: str
    active: bool


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel or LibreOffice read a cell as a formula (an account name is typed)."""


def _inert(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading ``'`` before what would start a
    formula, so "=HYPERLINK(…)" as an account's name is never a live link or a command."""
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def _account_name(name: str, active: bool) -> str:
    return name if active else f"{name} (akun dihapus)"


def kind_label(kind: str) -> str:
    """The label of a stored kind; a kind this version does not know shows as stored."""
    try:
        return AuditKind(kind).label
    except ValueError:
        return kind


def target_label(event: AuditEvent, accounts: dict[str, _Known] | None = None) -> str:
    """ "Siswa #12", "Berkas cadangan otomatis-….bkbak", "Akun Sari Wulandari": the kind of
    record and its number; never a student's name or anything typed about them."""
    kind, target = event.target_kind, event.target_id
    if not kind:
        return ""
    label = TARGET_LABELS.get(kind, kind)
    if not target or kind in _WITHOUT_NUMBER:
        return label
    if kind == "account":
        known = (accounts or {}).get(target)
        # A staff account is named (the koordinator manages them); an unknown id is not shown.
        return f"{label} {known.name}" if known is not None else label
    if kind == "backup_file":
        # The file name the program chose; the folder may name a person's home or stick.
        return f"{label} {PureWindowsPath(target).name or Path(target).name}"
    if kind in {"period", "complaint_code"}:
        # complaint_code: "2026 no. 0042–0061", the year and serials without a check part.
        return f"{label} {target}"
    if kind == "consent_text" and target.isdigit():
        return f"{label} versi {target}"
    if target.isdigit():
        return f"{label} #{target}"
    if target.startswith("dihapus:"):
        # An erased or anonymised student's record: its number is gone with it.
        return f"{label} (dihapus)"
    return label


def _enum_label(enum_type: type[StrEnum], value: str) -> str | None:
    try:
        member = enum_type(value)
    except ValueError:
        return None
    label = getattr(member, "label", None)
    return label if isinstance(label, str) else None


def _move(enum_type: type[StrEnum]) -> Callable[[str], str]:
    """ "diterima>disaring" → "Diterima → Disaring"; anything else shows nothing."""

    def shown(detail: str) -> str:
        parts = detail.split(">")
        labels = [_enum_label(enum_type, part) for part in parts]
        if len(parts) != 2 or None in labels:
            return ""
        return " → ".join(label for label in labels if label)

    return shown


def _one_of(enum_type: type[StrEnum]) -> Callable[[str], str]:
    return lambda detail: _enum_label(enum_type, detail) or ""


_DOCUMENT_PARTS = re.compile(
    r"salinan \d+|halaman (?:semua|\d[\d,\- ]*)|dengan kata sandi|tanpa kata sandi"
)
"""The parts of a document's detail the program writes itself (``DocumentService``)."""


def _document(detail: str) -> str:
    """ "ringkasan_sesi; salinan 2; halaman 1-3" → "Ringkasan Sesi Konseling; salinan 2; …";
    a saved document's path is left out (a file name may carry a name). Only parts of the
    exact shape the program writes are kept: a file typed as "Formulir Budi; salinan Budi
    Santoso.pdf" splits into parts too, and those must not surface."""
    parts = [part.strip() for part in detail.split(";")]
    label = _enum_label(DocumentKind, parts[0]) if parts else None
    if label is None:
        return ""
    kept = [label]
    kept.extend(part for part in parts[1:] if _DOCUMENT_PARTS.fullmatch(part))
    return "; ".join(kept)


def _letter(detail: str) -> str:
    """ "surat_panggilan; request 4; 421.5/045/BK/XII/2026" → the letter's kind alone."""
    return _enum_label(DocumentKind, detail.split(";", maxsplit=1)[0].strip()) or ""


def _count(word: str, key: str = "") -> Callable[[str], str]:
    """ "12" or "count=12" → "12 <word>"; anything else shows nothing."""

    def shown(detail: str) -> str:
        value = detail.split("=", 1)[1] if key and detail.startswith(f"{key}=") else detail
        return f"{int(value)} {word}" if value.isdigit() else ""

    return shown


def _import(detail: str) -> str:
    if detail == "import":
        return "lewat impor"
    values = dict(part.split("=", 1) for part in detail.split(",") if "=" in part)
    added, updated = values.get("added", ""), values.get("updated", "")
    if added.isdigit() and updated.isdigit():
        return f"{added} ditambahkan, {updated} diubah"
    return ""


def _audit_viewed(detail: str) -> str:
    if detail == "view":
        return "dilihat"
    kind, _, count = detail.partition(";")
    if kind == "csv" and count.isdigit():
        return f"disimpan sebagai CSV, {count} baris"
    return ""


def _backup(detail: str) -> str:
    return (
        detail
        if detail in {"otomatis", "manual", "sebelum-pemulihan"}
        or (detail.startswith("sebelum-pembaruan"))
        else ""
    )


def _integrity(detail: str) -> str:
    return {"ok": "baik", "rusak": "ada kerusakan"}.get(detail, "")


def _settings(detail: str) -> str:
    names = [name for name in detail.split(",") if name]
    if names and all(name.replace("_", "").replace(":", "").isalnum() for name in names):
        return f"{len(names)} isian"
    return ""


_DETAILS: dict[AuditKind, Callable[[str], str]] = {
    AuditKind.DOCUMENT_PRINTED: _document,
    AuditKind.DOCUMENT_SAVED: _document,
    AuditKind.LETTER_ISSUED: _letter,
    AuditKind.LETTER_VOIDED: _letter,
    AuditKind.REQUEST_STATUS: _move(RequestStatus),
    AuditKind.CASE_CLOSED: _one_of(CaseStatus),
    AuditKind.CASE_UPDATED: _one_of(CaseStatus),
    AuditKind.SESSION_CHANGED: _one_of(SessionStatus),
    AuditKind.ACTION_ITEM_UPDATED: _one_of(ActionStatus),
    AuditKind.FOLLOW_UP_PLANNED: _one_of(FollowUpKind),
    AuditKind.FOLLOW_UP_RECORDED: _one_of(FollowUpKind),
    AuditKind.COMPLAINT_STATUS: _one_of(ComplaintStatus),
    AuditKind.COMPLAINT_ACTION: _one_of(ActionKind),
    AuditKind.COMPLAINT_SLIPS_ISSUED: _count("lembar"),
    AuditKind.ACADEMIC_TERM_CHANGED: _count("semester"),
    AuditKind.IMPORT_WARNINGS_EXPORTED: _count("peringatan", "count"),
    AuditKind.STUDENT_IMPORT: _import,
    AuditKind.STUDENT_CREATED: lambda detail: "lewat impor" if detail == "import" else "",
    AuditKind.STUDENT_UPDATED: _import,
    AuditKind.AUDIT_VIEWED: _audit_viewed,
    AuditKind.BACKUP: _backup,
    AuditKind.INTEGRITY_CHECK: _integrity,
    AuditKind.SETTINGS_CHANGED: _settings,
}


def detail_label(event: AuditEvent) -> str:
    """The keterangan column: a value the program chose, in words, or nothing.

    Only the kinds listed here show a detail, each through a reader that accepts only the
    values the program writes (a document kind, a status, a count); what does not fit
    shows nothing, so a detail that once carried typed text can never surface here.
    """
    try:
        kind = AuditKind(event.kind)
    except ValueError:
        return ""
    reader = _DETAILS.get(kind)
    return reader(event.detail) if reader is not None else ""


__all__ = [
    "CSV_HEADER",
    "KIND_GROUPS",
    "NO_ACCOUNT",
    "PAGE_SIZE",
    "TARGET_LABELS",
    "AuditFilters",
    "AuditPage",
    "AuditRow",
    "AuditViewService",
    "KindGroup",
    "PageMark",
    "detail_label",
    "kind_label",
    "target_label",
]
