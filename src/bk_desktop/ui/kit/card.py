"""A card (a white panel with a border) and a page that centres one in the space it is given,
a little above the middle, as the lock panel and an empty student registry show theirs."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from bk_desktop.ui.style import set_role


class Card(QFrame):
    """A white panel with a thin border and round corners; ``body`` holds its content."""

    def __init__(
        self,
        object_name: str,
        parent: QWidget | None = None,
        *,
        margins: tuple[int, int, int, int] = (16, 14, 16, 14),
        spacing: int = 6,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        set_role(self, "card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(*margins)
        self.body.setSpacing(spacing)


def centre(page: QWidget, card: QWidget, *, width_share: int = 2) -> None:
    """Lay out ``page`` with ``card`` centred across and a little above the middle; the card
    takes ``width_share`` parts of the width to one part on each side (within its own limits).
    """
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card, width_share)
    row.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
