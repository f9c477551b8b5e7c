"""Step 1: choose the file; reading it runs in the background."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    Slot,
)
from PySide6.QtWidgets import (
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
    ImportPreset,
    ImportPreview,
    PreparedFile,
)
from bk_desktop.ui.import_wizard.common import MAPPING_PAGE, PREVIEW_PAGE, tr
from bk_desktop.ui.import_wizard.work_page import WorkPage
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.labels import message_label, show_message, wrapping_label
from bk_desktop.ui.places import downloads_folder

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

        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(intro)
        caption = QLabel(tr("Berkas:"), self)
        caption.setBuddy(self.path)
        layout.addWidget(caption)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(self.busy_row)

    def isComplete(self) -> bool:
        return super().isComplete() and bool(self.path.text().strip())

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.path.setEnabled(enabled)
        self.choose.setEnabled(enabled)

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

        def work() -> tuple[PreparedFile, ImportPreset | None, ImportPreview | None]:
            prepared = service.prepare(path)
            if not prepared.table.rows:
                raise KnownError(empty.format(name=path.name))
            if prepared.is_dapodik:
                return prepared, None, service.preview(path)
            headers = prepared.table.headers
            for preset in service.presets():
                if preset.mapping.columns and not preset.mapping.absent(headers):
                    try:
                        return prepared, preset, service.preview(path, preset)
                    except ValidationError:
                        return prepared, preset, None
            return prepared, None, None

        self.run(tr("Membaca berkas…"), work, lambda r: self._read(path, *r), self._failed)
        return False

    def _read(
        self,
        path: Path,
        prepared: PreparedFile,
        preset: ImportPreset | None,
        preview: ImportPreview | None,
    ) -> None:
        self._wizard.path = path
        self._wizard.prepared = prepared
        self._wizard.matched_preset = preset
        self._wizard.preview = preview
        self.go_on()

    def _failed(self, error: KnownError) -> None:
        show_message(self.error, error.message)
        self.path.setFocus()
