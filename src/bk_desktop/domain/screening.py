"""Screening (penyaringan, Prosedur 2): the initial assessment that decides the service.

The counsellor records which areas (bidang) the problem touches, the problem split into
symptoms, causes and root (gejala / sebab / akar masalah), the risk, and a decision — always with
a reason, because a decision not to counsel individually must be explainable later to the
student, the parents or the principal.

Referral (alih tangan kasus) shares a child's specific personal data with someone outside the
school, so it must say to whom, why, what exactly is shared and which consent it rests on
(UU PDP Ps. 25: a parent's consent for a child). Acting without consent is allowed only to
protect the child in an emergency, and then the risk must be recorded as darurat.

A parent's or guardian's consent lives in one place, the consent register
(``domain.consents``), and a referral **cites** its entry (``Referral.consent_id``, schema
step 17) instead of keeping a copy. When the register holds nothing yet, the counsellor types
who consented, as what, when and how; those fields must then be fit for the register (a
father, mother or guardian, on a signed form: ``register_problems``), because the screening
records them there and the referral cites the new entry. Referrals stored before keep their
own fields, still read as they were. The student's own consent from 18 (``PERSETUJUAN_SISWA_
DEWASA``) is not a parent's, so it stays on the referral.

Which request status a decision leads to (``request_status_after``):

- konseling individual → *menunggu jadwal*: the 1×24 h clock keeps running until a time is agreed;
- another service → *dialihkan*: the request leaves the individual-counselling path;
- alih tangan kasus → *dirujuk*: the referral record carries its own status from here;
- tidak perlu tindak lanjut → *selesai*, not *ditutup*: the screening itself was the service
  (the student was heard and assessed), whereas *ditutup* means nothing was delivered
  (withdrawn, refused) and needs a closing reason of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from bk_desktop.domain.consents import ConsentAct, ConsentChannel, ConsentForm, ConsentRecord
from bk_desktop.domain.dates import format_date
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.reasons import reason_problem
from bk_desktop.domain.requests import RequestStatus
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.domain.students import GuardianRelation
from bk_desktop.domain.text import NAME_MAX, NOTE_MAX, clean_line, clean_text, length_problem


class Bidang(StrEnum):
    PRIBADI = "pribadi"
    SOSIAL = "sosial"
    BELAJAR = "belajar"
    KARIER = "karier"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ServiceKind(StrEnum):
    """Jenis layanan a screening can decide on (DOMAIN.md §2)."""

    KONSELING_INDIVIDUAL = "konseling_individual"
    KONSELING_KELOMPOK = "konseling_kelompok"
    BIMBINGAN_KELOMPOK = "bimbingan_kelompok"
    BIMBINGAN_KLASIKAL = "bimbingan_klasikal"
    KONSULTASI_ORANG_TUA = "konsultasi_orang_tua"
    KONSULTASI_GURU = "konsultasi_guru"
    KOLABORASI = "kolaborasi"
    KUNJUNGAN_RUMAH = "kunjungan_rumah"
    KONFERENSI_KASUS = "konferensi_kasus"
    MEDIASI = "mediasi"
    ADVOKASI = "advokasi"
    ALIH_TANGAN_KASUS = "alih_tangan_kasus"
    TIDAK_PERLU_TINDAK_LANJUT = "tidak_perlu_tindak_lanjut"

    @property
    def label(self) -> str:
        return _SERVICE_LABELS[self]

    @property
    def is_other_service(self) -> bool:
        """A school service other than individual counselling (the request is *dialihkan*)."""
        return self in OTHER_SERVICES


_SERVICE_LABELS: Mapping[ServiceKind, str] = {
    ServiceKind.KONSELING_INDIVIDUAL: "Konseling individual",
    ServiceKind.KONSELING_KELOMPOK: "Konseling kelompok",
    ServiceKind.BIMBINGAN_KELOMPOK: "Bimbingan kelompok",
    ServiceKind.BIMBINGAN_KLASIKAL: "Bimbingan klasikal",
    ServiceKind.KONSULTASI_ORANG_TUA: "Konsultasi dengan orang tua/wali",
    ServiceKind.KONSULTASI_GURU: "Konsultasi dengan guru",
    ServiceKind.KOLABORASI: "Kolaborasi",
    ServiceKind.KUNJUNGAN_RUMAH: "Kunjungan rumah",
    ServiceKind.KONFERENSI_KASUS: "Konferensi kasus",
    ServiceKind.MEDIASI: "Mediasi",
    ServiceKind.ADVOKASI: "Advokasi",
    ServiceKind.ALIH_TANGAN_KASUS: "Alih tangan kasus",
    ServiceKind.TIDAK_PERLU_TINDAK_LANJUT: "Tidak perlu tindak lanjut",
}

OTHER_SERVICES: frozenset[ServiceKind] = frozenset(
    set(ServiceKind)
    - {
        ServiceKind.KONSELING_INDIVIDUAL,
        ServiceKind.ALIH_TANGAN_KASUS,
        ServiceKind.TIDAK_PERLU_TINDAK_LANJUT,
    }
)


class ReferralTarget(StrEnum):
    """The kind of professional or body a case is handed to; each referral also names it."""

    PSIKOLOG = "psikolog"
    PSIKIATER = "psikiater"
    DOKTER = "dokter"
    PUSKESMAS = "puskesmas"
    UPTD_PPA = "uptd_ppa"
    POLISI = "polisi"
    LEMBAGA_LAIN = "lembaga_lain"

    @property
    def label(self) -> str:
        return {
            ReferralTarget.PSIKOLOG: "Psikolog",
            ReferralTarget.PSIKIATER: "Psikiater",
            ReferralTarget.DOKTER: "Dokter",
            ReferralTarget.PUSKESMAS: "Puskesmas",
            ReferralTarget.UPTD_PPA: "UPTD PPA/P2TP2A",
            ReferralTarget.POLISI: "Polisi",
            ReferralTarget.LEMBAGA_LAIN: "Lembaga lain",
        }[self]


class ReferralStatus(StrEnum):
    DIRENCANAKAN = "direncanakan"
    DIKIRIM = "dikirim"
    DITERIMA = "diterima"
    DITOLAK = "ditolak"
    SELESAI = "selesai"
    DIBATALKAN = "dibatalkan"

    @property
    def label(self) -> str:
        return {
            ReferralStatus.DIRENCANAKAN: "Direncanakan",
            ReferralStatus.DIKIRIM: "Surat rujukan dikirim",
            ReferralStatus.DITERIMA: "Diterima pihak rujukan",
            ReferralStatus.DITOLAK: "Ditolak/dikembalikan pihak rujukan",
            ReferralStatus.SELESAI: "Selesai",
            ReferralStatus.DIBATALKAN: "Dibatalkan",
        }[self]


class ConsentBasis(StrEnum):
    """What makes it lawful to share the child's data with the referral target."""

    PERSETUJUAN_ORANG_TUA = "persetujuan_orang_tua"
    PERSETUJUAN_SISWA_DEWASA = "persetujuan_siswa_dewasa"
    KEADAAN_DARURAT = "keadaan_darurat"

    @property
    def label(self) -> str:
        return {
            ConsentBasis.PERSETUJUAN_ORANG_TUA: "Persetujuan orang tua/wali",
            ConsentBasis.PERSETUJUAN_SISWA_DEWASA: "Persetujuan siswa (sudah 18 tahun)",
            ConsentBasis.KEADAAN_DARURAT: "Keadaan darurat demi keselamatan siswa",
        }[self]


