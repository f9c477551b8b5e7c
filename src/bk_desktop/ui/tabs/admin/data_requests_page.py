"""Pengaturan → Privasi → Permohonan hak atas data: the register of requests a student or a
parent/guardian makes about the student's own data (UU PDP Ps. 32–44), each answered within
3×24 calendar hours.

The list shows every request with its countdown in words and colour; the form below it
registers a new one (kept as a draft, ``DraftForm.DATA_REQUEST``, when the window locks; so is
a decision reason or completion note half-typed for the chosen request, as a draft whose
target is that request); the chosen request is decided (dikabulkan, dikabulkan sebagian or
ditolak — the last two with a reason), completed with what was done, and its student's data
exported ("Ekspor data siswa…": ``ui/redaction_dialog.py``); a wholly granted penghapusan
request whose student is still there offers the koordinator "Hapus data siswa…" behind Retensi's
typed-word confirmation and run (``ErasureRunner``), after which the request is completed with a
fixed sentence. The rules are ``domain.data_requests``'; the page only asks the services.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLineEdit,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.data_requests import (
    ClockKind,
    DataRequestForm,
    DataRequestRecord,
    DataRight,
    Decision,
    Requester,
)
from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.retention import ErasureMode
from bk_desktop.domain.students import GuardianRelation
from bk_desktop.services.data_requests import DataRequestService
from bk_desktop.services.erasure import ErasureResult, ErasureService
from bk_desktop.services.students import StudentService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.draft_keeping import draft_of, target_id
from bk_desktop.ui.kit.buttons import enable_unless
from bk_desktop.ui.kit.empty_state import EmptyState
from bk_desktop.ui.kit.forms import (
    FieldForm,
    action_button,
    button_row,
    group_layout,
    named,
    text_box,
)
from bk_desktop.ui.kit.labels import set_status, status_label, wrapping_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.kit.palette import ERROR_TEXT, MUTED_TEXT, OK_TEXT, WARNING_TEXT
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.school_time import instant_of, school_date_time_edit, short_instant, wall_clock
from bk_desktop.ui.student_picker import StudentPicker
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.admin.admin_page import AdminPage, note_refused
from bk_desktop.ui.tabs.admin.date_inputs import name_calendar_parts
from bk_desktop.ui.tabs.admin.retention_page import ConfirmErasureDialog, ErasureRunner

COUNTDOWN = 1
"""The countdown's column: next to the number, so it never scrolls out of sight."""

_CLOCK_COLOURS = {
    ClockKind.BERJALAN: None,
    ClockKind.SEGERA: WARNING_TEXT,
    ClockKind.TERLAMBAT: ERROR_TEXT,
    ClockKind.TEPAT_WAKTU: OK_TEXT,
    ClockKind.SELESAI_TERLAMBAT: MUTED_TEXT,
}


