"""``init``: a new vault with its first koordinator BK account; prints the recovery key last."""

from __future__ import annotations

import argparse

from bk_desktop.cli.command import Command, Context
from bk_desktop.domain.accounts import validate_account_name
from bk_desktop.domain.dates import zone_key
from bk_desktop.services.access import SetupForm, zone_of_this_pc
from bk_desktop.storage.errors import VaultExists

DEFAULT_SCHOOL = "Nama Sekolah (ubah di Pengaturan)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--account", metavar="NAMA", required=True, help="nama akun koordinator BK")
    parser.add_argument("--school", metavar="NAMA", help="nama sekolah (bisa diubah di Pengaturan)")
    parser.add_argument("--city", metavar="KOTA", default="", help="kota sekolah")
    parser.add_argument(
        "--timezone",
        metavar="ZONA",
        type=_zone,
        default=None,
        help=(
            "zona waktu sekolah: WIB, WITA atau WIT (juga Asia/Jakarta, Asia/Makassar, "
            "Asia/Jayapura); bawaan: zona komputer ini, atau WITA"
        ),
    )


def _zone(text: str) -> str:
    key = zone_key(text)
    if key is None:
        raise argparse.ArgumentTypeError(
            f"zona waktu “{text}” tidak dikenal; pilih WIB, WITA atau WIT"
        )
    return key


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
        timezone=args.timezone or zone_of_this_pc(),
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
