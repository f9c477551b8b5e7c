-- The rules of the standard that the first schema could not keep (issue 11).

-- The 1×24 h clock of a request received anew (reopened after ditutup, sent back from
-- dialihkan/dirujuk) starts at that moment; received_at keeps the first receipt.
ALTER TABLE request ADD COLUMN clock_started_at TEXT;
-- When the request left the scheduling path without an agreed time (its promise is judged then).
ALTER TABLE request ADD COLUMN clock_stopped_at TEXT;

UPDATE request SET clock_started_at = coalesce(
    (SELECT max(e.at) FROM request_event e
     WHERE e.request_id = request.id AND e.from_status = 'ditutup' AND e.to_status = 'diterima'),
    received_at
);

UPDATE request SET clock_stopped_at = (
    SELECT min(e.at) FROM request_event e
    WHERE e.request_id = request.id
      AND e.from_status IN ('diterima', 'disaring', 'menunggu_jadwal')
      AND e.to_status IN ('dialihkan', 'dirujuk', 'selesai', 'ditutup')
      AND e.at >= request.clock_started_at
)
WHERE agreed_at IS NULL AND status IN ('dialihkan', 'dirujuk', 'selesai', 'ditutup');

CREATE INDEX request_clock_started ON request (clock_started_at);

-- Earlier clocks of requests received anew: their verdict stays and counts in their month.
CREATE TABLE request_clock (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES request (id),
    started_at  TEXT NOT NULL,
    deadline_at TEXT NOT NULL,
    agreed_at   TEXT,
    stopped_at  TEXT
) STRICT;

CREATE INDEX request_clock_started_at ON request_clock (started_at);

-- Who consented to a referral, as what, when and how (UU PDP Ps. 25).
ALTER TABLE referral ADD COLUMN consent_by TEXT NOT NULL DEFAULT '';
ALTER TABLE referral ADD COLUMN consent_relation TEXT NOT NULL DEFAULT '';
ALTER TABLE referral ADD COLUMN consent_date TEXT;
ALTER TABLE referral ADD COLUMN consent_channel TEXT NOT NULL DEFAULT '';

-- Foundation staff number of a counsellor at a private school.
ALTER TABLE account ADD COLUMN niy TEXT NOT NULL DEFAULT '';
