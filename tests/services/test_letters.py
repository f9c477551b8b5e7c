"""Letters with numbers in a real vault: numbering, reprints, voids, the counter after a
restore, and both letters read back as text."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.documents import DocumentKind
from bk_desktop.domain.errors import KnownError, RuleViolation, ValidationError
from bk_desktop.domain.letters import ParentMeeting
from bk_desktop.domain.requests import RequestSource
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.domain.screening import (
    Bidang,
    ConsentBasis,
    Referral,
    ReferralTarget,
    ScreeningDraft,
    ServiceKind,
)
from bk_desktop.domain.students import ClassPlacement, Guardian, GuardianRelation, StudentDraft
from bk_desktop.services.backup import BackupService, RestoreCredentials, restore
from bk_desktop.services.letters import LetterService, NumberUnconfirmed
from bk_desktop.services.referrals import ReferralService
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import letters_repo

from support import PASSWORD, signed_in_as

ENGLISH = re.compile(r"\b(Page|of|None|nan|Monday|Wednesday|December|Date|Subject|To)\b")


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def school(workspace: Workspace, **changes: object) -> None:
    values: dict[str, object] = {
        "city": "Bontang",
        "government_line": "PEMERINTAH PROVINSI KALIMANTAN TIMUR",
        "agency_line": "DINAS PENDIDIKAN DAN KEBUDAYAAN",
        "address_line": "Jl. Cipto Mangunkusumo No. 1, Bontang",
        "principal_name": "Drs. Bambang Sutrisno, M.Pd.",
        "principal_nip": "197501012000031001",
    }
    values.update(changes)
    settings = SettingsService(workspace)
    settings.save(replace(settings.get(), **values))  # type: ignore[arg-type]


def student(workspace: Workspace, name: str = "Ayu Lestari") -> int:
    year = TermService(workspace).current().year
    return StudentService(workspace).create(
        StudentDraft(
            name=name,
            placements=(ClassPlacement(year, "X MIPA 1"),),
            guardians=(
                Guardian("Siti Aminah", GuardianRelation.IBU, "081234567890"),
                Guardian("Budi Santoso", GuardianRelation.AYAH),
            ),
        )
    )


def referred(workspace: Workspace, name: str = "Ayu Lestari", **changes: object) -> int:
    """A permohonan screened for alih tangan kasus; returns the referral's id."""
    request_id = RequestService(workspace).create(
        RequestForm(
            student_id=student(workspace, name),
            source=RequestSource.SISWA_SENDIRI,
            reason="Ingin bercerita.",
        )
    )
    referral = Referral(
        ReferralTarget.PSIKIATER,
        "Gejala depresi berat yang menetap lebih dari dua minggu.",
        "Ringkasan asesmen awal: sulit tidur, menarik diri. MARKA-BAGI-11.",
        ConsentBasis.PERSETUJUAN_ORANG_TUA,
        target_name="dr. Rina, Sp.KJ (RSUD Taman Husada)",
        consent_by="Siti Aminah",
        consent_relation="ibu",
        consent_date=date(2026, 11, 27),
        consent_channel="tertulis",
    )
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.PRIBADI}),
            symptoms="Menangis terus. MARKA-GEJALA-22.",
            risk=RiskLevel.TINGGI,
            decision=ServiceKind.ALIH_TANGAN_KASUS,
            reason="Sesuai hasil asesmen awal.",
            referral=replace(referral, **changes),  # type: ignore[arg-type]
        ),
    )
    current = ReferralService(workspace).current(request_id)
    assert current is not None
    return current.id


def meeting(workspace: Workspace, **changes: object) -> ParentMeeting:
    values: dict[str, object] = {
        "guardian_name": "Siti Aminah",
        "start": workspace.now() + timedelta(days=3, hours=1),
        "place": "Ruang BK",
        "contact": "Sari Wulandari, telepon (0548) 21234",
    }
    values.update(changes)
    return ParentMeeting(**values)  # type: ignore[arg-type]


def kinds(workspace: Workspace) -> list[str]:
    return [r["kind"] for r in workspace.db.all("SELECT kind FROM audit_event ORDER BY id")]


# -- numbering -------------------------------------------------------------------------------