AT_SCREENING: frozenset[ReferralStatus] = frozenset(
    {ReferralStatus.DIRENCANAKAN, ReferralStatus.DIKIRIM}
)
"""What a referral can be when the screening decides it: what follows (accepted, refused,
finished) happens later and is recorded as steps of its own (``domain.referrals``)."""

NEEDS_FOLLOW_UP: frozenset[RiskLevel] = frozenset({RiskLevel.TINGGI, RiskLevel.DARURAT})
"""Risks a screening may not answer with "tidak perlu tindak lanjut"."""

DEFAULT_REFERRAL_TARGET = ReferralTarget.PSIKOLOG
"""The target a new referral form starts with: the most common one for a school."""

NEW_REFERRAL_STATUS = ReferralStatus.DIRENCANAKAN
"""A referral decided at screening is only planned; the letter is sent afterwards."""


@dataclass(frozen=True)
class Referral:
    """Alih tangan kasus: to whom, why, what is shared and on which consent."""

    target: ReferralTarget
    reason: str
    shared_information: str
    consent_basis: ConsentBasis | None
    target_name: str = ""
    status: ReferralStatus = NEW_REFERRAL_STATUS
    consent_by: str = ""
    """Who consented (the parent's or the student's name)."""
    consent_relation: str = ""
    """As what: "ibu", "ayah", "wali", "siswa"."""
    consent_date: date | None = None
    consent_channel: str = ""
    """How: "tertulis", "lisan di ruang BK", "telepon"."""
    consent_id: int | None = None
    """The consent register's entry a parent's consent rests on (``domain.consents``); then
    the four fields above stay empty, the register being the one record. ``None`` for an
    emergency, the adult student's own consent, a consent still to be recorded from the
    typed fields, and referrals stored before schema step 17."""


