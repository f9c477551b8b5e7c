"""The window, opened when no command is given; ``--demo`` opens it on the demo vault.

The demo vault lives in its own folder beside the real one, with credentials that are public on
purpose (printed in the terminal, shown on the unlock dialog, written in the README). Like a
school, it has one guru BK for about every 150 students: besides the two documented accounts,
the others are real accounts too, each signing in with the demo password, and the demo's
requests and cases are spread over all of them.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from bk_desktop.cli.command import Context
from bk_desktop.cli.demo_data import DEMO_SEED, DEMO_STUDENTS, DEMO_YEARS
from bk_desktop.cli.display import check_display_libraries
from bk_desktop.cli.signin import signed_in
from bk_desktop.domain.accounts import Role
from bk_desktop.domain.clock import Clock
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.settings import DEFAULT_ZONE
from bk_desktop.services.access import SetupForm, VaultAccess
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.demo import add_demo_commitments, fill_demo
from bk_desktop.services.demo_names import counsellor_count, counsellor_names
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.storage.vault import VaultPaths

DEMO_FOLDER = "demo"
DEMO_ACCOUNT = "Guru BK Demo"
DEMO_PASSWORD = "demo-bk-2026"
DEMO_SECOND_ACCOUNT = "Guru BK Kedua"
DEMO_SECOND_PASSWORD = "demo-bk-2026-kedua"
DEMO_PRINCIPAL = "Kepala Sekolah Demo"
"""Signs in with ``DEMO_PASSWORD`` to show what the kepala sekolah sees (figures, workload)."""
DEMO_SCHOOL = "SMA Negeri Contoh"
DEMO_CITY = "Bontang"

DEMO_OPTION_HELP = (
    "buka jendela pada brankas contoh berisi data sintetis (dibuat saat pertama kali, "
    f"di subfolder '{DEMO_FOLDER}'; akun '{DEMO_ACCOUNT}', kata sandi '{DEMO_PASSWORD}')"
)


def _run_gui(
    ctx: Context, paths: VaultPaths, *, kdf: KdfChooser, demo_hint: tuple[str, str] | None = None
) -> int:
    """Open the window; ``app`` (and with it Qt) is imported only now, never for a command."""
    check_display_libraries(ctx.terminal.environ)
    from bk_desktop.app import run_gui  # noqa: PLC0415 - keeps Qt out of the commands

    return run_gui(paths, kdf=kdf, demo_hint=demo_hint)


def run_window(ctx: Context) -> int:
    return _run_gui(ctx, ctx.paths, kdf=ctx.kdf)


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
    with signed_in(workspace):
        accounts = AccountService(workspace, kdf)
        accounts.add(
            name=DEMO_SECOND_ACCOUNT,
            role=Role.GURU_BK,
            password=DEMO_SECOND_PASSWORD,
            password_repeat=DEMO_SECOND_PASSWORD,
        )
        others = counsellor_count(DEMO_STUDENTS) - 2
        rng = random.Random(f"{DEMO_SEED}/accounts")  # noqa: S311 - names, not secrets
        for name in counsellor_names(rng, others, taken=(DEMO_ACCOUNT, DEMO_SECOND_ACCOUNT)):
            accounts.add(
                name=name,
                role=Role.GURU_BK,
                password=DEMO_PASSWORD,
                password_repeat=DEMO_PASSWORD,
            )
        # The counsellors' lessons, piket and meetings first: demo sessions keep clear of them.
        add_demo_commitments(workspace, [a.id for a in accounts.list()], DEMO_YEARS)
        fill_demo(workspace, students=DEMO_STUDENTS, years=DEMO_YEARS, seed=DEMO_SEED)
        accounts.add(
            name=DEMO_PRINCIPAL,
            role=Role.KEPALA_SEKOLAH,
            password=DEMO_PASSWORD,
            password_repeat=DEMO_PASSWORD,
        )
    building.folder.replace(paths.folder)
    return paths, recovery


def run_demo_window(ctx: Context) -> int:
    check_display_libraries(ctx.terminal.environ)  # before the demo vault is filled
    paths, recovery = prepare_demo_vault(ctx.data_dir, ctx.kdf, ctx.clock)
    ctx.say(f"Brankas contoh (data sintetis): {paths.folder}")
    ctx.say(f"Akun: {DEMO_ACCOUNT}")
    ctx.say(f"Kata sandi: {DEMO_PASSWORD}")
    ctx.say(f"Akun kedua: {DEMO_SECOND_ACCOUNT}, kata sandi: {DEMO_SECOND_PASSWORD}")
    ctx.say(f"Akun guru BK lain: kata sandi {DEMO_PASSWORD}")
    if recovery:
        ctx.say(f"Kunci pemulihan brankas contoh: {recovery}")
    return _run_gui(ctx, paths, kdf=ctx.kdf, demo_hint=(DEMO_ACCOUNT, DEMO_PASSWORD))
