"""A two-column form (labels on the left) whose inputs show their own errors underneath, and
the dialog around such a form: heading, form, "Simpan" and "Batal".

The services answer a bad form with ``ValidationError``s tagged by field name ("reason",
"referral.shared_information", …). ``FieldForm`` maps those names to the inputs, so every
message lands next to the input it is about instead of in a box the user must close first.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.ui.i18n import set_button_texts
from bk_desktop.ui.style import message_label, set_role, show_message, wrapping_label

W = TypeVar("W", bound=QWidget)
E = TypeVar("E", bound=Enum)


def named(widget: W, object_name: str, accessible_name: str) -> W:
    """Give a widget a user acts on its stable objectName and its accessible name."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    return widget


def chosen(combo: QComboBox, kind: type[E]) -> E | None:
    """The enum member behind a combo's current item, or None for a "— pilih —" item.

    A combo keeps a ``StrEnum`` member as its plain string, so it is read back through the
    enum here rather than compared with ``is``.
    """
    data = combo.currentData()
    if data is None:
        return None
    try:
        return kind(data)
    except ValueError:
        return None


class FieldForm(QFormLayout):
    """Rows of ``caption: input``, each with an optional hint and a hidden error line below."""

    def __init__(self) -> None:
        super().__init__()
        self.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.setHorizontalSpacing(16)
        self.setVerticalSpacing(8)
        self._errors: dict[str, QLabel] = {}
        self._rows: dict[QWidget, list[QWidget]] = {}
        self.captions: list[QLabel] = []

    def add(
        self,
        caption: str,
        field: QWidget,
        *,
        keys: Iterable[str] = (),
        hint: str = "",
        parent: QWidget | None = None,
        name: str = "",
    ) -> QLabel:
        """Add a row for ``field``; errors whose field is one of ``keys`` appear under it.

        The hint and error lines are named after ``name`` (default: the field's objectName),
        e.g. "requestReasonError", so tests and screen readers can find them.
        """
        name = name or field.objectName()
        label = QLabel(caption, parent)
        label.setBuddy(field)
        self.captions.append(label)
        self.addRow(label, field)
        row: list[QWidget] = [field]
        if hint:
            note = wrapping_label(field.parentWidget() or parent or field, hint)
            note.setObjectName(f"{name}Hint")
            set_role(note, "muted")
            self.addRow("", note)
            row.append(note)
        keys = list(keys)
        if keys:
            error = message_label(f"{name}Error", parent or field)
            self.addRow("", error)
            self.setRowVisible(error, False)
            row.append(error)
            for key in keys:
                self._errors[key] = error
        self._rows[field] = row
        return label

    def set_field_visible(self, field: QWidget, visible: bool) -> None:
        """Show or hide a field's whole row (its hint too; its error only when it has one)."""
        error_lines = set(self._errors.values())
        for widget in self._rows.get(field, [field]):
            if isinstance(widget, QLabel) and widget in error_lines:
                self.setRowVisible(widget, visible and bool(widget.text()))
            else:
                self.setRowVisible(widget, visible)

    def error_label(self, key: str) -> QLabel | None:
        return self._errors.get(key)

    def show_error(self, key: str, message: str) -> bool:
        """Put ``message`` under the input for ``key``; False when this form has no such input."""
        label = self._errors.get(key)
        if label is None:
            return False
        show_message(label, message)
        self.setRowVisible(label, bool(message))
        return True

    def place(self, error: KnownError, key: str = "") -> bool:
        """Show ``error`` under the input for ``key`` (by default a ``ValidationError``'s own
        field); False when no input here belongs to it, so the caller says it elsewhere."""
        if not key:
            if not isinstance(error, ValidationError) or not error.field:
                return False
            key = error.field
        return self.show_error(key, error.message)

    def show_errors(self, errors: Iterable[ValidationError]) -> list[ValidationError]:
        """Show each error under its input; returns the ones no input here belongs to."""
        left: list[ValidationError] = []
        for error in errors:
            if not self.show_error(error.field or "", error.message):
                left.append(error)
        return left

    def clear_errors(self) -> None:
        for label in set(self._errors.values()):
            show_message(label, "")
            self.setRowVisible(label, False)

    def align_captions(self, width: int | None = None) -> int:
        """Give every caption the same width (the widest), so stacked forms line up."""
        wanted = width or max((c.sizeHint().width() for c in self.captions), default=0)
        for caption in self.captions:
            caption.setMinimumWidth(wanted)
        return wanted


def save_cancel_buttons(dialog: QDialog, save_name: str, save_accessible: str) -> QDialogButtonBox:
    """The dialog's "Simpan" (its default button) and "Batal", which rejects it.

    "Batal" is named after "Simpan": "statusSaveButton" gives "statusCancelButton". The caller
    connects ``accepted`` to its own save, which closes the dialog only when the save worked.
    """
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    set_button_texts(buttons)
    save = named(buttons.button(QDialogButtonBox.StandardButton.Save), save_name, save_accessible)
    save.setDefault(True)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    named(cancel, f"{save_name.removesuffix('SaveButton')}CancelButton", cancel.text())
    buttons.rejected.connect(dialog.reject)
    return buttons


def dialog_layout(dialog: QDialog, *parts: QWidget | QLayout) -> QVBoxLayout:
    """Stack a dialog's parts (heading, form, notes, buttons) from top to bottom."""
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(20, 16, 20, 16)
    layout.setSpacing(12)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    return layout
