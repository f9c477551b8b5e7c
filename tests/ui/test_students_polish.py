"""Siswa after an import: a NIK with an unknown province code is a warning, never a refusal;
students whose import left warnings can be found with "Perlu diperiksa"."""

from __future__ import annotations

import pytest
from test_students_tab import add_school, completer_popup_noise, make_tab, names, open_dialog

from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.tabs.students_tab import StudentsTab

from conftest import Gui, ShowAsTab


@pytest.fixture
def students(qtbot, workspace: Workspace, context: UiContext, as_showing_tab: ShowAsTab):
    add_school(workspace)
    return make_tab(qtbot, context, as_showing_tab)


@completer_popup_noise
def test_a_nik_with_an_unissued_province_code_warns_and_still_saves(
    qtbot, gui: Gui, students: StudentsTab, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, gui, students)
    gui.type_into(dialog, "studentDialogName", "Galih Pratama")
    gui.type_into(dialog, "studentDialogNik", "9904011705100004")  # no province 99
    assert "Kode provinsi NIK" in gui.shown_text(dialog, "studentDialogNikWarning")
    gui.type_into(dialog, "studentDialogNik", "6474011705100004")  # Kalimantan Timur
    assert gui.shown_text(dialog, "studentDialogNikWarning") == ""
    gui.type_into(dialog, "studentDialogNik", "9904011705100004")
    gui.type_into(dialog, "studentDialogRombel", "X-3")
    gui.click(dialog, "studentDialogSaveButton")
    qtbot.waitUntil(lambda: students.dialog is None)
    assert "Galih Pratama" in names(students)
    stored = StudentService(workspace).get(students.selected_id())
    assert stored.nik == "9904011705100004"
