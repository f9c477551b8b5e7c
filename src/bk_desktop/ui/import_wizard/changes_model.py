"""The preview's students: who the import adds or updates, and into which class."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

# The UI may not import ``importers`` (tests/test_architecture.py): the import's types come
# through its service.
from bk_desktop.services.student_import import PlannedChange
from bk_desktop.ui.import_wizard.common import ModelIndex, tr
from bk_desktop.ui.kit.records import RecordsModel


class ChangesModel(RecordsModel[PlannedChange]):
    """Sheet row, student, what happens (ditambahkan / diperbarui: which fields), class."""

    def headers(self) -> tuple[str, ...]:
        return (tr("Baris"), tr("Nama siswa"), tr("Perubahan"), tr("Kelas"))

    def set_changes(self, changes: list[PlannedChange]) -> None:
        self._reset(changes)

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
        change = self.record_of(index)
        if change is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cells(change)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return " · ".join(self._cells(change)[1:])
        return None
