"""An import's warnings stay reachable after the window closes: kept with each student it
added or updated, listed by the "perlu diperiksa" filter, exported only by an audited save."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_import_students import HEADER, ROWS, SUB

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.student_import import StudentImportService
from bk_desktop.services.students import StudentFilters, StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo

from dapodik_files import write_dapodik


@pytest.fixture
def dapodik(tmp_path: Path) -> Path:
    return write_dapodik(tmp_path / "daftar_pd.xlsx", HEADER, SUB, ROWS)


def names_to_check(workspace: Workspace) -> list[str]:
    registry = StudentService(workspace)
    ids = registry.search_ids(filters=StudentFilters(needs_check=True))
    return [registry.get(i).name for i in ids]


def test_warnings_of_added_students_are_kept_and_filter_the_list(
    workspace: Workspace, dapodik: Path
) -> None:
    service = StudentImportService(workspace)
    result = service.apply(service.preview(dapodik))
    assert names_to_check(workspace) == ["Budi Santoso", "Citra Dewi"]
    assert result.to_check == service.students_to_check() == 2
    budi = StudentService(workspace).search_ids("budi")[0]
    [kept] = service.warnings_of(budi)
    assert (kept.source, kept.row_number) == ("daftar_pd.xlsx", 8)
    assert kept.message.startswith("NISN 51234568")


def test_the_preview_says_who_goes_to_which_class(workspace: Workspace, dapodik: Path) -> None:
    preview = StudentImportService(workspace).preview(dapodik)
    shown = [(c.name, c.added, c.rombel) for c in preview.changes()]
    assert shown == [
        ("Ani Lestari", True, "X IPA 1"),
        ("Budi Santoso", True, "X IPA 2"),
        ("Citra Dewi", True, "X IPA 1"),
        ("Dewi Kartika", True, "XI IPS 1"),
    ]


def test_marking_a_student_checked_removes_it_from_the_filter_and_is_audited(
    workspace: Workspace, dapodik: Path
) -> None:
    service = StudentImportService(workspace)
    service.apply(service.preview(dapodik))
    budi = StudentService(workspace).search_ids("budi")[0]
    assert service.mark_checked(budi)
    assert names_to_check(workspace) == ["Citra Dewi"]
    event = audit_repo.latest(workspace.db, AuditKind.IMPORT_WARNINGS_CHECKED)
    assert event is not None and event.target_id == str(budi)
    assert not service.mark_checked(budi)  # nothing left: nothing recorded


def test_importing_the_same_file_again_does_not_bring_checked_warnings_back(
    workspace: Workspace, dapodik: Path
) -> None:
    service = StudentImportService(workspace)
    service.apply(service.preview(dapodik))
    for student_id in StudentService(workspace).search_ids(
        filters=StudentFilters(needs_check=True)
    ):
        service.mark_checked(student_id)
    service.apply(service.preview(dapodik))
    assert names_to_check(workspace) == []


def test_exporting_the_warnings_writes_a_csv_where_asked_and_audits_only_the_count(
    workspace: Workspace, dapodik: Path, tmp_path: Path
) -> None:
    service = StudentImportService(workspace)
    preview = service.preview(dapodik)
    written = service.export_warnings(tmp_path / "peringatan", preview.warnings, preview.source)
    assert written == tmp_path / "peringatan.csv"
    text = written.read_bytes().decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Berkas;Baris;Nama siswa;Peringatan"
    assert len(lines) == 1 + len(preview.warnings)
    assert lines[1].startswith('daftar_pd.xlsx;8;Budi Santoso;"NISN 51234568')  # ";" inside: quoted
    event = audit_repo.latest(workspace.db, AuditKind.IMPORT_WARNINGS_EXPORTED)
    assert event is not None and event.detail == f"count={len(preview.warnings)}"
    assert "Budi" not in event.detail


def test_an_export_to_a_missing_folder_says_so_and_records_nothing(
    workspace: Workspace, dapodik: Path, tmp_path: Path
) -> None:
    service = StudentImportService(workspace)
    preview = service.preview(dapodik)
    with pytest.raises(KnownError, match="tidak dapat disimpan"):
        service.export_warnings(tmp_path / "tidak-ada" / "p.csv", preview.warnings, "x.xlsx")
    assert audit_repo.latest(workspace.db, AuditKind.IMPORT_WARNINGS_EXPORTED) is None
