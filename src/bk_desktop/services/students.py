"""The student registry and the school's academic terms.

Public API (the Siswa tab and Pengaturan code against this)::

    StudentService(workspace)
        create(draft: StudentDraft) -> int                       # raises StudentInvalid
        update(student_id: int, draft: StudentDraft) -> None     # raises StudentInvalid
        get(student_id: int) -> Student                          # KnownError if unknown
        search_ids(text: str = "", filters: StudentFilters | None = None,
                   sort: StudentSort = StudentSort.NAME, descending: bool = False) -> list[int]
        rows(ids: Sequence[int], year: AcademicYear | None = None) -> list[StudentRow]
        rombels(year: AcademicYear | None = None) -> list[RombelOption]
        count() -> int

    TermService(workspace)
        current() -> Term                      # today's term, or the one chosen in Pengaturan
        terms() -> list[Term]                  # configured by the school, by start date
        save_terms(terms: Sequence[Term]) -> None   # replaces all; ValidationError("terms")
        choose_current(term: Term | None) -> None   # None: derive from today's date again

The list is made for an id-backed lazy table model: call ``search_ids`` on every keystroke
(one SQL statement, ids in display order) and ``rows`` for the rows the view shows.
``StudentInvalid`` is a ``ValidationError`` whose ``errors`` hold every problem, each tagged
with its field ("name", "nis", "placements[0].rombel", …), so a form can mark them all at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date

from bk_desktop.domain.academic import (
    AcademicYear,
    Grade,
    Semester,
    Term,
    current_term,
    validate_terms,
)
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.identifiers import normalize_nik, normalize_nis, normalize_nisn
from bk_desktop.domain.settings import parse_term_key, term_key
from bk_desktop.domain.students import (
    Student,
    StudentDraft,
    StudentStatus,
)
from bk_desktop.domain.visibility import require_counsellor
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import settings_repo, students_repo
from bk_desktop.storage.students_repo import StudentQuery, StudentRow, StudentSort

__all__ = [
    "RombelOption",
    "StudentFilters",
    "StudentInvalid",
    "StudentRow",
    "StudentService",
    "StudentSort",
    "TermService",
    "normalized",
]


class StudentInvalid(ValidationError):
    """All problems of a student form; ``message``/``field`` are the first one's."""

    def __init__(self, errors: Sequence[ValidationError]) -> None:
        super().__init__(errors[0].message, errors[0].field)
        self.errors = list(errors)


@dataclass(frozen=True)
class StudentFilters:
    """Filters of the list. ``year`` chooses whose rombel is shown and filtered (default: the
    current term's year)."""

    rombel: str | None = None
    grade: Grade | None = None
    status: StudentStatus | None = None
    year: AcademicYear | None = None
    needs_check: bool = False  # "Perlu diperiksa": an import left warnings about them


@dataclass(frozen=True)
class RombelOption:
    rombel: str
    grade: Grade | None
    students: int


def normalized(draft: StudentDraft) -> StudentDraft:
    """Identifiers reduced to what is stored; text cleaned by the domain's rules
    (``StudentDraft.cleaned``: no control characters, names on one line, NFC)."""
    clean = draft.cleaned()
    return replace(
        clean,
        nis=normalize_nis(clean.nis),
        nisn=normalize_nisn(clean.nisn),
        nik=normalize_nik(clean.nik),
        no_kk=normalize_nik(clean.no_kk),
    )


def _student_fields() -> tuple[str, ...]:
    return tuple(f.name for f in fields(StudentDraft))


