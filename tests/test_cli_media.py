"""The command line on hostile media: read-only sticks and shares, and disks that are full.

Real mounts (``tests/media.py``): a tmpfs that really runs out of space, a read-only bind
mount. Each refusal is one Indonesian line that names the cause, and leaves every file of the
vault byte for byte as it was.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bk_desktop.cli import Terminal, main

from media import fill, fingerprint, read_only, tmpfs

PASSWORD = "Kopi-Pagi-Bontang-2026"
ACCOUNT = "Sari Wulandari"
UNEXPECTED = "kesalahan tak terduga"


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: str
    stderr: str


Run = Callable[..., Done]


@pytest.fixture
def run(tmp_path: Path) -> Run:
    def run_cli(*args: str, lines: tuple[str, ...] = (), data_dir: Path) -> Done:
        environment = {
            "BK_DESKTOP_KDF_TARGET": "0.01",
            "BK_DESKTOP_LOG_DIR": str(tmp_path / "logs"),
        }
        out, err = io.StringIO(), io.StringIO()
        stdin = io.StringIO("".join(line + "\n" for line in lines))
        code = main(["--data-dir", str(data_dir), *args], Terminal(stdin, out, err, environment))
        return Done(code, out.getvalue(), err.getvalue())

    return run_cli


def init(run: Run, data: Path) -> str:
    done = run("init", "--account", ACCOUNT, lines=(PASSWORD,) * 2, data_dir=data)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1].removeprefix("Kunci pemulihan: ")


def backup(run: Run, data: Path, to: Path) -> Path:
    done = run("backup", str(to), lines=(PASSWORD,), data_dir=data)
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip())


def refused(done: Done, *words: str) -> str:
    """The one line of a refusal, checked to name its cause and not to be a bug."""
    assert done.returncode == 1, done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert UNEXPECTED not in lines[0], lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# -- 1: restoring from read-only media --------------------------------------------------------


def test_restore_from_a_read_only_stick(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "data"
    init(run, data)
    stick = tmp_path / "usb"
    saved = backup(run, data, stick)
    before = fingerprint(stick)
    with read_only(stick):
        done = run("restore", str(saved), lines=(PASSWORD,), data_dir=data)
        assert done.returncode == 0, done.stderr
        assert fingerprint(stick) == before
    assert run("verify", lines=(PASSWORD,), data_dir=data).returncode == 0


def test_a_new_pc_is_set_up_from_a_read_only_stick_with_the_recovery_key(
    run: Run, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    recovery = init(run, data)
    stick = tmp_path / "usb"
    saved = backup(run, data, stick)
    new_pc = tmp_path / "komputer-baru"
    with read_only(stick):
        done = run("restore", str(saved), "--recovery", lines=(recovery,), data_dir=new_pc)
        assert done.returncode == 0, done.stderr
    assert not list(stick.glob(".*"))
    assert not list(new_pc.glob(".*.tmp"))
    assert run("verify", lines=(PASSWORD,), data_dir=new_pc).returncode == 0


# -- 2: full disks -----------------------------------------------------------------------------


def test_a_backup_to_a_full_stick_says_so_with_the_space_needed(run: Run, tmp_path: Path) -> None:
    data = tmp_path / "data"
    init(run, data)
    with tmpfs(tmp_path / "usb", "2m") as stick:
        fill(stick, leave=64 * 1024)
        done = run("backup", str(stick), lines=(PASSWORD,), data_dir=data)
        line = refused(done, "penuh", "MB")
        assert str(stick) in line
        assert sorted(p.name for p in stick.iterdir()) == ["pengisi.bin"]
    # Signing in was recorded in the vault, as always; no scratch copy was left beside it.
    assert not list(data.glob(".*"))
    assert run("verify", lines=(PASSWORD,), data_dir=data).returncode == 0


def test_a_full_data_disk_is_not_called_damage_and_leaves_nothing_behind(
    run: Run, tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "disk", "8m") as disk:
        data = disk / "data"
        init(run, data)
        saved = backup(run, data, tmp_path / "usb")
        filler = fill(disk)
        names = sorted(p.name for p in data.iterdir())
        before = fingerprint(data)
        for command in (("verify",), ("backup", str(tmp_path / "usb")), ("restore", str(saved))):
            done = run(*command, lines=(PASSWORD,) * 2, data_dir=data)
            assert done.returncode == 1, (command, done.stdout)
            line = refused(done, "penuh")
            assert "rusak" not in line
            assert sorted(p.name for p in data.iterdir()) == names, command
            assert fingerprint(data) == before, command
        filler.unlink()
        assert run("verify", lines=(PASSWORD,), data_dir=data).returncode == 0
