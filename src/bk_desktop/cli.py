"""``bk-desktop``: the window by default; admin commands for IT staff and scheduled tasks.

In the manner of ``keepassxc-cli``: every command unlocks the vault, does one job and locks it
again. Passwords are read from the terminal, or one line per prompt from standard input when it
is not a terminal, and never from arguments or the environment. Exit codes: 0 success, 1 the
operation failed (one Indonesian line on stderr, never a traceback), 2 usage error.

Qt is imported only when the window is opened, so the commands run on a server without it.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import logging
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, NoReturn, TextIO

import platformdirs

from bk_desktop import __version__
from bk_desktop.domain.accounts import Role, validate_account_name
from bk_desktop.domain.clock import Clock, SystemClock
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.settings import ALLOWED_ZONES, DEFAULT_ZONE
from bk_desktop.logs import configure_logging
from bk_desktop.services.access import SetupForm, TooManyAttempts, VaultAccess
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.backup import (
    BEFORE_RESTORE_PREFIX,
    BackupService,
    RestoreCredentials,
    backup_folder,
    inspect_backup,
    restore,
    restore_damaged,
)
from bk_desktop.services.demo import MAX_STUDENTS, MAX_YEARS, DemoSummary, fill_demo
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.overview import check_integrity
from bk_desktop.services.student_import import import_students_cli
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.backup_archive import SUFFIX, BackupContents
from bk_desktop.storage.errors import (
    AccountNotFound,
    KeySlotsDamaged,
    KeySlotsMissing,
    NotAVault,
    NoVault,
    VaultDamaged,
    VaultError,
    VaultExists,
    WrongPassword,
)
from bk_desktop.storage.kdf import KdfParams
from bk_desktop.storage.vault import VaultPaths

APP_NAME = "bk-desktop"

# The demo vault: its own folder beside the real one, and credentials that are public on
# purpose (printed in the terminal, shown on the unlock dialog, written in the README).
DEMO_FOLDER = "demo"
DEMO_ACCOUNT = "Guru BK Demo"
DEMO_PASSWORD = "demo-bk-2026"
DEMO_SECOND_ACCOUNT = "Guru BK Kedua"
DEMO_SECOND_PASSWORD = "demo-bk-2026-kedua"
DEMO_SCHOOL = "SMA Negeri Contoh"
DEMO_CITY = "Bontang"
DEMO_STUDENTS = 1000
DEMO_YEARS = 3
DEMO_SEED = 2026

DEFAULT_SCHOOL = "Nama Sekolah (ubah di Pengaturan)"
KDF_TARGET_ENV = "BK_DESKTOP_KDF_TARGET"
MAX_PROBLEMS_SHOWN = 10
_DAMAGE = (VaultDamaged, KeySlotsDamaged, KeySlotsMissing, NotAVault)
_UNOPENABLE = (NoVault, *_DAMAGE)
"""What ``restore`` answers by putting the backup in place without opening the vault first."""

log = logging.getLogger(__name__)

KIND_LABELS = {
    "accounts": "akun",
    "students": "siswa",
    "requests": "pengajuan",
    "screenings": "penyaringan",
    "cases": "kasus",
    "sessions": "sesi konseling",
    "action_items": "rencana tindakan",
    "follow_ups": "tindak lanjut",
    "complaints": "pengaduan dan saran",
    "audit_events": "peristiwa audit",
}

SETTING_LABELS = {
    "city": "kota",
    "government_line": "kop (pemerintah)",
    "agency_line": "kop (dinas)",
    "address_line": "kop (alamat)",
    "principal_name": "nama kepala sekolah",
    "principal_nip": "NIP kepala sekolah",
}


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


# -- argument parsing, in Indonesian --------------------------------------------------------


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "Pemakaian: " if prefix is None else prefix)


_ARGPARSE_MESSAGES: tuple[tuple[str, str], ...] = (
    ("the following arguments are required: ", "argumen wajib belum diberikan: "),
    ("unrecognized arguments: ", "argumen tidak dikenal: "),
    ("invalid choice: ", "pilihan tidak dikenal: "),
    ("(choose from ", "(pilih dari "),
    ("expected one argument", "butuh satu nilai"),
    ("not allowed with argument ", "tidak boleh dipakai bersama "),
    ("ignored explicit argument ", "nilai tidak dipakai: "),
    ("ambiguous option: ", "opsi ambigu: "),
    ("could match ", "bisa berarti "),
    ("invalid int value: ", "bukan bilangan bulat: "),
    ("invalid float value: ", "bukan bilangan: "),
    ("invalid Path value: ", "bukan nama berkas: "),
    ("argument ", "argumen "),
)


def _translate_usage_error(message: str) -> str:
    """argparse's English messages in Indonesian, phrase by phrase; unknown ones unchanged."""
    for english, indonesian in _ARGPARSE_MESSAGES:
        message = message.replace(english, indonesian)
    return message


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help="tampilkan bantuan ini, lalu keluar",
        )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: galat: {_translate_usage_error(message)}\n")


