"""Screening (penyaringan, asesmen awal): the queue of requests waiting for it, and recording it.

Public API (the Penyaringan tab codes against this)::

    ScreeningService(workspace)
        queue(now: datetime | None = None) -> list[RequestItem]   # diterima, oldest first
        record(request_id: int, draft: ScreeningDraft) -> ScreeningOutcome
        history(request_id: int) -> list[ScreeningRecord]         # oldest first
        emergency_protocol() -> str                  # the school's, or the domain's stand-in

``record`` validates the draft (``ScreeningInvalid`` lists every field problem; the
adult-consent basis is checked against the student's birth date), stores it (with the referral
for alih tangan kasus), and moves the request in the same transaction: to *disaring*, then to
the status the decision leads to (``request_status_after``). It is the only way a decision is
made (``domain.requests.DECIDED_BY_SCREENING``). A request screened again from *dialihkan* or
*dirujuk* is handed back, so it is received anew with a new clock; from *menunggu jadwal* or
*ditangani* the decision is revised and the clock kept. A move the domain refuses (e.g.
konseling individual for a student who said *tidak bersedia*, or a student who left) writes
nothing. A *darurat* risk puts the request at the top of Beranda and the outcome carries the
school's emergency protocol for the window to show; a screening that raises a request to
darurat asks for a (new) tindakan darurat, and one that judges it lower does not hide an intake
darurat until that action is recorded (``domain.requests.shown_urgency``). A *dialihtangankan*
request is screened again only after its referral has ended (``domain.referrals``).

A referral on a parent's or guardian's consent cites the consent register
(``ConsentService``): the draft names the entry in force (``Referral.consent_id``), or, while
the register holds nothing for the student, carries the typed consent, which is recorded there
in the same transaction (audited as a consent recorded) and cited. A withdrawal in force
refuses the referral with the register's ``RuleViolation``; so does a cited entry that is no
longer the one in force, and typed fields while the register already holds a consent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.consents import ConsentAct, withdrawal_refusal
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.requests import RequestStatus
from bk_desktop.domain.screening import (
    REGISTER_FIELDS,
    ConsentBasis,
    RiskLevel,
    ScreeningDraft,
    cited_line,
    emergency_protocol_text,
    register_form,
    request_status_after,
)
from bk_desktop.domain.visibility import require_counsellor, seen_request
from bk_desktop.services.consents import (
    ConsentInvalid,
    ConsentService,
    require_consent_not_withdrawn,
)
from bk_desktop.services.requests import (
    AWAITING_SCREENING,
    RequestItem,
    RequestService,
    clock_of,
    move_request,
)
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import requests_repo, screening_repo, students_repo
from bk_desktop.storage.screening_repo import ScreeningRecord

__all__ = [
    "ReferralConsentRefused",
    "ScreeningInvalid",
    "ScreeningOutcome",
    "ScreeningRecord",
    "ScreeningService",
]

# Statuses a screening may be recorded from: the first one, or a new decision.
SCREENABLE: frozenset[RequestStatus] = frozenset(
    {
        RequestStatus.DITERIMA,
        RequestStatus.DISARING,
        RequestStatus.MENUNGGU_JADWAL,
        RequestStatus.DITANGANI,
        RequestStatus.DIALIHKAN,
        RequestStatus.DIRUJUK,
    }
)


class ScreeningInvalid(ValidationError):
    """All problems of a screening form; ``message``/``field`` are the first one's."""

    def __init__(self, errors: Sequence[ValidationError]) -> None:
        super().__init__(errors[0].message, errors[0].field)
        self.errors = list(errors)


class ReferralConsentRefused(RuleViolation):
    """The consent register does not let this referral rest on a parent's consent (a
    withdrawal in force, a cited entry no longer in force, a consent already recorded that the
    referral must cite); the form shows it at the consent."""


@dataclass(frozen=True)
class ScreeningOutcome:
    screening_id: int
    status: RequestStatus
    is_darurat: bool
    emergency_protocol: str
    """The school's protocol text when the risk is darurat, else ""."""


