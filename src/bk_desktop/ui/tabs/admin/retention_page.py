"""Pengaturan → Privasi → Retensi: how long records are kept, and the students past it.

The list shows students by initials and the class they were last seen in (never by name):
those who left longer ago than the retention period, and those with no class this academic
year or the last (a drop-out is never set *lulus* or *pindah*). One or several are chosen and
**anonymised** or **erased permanently**; the confirmation counts the records that go, by
kind, says it cannot be undone and asks for a typed word. The work (one transaction, then the
vacuum) runs behind the busy indicator of ``ModalRunner``; the page then says what went, until
when older backups still hold the data and, if the file could not be compacted, that it will be
later. ``ErasureRunner`` is that run-and-say, shared with the data request page's "Hapus data
siswa…" so both say the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.retention import ErasureMode, RecordCount, describe_counts
from bk_desktop.domain.settings import RETENTION_MAX, RETENTION_MIN
from bk_desktop.services.erasure import ErasureResult, ErasureService
from bk_desktop.services.retention import RetentionRow, RetentionService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import (
    FieldForm,
    action_button,
    button_row,
    dialog_layout,
    group_layout,
    named,
    place_error,
)
from bk_desktop.ui.kit.labels import set_status, status_label, wrapping_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.kit.runner import ModalRunner
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.admin.admin_page import AdminPage


class ConfirmErasureDialog(QDialog):
    """Names what goes and asks for the mode's word; "Lanjutkan" stays off until it is typed."""

    def __init__(
        self, mode: ErasureMode, students: int, counts: list[RecordCount], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("confirmErasureDialog")
        self.setWindowTitle(mode.label)
        self.mode = mode
        what = (
            self.tr(
                "Nama, rombel, nomor induk, alamat, kontak dan semua teks catatan akan dihapus; "
                "bidang, tanggal, durasi, tingkat kelas dan sumber tetap untuk laporan."
            )
            if mode is ErasureMode.ANONYMISE
            else self.tr("Siswa dan semua catatan yang terkait akan dihapus dari brankas.")
        )
        text = self.tr(
            "{what}\n\nSiswa: {students}. Catatan: {counts}.\n\nTindakan ini tidak dapat "
            "dibatalkan. Ketik {word} untuk melanjutkan."
        ).format(
            what=what,
            students=students,
            counts=describe_counts(counts),
            word=mode.confirmation_word,
        )
        self.summary = wrapping_label(self, text)
        self.summary.setObjectName("confirmErasureSummary")
        self.word = named(QLineEdit(self), "confirmErasureWord", self.tr("Kata konfirmasi"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.go = named(
            self.buttons.button(QDialogButtonBox.StandardButton.Ok),
            "confirmErasureButton",
            mode.label,
        )
        self.go.setText(mode.label)
        set_role(self.go, "danger")
        self.go.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.word.textChanged.connect(
            lambda typed: self.go.setEnabled(typed.strip() == mode.confirmation_word)
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        dialog_layout(self, self.summary, self.word, self.buttons)

    def typed(self) -> str:
        return self.word.text()


class ErasureRunner(QObject):
    """Anonymise or erase behind ``ModalRunner``'s busy indicator (one transaction, then the
    vacuum: seconds on a large vault, so never on the window's thread) and say the result:
    what went in ``result``, until when older backups still hold it in ``backups``, and that
    the file is not yet compacted when the disk refused. A failure is said in ``result`` and
    in a message box titled ``title``."""

    def __init__(
        self, context: UiContext, owner: QWidget, result: QLabel, backups: QLabel, title: str
    ) -> None:
        super().__init__(owner)
        self._context = context
        self._owner = owner
        self._result = result
        self._backups = backups
        self._title = title
        self._runner = ModalRunner(owner)

    def run(
        self,
        mode: ErasureMode,
        ids: list[int],
        typed: str,
        after: Callable[[ErasureResult], str],
    ) -> None:
        """``after`` runs on the window's thread once the work is done (the page reads its
        list again, the request page completes the request) and returns a sentence to say
        before the result, or ""."""
        service = ErasureService(self._context.workspace)
        work: Callable[[], ErasureResult] = (
            (lambda: service.erase(ids, typed))
            if mode is ErasureMode.ERASE
            else (lambda: service.anonymise(ids, typed))
        )
        self._runner.run(
            self.tr("Memproses data siswa…"),
            work,
            lambda result: self._done(result, after),
            self.failed,
        )

    def describe(self, result: ErasureResult) -> str:
        """What went, and the warning when the file is not yet compacted."""
        verb = self.tr("dihapus") if result.mode is ErasureMode.ERASE else self.tr("dianonimkan")
        text = self.tr("{n} siswa {verb}: {counts}.").format(
            n=result.students, verb=verb, counts=describe_counts(result.counts)
        )
        if not result.compacted:
            text += " " + self.tr(
                "Data sudah dihapus, tetapi pemadatan berkas brankas belum berhasil (ruang "
                "disk kurang); bk-desktop mencobanya lagi saat dibuka atau ditutup. Kosongkan "
                "sebagian ruang disk bila bisa."
            )
        return text

    def _done(self, result: ErasureResult, after: Callable[[ErasureResult], str]) -> None:
        lead = after(result)
        set_status(self._result, " ".join(filter(None, (lead, self.describe(result)))))
        self._backups.setText(RetentionService(self._context.workspace).backup_note(result.done_on))
        self._backups.setVisible(True)

    def failed(self, error: KnownError) -> None:
        self.say_error(error.message)

    def say_error(self, message: str) -> None:
        """In the status line and, once the current handler has returned, a message box."""
        set_status(self._result, message, ok=False)
        prompter = self._context.prompter
        self._runner.later(lambda: prompter.error(self._owner, self._title, message))


class RetentionPage(AdminPage):
    """The retention setting; the students to decide about; Anonimkan… and Hapus permanen…."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Retensi"),
            self.tr(
                "Data siswa disimpan selama masa simpan setelah siswa lulus, pindah atau keluar. "
                "Sesudah itu datanya dianonimkan (statistik tetap) atau dihapus permanen."
            ),
            parent,
        )
        self._context = context
        self.rows: list[RetentionRow] = []
        self.years = named(QSpinBox(self), "retentionYears", self.tr("Masa simpan (tahun)"))
        self.years.setRange(RETENTION_MIN, RETENTION_MAX)
        self.years.setSuffix(self.tr(" tahun"))
        group = QGroupBox(self.tr("Masa simpan"))
        self.form = FieldForm()
        self.form.add(self.tr("Setelah siswa keluar"), self.years, keys=("retention_years",))
        layout = group_layout(group)
        layout.addLayout(self.form)
        self.save_button = action_button(self.tr("Simpan"), "retentionSaveButton")
        set_role(self.save_button, "primary")
        self.save_button.clicked.connect(self.save)
        self.status = status_label("retentionStatus")
        layout.addLayout(button_row(self.save_button, self.status))
        self.body.addWidget(group)

        listing = QGroupBox(self.tr("Siswa yang perlu diputuskan"))
        list_layout = group_layout(listing)
        self.table = named(
            QTableWidget(0, 5, self), "retentionTable", self.tr("Siswa yang perlu diputuskan")
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Inisial"),
                self.tr("Kelas terakhir"),
                self.tr("Keluar"),
                self.tr("Alasan"),
                self.tr("Catatan"),
            ]
        )
        self.table.setTabKeyNavigation(False)  # Tab leaves the list, arrows walk it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * 12)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty = wrapping_label(self)
        self.empty.setObjectName("retentionEmpty")
        self.anonymise_button = action_button(self.tr("Anonimkan…"), "anonymiseButton")
        self.erase_button = action_button(self.tr("Hapus permanen…"), "eraseButton")
        set_role(self.erase_button, "danger")
        self.anonymise_button.clicked.connect(lambda: self.ask(ErasureMode.ANONYMISE))
        self.erase_button.clicked.connect(lambda: self.ask(ErasureMode.ERASE))
        self.result = status_label("retentionResult")
        self.backups = wrapping_label(self)
        self.backups.setObjectName("retentionBackups")
        list_layout.addWidget(self.table)
        list_layout.addWidget(self.empty)
        list_layout.addLayout(button_row(self.anonymise_button, self.erase_button, self.result))
        list_layout.addWidget(self.backups)
        self.body.addWidget(listing)
        self.dialogs = DialogSlot(self)
        self.eraser = ErasureRunner(context, self, self.result, self.backups, self.tr("Retensi"))
        self.finish()
        self.refresh()

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        service = RetentionService(self._context.workspace)
        self.years.setValue(service.years())
        self.form.mark_clean()
        self.form.clear_errors()
        self.status.clear()
        self.rows = service.rows()
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            values = [
                row.initials,
                row.last_class or self.tr("tidak ada"),
                row.left_text,
                row.reason.label,
                str(row.records),
            ]
            for column, value in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.table.setVisible(bool(self.rows))
        self.empty.setVisible(not self.rows)
        self.empty.setText(
            self.tr(
                "Tidak ada siswa yang masa simpannya lewat atau yang tidak punya kelas tahun "
                "ajaran ini dan tahun lalu."
            )
        )
        self.backups.setText(service.backup_note())
        self._selection_changed()

    def chosen(self) -> list[int]:
        picked = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.rows[i].student_id for i in picked if i < len(self.rows)]

    def _selection_changed(self) -> None:
        some = bool(self.chosen())
        self.anonymise_button.setEnabled(some)
        self.erase_button.setEnabled(some)

    # -- the setting -------------------------------------------------------------------------

    def save(self) -> None:
        self.form.clear_errors()
        wanted = replace(self._context.settings.get(), retention_years=self.years.value())
        if self.save_settings(
            self._context,
            wanted,
            status=self.status,
            show_error=lambda error: place_error((self.form,), error),
            title=self.tr("Retensi"),
        ):
            self.refresh()

    # -- anonymise / erase -------------------------------------------------------------------

    def ask(self, mode: ErasureMode) -> None:
        ids = self.chosen()
        if not ids:
            return
        service = ErasureService(self._context.workspace)
        try:
            counts = service.preview(ids)
        except KnownError as error:
            self.eraser.failed(error)
            return
        dialog = ConfirmErasureDialog(mode, len(ids), counts, self)
        dialog.accepted.connect(lambda: self._run(mode, ids, dialog.typed()))
        self.dialogs.open(dialog, lambda: None)

    def _run(self, mode: ErasureMode, ids: list[int], typed: str) -> None:
        self.eraser.run(mode, ids, typed, self._erased)

    def _erased(self, _result: ErasureResult) -> str:
        self.refresh()
        return ""
