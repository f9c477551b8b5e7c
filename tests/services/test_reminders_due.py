"""The reminders due for the signed-in counsellor, read from a real vault (issue 13)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.reminders import ReminderKind
from bk_desktop.domain.requests import Assent
from bk_desktop.domain.screening import Bidang, RiskLevel, ScreeningDraft, ServiceKind
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.reminders import ReminderService
from bk_desktop.services.requests import RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.kdf import TEST_PARAMS

from support import add_request, school_slot

OTHER_PASSWORD = "Teh-Sore-Samarinda-2026"


def waiting_for_a_time(workspace: Workspace, name: str = "Ayu Lestari") -> int:
    """A willing student's permohonan screened for konseling individual: menunggu jadwal."""
    request_id = add_request(workspace, name)
    RequestService(workspace).set_assent(request_id, Assent.BERSEDIA)
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.BELAJAR}),
            symptoms="Nilai turun, sering mengantuk.",
            risk=RiskLevel.RENDAH,
            decision=ServiceKind.KONSELING_INDIVIDUAL,
            reason="Perlu didengar langsung.",
        ),
    )
    return request_id


def test_my_session_is_due_the_set_minutes_before_and_once(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = waiting_for_a_time(workspace)
    start = school_slot(workspace, timedelta(hours=2))
    RequestService(workspace).agree_schedule(request_id, start)
    service = ReminderService(workspace)

    clock.advance(seconds=(start - clock.now()).total_seconds() - 11 * 60)
    assert service.due(set()) == []
    clock.advance(minutes=1)
    (reminder,) = service.due(set())
    assert reminder.key.kind is ReminderKind.SESSION
    assert reminder.text == "Sesi berikutnya pukul 09.00 — Ruang BK"
    assert service.due({reminder.key}) == []


def test_the_minutes_come_from_the_settings_and_zero_turns_session_reminders_off(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = waiting_for_a_time(workspace)
    start = school_slot(workspace, timedelta(hours=2))
    RequestService(workspace).agree_schedule(request_id, start)
    settings = SettingsService(workspace)
    clock.advance(seconds=(start - clock.now()).total_seconds() - 25 * 60)
    assert ReminderService(workspace).due(set()) == []

    settings.save(replace(settings.get(), reminder_minutes=30))
    assert len(ReminderService(workspace).due(set())) == 1
    settings.save(replace(settings.get(), reminder_minutes=0))
    assert ReminderService(workspace).due(set()) == []


def test_another_counsellors_session_is_not_mine_to_be_reminded_of(
    access: VaultAccess, workspace: Workspace, clock: FixedClock
) -> None:
    other = AccountService(workspace, KdfChooser(TEST_PARAMS)).add(
        name="Rahmat Hidayat",
        role=Role.GURU_BK,
        password=OTHER_PASSWORD,
        password_repeat=OTHER_PASSWORD,
    )
    request_id = waiting_for_a_time(workspace)
    start = school_slot(workspace, timedelta(hours=2))
    RequestService(workspace).agree_schedule(request_id, start)
    clock.advance(seconds=(start - clock.now()).total_seconds() - 5 * 60)
    mine = ReminderService(workspace).due(set())
    workspace.lock()

    theirs = access.unlock(other.id, OTHER_PASSWORD)
    try:
        assert [r.key.kind for r in mine] == [ReminderKind.SESSION]
        assert ReminderService(theirs).due(set()) == []
    finally:
        theirs.lock()


def test_a_waiting_permohonan_warns_once_under_two_hours_left_until_a_time_is_agreed(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = waiting_for_a_time(workspace)
    requests = RequestService(workspace)
    deadline = requests.get(request_id).deadline_at
    service = ReminderService(workspace)

    clock.advance(seconds=(deadline - clock.now()).total_seconds() - 2 * 3600 - 60)
    assert service.due(set()) == []
    clock.advance(minutes=2)
    (reminder,) = service.due(set())
    assert reminder.key.kind is ReminderKind.REQUEST and reminder.key.record_id == request_id
    assert "kurang dari 2 jam lagi" in reminder.text
    assert "Ayu" not in reminder.text

    requests.agree_schedule(request_id, school_slot(workspace, timedelta(hours=3)))
    assert service.due(set()) == []
