"""``bk-desktop report``, run in this process: on an empty vault without NIPs, on a period
with a permohonan and no session, with the narrative saved in the tab, and its refusals."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from bk_desktop.cli import Terminal, main
from bk_desktop.domain.clock import SystemClock
from bk_desktop.domain.requests import RequestSource
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.period_report import Period, PeriodReportService, ReportText
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.vault import VaultPaths

PASSWORD = "Kopi-Pagi-Bontang-2026"
ACCOUNT = "Sari Wulandari"


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _run(data: Path, tmp_path: Path, *args: str, lines: tuple[str, ...] = ()) -> Done:
    environment = {"BK_DESKTOP_KDF_TARGET": "0.01", "BK_DESKTOP_LOG_DIR": str(tmp_path / "log")}
    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO("".join(line + "\n" for line in lines))
    code = main(["--data-dir", str(data), *args], Terminal(stdin, out, err, environment))
    return Done(code, out.getvalue(), err.getvalue())


@pytest.fixture
def vault(data: Path, tmp_path: Path) -> Path:
    done = _run(
        data,
        tmp_path,
        "init",
        "--account",
        ACCOUNT,
        "--school",
        "SMA Negeri 1 Bontang",
        lines=(PASSWORD,) * 2,
    )
    assert done.returncode == 0, done.stderr
    return data


def _pdf_text(path: Path) -> str:
    pages = PdfReader(path).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_an_empty_vault_without_nips_still_gets_a_sensible_report(
    vault: Path, tmp_path: Path
) -> None:
    out = tmp_path / "laporan.pdf"
    done = _run(
        vault,
        tmp_path,
        "report",
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--out",
        str(out),
        lines=(PASSWORD,),
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0] == f"Laporan periode 1 Januari – 30 Juni 2026 ditulis ke {out}"
    assert lines[1] == (
        "Permohonan: 0; sesi terlaksana: 0; terjadwal dalam 1×24 jam: belum dapat diukur"
    )
    assert lines[-1].startswith("Belum ada uraian")
    text = _pdf_text(out)
    assert "LAPORAN PELAKSANAAN LAYANAN KONSELING INDIVIDUAL" in text
    assert "Periode 1 Januari – 30 Juni 2026" in text
    assert text.count("(belum diisi)") == 4
    assert "NIP. ……" in text  # neither the counsellor nor a principal has a NIP
    assert "Halaman 1 dari" in text
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_a_period_without_sessions_uses_the_saved_narrative(vault: Path, tmp_path: Path) -> None:
    access = VaultAccess(VaultPaths(vault), SystemClock(), KdfChooser(TEST_PARAMS))
    workspace = access.unlock(access.account_id_by_name(ACCOUNT), PASSWORD)
    today = workspace.now().astimezone(workspace.settings().zone).date()
    period = Period.month_of(today)
    student = StudentService(workspace).create(
        StudentDraft(
            name="Ayu Lestari",
            placements=(ClassPlacement(TermService(workspace).current().year, "X MIPA 1"),),
        )
    )
    RequestService(workspace).create(
        RequestForm(student_id=student, source=RequestSource.SISWA_SENDIRI, reason="Sulit tidur.")
    )
    PeriodReportService(workspace).save_text(
        period, ReportText(analysis="Permohonan pertama bulan ini.")
    )
    workspace.lock()

    out = tmp_path / "bulan-ini"  # ".pdf" is added
    done = _run(
        vault,
        tmp_path,
        "report",
        "--from",
        period.first.isoformat(),
        "--to",
        period.last.isoformat(),
        "--out",
        str(out),
        lines=(PASSWORD,),
    )
    assert done.returncode == 0, done.stderr
    assert "Permohonan: 1; sesi terlaksana: 0" in done.stdout
    assert "Uraian dipakai: yang disimpan" in done.stdout and ACCOUNT in done.stdout
    if period.last > today:
        assert "Periode belum berakhir" in done.stdout
    text = _pdf_text(out.with_name("bulan-ini.pdf"))
    assert "Permohonan pertama bulan ini." in text
    assert "Ayu" not in text and "Lestari" not in text


def test_dates_are_checked_before_the_password_is_asked(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "laporan.pdf"
    backwards = _run(
        vault, tmp_path, "report", "--from", "2026-12-31", "--to", "2026-07-01", "--out", str(out)
    )
    assert backwards.returncode == 1
    assert backwards.stderr.strip().startswith("Tanggal akhir periode lebih awal")
    assert len(backwards.stderr.strip().splitlines()) == 1

    wrong = _run(
        vault, tmp_path, "report", "--from", "1/7/2026", "--to", "2026-12-31", "--out", str(out)
    )
    assert wrong.returncode == 2
    assert "bukan tanggal TTTT-BB-HH" in wrong.stderr
    assert not out.exists()


def test_a_missing_folder_is_said_in_indonesian(vault: Path, tmp_path: Path) -> None:
    done = _run(
        vault,
        tmp_path,
        "report",
        "--from",
        date(2026, 1, 1).isoformat(),
        "--to",
        "2026-01-31",
        "--out",
        str(tmp_path / "tidak-ada" / "laporan.pdf"),
        lines=(PASSWORD,),
    )
    assert done.returncode == 1
    assert "tidak ada" in done.stderr
