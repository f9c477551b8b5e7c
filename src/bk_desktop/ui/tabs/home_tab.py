"""Beranda: today at a glance — what waits and how long it may still wait, then the vault.

Counts come first, as tiles: requests waiting for screening, waiting for a schedule, overdue and
darurat (``QueueService.summary``), and this month's share scheduled within 1×24 h. Below them the
queue itself (``QueueService.home``): darurat first, then overdue, then by deadline. Each row's
clock shows its state in a colour *and* an icon and words (docs/architecture.md, “Look and feel”);
the clocks move every half minute while Beranda is showing. A double click opens the request where
its next step is taken (Penyaringan or Pengajuan); the main window does the switching.

Beside the queue stay the vault's own tiles: school, account, size and the last backup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont, QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.dates import format_age, format_instant
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.backup import STALE_AFTER
from bk_desktop.services.overview import VaultOverview, overview
from bk_desktop.services.queues import HomeItem, HomeSummary, QueueService, summarise
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.item_model import ItemListModel
from bk_desktop.ui.kit.empty_state import EmptyState
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.kit.palette import (
    DARURAT_BACKGROUND,
    ERROR_TEXT,
    OK_BACKGROUND,
    OK_BORDER,
    WARNING_BACKGROUND,
    WARNING_BORDER,
)
from bk_desktop.ui.kit.runner import Task, start_task
from bk_desktop.ui.kit.tiles import CountTile, Tile
from bk_desktop.ui.request_table import clock_cell
from bk_desktop.ui.school_time import short_instant, zone_name
from bk_desktop.ui.style import icon, set_role

TICK_MS = 30_000
"""How often the countdowns move while Beranda is showing."""

WIDE_LAYOUT_MIN = 1120
"""Below this width (1366 px at 125 % scaling is 1093) the vault's tiles go under the queue."""

"""A pale red behind a darurat row; the row also says DARURAT in words, with an icon."""

_UNITS = ("B", "KB", "MB", "GB", "TB")


def format_size(size: int) -> str:
    """A file size the way Windows Explorer says it, with an Indonesian decimal comma: 1,2 MB."""
    value = float(size)
    unit = 0
    while value >= 1024 and unit < len(_UNITS) - 1:
        value /= 1024
        unit += 1
    if unit == 0:
        return f"{int(value)} {_UNITS[0]}"
    text = f"{value:.1f}".replace(".", ",")
    return f"{text} {_UNITS[unit]}"


# -- the queue ---------------------------------------------------------------------------------


class QueueColumn(Enum):
    PRIORITY = "priority"
    STUDENT = "student"
    ROMBEL = "rombel"
    STAGE = "stage"
    RECEIVED = "received"
    DEADLINE = "deadline"


QUEUE_COLUMNS: tuple[QueueColumn, ...] = tuple(QueueColumn)
OPTIONAL_COLUMNS = (QueueColumn.RECEIVED, QueueColumn.ROMBEL)
"""Left out in this order when the list is narrow (150 % scaling); the clock always stays."""


