"""Nothing a counsellor writes appears in plain text outside the vault (docs/architecture.md,
“Confidentiality”).

Known strings are written through the services, a backup and a restore are made, and then
every file of the data folder, the backup folder, the log folder and the files the run left
in the temp folder are searched for them, in UTF-8 and UTF-16 (as Windows might write them).
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import ActionItemDraft, Alternative, SessionReport
from bk_desktop.domain.requests import Assent, RequestSource
from bk_desktop.domain.screening import Bidang, RiskLevel, ScreeningDraft, ServiceKind
from bk_desktop.domain.students import StudentDraft
from bk_desktop.logs import configure_logging
from bk_desktop.services.backup import BackupService, RestoreCredentials, restore
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace

from support import PASSWORD, school_slot

SECRETS = [
    "Rahasia Konseling Zebra",
    "Anak Pindahan Kanguru",
    "NIP-SANGAT-RAHASIA-42",
    "Zulaikha Kenanga Purbasari",
    "Cerita tentang rumah yang tidak boleh bocor",
    "Merasa diawasi di kelas Xq7",
    "Paham bahwa Ayah Marah Karena Utang",
    "Rencana Aksi Menulis Jurnal Kupu",
    "Adendum Telepon Ibu Jerapah",
]


def _files_under(folder: Path, since: float | None = None) -> list[Path]:
    """Every file below ``folder``; folders that vanish while walking (other runs' temp
    folders) are skipped."""
    found = []
    for root, _, names in os.walk(folder, onerror=lambda _error: None):
        for name in names:
            path = Path(root) / name
            try:
                if path.is_file() and (since is None or path.stat().st_mtime >= since):
                    found.append(path)
            except OSError:
                continue
    return found


def _leaks(paths: list[Path], words: list[str]) -> list[str]:
    leaks = []
    needles = [s.encode(enc) for s in words for enc in ("utf-8", "utf-16-le")]
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        leaks += [f"{path}: {needle!r}" for needle in needles if needle in data]
    return leaks


def test_written_records_never_leave_the_vault_in_plain_text(
    created: tuple[Workspace, str],
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = time.time() - 1
    system_temp = Path(tempfile.gettempdir())
    private_temp = tmp_path / "tmp"
    private_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_temp))
    monkeypatch.setenv("TMPDIR", str(private_temp))  # SQLite's own temporary files
    log_dir = tmp_path / "log"
    monkeypatch.setenv("BK_DESKTOP_LOG_DIR", str(log_dir))
    configure_logging(log_dir)
    workspace, _ = created
    service = SettingsService(workspace)
    service.save(
        replace(
            service.get(),
            principal_name=SECRETS[0],
            address_line=SECRETS[1],
            emergency_protocol=SECRETS[2],
        )
    )
    student_id = StudentService(workspace).create(
        StudentDraft(name=SECRETS[3], nisn="0012345678", notes=SECRETS[4])
    )
    request_id = RequestService(workspace).create(
        RequestForm(student_id=student_id, source=RequestSource.SISWA_SENDIRI, reason=SECRETS[5])
    )
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.PRIBADI}),
            symptoms=SECRETS[5],
            risk=RiskLevel.SEDANG,
            decision=ServiceKind.KONSELING_INDIVIDUAL,
            reason=SECRETS[4],
        ),
    )
    # A counselling session with its product, finalised, with an addendum.
    requests = RequestService(workspace)
    requests.set_assent(request_id, Assent.BERSEDIA)
    start = school_slot(workspace, timedelta(minutes=30))
    requests.agree_schedule(request_id, start)
    counselling = CounsellingService(workspace)
    (session,) = counselling.sessions_of_request(request_id)
    clock.advance(seconds=(start - workspace.now()).total_seconds() + 7200)
    counselling.record_session(
        session.id,
        SessionReport(
            actual_start=start,
            actual_end=start + timedelta(minutes=40),
            notes=SECRETS[4],
            understanding=SECRETS[6],
            comfort=SECRETS[5],
            action=SECRETS[7],
            alternatives=(Alternative(SECRETS[7], chosen=True),),
            action_items=(ActionItemDraft(what=SECRETS[7], due_on=start.date()),),
        ),
    )
    counselling.finalise(session.id)
    counselling.add_addendum(session.id, SECRETS[8])
    backup = BackupService(workspace).backup(tmp_path / "usb")
    restored = restore(
        workspace, backup, RestoreCredentials(account_id=workspace.account.id, password=PASSWORD)
    )
    assert restored.settings().principal_name == SECRETS[0]
    assert StudentService(restored).get(student_id).name == SECRETS[3]
    restored.lock()

    ours = (
        _files_under(restored.vault.paths.folder)
        + _files_under(tmp_path / "usb")
        + _files_under(log_dir)
        + _files_under(private_temp)
    )
    assert any(p.name == "bk-desktop.vault" for p in ours)
    assert _leaks(ours, [*SECRETS, PASSWORD]) == []
    # Other tests may run beside this one, so the shared temp folder is searched only for
    # the strings this test alone writes.
    assert _leaks(_files_under(system_temp, since=started), SECRETS) == []
