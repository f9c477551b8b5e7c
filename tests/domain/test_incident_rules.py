"""The incident register's rules without a vault: the 3×24 h clock (calendar hours) and what
meets it, closing
with or without every notice, and the form's problems by field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bk_desktop.domain.incidents import (
    ClockKind,
    DataKind,
    EntryKind,
    IncidentEntry,
    IncidentForm,
    IncidentKind,
    IncidentStatus,
    NoticeChannel,
    Recipient,
    clock,
    close_problem,
    form_problems,
    missing_recipients,
    status_after,
)

WITA = ZoneInfo("Asia/Makassar")
FOUND = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)  # Friday 10.00 WITA


def notice(recipient: Recipient, at: datetime, entry_id: int = 1) -> IncidentEntry:
    return IncidentEntry(
        entry_id, 1, EntryKind.PEMBERITAHUAN, at, None, "", "", recipient, NoticeChannel.SURAT
    )


def test_the_deadline_is_72_calendar_hours_over_a_weekend() -> None:
    state = clock(FOUND, (), IncidentStatus.DICATAT, FOUND)
    assert state.deadline == FOUND + timedelta(hours=72)  # Monday 10.00 WITA
    assert state.deadline.astimezone(WITA).weekday() == 0


def test_the_promise_is_met_by_the_last_of_the_first_notices() -> None:
    entries = (
        notice(Recipient.ORANG_TUA, FOUND + timedelta(hours=1)),
        notice(Recipient.LEMBAGA, FOUND + timedelta(hours=75), 2),
    )
    state = clock(FOUND, entries, IncidentStatus.DITANGANI, FOUND)
    assert state.kind is ClockKind.TERLAMBAT_DIBERITAHUKAN
    assert state.text == "Diberitahukan terlambat 3 jam"
    assert missing_recipients(entries[:1]) == (Recipient.LEMBAGA,)


def test_waiting_turns_amber_under_twelve_hours_and_red_after() -> None:
    soon = clock(FOUND, (), IncidentStatus.DICATAT, FOUND + timedelta(hours=61))
    late = clock(FOUND, (), IncidentStatus.DICATAT, FOUND + timedelta(hours=73))
    assert (soon.kind, soon.text) == (ClockKind.SEGERA, "Sisa 11 jam")
    assert (late.kind, late.text) == (ClockKind.TERLAMBAT, "Terlambat 1 jam")


def test_closing_needs_a_reason_only_when_a_notice_is_missing() -> None:
    assert close_problem((), "") is None
    assert close_problem((Recipient.LEMBAGA,), "") is not None
    assert close_problem((Recipient.LEMBAGA,), "Flashdisk ditemukan kembali di meja.") is None
    assert status_after(IncidentStatus.DICATAT, EntryKind.TINDAKAN) is IncidentStatus.DITANGANI
    assert status_after(IncidentStatus.DITANGANI, EntryKind.SELESAI) is IncidentStatus.SELESAI


def test_the_form_names_each_problem_by_field() -> None:
    form = IncidentForm(
        kind=IncidentKind.LAINNYA,
        found_at=FOUND,
        what_happened="?",
        data_kinds=frozenset({DataKind.LAINNYA}),
        reported_by="",
        student_count=0,
        student_ids=(4, 5),
    )
    assert set(form_problems(form)) == {
        "what_happened",
        "data_other",
        "reported_by",
        "student_count",
    }