def _whole_number(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"bukan bilangan bulat: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"harus antara {low} dan {high}, bukan {value}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=APP_NAME,
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
        help=f"folder brankas data (bawaan: {default_data_dir()})",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=(
            "buka jendela pada brankas contoh berisi data sintetis (dibuat saat pertama kali, "
            f"di subfolder '{DEMO_FOLDER}'; akun '{DEMO_ACCOUNT}', kata sandi '{DEMO_PASSWORD}')"
        ),
    )
    commands = parser.add_subparsers(dest="command", title="perintah", metavar="PERINTAH")

    init = commands.add_parser(
        "init",
        help="buat brankas baru beserta akun koordinator pertamanya",
        description=(
            "Membuat brankas baru (menolak bila sudah ada). Kata sandi ditanyakan dua kali.\n"
            "Baris terakhir keluaran adalah kunci pemulihan: catat dan simpan di tempat aman."
        ),
    )
    init.add_argument("--account", metavar="NAMA", required=True, help="nama akun koordinator BK")
    init.add_argument("--school", metavar="NAMA", help="nama sekolah (bisa diubah di Pengaturan)")
    init.add_argument("--city", metavar="KOTA", default="", help="kota sekolah")
    init.add_argument(
        "--timezone",
        metavar="ZONA",
        choices=ALLOWED_ZONES,
        default=DEFAULT_ZONE,
        help=f"zona waktu sekolah: {', '.join(ALLOWED_ZONES)} (bawaan: {DEFAULT_ZONE})",
    )

    verify = commands.add_parser(
        "verify",
        help="periksa keutuhan brankas dan hitung catatannya",
        description=(
            "Membuka brankas, menjalankan pemeriksaan keutuhan, lalu menampilkan jumlah setiap\n"
            "jenis catatan. Keluar dengan kode 1 bila brankas rusak."
        ),
    )
    _account_option(verify)
    verify.add_argument(
        "--json",
        action="store_true",
        help='keluaran JSON: {"ok": true|false, "counts": {...}} dengan kunci bahasa Inggris',
    )

    backup = commands.add_parser(
        "backup",
        help="tulis cadangan terenkripsi yang sudah diperiksa",
        description=(
            f"Menulis cadangan ({SUFFIX}) yang terbuka dengan kata sandi dan kunci pemulihan\n"
            "yang sama, lalu memeriksanya. Mencetak nama berkas yang ditulis."
        ),
    )
    backup.add_argument(
        "dest", metavar="TUJUAN", type=Path, help=f"folder tujuan, atau nama berkas {SUFFIX}"
    )
    _account_option(backup)

    restore_cmd = commands.add_parser(
        "restore",
        help="pulihkan brankas dari berkas cadangan",
        description=(
            "Mengganti brankas dengan isi cadangan yang sudah diperiksa. Brankas yang sekarang\n"
            "lebih dulu dicadangkan (sebelum-pemulihan-…) agar tidak ada yang hilang.\n"
            "Kata sandi akun membuka brankas sekarang dan cadangan; dengan --recovery,\n"
            "cadangan dibuka dengan kunci pemulihannya.\n"
            "Bila brankas rusak, berkas kuncinya hilang, atau folder data masih kosong\n"
            "(komputer baru), cadangan dipasang tanpa membuka brankas: akun dipilih dari\n"
            "cadangan, dan berkas lama yang rusak disimpan di cadangan/rusak-…"
        ),
    )
    restore_cmd.add_argument("src", metavar="CADANGAN", type=Path, help=f"berkas {SUFFIX}")
    _account_option(restore_cmd)
    restore_cmd.add_argument(
        "--recovery", action="store_true", help="buka cadangan dengan kunci pemulihan"
    )

    passwd = commands.add_parser(
        "passwd",
        help="ganti kata sandi sebuah akun",
        description=(
            "Mengganti kata sandi akun. Kata sandi lama ditanyakan, lalu yang baru dua kali;\n"
            "dengan --recovery, kunci pemulihan ditanyakan sebagai ganti kata sandi lama."
        ),
    )
    passwd.add_argument("--account", metavar="NAMA", required=True, help="nama akun")
    passwd.add_argument(
        "--recovery", action="store_true", help="pakai kunci pemulihan (kata sandi terlupa)"
    )

    import_students = commands.add_parser(
        "import-students",
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
    )
    import_students.add_argument(
        "file", metavar="BERKAS", type=Path, help="berkas .xlsx atau .csv berisi data siswa"
    )
    import_students.add_argument(
        "--dry-run",
        action="store_true",
        help="hanya tampilkan pratinjau (jumlah dan peringatan); tidak ada yang disimpan",
    )
    import_students.add_argument(
        "--preset",
        metavar="NAMA",
        help="pemetaan kolom yang dipakai: EMIS, atau preset yang disimpan di program",
    )
    _account_option(import_students)

    demo = commands.add_parser(
        "demo-data",
        help="isi brankas dengan data contoh sintetis",
        description=(
            "Menambahkan data contoh yang sintetis tetapi wajar (nama dan kota Indonesia) ke\n"
            "brankas yang sudah ada. Pengaturan sekolah yang sudah diisi tidak diganti.\n"
            "Ditulis per kelompok dalam transaksi, sehingga aman bila dihentikan di tengah."
        ),
    )
    _account_option(demo)
    demo.add_argument(
        "--students",
        metavar="N",
        type=_whole_number(0, MAX_STUDENTS),
        default=DEMO_STUDENTS,
        help=f"jumlah siswa (bawaan: {DEMO_STUDENTS})",
    )
    demo.add_argument(
        "--years",
        metavar="Y",
        type=_whole_number(1, MAX_YEARS),
        default=DEMO_YEARS,
        help=f"rentang tahun ke belakang (bawaan: {DEMO_YEARS})",
    )
    demo.add_argument(
        "--seed",
        metavar="S",
        type=_whole_number(-(2**63), 2**63 - 1),
        default=DEMO_SEED,
        help=f"benih acak; benih yang sama memberi data yang sama (bawaan: {DEMO_SEED})",
    )
    return parser


