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


def _installed() -> tuple[str, str]:
    """(pyproject hash, "user" or "dev") of the last install, or empty strings."""
    if not STAMP.exists():
        return "", ""
    words = STAMP.read_text(encoding="utf-8").split()
    return (words[0], words[1]) if len(words) == 2 else ("", "")


def ensure_environment(kind: str = "user") -> Path:
    """Create ``.venv`` if needed and install the program; ``kind="dev"`` adds the dev tools.

    The user's command installs only what the program needs; the test command adds ruff, mypy,
    pytest and the rest. A dev install also serves the user's command, so nothing is
    reinstalled when a developer starts the program. pip prints its progress: a first run takes
    a few minutes on a school connection and must not look frozen.
    """
    python = _venv_python()
    if not python.exists():
        print("Menyiapkan lingkungan Python (.venv) untuk pertama kali…", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = _project_hash()
    have_hash, have_kind = _installed()
    if have_hash == wanted and have_kind in {kind, "dev"}:
        return python
    print("Memasang paket yang dibutuhkan (sekali saja; mungkin beberapa menit)…", flush=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--upgrade", "pip"],
        check=False,
    )
    target = f"{ROOT}[dev]" if kind == "dev" else str(ROOT)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-e", target],
        check=True,
    )
    STAMP.write_text(f"{wanted} {kind}\n", encoding="utf-8")
    return python


def run_tests(python: Path, extra: list[str]) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUTF8="1")
    steps: list[list[str]] = [
        [str(python), "-m", "ruff", "check", "src", "tests", "benchmarks", "packaging", "dev.py"],
        [
            str(python),
            "-m",
            "ruff",
            "format",
            "--check",
            "src",
            "tests",
            "benchmarks",
            "packaging",
            "dev.py",
        ],
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
    if argv[:1] == ["test"]:
        return run_tests(ensure_environment("dev"), argv[1:])
    python = ensure_environment("user")
    return subprocess.run([str(python), "-m", "bk_desktop", *argv], check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
