"""Screening: the queue, decisions moving the request, darurat on top of Beranda."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.domain.requests import Assent, RequestSource, RequestStatus, Urgency
from bk_desktop.domain.screening import (
    EMERGENCY_PROTOCOL_MISSING,
    Bidang,
    ConsentBasis,
    Referral,
    ReferralTarget,
    RiskLevel,
    ScreeningDraft,
    ServiceKind,
)
from bk_desktop.domain.students import StudentDraft
from bk_desktop.services.queues import QueueService
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.screening import ScreeningInvalid, ScreeningService
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo, settings_repo

from support import school_slot


def new_request(workspace: Workspace, name: str = "Ani Lestari", **changes: object) -> int:
    student_id = StudentService(workspace).create(StudentDraft(name=name))
    values: dict[str, object] = {
        "student_id": student_id,
        "source": RequestSource.SISWA_SENDIRI,
        "reason": "Ingin bercerita tentang teman sekelas.",
    }
    values.update(changes)
    return RequestService(workspace).create(RequestForm(**values))  # type: ignore[arg-type]


def screening(
    decision: ServiceKind, risk: RiskLevel = RiskLevel.SEDANG, **changes: object
) -> ScreeningDraft:
    values: dict[str, object] = {
        "bidang": frozenset({Bidang.SOSIAL, Bidang.PRIBADI}),
        "symptoms": "Menyendiri saat istirahat.",
        "causes": "Konflik dengan teman.",
        "root_cause": "Belum diketahui.",
        "risk": risk,
        "decision": decision,
        "reason": "Perlu konseling lanjutan.",
    }
    values.update(changes)
    return ScreeningDraft(**values)  # type: ignore[arg-type]


REFERRAL = Referral(
    target=ReferralTarget.PSIKOLOG,
    target_name="Biro Psikologi Harapan",
    reason="Gejala kecemasan berat.",
    shared_information="Ringkasan asesmen awal.",
    consent_basis=ConsentBasis.PERSETUJUAN_ORANG_TUA,
    consent_by="Siti Aminah",
    consent_relation="ibu",
    consent_date=date(2026, 11, 2),
    consent_channel="tertulis",
)


def test_queue_lists_requests_waiting_for_screening_oldest_first(
    workspace: Workspace, clock: FixedClock
) -> None:
    first = new_request(workspace, "Ani")
    clock.advance(hours=2)
    second = new_request(workspace, "Budi")
    clock.advance(hours=1)
    third = new_request(workspace, "Citra")
    ScreeningService(workspace).record(third, screening(ServiceKind.KONSELING_INDIVIDUAL))
    queue = ScreeningService(workspace).queue()
    assert [i.id for i in queue] == [first, second]
    assert queue[0].countdown == "Sisa 21 jam"
    assert queue[0].record.student_name == "Ani"


@pytest.mark.parametrize(
    ("decision", "status"),
    [
        (ServiceKind.KONSELING_INDIVIDUAL, RequestStatus.MENUNGGU_JADWAL),
        (ServiceKind.BIMBINGAN_KELOMPOK, RequestStatus.DIALIHKAN),
        (ServiceKind.KUNJUNGAN_RUMAH, RequestStatus.DIALIHKAN),
        (ServiceKind.ALIH_TANGAN_KASUS, RequestStatus.DIRUJUK),
        (ServiceKind.TIDAK_PERLU_TINDAK_LANJUT, RequestStatus.SELESAI),
    ],
)
def test_decision_moves_the_request(
    workspace: Workspace, decision: ServiceKind, status: RequestStatus
) -> None:
    request_id = new_request(workspace)
    referral = REFERRAL if decision is ServiceKind.ALIH_TANGAN_KASUS else None
    outcome = ScreeningService(workspace).record(request_id, screening(decision, referral=referral))
    assert outcome.status is status
    assert RequestService(workspace).get(request_id).status is status
    history = ScreeningService(workspace).history(request_id)
    assert len(history) == 1
    assert history[0].draft.decision is decision
    assert history[0].draft.bidang == {Bidang.SOSIAL, Bidang.PRIBADI}
    assert (history[0].referral_id is not None) == (referral is not None)
    if referral is not None:
        # The typed consent became the register's entry, and the referral cites it.
        stored = history[0].draft.referral
        assert stored is not None and stored.consent_id is not None
        assert stored == replace(
            REFERRAL,
            consent_id=stored.consent_id,
            consent_by="",
            consent_relation="",
            consent_date=None,
            consent_channel="",
        )
    event = audit_repo.latest(workspace.db, "screening.recorded")
    assert event is not None
    assert event.target_id == str(outcome.screening_id)
    assert event.detail == ""


def test_invalid_screening_lists_its_fields_and_writes_nothing(workspace: Workspace) -> None:
    request_id = new_request(workspace)
    with pytest.raises(ScreeningInvalid) as caught:
        ScreeningService(workspace).record(
            request_id,
            screening(ServiceKind.ALIH_TANGAN_KASUS, bidang=frozenset(), symptoms="", reason=""),
        )
    assert {e.field for e in caught.value.errors} == {"bidang", "symptoms", "reason", "referral"}
    assert RequestService(workspace).get(request_id).status is RequestStatus.DITERIMA
    assert ScreeningService(workspace).history(request_id) == []


def test_refused_move_rolls_back_the_whole_screening(workspace: Workspace) -> None:
    request_id = new_request(workspace)
    requests = RequestService(workspace)
    screening_service = ScreeningService(workspace)
    screening_service.record(request_id, screening(ServiceKind.BIMBINGAN_KELOMPOK))
    # Refusing while dialihkan records the assent; a dialihkan request cannot be closed.
    assert (
        requests.set_assent(request_id, Assent.TIDAK_BERSEDIA, note="Menolak.")
        is RequestStatus.DIALIHKAN
    )
    audits = audit_repo.count(workspace.db)
    with pytest.raises(RuleViolation):
        screening_service.record(request_id, screening(ServiceKind.KONSELING_INDIVIDUAL))
    assert requests.get(request_id).status is RequestStatus.DIALIHKAN
    assert len(screening_service.history(request_id)) == 1
    assert audit_repo.count(workspace.db) == audits


def test_closed_request_cannot_be_screened(workspace: Workspace) -> None:
    request_id = new_request(workspace)
    RequestService(workspace).transition(request_id, RequestStatus.DITUTUP, "Permohonan ganda.")
    with pytest.raises(RuleViolation):
        ScreeningService(workspace).record(request_id, screening(ServiceKind.KONSELING_INDIVIDUAL))


def test_rescreening_changes_the_decision(workspace: Workspace) -> None:
    request_id = new_request(workspace)
    service = ScreeningService(workspace)
    service.record(request_id, screening(ServiceKind.BIMBINGAN_KELOMPOK))
    outcome = service.record(request_id, screening(ServiceKind.KONSELING_INDIVIDUAL))
    assert outcome.status is RequestStatus.MENUNGGU_JADWAL
    assert len(service.history(request_id)) == 2


def test_darurat_shows_the_protocol_and_goes_to_the_top_of_beranda(
    workspace: Workspace, clock: FixedClock
) -> None:
    old = new_request(workspace, "Ani")
    clock.advance(hours=30)  # Ani's request is now overdue
    fresh = new_request(workspace, "Budi")
    clock.advance(minutes=10)
    urgent = new_request(workspace, "Citra")
    outcome = ScreeningService(workspace).record(
        urgent, screening(ServiceKind.KONSELING_INDIVIDUAL, RiskLevel.DARURAT)
    )
    assert outcome.is_darurat
    assert outcome.emergency_protocol == workspace.settings().emergency_protocol
    assert "112" in outcome.emergency_protocol
    home = QueueService(workspace).home()
    assert [i.request_id for i in home] == [urgent, old, fresh]
    assert home[0].is_darurat
    assert home[0].stage == "Menunggu jadwal"
    assert home[1].is_overdue
    assert home[1].countdown.startswith("Terlambat 6 jam")
    assert home[2].stage == "Menunggu penyaringan"
    summary = QueueService(workspace).summary()
    assert (summary.waiting_screening, summary.waiting_schedule) == (2, 1)
    assert (summary.overdue, summary.darurat) == (1, 1)


def test_darurat_urgency_at_intake_also_tops_beranda(
    workspace: Workspace, clock: FixedClock
) -> None:
    overdue = new_request(workspace, "Ani")
    clock.advance(hours=26)
    urgent = new_request(workspace, "Budi", urgency=Urgency.DARURAT)
    assert [i.request_id for i in QueueService(workspace).home()] == [urgent, overdue]


def test_beranda_leaves_out_scheduled_and_closed_requests(workspace: Workspace) -> None:
    scheduled = new_request(workspace, "Ani")
    requests = RequestService(workspace)
    requests.set_assent(scheduled, Assent.BERSEDIA)
    ScreeningService(workspace).record(scheduled, screening(ServiceKind.KONSELING_INDIVIDUAL))
    requests.agree_schedule(scheduled, school_slot(workspace, timedelta(hours=4)))
    closed = new_request(workspace, "Budi")
    requests.transition(closed, RequestStatus.DITUTUP, "Ganda.")
    assert QueueService(workspace).home() == []


def test_a_request_sent_back_for_screening_is_queued_again(workspace: Workspace) -> None:
    requests = RequestService(workspace)
    request_id = new_request(workspace)
    ScreeningService(workspace).record(request_id, screening(ServiceKind.KONSELING_INDIVIDUAL))
    assert request_id not in [i.id for i in ScreeningService(workspace).queue()]
    requests.transition(request_id, RequestStatus.DISARING, "Perlu asesmen ulang.")
    assert request_id in [i.id for i in ScreeningService(workspace).queue()]
    [home] = [i for i in QueueService(workspace).home() if i.request_id == request_id]
    assert home.stage == "Menunggu penyaringan"
    assert QueueService(workspace).summary().waiting_screening == 1


def test_request_carries_no_risk_until_screened_then_the_latest_one(workspace: Workspace) -> None:
    requests = RequestService(workspace)
    request_id = new_request(workspace)
    assert requests.get(request_id).risk is None
    ScreeningService(workspace).record(
        request_id, screening(ServiceKind.KONSELING_INDIVIDUAL, RiskLevel.TINGGI)
    )
    assert requests.get(request_id).risk is RiskLevel.TINGGI
    assert not requests.get(request_id).is_darurat
    ScreeningService(workspace).record(
        request_id, screening(ServiceKind.KONSELING_INDIVIDUAL, RiskLevel.DARURAT)
    )
    assert requests.get(request_id).risk is RiskLevel.DARURAT
    assert requests.get(request_id).is_darurat


def test_a_vault_without_a_protocol_still_shows_the_steps_to_take(workspace: Workspace) -> None:
    # An older vault could hold an empty protocol; Pengaturan no longer lets one be saved.
    with workspace.db.transaction():
        settings_repo.set_value(workspace.db, "emergency_protocol", "")
        workspace.audit(AuditKind.SETTINGS_CHANGED, target_kind="settings")
    outcome = ScreeningService(workspace).record(
        new_request(workspace), screening(ServiceKind.KONSELING_INDIVIDUAL, RiskLevel.DARURAT)
    )
    assert outcome.emergency_protocol == EMERGENCY_PROTOCOL_MISSING
