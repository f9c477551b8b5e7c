"""Step 2 (only for a file that is neither Dapodik nor matched by a preset): which column
feeds which student field, with a sample of the file's rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.errors import KnownError

# The UI may not import ``importers`` (tests/test_architecture.py): the import's types come
# through its service.
from bk_desktop.services.student_import import (
    BUILTIN_PRESETS,
    ColumnMapping,
    DateOrder,
    ImportPreset,
    ImportPreview,
)
from bk_desktop.ui.import_wizard.common import SAMPLE_ROWS, tr
from bk_desktop.ui.import_wizard.fields import FIELDS, REQUIRED_FIELDS, field_object_name
from bk_desktop.ui.import_wizard.work_page import WorkPage
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.labels import message_label, show_message, wrapping_label
from bk_desktop.ui.kit.wheel import value_fields, wheel_only_when_focused
from bk_desktop.ui.style import set_role

if TYPE_CHECKING:
    from bk_desktop.ui.import_wizard.wizard import ImportWizard


class MappingPage(WorkPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(
            wizard,
            "importMappingPage",
            tr("Cocokkan kolom"),
            tr(
                "Langkah 2. Berkas ini bukan unduhan Dapodik. Pilih kolom berkas untuk setiap "
                "data siswa; tebakan dari judul kolom sudah diisi."
            ),
        )
        self._headers: tuple[str, ...] = ()
        self._applying = False

        top = self._preset_row()
        scroll = self._fields_scroll()
        legend = wrapping_label(
            self,
            tr(
                "* wajib. Petakan juga minimal satu pengenal (NISN, NIK, atau Tanggal Lahir) "
                "agar siswa dikenali lagi pada impor berikutnya."
            ),
        )
        set_role(legend, "muted")

        save_row = self._save_row()
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

    # -- building --------------------------------------------------------------------------

    def _preset_row(self) -> QHBoxLayout:
        """A saved preset to start from, and how the file writes its dates."""
        self.preset = QComboBox(self)
        named(self.preset, "importPresetCombo", tr("Preset pemetaan"))
        self.preset.currentIndexChanged.connect(self._on_preset_chosen)
        self.date_order = QComboBox(self)
        named(self.date_order, "importDateOrder", tr("Urutan tanggal"))
        self.date_order.addItem(tr("hari-bulan-tahun (31-12-2010)"), DateOrder.DAY_FIRST)
        self.date_order.addItem(tr("bulan-hari-tahun (12-31-2010)"), DateOrder.MONTH_FIRST)
        top = QHBoxLayout()
        top.setSpacing(8)
        preset_caption = QLabel(tr("Preset:"), self)
        preset_caption.setBuddy(self.preset)
        order_caption = QLabel(tr("Tanggal ditulis:"), self)
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
        return top

    def _fields_scroll(self) -> QScrollArea:
        """Two columns of student fields, each with the file column that feeds it and a
        sample of that column."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        self.combos: dict[str, QComboBox] = {}
        self.samples: dict[str, QLabel] = {}
        self.labels = {key: tr(label) for key, label in FIELDS}
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
            # Wide enough for an 18-digit NISM, shown whole.
            sample.setFixedWidth(
                sample.fontMetrics().horizontalAdvance("mis. 121264740001180001") + 4
            )
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
        wheel_only_when_focused(value_fields(fields_box), self)
        return scroll

    def _save_row(self) -> QHBoxLayout:
        """Keep this mapping as a preset for files like this one."""
        self.preset_name = QLineEdit(self)
        named(self.preset_name, "importPresetName", tr("Nama preset baru"))
        self.preset_name.setPlaceholderText(tr("nama preset, mis. EMIS MTs kami"))
        self.save_preset_button = QPushButton(tr("Simpan sebagai preset"), self)
        named(
            self.save_preset_button,
            "importSavePresetButton",
            tr("Simpan pemetaan sebagai preset"),
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
        save_caption = QLabel(tr("Simpan pemetaan ini untuk berkas serupa:"), self)
        save_caption.setBuddy(self.preset_name)
        save_row.addWidget(save_caption)
        save_row.addWidget(self.preset_name, 1)
        save_row.addWidget(self.save_preset_button)
        return save_row

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
            combo.addItem(tr("— tidak diimpor —"), None)
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
        self.preset.addItem(tr("Tebakan dari judul kolom"), None)
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
        mapping = (
            self._wizard.service.mapping_for(preset, self._headers)
            if isinstance(preset, ImportPreset)
            else prepared.mapping
        )
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
                tr("Kolom preset yang tidak ada di berkas ini: {names}.").format(names=names)
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
        for row in prepared.table.rows[:SAMPLE_ROWS]:
            value = prepared.table.cell(row, index)
            text = " ".join(str(value).split()) if value is not None else ""
            if text:
                shown = tr("mis. {value}").format(value=text)
                metrics = label.fontMetrics()
                label.setText(metrics.elidedText(shown, Qt.TextElideMode.ElideRight, label.width()))
                label.setToolTip(str(value))
                return
        label.setText(tr("(kosong)"))

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
                tr("Ganti preset?"),
                tr("Preset “{name}” sudah ada. Ganti dengan pemetaan ini?").format(name=name),
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
            tr("Preset “{name}” tersimpan. Pilih preset ini saat mengimpor berkas serupa.").format(
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

        self.run(tr("Membuat pratinjau…"), work, self._previewed, self._failed)
        return False

    def _previewed(self, preview: ImportPreview) -> None:
        self._wizard.preview = preview
        self.go_on()

    def _failed(self, error: KnownError) -> None:
        show_message(self.error, error.message)
