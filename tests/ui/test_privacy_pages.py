"""Pengaturan → Privasi (issue 18): the koordinator's group, the audit trail page and the
data-protection page, driven like a user on a real vault."""

from __future__ import annotations

import csv
from pathlib import Path

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from test_admin_polish import open_settings
from test_lock_drafts import texts_shown
from test_main_window import unlock

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QTableView

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.services.audit_view import PAGE_SIZE, AuditFilters, AuditViewService, KindGroup
from bk_desktop.services.consents import ConsentService
from bk_desktop.services.drafts import DraftService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.main_window import HOME_TAB, MainWindow
from bk_desktop.ui.print_preview import PreviewDialog
from bk_desktop.ui.tabs.admin.admin_tab import AdminTab
from bk_desktop.ui.tabs.admin.audit_page import AuditModel, AuditPage
from bk_desktop.ui.tabs.admin.consent_text_page import ConsentTextPage
from bk_desktop.ui.tabs.admin.data_protection_page import DataProtectionPage

from conftest import Gui, ScriptedPrompter, model_texts, press_ctrl_l
from support import add_request, signed_in_as

MARKER_NAME = "Zulfikar Markerstudent"


def section_texts(tab: AdminTab) -> list[str]:
    return [tab.sections.item(row).text().strip() for row in range(tab.sections.count())]


def shown_tab(qtbot: QtBot, context: UiContext) -> AdminTab:
    tab = AdminTab(context)
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    return tab


def audit_page(tab: AdminTab) -> AuditPage:
    page = tab.privacy["Jejak audit"]
    assert isinstance(page, AuditPage)
    return page


def test_the_koordinator_sees_a_privasi_group_whose_heading_opens_nothing(
    qtbot: QtBot, context: UiContext
) -> None:
    tab = shown_tab(qtbot, context)
    assert section_texts(tab)[-7:] == [
        "Privasi",
        "Jejak audit",
        "Naskah persetujuan",
        "Permohonan hak atas data",
        "Insiden data",
        "Retensi",
        "Pelindungan data",
    ]
    heading = tab.sections.count() - 7
    assert not tab.sections.item(heading).flags()
    tab.show_section(heading - 1)
    tab.show_section(heading)  # as the down arrow reaches it
    assert tab.sections.currentRow() == heading + 1
    assert tab.pages.currentWidget() is audit_page(tab)
    tab.show_section(heading)  # and the up arrow from below
    assert tab.sections.currentRow() == heading - 1


def test_a_guru_bk_has_no_privasi_group_only_the_incident_report(
    qtbot: QtBot, workspace: Workspace, context: UiContext
) -> None:
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    tab = shown_tab(qtbot, UiContext(guru, context.kdf, context.prompter))
    assert "Privasi" not in section_texts(tab)
    assert section_texts(tab)[-1] == "Insiden data"
    assert [type(page).__name__ for page in tab.privacy.values()] == ["IncidentsPage"]


def test_the_audit_page_lists_events_without_content_filters_and_saves_csv(
    qtbot: QtBot,
    gui: Gui,
    workspace: Workspace,
    context: UiContext,
    prompter: ScriptedPrompter,
    tmp_path: Path,
) -> None:
    add_request(workspace, MARKER_NAME)
    tab = shown_tab(qtbot, context)
    page = audit_page(tab)
    tab.show_section(tab.row_of(page))
    viewed = audit_repo.latest(workspace.db, AuditKind.AUDIT_VIEWED)
    assert viewed is not None and viewed.detail == "view"
    table = gui.child(page, QTableView, "auditTable")
    texts = model_texts(table.model())
    assert "Permohonan konseling dicatat" in texts
    assert not any("Zulfikar" in text or "Z.M." in text for text in texts)
    assert "kejadian" in gui.text(page, "auditCount")

    gui.pick(page, "auditGroup", KindGroup.REQUESTS)
    labels = {kind.label for kind in KindGroup.REQUESTS.kinds}
    rows = table.model().rowCount()
    assert rows and all(table.model().index(r, 2).data() in labels for r in range(rows))
    kinds = gui.child(page, QComboBox, "auditKind")
    assert kinds.findData(str(AuditKind.REQUEST_CREATED)) > 0
    assert kinds.findData(str(AuditKind.UNLOCK_OK)) == -1

    target = tmp_path / "jejak.csv"
    prompter.files.append(target)
    gui.click(page, "auditCsvButton")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        read = list(csv.reader(handle, delimiter=";"))
    assert read[0] == ["Waktu", "Akun", "Kejadian", "Sasaran", "Keterangan"]
    assert len(read) == rows + 1 and MARKER_NAME not in target.read_text("utf-8-sig")
    assert prompter.infos and not prompter.errors
    saved = audit_repo.latest(workspace.db, AuditKind.AUDIT_VIEWED)
    assert saved is not None and saved.detail == f"csv;{rows}"


