"""Beranda's data-protection card: a withdrawal that leaves work open is a row (initials and
class, the day, what is still open), never a name or a reason; a row opens Siswa at that
student; an empty card says so; the kepala sekolah has no card. Real vault, real services."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QLabel, QTableView

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.consents import ConsentAct, ConsentChannel, ConsentForm
from bk_desktop.domain.data_requests import DataRequestForm, DataRight, Requester
from bk_desktop.domain.dates import format_date
from bk_desktop.domain.incidents import DataKind, IncidentForm, IncidentKind
from bk_desktop.domain.students import GuardianRelation
from bk_desktop.services.consents import ConsentService
from bk_desktop.services.data_requests import DataRequestService
from bk_desktop.services.incidents import IncidentService
from bk_desktop.services.privacy_tasks import (
    PrivacyTaskService,
    TaskKind,
    TaskState,
    countdown,
)
from bk_desktop.services.requests import RequestService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.main_window import MainWindow
from bk_desktop.ui.tab_table import TabKey, index_of
from bk_desktop.ui.tabs.admin.admin_tab import AdminTab
from bk_desktop.ui.tabs.admin.incidents_page import IncidentsPage
from bk_desktop.ui.tabs.home_tab import HomeTab
from bk_desktop.ui.tabs.students_tab import StudentsTab
from services.test_counselling import scheduled

from conftest import Gui, ScriptedPrompter, model_texts
from support import counselled, signed_in_as

REASON = "Ingin menangani sendiri di rumah."


def today(workspace: Workspace) -> date:
    return workspace.now().astimezone(workspace.settings().zone).date()


def withdraw(workspace: Workspace, student_id: int) -> None:
    consents = ConsentService(workspace)
    day = today(workspace)
    for act, channel in (
        (ConsentAct.GIVEN, ConsentChannel.KERTAS),
        (ConsentAct.WITHDRAWN, ConsentChannel.LISAN),
    ):
        consents.record(
            student_id,
            ConsentForm(
                act,
                "Siti Aminah",
                GuardianRelation.IBU,
                day,
                channel,
                text_version=1 if act is ConsentAct.GIVEN else None,
                reason=REASON if act is ConsentAct.WITHDRAWN else "",
            ),
        )


def withdrawn_with_a_session_planned(workspace: Workspace) -> int:
    """A student with a session planned whose consent was then withdrawn; their id."""
    student_id = RequestService(workspace).get(scheduled(workspace)).student_id
    withdraw(workspace, student_id)
    return student_id


def beranda(qtbot, workspace: Workspace, kdf, prompter: ScriptedPrompter) -> HomeTab:
    home = HomeTab(UiContext(workspace, kdf, prompter))
    qtbot.addWidget(home)
    home.resize(1366, 900)
    home.show()
    qtbot.waitExposed(home)
    return home


def test_a_withdrawal_leaving_work_open_is_a_row_with_initials_class_and_what_is_open(
    qtbot, workspace: Workspace, kdf, prompter: ScriptedPrompter
) -> None:
    withdrawn_with_a_session_planned(workspace)
    home = beranda(qtbot, workspace, kdf, prompter)
    table = home.findChild(QTableView, "homePrivacyTable")
    assert table is not None and table.isVisibleTo(home)
    model = table.model()
    assert [model.index(0, column).data() for column in range(4)] == [
        "Penarikan persetujuan",
        "A.L. · X MIPA 1",
        f"Ditarik {format_date(today(workspace))}",
        "1 sesi terjadwal · 0 kasus terbuka",
    ]
    shown = " ".join(model_texts(model))  # tooltips and spoken text included
    assert "Siti" not in shown and "Lestari" not in shown and REASON not in shown


def test_an_empty_card_says_there_is_nothing_to_do(
    qtbot, workspace: Workspace, kdf, prompter: ScriptedPrompter
) -> None:
    home = beranda(qtbot, workspace, kdf, prompter)
    empty = home.findChild(QLabel, "homePrivacyEmpty")
    assert empty is not None and empty.isVisibleTo(home)
    assert empty.text() == "Tidak ada tugas pelindungan data."


def test_the_kepala_sekolah_has_no_privacy_card(
    qtbot, workspace: Workspace, kdf, prompter: ScriptedPrompter
) -> None:
    withdrawn_with_a_session_planned(workspace)
    principal = signed_in_as(workspace, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)
    home = beranda(qtbot, principal, kdf, prompter)
    assert home.privacy is None
    assert home.findChild(QTableView, "homePrivacyTable") is None


def test_a_row_opens_the_student_in_siswa(qtbot, gui: Gui, window: MainWindow) -> None:
    student_id = withdrawn_with_a_session_planned(window.workspace)
    home = gui.open_tab(window, index_of(TabKey.HOME))
    table = home.findChild(QTableView, "homePrivacyTable")
    assert table is not None and table.model().rowCount() == 1
    table.selectRow(0)
    table.activated.emit(table.model().index(0, 0))
    tab = window.tab_of(StudentsTab)
    assert tab is not None and window.tabs is not None
    assert window.tabs.currentIndex() == index_of(TabKey.STUDENTS)
    assert tab.selected_id() == student_id


def test_a_countdown_says_its_state_in_words_for_the_rows_still_to_come(
    workspace: Workspace,
) -> None:
    """Data requests and incidents count down with a 3×24 h clock through this helper."""
    now = workspace.now()
    assert countdown(now + timedelta(days=2, hours=4), now) == (
        "Sisa 2 hari 4 jam",
        TaskState.BIASA,
    )
    assert countdown(now + timedelta(hours=5), now)[1] is TaskState.SEGERA
    assert countdown(now - timedelta(hours=3), now) == ("Terlambat 3 jam", TaskState.TERLAMBAT)
    assert PrivacyTaskService(workspace).tasks(now) == []  # nothing withdrawn yet
    student_id = withdrawn_with_a_session_planned(workspace)
    [task] = PrivacyTaskService(workspace).tasks(workspace.now())
    assert (task.kind, task.target_id, task.state) == (
        TaskKind.WITHDRAWAL,
        student_id,
        TaskState.BIASA,
    )


def test_a_data_request_and_an_incident_count_down_on_beranda_and_open_in_privasi(
    qtbot, gui: Gui, window: MainWindow
) -> None:
    workspace = window.workspace
    student_id = RequestService(workspace).get(counselled(workspace)).student_id
    asked = DataRequestService(workspace).register(
        DataRequestForm(
            student_id=student_id,
            requester=Requester.SISWA,
            right=DataRight.AKSES,
            text="Saya ingin melihat catatan konseling saya.",
            received_at=workspace.now(),
        )
    )
    lost = IncidentService(workspace).record(
        IncidentForm(
            kind=IncidentKind.CADANGAN_HILANG,
            found_at=workspace.now() - timedelta(minutes=5),
            what_happened="Flashdisk cadangan hilang dari laci ruang BK.",
            data_kinds=frozenset({DataKind.IDENTITAS}),
            reported_by="Guru BK",
            student_count=12,
        )
    )
    home = gui.open_tab(window, index_of(TabKey.HOME))
    table = home.findChild(QTableView, "homePrivacyTable")
    assert table is not None
    model = table.model()
    shown = " ".join(model_texts(model))
    assert asked.number in shown and "Sisa 2 hari 23 jam" in shown
    assert f"Insiden #{lost.id}" in shown and "Ayu" not in shown
    incident_row = next(
        r for r in range(model.rowCount()) if str(model.index(r, 1).data()).startswith("Insiden #")
    )

    table.selectRow(incident_row)
    table.activated.emit(model.index(incident_row, 0))
    settings = window.tab_of(AdminTab)
    assert settings is not None and window.tabs is not None
    assert window.tabs.currentIndex() == index_of(TabKey.SETTINGS)
    page = settings.pages.currentWidget()
    assert isinstance(page, IncidentsPage) and page.current is not None
    assert page.current.id == lost.id
