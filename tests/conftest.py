"""Shared fixtures. GUI tests live under tests/ui and are marked ``gui`` automatically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    ui_dir = Path(__file__).parent / "ui"
    for item in items:
        if ui_dir in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


# -- a real vault in a temporary folder ----------------------------------------------------

from datetime import UTC, datetime  # noqa: E402

from bk_desktop.domain.clock import FixedClock  # noqa: E402
from bk_desktop.services.access import SetupForm, VaultAccess  # noqa: E402
from bk_desktop.services.kdf_choice import KdfChooser  # noqa: E402
from bk_desktop.services.session import Session  # noqa: E402
from bk_desktop.storage.kdf import TEST_PARAMS  # noqa: E402
from bk_desktop.storage.vault import VaultPaths  # noqa: E402

PASSWORD = "Kopi-Pagi-Bontang-2026"
START = datetime(2026, 11, 29, 0, 30, tzinfo=UTC)  # Minggu 08.30 WITA


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def access(tmp_path: Path, clock: FixedClock) -> VaultAccess:
    return VaultAccess(VaultPaths(tmp_path / "data"), clock, KdfChooser(TEST_PARAMS))


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


@pytest.fixture
def created(access: VaultAccess) -> tuple[Session, str]:
    """A fresh vault: the open session and its recovery key. Closed after the test."""
    session, recovery = access.setup(setup_form())
    yield session, recovery
    session.lock()


@pytest.fixture
def session(created: tuple[Session, str]) -> Session:
    return created[0]
