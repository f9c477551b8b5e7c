"""Importing students from a file: choose it, map its columns, look at the preview, then apply.

Pages: choose the file → (only when it is neither a Dapodik export nor matched by a saved
preset) map its columns → preview (counts and every warning with the student's name; nothing
is written yet) → the result. Reading a file, making the preview and applying it run in a
background thread, so a 2,000-row file never freezes the window; applying feeds a progress bar.

The vault has one connection. While a background step runs, nothing else may use it: the
wizard is modal over the main window (so no other tab can act), its Batal/Kembali buttons and
Esc are refused until the step ends, and the Siswa tab stops its list from reading rows while
the wizard is open. The main window's lock waits for the running task (it is a child ``Task``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from bk_desktop.domain.errors import KnownError, ValidationError

# The UI may not import ``importers`` (tests/test_architecture.py). BUILTIN_PRESETS,
from bk_desktop.services.student_import import (
    BUILTIN_PRESETS,
    ColumnMapping,
    DateOrder,
    ImportPreset,
    ImportPreview,
    ImportResult,
    ImportWarning,
    PreparedFile,
    StudentImportService,
)
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.labels import message_label, show_message, wrapping_label
from bk_desktop.ui.kit.runner import Task, start_task
from bk_desktop.ui.kit.tiles import CountTile
from bk_desktop.ui.prompter import Prompter
from bk_desktop.ui.student_dialog import fit_to_screen
from bk_desktop.ui.student_table_model import format_count
from bk_desktop.ui.style import set_role

FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE, RESULT_PAGE = range(4)

_ModelIndex = QModelIndex | QPersistentModelIndex
_SAMPLE_ROWS = 30
_WRAP_LIMIT = 400
"""Above this many warnings, rows keep one line (the full text is in the tooltip)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


# The student data a file column can feed, by the importer's field keys (``TargetField`` values),
# in the order the mapping page lists them. A test keeps this in step with the importer.
FIELDS: tuple[tuple[str, str], ...] = (
    ("nis", "NIS/NIPD"),
    ("nisn", "NISN"),
    ("nik", "NIK"),
    ("no_kk", "No KK"),
    ("name", "Nama"),
    ("sex", "Jenis Kelamin"),
    ("birth_place", "Tempat Lahir"),
    ("birth_date", "Tanggal Lahir"),
    ("religion", "Agama"),
    ("address", "Alamat"),
    ("rt", "RT"),
    ("rw", "RW"),
    ("dusun", "Dusun"),
    ("kelurahan", "Kelurahan/Desa"),
    ("kecamatan", "Kecamatan"),
    ("kode_pos", "Kode Pos"),
    ("phone", "Telepon/HP"),
    ("rombel", "Rombel/Kelas"),
    ("homeroom_teacher", "Wali Kelas"),
    ("father_name", "Nama Ayah"),
    ("mother_name", "Nama Ibu"),
    ("guardian_name", "Nama Wali"),
    ("parent_phone", "Telepon Orang Tua/Wali"),
    ("notes", "Catatan"),
)
REQUIRED_FIELDS = frozenset({"name"})


def field_object_name(key: str) -> str:
    """The mapping combo of a field: "importMapBirthDate" for the key "birth_date"."""
    return "importMap" + "".join(part.capitalize() for part in key.split("_"))


