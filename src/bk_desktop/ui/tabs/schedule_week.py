"""Jadwal's week: days across, the school day down on a 15-minute grid, sessions as blocks.

Made for this, painted in one ``paintEvent`` (QCalendarWidget only picks dates): a ``WeekView``
from ``CalendarService.week`` is laid out once into ``Block``s (``show_week``), and painting
draws them, so a busy week costs its blocks and nothing per quarter hour. Overlapping blocks of
a day sit side by side in lanes.

What a block shows is what may be seen from across the room: the student's initials and class,
the time and the status word — never a name or the problem. Colour always comes with the word
(Terjadwal / Perlu dicatat / Selesai); a commitment is grey with its label. A session of
another counsellor's *sangat rahasia* case (``Sight.EXISTS_ONLY``, its student already blank)
reads "Sesi (sangat rahasia)" and whose it is; only the sessions the signed-in counsellor may
record can be moved or ended here.

The grid owns only looking and pointing. It has a **slot cursor** (arrows move it; a block
under it is the chosen block), takes drops of a permohonan (``MIME_REQUEST``) or of a session
block dragged within it (``MIME_SESSION``), tints the slot a drag would land on by the verdict
of ``checker`` (red: refused, amber: needs a reason), and says by signals what the person
asked for; the tab does the writing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from enum import Enum
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QMimeData,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QApplication, QMenu, QToolTip, QWidget

from bk_desktop.domain.counselling import DEFAULT_MINUTES, SessionRecord, SessionStatus
from bk_desktop.domain.dates import format_date, format_time
from bk_desktop.domain.scheduling import DAY_NAMES, GRID_MINUTES
from bk_desktop.domain.sight import Sight
from bk_desktop.domain.visibility import Viewer, may_record_session
from bk_desktop.services.calendar import WeekView
from bk_desktop.ui.kit import palette
from bk_desktop.ui.tabs.schedule_waiting import MIME_REQUEST, who

MIME_SESSION = "application/x-bk-desktop-session"
"""A session block dragged within the week: its id as ASCII digits."""

QUARTER_HEIGHT = 16
GUTTER = 56
HEADER = 44
LANE_GAP = 2
MIN_COLUMN = 96


class BlockKind(Enum):
    SESSION = "session"
    COMMITMENT = "commitment"


class Verdict(Enum):
    """What a drag's target slot would meet: free, allowed with a reason, refused."""

    FREE = "free"
    SOFT = "soft"
    HARD = "hard"


@dataclass(frozen=True)
class Look:
    background: str
    border: str
    text: str


_LOOKS = {
    "terjadwal": Look(palette.SESSION_PLANNED_BACKGROUND, palette.ACCENT, palette.TEXT),
    "perlu": Look(palette.WARNING_BACKGROUND, palette.WARNING_BORDER, palette.WARNING_TEXT),
    "selesai": Look(palette.OK_BACKGROUND, palette.OK_BORDER, palette.OK_TEXT),
    "kegiatan": Look(palette.COMMITMENT_BACKGROUND, palette.COMMITMENT_BORDER, palette.MUTED_TEXT),
}
_VERDICT_TINT = {
    Verdict.FREE: QColor(29, 111, 138, 50),
    Verdict.SOFT: QColor(232, 163, 61, 110),
    Verdict.HARD: QColor(180, 35, 24, 100),
}
HOLIDAY_SHADE = QColor(palette.HOLIDAY_BACKGROUND)
OFF_DAY_SHADE = QColor(palette.OFF_DAY_BACKGROUND)
BAND_SHADE = QColor(palette.LESSON_BAND)
NOW_LINE = QColor(palette.ERROR_TEXT)


