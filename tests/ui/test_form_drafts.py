"""Drafts: every form built with the kit knows whether it holds unsaved input and hands it
over as plain JSON-able data that a fresh form takes back (issue 10 keeps them in the vault)."""

from __future__ import annotations

import json

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit, QSpinBox, QWidget

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.requests import RequestSource, Urgency
from bk_desktop.domain.screening import RiskLevel
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.drafts import inputs_under, value_of
from bk_desktop.ui.kit.forms import FieldForm, named
from bk_desktop.ui.password_widgets import password_edit
from bk_desktop.ui.request_dialog import RequestDialog
from bk_desktop.ui.student_dialog import StudentDialog
from bk_desktop.ui.tabs.screening_tab import ScreeningTab

from conftest import Gui, ScriptedPrompter
from support import add_request


def values(root: QWidget) -> dict[str, object]:
    return {name: value_of(w) for name, w in inputs_under([root]).items()}


def a_form(qtbot) -> tuple[QWidget, FieldForm]:
    page = QWidget()
    qtbot.addWidget(page)
    form = FieldForm()
    form.add("Nama", named(QLineEdit(), "name", "Nama"), keys=("name",))
    form.add("Tanggal", named(QDateEdit(QDate(2026, 7, 13)), "day", "Tanggal"))
    form.add("Jumlah", named(QSpinBox(), "count", "Jumlah"))
    form.add("Kata sandi", password_edit("password", "Kata sandi"))
    page.setLayout(form)
    return page, form


def test_an_untouched_form_is_clean_and_its_draft_empty(qtbot) -> None:
    _page, form = a_form(qtbot)
    assert not form.is_dirty()
    assert form.draft() == {}


def test_a_form_is_dirty_until_it_is_saved_and_clean_again_when_put_back(qtbot) -> None:
    page, form = a_form(qtbot)
    name = page.findChild(QLineEdit, "name")
    name.setText("Ayu")
    assert form.is_dirty() and form.draft() == {"name": "Ayu"}
    name.setText("")
    assert not form.is_dirty()
    name.setText("Ayu")
    form.mark_clean()  # saved
    assert not form.is_dirty()
    page.findChild(QSpinBox, "count").setValue(3)
    assert form.draft() == {"count": 3}


def test_a_password_never_enters_a_draft(qtbot) -> None:
    page, form = a_form(qtbot)
    password = page.findChild(QLineEdit, "password")
    password.setText("rahasia sekali")
    password.setEchoMode(QLineEdit.EchoMode.Normal)  # "Tampilkan kata sandi"
    assert "password" not in form.draft() and not form.is_dirty()


def test_a_form_draft_goes_into_a_fresh_form(qtbot) -> None:
    page, form = a_form(qtbot)
    page.findChild(QLineEdit, "name").setText("Budi")
    page.findChild(QDateEdit, "day").setDate(QDate(2026, 8, 17))
    draft = json.loads(json.dumps(form.draft()))
    fresh_page, fresh = a_form(qtbot)
    fresh.restore_draft(draft)
    assert values(fresh_page) == values(page)
    assert fresh.is_dirty()


def test_student_dialog_draft_round_trip(qtbot, gui: Gui, workspace: Workspace) -> None:
    service = StudentService(workspace)
    prompter = ScriptedPrompter()
    dialog = StudentDialog(service, prompter)
    qtbot.addWidget(dialog)
    assert not dialog.form_state.is_dirty() and dialog.form_state.draft() == {}
    gui.type_into(dialog, "studentDialogName", "Fajar Nugraha")
    gui.type_into(dialog, "studentDialogNis", "1004")
    gui.type_into(dialog, "studentDialogNisn", "0061234567")
    assert dialog.form_state.is_dirty()
    draft = json.loads(json.dumps(dialog.form_state.draft()))

    fresh = StudentDialog(service, prompter)
    qtbot.addWidget(fresh)
    fresh.form_state.restore_draft(draft)
    assert values(fresh) == values(dialog)
    prompter.confirms.extend([True, True])  # both hold unsaved input when the test closes them


