"""Signing in at start-up: wrong and right passwords, the wait, the recovery key."""

from __future__ import annotations

import pytest

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton

from bk_desktop.app import DeferredAccess
from bk_desktop.domain.clock import FixedClock
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.errors import WrongPassword
from bk_desktop.ui.recovery_dialog import RecoveryDialog
from bk_desktop.ui.unlock_dialog import UnlockDialog

from support import PASSWORD

NEW_PASSWORD = "Hujan-Sore-di-Tanjung-Laut-7"


@pytest.fixture
def locked(created: tuple[Workspace, str]) -> str:
    """A vault that exists and is closed; returns its recovery key."""
    workspace, recovery = created
    workspace.lock()
    return recovery


@pytest.fixture
def make_dialog(qtbot, access: VaultAccess):
    dialogs: list[UnlockDialog] = []

    def build(**options) -> UnlockDialog:
        dialog = UnlockDialog(access, tick_ms=20, **options)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialogs.append(dialog)
        return dialog

    yield build
    for dialog in dialogs:
        if dialog.workspace is not None:
            dialog.workspace.lock()


def attempt(qtbot, gui, dialog: UnlockDialog, password: str) -> None:
    gui.type_into(dialog, "unlockPassword", password)
    gui.click(dialog, "unlockButton")
    qtbot.waitUntil(lambda: not dialog.form.busy_now)


def test_accounts_are_offered_by_name(gui, make_dialog, locked: str) -> None:
    dialog = make_dialog()
    combo = dialog.form.account
    assert [combo.itemText(i) for i in range(combo.count())] == ["Sari Wulandari"]
    assert gui.child(dialog, QPushButton, "unlockButton").text() == "Buka"


