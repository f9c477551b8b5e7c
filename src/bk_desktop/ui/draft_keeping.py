"""What a tab does for the lock: hand over its open forms' unsaved input, and take it back.

Before the window locks (Ctrl+L, the idle timer), closes or the computer logs off, every form
that creates or changes a record is turned into a ``FormDraft`` (``kit/drafts.py`` reads the
inputs), written into the vault by ``DraftService``, and only then are dialogs closed and the
key dropped. After unlocking, the window hands each kept draft of the signed-in account to the
tab whose row keeps that form (``TabSpec.keeps``), which opens the form on the same record and
puts the input back. A tab also names work that cannot be kept (the import wizard), so the
window can say after unlocking that it was cancelled.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.ui.kit.drafts import FormState


@runtime_checkable
class KeepsDrafts(Protocol):
    def open_drafts(self) -> list[FormDraft]:
        """The unsaved input of this tab's open forms (none when nothing was typed)."""
        ...

    def reopen_draft(self, draft: FormDraft) -> bool:
        """Open the form ``draft`` belongs to with its input; False when it cannot be
        (its record is gone, or a form of this tab already holds other input)."""
        ...

    def lost_on_lock(self) -> list[str]:
        """Sentences about open work that cannot be kept as a draft and is cancelled."""
        ...


def draft_of(form: DraftForm, target: object, state: FormState) -> list[FormDraft]:
    """``state``'s unsaved input as the draft of ``form`` about ``target`` (a record's id, or
    None for a new record); an empty list when nothing differs from the clean point."""
    content = state.draft()
    if not content:
        return []
    return [FormDraft(form, "" if target is None else str(target), dict(content))]


def target_id(draft: FormDraft) -> int | None:
    """The record id a draft is about, or None (a new record, or not a number)."""
    try:
        return int(draft.target) if draft.target else None
    except ValueError:
        return None
