"""Pengaturan → Privasi → Naskah persetujuan: the consent text parents sign, with its versions.

Each consent in the register names the version of the text the parent/guardian read, so a
text is never changed in place: saving a changed text makes the next version, and every
earlier one stays readable here. "Cetak formulir persetujuan…" prints the blank form with the
current text and its version number (saving a changed text first, so the paper says what the
register will cite).
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from bk_desktop.domain.consents import ConsentText
from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.services.consents import ConsentService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import action_button, button_row, named
from bk_desktop.ui.kit.labels import set_status, status_label, wrapping_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.school_time import short_instant
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.admin.admin_page import AdminPage, note_refused


class ConsentTextPage(AdminPage):
    """The current consent text to edit, the versions saved before, and the printed form."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Naskah persetujuan"),
            self.tr(
                "Naskah yang dibaca dan ditandatangani orang tua/wali sebelum anaknya mendapat "
                "layanan BK. Setiap perubahan disimpan sebagai versi baru; persetujuan yang "
                "tercatat menyebut versi yang ditandatangani."
            ),
            parent,
        )
        self._context = context
        self.texts: list[ConsentText] = []
        self.version_line = named(QLabel(self), "consentTextVersion", self.tr("Versi saat ini"))
        self.editor = named(QPlainTextEdit(self), "consentTextEdit", self.tr("Naskah persetujuan"))
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(self.editor.fontMetrics().lineSpacing() * 14)
        self.error = wrapping_label(self)
        self.error.setObjectName("consentTextEditError")
        set_role(self.error, "error")
        self.error.hide()
        self.save_button = action_button(
            self.tr("Simpan sebagai versi baru"),
            "consentTextSaveButton",
            self.tr("Simpan naskah persetujuan sebagai versi baru"),
        )
        set_role(self.save_button, "primary")
        self.save_button.clicked.connect(self.save)
        self.print_button = action_button(
            self.tr("Cetak formulir persetujuan…"),
            "consentFormPrintButton",
            self.tr("Cetak formulir persetujuan kosong dengan naskah saat ini"),
        )
        self.print_button.clicked.connect(self.print_form)
        self.status = status_label("consentTextStatus")
        self.dialogs = DialogSlot(self)

        self.history = tab_leaves(  # Tab moves on to the text, not cell by cell
            named(QTableWidget(0, 3, self), "consentTextHistory", self.tr("Riwayat versi naskah"))
        )
        self.history.setHorizontalHeaderLabels(
            [self.tr("Versi"), self.tr("Disimpan"), self.tr("Oleh")]
        )
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setMaximumHeight(160)
        self.history.itemSelectionChanged.connect(self._show_version)
        self.old_text = named(
            QPlainTextEdit(self), "consentTextOld", self.tr("Naskah versi yang dipilih")
        )
        self.old_text.setReadOnly(True)
        self.old_text.setPlaceholderText(self.tr("Pilih versi di atas untuk membaca naskahnya."))
        self.old_text.setMinimumHeight(self.old_text.fontMetrics().lineSpacing() * 8)

        self.body.addWidget(self.version_line)
        self.body.addWidget(self.editor)
        self.body.addWidget(self.error)
        self.body.addLayout(button_row(self.save_button, self.print_button, self.status))
        self.body.addWidget(QLabel(self.tr("Riwayat versi"), self))
        self.body.addWidget(self.history)
        self.body.addWidget(self.old_text)
        self.finish()
        self.refresh()

    def _service(self) -> ConsentService:
        return ConsentService(self._context.workspace)

    def refresh(self) -> None:
        """Read the versions again; an edit not yet saved is dropped."""
        zone = self._context.workspace.settings().zone
        self.texts = self._service().texts()
        current = self.texts[0]
        if current.saved_at is None:
            line = self.tr("Versi {n}: naskah bawaan program (belum pernah diubah).")
        elif not current.saved_by_name:
            line = self.tr("Versi {n}, disimpan {when}.")  # the default, kept when first used
        else:
            line = self.tr("Versi {n}, disimpan {when} oleh {who}.")
        self.version_line.setText(
            line.format(
                n=current.version,
                when=short_instant(current.saved_at, zone) if current.saved_at else "",
                who=current.saved_by_name,
            )
        )
        self.editor.setPlainText(current.text)
        self.history.setRowCount(len(self.texts))
        for row, text in enumerate(self.texts):
            cells = (
                str(text.version),
                short_instant(text.saved_at, zone) if text.saved_at else self.tr("bawaan"),
                text.saved_by_name or "",
            )
            for column, value in enumerate(cells):
                self.history.setItem(row, column, QTableWidgetItem(value))
        self.old_text.clear()
        self._clear_error()

    def _clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    # -- drafts across a lock (ui/draft_keeping.py, handed over by AdminTab) -----------------

    def is_dirty(self) -> bool:
        """True while the editor holds a text that is not the current version."""
        return bool(self.texts) and (
            self.editor.toPlainText().strip() != self.texts[0].text.strip()
        )

    def open_drafts(self) -> list[FormDraft]:
        """The text typed but not saved as a version, kept with the version it started from."""
        if not self.is_dirty():
            return []
        return [
            FormDraft(
                DraftForm.CONSENT_TEXT,
                "",
                {"text": self.editor.toPlainText(), "from_version": self.texts[0].version},
            )
        ]

    def reopen_draft(self, draft: FormDraft) -> bool:
        """Put the typed text back (not saved: "Simpan sebagai versi baru" still decides);
        refused while the editor holds other unsaved text."""
        text = draft.content.get("text")
        if draft.form is not DraftForm.CONSENT_TEXT or not isinstance(text, str):
            return False
        if self.is_dirty():
            return False
        self.editor.setPlainText(text)
        return True

    @Slot()
    def _show_version(self) -> None:
        rows = self.history.selectionModel().selectedRows()
        if rows:
            self.old_text.setPlainText(self.texts[rows[0].row()].text)

    def _save(self) -> bool:
        """Store the edited text as a new version; False when it was refused."""
        self._clear_error()
        try:
            version = self._service().save_text(self.editor.toPlainText())
        except ValidationError as error:
            self.error.setText(error.message)
            self.error.show()
            note_refused(self.status)
            return False
        except KnownError as error:
            self._context.prompter.error(self, self.tr("Naskah persetujuan"), error.message)
            return False
        if version is None:
            set_status(self.status, self.tr("Tidak ada yang berubah."))
        else:
            self.refresh()
            set_status(self.status, self.tr("Tersimpan sebagai versi {n}.").format(n=version))
        return True

    @Slot()
    def save(self) -> None:
        self._save()

    @Slot()
    def print_form(self) -> None:
        """The blank form with the current text (a changed text is saved first)."""
        if not self._save():
            return
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415 - loads reportlab

        service = self._service()
        show_document(
            self._context,
            self,
            self.dialogs,
            lambda _documents: service.consent_form(),
            what=self.tr("Formulir persetujuan"),
        )


__all__ = ["ConsentTextPage"]
