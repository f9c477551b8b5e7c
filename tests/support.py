"""Shared test constants and builders, importable as ``support`` from any test."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import SessionReport, SessionStatus
from bk_desktop.domain.requests import Assent, RequestSource
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.domain.screening import Bidang, ScreeningDraft, ServiceKind
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.access import SetupForm
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.kdf import TEST_PARAMS

PASSWORD = "Kopi-Pagi-Bontang-2026"
START = datetime(2026, 11, 29, 0, 30, tzinfo=UTC)  # Minggu, 08.30 WITA


def setup_form(**changes: str) -> SetupForm:
    values = {
        "school_name": "SMA Negeri 1 Bontang",
        "city": "Bontang",
        "timezone": "Asia/Makassar",
        "account_name": "Sari Wulandari",
        "password": PASSWORD,
        "password_repeat": PASSWORD,
    }
    values.update(changes)
    return SetupForm(**values)


@contextmanager
def pc_zone(zone: str) -> Iterator[None]:
    """Run with this process's local time zone set to ``zone`` (POSIX ``TZ``), as if the PC
    were set so; skip where the zone cannot be changed."""
    if not hasattr(time, "tzset"):
        pytest.skip("the process's time zone can be set only on POSIX")
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def add_request(workspace: Workspace, name: str = "Ayu Lestari") -> int:
    """A student in X MIPA 1 and a permohonan of theirs received an hour ago (back-dated)."""
    year = TermService(workspace).current().year
    student_id = StudentService(workspace).create(
        StudentDraft(name=name, placements=(ClassPlacement(year, "X MIPA 1"),))
    )
    return RequestService(workspace).create(
        RequestForm(
            student_id=student_id,
            source=RequestSource.SISWA_SENDIRI,
            reason="Sering terlambat masuk kelas.",
            received_at=workspace.now() - timedelta(hours=1),
            backdate_reason="Disampaikan lisan",
        )
    )


def hold_session(
    workspace: Workspace, clock: FixedClock, request_id: int, **report: object
) -> tuple[int, int]:
    """Record the next planned session of a permohonan as held, 45 minutes from its planned
    start, moving the clock past its end when needed; returns (session id, case id)."""
    service = CounsellingService(workspace)
    planned = [
        s for s in service.sessions_of_request(request_id) if s.status is SessionStatus.TERJADWAL
    ]
    session = planned[0]
    end = session.planned_start + timedelta(minutes=45)
    if clock.now() < end:
        clock.advance(seconds=(end - clock.now()).total_seconds() + 300)
    values: dict[str, object] = {
        "actual_start": session.planned_start,
        "actual_end": end,
        "understanding": "Memahami bahwa terlambat berasal dari tidur larut.",
        "comfort": "Merasa lega sudah bercerita.",
        "action": "Tidur sebelum pukul 22.00 selama seminggu.",
    }
    values.update(report)
    case_id = service.record_session(session.id, SessionReport(**values))  # type: ignore[arg-type]
    return session.id, case_id


def school_slot(workspace: Workspace, after: timedelta = timedelta(0)) -> datetime:
    """The first moment at least ``after`` from now, on the next quarter hour, that lies in
    the school's hours on a school day (07.00–14.00 start, Senin–Jumat, not a holiday): where a
    test may place a session without a reason. START is a Sunday, so this is often Monday."""
    settings = workspace.settings()
    zone = settings.zone
    moment = (workspace.now() + after).astimezone(zone)
    moment = moment.replace(second=0, microsecond=0)
    moment += timedelta(minutes=-moment.minute % 15)
    while True:
        day = moment.date()
        school_day = day.weekday() not in settings.weekend_days and (
            day not in settings.holiday_dates
        )
        if school_day and 7 <= moment.hour < 14:
            return moment.astimezone(UTC)
        if school_day and moment.hour < 7:
            moment = moment.replace(hour=9, minute=0)
            continue
        moment = (moment + timedelta(days=1)).replace(hour=9, minute=0)


def signed_in_as(workspace: Workspace, name: str, role: Role) -> Workspace:
    """A second workspace over the same open vault, signed in as a new account of ``role``
    (added by the koordinator of ``workspace``): two people sharing the room's PC in turn."""
    account = AccountService(workspace, KdfChooser(TEST_PARAMS)).add(
        name=name, role=role, password=PASSWORD, password_repeat=PASSWORD
    )
    return Workspace(workspace.vault, account, workspace.clock)


def counselled(workspace: Workspace, name: str = "Ayu Lestari") -> int:
    """A permohonan screened for konseling individual, willing, its first time agreed two
    hours from now with the counsellor of ``workspace``."""
    request_id = add_request(workspace, name)
    requests = RequestService(workspace)
    requests.set_assent(request_id, Assent.BERSEDIA)
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
    requests.agree_schedule(request_id, school_slot(workspace, timedelta(hours=2)))
    return request_id
