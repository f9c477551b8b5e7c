"""Rujukan: where a referral (alih tangan kasus) stands and its next step.

The screening decided the referral; this dialog shows to whom it went, what was shared and on
which consent, every step so far (its date and who recorded it), and records the next one:
surat dikirim, diterima, selesai, ditolak/dikembalikan or dibatalkan. Ending steps ask for a
reason (``domain.referrals``). Once the referral has ended the permohonan can be screened
again or closed through "Ubah status…".
"""

from __future__ import annotations

from datetime import date

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
from bk_desktop.ui.kit.forms import FieldForm, chosen, dialog_layout, named, save_cancel_buttons
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.school_time import qdate, school_date_edit
from bk_desktop.ui.style import set_role


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
        dialog_layout(self, heading, summary, steps, ended, self.form, buttons)
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
