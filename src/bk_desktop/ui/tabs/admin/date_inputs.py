"""The date inputs of Pengaturan's pages: a date box with a Monday-first calendar whose own
buttons have Indonesian names, and the school's today."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QWidget

from bk_desktop.domain.settings import Settings
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.school_time import school_date_edit
from bk_desktop.ui.style import start_weeks_on_monday


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdminTab", text)


def school_today(context: UiContext, settings: Settings | None = None) -> date:
    """Today in the school's zone (the settings are read when not given)."""
    settings = settings or context.settings.get()
    return context.workspace.now().astimezone(settings.zone).date()


def name_calendar_parts(calendar: QCalendarWidget) -> None:
    """Indonesian names for the pop-up calendar's own buttons, for screen readers and tests.

    Qt leaves them unnamed (only ``qt_calendar_…`` object names), so a screen reader would
    announce bare "button" and the page would fail the every-control-is-named check.
    """
    parts = {
        "qt_calendar_calendarview": _tr("Kalender"),
        "qt_calendar_prevmonth": _tr("Bulan sebelumnya"),
        "qt_calendar_nextmonth": _tr("Bulan berikutnya"),
        "qt_calendar_monthbutton": _tr("Pilih bulan"),
        "qt_calendar_yearbutton": _tr("Pilih tahun"),
        "qt_calendar_yearedit": _tr("Tahun"),
    }
    for widget in calendar.findChildren(QWidget):
        name = parts.get(widget.objectName())
        if name is not None:
            widget.setAccessibleName(name)
            widget.setToolTip(name)


def admin_date_edit(object_name: str, accessible_name: str) -> QDateEdit:
    edit = named(school_date_edit(), object_name, accessible_name)
    edit.setDateRange(QDate(1950, 1, 1), QDate(2201, 12, 31))
    start_weeks_on_monday(edit)
    calendar = edit.calendarWidget()
    if calendar is not None:
        name_calendar_parts(calendar)
    edit.setMaximumWidth(150)
    return edit


__all__ = ["admin_date_edit", "name_calendar_parts", "school_today"]
