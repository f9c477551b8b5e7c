-- A third role: the kepala sekolah signs in to read figures and workload, never notes
-- (domain/visibility.py). SQLite cannot change a CHECK constraint, so the account table is
-- rebuilt the documented way (the runner has foreign keys off for this step).

CREATE TABLE account_new (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    nip        TEXT NOT NULL DEFAULT '',
    nuptk      TEXT NOT NULL DEFAULT '',
    role       TEXT NOT NULL CHECK (role IN ('guru_bk', 'koordinator', 'kepala_sekolah')),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    removed_at TEXT,
    niy        TEXT NOT NULL DEFAULT ''
) STRICT;

INSERT INTO account_new (id, name, nip, nuptk, role, active, created_at, removed_at, niy)
    SELECT id, name, nip, nuptk, role, active, created_at, removed_at, niy FROM account;

DROP TABLE account;

ALTER TABLE account_new RENAME TO account;
