"""One program per vault, as a person meets it: a second start is told at once.

The start probes the instance lock before the unlock dialog. When another program holds it,
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


def held_by_another_program(paths: VaultPaths) -> bool:
    """Whether another program holds this vault now (its window open or locked).

    A probe of the instance lock, released at once. Any other problem with the folder is left
    for the unlock to report in its own words."""
    if not paths.exists():
        return False
    probe = InstanceLock(paths.lock, paths.database)
    try:
        probe.acquire()
    except VaultInUse:
        return True
    except Exception:
        return False
    probe.release()
    return False


def ask_running_program_to_show(paths: VaultPaths) -> None:
    """Leave the request file the running program is watching for; a failure is harmless."""
    with contextlib.suppress(OSError):
        request_file(paths).write_text("tampilkan\n", encoding="utf-8")
