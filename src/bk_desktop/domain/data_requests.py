"""Permohonan hak atas data pribadi: a student's or parent's request about the student's own
data (UU PDP No. 27/2022 Ps. 32–44), and the copy of that data with passages taken out.

This module holds the rules of one request; ``services/data_requests.py`` stores and reads
them, ``services/student_export.py`` builds the copy.

- **Who asks** (``Requester``): the student, or a parent/guardian with name and relation.
- **What** (``DataRight``): akses/salinan, perbaikan, penghentian pemrosesan, penghapusan.
- **The clock** (``clock``): due 3×24 hours after receipt, always in calendar hours —
  weekends and school holidays count (UU PDP sets the time in hours, not school days), so
  the school's "school days only" setting for its own 1×24 h and Kotak Saran clocks does
  not stretch it. It is met by the **completion**: the answer the requester gets, a refusal
  included.
- **Status** (``DataRequestStatus``): diterima → diputuskan (dikabulkan, dikabulkan sebagian
  or ditolak; the last two with a reason: Ps. 33 allows refusing or redacting what would
  harm the child or reveal another person) → selesai (when, and what was done).
- **The copy** (``StudentExport``): plain data in sections of records of label/value fields;
  any text field may be redacted (``apply_redactions``): free text and typed values such as
  a session's place, a referral's recipient or a guardian's phone alike; choices, dates,
  numbers and yes/no are not text, nor are the student's own identity (name, NIS, NISN,
  NIK, No KK, class and year) and the program's account names (Oleh, Guru BK, Penulis),
  which the copy exists to show. A redacted passage is replaced by ``REDACTED`` wherever it
  appears as whole words in any text field of the copy ("Adi" never cuts "Adinda"), and
  the copy lists where (record, field, reason), never the passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from bk_desktop.domain.dates import format_span
from bk_desktop.domain.deadlines import legal_deadline
from bk_desktop.domain.reasons import reason_problem
from bk_desktop.domain.students import GuardianRelation
from bk_desktop.domain.text import clean_line, clean_text, length_problem

TEXT_LIMIT = 5000
NAME_LIMIT = 120
NOTE_LIMIT = 3000
PASSAGE_LIMIT = 5000
MIN_TEXT_LETTERS = 3
MIN_PASSAGE_LETTERS = 2
DUE_SOON = timedelta(hours=12)

REDACTED = "[disamarkan]"
"""What stands in the copy where a passage was taken out."""

EXPORT_SCHEMA = "bk-desktop/salinan-data-siswa/1"
"""The ``schema`` field of the JSON copy: a reader checks it before reading further."""


class Requester(StrEnum):
    SISWA = "siswa"
    ORANG_TUA_WALI = "orang_tua_wali"

    @property
    def label(self) -> str:
        return {Requester.SISWA: "Siswa", Requester.ORANG_TUA_WALI: "Orang tua/wali"}[self]


class DataRight(StrEnum):
    AKSES = "akses"
    PERBAIKAN = "perbaikan"
    PENGHENTIAN = "penghentian"
    PENGHAPUSAN = "penghapusan"

    @property
    def label(self) -> str:
        return {
            DataRight.AKSES: "Akses/salinan data",
            DataRight.PERBAIKAN: "Perbaikan data",
            DataRight.PENGHENTIAN: "Penghentian pemrosesan",
            DataRight.PENGHAPUSAN: "Penghapusan data",
        }[self]


class Decision(StrEnum):
    DIKABULKAN = "dikabulkan"
    DIKABULKAN_SEBAGIAN = "dikabulkan_sebagian"
    DITOLAK = "ditolak"

    @property
    def label(self) -> str:
        return {
            Decision.DIKABULKAN: "Dikabulkan",
            Decision.DIKABULKAN_SEBAGIAN: "Dikabulkan sebagian",
            Decision.DITOLAK: "Ditolak",
        }[self]

    @property
    def needs_reason(self) -> bool:
        """Refusing or granting in part is said with a reason (Ps. 33)."""
        return self is not Decision.DIKABULKAN


class DataRequestStatus(StrEnum):
    DITERIMA = "diterima"
    DIPUTUSKAN = "diputuskan"
    SELESAI = "selesai"

    @property
    def label(self) -> str:
        return {
            DataRequestStatus.DITERIMA: "Diterima",
            DataRequestStatus.DIPUTUSKAN: "Diputuskan",
            DataRequestStatus.SELESAI: "Selesai",
        }[self]


# -- the clock -----------------------------------------------------------------------------


class ClockKind(StrEnum):
    BERJALAN = "berjalan"  # open, time left
    SEGERA = "segera"  # open, under 12 hours left
    TERLAMBAT = "terlambat"  # open past the deadline
    TEPAT_WAKTU = "tepat_waktu"  # completed at or before the deadline
    SELESAI_TERLAMBAT = "selesai_terlambat"  # completed after it

    @property
    def is_late(self) -> bool:
        return self in {ClockKind.TERLAMBAT, ClockKind.SELESAI_TERLAMBAT}

    @property
    def is_open(self) -> bool:
        return self in {ClockKind.BERJALAN, ClockKind.SEGERA, ClockKind.TERLAMBAT}


@dataclass(frozen=True)
class DataRequestClock:
    """Where a request stands against its 3×24 h deadline: ``time_left`` is deadline − now
    while open (negative when late), deadline − completion once completed."""

    kind: ClockKind
    deadline: datetime
    time_left: timedelta

    @property
    def text(self) -> str:
        """ "Sisa 2 hari 3 jam", "Terlambat 5 jam", "Selesai tepat waktu"."""
        if self.kind is ClockKind.TEPAT_WAKTU:
            return "Selesai tepat waktu"
        if self.kind is ClockKind.SELESAI_TERLAMBAT:
            return f"Selesai terlambat {format_span(self.time_left)}"
        if self.kind is ClockKind.TERLAMBAT:
            return f"Terlambat {format_span(self.time_left)}"
        return f"Sisa {format_span(self.time_left)}"


def deadline_of(received_at: datetime) -> datetime:
    """received at + 72 calendar hours. Not the school's counting mode: a request received
    before a two-week holiday is still due three days later (UU PDP counts hours)."""
    return legal_deadline(received_at)


def clock(
    received_at: datetime,
    completed_at: datetime | None,
    now: datetime,
) -> DataRequestClock:
    deadline = deadline_of(received_at)
    if completed_at is not None:
        margin = deadline - completed_at
        kind = ClockKind.TEPAT_WAKTU if margin >= timedelta(0) else ClockKind.SELESAI_TERLAMBAT
        return DataRequestClock(kind, deadline, margin)
    left = deadline - now
    if left < timedelta(0):
        kind = ClockKind.TERLAMBAT
    elif left < DUE_SOON:
        kind = ClockKind.SEGERA
    else:
        kind = ClockKind.BERJALAN
    return DataRequestClock(kind, deadline, left)


# -- forms and moves -----------------------------------------------------------------------


@dataclass(frozen=True)
class DataRequestForm:
    """What the register form hands the service. ``requester_name`` and ``relation`` are
    for a parent/guardian only (the student is the student picked)."""

    student_id: int | None
    requester: Requester
    right: DataRight
    text: str
    received_at: datetime
    requester_name: str = ""
    relation: GuardianRelation | None = None
    backdate_reason: str = ""


def form_problems(form: DataRequestForm) -> dict[str, str]:
    """Every problem of a form at once, by field name (Indonesian); empty when it may be
    saved. Time rules (back-dating, the future) are the service's: they need the clock."""
    problems: dict[str, str] = {}
    if form.student_id is None:
        problems["student_id"] = "Pilih siswa yang datanya dimohonkan."
    name = clean_line(form.requester_name)
    if form.requester is Requester.ORANG_TUA_WALI:
        if sum(1 for c in name if c.isalpha()) < 2:
            problems["requester_name"] = "Tuliskan nama orang tua/wali yang mengajukan."
        elif problem := length_problem(name, NAME_LIMIT, "Nama pemohon"):
            problems["requester_name"] = problem
        if form.relation is None:
            problems["relation"] = "Pilih hubungan pemohon dengan siswa (ayah, ibu atau wali)."
    elif name or form.relation is not None:
        problems["requester_name"] = (
            "Bila siswa sendiri yang mengajukan, nama dan hubungan pemohon dikosongkan."
        )
    text = clean_text(form.text)
    if sum(1 for c in text if c.isalpha()) < MIN_TEXT_LETTERS:
        problems["text"] = "Tuliskan isi permohonan seperti yang disampaikan pemohon."
    elif problem := length_problem(text, TEXT_LIMIT, "Isi permohonan"):
        problems["text"] = problem
    return problems


