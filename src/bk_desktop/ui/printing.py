"""Printing a PDF held in memory: Qt's print dialog, the pages and copies asked for, no file.

Each page is rendered by PDFium (``ui/pdf_pages.py``) at the printer's resolution, at most
``MAX_DPI`` (a school document is text and lines; more dots only make the job slower to send),
and drawn to fit the printable area, at its true size when it fits. Copies are left to the
printer's driver when it makes them (CUPS and Windows drivers do); otherwise, as for a PDF
printer, the pages are repeated, collated or not as asked.

**No file of the program's own.** Qt's CUPS engine (Linux) first writes the job into a
temporary file made by libcups' ``cupsTempFd``, which reads ``TMPDIR`` at that moment (and
falls back to ``/tmp`` when that folder cannot be written), and hands it to CUPS.
``private_spool`` points ``TMPDIR`` at a private folder under the data folder (0700) for exactly
the length of the job, refuses to print when that folder cannot be written (the job would land
in the shared ``/tmp`` instead), and empties it afterwards, whether the job went through or not.
What the system's spooler keeps is the system's (``docs/printing.md``).

``print_pages`` needs no dialog, so tests print to a file-backed ``QPrinter``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QWidget

from bk_desktop.domain.errors import KnownError
from bk_desktop.files.atomic import OWNER_ONLY_DIR, ensure_private_dir
from bk_desktop.ui.pdf_pages import POINTS_PER_INCH, PdfPages

MAX_DPI = 300
ALL_PAGES = "semua"

_Option = QAbstractPrintDialog.PrintDialogOption


def _tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


@dataclass(frozen=True)
class Printed:
    """What went to the printer, as the audit event records it: the copies asked for and the
    pages ("semua", or "2" or "1-2, 4", numbered from 1)."""

    copies: int
    pages: str


def new_printer(pages: PdfPages) -> QPrinter:
    """A printer set up for the document: A4 unless the PDF says otherwise, turned to the
    first page's orientation, every page chosen."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    first = pages.page_size(0) if pages.page_count else None
    size = QPageSize(QPageSize.PageSizeId.A4)
    if first is not None:
        found = QPageSize(first, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
        if found.isValid() and found.id() != QPageSize.PageSizeId.Custom:
            size = found
    printer.setPageSize(size)
    landscape = first is not None and first.width() > first.height()
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    printer.setDocName(_tr("Dokumen BK"))
    return printer


def ask_printer(parent: QWidget | None, printer: QPrinter, page_count: int) -> bool:
    """Qt's print dialog for ``printer``; whether the person chose "Cetak".

    "Print to file" is left out: a PDF leaves the program only through "Simpan PDF…", which
    offers a password and says where the file went. The dialog's texts are Indonesian through
    the translator of ``ui/i18n.py``. With no printer installed at all there is nothing to
    choose, so that is said (``KnownError``) before an empty dialog is shown.
    """
    if not QPrinterInfo.availablePrinterNames():
        raise KnownError(
            _tr(
                "Belum ada pencetak yang terpasang di komputer ini. Pasang pencetaknya dulu "
                "(Pengaturan Windows → Printer & scanner), atau simpan dokumen sebagai PDF."
            )
        )
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    dialog.setWindowTitle(_tr("Cetak"))
    dialog.setMinMax(1, max(1, page_count))
    dialog.setOption(_Option.PrintToFile, False)
    dialog.setOption(_Option.PrintSelection, False)
    dialog.setOption(_Option.PrintPageRange, True)
    dialog.setOption(_Option.PrintCurrentPage, True)
    dialog.setOption(_Option.PrintCollateCopies, True)
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def chosen_pages(printer: QPrinter, page_count: int, current_page: int = 0) -> list[int]:
    """The pages to print, as indices from 0 in document order (each once)."""
    every = list(range(page_count))
    match printer.printRange():
        case QPrinter.PrintRange.CurrentPage:
            return [min(max(current_page, 0), page_count - 1)] if page_count else []
        case QPrinter.PrintRange.PageRange:
            spans = [(span.from_, span.to) for span in printer.pageRanges().toRangeList()]
            if not spans and printer.fromPage() > 0:
                spans = [(printer.fromPage(), printer.toPage() or printer.fromPage())]
            wanted = {
                page - 1
                for first, last in spans
                for page in range(first, last + 1)
                if 1 <= page <= page_count
            }
            return sorted(wanted)
        case _:
            return every


def pages_text(pages: list[int], page_count: int) -> str:
    """``pages`` (from 0) as a person writes them: "semua", "2", "1-2, 4"."""
    if pages == list(range(page_count)):
        return ALL_PAGES
    spans: list[list[int]] = []
    for page in sorted(pages):
        if spans and page == spans[-1][1] + 1:
            spans[-1][1] = page
        else:
            spans.append([page, page])
    return ", ".join(
        f"{start + 1}" if start == end else f"{start + 1}-{end + 1}" for start, end in spans
    )


@contextlib.contextmanager
def private_spool(spool_dir: Path) -> Iterator[None]:
    """Point the temporary folder of a print job at ``spool_dir`` (owner-only) and empty it
    when the block ends, however it ends.

    Only on Linux and other Unix systems, where Qt's CUPS engine spools through a temporary
    file; on Windows the job goes to the system's spooler without a file of the program's.
    """
    if sys.platform == "win32":
        yield
        return
    try:
        ensure_private_dir(spool_dir)
    except OSError as error:
        raise KnownError(_spool_refused(spool_dir)) from error
    with contextlib.suppress(OSError):  # a FAT disk has no modes; its folder is still ours
        spool_dir.chmod(OWNER_ONLY_DIR)  # the program's own folder: always private
    if not os.access(spool_dir, os.W_OK):
        raise KnownError(_spool_refused(spool_dir))
    before = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(spool_dir)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = before
        empty_folder(spool_dir)


def empty_folder(folder: Path) -> None:
    """Remove everything inside ``folder`` (not the folder itself); what cannot be removed
    is left to the next job's try."""
    try:
        children = list(folder.iterdir())
    except OSError:
        return  # the folder went away with its disk; nothing is left in it to remove
    for child in children:
        with contextlib.suppress(OSError):
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()


def _spool_refused(folder: Path) -> str:
    return _tr(
        "Folder cetak {folder} tidak dapat ditulisi, sehingga dokumen tidak dicetak (tanpa "
        "folder itu, pencetak akan menyimpan halamannya di folder sementara bersama). Periksa "
        "izin folder data BK, lalu coba lagi."
    ).format(folder=folder)


def _sheets(pages: list[int], copies: int, collate: bool) -> list[int]:
    """The pages in the order they leave the printer when copies are made here."""
    if collate:
        return [page for _ in range(copies) for page in pages]
    return [page for page in pages for _ in range(copies)]


def print_pages(
    document: PdfPages, printer: QPrinter, *, spool_dir: Path, current_page: int = 0
) -> Printed:
    """Print what ``printer`` was set to (pages, copies) and say what was printed.

    Raises ``KnownError`` when the printer cannot take the job or no page was chosen.
    """
    pages = chosen_pages(printer, document.page_count, current_page)
    if not pages:
        raise KnownError(
            _tr(
                "Tidak ada halaman yang dicetak: halaman yang dipilih tidak ada di dokumen ini. "
                "Pilih halaman 1 sampai {count}."
            ).format(count=document.page_count)
        )
    copies = max(1, printer.copyCount())
    sheets = (
        pages
        if printer.supportsMultipleCopies()
        else _sheets(pages, copies, printer.collateCopies())
    )
    with private_spool(spool_dir):
        painter = QPainter()
        if not painter.begin(printer):
            raise KnownError(
                _tr(
                    "Pencetak tidak dapat dipakai. Periksa bahwa pencetak menyala dan "
                    "tersambung, lalu coba cetak lagi."
                )
            )
        finished = False
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            for number, page in enumerate(sheets):
                if number and not printer.newPage():
                    raise KnownError(_tr("Pencetak berhenti menerima halaman. Coba cetak lagi."))
                _draw_page(painter, printer, document, page)
            finished = True
        finally:
            if not finished:
                printer.abort()
            ended = painter.end()
        if not ended or printer.printerState() == QPrinter.PrinterState.Error:
            raise KnownError(
                _tr("Pencetakan gagal. Periksa pencetak dan antrean cetaknya, lalu coba lagi.")
            )
    return Printed(copies=copies, pages=pages_text(pages, document.page_count))


def _draw_page(painter: QPainter, printer: QPrinter, document: PdfPages, index: int) -> None:
    """Page ``index`` centred in the printable area: true size when it fits, smaller if not."""
    resolution = printer.resolution()
    area = printer.pageLayout().paintRectPixels(resolution)
    size = document.page_size(index)
    width = size.width() / POINTS_PER_INCH * resolution
    height = size.height() / POINTS_PER_INCH * resolution
    fit = min(1.0, area.width() / width, area.height() / height)
    dpi = min(float(MAX_DPI), resolution * fit)
    image = document.render_at_dpi(index, dpi)
    target = QRectF(
        (area.width() - width * fit) / 2,
        (area.height() - height * fit) / 2,
        width * fit,
        height * fit,
    )
    painter.drawImage(target, image)