@dataclass(frozen=True)
class Block:
    """One thing on the grid, laid out: which day column, which minutes of the day, which lane."""

    kind: BlockKind
    ref: int
    day: int
    start: int  # minutes after local midnight
    end: int
    title: str
    span: str
    status: str
    look: str
    movable: bool
    accessible: str
    lane: int = 0
    lanes: int = 1
    wide: int = 1  # lanes it takes: its own and the free ones to its right
    shared: int = 1  # counsellors holding this same commitment (everyone's week merges them)

    @property
    def minutes(self) -> int:
        return self.end - self.start


def _minutes_of(instant: datetime, zone: ZoneInfo) -> tuple[date, int]:
    local = instant.astimezone(zone)
    return local.date(), local.hour * 60 + local.minute


HIDDEN_SESSION = "Sesi (sangat rahasia)"
"""A block's title for a session of another counsellor's *sangat rahasia* case."""


def _session_block(
    session: SessionRecord, column: int, zone: ZoneInfo, now: datetime, *, mine: bool = True
) -> Block | None:
    held = session.status is SessionStatus.SELESAI and session.actual_start and session.actual_end
    start = session.actual_start if held and session.actual_start else session.planned_start
    end = session.actual_end if held and session.actual_end else session.planned_end
    _, first = _minutes_of(start, zone)
    end_day, last = _minutes_of(end, zone)
    if end_day != start.astimezone(zone).date():
        last = 24 * 60
    status = session.status_label(now)
    if session.status is SessionStatus.SELESAI:
        look = "selesai"
    elif session.needs_recording(now):
        look = "perlu"
    else:
        look = "terjadwal"
    span = f"{format_time(start, zone)}–{format_time(end, zone)}"
    owner = session.counsellor_name or "guru BK lain"
    if session.sight is Sight.EXISTS_ONLY or not session.student_name:
        title = HIDDEN_SESSION
        accessible = f"{HIDDEN_SESSION} — {owner}, {span}, {status}"
    else:
        title = who(session.student_name, session.rombel)
        accessible = f"Sesi konseling {title}, {span}, {status}"
        if not mine:
            accessible += f", ditangani {owner}"
    return Block(
        kind=BlockKind.SESSION,
        ref=session.id,
        day=column,
        start=first,
        end=max(last, first + GRID_MINUTES),
        title=title,
        span=span,
        status=status,
        look=look,
        movable=mine and session.status is SessionStatus.TERJADWAL,
        accessible=accessible,
    )


def _lanes(blocks: list[Block]) -> list[Block]:
    """Give overlapping blocks of one day lanes side by side; a group of blocks that overlap
    one another shares its lane count, so their widths agree."""
    placed: list[Block] = []
    for day in sorted({b.day for b in blocks}):
        todays = sorted((b for b in blocks if b.day == day), key=lambda b: (b.start, -b.end))
        group: list[Block] = []
        lane_ends: list[int] = []
        group_end = -1
        for block in todays:
            if group and block.start >= group_end:
                placed.extend(replace(b, lanes=len(lane_ends)) for b in group)
                group, lane_ends, group_end = [], [], -1
            lane = next((i for i, end in enumerate(lane_ends) if end <= block.start), None)
            if lane is None:
                lane = len(lane_ends)
                lane_ends.append(block.end)
            else:
                lane_ends[lane] = block.end
            group.append(replace(block, lane=lane))
            group_end = max(group_end, block.end)
        placed.extend(replace(b, lanes=len(lane_ends)) for b in group)
    return [_widened(b, placed) for b in placed]


def _widened(block: Block, placed: list[Block]) -> Block:
    """Let a block take the lanes to its right that nothing overlapping it uses, so a busy
    day's short blocks are not all squeezed to the narrowest width."""
    taken = 1
    for lane in range(block.lane + 1, block.lanes):
        if any(
            other.day == block.day
            and other.lane == lane
            and other.start < block.end
            and block.start < other.end
            for other in placed
        ):
            break
        taken += 1
    return replace(block, wide=taken) if taken > 1 else block


