"""The first-start wizard, typed and clicked through like a counsellor would."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel, QLineEdit, QWidget, QWizard

from bk_desktop.services.access import VaultAccess
from bk_desktop.ui.setup_wizard import (
    ACCOUNT_PAGE,
    BACKUP_PAGE,
    KEY_PAGE,
    SCHOOL_PAGE,
    SetupWizard,
)

from support import PASSWORD, pc_zone

Button = QWizard.WizardButton


@pytest.fixture(autouse=True)
def pc_outside_indonesia() -> Iterator[None]:
    """The PC's UTC offset chooses the wizard's zone; these tests run as on a PC at UTC."""
    if not hasattr(time, "tzset"):
        yield  # Windows: the test PC's own zone; only the tests that change it are skipped
        return
    with pc_zone("UTC"):
        yield


@pytest.fixture
def wizard(qtbot, access: VaultAccess, prompter) -> SetupWizard:
    wizard = SetupWizard(access, prompter)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    yield wizard
    if wizard.workspace is not None:
        wizard.workspace.lock()


def fill_school(gui, wizard: SetupWizard) -> None:
    gui.type_into(wizard, "setupSchoolName", "SMA Negeri 1 Bontang")
    gui.type_into(wizard, "setupCity", "Bontang")
    gui.click(wizard, "setupNextButton")
    assert wizard.currentId() == ACCOUNT_PAGE


def fill_account(gui, wizard: SetupWizard, password: str = PASSWORD, repeat: str = PASSWORD):
    gui.type_into(wizard, "setupAccountName", "Sari Wulandari, S.Pd.")
    gui.type_into(wizard, "setupPassword", password)
    gui.type_into(wizard, "setupPasswordRepeat", repeat)


def create_vault(qtbot, gui, wizard: SetupWizard) -> None:
    fill_school(gui, wizard)
    fill_account(gui, wizard)
    gui.click(wizard, "setupCommitButton")
    qtbot.waitUntil(lambda: wizard.currentId() == KEY_PAGE)


def test_time_zone_defaults_to_wita(wizard: SetupWizard, gui) -> None:
    combo = gui.child(wizard, QComboBox, "setupTimezone")
    assert combo.currentData() == "Asia/Makassar"  # the PC's UTC offset is not Indonesian
    assert combo.currentText().startswith("WITA")
    assert [combo.itemData(i) for i in range(combo.count())] == [
        "Asia/Jakarta",
        "Asia/Makassar",
        "Asia/Jayapura",
    ]


@pytest.mark.parametrize(
    ("pc", "offered"),
    [
        ("Asia/Jakarta", "Asia/Jakarta"),
        ("Asia/Jayapura", "Asia/Jayapura"),
        ("Asia/Singapore", "Asia/Makassar"),
    ],
)
def test_time_zone_defaults_to_the_pcs_utc_offset(
    qtbot, access: VaultAccess, prompter, gui, pc: str, offered: str
) -> None:
    """A Windows PC in Makassar says "Singapore Standard Time": the offset +8 is what counts."""
    with pc_zone(pc):
        wizard = SetupWizard(access, prompter)
        qtbot.addWidget(wizard)
    assert gui.child(wizard, QComboBox, "setupTimezone").currentData() == offered


def test_wizard_creates_the_vault_and_a_recovery_card_that_holds_the_key(
    qtbot, gui, wizard: SetupWizard, access: VaultAccess, prompter, tmp_path: Path
) -> None:
    assert not access.exists()
    create_vault(qtbot, gui, wizard)

    assert access.exists()
    assert wizard.workspace is not None and wizard.workspace.is_open
    assert wizard.workspace.settings().school_name == "SMA Negeri 1 Bontang"
    assert wizard.workspace.settings().timezone == "Asia/Makassar"
    assert wizard.workspace.account.role.label == "Koordinator BK"
    key = gui.text(wizard, "setupRecoveryKey")
    assert key == wizard.recovery_key and len(key) > 20
    assert not gui.child(wizard, QLabel, "setupRecoveryKey").wordWrap()  # one line, as printed

    card = tmp_path / "kartu-pemulihan"  # no suffix typed: ".pdf" is added
    prompter.files.append(card)
    prompter.confirms.append(True)  # "Simpan di disk data BK?": the test's disk is the vault's
    gui.click(wizard, "setupSaveCardButton")
    written = card.with_name("kartu-pemulihan.pdf")
    text = "".join(page.extract_text() for page in PdfReader(written).pages)
    assert "".join(key.split("-")) in "".join(text.replace("-", "").split())
    assert "SMA NEGERI 1 BONTANG" in text  # the kop prints the school in capitals
    assert str(written) in gui.shown_text(wizard, "setupCardStatus")
    assert prompter.errors == []

    gui.child(wizard, QCheckBox, "setupKeySavedCheck").setChecked(True)
    gui.click(wizard, "setupNextButton")
    assert wizard.currentId() == BACKUP_PAGE
    # Left on the default: the folder beside the vault, and the note says what that risks.
    assert gui.child(wizard, QLineEdit, "setupBackupFolder").text().endswith("cadangan")
    assert "Beranda akan mengingatkan" in gui.shown_text(wizard, "setupBackupNote")
    gui.click(wizard, "setupFinishButton")
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.workspace.settings().backup_folder == ""


def test_lanjut_stays_disabled_until_the_key_is_said_to_be_kept(
    qtbot, gui, wizard: SetupWizard
) -> None:
    create_vault(qtbot, gui, wizard)
    onwards = wizard.button(Button.NextButton)
    check = gui.child(wizard, QCheckBox, "setupKeySavedCheck")
    assert onwards.isVisible() and not onwards.isEnabled()
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=check.rect().bottomLeft() / 2)
    assert check.isChecked()
    assert onwards.isEnabled()
    check.setChecked(False)
    assert not onwards.isEnabled()


def test_a_usb_folder_chosen_for_backups_is_stored_and_can_be_undone(
    qtbot, gui, wizard: SetupWizard, prompter, tmp_path: Path
) -> None:
    create_vault(qtbot, gui, wizard)
    gui.child(wizard, QCheckBox, "setupKeySavedCheck").setChecked(True)
    gui.click(wizard, "setupNextButton")
    usb = tmp_path / "FLASHDISK"
    usb.mkdir()
    prompter.folders.append(None)  # the dialog cancelled: nothing changes
    gui.click(wizard, "setupBackupChooseButton")
    assert gui.child(wizard, QLineEdit, "setupBackupFolder").text().endswith("cadangan")
    prompter.folders.append(usb)
    gui.click(wizard, "setupBackupChooseButton")
    assert gui.child(wizard, QLineEdit, "setupBackupFolder").text() == str(usb)
    assert "flashdisk" in gui.shown_text(wizard, "setupBackupNote")
    assert not wizard.button(Button.CancelButton).isVisible()  # the vault exists already
    gui.click(wizard, "setupFinishButton")
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.workspace.settings().backup_folder == str(usb)


def test_once_the_vault_exists_there_is_no_way_back_or_out(qtbot, gui, wizard: SetupWizard) -> None:
    create_vault(qtbot, gui, wizard)
    assert not wizard.button(Button.BackButton).isVisible()
    assert not wizard.button(Button.CancelButton).isVisible()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    wizard.close()
    assert wizard.isVisible()
    assert wizard.currentId() == KEY_PAGE


def test_school_name_is_required_and_the_message_sits_by_the_field(
    gui, wizard: SetupWizard
) -> None:
    gui.click(wizard, "setupNextButton")
    assert wizard.currentId() == SCHOOL_PAGE
    assert gui.shown_text(wizard, "setupSchoolNameMessage") == "Nama sekolah wajib diisi."


@pytest.mark.parametrize(
    ("field", "value", "message_label", "expected"),
    [
        (
            "setupPasswordRepeat",
            "Kopi-Pagi-Bontang-2025",
            "setupPasswordRepeatMessage",
            "tidak sama",
        ),
        ("setupNip", "1234", "setupNipMessage", "NIP harus 18 digit"),
        ("setupNuptk", "12ab", "setupNuptkMessage", "NUPTK harus 16 digit"),
        ("setupAccountName", "Sa", "setupAccountNameMessage", "minimal 3 huruf"),
    ],
)
def test_account_mistakes_are_shown_under_their_field_and_nothing_is_created(
    gui,
    wizard: SetupWizard,
    access: VaultAccess,
    field: str,
    value: str,
    message_label: str,
    expected: str,
) -> None:
    fill_school(gui, wizard)
    fill_account(gui, wizard)
    gui.type_into(wizard, field, value)
    gui.click(wizard, "setupCommitButton")
    assert wizard.currentId() == ACCOUNT_PAGE
    assert expected in gui.shown_text(wizard, message_label)
    assert not access.exists()


def test_a_short_password_is_refused_with_the_minimum_named(gui, wizard: SetupWizard) -> None:
    fill_school(gui, wizard)
    fill_account(gui, wizard, "pendek", "pendek")
    assert "Terlalu lemah" in gui.text(wizard, "setupStrengthLabel")
    gui.click(wizard, "setupCommitButton")
    assert "minimal 10 karakter" in gui.shown_text(wizard, "setupPasswordMessage")


def test_strength_meter_names_the_strength_in_words(gui, wizard: SetupWizard) -> None:
    fill_school(gui, wizard)
    gui.type_into(wizard, "setupPassword", "kopipagi")
    assert "Terlalu lemah" in gui.text(wizard, "setupStrengthLabel")
    assert "baru 8 dari minimal 10 karakter" in gui.text(wizard, "setupStrengthLabel")
    gui.type_into(wizard, "setupPassword", PASSWORD)
    assert gui.text(wizard, "setupStrengthLabel") == "Kekuatan: Kuat"


def test_buttons_and_fields_have_stable_names_and_indonesian_texts(wizard: SetupWizard) -> None:
    assert wizard.button(Button.NextButton).text() == "Lanjut >"
    assert wizard.button(Button.CancelButton).text() == "Batal"
    assert wizard.button(Button.CancelButton).objectName() == "setupCancelButton"
    for name in ("setupSchoolName", "setupCity", "setupTimezone"):
        widget = wizard.findChild(QWidget, name)
        assert widget is not None and widget.accessibleName()
