"""Kotak Saran's forms after the review of issue 17, driven like a user over a real vault: an
entry about a colleague is saved, leaves the list and its receipt is offered at once; a refused
box entry leaves no opening; the opening picker does not date today's slips weeks back; a
follow-up moved back asks why and the log says so; the detail's text has its caption; Cek kode
tells the counsellor concerned nothing but who handles it; a half-typed follow-up survives the
lock; Beranda's countdown column takes the card's width."""

from __future__ import annotations

from datetime import timedelta

from test_complaints_tab import complaints_tab, open_register

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.complaints import (
    ActionKind,
    Channel,
    ClockKind,
    ComplaintForm,
    ComplaintRecord,
    ComplaintType,
    SenderKind,
    Subject,
)
from bk_desktop.services.complaints import ComplaintService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.print_preview import PreviewDialog
from bk_desktop.ui.school_time import wall_clock
from bk_desktop.ui.tab_table import TabKey, index_of
from bk_desktop.ui.tabs.complaint_dialogs import (
    ActionDialog,
    ActionMode,
    CheckCodeDialog,
    DetailDialog,
    SlipCountDialog,
)
from bk_desktop.ui.tabs.complaint_register import NEW_OPENING, RegisterDialog
from bk_desktop.ui.tabs.complaints_tab import ComplaintsTab
from bk_desktop.ui.tabs.home_complaints import CLOCK_COLUMN, ComplaintsPanel

from conftest import Gui, ScriptedPrompter, ShowAsTab, model_texts
from support import PASSWORD, signed_in_as

COMPLAINTS_TAB = index_of(TabKey.COMPLAINTS)
SECRET = "Pak Dedi membentak anak saya di ruang BK."


def register(workspace: Workspace, **changes: object) -> ComplaintRecord:
    values: dict[str, object] = {
        "kind": ComplaintType.PENGADUAN,
        "channel": Channel.LANGSUNG,
        "text": "Antrean konseling terlalu lama.",
        "received_at": workspace.now(),
    }
    values.update(changes)
    return ComplaintService(workspace).register(ComplaintForm(**values))  # type: ignore[arg-type]


def test_an_entry_about_a_colleague_offers_its_receipt_and_keeps_the_filters(
    qtbot, gui: Gui, workspace: Workspace, kdf, prompter: ScriptedPrompter, as_showing_tab
) -> None:
    rina = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    dedi = signed_in_as(workspace, "Dedi Saputra", Role.GURU_BK)
    register(rina, kind=ComplaintType.SARAN, text="Jam layanan sore hari.")
    tab = complaints_tab(qtbot, UiContext(rina, kdf, prompter), as_showing_tab)
    gui.pick(tab, "complaintKindFilter", ComplaintType.SARAN.value)  # the user's own filter
    assert tab.model.rowCount() == 1

    gui.click(tab, "complaintNewButton")
    dialog = tab.dialog
    assert isinstance(dialog, RegisterDialog)
    qtbot.waitUntil(dialog.isVisible)
    gui.pick(dialog, "complaintSenderKind", SenderKind.ORANG_TUA.value)
    gui.type_into(dialog, "complaintSenderName", "Ibu Sari")
    gui.pick(dialog, "complaintSubjectCombo", Subject.KONSELOR.value)
    gui.pick(dialog, "complaintCounsellor", dedi.account.id)
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, SECRET)
    prompter.confirms.append(True)  # "Cetak tanda terimanya sekarang?"
    gui.click(dialog, "complaintSaveButton")
    qtbot.waitUntil(lambda: isinstance(tab.dialog, PreviewDialog))

    [forwarded] = [r for r in ComplaintService(workspace).entries() if r.sender != "Anonim"]
    message = gui.shown_text(tab, "complaintMessage")
    assert forwarded.code in message and "kepala sekolah" in message
    assert "tidak ditampilkan" in message
    [(_, title, question)] = [c for c in prompter.calls if c[0] == "confirm"]
    assert title == "Cetak tanda terima" and forwarded.code in question
    # the filters are as the user left them; the forwarded entry is not in the list
    assert tab.kind_filter.currentData() == ComplaintType.SARAN.value
    assert forwarded.code not in model_texts(tab.model)
    preview = tab.dialog
    assert isinstance(preview, PreviewDialog)
    preview.reject()
    qtbot.waitUntil(lambda: tab.dialog is None)
    assert prompter.errors == []


