"""Surat panggilan orang tua/wali, and what both numbered letters share in the window.

``ParentLetterDialog`` (Siswa → "Surat panggilan orang tua…"): which guardian, the meeting's
day and time (school zone), place, purpose in general words, and whom to tell when they
cannot come; "Buat surat" gives the next number and keeps the ``Document`` for the preview.
The student's earlier summons letters can be printed again with their own number, or their
number voided when the letter was never sent.

``confirm_after_restore`` asks the one question the first number after a restore needs;
``VoidLetterDialog`` voids a number with a reason. The referral dialog uses both.

``services.letters`` (and with it reportlab) is imported when the dialog opens, never with the
window.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPlainTextEdit, QWidget

from bk_desktop.domain.dates import format_date
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.letters import DEFAULT_PURPOSE, ParentMeeting
from bk_desktop.services.students import StudentService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import (
    FieldForm,
    action_button,
    button_row,
    dialog_layout,
    named,
    save_cancel_buttons,
)
from bk_desktop.ui.kit.labels import heading_label, wrapping_label
from bk_desktop.ui.school_time import (
    instant_of,
    school_date_time_edit,
    wall_clock,
    zone_name,
)
from bk_desktop.ui.style import set_role

if TYPE_CHECKING:
    from bk_desktop.services.documents import Document
    from bk_desktop.services.letters import LetterService


def confirm_after_restore(
    context: UiContext, parent: QWidget, letters: LetterService
) -> tuple[bool, int | None]:
    """Before a new number: after a restore, ask whether the next number is right.

    Returns (go on, the confirmed serial or None when no confirmation was needed)."""
    state = letters.number_state()
    if not state.needs_confirmation:
        return True, None
    last = state.last_number or parent.tr("(belum ada)")
    agreed = context.prompter.confirm(
        parent,
        parent.tr("Nomor surat setelah pemulihan"),
        parent.tr(
            "Brankas ini dipulihkan dari cadangan, jadi surat yang dikirim sesudah cadangan "
            "itu dibuat tidak tercatat di sini. Nomor terakhir yang tercatat: {last}.\n\n"
            "Surat ini akan bernomor {next}. Pakai nomor ini?\n\nBila nomor itu sudah pernah "
            "dipakai (lihat buku agenda surat keluar), pilih Tidak, lalu naikkan “Nomor "
            "berikutnya” di Pengaturan → Identitas sekolah."
        ).format(last=last, next=state.next_number),
    )
    return agreed, state.next_serial if agreed else None


class VoidLetterDialog(QDialog):
    """ "Batalkan nomor…": the number of a letter that was not sent is voided with a reason;
    it stays in the book as void and is never given again."""

    def __init__(
        self, letters: LetterService, letter_id: int, number: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("voidLetterDialog")
        self.setWindowTitle(self.tr("Batalkan nomor surat"))
        self.letters = letters
        self.letter_id = letter_id
        self.reason = named(QPlainTextEdit(self), "voidLetterReason", self.tr("Alasan"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 3 + 12)
        self.form = FieldForm()
        self.form.add(self.tr("Alasan (wajib)"), self.reason, keys=("reason",), parent=self)
        note = wrapping_label(
            self,
            self.tr(
                "Batalkan nomor hanya untuk surat yang tidak jadi dikirim. Nomor {number} tetap "
                "tercatat sebagai batal dan tidak dipakai lagi; surat berikutnya mendapat nomor "
                "baru."
            ).format(number=number),
        )
        buttons = save_cancel_buttons(self, "voidLetterSaveButton", self.tr("Batalkan nomor"))
        buttons.button(buttons.StandardButton.Save).setText(self.tr("Batalkan nomor"))
        buttons.accepted.connect(self.save)
        dialog_layout(
            self,
            heading_label(self.tr("Batalkan nomor {n}").format(n=number), self),
            note,
            self.form,
            buttons,
        )
        self.setMinimumWidth(480)

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        try:
            self.letters.void(self.letter_id, self.reason.toPlainText())
        except KnownError as error:
            if not self.form.place(error, "reason"):
                raise
            return
        self.accept()


class ParentLetterDialog(QDialog):
    """The summons' particulars for one student; ``document`` is set once accepted."""

    def __init__(
        self, context: UiContext, letters: LetterService, student_id: int, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("parentLetterDialog")
        self.setWindowTitle(self.tr("Surat panggilan orang tua/wali"))
        self.context = context
        self.letters = letters
        self.student_id = student_id
        self.document: Document | None = None
        workspace = context.workspace
        settings = workspace.settings()
        self.zone = settings.zone
        student = StudentService(workspace).get(student_id)

        self.guardian = named(QComboBox(self), "parentLetterGuardian", self.tr("Orang tua/wali"))
        for guardian in student.guardians:
            self.guardian.addItem(f"{guardian.name} ({guardian.relation.label})", guardian.name)
        self.start = named(
            school_date_time_edit(self), "parentLetterStart", self.tr("Hari dan jam")
        )
        # The next school day at 09.00 on the school's clock: a summons gives the family a day
        # at least, and nobody is asked to come on a Sunday or a holiday by default.
        day = workspace.now().astimezone(self.zone).date() + timedelta(days=1)
        while day.weekday() in settings.weekend_days or day in settings.holiday_dates:
            day += timedelta(days=1)
        meeting = datetime.combine(day, time(9), tzinfo=self.zone)
        self.start.setDateTime(wall_clock(meeting, self.zone))
        self.place = named(QLineEdit(self.tr("Ruang BK"), self), "parentLetterPlace", "Tempat")
        self.purpose = named(QLineEdit(DEFAULT_PURPOSE, self), "parentLetterPurpose", "Keperluan")
        phone = settings.school_phone
        contact = workspace.account.name + (f", telepon {phone}" if phone else "")
        self.contact = named(QLineEdit(contact, self), "parentLetterContact", "Kontak")

        self.form = FieldForm()
        self.form.add(self.tr("Orang tua/wali"), self.guardian, keys=("guardian",), parent=self)
        self.form.add(
            self.tr("Hari dan jam"),
            self.start,
            keys=("start",),
            hint=self.tr("Waktu {zone}, dicetak dengan zonanya.").format(zone=zone_name(self.zone)),
            parent=self,
        )
        self.form.add(self.tr("Tempat"), self.place, keys=("place",), parent=self)
        self.form.add(
            self.tr("Keperluan"),
            self.purpose,
            keys=("purpose",),
            hint=self.tr(
                "Kata-kata umum saja: surat ini melewati tangan siswa dan keluarganya, jadi "
                "jangan sebut isi konseling."
            ),
            parent=self,
        )
        self.form.add(
            self.tr("Bila berhalangan, hubungi"), self.contact, keys=("contact",), parent=self
        )
        note = wrapping_label(
            self,
            self.tr(
                "Surat ini menyebut nama lengkap siswa dan kelasnya, karena ditujukan kepada "
                "orang tuanya sendiri. Surat diberi nomor saat dibuat."
            ),
        )
        set_role(note, "muted")

        self.earlier = named(QComboBox(self), "parentLetterEarlier", self.tr("Surat sebelumnya"))
        self.reprint_button = action_button(
            self.tr("Cetak ulang…"), "parentLetterReprintButton", self.tr("Cetak ulang surat")
        )
        self.void_button = action_button(
            self.tr("Batalkan nomor…"), "parentLetterVoidButton", self.tr("Batalkan nomor surat")
        )
        self.reprint_button.clicked.connect(self.reprint)
        self.void_button.clicked.connect(self.void)
        self._fill_earlier()

        buttons = save_cancel_buttons(self, "parentLetterSaveButton", self.tr("Buat surat"))
        buttons.button(buttons.StandardButton.Save).setText(self.tr("Buat surat…"))
        buttons.accepted.connect(self.make)
        dialog_layout(
            self,
            heading_label(
                self.tr("Surat panggilan untuk orang tua/wali {name}").format(name=student.name),
                self,
            ),
            note,
            self.form,
            wrapping_label(self, self.tr("Surat sebelumnya untuk siswa ini:")),
            button_row(self.earlier, self.reprint_button, self.void_button),
            buttons,
        )
        self.setMinimumWidth(600)

    def _fill_earlier(self) -> None:
        self.earlier.clear()
        zone = self.zone
        for letter in self.letters.parent_letters(self.student_id):
            issued = format_date(letter.issued_at.astimezone(zone).date())
            self.earlier.addItem(f"{letter.number} ({issued})", letter.id)
        has = self.earlier.count() > 0
        if not has:
            self.earlier.addItem(self.tr("(belum ada)"), None)
        for widget in (self.earlier, self.reprint_button, self.void_button):
            widget.setEnabled(has)

    def meeting(self) -> ParentMeeting:
        return ParentMeeting(
            guardian_name=str(self.guardian.currentData() or ""),
            start=instant_of(self.start, self.zone),
            place=self.place.text(),
            purpose=self.purpose.text(),
            contact=self.contact.text(),
        )

    @Slot()
    def make(self) -> None:
        """Give the next number and build the letter; the tab shows its preview."""
        self.form.clear_errors()
        go, confirmed = confirm_after_restore(self.context, self, self.letters)
        if not go:
            return
        try:
            self.document = self.letters.print_parent_letter(
                self.student_id, self.meeting(), confirmed_next=confirmed
            )
        except KnownError as error:
            if not self.form.place(error):
                self.context.prompter.error(self, self.windowTitle(), error.message)
            return
        self.accept()

    @Slot()
    def reprint(self) -> None:
        letter_id = self.earlier.currentData()
        if letter_id is None:
            return
        try:
            self.document = self.letters.reprint(int(letter_id))
        except KnownError as error:
            self.context.prompter.error(self, self.windowTitle(), error.message)
            return
        self.accept()

    @Slot()
    def void(self) -> None:
        letter_id = self.earlier.currentData()
        if letter_id is None:
            return
        number = self.earlier.currentText().split(" (")[0]
        dialog = VoidLetterDialog(self.letters, int(letter_id), number, self)
        dialog.setObjectName("voidLetterDialog")
        dialog.accepted.connect(self._fill_earlier)
        self.void_dialog = dialog
        dialog.open()


__all__ = ["ParentLetterDialog", "VoidLetterDialog", "confirm_after_restore"]
