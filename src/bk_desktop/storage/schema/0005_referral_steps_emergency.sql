-- Darurat kept in view and the referral as a tracked record (issue 11, items 6 and 7).

-- Tindakan darurat: who acted, when, and what was done for a student in danger.
CREATE TABLE emergency_action (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES request (id),
    done_at     TEXT NOT NULL,
    actor       TEXT NOT NULL CHECK (actor <> ''),
    action      TEXT NOT NULL CHECK (action <> ''),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT REFERENCES account (id)
) STRICT;

CREATE INDEX emergency_action_request ON emergency_action (request_id, id);

-- When the tindakan darurat answering the current darurat judgement was done; NULL while a
-- darurat request still waits for one (it stays on Beranda).
ALTER TABLE request ADD COLUMN emergency_acted_at TEXT;

-- Darurat requests stored before this step and already past the open steps were handled before
-- the program recorded tindakan darurat. One entry says exactly that (no actor, no action is
-- invented), so that years of old cases do not fill Beranda; a darurat request still open
-- (diterima, disaring, menunggu jadwal, terjadwal) stays on Beranda until its action is recorded.
INSERT INTO emergency_action (request_id, done_at, actor, action, recorded_at, recorded_by)
SELECT id, received_at, '(tidak tercatat)',
       'Ditangani sebelum bk-desktop mencatat tindakan darurat; rinciannya tidak tercatat.',
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), NULL
FROM request
WHERE (urgency = 'darurat' OR risk = 'darurat')
  AND status NOT IN ('diterima', 'disaring', 'menunggu_jadwal', 'terjadwal')
ORDER BY id;

UPDATE request SET emergency_acted_at = received_at
WHERE (urgency = 'darurat' OR risk = 'darurat')
  AND status NOT IN ('diterima', 'disaring', 'menunggu_jadwal', 'terjadwal');

CREATE INDEX request_darurat_pending ON request (urgency, risk) WHERE emergency_acted_at IS NULL;

-- Each step of a referral: the day it happened, who recorded it and why.
CREATE TABLE referral_event (
    id          INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referral (id),
    on_date     TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT REFERENCES account (id),
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX referral_event_referral ON referral_event (referral_id, id);

-- A referral stored before this step gets its first step from the screening that decided it
-- (dated by the UTC day of that screening; the local day is at most one day later).
INSERT INTO referral_event (referral_id, on_date, recorded_at, recorded_by, from_status,
                            to_status, reason)
SELECT r.id, substr(s.recorded_at, 1, 10), s.recorded_at, s.recorded_by, '', r.status, ''
FROM referral r JOIN screening s ON s.id = r.screening_id
ORDER BY r.id;
