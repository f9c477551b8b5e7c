"""Importing students: preview, apply in one transaction, idempotent re-import, presets."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.students import ClassPlacement, Sex, StudentDraft
from bk_desktop.importers.mapping import ColumnMapping, DateOrder, ImportPreset, TargetField
from bk_desktop.services.student_import import StudentImportService, import_students_cli
from bk_desktop.services.students import StudentFilters, StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo

from dapodik_files import write_dapodik

HEADER = [
    "No",
    "Nama",
    "NIPD",
    "JK",
    "NISN",
    "Tempat Lahir",
    "Tanggal\nLahir",
    "NIK",
    "Agama",
    "Alamat",
    "RT",
    "RW",
    "Kelurahan",
    "Kecamatan",
    "HP",
    "Data Ayah",
    None,
    None,
    "Data Ibu",
    None,
    None,
    "Rombel Saat Ini",
    "No KK",
]
SUB = [None] * 15 + ["Nama", "Tahun Lahir", "Pekerjaan", "Nama", "Tahun Lahir", "Pekerjaan"]

Cell = str | int | float | date | datetime | None


def dapodik_row(
    number: int,
    name: str,
    nipd: str,
    nisn: Cell,
    *,
    nik: Cell = "",
    birth: Cell = "2010-05-17",
    rombel: str = "X IPA 1",
    sex: str = "P",
) -> list[Cell]:
    return [
        number,
        name,
        nipd,
        sex,
        nisn,
        "Bontang",
        birth,
        nik,
        "Islam",
        "Jl. Imam Bonjol",
        "3",
        "1",
        "Api-Api",
        "Bontang Utara",
        "081234567890",
        f"Ayah {name}",
        1980,
        "Wiraswasta",
        f"Ibu {name}",
        1982,
        "Ibu Rumah Tangga",
        rombel,
        "",
    ]


ROWS = [
    dapodik_row(1, "Ani Lestari", "1001", "0051234567", nik="6474015705100001"),
    dapodik_row(2, "Budi Santoso", "1002", 51234568, sex="L", rombel="X IPA 2"),
    dapodik_row(3, "Citra Dewi", "1003", "0051234569", nik=6474015705100003, birth="17/05/2010"),
    dapodik_row(4, "Dewi Kartika", "2001", "0041234570", rombel="XI IPS 1"),
    dapodik_row(5, "Ani Lestari (ganda)", "1009", "0051234567"),
]


@pytest.fixture
def dapodik(tmp_path: Path) -> Path:
    return write_dapodik(tmp_path / "daftar_pd.xlsx", HEADER, SUB, ROWS)


def students(workspace: Workspace) -> int:
    return StudentService(workspace).count()


def test_preview_counts_and_names_every_warning_without_writing(
    workspace: Workspace, dapodik: Path
) -> None:
    service = StudentService(workspace)
    existing = service.create(
        StudentDraft(
            name="Dewi Kartika",
            nisn="0041234570",
            placements=(ClassPlacement(AcademicYear(2025), "X IPS 1"),),
        )
    )
    audits = audit_repo.count(workspace.db)
    preview = StudentImportService(workspace).preview(dapodik)
    assert preview.is_dapodik
    assert preview.academic_year == AcademicYear(2026)
    assert (preview.added, preview.updated, preview.unchanged, preview.skipped) == (3, 1, 0, 1)
    texts = [str(w) for w in preview.warnings]
    assert any(t.startswith("Baris 8 – Budi Santoso: NISN 51234568") for t in texts)
    assert any(t.startswith("Baris 9 – Citra Dewi: NIK tersimpan sebagai angka") for t in texts)
    assert any(t.startswith("Baris 11 – Ani Lestari (ganda): NISN") for t in texts)
    assert preview.summary().startswith("3 ditambahkan, 1 diperbarui")
    assert students(workspace) == 1
    assert audit_repo.count(workspace.db) == audits
    update = next(r for r in preview.plan.rows if r.student_id == existing)
    assert update.matched_by == "NISN"


def test_apply_writes_students_with_classes_and_guardians(
    workspace: Workspace, dapodik: Path
) -> None:
    service = StudentImportService(workspace)
    calls: list[tuple[int, int]] = []
    result = service.apply(
        service.preview(dapodik), lambda done, total: calls.append((done, total))
    )
    assert (result.added, result.updated, result.skipped, result.written) == (4, 0, 1, True)
    assert calls[-1] == (4, 4)
    registry = StudentService(workspace)
    budi = registry.get(registry.search_ids("budi")[0])
    assert budi.nisn == "0051234568"
    assert budi.sex is Sex.L
    assert budi.placements[0].rombel == "X IPA 2"
    assert [g.name for g in budi.guardians] == ["Ayah Budi Santoso", "Ibu Budi Santoso"]
    citra = registry.get(registry.search_ids("citra")[0])
    assert citra.birth_date == date(2010, 5, 17)
    assert citra.nik == ""
    assert len(registry.search_ids(filters=StudentFilters(rombel="X IPA 1"))) == 2
    kinds = [e.kind for e in audit_repo.recent(workspace.db)]
    assert kinds.count("student.created") == 4
    event = audit_repo.latest(workspace.db, "student.import")
    assert event is not None
    assert event.detail == "added=4,updated=0"


def test_reimporting_the_same_file_changes_nothing(workspace: Workspace, dapodik: Path) -> None:
    service = StudentImportService(workspace)
    service.apply(service.preview(dapodik))
    before = workspace.db.all("SELECT * FROM student ORDER BY id")
    audits = audit_repo.count(workspace.db)
    again = service.preview(dapodik)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    result = service.apply(again)
    assert not result.written
    assert [tuple(r) for r in workspace.db.all("SELECT * FROM student ORDER BY id")] == [
        tuple(r) for r in before
    ]
    assert audit_repo.count(workspace.db) == audits


def test_a_failure_mid_apply_writes_nothing(
    workspace: Workspace, dapodik: Path, tmp_path: Path
) -> None:
    rows = [dapodik_row(n, f"Siswa {n}", str(5000 + n), f"00{60000000 + n}") for n in range(1, 61)]
    big = write_dapodik(tmp_path / "besar.xlsx", HEADER, SUB, rows)
    service = StudentImportService(workspace)
    audits = audit_repo.count(workspace.db)

    def explode(done: int, total: int) -> None:
        if done >= 50:
            raise RuntimeError("listrik padam")

    with pytest.raises(RuntimeError):
        service.apply(service.preview(big), explode)
    assert students(workspace) == 0
    assert audit_repo.count(workspace.db) == audits
    assert int(workspace.db.scalar("SELECT count(*) FROM student_class")) == 0


def test_a_preview_made_before_the_registry_changed_is_refused(
    workspace: Workspace, dapodik: Path
) -> None:
    service = StudentImportService(workspace)
    preview = service.preview(dapodik)
    StudentService(workspace).create(StudentDraft(name="Eka Putri"))
    with pytest.raises(KnownError, match="pratinjau ulang"):
        service.apply(preview)
    assert students(workspace) == 1


def test_a_file_without_identity_columns_is_refused_with_the_reason(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "kelas.csv"
    path.write_text("Nama;Kelas\nAni;X-1\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="kolom pengenal"):
        StudentImportService(workspace).preview(path)


EMIS_LIKE = (
    "NISM;Nama Lengkap Siswa;L/P;Tgl. Lahir;Kelas;NISN\n"
    "121264740001180001;Ahmad Fauzi;1;05-03-2011;VII A;0112345678\n"
    "121264740001180002;Nur Aisyah;2;21-11-2010;VII B;0102345679\n"
)


def test_presets_are_saved_listed_used_and_deleted(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "emis.csv"
    path.write_text(EMIS_LIKE, encoding="utf-8")
    service = StudentImportService(workspace)
    preset = ImportPreset(
        name="Madrasah kami",
        mapping=ColumnMapping(
            {
                TargetField.NIS: "NISM",
                TargetField.NAME: "Nama Lengkap Siswa",
                TargetField.SEX: "L/P",
                TargetField.BIRTH_DATE: "Tgl. Lahir",
                TargetField.ROMBEL: "Kelas",
                TargetField.NISN: "NISN",
            }
        ),
        sex_codes={"1": Sex.L, "2": Sex.P},
        date_format=DateOrder.DAY_FIRST,
    )
    service.save_preset(preset)
    assert [p.name for p in service.presets()] == ["EMIS", "Madrasah kami"]
    assert service.preset("madrasah KAMI") == preset
    preview = service.preview(path, "Madrasah kami")
    assert preview.preset_name == "Madrasah kami"
    assert (preview.added, len(preview.warnings)) == (2, 0)
    service.apply(preview)
    registry = StudentService(workspace)
    nur = registry.get(registry.search_ids("aisyah")[0])
    assert (nur.sex, nur.birth_date, nur.nis) == (Sex.P, date(2010, 11, 21), "121264740001180002")
    assert nur.placements[0].rombel == "VII B"
    service.delete_preset("Madrasah kami")
    assert [p.name for p in service.presets()] == ["EMIS"]
    with pytest.raises(KnownError):
        service.preset("Madrasah kami")
    with pytest.raises(KnownError):
        service.delete_preset("EMIS")
    with pytest.raises(ValidationError):
        service.save_preset(ImportPreset("emis", preset.mapping))
    kinds = [e.kind for e in audit_repo.recent(workspace.db)]
    assert {"import_preset.saved", "import_preset.deleted"} <= set(kinds)


def test_an_explicit_mapping_from_the_mapping_step_wins(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "daftar.csv"
    path.write_text(
        "Siswa,Nomor Induk Nasional,Lahir\nAni Lestari,0051234567,17-05-2010\n", encoding="utf-8"
    )
    service = StudentImportService(workspace)
    prepared = service.prepare(path)
    assert TargetField.NAME not in prepared.mapping.columns
    mapping = (
        prepared.mapping.with_column(TargetField.NAME, "Siswa")
        .with_column(TargetField.NISN, "Nomor Induk Nasional")
        .with_column(TargetField.BIRTH_DATE, "Lahir")
    )
    preview = service.preview(path, mapping=mapping)
    assert preview.added == 1
    assert preview.plan.rows[0].result.nisn == "0051234567"


def test_cli_dry_run_prints_the_preview_and_writes_nothing(
    workspace: Workspace, dapodik: Path
) -> None:
    lines = import_students_cli(workspace, dapodik, dry_run=True, preset_name=None)
    assert lines[0].startswith("Berkas: daftar_pd.xlsx, rombel untuk tahun ajaran")
    assert lines[1].startswith("Jenis berkas: Dapodik — baris judul unduhan Dapodik")
    assert lines[2].startswith("Pratinjau: 4 ditambahkan")
    assert any("Budi Santoso" in line for line in lines)
    assert lines[-1].startswith("Uji coba")
    assert students(workspace) == 0
    lines = import_students_cli(workspace, dapodik, dry_run=False, preset_name=None)
    assert lines[-1] == "Tersimpan: 4 ditambahkan, 0 diperbarui."
    lines = import_students_cli(workspace, dapodik, dry_run=False, preset_name=None)
    assert lines[-1].startswith("Tidak ada perubahan")
    with pytest.raises(KnownError):
        import_students_cli(workspace, dapodik, dry_run=True, preset_name="Tidak ada")


# -- recognising the file ----------------------------------------------------------------------

EMIS_EXPORT = (
    "NISM;Nama Lengkap Siswa;Jenis Kelamin;Tanggal Lahir;Kelas;NISN\n"
    "121264740001180001;Ahmad Fauzi;1;05-03-2011;Kelas 10 - XI-F1;0112345678\n"
    "121264740001180002;Nur Aisyah;2;21-11-2010;Kelas 10 - XI-F2;0102345679\n"
)


def test_an_emis_file_is_recognised_by_its_nism_column_and_keeps_every_gender(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "emis.csv"
    path.write_text(EMIS_EXPORT, encoding="utf-8")
    service = StudentImportService(workspace)
    detected = service.detect(path)
    assert detected.preset is not None and detected.preset.name == "EMIS"
    assert "NISM" in detected.choice.reason
    preview = service.preview(path, detected.preset)
    assert (preview.added, preview.warnings) == (2, ())
    service.apply(preview)
    registry = StudentService(workspace)
    nur = registry.get(registry.search_ids("aisyah")[0])
    assert nur.sex is Sex.P
    assert nur.nis == "121264740001180002"  # all 18 digits
    assert nur.placements[0].rombel == "XI-F2"  # "Kelas 10 - " is EMIS's grade, not the class


def test_a_saved_preset_wins_when_most_of_its_columns_are_there(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "emis.csv"
    path.write_text(EMIS_EXPORT, encoding="utf-8")
    service = StudentImportService(workspace)
    mapping = {
        TargetField.NIS: "NISM",
        TargetField.NAME: "Nama Lengkap Siswa",
        TargetField.SEX: "Jenis Kelamin",
        TargetField.BIRTH_DATE: "Tanggal Lahir",
        TargetField.NISN: "NISN",
        TargetField.NOTES: "Catatan BK",  # not in this file: 5 of 6 is still most
    }
    service.save_preset(
        ImportPreset("Madrasah kami", ColumnMapping(mapping), sex_codes={"1": Sex.L, "2": Sex.P})
    )
    detected = service.detect(path)
    assert detected.preset is not None and detected.preset.name == "Madrasah kami"
    assert detected.choice.reason == "5 dari 6 kolom preset “Madrasah kami” ada di berkas"


def test_a_file_no_preset_fits_is_mapped_by_its_headers_and_says_so(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "kelas.csv"
    path.write_text("Nama;NISN;JK\nAni;0051234567;P\n", encoding="utf-8")
    detected = StudentImportService(workspace).detect(path)
    assert detected.preset is None
    assert detected.describe().startswith("pemetaan otomatis — tidak ada preset yang cocok")


def test_the_cli_says_which_preset_it_chose_and_why(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "emis.csv"
    path.write_text(EMIS_EXPORT, encoding="utf-8")
    lines = import_students_cli(workspace, path, dry_run=True, preset_name=None)
    assert lines[1] == (
        "Jenis berkas: EMIS — ada kolom NISM, yang hanya dimiliki ekspor EMIS. "
        "Pilih yang lain dengan --preset NAMA."
    )
    assert lines[2].startswith("Pratinjau: 2 ditambahkan")
    forced = import_students_cli(workspace, path, dry_run=True, preset_name="EMIS")
    assert forced[1] == "Jenis berkas: preset EMIS (dipilih dengan --preset)."
