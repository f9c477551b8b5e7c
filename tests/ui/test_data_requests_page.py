"""Pengaturan → Privasi → Permohonan hak atas data, driven like a user on a real vault:
the empty state, registering (a refusal shown under its input), deciding, completing, and
"Ekspor data siswa…" with one redaction, the files read back."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from PySide6.QtGui import QTextCursor

from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.data_requests import DataRequestForm, DataRight, Decision, Requester
from bk_desktop.domain.drafts import DraftForm
from bk_desktop.domain.requests import RequestSource
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.data_requests import DataRequestService
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.redaction_dialog import RedactionDialog
from bk_desktop.ui.tabs.admin.data_requests_page import DataRequestsPage

from conftest import ScriptedPrompter

SECRET = "kakaknya Rudi Hartono"


def shown_page(qtbot: QtBot, context: UiContext) -> DataRequestsPage:
    page = DataRequestsPage(context)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def test_an_empty_register_says_what_it_is_for(qtbot: QtBot, context: UiContext) -> None:
    page = shown_page(qtbot, context)
    assert page.stack.currentWidget() is page.empty
    assert page.empty.isVisible()
    assert not page.chosen_group.isEnabled()


def test_register_decide_complete_and_export_with_one_redaction(
    qtbot: QtBot,
    context: UiContext,
    workspace: Workspace,
    clock: FixedClock,
    prompter: ScriptedPrompter,
    tmp_path: Path,
) -> None:
    year = TermService(workspace).current().year
    student_id = StudentService(workspace).create(
        StudentDraft(name="Ayu Lestari", placements=(ClassPlacement(year, "X MIPA 1"),))
    )
    RequestService(workspace).create(
        RequestForm(
            student_id=student_id,
            source=RequestSource.SISWA_SENDIRI,
            reason=f"Ayu dipukul {SECRET} di rumah.",
            received_at=workspace.now(),
        )
    )
    page = shown_page(qtbot, context)

    # A parent without a name is refused under the name field.
    page.picker.pick(student_id)
    page.requester.setCurrentIndex(page.requester.findData(Requester.ORANG_TUA_WALI.value))
    page.text.setPlainText("Ibu meminta salinan catatan BK anaknya.")
    assert page.open_drafts()[0].form is DraftForm.DATA_REQUEST
    page.register_button.click()
    error = page.form.error_label("requester_name")
    assert error is not None and error.text()
    page.requester_name.setText("Sari Wulandari")
    page.register_button.click()
    assert page.stack.currentWidget() is page.table
    assert page.table.rowCount() == 1
    assert page.table.item(0, 1).text().startswith("Sisa")
    assert page.open_drafts() == []

    # Refusing without a reason is said under the reason; granting in part with one works.
    page.table.selectRow(0)
    page.decision.setCurrentIndex(page.decision.findData(Decision.DITOLAK.value))
    page.decide_button.click()
    reason_error = page.act_form.error_label("reason")
    assert reason_error is not None and reason_error.text()
    page.decision.setCurrentIndex(page.decision.findData(Decision.DIKABULKAN_SEBAGIAN.value))
    page.decision_reason.setText("Catatan menyebut anggota keluarga lain.")
    page.decide_button.click()
    assert page.records[0].decision is Decision.DIKABULKAN_SEBAGIAN
    assert page.complete_button.isEnabled() and not page.decide_button.isEnabled()

    # Export: mark the passage in the permohonan's reason, save it, write both files.
    page.export_button.click()
    dialog = page.redaction_dialog
    assert isinstance(dialog, RedactionDialog)
    row = next(
        index
        for index, (record, field) in enumerate(dialog._fields)
        if record.kind == "request" and field.key == "reason"
    )
    dialog.field_list.selectRow(row)
    text = dialog.text.toPlainText()
    start = text.index(SECRET)
    cursor = dialog.text.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(SECRET), QTextCursor.MoveMode.KeepAnchor)
    dialog.text.setTextCursor(cursor)
    dialog.reason.setText("Mengungkap data anggota keluarga lain")
    dialog.redact_button.click()
    assert dialog.list.rowCount() == 1
    out = tmp_path / "salinan"
    out.mkdir()
    prompter.folders.append(out)
    dialog.export_button.click()
    assert prompter.errors == []
    assert dialog.files is not None
    raw = dialog.files.json.read_text(encoding="utf-8")
    pdf = " ".join(page_.extract_text() for page_ in PdfReader(dialog.files.pdf).pages)
    assert "Rudi" not in raw and "Rudi" not in pdf
    assert "[disamarkan]" in raw
    assert json.loads(raw)["redactions"][0]["reason"] == "Mengungkap data anggota keluarga lain"
    assert "Ayu" not in dialog.files.pdf.name
    assert "Tersimpan di" in dialog.status.text()
    dialog.reject()

    clock.advance(seconds=int(timedelta(hours=2).total_seconds()))
    page.table.selectRow(0)
    page.completion.setText("Salinan diserahkan kepada ibu siswa di ruang BK.")
    page.complete_button.click()
    assert page.records[0].completed_at is not None
    assert page.table.item(0, 1).text() == "Selesai tepat waktu"
    kinds = [
        r["kind"]
        for r in workspace.db.all(
            "SELECT kind FROM audit_event WHERE kind LIKE 'data_request%' "
            "OR kind = 'student.exported' ORDER BY id"
        )
    ]
    assert kinds == [
        "data_request.received",
        "data_request.decided",
        "data_request.redaction",
        "student.exported",
        "data_request.decided",
    ]


def registered(workspace: Workspace) -> int:
    """Ayu's permohonan with SECRET in its reason, and a data request about her; its id."""
    year = TermService(workspace).current().year
    student_id = StudentService(workspace).create(
        StudentDraft(name="Ayu Lestari", placements=(ClassPlacement(year, "X MIPA 1"),))
    )
    RequestService(workspace).create(
        RequestForm(
            student_id=student_id,
            source=RequestSource.SISWA_SENDIRI,
            reason=f"Ayu dipukul {SECRET} di rumah.",
            received_at=workspace.now(),
        )
    )
    return (
        DataRequestService(workspace)
        .register(
            DataRequestForm(
                student_id=student_id,
                requester=Requester.SISWA,
                right=DataRight.AKSES,
                text="Saya ingin salinan catatan BK saya.",
                received_at=workspace.now(),
            )
        )
        .id
    )


