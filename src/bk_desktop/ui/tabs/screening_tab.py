"""Penyaringan: the queue of requests waiting for their asesmen awal, and the form to record it.

The queue is oldest first, because each request's 1×24 h clock has been running since it was
received, and shows those clocks. Selecting a request shows the asesmen awal form beside the
queue; once saved, the request moves on (to the scheduling queue, another service, a referral,
or done) and leaves this queue, and the next oldest one is selected.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.services.requests import RequestItem
from bk_desktop.services.screening import ScreeningOutcome, ScreeningService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.draft_keeping import draft_of, target_id
from bk_desktop.ui.kit.banner import SuccessBanner
from bk_desktop.ui.kit.empty_state import EmptyState
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.wheel import value_fields, wheel_only_when_focused
from bk_desktop.ui.request_table import (
    RequestColumn,
    RequestTableModel,
    request_view,
    selected_request_id,
)
from bk_desktop.ui.screening_form import ScreeningForm
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.requests_tab import TICK_MS

# Oldest first is the order itself; the time received is in the student's tooltip and the card.
QUEUE_COLUMNS = (
    RequestColumn.STUDENT,
    RequestColumn.ROMBEL,
    RequestColumn.URGENCY,
    RequestColumn.DEADLINE,
)
QUEUE_OPTIONAL = (RequestColumn.URGENCY,)
"""Kelas always shows: it tells apart two students of the same name."""


class ScreeningTab(QWidget):
    """The Penyaringan tab. It never re-reads after a screening is saved: the write's change
    notice has the window read the queue again, at commit (the form writes on this thread),
    which moves the form on to the next oldest request. ``requests_wanted`` asks the window
    for Pengajuan (from the empty queue)."""

    requests_wanted = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("screeningTab")
        self._current_id: int | None = None

        left = self._queue_side()
        form_side = self._form_side(context)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("screeningSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(form_side)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 866])
        self.splitter = splitter
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.timer = QTimer(self)
        self.timer.setObjectName("screeningCountdownTimer")
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

        self.refresh()

    # -- building ------------------------------------------------------------------------------

    def _queue_side(self) -> QWidget:
        """The queue, oldest first, or the empty state that sends to Pengajuan."""
        title = QLabel(self.tr("Menunggu penyaringan"), self)
        set_role(title, "heading")
        self.count = QLabel(self)
        self.count.setObjectName("screeningCount")
        set_role(self.count, "muted")

        self.model = RequestTableModel(QUEUE_COLUMNS, self)
        self.queue = request_view(
            self,
            self.model,
            "screeningQueue",
            self.tr("Antrean penyaringan"),
            QUEUE_OPTIONAL,
        )
        self.queue.selectionModel().selectionChanged.connect(self._on_selection)

        self.empty = EmptyState(
            "screeningEmptyState",
            self.tr(
                "Tidak ada permohonan yang menunggu penyaringan. Permohonan baru dicatat di tab "
                "Pengajuan lewat “Pengajuan baru…”, lalu muncul di sini untuk asesmen awal."
            ),
            text_name="screeningEmptyText",
            title=self.tr("Antrean kosong"),
            title_name="screeningEmptyTitle",
            parent=self,
        )
        open_requests = self.empty.add_button(
            named(
                QPushButton(self.tr("Buka Pengajuan")),
                "screeningEmptyButton",
                self.tr("Buka tab Pengajuan"),
            )
        )
        open_requests.clicked.connect(self.requests_wanted)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.queue)
        self.stack.addWidget(self.empty)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(20, 16, 8, 12)
        left_layout.setSpacing(6)
        left_layout.addWidget(title)
        left_layout.addWidget(self.count)
        left_layout.addWidget(self.stack, 1)
        return left

    def _form_side(self, context: UiContext) -> QWidget:
        """The line saying what the last save did, the asesmen awal form of the selected
        request (it scrolls), and under it "Simpan asesmen", always in view."""
        side = QWidget(self)
        self.message = SuccessBanner("screeningMessage", side)
        self.form = ScreeningForm(context, self)
        self.form.saved.connect(self._on_saved)
        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 12, 0)
        content_layout.addWidget(self.form, 1)
        self.form_scroll = QScrollArea(side)
        self.form_scroll.setObjectName("screeningScroll")
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(content)
        wheel_only_when_focused(value_fields(content), self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 16, 8, 12)
        side_layout.setSpacing(10)
        side_layout.addWidget(self.message)
        side_layout.addWidget(self.form_scroll, 1)
        side_layout.addWidget(self.form.action_row)
        return side

    # -- showing -------------------------------------------------------------------------------

    @property
    def selected_id(self) -> int | None:
        return selected_request_id(self.queue)

    @Slot()
    def refresh(self) -> None:
        """Read the queue again; the request being screened stays selected; at first the oldest
        is chosen, but never in place of one that was just screened."""
        workspace = self.context.workspace
        if not workspace.is_open:
            return
        items = ScreeningService(workspace).queue()
        keep = self._current_id
        self.queue.selectionModel().blockSignals(True)
        try:
            self.model.set_items(items, workspace.settings().zone)
        finally:
            self.queue.selectionModel().blockSignals(False)
        self.count.setText(
            self.tr("{n} permohonan, yang terlama di atas").format(n=len(items))
            if items
            else self.tr("Tidak ada permohonan")
        )
        self.stack.setCurrentWidget(self.queue if items else self.empty)
        if keep is not None and self.model.row_of(keep) is not None:
            self._select_quietly(keep)
            self.form.item = self.model.item_of(keep)
        elif items and keep is None:
            self.queue.selectRow(0)
        else:
            # The request just screened left the queue: the form empties here, and the next
            # one is chosen after the save is said (``_on_saved``), never behind a darurat
            # notice about this one (issue 10).
            self._current_id = None
            self.queue.clearSelection()
            self.form.set_request(None)

    def _select_quietly(self, request_id: int) -> None:
        row = self.model.row_of(request_id)
        if row is None:
            return
        selection = self.queue.selectionModel()
        selection.blockSignals(True)
        try:
            selection.select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            selection.setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        finally:
            selection.blockSignals(False)
        self.queue.viewport().update()

    def select(self, request_id: int) -> bool:
        row = self.model.row_of(request_id)
        if row is None:
            return False
        self.queue.selectRow(row)
        return True

    @Slot()
    def tick(self) -> None:
        workspace = self.context.workspace
        if workspace.is_open:
            self.model.retime(workspace.now())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized and self.width() > 0:
            # A third of the width for the queue, within reason; the form takes the rest.
            queue = max(320, min(500, self.width() * 36 // 100))
            self.splitter.setSizes([queue, self.width() - queue])
            self._sized = True
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, *_args: object) -> None:
        chosen = self.selected_id
        if chosen is None or chosen == self._current_id:
            return
        current = self._current_id
        if current is not None and self.form.is_dirty():
            name = self.form.item.record.student_name if self.form.item else ""
            leave = self.context.prompter.confirm(
                self,
                self.tr("Asesmen belum disimpan"),
                self.tr(
                    "Isian asesmen awal untuk {name} belum disimpan. Buang isian itu dan "
                    "pindah ke permohonan lain?"
                ).format(name=name),
            )
            if not leave:
                self._select_quietly(current)
                return
        self._current_id = chosen
        self.form.set_request(self.model.item_of(chosen))

    # -- after saving --------------------------------------------------------------------------

    @Slot(object, object)
    def _on_saved(self, item: RequestItem, outcome: ScreeningOutcome) -> None:
        self.message.say(
            self.tr("Asesmen awal {name} tersimpan. Status permohonan: {status}.").format(
                name=item.record.student_name, status=outcome.status.label.lower()
            )
        )
        if outcome.is_darurat:
            # The guru reads the protocol and acts; the form stays empty until they pick
            # the next student themselves.
            self.context.prompter.warning(
                self,
                self.tr("Protokol darurat sekolah"),
                outcome.emergency_protocol
                or self.tr("Protokol darurat belum diisi di Pengaturan."),
            )
        elif self._current_id is None and self.model.rowCount():
            self.queue.selectRow(0)

    # -- drafts across a lock (ui/draft_keeping.py) -------------------------------------------

    def open_drafts(self) -> list[FormDraft]:
        if self._current_id is None:
            return []
        return draft_of(DraftForm.SCREENING, self._current_id, self.form.state)

    def reopen_draft(self, draft: FormDraft) -> bool:
        """The asesmen of the draft's request, with its input; refused while the form holds
        other unsaved input, or when the request no longer waits for screening."""
        request_id = target_id(draft)
        if draft.form is not DraftForm.SCREENING or request_id is None or self.form.is_dirty():
            return False
        if not self.select(request_id) or self._current_id != request_id:
            return False
        self.form.state.restore_draft(draft.content)
        return True

    def lost_on_lock(self) -> list[str]:
        return []
