"""Tray reminders in the window (issue 13): said through the notifier while unlocked, once each,
never while locked. A fake notifier stands in for the tray, which ``offscreen`` does not have."""

from __future__ import annotations

from datetime import timedelta

from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.requests import Assent
from bk_desktop.domain.screening import Bidang, RiskLevel, ScreeningDraft, ServiceKind
from bk_desktop.services.requests import RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.main_window import MainWindow
from bk_desktop.ui.reminders import CHECK_INTERVAL_MS

from conftest import Gui, WindowFactory
from support import PASSWORD, add_request, school_slot

NAME = "Ayu Lestari"


class FakeNotifier:
    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []

    def notify(self, title: str, text: str) -> None:
        self.said.append((title, text))


def waiting_for_a_time(workspace: Workspace) -> int:
    request_id = add_request(workspace, NAME)
    RequestService(workspace).set_assent(request_id, Assent.BERSEDIA)
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.PRIBADI}),
            symptoms="Sering menyendiri.",
            risk=RiskLevel.RENDAH,
            decision=ServiceKind.KONSELING_INDIVIDUAL,
            reason="Perlu didengar langsung.",
        ),
    )
    return request_id


def unlock(qtbot, gui: Gui, window: MainWindow) -> None:
    panel = window.lock_panel
    assert panel is not None
    gui.type_into(panel, "unlockPassword", PASSWORD)
    gui.click(panel, "unlockButton")
    qtbot.waitUntil(lambda: not window.is_locked)


def test_my_next_session_is_said_once_without_the_students_name(
    qtbot, make_window: WindowFactory, workspace: Workspace, clock: FixedClock
) -> None:
    request_id = waiting_for_a_time(workspace)
    start = school_slot(workspace, timedelta(hours=2))
    RequestService(workspace).agree_schedule(request_id, start)
    clock.advance(seconds=(start - clock.now()).total_seconds() - 10 * 60)
    notifier = FakeNotifier()

    window = make_window(notifier=notifier)
    qtbot.waitUntil(lambda: notifier.said != [])
    assert notifier.said == [("Sesi konseling", "Sesi berikutnya pukul 09.00 — Ruang BK")]
    assert window.reminders.active
    assert window.reminders.timer.interval() == CHECK_INTERVAL_MS

    window.reminders.check()
    clock.advance(minutes=1)
    window.reminders.check()
    assert len(notifier.said) == 1
    assert all("Ayu" not in text and "AL" not in text for _, text in notifier.said)


def test_nothing_is_said_while_locked_and_the_checks_resume_after_unlocking(
    qtbot, gui: Gui, make_window: WindowFactory, workspace: Workspace, clock: FixedClock
) -> None:
    request_id = waiting_for_a_time(workspace)
    deadline = RequestService(workspace).get(request_id).deadline_at
    notifier = FakeNotifier()
    window = make_window(notifier=notifier)
    qtbot.wait(10)  # the first check, with nothing due yet
    assert notifier.said == []

    window.lock()
    assert not window.reminders.active
    clock.advance(seconds=(deadline - clock.now()).total_seconds() - 90 * 60)
    window.reminders.check()
    qtbot.wait(10)
    assert notifier.said == []

    unlock(qtbot, gui, window)
    assert window.reminders.active
    qtbot.waitUntil(lambda: notifier.said != [])
    (said,) = notifier.said
    assert said[0] == "Permohonan menunggu jadwal"
    assert "kurang dari 2 jam lagi" in said[1]

    window.lock()  # and what was said before the lock is not said again after it
    unlock(qtbot, gui, window)
    qtbot.wait(10)
    assert len(notifier.said) == 1


def test_without_a_system_tray_there_are_no_checks(make_window: WindowFactory) -> None:
    window = make_window()  # offscreen has no system tray
    assert window.reminders.notifier is None
    assert not window.reminders.active