class WarningsModel(QAbstractTableModel):
    """The preview's warnings: sheet row, student, message."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._warnings: tuple[ImportWarning, ...] = ()

    def set_warnings(self, warnings: tuple[ImportWarning, ...]) -> None:
        self.beginResetModel()
        self._warnings = warnings
        self.endResetModel()

    def rowCount(self, parent: _ModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._warnings)

    def columnCount(self, parent: _ModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return 3

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._warnings):
            return None
        warning = self._warnings[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (str(warning.row_number), warning.student_name, warning.message)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(warning)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 3
        ):
            return (_tr("Baris"), _tr("Nama siswa"), _tr("Peringatan"))[section]
        return None


class _ProgressRelay(QObject):
    """Carries ``apply``'s progress calls from the worker thread to the window's thread."""

    progressed = Signal(int, int)


class _WorkPage(QWizardPage):
    """A page that may run one background step, with a busy line at its foot."""

    def __init__(self, wizard: ImportWizard, name: str, title: str, subtitle: str) -> None:
        super().__init__(wizard)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self._wizard = wizard
        self._task: Task | None = None
        self._advance = False
        self.setObjectName(name)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName(f"{name}BusyLabel")
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName(f"{name}BusyBar")
        self.busy_bar.setAccessibleName(_tr("Kemajuan"))
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(12)
        self.busy_row = QHBoxLayout()
        self.busy_row.setSpacing(12)
        self.busy_row.addWidget(self.busy_label)
        self.busy_row.addWidget(self.busy_bar, 1)
        self.busy_label.hide()
        self.busy_bar.hide()

    @property
    def busy_now(self) -> bool:
        return self._task is not None

    def isComplete(self) -> bool:
        return not self.busy_now

    def run(
        self,
        label: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[KnownError], None],
    ) -> None:
        def done(result: Any) -> None:
            self._task = None
            self._set_busy(False)
            on_done(result)

        def failed(error: KnownError) -> None:
            self._task = None
            self._set_busy(False)
            on_failed(error)

        self.busy_label.setText(label)
        self.busy_bar.setRange(0, 0)
        self._task = start_task(work, self, done, failed)
        self._set_busy(True)

    def _set_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)
        self.set_inputs_enabled(not busy)
        self.completeChanged.emit()  # the wizard re-enables its buttons here…
        self._wizard.set_busy(busy)  # …so Kembali and Batal are turned off after it

    def set_inputs_enabled(self, enabled: bool) -> None:
        """Pages turn their own inputs off while their step runs."""

    def go_on(self) -> None:
        """Leave the page after its background step succeeded."""
        self._advance = True
        self._wizard.next()

    def take_advance(self) -> bool:
        advance, self._advance = self._advance, False
        return advance


class FilePage(_WorkPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(
            wizard,
            "importFilePage",
            _tr("Pilih berkas"),
            _tr(
                "Langkah 1. Belum ada data yang disimpan sampai Anda memeriksa pratinjau dan "
                "menekan Impor sekarang."
            ),
        )
        intro = wrapping_label(
            self,
            _tr(
                "Berkas yang dapat dibaca: unduhan “Daftar Peserta Didik” dari Dapodik (.xlsx), "
                "ekspor EMIS, dan lembar kerja lain (.xlsx atau .csv) yang punya baris judul "
                "kolom. Siswa yang sudah ada dikenali dari NISN, NIK, atau nama dan tanggal "
                "lahir, lalu diperbarui, bukan digandakan."
            ),
        )
        self.path = QLineEdit(self)
        named(self.path, "importFilePath", _tr("Berkas yang akan diimpor"))
        self.path.setPlaceholderText(_tr("Belum ada berkas dipilih"))
        self.path.textChanged.connect(self._on_path_changed)
        self.choose = QPushButton(_tr("Pilih berkas…"), self)
        named(self.choose, "importChooseFileButton", _tr("Pilih berkas"))
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
        caption = QLabel(_tr("Berkas:"), self)
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
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        current = self.path.text().strip()
        start = Path(current).parent if current else Path(documents or Path.home())
        chosen = self._wizard.prompter.open_file(
            self,
            _tr("Pilih berkas daftar siswa"),
            start,
            _tr("Lembar kerja (*.xlsx *.xlsm *.csv);;Semua berkas (*)"),
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
        empty = _tr("Berkas “{name}” tidak berisi data siswa di bawah baris judul kolom.")

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

        self.run(_tr("Membaca berkas…"), work, lambda r: self._read(path, *r), self._failed)
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


class MappingPage(_WorkPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(
            wizard,
            "importMappingPage",
            _tr("Cocokkan kolom"),
            _tr(
                "Langkah 2. Berkas ini bukan unduhan Dapodik. Pilih kolom berkas untuk setiap "
                "data siswa; tebakan dari judul kolom sudah diisi."
            ),
        )
        self._headers: tuple[str, ...] = ()
        self._applying = False

        self.preset = QComboBox(self)
        named(self.preset, "importPresetCombo", _tr("Preset pemetaan"))
        self.preset.currentIndexChanged.connect(self._on_preset_chosen)
        self.date_order = QComboBox(self)
        named(self.date_order, "importDateOrder", _tr("Urutan tanggal"))
        self.date_order.addItem(_tr("hari-bulan-tahun (31-12-2010)"), DateOrder.DAY_FIRST)
        self.date_order.addItem(_tr("bulan-hari-tahun (12-31-2010)"), DateOrder.MONTH_FIRST)
        top = QHBoxLayout()
        top.setSpacing(8)
        preset_caption = QLabel(_tr("Preset:"), self)
        preset_caption.setBuddy(self.preset)
        order_caption = QLabel(_tr("Tanggal ditulis:"), self)
        order_caption.setBuddy(self.date_order)
        top.addWidget(preset_caption)
        top.addWidget(self.preset, 1)
        top.addSpacing(16)
        top.addWidget(order_caption)
        top.addWidget(self.date_order)
        self.preset_note = wrapping_label(self)
        self.preset_note.setObjectName("importPresetNote")
        set_role(self.preset_note, "muted")
        self.preset_note.hide()

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        self.combos: dict[str, QComboBox] = {}
        self.samples: dict[str, QLabel] = {}
        self.labels = {key: _tr(label) for key, label in FIELDS}
        half = (len(FIELDS) + 1) // 2
        for position, (target, _label) in enumerate(FIELDS):
            column = 0 if position < half else 4
            row = position if position < half else position - half
            caption = QLabel(self._caption(target))
            combo = QComboBox()
            named(combo, field_object_name(target), self.labels[target])
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.currentIndexChanged.connect(lambda _i, t=target: self._on_column_chosen(t))
            caption.setBuddy(combo)
            sample = QLabel()
            sample.setObjectName(f"{field_object_name(target)}Sample")
            sample.setFixedWidth(sample.fontMetrics().horizontalAdvance("mis. 0051234567890"))
            set_role(sample, "muted")
            grid.addWidget(caption, row, column)
            grid.addWidget(combo, row, column + 1)
            grid.addWidget(sample, row, column + 2)
            self.combos[target] = combo
            self.samples[target] = sample
        grid.setColumnMinimumWidth(3, 24)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(5, 1)
        fields_box = QWidget()
        fields_box.setLayout(grid)
        scroll = QScrollArea(self)
        scroll.setObjectName("importMappingScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(fields_box)

        legend = wrapping_label(
            self,
            _tr(
                "* wajib. Petakan juga minimal satu pengenal (NISN, NIK, atau Tanggal Lahir) "
                "agar siswa dikenali lagi pada impor berikutnya."
            ),
        )
        set_role(legend, "muted")

        self.preset_name = QLineEdit(self)
        named(self.preset_name, "importPresetName", _tr("Nama preset baru"))
        self.preset_name.setPlaceholderText(_tr("nama preset, mis. EMIS MTs kami"))
        self.save_preset_button = QPushButton(_tr("Simpan sebagai preset"), self)
        named(
            self.save_preset_button,
            "importSavePresetButton",
            _tr("Simpan pemetaan sebagai preset"),
        )
        self.save_preset_button.setAutoDefault(False)
        self.save_preset_button.clicked.connect(self.save_preset)
        self.preset_status = wrapping_label(self)
        self.preset_status.setObjectName("importPresetStatus")
        set_role(self.preset_status, "ok")
        self.preset_status.hide()
        self.preset_error = message_label("importPresetNameError", self)
        save_row = QHBoxLayout()
        save_row.setSpacing(8)
        save_caption = QLabel(_tr("Simpan pemetaan ini untuk berkas serupa:"), self)
        save_caption.setBuddy(self.preset_name)
        save_row.addWidget(save_caption)
        save_row.addWidget(self.preset_name, 1)
        save_row.addWidget(self.save_preset_button)

        self.error = message_label("importMappingError", self)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.preset_note)
        layout.addWidget(scroll, 1)
        layout.addWidget(legend)
        layout.addLayout(save_row)
        layout.addWidget(self.preset_error)
        layout.addWidget(self.preset_status)
        layout.addWidget(self.error)
        layout.addLayout(self.busy_row)

    def _caption(self, target: str) -> str:
        label = self.labels[target]
        return f"{label}*" if target in REQUIRED_FIELDS else label

    # -- filling the page -------------------------------------------------------------------

    def initializePage(self) -> None:
        prepared = self._wizard.prepared
        if prepared is None:
            return
        self._headers = prepared.table.headers
        show_message(self.error, "")
        show_message(self.preset_error, "")
        show_message(self.preset_status, "")
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_tr("— tidak diimpor —"), None)
            seen: set[str] = set()
            for header in self._headers:
                if header and header not in seen:
                    seen.add(header)
                    combo.addItem(header, header)
            combo.blockSignals(False)
        self._fill_presets(self._wizard.matched_preset)

    def _fill_presets(self, chosen: ImportPreset | None) -> None:
        self.preset.blockSignals(True)
        self.preset.clear()
        self.preset.addItem(_tr("Tebakan dari judul kolom"), None)
        for preset in self._wizard.service.presets():
            self.preset.addItem(preset.name, preset)
        index = 0
        if chosen is not None:
            index = max(0, self.preset.findText(chosen.name))
        self.preset.setCurrentIndex(index)
        self.preset.blockSignals(False)
        self._on_preset_chosen()

    @Slot()
    def _on_preset_chosen(self) -> None:
        preset = self.preset.currentData()
        prepared = self._wizard.prepared
        if prepared is None:
            return
        mapping = preset.mapping if isinstance(preset, ImportPreset) else prepared.mapping
        if isinstance(preset, ImportPreset):
            self.date_order.setCurrentIndex(self.date_order.findData(preset.date_format))
        self._apply_mapping(mapping)
        absent = mapping.absent(self._headers)
        if absent:
            names = ", ".join(
                f"{self.labels.get(target, target)} (“{mapping.columns[target]}”)"
                for target in absent
            )
            self.preset_note.setText(
                _tr("Kolom preset yang tidak ada di berkas ini: {names}.").format(names=names)
            )
        self.preset_note.setVisible(bool(absent))

    def _apply_mapping(self, mapping: ColumnMapping) -> None:
        # Keyed by the importer's field enum, whose members are their string keys.
        found: dict[str, int] = {str(t): i for t, i in mapping.resolve(self._headers).items()}
        for target, combo in self.combos.items():
            position = found.get(target)
            header = self._headers[position] if position is not None else None
            combo.setCurrentIndex(max(0, combo.findData(header)) if header else 0)
            self._show_sample(target)

    def _on_column_chosen(self, target: str) -> None:
        show_message(self.error, "")  # said about the mapping as it was
        self._show_sample(target)

    def _show_sample(self, target: str) -> None:
        label = self.samples[target]
        header = self.combos[target].currentData()
        prepared = self._wizard.prepared
        if header is None or prepared is None or header not in self._headers:
            label.clear()
            return
        index = self._headers.index(header)
        for row in prepared.table.rows[:_SAMPLE_ROWS]:
            value = prepared.table.cell(row, index)
            text = " ".join(str(value).split()) if value is not None else ""
            if text:
                shown = _tr("mis. {value}").format(value=text)
                metrics = label.fontMetrics()
                label.setText(metrics.elidedText(shown, Qt.TextElideMode.ElideRight, label.width()))
                label.setToolTip(str(value))
                return
        label.setText(_tr("(kosong)"))

    # -- reading the page -------------------------------------------------------------------

    def mapping(self) -> ColumnMapping:
        return ColumnMapping.from_dict(
            {
                target: str(combo.currentData())
                for target, combo in self.combos.items()
                if combo.currentData() is not None
            }
        )

    def chosen_preset(self, name: str | None = None) -> ImportPreset:
        """The mapping on screen as a preset: the base preset's sex codes, this date order."""
        base = self.preset.currentData()
        sex_codes = base.sex_codes if isinstance(base, ImportPreset) else {}
        if name is None:
            name = base.name if isinstance(base, ImportPreset) else ""
        order = DateOrder(self.date_order.currentData())
        return ImportPreset(name, self.mapping(), dict(sex_codes), order)

    def set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (
            self.preset,
            self.date_order,
            self.preset_name,
            self.save_preset_button,
            *self.combos.values(),
        ):
            widget.setEnabled(enabled)

    @Slot()
    def save_preset(self) -> None:
        show_message(self.preset_error, "")
        show_message(self.preset_status, "")
        name = " ".join(self.preset_name.text().split())
        service = self._wizard.service
        builtin = {p.name.casefold() for p in BUILTIN_PRESETS}
        existing = [p.name for p in service.presets() if p.name.casefold() not in builtin]
        if (
            name
            and any(n.casefold() == name.casefold() for n in existing)
            and not self._wizard.prompter.confirm(
                self,
                _tr("Ganti preset?"),
                _tr("Preset “{name}” sudah ada. Ganti dengan pemetaan ini?").format(name=name),
            )
        ):
            return
        preset = self.chosen_preset(name)
        try:
            service.save_preset(preset)
        except KnownError as error:
            show_message(self.preset_error, error.message)
            self.preset_name.setFocus()
            return
        self._fill_presets(preset)
        show_message(
            self.preset_status,
            _tr("Preset “{name}” tersimpan. Pilih preset ini saat mengimpor berkas serupa.").format(
                name=name
            ),
        )

    def validatePage(self) -> bool:
        if self.take_advance():
            return True
        if self.busy_now:
            return False
        show_message(self.error, "")
        path = self._wizard.path
        if path is None:
            return False
        preset = self.chosen_preset()
        mapping = preset.mapping
        service = self._wizard.service

        def work() -> ImportPreview:
            return service.preview(path, preset, mapping)

        self.run(_tr("Membuat pratinjau…"), work, self._previewed, self._failed)
        return False

    def _previewed(self, preview: ImportPreview) -> None:
        self._wizard.preview = preview
        self.go_on()

    def _failed(self, error: KnownError) -> None:
        show_message(self.error, error.message)


