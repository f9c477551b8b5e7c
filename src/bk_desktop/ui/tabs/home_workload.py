"""Beranda's "Beban kerja guru BK": every counsellor's counts (``HomeService.workload``).

The koordinator shares the work out and the kepala sekolah oversees it, so both see one row per
counsellor: open cases, planned sessions in the next seven days, sessions *perlu dicatat*,
follow-ups due and cases with an action plan past review. Counts only: no student, no note.
What is already late (the last three) is marked as Beranda marks an overdue permohonan: red, a
cross and bold, never by colour alone.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from bk_desktop.services.home import WorkloadRow
from bk_desktop.ui.kit.card import Card
from bk_desktop.ui.kit.emphasis import emphasis
from bk_desktop.ui.kit.labels import heading_label, note_label
from bk_desktop.ui.kit.palette import ERROR_TEXT
from bk_desktop.ui.kit.records import RecordList, RecordsModel
from bk_desktop.ui.style import icon

MOST_ROWS = 12
"""Rows shown before the table scrolls (a school has a few counsellors, rarely a dozen)."""


class WorkloadColumn(enum.IntEnum):
    COUNSELLOR = 0
    OPEN_CASES = 1
    SESSIONS_WEEK = 2
    TO_RECORD = 3
    FOLLOW_UPS = 4
    ACTION_PLANS = 5


LATE = (WorkloadColumn.TO_RECORD, WorkloadColumn.FOLLOW_UPS, WorkloadColumn.ACTION_PLANS)
"""The columns that count what is already late."""

_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)


def _count(row: WorkloadRow, column: WorkloadColumn) -> int:
    return {
        WorkloadColumn.OPEN_CASES: row.open_cases,
        WorkloadColumn.SESSIONS_WEEK: row.sessions_week,
        WorkloadColumn.TO_RECORD: row.to_record,
        WorkloadColumn.FOLLOW_UPS: row.follow_ups_due,
        WorkloadColumn.ACTION_PLANS: row.action_plans_past_review,
    }[column]


class WorkloadModel(RecordsModel[WorkloadRow]):
    """Guru BK, then the five counts; a late count above 0 is red, bold, with a cross."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._late_icon: QIcon | None = None

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Guru BK"),
            self.tr("Kasus aktif"),
            self.tr("Sesi 7 hari"),
            self.tr("Perlu dicatat"),
            self.tr("Tindak lanjut"),
            self.tr("Rencana aksi lewat tinjau"),
        )

    def set_rows(self, rows: Sequence[WorkloadRow]) -> None:
        self._reset(rows)

    def late_icon(self) -> QIcon:
        if self._late_icon is None:
            self._late_icon = icon("error")
        return self._late_icon

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        row = self.record_of(index)
        if row is None:
            return None
        column = WorkloadColumn(index.column())
        if column is WorkloadColumn.COUNSELLOR:
            return row.name if role in _TEXT_ROLES else None
        count = _count(row, column)
        late = column in LATE and count > 0
        if role == Qt.ItemDataRole.DisplayRole:
            return str(count)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("{count}, terlambat").format(count=count) if late else str(count)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(column)
        if not late:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return self.late_icon()
        return emphasis(role, ERROR_TEXT)

    def _tooltip(self, column: WorkloadColumn) -> str:
        return {
            WorkloadColumn.OPEN_CASES: self.tr("Kasus berstatus Proses."),
            WorkloadColumn.SESSIONS_WEEK: self.tr("Sesi terjadwal dalam 7 hari ke depan."),
            WorkloadColumn.TO_RECORD: self.tr(
                "Sesi yang waktunya sudah lewat tetapi belum dicatat."
            ),
            WorkloadColumn.FOLLOW_UPS: self.tr(
                "Laijapen dan laijapang yang sudah jatuh tempo dan belum dicatat."
            ),
            WorkloadColumn.ACTION_PLANS: self.tr(
                "Kasus aktif yang rencana aksinya melewati tanggal tinjau."
            ),
        }[column]


class WorkloadPanel(Card):
    """The card: title, the table (or a sentence while there is no counsellor account), and
    a line saying what the counts leave out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("homeWorkload", parent, spacing=6)
        title = heading_label(self.tr("Beban kerja guru BK"), self)
        title.setObjectName("homeWorkloadTitle")
        self.body.addWidget(title)
        self.model = WorkloadModel(self)
        self.list = RecordList(
            self.model,
            ("homeWorkloadTable", self.tr("Beban kerja guru BK")),
            (
                "homeWorkloadEmpty",
                self.tr(
                    "Belum ada akun guru BK. Koordinator BK menambahkannya di Pengaturan, "
                    "bagian Akun."
                ),
            ),
            rows=(1, MOST_ROWS),
            stretch=(WorkloadColumn.COUNSELLOR,),
        )
        self.list.table.setWordWrap(False)
        self.body.addWidget(self.list)
        self.body.addWidget(
            note_label(
                self.tr(
                    "Hanya jumlah: nama siswa dan catatan konseling tidak ditampilkan. Angka "
                    "merah bertanda silang sudah terlambat."
                ),
                "homeWorkloadNote",
                self,
            )
        )
        # The kepala sekolah's Beranda gives the card the rest of the height: keep its title,
        # table and note together at the top.
        self.body.addStretch(1)

    def show_rows(self, rows: Sequence[WorkloadRow]) -> None:
        self.model.set_rows(rows)


__all__ = ["LATE", "WorkloadColumn", "WorkloadModel", "WorkloadPanel"]
