-- The narrative parts of a Laporan Pelaksanaan Layanan Konseling Individual (issue 16), saved
-- per period so the window and `bk-desktop report` print the same words for the same period.
-- A period is its first and last local day (YYYY-MM-DD); the measured parts are never stored,
-- they are counted again from the vault whenever the report is made. One row per period:
-- saving again replaces the text; who saved it and when is kept here and in the audit log.

CREATE TABLE report_text (
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL CHECK (period_end >= period_start),
    analysis     TEXT NOT NULL DEFAULT '',
    follow_up    TEXT NOT NULL DEFAULT '',
    supporting   TEXT NOT NULL DEFAULT '',
    hindering    TEXT NOT NULL DEFAULT '',
    saved_at     TEXT NOT NULL,
    saved_by     TEXT REFERENCES account (id) ON DELETE SET NULL,
    PRIMARY KEY (period_start, period_end)
) STRICT, WITHOUT ROWID;

-- The report counts one period of a vault that holds years: these let each count read only
-- its period (each checked with EXPLAIN QUERY PLAN: a covering or partial index search).
CREATE INDEX request_received ON request (received_at);
CREATE INDEX follow_up_done ON follow_up (done_on) WHERE done_on IS NOT NULL;
CREATE INDEX follow_up_due ON follow_up (due_on);
CREATE INDEX counselling_case_closed ON counselling_case (closed_on) WHERE closed_on IS NOT NULL;
