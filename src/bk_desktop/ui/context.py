"""What every tab is handed: the signed-in session, the services built on it, the prompter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bk_desktop.services.accounts import AccountService
from bk_desktop.services.backup import BackupService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.session import Session
from bk_desktop.services.settings import SettingsService
from bk_desktop.ui.prompter import Prompter


@dataclass
class UiContext:
    session: Session
    kdf: KdfChooser
    prompter: Prompter
    # Called after a restore hands back a session on the restored vault.
    replace_session: Callable[[Session], None] = field(default=lambda _s: None)

    @property
    def accounts(self) -> AccountService:
        return AccountService(self.session, self.kdf)

    @property
    def settings(self) -> SettingsService:
        return SettingsService(self.session)

    @property
    def backups(self) -> BackupService:
        return BackupService(self.session)
