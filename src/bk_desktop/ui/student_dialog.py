"""Adding or editing one student: a two-column form in groups, every problem shown by its field.

The service validates (``StudentInvalid.errors``, each tagged with its field) and the dialog
only places the messages: "nisn" under the NISN box, "placements[1].rombel" under the rombel of
this academic year, "guardians[0].phone" under the first parent row that was filled in. Dates
are typed the way a school writes them and read by ``domain.dates.parse_indonesian_date``; a
date that cannot be read is reported together with everything the domain finds, before
anything is stored.

Only this academic year's rombel is edited here; the rombel of earlier years stay as they were
(they belong to old cases), and so do guardians beyond the three rows shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.academic import AcademicYear, grade_from_rombel
from bk_desktop.domain.dates import format_long_date, parse_indonesian_date
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.identifiers import nik_province_warning
from bk_desktop.domain.students import (
    ClassPlacement,
    Guardian,
    GuardianRelation,
    Religion,
    Sex,
    Student,
    StudentDraft,
    StudentStatus,
)
from bk_desktop.services.students import StudentInvalid, StudentService
from bk_desktop.ui.kit.discard import DiscardGuard
from bk_desktop.ui.kit.drafts import FormState, on_change
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.labels import message_label, show_message, wrapping_label
from bk_desktop.ui.kit.wheel import value_fields, wheel_only_when_focused
from bk_desktop.ui.prompter import Prompter
from bk_desktop.ui.student_table_model import status_text
from bk_desktop.ui.style import fit_to_screen, set_role

GUARDIAN_ROWS = 3
_DEFAULT_RELATIONS = (GuardianRelation.AYAH, GuardianRelation.IBU, GuardianRelation.WALI)


E = TypeVar("E", bound=Enum)


def _chosen(combo: QComboBox, kind: type[E]) -> E | None:
    """The enum member a combo shows: Qt hands string and int enums back as plain values."""
    value = combo.currentData()
    return None if value is None else kind(value)


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setHorizontalSpacing(14)
    form.setVerticalSpacing(6)
    return form


@dataclass
class _GuardianRow:
    name: QLineEdit
    relation: QComboBox
    phone: QLineEdit
    error: QLabel


class StudentDialog(QDialog):
    """Add (``student_id`` None) or edit one student; ``saved_id`` holds the id after saving."""

    def __init__(
        self,
        service: StudentService,
        prompter: Prompter,
        student_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._prompter = prompter
        self.student_id = student_id
        self.saved_id: int | None = None
        self._year: AcademicYear = service.current_year()
        self._other_placements: tuple[ClassPlacement, ...] = ()
        self._extra_guardians: tuple[Guardian, ...] = ()
        self._errors: dict[str, QLabel] = {}
        self._focus_for: dict[str, QWidget] = {}
        self._captions: list[QLabel] = []
        self.setObjectName("studentDialog")
        self.setAccessibleName(self.tr("Data siswa"))
        self.setModal(True)

        columns = QHBoxLayout()
        columns.setSpacing(18)
        left = QVBoxLayout()
        left.setSpacing(12)
        right = QVBoxLayout()
        right.setSpacing(12)
        left.addWidget(self._identity_group())
        left.addWidget(self._birth_group())
        left.addWidget(self._contact_group())
        left.addStretch(1)
        self._line_up(self._captions)
        self._captions = []
        right.addWidget(self._class_group())
        right.addWidget(self._guardian_group())
        right.addWidget(self._status_group())
        right.addWidget(self._notes_group())
        right.addStretch(1)
        self._line_up(self._captions)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        content = QWidget()
        content.setObjectName("studentDialogContent")
        content.setLayout(columns)
        columns.setContentsMargins(2, 2, 8, 2)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("studentDialogScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        wheel_only_when_focused(value_fields(content), self)

        self.general_message = message_label("studentDialogMessage", self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Simpan"))
        named(self.save_button, "studentDialogSaveButton", self.tr("Simpan data siswa"))
        self.save_button.setDefault(True)
        set_role(self.save_button, "primary")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Batal"))
        named(cancel, "studentDialogCancelButton", self.tr("Batal"))
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.ask_to_close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.general_message)
        layout.addWidget(self.buttons)

        if student_id is None:
            self.setWindowTitle(self.tr("Tambah siswa"))
        else:
            student = service.get(student_id)
            self.setWindowTitle(self.tr("Ubah data siswa — {name}").format(name=student.name))
            self._load(student)
        self._update_status_date()
        self._update_grade()
        self.form_state = FormState.of(self)
        """Unsaved input as a draft (``kit/drafts.py``), clean as loaded; it also decides
        whether closing must ask first."""
        self._guard = DiscardGuard(self, lambda: self.form_state, lambda: prompter)
        # As tall as the form needs (it was a fixed 640 px with a band of nothing above the
        # buttons), and never taller than the screen: then the form scrolls.
        margins = layout.contentsMargins()
        needed = (
            content.sizeHint().height()
            + 2 * self.scroll_area.frameWidth()
            + layout.spacing() * 2
            + self.buttons.sizeHint().height()
            + margins.top()
            + margins.bottom()
        )
        fit_to_screen(self, 1100, needed)
        self.name.setFocus()

    # -- building the form -----------------------------------------------------------------

    def _line(self, object_name: str, accessible: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        named(edit, object_name, accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    def _combo(self, object_name: str, accessible: str) -> QComboBox:
        combo = QComboBox()
        named(combo, object_name, accessible)
        return combo

    def _error_label(self, owner: QWidget, keys: Iterable[str]) -> QLabel:
        label = message_label(f"{owner.objectName()}Error", self)
        for key in keys:
            self._errors[key] = label
            self._focus_for[key] = owner
        # A corrected value loses its message at once, not at the next "Simpan".
        on_change(owner, lambda: show_message(label, "") if label.text() else None)
        return label

    def _add(
        self,
        form: QFormLayout,
        caption: str,
        field: QWidget,
        keys: Sequence[str] = (),
        *,
        beside: QWidget | None = None,
        owner: QWidget | None = None,
    ) -> None:
        """``caption: field`` with an error line under it for the service's ``keys``."""
        label = QLabel(caption)
        label.setBuddy(owner or field)
        self._captions.append(label)
        if beside is not None:
            row = QHBoxLayout()
            row.setSpacing(10)
            row.addWidget(field)
            row.addWidget(beside, 1)
            form.addRow(label, row)
        else:
            form.addRow(label, field)
        if keys:
            form.addRow("", self._error_label(owner or field, keys))

    @Slot()
    def _check_nik_province(self) -> None:
        warning = nik_province_warning("".join(self.nik.text().split()))
        show_message(self.nik_warning, warning or "")

    @staticmethod
    def _line_up(captions: list[QLabel]) -> None:
        """One label width for the forms of a column, so their inputs start at one edge."""
        width = max((c.sizeHint().width() for c in captions), default=0)
        for caption in captions:
            caption.setMinimumWidth(width)

    def _identity_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Identitas"))
        form = _form()
        self.name = self._line("studentDialogName", self.tr("Nama lengkap"))
        self.nis = self._line("studentDialogNis", self.tr("NIS/NIPD"))
        self.nisn = self._line("studentDialogNisn", self.tr("NISN"), self.tr("10 digit angka"))
        self.nik = self._line("studentDialogNik", self.tr("NIK"), self.tr("16 digit angka"))
        self.no_kk = self._line("studentDialogNoKk", self.tr("No KK"), self.tr("16 digit angka"))
        self.sex = self._combo("studentDialogSex", self.tr("Jenis kelamin"))
        self.sex.addItem(self.tr("— belum diisi —"), None)
        self.sex.addItem(self.tr("Laki-laki"), Sex.L)
        self.sex.addItem(self.tr("Perempuan"), Sex.P)
        self.religion = self._combo("studentDialogReligion", self.tr("Agama"))
        self.religion.addItem(self.tr("— belum diisi —"), None)
        for religion in Religion:
            self.religion.addItem(religion.label, religion)
        self._add(form, self.tr("Nama lengkap*"), self.name, ("name",))
        self._add(form, self.tr("NIS/NIPD"), self.nis, ("nis",))
        self._add(form, self.tr("NISN"), self.nisn, ("nisn",))
        self._add(form, self.tr("NIK"), self.nik, ("nik",))
        # A province code not issued is worth a second look, never a refusal: the list of
        # provinces grows, and the NIK on the family card is what the school has.
        self.nik_warning = wrapping_label(self)
        self.nik_warning.setObjectName("studentDialogNikWarning")
        set_role(self.nik_warning, "warning")
        self.nik_warning.hide()
        form.addRow("", self.nik_warning)
        self.nik.textChanged.connect(self._check_nik_province)
        self._add(form, self.tr("No KK"), self.no_kk, ("no_kk",))
        self._add(form, self.tr("Jenis kelamin"), self.sex, ("sex",))
        self._add(form, self.tr("Agama"), self.religion, ("religion",))
        group.setLayout(form)
        return group

    def _date_field(self, object_name: str, accessible: str) -> tuple[QLineEdit, QLabel]:
        edit = self._line(object_name, accessible, self.tr("hh-bb-tttt"))
        edit.setToolTip(self.tr("Tulis seperti 17-05-2010, 17/05/2010, atau 17 Mei 2010."))
        edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("00 September 0000") + 16)
        shown = QLabel()
        shown.setObjectName(f"{object_name}Shown")
        set_role(shown, "muted")
        edit.textChanged.connect(lambda text: shown.setText(self._read_back(text)))
        return edit, shown

    @staticmethod
    def _read_back(text: str) -> str:
        """The typed date in words ("Senin, 17 Mei 2010"), or nothing until it can be read."""
        if not text.strip():
            return ""
        try:
            return format_long_date(parse_indonesian_date(text))
        except ValidationError:
            return ""

    def _birth_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Kelahiran"))
        form = _form()
        self.birth_place = self._line("studentDialogBirthPlace", self.tr("Tempat lahir"))
        self.birth_date, self.birth_date_shown = self._date_field(
            "studentDialogBirthDate", self.tr("Tanggal lahir")
        )
        self._add(form, self.tr("Tempat lahir"), self.birth_place, ("birth_place",))
        self._add(
            form,
            self.tr("Tanggal lahir"),
            self.birth_date,
            ("birth_date",),
            beside=self.birth_date_shown,
        )
        group.setLayout(form)
        return group

    def _contact_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Kontak dan alamat"))
        form = _form()
        self.address = self._line(
            "studentDialogAddress", self.tr("Alamat"), self.tr("jalan, RT/RW, kelurahan")
        )
        self.phone = self._line(
            "studentDialogPhone", self.tr("Telepon/HP siswa"), self.tr("mis. 0812 3456 7890")
        )
        self._add(form, self.tr("Alamat"), self.address, ("address",))
        self._add(form, self.tr("Telepon/HP"), self.phone, ("phone",))
        group.setLayout(form)
        return group

    def _class_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Kelas tahun ajaran {year}").format(year=self._year))
        group.setObjectName("studentDialogClassGroup")
        form = _form()
        self.rombel = self._line(
            "studentDialogRombel", self.tr("Rombel"), self.tr("mis. X MIPA 1, XI-F2, 7A")
        )
        self.rombel.setMaximumWidth(220)
        names = [option.rombel for option in self._service.rombels(self._year)]
        completer = QCompleter(names, self.rombel)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.rombel.setCompleter(completer)
        self.grade = QLabel()
        self.grade.setObjectName("studentDialogGrade")
        self.grade.setAccessibleName(self.tr("Tingkat kelas"))
        self.rombel.textChanged.connect(self._update_grade)
        self.homeroom = self._line(
            "studentDialogHomeroom", self.tr("Wali kelas"), self.tr("nama wali kelas")
        )
        self._add(form, self.tr("Rombel"), self.rombel, ("rombel",), beside=self.grade)
        self._add(form, self.tr("Wali kelas"), self.homeroom, ("homeroom_teacher",))
        group.setLayout(form)
        return group

    def _guardian_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Orang tua/wali"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for column, title in enumerate((self.tr("Nama"), self.tr("Hubungan"), self.tr("Telepon"))):
            heading = QLabel(title)
            set_role(heading, "muted")
            grid.addWidget(heading, 0, column)
        self.guardians: list[_GuardianRow] = []
        for index in range(GUARDIAN_ROWS):
            number = index + 1
            name = self._line(
                f"studentDialogGuardianName{index}",
                self.tr("Nama orang tua/wali {n}").format(n=number),
            )
            relation = self._combo(
                f"studentDialogGuardianRelation{index}",
                self.tr("Hubungan orang tua/wali {n}").format(n=number),
            )
            for choice in GuardianRelation:
                relation.addItem(choice.label, choice)
            relation.setCurrentIndex(relation.findData(_DEFAULT_RELATIONS[index]))
            phone = self._line(
                f"studentDialogGuardianPhone{index}",
                self.tr("Telepon orang tua/wali {n}").format(n=number),
            )
            error = self._error_label(name, (f"guardian{index}",))
            grid.addWidget(name, 1 + index * 2, 0)
            grid.addWidget(relation, 1 + index * 2, 1)
            grid.addWidget(phone, 1 + index * 2, 2)
            grid.addWidget(error, 2 + index * 2, 0, 1, 3)
            self.guardians.append(_GuardianRow(name, relation, phone, error))
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)
        group.setLayout(grid)
        return group

    def _status_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Status"))
        form = _form()
        self.status = self._combo("studentDialogStatus", self.tr("Status siswa"))
        for status in StudentStatus:
            self.status.addItem(status_text(status), status)
        self.status.currentIndexChanged.connect(self._update_status_date)
        self.status_date, self.status_date_shown = self._date_field(
            "studentDialogStatusDate", self.tr("Tanggal status")
        )
        self._add(form, self.tr("Status"), self.status, ("status",))
        self._add(
            form,
            self.tr("Sejak tanggal"),
            self.status_date,
            ("status_date",),
            beside=self.status_date_shown,
        )
        group.setLayout(form)
        return group

    def _notes_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Catatan"))
        self.notes = QPlainTextEdit()
        named(self.notes, "studentDialogNotes", self.tr("Catatan"))
        self.notes.setTabChangesFocus(True)
        line = self.notes.fontMetrics().lineSpacing()
        self.notes.setFixedHeight(line * 3 + 16)
        self.notes.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout()
        layout.addWidget(self.notes)
        layout.addWidget(self._error_label(self.notes, ("notes",)))
        group.setLayout(layout)
        return group

    # -- live hints ------------------------------------------------------------------------

    @Slot()
    def _update_grade(self) -> None:
        rombel = self.rombel.text().strip()
        grade = grade_from_rombel(rombel) if rombel else None
        if grade is not None:
            self.grade.setText(self.tr("Tingkat {grade}").format(grade=grade.roman))
            set_role(self.grade, "")
        elif rombel:
            self.grade.setText(self.tr("Tingkat tidak terbaca dari nama rombel"))
            set_role(self.grade, "muted")
        else:
            self.grade.setText("")

    @Slot()
    def _update_status_date(self) -> None:
        active = _chosen(self.status, StudentStatus) is StudentStatus.AKTIF
        self.status_date.setEnabled(not active)
        self.status_date_shown.setEnabled(not active)

    # -- loading and reading the form ------------------------------------------------------

    def _load(self, student: Student) -> None:
        self.name.setText(student.name)
        self.nis.setText(student.nis)
        self.nisn.setText(student.nisn)
        self.nik.setText(student.nik)
        self.no_kk.setText(student.no_kk)
        self.sex.setCurrentIndex(max(0, self.sex.findData(student.sex)))
        self.religion.setCurrentIndex(max(0, self.religion.findData(student.religion)))
        self.birth_place.setText(student.birth_place)
        if student.birth_date is not None:
            self.birth_date.setText(f"{student.birth_date:%d-%m-%Y}")
        self.address.setText(student.address)
        self.phone.setText(student.phone)
        current = student.placement_in(self._year)
        if current is not None:
            self.rombel.setText(current.rombel)
            self.homeroom.setText(current.homeroom_teacher)
        self._other_placements = tuple(
            p for p in student.placements if p.academic_year != self._year
        )
        for row, guardian in zip(self.guardians, student.guardians, strict=False):
            row.name.setText(guardian.name)
            row.relation.setCurrentIndex(row.relation.findData(guardian.relation))
            row.phone.setText(guardian.phone)
        self._extra_guardians = tuple(student.guardians[GUARDIAN_ROWS:])
        self.status.setCurrentIndex(self.status.findData(student.status))
        if student.status_date is not None:
            self.status_date.setText(f"{student.status_date:%d-%m-%Y}")
        self.notes.setPlainText(student.notes)

    def _date(self, edit: QLineEdit, key: str, problems: list[ValidationError]) -> date | None:
        text = edit.text().strip()
        if not text or not edit.isEnabled():
            return None
        try:
            return parse_indonesian_date(text)
        except ValidationError as error:
            problems.append(ValidationError(error.message, key))
            return None

    def _read(self) -> tuple[StudentDraft, list[ValidationError], dict[str, str]]:
        """The draft the form holds, problems found while reading it (dates), and where each
        indexed error key of the draft is shown."""
        problems: list[ValidationError] = []
        where: dict[str, str] = {}
        placements = list(self._other_placements)
        rombel, homeroom = self.rombel.text(), self.homeroom.text()
        if rombel.strip() or homeroom.strip():
            index = len(placements)
            for part in ("rombel", "academic_year", "homeroom_teacher"):
                where[f"placements[{index}].{part}"] = (
                    "homeroom_teacher" if part == "homeroom_teacher" else "rombel"
                )
            placements.append(ClassPlacement(self._year, rombel, homeroom))
        guardians: list[Guardian] = []
        for row_index, row in enumerate(self.guardians):
            if not (row.name.text().strip() or row.phone.text().strip()):
                continue
            for part in ("name", "relation", "phone"):
                where[f"guardians[{len(guardians)}].{part}"] = f"guardian{row_index}"
            guardians.append(
                Guardian(
                    row.name.text(),
                    _chosen(row.relation, GuardianRelation) or GuardianRelation.WALI,
                    row.phone.text(),
                )
            )
        guardians.extend(self._extra_guardians)
        status = _chosen(self.status, StudentStatus) or StudentStatus.AKTIF
        draft = StudentDraft(
            name=self.name.text(),
            nis=self.nis.text(),
            nisn=self.nisn.text(),
            nik=self.nik.text(),
            no_kk=self.no_kk.text(),
            sex=_chosen(self.sex, Sex),
            birth_place=self.birth_place.text(),
            birth_date=self._date(self.birth_date, "birth_date", problems),
            religion=_chosen(self.religion, Religion),
            address=self.address.text(),
            phone=self.phone.text(),
            placements=tuple(placements),
            guardians=tuple(guardians),
            status=status,
            status_date=self._date(self.status_date, "status_date", problems),
            notes=self.notes.toPlainText(),
        )
        return draft, problems, where

    # -- saving ------------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for label in set(self._errors.values()):
            show_message(label, "")
        show_message(self.general_message, "")

    def error_text(self, key: str) -> str:
        """The message shown for a field key ("nisn", "rombel", "guardian0"), or ''."""
        label = self._errors.get(key)
        return label.text() if label is not None and not label.isHidden() else ""

    def _show_errors(self, errors: Sequence[ValidationError], where: dict[str, str]) -> None:
        first: QWidget | None = None
        others: list[str] = []
        shown: dict[QLabel, list[str]] = {}
        for error in errors:
            key = where.get(error.field or "", error.field or "")
            label = self._errors.get(key)
            if label is None:
                others.append(error.message)
                continue
            messages = shown.setdefault(label, [])
            if error.message not in messages:
                messages.append(error.message)
            if first is None:
                first = self._focus_for[key]
        for label, messages in shown.items():
            show_message(label, "\n".join(messages))
        summary = self.tr("Belum tersimpan. Perbaiki isian yang diberi pesan merah.")
        show_message(self.general_message, "\n".join([summary, *others]))
        if first is not None:
            first.setFocus()
            self.scroll_area.ensureWidgetVisible(first)

    @Slot()
    def save(self) -> None:
        self._clear_errors()
        draft, problems, where = self._read()
        if problems:
            # A date that cannot be read: say so together with everything else that is wrong.
            seen = {p.field for p in problems}
            problems += [e for e in draft.validate(self._service.today()) if e.field not in seen]
            self._show_errors(problems, where)
            return
        try:
            if self.student_id is None:
                self.saved_id = self._service.create(draft)
            else:
                self._service.update(self.student_id, draft)
                self.saved_id = self.student_id
        except StudentInvalid as invalid:
            self._show_errors(invalid.errors, where)
            return
        except ValidationError as error:
            self._show_errors([error], where)
            return
        except KnownError as error:
            self._prompter.error(self, self.windowTitle(), error.message)
            return
        self.accept()

    # -- leaving without saving ----------------------------------------------------------------

    @Slot()
    def ask_to_close(self) -> None:
        """Batal, Esc or the window's close box (``kit/discard.py``): typed work is not
        dropped without asking. ``reject()`` itself never asks: the lock closes with it."""
        self._guard.ask_to_close()


# ``fit_to_screen`` now lives in ``ui/style.py``; still importable from here for its callers.
__all__ = ["StudentDialog", "fit_to_screen"]
