"""The session record: what happened in one counselling session, and the standard's product.

A planned session (or a held one not yet final) is recorded here: the actual start and end
(outside 30–45 minutes a reason is asked for as soon as the times say so), notes, the
penilaian segera in UCA form, the alternatives considered with the one chosen, and the
rencana aksi. "Simpan" records it as held (the first held session opens the case);
"Finalkan…" makes it read-only, after which only addenda can be added. The two lists are
tables edited in place; their rows are kept in the form's draft as plain data
(``FormState.hold``), so the whole record survives a lock.

Another counsellor's session comes redacted from the service (issue 14) and the form says so
(``counselling_sight.SightBanner``): its notes stay hidden until "Tampilkan catatan" (audited
by the service), and are then shown read-only for as long as that session stays open here; a
session of a *sangat rahasia* case shows only its time, room and counsellor. Only the
counsellor who may record it (``domain.visibility.may_record_session``), seeing it whole, can
edit it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.counselling import (
    ActionItemDraft,
    ActionStatus,
    Alternative,
    SessionReport,
    SessionStatus,
    length_needs_reason,
)
from bk_desktop.domain.dates import format_instant
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.sight import Sight
from bk_desktop.domain.visibility import may_record_session
from bk_desktop.services.counselling import CounsellingInvalid, CounsellingService, SessionView
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.drafts import FormState, JsonValue
from bk_desktop.ui.kit.forms import FieldForm, action_button, line_up, named, text_box
from bk_desktop.ui.kit.labels import note_label, wrapping_label
from bk_desktop.ui.kit.views import tab_leaves
from bk_desktop.ui.school_time import (
    DATE_FORMAT,
    instant_of,
    py_date,
    qdate,
    school_date_time_edit,
    wall_clock,
)
from bk_desktop.ui.style import set_role, start_weeks_on_monday
from bk_desktop.ui.tabs.counselling_sight import SightBanner, keeps_opening

NO_DATE = QDate(2000, 1, 1)
"""The review date's "none": the edit's minimum, shown as a dash."""

ALTERNATIVES = "sessionAlternatives"
ACTION_ITEMS = "sessionActionItems"


def _date_cell(day: date | None, *, optional: bool) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    start_weeks_on_monday(edit)
    if optional:
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("—")
    edit.setDate(qdate(day) if day is not None else NO_DATE)
    return edit


def _day_of(edit: QDateEdit) -> date | None:
    value = edit.date()
    if edit.specialValueText() and value == edit.minimumDate():
        return None
    return py_date(value)


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _from_iso(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


class SessionForm(QWidget):
    """One session's record. ``saved`` carries the case id after a save (the first held
    session opens the case); ``leave_requested`` asks the tab to go back to the case
    (Escape, "Kembali"), which asks first when input would be lost."""

    saved = Signal(int)
    leave_requested = Signal()
    print_requested = Signal()

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("sessionForm")
        self.view: SessionView | None = None
        self.revealed_id: int | None = None
        """The session whose notes were opened ("Tampilkan catatan") while it stays open."""
        self.zone = ZoneInfo("UTC")
        self._editing_hints: list[QLabel] = []

        self.title = QLabel(self)
        self.title.setObjectName("sessionTitle")
        set_role(self.title, "heading")
        self.meta = wrapping_label(self)
        self.meta.setObjectName("sessionMeta")
        set_role(self.meta, "muted")

        self.banner = SightBanner("session", self)
        self.banner.show_notes.connect(self.reveal)

        times = self._times_group()
        uca = self._uca_group()
        product = self._product_group()
        self.addenda_group = self._addenda_group()
        self.times_group = times
        self.uca_group = uca
        self.product_group = product

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.banner)
        layout.addWidget(times)
        layout.addWidget(uca)
        layout.addWidget(product)
        layout.addWidget(self.addenda_group)
        layout.addStretch(1)
        line_up(self.forms)

        self.action_row = self._action_row()

        self.state = FormState.of(self)
        self.state.hold(ALTERNATIVES, self._alternatives_value, self._set_alternatives_value)
        self.state.hold(ACTION_ITEMS, self._items_value, self._set_items_value)

        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self._save_by_key)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.leave_requested)

    # -- building ------------------------------------------------------------------------------

    def _times_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Pelaksanaan"), self)
        group.setObjectName("sessionTimesGroup")
        self.actual_start = named(
            school_date_time_edit(group), "sessionActualStart", self.tr("Mulai")
        )
        self.actual_end = named(
            school_date_time_edit(group), "sessionActualEnd", self.tr("Selesai")
        )
        self.minutes_note = note_label("", "sessionMinutes", group)
        self.duration_reason = named(
            QLineEdit(group), "sessionDurationReason", self.tr("Alasan lama sesi")
        )
        self.duration_reason.setPlaceholderText(
            self.tr("mis. siswa menangis dan perlu ditenangkan dulu")
        )
        self.notes = text_box(group, "sessionNotes", self.tr("Catatan sesi"), 4)
        self.notes.setPlaceholderText(
            self.tr("Jalannya sesi: yang dibicarakan, sikap siswa, hal penting.")
        )
        self.times_form = FieldForm()
        self.times_form.add(
            self.tr("Mulai"), self.actual_start, keys=("actual", "actual_start"), parent=group
        )
        self.times_form.add(
            self.tr("Selesai"),
            self.actual_end,
            keys=("actual_end",),
            hint=self.minutes_note,
            parent=group,
        )
        self.times_form.add(
            self.tr("Alasan lama (wajib)"),
            self.duration_reason,
            keys=("duration_reason",),
            parent=group,
        )
        self.times_form.add(self.tr("Catatan"), self.notes, keys=("notes",), parent=group)
        group.setLayout(self.times_form)
        self.actual_start.dateTimeChanged.connect(self._on_times)
        self.actual_end.dateTimeChanged.connect(self._on_times)
        return group

    def _uca_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Penilaian segera (laiseg) UCA"), self)
        group.setObjectName("sessionUcaGroup")
        self.understanding = text_box(group, "sessionUnderstanding", self.tr("Understanding"), 3)
        self.understanding.setPlaceholderText(
            self.tr("Apa yang kini dipahami siswa tentang dirinya.")
        )
        self.comfort = text_box(group, "sessionComfort", self.tr("Comfort"), 3)
        self.comfort.setPlaceholderText(self.tr("mis. lega sudah bercerita, masih cemas."))
        self.action = text_box(group, "sessionAction", self.tr("Action"), 3)
        self.action.setPlaceholderText(self.tr("mis. tidur sebelum pukul 22.00 mulai malam ini."))
        self.uca_form = FieldForm()
        for caption, box, key, hint in (
            (
                self.tr("Understanding"),
                self.understanding,
                "understanding",
                self.tr("Apa yang kini dipahami siswa."),
            ),
            (self.tr("Comfort"), self.comfort, "comfort", self.tr("Apa yang dirasakan siswa.")),
            (self.tr("Action"), self.action, "action", self.tr("Apa yang akan dilakukan siswa.")),
        ):
            self.uca_form.add(caption, box, keys=(key,), hint=hint, parent=group)
        group.setLayout(self.uca_form)
        return group

    def _table(
        self, parent: QWidget, name: str, accessible: str, headers: list[str]
    ) -> QTableWidget:
        table = tab_leaves(named(QTableWidget(0, len(headers), parent), name, accessible))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setMinimumHeight(table.verticalHeader().defaultSectionSize() * 3 + 32)
        table.setMaximumHeight(table.verticalHeader().defaultSectionSize() * 6 + 32)
        return table

    def _product_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Alternatif solusi dan rencana aksi"), self)
        group.setObjectName("sessionProductGroup")

        self.alternatives = self._table(
            group,
            ALTERNATIVES,
            self.tr("Alternatif solusi"),
            [self.tr("Dipilih"), self.tr("Alternatif solusi")],
        )
        header = self.alternatives.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.alternatives.itemChanged.connect(self._one_chosen)
        self.add_alternative = action_button(self.tr("Tambah alternatif"), "sessionAddAlternative")
        self.add_alternative.clicked.connect(lambda: self._add_alternative("", chosen=False))
        self.remove_alternative = action_button(
            self.tr("Hapus alternatif"), "sessionRemoveAlternative"
        )
        self.remove_alternative.clicked.connect(lambda: self._remove_row(self.alternatives))
        alternatives_box = self._list_box(
            group,
            self.alternatives,
            (self.add_alternative, self.remove_alternative),
            self.tr("Centang satu alternatif yang disepakati bersama siswa."),
        )

        self.items = self._table(
            group,
            ACTION_ITEMS,
            self.tr("Rencana aksi"),
            [
                self.tr("Apa"),
                self.tr("Dukungan dari"),
                self.tr("Kapan"),
                self.tr("Ditinjau"),
                self.tr("Status"),
            ],
        )
        header = self.items.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # The date and status cells are widgets, which the header cannot measure: each of
        # those columns is as wide as its widget (or its title) wants.
        status_sample = QComboBox()
        for choice in ActionStatus:
            status_sample.addItem(choice.label)
        date_width = _date_cell(date(2026, 12, 28), optional=False).sizeHint().width()
        for column, width in (
            (2, date_width),
            (3, date_width),
            (4, status_sample.sizeHint().width()),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(width + 8, header.sectionSizeHint(column)))
        self.add_item = action_button(self.tr("Tambah rencana aksi"), "sessionAddActionItem")
        self.add_item.clicked.connect(self._add_new_item)
        self.remove_item = action_button(self.tr("Hapus rencana aksi"), "sessionRemoveActionItem")
        self.remove_item.clicked.connect(lambda: self._remove_row(self.items))
        items_box = self._list_box(
            group,
            self.items,
            (self.add_item, self.remove_item),
            self.tr("Ketik langsung di sel (F2 atau klik ganda untuk mengubah)."),
        )

        self.product_form = FieldForm()
        self.product_form.add(
            self.tr("Alternatif"), alternatives_box, keys=("alternatives",), parent=group
        )
        self.product_form.add(
            self.tr("Rencana aksi"), items_box, keys=("action_items",), parent=group
        )
        group.setLayout(self.product_form)
        return group

    def _list_box(
        self,
        parent: QWidget,
        table: QTableWidget,
        buttons: tuple[QPushButton, ...],
        note: str,
    ) -> QWidget:
        box = QWidget(parent)
        box.setObjectName(f"{table.objectName()}Box")
        row = QHBoxLayout()
        row.setSpacing(8)
        for button in buttons:
            row.addWidget(button)
        hint = note_label(note, "", box)
        self._editing_hints.append(hint)
        row.addWidget(hint, 1)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(table)
        layout.addLayout(row)
        return box

    def _addenda_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Adendum"), self)
        group.setObjectName("sessionAddendaGroup")
        self.addenda = wrapping_label(group)
        self.addenda.setObjectName("sessionAddenda")
        self.addenda.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.addendum_button = action_button(self.tr("Tambah adendum…"), "sessionAddendumButton")
        layout = QVBoxLayout(group)
        layout.addWidget(self.addenda)
        row = QHBoxLayout()
        row.addWidget(self.addendum_button)
        row.addStretch(1)
        layout.addLayout(row)
        return group

    def _action_row(self) -> QWidget:
        """Under the scroll area, always in view: the status line and the buttons."""
        row_widget = QWidget(self)
        row_widget.setObjectName("sessionActions")
        self.message = wrapping_label(row_widget)
        self.message.setObjectName("sessionSaveMessage")
        set_role(self.message, "error")
        self.message.hide()
        self.print_button = action_button(self.tr("Cetak…"), "sessionPrintButton")
        self.print_button.setToolTip(
            self.tr("Cetak atau simpan Ringkasan Sesi Konseling atau Rencana Aksi (Ctrl+P)")
        )
        self.print_button.clicked.connect(self.print_requested)
        self.back_button = action_button(self.tr("Kembali ke kasus"), "sessionBackButton")
        self.back_button.setToolTip(self.tr("Kembali ke kasus (Esc)"))
        self.back_button.clicked.connect(self.leave_requested)
        self.save_button = action_button(
            self.tr("Simpan"), "sessionSaveButton", self.tr("Simpan catatan sesi")
        )
        self.save_button.setToolTip(self.tr("Simpan catatan sesi (Ctrl+S)"))
        set_role(self.save_button, "primary")
        self.save_button.clicked.connect(self.save)
        self.finalise_button = action_button(self.tr("Finalkan…"), "sessionFinaliseButton")
        self.finalise_button.setToolTip(
            self.tr("Jadikan catatan final: setelah itu hanya dapat ditambah adendum.")
        )
        self.finalise_button.clicked.connect(self.finalise)
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addWidget(self.message, 1)
        row.addStretch(0)
        row.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.finalise_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        return row_widget

    @property
    def forms(self) -> tuple[FieldForm, ...]:
        return (self.times_form, self.uca_form, self.product_form)

    # -- the two lists -------------------------------------------------------------------------

    def _add_alternative(self, text: str, *, chosen: bool) -> None:
        table = self.alternatives
        row = table.rowCount()
        table.blockSignals(True)
        table.insertRow(row)
        check = QTableWidgetItem()
        check.setFlags(
            Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
        )
        check.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        check.setData(Qt.ItemDataRole.AccessibleTextRole, self.tr("Dipilih"))
        table.setItem(row, 0, check)
        table.setItem(row, 1, QTableWidgetItem(text))
        table.blockSignals(False)
        if not text and table.isVisible():
            table.setCurrentCell(row, 1)
            cell = table.item(row, 1)
            if cell is not None:
                table.editItem(cell)

    @Slot(QTableWidgetItem)
    def _one_chosen(self, changed: QTableWidgetItem) -> None:
        """Ticking one alternative unticks the others: one is agreed with the student."""
        if changed.column() != 0 or changed.checkState() != Qt.CheckState.Checked:
            return
        table = self.alternatives
        table.blockSignals(True)
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            if item is not None and item is not changed:
                item.setCheckState(Qt.CheckState.Unchecked)
        table.blockSignals(False)

    def _alternatives(self) -> list[Alternative]:
        found: list[Alternative] = []
        for row in range(self.alternatives.rowCount()):
            check = self.alternatives.item(row, 0)
            text = self.alternatives.item(row, 1)
            found.append(
                Alternative(
                    text=text.text() if text is not None else "",
                    chosen=check is not None and check.checkState() == Qt.CheckState.Checked,
                )
            )
        return found

    def _alternatives_value(self) -> JsonValue:
        return [[a.text, a.chosen] for a in self._alternatives()]

    def _set_alternatives_value(self, value: JsonValue) -> None:
        self.alternatives.setRowCount(0)
        for entry in value if isinstance(value, list) else []:
            if isinstance(entry, list) and len(entry) == 2:
                self._add_alternative(str(entry[0]), chosen=bool(entry[1]))

    def _add_item(self, item: ActionItemDraft) -> None:
        table = self.items
        row = table.rowCount()
        table.insertRow(row)
        what = QTableWidgetItem(item.what)
        what.setData(Qt.ItemDataRole.UserRole, item.id)
        table.setItem(row, 0, what)
        table.setItem(row, 1, QTableWidgetItem(item.support))
        table.setCellWidget(row, 2, _date_cell(item.due_on, optional=False))
        table.setCellWidget(row, 3, _date_cell(item.review_on, optional=True))
        status = QComboBox()
        for choice in ActionStatus:
            status.addItem(choice.label, choice)
        status.setCurrentIndex(status.findData(item.status))
        table.setCellWidget(row, 4, status)

    @Slot()
    def _add_new_item(self) -> None:
        held = py_date(self.actual_start.date())
        due = held + timedelta(days=7)
        self._add_item(ActionItemDraft(what="", due_on=due, review_on=due))
        row = self.items.rowCount() - 1
        self.items.setCurrentCell(row, 0)
        cell = self.items.item(row, 0)
        if self.items.isVisible() and cell is not None:
            self.items.editItem(cell)

    def _action_items(self) -> list[ActionItemDraft]:
        table = self.items
        found: list[ActionItemDraft] = []
        for row in range(table.rowCount()):
            what = table.item(row, 0)
            support = table.item(row, 1)
            due = table.cellWidget(row, 2)
            review = table.cellWidget(row, 3)
            status = table.cellWidget(row, 4)
            item_id = what.data(Qt.ItemDataRole.UserRole) if what is not None else None
            found.append(
                ActionItemDraft(
                    what=what.text() if what is not None else "",
                    support=support.text() if support is not None else "",
                    due_on=_day_of(due) if isinstance(due, QDateEdit) else None,
                    review_on=_day_of(review) if isinstance(review, QDateEdit) else None,
                    status=ActionStatus(status.currentData())
                    if isinstance(status, QComboBox)
                    else ActionStatus.BELUM,
                    id=int(item_id) if isinstance(item_id, int) else None,
                )
            )
        return found

    def _items_value(self) -> JsonValue:
        return [
            {
                "what": item.what,
                "support": item.support,
                "due_on": _iso(item.due_on),
                "review_on": _iso(item.review_on),
                "status": item.status.value,
                "id": item.id,
            }
            for item in self._action_items()
        ]

    def _set_items_value(self, value: JsonValue) -> None:
        self.items.setRowCount(0)
        for entry in value if isinstance(value, list) else []:
            if not isinstance(entry, dict):
                continue
            status = str(entry.get("status") or ActionStatus.BELUM.value)
            raw_id = entry.get("id")
            self._add_item(
                ActionItemDraft(
                    what=str(entry.get("what") or ""),
                    support=str(entry.get("support") or ""),
                    due_on=_from_iso(entry.get("due_on")),
                    review_on=_from_iso(entry.get("review_on")),
                    status=ActionStatus(status)
                    if status in {s.value for s in ActionStatus}
                    else ActionStatus.BELUM,
                    id=raw_id if isinstance(raw_id, int) else None,
                )
            )

    @staticmethod
    def _remove_row(table: QTableWidget) -> None:
        row = table.currentRow()
        if row >= 0:
            table.removeRow(row)

    # -- showing a session ---------------------------------------------------------------------

    @property
    def session_id(self) -> int | None:
        return self.view.record.id if self.view is not None else None

    @property
    def sight(self) -> Sight:
        """How much of the shown session is on screen now (opened notes count as full)."""
        view = self.view
        if view is None or self.revealed_id == view.record.id:
            return Sight.FULL
        return view.record.sight

    @property
    def owns(self) -> bool:
        """The service gave the session whole, not opened with "Tampilkan catatan": only such
        a record is edited (an opened one is read; its re-read after a save is withheld)."""
        view = self.view
        return (
            view is not None
            and view.record.sight is Sight.FULL
            and self.revealed_id != view.record.id
        )

    @property
    def may_record(self) -> bool:
        """The signed-in counsellor holds this session or owns its case."""
        view = self.view
        return view is not None and may_record_session(
            self.context.workspace.viewer, view.record.counsellor_id, view.record.case_owner_id
        )

    @property
    def printable(self) -> bool:
        """A held session with its notes on screen: its documents can be printed."""
        view = self.view
        return (
            view is not None
            and self.sight is Sight.FULL
            and view.record.status is SessionStatus.SELESAI
            and not view.record.migrated
        )

    @property
    def editable(self) -> bool:
        view = self.view
        return (
            view is not None
            and self.may_record
            and self.owns
            and not view.record.is_final
            and view.record.status in {SessionStatus.TERJADWAL, SessionStatus.SELESAI}
        )

    @Slot()
    def reveal(self) -> None:
        """ "Tampilkan catatan": the service opens the notes and writes the audit event."""
        view = self.view
        if view is None or view.record.sight is not Sight.NOTES_WITHHELD:
            return
        session_id = view.record.id
        try:
            opened = CounsellingService(self.context.workspace).session(session_id, show_notes=True)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Tampilkan catatan"), error.message)
            return
        self.revealed_id = session_id
        self.show_session(opened)
        self.notes.setFocus(Qt.FocusReason.OtherFocusReason)

    def forget(self) -> None:
        """The form was left: nothing shown, and a session opened again asks again."""
        self.view = None
        self.revealed_id = None

    def _keep_revealed(self, view: SessionView) -> SessionView:
        """The session to show for ``view``: the opened one while ``view`` is a re-read of it
        that still withholds its notes from the same owner; the opening is forgotten
        otherwise."""
        kept = self.view
        if keeps_opening(self.revealed_id, None if kept is None else kept.record, view.record):
            assert kept is not None
            return kept
        if view.record.sight is not Sight.FULL or view.record.id != self.revealed_id:
            self.revealed_id = None
        return view

    def show_session(self, view: SessionView) -> None:
        """Load ``view`` into the form (its stored record, or the plan's defaults); clean.
        A re-read of the opened session whose notes are still withheld keeps what was opened
        (no second audited opening); another session forgets the opening."""
        view = self._keep_revealed(view)
        self.view = view
        workspace = self.context.workspace
        self.zone = workspace.settings().zone
        record = view.record
        now = workspace.now()
        if self.sight is Sight.EXISTS_ONLY:
            self._show_hidden(view)
            return
        self.title.setText(
            self.tr("{name} ({rombel}) · {what}").format(
                name=record.student_name,
                rombel=record.rombel or "—",
                what=self.tr("pertemuan ke-{n}").format(n=record.number)
                if record.number
                else self.tr("sesi yang direncanakan"),
            )
        )
        reason = f" ({record.status_reason})" if record.status_reason else ""
        self.meta.setText(
            self.tr(
                "Direncanakan {when}, {minutes} menit, {place} ({mode}) · status: {status}{reason}"
            ).format(
                when=format_instant(record.planned_start, self.zone),
                minutes=record.planned_minutes,
                place=record.place,
                mode=record.mode.label.lower(),
                status=record.status_label(now).lower(),
                reason=reason,
            )
        )
        report = view.report
        start = report.actual_start if report else record.planned_start
        end = report.actual_end if report else record.planned_end
        self.actual_start.setDateTime(wall_clock(start, self.zone))
        self.actual_end.setDateTime(wall_clock(end, self.zone))
        self.duration_reason.setText(report.duration_reason if report else "")
        self.notes.setPlainText(report.notes if report else "")
        self.understanding.setPlainText(report.understanding if report else "")
        self.comfort.setPlainText(report.comfort if report else "")
        self.action.setPlainText(report.action if report else "")
        self.alternatives.setRowCount(0)
        for alternative in report.alternatives if report else ():
            self._add_alternative(alternative.text, chosen=alternative.chosen)
        self.items.setRowCount(0)
        for item in report.action_items if report else ():
            self._add_item(item)
        self.addenda.setText(
            "\n\n".join(
                self.tr("{at} · {author}:\n{text}").format(
                    at=format_instant(a.at, self.zone), author=a.author_name or "—", text=a.text
                )
                for a in view.addenda
            )
            or self.tr("Belum ada adendum.")
        )
        for form in self.forms:
            form.clear_errors()
        self.message.hide()
        self._show_sight()
        self._set_editable(self.editable)
        self._on_times()
        self.state.mark_clean()

    def _show_sight(self) -> None:
        """The banner, and which parts of the record are on screen."""
        view = self.view
        if view is None:
            return
        record = view.record
        sight = self.sight
        whole = sight is Sight.FULL
        self.banner.say(
            what=self.tr("Sesi ini"),
            owner=record.counsellor_name,
            sight=record.sight,
            revealed=self.revealed_id == record.id,
            read_only=""
            if self.may_record and self.owns
            else self.tr("Hanya {owner} yang dapat mencatat atau mengubah sesi ini.").format(
                owner=record.counsellor_name or self.tr("guru BK yang menanganinya")
            ),
        )
        self.times_group.setVisible(sight is not Sight.EXISTS_ONLY)
        self.times_form.set_field_visible(self.notes, whole)
        self.uca_group.setVisible(whole)
        self.product_group.setVisible(whole)

    def _show_hidden(self, view: SessionView) -> None:
        """A session of another's *sangat rahasia* case: its time, room and counsellor."""
        record = view.record
        self.title.setText(
            self.tr("Sesi (sangat rahasia) — {owner}").format(
                owner=record.counsellor_name or self.tr("guru BK lain")
            )
        )
        place = f", {record.place}" if record.place else ""
        self.meta.setText(
            self.tr("{when}, {minutes} menit{place}").format(
                when=format_instant(record.planned_start, self.zone),
                minutes=record.planned_minutes,
                place=place,
            )
        )
        for box in (self.notes, self.understanding, self.comfort, self.action):
            box.clear()
        self.duration_reason.clear()
        self.alternatives.setRowCount(0)
        self.items.setRowCount(0)
        self.addenda.clear()
        self.message.hide()
        self._show_sight()
        self._set_editable(False)
        self.addenda_group.setVisible(False)
        self.state.mark_clean()

    def _set_editable(self, editable: bool) -> None:
        for box in (self.notes, self.understanding, self.comfort, self.action):
            box.setReadOnly(not editable)
        for edit in (self.actual_start, self.actual_end):
            edit.setReadOnly(not editable)
        self.duration_reason.setReadOnly(not editable)
        triggers = (
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        for table in (self.alternatives, self.items):
            table.setEditTriggers(triggers)
            for row in range(table.rowCount()):
                for column in range(table.columnCount()):
                    cell = table.cellWidget(row, column)
                    if cell is not None:
                        cell.setEnabled(editable)
        for row in range(self.alternatives.rowCount()):
            check = self.alternatives.item(row, 0)
            if check is not None:
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if editable:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                check.setFlags(flags)
        for button in (
            self.add_alternative,
            self.remove_alternative,
            self.add_item,
            self.remove_item,
            self.save_button,
            self.finalise_button,
        ):
            button.setVisible(editable)
        for hint in self._editing_hints:  # how to edit, said only where one can
            hint.setVisible(editable)
        final = self.view is not None and self.view.record.is_final
        self.addenda_group.setVisible(final and self.sight is Sight.FULL)
        self.addendum_button.setVisible(self.may_record and self.owns)
        self.print_button.setVisible(self.printable)

    @Slot()
    def print_by_key(self) -> None:
        """Ctrl+P on the session page (the form and its button row, which the tab places
        below the scroll area): "Cetak…" when the session can be printed."""
        if self.print_button.isVisible():
            self.print_requested.emit()

    @Slot()
    def _on_times(self) -> None:
        """Say the length as the times are set, and ask for a reason outside 30–45 minutes."""
        start = instant_of(self.actual_start, self.zone)
        end = instant_of(self.actual_end, self.zone)
        minutes = round((end - start).total_seconds() / 60)
        self.minutes_note.setText(
            self.tr("Lama sesi: {n} menit (standar 30–45 menit).").format(n=minutes)
        )
        needs = minutes > 0 and length_needs_reason(minutes)
        self.times_form.set_field_visible(
            self.duration_reason, needs or bool(self.duration_reason.text())
        )

    def is_dirty(self) -> bool:
        return self.view is not None and self.editable and self.state.is_dirty()

    # -- saving --------------------------------------------------------------------------------

    def report(self) -> SessionReport:
        start: datetime = instant_of(self.actual_start, self.zone)
        end: datetime = instant_of(self.actual_end, self.zone)
        return SessionReport(
            actual_start=start,
            actual_end=end,
            duration_reason=self.duration_reason.text(),
            notes=self.notes.toPlainText(),
            understanding=self.understanding.toPlainText(),
            comfort=self.comfort.toPlainText(),
            action=self.action.toPlainText(),
            alternatives=tuple(self._alternatives()),
            action_items=tuple(self._action_items()),
        )

    @Slot()
    def _save_by_key(self) -> None:
        if self.editable:
            self.save()

    @Slot()
    def save(self) -> bool:
        """Record the session as held with what the form holds; True when it was stored."""
        view = self.view
        if view is None or not self.editable:
            return False
        for form in self.forms:
            form.clear_errors()
        self.message.hide()
        service = CounsellingService(self.context.workspace)
        try:
            case_id = service.record_session(view.record.id, self.report())
        except CounsellingInvalid as invalid:
            self._show(invalid.errors)
            return False
        except KnownError as error:
            self._show([ValidationError(error.message, "")])
            return False
        self.show_session(service.session(view.record.id))
        self.saved.emit(case_id)
        return True

    @Slot()
    def finalise(self) -> None:
        """Finalkan…: asked first, because afterwards the record only takes addenda."""
        view = self.view
        if view is None or not self.editable:
            return
        if not self.context.prompter.confirm(
            self,
            self.tr("Finalkan catatan sesi?"),
            self.tr(
                "Setelah difinalkan, catatan sesi {name} tidak dapat diubah lagi; yang diketahui "
                "kemudian ditambahkan sebagai adendum. Finalkan sekarang?"
            ).format(name=view.record.student_name),
        ):
            return
        if (
            self.state.is_dirty() or view.record.status is SessionStatus.TERJADWAL
        ) and not self.save():
            return
        service = CounsellingService(self.context.workspace)
        try:
            service.finalise(view.record.id)
        except CounsellingInvalid as invalid:
            self._show(invalid.errors)
            return
        except KnownError as error:
            self._show([ValidationError(error.message, "")])
            return
        self.show_session(service.session(view.record.id))
        self.addendum_button.setFocus(Qt.FocusReason.OtherFocusReason)  # the save buttons went
        case_id = self.view.record.case_id if self.view is not None else None
        if case_id is not None:
            self.saved.emit(case_id)

    def _show(self, errors: list[ValidationError]) -> None:
        left = list(errors)
        for form in self.forms:
            left = form.show_errors(left)
        if left:
            self.message.setText("\n".join(e.message for e in left))
        else:
            self.message.setText(self.tr("Belum tersimpan: perbaiki isian yang ditandai."))
        self.message.show()
