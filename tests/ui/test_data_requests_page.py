"""Pengaturan → Privasi → Permohonan hak atas data, driven like a user on a real vault:
the empty state, registering (a refusal shown under its input), deciding, completing, and
"Ekspor data siswa…" with one redaction, the files read back."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtGui import QTextCursor

from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.data_requests import (
    DataRequestForm,
    DataRequestRecord,
    DataRight,
    Decision,
    Requester,
)
from bk_desktop.domain.drafts import DraftForm
from bk_desktop.domain.requests import RequestSource
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.data_requests import DataRequestService
from bk_desktop.services.erasure import ErasureService
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.redaction_dialog import RedactionDialog
from bk_desktop.ui.tabs.admin.data_requests_page import DataRequestsPage

from conftest import ScriptedPrompter

SECRET = "kakaknya Rudi Hartono"
FIXED_NOTE = "Data siswa dihapus dari brankas sesuai permohonan ini."


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


def granted_erasure(
    workspace: Workspace, decision: Decision = Decision.DIKABULKAN
) -> tuple[int, DataRequestRecord]:
    """Ayu (from ``registered``) and her penghapusan request, decided ``decision``."""
    service = DataRequestService(workspace)
    student_id = service.get(registered(workspace)).student_id
    assert student_id is not None
    erasure = service.register(
        DataRequestForm(
            student_id=student_id,
            requester=Requester.SISWA,
            right=DataRight.PENGHAPUSAN,
            text="Saya ingin semua data saya dihapus.",
            received_at=workspace.now(),
        )
    )
    reason = "" if decision is Decision.DIKABULKAN else "Sebagian catatan wajib disimpan sekolah"
    return student_id, service.decide(erasure.id, decision, reason)


def students(workspace: Workspace, student_id: int) -> int:
    return int(workspace.db.scalar("SELECT COUNT(*) FROM student WHERE id = :i", {"i": student_id}))


def erase_from_page(page: DataRequestsPage) -> None:
    page.erase_button.click()
    dialog = page.erasure_dialog
    assert not dialog.go.isEnabled()
    dialog.word.setText("HAPUS")
    dialog.go.click()


def test_a_granted_erasure_request_erases_its_student_behind_the_typed_word(
    qtbot: QtBot, context: UiContext, workspace: Workspace
) -> None:
    student_id, erasure = granted_erasure(workspace)
    access_request = next(r for r in DataRequestService(workspace).requests() if r.id != erasure.id)
    page = shown_page(qtbot, context)
    page.select(access_request.id)
    assert not page.erase_button.isVisibleTo(page)  # akses: nothing to erase
    page.select(erasure.id)
    assert page.erase_button.isVisibleTo(page)

    erase_from_page(page)
    # Behind Retensi's busy indicator, off the window's thread; Retensi's words after it.
    qtbot.waitUntil(lambda: "dihapus" in page.act_status.text(), timeout=10_000)
    assert students(workspace, student_id) == 0
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
    assert not page.erase_button.isVisibleTo(page)
    said = page.act_status.text()
    assert said.startswith(f"Permohonan {erasure.number} selesai.")
    assert "1 siswa dihapus: 1 data siswa" in said
    assert page.erase_backups.isVisibleTo(page)
    assert "paling lambat" in page.erase_backups.text()


def test_a_note_typed_before_the_erasure_is_never_kept_the_fixed_sentence_is(
    qtbot: QtBot, context: UiContext, workspace: Workspace
) -> None:
    """The erasure anonymises the request first; a typed note saved after it would put the
    student's name back into the vault."""
    student_id, erasure = granted_erasure(workspace)
    page = shown_page(qtbot, context)
    page.select(erasure.id)
    page.completion.setText("Data Ayu Lestari dihapus atas permintaan ibunya")
    page.erase_button.click()
    dialog = page.erasure_dialog
    assert FIXED_NOTE in dialog.summary.text()  # the confirmation says what is written
    dialog.word.setText("HAPUS")
    dialog.go.click()
    assert page.completion.text() == ""
    qtbot.waitUntil(lambda: "dihapus" in page.act_status.text(), timeout=10_000)
    assert students(workspace, student_id) == 0
    assert DataRequestService(workspace).get(erasure.id).completion_note == FIXED_NOTE
    kept = " ".join(
        str(value) for row in workspace.db.all("SELECT * FROM data_request") for value in tuple(row)
    )
    assert "Ayu" not in kept and "Lestari" not in kept
    assert page.open_drafts() == []


