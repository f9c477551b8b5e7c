"""The preview of a printed document: pages, zoom, printing to a file-backed printer without
leaving anything behind, and "Simpan PDF…" with and without a password."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from PySide6.QtCore import QDir, QPoint, QPointF, Qt, QTemporaryFile
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from bk_desktop.domain.errors import KnownError
from bk_desktop.reports.pdf_password import protect_pdf
from bk_desktop.ui.pdf_pages import PdfPages
from bk_desktop.ui.print_preview import PreviewDialog
from bk_desktop.ui.printing import chosen_pages, pages_text, print_pages, private_spool
from bk_desktop.ui.save_pdf_dialog import SavePdfDialog

# One colour per page, so a printed page can be told apart by its pixels.
COLOURS = [(0.8, 0.1, 0.1), (0.1, 0.6, 0.2), (0.1, 0.2, 0.8)]
PASSWORD = "Kenanga-Bontang-12"


def three_pages() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for number, colour in enumerate(COLOURS, start=1):
        canvas.setFillColorRGB(*colour)
        canvas.rect(100, 100, A4[0] - 200, A4[1] - 200, fill=1, stroke=0)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.drawString(72, 40, f"Halaman {number} dari 3")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _centre_colour(pages: PdfPages, index: int) -> tuple[int, int, int]:
    image = pages.render(index, 0.2)
    colour = QColor(image.pixel(image.width() // 2, image.height() // 2))
    return colour.red(), colour.green(), colour.blue()


class Desk:
    """What the service behind the preview is told: prints and saves."""

    def __init__(self, pdf: bytes) -> None:
        self.pdf = pdf
        self.printed: list[tuple[int, str]] = []
        self.saved: list[tuple[Path, str | None]] = []
        self.refuse_with = ""

    def on_printed(self, copies: int, pages: str) -> None:
        self.printed.append((copies, pages))

    def save(self, path: Path, password: str | None) -> Path:
        if self.refuse_with:
            raise KnownError(self.refuse_with)
        self.saved.append((path, password))
        path.write_bytes(protect_pdf(self.pdf, password) if password else self.pdf)
        return path


@pytest.fixture
def desk() -> Desk:
    return Desk(three_pages())


@pytest.fixture
def preview(qtbot, desk: Desk, tmp_path: Path, prompter) -> PreviewDialog:
    dialog = PreviewDialog(
        desk.pdf,
        title="Ringkasan Sesi Konseling",
        file_name="Ringkasan Sesi - A.B. - 2026-03-02",
        spool_dir=tmp_path / "data" / "cetak",
        on_printed=desk.on_printed,
        save=desk.save,
        prompter=prompter,
        open_folder=lambda folder: True,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # read it after closing
    qtbot.addWidget(dialog)
    dialog.resize(900, 640)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_preview_shows_every_page_and_moves_between_them(qtbot, preview) -> None:
    assert preview.page_count == 3
    assert preview.page_total.text() == "dari 3"
    assert preview.page_spin.maximum() == 3
    assert [view.objectName() for view in preview.page_views] == [
        "previewPage1",
        "previewPage2",
        "previewPage3",
    ]

    preview.page_spin.setValue(2)
    bar = preview.page_area.verticalScrollBar()
    assert bar.value() == preview.page_views[1].y() - 8
    preview.page_area.setFocus()
    qtbot.keyClick(preview.page_area, Qt.Key.Key_PageDown)
    assert preview.current_page == 3
    qtbot.keyClick(preview.page_area, Qt.Key.Key_PageUp)
    qtbot.keyClick(preview.page_area, Qt.Key.Key_PageUp)
    assert preview.current_page == 1 and bar.value() == preview.page_views[0].y() - 8

    bar.setValue(preview.page_views[2].y())
    assert preview.page_spin.value() == 3  # the counter follows scrolling


def test_zoom_by_buttons_keys_and_ctrl_wheel_and_back_to_the_width(qtbot, preview) -> None:
    fitted = preview.zoom
    page = preview.page_views[0]
    assert preview.fit_width
    assert page.width() <= preview.page_area.viewport().width()

    preview.set_zoom(1.0)
    assert preview.zoom_label.text() == "100%" and not preview.fit_width
    width_at_100 = page.width()
    preview.findChild(QAbstractButton, "previewZoomIn").click()
    assert preview.zoom_label.text() == "110%" and page.width() > width_at_100

    qtbot.keyClick(preview, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(preview, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom_label.text() == "90%"
    qtbot.keyClick(preview, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom_label.text() == "100%"

    viewport = preview.page_area.viewport()
    centre = QPointF(viewport.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(viewport.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, wheel)
    assert preview.zoom_label.text() == "110%"

    preview.findChild(QAbstractButton, "previewFitWidth").click()
    assert preview.fit_width and preview.zoom == pytest.approx(fitted)


def test_pages_render_as_they_are_painted_at_the_zoom_shown(qtbot, preview) -> None:
    preview.set_zoom(0.5)
    image = preview.page_image(1)
    assert image is not None
    ratio = image.devicePixelRatio()
    assert abs(image.width() / ratio - preview.page_views[1].width()) <= 1
    centre = QColor(image.pixel(image.width() // 2, image.height() // 2))
    assert centre.green() > 120 and centre.red() < 60  # page 2 is the green one


def _file_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(150)
    return printer


def test_two_copies_of_page_two_print_and_nothing_else_is_left_behind(
    qtbot, preview, desk: Desk, tmp_path: Path, monkeypatch
) -> None:
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(system_tmp))
    out_folder = tmp_path / "printer"
    out_folder.mkdir()
    printer = _file_printer(out_folder / "job.pdf")
    printer.setCopyCount(2)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)

    printed = preview.print_with(printer)

    assert printed is not None and (printed.copies, printed.pages) == (2, "2")
    assert desk.printed == [(2, "2")]
    assert "2 salinan, halaman 2" in preview.status.text()
    reader = PdfReader(out_folder / "job.pdf")
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=1)
    on_paper = PdfPages((out_folder / "job.pdf").read_bytes())
    assert [_centre_colour(on_paper, i)[1] > 120 for i in range(2)] == [True, True]
    on_paper.close()
    spool = tmp_path / "data" / "cetak"
    assert list(spool.iterdir()) == []
    assert stat.S_IMODE(spool.stat().st_mode) == 0o700
    assert list(system_tmp.iterdir()) == []
    assert [p.name for p in out_folder.iterdir()] == ["job.pdf"]
    assert os.environ["TMPDIR"] == str(system_tmp)


def test_copies_without_collation_repeat_each_page(tmp_path: Path) -> None:
    pages = PdfPages(three_pages())
    printer = _file_printer(tmp_path / "job.pdf")
    printer.setCopyCount(2)
    printer.setCollateCopies(False)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setPageRanges(_ranges((1, 1), (3, 3)))

    printed = print_pages(pages, printer, spool_dir=tmp_path / "cetak")

    assert printed.pages == "1, 3"
    on_paper = PdfPages((tmp_path / "job.pdf").read_bytes())
    blues = [_centre_colour(on_paper, i)[2] > 120 for i in range(on_paper.page_count)]
    assert blues == [False, False, True, True]
    on_paper.close()
    pages.close()


def _ranges(*spans: tuple[int, int]):
    from PySide6.QtGui import QPageRanges

    ranges = QPageRanges()
    for first, last in spans:
        ranges.addRange(first, last)
    return ranges


def test_page_choices_read_the_way_a_person_writes_them() -> None:
    printer = QPrinter()
    assert chosen_pages(printer, 3) == [0, 1, 2]
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert chosen_pages(printer, 3, current_page=1) == [1]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setPageRanges(_ranges((2, 9)))
    assert chosen_pages(printer, 3) == [1, 2]
    assert pages_text([0, 1, 2], 3) == "semua"
    assert pages_text([0, 1, 3], 5) == "1-2, 4"
    assert pages_text([1], 3) == "2"


def test_a_print_job_spools_only_in_the_private_folder_and_it_is_emptied(
    tmp_path: Path, monkeypatch
) -> None:
    """Qt's CUPS engine writes its job file under QDir.tempPath(); during the job that is the
    private folder, and whatever the job left there goes, also when the job fails."""
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(system_tmp))
    spool = tmp_path / "data" / "cetak"

    with pytest.raises(KnownError), private_spool(spool):
        assert Path(QDir.tempPath()) == spool
        job = QTemporaryFile(QDir.tempPath() + "/qt_XXXXXX")
        job.setAutoRemove(False)
        assert job.open()
        job.write(b"%PDF-1.4 halaman yang dicetak")
        job.close()
        assert Path(job.fileName()).parent == spool
        raise KnownError("pencetak mati")

    assert list(spool.iterdir()) == []
    assert list(system_tmp.iterdir()) == []
    assert Path(QDir.tempPath()) == system_tmp


def test_no_chosen_page_is_said_and_nothing_printed(qtbot, preview, desk, tmp_path) -> None:
    printer = _file_printer(tmp_path / "job.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setPageRanges(_ranges((5, 6)))

    assert preview.print_with(printer) is None

    assert "Pilih halaman 1 sampai 3" in preview.status.text()
    assert desk.printed == []
    assert not (tmp_path / "job.pdf").exists()


def test_closing_the_preview_drops_the_document_and_its_images(qtbot, preview, desk) -> None:
    assert preview.page_image(0) is not None
    pages = preview.pages
    assert pages is not None

    preview.reject()  # what the lock does to every dialog (ui/lock.py)

    assert preview.pages is None and not pages.is_open
    assert preview.page_image(0) is None
    assert preview.page_views == []
    # The service's callbacks (which hold the document) are let go of too.
    assert preview._on_printed != desk.on_printed and preview._save != desk.save
    with pytest.raises(KnownError, match="Pratinjau sudah ditutup"):
        preview._save(Path("x.pdf"), None)


def test_the_lock_closes_the_preview_and_its_save_dialog(qtbot, preview) -> None:
    from bk_desktop.ui.lock import close_other_windows

    save = preview.open_save_dialog()
    qtbot.waitExposed(save)
    main = QWidget()  # the main window, which the lock keeps
    qtbot.addWidget(main)

    close_other_windows(main)

    assert not preview.isVisible() and not save.isVisible()
    assert preview.pages is None


# -- Simpan PDF… ------------------------------------------------------------------------


def _save_dialog(qtbot, desk: Desk, tmp_path: Path, prompter, opened: list[Path]):
    dialog = SavePdfDialog(
        "Ringkasan Sesi - A.B. - 2026-03-02",
        desk.save,
        prompter=prompter,
        open_folder=lambda folder: opened.append(folder) or True,
        documents=tmp_path / "Dokumen",
    )
    qtbot.addWidget(dialog)
    (tmp_path / "Dokumen").mkdir()
    dialog.show()
    return dialog


def test_saving_goes_to_bk_in_documents_made_only_then(qtbot, desk, tmp_path, prompter) -> None:
    opened: list[Path] = []
    dialog = _save_dialog(qtbot, desk, tmp_path, prompter, opened)
    folder = tmp_path / "Dokumen" / "BK"
    expected = folder / "Ringkasan Sesi - A.B. - 2026-03-02.pdf"
    assert dialog.path_edit.text() == str(expected)
    assert not folder.exists()

    qtbot.mouseClick(
        dialog.findChild(QAbstractButton, "savePdfSaveButton"), Qt.MouseButton.LeftButton
    )

    assert desk.saved == [(expected, None)]
    assert PdfReader(expected).pages[1].extract_text().strip().endswith("Halaman 2 dari 3")
    assert dialog.done_text.text().startswith(f"Tersimpan di {expected}")
    assert dialog.done_part.isVisible() and not dialog.form_part.isVisible()
    qtbot.mouseClick(
        dialog.findChild(QAbstractButton, "savePdfOpenFolder"), Qt.MouseButton.LeftButton
    )
    assert opened == [folder]


def test_saving_with_a_password_needs_it_twice_and_forgets_it(
    qtbot, desk, tmp_path, prompter
) -> None:
    dialog = _save_dialog(qtbot, desk, tmp_path, prompter, [])
    target = tmp_path / "flashdisk" / "ringkasan"
    target.parent.mkdir()
    dialog.path_edit.setText(str(target))
    dialog.protect.setChecked(True)
    assert dialog.password.isVisible() and dialog.password_hint.isVisible()
    assert "tidak menyimpannya" in dialog.password_hint.text()
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClicks(dialog.repeat, PASSWORD + "x")

    assert dialog.save_now() is None
    assert dialog.form.error_label("repeat").text() == "Kedua kata sandi tidak sama. Ketik ulang."
    assert desk.saved == []

    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, PASSWORD)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)  # Enter saves, as "Simpan" does
    written = dialog.saved_path

    assert written == target.with_name("ringkasan.pdf")
    assert desk.saved == [(written, PASSWORD)]
    reader = PdfReader(written)
    assert reader.is_encrypted and reader.decrypt(PASSWORD)
    assert "hanya terbuka dengan kata sandi" in dialog.done_text.text()
    assert dialog.password.text() == "" and dialog.repeat.text() == ""


def test_an_error_from_save_is_shown_and_another_place_can_be_chosen(
    qtbot, desk, tmp_path, prompter
) -> None:
    dialog = _save_dialog(qtbot, desk, tmp_path, prompter, [])
    desk.refuse_with = "Flashdisk penuh. Kosongkan sebagian atau pilih tempat lain."

    assert dialog.save_now() is None

    assert dialog.isVisible() and dialog.form_part.isVisible()
    error = dialog.form.error_label("path")
    assert error is not None and error.text() == desk.refuse_with
    other = tmp_path / "lain.pdf"
    prompter.files.append(other)
    qtbot.mouseClick(dialog.findChild(QAbstractButton, "savePdfBrowse"), Qt.MouseButton.LeftButton)
    assert dialog.path_edit.text() == str(other)
    desk.refuse_with = ""
    assert dialog.save_now() == other
    assert other.is_file()


def test_a_missing_folder_is_said_and_an_existing_file_is_replaced_only_when_agreed(
    qtbot, desk, tmp_path, prompter
) -> None:
    dialog = _save_dialog(qtbot, desk, tmp_path, prompter, [])
    dialog.path_edit.setText(str(tmp_path / "tidak-ada" / "x.pdf"))
    assert dialog.save_now() is None
    assert "tidak ada" in dialog.form.error_label("path").text()

    existing = tmp_path / "lama.pdf"
    existing.write_bytes(b"lama")
    dialog.path_edit.setText(str(existing))
    prompter.confirms.append(False)
    assert dialog.save_now() is None
    assert existing.read_bytes() == b"lama"
    prompter.confirms.append(True)
    assert dialog.save_now() == existing
    assert existing.read_bytes().startswith(b"%PDF")


def test_simpan_pdf_opens_from_the_preview_with_the_default_name(qtbot, preview) -> None:
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    dialog = preview.save_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.path_edit.text().endswith(
        "BK" + os.sep + "Ringkasan Sesi - A.B. - 2026-03-02.pdf"
    )
    dialog.reject()
    assert preview.save_dialog is None


def test_with_no_printer_installed_it_is_said_instead_of_an_empty_print_dialog(
    qtbot, preview, desk, monkeypatch
) -> None:
    from bk_desktop.ui import printing

    class NoPrinters:
        @staticmethod
        def availablePrinterNames() -> list[str]:
            return []

    monkeypatch.setattr(printing, "QPrinterInfo", NoPrinters)
    preview.ask_and_print()
    assert "Belum ada pencetak" in preview.status.text()
    assert desk.printed == []


def test_a_folder_or_a_drive_typed_as_the_place_gets_the_documents_name(
    qtbot, desk, tmp_path, prompter
) -> None:
    dialog = _save_dialog(qtbot, desk, tmp_path, prompter, [])
    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    dialog.path_edit.setText(str(stick))
    assert dialog.chosen_path() == stick / "Ringkasan Sesi - A.B. - 2026-03-02.pdf"
    dialog.path_edit.setText(str(stick) + "/")
    assert dialog.chosen_path().parent == stick
    dialog.path_edit.setText(stick.anchor)  # "/" here, "E:\\" on a Windows flashdisk
    assert dialog.chosen_path() == Path(stick.anchor) / "Ringkasan Sesi - A.B. - 2026-03-02.pdf"
    dialog.path_edit.setText(str(stick))
    written = dialog.save_now()
    assert written is not None and written.parent == stick and written.exists()


def test_a_print_folder_that_cannot_be_written_stops_the_job_instead_of_using_tmp(
    qtbot, preview, desk, tmp_path, monkeypatch
) -> None:
    from bk_desktop.ui import printing

    monkeypatch.setattr(printing.os, "access", lambda path, mode: False)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "kertas.pdf"))
    assert preview.print_with(printer) is None
    assert "tidak dapat ditulisi" in preview.status.text()
    assert desk.printed == [] and not (tmp_path / "kertas.pdf").exists()
