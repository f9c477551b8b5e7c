"""What a printed document shows by default, and the names its files get."""

from __future__ import annotations

from datetime import date

from bk_desktop.domain.documents import (
    DEFAULT_SUMMARY_PARTS,
    DocumentChoice,
    DocumentKind,
    SummaryPart,
    default_file_name,
    student_label,
)

DAY = date(2026, 12, 4)


def test_initials_unless_the_full_name_is_chosen() -> None:
    assert student_label("Ayu  Lestari", full_name=False) == "A.L."
    assert student_label("Ayu  Lestari", full_name=True) == "Ayu Lestari"
    assert student_label("Ni Luh Putu Ayu Śrī", full_name=False) == "N.L.P."


def test_free_text_notes_are_left_out_by_default() -> None:
    choice = DocumentChoice()
    assert not choice.full_name
    assert SummaryPart.CATATAN not in choice.parts
    assert choice.parts == DEFAULT_SUMMARY_PARTS == frozenset(SummaryPart) - {SummaryPart.CATATAN}


def test_file_names_carry_kind_initials_and_date_never_a_name() -> None:
    name = default_file_name(DocumentKind.RINGKASAN_SESI, "Ayu Lestari", DAY)
    assert name == "Ringkasan-Sesi-Konseling_AL_2026-12-04.pdf"
    assert default_file_name(DocumentKind.RENCANA_AKSI, "Nur'aini", DAY) == (
        "Rencana-Aksi_N_2026-12-04.pdf"
    )
    assert default_file_name(DocumentKind.KARTU_PEMULIHAN, "", DAY) == (
        "Kartu-Pemulihan_2026-12-04.pdf"
    )


def test_characters_windows_refuses_never_reach_a_file_name() -> None:
    name = default_file_name(DocumentKind.RENCANA_AKSI, '"A/B" <C>|D:E*', DAY)
    assert not set('\\/:*?"<>|') & set(name.removesuffix(".pdf"))
    assert name.endswith("_2026-12-04.pdf")
