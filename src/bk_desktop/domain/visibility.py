"""Who may see what: the one place that decides, for every tab and command.

Several counsellors share one vault, and a kepala sekolah may sign in too. The rules, in the
order they apply:

- **The kepala sekolah** reads figures, workload and deadlines (and, later, the period report and
  complaints about counsellors); never a student's file or a counselling note. Services that hold
  those refuse the role outright (``require_counsellor``).
- **Ownership first.** Each case belongs to one counsellor (its ``counsellor_id``); a session
  before its case exists belongs to the counsellor it is planned with. The owner sees and edits
  everything of it.
- **Another counsellor** (the koordinator included: they see everyone's workload and deadlines,
  not their notes) sees a *biasa* or *rahasia* case's line — student, class, counsellor, status,
  bidang, dates, and the permohonan as told at intake, which the room shares — but its
  written counselling notes are withheld until they press "Tampilkan catatan"; each
  such opening is an audit event (``AuditKind.NOTES_SHOWN``). A *sangat rahasia* case shows them
  only that there is a case ("ada kasus") and whose it is, so nobody opens a second one beside
  it; nothing can be shown.
- Only the owner changes a case or its records. The session's own counsellor may record the
  session they hold; the koordinator may hand a case to another counsellor (``may_reassign``).

Services apply these rules before a record leaves them (``redact_case``, ``redact_session``), so
the window and the command line get the same redacted records. This protects against curiosity
inside the program, not against a colleague with the files and a tool: every account unlocks the
same vault key (``docs/security.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bk_desktop.domain.accounts import Account, Role
from bk_desktop.domain.counselling import (
    ActionItem,
    Addendum,
    Alternative,
    CaseRecord,
    Confidentiality,
    FollowUp,
    SessionRecord,
)
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.domain.requests import RequestRecord
from bk_desktop.domain.sight import Sight

__all__ = [
    "HIDDEN_CASE_LABEL",
    "Sight",
    "Viewer",
    "case_sight",
    "may_change_case",
    "may_reassign",
    "may_record_session",
    "may_see_workload",
    "redact_action_item",
    "redact_addendum",
    "redact_alternative",
    "redact_case",
    "redact_follow_up",
    "redact_request",
    "redact_session",
    "require_counsellor",
    "seen_case",
    "seen_request",
    "seen_session",
]

HIDDEN_CASE_LABEL = "Ada kasus"
"""What another counsellor reads in place of a *sangat rahasia* case's details."""

NOT_FOR_PRINCIPAL = (
    "Akun kepala sekolah tidak membuka berkas siswa atau catatan konseling. Beranda menampilkan "
    "rekap dan beban kerja guru BK."
)


@dataclass(frozen=True)
class Viewer:
    """Who is asking: the signed-in account's id and role."""

    account_id: str
    role: Role

    @classmethod
    def of(cls, account: Account) -> Viewer:
        return cls(account.id, account.role)

    @property
    def is_counsellor(self) -> bool:
        return self.role.is_counsellor


def require_counsellor(viewer: Viewer) -> None:
    """Refuse the kepala sekolah what only counsellors open (students, permohonan, notes)."""
    if not viewer.is_counsellor:
        raise RuleViolation(NOT_FOR_PRINCIPAL)


def case_sight(viewer: Viewer, owner_id: str | None, confidentiality: Confidentiality) -> Sight:
    """How much of a case owned by ``owner_id`` ``viewer`` sees (``owner_id`` ``None``: a
    session not yet in a case is judged by its own counsellor by the caller)."""
    require_counsellor(viewer)
    if owner_id is None or owner_id == viewer.account_id:
        return Sight.FULL
    if confidentiality is Confidentiality.SANGAT_RAHASIA:
        return Sight.EXISTS_ONLY
    return Sight.NOTES_WITHHELD


