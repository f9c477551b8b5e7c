"""Anonymising and erasing a student (issue 18): what goes, what stays, and the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import sqlcipher3

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.complaints import Channel, ComplaintForm, ComplaintType, SenderKind
from bk_desktop.domain.data_requests import (
    DataRequestForm,
    DataRight,
    Decision,
    Redaction,
    Requester,
)
from bk_desktop.domain.documents import DocumentKind
from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.domain.incidents import DataKind, IncidentForm, IncidentKind
from bk_desktop.domain.retention import ErasureMode, anonymous_name, backups_age_out
from bk_desktop.services.complaints import ComplaintService
from bk_desktop.services.data_requests import DataRequestService
from bk_desktop.services.drafts import DraftService
from bk_desktop.services.erasure import ErasureService
from bk_desktop.services.incidents import IncidentService
from bk_desktop.services.period_report import Period, PeriodReportService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import erasure_repo, letters_repo
from bk_desktop.storage.errors import DiskFull

from support import counselled, hold_session, signed_in_as

NAME = "Wulan Sembiring"
MARKER = "PENANDA-CATATAN-7781"
OTHER = "Budi Santoso"
COLUMNS = "id, at, account_id, kind, target_kind, target_id, detail"


@dataclass
class Subject:
    student_id: int
    request_id: int
    session_id: int
    case_id: int
    complaint_id: int
    letter_id: int
    other_student: int


def make_subject(workspace: Workspace, clock: FixedClock) -> Subject:
    """A student with a permohonan, a screening, a held session whose notes carry MARKER, a
    case, a Kotak Saran entry about them, a letter and a draft; and another student."""
    request_id = counselled(workspace, NAME)
    session_id, case_id = hold_session(workspace, clock, request_id, notes=MARKER)
    db = workspace.db
    student_id = int(db.scalar("SELECT student_id FROM request WHERE id = :i", {"i": request_id}))
    complaint = ComplaintService(workspace).register(
        ComplaintForm(
            kind=ComplaintType.SARAN,
            channel=Channel.LANGSUNG,
            text=f"Saran dari {NAME}: {MARKER}",
            received_at=workspace.now(),
            sender_kind=SenderKind.SISWA,
            sender_name=NAME,
            student_id=student_id,
        )
    )
    with db.transaction():
        letter_id = letters_repo.insert(
            db,
            kind=DocumentKind.SURAT_PANGGILAN,
            year=2026,
            serial=7,
            number="421.5/007/BK/XI/2026",
            target_kind="student",
            target_id=student_id,
            details={"guardian": f"Orang tua {NAME}", "purpose": MARKER},
            issued_at=workspace.now(),
            issued_by=workspace.account.id,
        )
    DraftService(workspace).keep(
        [FormDraft(DraftForm.SCREENING, str(request_id), {"screeningSymptoms": MARKER})]
    )
    # A data request about them with a redaction, and an incident that names them.
    requests = DataRequestService(workspace)
    asked = requests.register(
        DataRequestForm(
            student_id=student_id,
            requester=Requester.SISWA,
            right=DataRight.AKSES,
            text=f"{NAME} meminta salinan catatannya. {MARKER}",
            received_at=workspace.now(),
        )
    )
    requests.save_redactions(
        asked.id, [Redaction("session", session_id, "notes", MARKER, "Menyebut orang lain")]
    )
    IncidentService(workspace).record(
        IncidentForm(
            kind=IncidentKind.DOKUMEN_TERTINGGAL,
            found_at=workspace.now(),
            what_happened="Ringkasan sesi tertinggal di ruang guru.",
            data_kinds=frozenset({DataKind.IDENTITAS}),
            reported_by="Guru piket",
            student_count=1,
            student_ids=(student_id,),
        )
    )
    other_request = counselled(workspace, OTHER)
    other = int(db.scalar("SELECT student_id FROM request WHERE id = :i", {"i": other_request}))
    return Subject(student_id, request_id, session_id, case_id, complaint.id, letter_id, other)


@pytest.fixture
def subject(workspace: Workspace, clock: FixedClock) -> Subject:
    return make_subject(workspace, clock)


def _everything(workspace: Workspace) -> str:
    """Every text value of every table but the audit log, as one string."""
    db = workspace.db
    parts: list[str] = []
    for table in db.all("SELECT name FROM sqlite_master WHERE type = 'table'"):
        for row in db.all(f'SELECT * FROM "{table[0]}"'):
            parts += [str(v) for v in tuple(row) if isinstance(v, str)]
    return "\n".join(parts)


def test_every_table_with_a_student_id_or_a_link_to_a_student_record_is_handled(
    workspace: Workspace,
) -> None:
    """A table added later that holds a student's records must join erasure_repo.PARTS."""
    db = workspace.db
    handled = erasure_repo.HANDLED_TABLES
    records = {"student", *(p.table for p in erasure_repo.PARTS)}
    missing = []
    for (table,) in db.all("SELECT name FROM sqlite_master WHERE type = 'table'"):
        columns = {r["name"] for r in db.all(f'PRAGMA table_info("{table}")')}
        targets = {r["table"] for r in db.all(f'PRAGMA foreign_key_list("{table}")')}
        if ("student_id" in columns or targets & records) and table not in handled:
            missing.append(table)
    assert missing == []


