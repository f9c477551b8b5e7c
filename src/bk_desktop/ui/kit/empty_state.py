"""What a list shows while it has nothing to show: what is (not) there, and what to do next.

Every list has one (docs/architecture.md, "Look and feel"): "no requests waiting — open
Pengajuan", "no students yet — add or import", "nothing matches — clear the search".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from bk_desktop.ui.kit.labels import WrappingLabel
from bk_desktop.ui.style import icon, set_role


class EmptyState(QWidget):
    """An optional icon and title, a sentence and the buttons for the next step, centred in the
    place of the list. Each part takes the objectName given to it (tests and screen readers
    find them by it); the title shows only when it is named. ``say`` changes the words when
    one list has more than one reason to be empty (a filter that hides everything)."""

    def __init__(
        self,
        object_name: str,
        text: str = "",
        *,
        text_name: str = "",
        title: str = "",
        title_name: str = "",
        icon_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._layout = QVBoxLayout(self)
        self._layout.addStretch(1)
        if icon_name:
            picture = QLabel(self)
            picture.setPixmap(icon(icon_name).pixmap(32, 32))
            picture.setFixedSize(32, 32)
            self._layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
        self.title = QLabel(title, self)
        set_role(self.title, "heading")
        self.title.setObjectName(title_name)
        self.title.setVisible(bool(title_name))
        self._layout.addWidget(self.title, 0, Qt.AlignmentFlag.AlignHCenter)
        # A wrapped label across the whole width: it asks the layout for the height of the
        # lines it needs there (centred in a narrower box it kept the first line only).
        self.text = WrappingLabel(text, self)
        self.text.setObjectName(text_name)
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        set_role(self.text, "muted")
        self._layout.addWidget(self.text)
        self._layout.addSpacing(8)
        self._layout.addStretch(2)

    def add_button(self, button: QPushButton) -> QPushButton:
        """Offer the next step under the sentence."""
        button.setParent(self)
        button.setAutoDefault(False)
        self._layout.insertWidget(
            self._layout.count() - 1, button, 0, Qt.AlignmentFlag.AlignHCenter
        )
        return button

    def say(self, text: str, title: str = "") -> None:
        self.title.setText(title)
        self.text.setText(text)
