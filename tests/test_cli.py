"""The ``bk-desktop`` command line, run in this process as a scheduled task would run it:
passwords fed on standard input, checked by exit code, stdout, stderr and the log file.

``main`` takes its streams and environment from a ``Terminal``, so these tests call it directly;
``test_cli_process.py`` keeps the few checks that need a real child process.
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bk_desktop import __version__
from bk_desktop.cli import Terminal, commands, main, window
from bk_desktop.cli.demo_data import DEMO_STUDENTS
from bk_desktop.cli.run import log_folder
from bk_desktop.domain.accounts import Role
from bk_desktop.domain.clock import FixedClock, SystemClock
from bk_desktop.logs import HANDLER_NAME, LOG_FILE, default_log_dir
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.migrations import latest_version
from bk_desktop.storage.vault import VaultPaths

from dapodik_files import write_dapodik
from support import pc_zone

PASSWORD = "Kopi-Pagi-Bontang-2026"
NEW_PASSWORD = "Teh-Sore-Samarinda-2027"
ACCOUNT = "Sari Wulandari"
CONTENT = "Siti Aminah, NIK 6474010101080001"  # what an exception message might quote
COMMANDS = ("init", "verify", "backup", "restore", "passwd", "import-students", "demo-data")


@dataclass(frozen=True)
class Done:
    """What a finished run left: as ``subprocess.CompletedProcess`` names it."""

    returncode: int
    stdout: str
    stderr: str


Run = Callable[..., Done]


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    return tmp_path / "logs"


@pytest.fixture
def run(tmp_path: Path, log_dir: Path) -> Run:
    """Run ``bk-desktop --data-dir <tmp>/data ARGS`` in this process with ``lines`` as
    standard input and an environment of its own (a quick KDF, logs in ``log_dir``)."""

    def run_cli(
        *args: str,
        lines: tuple[str, ...] = (),
        data_dir: Path | None = None,
        env: dict[str, str] | None = None,
    ) -> Done:
        environment = {"BK_DESKTOP_KDF_TARGET": "0.01", "BK_DESKTOP_LOG_DIR": str(log_dir)}
        environment.update(env or {})
        folder = data_dir or tmp_path / "data"
        out, err = io.StringIO(), io.StringIO()
        stdin = io.StringIO("".join(line + "\n" for line in lines))
        code = main(["--data-dir", str(folder), *args], Terminal(stdin, out, err, environment))
        return Done(code, out.getvalue(), err.getvalue())

    return run_cli


@pytest.fixture
def recovery_key(run: Run) -> str:
    """An initialised vault in <tmp>/data; returns its recovery key."""
    done = run(
        "init", "--account", ACCOUNT, "--school", "SMA Negeri 1 Bontang", lines=(PASSWORD,) * 2
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1].removeprefix("Kunci pemulihan: ")


def verify_json(
    run: Run, password: str = PASSWORD, data_dir: Path | None = None
) -> dict[str, object]:
    """``verify --json`` (which must succeed) as a dict."""
    done = run("verify", "--json", lines=(password,), data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def counts(run: Run, data_dir: Path | None = None) -> dict[str, int]:
    found = verify_json(run, data_dir=data_dir)["counts"]
    assert isinstance(found, dict)
    return found


def assert_one_clean_line(stderr: str) -> None:
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in stderr


# -- init ------------------------------------------------------------------------------------


def test_init_refuses_when_a_vault_exists(run: Run, recovery_key: str) -> None:
    done = run("init", "--account", "Budi Santoso", lines=(PASSWORD, PASSWORD))
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert "Sudah ada brankas" in done.stderr


def test_init_refuses_passwords_that_differ(run: Run) -> None:
    done = run("init", "--account", ACCOUNT, lines=(PASSWORD, NEW_PASSWORD))
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert "tidak sama" in done.stderr


# -- verify ---------------------------------------------------------------------------------


def test_verify_json_reports_ok_and_english_counts(run: Run, recovery_key: str) -> None:
    result = verify_json(run)
    assert result["ok"] is True
    found = result["counts"]
    assert isinstance(found, dict)
    assert found["accounts"] == 1
    assert found["complaints"] == 0
    assert found["audit_events"] >= 3
    assert all(key.isascii() and key == key.lower() for key in found)
    assert result["schema_version"] == latest_version()  # every shipped step ran


def test_verify_prints_counts_for_people(run: Run, recovery_key: str) -> None:
    done = run("verify", lines=(PASSWORD,))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Brankas utuh.")
    assert "peristiwa audit" in done.stdout


def test_verify_of_a_damaged_vault_says_not_ok(run: Run, recovery_key: str, tmp_path: Path) -> None:
    vault = tmp_path / "data" / "bk-desktop.vault"
    size = vault.stat().st_size
    with vault.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\x00" * 64)
    done = run("verify", "--json", lines=(PASSWORD,))
    assert done.returncode == 1
    assert json.loads(done.stdout)["ok"] is False
    assert_one_clean_line(done.stderr)
    assert "rusak" in done.stderr


def test_verify_finds_a_record_that_points_at_nothing(
    run: Run, recovery_key: str, tmp_path: Path
) -> None:
    access = VaultAccess(VaultPaths(tmp_path / "data"), SystemClock(), KdfChooser(TEST_PARAMS))
    workspace = access.unlock(access.account_id_by_name(ACCOUNT), PASSWORD)
    try:
        workspace.db.execute("PRAGMA foreign_keys = OFF")
        workspace.db.execute(
            "INSERT INTO guardian (student_id, position, name, relation) "
            "VALUES (4242, 1, 'Wali Tanpa Siswa', 'wali')"
        )
    finally:
        workspace.lock()
    for flags in ((), ("--full",)):
        done = run("verify", "--json", *flags, lines=(PASSWORD,))
        assert done.returncode == 1
        result = json.loads(done.stdout)
        assert result["ok"] is False
        assert any("guardian" in problem for problem in result["problems"])
        assert_one_clean_line(done.stderr)


def test_verify_full_of_a_sound_vault_is_ok(run: Run, recovery_key: str) -> None:
    done = run("verify", "--full", lines=(PASSWORD,))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Brankas utuh.")


def test_a_key_file_of_another_vault_is_named_so(
    run: Run, recovery_key: str, tmp_path: Path
) -> None:
    other = tmp_path / "lain"
    done = run("init", "--account", ACCOUNT, lines=(PASSWORD,) * 2, data_dir=other)
    assert done.returncode == 0, done.stderr
    data = tmp_path / "data"
    (data / "bk-desktop.keys").write_bytes((other / "bk-desktop.keys").read_bytes())
    vault_before = (data / "bk-desktop.vault").read_bytes()
    done = run("verify", lines=(PASSWORD,))
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert "milik brankas lain" in done.stderr
    assert (data / "bk-desktop.vault").read_bytes() == vault_before


def test_unknown_account_is_one_line(run: Run, recovery_key: str) -> None:
    done = run("verify", "--account", "Budi", lines=(PASSWORD,))
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert "Budi" in done.stderr


def test_no_vault_is_one_line(run: Run) -> None:
    done = run("verify", lines=(PASSWORD,))
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert "Belum ada brankas" in done.stderr


# -- usage -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("frobnicate",),
        ("passwd",),
        ("verify", "--password", PASSWORD),
        ("demo-data", "--students", "banyak"),
        ("demo-data", "--years", "0"),
        ("--demo", "verify"),
    ],
)
def test_usage_errors_exit_2_in_indonesian(run: Run, args: tuple[str, ...]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert "kesalahan:" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_indonesian_help(run: Run, command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith(f"Pemakaian: bk-desktop {command}")
    assert "opsi:" in done.stdout


def test_version(run: Run) -> None:
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"bk-desktop {__version__}"


def test_a_bad_kdf_target_is_refused(run: Run, tmp_path: Path) -> None:
    done = run(
        "init", "--account", ACCOUNT, lines=(PASSWORD,) * 2, env={"BK_DESKTOP_KDF_TARGET": "cepat"}
    )
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert "BK_DESKTOP_KDF_TARGET" in done.stderr
    assert not (tmp_path / "data" / "bk-desktop.vault").exists()


# -- backup and restore ------------------------------------------------------------------------


def test_backup_then_restore_brings_back_the_backed_up_records(
    run: Run, recovery_key: str, tmp_path: Path
) -> None:
    done = run("backup", str(tmp_path / "usb"), lines=(PASSWORD,))
    assert done.returncode == 0, done.stderr
    backup = Path(done.stdout.strip())
    assert backup.parent == tmp_path / "usb"
    assert backup.suffix == ".bkbak"
    assert backup.is_file()

    assert run("demo-data", "--years", "1", lines=(PASSWORD,)).returncode == 0
    grown = counts(run)["audit_events"]

    done = run("restore", str(backup), lines=(PASSWORD,))
    assert done.returncode == 0, done.stderr
    safety = Path(done.stdout.splitlines()[-1].split(": ", 1)[1])
    assert safety.name.startswith("sebelum-pemulihan-")
    assert safety.is_file()
    assert counts(run)["audit_events"] < grown


def test_restore_with_the_recovery_key(run: Run, recovery_key: str, tmp_path: Path) -> None:
    backup = tmp_path / "cadangan.bkbak"
    assert run("backup", str(backup), lines=(PASSWORD,)).returncode == 0
    done = run("restore", str(backup), "--recovery", lines=(PASSWORD, recovery_key))
    assert done.returncode == 0, done.stderr
    assert verify_json(run)["ok"] is True


def test_restore_refuses_a_file_that_is_no_backup(
    run: Run, recovery_key: str, tmp_path: Path
) -> None:
    fake = tmp_path / "bukan.bkbak"
    fake.write_text("bukan cadangan", encoding="utf-8")
    done = run("restore", str(fake), lines=(PASSWORD,))
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert verify_json(run)["ok"] is True


def damage(path: Path) -> None:
    """Overwrite bytes in the middle of ``path``, as a failing disk or a bad copy would."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\x00" * 64)


