-- The incident register (issue 18, domain/incidents.py; UU PDP Ps. 46): a personal-data
-- breach of the BK room, the students it touched, and its log of measures, notices and
-- closing. The 3×24 h deadline is not stored: it follows from ``found_at`` and the school's
-- clock settings, like Kotak Saran's.
--
-- ``incident_student`` links the students a counsellor picked; erasing a student removes the
-- link (the count of students stays on the incident). The log is only ever added to.

CREATE TABLE incident (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL
                  CHECK (kind IN ('laptop_hilang', 'cadangan_hilang', 'dilihat_orang_lain',
                                  'dokumen_tertinggal', 'salah_kirim', 'lainnya')),
    found_at      TEXT NOT NULL,
    what_happened TEXT NOT NULL CHECK (what_happened <> ''),
    data_other    TEXT NOT NULL DEFAULT '',
    student_count INTEGER NOT NULL CHECK (student_count >= 0),
    reported_by   TEXT NOT NULL CHECK (reported_by <> ''),
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT REFERENCES account (id) ON DELETE SET NULL,
    status        TEXT NOT NULL CHECK (status IN ('dicatat', 'ditangani', 'selesai'))
) STRICT;

CREATE INDEX incident_found ON incident (found_at);

CREATE TRIGGER incident_found_kept BEFORE UPDATE OF found_at, kind ON incident
BEGIN
    SELECT RAISE(ABORT, 'an incident keeps the time it was found and its kind');
END;

CREATE TABLE incident_data (
    incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL
                CHECK (kind IN ('identitas', 'kontak', 'permohonan', 'catatan_konseling',
                                'asesmen', 'surat', 'kotak_saran', 'lainnya')),
    PRIMARY KEY (incident_id, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE incident_student (
    incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    student_id  INTEGER NOT NULL REFERENCES student (id) ON DELETE CASCADE,
    PRIMARY KEY (incident_id, student_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX incident_student_of ON incident_student (student_id);

CREATE TABLE incident_entry (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('tindakan', 'pemberitahuan', 'selesai')),
    at          TEXT NOT NULL,
    account_id  TEXT REFERENCES account (id) ON DELETE SET NULL,
    text        TEXT NOT NULL DEFAULT '',
    recipient   TEXT CHECK (recipient IN ('orang_tua', 'lembaga')),
    channel     TEXT CHECK (channel IN ('surat', 'pesan', 'telepon', 'tatap_muka', 'pos_el')),
    recorded_at TEXT NOT NULL,
    CHECK ((kind = 'pemberitahuan') = (recipient IS NOT NULL AND channel IS NOT NULL))
) STRICT;

CREATE INDEX incident_entry_of ON incident_entry (incident_id, at);

CREATE TRIGGER incident_entry_kept BEFORE UPDATE ON incident_entry
BEGIN
    SELECT RAISE(ABORT, 'an incident log entry is never changed');
END;