def test_a_redaction_is_saved_when_added_and_removed_not_only_on_export(
    qtbot: QtBot, context: UiContext, workspace: Workspace
) -> None:
    request_id = registered(workspace)
    dialog = RedactionDialog(context, request_id)
    qtbot.addWidget(dialog)
    row = next(
        index
        for index, (record, field) in enumerate(dialog._fields)
        if record.kind == "request" and field.key == "reason"
    )
    dialog.field_list.selectRow(row)
    start = dialog.text.toPlainText().index(SECRET)
    cursor = dialog.text.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(SECRET), QTextCursor.MoveMode.KeepAnchor)
    dialog.text.setTextCursor(cursor)
    dialog.reason.setText("Mengungkap data anggota keluarga lain")
    dialog.redact_button.click()
    dialog.reject()  # Tutup or Escape, no export
    saved = DataRequestService(workspace).redactions(request_id)
    assert [(r.record_kind, r.field, r.passage) for r in saved] == [("request", "reason", SECRET)]

    again = RedactionDialog(context, request_id)
    qtbot.addWidget(again)
    assert again.list.rowCount() == 1
    again.list.selectRow(0)
    again.remove_button.click()
    again.reject()
    assert DataRequestService(workspace).redactions(request_id) == []


def test_a_half_typed_decision_reason_is_a_draft_of_that_request_and_comes_back(
    qtbot: QtBot, context: UiContext, workspace: Workspace
) -> None:
    request_id = registered(workspace)
    page = shown_page(qtbot, context)
    page.select(request_id)
    page.decision.setCurrentIndex(page.decision.findData(Decision.DIKABULKAN_SEBAGIAN.value))
    page.decision_reason.setText("Catatan menyebut anggota keluarga lain")
    drafts = page.open_drafts()
    assert [(d.form, d.target) for d in drafts] == [(DraftForm.DATA_REQUEST, str(request_id))]

    # After the lock the page is built anew and handed the draft back.
    later = shown_page(qtbot, context)
    assert later.reopen_draft(drafts[0])
    assert later.chosen_id() == request_id
    assert later.decision_reason.text() == "Catatan menyebut anggota keluarga lain"
    assert later.decision.currentData() == Decision.DIKABULKAN_SEBAGIAN.value
    later.decide_button.click()
    assert DataRequestService(workspace).get(request_id).decision is Decision.DIKABULKAN_SEBAGIAN
    assert later.open_drafts() == []


def test_a_granted_erasure_request_erases_its_student_behind_the_typed_word(
    qtbot: QtBot, context: UiContext, workspace: Workspace
) -> None:
    request_id = registered(workspace)
    service = DataRequestService(workspace)
    student_id = service.get(request_id).student_id
    erasure = service.register(
        DataRequestForm(
            student_id=student_id,
            requester=Requester.SISWA,
            right=DataRight.PENGHAPUSAN,
            text="Saya ingin semua data saya dihapus.",
            received_at=workspace.now(),
        )
    )
    page = shown_page(qtbot, context)
    page.select(request_id)
    assert not page.erase_button.isVisibleTo(page)  # akses: nothing to erase
    page.select(erasure.id)
    assert not page.erase_button.isVisibleTo(page)  # not yet granted
    service.decide(erasure.id, Decision.DIKABULKAN)
    page.select(erasure.id)
    assert page.erase_button.isVisibleTo(page)

    page.erase_button.click()
    dialog = page.erasure_dialog
    assert not dialog.go.isEnabled()
    dialog.word.setText("HAPUS")
    dialog.go.click()
    assert workspace.db.scalar("SELECT COUNT(*) FROM student WHERE id = :i", {"i": student_id}) == 0
    events = [
        (r["kind"], r["detail"])
        for r in workspace.db.all("SELECT kind, detail FROM audit_event ORDER BY id")
    ]
    # Erased first, then completed: a request is never selesai for an erasure that failed;
    # the request itself stays, anonymised, as proof it was answered.
    completed = events.index(("data_request.decided", "selesai"))
    assert completed > next(i for i, (kind, _d) in enumerate(events) if kind == "student.erased")
    kept = workspace.db.one(
        "SELECT status, student_id FROM data_request WHERE id = :i", {"i": erasure.id}
    )
    assert kept is not None and kept["status"] == "selesai" and kept["student_id"] is None
    page.select(erasure.id)
    assert not page.export_button.isEnabled()  # nothing of the student is left to copy
    assert page.act_status.text().startswith(f"Permohonan {erasure.number} selesai; data siswa")
