"""Indonesian for the texts Qt itself supplies, and the program's own translation files.

Qt ships no Indonesian translation of its own buttons ("Cancel", "&Next >", "Select All"),
so the few that a counsellor meets are given here by a translator installed on the
application, together with the texts of Qt's file, print and page-setup dialogs
(``ui/qt_dialog_texts.py``). ``set_button_texts`` does the same for one button box
explicitly, so that a dialog reads right even where that translator is not installed (tests,
the benchmark).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from bk_desktop.files.resources import resource_path
from bk_desktop.ui.qt_dialog_texts import FILE_DIALOG_TEXTS, PRINT_DIALOG_TEXTS

StandardButton = QDialogButtonBox.StandardButton

BUTTON_TEXTS: dict[StandardButton, str] = {
    StandardButton.Ok: "OK",
    StandardButton.Cancel: "Batal",
    StandardButton.Yes: "Ya",
    StandardButton.No: "Tidak",
    StandardButton.Close: "Tutup",
    StandardButton.Save: "Simpan",
    StandardButton.Apply: "Terapkan",
}

# (context, source text) → Indonesian, for strings inside Qt's own widgets.
_QT_TEXTS: dict[tuple[str, str], str] = {
    ("QPlatformTheme", "OK"): "OK",
    ("QPlatformTheme", "Cancel"): "Batal",
    ("QPlatformTheme", "&Yes"): "&Ya",
    ("QPlatformTheme", "&No"): "&Tidak",
    ("QPlatformTheme", "Yes to &All"): "Ya untuk &semua",
    ("QPlatformTheme", "N&o to All"): "Tidak untuk s&emua",
    ("QPlatformTheme", "Close"): "Tutup",
    ("QPlatformTheme", "Save"): "Simpan",
    ("QPlatformTheme", "Save All"): "Simpan semua",
    ("QPlatformTheme", "Apply"): "Terapkan",
    ("QPlatformTheme", "Open"): "Buka",
    ("QPlatformTheme", "Discard"): "Buang",
    ("QPlatformTheme", "Don't Save"): "Jangan simpan",
    ("QPlatformTheme", "Close without Saving"): "Tutup tanpa menyimpan",
    ("QPlatformTheme", "Reset"): "Atur ulang",
    ("QPlatformTheme", "Restore Defaults"): "Kembalikan bawaan",
    ("QPlatformTheme", "Help"): "Bantuan",
    ("QPlatformTheme", "Abort"): "Batalkan",
    ("QPlatformTheme", "Retry"): "Coba lagi",
    ("QPlatformTheme", "Ignore"): "Abaikan",
    ("QWizard", "< &Back"): "< &Kembali",
    ("QWizard", "&Back"): "&Kembali",
    ("QWizard", "&Next >"): "&Lanjut >",
    ("QWizard", "&Next"): "&Lanjut",
    ("QWizard", "&Finish"): "&Selesai",
    ("QWizard", "Cancel"): "Batal",
    ("QWizard", "Commit"): "Lanjut",
    ("QWizard", "&Help"): "&Bantuan",
    ("QLineEdit", "&Undo"): "&Urungkan",
    ("QLineEdit", "&Redo"): "&Ulangi",
    ("QLineEdit", "Cu&t"): "Po&tong",
    ("QLineEdit", "&Copy"): "&Salin",
    ("QLineEdit", "&Paste"): "T&empel",
    ("QLineEdit", "Delete"): "Hapus",
    ("QLineEdit", "Select All"): "Pilih semua",
    ("QWidgetTextControl", "&Undo"): "&Urungkan",
    ("QWidgetTextControl", "&Redo"): "&Ulangi",
    ("QWidgetTextControl", "Cu&t"): "Po&tong",
    ("QWidgetTextControl", "&Copy"): "&Salin",
    ("QWidgetTextControl", "Copy &Link Location"): "Salin &alamat tautan",
    ("QWidgetTextControl", "&Paste"): "T&empel",
    ("QWidgetTextControl", "Delete"): "Hapus",
    ("QWidgetTextControl", "Select All"): "Pilih semua",
    **FILE_DIALOG_TEXTS,
    **PRINT_DIALOG_TEXTS,
}


class QtTextsTranslator(QTranslator):
    """Answers Qt's own contexts from ``_QT_TEXTS``; everything else is left to other files."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return _QT_TEXTS.get((context, source))

    def isEmpty(self) -> bool:
        return False


def set_button_texts(box: QDialogButtonBox) -> None:
    """Indonesian texts on the standard buttons of ``box`` (OK, Batal, Ya, Tidak, …)."""
    for standard, text in BUTTON_TEXTS.items():
        button = box.button(standard)
        if button is not None:
            button.setText(text)


def install_translations(app: QCoreApplication) -> list[QTranslator]:
    """Install Qt's Indonesian texts and ``resources/translations/bk-desktop_<lang>.qm``.

    The translators are parented to ``app`` so they live exactly as long as it does; they are
    also returned for callers that want to remove them again.
    """
    installed: list[QTranslator] = []
    qt_texts = QtTextsTranslator(app)
    app.installTranslator(qt_texts)
    installed.append(qt_texts)
    folder = resource_path("translations")
    if folder.is_dir():
        translator = QTranslator(app)
        if translator.load(QLocale(), "bk-desktop", "_", str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
