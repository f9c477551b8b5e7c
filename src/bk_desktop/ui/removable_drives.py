"""Where a flashdisk is: the first place the Kartu Pemulihan is offered to go.

The card must not sit on the computer whose data it opens, so "Simpan" starts on a mounted
removable drive when there is one. Which drives are removable is a question for the system,
asked through ``RemovableDrives`` so that tests hand in their own answer. ``same_disk`` tells
whether a chosen place is on the vault's own disk, the one place the card must not be.
"""

from __future__ import annotations

import ctypes
import getpass
import os
import string
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

_DRIVE_REMOVABLE = 2  # GetDriveTypeW: DRIVE_REMOVABLE


class RemovableDrives(Protocol):
    """The folders of the removable drives mounted now, most likely first."""

    def mounted(self) -> list[Path]: ...


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container, a bare service account)
        return ""


def _mount_points(parents: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for parent in parents:
        try:
            found += sorted(p for p in parent.iterdir() if p.is_dir() and os.access(p, os.W_OK))
        except OSError:  # the folder is absent or not ours: no drive there
            continue
    return found


def _windows_drive_type(root: str) -> int:
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    return int(kernel32.GetDriveTypeW(root))


class SystemDrives:
    """The system's answer: ``/media/$USER/*`` and ``/run/media/$USER/*`` on Linux (where
    udisks mounts a plugged-in stick), drives of type removable on Windows."""

    def __init__(
        self,
        platform: str = sys.platform,
        user: str | None = None,
        drive_type: Callable[[str], int] | None = None,
        media_roots: tuple[Path, ...] = (Path("/media"), Path("/run/media")),
    ) -> None:
        self._platform = platform
        self._user = _user_name() if user is None else user
        self._drive_type = drive_type or _windows_drive_type
        self._media_roots = media_roots

    def mounted(self) -> list[Path]:
        if self._platform == "win32":
            roots = [f"{letter}:\\" for letter in string.ascii_uppercase]
            # A letter with no drive behind it is DRIVE_NO_ROOT_DIR, so no existence check.
            return [Path(root) for root in roots if self._drive_type(root) == _DRIVE_REMOVABLE]
        if not self._user:
            return []
        return _mount_points(root / self._user for root in self._media_roots)


def _device_of(path: Path) -> int | None:
    """The device a path is (or would be) written on: its nearest existing folder's."""
    for candidate in (path, *path.parents):
        try:
            return candidate.stat().st_dev
        except OSError:
            continue
    return None


def same_disk(first: Path, second: Path) -> bool:
    """Whether two places are on one disk; unknown (nothing of either exists) counts as not."""
    a, b = _device_of(first), _device_of(second)
    return a is not None and a == b
