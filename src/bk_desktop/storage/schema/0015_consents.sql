-- Parent/guardian consent for BK services (issue 18, domain/consents.py; UU PDP Ps. 25).
--
-- ``consent_text``: the versions of the consent text, one row per saved version, never
-- changed or removed, because a consent names the version the parent/guardian read.
-- ``consent``: the register, one row per consent given or withdrawn, never edited; the state
-- on a day is the latest row dated on or before it. ``consent_scan``: the scan of a signed
-- form, reduced to 150 dpi greyscale JPEG (services/consent_scan.py), kept inside the vault so
-- backups carry it and no loose file holds a child's name.

CREATE TABLE consent_text (
    version  INTEGER PRIMARY KEY CHECK (version > 0),
    text     TEXT NOT NULL CHECK (text <> ''),
    saved_at TEXT NOT NULL,
    saved_by TEXT REFERENCES account (id) ON DELETE SET NULL
) STRICT;

CREATE TRIGGER consent_text_fixed BEFORE UPDATE ON consent_text
BEGIN
    SELECT RAISE(ABORT, 'a consent text version is never changed');
END;

CREATE TABLE consent (
    id           INTEGER PRIMARY KEY,
    student_id   INTEGER NOT NULL REFERENCES student (id) ON DELETE CASCADE,
    act          TEXT NOT NULL CHECK (act IN ('diberikan', 'ditarik')),
    person_name  TEXT NOT NULL CHECK (person_name <> ''),
    relation     TEXT NOT NULL CHECK (relation IN ('ayah', 'ibu', 'wali')),
    given_on     TEXT NOT NULL,
    channel      TEXT NOT NULL CHECK (channel IN ('kertas', 'pindaian', 'lisan')),
    text_version INTEGER REFERENCES consent_text (version),
    reason       TEXT NOT NULL DEFAULT '',
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT REFERENCES account (id) ON DELETE SET NULL,
    CHECK ((act = 'diberikan') = (text_version IS NOT NULL)),
    CHECK (act = 'ditarik' OR channel <> 'lisan')
) STRICT;

CREATE INDEX consent_student ON consent (student_id, given_on);

CREATE TABLE consent_scan (
    consent_id INTEGER PRIMARY KEY REFERENCES consent (id) ON DELETE CASCADE,
    image      BLOB NOT NULL,
    width      INTEGER NOT NULL CHECK (width > 0),
    height     INTEGER NOT NULL CHECK (height > 0)
) STRICT;
