"""A page of a tab that scrolls: a title, a sentence on what it is for, then its groups."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from bk_desktop.ui.kit.forms import FieldForm, line_up
from bk_desktop.ui.kit.labels import WrappingLabel, heading_label
from bk_desktop.ui.kit.wheel import value_fields, wheel_only_when_focused

PAGE_MAX_WIDTH = 860


class ScrollPage(QScrollArea):
    """A page that scrolls: a title, a sentence on what it is for, then its groups (``body``),
    no wider than reads well."""

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
        self.body.addWidget(heading_label(title))
        if intro:
            intro_label = WrappingLabel(intro)
            self.body.addWidget(intro_label)
        self.setWidget(outer)

    def finish(self) -> None:
        """Close the page: line up the label column of every form on it, push groups up, and
        let the wheel scroll the page rather than change a field it passes over."""
        line_up(self.findChildren(FieldForm))
        self.body.addStretch(1)
        wheel_only_when_focused(value_fields(self), self)
