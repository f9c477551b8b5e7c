"""``init``: a new vault with its first koordinator BK account; prints the recovery key last."""

from __future__ import annotations

import argparse

from bk_desktop.cli.command import Command, Context
from bk_desktop.domain.accounts import validate_account_name
from bk_desktop.domain.settings import ALLOWED_ZONES, DEFAULT_ZONE
from bk_desktop.services.access import SetupForm
from bk_desktop.storage.errors import VaultExists

DEFAULT_SCHOOL = "Nama Sekolah (ubah di Pengaturan)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--account", metavar="NAMA", required=True, help="nama akun koordinator BK")
    parser.add_argument("--school", metavar="NAMA", help="nama sekolah (bisa diubah di Pengaturan)")
    parser.add_argument("--city", metavar="KOTA", default="", help="kota sekolah")
    parser.add_argument(
        "--timezone",
        metavar="ZONA",
        choices=ALLOWED_ZONES,
        default=DEFAULT_ZONE,
        help=f"zona waktu sekolah: {', '.join(ALLOWED_ZONES)} (bawaan: {DEFAULT_ZONE})",
    )


def run(ctx: Context) -> int:
    args = ctx.args
    access = ctx.access()
    if access.exists():
        raise VaultExists(str(ctx.data_dir))
    name = validate_account_name(args.account)
    password = ctx.secrets.ask(f"Kata sandi untuk {name}: ")
    repeat = ctx.secrets.ask("Ulangi kata sandi: ")
    form = SetupForm(
        school_name=args.school or DEFAULT_SCHOOL,
        city=args.city,
        timezone=args.timezone,
        account_name=name,
        password=password,
        password_repeat=repeat,
    )
    workspace, recovery = access.setup(form)
    workspace.lock()
    ctx.say(f"Brankas dibuat di {ctx.data_dir}.")
    ctx.say(f"Akun Koordinator BK: {workspace.account.name}")
    ctx.say("Catat kunci pemulihan di bawah ini dan simpan di tempat aman, terpisah dari komputer.")
    ctx.say("Kunci ini hanya ditampilkan sekali; dengannya kata sandi yang terlupa dapat diganti.")
    ctx.say(f"Kunci pemulihan: {recovery}")
    return 0


COMMAND = Command(
    name="init",
    help="buat brankas baru beserta akun koordinator pertamanya",
    description=(
        "Membuat brankas baru (menolak bila sudah ada). Kata sandi ditanyakan dua kali.\n"
        "Baris terakhir keluaran adalah kunci pemulihan: catat dan simpan di tempat aman."
    ),
    add_arguments=add_arguments,
    run=run,
)
