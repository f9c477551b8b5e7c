"""Retention and erasure: when a student's records are due to go, and how they go.

UU PDP Ps. 40–44 asks that personal data is ended, erased or anonymised when the retention
period is over, while anonymised statistics may stay. The school sets the period
(``Settings.retention_years``, counted from the day the student left); a student who simply
stopped coming is never set *lulus* or *pindah*, so one with no class in the current or the
previous academic year is listed too, for the guru BK to judge.

Two ways out, both irreversible (``ErasureMode``):

- **anonymise** keeps what the period report counts — bidang, dates, durations, grade, sex,
  source, statuses — and removes names, rombel, identifiers and every free text;
- **erase** removes the student and everything linked to them, but for what proves the
  school's duties were done without naming them: a data request's number, dates and
  decision, a Kotak Saran tracking code (marked no longer valid), a letter's number.

Either way the audit log keeps its rows (kind, time and actor), with the student's record ids
replaced by the erasure's random token and their details blanked.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.backup_policy import MONTHLY
from bk_desktop.domain.students import StudentStatus

LEFT_STATUSES = frozenset({StudentStatus.LULUS, StudentStatus.PINDAH, StudentStatus.KELUAR})
"""The statuses that mean the student has left the school, dated by ``status_date``."""

PLACEHOLDER = "(dianonimkan)"
"""What an anonymised text reads where the vault does not accept an empty one."""

TOKEN_LENGTH = 16
"""An erasure token: 16 lowercase hex digits (64 random bits), the same in the ledger, the
audit rows' target ``dihapus:<token>`` and an anonymised name."""

AUDIT_TARGET_PREFIX = "dihapus:"


class ErasureMode(StrEnum):
    ANONYMISE = "dianonimkan"
    ERASE = "dihapus"

    @property
    def label(self) -> str:
        return "Anonimkan" if self is ErasureMode.ANONYMISE else "Hapus permanen"

    @property
    def confirmation_word(self) -> str:
        """The word a person types to confirm. A word, not the student's initials: initials
        repeat across students and say nothing when several are chosen at once."""
        return "ANONIMKAN" if self is ErasureMode.ANONYMISE else "HAPUS"


class RetentionReason(StrEnum):
    PAST_RETENTION = "lewat_masa_simpan"
    NO_RECENT_CLASS = "tanpa_kelas"

    @property
    def label(self) -> str:
        if self is RetentionReason.PAST_RETENTION:
            return "Masa simpan sudah lewat"
        return "Tidak punya kelas tahun ajaran ini atau tahun lalu"


def retention_ends(left_on: date, years: int) -> date:
    """The day the retention period ends: the same calendar day ``years`` later (29 February
    becomes 28 February in a year without it)."""
    year = left_on.year + years
    day = min(left_on.day, calendar.monthrange(year, left_on.month)[1])
    return date(year, left_on.month, day)


def retention_reason(
    status: StudentStatus,
    left_on: date | None,
    last_class_year: int | None,
    *,
    today: date,
    years: int,
    current_year: AcademicYear,
) -> RetentionReason | None:
    """Why a student is listed on the Retensi page, or None when they are not.

    A student who left (with a date) is listed once ``retention_ends`` has come. Any student
    whose last class is older than the previous academic year — or who never had one — is
    listed too, unless they left within the period (they are then simply waiting for it).
    ``current_year`` is the school's current academic year (its configured term, not only
    the calendar's guess).
    """
    if status in LEFT_STATUSES and left_on is not None:
        return RetentionReason.PAST_RETENTION if retention_ends(left_on, years) <= today else None
    previous = current_year.start - 1
    if last_class_year is None or last_class_year < previous:
        return RetentionReason.NO_RECENT_CLASS
    return None


def anonymous_name(token: str) -> str:
    """The name an anonymised student keeps, so lists and counts still have a row to show."""
    return f"Siswa anonim #{token[:8]}"


def audit_target(token: str) -> str:
    return AUDIT_TARGET_PREFIX + token


def backups_age_out(done_on: date) -> date:
    """The last day an automatic backup made before ``done_on`` may still be kept.

    The rotation (``backup_policy``) keeps the newest backup of each of the last 12 months
    that have one; a backup from the month before an erasure therefore survives at most until
    12 further months have their own backup. With a backup at least once a month (the program
    makes one at every close), it is gone by the end of the month 12 months after.
    """
    month = done_on.month - 1 + MONTHLY
    year = done_on.year + month // 12
    month = month % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class RecordCount:
    """How many records of one kind an erasure or anonymisation touches."""

    kind: str
    count: int

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


KIND_LABELS = {
    "student": "data siswa",
    "student_class": "riwayat kelas",
    "guardian": "orang tua/wali",
    "student_import_warning": "catatan impor",
    "consent": "catatan persetujuan",
    "consent_scan": "pindaian persetujuan",
    "request": "permohonan",
    "request_event": "riwayat permohonan",
    "request_clock": "jam layanan terdahulu",
    "screening": "asesmen awal",
    "emergency_action": "tindakan darurat",
    "referral": "alih tangan kasus",
    "referral_event": "langkah alih tangan",
    "counselling_case": "kasus",
    "counselling_session": "sesi konseling",
    "session_alternative": "alternatif sesi",
    "session_addendum": "adendum sesi",
    "action_item": "rencana tindakan",
    "follow_up": "tindak lanjut",
    "complaint": "entri Kotak Saran",
    "complaint_action": "tindak lanjut Kotak Saran",
    "data_request": "permohonan hak atas data (dianonimkan, tetap tercatat)",
    "data_request_redaction": "bagian yang dihitamkan dari salinan data",
    "incident_student": "tautan ke insiden data",
    "letter": "isi surat bernomor",
    "draft": "draf",
    "audit_event": "baris jejak audit (dipertahankan, tautannya diganti)",
}
"""Indonesian names of the kinds of records, as the confirmation lists them."""


def describe_counts(counts: list[RecordCount]) -> str:
    """ "3 permohonan, 12 sesi konseling, …" for the confirmation and the result."""
    return ", ".join(f"{c.count} {c.label}" for c in counts if c.count)
