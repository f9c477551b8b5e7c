"""What the tray says and when (issue 13): the counsellor's next session a set number of
minutes before, a permohonan with less than two hours on its clock, each once, never a name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bk_desktop.domain.counselling import SessionMode, SessionRecord, SessionStatus
from bk_desktop.domain.reminders import (
    Reminder,
    ReminderKey,
    ReminderKind,
    combined,
    due_reminders,
    still_to_remember,
)
from bk_desktop.domain.requests import (
    Assent,
    RequestRecord,
    RequestSource,
    RequestStatus,
    Urgency,
)

WITA = ZoneInfo("Asia/Makassar")
NOW = datetime(2026, 12, 7, 0, 50, tzinfo=UTC)  # Senin 08.50 WITA
NAME = "Ayu Lestari"


def _session(**changes: object) -> SessionRecord:
    values: dict[str, object] = {
        "id": 7,
        "request_id": 3,
        "case_id": None,
        "counsellor_id": "akun",
        "student_id": 1,
        "student_name": NAME,
        "rombel": "X MIPA 1",
        "planned_start": NOW + timedelta(minutes=10),  # 09.00 WITA
        "planned_minutes": 45,
        "length_reason": "",
        "place": "Ruang BK",
        "mode": SessionMode.TATAP_MUKA,
        "status": SessionStatus.TERJADWAL,
        "status_reason": "",
        "number": None,
        "actual_start": None,
        "actual_end": None,
        "duration_reason": "",
        "notes": "",
        "understanding": "",
        "comfort": "",
        "action": "",
        "finalised_at": None,
        "finalised_by": None,
        "migrated": False,
    }
    values.update(changes)
    return SessionRecord(**values)  # type: ignore[arg-type]


def _request(**changes: object) -> RequestRecord:
    deadline = NOW + timedelta(minutes=100)  # 10.30 WITA
    values: dict[str, object] = {
        "id": 3,
        "student_id": 1,
        "student_name": NAME,
        "rombel": "X MIPA 1",
        "source": RequestSource.SISWA_SENDIRI,
        "referrer_name": "",
        "referrer_role": "",
        "received_at": deadline - timedelta(hours=24),
        "recorded_at": deadline - timedelta(hours=24),
        "backdate_reason": "",
        "received_by": "akun",
        "reason": "Ingin bercerita.",
        "urgency": Urgency.BIASA,
        "status": RequestStatus.MENUNGGU_JADWAL,
        "assent": Assent.BERSEDIA,
        "assent_date": None,
        "assent_note": "",
        "deadline_at": deadline,
        "agreed_at": None,
        "session_at": None,
        "deadline_met": None,
        "risk": None,
    }
    values.update(changes)
    return RequestRecord(**values)  # type: ignore[arg-type]


def due(
    now: datetime = NOW,
    *,
    sessions: tuple[SessionRecord, ...] = (),
    waiting: tuple[RequestRecord, ...] = (),
    said: frozenset[ReminderKey] = frozenset(),
    minutes_before: int = 10,
) -> list[Reminder]:
    return due_reminders(
        now,
        sessions=sessions,
        waiting=waiting,
        said=said,
        minutes_before=minutes_before,
        zone=WITA,
    )


# -- sessions ----------------------------------------------------------------------------------


def test_a_session_is_announced_the_set_minutes_before_with_its_time_and_place() -> None:
    (reminder,) = due(sessions=(_session(),))
    assert reminder.text == "Sesi berikutnya pukul 09.00 — Ruang BK"
    assert reminder.key == ReminderKey(ReminderKind.SESSION, 7, NOW + timedelta(minutes=10))


def test_a_session_further_away_than_the_set_minutes_waits() -> None:
    later = _session(planned_start=NOW + timedelta(minutes=11))
    assert due(sessions=(later,)) == []
    assert len(due(NOW + timedelta(minutes=1), sessions=(later,))) == 1


def test_a_session_that_has_started_is_not_announced_any_more() -> None:
    started = _session(planned_start=NOW)
    assert due(sessions=(started,)) == []
    assert due(NOW + timedelta(minutes=5), sessions=(started,)) == []


def test_only_planned_sessions_are_announced() -> None:
    for status in (SessionStatus.BATAL, SessionStatus.TIDAK_HADIR, SessionStatus.SELESAI):
        assert due(sessions=(_session(status=status),)) == []


def test_zero_minutes_means_no_session_reminders_but_the_clock_still_warns() -> None:
    found = due(sessions=(_session(),), waiting=(_request(),), minutes_before=0)
    assert [r.key.kind for r in found] == [ReminderKind.REQUEST]


def test_a_session_without_a_place_names_its_mode() -> None:
    (reminder,) = due(sessions=(_session(place=" ", mode=SessionMode.DARING),))
    assert reminder.text == "Sesi berikutnya pukul 09.00 — Daring"


def test_a_session_already_said_is_not_said_again_but_its_new_time_is() -> None:
    session = _session()
    (first,) = due(sessions=(session,))
    assert due(sessions=(session,), said=frozenset({first.key})) == []
    moved = _session(planned_start=NOW + timedelta(minutes=5))
    (again,) = due(sessions=(moved,), said=frozenset({first.key}))
    assert again.text == "Sesi berikutnya pukul 08.55 — Ruang BK"


# -- permohonan waiting for a time --------------------------------------------------------------


def test_a_permohonan_with_under_two_hours_left_is_announced_with_its_deadline() -> None:
    (reminder,) = due(waiting=(_request(),))
    assert reminder.text == (
        "Permohonan menunggu jadwal: batas 1×24 jam pukul 10.30 (kurang dari 2 jam lagi)"
    )
    assert reminder.key == ReminderKey(ReminderKind.REQUEST, 3, NOW + timedelta(minutes=100))


def test_a_permohonan_with_more_than_two_hours_left_or_overdue_is_not_announced() -> None:
    assert due(waiting=(_request(deadline_at=NOW + timedelta(hours=2, minutes=1)),)) == []
    assert due(waiting=(_request(deadline_at=NOW - timedelta(minutes=1)),)) == []


def test_every_waiting_status_counts_and_an_agreed_time_stops_the_warning() -> None:
    for status in (RequestStatus.DITERIMA, RequestStatus.DISARING):
        assert len(due(waiting=(_request(status=status),))) == 1
    assert due(waiting=(_request(status=RequestStatus.TERJADWAL),)) == []
    # A slot agreed and then cancelled: the verdict stands, nothing runs out any more.
    cancelled = _request(agreed_at=NOW - timedelta(hours=3), deadline_met=True)
    assert due(waiting=(cancelled,)) == []


def test_a_deadline_at_local_midnight_reads_23_59() -> None:
    midnight = datetime(2026, 12, 7, 16, 0, tzinfo=UTC)  # Selasa 00.00 WITA
    (reminder,) = due(midnight - timedelta(minutes=30), waiting=(_request(deadline_at=midnight),))
    assert "pukul 23.59" in reminder.text


# -- together -------------------------------------------------------------------------------------


def test_no_reminder_names_the_student_or_their_initials() -> None:
    found = due(sessions=(_session(),), waiting=(_request(),))
    assert len(found) == 2
    for reminder in found:
        for text in (reminder.title, reminder.text):
            assert "Ayu" not in text and "Lestari" not in text and "AL" not in text
            assert "X MIPA" not in text


def test_sessions_come_first_each_in_time_order() -> None:
    found = due(
        sessions=(_session(id=9, planned_start=NOW + timedelta(minutes=8)), _session(id=8)),
        waiting=(_request(id=5), _request(id=4, deadline_at=NOW + timedelta(minutes=30))),
    )
    assert [(r.key.kind, r.key.record_id) for r in found] == [
        (ReminderKind.SESSION, 9),
        (ReminderKind.SESSION, 8),
        (ReminderKind.REQUEST, 4),
        (ReminderKind.REQUEST, 5),
    ]


def test_several_due_at_once_go_in_one_notification_one_line_each() -> None:
    found = due(sessions=(_session(),), waiting=(_request(),))
    title, text = combined(found)
    assert title == "Pengingat bk-desktop"
    assert text.splitlines() == [r.text for r in found]
    assert combined(found[:1]) == (found[0].title, found[0].text)


def test_what_was_said_is_forgotten_once_its_time_has_passed() -> None:
    past = ReminderKey(ReminderKind.SESSION, 1, NOW - timedelta(seconds=1))
    coming = ReminderKey(ReminderKind.REQUEST, 2, NOW + timedelta(minutes=1))
    assert still_to_remember({past, coming}, NOW) == {coming}