@dataclass(frozen=True)
class ScreeningDraft:
    """One screening as the counsellor fills it in; see ``validate`` for what must be present."""

    bidang: frozenset[Bidang]
    symptoms: str
    risk: RiskLevel
    decision: ServiceKind
    reason: str
    causes: str = ""
    root_cause: str = ""
    referral: Referral | None = None
    notes: str = ""

    def cleaned(self) -> ScreeningDraft:
        """The draft as the vault keeps text (``domain.text``): no control characters, NFC."""
        referral = self.referral
        if referral is not None:
            referral = replace(
                referral,
                reason=clean_text(referral.reason),
                shared_information=clean_text(referral.shared_information),
                target_name=clean_line(referral.target_name),
            )
        return replace(
            self,
            symptoms=clean_text(self.symptoms),
            reason=clean_text(self.reason),
            causes=clean_text(self.causes),
            root_cause=clean_text(self.root_cause),
            notes=clean_text(self.notes),
            referral=referral,
        )

    def _length_errors(self) -> list[ValidationError]:
        texts = [
            (self.symptoms, NOTE_MAX, "Gejala", "symptoms"),
            (self.causes, NOTE_MAX, "Sebab", "causes"),
            (self.root_cause, NOTE_MAX, "Akar masalah", "root_cause"),
            (self.reason, NOTE_MAX, "Alasan keputusan", "reason"),
            (self.notes, NOTE_MAX, "Catatan", "notes"),
        ]
        if self.referral is not None:
            texts += [
                (self.referral.target_name, NAME_MAX, "Nama lembaga", "referral.target_name"),
                (self.referral.reason, NOTE_MAX, "Alasan rujukan", "referral.reason"),
                (
                    self.referral.shared_information,
                    NOTE_MAX,
                    "Informasi yang dibagikan",
                    "referral.shared_information",
                ),
            ]
        return [
            ValidationError(problem, field)
            for text, limit, what, field in texts
            if (problem := length_problem(text, limit, what)) is not None
        ]

    def validate(
        self, *, birth_date: date | None = None, today: date | None = None
    ) -> list[ValidationError]:
        """Every problem, tagged with its field; empty when the screening may be saved.

        ``birth_date`` (the student's, when known) and ``today`` (the school's date) let the
        adult-consent basis be checked: with ``today`` given and no birth date that basis is
        refused, because it rests on an age nobody verified. A form that knows neither leaves
        the check to the service, which always passes ``today``.
        """
        errors: list[ValidationError] = self._length_errors()
        if not self.bidang:
            errors.append(ValidationError("Pilih minimal satu bidang layanan.", "bidang"))
        if not self.symptoms.strip():
            errors.append(
                ValidationError(
                    "Tuliskan gejala masalah yang terlihat atau dikeluhkan.", "symptoms"
                )
            )
        reason = reason_problem(self.reason, "keputusan layanan ini")
        if reason is not None:
            errors.append(ValidationError(reason, "reason"))
        if self.risk in NEEDS_FOLLOW_UP and self.decision is ServiceKind.TIDAK_PERLU_TINDAK_LANJUT:
            errors.append(
                ValidationError(
                    f"Risiko {self.risk.label.lower()} tidak boleh diputuskan tanpa tindak "
                    "lanjut: siswa dengan risiko tinggi atau darurat memerlukan layanan atau "
                    "alih tangan kasus. Pilih keputusan layanannya.",
                    "decision",
                )
            )
        if self.decision is ServiceKind.ALIH_TANGAN_KASUS:
            errors.extend(self._referral_errors(birth_date, today))
        elif self.referral is not None:
            errors.append(
                ValidationError(
                    "Data rujukan hanya diisi bila keputusannya alih tangan kasus.",
                    "referral",
                )
            )
        return errors

    def _referral_errors(
        self, birth_date: date | None, today: date | None
    ) -> list[ValidationError]:
        referral = self.referral
        if referral is None:
            return [
                ValidationError(
                    "Lengkapi data alih tangan kasus: tujuan, alasan, informasi yang dibagikan "
                    "dan dasar persetujuannya.",
                    "referral",
                )
            ]
        errors: list[ValidationError] = []
        if referral.target is ReferralTarget.LEMBAGA_LAIN and not referral.target_name.strip():
            errors.append(
                ValidationError("Tuliskan nama lembaga tujuan rujukan.", "referral.target_name")
            )
        elif not referral.target_name.strip():
            errors.append(
                ValidationError(
                    f"Tuliskan nama tujuan rujukan ({referral.target.label}): orangnya atau "
                    "tempatnya, agar rujukan dapat diikuti.",
                    "referral.target_name",
                )
            )
        if referral.status not in AT_SCREENING:
            errors.append(
                ValidationError(
                    "Saat asesmen, rujukan baru direncanakan atau suratnya dikirim; "
                    "perkembangan berikutnya dicatat lewat “Rujukan…” di Pengajuan.",
                    "referral.status",
                )
            )
        reason = reason_problem(referral.reason, "alih tangan kasus ini")
        if reason is not None:
            errors.append(ValidationError(reason, "referral.reason"))
        if not referral.shared_information.strip():
            errors.append(
                ValidationError(
                    "Tuliskan informasi apa saja yang dibagikan kepada pihak rujukan.",
                    "referral.shared_information",
                )
            )
        if referral.consent_basis is None:
            errors.append(
                ValidationError(
                    "Pilih dasar persetujuan rujukan (mis. persetujuan orang tua/wali).",
                    "referral.consent_basis",
                )
            )
        elif (
            referral.consent_basis is ConsentBasis.KEADAAN_DARURAT
            and self.risk is not RiskLevel.DARURAT
        ):
            errors.append(
                ValidationError(
                    "Rujukan tanpa persetujuan hanya boleh pada risiko darurat; "
                    "mintalah persetujuan orang tua/wali.",
                    "referral.consent_basis",
                )
            )
        elif referral.consent_basis is ConsentBasis.PERSETUJUAN_SISWA_DEWASA and today is not None:
            problem = adult_consent_problem(birth_date, referral.consent_date or today)
            if problem is not None:
                errors.append(ValidationError(problem, "referral.consent_basis"))
        if (
            referral.consent_id is not None
            and referral.consent_basis is not ConsentBasis.PERSETUJUAN_ORANG_TUA
        ):
            errors.append(
                ValidationError(
                    "Persetujuan dari register hanya menjadi dasar “persetujuan orang tua/wali”.",
                    "referral.consent_basis",
                )
            )
        if referral.consent_basis in CONSENT_GIVEN and referral.consent_id is None:
            errors += consent_record_problems(referral)
            if referral.consent_basis is ConsentBasis.PERSETUJUAN_ORANG_TUA:
                errors += register_problems(referral)
        if (
            referral.consent_date is not None
            and today is not None
            and referral.consent_date > today
        ):
            errors.append(
                ValidationError(
                    "Tanggal persetujuan rujukan tidak boleh di masa depan.",
                    "referral.consent_date",
                )
            )
        return errors


