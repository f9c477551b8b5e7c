"""Step 4: what the import did."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QVBoxLayout,
    QWizardPage,
)

from bk_desktop.ui.import_wizard.common import tr
from bk_desktop.ui.kit.labels import wrapping_label
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
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addStretch(1)

    def initializePage(self) -> None:
        result = self._wizard.result_
        if result is None:
            return
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
        if result.warnings:
            lines.append(
                tr(
                    "Ada {count} peringatan pada pratinjau: periksa data siswa tersebut di tab "
                    "Siswa dan perbaiki bila perlu."
                ).format(count=format_count(result.warnings))
            )
        self.details.setText("\n".join(lines))
