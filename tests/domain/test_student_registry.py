"""Student records: field-tagged validation and the rule that only active students are served."""

from __future__ import annotations

from datetime import date

import pytest

from bk_desktop.domain.academic import AcademicYear, Grade
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.domain.students import (
    ClassPlacement,
    Guardian,
    GuardianRelation,
    Religion,
    Sex,
    Student,
    StudentDraft,
    StudentIdentity,
    StudentStatus,
    ensure_can_be_served,
    name_key,
    parse_religion,
)

TODAY = date(2026, 11, 29)


def _draft(**changes: object) -> StudentDraft:
    values: dict[str, object] = {
        "name": "Ani Lestari",
        "nis": "2026001",
        "nisn": "0101234567",
        "nik": "6474015705100001",
        "no_kk": "6474010101080003",
        "sex": Sex.P,
        "birth_date": date(2010, 5, 17),
        "religion": Religion.ISLAM,
        "phone": "0812-3456-7890",
        "placements": (ClassPlacement(AcademicYear(2026), "X IPA 1", "Budi, S.Pd."),),
        "guardians": (Guardian("Siti", GuardianRelation.IBU, "+62 812 1111 2222"),),
    }
    values.update(changes)
    return StudentDraft(**values)  # type: ignore[arg-type]


def _fields(draft: StudentDraft, existing: set[str] | None = None) -> dict[str, str]:
    return {e.field or "": e.message for e in draft.validate(TODAY, existing or set())}


def test_complete_draft_has_no_errors() -> None:
    assert _draft().validate(TODAY) == []


def test_each_wrong_identifier_is_reported_next_to_its_field() -> None:
    errors = _fields(_draft(nisn="12345", nik="123", no_kk="99"))
    assert errors["nisn"] == "NISN harus 10 digit angka."
    assert errors["nik"] == "NIK harus 16 digit angka."
    assert errors["no_kk"] == "No KK harus 16 digit angka."


def test_nik_equal_to_no_kk_is_an_error_on_nik() -> None:
    errors = _fields(_draft(no_kk="6474015705100001"))
    assert "No KK" in errors["nik"]


def test_duplicate_nis_is_refused() -> None:
    assert _fields(_draft(), {"2026001"})["nis"] == "NIS 2026001 sudah dipakai siswa lain."


def test_birth_date_in_the_future_is_refused() -> None:
    assert "masa depan" in _fields(_draft(birth_date=date(2026, 11, 30)))["birth_date"]


def test_empty_name_and_guardian_without_name_are_refused() -> None:
    errors = _fields(_draft(name="  ", guardians=(Guardian("", GuardianRelation.AYAH),)))
    assert errors["name"] == "Nama siswa wajib diisi."
    assert errors["guardians[0].name"] == "Nama ayah wajib diisi."


def test_left_student_needs_the_date_of_the_status() -> None:
    errors = _fields(_draft(status=StudentStatus.PINDAH))
    assert "pindah sekolah" in errors["status_date"]


def test_two_rombel_in_one_academic_year_are_refused() -> None:
    year = AcademicYear(2026)
    placements = (ClassPlacement(year, "X-1"), ClassPlacement(year, "X-2"))
    assert "placements[1].academic_year" in _fields(_draft(placements=placements))


def test_bad_phone_numbers_are_refused() -> None:
    assert "phone" in _fields(_draft(phone="call me"))
    assert "phone" in _fields(_draft(phone="123"))


def test_grade_follows_the_rombel_of_the_year() -> None:
    draft = _draft()
    placement = draft.placement_in(AcademicYear(2026))
    assert placement is not None and placement.grade is Grade.X
    assert draft.placement_in(AcademicYear(2025)) is None


def test_active_student_can_be_served() -> None:
    student = Student(id=1, **_draft().__dict__)
    assert student.status is StudentStatus.AKTIF
    assert ensure_can_be_served(student) is None  # no refusal


@pytest.mark.parametrize(
    "status", [StudentStatus.PINDAH, StudentStatus.LULUS, StudentStatus.KELUAR]
)
def test_student_who_is_not_active_cannot_be_served(status: StudentStatus) -> None:
    with pytest.raises(RuleViolation) as caught:
        ensure_can_be_served(_draft(status=status, status_date=date(2026, 7, 1)))
    assert caught.value.message == (
        f"Siswa ini berstatus {status.value} sejak 1 Juli 2026, sehingga tidak dapat dilayani."
    )


def test_refusal_without_a_status_date_still_explains() -> None:
    with pytest.raises(RuleViolation, match="berstatus lulus, sehingga"):
        ensure_can_be_served(_draft(status=StudentStatus.LULUS))


def test_labels_are_indonesian() -> None:
    assert Sex.L.label == "Laki-laki"
    assert StudentStatus.PINDAH.label == "Pindah sekolah"
    assert Religion.KEPERCAYAAN.label == "Kepercayaan terhadap Tuhan YME"
    assert [r.value for r in Religion] == [
        "Islam",
        "Kristen",
        "Katolik",
        "Hindu",
        "Buddha",
        "Khonghucu",
        "Kepercayaan",
    ]


@pytest.mark.parametrize(
    ("text", "religion"),
    [
        ("ISLAM", Religion.ISLAM),
        ("Katholik", Religion.KATOLIK),
        ("Budha", Religion.BUDDHA),
        ("Konghucu", Religion.KHONGHUCU),
        ("Kepercayaan kpd Tuhan YME", Religion.KEPERCAYAAN),
    ],
)
def test_religion_spellings_from_dapodik_are_understood(text: str, religion: Religion) -> None:
    assert parse_religion(text) is religion


def test_unknown_religion_is_not_guessed() -> None:
    assert parse_religion("Lainnya") is None


def test_names_match_despite_case_spacing_and_punctuation() -> None:
    assert name_key("Muh.  Rizky Pratama") == name_key("MUH RIZKY PRATAMA")
    assert name_key("Zoë") == name_key("ZOE")


def test_different_nisn_means_different_students_even_with_same_name_and_birth() -> None:
    a = StudentIdentity.of(_draft())
    b = StudentIdentity.of(_draft(nisn="0109999999"))
    assert a.name_and_birth == b.name_and_birth
    assert a.conflicts_with(b)
    assert not a.conflicts_with(StudentIdentity.of(_draft(nisn="", nik="")))
