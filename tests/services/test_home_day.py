"""Beranda's day through ``HomeService.day`` on a real vault: the signed-in counsellor's
sessions today and tomorrow, those to record, follow-ups due and action plans past review,
with students by initials and class only."""

from __future__ import annotations

from datetime import date, timedelta

from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import ActionItemDraft, CaseStatus
from bk_desktop.domain.requests import Assent
from bk_desktop.domain.screening import Bidang, RiskLevel, ScreeningDraft, ServiceKind
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.home import ACTION_PLAN, HomeService
from bk_desktop.services.requests import RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.workspace import Workspace

from support import add_request, hold_session, school_slot


def scheduled(workspace: Workspace, name: str, after: timedelta) -> int:
    request_id = add_request(workspace, name)
    requests = RequestService(workspace)
    requests.set_assent(request_id, Assent.BERSEDIA)
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.PRIBADI}),
            symptoms="Sulit tidur.",
            risk=RiskLevel.RENDAH,
            decision=ServiceKind.KONSELING_INDIVIDUAL,
            reason="Perlu didengar langsung.",
        ),
    )
    requests.agree_schedule(request_id, school_slot(workspace, after))
    return request_id


def test_an_empty_vault_has_an_empty_day(workspace: Workspace) -> None:
    day = HomeService(workspace).day()
    assert (day.sessions, day.to_record, day.follow_ups, day.action_plans) == ([], [], [], [])
    assert day.today == date(2026, 11, 29)  # Minggu in WITA, whatever UTC says


def test_sessions_of_today_and_tomorrow_show_initials_and_class_not_the_name(
    workspace: Workspace,
) -> None:
    # Minggu 08.30: school_slot is Senin 09.00 (tomorrow); three days on is Rabu.
    tomorrow = scheduled(workspace, "Ayu Lestari Putri", timedelta(hours=1))
    scheduled(workspace, "Budi Santoso", timedelta(days=3))
    day = HomeService(workspace).day()
    (session,) = day.sessions
    assert session.request_id == tomorrow
    assert (session.student, session.rombel, session.place) == ("A.L.P.", "X MIPA 1", "Ruang BK")
    assert "Ayu" not in repr(day)
    assert day.to_record == []


def test_a_session_whose_time_passed_moves_to_perlu_dicatat_latest_first(
    workspace: Workspace, clock: FixedClock
) -> None:
    first = scheduled(workspace, "Citra Dewi", timedelta(hours=1))
    second = scheduled(workspace, "Dedi Kurniawan", timedelta(days=2))  # Selasa 08.30
    clock.advance(days=3)
    day = HomeService(workspace).day()
    assert day.sessions == []
    assert [s.request_id for s in day.to_record] == [second, first]


def test_follow_ups_due_and_action_plans_past_review_name_their_case(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = scheduled(workspace, "Eka Saputra", timedelta(hours=1))
    items = (
        ActionItemDraft(what="Menulis jurnal", due_on=date(2026, 12, 1)),
        ActionItemDraft(what="Bicara dengan ibu", due_on=date(2026, 12, 2)),
    )
    session_id, case_id = hold_session(workspace, clock, request_id, action_items=items)
    service = CounsellingService(workspace)
    service.finalise(session_id)  # plans the laijapen a week after the last item: 9 December
    home = HomeService(workspace)
    assert home.day().action_plans == []

    clock.advance(days=3)  # Kamis 3 December: both items past their day
    (plan,) = home.day().action_plans
    code = service.case(case_id).record.code
    assert (plan.case_id, plan.case_code, plan.kind, plan.count) == (case_id, code, ACTION_PLAN, 2)
    assert (plan.student, plan.since, plan.label) == ("E.S.", date(2026, 12, 1), "2 butir")
    assert home.day().follow_ups == []

    clock.advance(days=7)  # 10 December: the laijapen is due
    (follow_up,) = home.day().follow_ups
    assert (follow_up.case_id, follow_up.label, follow_up.since) == (
        case_id,
        "Laijapen",
        date(2026, 12, 9),
    )
    # A closed case's plan is no longer listed; its follow-ups still are.
    service.close_case(case_id, CaseStatus.SELESAI, reason="Tujuan konseling tercapai.")
    day = home.day()
    assert day.action_plans == []
    assert {f.case_id for f in day.follow_ups} == {case_id}
