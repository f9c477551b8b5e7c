"""Anonymising and erasing a student (issue 18): what goes, what stays, and the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
import sqlcipher3

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.complaints import Channel, ComplaintForm, ComplaintType, SenderKind
from bk_desktop.domain.data_requests import DataRequestForm, DataRight, Redaction, Requester
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
    } | {
        ("data_request", str(r[0]))
        for r in db.all(
            "SELECT id FROM data_request WHERE student_id = :s", {"s": subject.student_id}
        )
    }
    before = [tuple(r) for r in db.all(f"SELECT {COLUMNS} FROM audit_event ORDER BY id")]
    touched = [r for r in before if (r[4], r[5]) in about]
    assert touched
    ErasureService(workspace).erase([subject.student_id], "HAPUS")
    token = db.scalar("SELECT token FROM erasure_ledger")
    after = {r[0]: tuple(r) for r in db.all(f"SELECT {COLUMNS} FROM audit_event")}
    for row in before:
        kept = after[row[0]]
        assert kept[:5] == row[:5] and kept[6] == row[6]
        expected = f"dihapus:{token}" if row in touched else row[5]
        assert kept[5] == expected
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
    attempts = [
        ("UPDATE audit_event SET kind = 'lock' WHERE id = :i", event),
        ("UPDATE audit_event SET at = '2020-01-01T00:00:00Z' WHERE id = :i", event),
        ("UPDATE audit_event SET account_id = NULL WHERE id = :i", event),
        ("UPDATE audit_event SET detail = 'x' WHERE id = :i", event),
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
    """Two students in one erasure, the second gone: nothing of the first is erased either."""
    db = workspace.db
    audit_before = db.scalar("SELECT count(*) FROM audit_event")
    before = _everything(workspace)
    with pytest.raises(Exception) as caught:
        ErasureService(workspace).erase([subject.student_id, 987654], "HAPUS")
    assert "tidak ada" in str(caught.value)
    assert _everything(workspace) == before
    assert db.scalar("SELECT count(*) FROM audit_event") == audit_before
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
