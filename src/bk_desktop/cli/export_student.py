"""``export-student``: the copy of one student's data (UU PDP Ps. 32) as a PDF and a JSON.

The same copy as the Privasi page's "Ekspor data siswa…": every record of the student the
signed-in counsellor may see, with the passages saved for the student's open permohonan hak
atas data pribadi taken out (or, without one, unredacted — said on stderr). The student is
named by NISN or NIS; an identifier that fits no student or several is refused with the
matches listed by initials and class, and ``--id`` takes the number the window shows. File
names carry initials only; both files are written whole or not at all, and audited.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bk_desktop.cli.command import Command, Context, add_account_option
from bk_desktop.cli.signin import signed_in, unlock
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.data_requests import DataRequestService
from bk_desktop.services.student_export import StudentExportService, StudentMatch


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "student",
        metavar="ID",
        help="NISN atau NIS siswa (dengan --id: nomor siswa seperti tampil di jendela)",
    )
    parser.add_argument(
        "--out", metavar="FOLDER", type=Path, required=True, help="folder tempat berkas ditulis"
    )
    parser.add_argument(
        "--id",
        dest="by_id",
        action="store_true",
        help="ID adalah nomor siswa di program, bukan NISN atau NIS",
    )
    add_account_option(parser)


def _listed(found: list[StudentMatch]) -> str:
    return "; ".join(match.text for match in found)


def _student(service: StudentExportService, identifier: str, by_id: bool) -> StudentMatch:
    if by_id:
        try:
            number = int(identifier)
        except ValueError:
            raise KnownError(
                f"Dengan --id, ID adalah nomor siswa (angka), bukan {identifier!r}."
            ) from None
        return service.student(number)
    found = service.matches(identifier)
    if not found:
        raise KnownError(
            f"Tidak ada siswa dengan NISN atau NIS {identifier}. Periksa nomornya, atau pakai "
            "--id dengan nomor siswa yang tampil di jendela."
        )
    if len(found) > 1:
        raise KnownError(
            f"NISN atau NIS {identifier} cocok dengan {len(found)} siswa ({_listed(found)}). "
            "Pilih satu dengan --id NOMOR."
        )
    return found[0]


def run(ctx: Context) -> int:
    args = ctx.args
    folder: Path = args.out.expanduser()
    if not folder.is_dir():  # refused before a password is asked
        raise KnownError(f"Folder {folder} tidak ada. Buat foldernya dulu atau pilih folder lain.")
    workspace, _ = unlock(ctx, ctx.access(), args.account)
    with signed_in(workspace):
        service = StudentExportService(workspace)
        match = _student(service, args.student, args.by_id)
        request = DataRequestService(workspace).open_request_of(match.id)
        if request is None:
            export = service.build(match.id)
            ctx.terminal.complain(
                f"Siswa {match.initials} tidak punya permohonan hak atas data pribadi yang "
                "terbuka: salinan diekspor tanpa bagian yang disamarkan."
            )
        else:
            export = service.for_request(request.id)
            ctx.terminal.complain(
                f"Bagian yang disamarkan untuk permohonan {request.number} diterapkan: "
                f"{len(export.redactions)} tempat."
            )
            for missing in export.unmatched:
                ctx.terminal.complain(
                    f"Peringatan: satu bagian yang disamarkan ({missing.record_kind} "
                    f"#{missing.record_id}, {missing.field}) tidak ditemukan lagi; teksnya "
                    "mungkin sudah diubah. Periksa salinannya sebelum diserahkan."
                )
        files = service.write(export, folder)
    ctx.say(str(files.pdf))
    ctx.say(str(files.json))
    return 0


COMMAND = Command(
    name="export-student",
    help="ekspor data pribadi seorang siswa (PDF dan JSON)",
    description=(
        "Menulis salinan seluruh data seorang siswa yang dapat dilihat akun ini ke FOLDER:\n"
        "satu PDF untuk dibaca orang dan satu JSON untuk dibaca mesin (UU PDP Pasal 32).\n"
        "Siswa dipilih dengan NISN atau NIS; bila cocok dengan beberapa siswa, pakai --id\n"
        "dengan nomor siswa. Bagian yang disamarkan untuk permohonan hak atas data pribadi\n"
        "siswa itu yang masih terbuka diterapkan; tanpa permohonan terbuka, salinan tidak\n"
        "disamarkan (diberitahukan). Nama berkas hanya memuat inisial siswa."
    ),
    add_arguments=add_arguments,
    run=run,
)
