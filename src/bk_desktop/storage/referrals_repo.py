"""Referrals (alih tangan kasus) and their steps. The referral row is written with the
screening that decides it (``screening_repo.insert_screening``); this module reads it back as
a ``ReferralRecord`` and stores each later step with its date, recorder and reason."""

from __future__ import annotations

from datetime import date, datetime

from bk_desktop.domain.referrals import ReferralEvent, ReferralRecord
from bk_desktop.domain.screening import ConsentBasis, Referral, ReferralStatus, ReferralTarget
from bk_desktop.storage.database import Database, Row
from bk_desktop.storage.timefmt import from_text, to_text


def referral_of(row: Row) -> Referral:
    """The referral as the screening decided it, with its current status: citing a consent
    register entry (schema step 17), or with the consent fields it was stored with before."""
    return Referral(
        target=ReferralTarget(row["target"]),
        reason=row["reason"],
        shared_information=row["shared_information"],
        consent_basis=None if row["consent_basis"] is None else ConsentBasis(row["consent_basis"]),
        target_name=row["target_name"],
        status=ReferralStatus(row["status"]),
        consent_by=row["consent_by"],
        consent_relation=row["consent_relation"],
        consent_date=None
        if row["consent_date"] is None
        else date.fromisoformat(row["consent_date"]),
        consent_channel=row["consent_channel"],
        consent_id=None if row["consent_id"] is None else int(row["consent_id"]),
    )


def _record(row: Row) -> ReferralRecord:
    return ReferralRecord(
        id=int(row["id"]),
        request_id=int(row["request_id"]),
        screening_id=int(row["screening_id"]),
        referral=referral_of(row),
        updated_at=from_text(row["updated_at"]),
    )


def get(db: Database, referral_id: int) -> ReferralRecord | None:
    row = db.one("SELECT * FROM referral WHERE id = :id", {"id": referral_id})
    return None if row is None else _record(row)


def for_request(db: Database, request_id: int) -> list[ReferralRecord]:
    """Every referral of a request, oldest first (a request screened again may be referred
    again); the last one is the current one."""
    return [
        _record(row)
        for row in db.all(
            "SELECT * FROM referral WHERE request_id = :id ORDER BY id", {"id": request_id}
        )
    ]


def latest_status(db: Database, request_id: int) -> ReferralStatus | None:
    """The status of the request's current referral, ``None`` when it has none."""
    text = db.scalar(
        "SELECT status FROM referral WHERE request_id = :id ORDER BY id DESC LIMIT 1",
        {"id": request_id},
    )
    return None if text is None else ReferralStatus(text)


def insert_event(
    db: Database,
    referral_id: int,
    *,
    on: date,
    recorded_at: datetime,
    recorded_by: str | None,
    from_status: ReferralStatus | None,
    to_status: ReferralStatus,
    reason: str,
) -> None:
    db.execute(
        "INSERT INTO referral_event (referral_id, on_date, recorded_at, recorded_by, "
        "from_status, to_status, reason) VALUES (:rid, :on, :at, :by, :from_status, "
        ":to_status, :reason)",
        {
            "rid": referral_id,
            "on": on.isoformat(),
            "at": to_text(recorded_at),
            "by": recorded_by,
            "from_status": "" if from_status is None else from_status.value,
            "to_status": to_status.value,
            "reason": reason,
        },
    )


def set_status(
    db: Database,
    referral_id: int,
    current: ReferralStatus,
    target: ReferralStatus,
    *,
    on: date,
    recorded_at: datetime,
    recorded_by: str | None,
    reason: str,
) -> None:
    """Store a step the domain allowed; refuses if the stored status is no longer ``current``."""
    cursor = db.execute(
        "UPDATE referral SET status = :target, updated_at = :at "
        "WHERE id = :id AND status = :current",
        {
            "id": referral_id,
            "target": target.value,
            "current": current.value,
            "at": to_text(recorded_at),
        },
    )
    if cursor.rowcount != 1:
        raise RuntimeError(f"referral {referral_id} is no longer {current.value}")
    insert_event(
        db,
        referral_id,
        on=on,
        recorded_at=recorded_at,
        recorded_by=recorded_by,
        from_status=current,
        to_status=target,
        reason=reason,
    )


def events(db: Database, referral_id: int) -> list[ReferralEvent]:
    return [
        ReferralEvent(
            id=int(r["id"]),
            referral_id=int(r["referral_id"]),
            on=date.fromisoformat(r["on_date"]),
            recorded_at=from_text(r["recorded_at"]),
            recorded_by=r["recorded_by"],
            from_status=ReferralStatus(r["from_status"]) if r["from_status"] else None,
            to_status=ReferralStatus(r["to_status"]),
            reason=r["reason"],
        )
        for r in db.all(
            "SELECT * FROM referral_event WHERE referral_id = :id ORDER BY id", {"id": referral_id}
        )
    ]
