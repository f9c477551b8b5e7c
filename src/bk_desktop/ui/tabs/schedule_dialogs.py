"""The small forms of Jadwal: a reason for a slot, ending a session, and a commitment.

Each writes through the service in its own ``save`` and shows a refusal under the input it is
about, as every form of the program does; the tab opens them without blocking
(``kit/modal.DialogSlot``).

- ``SlotReasonDialog``: a move or a new length the service asks a reason for — outside school
  hours, on a holiday or a day without school (``override_reason``), or a length outside
  30–45 minutes (``length_reason``). It opens with the row the first refusal named and shows
  the other row if the next try needs it too.
- ``EndSessionDialog``: *batal* or *tidak hadir* with a reason; "Tidak hadir, jadwalkan ulang…"
  also takes the new time and plans it in the same step (``CalendarService.reschedule_missed``).
- ``CommitmentDialog``: "Tambah kegiatan…" — masuk kelas, rapat, piket or another, once or
  weekly until a date, so the free slots the week shows are real.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from bk_desktop.domain.counselling import SessionRecord
from bk_desktop.domain.dates import format_instant
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.scheduling import CommitmentForm, CommitmentKind, initials
from bk_desktop.services.calendar import CalendarService, SlotRefused
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.discard import DiscardGuard
from bk_desktop.ui.kit.forms import FieldForm, chosen, dialog_layout, named, save_cancel_buttons
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.kit.wheel import wheel_only_when_focused
from bk_desktop.ui.school_time import (
    instant_of,
    py_date,
    qdate,
    school_date_edit,
    school_date_time_edit,
    wall_clock,
)
from bk_desktop.ui.style import fit_height, set_role

OVERRIDE, LENGTH = "override_reason", "length_reason"


def _tr(text: str) -> str:
    """A title asked before the dialog exists as a Qt object (``self.tr`` needs it)."""
    return QCoreApplication.translate("ScheduleDialogs", text)


SlotAttempt = Callable[[str, str], None]
"""Try the write again with (override reason, length reason); raises what the service raises."""


class _FormDialog(QDialog):
    form: FieldForm

    def __init__(self, context: UiContext, parent: QWidget | None, name: str, title: str) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(520)
        DiscardGuard(self, lambda: self.form.state, lambda: context.prompter)

    def refuse(self, error: KnownError, key: str = "") -> None:
        if not self.form.place(error, key):
            self.context.prompter.error(self, self.windowTitle(), error.message)


class SlotReasonDialog(_FormDialog):
    """Why this slot (or length) all the same: asked when the service wants a reason."""

    def __init__(
        self,
        context: UiContext,
        parent: QWidget | None,
        *,
        title: str,
        what: str,
        first: ValidationError,
        attempt: SlotAttempt,
    ) -> None:
        super().__init__(context, parent, "scheduleReasonDialog", title)
        self.attempt = attempt
        heading = wrapping_label(self, what)
        set_role(heading, "heading")
        self.note = wrapping_label(self, first.message)
        self.note.setObjectName("scheduleReasonNote")
        self.override = named(
            QLineEdit(self), "scheduleOverrideReason", self.tr("Alasan di luar waktu sekolah")
        )
        self.override.setPlaceholderText(self.tr("mis. siswa hanya bisa setelah pulang sekolah"))
        self.length = named(QLineEdit(self), "scheduleLengthReason", self.tr("Alasan lama sesi"))
        self.length.setPlaceholderText(self.tr("mis. orang tua ikut di akhir sesi"))
        self.form = FieldForm()
        self.form.add(
            self.tr("Alasan di luar waktu sekolah"), self.override, keys=(OVERRIDE,), parent=self
        )
        self.form.add(self.tr("Alasan lama sesi"), self.length, keys=(LENGTH,), parent=self)
        self._shown = {OVERRIDE: False, LENGTH: False}
        self._show(first.field or OVERRIDE)
        buttons = save_cancel_buttons(self, "scheduleReasonSaveButton", self.tr("Simpan"))
        buttons.accepted.connect(self.save)
        dialog_layout(self, heading, self.note, self.form, buttons)
        (self.length if first.field == LENGTH else self.override).setFocus()

    def _show(self, key: str) -> None:
        self._shown[key] = True
        self.form.set_field_visible(self.override, self._shown[OVERRIDE])
        self.form.set_field_visible(self.length, self._shown[LENGTH])
        fit_height(self)

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        try:
            self.attempt(
                self.override.text() if self._shown[OVERRIDE] else "",
                self.length.text() if self._shown[LENGTH] else "",
            )
        except ValidationError as error:
            if error.field in (OVERRIDE, LENGTH):
                self._show(error.field)
            self.refuse(error)
            return
        except KnownError as error:
            self.context.prompter.error(self, self.windowTitle(), error.message)
            return
        self.accept()


class EndSessionDialog(_FormDialog):
    """Batalkan sesi / Tidak hadir / Tidak hadir, jadwalkan ulang: a reason, and for the last
    the new time (a week later by default), planned in the same step."""

    def __init__(
        self,
        context: UiContext,
        parent: QWidget | None,
        session: SessionRecord,
        *,
        absent: bool,
        reschedule: bool = False,
    ) -> None:
        if reschedule:
            title = _tr("Tidak hadir, jadwalkan ulang")
        elif absent:
            title = _tr("Tidak hadir")
        else:
            title = _tr("Batalkan sesi")
        super().__init__(context, parent, "scheduleEndSessionDialog", title)
        self.session = session
        self.absent, self.rescheduling = absent or reschedule, reschedule
        self.new_session_id: int | None = None
        self.zone = context.workspace.settings().zone
        heading = wrapping_label(
            self,
            self.tr("Sesi {who} ({rombel}), {when}").format(
                who=initials(session.student_name),
                rombel=session.rombel or "—",
                when=format_instant(session.planned_start, self.zone),
            ),
        )
        heading.setObjectName("scheduleEndSessionHeading")
        set_role(heading, "heading")
        self.reason = named(QLineEdit(self), "scheduleEndReason", self.tr("Alasan"))
        self.reason.setPlaceholderText(
            self.tr("mis. siswa sakit") if self.absent else self.tr("mis. ada ujian susulan")
        )
        self.form = FieldForm()
        self.form.add(self.tr("Alasan (wajib)"), self.reason, keys=("reason",), parent=self)
        self.start = named(school_date_time_edit(self), "scheduleNewStart", self.tr("Waktu baru"))
        self.start.setDateTime(wall_clock(session.planned_start + timedelta(days=7), self.zone))
        self.override = named(
            QLineEdit(self), "scheduleEndOverrideReason", self.tr("Alasan di luar waktu sekolah")
        )
        self._override_shown = False
        if reschedule:
            self.form.add(self.tr("Waktu baru"), self.start, keys=("start",), parent=self)
            self.form.add(
                self.tr("Alasan di luar waktu sekolah"),
                self.override,
                keys=(OVERRIDE,),
                parent=self,
            )
            self.form.set_field_visible(self.override, False)
        else:
            self.start.hide()
            self.override.hide()
        note = wrapping_label(
            self,
            self.tr(
                "Bila ini sesi pertama permohonannya, permohonan kembali menunggu jadwal baru. "
                "Penilaian batas 1×24 jam tidak berubah."
            ),
        )
        set_role(note, "muted")
        save_text = self.tr("Simpan") if self.absent else self.tr("Batalkan sesi")
        buttons = save_cancel_buttons(self, "scheduleEndSaveButton", save_text)
        buttons.accepted.connect(self.save)
        dialog_layout(self, heading, self.form, note, buttons)

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        workspace = self.context.workspace
        try:
            if self.rescheduling:
                self.new_session_id = CalendarService(workspace).reschedule_missed(
                    self.session.id,
                    self.reason.text(),
                    instant_of(self.start, self.zone),
                    override_reason=self.override.text() if self._override_shown else "",
                )
            elif self.absent:
                CounsellingService(workspace).mark_absent(self.session.id, self.reason.text())
            else:
                CounsellingService(workspace).cancel_session(self.session.id, self.reason.text())
        except SlotRefused as error:
            self.refuse(error, "start")
            return
        except ValidationError as error:
            if error.field == OVERRIDE and self.rescheduling:
                self._override_shown = True
                self.form.set_field_visible(self.override, True)
                fit_height(self)
            self.refuse(error, error.field if error.field in (OVERRIDE, "start") else "reason")
            return
        except KnownError as error:
            self.refuse(error)
            return
        self.accept()


class CommitmentDialog(_FormDialog):
    """Tambah kegiatan: what, when, how long, once or every week until a date."""

    def __init__(self, context: UiContext, parent: QWidget | None, start: datetime) -> None:
        super().__init__(context, parent, "commitmentDialog", _tr("Tambah kegiatan"))
        self.zone = context.workspace.settings().zone
        self.commitment_id: int | None = None
        self.kind = named(QComboBox(self), "commitmentKind", self.tr("Jenis kegiatan"))
        for kind in CommitmentKind:
            self.kind.addItem(self.tr(kind.label), kind)
        self.title = named(QLineEdit(self), "commitmentTitle", self.tr("Keterangan"))
        self.title.setPlaceholderText(self.tr("mis. XI IPS 2, rapat dinas"))
        self.start = named(school_date_time_edit(self), "commitmentStart", self.tr("Mulai"))
        self.start.setDateTime(wall_clock(start, self.zone))
        self.minutes = named(QSpinBox(self), "commitmentMinutes", self.tr("Lama (menit)"))
        self.minutes.setRange(5, 12 * 60)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(45)
        self.minutes.setSuffix(self.tr(" menit"))
        self.weekly = named(
            QCheckBox(self.tr("Setiap minggu"), self), "commitmentWeekly", self.tr("Setiap minggu")
        )
        self.until = named(school_date_edit(self), "commitmentUntil", self.tr("Sampai tanggal"))
        local = start.astimezone(self.zone).date()
        self.until.setDate(qdate(local + timedelta(weeks=12)))
        wheel_only_when_focused((self.kind, self.minutes, self.start, self.until), self)

        self.form = FieldForm()
        self.form.add(self.tr("Jenis"), self.kind, parent=self)
        self.form.add(self.tr("Keterangan"), self.title, keys=("title",), parent=self)
        self.form.add(self.tr("Mulai"), self.start, keys=("start",), parent=self)
        self.form.add(self.tr("Lama"), self.minutes, keys=("minutes",), parent=self)
        self.form.add(self.tr("Ulangi"), self.weekly, parent=self)
        self.form.add(
            self.tr("Sampai tanggal"),
            self.until,
            keys=("until",),
            hint=self.tr("Kegiatan mingguan berulang pada hari dan jam yang sama."),
            parent=self,
        )
        self.weekly.toggled.connect(self._show_until)
        buttons = save_cancel_buttons(self, "commitmentSaveButton", self.tr("Simpan kegiatan"))
        buttons.accepted.connect(self.save)
        dialog_layout(self, self.form, buttons)
        self._show_until(False)

    @Slot(bool)
    def _show_until(self, weekly: bool) -> None:
        self.form.set_field_visible(self.until, weekly)
        fit_height(self)

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        weekly = self.weekly.isChecked()
        form = CommitmentForm(
            kind=chosen(self.kind, CommitmentKind) or CommitmentKind.LAINNYA,
            start=instant_of(self.start, self.zone),
            minutes=self.minutes.value(),
            title=self.title.text(),
            weekly=weekly,
            until=py_date(self.until.date()) if weekly else None,
        )
        try:
            self.commitment_id = CalendarService(self.context.workspace).add_commitment(form)
        except KnownError as error:
            self.refuse(error)
            return
        self.accept()


__all__ = ["CommitmentDialog", "EndSessionDialog", "SlotReasonDialog"]
