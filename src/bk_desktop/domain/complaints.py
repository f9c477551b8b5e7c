"""Kotak Saran: complaints, suggestions, input and appreciation, and the 3×24 hour promise.

The standard: complaints, suggestions and input may be given to the guru BK, to the kepala
sekolah or through the suggestion box (*kotak saran*); every complaint is followed up within
3×24 hours; appreciation comes through the same channels. This module holds the rules of one
entry; ``services/complaints.py`` stores and reads them.

- **Types** (``ComplaintType``): pengaduan, saran, masukan carry the 3×24 h clock; apresiasi
  is counted and may be thanked, with no clock.
- **The clock** (``clock``): deadline = received at + 72 h, counted like the 1×24 h clock of
  the school (calendar hours, or school days only: ``deadlines.complaint_policy``). The
  **first follow-up** — an action other than receiving or forwarding — meets the promise when
  it is at or before the deadline.
- **Tracking codes** (``format_code``, ``parse_code``): ``KS-2026-0042-7QX``: the year, a
  serial counted per year and never reused, and a random check part from an alphabet without
  look-alike characters, so a neighbouring code cannot be guessed from one's own.
- **Routing** (``route``): a complaint, suggestion or input about a named counsellor is
  forwarded to the kepala sekolah; the counsellor it concerns cannot open it; the koordinator
  and the kepala sekolah can. About the koordinator, or about the only counsellor of the room,
  it goes to the kepala sekolah alone. Appreciation about a counsellor is for the whole room.
- **Who may open an entry** (``may_open``): the room's entries are every counsellor's; the
  kepala sekolah opens those routed to them and those they registered themselves.
- **Status** (``ComplaintStatus``): diterima → ditindaklanjuti (the first follow-up) → selesai
  (closed with a note; a clocked entry needs a follow-up first); a closed entry may be opened
  again with a reason.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from bk_desktop.domain.accounts import Account, Role
from bk_desktop.domain.dates import format_span
from bk_desktop.domain.deadlines import SchedulingPolicy, complaint_policy, scheduling_deadline
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.reasons import reason_problem
from bk_desktop.domain.text import clean_line, clean_text, length_problem

CODE_PREFIX = "KS"
CHECK_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
"""No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or copied by hand stays one code."""
CHECK_LENGTH = 3
MAX_SERIAL = 9999

TEXT_LIMIT = 5000
NAME_LIMIT = 120
CONTACT_LIMIT = 120
DETAIL_LIMIT = 200
CHANNEL_LIMIT = 60
ACTION_LIMIT = 3000
MIN_TEXT_LETTERS = 3

_CODE_SHAPE = re.compile(
    rf"^{CODE_PREFIX}-?(?P<year>\d{{4}})-?(?P<serial>\d{{1,4}})-?(?P<check>[{CHECK_ALPHABET}]{{{CHECK_LENGTH}}})$"
)


class ComplaintType(StrEnum):
    PENGADUAN = "pengaduan"
    SARAN = "saran"
    MASUKAN = "masukan"
    APRESIASI = "apresiasi"

    @property
    def label(self) -> str:
        return {
            ComplaintType.PENGADUAN: "Pengaduan",
            ComplaintType.SARAN: "Saran",
            ComplaintType.MASUKAN: "Masukan",
            ComplaintType.APRESIASI: "Apresiasi",
        }[self]

    @property
    def has_clock(self) -> bool:
        """Pengaduan, saran and masukan are followed up within 3×24 hours; apresiasi is not."""
        return self is not ComplaintType.APRESIASI


class Channel(StrEnum):
    """How an entry reached the room. ``LAINNYA`` carries the school's own channel name (from
    the setting ``complaint_channels``) in ``ComplaintRecord.channel_other``."""

    LANGSUNG = "langsung"
    KEPALA_SEKOLAH = "kepala_sekolah"
    KOTAK_SARAN = "kotak_saran"
    LAINNYA = "lainnya"

    @property
    def label(self) -> str:
        return {
            Channel.LANGSUNG: "Langsung ke guru BK",
            Channel.KEPALA_SEKOLAH: "Melalui kepala sekolah",
            Channel.KOTAK_SARAN: "Kotak saran",
            Channel.LAINNYA: "Lainnya",
        }[self]


class SenderKind(StrEnum):
    ANONIM = "anonim"
    SISWA = "siswa"
    ORANG_TUA = "orang_tua"
    GURU = "guru"
    LAINNYA = "lainnya"

    @property
    def label(self) -> str:
        return {
            SenderKind.ANONIM: "Anonim",
            SenderKind.SISWA: "Siswa",
            SenderKind.ORANG_TUA: "Orang tua/wali",
            SenderKind.GURU: "Guru",
            SenderKind.LAINNYA: "Lainnya",
        }[self]


class Subject(StrEnum):
    """What an entry is about."""

    LAYANAN = "layanan"
    SESI = "sesi"
    KONSELOR = "konselor"

    @property
    def label(self) -> str:
        return {
            Subject.LAYANAN: "Layanan BK secara umum",
            Subject.SESI: "Sesi konseling",
            Subject.KONSELOR: "Guru BK tertentu",
        }[self]

    @property
    def short_label(self) -> str:
        """What a list's narrow column shows ("Guru BK: <name>" when one is named)."""
        return {
            Subject.LAYANAN: "Layanan BK",
            Subject.SESI: "Sesi konseling",
            Subject.KONSELOR: "Guru BK",
        }[self]


