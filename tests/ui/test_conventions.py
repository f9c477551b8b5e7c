"""One convention each, from the kit (issue 10, item 8): "Simpan" in the primary colour, one
"Tampilkan kata sandi" box that never resizes its field, dates in inputs written one way."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLineEdit, QWidget

from bk_desktop.ui.kit.forms import save_cancel_buttons
from bk_desktop.ui.password_widgets import PasswordField
from bk_desktop.ui.school_time import school_date_edit, school_date_time_edit


def test_simpan_is_the_primary_button_of_every_kit_dialog(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = save_cancel_buttons(dialog, "thingSaveButton", "Simpan")
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.property("role") == "primary" and save.isDefault()
    assert save.text() == "Simpan"
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Batal"


def test_showing_the_password_is_a_check_box_that_keeps_the_field_as_wide(qtbot) -> None:
    field = PasswordField("somePassword", "Kata sandi")
    qtbot.addWidget(field)
    field.resize(320, field.sizeHint().height())
    field.show()
    edit = field.findChild(QLineEdit, "somePassword")
    box = field.findChild(QCheckBox, "somePasswordToggle")
    assert box is not None and box.text() == "Tampilkan kata sandi"
    width = edit.width()
    box.setChecked(True)
    qtbot.wait(10)
    assert edit.echoMode() is QLineEdit.EchoMode.Normal
    assert edit.width() == width
    box.setChecked(False)
    assert edit.echoMode() is QLineEdit.EchoMode.Password


def test_date_inputs_read_the_way_typed_dates_are_asked_for(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    day = school_date_edit(parent)
    moment = school_date_time_edit(parent)
    assert day.displayFormat() == "dd-MM-yyyy"  # as the typed fields' "hh-bb-tttt"
    assert moment.displayFormat() == "dd-MM-yyyy HH.mm"
    assert "  " not in moment.text()
