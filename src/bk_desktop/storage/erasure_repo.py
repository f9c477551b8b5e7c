"""What belongs to one student, and how it is anonymised, erased and remembered (schema step 19).

``PARTS`` is the one list of the tables holding a student's records and how each hangs from
its parent; ``collect`` walks it from the student row. A table added later that holds a
student's records (``student_id`` or a foreign key into one of these tables) must be added
here: ``tests/services/test_erasure.py`` reads the schema and fails until it is.

The ledger of erasures lives in three places: the ``erasure_ledger`` table, a small file beside
the vault (``LEDGER_FILE``) and a member of every backup written afterwards
(``storage/backup_archive.py``). The file and the member carry the vault id and an HMAC under a
key derived from the vault's master key, so entries are only ever applied to backups of the
vault that wrote them, and a file someone edited is ignored rather than obeyed.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bk_desktop.domain.retention import (
    PLACEHOLDER,
    ErasureMode,
    RecordCount,
    anonymous_name,
    audit_target,
)
from bk_desktop.domain.students import name_key
from bk_desktop.files.atomic import atomic_write
from bk_desktop.storage.database import Database, in_values
from bk_desktop.storage.paths import VaultPaths

LEDGER_FILE = "bk-desktop.erasures.json"
LEDGER_FORMAT = "bk-desktop-erasures"
_MAC_LABEL = b"bk-desktop erasure ledger v1"


@dataclass(frozen=True)
class Part:
    """Rows of ``table`` whose ``column`` holds an id collected for ``parent``."""

    table: str
    parent: str
    column: str
    id_column: str = "id"


PARTS: tuple[Part, ...] = (
    Part("student_class", "student", "student_id", id_column="year_start"),
    Part("guardian", "student", "student_id"),
    Part("student_import_warning", "student", "student_id"),
    Part("consent", "student", "student_id"),
    Part("consent_scan", "consent", "consent_id", id_column="consent_id"),
    Part("request", "student", "student_id"),
    Part("request_event", "request", "request_id"),
    Part("request_clock", "request", "request_id"),
    Part("screening", "request", "request_id"),
    Part("emergency_action", "request", "request_id"),
    Part("referral", "request", "request_id"),
    Part("referral_event", "referral", "referral_id"),
    Part("counselling_case", "student", "student_id"),
    Part("counselling_session", "request", "request_id"),
    Part("counselling_session", "counselling_case", "case_id"),
    Part("session_alternative", "counselling_session", "session_id"),
    Part("session_addendum", "counselling_session", "session_id"),
    Part("action_item", "counselling_session", "session_id"),
    Part("action_item", "counselling_case", "case_id"),
    Part("follow_up", "counselling_case", "case_id"),
    Part("complaint", "student", "student_id"),
    Part("complaint_action", "complaint", "complaint_id"),
    Part("data_request", "student", "student_id"),
    Part("data_request_redaction", "data_request", "data_request_id"),
    # The link only: the incident (and how many students it concerned) is the school's.
    Part("incident_student", "student", "student_id", id_column="incident_id"),
)
"""Parents before children, so one pass in this order collects everything."""

HANDLED_TABLES = frozenset(
    {"student", "letter", "draft", "synthetic_record", "audit_event", "erasure_ledger"}
    | {p.table for p in PARTS}
)
"""Every table an erasure looks at. ``erasure_ledger`` holds the erased student's old row id,
never anything else about them."""

_ERASE_ORDER = (
    "incident_student",
    "data_request_redaction",
    "complaint_action",
    "complaint",
    "follow_up",
    "action_item",
    "session_addendum",
    "session_alternative",
    "counselling_session",
    "referral_event",
    "referral",
    "screening",
    "emergency_action",
    "request_event",
    "request_clock",
    "request",
    "counselling_case",
    "consent_scan",
    "consent",
    "student_import_warning",
    "guardian",
    "student_class",
)
"""Children before parents, so the foreign keys (which stay on) never see a dangling row.
``data_request`` is not here: an erased student's requests stay, anonymised and cut from
them, as the register's proof that the request was answered (``erase``)."""

