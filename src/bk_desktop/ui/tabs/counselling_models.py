"""The lists of the Konseling tab: the buku kasus, the sessions waiting to be recorded, and a
case's sessions, action items and follow-ups. Each is a read-only ``RecordsModel``; what a
cell shows is worded here, once, in the school's zone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from bk_desktop.domain.counselling import (
    ActionItem,
    CaseRecord,
    FollowUp,
    SessionRecord,
)
from bk_desktop.domain.dates import format_date
from bk_desktop.domain.sight import Sight
from bk_desktop.ui.kit.records import RecordsModel
from bk_desktop.ui.school_time import short_instant

_Index = QModelIndex | QPersistentModelIndex
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)


def bidang_labels(record: CaseRecord) -> str:
    return ", ".join(sorted(b.label for b in record.bidang)) or "—"


class CaseListModel(RecordsModel[CaseRecord]):
    """The buku kasus: one case a row, newest first (the service's order). The columns a
    counsellor scans for (who, where it stands, what is next) come first, so a narrow pane
    keeps them in view and scrolls only the rest."""

    STUDENT_COLUMN = 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zone = ZoneInfo("UTC")

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("No. kasus"),
            self.tr("Siswa"),
            self.tr("Kelas"),
            self.tr("Status"),
            self.tr("Sesi"),
            self.tr("Sesi berikutnya"),
            self.tr("Dibuka"),
            self.tr("Bidang"),
            self.tr("Konselor"),
        )

    def set_cases(self, cases: Sequence[CaseRecord], zone: ZoneInfo) -> None:
        self.zone = zone
        self._reset(cases)

    def row_of(self, case_id: int) -> int:
        return self.row_where(lambda record: record.id == case_id)

    def withheld_note(self, record: CaseRecord) -> str:
        """Why a row says little: another counsellor's notes, or a *sangat rahasia* case."""
        # The name ends a sentence: "…, S.Pd." keeps one full stop, not two.
        owner = (record.counsellor_name or self.tr("guru BK lain")).removesuffix(".")
        if record.sight is Sight.EXISTS_ONLY:
            return self.tr(
                "Ada kasus, ditangani {owner}. Kasus sangat rahasia: detailnya hanya untuk guru "
                "BK yang menanganinya."
            ).format(owner=owner)
        if record.sight is Sight.NOTES_WITHHELD:
            return self.tr(
                "Catatan ada pada {owner}. Buka kasusnya lalu “Tampilkan catatan” (dicatat di "
                "log audit)."
            ).format(owner=owner)
        return ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        record = self.record_of(index)
        if record is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.withheld_note(record) or None
        if role not in _TEXT_ROLES:
            return None
        zone = self.zone
        hidden = record.sight is Sight.EXISTS_ONLY
        if hidden:
            bidang = self.tr("Ada kasus (sangat rahasia)")
        elif record.sight is Sight.NOTES_WITHHELD:
            bidang = self.tr("{bidang} (catatan tertutup)").format(bidang=bidang_labels(record))
        else:
            bidang = bidang_labels(record)
        cells = (
            record.code,
            record.student_name,
            record.rombel or "—",
            record.status.label,
            "—" if hidden else str(record.sessions_held),
            short_instant(record.next_session, zone) if record.next_session else "—",
            format_date(record.opened_at.astimezone(zone).date()),
            bidang,
            record.counsellor_name or "—",
        )
        text = cells[index.column()]
        if role == Qt.ItemDataRole.AccessibleTextRole and record.sight is not Sight.FULL:
            return f"{text}. {self.withheld_note(record)}" if index.column() == 1 else text
        return text


@dataclass(frozen=True)
class WaitingSession:
    """A planned session on the "Perlu dicatat" list: past its time, or later today."""

    session: SessionRecord
    overdue: bool


class WaitingSessionsModel(RecordsModel[WaitingSession]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zone = ZoneInfo("UTC")

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Waktu"), self.tr("Siswa"), self.tr("Kelas"), self.tr("Keterangan"))

    def set_sessions(self, waiting: Sequence[WaitingSession], zone: ZoneInfo) -> None:
        self.zone = zone
        self._reset(waiting)

    def row_of(self, session_id: int) -> int:
        return self.row_where(lambda w: w.session.id == session_id)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        waiting = self.record_of(index)
        if waiting is None or role not in _TEXT_ROLES:
            return None
        session = waiting.session
        when = self.tr("Perlu dicatat") if waiting.overdue else self.tr("Hari ini, terjadwal")
        hidden = session.sight is Sight.EXISTS_ONLY
        cells = (
            short_instant(session.planned_start, self.zone),
            self.tr("Sesi (sangat rahasia)") if hidden else session.student_name,
            session.rombel or "—",
            when
            if session.sight is Sight.FULL
            else self.tr("{when} · {owner}").format(
                when=when, owner=session.counsellor_name or self.tr("guru BK lain")
            ),
        )
        return cells[index.column()]


class CaseSessionsModel(RecordsModel[SessionRecord]):
    """A case's sessions: pertemuan ke-n, when, how long, where, and its status now."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zone = ZoneInfo("UTC")
        self.now = datetime(2000, 1, 1, tzinfo=UTC)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Pertemuan"),
            self.tr("Waktu"),
            self.tr("Lama"),
            self.tr("Tempat"),
            self.tr("Status"),
        )

    def set_sessions(
        self, sessions: Sequence[SessionRecord], zone: ZoneInfo, now: datetime
    ) -> None:
        self.zone = zone
        self.now = now
        self._reset(sessions)

    def row_of(self, session_id: int) -> int:
        return self.row_where(lambda s: s.id == session_id)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        session = self.record_of(index)
        if session is None or role not in _TEXT_ROLES:
            return None
        start = session.actual_start or session.planned_start
        minutes = session.actual_minutes or session.planned_minutes
        cells = (
            self.tr("ke-{n}").format(n=session.number) if session.number else "—",
            short_instant(start, self.zone),
            self.tr("{n} menit").format(n=minutes),
            f"{session.place} ({session.mode.label.lower()})",
            session.status_label(self.now),
        )
        return cells[index.column()]


class ActionItemsModel(RecordsModel[ActionItem]):
    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Rencana aksi"),
            self.tr("Dukungan dari"),
            self.tr("Kapan"),
            self.tr("Ditinjau"),
            self.tr("Status"),
        )

    def set_items(self, items: Sequence[ActionItem]) -> None:
        self._reset(items)

    def row_of(self, item_id: int) -> int:
        return self.row_where(lambda item: item.id == item_id)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.record_of(index)
        if item is None or role not in _TEXT_ROLES:
            return None
        cells = (
            item.what,
            item.support or "—",
            format_date(item.due_on),
            format_date(item.review_on) if item.review_on else "—",
            item.status.label,
        )
        return cells[index.column()]


class FollowUpsModel(RecordsModel[FollowUp]):
    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Tindak lanjut"),
            self.tr("Jatuh tempo"),
            self.tr("Dilaksanakan"),
            self.tr("Hasil"),
        )

    def set_follow_ups(self, follow_ups: Sequence[FollowUp]) -> None:
        self._reset(follow_ups)

    def row_of(self, follow_up_id: int) -> int:
        return self.row_where(lambda f: f.id == follow_up_id)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        follow_up = self.record_of(index)
        if follow_up is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return follow_up.result or None
        if role not in _TEXT_ROLES:
            return None
        cells = (
            follow_up.kind.label,
            format_date(follow_up.due_on),
            format_date(follow_up.done_on) if follow_up.done_on else self.tr("Belum"),
            follow_up.result or "—",
        )
        return cells[index.column()]
