"""Konseling's "Cetak…": from a held session to a preview of its document, printed to a
file-backed printer and saved, each audited; nothing is written on the way (issue 15)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QPushButton

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import ActionItemDraft, SessionReport
from bk_desktop.domain.documents import SummaryPart
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.document_choice import DocumentChoiceDialog
from bk_desktop.ui.print_preview import PreviewDialog
from bk_desktop.ui.tab_table import TabKey
from bk_desktop.ui.tabs.counselling_tab import CounsellingTab

from conftest import Gui
from support import counselled

NOTE = "Catatan kerja guru BK: MARKA-99."


def held_with_plan(workspace: Workspace, clock: FixedClock) -> int:
    request_id = counselled(workspace)
    service = CounsellingService(workspace)
    [planned] = service.sessions_of_request(request_id)
    clock.advance(seconds=(planned.planned_end - clock.now()).total_seconds() + 60)
    service.record_session(
        planned.id,
        SessionReport(
            actual_start=planned.planned_start,
            actual_end=planned.planned_end,
            notes=NOTE,
            understanding="Terlambat karena tidur larut.",
            comfort="Lega.",
            action="Tidur lebih awal.",
            action_items=(
                ActionItemDraft(
                    what="Tidur sebelum pukul 22.00",
                    support="Ibu mengingatkan",
                    due_on=clock.now().date() + timedelta(days=7),
                ),
            ),
        ),
    )
    return planned.id


def open_preview(qtbot, tab: CounsellingTab) -> PreviewDialog:
    qtbot.waitUntil(lambda: isinstance(tab.case_view.dialog, PreviewDialog))
    preview = tab.case_view.dialog
    assert isinstance(preview, PreviewDialog)
    return preview


def choose(qtbot, tab: CounsellingTab) -> DocumentChoiceDialog:
    dialog = tab.case_view.dialog
    assert isinstance(dialog, DocumentChoiceDialog)
    return dialog


def test_cetak_previews_the_summary_prints_it_and_saves_it_audited(
    qtbot,
    gui: Gui,
    context: UiContext,
    workspace: Workspace,
    clock: FixedClock,
    as_showing_tab,
    tmp_path: Path,
) -> None:
    session_id = held_with_plan(workspace, clock)
    tab = as_showing_tab(CounsellingTab(context), TabKey.COUNSELLING)
    qtbot.addWidget(tab)
    tab.resize(1366, 720)
    tab.show()
    assert tab.open_session(session_id)
    button = gui.child(tab, QPushButton, "sessionPrintButton")
    assert button.isVisible()
    before = {p for p in tmp_path.rglob("*") if p.is_file()}

    button.click()
    dialog = choose(qtbot, tab)
    assert dialog.initials_choice.isChecked()
    assert not dialog.part_boxes[SummaryPart.CATATAN].isChecked()
    dialog.accept()
    preview = open_preview(qtbot, tab)
    assert preview.page_count >= 1
    assert "A.L." in preview.windowTitle() and "Ayu" not in preview.windowTitle()
    # Nothing was written while the document was made and shown.
    assert {p for p in tmp_path.rglob("*") if p.is_file()} == before

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    paper = tmp_path / "kertas.pdf"
    printer.setOutputFileName(str(paper))
    assert preview.print_with(printer) is not None
    assert len(PdfReader(paper).pages) == preview.page_count
    printed = audit_repo.latest(workspace.db, AuditKind.DOCUMENT_PRINTED)
    assert printed is not None and printed.target_id == str(session_id)

    save_dialog = preview.open_save_dialog()
    folder = tmp_path / "Dokumen"
    folder.mkdir()
    save_dialog.path_edit.setText(str(folder / "ringkasan.pdf"))
    assert save_dialog.save_now() == folder / "ringkasan.pdf"
    saved = folder / "ringkasan.pdf"
    assert saved.exists()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(saved).pages).split())
    assert "RINGKASAN SESI KONSELING" in text and "MARKA-99" not in text
    assert audit_repo.latest(workspace.db, AuditKind.DOCUMENT_SAVED) is not None
    preview.reject()
    QApplication.processEvents()


def test_the_action_plan_with_the_full_name_and_notes_only_when_chosen(
    qtbot, context: UiContext, workspace: Workspace, clock: FixedClock, as_showing_tab
) -> None:
    session_id = held_with_plan(workspace, clock)
    tab = as_showing_tab(CounsellingTab(context), TabKey.COUNSELLING)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.open_session(session_id)
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow)
    back = tab.session_form.back_button  # below the scroll area, outside the form itself
    back.setFocus()
    qtbot.keyClick(back, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = choose(qtbot, tab)
    assert dialog.plan_choice.isEnabled()
    dialog.plan_choice.setChecked(True)
    assert not dialog.parts_group.isVisible()
    dialog.full_name_choice.setChecked(True)
    dialog.accept()
    preview = open_preview(qtbot, tab)
    assert preview.windowTitle().startswith("Pratinjau — Rencana Aksi")
    assert preview.page_count == 1
    preview.reject()


def test_a_planned_session_offers_no_printing(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace, as_showing_tab
) -> None:
    request_id = counselled(workspace)
    [planned] = CounsellingService(workspace).sessions_of_request(request_id)
    tab = as_showing_tab(CounsellingTab(context), TabKey.COUNSELLING)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.open_session(planned.id)
    assert not gui.child(tab, QPushButton, "sessionPrintButton").isVisible()


def test_cetak_under_the_cases_sessions_prints_the_selected_held_session(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace, clock: FixedClock, as_showing_tab
) -> None:
    session_id = held_with_plan(workspace, clock)
    case_id = CounsellingService(workspace).session(session_id).record.case_id
    assert case_id is not None
    tab = as_showing_tab(CounsellingTab(context), TabKey.COUNSELLING)
    qtbot.addWidget(tab)
    tab.show()
    tab.case_view.show_case(CounsellingService(workspace).case(case_id))
    button = gui.child(tab, QPushButton, "casePrintSessionButton")
    assert not button.isEnabled()  # nothing selected yet
    tab.case_view.select_session(session_id)
    assert button.isEnabled()
    button.click()
    dialog = choose(qtbot, tab)
    assert dialog.plan_choice.isEnabled()  # the session agreed an action plan
    dialog.accept()
    preview = open_preview(qtbot, tab)
    assert "Ringkasan Sesi Konseling" in preview.windowTitle()
    preview.reject()
