"""``import-students``: students from Dapodik, EMIS or another .xlsx/.csv, all or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

from bk_desktop.cli.command import Command, Context, add_account_option
from bk_desktop.cli.signin import signed_in, unlock
from bk_desktop.services.student_import import import_students_cli


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="BERKAS", type=Path, help="berkas .xlsx atau .csv berisi data siswa"
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="hanya tampilkan pratinjau (jumlah dan peringatan); tidak ada yang disimpan",
    )
    parser.add_argument(
        "--preset",
        metavar="NAMA",
        help="pemetaan kolom yang dipakai: EMIS, atau preset yang disimpan di program",
    )
    add_account_option(parser)


def run(ctx: Context) -> int:
    args = ctx.args
    workspace, _ = unlock(ctx, ctx.access(), args.account)
    with signed_in(workspace):
        lines = import_students_cli(
            workspace, args.file.expanduser(), dry_run=args.dry_run, preset_name=args.preset
        )
    for line in lines:
        ctx.say(line)
    return 0


COMMAND = Command(
    name="import-students",
    help="impor data siswa dari Dapodik, EMIS, atau berkas .xlsx/.csv lain",
    description=(
        "Membaca berkas siswa, lalu menambahkan siswa baru dan memperbarui yang sudah\n"
        "ada. Unduhan Daftar Peserta Didik dari Dapodik dikenali sendiri; berkas lain\n"
        "dipetakan menurut judul kolomnya, atau menurut --preset. Siswa dicocokkan\n"
        "menurut NISN, lalu NIK, lalu nama dan tanggal lahir, sehingga mengimpor berkas\n"
        "yang sama lagi tidak mengubah apa pun. Rombel dicatat untuk tahun ajaran yang\n"
        "sedang berjalan. Jumlah dan setiap peringatan dicetak; semua perubahan disimpan\n"
        "sekaligus, atau tidak sama sekali bila ada yang gagal."
    ),
    add_arguments=add_arguments,
    run=run,
)
