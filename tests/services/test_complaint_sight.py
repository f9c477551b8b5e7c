"""What the counsellor a complaint concerns can learn of it outside the Kotak Saran list: the
period report's late codes, "Cek kode", the audit view; and what its registrant may still
print (the receipt). Real encrypted vaults, several accounts sharing one, as in a BK room."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from bk_desktop.domain.accounts import Role
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
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.services.audit_view import AuditFilters, AuditViewService
from bk_desktop.services.complaint_documents import ComplaintDocuments
from bk_desktop.services.complaints import ComplaintService
from bk_desktop.services.documents import DocumentService
from bk_desktop.services.period_report import Period, PeriodReportService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo

from support import START, signed_in_as

SECRET = "Pak Dedi membentak anak saya di ruang BK."


@pytest.fixture
def team(workspace: Workspace) -> dict[str, Workspace]:
    """The koordinator (the vault's first account), two guru BK and a kepala sekolah."""
    return {
        "koordinator": workspace,
        "guru": signed_in_as(workspace, "Rina Handayani", Role.GURU_BK),
        "guru2": signed_in_as(workspace, "Dedi Saputra", Role.GURU_BK),
        "principal": signed_in_as(workspace, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH),
    }


def about(by: Workspace, concerned: Workspace, **changes: object) -> ComplaintRecord:
    """A named parent's complaint about ``concerned``, registered by ``by``."""
    values: dict[str, object] = {
        "kind": ComplaintType.PENGADUAN,
        "channel": Channel.LANGSUNG,
        "text": SECRET,
        "received_at": by.now(),
        "sender_kind": SenderKind.ORANG_TUA,
        "sender_name": "Ibu Sari",
        "subject": Subject.KONSELOR,
        "about_account_id": concerned.account.id,
    }
    values.update(changes)
    return ComplaintService(by).register(ComplaintForm(**values))  # type: ignore[arg-type]


def plain(by: Workspace) -> ComplaintRecord:
    return ComplaintService(by).register(
        ComplaintForm(
            kind=ComplaintType.SARAN,
            channel=Channel.LANGSUNG,
            text="Jam layanan BK ditambah sore hari.",
            received_at=by.now(),
        )
    )


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


# -- the period report's late codes ------------------------------------------------------------


def test_late_codes_are_listed_only_to_who_may_open_them(
    team: dict[str, Workspace], clock: FixedClock
) -> None:
    forwarded = about(team["guru"], team["guru2"])
    room = plain(team["guru"])
    clock.advance(seconds=4 * 86400)  # both past 3×24 h, neither followed up
    first, end = START - timedelta(days=1), clock.now()

    concerned = ComplaintService(team["guru2"]).figures(first, end)
    assert concerned.late_or_overdue == [room.code]
    assert concerned.late_with_principal == 1 and concerned.late_with_room == 0
    # the counts stay over every entry
    assert (concerned.total, concerned.clocked, concerned.decided, concerned.met) == (2, 2, 2, 0)

    koordinator = ComplaintService(team["koordinator"]).figures(first, end)
    assert sorted(koordinator.late_or_overdue) == sorted([forwarded.code, room.code])
    assert koordinator.late_with_principal == 0

    principal = ComplaintService(team["principal"]).figures(first, end)
    assert principal.late_or_overdue == [forwarded.code]
    assert principal.late_with_room == 1

    # the period report, on screen and on paper, as the counsellor concerned
    period = Period(START.date(), START.date() + timedelta(days=6))
    service = PeriodReportService(team["guru2"])
    figures = service.figures(period)
    text = pdf_text(service.document(period, figures=figures).pdf)
    assert forwarded.code not in text
    assert room.code in text
    assert "1 lainnya ditangani kepala sekolah" in text
    assert "None" not in text and "nan" not in text.split()


def test_only_hidden_late_entries_are_counted_in_words(
    team: dict[str, Workspace], clock: FixedClock
) -> None:
    about(team["guru"], team["guru2"])
    clock.advance(seconds=4 * 86400)
    period = Period(START.date(), START.date() + timedelta(days=6))
    service = PeriodReportService(team["guru2"])
    text = pdf_text(service.document(period).pdf)
    assert "KS-" not in text
    assert "(menurut kode): 1 entri ditangani kepala sekolah." in text


# -- Cek kode ----------------------------------------------------------------------------------


def test_check_code_tells_the_concerned_counsellor_only_who_handles_it(
    team: dict[str, Workspace],
) -> None:
    record = about(team["guru"], team["guru2"])
    ComplaintService(team["principal"]).add_action(
        record.id, ActionKind.TANGGAPAN, "Sudah dibicarakan dengan orang tua.", public=True
    )
    found = ComplaintService(team["guru2"]).check_code(record.code)
    assert found.state == "kepala_sekolah"
    assert (found.kind_label, found.received_day, found.public_response) == ("", None, "")
    assert "Ditindaklanjuti" not in found.status_label
    # whoever may open it is told status and the public response as before
    handled = ComplaintService(team["koordinator"]).check_code(record.code)
    assert handled.state == "terdaftar"
    assert handled.public_response == "Sudah dibicarakan dengan orang tua."


# -- the registrant's receipt ------------------------------------------------------------------


def test_the_registrant_prints_the_receipt_of_an_entry_they_cannot_open(
    team: dict[str, Workspace],
) -> None:
    guru = team["guru"]
    record = about(guru, team["guru2"])
    with pytest.raises(RuleViolation):
        ComplaintDocuments(guru).receipt(record.id)
    document = ComplaintDocuments(guru).receipt_of(record)
    text = pdf_text(document.pdf)
    assert record.code in text and "Ibu Sari" in text
    assert SECRET not in text
    # another account holding the record gets nothing, the counsellor concerned least of all
    for other in ("guru2", "koordinator"):
        with pytest.raises(RuleViolation):
            ComplaintDocuments(team[other]).receipt_of(record)


# -- the audit view ----------------------------------------------------------------------------


def test_the_audit_view_leaves_out_an_entry_about_the_koordinator(
    team: dict[str, Workspace], tmp_path: Path
) -> None:
    koordinator, principal = team["koordinator"], team["principal"]
    record = about(principal, koordinator, channel=Channel.KEPALA_SEKOLAH)
    service = ComplaintService(principal)
    service.open(record.id)
    service.add_action(record.id, ActionKind.TINDAKAN, "Sudah dibicarakan empat mata.")
    DocumentService(principal).record_printed(
        ComplaintDocuments(principal).receipt(record.id), copies=1, pages="semua"
    )
    own = plain(koordinator)
    db = koordinator.db
    about_count = int(
        db.scalar(
            "SELECT count(*) FROM audit_event WHERE target_kind = 'complaint' AND target_id = :id",
            {"id": str(record.id)},
        )
    )
    assert about_count >= 4  # received, opened twice, followed up, receipt printed

    view = AuditViewService(koordinator)
    rows = view.page(AuditFilters()).rows
    targets = [row.target for row in rows]
    assert f"Entri kotak saran #{record.id}" not in targets
    assert f"Entri kotak saran #{own.id}" in targets
    assert view.count(AuditFilters()) == audit_repo.count(db) - about_count
    path, saved = view.save_csv(AuditFilters(), tmp_path / "jejak")
    assert saved == len(rows)
    assert f"#{record.id};" not in path.read_text(encoding="utf-8-sig")


def test_slip_sheets_and_openings_have_indonesian_targets_and_no_codes(
    workspace: Workspace,
) -> None:
    ComplaintService(workspace).record_box_opening(workspace.now())
    documents = ComplaintDocuments(workspace)
    sheet = documents.blank_slips(3)
    DocumentService(workspace).record_printed(sheet, copies=1, pages="semua")
    DocumentService(workspace).record_printed(documents.board(), copies=1, pages="semua")
    assert sheet.target_id == "2026 no. 0001–0003"
    stored = " ".join(str(r[0]) for r in workspace.db.all("SELECT target_id FROM audit_event"))
    assert "KS-" not in stored
    targets = {row.target for row in AuditViewService(workspace).page(AuditFilters()).rows}
    assert "Kode kotak saran 2026 no. 0001–0003" in targets
    assert "Pembukaan kotak saran #1" in targets
    assert "Papan tanggapan kotak saran" in targets
    assert not any("complaint" in target for target in targets)