class ComplaintStatus(StrEnum):
    DITERIMA = "diterima"
    DITINDAKLANJUTI = "ditindaklanjuti"
    SELESAI = "selesai"

    @property
    def label(self) -> str:
        return {
            ComplaintStatus.DITERIMA: "Diterima",
            ComplaintStatus.DITINDAKLANJUTI: "Ditindaklanjuti",
            ComplaintStatus.SELESAI: "Selesai",
        }[self]


class ActionKind(StrEnum):
    """One line of an entry's follow-up log."""

    DITERIMA = "diterima"  # written when the entry is registered
    DITERUSKAN = "diteruskan"  # written when it is routed to the kepala sekolah
    TINDAKAN = "tindakan"  # something done about it
    TANGGAPAN = "tanggapan"  # a response to the sender (or, public, for the code and board)
    DITUTUP = "ditutup"  # status selesai, with the closing note
    DIBUKA_KEMBALI = "dibuka_kembali"  # reopened, with the reason

    @property
    def label(self) -> str:
        return {
            ActionKind.DITERIMA: "Diterima",
            ActionKind.DITERUSKAN: "Diteruskan ke kepala sekolah",
            ActionKind.TINDAKAN: "Tindakan",
            ActionKind.TANGGAPAN: "Tanggapan",
            ActionKind.DITUTUP: "Selesai",
            ActionKind.DIBUKA_KEMBALI: "Dibuka kembali",
        }[self]

    @property
    def is_follow_up(self) -> bool:
        """Whether this action keeps the 3×24 h promise (receiving and forwarding do not)."""
        return self in {ActionKind.TINDAKAN, ActionKind.TANGGAPAN}


class Handling(StrEnum):
    """Who handles an entry (``route``)."""

    RUANG_BK = "ruang_bk"  # every counsellor (the kepala sekolah: only what they registered)
    KEPALA_SEKOLAH = "kepala_sekolah"  # forwarded: kepala sekolah and koordinator, not the one
    HANYA_KEPALA_SEKOLAH = "hanya_kepala_sekolah"  # the kepala sekolah alone

    @property
    def label(self) -> str:
        return {
            Handling.RUANG_BK: "Ruang BK",
            Handling.KEPALA_SEKOLAH: "Diteruskan ke kepala sekolah",
            Handling.HANYA_KEPALA_SEKOLAH: "Hanya kepala sekolah",
        }[self]


