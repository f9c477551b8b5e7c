-- Records that demo-data made, so a school's own are told apart from them (demo-data refuses a
-- vault holding untagged ones) and they can all be removed together (demo-data --remove).
-- One row per synthetic root record; what hangs from it (a student's classes and guardians,
-- a request's events, screenings, referrals and clocks) goes with it.
CREATE TABLE synthetic_record (
    kind      TEXT NOT NULL CHECK (kind IN ('student', 'request')),
    record_id INTEGER NOT NULL,
    PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;
