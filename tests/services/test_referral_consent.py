"""A referral on a parent's consent cites the consent register, the one consent record
(issue 18 with #9): the entry in force, or the typed consent recorded there; a withdrawal
refuses it, and later stops it being sent on or printed, unless it rests on an emergency or an
adult student's own consent; the Surat Alih Tangan reads the cited entry; older referrals keep
their fields."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.consents import ConsentAct, ConsentChannel, ConsentForm
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.domain.requests import RequestSource, RequestStatus
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
from bk_desktop.domain.students import GuardianRelation, StudentDraft
from bk_desktop.services.consents import ConsentService
from bk_desktop.services.letters import LetterService
from bk_desktop.services.referrals import ReferralService
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.screening import (
    ReferralConsentRefused,
    ScreeningInvalid,
    ScreeningService,
)
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo

TYPED = Referral(
    target=ReferralTarget.PSIKOLOG,
    target_name="Biro Psikologi Harapan",
    reason="Gejala kecemasan berat.",
    shared_information="Ringkasan asesmen awal.",
    consent_basis=ConsentBasis.PERSETUJUAN_ORANG_TUA,
    consent_by="Siti Aminah",
    consent_relation="Ibu",
    consent_date=date(2026, 11, 20),
    consent_channel="tertulis",
)
CITING = replace(TYPED, consent_by="", consent_relation="", consent_date=None, consent_channel="")


def request_of(workspace: Workspace) -> tuple[int, int]:
    student_id = StudentService(workspace).create(StudentDraft(name="Ayu Lestari"))
    request_id = RequestService(workspace).create(
        RequestForm(
            student_id=student_id,
            source=RequestSource.SISWA_SENDIRI,
            reason="Ingin bercerita.",
        )
    )
    return student_id, request_id


def consent(workspace: Workspace, student_id: int, act: ConsentAct, days_ago: int) -> int:
    return ConsentService(workspace).record(
        student_id,
        ConsentForm(
            act,
            "Budi Santoso",
            GuardianRelation.AYAH,
            workspace.now().date() - timedelta(days=days_ago),
            ConsentChannel.KERTAS,
            text_version=1 if act is ConsentAct.GIVEN else None,
        ),
    )


def referral_draft(referral: Referral) -> ScreeningDraft:
    return ScreeningDraft(
        bidang=frozenset({Bidang.PRIBADI}),
        symptoms="Sulit tidur.",
        risk=RiskLevel.TINGGI,
        decision=ServiceKind.ALIH_TANGAN_KASUS,
        reason="Perlu penanganan psikolog.",
        referral=referral,
    )


def stored_referral(workspace: Workspace, request_id: int) -> Referral:
    [screening] = ScreeningService(workspace).history(request_id)
    assert screening.draft.referral is not None
    return screening.draft.referral


def test_a_referral_cites_the_consent_in_force_and_keeps_no_copy(workspace: Workspace) -> None:
    student_id, request_id = request_of(workspace)
    consent_id = consent(workspace, student_id, ConsentAct.GIVEN, days_ago=5)
    ScreeningService(workspace).record(
        request_id, referral_draft(replace(CITING, consent_id=consent_id))
    )
    stored = stored_referral(workspace, request_id)
    assert stored.consent_id == consent_id
    assert (stored.consent_by, stored.consent_relation, stored.consent_date) == ("", "", None)
    assert len(ConsentService(workspace).entries(student_id)) == 1  # no second record


def test_typed_consent_becomes_the_registers_entry_in_the_same_transaction(
    workspace: Workspace,
) -> None:
    student_id, request_id = request_of(workspace)
    ScreeningService(workspace).record(request_id, referral_draft(TYPED))
    [entry] = ConsentService(workspace).entries(student_id)
    assert (entry.person_name, entry.relation, entry.on) == (
        "Siti Aminah",
        GuardianRelation.IBU,
        date(2026, 11, 20),
    )
    assert entry.channel is ConsentChannel.KERTAS and entry.text_version == 1
    assert stored_referral(workspace, request_id).consent_id == entry.id
    recorded = audit_repo.latest(workspace.db, AuditKind.CONSENT_RECORDED.value)
    assert recorded is not None and recorded.target_id == str(student_id)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"consent_relation": "siswa"}, "referral.consent_relation"),
        ({"consent_channel": "telepon atau pesan"}, "referral.consent_channel"),
    ],
)
def test_typed_consent_the_register_cannot_take_is_refused_and_nothing_is_written(
    workspace: Workspace, changes: dict[str, str], field: str
) -> None:
    student_id, request_id = request_of(workspace)
    with pytest.raises(ScreeningInvalid) as refused:
        ScreeningService(workspace).record(request_id, referral_draft(replace(TYPED, **changes)))
    assert field in {problem.field for problem in refused.value.errors}
    assert ConsentService(workspace).entries(student_id) == []
    assert RequestService(workspace).get(request_id).status is RequestStatus.DITERIMA


def test_a_referral_under_a_withdrawn_consent_is_refused_with_the_registers_message(
    workspace: Workspace,
) -> None:
    student_id, request_id = request_of(workspace)
    consent(workspace, student_id, ConsentAct.GIVEN, days_ago=10)
    withdrawal = consent(workspace, student_id, ConsentAct.WITHDRAWN, days_ago=2)
    screening = ScreeningService(workspace)
    for referral in (replace(CITING, consent_id=withdrawal), TYPED):
        with pytest.raises(ReferralConsentRefused, match="menarik persetujuan layanan BK"):
            screening.record(request_id, referral_draft(referral))
    assert screening.history(request_id) == []
    assert len(ConsentService(workspace).entries(student_id)) == 2
    # An emergency does not rest on consent: protecting the child is still possible.
    emergency = replace(CITING, consent_basis=ConsentBasis.KEADAAN_DARURAT)
    darurat = replace(referral_draft(emergency), risk=RiskLevel.DARURAT)
    assert screening.record(request_id, darurat).status is RequestStatus.DIRUJUK


def test_a_stale_citation_or_typed_fields_beside_a_recorded_consent_are_refused(
    workspace: Workspace,
) -> None:
    student_id, request_id = request_of(workspace)
    older = consent(workspace, student_id, ConsentAct.GIVEN, days_ago=30)
    consent(workspace, student_id, ConsentAct.GIVEN, days_ago=1)
    screening = ScreeningService(workspace)
    with pytest.raises(ReferralConsentRefused, match="bukan lagi yang berlaku"):
        screening.record(request_id, referral_draft(replace(CITING, consent_id=older)))
    with pytest.raises(ReferralConsentRefused, match="sudah mencatat persetujuan"):
        screening.record(request_id, referral_draft(TYPED))
    assert screening.history(request_id) == []


def test_the_referral_letter_prints_the_cited_consent(workspace: Workspace) -> None:
    student_id, request_id = request_of(workspace)
    consent_id = consent(workspace, student_id, ConsentAct.GIVEN, days_ago=5)
    ScreeningService(workspace).record(
        request_id, referral_draft(replace(CITING, consent_id=consent_id))
    )
    [screening] = ScreeningService(workspace).history(request_id)
    assert screening.referral_id is not None
    document = LetterService(workspace).print_referral_letter(screening.referral_id)
    text = " ".join(
        (page.extract_text() or "") for page in PdfReader(io.BytesIO(document.pdf)).pages
    )
    text = " ".join(text.split())
    assert "Budi Santoso (ayah)" in text
    assert "naskah persetujuan versi 1" in text
    assert "Formulir kertas" in text
    assert "None" not in text


def test_a_referral_stored_before_the_register_keeps_its_own_consent_fields(
    workspace: Workspace,
) -> None:
    """Schema step 16 adds ``consent_id`` and rewrites nothing: an old row still reads and
    prints from its own fields."""
    _student_id, request_id = request_of(workspace)
    ScreeningService(workspace).record(request_id, referral_draft(TYPED))
    [screening] = ScreeningService(workspace).history(request_id)
    workspace.db.execute(
        "UPDATE referral SET consent_id = NULL, consent_by = 'Siti Aminah', "
        "consent_relation = 'orang tua', consent_date = '2026-11-02', "
        "consent_channel = 'lisan di ruang BK' WHERE id = :id",
        {"id": screening.referral_id},
    )
    old = stored_referral(workspace, request_id)
    assert old.consent_id is None
    assert (old.consent_by, old.consent_relation) == ("Siti Aminah", "orang tua")
    assert screening.referral_id is not None
    document = LetterService(workspace).print_referral_letter(screening.referral_id)
    text = " ".join(
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(io.BytesIO(document.pdf)).pages
    )
    assert "Siti Aminah (orang tua)" in text
    assert "2 November 2026" in text


def referral_id_of(workspace: Workspace, request_id: int) -> int:
    [screening] = ScreeningService(workspace).history(request_id)
    assert screening.referral_id is not None
    return screening.referral_id


def test_an_emergency_or_adult_referral_is_sent_and_printed_under_a_parents_withdrawal(
    workspace: Workspace,
) -> None:
    """The screening allows an emergency referral under a withdrawal, and an adult student's
    own consent is not the parent's to take back: both go on to the target, letter and all."""
    emergency = replace(CITING, consent_basis=ConsentBasis.KEADAAN_DARURAT)
    adult = replace(
        TYPED,
        consent_basis=ConsentBasis.PERSETUJUAN_SISWA_DEWASA,
        consent_by="Dewi Anggraini",
        consent_relation="siswa sendiri",
    )
    for basis, referral, birth in (
        (ConsentBasis.KEADAAN_DARURAT, emergency, None),
        (ConsentBasis.PERSETUJUAN_SISWA_DEWASA, adult, date(2007, 1, 15)),
    ):
        student_id = StudentService(workspace).create(
            StudentDraft(name="Dewi Anggraini", birth_date=birth)
        )
        request_id = RequestService(workspace).create(
            RequestForm(student_id, RequestSource.SISWA_SENDIRI, "Ingin bercerita.")
        )
        draft = referral_draft(referral)
        if basis is ConsentBasis.KEADAAN_DARURAT:
            # Decided while the withdrawal was already in force, as the screening allows.
            consent(workspace, student_id, ConsentAct.WITHDRAWN, days_ago=2)
            ScreeningService(workspace).record(request_id, replace(draft, risk=RiskLevel.DARURAT))
        else:
            # The adult student agreed; the parent withdraws afterwards.
            ScreeningService(workspace).record(request_id, draft)
            consent(workspace, student_id, ConsentAct.WITHDRAWN, days_ago=0)
        referral_id = referral_id_of(workspace, request_id)
        document = LetterService(workspace).print_referral_letter(referral_id)
        assert document.pdf.startswith(b"%PDF")
        assert ReferralService(workspace).record_step(referral_id, ReferralStatus.DIKIRIM) is (
            ReferralStatus.DIKIRIM
        )
        assert ReferralService(workspace).record_step(referral_id, ReferralStatus.DITERIMA) is (
            ReferralStatus.DITERIMA
        )


def test_a_referral_on_a_parents_consent_stops_when_the_parent_withdraws(
    workspace: Workspace,
) -> None:
    student_id, request_id = request_of(workspace)
    consent_id = consent(workspace, student_id, ConsentAct.GIVEN, days_ago=10)
    ScreeningService(workspace).record(
        request_id, referral_draft(replace(CITING, consent_id=consent_id))
    )
    referral_id = referral_id_of(workspace, request_id)
    consent(workspace, student_id, ConsentAct.WITHDRAWN, days_ago=0)
    with pytest.raises(RuleViolation, match="menarik persetujuan layanan BK"):
        LetterService(workspace).print_referral_letter(referral_id)
    referrals = ReferralService(workspace)
    with pytest.raises(RuleViolation, match="menarik persetujuan layanan BK"):
        referrals.record_step(referral_id, ReferralStatus.DIKIRIM)
    assert LetterService(workspace).referral_letter(referral_id) is None  # no number taken
    ended = referrals.record_step(
        referral_id, ReferralStatus.DIBATALKAN, reason="Orang tua menarik persetujuan."
    )
    assert ended is ReferralStatus.DIBATALKAN
