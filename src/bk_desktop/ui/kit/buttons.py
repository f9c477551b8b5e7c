"""A button that cannot be pressed says why.

A greyed "Sepakati jadwal…" gave a new guru no hint that the screening comes first (issue 10).
Every action button that is disabled for a reason carries that reason as its tooltip (and
its accessible description, for screen readers); once it is enabled again it gets its own
tooltip back.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton

_USUAL_TIP = "usualToolTip"


def enable_unless(button: QAbstractButton, why_not: str) -> None:
    """Enable ``button`` when ``why_not`` is empty; otherwise disable it and say why."""
    if button.property(_USUAL_TIP) is None:
        button.setProperty(_USUAL_TIP, button.toolTip())
    usual = str(button.property(_USUAL_TIP))
    button.setEnabled(not why_not)
    button.setToolTip(why_not or usual)
    button.setAccessibleDescription(why_not)
