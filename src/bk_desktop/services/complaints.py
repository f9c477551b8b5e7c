"""Kotak Saran: registering complaints, suggestions, input and appreciation, following them up
within 3×24 hours, tracking codes, the notice board and the figures.

Public API (the Kotak Saran tab, Beranda, the slips and the period report code against
this)::

    ComplaintService(workspace)            # every role (the kepala sekolah too)
        channels() -> tuple[ChannelChoice, ...]
        counsellors() -> list[Account]     # for "Guru BK tertentu"
        box_openings(limit=10) -> list[BoxOpening]
        record_box_opening(opened_at, reason="") -> BoxOpening
        unused_slip(code) -> str           # a pre-printed slip's code, normalised
        register(form, new_opening=None) -> ComplaintRecord   # a new box opening with it
        can_open(record) -> bool           # may_open for the signed-in account
        hidden_ids() -> set[int]           # entries it may not open (the audit view)
        entries(filter=ComplaintFilter()) -> list[ComplaintRow]   # what may_open allows
        open(complaint_id) -> ComplaintRecord                     # audited on every opening
        clock_of(record, now=None) -> ComplaintClock
        add_action(complaint_id, kind, text, *, at=None, public=False, backdate_reason="")
        close(complaint_id, note) -> ComplaintRecord
        reopen(complaint_id, reason) -> ComplaintRecord
        reserve_slips(count) -> list[str]  # codes for a sheet of blank slips
        check_code(code) -> CodeCheck      # status and public response only
        board() -> list[BoardLine]         # anonymous entries with a public response
        figures(first, end) -> ComplaintFigures   # counts of every entry; late codes: own
        due(now=None) -> list[ComplaintDue]       # Beranda: waiting, soonest deadline first
        principal_missing() -> bool

The rules are ``domain.complaints``' (routing, who may open, the clock, codes, status moves);
this module checks time against the clock, keeps codes unique with the table
``complaint_code`` and writes each change in one transaction with its audit event. An audit
event carries ids and enum values only, never an entry's text, a sender or a name: the audit
log is read by people who may not open the entry.

Errors: ``ValidationError(message, field)`` for what a form can correct, ``RuleViolation``
for what the entry's state or the signed-in account does not allow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bk_desktop.domain.accounts import Account, Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.complaints import (
    ActionKind,
    BoxOpening,
    Channel,
    ComplaintClock,
    ComplaintForm,
    ComplaintRecord,
    ComplaintStatus,
    ComplaintType,
    Handling,
    SenderKind,
    Subject,
    action_move_problem,
    action_problem,
    clock,
    close_problem,
    form_problems,
    format_code,
    may_open,
    new_check,
    next_code_serial,
    parse_code,
    route,
    status_after,
)
from bk_desktop.domain.dates import days_bounds
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.reasons import reason_problem
from bk_desktop.domain.requests import FUTURE_TOLERANCE, is_backdated
from bk_desktop.domain.text import clean_line, clean_text
from bk_desktop.services.requests import scheduling_policy
from bk_desktop.storage import accounts_repo, complaints_repo, students_repo
from bk_desktop.storage.complaints_repo import ENTRY, SLIP, NewComplaint

if TYPE_CHECKING:
    from bk_desktop.services.workspace import Workspace

__all__ = [
    "BoardLine",
    "ChannelChoice",
    "CodeCheck",
    "ComplaintDue",
    "ComplaintFigures",
    "ComplaintFilter",
    "ComplaintRow",
    "ComplaintService",
    "NewOpening",
]

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
MAX_SLIPS = 60
"""A sheet's codes are used for good once made (previewed or not), so a sheet holds what one
box needs, not a year's worth."""
EXCERPT = 80
REGISTERED = "terdaftar"
NOT_REGISTERED = "belum_terdaftar"
WITH_PRINCIPAL = "kepala_sekolah"
"""Cek kode of an entry routed to the kepala sekolah, asked by an account that may not open it."""
NO_LONGER_VALID = "tidak_berlaku"
"""Cek kode of a code whose entry was removed (demo-data --remove)."""

NOT_OPENABLE = "Entri ini tidak dapat dibuka dengan akun ini."
UNKNOWN_CODE = (
    "Kode tidak dikenali. Periksa kembali kode pada tanda terima atau lembar kotak saran "
    "(contoh: KS-2026-0042-7QX)."
)


