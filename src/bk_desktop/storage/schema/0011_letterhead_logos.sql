-- The kop surat's logos (issue 15), kept inside the encrypted vault so that backups carry
-- them and no loose picture file beside the vault is ever needed to print. At most one per
-- slot: the left (government or foundation) and the right (the school's own). ``image`` is
-- the PNG the program made from the chosen picture (small, without metadata); who changed it
-- and when is kept here as in the audit log.

CREATE TABLE letterhead_logo (
    slot       TEXT PRIMARY KEY CHECK (slot IN ('left', 'right')),
    image      BLOB NOT NULL,
    byte_size  INTEGER NOT NULL CHECK (byte_size > 0),
    width      INTEGER NOT NULL CHECK (width > 0),
    height     INTEGER NOT NULL CHECK (height > 0),
    changed_at TEXT NOT NULL,
    changed_by TEXT REFERENCES account (id) ON DELETE SET NULL
) STRICT;
