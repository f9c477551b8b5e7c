"""The student registry: validation, duplicates, search, filters, sort, terms."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bk_desktop.domain.academic import AcademicYear, Grade, Semester, SemesterDates, Term
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.students import (
    ClassPlacement,
    Guardian,
    GuardianRelation,
    Sex,
    StudentDraft,
    StudentStatus,
)
from bk_desktop.services.students import (
    StudentFilters,
    StudentInvalid,
    StudentService,
    StudentSort,
    TermService,
)
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo

YEAR = AcademicYear(2026)
LAST_YEAR = AcademicYear(2025)


def draft(name: str = "Ani Lestari", rombel: str = "X IPA 1", **changes: object) -> StudentDraft:
    base = StudentDraft(
        name=name,
        nis="",
        sex=Sex.P,
        birth_date=date(2010, 5, 17),
        placements=(ClassPlacement(YEAR, rombel, "Budi Santoso, S.Pd."),) if rombel else (),
        guardians=(Guardian("Siti Aminah", GuardianRelation.IBU, "0812 3456 7890"),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def audit_kinds(workspace: Workspace) -> list[str]:
    return [e.kind for e in audit_repo.recent(workspace.db)]


def test_add_student_stores_everything_and_audits_without_content(workspace: Workspace) -> None:
    service = StudentService(workspace)
    student_id = service.create(draft(nis=" 2026 001 ", nisn="0051234567", nik="6474011705100001"))
    student = service.get(student_id)
    assert student.name == "Ani Lestari"
    assert student.nis == "2026 001"
    assert student.nisn == "0051234567"
    assert student.placements[0].rombel == "X IPA 1"
    assert student.placements[0].grade is Grade.X
    assert student.guardians[0].name == "Siti Aminah"
    event = audit_repo.latest(workspace.db, "student.created")
    assert event is not None
    assert event.target_id == str(student_id)
    assert "Ani" not in event.detail


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"nisn": "12345"}, "nisn"),
        ({"nik": "123"}, "nik"),
        ({"no_kk": "12"}, "no_kk"),
        ({"nis": "x" * 31}, "nis"),
        ({"birth_date": date(2027, 1, 1)}, "birth_date"),
        ({"phone": "abc"}, "phone"),
        ({"status": StudentStatus.PINDAH}, "status_date"),
        ({"placements": (ClassPlacement(YEAR, " "),)}, "placements[0].rombel"),
        ({"guardians": (Guardian("", GuardianRelation.AYAH),)}, "guardians[0].name"),
    ],
)
def test_each_invalid_field_is_refused_with_its_field(
    workspace: Workspace, changes: dict[str, object], field: str
) -> None:
    service = StudentService(workspace)
    with pytest.raises(StudentInvalid) as caught:
        service.create(draft(**changes))
    assert field in {e.field for e in caught.value.errors}
    assert all(isinstance(e, ValidationError) and e.message for e in caught.value.errors)
    assert service.count() == 0


def test_all_problems_are_reported_at_once(workspace: Workspace) -> None:
    with pytest.raises(StudentInvalid) as caught:
        StudentService(workspace).create(draft(name="", nisn="1", phone="x"))
    assert {e.field for e in caught.value.errors} >= {"name", "nisn", "phone"}


def test_duplicate_nis_is_refused_but_the_same_student_may_keep_it(workspace: Workspace) -> None:
    service = StudentService(workspace)
    first = service.create(draft(nis="1001"))
    with pytest.raises(StudentInvalid) as caught:
        service.create(draft(name="Budi", nis="1001"))
    assert caught.value.field == "nis"
    assert "1001" in caught.value.message
    service.update(first, draft(nis="1001", notes="catatan"))
    assert service.get(first).notes == "catatan"


def test_duplicate_nisn_and_nik_are_refused(workspace: Workspace) -> None:
    service = StudentService(workspace)
    service.create(draft(nisn="0051234567", nik="6474011705100001"))
    with pytest.raises(StudentInvalid) as caught:
        service.create(draft(name="Budi", nisn="0051234567", nik="6474011705100001"))
    assert {e.field for e in caught.value.errors} == {"nisn", "nik"}


def test_update_audits_changed_field_names_only(workspace: Workspace) -> None:
    service = StudentService(workspace)
    student_id = service.create(draft())
    service.update(
        student_id,
        draft(status=StudentStatus.PINDAH, status_date=date(2026, 11, 1), notes="rahasia"),
    )
    event = audit_repo.latest(workspace.db, "student.updated")
    assert event is not None
    assert set(event.detail.split(",")) == {"status", "status_date", "notes"}
    assert "rahasia" not in event.detail
    before = audit_repo.count(workspace.db)
    service.update(student_id, service.get(student_id))
    assert audit_repo.count(workspace.db) == before


def test_failed_update_writes_nothing(workspace: Workspace) -> None:
    service = StudentService(workspace)
    student_id = service.create(draft())
    with pytest.raises(StudentInvalid):
        service.update(student_id, draft(name=""))
    assert service.get(student_id).name == "Ani Lestari"


@pytest.fixture
def school(workspace: Workspace) -> dict[str, int]:
    service = StudentService(workspace)
    return {
        "ani": service.create(draft("Ani Lestari", "X IPA 1", nis="1001", nisn="0051234567")),
        "budi": service.create(draft("Budi Santoso", "X IPA 2", nis="1002", sex=Sex.L)),
        "citra": service.create(draft("Citra Dewi", "XI IPS 1", nis="2001")),
        "dani": service.create(
            draft(
                "Muh. Daniel Pratama",
                "XII-MIPA-3",
                nis="3001",
                nisn="0039876543",
                status=StudentStatus.LULUS,
                status_date=date(2026, 6, 20),
            )
        ),
        "eka": service.create(
            draft(
                "Eka Putri",
                "",
                nis="1003",
                placements=(ClassPlacement(LAST_YEAR, "X IPA 1"),),
            )
        ),
    }


def names(service: StudentService, ids: list[int]) -> list[str]:
    return [row.name for row in service.rows(ids)]


def test_search_by_name_word_start_ignores_case_and_punctuation(
    workspace: Workspace, school: dict[str, int]
) -> None:
    service = StudentService(workspace)
    assert names(service, service.search_ids("ani")) == ["Ani Lestari"]
    assert names(service, service.search_ids("DANIEL")) == ["Muh. Daniel Pratama"]
    assert names(service, service.search_ids("muh daniel")) == ["Muh. Daniel Pratama"]
    assert service.search_ids("lestari budi") == []


def test_search_by_nis_nisn_and_class(workspace: Workspace, school: dict[str, int]) -> None:
    service = StudentService(workspace)
    assert service.search_ids("1002") == [school["budi"]]
    assert service.search_ids("005123") == [school["ani"]]
    assert service.search_ids("10") == [school["ani"], school["budi"], school["eka"]]
    assert names(service, service.search_ids("x ipa 2")) == ["Budi Santoso"]
    assert names(service, service.search_ids("mipa")) == ["Muh. Daniel Pratama"]
    # Eka sat in X IPA 1 last year: this year's class search does not find her.
    assert school["eka"] not in service.search_ids("ipa 1")


def test_filters_by_class_grade_and_status(workspace: Workspace, school: dict[str, int]) -> None:
    service = StudentService(workspace)
    assert service.search_ids(filters=StudentFilters(rombel="X IPA 1")) == [school["ani"]]
    assert service.search_ids(filters=StudentFilters(grade=Grade.X)) == [
        school["ani"],
        school["budi"],
    ]
    assert service.search_ids(filters=StudentFilters(status=StudentStatus.LULUS)) == [
        school["dani"]
    ]
    assert service.search_ids("a", StudentFilters(grade=Grade.X, status=StudentStatus.AKTIF)) == [
        school["ani"]
    ]
    last_year = service.search_ids(filters=StudentFilters(rombel="X IPA 1", year=LAST_YEAR))
    assert last_year == [school["eka"]]


def test_sorting(workspace: Workspace, school: dict[str, int]) -> None:
    service = StudentService(workspace)
    by_name = service.search_ids()
    assert names(service, by_name)[0] == "Ani Lestari"
    assert service.search_ids(descending=True) == list(reversed(by_name))
    by_class = names(service, service.search_ids(sort=StudentSort.CLASS))
    assert by_class == [
        "Ani Lestari",
        "Budi Santoso",
        "Citra Dewi",
        "Muh. Daniel Pratama",
        "Eka Putri",
    ]
    by_nis = service.search_ids(sort=StudentSort.NIS, descending=True)
    assert by_nis[0] == school["dani"]
    assert service.search_ids(sort=StudentSort.STATUS)[0] != school["dani"]


def test_rows_fetch_only_the_ids_asked_in_their_order(
    workspace: Workspace, school: dict[str, int]
) -> None:
    service = StudentService(workspace)
    rows = service.rows([school["citra"], school["ani"], 999_999])
    assert [r.id for r in rows] == [school["citra"], school["ani"]]
    assert rows[0].rombel == "XI IPS 1"
    assert rows[0].grade is Grade.XI
    assert rows[1].homeroom_teacher == "Budi Santoso, S.Pd."
    assert service.rows([school["eka"]])[0].rombel == ""


def test_rombel_options_for_the_filter(workspace: Workspace, school: dict[str, int]) -> None:
    options = StudentService(workspace).rombels()
    assert [(o.rombel, o.grade, o.students) for o in options] == [
        ("X IPA 1", Grade.X, 1),
        ("X IPA 2", Grade.X, 1),
        ("XI IPS 1", Grade.XI, 1),
        ("XII-MIPA-3", Grade.XII, 1),
    ]


def test_current_term_follows_the_date_the_school_terms_and_the_override(
    workspace: Workspace,
) -> None:
    terms = TermService(workspace)
    assert terms.current().key == (YEAR, Semester.GANJIL)
    school_ganjil = Term(
        YEAR, Semester.GANJIL, SemesterDates(date(2026, 7, 13), date(2026, 12, 19))
    )
    school_genap = Term(YEAR, Semester.GENAP, SemesterDates(date(2027, 1, 4), date(2027, 6, 26)))
    terms.save_terms([school_ganjil, school_genap])
    assert terms.terms() == [school_ganjil, school_genap]
    assert terms.current() == school_ganjil
    terms.choose_current(school_genap)
    assert terms.current() == school_genap
    assert workspace.settings().current_term_override == "2026/2027 genap"
    terms.choose_current(None)
    assert terms.current() == school_ganjil
    assert "academic_term.changed" in audit_kinds(workspace)


def test_overlapping_terms_are_refused(workspace: Workspace) -> None:
    terms = TermService(workspace)
    bad = [
        Term(YEAR, Semester.GANJIL, SemesterDates(date(2026, 7, 1), date(2027, 1, 10))),
        Term(YEAR, Semester.GENAP, SemesterDates(date(2027, 1, 4), date(2027, 6, 26))),
    ]
    with pytest.raises(ValidationError) as caught:
        terms.save_terms(bad)
    assert caught.value.field == "terms"
    assert terms.terms() == []
