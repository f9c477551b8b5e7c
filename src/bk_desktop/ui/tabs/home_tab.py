"""Beranda: the counsellor's day at a glance — for looking, not reading.

This module owns Beranda's shape, which follows the signed-in role. Counts come first, as
tiles: requests waiting for screening, waiting for a schedule, overdue and darurat
(``QueueService``), and for a counsellor this month's share scheduled within 1×24 h.

**A guru BK** sees under them their own day in four short lists (``home_day.DayPanels``, read
by ``HomeService.day``): sessions today and tomorrow, sessions to record, follow-ups due,
action plans past review; students by initials and class only, since Beranda is often on a
shared screen. Then the permohonan queue (``home_queue.QueuePanel``), and beside it the backup
tile (``home_vault.VaultPanel``); old drafts above the lists when there are any
(``home_drafts``). Under the queue, Kotak Saran's entries waiting for their first follow-up
(``home_complaints.ComplaintsPanel``, ``ComplaintService.due``: code, jenis and the 3×24 h
countdown, never the text or the sender), then the data-protection tasks
(``home_privacy.PrivacyPanel``, ``PrivacyTaskService.tasks``: withdrawals of consent that leave
work open, by initials and class). **The koordinator** sees the same and, last, every
counsellor's workload (``home_workload.WorkloadPanel``, ``HomeService.workload``: counts only);
while no kepala sekolah account exists, the Kotak Saran card tells them to make one.

**The kepala sekolah** sees counts only: the queue's count tiles (``QueueService.summary``, never
the queue with names), the month's figures as tiles (``home_month.MonthTiles``,
``HomeService.month_figures``, the 1×24 h share among them), the Kotak Saran entries routed to
them (codes only), and the workload beside the backup tile; no day lists, no queue, no old
drafts, no departed students, no emergency action. The "Terlambat" tile counts the permohonan
past 1×24 h and the Kotak Saran entries past 3×24 h together, and says how many of each.

The clocks and lists are read again every half minute while Beranda is showing (a session
becomes *perlu dicatat* when its time comes). Each row of a counsellor's lists opens where its
next step happens; the window does the switching (``ui/tab_table.py``): a request in
Penyaringan or Pengajuan, a session's record or a case in Konseling, a session's day in Jadwal,
an entry in Kotak Saran, a data-protection task where it is handled (a student in Siswa).
The workload's rows open nothing. The school and the account are named once, by the window's
title and status bar.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.complaints import ClockKind
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.visibility import may_see_workload
from bk_desktop.services.complaints import ComplaintService
from bk_desktop.services.drafts import DraftService
from bk_desktop.services.home import HomeDay, HomeService
from bk_desktop.services.overview import VaultOverview, overview
from bk_desktop.services.privacy_tasks import PrivacyTaskService
from bk_desktop.services.queues import HomeSummary, QueueService, summarise
from bk_desktop.services.requests import RequestService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.emergency_dialog import EmergencyDialog
from bk_desktop.ui.kit.tiles import CountTile
from bk_desktop.ui.tabs.home_complaints import ComplaintsPanel
from bk_desktop.ui.tabs.home_day import DayPanels
from bk_desktop.ui.tabs.home_drafts import StaleDraftsPanel
from bk_desktop.ui.tabs.home_month import MonthTiles, show_share
from bk_desktop.ui.tabs.home_privacy import PrivacyPanel
from bk_desktop.ui.tabs.home_queue import QueuePanel
from bk_desktop.ui.tabs.home_vault import VaultPanel
from bk_desktop.ui.tabs.home_workload import WorkloadPanel

TICK_MS = 30_000
"""How often the countdowns move while Beranda is showing."""

WIDE_LAYOUT_MIN = 1120
"""Below this width (1366 px at 125 % scaling is 1093) the vault's tiles go under the queue."""


