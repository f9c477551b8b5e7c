"""Cases and counselling sessions through the service: the standard's product, kept honest."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from bk_desktop.domain.changes import Change
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import (
    ActionItemDraft,
    ActionStatus,
    Alternative,
    CaseDraft,
    CaseStatus,
    Confidentiality,
    FollowUpKind,
    SessionMode,
    SessionPlan,
    SessionStatus,
)
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.requests import Assent, RequestSource, RequestStatus
from bk_desktop.domain.screening import (
    Bidang,
    ConsentBasis,
    Referral,
    ReferralTarget,
    RiskLevel,
    ScreeningDraft,
    ServiceKind,
)
from bk_desktop.services.counselling import CaseFilter, CounsellingInvalid, CounsellingService
from bk_desktop.services.home import HomeService
from bk_desktop.services.requests import OpenCaseQuestion, RequestForm, RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.workspace import Workspace

from support import add_request, hold_session, school_slot


def screen(workspace: Workspace, request_id: int, decision: ServiceKind, **changes: object) -> None:
    values: dict[str, object] = {
        "bidang": frozenset({Bidang.BELAJAR}),
        "symptoms": "Nilai turun, sering mengantuk.",
        "risk": RiskLevel.RENDAH,
        "decision": decision,
        "reason": "Perlu didengar langsung.",
    }
    values.update(changes)
    ScreeningService(workspace).record(request_id, ScreeningDraft(**values))  # type: ignore[arg-type]


def scheduled(workspace: Workspace, name: str = "Ayu Lestari", hours: int = 2) -> int:
    """A permohonan screened for konseling individual, willing, with a time agreed."""
    request_id = add_request(workspace, name)
    requests = RequestService(workspace)
    requests.set_assent(request_id, Assent.BERSEDIA)
    screen(workspace, request_id, ServiceKind.KONSELING_INDIVIDUAL)
    requests.agree_schedule(request_id, school_slot(workspace, timedelta(hours=hours)))
    return request_id


def audits(workspace: Workspace, prefix: str) -> list[str]:
    return [
        r["kind"]
        for r in workspace.db.all(
            "SELECT kind FROM audit_event WHERE kind LIKE :p ORDER BY id", {"p": prefix + "%"}
        )
    ]


# -- planning ---------------------------------------------------------------------------------


def test_agreeing_a_time_plans_the_first_session_of_45_minutes_in_ruang_bk(
    workspace: Workspace,
) -> None:
    request_id = scheduled(workspace)
    (session,) = CounsellingService(workspace).sessions_of_request(request_id)
    assert (session.planned_minutes, session.place, session.mode) == (
        45,
        "Ruang BK",
        SessionMode.TATAP_MUKA,
    )
    assert session.status is SessionStatus.TERJADWAL and session.case_id is None
    assert RequestService(workspace).get(request_id).session_at == session.planned_start
    assert audits(workspace, "session.") == ["session.planned"]


def test_a_length_outside_30_to_45_minutes_needs_a_reason(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = scheduled(workspace)
    hold_session(workspace, clock, request_id)
    service = CounsellingService(workspace)
    start = school_slot(workspace, timedelta(days=2))
    with pytest.raises(CounsellingInvalid) as refused:
        service.plan_session(request_id, SessionPlan(start=start, minutes=60))
    assert refused.value.field == "length_reason"
    session_id = service.plan_session(
        request_id,
        SessionPlan(
            start=start,
            minutes=60,
            mode=SessionMode.DARING,
            length_reason="Orang tua ikut bergabung di akhir sesi.",
        ),
    )
    assert service.session(session_id).record.planned_minutes == 60


def test_cancelling_the_first_session_sends_the_request_back_and_keeps_its_verdict(
    workspace: Workspace,
) -> None:
    request_id = scheduled(workspace)
    requests = RequestService(workspace)
    verdict = requests.get(request_id).deadline_met
    service = CounsellingService(workspace)
    (session,) = service.sessions_of_request(request_id)
    with pytest.raises(ValidationError):
        service.cancel_session(session.id, "")
    service.cancel_session(session.id, "Siswa mengikuti lomba di luar sekolah.")
    record = requests.get(request_id)
    assert record.status is RequestStatus.MENUNGGU_JADWAL
    assert record.deadline_met == verdict and record.session_at is None
    cancelled = service.session(session.id).record
    assert cancelled.status is SessionStatus.BATAL
    assert cancelled.status_reason == "Siswa mengikuti lomba di luar sekolah."
    with pytest.raises(RuleViolation):
        service.mark_absent(session.id, "Tidak datang.")


# -- recording and the case -------------------------------------------------------------------


def test_the_first_held_session_opens_the_case_and_the_request_is_in_process(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = scheduled(workspace)
    notices: list[frozenset[Change]] = []
    workspace.subscribe(notices.append)
    session_id, case_id = hold_session(
        workspace,
        clock,
        request_id,
        alternatives=(Alternative("Belajar kelompok", True), Alternative("Les tambahan")),
        action_items=(
            ActionItemDraft(
                what="Membuat jadwal belajar",
                support="Wali kelas",
                due_on=date(2026, 12, 4),
                review_on=date(2026, 12, 11),
            ),
        ),
    )
    assert RequestService(workspace).get(request_id).status is RequestStatus.DITANGANI
    service = CounsellingService(workspace)
    view = service.case(case_id)
    assert view.record.status is CaseStatus.PROSES
    assert view.record.code == "001/2026" and view.record.bidang == {Bidang.BELAJAR}
    assert view.record.counsellor_id == workspace.account.id
    assert [(s.id, s.number) for s in view.sessions] == [(session_id, 1)]
    assert [i.what for i in view.action_items] == ["Membuat jadwal belajar"]
    assert view.planning_request is not None and view.planning_request.id == request_id
    session = service.session(session_id)
    assert [a.text for a in session.alternatives if a.chosen] == ["Belajar kelompok"]
    assert session.report is not None
    assert session.report.understanding == "Memahami bahwa terlambat berasal dari tidur larut."
    assert {Change.SESSIONS, Change.CASES, Change.REQUESTS} <= notices[-1]
    assert audits(workspace, "case.") == ["case.opened"]

    # The next session comes from the case and continues its numbering.
    clock.advance(days=2)
    service.plan_session(request_id, SessionPlan(start=school_slot(workspace, timedelta(hours=1))))
    second, _ = hold_session(workspace, clock, request_id)
    assert service.session(second).record.number == 2
    assert service.case(case_id).record.sessions_held == 2


def test_the_record_is_edited_until_finalised_then_only_addenda(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = scheduled(workspace)
    session_id, case_id = hold_session(workspace, clock, request_id, comfort="")
    service = CounsellingService(workspace)
    with pytest.raises(CounsellingInvalid) as refused:
        service.finalise(session_id)
    assert refused.value.field == "comfort"
    with pytest.raises(RuleViolation, match="belum final"):
        service.add_addendum(session_id, "Catatan susulan.")
    report = service.session(session_id).report
    assert report is not None
    items = (ActionItemDraft(what="Tidur pukul 22.00", due_on=date(2026, 12, 10)),)
    service.record_session(
        session_id, replace(report, comfort="Lega sudah bercerita.", action_items=items)
    )
    service.finalise(session_id)
    with pytest.raises(RuleViolation, match="sudah final"):
        service.record_session(session_id, report)
    addendum_id = service.add_addendum(session_id, "Ibu siswa menelepon: tidur sudah teratur.")
    (addendum,) = service.session(session_id).addenda
    assert addendum.id == addendum_id and addendum.author_id == workspace.account.id
    assert addendum.at == workspace.now()
    # Finalising with action items planned the laijapen a week after the last is due.
    (follow_up,) = service.case(case_id).follow_ups
    assert follow_up.kind is FollowUpKind.LAIJAPEN and follow_up.due_on == date(2026, 12, 17)


def test_no_session_is_recorded_while_assent_is_withdrawn(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = scheduled(workspace)
    hold_session(workspace, clock, request_id)
    requests = RequestService(workspace)
    service = CounsellingService(workspace)
    planned = service.plan_session(
        request_id, SessionPlan(start=school_slot(workspace, timedelta(days=1)))
    )
    with pytest.raises(ValidationError):
        requests.set_assent(request_id, Assent.TIDAK_BERSEDIA)
    requests.set_assent(request_id, Assent.TIDAK_BERSEDIA, note="Siswa ingin berhenti dulu.")
    record = requests.get(request_id)
    assert record.status is RequestStatus.DITANGANI  # the case stays; nothing more is held
    cancelled = service.session(planned).record
    assert cancelled.status is SessionStatus.BATAL
    assert "menarik kesediaannya: Siswa ingin berhenti dulu." in cancelled.status_reason
    with pytest.raises(RuleViolation, match="bersedia"):
        service.plan_session(
            request_id, SessionPlan(start=school_slot(workspace, timedelta(days=2)))
        )
    # Willing again: counselling goes on.
    requests.set_assent(request_id, Assent.BERSEDIA)
    service.plan_session(request_id, SessionPlan(start=school_slot(workspace, timedelta(days=2))))


def test_withdrawing_before_the_first_session_closes_the_request_and_cancels_it(
    workspace: Workspace,
) -> None:
    request_id = scheduled(workspace)
    RequestService(workspace).set_assent(
        request_id, Assent.TIDAK_BERSEDIA, note="Siswa tidak mau dipanggil."
    )
    assert RequestService(workspace).get(request_id).status is RequestStatus.DITUTUP
    (session,) = CounsellingService(workspace).sessions_of_request(request_id)
    assert session.status is SessionStatus.BATAL
    assert session.status_reason == "Siswa tidak mau dipanggil."


def test_closing_the_case_finishes_its_request_and_plans_the_laijapang(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = scheduled(workspace)
    _, case_id = hold_session(workspace, clock, request_id)
    service = CounsellingService(workspace)
    leftover = service.plan_session(
        request_id, SessionPlan(start=school_slot(workspace, timedelta(days=3)))
    )
    with pytest.raises(ValidationError):
        service.close_case(case_id, CaseStatus.SELESAI, reason="ok")
    with pytest.raises(ValidationError, match="asesmen ulang"):
        service.close_case(case_id, CaseStatus.DIALIHTANGANKAN, reason="Perlu psikolog.")
    service.close_case(case_id, CaseStatus.SELESAI, reason="Tujuan konseling tercapai.")
    view = service.case(case_id)
    assert view.record.status is CaseStatus.SELESAI
    assert view.record.closed_on == date(2026, 11, 30)  # the day the session was held
    assert RequestService(workspace).get(request_id).status is RequestStatus.SELESAI
    assert service.session(leftover).record.status is SessionStatus.BATAL
    (laijapang,) = [f for f in view.follow_ups if f.kind is FollowUpKind.LAIJAPANG]
    assert laijapang.due_on.year == 2027  # the same week of Semester Genap
    with pytest.raises(RuleViolation, match="sudah ditutup"):
        service.close_case(case_id, CaseStatus.SELESAI, reason="Tujuan konseling tercapai.")
    with pytest.raises(ValidationError):
        service.record_follow_up(laijapang.id, result=" ")
    service.record_follow_up(laijapang.id, result="Nilai stabil, tidur teratur.")
    assert service.case(case_id).follow_ups[-1].done_on == date(2026, 11, 30)


def test_a_referral_decided_during_counselling_closes_the_case_as_dialihtangankan(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = scheduled(workspace)
    _, case_id = hold_session(workspace, clock, request_id)
    RequestService(workspace).transition(
        request_id, RequestStatus.DISARING, "Muncul tanda depresi berat."
    )
    assert CounsellingService(workspace).case(case_id).record.status is CaseStatus.PROSES
    screen(
        workspace,
        request_id,
        ServiceKind.ALIH_TANGAN_KASUS,
        risk=RiskLevel.TINGGI,
        referral=Referral(
            ReferralTarget.PSIKOLOG,
            "Di luar kewenangan guru BK.",
            "Ringkasan asesmen.",
            ConsentBasis.PERSETUJUAN_ORANG_TUA,
            target_name="Puskesmas Bontang Utara",
            consent_by="Siti Aminah",
            consent_relation="ibu",
            consent_date=date(2026, 11, 29),
            consent_channel="tertulis",
        ),
    )
    assert RequestService(workspace).get(request_id).status is RequestStatus.DIRUJUK
    case = CounsellingService(workspace).case(case_id).record
    assert case.status is CaseStatus.DIALIHTANGANKAN
    assert case.closed_on == date(2026, 11, 30)


def test_a_new_request_of_a_student_in_a_case_asks_to_join_it(
    workspace: Workspace, clock: FixedClock
) -> None:
    first = scheduled(workspace)
    _, case_id = hold_session(workspace, clock, first)
    requests = RequestService(workspace)
    student_id = requests.get(first).student_id
    form = RequestForm(
        student_id=student_id, source=RequestSource.SISWA_SENDIRI, reason="Bertengkar di kelas."
    )
    with pytest.raises(OpenCaseQuestion) as asked:
        requests.create(form)
    assert asked.value.case_id == case_id and asked.value.code in asked.value.message
    joined = requests.create(replace(form, join_case=True))
    alone = requests.create(replace(form, join_case=False, reason="Ingin konsultasi karier."))
    assert requests.get(joined).case_id == case_id
    assert requests.get(alone).case_id is None
    # The joined request goes through screening and scheduling, then continues the case.
    requests.set_assent(joined, Assent.BERSEDIA)
    screen(workspace, joined, ServiceKind.KONSELING_INDIVIDUAL)
    requests.agree_schedule(joined, school_slot(workspace, timedelta(hours=1)))
    session_id, joined_case = hold_session(workspace, clock, joined)
    service = CounsellingService(workspace)
    assert joined_case == case_id and service.session(session_id).record.number == 2
    assert service.case(case_id).record.request_ids == (first, joined)


def test_the_case_book_filters_and_edits(workspace: Workspace, clock: FixedClock) -> None:
    first = scheduled(workspace)
    _, case_id = hold_session(workspace, clock, first)
    other = scheduled(workspace, "Budi Santoso")
    _, other_case = hold_session(workspace, clock, other)
    service = CounsellingService(workspace)
    service.update_case(
        other_case,
        CaseDraft(
            bidang=frozenset({Bidang.SOSIAL}),
            confidentiality=Confidentiality.SANGAT_RAHASIA,
            identification="Dijauhi teman sekelas sejak Oktober.",
            treatment_goal="Siswa mampu memulai percakapan.",
        ),
    )
    with pytest.raises(CounsellingInvalid) as refused:
        service.update_case(other_case, CaseDraft(bidang=frozenset()))
    assert refused.value.field == "bidang"
    assert [c.id for c in service.cases(CaseFilter(search="budi"))] == [other_case]
    assert [c.id for c in service.cases(CaseFilter(bidang="belajar"))] == [case_id]
    assert [c.id for c in service.cases(CaseFilter(search="001/2026"))] == [case_id]
    assert {c.id for c in service.cases(CaseFilter(statuses=[CaseStatus.PROSES]))} == {
        case_id,
        other_case,
    }
    assert service.cases(CaseFilter(statuses=[CaseStatus.SELESAI])) == []
    stored = service.case(other_case).record
    assert stored.confidentiality is Confidentiality.SANGAT_RAHASIA
    assert stored.identification == "Dijauhi teman sekelas sejak Oktober."


def test_action_items_are_reviewed_and_past_ones_are_listed(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = scheduled(workspace)
    _, case_id = hold_session(
        workspace,
        clock,
        request_id,
        action_items=(
            ActionItemDraft(what="Menulis jurnal", due_on=date(2026, 12, 1)),
            ActionItemDraft(what="Bicara dengan ibu", due_on=date(2026, 12, 2)),
        ),
    )
    service = CounsellingService(workspace)
    items = service.case(case_id).action_items

    def past_review(day: date) -> list[tuple[date, int]]:
        noon = datetime.combine(day, time(12), tzinfo=workspace.settings().zone)
        return [(t.since, t.count) for t in HomeService(workspace).day(noon).action_plans]

    assert past_review(date(2026, 12, 2)) == [(date(2026, 12, 1), 1)]
    service.set_action_status(items[0].id, ActionStatus.TERLAKSANA)
    assert past_review(date(2026, 12, 5)) == [(date(2026, 12, 2), 1)]
    assert audits(workspace, "action_item") == ["action_item.updated"]


def test_planned_sessions_whose_time_passed_are_to_be_recorded(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = scheduled(workspace, hours=1)
    service = CounsellingService(workspace)
    assert service.sessions_to_record() == []
    (planned,) = service.sessions_of_request(request_id)
    clock.advance(seconds=(planned.planned_end - workspace.now()).total_seconds())
    (waiting,) = service.sessions_to_record()
    assert waiting.request_id == request_id
    assert waiting.status_label(workspace.now()) == "Perlu dicatat"


def test_a_request_received_before_the_case_opened_continues_it(
    workspace: Workspace, clock: FixedClock
) -> None:
    first = scheduled(workspace)
    requests = RequestService(workspace)
    student_id = requests.get(first).student_id
    earlier = requests.create(
        RequestForm(
            student_id=student_id, source=RequestSource.SISWA_SENDIRI, reason="Sulit fokus."
        )
    )
    _, case_id = hold_session(workspace, clock, first)
    requests.set_assent(earlier, Assent.BERSEDIA)
    screen(workspace, earlier, ServiceKind.KONSELING_INDIVIDUAL)
    requests.agree_schedule(earlier, school_slot(workspace, timedelta(hours=1)))
    session_id, same_case = hold_session(workspace, clock, earlier)
    assert same_case == case_id
    assert CounsellingService(workspace).session(session_id).record.number == 2


def test_the_next_planned_session_is_the_earliest_still_planned(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = add_request(workspace)
    service = CounsellingService(workspace)
    assert service.next_planned(request_id) is None  # nothing agreed yet
    request_id = scheduled(workspace, "Budi Santoso")
    first = service.next_planned(request_id)
    assert first is not None and first.case_id is None
    assert first == service.sessions_of_request(request_id)[0]
    hold_session(workspace, clock, request_id)
    assert service.next_planned(request_id) is None  # held: nothing planned any more
    later = service.plan_session(
        request_id, SessionPlan(start=school_slot(workspace, timedelta(days=7)))
    )
    service.plan_session(request_id, SessionPlan(start=school_slot(workspace, timedelta(days=14))))
    planned = service.next_planned(request_id)
    assert planned is not None and planned.id == later
