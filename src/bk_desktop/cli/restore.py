"""``restore``: put a verified backup in place of the vault, keeping what was there.

An openable vault is first backed up (``sebelum-pemulihan-…``); a damaged one, one whose key
file is lost, or an empty data folder (a new PC) gets the backup without being opened, and the
unusable files are kept under ``cadangan/rusak-…``.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from bk_desktop.cli.command import Command, Context, add_account_option
from bk_desktop.cli.signin import (
    DAMAGE,
    UNOPENABLE,
    refuse_while_waiting,
    resolve_account,
    signed_in,
)
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.backup import (
    BEFORE_RESTORE_PREFIX,
    RestoreCredentials,
    backup_folder,
    inspect_backup,
    restore,
    restore_damaged,
)
from bk_desktop.services.erasure import restore_note
from bk_desktop.storage.backup_archive import SUFFIX, BackupContents
from bk_desktop.storage.errors import AccountNotFound, NoVault, VaultError, WrongPassword

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("src", metavar="CADANGAN", type=Path, help=f"berkas {SUFFIX}")
    add_account_option(parser)
    parser.add_argument(
        "--recovery", action="store_true", help="buka cadangan dengan kunci pemulihan"
    )


def run(ctx: Context) -> int:
    args = ctx.args
    source: Path = args.src.expanduser()
    contents = inspect_backup(source)  # a file that is no backup is refused before any prompt
    access = ctx.access()
    try:
        account_id, label = resolve_account(access, args.account)
    except UNOPENABLE as error:
        return _restore_unopened(ctx, source, contents, error)
    backup_account = _same_account_in_backup(contents, account_id, label)
    refuse_while_waiting(access, account_id)
    password = ctx.secrets.ask(f"Kata sandi untuk {label}: ")
    try:
        workspace = access.unlock(account_id, password)
    except DAMAGE as error:
        return _restore_unopened(
            ctx, source, contents, error, account=(backup_account, label), password=password
        )
    with signed_in(workspace):
        credentials = _backup_credentials(ctx, contents, backup_account, label, password)
        folder = backup_folder(workspace)
        pattern = f"{BEFORE_RESTORE_PREFIX}-*{SUFFIX}"
        earlier = set(folder.glob(pattern))
        restored = restore(workspace, source, credentials)
    note = restore_note(restored)
    restored.lock()
    ctx.say(
        f"Brankas dipulihkan dari {source} (cadangan {contents.created_at or 'tanpa tanggal'})."
    )
    if note:
        ctx.say(note)
    copies = sorted(set(folder.glob(pattern)) - earlier)
    if copies:
        ctx.say(f"Salinan brankas sebelum pemulihan: {copies[-1]}")
    return 0


def _restore_unopened(
    ctx: Context,
    source: Path,
    contents: BackupContents,
    why: VaultError,
    *,
    account: tuple[str, str] | None = None,
    password: str | None = None,
) -> int:
    """Restore when the vault cannot be opened (damaged, key file lost) or is not there yet.

    The account comes from the backup's own key slots (``--account`` or its only account);
    a password already typed for the unusable vault is tried on the backup before asking
    again. Nothing is changed until the backup has been unlocked and verified.
    """
    log.info("restore without opening the vault: %s", type(why).__name__)
    account_id, label = account or _choose_backup_account(contents, ctx.args.account)
    if password is not None:
        credentials = _backup_credentials(ctx, contents, account_id, label, password)
    elif ctx.args.recovery:
        credentials = RestoreCredentials(
            account_id, recovery_key=ctx.secrets.ask("Kunci pemulihan: ")
        )
    else:
        password = ctx.secrets.ask(f"Kata sandi untuk {label} (di cadangan): ")
        credentials = RestoreCredentials(account_id, password=password)
    rescued = restore_damaged(ctx.paths, source, credentials, ctx.clock)
    note = restore_note(rescued.workspace)
    rescued.workspace.lock()
    if isinstance(why, NoVault):
        ctx.say(f"Folder {ctx.data_dir} belum berisi brankas; cadangan dipasang di sana.")
    else:
        ctx.say("Brankas yang ada tidak dapat dibuka, jadi cadangan dipasang tanpa membukanya.")
    ctx.say(
        f"Brankas dipulihkan dari {source} (cadangan {contents.created_at or 'tanpa tanggal'})."
    )
    ctx.say("Kata sandi dan kunci pemulihan kini sama seperti saat cadangan dibuat.")
    if note:
        ctx.say(note)
    if rescued.kept:
        ctx.say(f"Berkas lama yang tidak dapat dibuka disimpan di: {rescued.kept[0].parent}")
    return 0


def _same_account_in_backup(contents: BackupContents, account_id: str, label: str) -> str:
    """The backup's id of the account signed in to now: the same id, else the same name."""
    in_backup = dict(contents.slots.accounts())
    if account_id in in_backup:
        return account_id
    wanted = label.casefold()
    found = next((a for a, n in in_backup.items() if n.casefold() == wanted), None)
    if found is None:
        raise AccountNotFound(label)
    return found


def _choose_backup_account(contents: BackupContents, name: str | None) -> tuple[str, str]:
    """(id, name) of the backup's account named ``name``, or of its only one."""
    accounts = contents.slots.accounts()
    names = ", ".join(label for _, label in accounts)
    if name:
        wanted = " ".join(name.split()).casefold()
        for account_id, label in accounts:
            if label.casefold() == wanted:
                return account_id, label
        raise KnownError(f"Akun '{name}' tidak ada di cadangan ini. Akun di cadangan: {names}.")
    if len(accounts) == 1:
        return accounts[0]
    if not accounts:
        raise KnownError("Cadangan ini tidak punya akun yang dapat masuk dengan kata sandi.")
    raise KnownError(f"Cadangan ini punya beberapa akun ({names}). Pilih satu dengan --account.")


def _backup_credentials(
    ctx: Context, contents: BackupContents, account_id: str, label: str, password: str
) -> RestoreCredentials:
    """The recovery key (``--recovery``), or the password that opens the backup's slot: the
    one typed, or, when it was changed since the backup, the one asked for now."""
    if ctx.args.recovery:
        return RestoreCredentials(account_id, recovery_key=ctx.secrets.ask("Kunci pemulihan: "))
    try:
        contents.slots.unlock_with_password(account_id, password)
    except WrongPassword:
        password = ctx.secrets.ask(
            f"Kata sandi {label} berbeda saat cadangan dibuat. Kata sandi di cadangan: "
        )
    return RestoreCredentials(account_id, password=password)


COMMAND = Command(
    name="restore",
    help="pulihkan brankas dari berkas cadangan",
    description=(
        "Mengganti brankas dengan isi cadangan yang sudah diperiksa. Brankas yang sekarang\n"
        "lebih dulu dicadangkan (sebelum-pemulihan-…) agar tidak ada yang hilang.\n"
        "Kata sandi akun membuka brankas sekarang dan cadangan; dengan --recovery,\n"
        "cadangan dibuka dengan kunci pemulihannya.\n"
        "Bila brankas rusak, berkas kuncinya hilang, atau folder data masih kosong\n"
        "(komputer baru), cadangan dipasang tanpa membuka brankas: akun dipilih dari\n"
        "cadangan, dan berkas lama yang rusak disimpan di cadangan/rusak-…"
    ),
    add_arguments=add_arguments,
    run=run,
)