def test_a_refused_box_entry_leaves_no_opening(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace, as_showing_tab: ShowAsTab
) -> None:
    tab = complaints_tab(qtbot, context, as_showing_tab)
    dialog = open_register(qtbot, gui, tab)
    gui.pick(dialog, "complaintChannel", "kotak_saran:")
    assert dialog.opening.currentData() == NEW_OPENING
    gui.click(dialog, "complaintSaveButton")  # no text
    assert "isi pengaduan" in gui.shown_text(dialog, "complaintTextError")
    assert ComplaintService(workspace).box_openings() == []
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, "Kantin terlalu ramai saat istirahat.")
    gui.click(dialog, "complaintSaveButton")
    qtbot.waitUntil(lambda: tab.dialog is None)
    [opening] = ComplaintService(workspace).box_openings()
    assert opening.slips == 1


def test_the_opening_picker_starts_new_unless_the_box_was_opened_today(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace, clock: FixedClock, as_showing_tab
) -> None:
    service = ComplaintService(workspace)
    old = service.record_box_opening(workspace.now())
    clock.advance(days=20)
    tab = complaints_tab(qtbot, context, as_showing_tab)
    dialog = open_register(qtbot, gui, tab)
    assert dialog.opening.itemData(0) == NEW_OPENING
    assert dialog.opening.itemText(0) == "Catat pembukaan kotak…"
    assert dialog.opening.findData(old.id) == 1
    gui.pick(dialog, "complaintChannel", "kotak_saran:")
    assert dialog.opening.currentData() == NEW_OPENING
    assert dialog.opened_at.isVisible()
    assert dialog.opened_at.dateTime() == wall_clock(workspace.now(), dialog.zone)
    dialog.form_state.mark_clean()
    dialog.reject()
    qtbot.waitUntil(lambda: tab.dialog is None)

    today = service.record_box_opening(workspace.now() - timedelta(minutes=5))
    again = open_register(qtbot, gui, tab)
    assert again.opening.currentData() == today.id


def test_the_kepala_sekolah_registers_through_themselves_by_default(
    qtbot, gui: Gui, workspace: Workspace, kdf, prompter: ScriptedPrompter, as_showing_tab
) -> None:
    principal = signed_in_as(workspace, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)
    tab = complaints_tab(qtbot, UiContext(principal, kdf, prompter), as_showing_tab)
    dialog = open_register(qtbot, gui, tab)
    assert dialog.chosen_channel.channel is Channel.KEPALA_SEKOLAH
    counsellor_tab = complaints_tab(qtbot, UiContext(workspace, kdf, prompter), as_showing_tab)
    assert open_register(qtbot, gui, counsellor_tab).chosen_channel.channel is Channel.LANGSUNG


def test_a_follow_up_moved_back_asks_why_and_the_log_says_so(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace, clock: FixedClock, as_showing_tab
) -> None:
    record = register(workspace)
    clock.advance(days=5)
    tab = complaints_tab(qtbot, context, as_showing_tab)
    detail = tab.open_detail(record.id)
    assert isinstance(detail, DetailDialog)
    qtbot.waitUntil(detail.isVisible)
    assert gui.shown_text(detail, "complaintDetailTextCaption") == "Isi"
    assert detail.text_caption.buddy() is detail.text

    action = detail.open_action(ActionMode.FOLLOW_UP)
    qtbot.waitUntil(action.isVisible)
    assert not action.backdate_reason.isVisible()
    action.text.setFocus()
    qtbot.keyClicks(action.text, "Menelepon wali kelas.")
    action.at.setDateTime(wall_clock(record.received_at + timedelta(hours=2), action.zone))
    assert action.backdate_reason.isVisible()
    gui.click(action, "complaintActionSaveButton")
    assert "alasan" in gui.shown_text(action, "complaintActionBackdateReasonError").casefold()
    assert ComplaintService(workspace).open(record.id).first_follow_up_at is None

    gui.type_into(action, "complaintActionBackdateReason", "Dicatat dari buku agenda piket")
    gui.click(action, "complaintActionSaveButton")
    qtbot.waitUntil(lambda: detail.action_dialog is None)
    assert ComplaintService(workspace).clock_of(detail.record).kind is ClockKind.TEPAT_WAKTU
    line = detail.log.item(detail.log.rowCount() - 1, 3).text()
    assert "Menelepon wali kelas." in line
    assert "Dicatat mundur" in line and "Dicatat dari buku agenda piket" in line


