"""Pengaturan → Layanan → Jam 1×24: whether the scheduling clock counts school days only, and
the school's holidays it skips."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import (
    QDate,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from bk_desktop.domain.dates import DAY_NAMES, format_long_date
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.settings import Settings
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import FieldForm, action_button, group_layout, named
from bk_desktop.ui.kit.labels import note_label, set_status, status_label
from bk_desktop.ui.kit.palette import WARNING_TEXT
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.school_time import py_date, qdate
from bk_desktop.ui.tabs.admin.date_inputs import admin_date_edit, school_today

HOLIDAY_RANGE_MAX_DAYS = 366
"""A longer "holiday" is a slip of the year field, not a school break."""


class DeadlineSection(QGroupBox):
    """School days only, the holiday list and a range to add, saved together."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Jam 1×24"), parent)
        self._context = context
        self._holidays: set[date] = set()
        self._holiday_from_before = date.min
        intro = note_label(
            self.tr(
                "Penjadwalan dilakukan paling lambat 1×24 jam sesudah permohonan diterima. "
                "Tanpa pilihan di bawah, jam dihitung terus termasuk akhir pekan."
            )
        )
        self.school_days_only = named(
            QCheckBox(self.tr("Hitung hanya hari sekolah (lewati hari tanpa sekolah dan libur)")),
            "serviceSchoolDaysOnly",
            self.tr("Hitung hanya hari sekolah"),
        )
        self.school_days_only.toggled.connect(self._school_days_toggled)
        week_row = self._week_row()
        example = note_label(
            self.tr(
                "Contoh: permohonan yang diterima Jumat pukul 10.00 dijadwalkan paling lambat "
                "Senin pukul 10.00, bukan Sabtu pukul 10.00."
            )
        )

        holidays_box = self._holidays_box()
        add_row = self._add_row()

        self._deadline_form = FieldForm()
        self._deadline_form.addRow(self.school_days_only)
        self._deadline_form.add(
            self.tr("Hari sekolah"),
            week_row,
            buddy=self.school_week_boxes[0],
            keys=("school_week",),
            hint=self.tr("Sekolah enam hari: centang juga Sabtu."),
        )
        self._deadline_form.addRow(example)
        self._deadline_form.add(
            self.tr("Hari libur"),
            holidays_box,
            buddy=self.holiday_list,
            keys=("holidays",),
        )
        self._deadline_form.add(
            self.tr("Tambah libur"),
            add_row,
            buddy=self.holiday_from,
            keys=("holiday_range",),
            hint=self.tr(
                "Untuk satu hari, biarkan kedua tanggal sama. Dalam rentang, hari tanpa sekolah "
                "tidak dicatat karena sudah dilewati."
            ),
        )
        fixed_note = note_label(
            self.tr(
                "Batas waktu sebuah permohonan ditetapkan saat permohonan diterima (atau dibuka "
                "kembali). Perubahan di sini berlaku untuk permohonan yang diterima sesudah "
                "disimpan; batas waktu permohonan yang sudah ada tidak berubah."
            ),
            "serviceDeadlineFixedNote",
        )
        self.deadline_status = status_label("serviceDeadlineStatus")

        layout = group_layout(self)
        layout.addWidget(intro)
        layout.addLayout(self._deadline_form)
        layout.addWidget(fixed_note)
        layout.addWidget(self.deadline_status)

    # -- building --------------------------------------------------------------------------

    def _holidays_box(self) -> QWidget:
        """The holidays listed (or a line saying there are none), with "Hapus"."""
        self.holiday_list = tab_leaves(
            named(QListWidget(), "serviceHolidayList", self.tr("Daftar hari libur sekolah"))
        )
        self.holiday_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.holiday_list.itemSelectionChanged.connect(self._update_holiday_buttons)
        self.holidays_empty = QLabel(self.tr("Belum ada hari libur di daftar."))
        self.holidays_empty.setObjectName("serviceHolidaysEmpty")
        self.holidays_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.holidays_stack = QStackedWidget()
        self.holidays_stack.addWidget(self.holiday_list)
        self.holidays_stack.addWidget(self.holidays_empty)
        rows = 6  # a school year's scattered holidays; longer lists scroll
        line = self.holiday_list.fontMetrics().lineSpacing() + 2
        self.holidays_stack.setFixedHeight(rows * line + 2 * self.holiday_list.frameWidth() + 4)
        self.holiday_remove_button = action_button(
            self.tr("Hapus tanggal terpilih"),
            "serviceHolidayRemoveButton",
            self.tr("Hapus hari libur terpilih"),
        )
        self.holiday_remove_button.clicked.connect(self.remove_selected_holidays)
        holidays_box = QWidget()
        holidays_layout = QHBoxLayout(holidays_box)
        holidays_layout.setContentsMargins(0, 0, 0, 0)
        holidays_layout.setSpacing(12)
        holidays_layout.addWidget(self.holidays_stack, 1)
        holidays_layout.addWidget(self.holiday_remove_button, 0, Qt.AlignmentFlag.AlignTop)
        return holidays_box

    def _week_row(self) -> QWidget:
        """One box per day, Monday first: which days the school holds lessons."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.school_week_boxes: list[QCheckBox] = []
        for index, name in enumerate(DAY_NAMES):
            box = named(
                QCheckBox(name),
                f"serviceSchoolDay{index}",
                self.tr("Hari sekolah: {day}").format(day=name),
            )
            box.toggled.connect(self._school_days_toggled)
            self.school_week_boxes.append(box)
            layout.addWidget(box)
        layout.addStretch(1)
        return row

    def _school_week(self) -> tuple[int, ...]:
        return tuple(i for i, box in enumerate(self.school_week_boxes) if box.isChecked())

    def _add_row(self) -> QWidget:
        """A day, or a range of days, to add to the list."""
        self.holiday_from = admin_date_edit("serviceHolidayDate", self.tr("Tanggal libur"))
        self.holiday_to = admin_date_edit(
            "serviceHolidayUntil", self.tr("Tanggal libur terakhir (untuk rentang)")
        )
        self.holiday_from.dateChanged.connect(self._holiday_from_changed)
        self.holiday_add_button = action_button(
            self.tr("Tambah"), "serviceHolidayAddButton", self.tr("Tambah hari libur")
        )
        self.holiday_add_button.clicked.connect(self.add_holidays)
        add_row = QWidget()
        add_layout = QHBoxLayout(add_row)
        add_layout.setContentsMargins(0, 0, 0, 0)
        add_layout.setSpacing(8)
        add_layout.addWidget(self.holiday_from)
        add_layout.addWidget(QLabel(self.tr("sampai")))
        add_layout.addWidget(self.holiday_to)
        add_layout.addSpacing(4)
        add_layout.addWidget(self.holiday_add_button)
        add_layout.addStretch(1)
        return add_row

    def refresh(self, settings: Settings) -> None:
        """Show what is stored; edits not yet saved are dropped."""
        self._deadline_form.clear_errors()
        self.deadline_status.clear()
        self.school_days_only.blockSignals(True)
        self.school_days_only.setChecked(settings.school_days_only)
        self.school_days_only.blockSignals(False)
        for index, box in enumerate(self.school_week_boxes):
            box.blockSignals(True)
            box.setChecked(index in settings.school_week)
            box.blockSignals(False)
        self._update_week_enabled()
        self._holidays = set(settings.holiday_dates)
        self._show_holidays()
        today = qdate(school_today(self._context, settings))
        self.holiday_from.setDate(today)
        self.holiday_to.setDate(today)

    def _show_holidays(self, select: set[date] | None = None) -> None:
        self.holiday_list.clear()
        for day in sorted(self._holidays):
            item = QListWidgetItem(format_long_date(day))
            item.setData(Qt.ItemDataRole.UserRole, day.isoformat())
            self.holiday_list.addItem(item)
            if select and day in select:
                item.setSelected(True)
                self.holiday_list.scrollToItem(item)
        self.holidays_stack.setCurrentWidget(
            self.holiday_list if self._holidays else self.holidays_empty
        )
        self._update_holiday_buttons()

    def _update_holiday_buttons(self) -> None:
        self.holiday_remove_button.setEnabled(bool(self.holiday_list.selectedItems()))

    def _holiday_from_changed(self, value: QDate) -> None:
        """The end of a range follows its start unless it was set to a later day on purpose."""
        new = py_date(value)
        until = py_date(self.holiday_to.date())
        if until < new or until == self._holiday_from_before:
            self.holiday_to.setDate(value)
        self._holiday_from_before = new

    def _school_days_toggled(self, _checked: bool) -> None:
        self._update_week_enabled()
        self._deadline_edited()

    def _update_week_enabled(self) -> None:
        """The week matters only while the clock counts school days."""
        for box in self.school_week_boxes:
            box.setEnabled(self.school_days_only.isChecked())

    def _deadline_edited(self, note: str = "") -> None:
        """Say so while the list or the box differs from what is stored."""
        settings = self._context.settings.get()
        stored = (settings.school_days_only, set(settings.holiday_dates), settings.school_week)
        shown = (self.school_days_only.isChecked(), self._holidays, self._school_week())
        if shown == stored:
            set_status(self.deadline_status, note)
        else:
            text = f"{note} {self.tr('Belum disimpan.')}" if note else self.tr("Belum disimpan.")
            self.deadline_status.setStyleSheet(f"color: {WARNING_TEXT};")
            self.deadline_status.setText(text)

    def add_holidays(self) -> None:
        self._deadline_form.clear_errors()
        first = py_date(self.holiday_from.date())
        last = py_date(self.holiday_to.date())
        if last < first:
            self._deadline_form.place(
                ValidationError(
                    self.tr("Tanggal terakhir tidak boleh sebelum tanggal pertama."),
                    "holiday_range",
                )
            )
            return
        count = (last - first).days + 1
        if count > HOLIDAY_RANGE_MAX_DAYS:
            self._deadline_form.place(
                ValidationError(
                    self.tr("Rentang libur paling lama satu tahun; periksa tahunnya."),
                    "holiday_range",
                )
            )
            return
        days = {first + timedelta(days=n) for n in range(count)}
        if count > 1:
            week = set(self._school_week())
            days = {d for d in days if d.weekday() in week}
        added = days - self._holidays
        self._holidays |= added
        self._show_holidays(select=days)
        self._deadline_edited("" if added else self.tr("Tanggal itu sudah ada di daftar."))

    def remove_selected_holidays(self) -> None:
        chosen = {
            date.fromisoformat(str(item.data(Qt.ItemDataRole.UserRole)))
            for item in self.holiday_list.selectedItems()
        }
        if not chosen:
            return
        self._holidays -= chosen
        self._show_holidays()
        self._deadline_edited()

    def wanted(self, settings: Settings) -> Settings:
        """``settings`` with this section's clock rules as shown (the page stores them)."""
        self._deadline_form.clear_errors()
        return replace(
            settings,
            school_days_only=self.school_days_only.isChecked(),
            school_week=self._school_week(),
            holidays=tuple(day.isoformat() for day in sorted(self._holidays)),
        )

    def show_error(self, error: ValidationError) -> bool:
        """Put a refusal of the page's save under its input here; False when not this one's."""
        return self._deadline_form.place(error)

    def stored(self) -> None:
        """After the page stored the settings: show the stored list, and no "Belum disimpan"."""
        self._holidays = set(self._context.settings.get().holiday_dates)
        self._show_holidays()
        self.deadline_status.clear()


__all__ = ["HOLIDAY_RANGE_MAX_DAYS", "DeadlineSection"]
