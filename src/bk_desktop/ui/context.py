"""What every tab is handed: the signed-in workspace, the services built on it, the prompter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bk_desktop.services.accounts import AccountService
from bk_desktop.services.backup import BackupService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.prompter import Prompter


@dataclass
class UiContext:
    workspace: Workspace
    kdf: KdfChooser
    prompter: Prompter
    # Called after a restore hands back a workspace on the restored vault.
    replace_workspace: Callable[[Workspace], None] = field(default=lambda _s: None)

    @property
    def accounts(self) -> AccountService:
        return AccountService(self.workspace, self.kdf)

    @property
    def settings(self) -> SettingsService:
        return SettingsService(self.workspace)

    @property
    def backups(self) -> BackupService:
        return BackupService(self.workspace)
