"""Step 4: what the import did, where its warnings went, and an explicit save of the list.

The warnings of the students it added or updated are kept with them, so the page can promise
what Siswa delivers: the "Perlu diperiksa" filter. The whole list (rows skipped included) leaves
the vault only when the person saves it somewhere they choose.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from bk_desktop.domain.errors import KnownError
from bk_desktop.ui.import_wizard.common import tr
from bk_desktop.ui.kit.forms import button_row, named
from bk_desktop.ui.kit.labels import set_status, status_label, wrapping_label
from bk_desktop.ui.places import documents_folder
from bk_desktop.ui.student_table_model import format_count
from bk_desktop.ui.style import set_role

if TYPE_CHECKING:
    from bk_desktop.ui.import_wizard.wizard import ImportWizard


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setObjectName("importResultPage")
        self.setTitle(tr("Impor selesai"))
        self.setSubTitle(tr("Langkah 4. Daftar siswa sudah diperbarui."))
        self.summary = wrapping_label(self)
        self.summary.setObjectName("importResultSummary")
        set_role(self.summary, "heading")
        self.details = wrapping_label(self)
        self.details.setObjectName("importResultDetails")
        self.export_button = named(
            QPushButton(tr("Simpan daftar peringatan…"), self),
            "importExportWarningsButton",
            tr("Simpan daftar peringatan ke berkas"),
        )
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export_warnings)
        self.export_status = status_label("importExportStatus", self)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addLayout(button_row(self.export_button, self.export_status))
        layout.addStretch(1)

    def initializePage(self) -> None:
        result = self._wizard.result_
        preview = self._wizard.preview
        if result is None:
            return
        self.export_status.clear()
        has_warnings = preview is not None and bool(preview.warnings)
        self.export_button.setVisible(has_warnings)
        if not result.written:
            self.summary.setText(tr("Tidak ada perubahan."))
            self.details.setText(tr("Data siswa sudah sama dengan isi berkas."))
            return
        self.summary.setText(
            tr("{added} siswa ditambahkan, {updated} diperbarui.").format(
                added=format_count(result.added), updated=format_count(result.updated)
            )
        )
        lines = [
            tr("{unchanged} tidak berubah, {skipped} dilewati.").format(
                unchanged=format_count(result.unchanged), skipped=format_count(result.skipped)
            )
        ]
        if result.to_check:
            lines.append(
                tr(
                    "Ada {count} peringatan. {students} siswa kini tampil dengan saringan "
                    "“Perlu diperiksa” di tab Siswa: cocokkan datanya dengan Dapodik, perbaiki "
                    "bila perlu, lalu tandai “Sudah diperiksa”."
                ).format(
                    count=format_count(result.warnings), students=format_count(result.to_check)
                )
            )
        elif result.warnings:
            lines.append(
                tr(
                    "Ada {count} peringatan tentang baris yang dilewati atau tidak berubah. "
                    "Simpan daftarnya bila perlu dicocokkan dengan berkas asal."
                ).format(count=format_count(result.warnings))
            )
        self.details.setText("\n".join(lines))

    @Slot()
    def export_warnings(self) -> None:
        """Save the preview's warnings where the person chooses (an audited export)."""
        preview = self._wizard.preview
        if preview is None or not preview.warnings:
            return
        wizard = self._wizard
        suggested = documents_folder() / f"Peringatan impor {Path(preview.source).stem}.csv"
        path = wizard.prompter.save_file(
            self, tr("Simpan daftar peringatan"), suggested, tr("Berkas CSV (*.csv)")
        )
        if path is None:
            return
        try:
            written = wizard.service.export_warnings(path, preview.warnings, preview.source)
        except KnownError as error:
            wizard.prompter.error(self, tr("Simpan daftar peringatan"), error.message)
            return
        set_status(
            self.export_status,
            tr(
                "Tersimpan di {path}. Berkas ini memuat nama siswa: simpan dengan hati-hati."
            ).format(path=written),
        )
