"""A flat table model over a list of items, each known by an integer id.

``RequestTableModel`` (Pengajuan, Penyaringan) and ``QueueModel`` (Beranda) share this: the
items in the service's order, the school's zone for the times they show, a cache of the
status icons, the row of an id, and the guards every ``data``/``headerData`` call needs. Each
model says only how a cell (``_cell_data``) and a column title (``_header_text``) look.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from bk_desktop.ui.style import icon

AnyIndex = QModelIndex | QPersistentModelIndex

T = TypeVar("T")


class ItemListModel(QAbstractTableModel, Generic[T]):
    """Items as rows, in the order given; ``ID_ROLE`` holds the id ``id_of`` reads."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    # What each model says for itself: a column's title, and a cell's value for a role.
    _header_text: Callable[[int], str]
    _cell_data: Callable[[T, int, int], Any]

    def __init__(
        self, id_of: Callable[[T], int], column_count: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._id_of = id_of
        self._column_count = column_count
        self._items: list[T] = []
        self._zone = ZoneInfo("Asia/Makassar")
        self._icons: dict[str, QIcon] = {}

    # -- filling ---------------------------------------------------------------------------

    def set_items(self, items: Sequence[T], zone: ZoneInfo) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._zone = zone
        self._forget_headers()
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self._column_count - 1))

    def _forget_headers(self) -> None:
        """Drop whatever a model keeps of its column titles; they may name the old zone."""

    # -- reading ---------------------------------------------------------------------------

    @property
    def items(self) -> list[T]:
        return list(self._items)

    def item_at(self, row: int) -> T | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, item_id: int) -> int | None:
        for row, item in enumerate(self._items):
            if self._id_of(item) == item_id:
                return row
        return None

    # -- the Qt model ----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self._column_count

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation is not Qt.Orientation.Horizontal
            or not 0 <= section < self._column_count
            or role != Qt.ItemDataRole.DisplayRole
        ):
            return None
        return self._header_text(section)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        item = self.item_at(index.row())
        if item is None or not 0 <= index.column() < self._column_count:
            return None
        if role == self.ID_ROLE:
            return self._id_of(item)
        return self._cell_data(item, index.column(), role)

    @property
    def zone(self) -> ZoneInfo:
        """The school's zone the times in this list are shown in."""
        return self._zone

    def status_icon(self, name: str) -> QIcon:
        """A bundled icon, loaded once per model."""
        if name not in self._icons:
            self._icons[name] = icon(name)
        return self._icons[name]
