"""The consent register, its scans and the versions of the consent text (schema step 15).

The rules are ``domain.consents``'; this module stores and reads. Entries and text versions
are only ever added (a trigger refuses changing a version)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from bk_desktop.domain.consents import (
    ConsentAct,
    ConsentChannel,
    ConsentForm,
    ConsentRecord,
    ConsentText,
)
from bk_desktop.domain.students import GuardianRelation
from bk_desktop.storage.database import Database, Row
from bk_desktop.storage.timefmt import from_text, to_text

_ENTRY = (
    "SELECT c.*, coalesce(a.name, '') AS recorded_by_name, "
    "EXISTS (SELECT 1 FROM consent_scan s WHERE s.consent_id = c.id) AS has_scan "
    "FROM consent c LEFT JOIN account a ON a.id = c.recorded_by"
)


def _record(row: Row) -> ConsentRecord:
    version = row["text_version"]
    return ConsentRecord(
        id=int(row["id"]),
        student_id=int(row["student_id"]),
        act=ConsentAct(row["act"]),
        person_name=row["person_name"],
        relation=GuardianRelation(row["relation"]),
        on=date.fromisoformat(row["given_on"]),
        channel=ConsentChannel(row["channel"]),
        text_version=None if version is None else int(version),
        reason=row["reason"],
        recorded_at=from_text(row["recorded_at"]),
        recorded_by=row["recorded_by"],
        recorded_by_name=row["recorded_by_name"],
        has_scan=bool(row["has_scan"]),
    )


def insert(
    db: Database, student_id: int, form: ConsentForm, *, at: datetime, by: str | None
) -> int:
    """Store one entry; ``form`` is checked and cleaned, its relation and channel set."""
    assert form.relation is not None and form.channel is not None
    cursor = db.execute(
        "INSERT INTO consent (student_id, act, person_name, relation, given_on, channel, "
        "text_version, reason, recorded_at, recorded_by) VALUES (:student, :act, :name, "
        ":relation, :on, :channel, :version, :reason, :at, :by)",
        {
            "student": student_id,
            "act": form.act.value,
            "name": form.person_name,
            "relation": form.relation.value,
            "on": form.on.isoformat(),
            "channel": form.channel.value,
            "version": form.text_version if form.act is ConsentAct.GIVEN else None,
            "reason": form.reason if form.act is ConsentAct.WITHDRAWN else "",
            "at": to_text(at),
            "by": by,
        },
    )
    return int(cursor.lastrowid)


def get(db: Database, consent_id: int) -> ConsentRecord | None:
    row = db.one(f"{_ENTRY} WHERE c.id = :id", {"id": consent_id})
    return None if row is None else _record(row)


def of_student(db: Database, student_id: int) -> list[ConsentRecord]:
    """The student's register, oldest first by date, then by recording."""
    return [
        _record(row)
        for row in db.all(
            f"{_ENTRY} WHERE c.student_id = :student ORDER BY c.given_on, c.recorded_at, c.id",
            {"student": student_id},
        )
    ]


def with_withdrawals(db: Database) -> dict[int, list[ConsentRecord]]:
    """The registers of every student who has a withdrawal recorded, by student."""
    found: dict[int, list[ConsentRecord]] = {}
    for row in db.all(
        f"{_ENTRY} WHERE c.student_id IN (SELECT student_id FROM consent WHERE act = 'ditarik') "
        "ORDER BY c.student_id, c.given_on, c.recorded_at, c.id"
    ):
        record = _record(row)
        found.setdefault(record.student_id, []).append(record)
    return found


def save_scan(db: Database, consent_id: int, image: bytes, width: int, height: int) -> None:
    db.execute(
        "INSERT INTO consent_scan (consent_id, image, width, height) "
        "VALUES (:id, :image, :width, :height)",
        {"id": consent_id, "image": image, "width": width, "height": height},
    )


def scan(db: Database, consent_id: int) -> bytes | None:
    value = db.scalar("SELECT image FROM consent_scan WHERE consent_id = :id", {"id": consent_id})
    return None if value is None else bytes(value)


def _text(row: Row) -> ConsentText:
    return ConsentText(
        version=int(row["version"]),
        text=row["text"],
        saved_at=from_text(row["saved_at"]),
        saved_by_name=row["saved_by_name"],
    )


_TEXT = (
    "SELECT t.*, coalesce(a.name, '') AS saved_by_name FROM consent_text t "
    "LEFT JOIN account a ON a.id = t.saved_by"
)


def texts(db: Database) -> list[ConsentText]:
    """Every saved version, the newest first."""
    return [_text(row) for row in db.all(f"{_TEXT} ORDER BY t.version DESC")]


def text(db: Database, version: int) -> ConsentText | None:
    row = db.one(f"{_TEXT} WHERE t.version = :version", {"version": version})
    return None if row is None else _text(row)


def add_text(db: Database, version: int, body: str, *, at: datetime, by: str | None) -> None:
    db.execute(
        "INSERT INTO consent_text (version, text, saved_at, saved_by) "
        "VALUES (:version, :text, :at, :by)",
        {"version": version, "text": body, "at": to_text(at), "by": by},
    )


def open_work(db: Database, student_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Per student of ``student_ids``: (sessions still planned, open cases). Students with
    neither are left out."""
    found: dict[int, tuple[int, int]] = {}
    for student_id in student_ids:
        planned = int(
            db.scalar(
                "SELECT count(*) FROM counselling_session s JOIN request r "
                "ON r.id = s.request_id WHERE r.student_id = :student "
                "AND s.status = 'terjadwal'",
                {"student": student_id},
            )
        )
        cases = int(
            db.scalar(
                "SELECT count(*) FROM counselling_case WHERE student_id = :student "
                "AND status = 'proses'",
                {"student": student_id},
            )
        )
        if planned or cases:
            found[student_id] = (planned, cases)
    return found