def test_preview_counts_by_kind_and_changes_nothing(workspace: Workspace, subject: Subject) -> None:
    before = _everything(workspace)
    counts = {c.kind: c.count for c in ErasureService(workspace).preview([subject.student_id])}
    assert counts["student"] == 1
    assert counts["request"] == 1
    assert counts["counselling_session"] == 1
    assert counts["counselling_case"] == 1
    assert counts["complaint"] == 1
    assert counts["letter"] == 1
    assert counts["draft"] == 1
    assert _everything(workspace) == before


def test_erase_removes_the_student_and_everything_linked_and_keeps_the_letter_number(
    workspace: Workspace, subject: Subject
) -> None:
    result = ErasureService(workspace).erase([subject.student_id], "HAPUS")
    db = workspace.db
    assert result.mode is ErasureMode.ERASE
    assert result.students == 1
    assert db.foreign_key_problems() == []
    assert db.all("PRAGMA integrity_check")[0][0] == "ok"
    text = _everything(workspace)
    assert NAME not in text
    assert MARKER not in text
    assert db.scalar("SELECT count(*) FROM student WHERE id = :i", {"i": subject.student_id}) == 0
    for table, column in (
        ("request", "student_id"),
        ("counselling_case", "student_id"),
        ("student_class", "student_id"),
        ("complaint", "id"),
    ):
        key = subject.complaint_id if column == "id" else subject.student_id
        assert db.scalar(f"SELECT count(*) FROM {table} WHERE {column} = :k", {"k": key}) == 0
    assert (
        db.scalar(
            "SELECT count(*) FROM counselling_session WHERE id = :i", {"i": subject.session_id}
        )
        == 0
    )
    assert db.scalar("SELECT count(*) FROM draft") == 0
    letter = db.one("SELECT * FROM letter WHERE id = :i", {"i": subject.letter_id})
    assert letter is not None
    assert (letter["number"], letter["serial"], letter["details"], letter["target_id"]) == (
        "421.5/007/BK/XI/2026",
        7,
        "{}",
        0,
    )
    # The complaint's code stays given: a tracking code is never reused.
    assert db.scalar("SELECT count(*) FROM complaint_code") == 1
    # The other student is untouched.
    assert OTHER in text
    assert (
        db.scalar(
            "SELECT count(*) FROM request WHERE student_id = :i", {"i": subject.other_student}
        )
        == 1
    )


