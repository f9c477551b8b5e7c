"""A form's input as a draft: plain JSON-able data keyed by objectName, and back.

The lock, closing the program and a Windows log-off will keep what a counsellor typed but did
not save (issue 10 writes drafts into the vault), so a draft holds no widget references, only
``{objectName: value}`` for the named inputs that differ from the form's clean point (what was
loaded or last saved). Passwords and recovery keys never enter a draft: a line edit whose text
is hidden, or that is marked ``secret``, is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeAlias

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QTimeEdit,
    QWidget,
)

JsonValue: TypeAlias = str | int | float | bool | list["JsonValue"] | dict[str, "JsonValue"] | None
Draft = dict[str, JsonValue]

_INPUTS = (
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QDateTimeEdit,
    QAbstractButton,
    QSpinBox,
    QDoubleSpinBox,
)


def mark_secret(edit: QLineEdit) -> None:
    """Keep an input out of every draft even while its text is shown (a password)."""
    edit.setProperty("secret", True)


def _is_input(widget: QWidget) -> bool:
    name = widget.objectName()
    if not name or name.startswith("qt_") or not isinstance(widget, _INPUTS):
        return False
    parent = widget.parentWidget()
    if isinstance(parent, (QComboBox, QAbstractSpinBox)):  # a combo's or spin box's own edit
        return False
    if isinstance(widget, QAbstractButton) and not widget.isCheckable():
        return False
    if isinstance(widget, QLineEdit):
        return widget.echoMode() == QLineEdit.EchoMode.Normal and not widget.property("secret")
    return True


def inputs_under(roots: Iterable[QWidget]) -> dict[str, QWidget]:
    """The named inputs in ``roots`` (each root too), in the order they were made."""
    found: dict[str, QWidget] = {}
    for root in roots:
        for widget in (root, *root.findChildren(QWidget)):
            if _is_input(widget):
                found.setdefault(widget.objectName(), widget)
    return found


def value_of(widget: QWidget) -> JsonValue:
    """An input's value as plain data."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        data = widget.currentData()
        if isinstance(data, (str, int, float, bool)) and not widget.isEditable():
            return data
        return widget.currentText()
    if isinstance(widget, QDateEdit):
        return widget.date().toString(Qt.DateFormat.ISODate)
    if isinstance(widget, QTimeEdit):
        return widget.time().toString(Qt.DateFormat.ISODate)
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime().toString(Qt.DateFormat.ISODate)
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.value()
    raise TypeError(f"no draft value for {type(widget).__name__}")


def on_change(root: QWidget, slot: Callable[[], None]) -> None:
    """Call ``slot`` whenever the user changes an input in ``root`` (or ``root`` itself):
    typed text, a chosen item, a date, a tick. A form clears the error line of a field this
    way, so a message never stays beside a value the user has already corrected."""

    def changed(*_value: object) -> None:  # the signals hand over the new value; not needed
        slot()

    for widget in (root, *root.findChildren(QWidget)):
        if widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(changed)
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            widget.textChanged.connect(changed)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(changed)
            if widget.isEditable():
                widget.editTextChanged.connect(changed)
        elif isinstance(widget, QDateTimeEdit):
            widget.dateTimeChanged.connect(changed)
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            widget.toggled.connect(changed)
        elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            widget.valueChanged.connect(changed)


def set_value(widget: QWidget, value: JsonValue) -> None:
    """Put a value taken by ``value_of`` back; a value that no longer fits is left out."""
    if isinstance(widget, QLineEdit) and isinstance(value, str):
        widget.setText(value)
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and isinstance(value, str):
        widget.setPlainText(value)
    elif isinstance(widget, QComboBox):
        index = widget.findData(value)
        if index < 0 and isinstance(value, str):
            index = widget.findText(value)
        if index >= 0:
            widget.setCurrentIndex(index)
        elif widget.isEditable() and isinstance(value, str):
            widget.setEditText(value)
    elif isinstance(widget, QDateEdit) and isinstance(value, str):
        widget.setDate(QDate.fromString(value, Qt.DateFormat.ISODate))
    elif isinstance(widget, QTimeEdit) and isinstance(value, str):
        widget.setTime(QTime.fromString(value, Qt.DateFormat.ISODate))
    elif isinstance(widget, QDateTimeEdit) and isinstance(value, str):
        widget.setDateTime(QDateTime.fromString(value, Qt.DateFormat.ISODate))
    elif isinstance(widget, QAbstractButton) and isinstance(value, bool):
        widget.setChecked(value)
    elif isinstance(widget, QSpinBox) and isinstance(value, int):
        widget.setValue(value)
    elif isinstance(widget, QDoubleSpinBox) and isinstance(value, (int, float)):
        widget.setValue(float(value))


class FormState:
    """The named inputs under some widgets, compared with their clean point.

    The clean point is what the inputs held when they were first seen (a new form's
    defaults) or at the last ``mark_clean`` (after loading a record, after saving).
    """

    def __init__(self, roots: Callable[[], Iterable[QWidget]]) -> None:
        self._roots = roots
        self._clean: Draft = {}
        self._held: dict[str, tuple[Callable[[], JsonValue], Callable[[JsonValue], None]]] = {}
        self.remember()

    @classmethod
    def of(cls, root: QWidget) -> FormState:
        """The state of every named input in ``root`` (a dialog, a page), clean as it is now."""
        return cls(lambda: (root,))

    def hold(
        self, name: str, read: Callable[[], JsonValue], write: Callable[[JsonValue], None]
    ) -> None:
        """Keep in the draft a choice that is not an input widget (a student picked from a
        list, by id) under ``name``: ``read`` gives its value, ``write`` puts one back. Its
        clean point is its value now."""
        self._held[name] = (read, write)
        self._clean.setdefault(name, read())

    def values(self) -> Draft:
        found: Draft = {name: value_of(w) for name, w in inputs_under(self._roots()).items()}
        for name, (read, _write) in self._held.items():
            found[name] = read()
        return found

    def remember(self) -> None:
        """Take the present values of inputs not seen before as their clean point."""
        for name, value in self.values().items():
            self._clean.setdefault(name, value)

    def mark_clean(self) -> None:
        """What the inputs hold now is saved (or was just loaded)."""
        self._clean = self.values()

    def is_dirty(self) -> bool:
        return bool(self.draft())

    def draft(self) -> Draft:
        """The inputs that differ from the clean point, as plain data; empty when untouched."""
        return {
            name: value
            for name, value in self.values().items()
            if name not in self._clean or self._clean[name] != value
        }

    def restore_draft(self, draft: Draft) -> None:
        """Put a draft's values back into the inputs of the same names, in the form's order
        (so a choice that enables or fills another input comes first)."""
        for name, widget in inputs_under(self._roots()).items():
            if name in draft:
                set_value(widget, draft[name])
        for name, (_read, write) in self._held.items():
            if name in draft:
                write(draft[name])
