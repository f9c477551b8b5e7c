"""Start-up: the first window, the way from "Buka" to the main window, and memory.

``measure()`` returns::

    {"startup_to_first_window": {...}, "unlock_to_main_window": {...}, "peak_memory_5y": {...}}

Each figure comes from child Python processes that start the program the way it starts for a
person: ``bk-desktop --data-dir DIR`` through the command line's ``main`` on an existing vault,
the unlock dialog first (its vault stack loading while the person types), then the main window.
Every vault is made beforehand with ``TEST_PARAMS``, so key derivation costs a few
milliseconds and what is measured is the program, not the chosen unlock cost (that is
``unlock_kdf`` in ``figures_vault.py``). The children watch the program from outside with an
application event filter that sees the first paint of ``unlockDialog`` and ``mainWindow``.

- ``startup_to_first_window``: from just before the parent spawns the child until the child
  says that the unlock dialog (accounts listed, focus in the password field) has been painted
  for the first time. Floor: a child that paints a bare ``QMainWindow`` with five empty tabs
  in Qt's default style. Median of five runs each (three with ``quick``), alternating.
- ``unlock_to_main_window``: in one child, the password is typed one key at a time over one
  second after the dialog's first paint (so the vault stack loads as it does for a person),
  then Enter; timed from that key press until the main window's first paint: unlocking
  (test KDF parameters), Beranda reading the vault, building and painting the window. Floor,
  in the same child right afterwards: a bare ``QMainWindow`` with the same five tab titles,
  built and painted. Median of the per-run values and floors.
- ``peak_memory_5y``: the child's peak resident set size (``ru_maxrss``) once the main window
  has been painted on Beranda with a five-year demo vault (``fill_demo``: 1,500 students, five
  school years, seed 2026) open. Floor: the peak of the bare-window child of the first figure.

The children run from compiled bytecode, as an installed program does: they get a bytecode
cache of their own in the temporary folder (``PYTHONPYCACHEPREFIX``), filled by untimed runs,
so a shell with ``PYTHONDONTWRITEBYTECODE`` set does not have each run compile the program.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

PASSWORD = "Kopi-Pagi-Bontang-2026"
WIDTH, HEIGHT = 1366, 768
TABS = ("Beranda", "Siswa", "Pengajuan", "Penyaringan", "Pengaturan")
TYPING_SECONDS = 1.0
DEMO_STUDENTS, DEMO_YEARS, DEMO_SEED = 1500, 5, 2026


def _make_vault(folder: Path, *, years: int = 0) -> None:
    from bk_desktop.domain.clock import FixedClock
    from bk_desktop.services.access import SetupForm, VaultAccess
    from bk_desktop.services.demo import fill_demo
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
    try:
        if years:
            fill_demo(workspace, students=DEMO_STUDENTS, years=years, seed=DEMO_SEED)
    finally:
        workspace.lock()


def _run_child(mode: str, folder: Path) -> tuple[float, dict[str, float]]:
    """Seconds from spawning the child to its first line, and what it reported at the end."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder.parent / "pycache")
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()
    elapsed = time.perf_counter() - start
    rest = child.stdout.read()
    errors = child.stderr.read()
    code = child.wait(timeout=120)
    if not first.startswith("painted") or code != 0:
        raise RuntimeError(f"{mode} child failed (exit {code}, said {first!r}): {errors[-2000:]}")
    lines = [line for line in rest.splitlines() if line.strip()]
    return elapsed, (json.loads(lines[-1]) if lines else {})


def _figure(values: list[float], floors: list[float], unit: str) -> dict[str, float | str]:
    value, floor = statistics.median(values), statistics.median(floors)
    return {"value": value, "unit": unit, "floor": floor, "ratio": value / floor}


def measure(*, quick: bool = False) -> dict[str, dict]:
    runs = 3 if quick else 5
    starts: list[float] = []
    start_floors: list[float] = []
    unlocks: list[float] = []
    unlock_floors: list[float] = []
    floor_memory: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bk-startup-") as tmp:
        small = Path(tmp) / "data"
        big = Path(tmp) / "data-5y"
        _make_vault(small)
        _make_vault(big, years=DEMO_YEARS)
        # Untimed: warm the disk cache for all alike and compile their bytecode.
        for mode in ("floor", "first", "unlock"):
            _run_child(mode, small)
        for _ in range(runs):
            seconds, said = _run_child("floor", small)
            start_floors.append(seconds)
            floor_memory.append(said["peak_kib"])
            starts.append(_run_child("first", small)[0])
            _, said = _run_child("unlock", small)
            unlocks.append(said["unlock_s"])
            unlock_floors.append(said["floor_s"])
        _, said = _run_child("memory", big)
        memory = said["peak_kib"] / 1024
    return {
        "startup_to_first_window": _figure(starts, start_floors, "s"),
        "unlock_to_main_window": _figure(unlocks, unlock_floors, "s"),
        "peak_memory_5y": {
            "value": memory,
            "unit": "MiB",
            "floor": statistics.median(floor_memory) / 1024,
            "ratio": memory / (statistics.median(floor_memory) / 1024),
        },
    }


