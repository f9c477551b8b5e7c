"""Shared test constants and builders, importable as ``support`` from any test."""

from __future__ import annotations

from datetime import UTC, datetime

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
