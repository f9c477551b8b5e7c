"""Real hostile media for tests: a small tmpfs that fills up, and read-only mounts.

Mounting needs root (as in the project's CI container); elsewhere the tests that use these
skip with the reason. Each mount is undone when its block ends, also when the test fails.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


def _can_mount() -> str | None:
    """Why mounting is impossible here, or None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root to mount a tmpfs"
    if shutil.which("mount") is None:
        return "no mount command"
    return None


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` (e.g. ``"4m"``) mounted on ``folder``: a disk that really fills up."""
    reason = _can_mount()
    if reason:
        pytest.skip(reason)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder))
    except subprocess.CalledProcessError as error:
        pytest.skip(f"tmpfs cannot be mounted here: {error.stderr!r}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` made read-only by a read-only bind mount over itself (a CD, a locked stick)."""
    reason = _can_mount()
    if reason:
        pytest.skip(reason)
    try:
        _mount("--bind", str(folder), str(folder))
    except subprocess.CalledProcessError as error:
        pytest.skip(f"a bind mount is not possible here: {error.stderr!r}")
    try:
        _mount("-o", "remount,bind,ro", str(folder))
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the disk of ``folder`` until at most ``leave`` bytes are free; returns the filler."""
    filler = folder / "pengisi.bin"
    free = shutil.disk_usage(folder).free
    with filler.open("wb") as handle:
        remaining = max(0, free - leave)
        block = b"\xff" * (1 << 16)
        with contextlib.suppress(OSError):
            while remaining > 0:
                remaining -= handle.write(block[: min(len(block), remaining)])
    return filler


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (but the lock and failure record) by its SHA-256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix not in {".lock", ".failures"}
    }
