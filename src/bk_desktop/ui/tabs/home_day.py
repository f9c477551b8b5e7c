"""Beranda's day: the signed-in counsellor's short lists (``HomeService.day``).

Four small cards, each a few rows for looking rather than reading, "… dan N lagi" under them
when more wait, and a sentence saying what an empty one means:

- *Sesi hari ini dan besok*: time, **initials · class**, place; Enter or a double click opens
  the session's record in Konseling, "Lihat di Jadwal" its day in Jadwal;
- *Perlu dicatat*: planned sessions whose time passed; opens the record in Konseling;
- *Tindak lanjut jatuh tempo* and *Rencana aksi lewat tanggal tinjau*: open the case in
  Konseling.

Beranda may be on a screen others see, so a student is never named here: initials and class,
as on Jadwal's blocks; no problem, note or plan text either.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from bk_desktop.domain.counselling import SessionMode
from bk_desktop.domain.dates import format_date, format_time
from bk_desktop.services.home import CaseTask, DaySession, HomeDay
from bk_desktop.ui.kit.card import Card
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.labels import heading_label
from bk_desktop.ui.kit.records import RecordList, RecordsModel
from bk_desktop.ui.school_time import short_instant
from bk_desktop.ui.style import set_role

SHOWN_ROWS = 4
"""Rows each list shows; the rest are counted in "… dan N lagi"."""

R = TypeVar("R")
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)


def who(student: str, rombel: str) -> str:
    """ "A.L. · X MIPA 1": what Beranda shows of a student."""
    return f"{student} · {rombel}" if rombel else student


class ShortListModel(RecordsModel[R]):
    """A read-only model a ``ShortList`` fills with its first rows."""

    def set_records(self, records: Sequence[R]) -> None:
        self._reset(records)


class SessionsModel(ShortListModel[DaySession]):
    """Waktu, Siswa (initials · class), Tempat. ``dated`` shows the day in full (perlu dicatat
    may be any day); otherwise "Hari ini"/"Besok"."""

    def __init__(self, *, dated: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dated = dated
        self.zone = ZoneInfo("UTC")
        self.today = date.min

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Waktu"), self.tr("Siswa"), self.tr("Tempat"))

    def set_day(self, zone: ZoneInfo, today: date) -> None:
        """The school's zone and local day the times are shown in; set before ``set_records``."""
        self.zone, self.today = zone, today

    def when(self, session: DaySession) -> str:
        if self.dated:
            return short_instant(session.start, self.zone)
        day = session.start.astimezone(self.zone).date()
        label = self.tr("Hari ini") if day == self.today else self.tr("Besok")
        return f"{label} {format_time(session.start, self.zone)}"

    def place(self, session: DaySession) -> str:
        if session.mode is SessionMode.DARING:
            return session.place or self.tr("Daring")
        return session.place or self.tr("—")

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        session = self.record_of(index)
        if session is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Klik dua kali untuk membuka catatan sesinya di tab Konseling.")
        if role not in _TEXT_ROLES:
            return None
        column = index.column()
        if column == 0:
            return self.when(session)
        if column == 1:
            return who(session.student, session.rombel)
        return self.place(session)


class CaseTasksModel(ShortListModel[CaseTask]):
    """Siswa (initials · class), Kasus, what is due, and the day it fell due; the last two
    headers are the list's own ("Tindak lanjut", "Jatuh tempo")."""

    def __init__(self, what_header: str, day_header: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.what_header, self.day_header = what_header, day_header

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Siswa"), self.tr("Kasus"), self.what_header, self.day_header)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        task = self.record_of(index)
        if task is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Klik dua kali untuk membuka kasus {code} di tab Konseling.").format(
                code=task.case_code
            )
        if role not in _TEXT_ROLES:
            return None
        return (
            who(task.student, task.rombel),
            task.case_code,
            task.label,
            format_date(task.since),
        )[index.column()]


