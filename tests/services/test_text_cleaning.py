"""Every service that stores text stores it clean, refuses it too long, and the command line
never prints a control character raw. Real vaults, real records."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from bk_desktop.cli import Terminal, main
from bk_desktop.domain.accounts import Role
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.requests import RequestSource
from bk_desktop.domain.screening import Bidang, RiskLevel, ScreeningDraft, ServiceKind
from bk_desktop.domain.students import Guardian, GuardianRelation, StudentDraft
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.backup import BackupService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.requests import RequestForm, RequestInvalid, RequestService
from bk_desktop.services.screening import ScreeningInvalid, ScreeningService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.students import StudentInvalid, StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.backup_archive import read_backup
from bk_desktop.storage.errors import BackupInvalid
from bk_desktop.storage.kdf import TEST_PARAMS

from support import PASSWORD, setup_form

ESCAPES = "\x1b[2J\x1b]0;x\x07\x00\u202e\u2066"


def test_a_student_is_stored_without_escapes_and_found_by_the_clean_name(
    workspace: Workspace,
) -> None:
    service = StudentService(workspace)
    student_id = service.create(
        StudentDraft(
            name=f"Ani{ESCAPES} Lestari",
            notes=f"Baris satu\r\nBaris dua{ESCAPES}",
            guardians=(Guardian("Siti\x1b Aminah\u202e", GuardianRelation.IBU),),
        )
    )
    stored = service.get(student_id)
    assert stored.name == "Ani[2J]0;x Lestari"
    assert stored.notes == "Baris satu\nBaris dua[2J]0;x"
    assert stored.guardians[0].name == "Siti Aminah"
    assert service.search_ids("lestari") == [student_id]


def test_a_name_over_120_characters_is_refused_with_its_field(workspace: Workspace) -> None:
    with pytest.raises(StudentInvalid) as caught:
        StudentService(workspace).create(StudentDraft(name="A" * 100_000, notes="b" * 20_001))
    fields = {error.field for error in caught.value.errors}
    assert fields == {"name", "notes"}
    assert "120 karakter" in caught.value.message
    assert StudentService(workspace).count() == 0


def _request(workspace: Workspace, **changes: object) -> int:
    student_id = StudentService(workspace).create(StudentDraft(name="Ani Lestari"))
    values: dict[str, object] = {
        "student_id": student_id,
        "source": RequestSource.WALI_KELAS,
        "reason": f"Sering\x1b[31m absen.{ESCAPES}",
        "referrer_name": "Budi\x00 Santoso\u202e",
        "referrer_role": "Wali\tkelas",
    }
    values.update(changes)
    return RequestService(workspace).create(RequestForm(**values))  # type: ignore[arg-type]


def test_a_request_and_its_screening_are_stored_clean(workspace: Workspace) -> None:
    request_id = _request(workspace)
    record = RequestService(workspace).get(request_id)
    assert (record.reason, record.referrer_name, record.referrer_role) == (
        "Sering[31m absen.[2J]0;x",
        "Budi Santoso",
        "Wali kelas",
    )
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.BELAJAR}),
            symptoms=f"Mengantuk{ESCAPES}",
            risk=RiskLevel.SEDANG,
            decision=ServiceKind.KONSELING_INDIVIDUAL,
            reason="Perlu\r\ndidengar.",
        ),
    )
    [screening] = ScreeningService(workspace).history(request_id)
    assert screening.draft.symptoms == "Mengantuk[2J]0;x"
    assert screening.draft.reason == "Perlu\ndidengar."


def test_over_long_request_and_screening_text_is_refused(workspace: Workspace) -> None:
    with pytest.raises(RequestInvalid) as caught:
        _request(workspace, referrer_name="B" * 121)
    assert caught.value.field == "referrer_name"
    request_id = _request(workspace)
    with pytest.raises(ScreeningInvalid) as screening:
        ScreeningService(workspace).record(
            request_id,
            ScreeningDraft(
                bidang=frozenset({Bidang.BELAJAR}),
                symptoms="x" * 20_001,
                risk=RiskLevel.SEDANG,
                decision=ServiceKind.KONSELING_INDIVIDUAL,
                reason="r",
            ),
        )
    assert screening.value.field == "symptoms"


def test_settings_text_is_cleaned_and_bounded(workspace: Workspace) -> None:
    service = SettingsService(workspace)
    current = service.get()
    service.save(
        replace(
            current,
            school_name=f"SMA Negeri 1{ESCAPES} Bontang",
            emergency_protocol="1. Amankan siswa.\r\n2. Hubungi\x1b orang tua.",
        )
    )
    saved = service.get()
    assert saved.school_name == "SMA Negeri 1[2J]0;x Bontang"
    assert saved.emergency_protocol == "1. Amankan siswa.\n2. Hubungi orang tua."
    with pytest.raises(ValidationError) as caught:
        service.save(replace(current, principal_name="P" * 121))
    assert caught.value.field == "principal_name"


def test_an_account_name_is_stored_clean(workspace: Workspace) -> None:
    account = AccountService(workspace, KdfChooser(TEST_PARAMS)).add(
        name="Rina\x1b[8m Kartika\u202e",
        role=Role.GURU_BK,
        password="Teh-Manis-Sore-2026",
        password_repeat="Teh-Manis-Sore-2026",
    )
    assert account.name == "Rina[8m Kartika"


def test_the_command_line_prints_escapes_in_a_file_name_as_visible_text(
    access: VaultAccess, tmp_path: Path
) -> None:
    workspace, _ = access.setup(setup_form())
    workspace.lock()
    data = tmp_path / "data"
    environment = {"BK_DESKTOP_KDF_TARGET": "0.01", "BK_DESKTOP_LOG_DIR": str(tmp_path / "log")}
    hostile = tmp_path / "siswa\x1b[2J\u202e.csv"
    hostile.write_text("Nama;NISN\n\x1b]0;judul\x07Ani;0091234567\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["--data-dir", str(data), "import-students", "--dry-run", str(hostile)],
        Terminal(io.StringIO(f"{PASSWORD}\n"), out, err, environment),
    )
    printed = out.getvalue() + err.getvalue()
    assert code == 0, printed
    assert "siswa\\x1b[2J\\u202e.csv" in printed
    assert "\x1b" not in printed
    assert "\u202e" not in printed
    assert "\x07" not in printed


def test_a_backup_member_that_unpacks_beyond_its_stored_size_is_refused(
    workspace: Workspace, tmp_path: Path
) -> None:
    good = BackupService(workspace).backup(tmp_path / "cadangan")
    bomb = tmp_path / "bom.bkbak"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bomb, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "bk-desktop.vault":
                data += b"\x00" * (64 * 1024 * 1024)
            target.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(BackupInvalid, match="lebih besar dari berkasnya sendiri"):
        read_backup(bomb)
    assert read_backup(good).database
