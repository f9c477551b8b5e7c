"""Pieces the Pengaturan pages share.

A two-column form whose inputs show their own error underneath, a password box, a page
scaffold that saves settings the same way on every page, a table of records that gives way to a
sentence while there are none, and a runner that does slow work (key derivation, backups,
restore) off the window's thread behind a busy indicator, so the window never freezes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.settings import Settings
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.field_form import named

T = TypeVar("T")
R = TypeVar("R")
_ModelIndex = QModelIndex | QPersistentModelIndex

# Colours are always paired with words: the text of an error or warning says what it is.
ERROR_COLOUR = "#a1261b"
WARNING_COLOUR = "#8a5a00"
OK_COLOUR = "#1e6b32"
NOTE_COLOUR = "#4f4f4f"
PAGE_MAX_WIDTH = 860


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingsTab", text)


class WrappingLabel(QLabel):
    """A word-wrapped label that asks for the height its text needs at its actual width.

    Qt's form layout sizes a wrapped label by its plain size hint (the text broken at about
    200 pixels), which leaves an empty line under a short note in a wide form.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._fitted_width = -1

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.width() > hint.width():
            hint.setHeight(self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._fitted_width:
            self._fitted_width = event.size().width()
            self.updateGeometry()


def note_label(text: str = "", object_name: str = "") -> QLabel:
    """A wrapped explanatory sentence in a softer text colour."""
    label = WrappingLabel(text)
    label.setStyleSheet(f"color: {NOTE_COLOUR};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if object_name:
        label.setObjectName(object_name)
    return label


def status_label(object_name: str) -> QLabel:
    """The quiet line beside a button that says what the last click did."""
    label = WrappingLabel()
    label.setObjectName(object_name)
    return label


def set_status(label: QLabel, text: str, *, ok: bool = True) -> None:
    colour = OK_COLOUR if ok else ERROR_COLOUR
    label.setStyleSheet(f"color: {colour};")
    label.setText(text)


def password_edit(object_name: str, accessible_name: str) -> QLineEdit:
    edit = named(QLineEdit(), object_name, accessible_name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setInputMethodHints(
        Qt.InputMethodHint.ImhHiddenText
        | Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoPredictiveText
    )
    return edit


def show_passwords_toggle(edits: Iterable[QLineEdit], object_name: str) -> QCheckBox:
    """A "Tampilkan kata sandi" box for the password fields of one form."""
    boxes = list(edits)
    toggle = named(QCheckBox(_tr("Tampilkan kata sandi")), object_name, _tr("Tampilkan kata sandi"))

    def apply(checked: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if checked else QLineEdit.EchoMode.Password
        for edit in boxes:
            edit.setEchoMode(mode)

    toggle.toggled.connect(apply)
    return toggle


def group_layout(group: QGroupBox) -> QVBoxLayout:
    """The layout inside a section's group box, with room between its parts."""
    layout = QVBoxLayout(group)
    layout.setSpacing(10)
    return layout


def button_row(*widgets: QWidget) -> QHBoxLayout:
    """Buttons (and a status line) left-aligned under a form."""
    row = QHBoxLayout()
    row.setSpacing(12)
    for widget in widgets:
        row.addWidget(widget, 1 if isinstance(widget, QLabel) else 0)
    if not any(isinstance(w, QLabel) for w in widgets):
        row.addStretch(1)
    return row


def primary_button(text: str, object_name: str, accessible_name: str | None = None) -> QPushButton:
    button = named(QPushButton(text), object_name, accessible_name or text.rstrip("…"))
    button.setAutoDefault(False)
    return button


class ErrorForm(QFormLayout):
    """Labels on the left, inputs on the right; an input's error appears on a row under it."""

    def __init__(self) -> None:
        super().__init__()
        self.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.setHorizontalSpacing(18)
        self.setVerticalSpacing(8)
        self._errors: dict[str, QLabel] = {}
        self.captions: list[QLabel] = []

    def add_field(
        self,
        label: str,
        field: QWidget,
        *,
        keys: Iterable[str] = (),
        hint: str | QWidget = "",
        buddy: QWidget | None = None,
    ) -> None:
        """Add ``label: field``; ``keys`` are the ValidationError.field names shown under it.

        ``hint`` is a sentence under the input, or a widget that says more about it (such as
        a strength meter)."""
        caption = QLabel(label)
        caption.setBuddy(buddy or field)
        self.captions.append(caption)
        self.addRow(caption, field)
        if isinstance(hint, QWidget):
            self.addRow("", hint)
        elif hint:
            self.addRow("", note_label(hint))
        keys = list(keys)
        if keys:
            error = WrappingLabel()
            error.setObjectName(f"{(buddy or field).objectName()}Error")
            error.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.addRow("", error)
            self.setRowVisible(error, False)
            for key in keys:
                self._errors[key] = error

    def show_error(self, error: ValidationError) -> bool:
        """Show ``error`` under its input; False when no input here has that name."""
        label = self._errors.get(error.field or "")
        if label is None:
            return False
        label.setText(error.message)
        self.setRowVisible(label, True)
        return True

    def clear_errors(self) -> None:
        for label in set(self._errors.values()):
            label.clear()
            self.setRowVisible(label, False)


def show_field_error(forms: Iterable[ErrorForm], error: ValidationError) -> bool:
    return any(form.show_error(error) for form in forms)


class SettingsPage(QScrollArea):
    """One page of Pengaturan: a title, a sentence on what it is for, then its groups.

    ``saved`` fires after the page stored a change to the school's settings.
    """

    saved = Signal()

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        content.setMaximumWidth(PAGE_MAX_WIDTH)
        outer = QWidget()
        outer_layout = QHBoxLayout(outer)
        outer_layout.setContentsMargins(0, 0, 0, 0)
        outer_layout.addWidget(content, 1)
        outer_layout.addStretch(0)
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(24, 18, 24, 24)
        self.body.setSpacing(16)
        heading = QLabel(title)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        self.body.addWidget(heading)
        if intro:
            intro_label = WrappingLabel(intro)
            self.body.addWidget(intro_label)
        self.setWidget(outer)

    def finish(self) -> None:
        """Close the page: line up the label column of every form on it, push groups up."""
        captions = [c for form in self.findChildren(ErrorForm) for c in form.captions]
        width = max((c.sizeHint().width() for c in captions), default=0)
        for caption in captions:
            caption.setMinimumWidth(width)
        self.body.addStretch(1)

    def save_settings(
        self,
        context: UiContext,
        wanted: Settings,
        *,
        status: QLabel,
        show_error: Callable[[ValidationError], bool],
        title: str,
        note_refusal: bool = True,
    ) -> bool:
        """Store ``wanted`` and say in ``status`` what came of it; True when stored (changed
        or not). A refused value is shown under its input (with a line in ``status`` too,
        unless ``note_refusal`` is off), any other refusal in a message box titled ``title``."""
        try:
            changed = context.settings.save(wanted)
        except ValidationError as error:
            if not show_error(error):
                context.prompter.error(self, title, error.message)
            elif note_refusal:
                note_refused(status)
            return False
        except KnownError as error:
            context.prompter.error(self, title, error.message)
            return False
        if changed:
            set_status(status, _tr("Tersimpan."))
            self.saved.emit()
        else:
            set_status(status, _tr("Tidak ada yang berubah."))
        return True


def note_refused(status: QLabel) -> None:
    """The line beside a Save button when an input's value was refused (shown under it)."""
    set_status(status, _tr("Belum tersimpan. Perbaiki isian sesuai pesan di bawahnya."), ok=False)


class RecordsModel(QAbstractTableModel, Generic[R]):
    """Records held in a list, one row each, read-only; a subclass says what a cell shows
    (``data``) and names its columns (``headers``)."""

    headers: Callable[[], Sequence[str]]
    """The column titles, in order; each subclass names its own."""

    def __init__(self, parent: QWidget | None = None) -> None:
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
    """The table of a ``RecordsModel``, or a sentence in its place while it has no rows.

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
        self.table = named(QTableView(), *name)
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
        self.empty = QLabel(empty_text)
        self.empty.setObjectName(empty_name)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
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


class _Job(QThread):
    """Runs one callable on its own thread and keeps what it returned or raised."""

    def __init__(self, work: Callable[[], Any], parent: QObject) -> None:
        super().__init__(parent)
        self._work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._work()
        except BaseException as error:  # handed to the window's thread, sorted there
            self.error = error


class BackgroundRunner(QObject):
    """Slow work, one job at a time, off the window's thread behind a modal busy indicator.

    The work must not touch widgets. Its outcome is handed back on the window's thread: the
    result to ``on_done``, a ``KnownError`` to ``on_error``; anything else is a bug and is
    raised again there so that it is reported like any other.

    The handlers run while the runner still counts as busy, so that a lock waiting for the
    work (the window asks ``is_busy``/``busy_changed``) never lands between the work and its
    bookkeeping, e.g. between a restore and the hand-over of the restored workspace. They must
    not block: a message box goes through ``later`` and opens once the runner is idle, where
    a lock may close it like any other dialog.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._owner = parent
        self._job: _Job | None = None
        self._dialog: QProgressDialog | None = None
        self._on_done: Callable[[Any], None] = lambda _r: None
        self._on_error: Callable[[KnownError], None] = lambda _e: None

    def is_busy(self) -> bool:
        return self._job is not None

    def run(
        self,
        label: str,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[KnownError], None],
    ) -> None:
        if self._job is not None:
            raise RuntimeError("a settings job is already running")
        dialog = QProgressDialog(label, "", 0, 0, self._owner)
        dialog.setObjectName("settingsBusyDialog")
        dialog.setWindowTitle(_tr("Mohon tunggu"))
        dialog.setCancelButton(None)  # the work cannot be stopped half-way safely
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)  # starts the clock: it shows itself only if the work takes a while
        self._dialog = dialog
        self._on_done = on_done
        self._on_error = on_error
        job = _Job(work, self)
        job.finished.connect(self._finished)
        self._job = job
        self.busy_changed.emit(True)
        job.start()

    def wait(self) -> None:
        """Block until a running job ends (used when the window closes)."""
        if self._job is not None:
            self._job.wait()

    def _finished(self) -> None:
        job, dialog = self._job, self._dialog
        if job is None:
            return
        job.wait()
        self._dialog = None
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        job.deleteLater()
        on_done, on_error = self._on_done, self._on_error
        self._on_done, self._on_error = (lambda _r: None), (lambda _e: None)
        try:
            if job.error is None:
                on_done(job.result)
            elif isinstance(job.error, KnownError):
                on_error(job.error)
            else:
                raise job.error
        finally:
            self._job = None
            self.busy_changed.emit(False)

    def later(self, show: Callable[[], None]) -> None:
        """Run ``show`` (a message box) from the event loop, after the current handler."""
        QTimer.singleShot(0, self, show)
