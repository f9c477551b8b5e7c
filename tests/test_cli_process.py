"""``bk-desktop`` as a real child process (``python -m bk_desktop``), for what only a process
shows: exit codes, standard input read line by line, ``--help``, nothing but one clean line on
stderr, and that the commands never import Qt. Everything else is in ``test_cli.py``,
in-process and fast."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bk_desktop.cli import Terminal, main

PASSWORD = "Kopi-Pagi-Bontang-2026"
ACCOUNT = "Sari Wulandari"
COMMANDS = ("init", "verify", "backup", "restore", "passwd", "import-students", "demo-data")

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """Run ``bk-desktop --data-dir <tmp>/data ARGS`` as a child process with ``lines`` as
    standard input."""

    def run_cli(*args: str, lines: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
        environment = dict(
            os.environ,
            BK_DESKTOP_KDF_TARGET="0.01",
            BK_DESKTOP_LOG_DIR=str(tmp_path / "logs"),
            PYTHONIOENCODING="utf-8",
        )
        return subprocess.run(
            [sys.executable, "-m", "bk_desktop", "--data-dir", str(tmp_path / "data"), *args],
            input="".join(line + "\n" for line in lines),
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=environment,
            timeout=120,
            check=False,
        )

    return run_cli


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """A vault in <tmp>/data, made in-process (the child processes are the tests)."""
    environment = {"BK_DESKTOP_KDF_TARGET": "0.01", "BK_DESKTOP_LOG_DIR": str(tmp_path / "logs")}
    stdin = io.StringIO(f"{PASSWORD}\n{PASSWORD}\n")
    terminal = Terminal(stdin, io.StringIO(), io.StringIO(), environment)
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "init", "--account", ACCOUNT], terminal) == 0
    return data


def assert_one_clean_line(stderr: str) -> None:
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in stderr


def test_init_prints_the_recovery_key_as_its_last_line(run: Run) -> None:
    done = run("init", "--account", ACCOUNT, lines=(PASSWORD, PASSWORD))
    assert done.returncode == 0, done.stderr
    last = done.stdout.splitlines()[-1]
    assert last.startswith("Kunci pemulihan: ")
    assert len(last.removeprefix("Kunci pemulihan: ").split("-")) == 8
    assert PASSWORD not in done.stdout


def test_wrong_password_is_one_indonesian_line(run: Run, vault: Path) -> None:
    done = run("verify", lines=("bukan-kata-sandinya",))
    assert done.returncode == 1
    assert done.stdout == ""
    assert_one_clean_line(done.stderr)
    assert "Kata sandi salah" in done.stderr


def test_missing_password_line_is_one_line(run: Run, vault: Path) -> None:
    done = run("verify")
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert "Masukan standar habis" in done.stderr


def test_a_usage_error_exits_2_in_indonesian(run: Run) -> None:
    done = run("verify", "--password", PASSWORD)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "kesalahan:" in done.stderr
    assert "Traceback" not in done.stderr


def test_help_lists_every_command(run: Run) -> None:
    done = run("--help")
    assert done.returncode == 0
    assert done.stdout.startswith("Pemakaian: bk-desktop")
    for command in COMMANDS:
        assert f"\n    {command} " in done.stdout


def test_commands_never_load_qt(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from bk_desktop import cli\n"
        f"cli.main(['--data-dir', {str(tmp_path)!r}, 'verify'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'bk_desktop.ui'))))\n"
    )
    env = dict(os.environ, BK_DESKTOP_LOG_DIR=str(tmp_path / "logs"))
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )
    assert done.stdout.strip() == "[]"
    assert "Belum ada brankas" in done.stderr


_SPY_ON_THE_WINDOW = """
import sys
import bk_desktop.app as app

def spy(paths, **options):
    heavy = ("sqlcipher3", "cryptography", "argon2", "openpyxl", "bk_desktop.services.access")
    print("window", paths.folder, sorted(m for m in heavy if m in sys.modules))
    return 0

app.open_window = spy
from bk_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("style", ["separate", "joined", "none"])
def test_the_plain_start_reaches_the_window_before_the_vault_stack(
    tmp_path: Path, style: str
) -> None:
    """``bk-desktop`` (what a person runs) goes straight to the window; the vault stack loads
    behind the unlock dialog, not before it."""
    data = tmp_path / "data"
    args = {"separate": ["--data-dir", str(data)], "joined": [f"--data-dir={data}"], "none": []}
    environment = dict(os.environ, BK_DESKTOP_LOG_DIR=str(tmp_path / "logs"))
    done = subprocess.run(
        [sys.executable, "-c", _SPY_ON_THE_WINDOW, *args[style]],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(" []\n")
    if style != "none":
        assert done.stdout.startswith(f"window {data} ")


def test_output_into_a_closed_pipe_ends_quietly(tmp_path: Path, vault: Path) -> None:
    """``bk-desktop verify --json | head -0``: the reader is gone before the first line."""
    environment = dict(
        os.environ,
        BK_DESKTOP_KDF_TARGET="0.01",
        BK_DESKTOP_LOG_DIR=str(tmp_path / "logs"),
        PYTHONIOENCODING="utf-8",
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "bk_desktop", "--data-dir", str(vault), "verify", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )
    assert child.stdout is not None
    child.stdout.close()  # before the child has written anything
    _, stderr = child.communicate(f"{PASSWORD}\n".encode(), timeout=120)
    assert stderr.decode("utf-8") == ""
    assert child.returncode == 1
    log = (tmp_path / "logs" / "bk-desktop.log").read_text(encoding="utf-8")
    assert "output closed by its reader" in log
