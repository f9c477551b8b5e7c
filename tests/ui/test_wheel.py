"""A wheel turn over a field that is not being edited scrolls the page and changes nothing."""

from __future__ import annotations

from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QScrollArea, QVBoxLayout, QWidget

from bk_desktop.ui.kit.wheel import value_fields, wheel_only_when_focused


def turn_wheel(widget: QWidget, steps: int = -1) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_changes_a_field_only_while_it_is_being_edited(qtbot) -> None:
    page = QScrollArea()
    qtbot.addWidget(page)
    content = QWidget()
    layout = QVBoxLayout(content)
    day = QDateEdit(QDate(2026, 12, 14))
    choice = QComboBox()
    choice.addItems(["rendah", "sedang", "tinggi"])
    other = QComboBox()
    layout.addWidget(day)
    layout.addWidget(choice)
    layout.addWidget(other)
    layout.addSpacing(2000)  # a long page that scrolls
    page.setWidget(content)
    page.resize(300, 200)
    wheel_only_when_focused(value_fields(content), page)
    page.show()
    qtbot.waitExposed(page)

    other.setFocus()
    turn_wheel(day)
    turn_wheel(choice)
    assert day.date() == QDate(2026, 12, 14)
    assert choice.currentIndex() == 0

    choice.setFocus()
    qtbot.waitUntil(choice.hasFocus)
    turn_wheel(choice)
    assert choice.currentIndex() == 1  # the field being edited still takes the wheel


def test_every_settings_page_guards_its_fields(qtbot, context) -> None:
    from bk_desktop.ui.tabs.admin.admin_tab import AdminTab

    tab = AdminTab(context)
    qtbot.addWidget(tab)
    fields = value_fields(tab)
    assert fields
    assert all(field.focusPolicy() == Qt.FocusPolicy.StrongFocus for field in fields)
