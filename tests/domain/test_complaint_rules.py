"""Kotak Saran's rules without a vault: the 3×24 h clock in both counting modes, routing and
sight for every role, tracking codes, and the status moves."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bk_desktop.domain.accounts import Account, Role
from bk_desktop.domain.complaints import (
    CHECK_ALPHABET,
    ActionKind,
    Channel,
    ClockKind,
    ComplaintForm,
    ComplaintStatus,
    ComplaintType,
    Handling,
    SenderKind,
    Subject,
    action_move_problem,
    action_problem,
    clock,
    close_problem,
    deadline_of,
    form_problems,
    format_code,
    may_open,
    new_check,
    next_code_serial,
    parse_code,
    route,
    status_after,
)
from bk_desktop.domain.deadlines import SchedulingPolicy
from bk_desktop.domain.errors import ValidationError

WITA = ZoneInfo("Asia/Makassar")
CALENDAR = SchedulingPolicy()
SCHOOL_DAYS = SchedulingPolicy(school_days_only=True)


def local(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=WITA).astimezone(UTC)


# -- the clock -----------------------------------------------------------------------------


def test_calendar_mode_counts_72_hours_over_weekends_and_midnight() -> None:
    friday_evening = local(2026, 12, 4, 23, 30)  # Jumat
    assert deadline_of(friday_evening, CALENDAR, WITA) == local(2026, 12, 7, 23, 30)


def test_school_days_mode_skips_weekends_and_holidays() -> None:
    # Jumat 10.00: Jumat's 14 h, Senin 24 h, Selasa 24 h, then 10 h of Rabu.
    friday = local(2026, 12, 4, 10)
    assert deadline_of(friday, SCHOOL_DAYS, WITA) == local(2026, 12, 9, 10)
    # Received on Sabtu: counting starts at Senin's midnight; three whole days end Kamis 00.00.
    saturday = local(2026, 12, 5, 9)
    assert deadline_of(saturday, SCHOOL_DAYS, WITA) == local(2026, 12, 10)
    with_holiday = SchedulingPolicy(school_days_only=True, holidays=frozenset({date(2026, 12, 8)}))
    assert deadline_of(friday, with_holiday, WITA) == local(2026, 12, 10, 10)
    # Just before midnight on a school day: a few minutes of that day count.
    late_monday = local(2026, 12, 7, 23, 50)
    assert deadline_of(late_monday, SCHOOL_DAYS, WITA) == local(2026, 12, 10, 23, 50)


def test_the_clock_states_and_texts() -> None:
    received = local(2026, 12, 7, 9)  # Senin
    deadline = received + timedelta(hours=72)

    def at(now: datetime, first: datetime | None = None) -> ClockKind:
        return clock(ComplaintType.PENGADUAN, received, first, now, base=CALENDAR, zone=WITA).kind

    assert at(received + timedelta(hours=1)) is ClockKind.BERJALAN
    assert at(deadline - timedelta(hours=11)) is ClockKind.SEGERA
    assert at(deadline) is ClockKind.SEGERA  # the deadline itself is still in time
    assert at(deadline + timedelta(minutes=1)) is ClockKind.TERLAMBAT
    assert at(deadline + timedelta(days=9), deadline) is ClockKind.TEPAT_WAKTU
    late = clock(
        ComplaintType.SARAN,
        received,
        deadline + timedelta(hours=5),
        deadline + timedelta(days=1),
        base=CALENDAR,
        zone=WITA,
    )
    assert late.kind is ClockKind.TERLAMBAT_DITINDAKLANJUTI
    assert late.text == "Ditindaklanjuti terlambat 5 jam"
    assert late.met is False
    waiting = clock(
        ComplaintType.MASUKAN,
        received,
        None,
        received + timedelta(hours=2),
        base=CALENDAR,
        zone=WITA,
    )
    assert waiting.text == "Sisa 2 hari 22 jam"
    assert waiting.met is None
    overdue = clock(
        ComplaintType.PENGADUAN,
        received,
        None,
        deadline + timedelta(hours=3),
        base=CALENDAR,
        zone=WITA,
    )
    assert overdue.text == "Terlambat 3 jam"
    assert overdue.met is False
    thanks = clock(ComplaintType.APRESIASI, received, None, deadline + timedelta(days=30),
                   base=CALENDAR, zone=WITA)  # fmt: skip
    assert (thanks.kind, thanks.deadline, thanks.text) == (
        ClockKind.TANPA_BATAS,
        None,
        "Tanpa batas waktu",
    )


def test_the_school_days_clock_does_not_run_over_the_weekend() -> None:
    friday = local(2026, 12, 4, 10)
    sunday_night = local(2026, 12, 6, 23)
    state = clock(ComplaintType.PENGADUAN, friday, None, sunday_night, base=SCHOOL_DAYS, zone=WITA)
    assert state.kind is ClockKind.BERJALAN
    assert state.deadline == local(2026, 12, 9, 10)


# -- routing and sight ---------------------------------------------------------------------

KOORDINATOR = Account("k", "Sari Wulandari", Role.KOORDINATOR)
GURU = Account("g", "Rina Handayani", Role.GURU_BK)
GURU2 = Account("h", "Dedi Saputra", Role.GURU_BK)
PRINCIPAL = Account("p", "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)
ROOM = (KOORDINATOR, GURU, GURU2, PRINCIPAL)


def test_routing_for_each_role() -> None:
    assert route(ComplaintType.PENGADUAN, None, ROOM) is Handling.RUANG_BK
    assert route(ComplaintType.PENGADUAN, "g", ROOM) is Handling.KEPALA_SEKOLAH
    assert route(ComplaintType.SARAN, "g", ROOM) is Handling.KEPALA_SEKOLAH
    assert route(ComplaintType.PENGADUAN, "k", ROOM) is Handling.HANYA_KEPALA_SEKOLAH
    # The only counsellor: nobody else in the room could handle it.
    assert route(ComplaintType.MASUKAN, "g", (GURU, PRINCIPAL)) is Handling.HANYA_KEPALA_SEKOLAH
    # An inactive colleague does not count as the room.
    gone = Account("h", "Dedi Saputra", Role.GURU_BK, active=False)
    assert route(ComplaintType.PENGADUAN, "g", (GURU, gone)) is Handling.HANYA_KEPALA_SEKOLAH
    # Appreciation is for the whole room; the principal and strangers are not counsellors.
    assert route(ComplaintType.APRESIASI, "g", ROOM) is Handling.RUANG_BK
    assert route(ComplaintType.APRESIASI, "k", ROOM) is Handling.RUANG_BK
    assert route(ComplaintType.PENGADUAN, "p", ROOM) is Handling.RUANG_BK
    assert route(ComplaintType.PENGADUAN, "nobody", ROOM) is Handling.RUANG_BK


@pytest.mark.parametrize(
    ("handling", "about", "received_by", "expected"),
    [
        # the room's entries: every counsellor; the principal only what they registered
        (Handling.RUANG_BK, None, "g", {"k", "g", "h"}),
        (Handling.RUANG_BK, None, "p", {"k", "g", "h", "p"}),
        (Handling.RUANG_BK, "g", "h", {"k", "g", "h"}),  # appreciation about g
        # forwarded: koordinator and principal, not the one concerned nor who registered it
        (Handling.KEPALA_SEKOLAH, "g", "h", {"k", "p"}),
        (Handling.KEPALA_SEKOLAH, "g", "g", {"k", "p"}),
        # the principal alone
        (Handling.HANYA_KEPALA_SEKOLAH, "k", "g", {"p"}),
        (Handling.HANYA_KEPALA_SEKOLAH, "k", "k", {"p"}),
    ],
)
def test_may_open_for_each_role(
    handling: Handling, about: str | None, received_by: str, expected: set[str]
) -> None:
    seen = {
        a.id
        for a in ROOM
        if may_open(
            a.id, a.role, handling=handling, about_account_id=about, received_by=received_by
        )
    }
    assert seen == expected


# -- tracking codes ------------------------------------------------------------------------


def test_code_format_and_parse_variants() -> None:
    assert format_code(2026, 42, "7QX") == "KS-2026-0042-7QX"
    for typed in (
        "KS-2026-0042-7QX",
        "ks-2026-0042-7qx",
        " KS 2026 0042 7QX ",
        "KS2026-42-7QX",
        "KS202600427QX",
        "KS–2026–0042–7QX",  # en dashes from a word processor
        "ks_2026.0042.7qx",
    ):
        parsed = parse_code(typed)
        assert (parsed.year, parsed.serial, parsed.check) == (2026, 42, "7QX")
        assert parsed.text == "KS-2026-0042-7QX"
    for wrong in ("", "KS", "KS-2026-0000-7QX", "KS-2026-0042-7Q", "KS-2026-0042-7QO",
                  "XX-2026-0042-7QX", "KS-2026-12345-7QX", "KS-2026-42"):  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            parse_code(wrong)
        assert refused.value.field == "code"
    with pytest.raises(ValueError):
        format_code(2026, 0, "AAA")
    with pytest.raises(ValueError):
        format_code(2026, 10000, "AAA")


def test_the_check_alphabet_has_no_look_alikes() -> None:
    assert not set("0O1IL2Z5S8B") & set(CHECK_ALPHABET)
    assert len(set(CHECK_ALPHABET)) == len(CHECK_ALPHABET)
    checks = {new_check() for _ in range(200)}
    assert all(len(c) == 3 and set(c) <= set(CHECK_ALPHABET) for c in checks)
    assert len(checks) > 150  # random, not a counter
    seeded = new_check(random.SystemRandom())  # type: ignore[arg-type]
    assert set(seeded) <= set(CHECK_ALPHABET)


def test_next_serial_is_above_every_serial_given() -> None:
    assert next_code_serial([]) == 1
    assert next_code_serial([1, 7, 3]) == 8
    with pytest.raises(ValidationError):
        next_code_serial([9999])


# -- forms and status ----------------------------------------------------------------------


def _form(**changes: object) -> ComplaintForm:
    values: dict[str, object] = {
        "kind": ComplaintType.PENGADUAN,
        "channel": Channel.LANGSUNG,
        "text": "Ruang BK sering tutup saat istirahat.",
        "received_at": local(2026, 12, 7, 9),
    }
    values.update(changes)
    return ComplaintForm(**values)  # type: ignore[arg-type]


def test_form_problems_name_their_fields() -> None:
    assert form_problems(_form()) == {}
    assert set(form_problems(_form(text=" ok "))) == {"text"}
    assert set(form_problems(_form(sender_name="Ayu"))) == {"sender_name"}
    assert set(form_problems(_form(sender_kind=SenderKind.SISWA))) == {"sender_name"}
    assert set(form_problems(_form(subject=Subject.KONSELOR))) == {"about_account_id"}
    assert set(form_problems(_form(about_account_id="g"))) == {"about_account_id"}
    assert set(form_problems(_form(channel=Channel.LAINNYA))) == {"channel_other"}
    assert set(form_problems(_form(channel=Channel.KOTAK_SARAN))) == {"box_opening_id"}
    assert set(form_problems(_form(code="KS-2026-0001-AAA"))) == {"code"}
    assert (
        form_problems(
            _form(sender_kind=SenderKind.ORANG_TUA, sender_name="Ibu Sari", subject=Subject.SESI)
        )
        == {}
    )


def test_status_moves() -> None:
    d, t, s = ComplaintStatus.DITERIMA, ComplaintStatus.DITINDAKLANJUTI, ComplaintStatus.SELESAI
    assert status_after(d, ActionKind.DITERUSKAN) is d
    assert status_after(d, ActionKind.TINDAKAN) is t
    assert status_after(d, ActionKind.TANGGAPAN) is t
    assert status_after(t, ActionKind.TANGGAPAN) is t
    assert status_after(t, ActionKind.DITUTUP) is s
    assert status_after(s, ActionKind.DIBUKA_KEMBALI) is t
    # Appreciation closed without a response goes back to diterima, not "followed up".
    assert status_after(s, ActionKind.DIBUKA_KEMBALI, followed_up=False) is d
    assert action_move_problem(s, ActionKind.TINDAKAN) is not None
    assert action_move_problem(s, ActionKind.DITUTUP) is not None
    assert action_move_problem(s, ActionKind.DIBUKA_KEMBALI) is None
    assert action_move_problem(t, ActionKind.DIBUKA_KEMBALI) is not None
    assert action_move_problem(d, ActionKind.DITERIMA) is not None
    assert action_move_problem(d, ActionKind.DITUTUP) is None
    assert close_problem(ComplaintType.PENGADUAN, has_follow_up=False) is not None
    assert close_problem(ComplaintType.PENGADUAN, has_follow_up=True) is None
    assert close_problem(ComplaintType.APRESIASI, has_follow_up=False) is None


def test_action_texts() -> None:
    assert action_problem(ActionKind.TINDAKAN, "Memanggil siswa") is None
    assert action_problem(ActionKind.TINDAKAN, "ok") is not None
    assert action_problem(ActionKind.TANGGAPAN, "  ") is not None
    assert action_problem(ActionKind.DITUTUP, "-") is not None
    assert action_problem(ActionKind.DIBUKA_KEMBALI, "Pengirim datang lagi") is None
    assert action_problem(ActionKind.TINDAKAN, "a" * 3001) is not None
