"""The vault the service-level figures read: a new one in a folder, empty or with five years.

``five_year_vault`` is what issue 12 calls the five-year vault: ``fill_demo`` with 1,500
students over five school years (~5,000 permohonan, ~15,000 sessions), test KDF parameters,
the clock at a fixed Sunday morning. Not a figure itself (``run.py`` loads ``figures_*.py``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bk_desktop.domain.clock import FixedClock
from bk_desktop.services.access import SetupForm, VaultAccess
from bk_desktop.services.demo import fill_demo
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.kdf import TEST_PARAMS
from bk_desktop.storage.vault import VaultPaths

PASSWORD = "Kopi-Pagi-Bontang-2026"
NOW = datetime(2026, 11, 29, 0, 30, tzinfo=UTC)
DEMO_STUDENTS, DEMO_YEARS, DEMO_SEED = 1500, 5, 1


def school_vault(folder: Path, *, filled: bool) -> Workspace:
    """A new vault in ``folder``, filled with five school years when ``filled``."""
    access = VaultAccess(VaultPaths(folder), FixedClock(NOW), KdfChooser(TEST_PARAMS))
    workspace, _ = access.setup(
        SetupForm(
            school_name="SMA Negeri Contoh",
            city="Bontang",
            timezone="Asia/Makassar",
            account_name="Guru BK",
            password=PASSWORD,
            password_repeat=PASSWORD,
        )
    )
    if filled:
        fill_demo(workspace, students=DEMO_STUDENTS, years=DEMO_YEARS, seed=DEMO_SEED)
    return workspace
