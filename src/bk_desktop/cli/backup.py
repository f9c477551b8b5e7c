"""``backup``: a verified, encrypted backup; prints the name of the file written."""

from __future__ import annotations

import argparse
from pathlib import Path

from bk_desktop.cli.command import Command, Context, add_account_option
from bk_desktop.cli.signin import signed_in, unlock
from bk_desktop.services.backup import BackupService
from bk_desktop.storage.backup_archive import SUFFIX


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dest", metavar="TUJUAN", type=Path, help=f"folder tujuan, atau nama berkas {SUFFIX}"
    )
    add_account_option(parser)


def run(ctx: Context) -> int:
    workspace, _ = unlock(ctx, ctx.access(), ctx.args.account)
    with signed_in(workspace):
        path = BackupService(workspace).backup(ctx.args.dest.expanduser())
    ctx.say(str(path))
    return 0


COMMAND = Command(
    name="backup",
    help="tulis cadangan terenkripsi yang sudah diperiksa",
    description=(
        f"Menulis cadangan ({SUFFIX}) yang terbuka dengan kata sandi dan kunci pemulihan\n"
        "yang sama, lalu memeriksanya. Mencetak nama berkas yang ditulis."
    ),
    add_arguments=add_arguments,
    run=run,
)