CONSENT_GIVEN = frozenset(
    {ConsentBasis.PERSETUJUAN_ORANG_TUA, ConsentBasis.PERSETUJUAN_SISWA_DEWASA}
)
"""The bases that rest on somebody's consent, which is then recorded: who, as what, when, how."""

CONSENT_CHANNELS: tuple[str, ...] = ("tertulis", "lisan di ruang BK", "telepon atau pesan")
"""How consent reaches the guru BK; "tertulis" (a signed form) is the one to keep on file."""


def consent_record_problems(referral: Referral) -> list[ValidationError]:
    """What is missing from the record of a consent (UU PDP: a consent can be shown later)."""
    errors: list[ValidationError] = []
    if not referral.consent_by.strip():
        errors.append(
            ValidationError("Tuliskan nama yang memberi persetujuan.", "referral.consent_by")
        )
    if not referral.consent_relation.strip():
        errors.append(
            ValidationError(
                "Tuliskan hubungannya dengan siswa (mis. ibu, ayah, wali, atau siswa sendiri).",
                "referral.consent_relation",
            )
        )
    if referral.consent_date is None:
        errors.append(
            ValidationError("Isi tanggal persetujuan diberikan.", "referral.consent_date")
        )
    if referral.consent_channel not in CONSENT_CHANNELS:
        errors.append(
            ValidationError(
                "Pilih cara persetujuan diberikan (tertulis, lisan, atau telepon).",
                "referral.consent_channel",
            )
        )
    return errors


