"""The one quiet line that says a save went well, and goes again by itself.

Issue 10: after "Sepakati jadwal" the same sentence came as a green banner and as a modal box,
and banners stayed several actions later, so a guru could no longer tell which action they
were about. A success is said once, here: the newest sentence replaces the last, and it goes
after ``SHOWN_MS`` or when the guru closes it. A modal box is kept for what needs a decision
or must be read before going on (the darurat protocol).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from bk_desktop.ui.kit.labels import WrappingLabel
from bk_desktop.ui.kit.palette import OK_BACKGROUND, OK_BORDER
from bk_desktop.ui.style import icon_label, set_role

SHOWN_MS = 10_000
"""Long enough to read two lines twice; short enough not to outlive the next action."""


class SuccessBanner(QFrame):
    """A check, the sentence (a label named ``text_name``, for tests and screen readers) and
    a close button; hidden until ``say``."""

    def __init__(self, text_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{text_name}Banner")
        self.setStyleSheet(
            f"QFrame#{text_name}Banner {{ background: {OK_BACKGROUND};"
            f" border: 1px solid {OK_BORDER}; border-radius: 6px; }}"
        )
        self.text = WrappingLabel("", self)
        self.text.setObjectName(text_name)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.text, "ok")
        close = QToolButton(self)
        close.setObjectName(f"{text_name}Close")
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Tutup pesan ini"))
        close.setAccessibleName(self.tr("Tutup pesan"))
        close.clicked.connect(self.clear)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.setSpacing(10)
        row.addWidget(icon_label("ok", 18, self), 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.timer = QTimer(self)
        self.timer.setObjectName(f"{text_name}Timer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(SHOWN_MS)
        self.timer.timeout.connect(self.clear)
        self.hide()

    def say(self, text: str) -> None:
        """Show ``text`` in place of whatever was said before, for ``SHOWN_MS``."""
        if not text:
            self.clear()
            return
        self.text.setText(text)
        self.show()
        self.timer.start()

    def clear(self) -> None:
        self.timer.stop()
        self.text.setText("")
        self.hide()
