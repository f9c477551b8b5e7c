"""The incident register: a personal-data breach of the BK room, and the 3×24 hour notice.

UU PDP No. 27/2022 Ps. 46 asks a controller to notify the people whose data failed to be
protected, and the authority, within 3×24 hours of finding out. For a BK room the usual
incidents are small and physical: the laptop or a USB backup stick is lost, someone who may
not see a record saw it, a printed document was left behind. This module holds the rules of
one incident; ``services/incidents.py`` stores and reads them.

- **What is recorded** (``IncidentForm``): when it was found (the clock starts there, not when
  it is typed in), what happened, which kinds of data (``DataKind``, and free text for the
  rest), how many students, optionally which (counsellors only link students), who found or
  reported it.
- **The clock** (``clock``): deadline = found at + 72 calendar hours, always. Ps. 46 counts
  hours, not school days: a stick lost on the last day before a two-week break must still be
  notified within three days, so the school's "school days only" setting, which Kotak Saran
  and the 1×24 h clock follow, does not apply here (``domain.deadlines.LEGAL_72H``). The
  promise is kept when every recipient (``Recipient``: parents/guardians and the authority,
  *Lembaga* under UU PDP or the Dinas Pendidikan) has a notice recorded at or before the deadline.
- **Status** (``IncidentStatus``): dicatat → ditangani (the first measure or notice) →
  selesai. Closing needs every notice recorded, or a reason why one was not sent (the stick
  was found within the hour, the vault was encrypted and nobody else had the password); a
  closed incident takes no more entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bk_desktop.domain.dates import format_span
from bk_desktop.domain.deadlines import legal_deadline
from bk_desktop.domain.reasons import reason_problem
from bk_desktop.domain.text import clean_line, clean_text, length_problem

TEXT_LIMIT = 5000
LINE_LIMIT = 200
NAME_LIMIT = 120
MIN_LETTERS = 3
MAX_STUDENTS = 100_000
"""More than any school holds: a count above it is a typing mistake."""

DUE_SOON = timedelta(hours=12)


class IncidentKind(StrEnum):
    LAPTOP_HILANG = "laptop_hilang"
    CADANGAN_HILANG = "cadangan_hilang"
    DILIHAT_ORANG_LAIN = "dilihat_orang_lain"
    DOKUMEN_TERTINGGAL = "dokumen_tertinggal"
    SALAH_KIRIM = "salah_kirim"
    LAINNYA = "lainnya"

    @property
    def label(self) -> str:
        return {
            IncidentKind.LAPTOP_HILANG: "Laptop/komputer ruang BK hilang atau dicuri",
            IncidentKind.CADANGAN_HILANG: "Flashdisk/cadangan brankas hilang",
            IncidentKind.DILIHAT_ORANG_LAIN: "Catatan dilihat orang yang tidak berhak",
            IncidentKind.DOKUMEN_TERTINGGAL: "Dokumen cetak tertinggal atau hilang",
            IncidentKind.SALAH_KIRIM: "Dokumen terkirim ke penerima yang salah",
            IncidentKind.LAINNYA: "Lainnya",
        }[self]

    @property
    def short(self) -> str:
        """A few words for Beranda and the list."""
        return {
            IncidentKind.LAPTOP_HILANG: "Laptop hilang",
            IncidentKind.CADANGAN_HILANG: "Cadangan hilang",
            IncidentKind.DILIHAT_ORANG_LAIN: "Dilihat orang lain",
            IncidentKind.DOKUMEN_TERTINGGAL: "Dokumen tertinggal",
            IncidentKind.SALAH_KIRIM: "Salah kirim",
            IncidentKind.LAINNYA: "Insiden lain",
        }[self]


class DataKind(StrEnum):
    """The kinds of data an incident may have exposed, in the words a parent reads."""

    IDENTITAS = "identitas"
    KONTAK = "kontak"
    PERMOHONAN = "permohonan"
    CATATAN_KONSELING = "catatan_konseling"
    ASESMEN = "asesmen"
    SURAT = "surat"
    KOTAK_SARAN = "kotak_saran"
    LAINNYA = "lainnya"

    @property
    def label(self) -> str:
        return {
            DataKind.IDENTITAS: "Identitas siswa (nama, NIS/NISN, kelas, tanggal lahir)",
            DataKind.KONTAK: "Data dan kontak orang tua/wali",
            DataKind.PERMOHONAN: "Permohonan konseling dan jadwal",
            DataKind.CATATAN_KONSELING: "Catatan sesi dan kasus konseling",
            DataKind.ASESMEN: "Asesmen awal dan tingkat risiko",
            DataKind.SURAT: "Surat (panggilan, alih tangan kasus)",
            DataKind.KOTAK_SARAN: "Entri kotak saran",
            DataKind.LAINNYA: "Lainnya",
        }[self]


class IncidentStatus(StrEnum):
    DICATAT = "dicatat"
    DITANGANI = "ditangani"
    SELESAI = "selesai"

    @property
    def label(self) -> str:
        return {
            IncidentStatus.DICATAT: "Dicatat",
            IncidentStatus.DITANGANI: "Ditangani",
            IncidentStatus.SELESAI: "Selesai",
        }[self]


class Recipient(StrEnum):
    """Who must be told within 3×24 hours."""

    ORANG_TUA = "orang_tua"
    LEMBAGA = "lembaga"

    @property
    def label(self) -> str:
        return {
            Recipient.ORANG_TUA: "Orang tua/wali siswa",
            Recipient.LEMBAGA: "Lembaga (UU PDP) / Dinas Pendidikan",
        }[self]


class NoticeChannel(StrEnum):
    """How a notice went out."""

    SURAT = "surat"
    PESAN = "pesan"
    TELEPON = "telepon"
    TATAP_MUKA = "tatap_muka"
    POS_EL = "pos_el"

    @property
    def label(self) -> str:
        return {
            NoticeChannel.SURAT: "Surat",
            NoticeChannel.PESAN: "Pesan singkat/WhatsApp",
            NoticeChannel.TELEPON: "Telepon",
            NoticeChannel.TATAP_MUKA: "Pertemuan langsung",
            NoticeChannel.POS_EL: "Pos-el",
        }[self]


class EntryKind(StrEnum):
    """One line of an incident's log."""

    TINDAKAN = "tindakan"  # a measure taken
    PEMBERITAHUAN = "pemberitahuan"  # a notice sent, with its recipient and channel
    SELESAI = "selesai"  # closed, with its note or reason

    @property
    def label(self) -> str:
        return {
            EntryKind.TINDAKAN: "Tindakan",
            EntryKind.PEMBERITAHUAN: "Pemberitahuan",
            EntryKind.SELESAI: "Selesai",
        }[self]


