"""The import wizard's way in and way out: it starts in Downloads, says why Dapodik skips a
step, shows who goes to which class, and leaves its warnings reachable in Siswa."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_wizard import open_wizard

from PySide6.QtCore import QStandardPaths

from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.tabs.students_tab import StudentsTab

from conftest import Gui, ScriptedPrompter


@pytest.fixture
def tab(qtbot, workspace: Workspace, context: UiContext) -> StudentsTab:
    tab = StudentsTab(context)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def test_choosing_a_file_starts_in_downloads_where_dapodik_exports_land(
    qtbot, gui: Gui, tab: StudentsTab, prompter: ScriptedPrompter
) -> None:
    wizard = open_wizard(qtbot, gui, tab, "studentEmptyImportButton")
    seen: list[Path] = []
    original = prompter.open_file

    def open_file(parent, title, start, filter_text):
        seen.append(start)
        return original(parent, title, start, filter_text)

    prompter.open_file = open_file  # type: ignore[method-assign]
    prompter.files.append(None)
    gui.click(wizard, "importChooseFileButton")
    downloads = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    assert seen == [Path(downloads or Path.home())]
    wizard.reject()
