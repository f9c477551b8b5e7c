"""How the window was left: its geometry, and each table's column widths and hidden columns.

Only state that names no record lives here (issue 10: geometry, column widths, an open
section); a record, a search or a draft stays in the vault or nowhere. It is kept with
``QSettings`` in an INI file of the user's configuration folder, the same format on every
system, so a test can move it with ``QSettings.setPath`` and never touch the real user's file.

Columns were refitted to their contents on every read and optional columns hidden whenever a
list happened to be narrow at that moment, so a list looked different on each visit and the
student's name was what got cut ("Rafi Ramad…" beside a wide "Tahap"). Now a table's columns
are fitted once, the first time it has rows, with the name column taking the width that is
left; from then on what the user (or that first fit) left is what the table shows next time.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView, QWidget

ORGANISATION = "bk-desktop"
APPLICATION = "bk-desktop"

WIDEST_FITTED_COLUMN = 240
"""A column other than the name is fitted to its contents up to this many pixels; longer
texts are elided in it rather than taking the name's room."""


def ui_settings() -> QSettings:
    """The one store of window state (an INI file in the user's configuration folder)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def save_geometry(window: QWidget) -> None:
    """Keep the window's size, place and maximised state for the next start."""
    ui_settings().setValue("window/geometry", window.saveGeometry())


def restore_geometry(window: QWidget) -> bool:
    """Put the window back where it was left; False on a first start (nothing kept) or when
    the kept geometry no longer fits any screen, so the caller opens it maximised."""
    kept = ui_settings().value("window/geometry")
    if isinstance(kept, QByteArray) and not kept.isEmpty():
        return window.restoreGeometry(kept)
    return False


class RememberedColumns(QObject):
    """A table's columns as the user left them, kept under ``key``.

    The ``name`` column stretches over the width the others leave; the others are sized by the
    user (or fitted once to their contents, at most ``WIDEST_FITTED_COLUMN``). The columns in
    ``optional`` can be hidden or shown from the header's context menu; until the user has
    chosen there, they are left out (in that order) while the list is too narrow to show them
    beside ``name_width`` pixels of name, the same way at the same width on every visit.
    Widths and the user's choice of columns are saved as they change and put back when the
    table is built again (after a lock, or the next start).
    """

    def __init__(
        self,
        view: QTableView,
        key: str,
        *,
        name: int,
        optional: Sequence[int] = (),
        name_width: int = 160,
    ) -> None:
        super().__init__(view)
        self.setObjectName(f"{view.objectName()}Columns")
        self._view = view
        self._key = f"columns/{key}"
        self._name = name
        self._optional = tuple(optional)
        self._name_width = name_width
        self._applying = True
        self.chosen = bool(ui_settings().value(f"{self._key}Chosen", False, type=bool))
        """True once the user picked the columns from the header's menu."""
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(name, QHeaderView.ResizeMode.Stretch)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._offer_columns)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.fitted = self._restore()
        self._applying = False
        header.sectionResized.connect(self._on_resized)
        model = view.model()
        model.modelReset.connect(self._fit_once)
        model.rowsInserted.connect(self._fit_once)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Filled while hidden (a tab read before it is shown): fit once it has its width. The
        # viewport is watched, not the view: its size is the room the columns have, and it is
        # resized after the view.
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self._fit_once()
            self._leave_out_for_width()
        return False

    # -- keeping -------------------------------------------------------------------------

    def _restore(self) -> bool:
        kept = ui_settings().value(self._key)
        header = self._view.horizontalHeader()
        if not isinstance(kept, QByteArray) or kept.isEmpty():
            return False
        if not header.restoreState(kept) or header.count() != self._view.model().columnCount():
            return False
        # The state also holds resize modes; the name column stretches whatever was kept.
        header.setSectionResizeMode(self._name, QHeaderView.ResizeMode.Stretch)
        header.setSectionHidden(self._name, False)
        return True

    def save(self) -> None:
        ui_settings().setValue(self._key, self._view.horizontalHeader().saveState())

    def _on_resized(self, section: int, _old: int, _new: int) -> None:
        if self._applying or section == self._name:
            return  # the name follows the window; only the other widths are choices
        self.fitted = True
        self.save()

    # -- the first fit -------------------------------------------------------------------

    def _fit_once(self, *_args: object) -> None:
        view = self._view
        if self.fitted or view.model().rowCount() == 0 or not view.isVisible():
            return
        self._applying = True
        header = self._view.horizontalHeader()
        widths: dict[int, int] = {}
        for column in range(header.count()):
            if column == self._name:
                continue
            fitted = max(header.sectionSizeHint(column), self._view.sizeHintForColumn(column))
            widths[column] = min(fitted, max(WIDEST_FITTED_COLUMN, header.sectionSizeHint(column)))
            header.resizeSection(column, widths[column])
        self._applying = False
        self.fitted = True
        self.save()
        self._leave_out_for_width()

    def _leave_out_for_width(self) -> None:
        """Until the user has chosen the columns, leave out the optional ones, in order, while
        the list is too narrow for them beside the name (a small screen, 150 % scaling)."""
        view = self._view
        if self.chosen or not self.fitted or not view.isVisible():
            return
        header = view.horizontalHeader()
        self._applying = True
        for column in self._optional:
            header.setSectionHidden(column, False)
        others = [c for c in range(header.count()) if c != self._name]
        room = view.viewport().width() - self._name_width
        for column in self._optional:
            if sum(header.sectionSize(c) for c in others if not header.isSectionHidden(c)) <= room:
                break
            header.setSectionHidden(column, True)
        self._applying = False

    # -- hiding columns ------------------------------------------------------------------

    def column_actions(self) -> list[QAction]:
        """One checkable action per optional column: checked while the column shows."""
        header = self._view.horizontalHeader()
        model = self._view.model()
        actions: list[QAction] = []
        for column in self._optional:
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            action = QAction(title, self)
            action.setObjectName(f"{self._view.objectName()}Column{column}")
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
            actions.append(action)
        return actions

    def show_column(self, column: int, shown: bool) -> None:
        """The user's choice from the header's menu; from now on it is kept as it is."""
        self._view.horizontalHeader().setSectionHidden(column, not shown)
        self.fitted = True
        self.chosen = True
        ui_settings().setValue(f"{self._key}Chosen", True)
        self.save()

    def _offer_columns(self, position: QPoint) -> None:
        if not self._optional:
            return
        menu = QMenu(self._view)
        menu.setObjectName(f"{self._view.objectName()}ColumnMenu")
        for action in self.column_actions():
            menu.addAction(action)
        menu.exec(self._view.horizontalHeader().mapToGlobal(position))