class HomeTab(QWidget):
    """Beranda. ``request_opened(id, for_screening)`` asks the window to open a request in
    Penyaringan (``True``) or Pengajuan; ``requests_wanted`` asks for the Pengajuan tab;
    ``session_opened(id)`` for a session's record and ``case_opened(id)`` for a case in
    Konseling; ``schedule_day_wanted(date)`` for that day in Jadwal; ``complaint_opened(id)``
    for an entry in Kotak Saran and ``principal_account_wanted`` for Pengaturan's accounts;
    ``privacy_task_opened(PrivacyTask)`` for a data-protection task (the window opens it by
    its kind)."""

    request_opened = Signal(int, bool)
    requests_wanted = Signal()
    session_opened = Signal(int)
    case_opened = Signal(int)
    schedule_day_wanted = Signal(object)
    complaint_opened = Signal(int)
    principal_account_wanted = Signal()
    privacy_task_opened = Signal(object)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        self.setObjectName("homeTab")
        self.overview: VaultOverview | None = None
        self.summary: HomeSummary | None = None
        self.day: HomeDay | None = None
        viewer = context.workspace.viewer
        self.is_counsellor = viewer.is_counsellor
        # Built only for a counsellor: the kepala sekolah's Beranda holds no list with a name.
        self.day_panels: DayPanels | None = None
        self.queue: QueuePanel | None = None
        self.privacy: PrivacyPanel | None = None
        self.drafts: StaleDraftsPanel | None = None
        self.month: MonthTiles | None = None
        self.workload = WorkloadPanel(self) if may_see_workload(viewer) else None
        self.complaints = ComplaintsPanel(
            for_koordinator=context.workspace.account.role is Role.KOORDINATOR, parent=self
        )
        self.complaints.complaint_opened.connect(self.complaint_opened)
        self.complaints.accounts_wanted.connect(self.principal_account_wanted)

        self.vault = VaultPanel(context, self)
        self._below = QGridLayout()
        self._below.setSpacing(16)
        content = QWidget(self)
        content.setObjectName("homeContent")
        inner = QVBoxLayout(content)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.setSpacing(16)
        inner.addLayout(self._count_tiles())
        if self.is_counsellor:
            self._counsellor_content(inner)
        else:
            self._principal_content(inner)
        self._wide: bool | None = None
        self._arrange(wide=True)
        scroll = QScrollArea(self)
        scroll.setObjectName("homeScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.timer = QTimer(self)
        self.timer.setObjectName("homeCountdownTimer")
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.refresh()

    def _counsellor_content(self, inner: QVBoxLayout) -> None:
        """Old drafts, my day, the queue beside the vault, my cases' dates, and for the
        koordinator everyone's workload last."""
        context = self.context
        self.day_panels = panels = DayPanels(self)
        panels.session_opened.connect(self.session_opened)
        panels.case_opened.connect(self.case_opened)
        panels.schedule_day_wanted.connect(self.schedule_day_wanted)
        self.queue = QueuePanel(self)
        self.queue.request_opened.connect(self.request_opened)
        self.queue.requests_wanted.connect(self.requests_wanted)
        self.queue.emergency_wanted.connect(self.record_emergency_action)
        self.queue.close_departed_wanted.connect(self.close_departed)
        self._below.addWidget(self.queue, 0, 0)
        self.drafts = StaleDraftsPanel(context, self)
        inner.addWidget(self.drafts)
        # Today's sessions first, then what waits on the school (darurat first), then the
        # cases' dates, which have waited days already and can wait minutes more.
        inner.addLayout(_pair(panels.sessions, panels.to_record))
        inner.addLayout(self._below, 1)
        inner.addWidget(self.complaints)
        self.privacy = PrivacyPanel(self)
        self.privacy.task_opened.connect(self.privacy_task_opened)
        inner.addWidget(self.privacy)
        inner.addLayout(_pair(panels.follow_ups, panels.action_plans))
        if self.workload is not None:
            inner.addWidget(self.workload)

    def _principal_content(self, inner: QVBoxLayout) -> None:
        """The month's figures under the queue's counts, then the workload beside the vault."""
        self.month = MonthTiles(self)
        inner.addWidget(self.month)
        inner.addWidget(self.complaints)
        assert self.workload is not None  # may_see_workload holds for every non-counsellor
        self._below.addWidget(self.workload, 0, 0)
        inner.addLayout(self._below, 1)

    def _count_tiles(self) -> QHBoxLayout:
        """Today's counts, then (for a counsellor) the month's share scheduled in time; the
        kepala sekolah reads the share among the month's tiles."""
        self.count_screening = CountTile(
            "homeCountScreeningTile",
            self.tr("Menunggu penyaringan"),
            self.tr("belum diasesmen awal"),
            parent=self,
        )
        self.count_schedule = CountTile(
            "homeCountScheduleTile",
            self.tr("Menunggu jadwal"),
            self.tr("jadwal belum disepakati"),
            parent=self,
        )
        self.count_overdue = CountTile(
            "homeCountOverdueTile",
            self.tr("Terlambat"),
            self.tr("melewati batas 1×24 jam"),
            alert_icon="error",
            parent=self,
        )
        self.count_darurat = CountTile(
            "homeCountDaruratTile",
            self.tr("Darurat"),
            self.tr("tangani lebih dulu"),
            alert_icon="warning",
            parent=self,
        )
        tiles = [self.count_screening, self.count_schedule, self.count_overdue, self.count_darurat]
        self.share: CountTile | None = None
        if self.is_counsellor:
            self.share = CountTile(
                "homeShareTile", self.tr("Terjadwal ≤ 1×24 jam"), "", parent=self
            )
            tiles.append(self.share)
        counts = QHBoxLayout()
        counts.setSpacing(16)
        for tile in tiles:
            counts.addWidget(tile, 1)
        return counts

    # -- showing ---------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Read everything again now when Beranda is showing, else when it is next shown."""
        if not self.isVisible():
            self._stale = True
            return
        if not self.context.workspace.is_open:
            return
        self._stale = False
        info = overview(self.context.workspace)
        self.overview = info
        self.vault.show_overview(info)
        self._show_share(info.now)
        self._show_queue(info.now, info.settings.zone)
        self._show_day(info.now, info.settings.zone)
        self._show_privacy(info.now, info.settings.zone)
        if self.drafts is not None:
            self.drafts.show_drafts(
                DraftService(self.context.workspace).stale(), info.settings.zone
            )

    @Slot()
    def tick(self) -> None:
        """Move the clocks on: the queue, its counts and the day are read again (a request
        may have just become overdue, which moves it up; a session's time may have come)."""
        workspace = self.context.workspace
        if workspace.is_open and self.isVisible():
            now, zone = workspace.now(), workspace.settings().zone
            self._show_queue(now, zone)
            self._show_day(now, zone)
            self._show_privacy(now, zone)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        self._stale = True
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(wide=event.size().width() >= WIDE_LAYOUT_MIN)

    def _arrange(self, *, wide: bool) -> None:
        """The vault's tiles beside the queue on a wide window, under it on a narrow one
        (125 % and 150 % scaling), so the queue keeps room for the students' names."""
        if wide == self._wide:
            return
        self._wide = wide
        self._below.removeWidget(self.vault)
        if wide:
            self._below.addWidget(self.vault, 0, 1)
            self._below.setColumnStretch(0, 2)
            self._below.setColumnStretch(1, 1)
        else:
            self._below.addWidget(self.vault, 1, 0)
            self._below.setColumnStretch(0, 1)
            self._below.setColumnStretch(1, 0)
        self._below.setRowStretch(0, 1)
        self._below.setRowStretch(1, 0)
        if self.queue is not None:
            self.queue.stack.setMinimumHeight(200 if wide else 320)

    def _show_queue(self, now: datetime, zone: ZoneInfo) -> None:
        """The queue's counts; for a counsellor also the queue itself (names), read once."""
        queues = QueueService(self.context.workspace)
        if self.queue is None:
            summary = queues.summary(now)
        else:
            items = queues.home(now)
            summary = summarise(items)
            self.queue.show_items(items, zone)
            self.queue.show_departed(queues.departed())
        self.summary = summary
        self.count_screening.show_value(str(summary.waiting_screening))
        self.count_schedule.show_value(str(summary.waiting_schedule))
        self._show_overdue(summary.overdue, self._show_complaints(now, zone))
        self.count_darurat.show_value(str(summary.darurat), alert=summary.darurat > 0)

    def _show_complaints(self, now: datetime, zone: ZoneInfo) -> int:
        """Kotak Saran's entries waiting for a first follow-up; returns how many are late."""
        service = ComplaintService(self.context.workspace)
        due = service.due(now)
        self.complaints.show_due(due, zone)
        if self.complaints.for_koordinator:
            self.complaints.show_principal_missing(service.principal_missing())
        return sum(1 for entry in due if entry.clock.kind is ClockKind.TERLAMBAT)

    def _show_privacy(self, now: datetime, zone: ZoneInfo) -> None:
        """The data-protection tasks (a counsellor's Beranda only)."""
        if self.privacy is not None:
            self.privacy.show_tasks(PrivacyTaskService(self.context.workspace).tasks(now), zone)

    def _show_overdue(self, requests: int, complaints: int) -> None:
        """One "Terlambat" tile for both promises; its note says which is which."""
        total = requests + complaints
        self.count_overdue.show_value(str(total), alert=total > 0)
        self.count_overdue.note.setText(
            self.tr("permohonan {requests} · kotak saran {complaints}").format(
                requests=requests, complaints=complaints
            )
            if complaints
            else self.tr("melewati batas 1×24 jam")
        )

    def _show_day(self, now: datetime, zone: ZoneInfo) -> None:
        """My day (a counsellor), everyone's workload (koordinator, kepala sekolah)."""
        home = HomeService(self.context.workspace)
        if self.day_panels is not None:
            self.day = home.day(now)
            self.day_panels.show_day(self.day, zone)
        if self.workload is not None:
            self.workload.show_rows(home.workload(now))

    def _show_share(self, now: datetime) -> None:
        if self.month is not None:
            self.month.show_figures(HomeService(self.context.workspace).month_figures(now))
        if self.share is not None:
            show_share(self.share, QueueService(self.context.workspace).month_share(now))

    # -- the queue's selection (the window opens a request through these) --------------------

    @property
    def selected_id(self) -> int | None:
        return None if self.queue is None else self.queue.selected_id

    def select(self, request_id: int) -> bool:
        return self.queue is not None and self.queue.select(request_id)

    @Slot()
    def close_departed(self) -> None:
        """ "Tutup semua": close every open permohonan of a student who left, after asking."""
        task = QueueService(self.context.workspace).departed()
        if task is None:
            return
        asked = self.context.prompter.confirm(
            self,
            self.tr("Tutup semua"),
            self.tr(
                "Tutup {count} permohonan siswa yang sudah pindah, lulus atau keluar? Alasan "
                "penutupannya dicatat dari status siswa; permohonan dapat dibuka kembali bila "
                "siswa kembali."
            ).format(count=task.count),
        )
        if not asked:
            return
        try:
            RequestService(self.context.workspace).close_departed()
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Tutup semua"), error.message)

    @Slot(int)
    def record_emergency_action(self, request_id: int) -> None:
        """ "Catat tindakan darurat…" on a darurat row; the change notice re-reads the queue."""
        try:
            record = RequestService(self.context.workspace).get(request_id)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Tindakan darurat"), error.message)
            return
        dialog = EmergencyDialog(self.context, record, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


def _pair(left: QWidget, right: QWidget) -> QHBoxLayout:
    """Two short lists side by side, equally wide (their columns fit at 1000 px)."""
    row = QHBoxLayout()
    row.setSpacing(16)
    row.addWidget(left, 1)
    row.addWidget(right, 1)
    return row


__all__ = ["HomeTab"]
