""" "Simpan PDF…": the one way a document leaves the program as a file (issue 15).

A decrypted PDF forgotten in Downloads on a shared office PC is the easiest leak there is, so
saving is a choice made here with open eyes: the place is shown (by default the "BK" folder in
Documents, made only when something is saved there), a password can be set that the program
keeps nowhere, and afterwards the dialog names the full path and offers to open the folder, so
the guru knows where the file went and can delete it later.

The writing itself is the caller's ``save(path, password)`` (the service that builds the
document, protects it with ``reports.pdf_password`` and records the audit event); it returns
the path written or raises ``KnownError``, which is shown here while the dialog stays open for
another place. The password is passed on and forgotten: it is never logged, never part of a
draft, and the fields are emptied once the dialog is done with them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.errors import KnownError
from bk_desktop.ui.i18n import set_button_texts
from bk_desktop.ui.kit.forms import (
    FieldForm,
    action_button,
    dialog_layout,
    named,
    save_cancel_buttons,
)
from bk_desktop.ui.kit.labels import heading_label, note_label, wrapping_label
from bk_desktop.ui.password_widgets import password_edit, show_passwords_toggle
from bk_desktop.ui.places import documents_folder
from bk_desktop.ui.prompter import DialogPrompter, Prompter
from bk_desktop.ui.style import fit_height, set_role

SaveDocument = Callable[[Path, str | None], Path]
"""The service's writer: the chosen path and the password (or None); returns the path written
and raises ``KnownError`` with an Indonesian message when it could not write there."""

DEFAULT_FOLDER_NAME = "BK"


def _open_in_file_manager(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class SavePdfDialog(QDialog):
    """Where to save, with or without a password; then where it went."""

    def __init__(
        self,
        file_name: str,
        save: SaveDocument,
        *,
        prompter: Prompter | None = None,
        open_folder: Callable[[Path], bool] | None = None,
        documents: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("savePdfDialog")
        self.setWindowTitle(self.tr("Simpan PDF"))
        self._save = save
        self._file_name = _with_pdf_suffix(file_name)
        self._prompter = prompter or DialogPrompter()
        self._open_folder = open_folder or _open_in_file_manager
        self.default_folder = (documents or documents_folder()) / DEFAULT_FOLDER_NAME
        self.saved_path: Path | None = None

        self.form_part = QWidget(self)
        self.form_part.setObjectName("savePdfForm")
        self.path_edit = named(QLineEdit(self), "savePdfPath", self.tr("Simpan ke"))
        self.path_edit.setText(str(self.default_folder / _with_pdf_suffix(file_name)))
        self.path_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        browse = action_button(self.tr("Pilih…"), "savePdfBrowse", self.tr("Pilih tempat"))
        browse.clicked.connect(self._browse)
        path_row = QWidget(self)
        row = QHBoxLayout(path_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)

        self.protect = named(
            QCheckBox(self.tr("Lindungi dengan kata sandi")),
            "savePdfProtect",
            self.tr("Lindungi dengan kata sandi"),
        )
        self.password = password_edit("savePdfPassword", self.tr("Kata sandi PDF"))
        self.repeat = password_edit("savePdfRepeat", self.tr("Ulangi kata sandi PDF"))
        self.show_password = show_passwords_toggle(
            [self.password, self.repeat], "savePdfShowPassword"
        )
        self.password_hint = note_label(
            self.tr(
                "Kata sandi ini diperlukan untuk membuka berkas PDF. Program tidak menyimpannya "
                "di mana pun: catat di tempat yang aman. Jika terlupa, simpan ulang dokumen "
                "dari program."
            ),
            "savePdfPasswordHint",
        )

        self.form = FieldForm()
        self.form.add(
            self.tr("Simpan ke"),
            path_row,
            keys=["path"],
            name="savePdfPath",
            buddy=self.path_edit,
            parent=self,
        )
        self.form.add("", self.protect, parent=self)
        self.form.add(self.tr("Kata sandi"), self.password, keys=["password"], parent=self)
        self.form.add(self.tr("Ulangi kata sandi"), self.repeat, keys=["repeat"], parent=self)
        self.form.addRow("", self.show_password)
        self.form.addRow("", self.password_hint)
        self.form.link("password", "repeat")
        self.protect.toggled.connect(self._show_password_rows)
        self._show_password_rows(False)

        warning = note_label(
            self.tr(
                "Berkas PDF berisi data siswa dan dapat dibuka siapa pun yang memegangnya, "
                "kecuali diberi kata sandi. Simpan di tempat yang aman dan hapus bila sudah "
                "tidak diperlukan."
            ),
            "savePdfWarning",
        )
        self.buttons = save_cancel_buttons(self, "savePdfSaveButton", self.tr("Simpan PDF"))
        self.buttons.accepted.connect(self._save_pressed)
        form_layout = QVBoxLayout(self.form_part)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.setSpacing(12)
        form_layout.addWidget(warning)
        form_layout.addLayout(self.form)
        form_layout.addWidget(self.buttons)

        self.done_part = QWidget(self)
        self.done_part.setObjectName("savePdfDonePart")
        self.done_text = wrapping_label(self.done_part)
        self.done_text.setObjectName("savePdfDone")
        set_role(self.done_text, "ok")
        open_button = action_button(self.tr("Buka folder"), "savePdfOpenFolder")
        open_button.clicked.connect(self._open_saved_folder)
        close_button = named(QPushButton(self.tr("Tutup")), "savePdfClose", self.tr("Tutup"))
        close_button.setAutoDefault(False)  # "Simpan" takes Enter until the file is saved
        close_button.clicked.connect(self.accept)
        self._close_button = close_button
        done_buttons = QHBoxLayout()
        done_buttons.addStretch(1)
        done_buttons.addWidget(open_button)
        done_buttons.addWidget(close_button)
        done_layout = QVBoxLayout(self.done_part)
        done_layout.setContentsMargins(0, 0, 0, 0)
        done_layout.setSpacing(12)
        done_layout.addWidget(self.done_text)
        done_layout.addLayout(done_buttons)
        self.done_part.hide()

        self.heading = heading_label(self.tr("Simpan sebagai PDF"), self)
        dialog_layout(self, self.heading, self.form_part, self.done_part)
        set_button_texts(self.buttons)

    # -- the form --------------------------------------------------------------------

    @Slot(bool)
    def _show_password_rows(self, shown: bool) -> None:
        for field in (self.password, self.repeat):
            self.form.set_field_visible(field, shown)
        self.form.setRowVisible(self.show_password, shown)
        self.form.setRowVisible(self.password_hint, shown)
        if not shown:
            self._forget_password()
        if self.isVisible():
            fit_height(self)  # the rows (and the hint under them) need their height

    def _forget_password(self) -> None:
        self.password.clear()
        self.repeat.clear()
        self.show_password.setChecked(False)

    @Slot()
    def _browse(self) -> None:
        chosen = self._prompter.save_file(
            self, self.tr("Simpan PDF"), self.chosen_path(), self.tr("Dokumen PDF (*.pdf)")
        )
        if chosen is not None:
            self.path_edit.setText(str(chosen))

    def chosen_path(self) -> Path:
        """The typed place, ending in ``.pdf``; a bare name goes into the default folder, and
        a folder or a drive ("E:\\", a flashdisk) gets the document's own file name."""
        text = self.path_edit.text().strip()
        path = Path(text).expanduser() if text else self.default_folder / self._file_name
        if not path.is_absolute():
            path = self.default_folder / path
        if not path.name or _is_folder(path) or text.endswith(("/", "\\")):
            return path / self._file_name
        return path.with_name(_with_pdf_suffix(path.name))

    def _password_problem(self) -> bool:
        """Whether the password rows are wrong (said under them); unprotected never is."""
        if not self.protect.isChecked():
            return False
        password, repeat = self.password.text(), self.repeat.text()
        if not password:
            self.form.show_error(
                "password", self.tr("Isi kata sandi, atau hilangkan centang perlindungan.")
            )
            return True
        if password != repeat:
            self.form.show_error("repeat", self.tr("Kedua kata sandi tidak sama. Ketik ulang."))
            return True
        return False

    def _prepared_folder(self, path: Path) -> bool:
        """Whether ``path``'s folder is there to write in; the default "BK" folder is made now,
        the first time something is saved in it."""
        folder = path.parent
        if folder.is_dir():
            return True
        if folder == self.default_folder and folder.parent.is_dir():
            try:
                folder.mkdir()
            except OSError:
                self.form.show_error(
                    "path",
                    self.tr("Folder {folder} tidak dapat dibuat. Pilih tempat lain.").format(
                        folder=folder
                    ),
                )
                return False
            return True
        self.form.show_error(
            "path", self.tr("Folder {folder} tidak ada. Pilih tempat lain.").format(folder=folder)
        )
        return False

    @Slot()
    def _save_pressed(self) -> None:
        if self.save_now() is None:
            fit_height(self)  # a message appeared under a field: give it its lines

    def save_now(self) -> Path | None:
        """Save at the chosen place; the path written, or None (the reason is shown)."""
        self.form.clear_errors()
        if self._password_problem():
            return None
        password = self.password.text() if self.protect.isChecked() else None
        path = self.chosen_path()
        if _is_folder(path):
            self.form.show_error(
                "path", self.tr("{path} adalah folder. Tulis nama berkasnya.").format(path=path)
            )
            return None
        if _is_file(path) and not self._prompter.confirm(
            self,
            self.tr("Ganti berkas?"),
            self.tr("{name} sudah ada di {folder}. Ganti dengan dokumen ini?").format(
                name=path.name, folder=path.parent
            ),
        ):
            return None
        if not self._prepared_folder(path):
            return None
        try:
            written = self._save(path, password)
        except KnownError as error:
            # A refused password goes under the password; anything else is about the place.
            if not self.form.place(error):
                self.form.show_error("path", error.message)
            return None
        self._forget_password()
        self.saved_path = written
        self._show_done(written, protected=password is not None)
        return written

    def _show_done(self, path: Path, *, protected: bool) -> None:
        text = self.tr("Tersimpan di {path}").format(path=path)
        if protected:
            text += "\n" + self.tr("Berkas ini hanya terbuka dengan kata sandi yang Anda pilih.")
        self.done_text.setText(text)
        self.setWindowTitle(self.tr("PDF tersimpan"))
        self.heading.setText(self.tr("PDF tersimpan"))
        self.form_part.hide()
        self.done_part.show()
        self._close_button.setDefault(True)
        self._close_button.setFocus()
        fit_height(self)

    @Slot()
    def _open_saved_folder(self) -> None:
        if self.saved_path is None:
            return
        if not self._open_folder(self.saved_path.parent):
            self._prompter.error(
                self,
                self.tr("Folder tidak dapat dibuka"),
                self.tr("Buka folder {folder} lewat pengelola berkas.").format(
                    folder=self.saved_path.parent
                ),
            )

    def done(self, result: int) -> None:
        self._forget_password()
        super().done(result)


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; a name the system refuses to look up (too long, a
    character Windows forbids) is not, and the save says what is wrong with it."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _with_pdf_suffix(name: str) -> str:
    return name if name.lower().endswith(".pdf") else f"{name}.pdf"
