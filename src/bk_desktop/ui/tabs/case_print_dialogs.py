"""Choosing what to print of a case: the Laporan Kasus of one case, the Buku Kasus of a period.

Privacy by default (``domain.documents``): initials are chosen, the free-text session notes are
not; the counsellor changes that deliberately, here, for this one print. Neither dialog loads
reportlab: the Konseling tab imports this module on the first click, and the document is made
only after "Pratinjau…".
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.documents import DEFAULT_SUMMARY_PARTS, DocumentChoice, SummaryPart
from bk_desktop.domain.scheduling import initials
from bk_desktop.ui.i18n import set_button_texts
from bk_desktop.ui.kit.forms import dialog_layout, named
from bk_desktop.ui.kit.labels import heading_label, note_label
from bk_desktop.ui.school_time import py_date, qdate, school_date_edit
from bk_desktop.ui.style import fit_height, set_role

__all__ = ["CaseBookDialog", "CaseReportDialog"]


def _preview_buttons(dialog: QDialog, name: str) -> tuple[QDialogButtonBox, QPushButton]:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    set_button_texts(buttons)
    preview = buttons.button(QDialogButtonBox.StandardButton.Ok)
    named(preview, name, dialog.tr("Pratinjau"))
    preview.setText(dialog.tr("Pratinjau…"))
    preview.setDefault(True)
    set_role(preview, "primary")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, preview


class CaseReportDialog(QDialog):
    """ "Cetak laporan kasus": the student's name as initials or in full, and whether the
    free-text session notes go on paper; then "Pratinjau"."""

    def __init__(self, student_name: str, case_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseReportDialog")
        self.setWindowTitle(self.tr("Cetak laporan kasus"))
        self.setModal(True)
        self.setMinimumWidth(500)

        names = QGroupBox(self.tr("Nama siswa di laporan"), self)
        self.initials_choice = named(
            QRadioButton(
                self.tr("Inisial saja: {initials}").format(initials=initials(student_name))
            ),
            "caseReportInitialsChoice",
            self.tr("Inisial saja"),
        )
        self.full_name_choice = named(
            QRadioButton(
                self.tr("Nama lengkap dan NISN: {name}").format(name=" ".join(student_name.split()))
            ),
            "caseReportFullNameChoice",
            self.tr("Nama lengkap dan NISN"),
        )
        self.initials_choice.setChecked(True)
        name_layout = QVBoxLayout(names)
        name_layout.addWidget(self.initials_choice)
        name_layout.addWidget(self.full_name_choice)

        parts = QGroupBox(self.tr("Isi laporan"), self)
        self.notes_box = named(
            QCheckBox(self.tr("Catatan sesi (teks bebas) dan adendumnya"), parts),
            "caseReportNotesChoice",
            self.tr("Sertakan catatan sesi"),
        )
        parts_layout = QVBoxLayout(parts)
        parts_layout.addWidget(
            note_label(
                self.tr(
                    "Laporan memuat identitas kasus, studi kasus, semua sesi dengan penilaian "
                    "segera dan alternatifnya, rencana aksi, dan tindak lanjut."
                )
            )
        )
        parts_layout.addWidget(self.notes_box)
        parts_layout.addWidget(
            note_label(
                self.tr(
                    "Catatan sesi adalah catatan kerja guru BK; tidak dicetak kecuali dicentang."
                )
            )
        )
        buttons, _preview = _preview_buttons(self, "caseReportPreviewButton")
        dialog_layout(
            self,
            heading_label(self.tr("Laporan Kasus {code}").format(code=case_code), self),
            names,
            parts,
            buttons,
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    @property
    def choice(self) -> DocumentChoice:
        parts = DEFAULT_SUMMARY_PARTS | (
            {SummaryPart.CATATAN} if self.notes_box.isChecked() else set()
        )
        return DocumentChoice(full_name=self.full_name_choice.isChecked(), parts=parts)


class CaseBookDialog(QDialog):
    """ "Cetak buku kasus": the period the cases were opened in (the current semester unless
    the tab's "Dibuka antara" says otherwise) and the student's name; the other filters of
    the tab apply as they are, and the dialog says so."""

    def __init__(
        self, start: date, end: date, filtered: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseBookDialog")
        self.setWindowTitle(self.tr("Cetak buku kasus"))
        self.setModal(True)
        self.setMinimumWidth(500)

        period = QGroupBox(self.tr("Kasus yang dibuka"), self)
        self.start_edit = named(school_date_edit(period), "caseBookFrom", self.tr("Dibuka dari"))
        self.end_edit = named(school_date_edit(period), "caseBookTo", self.tr("Dibuka sampai"))
        self.start_edit.setDate(qdate(start))
        self.end_edit.setDate(qdate(end))
        self.start_edit.dateChanged.connect(self._check)
        self.end_edit.dateChanged.connect(self._check)
        from_label = QLabel(self.tr("&Dari"), period)
        from_label.setBuddy(self.start_edit)
        to_label = QLabel(self.tr("&s.d."), period)
        to_label.setBuddy(self.end_edit)
        row = QHBoxLayout()
        row.addWidget(from_label)
        row.addWidget(self.start_edit)
        row.addWidget(to_label)
        row.addWidget(self.end_edit)
        row.addStretch(1)
        self.problem = named(QLabel(period), "caseBookPeriodProblem", self.tr("Masalah periode"))
        set_role(self.problem, "error")
        self.problem.setVisible(False)
        period_layout = QVBoxLayout(period)
        period_layout.addLayout(row)
        period_layout.addWidget(self.problem)

        self.full_name_box = named(
            QCheckBox(self.tr("Nama lengkap siswa (bila tidak, inisial saja)"), self),
            "caseBookFullNameChoice",
            self.tr("Nama lengkap siswa"),
        )
        note = (
            self.tr(
                "Saringan buku kasus yang sedang dipakai (status, bidang, kelas, konselor, "
                "pencarian) ikut diterapkan dan disebut di bawah judul."
            )
            if filtered
            else self.tr("Semua kasus yang dibuka pada periode ini dicetak, apa pun statusnya.")
        )
        buttons, self.preview_button = _preview_buttons(self, "caseBookPreviewButton")
        dialog_layout(
            self,
            heading_label(self.tr("Cetak buku kasus"), self),
            period,
            self.full_name_box,
            note_label(note),
            buttons,
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height(self)

    @Slot()
    def _check(self, *_args: object) -> None:
        backwards = self.end < self.start
        self.problem.setText(
            self.tr("Tanggal akhir tidak boleh sebelum tanggal awal.") if backwards else ""
        )
        self.problem.setVisible(backwards)
        self.preview_button.setEnabled(not backwards)
        fit_height(self)

    @property
    def start(self) -> date:
        return py_date(self.start_edit.date())

    @property
    def end(self) -> date:
        return py_date(self.end_edit.date())

    @property
    def choice(self) -> DocumentChoice:
        return DocumentChoice(full_name=self.full_name_box.isChecked())
