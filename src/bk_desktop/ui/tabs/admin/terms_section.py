"""Pengaturan → Layanan → Tahun ajaran dan semester: which term is current (by date, or chosen),
and the dates the school's semesters run."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from bk_desktop.domain.academic import AcademicYear, Semester, SemesterDates, Term, current_term
from bk_desktop.domain.dates import format_date
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.settings import parse_term_key, term_key
from bk_desktop.services.students import TermService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import FieldForm, action_button, button_row, group_layout, named
from bk_desktop.ui.kit.labels import WrappingLabel, note_label, set_status, status_label
from bk_desktop.ui.kit.records import RecordList, RecordsModel
from bk_desktop.ui.school_time import py_date, qdate
from bk_desktop.ui.tabs.admin.admin_page import Saved
from bk_desktop.ui.tabs.admin.date_inputs import admin_date_edit, school_today

TermKey = tuple[AcademicYear, Semester]
_ModelIndex = QModelIndex | QPersistentModelIndex


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


class TermsSection(QGroupBox):
    """The current term and the list of semesters with a form to add or change one."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Tahun ajaran dan semester"), parent)
        self._context = context
        self._editing: TermKey | None = None
        self._auto_dates: tuple[date, date] | None = None
        self._adding = False

        self._build_current()
        bold = QFont(self.font())
        bold.setBold(True)
        dates_heading = QLabel(self.tr("Tanggal semester"))
        dates_heading.setFont(bold)
        dates_note = note_label(
            self.tr(
                "Isi sesuai kalender pendidikan sekolah. Semester yang tidak ada di daftar "
                "memakai tanggal bawaan: Ganjil 1 Juli–31 Desember, Genap 1 Januari–30 Juni."
            )
        )

        self._build_list()
        self._build_form(bold)

        layout = group_layout(self)
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

    # -- building --------------------------------------------------------------------------

    def _build_current(self) -> None:
        """Which term is current now, and the choice to fix one."""
        self.current_term = WrappingLabel()
        self.current_term.setObjectName("serviceCurrentTerm")
        self.term_choice = named(QComboBox(), "serviceTermChoice", self.tr("Semester berjalan"))
        self.term_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.term_choice.setMaximumWidth(420)  # alone in its row now: not the page's width
        self._current_form = FieldForm()
        self._current_form.add(self.tr("Sekarang"), self.current_term)
        self._current_form.add(
            self.tr("Semester berjalan"),
            self.term_choice,
            keys=("current_term_override",),
            hint=self.tr(
                "Biasanya otomatis menurut tanggal hari ini. Pilih satu semester bila sekolah "
                "berpindah semester pada hari yang lain dari tanggal di daftar."
            ),
        )

    def _build_list(self) -> None:
        """The configured semesters, with "Semester baru" and "Hapus"."""
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

    def _build_form(self, bold: QFont) -> None:
        """The form to add a semester or change the dates of the selected one."""
        self.term_form_title = QLabel()
        self.term_form_title.setObjectName("serviceTermFormTitle")
        self.term_form_title.setFont(bold)
        self.term_year = named(QLineEdit(), "serviceTermYear", self.tr("Tahun ajaran"))
        self.term_year.setPlaceholderText(self.tr("mis. 2026/2027"))
        self.term_year.setMaximumWidth(150)
        self.term_semester = named(QComboBox(), "serviceTermSemester", self.tr("Semester"))
        for semester in Semester:
            self.term_semester.addItem(semester.label, semester.value)
        self.term_semester.setMaximumWidth(150)
        self.term_start = admin_date_edit("serviceTermStart", self.tr("Tanggal mulai semester"))
        self.term_end = admin_date_edit("serviceTermEnd", self.tr("Tanggal selesai semester"))
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

    @property
    def _terms(self) -> TermService:
        return TermService(self._context.workspace)

    def refresh(self) -> None:
        """Read the terms again; a term being edited is dropped."""
        for form in (self._current_form, self._term_form):
            form.clear_errors()
        self.terms_status.clear()
        self._load_terms()
        self._offer_new_term()

    def show_current(self) -> None:
        """Say again which term today is in (the date moves on while the window stays open)."""
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
        keys.add(current_term(school_today(self._context, settings)).key)
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
            by_date = current_term(school_today(self._context, settings), terms)
            text = self.tr("{text}. Dipilih tetap; menurut tanggal hari ini: {today}.").format(
                text=text, today=by_date.label
            )
        self.current_term.setText(text)

    def _update_term_buttons(self) -> None:
        self.term_remove_button.setEnabled(self.terms_list.selected() is not None)

    def _form_dates(self) -> tuple[date, date]:
        return py_date(self.term_start.date()), py_date(self.term_end.date())

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
        self._editing = term.key
        self._adding = False
        self._set_term_form(term)
        self._term_form.mark_clean()
        self.term_form_title.setText(self.tr("Mengubah {term}").format(term=term.label))

    def _suggested_term(self) -> Term:
        """Today's term when it has no dates yet, else the one after the last configured."""
        terms = self._terms.terms()
        configured = {t.key for t in terms}
        today = current_term(school_today(self._context))
        if today.key not in configured or not terms:
            return today
        latest = max(terms, key=lambda t: t.dates.start)
        if latest.semester is Semester.GANJIL:
            return Term.default(latest.year, Semester.GENAP)
        return Term.default(AcademicYear(latest.year.start + 1), Semester.GANJIL)

    def new_term(self) -> None:
        """ "Semester baru": the next semester with its default dates, added by "Simpan" even
        when its dates are kept as offered."""
        self._offer_new_term()
        self._adding = True
        self.term_year.setFocus()

    def _offer_new_term(self) -> None:
        """Empty the selection and offer the next semester with its default dates to adjust;
        "Simpan" adds it only once it is asked for ("Semester baru") or edited."""
        self._editing = None
        self._adding = False
        self.terms_table.clearSelection()
        self._term_form.clear_errors()
        suggestion = self._suggested_term()
        self._set_term_form(suggestion)
        self._term_form.mark_clean()
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

    def _term_refused(self, error: ValidationError) -> Saved:
        if not self._term_form.place(error):
            self._context.prompter.error(self, self.tr("Semester"), error.message)
        return Saved.REFUSED

    def save(self) -> Saved:
        """The page's "Simpan" for this section: the semester in the form, when one is being
        added or was changed, then the choice of the current semester."""
        term = self._save_term() if self._adding or self._term_form.is_dirty() else None
        if term is Saved.REFUSED:
            return term
        choice = self._apply_choice()
        return Saved.CHANGED if Saved.CHANGED in (term, choice) else choice

    def _save_term(self) -> Saved:
        self._term_form.clear_errors()
        self.terms_status.clear()
        try:
            term = self._term_from_form()
        except ValidationError as error:
            return self._term_refused(error)
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
                return Saved.UNCHANGED
            kept = [t for t in existing if t.key not in (term.key, self._editing)]
            service.save_terms([*kept, term])
        except ValidationError as error:
            return self._term_refused(error)
        except KnownError as error:
            self._context.prompter.error(self, self.tr("Semester"), error.message)
            return Saved.REFUSED
        self._load_terms(select=term.key)
        self._adding = False
        self._term_form.mark_clean()
        set_status(self.terms_status, self.tr("{term} tersimpan.").format(term=term.label))
        return Saved.CHANGED

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
        self._offer_new_term()
        set_status(self.terms_status, self.tr("{term} dihapus.").format(term=term.label))

    def _apply_choice(self) -> Saved:
        self._current_form.clear_errors()
        key = str(self.term_choice.currentData() or "")
        if key == self._context.settings.get().current_term_override:
            return Saved.UNCHANGED
        chosen = parse_term_key(key)
        try:
            self._terms.choose_current(chosen)
        except ValidationError as error:
            if not self._current_form.place(error):
                self._context.prompter.error(self, self.tr("Semester berjalan"), error.message)
            return Saved.REFUSED
        except KnownError as error:
            self._context.prompter.error(self, self.tr("Semester berjalan"), error.message)
            return Saved.REFUSED
        # Only the choice and the bold row change; a term being edited below keeps its edits.
        self._fill_choice(self._terms.terms())
        self._show_current()
        return Saved.CHANGED


__all__ = ["TermKey", "TermsModel", "TermsSection"]