def test_check_code_tells_the_counsellor_concerned_only_who_handles_it(
    qtbot, gui: Gui, workspace: Workspace, kdf, prompter: ScriptedPrompter, as_showing_tab
) -> None:
    dedi = signed_in_as(workspace, "Dedi Saputra", Role.GURU_BK)
    signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    record = register(workspace, subject=Subject.KONSELOR, about_account_id=dedi.account.id)
    ComplaintService(workspace).add_action(
        record.id, ActionKind.TANGGAPAN, "Sudah dibicarakan.", public=True
    )
    tab = complaints_tab(qtbot, UiContext(dedi, kdf, prompter), as_showing_tab)
    gui.click(tab, "complaintCheckCodeButton")
    check = tab.dialog
    assert isinstance(check, CheckCodeDialog)
    gui.type_into(check, "complaintCheckCode", record.code)
    gui.click(check, "complaintCheckButton")
    answer = gui.shown_text(check, "complaintCheckResult")
    assert "ditangani oleh kepala sekolah" in answer
    for hidden in ("Pengaduan", "Sudah dibicarakan", "Ditindaklanjuti", "2026"):
        assert hidden not in answer.replace(record.code, "")


def test_the_slip_count_says_codes_stay_used_and_stops_at_sixty(qtbot) -> None:
    dialog = SlipCountDialog()
    qtbot.addWidget(dialog)
    assert dialog.count.maximum() == 60
    words = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "tetap terpakai" in words and "sebelum pratinjau" in words


def test_a_half_typed_follow_up_survives_the_lock(
    qtbot, gui: Gui, window, workspace: Workspace
) -> None:
    record = register(workspace)
    tab = gui.open_tab(window, COMPLAINTS_TAB)
    detail = tab.open_detail(record.id)
    qtbot.waitUntil(detail.isVisible)
    action = detail.open_action(ActionMode.FOLLOW_UP)
    qtbot.waitUntil(action.isVisible)
    action.text.setFocus()
    qtbot.keyClicks(action.text, "Menelepon wali kelas")
    action.activateWindow()
    qtbot.waitUntil(action.isActiveWindow)
    qtbot.keyClick(action.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked
    gui.type_into(window.lock_panel, "unlockPassword", PASSWORD)
    gui.click(window.lock_panel, "unlockButton")
    qtbot.waitUntil(lambda: not window.is_locked)
    again = window.tab_of(ComplaintsTab)
    qtbot.waitUntil(lambda: isinstance(again.dialog, DetailDialog))
    restored = again.dialog.action_dialog
    assert isinstance(restored, ActionDialog)
    assert restored.mode is ActionMode.FOLLOW_UP and restored.entry.id == record.id
    assert restored.text.toPlainText() == "Menelepon wali kelas"


def test_beranda_card_gives_the_width_to_the_countdown(qtbot) -> None:
    panel = ComplaintsPanel(for_koordinator=False)
    qtbot.addWidget(panel)
    header = panel.list.table.horizontalHeader()
    assert header.sectionResizeMode(CLOCK_COLUMN) is QHeaderView.ResizeMode.Stretch
    assert header.sectionResizeMode(1) is QHeaderView.ResizeMode.ResizeToContents
