"""What the Konseling tab says when a case or session is another counsellor's (issue 14).

The service decides and redacts (``domain.visibility``); the records carry the answer
(``sight``). This banner says it in words, once, above the case view or the session record:
whose it is, that its notes are withheld until "Tampilkan catatan" (an opening the service
writes to the audit log, which the banner says before the press, not only in a tooltip), or
that a *sangat rahasia* case shows nothing but that it exists; and, for anyone who is not the
owner, why the editing controls are gone. The owner sees no banner at all.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from bk_desktop.domain.counselling import CaseRecord, SessionRecord
from bk_desktop.domain.sight import Sight
from bk_desktop.ui.kit.forms import action_button
from bk_desktop.ui.kit.labels import WrappingLabel, note_label
from bk_desktop.ui.kit.palette import NOTE_BACKGROUND, NOTE_BORDER
from bk_desktop.ui.style import icon_label


class SightBanner(QFrame):
    """Hidden for the owner; otherwise the sentence (``{prefix}SightText``), the button
    "Tampilkan catatan" (``{prefix}ShowNotesButton``) while notes are withheld, and the
    read-only reason (``{prefix}ReadOnlyText``). ``show_notes`` asks for the opening."""

    show_notes = Signal()

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{prefix}SightBanner")
        self.setStyleSheet(
            f"QFrame#{prefix}SightBanner {{ background: {NOTE_BACKGROUND};"
            f" border: 1px solid {NOTE_BORDER}; border-radius: 6px; }}"
        )
        self.text = WrappingLabel("", self)
        self.text.setObjectName(f"{prefix}SightText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.read_only = note_label("", f"{prefix}ReadOnlyText", self)
        self.button = action_button(self.tr("Tampilkan catatan"), f"{prefix}ShowNotesButton")
        self.button.setToolTip(
            self.tr("Membuka catatan guru BK lain. Pembukaan dicatat di log audit.")
        )
        self.button.clicked.connect(self.show_notes)
        self.audited = note_label(
            self.tr("Pembukaan dicatat di log audit."), f"{prefix}AuditedText", self
        )
        self.audited.setWordWrap(False)

        button_row = QHBoxLayout()
        button_row.setSpacing(8)
        button_row.addWidget(self.button)
        button_row.addWidget(self.audited)
        button_row.addStretch(1)
        words = QVBoxLayout()
        words.setSpacing(4)
        words.addWidget(self.text)
        words.addLayout(button_row)
        words.addWidget(self.read_only)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 10, 8)
        row.setSpacing(10)
        row.addWidget(icon_label("lock", 18, self), 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)
        self.hide()

    def say(
        self,
        *,
        what: str,
        owner: str,
        sight: Sight,
        revealed: bool,
        read_only: str,
    ) -> None:
        """Say how much of ``what`` ("Kasus ini", "Sesi ini") the guru sees, handled by
        ``owner``; ``read_only`` is why nothing can be changed here ("" hides that line).
        Nothing to say (the owner's own record) hides the banner."""
        # Each sentence ends with the name: "…, S.Pd." keeps one full stop, not two.
        owner = (owner or self.tr("guru BK lain")).removesuffix(".")
        if sight is Sight.EXISTS_ONLY:
            sentence = self.tr(
                "Ada kasus — ditangani {owner}. Kasus sangat rahasia; detailnya hanya untuk "
                "guru BK yang menanganinya."
            ).format(owner=owner)
        elif revealed:
            sentence = self.tr(
                "{what} ditangani {owner}. Catatannya ditampilkan hanya untuk dibaca; "
                "pembukaan ini sudah dicatat di log audit."
            ).format(what=what, owner=owner)
        elif sight is Sight.NOTES_WITHHELD:
            sentence = self.tr("{what} ditangani {owner}. Catatannya tidak ditampilkan.").format(
                what=what, owner=owner
            )
        else:
            sentence = ""
        withheld = sight is Sight.NOTES_WITHHELD and not revealed
        self.text.setText(sentence)
        self.button.setVisible(withheld)
        self.audited.setVisible(withheld)
        self.read_only.setText(read_only)
        self.read_only.setVisible(bool(read_only))
        self.setVisible(bool(sentence or read_only))


def keeps_opening(
    opened: int | None,
    kept: CaseRecord | SessionRecord | None,
    fresh: CaseRecord | SessionRecord,
) -> bool:
    """Whether a re-read ``fresh`` record should go on showing the ``kept`` one the guru opened
    with "Tampilkan catatan" (id ``opened``): it is the same record, still withheld from the
    same owner, so showing it again needs no second audited opening. Anything else (another
    record, a case handed on, one's own now) forgets the opening."""
    return (
        opened is not None
        and kept is not None
        and fresh.id == opened == kept.id
        and fresh.sight is Sight.NOTES_WITHHELD
        and kept.sight is Sight.FULL
        and _owner(kept) == _owner(fresh)
    )


def _owner(record: CaseRecord | SessionRecord) -> str:
    return record.counsellor_id if isinstance(record, CaseRecord) else record.owner_id
