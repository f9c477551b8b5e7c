-- The vault's own records: settings, counsellor accounts, the audit log.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE account (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    nip        TEXT NOT NULL DEFAULT '',
    nuptk      TEXT NOT NULL DEFAULT '',
    role       TEXT NOT NULL CHECK (role IN ('guru_bk', 'koordinator')),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    removed_at TEXT
) STRICT;

-- Append-only: who did what kind of thing when, never what a record says (UU PDP Ps. 31).
CREATE TABLE audit_event (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    account_id  TEXT,
    kind        TEXT NOT NULL,
    target_kind TEXT NOT NULL DEFAULT '',
    target_id   TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX audit_event_kind_at ON audit_event (kind, at);

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;
