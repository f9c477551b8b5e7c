"""Issue 11, items 6 and 7 in the domain: darurat kept in view until a tindakan darurat, and
the referral's own path."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bk_desktop.domain.emergency import EmergencyActionForm
from bk_desktop.domain.referrals import REFERRAL_STEPS, request_move_problem, step_problem
from bk_desktop.domain.requests import RequestSource, RequestStatus, Urgency, shown_urgency
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.domain.screening import (
    Bidang,
    ConsentBasis,
    Referral,
    ReferralStatus,
    ReferralTarget,
    ScreeningDraft,
    ServiceKind,
)

R = ReferralStatus
NOW = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
RECEIVED = NOW - timedelta(hours=2)


def _fields(form: EmergencyActionForm) -> set[str | None]:
    return {e.field for e in form.validate(received_at=RECEIVED, now=NOW)}


# -- item 7 ------------------------------------------------------------------------------------


def test_the_higher_of_intake_and_screening_counts_until_a_tindakan_darurat() -> None:
    assert shown_urgency(Urgency.DARURAT, RiskLevel.RENDAH, acted=False) is Urgency.DARURAT
    assert shown_urgency(Urgency.BIASA, RiskLevel.DARURAT, acted=False) is Urgency.DARURAT
    assert shown_urgency(Urgency.BIASA, RiskLevel.TINGGI, acted=False) is Urgency.SEGERA
    # Once acted on, the screening's judgement stands: it may lower the intake's urgency.
    assert shown_urgency(Urgency.DARURAT, RiskLevel.RENDAH, acted=True) is Urgency.BIASA
    assert shown_urgency(Urgency.DARURAT, None, acted=True) is Urgency.DARURAT


def test_a_tindakan_darurat_says_who_when_and_what() -> None:
    good = EmergencyActionForm(NOW, "Bu Sari (guru BK)", "Siswa diamankan, orang tua ditelepon.")
    assert _fields(good) == set()
    assert _fields(EmergencyActionForm(NOW, " ", "-")) == {"actor", "action"}
    assert _fields(EmergencyActionForm(NOW + timedelta(hours=1), "Bu Sari", "Ditenangkan.")) == {
        "done_at"
    }
    assert _fields(
        EmergencyActionForm(RECEIVED - timedelta(hours=1), "Bu Sari", "Ditenangkan.")
    ) == {"done_at"}


@pytest.mark.parametrize("risk", [RiskLevel.TINGGI, RiskLevel.DARURAT])
def test_high_risk_is_never_decided_without_follow_up(risk: RiskLevel) -> None:
    draft = ScreeningDraft(
        bidang=frozenset({Bidang.PRIBADI}),
        symptoms="Menyakiti diri.",
        risk=risk,
        decision=ServiceKind.TIDAK_PERLU_TINDAK_LANJUT,
        reason="Sudah tenang kembali.",
    )
    [error] = draft.validate()
    assert error.field == "decision" and risk.label.lower() in error.message


# -- item 6 ------------------------------------------------------------------------------------


def test_every_referral_names_its_recipient_and_starts_planned_or_sent() -> None:
    def errors(**changes: object) -> set[str | None]:
        values: dict[str, object] = {
            "target": ReferralTarget.UPTD_PPA,
            "reason": "Dugaan kekerasan di rumah.",
            "shared_information": "Ringkasan asesmen awal.",
            "consent_basis": ConsentBasis.PERSETUJUAN_ORANG_TUA,
            "target_name": "UPTD PPA Kota Bontang",
            "consent_by": "Siti Aminah",
            "consent_relation": "ibu",
            "consent_date": date(2026, 11, 2),
            "consent_channel": "tertulis",
        }
        values.update(changes)
        draft = ScreeningDraft(
            bidang=frozenset({Bidang.PRIBADI}),
            symptoms="Lebam di lengan.",
            risk=RiskLevel.TINGGI,
            decision=ServiceKind.ALIH_TANGAN_KASUS,
            reason="Perlu perlindungan anak.",
            referral=Referral(**values),  # type: ignore[arg-type]
        )
        return {e.field for e in draft.validate()}

    assert errors() == set()
    assert errors(status=R.DIKIRIM) == set()
    assert errors(target_name="") == {"referral.target_name"}
    assert errors(status=R.DITOLAK) == {"referral.status"}


def test_a_referral_goes_sent_accepted_then_finished_or_handed_back() -> None:
    assert REFERRAL_STEPS[R.DIRENCANAKAN] == {R.DIKIRIM, R.DIBATALKAN}
    assert REFERRAL_STEPS[R.DIKIRIM] == {R.DITERIMA, R.DITOLAK, R.DIBATALKAN}
    assert REFERRAL_STEPS[R.DITERIMA] == {R.SELESAI, R.DITOLAK}
    assert all(not REFERRAL_STEPS[end] for end in (R.SELESAI, R.DITOLAK, R.DIBATALKAN))


def test_ending_a_referral_needs_a_reason_and_a_date_in_order() -> None:
    today = date(2026, 11, 10)
    since = date(2026, 11, 5)

    def problem(current: R, target: R, on: date = today, reason: str = "") -> str | None:
        return step_problem(current, target, on=on, since=since, today=today, reason=reason)

    assert problem(R.DIRENCANAKAN, R.DIKIRIM) is None
    assert problem(R.DIKIRIM, R.DITERIMA) is None
    for current, target in ((R.DITERIMA, R.DITOLAK), (R.DITERIMA, R.SELESAI)):
        assert "alasan" in (problem(current, target, reason="-") or "").lower()
        assert problem(current, target, reason="Dikembalikan, perlu pendampingan sekolah.") is None
    assert "masa depan" in (problem(R.DIKIRIM, R.DITERIMA, on=today + timedelta(days=1)) or "")
    assert "sebelum" in (problem(R.DIKIRIM, R.DITERIMA, on=since - timedelta(days=1)) or "")
    assert "berakhir" in (problem(R.SELESAI, R.DITERIMA) or "")


def test_a_referred_permohonan_waits_until_its_referral_ended() -> None:
    for running in (R.DIRENCANAKAN, R.DIKIRIM, R.DITERIMA):
        for target in (RequestStatus.DISARING, RequestStatus.DITUTUP, RequestStatus.SELESAI):
            assert "masih berjalan" in (request_move_problem(running, target) or "")
    for ended in (R.DITOLAK, R.DIBATALKAN, R.SELESAI):
        assert request_move_problem(ended, RequestStatus.DISARING) is None
        assert request_move_problem(ended, RequestStatus.DITUTUP) is None
    assert request_move_problem(R.SELESAI, RequestStatus.SELESAI) is None
    assert request_move_problem(R.DITOLAK, RequestStatus.SELESAI) is not None


def test_an_incoming_referral_from_a_professional_is_a_request_source() -> None:
    source = RequestSource.RUJUKAN_PROFESIONAL
    assert source.names_a_referrer
    assert "profesional" in source.label.lower()