class ScreeningService:
    def __init__(self, workspace: Workspace) -> None:
        require_counsellor(workspace.viewer)  # students and notes: not the kepala sekolah
        self.workspace = workspace

    def queue(self, now: datetime | None = None) -> list[RequestItem]:
        """Requests waiting for (re-)screening, oldest received first, with their clocks.

        *Disaring* requests are here too: a request sent back from *menunggu jadwal*,
        *dialihkan* or *dirujuk* waits for a new asesmen.
        """
        moment = now or self.workspace.now()
        records = requests_repo.find(
            self.workspace.db,
            year=TermService(self.workspace).current().year.start,
            statuses=AWAITING_SCREENING,
            order="received",
        )
        viewer = self.workspace.viewer
        items = []
        for record in records:
            state, text = clock_of(record, moment)
            items.append(RequestItem(seen_request(viewer, record), state, text))
        return items

    def emergency_protocol(self) -> str:
        """The school's protocol, or the domain's stand-in when none is stored."""
        return emergency_protocol_text(self.workspace.settings().emergency_protocol)

    def record(self, request_id: int, draft: ScreeningDraft) -> ScreeningOutcome:
        draft = draft.cleaned()
        workspace = self.workspace
        db = workspace.db
        requests = RequestService(workspace)
        today = workspace.now().astimezone(workspace.settings().zone).date()
        with db.transaction():
            record = requests.get(request_id)
            if draft.risk is not RiskLevel.DARURAT and not _referral_on_parent_consent(draft):
                # A darurat screening is never refused (the child's safety comes first, as a
                # tindakan darurat); a referral on a parent's consent is refused at its consent
                # field by ``_cite_consent``, with the register's words.
                require_consent_not_withdrawn(workspace, record.student_id, "mencatat asesmen")
            student = students_repo.load_student(db, record.student_id)
            errors = draft.validate(
                birth_date=None if student is None else student.birth_date, today=today
            )
            if errors:
                raise ScreeningInvalid(errors)
            if record.status not in SCREENABLE:
                raise RuleViolation(
                    f"Permohonan berstatus {record.status.label.lower()} tidak dapat disaring."
                )
            if record.status is not RequestStatus.DISARING:
                first = record.status is RequestStatus.DITERIMA
                move_request(
                    workspace,
                    record,
                    RequestStatus.DISARING,
                    "Asesmen awal" if first else f"Asesmen ulang: {draft.reason.strip()}",
                    by_screening=first,
                )
                record = requests.get(request_id)
            draft = self._cite_consent(record.student_id, draft, today)
            screening_id = screening_repo.insert_screening(
                db,
                request_id,
                draft,
                at=workspace.now(),
                account_id=workspace.account.id,
                on=today,
            )
            requests_repo.set_risk(db, request_id, draft.risk)
            if draft.risk is RiskLevel.DARURAT and not record.is_darurat:
                # Raised to darurat by this screening: a tindakan darurat is asked anew.
                requests_repo.await_emergency_action(db, request_id)
            target = request_status_after(draft.decision)
            move_request(workspace, record, target, draft.decision.label, by_screening=True)
            workspace.audit(
                AuditKind.SCREENING_RECORDED, target_kind="screening", target_id=str(screening_id)
            )
        darurat = draft.risk is RiskLevel.DARURAT
        return ScreeningOutcome(
            screening_id,
            target,
            darurat,
            self.emergency_protocol() if darurat else "",
        )

    def _cite_consent(self, student_id: int, draft: ScreeningDraft, today: date) -> ScreeningDraft:
        """The draft whose referral on a parent's consent cites the register's entry (see the
        module docstring); called inside the screening's transaction, so a consent recorded
        from the typed fields goes with the screening or not at all."""
        referral = draft.referral
        if referral is None or referral.consent_basis is not ConsentBasis.PERSETUJUAN_ORANG_TUA:
            return draft
        consents = ConsentService(self.workspace)
        entry = consents.in_force(student_id, today)
        if entry is not None and entry.act is ConsentAct.WITHDRAWN:
            raise ReferralConsentRefused(
                withdrawal_refusal(entry.on, "mengalihtangankan kasusnya").message
            )
        if referral.consent_id is not None:
            if entry is None or entry.id != referral.consent_id:
                raise ReferralConsentRefused(
                    "Persetujuan orang tua/wali yang dikutip bukan lagi yang berlaku untuk siswa "
                    "ini (register persetujuannya baru diubah). Periksa lagi bagian “Dasar "
                    "persetujuan”, lalu simpan asesmennya."
                )
            return draft
        if entry is not None:
            raise ReferralConsentRefused(
                f"Register persetujuan siswa ini sudah mencatat persetujuan orang tua/wali "
                f"({cited_line(entry)}); rujukan mengutip persetujuan itu. Pilih “Pakai "
                "persetujuan yang tercatat” pada bagian “Dasar persetujuan”."
            )
        version = consents.current_text().version
        try:
            consent_id = consents.record(student_id, register_form(referral, version))
        except ConsentInvalid as invalid:
            raise ScreeningInvalid(
                [
                    ValidationError(
                        problem.message,
                        REGISTER_FIELDS.get(problem.field or "", "referral.consent_basis"),
                    )
                    for problem in invalid.errors
                ]
            ) from None
        return replace(
            draft,
            referral=replace(
                referral,
                consent_id=consent_id,
                consent_by="",
                consent_relation="",
                consent_date=None,
                consent_channel="",
            ),
        )

    def history(self, request_id: int) -> list[ScreeningRecord]:
        """The asesmen of a permohonan; of another counsellor's *sangat rahasia* case only the
        decisions and dates (``seen_request``): what was written goes with the case."""
        found = screening_repo.for_request(self.workspace.db, request_id)
        record = requests_repo.get(
            self.workspace.db, request_id, TermService(self.workspace).current().year.start
        )
        if record is None or seen_request(self.workspace.viewer, record) is record:
            return found
        return [
            replace(
                screening,
                draft=replace(
                    screening.draft,
                    symptoms="",
                    reason="",
                    causes="",
                    root_cause="",
                    notes="",
                    referral=None,
                ),
            )
            for screening in found
        ]


def _referral_on_parent_consent(draft: ScreeningDraft) -> bool:
    referral = draft.referral
    return referral is not None and referral.consent_basis is ConsentBasis.PERSETUJUAN_ORANG_TUA
