"""Pengaturan → Privasi → Insiden data, driven like a user on a real vault: record an incident,
log a measure, record the notices, preview both letters, mark it selesai; the empty state;
a guru BK who records one and sees only their own."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QLabel

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.drafts import DraftForm
from bk_desktop.domain.incidents import (
    DataKind,
    IncidentForm,
    IncidentKind,
    IncidentStatus,
    Recipient,
)
from bk_desktop.services.incidents import IncidentService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.print_preview import PreviewDialog
from bk_desktop.ui.tabs.admin.incidents_page import (
    AddresseeDialog,
    EntryDialog,
    IncidentDialog,
    IncidentsPage,
)

from conftest import Gui, ScriptedPrompter, model_texts
from support import signed_in_as

WHAT = "Flashdisk cadangan brankas tertinggal di ruang rapat guru."


def shown_page(qtbot: QtBot, context: UiContext) -> IncidentsPage:
    page = IncidentsPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def fill_record(qtbot: QtBot, dialog: IncidentDialog) -> None:
    qtbot.keyClicks(dialog.what, WHAT)
    dialog.data_checks[next(iter(dialog.data_checks))].setChecked(True)
    dialog.count.setValue(35)


def test_record_measure_notify_print_and_close(
    qtbot: QtBot, context: UiContext, prompter: ScriptedPrompter
) -> None:
    gui = Gui(qtbot)
    page = shown_page(qtbot, context)
    assert page.list.currentWidget() is page.list.empty
    assert "3×24" in page.list.empty.text.text()
    assert not page.detail_box.isVisible()

    gui.click(page, "incidentRecordButton")
    dialog = page.record_dialog
    assert isinstance(dialog, IncidentDialog)
    dialog.save()  # nothing described yet: the error sits under its field
    assert dialog.isVisible()
    fill_record(qtbot, dialog)
    assert page.open_drafts()[0].form is DraftForm.INCIDENT
    dialog.save()
    assert not dialog.isVisible()
    texts = model_texts(page.model)
    assert "Cadangan hilang" not in texts  # the first kind is the default: laptop
    assert "Laptop hilang" in texts
    assert "Sisa 3 hari" in texts
    assert page.detail_box.isVisible()
    assert WHAT in page.detail.text()
    assert "Belum diberi tahu" in page.detail.text()

    gui.click(page, "incidentMeasureButton")
    entry = page.entry_dialog
    assert isinstance(entry, EntryDialog)
    qtbot.keyClicks(entry.text, "Kata sandi semua akun diganti.")
    entry.save()
    assert page.current is not None and page.current.status is IncidentStatus.DITANGANI
    assert page.log.rowCount() == 1

    for recipient in (Recipient.ORANG_TUA, Recipient.LEMBAGA):
        gui.click(page, "incidentNoticeButton")
        entry = page.entry_dialog
        assert isinstance(entry, EntryDialog)
        entry.recipient.setCurrentIndex(entry.recipient.findData(recipient.value))
        entry.save()
    assert "Diberitahukan tepat waktu" in model_texts(page.model)

    gui.click(page, "incidentParentPrintButton")
    preview = page.previews.current
    assert isinstance(preview, PreviewDialog)
    assert "Insiden #" in preview.windowTitle()
    preview.reject()

    gui.click(page, "incidentAuthorityPrintButton")
    addressee = page.dialogs.current
    assert isinstance(addressee, AddresseeDialog)
    addressee.addressee.setText("Kepala Dinas Pendidikan Provinsi Kalimantan Timur")
    addressee.accept()
    preview = page.previews.current
    assert isinstance(preview, PreviewDialog)
    assert "Lembaga" in preview.windowTitle()
    preview.reject()

    gui.click(page, "incidentCloseButton")
    entry = page.entry_dialog
    assert isinstance(entry, EntryDialog)
    entry.save()
    assert page.current is not None and page.current.status is IncidentStatus.SELESAI
    assert not page.measure_button.isEnabled()
    assert prompter.errors == []
    assert prompter.calls == []


def test_a_guru_bk_records_an_incident_and_sees_only_their_own(
    qtbot: QtBot, context: UiContext
) -> None:
    guru = signed_in_as(context.workspace, "Rina Handayani", Role.GURU_BK)
    IncidentService(context.workspace).record(
        IncidentForm(
            kind=IncidentKind.DOKUMEN_TERTINGGAL,
            found_at=context.workspace.now(),
            what_happened="Ringkasan sesi tertinggal di printer ruang guru.",
            data_kinds=frozenset({DataKind.CATATAN_KONSELING}),
            reported_by="Sari Wulandari",
            student_count=1,
        )
    )
    gui = Gui(qtbot)
    page = shown_page(qtbot, UiContext(guru, context.kdf, context.prompter))
    assert page.list.currentWidget() is page.list.empty
    gui.click(page, "incidentRecordButton")
    dialog = page.record_dialog
    assert isinstance(dialog, IncidentDialog)
    fill_record(qtbot, dialog)
    dialog.save()
    assert page.model.rowCount() == 1
    page.list.select(0)
    assert not page.detail_box.isVisible()
    assert page.findChild(QLabel, "incidentOwnOnly") is not None


def test_the_texts_that_print_say_not_to_name_a_student(qtbot: QtBot, context: UiContext) -> None:
    """ "Apa yang terjadi", the reporter, the other data, a measure and a notice's note are
    printed as typed on the notices: each says so under its field; the closing note, which
    prints nowhere, does not."""
    page = shown_page(qtbot, context)
    dialog = IncidentDialog(context, page)
    qtbot.addWidget(dialog)
    dialog.show()
    # Review 18 #11: the reporter and the other data print as typed too.
    for name in ("incidentWhatHint", "incidentReportedByHint", "incidentDataOtherHint"):
        hint = dialog.findChild(QLabel, name)
        assert hint is not None, name
        assert hint.text().startswith("Jangan menulis nama siswa di sini"), name
    for name in ("incidentWhatHint", "incidentReportedByHint"):
        shown = dialog.findChild(QLabel, name)
        assert shown is not None and shown.isVisible(), name
    fill_record(qtbot, dialog)
    dialog.save()
    assert dialog.record is not None
    for kind, printed in (("measure", "semua orang tua/wali"), ("notice", "surat kepada lembaga")):
        entry = EntryDialog(context, dialog.record, kind, page)
        qtbot.addWidget(entry)
        entry.show()
        hint = entry.findChild(QLabel, "incidentEntryTextHint")
        assert hint is not None and hint.isVisible(), kind
        assert hint.text().startswith("Jangan menulis nama siswa di sini")
        assert printed in hint.text()
        entry.reject()
    closing = EntryDialog(context, dialog.record, "close", page)
    qtbot.addWidget(closing)
    closing.show()
    assert closing.findChild(QLabel, "incidentEntryTextHint") is None
    closing.reject()
