"""Screenings (asesmen awal) and the referrals they decide on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bk_desktop.domain.screening import (
    Bidang,
    RiskLevel,
    ScreeningDraft,
    ServiceKind,
)
from bk_desktop.storage import referrals_repo
from bk_desktop.storage.database import Database, Row
from bk_desktop.storage.timefmt import from_text, to_text


@dataclass(frozen=True)
class ScreeningRecord:
    id: int
    request_id: int
    recorded_at: datetime
    recorded_by: str | None
    draft: ScreeningDraft
    referral_id: int | None


def insert_screening(
    db: Database,
    request_id: int,
    draft: ScreeningDraft,
    *,
    at: datetime,
    account_id: str | None,
    on: date | None = None,
) -> int:
    """Store a screening and, for alih tangan kasus, its referral with the referral's first
    step (dated ``on``, the school's day; by default the UTC day of ``at``). A referral citing
    a consent register entry (``consent_id``) stores the id and no copy of its fields."""
    screening_cursor = db.execute(
        "INSERT INTO screening (request_id, recorded_at, recorded_by, bidang, symptoms, causes, "
        "root_cause, risk, decision, reason, notes) VALUES (:rid, :at, :by, :bidang, "
        ":symptoms, :causes, :root, :risk, :decision, :reason, :notes)",
        {
            "rid": request_id,
            "at": to_text(at),
            "by": account_id,
            "bidang": ",".join(sorted(b.value for b in draft.bidang)),
            "symptoms": draft.symptoms.strip(),
            "causes": draft.causes.strip(),
            "root": draft.root_cause.strip(),
            "risk": draft.risk.value,
            "decision": draft.decision.value,
            "reason": draft.reason.strip(),
            "notes": draft.notes.strip(),
        },
    )
    screening_id = int(screening_cursor.lastrowid)
    referral = draft.referral
    if referral is not None:
        # A cited consent is the one record: no copy of who, relation, day and channel.
        typed = referral.consent_id is None
        cursor = db.execute(
            "INSERT INTO referral (screening_id, request_id, target, target_name, reason, "
            "shared_information, consent_basis, status, updated_at, consent_by, "
            "consent_relation, consent_date, consent_channel, consent_id) VALUES (:sid, :rid, "
            ":target, :target_name, :reason, :shared, :consent, :status, :at, :consent_by, "
            ":consent_relation, :consent_date, :consent_channel, :consent_id)",
            {
                "sid": screening_id,
                "rid": request_id,
                "target": referral.target.value,
                "target_name": referral.target_name.strip(),
                "reason": referral.reason.strip(),
                "shared": referral.shared_information.strip(),
                "consent": None if referral.consent_basis is None else referral.consent_basis.value,
                "status": referral.status.value,
                "at": to_text(at),
                "consent_by": " ".join(referral.consent_by.split()) if typed else "",
                "consent_relation": " ".join(referral.consent_relation.split()) if typed else "",
                "consent_date": None
                if referral.consent_date is None or not typed
                else referral.consent_date.isoformat(),
                "consent_channel": " ".join(referral.consent_channel.split()) if typed else "",
                "consent_id": referral.consent_id,
            },
        )
        referrals_repo.insert_event(
            db,
            int(cursor.lastrowid),
            on=on or at.date(),
            recorded_at=at,
            recorded_by=account_id,
            from_status=None,
            to_status=referral.status,
            reason="",
        )
    return screening_id


def _record(row: Row, referral: Row | None) -> ScreeningRecord:
    return ScreeningRecord(
        id=int(row["id"]),
        request_id=int(row["request_id"]),
        recorded_at=from_text(row["recorded_at"]),
        recorded_by=row["recorded_by"],
        draft=ScreeningDraft(
            bidang=frozenset(Bidang(b) for b in row["bidang"].split(",") if b),
            symptoms=row["symptoms"],
            risk=RiskLevel(row["risk"]),
            decision=ServiceKind(row["decision"]),
            reason=row["reason"],
            causes=row["causes"],
            root_cause=row["root_cause"],
            referral=None if referral is None else referrals_repo.referral_of(referral),
            notes=row["notes"],
        ),
        referral_id=None if referral is None else int(referral["id"]),
    )


def for_request(db: Database, request_id: int) -> list[ScreeningRecord]:
    """Every screening of a request, oldest first (a request can be screened again)."""
    referrals = {
        int(r["screening_id"]): r
        for r in db.all("SELECT * FROM referral WHERE request_id = :id", {"id": request_id})
    }
    return [
        _record(row, referrals.get(int(row["id"])))
        for row in db.all(
            "SELECT * FROM screening WHERE request_id = :id ORDER BY id", {"id": request_id}
        )
    ]


def latest_at(db: Database, request_id: int) -> datetime | None:
    """When the request was last screened, or ``None`` before its first screening."""
    text = db.scalar(
        "SELECT max(recorded_at) FROM screening WHERE request_id = :id", {"id": request_id}
    )
    return None if text is None else from_text(text)


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM screening"))
