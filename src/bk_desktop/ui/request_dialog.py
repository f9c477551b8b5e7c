"""Pengajuan baru: the intake form for a request for individual counselling.

It records what Persyaratan 1–2 and Prosedur 1 of the service standard ask for: an enrolled
student (a student who is not aktif is refused with the domain's reason), the source and, when
the source is a person, who referred the student, when the request was received, by whom, a
short factual reason, and how urgent it is. The 1×24 h clock starts at *received at*: entering
an earlier time than now is allowed (a teacher mentioned it in the corridor this morning) but
must be explained, so a back-dated entry can be told from a late one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.dates import format_instant
from bk_desktop.domain.errors import KnownError, RuleViolation, ValidationError
from bk_desktop.domain.requests import RequestSource, Urgency, is_backdated
from bk_desktop.services.requests import (
    BACKDATE_TOLERANCE,
    FUTURE_TOLERANCE,
    DuplicateRequest,
    OpenCaseQuestion,
    RequestForm,
    RequestInvalid,
    RequestService,
)
from bk_desktop.services.students import StudentService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.discard import DiscardGuard
from bk_desktop.ui.kit.drafts import FormState
from bk_desktop.ui.kit.forms import FieldForm, chosen, named, save_cancel_buttons, scrolling_body
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.school_time import instant_of, school_date_time_edit, wall_clock
from bk_desktop.ui.student_picker import StudentPicker
from bk_desktop.ui.style import set_role


class RequestDialog(QDialog):
    """Records one request; ``request_id`` holds the new id once the dialog was accepted."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        workspace = context.workspace
        self.requests = RequestService(workspace)
        self.zone = workspace.settings().zone
        self.request_id: int | None = None
        self._received_touched = False
        self._suggested_role = ""
        self.setObjectName("requestDialog")
        self.setWindowTitle(self.tr("Pengajuan baru"))
        self.setModal(True)
        self.setMinimumWidth(760)

        intro = wrapping_label(
            self,
            self.tr(
                "Catat permohonan konseling individual. Batas 1×24 jam untuk menyepakati "
                "jadwal dihitung dari waktu permohonan diterima."
            ),
        )
        set_role(intro, "muted")

        self.picker = StudentPicker(StudentService(workspace), "requestStudent", self)
        self.picker.picked.connect(self._on_picked)

        self._source_inputs()
        received_row = self._received_row(workspace.now())
        self.backdate_reason = named(
            QLineEdit(self), "requestBackdateReason", self.tr("Alasan pencatatan mundur")
        )
        self.backdate_reason.setPlaceholderText(
            self.tr("mis. disampaikan lisan oleh wali kelas saat jam pelajaran")
        )

        self.received_by = named(QLabel(workspace.account.name, self), "requestReceivedBy", "")
        self.received_by.setAccessibleName(self.tr("Diterima oleh"))

        self.reason = self._reason_box()
        urgency_box = self._urgency_box()

        self.form = self._field_form(received_row, urgency_box)
        self.form.set_field_visible(self.backdate_reason, False)

        buttons = save_cancel_buttons(self, "requestSaveButton", self.tr("Simpan pengajuan"))
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAutoDefault(True)
        buttons.accepted.connect(self.save)

        self.form_scroll, self._body_layout = scrolling_body(
            self, "requestFormScroll", intro, self.form
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 12, 16)
        layout.setSpacing(12)
        layout.addWidget(self.form_scroll, 1)
        layout.addWidget(buttons)
        self.resize(780, 560)

        self._on_source()
        self._on_received_changed()
        self.form_state = FormState.of(self)
        """Unsaved input as a draft (``kit/drafts.py``): the typed and chosen fields, and the
        student picked in the list (by id, ``requestStudentId``)."""
        self.form_state.hold(
            "requestStudentId", lambda: self.picker.student_id, self.picker.restore
        )
        DiscardGuard(self, lambda: self.form_state, lambda: context.prompter)
        self.picker.search.setFocus()

    # -- building --------------------------------------------------------------------------

    def _source_inputs(self) -> None:
        """Who asked: the source, and the referring person where the source is one."""
        self.source = named(QComboBox(self), "requestSource", self.tr("Sumber permohonan"))
        for source in RequestSource:
            self.source.addItem(source.label, source)
        self.referrer_name = named(QLineEdit(self), "requestReferrerName", self.tr("Nama perujuk"))
        self.referrer_name.setPlaceholderText(self.tr("Nama lengkap orang yang merujuk"))
        self.referrer_role = named(
            QLineEdit(self), "requestReferrerRole", self.tr("Jabatan atau hubungan perujuk")
        )
        self.source.currentIndexChanged.connect(self._on_source)

    def _received_row(self, now: datetime) -> QWidget:
        """When the request was received (never later than now) and that time in words."""
        self.received_at = named(
            school_date_time_edit(self), "requestReceivedAt", self.tr("Diterima pada")
        )
        self.received_at.setDateTime(wall_clock(now, self.zone))
        self.received_at.setMaximumDateTime(wall_clock(now + FUTURE_TOLERANCE, self.zone))
        self.received_text = QLabel(self)
        self.received_text.setObjectName("requestReceivedAtText")
        set_role(self.received_text, "muted")
        received_row = QWidget(self)
        received_layout = QHBoxLayout(received_row)
        received_layout.setContentsMargins(0, 0, 0, 0)
        received_layout.setSpacing(10)
        received_layout.addWidget(self.received_at)
        received_layout.addWidget(self.received_text, 1)
        self.received_at.dateTimeChanged.connect(self._on_received_changed)
        return received_row

    def _reason_box(self) -> QPlainTextEdit:
        reason = named(QPlainTextEdit(self), "requestReason", self.tr("Alasan permohonan"))
        reason.setPlaceholderText(
            self.tr(
                "Singkat dan faktual: apa yang dilihat atau disampaikan, tanpa penilaian. "
                "mis. “Tiga hari tidak masuk tanpa keterangan; menurut wali kelas tampak murung.”"
            )
        )
        reason.setTabChangesFocus(True)
        line = reason.fontMetrics().lineSpacing()
        reason.setFixedHeight(line * 4 + 12)

        return reason

    def _urgency_box(self) -> QWidget:
        """The urgency, with what darurat means shown under it when it is chosen."""
        self.urgency = named(QComboBox(self), "requestUrgency", self.tr("Urgensi"))
        for urgency in Urgency:
            self.urgency.addItem(urgency.label, urgency)
        self.urgency_note = wrapping_label(
            self,
            self.tr(
                "Permohonan darurat tampil paling atas di Beranda. Saring segera dan jalankan "
                "protokol darurat sekolah bila keselamatan siswa terancam."
            ),
        )
        self.urgency_note.setObjectName("requestUrgencyNote")
        set_role(self.urgency_note, "warning")
        self.urgency_note.hide()
        self.urgency.currentIndexChanged.connect(self._on_urgency)
        urgency_box = QWidget(self)
        urgency_layout = QVBoxLayout(urgency_box)
        urgency_layout.setContentsMargins(0, 0, 0, 0)
        urgency_layout.setSpacing(4)
        urgency_layout.addWidget(self.urgency)
        urgency_layout.addWidget(self.urgency_note)

        return urgency_box

    def _field_form(self, received_row: QWidget, urgency_box: QWidget) -> FieldForm:
        form = FieldForm()
        form.add(
            self.tr("Siswa"),
            self.picker,
            keys=("student", "student_id"),
            parent=self,
            name="requestStudent",
        )
        form.add(self.tr("Sumber"), self.source, keys=("source",), parent=self)
        form.add(self.tr("Nama perujuk"), self.referrer_name, keys=("referrer_name",), parent=self)
        form.add(
            self.tr("Jabatan perujuk"), self.referrer_role, keys=("referrer_role",), parent=self
        )
        form.add(
            self.tr("Diterima pada"),
            received_row,
            keys=("received_at",),
            parent=self,
            name="requestReceivedAt",
        )
        form.add(
            self.tr("Alasan pencatatan mundur"),
            self.backdate_reason,
            keys=("backdate_reason",),
            hint=self.tr(
                "Wajib bila waktu diterima lebih dari {minutes} menit sebelum sekarang."
            ).format(minutes=int(BACKDATE_TOLERANCE.total_seconds() // 60)),
            parent=self,
        )
        form.add(self.tr("Diterima oleh"), self.received_by, parent=self)
        form.add(self.tr("Alasan permohonan"), self.reason, keys=("reason",), parent=self)
        form.add(
            self.tr("Urgensi"), urgency_box, keys=("urgency",), parent=self, name="requestUrgency"
        )
        return form

    def _fit_to_screen(self) -> None:
        """As tall as the form needs, but never taller than the screen it opens on; it only
        grows (a row appeared), so the dialog does not jump under the pointer."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() - 80 if screen is not None else 700
        layout = self._body_layout
        width = self.form_scroll.viewport().width() or self.width() - 40
        layout.activate()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        wanted = needed + self.save_button.sizeHint().height() + 48
        height = max(self.height(), min(wanted, room))
        self.resize(max(self.width(), 780), height)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_to_screen()

    # -- reacting to the form ------------------------------------------------------------------

    @property
    def chosen_source(self) -> RequestSource:
        return chosen(self.source, RequestSource) or RequestSource.SISWA_SENDIRI

    @Slot()
    def _on_source(self) -> None:
        source = self.chosen_source
        named_referrer = source.names_a_referrer
        for edit in (self.referrer_name, self.referrer_role):
            edit.setEnabled(named_referrer)
            if not named_referrer:
                edit.clear()
        # The source already says the role ("Wali kelas"); the counsellor may make it exact.
        role = self.referrer_role.text().strip()
        if named_referrer and role in ("", self._suggested_role):
            self.referrer_role.setText(source.label)
            self._suggested_role = source.label
        examples = {
            RequestSource.GURU_BK: self.tr("mis. Guru BK kelas XI"),
            RequestSource.GURU_MAPEL: self.tr("mis. Guru Matematika"),
            RequestSource.WALI_KELAS: self.tr("mis. Wali kelas X MIPA 1"),
            RequestSource.ORANG_TUA: self.tr("mis. Ibu kandung"),
        }
        self.referrer_role.setPlaceholderText(examples.get(source, ""))
        self.referrer_name.setPlaceholderText(
            self.tr("Nama lengkap orang yang merujuk")
            if named_referrer
            else self.tr("Tidak perlu untuk sumber ini")
        )
        for key in ("referrer_name", "referrer_role"):
            self.form.show_error(key, "")

    @Slot(object)
    def _on_picked(self, _student_id: object) -> None:
        self.form.show_error("student", "")
        self.save_button.setEnabled(not self.picker.refusal)

    @Slot()
    def _on_urgency(self) -> None:
        self.urgency_note.setVisible(chosen(self.urgency, Urgency) is Urgency.DARURAT)

    @Slot()
    def _on_received_changed(self) -> None:
        if self.sender() is self.received_at:
            self._received_touched = True
        moment = instant_of(self.received_at, self.zone)
        self.received_text.setText(format_instant(moment, self.zone))
        self.form.set_field_visible(self.backdate_reason, self.is_backdated)
        if self.isVisible():
            self._fit_to_screen()

    @property
    def is_backdated(self) -> bool:
        if not self._received_touched:
            return False
        return is_backdated(instant_of(self.received_at, self.zone), self.context.workspace.now())

    # -- saving --------------------------------------------------------------------------------

    def _form(self, student_id: int) -> RequestForm:
        source = self.chosen_source
        return RequestForm(
            student_id=student_id,
            source=source,
            reason=self.reason.toPlainText(),
            urgency=chosen(self.urgency, Urgency) or Urgency.BIASA,
            referrer_name=self.referrer_name.text() if source.names_a_referrer else "",
            referrer_role=self.referrer_role.text() if source.names_a_referrer else "",
            # Untouched means "now": the minutes spent typing must not turn into a back-date.
            received_at=(
                instant_of(self.received_at, self.zone) if self._received_touched else None
            ),
            backdate_reason=self.backdate_reason.text() if self.is_backdated else "",
        )

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        self.form.set_field_visible(self.backdate_reason, self.is_backdated)
        own: list[ValidationError] = []
        student_id = self.picker.student_id
        if student_id is None:
            own.append(ValidationError(self.tr("Pilih siswa dari hasil pencarian."), "student"))
        elif self.picker.refusal:
            own.append(ValidationError(self.picker.refusal, "student"))
        if own or student_id is None:
            # The service checks the rest once a servable student is chosen.
            self._show(own)
            return
        form = self._form(student_id)
        allow_duplicate = False
        try:
            while True:
                try:
                    self.request_id = self.requests.create(form, allow_duplicate=allow_duplicate)
                    break
                except DuplicateRequest as duplicate:
                    if not self.context.prompter.confirm(
                        self, self.tr("Permohonan yang sama sudah ada"), duplicate.message
                    ):
                        return
                    allow_duplicate = True
                except OpenCaseQuestion as question:
                    answer = self.context.prompter.choose(
                        self,
                        self.tr("Siswa sedang dalam kasus"),
                        question.message,
                        [
                            self.tr("Gabungkan ke kasus %1").replace("%1", question.code),
                            self.tr("Catat tersendiri"),
                        ],
                    )
                    if answer is None:
                        return
                    form = replace(form, join_case=answer == 0)
        except RequestInvalid as invalid:
            self._show(invalid.errors)
            return
        except RuleViolation as refused:
            self._show([ValidationError(refused.message, "student")])
            return
        except ValidationError as error:
            self._show([error])
            return
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Pengajuan belum tersimpan"), error.message)
            return
        self.accept()

    def _show(self, errors: list[ValidationError]) -> None:
        left = self.form.show_errors(errors)
        self._fit_to_screen()
        if left:
            self.context.prompter.error(
                self, self.tr("Pengajuan belum tersimpan"), "\n".join(e.message for e in left)
            )
        focus = {
            "student": self.picker.search,
            "referrer_name": self.referrer_name,
            "referrer_role": self.referrer_role,
            "received_at": self.received_at,
            "backdate_reason": self.backdate_reason,
            "reason": self.reason,
        }
        for error in errors:
            widget = focus.get(error.field or "")
            if widget is not None:
                widget.setFocus()
                self.form_scroll.ensureWidgetVisible(widget)
                break
