"""The demo-data generator on a real vault: realistic, deterministic, honest, interruptible."""

from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.complaints import Channel, ComplaintForm, ComplaintType
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.scheduling import week_of
from bk_desktop.domain.students import Sex, StudentDraft
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.calendar import CalendarService
from bk_desktop.services.complaints import ComplaintService
from bk_desktop.services.demo import (
    DAYS_PER_BATCH,
    SCHOOL_DAYS_PER_YEAR,
    RealRecordsPresent,
    add_demo_commitments,
    fill_demo,
    remove_demo,
)
from bk_desktop.services.demo_names import (
    LOCAL_PLACES,
    NAME_POOLS,
    birth_place,
    civil_servant_nip,
    person_name,
    pick_pool,
    random_birth,
    religion,
)
from bk_desktop.services.demo_students import STUDENT_BATCH
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.overview import record_counts
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.vault import VaultPaths

from support import setup_form

History = list[tuple[str, datetime, str]]


def history(workspace: Workspace) -> History:
    rows = workspace.db.all("SELECT kind, at, detail FROM audit_event ORDER BY id")
    return [
        (r["kind"], datetime.fromisoformat(r["at"].replace("Z", "+00:00")), r["detail"])
        for r in rows
    ]


def records(workspace: Workspace) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables the students and counselling steps write, in a stable order; the
    account's random id (which differs between vaults) is written as ``<account>``."""
    tables = (
        *("student", "student_class", "guardian", "request", "request_event", "screening"),
        *("counselling_case", "counselling_session", "session_alternative", "action_item"),
        *("session_addendum", "follow_up"),
    )
    me = workspace.account.id
    return {
        table: [
            tuple("<account>" if value == me else value for value in row)
            for row in workspace.db.all(f"SELECT * FROM {table} ORDER BY 1, 2")
        ]
        for table in tables
    }


def other_vault(tmp_path: Path, clock: FixedClock, name: str) -> Workspace:
    access = VaultAccess(VaultPaths(tmp_path / name), clock, KdfChooser(TEST_PARAMS))
    workspace, _ = access.setup(setup_form())
    return workspace


def test_fill_adds_a_school_history_and_says_how_much(workspace: Workspace) -> None:
    before = record_counts(workspace.db)["audit_events"]
    summary = fill_demo(workspace, students=100, years=1, seed=1)
    after = record_counts(workspace.db)["audit_events"]
    assert summary.added["audit_events"] == after - before
    # At least an unlock, a lock and a backup on each school day.
    assert after - before > 3 * SCHOOL_DAYS_PER_YEAR
    assert workspace.db.integrity_problems() == []


def test_the_run_is_marked_in_the_audit_log_first(workspace: Workspace) -> None:
    first_id = int(workspace.db.scalar("SELECT max(id) FROM audit_event")) + 1
    fill_demo(workspace, students=12, years=1, seed=99)
    demo_events = [
        (event.id, event.detail)
        for event in audit_repo.recent(workspace.db, 10_000)
        if event.kind == AuditKind.DEMO_DATA
    ]
    assert min(demo_events) == (first_id, "seed=99;students=12;years=1")
    # The students step audits each of its batches, with its counts only, after the marker.
    assert "students=12" in {detail for _, detail in demo_events}


def test_only_kinds_with_tables_are_made_and_the_rest_are_named(workspace: Workspace) -> None:
    summary = fill_demo(workspace, students=10, years=1, seed=1)
    existing = record_counts(workspace.db)
    assert set(summary.added) <= set(existing)
    assert set(summary.not_generated) <= set(existing)
    assert not set(summary.added) & set(summary.not_generated)


def test_students_requests_and_screenings_are_made(workspace: Workspace) -> None:
    summary = fill_demo(workspace, students=120, years=2, seed=6)
    assert summary.added["students"] == 120
    assert summary.added["requests"] > 0
    assert summary.added["screenings"] > 0
    assert {"students", "requests", "screenings"}.isdisjoint(summary.not_generated)
    assert workspace.db.integrity_problems() == []


def test_not_generated_names_only_kinds_no_step_makes(workspace: Workspace) -> None:
    """A run without students still does not claim that students cannot be generated."""
    summary = fill_demo(workspace, students=0, years=1, seed=6)
    assert "students" not in summary.added
    assert {"students", "requests", "screenings"}.isdisjoint(summary.not_generated)
    assert set(summary.not_generated) <= set(record_counts(workspace.db)) - {"accounts"}