# -- tracking codes ------------------------------------------------------------------------


def new_check(rng: secrets.SystemRandom | None = None) -> str:
    """A random check part; ``secrets`` by default, so it cannot be predicted."""
    choice = rng.choice if rng is not None else secrets.choice
    return "".join(choice(CHECK_ALPHABET) for _ in range(CHECK_LENGTH))


def format_code(year: int, serial: int, check: str) -> str:
    """``KS-2026-0042-7QX``."""
    if not 1 <= serial <= MAX_SERIAL:
        raise ValueError("a tracking code's serial is 1..9999")
    return f"{CODE_PREFIX}-{year:04d}-{serial:04d}-{check}"


@dataclass(frozen=True)
class TrackingCode:
    year: int
    serial: int
    check: str

    @property
    def text(self) -> str:
        return format_code(self.year, self.serial, self.check)


def parse_code(text: str) -> TrackingCode:
    """A code as a person types it: any case, spaces or dashes anywhere, the serial's leading
    zeros optional. ``ValidationError`` with the shape expected otherwise."""
    compact = re.sub(r"[\s\-‐-―_.]", "", text.upper())
    spaced = compact
    match = None
    if compact.startswith(CODE_PREFIX) and len(compact) >= len(CODE_PREFIX) + 4 + 1 + CHECK_LENGTH:
        year = compact[len(CODE_PREFIX) : len(CODE_PREFIX) + 4]
        rest = compact[len(CODE_PREFIX) + 4 :]
        serial, check = rest[:-CHECK_LENGTH], rest[-CHECK_LENGTH:]
        spaced = f"{CODE_PREFIX}-{year}-{serial}-{check}"
        match = _CODE_SHAPE.match(spaced)
    if match is None or int(match["serial"]) == 0:
        raise ValidationError(
            "Kode tidak dikenali. Kode kotak saran berbentuk KS-2026-0042-7QX "
            "(tahun, nomor, dan tiga huruf/angka pemeriksa).",
            "code",
        )
    return TrackingCode(int(match["year"]), int(match["serial"]), match["check"])


def next_code_serial(used: Sequence[int]) -> int:
    """The next serial of a year: above every serial given that year (slips included)."""
    serial = max(used, default=0) + 1
    if serial > MAX_SERIAL:
        raise ValidationError(
            "Nomor kode kotak saran tahun ini sudah habis (9999). Hubungi pengembang.", "code"
        )
    return serial


# -- routing and sight ---------------------------------------------------------------------


def route(
    kind: ComplaintType, about_account_id: str | None, accounts: Sequence[Account]
) -> Handling:
    """Who handles an entry about ``about_account_id`` (``None``: about no one in person).

    ``accounts`` are the vault's accounts; only active counsellors count as "the room".
    """
    if about_account_id is None or kind is ComplaintType.APRESIASI:
        return Handling.RUANG_BK
    counsellors = [a for a in accounts if a.active and a.role.is_counsellor]
    about = next((a for a in accounts if a.id == about_account_id), None)
    if about is None or not about.role.is_counsellor:
        return Handling.RUANG_BK
    if about.role is Role.KOORDINATOR or len(counsellors) <= 1:
        return Handling.HANYA_KEPALA_SEKOLAH
    return Handling.KEPALA_SEKOLAH


def may_open(
    account_id: str,
    role: Role,
    *,
    handling: Handling,
    about_account_id: str | None,
    received_by: str | None,
) -> bool:
    """Whether the account may open an entry, see its follow-ups, act on it or count it in a
    list. The counsellor an entry concerns never may, even if they registered it."""
    if about_account_id == account_id and handling is not Handling.RUANG_BK:
        return False
    if role is Role.KEPALA_SEKOLAH:
        return handling is not Handling.RUANG_BK or received_by == account_id
    if handling is Handling.HANYA_KEPALA_SEKOLAH:
        return False
    if handling is Handling.KEPALA_SEKOLAH:
        return role is Role.KOORDINATOR
    return True


