"""Saving the Kartu Pemulihan (PDF) from the window: the setup wizard and Pengaturan → Keamanan.

``ui`` may not import ``reports``, so the writer itself (``reports.recovery_card``'s
``write_recovery_card``) is handed in by the composition root; ``save_recovery_card`` asks
where the card goes, makes the name end in ``.pdf`` and says so when it could not be written.

The card's own advice is to keep it away from this computer, so saving starts on a plugged-in
flashdisk when there is one (``CardPlaces.drives``), and a place on the vault's own disk is
taken only after a question that names the risk. ``print_recovery_card`` is the way to paper:
the program cannot print a PDF from memory yet (Qt's PDF module is not part of the bundle), so
it says so, saves the card like "Simpan" does and opens it in the system's PDF viewer, whose
print dialog is the system's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from bk_desktop.domain.errors import KnownError
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.places import documents_folder
from bk_desktop.ui.prompter import Prompter
from bk_desktop.ui.removable_drives import RemovableDrives, SystemDrives, same_disk

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
    vault_folder: Path

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
            vault_folder=workspace.vault.paths.folder,
        )


def _open_with_system(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


@dataclass(frozen=True)
class CardPlaces:
    """The system around the card: which flashdisks are plugged in, and how a PDF is opened
    in the system's viewer. Tests hand in their own."""

    drives: RemovableDrives = field(default_factory=SystemDrives)
    open_document: Callable[[Path], bool] = _open_with_system


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecoveryCard", text)


def _start_folder(places: CardPlaces) -> Path:
    drives = places.drives.mounted()
    return drives[0] if drives else documents_folder()


def save_recovery_card(
    parent: QWidget,
    prompter: Prompter,
    writer: CardWriter,
    card: RecoveryCard,
    places: CardPlaces,
) -> Path | None:
    """Ask where to save the card and write it there; the path written, or None when the
    person cancelled or the file could not be written (they were told why)."""
    path = prompter.save_file(
        parent,
        _tr("Simpan Kartu Pemulihan"),
        _start_folder(places) / SUGGESTED_NAME,
        _tr("Dokumen PDF (*.pdf)"),
    )
    if path is None:
        return None
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    if same_disk(path.parent, card.vault_folder) and not prompter.confirm(
        parent,
        _tr("Simpan di disk data BK?"),
        _tr(
            "{folder} ada di disk yang sama dengan data BK. Siapa pun yang membawa komputer "
            "ini atau menyalin isinya akan mendapat catatan konseling beserta kunci untuk "
            "membukanya. Sebaiknya simpan di flashdisk, cetak, lalu hapus berkasnya.\n\n"
            "Tetap simpan di sini?"
        ).format(folder=path.parent),
    ):
        return None
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


def print_recovery_card(
    parent: QWidget,
    prompter: Prompter,
    writer: CardWriter,
    card: RecoveryCard,
    places: CardPlaces,
) -> Path | None:
    """Save the card (as ``save_recovery_card``) and open it in the system's PDF viewer to be
    printed there; the path written, or None. What happens is said before anything is done."""
    if not prompter.confirm(
        parent,
        _tr("Cetak Kartu Pemulihan"),
        _tr(
            "Program ini belum dapat mencetak langsung. Kartu akan disimpan dulu sebagai PDF "
            "(sebaiknya di flashdisk), lalu dibuka di penampil PDF komputer ini. Cetak dari "
            "sana (Ctrl+P), lalu hapus berkas PDF-nya.\n\nLanjutkan?"
        ),
    ):
        return None
    path = save_recovery_card(parent, prompter, writer, card, places)
    if path is not None and not places.open_document(path):
        prompter.error(
            parent,
            _tr("PDF tidak dapat dibuka"),
            _tr(
                "Kartu tersimpan di {path}, tetapi tidak ada program yang dapat membukanya. "
                "Buka berkas itu dengan penampil PDF untuk mencetaknya, lalu hapus berkasnya."
            ).format(path=path),
        )
    return path


class CardKeeper(Protocol):
    """``save_recovery_card`` or ``print_recovery_card``: the two ways a card leaves a dialog."""

    def __call__(
        self,
        parent: QWidget,
        prompter: Prompter,
        writer: CardWriter,
        card: RecoveryCard,
        places: CardPlaces,
    ) -> Path | None: ...
