"""The pieces under every window: background work, Indonesian Qt texts, look, names."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap

import pytest

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QLineEdit,
    QWidget,
)

from bk_desktop.domain.errors import KnownError
from bk_desktop.services.access import VaultAccess
from bk_desktop.ui.i18n import QtTextsTranslator, set_button_texts
from bk_desktop.ui.kit.palette import ACCENT
from bk_desktop.ui.kit.runner import BUG_MESSAGE, Task
from bk_desktop.ui.main_window import MainWindow
from bk_desktop.ui.setup_wizard import SetupWizard
from bk_desktop.ui.style import start_weeks_on_monday
from bk_desktop.ui.tabs.admin.admin_tab import AdminTab
from bk_desktop.ui.unlock_dialog import UnlockDialog

# -- the worker --------------------------------------------------------------------------


def run_task(qtbot, work) -> tuple[list[object], list[KnownError]]:
    done: list[object] = []
    failed: list[KnownError] = []
    task = Task(work)
    task.succeeded.connect(done.append)
    task.failed.connect(failed.append)
    with qtbot.waitSignal(task.finished, timeout=5_000):
        task.start()
    assert not task.running
    return done, failed


def test_task_hands_back_the_result_on_the_gui_thread(qtbot) -> None:
    done, failed = run_task(qtbot, lambda: 6 * 7)
    assert done == [42] and failed == []


def test_task_hands_back_a_known_error_as_it_is(qtbot) -> None:
    def work() -> None:
        raise KnownError("Disk penuh.")

    done, failed = run_task(qtbot, work)
    assert done == [] and [e.message for e in failed] == ["Disk penuh."]


def test_a_bug_becomes_the_generic_message_and_is_logged_without_its_text(
    qtbot, caplog: pytest.LogCaptureFixture
) -> None:
    def work() -> None:
        raise ValueError("Catatan rahasia Budi")

    with caplog.at_level(logging.ERROR, logger="bk_desktop.ui.kit.runner"):
        done, failed = run_task(qtbot, work)
    assert done == []
    assert [e.message for e in failed] == [BUG_MESSAGE]
    assert "ValueError" in caplog.text
    assert "Catatan rahasia Budi" not in caplog.text


# -- Indonesian texts for Qt's own buttons -----------------------------------------------


def test_button_boxes_get_indonesian_texts(qtbot) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Yes
        | QDialogButtonBox.StandardButton.No
        | QDialogButtonBox.StandardButton.Close
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Apply
    )
    qtbot.addWidget(box)
    set_button_texts(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(
        ["OK", "Batal", "Ya", "Tidak", "Tutup", "Simpan", "Terapkan"]
    )


def test_the_translator_answers_qt_contexts_only(qtbot) -> None:
    app = QCoreApplication.instance()
    translator = QtTextsTranslator()
    app.installTranslator(translator)
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Batal"
        assert QCoreApplication.translate("QWizard", "&Finish") == "&Selesai"
        assert QCoreApplication.translate("HomeTab", "Beranda") == "Beranda"
    finally:
        app.removeTranslator(translator)


def test_calendars_start_the_week_on_monday(qtbot) -> None:
    calendar = QCalendarWidget()
    qtbot.addWidget(calendar)
    start_weeks_on_monday(calendar)
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    edit = QDateEdit()
    qtbot.addWidget(edit)
    edit.setCalendarPopup(True)
    start_weeks_on_monday(edit)
    assert edit.calendarWidget().firstDayOfWeek() == Qt.DayOfWeek.Monday


def test_the_application_is_set_up_indonesian_with_our_palette() -> None:
    # In a child process: the test session's own QApplication is left as it is.
    code = textwrap.dedent(
        """
        from PySide6.QtCore import QLocale
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import QDialogButtonBox
        from bk_desktop.app import create_application
        app = create_application(["bk"])
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        highlight = app.palette().color(QPalette.ColorRole.Highlight).name()
        print(app.applicationName(), highlight, QLocale().name(),
              box.buttons()[0].text(), sep="|")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ).stdout.strip()
    assert out == f"bk-desktop|{ACCENT}|id_ID|Batal"


# -- names for every control ---------------------------------------------------------------


def unnamed_controls(root: QWidget, skip: QWidget | None = None) -> list[str]:
    """Controls a person acts on that lack an objectName or an accessible name/text."""
    missing = []
    for widget in root.findChildren(QWidget):
        if skip is not None and (widget is skip or skip.isAncestorOf(widget)):
            continue
        if not isinstance(widget, QAbstractButton | QLineEdit | QComboBox):
            continue
        if widget.objectName().startswith("qt_") or widget.parent().inherits("QComboBox"):
            continue
        spoken = widget.accessibleName() or (
            widget.text() if isinstance(widget, QAbstractButton) else ""
        )
        if not widget.objectName() or not spoken:
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_control_has_a_stable_name(qtbot, access: VaultAccess, prompter, make_window) -> None:
    wizard = SetupWizard(access, prompter)
    qtbot.addWidget(wizard)
    assert unnamed_controls(wizard) == []

    window: MainWindow = make_window()
    assert unnamed_controls(window, skip=window.tab_of(AdminTab)) == []
    window.lock()
    assert unnamed_controls(window) == []
    dialog = UnlockDialog(access)
    qtbot.addWidget(dialog)
    assert unnamed_controls(dialog) == []
