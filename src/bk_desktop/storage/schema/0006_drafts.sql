-- Unsaved input kept across a lock, a close or a log-off (issue 10). A draft holds what a
-- counsellor typed, so it lives only here, in the encrypted vault, and belongs to the account
-- that typed it. One draft per account, form and record: writing again replaces it.

CREATE TABLE draft (
    id         INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    form       TEXT NOT NULL,
    target     TEXT NOT NULL DEFAULT '',
    content    TEXT NOT NULL,
    saved_at   TEXT NOT NULL,
    UNIQUE (account_id, form, target)
) STRICT;

CREATE INDEX draft_account_saved_at ON draft (account_id, saved_at);