def test_wrong_password_says_so_under_the_field_and_clears_it_then_right_one_opens(
    qtbot, gui, make_dialog, locked: str
) -> None:
    dialog = make_dialog()
    attempt(qtbot, gui, dialog, "Kopi-Sore-Bontang-2026")
    assert "Kata sandi salah" in gui.shown_text(dialog, "unlockMessage")
    assert gui.child(dialog, QLineEdit, "unlockPassword").text() == ""
    assert dialog.isVisible() and dialog.workspace is None

    attempt(qtbot, gui, dialog, PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.workspace is not None and dialog.workspace.is_open
    assert dialog.workspace.account.name == "Sari Wulandari"


def test_enter_in_the_password_field_unlocks(qtbot, gui, make_dialog, locked: str) -> None:
    dialog = make_dialog()
    gui.type_into(dialog, "unlockPassword", PASSWORD)
    gui.press_enter(dialog, "unlockPassword")
    qtbot.waitUntil(lambda: dialog.workspace is not None)
    assert dialog.workspace.is_open


def test_repeated_failures_disable_buka_with_a_countdown_until_the_wait_is_over(
    qtbot, gui, make_dialog, locked: str, clock: FixedClock
) -> None:
    dialog = make_dialog()
    button = gui.child(dialog, QPushButton, "unlockButton")
    for _ in range(3):
        attempt(qtbot, gui, dialog, "salah-salah-salah")
    assert not button.isEnabled()
    assert button.text() == "Tunggu 2 detik…"
    gui.type_into(dialog, "unlockPassword", PASSWORD)
    gui.press_enter(dialog, "unlockPassword")  # Enter does not get round the wait
    assert not dialog.form.busy_now and dialog.workspace is None

    clock.advance(seconds=1)
    qtbot.waitUntil(lambda: button.text() == "Tunggu 1 detik…")
    clock.advance(seconds=1)
    qtbot.waitUntil(button.isEnabled)
    assert button.text() == "Buka"
    attempt(qtbot, gui, dialog, PASSWORD)
    assert dialog.workspace is not None


def test_the_wait_survives_a_restart(
    qtbot, gui, make_dialog, access: VaultAccess, locked: str, clock: FixedClock
) -> None:
    account_id = access.account_id_by_name("Sari Wulandari")
    for _ in range(5):
        clock.advance(seconds=access.wait_needed(account_id).total_seconds())
        with pytest.raises(WrongPassword):
            access.unlock(account_id, "salah-salah-salah")
    dialog = make_dialog()
    button = gui.child(dialog, QPushButton, "unlockButton")
    assert not button.isEnabled()
    assert button.text() == "Tunggu 8 detik…"
    clock.advance(seconds=8)
    qtbot.waitUntil(button.isEnabled)


def test_a_vault_held_by_another_program_gives_its_message_not_a_traceback(
    qtbot, gui, make_dialog, created: tuple[Workspace, str]
) -> None:
    dialog = make_dialog()  # the fixture's workspace still holds the vault
    attempt(qtbot, gui, dialog, PASSWORD)
    assert "sedang dibuka oleh program bk-desktop lain" in gui.shown_text(dialog, "unlockMessage")
    assert dialog.workspace is None


def test_demo_hint_is_shown_on_the_dialog(gui, make_dialog, locked: str) -> None:
    dialog = make_dialog(demo_hint=("Sari Wulandari", "contoh-sandi-<123>"))
    note = gui.child(dialog, QLabel, "unlockDemoHint")
    assert note.isVisible()
    document = QTextDocument()
    document.setHtml(note.text())
    assert " ".join(document.toPlainText().split()) == (
        "Brankas contoh — akun: Sari Wulandari, kata sandi: contoh-sandi-<123>"
    )


def test_without_demo_hint_there_is_no_note(gui, make_dialog, locked: str) -> None:
    assert gui.shown_text(make_dialog(), "unlockDemoHint") == ""


def open_recovery(qtbot, gui, dialog: UnlockDialog) -> RecoveryDialog:
    gui.click(dialog, "unlockForgotButton")
    recovery = dialog.form.recovery_dialog
    assert recovery is not None
    qtbot.waitExposed(recovery)
    return recovery


def test_recovery_key_sets_a_new_password_and_signs_in(
    qtbot, gui, make_dialog, access: VaultAccess, locked: str
) -> None:
    dialog = make_dialog()
    recovery = open_recovery(qtbot, gui, dialog)
    assert recovery.account.currentText() == "Sari Wulandari"
    gui.type_into(recovery, "recoveryKey", locked.lower())  # typed as it comes
    gui.type_into(recovery, "recoveryPassword", NEW_PASSWORD)
    assert gui.text(recovery, "recoveryStrengthLabel") == "Kekuatan: Kuat"
    gui.type_into(recovery, "recoveryPasswordRepeat", NEW_PASSWORD)
    gui.click(recovery, "recoveryButton")
    qtbot.waitUntil(lambda: dialog.workspace is not None)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.form.recovery_dialog is None  # closed (and deleted)

    account_id = dialog.workspace.account.id
    dialog.workspace.lock()
    with pytest.raises(WrongPassword):
        access.unlock(account_id, PASSWORD)
    access.unlock(account_id, NEW_PASSWORD).lock()


def test_a_wrong_recovery_key_is_named_under_the_key_field(
    qtbot, gui, make_dialog, locked: str
) -> None:
    dialog = make_dialog()
    recovery = open_recovery(qtbot, gui, dialog)
    gui.type_into(recovery, "recoveryKey", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    gui.type_into(recovery, "recoveryPassword", NEW_PASSWORD)
    gui.type_into(recovery, "recoveryPasswordRepeat", NEW_PASSWORD)
    gui.click(recovery, "recoveryButton")
    qtbot.waitUntil(lambda: bool(gui.shown_text(recovery, "recoveryKeyMessage")))
    assert "Kunci pemulihan tidak cocok" in gui.shown_text(recovery, "recoveryKeyMessage")
    assert recovery.isVisible() and dialog.workspace is None


def test_mismatched_new_passwords_are_refused_before_anything_is_tried(
    qtbot, gui, make_dialog, locked: str
) -> None:
    dialog = make_dialog()
    recovery = open_recovery(qtbot, gui, dialog)
    gui.type_into(recovery, "recoveryKey", locked)
    gui.type_into(recovery, "recoveryPassword", NEW_PASSWORD)
    gui.type_into(recovery, "recoveryPasswordRepeat", NEW_PASSWORD + "x")
    gui.click(recovery, "recoveryButton")
    assert "tidak sama" in gui.shown_text(recovery, "recoveryRepeatMessage")
    assert not recovery.busy_now


def test_before_the_vault_stack_is_loaded_buka_waits_for_it_to_learn_the_delay(
    qtbot, gui, access: VaultAccess, locked: str, clock: FixedClock
) -> None:
    account_id = access.account_id_by_name("Sari Wulandari")
    for _ in range(3):
        with pytest.raises(WrongPassword):
            access.unlock(account_id, "salah-salah-salah")
    pending = DeferredAccess(access.paths, clock=clock, make_kdf=lambda: access.kdf, modules=())
    dialog = UnlockDialog(pending, tick_ms=20)
    qtbot.addWidget(dialog)
    button = gui.child(dialog, QPushButton, "unlockButton")
    assert [dialog.form.account.itemText(0)] == ["Sari Wulandari"]  # from the JSON alone
    assert button.isEnabled() and button.text() == "Buka"  # the delay is not known yet
    pending.load()
    assert not button.isEnabled()
    assert button.text() == "Tunggu 2 detik…"
