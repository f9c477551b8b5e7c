"""Beranda's month share: of the requests received this local month, how many were scheduled
within 1×24 h — read with a date-range query, counted by the domain's rule."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.dates import month_bounds
from bk_desktop.domain.requests import Assent, RequestSource, RequestStatus
from bk_desktop.domain.screening import Bidang, RiskLevel, ScreeningDraft, ServiceKind
from bk_desktop.domain.students import StudentDraft
from bk_desktop.services.queues import QueueService
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import requests_repo

from support import school_slot

WITA = ZoneInfo("Asia/Makassar")  # the zone of the test school (support.setup_form)


def wita(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WITA)


def set_clock(clock: FixedClock, moment: datetime) -> None:
    clock.advance(seconds=(moment - clock.now()).total_seconds())


def receive(workspace: Workspace, clock: FixedClock, at: datetime, name: str) -> int:
    set_clock(clock, at)
    student_id = StudentService(workspace).create(StudentDraft(name=name))
    return RequestService(workspace).create(
        RequestForm(student_id=student_id, source=RequestSource.SISWA_SENDIRI, reason="Cerita.")
    )


def agree_after(workspace: Workspace, clock: FixedClock, request_id: int, delay: timedelta) -> None:
    """Screen for counselling, take the student's assent, and agree a time ``delay`` after
    receipt (the agreement is what the 1×24 h rule judges)."""
    service = RequestService(workspace)
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.PRIBADI}),
            symptoms="Murung.",
            risk=RiskLevel.SEDANG,
            decision=ServiceKind.KONSELING_INDIVIDUAL,
            reason="Perlu didengar.",
        ),
    )
    service.set_assent(request_id, Assent.BERSEDIA)
    set_clock(clock, service.get(request_id).received_at + delay)
    service.agree_schedule(request_id, school_slot(workspace, timedelta(days=1)))


def month_ids(workspace: Workspace, year: int, month: int) -> list[int]:
    """What the repository reads for a month: only that month's rows come back."""
    return [
        record.id
        for record in requests_repo.find(
            workspace.db,
            year=TermService(workspace).current().year.start,
            received=month_bounds(year, month, WITA),
        )
    ]


def test_share_counts_only_this_local_month_and_only_what_can_be_told(
    workspace: Workspace, clock: FixedClock
) -> None:
    on_time, late, in_time = timedelta(hours=3), timedelta(hours=30), timedelta(minutes=10)
    # November 2026 in the school's zone:
    first_morning = receive(workspace, clock, wita(2026, 11, 1, 7, 30), "Ayu")  # 31 Oct UTC
    met = receive(workspace, clock, wita(2026, 11, 10, 9), "Budi")
    agree_after(workspace, clock, met, on_time)
    missed = receive(workspace, clock, wita(2026, 11, 12, 9), "Citra")
    agree_after(workspace, clock, missed, late)
    closed = receive(workspace, clock, wita(2026, 11, 20, 9), "Dewi")
    RequestService(workspace).transition(closed, RequestStatus.DITUTUP, "Siswa pindah.")
    last_evening = receive(workspace, clock, wita(2026, 11, 30, 23, 30), "Eka")
    agree_after(workspace, clock, last_evening, in_time)
    # Outside it, each scheduled in time, so counting any of them would raise the share:
    for moment, name in (
        (wita(2026, 10, 31, 23, 0), "Fajar"),  # the previous month
        (wita(2026, 12, 1, 7, 30), "Gita"),  # the next month, though still 30 Nov in UTC
        (wita(2025, 11, 15, 9), "Hadi"),  # November of another year
    ):
        agree_after(workspace, clock, receive(workspace, clock, moment, name), on_time)

    share = QueueService(workspace).month_share(wita(2026, 11, 30, 23, 50))

    # met, last_evening: in time; missed: late; first_morning: still waiting past its
    # deadline; closed: left without a time, so there is nothing to judge.
    assert (share.met, share.decided) == (2, 4)
    assert share.percent == 50
    assert share.month_label == "November 2026"
    assert {first_morning, met, missed, closed, last_evening} == set(month_ids(workspace, 2026, 11))


def test_month_with_only_waiting_requests_has_nothing_to_measure(
    workspace: Workspace, clock: FixedClock
) -> None:
    receive(workspace, clock, wita(2027, 1, 5, 8), "Intan")
    share = QueueService(workspace).month_share(wita(2027, 1, 5, 10))
    assert (share.met, share.decided, share.percent) == (0, 0, None)
    assert share.month_label == "Januari 2027"


def test_share_defaults_to_the_month_of_the_workspace_clock(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = receive(workspace, clock, wita(2026, 11, 29, 8, 30), "Joko")
    agree_after(workspace, clock, request_id, timedelta(hours=2))
    set_clock(clock, wita(2026, 12, 1, 0, 30))  # the next local month: nothing received yet
    assert QueueService(workspace).month_share().decided == 0
    set_clock(clock, wita(2026, 11, 30, 12))
    assert QueueService(workspace).month_share().met == 1


def test_month_share_asks_the_vault_for_that_month_only(
    workspace: Workspace, clock: FixedClock
) -> None:
    receive(workspace, clock, wita(2026, 10, 20, 9), "Kartika")
    receive(workspace, clock, wita(2026, 11, 20, 9), "Lukas")
    queue = QueueService(workspace)
    workspace.settings()  # read before tracing, so only the share's own statements are seen
    TermService(workspace).current()
    statements: list[str] = []
    connection = workspace.db._conn
    connection.set_trace_callback(statements.append)
    try:
        queue.month_share(wita(2026, 11, 25, 9))
    finally:
        connection.set_trace_callback(None)
    reads = [sql for sql in statements if "FROM request" in sql]
    # One range query on the running clocks, one on the earlier clocks: never the whole table.
    assert len(reads) == 2
    assert "clock_started_at >=" in reads[0] and "clock_started_at <" in reads[0]
    assert "FROM request_clock" in reads[1] and "started_at <" in reads[1]