# -- the children ------------------------------------------------------------------------


def _peak_kib() -> float:
    """This process's peak resident set (``VmHWM``), in KiB.

    Not ``ru_maxrss``: on Linux a child started by ``subprocess`` (fork, then exec) reports
    the parent's high-water mark when that was higher, so a benchmark run after a big one
    (``figures_import_bomb``) would measure the parent instead of the program."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # KiB on Linux


def _on_first_paint(object_name: str, then) -> object:  # type: ignore[no-untyped-def]
    """An application event filter calling ``then(widget, painted_at)`` on the turn of the
    event loop after the first paint of the widget named ``object_name``; ``painted_at`` is
    ``time.perf_counter()`` when that paint event arrived."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]
            if (
                not self.done
                and event.type() == QEvent.Type.Paint
                and watched.objectName() == object_name
            ):
                self.done = True
                painted_at = time.perf_counter()
                QTimer.singleShot(0, lambda: then(watched, painted_at))
            return False

    spy = FirstPaint()
    QApplication.instance().installEventFilter(spy)
    return spy


def _bare_window():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

    window = QMainWindow()
    window.setObjectName("bareWindow")
    tabs = QTabWidget(window)
    for title in TABS:
        tabs.addTab(QWidget(), title)
    window.setCentralWidget(tabs)
    window.setWindowTitle("bk-desktop")
    window.resize(WIDTH, HEIGHT)
    return window


def _child_floor() -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    window = _bare_window()

    def painted(_widget, _at) -> None:  # type: ignore[no-untyped-def]
        print("painted", flush=True)
        print(json.dumps({"peak_kib": _peak_kib()}), flush=True)
        app.quit()

    spy = _on_first_paint("bareWindow", painted)  # noqa: F841 - kept alive until the end
    window.show()
    return app.exec()


def _child_program(mode: str, folder: Path) -> int:
    """The program's own start; ``mode`` says what to do once the unlock dialog is painted."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from bk_desktop.app import create_application
    from bk_desktop.cli import main

    app = create_application([sys.argv[0]])
    said: dict[str, float] = {}
    marks: dict[str, float] = {}

    def type_keys(keys: str, pause_ms: int, then) -> None:  # type: ignore[no-untyped-def]
        field = QApplication.focusWidget()
        if not keys:
            then(field)
            return
        QTest.keyClicks(field, keys[0])
        QTimer.singleShot(pause_ms, lambda: type_keys(keys[1:], pause_ms, then))

    def press_enter(field) -> None:  # type: ignore[no-untyped-def]
        marks["enter"] = time.perf_counter()
        QTest.keyClick(field, Qt.Key.Key_Return)

    def dialog_painted(dialog, _at) -> None:  # type: ignore[no-untyped-def]
        print("painted", flush=True)
        if mode == "first":
            dialog.reject()
        elif mode == "unlock":
            pause = round(TYPING_SECONDS * 1000 / len(PASSWORD))
            type_keys(PASSWORD, pause, press_enter)
        else:
            type_keys(PASSWORD, 0, press_enter)

    def window_painted(_window, painted_at: float) -> None:
        said["unlock_s"] = painted_at - marks["enter"]
        said["peak_kib"] = _peak_kib()
        if mode != "unlock":
            app.quit()
            return
        start = time.perf_counter()
        bare = _bare_window()

        def bare_painted(_widget, bare_painted_at: float) -> None:  # type: ignore[no-untyped-def]
            said["floor_s"] = bare_painted_at - start
            bare.close()
            app.quit()

        spies.append(_on_first_paint("bareWindow", bare_painted))
        bare.show()

    spies = [
        _on_first_paint("unlockDialog", dialog_painted),
        _on_first_paint("mainWindow", window_painted),
    ]
    # The person's own command; the event filter is on the application it will reuse.
    code = main(["--data-dir", str(folder)])
    print(json.dumps(said), flush=True)
    return code


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        if sys.argv[2] == "floor":
            sys.exit(_child_floor())
        sys.exit(_child_program(sys.argv[2], Path(sys.argv[3])))
    print(measure(quick="--quick" in sys.argv))
