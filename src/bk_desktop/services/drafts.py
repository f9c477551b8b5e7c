"""Drafts of unsaved forms, kept inside the vault for the signed-in account.

Public API (the main window codes against this)::

    DraftService(workspace)
        keep(drafts: Sequence[FormDraft]) -> None    # one transaction, one audit event
        kept() -> list[KeptDraft]                   # this account's drafts, oldest first
        stale() -> list[KeptDraft]                  # this account's drafts older than 30 days
        reopened(draft_id: int) -> None             # a form holds it again: remove it
        discard(draft_id: int) -> None              # thrown away on purpose: remove it

A draft is record content, so it is written nowhere but the vault (never a settings file or a
temporary file) and is audited by kind and form name only, never by what it says. Only the
account that typed a draft can read or remove it: every query names the signed-in account.
Writing a draft for the same form and record again replaces the earlier one.
"""

from __future__ import annotations

from collections.abc import Sequence

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.drafts import STALE_AFTER, FormDraft, KeptDraft
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import drafts_repo


class DraftService:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    @property
    def _account_id(self) -> str:
        return self.workspace.account.id

    def keep(self, drafts: Sequence[FormDraft]) -> None:
        """Write every draft in one transaction (all or none); nothing to write is no write."""
        if not drafts:
            return
        db = self.workspace.db
        now = self.workspace.now()
        with db.transaction():
            for draft in drafts:
                drafts_repo.save(db, self._account_id, draft, now)
            self.workspace.audit(
                AuditKind.DRAFTS_KEPT,
                target_kind="draft",
                detail=",".join(sorted({d.form.value for d in drafts})),
            )

    def kept(self) -> list[KeptDraft]:
        return drafts_repo.for_account(self.workspace.db, self._account_id)

    def stale(self) -> list[KeptDraft]:
        """Drafts saved more than 30 days ago: listed on Beranda to be finished or thrown away."""
        before = self.workspace.now() - STALE_AFTER
        return drafts_repo.for_account(self.workspace.db, self._account_id, saved_before=before)

    def reopened(self, draft_id: int) -> None:
        self._remove(draft_id, AuditKind.DRAFT_REOPENED)

    def discard(self, draft_id: int) -> None:
        self._remove(draft_id, AuditKind.DRAFT_DISCARDED)

    def _remove(self, draft_id: int, kind: AuditKind) -> None:
        db = self.workspace.db
        with db.transaction():
            if drafts_repo.delete(db, self._account_id, draft_id):
                self.workspace.audit(kind, target_kind="draft", target_id=str(draft_id))
