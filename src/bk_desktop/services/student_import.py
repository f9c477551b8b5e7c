"""Importing students from Dapodik, EMIS or any xlsx/csv, with a preview before any write.

Public API (the import window and ``bk-desktop import-students`` code against this)::

    StudentImportService(workspace)
        prepare(path: Path, preset: ImportPreset | str | None = None) -> PreparedFile
            # the file read, Dapodik recognised, columns guessed: for the mapping step
        detect(path: Path, preset: ImportPreset | None = None) -> DetectedFile
            # the file read and recognised (Dapodik, a saved preset, NISM => EMIS), with why
        mapping_for(preset, headers) -> ColumnMapping  # a preset on one file's headers
        preview(path: Path, preset: ImportPreset | str | None = None,
                mapping: ColumnMapping | None = None) -> ImportPreview
            # nothing is written; counts and every warning with the student's name
        apply(preview: ImportPreview,
              progress: Callable[[int, int], None] | None = None) -> ImportResult
            # one transaction: any failure (also one raised by ``progress``) writes nothing
        students_to_check() -> int             # students an import left warnings about
        warnings_of(student_id: int) -> list[StoredImportWarning]
        mark_checked(student_id: int) -> bool  # audited; they leave "Perlu diperiksa"
        export_warnings(path: Path, warnings: Sequence[ImportWarning], source: str) -> Path
            # an explicit save the person chose: CSV (";", UTF-8 with BOM, for Excel); audited
        presets() -> list[ImportPreset]        # built-in (EMIS) first, then saved ones
        preset(name: str) -> ImportPreset      # KnownError when unknown
        save_preset(preset: ImportPreset) -> None
        delete_preset(name: str) -> None

    import_students_cli(workspace, path, *, dry_run, preset_name) -> list[str]

Students are matched by NISN, else NIK, else name and birth date (``importers.plan``); a
matched student is updated only with values that differ, so importing the same file again
changes nothing. Rombel go to the current term's academic year. The warnings about a row the
import adds or updates are kept with that student (its latest import replaces earlier ones),
so Siswa can list them as "perlu diperiksa" after the import window has closed; a student the
file leaves unchanged keeps what it had, so importing the same file again writes nothing.
``apply`` refuses a preview made before the registry changed. It touches only the vault's
connection and calls ``progress`` from whatever thread runs it, so the window may run it in a
worker thread as long as nothing else uses the vault meanwhile.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.visibility import require_counsellor
from bk_desktop.files.atomic import atomic_write
from bk_desktop.importers.mapping import (
    BUILTIN_PRESETS,
    ColumnMapping,
    DateOrder,
    ImportPreset,
    PresetChoice,
    TargetField,
    detect_preset,
    preset_mapping,
)
from bk_desktop.importers.plan import ExistingStudentKey, ImportPlan, PlanAction, plan_import
from bk_desktop.importers.students_import import (
    ImportWarning,
    PreparedFile,
    drafts_from_table,
    prepare_file,
)
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import import_warnings_repo, presets_repo, students_repo
from bk_desktop.storage.import_warnings_repo import StoredImportWarning

# The importer's values the window hands back and forth are re-exported here, so that ui/
# depends on services only (docs/architecture.md).
__all__ = [
    "BUILTIN_PRESETS",
    "ColumnMapping",
    "DateOrder",
    "DetectedFile",
    "ImportPreset",
    "ImportPreview",
    "ImportResult",
    "ImportWarning",
    "PlannedChange",
    "PreparedFile",
    "PresetChoice",
    "StoredImportWarning",
    "StudentImportService",
    "TargetField",
    "import_students_cli",
]

PROGRESS_EVERY = 25
"""Rows between progress calls: often enough for a smooth bar, rare enough to cost nothing."""


@dataclass(frozen=True)
class PlannedChange:
    """One student the import adds or updates, and the class they will be in that year."""

    row_number: int
    name: str
    added: bool
    rombel: str
    changed_fields: tuple[str, ...]


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do; pass it unchanged to ``apply``."""

    path: Path
    source: str
    is_dapodik: bool
    preset_name: str | None
    academic_year: AcademicYear
    plan: ImportPlan
    registry_marker: tuple[int, int, str]

    @property
    def added(self) -> int:
        return self.plan.added

    @property
    def updated(self) -> int:
        return self.plan.updated

    @property
    def unchanged(self) -> int:
        return self.plan.unchanged

    @property
    def skipped(self) -> int:
        return self.plan.skipped

    @property
    def warnings(self) -> tuple[ImportWarning, ...]:
        """Each one prints as "Baris 12 – Ani Lestari: …"."""
        return self.plan.warnings

    @property
    def has_changes(self) -> bool:
        return self.plan.has_changes

    def summary(self) -> str:
        return self.plan.summary()

    def changes(self) -> list[PlannedChange]:
        """Who is added or updated, with their rombel of ``academic_year`` ("" when none), in
        file order: what a guru checks against the class lists before pressing Impor."""
        found: list[PlannedChange] = []
        for row in self.plan.rows:
            if row.action not in (PlanAction.ADD, PlanAction.UPDATE):
                continue
            year = self.academic_year
            rombel = next((p.rombel for p in row.result.placements if p.academic_year == year), "")
            found.append(
                PlannedChange(
                    row_number=row.row_number,
                    name=row.result.name,
                    added=row.action is PlanAction.ADD,
                    rombel=rombel,
                    changed_fields=row.changed_fields,
                )
            )
        return found


