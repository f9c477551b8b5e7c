"""Every list and table of the program moves the keyboard the same way.

Tab and Shift+Tab move between widgets, never from cell to cell: Qt's tables walk cells on Tab
by default and so re-select rows, which in the student picker chose another student with the
same name while the user only meant to leave the list (issue 10). Arrow keys move within a
list, Enter and a double click act on the row.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QAbstractItemView

V = TypeVar("V", bound=QAbstractItemView)


def tab_leaves(view: V) -> V:
    """Make Tab leave ``view`` for the next widget (arrows still move inside it)."""
    view.setTabKeyNavigation(False)
    return view
