"""A read-only list of records: a table model over a Python list, and the table that gives
way to an empty state while the list has no rows (the Pengaturan pages' accounts, semesters)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStackedWidget,
    QTableView,
)

from bk_desktop.ui.kit.empty_state import EmptyState
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.views import tab_leaves

R = TypeVar("R")
_ModelIndex = QModelIndex | QPersistentModelIndex


class RecordsModel(QAbstractTableModel, Generic[R]):
    """Records held in a list, one row each, read-only; a subclass says what a cell shows
    (``data``) and names its columns (``headers``)."""

    headers: Callable[[], Sequence[str]]
    """The column titles, in order; each subclass names its own."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[R] = []

    def _reset(self, records: Iterable[R]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record_at(self, row: int) -> R | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def row_where(self, test: Callable[[R], bool]) -> int:
        """The first row whose record passes ``test``, or -1."""
        return next((i for i, r in enumerate(self._records) if test(r)), -1)

    def record_of(self, index: _ModelIndex) -> R | None:
        """The record of an index's row, or None for an invalid index."""
        return self.record_at(index.row()) if index.isValid() else None

    def rowCount(self, parent: _ModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._records)

    def columnCount(self, parent: _ModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        headers = self.headers()
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(headers)
        ):
            return headers[section]
        return None


class RecordList(QStackedWidget, Generic[R]):
    """The table of a ``RecordsModel``, or an empty state in its place while it has no rows.

    It follows the model by itself and is as tall as ``rows`` (fewest, most) rows, so that
    the form under it stays in view; a longer list scrolls.
    """

    def __init__(
        self,
        model: RecordsModel[R],
        name: tuple[str, str],
        empty: tuple[str, str],
        *,
        rows: tuple[int, int],
        stretch: Sequence[int] = (),
    ) -> None:
        """``name`` and ``empty`` are (objectName, text) of the table and of the sentence;
        the columns in ``stretch`` share the width, the others fit their contents (all
        stretch when none is given)."""
        super().__init__()
        self.model = model
        self._rows = rows
        self.table = tab_leaves(named(QTableView(), *name))
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        if stretch:
            for column in range(model.columnCount()):
                mode = QHeaderView.ResizeMode.Stretch
                if column not in stretch:
                    mode = QHeaderView.ResizeMode.ResizeToContents
                header.setSectionResizeMode(column, mode)
        else:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        empty_name, empty_text = empty
        self.empty = EmptyState(f"{empty_name}State", empty_text, text_name=empty_name)
        self.addWidget(self.table)
        self.addWidget(self.empty)
        model.modelReset.connect(self._follow_model)

    def selected(self) -> R | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def select(self, row: int) -> None:
        if row >= 0:
            self.table.selectRow(row)

    def _follow_model(self) -> None:
        count = self.model.rowCount()
        self.setCurrentWidget(self.table if count else self.empty)
        fewest, most = self._rows
        shown = min(max(count, fewest), most)
        frame = 2 * self.table.frameWidth()
        header = self.table.horizontalHeader().sizeHint().height()
        row = self.table.verticalHeader().defaultSectionSize()
        height = header + shown * row + frame
        self.table.setFixedHeight(height)
        self.setFixedHeight(height)