@dataclass(frozen=True)
class ChannelChoice:
    channel: Channel
    other: str
    label: str


@dataclass(frozen=True)
class ComplaintFilter:
    """What the list shows; empty sets mean every kind or status. ``first``/``last`` are local
    days of receipt, both included."""

    kinds: frozenset[ComplaintType] = frozenset()
    statuses: frozenset[ComplaintStatus] = frozenset()
    channel: Channel | None = None
    first: date | None = None
    last: date | None = None
    search: str = ""
    late_only: bool = False


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    code: str
    kind: ComplaintType
    channel_label: str
    sender: str
    subject_label: str
    handling: Handling
    status: ComplaintStatus
    received_at: datetime
    clock: ComplaintClock
    excerpt: str
    about_account_name: str
    subject_short: str
    """The subject in a narrow column ("Layanan BK", "Guru BK")."""


@dataclass(frozen=True)
class CodeCheck:
    """What "Cek kode" tells whoever holds a code, and nothing else."""

    code: str
    kind_label: str
    received_day: date | None
    status_label: str
    public_response: str
    state: str
    """ "terdaftar"; "belum_terdaftar" (a reserved slip not yet registered); "kepala_sekolah"
    (routed to the kepala sekolah and not this account's to open: nothing else is said, so
    the counsellor it concerns learns nothing of it); "tidak_berlaku" (its entry removed)."""


@dataclass(frozen=True)
class BoardLine:
    code: str
    kind_label: str
    received_day: date
    status_label: str
    response: str


@dataclass(frozen=True)
class ComplaintFigures:
    """Counts for the period report and Beranda: no text, no names. The counts are over every
    entry; the late ones are listed by code only when the viewer may open them (a code is a way
    into "Cek kode", and the counsellor a complaint concerns must not learn of it), the others
    only counted, by who handles them."""

    total: int
    by_kind: dict[ComplaintType, int]
    by_channel: dict[str, int]
    clocked: int
    met: int
    late_or_overdue: list[str]
    """The late entries the viewer may open, by code."""
    decided: int
    appreciation: int
    appreciation_thanked: int
    late_with_principal: int = 0
    """Late entries routed to the kepala sekolah that the viewer may not open."""
    late_with_room: int = 0
    """Late entries of the room that the viewer (a kepala sekolah) may not open."""

    @property
    def percent_met(self) -> int | None:
        if self.decided == 0:
            return None
        return round(100 * self.met / self.decided)


@dataclass(frozen=True)
class ComplaintDue:
    id: int
    code: str
    kind: ComplaintType
    clock: ComplaintClock
    handling: Handling


@dataclass(frozen=True)
class NewOpening:
    """A box opening recorded together with the first entry taken out of it."""

    opened_at: datetime
    reason: str = ""


def _removed(found: complaints_repo.CodeRow) -> bool:
    """A code whose entry was removed: marked so, or an entry's code no entry holds (an
    entry's code is given in the same transaction as its entry)."""
    return found.removed or (found.origin == ENTRY and found.complaint_id is None)


