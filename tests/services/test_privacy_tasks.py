"""Beranda's data-protection rows on a real encrypted vault: an open data request is a row
for the koordinator, whose Privasi group holds the register, and none for a guru BK, who has
no page a row could open."""

from __future__ import annotations

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.data_requests import DataRequestForm, DataRight, Requester
from bk_desktop.services.data_requests import DataRequestService
from bk_desktop.services.privacy_tasks import PrivacyTaskService, TaskKind
from bk_desktop.services.requests import RequestService
from bk_desktop.services.workspace import Workspace

from support import add_request, signed_in_as


def test_a_data_request_is_a_row_for_the_koordinator_only(workspace: Workspace) -> None:
    student_id = RequestService(workspace).get(add_request(workspace, "Ayu Lestari")).student_id
    asked = DataRequestService(workspace).register(
        DataRequestForm(
            student_id=student_id,
            requester=Requester.SISWA,
            right=DataRight.AKSES,
            text="Saya ingin melihat catatan konseling saya.",
            received_at=workspace.now(),
        )
    )
    rows = PrivacyTaskService(workspace).tasks(workspace.now())
    assert [(r.kind, r.target_id) for r in rows] == [(TaskKind.DATA_REQUEST, asked.id)]
    guru = signed_in_as(workspace, "Dewi Lestari", Role.GURU_BK)
    assert PrivacyTaskService(guru).tasks(guru.now()) == []