def _account_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--account", metavar="NAMA", help="nama akun (boleh dilewati bila hanya ada satu akun)"
    )


# -- secrets from the terminal or standard input --------------------------------------------


class SecretReader:
    """Asks for passwords: ``getpass`` on a terminal, else one line of ``stream`` per prompt."""

    def __init__(self, stream: TextIO | None, *, interactive: bool) -> None:
        self.stream = stream
        self.interactive = interactive

    @classmethod
    def from_stdin(cls) -> SecretReader:
        stream = sys.stdin
        return cls(stream, interactive=stream is not None and stream.isatty())

    def ask(self, prompt: str) -> str:
        if self.interactive:
            return getpass.getpass(prompt)
        line = self.stream.readline() if self.stream is not None else ""
        if not line:
            raise KnownError(
                "Masukan standar habis sebelum semua kata sandi terbaca. Berikan satu baris "
                "untuk setiap pertanyaan, atau jalankan perintah ini di terminal."
            )
        return line.removesuffix("\n").removesuffix("\r")


# -- key derivation ----------------------------------------------------------------------------


class _TargetKdfChooser(KdfChooser):
    """Calibrates for the vault's target, or for ``BK_DESKTOP_KDF_TARGET`` when it is set."""

    def __init__(self, override: float | None) -> None:
        super().__init__()
        self._override = override

    def params(self, target_seconds: float) -> KdfParams:
        return super().params(self._override if self._override is not None else target_seconds)


