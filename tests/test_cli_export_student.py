"""``bk-desktop export-student``, run in this process: by NIS, an ambiguous or unknown
identifier refused with the matches by initials and class, ``--id``, the open data request's
redactions applied (or said to be absent), and the folder refused before the password."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from bk_desktop.cli import Terminal, main
from bk_desktop.domain.clock import SystemClock
from bk_desktop.domain.data_requests import DataRequestForm, DataRight, Redaction, Requester
from bk_desktop.domain.requests import RequestSource
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.data_requests import DataRequestService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.vault import VaultPaths

PASSWORD = "Kopi-Pagi-Bontang-2026"
ACCOUNT = "Sari Wulandari"
SECRET = "bertengkar dengan Rudi di kantin"


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: str
    stderr: str


def _run(data: Path, tmp_path: Path, *args: str, lines: tuple[str, ...] = ()) -> Done:
    environment = {"BK_DESKTOP_KDF_TARGET": "0.01", "BK_DESKTOP_LOG_DIR": str(tmp_path / "log")}
    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO("".join(line + "\n" for line in lines))
    code = main(["--data-dir", str(data), *args], Terminal(stdin, out, err, environment))
    return Done(code, out.getvalue(), err.getvalue())


@dataclass(frozen=True)
class Students:
    ayu: int
    budi: int
    citra: int


@pytest.fixture
def vault(tmp_path: Path) -> tuple[Path, Students]:
    """Ayu (NISN 0012345678), Budi (NIS 0012345678: the same digits) and Citra (NIS 2002),
    with a permohonan of Ayu's and an open data request with one saved redaction."""
    data = tmp_path / "data"
    done = _run(
        data, tmp_path, "init", "--account", ACCOUNT, "--school", "SMA Negeri 1 Bontang",
        lines=(PASSWORD,) * 2,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    access = VaultAccess(VaultPaths(data), SystemClock(), KdfChooser(TEST_PARAMS))
    workspace = access.unlock(access.account_id_by_name(ACCOUNT), PASSWORD)
    try:
        year = TermService(workspace).current().year
        students = StudentService(workspace)

        def add(name: str, rombel: str, **ids: str) -> int:
            return students.create(
                StudentDraft(name=name, placements=(ClassPlacement(year, rombel),), **ids)
            )

        ayu = add("Ayu Lestari", "X MIPA 1", nisn="0012345678", nis="1001")
        budi = add("Budi Santoso", "XI IPS 2", nis="0012345678")
        citra = add("Citra Dewi", "XII IPA 3", nis="2002")
        request_id = RequestService(workspace).create(
            RequestForm(
                student_id=ayu,
                source=RequestSource.SISWA_SENDIRI,
                reason=f"Ayu {SECRET} minggu lalu.",
                received_at=workspace.now() - timedelta(hours=1),
                backdate_reason="Disampaikan lisan",
            )
        )
        requests = DataRequestService(workspace)
        record = requests.register(
            DataRequestForm(
                student_id=ayu,
                requester=Requester.SISWA,
                right=DataRight.AKSES,
                text="Saya ingin salinan catatan saya.",
                received_at=workspace.now(),
            )
        )
        requests.save_redactions(
            record.id,
            [Redaction("request", request_id, "reason", SECRET, "Mengungkap data siswa lain")],
        )
    finally:
        workspace.lock()
    return data, Students(ayu, budi, citra)


def test_an_ambiguous_identifier_lists_the_matches_by_initials_and_class(
    vault: tuple[Path, Students], tmp_path: Path
) -> None:
    data, students = vault
    done = _run(data, tmp_path, "export-student", "0012345678", "--out", str(tmp_path),
                lines=(PASSWORD,))  # fmt: skip
    assert done.returncode == 1
    assert f"nomor {students.ayu}: A.L. (X MIPA 1)" in done.stderr
    assert f"nomor {students.budi}: B.S. (XI IPS 2)" in done.stderr
    assert "--id" in done.stderr
    assert "Ayu" not in done.stderr and "Budi" not in done.stderr
    assert not list(tmp_path.glob("*.pdf"))


def test_an_unknown_identifier_is_refused(vault: tuple[Path, Students], tmp_path: Path) -> None:
    data, _students = vault
    done = _run(data, tmp_path, "export-student", "9999", "--out", str(tmp_path),
                lines=(PASSWORD,))  # fmt: skip
    assert done.returncode == 1
    assert "Tidak ada siswa dengan NISN atau NIS 9999" in done.stderr


def test_id_picks_the_student_and_the_open_requests_redactions_apply(
    vault: tuple[Path, Students], tmp_path: Path
) -> None:
    data, students = vault
    out = tmp_path / "keluar"
    out.mkdir()
    done = _run(data, tmp_path, "export-student", str(students.ayu), "--id", "--out", str(out),
                lines=(PASSWORD,))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "diterapkan: 1 tempat" in done.stderr
    pdf_path, json_path = (Path(line) for line in done.stdout.splitlines())
    assert pdf_path.parent == out
    assert re.fullmatch(
        r"Salinan-Data-Pribadi-Siswa_PD-\d{4}-\d{3}_AL_[\d-]{10}\.pdf", pdf_path.name
    )
    assert json_path.suffix == ".json" and "Ayu" not in json_path.name
    text = " ".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    raw = json_path.read_text(encoding="utf-8")
    assert "Rudi" not in text and "Rudi" not in raw
    assert "[disamarkan]" in raw
    assert json.loads(raw)["redactions"][0]["reason"] == "Mengungkap data siswa lain"
    assert "Budi" not in raw and "Citra" not in raw


def test_a_student_without_an_open_request_is_exported_unredacted_and_said_so(
    vault: tuple[Path, Students], tmp_path: Path
) -> None:
    data, _students = vault
    done = _run(data, tmp_path, "export-student", "2002", "--out", str(tmp_path),
                lines=(PASSWORD,))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "tanpa bagian yang disamarkan" in done.stderr
    assert "C.D." in done.stderr
    assert len(done.stdout.splitlines()) == 2


def test_a_missing_folder_is_refused_before_the_password(
    vault: tuple[Path, Students], tmp_path: Path
) -> None:
    data, _students = vault
    done = _run(data, tmp_path, "export-student", "2002", "--out", str(tmp_path / "tidak-ada"))
    assert done.returncode == 1
    assert "tidak ada" in done.stderr and "Kata sandi" not in done.stderr


def test_a_read_only_folder_gets_its_own_line(
    vault: tuple[Path, Students], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from bk_desktop.services import student_export

    def refuse(path: Path, data: bytes) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(student_export, "atomic_write", refuse)
    data, _students = vault
    done = _run(data, tmp_path, "export-student", "2002", "--out", str(tmp_path),
                lines=(PASSWORD,))  # fmt: skip
    assert done.returncode == 1
    assert "hanya-baca" in done.stderr
    monkeypatch.setattr(
        student_export,
        "atomic_write",
        lambda path, data: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space", str(path))),
    )
    full = _run(data, tmp_path, "export-student", "2002", "--out", str(tmp_path),
                lines=(PASSWORD,))  # fmt: skip
    assert full.returncode == 1
    assert "penuh" in full.stderr
