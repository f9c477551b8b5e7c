"""Fixtures for driving the window like a user: a scripted prompter and widget helpers."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pytest

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from bk_desktop.services.access import VaultAccess
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.ui.changes import ChangeHub
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.ui_state import ui_settings
from bk_desktop.ui.main_window import MainWindow
from bk_desktop.ui.tab_table import TABS, TabKey

W = TypeVar("W", bound=QWidget)

# The offscreen platform cannot pass a window's minimum size on and says so whenever a window
# with a layout is shown: that is the test platform talking, not the program.
_OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


@pytest.fixture(autouse=True, scope="session")
def _window_state_in_a_tmp_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Geometry and column widths (``kit/ui_state.py``) go to a folder of the test run, never
    to the real user's settings: QSettings' path for this process, and the configuration
    folder of the programs the tests start."""
    folder = tmp_path_factory.mktemp("ui-state")
    before = os.environ.get("XDG_CONFIG_HOME")
    os.environ["XDG_CONFIG_HOME"] = str(folder)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield
    if before is None:
        del os.environ["XDG_CONFIG_HOME"]
    else:
        os.environ["XDG_CONFIG_HOME"] = before


@pytest.fixture(autouse=True)
def _no_window_state_between_tests() -> None:
    """Each test starts as on a first start: no geometry, no column widths kept."""
    ui_settings().clear()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(_OFFSCREEN_NOISE))


@dataclass
class ScriptedPrompter:
    """Records every question and answers from scripts; an unscripted question fails the test."""

    confirms: list[bool] = field(default_factory=list)
    choices: list[int | None] = field(default_factory=list)
    files: list[Path | None] = field(default_factory=list)
    folders: list[Path | None] = field(default_factory=list)
    calls: list[tuple[str, str, str]] = field(default_factory=list)

    def _kinds(self, kind: str) -> list[tuple[str, str, str]]:
        return [c for c in self.calls if c[0] == kind]

    @property
    def errors(self) -> list[tuple[str, str, str]]:
        return self._kinds("error")

    @property
    def infos(self) -> list[tuple[str, str, str]]:
        return self._kinds("info")

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.calls.append(("info", title, text))

    @property
    def warnings(self) -> list[tuple[str, str, str]]:
        return self._kinds("warning")

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        self.calls.append(("warning", title, text))

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.calls.append(("error", title, text))

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.calls.append(("confirm", title, text))
        assert self.confirms, f"unexpected question: {title}: {text}"
        return self.confirms.pop(0)

    def choose(
        self, parent: QWidget | None, title: str, text: str, options: Sequence[str]
    ) -> int | None:
        self.calls.append(("choose", title, text))
        assert self.choices, f"unexpected question: {title}: {text}"
        return self.choices.pop(0)

    def save_file(
        self, parent: QWidget | None, title: str, suggested: Path, filter_text: str
    ) -> Path | None:
        self.calls.append(("save_file", title, str(suggested)))
        assert self.files, f"unexpected save dialog: {title}"
        return self.files.pop(0)

    def open_file(
        self, parent: QWidget | None, title: str, start: Path, filter_text: str
    ) -> Path | None:
        self.calls.append(("open_file", title, filter_text))
        assert self.files, f"unexpected open dialog: {title}"
        return self.files.pop(0)

    def choose_folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        self.calls.append(("choose_folder", title, str(start)))
        assert self.folders, f"unexpected folder dialog: {title}"
        return self.folders.pop(0)


@pytest.fixture
def prompter() -> ScriptedPrompter:
    return ScriptedPrompter()


class Gui:
    """Find widgets by objectName and use them the way a person would."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    def child(self, parent: QWidget, kind: type[W], name: str) -> W:
        found = parent.findChild(kind, name)
        assert found is not None, f"no {kind.__name__} named {name}"
        return found

    def type_into(self, parent: QWidget, name: str, text: str) -> None:
        edit = self.child(parent, QLineEdit, name)
        edit.clear()
        self.qtbot.keyClicks(edit, text)

    def click(self, parent: QWidget, name: str) -> None:
        button = self.child(parent, QAbstractButton, name)
        assert button.isEnabled(), f"{name} is disabled"
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def press_enter(self, parent: QWidget, name: str) -> None:
        self.qtbot.keyClick(self.child(parent, QLineEdit, name), Qt.Key.Key_Return)

    def text(self, parent: QWidget, name: str) -> str:
        return self.child(parent, QLabel, name).text()

    def shown_text(self, parent: QWidget, name: str) -> str:
        """A label's text when it is showing, else ''."""
        label = self.child(parent, QLabel, name)
        return label.text() if label.isVisibleTo(parent) else ""

    def pick(self, parent: QWidget, name: str, data: object) -> None:
        combo = self.child(parent, QComboBox, name)
        index = combo.findData(data)
        assert index >= 0, f"{name} has no item {data!r}"
        combo.setCurrentIndex(index)

    def open_tab(self, window: MainWindow, index: int) -> QWidget:
        """Click the title of the tab at ``index``; the tab is built then if it was not yet."""
        tabs = window.tabs
        assert tabs is not None, "the window is locked"
        bar = tabs.tabBar()
        self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        assert tabs.currentIndex() == index
        tab = window.tab(index)
        assert tab is not None and tab.isVisible()
        return tab


