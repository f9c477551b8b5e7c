"""The one UI kit: one palette, one tile, one empty state, one runner."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

import bk_desktop.ui
from bk_desktop.ui.kit.empty_state import EmptyState
from bk_desktop.ui.kit.palette import ERROR_TEXT
from bk_desktop.ui.kit.runner import ModalRunner, running_tasks
from bk_desktop.ui.kit.tiles import CountTile

UI = Path(bk_desktop.ui.__file__).parent


def test_every_colour_in_the_ui_comes_from_the_palette() -> None:
    hex_colour = re.compile(r"#[0-9a-fA-F]{6}\b")
    stray = [
        f"{path.relative_to(UI)}:{n}"
        for path in UI.rglob("*.py")
        if path.name != "palette.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if hex_colour.search(line)
    ]
    assert stray == []
    assert (UI / "kit" / "palette.py").exists()
    assert not (UI / "tabs" / "settings_widgets.py").exists()


def test_a_count_tile_turns_red_with_an_icon_and_says_its_count(qtbot) -> None:
    tile = CountTile("overdueTile", "Lewat batas", "permohonan", alert_icon="error")
    qtbot.addWidget(tile)
    tile.show_value("3", alert=True)
    assert tile.findChild(QLabel, "overdueValue").text() == "3"
    assert ERROR_TEXT in tile.value.styleSheet()
    assert tile.state_icon.isVisibleTo(tile)
    assert tile.accessibleName() == "Lewat batas: 3"
    tile.show_value("0")
    assert not tile.state_icon.isVisibleTo(tile)


def test_an_empty_state_says_what_to_do_and_offers_the_next_step(qtbot) -> None:
    clicked: list[bool] = []
    state = EmptyState("thingsEmpty", "Belum ada data.", text_name="thingsEmptyText")
    qtbot.addWidget(state)
    button = state.add_button(QPushButton("Tambah"))
    button.clicked.connect(lambda: clicked.append(True))
    state.say("Belum ada siswa. Tambahkan atau impor.", "Kosong")
    state.show()
    assert state.findChild(QLabel, "thingsEmptyText").text().startswith("Belum ada siswa")
    assert state.title.text() == "Kosong"
    button.click()
    assert clicked == [True]


def test_modal_work_is_a_task_the_window_sees(qtbot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    runner = ModalRunner(owner)
    gate = threading.Event()
    done: list[str] = []
    runner.run("Menunggu…", lambda: "selesai" if gate.wait(30) else "", done.append, print)
    assert running_tasks(owner)  # what MainWindow.busy() asks
    gate.set()
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=10_000)
    assert done == ["selesai"] and not running_tasks(owner)
