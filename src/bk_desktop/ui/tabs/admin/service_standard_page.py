"""Pengaturan → Layanan: the school's semesters, how the 1×24 h clock counts, the emergency steps.

These are the school's own calendar and rules around the service standard. The standard fixes
the numbers (scheduling within 1×24 hours); the school decides the dates its semesters run,
whether weekends and holidays stop the clock, and what a counsellor does first when a screening
finds a student in danger.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStackedWidget,
    QWidget,
)

from bk_desktop.domain.academic import AcademicYear, Semester, SemesterDates, Term, current_term
from bk_desktop.domain.dates import format_date, format_long_date
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.settings import Settings, parse_term_key, term_key
from bk_desktop.services.students import TermService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import FieldForm, action_button, button_row, group_layout, named
from bk_desktop.ui.kit.labels import WrappingLabel, note_label, set_status, status_label
from bk_desktop.ui.kit.palette import ERROR_TEXT, WARNING_TEXT
from bk_desktop.ui.kit.records import RecordList, RecordsModel
from bk_desktop.ui.school_time import qdate, school_date_edit
from bk_desktop.ui.style import start_weeks_on_monday
from bk_desktop.ui.tabs.admin.admin_page import AdminPage, note_refused

_ModelIndex = QModelIndex | QPersistentModelIndex
TermKey = tuple[AcademicYear, Semester]

HOLIDAY_RANGE_MAX_DAYS = 366
"""A longer "holiday" is a slip of the year field, not a school break."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdminTab", text)


def _py_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _dates_text(dates: SemesterDates) -> str:
    return f"{format_date(dates.start)} – {format_date(dates.end)}"


class TermsModel(RecordsModel[Term]):
    """The configured semesters, by start date; the one now current is in bold."""

    COLUMNS = ("year", "semester", "start", "end")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current: TermKey | None = None

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Tahun ajaran"), self.tr("Semester"), self.tr("Mulai"), self.tr("Selesai"))

    def set_terms(self, terms: list[Term], current: TermKey | None) -> None:
        self._current = current
        self._reset(terms)

    def set_current(self, current: TermKey | None) -> None:
        if current != self._current:
            self._current = current
            if self._records:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._records) - 1, len(self.COLUMNS) - 1)
                )

    def row_of(self, key: TermKey) -> int:
        return self.row_where(lambda t: t.key == key)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        term = self.record_of(index)
        if term is None:
            return None
        column = self.COLUMNS[index.column()]
        is_current = term.key == self._current
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == "year":
                return str(term.year)
            if column == "semester":
                if is_current:
                    return self.tr("{semester} (berjalan)").format(semester=term.semester.label)
                return term.semester.label
            if column == "start":
                return format_date(term.dates.start)
            return format_date(term.dates.end)
        if role == Qt.ItemDataRole.FontRole and is_current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return term_key(term.year, term.semester)
        return None


def _name_calendar_parts(calendar: QCalendarWidget) -> None:
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


def _date_edit(object_name: str, accessible_name: str) -> QDateEdit:
    edit = named(school_date_edit(), object_name, accessible_name)
    edit.setDateRange(QDate(1950, 1, 1), QDate(2201, 12, 31))
    start_weeks_on_monday(edit)
    calendar = edit.calendarWidget()
    if calendar is not None:
        _name_calendar_parts(calendar)
    edit.setMaximumWidth(150)
    return edit


