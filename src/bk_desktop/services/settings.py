"""Reading and changing the school's settings."""

from __future__ import annotations

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.settings import Settings
from bk_desktop.services.session import Session
from bk_desktop.storage import settings_repo


class SettingsService:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self) -> Settings:
        return self.session.settings()

    def save(self, settings: Settings) -> list[str]:
        """Validate and store; returns the names of the settings that changed."""
        cleaned = settings.validated()
        db = self.session.db
        try:
            with db.transaction():
                changed = settings_repo.save_settings(db, cleaned)
                if changed:
                    self.session.audit(AuditKind.SETTINGS_CHANGED, detail=",".join(sorted(changed)))
        finally:
            self.session.forget_settings()
        return changed
