"""Step 1: choose the file; reading it runs in the background."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    Slot,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from bk_desktop.domain.errors import KnownError, ValidationError

# The UI may not import ``importers`` (tests/test_architecture.py): the import's types come
# through its service.
from bk_desktop.services.student_import import (
    DetectedFile,
    ImportPreview,
)
from bk_desktop.ui.import_wizard.common import MAPPING_PAGE, PREVIEW_PAGE, tr
from bk_desktop.ui.import_wizard.work_page import WorkPage
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.labels import message_label, show_message, wrapping_label
from bk_desktop.ui.places import downloads_folder
from bk_desktop.ui.style import set_role

if TYPE_CHECKING:
    from bk_desktop.ui.import_wizard.wizard import ImportWizard


class FilePage(WorkPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(
            wizard,
            "importFilePage",
            tr("Pilih berkas"),
            tr(
                "Langkah 1. Belum ada data yang disimpan sampai Anda memeriksa pratinjau dan "
                "menekan Impor sekarang."
            ),
        )
        intro = wrapping_label(
            self,
            tr(
                "Berkas yang dapat dibaca: unduhan “Daftar Peserta Didik” dari Dapodik (.xlsx), "
                "ekspor EMIS, dan lembar kerja lain (.xlsx atau .csv) yang punya baris judul "
                "kolom. Siswa yang sudah ada dikenali dari NISN, NIK, atau nama dan tanggal "
                "lahir, lalu diperbarui, bukan digandakan."
            ),
        )
        self.path = QLineEdit(self)
        named(self.path, "importFilePath", tr("Berkas yang akan diimpor"))
        self.path.setPlaceholderText(tr("Belum ada berkas dipilih"))
        self.path.textChanged.connect(self._on_path_changed)
        self.choose = QPushButton(tr("Pilih berkas…"), self)
        named(self.choose, "importChooseFileButton", tr("Pilih berkas"))
        self.choose.setAutoDefault(False)
        self.choose.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        self.error = message_label("importFileError", self)
        # Which kind of file this is: recognised from the header unless the user says.
        self.kind = QComboBox(self)
        named(self.kind, "importPresetChoice", tr("Jenis berkas"))
        self.kind.currentIndexChanged.connect(self._on_path_changed)
        self.detected_note = wrapping_label(self)
        self.detected_note.setObjectName("importDetectedNote")
        set_role(self.detected_note, "muted")
        self.detected_note.hide()
        self.detected: DetectedFile | None = None

        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(intro)
        caption = QLabel(tr("Berkas:"), self)
        caption.setBuddy(self.path)
        layout.addWidget(caption)
        layout.addLayout(row)
        layout.addWidget(self.error)
        kind_row = QHBoxLayout()
        kind_caption = QLabel(tr("Jenis berkas:"), self)
        kind_caption.setBuddy(self.kind)
        kind_row.addWidget(kind_caption)
        kind_row.addWidget(self.kind, 1)
        layout.addLayout(kind_row)
        layout.addWidget(self.detected_note)
        layout.addStretch(1)
        layout.addLayout(self.busy_row)

    def initializePage(self) -> None:
        chosen = self.kind.currentText()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(tr("Kenali sendiri dari judul kolom"), None)
        for preset in self._wizard.service.presets():
            self.kind.addItem(tr("Preset “{name}”").format(name=preset.name), preset)
        self.kind.setCurrentIndex(max(0, self.kind.findText(chosen)))
        self.kind.blockSignals(False)

    def isComplete(self) -> bool:
        return super().isComplete() and bool(self.path.text().strip())

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.path.setEnabled(enabled)
        self.choose.setEnabled(enabled)
        self.kind.setEnabled(enabled)

    @Slot()
    def choose_file(self) -> None:
        current = self.path.text().strip()
        start = Path(current).parent if current else downloads_folder()
        chosen = self._wizard.prompter.open_file(
            self,
            tr("Pilih berkas daftar siswa"),
            start,
            tr("Lembar kerja (*.xlsx *.xlsm *.csv);;Semua berkas (*)"),
        )
        if chosen is not None:
            self.path.setText(str(chosen))

    @Slot()
    def _on_path_changed(self) -> None:
        self._wizard.forget_file()
        self.detected = None
        self.detected_note.hide()
        show_message(self.error, "")
        self.completeChanged.emit()

    def nextId(self) -> int:
        return PREVIEW_PAGE if self._wizard.preview is not None else MAPPING_PAGE

    def validatePage(self) -> bool:
        if self.take_advance():
            return True
        if self.busy_now:
            return False
        show_message(self.error, "")
        path = Path(self.path.text().strip())
        service = self._wizard.service
        empty = tr("Berkas “{name}” tidak berisi data siswa di bawah baris judul kolom.")

        forced = self.kind.currentData()

        def work() -> tuple[DetectedFile, ImportPreview | None]:
            detected = service.detect(path, forced)
            prepared = detected.prepared
            if not prepared.table.rows:
                raise KnownError(empty.format(name=path.name))
            if prepared.is_dapodik:
                return detected, service.preview(path)
            preset = detected.preset
            if preset is None or prepared.mapping.absent(prepared.table.headers):
                return detected, None  # the mapping step shows what was found and what not
            try:
                return detected, service.preview(path, preset)
            except ValidationError:
                return detected, None

        self.run(tr("Membaca berkas…"), work, lambda r: self._read(path, *r), self._failed)
        return False

    def _read(self, path: Path, detected: DetectedFile, preview: ImportPreview | None) -> None:
        self.detected = detected
        self.detected_note.setText(self.detection_text())
        self.detected_note.show()
        self._wizard.path = path
        self._wizard.prepared = detected.prepared
        self._wizard.matched_preset = detected.preset
        self._wizard.preview = preview
        self.go_on()

    def detection_text(self) -> str:
        """What the file was read as, and why; the next pages show it too."""
        if self.detected is None:
            return ""
        return tr("Dibaca sebagai {kind}: {reason}. Bila salah, ubah “Jenis berkas”.").format(
            kind=self.detected.choice.kind, reason=self.detected.choice.reason
        )

    def _failed(self, error: KnownError) -> None:
        show_message(self.error, error.message)
        self.path.setFocus()
