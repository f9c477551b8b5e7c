"""Parent/guardian consent for BK services (issue 18, UU PDP No. 27/2022 Ps. 25; DOMAIN §4).

A child's data needs the consent of a parent or guardian, and the school must be able to
prove it: who gave it, as what (ayah/ibu/wali, the vocabulary of ``domain.students``), on
which day, how (a paper form handed over in person, or a scan of the signed form), and the
**version of the consent text** they saw. A withdrawal is recorded the same way, with a date.

The register is one list of entries per student, given and withdrawn, never edited: the state
on a day is the latest entry dated on or before it (ties: the later recorded), so a consent
recorded after a withdrawal lifts it, and a consent backdated before a withdrawal does not.

The rules here, each one there for a reason:

- **no consent recorded is not a block** (``withdrawn_on`` is ``None``): schools start with
  paper forms and fill the register gradually; Siswa shows "Belum ada persetujuan tercatat";
- a **withdrawal in force** blocks every act that starts or carries on work for that student
  (``withdrawal_refusal``): a new permohonan, a screening, reopening a closed permohonan,
  planning or moving a session, recording a session held on or after the withdrawal day,
  planning or recording a follow-up, sending a referral on, a referral letter or a summons
  letter. What was recorded before stays, and ending work stays allowed (cancelling a session,
  closing a permohonan or a case, ending a referral): that is what a withdrawal asks for;
- a **tindakan darurat is never blocked**, on purpose (``RequestService.record_emergency_action``
  does not ask): the child's safety comes before the register, as acting without consent to
  protect a child in an emergency is allowed for a referral too (``domain.screening``);
- a consent is never oral (``ConsentChannel.LISAN`` is for withdrawals only): the law asks for
  proof, and a form or its scan is that proof; a scan channel needs the scan itself;
- no entry is dated in the future or before the text version it cites was saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bk_desktop.domain.dates import format_date
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.students import GuardianRelation
from bk_desktop.domain.text import LINE_MAX, NAME_MAX, clean_line, clean_text, length_problem

TEXT_MAX = 8_000
"""The consent text fits on one printed page with the form's fields under it."""

DEFAULT_CONSENT_TEXT = """\
Dengan ini saya, orang tua/wali siswa yang namanya tertulis di bawah, menyatakan setuju anak \
saya mendapat layanan bimbingan dan konseling (BK) di sekolah, dan setuju data pribadinya yang \
diperlukan untuk layanan itu dicatat oleh guru BK.

1. Kerahasiaan. Apa yang diceritakan anak kepada guru BK dijaga kerahasiaannya. Catatan \
konseling disimpan terenkripsi di komputer BK sekolah dan hanya dibaca oleh guru BK yang \
menanganinya.

2. Kesukarelaan. Anak datang ke konseling dengan sukarela. Anak boleh menolak atau berhenti, \
dan guru BK selalu menanyakan kesediaannya.

3. Batas kerahasiaan. Bila anak atau orang lain dalam bahaya (misalnya kekerasan, menyakiti \
diri, atau ancaman keselamatan), guru BK wajib memberi tahu orang tua/wali dan pihak yang \
dapat menolong, sebatas yang diperlukan untuk keselamatan anak.

4. Hak orang tua/wali dan anak. Sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan \
Data Pribadi, orang tua/wali berhak melihat data anak yang disimpan, meminta perbaikan, dan \
menarik persetujuan ini kapan saja dengan memberi tahu guru BK. Sesudah persetujuan ditarik, \
tidak ada sesi konseling baru; catatan yang sudah ada tetap disimpan sampai masa simpannya \
berakhir."""
"""Version 1 of the text, until the school saves its own (Pengaturan → Privasi)."""


class ConsentAct(StrEnum):
    """What an entry of the register records."""

    GIVEN = "diberikan"
    WITHDRAWN = "ditarik"

    @property
    def label(self) -> str:
        return {ConsentAct.GIVEN: "Persetujuan", ConsentAct.WITHDRAWN: "Penarikan"}[self]


class ConsentChannel(StrEnum):
    """How the parent/guardian's word reached the school."""

    KERTAS = "kertas"
    PINDAIAN = "pindaian"
    LISAN = "lisan"

    @property
    def label(self) -> str:
        return {
            ConsentChannel.KERTAS: "Formulir kertas, diserahkan langsung",
            ConsentChannel.PINDAIAN: "Pindaian formulir yang ditandatangani",
            ConsentChannel.LISAN: "Disampaikan langsung (lisan)",
        }[self]


CHANNELS_OF = {
    ConsentAct.GIVEN: (ConsentChannel.KERTAS, ConsentChannel.PINDAIAN),
    ConsentAct.WITHDRAWN: (ConsentChannel.KERTAS, ConsentChannel.PINDAIAN, ConsentChannel.LISAN),
}
"""A consent needs proof on paper; a withdrawal is honoured however it was said."""


@dataclass(frozen=True)
class ConsentForm:
    """What the counsellor types for one entry of the register."""

    act: ConsentAct
    person_name: str
    relation: GuardianRelation | None
    on: date
    channel: ConsentChannel | None
    text_version: int | None = None
    """The version of the consent text the parent/guardian saw (a consent only)."""
    reason: str = ""
    """Why it was withdrawn, when they said (a withdrawal only; optional)."""

    def cleaned(self) -> ConsentForm:
        return ConsentForm(
            act=self.act,
            person_name=clean_line(self.person_name),
            relation=self.relation,
            on=self.on,
            channel=self.channel,
            text_version=self.text_version,
            reason=clean_text(self.reason),
        )


