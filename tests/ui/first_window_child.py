"""Child process of ``test_first_window.py``: start the window as the program does, and report.

Run as ``python first_window_child.py FOLDER PASSWORD MODE``. It starts the program's own
``open_window`` on the vault in FOLDER and watches from outside: which heavy modules are
imported when the unlock dialog is first painted and when typing starts, what the password
field holds after typing, and whether the main window opens after "Enter". MODE ``after-load``
presses Enter once the vault stack is loaded; ``at-once`` presses it right after typing.
It prints one JSON object and exits with ``open_window``'s code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from bk_desktop.app import VAULT_STACK, create_application, open_window
from bk_desktop.storage.paths import VaultPaths

HEAVY = (
    "sqlcipher3",
    "cryptography",
    "argon2",
    "reportlab",
    "bk_desktop.services.access",
    "bk_desktop.ui.main_window",
)
LAST_STEP = VAULT_STACK[-1]
# What printed documents need: loaded on the first print or logo, never with the window.
PRINTING = ("reportlab", "pypdfium2", "pypdf", "PIL", "bk_desktop.services.documents")


def heavy_loaded() -> list[str]:
    return sorted(name for name in HEAVY if name in sys.modules)


def make_kdf():  # type: ignore[no-untyped-def]
    from bk_desktop.services.kdf_choice import KdfChooser
    from bk_desktop.storage.kdf import TEST_PARAMS

    return KdfChooser(TEST_PARAMS)


def main() -> int:
    folder, password, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = create_application([sys.argv[0]])
    report: dict[str, object] = {}

    def press_enter() -> None:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    def when_loaded() -> None:
        if LAST_STEP not in sys.modules:
            QTimer.singleShot(10, when_loaded)
            return
        report["loaded_before_enter"] = True
        QTimer.singleShot(0, press_enter)

    def type_password(dialog: QWidget) -> None:
        report["when_typing"] = heavy_loaded()
        field = QApplication.focusWidget()
        report["focus"] = field.objectName() if field is not None else None
        QTest.keyClicks(field, password)
        report["typed"] = field.text() if isinstance(field, QLineEdit) else None
        report["accounts"] = [
            dialog.form.account.itemText(i) for i in range(dialog.form.account.count())
        ]
        if mode == "at-once":
            report["loaded_before_enter"] = LAST_STEP in sys.modules
            press_enter()
        else:
            when_loaded()

    def find_main_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "mainWindow" and widget.isVisible():
                report["main_window"] = widget.windowTitle()
                report["printing_with_window"] = sorted(
                    name for name in PRINTING if name in sys.modules
                )
                app.quit()
                return
        QTimer.singleShot(10, find_main_window)

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Paint
                and watched.objectName() == "unlockDialog"
                and "at_paint" not in report
            ):
                report["at_paint"] = heavy_loaded()
                QTimer.singleShot(0, lambda: type_password(watched))  # type: ignore[arg-type]
                QTimer.singleShot(0, find_main_window)
            return False

    watch = Watch()
    app.installEventFilter(watch)
    code = open_window(VaultPaths(folder), make_kdf=make_kdf)
    print(json.dumps(report), flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
