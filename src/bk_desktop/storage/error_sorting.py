"""Sort failures of SQLite and of the operating system into errors a person can act on.

Each failure is sorted by its number, never by its message: SQLite's result code
(``sqlite_errorcode`` on sqlcipher3's exceptions) and the ``errno`` of an ``OSError``. The
English text of either can change with a library or system update, or be translated, and a
sorting that read it would then quietly call a full disk a bug (or a bug a full disk). A
failure that is not sorted is returned unchanged: it is a bug, reported as one.
"""

from __future__ import annotations

import contextlib
import errno
import shutil
from collections.abc import Iterator
from pathlib import Path

from bk_desktop.storage.errors import (
    DiskFull,
    NoPermission,
    ReadOnlyLocation,
    StorageUnavailable,
    VaultDamaged,
)

# SQLite's primary result codes (https://sqlite.org/rescode.html). An extended code carries
# its primary code in the low byte, so ``code & 0xFF`` sorts both kinds.
SQLITE_PERM = 3
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
# Extended codes whose meaning differs from their primary code's.
SQLITE_READONLY_DBMOVED = SQLITE_READONLY | (4 << 8)
SQLITE_IOERR_NOMEM = SQLITE_IOERR | (12 << 8)
SQLITE_IOERR_CORRUPTFS = SQLITE_IOERR | (33 << 8)

_DISK_FULL_ERRNOS = frozenset(
    code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None)) if code is not None
)
_READ_ONLY_ERRNOS = frozenset({errno.EROFS})
_NO_PERMISSION_ERRNOS = frozenset({errno.EACCES, errno.EPERM})
_UNAVAILABLE_ERRNOS = frozenset({errno.EIO, errno.ENODEV, errno.ENXIO})


def sqlite_result_code(error: BaseException) -> int | None:
    """The SQLite result code an exception of sqlcipher3 carries, or None for any other."""
    code = getattr(error, "sqlite_errorcode", None)
    return code if isinstance(code, int) else None


def sort_sqlite_error(error: Exception, path: Path, *, copy: bool = False) -> Exception:
    """The ``VaultError`` for a SQLite failure on the database file ``path``, or ``error``.

    Damage is named by the file; a read-only, refused or missing place by its folder. A
    ``copy`` (a backup being written) names its folder when the disk is full too, because the
    vault itself is then untouched.
    """
    code = sqlite_result_code(error)
    if code is None or code == SQLITE_IOERR_NOMEM:
        return error
    folder = str(path.parent)
    if code == SQLITE_READONLY_DBMOVED:
        return StorageUnavailable(folder)
    if code == SQLITE_IOERR_CORRUPTFS:
        return VaultDamaged(path.name)
    primary = code & 0xFF
    if primary == SQLITE_FULL:
        return DiskFull(folder if copy else "")
    if primary == SQLITE_READONLY:
        return ReadOnlyLocation(folder)
    if primary == SQLITE_PERM:
        return NoPermission(folder)
    if primary in (SQLITE_IOERR, SQLITE_CANTOPEN):
        # SQLite says "I/O error" (e.g. IOERR_SHMSIZE) for some writes that a full disk
        # refused; the disk's free space, measured now, tells the two apart.
        if disk_is_full(path.parent):
            return DiskFull(folder if copy else "")
        return StorageUnavailable(folder)
    if primary in (SQLITE_NOTADB, SQLITE_CORRUPT):
        return VaultDamaged(path.name)
    return error


NEARLY_FULL = 1_000_000
"""Free bytes below which a failed write is put down to the full disk."""


def disk_is_full(folder: Path) -> bool:
    """Whether the disk of ``folder`` has (almost) no room left; False when it cannot be asked."""
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL
    except OSError:
        return False


def sort_os_error(error: OSError, where: str) -> Exception:
    """The ``VaultError`` for a failed file operation in the folder ``where``, or ``error``."""
    if error.errno in _DISK_FULL_ERRNOS:
        return DiskFull(where)
    if error.errno in _READ_ONLY_ERRNOS:
        return ReadOnlyLocation(where)
    if error.errno in _NO_PERMISSION_ERRNOS:
        return NoPermission(where)
    if error.errno in _UNAVAILABLE_ERRNOS:
        return StorageUnavailable(where)
    return error


@contextlib.contextmanager
def sorted_os_errors(where: Path) -> Iterator[None]:
    """Raise a failed file operation in the folder ``where`` as the ``VaultError`` it is."""
    try:
        yield
    except OSError as error:
        sorted_error = sort_os_error(error, str(where))
        if sorted_error is error:
            raise
        raise sorted_error from error