class ShortList(Card, Generic[R]):
    """A titled card with the first ``SHOWN_ROWS`` records, "… dan N lagi" for the rest, and
    a sentence in place of the table while there is none. ``chosen(record)`` on Enter or a
    double click."""

    chosen = Signal(object)

    def __init__(
        self,
        name: str,
        title: str,
        model: ShortListModel[R],
        empty: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(name, parent, spacing=6)
        self.model = model
        title_label = heading_label(title, self)
        title_label.setObjectName(f"{name}Title")
        self.body.addWidget(title_label)
        self.list = RecordList(
            model,
            (f"{name}Table", title),
            (f"{name}Empty", empty),
            rows=(1, SHOWN_ROWS),
            stretch=(1,),
        )
        self.list.table.setWordWrap(False)
        self.list.table.activated.connect(self._on_activated)
        self.body.addWidget(self.list)
        self.more = QLabel(self)
        self.more.setObjectName(f"{name}More")
        set_role(self.more, "muted")
        self.body.addWidget(self.more)
        self.body.addStretch(1)
        self.total = 0

    def show_records(self, records: Sequence[R]) -> None:
        self.model.set_records(records[:SHOWN_ROWS])
        self.total = len(records)
        left = self.total - SHOWN_ROWS
        self.more.setVisible(left > 0)
        self.more.setText(self.tr("… dan {count} lagi").format(count=left) if left > 0 else "")

    def selected(self) -> R | None:
        return self.list.selected()

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        record = self.model.record_at(index.row())
        if record is not None:
            self.chosen.emit(record)


class DayPanels(QObject):
    """The four lists of ``HomeDay`` and what opening their rows asks of the window:
    ``session_opened(session id)``, ``case_opened(case id)``, ``schedule_day_wanted(date)``.
    """

    session_opened = Signal(int)
    case_opened = Signal(int)
    schedule_day_wanted = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.sessions_model = SessionsModel(dated=False, parent=self)
        self.sessions = ShortList[DaySession](
            "homeSessions",
            self.tr("Sesi hari ini dan besok"),
            self.sessions_model,
            self.tr("Tidak ada sesi terjadwal hari ini maupun besok."),
            parent,
        )
        self.schedule_button = named(
            QPushButton(self.tr("Lihat di Jadwal"), parent),
            "homeSessionsScheduleButton",
            self.tr("Buka hari sesi yang dipilih di tab Jadwal"),
        )
        self.schedule_button.setAutoDefault(False)
        self.schedule_button.clicked.connect(self._on_schedule)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.schedule_button)
        self.sessions.body.insertLayout(self.sessions.body.count() - 1, row)
        self.record_model = SessionsModel(dated=True, parent=self)
        self.to_record = ShortList[DaySession](
            "homeToRecord",
            self.tr("Perlu dicatat"),
            self.record_model,
            self.tr("Tidak ada sesi yang perlu dicatat."),
            parent,
        )
        self.follow_up_model = CaseTasksModel(
            self.tr("Tindak lanjut"), self.tr("Jatuh tempo"), self
        )
        self.follow_ups = ShortList[CaseTask](
            "homeFollowUps",
            self.tr("Tindak lanjut jatuh tempo"),
            self.follow_up_model,
            self.tr("Tidak ada laijapen atau laijapang yang jatuh tempo."),
            parent,
        )
        self.plan_model = CaseTasksModel(self.tr("Butir terbuka"), self.tr("Tanggal tinjau"), self)
        self.action_plans = ShortList[CaseTask](
            "homeActionPlans",
            self.tr("Rencana aksi lewat tanggal tinjau"),
            self.plan_model,
            self.tr("Tidak ada rencana aksi yang lewat tanggal tinjau."),
            parent,
        )
        for sessions in (self.sessions, self.to_record):
            sessions.chosen.connect(self._on_session)
        for tasks in (self.follow_ups, self.action_plans):
            tasks.chosen.connect(self._on_case)
        self._zone = ZoneInfo("UTC")

    @property
    def cards(self) -> tuple[Card, ...]:
        return (self.sessions, self.to_record, self.follow_ups, self.action_plans)

    def show_day(self, day: HomeDay, zone: ZoneInfo) -> None:
        self._zone = zone
        self.sessions_model.set_day(zone, day.today)
        self.record_model.set_day(zone, day.today)
        self.sessions.show_records(day.sessions)
        self.schedule_button.setEnabled(bool(day.sessions))
        self.to_record.show_records(day.to_record)
        self.follow_ups.show_records(day.follow_ups)
        self.action_plans.show_records(day.action_plans)

    @Slot(object)
    def _on_session(self, session: DaySession) -> None:
        self.session_opened.emit(session.session_id)

    @Slot(object)
    def _on_case(self, task: CaseTask) -> None:
        self.case_opened.emit(task.case_id)

    @Slot()
    def _on_schedule(self) -> None:
        """The selected session's day, else the first listed one's (today or tomorrow)."""
        session = self.sessions.selected() or self.sessions_model.record_at(0)
        if session is None:
            return
        local: datetime = session.start.astimezone(self._zone)
        self.schedule_day_wanted.emit(local.date())


__all__ = [
    "SHOWN_ROWS",
    "CaseTasksModel",
    "DayPanels",
    "SessionsModel",
    "ShortList",
    "ShortListModel",
    "who",
]
