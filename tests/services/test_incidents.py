"""The incident register on a real encrypted vault: the 3×24 h clock in calendar hours even
across a long holiday in school-days mode, who may record and who handles, the status moves,
Beranda's list, and an audit trail that carries no description, measure or name."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.incidents import (
    ClockKind,
    DataKind,
    EntryKind,
    IncidentForm,
    IncidentKind,
    IncidentStatus,
    NoticeChannel,
    Recipient,
)
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.incidents import IncidentService
from bk_desktop.services.overview import check_integrity
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace

from support import signed_in_as

WHAT = "Flashdisk cadangan brankas tertinggal di angkot sepulang rapat MGBK."
MEASURE = "Kata sandi semua akun diganti dan kunci pemulihan dibuat ulang."
FRIDAY_10_WITA = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)


def form(**changes: object) -> IncidentForm:
    values: dict[str, object] = {
        "kind": IncidentKind.CADANGAN_HILANG,
        "found_at": FRIDAY_10_WITA,
        "what_happened": WHAT,
        "data_kinds": frozenset({DataKind.IDENTITAS, DataKind.CATATAN_KONSELING}),
        "reported_by": "Rina Handayani",
        "student_count": 40,
    }
    values.update(changes)
    return IncidentForm(**values)  # type: ignore[arg-type]


@pytest.fixture
def friday(clock: FixedClock) -> FixedClock:
    """Friday 4 December 2026, 10.00 WITA, when the stick was found missing."""
    clock.advance(seconds=(FRIDAY_10_WITA - clock.now()).total_seconds())
    return clock


def student(workspace: Workspace, name: str) -> int:
    year = TermService(workspace).current().year
    return StudentService(workspace).create(
        StudentDraft(name=name, placements=(ClassPlacement(year, "X MIPA 1"),))
    )


def audit_details(workspace: Workspace) -> list[tuple[str, str, str, str]]:
    return [
        (r["kind"], r["target_kind"], r["target_id"], r["detail"])
        for r in workspace.db.all(
            "SELECT kind, target_kind, target_id, detail FROM audit_event "
            "WHERE kind LIKE 'incident.%' ORDER BY id"
        )
    ]


def test_the_clock_counts_calendar_hours_across_a_long_holiday_in_school_days_mode(
    workspace: Workspace, clock: FixedClock
) -> None:
    """UU PDP Ps. 46 counts 72 hours from finding out, not school days: a stick lost on the
    last school day before a two-week break is due three days later, not after the break."""
    last_day = datetime(2026, 12, 18, 7, 0, tzinfo=UTC)  # Friday 15.00 WITA
    clock.advance(seconds=(last_day - clock.now()).total_seconds())
    settings = SettingsService(workspace)
    holidays = tuple((date(2026, 12, 21) + timedelta(days=d)).isoformat() for d in range(14))
    settings.save(replace(settings.get(), school_days_only=True, holidays=holidays))
    service = IncidentService(workspace)
    record = service.record(form(found_at=last_day))
    state = service.clock_of(record)
    assert state.deadline == last_day + timedelta(hours=72)  # Monday 21 December, 15.00 WITA
    assert state.kind is ClockKind.BERJALAN
    assert state.text == "Sisa 3 hari"
    clock.advance(days=3, hours=1)
    assert service.clock_of(record).kind is ClockKind.TERLAMBAT
    assert service.clock_of(record).text == "Terlambat 1 jam"
    due = service.due()
    assert [(d.id, d.clock.deadline) for d in due] == [(record.id, state.deadline)]


def test_status_moves_from_dicatat_to_ditangani_to_selesai(
    workspace: Workspace, friday: FixedClock
) -> None:
    service = IncidentService(workspace)
    record = service.record(form())
    assert record.status is IncidentStatus.DICATAT
    assert record.missing == (Recipient.ORANG_TUA, Recipient.LEMBAGA)
    friday.advance(hours=2)
    record = service.add_measure(record.id, MEASURE)
    assert record.status is IncidentStatus.DITANGANI
    assert record.measures[0].account_name == workspace.account.name
    with pytest.raises(ValidationError, match="alasan"):
        service.close(record.id)
    record = service.record_notice(
        record.id, Recipient.ORANG_TUA, NoticeChannel.SURAT, "Surat lewat wali kelas."
    )
    record = service.record_notice(record.id, Recipient.LEMBAGA, NoticeChannel.POS_EL)
    assert service.clock_of(record).kind is ClockKind.TEPAT_WAKTU
    assert service.clock_of(record).text == "Diberitahukan tepat waktu"
    record = service.close(record.id)
    assert record.status is IncidentStatus.SELESAI
    assert [e.kind for e in record.entries] == [
        EntryKind.TINDAKAN,
        EntryKind.PEMBERITAHUAN,
        EntryKind.PEMBERITAHUAN,
        EntryKind.SELESAI,
    ]
    with pytest.raises(RuleViolation, match="sudah selesai"):
        service.add_measure(record.id, MEASURE)
    assert check_integrity(workspace).ok


def test_closing_without_every_notice_needs_a_real_reason(
    workspace: Workspace, friday: FixedClock
) -> None:
    service = IncidentService(workspace)
    record = service.record(form())
    with pytest.raises(ValidationError, match="bukan alasan"):
        service.close(record.id, "-")
    record = service.close(record.id, "Flashdisk ditemukan di meja rapat satu jam kemudian.")
    assert record.status is IncidentStatus.SELESAI
    assert service.clock_of(record).kind is ClockKind.DITUTUP
    assert service.due() == []


def test_a_late_notice_is_counted_late(workspace: Workspace, friday: FixedClock) -> None:
    service = IncidentService(workspace)
    record = service.record(form())
    service.record_notice(record.id, Recipient.LEMBAGA, NoticeChannel.SURAT)
    friday.advance(days=3, hours=4)
    record = service.record_notice(record.id, Recipient.ORANG_TUA, NoticeChannel.PESAN)
    state = service.clock_of(record)
    assert state.kind is ClockKind.TERLAMBAT_DIBERITAHUKAN
    assert state.text == "Diberitahukan terlambat 4 jam"


def test_times_in_the_future_or_before_the_finding_are_refused(
    workspace: Workspace, friday: FixedClock
) -> None:
    service = IncidentService(workspace)
    with pytest.raises(ValidationError) as error:
        service.record(form(found_at=FRIDAY_10_WITA + timedelta(hours=1)))
    assert error.value.field == "found_at"
    record = service.record(form())
    with pytest.raises(ValidationError, match="lebih awal"):
        service.add_measure(record.id, MEASURE, at=FRIDAY_10_WITA - timedelta(hours=1))


def test_due_lists_open_incidents_missing_a_notice_soonest_first(
    workspace: Workspace, friday: FixedClock
) -> None:
    service = IncidentService(workspace)
    later = service.record(form(kind=IncidentKind.DOKUMEN_TERTINGGAL))
    sooner = service.record(form(found_at=FRIDAY_10_WITA - timedelta(days=1)))
    done = service.record(form())
    service.record_notice(done.id, Recipient.ORANG_TUA, NoticeChannel.SURAT)
    service.record_notice(done.id, Recipient.LEMBAGA, NoticeChannel.SURAT)
    due = service.due()
    assert [d.id for d in due] == [sooner.id, later.id]
    assert due[0].number == f"Insiden #{sooner.id}"
    assert due[0].kind.short == "Cadangan hilang"
    assert due[0].clock.text == "Sisa 2 hari"


def test_a_guru_bk_records_and_links_students_but_the_koordinator_handles(
    workspace: Workspace, friday: FixedClock
) -> None:
    ayu = student(workspace, "Ayu Lestari")
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    mine = IncidentService(guru).record(form(student_ids=(ayu,), student_count=1))
    theirs = IncidentService(workspace).record(form())
    assert [row.id for row in IncidentService(guru).entries()] == [mine.id]
    assert IncidentService(guru).due() == []
    with pytest.raises(RuleViolation, match="koordinator"):
        IncidentService(guru).add_measure(mine.id, MEASURE)
    with pytest.raises(RuleViolation, match="koordinator"):
        IncidentService(guru).open(mine.id)
    opened = IncidentService(workspace).open(mine.id)
    assert [(s.name, s.rombel) for s in opened.students] == [("Ayu Lestari", "X MIPA 1")]
    rows = IncidentService(workspace).entries()
    assert {row.id for row in rows} == {mine.id, theirs.id}
    assert next(r for r in rows if r.id == mine.id).linked == 1


def test_the_kepala_sekolah_records_a_count_but_links_no_student(
    workspace: Workspace, friday: FixedClock
) -> None:
    ayu = student(workspace, "Ayu Lestari")
    principal = signed_in_as(workspace, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)
    with pytest.raises(RuleViolation, match="guru BK"):
        IncidentService(principal).record(form(student_ids=(ayu,)))
    record = IncidentService(principal).record(form(kind=IncidentKind.LAPTOP_HILANG))
    assert record.student_count == 40


def test_the_form_says_every_problem_by_field(workspace: Workspace, friday: FixedClock) -> None:
    service = IncidentService(workspace)
    for changes, field_name in (
        ({"what_happened": "x"}, "what_happened"),
        ({"data_kinds": frozenset()}, "data_kinds"),
        ({"data_kinds": frozenset({DataKind.LAINNYA})}, "data_other"),
        ({"reported_by": " "}, "reported_by"),
        ({"student_count": 0, "student_ids": (1,)}, "student_count"),
    ):
        with pytest.raises(ValidationError) as error:
            service.record(form(**changes))
        assert error.value.field == field_name


def test_erasing_a_linked_student_keeps_the_incident_and_its_count(
    workspace: Workspace, friday: FixedClock
) -> None:
    ayu = student(workspace, "Ayu Lestari")
    service = IncidentService(workspace)
    record = service.record(form(student_ids=(ayu,), student_count=3))
    with workspace.db.transaction():
        workspace.db.execute("DELETE FROM student_class WHERE student_id = :id", {"id": ayu})
        workspace.db.execute("DELETE FROM student WHERE id = :id", {"id": ayu})
    opened = service.open(record.id)
    assert opened.students == ()
    assert opened.student_count == 3


def test_audit_events_carry_ids_and_kinds_never_text(
    workspace: Workspace, friday: FixedClock
) -> None:
    service = IncidentService(workspace)
    record = service.record(form())
    service.add_measure(record.id, MEASURE)
    service.record_notice(record.id, Recipient.ORANG_TUA, NoticeChannel.TELEPON, "Ibu Siti.")
    service.close(record.id, "Lembaga belum dapat dihubungi, dicatat di buku agenda.")
    events = audit_details(workspace)
    assert events == [
        (AuditKind.INCIDENT_RECORDED.value, "incident", str(record.id), "cadangan_hilang"),
        (AuditKind.INCIDENT_UPDATED.value, "incident", str(record.id), "tindakan"),
        (
            AuditKind.INCIDENT_UPDATED.value,
            "incident",
            str(record.id),
            "pemberitahuan; orang_tua; telepon",
        ),
        (AuditKind.INCIDENT_UPDATED.value, "incident", str(record.id), "selesai"),
    ]
    every = " ".join(str(v) for row in workspace.db.all("SELECT * FROM audit_event") for v in row)
    for secret in ("Flashdisk", "Kata sandi", "Ibu Siti", "Rina", "buku agenda"):
        assert secret not in every