# -- forms ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentForm:
    """What the record form hands the service. ``found_at`` is when the school found out;
    ``student_ids`` are the students linked (a counsellor's choice), never more than
    ``student_count``."""

    kind: IncidentKind
    found_at: datetime
    what_happened: str
    data_kinds: frozenset[DataKind]
    reported_by: str
    student_count: int = 0
    student_ids: tuple[int, ...] = ()
    data_other: str = ""


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def form_problems(form: IncidentForm) -> dict[str, str]:
    """Every problem of a form at once, by field name (Indonesian); empty when it may be
    saved. Time rules (the future) are the service's: they need the clock."""
    problems: dict[str, str] = {}
    what = clean_text(form.what_happened)
    if _letters(what) < MIN_LETTERS:
        problems["what_happened"] = (
            "Tuliskan apa yang terjadi: apa yang hilang atau terlihat, di mana, dan bagaimana "
            "diketahui."
        )
    elif problem := length_problem(what, TEXT_LIMIT, "Uraian kejadian"):
        problems["what_happened"] = problem
    if not form.data_kinds:
        problems["data_kinds"] = "Pilih sedikitnya satu jenis data yang terdampak."
    other = clean_line(form.data_other)
    if DataKind.LAINNYA in form.data_kinds and not other:
        problems["data_other"] = "Tuliskan jenis data lainnya yang terdampak."
    elif problem := length_problem(other, LINE_LIMIT, "Jenis data lainnya"):
        problems["data_other"] = problem
    reporter = clean_line(form.reported_by)
    if _letters(reporter) < 2:
        problems["reported_by"] = "Tuliskan siapa yang menemukan atau melaporkan insiden ini."
    elif problem := length_problem(reporter, NAME_LIMIT, "Pelapor"):
        problems["reported_by"] = problem
    if not 0 <= form.student_count <= MAX_STUDENTS:
        problems["student_count"] = "Jumlah siswa terdampak tidak masuk akal; periksa lagi."
    elif len(set(form.student_ids)) > form.student_count:
        problems["student_count"] = (
            f"Ada {len(set(form.student_ids))} siswa yang dipilih; jumlah siswa terdampak "
            "tidak boleh kurang dari itu."
        )
    return problems