def kdf_chooser(environ: Mapping[str, str] | None = None) -> KdfChooser:
    """The chooser for new key slots; the environment may lower the target (tests, old PCs)."""
    raw = (os.environ if environ is None else environ).get(KDF_TARGET_ENV, "").strip()
    if not raw:
        return _TargetKdfChooser(None)
    try:
        target = float(raw)
    except ValueError:
        target = -1.0
    if not 0 < target <= 10:
        raise KnownError(
            f"{KDF_TARGET_ENV} harus berisi jumlah detik antara 0 dan 10, misalnya 0.5."
        )
    return _TargetKdfChooser(target)


# -- the commands ------------------------------------------------------------------------------


@dataclass
class _Context:
    args: argparse.Namespace
    data_dir: Path
    secrets: SecretReader
    out: TextIO
    clock: Clock
    _kdf: KdfChooser | None = None

    @property
    def paths(self) -> VaultPaths:
        return VaultPaths(self.data_dir)

    @property
    def kdf(self) -> KdfChooser:
        if self._kdf is None:
            self._kdf = kdf_chooser()
        return self._kdf

    def access(self, paths: VaultPaths | None = None) -> VaultAccess:
        return VaultAccess(paths or self.paths, self.clock, self.kdf)

    def say(self, line: str = "") -> None:
        print(line, file=self.out, flush=True)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _resolve_account(access: VaultAccess, name: str | None) -> tuple[str, str]:
    """(id, name) of the account asked for, or of the only one when none is named."""
    accounts = access.accounts()
    if name:
        account_id = access.account_id_by_name(name)
        return account_id, dict(accounts)[account_id]
    if len(accounts) == 1:
        return accounts[0]
    if not accounts:
        raise KnownError("Brankas ini tidak punya akun yang dapat masuk dengan kata sandi.")
    names = ", ".join(label for _, label in accounts)
    raise KnownError(f"Brankas ini punya beberapa akun ({names}). Pilih satu dengan --account.")


def _refuse_while_waiting(access: VaultAccess, account_id: str) -> None:
    """Refuse before asking for a password that the service would refuse anyway."""
    wait = access.wait_needed(account_id)
    if wait > timedelta(0):
        raise TooManyAttempts(wait)


def _unlock(ctx: _Context, access: VaultAccess, name: str | None) -> tuple[Workspace, str]:
    """Sign in by password; returns the workspace and the password (some commands reuse it)."""
    account_id, label = _resolve_account(access, name)
    _refuse_while_waiting(access, account_id)
    password = ctx.secrets.ask(f"Kata sandi untuk {label}: ")
    return access.unlock(account_id, password), password


@contextlib.contextmanager
def _signed_in(workspace: Workspace) -> Iterator[Workspace]:
    """Lock the workspace afterwards, also when the command failed (the lock is recorded)."""
    try:
        yield workspace
    except BaseException:
        with contextlib.suppress(Exception):
            workspace.lock()
        if workspace.is_open:
            workspace.vault.close()
        raise
    workspace.lock()


def _init(ctx: _Context) -> int:
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


def _verify(ctx: _Context) -> int:
    args = ctx.args
    access = ctx.access()
    try:
        workspace, _ = _unlock(ctx, access, args.account)
    except _DAMAGE as error:
        if args.json:
            ctx.say(json.dumps({"ok": False, "counts": {}, "problems": [error.message]}))
        raise
    with _signed_in(workspace):
        report = check_integrity(workspace)
    if args.json:
        ctx.say(json.dumps({"ok": report.ok, "counts": report.counts, "problems": report.problems}))
    else:
        ctx.say("Brankas utuh." if report.ok else "Brankas RUSAK.")
        for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
            ctx.say(f"  masalah: {_one_line(problem)}")
        ctx.say("Jumlah catatan:")
        width = max((len(KIND_LABELS.get(k, k)) for k in report.counts), default=0)
        for key, count in report.counts.items():
            ctx.say(f"  {KIND_LABELS.get(key, key):<{width}}  {_number(count):>9}")
    if not report.ok:
        raise KnownError(
            f"Pemeriksaan keutuhan menemukan {len(report.problems)} masalah. Pulihkan dari "
            "cadangan terakhir."
        )
    return 0