@dataclass(frozen=True)
class DetectedFile:
    """A file read and recognised: what ``prepare`` gives, with the preset chosen and why."""

    prepared: PreparedFile
    choice: PresetChoice

    @property
    def preset(self) -> ImportPreset | None:
        return self.choice.preset

    def describe(self) -> str:
        """ "EMIS — ada kolom NISM, yang hanya dimiliki ekspor EMIS"."""
        return f"{self.choice.kind} — {self.choice.reason}"


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    skipped: int
    warnings: int
    written: bool
    to_check: int = 0  # students now listed as "perlu diperiksa" because of this import

    def summary(self) -> str:
        return (
            f"{self.added} ditambahkan, {self.updated} diperbarui, "
            f"{self.unchanged} tidak berubah, {self.skipped} dilewati, "
            f"{self.warnings} peringatan"
        )


class StudentImportService:
    def __init__(self, workspace: Workspace) -> None:
        require_counsellor(workspace.viewer)  # students and notes: not the kepala sekolah
        self.workspace = workspace

    # -- presets -------------------------------------------------------------------------------

    def presets(self) -> list[ImportPreset]:
        """Built-in presets, then the saved ones by name; a damaged saved one is left out."""
        found = list(BUILTIN_PRESETS)
        for _name, data in presets_repo.load_all(self.workspace.db):
            try:
                found.append(ImportPreset.from_dict(data))
            except ValidationError:
                continue
        return found

    def preset(self, name: str) -> ImportPreset:
        wanted = name.strip().casefold()
        for builtin in BUILTIN_PRESETS:
            if builtin.name.casefold() == wanted:
                return builtin
        data = presets_repo.load(self.workspace.db, name.strip())
        if data is None:
            raise KnownError(f"Preset impor “{name.strip()}” tidak ada.")
        return ImportPreset.from_dict(data)

    def save_preset(self, preset: ImportPreset) -> None:
        """Save (or replace) a named mapping; built-in names cannot be taken."""
        name = " ".join(preset.name.split())
        if not name:
            raise ValidationError("Beri nama preset impor.", "preset_name")
        if any(b.name.casefold() == name.casefold() for b in BUILTIN_PRESETS):
            raise ValidationError(
                f"“{name}” adalah nama preset bawaan; pilih nama lain.", "preset_name"
            )
        if not preset.mapping.columns:
            raise ValidationError("Preset impor belum memetakan satu kolom pun.", "mapping")
        data = preset.to_dict()
        data["name"] = name
        ImportPreset.from_dict(data)  # what is saved must load again
        db = self.workspace.db
        with db.transaction():
            presets_repo.save(db, name, data, self.workspace.now())
            self.workspace.audit(AuditKind.IMPORT_PRESET_SAVED, target_kind="import_preset")

    def delete_preset(self, name: str) -> None:
        if any(b.name.casefold() == name.strip().casefold() for b in BUILTIN_PRESETS):
            raise KnownError("Preset bawaan tidak dapat dihapus.")
        db = self.workspace.db
        with db.transaction():
            if not presets_repo.delete(db, name.strip()):
                raise KnownError(f"Preset impor “{name.strip()}” tidak ada.")
            self.workspace.audit(AuditKind.IMPORT_PRESET_DELETED, target_kind="import_preset")

    def _resolve(self, preset: ImportPreset | str | None) -> ImportPreset | None:
        return self.preset(preset) if isinstance(preset, str) else preset

    # -- the import ------------------------------------------------------------------------------

    def prepare(self, path: Path, preset: ImportPreset | str | None = None) -> PreparedFile:
        return prepare_file(path, self._resolve(preset))

    def mapping_for(self, preset: ImportPreset, headers: Sequence[str]) -> ColumnMapping:
        """The preset's mapping on these headers, a missing column found by its header name."""
        return preset_mapping(preset, headers)

    def detect(self, path: Path, preset: ImportPreset | None = None) -> DetectedFile:
        """Read the file and recognise it (Dapodik, a saved preset, EMIS, or none) by its
        header; the file comes back prepared with the preset chosen. A ``preset`` the user
        picked is taken as it is."""
        if preset is not None:
            chosen = PresetChoice(preset, preset.name, "dipilih sendiri")
            return DetectedFile(prepare_file(path, preset), chosen)
        prepared = prepare_file(path)
        choice = detect_preset(
            prepared.table.headers, self.presets(), is_dapodik=prepared.is_dapodik
        )
        if choice.preset is not None:
            prepared = prepare_file(path, choice.preset)
        return DetectedFile(prepared, choice)

    def preview(
        self,
        path: Path,
        preset: ImportPreset | str | None = None,
        mapping: ColumnMapping | None = None,
    ) -> ImportPreview:
        """Read, map and match the file against the registry; nothing is written."""
        chosen = self._resolve(preset)
        prepared = prepare_file(path, chosen)
        year = TermService(self.workspace).current().year
        parsed = drafts_from_table(
            prepared.table,
            mapping or prepared.mapping,
            today=StudentService(self.workspace).today(),
            academic_year=year,
            sex_codes=chosen.sex_lookup() if chosen is not None else None,
            date_order=chosen.date_format if chosen is not None else DateOrder.DAY_FIRST,
        )
        db = self.workspace.db
        marker = students_repo.change_marker(db)
        existing = [ExistingStudentKey.of(s) for s in students_repo.load_students(db)]
        return ImportPreview(
            path=path,
            source=path.name,
            is_dapodik=prepared.is_dapodik,
            preset_name=chosen.name if chosen is not None else None,
            academic_year=year,
            plan=plan_import(parsed, existing),
            registry_marker=marker,
        )

    def apply(
        self,
        preview: ImportPreview,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportResult:
        """Write the previewed additions and updates in one transaction."""
        plan = preview.plan
        result = ImportResult(
            added=plan.added,
            updated=plan.updated,
            unchanged=plan.unchanged,
            skipped=plan.skipped,
            warnings=len(plan.warnings),
            written=plan.has_changes,
        )
        work = [row for row in plan.rows if row.action in (PlanAction.ADD, PlanAction.UPDATE)]
        doubts: dict[int, list[tuple[int, str]]] = {}
        for warning in plan.warnings:
            doubts.setdefault(warning.row_number, []).append((warning.row_number, warning.message))
        if not work:
            if progress is not None:
                progress(0, 0)
            return result
        workspace = self.workspace
        db = workspace.db
        now = workspace.now()
        total = len(work)
        with db.transaction():
            if students_repo.change_marker(db) != preview.registry_marker:
                raise KnownError(
                    "Data siswa berubah sejak pratinjau dibuat. Buat pratinjau ulang, "
                    "lalu impor lagi."
                )
            doubted: set[int] = set()
            for done, row in enumerate(work, start=1):
                if row.action is PlanAction.ADD:
                    student_id = students_repo.insert_student(db, row.result, now)
                    kind = AuditKind.STUDENT_CREATED
                else:
                    assert row.student_id is not None
                    student_id = row.student_id
                    students_repo.update_student(db, student_id, row.result, now)
                    kind = AuditKind.STUDENT_UPDATED
                workspace.audit(
                    kind, target_kind="student", target_id=str(student_id), detail="import"
                )
                if row.row_number in doubts:
                    import_warnings_repo.replace_for(
                        db, student_id, doubts[row.row_number], source=preview.source, now=now
                    )
                    doubted.add(student_id)
                if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
                    progress(done, total)
            workspace.audit(
                AuditKind.STUDENT_IMPORT,
                target_kind="student",
                detail=f"added={plan.added},updated={plan.updated}",
            )
        return replace(result, to_check=len(doubted))

    # -- what an import left to check ----------------------------------------------------------

    def students_to_check(self) -> int:
        return import_warnings_repo.student_count(self.workspace.db)

    def warnings_of(self, student_id: int) -> list[StoredImportWarning]:
        return import_warnings_repo.for_student(self.workspace.db, student_id)

    def mark_checked(self, student_id: int) -> bool:
        """The guru has looked at the student's import warnings: they are removed, audited."""
        workspace = self.workspace
        with workspace.db.transaction():
            removed = import_warnings_repo.clear(workspace.db, student_id)
            if removed:
                workspace.audit(
                    AuditKind.IMPORT_WARNINGS_CHECKED,
                    target_kind="student",
                    target_id=str(student_id),
                )
        return removed

    def export_warnings(self, path: Path, warnings: Sequence[ImportWarning], source: str) -> Path:
        """Write the warnings list to ``path``, a place the person chose, and audit that it left
        the vault (how many, never what). A ``.csv`` suffix is added when missing.

        Semicolons and a UTF-8 byte-order mark, because that is what Excel on an Indonesian
        Windows opens into columns; the file names students, so it is written whole or not
        at all and only where asked.
        """
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Berkas", "Baris", "Nama siswa", "Peringatan"])
        for warning in warnings:
            writer.writerow([source, warning.row_number, warning.student_name, warning.message])
        try:
            atomic_write(path, buffer.getvalue().encode("utf-8-sig"))
        except OSError as error:
            raise KnownError(
                f"Daftar peringatan tidak dapat disimpan ke {path}: "
                f"{error.strerror or 'kesalahan sistem'}. Pilih folder lain."
            ) from error
        workspace = self.workspace
        with workspace.db.transaction():
            workspace.audit(
                AuditKind.IMPORT_WARNINGS_EXPORTED,
                target_kind="student",
                detail=f"count={len(warnings)}",
            )
        return path


def import_students_cli(
    workspace: Workspace, path: Path, *, dry_run: bool, preset_name: str | None
) -> list[str]:
    """What ``bk-desktop import-students`` prints, one line each; ``KnownError`` on failure."""
    service = StudentImportService(workspace)
    if preset_name is None:
        detected = service.detect(path)
        preview = service.preview(path, detected.preset)
        kind = f"{detected.describe()}. Pilih yang lain dengan --preset NAMA."
    else:
        preview = service.preview(path, preset_name)
        kind = f"preset {preview.preset_name} (dipilih dengan --preset)."
    lines = [
        f"Berkas: {preview.source}, rombel untuk tahun ajaran {preview.academic_year}",
        f"Jenis berkas: {kind}",
        f"Pratinjau: {preview.summary()}",
    ]
    lines += [f"  {warning}" for warning in preview.warnings]
    if dry_run:
        lines.append("Uji coba (--dry-run): tidak ada yang disimpan.")
        return lines
    result = service.apply(preview)
    if result.written:
        lines.append(f"Tersimpan: {result.added} ditambahkan, {result.updated} diperbarui.")
    else:
        lines.append("Tidak ada perubahan; data siswa sudah sama dengan berkas.")
    return lines
