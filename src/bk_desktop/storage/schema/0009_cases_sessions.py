"""Step 9: counselling cases and sessions replace the request's single agreed time.

Until now a permohonan held one ``session_at``: the agreed time, with nothing about the session
itself. This step makes the tables for cases (``counselling_case``), sessions
(``counselling_session``), their product (``session_alternative``, ``action_item``), addenda
and follow-ups, and moves every stored ``session_at`` into a session, losing none:

- a permohonan still *terjadwal*: a planned session at that time (one whose time has passed is
  listed as "perlu dicatat" until the counsellor records what happened);
- a permohonan whose session was held (it moved *terjadwal → ditangani*): a held session marked
  ``migrated`` — "selesai (dipindahkan, tanpa catatan)" — numbered pertemuan ke-1 of a case
  opened for it. The case is *proses* while the permohonan is *ditangani*, and otherwise closed
  with the status and the day its permohonan left counselling (with that move's reason);
- any other permohonan with a time (closed before the session was held): a cancelled session,
  with the reason of the move that closed it.

The case takes the bidang of the permohonan's latest screening and belongs to the counsellor who
recorded that screening (the one who received the permohonan when nobody did). The column
``request.session_at`` is then dropped; ``request.case_id`` links a permohonan to its case.
The counsellors' other commitments (``commitment``) give the Jadwal grid its busy blocks.
"""

from __future__ import annotations

from bk_desktop.storage.database import Database
from bk_desktop.storage.migrations import split_statements

