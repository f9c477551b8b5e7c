"""From a button to a preview: build a document with ``DocumentService`` and show it.

The one way the window reaches paper: the service renders the PDF in memory (refusing what
the signed-in account may not see), the preview shows it, and its "Cetak…" and "Simpan PDF…"
come back to the service, which writes the audit event (and, for a save, the file).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from bk_desktop.domain.errors import KnownError
from bk_desktop.services.documents import Document, DocumentService
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.print_preview import PreviewDialog

__all__ = ["show_document"]


def show_document(
    context: UiContext,
    parent: QWidget,
    slot: DialogSlot,
    build: Callable[[DocumentService], Document],
    *,
    what: str,
) -> PreviewDialog | None:
    """Build the document and open its preview in ``slot``; a refusal is said in words.

    ``what`` names the action for the message box ("Cetak ringkasan sesi"). Returns the open
    preview (tests drive it), or ``None`` when the service refused.
    """
    service = DocumentService(context.workspace)
    try:
        document = build(service)
        spool = service.spool_folder()
    except KnownError as error:
        context.prompter.error(parent, what, error.message)
        return None

    def printed(copies: int, pages: str) -> None:
        service.record_printed(document, copies=copies, pages=pages)

    def save(path: Path, password: str | None) -> Path:
        return service.save(document, path, password)

    dialog = PreviewDialog(
        document.pdf,
        title=document.title,
        file_name=document.file_name,
        spool_dir=spool,
        on_printed=printed,
        save=save,
        prompter=context.prompter,
        parent=parent,
    )
    slot.open(dialog, lambda: None)
    return dialog