def _backup(ctx: _Context) -> int:
    workspace, _ = _unlock(ctx, ctx.access(), ctx.args.account)
    with _signed_in(workspace):
        path = BackupService(workspace).backup(ctx.args.dest.expanduser())
    ctx.say(str(path))
    return 0


def _restore(ctx: _Context) -> int:
    args = ctx.args
    source: Path = args.src.expanduser()
    contents = inspect_backup(source)  # a file that is no backup is refused before any prompt
    access = ctx.access()
    try:
        account_id, label = _resolve_account(access, args.account)
    except _UNOPENABLE as error:
        return _restore_unopened(ctx, source, contents, error)
    backup_account = _same_account_in_backup(contents, account_id, label)
    _refuse_while_waiting(access, account_id)
    password = ctx.secrets.ask(f"Kata sandi untuk {label}: ")
    try:
        workspace = access.unlock(account_id, password)
    except _DAMAGE as error:
        return _restore_unopened(
            ctx, source, contents, error, account=(backup_account, label), password=password
        )
    with _signed_in(workspace):
        credentials = _backup_credentials(ctx, contents, backup_account, label, password)
        folder = backup_folder(workspace)
        pattern = f"{BEFORE_RESTORE_PREFIX}-*{SUFFIX}"
        earlier = set(folder.glob(pattern))
        restored = restore(workspace, source, credentials)
    restored.lock()
    ctx.say(
        f"Brankas dipulihkan dari {source} (cadangan {contents.created_at or 'tanpa tanggal'})."
    )
    copies = sorted(set(folder.glob(pattern)) - earlier)
    if copies:
        ctx.say(f"Salinan brankas sebelum pemulihan: {copies[-1]}")
    return 0


def _restore_unopened(
    ctx: _Context,
    source: Path,
    contents: BackupContents,
    why: VaultError,
    *,
    account: tuple[str, str] | None = None,
    password: str | None = None,
) -> int:
    """Restore when the vault cannot be opened (damaged, key file lost) or is not there yet.

    The account comes from the backup's own key slots (``--account`` or its only account);
    a password already typed for the unusable vault is tried on the backup before asking
    again. Nothing is changed until the backup has been unlocked and verified.
    """
    log.info("restore without opening the vault: %s", type(why).__name__)
    account_id, label = account or _choose_backup_account(contents, ctx.args.account)
    if password is not None:
        credentials = _backup_credentials(ctx, contents, account_id, label, password)
    elif ctx.args.recovery:
        credentials = RestoreCredentials(
            account_id, recovery_key=ctx.secrets.ask("Kunci pemulihan: ")
        )
    else:
        password = ctx.secrets.ask(f"Kata sandi untuk {label} (di cadangan): ")
        credentials = RestoreCredentials(account_id, password=password)
    rescued = restore_damaged(ctx.paths, source, credentials, ctx.clock)
    rescued.workspace.lock()
    if isinstance(why, NoVault):
        ctx.say(f"Folder {ctx.data_dir} belum berisi brankas; cadangan dipasang di sana.")
    else:
        ctx.say("Brankas yang ada tidak dapat dibuka, jadi cadangan dipasang tanpa membukanya.")
    ctx.say(
        f"Brankas dipulihkan dari {source} (cadangan {contents.created_at or 'tanpa tanggal'})."
    )
    ctx.say("Kata sandi dan kunci pemulihan kini sama seperti saat cadangan dibuat.")
    if rescued.kept:
        ctx.say(f"Berkas lama yang tidak dapat dibuka disimpan di: {rescued.kept[0].parent}")
    return 0


def _same_account_in_backup(contents: BackupContents, account_id: str, label: str) -> str:
    """The backup's id of the account signed in to now: the same id, else the same name."""
    in_backup = dict(contents.slots.accounts())
    if account_id in in_backup:
        return account_id
    wanted = label.casefold()
    found = next((a for a, n in in_backup.items() if n.casefold() == wanted), None)
    if found is None:
        raise AccountNotFound(label)
    return found