SCHEMA = """
CREATE TABLE counselling_case (
    id                  INTEGER PRIMARY KEY,
    year                INTEGER NOT NULL,
    number              INTEGER NOT NULL,
    student_id          INTEGER NOT NULL REFERENCES student (id),
    counsellor_id       TEXT NOT NULL REFERENCES account (id),
    opened_at           TEXT NOT NULL,
    bidang              TEXT NOT NULL DEFAULT '',
    confidentiality     TEXT NOT NULL DEFAULT 'biasa'
                        CHECK (confidentiality IN ('biasa', 'rahasia', 'sangat_rahasia')),
    identification      TEXT NOT NULL DEFAULT '',
    diagnosis           TEXT NOT NULL DEFAULT '',
    prognosis           TEXT NOT NULL DEFAULT '',
    treatment_goal      TEXT NOT NULL DEFAULT '',
    treatment_approach  TEXT NOT NULL DEFAULT '',
    treatment_technique TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL DEFAULT 'proses'
                        CHECK (status IN ('proses', 'selesai', 'tindak_lanjut', 'dialihtangankan')),
    closed_on           TEXT,
    close_reason        TEXT NOT NULL DEFAULT '',
    updated_at          TEXT NOT NULL,
    UNIQUE (year, number)
) STRICT;

CREATE INDEX counselling_case_student ON counselling_case (student_id, status);
CREATE INDEX counselling_case_opened ON counselling_case (opened_at);
CREATE INDEX counselling_case_status ON counselling_case (status, opened_at);

ALTER TABLE request ADD COLUMN case_id INTEGER REFERENCES counselling_case (id);
CREATE INDEX request_case ON request (case_id) WHERE case_id IS NOT NULL;

CREATE TABLE counselling_session (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER NOT NULL REFERENCES request (id),
    case_id         INTEGER REFERENCES counselling_case (id),
    counsellor_id   TEXT NOT NULL REFERENCES account (id),
    planned_start   TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes > 0),
    length_reason   TEXT NOT NULL DEFAULT '',
    place           TEXT NOT NULL DEFAULT 'Ruang BK',
    mode            TEXT NOT NULL DEFAULT 'tatap_muka' CHECK (mode IN ('tatap_muka', 'daring')),
    status          TEXT NOT NULL DEFAULT 'terjadwal'
                    CHECK (status IN ('terjadwal', 'selesai', 'batal', 'tidak_hadir')),
    status_reason   TEXT NOT NULL DEFAULT '',
    -- Pertemuan ke-n within the case, given when the session is recorded as held.
    number          INTEGER,
    actual_start    TEXT,
    actual_end      TEXT,
    duration_reason TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    understanding   TEXT NOT NULL DEFAULT '',
    comfort         TEXT NOT NULL DEFAULT '',
    action          TEXT NOT NULL DEFAULT '',
    finalised_at    TEXT,
    finalised_by    TEXT REFERENCES account (id),
    -- Made by this step from an agreed time: held, with nothing recorded about it.
    migrated        INTEGER NOT NULL DEFAULT 0 CHECK (migrated IN (0, 1)),
    -- Why it was placed outside school hours, on a holiday or a day without school.
    schedule_reason TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX counselling_session_request ON counselling_session (request_id, planned_start);
-- A case's sessions by status (the buku kasus counts the held ones per case).
CREATE INDEX counselling_session_case ON counselling_session (case_id, status);
CREATE INDEX counselling_session_start ON counselling_session (status, planned_start);
CREATE INDEX counselling_session_planned ON counselling_session (planned_start);
CREATE INDEX counselling_session_counsellor ON counselling_session (counsellor_id, planned_start);
-- One counsellor's planned (or held) sessions up to a moment: Beranda's day, reminders.
CREATE INDEX counselling_session_mine
    ON counselling_session (status, counsellor_id, planned_start);

CREATE TABLE session_alternative (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES counselling_session (id),
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    chosen     INTEGER NOT NULL DEFAULT 0 CHECK (chosen IN (0, 1))
) STRICT;

CREATE INDEX session_alternative_session ON session_alternative (session_id, position);

CREATE TABLE action_item (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES counselling_session (id),
    case_id    INTEGER NOT NULL REFERENCES counselling_case (id),
    position   INTEGER NOT NULL,
    what       TEXT NOT NULL,
    support    TEXT NOT NULL DEFAULT '',
    due_on     TEXT NOT NULL,
    review_on  TEXT,
    status     TEXT NOT NULL DEFAULT 'belum'
               CHECK (status IN ('belum', 'terlaksana', 'tidak_terlaksana')),
    updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX action_item_session ON action_item (session_id, position);
CREATE INDEX action_item_case ON action_item (case_id);
CREATE INDEX action_item_open ON action_item (status, review_on, due_on);

CREATE TABLE session_addendum (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES counselling_session (id),
    at         TEXT NOT NULL,
    author_id  TEXT REFERENCES account (id),
    text       TEXT NOT NULL CHECK (text <> '')
) STRICT;

CREATE INDEX session_addendum_session ON session_addendum (session_id, id);

-- The counsellor's other commitments (masuk kelas, rapat, piket), once or weekly until a day.
CREATE TABLE commitment (
    id            INTEGER PRIMARY KEY,
    counsellor_id TEXT NOT NULL REFERENCES account (id),
    kind          TEXT NOT NULL CHECK (kind IN ('masuk_kelas', 'rapat', 'piket', 'lainnya')),
    title         TEXT NOT NULL DEFAULT '',
    start_at      TEXT NOT NULL,
    minutes       INTEGER NOT NULL CHECK (minutes > 0),
    weekly        INTEGER NOT NULL DEFAULT 0 CHECK (weekly IN (0, 1)),
    until         TEXT,
    created_at    TEXT NOT NULL
) STRICT;

CREATE INDEX commitment_counsellor ON commitment (counsellor_id, start_at);

CREATE TABLE follow_up (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES counselling_case (id),
    kind        TEXT NOT NULL CHECK (kind IN ('laijapen', 'laijapang')),
    due_on      TEXT NOT NULL,
    done_on     TEXT,
    result      TEXT NOT NULL DEFAULT '',
    recorded_by TEXT REFERENCES account (id),
    recorded_at TEXT
) STRICT;

CREATE INDEX follow_up_case ON follow_up (case_id, due_on);
CREATE INDEX follow_up_open ON follow_up (due_on) WHERE done_on IS NULL;
"""

_CASE_AFTER = {
    "selesai": "selesai",
    "ditutup": "selesai",
    "dialihkan": "tindak_lanjut",
    "dirujuk": "dialihtangankan",
}


