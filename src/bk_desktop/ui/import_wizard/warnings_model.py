"""The preview's warnings as a table: the row in the file, the student, what is wrong."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QObject,
    Qt,
)

# The UI may not import ``importers`` (tests/test_architecture.py): the import's types come
# through its service.
from bk_desktop.services.student_import import (
    ImportWarning,
)
from bk_desktop.ui.import_wizard.common import ModelIndex, tr


class WarningsModel(QAbstractTableModel):
    """The preview's warnings: sheet row, student, message."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._warnings: tuple[ImportWarning, ...] = ()

    def set_warnings(self, warnings: tuple[ImportWarning, ...]) -> None:
        self.beginResetModel()
        self._warnings = warnings
        self.endResetModel()

    def rowCount(self, parent: ModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._warnings)

    def columnCount(self, parent: ModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return 3

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._warnings):
            return None
        warning = self._warnings[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (str(warning.row_number), warning.student_name, warning.message)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(warning)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 3
        ):
            return (tr("Baris"), tr("Nama siswa"), tr("Peringatan"))[section]
        return None