def test_audit_rows_keep_kind_time_and_actor_and_carry_the_token(
    workspace: Workspace, subject: Subject
) -> None:
    db = workspace.db
    screening = db.scalar(
        "SELECT id FROM screening WHERE request_id = :i", {"i": subject.request_id}
    )
    about = {
        ("screening", str(screening)),
        ("student", str(subject.student_id)),
        ("request", str(subject.request_id)),
        ("session", str(subject.session_id)),
        ("case", str(subject.case_id)),
        ("complaint", str(subject.complaint_id)),
        ("letter", str(subject.letter_id)),
    } | {
        ("data_request", str(r[0]))
        for r in db.all(
            "SELECT id FROM data_request WHERE student_id = :s", {"s": subject.student_id}
        )
    }
    # The letter's issue names its student in the detail, as LettersService writes it.
    with db.transaction():
        workspace.audit(
            AuditKind.LETTER_ISSUED,
            target_kind="letter",
            target_id=str(subject.letter_id),
            detail=f"surat_panggilan; student {subject.student_id}; 421.5/007/BK/XI/2026",
        )
    before = [tuple(r) for r in db.all(f"SELECT {COLUMNS} FROM audit_event ORDER BY id")]
    touched = [r for r in before if (r[4], r[5]) in about]
    assert touched and any(r[3] == "letter.issued" for r in touched)
    ErasureService(workspace).erase([subject.student_id], "HAPUS")
    token = db.scalar("SELECT token FROM erasure_ledger")
    after = {r[0]: tuple(r) for r in db.all(f"SELECT {COLUMNS} FROM audit_event")}
    for row in before:
        kept = after[row[0]]
        assert kept[:5] == row[:5]
        if row in touched:
            # The detail may point at the record ("student 12"): it goes with the target.
            assert kept[5:] == (f"dihapus:{token}", "")
        else:
            assert kept[5:] == row[5:]
    erased = db.one("SELECT * FROM audit_event WHERE kind = 'student.erased'")
    assert erased is not None
    assert erased["target_id"] == f"dihapus:{token}"
    assert "request=1" in erased["detail"]
    assert NAME not in erased["detail"]


def test_the_audit_log_refuses_every_other_update(workspace: Workspace, subject: Subject) -> None:
    ErasureService(workspace).erase([subject.student_id], "HAPUS")
    db = workspace.db
    token = db.scalar("SELECT token FROM erasure_ledger")
    event = db.scalar("SELECT min(id) FROM audit_event WHERE target_id NOT LIKE 'dihapus:%'")
    marked = db.scalar("SELECT min(id) FROM audit_event WHERE target_id LIKE 'dihapus:%'")
    marked_with_detail = db.scalar(
        "SELECT min(id) FROM audit_event WHERE target_id LIKE 'dihapus:%' AND detail <> ''"
    )
    assert marked_with_detail is not None  # the erasure's own event, with its counts
    attempts = [
        ("UPDATE audit_event SET kind = 'lock' WHERE id = :i", event),
        ("UPDATE audit_event SET at = '2020-01-01T00:00:00Z' WHERE id = :i", event),
        ("UPDATE audit_event SET account_id = NULL WHERE id = :i", event),
        ("UPDATE audit_event SET detail = 'x' WHERE id = :i", event),
        # a detail is blanked only together with the retargeting
        ("UPDATE audit_event SET detail = '' WHERE id = :i", event),
        ("UPDATE audit_event SET detail = '' WHERE id = :i", marked_with_detail),
        (
            f"UPDATE audit_event SET target_id = 'dihapus:{token}', detail = 'x' WHERE id = :i",
            event,
        ),
        ("UPDATE audit_event SET target_id = '99' WHERE id = :i", event),
        # a token no erasure gave
        ("UPDATE audit_event SET target_id = 'dihapus:0000000000000000' WHERE id = :i", event),
        # a replaced target stays replaced
        (f"UPDATE audit_event SET target_id = 'dihapus:{token}x' WHERE id = :i", marked),
        ("DELETE FROM audit_event WHERE id = :i", marked),
        ("DELETE FROM erasure_ledger", None),
        ("UPDATE erasure_ledger SET mode = 'dihapus'", None),
    ]
    for sql, target in attempts:
        with pytest.raises(sqlcipher3.IntegrityError):
            db.execute(sql, {"i": target} if target is not None else {})


