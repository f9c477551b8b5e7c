"""Printed documents from real sessions in a real vault, read back as text with pypdf.

The service builds PDFs in memory from what the signed-in account may see; printing and saving
are audited; a saved file is written whole, where the user chose, optionally with a password.
"""

from __future__ import annotations

import io
import os
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import (
    ActionItemDraft,
    Alternative,
    Confidentiality,
)
from bk_desktop.domain.documents import DEFAULT_SUMMARY_PARTS, DocumentChoice, SummaryPart
from bk_desktop.domain.errors import KnownError, RuleViolation
from bk_desktop.domain.settings import LogoSlot
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.documents import Document, DocumentService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo

from support import counselled, hold_session, signed_in_as

NOTE = "Bercerita tentang pertengkaran orang tua di rumah; MARKA-CATATAN-77."
LONG_NOTE = "\n\n".join(
    f"Paragraf {n}: siswa menceritakan kembali kejadian minggu lalu dengan rinci. " * 6
    for n in range(1, 26)
)


def text_of(pdf: bytes) -> str:
    """The document's words in order, lines joined (a table cell wraps where it must)."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def pages_of(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


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


def held(
    workspace: Workspace, clock: FixedClock, name: str = "Ayu Lestari", **report: object
) -> int:
    request_id = counselled(workspace, name)
    values: dict[str, object] = {
        "notes": NOTE,
        "alternatives": (
            Alternative("Tidur lebih awal", chosen=True),
            Alternative("Minta dibangunkan ibu"),
        ),
        "action_items": (
            ActionItemDraft(
                what="Tidur sebelum pukul 22.00",
                support="Ibu mengingatkan",
                due_on=clock.now().date() + timedelta(days=7),
            ),
        ),
    }
    values.update(report)
    session_id, _case_id = hold_session(workspace, clock, request_id, **values)
    return session_id


@pytest.fixture
def session_id(workspace: Workspace, clock: FixedClock) -> int:
    school(workspace)
    return held(workspace, clock)


def test_the_summary_prints_the_product_with_initials_and_no_notes_by_default(
    workspace: Workspace, session_id: int
) -> None:
    document = DocumentService(workspace).session_summary(session_id)
    text = text_of(document.pdf)
    assert "RINGKASAN SESI KONSELING" in text.upper()
    assert "A.L." in text
    assert "Ayu Lestari" not in text
    assert "X MIPA 1" in text
    assert "Memahami bahwa terlambat berasal dari tidur larut." in text
    assert "Tidur sebelum pukul 22.00" in text and "Ibu mengingatkan" in text
    assert "Tidur lebih awal" in text
    assert "Sering terlambat masuk kelas." in text  # the permohonan, as the problem
    assert "MARKA-CATATAN-77" not in text
    assert "Halaman 1 dari" in text and "RAHASIA" in text
    assert "WITA" in text
    assert any(day in text for day in ("Senin", "Selasa", "Rabu", "Kamis", "Jumat"))
    assert "Drs. Bambang Sutrisno, M.Pd." in text and "Bontang" in text
    for leftover in ("None", "nan", "Understanding", "Comfort", "Action"):
        assert leftover not in text.split(), leftover
    assert document.file_name.startswith("Ringkasan-Sesi-Konseling_AL_")
    assert "Ayu" not in document.file_name and "Ayu" not in document.title


def test_the_counsellor_chooses_the_full_name_the_notes_and_leaves_parts_out(
    workspace: Workspace, session_id: int
) -> None:
    choice = DocumentChoice(
        full_name=True,
        parts=(DEFAULT_SUMMARY_PARTS | {SummaryPart.CATATAN}) - {SummaryPart.ALTERNATIF},
    )
    text = text_of(DocumentService(workspace).session_summary(session_id, choice).pdf)
    assert "Ayu Lestari" in text
    assert "MARKA-CATATAN-77" in text
    assert "Tidur lebih awal" not in text


def test_long_notes_flow_over_pages_with_every_page_numbered(
    workspace: Workspace, clock: FixedClock
) -> None:
    school(workspace)
    session_id = held(workspace, clock, "Ni Luh Putu Ayu Śrī", notes=LONG_NOTE)
    choice = DocumentChoice(full_name=True, parts=frozenset(SummaryPart))
    pdf = DocumentService(workspace).session_summary(session_id, choice).pdf
    count = pages_of(pdf)
    assert count >= 2
    text = text_of(pdf)
    assert f"Halaman {count} dari {count}" in text
    assert "Paragraf 25" in text
    assert "Ni Luh Putu Ayu Śrī" in text


def test_the_action_plan_is_for_the_student_and_needs_actions(
    workspace: Workspace, clock: FixedClock, session_id: int
) -> None:
    service = DocumentService(workspace)
    document = service.action_plan(session_id)
    text = text_of(document.pdf)
    assert "RENCANA AKSI" in text.upper()
    assert "Tidur sebelum pukul 22.00" in text and "Ibu mengingatkan" in text
    assert "A.L." in text and "Ayu Lestari" not in text
    assert "MARKA-CATATAN-77" not in text
    assert document.file_name.startswith("Rencana-Aksi_AL_")

    without = held(workspace, clock, "Budi Santoso", action_items=())
    with pytest.raises(RuleViolation, match="belum punya rencana aksi"):
        service.action_plan(without)


def test_only_a_held_session_prints(workspace: Workspace) -> None:
    school(workspace)
    request_id = counselled(workspace)
    [planned] = CounsellingService(workspace).sessions_of_request(request_id)
    with pytest.raises(RuleViolation, match="sudah dilaksanakan"):
        DocumentService(workspace).session_summary(planned.id)


def test_documents_obey_who_may_see_what(workspace: Workspace, clock: FixedClock) -> None:
    school(workspace)
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    principal = signed_in_as(workspace, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)
    session_id = held(guru, clock)
    koordinator = DocumentService(workspace)

    with pytest.raises(RuleViolation, match="Tampilkan catatan"):
        koordinator.session_summary(session_id)
    opened = koordinator.session_summary(session_id, show_notes=True)
    assert "Tidur sebelum pukul 22.00" in text_of(opened.pdf)
    assert audit_repo.latest(workspace.db, AuditKind.NOTES_SHOWN) is not None

    with pytest.raises(RuleViolation):
        DocumentService(principal).session_summary(session_id)

    owner = CounsellingService(guru)
    case_id = owner.session(session_id).record.case_id
    assert case_id is not None
    owner.update_case(
        case_id,
        replace(owner.case(case_id).record.draft, confidentiality=Confidentiality.SANGAT_RAHASIA),
    )
    with pytest.raises(RuleViolation, match="sangat rahasia"):
        koordinator.session_summary(session_id, show_notes=True)
    assert "Tidur" in text_of(DocumentService(guru).session_summary(session_id).pdf)


def test_printing_and_saving_are_audited_without_content(
    workspace: Workspace, session_id: int, tmp_path: Path
) -> None:
    service = DocumentService(workspace)
    document = service.session_summary(session_id)
    service.record_printed(document, copies=2, pages="1")
    printed = audit_repo.latest(workspace.db, AuditKind.DOCUMENT_PRINTED)
    assert printed is not None
    assert (printed.target_kind, printed.target_id) == ("session", str(session_id))
    assert "ringkasan_sesi" in printed.detail and "salinan 2" in printed.detail

    folder = tmp_path / "Dokumen" / "BK"
    folder.mkdir(parents=True)
    path = service.save(document, folder / "ringkasan")
    assert path == folder / "ringkasan.pdf"
    assert path.read_bytes() == document.pdf
    assert sorted(p.name for p in folder.iterdir()) == ["ringkasan.pdf"]
    saved = audit_repo.latest(workspace.db, AuditKind.DOCUMENT_SAVED)
    # Kind and password only: the folder or file name may carry a student's name.
    assert saved is not None and saved.detail == "ringkasan_sesi; tanpa kata sandi"
    for event in audit_repo.recent(workspace.db):
        assert "Ayu" not in event.detail and "Tidur" not in event.detail


def test_a_password_protects_the_saved_file(
    workspace: Workspace, session_id: int, tmp_path: Path
) -> None:
    service = DocumentService(workspace)
    document = service.session_summary(session_id)
    path = service.save(document, tmp_path / "rahasia.pdf", "sandi-bk-2026")
    reader = PdfReader(path)
    assert reader.is_encrypted
    assert reader.decrypt("salah") == 0
    assert reader.decrypt("sandi-bk-2026") != 0
    assert "Tidur sebelum pukul 22.00" in " ".join(
        " ".join(page.extract_text() for page in reader.pages).split()
    )
    saved = audit_repo.latest(workspace.db, AuditKind.DOCUMENT_SAVED)
    assert saved is not None and "dengan kata sandi" in saved.detail
    assert "sandi-bk-2026" not in saved.detail

    with pytest.raises(KnownError, match="minimal"):
        service.save(document, tmp_path / "pendek.pdf", "abc")
    assert not (tmp_path / "pendek.pdf").exists()


def test_a_missing_folder_is_said_and_nothing_is_written(
    workspace: Workspace, session_id: int, tmp_path: Path
) -> None:
    service = DocumentService(workspace)
    document = service.session_summary(session_id)
    before = audit_repo.count(workspace.db)
    with pytest.raises(KnownError, match="tidak ada"):
        service.save(document, tmp_path / "flashdisk-dicabut" / "x.pdf")
    assert audit_repo.count(workspace.db) == before


def test_a_missing_principal_number_and_name_are_left_to_write_by_hand(
    workspace: Workspace, clock: FixedClock
) -> None:
    school(workspace, principal_name="", principal_nip="")
    session_id = held(workspace, clock)
    text = text_of(DocumentService(workspace).session_summary(session_id).pdf)
    assert "NIP. …" in text
    assert "Mengetahui" in text


def test_the_spool_folder_is_private_and_inside_the_data_folder(workspace: Workspace) -> None:
    folder = DocumentService(workspace).spool_folder()
    assert folder.parent == workspace.vault.paths.folder
    assert folder.is_dir()
    assert folder.stat().st_mode & 0o077 == 0


def test_a_document_is_bytes_in_memory_until_saved(
    workspace: Workspace, session_id: int, tmp_path: Path
) -> None:
    data_folder = workspace.vault.paths.folder
    before = sorted(p.relative_to(data_folder) for p in data_folder.rglob("*"))
    document = DocumentService(workspace).session_summary(session_id)
    assert isinstance(document, Document) and document.pdf.startswith(b"%PDF")
    after = sorted(p.relative_to(data_folder) for p in data_folder.rglob("*"))
    assert after == before


def test_unusual_names_print(workspace: Workspace, clock: FixedClock) -> None:
    school(workspace, school_name="SMA Negeri 1 Bontang")
    service = DocumentService(workspace)
    for name in ("Nur'aini", "王小明", "Ni Luh Putu Ayu Śrī"):
        session_id = held(workspace, clock, name)
        text = text_of(service.session_summary(session_id, DocumentChoice(full_name=True)).pdf)
        assert name in text, name


def _logo(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (240, 240), colour).save(path)
    return path


def test_the_school_logos_from_the_vault_print_on_every_document(
    workspace: Workspace, session_id: int, tmp_path: Path
) -> None:
    settings = SettingsService(workspace)
    settings.set_logo(LogoSlot.LEFT, _logo(tmp_path / "pemprov.png", (20, 80, 160)))
    settings.set_logo(LogoSlot.RIGHT, _logo(tmp_path / "sekolah.jpg", (160, 20, 20)))
    service = DocumentService(workspace)
    for document in (
        service.session_summary(session_id),
        service.action_plan(session_id),
        service.letterhead_sample(),
    ):
        first_page = PdfReader(io.BytesIO(document.pdf)).pages[0]
        assert len(first_page.images) == 2, document.kind


def test_the_recovery_card_is_on_the_letterhead_and_audited_where_it_was_saved(
    workspace: Workspace, tmp_path: Path
) -> None:
    school(workspace)
    service = DocumentService(workspace)
    card = service.recovery_card("7K2M-QX4P-9LTR-A3ND-WB6H-C8EV-J5FS-Y2GU")
    text = text_of(card.pdf)
    assert "KARTU PEMULIHAN" in text and "PEMERINTAH PROVINSI KALIMANTAN TIMUR" in text
    assert "7K2M-QX4P-9LTR-A3ND-WB6H-C8EV-J5FS-Y2GU" in text
    assert pages_of(card.pdf) == 1
    assert card.file_name == "Kartu Pemulihan bk-desktop.pdf"
    path = service.save(card, tmp_path / card.file_name)
    saved = audit_repo.latest(workspace.db, AuditKind.DOCUMENT_SAVED)
    assert saved is not None and saved.target_kind == "vault"
    assert saved.detail == "kartu_pemulihan; tanpa kata sandi"
    assert "7K2M" not in saved.detail and path.read_bytes().startswith(b"%PDF")


def test_the_sample_page_shows_the_kop_and_who_signs(workspace: Workspace) -> None:
    school(workspace)
    text = text_of(DocumentService(workspace).letterhead_sample().pdf)
    assert "CONTOH KOP SURAT" in text
    assert "Drs. Bambang Sutrisno, M.Pd." in text and "NIP. 19750101 200003 1 001" in text
    assert workspace.account.name in text
    assert "Halaman 1 dari 1" in text


def test_saving_replaces_a_file_whole_owner_only_and_leaves_no_scratch(
    workspace: Workspace, session_id: int, tmp_path: Path
) -> None:
    service = DocumentService(workspace)
    document = service.session_summary(session_id)
    folder = tmp_path / "Dokumen"
    folder.mkdir()
    target = folder / "ringkasan.pdf"
    target.write_bytes(b"dokumen lama")
    assert service.save(document, target) == target
    assert target.read_bytes() == document.pdf
    assert sorted(p.name for p in folder.iterdir()) == ["ringkasan.pdf"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o077 == 0


def test_a_folder_where_the_file_should_go_is_said_and_left_alone(
    workspace: Workspace, session_id: int, tmp_path: Path
) -> None:
    service = DocumentService(workspace)
    document = service.session_summary(session_id)
    place = tmp_path / "Dokumen"
    folder = place / "ringkasan.pdf"
    folder.mkdir(parents=True)
    (folder / "isi.txt").write_text("x", encoding="utf-8")
    with pytest.raises(KnownError, match="adalah sebuah folder"):
        service.save(document, folder)
    assert sorted(p.name for p in place.iterdir()) == ["ringkasan.pdf"]
    assert (folder / "isi.txt").read_text(encoding="utf-8") == "x"


def test_a_name_the_file_system_refuses_gets_a_sentence_not_a_crash(
    workspace: Workspace, session_id: int, tmp_path: Path
) -> None:
    service = DocumentService(workspace)
    document = service.session_summary(session_id)
    place = tmp_path / "Dokumen"
    place.mkdir()
    with pytest.raises(KnownError, match="terlalu panjang") as refused:
        service.save(document, place / ("x" * 300 + ".pdf"))  # NAME_MAX is 255 here
    assert "File name too long" not in refused.value.message
    assert list(place.iterdir()) == []
