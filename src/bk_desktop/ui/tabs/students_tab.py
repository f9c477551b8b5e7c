"""Siswa: the student registry as a searchable list, with add, edit and import.

Typing searches name, NIS, NISN and class as you type (a short pause groups the keystrokes;
Enter searches at once); the class, grade and status filters apply immediately. The list is an
id-backed lazy model (``ui.student_table_model``), so 10,000 students cost one id query per
keystroke and one row query per screenful.

An empty registry shows what to do next instead of an empty table: add a student or import the
Dapodik list. A search that finds nobody says so and offers to clear the search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.academic import AcademicYear, Grade
from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.students import StudentStatus
from bk_desktop.services.student_import import StudentImportService
from bk_desktop.services.students import RombelOption, StudentFilters, StudentService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.draft_keeping import draft_of, target_id
from bk_desktop.ui.import_wizard import ImportWizard
from bk_desktop.ui.kit.card import Card, centre
from bk_desktop.ui.kit.drafts import Draft
from bk_desktop.ui.kit.empty_state import EmptyState
from bk_desktop.ui.kit.forms import action_button, named
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.kit.palette import ACCENT, ACCENT_DARK, ON_ACCENT
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.student_dialog import StudentDialog
from bk_desktop.ui.student_table_model import (
    CLASS,
    NAME,
    NIS,
    NISN,
    SEX,
    STATUS,
    StudentTableModel,
    format_count,
    status_text,
)
from bk_desktop.ui.style import set_role

if TYPE_CHECKING:
    from bk_desktop.ui.consent_dialog import ConsentDialog

SEARCH_DELAY_MS = 120
"""Keystrokes closer together than this are searched once; a search itself takes ~10 ms."""

LIST_PAGE, EMPTY_PAGE = 0, 1
TABLE_VIEW, NO_MATCH_VIEW = 0, 1


class StudentsTab(QWidget):
    """The Siswa tab. It never re-reads after its own writes: each write's change notice
    (``Change.STUDENTS``) has the window read it again, once."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.dialog: StudentDialog | None = None
        self.import_wizard: ImportWizard | None = None
        self.setObjectName("studentsTab")
        self.model = StudentTableModel(self._service(), self)
        self._total = 0
        self._year: AcademicYear | None = None
        self._rombel_options: list[RombelOption] = []

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self._search_pending = False

        self.pages = QStackedWidget(self)
        self.pages.setObjectName("studentPages")
        self.pages.addWidget(self._list_page())
        self.pages.addWidget(self._empty_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.addWidget(self.pages)
        self.refresh()

    def _service(self) -> StudentService:
        # Built from the context each time: a restore hands the context a new workspace.
        return StudentService(self.context.workspace)

    # -- building -----------------------------------------------------------------------------

    def _button(self, text: str, object_name: str, accessible: str) -> QPushButton:
        button = QPushButton(text, self)
        named(button, object_name, accessible)
        button.setAutoDefault(False)
        return button

    def _list_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("studentListPage")

        self.search = QLineEdit(page)
        named(self.search, "studentSearch", self.tr("Cari siswa"))
        self.search.setPlaceholderText(self.tr("Cari nama, NIS, NISN, atau kelas…"))
        self.search.setClearButtonEnabled(True)
        self.search.setProperty("searchField", True)  # Ctrl+F (the window) comes here
        self.search.setMinimumWidth(240)
        self.search.textChanged.connect(self._on_text_changed)
        self.search.returnPressed.connect(self.run_search)

        self.rombel_filter = QComboBox(page)
        named(self.rombel_filter, "studentRombelFilter", self.tr("Saring menurut kelas"))
        self.rombel_filter.setMinimumContentsLength(14)
        self.grade_filter = QComboBox(page)
        named(self.grade_filter, "studentGradeFilter", self.tr("Saring menurut tingkat"))
        self.status_filter = QComboBox(page)
        named(self.status_filter, "studentStatusFilter", self.tr("Saring menurut status"))
        self.status_filter.addItem(self.tr("Semua status"), None)
        for status in StudentStatus:
            self.status_filter.addItem(status_text(status), status)
        for combo in (self.rombel_filter, self.grade_filter, self.status_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.rombel_filter.currentIndexChanged.connect(self._on_filter_chosen)
        # "Perlu diperiksa": the students an import left warnings about (shown while any are).
        self.check_filter = action_button(
            self.tr("Perlu diperiksa"),
            "studentNeedsCheckFilter",
            self.tr("Tampilkan hanya siswa dengan peringatan impor"),
        )
        self.check_filter.setCheckable(True)
        # Chosen reads as chosen by more than a shade, like Pengajuan's filters.
        self.check_filter.setStyleSheet(
            f"QPushButton:checked {{ background: {ACCENT}; color: {ON_ACCENT};"
            f" border: 1px solid {ACCENT_DARK}; }}"
        )
        self.check_filter.toggled.connect(self._on_filter_chosen)
        self.checked_button = action_button(
            self.tr("Sudah diperiksa"),
            "studentMarkCheckedButton",
            self.tr("Tandai peringatan impor siswa terpilih sudah diperiksa"),
        )
        self.checked_button.clicked.connect(self.mark_checked)
        self.grade_filter.currentIndexChanged.connect(self._on_grade_chosen)
        self.status_filter.currentIndexChanged.connect(self._on_filter_chosen)

        self.add_button = action_button(
            self.tr("Tambah siswa"), "studentAddButton", self.tr("Tambah siswa")
        )
        set_role(self.add_button, "primary")
        self.edit_button = action_button(
            self.tr("Ubah"), "studentEditButton", self.tr("Ubah data siswa yang dipilih")
        )
        self.import_button = action_button(
            self.tr("Impor…"), "studentImportButton", self.tr("Impor data siswa dari berkas")
        )
        self.letter_button = action_button(
            self.tr("Surat panggilan orang tua…"),
            "studentParentLetterButton",
            self.tr("Buat surat panggilan orang tua/wali siswa yang dipilih"),
        )
        self.letter_dialogs = DialogSlot(self)
        self.consent_button = action_button(
            self.tr("Persetujuan orang tua/wali…"),
            "studentConsentButton",
            self.tr("Persetujuan orang tua/wali atas layanan BK bagi siswa yang dipilih"),
        )
        self.consent_button.clicked.connect(lambda: self.open_consent(self.selected_id()))
        self.consent_dialog: ConsentDialog | None = None
        self.add_button.clicked.connect(self.add_student)
        self.edit_button.clicked.connect(self.edit_selected)
        self.import_button.clicked.connect(self.open_import)
        self.letter_button.clicked.connect(self.parent_letter)

        # Two rows, so that the bar still fits 1366×768 at 150 % (about 910 pixels wide).
        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(self.search, 1)
        actions.addSpacing(12)
        actions.addWidget(self.add_button)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.letter_button)
        actions.addWidget(self.consent_button)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        for index, (caption, combo) in enumerate(
            (
                (self.tr("Kelas:"), self.rombel_filter),
                (self.tr("Tingkat:"), self.grade_filter),
                (self.tr("Status:"), self.status_filter),
            )
        ):
            if index:
                filters.addSpacing(12)
            label = QLabel(caption, page)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
        filters.addSpacing(12)
        filters.addWidget(self.check_filter)
        filters.addStretch(1)

        self.table = tab_leaves(QTableView(page))
        named(self.table, "studentTable", self.tr("Daftar siswa"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = self.table.fontMetrics()
        # Fixed widths from sample text: sizing to contents would read every row of the list.
        widths = {
            NIS: "0000000000000",
            NISN: "00000000000000",
            CLASS: "XII MIPA 10 WW",
            SEX: "L/P WW",
            STATUS: "Pindah sekolah WW",
        }
        for column, sample in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.no_match = EmptyState(
            "studentNoMatch",
            self.tr(
                "Tidak ada siswa yang cocok dengan pencarian atau saringan ini. Periksa ejaan "
                "nama atau NISN, atau hapus pencarian dan saringan untuk melihat semua siswa."
            ),
            text_name="studentNoMatchText",
            parent=page,
        )
        self.clear_button = self.no_match.add_button(
            action_button(
                self.tr("Hapus pencarian dan saringan"),
                "studentClearFiltersButton",
                self.tr("Hapus pencarian dan saringan"),
            )
        )
        self.clear_button.clicked.connect(self.clear_search)

        self.views = QStackedWidget(page)
        self.views.setObjectName("studentViews")
        self.views.addWidget(self.table)
        self.views.addWidget(self.no_match)

        self.import_warnings = wrapping_label(page)
        self.import_warnings.setObjectName("studentImportWarnings")
        set_role(self.import_warnings, "warning")
        warnings_row = QHBoxLayout()
        warnings_row.addWidget(self.import_warnings, 1)
        warnings_row.addWidget(self.checked_button)
        self.count_label = QLabel(page)
        self.count_label.setObjectName("studentCount")
        self.year_label = QLabel(page)
        self.year_label.setObjectName("studentYear")
        set_role(self.year_label, "muted")
        foot = QHBoxLayout()
        foot.addWidget(self.count_label)
        foot.addStretch(1)
        foot.addWidget(self.year_label)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addWidget(self.views, 1)
        layout.addLayout(warnings_row)
        layout.addLayout(foot)
        return page

    def _empty_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("studentEmptyPage")
        card = Card("studentEmptyCard", page, margins=(24, 20, 24, 20), spacing=12)
        card.setMaximumWidth(620)
        heading = QLabel(self.tr("Belum ada data siswa."), card)
        heading.setObjectName("studentEmptyHeading")
        set_role(heading, "heading")
        text = wrapping_label(
            card,
            self.tr(
                "Tambahkan siswa atau impor dari Dapodik. Unduh “Daftar Peserta Didik” dari "
                "aplikasi Dapodik sekolah (.xlsx), lalu pilih Impor dari Dapodik. Berkas EMIS "
                "atau lembar kerja lain (.xlsx, .csv) juga dapat diimpor."
            ),
        )
        text.setObjectName("studentEmptyText")
        self.empty_add_button = action_button(
            self.tr("Tambah siswa"), "studentEmptyAddButton", self.tr("Tambah siswa")
        )
        self.empty_import_button = action_button(
            self.tr("Impor dari Dapodik…"),
            "studentEmptyImportButton",
            self.tr("Impor data siswa dari Dapodik"),
        )
        set_role(self.empty_import_button, "primary")
        self.empty_add_button.clicked.connect(self.add_student)
        self.empty_import_button.clicked.connect(self.open_import)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addWidget(self.empty_import_button)
        buttons.addWidget(self.empty_add_button)
        buttons.addStretch(1)
        card.body.addWidget(heading)
        card.body.addWidget(text)
        card.body.addSpacing(4)
        card.body.addLayout(buttons)
        centre(page, card, width_share=3)
        return page

    # -- showing --------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._search_pending:
            self._search_pending = False
            self.run_search()

    def hideEvent(self, event: QHideEvent) -> None:
        # Typed just before the tab was left (or the window locked): search when shown again,
        # never while hidden, when the vault may already be closed.
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._search_pending = True
        super().hideEvent(event)

    def refresh(self) -> None:
        """Read the registry again: filter choices, the list (keeping the selected student)."""
        if not self.context.workspace.is_open or self.import_wizard is not None:
            return  # an open import refreshes the list when it closes
        service = self._service()
        self.model.service = service
        self.model.set_suspended(False)
        try:
            total = service.count()
            self._year = service.current_year()
            rombels = service.rombels(self._year)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Siswa"), error.message)
            return
        self._total = total
        self._show_check_filter()
        self.year_label.setText(self.tr("Kelas tahun ajaran {year}").format(year=self._year))
        self._rombel_options = rombels
        self._fill_grade_filter()
        self._fill_rombel_filter()
        self.pages.setCurrentIndex(EMPTY_PAGE if total == 0 else LIST_PAGE)
        self.run_search(keep=self.selected_id())

    def _fill_grade_filter(self) -> None:
        chosen = self.grade_filter.currentData()
        grades = sorted({o.grade for o in self._rombel_options if o.grade is not None})
        self.grade_filter.blockSignals(True)
        self.grade_filter.clear()
        self.grade_filter.addItem(self.tr("Semua tingkat"), None)
        for grade in grades:
            self.grade_filter.addItem(self.tr("Kelas {grade}").format(grade=grade.roman), grade)
        self.grade_filter.setCurrentIndex(max(0, self.grade_filter.findData(chosen)))
        self.grade_filter.blockSignals(False)

    def _fill_rombel_filter(self) -> None:
        """The classes of this year, only those of the chosen grade when one is chosen."""
        chosen = self.rombel_filter.currentData()
        grade = self._grade()
        self.rombel_filter.blockSignals(True)
        self.rombel_filter.clear()
        self.rombel_filter.addItem(self.tr("Semua kelas"), None)
        for option in self._rombel_options:
            if grade is None or option.grade == grade:
                self.rombel_filter.addItem(
                    self.tr("{rombel} ({count})").format(
                        rombel=option.rombel, count=format_count(option.students)
                    ),
                    option.rombel,
                )
        self.rombel_filter.setCurrentIndex(max(0, self.rombel_filter.findData(chosen)))
        self.rombel_filter.blockSignals(False)

    # Qt hands enum item data back as plain ints and strings.
    def _grade(self) -> Grade | None:
        value = self.grade_filter.currentData()
        return None if value is None else Grade(value)

    def _status(self) -> StudentStatus | None:
        value = self.status_filter.currentData()
        return None if value is None else StudentStatus(value)

    def filters(self) -> StudentFilters:
        return StudentFilters(
            rombel=self.rombel_filter.currentData(),
            grade=self._grade(),
            status=self._status(),
            needs_check=self.check_filter.isChecked(),
        )

    def _imports(self) -> StudentImportService:
        return StudentImportService(self.context.workspace)

    def _show_check_filter(self) -> None:
        """The filter names how many wait, and shows while any do (or while it is on)."""
        waiting = self._imports().students_to_check()
        self.check_filter.setText(
            self.tr("Perlu diperiksa ({count})").format(count=format_count(waiting))
        )
        self.check_filter.setVisible(waiting > 0 or self.check_filter.isChecked())

    @Slot(str)
    def _on_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot(int)
    def _on_filter_chosen(self, _index: int) -> None:
        self.run_search()

    @Slot(int)
    def _on_grade_chosen(self, _index: int) -> None:
        self._fill_rombel_filter()
        self.run_search()

    def run_search(self, keep: int | None = None) -> None:
        """Search now with the typed text and the filters; keep ``keep`` (or the current
        student) selected when it is still listed."""
        self._search_timer.stop()
        if not self.context.workspace.is_open:
            return
        wanted = keep if keep is not None else self.selected_id()
        try:
            self.model.search(self.search.text(), self.filters())
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Siswa"), error.message)
            return
        shown = self.model.rowCount()
        self.views.setCurrentIndex(NO_MATCH_VIEW if shown == 0 else TABLE_VIEW)
        if self._is_filtered():
            text = self.tr("{shown} dari {total} siswa").format(
                shown=format_count(shown), total=format_count(self._total)
            )
        else:
            text = self.tr("{total} siswa").format(total=format_count(self._total))
        self.count_label.setText(text)
        if wanted is not None:
            self.select_student(wanted)
        self._update_buttons()

    def _is_filtered(self) -> bool:
        return bool(self.search.text().strip()) or self.filters() != StudentFilters()

    @Slot()
    def clear_search(self) -> None:
        for combo in (self.grade_filter, self.rombel_filter, self.status_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.check_filter.blockSignals(True)
        self.check_filter.setChecked(False)
        self.check_filter.blockSignals(False)
        self._show_check_filter()
        self._fill_rombel_filter()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.run_search()

    @Slot(int, Qt.SortOrder)
    def _on_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        if not self.model.is_sortable(column):
            # L/P cannot be sorted: put the arrow back where the order really is.
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column, self.model.sort_order)
            header.blockSignals(False)

    # -- selection --------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        rows = self.table.selectionModel().selectedRows()
        if rows:
            index = rows[0]
        elif not index.isValid():
            return None
        return self.model.student_id(index.row())

    def select_student(self, student_id: int) -> bool:
        row = self.model.row_of(student_id)
        if row < 0:
            return False
        index = self.model.index(row, NAME)
        self.table.selectionModel().setCurrentIndex(
            index,
            self.table.selectionModel().SelectionFlag.ClearAndSelect
            | self.table.selectionModel().SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    @Slot()
    def _update_buttons(self) -> None:
        selected = bool(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(selected)
        self.letter_button.setEnabled(selected)
        self.consent_button.setEnabled(selected)
        self._show_import_warnings()

    def _show_import_warnings(self) -> None:
        """The selected student's import warnings under the list, with "Sudah diperiksa"."""
        student_id = self.selected_id()
        kept = [] if student_id is None else self._imports().warnings_of(student_id)
        lines = [
            self.tr("Baris {row} {file}: {message}").format(
                row=warning.row_number, file=warning.source, message=warning.message
            )
            for warning in kept
        ]
        self.import_warnings.setText(
            self.tr("Peringatan impor — {lines}").format(lines=" · ".join(lines)) if lines else ""
        )
        self.import_warnings.setVisible(bool(lines))
        self.checked_button.setVisible(bool(lines))

    @Slot()
    def mark_checked(self) -> None:
        """The guru compared the student with Dapodik: the warnings go, audited; the change
        notice reads the list again (so the student leaves "Perlu diperiksa")."""
        student_id = self.selected_id()
        if student_id is None:
            return
        try:
            self._imports().mark_checked(student_id)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Siswa"), error.message)

    # -- actions -----------------------------------------------------------------------------

    @Slot()
    def add_student(self) -> None:
        self._open_dialog(None)

    @Slot()
    def edit_selected(self) -> None:
        student_id = self.selected_id()
        if student_id is not None:
            self._open_dialog(student_id)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        student_id = self.model.student_id(index.row())
        if student_id is not None:
            self._open_dialog(student_id)

    @Slot()
    def parent_letter(self) -> None:
        """ "Surat panggilan orang tua…": the meeting's particulars, then the letter's preview.
        reportlab loads here, on the first letter, not with the window."""
        from bk_desktop.services.letters import LetterService  # noqa: PLC0415 - reportlab
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415
        from bk_desktop.ui.parent_letter_dialog import ParentLetterDialog  # noqa: PLC0415

        student_id = self.selected_id()
        if student_id is None or self.letter_dialogs.current is not None:
            return
        title = self.tr("Surat panggilan orang tua")
        try:
            letters = LetterService(self.context.workspace)
            if not self._service().get(student_id).guardians:
                self.context.prompter.error(
                    self,
                    title,
                    self.tr(
                        "Data orang tua/wali siswa ini belum diisi. Lengkapi lewat “Ubah”, "
                        "lalu buat suratnya."
                    ),
                )
                return
            dialog = ParentLetterDialog(self.context, letters, student_id, self)
        except KnownError as error:
            self.context.prompter.error(self, title, error.message)
            return

        def made() -> None:
            document = dialog.document
            if document is None:
                return
            # After the form has closed: the slot holds one dialog at a time.
            QTimer.singleShot(
                0,
                lambda: show_document(
                    self.context, self, self.letter_dialogs, lambda _s: document, what=title
                ),
            )

        self.letter_dialogs.open(dialog, made)

    def open_consent(self, student_id: int | None, draft: FormDraft | None = None) -> bool:
        """ "Persetujuan orang tua/wali…": the student's consent register (and, from a kept
        draft, the entry form that was being typed)."""
        from bk_desktop.domain.consents import ConsentAct  # noqa: PLC0415
        from bk_desktop.ui.consent_dialog import ConsentDialog  # noqa: PLC0415

        if student_id is None or self.consent_dialog is not None:
            return False
        try:
            dialog = ConsentDialog(self.context, student_id, self)
        except KnownError as error:
            if draft is None:
                self.context.prompter.error(self, self.tr("Persetujuan"), error.message)
            return False
        dialog.finished.connect(self._forget_consent)
        self.consent_dialog = dialog
        dialog.open()
        if draft is not None:
            act = ConsentAct(str(draft.content.get("act", ConsentAct.GIVEN.value)))
            dialog.open_entry(act, draft.content)
        return True

    @Slot()
    def _forget_consent(self) -> None:
        if self.consent_dialog is not None:
            self.consent_dialog.deleteLater()
        self.consent_dialog = None

    def _open_dialog(self, student_id: int | None, draft: Draft | None = None) -> bool:
        """Open the student dialog (with a kept draft's input put back); False when the
        student cannot be read (a draft's student is gone: said nothing, the draft waits)."""
        if self.dialog is not None:
            return False
        try:
            dialog = StudentDialog(self._service(), self.context.prompter, student_id, self)
        except KnownError as error:
            if draft is None:
                self.context.prompter.error(self, self.tr("Siswa"), error.message)
                self.refresh()
            return False
        if draft is not None:
            dialog.form_state.restore_draft(draft)
        dialog.accepted.connect(lambda: self._saved(dialog.saved_id))
        dialog.finished.connect(self._forget_dialog)
        self.dialog = dialog
        dialog.open()
        return True

    # -- drafts across a lock (ui/draft_keeping.py) -------------------------------------------

    def open_drafts(self) -> list[FormDraft]:
        kept = []
        entry = self.consent_dialog.entry if self.consent_dialog is not None else None
        if entry is not None and entry.isVisible():
            kept = entry.kept_draft()
        dialog = self.dialog
        if dialog is None or not dialog.isVisible():
            return kept
        return kept + draft_of(DraftForm.STUDENT, dialog.student_id, dialog.form_state)

    def reopen_draft(self, draft: FormDraft) -> bool:
        if draft.form is DraftForm.CONSENT:
            return self.open_consent(target_id(draft), draft)
        if draft.form is not DraftForm.STUDENT:
            return False
        return self._open_dialog(target_id(draft), draft.content)

    def lost_on_lock(self) -> list[str]:
        if self.import_wizard is None or not self.import_wizard.isVisible():
            return []
        return [
            self.tr(
                "Impor siswa dibatalkan karena bk-desktop dikunci; belum ada siswa yang "
                "diimpor dari langkah yang belum selesai. Mulai lagi lewat tombol Impor di "
                "tab Siswa."
            )
        ]

    def _saved(self, student_id: int | None) -> None:
        """The write's notice has read the list again by now (a dialog writes on this
        thread, and the notice comes at commit); show and select the saved student."""
        if student_id is None:
            return
        self.clear_search_if_hidden(student_id)
        self.select_student(student_id)

    def clear_search_if_hidden(self, student_id: int) -> None:
        """A student just saved is shown even when the search or filters would hide it."""
        if self.model.row_of(student_id) < 0 and self._is_filtered():
            self.clear_search()

    @Slot()
    def _forget_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    @Slot()
    def open_import(self) -> None:
        if self.import_wizard is not None:
            return
        wizard = ImportWizard(self.context, self)
        wizard.finished.connect(self._forget_import)
        self.import_wizard = wizard
        # The wizard may read and write the vault from a worker thread; the list must not
        # read rows meanwhile (see ui/import_wizard/). Modal: no other tab can act either.
        self.model.set_suspended(True)
        wizard.setWindowModality(Qt.WindowModality.ApplicationModal)
        wizard.show()

    @Slot()
    def _forget_import(self) -> None:
        # The import's notices came while the wizard was open, when the list does not read
        # (see ``refresh``): it reads once now that the wizard has closed.
        if self.import_wizard is not None:
            self.import_wizard.deleteLater()
        self.import_wizard = None
        self.refresh()


__all__ = ["StudentsTab"]