def press_ctrl_l(qtbot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts reach the active window only
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


_TEXT_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
)


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    """Columns under ``parent``; a list widget's model keeps ``columnCount`` private (one)."""
    try:
        return model.columnCount(parent)
    except TypeError:
        return 1


def model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    """Every text a model holds: headers, and each cell's display, tooltip and spoken text."""
    parent = parent or QModelIndex()
    found: list[str] = []
    if not parent.isValid():
        for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
            count = _columns(model, parent) if orientation is Qt.Orientation.Horizontal else 0
            found += [str(model.headerData(i, orientation) or "") for i in range(count)]
    for row in range(model.rowCount(parent)):
        for column in range(_columns(model, parent)):
            index = model.index(row, column, parent)
            found += [str(index.data(role) or "") for role in _TEXT_ROLES]
            if model.rowCount(index) > 0:
                found += model_texts(model, index)
    return found


def texts_in(window: QWidget) -> list[tuple[str, str]]:
    """(objectName, text) of every text in the window, shown or not, and in any other visible
    window: labels, fields, buttons, lists' models, tab titles, tooltips, window titles."""
    widgets = [window, *window.findChildren(QWidget)]
    for top in QApplication.topLevelWidgets():
        if top is not window and top.isVisible():
            widgets += [top, *top.findChildren(QWidget)]
    found: list[tuple[str, str]] = []
    for widget in widgets:
        name = widget.objectName()
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            found.append((name, widget.text()))
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            found.append((name, widget.toPlainText()))
        elif isinstance(widget, QComboBox):
            found += [(name, widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            found += [(name, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += [(name, text) for text in model_texts(widget.model())]
        found += [
            (name, widget.windowTitle()),
            (name, widget.toolTip()),
            (name, widget.accessibleName()),
        ]
    return found


@pytest.fixture
def gui(qtbot) -> Gui:
    return Gui(qtbot)


@pytest.fixture
def kdf() -> KdfChooser:
    return KdfChooser(TEST_PARAMS)


@pytest.fixture
def context(workspace: Workspace, prompter: ScriptedPrompter, kdf: KdfChooser) -> UiContext:
    """What a tab is handed, on the fixture's vault (a test file may override it)."""
    return UiContext(workspace, kdf, prompter)


ShowAsTab = Callable[[W, TabKey], W]


@pytest.fixture
def as_showing_tab(workspace: Workspace) -> Iterator[ShowAsTab]:
    """Stand in for the window around a tab built alone: a change notice naming a kind the
    tab's row shows reads it again, as the window does for the showing tab. (Tabs no longer
    re-read after their own writes; the notice does.)"""
    hubs: list[ChangeHub] = []

    def follow(tab: W, key: TabKey) -> W:
        shows = next(spec.shows for spec in TABS if spec.key is key)
        hub = ChangeHub()
        hub.attach(workspace)
        hub.changed.connect(lambda changes: tab.refresh() if changes & shows else None)
        hubs.append(hub)
        return tab

    yield follow
    for hub in hubs:
        hub.detach()


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(
    qtbot, access: VaultAccess, workspace: Workspace, prompter: ScriptedPrompter, kdf: KdfChooser
) -> Iterator[WindowFactory]:
    """Build the main window on the fixture's vault; it is closed (backup, lock) afterwards."""
    windows: list[MainWindow] = []

    def build(**options: object) -> MainWindow:
        options.setdefault("unlock_tick_ms", 20)
        window = MainWindow(
            access,
            workspace,
            kdf=kdf,
            prompter=prompter,
            **options,  # type: ignore[arg-type]
        )
        window.setWindowState(Qt.WindowState.WindowNoState)  # not maximised on the test screen
        window.resize(1366, 768)
        with qtbot.waitExposed(window):  # a context manager: waits for the show inside it
            window.show()
        windows.append(window)
        return window

    yield build
    # Not handed to qtbot.addWidget: pytest-qt would delete the window before this teardown,
    # while its closing backup still runs.
    for window in windows:
        window.close()
        qtbot.waitUntil(lambda w=window: w.close_finished, timeout=10_000)
        assert not window.workspace.is_open
        window.deleteLater()


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window()
