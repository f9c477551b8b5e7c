"""Step 3: the preview (counts, every warning, and who goes to which class; nothing written
yet), then applying it with a progress bar. A Dapodik download skips step 2, and the page
says why, so the jump from "Langkah 1" to "Langkah 3" is not a mystery."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QObject,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from bk_desktop.domain.errors import KnownError

# The UI may not import ``importers`` (tests/test_architecture.py): the import's types come
# through its service.
from bk_desktop.services.student_import import (
    ImportResult,
)
from bk_desktop.ui.import_wizard.changes_model import ChangesModel
from bk_desktop.ui.import_wizard.common import WRAP_LIMIT, tr
from bk_desktop.ui.import_wizard.warnings_model import WarningsModel
from bk_desktop.ui.import_wizard.work_page import WorkPage
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.labels import message_label, show_message, wrapping_label
from bk_desktop.ui.kit.tiles import CountTile
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.student_table_model import format_count
from bk_desktop.ui.style import set_role

if TYPE_CHECKING:
    from bk_desktop.ui.import_wizard.wizard import ImportWizard


class ProgressRelay(QObject):
    """Carries ``apply``'s progress calls from the worker thread to the window's thread."""

    progressed = Signal(int, int)


class PreviewPage(WorkPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(
            wizard,
            "importPreviewPage",
            tr("Pratinjau"),
            tr(
                "Langkah 3. Belum ada yang disimpan. Periksa angka dan peringatan di bawah, "
                "lalu tekan Impor sekarang."
            ),
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("Impor sekarang"))
        self.applied = False
        self.source = wrapping_label(self)
        self.source.setObjectName("importSourceLabel")
        tiles = self._count_tiles()
        self.nothing = wrapping_label(
            self,
            tr("Tidak ada yang akan berubah: data siswa sudah sama dengan berkas ini."),
        )
        self.nothing.setObjectName("importNothingNote")
        set_role(self.nothing, "note")
        self.warnings_heading = QLabel(self)
        self.warnings_heading.setObjectName("importWarningsHeading")
        set_role(self.warnings_heading, "warning")
        self.table = self._warnings_table()
        self.no_warnings = QLabel(tr("Tidak ada peringatan."), self)
        self.no_warnings.setObjectName("importNoWarnings")
        set_role(self.no_warnings, "ok")
        self.error = message_label("importApplyError", self)
        self.busy_bar.setObjectName("importProgress")
        self.busy_bar.setAccessibleName(tr("Kemajuan impor"))
        self.busy_bar.setTextVisible(True)
        self.busy_bar.setFormat(tr("%p%"))
        self.busy_bar.setMaximumHeight(22)

        self.changes_table = self._changes_table()
        warnings_tab = QWidget(self)
        warnings_layout = QVBoxLayout(warnings_tab)
        warnings_layout.setContentsMargins(6, 6, 6, 6)
        warnings_layout.addWidget(self.warnings_heading)
        warnings_layout.addWidget(self.table, 1)
        warnings_layout.addWidget(self.no_warnings)
        warnings_layout.addStretch(0)
        changes_tab = QWidget(self)
        changes_layout = QVBoxLayout(changes_tab)
        changes_layout.setContentsMargins(6, 6, 6, 6)
        changes_layout.addWidget(self.changes_table, 1)
        self.details = QTabWidget(self)
        self.details.setObjectName("importPreviewTabs")
        self.details.addTab(warnings_tab, tr("Peringatan"))
        self.details.addTab(changes_tab, tr("Siswa dan kelas"))

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.source)
        layout.addLayout(tiles)
        layout.addWidget(self.nothing)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.error)
        layout.addLayout(self.busy_row)

    # -- building --------------------------------------------------------------------------

    def _count_tiles(self) -> QHBoxLayout:
        """What applying would do: added, updated, unchanged, skipped."""
        tiles = QHBoxLayout()
        tiles.setSpacing(12)

        def count_tile(name: str, title: str) -> CountTile:
            return CountTile(
                f"import{name}CountTile",
                title,
                value_name=f"import{name}Count",
                large=False,
                parent=self,
            )

        self.added = count_tile("Added", tr("Akan ditambahkan"))
        self.updated = count_tile("Updated", tr("Akan diperbarui"))
        self.unchanged = count_tile("Unchanged", tr("Tidak berubah"))
        self.skipped = count_tile("Skipped", tr("Dilewati"))
        for tile in (self.added, self.updated, self.unchanged, self.skipped):
            tiles.addWidget(tile, 1)
        return tiles

    def _read_only_table(self, name: str, accessible: str) -> QTableView:
        """A list to read: whole rows selected, nothing edited, Tab moves on."""
        table = tab_leaves(QTableView(self))
        named(table, name, accessible)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        return table

    def _warnings_table(self) -> QTableView:
        """Every warning with its row in the file and the student's name."""
        self.warnings_model = WarningsModel(self)
        table = self._read_only_table("importWarningsTable", tr("Peringatan impor"))
        table.setModel(self.warnings_model)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        metrics = table.fontMetrics()
        header.resizeSection(0, metrics.horizontalAdvance("Baris 0000") + 12)
        header.resizeSection(1, metrics.horizontalAdvance("M" * 16) + 12)
        header.sectionResized.connect(self._fit_rows)
        return table

    def _changes_table(self) -> QTableView:
        """Who is added or updated, with the class they go to, in file order."""
        self.changes_model = ChangesModel(self)
        table = self._read_only_table(
            "importChangesTable", tr("Siswa yang ditambahkan atau diperbarui")
        )
        table.setModel(self.changes_model)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        metrics = table.fontMetrics()
        header.resizeSection(0, metrics.horizontalAdvance("Baris 0000") + 12)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(2, metrics.horizontalAdvance("Diperbarui: rombel, NIK") + 16)
        header.resizeSection(3, metrics.horizontalAdvance("XII MIPA 10 WW") + 12)
        return table

    def initializePage(self) -> None:
        preview = self._wizard.preview
        if preview is None:
            return
        self.applied = False
        show_message(self.error, "")
        if preview.is_dapodik:
            self.setSubTitle(
                tr(
                    "Langkah 3. Langkah 2 (mencocokkan kolom) dilewati: berkas ini unduhan "
                    "Dapodik, kolomnya sudah dikenali. Belum ada yang disimpan; periksa angka, "
                    "peringatan, dan kelas di bawah, lalu tekan Impor sekarang."
                )
            )
        else:
            self.setSubTitle(
                tr(
                    "Langkah 3. Belum ada yang disimpan. Periksa angka, peringatan, dan kelas "
                    "di bawah, lalu tekan Impor sekarang."
                )
            )
        if preview.is_dapodik:
            kind = tr("unduhan Dapodik")
        elif preview.preset_name:
            kind = tr("preset “{name}”").format(name=preview.preset_name)
        else:
            kind = tr("pemetaan kolom")
        self.source.setText(
            tr("Berkas {file} ({kind}). Rombel dicatat untuk tahun ajaran {year}.").format(
                file=preview.source, kind=kind, year=preview.academic_year
            )
            + (" " + self._wizard.file_page.detection_text()).rstrip()
        )
        for tile, count in (
            (self.added, preview.added),
            (self.updated, preview.updated),
            (self.unchanged, preview.unchanged),
            (self.skipped, preview.skipped),
        ):
            tile.value.setText(format_count(count))
        self.nothing.setVisible(not preview.has_changes)
        warnings = preview.warnings
        self.warnings_model.set_warnings(warnings)
        self.warnings_heading.setText(
            tr(
                "{count} peringatan — periksa data siswa ini dengan Dapodik atau berkas asal:"
            ).format(count=format_count(len(warnings)))
        )
        self.warnings_heading.setVisible(bool(warnings))
        self.table.setVisible(bool(warnings))
        self.no_warnings.setVisible(not warnings)
        changes = preview.changes()
        self.changes_model.set_changes(changes)
        self.details.setTabText(
            0, tr("Peringatan ({count})").format(count=format_count(len(warnings)))
        )
        self.details.setTabText(
            1, tr("Siswa dan kelas ({count})").format(count=format_count(len(changes)))
        )
        self.details.setCurrentIndex(0)
        self._fit_rows()

    @Slot()
    def _fit_rows(self) -> None:
        """Row heights for the wrapped messages at the width the message column has now."""
        if 0 < self.warnings_model.rowCount() <= WRAP_LIMIT and self.table.isVisible():
            self.table.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_rows()

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.table.setEnabled(enabled)
        self.changes_table.setEnabled(enabled)

    def validatePage(self) -> bool:
        if self.take_advance():
            return True
        if self.busy_now:
            return False
        preview = self._wizard.preview
        if preview is None:
            return False
        show_message(self.error, "")
        service = self._wizard.service
        relay = ProgressRelay(self)
        relay.progressed.connect(self._on_progress)
        report = relay.progressed.emit

        def work() -> ImportResult:
            # Runs in the worker thread; see the module docstring for why the vault is free.
            return service.apply(preview, report)

        self.run(
            tr("Menyimpan…"),
            work,
            lambda result: self._applied(result, relay),
            lambda error: self._failed(error, relay),
        )
        self.busy_bar.setRange(0, max(preview.added + preview.updated, 1))
        self.busy_bar.setValue(0)
        return False

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.busy_bar.setRange(0, total)
            self.busy_bar.setValue(done)
            self.busy_label.setText(
                tr("Menyimpan {done} dari {total} siswa…").format(
                    done=format_count(done), total=format_count(total)
                )
            )
        self._wizard.progressed.emit(done, total)

    def _applied(self, result: ImportResult, relay: ProgressRelay) -> None:
        relay.deleteLater()
        self.applied = True
        self._wizard.result_ = result
        self.go_on()

    def _failed(self, error: KnownError, relay: ProgressRelay) -> None:
        relay.deleteLater()
        show_message(
            self.error,
            tr("{message} Tidak ada data yang disimpan.").format(message=error.message),
        )
