"""Decide, before anything is written, what an import would do to the registry.

Each file row is matched to a registered student by NISN, else NIK, else name and birth date
(``StudentIdentity``). A matched student is *updated* only when the file brings a value that
differs from what is stored; an empty or refused cell in the file never erases stored data
(a NIK dropped because Excel rounded it must not wipe the correct NIK typed earlier). Because of
that, importing the same file twice gives 0 additions and 0 updates the second time.

Fields the counsellor owns — enrolment status, notes already written, last year's rombel — are
not touched by an import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from bk_desktop.domain.students import (
    ClassPlacement,
    Guardian,
    Student,
    StudentDraft,
    StudentIdentity,
    name_key,
)
from bk_desktop.importers.students_import import ImportWarning, ParsedImport


class PlanAction(StrEnum):
    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    SKIP = "skip"

    @property
    def label(self) -> str:
        return {
            PlanAction.ADD: "Ditambahkan",
            PlanAction.UPDATE: "Diperbarui",
            PlanAction.UNCHANGED: "Tidak berubah",
            PlanAction.SKIP: "Dilewati",
        }[self]


@dataclass(frozen=True)
class ExistingStudentKey:
    """A registered student as the planner needs it: its id and what is stored now."""

    student_id: int
    current: StudentDraft

    @classmethod
    def of(cls, student: Student) -> ExistingStudentKey:
        return cls(student.id, student)

    @property
    def identity(self) -> StudentIdentity:
        return StudentIdentity.of(self.current)


@dataclass(frozen=True)
class PlannedRow:
    """What will happen to one file row. ``result`` is the record to write (for ADD and
    UPDATE) or the stored one (UNCHANGED); ``changed_fields`` names what an UPDATE changes."""

    row_number: int
    action: PlanAction
    result: StudentDraft
    student_id: int | None = None
    changed_fields: tuple[str, ...] = ()
    matched_by: str = ""


@dataclass(frozen=True)
class ImportPlan:
    rows: tuple[PlannedRow, ...]
    warnings: tuple[ImportWarning, ...]
    skipped: int

    def _count(self, action: PlanAction) -> int:
        return sum(1 for row in self.rows if row.action is action)

    @property
    def added(self) -> int:
        return self._count(PlanAction.ADD)

    @property
    def updated(self) -> int:
        return self._count(PlanAction.UPDATE)

    @property
    def unchanged(self) -> int:
        return self._count(PlanAction.UNCHANGED)

    @property
    def has_changes(self) -> bool:
        return self.added + self.updated > 0

    def summary(self) -> str:
        """One line for the preview: "12 ditambahkan, 3 diperbarui, 200 tidak berubah, …"."""
        return (
            f"{self.added} ditambahkan, {self.updated} diperbarui, "
            f"{self.unchanged} tidak berubah, {self.skipped} dilewati, "
            f"{len(self.warnings)} peringatan"
        )


_SCALARS = (
    "name",
    "nis",
    "nisn",
    "nik",
    "no_kk",
    "sex",
    "birth_place",
    "birth_date",
    "religion",
    "address",
    "phone",
)


def merge_into(current: StudentDraft, incoming: StudentDraft) -> tuple[StudentDraft, list[str]]:
    """``current`` updated with every non-empty value of ``incoming``; also the changed fields.

    A name that differs only in case, spacing or punctuation is kept as stored. Rombel: the
    file's placement replaces the one of the same academic year only. Guardians are
    matched by relation; a guardian's stored phone survives a file without phones. Notes are
    only filled in when none were written yet.
    """
    changes: dict[str, object] = {}
    for name in _SCALARS:
        value = getattr(incoming, name)
        if value not in ("", None) and value != getattr(current, name):
            changes[name] = value
    if "name" in changes and name_key(incoming.name) == name_key(current.name):
        # "ANI LESTARI" from Dapodik must not overwrite the "Ani Lestari" a counsellor typed.
        del changes["name"]
    if incoming.notes and not current.notes:
        changes["notes"] = incoming.notes

    placements = list(current.placements)
    for placement in incoming.placements:
        position = next(
            (i for i, p in enumerate(placements) if p.academic_year == placement.academic_year),
            None,
        )
        if position is None:
            placements.append(placement)
        else:
            placements[position] = _merge_placement(placements[position], placement)
    if tuple(placements) != current.placements:
        changes["placements"] = tuple(placements)

    guardians = list(current.guardians)
    for guardian in incoming.guardians:
        index = next((i for i, g in enumerate(guardians) if g.relation is guardian.relation), None)
        if index is None:
            guardians.append(guardian)
        else:
            merged_guardian = Guardian(
                guardian.name, guardian.relation, guardian.phone or guardians[index].phone
            )
            guardians[index] = merged_guardian
    if tuple(guardians) != current.guardians:
        changes["guardians"] = tuple(guardians)

    if not changes:
        return current, []
    return replace(current, **changes), list(changes)  # type: ignore[arg-type]


def _merge_placement(current: ClassPlacement, incoming: ClassPlacement) -> ClassPlacement:
    return ClassPlacement(
        incoming.academic_year,
        incoming.rombel,
        incoming.homeroom_teacher or current.homeroom_teacher,
    )


class _Index:
    """Lookups over the registry plus the rows already planned, so two file rows cannot claim
    the same NIS or NIK."""

    def __init__(self, existing: Sequence[ExistingStudentKey]) -> None:
        self.by_nisn: dict[str, list[ExistingStudentKey]] = {}
        self.by_nik: dict[str, list[ExistingStudentKey]] = {}
        self.by_person: dict[tuple[str, date], list[ExistingStudentKey]] = {}
        self.nis_owner: dict[str, int | None] = {}
        self.nik_owner: dict[str, int | None] = {}
        for entry in existing:
            identity = entry.identity
            if identity.nisn:
                self.by_nisn.setdefault(identity.nisn, []).append(entry)
            if identity.nik:
                self.by_nik.setdefault(identity.nik, []).append(entry)
                self.nik_owner.setdefault(identity.nik, entry.student_id)
            person = identity.name_and_birth
            if person is not None:
                self.by_person.setdefault(person, []).append(entry)
            if entry.current.nis:
                self.nis_owner.setdefault(entry.current.nis, entry.student_id)

    def match(self, identity: StudentIdentity) -> tuple[list[ExistingStudentKey], str]:
        if identity.nisn and identity.nisn in self.by_nisn:
            return self.by_nisn[identity.nisn], "NISN"
        if identity.nik and identity.nik in self.by_nik:
            return self.by_nik[identity.nik], "NIK"
        person = identity.name_and_birth
        if person is not None and person in self.by_person:
            candidates = [
                entry
                for entry in self.by_person[person]
                if not identity.conflicts_with(entry.identity)
            ]
            return candidates, "nama dan tanggal lahir"
        return [], ""


def plan_import(parsed: ParsedImport, existing: Sequence[ExistingStudentKey]) -> ImportPlan:
    """Add, update, leave or skip each parsed row; the parse warnings are carried along."""
    index = _Index(existing)
    warnings = list(parsed.warnings)
    skipped = parsed.skipped
    planned: list[PlannedRow] = []
    claimed: dict[int, int] = {}

    for row in parsed.rows:
        draft = row.draft

        def warn(message: str, row_number: int = row.row_number, name: str = draft.name) -> None:
            warnings.append(ImportWarning(row_number, name, message))

        candidates, matched_by = index.match(StudentIdentity.of(draft))
        if len(candidates) > 1:
            warn(
                f"Cocok dengan {len(candidates)} siswa tersimpan (menurut {matched_by}); "
                "periksa data ganda secara manual. Baris dilewati."
            )
            skipped += 1
            continue
        target = candidates[0] if candidates else None
        student_id = target.student_id if target is not None else None
        if student_id is not None and student_id in claimed:
            warn(
                f"Siswa yang sama sudah diperbarui dari baris {claimed[student_id]}. "
                "Baris dilewati."
            )
            skipped += 1
            continue

        draft = _release_taken(draft, student_id, index, warn)
        if target is None:
            planned.append(PlannedRow(row.row_number, PlanAction.ADD, draft))
        else:
            claimed[target.student_id] = row.row_number
            merged, changed = merge_into(target.current, draft)
            for label, field in (("NISN", "nisn"), ("NIK", "nik")):
                old = getattr(target.current, field)
                if field in changed and old:
                    warn(f"{label} tersimpan {old} akan diganti dengan {getattr(draft, field)}.")
            action = PlanAction.UPDATE if changed else PlanAction.UNCHANGED
            planned.append(
                PlannedRow(
                    row.row_number,
                    action,
                    merged,
                    target.student_id,
                    tuple(changed),
                    matched_by,
                )
            )
        if draft.nis:
            index.nis_owner.setdefault(draft.nis, student_id)
        if draft.nik:
            index.nik_owner.setdefault(draft.nik, student_id)

    return ImportPlan(tuple(planned), tuple(warnings), skipped)


def _taken(owners: dict[str, int | None], value: str, student_id: int | None) -> bool:
    """Whether ``value`` belongs to someone other than ``student_id`` (``None`` as owner is a
    student added earlier in this same file)."""
    if value not in owners:
        return False
    owner = owners[value]
    return owner is None or owner != student_id


def _release_taken(
    draft: StudentDraft,
    student_id: int | None,
    index: _Index,
    warn: Callable[[str], None],
) -> StudentDraft:
    """Drop a NIS or NIK that already belongs to someone else: both must stay unique."""
    if draft.nis and _taken(index.nis_owner, draft.nis, student_id):
        warn(f"NIS {draft.nis} sudah dipakai siswa lain; NIS tidak diimpor.")
        draft = replace(draft, nis="")
    if draft.nik and _taken(index.nik_owner, draft.nik, student_id):
        warn(f"NIK {draft.nik} sudah dipakai siswa lain; NIK tidak diimpor.")
        draft = replace(draft, nik="")
    return draft
