"""The preview's students: who the import adds or updates, and into which class."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QObject, Qt

# The UI may not import ``importers`` (tests/test_architecture.py): the import's types come
# through its service.
from bk_desktop.services.student_import import PlannedChange
from bk_desktop.ui.import_wizard.common import ModelIndex, tr


class ChangesModel(QAbstractTableModel):
    """Sheet row, student, what happens (ditambahkan / diperbarui: which fields), class."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._changes: list[PlannedChange] = []

    def set_changes(self, changes: list[PlannedChange]) -> None:
        self.beginResetModel()
        self._changes = changes
        self.endResetModel()

    def rowCount(self, parent: ModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._changes)

    def columnCount(self, parent: ModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return 4

    def _cells(self, change: PlannedChange) -> tuple[str, str, str, str]:
        if change.added:
            action = tr("Ditambahkan")
        else:
            action = tr("Diperbarui: {fields}").format(fields=", ".join(change.changed_fields))
        return (
            str(change.row_number),
            change.name,
            action,
            change.rombel or tr("(tanpa kelas)"),
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._changes):
            return None
        change = self._changes[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cells(change)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return " · ".join(self._cells(change)[1:])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 4
        ):
            return (tr("Baris"), tr("Nama siswa"), tr("Perubahan"), tr("Kelas"))[section]
        return None
