"""Choosing one student: a search line over the registry and the matching students below.

Every keystroke runs ``StudentService.search_ids`` (one statement, ids in display order); the
result model fetches rows for those ids a page at a time as the list scrolls, so a school of
10,000 students costs no more than one of 200. The list shows each student's class and
enrolment status, because a student who is no longer aktif may be found but not served: the
picker then shows the domain's reason (Persyaratan 1) and reports the choice as refused.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.errors import RuleViolation
from bk_desktop.domain.students import StudentStatus, ensure_can_be_served
from bk_desktop.services.students import StudentRow, StudentService
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.kit.palette import MUTED_TEXT
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.style import icon, set_role

AnyIndex = QModelIndex | QPersistentModelIndex
PAGE = 50


class StudentResultsModel(QAbstractTableModel):
    """Students matching the search: all their ids, and the rows fetched so far."""

    ID_ROLE = Qt.ItemDataRole.UserRole + 1
    COLUMNS = 4

    def __init__(self, students: StudentService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._students = students
        self._ids: list[int] = []
        self._rows: list[StudentRow] = []

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._rows = self._students.rows(self._ids[:PAGE]) if self._ids else []
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self._ids)

    def row_at(self, row: int) -> StudentRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and len(self._rows) < len(self._ids)

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid():
            return
        start = len(self._rows)
        more = self._students.rows(self._ids[start : start + PAGE])
        if not more:
            return
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def rowCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (self.tr("Nama"), self.tr("Kelas"), self.tr("NIS"), self.tr("Status"))
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < self.COLUMNS:
            return None
        if role == self.ID_ROLE:
            return row.id
        served = row.status is StudentStatus.AKTIF
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (row.name, row.rombel or "—", row.nis or "—", row.status.label)[column]
        if role == Qt.ItemDataRole.ForegroundRole and not served:
            return QBrush(QColor(MUTED_TEXT))
        if role == Qt.ItemDataRole.DecorationRole and column == 3 and not served:
            return icon("warning")
        if role == Qt.ItemDataRole.ToolTipRole and not served:
            return self.tr("Siswa berstatus {status}: tidak dapat dilayani.").format(
                status=row.status.label.lower()
            )
        return None


class StudentPicker(QWidget):
    """Search, then pick one student. ``picked`` carries the id (or None when cleared)."""

    picked = Signal(object)

    def __init__(
        self,
        students: StudentService,
        prefix: str = "student",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._students = students
        self.student_id: int | None = None
        self.refusal = ""
        """The domain's reason why the picked student cannot be served, else ""."""

        self.search = named(QLineEdit(self), f"{prefix}Search", self.tr("Cari siswa"))
        self.search.setPlaceholderText(self.tr("Ketik nama, NIS, NISN, atau kelas…"))
        self.search.setClearButtonEnabled(True)
        # Qt's clear button is an unnamed tool button inside the field: named for screen
        # readers (and the every-control-is-named checks of the pages that hold a picker).
        for button in self.search.findChildren(QToolButton):
            button.setObjectName(f"{prefix}SearchClear")
            button.setAccessibleName(self.tr("Kosongkan pencarian"))
        self.search.installEventFilter(self)

        self.model = StudentResultsModel(students, self)
        self.results = tab_leaves(
            named(QTableView(self), f"{prefix}Results", self.tr("Hasil pencarian siswa"))
        )
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        self.results.setAlternatingRowColors(True)
        self.results.setWordWrap(False)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        row_height = self.results.verticalHeader().defaultSectionSize()
        self.results.setFixedHeight(row_height * 4 + header.sizeHint().height() + 4)
        self.results.selectionModel().selectionChanged.connect(self._on_selection)
        self.results.installEventFilter(self)

        self.count = QLabel(self)
        self.count.setObjectName(f"{prefix}Count")
        set_role(self.count, "muted")

        self.chosen = wrapping_label(self)
        self.chosen.setObjectName(f"{prefix}Chosen")
        self.refusal_icon = QLabel(self)
        self.refusal_icon.setPixmap(icon("error").pixmap(18, 18))
        self.refusal_icon.setFixedSize(18, 18)
        self.refusal_icon.hide()
        self.refusal_label = wrapping_label(self)
        self.refusal_label.setObjectName(f"{prefix}Refusal")
        set_role(self.refusal_label, "error")
        self.refusal_label.hide()

        refusal_row = QHBoxLayout()
        refusal_row.setSpacing(6)
        refusal_row.addWidget(self.refusal_icon, 0, Qt.AlignmentFlag.AlignTop)
        refusal_row.addWidget(self.refusal_label, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.count)
        layout.addWidget(self.chosen)
        layout.addLayout(refusal_row)

        self.search.textChanged.connect(self._search)
        self._search("")
        self._show_choice(None)

    # -- searching ---------------------------------------------------------------------------

    @Slot(str)
    def _search(self, text: str) -> None:
        self.model.set_ids(self._students.search_ids(text))
        total = self.model.total
        if total == 0:
            self.count.setText(
                self.tr(
                    "Tidak ada siswa yang cocok. Periksa ejaan, atau daftarkan siswanya "
                    "di tab Siswa."
                )
                if text.strip()
                else self.tr("Belum ada siswa terdaftar. Daftarkan siswa di tab Siswa.")
            )
        else:
            self.count.setText(self.tr("{n} siswa ditemukan").format(n=total))
        # A student picked before stays picked even when the new search no longer lists them.
        if self.student_id is not None:
            self._select_row_of(self.student_id)

    def _select_row_of(self, student_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.index(row, 0).data(StudentResultsModel.ID_ROLE) == student_id:
                self.results.selectRow(row)
                return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down arrow moves from the search line into the results; Enter picks and never
        reaches the dialog's default button (which would save before the form is filled):
        in the search line it takes a lone match or moves into the results, in the results it
        takes the current row and moves on to the next input."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self.search:
            if key == Qt.Key.Key_Down and self.model.rowCount() > 0:
                self.results.setFocus()
                if not self.results.selectionModel().hasSelection():
                    self.results.selectRow(0)
                return True
            if enter and self.model.rowCount() == 1:
                self.results.selectRow(0)
                return True
            if enter and self.model.rowCount() > 1:
                self.results.setFocus()  # several match: choose with the arrows, then Enter
                return True
        elif watched is self.results and enter:
            current = self.results.currentIndex()
            if current.isValid():
                self.results.selectRow(current.row())
                self.focusNextPrevChild(True)
            return True
        return super().eventFilter(watched, event)

    # -- picking -----------------------------------------------------------------------------

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.results.selectionModel().selectedRows()
        if not rows:
            return  # a new search emptied the list: the earlier pick still stands
        student_id = rows[0].data(StudentResultsModel.ID_ROLE)
        if isinstance(student_id, int) and student_id != self.student_id:
            self.pick(student_id)

    def pick(self, student_id: int | None) -> None:
        """Choose a student (as a click would) and check whether they may be served."""
        self.student_id = student_id
        self.refusal = ""
        if student_id is not None:
            try:
                ensure_can_be_served(self._students.get(student_id))
            except RuleViolation as refused:
                self.refusal = refused.message
        self._show_choice(student_id)
        self.picked.emit(student_id)

    def restore(self, student_id: object) -> None:
        """Pick again the student a draft names, if they are still in the registry (else the
        draft's pick is dropped and nobody is picked)."""
        if isinstance(student_id, int) and self._students.rows([student_id]):
            self.pick(student_id)
            self._select_row_of(student_id)

    def _show_choice(self, student_id: int | None) -> None:
        if student_id is None:
            self.chosen.setText(self.tr("Belum ada siswa dipilih."))
            set_role(self.chosen, "muted")
        else:
            rows = self._students.rows([student_id])
            if rows:
                row = rows[0]
                # Class and NIS tell two students of the same name apart.
                self.chosen.setText(
                    self.tr("Dipilih: {name} ({rombel}, NIS {nis}, {status})").format(
                        name=row.name,
                        rombel=row.rombel or self.tr("tanpa kelas"),
                        nis=row.nis or "—",
                        status=row.status.label.lower(),
                    )
                )
            set_role(self.chosen, "")
        self.refusal_label.setText(self.refusal)
        self.refusal_label.setVisible(bool(self.refusal))
        self.refusal_icon.setVisible(bool(self.refusal))
        self.search.setAccessibleDescription(self.chosen.text())