def entry_problem(text: str, what: str) -> str | None:
    """Why a measure's or a notice's description is not enough (``None`` when it is)."""
    cleaned = clean_text(text)
    if _letters(cleaned) < MIN_LETTERS:
        return f"Tuliskan {what}."
    return length_problem(cleaned, TEXT_LIMIT, "Uraian")


# -- the clock -----------------------------------------------------------------------------


class ClockKind(StrEnum):
    BERJALAN = "berjalan"  # notices missing, time left
    SEGERA = "segera"  # notices missing, under 12 hours left
    TERLAMBAT = "terlambat"  # notices missing, past the deadline
    TEPAT_WAKTU = "tepat_waktu"  # every notice at or before the deadline
    TERLAMBAT_DIBERITAHUKAN = "terlambat_diberitahukan"  # the last notice after it
    DITUTUP = "ditutup"  # closed with a reason instead of every notice

    @property
    def is_late(self) -> bool:
        return self in {ClockKind.TERLAMBAT, ClockKind.TERLAMBAT_DIBERITAHUKAN}

    @property
    def waiting(self) -> bool:
        return self in {ClockKind.BERJALAN, ClockKind.SEGERA, ClockKind.TERLAMBAT}


@dataclass(frozen=True)
class IncidentClock:
    """Where an incident stands against its 3×24 h deadline. ``time_left`` is deadline − now
    while notices are missing (negative when late), deadline − the last first notice once all
    went out."""

    kind: ClockKind
    deadline: datetime
    time_left: timedelta

    @property
    def text(self) -> str:
        """ "Sisa 2 hari 3 jam", "Terlambat 5 jam", "Diberitahukan tepat waktu"."""
        if self.kind is ClockKind.TEPAT_WAKTU:
            return "Diberitahukan tepat waktu"
        if self.kind is ClockKind.TERLAMBAT_DIBERITAHUKAN:
            return f"Diberitahukan terlambat {format_span(self.time_left)}"
        if self.kind is ClockKind.DITUTUP:
            return "Selesai tanpa pemberitahuan lengkap (ada alasan)"
        if self.kind is ClockKind.TERLAMBAT:
            return f"Terlambat {format_span(self.time_left)}"
        return f"Sisa {format_span(self.time_left)}"


def deadline_of(found_at: datetime) -> datetime:
    """found at + 72 calendar hours: the law's clock, never the school's school-days one."""
    return legal_deadline(found_at)


def first_notices(entries: Iterable[IncidentEntry]) -> dict[Recipient, datetime]:
    """The earliest notice to each recipient."""
    found: dict[Recipient, datetime] = {}
    for entry in entries:
        if entry.kind is EntryKind.PEMBERITAHUAN and entry.recipient is not None:
            earlier = found.get(entry.recipient)
            if earlier is None or entry.at < earlier:
                found[entry.recipient] = entry.at
    return found


def missing_recipients(entries: Iterable[IncidentEntry]) -> tuple[Recipient, ...]:
    """The recipients no notice was recorded to, in the order of ``Recipient``."""
    sent = first_notices(entries)
    return tuple(r for r in Recipient if r not in sent)


