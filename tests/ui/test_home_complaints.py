"""Beranda's Kotak Saran card: codes, jenis and the 3×24 jam countdown in words and colour,
never the text or the sender; a row opens the entry; the koordinator is told while no kepala
sekolah account exists; the kepala sekolah sees what is routed to them. Real vault, real
service, the fixture's fixed clock moved, never waited for."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QLabel, QTableView

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.complaints import (
    ActionKind,
    Channel,
    ComplaintForm,
    ComplaintRecord,
    ComplaintType,
    SenderKind,
    Subject,
)
from bk_desktop.services.complaints import ComplaintService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.palette import ERROR_TEXT, WARNING_TEXT
from bk_desktop.ui.tabs.home_tab import HomeTab

from conftest import ScriptedPrompter, model_texts
from support import signed_in_as

SECRET = "Kakak kelas meminta uang di parkiran sepeda."


def receive(
    workspace: Workspace,
    kind: ComplaintType,
    hours_ago: float,
    *,
    about: str | None = None,
) -> ComplaintRecord:
    now = workspace.now()
    return ComplaintService(workspace).register(
        ComplaintForm(
            kind=kind,
            channel=Channel.LANGSUNG,
            text=SECRET,
            received_at=now - timedelta(hours=hours_ago),
            sender_kind=SenderKind.ORANG_TUA,
            sender_name="Ibu Sartika",
            subject=Subject.KONSELOR if about else Subject.LAYANAN,
            about_account_id=about,
            backdate_reason="Disampaikan lewat telepon kemarin" if hours_ago else "",
        )
    )


def beranda(qtbot, workspace: Workspace, kdf, prompter: ScriptedPrompter) -> HomeTab:
    home = HomeTab(UiContext(workspace, kdf, prompter))
    qtbot.addWidget(home)
    home.resize(1366, 900)
    home.show()
    qtbot.waitExposed(home)
    return home


def complaint_table(home: HomeTab) -> QTableView:
    table = home.findChild(QTableView, "homeComplaintsTable")
    assert table is not None
    return table


def test_waiting_entries_show_code_jenis_and_countdown_but_no_text_or_sender(
    qtbot, workspace: Workspace, kdf, prompter: ScriptedPrompter, clock: FixedClock
) -> None:
    late = receive(workspace, ComplaintType.PENGADUAN, hours_ago=100)
    soon = receive(workspace, ComplaintType.SARAN, hours_ago=65)
    fresh = receive(workspace, ComplaintType.MASUKAN, hours_ago=0)
    done = receive(workspace, ComplaintType.MASUKAN, hours_ago=0)
    ComplaintService(workspace).add_action(done.id, ActionKind.TINDAKAN, "Sudah dibahas.")
    receive(workspace, ComplaintType.APRESIASI, hours_ago=0)  # no clock: not listed
    home = beranda(qtbot, workspace, kdf, prompter)

    model = complaint_table(home).model()
    rows = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    assert [row[:2] for row in rows] == [
        [late.code, "Pengaduan"],
        [soon.code, "Saran"],
        [fresh.code, "Masukan"],
    ]
    assert rows[0][2].startswith("Terlambat ")
    assert all(row[2].startswith("Sisa ") for row in rows[1:])
    colours = [model.index(r, 2).data(Qt.ItemDataRole.ForegroundRole) for r in range(3)]
    assert isinstance(colours[0], QBrush) and colours[0].color().name() == ERROR_TEXT
    assert isinstance(colours[1], QBrush) and colours[1].color().name() == WARNING_TEXT
    assert colours[2] is None
    shown = " ".join(model_texts(model))
    assert SECRET not in shown and "Sartika" not in shown
    # The overdue tile counts both promises and says which is which.
    tile = home.findChild(QLabel, "homeCountOverdueValue")
    assert tile is not None and tile.text() == "1"
    note = home.findChild(QLabel, "homeCountOverdueNote")
    assert note is not None and note.text() == "permohonan 0 · kotak saran 1"

    with qtbot.waitSignal(home.complaint_opened) as opened:
        table = complaint_table(home)
        table.selectRow(1)
        table.activated.emit(model.index(1, 0))
    assert opened.args == [soon.id]

    # Followed up, it leaves Beranda at the next tick.
    ComplaintService(workspace).add_action(late.id, ActionKind.TINDAKAN, "Orang tua dihubungi.")
    home.tick()
    assert model.rowCount() == 2


def test_an_empty_card_says_nothing_is_waiting(
    qtbot, workspace: Workspace, kdf, prompter: ScriptedPrompter
) -> None:
    home = beranda(qtbot, workspace, kdf, prompter)
    empty = home.findChild(QLabel, "homeComplaintsEmpty")
    assert empty is not None and empty.isVisibleTo(home)
    assert empty.text() == "Tidak ada entri yang menunggu tindak lanjut pertama."


def test_the_koordinator_is_told_to_create_a_principal_account_until_one_exists(
    qtbot, workspace: Workspace, kdf, prompter: ScriptedPrompter
) -> None:
    assert workspace.account.role is Role.KOORDINATOR
    home = beranda(qtbot, workspace, kdf, prompter)
    line = home.findChild(QLabel, "homePrincipalMissing")
    assert line is not None and line.isVisibleTo(home)
    assert line.text().startswith("Belum ada akun kepala sekolah.")
    assert "Pengaturan → Akun guru BK" in line.text()
    with qtbot.waitSignal(home.principal_account_wanted):
        qtbot.mouseClick(home.complaints.accounts_button, Qt.MouseButton.LeftButton)

    signed_in_as(workspace, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)
    home.refresh()
    assert not line.isVisibleTo(home)


def test_a_guru_bk_is_not_shown_the_principal_line(
    qtbot, workspace: Workspace, kdf, prompter: ScriptedPrompter
) -> None:
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    home = beranda(qtbot, guru, kdf, prompter)
    line = home.findChild(QLabel, "homePrincipalMissing")
    assert line is not None and not line.isVisibleTo(home)


def test_the_kepala_sekolah_sees_the_entries_routed_to_them_and_the_counsellor_does_not(
    qtbot, workspace: Workspace, kdf, prompter: ScriptedPrompter
) -> None:
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    principal = signed_in_as(workspace, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)
    routed = receive(workspace, ComplaintType.PENGADUAN, hours_ago=0, about=guru.account.id)
    ordinary = receive(workspace, ComplaintType.SARAN, hours_ago=0)

    def codes(account_workspace: Workspace) -> list[str]:
        home = beranda(qtbot, account_workspace, kdf, prompter)
        model = complaint_table(home).model()
        return [model.index(r, 0).data() for r in range(model.rowCount())]

    assert codes(principal) == [routed.code]
    assert codes(guru) == [ordinary.code]
    assert sorted(codes(workspace)) == sorted([routed.code, ordinary.code])
