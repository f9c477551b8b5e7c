"""The one form: two columns (labels on the left) whose inputs show their own errors
underneath and know whether they hold unsaved input; the dialog around such a form (heading,
form, "Simpan" and "Batal"); and the rows of buttons under a form.

The services answer a bad form with ``ValidationError``s tagged by field name ("reason",
"referral.shared_information", …). ``FieldForm`` maps those names to the inputs, so every
message lands next to the input it is about instead of in a box the user must close first.
Every input added to a ``FieldForm`` is also in its ``FormState`` (``kit/drafts.py``), so the
form can say whether it is dirty and hand over or take back a draft by construction.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from functools import partial
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.ui.i18n import set_button_texts
from bk_desktop.ui.kit.discard import close_by_user
from bk_desktop.ui.kit.drafts import Draft, FormState, on_change
from bk_desktop.ui.kit.labels import message_label, show_message, wrapping_label
from bk_desktop.ui.kit.wheel import value_fields, wheel_only_when_focused
from bk_desktop.ui.style import set_role

W = TypeVar("W", bound=QWidget)
E = TypeVar("E", bound=Enum)


def named(widget: W, object_name: str, accessible_name: str) -> W:
    """Give a widget a user acts on its stable objectName and its accessible name."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    return widget


def text_box(parent: QWidget, object_name: str, accessible: str, lines: int) -> QPlainTextEdit:
    """A few lines of text, ``lines`` high, in which Tab moves on (it never types a tab)."""
    box = named(QPlainTextEdit(parent), object_name, accessible)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


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
    """Rows of ``caption: input``, each with an optional hint and a hidden error line below.

    ``is_dirty``, ``draft``, ``restore_draft`` and ``mark_clean`` cover the named inputs of
    every row (line and text edits, combo boxes, date/time edits, check boxes, spin boxes);
    the clean point is what they held when added, until the owner calls ``mark_clean`` after
    loading a record or saving it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.setHorizontalSpacing(16)
        self.setVerticalSpacing(8)
        self._errors: dict[str, QLabel] = {}
        self._linked: dict[QLabel, list[QLabel]] = {}
        self._rows: dict[QWidget, list[QWidget]] = {}
        self.captions: list[QLabel] = []
        self.state = FormState(lambda: list(self._rows))

    def add(
        self,
        caption: str,
        field: QWidget,
        *,
        keys: Iterable[str] = (),
        hint: str | QWidget = "",
        parent: QWidget | None = None,
        name: str = "",
        buddy: QWidget | None = None,
    ) -> QLabel:
        """Add a row for ``field``; errors whose field is one of ``keys`` appear under it.

        ``hint`` is a sentence under the input, or a widget that says more about it (such as
        a strength meter). ``buddy`` is the input the caption's shortcut focuses when
        ``field`` is a row of several widgets. The hint and error lines are named after
        ``name`` (default: the buddy's or field's objectName), e.g. "requestReasonError", so
        tests and screen readers can find them.
        """
        name = name or (buddy or field).objectName()
        label = QLabel(caption, parent)
        label.setBuddy(buddy or field)
        self.captions.append(label)
        self.addRow(label, field)
        row: list[QWidget] = [field]
        if isinstance(hint, QWidget):
            self.addRow("", hint)
            row.append(hint)
        elif hint:
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
            # The message was about the value it was shown for: it goes once that changes.
            on_change(field, partial(self._clear_line, error))
        self._rows[field] = row
        self.state.remember()
        return label

    def is_dirty(self) -> bool:
        """Whether the inputs hold something not yet saved (since loading or the last save)."""
        return self.state.is_dirty()

    def draft(self) -> Draft:
        """The unsaved input as ``{objectName: value}`` of plain data; empty when untouched."""
        return self.state.draft()

    def restore_draft(self, draft: Draft) -> None:
        self.state.restore_draft(draft)

    def mark_clean(self) -> None:
        self.state.mark_clean()

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

    def _clear_line(self, error: QLabel) -> None:
        if error.text():
            show_message(error, "")
            self.setRowVisible(error, False)
        for partner in self._linked.get(error, ()):
            if partner.text():
                show_message(partner, "")
                self.setRowVisible(partner, False)

    def link(self, *keys: str) -> None:
        """Errors about several fields together ("Kedua kata sandi tidak sama") go when any
        of them changes."""
        lines = [self._errors[key] for key in keys if key in self._errors]
        for line in lines:
            self._linked.setdefault(line, []).extend(other for other in lines if other is not line)

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


def place_error(forms: Iterable[FieldForm], error: KnownError) -> bool:
    """Show ``error`` under its input in whichever of ``forms`` has it; False when none does."""
    return any(form.place(error) for form in forms)


def line_up(forms: Iterable[FieldForm]) -> None:
    """Give the captions of several forms on one page the same width, so their inputs align."""
    forms = list(forms)
    width = max((c.sizeHint().width() for f in forms for c in f.captions), default=0)
    for form in forms:
        form.align_captions(width)


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


def action_button(text: str, object_name: str, accessible_name: str | None = None) -> QPushButton:
    """A button under a form; it does not take Enter from the inputs above it."""
    button = named(QPushButton(text), object_name, accessible_name or text.rstrip("…"))
    button.setAutoDefault(False)
    return button


def save_cancel_buttons(dialog: QDialog, save_name: str, save_accessible: str) -> QDialogButtonBox:
    """The dialog's "Simpan" (its default button, in the primary colour) and "Batal", which
    rejects it. Neither carries an icon: the stylesheet turns dialog-box icons off everywhere,
    so every dialog's buttons look the same whatever the platform's theme would add.

    "Batal" is named after "Simpan": "statusSaveButton" gives "statusCancelButton". The caller
    connects ``accepted`` to its own save, which closes the dialog only when the save worked.
    """
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    set_button_texts(buttons)
    save = named(buttons.button(QDialogButtonBox.StandardButton.Save), save_name, save_accessible)
    save.setDefault(True)
    set_role(save, "primary")
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    named(cancel, f"{save_name.removesuffix('SaveButton')}CancelButton", cancel.text())
    # "Batal" asks "Buang isian?" first when the dialog has a ``DiscardGuard``.
    buttons.rejected.connect(lambda: close_by_user(dialog))
    return buttons


def scrolling_body(
    owner: QWidget, name: str, *parts: QWidget | QLayout
) -> tuple[QScrollArea, QVBoxLayout]:
    """A dialog's form (and what stands above it) in a frameless scroll area named ``name``:
    the form scrolls rather than leave the screen (at 150 % a 1366×768 screen is only about
    510 points high, and every error line adds a row). A wheel turn changes a value only in
    the focused field (``kit/wheel.py``). Returns the area and the body's layout, which
    measures how tall the form wants to be."""
    body = QWidget(owner)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 8, 0)
    layout.setSpacing(12)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    layout.addStretch(1)
    scroll = QScrollArea(owner)
    scroll.setObjectName(name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    wheel_only_when_focused(value_fields(body), owner)
    return scroll, layout


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
