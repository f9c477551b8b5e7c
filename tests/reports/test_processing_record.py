"""The record of processing on a real vault, read back with pypdf."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.documents import DocumentKind
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.services.privacy_documents import KEPT_KINDS, PrivacyDocuments
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.audit_repo import KEPT_TABLES, NOT_COUNTED_TABLES, kept_counts

from support import add_request, signed_in_as

MARKER_NAME = "Zulfikar Markerstudent"


def text_of(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    words = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    return words, len(reader.pages)


def test_the_record_says_what_why_how_long_where_who_and_whom_to_ask(
    workspace: Workspace,
) -> None:
    settings = SettingsService(workspace)
    settings.save(
        replace(
            settings.get(),
            principal_name="Drs. Bambang Sutrisno",
            dpo_name="Hendra Wijaya, S.Kom.",
            dpo_position="Wakil Kepala Sekolah Bidang Sarana",
            dpo_phone="0812-5555-0101",
            dpo_email="pdp@sman1bontang.sch.id",
        )
    )
    add_request(workspace, MARKER_NAME)
    signed_in_as(workspace, "Rina Handayani, S.Pd.", Role.GURU_BK)
    signed_in_as(workspace, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)

    document = PrivacyDocuments(workspace).processing_record()
    assert document.kind is DocumentKind.REKAM_PEMROSESAN
    text, pages = text_of(document.pdf)
    assert "CATATAN KEGIATAN PEMROSESAN DATA PRIBADI" in text
    for expected in (
        "Identitas siswa",
        "Orang tua/wali",
        "Permohonan konseling",
        "Kotak saran",
        "Jejak audit",
        "UU PDP No. 27/2022",
        "disimpan sampai 5 tahun sesudah siswa lulus, pindah atau keluar",
        "AES-256",
        "Hendra Wijaya, S.Kom.",
        "pdp@sman1bontang.sch.id",
        "Rina Handayani, S.Pd.",
        "Sari Wulandari",
        "Mengetahui",
        f"Halaman 1 dari {pages}",
    ):
        assert expected in text, expected
    assert MARKER_NAME not in text and "Z.M." not in text
    for english in ("None", "nan", "Page", "Monday", "December", "student"):
        assert re.search(rf"\b{english}\b", text) is None, english


def test_an_unset_officer_is_said_to_be_unset(workspace: Workspace) -> None:
    text, _ = text_of(PrivacyDocuments(workspace).processing_record().pdf)
    assert "belum ditetapkan" in text


def test_only_the_koordinator_prints_it(workspace: Workspace) -> None:
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    with pytest.raises(RuleViolation, match="koordinator BK"):
        PrivacyDocuments(guru).processing_record()


def test_the_officer_contact_is_checked_like_the_schools(workspace: Workspace) -> None:
    settings = SettingsService(workspace)
    with pytest.raises(ValidationError) as refused:
        settings.save(replace(settings.get(), dpo_email="pdp@sekolah"))
    assert refused.value.field == "dpo_email"
    with pytest.raises(ValidationError) as refused:
        settings.save(replace(settings.get(), dpo_phone="Jl. Merdeka 1"))
    assert refused.value.field == "dpo_phone"
    settings.save(replace(settings.get(), dpo_name="  Hendra   Wijaya ", dpo_phone=" 0812 555 "))
    assert settings.get().dpo_name == "Hendra Wijaya"
    assert settings.get().dpo_phone == "0812 555"


def test_every_table_of_the_vault_is_counted_or_said_why_not(workspace: Workspace) -> None:
    """The record lists what the vault holds: a table a schema step adds is either counted
    (with its words in ``KEPT_KINDS``) or named in ``NOT_COUNTED_TABLES`` with a reason."""
    tables = {
        row[0]
        for row in workspace.db.all(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    assert not set(KEPT_TABLES) & NOT_COUNTED_TABLES.keys()
    assert tables - set(KEPT_TABLES) - NOT_COUNTED_TABLES.keys() == set()
    assert [table for table, _name, _holds in KEPT_KINDS] == list(KEPT_TABLES)
    assert set(kept_counts(workspace.db)) == set(KEPT_TABLES) & tables


def test_the_record_names_the_consent_register_and_the_history_of_each_record(
    workspace: Workspace,
) -> None:
    text, pages = text_of(PrivacyDocuments(workspace).processing_record().pdf)
    for expected in (
        "Persetujuan orang tua/wali",
        "Pindaian formulir persetujuan",
        "Riwayat permohonan",
        "Tindakan darurat",
        "Langkah rujukan",
        "Tindak lanjut kotak saran",
        "Draf isian",
        f"Halaman {pages} dari {pages}",
    ):
        assert expected in text, expected