_E = "''"
_P = "'" + PLACEHOLDER + "'"
_ANONYMISE: Mapping[str, Mapping[str, str]] = {
    "consent": {"person_name": _P, "reason": _E},
    "request": {
        "referrer_name": _E,
        "referrer_role": _E,
        "backdate_reason": _E,
        "reason": _P,
        "assent_note": _E,
    },
    "request_event": {"reason": _E},
    "screening": {
        "symptoms": _E,
        "causes": _E,
        "root_cause": _E,
        "reason": _E,
        "notes": _E,
    },
    "emergency_action": {"actor": _P, "action": _P},
    "referral": {
        "target_name": _E,
        "reason": _E,
        "shared_information": _E,
        "consent_by": _E,
    },
    "referral_event": {"reason": _E},
    "counselling_case": {
        "identification": _E,
        "diagnosis": _E,
        "prognosis": _E,
        "treatment_goal": _E,
        "treatment_approach": _E,
        "treatment_technique": _E,
        "close_reason": _E,
    },
    "counselling_session": {
        "length_reason": _E,
        "place": _E,
        "status_reason": _E,
        "duration_reason": _E,
        "notes": _E,
        "understanding": _E,
        "comfort": _E,
        "action": _E,
        "schedule_reason": _E,
    },
    "session_alternative": {"text": _E},
    "session_addendum": {"text": _P},
    "action_item": {"what": _E, "support": _E},
    "follow_up": {"result": _E},
    "complaint": {
        "sender_name": _E,
        "sender_contact": _E,
        "about_detail": _E,
        "text": _P,
        "channel_other": _E,
        "backdate_reason": _E,
        "public_response": _E,
    },
    "complaint_action": {"text": _E, "backdate_reason": _E},
    "data_request": {
        "requester_name": _E,
        "text": _P,
        "backdate_reason": _E,
        # A refusal or a grant in part must keep a reason (schema CHECK): the placeholder.
        "decision_reason": f"CASE WHEN decision_reason = '' THEN '' ELSE {_P} END",
        "completion_note": _E,
    },
}
_DATA_REQUEST_KEPT = _ANONYMISE["data_request"]
"""The free text of each kept table, and what it becomes. Everything not named here is a
kind, a date, a duration, a count or a link, and stays."""

_ANONYMISE_DELETES = (
    "consent_scan",
    "guardian",
    "student_import_warning",
    "data_request_redaction",
)
"""Rows an anonymisation removes outright: a scan, the guardians, an import's doubts about
an identifier hold nothing a statistic needs."""

_AUDIT_KINDS: Mapping[str, str] = {
    "student": "student",
    "request": "request",
    "screening": "screening",
    "referral": "referral",
    "counselling_case": "case",
    "counselling_session": "session",
    "action_item": "action_item",
    "complaint": "complaint",
    "consent": "consent",
    "data_request": "data_request",
    "letter": "letter",
    "draft": "draft",
}
"""Our table → the ``target_kind`` its audit events use."""

_DRAFT_TARGETS: Mapping[str, str] = {
    "student": "student",
    "consent": "student",
    "assent": "request",
    "schedule": "request",
    "status": "request",
    "screening": "request",
    "session": "counselling_session",
    "complaint_action": "complaint",
    "data_request": "data_request",
}
"""Draft forms whose ``target`` is a record id, and the table of that record
(``domain/drafts.py``); a draft of a new record (target '') is matched by the student id in
its content. ``data_request`` is here although the request stays: a decision reason or
completion note half-typed for it may name the student. Incident drafts are only ever of a new
incident (their students in the content). ``tests/services/test_erasure.py`` fails until a new
form is placed here or named as having no record target."""


@dataclass
class Collected:
    """Ids of a student's rows by table (``student_class`` by its year)."""

    student_id: int
    student_created_at: str
    rows: dict[str, list[int]] = field(default_factory=dict)

    def ids(self, table: str) -> list[int]:
        return self.rows.get(table, [])

    def counts(self) -> list[RecordCount]:
        order = ["student", *dict.fromkeys(p.table for p in PARTS), "letter", "draft"]
        return [RecordCount(t, len(self.ids(t))) for t in order if self.ids(t)]