class QueueModel(ItemListModel[HomeItem]):
    """``HomeItem``s as rows, in the service's order; ``ID_ROLE`` holds the request id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda item: item.request_id, len(QUEUE_COLUMNS), parent)
        self._headers: list[str] = []

    def set_items(self, items: Sequence[HomeItem], zone: ZoneInfo) -> None:
        """Show ``items``; when they are the same requests in the same order only the cells
        change, so the selection and the scroll position stay where the person left them."""
        new = list(items)
        same_rows = [i.request_id for i in new] == [i.request_id for i in self._items]
        if same_rows and zone == self._zone:
            self._items = new
            if new:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(new) - 1, len(QUEUE_COLUMNS) - 1)
                )
            return
        super().set_items(new, zone)

    def _forget_headers(self) -> None:
        self._headers = []

    # -- the Qt model ------------------------------------------------------------------------

    def _header_text(self, section: int) -> str:
        if not self._headers:  # asked for hundreds of times while the columns are sized
            self._headers = [
                self.tr("Prioritas"),
                self.tr("Siswa"),
                self.tr("Kelas"),
                self.tr("Tahap"),
                self.tr("Diterima ({zone})").format(zone=zone_name(self._zone)),
                self.tr("Batas 1×24 jam"),
            ]
        return self._headers[section]

    def _cell_data(self, item: HomeItem, column_index: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and item.is_darurat:
            return QBrush(QColor(DARURAT_BACKGROUND))
        column = QUEUE_COLUMNS[column_index]
        if column is QueueColumn.PRIORITY:
            return self._priority_data(item, role)
        if column is QueueColumn.DEADLINE:
            return self._deadline_data(item, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        return None

    def _text(self, item: HomeItem, column: QueueColumn) -> str:
        if column is QueueColumn.STUDENT:
            return item.student_name
        if column is QueueColumn.ROMBEL:
            return item.rombel or self.tr("—")
        if column is QueueColumn.STAGE:
            return item.stage
        if column is QueueColumn.RECEIVED:
            return short_instant(item.received_at, self._zone)
        return ""

    def _tooltip(self, item: HomeItem, column: QueueColumn) -> str | None:
        if column is QueueColumn.RECEIVED:
            return format_instant(item.received_at, self._zone)
        if column is QueueColumn.STUDENT:
            where = self.tr("Penyaringan") if item.waits_for_screening else self.tr("Pengajuan")
            return self.tr("{name}\nKlik dua kali untuk membukanya di tab {where}.").format(
                name=item.student_name, where=where
            )
        if column is QueueColumn.ROMBEL and not item.rombel:
            return self.tr("Siswa belum punya rombel pada tahun ajaran ini.")
        return None

    def _priority_data(self, item: HomeItem, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.tr("DARURAT") if item.is_darurat else item.urgency.label
        if not item.is_darurat:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return self.status_icon("warning")
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(ERROR_TEXT))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Darurat: tangani lebih dulu, ikuti protokol darurat sekolah.")
        return None

    def _deadline_data(self, item: HomeItem, role: int) -> Any:
        # Items here are still waiting, so "pressing" (bold) is every kind but on time.
        return clock_cell(self, item.deadline, item.countdown, role)


def fit_queue_columns(view: QTableView, student_min_width: int = 150) -> None:
    """Leave out the optional columns, in order, while the list is too narrow for them all."""
    header = view.horizontalHeader()
    for column in OPTIONAL_COLUMNS:
        header.setSectionHidden(QUEUE_COLUMNS.index(column), False)
    widths = [
        max(header.sectionSizeHint(i), view.sizeHintForColumn(i)) for i in range(len(QUEUE_COLUMNS))
    ]
    widths[QUEUE_COLUMNS.index(QueueColumn.STUDENT)] = student_min_width
    room = view.viewport().width()
    for column in OPTIONAL_COLUMNS:
        if sum(w for i, w in enumerate(widths) if not header.isSectionHidden(i)) <= room:
            break
        header.setSectionHidden(QUEUE_COLUMNS.index(column), True)


# -- the tab -----------------------------------------------------------------------------------


class HomeTab(QWidget):
    """Beranda. ``request_opened(id, for_screening)`` asks the window to open a request in
    Penyaringan (``True``) or Pengajuan; ``requests_wanted`` asks for the Pengajuan tab."""

    request_opened = Signal(int, bool)
    requests_wanted = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._task: Task | None = None
        self._stale = True
        self.setObjectName("homeTab")

        # -- today's counts --------------------------------------------------------------
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
        self.share = CountTile("homeShareTile", self.tr("Terjadwal ≤ 1×24 jam"), "", parent=self)
        counts = QHBoxLayout()
        counts.setSpacing(16)
        for tile in (
            self.count_screening,
            self.count_schedule,
            self.count_overdue,
            self.count_darurat,
            self.share,
        ):
            counts.addWidget(tile, 1)

        # -- the queue -------------------------------------------------------------------
        queue_card = QFrame(self)
        queue_card.setObjectName("homeQueueCard")
        set_role(queue_card, "card")
        queue_title = QLabel(self.tr("Permintaan yang menunggu"), queue_card)
        queue_title.setObjectName("homeQueueTitle")
        set_role(queue_title, "heading")
        queue_hint = wrapping_label(
            queue_card,
            self.tr(
                "Darurat paling atas, lalu yang terlambat, lalu menurut batas waktunya. Klik dua "
                "kali untuk membuka permintaan di tab tempat langkah berikutnya dicatat."
            ),
        )
        queue_hint.setObjectName("homeQueueHint")
        set_role(queue_hint, "muted")

        self.model = QueueModel(self)
        self.table = QTableView(queue_card)
        self.table.setObjectName("homeQueue")
        self.table.setAccessibleName(self.tr("Permintaan yang menunggu"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(
            QUEUE_COLUMNS.index(QueueColumn.STUDENT), QHeaderView.ResizeMode.Stretch
        )
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        self.table.activated.connect(self._on_activated)

        self.empty = EmptyState(
            "homeQueueEmpty",
            self.tr(
                "Tidak ada permintaan yang menunggu. Permintaan baru dicatat di tab Pengajuan."
            ),
            text_name="homeQueueEmptyText",
            icon_name="ok",
            parent=queue_card,
        )
        self.empty_button = self.empty.add_button(
            named(
                QPushButton(self.tr("Buka Pengajuan")),
                "homeQueueEmptyButton",
                self.tr("Buka tab Pengajuan"),
            )
        )
        self.empty_button.clicked.connect(self.requests_wanted)

        self.queue_stack = QStackedWidget(queue_card)
        self.queue_stack.setObjectName("homeQueueStack")
        self.queue_stack.addWidget(self.table)
        self.queue_stack.addWidget(self.empty)
        self.queue_stack.setMinimumHeight(200)
        queue_layout = QVBoxLayout(queue_card)
        queue_layout.setContentsMargins(16, 14, 16, 14)
        queue_layout.setSpacing(6)
        queue_layout.addWidget(queue_title)
        queue_layout.addWidget(queue_hint)
        queue_layout.addWidget(self.queue_stack, 1)

        # -- the vault -------------------------------------------------------------------
        school = Tile("homeSchoolTile", self.tr("Sekolah"), self)
        self.school_name = school.value_label("homeSchoolName")
        self.school_city = school.value_label("homeSchoolCity", "muted")
        school.body.addStretch(1)

        account = Tile("homeAccountTile", self.tr("Masuk sebagai"), self)
        self.account_name = account.value_label("homeAccountName")
        self.account_role = account.value_label("homeAccountRole", "muted")
        account.body.addStretch(1)

        size = Tile("homeVaultTile", self.tr("Ukuran brankas"), self)
        self.vault_size = size.value_label("homeVaultSize")
        self.vault_note = size.value_label("homeVaultNote", "muted")
        self.vault_note.setText(self.tr("Semua catatan tersimpan terenkripsi di komputer ini."))
        size.body.addStretch(1)

        backup = Tile("homeBackupTile", self.tr("Cadangan terakhir"), self)
        self.backup_date = backup.value_label("homeBackupDate")
        self.backup_age = backup.value_label("homeBackupAge", "muted")

        self.backup_state = QFrame(backup)
        self.backup_state.setObjectName("homeBackupState")
        self.backup_state_icon = QLabel(self.backup_state)
        self.backup_state_icon.setObjectName("homeBackupStateIcon")
        self.backup_state_icon.setFixedSize(22, 22)
        self.backup_warning = QLabel(self.backup_state)
        self.backup_warning.setObjectName("homeBackupWarning")
        self.backup_warning.setWordWrap(True)
        state_row = QHBoxLayout(self.backup_state)
        state_row.setContentsMargins(10, 8, 10, 8)
        state_row.setSpacing(10)
        state_row.addWidget(self.backup_state_icon, 0, Qt.AlignmentFlag.AlignTop)
        state_row.addWidget(self.backup_warning, 1)
        backup.body.addWidget(self.backup_state)

        self.backup_folder = backup.value_label("homeBackupFolder", "muted")

        self.backup_button = QPushButton(self.tr("Cadangkan sekarang"), backup)
        self.backup_button.setObjectName("homeBackupButton")
        self.backup_button.setAccessibleName(self.tr("Cadangkan sekarang"))
        set_role(self.backup_button, "primary")
        self.backup_button.clicked.connect(self.back_up_now)
        self.backup_busy = QProgressBar(backup)
        self.backup_busy.setObjectName("homeBackupBusy")
        self.backup_busy.setRange(0, 0)
        self.backup_busy.setTextVisible(False)
        self.backup_busy.setMaximumHeight(10)
        self.backup_busy.hide()
        self.backup_message = QLabel(backup)
        self.backup_message.setObjectName("homeBackupMessage")
        self.backup_message.setWordWrap(True)
        self.backup_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.backup_message, "ok")
        self.backup_message.hide()
        button_row = QHBoxLayout()
        button_row.setSpacing(12)
        button_row.addWidget(self.backup_button)
        button_row.addWidget(self.backup_busy, 1)
        button_row.addStretch(1)
        backup.body.addSpacing(4)
        backup.body.addLayout(button_row)
        backup.body.addWidget(self.backup_message)
        backup.body.addStretch(1)

        # The vault's tiles sit beside the queue on a wide window and under it on a narrow one
        # (125 % and 150 % scaling), so the queue keeps room for the students' names.
        self._vault_tiles = (school, account, size, backup)
        self._side_box = QWidget(self)
        self._side_box.setObjectName("homeVaultTiles")
        self._side = QGridLayout(self._side_box)
        self._side.setContentsMargins(0, 0, 0, 0)
        self._side.setSpacing(16)
        self._side.setColumnStretch(0, 1)
        self._side.setColumnStretch(1, 1)
        self._queue_card = queue_card
        self._below = QGridLayout()
        self._below.setSpacing(16)
        self._below.addWidget(queue_card, 0, 0)
        self._wide: bool | None = None
        self._arrange(wide=True)

        content = QWidget(self)
        content.setObjectName("homeContent")
        inner = QVBoxLayout(content)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.setSpacing(16)
        inner.addLayout(counts)
        inner.addLayout(self._below, 1)
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

        self.overview: VaultOverview | None = None
        self.summary: HomeSummary | None = None
        self.refresh()

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
        settings = info.settings
        self.school_name.setText(settings.school_name)
        self.school_city.setText(settings.city or self.tr("Kota belum diisi (Pengaturan)"))
        self.account_name.setText(info.account.name)
        self.account_role.setText(info.account.role.label)
        self.vault_size.setText(format_size(info.vault_bytes))
        self._show_backup(info)
        self._show_share(info.now)
        self._show_queue(info.now, settings.zone)

    @Slot()
    def tick(self) -> None:
        """Move the clocks on: the queue and its counts are read again (a request may have
        just become overdue, which moves it up)."""
        workspace = self.context.workspace
        if workspace.is_open and self.isVisible():
            self._show_queue(workspace.now(), workspace.settings().zone)

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
        self._fit_columns()

    def _arrange(self, *, wide: bool) -> None:
        if wide == self._wide:
            return
        self._wide = wide
        school, account, size, backup = self._vault_tiles
        for tile in self._vault_tiles:
            self._side.removeWidget(tile)
        self._side.addWidget(school, 0, 0)
        self._side.addWidget(account, 0, 1)
        if wide:
            self._side.addWidget(size, 1, 0, 1, 2)
            self._side.addWidget(backup, 2, 0, 1, 2)
        else:
            self._side.addWidget(size, 1, 0)
            self._side.addWidget(backup, 1, 1, 2, 1)
        self._side.setRowStretch(2, 1)
        self._below.removeWidget(self._side_box)
        if wide:
            self._below.addWidget(self._side_box, 0, 1)
            self._below.setColumnStretch(0, 2)
            self._below.setColumnStretch(1, 1)
            self._below.setRowStretch(0, 1)
            self._below.setRowStretch(1, 0)
        else:
            self._below.addWidget(self._side_box, 1, 0)
            self._below.setColumnStretch(0, 1)
            self._below.setColumnStretch(1, 0)
            self._below.setRowStretch(0, 1)
            self._below.setRowStretch(1, 0)
        self.queue_stack.setMinimumHeight(200 if wide else 320)

    def _fit_columns(self) -> None:
        if self.model.rowCount() and self.isVisible():
            fit_queue_columns(self.table)

    def _show_queue(self, now: datetime, zone: ZoneInfo) -> None:
        items = QueueService(self.context.workspace).home(now)
        summary = summarise(items)
        self.summary = summary
        self.count_screening.show_value(str(summary.waiting_screening))
        self.count_schedule.show_value(str(summary.waiting_schedule))
        self.count_overdue.show_value(str(summary.overdue), alert=summary.overdue > 0)
        self.count_darurat.show_value(str(summary.darurat), alert=summary.darurat > 0)
        self.model.set_items(items, zone)
        self.queue_stack.setCurrentWidget(self.table if items else self.empty)
        self._fit_columns()

    def _show_share(self, now: datetime) -> None:
        share = QueueService(self.context.workspace).month_share(now)
        percent = share.percent
        if percent is None:
            self.share.show_value(self.tr("—"))
            self.share.note.setText(
                self.tr("belum ada data {month}").format(month=share.month_label)
            )
        else:
            self.share.show_value(f"{percent}%")
            self.share.note.setText(
                self.tr("{met} dari {decided} permintaan {month}").format(
                    met=share.met, decided=share.decided, month=share.month_label
                )
            )

    def _show_backup(self, info: VaultOverview) -> None:
        last = info.backup.last_at
        days = STALE_AFTER.days
        if last is None:
            self.backup_date.setText(self.tr("Belum pernah"))
            self.backup_age.hide()
            warning = self.tr(
                "Peringatan: data belum pernah dicadangkan. Buat cadangan sekarang, lalu simpan "
                "salinannya di flashdisk."
            )
        else:
            self.backup_date.setText(format_instant(last, info.settings.zone))
            self.backup_age.setText(format_age(info.now - last))
            self.backup_age.show()
            warning = self.tr(
                "Peringatan: cadangan terakhir sudah lebih dari {days} hari. Buat cadangan "
                "sekarang."
            ).format(days=days)
        stale = info.backup_is_stale
        if stale:
            self.backup_warning.setText(warning)
            self.backup_state.setStyleSheet(
                f"QFrame#homeBackupState {{ background: {WARNING_BACKGROUND};"
                f" border: 1px solid {WARNING_BORDER};"
                " border-radius: 6px; }"
            )
            set_role(self.backup_warning, "warning")
        else:
            self.backup_warning.setText(
                self.tr("Cadangan masih baru (kurang dari {days} hari).").format(days=days)
            )
            self.backup_state.setStyleSheet(
                f"QFrame#homeBackupState {{ background: {OK_BACKGROUND};"
                f" border: 1px solid {OK_BORDER};"
                " border-radius: 6px; }"
            )
            set_role(self.backup_warning, "ok")
        self.backup_state.setProperty("stale", stale)
        self.backup_state.setAccessibleName(self.backup_warning.text())
        self.backup_state_icon.setPixmap(icon("warning" if stale else "ok").pixmap(22, 22))
        self.backup_folder.setText(
            self.tr("Folder cadangan: {folder}").format(folder=info.backup.folder)
        )

    # -- opening a request -------------------------------------------------------------------

    @property
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(QueueModel.ID_ROLE)
        return value if isinstance(value, int) else None

    def select(self, request_id: int) -> bool:
        row = self.model.row_of(request_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        item = self.model.item_at(index.row())
        if item is not None:
            self.request_opened.emit(item.request_id, item.waits_for_screening)

    # -- backing up ------------------------------------------------------------------------

    @property
    def busy_now(self) -> bool:
        return self._task is not None

    @Slot()
    def back_up_now(self) -> None:
        if self.busy_now:
            return
        backups = self.context.backups
        self.backup_message.hide()
        self.backup_button.setEnabled(False)
        self.backup_busy.show()
        self._task = start_task(backups.backup, self, self._on_backed_up, self._on_failed)

    def _on_backed_up(self, path: Path) -> None:
        self._task = None
        self.backup_button.setEnabled(True)
        self.backup_busy.hide()
        self.backup_message.setText(self.tr("Cadangan tersimpan: {path}").format(path=path))
        self.backup_message.show()
        # The backup's notice (``Change.VAULT``) came before this and read the tiles again.

    def _on_failed(self, error: KnownError) -> None:
        self._task = None
        self.backup_button.setEnabled(True)
        self.backup_busy.hide()
        self.context.prompter.error(self, self.tr("Cadangan gagal"), error.message)


__all__ = ["HomeTab", "QueueModel", "format_size"]