def _choose_backup_account(contents: BackupContents, name: str | None) -> tuple[str, str]:
    """(id, name) of the backup's account named ``name``, or of its only one."""
    accounts = contents.slots.accounts()
    names = ", ".join(label for _, label in accounts)
    if name:
        wanted = " ".join(name.split()).casefold()
        for account_id, label in accounts:
            if label.casefold() == wanted:
                return account_id, label
        raise KnownError(f"Akun '{name}' tidak ada di cadangan ini. Akun di cadangan: {names}.")
    if len(accounts) == 1:
        return accounts[0]
    if not accounts:
        raise KnownError("Cadangan ini tidak punya akun yang dapat masuk dengan kata sandi.")
    raise KnownError(f"Cadangan ini punya beberapa akun ({names}). Pilih satu dengan --account.")


def _backup_credentials(
    ctx: _Context, contents: BackupContents, account_id: str, label: str, password: str
) -> RestoreCredentials:
    """The recovery key (``--recovery``), or the password that opens the backup's slot: the
    one typed, or, when it was changed since the backup, the one asked for now."""
    if ctx.args.recovery:
        return RestoreCredentials(account_id, recovery_key=ctx.secrets.ask("Kunci pemulihan: "))
    try:
        contents.slots.unlock_with_password(account_id, password)
    except WrongPassword:
        password = ctx.secrets.ask(
            f"Kata sandi {label} berbeda saat cadangan dibuat. Kata sandi di cadangan: "
        )
    return RestoreCredentials(account_id, password=password)


def _passwd(ctx: _Context) -> int:
    access = ctx.access()
    account_id, label = _resolve_account(access, ctx.args.account)
    if ctx.args.recovery:
        key = ctx.secrets.ask("Kunci pemulihan: ")
        new = ctx.secrets.ask(f"Kata sandi baru untuk {label}: ")
        repeat = ctx.secrets.ask("Ulangi kata sandi: ")
        access.reset_password_with_recovery(key, account_id, new, repeat).lock()
    else:
        _refuse_while_waiting(access, account_id)
        old = ctx.secrets.ask(f"Kata sandi lama untuk {label}: ")
        with _signed_in(access.unlock(account_id, old)) as workspace:
            new = ctx.secrets.ask(f"Kata sandi baru untuk {label}: ")
            repeat = ctx.secrets.ask("Ulangi kata sandi: ")
            AccountService(workspace, ctx.kdf).change_own_password(old, new, repeat)
    ctx.say(f"Kata sandi akun {label} sudah diganti.")
    return 0


def _import_students(ctx: _Context) -> int:
    args = ctx.args
    workspace, _ = _unlock(ctx, ctx.access(), args.account)
    with _signed_in(workspace):
        lines = import_students_cli(
            workspace, args.file.expanduser(), dry_run=args.dry_run, preset_name=args.preset
        )
    for line in lines:
        ctx.say(line)
    return 0


def _demo_data(ctx: _Context) -> int:
    args = ctx.args
    workspace, _ = _unlock(ctx, ctx.access(), args.account)
    with _signed_in(workspace):
        summary = fill_demo(workspace, students=args.students, years=args.years, seed=args.seed)
    _print_summary(ctx, summary)
    return 0


def _print_summary(ctx: _Context, summary: DemoSummary) -> None:
    plan = summary.plan
    ctx.say(f"Data contoh ditambahkan (benih {plan.seed}, {plan.years} tahun ke belakang):")
    for key, count in summary.added.items():
        ctx.say(f"  {KIND_LABELS.get(key, key)}: {_number(count)}")
    if summary.settings_filled:
        filled = ", ".join(SETTING_LABELS.get(k, k) for k in summary.settings_filled)
        ctx.say(f"  pengaturan yang diisi: {filled}")
    if summary.not_generated:
        kinds = ", ".join(KIND_LABELS.get(k, k) for k in summary.not_generated)
        ctx.say(f"Belum dibuat oleh versi ini: {kinds}.")


# -- the window ------------------------------------------------------------------------------


def _run_gui(
    paths: VaultPaths, *, kdf: KdfChooser, demo_hint: tuple[str, str] | None = None
) -> int:
    """Open the window; ``app`` (and with it Qt) is imported only now, never for a command."""
    from bk_desktop.app import run_gui  # noqa: PLC0415 - keeps Qt out of the commands

    return run_gui(paths, kdf=kdf, demo_hint=demo_hint)


