"""Sepakati jadwal and Batalkan jadwal: when the counselling session will be, and cancelling it.

The 1×24 h verdict is decided by when the time was *agreed* (not by the session, which may be
later), and it is said only once saved: a verdict shown live while "Disepakati pada" moves
invites moving it until it reads "tepat waktu". An agreement dated back more than a quarter of
an hour needs a reason, asked for as soon as the date says so. Cancelling a slot needs a reason
too; the request waits for a *new* time and the first verdict stays on record.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from bk_desktop.domain.dates import format_deadline, format_instant
from bk_desktop.domain.deadlines import DeadlineKind, countdown_text, deadline_state
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.reasons import reason_problem
from bk_desktop.domain.requests import AGREEMENT_BACKDATE_TOLERANCE, RequestStatus
from bk_desktop.services.calendar import CalendarService, SlotNeedsReason
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
from bk_desktop.ui.session_plan_fields import SessionPlanFields
from bk_desktop.ui.style import fit_height, set_role


class ScheduleDialog(RequestFormDialog):
    """Sepakati jadwal: the agreed time, the moment it was agreed ("disepakati kapan?"), and
    the first session's length, place and way (it is planned with the agreement).

    Jadwal opens it at the slot a permohonan was dropped on (``start``, ``minutes``). While
    the time, length or place change, a line under the time says what the slot clashes with
    (``CalendarService.check``): a clash with the counsellor's, the student's or the room's
    time is refused when saved, and a time outside the school's hours or days shows the
    reason field it needs."""

    def __init__(
        self,
        context: UiContext,
        record: RequestRecord,
        parent: QWidget | None = None,
        *,
        start: datetime | None = None,
        minutes: int | None = None,
    ) -> None:
        super().__init__(context, record, parent, object_name="scheduleDialog", min_width=620)
        self.setWindowTitle(self.tr("Sepakati jadwal"))
        self.zone = context.workspace.settings().zone
        self.outcome: DeadlineKind | None = None
        # Whether the slot is outside school time and asks its reason (``_check_slot``).
        self._needs_override = False
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
        self.session_at.setDateTime(
            wall_clock(start or next_quarter_hour(now, self.zone), self.zone)
        )
        self.agreed_at = named(
            school_date_time_edit(self), "agreeScheduleAgreedAt", self.tr("Disepakati pada")
        )
        self.agreed_at.setDateTime(wall_clock(now, self.zone))
        self.agreed_at.setMaximumDateTime(wall_clock(now + FUTURE_TOLERANCE, self.zone))

        self.reason = named(
            QLineEdit(self), "agreeScheduleReason", self.tr("Alasan waktu kesepakatan lebih awal")
        )
        self.reason.setPlaceholderText(self.tr("mis. disepakati lewat telepon sebelum istirahat"))

        self.form = FieldForm()
        self.form.add(
            self.tr("Waktu konseling"),
            self.session_at,
            keys=("session_at",),
            hint=self.tr("Sesi boleh setelah batas; yang dihitung adalah saat jadwal disepakati."),
            parent=self,
        )
        self.form.add(
            self.tr("Disepakati pada"),
            self.agreed_at,
            keys=("agreed_at",),
            hint=self.tr("Batas 1×24 jam terpenuhi atau tidak disebutkan setelah disimpan."),
            parent=self,
        )
        self.form.add(
            self.tr("Alasan (wajib)"),
            self.reason,
            keys=("agreement_reason",),
            hint=self.tr("Waktu kesepakatan lebih awal dari sekarang tercatat di riwayat."),
            parent=self,
        )
        # The first counselling session of the permohonan: how long, where, how.
        self.plan_fields = SessionPlanFields(self.form, self, prefix="agreeSchedule")
        self.plan_fields.reason_shown.connect(lambda _shown: fit_height(self))
        if minutes is not None:
            self.plan_fields.minutes.setValue(minutes)
        self.override_reason = named(
            QLineEdit(self),
            "agreeScheduleOverrideReason",
            self.tr("Alasan di luar waktu sekolah"),
        )
        self.override_reason.setPlaceholderText(
            self.tr("mis. orang tua hanya bisa datang sepulang kerja")
        )
        self.form.add(
            self.tr("Alasan di luar waktu sekolah (wajib)"),
            self.override_reason,
            keys=("override_reason",),
            parent=self,
        )
        self.clash_line = wrapping_label(self)
        self.clash_line.setObjectName("agreeScheduleClashes")
        set_role(self.clash_line, "warning")
        self.calendar = CalendarService(context.workspace)

        buttons = save_cancel_buttons(self, "agreeScheduleSaveButton", self.tr("Simpan jadwal"))
        buttons.accepted.connect(self.save)
        dialog_layout(self, heading, self.clash_line, self.form, buttons)

        self.agreed_at.dateTimeChanged.connect(self._on_agreed_changed)
        self.session_at.dateTimeChanged.connect(self._check_slot)
        self.plan_fields.minutes.valueChanged.connect(self._check_slot)
        self.plan_fields.place.textChanged.connect(self._check_slot)
        self.plan_fields.mode.currentIndexChanged.connect(self._check_slot)
        self._show_reason()
        self._check_slot()

    @Slot()
    def _check_slot(self) -> None:
        """Say what the chosen slot clashes with, and show the reason field a time outside
        the school's hours or days needs."""
        plan = self.plan_fields.plan(instant_of(self.session_at, self.zone))
        try:
            found = self.calendar.check(
                plan.start,
                plan.minutes,
                request_id=self.record.id,
                place=plan.place,
                mode=plan.mode,
            )
        except KnownError as error:
            found = []
            self.clash_line.setText(error.message)
        else:
            self.clash_line.setText(" ".join(c.message for c in found))
        self.clash_line.setVisible(bool(found))
        self._needs_override = any(not c.hard for c in found)
        self._show_reason()

    @Slot()
    def _on_agreed_changed(self) -> None:
        self._agreed_touched = True
        self._show_reason()

    @property
    def backdated(self) -> bool:
        """Whether "Disepakati pada" lies far enough back that the record must say why."""
        if not self._agreed_touched:
            return False
        moment = instant_of(self.agreed_at, self.zone)
        return self.context.workspace.now() - moment > AGREEMENT_BACKDATE_TOLERANCE

    def _show_reason(self) -> None:
        self.form.set_field_visible(self.reason, self.backdated)
        self.form.set_field_visible(self.override_reason, self._needs_override)
        fit_height(self)

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        try:
            state = self.requests.agree_schedule(
                self.record.id,
                instant_of(self.session_at, self.zone),
                agreed_at=instant_of(self.agreed_at, self.zone) if self._agreed_touched else None,
                backdate_reason=self.reason.text() if self.backdated else "",
                plan=self.plan_fields.plan(instant_of(self.session_at, self.zone)),
                override_reason=self.override_reason.text() if self._needs_override else "",
            )
        except SlotNeedsReason as error:
            # The rules moved under the form (a setting, another session): ask it now.
            self._needs_override = True
            self._show_reason()
            self.refuse(error)
            return
        except KnownError as error:
            self.refuse(error)
            return
        self.outcome = state.kind
        self.accept()