class StudentService:
    def __init__(self, workspace: Workspace) -> None:
        require_counsellor(workspace.viewer)  # students and notes: not the kepala sekolah
        self.workspace = workspace

    # -- helpers shared with the other student services ------------------------------------

    def today(self) -> date:
        return self.workspace.now().astimezone(self.workspace.settings().zone).date()

    def current_year(self) -> AcademicYear:
        return TermService(self.workspace).current().year

    def _problems(self, draft: StudentDraft, student_id: int | None) -> list[ValidationError]:
        db = self.workspace.db
        taken_nis: set[str] = set()
        if draft.nis:
            owner = students_repo.owner_of(db, "nis", draft.nis)
            if owner is not None and owner != student_id:
                taken_nis.add(draft.nis)
        errors = draft.validate(self.today(), taken_nis)
        fields_with_errors = {e.field for e in errors}
        for column, label in (("nisn", "NISN"), ("nik", "NIK")):
            value = getattr(draft, column)
            if not value or column in fields_with_errors:
                continue
            owner = students_repo.owner_of(db, column, value)
            if owner is not None and owner != student_id:
                errors.append(ValidationError(f"{label} {value} sudah dipakai siswa lain.", column))
        return errors

    # -- writes ------------------------------------------------------------------------------

    def create(self, draft: StudentDraft) -> int:
        """Register a student; ``StudentInvalid`` lists every problem (duplicate NIS too)."""
        clean = normalized(draft)
        db = self.workspace.db
        with db.transaction():
            errors = self._problems(clean, None)
            if errors:
                raise StudentInvalid(errors)
            student_id = students_repo.insert_student(db, clean, self.workspace.now())
            self.workspace.audit(
                AuditKind.STUDENT_CREATED, target_kind="student", target_id=str(student_id)
            )
        return student_id

    def update(self, student_id: int, draft: StudentDraft) -> None:
        """Store an edited student; the audit names the changed fields, never their values."""
        clean = normalized(draft)
        db = self.workspace.db
        with db.transaction():
            current = students_repo.load_student(db, student_id)
            if current is None:
                raise KnownError("Siswa ini tidak ditemukan; mungkin sudah dihapus.")
            errors = self._problems(clean, student_id)
            if errors:
                raise StudentInvalid(errors)
            changed = [
                name for name in _student_fields() if getattr(current, name) != getattr(clean, name)
            ]
            if not changed:
                return
            students_repo.update_student(db, student_id, clean, self.workspace.now())
            self.workspace.audit(
                AuditKind.STUDENT_UPDATED,
                target_kind="student",
                target_id=str(student_id),
                detail=",".join(changed),
            )

    # -- reads -------------------------------------------------------------------------------

    def get(self, student_id: int) -> Student:
        student = students_repo.load_student(self.workspace.db, student_id)
        if student is None:
            raise KnownError("Siswa ini tidak ditemukan; mungkin sudah dihapus.")
        return student

    def query(
        self,
        text: str = "",
        filters: StudentFilters | None = None,
        sort: StudentSort = StudentSort.NAME,
        descending: bool = False,
    ) -> StudentQuery:
        """The query ``search_ids`` runs (exposed so the benchmark can time the bare SQL)."""
        chosen = filters or StudentFilters()
        return StudentQuery(
            year=chosen.year or self.current_year(),
            text=text,
            rombel=chosen.rombel,
            grade=chosen.grade,
            status=chosen.status,
            needs_check=chosen.needs_check,
            sort=sort,
            descending=descending,
        )

    def search_ids(
        self,
        text: str = "",
        filters: StudentFilters | None = None,
        sort: StudentSort = StudentSort.NAME,
        descending: bool = False,
    ) -> list[int]:
        """Ids of the students matching every typed word (start of a word of the name, NIS,
        NISN or rombel) and the filters, in display order."""
        return students_repo.search_ids(
            self.workspace.db, self.query(text, filters, sort, descending)
        )

    def rows(self, ids: Sequence[int], year: AcademicYear | None = None) -> list[StudentRow]:
        """The rows of ``ids`` (those a view shows), in the given order."""
        return students_repo.rows(self.workspace.db, ids, year or self.current_year())

    def rombels(self, year: AcademicYear | None = None) -> list[RombelOption]:
        """The classes of a year with their grade and size, for the class filter."""
        return [
            RombelOption(name, grade, size)
            for name, grade, size in students_repo.rombels(
                self.workspace.db, year or self.current_year()
            )
        ]

    def count(self) -> int:
        return students_repo.count(self.workspace.db)


class TermService:
    """Semesters as the school dated them, and which one is current."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def terms(self) -> list[Term]:
        return list(self.workspace.terms())

    def current(self) -> Term:
        """The term chosen in Pengaturan, else the one today's date (school zone) falls in."""
        settings = self.workspace.settings()
        configured = self.terms()
        chosen = parse_term_key(settings.current_term_override)
        if chosen is not None:
            for term in configured:
                if term.key == chosen:
                    return term
            return Term.default(*chosen)
        today = self.workspace.now().astimezone(settings.zone).date()
        return current_term(today, configured)

    def save_terms(self, terms: Sequence[Term]) -> None:
        """Replace the configured terms; ``ValidationError`` (field "terms") on overlaps."""
        errors = validate_terms(terms)
        if errors:
            raise errors[0]
        if sorted(terms, key=lambda t: t.key) == sorted(self.terms(), key=lambda t: t.key):
            return
        db = self.workspace.db
        with db.transaction():
            wanted = {t.key for t in terms}
            for old in students_repo.load_terms(db):
                if old.key not in wanted:
                    students_repo.delete_term(db, old.year, old.semester)
            for term in terms:
                students_repo.save_term(db, term)
            self.workspace.audit(AuditKind.ACADEMIC_TERM_CHANGED, detail=str(len(terms)))

    def choose_current(self, term: Term | tuple[AcademicYear, Semester] | None) -> None:
        """Fix the current term by hand (Pengaturan), or ``None`` to derive it from the date."""
        if isinstance(term, Term):
            key = term_key(term.year, term.semester)
        elif term is None:
            key = ""
        else:
            key = term_key(*term)
        if key == self.workspace.settings().current_term_override:
            return
        db = self.workspace.db
        with db.transaction():
            settings_repo.set_value(db, "current_term_override", key)
            self.workspace.audit(AuditKind.SETTINGS_CHANGED, detail="current_term_override")