class WeekGrid(QWidget):
    """The painted week (or day). ``show_week`` lays it out; signals say what was asked."""

    slot_chosen = Signal(object)  # Enter on an empty slot: its start (aware UTC)
    request_dropped = Signal(int, object)  # a permohonan dropped: its id, the slot's start
    session_dropped = Signal(int, object)  # a session block dropped: its id, the new start
    session_opened = Signal(int)  # double click / Enter on a session block
    session_resized = Signal(int, int)  # Shift+Up/Down: the session, its new length
    session_cancelled = Signal(int)  # Delete, or the menu's "Batalkan sesi…"
    session_absent = Signal(int, bool)  # "Tidak hadir…" (False) / "…, jadwalkan ulang" (True)
    commitment_deleted = Signal(int)
    commitment_wanted = Signal(object)  # "Tambah kegiatan di sini…": the slot's start
    cursor_moved = Signal(QRect)  # the cursor's slot, for the scroll area to keep in view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleWeek")
        self.setAccessibleName(self.tr("Jadwal"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setMouseTracking(False)
        self.zone = ZoneInfo("Asia/Makassar")
        self.days: tuple[date, ...] = ()
        self.holidays: frozenset[date] = frozenset()
        self.school_days: frozenset[int] = frozenset(range(5))
        self.bands: tuple[tuple[time, time], ...] = ()
        self.blocks: list[Block] = []
        self.first_minute = 7 * 60
        self.last_minute = 15 * 60
        self.now = datetime.now(UTC)
        self.cursor_slot = (0, 0)  # (day column, quarter row)
        self.checker: Callable[[str, int, datetime, int], Verdict] | None = None
        self.painted: list[str] = []
        """Every text the last paint drew (the tests read it: initials only)."""
        self._target: tuple[int, int, int] | None = None  # day, quarter, quarters
        self._verdict = Verdict.FREE
        self._checked: tuple[str, int, datetime] | None = None
        self._press: tuple[QPoint, Block] | None = None
        self._drag_offset = 0
        self._bold_metrics = QFontMetrics(self.font())
        self._line_height = self.fontMetrics().height()
        self._ascent = self.fontMetrics().ascent()

    # -- filling ---------------------------------------------------------------------------

    def show_week(self, view: WeekView, now: datetime, viewer: Viewer | None = None) -> None:
        """Lay out ``view``; the rows cover school hours and anything booked outside them.
        With a ``viewer``, only the sessions they may record can be moved or ended."""
        calendar = view.calendar
        self.zone = calendar.zone
        self.now = now
        self.days = view.days
        self.holidays = calendar.holidays
        self.school_days = frozenset(calendar.week)
        self.bands = view.bands
        column = {day: i for i, day in enumerate(view.days)}
        blocks: list[Block] = []
        for session in view.sessions:
            day = session.planned_start.astimezone(self.zone).date()
            if session.actual_start is not None and session.status is SessionStatus.SELESAI:
                day = session.actual_start.astimezone(self.zone).date()
            if day in column:
                mine = viewer is None or may_record_session(
                    viewer, session.counsellor_id, session.case_owner_id
                )
                block = _session_block(session, column[day], self.zone, now, mine=mine)
                if block is not None:
                    blocks.append(block)
        # In everyone's week one team commitment (the Friday meeting) held by several
        # counsellors is one block, not a row of slivers.
        holders: dict[tuple[str, datetime, datetime], int] = {}
        for commitment, start, end in view.commitments:
            key = (commitment.label, start, end)
            holders[key] = holders.get(key, 0) + 1
        merged: set[tuple[str, datetime, datetime]] = set()
        for commitment, start, end in view.commitments:
            key = (commitment.label, start, end)
            shared = holders[key] if view.counsellor_id is None else 1
            if shared > 1 and key in merged:
                continue
            merged.add(key)
            day, first = _minutes_of(start, self.zone)
            if day not in column:
                continue
            end_day, last = _minutes_of(end, self.zone)
            if end_day != day:
                last = 24 * 60
            span = f"{format_time(start, self.zone)}–{format_time(end, self.zone)}"
            blocks.append(
                Block(
                    kind=BlockKind.COMMITMENT,
                    ref=commitment.id,
                    day=column[day],
                    start=first,
                    end=max(last, first + GRID_MINUTES),
                    title=commitment.label,
                    span=span,
                    status=self.tr("{n} konselor").format(n=shared) if shared > 1 else "",
                    look="kegiatan",
                    movable=False,
                    accessible=f"Kegiatan {commitment.label}, {span}"
                    + (f", {shared} konselor" if shared > 1 else ""),
                    shared=shared,
                )
            )
        self.blocks = _lanes(blocks)
        bold = QFont(self.font())
        bold.setBold(True)
        self._bold_metrics = QFontMetrics(bold)
        self._line_height = max(self.fontMetrics().height(), self._bold_metrics.height())
        self._ascent = self._bold_metrics.ascent()
        opens, closes = calendar.hours
        first = opens.hour * 60 + opens.minute
        last = closes.hour * 60 + closes.minute
        for block in self.blocks:
            first = min(first, block.start)
            last = max(last, block.end)
        self.first_minute = first - first % 60
        self.last_minute = min(24 * 60, last + (-last) % 60)
        at_day, at_row = self.cursor_slot
        self.cursor_slot = (min(at_day, max(0, len(self.days) - 1)), min(at_row, self.quarters - 1))
        self.updateGeometry()
        self.setMinimumHeight(HEADER + self.quarters * QUARTER_HEIGHT + 1)
        self._describe()
        self.update()

    def set_now(self, now: datetime) -> None:
        self.now = now
        self.update()

    @property
    def quarters(self) -> int:
        return max(1, (self.last_minute - self.first_minute) // GRID_MINUTES)

    # -- geometry --------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(GUTTER + max(1, len(self.days)) * 150, HEADER + self.quarters * QUARTER_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(GUTTER + max(1, len(self.days)) * MIN_COLUMN, HEADER + 8 * QUARTER_HEIGHT)

    def _column_width(self) -> float:
        return (self.width() - GUTTER - 1) / max(1, len(self.days))

    def _x_of(self, column: int) -> int:
        return GUTTER + round(column * self._column_width())

    def _y_of(self, minute: int) -> int:
        return HEADER + round((minute - self.first_minute) * QUARTER_HEIGHT / GRID_MINUTES)

    def y_of_instant(self, instant: datetime) -> int:
        return self._y_of(_minutes_of(instant, self.zone)[1])

    def slot_at(self, point: QPoint) -> tuple[int, int] | None:
        """The (day column, quarter row) under ``point``, or None outside the grid."""
        if not self.days or point.x() < GUTTER or point.y() < HEADER:
            return None
        column = int((point.x() - GUTTER) / self._column_width())
        quarter = (point.y() - HEADER) // QUARTER_HEIGHT
        if not 0 <= column < len(self.days) or not 0 <= quarter < self.quarters:
            return None
        return column, quarter

    def slot_start(self, column: int, quarter: int) -> datetime:
        """The instant a slot begins, on the school's clock, in UTC."""
        minute = self.first_minute + quarter * GRID_MINUTES
        local = datetime.combine(self.days[column], time(minute // 60, minute % 60), self.zone)
        return local.astimezone(UTC)

    def slot_rect(self, column: int, quarter: int, quarters: int = 1) -> QRect:
        left, right = self._x_of(column), self._x_of(column + 1)
        top = HEADER + quarter * QUARTER_HEIGHT
        return QRect(left + 1, top + 1, right - left - 1, quarters * QUARTER_HEIGHT - 1)

    def block_rect(self, block: Block) -> QRect:
        left, right = self._x_of(block.day), self._x_of(block.day + 1)
        width = (right - left - 4) / block.lanes
        x = left + 2 + round(block.lane * width)
        top, bottom = self._y_of(block.start), self._y_of(block.end)
        across = round(width * block.wide)
        return QRect(x, top + 1, max(4, across - LANE_GAP), max(6, bottom - top - 2))

    def block_at(self, point: QPoint) -> Block | None:
        for block in reversed(self.blocks):
            if self.block_rect(block).contains(point):
                return block
        return None

    def block_under_cursor(self) -> Block | None:
        """The block the slot cursor is on (a session before a commitment)."""
        column, quarter = self.cursor_slot
        minute = self.first_minute + quarter * GRID_MINUTES
        found = [b for b in self.blocks if b.day == column and b.start <= minute < b.end]
        found.sort(key=lambda b: (b.kind is not BlockKind.SESSION, b.lane))
        return found[0] if found else None

    def quarter_of(self, instant: datetime) -> int:
        return (_minutes_of(instant, self.zone)[1] - self.first_minute) // GRID_MINUTES

    def set_cursor(self, column: int, quarter: int) -> None:
        if not self.days:
            return
        self.cursor_slot = (
            max(0, min(column, len(self.days) - 1)),
            max(0, min(quarter, self.quarters - 1)),
        )
        self._describe()
        self.update()
        self.cursor_moved.emit(self.slot_rect(*self.cursor_slot))

    def put_cursor_at(self, instant: datetime) -> None:
        """Put the cursor on the slot of ``instant`` when its day is shown."""
        local = instant.astimezone(self.zone)
        if local.date() in self.days:
            self.set_cursor(self.days.index(local.date()), self.quarter_of(instant))

    def cursor_start(self) -> datetime | None:
        return self.slot_start(*self.cursor_slot) if self.days else None

    def _describe(self) -> None:
        """The cursor's slot in words, for a screen reader and the tooltip of the grid."""
        if not self.days:
            self.setAccessibleDescription(self.tr("Tidak ada hari yang ditampilkan."))
            return
        column, quarter = self.cursor_slot
        start = self.slot_start(column, quarter)
        day = self.days[column]
        where = f"{DAY_NAMES[day.weekday()]} {format_date(day)}, {format_time(start, self.zone)}"
        block = self.block_under_cursor()
        what = block.accessible if block is not None else self.tr("kosong")
        self.setAccessibleDescription(f"{where}: {what}")

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painted: list[str] = []
        bold = QFont(self.font())
        bold.setBold(True)
        chosen = self.block_under_cursor()
        try:
            self._paint_frame(painter, painted)
            for block in self.blocks:
                self._paint_block(painter, block, painted, bold, chosen)
            self._paint_cursor(painter)
            self._paint_target(painter)
            self._paint_now(painter)
        finally:
            painter.end()
        self.painted = painted

    def _paint_frame(self, painter: QPainter, painted: list[str]) -> None:
        width, height = self.width(), HEADER + self.quarters * QUARTER_HEIGHT
        painter.fillRect(self.rect(), QColor(palette.BASE))
        text_pen = QPen(QColor(palette.TEXT))
        muted_pen = QPen(QColor(palette.MUTED_TEXT))
        # Lesson periods: quiet bands across every day.
        for begin, end in self.bands:
            top = self._y_of(begin.hour * 60 + begin.minute)
            bottom = self._y_of(end.hour * 60 + end.minute)
            painter.fillRect(QRect(GUTTER, top, width - GUTTER, bottom - top), BAND_SHADE)
        bold = QFont(self.font())
        bold.setBold(True)
        today = self.now.astimezone(self.zone).date()
        for column, day in enumerate(self.days):
            left, right = self._x_of(column), self._x_of(column + 1)
            body = QRect(left, HEADER, right - left, height - HEADER)
            holiday = day in self.holidays
            if holiday:
                painter.fillRect(body, HOLIDAY_SHADE)
            elif day.weekday() not in self.school_days:
                painter.fillRect(body, OFF_DAY_SHADE)
            head = QRect(left + 4, 2, right - left - 8, HEADER - 4)
            painter.setFont(bold if day == today else self.font())
            painter.setPen(QPen(QColor(palette.ACCENT)) if day == today else text_pen)
            name = DAY_NAMES[day.weekday()]
            date_text = f"{day.day:02d}/{day.month:02d}"
            if holiday:
                date_text += " · " + self.tr("Libur")
            painter.drawText(head, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, name)
            painter.setFont(self.font())
            painter.setPen(muted_pen)
            painter.drawText(
                head, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, date_text
            )
            painted += [name, date_text]
            if holiday:
                painter.setPen(muted_pen)
                label = self.tr("Libur")
                painter.drawText(
                    body.adjusted(0, 8, 0, 0),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    label,
                )
                painted.append(label)
        # Grid lines: hours darker than quarters; then the day separators.
        light, hour_pen = QColor(palette.MIDLIGHT), QColor(palette.MID)
        for quarter in range(self.quarters + 1):
            y = HEADER + quarter * QUARTER_HEIGHT
            minute = self.first_minute + quarter * GRID_MINUTES
            on_hour = minute % 60 == 0
            painter.setPen(hour_pen if on_hour else light)
            painter.drawLine(GUTTER, y, width, y)
            if on_hour and quarter < self.quarters:
                label = f"{minute // 60:02d}.00"
                painter.setPen(muted_pen)
                painter.drawText(
                    QRect(0, y + 1, GUTTER - 6, QUARTER_HEIGHT * 2),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    label,
                )
                painted.append(label)
        painter.setPen(hour_pen)
        for column in range(len(self.days) + 1):
            x = self._x_of(column)
            painter.drawLine(x, 0 if column else HEADER, x, height)
        painter.drawLine(GUTTER, HEADER, width, HEADER)

    def _paint_block(
        self,
        painter: QPainter,
        block: Block,
        painted: list[str],
        bold: QFont,
        chosen: Block | None,
    ) -> None:
        look = _LOOKS[block.look]
        rect = self.block_rect(block)
        border = QColor(look.border)
        painter.setPen(QPen(border, 1))
        painter.setBrush(QColor(look.background))
        painter.drawRect(rect)
        # A bar on the left says "session" in shape too, whatever the colours.
        if block.kind is BlockKind.SESSION:
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), border)
        if chosen is block:
            painter.setPen(QPen(QColor(palette.ACCENT_DARK), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        width = rect.width() - 9
        line = self._line_height
        lines = [block.title, block.span]
        if block.status:
            lines.append(block.status)
        fits = max(1, (rect.height() - 2) // line)
        if fits < len(lines):
            lines = [" · ".join(lines)] if fits == 1 else [lines[0], " · ".join(lines[1:])]
        x, baseline = rect.left() + 6, rect.top() + 1 + self._ascent
        for index, text in enumerate(lines[:fits]):
            first = index == 0
            painter.setFont(bold if first else self.font())
            painter.setPen(QColor(palette.TEXT) if first else QColor(look.text))
            metrics = self._bold_metrics if first else self.fontMetrics()
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.drawText(x, baseline + index * line, shown)
            painted.append(shown)
        painter.setFont(self.font())

    def _paint_cursor(self, painter: QPainter) -> None:
        if not self.days:
            return
        rect = self.slot_rect(*self.cursor_slot)
        pen = QPen(QColor(palette.ACCENT_DARK), 2 if self.hasFocus() else 1)
        pen.setStyle(Qt.PenStyle.SolidLine if self.hasFocus() else Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(0, 0, -1, -1))

    def _paint_target(self, painter: QPainter) -> None:
        if self._target is None:
            return
        column, quarter, quarters = self._target
        quarters = min(quarters, self.quarters - quarter)
        painter.fillRect(self.slot_rect(column, quarter, quarters), _VERDICT_TINT[self._verdict])

    def _paint_now(self, painter: QPainter) -> None:
        local = self.now.astimezone(self.zone)
        if local.date() not in self.days:
            return
        minute = local.hour * 60 + local.minute
        if not self.first_minute <= minute <= self.last_minute:
            return
        column = self.days.index(local.date())
        y = self._y_of(minute)
        painter.setPen(QPen(NOW_LINE, 2))
        painter.drawLine(self._x_of(column), y, self._x_of(column + 1), y)
        painter.setBrush(NOW_LINE)
        painter.drawEllipse(QPoint(self._x_of(column), y), 4, 4)

    def now_y(self) -> int | None:
        local = self.now.astimezone(self.zone)
        if local.date() not in self.days:
            return None
        return self._y_of(local.hour * 60 + local.minute)

    # -- keyboard --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        column, quarter = self.cursor_slot
        block = self.block_under_cursor()
        if shift and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            if block is not None and block.kind is BlockKind.SESSION and block.movable:
                change = GRID_MINUTES if key == Qt.Key.Key_Down else -GRID_MINUTES
                self.session_resized.emit(block.ref, block.minutes + change)
            return
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        steps = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if control and key in steps:
            # Ctrl+arrows move the planned block under the cursor by a quarter hour or a day:
            # the keyboard's drag. The tab checks and writes the move (the cursor follows).
            if block is not None and block.kind is BlockKind.SESSION and block.movable:
                dx, dy = steps[Qt.Key(key)]
                target_day = block.day + dx
                first = (block.start - self.first_minute) // GRID_MINUTES + dy
                if 0 <= target_day < len(self.days) and 0 <= first < self.quarters:
                    self.session_dropped.emit(block.ref, self.slot_start(target_day, first))
            return
        moves = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if key in moves and not modifiers & ~Qt.KeyboardModifier.KeypadModifier:
            dx, dy = moves[Qt.Key(key)]
            self.set_cursor(column + dx, quarter + dy)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if block is not None and block.kind is BlockKind.SESSION:
                self.session_opened.emit(block.ref)
            elif block is None:
                start = self.cursor_start()
                if start is not None:
                    self.slot_chosen.emit(start)
            return
        if key == Qt.Key.Key_Delete and block is not None:
            if block.kind is BlockKind.COMMITMENT:
                if block.shared == 1:
                    self.commitment_deleted.emit(block.ref)
            elif block.movable:
                self.session_cancelled.emit(block.ref)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # -- the menu (right click, the menu key, Shift+F10) -----------------------------------

    def menu_at_cursor(self) -> QMenu:
        """What can be done at the cursor's slot: to its block, or "Tambah kegiatan"."""
        menu = QMenu(self)
        menu.setObjectName("scheduleMenu")
        block = self.block_under_cursor()

        def add(text: str, name: str, run: Callable[[], None]) -> QAction:
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(run)
            return action

        if block is not None and block.kind is BlockKind.SESSION:
            ref = block.ref
            add(
                self.tr("Buka di Konseling"),
                "scheduleOpenSession",
                lambda: self.session_opened.emit(ref),
            )
            if block.movable:
                menu.addSeparator()
                add(
                    self.tr("Tidak hadir…"),
                    "scheduleAbsent",
                    lambda: self.session_absent.emit(ref, False),
                )
                add(
                    self.tr("Tidak hadir, jadwalkan ulang…"),
                    "scheduleAbsentReschedule",
                    lambda: self.session_absent.emit(ref, True),
                )
                add(
                    self.tr("Batalkan sesi…"),
                    "scheduleCancelSession",
                    lambda: self.session_cancelled.emit(ref),
                )
        elif block is not None:
            # A block merging several counsellors' own commitments offers no delete: each
            # removes their own, in their own week.
            if block.shared == 1:
                ref = block.ref
                add(
                    self.tr("Hapus kegiatan"),
                    "scheduleDeleteCommitment",
                    lambda: self.commitment_deleted.emit(ref),
                )
        else:
            start = self.cursor_start()
            add(
                self.tr("Tambah kegiatan di sini…"),
                "scheduleAddCommitmentHere",
                lambda: self.commitment_wanted.emit(start),
            )
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            slot = self.slot_at(event.pos())
            if slot is None:
                return
            self.set_cursor(*slot)
            where = event.globalPos()
        else:
            rect = self.slot_rect(*self.cursor_slot)
            where = self.mapToGlobal(rect.center())
        menu = self.menu_at_cursor()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)

    # -- pointer ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        point = event.position().toPoint()
        slot = self.slot_at(point)
        if slot is not None:
            self.set_cursor(*slot)
        block = self.block_at(point)
        self._press = None
        if (
            event.button() == Qt.MouseButton.LeftButton
            and block is not None
            and block.kind is BlockKind.SESSION
            and block.movable
        ):
            self._press = (point, block)
            if slot is not None:
                self.set_cursor(block.day, slot[1])
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        origin, block = self._press
        point = event.position().toPoint()
        if (point - origin).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        slot = self.slot_at(origin)
        grabbed = slot[1] if slot is not None else 0
        self._drag_offset = max(0, grabbed - (block.start - self.first_minute) // GRID_MINUTES)
        mime = QMimeData()
        mime.setData(MIME_SESSION, QByteArray(str(block.ref).encode("ascii")))
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.MoveAction)
        self._drag_offset = 0

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        block = self.block_at(event.position().toPoint())
        if block is not None and block.kind is BlockKind.SESSION:
            self.session_opened.emit(block.ref)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            block = self.block_at(event.pos())
            if block is not None:
                QToolTip.showText(event.globalPos(), block.accessible, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # -- drops -----------------------------------------------------------------------------

    @staticmethod
    def _dragged(mime: QMimeData) -> tuple[str, int] | None:
        for kind in (MIME_REQUEST, MIME_SESSION):
            if mime.hasFormat(kind):
                raw = bytes(mime.data(kind).data()).decode("ascii", "replace")
                if raw.isdigit():
                    return kind, int(raw)
        return None

    def _landing(self, kind: str, ref: int, point: QPoint) -> tuple[int, int, int] | None:
        """Where a drop at ``point`` would put the dragged thing: day, first quarter, length."""
        slot = self.slot_at(point)
        if slot is None:
            return None
        quarters = DEFAULT_MINUTES // GRID_MINUTES
        column, quarter = slot
        if kind == MIME_SESSION:
            block = next(
                (b for b in self.blocks if b.kind is BlockKind.SESSION and b.ref == ref), None
            )
            if block is not None:
                quarters = max(1, -(-block.minutes // GRID_MINUTES))
            quarter = max(0, quarter - self._drag_offset)
        return column, quarter, quarters

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dragged(event.mimeData()) is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self._follow_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dragged(event.mimeData()) is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self._follow_drag(event)

    def _follow_drag(self, event: QDragMoveEvent) -> None:
        dragged = self._dragged(event.mimeData())
        assert dragged is not None
        kind, ref = dragged
        landing = self._landing(kind, ref, event.position().toPoint())
        if landing != self._target:
            self._target = landing
            self._verdict = Verdict.FREE
            if landing is not None and self.checker is not None:
                column, quarter, quarters = landing
                start = self.slot_start(column, quarter)
                self._verdict = self.checker(kind, ref, start, quarters * GRID_MINUTES)
            self.update()

    @property
    def target_verdict(self) -> Verdict | None:
        """The verdict tinting the slot under a drag, None when nothing is dragged over."""
        return None if self._target is None else self._verdict

    def dragLeaveEvent(self, event: QEvent) -> None:
        self._target = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        dragged = self._dragged(event.mimeData())
        landing = None if dragged is None else self._landing(*dragged, event.position().toPoint())
        self._target = None
        self.update()
        if dragged is None or landing is None:
            event.ignore()
            return
        event.acceptProposedAction()
        kind, ref = dragged
        column, quarter, _ = landing
        self.set_cursor(column, quarter)
        start = self.slot_start(column, quarter)
        if kind == MIME_REQUEST:
            self.request_dropped.emit(ref, start)
        else:
            self.session_dropped.emit(ref, start)