def test_the_audit_page_fetches_more_rows_as_it_scrolls(
    qtbot: QtBot, workspace: Workspace, context: UiContext
) -> None:
    with workspace.db.transaction():
        for _ in range(450):
            audit_repo.record(
                workspace.db, AuditKind.LOCK, at=workspace.now(), account_id=workspace.account.id
            )
    tab = shown_tab(qtbot, context)
    page = audit_page(tab)
    tab.show_section(tab.row_of(page))
    model = page.model
    assert model.rowCount() == 200 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() > 450 and not model.canFetchMore()


def test_data_protection_keeps_the_officer_and_prints_the_record(
    qtbot: QtBot, gui: Gui, workspace: Workspace, context: UiContext
) -> None:
    tab = shown_tab(qtbot, context)
    page = tab.privacy["Pelindungan data"]
    assert isinstance(page, DataProtectionPage)
    tab.show_section(tab.row_of(page))
    gui.child(page, QLineEdit, "dpoEmail").setText("pdp@sekolah")
    gui.click(page, "dpoSaveButton")
    assert "tidak lengkap" in gui.text(page, "dpoEmailError")
    gui.child(page, QLineEdit, "dpoName").setText("Hendra Wijaya, S.Kom.")
    gui.child(page, QLineEdit, "dpoEmail").setText("pdp@sman1bontang.sch.id")
    gui.click(page, "dpoSaveButton")
    assert gui.text(page, "dpoStatus") == "Tersimpan."
    assert workspace.settings().dpo_name == "Hendra Wijaya, S.Kom."

    gui.click(page, "processingRecordButton")
    preview = page.dialogs.current
    assert isinstance(preview, PreviewDialog)
    assert preview.windowTitle() == "Pratinjau — Catatan Kegiatan Pemrosesan Data Pribadi"
    preview.reject()


def test_a_privacy_page_is_open_again_after_a_lock(
    qtbot: QtBot, gui: Gui, window: MainWindow
) -> None:
    tab = open_settings(gui, window)
    tab.sections.setCurrentRow(tab.row_of(tab.privacy["Pelindungan data"]))
    window.lock()
    unlock(qtbot, gui, window)
    tab = window.tab_of(AdminTab)
    assert tab is not None
    assert tab.pages.currentWidget() is tab.privacy["Pelindungan data"]


def test_the_audit_model_is_a_well_behaved_model(
    qtmodeltester: ModelTester, workspace: Workspace
) -> None:
    with workspace.db.transaction():
        for _ in range(PAGE_SIZE + 5):  # more than a page: fetchMore is checked too
            audit_repo.record(
                workspace.db, AuditKind.LOCK, at=workspace.now(), account_id=workspace.account.id
            )
    model = AuditModel(AuditViewService(workspace))
    model.load(AuditFilters())
    assert model.canFetchMore()
    qtmodeltester.check(model)
    model.load(AuditFilters(kind="tidak.ada"))
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_a_consent_text_typed_before_ctrl_l_is_back_after_unlocking(
    qtbot: QtBot, gui: Gui, window: MainWindow
) -> None:
    """The typed text is kept as a draft in the vault, and Pengaturan opens again on its page
    after unlocking, even when another tab was showing at the lock."""
    tab = open_settings(gui, window)
    page = tab.privacy["Naskah persetujuan"]
    assert isinstance(page, ConsentTextPage)
    tab.sections.setCurrentRow(tab.row_of(page))
    typed = "Saya setuju anak saya mendapat layanan BK. Kenari-7."
    editor = gui.child(page, QPlainTextEdit, "consentTextEdit")
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, typed)
    gui.open_tab(window, HOME_TAB)

    press_ctrl_l(qtbot, window)
    assert window.is_locked and not window.workspace.is_open
    assert typed not in texts_shown(window)
    unlock(qtbot, gui, window)

    tab = window.tab_of(AdminTab)
    assert tab is not None and tab.isVisible()
    page = tab.privacy["Naskah persetujuan"]
    assert isinstance(page, ConsentTextPage)
    assert tab.pages.currentWidget() is page
    assert page.editor.toPlainText() == typed
    assert DraftService(window.workspace).kept() == []  # the page holds it again
    gui.click(page, "consentTextSaveButton")
    assert ConsentService(window.workspace).current_text().text == typed
    assert page.open_drafts() == []
