-- Letters with numbers (issue 16, domain/letters.py): one row per number ever given. A
-- number is given once: it is never deleted and never changed (voiding only marks it void,
-- with who, when and why), and (year, serial) is unique, so no serial of a year is reused.
-- ``details`` is JSON for what a letter says that no other record keeps (a summons' guardian,
-- meeting time, place, purpose), so a reprint says the same. ``target_id`` names a referral
-- or a student without a foreign key: a number stays in the book even if its record goes.

CREATE TABLE letter (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('surat_alih_tangan', 'surat_panggilan')),
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 9999),
    serial      INTEGER NOT NULL CHECK (serial > 0),
    number      TEXT NOT NULL CHECK (number <> ''),
    target_kind TEXT NOT NULL CHECK (target_kind IN ('referral', 'student')),
    target_id   INTEGER NOT NULL,
    details     TEXT NOT NULL DEFAULT '{}',
    issued_at   TEXT NOT NULL,
    issued_by   TEXT REFERENCES account (id) ON DELETE SET NULL,
    voided_at   TEXT,
    voided_by   TEXT REFERENCES account (id) ON DELETE SET NULL,
    void_reason TEXT NOT NULL DEFAULT '',
    UNIQUE (year, serial)
) STRICT;

CREATE INDEX letter_target ON letter (target_kind, target_id, kind);

CREATE TRIGGER letter_no_delete BEFORE DELETE ON letter
BEGIN
    SELECT RAISE(ABORT, 'a letter number is never removed');
END;

CREATE TRIGGER letter_number_fixed BEFORE UPDATE OF year, serial, number, kind, target_kind,
    target_id, issued_at ON letter
BEGIN
    SELECT RAISE(ABORT, 'a letter number is never changed');
END;

-- The next serial of a year, where a counsellor set it higher than the letters stored (after
-- restoring an older backup). Only ever raised; the next number is also above every stored
-- serial of that year (domain.letters.next_serial).
CREATE TABLE letter_counter (
    year        INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
    next_serial INTEGER NOT NULL CHECK (next_serial > 0)
) STRICT;