def migrate(db: Database) -> None:
    for statement in split_statements(SCHEMA):
        db.execute(statement)
    now = db.scalar("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')")
    numbers: dict[int, int] = {}
    rows = db.all(
        "SELECT r.id, r.student_id, r.status, r.session_at, r.received_by, r.received_at, "
        "  (SELECT s.bidang FROM screening s WHERE s.request_id = r.id "
        "   ORDER BY s.id DESC LIMIT 1) AS bidang, "
        "  (SELECT s.recorded_by FROM screening s WHERE s.request_id = r.id "
        "   ORDER BY s.id DESC LIMIT 1) AS screened_by, "
        "  (SELECT min(e.at) FROM request_event e WHERE e.request_id = r.id "
        "   AND e.from_status = 'terjadwal' AND e.to_status = 'ditangani') AS held_at "
        "FROM request r WHERE r.session_at IS NOT NULL ORDER BY r.session_at, r.id"
    )
    for row in rows:
        request_id = row["id"]
        counsellor = row["screened_by"] or row["received_by"]
        session_at = row["session_at"]
        base = {
            "request": request_id,
            "counsellor": counsellor,
            "start": session_at,
            "now": now,
        }
        if row["status"] == "terjadwal":
            db.execute(
                "INSERT INTO counselling_session (request_id, counsellor_id, planned_start, "
                "planned_minutes, created_at, updated_at) "
                "VALUES (:request, :counsellor, :start, 45, :now, :now)",
                base,
            )
            continue
        if row["held_at"] is None:
            left = _left(db, request_id, from_status="terjadwal")
            db.execute(
                "INSERT INTO counselling_session (request_id, counsellor_id, planned_start, "
                "planned_minutes, status, status_reason, created_at, updated_at) "
                "VALUES (:request, :counsellor, :start, 45, 'batal', :reason, :now, :now)",
                {**base, "reason": left[1] if left else ""},
            )
            continue
        year = int(session_at[:4])
        number = numbers.get(year)
        if number is None:
            number = int(
                db.scalar(
                    "SELECT coalesce(max(number), 0) FROM counselling_case WHERE year = :y",
                    {"y": year},
                )
            )
        number += 1
        numbers[year] = number
        closed_on = None
        close_reason = ""
        case_status = "proses"
        if row["status"] != "ditangani":
            left = _left(db, request_id, from_status="ditangani")
            case_status = _CASE_AFTER.get(row["status"], "proses")
            if left is not None and case_status != "proses":
                closed_on, close_reason = left[0][:10], left[1]
            elif case_status != "proses":
                closed_on = session_at[:10]
        case_id = db.execute(
            "INSERT INTO counselling_case (year, number, student_id, counsellor_id, opened_at, "
            "bidang, status, closed_on, close_reason, updated_at) "
            "VALUES (:year, :number, :student, :counsellor, :opened, :bidang, :status, "
            ":closed_on, :reason, :now)",
            {
                "year": year,
                "number": number,
                "student": row["student_id"],
                "counsellor": counsellor,
                "opened": session_at,
                "bidang": row["bidang"] or "",
                "status": case_status,
                "closed_on": closed_on,
                "reason": close_reason,
                "now": now,
            },
        ).lastrowid
        db.execute(
            "UPDATE request SET case_id = :case WHERE id = :id", {"case": case_id, "id": request_id}
        )
        db.execute(
            "INSERT INTO counselling_session (request_id, case_id, counsellor_id, planned_start, "
            "planned_minutes, status, number, actual_start, migrated, created_at, updated_at) "
            "VALUES (:request, :case, :counsellor, :start, 45, 'selesai', 1, :start, 1, "
            ":now, :now)",
            {**base, "case": case_id},
        )
    db.execute("ALTER TABLE request DROP COLUMN session_at")


def _left(db: Database, request_id: int, *, from_status: str) -> tuple[str, str] | None:
    """When and why the permohonan last left ``from_status``."""
    row = db.one(
        "SELECT at, reason FROM request_event WHERE request_id = :id AND from_status = :from "
        "ORDER BY id DESC LIMIT 1",
        {"id": request_id, "from": from_status},
    )
    if row is None:
        return None
    return str(row["at"]), str(row["reason"])
