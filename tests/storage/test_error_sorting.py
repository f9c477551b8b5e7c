"""SQLite failures are sorted by result code and OS failures by errno, never by message text.

The SQLite failures here are real: sqlcipher3 raises them on real files (a full database made
with ``max_page_count``, a read-only connection, a file that is not a database, a folder that
does not exist). The tests run as root, so a refused folder cannot be provoked with chmod;
OS failures are real ``OSError`` objects with the errno the system would give.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlcipher3

from bk_desktop.storage.database import Database, connect_raw
from bk_desktop.storage.error_sorting import sort_os_error, sort_sqlite_error
from bk_desktop.storage.errors import (
    DiskFull,
    NoPermission,
    ReadOnlyLocation,
    StorageUnavailable,
    VaultDamaged,
)

KEY = bytes(range(32))


def _key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


@pytest.fixture
def vault_file(tmp_path: Path) -> Path:
    """An encrypted database with one small table, closed."""
    path = tmp_path / "data" / "bk-desktop.vault"
    path.parent.mkdir()
    conn = connect_raw(path, KEY)
    conn.execute("CREATE TABLE note (body BLOB)")
    conn.execute("INSERT INTO note VALUES (randomblob(100))")
    conn.close()
    return path


def _sqlite_error(run: Callable[[], object]) -> sqlcipher3.Error:
    with pytest.raises(sqlcipher3.Error) as caught:
        run()
    return caught.value


def test_a_full_database_is_disk_full(vault_file: Path) -> None:
    db = Database(connect_raw(vault_file, KEY), vault_file)
    pages = int(db.scalar("PRAGMA page_count"))
    db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFull) as caught:
        db.execute("INSERT INTO note VALUES (randomblob(200000))")
    db.close()
    assert isinstance(caught.value.__cause__, sqlcipher3.Error)
    assert caught.value.__cause__.sqlite_errorname == "SQLITE_FULL"
    assert "Disk penuh" in caught.value.message


def test_a_read_only_connection_names_the_folder(vault_file: Path) -> None:
    conn = sqlcipher3.connect(f"file:{vault_file}?mode=ro", uri=True, isolation_level=None)
    conn.execute(_key_pragma(KEY))
    db = Database(conn, vault_file)
    with pytest.raises(ReadOnlyLocation) as caught:
        db.execute("INSERT INTO note VALUES (x'00')")
    db.close()
    assert str(vault_file.parent) in caught.value.message
    assert "hanya-baca" in caught.value.message


def test_a_file_that_is_not_a_database_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "bk-desktop.vault"
    path.write_bytes(b"bukan basis data " * 600)
    db = Database(connect_raw(path, KEY), path)
    with pytest.raises(VaultDamaged) as caught:
        db.scalar("SELECT count(*) FROM sqlite_master")
    db.close()
    assert "bk-desktop.vault" in caught.value.message


def test_the_wrong_key_reads_as_damage_not_as_a_bug(vault_file: Path) -> None:
    db = Database(connect_raw(vault_file, bytes(32)), vault_file)
    with pytest.raises(VaultDamaged):
        db.scalar("SELECT count(*) FROM note")
    db.close()


def test_a_folder_that_is_gone_cannot_be_opened(tmp_path: Path) -> None:
    path = tmp_path / "dicabut" / "bk-desktop.vault"
    error = _sqlite_error(lambda: sqlcipher3.connect(str(path)).execute("SELECT 1"))
    assert error.sqlite_errorname == "SQLITE_CANTOPEN"
    sorted_error = sort_sqlite_error(error, path)
    assert isinstance(sorted_error, StorageUnavailable)
    assert str(path.parent) in sorted_error.message


def test_a_full_disk_while_copying_names_the_copy_s_folder(tmp_path: Path) -> None:
    conn = sqlcipher3.connect(":memory:")
    conn.execute("PRAGMA max_page_count = 1")
    error = _sqlite_error(lambda: conn.execute("CREATE TABLE t (x)"))
    assert error.sqlite_errorname == "SQLITE_FULL"
    copy = sort_sqlite_error(error, tmp_path / "usb" / "x.bkbak", copy=True)
    assert isinstance(copy, DiskFull)
    assert str(tmp_path / "usb") in copy.message
    assert "Perubahan terakhir" not in copy.message


def test_an_english_message_that_sounds_like_a_known_failure_stays_a_bug(
    vault_file: Path,
) -> None:
    """A table named like a failure once sent this bug to "read-only folder"."""
    db = Database(connect_raw(vault_file, KEY), vault_file)
    with pytest.raises(sqlcipher3.OperationalError) as caught:
        db.execute("SELECT * FROM readonly_database_or_disk_is_full_malformed")
    db.close()
    assert caught.value.sqlite_errorname == "SQLITE_ERROR"


def test_a_changed_message_does_not_change_the_sorting(vault_file: Path) -> None:
    """Only the code counts: the same failure reworded (a new SQLite, a translation) sorts the
    same, and a known phrase without a code is not sorted at all."""
    conn = sqlcipher3.connect(":memory:")
    conn.execute("PRAGMA max_page_count = 1")
    error = _sqlite_error(lambda: conn.execute("CREATE TABLE t (x)"))
    error.args = ("penyimpanan habis",)
    assert isinstance(sort_sqlite_error(error, vault_file), DiskFull)

    codeless = sqlcipher3.OperationalError("database or disk is full")
    assert sort_sqlite_error(codeless, vault_file) is codeless
    plain = RuntimeError("file is not a database")
    assert sort_sqlite_error(plain, vault_file) is plain


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (errno.ENOSPC, DiskFull),
        (errno.EDQUOT, DiskFull),
        (errno.EROFS, ReadOnlyLocation),
        (errno.EACCES, NoPermission),
        (errno.EPERM, NoPermission),
        (errno.EIO, StorageUnavailable),
    ],
)
def test_os_errors_are_sorted_by_errno(code: int, kind: type[Exception]) -> None:
    # The text is deliberately another failure's: only the number may count.
    error = OSError(code, "Read-only file system: disk is full")
    sorted_error = sort_os_error(error, "/media/usb/cadangan")
    assert type(sorted_error) is kind
    assert "/media/usb/cadangan" in str(sorted_error)


def test_a_read_only_disk_is_not_called_a_permission_problem() -> None:
    """EROFS is a plain OSError, EACCES a PermissionError: each gets its own message."""
    read_only = sort_os_error(OSError(errno.EROFS, "x"), "/media/cd")
    refused = sort_os_error(PermissionError(errno.EACCES, "x"), "/media/cd")
    assert isinstance(read_only, ReadOnlyLocation)
    assert isinstance(refused, NoPermission)
    assert str(read_only) != str(refused)


def test_an_unknown_errno_is_left_as_it_is() -> None:
    error = OSError(errno.EEXIST, "No space left on device")
    assert sort_os_error(error, "/tmp") is error


def test_a_real_os_failure_is_sorted(tmp_path: Path) -> None:
    """A real one: writing below a regular file fails with ENOTDIR, which is not sorted."""
    blocker = tmp_path / "berkas"
    blocker.write_bytes(b"x")
    with pytest.raises(OSError) as caught:
        (blocker / "cadangan.bkbak").write_bytes(b"x")
    assert caught.value.errno == errno.ENOTDIR
    assert sort_os_error(caught.value, str(blocker)) is caught.value
