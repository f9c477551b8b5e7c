"""Jadwal: the week where permohonan become sessions within 1×24 hours (issue 13).

Left, the permohonan waiting for a time with their countdowns (``schedule_waiting.py``); right,
the week or the day (``schedule_week.py``) of the signed-in counsellor, another's, or everyone's.
A waiting permohonan is placed by dragging it onto a slot, or by selecting it and pressing
Enter on the week's slot cursor: both open Sepakati jadwal (``ui/schedule_dialog.py``) at that
slot, which agrees the time and plans the first session — the one way to schedule; Pengajuan's
"Sepakati jadwal…" comes here (``open_request``). A planned block is dragged to move it (or
moved with Ctrl+arrows, a quarter hour or a day), lengthened with Shift+arrows, cancelled with
Delete, marked *tidak hadir* from its menu (and rescheduled in the same step); a refused slot
says why, a slot outside school time asks a reason (``schedule_dialogs.py``). Enter or a
double click opens the session in Konseling.

The screen may be seen by others in the room, so it names students by initials and class only.
Like the other tabs it never re-reads after its own writes: the change notice does
(``refresh``). Sepakati jadwal's input is kept as a draft across a lock (``DraftForm.SCHEDULE``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain import requests as rules
from bk_desktop.domain.dates import format_date, format_instant
from bk_desktop.domain.deadlines import DeadlineKind
from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.requests import IN_COUNSELLING, RequestRecord, RequestStatus
from bk_desktop.domain.scheduling import hard_clashes, week_of
from bk_desktop.services.calendar import CalendarService, SlotRefused
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.requests import RequestService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.draft_keeping import draft_of, target_id
from bk_desktop.ui.kit.banner import SuccessBanner
from bk_desktop.ui.kit.empty_state import EmptyState
from bk_desktop.ui.kit.forms import action_button, named
from bk_desktop.ui.kit.labels import heading_label, wrapping_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.kit.palette import ACCENT, ACCENT_DARK, ON_ACCENT
from bk_desktop.ui.schedule_dialog import ScheduleDialog
from bk_desktop.ui.school_time import (
    next_quarter_hour,
    py_date,
    qdate,
    school_date_edit,
)
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.schedule_dialogs import (
    CommitmentDialog,
    EndSessionDialog,
    SlotAttempt,
    SlotReasonDialog,
)
from bk_desktop.ui.tabs.schedule_waiting import (
    MIME_REQUEST,
    WaitingModel,
    selected_waiting,
    waiting_view,
    who,
)
from bk_desktop.ui.tabs.schedule_week import Verdict, WeekGrid

TICK_MS = 30_000
"""How often the countdowns and the "now" line move."""

ME, EVERYONE = "__me__", "__all__"
"""The "Jadwal saya" and "Semua konselor" items of "whose week"."""


class ScheduleTab(QWidget):
    """The Jadwal tab; ``session_wanted`` asks the window for Konseling at a session."""

    session_wanted = Signal(int)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("scheduleTab")
        self.dialogs = DialogSlot(self)
        workspace = context.workspace
        zone = workspace.settings().zone
        self.first: date = week_of(workspace.now().astimezone(zone).date())
        self.day_view = False
        self._scrolled_to_now = False

        toolbar = self._toolbar()
        self.message = SuccessBanner("scheduleMessage", self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("scheduleSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._side_panel())
        splitter.addWidget(self._week())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([390, 940])  # wide enough for "A.L. · XII MIPA 1" and a countdown

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(toolbar)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self.timer = QTimer(self)
        self.timer.setObjectName("scheduleTimer")
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.refresh()

    # -- building ------------------------------------------------------------------------------

    def _toolbar(self) -> QHBoxLayout:
        """Previous / Hari ini / next, a date to jump to, the period shown, Minggu/Hari,
        whose week, and "Tambah kegiatan…"."""
        self.previous_button = action_button("‹", "schedulePrevious", self.tr("Sebelumnya"))
        self.previous_button.setToolTip(self.tr("Minggu (atau hari) sebelumnya"))
        self.today_button = action_button(self.tr("Hari ini"), "scheduleToday", self.tr("Hari ini"))
        self.next_button = action_button("›", "scheduleNext", self.tr("Berikutnya"))
        self.next_button.setToolTip(self.tr("Minggu (atau hari) berikutnya"))
        for narrow in (self.previous_button, self.next_button):
            narrow.setMinimumWidth(narrow.fontMetrics().horizontalAdvance("›") + 28)
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.today_button.clicked.connect(self.go_today)

        self.jump = named(school_date_edit(self), "scheduleDate", self.tr("Lompat ke tanggal"))
        self.jump.setToolTip(self.tr("Lompat ke tanggal"))
        self.jump.dateChanged.connect(lambda value: self.go_to(py_date(value)))
        self.period = QLabel(self)
        self.period.setObjectName("schedulePeriod")
        set_role(self.period, "heading")

        views = QWidget(self)
        views.setObjectName("scheduleViews")
        views.setStyleSheet(
            "QPushButton { padding: 4px 14px; }"
            f" QPushButton:checked {{ background: {ACCENT}; color: {ON_ACCENT};"
            f" border: 1px solid {ACCENT_DARK}; }}"
        )
        row = QHBoxLayout(views)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.view_group = QButtonGroup(self)
        self.week_button = action_button(self.tr("Minggu"), "scheduleWeekView", self.tr("Minggu"))
        self.day_button = action_button(self.tr("Hari"), "scheduleDayView", self.tr("Hari"))
        for choice in (self.week_button, self.day_button):
            choice.setParent(views)
            choice.setCheckable(True)
            choice.setMinimumWidth(choice.sizeHint().width())
            self.view_group.addButton(choice)
            row.addWidget(choice)
        self.week_button.setChecked(True)
        self.view_group.buttonClicked.connect(self._on_view)

        self.whose = named(QComboBox(self), "scheduleWhose", self.tr("Jadwal siapa"))
        self.whose.currentIndexChanged.connect(lambda _i: self.refresh())
        self.add_button = action_button(
            self.tr("Tambah kegiatan…"), "scheduleAddCommitment", self.tr("Tambah kegiatan")
        )
        self.add_button.setToolTip(
            self.tr("Masuk kelas, rapat, piket: waktu Anda yang tidak bisa dipakai sesi")
        )
        self.add_button.clicked.connect(lambda: self.add_commitment(None))

        toolbar = QHBoxLayout()
        toolbar.setSpacing(8)
        for widget in (self.previous_button, self.today_button, self.next_button, self.jump):
            toolbar.addWidget(widget)
        toolbar.addSpacing(8)
        toolbar.addWidget(self.period, 1)
        toolbar.addWidget(views)
        toolbar.addWidget(self.whose)
        toolbar.addWidget(self.add_button)
        return toolbar

    def _side_panel(self) -> QWidget:
        side = QWidget(self)
        side.setObjectName("scheduleSide")
        title = heading_label(self.tr("Menunggu jadwal"), side)
        title.setObjectName("scheduleWaitingTitle")
        hint = wrapping_label(
            side,
            self.tr(
                "Seret permohonan ke jadwal, atau pilih lalu pindah ke jadwal (Tab), pilih slot "
                "dengan panah, dan tekan Enter."
            ),
        )
        set_role(hint, "muted")
        self.model = WaitingModel(self)
        self.table = waiting_view(side, self.model)
        self.table.activated.connect(lambda _index: self.grid.setFocus())
        self.empty = EmptyState(
            "scheduleWaitingEmptyState",
            self.tr(
                "Tidak ada permohonan yang menunggu jadwal. Permohonan muncul di sini setelah "
                "asesmen awal memutuskan konseling individual dan siswa bersedia."
            ),
            text_name="scheduleWaitingEmpty",
            parent=side,
        )
        self.side_stack = QStackedWidget(side)
        self.side_stack.addWidget(self.table)
        self.side_stack.addWidget(self.empty)
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.side_stack, 1)
        side.setMinimumWidth(260)
        return side

    def _week(self) -> QScrollArea:
        self.grid = WeekGrid()
        self.grid.checker = self._verdict
        self.grid.slot_chosen.connect(self.place_selected)
        self.grid.request_dropped.connect(self.place_request)
        self.grid.session_dropped.connect(self.move_session)
        self.grid.session_resized.connect(self.resize_session)
        self.grid.session_opened.connect(self.session_wanted)
        self.grid.session_cancelled.connect(lambda ref: self.end_session(ref, absent=False))
        self.grid.session_absent.connect(
            lambda ref, again: self.end_session(ref, absent=True, reschedule=again)
        )
        self.grid.commitment_deleted.connect(self.delete_commitment)
        self.grid.commitment_wanted.connect(self.add_commitment)
        scroll = QScrollArea(self)
        scroll.setObjectName("scheduleScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(self.grid)
        # Tab goes to the grid itself, whose arrows move the slot cursor; the scroll area
        # follows the cursor instead of taking the arrows for scrolling.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.grid.cursor_moved.connect(
            lambda rect: scroll.ensureVisible(
                rect.center().x(), rect.center().y(), 0, rect.height()
            )
        )
        self.week_scroll = scroll
        return scroll

    # -- showing -------------------------------------------------------------------------------

    @property
    def calendar(self) -> CalendarService:
        return CalendarService(self.context.workspace)

    @property
    def dialog(self) -> QDialog | None:
        """The form open over this tab, if any."""
        return self.dialogs.current

    def _fill_whose(self) -> None:
        keep = self.whose.currentData() or ME
        me = self.context.workspace.account.id
        with QSignalBlocker(self.whose):
            self.whose.clear()
            self.whose.addItem(self.tr("Jadwal saya"), ME)
            for account_id, name in self.calendar.counsellors():
                if account_id != me:
                    self.whose.addItem(name, account_id)
            self.whose.addItem(self.tr("Semua konselor"), EVERYONE)
            index = self.whose.findData(keep)
            self.whose.setCurrentIndex(max(0, index))

    @Slot()
    def refresh(self) -> None:
        """Read the waiting permohonan and the week again, keeping the selection and cursor."""
        workspace = self.context.workspace
        if not workspace.is_open:
            return
        now = workspace.now()
        keep = self.selected_request_id
        self._fill_whose()
        calendar = self.calendar
        items = calendar.waiting(now)
        self.model.set_items(items, workspace.settings().zone)
        self.side_stack.setCurrentWidget(self.table if items else self.empty)
        if keep is not None:
            self.select_request(keep)
        whose = self.whose.currentData()
        days = 1 if self.day_view else 7
        if whose == ME:
            view = calendar.week(self.first, days=days)
        else:
            view = calendar.week(
                self.first, days=days, counsellor_id=None if whose == EVERYONE else str(whose)
            )
        self.grid.show_week(view, now, workspace.viewer)
        self._show_period(view.days)

    def _show_period(self, days: tuple[date, ...]) -> None:
        shown = days or (self.first,)
        if self.day_view or len(shown) == 1:
            text = format_date(shown[0])
        else:
            text = f"{format_date(shown[0])} – {format_date(shown[-1])}"
        self.period.setText(text)
        with QSignalBlocker(self.jump):
            self.jump.setDate(qdate(self.first))

    @Slot()
    def tick(self) -> None:
        workspace = self.context.workspace
        if not workspace.is_open:
            return
        now = workspace.now()
        self.model.retime(now)
        self.grid.set_now(now)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()
        if not self._scrolled_to_now:
            self._scrolled_to_now = True
            QTimer.singleShot(0, self.scroll_to_now)

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def scroll_to_now(self) -> None:
        """Bring the "now" line (else the cursor) into view, with room above it."""
        y = self.grid.now_y()
        if y is None:
            y = self.grid.slot_rect(*self.grid.cursor_slot).top()
        self.week_scroll.ensureVisible(0, y, 0, self.week_scroll.viewport().height() // 3)

    def go_to(self, day: date) -> None:
        self.first = day if self.day_view else week_of(day)
        self.refresh()

    @Slot()
    def go_today(self) -> None:
        now = self.context.workspace.now()
        today = now.astimezone(self.context.workspace.settings().zone).date()
        self.go_to(today)
        self.grid.put_cursor_at(next_quarter_hour(now, self.context.workspace.settings().zone))
        self.scroll_to_now()

    def _step(self, direction: int) -> None:
        self.first += timedelta(days=direction * (1 if self.day_view else 7))
        self.refresh()

    @Slot()
    def _on_view(self) -> None:
        day_view = self.day_button.isChecked()
        if day_view == self.day_view:
            return
        cursor_day = self.grid.days[self.grid.cursor_slot[0]] if self.grid.days else self.first
        self.day_view = day_view
        self.go_to(cursor_day)

    # -- the side panel ------------------------------------------------------------------------

    @property
    def selected_request_id(self) -> int | None:
        item = selected_waiting(self.table, self.model)
        return item.record.id if item is not None else None

    def select_request(self, request_id: int) -> bool:
        row = self.model.row_of(request_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def open_request(self, request_id: int) -> None:
        """Pengajuan's "Sepakati jadwal…": this week, the permohonan chosen, the cursor on the
        next quarter hour; the guru then picks the slot."""
        workspace = self.context.workspace
        zone = workspace.settings().zone
        now = workspace.now()
        self.first = (
            now.astimezone(zone).date() if self.day_view else week_of(now.astimezone(zone).date())
        )
        self.refresh()
        if not self.select_request(request_id):
            return
        self.grid.put_cursor_at(next_quarter_hour(now, zone))
        self.grid.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll_to_now()
        item = selected_waiting(self.table, self.model)
        if item is not None:
            self.message.say(
                self.tr(
                    "Pilih waktu untuk {who}: seret permohonannya ke jadwal, atau pilih slot "
                    "dengan panah lalu tekan Enter."
                ).format(who=who(item.record.student_name, item.record.rombel))
            )

    # -- placing -------------------------------------------------------------------------------

    def _verdict(self, kind: str, ref: int, start: datetime, minutes: int) -> Verdict:
        """How the slot a drag is over would fare: refused, needing a reason, or free."""
        try:
            if kind == MIME_REQUEST:
                found = self.calendar.check(start, minutes, request_id=ref)
            else:
                found = self.calendar.check(start, minutes, session_id=ref)
        except KnownError:
            return Verdict.HARD
        if hard_clashes(found):
            return Verdict.HARD
        return Verdict.SOFT if found else Verdict.FREE

    @Slot(object)
    def place_selected(self, start: datetime) -> None:
        """Enter on an empty slot: the permohonan chosen in the side panel goes there."""
        request_id = self.selected_request_id
        if request_id is None:
            self.context.prompter.info(
                self,
                self.tr("Jadwal"),
                self.tr(
                    "Pilih dulu permohonan di daftar “Menunggu jadwal”, lalu tekan Enter pada "
                    "slot yang dipilih."
                ),
            )
            return
        self.place_request(request_id, start)

    @Slot(int, object)
    def place_request(self, request_id: int, start: datetime) -> None:
        """A permohonan onto a slot: Sepakati jadwal at that slot for one still waiting; the
        next session planned straight away for one already in counselling."""
        try:
            record = RequestService(self.context.workspace).get(request_id)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Jadwal"), error.message)
            return
        if record.status is RequestStatus.MENUNGGU_JADWAL:
            refusal = rules.move_problem(
                record.status, RequestStatus.TERJADWAL, assent=record.assent
            )
            if refusal is not None:
                self.context.prompter.error(self, self.tr("Sepakati jadwal"), refusal)
                return
            self._open_schedule(record, start)
        elif record.status in IN_COUNSELLING:
            self._write_slot(
                self.tr("Rencanakan sesi"),
                who(record.student_name, record.rombel),
                lambda override, length: self._place_planned(record, start, override, length),
            )
        else:
            self.context.prompter.error(
                self,
                self.tr("Jadwal"),
                self.tr("Permohonan ini tidak sedang menunggu jadwal (status: {status}).").format(
                    status=record.status.label.lower()
                ),
            )

    def _place_planned(
        self, record: RequestRecord, start: datetime, override: str, length: str
    ) -> None:
        session_id = self.calendar.place(
            record.id, start, override_reason=override, length_reason=length
        )
        self.grid.put_cursor_at(start)
        self.message.say(
            self.tr("Sesi berikutnya {who} direncanakan: {when}.").format(
                who=who(record.student_name, record.rombel),
                when=format_instant(start, self.context.workspace.settings().zone),
            )
        )
        del session_id

    def _open_schedule(self, record: RequestRecord, start: datetime | None) -> ScheduleDialog:
        """Sepakati jadwal for ``record``, its time set to ``start`` (the slot chosen)."""
        dialog = ScheduleDialog(self.context, record, self, start=start)
        self.dialogs.open(dialog, lambda: self._scheduled(record, dialog))
        return dialog

    def _scheduled(self, record: RequestRecord, dialog: ScheduleDialog) -> None:
        planned = CounsellingService(self.context.workspace).next_planned(record.id)
        zone = self.context.workspace.settings().zone
        when = ""
        if planned is not None:
            when = format_instant(planned.planned_start, zone)
            self.grid.put_cursor_at(planned.planned_start)
        if dialog.outcome is DeadlineKind.MET:
            verdict = self.tr("Batas 1×24 jam terpenuhi.")
        else:
            verdict = self.tr("Batas 1×24 jam terlewati; jadwal tetap tercatat.")
        self.message.say(
            self.tr("Jadwal konseling {who} disepakati: {when}. {verdict}").format(
                who=who(record.student_name, record.rombel), when=when, verdict=verdict
            )
        )

    # -- changing what is planned ----------------------------------------------------------------

    def _write_slot(self, title: str, what: str, attempt: SlotAttempt) -> None:
        """Write with no reasons; a refused slot says why, and a slot or length that needs a
        reason asks for it and tries again."""
        try:
            attempt("", "")
        except SlotRefused as error:
            self.context.prompter.error(self, title, error.message)
        except ValidationError as error:
            if error.field not in ("override_reason", "length_reason"):
                self.context.prompter.error(self, title, error.message)
                return
            dialog = SlotReasonDialog(
                self.context, self, title=title, what=what, first=error, attempt=attempt
            )
            self.dialogs.open(dialog, lambda: None)
        except KnownError as error:
            self.context.prompter.error(self, title, error.message)

    def _session(self, session_id: int) -> tuple[str, int, datetime] | None:
        try:
            record = CounsellingService(self.context.workspace).session(session_id).record
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Jadwal"), error.message)
            return None
        return who(record.student_name, record.rombel), record.planned_minutes, record.planned_start

    @Slot(int, object)
    def move_session(self, session_id: int, start: datetime) -> None:
        found = self._session(session_id)
        if found is None:
            return
        label, _, _ = found

        def attempt(override: str, length: str) -> None:
            self.calendar.move(
                session_id, start, override_reason=override, length_reason=length or None
            )
            self.grid.put_cursor_at(start)

        self._write_slot(
            self.tr("Pindahkan sesi"), self.tr("Sesi {who}").format(who=label), attempt
        )

    @Slot(int, int)
    def resize_session(self, session_id: int, minutes: int) -> None:
        found = self._session(session_id)
        if found is None or minutes <= 0:
            return
        label, _, start = found

        def attempt(override: str, length: str) -> None:
            self.calendar.move(
                session_id,
                start,
                minutes=minutes,
                override_reason=override,
                length_reason=length or None,
            )

        self._write_slot(
            self.tr("Ubah lama sesi"),
            self.tr("Sesi {who}: {minutes} menit").format(who=label, minutes=minutes),
            attempt,
        )

    def end_session(self, session_id: int, *, absent: bool, reschedule: bool = False) -> None:
        try:
            record = CounsellingService(self.context.workspace).session(session_id).record
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Jadwal"), error.message)
            return
        dialog = EndSessionDialog(self.context, self, record, absent=absent, reschedule=reschedule)
        label = who(record.student_name, record.rombel)
        if reschedule:
            done = self.tr("{who} dicatat tidak hadir; sesi baru direncanakan.")
        elif absent:
            done = self.tr("{who} dicatat tidak hadir.")
        else:
            done = self.tr("Sesi {who} dibatalkan.")
        self.dialogs.open(dialog, lambda: self.message.say(done.format(who=label)))

    # -- commitments ---------------------------------------------------------------------------

    @Slot(object)
    def add_commitment(self, start: datetime | None) -> None:
        if start is None:
            start = self.grid.cursor_start() or self.context.workspace.now()
        dialog = CommitmentDialog(self.context, self, start)
        self.dialogs.open(dialog, lambda: self.message.say(self.tr("Kegiatan disimpan.")))

    @Slot(int)
    def delete_commitment(self, commitment_id: int) -> None:
        if not self.context.prompter.confirm(
            self,
            self.tr("Hapus kegiatan"),
            self.tr(
                "Hapus kegiatan ini? Kegiatan mingguan terhapus untuk semua minggunya, dan "
                "waktunya dapat dipakai untuk sesi."
            ),
        ):
            return
        try:
            self.calendar.delete_commitment(commitment_id)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Hapus kegiatan"), error.message)
            return
        self.message.say(self.tr("Kegiatan dihapus."))

    # -- drafts across a lock (ui/draft_keeping.py) -------------------------------------------

    def open_drafts(self) -> list[FormDraft]:
        dialog = self.dialog
        if isinstance(dialog, ScheduleDialog) and dialog.isVisible():
            return draft_of(DraftForm.SCHEDULE, dialog.record.id, dialog.form.state)
        return []

    def reopen_draft(self, draft: FormDraft) -> bool:
        if self.dialog is not None or draft.form is not DraftForm.SCHEDULE:
            return False
        request_id = target_id(draft)
        if request_id is None:
            return False
        try:
            record = RequestService(self.context.workspace).get(request_id)
        except KnownError:
            return False  # the permohonan is gone: the draft waits on Beranda
        if rules.move_problem(record.status, RequestStatus.TERJADWAL, assent=record.assent):
            return False
        self.select_request(request_id)
        self._open_schedule(record, None).form.state.restore_draft(draft.content)
        return True

    def lost_on_lock(self) -> list[str]:
        return []