def test_only_rows_of_the_kinds_an_erasure_retargets_may_lose_their_detail(
    workspace: Workspace, subject: Subject
) -> None:
    """Review 18 #8: with a token in the ledger, any row's detail could be blanked by
    retargeting it — a restore's, an account's, an export's of another student."""
    db = workspace.db
    with db.transaction():
        workspace.audit(AuditKind.RESTORE, detail="2026-11-01T00:00:00Z")
        workspace.audit(
            AuditKind.ACCOUNT_ADDED, target_kind="account", target_id="abc", detail="guru_bk"
        )
        workspace.audit(
            AuditKind.INCIDENT_RECORDED, target_kind="incident", target_id="3", detail="hilang"
        )
    ErasureService(workspace).erase([subject.student_id], "HAPUS")
    token = db.scalar("SELECT token FROM erasure_ledger")
    blank = f"UPDATE audit_event SET target_id = 'dihapus:{token}', detail = '' WHERE id = :i"
    for kind in ("restore", "account.added", "incident.recorded"):
        event = db.scalar("SELECT max(id) FROM audit_event WHERE kind = :k", {"k": kind})
        with pytest.raises(sqlcipher3.IntegrityError):
            db.execute(blank, {"i": event})
    # Every kind the erasure does retarget still may be (the trigger's list is that one).
    kinds = sorted(set(erasure_repo._AUDIT_KINDS.values()))
    with db.transaction():
        for kind in kinds:
            workspace.audit(AuditKind.LOCK, target_kind=kind, target_id="1", detail="x")
    for kind in kinds:
        event = db.scalar(
            "SELECT max(id) FROM audit_event WHERE target_kind = :k AND detail = 'x'", {"k": kind}
        )
        db.execute(blank, {"i": event})
    assert db.scalar("SELECT count(*) FROM audit_event WHERE detail = 'x'") == 0


def test_anonymise_keeps_the_period_report_and_removes_names_and_free_text(
    workspace: Workspace, subject: Subject
) -> None:
    period = Period(date(2026, 7, 1), date(2026, 12, 31))
    report = PeriodReportService(workspace)
    before = report.figures(period)
    assert before.students_served == 1
    result = ErasureService(workspace).anonymise([subject.student_id], "ANONIMKAN")
    assert result.mode is ErasureMode.ANONYMISE
    assert report.figures(period) == before
    db = workspace.db
    token = db.scalar("SELECT token FROM erasure_ledger")
    student = db.one("SELECT * FROM student WHERE id = :i", {"i": subject.student_id})
    assert student is not None
    assert student["name"] == anonymous_name(token)
    assert (student["nis"], student["nisn"], student["address"], student["birth_date"]) == (
        "",
        "",
        "",
        None,
    )
    rombel = db.one(
        "SELECT rombel, grade FROM student_class WHERE student_id = :i", {"i": subject.student_id}
    )
    assert rombel is not None
    assert rombel["rombel"] == str(rombel["grade"]) and "MIPA" not in rombel["rombel"]
    text = _everything(workspace)
    assert NAME not in text
    assert MARKER not in text
    assert "Sering terlambat" not in text.replace(OTHER, "") or OTHER in text
    complaint = db.one("SELECT * FROM complaint WHERE id = :i", {"i": subject.complaint_id})
    assert complaint is not None
    assert (complaint["sender_name"], complaint["kind"]) == ("", "saran")
    assert db.scalar("SELECT count(*) FROM draft") == 0
    assert db.foreign_key_problems() == []
    # Bidang, dates and durations stay.
    session = db.one("SELECT * FROM counselling_session WHERE id = :i", {"i": subject.session_id})
    assert session is not None
    assert session["actual_start"] and session["actual_end"] and session["notes"] == ""
    assert db.scalar("SELECT bidang FROM counselling_case WHERE id = :i", {"i": subject.case_id})


def test_the_request_of_the_other_student_keeps_its_text(
    workspace: Workspace, subject: Subject
) -> None:
    ErasureService(workspace).anonymise([subject.student_id], "ANONIMKAN")
    reasons = [r[0] for r in workspace.db.all("SELECT reason FROM request ORDER BY id")]
    assert reasons == ["(dianonimkan)", "Sering terlambat masuk kelas."]


def test_nothing_changes_without_the_confirmation_word_or_for_a_guru_bk(
    workspace: Workspace, subject: Subject
) -> None:
    before = _everything(workspace)
    with pytest.raises(RuleViolation):
        ErasureService(workspace).erase([subject.student_id], "hapus saja")
    with pytest.raises(RuleViolation):
        ErasureService(workspace).anonymise([subject.student_id], "HAPUS")
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    with pytest.raises(RuleViolation):
        ErasureService(guru)
    assert NAME in before and _everything(workspace).count(NAME) == before.count(NAME)


