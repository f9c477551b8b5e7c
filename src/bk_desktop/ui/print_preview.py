"""The preview every document opens in ("Cetak…"): all pages, zoom, pages, print or save.

The PDF the service built stays in memory: the pages are rendered by ``ui/pdf_pages.py`` only
as they come into view, at the zoom shown; "Cetak…" prints from the same memory
(``ui/printing.py``) and "Simpan PDF…" hands the choice of place and password to
``ui/save_pdf_dialog.py``, whose ``save`` is the service's. Each print is reported to
``on_printed`` (copies and pages) so the service records it.

The dialog holds records, so locking closes it like any other window (``ui/lock.py`` rejects
every dialog), and closing, however it happens, lets go of the PDF's bytes, PDFium's copy and
every rendered image.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.errors import KnownError
from bk_desktop.ui.kit import palette
from bk_desktop.ui.kit.forms import action_button, named
from bk_desktop.ui.kit.labels import heading_label, set_status, status_label
from bk_desktop.ui.pdf_pages import POINTS_PER_INCH, PdfPages
from bk_desktop.ui.printing import Printed, ask_printer, new_printer, print_pages
from bk_desktop.ui.prompter import DialogPrompter, Prompter
from bk_desktop.ui.save_pdf_dialog import SaveDocument, SavePdfDialog
from bk_desktop.ui.style import fit_to_screen, set_role

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
"""The zoom levels the buttons, Ctrl+wheel and Ctrl++/Ctrl+- step through (1.0: true size)."""

PAGE_GAP = 16
PAGE_BORDER = QColor(palette.DARK)
BACKDROP = palette.SHADOW  # pages stand out on a dark desk, as in every PDF viewer


class _PageView(QWidget):
    """One page, as big as it is at the zoom; its pixels are asked for only when painted."""

    def __init__(self, preview: PreviewDialog, index: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(f"previewPage{index + 1}")
        self._preview = preview
        self.index = index

    def paintEvent(self, event: QPaintEvent) -> None:
        image = self._preview.page_image(self.index)
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if image is not None:
            painter.drawImage(self.rect(), image)
        painter.setPen(PAGE_BORDER)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()


class PreviewDialog(QDialog):
    """A printed document before it is printed or saved.

    ``title`` names the document (the window's title), ``file_name`` is the default name
    "Simpan PDF…" offers (kind, initials, date; never a full name), ``spool_dir`` the private
    folder a print job may spool in, ``on_printed(copies, pages)`` is told of every print
    ("semua" or "1-2, 4"), and ``save(path, password)`` writes the file (``SaveDocument``).
    """

    def __init__(
        self,
        pdf: bytes,
        *,
        title: str,
        file_name: str,
        spool_dir: Path,
        on_printed: Callable[[int, str], None],
        save: SaveDocument,
        prompter: Prompter | None = None,
        open_folder: Callable[[Path], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("previewDialog")
        self.setWindowTitle(self.tr("Pratinjau — {title}").format(title=title))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pages: PdfPages | None = PdfPages(pdf)  # holds the only reference to the bytes
        self._file_name = file_name
        self._spool_dir = spool_dir
        self._on_printed = on_printed
        self._save = save
        self._prompter = prompter or DialogPrompter()
        self._open_folder = open_folder
        self._images: dict[int, QImage] = {}
        self.zoom = 1.0
        self.fit_width = True
        self.save_dialog: SavePdfDialog | None = None

        heading = heading_label(title, self)
        heading.setObjectName("previewTitle")
        # A long title (student, class, pertemuan) takes the room it needs rather than being
        # cut off by the page and zoom controls beside it.
        heading.setWordWrap(True)
        heading.setMinimumWidth(heading.fontMetrics().averageCharWidth() * 24)
        self.page_spin = named(QSpinBox(self), "previewPageSpin", self.tr("Halaman"))
        self.page_spin.setRange(1, max(1, self.page_count))
        self.page_spin.valueChanged.connect(self._spin_moved)
        page_caption = QLabel(self.tr("Halaman"), self)
        page_caption.setBuddy(self.page_spin)
        self.page_total = QLabel(self.tr("dari {count}").format(count=self.page_count), self)
        self.page_total.setObjectName("previewPageTotal")
        zoom_out = self._tool_button("−", "previewZoomOut", self.tr("Perkecil (Ctrl+-)"))
        zoom_out.clicked.connect(self.zoom_out)
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("previewZoom")
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("400%") + 12)
        zoom_in = self._tool_button("+", "previewZoomIn", self.tr("Perbesar (Ctrl++)"))
        zoom_in.clicked.connect(self.zoom_in)
        fit = action_button(self.tr("Pas lebar"), "previewFitWidth")
        fit.setToolTip(self.tr("Lebar halaman mengikuti lebar jendela"))
        fit.clicked.connect(self.fit_to_width)
        toolbar = QHBoxLayout()
        toolbar.setSpacing(8)
        toolbar.addWidget(heading, 1)
        toolbar.addWidget(page_caption)
        toolbar.addWidget(self.page_spin)
        toolbar.addWidget(self.page_total)
        toolbar.addSpacing(16)
        toolbar.addWidget(zoom_out)
        toolbar.addWidget(self.zoom_label)
        toolbar.addWidget(zoom_in)
        toolbar.addWidget(fit)

        self.page_area = QScrollArea(self)
        self.page_area.setObjectName("previewPages")
        self.page_area.setAccessibleName(self.tr("Halaman dokumen"))
        self.page_area.setWidgetResizable(False)
        self.page_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_area.setFrameShape(QFrame.Shape.NoFrame)
        self.page_area.setStyleSheet(f"QScrollArea#previewPages {{ background: {BACKDROP}; }}")
        self.page_area.viewport().setStyleSheet(f"background: {BACKDROP};")
        self.sheet = QWidget()
        self.sheet.setObjectName("previewSheet")
        self.page_views = [_PageView(self, index, self.sheet) for index in range(self.page_count)]
        self.page_area.setWidget(self.sheet)
        self.page_area.viewport().installEventFilter(self)
        self.page_area.verticalScrollBar().valueChanged.connect(self._scrolled)

        self.status = status_label("previewStatus", self)
        self.save_button = action_button(self.tr("Simpan PDF…"), "previewSaveButton")
        self.save_button.clicked.connect(self.open_save_dialog)
        self.print_button = action_button(self.tr("Cetak…"), "previewPrintButton")
        set_role(self.print_button, "primary")
        self.print_button.clicked.connect(self.ask_and_print)
        close = named(QPushButton(self.tr("Tutup")), "previewCloseButton", self.tr("Tutup"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(toolbar)
        layout.addWidget(self.page_area, 1)
        layout.addLayout(buttons)

        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence("Ctrl+="), self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence(Qt.Key.Key_PageDown), self.next_page),
            (QKeySequence(Qt.Key.Key_PageUp), self.previous_page),
            (QKeySequence.StandardKey.Print, self.ask_and_print),
        ):
            QShortcut(keys, self, slot)

        self.setMinimumSize(640, 420)
        fit_to_screen(self, 960, 1000)
        self._lay_out_pages()

    def _tool_button(self, text: str, name: str, tip: str) -> QToolButton:
        button = named(QToolButton(self), name, tip)
        button.setText(text)
        button.setToolTip(tip)
        button.setMinimumWidth(32)
        return button

    # -- pages and zoom ----------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.pages.page_count if self.pages is not None else 0

    @property
    def current_page(self) -> int:
        """The page shown at the top of the view, from 1."""
        return self.page_spin.value()

    def _pixels_per_point(self) -> float:
        return self.logicalDpiX() / POINTS_PER_INCH * self.zoom

    def _lay_out_pages(self) -> None:
        if self.pages is None:
            return
        if self.fit_width:
            self.zoom = self._width_zoom()
        scale = self._pixels_per_point()
        y = PAGE_GAP
        widest = 0
        for view in self.page_views:
            size = self.pages.page_size(view.index)
            width, height = round(size.width() * scale), round(size.height() * scale)
            view.setGeometry(0, y, width, height)
            widest = max(widest, width)
            y += height + PAGE_GAP
        for view in self.page_views:
            view.move((widest + 2 * PAGE_GAP - view.width()) // 2, view.y())
        self.sheet.resize(widest + 2 * PAGE_GAP, y)
        self._images.clear()
        self.zoom_label.setText(f"{round(self.zoom * 100)}%")
        self.sheet.update()

    def _width_zoom(self) -> float:
        """The zoom at which the widest page fills the view's width."""
        if self.pages is None or not self.page_count:
            return 1.0
        widest = max(self.pages.page_size(i).width() for i in range(self.page_count))
        bar = self.page_area.verticalScrollBar().sizeHint().width()
        room = max(100, self.page_area.viewport().width() - 2 * PAGE_GAP - bar)
        zoom = room / (widest * self.logicalDpiX() / POINTS_PER_INCH)
        return min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])

    def page_image(self, index: int) -> QImage | None:
        """Page ``index`` at the zoom shown, rendered the first time it is painted."""
        if self.pages is None:
            return None
        image = self._images.get(index)
        if image is None:
            ratio = self.devicePixelRatioF()
            image = self.pages.render(index, self._pixels_per_point() * ratio)
            image.setDevicePixelRatio(ratio)
            self._images[index] = image
        return image

    def set_zoom(self, zoom: float) -> None:
        """Zoom to ``zoom`` (1.0: true size), keeping the page at the top in view."""
        page = self.current_page
        self.fit_width = False
        self.zoom = min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        self._lay_out_pages()
        self.go_to_page(page)

    @Slot()
    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self.zoom + 0.001), ZOOM_STEPS[-1]))

    @Slot()
    def zoom_out(self) -> None:
        smaller = [z for z in ZOOM_STEPS if z < self.zoom - 0.001]
        self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    @Slot()
    def fit_to_width(self) -> None:
        page = self.current_page
        self.fit_width = True
        self._lay_out_pages()
        self.go_to_page(page)

    def go_to_page(self, number: int) -> None:
        """Scroll so that page ``number`` (from 1) starts at the top of the view."""
        if not self.page_views:
            return
        number = min(max(number, 1), len(self.page_views))
        self.page_area.verticalScrollBar().setValue(self.page_views[number - 1].y() - PAGE_GAP // 2)
        self._set_spin(number)

    @Slot()
    def next_page(self) -> None:
        self.go_to_page(self.current_page + 1)

    @Slot()
    def previous_page(self) -> None:
        self.go_to_page(self.current_page - 1)

    @Slot(int)
    def _spin_moved(self, number: int) -> None:
        self.go_to_page(number)

    def _set_spin(self, number: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(number)
        self.page_spin.blockSignals(False)

    @Slot(int)
    def _scrolled(self, value: int) -> None:
        """The page counter follows scrolling: the page covering the view's upper third."""
        line = value + self.page_area.viewport().height() // 3
        shown = 1
        for view in self.page_views:
            if view.y() <= line:
                shown = view.index + 1
        if value >= self.page_area.verticalScrollBar().maximum() > 0:
            shown = len(self.page_views)  # the last page may be too short to reach the line
        self._set_spin(shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.page_area.viewport()
            and event.type() == QEvent.Type.Resize
            and self.fit_width
            and self.pages is not None
        ):
            # "Pas lebar" follows the window: the view's width is known only once laid out.
            page = self.current_page
            self._lay_out_pages()
            self.go_to_page(page)
        if (
            watched is self.page_area.viewport()
            and isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            turn = event.angleDelta().y()
            if turn > 0:
                self.zoom_in()
            elif turn < 0:
                self.zoom_out()
            return True
        return super().eventFilter(watched, event)

    # -- printing and saving -------------------------------------------------------------

    @Slot()
    def ask_and_print(self) -> None:
        """Qt's print dialog, then the job."""
        if self.pages is None:
            return
        printer = new_printer(self.pages)
        try:
            chosen = ask_printer(self, printer, self.page_count)
        except KnownError as error:  # no printer installed
            set_status(self.status, error.message, ok=False)
            return
        if not chosen or self.pages is None:
            return  # cancelled, or the program locked while the print dialog was open
        self.print_with(printer)

    def print_with(self, printer: QPrinter) -> Printed | None:
        """Print on ``printer`` as it is set up (pages, copies); what was printed, or None
        when it failed (said in the status line)."""
        if self.pages is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed = print_pages(
                self.pages, printer, spool_dir=self._spool_dir, current_page=self.current_page - 1
            )
        except KnownError as error:
            set_status(self.status, error.message, ok=False)
            return None
        finally:
            QApplication.restoreOverrideCursor()
        try:
            self._on_printed(printed.copies, printed.pages)
        except KnownError as error:  # the job went out; only its audit event did not
            set_status(
                self.status,
                self.tr(
                    "Dokumen dikirim ke pencetak, tetapi tidak tercatat di log audit: {why}"
                ).format(why=error.message),
                ok=False,
            )
            return printed
        set_status(
            self.status,
            self.tr("Dikirim ke pencetak: {copies} salinan, halaman {pages}.").format(
                copies=printed.copies, pages=printed.pages
            ),
        )
        return printed

    @Slot()
    def open_save_dialog(self) -> SavePdfDialog:
        """ "Simpan PDF…" over the preview, window-modal and without blocking."""
        dialog = SavePdfDialog(
            self._file_name,
            self._save,
            prompter=self._prompter,
            open_folder=self._open_folder,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._save_dialog_closed)
        self.save_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def _save_dialog_closed(self) -> None:
        saved = self.save_dialog.saved_path if self.save_dialog is not None else None
        self.save_dialog = None
        if saved is not None:
            set_status(self.status, self.tr("Tersimpan di {path}").format(path=saved))

    # -- closing -----------------------------------------------------------------------

    def done(self, result: int) -> None:
        """However the dialog closes (Tutup, Escape, the lock), the document goes with it."""
        self.release()
        super().done(result)

    def release(self) -> None:
        """Let go of the PDF, PDFium's copy and every rendered page."""
        if self.save_dialog is not None:
            self.save_dialog.reject()
        self._images.clear()
        if self.pages is not None:
            self.pages.close()
            self.pages = None
        # The service's callbacks hold the document (its bytes) too: let go of them as well.
        self._on_printed = _printed_nowhere
        self._save = _saved_nowhere
        for view in self.page_views:
            view.deleteLater()
        self.page_views = []


def _printed_nowhere(copies: int, pages: str) -> None:
    """What a closed preview reports a print to: nothing is printed from it any more."""
    del copies, pages


def _saved_nowhere(path: Path, password: str | None) -> Path:
    del password
    raise KnownError(f"Pratinjau sudah ditutup; {path.name} tidak disimpan. Buka lagi dokumennya.")
