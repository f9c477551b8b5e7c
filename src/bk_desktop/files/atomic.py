"""Replace a file so that a crash leaves either the old or the new content, never a mix.

Neutral (imports nothing of the project) so that every layer writes files the one careful way:
the vault's key slots and restore staging, the failed-unlock record, the recovery card PDF.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

OWNER_ONLY_FILE = 0o600
OWNER_ONLY_DIR = 0o700


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) and restrict it to its owner on POSIX."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        with contextlib.suppress(PermissionError):
            folder.chmod(OWNER_ONLY_DIR)


# File systems that cannot sync a folder (some network and FUSE mounts) say so with these;
# the rename has still happened, so refusing the write then would be a lie.
_DIR_SYNC_UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EBADF})


def fsync_dir(folder: Path) -> None:
    """Make a rename durable: on POSIX the directory entry must reach the disk too."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in _DIR_SYNC_UNSUPPORTED:
            raise
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary file is owner-only from its creation, fsynced, then renamed over the
    target; on any failure it is removed and the target keeps its old content.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, OWNER_ONLY_FILE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def restrict_file(path: Path) -> None:
    if os.name == "posix" and path.exists():
        with contextlib.suppress(PermissionError):
            path.chmod(OWNER_ONLY_FILE)
