"""The fields of a planned counselling session: length, its reason, place and way.

Sepakati jadwal (the first session of a permohonan) and the case's next session ask the same
four things, so both add these rows to their own ``FieldForm`` and read a ``SessionPlan``
back. The reason row shows only while the length is outside the standard's 30–45 minutes,
which is the moment the service would ask for it.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from bk_desktop.domain.counselling import (
    DEFAULT_MINUTES,
    DEFAULT_PLACE,
    LONGEST_MINUTES,
    MAX_MINUTES,
    MIN_MINUTES,
    SessionMode,
    SessionPlan,
    length_needs_reason,
)
from bk_desktop.ui.kit.forms import FieldForm, chosen, named
from bk_desktop.ui.kit.wheel import wheel_only_when_focused


class SessionPlanFields(QObject):
    """Adds the rows to ``form``; ``plan(start)`` reads them as a ``SessionPlan``.

    Errors of the service land on them by key: ``minutes``, ``length_reason``, ``place``.
    ``reason_shown`` tells the owner to refit its height when the reason row appears.
    """

    reason_shown = Signal(bool)

    def __init__(self, form: FieldForm, parent: QWidget, *, prefix: str) -> None:
        super().__init__(parent)
        self.form = form
        self.minutes = named(QSpinBox(parent), f"{prefix}Minutes", self.tr("Lama sesi (menit)"))
        self.minutes.setRange(5, LONGEST_MINUTES)
        self.minutes.setSingleStep(5)
        self.minutes.setValue(DEFAULT_MINUTES)
        self.minutes.setSuffix(self.tr(" menit"))
        self.length_reason = named(
            QLineEdit(parent), f"{prefix}LengthReason", self.tr("Alasan lama sesi")
        )
        self.length_reason.setPlaceholderText(
            self.tr("mis. orang tua ikut di akhir sesi; siswa perlu waktu menenangkan diri")
        )
        self.place = named(QLineEdit(parent), f"{prefix}Place", self.tr("Tempat"))
        self.place.setText(DEFAULT_PLACE)
        self.mode = named(QComboBox(parent), f"{prefix}Mode", self.tr("Cara"))
        for mode in SessionMode:
            self.mode.addItem(self.tr(mode.label), mode)
        wheel_only_when_focused((self.minutes, self.mode), self)

        form.add(
            self.tr("Lama sesi"),
            self.minutes,
            keys=("minutes",),
            hint=self.tr("Standar: {low}–{high} menit.").format(low=MIN_MINUTES, high=MAX_MINUTES),
            parent=parent,
        )
        form.add(
            self.tr("Alasan lama sesi (wajib)"),
            self.length_reason,
            keys=("length_reason",),
            parent=parent,
        )
        form.add(self.tr("Tempat"), self.place, keys=("place",), parent=parent)
        form.add(self.tr("Cara"), self.mode, parent=parent)
        self.minutes.valueChanged.connect(self._show_reason)
        self._show_reason()

    @property
    def needs_reason(self) -> bool:
        return length_needs_reason(self.minutes.value())

    @Slot()
    def _show_reason(self) -> None:
        shown = self.needs_reason
        self.form.set_field_visible(self.length_reason, shown)
        self.reason_shown.emit(shown)

    def plan(self, start: datetime) -> SessionPlan:
        return SessionPlan(
            start=start,
            minutes=self.minutes.value(),
            place=self.place.text(),
            mode=chosen(self.mode, SessionMode) or SessionMode.TATAP_MUKA,
            length_reason=self.length_reason.text() if self.needs_reason else "",
        )

    def load(self, plan: SessionPlan) -> None:
        """Show a stored plan (rescheduling)."""
        self.minutes.setValue(plan.minutes)
        self.length_reason.setText(plan.length_reason)
        self.place.setText(plan.place)
        self.mode.setCurrentIndex(max(0, self.mode.findData(plan.mode)))
        self._show_reason()
