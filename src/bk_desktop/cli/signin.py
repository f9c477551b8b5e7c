"""Signing in from the command line: which account, the password prompt, locking afterwards."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import timedelta

from bk_desktop.cli.command import Context
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.access import TooManyAttempts, VaultAccess
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.errors import (
    KeySlotsDamaged,
    KeySlotsMissing,
    NotAVault,
    NoVault,
    VaultDamaged,
)

DAMAGE = (VaultDamaged, KeySlotsDamaged, KeySlotsMissing, NotAVault)
"""The vault's files are there but cannot be opened: damaged, or the key file lost."""
UNOPENABLE = (NoVault, *DAMAGE)
"""What ``restore`` answers by putting the backup in place without opening the vault first."""


def resolve_account(access: VaultAccess, name: str | None) -> tuple[str, str]:
    """(id, name) of the account asked for, or of the only one when none is named."""
    accounts = access.accounts()
    if name:
        account_id = access.account_id_by_name(name)
        return account_id, dict(accounts)[account_id]
    if len(accounts) == 1:
        return accounts[0]
    if not accounts:
        raise KnownError("Brankas ini tidak punya akun yang dapat masuk dengan kata sandi.")
    names = ", ".join(label for _, label in accounts)
    raise KnownError(f"Brankas ini punya beberapa akun ({names}). Pilih satu dengan --account.")


def refuse_while_waiting(access: VaultAccess, account_id: str) -> None:
    """Refuse before asking for a password that the service would refuse anyway."""
    wait = access.wait_needed(account_id)
    if wait > timedelta(0):
        raise TooManyAttempts(wait)


def unlock(ctx: Context, access: VaultAccess, name: str | None) -> tuple[Workspace, str]:
    """Sign in by password; returns the workspace and the password (some commands reuse it).

    What the unlock did before the vault was used (erasures applied again) is said once on
    stderr, as the window says it, so the command's own output stays as it was."""
    account_id, label = resolve_account(access, name)
    refuse_while_waiting(access, account_id)
    password = ctx.secrets.ask(f"Kata sandi untuk {label}: ")
    workspace = access.unlock(account_id, password)
    note = access.take_unlock_note()
    if note:
        ctx.terminal.complain(note)
    return workspace, password


@contextlib.contextmanager
def signed_in(workspace: Workspace) -> Iterator[Workspace]:
    """Lock the workspace afterwards, also when the command failed (the lock is recorded)."""
    try:
        yield workspace
    except BaseException:
        with contextlib.suppress(Exception):
            workspace.lock()
        if workspace.is_open:
            workspace.vault.close()
        raise
    workspace.lock()