@pytest.fixture
def backup_file(run: Run, recovery_key: str, tmp_path: Path) -> Path:
    """A backup of the vault in <tmp>/data, written to a USB drive."""
    done = run("backup", str(tmp_path / "usb"), lines=(PASSWORD,))
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip())


def test_restore_over_a_damaged_vault_keeps_the_damaged_files(
    run: Run, backup_file: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    damage(data / "bk-desktop.vault")
    assert run("verify", lines=(PASSWORD,)).returncode == 1
    done = run("restore", str(backup_file), lines=(PASSWORD,))
    assert done.returncode == 0, done.stderr
    assert "tidak dapat dibuka" in done.stdout
    kept = Path(done.stdout.splitlines()[-1].split(": ", 1)[1])
    assert kept.parent == data / "cadangan"
    assert kept.name.startswith("rusak-")
    assert (kept / "bk-desktop.vault").is_file()
    assert (kept / "bk-desktop.keys").is_file()
    assert verify_json(run)["ok"] is True


def test_restore_when_the_key_file_is_lost(run: Run, backup_file: Path, tmp_path: Path) -> None:
    (tmp_path / "data" / "bk-desktop.keys").unlink()
    assert run("verify", lines=(PASSWORD,)).returncode == 1
    done = run("restore", str(backup_file), lines=(PASSWORD,))
    assert done.returncode == 0, done.stderr
    kept = Path(done.stdout.splitlines()[-1].split(": ", 1)[1])
    assert sorted(p.name for p in kept.iterdir()) == ["bk-desktop.vault"]
    assert verify_json(run)["ok"] is True


def test_restore_with_the_recovery_key_when_the_key_file_is_damaged(
    run: Run, backup_file: Path, recovery_key: str, tmp_path: Path
) -> None:
    (tmp_path / "data" / "bk-desktop.keys").write_text("{bukan json", encoding="utf-8")
    done = run("restore", str(backup_file), "--recovery", lines=(recovery_key,))
    assert done.returncode == 0, done.stderr
    assert verify_json(run)["ok"] is True


def test_restore_onto_a_new_pc(run: Run, backup_file: Path, tmp_path: Path) -> None:
    new_pc = tmp_path / "komputer-baru"
    done = run("restore", str(backup_file), lines=(PASSWORD,), data_dir=new_pc)
    assert done.returncode == 0, done.stderr
    assert "belum berisi brankas" in done.stdout
    assert "rusak" not in done.stdout
    assert not (new_pc / "cadangan").exists()
    result = verify_json(run, data_dir=new_pc)
    assert result["ok"] is True
    assert counts(run, data_dir=new_pc)["accounts"] == 1


def test_restore_onto_a_new_pc_with_a_wrong_password_writes_nothing(
    run: Run, backup_file: Path, tmp_path: Path
) -> None:
    new_pc = tmp_path / "komputer-baru"
    done = run("restore", str(backup_file), lines=("bukan-kata-sandinya",), data_dir=new_pc)
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert "Kata sandi salah" in done.stderr
    assert not (new_pc / "bk-desktop.vault").exists()


def test_restore_onto_a_new_pc_chooses_among_the_backups_accounts(
    run: Run, recovery_key: str, tmp_path: Path
) -> None:
    access = VaultAccess(VaultPaths(tmp_path / "data"), SystemClock(), KdfChooser(TEST_PARAMS))
    workspace = access.unlock(access.account_id_by_name(ACCOUNT), PASSWORD)
    try:
        AccountService(workspace, KdfChooser(TEST_PARAMS)).add(
            name="Budi Santoso",
            role=Role.GURU_BK,
            password=NEW_PASSWORD,
            password_repeat=NEW_PASSWORD,
        )
    finally:
        workspace.lock()
    backup = tmp_path / "dua-akun.bkbak"
    done = run("backup", str(backup), "--account", ACCOUNT, lines=(PASSWORD,))
    assert done.returncode == 0, done.stderr
    new_pc = tmp_path / "komputer-baru"

    done = run("restore", str(backup), lines=(NEW_PASSWORD,), data_dir=new_pc)
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert "--account" in done.stderr
    assert ACCOUNT in done.stderr
    assert "Budi Santoso" in done.stderr

    done = run(
        "restore", str(backup), "--account", "budi santoso", lines=(NEW_PASSWORD,), data_dir=new_pc
    )
    assert done.returncode == 0, done.stderr
    verify = run(
        "verify", "--json", "--account", "Budi Santoso", lines=(NEW_PASSWORD,), data_dir=new_pc
    )
    assert verify.returncode == 0, verify.stderr
    assert json.loads(verify.stdout)["counts"]["accounts"] == 2


# -- import-students ---------------------------------------------------------------------------

DAPODIK_HEADER = [
    "No", "Nama", "NIPD", "JK", "NISN", "Tempat Lahir", "Tanggal\nLahir", "NIK", "Agama",
    "Alamat", "Data Ayah", None, "Data Ibu", None, "Rombel Saat Ini",
]  # fmt: skip
DAPODIK_SUBHEADER = [None] * 10 + ["Nama", "Tahun Lahir", "Nama", "Tahun Lahir", None]
DapodikRow = tuple[str, str, str | int, str, str]


def dapodik_file(path: Path, students: list[DapodikRow]) -> Path:
    """A "Daftar Peserta Didik" as Dapodik exports it, one row per student (name, NIPD, NISN,
    sex, rombel)."""
    rows = [
        [
            *(number, name, nipd, sex, nisn, "Bontang", "2010-05-17", "", "Islam"),
            *("Jl. Imam Bonjol", f"Ayah {name}", 1980, f"Ibu {name}", 1982, rombel),
        ]
        for number, (name, nipd, nisn, sex, rombel) in enumerate(students, start=1)
    ]
    return write_dapodik(path, DAPODIK_HEADER, DAPODIK_SUBHEADER, rows)


DAPODIK_STUDENTS: list[DapodikRow] = [
    ("Ani Lestari", "1001", "0051234567", "P", "X IPA 1"),
    ("Budi Santoso", "1002", 51234568, "L", "X IPA 2"),  # a number cell: the leading 0 is lost
    ("Citra Dewi", "1003", "0051234569", "P", "X IPA 1"),
    ("Ani Lestari (ganda)", "1009", "0051234567", "P", "X IPA 1"),  # the same NISN twice
]


def records(run: Run) -> dict[str, int]:
    """Record counts without the audit log, which grows with every sign-in."""
    return {k: v for k, v in counts(run).items() if k != "audit_events"}


def test_a_kepala_sekolah_may_not_import_students(
    run: Run, recovery_key: str, tmp_path: Path
) -> None:
    """The command line obeys the same roles as the window (``domain.visibility``)."""
    students = records(run)["students"]
    access = VaultAccess(VaultPaths(tmp_path / "data"), SystemClock(), KdfChooser(TEST_PARAMS))
    workspace = access.unlock(access.account_id_by_name(ACCOUNT), PASSWORD)
    try:
        AccountService(workspace, KdfChooser(TEST_PARAMS)).add(
            name="Drs. Bambang Sutrisno",
            role=Role.KEPALA_SEKOLAH,
            password=NEW_PASSWORD,
            password_repeat=NEW_PASSWORD,
        )
    finally:
        workspace.lock()
    path = dapodik_file(tmp_path / "daftar_pd.xlsx", DAPODIK_STUDENTS)
    done = run(
        "import-students", str(path), "--account", "Drs. Bambang Sutrisno", lines=(NEW_PASSWORD,)
    )
    assert done.returncode != 0
    assert "Akun kepala sekolah tidak membuka berkas siswa" in done.stderr
    assert "Traceback" not in done.stderr
    after = run("verify", "--json", "--account", ACCOUNT, lines=(PASSWORD,))
    assert json.loads(after.stdout)["counts"]["students"] == students


def test_import_students_dry_run_then_import_then_again(
    run: Run, recovery_key: str, tmp_path: Path
) -> None:
    path = dapodik_file(tmp_path / "daftar_pd.xlsx", DAPODIK_STUDENTS)
    before = records(run)

    dry = run("import-students", str(path), "--dry-run", lines=(PASSWORD,))
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert lines[0].startswith("Berkas: daftar_pd.xlsx, rombel untuk tahun ajaran")
    assert lines[1].startswith("Jenis berkas: Dapodik — baris judul unduhan Dapodik")
    assert lines[2].startswith("Pratinjau: 3 ditambahkan, 0 diperbarui")
    assert any("Budi Santoso" in line for line in lines[2:])
    assert any("Ani Lestari (ganda)" in line for line in lines[2:])
    assert lines[-1].startswith("Uji coba (--dry-run)")
    assert dry.stderr == ""
    assert records(run) == before

    done = run("import-students", str(path), lines=(PASSWORD,))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "Tersimpan: 3 ditambahkan, 0 diperbarui."
    assert records(run)["students"] == before["students"] + 3

    again = run("import-students", str(path), lines=(PASSWORD,))
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[2].startswith("Pratinjau: 0 ditambahkan, 0 diperbarui")
    assert again.stdout.splitlines()[-1].startswith("Tidak ada perubahan")
    assert records(run)["students"] == before["students"] + 3


def test_import_students_refuses_a_text_file_named_xlsx(
    run: Run, recovery_key: str, tmp_path: Path
) -> None:
    fake = tmp_path / "daftar_pd.xlsx"
    fake.write_text("Nama;NISN\nAni Lestari;0051234567\n", encoding="utf-8")
    done = run("import-students", str(fake), lines=(PASSWORD,))
    assert done.returncode == 1
    assert done.stdout == ""
    assert_one_clean_line(done.stderr)
    assert "daftar_pd.xlsx" in done.stderr
    assert records(run)["students"] == 0


@pytest.mark.parametrize(
    ("options", "named"),
    [
        # EMIS's "Nama Siswa" is found as "Nama Lengkap"; its identity columns are not there.
        (("--preset", "EMIS"), ("“NISN”", "“NIK”", "“Tanggal Lahir”")),
        ((), ("kolom pengenal",)),
    ],
)
def test_import_students_names_the_missing_columns(
    run: Run, recovery_key: str, tmp_path: Path, options: tuple[str, ...], named: tuple[str, ...]
) -> None:
    path = tmp_path / "kelas.csv"
    path.write_text("Nama Lengkap;Kelas\nAni Lestari;X-1\n", encoding="utf-8")
    done = run("import-students", str(path), *options, lines=(PASSWORD,))
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert "Kolom berkas tidak cocok" in done.stderr
    for column in named:
        assert column in done.stderr
    assert records(run)["students"] == 0


def test_import_students_with_an_unknown_preset(
    run: Run, recovery_key: str, tmp_path: Path
) -> None:
    path = dapodik_file(tmp_path / "daftar_pd.xlsx", DAPODIK_STUDENTS)
    done = run("import-students", str(path), "--preset", "Madrasah", lines=(PASSWORD,))
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert "Madrasah" in done.stderr


# -- passwords -------------------------------------------------------------------------------


def test_passwd_changes_the_password(run: Run, recovery_key: str) -> None:
    done = run("passwd", "--account", ACCOUNT, lines=(PASSWORD, NEW_PASSWORD, NEW_PASSWORD))
    assert done.returncode == 0, done.stderr
    assert verify_json(run, NEW_PASSWORD)["ok"] is True
    old = run("verify", lines=(PASSWORD,))
    assert old.returncode == 1
    assert "Kata sandi salah" in old.stderr


def test_passwd_with_a_wrong_old_password_changes_nothing(run: Run, recovery_key: str) -> None:
    done = run(
        "passwd", "--account", ACCOUNT, lines=("salah-salah-salah", NEW_PASSWORD, NEW_PASSWORD)
    )
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert verify_json(run)["ok"] is True


def test_passwd_with_the_recovery_key(run: Run, recovery_key: str) -> None:
    done = run(
        "passwd",
        "--account",
        ACCOUNT.upper(),
        "--recovery",
        lines=(recovery_key.lower(), NEW_PASSWORD, NEW_PASSWORD),
    )
    assert done.returncode == 0, done.stderr
    assert verify_json(run, NEW_PASSWORD)["ok"] is True
    assert run("verify", lines=(PASSWORD,)).returncode == 1


def test_passwd_with_a_wrong_recovery_key(run: Run, recovery_key: str) -> None:
    wrong = "0000-0000-0000-0000-0000-0000-0000-0000"
    done = run(
        "passwd", "--account", ACCOUNT, "--recovery", lines=(wrong, NEW_PASSWORD, NEW_PASSWORD)
    )
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert "Kunci pemulihan tidak cocok" in done.stderr


# -- demo data -------------------------------------------------------------------------------


def test_demo_data_adds_records(run: Run, recovery_key: str) -> None:
    before = counts(run)["audit_events"]
    done = run("demo-data", "--years", "1", "--seed", "7", lines=(PASSWORD,))
    assert done.returncode == 0, done.stderr
    assert "peristiwa audit" in done.stdout
    assert f"  siswa: {DEMO_STUDENTS:,}".replace(",", ".") in done.stdout
    missing = [line for line in done.stdout.splitlines() if line.startswith("Belum dibuat")]
    assert not any("siswa" in line or "pengajuan" in line for line in missing)
    after = counts(run)
    assert after["audit_events"] > before + 200
    assert after["students"] == DEMO_STUDENTS
    assert after["requests"] > 0
    assert after["screenings"] > 0
    for key, label in (
        ("cases", "kasus"),
        ("sessions", "sesi konseling"),
        ("action_items", "rencana tindakan"),
        ("follow_ups", "tindak lanjut"),
    ):
        assert after[key] > 0, key
        assert f"  {label}: " in done.stdout
    assert after["sessions"] > 2 * after["cases"]


def test_verify_counts_cases_sessions_action_items_and_follow_ups(
    run: Run, recovery_key: str
) -> None:
    assert run("demo-data", "--students", "60", "--years", "1", lines=(PASSWORD,)).returncode == 0
    found = counts(run)
    for key in ("cases", "sessions", "action_items", "follow_ups"):
        assert found[key] > 0, key
    done = run("verify", lines=(PASSWORD,))
    assert done.returncode == 0, done.stderr
    lines = {line.split("  ")[1].strip(): line for line in done.stdout.splitlines()[2:]}
    for label, key in (
        ("kasus", "cases"),
        ("sesi konseling", "sessions"),
        ("rencana tindakan", "action_items"),
        ("tindak lanjut", "follow_ups"),
    ):
        assert lines[label].split()[-1] == f"{found[key]:,}".replace(",", ".")


def test_demo_data_is_the_same_for_the_same_seed(run: Run, tmp_path: Path) -> None:
    def filled(folder: str, seed: str) -> dict[str, int]:
        data_dir = tmp_path / folder
        init = run("init", "--account", ACCOUNT, lines=(PASSWORD,) * 2, data_dir=data_dir)
        assert init.returncode == 0, init.stderr
        demo = run(
            "demo-data", "--years", "1", "--seed", seed, lines=(PASSWORD,), data_dir=data_dir
        )
        assert demo.returncode == 0, demo.stderr
        return counts(run, data_dir=data_dir)

    first = filled("a", "7")
    assert filled("b", "7") == first
    assert filled("c", "8") != first


def test_demo_data_asks_for_yes_on_a_real_vault_and_removes_what_it_added(
    run: Run, recovery_key: str, tmp_path: Path
) -> None:
    path = tmp_path / "kelas.csv"
    path.write_text("Nama;NISN\nAni Lestari;0051234567\n", encoding="utf-8")
    assert run("import-students", str(path), lines=(PASSWORD,)).returncode == 0
    refused = run("demo-data", "--years", "1", "--students", "5", lines=(PASSWORD,))
    assert refused.returncode == 1
    assert_one_clean_line(refused.stderr)
    assert "bukan data contoh" in refused.stderr and "--yes" in refused.stderr
    assert records(run)["students"] == 1
    done = run("demo-data", "--years", "1", "--students", "5", "--yes", lines=(PASSWORD,))
    assert done.returncode == 0, done.stderr
    assert records(run)["students"] == 6
    removed = run("demo-data", "--remove", lines=(PASSWORD,))
    assert removed.returncode == 0, removed.stderr
    assert removed.stdout.startswith("Data contoh dihapus: 5 siswa,")
    assert "kasus" in removed.stdout and "sesi konseling" in removed.stdout
    after = records(run)
    assert after["students"] == 1
    assert (after["cases"], after["sessions"], after["follow_ups"]) == (0, 0, 0)


# -- logs ------------------------------------------------------------------------------------


def test_passwords_never_reach_the_log(run: Run, recovery_key: str, log_dir: Path) -> None:
    run("verify", lines=("Rahasia-Sekali-99",))
    run("passwd", "--account", ACCOUNT, lines=(PASSWORD, NEW_PASSWORD, NEW_PASSWORD))
    run("passwd", "--account", ACCOUNT, "--recovery", lines=(recovery_key, PASSWORD, PASSWORD))
    logs = list(log_dir.iterdir())
    assert [p.name for p in logs] == [LOG_FILE]
    text = "".join(p.read_text(encoding="utf-8") for p in logs)
    assert "start: passwd" in text
    for secret in (PASSWORD, NEW_PASSWORD, "Rahasia-Sekali-99", recovery_key, ACCOUNT):
        assert secret not in text
    if os.name == "posix":
        assert logs[0].stat().st_mode & 0o077 == 0


def test_an_unexpected_error_is_logged_without_its_message(
    run: Run, log_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(ctx: object) -> int:
        raise RuntimeError(CONTENT)

    verify = commands.COMMANDS["verify"]
    monkeypatch.setitem(commands.COMMANDS, "verify", dataclasses.replace(verify, run=broken))
    done = run("verify")
    assert done.returncode == 1
    assert_one_clean_line(done.stderr)
    assert "Terjadi kesalahan tak terduga" in done.stderr
    assert str(log_dir / LOG_FILE) in done.stderr
    text = (log_dir / LOG_FILE).read_text(encoding="utf-8")
    assert "RuntimeError" in text
    assert "broken" in text
    assert "Siti" not in text
    assert "6474" not in text


def test_main_leaves_no_log_handler_and_no_environment_behind(
    run: Run, recovery_key: str, log_dir: Path
) -> None:
    """Many runs share this process: each puts the root logger back as it found it and reads
    its KDF target and log folder from its own terminal, never from ``os.environ``."""
    root = logging.getLogger()
    level = root.level
    handlers = list(root.handlers)
    environment = dict(os.environ)
    assert run("verify", lines=(PASSWORD,)).returncode == 0
    assert root.handlers == handlers
    assert all(handler.get_name() != HANDLER_NAME for handler in root.handlers)
    assert root.level == level
    assert dict(os.environ) == environment
    assert "start: verify" in (log_dir / LOG_FILE).read_text(encoding="utf-8")


def test_a_chosen_data_folder_keeps_its_log_beside_the_vault(tmp_path: Path) -> None:
    data = tmp_path / "sekolah-kedua"
    environment = {"BK_DESKTOP_KDF_TARGET": "0.01"}  # no BK_DESKTOP_LOG_DIR
    stdin = io.StringIO(f"{PASSWORD}\n{PASSWORD}\n")
    terminal = Terminal(stdin, io.StringIO(), io.StringIO(), environment)
    assert main(["--data-dir", str(data), "init", "--account", ACCOUNT], terminal) == 0
    log = data / "log" / LOG_FILE
    assert "start: init" in log.read_text(encoding="utf-8")
    help_out = io.StringIO()
    main(["--help"], Terminal(None, help_out, io.StringIO(), environment))
    assert "FOLDER/log" in help_out.getvalue()


def test_the_log_folder_setting_wins_over_the_data_folder(tmp_path: Path) -> None:
    assert log_folder({"BK_DESKTOP_LOG_DIR": str(tmp_path / "x")}, tmp_path / "d") == (
        tmp_path / "x"
    )
    assert log_folder({}, tmp_path / "d") == tmp_path / "d" / "log"
    assert log_folder({}, None) == default_log_dir({})


# -- the demo vault --------------------------------------------------------------------------


def test_the_demo_vault_is_made_once_with_its_documented_accounts(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 11, 29, 0, 30, tzinfo=UTC))
    kdf = KdfChooser(TEST_PARAMS)
    paths, recovery = window.prepare_demo_vault(tmp_path, kdf, clock)
    assert paths.folder == tmp_path / window.DEMO_FOLDER
    assert recovery
    assert sorted(p.name for p in tmp_path.iterdir()) == [window.DEMO_FOLDER]

    again, second_recovery = window.prepare_demo_vault(tmp_path, kdf, clock)
    assert again == paths
    assert second_recovery == ""

    access = VaultAccess(VaultPaths(paths.folder), clock, kdf)
    for name, password in (
        (window.DEMO_ACCOUNT, window.DEMO_PASSWORD),
        (window.DEMO_SECOND_ACCOUNT, window.DEMO_SECOND_PASSWORD),
    ):
        workspace = access.unlock(access.account_id_by_name(name), password)
        try:
            assert workspace.settings().school_name == window.DEMO_SCHOOL
            assert workspace.settings().principal_name
            assert int(workspace.db.scalar("SELECT count(*) FROM audit_event")) > 500
            assert int(workspace.db.scalar("SELECT count(*) FROM student")) == DEMO_STUDENTS
            assert int(workspace.db.scalar("SELECT count(*) FROM request")) > 0
        finally:
            workspace.lock()

    # One guru BK per 150 students, every one a real account; the others use the demo password,
    # and so does the kepala sekolah, who owns no case.
    names = [name for _, name in access.accounts() if name != window.DEMO_PRINCIPAL]
    assert len(names) == round(DEMO_STUDENTS / 150)
    assert window.DEMO_PRINCIPAL in dict(access.accounts()).values()
    others = [n for n in names if n not in {window.DEMO_ACCOUNT, window.DEMO_SECOND_ACCOUNT}]
    workspace = access.unlock(access.account_id_by_name(others[-1]), window.DEMO_PASSWORD)
    try:
        owners = workspace.db.all(
            "SELECT counsellor_id, count(*) AS n FROM counselling_case GROUP BY 1"
        )
        assert len(owners) == len(names)
    finally:
        workspace.lock()


def test_a_stale_half_made_demo_vault_is_started_again(tmp_path: Path) -> None:
    stale = tmp_path / f"{window.DEMO_FOLDER}.creating"
    stale.mkdir()
    (stale / "bk-desktop.vault.creating").write_bytes(b"half")
    clock = FixedClock(datetime(2026, 11, 29, 0, 30, tzinfo=UTC))
    paths, recovery = window.prepare_demo_vault(tmp_path, KdfChooser(TEST_PARAMS), clock)
    assert paths.exists()
    assert recovery
    assert not stale.exists()


# -- the school's zone -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [("WIB", "Asia/Jakarta"), ("wita", "Asia/Makassar"), ("WIT", "Asia/Jayapura")],
)
def test_init_takes_the_zone_by_its_indonesian_name(
    run: Run, tmp_path: Path, given: str, stored: str
) -> None:
    done = run("init", "--account", ACCOUNT, "--timezone", given, lines=(PASSWORD,) * 2)
    assert done.returncode == 0, done.stderr
    assert _stored_zone(tmp_path / "data") == stored