REGISTER_CHANNEL = "tertulis"
"""The one typed channel the consent register takes for a parent's consent: it asks for proof
on paper (``domain.consents``), so a consent given orally or by telephone is not enough."""


def guardian_relation_of(text: str) -> GuardianRelation | None:
    """The register's relation for what was typed ("Ibu", " ayah "), or ``None``."""
    word = " ".join(text.split()).casefold()
    return next((r for r in GuardianRelation if word in (r.value, r.label.casefold())), None)


def register_problems(referral: Referral) -> list[ValidationError]:
    """Why the typed consent of a parent cannot become the register's entry, or nothing.

    Only fields that are filled are judged; ``consent_record_problems`` names the empty ones."""
    errors: list[ValidationError] = []
    relation = referral.consent_relation
    if relation.strip() and guardian_relation_of(relation) is None:
        errors.append(
            ValidationError(
                "Persetujuan orang tua/wali diberikan oleh ayah, ibu, atau wali; tuliskan salah "
                "satunya (persetujuan siswa sendiri hanya bila sudah 18 tahun).",
                "referral.consent_relation",
            )
        )
    if referral.consent_channel and referral.consent_channel != REGISTER_CHANNEL:
        errors.append(
            ValidationError(
                "Persetujuan orang tua/wali dicatat di register persetujuan, yang memerlukan "
                "bukti tertulis: mintalah formulir persetujuan yang ditandatangani. Dalam "
                "keadaan darurat pilih dasar “keadaan darurat”.",
                "referral.consent_channel",
            )
        )
    return errors


def register_form(referral: Referral, text_version: int) -> ConsentForm:
    """The typed consent of a parent as the register's entry (checked by ``validate`` first):
    a consent given on a paper form, citing ``text_version`` of the consent text."""
    assert referral.consent_date is not None
    return ConsentForm(
        act=ConsentAct.GIVEN,
        person_name=referral.consent_by,
        relation=guardian_relation_of(referral.consent_relation),
        on=referral.consent_date,
        channel=ConsentChannel.KERTAS,
        text_version=text_version,
    )


REGISTER_FIELDS = {
    "person_name": "referral.consent_by",
    "relation": "referral.consent_relation",
    "on": "referral.consent_date",
    "channel": "referral.consent_channel",
    "text_version": "referral.consent_basis",
    "scan": "referral.consent_channel",
}
"""Where the register's problems with a typed consent are shown on the screening form."""


def cited_line(entry: ConsentRecord) -> str:
    """The cited consent in one line: "Ibu (Siti Aminah), 2 November 2026, naskah versi 1"."""
    return (
        f"{entry.relation.label} ({entry.person_name}), {format_date(entry.on)}, naskah versi "
        f"{entry.text_version}"
    )


ADULT_AGE = 18
"""UU PDP Ps. 25 and UU Perlindungan Anak: below 18 a child's data is shared on a parent's
consent; from 18 the student consents for themself."""


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on ``day`` (a 29 February birthday counts from 1 March)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def adult_consent_problem(birth_date: date | None, on: date | None) -> str | None:
    """Why the student's own consent is not a basis for a referral on ``on``, or ``None``."""
    if birth_date is None or on is None:
        return (
            "Tanggal lahir siswa belum tercatat, sehingga persetujuan siswa sendiri tidak dapat "
            "menjadi dasar rujukan. Lengkapi tanggal lahirnya atau mintalah persetujuan orang "
            "tua/wali."
        )
    age = age_on(birth_date, on)
    if age < ADULT_AGE:
        return (
            f"Siswa berumur {age} tahun pada tanggal persetujuan; di bawah {ADULT_AGE} tahun "
            "rujukan memerlukan persetujuan orang tua/wali."
        )
    return None


