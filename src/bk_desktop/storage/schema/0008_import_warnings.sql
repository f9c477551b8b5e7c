-- What an import found doubtful about a student (issue 10, item 13): kept so that Siswa can
-- list the students "perlu diperiksa" after the import window has closed. The latest import
-- that touched a student replaces its earlier warnings; marking the student checked removes
-- them. The message names the field and value in doubt, so it lives only in the vault.

CREATE TABLE student_import_warning (
    id          INTEGER PRIMARY KEY,
    student_id  INTEGER NOT NULL REFERENCES student (id) ON DELETE CASCADE,
    source      TEXT NOT NULL,
    row_number  INTEGER NOT NULL,
    message     TEXT NOT NULL,
    imported_at TEXT NOT NULL
) STRICT;

CREATE INDEX student_import_warning_student ON student_import_warning (student_id);
