"""The Laporan Kasus and the Buku Kasus from real cases in a real vault, read back with pypdf.

What is printed is what the signed-in counsellor may see: another's *sangat rahasia* case
cannot be reported and reads "Ada kasus" in the book; withheld notes print only after they were
opened; initials unless the full name is chosen; free-text notes only when chosen.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import (
    ActionItemDraft,
    Alternative,
    CaseStatus,
    Confidentiality,
    FollowUpKind,
    SessionPlan,
)
from bk_desktop.domain.documents import DEFAULT_SUMMARY_PARTS, DocumentChoice, SummaryPart
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.screening import Bidang
from bk_desktop.services.case_documents import CaseDocuments
from bk_desktop.services.counselling import CaseFilter, CounsellingService
from bk_desktop.services.documents import DocumentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo

from support import counselled, hold_session, school_slot, signed_in_as

NOTE = "Catatan kerja: MARKA-CATATAN-31."
WITH_NOTES = DocumentChoice(parts=DEFAULT_SUMMARY_PARTS | {SummaryPart.CATATAN})


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def pages_of(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def assert_clean(text: str) -> None:
    assert "Halaman 1 dari" in text and "RAHASIA" in text
    for leftover in ("None", "nan", "True", "False", "Session", "Case", "Status:"):
        assert leftover not in text.split(), leftover


def a_case(
    workspace: Workspace, clock: FixedClock, name: str = "Ayu Lestari", *, held: int = 1
) -> tuple[int, int]:
    """A case of ``held`` held sessions (the first with alternatives and an action item):
    (case id, request id)."""
    request_id = counselled(workspace, name)
    _session, case_id = hold_session(
        workspace,
        clock,
        request_id,
        notes=NOTE,
        alternatives=(
            Alternative("Tidur lebih awal", chosen=True),
            Alternative("Minta dibangunkan ibu"),
        ),
        action_items=(
            ActionItemDraft(
                what="Tidur sebelum pukul 22.00",
                support="Ibu mengingatkan",
                due_on=clock.now().date() + timedelta(days=7),
            ),
        ),
    )
    service = CounsellingService(workspace)
    for n in range(2, held + 1):
        service.plan_session(request_id, SessionPlan(school_slot(workspace, timedelta(hours=1))))
        hold_session(workspace, clock, request_id, notes=f"Catatan pertemuan {n}.")
    return case_id, request_id


def test_the_case_report_holds_the_study_every_session_and_the_follow_ups(
    workspace: Workspace, clock: FixedClock
) -> None:
    service = CounsellingService(workspace)
    case_id, request_id = a_case(workspace, clock, held=2)
    service.update_case(
        case_id,
        replace(
            service.case(case_id).record.draft,
            identification="Siswa sering terlambat sejak pindah rumah.",
            diagnosis="Pola tidur larut karena bermain gawai.",
            prognosis="Membaik bila jam tidur diatur.",
            treatment_goal="Datang tepat waktu sebulan penuh.",
            treatment_approach="Konseling individual SFBC",
            treatment_technique="Scaling question",
        ),
    )
    planned = service.plan_session(
        request_id, SessionPlan(school_slot(workspace, timedelta(hours=1)))
    )
    service.cancel_session(planned, "Siswa mengikuti lomba di luar sekolah")
    follow_up = service.add_follow_up(case_id, FollowUpKind.LAIJAPEN, clock.now().date())
    service.record_follow_up(follow_up, result="Sudah datang tepat waktu lima hari berturut.")

    document = CaseDocuments(workspace).case_report(case_id)
    text = text_of(document.pdf)
    assert "LAPORAN KASUS" in text
    assert "A.L." in text and "Ayu Lestari" not in text
    for heading in ("Identifikasi", "Diagnosis", "Prognosis", "Treatment", "Pendekatan", "Teknik"):
        assert heading in text, heading
    assert "Pola tidur larut karena bermain gawai." in text
    assert "Pertemuan ke-1" in text and "Pertemuan ke-2" in text
    assert "Memahami bahwa terlambat berasal dari tidur larut." in text
    assert "Tidur lebih awal" in text and "Dipilih" in text
    assert "Batal: Siswa mengikuti lomba di luar sekolah" in text
    assert "Tidur sebelum pukul 22.00" in text
    assert "Sudah datang tepat waktu lima hari berturut." in text
    assert "Laijapen" in text
    assert "WITA" in text and "Sering terlambat masuk kelas." in text
    assert any(day in text for day in ("Senin", "Selasa", "Rabu", "Kamis", "Jumat"))
    assert "Mengetahui" in text
    assert NOTE not in text and "Catatan pertemuan 2." not in text
    assert_clean(text)
    assert document.file_name.startswith("Laporan-Kasus_AL_")
    assert "Ayu" not in document.title and "Ayu" not in document.file_name


def test_the_full_name_and_the_notes_print_only_when_chosen(
    workspace: Workspace, clock: FixedClock
) -> None:
    case_id, _request = a_case(workspace, clock, held=2)
    text = text_of(
        CaseDocuments(workspace).case_report(case_id, replace(WITH_NOTES, full_name=True)).pdf
    )
    assert "Ayu Lestari" in text
    assert NOTE in text and "Catatan pertemuan 2." in text


def test_a_case_of_twelve_sessions_runs_over_pages_with_every_meeting(
    workspace: Workspace, clock: FixedClock
) -> None:
    case_id, _request = a_case(workspace, clock, "Ni Luh Putu Ayu Śrī", held=12)
    pdf = CaseDocuments(workspace).case_report(case_id).pdf
    count = pages_of(pdf)
    assert count >= 3
    text = text_of(pdf)
    assert f"Halaman {count} dari {count}" in text
    for number in range(1, 13):
        assert f"Pertemuan ke-{number} " in text, number
    # The session table's header is printed again on the page it runs on to.
    assert text.count("Hari, tanggal") >= 2
    assert "N.L.P." in text and "Ni Luh" not in text


def test_the_case_report_obeys_who_may_see_what(workspace: Workspace, clock: FixedClock) -> None:
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    principal = signed_in_as(workspace, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)
    case_id, _request = a_case(guru, clock)
    koordinator = CaseDocuments(workspace)

    with pytest.raises(RuleViolation, match="Tampilkan catatan"):
        koordinator.case_report(case_id)
    opened = koordinator.case_report(case_id, show_notes=True)
    assert "Tidur sebelum pukul 22.00" in text_of(opened.pdf)
    assert audit_repo.latest(workspace.db, AuditKind.NOTES_SHOWN) is not None

    with pytest.raises(RuleViolation):
        CaseDocuments(principal).case_report(case_id)

    owner = CounsellingService(guru)
    owner.update_case(
        case_id,
        replace(owner.case(case_id).record.draft, confidentiality=Confidentiality.SANGAT_RAHASIA),
    )
    with pytest.raises(RuleViolation, match="sangat rahasia"):
        koordinator.case_report(case_id)
    with pytest.raises(RuleViolation, match="sangat rahasia"):
        koordinator.case_report(case_id, show_notes=True)
    assert "Tidur sebelum pukul 22.00" in text_of(CaseDocuments(guru).case_report(case_id).pdf)


def test_the_book_lists_the_period_s_cases_with_totals_and_hides_a_sangat_rahasia_one(
    workspace: Workspace, clock: FixedClock
) -> None:
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    mine, _r1 = a_case(workspace, clock, "Ayu Lestari", held=2)
    theirs, _r2 = a_case(guru, clock, "Budi Santoso")
    secret, _r3 = a_case(guru, clock, "Citra Kirana")
    owner = CounsellingService(guru)
    owner.update_case(
        secret,
        replace(owner.case(secret).record.draft, confidentiality=Confidentiality.SANGAT_RAHASIA),
    )
    CounsellingService(workspace).close_case(mine, CaseStatus.SELESAI, reason="Tujuan tercapai")
    today = clock.now().date()
    start, end = today - timedelta(days=30), today + timedelta(days=30)

    books = CaseDocuments(workspace)
    document = books.case_book(start, end)
    text = text_of(document.pdf)
    assert "BUKU KASUS" in text
    assert "A.L." in text and "B.S." in text
    assert "C.K." not in text and "Citra" not in text
    assert "Ada kasus (sangat rahasia)" in text and "Rina Handayani" in text
    assert "Tujuan tercapai" in text
    assert "Kasus dibuka : 3" in text or "Kasus dibuka 3" in text
    assert "Sangat rahasia (guru BK lain)" in text
    assert "Ayu Lestari" not in text
    assert any(month in text for month in ("Januari", "Februari", "Maret", "Desember"))
    assert_clean(text)
    assert document.file_name.startswith("Buku-Kasus_")
    codes = {CounsellingService(workspace).case(c).record.code for c in (mine, theirs, secret)}
    secret_code = CounsellingService(guru).case(secret).record.code
    assert all(code in text for code in codes - {secret_code})
    assert secret_code not in text

    named = text_of(books.case_book(start, end, choice=DocumentChoice(full_name=True)).pdf)
    assert "Ayu Lestari" in named and "Citra" not in named

    # Filtered by bidang, the sangat rahasia case is not found at all (it would tell its
    # bidang); the filters are said under the title, a search without its text.
    filtered = text_of(
        books.case_book(start, end, CaseFilter(bidang=Bidang.PRIBADI.value, search="budi")).pdf
    )
    assert "Ada kasus" not in filtered and "B.S." in filtered and "A.L." not in filtered
    assert "bidang pribadi" in filtered and "budi" not in filtered.lower().split()

    # Filtered by status or class, the hidden case is left out too: the filter printed above
    # it would tell its status or class.
    for where in (
        CaseFilter(statuses=frozenset({CaseStatus.PROSES})),
        CaseFilter(rombel="X MIPA 1"),
    ):
        assert "Ada kasus" not in text_of(books.case_book(start, end, where).pdf), where


def test_the_book_of_an_empty_period_and_a_backwards_one(
    workspace: Workspace, clock: FixedClock
) -> None:
    a_case(workspace, clock)
    books = CaseDocuments(workspace)
    text = text_of(books.case_book(date(2020, 1, 1), date(2020, 6, 30)).pdf)
    assert "Tidak ada kasus yang dibuka pada periode ini." in text
    assert "1 Januari 2020 s.d. 30 Juni 2020" in text
    with pytest.raises(ValidationError, match="akhir periode"):
        books.case_book(date(2020, 6, 30), date(2020, 1, 1))
    start, end = books.default_period()
    assert start <= clock.now().date() <= end


def test_case_documents_are_printed_and_saved_through_the_document_audit(
    workspace: Workspace, clock: FixedClock, tmp_path
) -> None:
    case_id, _request = a_case(workspace, clock)
    document = CaseDocuments(workspace).case_report(case_id)
    service = DocumentService(workspace)
    service.record_printed(document, copies=1, pages="semua")
    printed = audit_repo.latest(workspace.db, AuditKind.DOCUMENT_PRINTED)
    assert printed is not None and printed.target_kind == "case"
    assert printed.target_id == str(case_id)
    saved = service.save(document, tmp_path / document.file_name)
    assert saved.read_bytes() == document.pdf