def may_change_case(viewer: Viewer, owner_id: str) -> bool:
    """Only the owner writes a case's headings, closes it, or changes its action plan and
    follow-ups."""
    return viewer.is_counsellor and viewer.account_id == owner_id


def may_record_session(viewer: Viewer, session_counsellor: str, case_owner: str | None) -> bool:
    """The counsellor who holds the session, or the case's owner."""
    return viewer.is_counsellor and viewer.account_id in {session_counsellor, case_owner}


def may_reassign(viewer: Viewer) -> bool:
    """The koordinator hands cases on (a counsellor leaves, falls ill, or a student asks)."""
    return viewer.role is Role.KOORDINATOR


def may_see_workload(viewer: Viewer) -> bool:
    """Everyone's counts (open cases, sessions, what is overdue) are the koordinator's to
    share out and the kepala sekolah's to oversee; a guru BK sees only their own day."""
    return viewer.role in {Role.KOORDINATOR, Role.KEPALA_SEKOLAH}


# -- redaction: the record with what the viewer may not read taken out ---------------------------


def redact_case(record: CaseRecord, sight: Sight) -> CaseRecord:
    if sight is Sight.FULL:
        return record
    withheld = replace(
        record,
        identification="",
        diagnosis="",
        prognosis="",
        treatment_goal="",
        treatment_approach="",
        treatment_technique="",
        close_reason="",
        sight=sight,
    )
    if sight is Sight.EXISTS_ONLY:
        return replace(withheld, bidang=frozenset(), next_session=None, sessions_held=0, problem="")
    return withheld


def redact_session(record: SessionRecord, sight: Sight) -> SessionRecord:
    if sight is Sight.FULL:
        return record
    withheld = replace(
        record,
        notes="",
        understanding="",
        comfort="",
        action="",
        duration_reason="",
        status_reason="",
        length_reason="",
        sight=sight,
    )
    if sight is Sight.EXISTS_ONLY:
        # The time and room stay (the room is taken, the counsellor is busy); who does not.
        return replace(withheld, student_name="", rombel="")
    return withheld


def seen_session(viewer: Viewer, record: SessionRecord) -> SessionRecord:
    """``record`` as ``viewer`` may see it in a list (Jadwal, Konseling, reminders)."""
    return redact_session(record, case_sight(viewer, record.owner_id, record.confidentiality))


def seen_case(viewer: Viewer, record: CaseRecord) -> CaseRecord:
    """``record`` as ``viewer`` may see it in the buku kasus."""
    return redact_case(record, case_sight(viewer, record.counsellor_id, record.confidentiality))


def redact_alternative(item: Alternative, sight: Sight) -> Alternative:
    return item if sight is Sight.FULL else replace(item, text="")


def redact_action_item(item: ActionItem, sight: Sight) -> ActionItem:
    return item if sight is Sight.FULL else replace(item, what="", support="")


def redact_addendum(item: Addendum, sight: Sight) -> Addendum:
    return item if sight is Sight.FULL else replace(item, text="")


def redact_follow_up(item: FollowUp, sight: Sight) -> FollowUp:
    return item if sight is Sight.FULL else replace(item, result="")


def redact_request(record: RequestRecord, sight: Sight) -> RequestRecord:
    """A permohonan is the room's shared intake (any counsellor screens and schedules it), so
    its problem as told stays readable beside a colleague's *biasa* or *rahasia* case; only a
    *sangat rahasia* case takes it, with the assent and back-dating notes, out of sight."""
    if sight is not Sight.EXISTS_ONLY:
        return record
    return replace(record, reason="", assent_note="", backdate_reason="")


def seen_request(viewer: Viewer, record: RequestRecord) -> RequestRecord:
    """``record`` as ``viewer`` may see it in Pengajuan, Penyaringan and Jadwal."""
    if record.case_owner_id is None:
        return record
    return redact_request(
        record, case_sight(viewer, record.case_owner_id, record.case_confidentiality)
    )
