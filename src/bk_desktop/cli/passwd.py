"""``passwd``: a new password for an account, proven by the old one or by the recovery key."""

from __future__ import annotations

import argparse

from bk_desktop.cli.command import Command, Context
from bk_desktop.cli.signin import refuse_while_waiting, resolve_account, signed_in
from bk_desktop.services.accounts import AccountService


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--account", metavar="NAMA", required=True, help="nama akun")
    parser.add_argument(
        "--recovery", action="store_true", help="pakai kunci pemulihan (kata sandi terlupa)"
    )


def run(ctx: Context) -> int:
    access = ctx.access()
    account_id, label = resolve_account(access, ctx.args.account)
    if ctx.args.recovery:
        key = ctx.secrets.ask("Kunci pemulihan: ")
        new = ctx.secrets.ask(f"Kata sandi baru untuk {label}: ")
        repeat = ctx.secrets.ask("Ulangi kata sandi: ")
        access.reset_password_with_recovery(key, account_id, new, repeat).lock()
    else:
        refuse_while_waiting(access, account_id)
        old = ctx.secrets.ask(f"Kata sandi lama untuk {label}: ")
        with signed_in(access.unlock(account_id, old)) as workspace:
            new = ctx.secrets.ask(f"Kata sandi baru untuk {label}: ")
            repeat = ctx.secrets.ask("Ulangi kata sandi: ")
            AccountService(workspace, ctx.kdf).change_own_password(old, new, repeat)
    ctx.say(f"Kata sandi akun {label} sudah diganti.")
    return 0


COMMAND = Command(
    name="passwd",
    help="ganti kata sandi sebuah akun",
    description=(
        "Mengganti kata sandi akun. Kata sandi lama ditanyakan, lalu yang baru dua kali;\n"
        "dengan --recovery, kunci pemulihan ditanyakan sebagai ganti kata sandi lama."
    ),
    add_arguments=add_arguments,
    run=run,
)
