"""The one look of the program: Fusion, a light palette with an accent colour, bundled icons.

Colours that carry a status are always paired with an icon and words (docs/architecture.md, “Look
and feel”), so the helpers here hand out icons and "role" properties rather than bare colours.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QDateTimeEdit,
    QLabel,
    QSizePolicy,
    QWidget,
)

from bk_desktop.files.resources import resource_path

ACCENT = "#1d6f8a"
ACCENT_DARK = "#15536a"
ERROR_TEXT = "#b42318"
WARNING_TEXT = "#8a3c00"
OK_TEXT = "#1c6b34"
MUTED_TEXT = "#4b5563"

MONO_FAMILY = "DejaVu Sans Mono"

_STYLESHEET = f"""
QFrame#tile, QFrame[role="card"] {{
    background: #ffffff;
    border: 1px solid #d5dbe1;
    border-radius: 8px;
}}
QFrame#tile QLabel, QFrame[role="card"] QLabel {{ background: transparent; border: none; }}
QLabel[role="tileTitle"] {{ color: {MUTED_TEXT}; font-weight: bold; }}
QLabel[role="tileValue"] {{ font-size: 14pt; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: 14pt; font-weight: bold; }}
QLabel[role="muted"] {{ color: {MUTED_TEXT}; }}
QLabel[role="error"] {{ color: {ERROR_TEXT}; }}
QLabel[role="warning"] {{ color: {WARNING_TEXT}; font-weight: bold; }}
QLabel[role="ok"] {{ color: {OK_TEXT}; }}
QLabel[role="note"] {{
    background: #fff7e0;
    border: 1px solid #e6c76a;
    border-radius: 6px;
    padding: 6px 8px;
}}
QPushButton[role="link"] {{
    border: none;
    background: transparent;
    color: {ACCENT};
    text-decoration: underline;
    padding: 2px 0px;
    text-align: left;
}}
QPushButton[role="link"]:hover {{ color: {ACCENT_DARK}; }}
QPushButton[role="primary"] {{
    background: {ACCENT};
    color: #ffffff;
    border: 1px solid {ACCENT_DARK};
    border-radius: 4px;
    padding: 5px 16px;
    font-weight: bold;
}}
QPushButton[role="primary"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[role="primary"]:disabled {{
    background: #aab8c0;
    border-color: #9aa8b0;
    color: #f3f5f7;
}}
"""


def icon(name: str) -> QIcon:
    """One of the bundled SVG icons (``resources/icons/<name>.svg``)."""
    return QIcon(str(resource_path("icons", f"{name}.svg")))


def icon_label(name: str, size: int = 20, parent: QWidget | None = None) -> QLabel:
    """A small label showing an icon, sized so it lines up with a line of text."""
    label = QLabel(parent)
    label.setPixmap(icon(name).pixmap(size, size))
    label.setFixedSize(size, size)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def set_role(widget: QWidget, role: str) -> None:
    """Give a widget one of the stylesheet's roles, re-polishing it if it is already shown."""
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class WrappingLabel(QLabel):
    """A word-wrapped label that takes the whole width it is given and only the height it needs.

    A plain wrapped QLabel keeps to its narrow size hint inside a form layout ("Nama sekolah /
    wajib diisi." on two lines beside an empty half of the row) and asks for the height of
    that narrow shape, which leaves a blank line under it once it is wide.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def _at_width(self, hint: QSize) -> QSize:
        # Until a layout has given it a width, that width is a placeholder (100 px).
        if self.isVisible() and self.testAttribute(Qt.WidgetAttribute.WA_Resized):
            return QSize(hint.width(), self.heightForWidth(self.width()))
        return hint

    def sizeHint(self) -> QSize:
        return self._at_width(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._at_width(super().minimumSizeHint())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


def wrapping_label(parent: QWidget, text: str = "") -> QLabel:
    return WrappingLabel(text, parent)


def message_label(object_name: str, parent: QWidget) -> QLabel:
    """An error line that sits under a field, hidden until there is something to say."""
    label = wrapping_label(parent)
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


def fit_height(window: QWidget) -> None:
    """Give a dialog the height its content needs at its present width (a message appeared).

    ``adjustSize`` would measure at the narrower size-hint width and leave a gap; and a label
    that has just appeared only knows its width once the layout has run, so the fit is done
    again right after that.
    """

    def fit() -> None:
        layout = window.layout()
        if layout is None:
            return
        layout.activate()
        if layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(window.width())
        else:
            height = layout.totalSizeHint().height()
        window.resize(window.width(), height)

    fit()
    QTimer.singleShot(0, window, fit)


def monospace_font(point_size: float) -> QFont:
    """The bundled DejaVu Sans Mono (0/O and 1/l differ), or the system's fixed font."""
    if MONO_FAMILY in QFontDatabase.families():
        font = QFont(MONO_FAMILY)
    else:
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(point_size)
    return font


def light_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#f4f6f8",
        QPalette.ColorRole.WindowText: "#1f2937",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#eef2f5",
        QPalette.ColorRole.Text: "#1f2937",
        QPalette.ColorRole.Button: "#e9edf1",
        QPalette.ColorRole.ButtonText: "#1f2937",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.LinkVisited: ACCENT_DARK,
        QPalette.ColorRole.ToolTipBase: "#fffbe6",
        QPalette.ColorRole.ToolTipText: "#1f2937",
        QPalette.ColorRole.PlaceholderText: "#6b7280",
        QPalette.ColorRole.Light: "#ffffff",
        QPalette.ColorRole.Midlight: "#e3e8ec",
        QPalette.ColorRole.Mid: "#b8c1ca",
        QPalette.ColorRole.Dark: "#8f9aa5",
        QPalette.ColorRole.Shadow: "#5b6670",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor("#8a949e"))
    palette.setColor(disabled, QPalette.ColorRole.Base, QColor("#f1f3f5"))
    return palette


def start_weeks_on_monday(widget: QCalendarWidget | QDateTimeEdit) -> None:
    """Start a calendar's week on Monday, as Indonesian schools count it.

    Qt's id_ID locale data starts the week on Sunday and a locale's first day cannot be
    changed, so every calendar, and every date or date-time edit with a calendar pop-up, is
    set here. An application-wide event filter could catch them all, but a Python filter on
    the application crashes shiboken while widgets are being constructed (see ``ui/lock.py``).
    """
    calendar = widget if isinstance(widget, QCalendarWidget) else widget.calendarWidget()
    if calendar is not None:
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)


def apply_style(app: QApplication) -> None:
    """Fusion with the light palette, the stylesheet roles and the bundled fonts."""
    app.setStyle("Fusion")
    app.setPalette(light_palette())
    fonts = resource_path("fonts")
    for name in ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"):
        path = fonts / name
        if path.exists():
            QFontDatabase.addApplicationFont(str(path))
    app.setStyleSheet(_STYLESHEET)
    app.setWindowIcon(icon("bk-desktop"))
