"""The look of a cell whose state is pressing (late in red, soon in amber).

Colour is never the only sign: the words of the cell say the same (DESIGN.md §5a). Every
table model that marks such a cell asks here for its brush and its weight, so a list, Beranda
and a register mark alike.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont


def emphasis(role: int, colour: str, *, bold: bool = True) -> QBrush | QFont | None:
    """The foreground brush for ``ForegroundRole``, a bold font for ``FontRole`` (when
    ``bold``), ``None`` for any other role or an empty colour."""
    if not colour:
        return None
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(QColor(colour))
    if role == Qt.ItemDataRole.FontRole and bold:
        font = QFont()
        font.setBold(True)
        return font
    return None


__all__ = ["emphasis"]