def _excerpt(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= EXCERPT else line[: EXCERPT - 1].rstrip() + "…"


def _aware(value: datetime, field_name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError("Waktu harus menyertakan zona waktu.", field_name)


class ComplaintService:
    def __init__(self, workspace: Workspace) -> None:
        # Every role: the kepala sekolah receives entries and handles those forwarded to them.
        self.workspace = workspace

    # -- small reads ------------------------------------------------------------------------

    def channels(self) -> tuple[ChannelChoice, ...]:
        fixed = (Channel.LANGSUNG, Channel.KEPALA_SEKOLAH, Channel.KOTAK_SARAN)
        own = self.workspace.settings().complaint_channels
        return tuple(ChannelChoice(c, "", c.label) for c in fixed) + tuple(
            ChannelChoice(Channel.LAINNYA, name, name) for name in own
        )

    def counsellors(self) -> list[Account]:
        return accounts_repo.list_counsellors(self.workspace.db)

    def box_openings(self, limit: int = 10) -> list[BoxOpening]:
        return complaints_repo.box_openings(self.workspace.db, max(1, limit))

    def principal_missing(self) -> bool:
        return not any(
            a.role is Role.KEPALA_SEKOLAH for a in accounts_repo.list_accounts(self.workspace.db)
        )

    def _zone(self) -> ZoneInfo:
        return self.workspace.settings().zone

    def clock_of(self, record: ComplaintRecord, now: datetime | None = None) -> ComplaintClock:
        return self._clocks(now)(record)

    def _clocks(self, now: datetime | None = None) -> Callable[[ComplaintRecord], ComplaintClock]:
        """Each record's clock at ``now``, with the school's counting read once for a whole
        list (the settings' holidays are parsed per policy, and Beranda reads every 30 s)."""
        settings = self.workspace.settings()
        base = scheduling_policy(settings)
        zone = settings.zone
        moment = now or self.workspace.now()

        def of(record: ComplaintRecord) -> ComplaintClock:
            return clock(
                record.kind,
                record.received_at,
                record.first_follow_up_at,
                moment,
                base=base,
                zone=zone,
            )

        return of

    # -- time checks ------------------------------------------------------------------------

    def _check_moment(
        self, moment: datetime, reason: str, *, field_name: str, reason_field: str, what: str
    ) -> str:
        """The cleaned back-dating reason ("" when not back-dated); ``ValidationError`` for a
        moment in the future, before 2000, or back-dated without a reason."""
        _aware(moment, field_name)
        now = self.workspace.now()
        if moment > now + FUTURE_TOLERANCE:
            raise ValidationError("Waktu tidak boleh di masa depan.", field_name)
        if moment < EARLIEST:
            raise ValidationError("Waktu sebelum tahun 2000 tidak dapat dicatat.", field_name)
        if not is_backdated(moment, now):
            return ""
        cleaned = clean_text(reason)
        problem = reason_problem(cleaned, what)
        if problem is not None:
            raise ValidationError(problem, reason_field)
        return cleaned

    # -- the box -----------------------------------------------------------------------------

    def record_box_opening(self, opened_at: datetime, reason: str = "") -> BoxOpening:
        """Record when the physical box was opened; every slip taken out then shares this
        instant, which starts their clocks."""
        db = self.workspace.db
        with db.transaction():
            opening_id = self._insert_opening(opened_at, reason, reason_field="reason")
            opening = complaints_repo.box_opening(db, opening_id)
        assert opening is not None
        return opening

    def _insert_opening(self, opened_at: datetime, reason: str, *, reason_field: str) -> int:
        """Check and write one opening with its audit event; call inside a transaction."""
        workspace = self.workspace
        cleaned = self._check_moment(
            opened_at,
            reason,
            field_name="opened_at",
            reason_field=reason_field,
            what="mencatat pembukaan kotak saran lebih awal dari sekarang",
        )
        opening_id = complaints_repo.insert_box_opening(
            workspace.db,
            opened_at=opened_at.astimezone(UTC),
            recorded_at=workspace.now(),
            recorded_by=workspace.account.id,
            backdate_reason=cleaned,
        )
        workspace.audit(
            AuditKind.COMPLAINT_BOX_OPENED,
            target_kind="complaint_box_opening",
            target_id=str(opening_id),
        )
        return opening_id

    def unused_slip(self, code: str) -> str:
        """The normalised code of a pre-printed slip that no entry was registered under."""
        parsed = parse_code(code)
        text = parsed.text
        found = complaints_repo.find_code(self.workspace.db, text)
        if found is not None and _removed(found):
            raise ValidationError(
                f"Kode {text} tidak berlaku lagi: entrinya sudah dihapus. Kosongkan kode untuk "
                "memberi kode baru.",
                "code",
            )
        if found is None or found.origin != SLIP:
            raise ValidationError(
                f"Kode {text} bukan kode lembar kotak saran yang pernah dicetak. Periksa "
                "kembali kode pada lembar, atau kosongkan kode untuk memberi kode baru.",
                "code",
            )
        if found.complaint_id is not None:
            raise ValidationError(
                f"Lembar dengan kode {text} sudah dicatat. Cari kode itu di daftar Kotak Saran.",
                "code",
            )
        return text

    # -- register ---------------------------------------------------------------------------

    def _new_codes(self, year: int, origin: str, count: int = 1) -> list[str]:
        """Give the next ``count`` serials of ``year`` (above every serial given, slips
        included), each with its own random check part, and store them as used."""
        db = self.workspace.db
        used = complaints_repo.serials(db, year)
        codes: list[str] = []
        for _ in range(count):
            serial = next_code_serial(used)
            used.append(serial)
            code = format_code(year, serial, new_check())
            complaints_repo.add_code(
                db,
                code=code,
                year=year,
                serial=serial,
                origin=origin,
                issued_at=self.workspace.now(),
                issued_by=self.workspace.account.id,
            )
            codes.append(code)
        return codes

    def register(
        self, form: ComplaintForm, new_opening: NewOpening | None = None
    ) -> ComplaintRecord:
        """Store one entry. From the box with ``new_opening``, that opening is recorded in the
        same transaction (and the form's ``box_opening_id`` is not asked for), so a refused
        form leaves no opening behind; its errors name "opened_at" and "opening_reason"."""
        workspace = self.workspace
        db = workspace.db
        problems = form_problems(form)
        if new_opening is not None and form.channel is Channel.KOTAK_SARAN:
            problems.pop("box_opening_id", None)
        if problems:
            name, message = next(iter(problems.items()))
            raise ValidationError(message, name)
        accounts = accounts_repo.list_accounts(db)
        about_id = form.about_account_id or None
        if about_id is not None and not any(
            a.id == about_id and a.role.is_counsellor for a in accounts
        ):
            raise ValidationError(
                "Guru BK yang dimaksud tidak ditemukan; pilih dari daftar.", "about_account_id"
            )
        backdate_reason = ""
        box_opening_id: int | None = None
        with db.transaction():
            if form.channel is Channel.KOTAK_SARAN:
                opening_id = form.box_opening_id
                if new_opening is not None:
                    opening_id = self._insert_opening(
                        new_opening.opened_at, new_opening.reason, reason_field="opening_reason"
                    )
                assert opening_id is not None  # form_problems asks for it
                opening = complaints_repo.box_opening(db, opening_id)
                if opening is None:
                    raise ValidationError(
                        "Pembukaan kotak saran ini tidak ditemukan; pilih atau catat lagi.",
                        "box_opening_id",
                    )
                received_at = opening.opened_at
                box_opening_id = opening.id
            else:
                received_at = form.received_at
                backdate_reason = self._check_moment(
                    received_at,
                    form.backdate_reason,
                    field_name="received_at",
                    reason_field="backdate_reason",
                    what=(
                        "pencatatan mundur: waktu diterima lebih awal dari sekarang (mis. "
                        "diterima lisan saat jam pelajaran)"
                    ),
                )
                received_at = received_at.astimezone(UTC)
            if form.student_id is not None and (
                students_repo.load_student(db, form.student_id) is None
            ):
                raise ValidationError("Siswa ini tidak ditemukan; pilih dari daftar.", "student_id")
            if form.code.strip():
                code = self.unused_slip(form.code)
            else:
                [code] = self._new_codes(received_at.astimezone(self._zone()).year, ENTRY)
            handling = route(form.kind, about_id, accounts)
            anonymous = form.sender_kind is SenderKind.ANONIM
            complaint_id = complaints_repo.insert(
                db,
                NewComplaint(
                    code=code,
                    kind=form.kind,
                    channel=form.channel,
                    channel_other=(
                        clean_line(form.channel_other) if form.channel is Channel.LAINNYA else ""
                    ),
                    sender_kind=form.sender_kind,
                    sender_name="" if anonymous else clean_line(form.sender_name),
                    sender_contact="" if anonymous else clean_line(form.sender_contact),
                    subject=form.subject,
                    about_account_id=about_id if form.subject is not Subject.LAYANAN else None,
                    about_detail=clean_line(form.about_detail),
                    student_id=form.student_id,
                    text=clean_text(form.text),
                    received_at=received_at,
                    received_by=workspace.account.id,
                    recorded_at=workspace.now(),
                    backdate_reason=backdate_reason,
                    box_opening_id=box_opening_id,
                    handling=handling,
                ),
            )
            self._log(complaint_id, ActionKind.DITERIMA, received_at, "")
            if handling is not Handling.RUANG_BK:
                self._log(
                    complaint_id, ActionKind.DITERUSKAN, received_at, "Diteruskan ke kepala sekolah"
                )
            workspace.audit(
                AuditKind.COMPLAINT_RECEIVED,
                target_kind="complaint",
                target_id=str(complaint_id),
                detail=form.kind.value,
            )
            record = complaints_repo.get(db, complaint_id)
        assert record is not None
        return record

    def _log(
        self,
        complaint_id: int,
        kind: ActionKind,
        at: datetime,
        text: str,
        *,
        public: bool = False,
        backdate_reason: str = "",
    ) -> None:
        complaints_repo.insert_action(
            self.workspace.db,
            complaint_id,
            kind=kind,
            at=at,
            account_id=self.workspace.account.id,
            text=text,
            public=public,
            recorded_at=self.workspace.now(),
            backdate_reason=backdate_reason,
        )

    # -- read -------------------------------------------------------------------------------

    def can_open(self, record: ComplaintRecord) -> bool:
        """``may_open`` for the signed-in account: whether it may list, open and act on it."""
        account = self.workspace.account
        return may_open(
            account.id,
            account.role,
            handling=record.handling,
            about_account_id=record.about_account_id,
            received_by=record.received_by,
        )

    def hidden_ids(self) -> set[int]:
        """The entries the signed-in account may not open, so what it reads elsewhere (the
        audit view) leaves them out whole."""
        account = self.workspace.account
        return {
            sight.id
            for sight in complaints_repo.sights(self.workspace.db)
            if not may_open(
                account.id,
                account.role,
                handling=sight.handling,
                about_account_id=sight.about_account_id,
                received_by=sight.received_by,
            )
        }

    def _openable(self, complaint_id: int) -> ComplaintRecord:
        record = complaints_repo.get(self.workspace.db, complaint_id)
        if record is None or not self.can_open(record):
            raise RuleViolation(NOT_OPENABLE)
        return record

    def entries(self, filter: ComplaintFilter = ComplaintFilter()) -> list[ComplaintRow]:
        zone = self._zone()
        first: datetime | None = None
        end: datetime | None = None
        if filter.first is not None:
            first, _ = days_bounds(filter.first, filter.first, zone)
        if filter.last is not None:
            _, end = days_bounds(filter.last, filter.last, zone)
        records = complaints_repo.listed(
            self.workspace.db,
            first=first,
            end=end,
            kinds=filter.kinds,
            statuses=filter.statuses,
            channel=filter.channel,
        )
        needle = " ".join(filter.search.split()).casefold()
        now = self.workspace.now()
        clock_at_now = self._clocks(now)
        rows: list[ComplaintRow] = []
        for record in records:
            if not self.can_open(record):
                continue
            if needle and not any(
                needle in value.casefold()
                for value in (record.code, record.sender_name, " ".join(record.text.split()))
            ):
                continue
            state = clock_at_now(record)
            if filter.late_only and not state.kind.is_late:
                continue
            rows.append(
                ComplaintRow(
                    id=record.id,
                    code=record.code,
                    kind=record.kind,
                    channel_label=record.channel_label,
                    sender=record.sender,
                    subject_label=record.subject.label,
                    handling=record.handling,
                    status=record.status,
                    received_at=record.received_at,
                    clock=state,
                    excerpt=_excerpt(record.text),
                    about_account_name=record.about_account_name,
                    subject_short=record.subject.short_label,
                )
            )
        return rows

    def open(self, complaint_id: int) -> ComplaintRecord:
        """The whole entry with its log; every opening is an audit event."""
        workspace = self.workspace
        with workspace.db.transaction():
            record = self._openable(complaint_id)
            workspace.audit(
                AuditKind.COMPLAINT_OPENED, target_kind="complaint", target_id=str(complaint_id)
            )
        return record

    # -- follow up --------------------------------------------------------------------------

    def add_action(
        self,
        complaint_id: int,
        kind: ActionKind,
        text: str,
        *,
        at: datetime | None = None,
        public: bool = False,
        backdate_reason: str = "",
    ) -> ComplaintRecord:
        """Record a tindakan or a tanggapan; the first one starts "ditindaklanjuti" and is
        what the 3×24 h promise is measured by. An ``at`` more than the tolerance before now
        needs ``backdate_reason`` (field "backdate_reason"), stored with the line: the time
        typed decides whether the promise was kept, so moving it back is said and kept."""
        if kind not in {ActionKind.TINDAKAN, ActionKind.TANGGAPAN}:
            raise RuleViolation(
                action_move_problem(ComplaintStatus.DITERIMA, kind)
                or "Gunakan Tandai selesai atau Buka kembali untuk mengubah status."
            )
        if public and kind is not ActionKind.TANGGAPAN:
            raise ValidationError("Hanya tanggapan yang dapat diumumkan.", "public")
        problem = action_problem(kind, text)
        if problem is not None:
            raise ValidationError(problem, "text")
        workspace = self.workspace
        now = workspace.now()
        moment = now if at is None else at
        _aware(moment, "at")
        if moment > now + FUTURE_TOLERANCE:
            raise ValidationError("Waktu tindak lanjut tidak boleh di masa depan.", "at")
        cleaned = clean_text(text)
        with workspace.db.transaction():
            record = self._openable(complaint_id)
            if moment < record.received_at:
                raise ValidationError(
                    "Waktu tindak lanjut tidak boleh sebelum entri diterima.", "at"
                )
            reason = ""
            if is_backdated(moment, now):
                reason = clean_text(backdate_reason)
                if problem := reason_problem(
                    reason, "mencatat tindak lanjut dengan waktu lebih awal dari sekarang"
                ):
                    raise ValidationError(problem, "backdate_reason")
            move = action_move_problem(record.status, kind)
            if move is not None:
                raise RuleViolation(move)
            moment = moment.astimezone(UTC)
            self._log(complaint_id, kind, moment, cleaned, public=public, backdate_reason=reason)
            first = record.first_follow_up_at
            complaints_repo.update_progress(
                workspace.db,
                complaint_id,
                status=status_after(record.status, kind),
                first_follow_up_at=moment if first is None or moment < first else first,
                public_response=cleaned if public else record.public_response,
            )
            workspace.audit(
                AuditKind.COMPLAINT_ACTION,
                target_kind="complaint",
                target_id=str(complaint_id),
                detail=kind.value,
            )
            updated = complaints_repo.get(workspace.db, complaint_id)
        assert updated is not None
        return updated

    def _change_status(self, complaint_id: int, kind: ActionKind, note: str) -> ComplaintRecord:
        problem = action_problem(kind, note)
        if problem is not None:
            raise ValidationError(problem, "text")
        workspace = self.workspace
        with workspace.db.transaction():
            record = self._openable(complaint_id)
            move = action_move_problem(record.status, kind)
            if move is not None:
                raise RuleViolation(move)
            if kind is ActionKind.DITUTUP:
                closing = close_problem(record.kind, record.first_follow_up_at is not None)
                if closing is not None:
                    raise RuleViolation(closing)
            status = status_after(
                record.status, kind, followed_up=record.first_follow_up_at is not None
            )
            self._log(complaint_id, kind, workspace.now(), clean_text(note))
            complaints_repo.update_progress(
                workspace.db,
                complaint_id,
                status=status,
                first_follow_up_at=record.first_follow_up_at,
                public_response=record.public_response,
            )
            workspace.audit(
                AuditKind.COMPLAINT_STATUS,
                target_kind="complaint",
                target_id=str(complaint_id),
                detail=status.value,
            )
            updated = complaints_repo.get(workspace.db, complaint_id)
        assert updated is not None
        return updated

    def close(self, complaint_id: int, note: str) -> ComplaintRecord:
        """Mark the entry selesai with a note (a clocked entry needs a follow-up first)."""
        return self._change_status(complaint_id, ActionKind.DITUTUP, note)

    def reopen(self, complaint_id: int, reason: str) -> ComplaintRecord:
        """Open a closed entry again; its first follow-up and clock verdict stay as they were."""
        return self._change_status(complaint_id, ActionKind.DIBUKA_KEMBALI, reason)

    # -- codes and the board ----------------------------------------------------------------

    def reserve_slips(self, count: int) -> list[str]:
        """Codes for a sheet of blank slips, each stored as given so no entry gets it."""
        workspace = self.workspace
        if not workspace.account.role.is_counsellor:
            raise RuleViolation("Lembar kotak saran dicetak oleh guru BK.")
        if not 1 <= count <= MAX_SLIPS:
            raise ValidationError(f"Jumlah lembar 1 sampai {MAX_SLIPS} sekali cetak.", "count")
        year = workspace.now().astimezone(self._zone()).year
        with workspace.db.transaction():
            codes = self._new_codes(year, SLIP, count)
            workspace.audit(
                AuditKind.COMPLAINT_SLIPS_ISSUED,
                target_kind="complaint_code",
                target_id=str(year),
                detail=str(count),
            )
        return codes

    def check_code(self, code: str) -> CodeCheck:
        try:
            text = parse_code(code).text
        except ValidationError:
            raise ValidationError(UNKNOWN_CODE, "code") from None
        db = self.workspace.db
        found = complaints_repo.find_code(db, text)
        if found is None:
            raise ValidationError(UNKNOWN_CODE, "code")
        if _removed(found):
            return CodeCheck(text, "", None, "Tidak berlaku", "", NO_LONGER_VALID)
        if found.complaint_id is None:
            return CodeCheck(text, "", None, "Belum terdaftar", "", NOT_REGISTERED)
        record = complaints_repo.get(db, found.complaint_id, with_actions=False)
        assert record is not None
        if record.handling is not Handling.RUANG_BK and not self.can_open(record):
            # Kind, day, status or response would tell the counsellor it concerns about it.
            return CodeCheck(text, "", None, "Ditangani kepala sekolah", "", WITH_PRINCIPAL)
        return CodeCheck(
            code=text,
            kind_label=record.kind.label,
            received_day=record.received_at.astimezone(self._zone()).date(),
            status_label=record.status.label,
            public_response=record.public_response,
            state=REGISTERED,
        )

    def board(self) -> list[BoardLine]:
        zone = self._zone()
        return [
            BoardLine(
                code=r.code,
                kind_label=r.kind.label,
                received_day=r.received_at.astimezone(zone).date(),
                status_label=r.status.label,
                response=r.public_response,
            )
            for r in complaints_repo.board(self.workspace.db)
        ]

    # -- figures ----------------------------------------------------------------------------

    def figures(self, first: datetime, end: datetime) -> ComplaintFigures:
        """Counts of every entry received in [first, end), whoever may open it; the late ones
        by code only when the signed-in account may open them (the report is printed by any
        role, and ``bk-desktop report`` reads as the account that signed in there)."""
        db = self.workspace.db
        records = list(reversed(complaints_repo.listed(db, first=first, end=end)))
        clock_at_now = self._clocks()
        by_kind = dict.fromkeys(ComplaintType, 0)
        by_channel: dict[str, int] = {}
        met = 0
        late: list[str] = []
        late_with_principal = late_with_room = 0
        clocked = 0
        appreciation = 0
        thanked_ids = complaints_repo.with_tanggapan(db) if records else set()
        thanked = 0
        for record in records:
            by_kind[record.kind] += 1
            by_channel[record.channel_label] = by_channel.get(record.channel_label, 0) + 1
            if not record.kind.has_clock:
                appreciation += 1
                thanked += record.id in thanked_ids
                continue
            clocked += 1
            verdict = clock_at_now(record).met
            if verdict is True:
                met += 1
            elif verdict is False:
                if self.can_open(record):
                    late.append(record.code)
                elif record.handling is Handling.RUANG_BK:
                    late_with_room += 1
                else:
                    late_with_principal += 1
        return ComplaintFigures(
            total=len(records),
            by_kind=by_kind,
            by_channel=by_channel,
            clocked=clocked,
            met=met,
            late_or_overdue=late,
            decided=met + len(late) + late_with_principal + late_with_room,
            appreciation=appreciation,
            appreciation_thanked=thanked,
            late_with_principal=late_with_principal,
            late_with_room=late_with_room,
        )

    def due(self, now: datetime | None = None) -> list[ComplaintDue]:
        """Open clocked entries this account may open that wait for their first follow-up,
        the soonest deadline first."""
        moment = now or self.workspace.now()
        clock_at_now = self._clocks(moment)
        found: list[ComplaintDue] = []
        for record in complaints_repo.listed(self.workspace.db, open_only=True):
            if (
                not record.kind.has_clock
                or record.first_follow_up_at is not None
                or not self.can_open(record)
            ):
                continue
            found.append(
                ComplaintDue(
                    record.id,
                    record.code,
                    record.kind,
                    clock_at_now(record),
                    record.handling,
                )
            )
        found.sort(key=lambda d: (d.clock.deadline or moment, d.id))
        return found