def test_request_dialog_draft_round_trip(qtbot, gui: Gui, context: UiContext) -> None:
    dialog = RequestDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.form_state.draft() == {}
    gui.pick(dialog, "requestSource", RequestSource.WALI_KELAS)
    gui.type_into(dialog, "requestReferrerName", "Drs. Hendra Saputra")
    gui.type_into(dialog, "requestReferrerRole", "Wali kelas XI IPS 2")
    gui.pick(dialog, "requestUrgency", Urgency.SEGERA)
    draft = json.loads(json.dumps(dialog.form_state.draft()))
    assert draft["requestSource"] == RequestSource.WALI_KELAS.value

    fresh = RequestDialog(context)
    qtbot.addWidget(fresh)
    fresh.form_state.restore_draft(draft)
    assert values(fresh) == values(dialog)


def test_a_request_draft_keeps_the_chosen_student(qtbot, gui: Gui, context: UiContext) -> None:
    year: AcademicYear = TermService(context.workspace).current().year
    students = StudentService(context.workspace)
    students.create(StudentDraft(name="Budi Santoso", placements=(ClassPlacement(year, "X-1"),)))
    ayu = students.create(
        StudentDraft(name="Ayu Lestari", placements=(ClassPlacement(year, "X-2"),))
    )
    dialog = RequestDialog(context)
    qtbot.addWidget(dialog)
    gui.type_into(dialog, "requestStudentSearch", "Ayu")
    qtbot.waitUntil(lambda: dialog.picker.model.rowCount() == 1)
    dialog.picker.results.selectRow(0)
    assert dialog.picker.student_id == ayu
    draft = json.loads(json.dumps(dialog.form_state.draft()))
    assert draft["requestStudentId"] == ayu

    fresh = RequestDialog(context)
    qtbot.addWidget(fresh)
    fresh.form_state.restore_draft(draft)
    assert fresh.picker.student_id == ayu
    assert gui.text(fresh, "requestStudentChosen") == gui.text(dialog, "requestStudentChosen")
    assert "Ayu Lestari" in gui.text(fresh, "requestStudentChosen")
    assert fresh.form_state.draft() == draft

    gone = RequestDialog(context)
    qtbot.addWidget(gone)
    gone.form_state.restore_draft({"requestStudentId": 9999})  # no such student (any more)
    assert gone.picker.student_id is None


def test_closing_an_untouched_student_dialog_asks_nothing(
    qtbot, gui: Gui, workspace: Workspace
) -> None:
    service = StudentService(workspace)
    student_id = service.create(StudentDraft(name="Ayu Lestari"))
    prompter = ScriptedPrompter()
    dialog = StudentDialog(service, prompter, student_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ask_to_close()  # loaded, not changed: the dialog's one clean point says so
    assert prompter.calls == [] and not dialog.isVisible()
    dialog = StudentDialog(service, prompter, student_id)
    qtbot.addWidget(dialog)
    dialog.show()
    gui.type_into(dialog, "studentDialogNis", "1004")
    prompter.confirms.append(False)
    dialog.ask_to_close()
    assert [c[0] for c in prompter.calls] == ["confirm"] and dialog.isVisible()
    prompter.confirms.append(True)  # it still holds unsaved input when the test closes it


def test_screening_form_draft_round_trip(qtbot, gui: Gui, context: UiContext) -> None:
    add_request(context.workspace)

    def shown_tab() -> ScreeningTab:
        tab = ScreeningTab(context)
        qtbot.addWidget(tab)
        tab.show()
        qtbot.waitExposed(tab)
        return tab

    tab = shown_tab()
    form = tab.form
    assert not form.is_dirty() and form.state.draft() == {}
    form.symptoms.setPlainText("Terlambat tiga kali seminggu.")
    form.bidang[next(iter(form.bidang))].setChecked(True)
    gui.pick(tab, "screeningRisk", RiskLevel.SEDANG)
    assert form.is_dirty()
    draft = json.loads(json.dumps(form.state.draft()))

    fresh = shown_tab()
    fresh.form.state.restore_draft(draft)
    assert values(fresh.form) == values(form)
    assert fresh.form.is_dirty()
