"""Free space, asked before large writes, so a full disk is refused before anything is begun.

A backup or a restore that runs out of space half-way must undo itself, and the undoing (while
the disk is still full) is where rescue paths used to break. Checking first turns most full
disks into one clear message with the space needed; the sorting of ``ENOSPC`` and
``SQLITE_FULL`` (``error_sorting``) still catches a disk that fills up meanwhile.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

from bk_desktop.storage.errors import DiskFull

MIN_MARGIN = 1_000_000
"""Room left over beyond the files themselves: directory entries, SQLite's journal, the log."""


def margin(size: int) -> int:
    """The headroom asked for beyond ``size`` bytes: 5 %, at least 1 MB."""
    return max(MIN_MARGIN, size // 20)


def _existing(folder: Path) -> Path:
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return probe


def require_free(needs: Mapping[Path, int]) -> None:
    """Refuse with ``DiskFull`` unless each folder's disk has room for what will be written there.

    ``needs`` maps a folder (it may not exist yet) to the bytes that will be written in it;
    folders on the same disk add up. A folder whose free space cannot be asked (an unplugged
    drive) is left to the write itself, which sorts its own error.
    """
    by_disk: dict[int, tuple[Path, int]] = {}
    for folder, size in needs.items():
        place = _existing(folder)
        try:
            device = place.stat().st_dev
        except OSError:
            continue
        first, total = by_disk.get(device, (folder, 0))
        by_disk[device] = (first, total + size)
    for folder, size in by_disk.values():
        wanted = size + margin(size)
        try:
            free = shutil.disk_usage(_existing(folder)).free
        except OSError:
            continue
        if free < wanted:
            raise DiskFull(str(folder), needed=wanted)
