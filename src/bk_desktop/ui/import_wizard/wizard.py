"""The import window: its buttons, its pages, and the state the pages hand each other."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QWidget,
    QWizard,
)

# The UI may not import ``importers`` (tests/test_architecture.py): the import's types come
# through its service.
from bk_desktop.services.student_import import (
    ImportPreset,
    ImportPreview,
    ImportResult,
    PreparedFile,
    StudentImportService,
)
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.import_wizard.common import (
    FILE_PAGE,
    MAPPING_PAGE,
    PREVIEW_PAGE,
    RESULT_PAGE,
    tr,
)
from bk_desktop.ui.import_wizard.file_page import FilePage
from bk_desktop.ui.import_wizard.mapping_page import MappingPage
from bk_desktop.ui.import_wizard.preview_page import PreviewPage
from bk_desktop.ui.import_wizard.result_page import ResultPage
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.prompter import Prompter
from bk_desktop.ui.style import fit_to_screen


class ImportWizard(QWizard):
    """The import window. What it writes reaches the lists as change notices (Siswa reads
    once the window has closed)."""

    progressed = Signal(int, int)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = StudentImportService(context.workspace)
        self.prompter: Prompter = context.prompter
        self.path: Path | None = None
        self.prepared: PreparedFile | None = None
        self.matched_preset: ImportPreset | None = None
        self.preview: ImportPreview | None = None
        self.result_: ImportResult | None = None
        self._busy = False
        named(self, "importWizard", tr("Impor data siswa"))
        self.setWindowTitle(tr("Impor data siswa"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        texts = {
            QWizard.WizardButton.BackButton: (tr("< Kembali"), "importBackButton"),
            QWizard.WizardButton.NextButton: (tr("Lanjut >"), "importNextButton"),
            QWizard.WizardButton.CommitButton: (tr("Impor sekarang"), "importApplyButton"),
            QWizard.WizardButton.FinishButton: (tr("Selesai"), "importFinishButton"),
            QWizard.WizardButton.CancelButton: (tr("Batal"), "importCancelButton"),
        }
        for which, (text, name) in texts.items():
            self.setButtonText(which, text)
            named(self.button(which), name, text.strip("<> "))
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        self.setPage(FILE_PAGE, self.file_page)
        self.setPage(MAPPING_PAGE, self.mapping_page)
        self.setPage(PREVIEW_PAGE, self.preview_page)
        self.setPage(RESULT_PAGE, self.result_page)
        self.setStartId(FILE_PAGE)
        self.setMinimumSize(720, 460)
        fit_to_screen(self, 980, 680)

    @property
    def busy_now(self) -> bool:
        return self._busy

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(not busy)

    def forget_file(self) -> None:
        """A new file was chosen: nothing read from the old one is used any more."""
        self.path = None
        self.prepared = None
        self.matched_preset = None
        self.preview = None

    def reject(self) -> None:
        if self._busy:  # a background step holds the vault; it cannot be stopped half-way
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape never ends the wizard (a stray Escape lost a half-done import); "Batal"
        does."""
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)
