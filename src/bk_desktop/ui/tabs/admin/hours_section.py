"""Pengaturan → Layanan → Jam sekolah dan pengingat: the school day the Jadwal grid shows and
sessions are checked against, the bell schedule's lesson periods, and how long before a
session the tray reminds the counsellor."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from bk_desktop.domain.dates import format_clock
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.settings import Settings, parse_period
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import FieldForm, group_layout, named, text_box
from bk_desktop.ui.kit.labels import note_label

REMINDER_MAX_MINUTES = 120
"""The longest lead ``Settings.validated`` accepts."""


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _clock(value: QTime) -> str:
    return f"{value.hour():02d}:{value.minute():02d}"


def period_line(text: str) -> str:
    """A stored period ("07:00-07:45") as the page shows it, the Indonesian way: "07.00-07.45";
    one that does not parse is shown as stored, so nothing typed is lost."""
    period = parse_period(text)
    if period is None:
        return text
    return f"{format_clock(period[0])}-{format_clock(period[1])}"


class SchoolHoursSection(QGroupBox):
    """Two times for the school day, one lesson period per line, the reminder's minutes."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Jam sekolah dan pengingat"), parent)
        self._context = context
        intro = note_label(
            self.tr(
                "Jadwal menampilkan jam sekolah; sesi di luar jam sekolah perlu alasan. Jam "
                "pelajaran dari jadwal bel ditampilkan sebagai pita di Jadwal agar mudah "
                "mencari waktu yang tidak mengganggu pelajaran."
            )
        )
        self.school_start = self._time_edit("serviceSchoolStart", self.tr("Jam sekolah mulai"))
        self.school_end = self._time_edit("serviceSchoolEnd", self.tr("Jam sekolah selesai"))
        hours_row = QWidget()
        hours_layout = QHBoxLayout(hours_row)
        hours_layout.setContentsMargins(0, 0, 0, 0)
        hours_layout.setSpacing(8)
        hours_layout.addWidget(self.school_start)
        hours_layout.addWidget(QLabel(self.tr("s.d.")))
        hours_layout.addWidget(self.school_end)
        hours_layout.addStretch(1)

        self.lesson_periods = text_box(
            self, "serviceLessonPeriods", self.tr("Jam pelajaran, satu per baris"), 6
        )
        self.lesson_periods.setPlaceholderText("07.00-07.45\n07.45-08.30")
        self.lesson_periods.setMaximumWidth(260)

        self.reminder_minutes = named(
            QSpinBox(), "serviceReminderMinutes", self.tr("Pengingat sesi, menit sebelumnya")
        )
        self.reminder_minutes.setRange(0, REMINDER_MAX_MINUTES)
        self.reminder_minutes.setSuffix(self.tr(" menit sebelumnya"))
        self.reminder_minutes.setSpecialValueText(self.tr("Tidak ada pengingat"))
        self.reminder_minutes.setMaximumWidth(220)

        self._form = FieldForm()
        self._form.add(
            self.tr("Jam sekolah"),
            hours_row,
            buddy=self.school_start,
            keys=("school_start", "school_end"),
        )
        self._form.add(
            self.tr("Jam pelajaran"),
            self.lesson_periods,
            keys=("lesson_periods",),
            hint=self.tr(
                "Satu jam pelajaran per baris, jam mulai dan jam selesai dipisah tanda minus, "
                "seperti 07.00-07.45. Boleh dikosongkan."
            ),
        )
        self._form.add(
            self.tr("Pengingat sesi"),
            self.reminder_minutes,
            keys=("reminder_minutes",),
            hint=self.tr(
                "0 = tidak ada pengingat. Pengingat muncul di pojok layar selama bk-desktop "
                "terbuka dan tidak terkunci, tanpa nama siswa: hanya jam dan tempat sesi, dan "
                "permohonan yang batas 1×24 jamnya kurang dari 2 jam lagi."
            ),
        )

        layout = group_layout(self)
        layout.addWidget(intro)
        layout.addLayout(self._form)

    def _time_edit(self, object_name: str, accessible_name: str) -> QTimeEdit:
        edit = named(QTimeEdit(), object_name, accessible_name)
        edit.setDisplayFormat("HH.mm")
        edit.setMaximumWidth(110)
        return edit

    def refresh(self, settings: Settings) -> None:
        """Show what is stored; edits not yet saved are dropped."""
        self._form.clear_errors()
        start, end = settings.school_hours
        self.school_start.setTime(_qtime(start))
        self.school_end.setTime(_qtime(end))
        self.lesson_periods.setPlainText("\n".join(map(period_line, settings.lesson_periods)))
        self.reminder_minutes.setValue(settings.reminder_minutes)

    def wanted(self, settings: Settings) -> Settings:
        """``settings`` with the hours, periods and reminder as shown (the page stores them,
        and ``Settings.validated`` judges them: its refusals come back to ``show_error``)."""
        self._form.clear_errors()
        lines = (line.strip() for line in self.lesson_periods.toPlainText().splitlines())
        return replace(
            settings,
            school_start=_clock(self.school_start.time()),
            school_end=_clock(self.school_end.time()),
            lesson_periods=tuple(line for line in lines if line),
            reminder_minutes=self.reminder_minutes.value(),
        )

    def show_error(self, error: ValidationError) -> bool:
        """Put a refusal of the page's save under its input here; False when not this one's."""
        return self._form.place(error)

    def stored(self) -> None:
        """After the page stored the settings: the periods as stored (sorted, written alike)."""
        self.refresh(self._context.settings.get())


__all__ = ["SchoolHoursSection", "period_line"]
