"""Rujukan: where a referral (alih tangan kasus) stands and its next step.

The screening decided the referral; this dialog shows to whom it went, what was shared and on
which consent, every step so far (its date and who recorded it), and records the next one:
surat dikirim, diterima, selesai, ditolak/dikembalikan or dibatalkan. Ending steps ask for a
reason (``domain.referrals``). Once the referral has ended the permohonan can be screened
again or closed through "Ubah status…".
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from bk_desktop.domain.dates import format_date
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.referrals import STEP_NEEDS_REASON, ReferralRecord
from bk_desktop.domain.screening import ReferralStatus
from bk_desktop.services.referrals import ReferralService
from bk_desktop.services.requests import RequestRecord
from bk_desktop.ui.assent_dialog import RequestFormDialog, request_heading
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import (
    FieldForm,
    action_button,
    button_row,
    chosen,
    dialog_layout,
    named,
    save_cancel_buttons,
)
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.school_time import qdate, school_date_edit
from bk_desktop.ui.style import set_role

if TYPE_CHECKING:
    from bk_desktop.services.letters import LetterService


class ReferralDialog(RequestFormDialog):
    """The current referral of a *dialihtangankan* permohonan; ``status`` is set once a step
    is saved."""

    def __init__(
        self,
        context: UiContext,
        record: RequestRecord,
        referral: ReferralRecord,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, record, parent, object_name="referralDialog", min_width=600)
        self.setWindowTitle(self.tr("Rujukan"))
        self.referrals = ReferralService(context.workspace)
        self.referral = referral
        self.status: ReferralStatus | None = None
        workspace = context.workspace
        self.today = workspace.now().astimezone(workspace.settings().zone).date()

        details = referral.referral
        heading = request_heading(
            self,
            record,
            self.tr("Dirujuk ke {kind}: {name} · status rujukan: {status}").format(
                kind=details.target.label,
                name=details.target_name or self.tr("(tanpa nama)"),
                status=referral.status.label.lower(),
            ),
        )
        basis = details.consent_basis.label if details.consent_basis else self.tr("—")
        summary = wrapping_label(
            self,
            self.tr("Informasi dibagikan: {shared}\nDasar persetujuan: {basis}").format(
                shared=details.shared_information, basis=basis
            ),
        )
        summary.setObjectName("referralSummary")
        steps = wrapping_label(self, self._steps_text())
        steps.setObjectName("referralSteps")
        set_role(steps, "muted")

        self.step = named(QComboBox(self), "referralStepCombo", self.tr("Langkah berikutnya"))
        for status in ReferralStatus:  # the enum's order follows the path of a referral
            if status in referral.next_steps:
                self.step.addItem(status.label, status)
        self.on = named(school_date_edit(self), "referralStepDate", self.tr("Tanggal"))
        self.on.setDate(qdate(self.today))
        self.on.setMaximumDate(qdate(self.today))
        self.reason = named(QPlainTextEdit(self), "referralStepReason", self.tr("Alasan"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 3 + 12)

        self.form = FieldForm()
        self.form.add(self.tr("Langkah"), self.step, keys=("step",), parent=self)
        self.form.add(self.tr("Tanggal"), self.on, keys=("on",), parent=self)
        self.reason_caption = self.form.add(
            self.tr("Alasan"), self.reason, keys=("reason",), parent=self
        )
        buttons = save_cancel_buttons(self, "referralSaveButton", self.tr("Simpan langkah rujukan"))
        buttons.accepted.connect(self.save)
        ended = wrapping_label(
            self,
            self.tr(
                "Rujukan ini sudah berakhir. Permohonannya dapat disaring ulang di Penyaringan "
                "atau ditutup lewat “Ubah status…”."
            ),
        )
        ended.setObjectName("referralEnded")
        ended.setVisible(referral.has_ended)
        self.letter_dialogs = DialogSlot(self)
        self.letter_label = wrapping_label(self, "")
        self.letter_label.setObjectName("referralLetterNumber")
        set_role(self.letter_label, "muted")
        self.letter_button = action_button(
            self.tr("Cetak surat alih tangan…"),
            "referralLetterButton",
            self.tr("Cetak surat alih tangan kasus"),
        )
        self.letter_button.setToolTip(
            self.tr(
                "Surat untuk pihak rujukan menyebut nama lengkap siswa. Surat diberi nomor saat "
                "pertama kali dibuat (sebelum pratinjau); cetak ulang memakai nomor yang sama. "
                "Surat yang tidak jadi dikirim dibatalkan nomornya."
            )
        )
        self.void_button = action_button(
            self.tr("Batalkan nomor…"),
            "referralLetterVoidButton",
            self.tr("Batalkan nomor surat alih tangan yang tidak jadi dikirim"),
        )
        self.letter_button.clicked.connect(self.print_letter)
        self.void_button.clicked.connect(self.void_letter)
        dialog_layout(
            self,
            heading,
            summary,
            steps,
            ended,
            self.form,
            button_row(self.letter_button, self.void_button),
            self.letter_label,
            buttons,
        )
        self._show_letter()
        if referral.has_ended:
            for widget in (self.step, self.on, self.reason):
                widget.setEnabled(False)
            save = buttons.button(buttons.StandardButton.Save)
            save.setEnabled(False)
        self.step.currentIndexChanged.connect(self._on_step)
        self._on_step()

    def _steps_text(self) -> str:
        names = {a.id: a.name for a in self.context.accounts.list()}
        lines = [
            self.tr("{day}: {status} (dicatat oleh {who}){why}").format(
                day=format_date(event.on),
                status=event.to_status.label,
                who=names.get(event.recorded_by or "", self.tr("akun yang sudah dihapus")),
                why=f" — {event.reason}" if event.reason else "",
            )
            for event in self.referrals.events(self.referral.id)
        ]
        return "\n".join(lines) or self.tr("Belum ada langkah tercatat.")

    def _letters(self) -> LetterService:
        from bk_desktop.services.letters import LetterService  # noqa: PLC0415 - reportlab

        return LetterService(self.context.workspace)

    def _show_letter(self) -> None:
        """Say which number the letter has, if any; "Batalkan nomor…" only then."""
        letter = self._letters().referral_letter(self.referral.id)
        self.void_button.setVisible(letter is not None)
        if letter is None:
            self.letter_label.setText(
                self.tr(
                    "Surat alih tangan belum diberi nomor. Surat menyebut nama lengkap siswa; "
                    "nomornya diberikan saat surat pertama kali dibuat."
                )
            )
            return
        zone = self.context.workspace.settings().zone
        self.letter_label.setText(
            self.tr(
                "Surat alih tangan bernomor {number} (dibuat {day}); cetak ulang memakai nomor "
                "yang sama."
            ).format(
                number=letter.number, day=format_date(letter.issued_at.astimezone(zone).date())
            )
        )

    @Slot()
    def print_letter(self) -> None:
        """Reprint the letter, or give it the next number the first time; then preview."""
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415 - reportlab
        from bk_desktop.ui.parent_letter_dialog import confirm_after_restore  # noqa: PLC0415

        letters = self._letters()
        confirmed: int | None = None
        if letters.referral_letter(self.referral.id) is None:
            go, confirmed = confirm_after_restore(self.context, self, letters)
            if not go:
                return
        referral_id = self.referral.id
        show_document(
            self.context,
            self,
            self.letter_dialogs,
            lambda _service: letters.print_referral_letter(referral_id, confirmed_next=confirmed),
            what=self.tr("Cetak surat alih tangan"),
        )
        self._show_letter()

    @Slot()
    def void_letter(self) -> None:
        from bk_desktop.ui.parent_letter_dialog import VoidLetterDialog  # noqa: PLC0415

        letters = self._letters()
        letter = letters.referral_letter(self.referral.id)
        if letter is None or self.letter_dialogs.current is not None:
            return
        dialog = VoidLetterDialog(letters, letter.id, letter.number, self)
        self.letter_dialogs.open(dialog, self._show_letter)

    @property
    def chosen_step(self) -> ReferralStatus | None:
        return chosen(self.step, ReferralStatus)

    @Slot()
    def _on_step(self) -> None:
        self.form.clear_errors()
        needed = self.chosen_step in STEP_NEEDS_REASON
        self.reason_caption.setText(self.tr("Alasan (wajib)") if needed else self.tr("Alasan"))
        self.reason.setEnabled(needed)
        self.reason.setPlaceholderText(
            self.tr("mis. hasil dari pihak rujukan, atau mengapa dikembalikan/dibatalkan")
            if needed
            else self.tr("Tidak diperlukan untuk langkah ini")
        )

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        target = self.chosen_step
        if target is None:
            return
        day = self.on.date()
        try:
            self.status = self.referrals.record_step(
                self.referral.id,
                target,
                on=date(day.year(), day.month(), day.day()),
                reason=self.reason.toPlainText(),
            )
        except KnownError as error:
            self.refuse(error, "" if getattr(error, "field", None) else "step")
            return
        self.accept()


__all__ = ["ReferralDialog"]
