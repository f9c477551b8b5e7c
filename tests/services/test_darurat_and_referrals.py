"""Issue 11, items 6 and 7 on real vaults: darurat kept on Beranda until a tindakan darurat,
and the referral (alih tangan kasus) as a tracked record."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.emergency import EmergencyActionForm
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.requests import RequestSource, RequestStatus, Urgency
from bk_desktop.domain.screening import (
    Bidang,
    ConsentBasis,
    Referral,
    ReferralStatus,
    ReferralTarget,
    RiskLevel,
    ScreeningDraft,
    ServiceKind,
)
from bk_desktop.domain.students import StudentDraft
from bk_desktop.services.queues import QueueService
from bk_desktop.services.referrals import ReferralService
from bk_desktop.services.requests import EmergencyActionInvalid, RequestForm, RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo

R = ReferralStatus


def receive(workspace: Workspace, urgency: Urgency = Urgency.BIASA, name: str = "Ani") -> int:
    student_id = StudentService(workspace).create(StudentDraft(name=f"{name} Lestari"))
    return RequestService(workspace).create(
        RequestForm(
            student_id=student_id,
            source=RequestSource.SISWA_SENDIRI,
            reason="Ingin bercerita.",
            urgency=urgency,
        )
    )


def screen(
    workspace: Workspace, request_id: int, decision: ServiceKind, risk: RiskLevel, **extra: object
) -> None:
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.PRIBADI}),
            symptoms="Menangis terus.",
            risk=risk,
            decision=decision,
            reason="Sesuai hasil asesmen awal.",
            **extra,  # type: ignore[arg-type]
        ),
    )


def act(workspace: Workspace, request_id: int) -> int:
    return RequestService(workspace).record_emergency_action(
        request_id,
        EmergencyActionForm(
            workspace.now(), "Bu Sari (guru BK)", "Siswa diamankan di ruang BK, ibu ditelepon."
        ),
    )


def on_home(workspace: Workspace) -> dict[int, bool]:
    return {i.request_id: i.needs_emergency_action for i in QueueService(workspace).home()}


# -- item 7: darurat kept in view ----------------------------------------------------------------


@pytest.mark.parametrize(
    "decision",
    [
        ServiceKind.BIMBINGAN_KLASIKAL,
        ServiceKind.KONSELING_KELOMPOK,
        ServiceKind.KONSELING_INDIVIDUAL,
        ServiceKind.TIDAK_PERLU_TINDAK_LANJUT,
    ],
)
def test_darurat_stays_on_beranda_whatever_the_screening_decided_until_a_tindakan_darurat(
    workspace: Workspace, decision: ServiceKind
) -> None:
    request_id = receive(workspace, Urgency.DARURAT)
    screen(workspace, request_id, decision, RiskLevel.RENDAH)
    [item] = QueueService(workspace).home()
    assert item.request_id == request_id and item.is_darurat and item.needs_emergency_action
    assert item.urgency is Urgency.DARURAT  # the higher of intake and screening
    act(workspace, request_id)
    assert request_id not in on_home(workspace) or not on_home(workspace)[request_id]
    if decision is ServiceKind.KONSELING_INDIVIDUAL:
        # Still waiting for a time, now at the urgency the screening judged.
        [item] = QueueService(workspace).home()
        assert item.urgency is Urgency.BIASA and not item.is_darurat
    else:
        assert QueueService(workspace).home() == []
    [action] = RequestService(workspace).emergency_actions(request_id)
    assert action.actor == "Bu Sari (guru BK)" and action.recorded_by == workspace.account.id
    assert audit_repo.recent(workspace.db, 1)[0].kind == AuditKind.EMERGENCY_ACTION.value


def test_a_screening_that_raises_the_risk_to_darurat_asks_for_a_tindakan_darurat(
    workspace: Workspace,
) -> None:
    request_id = receive(workspace)
    with pytest.raises(RuleViolation, match="tidak darurat"):
        act(workspace, request_id)
    screen(workspace, request_id, ServiceKind.BIMBINGAN_KELOMPOK, RiskLevel.DARURAT)
    assert on_home(workspace) == {request_id: True}
    act(workspace, request_id)
    assert on_home(workspace) == {}


def test_risk_tinggi_with_no_follow_up_is_refused(workspace: Workspace) -> None:
    request_id = receive(workspace)
    with pytest.raises(ValidationError, match="Risiko tinggi"):
        screen(workspace, request_id, ServiceKind.TIDAK_PERLU_TINDAK_LANJUT, RiskLevel.TINGGI)
    assert RequestService(workspace).get(request_id).status is RequestStatus.DITERIMA


def test_a_tindakan_darurat_needs_who_when_and_what(workspace: Workspace) -> None:
    request_id = receive(workspace, Urgency.DARURAT)
    with pytest.raises(EmergencyActionInvalid) as refused:
        RequestService(workspace).record_emergency_action(
            request_id, EmergencyActionForm(workspace.now() + timedelta(hours=2), "", "ok")
        )
    assert {e.field for e in refused.value.errors} == {"actor", "done_at", "action"}
    assert RequestService(workspace).emergency_actions(request_id) == []


# -- item 6: the referral as a tracked record ----------------------------------------------------


def referred(workspace: Workspace) -> int:
    request_id = receive(workspace)
    screen(
        workspace,
        request_id,
        ServiceKind.ALIH_TANGAN_KASUS,
        RiskLevel.TINGGI,
        referral=Referral(
            ReferralTarget.PSIKIATER,
            "Gejala depresi berat.",
            "Ringkasan asesmen awal.",
            ConsentBasis.PERSETUJUAN_ORANG_TUA,
            target_name="dr. Rina, Sp.KJ (RSUD Taman Husada)",
            consent_by="Siti Aminah",
            consent_relation="ibu",
            consent_date=date(2026, 11, 2),
            consent_channel="tertulis",
        ),
    )
    return request_id


def test_a_referral_is_tracked_step_by_step_with_date_recorder_and_reason(
    workspace: Workspace,
) -> None:
    request_id = referred(workspace)
    referrals = ReferralService(workspace)
    referral = referrals.current(request_id)
    assert referral is not None and referral.status is R.DIRENCANAKAN
    assert referral.referral.target is ReferralTarget.PSIKIATER
    today = workspace.now().date()
    referrals.record_step(referral.id, R.DIKIRIM, on=today)
    referrals.record_step(referral.id, R.DITERIMA)
    with pytest.raises(ValidationError, match="alasan") as refused:
        referrals.record_step(referral.id, R.SELESAI, reason="-")
    assert refused.value.field == "reason"
    with pytest.raises(RuleViolation):
        referrals.record_step(referral.id, R.DIKIRIM)
    referrals.record_step(referral.id, R.SELESAI, reason="Terapi selesai, siswa stabil.")
    steps = referrals.events(referral.id)
    assert [s.to_status for s in steps] == [R.DIRENCANAKAN, R.DIKIRIM, R.DITERIMA, R.SELESAI]
    assert all(s.recorded_by == workspace.account.id for s in steps)
    assert steps[-1].reason == "Terapi selesai, siswa stabil."
    assert audit_repo.recent(workspace.db, 1)[0].kind == AuditKind.REFERRAL_STEP.value


def test_a_referred_permohonan_is_closed_or_screened_again_only_after_the_referral_ended(
    workspace: Workspace,
) -> None:
    requests = RequestService(workspace)
    referrals = ReferralService(workspace)
    request_id = referred(workspace)
    assert requests.allowed_targets(request_id) == frozenset()
    with pytest.raises(RuleViolation, match="masih berjalan"):
        requests.transition(request_id, RequestStatus.DITUTUP, "Keluarga memilih sendiri.")
    with pytest.raises(RuleViolation, match="masih berjalan"):
        screen(workspace, request_id, ServiceKind.KONSELING_INDIVIDUAL, RiskLevel.SEDANG)
    referral = referrals.current(request_id)
    assert referral is not None
    referrals.record_step(referral.id, R.DIKIRIM)
    referrals.record_step(referral.id, R.DITOLAK, reason="Jadwal psikiater penuh sebulan.")
    # Handed back: it can be closed or screened again, but not finished as served.
    assert requests.allowed_targets(request_id) == {RequestStatus.DISARING, RequestStatus.DITUTUP}
    screen(workspace, request_id, ServiceKind.KONSELING_INDIVIDUAL, RiskLevel.SEDANG)
    assert requests.get(request_id).status is RequestStatus.MENUNGGU_JADWAL
    with pytest.raises(RuleViolation, match="sedang berjalan"):
        referrals.record_step(referral.id, R.DIBATALKAN, reason="Tidak jadi dirujuk.")


def test_a_referral_finished_by_the_recipient_lets_the_permohonan_finish(
    workspace: Workspace,
) -> None:
    requests = RequestService(workspace)
    referrals = ReferralService(workspace)
    request_id = referred(workspace)
    referral = referrals.current(request_id)
    assert referral is not None
    for step in (R.DIKIRIM, R.DITERIMA):
        referrals.record_step(referral.id, step)
    referrals.record_step(referral.id, R.SELESAI, reason="Penanganan psikiater tuntas.")
    assert RequestStatus.SELESAI in requests.allowed_targets(request_id)
    requests.transition(request_id, RequestStatus.SELESAI, "Rujukan selesai ditangani.")
    assert requests.get(request_id).status is RequestStatus.SELESAI
