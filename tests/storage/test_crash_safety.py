"""A process killed at any moment loses nothing that was committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bk_desktop.services.access import VaultAccess
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.errors import WrongPassword
from bk_desktop.storage.kdf import TEST_PARAMS

from support import PASSWORD

pytestmark = pytest.mark.slow

_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from datetime import UTC, datetime
    from bk_desktop.storage.vault import Vault, VaultPaths
    from bk_desktop.storage import audit_repo

    paths = VaultPaths(Path(sys.argv[1]))
    vault = Vault.open_with_password(paths, sys.argv[2], sys.argv[3])
    n = 0
    while True:
        with vault.db.transaction():
            for _ in range(20):
                audit_repo.record(vault.db, "test.write", at=datetime.now(UTC),
                                  account_id=None, detail=str(n))
                n += 1
        # The parent counts a row as committed only after this line is printed.
        print(n, flush=True)
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_killed_writer_loses_no_committed_row(
    created: tuple[Workspace, str], access: VaultAccess, tmp_path: Path
) -> None:
    workspace, _ = created
    account_id = workspace.account.id
    workspace.lock()
    script = tmp_path / "writer.py"
    script.write_text(_WRITER)
    committed_total = 0
    for round_no in range(4):
        proc = subprocess.Popen(
            [sys.executable, str(script), str(access.paths.folder), account_id, PASSWORD],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        committed = 0
        deadline = time.monotonic() + 30
        # Let it commit a different number of batches each round, then kill it mid-write.
        while committed < 20 * (round_no + 2) and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            committed = int(line)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert committed > 0
        committed_total += committed

        reopened = access.unlock(account_id, PASSWORD)
        try:
            assert reopened.db.integrity_problems() == []
            rows = int(
                reopened.db.scalar("SELECT count(*) FROM audit_event WHERE kind = 'test.write'")
            )
            assert rows >= committed_total
            committed_total = rows
        finally:
            reopened.lock()


_PASSWORD_CHANGER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from bk_desktop.storage.kdf import TEST_PARAMS
    from bk_desktop.storage.vault import Vault, VaultPaths

    paths = VaultPaths(Path(sys.argv[1]))
    account, old, new = sys.argv[2], sys.argv[3], sys.argv[4]
    vault = Vault.open_with_password(paths, account, old)
    print("open", flush=True)
    i = 0
    while True:
        vault.set_password(account, "Sari", new if i % 2 == 0 else old, TEST_PARAMS)
        vault.replace_recovery_key(TEST_PARAMS)
        i += 1
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_password_change_killed_midway_leaves_old_or_new_password_working(
    created: tuple[Workspace, str], access: VaultAccess, tmp_path: Path
) -> None:
    workspace, _ = created
    account_id = workspace.account.id
    workspace.lock()
    script = tmp_path / "changer.py"
    script.write_text(_PASSWORD_CHANGER)
    new = "Password-Baru-Sekali-77"
    for delay in (0.05, 0.13, 0.29):
        proc = subprocess.Popen(
            [sys.executable, str(script), str(access.paths.folder), account_id, PASSWORD, new],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "open"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        opened = []
        for candidate in (PASSWORD, new):
            try:
                reopened = access.unlock(account_id, candidate)
            except WrongPassword:
                continue
            opened.append(candidate)
            reopened.lock()
        assert len(opened) == 1
        if opened == [new]:
            # Put the old password back for the next round.
            s = access.unlock(account_id, new)
            s.vault.set_password(account_id, "Sari", PASSWORD, TEST_PARAMS)
            s.lock()
