"""Fixtures over ``dapodik_files``: Dapodik "Daftar PD" files in the test's temporary folder.

Student cells are given by header name, so tests never depend on column positions either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from dapodik_files import Student, build_dapodik, dapodik_student


@pytest.fixture
def make_dapodik(tmp_path: Path) -> Callable[..., Path]:
    """``make_dapodik(students, name="daftar.xlsx", **options)`` → path of a Dapodik file."""

    def make(students: Sequence[Student], name: str = "daftar_pd.xlsx", **options: Any) -> Path:
        return build_dapodik(tmp_path / name, students, **options)

    return make


@pytest.fixture
def student_row() -> Callable[[int], Student]:
    return dapodik_student
