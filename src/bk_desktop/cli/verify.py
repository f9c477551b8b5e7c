"""``verify``: the integrity check and the count of every kind of record, for people or JSON."""

from __future__ import annotations

import argparse
import json

from bk_desktop.cli.command import Command, Context, add_account_option
from bk_desktop.cli.labels import kind_label, number, one_line
from bk_desktop.cli.signin import DAMAGE, signed_in, unlock
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.overview import check_integrity

MAX_PROBLEMS_SHOWN = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_account_option(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help=(
            'keluaran JSON: {"ok": true|false, "counts": {...}, "problems": [...], '
            '"schema_version": N} dengan kunci bahasa Inggris'
        ),
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="pemeriksaan lengkap (integrity_check: juga setiap indeks; lebih lama)",
    )


def run(ctx: Context) -> int:
    args = ctx.args
    access = ctx.access()
    try:
        workspace, _ = unlock(ctx, access, args.account)
    except DAMAGE as error:
        if args.json:
            ctx.say(json.dumps({"ok": False, "counts": {}, "problems": [error.message]}))
        raise
    with signed_in(workspace):
        report = check_integrity(workspace, full=args.full)
    if args.json:
        ctx.say(
            json.dumps(
                {
                    "ok": report.ok,
                    "counts": report.counts,
                    "problems": report.problems,
                    "schema_version": report.schema_version,
                }
            )
        )
    else:
        ctx.say("Brankas utuh." if report.ok else "Brankas RUSAK.")
        for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
            ctx.say(f"  masalah: {one_line(problem)}")
        ctx.say("Jumlah catatan:")
        width = max((len(kind_label(k)) for k in report.counts), default=0)
        for key, count in report.counts.items():
            ctx.say(f"  {kind_label(key):<{width}}  {number(count):>9}")
    if not report.ok:
        raise KnownError(
            f"Pemeriksaan keutuhan menemukan {len(report.problems)} masalah. Pulihkan dari "
            "cadangan terakhir."
        )
    return 0


COMMAND = Command(
    name="verify",
    help="periksa keutuhan brankas dan hitung catatannya",
    description=(
        "Membuka brankas, menjalankan pemeriksaan keutuhan (halaman dan hubungan antar-\n"
        "catatan), lalu menampilkan jumlah setiap jenis catatan. Keluar dengan kode 1 bila\n"
        "brankas rusak. Dengan --full, setiap indeks juga diperiksa."
    ),
    add_arguments=add_arguments,
    run=run,
)
