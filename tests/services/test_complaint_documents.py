"""Kotak Saran's papers from a real vault, read back with pypdf: a receipt holds the code and
the deadline but never the entry's text, a sheet's codes are the reserved ones and later
register as slips, and the board holds only anonymous entries' public responses."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.complaints import (
    ActionKind,
    Channel,
    ComplaintForm,
    ComplaintRecord,
    ComplaintType,
    SenderKind,
    Subject,
)
from bk_desktop.domain.dates import format_deadline
from bk_desktop.domain.documents import DocumentKind
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.reports.complaint_slips import BOARD_EMPTY
from bk_desktop.services.complaint_documents import ComplaintDocuments, follow_up_promise
from bk_desktop.services.complaints import ComplaintService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo

from support import signed_in_as

SECRET = "Kakak kelas MARKA-ISI-17 meminta uang jajan setiap pagi"
CODE = re.compile(r"KS-\d{4}-\d{4}-[A-Z0-9]{3}")


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def register(
    workspace: Workspace,
    kind: ComplaintType = ComplaintType.PENGADUAN,
    *,
    text: str = SECRET,
    sender: SenderKind = SenderKind.ANONIM,
    name: str = "",
    **changes: object,
) -> ComplaintRecord:
    values: dict[str, object] = {
        "kind": kind,
        "channel": Channel.LANGSUNG,
        "text": text,
        "received_at": workspace.now(),
        "sender_kind": sender,
        "sender_name": name,
    }
    values.update(changes)
    return ComplaintService(workspace).register(ComplaintForm(**values))  # type: ignore[arg-type]


def test_receipt_of_an_anonymous_entry_has_code_and_deadline_never_the_text(
    workspace: Workspace,
) -> None:
    record = register(workspace)
    document = ComplaintDocuments(workspace).receipt(record.id)
    text = text_of(document.pdf)
    clock = ComplaintService(workspace).clock_of(record)
    assert clock.deadline is not None
    deadline = format_deadline(clock.deadline, workspace.settings().zone)
    assert record.code in text
    assert "TANDA TERIMA PENGADUAN" in text
    assert f"Akan ditindaklanjuti paling lambat {deadline}." in text
    assert follow_up_promise(workspace.settings()) in text
    assert "Langsung ke guru BK" in text
    assert "Sari Wulandari" in text and "Guru BK" in text  # who received it
    assert "MARKA-ISI-17" not in text and "uang jajan" not in text
    assert "Pengirim" not in text and "Anonim" not in text
    assert document.kind is DocumentKind.TANDA_TERIMA_SARAN
    assert document.target_id == str(record.id)
    assert record.code not in document.file_name
    assert document.file_name.startswith("Tanda-Terima-Kotak-Saran_")
    opened = audit_repo.latest(workspace.db, AuditKind.COMPLAINT_OPENED)
    assert opened is not None and opened.target_id == str(record.id)


def test_receipt_names_a_named_sender(workspace: Workspace) -> None:
    record = register(workspace, ComplaintType.SARAN, sender=SenderKind.ORANG_TUA, name="Ibu Wulan")
    text = text_of(ComplaintDocuments(workspace).receipt(record.id).pdf)
    assert "TANDA TERIMA SARAN" in text
    assert "Pengirim : Ibu Wulan" in text
    assert "MARKA-ISI-17" not in text
    assert "Ibu Wulan" not in ComplaintDocuments(workspace).receipt(record.id).file_name


def test_appreciation_receipt_promises_no_deadline(workspace: Workspace) -> None:
    record = register(workspace, ComplaintType.APRESIASI, text="Terima kasih atas bimbingannya")
    text = text_of(ComplaintDocuments(workspace).receipt(record.id).pdf)
    assert "TANDA TERIMA APRESIASI" in text and record.code in text
    assert "Akan ditindaklanjuti" not in text


def test_the_counsellor_a_complaint_is_about_cannot_print_its_receipt(
    workspace: Workspace,
) -> None:
    colleague = signed_in_as(workspace, "Budi Santoso", Role.GURU_BK)
    signed_in_as(workspace, "Drs. Ahmad Yani", Role.KEPALA_SEKOLAH)
    record = register(workspace, subject=Subject.KONSELOR, about_account_id=colleague.account.id)
    with pytest.raises(RuleViolation):
        ComplaintDocuments(colleague).receipt(record.id)


def test_sheet_codes_are_the_reserved_ones_and_register_as_slips(
    workspace: Workspace, clock: FixedClock
) -> None:
    documents = ComplaintDocuments(workspace)
    document = documents.blank_slips(4)
    text = text_of(document.pdf)
    printed = CODE.findall(text)
    codes = list(dict.fromkeys(printed))
    assert len(codes) == 4 and printed == [code for code in codes for _ in range(2)]
    assert "Halaman 1 dari 2" in text and "Halaman 2 dari 2" in text
    assert document.kind is DocumentKind.LEMBAR_KOTAK_SARAN
    issued = audit_repo.latest(workspace.db, AuditKind.COMPLAINT_SLIPS_ISSUED)
    assert issued is not None and issued.detail == "4"

    service = ComplaintService(workspace)
    for code in codes:
        assert service.unused_slip(code) == code
        assert service.check_code(code).state == "belum_terdaftar"
    # the box is opened, and the second slip is taken out and registered under its code
    opening = service.record_box_opening(clock.now())
    record = register(
        workspace,
        ComplaintType.MASUKAN,
        channel=Channel.KOTAK_SARAN,
        box_opening_id=opening.id,
        code=codes[1],
    )
    assert record.code == codes[1]
    assert service.check_code(codes[1]).state == "terdaftar"
    with pytest.raises(ValidationError):
        service.unused_slip(codes[1])
    # a code given later is above every reserved one
    later = register(workspace)
    assert later.code not in codes
    assert int(later.code.split("-")[2]) > max(int(code.split("-")[2]) for code in codes)


def test_sheet_count_out_of_range_is_refused_before_anything_is_reserved(
    workspace: Workspace,
) -> None:
    with pytest.raises(ValidationError) as refused:
        ComplaintDocuments(workspace).blank_slips(0)
    assert refused.value.field == "count"
    assert audit_repo.latest(workspace.db, AuditKind.COMPLAINT_SLIPS_ISSUED) is None


def test_board_holds_only_anonymous_entries_with_public_responses(
    workspace: Workspace, clock: FixedClock
) -> None:
    service = ComplaintService(workspace)
    answered = register(workspace, ComplaintType.SARAN, text="Buka ruang BK saat istirahat")
    unanswered = register(workspace)
    private = register(workspace, ComplaintType.MASUKAN, text="Jadwal konseling kurang jelas")
    named = register(workspace, ComplaintType.SARAN, sender=SenderKind.SISWA, name="Ayu Lestari")
    clock.advance(hours=2)
    service.add_action(
        answered.id,
        ActionKind.TANGGAPAN,
        "Mulai Senin ruang BK dibuka pada jam istirahat kedua.",
        public=True,
    )
    service.add_action(private.id, ActionKind.TANGGAPAN, "Dijawab langsung kepada wali kelas.")
    service.add_action(
        named.id, ActionKind.TANGGAPAN, "Sudah dibicarakan bersama Ayu.", public=True
    )

    document = ComplaintDocuments(workspace).board()
    text = text_of(document.pdf)
    assert "TANGGAPAN KOTAK SARAN" in text and "Dicetak" in text
    assert answered.code in text
    assert "Mulai Senin ruang BK dibuka pada jam istirahat kedua." in text
    for hidden in (unanswered.code, private.code, named.code):
        assert hidden not in text
    for never in ("Dijawab langsung", "Ayu", "MARKA-ISI-17", "Buka ruang BK saat istirahat"):
        assert never not in text
    assert "RAHASIA" not in text and "Halaman 1 dari 1" in text
    assert document.kind is DocumentKind.TANGGAPAN_KOTAK_SARAN


def test_empty_board_prints_a_sentence(workspace: Workspace) -> None:
    register(workspace)
    text = text_of(ComplaintDocuments(workspace).board().pdf)
    assert BOARD_EMPTY in text