# -- the clock -----------------------------------------------------------------------------


class ClockKind(StrEnum):
    BERJALAN = "berjalan"  # waiting, time left
    SEGERA = "segera"  # waiting, under 12 hours left
    TERLAMBAT = "terlambat"  # waiting past the deadline
    TEPAT_WAKTU = "tepat_waktu"  # first follow-up at or before the deadline
    TERLAMBAT_DITINDAKLANJUTI = "terlambat_ditindaklanjuti"  # first follow-up after it
    TANPA_BATAS = "tanpa_batas"  # apresiasi

    @property
    def is_late(self) -> bool:
        return self in {ClockKind.TERLAMBAT, ClockKind.TERLAMBAT_DITINDAKLANJUTI}


DUE_SOON = timedelta(hours=12)


@dataclass(frozen=True)
class ComplaintClock:
    """Where an entry stands against its 3×24 h deadline. ``time_left`` is deadline − now while
    waiting (negative when late) and deadline − first follow-up once followed up."""

    kind: ClockKind
    deadline: datetime | None
    time_left: timedelta

    @property
    def text(self) -> str:
        """ "Sisa 2 hari 3 jam", "Terlambat 5 jam", "Ditindaklanjuti tepat waktu"."""
        if self.kind is ClockKind.TANPA_BATAS:
            return "Tanpa batas waktu"
        if self.kind is ClockKind.TEPAT_WAKTU:
            return "Ditindaklanjuti tepat waktu"
        if self.kind is ClockKind.TERLAMBAT_DITINDAKLANJUTI:
            return f"Ditindaklanjuti terlambat {format_span(self.time_left)}"
        if self.kind is ClockKind.TERLAMBAT:
            return f"Terlambat {format_span(self.time_left)}"
        return f"Sisa {format_span(self.time_left)}"

    @property
    def met(self) -> bool | None:
        """Whether the promise was kept, as far as it can be told: ``None`` while waiting in
        time (and for apresiasi), ``False`` once the deadline passed without a follow-up."""
        if self.kind is ClockKind.TEPAT_WAKTU:
            return True
        if self.kind.is_late:
            return False
        return None


def deadline_of(received_at: datetime, base: SchedulingPolicy, zone: tzinfo) -> datetime:
    """received at + 72 h, counted as the school counts its 1×24 h clock."""
    return scheduling_deadline(received_at, complaint_policy(base), zone)


def clock(
    kind: ComplaintType,
    received_at: datetime,
    first_follow_up_at: datetime | None,
    now: datetime,
    *,
    base: SchedulingPolicy,
    zone: tzinfo,
) -> ComplaintClock:
    if not kind.has_clock:
        return ComplaintClock(ClockKind.TANPA_BATAS, None, timedelta(0))
    deadline = deadline_of(received_at, base, zone)
    if first_follow_up_at is not None:
        margin = deadline - first_follow_up_at
        met = margin >= timedelta(0)
        return ComplaintClock(
            ClockKind.TEPAT_WAKTU if met else ClockKind.TERLAMBAT_DITINDAKLANJUTI,
            deadline,
            margin,
        )
    left = deadline - now
    if left < timedelta(0):
        state = ClockKind.TERLAMBAT
    elif left < DUE_SOON:
        state = ClockKind.SEGERA
    else:
        state = ClockKind.BERJALAN
    return ComplaintClock(state, deadline, left)


# -- forms ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintForm:
    """What the register form hands the service. ``received_at`` is the instant of receipt;
    for the physical box it is the box opening's (``box_opening_id``), which the service
    reads instead. ``code`` is a pre-printed slip's code, "" to give a new one."""

    kind: ComplaintType
    channel: Channel
    text: str
    received_at: datetime
    sender_kind: SenderKind = SenderKind.ANONIM
    sender_name: str = ""
    sender_contact: str = ""
    subject: Subject = Subject.LAYANAN
    about_account_id: str | None = None
    about_detail: str = ""
    student_id: int | None = None
    channel_other: str = ""
    box_opening_id: int | None = None
    backdate_reason: str = ""
    code: str = ""


