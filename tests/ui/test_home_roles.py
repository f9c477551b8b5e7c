"""Beranda per role: the kepala sekolah reads counts only (queue counts, the month, the
workload, the backup), the koordinator reads everyone's workload under their own day, a guru BK
exactly their own day. Accounts are real accounts of the fixture's vault."""

from __future__ import annotations

from datetime import timedelta

import pytest
from test_home_tab import add_request, add_student, screen_for_counselling

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView, QWidget

from bk_desktop.domain.accounts import Account, Role
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.requests import Assent, Urgency
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.requests import RequestService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.tabs.home_tab import HomeTab
from bk_desktop.ui.tabs.home_workload import WorkloadColumn

from conftest import ScriptedPrompter, texts_in
from support import hold_session, school_slot

OTHER_PASSWORD = "Teh-Manis-Samarinda-2026"
NAMES = ("Ayu Lestari", "Budi Santoso", "Citra Dewi")


def add_account(workspace: Workspace, kdf: KdfChooser, name: str, role: Role) -> Account:
    return AccountService(workspace, kdf).add(
        name=name, role=role, password=OTHER_PASSWORD, password_repeat=OTHER_PASSWORD
    )


@pytest.fixture
def busy_school(workspace: Workspace, clock: FixedClock) -> None:
    """A darurat permohonan waiting (Ayu), a case with a session held (Budi) and a session
    planned for Senin 10.30 (Citra): each shows a name or initials on a counsellor's Beranda."""
    add_request(workspace, add_student(workspace, NAMES[0]), Urgency.DARURAT)
    planned = []
    slots = (timedelta(hours=1), timedelta(days=1, hours=2))
    for name, after in zip(NAMES[1:], slots, strict=True):
        request_id = add_request(workspace, add_student(workspace, name))
        RequestService(workspace).set_assent(request_id, Assent.BERSEDIA)
        screen_for_counselling(workspace, request_id)
        RequestService(workspace).agree_schedule(request_id, school_slot(workspace, after))
        planned.append(request_id)
    hold_session(workspace, clock, planned[0])


def home_as(qtbot, workspace: Workspace, account: Account, kdf, prompter) -> HomeTab:
    signed_in = Workspace(workspace.vault, account, workspace.clock)
    home = HomeTab(UiContext(signed_in, kdf, prompter))
    qtbot.addWidget(home)
    home.resize(1366, 768)
    home.show()
    qtbot.waitExposed(home)
    return home


def workload_rows(home: HomeTab) -> list[list[str]]:
    table = home.findChild(QTableView, "homeWorkloadTable")
    assert table is not None and table.isVisibleTo(home)
    model = table.model()
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_the_kepala_sekolahs_beranda_shows_counts_and_workload_and_no_student(
    qtbot,
    workspace: Workspace,
    kdf: KdfChooser,
    prompter: ScriptedPrompter,
    busy_school: None,
) -> None:
    add_account(workspace, kdf, "Rahmat Hidayat", Role.GURU_BK)
    principal = add_account(workspace, kdf, "Drs. Hendra Wijaya", Role.KEPALA_SEKOLAH)
    home = home_as(qtbot, workspace, principal, kdf, prompter)

    shown = " ".join(text for _, text in texts_in(home))
    for name in NAMES:
        for part in name.split():
            assert part not in shown
    for initials in ("A.L.", "B.S.", "C.D."):
        assert initials not in shown
    for absent in ("homeQueue", "homeSessionsTable", "homeToRecordTable", "homeEmergencyButton"):
        assert home.findChild(QWidget, absent) is None

    def value(name: str) -> str:
        label = home.findChild(QLabel, name)
        assert label is not None and label.isVisibleTo(home)
        return label.text()

    assert value("homeCountDaruratValue") == "1"
    assert value("homeMonthReceivedValue") == "3"
    assert value("homeMonthHeldValue") == "1"
    assert value("homeMonthOpenedValue") == "1"
    vault = home.findChild(QWidget, "homeVaultTiles")
    assert vault is not None and vault.isVisibleTo(home)
    rows = workload_rows(home)
    assert [row[WorkloadColumn.COUNSELLOR] for row in rows] == [
        "Rahmat Hidayat",
        "Sari Wulandari",
    ]
    sari = rows[1]
    assert (sari[WorkloadColumn.OPEN_CASES], sari[WorkloadColumn.SESSIONS_WEEK]) == ("1", "1")


def test_the_koordinator_sees_the_workload_under_their_own_day(
    qtbot, workspace: Workspace, kdf: KdfChooser, prompter: ScriptedPrompter, busy_school: None
) -> None:
    home = home_as(qtbot, workspace, workspace.account, kdf, prompter)
    assert home.findChild(QTableView, "homeQueue") is not None
    assert home.findChild(QTableView, "homeSessionsTable") is not None
    (row,) = workload_rows(home)
    assert row[WorkloadColumn.COUNSELLOR] == "Sari Wulandari"


def test_a_guru_bk_sees_their_own_day_and_no_workload(
    qtbot, workspace: Workspace, kdf: KdfChooser, prompter: ScriptedPrompter, busy_school: None
) -> None:
    rahmat = add_account(workspace, kdf, "Rahmat Hidayat", Role.GURU_BK)
    home = home_as(qtbot, workspace, rahmat, kdf, prompter)
    assert home.findChild(QWidget, "homeWorkload") is None
    assert home.findChild(QTableView, "homeQueue") is not None
    assert home.findChild(QLabel, "homeShareValue") is not None
    assert "Beban kerja" not in " ".join(text for _, text in texts_in(home))


def test_a_late_count_is_marked_by_word_and_icon_not_colour_alone(
    qtbot,
    workspace: Workspace,
    clock: FixedClock,
    kdf: KdfChooser,
    prompter: ScriptedPrompter,
    busy_school: None,
) -> None:
    clock.advance(days=2)  # Citra's session passed unrecorded
    home = home_as(qtbot, workspace, workspace.account, kdf, prompter)
    table = home.findChild(QTableView, "homeWorkloadTable")
    assert table is not None
    model = table.model()
    late = model.index(0, WorkloadColumn.TO_RECORD)
    assert late.data() == "1"
    assert late.data(Qt.ItemDataRole.AccessibleTextRole) == "1, terlambat"
    assert late.data(Qt.ItemDataRole.DecorationRole) is not None  # the cross
    calm = model.index(0, WorkloadColumn.FOLLOW_UPS)
    assert calm.data() == "0" and calm.data(Qt.ItemDataRole.DecorationRole) is None
