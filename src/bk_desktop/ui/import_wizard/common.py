"""What the import wizard's pages share: their ids, the translation context, row limits."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
)

FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE, RESULT_PAGE = range(4)


ModelIndex = QModelIndex | QPersistentModelIndex


SAMPLE_ROWS = 30


WRAP_LIMIT = 400
"""Above this many warnings, rows keep one line (the full text is in the tooltip)."""


def tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)
