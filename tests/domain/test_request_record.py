"""The request as a domain record: darurat, its 1×24 h clock, and the rules a form asks first."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bk_desktop.domain.deadlines import DeadlineKind
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.domain.requests import (
    BACKDATE_TOLERANCE,
    OPEN_STATUSES,
    TRANSITIONS,
    WAITING,
    Assent,
    RequestRecord,
    RequestSource,
    RequestStatus,
    Urgency,
    allowed_targets,
    assent_closes,
    is_backdated,
    is_darurat,
    move_problem,
    needs_reason,
    transition,
    withdrawal_cancels,
)
from bk_desktop.domain.risk import RiskLevel

S = RequestStatus
RECEIVED = datetime(2026, 11, 29, 0, 30, tzinfo=UTC)
EDGES = [(a, b) for a, targets in TRANSITIONS.items() for b in sorted(targets)]


def _record(**changes: object) -> RequestRecord:
    record = RequestRecord(
        id=1,
        student_id=1,
        student_name="Ani Lestari",
        rombel="X IPA 1",
        source=RequestSource.SISWA_SENDIRI,
        referrer_name="",
        referrer_role="",
        received_at=RECEIVED,
        recorded_at=RECEIVED,
        backdate_reason="",
        received_by="akun",
        reason="Ingin bercerita.",
        urgency=Urgency.BIASA,
        status=S.DITERIMA,
        assent=Assent.BELUM_DITANYAKAN,
        assent_date=None,
        assent_note="",
        deadline_at=RECEIVED + timedelta(hours=24),
        agreed_at=None,
        session_at=None,
        deadline_met=None,
        risk=None,
    )
    return replace(record, **changes)  # type: ignore[arg-type]


# -- darurat ---------------------------------------------------------------------------------


def test_request_received_as_darurat_is_darurat_before_any_screening() -> None:
    assert _record(urgency=Urgency.DARURAT).is_darurat


def test_screening_risk_darurat_makes_an_ordinary_request_darurat() -> None:
    assert _record(risk=RiskLevel.DARURAT).is_darurat


@pytest.mark.parametrize("risk", [None, RiskLevel.RENDAH, RiskLevel.SEDANG, RiskLevel.TINGGI])
def test_lower_risk_does_not_make_a_request_darurat(risk: RiskLevel | None) -> None:
    assert not _record(urgency=Urgency.SEGERA, risk=risk).is_darurat


def test_lower_risk_later_does_not_undo_a_darurat_urgency() -> None:
    assert is_darurat(Urgency.DARURAT, RiskLevel.RENDAH)


# -- the 1×24 h clock ------------------------------------------------------------------------


@pytest.mark.parametrize("status", sorted(WAITING))
def test_waiting_request_is_judged_against_now(status: RequestStatus) -> None:
    state = _record(status=status).clock(RECEIVED + timedelta(hours=25))
    assert state is not None and state.kind is DeadlineKind.OVERDUE


def test_agreed_request_is_judged_by_its_agreement_whatever_came_after() -> None:
    record = _record(status=S.DITUTUP, agreed_at=RECEIVED + timedelta(hours=3))
    state = record.clock(RECEIVED + timedelta(days=40))
    assert state is not None and state.kind is DeadlineKind.MET


@pytest.mark.parametrize("status", [S.DIALIHKAN, S.DIRUJUK, S.DITUTUP, S.SELESAI])
def test_request_that_left_the_path_without_a_time_has_no_clock(status: RequestStatus) -> None:
    assert _record(status=status).clock(RECEIVED + timedelta(days=3)) is None


# -- reasons ---------------------------------------------------------------------------------


def test_every_decision_needs_a_reason_except_screening_decisions_and_self_explaining_moves() -> (
    None
):
    asked = {(a, b) for a, b in EDGES if needs_reason(a, b)}
    assert asked == {
        (S.DITERIMA, S.DITUTUP),
        (S.DISARING, S.DITUTUP),
        (S.MENUNGGU_JADWAL, S.DISARING),  # revising a decision
        (S.MENUNGGU_JADWAL, S.DITUTUP),
        (S.TERJADWAL, S.MENUNGGU_JADWAL),  # cancelling a slot
        (S.TERJADWAL, S.DITUTUP),
        (S.DITANGANI, S.SELESAI),  # ending
        (S.DITANGANI, S.DISARING),
        (S.DITANGANI, S.DITUTUP),
        (S.DIALIHKAN, S.DISARING),  # handing back
        (S.DIRUJUK, S.DISARING),
        (S.DIRUJUK, S.SELESAI),  # closing once the referral ended
        (S.DIRUJUK, S.DITUTUP),
        (S.DITUTUP, S.DITERIMA),  # reopening
    }


@given(st.sampled_from(EDGES), st.sampled_from(list(Assent)))
def test_needs_reason_agrees_with_the_transition_gate(
    edge: tuple[RequestStatus, RequestStatus], assent: Assent
) -> None:
    current, target = edge
    if target not in allowed_targets(current, assent):
        return  # refused for another reason; covered in test_request_states
    if needs_reason(current, target):
        with pytest.raises(RuleViolation):
            transition(current, target, assent=assent, reason="  ")
    assert transition(current, target, assent=assent, reason="Siswa pindah sekolah.") is target


def test_move_problem_says_why_without_raising() -> None:
    problem = move_problem(S.MENUNGGU_JADWAL, S.TERJADWAL, assent=Assent.BELUM_DITANYAKAN)
    assert problem is not None and "belum ditanyakan" in problem
    assert move_problem(S.MENUNGGU_JADWAL, S.TERJADWAL, assent=Assent.BERSEDIA) is None


@given(st.sampled_from(list(S)), st.sampled_from(list(S)), st.sampled_from(list(Assent)))
def test_move_problem_is_exactly_what_transition_refuses(
    current: RequestStatus, target: RequestStatus, assent: Assent
) -> None:
    problem = move_problem(current, target, assent=assent)
    if problem is None:
        assert transition(current, target, assent=assent) is target
    else:
        with pytest.raises(RuleViolation) as refused:
            transition(current, target, assent=assent)
        assert refused.value.message == problem


# -- tidak bersedia --------------------------------------------------------------------------


@pytest.mark.parametrize("status", sorted(OPEN_STATUSES - {S.DITANGANI}))
def test_tidak_bersedia_closes_every_open_request_not_yet_in_counselling(
    status: RequestStatus,
) -> None:
    assert assent_closes(Assent.TIDAK_BERSEDIA, status)
    assert not withdrawal_cancels(Assent.TIDAK_BERSEDIA, status)


def test_withdrawing_in_counselling_keeps_the_case_and_cancels_what_is_planned() -> None:
    assert not assent_closes(Assent.TIDAK_BERSEDIA, S.DITANGANI)
    assert withdrawal_cancels(Assent.TIDAK_BERSEDIA, S.DITANGANI)
    assert not withdrawal_cancels(Assent.BERSEDIA, S.DITANGANI)


@pytest.mark.parametrize("status", [S.DITUTUP, S.SELESAI, S.DIALIHKAN, S.DIRUJUK])
def test_tidak_bersedia_leaves_a_closed_finished_or_handed_over_request_as_it_is(
    status: RequestStatus,
) -> None:
    assert not assent_closes(Assent.TIDAK_BERSEDIA, status)


@pytest.mark.parametrize("assent", [Assent.BERSEDIA, Assent.BELUM_DITANYAKAN])
def test_other_answers_never_close_a_request(assent: Assent) -> None:
    assert not any(assent_closes(assent, status) for status in S)


# -- intake ----------------------------------------------------------------------------------


def test_a_request_typed_within_the_tolerance_is_not_backdated() -> None:
    assert not is_backdated(RECEIVED, RECEIVED + BACKDATE_TOLERANCE)


def test_a_request_recorded_later_than_the_tolerance_is_backdated() -> None:
    assert is_backdated(RECEIVED, RECEIVED + BACKDATE_TOLERANCE + timedelta(seconds=1))