class DataRequestsPage(AdminPage):
    """The register: list with countdowns, the form for a new request, decide, complete,
    export."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Permohonan hak atas data"),
            self.tr(
                "Siswa dan orang tua/wali berhak meminta salinan, perbaikan, penghentian "
                "pemrosesan atau penghapusan data siswa (UU PDP Pasal 32–44). Setiap "
                "permohonan dijawab paling lambat 3×24 jam, dihitung dalam jam kalender: "
                "akhir pekan dan hari libur sekolah ikut dihitung."
            ),
            parent,
        )
        self._context = context
        self.records: list[DataRequestRecord] = []
        self._shown_id: int | None = None
        self.dialogs = DialogSlot(self)

        # -- the list -------------------------------------------------------------------------
        self.table = tab_leaves(
            named(
                QTableWidget(0, 5, self),
                "dataRequestTable",
                self.tr("Daftar permohonan hak atas data"),
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Nomor"),
                self.tr("Batas 3×24 jam"),
                self.tr("Siswa"),
                self.tr("Hak"),
                self.tr("Status"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(180)
        self.table.itemSelectionChanged.connect(self._show_chosen)
        self.empty = EmptyState(
            "dataRequestEmpty",
            self.tr(
                "Belum ada permohonan hak atas data pribadi. Catat di sini setiap kali siswa "
                "atau orang tua/wali meminta salinan data, perbaikan, penghentian pemrosesan "
                "atau penghapusan: daftar ini menjaga jawaban dalam 3×24 jam dan menjadi bukti "
                "bahwa hak mereka dilayani."
            ),
            text_name="dataRequestEmptyText",
            title=self.tr("Belum ada permohonan"),
            title_name="dataRequestEmptyTitle",
        )
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        self.body.addWidget(self.stack)

        # -- the chosen request ---------------------------------------------------------------
        chosen = QGroupBox(self.tr("Permohonan terpilih"), self)
        chosen_layout = group_layout(chosen)
        self.detail = wrapping_label(chosen)
        self.detail.setObjectName("dataRequestDetail")
        chosen_layout.addWidget(self.detail)
        self.decision = named(QComboBox(chosen), "dataRequestDecision", self.tr("Keputusan"))
        for decision in Decision:
            self.decision.addItem(decision.label, decision.value)
        self.decision_reason = named(
            QLineEdit(chosen), "dataRequestDecisionReason", self.tr("Alasan keputusan")
        )
        self.decision_reason.setPlaceholderText(
            self.tr("wajib bila ditolak atau dikabulkan sebagian (Pasal 33)")
        )
        self.completion = named(
            QLineEdit(chosen), "dataRequestCompletion", self.tr("Yang dilakukan")
        )
        self.completion.setPlaceholderText(
            self.tr("mis. salinan diserahkan kepada ibu siswa di ruang BK")
        )
        self.act_form = FieldForm()
        self.act_form.add(self.tr("Keputusan"), self.decision)
        self.act_form.add(self.tr("Alasan"), self.decision_reason, keys=("reason",))
        self.act_form.add(self.tr("Penyelesaian"), self.completion, keys=("note",))
        chosen_layout.addLayout(self.act_form)
        self.decide_button = action_button(
            self.tr("Simpan keputusan"), "dataRequestDecideButton", self.tr("Simpan keputusan")
        )
        self.decide_button.clicked.connect(self.decide)
        self.complete_button = action_button(
            self.tr("Tandai selesai"), "dataRequestCompleteButton", self.tr("Tandai selesai")
        )
        self.complete_button.clicked.connect(self.complete)
        self.export_button = action_button(
            self.tr("Ekspor data siswa…"),
            "dataRequestExportButton",
            self.tr("Ekspor data siswa untuk permohonan ini"),
        )
        self.export_button.clicked.connect(self.export)
        self.erase_button = action_button(
            self.tr("Hapus data siswa…"),
            "dataRequestEraseButton",
            self.tr("Hapus data siswa sesuai permohonan penghapusan yang dikabulkan"),
        )
        set_role(self.erase_button, "danger")
        self.erase_button.clicked.connect(self.ask_erase)
        self.act_status = status_label("dataRequestActStatus")
        self.erase_backups = wrapping_label(chosen)
        self.erase_backups.setObjectName("dataRequestEraseBackups")
        self.erase_backups.setVisible(False)
        chosen_layout.addLayout(
            button_row(
                self.decide_button,
                self.complete_button,
                self.export_button,
                self.erase_button,
                self.act_status,
            )
        )
        chosen_layout.addWidget(self.erase_backups)
        self.eraser = ErasureRunner(
            context, self, self.act_status, self.erase_backups, self.tr("Hapus data siswa")
        )
        self.chosen_group = chosen
        self.body.addWidget(chosen)

        # -- the register form ----------------------------------------------------------------
        group = QGroupBox(self.tr("Catat permohonan baru"), self)
        layout = group_layout(group)
        self.picker = StudentPicker(StudentService(context.workspace), "dataRequestStudent", group)
        self.requester = named(QComboBox(group), "dataRequestRequester", self.tr("Pemohon"))
        for requester in Requester:
            self.requester.addItem(requester.label, requester.value)
        self.requester_name = named(
            QLineEdit(group), "dataRequestRequesterName", self.tr("Nama pemohon")
        )
        self.relation = named(QComboBox(group), "dataRequestRelation", self.tr("Hubungan"))
        for relation in GuardianRelation:
            self.relation.addItem(relation.label, relation.value)
        self.right = named(QComboBox(group), "dataRequestRight", self.tr("Hak yang dimohonkan"))
        for right in DataRight:
            self.right.addItem(right.label, right.value)
        self.text = text_box(group, "dataRequestText", self.tr("Isi permohonan"), 4)
        self.received = named(
            school_date_time_edit(group), "dataRequestReceived", self.tr("Diterima pada")
        )
        name_calendar_parts(self.received.calendarWidget())
        self.backdate = named(
            QLineEdit(group), "dataRequestBackdateReason", self.tr("Alasan pencatatan mundur")
        )
        self.backdate.setPlaceholderText(
            self.tr("bila waktu diterima lebih awal dari sekarang, mis. disampaikan lisan")
        )
        self.form = FieldForm()
        self.form.add(self.tr("Siswa"), self.picker, keys=("student_id",))
        self.form.add(self.tr("Pemohon"), self.requester)
        self.form.add(self.tr("Nama pemohon"), self.requester_name, keys=("requester_name",))
        self.form.add(self.tr("Hubungan"), self.relation, keys=("relation",))
        self.form.add(self.tr("Hak"), self.right)
        self.form.add(self.tr("Isi permohonan"), self.text, keys=("text",))
        self.form.add(self.tr("Diterima pada"), self.received, keys=("received_at",))
        self.form.add(self.tr("Alasan mundur"), self.backdate, keys=("backdate_reason",))
        self.form.state.hold(
            "dataRequestStudentId",
            lambda: self.picker.student_id,
            self.picker.restore,
        )
        layout.addLayout(self.form)
        self.register_button = action_button(
            self.tr("Catat permohonan"), "dataRequestRegisterButton", self.tr("Catat permohonan")
        )
        set_role(self.register_button, "primary")
        self.register_button.clicked.connect(self.register)
        self.status = status_label("dataRequestStatus")
        layout.addLayout(button_row(self.register_button, self.status))
        self.requester.currentIndexChanged.connect(self._requester_changed)
        self.body.addWidget(group)
        self.finish()
        self._reset_form()
        self.refresh()

    # -- reading ------------------------------------------------------------------------------

    def _service(self) -> DataRequestService:
        return DataRequestService(self._context.workspace)

    def _zone(self) -> ZoneInfo:
        return self._context.workspace.settings().zone

    def refresh(self) -> None:
        """Read the register again (the chosen request stays chosen)."""
        chosen = self.chosen_id()
        service = self._service()
        self.records = service.requests()
        now = self._context.workspace.now()
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            state = service.clock_of(record, now)
            student = record.student_name + (f" ({record.rombel})" if record.rombel else "")
            cells = (
                record.number,
                state.text,
                student,
                record.right.label,
                record.status.label
                + (f" — {record.decision.label.lower()}" if record.decision else ""),
            )
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                colour = _CLOCK_COLOURS[state.kind]
                if column == COUNTDOWN and colour is not None:
                    item.setForeground(QBrush(QColor(colour)))
                self.table.setItem(row, column, item)
        self.stack.setCurrentWidget(self.table if self.records else self.empty)
        self._select(chosen)
        self._show_chosen()

    def chosen_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.records):
            return None
        return self.records[rows[0].row()].id

    def chosen(self) -> DataRequestRecord | None:
        chosen_id = self.chosen_id()
        return next((r for r in self.records if r.id == chosen_id), None)

    def select(self, request_id: int) -> None:
        """Beranda's row: the request chosen in the list."""
        self.refresh()
        self._select(request_id)

    def _select(self, request_id: int | None) -> None:
        for row, record in enumerate(self.records):
            if record.id == request_id:
                self.table.selectRow(row)
                return
        self.table.clearSelection()

    @Slot()
    def _show_chosen(self) -> None:
        record = self.chosen()
        self.act_form.clear_errors()
        shown_id = record.id if record is not None else None
        if shown_id != self._shown_id:
            # Another request: what was typed for the last one is not this one's decision.
            self._shown_id = shown_id
            self.decision.setCurrentIndex(0)
            self.decision_reason.clear()
            self.completion.clear()
            self.act_form.mark_clean()
            self.erase_backups.setVisible(False)
        self.chosen_group.setEnabled(record is not None)
        if record is None:
            self.detail.setText(self.tr("Pilih permohonan di daftar untuk memutuskan atau "
                                        "menyelesaikannya."))  # fmt: skip
            return
        zone = self._zone()
        lines = [
            f"{record.number} · {record.right.label} · {record.requester_label}",
            self.tr("Diterima {when}").format(when=short_instant(record.received_at, zone)),
            self.tr("Isi: {text}").format(text=record.text),
        ]
        if record.decision is not None and record.decided_at is not None:
            reason = f" ({record.decision_reason})" if record.decision_reason else ""
            lines.append(
                self.tr("Keputusan: {decision}{reason}, {when}").format(
                    decision=record.decision.label,
                    reason=reason,
                    when=short_instant(record.decided_at, zone),
                )
            )
        if record.completed_at is not None:
            lines.append(
                self.tr("Selesai {when}: {note}").format(
                    when=short_instant(record.completed_at, zone), note=record.completion_note
                )
            )
        self.detail.setText("\n".join(lines))
        undecided = record.decision is None
        self.decision.setEnabled(undecided)
        self.decision_reason.setEnabled(undecided)
        self.decide_button.setEnabled(undecided)
        self.completion.setEnabled(record.is_open and not undecided)
        self.complete_button.setEnabled(record.is_open and not undecided)
        self.erase_button.setVisible(self._may_erase(record))
        # A request whose student was erased stays as proof; there is nothing left to copy.
        enable_unless(
            self.export_button,
            "" if record.student_id else self.tr("Data siswa ini sudah dihapus."),
        )

    # -- acting -------------------------------------------------------------------------------

    def _act(self, action: str, run: Callable[[], None]) -> None:
        self.act_form.clear_errors()
        try:
            run()
        except ValidationError as error:
            if not self.act_form.place(error):
                self._context.prompter.error(self, action, error.message)
            return
        except KnownError as error:
            self._context.prompter.error(self, action, error.message)
            return
        self.refresh()
        set_status(self.act_status, self.tr("Tersimpan."))

    @Slot()
    def decide(self) -> None:
        record = self.chosen()
        if record is None:
            return
        decision = Decision(self.decision.currentData())

        def run() -> None:
            self._service().decide(record.id, decision, self.decision_reason.text())
            self.decision_reason.clear()
            self.act_form.mark_clean()

        self._act(self.tr("Keputusan permohonan"), run)

    @Slot()
    def complete(self) -> None:
        record = self.chosen()
        if record is None:
            return

        def run() -> None:
            self._service().complete(record.id, self.completion.text())
            self.completion.clear()
            self.act_form.mark_clean()

        self._act(self.tr("Penyelesaian permohonan"), run)

    def _may_erase(self, record: DataRequestRecord) -> bool:
        """A wholly granted penghapusan request still open whose student is still in the vault,
        for the koordinator: the one place an active student's data can be erased on request.
        A request granted in part is carried out by hand (what stays is the reason given); a
        student already erased (from Retensi) leaves only the completion to record."""
        return (
            self._context.workspace.account.role is Role.KOORDINATOR
            and record.right is DataRight.PENGHAPUSAN
            and record.decision is Decision.DIKABULKAN
            and record.is_open
            and bool(record.student_id)
        )

    def _erased_note(self) -> str:
        """The completion note of a request answered by "Hapus data siswa…". Never a typed
        note: the erasure anonymises the request first, and a note saved after it could name
        the student again."""
        return self.tr("Data siswa dihapus dari brankas sesuai permohonan ini.")

    @Slot()
    def ask_erase(self) -> None:
        """Name what goes and ask for the word, with Retensi's own confirmation, which here
        also says the fixed sentence the request is completed with."""
        record = self.chosen()
        if record is None or not self._may_erase(record) or record.student_id is None:
            return
        title = self.tr("Hapus data siswa")
        try:
            counts = ErasureService(self._context.workspace).preview([record.student_id])
        except KnownError as error:
            self._context.prompter.error(self, title, error.message)
            return
        dialog = ConfirmErasureDialog(ErasureMode.ERASE, 1, counts, self)
        dialog.summary.setText(
            dialog.summary.text()
            + "\n\n"
            + self.tr(
                'Sesudahnya permohonan ini ditandai selesai dengan catatan: "{note}" '
                "Catatan yang diketik di Penyelesaian tidak disimpan, karena bisa memuat "
                "nama siswa."
            ).format(note=self._erased_note())
        )
        student_id = record.student_id
        dialog.accepted.connect(lambda: self.erase(record, student_id, dialog.typed()))
        self.erasure_dialog = dialog
        self.dialogs.open(dialog, lambda: None)

    def erase(self, record: DataRequestRecord, student_id: int, typed: str) -> None:
        """Erase the student behind the busy indicator, then complete the request: erasure
        keeps the request (its text anonymised, its student reference cut) as proof it was
        answered, and a request is never marked selesai for an erasure that did not happen.
        The typed completion note is dropped here, before anything runs: it is written after
        the anonymisation and could name the student."""
        self.completion.clear()
        self.act_form.mark_clean()
        self.eraser.run(
            ErasureMode.ERASE, [student_id], typed, lambda result: self._erased(record, result)
        )

    def _erased(self, record: DataRequestRecord, _result: ErasureResult) -> str:
        """Complete the request now its student is gone; the sentence said before the
        erasure's counts."""
        try:
            self._service().complete(record.id, self._erased_note())
        except KnownError as error:
            self.refresh()
            message = self.tr(
                "Data siswa sudah dihapus; permohonan belum dapat ditandai selesai: {why}"
            ).format(why=error.message)
            self.eraser.say_error(message)
            return self.tr("Permohonan {number} belum ditandai selesai.").format(
                number=record.number
            )
        self.refresh()
        return self.tr("Permohonan {number} selesai.").format(number=record.number)

    @Slot()
    def export(self) -> None:
        record = self.chosen()
        if record is None:
            return
        # reportlab loads when the copy is written, not with the window.
        from bk_desktop.ui.redaction_dialog import RedactionDialog  # noqa: PLC0415

        try:
            dialog = RedactionDialog(self._context, record.id, self)
        except KnownError as error:
            self._context.prompter.error(self, self.tr("Ekspor data siswa"), error.message)
            return
        self.redaction_dialog = dialog
        self.dialogs.open(dialog, lambda: None)

    # -- the register form --------------------------------------------------------------------

    @Slot()
    def _requester_changed(self) -> None:
        parent = self.requester.currentData() == Requester.ORANG_TUA_WALI.value
        self.form.set_field_visible(self.requester_name, parent)
        self.form.set_field_visible(self.relation, parent)

    def _reset_form(self) -> None:
        self.picker.pick(None)
        self.requester.setCurrentIndex(0)
        self.requester_name.clear()
        self.relation.setCurrentIndex(0)
        self.right.setCurrentIndex(0)
        self.text.clear()
        self.received.setDateTime(wall_clock(self._context.workspace.now(), self._zone()))
        self.backdate.clear()
        self._requester_changed()
        self.form.clear_errors()
        self.form.mark_clean()

    def form_value(self) -> DataRequestForm:
        requester = Requester(self.requester.currentData())
        parent = requester is Requester.ORANG_TUA_WALI
        return DataRequestForm(
            student_id=self.picker.student_id,
            requester=requester,
            right=DataRight(self.right.currentData()),
            text=self.text.toPlainText(),
            received_at=instant_of(self.received, self._zone()),
            requester_name=self.requester_name.text() if parent else "",
            relation=GuardianRelation(self.relation.currentData()) if parent else None,
            backdate_reason=self.backdate.text(),
        )

    @Slot()
    def register(self) -> None:
        self.form.clear_errors()
        self.status.clear()
        try:
            record = self._service().register(self.form_value())
        except ValidationError as error:
            if self.form.place(error):
                note_refused(self.status)
            else:
                self._context.prompter.error(self, self.tr("Catat permohonan"), error.message)
            return
        except KnownError as error:
            self._context.prompter.error(self, self.tr("Catat permohonan"), error.message)
            return
        self._reset_form()
        self.refresh()
        self._select(record.id)
        set_status(self.status, self.tr("Tercatat sebagai {number}.").format(number=record.number))

    # -- drafts (the lead wires these to the window's lock through the admin tab) ---------------

    def open_drafts(self) -> list[FormDraft]:
        """The new request half-typed (target ""), and the decision reason or completion
        note half-typed for the chosen request (target: its id)."""
        drafts = draft_of(DraftForm.DATA_REQUEST, None, self.form.state)
        chosen_id = self.chosen_id()
        if chosen_id is not None:
            drafts += draft_of(DraftForm.DATA_REQUEST, chosen_id, self.act_form.state)
        return drafts

    def reopen_draft(self, draft: FormDraft) -> bool:
        if draft.form is not DraftForm.DATA_REQUEST:
            return False
        request_id = target_id(draft)
        if request_id is None:
            if self.form.is_dirty():
                return False
            self.form.restore_draft(dict(draft.content))
            self._requester_changed()
            return True
        if self.act_form.is_dirty() or request_id not in {r.id for r in self.records}:
            return False
        self._select(request_id)
        self.act_form.restore_draft(dict(draft.content))
        return True

    def lost_on_lock(self) -> list[str]:
        return []


__all__ = ["DataRequestsPage"]
