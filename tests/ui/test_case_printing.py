"""Konseling's "Cetak laporan kasus…" and "Cetak buku kasus…": from the button, through the
choice, to the preview in the case view's dialog slot (so a lock closes it), saved and audited
(issue 16)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import Alternative, Confidentiality, SessionReport
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.print_preview import PreviewDialog
from bk_desktop.ui.tab_table import TabKey
from bk_desktop.ui.tabs.case_print_dialogs import CaseBookDialog, CaseReportDialog
from bk_desktop.ui.tabs.counselling_tab import CounsellingTab

from conftest import Gui
from support import counselled, signed_in_as

NOTE = "Catatan kerja guru BK: MARKA-41."


def a_case(workspace: Workspace, clock: FixedClock, name: str = "Ayu Lestari") -> int:
    request_id = counselled(workspace, name)
    service = CounsellingService(workspace)
    [planned] = service.sessions_of_request(request_id)
    clock.advance(seconds=(planned.planned_end - clock.now()).total_seconds() + 60)
    return service.record_session(
        planned.id,
        SessionReport(
            actual_start=planned.planned_start,
            actual_end=planned.planned_end,
            notes=NOTE,
            understanding="Terlambat karena tidur larut.",
            comfort="Lega.",
            action="Tidur lebih awal.",
            alternatives=(Alternative("Tidur lebih awal", chosen=True),),
        ),
    )


def preview_of(qtbot, tab: CounsellingTab) -> PreviewDialog:
    qtbot.waitUntil(lambda: isinstance(tab.case_view.dialog, PreviewDialog))
    preview = tab.case_view.dialog
    assert isinstance(preview, PreviewDialog)
    return preview


def saved_text(preview: PreviewDialog, folder: Path) -> str:
    folder.mkdir()
    save_dialog = preview.open_save_dialog()
    save_dialog.path_edit.setText(str(folder / "dokumen.pdf"))
    saved = save_dialog.save_now()
    assert saved is not None
    return " ".join(" ".join(p.extract_text() for p in PdfReader(saved).pages).split())


def test_cetak_laporan_kasus_previews_the_case_with_initials_and_no_notes(
    qtbot,
    gui: Gui,
    context: UiContext,
    workspace: Workspace,
    clock: FixedClock,
    as_showing_tab,
    tmp_path: Path,
) -> None:
    case_id = a_case(workspace, clock)
    tab = as_showing_tab(CounsellingTab(context), TabKey.COUNSELLING)
    qtbot.addWidget(tab)
    tab.resize(1366, 720)
    tab.show()
    assert tab.select_case(case_id)
    button = gui.child(tab, QPushButton, "caseReportButton")
    assert button.isVisible() and button.isEnabled()
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus

    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    dialog = tab.case_view.dialog
    assert isinstance(dialog, CaseReportDialog)
    assert dialog.initials_choice.isChecked() and not dialog.notes_box.isChecked()
    dialog.accept()
    preview = preview_of(qtbot, tab)
    assert preview.page_count >= 1
    assert "Laporan Kasus" in preview.windowTitle()
    assert "A.L." in preview.windowTitle() and "Ayu" not in preview.windowTitle()
    text = saved_text(preview, tmp_path / "Dokumen")
    assert "LAPORAN KASUS" in text and "Pertemuan ke-1" in text
    assert "A.L." in text and "Ayu Lestari" not in text and "MARKA-41" not in text
    saved = audit_repo.latest(workspace.db, AuditKind.DOCUMENT_SAVED)
    assert saved is not None and saved.target_kind == "case"
    assert saved.target_id == str(case_id)
    preview.reject()
    QApplication.processEvents()

    button.click()
    dialog = tab.case_view.dialog
    assert isinstance(dialog, CaseReportDialog)
    dialog.full_name_choice.setChecked(True)
    dialog.notes_box.setChecked(True)
    dialog.accept()
    preview = preview_of(qtbot, tab)
    text = saved_text(preview, tmp_path / "Lengkap")
    assert "Ayu Lestari" in text and "MARKA-41" in text
    preview.reject()
    QApplication.processEvents()


def test_another_counsellor_s_case_prints_only_once_opened_and_never_when_sangat_rahasia(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace, clock: FixedClock, as_showing_tab
) -> None:
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    case_id = a_case(guru, clock)
    tab = as_showing_tab(CounsellingTab(context), TabKey.COUNSELLING)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.select_case(case_id)
    button = gui.child(tab, QPushButton, "caseReportButton")
    assert not button.isEnabled() and "Tampilkan catatan" in button.toolTip()

    tab.case_view.reveal()
    assert button.isEnabled()
    button.click()
    dialog = tab.case_view.dialog
    assert isinstance(dialog, CaseReportDialog)
    dialog.accept()
    preview = preview_of(qtbot, tab)
    assert preview.page_count >= 1
    preview.reject()
    QApplication.processEvents()

    owner = CounsellingService(guru)
    owner.update_case(
        case_id,
        replace(owner.case(case_id).record.draft, confidentiality=Confidentiality.SANGAT_RAHASIA),
    )
    tab.case_view.forget_revealed()
    tab.case_view.show_case(CounsellingService(workspace).case(case_id))
    assert not button.isEnabled() and "sangat rahasia" in button.toolTip()


def test_cetak_buku_kasus_asks_the_period_and_prints_what_the_filters_show(
    qtbot,
    gui: Gui,
    context: UiContext,
    workspace: Workspace,
    clock: FixedClock,
    as_showing_tab,
    tmp_path: Path,
) -> None:
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    a_case(workspace, clock, "Ayu Lestari")
    secret = a_case(guru, clock, "Citra Kirana")
    owner = CounsellingService(guru)
    owner.update_case(
        secret,
        replace(owner.case(secret).record.draft, confidentiality=Confidentiality.SANGAT_RAHASIA),
    )
    tab = as_showing_tab(CounsellingTab(context), TabKey.COUNSELLING)
    qtbot.addWidget(tab)
    tab.resize(1366, 720)
    tab.show()
    tab.set_status_filter(None)
    button = gui.child(tab, QPushButton, "casePrintBookButton")
    assert button.isVisible() and button.isEnabled()

    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    dialog = tab.case_view.dialog
    assert isinstance(dialog, CaseBookDialog)
    semester = TermService(workspace).current().dates
    assert (dialog.start, dialog.end) == (semester.start, semester.end)
    assert not dialog.full_name_box.isChecked()

    dialog.end_edit.setDate(dialog.start_edit.date().addDays(-1))
    assert not dialog.preview_button.isEnabled() and dialog.problem.isVisible()
    dialog.end_edit.setDate(dialog.start_edit.date().addDays(200))
    assert dialog.preview_button.isEnabled()
    dialog.accept()
    preview = preview_of(qtbot, tab)
    assert "Buku Kasus" in preview.windowTitle()
    text = saved_text(preview, tmp_path / "Buku")
    assert "BUKU KASUS" in text and "A.L." in text
    assert "Ada kasus (sangat rahasia)" in text and "Citra" not in text and "C.K." not in text
    saved = audit_repo.latest(workspace.db, AuditKind.DOCUMENT_SAVED)
    assert saved is not None and saved.target_kind == "case_book"
    preview.reject()
    QApplication.processEvents()
