"""Shared test constants and builders, importable as ``support`` from any test."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest

from bk_desktop.domain.requests import RequestSource
from bk_desktop.domain.students import ClassPlacement, StudentDraft
from bk_desktop.services.access import SetupForm
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace

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
