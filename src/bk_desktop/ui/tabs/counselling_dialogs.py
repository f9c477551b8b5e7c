"""The small forms of the Konseling tab, each a modal dialog with "Simpan" and "Batal":
planning the next session, ending a planned one (batal, tidak hadir), closing a case, a
follow-up's result, a new follow-up, and an addendum to a finalised record.

Each writes through ``CounsellingService`` and shows a refusal under the input it is about
(the service tags its errors by field); Escape and "Batal" ask before typed input is dropped.
Their input is not kept across a lock: they are short, and the session record — the long
form — is (``DraftForm.SESSION``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QWidget,
)

from bk_desktop.domain.counselling import (
    CLOSING_BY_HAND,
    CaseRecord,
    CaseStatus,
    FollowUp,
    FollowUpKind,
    SessionRecord,
    SessionStatus,
)
from bk_desktop.domain.dates import format_date, format_instant
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.counselling import CounsellingInvalid, CounsellingService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.discard import DiscardGuard
from bk_desktop.ui.kit.forms import (
    FieldForm,
    chosen,
    dialog_layout,
    named,
    save_cancel_buttons,
    text_box,
)
from bk_desktop.ui.kit.labels import heading_label, note_label
from bk_desktop.ui.school_time import (
    instant_of,
    next_quarter_hour,
    py_date,
    qdate,
    school_date_edit,
    school_date_time_edit,
    wall_clock,
)
from bk_desktop.ui.session_plan_fields import SessionPlanFields
from bk_desktop.ui.style import fit_height


class CounsellingDialog(QDialog):
    """A modal form about one case or session: a heading, the form, "Simpan" and "Batal".
    Subclasses build ``form``, call ``finish`` with their save button's names, and define
    ``write``: the service call "Simpan" makes (its refusals land under their inputs)."""

    form: FieldForm
    write: Callable[[], None]

    def __init__(self, context: UiContext, parent: QWidget | None, *, object_name: str) -> None:
        super().__init__(parent)
        self.context = context
        self.service = CounsellingService(context.workspace)
        self.zone = context.workspace.settings().zone
        self.setObjectName(object_name)
        self.setModal(True)
        self.setMinimumWidth(560)
        self.form = FieldForm()
        DiscardGuard(self, lambda: self.form.state, lambda: context.prompter)

    @property
    def today(self) -> date:
        return self.context.workspace.now().astimezone(self.zone).date()

    def finish(self, heading: str, note: str, save_name: str, save_accessible: str) -> None:
        parts: list[QWidget] = [heading_label(heading, self)]
        if note:
            parts.append(note_label(note, "", self))
        buttons = save_cancel_buttons(self, save_name, save_accessible)
        buttons.accepted.connect(self.save)
        dialog_layout(self, *parts, self.form, buttons)
        self.form.mark_clean()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    @Slot()
    def save(self) -> None:
        self.form.clear_errors()
        try:
            self.write()
        except CounsellingInvalid as invalid:
            for left in self.form.show_errors(invalid.errors):
                self.context.prompter.error(self, self.windowTitle(), left.message)
            return
        except KnownError as error:
            if not self.form.place(error):
                self.context.prompter.error(self, self.windowTitle(), error.message)
            return
        self.accept()


class PlanSessionDialog(CounsellingDialog):
    """Rencanakan sesi berikutnya: when, how long (a reason outside 30–45 minutes), where, how."""

    def __init__(
        self,
        context: UiContext,
        case: CaseRecord,
        request_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent, object_name="planSessionDialog")
        self.setWindowTitle(self.tr("Rencanakan sesi berikutnya"))
        self.request_id = request_id
        self.session_id: int | None = None
        now = context.workspace.now()
        self.start = named(school_date_time_edit(self), "planSessionStart", self.tr("Waktu sesi"))
        self.start.setDateTime(wall_clock(next_quarter_hour(now, self.zone), self.zone))
        self.form.add(self.tr("Waktu sesi"), self.start, keys=("start",), parent=self)
        self.plan_fields = SessionPlanFields(self.form, self, prefix="planSession")
        self.plan_fields.reason_shown.connect(self._refit)
        self.finish(
            self.tr("Kasus {code}: {name} ({rombel})").format(
                code=case.code, name=case.student_name, rombel=case.rombel or "—"
            ),
            "",
            "planSessionSaveButton",
            self.tr("Simpan rencana sesi"),
        )

    @Slot()
    def _refit(self) -> None:
        if self.isVisible():
            fit_height(self)

    def write(self) -> None:
        self.session_id = self.service.plan_session(
            self.request_id, self.plan_fields.plan(instant_of(self.start, self.zone))
        )


class EndSessionDialog(CounsellingDialog):
    """Batalkan sesi / Tidak hadir: a planned session ends without being held, with a reason."""

    def __init__(
        self,
        context: UiContext,
        session: SessionRecord,
        status: SessionStatus,
        parent: QWidget | None = None,
    ) -> None:
        cancel = status is SessionStatus.BATAL
        super().__init__(context, parent, object_name="endSessionDialog")
        self.setWindowTitle(self.tr("Batalkan sesi") if cancel else self.tr("Siswa tidak hadir"))
        self.session = session
        self.status = status
        self.reason = text_box(self, "endSessionReason", self.tr("Alasan"), 3)
        self.reason.setPlaceholderText(
            self.tr("mis. siswa mengikuti lomba; orang tua meminta waktu lain")
            if cancel
            else self.tr("mis. siswa sakit; tidak ada kabar")
        )
        self.form.add(self.tr("Alasan (wajib)"), self.reason, keys=("reason",), parent=self)
        self.finish(
            self.tr("{name} ({rombel}) · {when}").format(
                name=session.student_name,
                rombel=session.rombel or "—",
                when=format_instant(session.planned_start, self.zone),
            ),
            self.tr(
                "Bila ini sesi pertama permohonan, permohonan kembali menunggu jadwal baru; "
                "sepakati waktunya lagi di tab Pengajuan."
            ),
            "endSessionSaveButton",
            self.tr("Simpan"),
        )

    def write(self) -> None:
        text = self.reason.toPlainText()
        if self.status is SessionStatus.BATAL:
            self.service.cancel_session(self.session.id, text)
        else:
            self.service.mark_absent(self.session.id, text)


class CloseCaseDialog(CounsellingDialog):
    """Tutup kasus: as selesai or tindak lanjut, on a day, with a reason."""

    def __init__(self, context: UiContext, case: CaseRecord, parent: QWidget | None = None) -> None:
        super().__init__(context, parent, object_name="closeCaseDialog")
        self.setWindowTitle(self.tr("Tutup kasus"))
        self.case = case
        self.status = named(QComboBox(self), "closeCaseStatus", self.tr("Ditutup sebagai"))
        for status in CLOSING_BY_HAND:
            self.status.addItem(status.label, status)
        self.day = named(school_date_edit(self), "closeCaseDate", self.tr("Tanggal penutupan"))
        self.day.setMaximumDate(qdate(self.today))
        self.day.setDate(qdate(self.today))
        self.reason = text_box(self, "closeCaseReason", self.tr("Alasan penutupan"), 3)
        self.reason.setPlaceholderText(
            self.tr("mis. tujuan tercapai: siswa kembali masuk tepat waktu selama sebulan")
        )
        self.form.add(self.tr("Ditutup sebagai"), self.status, parent=self)
        self.form.add(self.tr("Tanggal"), self.day, parent=self)
        self.form.add(self.tr("Alasan (wajib)"), self.reason, keys=("close_reason",), parent=self)
        self.finish(
            self.tr("Kasus {code}: {name} ({rombel})").format(
                code=case.code, name=case.student_name, rombel=case.rombel or "—"
            ),
            self.tr(
                "Permohonannya menjadi selesai, sesi yang masih terjadwal dibatalkan, dan "
                "laijapang (tindak lanjut jangka panjang) direncanakan pada semester berikutnya."
            ),
            "closeCaseSaveButton",
            self.tr("Tutup kasus"),
        )

    def write(self) -> None:
        self.service.close_case(
            self.case.id,
            chosen(self.status, CaseStatus) or CaseStatus.SELESAI,
            on=py_date(self.day.date()),
            reason=self.reason.toPlainText(),
        )


class FollowUpResultDialog(CounsellingDialog):
    """Catat hasil: when the laijapen or laijapang was done and what it found."""

    def __init__(
        self, context: UiContext, follow_up: FollowUp, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent, object_name="followUpResultDialog")
        self.setWindowTitle(self.tr("Hasil tindak lanjut"))
        self.follow_up = follow_up
        self.day = named(school_date_edit(self), "followUpDoneOn", self.tr("Tanggal dilaksanakan"))
        self.day.setMaximumDate(qdate(self.today))
        self.day.setDate(qdate(self.today))
        self.result_text = text_box(self, "followUpResult", self.tr("Hasil"), 4)
        self.result_text.setPlaceholderText(
            self.tr(
                "Apa yang sudah berubah, rencana aksi mana yang terlaksana, apa langkah lanjut."
            )
        )
        self.form.add(self.tr("Tanggal"), self.day, keys=("done_on",), parent=self)
        self.form.add(self.tr("Hasil (wajib)"), self.result_text, keys=("result",), parent=self)
        self.finish(
            self.tr("{kind}, jatuh tempo {due}").format(
                kind=follow_up.kind.label, due=format_date(follow_up.due_on)
            ),
            "",
            "followUpResultSaveButton",
            self.tr("Simpan hasil"),
        )

    def write(self) -> None:
        self.service.record_follow_up(
            self.follow_up.id,
            done_on=py_date(self.day.date()),
            result=self.result_text.toPlainText(),
        )


class AddFollowUpDialog(CounsellingDialog):
    """Tambah tindak lanjut: laijapen or laijapang, due on the date the rules suggest."""

    def __init__(self, context: UiContext, case: CaseRecord, parent: QWidget | None = None) -> None:
        super().__init__(context, parent, object_name="addFollowUpDialog")
        self.setWindowTitle(self.tr("Tambah tindak lanjut"))
        self.case = case
        self.kind = named(QComboBox(self), "addFollowUpKind", self.tr("Jenis tindak lanjut"))
        for kind in FollowUpKind:
            self.kind.addItem(kind.label, kind)
        self.due = named(school_date_edit(self), "addFollowUpDue", self.tr("Jatuh tempo"))
        self.due.setMinimumDate(qdate(case.opened_at.astimezone(self.zone).date()))
        self.form.add(self.tr("Jenis"), self.kind, parent=self)
        self.form.add(
            self.tr("Jatuh tempo"),
            self.due,
            keys=("due_on",),
            hint=self.tr(
                "Usulan: laijapen seminggu setelah rencana aksi jatuh tempo; laijapang pada "
                "minggu yang sama di semester berikutnya."
            ),
            parent=self,
        )
        self.kind.currentIndexChanged.connect(self._suggest)
        self._suggest()
        self.finish(
            self.tr("Kasus {code}: {name}").format(code=case.code, name=case.student_name),
            "",
            "addFollowUpSaveButton",
            self.tr("Simpan tindak lanjut"),
        )

    @Slot()
    def _suggest(self) -> None:
        kind = chosen(self.kind, FollowUpKind) or FollowUpKind.LAIJAPEN
        try:
            due = self.service.follow_up_default(self.case.id, kind)
        except KnownError:
            due = self.today + timedelta(days=7)
        self.due.setDate(qdate(due))

    def write(self) -> None:
        self.service.add_follow_up(
            self.case.id,
            chosen(self.kind, FollowUpKind) or FollowUpKind.LAIJAPEN,
            py_date(self.due.date()),
        )


class AddendumDialog(CounsellingDialog):
    """Tambah adendum: a later note on a finalised record, with its own time and author."""

    def __init__(
        self, context: UiContext, session: SessionRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent, object_name="addendumDialog")
        self.setWindowTitle(self.tr("Tambah adendum"))
        self.session = session
        self.text = text_box(self, "addendumText", self.tr("Isi adendum"), 5)
        self.form.add(self.tr("Adendum (wajib)"), self.text, keys=("addendum",), parent=self)
        self.finish(
            self.tr("Pertemuan ke-{n}: {name}").format(
                n=session.number or "—", name=session.student_name
            ),
            self.tr(
                "Catatan yang sudah final tidak diubah. Adendum disimpan dengan waktu dan "
                "nama Anda."
            ),
            "addendumSaveButton",
            self.tr("Simpan adendum"),
        )

    def write(self) -> None:
        self.service.add_addendum(self.session.id, self.text.toPlainText())


__all__ = [
    "AddFollowUpDialog",
    "AddendumDialog",
    "CloseCaseDialog",
    "EndSessionDialog",
    "FollowUpResultDialog",
    "PlanSessionDialog",
]
