"""Sepakati jadwal: when the counselling session will be, and whether the agreement met the
1×24 h deadline (the *agreement* counts, not the session, which may be later)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QWidget,
)

from bk_desktop.domain.dates import format_deadline
from bk_desktop.domain.deadlines import DeadlineKind, countdown_text, deadline_state
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.requests import (
    FUTURE_TOLERANCE,
    RequestRecord,
)
from bk_desktop.ui.assent_dialog import RequestFormDialog, request_heading
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import FieldForm, dialog_layout, named, save_cancel_buttons
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.school_time import (
    instant_of,
    next_quarter_hour,
    school_date_time_edit,
    wall_clock,
)
from bk_desktop.ui.style import icon, set_role


class ScheduleDialog(RequestFormDialog):
    """Sepakati jadwal: the agreed session time, and the moment it was agreed."""

    def __init__(
        self, context: UiContext, record: RequestRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, record, parent, object_name="scheduleDialog", min_width=620)
        self.setWindowTitle(self.tr("Sepakati jadwal"))
        self.zone = context.workspace.settings().zone
        self.outcome: DeadlineKind | None = None
        self._agreed_touched = False
        now = context.workspace.now()

        heading = request_heading(
            self,
            record,
            self.tr("Batas 1×24 jam: {deadline} — {left}").format(
                deadline=format_deadline(record.deadline_at, self.zone),
                left=countdown_text(deadline_state(record.deadline_at, now)).lower(),
            ),
        )

        self.session_at = named(
            school_date_time_edit(self), "agreeScheduleAt", self.tr("Waktu konseling")
        )
        self.session_at.setDateTime(wall_clock(next_quarter_hour(now, self.zone), self.zone))
        self.agreed_at = named(
            school_date_time_edit(self), "agreeScheduleAgreedAt", self.tr("Disepakati pada")
        )
        self.agreed_at.setDateTime(wall_clock(now, self.zone))
        self.agreed_at.setMaximumDateTime(wall_clock(now + FUTURE_TOLERANCE, self.zone))

        self.verdict_icon = QLabel(self)
        self.verdict_icon.setFixedSize(20, 20)
        self.verdict = wrapping_label(self)
        self.verdict.setObjectName("agreeScheduleVerdict")
        verdict_row = QHBoxLayout()
        verdict_row.setSpacing(8)
        verdict_row.addWidget(self.verdict_icon, 0, Qt.AlignmentFlag.AlignTop)
        verdict_row.addWidget(self.verdict, 1)

        self.form = FieldForm()
        self.form.add(
            self.tr("Waktu konseling"),
            self.session_at,
            keys=("session_at",),
            hint=self.tr("Sesi boleh setelah batas; yang dihitung adalah saat jadwal disepakati."),
            parent=self,
        )
        self.form.add(self.tr("Disepakati pada"), self.agreed_at, keys=("agreed_at",), parent=self)

        buttons = save_cancel_buttons(self, "agreeScheduleSaveButton", self.tr("Simpan jadwal"))
        buttons.accepted.connect(self.save)
        dialog_layout(self, heading, self.form, verdict_row, buttons)

        self.agreed_at.dateTimeChanged.connect(self._on_agreed_changed)
        self._show_verdict()

    @Slot()
    def _on_agreed_changed(self) -> None:
        self._agreed_touched = True
        self._show_verdict()

    def _agreed_moment(self) -> datetime:
        if self._agreed_touched:
            return instant_of(self.agreed_at, self.zone)
        return self.context.workspace.now()

    def _show_verdict(self) -> None:
        state = deadline_state(
            self.record.deadline_at, self.context.workspace.now(), self._agreed_moment()
        )
        if state.kind is DeadlineKind.MET:
            text = self.tr("Tepat waktu: jadwal disepakati dalam batas 1×24 jam.")
            name = "ok"
        else:
            text = self.tr("Terlambat: jadwal disepakati setelah batas 1×24 jam ({late}).").format(
                late=countdown_text(state).removeprefix("Terjadwal ").lower()
            )
            name = "error"
        self.verdict.setText(text)
        set_role(self.verdict, "ok" if name == "ok" else "error")
        self.verdict_icon.setPixmap(icon(name).pixmap(20, 20))

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        try:
            state = self.requests.agree_schedule(
                self.record.id,
                instant_of(self.session_at, self.zone),
                agreed_at=instant_of(self.agreed_at, self.zone) if self._agreed_touched else None,
            )
        except KnownError as error:
            self.refuse(error)
            return
        self.outcome = state.kind
        self.accept()


__all__ = ["ScheduleDialog"]
