"""One case of the buku kasus: its heading, sessions, studi kasus, action plan, follow-ups and
permohonan, with what can be done to each.

The studi-kasus headings are edited in place and saved with "Simpan studi kasus" (Ctrl+S);
everything else changes through a small dialog (``counselling_dialogs.py``) or a button on the
selected row. A session is opened (Enter, a double click, "Buka catatan sesi") in the tab's
session form. The view writes on the GUI thread; the write's change notice has the tab read
the case again, so after a write the view only says what happened (``said``).

Another counsellor's case (issue 14) comes redacted from the service and the view says so
(``counselling_sight.SightBanner``): a *sangat rahasia* one shows the banner and nothing else;
another one its line, its sessions and follow-ups, and its notes only after "Tampilkan
catatan", which the service audits. The opened case stays open (``revealed_id``) while it is
the one shown: a re-read after a change notice keeps the notes already read instead of opening
(and auditing) them again; choosing another case forgets it, so the next opening asks again.
Only the owner sees editing controls; the koordinator also gets "Alihkan kasus…".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.counselling import (
    ActionStatus,
    CaseDraft,
    Confidentiality,
    SessionStatus,
)
from bk_desktop.domain.dates import format_date
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.sight import Sight
from bk_desktop.domain.visibility import may_change_case, may_reassign
from bk_desktop.services.counselling import CaseView, CounsellingInvalid, CounsellingService
from bk_desktop.ui.bidang_choice import bidang_row
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.buttons import enable_unless
from bk_desktop.ui.kit.drafts import FormState
from bk_desktop.ui.kit.forms import FieldForm, action_button, chosen, named, text_box
from bk_desktop.ui.kit.labels import note_label, wrapping_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.kit.records import RecordList
from bk_desktop.ui.style import set_role
from bk_desktop.ui.tabs.counselling_dialogs import (
    AddFollowUpDialog,
    CloseCaseDialog,
    EndSessionDialog,
    FollowUpResultDialog,
    PlanSessionDialog,
)
from bk_desktop.ui.tabs.counselling_models import (
    ActionItemsModel,
    CaseSessionsModel,
    FollowUpsModel,
    bidang_labels,
)
from bk_desktop.ui.tabs.counselling_sight import SightBanner, keeps_opening


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(8)
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class CaseViewPanel(QWidget):
    """The selected case. ``session_opened`` asks the tab for a session's record form;
    ``said`` is a sentence about a write that went well."""

    session_opened = Signal(int)
    session_print_requested = Signal(int)
    said = Signal(str)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("caseView")
        self.view: CaseView | None = None
        self.revealed_id: int | None = None
        """The case whose notes were opened ("Tampilkan catatan") while it stays shown."""
        self.dialogs = DialogSlot(self)

        heading = self._heading()
        sessions = self._sessions_group()
        study = self._study_group()
        actions = self._actions_group()
        follow_ups = self._follow_ups_group()
        requests = self._requests_group()
        self.sessions_group = sessions
        self.study_group = study
        self.actions_group = actions
        self.follow_ups_group = follow_ups
        self.requests_group = requests

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        for part in (heading, sessions, study, actions, follow_ups, requests):
            layout.addWidget(part)
        layout.addStretch(1)

        self.study_state = FormState.of(study)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save_study)

    # -- building ------------------------------------------------------------------------------

    def _heading(self) -> QFrame:
        card = QFrame(self)
        card.setObjectName("caseHeading")
        set_role(card, "card")
        self.title = QLabel(card)
        self.title.setObjectName("caseTitle")
        set_role(self.title, "heading")
        self.meta = wrapping_label(card)
        self.meta.setObjectName("caseMeta")
        set_role(self.meta, "muted")
        self.problem = wrapping_label(card)
        self.problem.setObjectName("caseProblem")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plan_button = action_button(self.tr("Rencanakan sesi berikutnya…"), "casePlanButton")
        set_role(self.plan_button, "primary")
        self.plan_button.clicked.connect(self.plan_session)
        self.close_button = action_button(self.tr("Tutup kasus…"), "caseCloseButton")
        self.close_button.clicked.connect(self.close_case)
        self.reassign_button = action_button(self.tr("Alihkan kasus…"), "caseReassignButton")
        self.reassign_button.setToolTip(
            self.tr("Serahkan kasus ini kepada guru BK lain (hanya Koordinator BK).")
        )
        self.reassign_button.clicked.connect(self.reassign)
        self.report_button = action_button(
            self.tr("Cetak laporan kasus…"),
            "caseReportButton",
            self.tr("Cetak laporan kasus: studi kasus, semua sesi, dan tindak lanjutnya"),
        )
        self.report_button.clicked.connect(self.print_report)
        self.banner = SightBanner("case", card)
        self.banner.show_notes.connect(self.reveal)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.banner)
        layout.addWidget(self.problem)
        layout.addLayout(
            _buttons(self.plan_button, self.close_button, self.report_button, self.reassign_button)
        )
        return card

    def _sessions_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Sesi konseling"), self)
        group.setObjectName("caseSessionsGroup")
        self.sessions_model = CaseSessionsModel(self)
        self.sessions = RecordList(
            self.sessions_model,
            ("caseSessions", self.tr("Sesi konseling kasus ini")),
            ("caseSessionsEmpty", self.tr("Belum ada sesi.")),
            rows=(2, 6),
            stretch=(3,),
        )
        self.sessions.table.activated.connect(self._on_session_activated)
        self.sessions.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.open_session_button = action_button(
            self.tr("Buka catatan sesi"), "caseOpenSessionButton"
        )
        self.open_session_button.clicked.connect(self.open_selected_session)
        self.cancel_session_button = action_button(
            self.tr("Batalkan…"), "caseCancelSessionButton", self.tr("Batalkan sesi")
        )
        self.cancel_session_button.clicked.connect(lambda: self._end_session(SessionStatus.BATAL))
        self.absent_button = action_button(
            self.tr("Tidak hadir…"), "caseAbsentButton", self.tr("Siswa tidak hadir")
        )
        self.absent_button.clicked.connect(lambda: self._end_session(SessionStatus.TIDAK_HADIR))
        self.print_session_button = action_button(
            self.tr("Cetak…"),
            "casePrintSessionButton",
            self.tr("Cetak ringkasan atau rencana aksi sesi ini"),
        )
        self.print_session_button.clicked.connect(self._print_selected_session)
        layout = QVBoxLayout(group)
        layout.addWidget(self.sessions)
        layout.addLayout(
            _buttons(
                self.open_session_button,
                self.print_session_button,
                self.cancel_session_button,
                self.absent_button,
            )
        )
        return group

    def _study_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Studi kasus"), self)
        group.setObjectName("caseStudyGroup")
        bidang_box, self.bidang = bidang_row(group, "case")
        self.confidentiality = named(
            QComboBox(group), "caseConfidentiality", self.tr("Tingkat kerahasiaan")
        )
        for level in Confidentiality:
            self.confidentiality.addItem(level.label, level)
        self.identification = text_box(group, "caseIdentification", self.tr("Identifikasi"), 3)
        self.identification.setPlaceholderText(
            self.tr("Gambaran masalah: data siswa, gejala, dan latar belakang yang diketahui.")
        )
        self.diagnosis = text_box(group, "caseDiagnosis", self.tr("Diagnosis"), 2)
        self.diagnosis.setPlaceholderText(self.tr("Masalah inti dan penyebabnya."))
        self.prognosis = text_box(group, "casePrognosis", self.tr("Prognosis"), 2)
        self.prognosis.setPlaceholderText(self.tr("Perkiraan perkembangan bila ditangani."))
        self.goal = text_box(group, "caseTreatmentGoal", self.tr("Tujuan treatment"), 2)
        self.approach = text_box(group, "caseTreatmentApproach", self.tr("Pendekatan"), 2)
        self.approach.setPlaceholderText(self.tr("mis. konseling individual, SFBC, REBT"))
        self.technique = text_box(group, "caseTreatmentTechnique", self.tr("Teknik"), 2)
        self.technique.setPlaceholderText(
            self.tr("mis. scaling question, restrukturisasi kognitif")
        )
        self.save_study_button = action_button(self.tr("Simpan studi kasus"), "caseSaveStudyButton")
        self.save_study_button.setToolTip(self.tr("Simpan studi kasus (Ctrl+S)"))
        self.save_study_button.clicked.connect(self.save_study)
        self.study_form = FieldForm()
        form = self.study_form
        form.add(self.tr("Bidang"), bidang_box, keys=("bidang",), parent=group)
        form.add(
            self.tr("Kerahasiaan"), self.confidentiality, keys=("confidentiality",), parent=group
        )
        form.add(
            self.tr("Identifikasi"), self.identification, keys=("identification",), parent=group
        )
        form.add(self.tr("Diagnosis"), self.diagnosis, keys=("diagnosis",), parent=group)
        form.add(self.tr("Prognosis"), self.prognosis, keys=("prognosis",), parent=group)
        form.add(self.tr("Tujuan treatment"), self.goal, keys=("treatment_goal",), parent=group)
        form.add(self.tr("Pendekatan"), self.approach, keys=("treatment_approach",), parent=group)
        form.add(self.tr("Teknik"), self.technique, keys=("treatment_technique",), parent=group)
        layout = QVBoxLayout(group)
        layout.addLayout(form)
        layout.addLayout(_buttons(self.save_study_button))
        return group

    def _actions_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Rencana aksi"), self)
        group.setObjectName("caseActionsGroup")
        self.items_model = ActionItemsModel(self)
        self.items = RecordList(
            self.items_model,
            ("caseActionItems", self.tr("Rencana aksi kasus ini")),
            (
                "caseActionItemsEmpty",
                self.tr("Belum ada rencana aksi. Rencana aksi dicatat di catatan sesi."),
            ),
            rows=(2, 6),
            stretch=(0, 1),
        )
        self.items.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.done_button = action_button(self.tr("Terlaksana"), "caseActionDoneButton")
        self.done_button.clicked.connect(lambda: self._set_action(ActionStatus.TERLAKSANA))
        self.not_done_button = action_button(self.tr("Tidak terlaksana"), "caseActionNotDoneButton")
        self.not_done_button.clicked.connect(
            lambda: self._set_action(ActionStatus.TIDAK_TERLAKSANA)
        )
        layout = QVBoxLayout(group)
        layout.addWidget(self.items)
        layout.addLayout(_buttons(self.done_button, self.not_done_button))
        return group

    def _follow_ups_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Tindak lanjut (laijapen dan laijapang)"), self)
        group.setObjectName("caseFollowUpsGroup")
        self.follow_ups_model = FollowUpsModel(self)
        self.follow_ups = RecordList(
            self.follow_ups_model,
            ("caseFollowUps", self.tr("Tindak lanjut kasus ini")),
            (
                "caseFollowUpsEmpty",
                self.tr(
                    "Belum ada tindak lanjut. Laijapen direncanakan saat sesi dengan rencana "
                    "aksi difinalkan; laijapang saat kasus ditutup."
                ),
            ),
            rows=(2, 5),
            stretch=(3,),
        )
        self.follow_ups.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.result_button = action_button(self.tr("Catat hasil…"), "caseFollowUpResultButton")
        self.result_button.clicked.connect(self.record_follow_up)
        self.add_follow_up_button = action_button(
            self.tr("Tambah tindak lanjut…"), "caseAddFollowUpButton"
        )
        self.add_follow_up_button.clicked.connect(self.add_follow_up)
        layout = QVBoxLayout(group)
        layout.addWidget(self.follow_ups)
        layout.addLayout(_buttons(self.result_button, self.add_follow_up_button))
        return group

    def _requests_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Permohonan"), self)
        group.setObjectName("caseRequestsGroup")
        self.requests_text = note_label("", "caseRequests", group)
        self.requests_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(group)
        layout.addWidget(self.requests_text)
        return group

    # -- showing -------------------------------------------------------------------------------

    @property
    def case_id(self) -> int | None:
        return self.view.record.id if self.view is not None else None

    def is_dirty(self) -> bool:
        return self.view is not None and self.is_owner and self.study_state.is_dirty()

    @property
    def is_owner(self) -> bool:
        """The signed-in counsellor owns the shown case: only they change it."""
        view = self.view
        return view is not None and may_change_case(
            self.context.workspace.viewer, view.record.counsellor_id
        )

    @property
    def sight(self) -> Sight:
        """How much of the shown case is on screen now (an opened case counts as full)."""
        view = self.view
        if view is None or self.revealed_id == view.record.id:
            return Sight.FULL
        return view.record.sight

    def _keep_revealed(self, view: CaseView) -> CaseView:
        """The case to show for ``view``: the opened one while ``view`` is a re-read of it that
        still withholds its notes from the same owner; the opening is forgotten otherwise."""
        kept = self.view
        if keeps_opening(self.revealed_id, None if kept is None else kept.record, view.record):
            assert kept is not None
            return kept
        if view.record.sight is not Sight.FULL or view.record.id != self.revealed_id:
            self.revealed_id = None
        return view

    def show_case(self, view: CaseView, *, keep_input: bool = False) -> None:
        """Show ``view``; ``keep_input`` leaves typed studi-kasus input in place (a re-read
        after another write while the guru is typing). A re-read of the opened case whose
        notes are still withheld keeps what was opened, without a second audited opening."""
        same = self.view is not None and self.view.record.id == view.record.id
        view = self._keep_revealed(view)
        self.view = view
        workspace = self.context.workspace
        zone = workspace.settings().zone
        now = workspace.now()
        record = view.record
        self.title.setText(
            self.tr("Kasus {code} · {name} ({rombel})").format(
                code=record.code, name=record.student_name, rombel=record.rombel or "—"
            )
        )
        closed = (
            self.tr(", ditutup {day}").format(day=format_date(record.closed_on))
            if record.closed_on
            else ""
        )
        opened = format_date(record.opened_at.astimezone(zone).date())
        sight = self.sight
        if sight is Sight.EXISTS_ONLY:
            self.meta.setText(
                self.tr(
                    "Status: {status}{closed} · konselor: {counsellor} · dibuka {opened}"
                ).format(
                    status=record.status.label,
                    closed=closed,
                    counsellor=record.counsellor_name or "—",
                    opened=opened,
                )
            )
        else:
            self.meta.setText(
                self.tr(
                    "Status: {status}{closed} · kerahasiaan: {level} · bidang: {bidang} · "
                    "konselor: {counsellor} · dibuka {opened}"
                ).format(
                    status=record.status.label,
                    closed=closed,
                    level=record.confidentiality.label.lower(),
                    bidang=bidang_labels(record).lower(),
                    counsellor=record.counsellor_name or "—",
                    opened=opened,
                )
            )
        problem = record.problem
        if record.close_reason:
            problem = self.tr("{problem}\nAlasan penutupan: {reason}").format(
                problem=problem, reason=record.close_reason
            )
        self.problem.setText(self.tr("Alasan permohonan: {text}").format(text=problem))
        keep = self._selected_ids()
        self.sessions_model.set_sessions(view.sessions, zone, now)
        self.items_model.set_items(view.action_items)
        self.follow_ups_model.set_follow_ups(view.follow_ups)
        self._reselect(keep)
        self.requests_text.setText(
            "\n".join(
                self.tr("Diterima {day} · {status} · {reason}").format(
                    day=format_date(r.received_at.astimezone(zone).date()),
                    status=r.status.label,
                    reason=r.reason,
                )
                for r in view.requests
            )
            or self.tr("Tidak ada permohonan.")
        )
        if not (keep_input and same and self.study_state.is_dirty()):
            self._load_study(record.draft)
        self._show_sight()
        self._update_buttons()

    def _show_sight(self) -> None:
        """What of the case is on screen, and whether it can be changed here."""
        view = self.view
        if view is None:
            return
        record = view.record
        sight = self.sight
        owner = self.is_owner
        self.banner.say(
            what=self.tr("Kasus ini"),
            owner=record.counsellor_name,
            sight=Sight.FULL if owner else record.sight,
            revealed=not owner and self.revealed_id == record.id,
            read_only=""
            if owner
            else self.tr(
                "Hanya {owner} yang dapat mengubah kasus ini: studi kasus, sesi, rencana aksi, "
                "dan tindak lanjutnya."
            ).format(owner=record.counsellor_name or self.tr("guru BK yang menanganinya")),
        )
        full = sight is Sight.FULL
        self.problem.setVisible(full)
        self.sessions_group.setVisible(sight is not Sight.EXISTS_ONLY)
        self.follow_ups_group.setVisible(sight is not Sight.EXISTS_ONLY)
        for group in (self.study_group, self.actions_group, self.requests_group):
            group.setVisible(full)
        # The owner's tools; another counsellor reads (the reason is in the banner).
        for button in (
            self.plan_button,
            self.close_button,
            self.cancel_session_button,
            self.absent_button,
            self.done_button,
            self.not_done_button,
            self.result_button,
            self.add_follow_up_button,
            self.save_study_button,
        ):
            button.setVisible(owner)
        for box in self.bidang.values():
            box.setEnabled(owner)
        self.confidentiality.setEnabled(owner)
        for text in (
            self.identification,
            self.diagnosis,
            self.prognosis,
            self.goal,
            self.approach,
            self.technique,
        ):
            text.setReadOnly(not owner)
        self.reassign_button.setVisible(may_reassign(self.context.workspace.viewer))

    def _load_study(self, draft: CaseDraft) -> None:
        for bidang, box in self.bidang.items():
            box.setChecked(bidang in draft.bidang)
        self.confidentiality.setCurrentIndex(self.confidentiality.findData(draft.confidentiality))
        self.identification.setPlainText(draft.identification)
        self.diagnosis.setPlainText(draft.diagnosis)
        self.prognosis.setPlainText(draft.prognosis)
        self.goal.setPlainText(draft.treatment_goal)
        self.approach.setPlainText(draft.treatment_approach)
        self.technique.setPlainText(draft.treatment_technique)
        self.study_form.clear_errors()
        self.study_state.mark_clean()

    def _selected_ids(self) -> tuple[int | None, int | None, int | None]:
        session = self.sessions.selected()
        item = self.items.selected()
        follow_up = self.follow_ups.selected()
        return (
            session.id if session else None,
            item.id if item else None,
            follow_up.id if follow_up else None,
        )

    def _reselect(self, keep: tuple[int | None, int | None, int | None]) -> None:
        session, item, follow_up = keep
        if session is not None:
            self.sessions.select(self.sessions_model.row_of(session))
        if item is not None:
            self.items.select(self.items_model.row_of(item))
        if follow_up is not None:
            self.follow_ups.select(self.follow_ups_model.row_of(follow_up))

    @Slot()
    def _update_buttons(self, *_args: object) -> None:
        view = self.view
        is_open = view is not None and view.record.status.is_open
        enable_unless(
            self.plan_button,
            ""
            if view is not None and view.planning_request is not None
            else self.tr("Kasus ini sudah ditutup; sesi baru tidak direncanakan lagi.")
            if not is_open
            else self.tr("Tidak ada permohonan kasus ini yang sedang dalam proses."),
        )
        enable_unless(self.close_button, "" if is_open else self.tr("Kasus ini sudah ditutup."))
        sight = self.sight
        enable_unless(
            self.report_button,
            self.tr(
                "Kasus sangat rahasia: laporannya hanya dapat dicetak oleh guru BK yang "
                "menanganinya."
            )
            if sight is Sight.EXISTS_ONLY
            else self.tr("Tekan “Tampilkan catatan” dulu untuk mencetak kasus guru BK lain.")
            if sight is not Sight.FULL
            else "",
        )
        session = self.sessions.selected()
        pick = self.tr("Pilih satu sesi di daftar dulu.")
        enable_unless(self.open_session_button, "" if session else pick)
        planned = session is not None and session.status is SessionStatus.TERJADWAL
        only_planned = self.tr("Hanya untuk sesi yang masih terjadwal.")
        enable_unless(
            self.cancel_session_button, "" if planned else (only_planned if session else pick)
        )
        enable_unless(self.absent_button, "" if planned else (only_planned if session else pick))
        held = (
            session is not None and session.status is SessionStatus.SELESAI and not session.migrated
        )
        enable_unless(
            self.print_session_button,
            pick
            if session is None
            else self.tr("Dokumen dicetak dari sesi yang sudah dilaksanakan dan dicatat.")
            if not held
            else self.tr("Tekan “Tampilkan catatan” dulu untuk mencetak catatan guru BK lain.")
            if self.sight is not Sight.FULL
            else "",
        )
        item = self.items.selected()
        pick_item = "" if item else self.tr("Pilih satu rencana aksi dulu.")
        enable_unless(self.done_button, pick_item)
        enable_unless(self.not_done_button, pick_item)
        follow_up = self.follow_ups.selected()
        enable_unless(
            self.result_button,
            self.tr("Pilih satu tindak lanjut dulu.")
            if follow_up is None
            else self.tr("Hasilnya sudah dicatat.")
            if follow_up.done_on is not None
            else "",
        )
        enable_unless(self.add_follow_up_button, "" if view is not None else pick)
        self.save_study_button.setEnabled(view is not None)

    # -- acting --------------------------------------------------------------------------------

    @property
    def service(self) -> CounsellingService:
        return CounsellingService(self.context.workspace)

    @Slot(QModelIndex)
    def _on_session_activated(self, _index: QModelIndex) -> None:
        self.open_selected_session()

    @Slot()
    def open_selected_session(self) -> None:
        session = self.sessions.selected()
        if session is not None:
            self.session_opened.emit(session.id)

    @Slot()
    def _print_selected_session(self) -> None:
        session = self.sessions.selected()
        if session is not None:
            self.session_print_requested.emit(session.id)

    @Slot()
    def print_report(self) -> None:
        """ "Cetak laporan kasus…": unsaved studi-kasus input is saved first (the report
        prints what is stored), then the choice, then the preview in this view's dialog slot.
        reportlab loads here, on the first print, not with the window."""
        view = self.view
        if view is None or self.sight is not Sight.FULL:
            return
        if self.is_dirty():
            self.save_study()
            if self.is_dirty():
                return
        from bk_desktop.services.case_documents import CaseDocuments  # noqa: PLC0415
        from bk_desktop.ui.documents import show_document  # noqa: PLC0415
        from bk_desktop.ui.tabs.case_print_dialogs import CaseReportDialog  # noqa: PLC0415

        record = view.record
        dialog = CaseReportDialog(record.student_name, record.code, self)
        # Another counsellor's case is printed only once its notes were opened on screen.
        show_notes = not self.is_owner
        workspace = self.context.workspace

        def chosen() -> None:
            choice = dialog.choice
            # After the choice has closed (the slot holds one dialog at a time).
            QTimer.singleShot(
                0,
                lambda: show_document(
                    self.context,
                    self,
                    self.dialogs,
                    lambda _service: CaseDocuments(workspace).case_report(
                        record.id, choice, show_notes=show_notes
                    ),
                    what=self.tr("Laporan Kasus"),
                ),
            )

        self._open(dialog, chosen)

    def select_session(self, session_id: int) -> None:
        self.sessions.select(self.sessions_model.row_of(session_id))

    @Slot()
    def reveal(self) -> None:
        """ "Tampilkan catatan": the service opens the notes and writes the audit event."""
        view = self.view
        if view is None or self.is_owner or view.record.sight is not Sight.NOTES_WITHHELD:
            return
        case_id = view.record.id
        try:
            opened = self.service.case(case_id, show_notes=True)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Tampilkan catatan"), error.message)
            return
        self.revealed_id = case_id
        self.show_case(opened)
        self.problem.setFocus(Qt.FocusReason.OtherFocusReason)

    def forget_revealed(self) -> None:
        """Another case was chosen: the next opening of this one asks again."""
        self.revealed_id = None

    @Slot()
    def reassign(self) -> None:
        """ "Alihkan kasus…": the koordinator picks an active counsellor other than the owner."""
        view = self.view
        if view is None or not may_reassign(self.context.workspace.viewer):
            return
        record = view.record
        others = [
            (account_id, name)
            for account_id, name in self.service.counsellors()
            if account_id != record.counsellor_id
        ]
        title = self.tr("Alihkan kasus")
        if not others:
            self.context.prompter.info(
                self,
                title,
                self.tr(
                    "Belum ada guru BK aktif lain untuk menerima kasus ini. Tambahkan akunnya "
                    "di tab Pengaturan, bagian Akun guru BK."
                ),
            )
            return
        chosen_index = self.context.prompter.choose(
            self,
            title,
            self.tr("Kasus {code} kini ditangani {owner}. Alihkan kepada:").format(
                code=record.code, owner=(record.counsellor_name or "—").removesuffix(".")
            ),
            [name for _, name in others],
        )
        if chosen_index is None or not 0 <= chosen_index < len(others):
            return
        target_id, target_name = others[chosen_index]
        try:
            self.service.reassign_case(record.id, target_id)
        except KnownError as error:
            self.context.prompter.error(self, title, error.message)
            return
        self.said.emit(
            self.tr("Kasus {code} dialihkan; kini ditangani {name}.").format(
                code=record.code, name=target_name.removesuffix(".")
            )
        )

    @Slot()
    def save_study(self) -> None:
        view = self.view
        if view is None or not self.is_owner:
            return
        self.study_form.clear_errors()
        draft = CaseDraft(
            bidang=frozenset(b for b, box in self.bidang.items() if box.isChecked()),
            confidentiality=chosen(self.confidentiality, Confidentiality) or Confidentiality.BIASA,
            identification=self.identification.toPlainText(),
            diagnosis=self.diagnosis.toPlainText(),
            prognosis=self.prognosis.toPlainText(),
            treatment_goal=self.goal.toPlainText(),
            treatment_approach=self.approach.toPlainText(),
            treatment_technique=self.technique.toPlainText(),
        )
        try:
            self.service.update_case(view.record.id, draft)
        except CounsellingInvalid as invalid:
            for left in self.study_form.show_errors(invalid.errors):
                self.context.prompter.error(self, self.tr("Studi kasus"), left.message)
            return
        except KnownError as error:
            if not self.study_form.place(error):
                self.context.prompter.error(self, self.tr("Studi kasus"), error.message)
            return
        self.study_state.mark_clean()
        self.said.emit(self.tr("Studi kasus {code} tersimpan.").format(code=view.record.code))

    def _open(self, dialog: QDialog, done: Callable[[], None]) -> None:
        self.dialogs.open(dialog, done)

    @property
    def dialog(self) -> QDialog | None:
        """The form open over this tab, if any."""
        return self.dialogs.current

    @Slot()
    def plan_session(self) -> None:
        view = self.view
        request = view.planning_request if view is not None else None
        if view is None or request is None:
            return
        dialog = PlanSessionDialog(self.context, view.record, request.id, self)
        self._open(
            dialog,
            lambda: self.said.emit(
                self.tr("Sesi berikutnya {name} direncanakan.").format(
                    name=view.record.student_name
                )
            ),
        )

    @Slot()
    def close_case(self) -> None:
        view = self.view
        if view is None or not view.record.status.is_open:
            return
        dialog = CloseCaseDialog(self.context, view.record, self)
        self._open(
            dialog,
            lambda: self.said.emit(self.tr("Kasus {code} ditutup.").format(code=view.record.code)),
        )

    def _end_session(self, status: SessionStatus) -> None:
        session = self.sessions.selected()
        if session is None or session.status is not SessionStatus.TERJADWAL:
            return
        dialog = EndSessionDialog(self.context, session, status, self)
        self._open(
            dialog,
            lambda: self.said.emit(
                self.tr("Sesi {name} dicatat: {status}.").format(
                    name=session.student_name, status=status.label.lower()
                )
            ),
        )

    def _set_action(self, status: ActionStatus) -> None:
        item = self.items.selected()
        if item is None:
            return
        try:
            self.service.set_action_status(item.id, status)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Rencana aksi"), error.message)
            return
        self.said.emit(
            self.tr("Rencana aksi “{what}” dicatat: {status}.").format(
                what=item.what, status=status.label.lower()
            )
        )

    @Slot()
    def record_follow_up(self) -> None:
        follow_up = self.follow_ups.selected()
        if follow_up is None or follow_up.done_on is not None:
            return
        dialog = FollowUpResultDialog(self.context, follow_up, self)
        self._open(
            dialog,
            lambda: self.said.emit(
                self.tr("Hasil {kind} dicatat.").format(kind=follow_up.kind.label.lower())
            ),
        )

    @Slot()
    def add_follow_up(self) -> None:
        view = self.view
        if view is None:
            return
        dialog = AddFollowUpDialog(self.context, view.record, self)
        self._open(dialog, lambda: self.said.emit(self.tr("Tindak lanjut ditambahkan.")))
