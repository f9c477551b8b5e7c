"""Kesediaan siswa: recording whether the student is willing to take part (asas kesukarelaan).

Counselling is voluntary: a student who has not said *bersedia* cannot be scheduled, and one
who says *tidak bersedia* closes the request, with the note as the closing reason. The dialog
says so before the choice is saved, and says how the request can be opened again later.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain import requests as rules
from bk_desktop.domain.errors import KnownError, RuleViolation, ValidationError
from bk_desktop.domain.requests import Assent, RequestStatus
from bk_desktop.services.requests import RequestRecord, RequestService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.discard import DiscardGuard
from bk_desktop.ui.kit.forms import FieldForm, chosen, dialog_layout, named, save_cancel_buttons
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.school_time import qdate, school_date_edit
from bk_desktop.ui.style import fit_height, icon, set_role


def request_heading(parent: QWidget, record: RequestRecord, subtitle: str) -> QWidget:
    """The student a dialog is about, on one line, and a quieter line under it."""
    box = QWidget(parent)
    title = QLabel(f"{record.student_name} ({record.rombel or '—'})", box)
    title.setObjectName("requestHeadingTitle")
    set_role(title, "heading")
    below = wrapping_label(box, subtitle)
    below.setObjectName("requestHeadingSubtitle")
    set_role(below, "muted")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 4)
    layout.setSpacing(2)
    layout.addWidget(title)
    layout.addWidget(below)
    return box


class RequestFormDialog(QDialog):
    """A modal form about one request (kesediaan, jadwal, status): the student as heading,
    the form, "Simpan" and "Batal". Subclasses build ``form`` and save through ``requests``."""

    form: FieldForm

    def __init__(
        self,
        context: UiContext,
        record: RequestRecord,
        parent: QWidget | None,
        *,
        object_name: str,
        min_width: int,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.record = record
        self.requests = RequestService(context.workspace)
        self.setObjectName(object_name)
        self.setModal(True)
        self.setMinimumWidth(min_width)
        # Escape, Batal and the close box ask before a typed note or reason is dropped.
        DiscardGuard(self, lambda: self.form.state, lambda: context.prompter)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)  # a hint or an error line adds a row

    def refuse(self, error: KnownError, key: str = "") -> None:
        """Show a refusal under the input it is about (``key``, else the error's own field),
        or in a message box titled like the dialog when no input here is about it."""
        if not self.form.place(error, key):
            self.context.prompter.error(self, self.windowTitle(), error.message)


class AssentDialog(RequestFormDialog):
    """Records the assent of one request; ``status`` is the request's status afterwards."""

    def __init__(
        self, context: UiContext, record: RequestRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, record, parent, object_name="assentDialog", min_width=600)
        self.setWindowTitle(self.tr("Kesediaan siswa"))
        self.status: RequestStatus | None = None
        workspace = context.workspace
        zone = workspace.settings().zone
        today = workspace.now().astimezone(zone).date()

        heading = request_heading(
            self,
            record,
            self.tr("Status permohonan: {status} · kesediaan tercatat: {assent}").format(
                status=record.status.label.lower(), assent=record.assent.label.lower()
            ),
        )

        self.assent = named(QComboBox(self), "assentCombo", self.tr("Kesediaan siswa"))
        for assent in (Assent.BERSEDIA, Assent.BELUM_DITANYAKAN, Assent.TIDAK_BERSEDIA):
            self.assent.addItem(assent.label, assent)
        self.assent.setCurrentIndex(self.assent.findData(record.assent))

        self.assent_date = named(school_date_edit(self), "assentDate", self.tr("Tanggal"))
        self.assent_date.setMaximumDate(qdate(today))
        self.assent_date.setDate(qdate(record.assent_date or today))

        self.note = named(QPlainTextEdit(self), "assentNote", self.tr("Catatan kesediaan"))
        self.note.setPlaceholderText(
            self.tr("mis. Siswa bersedia setelah dijelaskan bahwa percakapan bersifat rahasia.")
        )
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4 + 12)
        if record.assent_note:
            self.note.setPlainText(record.assent_note)

        self.closes_box = QWidget(self)
        self.closes_box.setObjectName("assentClosesBox")
        closes_icon = QLabel(self.closes_box)
        closes_icon.setPixmap(icon("warning").pixmap(20, 20))
        closes_icon.setFixedSize(20, 20)
        self.closes_note = wrapping_label(self.closes_box)
        self.closes_note.setObjectName("assentClosesNote")
        set_role(self.closes_note, "warning")
        closes_row = QHBoxLayout(self.closes_box)
        closes_row.setContentsMargins(0, 4, 0, 4)
        closes_row.setSpacing(8)
        closes_row.addWidget(closes_icon, 0)
        closes_row.addWidget(self.closes_note, 1)

        self.form = FieldForm()
        self.form.add(self.tr("Kesediaan"), self.assent, keys=("assent",), parent=self)
        self.form.add(self.tr("Tanggal"), self.assent_date, keys=("assent_date",), parent=self)
        self.note_caption = self.form.add(
            self.tr("Catatan"), self.note, keys=("assent_note",), parent=self
        )

        buttons = save_cancel_buttons(self, "assentSaveButton", self.tr("Simpan kesediaan"))
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        dialog_layout(self, heading, self.form, self.closes_box, buttons)

        self.assent.currentIndexChanged.connect(self._on_assent)
        self._on_assent()

    @property
    def chosen(self) -> Assent:
        return chosen(self.assent, Assent) or Assent.BELUM_DITANYAKAN

    @property
    def closes_request(self) -> bool:
        """Whether saving the chosen assent closes the request (the domain's rule)."""
        return rules.assent_closes(self.chosen, self.record.status)

    @Slot()
    def _on_assent(self) -> None:
        refused = self.chosen is Assent.TIDAK_BERSEDIA
        if self.closes_request:
            text = self.tr(
                "Siswa tidak bersedia: permohonan akan ditutup dengan catatan di atas sebagai "
                "alasannya, dan tidak dapat dijadwalkan. Bila kelak siswa bersedia, catat "
                "kesediaannya lalu buka kembali permohonan lewat “Ubah status…”."
            )
        elif refused:
            text = self.tr(
                "Siswa tidak bersedia: permohonan tidak dapat dijadwalkan atau dilaksanakan. "
                "Status permohonan tidak berubah."
            )
        else:
            text = ""
        self.closes_note.setText(text)
        self.closes_box.setVisible(bool(text))
        self.note_caption.setText(
            self.tr("Catatan (wajib)") if self.closes_request else self.tr("Catatan")
        )
        self.save_button.setText(
            self.tr("Simpan dan tutup permohonan") if self.closes_request else self.tr("Simpan")
        )
        self.form.clear_errors()

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        day = self.assent_date.date()
        try:
            self.status = self.requests.set_assent(
                self.record.id,
                self.chosen,
                on=date(day.year(), day.month(), day.day()),
                note=self.note.toPlainText(),
            )
        except RuleViolation as refused:
            self.form.place(refused, "assent")
            return
        except KnownError as error:
            self.refuse(error)
            if isinstance(error, ValidationError) and error.field == "assent_note":
                self.note.setFocus()
            return
        self.accept()