class PreviewPage(_WorkPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(
            wizard,
            "importPreviewPage",
            _tr("Pratinjau"),
            _tr(
                "Langkah 3. Belum ada yang disimpan. Periksa angka dan peringatan di bawah, "
                "lalu tekan Impor sekarang."
            ),
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _tr("Impor sekarang"))
        self.applied = False
        self.source = wrapping_label(self)
        self.source.setObjectName("importSourceLabel")
        tiles = QHBoxLayout()
        tiles.setSpacing(12)
        self.added = CountTile(
            "importAddedCountTile",
            _tr("Akan ditambahkan"),
            value_name="importAddedCount",
            large=False,
            parent=self,
        )
        self.updated = CountTile(
            "importUpdatedCountTile",
            _tr("Akan diperbarui"),
            value_name="importUpdatedCount",
            large=False,
            parent=self,
        )
        self.unchanged = CountTile(
            "importUnchangedCountTile",
            _tr("Tidak berubah"),
            value_name="importUnchangedCount",
            large=False,
            parent=self,
        )
        self.skipped = CountTile(
            "importSkippedCountTile",
            _tr("Dilewati"),
            value_name="importSkippedCount",
            large=False,
            parent=self,
        )
        for tile in (self.added, self.updated, self.unchanged, self.skipped):
            tiles.addWidget(tile, 1)
        self.nothing = wrapping_label(
            self,
            _tr("Tidak ada yang akan berubah: data siswa sudah sama dengan berkas ini."),
        )
        self.nothing.setObjectName("importNothingNote")
        set_role(self.nothing, "note")
        self.warnings_heading = QLabel(self)
        self.warnings_heading.setObjectName("importWarningsHeading")
        set_role(self.warnings_heading, "warning")
        self.warnings_model = WarningsModel(self)
        self.table = QTableView(self)
        named(self.table, "importWarningsTable", _tr("Peringatan impor"))
        self.table.setModel(self.warnings_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        header.resizeSection(0, metrics.horizontalAdvance("Baris 0000") + 12)
        header.resizeSection(1, metrics.horizontalAdvance("M" * 16) + 12)
        header.sectionResized.connect(self._fit_rows)
        self.no_warnings = QLabel(_tr("Tidak ada peringatan."), self)
        self.no_warnings.setObjectName("importNoWarnings")
        set_role(self.no_warnings, "ok")
        self.error = message_label("importApplyError", self)
        self.busy_bar.setObjectName("importProgress")
        self.busy_bar.setAccessibleName(_tr("Kemajuan impor"))
        self.busy_bar.setTextVisible(True)
        self.busy_bar.setFormat(_tr("%p%"))
        self.busy_bar.setMaximumHeight(22)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.source)
        layout.addLayout(tiles)
        layout.addWidget(self.nothing)
        layout.addWidget(self.warnings_heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.no_warnings)
        layout.addStretch(0)
        layout.addWidget(self.error)
        layout.addLayout(self.busy_row)

    def initializePage(self) -> None:
        preview = self._wizard.preview
        if preview is None:
            return
        self.applied = False
        show_message(self.error, "")
        if preview.is_dapodik:
            kind = _tr("unduhan Dapodik")
        elif preview.preset_name:
            kind = _tr("preset “{name}”").format(name=preview.preset_name)
        else:
            kind = _tr("pemetaan kolom")
        self.source.setText(
            _tr("Berkas {file} ({kind}). Rombel dicatat untuk tahun ajaran {year}.").format(
                file=preview.source, kind=kind, year=preview.academic_year
            )
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
            _tr(
                "{count} peringatan — periksa data siswa ini dengan Dapodik atau berkas asal:"
            ).format(count=format_count(len(warnings)))
        )
        self.warnings_heading.setVisible(bool(warnings))
        self.table.setVisible(bool(warnings))
        self.no_warnings.setVisible(not warnings)
        self._fit_rows()

    @Slot()
    def _fit_rows(self) -> None:
        """Row heights for the wrapped messages at the width the message column has now."""
        if 0 < self.warnings_model.rowCount() <= _WRAP_LIMIT and self.table.isVisible():
            self.table.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_rows()

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.table.setEnabled(enabled)

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
        relay = _ProgressRelay(self)
        relay.progressed.connect(self._on_progress)
        report = relay.progressed.emit

        def work() -> ImportResult:
            # Runs in the worker thread; see the module docstring for why the vault is free.
            return service.apply(preview, report)

        self.run(
            _tr("Menyimpan…"),
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
                _tr("Menyimpan {done} dari {total} siswa…").format(
                    done=format_count(done), total=format_count(total)
                )
            )
        self._wizard.progressed.emit(done, total)

    def _applied(self, result: ImportResult, relay: _ProgressRelay) -> None:
        relay.deleteLater()
        self.applied = True
        self._wizard.result_ = result
        self.go_on()

    def _failed(self, error: KnownError, relay: _ProgressRelay) -> None:
        relay.deleteLater()
        show_message(
            self.error,
            _tr("{message} Tidak ada data yang disimpan.").format(message=error.message),
        )


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setObjectName("importResultPage")
        self.setTitle(_tr("Impor selesai"))
        self.setSubTitle(_tr("Langkah 4. Daftar siswa sudah diperbarui."))
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
            self.summary.setText(_tr("Tidak ada perubahan."))
            self.details.setText(_tr("Data siswa sudah sama dengan isi berkas."))
            return
        self.summary.setText(
            _tr("{added} siswa ditambahkan, {updated} diperbarui.").format(
                added=format_count(result.added), updated=format_count(result.updated)
            )
        )
        lines = [
            _tr("{unchanged} tidak berubah, {skipped} dilewati.").format(
                unchanged=format_count(result.unchanged), skipped=format_count(result.skipped)
            )
        ]
        if result.warnings:
            lines.append(
                _tr(
                    "Ada {count} peringatan pada pratinjau: periksa data siswa tersebut di tab "
                    "Siswa dan perbaiki bila perlu."
                ).format(count=format_count(result.warnings))
            )
        self.details.setText("\n".join(lines))


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
        named(self, "importWizard", _tr("Impor data siswa"))
        self.setWindowTitle(_tr("Impor data siswa"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        texts = {
            QWizard.WizardButton.BackButton: (_tr("< Kembali"), "importBackButton"),
            QWizard.WizardButton.NextButton: (_tr("Lanjut >"), "importNextButton"),
            QWizard.WizardButton.CommitButton: (_tr("Impor sekarang"), "importApplyButton"),
            QWizard.WizardButton.FinishButton: (_tr("Selesai"), "importFinishButton"),
            QWizard.WizardButton.CancelButton: (_tr("Batal"), "importCancelButton"),
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

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)


__all__ = ["ImportWizard", "WarningsModel", "field_object_name"]
