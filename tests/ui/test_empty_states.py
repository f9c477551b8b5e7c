"""Every empty list shows its whole sentence (issue 10, item 5).

A word-wrapped label centred in a layout was given the height of one line, so Pengajuan's
empty state was cut after its first line in all three filters. Here every empty list of an
empty vault is shown at the two small screens the program must fit, and each wrapped label
on it must be as tall as its text needs at the width it got.
"""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from bk_desktop.ui.kit.empty_state import EmptyState
from bk_desktop.ui.main_window import (
    HOME_TAB,
    REQUESTS_TAB,
    SCREENING_TAB,
    SETTINGS_TAB,
    STUDENTS_TAB,
    MainWindow,
)

from conftest import Gui, WindowFactory

SCREENS = [(1366, 768), (1280, 720)]


def cut_labels(page: QWidget) -> list[str]:
    """Wrapped labels on ``page`` that show fewer lines than their text needs."""
    return [
        label.objectName() or label.text()[:30]
        for label in page.findChildren(QLabel)
        if label.isVisible() and label.wordWrap() and label.text()
        if label.height() < label.heightForWidth(label.width())
    ]


def shown_empty_states(page: QWidget) -> list[EmptyState]:
    return [state for state in page.findChildren(EmptyState) if state.isVisible()]


def sized_window(qtbot, make_window: WindowFactory, size: tuple[int, int]) -> MainWindow:
    window = make_window()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0] or window.width() < size[0])
    return window


@pytest.mark.parametrize("size", SCREENS)
def test_every_pengajuan_filter_shows_its_whole_empty_sentence(
    qtbot, make_window: WindowFactory, gui: Gui, size: tuple[int, int]
) -> None:
    window = sized_window(qtbot, make_window, size)
    tab = gui.open_tab(window, REQUESTS_TAB)
    for name in ("requestFilterOpen", "requestFilterAll", "requestFilterOverdue"):
        gui.click(tab, name)
        qtbot.wait(10)  # one turn for the layout
        [state] = shown_empty_states(tab)
        assert state.text.text()
        assert state.text.height() >= state.text.heightForWidth(state.text.width()), name
        assert cut_labels(tab) == [], name


@pytest.mark.parametrize("size", SCREENS)
@pytest.mark.parametrize("index", [HOME_TAB, STUDENTS_TAB, SCREENING_TAB, SETTINGS_TAB])
def test_every_other_empty_list_shows_its_whole_text(
    qtbot, make_window: WindowFactory, gui: Gui, size: tuple[int, int], index: int
) -> None:
    window = sized_window(qtbot, make_window, size)
    tab = gui.open_tab(window, index)
    qtbot.wait(10)
    assert cut_labels(tab) == []
    for state in shown_empty_states(tab):
        assert state.text.height() >= state.text.heightForWidth(state.text.width())
        for button in state.findChildren(QAbstractButton):
            assert button.width() >= button.sizeHint().width()


def test_an_empty_state_alone_is_as_tall_as_its_sentence_at_any_width(qtbot) -> None:
    sentence = " ".join(["Belum ada pengajuan yang cocok dengan saringan ini."] * 4)
    state = EmptyState("longEmpty", sentence, text_name="longEmptyText")
    qtbot.addWidget(state)
    state.show()
    for width in (900, 500, 260):
        state.resize(width, 400)
        qtbot.wait(10)
        lines = state.text.heightForWidth(state.text.width())
        assert state.text.height() >= lines > state.text.fontMetrics().height()
