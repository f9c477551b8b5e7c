"""Pengaturan → Identitas sekolah → Kop surat, driven like a user over a real vault: the
contact fields, the two logo pickers and "Pakai contoh kop…"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QWidget

from bk_desktop.domain.settings import LogoSlot
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.print_preview import PreviewDialog
from bk_desktop.ui.tabs.admin.admin_tab import AdminTab
from bk_desktop.ui.tabs.admin.identity_page import IdentityPage

from conftest import Gui, ScriptedPrompter


@pytest.fixture
def page(qtbot: QtBot, context: UiContext) -> Iterator[IdentityPage]:
    tab = AdminTab(context)
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    yield tab.identity  # the tab stays referenced here, or a garbage collection deletes it
    tab.close()


def _png(path: Path, size: tuple[int, int] = (300, 200)) -> Path:
    Image.new("RGBA", size, (20, 90, 160, 255)).save(path, format="PNG")
    return path


def _shown(parent: QWidget, name: str, gui: Gui) -> str:
    return gui.shown_text(parent, name)


def test_contact_fields_are_saved_with_simpan_and_make_the_contact_line(
    page: IdentityPage, gui: Gui, workspace: Workspace
) -> None:
    gui.type_into(page, "settingsPhone", "(0548) 21234")
    gui.type_into(page, "settingsEmail", "smpn1bontang@sch.id")
    gui.type_into(page, "settingsWebsite", "https://smpn1bontang.sch.id")
    gui.click(page, "settingsSaveButton")
    assert gui.text(page, "settingsSaveStatus") == "Tersimpan."
    assert SettingsService(workspace).letterhead().contact_line.replace("\u00a0", " ") == (
        "Telepon (0548) 21234 · Pos-el smpn1bontang@sch.id · Laman smpn1bontang.sch.id"
    )
    assert page.website.text() == "smpn1bontang.sch.id"  # shown as stored


def test_a_malformed_email_is_refused_under_its_field(
    page: IdentityPage, gui: Gui, workspace: Workspace
) -> None:
    gui.type_into(page, "settingsEmail", "bk-smansa")
    gui.click(page, "settingsSaveButton")
    assert "pos-el" in _shown(page, "settingsEmailError", gui).casefold()
    assert SettingsService(workspace).get().school_email == ""


def test_a_logo_is_picked_shown_and_removed_at_once(
    page: IdentityPage,
    gui: Gui,
    prompter: ScriptedPrompter,
    workspace: Workspace,
    tmp_path: Path,
) -> None:
    picker = page.left_logo
    thumbnail = gui.child(picker, QLabel, "leftLogoThumbnail")
    assert thumbnail.text() == "Belum ada logo"
    assert not gui.child(picker, QWidget, "leftLogoRemoveButton").isEnabled()

    prompter.files.append(_png(tmp_path / "pemprov.png"))
    gui.click(page, "leftLogoChooseButton")
    assert prompter.calls[-1][0] == "open_file"
    service = SettingsService(workspace)
    assert service.logo(LogoSlot.LEFT) is not None  # stored without pressing Simpan
    assert thumbnail.pixmap() is not None and not thumbnail.pixmap().isNull()
    assert gui.text(picker, "leftLogoStatus") == "Logo tersimpan."
    assert service.letterhead().left_logo == service.logo(LogoSlot.LEFT)

    prompter.confirms.append(True)
    gui.click(page, "leftLogoRemoveButton")
    assert prompter.calls[-1][0] == "confirm"
    assert service.logo(LogoSlot.LEFT) is None
    assert thumbnail.text() == "Belum ada logo"
    assert gui.text(picker, "leftLogoStatus") == "Logo dihapus."


def test_a_refused_picture_is_said_under_its_picker_and_nothing_is_stored(
    page: IdentityPage, gui: Gui, prompter: ScriptedPrompter, workspace: Workspace, tmp_path: Path
) -> None:
    text = tmp_path / "logo.png"
    text.write_text("ini bukan gambar", encoding="utf-8")
    prompter.files.append(text)
    gui.click(page, "rightLogoChooseButton")
    assert "bukan gambar PNG atau JPEG" in _shown(page.right_logo, "rightLogoError", gui)
    assert SettingsService(workspace).logo(LogoSlot.RIGHT) is None
    assert prompter.errors == []  # said in place, not in a box


def test_typed_lines_are_kept_while_a_logo_changes(
    page: IdentityPage, gui: Gui, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    gui.type_into(page, "settingsGovernmentLine", "PEMERINTAH KOTA BONTANG")
    prompter.files.append(_png(tmp_path / "logo.png"))
    gui.click(page, "rightLogoChooseButton")
    assert page.government_line.text() == "PEMERINTAH KOTA BONTANG"


def _preset_dialog(page: IdentityPage, gui: Gui) -> QDialog:
    gui.click(page, "letterheadPresetButton")
    dialog = page.dialogs.current
    assert dialog is not None and dialog.objectName() == "letterheadPresetDialog"
    return dialog


def test_a_preset_fills_empty_lines_for_simpan_to_store(
    page: IdentityPage, gui: Gui, workspace: Workspace
) -> None:
    dialog = _preset_dialog(page, gui)
    gui.pick(dialog, "letterheadPresetKind", "kota")
    gui.type_into(dialog, "letterheadPresetName", "Kota Bontang")
    assert gui.text(dialog, "letterheadPresetPreview") == (
        "PEMERINTAH KOTA BONTANG\nDINAS PENDIDIKAN DAN KEBUDAYAAN"
    )
    gui.click(dialog, "letterheadPresetSaveButton")
    assert page.dialogs.current is None
    assert page.government_line.text() == "PEMERINTAH KOTA BONTANG"
    assert page.agency_line.text() == "DINAS PENDIDIKAN DAN KEBUDAYAAN"
    assert "Simpan" in gui.text(page, "letterheadPresetStatus")
    assert SettingsService(workspace).get().government_line == ""  # not stored yet
    gui.click(page, "settingsSaveButton")
    assert SettingsService(workspace).get().government_line == "PEMERINTAH KOTA BONTANG"


def test_a_preset_asks_before_it_replaces_what_the_school_wrote(
    page: IdentityPage, gui: Gui, prompter: ScriptedPrompter
) -> None:
    gui.type_into(page, "settingsGovernmentLine", "PEMERINTAH PROVINSI KALIMANTAN TIMUR")
    gui.type_into(page, "settingsAgencyLine", "DINAS PENDIDIKAN")

    prompter.confirms.append(False)
    dialog = _preset_dialog(page, gui)
    gui.pick(dialog, "letterheadPresetKind", "yayasan")
    gui.type_into(dialog, "letterheadPresetName", "Pendidikan Bina Bangsa")
    gui.click(dialog, "letterheadPresetSaveButton")
    assert "DINAS PENDIDIKAN" in prompter.calls[-1][2]
    assert page.government_line.text() == "PEMERINTAH PROVINSI KALIMANTAN TIMUR"
    assert page.agency_line.text() == "DINAS PENDIDIKAN"

    prompter.confirms.append(True)
    dialog = _preset_dialog(page, gui)
    gui.pick(dialog, "letterheadPresetKind", "yayasan")
    gui.type_into(dialog, "letterheadPresetName", "Yayasan Pendidikan Bina Bangsa")
    gui.click(dialog, "letterheadPresetSaveButton")
    assert page.government_line.text() == "YAYASAN PENDIDIKAN BINA BANGSA"
    assert page.agency_line.text() == ""


def test_a_preset_without_its_name_is_refused_in_the_dialog(page: IdentityPage, gui: Gui) -> None:
    dialog = _preset_dialog(page, gui)
    gui.pick(dialog, "letterheadPresetKind", "provinsi")
    assert "Nama provinsi" in [
        label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)
    ]
    gui.click(dialog, "letterheadPresetSaveButton")
    assert page.dialogs.current is dialog
    assert "Nama provinsi wajib diisi" in _shown(dialog, "letterheadPresetNameError", gui)
    assert gui.child(dialog, QComboBox, "letterheadPresetKind").count() == 4
    dialog.reject()
    assert page.government_line.text() == ""


def test_pratinjau_kop_saves_typed_lines_first_and_shows_them_as_printed(
    qtbot: QtBot, gui: Gui, page: IdentityPage, workspace: Workspace, tmp_path: Path
) -> None:
    SettingsService(workspace).set_logo(LogoSlot.LEFT, _png(tmp_path / "pemprov.png"))
    page.agency_line.setText("DINAS PENDIDIKAN DAN KEBUDAYAAN")
    page.principal_name.setText("Drs. Bambang Sutrisno, M.Pd.")
    gui.click(page, "letterheadPreviewButton")
    assert SettingsService(workspace).get().agency_line == "DINAS PENDIDIKAN DAN KEBUDAYAAN"
    preview = page.dialogs.current
    assert isinstance(preview, PreviewDialog)
    assert preview.page_count == 1
    assert preview.windowTitle() == "Pratinjau — Contoh Kop Surat"
    preview.reject()


def test_pratinjau_kop_with_a_refused_line_shows_the_error_and_no_preview(
    gui: Gui, page: IdentityPage
) -> None:
    page.email.setText("bukan surel")
    gui.click(page, "letterheadPreviewButton")
    assert page.dialogs.current is None
