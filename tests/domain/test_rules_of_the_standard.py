"""Rules of the standard kept in the domain (issue 11): reasons, read-only requests, the clock
of a request received anew or cancelled, the agreement floor, duplicates, adult consent,
identifiers of staff and students, and the school week."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bk_desktop.domain.accounts import validate_nip, validate_niy, validate_nuptk
from bk_desktop.domain.deadlines import DeadlineKind, SchedulingPolicy, scheduling_deadline
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.identifiers import nik_province_warning
from bk_desktop.domain.reasons import is_reason, reason_problem
from bk_desktop.domain.requests import (
    Assent,
    PastClock,
    RequestRecord,
    RequestSource,
    RequestStatus,
    Urgency,
    duplicate_of,
    earliest_agreement,
    is_read_only,
    move_problem,
)
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.domain.screening import (
    Bidang,
    ConsentBasis,
    Referral,
    ReferralTarget,
    ScreeningDraft,
    ServiceKind,
    age_on,
)
from bk_desktop.domain.settings import Settings

S = RequestStatus
RECEIVED = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)  # Monday 09.00 WITA


def _record(**changes: object) -> RequestRecord:
    values: dict[str, object] = {
        "id": 1,
        "student_id": 1,
        "student_name": "Ani Lestari",
        "rombel": "X IPA 1",
        "source": RequestSource.SISWA_SENDIRI,
        "referrer_name": "",
        "referrer_role": "",
        "received_at": RECEIVED,
        "recorded_at": RECEIVED,
        "backdate_reason": "",
        "received_by": "akun",
        "reason": "Ingin bercerita.",
        "urgency": Urgency.BIASA,
        "status": S.DITERIMA,
        "assent": Assent.BELUM_DITANYAKAN,
        "assent_date": None,
        "assent_note": "",
        "deadline_at": RECEIVED + timedelta(hours=24),
        "agreed_at": None,
        "session_at": None,
        "deadline_met": None,
        "risk": None,
    }
    values.update(changes)
    return RequestRecord(**values)  # type: ignore[arg-type]


# -- the reason rule -----------------------------------------------------------------------


@pytest.mark.parametrize("placeholder", ["-", "x", "ok", "OK.", "tidak ada", "Tidak ada", " - "])
def test_a_placeholder_is_not_a_reason(placeholder: str) -> None:
    problem = reason_problem(placeholder, "menutup permohonan ini")
    assert problem is not None and "bukan alasan" in problem
    assert not is_reason(placeholder)


@pytest.mark.parametrize("short", ["ab", "1234", "a.b", "  "])
def test_a_reason_has_at_least_three_letters(short: str) -> None:
    assert reason_problem(short, "menutup permohonan ini") is not None


def test_a_real_reason_passes() -> None:
    assert reason_problem("Siswa pindah sekolah.", "menutup permohonan ini") is None
    assert is_reason("Ujian")


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.DITERIMA, S.DITUTUP),
        (S.DITUTUP, S.DITERIMA),
        (S.MENUNGGU_JADWAL, S.DISARING),
        (S.TERJADWAL, S.MENUNGGU_JADWAL),
        (S.DITANGANI, S.SELESAI),
        (S.DIRUJUK, S.DISARING),
        (S.DIALIHKAN, S.DISARING),
    ],
)
def test_every_decided_move_refuses_a_placeholder_reason(
    current: RequestStatus, target: RequestStatus
) -> None:
    assert move_problem(current, target, assent=Assent.BERSEDIA, reason="-") is not None
    assert move_problem(current, target, assent=Assent.BERSEDIA, reason="Jadwal ujian.") is None


# -- read-only and the clock -----------------------------------------------------------------


def test_finished_and_closed_requests_are_read_only() -> None:
    assert is_read_only(S.SELESAI) and is_read_only(S.DITUTUP)
    assert not any(is_read_only(s) for s in set(S) - {S.SELESAI, S.DITUTUP})
    assert _record(status=S.SELESAI).is_read_only


def test_cancelled_slot_keeps_the_first_verdict_and_waits_for_a_new_time() -> None:
    agreed = RECEIVED + timedelta(hours=3)
    record = _record(status=S.MENUNGGU_JADWAL, agreed_at=agreed, session_at=None)
    assert record.waits_for_new_time
    state = record.clock(RECEIVED + timedelta(days=13))
    assert state is not None and state.kind is DeadlineKind.MET


def test_request_that_left_the_path_after_its_deadline_stays_late() -> None:
    left_late = _record(status=S.DITUTUP, clock_stopped_at=RECEIVED + timedelta(hours=30))
    state = left_late.clock(RECEIVED + timedelta(days=40))
    assert state is not None and state.kind is DeadlineKind.OVERDUE
    left_early = _record(status=S.DIALIHKAN, clock_stopped_at=RECEIVED + timedelta(hours=2))
    assert left_early.clock(RECEIVED + timedelta(days=40)) is None


def test_a_past_clock_keeps_its_verdict() -> None:
    past = PastClock(
        1, RECEIVED, RECEIVED + timedelta(hours=24), None, RECEIVED + timedelta(days=3)
    )
    state = past.clock(RECEIVED + timedelta(days=30))
    assert state is not None and state.is_late


def test_a_request_received_anew_counts_its_clock_from_then() -> None:
    reopened = RECEIVED + timedelta(days=5)
    assert _record(clock_started_at=reopened).receipt == reopened
    assert _record().receipt == RECEIVED


def test_agreement_cannot_precede_receipt_screening_or_assent() -> None:
    record = _record(clock_started_at=RECEIVED + timedelta(days=1))
    screened = RECEIVED + timedelta(days=1, hours=2)
    assent_day = RECEIVED + timedelta(days=1, hours=15)
    assert earliest_agreement(record, screened_at=None, assent_from=None) == record.receipt
    assert earliest_agreement(record, screened_at=screened, assent_from=None) == screened
    assert earliest_agreement(record, screened_at=screened, assent_from=assent_day) == assent_day


def test_a_duplicate_open_request_is_found_by_student_reason() -> None:
    open_one = _record(reason="Sering  tidak masuk.")
    closed = _record(id=2, status=S.DITUTUP, reason="Bertengkar.")
    assert duplicate_of([open_one, closed], "sering tidak masuk.") is open_one
    assert duplicate_of([open_one, closed], "Bertengkar.") is None


# -- consent, identifiers, school week ---------------------------------------------------------


def _referral_draft(basis: ConsentBasis, consent_date: date = date(2026, 11, 29)) -> ScreeningDraft:
    return ScreeningDraft(
        bidang=frozenset({Bidang.PRIBADI}),
        symptoms="Murung berkepanjangan.",
        risk=RiskLevel.TINGGI,
        decision=ServiceKind.ALIH_TANGAN_KASUS,
        reason="Perlu penanganan psikolog.",
        referral=Referral(
            ReferralTarget.PSIKOLOG,
            "Di luar kewenangan guru BK.",
            "Ringkasan asesmen awal.",
            basis,
            target_name="Biro Psikologi Harapan",
            consent_by="Ani Lestari",
            consent_relation="siswa",
            consent_date=consent_date,
            consent_channel="tertulis",
        ),
    )


def test_adult_consent_needs_a_birth_date_and_age_18() -> None:
    draft = _referral_draft(ConsentBasis.PERSETUJUAN_SISWA_DEWASA)
    today = date(2026, 11, 29)
    fifteen = date(2011, 5, 1)
    assert any("15 tahun" in e.message for e in draft.validate(birth_date=fifteen, today=today))
    assert any("Tanggal lahir" in e.message for e in draft.validate(birth_date=None, today=today))
    assert draft.validate(birth_date=date(2008, 11, 29), today=today) == []
    # Measured on the consent date, not today.
    earlier = _referral_draft(ConsentBasis.PERSETUJUAN_SISWA_DEWASA, date(2026, 11, 28))
    assert earlier.validate(birth_date=date(2008, 11, 29), today=today) != []


def test_age_counts_whole_years() -> None:
    assert age_on(date(2008, 11, 29), date(2026, 11, 28)) == 17
    assert age_on(date(2008, 11, 29), date(2026, 11, 29)) == 18


def test_parent_consent_does_not_look_at_the_age() -> None:
    draft = _referral_draft(ConsentBasis.PERSETUJUAN_ORANG_TUA)
    assert draft.referral is not None  # a parent's consent is given by ayah, ibu or wali
    draft = replace(draft, referral=replace(draft.referral, consent_relation="ibu"))
    assert draft.validate(birth_date=None, today=date(2026, 11, 29)) == []


def test_staff_numbers_take_ascii_digits_and_niy_its_own_shape() -> None:
    arabic = "١٩٧٥٠١٠١٢٠٠٠٠٣١٠٠١"
    with pytest.raises(ValidationError):
        validate_nip(arabic)
    with pytest.raises(ValidationError):
        validate_nuptk("١" * 16)
    assert validate_niy(" 1998.07.012 ") == "1998.07.012"
    assert validate_niy("YPI-0042") == "YPI-0042"
    with pytest.raises(ValidationError):
        validate_niy("tidak tahu")


def test_principal_signs_with_nip_niy_or_nuptk() -> None:
    assert Settings(principal_niy="1998.07.012").principal_identifier == ("NIY", "1998.07.012")
    assert Settings(principal_nuptk="1234567890123456").principal_identifier == (
        "NUPTK",
        "1234567890123456",
    )
    assert Settings().principal_identifier is None
    with pytest.raises(ValidationError) as caught:
        Settings(school_name="SMA", principal_niy="??").validated()
    assert caught.value.field == "principal_niy"


def test_nik_with_an_unissued_province_code_is_warned_about_not_refused() -> None:
    assert nik_province_warning("9901011234560001") is not None
    assert nik_province_warning("9501011234560001") is None  # Papua Selatan (2022)
    assert nik_province_warning("3201011234560001") is None
    assert nik_province_warning("12") is None  # malformed: the refusal is nik_error's


def test_school_week_passes_saturday_to_the_school_days_clock() -> None:
    six_days = Settings(school_name="SMA", school_week=(0, 1, 2, 3, 4, 5)).validated()
    assert six_days.weekend_days == (6,)
    saturday = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)  # 09.00 WITA
    policy = SchedulingPolicy(school_days_only=True, weekend=six_days.weekend_days)
    due = scheduling_deadline(saturday, policy, ZoneInfo("Asia/Makassar"))
    assert due == datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # Monday 09.00: Sunday skipped
    with pytest.raises(ValidationError):
        Settings(school_name="SMA", school_week=()).validated()
    with pytest.raises(ValidationError):
        Settings(school_name="SMA", school_week=tuple(range(7))).validated()
