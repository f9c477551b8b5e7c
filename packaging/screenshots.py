"""Screenshots of the unlock dialog and each main tab, from the demo vault, for the README.

    python packaging/screenshots.py      (with the project's .venv python; no display needed)

Builds the same demo vault as ``python dev.py --demo`` in a temporary folder, opens the window
offscreen at 1366×768 (the smallest common school laptop screen) and saves what
``QWidget.grab()`` sees into ``docs/screenshots/``. Run it again whenever the window changes;
the PNGs are committed (``.gitignore`` makes an exception for that folder). The records are
synthetic; nothing of a real school can end up in a picture.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from bk_desktop.app import build_main_window, create_application
from bk_desktop.cli.window import DEMO_ACCOUNT, DEMO_PASSWORD, prepare_demo_vault
from bk_desktop.domain.clock import SystemClock
from bk_desktop.domain.counselling import SessionStatus
from bk_desktop.domain.sight import Sight
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.ui.documents import show_document
from bk_desktop.ui.main_window import MainWindow
from bk_desktop.ui.prompter import DialogPrompter
from bk_desktop.ui.tabs.counselling_tab import CounsellingTab
from bk_desktop.ui.unlock_dialog import UnlockDialog

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)
TAB_FILES = (
    "beranda",
    "siswa",
    "pengajuan",
    "penyaringan",
    "jadwal",
    "konseling",
    "kotak-saran",
    "laporan",
    "pengaturan",
)


def settle(app: QApplication, rounds: int = 5) -> None:
    """Let layouts, lazy models and queued repaints finish before a picture is taken."""
    for _ in range(rounds):
        app.processEvents()


def save(widget: QWidget, name: str) -> Path:
    path = OUT / f"{name}.png"
    if not widget.grab().save(str(path), "PNG"):
        raise RuntimeError(f"Qt could not write {path}")
    print(f"wrote {path.relative_to(ROOT)}")
    return path


def preview_summary(app: QApplication, window: MainWindow, tab: CounsellingTab) -> None:
    """The print preview of the open case's latest held session (issue 15), as "cetak.png"."""
    view = tab.case_view.view
    held = [s for s in (view.sessions if view else []) if s.status is SessionStatus.SELESAI]
    if not held:
        return
    session_id = held[-1].id
    preview = show_document(
        window.context,
        tab,
        tab.case_view.dialogs,
        lambda service: service.session_summary(session_id),
        what="Ringkasan Sesi Konseling",
    )
    if preview is None:
        return
    preview.resize(1000, 700)
    settle(app)
    save(preview, "cetak")
    preview.reject()
    settle(app)


def main() -> int:
    app = create_application(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    kdf = KdfChooser(TEST_PARAMS)  # the picture does not depend on how slow unlocking is
    clock = SystemClock()
    # A fixed name: Beranda shows the backup folder, and a random one reads like a fault.
    scratch = Path(tempfile.gettempdir()) / "bk-desktop-contoh"
    shutil.rmtree(scratch, ignore_errors=True)
    # Window state (geometry, columns) goes to the scratch folder, never the user's settings.
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "cfg"))
    try:
        paths, _ = prepare_demo_vault(scratch, kdf, clock)
        access = VaultAccess(paths, clock, kdf)

        dialog = UnlockDialog(access, demo_hint=(DEMO_ACCOUNT, DEMO_PASSWORD))
        dialog.show()
        settle(app)
        save(dialog, "kunci-buka")
        dialog.close()

        account_id = next(key for key, name in access.accounts() if name == DEMO_ACCOUNT)
        workspace = access.unlock(account_id, DEMO_PASSWORD)
        window = build_main_window(access, workspace, kdf=kdf, prompter=DialogPrompter())
        # The pictures are 1366×768 whatever this PC's screen or remembered window is.
        window.setWindowState(Qt.WindowState.WindowNoState)
        window.resize(*SIZE)
        window.show()
        try:
            for index, name in enumerate(TAB_FILES):
                shown = window.show_tab(index)
                if isinstance(shown, CounsellingTab) and shown.model.rowCount():
                    # The buku kasus with the signed-in counsellor's newest case open (another
                    # counsellor's would show its notes withheld), not an empty right half.
                    rows = (
                        shown.model.record_of(shown.model.index(row, 0))
                        for row in range(shown.model.rowCount())
                    )
                    mine = next((r for r in rows if r is not None and r.sight is Sight.FULL), None)
                    if mine is not None:
                        shown.select_case(mine.id)
                settle(app)
                save(window, name)
                if isinstance(shown, CounsellingTab):
                    preview_summary(app, window, shown)
        finally:
            window.drop_key()
            window.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