def test_a_completion_that_fails_after_the_erasure_says_the_data_is_already_gone(
    qtbot: QtBot, context: UiContext, workspace: Workspace, prompter: ScriptedPrompter
) -> None:
    student_id, erasure = granted_erasure(workspace)
    page = shown_page(qtbot, context)
    page.select(erasure.id)
    erase_from_page(page)
    # The erasure has run; before the page hears of it the request is completed elsewhere.
    app = QCoreApplication.instance()
    assert app is not None
    for thread in app.findChildren(QThread):
        thread.wait()
    assert students(workspace, student_id) == 0
    DataRequestService(workspace).complete(erasure.id, "Diselesaikan dari jendela lain.")
    qtbot.waitUntil(lambda: bool(prompter.errors), timeout=10_000)
    assert prompter.errors == [
        (
            "error",
            "Hapus data siswa",
            "Data siswa sudah dihapus; permohonan belum dapat ditandai selesai: "
            "Permohonan ini sudah selesai.",
        )
    ]
    assert "1 siswa dihapus" in page.act_status.text()


def test_erasure_is_offered_only_for_a_wholly_granted_request_whose_student_is_there(
    qtbot: QtBot, context: UiContext, workspace: Workspace
) -> None:
    _student, partly = granted_erasure(workspace, Decision.DIKABULKAN_SEBAGIAN)
    page = shown_page(qtbot, context)
    page.select(partly.id)
    assert page.chosen_id() == partly.id
    assert not page.erase_button.isVisibleTo(page)  # in part: the counsellor erases by hand

    service = DataRequestService(workspace)
    granted = service.register(
        DataRequestForm(
            student_id=partly.student_id,
            requester=Requester.SISWA,
            right=DataRight.PENGHAPUSAN,
            text="Saya ingin semua data saya dihapus.",
            received_at=workspace.now(),
        )
    )
    service.decide(granted.id, Decision.DIKABULKAN)
    page.select(granted.id)
    assert page.erase_button.isVisibleTo(page)
    assert partly.student_id is not None
    ErasureService(workspace).erase([partly.student_id], "HAPUS")  # from Retensi, say
    page.select(granted.id)
    assert page.chosen().is_open  # still to be completed, but nothing is left to erase
    assert not page.erase_button.isVisibleTo(page)


def test_an_erasure_whose_file_could_not_be_compacted_says_so_on_the_request_page(
    qtbot: QtBot, context: UiContext, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills between the room check and the VACUUM: erased and completed, and the
    page says the file is compacted later, as Retensi does (``ErasureRunner``)."""
    import shutil

    from bk_desktop.storage import disk_space

    real = shutil.disk_usage
    asked: list[object] = []

    def fills_up(place: object) -> object:
        usage = real(place)  # type: ignore[arg-type]
        asked.append(place)
        if len(asked) == 1:
            return usage
        return type(usage)(usage.total, usage.total - 1000, 1000)

    student_id, erasure = granted_erasure(workspace)
    page = shown_page(qtbot, context)
    page.select(erasure.id)
    monkeypatch.setattr(disk_space.shutil, "disk_usage", fills_up)
    erase_from_page(page)
    qtbot.waitUntil(lambda: "dihapus" in page.act_status.text(), timeout=10_000)
    monkeypatch.undo()
    assert students(workspace, student_id) == 0
    said = page.act_status.text()
    assert said.startswith(f"Permohonan {erasure.number} selesai.")
    assert "pemadatan berkas brankas belum berhasil" in said
