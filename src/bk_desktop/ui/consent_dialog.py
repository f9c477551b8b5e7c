"""Siswa → "Persetujuan orang tua/wali…": one student's consent register (issue 18).

``ConsentDialog`` lists every entry, given and withdrawn (date, who, relation, how, the text
version, whether a scan is kept), says the state in one line ("Belum ada persetujuan
tercatat" while nothing is recorded), and opens ``ConsentEntryDialog`` to record a consent or
a withdrawal, the scan viewer, and the consent form printed for this student.

A scan is chosen in the entry dialog, reduced into the vault when the entry is saved, and
only then does the dialog ask whether to delete the original file: the choice is the user's,
and a failure to delete is said in its own line (the scan is kept either way).

Pillow loads when a scan is saved and reportlab when the form is printed, never with the
window: Siswa imports this module when the button is pressed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from bk_desktop.domain.consents import (
    CHANNELS_OF,
    ConsentAct,
    ConsentChannel,
    ConsentForm,
    ConsentRecord,
)
from bk_desktop.domain.dates import format_date
from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.students import GuardianRelation
from bk_desktop.services.consents import ConsentInvalid, ConsentService
from bk_desktop.services.students import StudentService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.draft_keeping import draft_of
from bk_desktop.ui.kit.discard import DiscardGuard
from bk_desktop.ui.kit.drafts import Draft, JsonValue
from bk_desktop.ui.kit.forms import (
    FieldForm,
    action_button,
    button_row,
    chosen,
    dialog_layout,
    named,
    save_cancel_buttons,
)
from bk_desktop.ui.kit.labels import heading_label, wrapping_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.school_time import py_date, qdate, school_date_edit
from bk_desktop.ui.style import set_role


def _today(context: UiContext) -> date:
    workspace = context.workspace
    return workspace.now().astimezone(workspace.settings().zone).date()


class ConsentEntryDialog(QDialog):
    """Record one consent given (``ConsentAct.GIVEN``) or withdrawn for one student."""

    def __init__(
        self,
        context: UiContext,
        student_id: int,
        act: ConsentAct,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consentEntryDialog")
        self.context = context
        self.student_id = student_id
        self.act = act
        self.saved_id: int | None = None
        self.scan_path: Path | None = None
        self.service = ConsentService(context.workspace)
        student = StudentService(context.workspace).get(student_id)
        self._guardians = {g.relation: g.name for g in student.guardians}
        giving = act is ConsentAct.GIVEN
        self.setWindowTitle(
            self.tr("Catat persetujuan orang tua/wali")
            if giving
            else self.tr("Catat penarikan persetujuan")
        )

        self.person = named(QLineEdit(self), "consentPersonName", self.tr("Nama orang tua/wali"))
        self.relation = named(QComboBox(self), "consentRelation", self.tr("Hubungan"))
        self.relation.addItem(self.tr("— pilih —"), None)
        for relation in GuardianRelation:
            self.relation.addItem(relation.label, relation.value)
        self.relation.currentIndexChanged.connect(self._fill_guardian)
        self.day = named(school_date_edit(self), "consentDate", self.tr("Tanggal"))
        self.day.setDate(qdate(_today(context)))
        self.channel = named(QComboBox(self), "consentChannel", self.tr("Cara"))
        self.channel.addItem(self.tr("— pilih —"), None)
        for channel in CHANNELS_OF[act]:
            self.channel.addItem(channel.label, channel.value)
        self.form = FieldForm()
        self.form.add(self.tr("Hubungan dengan siswa"), self.relation, keys=("relation",))
        self.form.add(self.tr("Nama"), self.person, keys=("person_name",))
        self.form.add(
            self.tr("Tanggal diberikan") if giving else self.tr("Tanggal ditarik"),
            self.day,
            keys=("on",),
        )
        self.form.add(self.tr("Cara"), self.channel, keys=("channel",))
        self.version = named(QComboBox(self), "consentTextVersion", self.tr("Versi naskah"))
        self.scan_label = named(QLabel(self.tr("(belum dipilih)"), self), "consentScanFile", "")
        self.scan_button = action_button(
            self.tr("Pilih berkas…"), "consentScanPick", self.tr("Pilih berkas pindaian")
        )
        self.scan_button.clicked.connect(self.pick_scan)
        self.reason = named(QLineEdit(self), "consentReason", self.tr("Alasan penarikan"))
        if giving:
            for text in self.service.texts():
                self.version.addItem(self.tr("Versi {n}").format(n=text.version), text.version)
            self.form.add(
                self.tr("Versi naskah yang dibaca"),
                self.version,
                keys=("text_version",),
                hint=self.tr("Tertulis di bawah judul formulir yang ditandatangani."),
            )
            scan_row = QWidget(self)
            row = QHBoxLayout(scan_row)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(self.scan_label, 1)
            row.addWidget(self.scan_button)
            self.form.add(
                self.tr("Pindaian"),
                scan_row,
                keys=("scan",),
                buddy=self.scan_button,
                name="consentScan",
                hint=self.tr(
                    "Untuk cara “pindaian”: gambar JPEG atau PNG, disimpan di brankas sebagai "
                    "150 dpi abu-abu."
                ),
            )
            self.channel.currentIndexChanged.connect(self._show_scan)
        else:
            self.form.add(self.tr("Alasan (bila disebutkan)"), self.reason, keys=("reason",))
        # Only the inputs of this act are in the form; the others stay out of sight.
        for unused in (
            (self.reason,) if giving else (self.version, self.scan_label, self.scan_button)
        ):
            unused.hide()
        self.form.state.hold("scan_path", self._scan_value, self._set_scan)
        self.form_state = self.form.state
        buttons = save_cancel_buttons(self, "consentSaveButton", self.tr("Simpan"))
        buttons.accepted.connect(self.save)
        note = wrapping_label(
            self,
            self.tr(
                "Persetujuan dibuktikan dengan formulir yang ditandatangani orang tua/wali "
                "(kertasnya disimpan di map BK, atau pindaiannya di sini)."
            )
            if giving
            else self.tr(
                "Sejak tanggal ini tidak ada permohonan, sesi, atau catatan sesi baru untuk "
                "siswa ini sampai persetujuan baru dicatat. Catatan yang sudah ada tetap."
            ),
        )
        dialog_layout(self, note, self.form, buttons)
        DiscardGuard(self, lambda: self.form.state, lambda: context.prompter)
        self._show_scan()
        self.setMinimumWidth(520)

    # -- the scan ---------------------------------------------------------------------------

    def _scan_value(self) -> JsonValue:
        return "" if self.scan_path is None else str(self.scan_path)

    def _set_scan(self, value: JsonValue) -> None:
        self.scan_path = Path(value) if isinstance(value, str) and value else None
        self.scan_label.setText(
            self.scan_path.name if self.scan_path is not None else self.tr("(belum dipilih)")
        )

    @Slot()
    def _show_scan(self) -> None:
        if self.act is ConsentAct.GIVEN:
            wanted = chosen(self.channel, ConsentChannel) is ConsentChannel.PINDAIAN
            self.scan_button.setEnabled(wanted)

    @Slot()
    def pick_scan(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        source = self.context.prompter.open_file(
            self,
            self.tr("Pilih pindaian formulir persetujuan"),
            Path(start) if start else Path.home(),
            self.tr("Gambar JPEG atau PNG (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)"),
        )
        if source is not None:
            self._set_scan(str(source))

    @Slot()
    def _fill_guardian(self) -> None:
        """The guardian of the chosen relation, as Siswa knows them, when nothing is typed."""
        relation = chosen(self.relation, GuardianRelation)
        if relation is not None and not self.person.text().strip():
            self.person.setText(self._guardians.get(relation, ""))

    # -- saving -----------------------------------------------------------------------------

    def kept_draft(self) -> list[FormDraft]:
        """The typed input as a ``DraftForm.CONSENT`` draft (none when nothing was typed);
        it names whether a consent or a withdrawal was being recorded."""
        return [
            FormDraft(kept.form, kept.target, {**kept.content, "act": self.act.value})
            for kept in draft_of(DraftForm.CONSENT, self.student_id, self.form.state)
        ]

    def restore_draft(self, draft: Draft) -> None:
        self.form.state.restore_draft(draft)
        self._show_scan()

    def consent_form(self) -> ConsentForm:
        version = self.version.currentData()
        return ConsentForm(
            act=self.act,
            person_name=self.person.text(),
            relation=chosen(self.relation, GuardianRelation),
            on=py_date(self.day.date()),
            channel=chosen(self.channel, ConsentChannel),
            text_version=int(version) if version is not None else None,
            reason=self.reason.text(),
        )

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        form = self.consent_form()
        scan = self.scan_path if form.channel is ConsentChannel.PINDAIAN else None
        try:
            self.saved_id = self.service.record(self.student_id, form, scan)
        except ConsentInvalid as error:
            for left in self.form.show_errors(error.errors):
                self.context.prompter.error(self, self.windowTitle(), left.message)
            return
        except KnownError as error:
            if not self.form.place(error):
                self.context.prompter.error(self, self.windowTitle(), error.message)
            return
        self.form.state.mark_clean()
        if scan is not None:
            self._offer_to_delete(scan)
        self.accept()

    def _offer_to_delete(self, source: Path) -> None:
        from bk_desktop.services.consent_scan import remove_original  # noqa: PLC0415 - Pillow

        prompter = self.context.prompter
        title = self.tr("Hapus berkas asli?")
        if not prompter.confirm(
            self,
            title,
            self.tr(
                "Pindaian sudah tersimpan di brankas (terenkripsi). Berkas aslinya “{name}” "
                "masih ada di komputer ini tanpa enkripsi. Hapus berkas asli itu sekarang?"
            ).format(name=source.name),
        ):
            return
        try:
            remove_original(source)
        except KnownError as error:
            prompter.error(self, title, error.message)


class ScanViewer(QDialog):
    """The stored scan, scaled to the window's width and scrolling down the page."""

    def __init__(self, image: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentScanViewer")
        self.setWindowTitle(self.tr("Pindaian formulir persetujuan"))
        pixmap = QPixmap()
        pixmap.loadFromData(image)
        self.picture = named(QLabel(self), "consentScanPicture", self.tr("Pindaian"))
        self.picture.setPixmap(
            pixmap.scaledToWidth(
                min(760, pixmap.width()), Qt.TransformationMode.SmoothTransformation
            )
        )
        area = QScrollArea(self)
        area.setWidget(self.picture)
        area.setWidgetResizable(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        buttons.rejected.connect(self.reject)
        dialog_layout(self, area, buttons)
        self.resize(820, 640)


class ConsentDialog(QDialog):
    """The student's register and what can be done with it."""

    def __init__(self, context: UiContext, student_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentDialog")
        self.setWindowTitle(self.tr("Persetujuan orang tua/wali"))
        self.context = context
        self.student_id = student_id
        self.service = ConsentService(context.workspace)  # refuses the kepala sekolah
        student = StudentService(context.workspace).get(student_id)
        self.entries: list[ConsentRecord] = []
        self.entry: ConsentEntryDialog | None = None
        self.documents = DialogSlot(self)

        self.state = named(QLabel(self), "consentState", self.tr("Keadaan persetujuan"))
        set_role(self.state, "note")
        headers = [
            self.tr("Jenis"),
            self.tr("Tanggal"),
            self.tr("Oleh"),
            self.tr("Hubungan"),
            self.tr("Cara"),
            self.tr("Naskah"),
            self.tr("Pindaian"),
            self.tr("Dicatat oleh"),
        ]
        self.table = named(
            QTableWidget(0, len(headers), self), "consentHistory", self.tr("Riwayat persetujuan")
        )
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.give_button = action_button(
            self.tr("Catat persetujuan…"), "consentGiveButton", self.tr("Catat persetujuan")
        )
        set_role(self.give_button, "primary")
        self.withdraw_button = action_button(
            self.tr("Catat penarikan…"), "consentWithdrawButton", self.tr("Catat penarikan")
        )
        self.scan_button = action_button(self.tr("Lihat pindaian"), "consentViewScanButton")
        self.print_button = action_button(
            self.tr("Cetak formulir untuk siswa ini"), "consentPrintButton"
        )
        self.give_button.clicked.connect(lambda: self.open_entry(ConsentAct.GIVEN))
        self.withdraw_button.clicked.connect(lambda: self.open_entry(ConsentAct.WITHDRAWN))
        self.scan_button.clicked.connect(self.view_scan)
        self.print_button.clicked.connect(self.print_form)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        close.rejected.connect(self.reject)
        dialog_layout(
            self,
            heading_label(f"{student.name} · {self._rombel(student_id)}".rstrip(" ·"), self),
            self.state,
            self.table,
            button_row(self.give_button, self.withdraw_button, self.scan_button),
            button_row(self.print_button),
            close,
        )
        self.resize(900, 420)
        self.refresh()

    def _rombel(self, student_id: int) -> str:
        student = StudentService(self.context.workspace).get(student_id)
        placements = sorted(student.placements, key=lambda p: p.academic_year.start)
        return placements[-1].rombel if placements else ""

    def refresh(self) -> None:
        self.entries = self.service.entries(self.student_id)
        self.state.setText(self.service.state_line(self.student_id))
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(reversed(self.entries)):  # the newest first
            version = "" if entry.text_version is None else f"versi {entry.text_version}"
            cells = (
                entry.act.label,
                format_date(entry.on),
                entry.person_name,
                entry.relation.label,
                entry.channel.label,
                version,
                self.tr("ada") if entry.has_scan else self.tr("tidak"),
                entry.recorded_by_name,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                if column == 0 and entry.reason:
                    item.setToolTip(self.tr("Alasan: {r}").format(r=entry.reason))
                self.table.setItem(row, column, item)
        self._selection_changed()

    def selected_entry(self) -> ConsentRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return list(reversed(self.entries))[rows[0].row()]

    @Slot()
    def _selection_changed(self) -> None:
        entry = self.selected_entry()
        self.scan_button.setEnabled(entry is not None and entry.has_scan)

    def open_entry(self, act: ConsentAct, draft: Draft | None = None) -> bool:
        if self.entry is not None:
            return False
        entry = ConsentEntryDialog(self.context, self.student_id, act, self)
        if draft is not None:
            entry.restore_draft(draft)
        entry.finished.connect(self._entry_closed)
        self.entry = entry
        entry.open()
        return True

    @Slot()
    def _entry_closed(self) -> None:
        if self.entry is not None:
            self.entry.deleteLater()
        self.entry = None
        self.refresh()

    @Slot()
    def view_scan(self) -> None:
        entry = self.selected_entry()
        if entry is None or not entry.has_scan:
            return
        try:
            image = self.service.scan(entry.id)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Lihat pindaian"), error.message)
            return
        viewer = ScanViewer(image, self)
        viewer.finished.connect(viewer.deleteLater)
        viewer.open()

    @Slot()
    def print_form(self) -> None:
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415 - loads reportlab

        if self.documents.current is not None:
            return
        service, student_id = self.service, self.student_id
        show_document(
            self.context,
            self,
            self.documents,
            lambda _documents: service.consent_form(student_id),
            what=self.tr("Formulir persetujuan"),
        )


__all__ = ["ConsentDialog", "ConsentEntryDialog", "ScanViewer"]
