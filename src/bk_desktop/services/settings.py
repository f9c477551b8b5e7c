"""Reading and changing the school's settings."""

from __future__ import annotations

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.settings import Settings
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import settings_repo


class SettingsService:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def get(self) -> Settings:
        return self.workspace.settings()

    def save(self, settings: Settings) -> list[str]:
        """Validate and store; returns the names of the settings that changed."""
        cleaned = settings.validated()
        db = self.workspace.db
        with db.transaction():
            changed = settings_repo.save_settings(db, cleaned)
            if changed:
                # The audit's change notice also drops the workspace's cached settings.
                self.workspace.audit(AuditKind.SETTINGS_CHANGED, detail=",".join(sorted(changed)))
        return changed
