"""Start-up: from a fresh interpreter to the main window painted on screen.

``measure()`` returns::

    {"startup_to_window": {"value": s, "unit": "s", "floor": s, "ratio": r}}

Each run is a child Python process, timed by the parent from just before it is spawned until
the child reports (one line on stdout) that its window has been painted for the first time:
interpreter start, imports, building the window, the first paint. The child then quits; the
quitting is not timed.

- floor: a bare PySide6 ``QMainWindow`` with the same five tabs (Beranda, Siswa, Pengajuan,
  Penyaringan, Pengaturan), empty, in Qt's default style.
- value: the program's way: ``create_application`` (Fusion, palette, fonts, translators),
  unlocking an existing vault with its password, ``MainWindow`` with the real tabs reading the
  vault (Beranda is built at once, the other tabs when first opened). The vault is made
  beforehand with ``TEST_PARAMS``, so key derivation is negligible and what is measured is the
  program's own start-up, not the chosen unlock cost (that is ``unlock_kdf`` in
  ``figures_vault.py``).

Both children run from compiled bytecode, as an installed program does (pip and PyInstaller
both compile it). A shell with ``PYTHONDONTWRITEBYTECODE`` set would otherwise have every run
compile the program's modules from source, some 60 ms that no user ever waits for; so the
children get a bytecode cache of their own in the temporary folder (``PYTHONPYCACHEPREFIX``),
filled by one untimed run of each, and the checkout is left as it was.

Median of five runs each (three with ``quick``), floor and value alternating.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

PASSWORD = "Kopi-Pagi-Bontang-2026"
READY = "painted"
WIDTH, HEIGHT = 1366, 768


def _make_vault(folder: Path) -> None:
    from bk_desktop.domain.clock import FixedClock
    from bk_desktop.services.access import SetupForm, VaultAccess
    from bk_desktop.services.kdf_choice import KdfChooser
    from bk_desktop.storage.kdf import TEST_PARAMS
    from bk_desktop.storage.vault import VaultPaths

    access = VaultAccess(
        VaultPaths(folder),
        FixedClock(datetime(2026, 11, 29, 0, 30, tzinfo=UTC)),
        KdfChooser(TEST_PARAMS),
    )
    workspace, _ = access.setup(
        SetupForm(
            school_name="SMA Negeri 1 Bontang",
            city="Bontang",
            timezone="Asia/Makassar",
            account_name="Sari Wulandari",
            password=PASSWORD,
            password_repeat=PASSWORD,
        )
    )
    workspace.lock()


def _run_child(mode: str, folder: Path) -> float:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder.parent / "pycache")
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.stdout.read()
    code = child.wait(timeout=60)
    if line.strip() != READY or code != 0:
        raise RuntimeError(f"{mode} child failed (exit {code}, said {line.strip()!r})")
    return elapsed


def measure(*, quick: bool = False) -> dict[str, dict]:
    runs = 3 if quick else 5
    floors: list[float] = []
    values: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bk-startup-") as tmp:
        folder = Path(tmp) / "data"
        _make_vault(folder)
        # Untimed: warm the disk cache for both alike and compile their bytecode.
        _run_child("floor", folder)
        _run_child("real", folder)
        for _ in range(runs):
            floors.append(_run_child("floor", folder))
            values.append(_run_child("real", folder))
    floor = statistics.median(floors)
    value = statistics.median(values)
    return {
        "startup_to_window": {"value": value, "unit": "s", "floor": floor, "ratio": value / floor}
    }


# -- the child ---------------------------------------------------------------------------


def _report_first_paint(window, on_painted) -> None:  # type: ignore[no-untyped-def]
    """Call ``on_painted`` once, right after the window's first paint event."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = True
                QTimer.singleShot(0, on_painted)
            return False

    spy = FirstPaint(window)
    window.installEventFilter(spy)


def _child_floor() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    tabs = QTabWidget(window)
    for title in ("Beranda", "Siswa", "Pengajuan", "Penyaringan", "Pengaturan"):
        tabs.addTab(QWidget(), title)
    window.setCentralWidget(tabs)
    window.setWindowTitle("bk-desktop")
    window.resize(WIDTH, HEIGHT)

    def painted() -> None:
        print(READY, flush=True)
        app.quit()

    _report_first_paint(window, painted)
    window.show()
    return app.exec()


def _child_real(folder: Path) -> int:
    from bk_desktop.app import build_main_window, create_application
    from bk_desktop.domain.clock import SystemClock
    from bk_desktop.services.access import VaultAccess
    from bk_desktop.services.kdf_choice import KdfChooser
    from bk_desktop.storage.kdf import TEST_PARAMS
    from bk_desktop.storage.vault import VaultPaths
    from bk_desktop.ui.prompter import DialogPrompter

    app = create_application([sys.argv[0]])
    kdf = KdfChooser(TEST_PARAMS)
    access = VaultAccess(VaultPaths(folder), SystemClock(), kdf)
    account_id = access.accounts()[0][0]
    workspace = access.unlock(account_id, PASSWORD)
    window = build_main_window(access, workspace, kdf=kdf, prompter=DialogPrompter())
    window.resize(WIDTH, HEIGHT)

    def painted() -> None:
        print(READY, flush=True)
        window.drop_key()  # no closing backup: quitting is not what is measured
        app.quit()

    _report_first_paint(window, painted)
    window.show()
    return app.exec()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        if sys.argv[2] == "floor":
            sys.exit(_child_floor())
        sys.exit(_child_real(Path(sys.argv[3])))
    print(measure())
