"""Shared fixtures. GUI tests live under tests/ui and are marked ``gui`` automatically."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bk_desktop.domain.clock import FixedClock
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.vault import VaultPaths

from support import PASSWORD, START, setup_form

__all__ = ["PASSWORD", "START", "setup_form"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    ui_dir = Path(__file__).parent / "ui"
    for item in items:
        if ui_dir in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)


# -- a real vault in a temporary folder ----------------------------------------------------


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def access(tmp_path: Path, clock: FixedClock) -> VaultAccess:
    return VaultAccess(VaultPaths(tmp_path / "data"), clock, KdfChooser(TEST_PARAMS))


@pytest.fixture
def created(access: VaultAccess) -> Iterator[tuple[Workspace, str]]:
    """A fresh vault: the open workspace and its recovery key. Locked after the test."""
    workspace, recovery = access.setup(setup_form())
    yield workspace, recovery
    workspace.lock()


@pytest.fixture
def workspace(created: tuple[Workspace, str]) -> Workspace:
    return created[0]
