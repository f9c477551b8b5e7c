"""Ubah status: only the moves the domain allows for a request, with a reason where the domain
wants one."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QPlainTextEdit,
    QWidget,
)

from bk_desktop.domain import requests as rules
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.requests import RequestStatus
from bk_desktop.services.requests import (
    RequestRecord,
)
from bk_desktop.ui.assent_dialog import RequestFormDialog, request_heading
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import FieldForm, chosen, dialog_layout, named, save_cancel_buttons


class StatusDialog(RequestFormDialog):
    """Ubah status: only the moves the state machine allows now, with a reason where needed."""

    def __init__(
        self,
        context: UiContext,
        record: RequestRecord,
        targets: frozenset[RequestStatus],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, record, parent, object_name="statusDialog", min_width=560)
        self.setWindowTitle(self.tr("Ubah status"))
        self.status: RequestStatus | None = None

        heading = request_heading(
            self,
            record,
            self.tr(
                "Status sekarang: {status}. Hanya perubahan yang diizinkan yang ditawarkan."
            ).format(status=record.status.label.lower()),
        )
        self.target = named(QComboBox(self), "statusTargetCombo", self.tr("Status baru"))
        for status in RequestStatus:  # the enum's order follows the path of a request
            if status in targets:
                self.target.addItem(status.label, status)
        self.reason = named(QPlainTextEdit(self), "statusReason", self.tr("Alasan perubahan"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 3 + 12)

        self.form = FieldForm()
        self.form.add(self.tr("Status baru"), self.target, keys=("status",), parent=self)
        self.reason_caption = self.form.add(
            self.tr("Alasan"), self.reason, keys=("reason",), parent=self
        )
        self.reason_caption.setObjectName("statusReasonCaption")

        buttons = save_cancel_buttons(self, "statusSaveButton", self.tr("Simpan status"))
        buttons.accepted.connect(self.save)
        dialog_layout(self, heading, self.form, buttons)

        self.target.currentIndexChanged.connect(self._on_target)
        self._on_target()

    @property
    def chosen(self) -> RequestStatus | None:
        return chosen(self.target, RequestStatus)

    @property
    def reason_needed(self) -> bool:
        target = self.chosen
        return target is not None and rules.needs_reason(self.record.status, target)

    @Slot()
    def _on_target(self) -> None:
        self.form.clear_errors()
        if self.reason_needed:
            self.reason_caption.setText(self.tr("Alasan (wajib)"))
            self.reason.setPlaceholderText(
                self.tr("Mengapa permohonan ini ditutup atau dibuka kembali?")
            )
        else:
            self.reason_caption.setText(self.tr("Alasan"))
            self.reason.setPlaceholderText(self.tr("Boleh dikosongkan"))

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        target = self.chosen
        if target is None:
            return
        reason = self.reason.toPlainText().strip()
        if self.reason_needed and not reason:
            self.form.show_error(
                "reason", self.tr("Tuliskan alasannya; perubahan ini tercatat di riwayat.")
            )
            self.reason.setFocus()
            return
        try:
            self.status = self.requests.transition(self.record.id, target, reason or None)
        except KnownError as error:
            self.refuse(error, "status")
            return
        self.accept()


__all__ = ["StatusDialog"]
