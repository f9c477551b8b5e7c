"""Guards against a Qt binding that corrupts reference counts (seen in PySide6 6.12.0).

That release dropped a reference to ``None`` on every call that returns nothing; on Python
3.11, where ``None`` is not immortal, a long session then aborts with "none_dealloc".
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_calls_returning_nothing_keep_none_alive() -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        probe.setObjectName("probe")
    # A few references may come and go with the interpreter's own work; 500 lost ones may not.
    assert sys.getrefcount(None) - before > -50
