"""The first window comes at once: the unlock dialog is painted and takes typing before the
vault stack is imported, and "Buka" still opens the main window whenever it is pressed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bk_desktop.services.access import VaultAccess
from bk_desktop.services.workspace import Workspace

from support import PASSWORD

CHILD = Path(__file__).with_name("first_window_child.py")


def start_program(access: VaultAccess, mode: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(CHILD), str(access.paths.folder), PASSWORD, mode],
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("mode", ["after-load", "at-once"])
def test_the_unlock_dialog_takes_typing_before_the_vault_stack_and_then_unlocks(
    access: VaultAccess, created: tuple[Workspace, str], mode: str
) -> None:
    created[0].lock()
    report = start_program(access, mode)
    assert report["at_paint"] == []  # no sqlcipher3, cryptography, argon2, reportlab, window
    assert report["when_typing"] == []
    assert report["accounts"] == ["Sari Wulandari"]
    assert report["focus"] == "unlockPassword"
    assert report["typed"] == PASSWORD
    assert report["loaded_before_enter"] is (mode == "after-load")
    assert "SMA Negeri 1 Bontang" in str(report["main_window"])
    assert report["printing_with_window"] == []  # reportlab, PDFium, Pillow: on the first print
