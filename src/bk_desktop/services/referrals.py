"""The referral (alih tangan kasus) after the screening: its steps, each dated and signed.

Public API (Pengajuan's "Rujukan…" dialog codes against this)::

    ReferralService(workspace)
        for_request(request_id: int) -> list[ReferralRecord]   # oldest first; last is current
        current(request_id: int) -> ReferralRecord | None
        events(referral_id: int) -> list[ReferralEvent]       # its steps, oldest first
        record_step(referral_id: int, target: ReferralStatus, *, on: date | None = None,
                    reason: str = "") -> ReferralStatus
            # RuleViolation (a step the path does not allow, an old referral, a
            # permohonan no longer dialihtangankan) / ValidationError ("on", "reason")

The screening records the referral (``ScreeningService.record``); from then on only
``record_step`` moves it, along ``domain.referrals.REFERRAL_STEPS``: surat dikirim → diterima →
selesai, or ditolak/dikembalikan, or dibatalkan; ending steps need a reason. Each step is one
transaction with its row in ``referral_event`` and a ``REFERRAL_STEP`` audit event. Once the
referral has ended the permohonan can be closed or screened again (``RequestService``,
``ScreeningService``). A parent's withdrawal of consent refuses carrying on a referral that
rests on a parent's consent (``rests_on_parent_consent``), never ending one, and never one
decided on the emergency basis or an adult student's own consent.
"""

from __future__ import annotations

from datetime import date

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.errors import KnownError, RuleViolation, ValidationError
from bk_desktop.domain.referrals import (
    ENDED,
    STEP_NEEDS_REASON,
    ReferralEvent,
    ReferralRecord,
    step_problem,
)
from bk_desktop.domain.requests import RequestStatus
from bk_desktop.domain.screening import ConsentBasis, ReferralStatus
from bk_desktop.domain.visibility import require_counsellor
from bk_desktop.services.consents import require_consent_not_withdrawn
from bk_desktop.services.requests import RequestService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import referrals_repo

__all__ = ["ReferralEvent", "ReferralRecord", "ReferralService", "rests_on_parent_consent"]

NOT_ON_PARENT_CONSENT = frozenset(
    {ConsentBasis.KEADAAN_DARURAT, ConsentBasis.PERSETUJUAN_SISWA_DEWASA}
)
"""Bases a parent's withdrawal does not take away: an emergency rests on the child's safety
(the screening allows it under a withdrawal), an adult student's on their own consent."""


def rests_on_parent_consent(referral: ReferralRecord) -> bool:
    """Whether a parent's withdrawal stops this referral being sent on or its letter printed.
    A referral without a recorded basis (older rows) counts as resting on it: the safe side."""
    return referral.referral.consent_basis not in NOT_ON_PARENT_CONSENT


class ReferralService:
    def __init__(self, workspace: Workspace) -> None:
        require_counsellor(workspace.viewer)  # students and notes: not the kepala sekolah
        self.workspace = workspace

    def _today(self) -> date:
        workspace = self.workspace
        return workspace.now().astimezone(workspace.settings().zone).date()

    def for_request(self, request_id: int) -> list[ReferralRecord]:
        RequestService(self.workspace).get(request_id)
        return referrals_repo.for_request(self.workspace.db, request_id)

    def current(self, request_id: int) -> ReferralRecord | None:
        """The request's latest referral, the one whose steps can still be recorded."""
        referrals = self.for_request(request_id)
        return referrals[-1] if referrals else None

    def events(self, referral_id: int) -> list[ReferralEvent]:
        return referrals_repo.events(self.workspace.db, referral_id)

    def record_step(
        self,
        referral_id: int,
        target: ReferralStatus,
        *,
        on: date | None = None,
        reason: str = "",
    ) -> ReferralStatus:
        """Record that the referral reached ``target`` on ``on`` (default today)."""
        workspace = self.workspace
        db = workspace.db
        today = self._today()
        day = on or today
        with db.transaction():
            referral = referrals_repo.get(db, referral_id)
            if referral is None:
                raise KnownError("Rujukan ini tidak ditemukan.")
            request = RequestService(workspace).get(referral.request_id)
            if target not in ENDED and rests_on_parent_consent(referral):
                # A withdrawal may still end a referral, never carry on one its parent allowed.
                require_consent_not_withdrawn(
                    workspace, request.student_id, "mencatat langkah rujukan", on=day
                )
            latest = referrals_repo.for_request(db, referral.request_id)[-1]
            if latest.id != referral.id or request.status is not RequestStatus.DIRUJUK:
                raise RuleViolation(
                    "Rujukan ini bukan rujukan yang sedang berjalan untuk permohonan "
                    f"{request.student_name} (berstatus {request.status.label.lower()}); "
                    "perkembangannya tidak dapat dicatat lagi."
                )
            steps = referrals_repo.events(db, referral_id)
            since = steps[-1].on if steps else referral.updated_at.date()
            problem = step_problem(
                referral.status, target, on=day, since=since, today=today, reason=reason
            )
            if problem is not None:
                if target not in referral.next_steps:
                    raise RuleViolation(problem)
                field = "on" if day > today or day < since else "reason"
                raise ValidationError(problem, field)
            referrals_repo.set_status(
                db,
                referral_id,
                referral.status,
                target,
                on=day,
                recorded_at=workspace.now(),
                recorded_by=workspace.account.id,
                reason=" ".join(reason.split()) if target in STEP_NEEDS_REASON else "",
            )
            workspace.audit(
                AuditKind.REFERRAL_STEP,
                target_kind="referral",
                target_id=str(referral_id),
                detail=f"{referral.status.value}>{target.value}",
            )
        return target
