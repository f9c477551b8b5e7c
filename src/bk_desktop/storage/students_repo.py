"""Students, their rombel per academic year, guardians, and the school's academic terms.

The list of students is built for an id-backed lazy table: ``search_sql`` returns ids in display
order with one SQL statement (the benchmark times that same statement as its floor), and
``rows`` fetches only the rows a view shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from bk_desktop.domain.academic import (
    AcademicYear,
    Grade,
    Semester,
    SemesterDates,
    Term,
)
from bk_desktop.domain.students import (
    ClassPlacement,
    Guardian,
    GuardianRelation,
    Religion,
    Sex,
    Student,
    StudentDraft,
    StudentStatus,
    name_key,
)
from bk_desktop.storage.database import Database, Row
from bk_desktop.storage.timefmt import to_text

_CHUNK = 500  # bound parameters per IN (…) list, well under SQLite's limit


# -- search keys -------------------------------------------------------------------------------


def search_tokens(text: str) -> list[str]:
    """What a person typed, reduced the way ``search_text`` is: one token per word."""
    return name_key(text).split()


def student_search_text(draft: StudentDraft) -> str:
    words = [name_key(draft.name), name_key(draft.nis), draft.nisn]
    return "".join(f" {word}" for word in " ".join(words).split())


def rombel_search_key(rombel: str) -> str:
    return "".join(f" {word}" for word in name_key(rombel).split())


# -- writing ---------------------------------------------------------------------------------


def _opt_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _student_params(draft: StudentDraft, now: datetime) -> dict[str, Any]:
    return {
        "name": " ".join(draft.name.split()),
        "name_key": name_key(draft.name),
        "nis": draft.nis,
        "nisn": draft.nisn,
        "nik": draft.nik,
        "no_kk": draft.no_kk,
        "sex": None if draft.sex is None else draft.sex.value,
        "birth_place": draft.birth_place,
        "birth_date": _opt_date(draft.birth_date),
        "religion": None if draft.religion is None else draft.religion.value,
        "address": draft.address,
        "phone": draft.phone,
        "status": draft.status.value,
        "status_date": _opt_date(draft.status_date),
        "notes": draft.notes,
        "search_text": student_search_text(draft),
        "now": to_text(now),
    }


def insert_student(db: Database, draft: StudentDraft, now: datetime) -> int:
    cursor = db.execute(
        "INSERT INTO student (name, name_key, nis, nisn, nik, no_kk, sex, birth_place, "
        "birth_date, religion, address, phone, status, status_date, notes, search_text, "
        "created_at, updated_at) VALUES (:name, :name_key, :nis, :nisn, :nik, :no_kk, :sex, "
        ":birth_place, :birth_date, :religion, :address, :phone, :status, :status_date, :notes, "
        ":search_text, :now, :now)",
        _student_params(draft, now),
    )
    student_id = int(cursor.lastrowid)
    _write_children(db, student_id, draft)
    return student_id


def update_student(db: Database, student_id: int, draft: StudentDraft, now: datetime) -> None:
    params = _student_params(draft, now)
    params["id"] = student_id
    db.execute(
        "UPDATE student SET name = :name, name_key = :name_key, nis = :nis, nisn = :nisn, "
        "nik = :nik, no_kk = :no_kk, sex = :sex, birth_place = :birth_place, "
        "birth_date = :birth_date, religion = :religion, address = :address, phone = :phone, "
        "status = :status, status_date = :status_date, notes = :notes, "
        "search_text = :search_text, updated_at = :now WHERE id = :id",
        params,
    )
    db.execute("DELETE FROM student_class WHERE student_id = :id", {"id": student_id})
    db.execute("DELETE FROM guardian WHERE student_id = :id", {"id": student_id})
    _write_children(db, student_id, draft)


def _write_children(db: Database, student_id: int, draft: StudentDraft) -> None:
    if draft.placements:
        db.executemany(
            "INSERT INTO student_class (student_id, year_start, rombel, grade, "
            "homeroom_teacher, search_key) VALUES (:sid, :year, :rombel, :grade, :teacher, :key)",
            [
                {
                    "sid": student_id,
                    "year": p.academic_year.start,
                    "rombel": " ".join(p.rombel.split()),
                    "grade": None if p.grade is None else int(p.grade),
                    "teacher": p.homeroom_teacher,
                    "key": rombel_search_key(p.rombel),
                }
                for p in draft.placements
            ],
        )
    if draft.guardians:
        db.executemany(
            "INSERT INTO guardian (student_id, position, name, relation, phone) "
            "VALUES (:sid, :pos, :name, :relation, :phone)",
            [
                {
                    "sid": student_id,
                    "pos": index,
                    "name": g.name,
                    "relation": g.relation.value,
                    "phone": g.phone,
                }
                for index, g in enumerate(draft.guardians)
            ],
        )


# -- reading whole records ---------------------------------------------------------------------


def _chunks(ids: Sequence[int]) -> Iterable[tuple[str, dict[str, int]]]:
    for start in range(0, len(ids), _CHUNK):
        part = ids[start : start + _CHUNK]
        names = [f":i{n}" for n in range(len(part))]
        yield ", ".join(names), {f"i{n}": value for n, value in enumerate(part)}


def _student_from(row: Row, placements: Sequence[Row], guardians: Sequence[Row]) -> Student:
    return Student(
        id=int(row["id"]),
        name=row["name"],
        nis=row["nis"],
        nisn=row["nisn"],
        nik=row["nik"],
        no_kk=row["no_kk"],
        sex=None if row["sex"] is None else Sex(row["sex"]),
        birth_place=row["birth_place"],
        birth_date=None if row["birth_date"] is None else date.fromisoformat(row["birth_date"]),
        religion=None if row["religion"] is None else Religion(row["religion"]),
        address=row["address"],
        phone=row["phone"],
        placements=tuple(
            ClassPlacement(AcademicYear(int(p["year_start"])), p["rombel"], p["homeroom_teacher"])
            for p in placements
        ),
        guardians=tuple(
            Guardian(g["name"], GuardianRelation(g["relation"]), g["phone"]) for g in guardians
        ),
        status=StudentStatus(row["status"]),
        status_date=(
            None if row["status_date"] is None else date.fromisoformat(row["status_date"])
        ),
        notes=row["notes"],
    )


def load_students(db: Database, ids: Sequence[int] | None = None) -> list[Student]:
    """Whole records; all students when ``ids`` is ``None`` (import planning needs them all)."""
    if ids is None:
        rows = db.all("SELECT * FROM student ORDER BY id")
        classes = db.all("SELECT * FROM student_class ORDER BY student_id, year_start")
        guardians = db.all("SELECT * FROM guardian ORDER BY student_id, position")
    else:
        rows, classes, guardians = [], [], []
        for names, params in _chunks(list(ids)):
            rows += db.all(f"SELECT * FROM student WHERE id IN ({names})", params)
            classes += db.all(
                f"SELECT * FROM student_class WHERE student_id IN ({names}) "
                "ORDER BY student_id, year_start",
                params,
            )
            guardians += db.all(
                f"SELECT * FROM guardian WHERE student_id IN ({names}) "
                "ORDER BY student_id, position",
                params,
            )
    by_class: dict[int, list[Row]] = {}
    for row in classes:
        by_class.setdefault(int(row["student_id"]), []).append(row)
    by_guardian: dict[int, list[Row]] = {}
    for row in guardians:
        by_guardian.setdefault(int(row["student_id"]), []).append(row)
    return [
        _student_from(r, by_class.get(int(r["id"]), []), by_guardian.get(int(r["id"]), []))
        for r in rows
    ]


def load_student(db: Database, student_id: int) -> Student | None:
    found = load_students(db, [student_id])
    return found[0] if found else None


def owner_of(db: Database, column: str, value: str) -> int | None:
    """The id of the student holding ``value`` in ``column`` (nis, nisn or nik), if any."""
    if column not in {"nis", "nisn", "nik"}:
        raise ValueError(column)
    found = db.scalar(
        f"SELECT id FROM student WHERE {column} = :v AND {column} <> '' ORDER BY id LIMIT 1",
        {"v": value},
    )
    return None if found is None else int(found)


def change_marker(db: Database) -> tuple[int, int, str]:
    """Changes whenever a student is added or edited: (count, highest id, last update)."""
    row = db.one(
        "SELECT count(*), coalesce(max(id), 0), coalesce(max(updated_at), '') FROM student"
    )
    assert row is not None
    return int(row[0]), int(row[1]), str(row[2])


# -- the list ----------------------------------------------------------------------------------


class StudentSort(StrEnum):
    NAME = "name"
    NIS = "nis"
    NISN = "nisn"
    CLASS = "class"
    STATUS = "status"


_ORDER = {
    StudentSort.NAME: ("s.name_key {d}", "s.id {d}"),
    StudentSort.NIS: ("s.nis = '' ", "s.nis {d}", "s.name_key", "s.id"),
    StudentSort.NISN: ("s.nisn = ''", "s.nisn {d}", "s.name_key", "s.id"),
    StudentSort.CLASS: (
        "c.rombel IS NULL",
        "c.grade {d}",
        "c.rombel COLLATE NOCASE {d}",
        "s.name_key",
        "s.id",
    ),
    StudentSort.STATUS: ("s.status {d}", "s.name_key", "s.id"),
}


@dataclass(frozen=True)
class StudentQuery:
    """One list request: typed text, filters and sort. ``year`` picks the rombel shown."""

    year: AcademicYear
    text: str = ""
    rombel: str | None = None
    grade: Grade | None = None
    status: StudentStatus | None = None
    sort: StudentSort = StudentSort.NAME
    descending: bool = False
    # Only students an import left warnings about (``student_import_warning``).
    needs_check: bool = False


def search_sql(query: StudentQuery) -> tuple[str, dict[str, Any]]:
    """The one statement that lists matching student ids in display order.

    Each typed word must start a word of the student's name, NIS or NISN, or of the rombel of
    ``query.year``. With no rombel/grade filter the class is a LEFT JOIN, so students without a
    class that year still appear.
    """
    params: dict[str, Any] = {"year": query.year.start}
    where: list[str] = []
    if query.status is not None:
        where.append("s.status = :status")
        params["status"] = query.status.value
    if query.needs_check:
        where.append("s.id IN (SELECT student_id FROM student_import_warning)")
    if query.rombel is not None:
        where.append("c.rombel = :rombel")
        params["rombel"] = query.rombel
    if query.grade is not None:
        where.append("c.grade = :grade")
        params["grade"] = int(query.grade)
    for index, token in enumerate(search_tokens(query.text)):
        params[f"t{index}"] = f" {token}"
        where.append(f"(instr(s.search_text, :t{index}) > 0 OR instr(c.search_key, :t{index}) > 0)")
    join = "JOIN" if query.rombel is not None or query.grade is not None else "LEFT JOIN"
    direction = "DESC" if query.descending else "ASC"
    order = ", ".join(part.format(d=direction) for part in _ORDER[query.sort])
    sql = (
        f"SELECT s.id FROM student s {join} student_class c "
        "ON c.student_id = s.id AND c.year_start = :year"
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY {order}"
    )
    return sql, params


def search_ids(db: Database, query: StudentQuery) -> list[int]:
    sql, params = search_sql(query)
    return [row[0] for row in db.execute(sql, params).fetchall()]


@dataclass(frozen=True)
class StudentRow:
    """What one line of the student list shows."""

    id: int
    name: str
    nis: str
    nisn: str
    sex: Sex | None
    birth_date: date | None
    status: StudentStatus
    rombel: str
    grade: Grade | None
    homeroom_teacher: str


def rows(db: Database, ids: Sequence[int], year: AcademicYear) -> list[StudentRow]:
    """The rows of ``ids`` in the order given; unknown ids are left out."""
    found: dict[int, StudentRow] = {}
    for names, params in _chunks(list(ids)):
        params_with_year: dict[str, Any] = {**params, "year": year.start}
        for r in db.all(
            "SELECT s.id, s.name, s.nis, s.nisn, s.sex, s.birth_date, s.status, "
            "c.rombel, c.grade, c.homeroom_teacher FROM student s LEFT JOIN student_class c "
            f"ON c.student_id = s.id AND c.year_start = :year WHERE s.id IN ({names})",
            params_with_year,
        ):
            found[int(r["id"])] = StudentRow(
                id=int(r["id"]),
                name=r["name"],
                nis=r["nis"],
                nisn=r["nisn"],
                sex=None if r["sex"] is None else Sex(r["sex"]),
                birth_date=None if r["birth_date"] is None else date.fromisoformat(r["birth_date"]),
                status=StudentStatus(r["status"]),
                rombel=r["rombel"] or "",
                grade=None if r["grade"] is None else Grade(int(r["grade"])),
                homeroom_teacher=r["homeroom_teacher"] or "",
            )
    return [found[i] for i in ids if i in found]


def rombels(db: Database, year: AcademicYear) -> list[tuple[str, Grade | None, int]]:
    """(rombel, grade, number of students) of one year, for the class filter."""
    return [
        (r[0], None if r[1] is None else Grade(int(r[1])), int(r[2]))
        for r in db.all(
            "SELECT rombel, grade, count(*) FROM student_class WHERE year_start = :year "
            "GROUP BY rombel ORDER BY grade IS NULL, grade, rombel COLLATE NOCASE",
            {"year": year.start},
        )
    ]


def count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM student"))


# -- academic terms ----------------------------------------------------------------------------


def load_terms(db: Database) -> list[Term]:
    return [
        Term(
            AcademicYear(int(r["year_start"])),
            Semester(r["semester"]),
            SemesterDates(date.fromisoformat(r["start_date"]), date.fromisoformat(r["end_date"])),
        )
        for r in db.all("SELECT * FROM academic_term ORDER BY start_date")
    ]


def save_term(db: Database, term: Term) -> None:
    db.execute(
        "INSERT INTO academic_term (year_start, semester, start_date, end_date) "
        "VALUES (:year, :semester, :start, :end) ON CONFLICT (year_start, semester) "
        "DO UPDATE SET start_date = excluded.start_date, end_date = excluded.end_date",
        {
            "year": term.year.start,
            "semester": term.semester.value,
            "start": term.dates.start.isoformat(),
            "end": term.dates.end.isoformat(),
        },
    )


def delete_term(db: Database, year: AcademicYear, semester: Semester) -> bool:
    cursor = db.execute(
        "DELETE FROM academic_term WHERE year_start = :year AND semester = :semester",
        {"year": year.start, "semester": semester.value},
    )
    return bool(cursor.rowcount)
