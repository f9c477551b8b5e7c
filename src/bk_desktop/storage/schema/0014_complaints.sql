-- Kotak Saran (issue 17, domain/complaints.py): complaints, suggestions, input and
-- appreciation, their follow-up log, and the openings of the physical box.
--
-- ``complaint_code`` holds every tracking code ever given, reserved on a pre-printed slip
-- ('slip') or given when an entry was registered ('entry'): (year, serial) is unique across
-- both, and a code is never deleted or changed, so no code is given twice. An entry refers to
-- its code; a slip whose code no entry refers to is not yet registered, unless ``removed``
-- says its entry was taken out (demo-data --remove): such a code is neither given again nor
-- registered again, and the one change a code allows is this mark, set once.

CREATE TABLE complaint_code (
    code        TEXT PRIMARY KEY CHECK (code GLOB 'KS-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]-???'),
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
    serial      INTEGER NOT NULL CHECK (serial BETWEEN 1 AND 9999),
    origin      TEXT NOT NULL CHECK (origin IN ('slip', 'entry')),
    issued_at   TEXT NOT NULL,
    issued_by   TEXT REFERENCES account (id) ON DELETE SET NULL,
    removed     INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    UNIQUE (year, serial)
) STRICT;

CREATE TRIGGER complaint_code_no_delete BEFORE DELETE ON complaint_code
BEGIN
    SELECT RAISE(ABORT, 'a complaint tracking code is never removed');
END;

CREATE TRIGGER complaint_code_fixed BEFORE UPDATE ON complaint_code
WHEN NEW.code IS NOT OLD.code OR NEW.year IS NOT OLD.year OR NEW.serial IS NOT OLD.serial
    OR NEW.origin IS NOT OLD.origin OR NEW.issued_at IS NOT OLD.issued_at
    OR NEW.issued_by IS NOT OLD.issued_by OR OLD.removed = 1
BEGIN
    SELECT RAISE(ABORT, 'a complaint tracking code is never changed');
END;

-- One opening of the physical box: every slip taken out then shares its instant.
CREATE TABLE complaint_box_opening (
    id              INTEGER PRIMARY KEY,
    opened_at       TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT REFERENCES account (id) ON DELETE SET NULL,
    backdate_reason TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX complaint_box_opening_opened ON complaint_box_opening (opened_at);

CREATE TABLE complaint (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE REFERENCES complaint_code (code),
    kind               TEXT NOT NULL
                       CHECK (kind IN ('pengaduan', 'saran', 'masukan', 'apresiasi')),
    channel            TEXT NOT NULL
                       CHECK (channel IN ('langsung', 'kepala_sekolah', 'kotak_saran', 'lainnya')),
    channel_other      TEXT NOT NULL DEFAULT '',
    sender_kind        TEXT NOT NULL
                       CHECK (sender_kind IN ('anonim', 'siswa', 'orang_tua', 'guru', 'lainnya')),
    sender_name        TEXT NOT NULL DEFAULT '',
    sender_contact     TEXT NOT NULL DEFAULT '',
    subject            TEXT NOT NULL CHECK (subject IN ('layanan', 'sesi', 'konselor')),
    about_account_id   TEXT REFERENCES account (id) ON DELETE SET NULL,
    about_detail       TEXT NOT NULL DEFAULT '',
    student_id         INTEGER REFERENCES student (id) ON DELETE SET NULL,
    text               TEXT NOT NULL CHECK (text <> ''),
    received_at        TEXT NOT NULL,
    received_by        TEXT REFERENCES account (id) ON DELETE SET NULL,
    recorded_at        TEXT NOT NULL,
    backdate_reason    TEXT NOT NULL DEFAULT '',
    box_opening_id     INTEGER REFERENCES complaint_box_opening (id),
    handling           TEXT NOT NULL
                       CHECK (handling IN ('ruang_bk', 'kepala_sekolah', 'hanya_kepala_sekolah')),
    status             TEXT NOT NULL
                       CHECK (status IN ('diterima', 'ditindaklanjuti', 'selesai')),
    first_follow_up_at TEXT,
    public_response    TEXT NOT NULL DEFAULT '',
    -- An anonymous entry names no one; only the box channel comes through an opening.
    CHECK (sender_kind <> 'anonim' OR (sender_name = '' AND sender_contact = '')),
    CHECK ((channel = 'kotak_saran') = (box_opening_id IS NOT NULL)),
    CHECK (channel = 'lainnya' OR channel_other = '')
) STRICT;

CREATE INDEX complaint_received ON complaint (received_at);
CREATE INDEX complaint_status ON complaint (status, received_at);
CREATE INDEX complaint_box ON complaint (box_opening_id);

CREATE TRIGGER complaint_code_kept BEFORE UPDATE OF code, handling, received_at ON complaint
BEGIN
    SELECT RAISE(ABORT, 'an entry keeps its code, its routing and its receipt');
END;

-- The follow-up log, oldest first by ``at``: receiving, forwarding, actions, responses,
-- closing and reopening. ``public`` marks a response "Cek kode" and the board may show;
-- ``backdate_reason`` says why a follow-up was recorded well after it was done (its ``at``
-- decides the 3×24 h verdict, so moving it back needs a reason, as receipt does).
CREATE TABLE complaint_action (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('diterima', 'diteruskan', 'tindakan', 'tanggapan',
                                               'ditutup', 'dibuka_kembali')),
    at           TEXT NOT NULL,
    account_id   TEXT REFERENCES account (id) ON DELETE SET NULL,
    text         TEXT NOT NULL DEFAULT '',
    public       INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
    recorded_at  TEXT NOT NULL,
    backdate_reason TEXT NOT NULL DEFAULT '',
    CHECK (public = 0 OR kind = 'tanggapan')
) STRICT;

CREATE INDEX complaint_action_of ON complaint_action (complaint_id, at);

-- demo-data tags the entries and box openings it makes, like its students and requests, so
-- demo-data --remove takes them out (their codes stay given: a code is never removed). The
-- kind check of schema step 7 is widened by rebuilding the small table.
CREATE TABLE synthetic_record_new (
    kind      TEXT NOT NULL
              CHECK (kind IN ('student', 'request', 'complaint', 'complaint_box_opening')),
    record_id INTEGER NOT NULL,
    PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;

INSERT INTO synthetic_record_new (kind, record_id) SELECT kind, record_id FROM synthetic_record;
DROP TABLE synthetic_record;
ALTER TABLE synthetic_record_new RENAME TO synthetic_record;