def _chunks(values: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _select_ids(
    db: Database, sql_head: str, column: str, values: Sequence[int], also: str = "1"
) -> list[int]:
    """``sql_head WHERE also AND column IN values``, in chunks of bound parameters."""
    found: list[int] = []
    for chunk in _chunks(values):
        params: dict[str, Any] = {}
        where = in_values(column, [str(v) for v in chunk], params, "v")
        found += [
            int(r[0]) for r in db.all(f"{sql_head} WHERE {also} AND {where}", _as_ints(params))
        ]
    return found


def _as_ints(params: dict[str, Any]) -> dict[str, Any]:
    return {k: int(v) for k, v in params.items()}


def student_created_at(db: Database, student_id: int) -> str | None:
    value = db.scalar("SELECT created_at FROM student WHERE id = :id", {"id": student_id})
    return None if value is None else str(value)


def collect(db: Database, student_id: int) -> Collected | None:
    """Every row that belongs to the student, or None when there is no such student."""
    created = student_created_at(db, student_id)
    if created is None:
        return None
    found = Collected(student_id, created, {"student": [student_id]})
    for part in PARTS:
        parents = found.ids(part.parent)
        if not parents:
            continue
        ids = _select_ids(db, f"SELECT {part.id_column} FROM {part.table}", part.column, parents)
        known = found.rows.setdefault(part.table, [])
        found.rows[part.table] = sorted(set(known) | set(ids))
    found.rows["letter"] = _letters(db, found)
    found.rows["draft"] = _drafts(db, found)
    return found


def _letters(db: Database, found: Collected) -> list[int]:
    ids = [
        int(r[0])
        for r in db.all(
            "SELECT id FROM letter WHERE target_kind = 'student' AND target_id = :id",
            {"id": found.student_id},
        )
    ]
    ids += _select_ids(
        db, "SELECT id FROM letter", "target_id", found.ids("referral"), "target_kind = 'referral'"
    )
    return sorted(set(ids))


def _drafts(db: Database, found: Collected) -> list[int]:
    ids: list[int] = []
    for row in db.all("SELECT id, form, target, content FROM draft"):
        table = _DRAFT_TARGETS.get(str(row["form"]))
        target = str(row["target"])
        if table is not None and target.isdigit():
            if int(target) in found.ids(table):
                ids.append(int(row["id"]))
        elif _names_student(row["content"], found.student_id):
            ids.append(int(row["id"]))
    return sorted(ids)


def _names_student(content: object, student_id: int) -> bool:
    """Whether a draft's JSON content holds this student's id under a key naming a student
    (``requestStudentId``, ``student_id``, …), alone or in a list (``incidentStudentIds``:
    such a draft goes whole, the other students' ids with it)."""
    try:
        data = json.loads(str(content))
    except ValueError:
        return False
    stack: list[Any] = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                flat = str(key).casefold().replace("_", "")
                if "studentid" in flat and _holds_id(value, student_id):
                    return True
                stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _holds_id(value: object, student_id: int) -> bool:
    ids = value if isinstance(value, list) else [value]
    return any(v in (student_id, str(student_id)) for v in ids if not isinstance(v, bool))


# -- changing ------------------------------------------------------------------------------


def _by_ids(
    db: Database, sql_head: str, column: str, values: Sequence[int], also: str = "1"
) -> None:
    for chunk in _chunks(values):
        params: dict[str, Any] = {}
        where = in_values(column, [str(v) for v in chunk], params, "v")
        db.execute(f"{sql_head} WHERE {also} AND {where}", _as_ints(params))


def anonymise(db: Database, found: Collected, token: str) -> None:
    """Remove names, rombel, identifiers and free text; keep kinds, dates and links."""
    name = anonymous_name(token)
    db.execute(
        "UPDATE student SET name = :name, name_key = :key, nis = '', nisn = '', nik = '', "
        "no_kk = '', birth_place = '', birth_date = NULL, religion = NULL, address = '', "
        "phone = '', notes = '', search_text = :search WHERE id = :id",
        {
            "name": name,
            "key": name_key(name),
            "search": "".join(f" {w}" for w in name_key(name).split()),
            "id": found.student_id,
        },
    )
    # The grade stays (the period report counts by it); the rombel's name becomes the grade.
    db.execute(
        "UPDATE student_class SET rombel = coalesce(CAST(grade AS TEXT), '-'), "
        "homeroom_teacher = '', search_key = ' ' || coalesce(CAST(grade AS TEXT), '-') "
        "WHERE student_id = :sid",
        {"sid": found.student_id},
    )
    for table in _ANONYMISE_DELETES:
        part = next(p for p in PARTS if p.table == table)
        _by_ids(db, f"DELETE FROM {table}", part.id_column, found.ids(table))
    for table, columns in _ANONYMISE.items():
        assignments = ", ".join(f"{column} = {value}" for column, value in columns.items())
        _by_ids(db, f"UPDATE {table} SET {assignments}", "id", found.ids(table))
    _common(db, found)


def erase(db: Database, found: Collected) -> None:
    """Delete the student and every row of theirs; letters keep number and date only.

    Two things stay, saying nothing of the student: a Kotak Saran entry's tracking code,
    marked ``removed`` so it is never given or registered again ("tidak berlaku lagi"), and
    each data request about them — kind, dates, status and decision — with its text
    anonymised and its link to the student cut, so the register still proves it was
    answered."""
    _by_ids(
        db,
        "UPDATE complaint_code SET removed = 1",
        "(SELECT c.id FROM complaint c WHERE c.code = complaint_code.code)",
        found.ids("complaint"),
        "removed = 0",
    )
    assignments = ", ".join(f"{column} = {value}" for column, value in _DATA_REQUEST_KEPT.items())
    _by_ids(
        db,
        f"UPDATE data_request SET student_id = NULL, {assignments}",
        "id",
        found.ids("data_request"),
    )
    for table in _ERASE_ORDER:
        if table in {"student_class", "incident_student"}:
            # Keyed by the student with another column: only this student's rows go.
            db.execute(f"DELETE FROM {table} WHERE student_id = :sid", {"sid": found.student_id})
            continue
        column = next(p.id_column for p in PARTS if p.table == table)
        _by_ids(db, f"DELETE FROM {table}", column, found.ids(table))
    _by_ids(db, "UPDATE letter SET target_id = 0", "id", found.ids("letter"))
    for kind, table in (("student", "student"), ("request", "request"), ("complaint", "complaint")):
        _by_ids(
            db, "DELETE FROM synthetic_record", "record_id", found.ids(table), f"kind = '{kind}'"
        )
    _common(db, found)
    db.execute("DELETE FROM student WHERE id = :id", {"id": found.student_id})


def _common(db: Database, found: Collected) -> None:
    """What both ways do: a letter's own words go (its number and date stay), drafts go."""
    _by_ids(db, "UPDATE letter SET details = '{}', void_reason = ''", "id", found.ids("letter"))
    _by_ids(db, "DELETE FROM draft", "id", found.ids("draft"))


def retarget_audit(db: Database, found: Collected, token: str) -> int:
    """Replace the target id of every audit row about the student's records (their letters
    included) by the token's form and blank its detail, which may name the record ("student
    12" in a letter's issue); kind, time and actor stay (the trigger of schema step 19 allows
    nothing else). Returns how many rows now carry the token."""
    target = audit_target(token)
    for table, kind in _AUDIT_KINDS.items():
        ids = found.ids(table)
        for chunk in _chunks(ids):
            params: dict[str, Any] = {"kind": kind, "target": target}
            where = in_values("target_id", [str(v) for v in chunk], params, "v")
            db.execute(
                "UPDATE audit_event SET target_id = :target, detail = '' "
                f"WHERE target_kind = :kind AND {where}",
                params,
            )
    return int(db.scalar("SELECT count(*) FROM audit_event WHERE target_id = :t", {"t": target}))


# -- the compaction an erasure still owes -------------------------------------------------

COMPACTION_PENDING = "erasure.compaction_pending"
"""A ``setting`` key, written in the erasure's own transaction and removed once the file is
rebuilt (``services.erasure.scrub``): its presence means an erasure's free pages may still
be in the file (zeroed by ``secure_delete``, but not yet rebuilt away)."""


def mark_compaction_pending(db: Database) -> None:
    db.execute(
        "INSERT INTO setting (key, value) VALUES (:key, 'true') "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {"key": COMPACTION_PENDING},
    )


def clear_compaction_pending(db: Database) -> None:
    db.execute("DELETE FROM setting WHERE key = :key", {"key": COMPACTION_PENDING})


def compaction_pending(db: Database) -> bool:
    return (
        db.scalar("SELECT 1 FROM setting WHERE key = :key", {"key": COMPACTION_PENDING}) is not None
    )


# -- the ledger ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerEntry:
    """One erased or anonymised student: nothing that names them."""

    token: str
    mode: ErasureMode
    done_at: str
    student_id: int
    student_created_at: str
    rows: Mapping[str, Sequence[int]]

    def to_json(self) -> dict[str, Any]:
        return {
            "token": self.token,
            "mode": self.mode.value,
            "done_at": self.done_at,
            "student_id": self.student_id,
            "student_created_at": self.student_created_at,
            "rows": {k: list(v) for k, v in sorted(self.rows.items())},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LedgerEntry:
        rows = data.get("rows", {})
        if not isinstance(rows, dict):
            raise ValueError("rows")
        return cls(
            token=str(data["token"]),
            mode=ErasureMode(str(data["mode"])),
            done_at=str(data["done_at"]),
            student_id=int(data["student_id"]),
            student_created_at=str(data["student_created_at"]),
            rows={str(k): [int(i) for i in v] for k, v in rows.items()},
        )


def record_entry(db: Database, entry: LedgerEntry) -> None:
    db.execute(
        "INSERT INTO erasure_ledger (token, mode, done_at, student_id, student_created_at, rows) "
        "VALUES (:token, :mode, :done_at, :student_id, :created, :rows)",
        {
            "token": entry.token,
            "mode": entry.mode.value,
            "done_at": entry.done_at,
            "student_id": entry.student_id,
            "created": entry.student_created_at,
            "rows": json.dumps(entry.to_json()["rows"], separators=(",", ":")),
        },
    )


def entries(db: Database) -> list[LedgerEntry]:
    return [
        LedgerEntry(
            token=str(r["token"]),
            mode=ErasureMode(str(r["mode"])),
            done_at=str(r["done_at"]),
            student_id=int(r["student_id"]),
            student_created_at=str(r["student_created_at"]),
            rows={k: [int(i) for i in v] for k, v in json.loads(str(r["rows"])).items()},
        )
        for r in db.all("SELECT * FROM erasure_ledger ORDER BY done_at, token")
    ]


def ledger_path(paths: VaultPaths) -> Path:
    return paths.folder / LEDGER_FILE


def _mac_key(master_key: bytes) -> bytes:
    return hmac.new(master_key, _MAC_LABEL, hashlib.sha256).digest()


def _mac(master_key: bytes, vault_id: str, body: list[dict[str, Any]]) -> str:
    canonical = json.dumps(
        {"vault_id": vault_id, "entries": body}, sort_keys=True, separators=(",", ":")
    )
    return hmac.new(_mac_key(master_key), canonical.encode(), hashlib.sha256).hexdigest()


def ledger_bytes(vault_id: str, found: Sequence[LedgerEntry], master_key: bytes) -> bytes:
    """The ledger as the file beside the vault and the backup member hold it."""
    body = [e.to_json() for e in found]
    document = {
        "format": LEDGER_FORMAT,
        "version": 1,
        "vault_id": vault_id,
        "entries": body,
        "mac": _mac(master_key, vault_id, body),
    }
    return json.dumps(document, indent=1, sort_keys=True).encode()


def parse_ledger(data: bytes, vault_id: str, master_key: bytes) -> list[LedgerEntry]:
    """The entries of a ledger written for ``vault_id`` with this vault's key; anything else
    (another vault's ledger, a damaged or edited file) gives none."""
    try:
        document = json.loads(data.decode("utf-8"))
        if not isinstance(document, dict) or document.get("format") != LEDGER_FORMAT:
            return []
        if document.get("vault_id") != vault_id:
            return []
        body = document.get("entries")
        if not isinstance(body, list):
            return []
        if not hmac.compare_digest(str(document.get("mac", "")), _mac(master_key, vault_id, body)):
            return []
        return [LedgerEntry.from_json(item) for item in body]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return []


def write_ledger_file(
    paths: VaultPaths, vault_id: str, found: Sequence[LedgerEntry], master_key: bytes
) -> None:
    """Write the file beside the vault, atomically (old or new, never half)."""
    atomic_write(ledger_path(paths), ledger_bytes(vault_id, found, master_key))


def read_ledger_file(paths: VaultPaths, vault_id: str, master_key: bytes) -> list[LedgerEntry]:
    with contextlib.suppress(OSError):
        return parse_ledger(ledger_path(paths).read_bytes(), vault_id, master_key)
    return []
