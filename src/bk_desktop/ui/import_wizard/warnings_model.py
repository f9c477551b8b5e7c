"""The preview's warnings as a table: the row in the file, the student, what is wrong."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

# The UI may not import ``importers`` (tests/test_architecture.py): the import's types come
# through its service.
from bk_desktop.services.student_import import ImportWarning
from bk_desktop.ui.import_wizard.common import ModelIndex, tr
from bk_desktop.ui.kit.records import RecordsModel


class WarningsModel(RecordsModel[ImportWarning]):
    """The preview's warnings: sheet row, student, message."""

    def headers(self) -> tuple[str, ...]:
        return (tr("Baris"), tr("Nama siswa"), tr("Peringatan"))

    def set_warnings(self, warnings: tuple[ImportWarning, ...]) -> None:
        self._reset(warnings)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        warning = self.record_of(index)
        if warning is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (str(warning.row_number), warning.student_name, warning.message)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(warning)
        return None