def test_a_failure_half_way_leaves_the_vault_as_it_was(
    workspace: Workspace, subject: Subject
) -> None:
    """A statement late in the erasure fails after the first rows were already deleted or
    changed (a temporary trigger refuses the deletion of the case): nothing of it stays."""
    db = workspace.db
    audit_before = db.scalar("SELECT count(*) FROM audit_event")
    before = _everything(workspace)
    codes_before = db.all("SELECT code, removed FROM complaint_code ORDER BY code")
    # Refused only once the student's incident link (the first table erased) is gone.
    db.execute(
        "CREATE TEMP TRIGGER refuse_case BEFORE DELETE ON main.counselling_case BEGIN "
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM main.incident_student WHERE student_id = "
        f"{subject.student_id}) THEN RAISE(ABORT, 'refused before any change') "
        "ELSE RAISE(ABORT, 'refused half-way') END; END"
    )
    with pytest.raises(sqlcipher3.IntegrityError, match="refused half-way"):
        ErasureService(workspace).erase([subject.student_id], "HAPUS")
    db.execute("DROP TRIGGER temp.refuse_case")
    assert _everything(workspace) == before
    assert db.all("SELECT code, removed FROM complaint_code ORDER BY code") == codes_before
    assert db.scalar("SELECT count(*) FROM audit_event") == audit_before
    assert db.scalar("SELECT count(*) FROM erasure_ledger") == 0
    assert not erasure_repo.compaction_pending(db)


def test_a_student_gone_before_the_erasure_changes_nothing(
    workspace: Workspace, subject: Subject
) -> None:
    """Two students in one erasure, the second gone: nothing of the first is erased either."""
    db = workspace.db
    before = _everything(workspace)
    with pytest.raises(Exception) as caught:
        ErasureService(workspace).erase([subject.student_id, 987654], "HAPUS")
    assert "tidak ada" in str(caught.value)
    assert _everything(workspace) == before
    assert db.scalar("SELECT count(*) FROM erasure_ledger") == 0