def test_empty_settings_are_filled_and_the_schools_own_are_kept(workspace: Workspace) -> None:
    service = SettingsService(workspace)
    own = service.get()
    summary = fill_demo(workspace, students=0, years=1, seed=3)
    filled = service.get()
    assert filled.school_name == own.school_name == "SMA Negeri 1 Bontang"
    assert filled.city == "Bontang"
    assert filled.government_line == "PEMERINTAH PROVINSI KALIMANTAN TIMUR"
    assert "Bontang 75311" in filled.address_line
    assert filled.contact_line.replace("\u00a0", " ").startswith("Telepon (0548) ")
    assert filled.contact_line.replace("\u00a0", " ").endswith(
        "Pos-el sman1bontang@sch.id · Laman sman1bontang.sch.id"
    )
    kop = service.letterhead()
    assert kop.left_logo is not None and kop.right_logo is not None
    assert filled.principal_name.endswith(", S.Pd., M.Pd.")
    assert re.fullmatch(r"\d{18}", filled.principal_nip)
    assert set(summary.settings_filled) == {
        "government_line",
        "agency_line",
        "address_line",
        "school_phone",
        "school_email",
        "school_website",
        "principal_name",
        "principal_nip",
        "left_logo",
        "right_logo",
    }
    again = fill_demo(workspace, students=0, years=1, seed=4)
    assert again.settings_filled == ()
    assert service.get() == filled


def test_the_same_seed_gives_the_same_records(
    workspace: Workspace, tmp_path: Path, clock: FixedClock
) -> None:
    other = other_vault(tmp_path, clock, "other")
    try:
        start = len(history(workspace))
        assert len(history(other)) == start
        fill_demo(workspace, students=50, years=1, seed=42)
        fill_demo(other, students=50, years=1, seed=42)
        assert history(workspace)[start:] == history(other)[start:]
        assert workspace.settings() == other.settings()
        assert records(workspace) == records(other)
        assert len(records(workspace)["student"]) == 50
        assert records(workspace)["counselling_session"]
    finally:
        other.lock()


def test_another_seed_gives_other_records(
    workspace: Workspace, tmp_path: Path, clock: FixedClock
) -> None:
    other = other_vault(tmp_path, clock, "other")
    try:
        start = len(history(workspace))
        fill_demo(workspace, students=50, years=1, seed=1)
        fill_demo(other, students=50, years=1, seed=2)
        assert history(workspace)[start:] != history(other)[start:]
        assert records(workspace)["student"] != records(other)["student"]
    finally:
        other.lock()


def test_history_lies_in_school_hours_on_past_school_days(workspace: Workspace) -> None:
    start = len(history(workspace))
    fill_demo(workspace, students=0, years=2, seed=5)
    zone = workspace.settings().zone
    today = workspace.now().astimezone(zone).date()
    synthetic = [
        (kind, at.astimezone(zone))
        for kind, at, detail in history(workspace)[start:]
        if kind != AuditKind.DEMO_DATA and kind != AuditKind.SETTINGS_CHANGED
    ]
    days = {at.date() for _, at in synthetic}
    assert len(days) == 2 * SCHOOL_DAYS_PER_YEAR
    assert all(day < today and day.weekday() < 5 for day in days)
    assert all(6 <= at.hour < 17 for _, at in synthetic)
    assert {kind for kind, _ in synthetic} >= {"unlock.ok", "lock", "backup", "integrity.check"}
    assert min(days) > date(today.year - 3, today.month, 1)


def test_an_interrupted_fill_keeps_what_was_committed(workspace: Workspace) -> None:
    reported: list[int] = []

    class Stop(Exception):
        pass

    def progress(kind: str, done: int) -> None:
        if kind == "audit_events":
            reported.append(done)
            if len(reported) == 2:
                raise Stop

    before = record_counts(workspace.db)["audit_events"]
    with pytest.raises(Stop):
        fill_demo(workspace, students=0, years=1, seed=8, progress=progress)
    after = record_counts(workspace.db)["audit_events"]
    # The marker, the settings change, the two demo logos and exactly the two committed
    # batches of history.
    assert after - before == 4 + reported[-1]
    assert reported[-1] >= 2 * DAYS_PER_BATCH * 3
    assert workspace.db.integrity_problems() == []
    assert not workspace.db.in_transaction


def test_an_interrupted_student_step_keeps_whole_batches(workspace: Workspace) -> None:
    class Stop(Exception):
        pass

    def progress(kind: str, done: int) -> None:
        if kind == "students":
            raise Stop

    with pytest.raises(Stop):
        fill_demo(workspace, students=STUDENT_BATCH + 10, years=1, seed=8, progress=progress)
    assert record_counts(workspace.db)["students"] == STUDENT_BATCH
    assert record_counts(workspace.db)["requests"] == 0
    assert workspace.db.integrity_problems() == []
    assert not workspace.db.in_transaction


@pytest.mark.parametrize(("students", "years"), [(-1, 1), (20_001, 1), (10, 0), (10, 11)])
def test_sizes_outside_the_limits_are_refused(
    workspace: Workspace, students: int, years: int
) -> None:
    before = record_counts(workspace.db)
    with pytest.raises(ValidationError):
        fill_demo(workspace, students=students, years=years, seed=1)
    assert record_counts(workspace.db) == before