def test_init_refuses_an_unknown_zone_in_indonesian(run: Run) -> None:
    done = run("init", "--account", ACCOUNT, "--timezone", "CET", lines=(PASSWORD,) * 2)
    assert done.returncode == 2
    assert "kesalahan:" in done.stderr and "pilih WIB, WITA atau WIT" in done.stderr


def test_init_defaults_the_zone_to_the_pcs_utc_offset(run: Run, tmp_path: Path) -> None:
    with pc_zone("Asia/Jayapura"):
        done = run("init", "--account", ACCOUNT, lines=(PASSWORD,) * 2)
    assert done.returncode == 0, done.stderr
    assert _stored_zone(tmp_path / "data") == "Asia/Jayapura"


def _stored_zone(folder: Path) -> str:
    access = VaultAccess(VaultPaths(folder), SystemClock(), KdfChooser(TEST_PARAMS))
    workspace = access.unlock(access.accounts()[0][0], PASSWORD)
    try:
        return workspace.settings().timezone
    finally:
        workspace.lock()


def test_an_unlock_that_applied_erasures_again_says_so_on_stderr(
    run: Run, recovery_key: str, tmp_path: Path
) -> None:
    """Review 18 #9: the window says it once; the command line said nothing."""
    import shutil

    from bk_desktop.services.erasure import ErasureService

    from support import add_request

    paths = VaultPaths(tmp_path / "data")
    access = VaultAccess(paths, SystemClock(), KdfChooser(TEST_PARAMS))
    workspace = access.unlock(access.account_id_by_name(ACCOUNT), PASSWORD)
    request_id = add_request(workspace, "Wulan Sembiring")
    student_id = int(
        workspace.db.scalar("SELECT student_id FROM request WHERE id = :i", {"i": request_id})
    )
    workspace.db.checkpoint()
    kept = tmp_path / "sebelum"
    kept.mkdir()
    for path in (paths.database, paths.keyslots):
        shutil.copy2(path, kept / path.name)
    ErasureService(workspace).erase([student_id], "HAPUS")
    workspace.lock()
    for sidecar in paths.sidecars():
        sidecar.unlink(missing_ok=True)
    for path in kept.iterdir():
        shutil.copy2(path, paths.folder / path.name)

    done = run("verify", lines=(PASSWORD,))
    assert done.returncode == 0, done.stderr
    assert "diterapkan lagi" in done.stderr
    assert "diterapkan lagi" not in done.stdout
    again = run("verify", lines=(PASSWORD,))
    assert again.returncode == 0 and again.stderr == ""
