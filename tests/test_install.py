"""A normal, non-editable install works: the wheel carries everything the program reads.

The wheel is built from this checkout without build isolation (no download), installed with
``--no-deps`` into a fresh virtual environment whose third-party packages come from the
development environment through a ``.pth`` file, and run from a folder outside the checkout,
so only what the wheel holds can be found.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from bk_desktop import __version__

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Kopi-Pagi-Bontang-2026"

pytestmark = pytest.mark.slow


def _venv_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _site_packages(python: Path) -> Path:
    out = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy of what the sdist would hold: setuptools writes build/ and egg-info
    # beside the sources, and a stale build/ in the checkout would leak old files into wheels.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-build-isolation",
            "--no-deps",
            "--disable-pip-version-check",
            "--quiet",
            "--wheel-dir",
            str(out),
            str(source),
        ],
        check=True,
        cwd=out,
    )
    (built,) = out.glob("bk_desktop-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel installed; returns its python."""
    folder = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(folder)
    python = _venv_python(folder)
    # The dependencies of the development environment, without its editable bk_desktop: a
    # path in a .pth file is added to sys.path, but .pth files inside it are not run.
    (_site_packages(python) / "dev-deps.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n", encoding="utf-8"
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            "--quiet",
            str(wheel),
        ],
        check=True,
    )
    return python


def _run(python: Path, cwd: Path, *args: str, lines: tuple[str, ...] = ()) -> str:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"}
    }
    env.update(
        BK_DESKTOP_KDF_TARGET="0.01",
        BK_DESKTOP_LOG_DIR=str(cwd / "logs"),
        PYTHONIOENCODING="utf-8",
    )
    done = subprocess.run(
        [str(python), *args],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Terjadi kesalahan" not in done.stderr
    return done.stdout


def test_the_wheel_carries_the_schema_fonts_and_icons(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "bk_desktop/storage/schema/0001_vault.sql" in names
    assert "bk_desktop/resources/fonts/DejaVuSans.ttf" in names
    assert "bk_desktop/resources/fonts/DejaVu-LICENSE.txt" in names
    assert "bk_desktop/resources/icons/bk-desktop.svg" in names
    assert "bk_desktop/py.typed" in names
    assert not any(name.startswith(("tests/", "benchmarks/")) for name in names)


def test_the_installed_program_creates_and_verifies_a_vault(
    installed: Path, tmp_path: Path
) -> None:
    where = tmp_path / "elsewhere"
    where.mkdir()
    located = _run(installed, where, "-c", "import bk_desktop; print(bk_desktop.__file__)")
    assert ROOT not in Path(located.strip()).parents  # the installed copy, not the checkout

    assert _run(installed, where, "-m", "bk_desktop", "--version").strip().endswith(__version__)
    data = str(where / "data")
    init = _run(
        installed,
        where,
        "-m",
        "bk_desktop",
        "--data-dir",
        data,
        "init",
        "--account",
        "Sari Wulandari",
        "--school",
        "SMA Negeri 1 Bontang",
        lines=(PASSWORD, PASSWORD),
    )
    assert init.strip().splitlines()[-1].startswith("Kunci pemulihan: ")
    report = json.loads(
        _run(
            installed,
            where,
            "-m",
            "bk_desktop",
            "--data-dir",
            data,
            "verify",
            "--json",
            lines=(PASSWORD,),
        )
    )
    assert report["ok"] is True


def test_the_installed_program_finds_its_fonts_and_icons(installed: Path, tmp_path: Path) -> None:
    script = (
        "from bk_desktop.files.resources import resource_path\n"
        "from bk_desktop.reports.fonts import register_fonts\n"
        "register_fonts()\n"
        "print(resource_path('icons', 'bk-desktop.svg').is_file())\n"
    )
    assert _run(installed, tmp_path, "-c", script).strip() == "True"
