"""Siswa's "Persetujuan orang tua/wali…" and Pengaturan's consent text page, driven like a
person would: a consent with a scan, a withdrawal, both in the list; the typed form kept
across a lock; a new text version and the printed form."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bk_desktop.domain.consents import ConsentAct, ConsentChannel
from bk_desktop.domain.students import ClassPlacement, Guardian, GuardianRelation, StudentDraft
from bk_desktop.services.consents import ConsentService
from bk_desktop.services.drafts import DraftService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.consent_dialog import ConsentDialog, ConsentEntryDialog, ScanViewer
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.main_window import STUDENTS_TAB, MainWindow
from bk_desktop.ui.print_preview import PreviewDialog
from bk_desktop.ui.tab_table import TabKey
from bk_desktop.ui.tabs.admin.consent_text_page import ConsentTextPage
from bk_desktop.ui.tabs.students_tab import StudentsTab
from ui.test_lock_drafts import unlock

from conftest import Gui, ScriptedPrompter


def student(workspace: Workspace, name: str = "Ayu Lestari") -> int:
    year = TermService(workspace).current().year
    return StudentService(workspace).create(
        StudentDraft(
            name=name,
            placements=(ClassPlacement(year, "X MIPA 1"),),
            guardians=(
                Guardian("Siti Aminah", GuardianRelation.IBU),
                Guardian("Budi Santoso", GuardianRelation.AYAH),
            ),
        )
    )


def scan_file(folder: Path) -> Path:
    path = folder / "formulir-ayu.jpg"
    Image.new("RGB", (2480, 3508), (245, 245, 240)).save(path, format="JPEG", dpi=(300, 300))
    return path


def entry_of(qtbot, dialog: ConsentDialog) -> ConsentEntryDialog:
    qtbot.waitUntil(lambda: dialog.entry is not None and dialog.entry.isVisible())
    assert dialog.entry is not None
    return dialog.entry


def open_consent(qtbot, gui: Gui, tab: StudentsTab) -> ConsentDialog:
    tab.table.selectRow(0)
    gui.click(tab, "studentConsentButton")
    qtbot.waitUntil(lambda: tab.consent_dialog is not None and tab.consent_dialog.isVisible())
    assert tab.consent_dialog is not None
    return tab.consent_dialog


def test_a_consent_with_its_scan_and_a_withdrawal_are_recorded_and_both_listed(
    qtbot,
    gui: Gui,
    context: UiContext,
    workspace: Workspace,
    prompter: ScriptedPrompter,
    as_showing_tab,
    tmp_path: Path,
) -> None:
    student_id = student(workspace)
    tab = as_showing_tab(StudentsTab(context), TabKey.STUDENTS)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    assert not tab.consent_button.isEnabled()
    dialog = open_consent(qtbot, gui, tab)
    assert gui.text(dialog, "consentState") == "Belum ada persetujuan tercatat"
    assert dialog.table.rowCount() == 0

    gui.click(dialog, "consentGiveButton")
    entry = entry_of(qtbot, dialog)
    gui.pick(entry, "consentRelation", GuardianRelation.IBU.value)
    assert entry.person.text() == "Siti Aminah"  # the guardian Siswa knows
    gui.pick(entry, "consentChannel", ConsentChannel.PINDAIAN.value)
    gui.click(entry, "consentSaveButton")
    assert entry.isVisible()
    assert "pindaian" in gui.shown_text(entry, "consentScanError")
    source = scan_file(tmp_path)
    prompter.files.append(source)
    gui.click(entry, "consentScanPick")
    assert gui.text(entry, "consentScanFile") == "formulir-ayu.jpg"
    prompter.confirms.append(True)  # yes, delete the original
    gui.click(entry, "consentSaveButton")
    qtbot.waitUntil(lambda: dialog.entry is None)
    assert not source.exists()
    assert prompter.calls[-1][1] == "Hapus berkas asli?"
    assert dialog.table.rowCount() == 1
    assert gui.text(dialog, "consentState").startswith("Persetujuan diberikan pada ")
    assert dialog.table.item(0, 6).text() == "ada"

    dialog.table.selectRow(0)
    gui.click(dialog, "consentViewScanButton")
    viewers = [w for w in dialog.findChildren(ScanViewer) if w.isVisible()]
    assert len(viewers) == 1
    assert viewers[0].picture.pixmap().width() > 0
    viewers[0].reject()

    gui.click(dialog, "consentWithdrawButton")
    entry = entry_of(qtbot, dialog)
    gui.pick(entry, "consentRelation", GuardianRelation.AYAH.value)
    assert entry.person.text() == "Budi Santoso"
    gui.pick(entry, "consentChannel", ConsentChannel.LISAN.value)
    gui.type_into(entry, "consentReason", "Ingin menangani sendiri di rumah")
    gui.click(entry, "consentSaveButton")
    qtbot.waitUntil(lambda: dialog.entry is None)
    assert dialog.table.rowCount() == 2
    assert gui.text(dialog, "consentState").startswith("Persetujuan ditarik pada ")
    kinds = [dialog.table.item(row, 0).text() for row in range(2)]
    assert kinds == ["Penarikan", "Persetujuan"]  # the newest first
    entries = ConsentService(workspace).entries(student_id)
    assert [(e.act, e.person_name, e.has_scan) for e in entries] == [
        (ConsentAct.GIVEN, "Siti Aminah", True),
        (ConsentAct.WITHDRAWN, "Budi Santoso", False),
    ]

    gui.click(dialog, "consentPrintButton")
    qtbot.waitUntil(lambda: isinstance(dialog.documents.current, PreviewDialog))
    preview = dialog.documents.current
    assert isinstance(preview, PreviewDialog)
    preview.reject()
    dialog.reject()


def test_a_typed_consent_survives_ctrl_l_and_comes_back_after_unlocking(
    qtbot, gui: Gui, window: MainWindow
) -> None:
    student(window.workspace)
    tab = gui.open_tab(window, STUDENTS_TAB)
    assert isinstance(tab, StudentsTab)
    qtbot.waitUntil(lambda: tab.table.model().rowCount() == 1)
    dialog = open_consent(qtbot, gui, tab)
    gui.click(dialog, "consentWithdrawButton")
    entry = entry_of(qtbot, dialog)
    gui.type_into(entry, "consentPersonName", "Rahmat Hidayat")
    gui.type_into(entry, "consentReason", "Pindah pengasuhan")

    entry.activateWindow()
    qtbot.waitUntil(entry.isActiveWindow)
    qtbot.keyClick(entry.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]

    unlock(qtbot, gui, window)
    students = window.tab_of(StudentsTab)
    assert students is not None and students.consent_dialog is not None
    reopened = entry_of(qtbot, students.consent_dialog)
    assert reopened.act is ConsentAct.WITHDRAWN
    assert reopened.person.text() == "Rahmat Hidayat"
    assert reopened.reason.text() == "Pindah pengasuhan"
    assert DraftService(window.workspace).kept() == []


def test_the_text_page_saves_a_new_version_keeps_the_old_and_prints_the_form(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace
) -> None:
    page = ConsentTextPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 1400)
    page.show()
    qtbot.waitExposed(page)
    assert "Versi 1: naskah bawaan" in gui.text(page, "consentTextVersion")
    page.editor.setPlainText("Saya setuju anak saya mendapat layanan BK di SMA Negeri 1.")
    gui.click(page, "consentTextSaveButton")
    assert gui.text(page, "consentTextStatus") == "Tersimpan sebagai versi 2."
    assert gui.text(page, "consentTextVersion").startswith("Versi 2, disimpan ")
    assert page.history.rowCount() == 2
    page.history.selectRow(1)
    assert "Undang-Undang Nomor 27 Tahun 2022" in page.old_text.toPlainText()
    page.editor.setPlainText(" ")
    gui.click(page, "consentTextSaveButton")
    assert "tidak boleh kosong" in gui.shown_text(page, "consentTextEditError")
    page.refresh()

    gui.click(page, "consentFormPrintButton")
    qtbot.waitUntil(lambda: isinstance(page.dialogs.current, PreviewDialog))
    preview = page.dialogs.current
    assert isinstance(preview, PreviewDialog)
    preview.reject()
    text = " ".join(
        (p.extract_text() or "")
        for p in PdfReader(io.BytesIO(ConsentService(workspace).consent_form().pdf)).pages
    )
    assert "versi 2" in text and "SMA Negeri 1." in text
