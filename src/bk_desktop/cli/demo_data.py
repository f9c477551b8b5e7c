"""``demo-data``: synthetic but plausible records added to an existing vault."""

from __future__ import annotations

import argparse

from bk_desktop.cli.arguments import whole_number
from bk_desktop.cli.command import Command, Context, add_account_option
from bk_desktop.cli.labels import SETTING_LABELS, kind_label, number
from bk_desktop.cli.signin import signed_in, unlock
from bk_desktop.services.demo import (
    MAX_STUDENTS,
    MAX_YEARS,
    DemoSummary,
    fill_demo,
    remove_demo,
)

DEMO_STUDENTS = 1000
DEMO_YEARS = 3
DEMO_SEED = 2026


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_account_option(parser)
    parser.add_argument(
        "--students",
        metavar="N",
        type=whole_number(0, MAX_STUDENTS),
        default=DEMO_STUDENTS,
        help=f"jumlah siswa (bawaan: {DEMO_STUDENTS})",
    )
    parser.add_argument(
        "--years",
        metavar="Y",
        type=whole_number(1, MAX_YEARS),
        default=DEMO_YEARS,
        help=f"rentang tahun ke belakang (bawaan: {DEMO_YEARS})",
    )
    parser.add_argument(
        "--seed",
        metavar="S",
        type=whole_number(-(2**63), 2**63 - 1),
        default=DEMO_SEED,
        help=f"benih acak; benih yang sama memberi data yang sama (bawaan: {DEMO_SEED})",
    )
    parser.add_argument(
        "--yes",
        action="store_true",
        help="tambahkan juga ke brankas yang sudah berisi data sekolah sungguhan",
    )
    parser.add_argument(
        "--remove",
        action="store_true",
        help=(
            "hapus semua siswa dan permohonan contoh beserta kasus dan sesinya; data sekolah "
            "sendiri tetap"
        ),
    )


def run(ctx: Context) -> int:
    args = ctx.args
    workspace, _ = unlock(ctx, ctx.access(), args.account)
    with signed_in(workspace):
        if args.remove:
            removed = remove_demo(workspace)
            ctx.say(
                f"Data contoh dihapus: {number(removed['students'])} siswa, "
                f"{number(removed['requests'])} permohonan, {number(removed['cases'])} kasus, "
                f"{number(removed['sessions'])} sesi konseling."
            )
            return 0
        summary = fill_demo(
            workspace,
            students=args.students,
            years=args.years,
            seed=args.seed,
            even_with_own_records=args.yes,
        )
    print_summary(ctx, summary)
    return 0


def print_summary(ctx: Context, summary: DemoSummary) -> None:
    plan = summary.plan
    ctx.say(f"Data contoh ditambahkan (benih {plan.seed}, {plan.years} tahun ke belakang):")
    for key, count in summary.added.items():
        ctx.say(f"  {kind_label(key)}: {number(count)}")
    if summary.settings_filled:
        filled = ", ".join(SETTING_LABELS.get(k, k) for k in summary.settings_filled)
        ctx.say(f"  pengaturan yang diisi: {filled}")
    if summary.not_generated:
        kinds = ", ".join(kind_label(k) for k in summary.not_generated)
        ctx.say(f"Belum dibuat oleh versi ini: {kinds}.")


COMMAND = Command(
    name="demo-data",
    help="isi brankas dengan data contoh sintetis",
    description=(
        "Menambahkan data contoh yang sintetis tetapi wajar (nama dan kota Indonesia) ke\n"
        "brankas yang sudah ada: siswa, sekitar 2 permohonan per 3 siswa per tahun, kasus\n"
        "dengan 1-6 sesi konseling (UCA, alternatif, rencana aksi, tindak lanjut), dibagi\n"
        "di antara akun guru BK yang ada. Pengaturan sekolah yang sudah diisi tidak diganti.\n"
        "Brankas yang berisi data sekolah sungguhan ditolak kecuali dengan --yes; semua\n"
        "data contoh ditandai dan dapat dihapus bersama dengan --remove.\n"
        "Ditulis per kelompok dalam transaksi, sehingga aman bila dihentikan di tengah."
    ),
    add_arguments=add_arguments,
    run=run,
)
