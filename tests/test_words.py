"""The words of the standard in the program's own texts (docs/glossary.md, "Words")."""

from __future__ import annotations

import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "bk_desktop"


def test_no_message_says_permintaan() -> None:
    """The thing is a *permohonan konseling*; *permintaan* is not used in any message."""
    found = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in SOURCE.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bpermintaan\b", line, re.IGNORECASE)
    ]
    assert found == []
