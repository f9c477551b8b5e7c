"""Only one running program may hold a vault: an OS-level lock on a file beside it.

The operating system drops the lock when the process dies, so a crash never leaves the vault
locked for ever (unlike a lock that is only a file's existence).

People delete ``bk-desktop.lock`` when told the vault is "already open". A lock on a deleted
file still holds, but on a file nobody else can find: a second program would create a new one,
lock that, and replace the vault under the first. So, after locking, the lock's handle must be
the file at the path (``st_dev``/``st_ino``), it is checked again before any rename of the
vault (``check_held``), and on Linux the vault file itself is locked too (``flock``, which
SQLite's own POSIX locks do not touch), so a second program is refused even when the lock file
is gone. On Windows an open lock file cannot be deleted, which is the same guarantee.

The lock file is opened without following a symbolic link: a link planted under its name
would otherwise let the program truncate whatever file it points at.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path

from bk_desktop.storage.error_sorting import sort_os_error
from bk_desktop.storage.errors import LockFileInvalid, LockLost, VaultInUse

# What a non-blocking lock answers when another process holds it: flock says EWOULDBLOCK
# (EAGAIN), Windows' locking says EACCES or EDEADLOCK. Anything else is not "in use".
_HELD_ELSEWHERE = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK})
_ATTEMPTS = 5
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_GUARDS_VAULT_FILE = sys.platform.startswith("linux")


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


class InstanceLock:
    def __init__(self, path: Path, guarded: Path | None = None) -> None:
        """``path`` is the lock file; ``guarded`` the vault file locked beside it (Linux)."""
        self.path = path
        self.guarded = guarded
        self._fd: int | None = None
        self._guard_fd: int | None = None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        for _ in range(_ATTEMPTS):
            fd = self._open_locked()
            try:
                same = _identity(os.fstat(fd)) == _identity(os.lstat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                break
            # Deleted or replaced between our open and our lock: try the file that is there now.
            _release_fd(fd)
        else:
            raise VaultInUse
        try:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode("ascii"))
        except OSError:
            pass  # the pid is a courtesy for people; the lock itself is held
        self._fd = fd
        try:
            self.guard_vault_file()
        except BaseException:
            self.release()
            raise

    def _open_locked(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | _NO_FOLLOW | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise LockFileInvalid(self.path.name, str(self.path.parent)) from None
            sorted_error = sort_os_error(error, str(self.path.parent))
            if sorted_error is error:
                raise
            raise sorted_error from error
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise LockFileInvalid(self.path.name, str(self.path.parent))
            _lock(fd)
        except OSError as error:
            os.close(fd)
            if error.errno in _HELD_ELSEWHERE:
                raise VaultInUse from None
            raise
        except BaseException:
            os.close(fd)
            raise
        return fd

    def guard_vault_file(self) -> None:
        """Lock the vault file as it is now (again after the vault was replaced by a restore)."""
        if not _GUARDS_VAULT_FILE or self.guarded is None:
            return
        self._release_guard()
        try:
            fd = os.open(self.guarded, os.O_RDONLY | _NO_FOLLOW)
        except OSError:
            return  # no vault yet (setup, a new PC): the lock file alone guards the folder
        try:
            _lock(fd)
        except OSError as error:
            os.close(fd)
            if error.errno in _HELD_ELSEWHERE:
                raise VaultInUse from None
            raise
        self._guard_fd = fd

    def check_held(self) -> None:
        """Refuse (``LockLost``) unless the lock file at the path is still the one we hold.

        Asked before the vault is renamed or replaced: if the file was deleted or swapped,
        another program may believe it holds the vault too.
        """
        if self._fd is None:
            raise LockLost(str(self.path.parent))
        try:
            same = _identity(os.fstat(self._fd)) == _identity(os.lstat(self.path))
        except FileNotFoundError:
            same = False
        if not same:
            raise LockLost(str(self.path.parent))

    def _release_guard(self) -> None:
        if self._guard_fd is not None:
            _release_fd(self._guard_fd)
            self._guard_fd = None

    def release(self) -> None:
        self._release_guard()
        if self._fd is None:
            return
        _release_fd(self._fd)
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def _release_fd(fd: int) -> None:
    with contextlib.suppress(OSError):
        _unlock(fd)
    with contextlib.suppress(OSError):
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
