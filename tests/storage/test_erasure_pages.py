"""Erased means gone from the file: every page of the vault and its WAL, decrypted with the
vault's key (free pages and old journal frames included), holds neither the student's name
nor a marker from their session notes after an erasure — and held both before it."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_scan import looks_like_sqlite, occurrences

from bk_desktop.domain.clock import FixedClock
from bk_desktop.services.documents import DocumentService
from bk_desktop.services.erasure import ErasureService
from bk_desktop.services.workspace import Workspace

from support import counselled, hold_session

NAME = "Wulan Sembiring"
MARKER = "PENANDA-CATATAN-7781"
KEPT = "Budi Santoso"


def _student(workspace: Workspace, clock: FixedClock, saved_in: Path | None = None) -> int:
    request_id = counselled(workspace, NAME)
    session_id, _case = hold_session(workspace, clock, request_id, notes=f"Catatan sesi: {MARKER}.")
    counselled(workspace, KEPT)
    if saved_in is not None:
        # A summary saved into a folder named after the student: the audit row of the save
        # must not carry the folder (the audit log outlives the erasure).
        folder = saved_in / NAME
        folder.mkdir()
        documents = DocumentService(workspace)
        documents.save(documents.session_summary(session_id), folder / "ringkasan.pdf")
    return int(
        workspace.db.scalar("SELECT student_id FROM request WHERE id = :i", {"i": request_id})
    )


@pytest.mark.parametrize("how", ["erase", "anonymise", "erase-after-saving"])
def test_no_page_of_the_vault_or_its_wal_holds_the_student_afterwards(
    workspace: Workspace, clock: FixedClock, tmp_path: Path, how: str
) -> None:
    saved_in = tmp_path / "dokumen" if how == "erase-after-saving" else None
    if saved_in is not None:
        saved_in.mkdir()
    student_id = _student(workspace, clock, saved_in)
    vault = workspace.vault
    key = vault.master_key
    needles = [NAME.encode(), MARKER.encode(), KEPT.encode()]
    assert looks_like_sqlite(vault.paths.database, key)
    # Checkpoint once so the main file, not only the WAL, holds the records as well.
    workspace.db.checkpoint()
    workspace.db.execute("UPDATE student SET notes = 'x' WHERE id = :i", {"i": student_id})
    before = occurrences(vault.paths.database, key, needles)
    assert before[NAME.encode()] > 0
    assert before[MARKER.encode()] > 0
    service = ErasureService(workspace)
    if how.startswith("erase"):
        service.erase([student_id], "HAPUS")
    else:
        service.anonymise([student_id], "ANONIMKAN")
    after = occurrences(vault.paths.database, key, needles)
    assert after[NAME.encode()] == 0
    assert after[MARKER.encode()] == 0
    # The scan still reads the file: the other student is found.
    assert after[KEPT.encode()] > 0
    wal = vault.paths.sidecars()[0]
    assert not wal.exists() or wal.stat().st_size == 0