def test_a_full_disk_is_refused_before_anything_changes(
    workspace: Workspace, subject: Subject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The vacuum needs about one vault of room; the disk says how much it has."""
    import shutil

    from bk_desktop.storage import disk_space

    real = shutil.disk_usage

    def nearly_full(path: object) -> object:
        usage = real(path)  # type: ignore[arg-type]
        return type(usage)(usage.total, usage.total - 1000, 1000)

    before = _everything(workspace)
    monkeypatch.setattr(disk_space.shutil, "disk_usage", nearly_full)
    with pytest.raises(DiskFull) as caught:
        ErasureService(workspace).erase([subject.student_id], "HAPUS")
    monkeypatch.undo()
    assert "ruang" in caught.value.message
    assert _everything(workspace) == before


def test_older_backups_age_out_a_year_after_the_erasure_month() -> None:
    assert backups_age_out(date(2026, 11, 30)) == date(2027, 11, 30)
    assert backups_age_out(date(2026, 12, 3)) == date(2027, 12, 31)
    assert backups_age_out(date(2027, 1, 31) - timedelta(days=0)) == date(2028, 1, 31)


# -- review mends (issue 18, second review) -------------------------------------------------

KEPT_TEXT = {
    "student_class": {"rombel", "homeroom_teacher", "search_key"},  # set by anonymise itself
    "consent": {"act", "relation", "given_on", "channel", "recorded_at", "recorded_by"},
    "request": {
        "source",
        "received_at",
        "recorded_at",
        "received_by",
        "urgency",
        "status",
        "assent",
        "assent_date",
        "deadline_at",
        "agreed_at",
        "session_at",
        "risk",
        "clock_started_at",
        "clock_stopped_at",
        "emergency_acted_at",
    },
    "request_event": {"at", "account_id", "from_status", "to_status"},
    "request_clock": {"started_at", "deadline_at", "agreed_at", "stopped_at"},
    "screening": {"recorded_at", "recorded_by", "bidang", "risk", "decision"},
    "emergency_action": {"done_at", "recorded_at", "recorded_by"},
    "referral": {
        "target",
        "consent_basis",
        "status",
        "updated_at",
        "consent_relation",
        "consent_date",
        "consent_channel",
    },
    "referral_event": {"on_date", "recorded_at", "recorded_by", "from_status", "to_status"},
    "counselling_case": {
        "counsellor_id",
        "opened_at",
        "bidang",
        "confidentiality",
        "status",
        "closed_on",
        "updated_at",
    },
    "counselling_session": {
        "counsellor_id",
        "planned_start",
        "mode",
        "status",
        "actual_start",
        "actual_end",
        "finalised_at",
        "finalised_by",
        "created_at",
        "updated_at",
    },
    "session_addendum": {"at", "author_id"},
    "action_item": {"due_on", "review_on", "status", "updated_at"},
    "follow_up": {"kind", "due_on", "done_on", "recorded_by", "recorded_at"},
    "complaint": {
        "code",
        "kind",
        "channel",
        "sender_kind",
        "subject",
        "about_account_id",
        "received_at",
        "received_by",
        "recorded_at",
        "handling",
        "status",
        "first_follow_up_at",
    },
    "complaint_action": {"kind", "at", "account_id", "recorded_at"},
    "data_request": {
        "requester",
        "relation",
        "data_right",
        "received_at",
        "received_by",
        "recorded_at",
        "status",
        "decision",
        "decided_at",
        "decided_by",
        "completed_at",
        "completed_by",
    },
    "letter": {"kind", "number", "target_kind", "issued_at", "issued_by", "voided_at", "voided_by"},
}
"""Text columns an anonymisation keeps: kinds, dates, statuses, keys. Every other TEXT column
of a student's tables must be emptied (``erasure_repo._ANONYMISE``) or its rows deleted."""


def test_every_text_column_of_a_students_tables_is_anonymised_or_a_kind_date_or_key(
    workspace: Workspace,
) -> None:
    """A free-text column added later fails here until anonymise empties it (or it is a kind,
    a date or a key and joins KEPT_TEXT)."""
    emptied = {t: set(c) for t, c in erasure_repo._ANONYMISE.items()}
    emptied["letter"] = {"details", "void_reason"}  # erasure_repo._common
    deleted = set(erasure_repo._ANONYMISE_DELETES)
    unhandled = []
    for table in {*(p.table for p in erasure_repo.PARTS), "letter"} - deleted:
        for column in workspace.db.all(f'PRAGMA table_info("{table}")'):
            name = column["name"]
            if str(column["type"]).upper() != "TEXT":
                continue
            if name in emptied.get(table, set()) or name in KEPT_TEXT.get(table, set()):
                continue
            unhandled.append(f"{table}.{name}")
    assert unhandled == []


def test_anonymise_empties_a_backdated_follow_up_and_a_voided_letters_reason(
    workspace: Workspace, subject: Subject
) -> None:
    db = workspace.db
    with db.transaction():
        db.execute(
            "INSERT INTO complaint_action (complaint_id, kind, text, at, account_id, "
            "recorded_at, backdate_reason) VALUES (:c, 'tindakan', 'Ditindaklanjuti.', "
            ":at, :a, :at, :why)",
            {
                "c": subject.complaint_id,
                "at": "2026-11-02T03:00:00Z",
                "a": workspace.account.id,
                "why": f"Lupa dicatat saat {NAME} datang. {MARKER}",
            },
        )
        db.execute(
            "UPDATE letter SET voided_at = :at, voided_by = :a, void_reason = :why WHERE id = :i",
            {
                "at": "2026-11-02T03:00:00Z",
                "a": workspace.account.id,
                "why": f"Salah alamat orang tua {NAME}",
                "i": subject.letter_id,
            },
        )
    ErasureService(workspace).anonymise([subject.student_id], "ANONIMKAN")
    text = _everything(workspace)
    assert NAME not in text and MARKER not in text


def test_an_erased_complaints_slip_code_is_no_longer_valid_and_never_given_again(
    workspace: Workspace, subject: Subject
) -> None:
    from bk_desktop.domain.errors import KnownError
    from bk_desktop.services.complaints import NO_LONGER_VALID, NewOpening

    complaints = ComplaintService(workspace)
    [code] = complaints.reserve_slips(1)

    def form(**more: object) -> ComplaintForm:
        return ComplaintForm(
            kind=ComplaintType.SARAN,
            channel=Channel.KOTAK_SARAN,
            text="Saran dari siswa.",
            received_at=workspace.now(),
            sender_kind=SenderKind.SISWA,
            sender_name="Rudi Hartono",
            **more,  # type: ignore[arg-type]
        )

    complaints.register(
        form(student_id=subject.student_id, code=code), new_opening=NewOpening(workspace.now())
    )
    ErasureService(workspace).erase([subject.student_id], "HAPUS")
    check = complaints.check_code(code)
    assert check.state == NO_LONGER_VALID
    with pytest.raises(KnownError) as caught:
        complaints.register(form(code=code), new_opening=NewOpening(workspace.now()))
    assert "tidak berlaku lagi" in caught.value.message
    # Both codes of the erased student's entries are marked; none stays open for reuse.
    assert workspace.db.scalar("SELECT count(*) FROM complaint_code WHERE removed = 0") == 0


def test_every_kind_an_erasure_counts_has_an_indonesian_label() -> None:
    from bk_desktop.domain.retention import KIND_LABELS

    kinds = {"student", "letter", "draft", "audit_event", *(p.table for p in erasure_repo.PARTS)}
    assert sorted(kinds - set(KIND_LABELS)) == []
    assert all("_" not in label for label in KIND_LABELS.values())


def test_an_erased_students_data_request_stays_anonymised_as_proof_it_was_answered(
    workspace: Workspace, subject: Subject
) -> None:
    from bk_desktop.storage.data_requests_repo import ERASED_STUDENT

    db = workspace.db
    request_id = int(
        db.scalar("SELECT id FROM data_request WHERE student_id = :s", {"s": subject.student_id})
    )
    ErasureService(workspace).erase([subject.student_id], "HAPUS")
    row = db.one("SELECT * FROM data_request WHERE id = :i", {"i": request_id})
    assert row is not None
    assert row["student_id"] is None and row["data_right"] == "akses"
    assert row["text"] == "(dianonimkan)" and row["requester_name"] == ""
    assert db.scalar("SELECT count(*) FROM data_request_redaction") == 0
    record = DataRequestService(workspace).get(request_id)
    assert record.student_name == ERASED_STUDENT
    assert [d.student for d in DataRequestService(workspace).due()] == [ERASED_STUDENT]
    # The link cut, the receipt's number and time still cannot change.
    with pytest.raises(sqlcipher3.IntegrityError):
        db.execute(
            "UPDATE data_request SET student_id = :s WHERE id = :i",
            {"s": subject.other_student, "i": request_id},
        )


@pytest.mark.parametrize("mode", [ErasureMode.ERASE, ErasureMode.ANONYMISE])
def test_a_student_whose_data_request_was_refused_can_still_be_erased_or_anonymised(
    workspace: Workspace, subject: Subject, mode: ErasureMode
) -> None:
    """A refusal keeps a reason (schema CHECK): it becomes the placeholder, never ''."""
    service = DataRequestService(workspace)
    request_id = int(
        workspace.db.scalar(
            "SELECT id FROM data_request WHERE student_id = :s", {"s": subject.student_id}
        )
    )
    service.decide(request_id, Decision.DITOLAK, f"Menyebut {MARKER} yang bukan data siswa")
    erasure = ErasureService(workspace)
    if mode is ErasureMode.ERASE:
        erasure.erase([subject.student_id], "HAPUS")
    else:
        erasure.anonymise([subject.student_id], "ANONIMKAN")
    assert service.get(request_id).decision_reason == "(dianonimkan)"
    assert MARKER not in _everything(workspace)


def test_an_incident_draft_listing_the_student_goes_with_them(
    workspace: Workspace, subject: Subject
) -> None:
    """A half-typed incident keeps its students as a list of ids; row ids are reused, so a
    kept id would later point at another student."""
    drafts = DraftService(workspace)
    drafts.keep(
        [
            FormDraft(
                DraftForm.INCIDENT,
                "",
                {"incidentStudentIds": [subject.other_student, subject.student_id]},
            )
        ]
    )
    assert workspace.db.scalar("SELECT count(*) FROM draft WHERE form = 'incident'") == 1
    ErasureService(workspace).erase([subject.student_id], "HAPUS")
    assert workspace.db.scalar("SELECT count(*) FROM draft WHERE form = 'incident'") == 0


def test_a_half_typed_decision_or_completion_of_the_students_data_request_goes_with_them(
    workspace: Workspace, subject: Subject
) -> None:
    """The request itself stays, anonymised; a note half-typed for it (target: its id) may
    name the student and must not outlive them."""
    request_id = int(
        workspace.db.scalar(
            "SELECT id FROM data_request WHERE student_id = :s", {"s": subject.student_id}
        )
    )
    DraftService(workspace).keep(
        [FormDraft(DraftForm.DATA_REQUEST, str(request_id), {"note": f"Ibu {MARKER} meminta"})]
    )
    ErasureService(workspace).erase([subject.student_id], "HAPUS")
    assert workspace.db.scalar("SELECT count(*) FROM draft WHERE form = 'data_request'") == 0
    assert MARKER not in _everything(workspace)


NO_RECORD_TARGET = {
    DraftForm.REQUEST: "a new permohonan: its student id is in the content",
    DraftForm.REPORT_TEXT: "a period, no student",
    DraftForm.COMPLAINT: "a new Kotak Saran entry: its student id is in the content",
    DraftForm.INCIDENT: "only a new incident is kept (incidents_page), its students in the content",
    DraftForm.CONSENT_TEXT: "the school's next consent text, no student",
}
"""Draft forms whose ``target`` never names a record of a student."""


def test_every_draft_form_naming_a_record_is_matched_to_its_table_by_an_erasure() -> None:
    mapped = {DraftForm(form) for form in erasure_repo._DRAFT_TARGETS}
    assert mapped.isdisjoint(NO_RECORD_TARGET)
    assert set(DraftForm) - mapped - set(NO_RECORD_TARGET) == set()
    student_tables = {"student", *(p.table for p in erasure_repo.PARTS)}
    assert set(erasure_repo._DRAFT_TARGETS.values()) <= student_tables


def test_vacuum_asks_for_room_for_its_temporary_copy(
    workspace: Workspace, subject: Subject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Room for one vault (enough for the old check) is refused: VACUUM needs about two."""
    import shutil

    from bk_desktop.storage import disk_space

    workspace.db.checkpoint()
    path = workspace.vault.paths.database
    size = path.stat().st_size
    real = shutil.disk_usage

    def one_vault(place: object) -> object:
        usage = real(place)  # type: ignore[arg-type]
        free = size + disk_space.margin(size) + 1
        return type(usage)(usage.total, usage.total - free, free)

    monkeypatch.setattr(disk_space.shutil, "disk_usage", one_vault)
    with pytest.raises(DiskFull):
        ErasureService(workspace).erase([subject.student_id], "HAPUS")
    monkeypatch.undo()
    assert workspace.db.scalar("SELECT count(*) FROM erasure_ledger") == 0


def test_a_failed_compaction_after_the_commit_says_erased_and_is_retried_at_the_next_unlock(
    workspace: Workspace,
    subject: Subject,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The disk fills between the check and the VACUUM: the erasure stands, the result says
    the file is not yet compacted, and the next unlock compacts it."""
    import shutil

    from bk_desktop.services.access import VaultAccess
    from bk_desktop.services.kdf_choice import KdfChooser
    from bk_desktop.storage import disk_space
    from bk_desktop.storage.kdf import TEST_PARAMS

    from support import PASSWORD

    real = shutil.disk_usage
    asked: list[object] = []

    def fills_up(place: object) -> object:
        usage = real(place)  # type: ignore[arg-type]
        asked.append(place)
        if len(asked) == 1:
            return usage
        return type(usage)(usage.total, usage.total - 1000, 1000)

    monkeypatch.setattr(disk_space.shutil, "disk_usage", fills_up)
    result = ErasureService(workspace).erase([subject.student_id], "HAPUS")
    monkeypatch.undo()
    assert result.students == 1 and not result.compacted
    db = workspace.db
    assert db.scalar("SELECT count(*) FROM student WHERE id = :i", {"i": subject.student_id}) == 0
    assert erasure_repo.compaction_pending(db)
    paths = workspace.vault.paths
    account_id = workspace.account.id
    clock = workspace.clock
    workspace.lock()
    access = VaultAccess(paths, clock, KdfChooser(TEST_PARAMS))
    again = access.unlock(account_id, PASSWORD)
    try:
        assert not erasure_repo.compaction_pending(again.db)
        assert again.db.scalar("PRAGMA freelist_count") == 0
        assert access.take_unlock_note() is None
    finally:
        again.lock()
