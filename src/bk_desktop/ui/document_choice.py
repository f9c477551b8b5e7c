"""Choosing what to print of a session: which document, the student's name, the parts.

Privacy by default (``domain.documents``): the initials are chosen, the free-text notes are
not; the counsellor changes that deliberately, here, for this one print.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.documents import (
    DEFAULT_SUMMARY_PARTS,
    DocumentChoice,
    DocumentKind,
    SummaryPart,
)
from bk_desktop.domain.scheduling import initials
from bk_desktop.ui.i18n import set_button_texts
from bk_desktop.ui.kit.forms import dialog_layout, named
from bk_desktop.ui.kit.labels import heading_label, note_label
from bk_desktop.ui.style import fit_height, set_role

__all__ = ["DocumentChoiceDialog"]


class DocumentChoiceDialog(QDialog):
    """ "Cetak dokumen sesi": Ringkasan Sesi Konseling or Rencana Aksi, then "Pratinjau"."""

    def __init__(
        self,
        student_name: str,
        *,
        has_action_items: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("documentChoiceDialog")
        self.setWindowTitle(self.tr("Cetak dokumen sesi"))
        self.setModal(True)
        self.setMinimumWidth(520)

        kinds = QGroupBox(self.tr("Dokumen"), self)
        self.summary_choice = named(
            QRadioButton(self.tr("Ringkasan Sesi Konseling (untuk arsip BK)"), kinds),
            "documentSummaryChoice",
            self.tr("Ringkasan Sesi Konseling"),
        )
        self.plan_choice = named(
            QRadioButton(self.tr("Rencana Aksi (untuk dibawa siswa)"), kinds),
            "documentPlanChoice",
            self.tr("Rencana Aksi"),
        )
        self.summary_choice.setChecked(True)
        self.plan_choice.setEnabled(has_action_items)
        if not has_action_items:
            self.plan_choice.setToolTip(self.tr("Sesi ini belum punya rencana aksi."))
        kind_layout = QVBoxLayout(kinds)
        kind_layout.addWidget(self.summary_choice)
        kind_layout.addWidget(self.plan_choice)
        if not has_action_items:
            kind_layout.addWidget(
                note_label(self.tr("Rencana Aksi dapat dicetak setelah rencana aksi dicatat."))
            )
        self._kinds = QButtonGroup(self)
        self._kinds.addButton(self.summary_choice)
        self._kinds.addButton(self.plan_choice)

        names = QGroupBox(self.tr("Nama siswa di dokumen"), self)
        self.initials_choice = named(
            QRadioButton(
                self.tr("Inisial saja: {initials}").format(initials=initials(student_name))
            ),
            "documentInitialsChoice",
            self.tr("Inisial saja"),
        )
        self.full_name_choice = named(
            QRadioButton(
                self.tr("Nama lengkap dan NISN: {name}").format(name=" ".join(student_name.split()))
            ),
            "documentFullNameChoice",
            self.tr("Nama lengkap dan NISN"),
        )
        self.initials_choice.setChecked(True)
        name_layout = QVBoxLayout(names)
        name_layout.addWidget(self.initials_choice)
        name_layout.addWidget(self.full_name_choice)
        name_layout.addWidget(
            note_label(
                self.tr(
                    "Inisial dipakai bila tidak dipilih lain, supaya kertas yang tertinggal di "
                    "printer tidak menyebut siapa siswanya."
                )
            )
        )

        self.parts_group = QGroupBox(self.tr("Bagian ringkasan yang dicetak"), self)
        parts_layout = QVBoxLayout(self.parts_group)
        self.part_boxes: dict[SummaryPart, QCheckBox] = {}
        for part in SummaryPart:
            box = named(QCheckBox(part.label, self.parts_group), f"documentPart_{part.value}", "")
            box.setAccessibleName(part.label)
            box.setChecked(part in DEFAULT_SUMMARY_PARTS)
            self.part_boxes[part] = box
            parts_layout.addWidget(box)
        parts_layout.addWidget(
            note_label(
                self.tr(
                    "Catatan sesi adalah catatan kerja guru BK; tidak dicetak kecuali dicentang."
                )
            )
        )
        self.summary_choice.toggled.connect(self._on_kind)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        set_button_texts(buttons)
        preview = buttons.button(QDialogButtonBox.StandardButton.Ok)
        named(preview, "documentPreviewButton", self.tr("Pratinjau"))
        preview.setText(self.tr("Pratinjau…"))
        preview.setDefault(True)
        set_role(preview, "primary")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        dialog_layout(
            self,
            heading_label(self.tr("Cetak dokumen sesi"), self),
            kinds,
            names,
            self.parts_group,
            buttons,
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    @Slot(bool)
    def _on_kind(self, summary: bool) -> None:
        self.parts_group.setVisible(summary)
        fit_height(self)

    @property
    def kind(self) -> DocumentKind:
        return (
            DocumentKind.RINGKASAN_SESI
            if self.summary_choice.isChecked()
            else DocumentKind.RENCANA_AKSI
        )

    @property
    def choice(self) -> DocumentChoice:
        return DocumentChoice(
            full_name=self.full_name_choice.isChecked(),
            parts=frozenset(part for part, box in self.part_boxes.items() if box.isChecked()),
        )
