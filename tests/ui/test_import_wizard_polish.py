"""The import wizard's way in and way out: it starts in Downloads, says why Dapodik skips a
step, shows who goes to which class, and leaves its warnings reachable in Siswa."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_wizard import HEADER, NAMED, SUB, choose, listed, open_wizard, warning_rows

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QPushButton, QTableView, QTabWidget

from bk_desktop.domain.audit import AuditKind
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.import_wizard import PREVIEW_PAGE, RESULT_PAGE
from bk_desktop.ui.tabs.students_tab import StudentsTab

from conftest import Gui, ScriptedPrompter
from dapodik_files import write_dapodik


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
    downloads = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    )
    # Downloads ("Unduhan"), or home on an account that has none: never the working folder.
    assert seen == [downloads if downloads.is_dir() else Path.home()]
    wizard.reject()


def test_dapodik_skips_step_two_and_says_why_then_shows_who_goes_to_which_class(
    qtbot, gui: Gui, tab: StudentsTab, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    path = write_dapodik(tmp_path / "daftar_pd.xlsx", HEADER, SUB, NAMED)
    wizard = open_wizard(qtbot, gui, tab, "studentEmptyImportButton")
    choose(qtbot, gui, wizard, prompter, path, PREVIEW_PAGE)
    subtitle = wizard.page(PREVIEW_PAGE).subTitle()
    assert "Langkah 2 (mencocokkan kolom) dilewati" in subtitle and "Dapodik" in subtitle

    tabs = gui.child(wizard, QTabWidget, "importPreviewTabs")
    assert tabs.tabText(1) == "Siswa dan kelas (4)"
    tabs.setCurrentIndex(1)
    model = gui.child(wizard, QTableView, "importChangesTable").model()
    rows = [tuple(model.index(r, c).data() for c in range(4)) for r in range(model.rowCount())]
    assert ("8", "Budi Santoso", "Ditambahkan", "X MIPA 2") in rows
    assert ("10", "Dewi Kartika", "Ditambahkan", "XI IPS 1") in rows
    wizard.reject()


def test_the_warnings_can_be_saved_and_found_again_in_siswa_as_perlu_diperiksa(
    qtbot,
    gui: Gui,
    tab: StudentsTab,
    workspace: Workspace,
    prompter: ScriptedPrompter,
    tmp_path: Path,
) -> None:
    path = write_dapodik(tmp_path / "daftar_pd.xlsx", HEADER, SUB, NAMED)
    wizard = open_wizard(qtbot, gui, tab, "studentEmptyImportButton")
    choose(qtbot, gui, wizard, prompter, path, PREVIEW_PAGE)
    warnings = len(warning_rows(wizard))
    gui.click(wizard, "importApplyButton")
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT_PAGE, timeout=20_000)
    details = gui.text(wizard, "importResultDetails")
    assert "“Perlu diperiksa” di tab Siswa" in details

    prompter.files.append(tmp_path / "peringatan")
    gui.click(wizard, "importExportWarningsButton")
    saved = tmp_path / "peringatan.csv"
    assert len(saved.read_bytes().decode("utf-8-sig").splitlines()) == 1 + warnings
    assert str(saved) in gui.text(wizard, "importExportStatus")
    assert audit_repo.latest(workspace.db, AuditKind.IMPORT_WARNINGS_EXPORTED) is not None
    gui.click(wizard, "importFinishButton")
    qtbot.waitUntil(lambda: tab.import_wizard is None)

    check = gui.child(tab, QPushButton, "studentNeedsCheckFilter")
    assert check.isVisible() and check.text() == "Perlu diperiksa (2)"
    gui.click(tab, "studentNeedsCheckFilter")
    assert listed(tab) == ["Budi Santoso", "Citra Dewi"]
    tab.select_student(tab.model.student_id(0))
    assert "NISN" in gui.shown_text(tab, "studentImportWarnings")
    gui.click(tab, "studentMarkCheckedButton")
    tab.refresh()  # the change notice does this in the window
    assert listed(tab) == ["Citra Dewi"]
    assert check.text() == "Perlu diperiksa (1)"
