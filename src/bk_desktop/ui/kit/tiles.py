"""The one tile: a card with a small title over a figure (a count, a date) and a note.

Beranda shows its figures in tiles and the import preview its counts; both are this class.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.kit.palette import ERROR_TEXT
from bk_desktop.ui.style import icon, set_role


class Tile(QFrame):
    """A white card with a small title and its content below (``body``)."""

    def __init__(
        self,
        object_name: str,
        title: str,
        parent: QWidget | None = None,
        *,
        margins: tuple[int, int, int, int] = (16, 14, 16, 14),
        spacing: int = 6,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setProperty("tileName", object_name)
        self.setAccessibleName(title)
        self.heading = QLabel(title, self)
        self.heading.setObjectName(f"{object_name}Title")
        set_role(self.heading, "tileTitle")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(*margins)
        self.body.setSpacing(spacing)
        self.body.addWidget(self.heading)

    def value_label(self, object_name: str, role: str = "tileValue") -> QLabel:
        label = QLabel(self)
        label.setObjectName(object_name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(label, role)
        self.body.addWidget(label)
        return label


class CountTile(Tile):
    """A count, with an optional note under it; an ``alert`` count turns red with an icon."""

    def __init__(
        self,
        object_name: str,
        title: str,
        note: str = "",
        *,
        value_name: str = "",
        alert_icon: str | None = None,
        large: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """``value_name`` names the count's label (default: ``object_name`` with "Tile"
        replaced by "Value"); a ``large`` count is Beranda's (with its note), a small one the
        import preview's (no note)."""
        margins = (16, 14, 16, 14) if large else (14, 10, 14, 10)
        super().__init__(object_name, title, parent, margins=margins, spacing=6 if large else 2)
        self._alert_icon = alert_icon
        self._large = large
        self.heading.setWordWrap(True)
        self.value = QLabel("" if large else "0", self)
        self.value.setObjectName(value_name or object_name.replace("Tile", "Value"))
        self.value.setAccessibleName(title)
        self._style_value(alert=False)
        self.state_icon = QLabel(self)
        self.state_icon.setObjectName(object_name.replace("Tile", "Icon"))
        self.state_icon.setFixedSize(24, 24)
        self.state_icon.hide()
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.value)
        row.addWidget(self.state_icon, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)
        self.body.addLayout(row)
        self.note = wrapping_label(self, note)
        self.note.setObjectName(object_name.replace("Tile", "Note"))
        set_role(self.note, "muted")
        if large:  # Beranda's tiles say what the count means, and may say more later
            self.body.addWidget(self.note)
            self.body.addStretch(1)
        else:
            self.note.hide()

    def _style_value(self, *, alert: bool) -> None:
        if not self._large:
            set_role(self.value, "tileValue")
            return
        colour = ERROR_TEXT if alert else "palette(window-text)"
        self.value.setStyleSheet(f"font-size: 20pt; font-weight: bold; color: {colour};")

    def show_value(self, text: str, *, alert: bool = False) -> None:
        self.value.setText(text)
        self._style_value(alert=alert)
        self.setProperty("alert", alert)
        if self._alert_icon is not None and alert:
            self.state_icon.setPixmap(icon(self._alert_icon).pixmap(24, 24))
            self.state_icon.show()
        else:
            self.state_icon.hide()
        self.setAccessibleName(f"{self.heading.text()}: {text}")
