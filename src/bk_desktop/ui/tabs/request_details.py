"""Pengajuan's card under the list: the selected request in words, two columns of captions and
values (why, who referred, who received it; the assent, the schedule, the 1×24 h deadline), or
a hint to select one."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QWidget

from bk_desktop.domain.dates import format_date, format_deadline, format_instant
from bk_desktop.domain.requests import RequestRecord
from bk_desktop.ui.kit.card import Card
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.request_table import urgency_text
from bk_desktop.ui.style import set_role


class RequestDetails(Card):
    """Each value is a label named ``requestDetail<Key>`` (Reason, Referrer, ReceivedBy,
    Urgency, Assent, Schedule, Deadline), selectable so a counsellor can copy it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("requestDetails", parent, margins=(14, 10, 14, 10))
        self.values: dict[str, QLabel] = {}
        left = self._column(
            (
                ("Reason", self.tr("Alasan")),
                ("Referrer", self.tr("Perujuk")),
                ("ReceivedBy", self.tr("Diterima oleh")),
            )
        )
        right = self._column(
            (
                ("Urgency", self.tr("Urgensi")),
                ("Assent", self.tr("Kesediaan")),
                ("Schedule", self.tr("Jadwal")),
                ("Deadline", self.tr("Batas 1×24 jam")),
            )
        )
        self.hint = QLabel(
            self.tr("Pilih satu pengajuan untuk melihat rinciannya dan tindakan yang tersedia."),
            self,
        )
        self.hint.setObjectName("requestDetailsHint")
        set_role(self.hint, "muted")
        columns = QHBoxLayout()
        columns.setSpacing(32)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.body.addWidget(self.hint)
        self.body.addLayout(columns)
        self._columns = (left, right)

    def _column(self, rows: tuple[tuple[str, str], ...]) -> QFormLayout:
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(4)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for key, caption in rows:
            value = wrapping_label(self)
            value.setObjectName(f"requestDetail{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            title = QLabel(caption, self)
            set_role(title, "muted")
            form.addRow(title, value)
            self.values[key] = value
        return form

    def show_record(
        self,
        record: RequestRecord | None,
        *,
        zone: ZoneInfo | None = None,
        received_by: str = "",
        countdown: str = "",
    ) -> None:
        """Show ``record`` (or the hint when None); ``received_by`` is the receiving account's
        name and ``countdown`` its clock while it still waits for a schedule, else ""."""
        self.hint.setVisible(record is None)
        for form in self._columns:
            for form_row in range(form.rowCount()):
                form.setRowVisible(form_row, record is not None)
        if record is None or zone is None:
            return
        values = self.values
        values["Reason"].setText(record.reason)
        values["Urgency"].setText(urgency_text(self, record))
        if record.referrer_name:
            referrer = record.referrer_name
            if record.referrer_role:
                referrer += f" ({record.referrer_role})"
        else:
            referrer = self.tr("{source} (tanpa perujuk)").format(source=record.source.label)
        values["Referrer"].setText(referrer)
        received = self.tr("{name}, dicatat {at}").format(
            name=received_by, at=format_instant(record.recorded_at, zone)
        )
        if record.backdate_reason:
            received += self.tr(" — dicatat mundur: {why}").format(why=record.backdate_reason)
        values["ReceivedBy"].setText(received)
        assent = record.assent.label
        if record.assent_date is not None:
            assent += self.tr(" (sejak {day})").format(day=format_date(record.assent_date))
        if record.assent_note:
            assent += f" — {record.assent_note}"
        values["Assent"].setText(assent)
        if record.session_at is not None:
            values["Schedule"].setText(format_instant(record.session_at, zone))
        else:
            values["Schedule"].setText(self.tr("Belum disepakati"))
        deadline = format_deadline(record.deadline_at, zone)
        if countdown:
            deadline = self.tr("{deadline} — {clock}").format(
                deadline=deadline, clock=countdown.lower()
            )
        else:
            deadline = self.tr("{deadline} (tidak lagi menunggu jadwal)").format(deadline=deadline)
        values["Deadline"].setText(deadline)


__all__ = ["RequestDetails"]
