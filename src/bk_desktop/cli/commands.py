"""The command table, and the parser built from it.

Adding a command is one module with its ``COMMAND`` row and one line here; ``--help`` lists
the commands in this order.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from bk_desktop import __version__
from bk_desktop.cli import (
    backup,
    demo_data,
    export_student,
    import_students,
    init,
    passwd,
    report,
    restore,
    verify,
)
from bk_desktop.cli.arguments import Parser
from bk_desktop.cli.command import Command
from bk_desktop.cli.start import APP_NAME, default_data_dir
from bk_desktop.cli.terminal import Terminal
from bk_desktop.cli.window import DEMO_OPTION_HELP

COMMANDS: Mapping[str, Command] = {
    command.name: command
    for command in (
        init.COMMAND,
        verify.COMMAND,
        backup.COMMAND,
        restore.COMMAND,
        passwd.COMMAND,
        import_students.COMMAND,
        report.COMMAND,
        export_student.COMMAND,
        demo_data.COMMAND,
    )
}


def build_parser(terminal: Terminal) -> Parser:
    parser = Parser(
        prog=APP_NAME,
        terminal=terminal,
        description=(
            "Program ruang BK untuk layanan konseling individual. Tanpa perintah, jendela\n"
            "program dibuka."
        ),
        epilog=(
            "Kata sandi selalu ditanyakan di terminal, atau dibaca satu baris per pertanyaan\n"
            "dari masukan standar bila itu bukan terminal; tidak pernah dari argumen.\n"
            "Kode keluar: 0 berhasil, 1 gagal (satu baris pesan di stderr), 2 salah pemakaian.\n"
            f"Bantuan tiap perintah: {APP_NAME} PERINTAH --help"
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help="tampilkan versi program, lalu keluar",
    )
    parser.add_argument(
        "--data-dir",
        metavar="FOLDER",
        type=Path,
        help=(
            f"folder brankas data (bawaan: {default_data_dir()}); log program lalu disimpan "
            "di FOLDER/log"
        ),
    )
    parser.add_argument("--demo", action="store_true", help=DEMO_OPTION_HELP)
    subparsers = parser.add_subparsers(dest="command", title="perintah", metavar="PERINTAH")
    for command in COMMANDS.values():
        command.add_arguments(
            subparsers.add_parser(
                command.name,
                help=command.help,
                description=command.description,
                terminal=terminal,
            )
        )
    return parser