def form_problems(
    form: ConsentForm,
    *,
    today: date,
    newest_version: int,
    version_saved_on: date | None = None,
    has_scan: bool = False,
) -> list[ValidationError]:
    """Every problem of ``form`` (already cleaned), each tagged with its field.

    ``newest_version`` is the current text's number; ``version_saved_on`` the local day the
    cited version was saved (``None`` for the program's default, which is older than any
    consent)."""
    problems: list[ValidationError] = []
    if not form.person_name:
        problems.append(ValidationError("Tuliskan nama orang tua/wali.", "person_name"))
    else:
        problem = length_problem(form.person_name, NAME_MAX, "Nama orang tua/wali")
        if problem is not None:
            problems.append(ValidationError(problem, "person_name"))
    if form.relation is None:
        problems.append(ValidationError("Pilih hubungannya dengan siswa.", "relation"))
    if form.on > today:
        problems.append(ValidationError("Tanggal tidak boleh di masa depan.", "on"))
    if form.channel is None or form.channel not in CHANNELS_OF[form.act]:
        message = (
            "Pilih cara persetujuan diberikan: formulir kertas atau pindaiannya."
            if form.act is ConsentAct.GIVEN
            else "Pilih cara penarikan disampaikan."
        )
        problems.append(ValidationError(message, "channel"))
    if form.act is ConsentAct.GIVEN:
        version = form.text_version
        if version is None or not 1 <= version <= newest_version:
            problems.append(
                ValidationError(
                    f"Pilih versi naskah persetujuan yang dibaca orang tua/wali (1–"
                    f"{newest_version}).",
                    "text_version",
                )
            )
        elif version_saved_on is not None and form.on < version_saved_on:
            problems.append(
                ValidationError(
                    f"Naskah versi {version} baru disimpan pada "
                    f"{format_date(version_saved_on)}; persetujuan dengan naskah itu "
                    "tidak mungkin diberikan lebih awal. Pilih versi yang benar atau "
                    "perbaiki tanggalnya.",
                    "on",
                )
            )
        if form.channel is ConsentChannel.PINDAIAN and not has_scan:
            problems.append(
                ValidationError("Pilih berkas pindaian formulir yang ditandatangani.", "scan")
            )
    else:
        problem = length_problem(form.reason, LINE_MAX, "Alasan penarikan")
        if problem is not None:
            problems.append(ValidationError(problem, "reason"))
    return problems


@dataclass(frozen=True)
class ConsentRecord:
    """One stored entry of the register."""

    id: int
    student_id: int
    act: ConsentAct
    person_name: str
    relation: GuardianRelation
    on: date
    channel: ConsentChannel
    text_version: int | None
    reason: str
    recorded_at: datetime
    recorded_by: str | None
    recorded_by_name: str
    has_scan: bool


@dataclass(frozen=True)
class ConsentText:
    """One version of the consent text; ``saved_at`` is ``None`` for the program's default
    while the school has not saved a text of its own."""

    version: int
    text: str
    saved_at: datetime | None
    saved_by_name: str


def text_problem(text: str) -> str | None:
    if not text.strip():
        return "Naskah persetujuan tidak boleh kosong."
    return length_problem(text, TEXT_MAX, "Naskah persetujuan")


def in_force(entries: list[ConsentRecord], on: date) -> ConsentRecord | None:
    """The entry that decides the state on ``on``: the latest dated on or before it (ties:
    the one recorded later); ``None`` while nothing is recorded by then."""
    dated = [entry for entry in entries if entry.on <= on]
    if not dated:
        return None
    return max(dated, key=lambda entry: (entry.on, entry.recorded_at, entry.id))


def withdrawn_on(entries: list[ConsentRecord], on: date) -> date | None:
    """The day consent was withdrawn when a withdrawal is in force on ``on``, else ``None``
    (consent given, or nothing recorded: not a block)."""
    entry = in_force(entries, on)
    if entry is None or entry.act is not ConsentAct.WITHDRAWN:
        return None
    return entry.on


def withdrawal_refusal(withdrawn: date, what: str) -> RuleViolation:
    """The refusal every blocked path raises; ``what`` names the action ("membuat permohonan
    baru", "menjadwalkan sesi", "mencatat sesi")."""
    return RuleViolation(
        f"Orang tua/wali menarik persetujuan layanan BK pada {format_date(withdrawn)}; "
        f"catat persetujuan baru sebelum {what} untuk siswa ini (Siswa → “Persetujuan orang "
        "tua/wali…”). Catatan yang sudah ada tetap tersimpan."
    )


def state_line(entries: list[ConsentRecord], on: date) -> str:
    """The student's consent in one line, as Siswa shows it."""
    entry = in_force(entries, on)
    if entry is None:
        return "Belum ada persetujuan tercatat"
    when = format_date(entry.on)
    if entry.act is ConsentAct.WITHDRAWN:
        return f"Persetujuan ditarik pada {when} ({entry.relation.label.lower()})"
    return (
        f"Persetujuan diberikan pada {when} oleh {entry.relation.label.lower()}, naskah versi "
        f"{entry.text_version}"
    )


__all__ = [
    "CHANNELS_OF",
    "DEFAULT_CONSENT_TEXT",
    "TEXT_MAX",
    "ConsentAct",
    "ConsentChannel",
    "ConsentForm",
    "ConsentRecord",
    "ConsentText",
    "form_problems",
    "in_force",
    "state_line",
    "text_problem",
    "withdrawal_refusal",
    "withdrawn_on",
]
