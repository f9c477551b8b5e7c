"""Requests: intake rules, assent, the status machine, the 1×24 h clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.deadlines import DeadlineKind
from bk_desktop.domain.errors import KnownError, RuleViolation, ValidationError
from bk_desktop.domain.requests import Assent, RequestSource, RequestStatus, Urgency
from bk_desktop.domain.screening import Bidang, RiskLevel, ScreeningDraft, ServiceKind
from bk_desktop.domain.students import StudentDraft, StudentStatus
from bk_desktop.services.requests import RequestForm, RequestInvalid, RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo

from support import START, hold_session, school_slot


def student(workspace: Workspace, **changes: object) -> int:
    return StudentService(workspace).create(StudentDraft(name="Ani Lestari", **changes))  # type: ignore[arg-type]


def form(student_id: int, **changes: object) -> RequestForm:
    values: dict[str, object] = {
        "student_id": student_id,
        "source": RequestSource.WALI_KELAS,
        "reason": "Sering tidak masuk tiga hari terakhir.",
        "referrer_name": "Budi Santoso",
        "referrer_role": "Wali kelas X IPA 1",
    }
    values.update(changes)
    return RequestForm(**values)  # type: ignore[arg-type]


def screen(workspace: Workspace, request_id: int, decision: ServiceKind) -> None:
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.BELAJAR}),
            symptoms="Sering absen.",
            risk=RiskLevel.SEDANG,
            decision=decision,
            reason="Perlu didengar langsung.",
        ),
    )


def rows(workspace: Workspace, table: str) -> int:
    return int(workspace.db.scalar(f"SELECT count(*) FROM {table}"))


def status_audits(workspace: Workspace) -> list[str]:
    return [
        r["detail"]
        for r in workspace.db.all(
            "SELECT detail FROM audit_event WHERE kind = 'request.status' ORDER BY id"
        )
    ]


def test_request_is_received_now_with_a_24_hour_deadline(workspace: Workspace) -> None:
    service = RequestService(workspace)
    request_id = service.create(form(student(workspace)))
    record = service.get(request_id)
    assert record.status is RequestStatus.DITERIMA
    assert record.received_at == START
    assert record.deadline_at == START + timedelta(hours=24)
    assert record.received_by == workspace.account.id
    assert record.assent is Assent.BELUM_DITANYAKAN
    item = service.item(request_id, START + timedelta(hours=20, minutes=30))
    assert item.deadline is not None
    assert item.deadline.kind is DeadlineKind.ON_TIME
    assert item.countdown == "Sisa 3 jam 30 menit"
    event = audit_repo.latest(workspace.db, "request.created")
    assert event is not None
    assert event.target_id == str(request_id)
    assert event.detail == ""


@pytest.mark.parametrize(
    "status", [StudentStatus.PINDAH, StudentStatus.LULUS, StudentStatus.KELUAR]
)
def test_student_who_is_not_aktif_is_refused_with_the_reason(
    workspace: Workspace, status: StudentStatus
) -> None:
    student_id = student(workspace, status=status, status_date=date(2026, 10, 1))
    with pytest.raises(RuleViolation) as caught:
        RequestService(workspace).create(form(student_id))
    assert status.value in caught.value.message
    assert "1 Oktober 2026" in caught.value.message
    assert rows(workspace, "request") == 0


def test_referrer_and_reason_are_required(workspace: Workspace) -> None:
    with pytest.raises(RequestInvalid) as caught:
        RequestService(workspace).create(form(student(workspace), referrer_name=" ", reason=""))
    assert {e.field for e in caught.value.errors} == {"referrer_name", "reason"}


def test_a_named_referrer_needs_a_role_or_relation(workspace: Workspace) -> None:
    with pytest.raises(RequestInvalid) as caught:
        RequestService(workspace).create(form(student(workspace), referrer_role="  "))
    assert [e.field for e in caught.value.errors] == ["referrer_role"]
    assert rows(workspace, "request") == 0


def test_self_referral_needs_no_referrer(workspace: Workspace) -> None:
    service = RequestService(workspace)
    request_id = service.create(
        form(student(workspace), source=RequestSource.SISWA_SENDIRI, referrer_name="")
    )
    assert service.get(request_id).source is RequestSource.SISWA_SENDIRI


def test_back_dated_request_needs_a_reason_and_keeps_its_clock(workspace: Workspace) -> None:
    service = RequestService(workspace)
    student_id = student(workspace)
    earlier = START - timedelta(hours=3)
    with pytest.raises(RequestInvalid) as caught:
        service.create(form(student_id, received_at=earlier))
    assert caught.value.field == "backdate_reason"
    request_id = service.create(
        form(student_id, received_at=earlier, backdate_reason="Disampaikan lisan di kelas.")
    )
    record = service.get(request_id)
    assert record.received_at == earlier
    assert record.recorded_at == START
    assert record.deadline_at == earlier + timedelta(hours=24)
    # A few minutes of typing is not back-dating.
    service.create(
        form(student_id, received_at=START - timedelta(minutes=10), reason="Bertengkar di kelas.")
    )


def test_future_receipt_is_refused(workspace: Workspace) -> None:
    with pytest.raises(RequestInvalid) as caught:
        RequestService(workspace).create(
            form(student(workspace), received_at=START + timedelta(hours=1))
        )
    assert caught.value.field == "received_at"


def test_tidak_bersedia_closes_with_the_reason_and_can_be_reopened(workspace: Workspace) -> None:
    service = RequestService(workspace)
    request_id = service.create(form(student(workspace)))
    with pytest.raises(ValidationError):
        service.set_assent(request_id, Assent.TIDAK_BERSEDIA)
    assert service.get(request_id).assent is Assent.BELUM_DITANYAKAN
    status = service.set_assent(
        request_id, Assent.TIDAK_BERSEDIA, note="Belum siap bercerita sekarang."
    )
    assert status is RequestStatus.DITUTUP
    record = service.get(request_id)
    assert record.assent is Assent.TIDAK_BERSEDIA
    assert record.assent_date == date(2026, 11, 29)
    assert service.events(request_id)[-1].reason == "Belum siap bercerita sekarang."
    # A closed request is read-only; reopening needs a reason and asks the assent again.
    with pytest.raises(RuleViolation, match="tidak dapat diubah lagi"):
        service.set_assent(request_id, Assent.BERSEDIA, note="Siswa bersedia.")
    with pytest.raises(RuleViolation):
        service.transition(request_id, RequestStatus.DITERIMA)
    service.transition(request_id, RequestStatus.DITERIMA, "Siswa datang sendiri.")
    reopened = service.get(request_id)
    assert reopened.status is RequestStatus.DITERIMA
    assert (reopened.assent, reopened.assent_date) == (Assent.BELUM_DITANYAKAN, None)
    assert status_audits(workspace) == ["diterima>ditutup", "ditutup>diterima"]


def test_reopening_restarts_the_24_hour_clock(workspace: Workspace, clock: FixedClock) -> None:
    service = RequestService(workspace)
    request_id = service.create(form(student(workspace)))
    service.set_assent(request_id, Assent.TIDAK_BERSEDIA, note="Belum siap.")
    clock.advance(days=3)
    service.transition(request_id, RequestStatus.DITERIMA, "Siswa datang lagi.")
    item = service.item(request_id)
    assert item.record.deadline_at == clock.now() + timedelta(hours=24)
    assert item.deadline is not None
    assert not item.is_overdue


def test_not_willing_student_cannot_be_scheduled(workspace: Workspace) -> None:
    service = RequestService(workspace)
    request_id = service.create(form(student(workspace)))
    screen(workspace, request_id, ServiceKind.KONSELING_INDIVIDUAL)
    with pytest.raises(RuleViolation, match="Kesediaan siswa belum ditanyakan"):
        service.agree_schedule(request_id, school_slot(workspace, timedelta(hours=3)))
    assert service.get(request_id).status is RequestStatus.MENUNGGU_JADWAL
    assert service.get(request_id).agreed_at is None


def test_illegal_transition_is_refused_and_writes_nothing(workspace: Workspace) -> None:
    service = RequestService(workspace)
    request_id = service.create(form(student(workspace)))
    audits, events = audit_repo.count(workspace.db), rows(workspace, "request_event")
    for target in (RequestStatus.SELESAI, RequestStatus.DITANGANI, RequestStatus.TERJADWAL):
        with pytest.raises(RuleViolation):
            service.transition(request_id, target, "alasan")
    with pytest.raises(RuleViolation):
        service.transition(request_id, RequestStatus.DISARING)  # only through a screening
    with pytest.raises(RuleViolation):
        service.transition(request_id, RequestStatus.DITUTUP)  # closing needs a reason
    assert service.get(request_id).status is RequestStatus.DITERIMA
    assert audit_repo.count(workspace.db) == audits
    assert rows(workspace, "request_event") == events
    assert service.allowed_targets(request_id) == {RequestStatus.DITUTUP}


def test_every_transition_is_audited_and_kept_in_history(
    workspace: Workspace, clock: FixedClock
) -> None:
    service = RequestService(workspace)
    request_id = service.create(form(student(workspace)))
    service.set_assent(request_id, Assent.BERSEDIA)
    screen(workspace, request_id, ServiceKind.KONSELING_INDIVIDUAL)
    service.agree_schedule(request_id, school_slot(workspace, timedelta(hours=2)))
    service.transition(request_id, RequestStatus.MENUNGGU_JADWAL, "Jadwal bentrok ujian.")
    service.agree_schedule(request_id, school_slot(workspace, timedelta(hours=5)))
    with pytest.raises(RuleViolation, match="tab Konseling"):
        service.transition(request_id, RequestStatus.DITANGANI)
    hold_session(workspace, clock, request_id)
    service.transition(request_id, RequestStatus.SELESAI, "Tujuan konseling tercapai.")
    moves = [
        "diterima>disaring",
        "disaring>menunggu_jadwal",
        "menunggu_jadwal>terjadwal",
        "terjadwal>menunggu_jadwal",
        "menunggu_jadwal>terjadwal",
        "terjadwal>ditangani",
        "ditangani>selesai",
    ]
    assert status_audits(workspace) == moves
    history = service.events(request_id)
    assert [e.to_status.value for e in history] == ["diterima"] + [m.split(">")[1] for m in moves]
    assert history[4].reason == "Jadwal bentrok ujian."
    assert all(e.account_id == workspace.account.id for e in history)
    assert audit_repo.latest(workspace.db, "request.assent") is not None


def test_schedule_agreed_within_24_hours_meets_the_deadline(
    workspace: Workspace, clock: FixedClock
) -> None:
    service = RequestService(workspace)
    request_id = service.create(form(student(workspace)))
    service.set_assent(request_id, Assent.BERSEDIA)
    screen(workspace, request_id, ServiceKind.KONSELING_INDIVIDUAL)
    clock.advance(hours=23, minutes=59)
    session_at = school_slot(workspace, timedelta(days=2))
    state = service.agree_schedule(request_id, session_at)
    assert state.kind is DeadlineKind.MET
    record = service.get(request_id)
    assert record.status is RequestStatus.TERJADWAL
    assert record.deadline_met is True
    assert record.session_at == session_at
    assert record.agreed_at == START + timedelta(hours=23, minutes=59)


def test_schedule_agreed_late_misses_the_deadline(workspace: Workspace, clock: FixedClock) -> None:
    service = RequestService(workspace)
    request_id = service.create(form(student(workspace)))
    service.set_assent(request_id, Assent.BERSEDIA)
    screen(workspace, request_id, ServiceKind.KONSELING_INDIVIDUAL)
    clock.advance(hours=25)
    assert service.item(request_id).countdown == "Terlambat 1 jam"
    state = service.agree_schedule(request_id, school_slot(workspace, timedelta(days=2)))
    assert state.kind is DeadlineKind.MISSED
    assert service.get(request_id).deadline_met is False
    assert service.item(request_id).countdown == "Terjadwal terlambat 1 jam"


def test_agreement_time_may_be_given_explicitly(workspace: Workspace, clock: FixedClock) -> None:
    service = RequestService(workspace)
    request_id = service.create(form(student(workspace)))
    service.set_assent(request_id, Assent.BERSEDIA)
    screen(workspace, request_id, ServiceKind.KONSELING_INDIVIDUAL)
    clock.advance(hours=30)
    state = service.agree_schedule(
        request_id,
        START + timedelta(days=2),
        agreed_at=START + timedelta(hours=20),
        backdate_reason="Disepakati lisan di kelas; dicatat sore ini.",
    )
    assert state.kind is DeadlineKind.MET
    with pytest.raises(KnownError):
        service.agree_schedule(
            request_id, school_slot(workspace, timedelta(days=3))
        )  # already terjadwal


def test_school_days_mode_skips_the_weekend_and_holidays(
    workspace: Workspace, clock: FixedClock
) -> None:
    settings = SettingsService(workspace)
    settings.save(replace(settings.get(), school_days_only=True, holidays=("2026-11-30",)))
    service = RequestService(workspace)
    # Friday 27 November 2026, 10.00 WITA (02.00 UTC); Saturday, Sunday and the Monday
    # holiday are skipped, so the deadline is Tuesday 1 December 10.00 WITA.
    friday = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)
    request_id = service.create(
        form(student(workspace), received_at=friday, backdate_reason="Dicatat dari buku tamu.")
    )
    assert service.get(request_id).deadline_at == datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
    service.set_assent(request_id, Assent.BERSEDIA)
    screen(workspace, request_id, ServiceKind.KONSELING_INDIVIDUAL)
    clock.advance(days=2)  # Tuesday 1 December 08.30 WITA: calendar hours would be late
    state = service.agree_schedule(request_id, datetime(2026, 12, 2, 1, 0, tzinfo=UTC))
    assert state.kind is DeadlineKind.MET


def test_list_shows_clocks_and_filters(workspace: Workspace, clock: FixedClock) -> None:
    service = RequestService(workspace)
    student_id = student(workspace)
    first = service.create(form(student_id))
    clock.advance(hours=1)
    second = service.create(form(student_id, urgency=Urgency.SEGERA, reason="Berkelahi di kantin."))
    service.set_assent(second, Assent.TIDAK_BERSEDIA, note="Menolak.")
    items = service.list()
    assert [i.id for i in items] == [second, first]
    assert items[1].deadline is not None
    assert items[0].deadline is None
    assert [i.id for i in service.list(statuses={RequestStatus.DITERIMA})] == [first]
    assert [i.id for i in service.list(student_id=student_id, newest_first=False)] == [
        first,
        second,
    ]


def test_holiday_settings_are_checked_and_kept_sorted(workspace: Workspace) -> None:
    settings = SettingsService(workspace)
    with pytest.raises(ValidationError) as caught:
        settings.save(replace(settings.get(), holidays=("25-12-2026",)))
    assert caught.value.field == "holidays"
    settings.save(replace(settings.get(), holidays=("2026-12-25", "2026-08-17", "2026-12-25")))
    assert workspace.settings().holidays == ("2026-08-17", "2026-12-25")