class ServiceStandardPage(AdminPage):
    """Semesters and the current one, the 1×24 h clock's school days, the emergency protocol."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Layanan"),
            self.tr(
                "Kalender sekolah dan aturan layanan BK: semester yang sedang berjalan, cara "
                "menghitung batas waktu penjadwalan 1×24 jam, dan langkah yang diambil bila ada "
                "siswa dalam keadaan darurat."
            ),
            parent,
        )
        self._context = context
        self._editing: TermKey | None = None
        self._auto_dates: tuple[date, date] | None = None
        self._holidays: set[date] = set()
        self._holiday_from_before = date.min

        self.body.addWidget(self._build_terms())
        self.body.addWidget(self._build_deadline())
        self.body.addWidget(self._build_protocol())
        self.finish()

    # -- building --------------------------------------------------------------------------

    def _build_terms(self) -> QGroupBox:
        group = QGroupBox(self.tr("Tahun ajaran dan semester"))

        self.current_term = WrappingLabel()
        self.current_term.setObjectName("serviceCurrentTerm")
        self.term_choice = named(QComboBox(), "serviceTermChoice", self.tr("Semester berjalan"))
        self.term_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.term_apply_button = action_button(
            self.tr("Terapkan"), "serviceTermApplyButton", self.tr("Terapkan semester berjalan")
        )
        self.term_apply_button.clicked.connect(self.apply_term_choice)
        self.term_choice_status = status_label("serviceTermChoiceStatus")
        choice_row = QWidget()
        choice_layout = QHBoxLayout(choice_row)
        choice_layout.setContentsMargins(0, 0, 0, 0)
        choice_layout.setSpacing(12)
        choice_layout.addWidget(self.term_choice)
        choice_layout.addWidget(self.term_apply_button)
        choice_layout.addWidget(self.term_choice_status, 1)
        self._current_form = FieldForm()
        self._current_form.add(self.tr("Sekarang"), self.current_term)
        self._current_form.add(
            self.tr("Semester berjalan"),
            choice_row,
            buddy=self.term_choice,
            keys=("current_term_override",),
            hint=self.tr(
                "Biasanya otomatis menurut tanggal hari ini. Pilih satu semester bila sekolah "
                "berpindah semester pada hari yang lain dari tanggal di daftar."
            ),
        )

        dates_heading = QLabel(self.tr("Tanggal semester"))
        font = QFont(dates_heading.font())
        font.setBold(True)
        dates_heading.setFont(font)
        dates_note = note_label(
            self.tr(
                "Isi sesuai kalender pendidikan sekolah. Semester yang tidak ada di daftar "
                "memakai tanggal bawaan: Ganjil 1 Juli–31 Desember, Genap 1 Januari–30 Juni."
            )
        )

        self.terms_model = TermsModel(self)
        self.terms_list = RecordList(
            self.terms_model,
            ("serviceTermsTable", self.tr("Daftar semester dan tanggalnya")),
            (
                "serviceTermsEmpty",
                self.tr("Belum ada semester yang diatur. Tanggal bawaan yang dipakai."),
            ),
            rows=(2, 6),
        )
        self.terms_table = self.terms_list.table
        self.terms_table.selectionModel().selectionChanged.connect(self._term_selected)

        self.term_new_button = action_button(
            self.tr("Semester baru"), "serviceTermNewButton", self.tr("Isi semester baru")
        )
        self.term_new_button.clicked.connect(self.new_term)
        self.term_remove_button = action_button(
            self.tr("Hapus semester terpilih…"),
            "serviceTermRemoveButton",
            self.tr("Hapus semester terpilih"),
        )
        self.term_remove_button.clicked.connect(self.remove_selected_term)
        self.terms_status = status_label("serviceTermsStatus")

        self.term_form_title = QLabel()
        self.term_form_title.setObjectName("serviceTermFormTitle")
        self.term_form_title.setFont(font)
        self.term_year = named(QLineEdit(), "serviceTermYear", self.tr("Tahun ajaran"))
        self.term_year.setPlaceholderText(self.tr("mis. 2026/2027"))
        self.term_year.setMaximumWidth(150)
        self.term_semester = named(QComboBox(), "serviceTermSemester", self.tr("Semester"))
        for semester in Semester:
            self.term_semester.addItem(semester.label, semester.value)
        self.term_semester.setMaximumWidth(150)
        self.term_start = _date_edit("serviceTermStart", self.tr("Tanggal mulai semester"))
        self.term_end = _date_edit("serviceTermEnd", self.tr("Tanggal selesai semester"))
        self.term_year.textChanged.connect(self._term_key_changed)
        self.term_semester.currentIndexChanged.connect(self._term_key_changed)
        self._term_form = FieldForm()
        self._term_form.add(
            self.tr("Tahun ajaran"), self.term_year, keys=("academic_year", "term_key")
        )
        self._term_form.add(self.tr("Semester"), self.term_semester)
        self._term_form.add(self.tr("Mulai"), self.term_start)
        self._term_form.add(
            self.tr("Selesai"),
            self.term_end,
            keys=("semester_end", "terms"),
            hint=self.tr("Hari pertama dan hari terakhir semester, keduanya ikut dihitung."),
        )
        self.term_save_button = action_button(
            self.tr("Simpan semester"), "serviceTermSaveButton", self.tr("Simpan semester")
        )
        self.term_save_button.clicked.connect(self.save_term)
        self.term_status = status_label("serviceTermStatus")

        layout = group_layout(group)
        layout.addLayout(self._current_form)
        layout.addSpacing(6)
        layout.addWidget(dates_heading)
        layout.addWidget(dates_note)
        layout.addWidget(self.terms_list)
        layout.addLayout(
            button_row(self.term_new_button, self.term_remove_button, self.terms_status)
        )
        layout.addWidget(self.term_form_title)
        layout.addLayout(self._term_form)
        layout.addLayout(button_row(self.term_save_button, self.term_status))
        return group

    def _build_deadline(self) -> QGroupBox:
        group = QGroupBox(self.tr("Jam 1×24"))
        intro = note_label(
            self.tr(
                "Penjadwalan dilakukan paling lambat 1×24 jam sesudah permintaan diterima. "
                "Tanpa pilihan di bawah, jam dihitung terus termasuk akhir pekan."
            )
        )
        self.school_days_only = named(
            QCheckBox(self.tr("Hitung hanya hari sekolah (lewati Sabtu, Minggu dan hari libur)")),
            "serviceSchoolDaysOnly",
            self.tr("Hitung hanya hari sekolah"),
        )
        self.school_days_only.toggled.connect(self._school_days_toggled)
        example = note_label(
            self.tr(
                "Contoh: permintaan yang diterima Jumat pukul 10.00 dijadwalkan paling lambat "
                "Senin pukul 10.00, bukan Sabtu pukul 10.00."
            )
        )

        self.holiday_list = named(
            QListWidget(), "serviceHolidayList", self.tr("Daftar hari libur sekolah")
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

        self.holiday_from = _date_edit("serviceHolidayDate", self.tr("Tanggal libur"))
        self.holiday_to = _date_edit(
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

        self._deadline_form = FieldForm()
        self._deadline_form.addRow(self.school_days_only)
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
                "Untuk satu hari, biarkan kedua tanggal sama. Dalam rentang, Sabtu dan Minggu "
                "tidak dicatat karena sudah dilewati."
            ),
        )
        fixed_note = note_label(
            self.tr(
                "Batas waktu sebuah permintaan ditetapkan saat permintaan diterima (atau dibuka "
                "kembali). Perubahan di sini berlaku untuk permintaan yang diterima sesudah "
                "disimpan; batas waktu permintaan yang sudah ada tidak berubah."
            ),
            "serviceDeadlineFixedNote",
        )
        self.deadline_save_button = action_button(
            self.tr("Simpan"), "serviceDeadlineSaveButton", self.tr("Simpan aturan jam 1×24")
        )
        self.deadline_save_button.clicked.connect(self.save_deadline)
        self.deadline_status = status_label("serviceDeadlineStatus")

        layout = group_layout(group)
        layout.addWidget(intro)
        layout.addLayout(self._deadline_form)
        layout.addWidget(fixed_note)
        layout.addLayout(button_row(self.deadline_save_button, self.deadline_status))
        return group

    def _build_protocol(self) -> QGroupBox:
        group = QGroupBox(self.tr("Protokol darurat"))
        intro = note_label(
            self.tr(
                "Ditampilkan kepada guru BK ketika asesmen awal menilai risiko siswa darurat. "
                "Tulis langkah yang berlaku di sekolah ini, termasuk siapa dan nomor berapa yang "
                "dihubungi."
            )
        )
        self.protocol = named(
            QPlainTextEdit(), "serviceEmergencyProtocol", self.tr("Protokol darurat")
        )
        self.protocol.setTabChangesFocus(True)
        lines = self.protocol.fontMetrics().lineSpacing()
        self.protocol.setFixedHeight(lines * 7 + 12)
        self.protocol_error = WrappingLabel()
        self.protocol_error.setObjectName("serviceEmergencyProtocolError")
        self.protocol_error.setStyleSheet(f"color: {ERROR_TEXT};")
        self.protocol_error.hide()
        self.protocol_save_button = action_button(
            self.tr("Simpan"), "serviceProtocolSaveButton", self.tr("Simpan protokol darurat")
        )
        self.protocol_save_button.clicked.connect(self.save_protocol)
        self.protocol_default_button = action_button(
            self.tr("Isi dengan contoh bawaan"),
            "serviceProtocolDefaultButton",
            self.tr("Isi protokol darurat dengan contoh bawaan"),
        )
        self.protocol_default_button.clicked.connect(self._use_default_protocol)
        self.protocol_status = status_label("serviceProtocolStatus")

        layout = group_layout(group)
        layout.addWidget(intro)
        layout.addWidget(self.protocol)
        layout.addWidget(self.protocol_error)
        layout.addLayout(
            button_row(
                self.protocol_save_button, self.protocol_default_button, self.protocol_status
            )
        )
        return group

    # -- loading ---------------------------------------------------------------------------

    @property
    def _terms(self) -> TermService:
        return TermService(self._context.workspace)

    def _today(self, settings: Settings | None = None) -> date:
        settings = settings or self._context.settings.get()
        return self._context.workspace.now().astimezone(settings.zone).date()

    def refresh(self) -> None:
        """Read everything again; edits not yet saved are dropped."""
        settings = self._context.settings.get()
        for form in (self._current_form, self._term_form, self._deadline_form):
            form.clear_errors()
        self._hide_protocol_error()
        for label in (
            self.term_choice_status,
            self.terms_status,
            self.term_status,
            self.deadline_status,
            self.protocol_status,
        ):
            label.clear()
        self._load_terms()
        self.new_term()

        self.school_days_only.blockSignals(True)
        self.school_days_only.setChecked(settings.school_days_only)
        self.school_days_only.blockSignals(False)
        self._holidays = set(settings.holiday_dates)
        self._show_holidays()
        today = qdate(self._today(settings))
        self.holiday_from.setDate(today)
        self.holiday_to.setDate(today)

        self.protocol.setPlainText(settings.emergency_protocol)

    def showEvent(self, event: QShowEvent) -> None:
        # The date moves on while the window stays open: say again which term today is in.
        super().showEvent(event)
        if self._context.workspace.is_open:
            self._show_current()

    def _load_terms(self, select: TermKey | None = None) -> None:
        terms = self._terms.terms()
        current = self._terms.current()
        self.terms_model.set_terms(terms, current.key)
        if select is not None:
            self.terms_list.select(self.terms_model.row_of(select))
        self._fill_choice(terms)
        self._show_current()
        self._update_term_buttons()

    def _fill_choice(self, terms: list[Term]) -> None:
        """Automatic, then every term one could mean: the configured ones, today's, the chosen."""
        settings = self._context.settings.get()
        keys = {t.key for t in terms}
        keys.add(current_term(self._today(settings)).key)
        chosen = parse_term_key(settings.current_term_override)
        if chosen is not None:
            keys.add(chosen)
        configured = {t.key for t in terms}
        self.term_choice.clear()
        self.term_choice.addItem(self.tr("Otomatis, menurut tanggal hari ini"), "")
        for year, semester in sorted(keys, key=lambda k: (k[0], k[1] is Semester.GENAP)):
            label = Term.default(year, semester).label
            if (year, semester) not in configured:
                label = self.tr("{term} (tanggal bawaan)").format(term=label)
            self.term_choice.addItem(label, term_key(year, semester))
        index = self.term_choice.findData(settings.current_term_override)
        self.term_choice.setCurrentIndex(max(index, 0))

    def _show_current(self) -> None:
        settings = self._context.settings.get()
        terms = self._terms.terms()
        current = self._terms.current()
        self.terms_model.set_current(current.key)
        configured = current in terms
        text = f"{current.label}, {_dates_text(current.dates)}"
        if not configured:
            text = self.tr("{text} (tanggal bawaan)").format(text=text)
        if parse_term_key(settings.current_term_override) is None:
            text = self.tr("{text}. Ditentukan otomatis menurut tanggal hari ini.").format(
                text=text
            )
        else:
            by_date = current_term(self._today(settings), terms)
            text = self.tr("{text}. Dipilih tetap; menurut tanggal hari ini: {today}.").format(
                text=text, today=by_date.label
            )
        self.current_term.setText(text)

    # -- semesters -------------------------------------------------------------------------

    def _update_term_buttons(self) -> None:
        self.term_remove_button.setEnabled(self.terms_list.selected() is not None)

    def _form_dates(self) -> tuple[date, date]:
        return _py_date(self.term_start.date()), _py_date(self.term_end.date())

    def _set_term_form(self, term: Term) -> None:
        self.term_year.setText(str(term.year))
        self.term_semester.setCurrentIndex(self.term_semester.findData(term.semester.value))
        self.term_start.setDate(qdate(term.dates.start))
        self.term_end.setDate(qdate(term.dates.end))

    def _term_selected(self) -> None:
        self._update_term_buttons()
        term = self.terms_list.selected()
        if term is None:
            return
        self._term_form.clear_errors()
        self.term_status.clear()
        self._editing = term.key
        self._set_term_form(term)
        self.term_form_title.setText(self.tr("Mengubah {term}").format(term=term.label))

    def _suggested_term(self) -> Term:
        """Today's term when it has no dates yet, else the one after the last configured."""
        terms = self._terms.terms()
        configured = {t.key for t in terms}
        today = current_term(self._today())
        if today.key not in configured or not terms:
            return today
        latest = max(terms, key=lambda t: t.dates.start)
        if latest.semester is Semester.GANJIL:
            return Term.default(latest.year, Semester.GENAP)
        return Term.default(AcademicYear(latest.year.start + 1), Semester.GANJIL)

    def new_term(self) -> None:
        """Empty the selection and offer the next semester with its default dates to adjust."""
        self._editing = None
        self.terms_table.clearSelection()
        self._term_form.clear_errors()
        self.term_status.clear()
        suggestion = self._suggested_term()
        self._set_term_form(suggestion)
        self._auto_dates = (suggestion.dates.start, suggestion.dates.end)
        self.term_form_title.setText(self.tr("Tambah semester"))

    def _term_key_changed(self) -> None:
        """While adding, dates nobody has touched follow the year and semester typed."""
        if self._editing is not None:
            return
        try:
            year = AcademicYear.parse(self.term_year.text())
        except ValidationError:
            return
        if self._auto_dates is not None and self._form_dates() != self._auto_dates:
            return
        defaults = Semester(str(self.term_semester.currentData())).default_dates(year)
        self.term_start.setDate(qdate(defaults.start))
        self.term_end.setDate(qdate(defaults.end))
        self._auto_dates = (defaults.start, defaults.end)

    def _term_from_form(self) -> Term:
        year = AcademicYear.parse(self.term_year.text())
        semester = Semester(str(self.term_semester.currentData()))
        start, end = self._form_dates()
        return Term(year, semester, SemesterDates(start, end))

    def _term_refused(self, error: ValidationError) -> None:
        if self._term_form.place(error):
            note_refused(self.term_status)
        else:
            self._context.prompter.error(self, self.tr("Semester"), error.message)

    def save_term(self) -> None:
        self._term_form.clear_errors()
        self.term_status.clear()
        self.terms_status.clear()
        try:
            term = self._term_from_form()
        except ValidationError as error:
            self._term_refused(error)
            return
        service = self._terms
        try:
            existing = service.terms()
            if term.key != self._editing and any(t.key == term.key for t in existing):
                raise ValidationError(
                    self.tr(
                        "{term} sudah ada di daftar. Pilih barisnya di daftar untuk mengubah "
                        "tanggalnya."
                    ).format(term=term.label),
                    "term_key",
                )
            if term in existing:
                set_status(self.term_status, self.tr("Tidak ada yang berubah."))
                return
            kept = [t for t in existing if t.key not in (term.key, self._editing)]
            service.save_terms([*kept, term])
        except ValidationError as error:
            self._term_refused(error)
            return
        except KnownError as error:
            self._context.prompter.error(self, self.tr("Semester"), error.message)
            return
        self._load_terms(select=term.key)
        set_status(self.term_status, self.tr("{term} tersimpan.").format(term=term.label))

    def remove_selected_term(self) -> None:
        term = self.terms_list.selected()
        if term is None:
            return
        self.terms_status.clear()
        if not self._context.prompter.confirm(
            self,
            self.tr("Hapus semester"),
            self.tr(
                "{term} ({dates}) dihapus dari daftar; semester itu kembali memakai tanggal "
                "bawaan. Catatan siswa tidak berubah. Hapus?"
            ).format(term=term.label, dates=_dates_text(term.dates)),
        ):
            return
        service = self._terms
        try:
            service.save_terms([t for t in service.terms() if t.key != term.key])
        except KnownError as error:
            self._context.prompter.error(self, self.tr("Hapus semester"), error.message)
            return
        self._load_terms()
        self.new_term()
        set_status(self.terms_status, self.tr("{term} dihapus.").format(term=term.label))

    def apply_term_choice(self) -> None:
        self._current_form.clear_errors()
        self.term_choice_status.clear()
        key = str(self.term_choice.currentData() or "")
        if key == self._context.settings.get().current_term_override:
            set_status(self.term_choice_status, self.tr("Tidak ada yang berubah."))
            return
        chosen = parse_term_key(key)
        try:
            self._terms.choose_current(chosen)
        except ValidationError as error:
            if not self._current_form.place(error):
                self._context.prompter.error(self, self.tr("Semester berjalan"), error.message)
            return
        except KnownError as error:
            self._context.prompter.error(self, self.tr("Semester berjalan"), error.message)
            return
        # Only the choice and the bold row change; a term being edited below keeps its edits.
        self._fill_choice(self._terms.terms())
        self._show_current()
        set_status(self.term_choice_status, self.tr("Tersimpan."))

    # -- the 1×24 h clock ------------------------------------------------------------------

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
        new = _py_date(value)
        until = _py_date(self.holiday_to.date())
        if until < new or until == self._holiday_from_before:
            self.holiday_to.setDate(value)
        self._holiday_from_before = new

    def _school_days_toggled(self, _checked: bool) -> None:
        self._deadline_edited()

    def _deadline_edited(self, note: str = "") -> None:
        """Say so while the list or the box differs from what is stored."""
        settings = self._context.settings.get()
        stored = (settings.school_days_only, set(settings.holiday_dates))
        if (self.school_days_only.isChecked(), self._holidays) == stored:
            set_status(self.deadline_status, note)
        else:
            text = f"{note} {self.tr('Belum disimpan.')}" if note else self.tr("Belum disimpan.")
            self.deadline_status.setStyleSheet(f"color: {WARNING_TEXT};")
            self.deadline_status.setText(text)

    def add_holidays(self) -> None:
        self._deadline_form.clear_errors()
        first = _py_date(self.holiday_from.date())
        last = _py_date(self.holiday_to.date())
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
            days = {d for d in days if d.weekday() < 5}
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

    def save_deadline(self) -> None:
        self._deadline_form.clear_errors()
        self.deadline_status.clear()
        wanted = replace(
            self._context.settings.get(),
            school_days_only=self.school_days_only.isChecked(),
            holidays=tuple(day.isoformat() for day in sorted(self._holidays)),
        )
        if self.save_settings(
            self._context,
            wanted,
            status=self.deadline_status,
            show_error=self._deadline_form.place,
            title=self.tr("Pengaturan"),
        ):
            self._holidays = set(self._context.settings.get().holiday_dates)
            self._show_holidays()

    # -- emergency protocol ----------------------------------------------------------------

    def _hide_protocol_error(self) -> None:
        self.protocol_error.clear()
        self.protocol_error.hide()

    def _show_protocol_error(self, error: ValidationError) -> bool:
        if error.field != "emergency_protocol":
            return False
        self.protocol_error.setText(error.message)
        self.protocol_error.show()
        return True

    def _use_default_protocol(self) -> None:
        self._hide_protocol_error()
        self.protocol.setPlainText(Settings().emergency_protocol)
        self.protocol.setFocus()
        set_status(self.protocol_status, self.tr("Contoh bawaan diisikan. Sesuaikan, lalu simpan."))

    def save_protocol(self) -> None:
        self._hide_protocol_error()
        self.protocol_status.clear()
        text = self.protocol.toPlainText().strip()
        if not text:
            self._show_protocol_error(
                ValidationError(
                    self.tr(
                        "Protokol darurat tidak boleh kosong. Tulis langkah yang diambil bila "
                        "ada siswa dalam keadaan darurat, atau isi dengan contoh bawaan."
                    ),
                    "emergency_protocol",
                )
            )
            set_status(self.protocol_status, self.tr("Belum tersimpan."), ok=False)
            self.protocol.setFocus()
            return
        wanted = replace(self._context.settings.get(), emergency_protocol=text)
        if self.save_settings(
            self._context,
            wanted,
            status=self.protocol_status,
            show_error=self._show_protocol_error,
            title=self.tr("Pengaturan"),
        ):
            self.protocol.setPlainText(self._context.settings.get().emergency_protocol)


__all__ = ["ServiceStandardPage", "TermsModel"]