def decide_problem(status: DataRequestStatus, decision: Decision, reason: str) -> str | None:
    """Why a decision cannot be recorded now (``None`` when it can). A decision is made once;
    refusing and granting in part need a reason."""
    if status is not DataRequestStatus.DITERIMA:
        return "Permohonan ini sudah diputuskan; keputusannya tidak diubah lagi."
    if decision.needs_reason:
        what = (
            "menolak permohonan ini"
            if decision is Decision.DITOLAK
            else "mengabulkan sebagian permohonan ini"
        )
        if problem := reason_problem(clean_text(reason), what):
            return problem
    return length_problem(clean_text(reason), NOTE_LIMIT, "Alasan")


def complete_problem(status: DataRequestStatus, note: str) -> str | None:
    """Why the request cannot be marked selesai now: it must be decided first, and the note
    says what was done (a copy handed over, data corrected, the refusal told)."""
    if status is DataRequestStatus.DITERIMA:
        return "Putuskan dulu permohonan ini (dikabulkan, dikabulkan sebagian atau ditolak)."
    if status is DataRequestStatus.SELESAI:
        return "Permohonan ini sudah selesai."
    cleaned = clean_text(note)
    if sum(1 for c in cleaned if c.isalpha()) < MIN_TEXT_LETTERS:
        return (
            "Tuliskan apa yang dilakukan (mis. salinan diserahkan kepada ibu siswa, data "
            "diperbaiki, atau penolakan disampaikan)."
        )
    return length_problem(cleaned, NOTE_LIMIT, "Uraian penyelesaian")


