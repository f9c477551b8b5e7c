"""Catat entri: one complaint, suggestion, input or appreciation as it reached the room.

The form follows the standard's words: what kind, through which channel (the three of the
standard and the school's own, from Pengaturan), from whom (anonymous, or a person with name
and contact), about what, the text, and when it was received. An entry taken from the physical
box starts its clock when the box was opened, not when it is typed in, so the box channel asks
for the opening (a recent one, or a new one recorded here with its own back-dating reason)
instead of a time; a slip pre-printed with a code keeps that code. The picker starts at "Catat
pembukaan kotak…" unless the box was last opened today: slips typed in a hurry must not take
the date of an opening weeks old and be judged late. A new opening is written together with
the entry (``register(..., new_opening=...)``), so a refused form leaves none.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.complaints import (
    Channel,
    ComplaintForm,
    ComplaintRecord,
    ComplaintType,
    SenderKind,
    Subject,
)
from bk_desktop.domain.dates import format_instant
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.requests import is_backdated
from bk_desktop.services.complaints import ChannelChoice, ComplaintService, NewOpening
from bk_desktop.services.students import StudentService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.discard import DiscardGuard
from bk_desktop.ui.kit.drafts import FormState
from bk_desktop.ui.kit.forms import (
    FieldForm,
    chosen,
    named,
    save_cancel_buttons,
    scrolling_body,
    text_box,
)
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.school_time import instant_of, school_date_time_edit, wall_clock
from bk_desktop.ui.student_picker import StudentPicker
from bk_desktop.ui.style import set_role

NEW_OPENING = -1
"""The opening combo's first item: record a new opening of the box."""
FUTURE_MINUTES = 5


def channel_key(choice: ChannelChoice) -> str:
    """A channel choice as plain text, so a draft names it (the school's own by its name)."""
    return f"{choice.channel.value}:{choice.other}"


