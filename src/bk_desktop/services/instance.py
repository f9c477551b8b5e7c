"""One program per vault, as a person meets it: a second start is told at once.

The start takes the instance lock before the unlock dialog. When another program holds it,
the new one leaves a small request file in the data folder (``bk-desktop.raise``), which the
running program watches (``ui/second_start.py``) to bring its window forward, and says that
bk-desktop is already open. Light on purpose: it runs before the vault stack is imported.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from bk_desktop.storage.errors import VaultInUse
from bk_desktop.storage.instance_lock import InstanceLock
from bk_desktop.storage.paths import VaultPaths

RAISE_REQUEST = "bk-desktop.raise"

ALREADY_OPEN = (
    "bk-desktop sudah terbuka di komputer ini; jendelanya dimunculkan (bila tidak tampak, lihat "
    "bilah tugas — mungkin sedang terkunci dan menunggu kata sandi). Satu brankas hanya dapat "
    "dibuka oleh satu program."
)


def request_file(paths: VaultPaths) -> Path:
    return paths.folder / RAISE_REQUEST


def claim(paths: VaultPaths) -> InstanceLock | None:
    """Take this vault's instance lock for the start that is opening its window.

    Raises ``VaultInUse`` when another program holds it (its window open or locked). The lock
    taken here is the one the unlock then uses (``VaultAccess.hold``), so the vault cannot be
    taken between the dialog and the password. ``None`` when there is no vault yet (the setup
    wizard) or the folder has another problem, which the unlock reports in its own words."""
    if not paths.exists():
        return None
    lock = InstanceLock(paths.lock, paths.database)
    try:
        lock.acquire()
    except VaultInUse:
        raise
    except Exception:
        return None
    return lock


def ask_running_program_to_show(paths: VaultPaths) -> None:
    """Leave the request file the running program is watching for; a failure is harmless."""
    with contextlib.suppress(OSError):
        request_file(paths).write_text("tampilkan\n", encoding="utf-8")
