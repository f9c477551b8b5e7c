"""The Siswa list as a table model that holds student ids only and reads rows as they are shown.

A school has up to 10,000 students and the list is searched on every keystroke, so the model
never loads the registry: ``StudentService.search_ids`` gives the matching ids in display order
(one SQL statement), and ``StudentService.rows`` is asked for the rows of one block of ids at a
time, when the view first paints a row of that block. Blocks are kept in a small
least-recently-used cache; every new search, sort or ``refresh`` empties it, so nothing shown
can be older than the last query.

Sorting is done by the database (``search_ids``' ``sort``), not by a proxy model: a proxy would
have to read every row. The L/P column cannot be sorted; ``is_sortable`` says so.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from bk_desktop.domain.students import StudentStatus
from bk_desktop.services.students import StudentFilters, StudentRow, StudentService, StudentSort
from bk_desktop.ui.kit.palette import MUTED_TEXT

_ModelIndex = QModelIndex | QPersistentModelIndex

NAME, NIS, NISN, CLASS, SEX, STATUS = range(6)
COLUMN_COUNT = 6

SORT_BY_COLUMN: dict[int, StudentSort] = {
    NAME: StudentSort.NAME,
    NIS: StudentSort.NIS,
    NISN: StudentSort.NISN,
    CLASS: StudentSort.CLASS,
    STATUS: StudentSort.STATUS,
}

BLOCK_SIZE = 200
"""Rows read per query: a few screenfuls, one short SQL statement."""
MAX_BLOCKS = 50
"""Blocks kept; 50 × 200 holds a whole 10,000-student school, and no more."""

ID_ROLE = Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("StudentTableModel", text)


def format_count(value: int) -> str:
    """A count with the Indonesian thousands dot: 1.234."""
    return f"{value:,}".replace(",", ".")


def status_text(status: StudentStatus) -> str:
    texts = {
        StudentStatus.AKTIF: _tr("Aktif"),
        StudentStatus.PINDAH: _tr("Pindah sekolah"),
        StudentStatus.LULUS: _tr("Lulus"),
        StudentStatus.KELUAR: _tr("Keluar"),
    }
    return texts[status]


class StudentTableModel(QAbstractTableModel):
    """Columns Nama, NIS, NISN, Kelas, L/P, Status over the ids of the last search."""

    def __init__(self, service: StudentService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.text = ""
        self.filters = StudentFilters()
        self.sort_column = NAME
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._ids: list[int] = []
        self._blocks: OrderedDict[int, dict[int, StudentRow]] = OrderedDict()
        self._suspended = False
        self.blocks_read = 0
        """How many blocks were read from the vault since the last query (for tests)."""

    # -- what the tab asks for -----------------------------------------------------------------

    def search(self, text: str, filters: StudentFilters | None = None) -> None:
        """List the students matching ``text`` and ``filters`` in the current sort order."""
        self.text = text
        if filters is not None:
            self.filters = filters
        self.refresh()

    def refresh(self) -> None:
        """Run the current query again; rows are read anew as they are shown."""
        ids = self.service.search_ids(
            self.text,
            self.filters,
            SORT_BY_COLUMN[self.sort_column],
            self.sort_order == Qt.SortOrder.DescendingOrder,
        )
        self.beginResetModel()
        self._ids = ids
        self._blocks.clear()
        self.blocks_read = 0
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._ids = []
        self._blocks.clear()
        self.endResetModel()

    def set_suspended(self, suspended: bool) -> None:
        """While suspended no row is read from the vault (another thread is using it); rows not
        read yet show empty until the next ``refresh``."""
        self._suspended = suspended

    @staticmethod
    def is_sortable(column: int) -> bool:
        return column in SORT_BY_COLUMN

    def student_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, student_id: int) -> int:
        """The row showing ``student_id``, or -1 when it is not in the list."""
        try:
            return self._ids.index(student_id)
        except ValueError:
            return -1

    def cached_rows(self) -> int:
        return sum(len(block) for block in self._blocks.values())

    # -- rows, read block by block -------------------------------------------------------------

    def _row(self, row: int) -> StudentRow | None:
        block_index = row // BLOCK_SIZE
        block = self._blocks.get(block_index)
        if block is None:
            if self._suspended:
                return None
            start = block_index * BLOCK_SIZE
            ids = self._ids[start : start + BLOCK_SIZE]
            block = {r.id: r for r in self.service.rows(ids, self.filters.year)}
            self.blocks_read += 1
            self._blocks[block_index] = block
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block_index)
        # A student removed since the search is simply not in the block: an empty row.
        return block.get(self._ids[row])

    # -- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: _ModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._ids)

    def columnCount(self, parent: _ModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return COLUMN_COUNT

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return None
        student = self._row(index.row())
        if student is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole:
            # Colour only repeats what the Status column says in words.
            if student.status is not StudentStatus.AKTIF:
                return QColor(MUTED_TEXT)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == CLASS and student.homeroom_teacher:
                return _tr("Wali kelas: {name}").format(name=student.homeroom_teacher)
            if column == NAME:
                return student.name
            return None
        return self._text(student, column, accessible=role == Qt.ItemDataRole.AccessibleTextRole)

    def _text(self, student: StudentRow, column: int, *, accessible: bool) -> str:
        if column == NAME:
            return student.name
        if column == NIS:
            return student.nis or (_tr("NIS belum diisi") if accessible else "")
        if column == NISN:
            return student.nisn or (_tr("NISN belum diisi") if accessible else "")
        if column == CLASS:
            return student.rombel or (_tr("Belum ada kelas") if accessible else "—")
        if column == SEX:
            if student.sex is None:
                return _tr("Belum diisi") if accessible else ""
            return student.sex.label if accessible else student.sex.value
        return status_text(student.status)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                _tr("Nama"),
                _tr("NIS"),
                _tr("NISN"),
                _tr("Kelas"),
                _tr("L/P"),
                _tr("Status"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == SEX:
                return _tr("Jenis kelamin (L = laki-laki, P = perempuan)")
            return _tr("Klik untuk mengurutkan")
        return None

    def flags(self, index: _ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by the database; a column that cannot be sorted leaves the order as it is."""
        if not self.is_sortable(column):
            return
        if column == self.sort_column and order == self.sort_order:
            return
        self.sort_column = column
        self.sort_order = order
        ids = self.service.search_ids(
            self.text,
            self.filters,
            SORT_BY_COLUMN[column],
            order == Qt.SortOrder.DescendingOrder,
        )
        if sorted(ids) != sorted(self._ids):
            # The registry changed since the last search: not a reordering, a new list.
            self.beginResetModel()
            self._ids = ids
            self._blocks.clear()
            self.blocks_read = 0
            self.endResetModel()
            return
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        self._ids = ids
        self._blocks.clear()
        self.blocks_read = 0
        # Persistent indexes (the selection, the current row) follow their student.
        new_row = {student_id: row for row, student_id in enumerate(ids)}
        before = self.persistentIndexList()
        after = [
            self.index(new_row[old_ids[index.row()]], index.column())
            if 0 <= index.row() < len(old_ids)
            else QModelIndex()
            for index in before
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
