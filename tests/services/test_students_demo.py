"""Demo students, requests and screenings: valid, varied, and consistent with the rules."""

from __future__ import annotations

import random

from bk_desktop.domain.deadlines import scheduling_deadline
from bk_desktop.domain.requests import TRANSITIONS, RequestStatus
from bk_desktop.services.demo_students import fill_students_and_requests
from bk_desktop.services.queues import QueueService
from bk_desktop.services.requests import RequestService, scheduling_policy
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import students_repo


def test_demo_fills_valid_students_and_a_year_of_requests(workspace: Workspace) -> None:
    made = fill_students_and_requests(workspace, random.Random(3), students=600, years=3)
    assert made["students"] == 600
    assert made["requests"] >= 90
    assert made["on_time"] > 4 * made["late"] > 0
    assert made["darurat"] >= 1
    service = StudentService(workspace)
    today = service.today()
    nis: set[str] = set()
    for student in students_repo.load_students(workspace.db):
        assert student.validate(today, nis) == []
        nis.add(student.nis)
        grade = student.placements[-1].grade
        assert grade is not None
        assert len(student.placements) == int(grade) - 9
    assert len(service.rombels()) >= 6

    requests = RequestService(workspace)
    policy, zone = scheduling_policy(workspace.settings()), workspace.settings().zone
    statuses = set()
    for item in requests.list():
        record = item.record
        statuses.add(record.status)
        assert record.deadline_at == scheduling_deadline(record.received_at, policy, zone)
        history = requests.events(record.id)
        for event in history[1:]:
            assert event.from_status is not None
            assert event.to_status in TRANSITIONS[event.from_status]
        assert history[-1].to_status is record.status
        if record.agreed_at is not None:
            assert record.deadline_met == (record.agreed_at <= record.deadline_at)
    assert {RequestStatus.SELESAI, RequestStatus.DITUTUP, RequestStatus.DIALIHKAN} <= statuses
    assert QueueService(workspace).home()


def test_demo_small_run_has_varied_names(workspace: Workspace) -> None:
    first = fill_students_and_requests(workspace, random.Random(9), students=50, years=1)
    names = [r["name"] for r in workspace.db.all("SELECT name FROM student ORDER BY id")]
    assert first["students"] == 50
    assert len(set(names)) > 40
