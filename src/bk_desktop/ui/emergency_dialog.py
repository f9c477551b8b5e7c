"""Catat tindakan darurat: who acted, when, and what was done for a student in danger.

A darurat permohonan stays on top of Beranda, whatever the screening decided, until this is
recorded (``domain.emergency``). The dialog is small on purpose: it is filled in right after
the emergency, and every field is one the school may be asked about later.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from bk_desktop.domain.emergency import EmergencyActionForm
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.requests import EmergencyActionInvalid, RequestRecord
from bk_desktop.ui.assent_dialog import RequestFormDialog, request_heading
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import FieldForm, dialog_layout, named, save_cancel_buttons
from bk_desktop.ui.school_time import instant_of, school_date_time_edit, wall_clock


class EmergencyDialog(RequestFormDialog):
    """Records one tindakan darurat; ``action_id`` is set once it is saved."""

    def __init__(
        self, context: UiContext, record: RequestRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, record, parent, object_name="emergencyDialog", min_width=560)
        self.setWindowTitle(self.tr("Catat tindakan darurat"))
        self.action_id: int | None = None
        workspace = context.workspace
        self.zone = workspace.settings().zone

        heading = request_heading(
            self,
            record,
            self.tr(
                "Permohonan darurat ini tetap paling atas di Beranda sampai tindakan daruratnya "
                "dicatat: siapa yang bertindak, kapan, dan apa yang dilakukan."
            ),
        )
        self.done_at = named(
            school_date_time_edit(self), "emergencyDoneAt", self.tr("Waktu tindakan")
        )
        self.done_at.setDateTime(wall_clock(workspace.now(), self.zone))
        self.actor = named(QLineEdit(self), "emergencyActor", self.tr("Dilakukan oleh"))
        self.actor.setPlaceholderText(self.tr("mis. Bu Sari (guru BK) dan wali kelas"))
        self.actor.setText(workspace.account.name)
        self.action = named(QPlainTextEdit(self), "emergencyAction", self.tr("Tindakan"))
        self.action.setTabChangesFocus(True)
        self.action.setPlaceholderText(
            self.tr("mis. Siswa diamankan di ruang BK, orang tua dihubungi pukul 10.15.")
        )
        self.action.setFixedHeight(self.action.fontMetrics().lineSpacing() * 4 + 12)

        self.form = FieldForm()
        self.form.add(self.tr("Waktu"), self.done_at, keys=("done_at",), parent=self)
        self.form.add(self.tr("Dilakukan oleh"), self.actor, keys=("actor",), parent=self)
        self.form.add(self.tr("Tindakan"), self.action, keys=("action",), parent=self)

        buttons = save_cancel_buttons(
            self, "emergencySaveButton", self.tr("Simpan tindakan darurat")
        )
        buttons.accepted.connect(self.save)
        dialog_layout(self, heading, self.form, buttons)
        self.action.setFocus()

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        form = EmergencyActionForm(
            done_at=instant_of(self.done_at, self.zone),
            actor=self.actor.text(),
            action=self.action.toPlainText(),
        )
        try:
            self.action_id = self.requests.record_emergency_action(self.record.id, form)
        except EmergencyActionInvalid as invalid:
            left = self.form.show_errors(invalid.errors)
            if left:
                self.refuse(left[0])
            return
        except KnownError as error:
            self.refuse(error)
            return
        self.form.mark_clean()
        self.accept()


__all__ = ["EmergencyDialog"]
