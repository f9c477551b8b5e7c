"""The standard's first steps end to end, in the main window, the way a guru BK works.

A wali kelas refers an enrolled student (Pengajuan), the guru BK screens the request and
decides on individual counselling (Penyaringan), Beranda shows it waiting for a schedule with
its 1×24 h clock, the student's assent is recorded and a time agreed (Pengajuan), and Beranda
has nothing left waiting. Everything is typed and clicked; only the student is registered
through the service, as an import would.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from bk_desktop.domain.requests import Assent, RequestSource, RequestStatus, Urgency
from bk_desktop.domain.screening import RiskLevel, ServiceKind
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.requests import RequestService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.main_window import HOME_TAB, REQUESTS_TAB, SCREENING_TAB, MainWindow
from bk_desktop.ui.request_table import RequestTableModel
from bk_desktop.ui.school_time import wall_clock
from bk_desktop.ui.tab_table import TabKey, index_of
from bk_desktop.ui.tabs.schedule_tab import ScheduleTab

from conftest import Gui, ScriptedPrompter
from support import school_slot


def type_text(qtbot, parent: QWidget, name: str, text: str) -> None:
    box = parent.findChild(QPlainTextEdit, name)
    assert box is not None, name
    qtbot.keyClicks(box, text)


def tick(qtbot, parent: QWidget, name: str) -> None:
    box = parent.findChild(QCheckBox, name)
    assert box is not None, name
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())


def click_row_of(qtbot, view: QTableView, request_id: int) -> None:
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(RequestTableModel.ID_ROLE) == request_id:
            view.scrollTo(index)
            qtbot.mouseClick(
                view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
            )
            return
    raise AssertionError(f"request {request_id} is not listed")


def home_rows(window: MainWindow) -> list[list[str]]:
    view = window.findChild(QTableView, "homeQueue")
    model = view.model()
    return [
        [str(model.index(r, c).data() or "") for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def open_dialog(qtbot, gui: Gui, tab: QWidget, button: str) -> QDialog:
    gui.click(tab, button)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible())  # type: ignore[attr-defined]
    return tab.dialog  # type: ignore[attr-defined, no-any-return]


def test_a_referral_is_screened_scheduled_and_leaves_beranda(
    qtbot, gui: Gui, window: MainWindow, workspace: Workspace, prompter: ScriptedPrompter
) -> None:
    year = TermService(workspace).current().year
    StudentService(workspace).create(
        StudentDraft(name="Ayu Lestari", placements=(ClassPlacement(year, "XI IPS 2"),))
    )

    # Pengajuan: the wali kelas's referral, received now.
    requests_tab = gui.open_tab(window, REQUESTS_TAB)
    dialog = open_dialog(qtbot, gui, requests_tab, "requestNewButton")
    gui.type_into(dialog, "requestStudentSearch", "ayu")
    results = dialog.findChild(QTableView, "requestStudentResults")
    qtbot.waitUntil(lambda: results.model().rowCount() == 1)
    index = results.model().index(0, 0)
    qtbot.mouseClick(
        results.viewport(), Qt.MouseButton.LeftButton, pos=results.visualRect(index).center()
    )
    gui.pick(dialog, "requestSource", RequestSource.WALI_KELAS)
    gui.type_into(dialog, "requestReferrerName", "Drs. Hendra Saputra")
    gui.type_into(dialog, "requestReferrerRole", "Wali kelas XI IPS 2")
    type_text(qtbot, dialog, "requestReason", "Tiga hari tidak masuk tanpa keterangan.")
    gui.pick(dialog, "requestUrgency", Urgency.BIASA)
    gui.click(dialog, "requestSaveButton")
    qtbot.waitUntil(lambda: requests_tab.dialog is None)  # type: ignore[attr-defined]
    [item] = RequestService(workspace).list()
    request_id = item.id
    assert item.record.status is RequestStatus.DITERIMA

    # Beranda: waiting for screening, with 24 hours on the clock.
    gui.open_tab(window, HOME_TAB)
    [row] = home_rows(window)
    assert "Ayu Lestari" in row
    assert "Menunggu penyaringan" in row
    assert "Sisa 1 hari" in row, row  # exactly 1×24 h left

    # Penyaringan: asesmen awal and the decision.
    screening_tab = gui.open_tab(window, SCREENING_TAB)
    click_row_of(qtbot, screening_tab.findChild(QTableView, "screeningQueue"), request_id)
    tick(qtbot, screening_tab, "screeningBidangBelajar")
    type_text(qtbot, screening_tab, "screeningSymptoms", "Tidak masuk tiga hari berturut-turut.")
    gui.pick(screening_tab, "screeningRisk", RiskLevel.SEDANG)
    gui.pick(screening_tab, "screeningDecision", ServiceKind.KONSELING_INDIVIDUAL)
    type_text(qtbot, screening_tab, "screeningReason", "Perlu dibicarakan empat mata.")
    gui.click(screening_tab, "screeningSaveButton")
    qtbot.waitUntil(
        lambda: RequestService(workspace).get(request_id).status is RequestStatus.MENUNGGU_JADWAL
    )

    # Beranda follows: now waiting for a schedule.
    gui.open_tab(window, HOME_TAB)
    [row] = home_rows(window)
    assert "Menunggu jadwal" in row

    # Pengajuan: the student is willing, and a time is agreed within 1×24 h.
    requests_tab = gui.open_tab(window, REQUESTS_TAB)
    gui.click(requests_tab, "requestFilterAll")
    click_row_of(qtbot, requests_tab.findChild(QTableView, "requestTable"), request_id)
    dialog = open_dialog(qtbot, gui, requests_tab, "assentButton")
    gui.pick(dialog, "assentCombo", Assent.BERSEDIA)
    gui.click(dialog, "assentSaveButton")
    qtbot.waitUntil(lambda: requests_tab.dialog is None)  # type: ignore[attr-defined]
    # "Sepakati jadwal…" leads to Jadwal, at this permohonan; the slot is chosen on the week.
    gui.click(requests_tab, "agreeScheduleButton")
    schedule_tab = window.tab(index_of(TabKey.SCHEDULE))
    assert isinstance(schedule_tab, ScheduleTab)
    assert schedule_tab.selected_request_id == request_id
    session_at = school_slot(workspace, timedelta(hours=2))
    schedule_tab.jump.setDate(wall_clock(session_at, workspace.settings().zone).date())
    schedule_tab.grid.put_cursor_at(session_at)
    qtbot.keyClick(schedule_tab.grid, Qt.Key.Key_Return)
    dialog = schedule_tab.dialog
    assert dialog is not None
    gui.click(dialog, "agreeScheduleSaveButton")
    qtbot.waitUntil(lambda: schedule_tab.dialog is None)

    record = RequestService(workspace).get(request_id)
    assert record.status is RequestStatus.TERJADWAL
    assert record.deadline_met is True
    assert prompter.errors == []

    # Beranda: nothing waits any more, and it says what to do next.
    gui.open_tab(window, HOME_TAB)
    assert home_rows(window) == []
