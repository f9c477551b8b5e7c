"""The incident notices on a real vault, read back with pypdf: Indonesian throughout, no
"None", the officer (or the koordinator) to contact, a child named only on the letter to
their own parent/guardian, the typed description kept off the general letter to every
parent/guardian, and no student on the letter to the authority."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import timedelta

import pytest
from pypdf import PdfReader

from bk_desktop.domain.documents import DocumentKind
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.incidents import (
    DataKind,
    IncidentForm,
    IncidentKind,
    IncidentRecord,
    NoticeChannel,
    Recipient,
)
from bk_desktop.domain.students import (
    ClassPlacement,
    Guardian,
    GuardianRelation,
    StudentDraft,
)
from bk_desktop.services.documents import DocumentService
from bk_desktop.services.incidents import IncidentService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace

CHILD = "Ayu Markerputri Lestari"
OTHER = "Bagus Pratama Markersiswa"
ENGLISH = re.compile(r"\b(None|nan|Page|of|Monday|Tuesday|Friday|December|Date)\b")


def text_of(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    words = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    return words, len(reader.pages)


def add_student(workspace: Workspace, name: str, guardian: Guardian | None = None) -> int:
    year = TermService(workspace).current().year
    return StudentService(workspace).create(
        StudentDraft(
            name=name,
            placements=(ClassPlacement(year, "X MIPA 1"),),
            guardians=(guardian,) if guardian else (),
        )
    )


@pytest.fixture
def incident(workspace: Workspace) -> IncidentRecord:
    settings = SettingsService(workspace)
    settings.save(
        replace(
            settings.get(),
            city="Bontang",
            principal_name="Drs. Bambang Sutrisno",
            school_phone="(0548) 21234",
        )
    )
    ayu = add_student(workspace, CHILD, Guardian("Siti Aminah", GuardianRelation.IBU))
    bagus = add_student(workspace, OTHER)
    service = IncidentService(workspace)
    record = service.record(
        IncidentForm(
            kind=IncidentKind.CADANGAN_HILANG,
            found_at=workspace.now() - timedelta(hours=3),
            what_happened="Flashdisk cadangan brankas hilang dari tas guru BK di ruang rapat.",
            data_kinds=frozenset({DataKind.IDENTITAS, DataKind.LAINNYA}),
            data_other="Daftar hadir layanan klasikal",
            reported_by="Rina Handayani",
            student_count=2,
            student_ids=(ayu, bagus),
        )
    )
    service.add_measure(record.id, "Semua kata sandi akun brankas diganti hari itu juga.")
    service.record_notice(record.id, Recipient.ORANG_TUA, NoticeChannel.SURAT, "Lewat wali kelas.")
    return service.open(record.id)


def test_the_parent_letter_names_only_that_child_and_says_whom_to_ask(
    workspace: Workspace, incident: IncidentRecord
) -> None:
    ayu = next(s.id for s in incident.students if s.name == CHILD)
    document = IncidentService(workspace).parent_notice(incident.id, ayu)
    assert document.kind is DocumentKind.PEMBERITAHUAN_INSIDEN_ORTU
    assert CHILD not in document.title and "A.M.L." in document.title
    assert CHILD.split(maxsplit=1)[0] not in document.file_name
    text, pages = text_of(document.pdf)
    for expected in (
        "PEMBERITAHUAN INSIDEN DATA PRIBADI",
        "Nomor : ……………………",
        "Ibu Siti Aminah",
        f"Orang tua/wali dari {CHILD} (kelas X MIPA 1)",
        "Flashdisk/cadangan brankas hilang",
        "Identitas siswa",
        "Daftar hadir layanan klasikal",
        "Semua kata sandi akun brankas diganti",
        "Yang dapat Bapak/Ibu lakukan",
        "Koordinator BK",
        "(0548) 21234",
        "Mengetahui",
        "Drs. Bambang Sutrisno",
        "Pasal 46",
        f"Halaman 1 dari {pages}",
    ):
        assert expected in text, expected
    assert OTHER not in text
    assert not ENGLISH.search(text), ENGLISH.search(text)


def test_the_general_letter_and_the_officer_when_one_is_named(
    workspace: Workspace, incident: IncidentRecord
) -> None:
    settings = SettingsService(workspace)
    settings.save(
        replace(
            settings.get(),
            dpo_name="Hendra Wijaya, S.Kom.",
            dpo_position="Wakil Kepala Sekolah",
            dpo_phone="0812-5555-0101",
            dpo_email="pdp@sman1bontang.sch.id",
        )
    )
    document = IncidentService(workspace).parent_notice(incident.id)
    text, _pages = text_of(document.pdf)
    assert "Bapak/Ibu orang tua/wali siswa" in text
    for expected in ("Hendra Wijaya, S.Kom.", "0812-5555-0101", "pdp@sman1bontang.sch.id"):
        assert expected in text
    assert CHILD not in text and OTHER not in text
    assert "umum" in document.title
    assert not ENGLISH.search(text)


def test_a_name_typed_in_what_happened_is_not_on_the_general_letter(
    workspace: Workspace, incident: IncidentRecord
) -> None:
    """The general letter reaches every family: the typed description stays off it, while
    the kind, the time found and the kinds of data say what happened in the program's words;
    the letter to the linked child's own parent/guardian keeps the description."""
    service = IncidentService(workspace)
    typed = f"Map berisi catatan konseling {OTHER} tertinggal di kantin sekolah."
    record = service.record(
        IncidentForm(
            kind=IncidentKind.DOKUMEN_TERTINGGAL,
            found_at=workspace.now() - timedelta(hours=1),
            what_happened=typed,
            data_kinds=frozenset({DataKind.CATATAN_KONSELING}),
            reported_by="Rina Handayani",
            student_count=1,
        )
    )
    text, pages = text_of(service.parent_notice(record.id).pdf)
    assert OTHER not in text and "Markersiswa" not in text
    assert "tertinggal di kantin" not in text
    for expected in (
        "Dokumen cetak tertinggal atau hilang",
        "Catatan sesi dan kasus konseling",
        "Rincian kejadian tidak dimuat dalam surat umum ini",
        f"Halaman 1 dari {pages}",
    ):
        assert expected in text, expected
    assert not ENGLISH.search(text), ENGLISH.search(text)
    ayu = next(s.id for s in incident.students if s.name == CHILD)
    own, _pages = text_of(service.parent_notice(incident.id, ayu).pdf)
    assert "Flashdisk cadangan brankas hilang dari tas guru BK" in own
    assert "Rincian kejadian tidak dimuat" not in own


