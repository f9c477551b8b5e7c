-- Students, academic terms, counselling requests and their screening (asesmen awal).
-- Dates are ISO text (YYYY-MM-DD, local to the school); instants are UTC text from timefmt.

-- Semesters as the school dated them; without a row the default calendar applies.
CREATE TABLE academic_term (
    year_start INTEGER NOT NULL CHECK (year_start BETWEEN 1950 AND 2200),
    semester   TEXT NOT NULL CHECK (semester IN ('ganjil', 'genap')),
    start_date TEXT NOT NULL,
    end_date   TEXT NOT NULL CHECK (end_date >= start_date),
    PRIMARY KEY (year_start, semester)
) STRICT;

CREATE TABLE student (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    -- name_key: the name reduced for sorting and matching (domain.students.name_key).
    name_key    TEXT NOT NULL,
    nis         TEXT NOT NULL DEFAULT '',
    nisn        TEXT NOT NULL DEFAULT '',
    nik         TEXT NOT NULL DEFAULT '',
    no_kk       TEXT NOT NULL DEFAULT '',
    sex         TEXT CHECK (sex IN ('L', 'P')),
    birth_place TEXT NOT NULL DEFAULT '',
    birth_date  TEXT,
    religion    TEXT,
    address     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'aktif'
                CHECK (status IN ('aktif', 'pindah', 'lulus', 'keluar')),
    status_date TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    -- " word word …": name, NIS and NISN normalised, each word preceded by a space, so a
    -- type-ahead token matches the start of any word with instr(search_text, ' ' || token).
    search_text TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX student_nis_unique ON student (nis) WHERE nis <> '';
CREATE INDEX student_nisn ON student (nisn) WHERE nisn <> '';
CREATE INDEX student_nik ON student (nik) WHERE nik <> '';
-- Covers the type-ahead list: scanned in name order without touching the table rows.
CREATE INDEX student_list ON student (name_key, id, status, search_text);

-- The rombel a student sits in per academic year; the grade is derived from its name.
CREATE TABLE student_class (
    student_id       INTEGER NOT NULL REFERENCES student (id) ON DELETE CASCADE,
    year_start       INTEGER NOT NULL,
    rombel           TEXT NOT NULL CHECK (rombel <> ''),
    grade            INTEGER CHECK (grade BETWEEN 1 AND 12),
    homeroom_teacher TEXT NOT NULL DEFAULT '',
    search_key       TEXT NOT NULL,
    PRIMARY KEY (student_id, year_start)
) STRICT, WITHOUT ROWID;

CREATE INDEX student_class_year_rombel ON student_class (year_start, rombel);
CREATE INDEX student_class_year_grade ON student_class (year_start, grade);

CREATE TABLE guardian (
    id         INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES student (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    relation   TEXT NOT NULL CHECK (relation IN ('ayah', 'ibu', 'wali')),
    phone      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX guardian_student ON guardian (student_id, position);

CREATE TABLE request (
    id              INTEGER PRIMARY KEY,
    student_id      INTEGER NOT NULL REFERENCES student (id),
    source          TEXT NOT NULL,
    referrer_name   TEXT NOT NULL DEFAULT '',
    referrer_role   TEXT NOT NULL DEFAULT '',
    received_at     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    backdate_reason TEXT NOT NULL DEFAULT '',
    received_by     TEXT NOT NULL REFERENCES account (id),
    reason          TEXT NOT NULL CHECK (reason <> ''),
    urgency         TEXT NOT NULL CHECK (urgency IN ('biasa', 'segera', 'darurat')),
    status          TEXT NOT NULL,
    assent          TEXT NOT NULL DEFAULT 'belum_ditanyakan'
                    CHECK (assent IN ('bersedia', 'belum_ditanyakan', 'tidak_bersedia')),
    assent_date     TEXT,
    assent_note     TEXT NOT NULL DEFAULT '',
    -- The 1×24 h deadline, fixed at receipt under the rule then in force.
    deadline_at     TEXT NOT NULL,
    -- When a time was first agreed (the deadline is met when this is not after deadline_at),
    -- and the agreed slot.
    agreed_at       TEXT,
    session_at      TEXT,
    deadline_met    INTEGER CHECK (deadline_met IN (0, 1)),
    -- The highest risk recorded by a screening, for the dashboard ('' before any screening).
    risk            TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX request_status_deadline ON request (status, deadline_at);
CREATE INDEX request_status_received ON request (status, received_at);
CREATE INDEX request_student ON request (student_id, received_at);

-- Every status change with its reason: the request's own history (the audit log has no text).
CREATE TABLE request_event (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES request (id),
    at          TEXT NOT NULL,
    account_id  TEXT,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX request_event_request ON request_event (request_id, id);

CREATE TABLE screening (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES request (id),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT REFERENCES account (id),
    -- Comma-separated bidang values, sorted: "belajar,pribadi".
    bidang      TEXT NOT NULL,
    symptoms    TEXT NOT NULL,
    causes      TEXT NOT NULL DEFAULT '',
    root_cause  TEXT NOT NULL DEFAULT '',
    risk        TEXT NOT NULL CHECK (risk IN ('rendah', 'sedang', 'tinggi', 'darurat')),
    decision    TEXT NOT NULL,
    reason      TEXT NOT NULL,
    notes       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX screening_request ON screening (request_id, id);

-- Alih tangan kasus decided by a screening.
CREATE TABLE referral (
    id                 INTEGER PRIMARY KEY,
    screening_id       INTEGER NOT NULL UNIQUE REFERENCES screening (id),
    request_id         INTEGER NOT NULL REFERENCES request (id),
    target             TEXT NOT NULL,
    target_name        TEXT NOT NULL DEFAULT '',
    reason             TEXT NOT NULL,
    shared_information TEXT NOT NULL,
    consent_basis      TEXT,
    status             TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE INDEX referral_request ON referral (request_id);

-- Named column mappings for student files (importers.mapping.ImportPreset.to_dict as JSON).
CREATE TABLE import_preset (
    name       TEXT PRIMARY KEY COLLATE NOCASE,
    data       TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
