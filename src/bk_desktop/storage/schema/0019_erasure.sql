-- Retention and erasure (issue 18, services/erasure.py; UU PDP Ps. 40–44).
--
-- ``erasure_ledger``: one row per student erased or anonymised, holding nothing that names
-- them: a random token, what was done, when, the student's row id and the instant that row
-- was made (so a re-application after restoring an older backup finds the same row and never
-- another student who later got the same id), and the ids of every row of theirs that was
-- removed or emptied, as JSON {table: [id, …]}. The same entries are kept in a file beside
-- the vault and in every backup (storage/erasure_repo.py), so restoring an older backup of
-- this vault applies them again before the vault is used.

CREATE TABLE erasure_ledger (
    token              TEXT PRIMARY KEY
                       CHECK (length(token) = 16 AND token NOT GLOB '*[^0-9a-f]*'),
    mode               TEXT NOT NULL CHECK (mode IN ('dihapus', 'dianonimkan')),
    done_at            TEXT NOT NULL,
    student_id         INTEGER NOT NULL,
    student_created_at TEXT NOT NULL,
    rows               TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TRIGGER erasure_ledger_kept BEFORE DELETE ON erasure_ledger
BEGIN
    SELECT RAISE(ABORT, 'an erasure is never forgotten');
END;

CREATE TRIGGER erasure_ledger_fixed BEFORE UPDATE ON erasure_ledger
BEGIN
    SELECT RAISE(ABORT, 'an erasure is never changed');
END;

-- The audit log stays append-only, with one exception: an erasure replaces the target id of
-- the rows about the erased student's records by 'dihapus:<token>', the token of an erasure
-- in the ledger, and may blank their detail in the same change (a detail such as "student 12"
-- would otherwise still point at the row). Kind, time, actor and target kind never change, a
-- detail changes only to '' and only with that retargeting, only rows of the target kinds an
-- erasure retargets (storage/erasure_repo.py ``_AUDIT_KINDS``) can be retargeted at all — a
-- restore's or an account's row is never emptied — and a target already replaced stays as
-- it is.
DROP TRIGGER audit_event_no_update;

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
WHEN NOT (
    NEW.id IS OLD.id
    AND NEW.at IS OLD.at
    AND NEW.account_id IS OLD.account_id
    AND NEW.kind IS OLD.kind
    AND NEW.target_kind IS OLD.target_kind
    AND OLD.target_kind IN ('student', 'request', 'screening', 'referral', 'case', 'session',
                            'action_item', 'complaint', 'consent', 'data_request', 'letter',
                            'draft')
    AND (NEW.detail IS OLD.detail OR NEW.detail = '')
    AND OLD.target_id NOT GLOB 'dihapus:*'
    AND NEW.target_id GLOB 'dihapus:*'
    AND EXISTS (SELECT 1 FROM erasure_ledger WHERE token = substr(NEW.target_id, 9)
                AND length(NEW.target_id) = 24)
)
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;

-- A letter keeps its number, kind and date for ever (schema step 12); when its student is
-- erased, its link to them is cut (target 0, a row id SQLite never gives), so a student who
-- later receives the same row id does not inherit the letter.
DROP TRIGGER letter_number_fixed;

CREATE TRIGGER letter_number_fixed BEFORE UPDATE OF year, serial, number, kind, target_kind,
    target_id, issued_at ON letter
WHEN NOT (
    NEW.year IS OLD.year
    AND NEW.serial IS OLD.serial
    AND NEW.number IS OLD.number
    AND NEW.kind IS OLD.kind
    AND NEW.target_kind IS OLD.target_kind
    AND NEW.issued_at IS OLD.issued_at
    AND (NEW.target_id IS OLD.target_id OR NEW.target_id = 0)
)
BEGIN
    SELECT RAISE(ABORT, 'a letter number is never changed');
END;