def form_problems(form: ComplaintForm) -> dict[str, str]:
    """Every problem of a form at once, by field name (Indonesian); empty when it may be
    saved. Time rules (back-dating, the future) are the service's: they need the clock."""
    problems: dict[str, str] = {}
    text = clean_text(form.text)
    if sum(1 for c in text if c.isalpha()) < MIN_TEXT_LETTERS:
        problems["text"] = "Tuliskan isi pengaduan, saran, masukan atau apresiasinya."
    elif problem := length_problem(text, TEXT_LIMIT, "Isi"):
        problems["text"] = problem
    name = clean_line(form.sender_name)
    if form.sender_kind is SenderKind.ANONIM:
        if name or clean_line(form.sender_contact):
            problems["sender_name"] = (
                "Pengirim anonim tidak memiliki nama atau kontak; pilih jenis pengirim lain "
                "atau kosongkan nama dan kontak."
            )
    elif sum(1 for c in name if c.isalpha()) < 2:
        problems["sender_name"] = "Tuliskan nama pengirim (atau pilih Anonim)."
    elif problem := length_problem(name, NAME_LIMIT, "Nama pengirim"):
        problems["sender_name"] = problem
    if problem := length_problem(clean_line(form.sender_contact), CONTACT_LIMIT, "Kontak"):
        problems["sender_contact"] = problem
    if form.subject is Subject.KONSELOR and not form.about_account_id:
        problems["about_account_id"] = "Pilih guru BK yang dimaksud."
    if form.subject is Subject.LAYANAN and form.about_account_id:
        problems["about_account_id"] = (
            "Untuk layanan BK secara umum tidak ada guru BK yang dimaksud; pilih "
            "“Guru BK tertentu” atau “Sesi konseling”."
        )
    if problem := length_problem(clean_line(form.about_detail), DETAIL_LIMIT, "Keterangan"):
        problems["about_detail"] = problem
    if form.channel is Channel.LAINNYA:
        other = clean_line(form.channel_other)
        if not other:
            problems["channel_other"] = "Tuliskan atau pilih saluran lainnya."
        elif problem := length_problem(other, CHANNEL_LIMIT, "Nama saluran"):
            problems["channel_other"] = problem
    if form.channel is Channel.KOTAK_SARAN and form.box_opening_id is None:
        problems["box_opening_id"] = "Pilih atau catat waktu kotak saran dibuka."
    if form.channel is not Channel.KOTAK_SARAN and form.code.strip():
        problems["code"] = "Kode dari lembar kotak saran hanya untuk saluran kotak saran."
    return problems


def action_problem(kind: ActionKind, text: str) -> str | None:
    """Why an action's text is not enough (``None`` when it is)."""
    cleaned = clean_text(text)
    if kind in {ActionKind.DITUTUP, ActionKind.DIBUKA_KEMBALI}:
        what = "menutup entri ini" if kind is ActionKind.DITUTUP else "membuka kembali entri ini"
        if problem := reason_problem(cleaned, what):
            return problem
    elif sum(1 for c in cleaned if c.isalpha()) < MIN_TEXT_LETTERS:
        return (
            "Tuliskan tanggapan yang diberikan."
            if kind is ActionKind.TANGGAPAN
            else "Tuliskan tindakan yang dilakukan."
        )
    return length_problem(cleaned, ACTION_LIMIT, "Uraian")


def close_problem(kind: ComplaintType, has_follow_up: bool) -> str | None:
    """A clocked entry is closed only after something was done about it."""
    if kind.has_clock and not has_follow_up:
        return (
            "Catat dulu tindak lanjut atau tanggapan sebelum menandai selesai; "
            "janji 3×24 jam diukur dari tindak lanjut pertama."
        )
    return None


