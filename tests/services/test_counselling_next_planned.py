"""``CounsellingService.next_planned``: the session Pengajuan's "Catat sesi" opens."""

from __future__ import annotations

from datetime import timedelta

from bk_desktop.domain.counselling import SessionReport
from bk_desktop.domain.requests import Assent
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.domain.screening import Bidang, ScreeningDraft, ServiceKind
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.requests import RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.workspace import Workspace

from support import add_request


def test_the_next_planned_session_of_a_permohonan_is_its_earliest_still_planned(
    workspace: Workspace,
) -> None:
    request_id = add_request(workspace)
    service = CounsellingService(workspace)
    assert service.next_planned(request_id) is None  # nothing agreed yet
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.BELAJAR}),
            symptoms="Sering absen.",
            risk=RiskLevel.RENDAH,
            decision=ServiceKind.KONSELING_INDIVIDUAL,
            reason="Perlu didengar langsung.",
        ),
    )
    requests = RequestService(workspace)
    requests.set_assent(request_id, Assent.BERSEDIA)
    agreed = workspace.now() - timedelta(minutes=50)
    requests.agree_schedule(request_id, agreed)
    first = service.next_planned(request_id)
    assert first is not None and first.planned_start == agreed and first.case_id is None

    service.record_session(
        first.id, SessionReport(actual_start=agreed, actual_end=first.planned_end)
    )
    assert service.next_planned(request_id) is None  # held: nothing planned any more
