"""Demo cases and counselling sessions: the standard's product, consistent with the rules, at a
school's volume, spread over the guru BK, removable with the rest of the demo."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

import pytest

from bk_desktop.domain.academic import current_term
from bk_desktop.domain.accounts import Role
from bk_desktop.domain.counselling import (
    CaseStatus,
    FollowUpKind,
    SessionStatus,
    laijapang_due,
    laijapen_due,
)
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.demo import fill_demo, remove_demo
from bk_desktop.services.demo_names import counsellor_count, counsellor_names
from bk_desktop.services.home import HomeService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.overview import record_counts
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import counselling_repo
from bk_desktop.storage.kdf import TEST_PARAMS

from support import add_request

COUNSELLING_TABLES = (
    "counselling_case",
    "counselling_session",
    "session_alternative",
    "action_item",
    "session_addendum",
    "follow_up",
)


@pytest.fixture
def filled(workspace: Workspace) -> Workspace:
    fill_demo(workspace, students=300, years=2, seed=2026)
    return workspace


def _today(workspace: Workspace) -> object:
    return workspace.now().astimezone(workspace.settings().zone).date()


def test_cases_hold_one_to_six_sessions_numbered_in_order(filled: Workspace) -> None:
    db = filled.db
    held = Counter[int]()
    for case_id in [int(r[0]) for r in db.all("SELECT id FROM counselling_case")]:
        rows = db.all(
            "SELECT number FROM counselling_session WHERE case_id = :id AND status = 'selesai' "
            "ORDER BY actual_start",
            {"id": case_id},
        )
        numbers = [int(r["number"]) for r in rows]
        assert numbers == list(range(1, len(numbers) + 1))
        held[len(numbers)] += 1
    assert set(held) == {1, 2, 3, 4, 5, 6}
    assert sum(n * c for n, c in held.items()) / held.total() > 3


def test_every_held_session_has_its_product_and_the_past_ones_are_final(
    filled: Workspace,
) -> None:
    service = CounsellingService(filled)
    now = filled.now()
    db = filled.db
    ids = [int(r[0]) for r in db.all("SELECT id FROM counselling_session WHERE status='selesai'")]
    assert len(ids) > 500
    for session_id in ids:
        view = service.session(session_id)
        report = view.report
        assert report is not None
        assert report.validate(now=now, earliest=view.request.received_at) == []
        assert report.finalise_problems() == []  # UCA written
        assert 2 <= len(report.alternatives) <= 3
        assert sum(a.chosen for a in report.alternatives) == 1
        assert 1 <= len(report.action_items) <= 3
        if report.actual_end < now - timedelta(days=2):
            assert view.record.is_final
    assert db.scalar("SELECT count(*) FROM session_addendum") > 0


def test_sessions_that_did_not_happen_say_why(filled: Workspace) -> None:
    db = filled.db
    statuses = Counter(
        r[0] for r in db.all("SELECT status FROM counselling_session")
    )  # every status occurs
    assert set(statuses) == {s.value for s in SessionStatus}
    assert (
        db.scalar(
            "SELECT count(*) FROM counselling_session "
            "WHERE status IN ('batal', 'tidak_hadir') AND length(status_reason) < 10"
        )
        == 0
    )
    assert (
        db.scalar(
            "SELECT count(*) FROM counselling_session WHERE planned_minutes NOT BETWEEN 30 AND 45 "
            "AND length_reason = ''"
        )
        == 0
    )


def test_the_permohonan_follows_its_case(filled: Workspace) -> None:
    db = filled.db
    rows = db.all(
        "SELECT k.status AS case_status, k.closed_on, k.close_reason, r.status "
        "FROM counselling_case k JOIN request r ON r.case_id = k.id"
    )
    assert rows
    seen = set()
    for row in rows:
        case_status = CaseStatus(row["case_status"])
        seen.add(case_status)
        if case_status.is_open:
            assert row["status"] == "ditangani"
            assert row["closed_on"] is None
        else:
            assert row["status"] == "selesai"
            assert row["closed_on"] and len(row["close_reason"]) >= 10
    assert {CaseStatus.PROSES, CaseStatus.SELESAI, CaseStatus.TINDAK_LANJUT} <= seen
    confidentiality = {r[0] for r in db.all("SELECT confidentiality FROM counselling_case")}
    assert confidentiality == {"biasa", "rahasia", "sangat_rahasia"}
    headed = db.scalar("SELECT count(*) FROM counselling_case WHERE identification <> ''")
    assert headed > 0.7 * int(db.scalar("SELECT count(*) FROM counselling_case"))


def test_follow_ups_are_due_by_the_domains_rules(filled: Workspace) -> None:
    service = CounsellingService(filled)
    terms = TermService(filled).terms()
    zone = filled.settings().zone
    today = _today(filled)
    kinds = Counter[FollowUpKind]()
    for case in service.cases():
        view = service.case(case.id)
        for follow_up in view.follow_ups:
            kinds[follow_up.kind] += 1
            if follow_up.done_on is not None:
                assert follow_up.result
                assert follow_up.due_on <= follow_up.done_on <= today
            if follow_up.kind is FollowUpKind.LAIJAPANG:
                closed = case.closed_on
                assert closed is not None
                term = current_term(closed, terms)
                assert follow_up.due_on == laijapang_due(closed, term, terms)
            else:
                # A week after the action items of some session of the case are due.
                dues = {
                    laijapen_due(
                        s.actual_start.astimezone(zone).date(),
                        [i.due_on for i in view.action_items if i.session_id == s.id],
                    )
                    for s in view.sessions
                    if s.actual_start is not None
                }
                assert follow_up.due_on in dues
    assert kinds[FollowUpKind.LAIJAPEN] > 0 and kinds[FollowUpKind.LAIJAPANG] > 0


def test_recent_requests_leave_open_work(filled: Workspace) -> None:
    service = CounsellingService(filled)
    now = filled.now()
    planned = counselling_repo.find_sessions(
        filled.db, year=2026, statuses=(SessionStatus.TERJADWAL,)
    )
    assert any(s.planned_start > now for s in planned)  # coming sessions
    assert service.sessions_to_record()  # perlu dicatat
    assert HomeService(filled).day().follow_ups  # the demo counsellor's own, due


def test_counts_grow_with_the_school(workspace: Workspace) -> None:
    summary = fill_demo(workspace, students=300, years=2, seed=3)
    added = summary.added
    # About 1,000 permohonan and 3,000 sessions a year for 1,500 students.
    assert 380 <= added["requests"] <= 420
    assert 1000 <= added["sessions"] <= 1400
    assert added["cases"] > 0.6 * added["requests"]
    assert added["action_items"] > added["sessions"]
    assert added["follow_ups"] > added["cases"]


def test_the_work_is_spread_over_the_guru_bk(workspace: Workspace) -> None:
    accounts = AccountService(workspace, KdfChooser(TEST_PARAMS))
    for name in counsellor_names(random.Random(1), 3):
        accounts.add(
            name=name, role=Role.GURU_BK, password="demo-bk-2026", password_repeat="demo-bk-2026"
        )
    fill_demo(workspace, students=450, years=1, seed=5)
    db = workspace.db
    owners = Counter(r[0] for r in db.all("SELECT counsellor_id FROM counselling_case"))
    assert len(owners) == 4 == counsellor_count(600)
    assert min(owners.values()) > 0.1 * owners.total()
    # A student's requests and cases stay with the guru BK of their rombel.
    assert (
        db.scalar(
            "SELECT count(*) FROM (SELECT student_id FROM counselling_case "
            "GROUP BY student_id HAVING count(DISTINCT counsellor_id) > 1)"
        )
        == 0
    )
    assert (
        db.scalar(
            "SELECT count(*) FROM counselling_session cs "
            "JOIN counselling_case k ON k.id = cs.case_id "
            "WHERE cs.counsellor_id <> k.counsellor_id"
        )
        == 0
    )


def test_remove_takes_out_every_counselling_record_and_keeps_the_schools(
    workspace: Workspace,
) -> None:
    own = add_request(workspace)
    fill_demo(workspace, students=60, years=1, seed=4, even_with_own_records=True)
    db = workspace.db
    before = {t: int(db.scalar(f"SELECT count(*) FROM {t}")) for t in COUNSELLING_TABLES}
    assert all(before.values()), before
    removed = remove_demo(workspace)
    assert removed["cases"] == before["counselling_case"]
    assert removed["sessions"] == before["counselling_session"]
    assert {
        t: int(db.scalar(f"SELECT count(*) FROM {t}")) for t in COUNSELLING_TABLES
    } == dict.fromkeys(COUNSELLING_TABLES, 0)
    counts = record_counts(db)
    assert (counts["students"], counts["requests"]) == (1, 1)
    assert int(db.scalar("SELECT id FROM request")) == own
    assert db.foreign_key_problems() == []
