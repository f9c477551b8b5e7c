"""Build the frozen one-folder program, prove it works, and make the Windows installer.

    python packaging/build.py [--python PY] [--installer auto|require|skip]

1. Installs PyInstaller into the project's ``.venv`` when it is missing (``python dev.py``
   sets that venv up; only this script needs PyInstaller, so the test run does not pay for it).
2. Checks that the icons still match their SVG, then runs ``packaging/bk-desktop.spec`` into
   ``build/dist/bk-desktop``.
3. Measures the folder. On Linux it must stay within 130 MB.
4. Runs the **frozen** program on a temporary vault: ``--version``, ``init``, ``demo-data``,
   ``verify --json`` and ``backup`` (passwords on standard input, a fast key derivation), then
   opens the window offscreen and checks that the unlock dialog appeared with its icon.
5. Compiles ``packaging/windows/installer.nsi`` with ``makensis`` against the built folder.
   On Windows that is the real installer; on Linux it proves the script compiles and that every
   file it names exists in the layout (the executables are looked up without ``.exe``).
6. On Linux, installs the desktop entry into a temporary home, and prints the Debian packages
   the build left to the system.

Standard library only: it runs before anything is installed. Exit status 0 when every step
passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = BUILD / "dist"
WORK = BUILD / "pyinstaller"
NAME = "bk-desktop"
PYINSTALLER = "pyinstaller>=6.10,<7"
LINUX_LIMIT_MB = 125
"""120 MB until issue 15 brought printed documents: PDFium (7.1 MB), Qt's print support
(1 MB), pypdf, and the fallback font that prints names DejaVu lacks (Droid Sans Fallback,
3.8 MB) (docs/printing.md); 130 MB until the Linux console twin became a link to the one
executable instead of a second copy of the Python archive (7.4 MB)."""
PASSWORD = "Kopi-Pagi-Bontang-2026"
DEMO_STUDENTS = 200
STEP_TIMEOUT = 300
WINDOWS = os.name == "nt"
LINUX = sys.platform.startswith("linux")

sys.path.insert(0, str(PACKAGING))
from version_resource import numeric_version  # noqa: E402 - stdlib-only module beside us


class BuildFailed(Exception):
    pass


def say(text: str) -> None:
    print(f"[build] {text}", flush=True)


def run(args: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own tools with fixed arguments
        [str(arg) for arg in args], text=True, check=False, **kwargs
    )


def project_python() -> Path:
    """The project's .venv with the program installed, made by dev.py's own function."""
    sys.path.insert(0, str(ROOT))
    import dev  # noqa: PLC0415 - dev.py is the one place that knows how .venv is made

    return dev.ensure_environment("user")


def ensure_pyinstaller(python: Path) -> None:
    if run([python, "-c", "import PyInstaller"], capture_output=True).returncode == 0:
        return
    say(f"installing {PYINSTALLER} into {python}")
    done = run([python, "-m", "pip", "install", "--disable-pip-version-check", PYINSTALLER])
    if done.returncode != 0:
        raise BuildFailed("pip could not install PyInstaller")


def program_version(python: Path) -> str:
    done = run(
        [python, "-c", "import bk_desktop; print(bk_desktop.__version__)"],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    if done.returncode != 0:
        raise BuildFailed(f"cannot read bk_desktop.__version__:\n{done.stderr}")
    return done.stdout.strip()


def check_icons(python: Path) -> None:
    done = run(
        [python, PACKAGING / "make_icons.py", "--check"],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    if done.returncode != 0:
        raise BuildFailed("the icons do not match bk-desktop.svg")


def freeze(python: Path) -> float:
    started = time.perf_counter()
    done = run(
        [
            python,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            DIST,
            "--workpath",
            WORK,
            PACKAGING / "bk-desktop.spec",
        ],
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise BuildFailed("PyInstaller failed")
    return time.perf_counter() - started


# What printing needs in the folder (issue 15), each as a pattern under ``_internal/``: PDFium,
# which pypdfium2 opens by name (no link table shows it, so a trimming rule could drop it
# unnoticed), Qt's print support, and on Linux the CUPS plugin that lists the printers.
PRINTING_PARTS = {
    "PDFium": "pypdfium2_raw/*pdfium*",
    "QtPrintSupport": "PySide6/QtPrintSupport*",
}
LINUX_PRINTING_PARTS = {"Qt's CUPS plugin": "PySide6/Qt/plugins/printsupport/*cups*"}


def missing_parts(folder: Path, *, linux: bool = LINUX) -> list[str]:
    """The parts printing needs that the built folder lacks (an empty list: all there)."""
    wanted = {**PRINTING_PARTS, **(LINUX_PRINTING_PARTS if linux else {})}
    inside = folder / "_internal"
    return [name for name, pattern in wanted.items() if not any(inside.glob(pattern))]


def folder_bytes(folder: Path) -> int:
    """Sum of file sizes (what an installer or an archive carries), symlinks not followed."""
    return sum(
        path.lstat().st_size for path in folder.rglob("*") if path.is_file() or path.is_symlink()
    )


def executable(folder: Path, name: str) -> Path:
    return folder / (f"{name}.exe" if WINDOWS else name)


class FrozenProgram:
    """Runs the frozen executables on one temporary data folder."""

    def __init__(self, folder: Path, scratch: Path) -> None:
        self.cli = executable(folder, f"{NAME}-cli")
        self.window = executable(folder, NAME)
        self.data = scratch / "data"
        self.env = {
            **os.environ,
            "BK_DESKTOP_KDF_TARGET": "0.01",
            "BK_DESKTOP_LOG_DIR": str(scratch / "logs"),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONIOENCODING": "utf-8",
        }
        for leak in ("PYTHONPATH", "PYTHONHOME", "QT_PLUGIN_PATH", "LD_LIBRARY_PATH"):
            self.env.pop(leak, None)
        self.cwd = scratch

    def __call__(self, *args: str, lines: int = 0, program: Path | None = None) -> str:
        command = [program or self.cli, "--data-dir", self.data, *args]
        if args[:1] == ("--version",):
            command = [self.cli, "--version"]
        started = time.perf_counter()
        done = run(
            command,
            input=f"{PASSWORD}\n" * lines,
            capture_output=True,
            encoding="utf-8",
            env=self.env,
            cwd=self.cwd,
            timeout=STEP_TIMEOUT,
        )
        took = time.perf_counter() - started
        say(f"  {' '.join(args) or '(window)'}: exit {done.returncode}, {took:.1f} s")
        if done.returncode != 0:
            raise BuildFailed(f"the frozen program failed on {args}:\n{done.stdout}\n{done.stderr}")
        return done.stdout


def smoke_test(folder: Path, version: str) -> float:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bk-frozen-") as scratch:
        frozen = FrozenProgram(folder, Path(scratch))
        shown = frozen("--version").strip()
        if shown != f"{NAME} {version}":
            raise BuildFailed(f"--version says {shown!r}, the package says {version}")
        init = frozen("init", "--account", "Sari Wulandari", "--school", "SMA Contoh", lines=2)
        if not init.strip().splitlines()[-1].startswith("Kunci pemulihan: "):
            raise BuildFailed(f"init printed no recovery key:\n{init}")
        frozen("demo-data", "--students", str(DEMO_STUDENTS), "--years", "1", lines=1)
        report = json.loads(frozen("verify", "--json", lines=1))
        if not report.get("ok") or report["counts"].get("students") != DEMO_STUDENTS:
            raise BuildFailed(f"verify --json reported {report}")
        # Python steps live in the bundle's archive, SQL steps as data files: a step the
        # bundle lost would leave a new vault one version short without any error.
        shipped = len(list((ROOT / "src" / "bk_desktop" / "storage" / "schema").glob("[0-9]*_*")))
        if report.get("schema_version") != shipped:
            raise BuildFailed(
                f"the frozen program made a vault at schema {report.get('schema_version')}, "
                f"the sources ship {shipped} steps"
            )
        backups = Path(scratch) / "cadangan-usb"
        backups.mkdir()
        frozen("backup", str(backups), lines=1)
        written = list(backups.glob("*.bkbak"))
        if len(written) != 1 or written[0].stat().st_size == 0:
            raise BuildFailed(f"backup wrote {written}")
        frozen.env["BK_DESKTOP_SMOKE_TEST"] = "1"
        # The console twin on Windows (the windowed one has no standard output to read).
        shown = frozen(program=frozen.cli if WINDOWS else frozen.window)
        if "smoke: dialog=unlockDialog icon=ok" not in shown:
            raise BuildFailed(f"the window did not reach the unlock dialog: {shown!r}")
        logs = "".join(
            path.read_text(encoding="utf-8", errors="replace")
            for path in (Path(scratch) / "logs").glob("*.log*")
        )
        if "unexpected error" in logs or "Traceback" in logs:
            raise BuildFailed(f"the frozen program logged an error:\n{logs}")
    return time.perf_counter() - started


def build_installer(folder: Path, version: str, mode: str) -> Path | None:
    makensis = shutil.which("makensis")
    if mode == "skip" or (makensis is None and mode == "auto"):
        say("installer: skipped" + ("" if mode == "skip" else " (makensis not found)"))
        return None
    if makensis is None:
        raise BuildFailed("makensis not found (Debian: apt-get install nsis)")
    out = BUILD / f"{NAME}-{version}-setup.exe"
    numbers = ".".join(str(number) for number in numeric_version(version))
    done = run(
        [
            makensis,
            "-V2",
            "-WX",  # a warning (a missing language string, an unused variable) is an error
            f"-DVERSION={version}",
            f"-DVERSION_NUMBERS={numbers}",
            f"-DDIST={folder}",
            f"-DOUTFILE={out}",
            f"-DEXE_SUFFIX={'.exe' if WINDOWS else ''}",
            *([] if WINDOWS else ["-DCHECK_ONLY"]),
            PACKAGING / "windows" / "installer.nsi",
        ],
    )
    if done.returncode != 0:
        raise BuildFailed("makensis failed")
    if not WINDOWS:  # an installer of Linux files is of no use to anyone
        out.unlink()
    return out


def install_linux_entry(folder: Path) -> None:
    """Run the per-user install script into a temporary home and start what it installed."""
    with tempfile.TemporaryDirectory(prefix="bk-home-") as home:
        env = {**os.environ, "HOME": home, "XDG_DATA_HOME": f"{home}/.local/share"}
        done = run(["sh", folder / "install-linux.sh"], env=env, capture_output=True, cwd=home)
        if done.returncode != 0:
            raise BuildFailed(f"install-linux.sh failed:\n{done.stdout}\n{done.stderr}")
        entry = Path(home, ".local/share/applications/bk-desktop.desktop")
        icon = Path(home, ".local/share/icons/hicolor/256x256/apps/bk-desktop.png")
        command = Path(home, ".local/bin/bk-desktop")
        text = entry.read_text(encoding="utf-8") if entry.is_file() else ""
        if "Exec=" not in text or not icon.is_file() or not command.exists():
            raise BuildFailed(f"install-linux.sh left {entry}, {icon}, {command} incomplete")
        exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
        program = Path(shlex.split(exec_line.removeprefix("Exec="))[0])
        if not program.is_file():
            raise BuildFailed(f"the desktop entry starts {program}, which does not exist")
        say(f"  desktop entry: {exec_line}")


def add_linux_files(folder: Path) -> None:
    for name in ("install-linux.sh", "bk-desktop.desktop"):
        target = folder / name
        shutil.copy2(PACKAGING / "linux" / name, target)
    (folder / "install-linux.sh").chmod(0o755)


def debian_packages() -> list[str]:
    """The Debian packages that provide the libraries the build left to the system."""
    listing = WORK / NAME / "system-libraries.txt"
    if not listing.is_file() or shutil.which("dpkg") is None:
        return []
    packages: set[str] = set()
    for library in listing.read_text(encoding="utf-8").split():
        # dpkg may know the file under /lib or /usr/lib (merged /usr), resolved or not.
        for candidate in (library, library.removeprefix("/usr"), f"/usr{library}"):
            done = run(["dpkg", "-S", candidate], capture_output=True)
            if done.returncode == 0:
                packages.add(done.stdout.split(":", 1)[0])
                break
    return sorted(packages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", type=Path, help="the Python to build with (default: .venv)")
    parser.add_argument(
        "--installer",
        choices=("auto", "require", "skip"),
        default="auto",
        help="compile the NSIS installer: when makensis exists (auto), always, or never",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        python = args.python or project_python()
        ensure_pyinstaller(python)
        version = program_version(python)
        say(f"bk-desktop {version} with {python}")
        check_icons(python)
        shutil.rmtree(DIST / NAME, ignore_errors=True)
        build_seconds = freeze(python)
        folder = DIST / NAME
        if LINUX:
            add_linux_files(folder)
        size_mb = folder_bytes(folder) / 1_000_000
        say(f"frozen in {build_seconds:.1f} s: {folder} holds {size_mb:.1f} MB")
        if LINUX and size_mb > LINUX_LIMIT_MB:
            raise BuildFailed(f"{size_mb:.1f} MB is more than the {LINUX_LIMIT_MB} MB limit")
        missing = missing_parts(folder)
        if missing:
            raise BuildFailed(f"the folder lacks what printing needs: {', '.join(missing)}")
        say("running the frozen program on a temporary vault")
        smoke_seconds = smoke_test(folder, version)
        installer_started = time.perf_counter()
        installer = build_installer(folder, version, args.installer)
        installer_seconds = time.perf_counter() - installer_started
        if installer is not None:
            label = "installer" if WINDOWS else "installer script compiled against this layout"
            say(f"{label}: {installer} in {installer_seconds:.1f} s")
        if LINUX:
            install_linux_entry(folder)
            packages = debian_packages()
            if packages:
                say("libraries left to the system come from: " + " ".join(packages))
    except BuildFailed as failure:
        say(f"FAILED: {failure}")
        return 1
    except subprocess.TimeoutExpired as slow:
        say(f"FAILED: {slow.cmd} took more than {slow.timeout} s")
        return 1
    say(
        f"done in {time.perf_counter() - started:.1f} s "
        f"(freeze {build_seconds:.1f} s, frozen checks {smoke_seconds:.1f} s, "
        f"size {size_mb:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
