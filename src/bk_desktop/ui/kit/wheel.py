"""The mouse wheel scrolls a page; it changes a value only in the field being edited.

Qt lets a spin box, a date edit or a combo box take every wheel turn that passes over it, so
scrolling a long settings page could silently change a holiday date or the idle minutes on the
way down. Fields given this filter take the wheel only while they have the keyboard focus
(clicked or tabbed into); otherwise the turn goes to the page, which scrolls.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget


class _WheelOnlyWhenFocused(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            event.ignore()  # the parent (the scrolling page) gets it instead
            return True
        return False


def wheel_only_when_focused(fields: Iterable[QWidget], owner: QObject) -> None:
    """Install the filter (parented to ``owner``) on ``fields``; a click still focuses them."""
    guard = owner.findChild(_WheelOnlyWhenFocused) or _WheelOnlyWhenFocused(owner)
    for field in fields:
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        field.installEventFilter(guard)


def value_fields(root: QWidget) -> list[QWidget]:
    """The fields under ``root`` that a wheel turn would change."""
    return [*root.findChildren(QAbstractSpinBox), *root.findChildren(QComboBox)]
