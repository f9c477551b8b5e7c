"""Rules of the standard the services keep (issue 11), each on a real vault."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import SessionReport
from bk_desktop.domain.deadlines import DeadlineKind
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
from bk_desktop.domain.students import StudentDraft, StudentStatus
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.queues import QueueService
from bk_desktop.services.requests import DuplicateRequest, RequestForm, RequestService
from bk_desktop.services.screening import ScreeningInvalid, ScreeningService
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.storage.kdf import TEST_PARAMS

from support import hold_session, school_slot

WITA = ZoneInfo("Asia/Makassar")


def wita(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WITA)


def set_clock(clock: FixedClock, moment: datetime) -> None:
    clock.advance(seconds=(moment - clock.now()).total_seconds())


def student(workspace: Workspace, name: str = "Ani Lestari", **changes: object) -> int:
    return StudentService(workspace).create(StudentDraft(name=name, **changes))  # type: ignore[arg-type]


def receive(workspace: Workspace, student_id: int, reason: str = "Sering murung.") -> int:
    return RequestService(workspace).create(
        RequestForm(student_id=student_id, source=RequestSource.SISWA_SENDIRI, reason=reason)
    )


def draft(decision: ServiceKind, **changes: object) -> ScreeningDraft:
    values: dict[str, object] = {
        "bidang": frozenset({Bidang.PRIBADI}),
        "symptoms": "Murung.",
        "risk": RiskLevel.SEDANG,
        "decision": decision,
        "reason": "Perlu didengar langsung.",
    }
    values.update(changes)
    return ScreeningDraft(**values)  # type: ignore[arg-type]


def scheduled(workspace: Workspace, request_id: int) -> None:
    """Screened for konseling individual, willing, and a time agreed now."""
    service = RequestService(workspace)
    service.set_assent(request_id, Assent.BERSEDIA)
    ScreeningService(workspace).record(request_id, draft(ServiceKind.KONSELING_INDIVIDUAL))
    service.agree_schedule(request_id, school_slot(workspace, timedelta(days=1)))


def leave_school(workspace: Workspace, student_id: int) -> None:
    service = StudentService(workspace)
    stored = service.get(student_id)
    service.update(
        student_id,
        replace(stored, status=StudentStatus.PINDAH, status_date=date(2026, 11, 29)),
    )


# -- 1: every serving step checks enrolment ---------------------------------------------------


def test_a_student_who_left_is_not_screened_scheduled_or_counselled(
    workspace: Workspace,
) -> None:
    requests = RequestService(workspace)
    screened_id = student(workspace)
    waiting = receive(workspace, screened_id)
    counselled = receive(workspace, screened_id, "Bertengkar dengan teman.")
    scheduled(workspace, counselled)
    leave_school(workspace, screened_id)
    with pytest.raises(RuleViolation, match="pindah"):
        ScreeningService(workspace).record(waiting, draft(ServiceKind.KONSELING_INDIVIDUAL))
    session = CounsellingService(workspace).sessions_of_request(counselled)[0]
    with pytest.raises(RuleViolation, match="Tutup semua"):
        CounsellingService(workspace).record_session(
            session.id,
            SessionReport(
                actual_start=workspace.now() - timedelta(minutes=50),
                actual_end=workspace.now() - timedelta(minutes=5),
            ),
        )
    with pytest.raises(RuleViolation):
        requests.set_assent(waiting, Assent.BERSEDIA)
    # Beranda's grouped task closes them all at once, each with the student's status as reason.
    task = QueueService(workspace).departed()
    assert task is not None and task.text == "2 permohonan siswa yang sudah keluar"
    assert requests.close_departed() == 2
    assert QueueService(workspace).departed() is None
    assert requests.get(waiting).status is RequestStatus.DITUTUP
    assert "pindah" in requests.events(counselled)[-1].reason


# -- 2: decisions only through the screening --------------------------------------------------


def test_decisions_are_made_only_through_the_screening(
    workspace: Workspace, clock: FixedClock
) -> None:
    requests = RequestService(workspace)
    request_id = receive(workspace, student(workspace))
    ScreeningService(workspace).record(request_id, draft(ServiceKind.KONSELING_INDIVIDUAL))
    requests.transition(request_id, RequestStatus.DISARING, "Keputusan perlu ditinjau.")
    for target in (RequestStatus.DIRUJUK, RequestStatus.SELESAI, RequestStatus.MENUNGGU_JADWAL):
        with pytest.raises(RuleViolation, match="melalui asesmen"):
            requests.transition(request_id, target, "Sudah dibicarakan.")
        assert target not in requests.allowed_targets(request_id)
    scheduled_id = receive(workspace, student(workspace, "Budi Santoso"))
    scheduled(workspace, scheduled_id)
    hold_session(workspace, clock, scheduled_id)
    with pytest.raises(RuleViolation, match="melalui asesmen"):
        requests.transition(scheduled_id, RequestStatus.DIRUJUK, "Perlu psikolog.")
    # During counselling the decision is revised by a new screening, which the history shows.
    ScreeningService(workspace).record(
        scheduled_id, draft(ServiceKind.BIMBINGAN_KELOMPOK, reason="Lebih cocok berkelompok.")
    )
    moves = [(e.from_status, e.to_status) for e in requests.events(scheduled_id)][-2:]
    assert moves == [
        (RequestStatus.DITANGANI, RequestStatus.DISARING),
        (RequestStatus.DISARING, RequestStatus.DIALIHKAN),
    ]


# -- 3: back-dating "disepakati pada" ---------------------------------------------------------


def test_back_dated_agreement_needs_a_reason_a_floor_and_is_audited(
    workspace: Workspace, clock: FixedClock
) -> None:
    requests = RequestService(workspace)
    request_id = receive(workspace, student(workspace))
    clock.advance(hours=2)
    requests.set_assent(request_id, Assent.BERSEDIA)
    ScreeningService(workspace).record(request_id, draft(ServiceKind.KONSELING_INDIVIDUAL))
    screened_at = clock.now()
    clock.advance(hours=5)
    session = school_slot(workspace, timedelta(days=1))
    with pytest.raises(ValidationError) as caught:
        requests.agree_schedule(request_id, session, agreed_at=screened_at + timedelta(hours=1))
    assert caught.value.field == "agreement_reason"
    with pytest.raises(ValidationError, match="tidak boleh sebelum"):
        requests.agree_schedule(
            request_id,
            session,
            agreed_at=screened_at - timedelta(hours=1),  # before the screening
            backdate_reason="Disepakati lisan di kelas.",
        )
    assert audit_repo.latest(workspace.db, "request.agreement_backdated") is None
    state = requests.agree_schedule(
        request_id,
        session,
        agreed_at=screened_at + timedelta(hours=1),
        backdate_reason="Disepakati lisan di kelas.",
    )
    assert state.kind is DeadlineKind.MET
    assert audit_repo.latest(workspace.db, "request.agreement_backdated") is not None
    assert "dicatat mundur" in requests.events(request_id)[-1].reason


# -- 4: a cancelled slot ----------------------------------------------------------------------


def test_cancelled_slot_keeps_the_first_verdict_and_waits_for_a_new_time(
    workspace: Workspace, clock: FixedClock
) -> None:
    requests = RequestService(workspace)
    request_id = receive(workspace, student(workspace))
    scheduled(workspace, request_id)
    with pytest.raises(RuleViolation, match="membatalkan jadwal"):
        requests.cancel_schedule(request_id, "-")
    requests.cancel_schedule(request_id, "Siswa sakit pada hari itu.")
    record = requests.get(request_id)
    assert record.status is RequestStatus.MENUNGGU_JADWAL
    assert record.session_at is None and record.waits_for_new_time
    home = QueueService(workspace).home()
    assert [(i.request_id, i.stage) for i in home] == [(request_id, "Menunggu jadwal baru")]
    # The list says it waits again, and that the first agreement was on time; never just
    # "Terjadwal tepat waktu" beside a status that says it has no slot.
    (item,) = [i for i in requests.list() if i.record.id == request_id]
    assert item.countdown == "Menunggu jadwal baru (kesepakatan pertama tepat waktu)"
    clock.advance(days=13)
    state = requests.agree_schedule(request_id, school_slot(workspace, timedelta(days=1)))
    assert state.kind is DeadlineKind.MET  # the first agreement was within 1×24 h
    assert requests.get(request_id).deadline_met is True


# -- 5: adult consent -------------------------------------------------------------------------


def test_adult_consent_is_refused_for_a_student_under_18(workspace: Workspace) -> None:
    referral = Referral(
        ReferralTarget.PSIKOLOG,
        "Di luar kewenangan guru BK.",
        "Ringkasan asesmen awal.",
        ConsentBasis.PERSETUJUAN_SISWA_DEWASA,
        target_name="Biro Psikologi Harapan",
        consent_by="Budi Santoso",
        consent_relation="siswa sendiri",
        consent_date=date(2026, 11, 2),
        consent_channel="tertulis",
    )
    young = receive(workspace, student(workspace, birth_date=date(2011, 5, 1)))
    with pytest.raises(ScreeningInvalid, match="15 tahun"):
        ScreeningService(workspace).record(
            young, draft(ServiceKind.ALIH_TANGAN_KASUS, referral=referral)
        )
    adult = receive(workspace, student(workspace, "Budi Santoso", birth_date=date(2008, 1, 2)))
    outcome = ScreeningService(workspace).record(
        adult, draft(ServiceKind.ALIH_TANGAN_KASUS, referral=referral)
    )
    assert outcome.status is RequestStatus.DIRUJUK


# -- 8: the month share by month of receipt ---------------------------------------------------


def test_month_share_keeps_late_requests_after_closing_diverting_and_reopening(
    workspace: Workspace, clock: FixedClock
) -> None:
    requests = RequestService(workspace)
    set_clock(clock, wita(2026, 11, 9, 8))
    ids = [
        receive(workspace, student(workspace, name)) for name in ("Ayu", "Budi", "Citra", "Dewi")
    ]
    set_clock(clock, wita(2026, 11, 11, 8))  # every one is 24 h overdue
    assert QueueService(workspace).month_share().decided == 4
    requests.transition(ids[0], RequestStatus.DITUTUP, "Siswa menarik permohonannya.")
    ScreeningService(workspace).record(ids[1], draft(ServiceKind.BIMBINGAN_KLASIKAL))
    requests.transition(ids[2], RequestStatus.DITUTUP, "Siswa belum bisa dihubungi.")
    set_clock(clock, wita(2026, 12, 2, 8))
    requests.transition(ids[2], RequestStatus.DITERIMA, "Siswa datang lagi.")
    november = QueueService(workspace).month_share(wita(2026, 12, 2, 9))
    assert (november.met, november.decided) == (0, 0)  # December has only a new clock
    share = QueueService(workspace).month_share(wita(2026, 11, 30, 9))
    assert (share.met, share.decided) == (0, 4)
    # The reopened request has a new clock counted in December.
    reopened = requests.get(ids[2])
    assert reopened.receipt == wita(2026, 12, 2, 8)
    assert not requests.item(ids[2]).is_overdue


# -- 9, 10: reasons and read-only -------------------------------------------------------------


def test_placeholder_reasons_are_refused_everywhere_a_decision_is_recorded(
    workspace: Workspace,
) -> None:
    requests = RequestService(workspace)
    request_id = receive(workspace, student(workspace))
    for placeholder in ("-", "x", "ok", "tidak ada"):
        with pytest.raises(RuleViolation):
            requests.transition(request_id, RequestStatus.DITUTUP, placeholder)
    with pytest.raises(ValidationError):
        requests.set_assent(request_id, Assent.TIDAK_BERSEDIA, note="-")
    with pytest.raises(ScreeningInvalid):
        ScreeningService(workspace).record(
            request_id, draft(ServiceKind.KONSELING_INDIVIDUAL, reason="ok")
        )
    assert requests.get(request_id).status is RequestStatus.DITERIMA


def test_finished_requests_are_read_only_and_assent_never_precedes_receipt(
    workspace: Workspace,
) -> None:
    requests = RequestService(workspace)
    request_id = receive(workspace, student(workspace))
    with pytest.raises(ValidationError, match="sebelum permohonan diterima"):
        requests.set_assent(request_id, Assent.BERSEDIA, on=date(2020, 1, 6))
    ScreeningService(workspace).record(request_id, draft(ServiceKind.TIDAK_PERLU_TINDAK_LANJUT))
    assert requests.get(request_id).status is RequestStatus.SELESAI
    with pytest.raises(RuleViolation, match="tidak dapat diubah lagi"):
        requests.set_assent(request_id, Assent.BERSEDIA)
    assert requests.get(request_id).assent is Assent.BELUM_DITANYAKAN


# -- 13: duplicates ---------------------------------------------------------------------------


def test_a_second_identical_open_request_is_warned_about(workspace: Workspace) -> None:
    requests = RequestService(workspace)
    student_id = student(workspace)
    first = receive(workspace, student_id, "Sering murung di kelas.")
    form = RequestForm(
        student_id=student_id, source=RequestSource.SISWA_SENDIRI, reason="sering murung di kelas."
    )
    with pytest.raises(DuplicateRequest) as caught:
        requests.create(form)
    assert caught.value.existing.id == first
    second = requests.create(form, allow_duplicate=True)
    assert second != first


# -- 15: NIY for counsellors ------------------------------------------------------------------


def test_counsellors_keep_a_niy(workspace: Workspace) -> None:
    accounts = AccountService(workspace, KdfChooser(TEST_PARAMS))
    me = workspace.account
    updated = accounts.update_profile(
        me, name=me.name, nip=me.nip, nuptk=me.nuptk, niy="1998.07.012"
    )
    assert updated.niy == "1998.07.012"
    assert next(a for a in accounts.list() if a.id == me.id).niy == "1998.07.012"
    # A form without the field keeps it.
    accounts.update_profile(updated, name="Nama Baru", nip=me.nip, nuptk=me.nuptk)
    assert next(a for a in accounts.list() if a.id == me.id).niy == "1998.07.012"