def request_status_after(decision: ServiceKind) -> RequestStatus:
    """The request status a screening decision moves the request to (see module docstring)."""
    if decision is ServiceKind.KONSELING_INDIVIDUAL:
        return RequestStatus.MENUNGGU_JADWAL
    if decision is ServiceKind.ALIH_TANGAN_KASUS:
        return RequestStatus.DIRUJUK
    if decision is ServiceKind.TIDAK_PERLU_TINDAK_LANJUT:
        return RequestStatus.SELESAI
    return RequestStatus.DIALIHKAN


# -- a form still being filled in ------------------------------------------------------------

STAND_IN_RISK = RiskLevel.DARURAT
"""Checks the rest of a form whose risk is not chosen yet: darurat forbids nothing the
counsellor may still choose (it allows every decision but one, and every consent basis)."""

STAND_IN_DECISION = ServiceKind.KONSELING_INDIVIDUAL
"""Checks the rest of a form whose decision is not chosen yet: it needs no referral data."""


def validate_choices(
    risk: RiskLevel | None,
    decision: ServiceKind | None,
    fill: Callable[[RiskLevel, ServiceKind], ScreeningDraft],
) -> tuple[ScreeningDraft | None, list[ValidationError]]:
    """Every problem of a screening form at once, even before risk and decision are chosen.

    ``fill`` builds the draft from the form with the given risk and decision. With both
    chosen this is ``(draft, draft.validate())``. Otherwise there is no draft, the missing
    choices are problems of their own, and the rest of the form is checked with the stand-ins
    above; the verdicts about the decision are left out, because they would rest on a stand-in.
    """
    if risk is not None and decision is not None:
        draft = fill(risk, decision)
        return draft, draft.validate()
    own: list[ValidationError] = []
    if risk is None:
        own.append(ValidationError("Pilih tingkat risiko.", "risk"))
    if decision is None:
        own.append(ValidationError("Pilih keputusan layanan.", "decision"))
    stand_in = fill(risk or STAND_IN_RISK, decision or STAND_IN_DECISION)
    return None, own + [e for e in stand_in.validate() if e.field != "decision"]


EMERGENCY_PROTOCOL_MISSING = (
    "Protokol darurat sekolah belum diisi. Amankan siswa, hubungi kepala sekolah dan orang "
    "tua/wali, lalu isi protokolnya di Pengaturan."
)
"""What to do when a vault holds no protocol (the settings refuse an empty one, an old or
damaged vault may still have none): the few steps no school would leave out, and the fix."""


def emergency_protocol_text(protocol: str) -> str:
    """The protocol to show at a darurat risk: the school's own, never an empty box."""
    return protocol.strip() or EMERGENCY_PROTOCOL_MISSING


__all__ = [
    "ADULT_AGE",
    "AT_SCREENING",
    "CONSENT_CHANNELS",
    "CONSENT_GIVEN",
    "DEFAULT_REFERRAL_TARGET",
    "EMERGENCY_PROTOCOL_MISSING",
    "NEEDS_FOLLOW_UP",
    "NEW_REFERRAL_STATUS",
    "OTHER_SERVICES",
    "REGISTER_CHANNEL",
    "REGISTER_FIELDS",
    "STAND_IN_DECISION",
    "STAND_IN_RISK",
    "Bidang",
    "ConsentBasis",
    "Referral",
    "ReferralStatus",
    "ReferralTarget",
    "RiskLevel",  # lives in domain.risk; a screening is where it is first judged
    "ScreeningDraft",
    "ServiceKind",
    "adult_consent_problem",
    "age_on",
    "cited_line",
    "consent_record_problems",
    "emergency_protocol_text",
    "guardian_relation_of",
    "register_form",
    "register_problems",
    "request_status_after",
    "validate_choices",
]