def status_after(
    current: ComplaintStatus, action: ActionKind, *, followed_up: bool = True
) -> ComplaintStatus:
    """The status an action leads to (receiving and forwarding leave it as it was).

    Reopening goes back to *ditindaklanjuti*, or to *diterima* when nothing was ever done
    (``followed_up`` false: appreciation closed without a response), so the status never
    claims a follow-up that did not happen."""
    if action is ActionKind.DITUTUP:
        return ComplaintStatus.SELESAI
    if action is ActionKind.DIBUKA_KEMBALI:
        return ComplaintStatus.DITINDAKLANJUTI if followed_up else ComplaintStatus.DITERIMA
    if action.is_follow_up and current is ComplaintStatus.DITERIMA:
        return ComplaintStatus.DITINDAKLANJUTI
    return current


def action_move_problem(current: ComplaintStatus, action: ActionKind) -> str | None:
    """Which actions a status allows: nothing but reopening on a closed entry."""
    if current is ComplaintStatus.SELESAI and action is not ActionKind.DIBUKA_KEMBALI:
        return "Entri ini sudah selesai. Buka kembali dulu bila perlu ditindaklanjuti lagi."
    if current is not ComplaintStatus.SELESAI and action is ActionKind.DIBUKA_KEMBALI:
        return "Entri ini belum selesai, jadi tidak perlu dibuka kembali."
    if action in {ActionKind.DITERIMA, ActionKind.DITERUSKAN}:
        return "Penerimaan dan penerusan dicatat otomatis."
    return None


def sender_label(kind: SenderKind, name: str) -> str:
    """What a list shows of the sender: "Anonim", or "Orang tua/wali: Ibu Sari"."""
    if kind is SenderKind.ANONIM:
        return SenderKind.ANONIM.label
    return f"{kind.label}: {name}" if name else kind.label


# -- stored records ------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintAction:
    """One line of the follow-up log. ``at`` is when it was done (≤ now, ≥ receipt);
    ``public`` marks a response that "Cek kode" and the notice board may show;
    ``backdate_reason`` why it was recorded well after ``at`` (``at`` decides the 3×24 h
    verdict, so a follow-up moved back needs a reason, as a back-dated receipt does)."""

    id: int
    complaint_id: int
    kind: ActionKind
    at: datetime
    account_id: str | None
    account_name: str
    text: str
    public: bool = False
    recorded_at: datetime | None = None
    backdate_reason: str = ""


@dataclass(frozen=True)
class BoxOpening:
    """One opening of the physical box: every slip taken out then shares its instant, which
    starts their clocks."""

    id: int
    opened_at: datetime
    recorded_by: str | None
    backdate_reason: str = ""
    slips: int = 0


@dataclass(frozen=True)
class ComplaintRecord:
    id: int
    code: str
    kind: ComplaintType
    channel: Channel
    channel_other: str
    sender_kind: SenderKind
    sender_name: str
    sender_contact: str
    subject: Subject
    about_account_id: str | None
    about_account_name: str
    about_detail: str
    student_id: int | None
    text: str
    received_at: datetime
    received_by: str | None
    recorded_at: datetime
    backdate_reason: str
    box_opening_id: int | None
    handling: Handling
    status: ComplaintStatus
    first_follow_up_at: datetime | None
    public_response: str
    actions: tuple[ComplaintAction, ...] = ()

    @property
    def is_anonymous(self) -> bool:
        return self.sender_kind is SenderKind.ANONIM

    @property
    def channel_label(self) -> str:
        if self.channel is Channel.LAINNYA and self.channel_other:
            return self.channel_other
        return self.channel.label

    @property
    def sender(self) -> str:
        return sender_label(self.sender_kind, self.sender_name)
