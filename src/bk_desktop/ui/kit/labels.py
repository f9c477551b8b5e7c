"""Text on a page: the one wrapping label, and the lines built from it (a muted note, an
error line under a field, the status line beside a button)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from bk_desktop.ui.kit.drafts import on_change
from bk_desktop.ui.style import set_role


class WrappingLabel(QLabel):
    """A word-wrapped label that asks for the height its text needs at its actual width.

    A plain wrapped QLabel asks for the height of its narrow size-hint shape (the text broken
    at about 200 pixels), which leaves a blank line under a short note once it is wide. It
    keeps the Preferred size policy: an Expanding one made a scrolling page (``ScrollPage``)
    measure its content too short and squeeze its groups.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def _at_width(self, hint: QSize) -> QSize:
        # Until a layout has given it a width, that width is a placeholder (100 px).
        if self.isVisible() and self.testAttribute(Qt.WidgetAttribute.WA_Resized):
            return QSize(hint.width(), self.heightForWidth(self.width()))
        return hint

    def sizeHint(self) -> QSize:
        return self._at_width(super().sizeHint())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


def wrapping_label(parent: QWidget | None, text: str = "") -> QLabel:
    return WrappingLabel(text, parent)


def note_label(text: str = "", object_name: str = "", parent: QWidget | None = None) -> QLabel:
    """A wrapped explanatory sentence in the muted text colour."""
    label = WrappingLabel(text, parent)
    set_role(label, "muted")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if object_name:
        label.setObjectName(object_name)
    return label


def message_label(object_name: str, parent: QWidget | None) -> QLabel:
    """An error line that sits under a field, hidden until there is something to say."""
    label = WrappingLabel("", parent)
    label.setObjectName(object_name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    set_role(label, "error")
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    """Show ``text`` in a message label, or hide the label when there is nothing to say."""
    label.setText(text)
    label.setVisible(bool(text))


def status_label(object_name: str, parent: QWidget | None = None) -> QLabel:
    """The quiet line beside a button that says what the last click did."""
    label = WrappingLabel("", parent)
    label.setObjectName(object_name)
    return label


def set_status(label: QLabel, text: str, *, ok: bool = True) -> None:
    """Say in a status line what the last click did; a refusal reads in the error colour."""
    set_role(label, "ok" if ok else "error")
    label.setText(text)


def heading_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A page's or dialog's title line."""
    label = QLabel(text, parent)
    set_role(label, "heading")
    return label


def clear_when_changed(field: QWidget, line: QLabel) -> None:
    """Hide the error ``line`` under ``field`` as soon as the user changes the field: the
    message was about the value it was shown for (a corrected date, a second password that now
    matches), and a red line beside a valid value makes the program look unsure."""
    on_change(field, lambda: show_message(line, "") if line.text() else None)
