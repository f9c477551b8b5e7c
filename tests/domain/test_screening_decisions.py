"""Screening: what must be filled in, referral safeguards, and where each decision leads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from bk_desktop.domain.requests import RequestStatus
from bk_desktop.domain.screening import (
    EMERGENCY_PROTOCOL_MISSING,
    OTHER_SERVICES,
    Bidang,
    ConsentBasis,
    Referral,
    ReferralStatus,
    ReferralTarget,
    RiskLevel,
    ScreeningDraft,
    ServiceKind,
    emergency_protocol_text,
    request_status_after,
    validate_choices,
)


def _screening(**changes: object) -> ScreeningDraft:
    values: dict[str, object] = {
        "bidang": frozenset({Bidang.BELAJAR, Bidang.PRIBADI}),
        "symptoms": "Sering terlambat dan mengantuk di kelas",
        "causes": "Bekerja malam membantu orang tua",
        "root_cause": "Ekonomi keluarga",
        "risk": RiskLevel.SEDANG,
        "decision": ServiceKind.KONSELING_INDIVIDUAL,
        "reason": "Masalah pribadi perlu didalami empat mata",
    }
    values.update(changes)
    return ScreeningDraft(**values)  # type: ignore[arg-type]


def _referral(**changes: object) -> Referral:
    values: dict[str, object] = {
        "target": ReferralTarget.PSIKOLOG,
        "target_name": "Biro Psikologi Harapan",
        "reason": "Gejala kecemasan berat di luar kompetensi guru BK",
        "shared_information": "Ringkasan asesmen awal, tanpa catatan sesi",
        "consent_basis": ConsentBasis.PERSETUJUAN_ORANG_TUA,
        "consent_by": "Siti Aminah",
        "consent_relation": "ibu",
        "consent_date": date(2026, 11, 2),
        "consent_channel": "tertulis",
    }
    values.update(changes)
    return Referral(**values)  # type: ignore[arg-type]


def _fields(draft: ScreeningDraft) -> set[str]:
    return {error.field or "" for error in draft.validate()}


def test_complete_screening_is_valid() -> None:
    assert _screening().validate() == []


def test_at_least_one_bidang_and_a_reason_are_required() -> None:
    assert _fields(_screening(bidang=frozenset(), reason=" ")) == {"bidang", "reason"}


def test_symptoms_are_required() -> None:
    assert _fields(_screening(symptoms="")) == {"symptoms"}


def test_emergency_risk_cannot_end_without_follow_up() -> None:
    draft = _screening(risk=RiskLevel.DARURAT, decision=ServiceKind.TIDAK_PERLU_TINDAK_LANJUT)
    [error] = draft.validate()
    assert error.field == "decision"
    assert "darurat" in error.message


def test_referral_needs_its_details() -> None:
    assert _fields(_screening(decision=ServiceKind.ALIH_TANGAN_KASUS)) == {"referral"}
    incomplete = _referral(
        target=ReferralTarget.LEMBAGA_LAIN,
        target_name="",
        reason="",
        shared_information="",
        consent_basis=None,
    )
    assert _fields(_screening(decision=ServiceKind.ALIH_TANGAN_KASUS, referral=incomplete)) == {
        "referral.target_name",
        "referral.reason",
        "referral.shared_information",
        "referral.consent_basis",
    }


def test_referral_without_consent_is_only_for_emergencies() -> None:
    emergency = _referral(consent_basis=ConsentBasis.KEADAAN_DARURAT)
    refused = _screening(
        decision=ServiceKind.ALIH_TANGAN_KASUS, referral=emergency, risk=RiskLevel.TINGGI
    )
    assert _fields(refused) == {"referral.consent_basis"}
    allowed = _screening(
        decision=ServiceKind.ALIH_TANGAN_KASUS, referral=emergency, risk=RiskLevel.DARURAT
    )
    assert allowed.validate() == []


def test_referral_data_with_another_decision_is_refused() -> None:
    assert _fields(_screening(referral=_referral())) == {"referral"}


@pytest.mark.parametrize(
    ("decision", "status"),
    [
        (ServiceKind.KONSELING_INDIVIDUAL, RequestStatus.MENUNGGU_JADWAL),
        (ServiceKind.ALIH_TANGAN_KASUS, RequestStatus.DIRUJUK),
        (ServiceKind.TIDAK_PERLU_TINDAK_LANJUT, RequestStatus.SELESAI),
        *((kind, RequestStatus.DIALIHKAN) for kind in sorted(OTHER_SERVICES)),
    ],
)
def test_decision_leads_to_a_request_status_reachable_from_screening(
    decision: ServiceKind, status: RequestStatus
) -> None:
    from bk_desktop.domain.requests import TRANSITIONS

    assert request_status_after(decision) is status
    assert status in TRANSITIONS[RequestStatus.DISARING]


def test_other_services_cover_the_domain_vocabulary() -> None:
    labels = {kind.label for kind in OTHER_SERVICES}
    for expected in ("Konseling kelompok", "Bimbingan klasikal", "Kunjungan rumah", "Mediasi"):
        assert expected in labels
    assert ServiceKind.KONSELING_INDIVIDUAL not in OTHER_SERVICES


# -- a form still being filled in ------------------------------------------------------------


def _fill(**changes: object) -> Callable[[RiskLevel, ServiceKind], ScreeningDraft]:
    """What a form does: its own fields, with the risk and decision it is given."""

    def fill(risk: RiskLevel, decision: ServiceKind) -> ScreeningDraft:
        return _screening(risk=risk, decision=decision, **changes)

    return fill


def test_complete_choices_give_the_draft_and_its_own_verdict() -> None:
    draft, problems = validate_choices(RiskLevel.SEDANG, ServiceKind.MEDIASI, _fill())
    assert draft is not None and draft.decision is ServiceKind.MEDIASI
    assert problems == []


def test_missing_risk_and_decision_are_problems_of_their_own() -> None:
    draft, problems = validate_choices(None, None, _fill())
    assert draft is None
    assert [(e.field, e.message) for e in problems] == [
        ("risk", "Pilih tingkat risiko."),
        ("decision", "Pilih keputusan layanan."),
    ]


def test_the_rest_of_the_form_is_checked_before_risk_and_decision_are_chosen() -> None:
    _, problems = validate_choices(None, None, _fill(symptoms=" ", bidang=frozenset()))
    assert {e.field for e in problems} == {"risk", "decision", "symptoms", "bidang"}


def test_a_stand_in_never_invents_a_verdict_about_the_decision() -> None:
    # Darurat with "no follow-up" is refused, but here the risk is only a stand-in.
    _, problems = validate_choices(None, ServiceKind.TIDAK_PERLU_TINDAK_LANJUT, _fill())
    assert [e.field for e in problems] == ["risk"]


def test_a_referral_without_consent_is_judged_once_the_real_risk_is_chosen() -> None:
    emergency = _referral(consent_basis=ConsentBasis.KEADAAN_DARURAT)
    fill = _fill(referral=emergency)
    _, pending = validate_choices(None, ServiceKind.ALIH_TANGAN_KASUS, fill)
    assert [e.field for e in pending] == ["risk"]
    _, chosen = validate_choices(RiskLevel.SEDANG, ServiceKind.ALIH_TANGAN_KASUS, fill)
    assert [e.field for e in chosen] == ["referral.consent_basis"]


def test_a_new_referral_is_only_planned() -> None:
    assert _referral().status is ReferralStatus.DIRENCANAKAN


def test_the_schools_protocol_is_shown_as_written() -> None:
    assert emergency_protocol_text("1. Amankan siswa.\n") == "1. Amankan siswa."


@pytest.mark.parametrize("stored", ["", "  \n "])
def test_a_missing_protocol_is_replaced_by_the_steps_no_school_leaves_out(stored: str) -> None:
    text = emergency_protocol_text(stored)
    assert text == EMERGENCY_PROTOCOL_MISSING
    assert "Amankan siswa" in text and "Pengaturan" in text
