"""Shared test constants and builders, importable as ``support`` from any test."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest

from bk_desktop.services.access import SetupForm

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
