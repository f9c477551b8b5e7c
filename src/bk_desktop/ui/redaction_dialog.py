"""Ekspor data siswa: the text of a student's copy, where the counsellor marks passages to take
out (UU PDP Ps. 33), then the PDF and JSON written into a folder.

The list shows every text field of the copy (record, field) — free text and typed values such
as a place, a name or a phone, since all are redacted alike; the text of the chosen one is
shown read-only: the counsellor selects a passage, gives a reason and presses "Samarkan bagian
ini". The list is saved with the data request as it changes — each addition and removal
(``DataRequestService.save_redactions``, audited by count) — so closing the dialog, Escape or
the lock loses nothing, and the command line and a later export take the same passages out. The
copy is built by ``StudentExportService``, which applies the visibility rules of #12 first:
what the counsellor may not read is not here to redact.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.data_requests import (
    ExportField,
    ExportRecord,
    Redaction,
    redaction_problem,
)
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.data_requests import DataRequestService
from bk_desktop.services.student_export import ExportFiles, StudentExportService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import action_button, named
from bk_desktop.ui.kit.labels import set_status, status_label, wrapping_label
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.style import set_role

EXCERPT = 60


def _excerpt(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= EXCERPT else line[: EXCERPT - 1] + "…"


class RedactionDialog(QDialog):
    """The copy of one data request's student: mark passages, save them, export."""

    def __init__(self, context: UiContext, request_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redactionDialog")
        self._context = context
        self._request_id = request_id
        self._requests = DataRequestService(context.workspace)
        self._exports = StudentExportService(context.workspace)
        record = self._requests.get(request_id)
        self.setWindowTitle(self.tr("Ekspor data siswa — {number}").format(number=record.number))
        # The copy as it is, unredacted: the list offers the text to mark.
        self._copy = self._exports.build(record.student_id)
        self._fields: list[tuple[ExportRecord, ExportField]] = self._copy.redactable_fields()
        self.redactions: list[Redaction] = self._requests.redactions(request_id)
        self.files: ExportFiles | None = None
        self._editable = record.is_open

        intro = wrapping_label(
            self,
            self.tr(
                "Salinan memuat seluruh data {student} yang dapat Anda lihat. Pilih isian, "
                "tandai bagian teks yang dapat membahayakan anak atau mengungkap data orang "
                "lain, tulis alasannya, lalu tekan “Samarkan bagian ini”. Bagian itu tertulis "
                "[disamarkan] di PDF dan JSON; daftar di akhir salinan menyebut tempat dan "
                "alasannya, tanpa teksnya."
            ).format(student=record.student_name),
        )
        self.field_list = named(
            QTableWidget(len(self._fields), 2, self), "redactionFields", self.tr("Isian teks")
        )
        self.field_list.setHorizontalHeaderLabels([self.tr("Catatan"), self.tr("Isian")])
        self._table_shape(self.field_list)
        for row, (export_record, item) in enumerate(self._fields):
            self.field_list.setItem(row, 0, QTableWidgetItem(export_record.title))
            self.field_list.setItem(row, 1, QTableWidgetItem(item.label))
        self.field_list.itemSelectionChanged.connect(self._show_field)

        self.text = named(QPlainTextEdit(self), "redactionText", self.tr("Teks isian"))
        self.text.setReadOnly(True)
        self.text.setPlaceholderText(self.tr("Pilih isian di sebelah kiri untuk membaca teksnya."))
        self.reason = named(QLineEdit(self), "redactionReason", self.tr("Alasan disamarkan"))
        self.reason.setPlaceholderText(
            self.tr("mis. mengungkap data siswa lain, atau dapat membahayakan anak")
        )
        self.redact_button = action_button(
            self.tr("Samarkan bagian ini"),
            "redactButton",
            self.tr("Samarkan bagian teks yang ditandai"),
        )
        self.redact_button.clicked.connect(self.redact_selection)
        self.error = wrapping_label(self)
        self.error.setObjectName("redactionError")
        set_role(self.error, "error")
        self.error.hide()

        self.list = named(QTableWidget(0, 3, self), "redactionList", self.tr("Bagian disamarkan"))
        self.list.setHorizontalHeaderLabels(
            [self.tr("Catatan"), self.tr("Bagian"), self.tr("Alasan")]
        )
        self._table_shape(self.list)
        self.remove_button = action_button(
            self.tr("Hapus dari daftar"), "redactionRemoveButton", self.tr("Hapus penyamaran")
        )
        self.remove_button.clicked.connect(self.remove_selected)

        self.status = status_label("redactionStatus", self)
        buttons = QDialogButtonBox(self)
        self.export_button: QPushButton = buttons.addButton(
            self.tr("Ekspor ke folder…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("redactionExportButton")
        set_role(self.export_button, "primary")
        self.export_button.clicked.connect(self.export)
        close = buttons.addButton(self.tr("Tutup"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("redactionCloseButton")
        close.clicked.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Isian teks dalam salinan"), self))
        left.addWidget(self.field_list)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Teks (tandai bagian yang disamarkan)"), self))
        right.addWidget(self.text, 1)
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel(self.tr("Alasan"), self))
        reason_row.addWidget(self.reason, 1)
        reason_row.addWidget(self.redact_button)
        right.addLayout(reason_row)
        right.addWidget(self.error)
        top = QHBoxLayout()
        top.addLayout(left, 2)
        top.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if not self._editable:
            note = wrapping_label(
                self,
                self.tr(
                    "Permohonan ini sudah selesai: daftar bagian yang disamarkan tidak diubah "
                    "lagi, tetapi salinannya masih dapat diekspor."
                ),
            )
            set_role(note, "muted")
            layout.addWidget(note)
            self.redact_button.setEnabled(False)
            self.remove_button.setEnabled(False)
        layout.addLayout(top, 3)
        layout.addWidget(QLabel(self.tr("Bagian yang disamarkan"), self))
        layout.addWidget(self.list, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.remove_button)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.resize(1000, 640)
        self._show_list()
        if self._fields:
            self.field_list.selectRow(0)

    @staticmethod
    def _table_shape(table: QTableWidget) -> None:
        tab_leaves(table)  # Tab moves on to the next input, the arrows walk the rows
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)

    def _chosen(self) -> tuple[ExportRecord, ExportField] | None:
        rows = self.field_list.selectionModel().selectedRows()
        return self._fields[rows[0].row()] if rows else None

    @Slot()
    def _show_field(self) -> None:
        chosen = self._chosen()
        self.text.setPlainText(chosen[1].text if chosen else "")

    def _title_of(self, item: Redaction) -> str:
        for record, field in self._fields:
            if (record.kind, record.id, field.key) == (
                item.record_kind,
                item.record_id,
                item.field,
            ):
                return f"{record.title} — {field.label}"
        return self.tr("(catatan tidak ada lagi)")

    def _show_list(self) -> None:
        self.list.setRowCount(len(self.redactions))
        for row, item in enumerate(self.redactions):
            cells = (self._title_of(item), _excerpt(item.passage), item.reason)
            for column, value in enumerate(cells):
                self.list.setItem(row, column, QTableWidgetItem(value))

    def _say_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    @Slot()
    def redact_selection(self) -> None:
        """Add the selected passage of the shown field with the typed reason and save the
        list at once (the service checks both)."""
        chosen = self._chosen()
        passage = self.text.textCursor().selectedText().replace("\u2029", "\n")
        if chosen is None or not passage.strip():
            self._say_error(self.tr("Tandai dulu bagian teks yang akan disamarkan."))
            return
        record, field = chosen
        item = Redaction(record.kind, record.id, field.key, passage, self.reason.text())
        problem = redaction_problem(passage, self.reason.text())
        if problem is not None:
            self._say_error(problem)
            return
        if not self._save([*self.redactions, item]):
            return
        self.reason.clear()
        set_status(self.status, self.tr("Ditambahkan dan tersimpan."))

    @Slot()
    def remove_selected(self) -> None:
        rows = self.list.selectionModel().selectedRows()
        if not rows:
            return
        kept = [r for index, r in enumerate(self.redactions) if index != rows[0].row()]
        if self._save(kept):
            set_status(self.status, self.tr("Dihapus dari daftar dan tersimpan."))

    def _save(self, items: list[Redaction]) -> bool:
        """Keep ``items`` as the request's list in the vault, then show it; on a refusal the
        list shown stays as saved and the message says why."""
        try:
            self.redactions = self._requests.save_redactions(self._request_id, items)
        except KnownError as error:
            self._say_error(error.message)
            return False
        self._say_error("")
        self._show_list()
        return True

    @Slot()
    def export(self) -> None:
        """Ask for a folder, write the PDF and the JSON there (the list is already saved)."""
        title = self.tr("Ekspor data siswa")
        folder = self._context.prompter.choose_folder(self, title, Path.home())
        if folder is None:
            return
        try:
            export = self._exports.for_request(self._request_id)
            self.files = self._exports.write(export, folder)
        except KnownError as error:
            self._context.prompter.error(self, title, error.message)
            return
        set_status(self.status, self.tr("Tersimpan di {folder}").format(folder=folder))
        if export.unmatched:
            self._context.prompter.warning(
                self,
                title,
                self.tr(
                    "{n} bagian yang disamarkan tidak ditemukan lagi di salinan (teksnya sudah "
                    "diubah). Periksa salinannya sebelum diserahkan."
                ).format(n=len(export.unmatched)),
            )


__all__ = ["RedactionDialog"]