# -- stored records ------------------------------------------------------------------------


def format_number(year: int, serial: int) -> str:
    """ "PD-2026-003": the register's own number, counted per year of receipt."""
    return f"PD-{year:04d}-{serial:03d}"


@dataclass(frozen=True)
class DataRequestRecord:
    id: int
    year: int
    serial: int
    student_id: int
    student_name: str
    rombel: str
    requester: Requester
    requester_name: str
    relation: GuardianRelation | None
    right: DataRight
    text: str
    received_at: datetime
    received_by: str | None
    recorded_at: datetime
    backdate_reason: str
    status: DataRequestStatus
    decision: Decision | None
    decision_reason: str
    decided_at: datetime | None
    decided_by_name: str
    completed_at: datetime | None
    completion_note: str
    completed_by_name: str

    @property
    def number(self) -> str:
        return format_number(self.year, self.serial)

    @property
    def is_open(self) -> bool:
        return self.status is not DataRequestStatus.SELESAI

    @property
    def requester_label(self) -> str:
        """ "Siswa", or "Ibu: Sari Wulandari"."""
        if self.requester is Requester.SISWA:
            return Requester.SISWA.label
        relation = self.relation.label if self.relation is not None else "Orang tua/wali"
        return f"{relation}: {self.requester_name}" if self.requester_name else relation


# -- redaction -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Redaction:
    """A passage the counsellor took out of a copy: where it was marked (record kind, id,
    field), the passage, and why. Kept in the vault per data request; the audit log and the
    copy name the place and the reason, never the passage."""

    record_kind: str
    record_id: int
    field: str
    passage: str
    reason: str


def redaction_problem(passage: str, reason: str) -> str | None:
    if sum(1 for c in passage if c.isalnum()) < MIN_PASSAGE_LETTERS:
        return "Pilih bagian teks yang akan disamarkan (paling sedikit dua huruf atau angka)."
    if len(passage) > PASSAGE_LIMIT:
        return length_problem(passage, PASSAGE_LIMIT, "Bagian yang disamarkan")
    return reason_problem(
        clean_text(reason),
        "menyamarkan bagian ini (mis. membahayakan anak, atau mengungkap data orang lain)",
    )


@dataclass(frozen=True)
class ExportField:
    """One value of a record in the copy: ``key`` is the JSON's English name, ``label`` the
    PDF's Indonesian one; ``text`` is what a person reads, ``value`` what a machine reads
    (ISO dates, numbers, booleans, ``None``). ``redactable`` marks every text field — free
    text and short typed values (a place, a name, a phone) alike — since a passage a
    counsellor takes out of a note may also have been typed into one of those; a choice,
    a date, a number or a yes/no is not text and cannot carry it, and the student's own
    identity and the account names are what the copy shows, never a passage to hide."""

    key: str
    label: str
    text: str
    value: str | int | bool | None
    redactable: bool = False


