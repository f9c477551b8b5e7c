"""The preview: add / update / unchanged / skip, matching by NISN, else NIK, else name + birth."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.students import (
    ClassPlacement,
    Guardian,
    GuardianRelation,
    Student,
    StudentDraft,
)
from bk_desktop.importers.plan import ExistingStudentKey, PlanAction, merge_into, plan_import
from bk_desktop.importers.students_import import ImportRow, ParsedImport, import_file

TODAY = date(2026, 7, 20)
YEAR = AcademicYear(2026)
Maker = Callable[..., Path]
RowMaker = Callable[[int], dict[str, Any]]


def _store(plan_rows: Any) -> list[ExistingStudentKey]:
    """What the service would write, read back as the registry."""
    stored = []
    for number, planned in enumerate(plan_rows, start=1):
        student = Student(**(vars(planned.result) | {"id": planned.student_id or number}))
        stored.append(ExistingStudentKey.of(student))
    return stored


def _parsed(*drafts: StudentDraft) -> ParsedImport:
    return ParsedImport(
        tuple(ImportRow(n, d) for n, d in enumerate(drafts, start=2)), (), 0, "uji.csv"
    )


ANI = StudentDraft(
    name="Ani Lestari",
    nisn="0101234567",
    nik="6474015705100001",
    birth_date=date(2010, 5, 17),
    nis="1001",
)


def _existing(draft: StudentDraft, student_id: int) -> ExistingStudentKey:
    return ExistingStudentKey(student_id, draft)


def test_reimporting_the_same_dapodik_file_changes_nothing(
    make_dapodik: Maker, student_row: RowMaker
) -> None:
    rows = [student_row(n) for n in range(1, 51)]
    rows[0] |= {"NISN": 101234567, "NIK": 6474015705100001}
    path = make_dapodik(rows)
    first = plan_import(import_file(path, today=TODAY, academic_year=YEAR), [])
    assert (first.added, first.updated) == (50, 0)
    again = plan_import(import_file(path, today=TODAY, academic_year=YEAR), _store(first.rows))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 50)
    assert not again.has_changes
    assert "0 ditambahkan, 0 diperbarui, 50 tidak berubah" in again.summary()


def test_changed_rombel_is_an_update_naming_the_field() -> None:
    stored = replace(ANI, placements=(ClassPlacement(YEAR, "X-1", "Bu Rina"),))
    incoming = replace(ANI, placements=(ClassPlacement(YEAR, "X-2"),))
    plan = plan_import(_parsed(incoming), [_existing(stored, 7)])
    [row] = plan.rows
    assert (row.action, row.student_id, row.changed_fields, row.matched_by) == (
        PlanAction.UPDATE,
        7,
        ("placements",),
        "NISN",
    )
    assert row.result.placements == (ClassPlacement(YEAR, "X-2", "Bu Rina"),)


def test_empty_cells_never_erase_stored_values() -> None:
    stored = replace(ANI, phone="081234567890", notes="catatan guru BK")
    incoming = StudentDraft(name="Ani Lestari", nisn="0101234567", notes="dari berkas")
    plan = plan_import(_parsed(incoming), [_existing(stored, 1)])
    assert plan.rows[0].action is PlanAction.UNCHANGED
    assert plan.rows[0].result == stored


def test_match_falls_back_to_nik_then_to_name_and_birth_date() -> None:
    by_nik = StudentDraft(name="Ani L.", nik=ANI.nik)
    by_person = StudentDraft(name="ANI  LESTARI", birth_date=ANI.birth_date)
    plan = plan_import(_parsed(by_nik), [_existing(ANI, 1)])
    assert (plan.rows[0].action, plan.rows[0].matched_by) == (PlanAction.UPDATE, "NIK")
    plan = plan_import(_parsed(by_person), [_existing(ANI, 1)])
    assert (plan.rows[0].action, plan.rows[0].matched_by) == (
        PlanAction.UNCHANGED,
        "nama dan tanggal lahir",
    )


def test_same_name_and_birth_with_another_nisn_is_a_new_student() -> None:
    other = replace(ANI, nisn="0109999999", nik="", nis="")
    plan = plan_import(_parsed(other), [_existing(ANI, 1)])
    assert plan.rows[0].action is PlanAction.ADD


def test_ambiguous_match_is_skipped_for_manual_checking() -> None:
    twin_a = StudentDraft(name="Ani Lestari", birth_date=ANI.birth_date)
    plan = plan_import(
        _parsed(StudentDraft(name="Ani Lestari", birth_date=ANI.birth_date)),
        [_existing(twin_a, 1), _existing(twin_a, 2)],
    )
    assert plan.rows == ()
    assert plan.skipped == 1
    assert "periksa data ganda" in plan.warnings[0].message


def test_nis_of_another_student_is_not_taken_over() -> None:
    newcomer = StudentDraft(name="Budi", nisn="0107777777", nis="1001")
    plan = plan_import(_parsed(newcomer), [_existing(ANI, 1)])
    assert plan.rows[0].action is PlanAction.ADD
    assert plan.rows[0].result.nis == ""
    assert plan.warnings[0].message == "NIS 1001 sudah dipakai siswa lain; NIS tidak diimpor."


def test_changed_nisn_is_warned() -> None:
    corrected = replace(ANI, nisn="0101234568")
    plan = plan_import(_parsed(corrected), [_existing(ANI, 1)])
    assert plan.rows[0].changed_fields == ("nisn",)
    assert "NISN tersimpan 0101234567 akan diganti" in plan.warnings[0].message


def test_guardian_phone_survives_a_file_without_phones() -> None:
    stored = replace(ANI, guardians=(Guardian("Siti", GuardianRelation.IBU, "0812"),))
    incoming = replace(
        ANI,
        guardians=(
            Guardian("Siti Aminah", GuardianRelation.IBU),
            Guardian("Amir", GuardianRelation.AYAH),
        ),
    )
    merged, changed = merge_into(stored, incoming)
    assert changed == ["guardians"]
    assert merged.guardians == (
        Guardian("Siti Aminah", GuardianRelation.IBU, "0812"),
        Guardian("Amir", GuardianRelation.AYAH),
    )


def test_parse_warnings_and_skips_are_carried_into_the_plan(
    make_dapodik: Maker, student_row: RowMaker
) -> None:
    rows = [student_row(1), student_row(1), student_row(2) | {"NIK": 6474015705100001}]
    plan = plan_import(import_file(make_dapodik(rows), today=TODAY, academic_year=YEAR), [])
    assert (plan.added, plan.skipped) == (2, 1)
    assert [w.row_number for w in plan.warnings] == [8, 9]
    assert str(plan.warnings[1]).startswith(
        "Baris 9 – Siswa Contoh 0002: NIK tersimpan sebagai angka"
    )
