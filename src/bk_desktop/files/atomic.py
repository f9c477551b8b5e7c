"""Replace a file so that a crash leaves either the old or the new content, never a mix.

Neutral (imports nothing of the project) so that every layer writes files the one careful way:
the vault's key slots and restore staging, the failed-unlock record, every saved PDF
(``DocumentService.save``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

OWNER_ONLY_FILE = 0o600
OWNER_ONLY_DIR = 0o700
_GROUP_AND_OTHERS = 0o077


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents); only the folders created here are made owner-only.

    A folder that already exists belongs to someone's choice — a shared folder with its sticky
    bit, a USB stick, the user's Documents — and is left exactly as it is.
    """
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for created in reversed(missing):
        try:
            created.mkdir()
        except FileExistsError:
            continue
        if os.name == "posix":
            with contextlib.suppress(OSError):
                created.chmod(OWNER_ONLY_DIR)
    if not folder.is_dir():
        # Something other than a folder has the name; let mkdir say so in its own words.
        folder.mkdir(exist_ok=True)


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


def create_private(path: Path) -> IO[bytes]:
    """A new, empty file opened for writing, owner-only from its first byte.

    Refuses to reuse an existing name (``O_EXCL``, which also refuses a symlink planted under
    that name). File systems without permissions (FAT on a USB stick) ignore the mode.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, OWNER_ONLY_FILE)
    return os.fdopen(fd, "wb")


def scratch_name(folder: Path, stem: str) -> Path:
    """A fresh hidden name ``.{stem}.{8 hex}.tmp`` in ``folder``, for work files removed later."""
    return folder / f".{stem}.{secrets.token_hex(4)}.tmp"


@contextlib.contextmanager
def scratch_files(*paths: Path) -> Iterator[None]:
    """Remove ``paths`` (and any SQLite sidecars of them) when the block ends, however it ends."""
    try:
        yield
    finally:
        for path in paths:
            for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
                with contextlib.suppress(OSError):
                    leftover.unlink()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary file is owner-only from its creation, fsynced, then renamed over the
    target; on any failure it is removed and the target keeps its old content.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    handle = create_private(tmp)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def restrict_file(path: Path) -> None:
    """Take away group and others' rights; the owner's own rights are never added to.

    A vault file someone set read-only (0400) stays read-only: making it writable behind their
    back would overrule a decision the program should report instead (``is_read_only``).
    """
    if os.name != "posix":
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & _GROUP_AND_OTHERS:
            path.chmod(mode & ~_GROUP_AND_OTHERS)
    except OSError:
        return


def is_read_only(path: Path) -> bool:
    """Whether the file's own permissions forbid writing (its read-only attribute on Windows).

    Asked of the mode bits rather than ``os.access``, which answers yes to an administrator.
    """
    try:
        return not path.stat().st_mode & stat.S_IWUSR
    except FileNotFoundError:
        return False