def test_names_and_places_look_indonesian() -> None:
    rng = random.Random(2026)
    places = {place for pool in NAME_POOLS for place in pool.places} | set(LOCAL_PLACES)
    for _ in range(500):
        pool = pick_pool(rng)
        sex = rng.choice((Sex.L, Sex.P))
        name = person_name(rng, pool, sex)
        words = name.split()
        assert 2 <= len(words) <= 5
        assert len(set(words)) == len(words) or words[0] in {"I", "Ni"}
        assert all(w[0].isupper() for w in words)
        assert religion(rng, pool) in {r for r, _ in pool.religions}
        place = birth_place(rng, pool)
        assert place in places


def test_nip_starts_with_the_birth_date_and_carries_the_sex() -> None:
    rng = random.Random(1)
    birth = random_birth(rng, 1970, 1980)
    nip = civil_servant_nip(rng, birth, Sex.P)
    assert nip[:8] == birth.strftime("%Y%m%d")
    assert 1994 <= int(nip[8:12]) <= 2010
    assert 1 <= int(nip[12:14]) <= 12
    assert nip[14] == "2"


# -- a school's own records are never mixed with synthetic ones ---------------------------------


def _add_own_student(workspace: Workspace) -> int:
    return StudentService(workspace).create(StudentDraft(name="Siswa Sungguhan", nisn="0051234567"))


def test_demo_data_refuses_a_vault_that_holds_the_schools_own_records(
    workspace: Workspace,
) -> None:
    _add_own_student(workspace)
    before = record_counts(workspace.db)
    with pytest.raises(RealRecordsPresent, match="1 catatan yang bukan data contoh"):
        fill_demo(workspace, students=10, years=1, seed=1)
    assert record_counts(workspace.db) == before  # not even the audit mark


def test_a_schools_own_kotak_saran_entry_counts_as_its_own_record(workspace: Workspace) -> None:
    ComplaintService(workspace).register(
        ComplaintForm(
            kind=ComplaintType.SARAN,
            channel=Channel.LANGSUNG,
            text="Mohon jam layanan BK diperpanjang sampai sore.",
            received_at=workspace.now(),
        )
    )
    with pytest.raises(RealRecordsPresent, match="1 catatan yang bukan data contoh"):
        fill_demo(workspace, students=10, years=1, seed=1)


def test_demo_data_runs_again_on_its_own_records_and_all_of_them_are_removed_together(
    workspace: Workspace,
) -> None:
    fill_demo(workspace, students=30, years=1, seed=1)
    fill_demo(workspace, students=10, years=1, seed=2)  # only synthetic records: allowed
    counts = record_counts(workspace.db)
    assert counts["students"] == 40 and counts["requests"] > 0
    own = _add_own_student(workspace)
    fill_demo(workspace, students=5, years=1, seed=3, even_with_own_records=True)
    removed = remove_demo(workspace)
    assert removed["students"] == 45
    after = record_counts(workspace.db)
    assert (after["students"], after["requests"], after["screenings"]) == (1, 0, 0)
    assert removed["complaints"] > 0 and after["complaints"] == 0
    assert workspace.db.scalar("SELECT count(*) FROM complaint_box_opening") == 0
    assert StudentService(workspace).get(own).name == "Siswa Sungguhan"
    assert workspace.db.all("PRAGMA foreign_key_check") == []
    assert audit_repo.latest(workspace.db, AuditKind.DEMO_DATA).detail.startswith("removed;")


def test_demo_darurat_requests_that_were_screened_have_their_tindakan_darurat(
    workspace: Workspace,
) -> None:
    """A demo vault looks like a school that answers danger at once: Beranda does not open on a
    wall of old darurat requests waiting for an action."""
    fill_demo(workspace, students=300, years=3, seed=11)
    db = workspace.db
    screened_darurat = db.scalar(
        "SELECT count(*) FROM request r WHERE (r.urgency = 'darurat' OR r.risk = 'darurat') "
        "AND EXISTS (SELECT 1 FROM screening s WHERE s.request_id = r.id)"
    )
    acted = db.scalar(
        "SELECT count(DISTINCT request_id) FROM emergency_action WHERE request_id IN "
        "(SELECT request_id FROM screening)"
    )
    assert screened_darurat > 0
    assert acted >= screened_darurat - 1  # at most the very latest is still being answered
    assert db.scalar("SELECT count(*) FROM emergency_action WHERE actor = ''") == 0


def test_demo_sessions_keep_clear_of_the_counsellors_commitments(workspace: Workspace) -> None:
    me = workspace.account.id
    assert add_demo_commitments(workspace, [me], years=1) == 4
    fill_demo(workspace, students=150, years=1, seed=3)
    zone = workspace.settings().zone
    calendar = CalendarService(workspace)
    sessions = 0
    today = workspace.now().astimezone(zone).date()
    for weeks_back in range(8):
        week = calendar.week(week_of(today) - timedelta(weeks=weeks_back))
        blocked = [(start, end) for _, start, end in week.commitments]
        assert len(blocked) >= 4  # two lessons, piket and the Friday meeting every week
        for session in week.sessions:
            sessions += 1
            planned = (session.planned_start, session.planned_end)
            assert all(planned[1] <= b or e <= planned[0] for b, e in blocked), session
    assert sessions > 10
