"""Pengaturan → Privasi → Insiden data: the register of personal-data incidents (UU PDP Ps. 46).

A lost laptop or backup stick, a record seen by someone who may not see it, a printed page
left behind: each is recorded with when it was found, and the parents and the authority are
told within 3×24 hours. The list shows that countdown in words, with an icon and a colour;
the detail keeps the log of measures and notices, prints both notice letters through the #15
pipeline (reportlab loads only then) and closes the incident.

Every role may record an incident (``IncidentService``); only the koordinator handles one.
For any other account the page lists only the incidents it recorded, without the detail.
The record form's unsaved input is a ``DraftForm.INCIDENT`` draft (``open_drafts`` /
``reopen_draft``, the shape of ``ui/draft_keeping.KeepsDrafts``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from bk_desktop.domain.dates import format_deadline, format_instant
from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.incidents import (
    ClockKind,
    DataKind,
    IncidentClock,
    IncidentForm,
    IncidentKind,
    IncidentRecord,
    IncidentStatus,
    NoticeChannel,
    Recipient,
)
from bk_desktop.domain.scheduling import initials
from bk_desktop.services.incidents import IncidentRow, IncidentService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.draft_keeping import draft_of
from bk_desktop.ui.kit.discard import DiscardGuard
from bk_desktop.ui.kit.drafts import FormState
from bk_desktop.ui.kit.emphasis import emphasis
from bk_desktop.ui.kit.forms import (
    FieldForm,
    action_button,
    button_row,
    chosen,
    dialog_layout,
    group_layout,
    named,
    save_cancel_buttons,
    scrolling_body,
    text_box,
)
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.kit.palette import ERROR_TEXT, MUTED_TEXT, OK_TEXT, WARNING_TEXT
from bk_desktop.ui.kit.records import RecordList, RecordsModel
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.school_time import instant_of, school_date_time_edit, short_instant, wall_clock
from bk_desktop.ui.style import icon, set_role
from bk_desktop.ui.tabs.admin.admin_page import AdminPage

if TYPE_CHECKING:
    from bk_desktop.services.documents import Document

_ModelIndex = QModelIndex | QPersistentModelIndex

# (icon, colour, bold) per clock state: a colour always comes with words and an icon shape.
_LOOKS: dict[ClockKind, tuple[str, str, bool]] = {
    ClockKind.BERJALAN: ("", "", False),
    ClockKind.SEGERA: ("warning", WARNING_TEXT, True),
    ClockKind.TERLAMBAT: ("error", ERROR_TEXT, True),
    ClockKind.TEPAT_WAKTU: ("ok", OK_TEXT, False),
    ClockKind.TERLAMBAT_DIBERITAHUKAN: ("error", ERROR_TEXT, False),
    ClockKind.DITUTUP: ("", MUTED_TEXT, False),
}

NUMBER, KIND, FOUND, STUDENTS, STATUS, CLOCK = range(6)


class IncidentModel(RecordsModel[IncidentRow]):
    """The register's rows: number, kind, found, students, status, the 3×24 h countdown."""

    def __init__(self, context: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.headers = lambda: (
            self.tr("No."),
            self.tr("Jenis"),
            self.tr("Diketahui"),
            self.tr("Siswa"),
            self.tr("Status"),
            self.tr("Batas pemberitahuan 3×24 jam"),
        )

    def set_rows(self, rows: list[IncidentRow]) -> None:
        self._reset(rows)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.record_of(index)
        if row is None:
            return None
        column = index.column()
        if column == CLOCK:
            return self._clock(row.clock, role)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        zone = self._context.workspace.settings().zone
        if column == NUMBER:
            return f"#{row.id}"
        if column == KIND:
            return row.kind.short
        if column == FOUND:
            return short_instant(row.found_at, zone)
        if column == STUDENTS:
            if row.linked:
                return self.tr("{n} ({linked} dipilih)").format(
                    n=row.student_count, linked=row.linked
                )
            return str(row.student_count)
        return row.status.label

    def _clock(self, clock: IncidentClock, role: int) -> Any:
        icon_name, colour, bold = _LOOKS[clock.kind]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return clock.text
        if role == Qt.ItemDataRole.DecorationRole and icon_name:
            return icon(icon_name)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            return emphasis(role, colour, bold=bold)
        if role == Qt.ItemDataRole.ToolTipRole:
            zone = self._context.workspace.settings().zone
            return self.tr("Batas: {deadline}").format(
                deadline=format_deadline(clock.deadline, zone)
            )
        return None


class IncidentDialog(QDialog):
    """Catat insiden: one incident as it was found; ``record`` holds it once saved."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        workspace = context.workspace
        self.service = IncidentService(workspace)
        self.zone = workspace.settings().zone
        self.record: IncidentRecord | None = None
        self.student_ids: list[int] = []
        self.setObjectName("incidentDialog")
        self.setWindowTitle(self.tr("Catat insiden data pribadi"))
        self.setModal(True)
        self.setMinimumWidth(680)

        intro = wrapping_label(
            self,
            self.tr(
                "Catat segera setelah insiden diketahui. Orang tua/wali dan lembaga diberi tahu "
                "paling lambat 3×24 jam sejak waktu diketahui; koordinator BK menanganinya."
            ),
        )
        set_role(intro, "muted")
        self.kind = named(QComboBox(self), "incidentKind", self.tr("Jenis insiden"))
        for kind in IncidentKind:
            self.kind.addItem(kind.label, kind.value)
        self.found_at = named(
            school_date_time_edit(self), "incidentFoundAt", self.tr("Diketahui pada")
        )
        self.found_at.setDateTime(wall_clock(workspace.now(), self.zone))
        self.reported_by = named(QLineEdit(self), "incidentReportedBy", self.tr("Pelapor"))
        self.reported_by.setText(workspace.account.name)
        self.what = text_box(self, "incidentWhat", self.tr("Apa yang terjadi"), 4)
        self.what.setPlaceholderText(
            self.tr("Apa yang hilang atau terlihat, di mana, kapan, dan bagaimana diketahui.")
        )
        data_box = QWidget(self)
        grid = QGridLayout(data_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.data_checks: dict[DataKind, QCheckBox] = {}
        for position, data_kind in enumerate(DataKind):
            check = named(
                QCheckBox(data_kind.label, data_box),
                f"incidentData_{data_kind.value}",
                data_kind.label,
            )
            grid.addWidget(check, position // 2, position % 2)
            self.data_checks[data_kind] = check
        self.data_other = named(QLineEdit(self), "incidentDataOther", self.tr("Data lainnya"))
        self.data_checks[DataKind.LAINNYA].toggled.connect(self.data_other.setEnabled)
        self.data_other.setEnabled(False)
        self.count = named(QSpinBox(self), "incidentStudentCount", self.tr("Jumlah siswa"))
        self.count.setRange(0, 100_000)

        self.form = FieldForm()
        self.form.add(self.tr("Jenis insiden"), self.kind, keys=("kind",), parent=self)
        self.form.add(self.tr("Diketahui pada"), self.found_at, keys=("found_at",), parent=self)
        # Both printed as typed (services/incidents.py): the reporter on the authority's
        # letter, the other data in the list of data on every letter.
        self.form.add(
            self.tr("Pelapor"),
            self.reported_by,
            keys=("reported_by",),
            parent=self,
            hint=self.tr(
                "Jangan menulis nama siswa di sini; pelapor tercetak apa adanya pada surat "
                'kepada lembaga. Bila siswa yang melapor, cukup tulis "siswa".'
            ),
        )
        self.form.add(
            self.tr("Apa yang terjadi"),
            self.what,
            keys=("what_happened",),
            parent=self,
            # Printed as typed on the letters (services/incidents.py): a name would reach
            # the authority and another child's family.
            hint=self.tr(
                "Jangan menulis nama siswa di sini; uraian ini tercetak apa adanya pada surat "
                "kepada lembaga dan orang tua/wali. Siswa terdampak cukup dihitung (dan "
                "dipilih) di bawah."
            ),
        )
        self.form.add(
            self.tr("Data terdampak"),
            data_box,
            keys=("data_kinds",),
            parent=self,
            name="incidentData",
        )
        self.form.add(
            self.tr("Data lainnya"),
            self.data_other,
            keys=("data_other",),
            parent=self,
            hint=self.tr(
                "Jangan menulis nama siswa di sini; data lainnya tercetak apa adanya pada surat "
                "kepada lembaga dan orang tua/wali."
            ),
        )
        self.form.add(
            self.tr("Jumlah siswa terdampak"), self.count, keys=("student_count",), parent=self
        )
        self.picked = tab_leaves(
            named(QListWidget(self), "incidentStudents", self.tr("Siswa terdampak"))
        )
        self.picked.setMaximumHeight(90)
        if self.service.links_students:
            from bk_desktop.services.students import StudentService  # noqa: PLC0415
            from bk_desktop.ui.student_picker import StudentPicker  # noqa: PLC0415

            self.picker = StudentPicker(StudentService(workspace), "incidentStudent", self)
            self.picker.picked.connect(self._on_picked)
            self.form.add(
                self.tr("Pilih siswa (boleh)"),
                self.picker,
                keys=("student_ids",),
                parent=self,
                hint=self.tr("Hanya perlu untuk surat kepada orang tua/wali siswa tertentu."),
                buddy=self.picker.search,
            )
            self.form.add(self.tr("Siswa dipilih"), self.picked, parent=self)
        else:
            self.picked.hide()

        buttons = save_cancel_buttons(self, "incidentSaveButton", self.tr("Simpan insiden"))
        buttons.accepted.connect(self.save)
        # The form scrolls rather than squeeze: with the student picker it is taller than a
        # 1280×720 screen, and a squeezed picker hid its own last row under its count.
        scroll, body = scrolling_body(self, "incidentFormScroll", intro, self.form)
        dialog_layout(self, scroll, buttons)
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() - 80 if screen is not None else 640
        wanted = body.totalSizeHint()
        needed = wanted.height() + buttons.sizeHint().height() + 60
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.resize(max(self.minimumWidth(), wanted.width() + 60), min(needed, room))
        self.form_state = FormState.of(self)
        self.form_state.hold("incidentStudentIds", lambda: list(self.student_ids), self._restore)
        DiscardGuard(self, lambda: self.form_state, lambda: context.prompter)

    @Slot(object)
    def _on_picked(self, student_id: object) -> None:
        if isinstance(student_id, int) and student_id not in self.student_ids:
            self.student_ids.append(student_id)
            self._show_picked()
            self.count.setValue(max(self.count.value(), len(self.student_ids)))

    def _restore(self, value: object) -> None:
        if isinstance(value, list):
            self.student_ids = [v for v in value if isinstance(v, int)]
            self._show_picked()

    def _show_picked(self) -> None:
        from bk_desktop.services.students import StudentService  # noqa: PLC0415

        self.picked.clear()
        for row in StudentService(self.context.workspace).rows(self.student_ids):
            # Initials on screen; the full name is printed only on that parent's letter.
            text = f"{initials(row.name)} — {row.rombel}" if row.rombel else initials(row.name)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.picked.addItem(item)

    def incident_form(self) -> IncidentForm:
        return IncidentForm(
            kind=chosen(self.kind, IncidentKind) or IncidentKind.LAINNYA,
            found_at=instant_of(self.found_at, self.zone),
            what_happened=self.what.toPlainText(),
            data_kinds=frozenset(k for k, check in self.data_checks.items() if check.isChecked()),
            data_other=self.data_other.text() if self.data_other.isEnabled() else "",
            reported_by=self.reported_by.text(),
            student_count=self.count.value(),
            student_ids=tuple(self.student_ids),
        )

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        try:
            self.record = self.service.record(self.incident_form())
        except ValidationError as error:
            if not self.form.place(error):
                self.context.prompter.error(self, self.tr("Insiden belum tersimpan"), error.message)
            return
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Insiden belum tersimpan"), error.message)
            return
        self.form_state.mark_clean()
        self.accept()


class EntryDialog(QDialog):
    """One line of the log: a measure, a notice (recipient and channel), or the closing."""

    def __init__(
        self,
        context: UiContext,
        record: IncidentRecord,
        kind: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.service = IncidentService(context.workspace)
        self.zone = context.workspace.settings().zone
        self.incident = record
        self.kind = kind
        self.result_record: IncidentRecord | None = None
        self.setObjectName("incidentEntryDialog")
        self.setModal(True)
        self.setMinimumWidth(560)
        titles = {
            "measure": self.tr("Catat tindakan"),
            "notice": self.tr("Catat pemberitahuan"),
            "close": self.tr("Tandai selesai"),
        }
        self.setWindowTitle(titles[kind])
        self.form = FieldForm()
        self.recipient = named(QComboBox(self), "incidentRecipient", self.tr("Kepada"))
        for recipient in Recipient:
            self.recipient.addItem(recipient.label, recipient.value)
        if record.missing:
            self.recipient.setCurrentIndex(self.recipient.findData(record.missing[0].value))
        self.channel = named(QComboBox(self), "incidentChannel", self.tr("Cara"))
        for channel in NoticeChannel:
            self.channel.addItem(channel.label, channel.value)
        self.at = named(school_date_time_edit(self), "incidentEntryAt", self.tr("Waktu"))
        self.at.setDateTime(wall_clock(context.workspace.now(), self.zone))
        self.text = text_box(self, "incidentEntryText", self.tr("Uraian"), 4)
        intro = ""
        if kind == "notice":
            self.form.add(self.tr("Kepada"), self.recipient, keys=("recipient",), parent=self)
            self.form.add(self.tr("Cara"), self.channel, keys=("channel",), parent=self)
            self.text.setPlaceholderText(self.tr("mis. surat dibagikan lewat wali kelas (boleh)"))
        if kind != "close":
            self.form.add(self.tr("Waktu"), self.at, keys=("at",), parent=self)
        else:
            missing = ", ".join(r.label.lower() for r in record.missing)
            intro = (
                self.tr(
                    "Pemberitahuan kepada {who} belum dicatat. Tuliskan alasannya, mis. "
                    "flashdisk ditemukan kembali dalam satu jam dan brankasnya terenkripsi."
                ).format(who=missing)
                if record.missing
                else self.tr("Semua pemberitahuan sudah dicatat. Catatan penutup boleh diisi.")
            )
        if kind == "measure":
            self.text.setPlaceholderText(
                self.tr("mis. kata sandi semua akun diganti, kunci pemulihan dibuat ulang")
            )
        # A measure prints on every notice, a notice's note on the authority's letter, as
        # typed; the closing note prints nowhere.
        printed_on = {
            "measure": self.tr(
                "Jangan menulis nama siswa di sini; tindakan ini tercetak apa adanya pada surat "
                "kepada semua orang tua/wali dan kepada lembaga."
            ),
            "notice": self.tr(
                "Jangan menulis nama siswa di sini; keterangan pemberitahuan kepada orang "
                "tua/wali tercetak apa adanya pada surat kepada lembaga."
            ),
        }
        self.form.add(
            self.tr("Alasan/catatan") if kind == "close" else self.tr("Uraian"),
            self.text,
            keys=("text",),
            parent=self,
            hint=printed_on.get(kind, ""),
        )
        buttons = save_cancel_buttons(self, "incidentEntrySaveButton", titles[kind])
        buttons.accepted.connect(self.save)
        parts: list[Any] = []
        if intro:
            note = wrapping_label(self, intro)
            note.setObjectName("incidentEntryIntro")
            parts.append(note)
        dialog_layout(self, *parts, self.form, buttons)
        DiscardGuard(self, lambda: self.form.state, lambda: context.prompter)

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        service, record = self.service, self.incident
        at = instant_of(self.at, self.zone)
        try:
            if self.kind == "measure":
                updated = service.add_measure(record.id, self.text.toPlainText(), at=at)
            elif self.kind == "notice":
                updated = service.record_notice(
                    record.id,
                    chosen(self.recipient, Recipient) or Recipient.ORANG_TUA,
                    chosen(self.channel, NoticeChannel) or NoticeChannel.SURAT,
                    self.text.toPlainText(),
                    at=at,
                )
            else:
                updated = service.close(record.id, self.text.toPlainText())
        except ValidationError as error:
            if not self.form.place(error):
                self.context.prompter.error(self, self.windowTitle(), error.message)
            return
        except KnownError as error:
            self.context.prompter.error(self, self.windowTitle(), error.message)
            return
        self.result_record = updated
        self.form.mark_clean()
        self.accept()


class AddresseeDialog(QDialog):
    """To whom the letter to the authority goes (the kop's agency line gives a start)."""

    def __init__(self, default: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentAddresseeDialog")
        self.setWindowTitle(self.tr("Cetak pemberitahuan lembaga"))
        self.setModal(True)
        self.setMinimumWidth(520)
        self.addressee = named(QLineEdit(self), "incidentAddressee", self.tr("Ditujukan kepada"))
        self.addressee.setText(default)
        form = FieldForm()
        form.add(
            self.tr("Ditujukan kepada"),
            self.addressee,
            hint=self.tr("Lembaga pelindungan data pribadi atau Dinas Pendidikan yang membawahi."),
            parent=self,
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Buat surat"))
        ok.setObjectName("incidentAddresseeOk")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        dialog_layout(self, form, buttons)


class IncidentsPage(AdminPage):
    """The register, "Catat insiden…", and the selected incident's detail and actions."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Insiden data"),
            self.tr(
                "Daftar insiden data pribadi: laptop atau flashdisk cadangan yang hilang, catatan "
                "yang terlihat oleh orang yang tidak berhak, dokumen cetak yang tertinggal. "
                "Orang tua/wali dan lembaga diberi tahu paling lambat 3×24 jam sejak insiden "
                "diketahui (UU PDP Pasal 46)."
            ),
            parent,
        )
        self._context = context
        self.current: IncidentRecord | None = None
        self.dialogs = DialogSlot(self)
        self.previews = DialogSlot(self)
        """Previews have their own slot: one opens as the addressee dialog closes."""
        self.preview: QDialog | None = None
        self.record_dialog: IncidentDialog | None = None
        self.entry_dialog: EntryDialog | None = None

        self.record_button = action_button(
            self.tr("Catat insiden…"), "incidentRecordButton", self.tr("Catat insiden baru")
        )
        set_role(self.record_button, "primary")
        self.record_button.clicked.connect(self.open_record)
        self.model = IncidentModel(context, self)
        self.list = RecordList(
            self.model,
            ("incidentTable", self.tr("Daftar insiden data pribadi")),
            (
                "incidentEmpty",
                self.tr(
                    "Belum ada insiden tercatat, dan semoga tetap begitu. Bila laptop atau "
                    "flashdisk cadangan hilang, catatan siswa terlihat oleh orang yang tidak "
                    "berhak, atau dokumen cetak tertinggal, catat di sini segera: jam 3×24 untuk "
                    "memberi tahu orang tua/wali dan lembaga mulai saat insiden diketahui."
                ),
            ),
            rows=(3, 8),
            stretch=(CLOCK,),
        )
        self.list.table.selectionModel().selectionChanged.connect(self._on_selected)
        self.body.addLayout(button_row(self.record_button))
        self.body.addWidget(self.list)

        self.detail_box = QGroupBox(self.tr("Rincian insiden"))
        detail_layout = group_layout(self.detail_box)
        self.detail = wrapping_label(self.detail_box)
        self.detail.setObjectName("incidentDetail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log = tab_leaves(
            named(QTableWidget(0, 4, self.detail_box), "incidentLog", self.tr("Catatan"))
        )
        self.log.setHorizontalHeaderLabels(
            [self.tr("Waktu"), self.tr("Jenis"), self.tr("Oleh"), self.tr("Uraian")]
        )
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.verticalHeader().setVisible(False)
        header = self.log.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.log.setMinimumHeight(140)
        self.measure_button = self._action("Catat tindakan…", "incidentMeasureButton")
        self.notice_button = self._action("Catat pemberitahuan…", "incidentNoticeButton")
        self.parent_print = self._action(
            "Cetak pemberitahuan orang tua…", "incidentParentPrintButton"
        )
        self.authority_print = self._action(
            "Cetak pemberitahuan lembaga…", "incidentAuthorityPrintButton"
        )
        self.close_button = self._action("Tandai selesai…", "incidentCloseButton")
        self.measure_button.clicked.connect(lambda: self.open_entry("measure"))
        self.notice_button.clicked.connect(lambda: self.open_entry("notice"))
        self.close_button.clicked.connect(lambda: self.open_entry("close"))
        self.parent_print.clicked.connect(self.print_parent)
        self.authority_print.clicked.connect(self.print_authority)
        detail_layout.addWidget(self.detail)
        detail_layout.addWidget(self.log)
        actions = QHBoxLayout()
        for button in (self.measure_button, self.notice_button, self.close_button):
            actions.addWidget(button)
        actions.addStretch(1)
        prints = QHBoxLayout()
        prints.addWidget(self.parent_print)
        prints.addWidget(self.authority_print)
        prints.addStretch(1)
        detail_layout.addLayout(actions)
        detail_layout.addLayout(prints)
        self.body.addWidget(self.detail_box)
        if not self.service.handles:
            note = wrapping_label(
                self,
                self.tr(
                    "Anda melihat insiden yang Anda catat sendiri. Koordinator BK menangani "
                    "setiap insiden: tindakan, pemberitahuan, surat, dan penutupannya."
                ),
            )
            note.setObjectName("incidentOwnOnly")
            set_role(note, "muted")
            self.body.addWidget(note)
        self.finish()
        self.refresh()

    def _action(self, text: str, name: str) -> QPushButton:
        return action_button(self.tr(text), name, self.tr(text).rstrip("…"))

    # -- reading ----------------------------------------------------------------------------

    @property
    def service(self) -> IncidentService:
        """Built on the current workspace each time: a restore hands the window a new one,
        and the page outlives it."""
        return IncidentService(self._context.workspace)

    def refresh(self) -> None:
        """Read the register again, keeping the selected incident."""
        keep = self.current.id if self.current is not None else None
        self.model.set_rows(self.service.entries())
        row = self.model.row_where(lambda r: r.id == keep) if keep is not None else -1
        if row >= 0:
            self.list.select(row)
        self._show(keep if row >= 0 else None)

    @Slot()
    def _on_selected(self) -> None:
        selected = self.list.selected()
        self._show(selected.id if selected is not None else None)

    def select(self, incident_id: int) -> None:
        self.list.select(self.model.row_where(lambda r: r.id == incident_id))

    def _show(self, incident_id: int | None) -> None:
        handles = self.service.handles
        self.detail_box.setVisible(handles and incident_id is not None)
        if not handles or incident_id is None:
            self.current = None
            return
        try:
            record = self.service.open(incident_id)
        except KnownError as error:
            self._context.prompter.error(self, self.tr("Insiden data"), error.message)
            self.current = None
            self.detail_box.hide()
            return
        self.current = record
        zone = self._context.workspace.settings().zone
        clock = self.service.clock_of(record)
        students = ", ".join(
            f"{initials(s.name)} ({s.rombel})" if s.rombel else initials(s.name)
            for s in record.students
        )
        lines = [
            self.tr("Insiden #{id} — {kind}").format(id=record.id, kind=record.kind.label),
            self.tr("Diketahui: {when}; dilaporkan oleh {who}; dicatat oleh {by}.").format(
                when=format_instant(record.found_at, zone),
                who=record.reported_by,
                by=record.recorded_by_name or self.tr("akun yang sudah dihapus"),
            ),
            self.tr("Status: {status}. Batas pemberitahuan: {deadline} — {clock}.").format(
                status=record.status.label,
                deadline=format_deadline(clock.deadline, zone),
                clock=clock.text,
            ),
            self.tr("Data terdampak: {data}.").format(data="; ".join(record.data_labels)),
            self.tr("Siswa terdampak: {n}{picked}.").format(
                n=record.student_count,
                picked=self.tr(", dipilih: {who}").format(who=students) if students else "",
            ),
            record.what_happened,
        ]
        if record.missing and record.status is not IncidentStatus.SELESAI:
            lines.append(
                self.tr("Belum diberi tahu: {who}.").format(
                    who=", ".join(r.label.lower() for r in record.missing)
                )
            )
        self.detail.setText("\n".join(lines))
        self.log.setRowCount(len(record.entries))
        for row, entry in enumerate(record.entries):
            kind = entry.kind.label
            if entry.recipient is not None and entry.channel is not None:
                kind = f"{kind}: {entry.recipient.label} ({entry.channel.label})"
            cells = (short_instant(entry.at, zone), kind, entry.account_name, entry.text)
            for column, value in enumerate(cells):
                self.log.setItem(row, column, QTableWidgetItem(value))
        open_ = record.status is not IncidentStatus.SELESAI
        for button in (self.measure_button, self.notice_button, self.close_button):
            button.setEnabled(open_)

    # -- acting -----------------------------------------------------------------------------

    @Slot()
    def open_record(self) -> IncidentDialog:
        dialog = IncidentDialog(self._context, self)
        self.record_dialog = dialog
        self.dialogs.open(dialog, lambda: self._recorded(dialog))
        return dialog

    def _recorded(self, dialog: IncidentDialog) -> None:
        self.refresh()
        if dialog.record is not None:
            self.select(dialog.record.id)

    def open_entry(self, kind: str) -> EntryDialog | None:
        if self.current is None:
            return None
        dialog = EntryDialog(self._context, self.current, kind, self)
        self.entry_dialog = dialog
        self.dialogs.open(dialog, self.refresh)
        return dialog

    @Slot()
    def print_parent(self) -> None:
        record = self.current
        if record is None:
            return
        student_id: int | None = None
        if record.students:
            options = [
                f"{initials(s.name)} ({s.rombel})" if s.rombel else initials(s.name)
                for s in record.students
            ]
            options.append(self.tr("Surat umum (tanpa nama siswa)"))
            answer = self._context.prompter.choose(
                self,
                self.tr("Cetak pemberitahuan orang tua"),
                self.tr(
                    "Untuk orang tua/wali siswa yang mana? Surat untuk satu siswa memuat nama "
                    "lengkapnya; surat umum tidak menyebut siswa dan tidak memuat uraian "
                    "kejadian."
                ),
                options,
            )
            if answer is None:
                return
            if answer < len(record.students):
                student_id = record.students[answer].id
        self._print(lambda: self.service.parent_notice(record.id, student_id))

    @Slot()
    def print_authority(self) -> None:
        record = self.current
        if record is None:
            return
        agency = " ".join(self._context.workspace.settings().agency_line.split())
        default = f"Kepala {agency.title()}" if agency else self.tr("Kepala Dinas Pendidikan")
        dialog = AddresseeDialog(default, self)
        self.dialogs.open(
            dialog,
            lambda: self._print(
                lambda: self.service.authority_notice(record.id, dialog.addressee.text())
            ),
        )

    def _print(self, build: Callable[[], Document]) -> None:
        # reportlab loads on the first print, not with the window.
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415

        self.preview = show_document(
            self._context,
            self,
            self.previews,
            lambda _service: build(),
            what=self.tr("Cetak pemberitahuan insiden"),
        )

    # -- drafts across a lock ---------------------------------------------------------------

    def open_drafts(self) -> list[FormDraft]:
        dialog = self.dialogs.current
        if isinstance(dialog, IncidentDialog):
            return draft_of(DraftForm.INCIDENT, None, dialog.form_state)
        return []

    def reopen_draft(self, draft: FormDraft) -> bool:
        if draft.form is not DraftForm.INCIDENT or self.dialogs.current is not None:
            return False
        self.open_record().form_state.restore_draft(draft.content)
        return True

    def lost_on_lock(self) -> list[str]:
        return []


__all__ = ["IncidentDialog", "IncidentModel", "IncidentsPage"]
