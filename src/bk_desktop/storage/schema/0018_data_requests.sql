-- Permohonan hak atas data pribadi (issue 18, domain/data_requests.py; UU PDP Ps. 32-44):
-- the register of requests about a student's own data, and the passages taken out of the
-- copy made for one.
--
-- ``data_request``: one row per request, numbered per year of receipt (UNIQUE (year, serial));
-- a decision is made once and the status moves diterima -> diputuskan -> selesai (checked
-- below, so a half-written row cannot claim a step it has not taken). It outlives its
-- student: erasing them (schema step 19, storage/erasure_repo.py) anonymises the request's
-- text and cuts the link (student_id NULL, ON DELETE SET NULL as well), so the register still
-- shows that the request was received and answered, without naming anyone.
-- ``data_request_redaction``: the passages the counsellor marked in the copy for a request,
-- with where and why. The passage is kept here, inside the encrypted vault, so a later export
-- takes the same text out; the audit log records only how many there are.

CREATE TABLE data_request (
    id               INTEGER PRIMARY KEY,
    year             INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
    serial           INTEGER NOT NULL CHECK (serial > 0),
    student_id       INTEGER REFERENCES student (id) ON DELETE SET NULL,
    requester        TEXT NOT NULL CHECK (requester IN ('siswa', 'orang_tua_wali')),
    requester_name   TEXT NOT NULL DEFAULT '',
    relation         TEXT CHECK (relation IN ('ayah', 'ibu', 'wali')),
    data_right       TEXT NOT NULL
                     CHECK (data_right IN ('akses', 'perbaikan', 'penghentian', 'penghapusan')),
    text             TEXT NOT NULL CHECK (text <> ''),
    received_at      TEXT NOT NULL,
    received_by      TEXT REFERENCES account (id) ON DELETE SET NULL,
    recorded_at      TEXT NOT NULL,
    backdate_reason  TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL CHECK (status IN ('diterima', 'diputuskan', 'selesai')),
    decision         TEXT CHECK (decision IN ('dikabulkan', 'dikabulkan_sebagian', 'ditolak')),
    decision_reason  TEXT NOT NULL DEFAULT '',
    decided_at       TEXT,
    decided_by       TEXT REFERENCES account (id) ON DELETE SET NULL,
    completed_at     TEXT,
    completion_note  TEXT NOT NULL DEFAULT '',
    completed_by     TEXT REFERENCES account (id) ON DELETE SET NULL,
    UNIQUE (year, serial),
    CHECK ((requester = 'siswa') = (relation IS NULL)),
    CHECK ((status = 'diterima') = (decision IS NULL)),
    CHECK ((decision IS NULL) = (decided_at IS NULL)),
    CHECK ((status = 'selesai') = (completed_at IS NOT NULL)),
    CHECK (decision IS NULL OR decision = 'dikabulkan' OR decision_reason <> '')
) STRICT;

CREATE INDEX data_request_student ON data_request (student_id, received_at);
CREATE INDEX data_request_open ON data_request (status, received_at);

-- The one change of student_id allowed: cut, when the student is erased.
CREATE TRIGGER data_request_receipt_kept
BEFORE UPDATE OF year, serial, student_id, received_at ON data_request
WHEN NOT (
    NEW.year IS OLD.year
    AND NEW.serial IS OLD.serial
    AND NEW.received_at IS OLD.received_at
    AND (NEW.student_id IS OLD.student_id OR NEW.student_id IS NULL)
)
BEGIN
    SELECT RAISE(ABORT, 'a data request keeps its number, its student and its receipt');
END;

CREATE TABLE data_request_redaction (
    id              INTEGER PRIMARY KEY,
    data_request_id INTEGER NOT NULL REFERENCES data_request (id) ON DELETE CASCADE,
    record_kind     TEXT NOT NULL CHECK (record_kind <> ''),
    record_id       INTEGER NOT NULL,
    field           TEXT NOT NULL CHECK (field <> ''),
    passage         TEXT NOT NULL CHECK (passage <> ''),
    reason          TEXT NOT NULL CHECK (reason <> ''),
    saved_at        TEXT NOT NULL,
    saved_by        TEXT REFERENCES account (id) ON DELETE SET NULL
) STRICT;

CREATE INDEX data_request_redaction_of ON data_request_redaction (data_request_id);
