"""Konseling and Jadwal when a case is another counsellor's (issue 14), driven like a user
over a real vault: Budi (guru BK) owns the cases, the fixture's koordinator looks at them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from test_counselling_tab import (
    build_tab,
    counselling_on_sundays,  # noqa: F401 (autouse)
    scheduled,
)

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.counselling import CaseDraft, Confidentiality, SessionReport
from bk_desktop.domain.screening import Bidang
from bk_desktop.domain.sight import Sight
from bk_desktop.domain.visibility import redact_session
from bk_desktop.services.calendar import CalendarService
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.tabs.counselling_tab import CounsellingTab
from bk_desktop.ui.tabs.schedule_week import BlockKind, WeekGrid

from conftest import Gui, ScriptedPrompter
from support import PASSWORD

SECRET_STUDY = "Orang tua baru bercerai."
SECRET_NOTE = "Bercerita tentang rumah."


@pytest.fixture
def budi(workspace: Workspace, context: UiContext) -> Workspace:
    """Budi Hartono, a guru BK signed in over the same vault and clock."""
    account = context.accounts.add(
        name="Budi Hartono", role=Role.GURU_BK, password=PASSWORD, password_repeat=PASSWORD
    )
    return Workspace(workspace.vault, account, workspace.clock)


def budis_case(
    budi: Workspace, name: str, level: Confidentiality = Confidentiality.BIASA
) -> tuple[int, int]:
    """A case Budi held a session of, with a studi kasus and a note; (case id, session id)."""
    request_id = scheduled(budi, name)
    service = CounsellingService(budi)
    planned = service.next_planned(request_id)
    assert planned is not None
    case_id = service.record_session(
        planned.id,
        SessionReport(
            actual_start=planned.planned_start,
            actual_end=planned.planned_end,
            notes=SECRET_NOTE,
        ),
    )
    service.update_case(
        case_id,
        CaseDraft(
            bidang=frozenset({Bidang.PRIBADI}),
            confidentiality=level,
            identification=SECRET_STUDY,
        ),
    )
    return case_id, planned.id


def notes_shown(workspace: Workspace) -> list[tuple[str, str]]:
    return [
        (e.target_kind, e.target_id)
        for e in audit_repo.recent(workspace.db)
        if e.kind == AuditKind.NOTES_SHOWN.value
    ]


def button(tab: CounsellingTab, name: str) -> QPushButton:
    found = tab.findChild(QPushButton, name)
    assert found is not None, name
    return found


def showing(tab: CounsellingTab, name: str) -> bool:
    widget = tab.findChild(QLabel, name) or tab.findChild(QPushButton, name)
    assert widget is not None, name
    return widget.isVisibleTo(tab)


def test_another_counsellors_notes_open_only_on_tampilkan_catatan_once_audited(
    qtbot, gui: Gui, workspace: Workspace, budi: Workspace, context: UiContext, as_showing_tab
) -> None:
    case_id, _ = budis_case(budi, "Ayu Lestari")
    other_id, _ = budis_case(budi, "Citra Dewi")
    tab = build_tab(qtbot, context, as_showing_tab)
    row = tab.model.row_of(case_id)
    assert tab.model.index(row, 1).data() == "Ayu Lestari"  # the student stays known
    assert "catatan tertutup" in tab.model.index(row, 7).data()
    assert "Budi Hartono" in tab.model.index(row, 0).data(
        Qt.ItemDataRole.ToolTipRole
    )  # the row's tooltip

    assert tab.select_case(case_id)
    assert gui.text(tab, "caseSightText") == (
        "Kasus ini ditangani Budi Hartono. Catatannya tidak ditampilkan."
    )
    assert showing(tab, "caseAuditedText")  # said before the press, not only in a tooltip
    assert "log audit" in button(tab, "caseShowNotesButton").toolTip()
    study = gui.child(tab, QPlainTextEdit, "caseIdentification")
    assert not tab.case_view.study_group.isVisibleTo(tab) and study.toPlainText() == ""
    # No editing control for a case that is not mine; the reason is said in words.
    for name in (
        "casePlanButton",
        "caseCloseButton",
        "caseSaveStudyButton",
        "caseActionDoneButton",
        "caseAddFollowUpButton",
        "caseCancelSessionButton",
    ):
        assert not button(tab, name).isVisibleTo(tab), name
    assert "Hanya Budi Hartono yang dapat mengubah kasus ini" in gui.shown_text(
        tab, "caseReadOnlyText"
    )
    assert notes_shown(workspace) == []

    gui.click(tab, "caseShowNotesButton")
    assert study.toPlainText() == SECRET_STUDY and study.isReadOnly()
    assert tab.case_view.study_group.isVisibleTo(tab)
    assert "sudah dicatat di log audit" in gui.text(tab, "caseSightText")
    assert not button(tab, "caseSaveStudyButton").isVisibleTo(tab)
    assert notes_shown(workspace) == [("case", str(case_id))]

    # A re-read after a change notice keeps the opened notes without opening them again.
    tab.refresh()
    assert study.toPlainText() == SECRET_STUDY
    assert len(notes_shown(workspace)) == 1
    # Another case, then back: a new opening, which asks again.
    assert tab.select_case(other_id)
    assert tab.select_case(case_id)
    assert study.toPlainText() == "" and showing(tab, "caseShowNotesButton")
    assert len(notes_shown(workspace)) == 1


def test_a_sangat_rahasia_case_of_another_shows_only_ada_kasus(
    qtbot, gui: Gui, workspace: Workspace, budi: Workspace, context: UiContext, as_showing_tab
) -> None:
    case_id, session_id = budis_case(budi, "Ayu Lestari", Confidentiality.SANGAT_RAHASIA)
    tab = build_tab(qtbot, context, as_showing_tab)
    row = tab.model.row_of(case_id)
    assert tab.model.index(row, 7).data() == "Ada kasus (sangat rahasia)"
    assert tab.model.index(row, 8).data() == "Budi Hartono"
    assert tab.model.index(row, 1).data() == "Ayu Lestari"

    assert tab.select_case(case_id)
    assert gui.text(tab, "caseSightText") == (
        "Ada kasus — ditangani Budi Hartono. Kasus sangat rahasia; detailnya hanya untuk guru "
        "BK yang menanganinya."
    )
    view = tab.case_view
    for group in (
        view.sessions_group,
        view.study_group,
        view.actions_group,
        view.follow_ups_group,
        view.requests_group,
    ):
        assert not group.isVisibleTo(tab)
    assert not showing(tab, "caseShowNotesButton")
    assert "pribadi" not in gui.text(tab, "caseMeta").lower()

    # Its session (Jadwal's double click lands here) shows when, not who or what.
    assert tab.open_session(session_id)
    assert gui.text(tab, "sessionTitle") == "Sesi (sangat rahasia) — Budi Hartono"
    assert not tab.session_form.times_group.isVisibleTo(tab)
    assert not tab.session_form.editable
    assert not showing(tab, "sessionShowNotesButton")
    assert notes_shown(workspace) == []


def test_another_counsellors_session_reads_only_after_tampilkan_catatan(
    qtbot, gui: Gui, workspace: Workspace, budi: Workspace, context: UiContext, as_showing_tab
) -> None:
    _, session_id = budis_case(budi, "Ayu Lestari")
    tab = build_tab(qtbot, context, as_showing_tab)
    assert tab.open_session(session_id)
    form = tab.session_form
    notes = gui.child(tab, QPlainTextEdit, "sessionNotes")
    assert gui.text(tab, "sessionSightText") == (
        "Sesi ini ditangani Budi Hartono. Catatannya tidak ditampilkan."
    )
    assert not notes.isVisibleTo(tab) and notes.toPlainText() == ""
    assert not form.editable
    assert not form.save_button.isVisibleTo(tab.session_page)
    assert "Hanya Budi Hartono yang dapat mencatat" in gui.shown_text(tab, "sessionReadOnlyText")

    gui.click(tab, "sessionShowNotesButton")
    assert notes.isVisibleTo(tab) and notes.toPlainText() == SECRET_NOTE and notes.isReadOnly()
    assert not form.editable
    assert notes_shown(workspace) == [("session", str(session_id))]
    tab.refresh()
    assert notes.toPlainText() == SECRET_NOTE and len(notes_shown(workspace)) == 1


def test_the_owner_sees_no_banner_and_a_guru_bk_cannot_reassign(
    qtbot, gui: Gui, budi: Workspace, prompter: ScriptedPrompter, kdf, as_showing_tab
) -> None:
    case_id, _ = budis_case(budi, "Ayu Lestari")
    tab = build_tab(qtbot, UiContext(budi, kdf, prompter), as_showing_tab)
    assert tab.select_case(case_id)
    assert not tab.case_view.banner.isVisibleTo(tab)
    assert button(tab, "casePlanButton").isVisibleTo(tab)
    assert gui.child(tab, QPlainTextEdit, "caseIdentification").toPlainText() == SECRET_STUDY
    assert not button(tab, "caseReassignButton").isVisibleTo(tab)


def test_the_koordinator_hands_a_case_to_another_counsellor(
    qtbot,
    gui: Gui,
    workspace: Workspace,
    budi: Workspace,
    context: UiContext,
    prompter: ScriptedPrompter,
    as_showing_tab,
) -> None:
    dedi = context.accounts.add(
        name="Dedi Kurniawan", role=Role.GURU_BK, password=PASSWORD, password_repeat=PASSWORD
    )
    case_id, _ = budis_case(budi, "Ayu Lestari")
    tab = build_tab(qtbot, context, as_showing_tab)
    assert tab.select_case(case_id)
    # The chooser offers the active counsellors but Budi, in the account list's order.
    offered = [
        a.name
        for a in context.accounts.list()
        if a.active and a.role.is_counsellor and a.name != "Budi Hartono"
    ]
    prompter.choices.append(offered.index(dedi.name))
    gui.click(tab, "caseReassignButton")
    [(_, title, text)] = [c for c in prompter.calls if c[0] == "choose"]
    assert title == "Alihkan kasus" and "Budi Hartono" in text
    row = tab.model.row_of(case_id)
    assert tab.model.index(row, 8).data() == "Dedi Kurniawan"
    assert "kini ditangani Dedi Kurniawan" in gui.text(tab, "counsellingMessage")
    assert "ditangani Dedi Kurniawan" in gui.text(tab, "caseSightText")
    assert CounsellingService(budi).cases()[0].sight is Sight.NOTES_WITHHELD


def test_a_hidden_session_block_names_no_student_and_does_not_move(
    qtbot, workspace: Workspace, budi: Workspace
) -> None:
    _, session_id = budis_case(budi, "Ayu Lestari", Confidentiality.SANGAT_RAHASIA)
    session = CounsellingService(budi).session(session_id).record
    week = CalendarService(workspace).week(session.planned_start.date(), counsellor_id=None)
    # What CalendarService hands back once it redacts like CounsellingService does.
    redacted = replace(
        week,
        sessions=[
            redact_session(s, Sight.EXISTS_ONLY) if s.id == session_id else s for s in week.sessions
        ],
    )
    grid = WeekGrid()
    qtbot.addWidget(grid)
    grid.resize(900, 700)
    grid.show_week(redacted, workspace.now(), workspace.viewer)
    [block] = [b for b in grid.blocks if b.kind is BlockKind.SESSION]
    assert block.title == "Sesi (sangat rahasia)"
    assert block.accessible.startswith("Sesi (sangat rahasia) — Budi Hartono, ")
    assert not block.movable
    grid.show()
    qtbot.waitExposed(grid)
    grid.repaint()
    assert "A.L." not in " ".join(grid.painted)
    grid.put_cursor_at(session.planned_start + timedelta(minutes=15))  # inside the block
    names = [a.objectName() for a in grid.menu_at_cursor().actions()]
    assert "scheduleOpenSession" in names and "scheduleCancelSession" not in names
