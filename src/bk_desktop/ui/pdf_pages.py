"""A PDF held in memory, read page by page into ``QImage``s for the preview and the printer.

Documents with records never touch the disk on their way to the screen or to paper (issue 15,
``docs/printing.md``): the bytes the service built are handed to PDFium (``pypdfium2``, whose
wheel carries the library) straight from memory, and each page comes back as pixels. PDFium
is not thread-safe, so everything here runs in the GUI thread; a page of a school document
renders in a few milliseconds, and the preview renders only the pages in view.
"""

from __future__ import annotations

import pypdfium2
import pypdfium2.raw as pdfium_c

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage

POINTS_PER_INCH = 72.0


class PdfPages:
    """The pages of one PDF: how many, how big (in points), and each one as an image.

    ``close`` lets go of PDFium's copy and of the bytes; afterwards nothing here holds the
    document, which is what locking the program asks of every window holding records.
    """

    def __init__(self, data: bytes) -> None:
        self._document: pypdfium2.PdfDocument | None = pypdfium2.PdfDocument(data)
        self._sizes = [
            QSizeF(*self._document.get_page_size(index)) for index in range(len(self._document))
        ]

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    @property
    def is_open(self) -> bool:
        return self._document is not None

    def page_size(self, index: int) -> QSizeF:
        """The page's width and height in points (1/72 inch), as the PDF states them."""
        return QSizeF(self._sizes[index])

    def render(self, index: int, scale: float) -> QImage:
        """Page ``index`` (from 0) at ``scale`` pixels per point, on white, as an RGB image.

        The image owns its pixels: nothing of PDFium's buffer outlives this call.
        """
        if self._document is None:
            raise RuntimeError("the document was closed")
        page = self._document[index]
        try:
            bitmap = page.render(
                scale=scale,
                force_bitmap_format=pdfium_c.FPDFBitmap_BGRx,
                draw_annots=True,
            )
            try:
                # BGRx bytes are exactly QImage's RGB32 (0xffRRGGBB, little-endian) layout.
                pixels = bytes(bitmap.buffer)
                image = QImage(
                    pixels, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32
                ).copy()
            finally:
                bitmap.close()
        finally:
            page.close()
        return image

    def render_at_dpi(self, index: int, dpi: float) -> QImage:
        """Page ``index`` at ``dpi`` dots per inch; the image carries that resolution."""
        image = self.render(index, dpi / POINTS_PER_INCH)
        dots_per_metre = round(dpi / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        return image

    def close(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None
