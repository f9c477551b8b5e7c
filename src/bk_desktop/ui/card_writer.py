"""Saving the Kartu Pemulihan (PDF) from the window: the setup wizard and Pengaturan → Keamanan.

``ui`` may not import ``reports``, so the writer itself (``reports.recovery_card``'s
``write_recovery_card``) is handed in by the composition root; ``save_recovery_card`` asks
where the card goes, makes the name end in ``.pdf`` and says so when it could not be written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QWidget

from bk_desktop.domain.errors import KnownError
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.prompter import Prompter

SUGGESTED_NAME = "Kartu Pemulihan bk-desktop.pdf"


class CardWriter(Protocol):
    """What writes the card: ``reports.recovery_card.write_recovery_card``."""

    def __call__(
        self,
        path: Path,
        *,
        recovery_key: str,
        school_name: str,
        vault_id: str,
        account_name: str,
        created_at: datetime,
        zone: ZoneInfo,
    ) -> None: ...


@dataclass(frozen=True)
class RecoveryCard:
    """What the card prints: the key, and the school, vault and account it belongs to."""

    recovery_key: str
    school_name: str
    vault_id: str
    account_name: str
    created_at: datetime
    zone: ZoneInfo

    @classmethod
    def of(cls, workspace: Workspace, recovery_key: str) -> RecoveryCard:
        """The card of ``recovery_key``, as of now, for the workspace's account."""
        settings = workspace.settings()
        return cls(
            recovery_key=recovery_key,
            school_name=settings.school_name,
            vault_id=workspace.vault.vault_id,
            account_name=workspace.account.name,
            created_at=workspace.now(),
            zone=settings.zone,
        )


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecoveryCard", text)


def save_recovery_card(
    parent: QWidget, prompter: Prompter, writer: CardWriter, card: RecoveryCard
) -> Path | None:
    """Ask where to save the card and write it there; the path written, or None when the
    person cancelled or the file could not be written (they were told why)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = Path(documents or Path.home()) / SUGGESTED_NAME
    path = prompter.save_file(
        parent, _tr("Simpan Kartu Pemulihan"), suggested, _tr("Dokumen PDF (*.pdf)")
    )
    if path is None:
        return None
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        writer(
            path,
            recovery_key=card.recovery_key,
            school_name=card.school_name,
            vault_id=card.vault_id,
            account_name=card.account_name,
            created_at=card.created_at,
            zone=card.zone,
        )
    except KnownError as error:
        prompter.error(parent, _tr("Kartu Pemulihan tidak tersimpan"), error.message)
        return None
    return path
