"""Beranda's list of old drafts: unsaved forms kept in the vault for more than 30 days.

A draft normally reopens the moment its account unlocks (``ui/draft_keeping.py``); one that
could not (its request was screened meanwhile, its student removed, another form of the same
kind was already open) waits in the vault. After 30 days it is listed here, for the account
that typed it only, so that it is finished or thrown away rather than kept forever. The list
says which form and when, never what was typed.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from bk_desktop.domain.dates import format_instant
from bk_desktop.domain.drafts import KeptDraft
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.drafts import DraftService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.card import Card
from bk_desktop.ui.kit.forms import named
from bk_desktop.ui.kit.labels import heading_label, note_label
from bk_desktop.ui.kit.records import RecordList, RecordsModel


class StaleDraftsModel(RecordsModel[KeptDraft]):
    """Which form, and when it was kept; never what it holds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = ZoneInfo("UTC")

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Formulir"), self.tr("Disimpan"))

    def set_drafts(self, drafts: list[KeptDraft], zone: ZoneInfo) -> None:
        self.zone = zone
        self._reset(drafts)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        draft = self.record_of(index)
        if draft is None or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        if index.column() == 0:
            return draft.form.label
        return format_instant(draft.saved_at, self.zone)


class StaleDraftsPanel(Card):
    """Hidden while there is no draft older than 30 days."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("homeStaleDrafts", parent, spacing=8)
        self.context = context
        self.body.addWidget(heading_label(self.tr("Draf lama yang belum diselesaikan"), self))
        self.body.addWidget(
            note_label(
                self.tr(
                    "Isian ini disimpan saat bk-desktop dikunci atau ditutup lebih dari 30 hari "
                    "yang lalu dan tidak dapat dibuka kembali. Selesaikan lewat tab yang "
                    "bersangkutan, lalu buang drafnya."
                ),
                "homeStaleDraftsNote",
                self,
            )
        )
        self.model = StaleDraftsModel(self)
        self.list = RecordList(
            self.model,
            ("homeStaleDraftsTable", self.tr("Draf lama")),
            ("homeStaleDraftsEmpty", self.tr("Tidak ada draf lama.")),
            rows=(1, 4),
            stretch=(0,),
        )
        self.body.addWidget(self.list)
        self.discard_button = named(
            QPushButton(self.tr("Buang draf…"), self),
            "homeDiscardDraftButton",
            self.tr("Buang draf yang dipilih"),
        )
        self.discard_button.clicked.connect(self.discard_selected)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.discard_button)
        self.body.addLayout(row)
        self.hide()

    def show_drafts(self, drafts: list[KeptDraft], zone: ZoneInfo) -> None:
        self.model.set_drafts(drafts, zone)
        self.list.select(0 if drafts else -1)
        self.setVisible(bool(drafts))

    @Slot()
    def discard_selected(self) -> None:
        draft = self.list.selected()
        if draft is None:
            return
        prompter = self.context.prompter
        if not prompter.confirm(
            self,
            self.tr("Buang draf?"),
            self.tr(
                "Draf “{form}” yang disimpan {when} akan dihapus dari brankas dan tidak dapat "
                "dikembalikan."
            ).format(form=draft.form.label, when=format_instant(draft.saved_at, self.model.zone)),
        ):
            return
        try:
            DraftService(self.context.workspace).discard(draft.id)
        except KnownError as error:
            prompter.error(self, self.tr("Draf"), error.message)