def clock(
    found_at: datetime,
    entries: Iterable[IncidentEntry],
    status: IncidentStatus,
    now: datetime,
) -> IncidentClock:
    deadline = deadline_of(found_at)
    sent = first_notices(entries)
    if all(r in sent for r in Recipient):
        last = max(sent.values())
        margin = deadline - last
        kind = (
            ClockKind.TEPAT_WAKTU if margin >= timedelta(0) else ClockKind.TERLAMBAT_DIBERITAHUKAN
        )
        return IncidentClock(kind, deadline, margin)
    if status is IncidentStatus.SELESAI:
        return IncidentClock(ClockKind.DITUTUP, deadline, timedelta(0))
    left = deadline - now
    if left < timedelta(0):
        state = ClockKind.TERLAMBAT
    elif left < DUE_SOON:
        state = ClockKind.SEGERA
    else:
        state = ClockKind.BERJALAN
    return IncidentClock(state, deadline, left)


# -- status --------------------------------------------------------------------------------


def entry_move_problem(status: IncidentStatus) -> str | None:
    """A closed incident takes no more entries."""
    if status is IncidentStatus.SELESAI:
        return "Insiden ini sudah selesai; catatannya tidak dapat ditambah lagi."
    return None


def status_after(status: IncidentStatus, kind: EntryKind) -> IncidentStatus:
    if kind is EntryKind.SELESAI:
        return IncidentStatus.SELESAI
    if status is IncidentStatus.DICATAT:
        return IncidentStatus.DITANGANI
    return status


def close_problem(missing: tuple[Recipient, ...], note: str) -> str | None:
    """Closing needs every notice recorded, or a reason why one was not sent."""
    if not missing:
        return length_problem(clean_text(note), TEXT_LIMIT, "Catatan")
    names = " dan ".join(r.label.lower() for r in missing)
    return reason_problem(
        clean_text(note),
        f"menandai selesai tanpa pemberitahuan kepada {names}",
    )


# -- stored records ------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentEntry:
    """One line of the log: when it was done (≤ now, ≥ found at), by whom, what."""

    id: int
    incident_id: int
    kind: EntryKind
    at: datetime
    account_id: str | None
    account_name: str
    text: str
    recipient: Recipient | None = None
    channel: NoticeChannel | None = None
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class LinkedStudent:
    """A student linked to an incident: a list shows the initials and class only."""

    id: int
    name: str
    rombel: str


@dataclass(frozen=True)
class IncidentRecord:
    id: int
    kind: IncidentKind
    found_at: datetime
    what_happened: str
    data_kinds: frozenset[DataKind]
    data_other: str
    student_count: int
    reported_by: str
    recorded_at: datetime
    recorded_by: str | None
    recorded_by_name: str
    status: IncidentStatus
    students: tuple[LinkedStudent, ...] = ()
    entries: tuple[IncidentEntry, ...] = ()

    @property
    def data_labels(self) -> tuple[str, ...]:
        """The kinds of data in the order of ``DataKind``, "lainnya" as its own words."""
        labels = [k.label for k in DataKind if k in self.data_kinds and k is not DataKind.LAINNYA]
        if DataKind.LAINNYA in self.data_kinds and self.data_other:
            labels.append(self.data_other)
        return tuple(labels)

    @property
    def measures(self) -> tuple[IncidentEntry, ...]:
        return tuple(e for e in self.entries if e.kind is EntryKind.TINDAKAN)

    @property
    def notices(self) -> tuple[IncidentEntry, ...]:
        return tuple(e for e in self.entries if e.kind is EntryKind.PEMBERITAHUAN)

    @property
    def missing(self) -> tuple[Recipient, ...]:
        return missing_recipients(self.entries)


__all__ = [
    "ClockKind",
    "DataKind",
    "EntryKind",
    "IncidentClock",
    "IncidentEntry",
    "IncidentForm",
    "IncidentKind",
    "IncidentRecord",
    "IncidentStatus",
    "LinkedStudent",
    "NoticeChannel",
    "Recipient",
    "clock",
    "close_problem",
    "deadline_of",
    "entry_move_problem",
    "entry_problem",
    "first_notices",
    "form_problems",
    "missing_recipients",
    "status_after",
]
