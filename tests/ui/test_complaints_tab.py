"""Kotak Saran, driven like a user over a real vault: register an anonymous complaint through
the dialog, print its receipt, follow it up, close it and find it counted as met; the counsellor
an entry is about does not see it; a half-typed entry survives the lock."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from pypdf import PdfReader

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QTableView

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.complaints import (
    Channel,
    ClockKind,
    ComplaintForm,
    ComplaintStatus,
    ComplaintType,
    SenderKind,
    Subject,
)
from bk_desktop.services.complaint_documents import ComplaintDocuments
from bk_desktop.services.complaints import ComplaintService
from bk_desktop.services.drafts import DraftService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.main_window import MainWindow
from bk_desktop.ui.print_preview import PreviewDialog
from bk_desktop.ui.tab_table import TabKey, index_of, tabs_for
from bk_desktop.ui.tabs.admin.service_standard_page import ServiceStandardPage
from bk_desktop.ui.tabs.complaint_dialogs import ActionDialog, DetailDialog
from bk_desktop.ui.tabs.complaint_models import CLOCK, CODE
from bk_desktop.ui.tabs.complaint_register import RegisterDialog
from bk_desktop.ui.tabs.complaints_tab import ComplaintsTab

from conftest import Gui, ScriptedPrompter, ShowAsTab, model_texts
from support import PASSWORD, signed_in_as

COMPLAINTS_TAB = index_of(TabKey.COMPLAINTS)
TEXT = "Ruang BK sering terkunci saat jam istirahat, siswa tidak bisa bertemu guru BK."


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def complaints_tab(qtbot, context: UiContext, follow: ShowAsTab) -> ComplaintsTab:
    tab = follow(ComplaintsTab(context), TabKey.COMPLAINTS)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def open_register(qtbot, gui: Gui, tab: ComplaintsTab) -> RegisterDialog:
    gui.click(tab, "complaintEmptyNewButton")
    dialog = tab.dialog
    assert isinstance(dialog, RegisterDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_the_tab_sits_between_konseling_and_laporan_for_every_role() -> None:
    counsellor = [spec.key for spec in tabs_for(Role.GURU_BK)]
    assert counsellor.index(TabKey.COMPLAINTS) == counsellor.index(TabKey.COUNSELLING) + 1
    assert counsellor.index(TabKey.REPORT) == counsellor.index(TabKey.COMPLAINTS) + 1
    assert COMPLAINTS_TAB == 6  # Ctrl+7
    principal = [spec.key for spec in tabs_for(Role.KEPALA_SEKOLAH)]
    assert principal == [TabKey.HOME, TabKey.COMPLAINTS, TabKey.REPORT, TabKey.SETTINGS]


def test_an_anonymous_complaint_from_the_dialog_to_met_in_the_figures(
    qtbot,
    gui: Gui,
    context: UiContext,
    workspace: Workspace,
    clock: FixedClock,
    prompter: ScriptedPrompter,
    as_showing_tab: ShowAsTab,
) -> None:
    start = workspace.now()
    tab = complaints_tab(qtbot, context, as_showing_tab)
    assert gui.shown_text(tab, "complaintEmptyTitle") == "Belum ada entri kotak saran"
    assert "Catat entri" in gui.shown_text(tab, "complaintEmptyText")

    dialog = open_register(qtbot, gui, tab)
    gui.pick(dialog, "complaintKind", ComplaintType.PENGADUAN.value)
    gui.pick(dialog, "complaintSenderKind", SenderKind.ANONIM.value)
    assert not dialog.sender_name.isEnabled() and not dialog.sender_contact.isEnabled()
    gui.pick(dialog, "complaintSubjectCombo", Subject.LAYANAN.value)
    assert not dialog.counsellor.isEnabled()
    # Saving without the text says so under the text.
    gui.click(dialog, "complaintSaveButton")
    assert "isi pengaduan" in gui.shown_text(dialog, "complaintTextError")
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, TEXT)
    gui.click(dialog, "complaintSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)

    rows = ComplaintService(workspace).entries()
    assert len(rows) == 1
    entry = rows[0]
    assert entry.kind is ComplaintType.PENGADUAN and entry.sender == "Anonim"
    assert tab.selected_id == entry.id
    assert entry.code in gui.shown_text(tab, "complaintMessage")
    assert gui.shown_text(tab, "complaintCounts") == "1 entri · 0 terlambat"
    shown = model_texts(tab.model)
    assert entry.code in shown and "Anonim" in shown
    clock_cell = tab.model.index(0, CLOCK)
    assert str(clock_cell.data()).startswith("Sisa ")

    # The receipt: the preview opens from the toolbar, and its PDF holds the code.
    gui.click(tab, "complaintReceiptButton")
    preview = tab.dialog
    assert isinstance(preview, PreviewDialog)
    preview.reject()
    qtbot.waitUntil(lambda: tab.dialog is None)
    receipt = pdf_text(ComplaintDocuments(workspace).receipt(entry.id).pdf)
    assert entry.code in receipt
    assert re.search(r"\bNone\b|\bnan\b", receipt) is None

    # A follow-up a day later, then selesai.
    clock.advance(hours=20)
    tab.select(entry.id)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    detail = tab.dialog
    assert isinstance(detail, DetailDialog)
    qtbot.waitUntil(detail.isVisible)
    assert detail.follow_button.text() == "Catat tindak lanjut…"
    gui.click(detail, "complaintFollowUpButton")
    action = detail.action_dialog
    assert isinstance(action, ActionDialog)
    qtbot.waitUntil(action.isVisible)
    action.text.setFocus()
    qtbot.keyClicks(action.text, "Jadwal piket ruang BK saat istirahat dibuat dan ditempel.")
    gui.click(action, "complaintActionSaveButton")
    qtbot.waitUntil(lambda: detail.action_dialog is None)
    assert detail.record.status is ComplaintStatus.DITINDAKLANJUTI
    assert "tepat waktu" in gui.shown_text(detail, "complaintDetailClock")

    gui.click(detail, "complaintCloseButton")
    closing = detail.action_dialog
    assert isinstance(closing, ActionDialog)
    qtbot.waitUntil(closing.isVisible)
    closing.text.setFocus()
    qtbot.keyClicks(closing.text, "Piket berjalan dua minggu, ruang BK selalu terbuka.")
    gui.click(closing, "complaintActionSaveButton")
    qtbot.waitUntil(lambda: detail.action_dialog is None)
    assert detail.record.status is ComplaintStatus.SELESAI
    assert detail.reopen_button.isVisible() and not detail.close_button.isVisible()
    detail.reject()
    qtbot.waitUntil(lambda: tab.dialog is None)

    row = tab.model.item_at(tab.model.row_of(entry.id) or 0)
    assert row is not None and row.status is ComplaintStatus.SELESAI
    assert row.clock.kind is ClockKind.TEPAT_WAKTU
    figures = ComplaintService(workspace).figures(start - timedelta(days=1), workspace.now())
    assert figures.total == 1 and figures.clocked == 1
    assert figures.met == 1 and figures.late_or_overdue == []
    assert figures.percent_met == 100
    assert prompter.errors == []


def test_the_counsellor_an_entry_is_about_does_not_see_it(
    qtbot, gui: Gui, workspace: Workspace, kdf, prompter: ScriptedPrompter, as_showing_tab
) -> None:
    rudi = signed_in_as(workspace, "Rudi Hartono", Role.GURU_BK)
    signed_in_as(workspace, "Dewi Anggraini", Role.GURU_BK)
    service = ComplaintService(workspace)
    about_rudi = service.register(
        ComplaintForm(
            kind=ComplaintType.PENGADUAN,
            channel=Channel.LANGSUNG,
            text="Guru BK membicarakan masalah siswa di depan kelas.",
            received_at=workspace.now(),
            subject=Subject.KONSELOR,
            about_account_id=rudi.account.id,
        )
    )
    general = service.register(
        ComplaintForm(
            kind=ComplaintType.SARAN,
            channel=Channel.LANGSUNG,
            text="Sebaiknya ada jam konsultasi sore hari.",
            received_at=workspace.now(),
        )
    )
    tab = complaints_tab(qtbot, UiContext(rudi, kdf, prompter), as_showing_tab)
    codes = model_texts(tab.model)
    assert general.code in codes
    assert about_rudi.code not in codes
    assert gui.shown_text(tab, "complaintCounts") == "1 entri · 0 terlambat"
    # The koordinator (the fixture's account) sees both.
    own = complaints_tab(qtbot, UiContext(workspace, kdf, prompter), as_showing_tab)
    assert {own.model.index(r, CODE).data() for r in range(own.model.rowCount())} == {
        general.code,
        about_rudi.code,
    }


def test_a_half_typed_entry_survives_the_lock(qtbot, gui: Gui, window: MainWindow) -> None:
    tab = gui.open_tab(window, COMPLAINTS_TAB)
    assert isinstance(tab, ComplaintsTab)
    dialog = open_register(qtbot, gui, tab)
    gui.pick(dialog, "complaintKind", ComplaintType.SARAN.value)
    gui.pick(dialog, "complaintSenderKind", SenderKind.GURU.value)
    gui.type_into(dialog, "complaintSenderName", "Bu Rahma")
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, "Kotak saran dipindah ke dekat kantin")

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]

    panel = window.lock_panel
    assert panel is not None
    gui.type_into(panel, "unlockPassword", PASSWORD)
    gui.click(panel, "unlockButton")
    qtbot.waitUntil(lambda: not window.is_locked)
    again = window.tab_of(ComplaintsTab)
    assert again is not None
    reopened = again.dialog
    assert isinstance(reopened, RegisterDialog)
    qtbot.waitUntil(reopened.isVisible)
    assert reopened.text.toPlainText() == "Kotak saran dipindah ke dekat kantin"
    assert reopened.sender_name.text() == "Bu Rahma" and reopened.sender_name.isEnabled()
    assert reopened.kind.currentData() == ComplaintType.SARAN.value
    assert DraftService(window.workspace).kept() == []


def test_the_schools_own_channels_are_edited_in_layanan_and_offered_when_registering(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace
) -> None:
    page = ServiceStandardPage(context)
    qtbot.addWidget(page)
    page.refresh()
    assert page.channels.names() == workspace.settings().complaint_channels
    gui.type_into(page, "serviceComplaintChannelNew", "Formulir daring")
    gui.click(page, "serviceComplaintChannelAdd")
    page.channels.channels.setCurrentRow(0)  # "Pesan WhatsApp"
    gui.click(page, "serviceComplaintChannelRemove")
    gui.click(page, "serviceSaveButton")
    assert workspace.settings().complaint_channels == (
        "Surat",
        "Rapat orang tua",
        "Formulir daring",
    )

    dialog = RegisterDialog(context)
    qtbot.addWidget(dialog)
    offered = [dialog.channel.itemText(i) for i in range(dialog.channel.count())]
    assert offered[-3:] == ["Surat", "Rapat orang tua", "Formulir daring"]
    assert "Pesan WhatsApp" not in offered


def test_a_beranda_row_opens_the_entry_in_kotak_saran(qtbot, gui: Gui, window: MainWindow) -> None:
    entry = ComplaintService(window.workspace).register(
        ComplaintForm(
            kind=ComplaintType.PENGADUAN,
            channel=Channel.LANGSUNG,
            text=TEXT,
            received_at=window.workspace.now(),
        )
    )
    home = gui.open_tab(window, index_of(TabKey.HOME))
    table = home.findChild(QTableView, "homeComplaintsTable")
    assert table is not None and table.model().rowCount() == 1
    table.selectRow(0)
    table.activated.emit(table.model().index(0, 0))

    tab = window.tab_of(ComplaintsTab)
    assert tab is not None and window.tabs is not None
    assert window.tabs.currentIndex() == COMPLAINTS_TAB
    assert tab.selected_id == entry.id
    detail = tab.dialog
    assert isinstance(detail, DetailDialog)
    qtbot.waitUntil(detail.isVisible)
    assert entry.code in " ".join(label.text() for label in detail.findChildren(QLabel))