def test_a_letter_gets_its_number_when_first_issued_and_a_reprint_keeps_it(
    workspace: Workspace, clock: FixedClock
) -> None:
    school(workspace)
    referral_id = referred(workspace)
    letters = LetterService(workspace)
    assert letters.referral_letter(referral_id) is None
    first = letters.print_referral_letter(referral_id)
    letter = letters.referral_letter(referral_id)
    assert letter is not None and letter.number == "421.5/001/BK/XI/2026"
    assert kinds(workspace).count(AuditKind.LETTER_ISSUED.value) == 1
    clock.advance(days=5)  # into December: a reprint keeps the number and the date
    again = letters.print_referral_letter(referral_id)
    assert letters.referral_letter(referral_id) == letter
    assert kinds(workspace).count(AuditKind.LETTER_ISSUED.value) == 1
    assert "421.5/001/BK/XI/2026" in text_of(again.pdf)
    assert "Bontang, 29 November 2026" in text_of(again.pdf)
    assert first.target_kind == "letter" and first.target_id == str(letter.id)


def test_numbers_count_up_across_both_letters_and_restart_each_year(
    workspace: Workspace, clock: FixedClock
) -> None:
    school(workspace)
    letters = LetterService(workspace)
    first = letters.referral_letter(referral_id := referred(workspace)) or None
    assert first is None
    letters.print_referral_letter(referral_id)
    student_id = student(workspace, "Bayu Pratama")
    letters.print_parent_letter(student_id, meeting(workspace))
    letters.print_parent_letter(student_id, meeting(workspace, place="Ruang kepala sekolah"))
    assert [x.serial for x in letters.parent_letters(student_id)] == [3, 2]
    clock.advance(days=40)  # 2027
    letters.print_parent_letter(student_id, meeting(workspace))
    newest = letters.parent_letters(student_id)[0]
    assert (newest.year, newest.serial, newest.number) == (2027, 1, "421.5/001/BK/I/2027")


def test_a_voided_number_stays_void_and_is_never_given_again(workspace: Workspace) -> None:
    school(workspace)
    referral_id = referred(workspace)
    letters = LetterService(workspace)
    letters.print_referral_letter(referral_id)
    letter = letters.referral_letter(referral_id)
    assert letter is not None
    with pytest.raises(ValidationError):
        letters.void(letter.id, "-")
    letters.void(letter.id, "Salah alamat penerima, surat tidak dikirim")
    assert letters.referral_letter(referral_id) is None
    with pytest.raises(RuleViolation, match="sudah dibatalkan"):
        letters.reprint(letter.id)
    with pytest.raises(RuleViolation, match="sudah dibatalkan"):
        letters.void(letter.id, "Dua kali dibatalkan")
    document = letters.print_referral_letter(referral_id)
    renewed = letters.referral_letter(referral_id)
    assert renewed is not None and renewed.serial == 2
    assert "421.5/002/BK/XI/2026" in text_of(document.pdf)
    stored = letters_repo.get(workspace.db, letter.id)
    assert stored is not None and stored.is_void and stored.void_reason.startswith("Salah")
    assert AuditKind.LETTER_VOIDED.value in kinds(workspace)


def test_the_letter_and_its_audit_event_are_one_transaction(workspace: Workspace) -> None:
    school(workspace)
    student_id = student(workspace)
    letters = LetterService(workspace)
    before = kinds(workspace)
    with pytest.raises(RuntimeError), workspace.db.transaction():
        letters.print_parent_letter(student_id, meeting(workspace))
        assert letters.parent_letters(student_id)
        raise RuntimeError("the caller's transaction fails after the letter was numbered")
    assert letters.parent_letters(student_id) == []
    assert kinds(workspace) == before
    # Two letters issued one after the other inside one transaction still differ.
    with workspace.db.transaction():
        letters.print_parent_letter(student_id, meeting(workspace))
        letters.print_parent_letter(student_id, meeting(workspace))
    assert sorted(x.serial for x in letters.parent_letters(student_id)) == [1, 2]


def test_the_vault_refuses_a_serial_given_twice_and_removing_a_number(
    workspace: Workspace,
) -> None:
    school(workspace)
    student_id = student(workspace)
    letters = LetterService(workspace)
    letters.print_parent_letter(student_id, meeting(workspace))
    letter = letters.parent_letters(student_id)[0]
    with pytest.raises(Exception, match="UNIQUE"), workspace.db.transaction():
        letters_repo.insert(
            workspace.db,
            kind=DocumentKind.SURAT_PANGGILAN,
            year=letter.year,
            serial=letter.serial,
            number="lagi",
            target_kind="student",
            target_id=student_id,
            details={},
            issued_at=workspace.now(),
            issued_by=None,
        )
    with pytest.raises(Exception, match="never removed"), workspace.db.transaction():
        workspace.db.execute("DELETE FROM letter")


