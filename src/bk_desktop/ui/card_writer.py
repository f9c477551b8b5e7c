"""The Kartu Pemulihan from the window: the setup wizard and Pengaturan → Keamanan.

The card is rendered in memory by ``DocumentService.recovery_card`` (on the school's kop) and
leaves it in one of two ways. **Cetak** sends it straight to a printer through Qt's print
dialog: no file is ever written, which is what the card's own advice asks for. **Simpan PDF**
asks where it goes: saving starts on a plugged-in flashdisk when there is one
(``CardPlaces.drives``), and a place on the vault's own disk is taken only after a question that
names the risk. Both are audited by the service (printed, or saved with where).

``services.documents`` loads reportlab, so it is imported when a card is made, not with the
window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from bk_desktop.domain.errors import KnownError
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.places import documents_folder
from bk_desktop.ui.prompter import Prompter
from bk_desktop.ui.removable_drives import RemovableDrives, SystemDrives, same_disk

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from bk_desktop.services.documents import Document, DocumentService


@dataclass(frozen=True)
class RecoveryCard:
    """The rendered card (PDF bytes in memory), the service that prints and saves it, and
    the vault's folder (a card saved on the same disk is asked about)."""

    document: Document
    service: DocumentService
    vault_folder: Path

    @classmethod
    def of(cls, workspace: Workspace, recovery_key: str) -> RecoveryCard:
        """The card of ``recovery_key``, as of now, for the workspace's account."""
        from bk_desktop.services.documents import DocumentService  # noqa: PLC0415

        service = DocumentService(workspace)
        return cls(service.recovery_card(recovery_key), service, workspace.vault.paths.folder)


@dataclass(frozen=True)
class CardKept:
    """Where the card went: the file saved (``None`` when it was printed) and the sentence
    that says so under the buttons."""

    path: Path | None
    status: str


PrinterChoice = Callable[[QWidget, "QPrinter", int], bool]
"""Set up a printer for a card of n pages (Qt's print dialog); False when cancelled."""


@dataclass(frozen=True)
class CardPlaces:
    """The system around the card: which flashdisks are plugged in (where saving starts) and
    how a printer is chosen (Qt's print dialog when ``None``). Tests hand in their own."""

    drives: RemovableDrives = field(default_factory=SystemDrives)
    choose_printer: PrinterChoice | None = None


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecoveryCard", text)


def _start_folder(places: CardPlaces) -> Path:
    drives = places.drives.mounted()
    return drives[0] if drives else documents_folder()


def save_recovery_card(
    parent: QWidget, prompter: Prompter, card: RecoveryCard, places: CardPlaces
) -> CardKept | None:
    """Ask where to save the card and write it there; where it went, or None when the
    person cancelled or the file could not be written (they were told why)."""
    path = prompter.save_file(
        parent,
        _tr("Simpan Kartu Pemulihan"),
        _start_folder(places) / card.document.file_name,
        _tr("Dokumen PDF (*.pdf)"),
    )
    if path is None:
        return None
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
        written = card.service.save(card.document, path)
    except KnownError as error:
        prompter.error(parent, _tr("Kartu Pemulihan tidak tersimpan"), error.message)
        return None
    return CardKept(
        written, _tr("Tersimpan di {path}. Setelah dicetak, hapus berkasnya.").format(path=written)
    )


def print_recovery_card(
    parent: QWidget, prompter: Prompter, card: RecoveryCard, places: CardPlaces
) -> CardKept | None:
    """Send the card to a printer from memory (Qt's print dialog); no file is written.
    None when the person cancelled or printing failed (they were told why)."""
    from bk_desktop.ui.pdf_pages import PdfPages  # noqa: PLC0415 - loads PDFium
    from bk_desktop.ui.printing import ask_printer, new_printer, print_pages  # noqa: PLC0415

    choose = places.choose_printer or ask_printer
    pages = PdfPages(card.document.pdf)
    try:
        printer = new_printer(pages)
        if not choose(parent, printer, pages.page_count):
            return None
        printed = print_pages(pages, printer, spool_dir=card.service.spool_folder())
    except KnownError as error:
        prompter.error(parent, _tr("Kartu Pemulihan tidak tercetak"), error.message)
        return None
    finally:
        pages.close()
    card.service.record_printed(card.document, copies=printed.copies, pages=printed.pages)
    return CardKept(
        None,
        _tr(
            "Kartu dikirim ke pencetak. Ambil kertasnya sekarang, sebelum orang lain "
            "melihatnya; tidak ada berkas yang tersimpan."
        ),
    )


class CardKeeper(Protocol):
    """``save_recovery_card`` or ``print_recovery_card``: the two ways a card leaves a dialog."""

    def __call__(
        self, parent: QWidget, prompter: Prompter, card: RecoveryCard, places: CardPlaces
    ) -> CardKept | None: ...
