"""One entry point for people and CI: sets up ``.venv`` on first use, then runs or tests.

    python dev.py [ARGS...]   start bk-desktop (ARGS go to the program, e.g. --demo)
    python dev.py test [PYTEST ARGS...]   ruff, mypy and the whole pytest suite

Only the standard library is used here so that a fresh clone with Python >= 3.11 and pip
is enough. The virtual environment is refreshed whenever ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "bk-desktop-installed.txt"


def _venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def _project_hash() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> Path:
    python = _venv_python()
    if not python.exists():
        print("Menyiapkan lingkungan Python (.venv) untuk pertama kali…", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = _project_hash()
    if not STAMP.exists() or STAMP.read_text(encoding="utf-8").strip() != wanted:
        print("Memasang paket yang dibutuhkan…", flush=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=False
        )
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]"], check=True
        )
        STAMP.write_text(wanted + "\n", encoding="utf-8")
    return python


def run_tests(python: Path, extra: list[str]) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    steps: list[list[str]] = [
        [str(python), "-m", "ruff", "check", "src", "tests", "benchmarks", "dev.py"],
        [str(python), "-m", "ruff", "format", "--check", "src", "tests", "benchmarks", "dev.py"],
        [str(python), "-m", "mypy"],
        [str(python), "-m", "pytest", *extra],
    ]
    for step in steps:
        print("$", " ".join(step[1:]), flush=True)
        code = subprocess.run(step, cwd=ROOT, env=env, check=False).returncode
        if code != 0:
            return code
    return 0


def main(argv: list[str]) -> int:
    python = ensure_environment()
    if argv[:1] == ["test"]:
        return run_tests(python, argv[1:])
    return subprocess.run([str(python), "-m", "bk_desktop", *argv], check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