def test_the_next_number_is_corrected_only_upward_and_audited(workspace: Workspace) -> None:
    school(workspace)
    letters = LetterService(workspace)
    state = letters.number_state()
    assert (state.year, state.next_serial, state.next_number) == (2026, 1, "421.5/001/BK/XI/2026")
    letters.set_next_number(45)
    assert letters.number_state().next_serial == 45
    with pytest.raises(ValidationError, match="hanya dapat dinaikkan") as lower:
        letters.set_next_number(44)
    assert lower.value.field == "next_number"
    assert kinds(workspace).count(AuditKind.LETTER_COUNTER_SET.value) == 1
    student_id = student(workspace)
    letters.print_parent_letter(student_id, meeting(workspace))
    assert letters.parent_letters(student_id)[0].number == "421.5/045/BK/XI/2026"


def test_after_restoring_an_older_backup_the_next_number_is_confirmed(
    created: tuple[Workspace, str], clock: FixedClock, tmp_path: Path
) -> None:
    workspace, _ = created
    school(workspace)
    student_id = student(workspace)
    letters = LetterService(workspace)
    letters.print_parent_letter(student_id, meeting(workspace))
    backup = BackupService(workspace).backup(tmp_path / "usb")
    clock.advance(hours=1)
    letters.print_parent_letter(student_id, meeting(workspace))  # 002, sent, then lost
    letters.print_parent_letter(student_id, meeting(workspace))  # 003
    clock.advance(hours=1)
    restored = restore(
        workspace, backup, RestoreCredentials(account_id=workspace.account.id, password=PASSWORD)
    )
    try:
        clock.advance(minutes=5)
        after = LetterService(restored)
        state = after.number_state()
        assert state.needs_confirmation and state.next_serial == 2
        assert state.last_number == "421.5/001/BK/XI/2026"
        with pytest.raises(NumberUnconfirmed) as asked:
            after.print_parent_letter(student_id, meeting(restored))
        assert asked.value.state.next_serial == 2
        assert "dipulihkan" in asked.value.message
        assert after.parent_letters(student_id)[0].serial == 1  # nothing issued
        with pytest.raises(ValidationError):
            after.print_parent_letter(student_id, meeting(restored), confirmed_next=1)
        after.print_parent_letter(student_id, meeting(restored), confirmed_next=4)
        assert after.parent_letters(student_id)[0].number == "421.5/004/BK/XI/2026"
        assert not after.number_state().needs_confirmation
        after.print_parent_letter(student_id, meeting(restored))
        assert after.parent_letters(student_id)[0].serial == 5
        audit = kinds(restored)
        assert audit.index(AuditKind.RESTORE.value) < audit.index(
            AuditKind.LETTER_COUNTER_SET.value
        )
    finally:
        restored.lock()


# -- the Surat Alih Tangan Kasus ---------------------------------------------------------------


def test_the_referral_letter_reads_as_a_letter_with_consent_and_what_is_shared(
    workspace: Workspace,
) -> None:
    school(workspace)
    document = LetterService(workspace).print_referral_letter(referred(workspace))
    text = text_of(document.pdf)
    for expected in (
        "SURAT ALIH TANGAN KASUS",
        "Nomor : 421.5/001/BK/XI/2026",
        "Lampiran : -",
        "Perihal : Alih Tangan Kasus",
        "Kepada Yth. dr. Rina, Sp.KJ (RSUD Taman Husada) Psikiater",
        "Ayu Lestari",
        "X MIPA 1",
        "Gejala depresi berat",
        "MARKA-BAGI-11",
        "Persetujuan orang tua/wali",
        "Siti Aminah (ibu)",
        "27 November 2026",
        "Formulir kertas",  # the consent register's entry, which the referral cites
        "naskah persetujuan versi 1",
        "Mengetahui,",
        "Bontang, 29 November 2026",
        "Drs. Bambang Sutrisno, M.Pd.",
        "NIP. 19750101 200003 1 001",
        "Sari Wulandari",
        "Halaman 1 dari",
    ):
        assert expected in text, expected
    assert "MARKA-GEJALA-22" not in text  # only what is shared, never the screening's notes
    assert ENGLISH.search(text) is None
    assert document.kind is DocumentKind.SURAT_ALIH_TANGAN
    assert "Ayu Lestari" not in document.title and "A.L." in document.title
    assert document.file_name == "Surat-Alih-Tangan-Kasus_AL_2026-11-29.pdf"
    info = PdfReader(io.BytesIO(document.pdf)).metadata
    assert info is not None and "Ayu" not in str(dict(info))


