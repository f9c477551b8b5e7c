"""Jadwal through the service: the week, placing, moving, clashes on every path, commitments."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import SessionMode, SessionPlan, SessionStatus
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.requests import Assent, RequestStatus
from bk_desktop.domain.scheduling import ClashKind, CommitmentForm, CommitmentKind
from bk_desktop.domain.screening import Bidang, RiskLevel, ScreeningDraft, ServiceKind
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.calendar import CalendarService, SlotNeedsReason, SlotRefused
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.requests import RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.kdf import TEST_PARAMS

from support import PASSWORD, add_request, hold_session, school_slot


def waiting(workspace: Workspace, name: str = "Ayu Lestari") -> int:
    """A permohonan screened for konseling individual with a willing student, no time yet."""
    request_id = add_request(workspace, name)
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.BELAJAR}),
            symptoms="Sering terlambat.",
            risk=RiskLevel.RENDAH,
            decision=ServiceKind.KONSELING_INDIVIDUAL,
            reason="Perlu didengar langsung.",
        ),
    )
    RequestService(workspace).set_assent(request_id, Assent.BERSEDIA)
    return request_id


def local(workspace: Workspace, day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=workspace.settings().zone)


MONDAY = date(2026, 11, 30)


def test_placing_a_waiting_permohonan_agrees_its_time_and_plans_the_session(
    workspace: Workspace,
) -> None:
    request_id = waiting(workspace)
    calendar = CalendarService(workspace)
    assert [i.id for i in calendar.waiting()] == [request_id]
    session_id = calendar.place(request_id, local(workspace, MONDAY, 9), minutes=30)
    record = RequestService(workspace).get(request_id)
    assert record.status is RequestStatus.TERJADWAL and record.deadline_met is True
    assert calendar.waiting() == []
    week = calendar.week(MONDAY)
    assert [s.id for s in week.sessions] == [session_id]
    assert week.sessions[0].planned_minutes == 30
    assert week.days == tuple(MONDAY + timedelta(days=n) for n in range(5))  # Senin–Jumat


def test_a_clash_is_refused_on_every_path(workspace: Workspace, clock: FixedClock) -> None:
    calendar = CalendarService(workspace)
    first = waiting(workspace)
    calendar.place(first, local(workspace, MONDAY, 9))
    second = waiting(workspace, "Budi Santoso")
    with pytest.raises(SlotRefused, match=r"A\.L\.") as refused:
        calendar.place(second, local(workspace, MONDAY, 9, 30))
    assert [c.kind for c in refused.value.clashes] == [ClashKind.COUNSELLOR]
    assert "Ayu" not in refused.value.message
    with pytest.raises(SlotRefused):  # Sepakati jadwal in Pengajuan checks the same
        RequestService(workspace).agree_schedule(second, local(workspace, MONDAY, 9, 30))
    assert RequestService(workspace).get(second).status is RequestStatus.MENUNGGU_JADWAL
    # The preview says the same before anything is tried (student and room: domain tests).
    check = calendar.check(local(workspace, MONDAY, 9), 45, request_id=second)
    assert [c.kind for c in check] == [ClashKind.COUNSELLOR]


def test_school_time_needs_a_reason_that_is_kept(workspace: Workspace) -> None:
    request_id = waiting(workspace)
    calendar = CalendarService(workspace)
    saturday_evening = local(workspace, date(2026, 12, 5), 16)
    with pytest.raises(SlotNeedsReason) as asked:
        calendar.place(request_id, saturday_evening)
    assert asked.value.field == "override_reason"
    assert {c.kind for c in asked.value.clashes} == {
        ClashKind.NOT_SCHOOL_DAY,
        ClashKind.OUTSIDE_HOURS,
    }
    with pytest.raises(ValidationError):
        calendar.place(request_id, saturday_evening, override_reason="ok")
    session_id = calendar.place(
        request_id, saturday_evening, override_reason="Orang tua hanya bisa hari Sabtu."
    )
    stored = workspace.db.scalar(
        "SELECT schedule_reason FROM counselling_session WHERE id = :id", {"id": session_id}
    )
    assert stored == "Orang tua hanya bisa hari Sabtu."
    # The Saturday is shown because something is booked on it.
    assert date(2026, 12, 5) in calendar.week(MONDAY).days


def test_moving_keeps_the_verdict_and_is_checked(workspace: Workspace) -> None:
    calendar = CalendarService(workspace)
    first = waiting(workspace)
    first_session = calendar.place(first, local(workspace, MONDAY, 9))
    second = waiting(workspace, "Budi Santoso")
    calendar.place(second, local(workspace, MONDAY, 10))
    verdict = RequestService(workspace).get(first).deadline_met
    with pytest.raises(SlotRefused):
        calendar.move(first_session, local(workspace, MONDAY, 10, 15))
    calendar.move(first_session, local(workspace, MONDAY, 9, 15), minutes=30)  # overlaps itself
    moved = CounsellingService(workspace).session(first_session).record
    assert moved.planned_start == local(workspace, MONDAY, 9, 15)
    assert moved.planned_minutes == 30
    assert RequestService(workspace).get(first).deadline_met == verdict
    with pytest.raises(ValidationError):  # 60 minutes without a reason
        calendar.move(first_session, local(workspace, MONDAY, 11), minutes=60)


def test_a_missed_session_is_planned_again_in_one_step(workspace: Workspace) -> None:
    calendar = CalendarService(workspace)
    request_id = waiting(workspace)
    missed = calendar.place(request_id, local(workspace, MONDAY, 9))
    again = calendar.reschedule_missed(
        missed, "Siswa sakit, izin dari orang tua.", local(workspace, MONDAY + timedelta(1), 9)
    )
    service = CounsellingService(workspace)
    assert service.session(missed).record.status is SessionStatus.TIDAK_HADIR
    assert service.session(again).record.status is SessionStatus.TERJADWAL
    record = RequestService(workspace).get(request_id)
    assert record.status is RequestStatus.TERJADWAL and record.deadline_met is True
    with pytest.raises(ValidationError):
        calendar.reschedule_missed(again, "", local(workspace, MONDAY + timedelta(2), 9))
    assert service.session(again).record.status is SessionStatus.TERJADWAL  # nothing changed


def test_a_permohonan_in_counselling_is_placed_as_its_next_session(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = waiting(workspace)
    RequestService(workspace).agree_schedule(request_id, school_slot(workspace))
    hold_session(workspace, clock, request_id)
    calendar = CalendarService(workspace)
    next_week = local(workspace, MONDAY + timedelta(days=7), 10)
    session_id = calendar.place(request_id, next_week, mode=SessionMode.DARING)
    assert CounsellingService(workspace).session(session_id).record.mode is SessionMode.DARING
    assert RequestService(workspace).get(request_id).status is RequestStatus.DITANGANI


def test_commitments_block_time_weekly_and_are_shown(workspace: Workspace) -> None:
    calendar = CalendarService(workspace)
    piket = calendar.add_commitment(
        CommitmentForm(CommitmentKind.PIKET, local(workspace, MONDAY, 7), 60, weekly=True)
    )
    week = calendar.week(MONDAY + timedelta(days=7))
    assert [(c.id, start) for c, start, _ in week.commitments] == [
        (piket, local(workspace, MONDAY + timedelta(days=7), 7))
    ]
    request_id = waiting(workspace)
    with pytest.raises(SlotRefused, match="piket"):
        calendar.place(request_id, local(workspace, MONDAY + timedelta(days=7), 7, 30))
    with pytest.raises(ValidationError):
        calendar.add_commitment(
            CommitmentForm(CommitmentKind.LAINNYA, local(workspace, MONDAY, 9), 30)
        )
    calendar.delete_commitment(piket)
    calendar.place(request_id, local(workspace, MONDAY + timedelta(days=7), 7, 30))


def MONDAY_AT(workspace: Workspace) -> datetime:
    return local(workspace, MONDAY, 9)


def test_whose_week(workspace: Workspace) -> None:
    calendar = CalendarService(workspace)
    calendar.place(waiting(workspace), local(workspace, MONDAY, 9))
    other_id = (
        AccountService(workspace, KdfChooser(TEST_PARAMS))
        .add(name="Dedi Kurniawan", role=Role.GURU_BK, password=PASSWORD, password_repeat=PASSWORD)
        .id
    )
    assert len(calendar.week(MONDAY).sessions) == 1
    assert calendar.week(MONDAY, counsellor_id=other_id).sessions == []
    assert len(calendar.week(MONDAY, counsellor_id=None).sessions) == 1
    assert len(calendar.week(MONDAY, days=1).sessions) == 1
    assert calendar.week(MONDAY + timedelta(days=1), days=1).sessions == []


def test_a_session_plan_of_the_case_is_checked_too(workspace: Workspace, clock: FixedClock) -> None:
    request_id = waiting(workspace)
    RequestService(workspace).agree_schedule(request_id, school_slot(workspace))
    hold_session(workspace, clock, request_id)
    service = CounsellingService(workspace)
    sunday = local(workspace, date(2026, 12, 6), 9)
    with pytest.raises(SlotNeedsReason):
        service.plan_session(request_id, SessionPlan(start=sunday))
    service.plan_session(
        request_id, SessionPlan(start=sunday), override_reason="Kunjungan rumah hari Minggu."
    )


def test_a_first_session_cannot_lie_before_its_agreement(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = waiting(workspace)
    clock.advance(days=3)  # Rabu 08.30
    calendar = CalendarService(workspace)
    with pytest.raises(ValidationError, match="sebelum waktunya disepakati") as refused:
        calendar.place(request_id, local(workspace, MONDAY, 9))
    assert refused.value.field == "session_at"
    # Agreed on Monday (a back-dated agreement, with its reason), held on Monday: fine.
    calendar.place(
        request_id,
        local(workspace, MONDAY, 9),
        agreed_at=local(workspace, MONDAY, 7),
        backdate_reason="Disepakati lisan saat apel pagi.",
    )
