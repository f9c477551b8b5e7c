"""Only one running program may hold a vault: an OS-level lock on a file beside it.

The operating system drops the lock when the process dies, so a crash never leaves the vault
locked for ever (unlike a lock that is only a file's existence).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path
from typing import IO

from bk_desktop.storage.error_sorting import sort_os_error
from bk_desktop.storage.errors import VaultInUse

# What a non-blocking lock answers when another process holds it: flock says EWOULDBLOCK
# (EAGAIN), Windows' locking says EACCES or EDEADLOCK. Anything else is not "in use".
_HELD_ELSEWHERE = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK})


class InstanceLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def acquire(self) -> None:
        if self._handle is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        except OSError as error:
            sorted_error = sort_os_error(error, str(self.path.parent))
            if sorted_error is error:
                raise
            raise sorted_error from error
        handle = os.fdopen(fd, "r+b")
        try:
            _lock(handle)
        except OSError as error:
            handle.close()
            if error.errno in _HELD_ELSEWHERE:
                raise VaultInUse from None
            raise
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode("ascii"))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            _unlock(self._handle)
        self._handle.close()
        self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
