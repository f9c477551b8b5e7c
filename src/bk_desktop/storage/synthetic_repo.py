"""The tags of synthetic records (``synthetic_record``, schema step 7): which students and
requests demo-data made, so they are told apart from a school's own and removed together."""

from __future__ import annotations

import sqlcipher3

from bk_desktop.domain.errors import KnownError
from bk_desktop.storage.database import Database

STUDENT = "student"
REQUEST = "request"
COMPLAINT = "complaint"
BOX_OPENING = "complaint_box_opening"

# What hangs from a request, children first; each table names its request in ``request_id``.
# Tables whose rows hang from a request, deleted before it (children of children first).
_REQUEST_CHILDREN = (
    "counselling_session",
    "emergency_action",
    "referral",
    "screening",
    "request_event",
    "request_clock",
)


class SyntheticInUse(KnownError):
    def __init__(self) -> None:
        super().__init__(
            "Data contoh tidak dapat dihapus: catatan sekolah ini masih merujuk ke siswa atau "
            "permohonan contoh. Tidak ada yang dihapus."
        )


def tag(db: Database, kind: str, record_id: int) -> None:
    db.execute(
        "INSERT OR IGNORE INTO synthetic_record (kind, record_id) VALUES (:kind, :id)",
        {"kind": kind, "id": record_id},
    )


def own_records(db: Database) -> int:
    """Students, requests and Kotak Saran entries that are not tagged synthetic: the
    school's own."""
    return int(
        db.scalar(
            "SELECT (SELECT count(*) FROM student WHERE id NOT IN "
            "  (SELECT record_id FROM synthetic_record WHERE kind = 'student'))"
            " + (SELECT count(*) FROM request WHERE id NOT IN "
            "  (SELECT record_id FROM synthetic_record WHERE kind = 'request'))"
            " + (SELECT count(*) FROM complaint WHERE id NOT IN "
            "  (SELECT record_id FROM synthetic_record WHERE kind = 'complaint'))"
        )
    )


def remove_all(db: Database) -> dict[str, int]:
    """Delete every tagged request (with what hangs from it: sessions with their alternatives,
    action items and addenda, screenings, referrals, events, clocks), the cases of tagged
    students (with their action items and follow-ups), then every tagged student (with their
    classes and guardians); returns how many students, requests, cases and sessions. Call
    inside a transaction: a school's record that still points at one (a request of theirs
    about a synthetic student, or joined to a synthetic case) makes the foreign keys refuse,
    and nothing is deleted."""
    tagged = "(SELECT record_id FROM synthetic_record WHERE kind = :kind)"
    try:
        db.execute(
            "DELETE FROM referral_event WHERE referral_id IN "
            f"(SELECT id FROM referral WHERE request_id IN {tagged})",
            {"kind": REQUEST},
        )
        sessions = f"(SELECT id FROM counselling_session WHERE request_id IN {tagged})"
        for table in ("session_alternative", "session_addendum", "action_item"):
            db.execute(f"DELETE FROM {table} WHERE session_id IN {sessions}", {"kind": REQUEST})
        removed_sessions = int(
            db.scalar(
                f"SELECT count(*) FROM counselling_session WHERE request_id IN {tagged}",
                {"kind": REQUEST},
            )
        )
        for table in _REQUEST_CHILDREN:
            db.execute(f"DELETE FROM {table} WHERE request_id IN {tagged}", {"kind": REQUEST})
        # Cases of synthetic students: what hangs from them, then the cases once no request
        # points at them any more.
        cases = f"(SELECT id FROM counselling_case WHERE student_id IN {tagged})"
        for table in ("action_item", "follow_up"):
            db.execute(f"DELETE FROM {table} WHERE case_id IN {cases}", {"kind": STUDENT})
        db.execute(f"UPDATE request SET case_id = NULL WHERE id IN {tagged}", {"kind": REQUEST})
        requests = db.execute(f"DELETE FROM request WHERE id IN {tagged}", {"kind": REQUEST})
        removed_cases = db.execute(
            f"DELETE FROM counselling_case WHERE student_id IN {tagged}", {"kind": STUDENT}
        )
        # Kotak Saran entries (their follow-up logs cascade), then the box openings no
        # entry of the school's own still points at; the codes stay given, marked removed so
        # a demo slip's code is not registered again nor described as an unused slip.
        db.execute(
            "UPDATE complaint_code SET removed = 1 WHERE removed = 0 AND code IN "
            f"(SELECT code FROM complaint WHERE id IN {tagged})",
            {"kind": COMPLAINT},
        )
        complaints = db.execute(f"DELETE FROM complaint WHERE id IN {tagged}", {"kind": COMPLAINT})
        db.execute(
            f"DELETE FROM complaint_box_opening WHERE id IN {tagged} AND id NOT IN "
            "(SELECT box_opening_id FROM complaint WHERE box_opening_id IS NOT NULL)",
            {"kind": BOX_OPENING},
        )
        students = db.execute(f"DELETE FROM student WHERE id IN {tagged}", {"kind": STUDENT})
    except sqlcipher3.IntegrityError:
        raise SyntheticInUse from None
    db.execute("DELETE FROM synthetic_record")
    return {
        "students": students.rowcount,
        "requests": requests.rowcount,
        "cases": removed_cases.rowcount,
        "sessions": removed_sessions,
        "complaints": complaints.rowcount,
    }