class RegisterDialog(QDialog):
    """Records one entry; ``record`` holds it once the dialog was accepted."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        workspace = context.workspace
        self.service = ComplaintService(workspace)
        self.zone = workspace.settings().zone
        self.record: ComplaintRecord | None = None
        self._received_touched = False
        self._opened_touched = False
        self._choices = {channel_key(c): c for c in self.service.channels()}
        self.setObjectName("complaintDialog")
        self.setWindowTitle(self.tr("Catat entri kotak saran"))
        self.setModal(True)
        self.setMinimumWidth(720)
        now = workspace.now()

        intro = wrapping_label(
            self,
            self.tr(
                "Catat pengaduan, saran, masukan atau apresiasi yang masuk. Pengaduan, saran dan "
                "masukan ditindaklanjuti paling lambat 3×24 jam sejak diterima."
            ),
        )
        set_role(intro, "muted")

        self.kind = named(QComboBox(self), "complaintKind", self.tr("Jenis"))
        for kind in ComplaintType:
            self.kind.addItem(kind.label, kind.value)
        self.channel = named(QComboBox(self), "complaintChannel", self.tr("Saluran"))
        for key, choice in self._choices.items():
            self.channel.addItem(choice.label, key)
        if workspace.account.role is Role.KEPALA_SEKOLAH:
            # What reaches the kepala sekolah came through them.
            self.channel.setCurrentIndex(
                max(0, self.channel.findData(f"{Channel.KEPALA_SEKOLAH.value}:"))
            )
        self.channel.currentIndexChanged.connect(self._on_channel)

        self.box_row = box_row = self._box_inputs(now)
        self._sender_inputs()
        about_row = self._about_inputs()
        self.text = text_box(self, "complaintText", self.tr("Isi"), 5)
        self.text.setPlaceholderText(
            self.tr("Tuliskan apa adanya, seperti yang disampaikan atau tertulis di lembar.")
        )
        self.received_row = received_row = self._received_row(now)
        self.backdate_reason = named(
            QLineEdit(self), "complaintBackdateReason", self.tr("Alasan pencatatan mundur")
        )
        self.backdate_reason.setPlaceholderText(
            self.tr("mis. disampaikan lisan kemarin sore, baru dicatat pagi ini")
        )

        self.form = FieldForm()
        self.form.add(self.tr("Jenis"), self.kind, keys=("kind",), parent=self)
        self.form.add(
            self.tr("Saluran"), self.channel, keys=("channel", "channel_other"), parent=self
        )
        self.form.add(
            self.tr("Pembukaan kotak"),
            box_row,
            keys=("box_opening_id", "opened_at"),
            parent=self,
            name="complaintOpening",
            buddy=self.opening,
        )
        self.form.add(
            self.tr("Alasan pencatatan mundur pembukaan"),
            self.opening_reason,
            keys=("opening_reason",),
            parent=self,
        )
        self.form.add(
            self.tr("Kode dari lembar"),
            self.slip_code,
            keys=("code",),
            hint=self.tr("Isi bila lembar sudah bercetak kode; kosongkan untuk kode baru."),
            parent=self,
        )
        self.form.add(self.tr("Dari"), self.sender_kind, keys=("sender_kind",), parent=self)
        self.form.add(self.tr("Nama"), self.sender_name, keys=("sender_name",), parent=self)
        self.form.add(self.tr("Kontak"), self.sender_contact, keys=("sender_contact",), parent=self)
        if self.picker is not None:
            self.form.add(
                self.tr("Siswa (boleh)"),
                self.picker,
                keys=("student_id",),
                parent=self,
                name="complaintStudent",
                buddy=self.picker.search,
            )
        self.form.add(
            self.tr("Tentang"),
            about_row,
            keys=("subject", "about_account_id"),
            parent=self,
            name="complaintSubject",
            buddy=self.subject,
        )
        self.form.add(self.tr("Keterangan"), self.about_detail, keys=("about_detail",), parent=self)
        self.form.add(self.tr("Isi"), self.text, keys=("text",), parent=self)
        self.form.add(
            self.tr("Diterima pada"),
            received_row,
            keys=("received_at",),
            parent=self,
            name="complaintReceivedAt",
            buddy=self.received_at,
        )
        self.form.add(
            self.tr("Alasan pencatatan mundur"),
            self.backdate_reason,
            keys=("backdate_reason",),
            hint=self.tr("Wajib bila waktu diterima lebih dari 15 menit sebelum sekarang."),
            parent=self,
        )

        buttons = save_cancel_buttons(self, "complaintSaveButton", self.tr("Simpan entri"))
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        self.form_scroll, self._body_layout = scrolling_body(
            self, "complaintFormScroll", intro, self.form
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 12, 16)
        layout.setSpacing(12)
        layout.addWidget(self.form_scroll, 1)
        layout.addWidget(buttons)
        self.resize(760, 600)

        self._on_channel()
        self._on_sender()
        self._on_subject()
        self._on_opening()
        self._on_received_changed()
        self.form_state = FormState.of(self)
        """Unsaved input as a draft; the student picked, by id (``complaintStudentId``)."""
        if self.picker is not None:
            picker = self.picker
            self.form_state.hold("complaintStudentId", lambda: picker.student_id, picker.restore)
        DiscardGuard(self, lambda: self.form_state, lambda: context.prompter)
        self.kind.setFocus()

    # -- building ------------------------------------------------------------------------------

    def _box_inputs(self, now: datetime) -> QWidget:
        """Which opening of the box the slip came out of, or a new opening's date and time."""
        self.opening = named(QComboBox(self), "complaintOpeningCombo", self.tr("Pembukaan kotak"))
        self._fill_openings()
        self.opening.currentIndexChanged.connect(self._on_opening)
        self.opened_at = named(
            school_date_time_edit(self), "complaintOpenedAt", self.tr("Kotak dibuka pada")
        )
        self.opened_at.setDateTime(wall_clock(now, self.zone))
        self.opened_at.dateTimeChanged.connect(self._on_opened_changed)
        self.opening_reason = named(
            QLineEdit(self), "complaintOpeningReason", self.tr("Alasan pencatatan mundur pembukaan")
        )
        self.opening_reason.setPlaceholderText(
            self.tr("mis. kotak dibuka Jumat sore, dicatat Senin")
        )
        self.slip_code = named(QLineEdit(self), "complaintSlipCode", self.tr("Kode dari lembar"))
        self.slip_code.setPlaceholderText(self.tr("mis. KS-2026-0042-7QX"))
        self.slip_code.editingFinished.connect(self._check_slip)
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.opening, 1)
        layout.addWidget(self.opened_at)
        return row

    def _fill_openings(self) -> None:
        """A new opening first, then the recent ones; the latest is chosen only when it was
        today in the school's zone."""
        self.opening.clear()
        self.opening.addItem(self.tr("Catat pembukaan kotak…"), NEW_OPENING)
        openings = self.service.box_openings()
        for opening in openings:
            label = self.tr("{at} ({count} lembar)").format(
                at=format_instant(opening.opened_at, self.zone), count=opening.slips
            )
            self.opening.addItem(label, opening.id)
        today = self.context.workspace.now().astimezone(self.zone).date()
        if openings and openings[0].opened_at.astimezone(self.zone).date() == today:
            self.opening.setCurrentIndex(1)
        else:
            self.opening.setCurrentIndex(0)

    def _sender_inputs(self) -> None:
        self.sender_kind = named(QComboBox(self), "complaintSenderKind", self.tr("Dari"))
        for kind in SenderKind:
            self.sender_kind.addItem(kind.label, kind.value)
        self.sender_kind.currentIndexChanged.connect(self._on_sender)
        self.sender_name = named(QLineEdit(self), "complaintSenderName", self.tr("Nama pengirim"))
        self.sender_contact = named(
            QLineEdit(self), "complaintSenderContact", self.tr("Kontak pengirim")
        )
        self.sender_contact.setPlaceholderText(self.tr("Nomor telepon atau alamat surel (boleh)"))
        # Students are the counsellors' records: the kepala sekolah types a name only.
        self.picker: StudentPicker | None = None
        if self.context.workspace.account.role.is_counsellor:
            self.picker = StudentPicker(
                StudentService(self.context.workspace), "complaintStudent", self
            )
            self.picker.picked.connect(self._on_picked)

    def _about_inputs(self) -> QWidget:
        self.subject = named(QComboBox(self), "complaintSubjectCombo", self.tr("Tentang"))
        for subject in Subject:
            self.subject.addItem(subject.label, subject.value)
        self.subject.currentIndexChanged.connect(self._on_subject)
        self.counsellor = named(QComboBox(self), "complaintCounsellor", self.tr("Guru BK"))
        self.counsellor.addItem(self.tr("— tidak disebut —"), "")
        for account in self.service.counsellors():
            self.counsellor.addItem(account.name, account.id)
        self.about_detail = named(
            QLineEdit(self), "complaintAboutDetail", self.tr("Keterangan tentang")
        )
        self.about_detail.setPlaceholderText(self.tr("mis. sesi hari Selasa, kelas XI IPS 2"))
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.subject, 1)
        layout.addWidget(self.counsellor, 1)
        return row

    def _received_row(self, now: datetime) -> QWidget:
        self.received_at = named(
            school_date_time_edit(self), "complaintReceivedAtEdit", self.tr("Diterima pada")
        )
        self.received_at.setDateTime(wall_clock(now, self.zone))
        self.received_text = QLabel(self)
        self.received_text.setObjectName("complaintReceivedAtText")
        set_role(self.received_text, "muted")
        self.received_at.dateTimeChanged.connect(self._on_received_changed)
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.received_at)
        layout.addWidget(self.received_text, 1)
        return row

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """As tall as the form needs, never taller than the screen; it only grows (a row
        appeared), so the dialog does not jump under the pointer."""
        if not self.isVisible():
            return
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() - 80 if screen is not None else 700
        self._body_layout.activate()
        needed = self._body_layout.totalSizeHint().height() + 80
        self.resize(max(self.width(), 760), max(self.height(), min(needed, room)))

    # -- reacting ------------------------------------------------------------------------------

    @property
    def chosen_channel(self) -> ChannelChoice:
        key = self.channel.currentData()
        return self._choices.get(str(key), next(iter(self._choices.values())))

    @property
    def from_box(self) -> bool:
        return self.chosen_channel.channel is Channel.KOTAK_SARAN

    @property
    def new_opening(self) -> bool:
        return self.from_box and self.opening.currentData() == NEW_OPENING

    @Slot()
    def _on_channel(self) -> None:
        box = self.from_box
        for field in (self.box_row, self.slip_code):
            self.form.set_field_visible(field, box)
        self._on_opening()
        self._on_received_changed()
        self._fit_to_screen()

    @Slot()
    def _on_opening(self) -> None:
        self.opened_at.setVisible(self.new_opening)
        self._on_opened_changed()

    @Slot()
    def _on_opened_changed(self) -> None:
        if self.sender() is self.opened_at:
            self._opened_touched = True
        late = self.new_opening and is_backdated(
            instant_of(self.opened_at, self.zone), self.context.workspace.now()
        )
        self.form.set_field_visible(self.opening_reason, late)
        self._fit_to_screen()

    @Slot()
    def _on_sender(self) -> None:
        kind = chosen(self.sender_kind, SenderKind) or SenderKind.ANONIM
        named_sender = kind is not SenderKind.ANONIM
        for edit in (self.sender_name, self.sender_contact):
            edit.setEnabled(named_sender)
            if not named_sender:
                edit.clear()
        self.sender_name.setPlaceholderText(
            self.tr("Nama lengkap pengirim") if named_sender else self.tr("Anonim: tanpa nama")
        )
        if self.picker is not None:
            student = kind in (SenderKind.SISWA, SenderKind.ORANG_TUA)
            self.form.set_field_visible(self.picker, student)
            if not student:
                self.picker.pick(None)
        self._fit_to_screen()

    @Slot(object)
    def _on_picked(self, student_id: object) -> None:
        """A student picked as the sender fills the name the counsellor would type."""
        if not isinstance(student_id, int) or self.sender_name.text().strip():
            return
        if (chosen(self.sender_kind, SenderKind)) is SenderKind.SISWA:
            rows = StudentService(self.context.workspace).rows([student_id])
            if rows:
                self.sender_name.setText(rows[0].name)

    @Slot()
    def _on_subject(self) -> None:
        subject = chosen(self.subject, Subject) or Subject.LAYANAN
        self.counsellor.setEnabled(subject is not Subject.LAYANAN)
        if subject is Subject.LAYANAN:
            self.counsellor.setCurrentIndex(0)

    @Slot()
    def _on_received_changed(self) -> None:
        if self.sender() is self.received_at:
            self._received_touched = True
        box = self.from_box
        self.form.set_field_visible(self.received_row, not box)
        moment = instant_of(self.received_at, self.zone)
        self.received_text.setText(format_instant(moment, self.zone))
        self.form.set_field_visible(self.backdate_reason, not box and self.is_backdated)

    @property
    def is_backdated(self) -> bool:
        if not self._received_touched:
            return False
        return is_backdated(instant_of(self.received_at, self.zone), self.context.workspace.now())

    @Slot()
    def _check_slip(self) -> None:
        """Say at once when a typed slip code is wrong or already used."""
        text = self.slip_code.text().strip()
        if not text or not self.from_box:
            return
        try:
            self.slip_code.setText(self.service.unused_slip(text))
        except ValidationError as error:
            self.form.show_error("code", error.message)

    # -- saving --------------------------------------------------------------------------------

    def _form(self) -> ComplaintForm:
        choice = self.chosen_channel
        box = choice.channel is Channel.KOTAK_SARAN
        about = str(self.counsellor.currentData() or "") or None
        return ComplaintForm(
            kind=chosen(self.kind, ComplaintType) or ComplaintType.PENGADUAN,
            channel=choice.channel,
            channel_other=choice.other,
            text=self.text.toPlainText(),
            # Untouched means "now": the minutes spent typing must not turn into a back-date.
            received_at=(
                instant_of(self.received_at, self.zone)
                if self._received_touched
                else self.context.workspace.now()
            ),
            sender_kind=chosen(self.sender_kind, SenderKind) or SenderKind.ANONIM,
            sender_name=self.sender_name.text(),
            sender_contact=self.sender_contact.text(),
            subject=chosen(self.subject, Subject) or Subject.LAYANAN,
            about_account_id=about,
            about_detail=self.about_detail.text(),
            student_id=self.picker.student_id if self.picker is not None else None,
            box_opening_id=self._opening_id() if box else None,
            backdate_reason=self.backdate_reason.text() if self.is_backdated and not box else "",
            code=self.slip_code.text().strip() if box else "",
        )

    def _opening_id(self) -> int | None:
        """The recent opening chosen (``None`` for a new one: see ``_new_opening``)."""
        data = self.opening.currentData()
        return int(data) if isinstance(data, int) and data != NEW_OPENING else None

    def _new_opening(self) -> NewOpening | None:
        """The opening to record with the entry, when "Catat pembukaan kotak…" is chosen."""
        if not self.new_opening:
            return None
        now = self.context.workspace.now()
        # Untouched means "now", as for the time received.
        opened = instant_of(self.opened_at, self.zone) if self._opened_touched else now
        late = is_backdated(opened, now)
        return NewOpening(opened, self.opening_reason.text() if late else "")

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        try:
            self.record = self.service.register(self._form(), self._new_opening())
        except ValidationError as error:
            self._show(error)
            return
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Entri belum tersimpan"), error.message)
            return
        self.form_state.mark_clean()
        self.accept()

    def _show(self, error: ValidationError) -> None:
        if not self.form.place(error):
            self.context.prompter.error(self, self.tr("Entri belum tersimpan"), error.message)
            return
        focus: dict[str, QWidget] = {
            "text": self.text,
            "sender_name": self.sender_name,
            "sender_contact": self.sender_contact,
            "about_account_id": self.counsellor,
            "about_detail": self.about_detail,
            "received_at": self.received_at,
            "backdate_reason": self.backdate_reason,
            "box_opening_id": self.opening,
            "opened_at": self.opened_at,
            "opening_reason": self.opening_reason,
            "code": self.slip_code,
        }
        widget = focus.get(error.field or "")
        if widget is not None:
            if error.field == "backdate_reason":
                self.form.set_field_visible(self.backdate_reason, True)
            if error.field == "opening_reason":
                self.form.set_field_visible(self.opening_reason, True)
            widget.setFocus()
            self.form_scroll.ensureWidgetVisible(widget)


__all__ = ["RegisterDialog", "channel_key"]
