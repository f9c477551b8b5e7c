"""``report``: the Laporan Pelaksanaan Layanan Konseling Individual of a period, as a PDF file.

The same document as the Laporan tab's "Cetak…": the figures counted from the vault, the
narrative saved in the tab for exactly these days (or "(belum diisi)", said on the terminal
too), written whole or not at all through ``DocumentService.save`` and audited. The kepala
sekolah's account may run it: the report names no student.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bk_desktop.cli.arguments import iso_date
from bk_desktop.cli.command import Command, Context, add_account_option
from bk_desktop.cli.signin import signed_in, unlock
from bk_desktop.domain.dates import format_instant
from bk_desktop.services.documents import DocumentService
from bk_desktop.services.period_report import Period, PeriodReportService


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="first",
        metavar="TANGGAL",
        type=iso_date,
        required=True,
        help="hari pertama periode, TTTT-BB-HH (misalnya 2026-07-01)",
    )
    parser.add_argument(
        "--to",
        dest="last",
        metavar="TANGGAL",
        type=iso_date,
        required=True,
        help="hari terakhir periode, TTTT-BB-HH (misalnya 2026-12-31)",
    )
    parser.add_argument(
        "--out", metavar="BERKAS", type=Path, required=True, help="berkas PDF yang ditulis"
    )
    add_account_option(parser)


def run(ctx: Context) -> int:
    args = ctx.args
    period = Period(args.first, args.last)  # refused before a password is asked
    workspace, _ = unlock(ctx, ctx.access(), args.account)
    with signed_in(workspace):
        service = PeriodReportService(workspace)
        text = service.text(period)
        figures = service.figures(period)
        document = service.document(period, figures=figures)  # what the terminal says
        path = DocumentService(workspace).save(document, args.out.expanduser())
        zone = workspace.settings().zone
    ctx.say(f"Laporan periode {period.label} ditulis ke {path}")
    ctx.say(
        f"Permohonan: {figures.received}; sesi terlaksana: {figures.sessions_held}; "
        f"terjadwal dalam 1×24 jam: {figures.share_text}"
    )
    if figures.partial:
        ctx.say(
            "Periode belum berakhir: angka dihitung sampai "
            f"{format_instant(figures.counted_until, zone)}."
        )
    if text is None or text.is_blank:
        ctx.say(
            "Belum ada uraian (analisis, rencana tindak lanjut, faktor pendukung dan "
            "penghambat) untuk periode ini; bagian itu tercetak “(belum diisi)”. Tulis "
            "uraiannya di tab Laporan untuk periode yang sama."
        )
    else:
        saved = "" if text.saved_at is None else f" {format_instant(text.saved_at, zone)}"
        author = f" oleh {text.saved_by}" if text.saved_by else ""
        ctx.say(f"Uraian dipakai: yang disimpan{saved}{author}.")
    return 0


COMMAND = Command(
    name="report",
    help="tulis Laporan Pelaksanaan Layanan Konseling Individual suatu periode (PDF)",
    description=(
        "Menghitung permohonan, sesi, penjadwalan 1×24 jam, kasus dan tindak lanjut dalam\n"
        "periode --from sampai --to (hari sekolah setempat; periode yang belum berakhir\n"
        "dihitung sampai sekarang), lalu menulis laporannya ke --out. Uraian (analisis,\n"
        "rencana tindak lanjut, faktor pendukung dan penghambat) diambil dari yang disimpan\n"
        "di tab Laporan untuk periode yang sama. Laporan tidak memuat nama siswa."
    ),
    add_arguments=add_arguments,
    run=run,
)