def test_the_authority_letter_gives_facts_and_counts_and_no_student(
    workspace: Workspace, incident: IncidentRecord
) -> None:
    service = IncidentService(workspace)
    with pytest.raises(ValidationError):
        service.authority_notice(incident.id, " ")
    document = service.authority_notice(incident.id, "Kepala Dinas Pendidikan Provinsi Kaltim")
    assert document.kind is DocumentKind.PEMBERITAHUAN_INSIDEN_LEMBAGA
    text, pages = text_of(document.pdf)
    for expected in (
        "Kepala Dinas Pendidikan Provinsi Kaltim",
        "2 siswa",
        "Rina Handayani",
        "Semua kata sandi akun brankas diganti",
        "Surat: Lewat wali kelas.",
        "AES-256",
        f"Halaman {pages} dari {pages}",
    ):
        assert expected in text, expected
    assert CHILD not in text and OTHER not in text
    assert not ENGLISH.search(text)
    DocumentService(workspace).record_printed(document, copies=1, pages="semua")
    row = workspace.db.one(
        "SELECT target_kind, target_id, detail FROM audit_event WHERE kind = 'document.printed'"
    )
    assert row is not None
    assert (row["target_kind"], row["target_id"]) == ("incident", str(incident.id))
    assert row["detail"].startswith("pemberitahuan_insiden_lembaga")


def test_a_student_not_linked_gets_no_letter(
    workspace: Workspace, incident: IncidentRecord
) -> None:
    stranger = add_student(workspace, "Citra Orang Lain")
    with pytest.raises(RuleViolation, match="tidak tercatat"):
        IncidentService(workspace).parent_notice(incident.id, stranger)
