"""The one look of the program: Fusion, a light palette with an accent colour, bundled icons.

Colours that carry a status are always paired with an icon and words (docs/architecture.md, “Look
and feel”), so the helpers here hand out icons and "role" properties rather than bare colours. The
colours themselves all live in ``kit/palette.py``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QDateTimeEdit,
    QLabel,
    QWidget,
)

from bk_desktop.files.resources import resource_path
from bk_desktop.ui.kit import palette as p

MONO_FAMILY = "DejaVu Sans Mono"

_STYLESHEET = f"""
QFrame#tile, QFrame[role="card"] {{
    background: {p.CARD_BACKGROUND};
    border: 1px solid {p.CARD_BORDER};
    border-radius: 8px;
}}
QFrame#tile QLabel, QFrame[role="card"] QLabel {{ background: transparent; border: none; }}
QLabel[role="tileTitle"] {{ color: {p.MUTED_TEXT}; font-weight: bold; }}
QLabel[role="tileValue"] {{ font-size: 14pt; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: 14pt; font-weight: bold; }}
QLabel[role="muted"] {{ color: {p.MUTED_TEXT}; }}
QLabel[role="error"] {{ color: {p.ERROR_TEXT}; }}
QLabel[role="warning"] {{ color: {p.WARNING_TEXT}; font-weight: bold; }}
QLabel[role="ok"] {{ color: {p.OK_TEXT}; }}
QLabel[role="note"] {{
    background: {p.NOTE_BACKGROUND};
    border: 1px solid {p.NOTE_BORDER};
    border-radius: 6px;
    padding: 6px 8px;
}}
QPushButton[role="link"] {{
    border: none;
    background: transparent;
    color: {p.ACCENT};
    text-decoration: underline;
    padding: 2px 0px;
    text-align: left;
}}
QPushButton[role="link"]:hover {{ color: {p.ACCENT_DARK}; }}
QPushButton[role="primary"] {{
    background: {p.ACCENT};
    color: {p.ON_ACCENT};
    border: 1px solid {p.ACCENT_DARK};
    border-radius: 4px;
    padding: 5px 16px;
    font-weight: bold;
}}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QPushButton[role="primary"]:hover {{ background: {p.ACCENT_DARK}; }}
QPushButton[role="primary"]:disabled {{
    background: {p.DISABLED_BACKGROUND};
    border-color: {p.DISABLED_BORDER};
    color: {p.DISABLED_TEXT_ON_ACCENT};
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


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open at ``width``×``height``, or smaller on a small screen (1280×720 with a taskbar,
    1366×768 at 150 % leaves about 910×510): the content scrolls rather than the window
    running off the screen. Every dialog bigger than a message box is sized through this."""
    screen = window.screen()
    if screen is not None:
        # The room is without the taskbar; the title bar and frame come on top of the size.
        room = screen.availableGeometry()
        width = min(width, room.width() - 40)
        height = min(height, room.height() - 90)
    window.resize(width, height)


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
        QPalette.ColorRole.Window: p.WINDOW,
        QPalette.ColorRole.WindowText: p.TEXT,
        QPalette.ColorRole.Base: p.BASE,
        QPalette.ColorRole.AlternateBase: p.ALTERNATE_BASE,
        QPalette.ColorRole.Text: p.TEXT,
        QPalette.ColorRole.Button: p.BUTTON,
        QPalette.ColorRole.ButtonText: p.TEXT,
        QPalette.ColorRole.BrightText: p.BRIGHT_TEXT,
        QPalette.ColorRole.Highlight: p.ACCENT,
        QPalette.ColorRole.HighlightedText: p.ON_ACCENT,
        QPalette.ColorRole.Link: p.ACCENT,
        QPalette.ColorRole.LinkVisited: p.ACCENT_DARK,
        QPalette.ColorRole.ToolTipBase: p.TOOLTIP_BASE,
        QPalette.ColorRole.ToolTipText: p.TEXT,
        QPalette.ColorRole.PlaceholderText: p.PLACEHOLDER_TEXT,
        QPalette.ColorRole.Light: p.LIGHT,
        QPalette.ColorRole.Midlight: p.MIDLIGHT,
        QPalette.ColorRole.Mid: p.MID,
        QPalette.ColorRole.Dark: p.DARK,
        QPalette.ColorRole.Shadow: p.SHADOW,
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor(p.DISABLED_TEXT))
    palette.setColor(disabled, QPalette.ColorRole.Base, QColor(p.DISABLED_BASE))
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