def _window(ctx: _Context) -> int:
    return _run_gui(ctx.paths, kdf=ctx.kdf)


def prepare_demo_vault(data_dir: Path, kdf: KdfChooser, clock: Clock) -> tuple[VaultPaths, str]:
    """The demo vault in ``<data_dir>/demo``, made and filled on first use.

    Returns its paths and, when it was just made, its recovery key ("" otherwise). It is built
    in a scratch folder and renamed into place when complete, so an interrupted first run is
    simply started again.
    """
    paths = VaultPaths(data_dir / DEMO_FOLDER)
    if paths.exists():
        return paths, ""
    if paths.folder.exists():
        try:
            paths.folder.rmdir()
        except OSError:
            raise KnownError(
                f"Folder {paths.folder} berisi berkas lain tetapi bukan brankas contoh. "
                "Pindahkan atau hapus folder itu, lalu coba lagi."
            ) from None
    building = VaultPaths(data_dir / f"{DEMO_FOLDER}.creating")
    if building.folder.exists():
        shutil.rmtree(building.folder)
    access = VaultAccess(building, clock, kdf)
    workspace, recovery = access.setup(
        SetupForm(
            school_name=DEMO_SCHOOL,
            city=DEMO_CITY,
            timezone=DEFAULT_ZONE,
            account_name=DEMO_ACCOUNT,
            password=DEMO_PASSWORD,
            password_repeat=DEMO_PASSWORD,
        )
    )
    with _signed_in(workspace):
        AccountService(workspace, kdf).add(
            name=DEMO_SECOND_ACCOUNT,
            role=Role.GURU_BK,
            password=DEMO_SECOND_PASSWORD,
            password_repeat=DEMO_SECOND_PASSWORD,
        )
        fill_demo(workspace, students=DEMO_STUDENTS, years=DEMO_YEARS, seed=DEMO_SEED)
    building.folder.replace(paths.folder)
    return paths, recovery


def _demo_window(ctx: _Context) -> int:
    paths, recovery = prepare_demo_vault(ctx.data_dir, ctx.kdf, ctx.clock)
    ctx.say(f"Brankas contoh (data sintetis): {paths.folder}")
    ctx.say(f"Akun: {DEMO_ACCOUNT}")
    ctx.say(f"Kata sandi: {DEMO_PASSWORD}")
    ctx.say(f"Akun kedua: {DEMO_SECOND_ACCOUNT}, kata sandi: {DEMO_SECOND_PASSWORD}")
    if recovery:
        ctx.say(f"Kunci pemulihan brankas contoh: {recovery}")
    return _run_gui(paths, kdf=ctx.kdf, demo_hint=(DEMO_ACCOUNT, DEMO_PASSWORD))


_COMMANDS: dict[str, Callable[[_Context], int]] = {
    "init": _init,
    "verify": _verify,
    "backup": _backup,
    "restore": _restore,
    "passwd": _passwd,
    "import-students": _import_students,
    "demo-data": _demo_data,
}


# -- the entry point -------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.demo and args.command:
            parser.error("--demo hanya dipakai tanpa perintah (membuka jendela)")
    except SystemExit as leaving:
        code = leaving.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    what = args.command or ("demo" if args.demo else "window")
    log_path = configure_logging()
    log.info("start: %s (version %s)", what, __version__)
    data_dir: Path = (args.data_dir or default_data_dir()).expanduser()
    ctx = _Context(args, data_dir, SecretReader.from_stdin(), sys.stdout, SystemClock())
    run = _COMMANDS.get(args.command or "", _demo_window if args.demo else _window)
    try:
        code = run(ctx)
    except KnownError as error:
        log.info("%s failed: %s", what, type(error).__name__)
        print(_one_line(error.message), file=sys.stderr)
        code = 1
    except KeyboardInterrupt:
        log.info("%s interrupted", what)
        if ctx.secrets.interactive:
            print(file=sys.stderr)
        print("Dibatalkan.", file=sys.stderr)
        code = 1
    except Exception:
        log.exception("%s: unexpected error", what)
        print(f"Terjadi kesalahan tak terduga; rinciannya dicatat di {log_path}.", file=sys.stderr)
        code = 1
    log.info("end: %s, exit code %d", what, code)
    return code