def test_a_missing_nip_is_left_to_write_by_hand(workspace: Workspace) -> None:
    school(workspace, principal_nip="")
    text = text_of(LetterService(workspace).print_referral_letter(referred(workspace)).pdf)
    assert text.count("NIP. ……") == 2  # the principal and the counsellor


def test_a_referral_without_a_recorded_consent_gets_no_letter_and_no_number(
    workspace: Workspace,
) -> None:
    school(workspace)
    referral_id = referred(workspace)
    workspace.db.execute(
        "UPDATE referral SET consent_basis = NULL WHERE id = :id", {"id": referral_id}
    )
    letters = LetterService(workspace)
    with pytest.raises(RuleViolation, match="persetujuan"):
        letters.print_referral_letter(referral_id)
    workspace.db.execute(
        # A referral stored before schema step 16, with its own consent fields half filled.
        "UPDATE referral SET consent_basis = 'persetujuan_orang_tua', consent_by = '', "
        "consent_id = NULL WHERE id = :id",
        {"id": referral_id},
    )
    with pytest.raises(RuleViolation, match="belum tercatat lengkap"):
        letters.print_referral_letter(referral_id)
    assert letters.number_state().next_serial == 1


def test_the_kepala_sekolah_is_refused_letters(workspace: Workspace) -> None:
    principal = signed_in_as(workspace, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)
    with pytest.raises(RuleViolation, match="kepala sekolah"):
        LetterService(principal)


# -- the Surat Panggilan Orang Tua/Wali --------------------------------------------------------


def test_the_parent_letter_names_the_meeting_in_indonesian_and_keeps_counselling_out(
    workspace: Workspace,
) -> None:
    school(workspace)
    student_id = student(workspace)
    letters = LetterService(workspace)
    start = workspace.now() + timedelta(days=3, hours=1)  # Rabu, 2 Desember 2026, 09.30 WITA
    document = letters.print_parent_letter(student_id, meeting(workspace, start=start))
    text = text_of(document.pdf)
    for expected in (
        "SURAT PANGGILAN ORANG TUA/WALI",
        "Nomor : 421.5/001/BK/XI/2026",
        "Perihal : Panggilan Orang Tua/Wali",
        "Kepada Yth. Ibu Siti Aminah",  # addressed as her relation says: ibu
        "mengharapkan kehadiran Ibu pada",
        "Orang tua/wali dari Ayu Lestari, kelas X MIPA 1",
        "Rabu, 2 Desember 2026",
        "09.30 WITA s.d. selesai",
        "Ruang BK",
        "konsultasi mengenai perkembangan putra/putri Bapak/Ibu",
        "Sari Wulandari, telepon (0548) 21234",
        "Mengetahui,",
        "Halaman 1 dari 1",
    ):
        assert expected in text, expected
    assert ENGLISH.search(text) is None
    # A reprint says the same, whatever the settings or the student's record say later.
    letter = letters.parent_letters(student_id)[0]
    assert text_of(letters.reprint(letter.id).pdf) == text


def test_a_summons_to_someone_not_on_the_record_or_in_the_past_is_refused(
    workspace: Workspace,
) -> None:
    school(workspace)
    student_id = student(workspace)
    letters = LetterService(workspace)
    with pytest.raises(ValidationError) as stranger:
        letters.print_parent_letter(student_id, meeting(workspace, guardian_name="Orang Lain"))
    assert stranger.value.field == "guardian"
    with pytest.raises(ValidationError) as past:
        letters.print_parent_letter(
            student_id, meeting(workspace, start=workspace.now() - timedelta(hours=1))
        )
    assert past.value.field == "start"
    assert letters.parent_letters(student_id) == []
    assert letters.number_state().next_serial == 1


def test_an_unusable_format_stops_a_letter_before_a_number(workspace: Workspace) -> None:
    school(workspace)
    workspace.db.execute(
        "INSERT OR REPLACE INTO setting (key, value) VALUES ('letter_number_format', :v)",
        {"v": '"{kode}/BK"'},
    )
    workspace.audit(AuditKind.SETTINGS_CHANGED, detail="letter_number_format")
    with pytest.raises(KnownError, match="Format nomor surat"):
        LetterService(workspace).print_parent_letter(student(workspace), meeting(workspace))