@dataclass(frozen=True)
class ExportRecord:
    kind: str
    id: int
    title: str
    fields: tuple[ExportField, ...]

    def field(self, key: str) -> ExportField | None:
        return next((f for f in self.fields if f.key == key), None)


@dataclass(frozen=True)
class ExportSection:
    key: str
    title: str
    records: tuple[ExportRecord, ...]
    notes: tuple[str, ...] = ()
    """Sentences about what is not in the section (another counsellor's record)."""


@dataclass(frozen=True)
class AuditLine:
    """An audit event about the student: what, when, who, on which record — no detail."""

    at: datetime
    kind: str
    label: str
    actor: str
    target_kind: str
    target_id: str


@dataclass(frozen=True)
class RedactionNote:
    """Where a passage was taken out of the copy, and why; never the passage."""

    record_kind: str
    record_id: int
    record_title: str
    field: str
    field_label: str
    reason: str


@dataclass(frozen=True)
class StudentExport:
    """One student's data as plain values: what the PDF and the JSON are both made from."""

    student_id: int
    student_name: str
    rombel: str
    made_at: datetime
    made_by: str
    school_name: str
    data_request_number: str
    sections: tuple[ExportSection, ...]
    audit: tuple[AuditLine, ...]
    redactions: tuple[RedactionNote, ...] = ()
    unmatched: tuple[Redaction, ...] = ()
    """Saved redactions whose passage is no longer in the copy (the text was changed)."""

    @property
    def record_count(self) -> int:
        return sum(len(s.records) for s in self.sections)

    def redactable_fields(self) -> list[tuple[ExportRecord, ExportField]]:
        """Every text field with text, in the copy's order (the redaction dialog)."""
        return [
            (record, item)
            for section in self.sections
            for record in section.records
            for item in record.fields
            if item.redactable and item.text.strip()
        ]


def _whole(passage: str) -> re.Pattern[str]:
    """``passage`` as whole words: where it begins or ends with a letter or digit (any
    script), the text there must not go on with another, so "Adi" takes out "Adi" but
    leaves "Adinda", and "Sari" leaves "Wulansari". A passage selected from a comma or a
    bracket needs no border on that side."""
    before = r"(?<!\w)" if re.match(r"\w", passage) else ""
    after = r"(?!\w)" if re.search(r"\w$", passage) else ""
    return re.compile(before + re.escape(passage) + after)


def _redact_text(text: str, passages: Sequence[str]) -> tuple[str, set[str]]:
    found: set[str] = set()
    for passage in sorted(set(passages), key=len, reverse=True):
        if not passage:
            continue
        text, count = _whole(passage).subn(REDACTED, text)
        if count:
            found.add(passage)
    return text, found


def apply_redactions(export: StudentExport, redactions: Sequence[Redaction]) -> StudentExport:
    """The copy with every redacted passage replaced by ``REDACTED`` in every text field it
    appears in (the same words copied into another record or typed into a short field go
    too), each place noted once.

    A passage marked in one record is looked for everywhere, so a sentence a counsellor
    copied from the permohonan into a session note, or an address that is also a session's
    place, cannot slip through the second field."""
    if not redactions:
        return export
    reasons: dict[str, str] = {}
    for redaction in redactions:
        reasons.setdefault(redaction.passage, redaction.reason)
    passages = list(reasons)
    used: set[str] = set()
    notes: list[RedactionNote] = []
    sections: list[ExportSection] = []
    for section in export.sections:
        records: list[ExportRecord] = []
        for record in section.records:
            fields: list[ExportField] = []
            for item in record.fields:
                if not item.redactable or not item.text:
                    fields.append(item)
                    continue
                text, found = _redact_text(item.text, passages)
                if not found:
                    fields.append(item)
                    continue
                used |= found
                fields.append(replace(item, text=text, value=text))
                notes.append(
                    RedactionNote(
                        record.kind,
                        record.id,
                        record.title,
                        item.key,
                        item.label,
                        "; ".join(sorted({reasons[p] for p in found})),
                    )
                )
            records.append(replace(record, fields=tuple(fields)))
        sections.append(replace(section, records=tuple(records)))
    return replace(
        export,
        sections=tuple(sections),
        redactions=tuple(notes),
        unmatched=tuple(r for r in redactions if r.passage not in used),
    )
