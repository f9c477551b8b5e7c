"""Step 3: clean the text already stored by the rules every service now applies on the way in.

Before this step a name could hold terminal escapes, NUL, direction overrides or a decomposed
"é" (issue 9, item 12). Each free-text column is passed through ``domain.text``: one-line
fields through ``clean_line``, notes and reasons through ``clean_text``. The columns derived
from a name (``name_key``, ``search_text``, a rombel's ``search_key`` and grade) are computed
again, so search and sorting match the cleaned names. Only rows that change are written.

Lengths are not cut here: a stored note longer than the new limit is the counsellor's own
text and stays whole; the form asks to shorten it at the next edit. A name or rombel that
held nothing but control characters becomes "(tanpa nama)", because those columns may not
be empty. The audit log is append-only and holds no free text, so it is left alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from bk_desktop.domain.academic import grade_from_rombel
from bk_desktop.domain.students import name_key
from bk_desktop.domain.text import clean_line, clean_text
from bk_desktop.storage.database import Database

Clean = Callable[[str], str]
NO_NAME = "(tanpa nama)"


def _required_line(text: str) -> str:
    return clean_line(text) or NO_NAME


def _words(*texts: str) -> str:
    """ " word word …" as the student list searches it (``students_repo``)."""
    return "".join(f" {word}" for word in " ".join(texts).split())


# (table, key column, {column: cleaner}); key "rowid" for ordinary tables.
_COLUMNS: tuple[tuple[str, str, Mapping[str, Clean]], ...] = (
    ("account", "rowid", {"name": _required_line}),
    (
        "guardian",
        "rowid",
        {"name": clean_line, "phone": clean_line},
    ),
    (
        "request",
        "rowid",
        {
            "referrer_name": clean_line,
            "referrer_role": clean_line,
            "backdate_reason": clean_text,
            "reason": lambda text: clean_text(text) or "-",
            "assent_note": clean_text,
        },
    ),
    ("request_event", "rowid", {"reason": clean_text}),
    (
        "screening",
        "rowid",
        {
            "symptoms": clean_text,
            "causes": clean_text,
            "root_cause": clean_text,
            "reason": clean_text,
            "notes": clean_text,
        },
    ),
    (
        "referral",
        "rowid",
        {"target_name": clean_line, "reason": clean_text, "shared_information": clean_text},
    ),
)

_SETTING_LINES = (
    "school_name",
    "city",
    "principal_name",
    "government_line",
    "agency_line",
    "address_line",
)
_SETTING_TEXTS = ("emergency_protocol",)


def migrate(db: Database) -> None:
    for table, key, columns in _COLUMNS:
        _clean_table(db, table, key, columns)
    _clean_students(db)
    _clean_classes(db)
    _clean_settings(db)


def _clean_table(db: Database, table: str, key: str, columns: Mapping[str, Clean]) -> None:
    names = list(columns)
    select = ", ".join(names)
    for row in db.all(f"SELECT {key} AS k, {select} FROM {table}"):
        changed = {
            name: cleaned
            for name in names
            if (cleaned := columns[name](str(row[name]))) != row[name]
        }
        if changed:
            sets = ", ".join(f"{name} = :{name}" for name in changed)
            db.execute(
                f"UPDATE {table} SET {sets} WHERE {key} = :k",
                {**changed, "k": row["k"]},
            )


def _clean_students(db: Database) -> None:
    rows = db.all(
        "SELECT id, name, name_key, search_text, nis, nisn, birth_place, address, phone, notes "
        "FROM student"
    )
    for row in rows:
        name = _required_line(str(row["name"]))
        values = {
            "name": name,
            "name_key": name_key(name),
            "search_text": _words(name_key(name), name_key(str(row["nis"])), str(row["nisn"])),
            "birth_place": clean_line(str(row["birth_place"])),
            "address": clean_text(str(row["address"])),
            "phone": clean_line(str(row["phone"])),
            "notes": clean_text(str(row["notes"])),
        }
        if any(value != row[column] for column, value in values.items()):
            db.execute(
                "UPDATE student SET name = :name, name_key = :name_key, "
                "search_text = :search_text, birth_place = :birth_place, address = :address, "
                "phone = :phone, notes = :notes WHERE id = :id",
                {**values, "id": row["id"]},
            )


def _clean_classes(db: Database) -> None:
    rows = db.all("SELECT student_id, year_start, rombel, homeroom_teacher FROM student_class")
    for row in rows:
        rombel = _required_line(str(row["rombel"]))
        teacher = clean_line(str(row["homeroom_teacher"]))
        if rombel == row["rombel"] and teacher == row["homeroom_teacher"]:
            continue
        grade = grade_from_rombel(rombel)
        db.execute(
            "UPDATE student_class SET rombel = :rombel, homeroom_teacher = :teacher, "
            "grade = :grade, search_key = :key WHERE student_id = :sid AND year_start = :year",
            {
                "rombel": rombel,
                "teacher": teacher,
                "grade": None if grade is None else int(grade),
                "key": _words(name_key(rombel)),
                "sid": row["student_id"],
                "year": row["year_start"],
            },
        )


def _clean_settings(db: Database) -> None:
    cleaners: dict[str, Clean] = dict.fromkeys(_SETTING_LINES, clean_line)
    cleaners.update(dict.fromkeys(_SETTING_TEXTS, clean_text))
    for row in db.all("SELECT key, value FROM setting"):
        clean = cleaners.get(str(row["key"]))
        if clean is None:
            continue
        try:
            value = json.loads(row["value"])
        except ValueError:
            continue
        if isinstance(value, str) and clean(value) != value:
            db.execute(
                "UPDATE setting SET value = :value WHERE key = :key",
                {"key": row["key"], "value": json.dumps(clean(value))},
            )