class CancelScheduleDialog(RequestFormDialog):
    """Batalkan jadwal: the agreed slot is dropped with a reason; ``status`` is the request's
    status afterwards (menunggu jadwal, for a *new* time)."""

    def __init__(
        self, context: UiContext, record: RequestRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, record, parent, object_name="cancelScheduleDialog", min_width=600)
        self.setWindowTitle(self.tr("Batalkan jadwal"))
        self.status: RequestStatus | None = None
        zone = context.workspace.settings().zone
        session = (
            format_instant(record.session_at, zone) if record.session_at else self.tr("(tidak ada)")
        )
        heading = request_heading(
            self, record, self.tr("Jadwal yang disepakati: {when}").format(when=session)
        )
        self.reason = named(QPlainTextEdit(self), "cancelScheduleReason", self.tr("Alasan"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 3 + 12)
        self.reason.setPlaceholderText(self.tr("mis. siswa sakit; orang tua meminta waktu lain"))
        note = wrapping_label(
            self,
            self.tr(
                "Permohonan kembali menunggu jadwal baru. Penilaian batas 1×24 jam dari "
                "kesepakatan pertama tetap tercatat; waktu baru tidak mengubahnya."
            ),
        )
        self.form = FieldForm()
        self.form.add(self.tr("Alasan (wajib)"), self.reason, keys=("reason",), parent=self)
        buttons = save_cancel_buttons(self, "cancelScheduleSaveButton", self.tr("Batalkan jadwal"))
        buttons.accepted.connect(self.save)
        dialog_layout(self, heading, note, self.form, buttons)

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        reason = self.reason.toPlainText().strip()
        problem = reason_problem(reason, "membatalkan jadwal")
        if problem is not None:
            self.form.show_error("reason", problem)
            self.reason.setFocus()
            return
        try:
            self.status = self.requests.cancel_schedule(self.record.id, reason)
        except KnownError as error:
            self.refuse(error, "reason" if isinstance(error, ValidationError) else "")
            return
        self.accept()


__all__ = ["CancelScheduleDialog", "ScheduleDialog"]
