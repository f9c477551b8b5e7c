"""Konseling: the buku kasus, the case a guru BK works on, and the record of each session.

Left, "Perlu dicatat" lists the planned sessions whose time has passed with nothing recorded
and today's planned ones (the work of the day), and under it the buku kasus with its filters
(status — "Proses" at first —, bidang, class, counsellor, the period it was opened in) and a
search box (name, NIS, NISN or case number; Ctrl+F). Right, the selected case
(``counselling_case_view.py``), or the record form of a session (``counselling_session_form.py``)
in its place until the guru goes back (Esc). A case opens when the first session of a
permohonan is recorded as held, so an empty book sends the guru to Pengajuan.

Like the other tabs it never re-reads after its own writes: the change notice does
(``refresh``), keeping what is selected and leaving typed input in place. Switching case or
session, or leaving a form, with unsaved input asks first; the session record's input is kept
as a draft across a lock (``DraftForm.SESSION``).
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, time, timedelta

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.counselling import CaseStatus, SessionStatus
from bk_desktop.domain.dates import days_bounds
from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.screening import Bidang
from bk_desktop.domain.sight import Sight
from bk_desktop.services.counselling import CaseFilter, CounsellingService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.draft_keeping import draft_of, target_id
from bk_desktop.ui.kit.banner import SuccessBanner
from bk_desktop.ui.kit.empty_state import EmptyState
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.labels import heading_label
from bk_desktop.ui.kit.records import RecordList
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.kit.wheel import value_fields, wheel_only_when_focused
from bk_desktop.ui.school_time import py_date, qdate, school_date_edit
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.counselling_case_view import CaseViewPanel
from bk_desktop.ui.tabs.counselling_models import (
    CaseListModel,
    WaitingSession,
    WaitingSessionsModel,
)
from bk_desktop.ui.tabs.counselling_session_form import SessionForm

ALL = "__all__"
"""The "Semua" item of a filter."""
SEARCH_DELAY_MS = 250


def _scroll(content: QWidget, name: str) -> QScrollArea:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 12, 0)
    layout.addWidget(content)
    scroll = QScrollArea()
    scroll.setObjectName(name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(holder)
    wheel_only_when_focused(value_fields(holder), holder)
    return scroll


class CounsellingTab(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("counsellingTab")
        self._case_id: int | None = None

        left = self._left_side()
        right = self._right_side()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("counsellingSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        self.left = left
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([620, 746])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        # The session record is the long form of the tab: while it is open it takes the whole
        # width (its tables need it), and the buku kasus comes back with "Kembali ke kasus".
        self.pages.currentChanged.connect(self._fit_sides)

        self.search_timer = QTimer(self)
        self.search_timer.setObjectName("caseSearchTimer")
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.refresh)

        self.refresh()

    # -- building ------------------------------------------------------------------------------

    def _left_side(self) -> QWidget:
        side = QWidget(self)
        waiting_title = heading_label(self.tr("Perlu dicatat"), side)
        waiting_title.setObjectName("waitingSessionsTitle")
        self.waiting_model = WaitingSessionsModel(self)
        self.waiting = RecordList(
            self.waiting_model,
            ("waitingSessions", self.tr("Sesi yang perlu dicatat dan sesi hari ini")),
            (
                "waitingSessionsEmpty",
                self.tr("Tidak ada sesi yang menunggu dicatat, dan tidak ada sesi lagi hari ini."),
            ),
            rows=(1, 4),
            stretch=(1,),
        )
        self.waiting.setToolTip(self.tr("Enter atau klik membuka catatan sesinya."))
        self.waiting.table.activated.connect(self._on_waiting_activated)
        self.waiting.table.clicked.connect(self._on_waiting_activated)

        book_title = heading_label(self.tr("Buku kasus"), side)
        book_title.setObjectName("caseBookTitle")
        self.count = QLabel(side)
        self.count.setObjectName("caseCount")
        set_role(self.count, "muted")
        filters = self._filters(side)

        self.model = CaseListModel(self)
        self.table = tab_leaves(named(QTableView(side), "caseTable", self.tr("Buku kasus")))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CaseListModel.STUDENT_COLUMN, QHeaderView.ResizeMode.Stretch)
        # One line a case: a long name is cut with "…" rather than doubling the row.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().selectionChanged.connect(self._on_case_selection)
        self.table.activated.connect(self._on_case_activated)

        self.empty = EmptyState(
            "caseEmptyState",
            text_name="caseEmptyText",
            title_name="caseEmptyTitle",
            parent=side,
        )
        self.list_stack = QStackedWidget(side)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)

        layout = QVBoxLayout(side)
        layout.setContentsMargins(20, 16, 8, 12)
        layout.setSpacing(6)
        layout.addWidget(waiting_title)
        layout.addWidget(self.waiting)
        layout.addSpacing(8)
        title_row = QHBoxLayout()
        title_row.addWidget(book_title)
        title_row.addStretch(1)
        title_row.addWidget(self.count)
        layout.addLayout(title_row)
        layout.addWidget(filters)
        layout.addWidget(self.list_stack, 1)
        return side

    def _filters(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        box.setObjectName("caseFilters")
        self.search = named(QLineEdit(box), "caseSearch", self.tr("Cari kasus"))
        self.search.setPlaceholderText(self.tr("Cari nama, NIS, NISN, atau nomor kasus…"))
        self.search.setClearButtonEnabled(True)
        self.search.setProperty("searchField", True)  # Ctrl+F (the window) comes here
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.search.returnPressed.connect(self.refresh)

        self.status_filter = named(QComboBox(box), "caseStatusFilter", self.tr("Status kasus"))
        for status in CaseStatus:
            self.status_filter.addItem(status.label, status.value)
        self.status_filter.addItem(self.tr("Semua"), ALL)
        self.bidang_filter = named(QComboBox(box), "caseBidangFilter", self.tr("Bidang"))
        self.bidang_filter.addItem(self.tr("Semua"), ALL)
        for bidang in Bidang:
            self.bidang_filter.addItem(bidang.label, bidang.value)
        self.rombel_filter = named(QComboBox(box), "caseRombelFilter", self.tr("Kelas"))
        self.rombel_filter.addItem(self.tr("Semua"), ALL)
        self.counsellor_filter = named(QComboBox(box), "caseCounsellorFilter", self.tr("Konselor"))
        self.counsellor_filter.addItem(self.tr("Semua"), ALL)
        self.period = named(
            QCheckBox(self.tr("Dibuka antara"), box), "casePeriodFilter", self.tr("Periode dibuka")
        )
        self.period_from = named(school_date_edit(box), "casePeriodFrom", self.tr("Dibuka dari"))
        self.period_to = named(school_date_edit(box), "casePeriodTo", self.tr("Dibuka sampai"))
        workspace = self.context.workspace
        if workspace.is_open:
            today = workspace.now().astimezone(workspace.settings().zone).date()
            self.period_from.setDate(qdate(today.replace(month=1, day=1)))
            self.period_to.setDate(qdate(today))
        for edit in (self.period_from, self.period_to):
            edit.setEnabled(False)
            edit.dateChanged.connect(self._on_filter)
        self.period.toggled.connect(self._on_period)
        for combo in (
            self.status_filter,
            self.bidang_filter,
            self.rombel_filter,
            self.counsellor_filter,
        ):
            combo.activated.connect(self._on_filter)

        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.search, 0, 0, 1, 4)
        for row, column, caption, combo in (
            (1, 0, self.tr("Status"), self.status_filter),
            (1, 2, self.tr("Bidang"), self.bidang_filter),
            (2, 0, self.tr("Kelas"), self.rombel_filter),
            (2, 2, self.tr("Konselor"), self.counsellor_filter),
        ):
            label = QLabel(caption, box)
            label.setBuddy(combo)
            grid.addWidget(label, row, column)
            grid.addWidget(combo, row, column + 1)
        period_row = QHBoxLayout()
        period_row.setSpacing(6)
        period_row.addWidget(self.period)
        period_row.addWidget(self.period_from)
        period_row.addWidget(QLabel(self.tr("s.d."), box))
        period_row.addWidget(self.period_to)
        period_row.addStretch(1)
        self.print_book_button = named(
            QPushButton(self.tr("Cetak buku kasus…"), box),
            "casePrintBookButton",
            self.tr("Cetak buku kasus sesuai saringan"),
        )
        self.print_book_button.setToolTip(
            self.tr("Cetak daftar kasus yang dibuka pada suatu periode, dengan saringan ini.")
        )
        self.print_book_button.clicked.connect(self._print_book)
        period_row.addWidget(self.print_book_button)
        grid.addLayout(period_row, 3, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return box

    def _right_side(self) -> QWidget:
        side = QWidget(self)
        self.message = SuccessBanner("counsellingMessage", side)
        self.case_view = CaseViewPanel(self.context, side)
        self.case_view.session_opened.connect(self.open_session)
        self.case_view.session_print_requested.connect(self._print_from_case)
        self.case_view.said.connect(self.message.say)
        self.session_form = SessionForm(self.context, side)
        self.session_form.saved.connect(self._on_session_saved)
        self.session_form.leave_requested.connect(self.leave_session)
        self.session_form.addendum_button.clicked.connect(self._add_addendum)
        self.session_form.print_requested.connect(self._print_session)

        self.nothing = EmptyState(
            "counsellingNothing",
            self.tr("Pilih kasus di buku kasus, atau sesi di “Perlu dicatat”."),
            text_name="counsellingNothingText",
            parent=side,
        )
        self.case_page = _scroll(self.case_view, "caseScroll")
        self.session_page = QWidget(side)
        self.session_page.setObjectName("sessionPage")
        page_layout = QVBoxLayout(self.session_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(8)
        page_layout.addWidget(_scroll(self.session_form, "sessionScroll"), 1)
        page_layout.addWidget(self.session_form.action_row)
        # On the page, not the form: the button row below the scroll area holds the focus
        # when a session opens read-only ("Kembali ke kasus").
        print_key = QShortcut(QKeySequence.StandardKey.Print, self.session_page)
        print_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        print_key.activated.connect(self.session_form.print_by_key)

        self.pages = QStackedWidget(side)
        self.pages.setObjectName("counsellingPages")
        for page in (self.nothing, self.case_page, self.session_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(8, 16, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)
        return side

    # -- reading -------------------------------------------------------------------------------

    @property
    def service(self) -> CounsellingService:
        return CounsellingService(self.context.workspace)

    @property
    def showing_session(self) -> bool:
        return self.pages.currentWidget() is self.session_page

    def case_filter(self) -> CaseFilter:
        """What the filters above the buku kasus ask for."""
        status = self.status_filter.currentData()
        bidang = self.bidang_filter.currentData()
        rombel = self.rombel_filter.currentData()
        counsellor = self.counsellor_filter.currentData()
        opened = None
        if self.period.isChecked():
            zone = self.context.workspace.settings().zone
            first = py_date(self.period_from.date())
            last = py_date(self.period_to.date())
            opened = days_bounds(first, last, zone)
        return CaseFilter(
            statuses=None if status == ALL else (CaseStatus(status),),
            bidang=None if bidang == ALL else str(bidang),
            rombel=None if rombel == ALL else str(rombel),
            counsellor_id=None if counsellor == ALL else str(counsellor),
            opened=opened,
            search=self.search.text().strip(),
        )

    @Slot()
    def refresh(self) -> None:
        """Read the waiting sessions, the filters' choices, the buku kasus and the open case
        again; the selection stays, and typed input is left in place."""
        workspace = self.context.workspace
        if not workspace.is_open:
            return
        service = self.service
        zone = workspace.settings().zone
        now = workspace.now()
        self._read_waiting(service, now)
        # The filters' choices and the empty state without reading every case of the vault.
        self._fill_choices(self.rombel_filter, service.case_rombels())
        self._fill_choices(self.counsellor_filter, service.counsellors())
        where = self.case_filter()
        cases = service.cases(where)
        if where.bidang is not None:
            # A sangat rahasia case of another shows no bidang, so a bidang filter must not
            # find it either (that would tell its bidang).
            cases = [c for c in cases if c.sight is not Sight.EXISTS_ONLY]
        self.model.set_cases(cases, zone)
        self.count.setText(self.tr("{n} kasus").format(n=len(cases)))
        self._show_empty_state(bool(cases) or service.has_cases(), bool(cases))
        keep = self._case_id
        if keep is not None:
            self._select_quietly(keep)
            try:
                self.case_view.show_case(service.case(keep), keep_input=True)
            except KnownError:
                self._case_id = None
        if self.showing_session and not self.session_form.is_dirty():
            session_id = self.session_form.session_id
            if session_id is not None:
                try:
                    self.session_form.show_session(service.session(session_id))
                except KnownError:
                    self._show_page()
        elif not self.showing_session:
            self._show_page()

    def _read_waiting(self, service: CounsellingService, now: datetime) -> None:
        zone = self.context.workspace.settings().zone
        overdue = [WaitingSession(s, True) for s in service.sessions_to_record(now)]
        local = now.astimezone(zone)
        day_end = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=zone)
        later_today = [
            WaitingSession(s, False)
            for s in service.sessions((now, day_end.astimezone(UTC)))
            if s.status is SessionStatus.TERJADWAL and not s.needs_recording(now)
        ]
        self.waiting_model.set_sessions(overdue + later_today, zone)

    @staticmethod
    def _fill_choices(combo: QComboBox, choices: list[str] | list[tuple[str, str]]) -> None:
        """Put the choices after "Semua", keeping the one chosen while it is still there."""
        keep = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for choice in choices:
                if isinstance(choice, tuple):
                    combo.addItem(choice[1], choice[0])
                else:
                    combo.addItem(choice, choice)
            index = combo.findData(keep)
            combo.setCurrentIndex(max(0, index))
        finally:
            combo.blockSignals(False)

    def _show_empty_state(self, any_case: bool, shown: bool) -> None:
        if shown:
            self.list_stack.setCurrentWidget(self.table)
            return
        if any_case:
            self.empty.say(
                self.tr(
                    "Tidak ada kasus yang cocok dengan saringan ini. Ubah status, bidang, "
                    "kelas, konselor, periode, atau kosongkan pencarian."
                ),
                self.tr("Tidak ada yang cocok"),
            )
        else:
            self.empty.say(
                self.tr(
                    "Belum ada kasus. Kasus dibuka saat sesi pertama sebuah permohonan dicatat "
                    "terlaksana — sepakati jadwalnya di Pengajuan."
                ),
                self.tr("Buku kasus masih kosong"),
            )
        self.list_stack.setCurrentWidget(self.empty)

    @Slot()
    def _fit_sides(self) -> None:
        self.left.setVisible(self.pages.currentWidget() is not self.session_page)

    def _show_page(self) -> None:
        self.pages.setCurrentWidget(
            self.case_page if self.case_view.view is not None and self._case_id else self.nothing
        )

    # -- choosing ------------------------------------------------------------------------------

    def selected_case_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.record_at(rows[0].row()) if rows else None
        return record.id if record is not None else None

    def _select_quietly(self, case_id: int) -> None:
        row = self.model.row_of(case_id)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        try:
            if row < 0:
                selection.clearSelection()
                return
            index = self.model.index(row, 0)
            selection.select(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            selection.blockSignals(False)
        self.table.viewport().update()

    def select_case(self, case_id: int) -> bool:
        """Show the case (asking first if input would be lost); False when it cannot."""
        if case_id == self._case_id and not self.showing_session:
            return True
        if not self._may_leave_case(case_id) or not self._may_leave_session():
            self._select_quietly(self._case_id) if self._case_id else None
            return False
        try:
            view = self.service.case(case_id)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Kasus"), error.message)
            return False
        self._case_id = case_id
        self._select_quietly(case_id)
        self.case_view.show_case(view)
        self.pages.setCurrentWidget(self.case_page)
        return True

    def _may_leave_case(self, case_id: int | None) -> bool:
        if case_id == self._case_id or not self.case_view.is_dirty():
            return True
        view = self.case_view.view
        return self.context.prompter.confirm(
            self,
            self.tr("Studi kasus belum disimpan"),
            self.tr("Isian studi kasus {code} belum disimpan. Buang isian itu dan pindah?").format(
                code=view.record.code if view else ""
            ),
        )

    def _may_leave_session(self) -> bool:
        if not self.showing_session or not self.session_form.is_dirty():
            return True
        view = self.session_form.view
        return self.context.prompter.confirm(
            self,
            self.tr("Catatan sesi belum disimpan"),
            self.tr("Catatan sesi {name} belum disimpan. Buang isian itu?").format(
                name=view.record.student_name if view else ""
            ),
        )

    @Slot(QItemSelection, QItemSelection)
    def _on_case_selection(self, *_args: object) -> None:
        chosen = self.selected_case_id()
        if chosen is not None:
            self.select_case(chosen)

    @Slot(QModelIndex)
    def _on_case_activated(self, _index: QModelIndex) -> None:
        """Enter on a case: into the case view, at its first action."""
        chosen = self.selected_case_id()
        if chosen is not None and self.select_case(chosen):
            view = self.case_view
            for first in (
                view.plan_button,
                view.banner.button,
                view.open_session_button,
                view.reassign_button,
            ):
                if first.isVisibleTo(view) and first.isEnabled():
                    first.setFocus(Qt.FocusReason.OtherFocusReason)
                    break

    @Slot(QModelIndex)
    def _on_waiting_activated(self, index: QModelIndex) -> None:
        waiting = self.waiting_model.record_of(index)
        if waiting is not None:
            self.open_session(waiting.session.id)

    @Slot(int)
    def open_session(self, session_id: int) -> bool:
        """The record form of a session, in place of the case view."""
        if self.showing_session and self.session_form.session_id == session_id:
            return True
        if not self._may_leave_session() or not self._may_leave_case(None):
            return False
        try:
            view = self.service.session(session_id)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Sesi konseling"), error.message)
            return False
        case_id = view.record.case_id
        if case_id is not None and case_id != self._case_id:
            # The session opens even when its case cannot be read now; "Kembali ke kasus"
            # then shows whatever case view was there before.
            with contextlib.suppress(KnownError):
                self.case_view.show_case(self.service.case(case_id))
                self._case_id = case_id
            self._select_quietly(case_id)
        self.session_form.show_session(view)
        self.pages.setCurrentWidget(self.session_page)
        form = self.session_form
        first = (
            form.actual_start
            if form.editable
            else form.banner.button
            if form.banner.button.isVisibleTo(form)
            else form.back_button
        )
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def open_request_session(self, request_id: int) -> bool:
        """Pengajuan's "Catat sesi": the permohonan's next planned session."""
        try:
            planned = self.service.next_planned(request_id)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Sesi konseling"), error.message)
            return False
        if planned is None:
            self.context.prompter.error(
                self,
                self.tr("Sesi konseling"),
                self.tr(
                    "Permohonan ini tidak memiliki sesi terjadwal. Sepakati jadwalnya di tab "
                    "Pengajuan, atau rencanakan sesi berikutnya dari kasusnya."
                ),
            )
            return False
        return self.open_session(planned.id)

    @Slot()
    def leave_session(self) -> None:
        """Back to the case (Esc, "Kembali ke kasus"), asking first if input would be lost."""
        if not self.showing_session or not self._may_leave_session():
            return
        session = self.session_form.view
        if self._case_id is not None:
            try:
                self.case_view.show_case(self.service.case(self._case_id))
            except KnownError:
                self._case_id = None
        self.session_form.forget()
        self._show_page()
        if session is not None and self._case_id is not None:
            self.case_view.select_session(session.record.id)
            self.case_view.sessions.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.waiting.table.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(int)
    def _on_session_saved(self, case_id: int) -> None:
        view = self.session_form.view
        if case_id != self._case_id:
            self._case_id = case_id
            self._select_quietly(case_id)
            try:
                self.case_view.show_case(self.service.case(case_id))
            except KnownError:
                self._case_id = None
        name = view.record.student_name if view else ""
        if view is not None and view.record.is_final:
            self.message.say(
                self.tr("Catatan sesi {name} difinalkan dan kini hanya dapat dibaca.").format(
                    name=name
                )
            )
        else:
            self.message.say(self.tr("Catatan sesi {name} tersimpan.").format(name=name))

    @Slot()
    def _add_addendum(self) -> None:
        from bk_desktop.ui.tabs.counselling_dialogs import AddendumDialog  # noqa: PLC0415

        view = self.session_form.view
        if view is None or not view.record.is_final:
            return
        dialog = AddendumDialog(self.context, view.record, self)
        self.case_view._open(dialog, lambda: self.message.say(self.tr("Adendum tersimpan.")))

    @Slot()
    def _print_session(self) -> None:
        """ "Cetak…" on a session's record: save unsaved input first (documents print what
        is stored), then choose and preview. reportlab and the PDF renderer load on the first
        print, not with the window."""
        form = self.session_form
        if form.view is not None and form.is_dirty() and not form.save():
            return
        view = form.view
        if view is None or not form.printable:
            return
        self._print(
            view.record.id,
            view.record.student_name,
            has_action_items=bool(view.action_items),
            show_notes=form.revealed_id == view.record.id,
        )

    @Slot(int)
    def _print_from_case(self, session_id: int) -> None:
        """ "Cetak…" under the case's sessions: the selected held session's documents."""
        view = self.case_view.view
        if view is None:
            return
        self._print(
            session_id,
            view.record.student_name,
            has_action_items=any(item.session_id == session_id for item in view.action_items),
            show_notes=not self.case_view.is_owner,
        )

    def _print(
        self, session_id: int, student_name: str, *, has_action_items: bool, show_notes: bool
    ) -> None:
        """Choose the document and its parts, then preview it (``show_notes``: another
        counsellor's notes the viewer opened with "Tampilkan catatan")."""
        from bk_desktop.domain.documents import DocumentKind  # noqa: PLC0415
        from bk_desktop.services.documents import Document, DocumentService  # noqa: PLC0415
        from bk_desktop.ui.document_choice import DocumentChoiceDialog  # noqa: PLC0415
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415

        dialog = DocumentChoiceDialog(student_name, has_action_items=has_action_items, parent=self)

        def chosen() -> None:
            kind, choice = dialog.kind, dialog.choice

            def build(service: DocumentService) -> Document:
                if kind is DocumentKind.RENCANA_AKSI:
                    return service.action_plan(session_id, choice, show_notes=show_notes)
                return service.session_summary(session_id, choice, show_notes=show_notes)

            # After the choice has closed (the slot holds one dialog at a time).
            QTimer.singleShot(
                0,
                lambda: show_document(
                    self.context, self, self.case_view.dialogs, build, what=kind.label
                ),
            )

        self.case_view._open(dialog, chosen)

    @Slot()
    def _print_book(self) -> None:
        """ "Cetak buku kasus…": the period (the tab's "Dibuka antara" when it is on, else the
        current semester) and the name, then the preview of what the other filters show."""
        from bk_desktop.services.case_documents import CaseDocuments  # noqa: PLC0415
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415
        from bk_desktop.ui.tabs.case_print_dialogs import CaseBookDialog  # noqa: PLC0415

        workspace = self.context.workspace
        where = self.case_filter()
        if self.period.isChecked():
            start, end = py_date(self.period_from.date()), py_date(self.period_to.date())
        else:
            start, end = CaseDocuments(workspace).default_period()
        filtered = (
            where.statuses is not None
            or where.bidang is not None
            or where.rombel is not None
            or where.counsellor_id is not None
            or bool(where.search)
        )
        dialog = CaseBookDialog(start, end, filtered, self)

        def chosen() -> None:
            first, last, choice = dialog.start, dialog.end, dialog.choice
            QTimer.singleShot(
                0,
                lambda: show_document(
                    self.context,
                    self,
                    self.case_view.dialogs,
                    lambda _service: CaseDocuments(workspace).case_book(first, last, where, choice),
                    what=self.tr("Buku Kasus"),
                ),
            )

        self.case_view._open(dialog, chosen)

    # -- filters -------------------------------------------------------------------------------

    @Slot()
    def _on_filter(self, *_args: object) -> None:
        self.refresh()

    @Slot(bool)
    def _on_period(self, checked: bool) -> None:
        self.period_from.setEnabled(checked)
        self.period_to.setEnabled(checked)
        self.refresh()

    def set_status_filter(self, status: CaseStatus | None) -> None:
        self.status_filter.setCurrentIndex(
            self.status_filter.findData(ALL if status is None else status.value)
        )
        self.refresh()

    # -- drafts across a lock (ui/draft_keeping.py) -------------------------------------------

    def open_drafts(self) -> list[FormDraft]:
        session_id = self.session_form.session_id
        if not self.showing_session or session_id is None or not self.session_form.is_dirty():
            return []
        return draft_of(DraftForm.SESSION, session_id, self.session_form.state)

    def reopen_draft(self, draft: FormDraft) -> bool:
        """The record form of the draft's session, with its input; refused while a form here
        holds other unsaved input, or when the session can no longer be recorded."""
        session_id = target_id(draft)
        if (
            draft.form is not DraftForm.SESSION
            or session_id is None
            or self.session_form.is_dirty()
            or self.case_view.is_dirty()
        ):
            return False
        try:
            if not self.open_session(session_id):
                return False
        except KnownError:
            return False
        if not self.session_form.editable:
            self.leave_session()
            return False
        self.session_form.state.restore_draft(draft.content)
        self.session_form._on_times()
        return True

    def lost_on_lock(self) -> list[str]:
        return []
