"""Where the Kartu Pemulihan goes: a flashdisk first, the vault's disk only after a warning,
printing straight from memory with no file anywhere; and Qt's own dialogs in Indonesian."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QWidget

from bk_desktop.domain.audit import AuditKind
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.ui.card_writer import (
    CardPlaces,
    RecoveryCard,
    print_recovery_card,
    save_recovery_card,
)
from bk_desktop.ui.i18n import install_translations
from bk_desktop.ui.places import documents_folder, downloads_folder
from bk_desktop.ui.removable_drives import SystemDrives, same_disk
from bk_desktop.ui.tabs.admin.security_page import RecoveryKeyDialog

from conftest import Gui, ScriptedPrompter

KEY = "7K2M-QX4P-9LTR-A3ND-WB6H-C8EV-J5FS-Y2GU"


@dataclass
class Drives:
    found: list[Path]

    def mounted(self) -> list[Path]:
        return list(self.found)


@dataclass
class PaperPrinter:
    """Qt's print dialog as a person would fill it in: a file-backed printer (or cancel)."""

    output: Path
    agrees: bool = True
    asked: list[int] = field(default_factory=list)

    def __call__(self, parent: QWidget, printer: QPrinter, page_count: int) -> bool:
        self.asked.append(page_count)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.output))
        return self.agrees


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def card(workspace: Workspace) -> RecoveryCard:
    return RecoveryCard.of(workspace, KEY)


def test_saving_starts_on_a_plugged_in_flashdisk(
    tmp_path: Path, parent: QWidget, prompter: ScriptedPrompter, card: RecoveryCard
) -> None:
    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    places = CardPlaces(drives=Drives([stick]))
    prompter.files.append(None)  # looked, then cancelled
    assert save_recovery_card(parent, prompter, card, places) is None
    kind, _title, suggested = prompter.calls[0]
    assert kind == "save_file"
    assert Path(suggested).parent == stick


def test_without_a_flashdisk_saving_starts_in_documents_not_the_programs_folder(
    parent: QWidget, prompter: ScriptedPrompter, card: RecoveryCard
) -> None:
    places = CardPlaces(drives=Drives([]))
    prompter.files.append(None)
    save_recovery_card(parent, prompter, card, places)
    suggested = Path(prompter.calls[0][2])
    assert card.vault_folder not in (suggested.parent, *suggested.parents)


def test_saving_on_the_vaults_own_disk_names_the_risk_and_no_writes_nothing(
    tmp_path: Path, parent: QWidget, prompter: ScriptedPrompter, card: RecoveryCard
) -> None:
    places = CardPlaces(drives=Drives([]))
    target = tmp_path / "kartu.pdf"  # the vault lives under tmp_path too: the same disk
    prompter.files.append(target)
    prompter.confirms.append(False)
    assert save_recovery_card(parent, prompter, card, places) is None
    _kind, title, text = prompter.calls[-1]
    assert title == "Simpan di disk data BK?"
    assert "disk yang sama dengan data BK" in text and "kunci untuk membukanya" in text
    assert not target.exists()

    prompter.files.append(target)
    prompter.confirms.append(True)
    kept = save_recovery_card(parent, prompter, card, places)
    assert kept is not None and kept.path == target
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in kept.status
    saved = audit_repo.latest(card.service.workspace.db, AuditKind.DOCUMENT_SAVED)
    assert saved is not None and str(target) not in saved.detail
    assert saved.detail.endswith("kata sandi")


def test_printing_goes_straight_to_the_printer_and_leaves_no_file(
    tmp_path: Path, parent: QWidget, prompter: ScriptedPrompter, card: RecoveryCard
) -> None:
    printed_to = tmp_path / "pencetak" / "kertas.pdf"
    printed_to.parent.mkdir()
    printer = PaperPrinter(printed_to)
    spool = card.service.spool_folder()
    before = _files_under(tmp_path)
    kept = print_recovery_card(parent, prompter, card, CardPlaces(Drives([]), printer))
    assert kept is not None and kept.path is None and "pencetak" in kept.status
    assert printer.asked == [1] and prompter.calls == [] and prompter.errors == []
    assert len(PdfReader(printed_to).pages) == 1
    assert _files_under(tmp_path) - before == {printed_to}  # the printer's paper, nothing else
    assert list(spool.iterdir()) == []
    event = audit_repo.latest(card.service.workspace.db, AuditKind.DOCUMENT_PRINTED)
    assert event is not None and "kartu_pemulihan" in event.detail


def test_printing_cancelled_writes_nothing_and_records_nothing(
    tmp_path: Path, parent: QWidget, prompter: ScriptedPrompter, card: RecoveryCard
) -> None:
    printer = PaperPrinter(tmp_path / "kertas.pdf", agrees=False)
    before = _files_under(tmp_path)
    assert print_recovery_card(parent, prompter, card, CardPlaces(Drives([]), printer)) is None
    assert _files_under(tmp_path) == before
    assert audit_repo.latest(card.service.workspace.db, AuditKind.DOCUMENT_PRINTED) is None


def _files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def test_linux_flashdisks_are_the_users_folders_under_media(tmp_path: Path) -> None:
    media, run_media = tmp_path / "media", tmp_path / "run-media"
    (media / "sari" / "KINGSTON").mkdir(parents=True)
    (run_media / "sari" / "SANDISK").mkdir(parents=True)
    (media / "budi" / "OTHER").mkdir(parents=True)  # another user's stick is not offered
    drives = SystemDrives(platform="linux", user="sari", media_roots=(media, run_media))
    assert drives.mounted() == [media / "sari" / "KINGSTON", run_media / "sari" / "SANDISK"]
    assert SystemDrives(platform="linux", user="nobody", media_roots=(media,)).mounted() == []


def test_windows_flashdisks_are_the_drives_of_type_removable() -> None:
    types = {"C:\\": 3, "E:\\": 2, "F:\\": 5, "G:\\": 2}
    drives = SystemDrives(platform="win32", drive_type=lambda root: types.get(root, 1))
    assert drives.mounted() == [Path("E:\\"), Path("G:\\")]


def test_same_disk_tells_a_folder_on_another_file_system(tmp_path: Path) -> None:
    assert same_disk(tmp_path / "a" / "b.pdf", tmp_path)
    assert not same_disk(Path("/proc/self"), tmp_path)


def test_the_key_dialog_offers_printing_first_and_keeps_the_key_on_one_line(
    qtbot: QtBot, gui: Gui, workspace: Workspace, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    printer = PaperPrinter(tmp_path / "kertas.pdf")
    places = CardPlaces(drives=Drives([]), choose_printer=printer)
    dialog = RecoveryKeyDialog(KEY, workspace, prompter, places=places)
    qtbot.addWidget(dialog)
    dialog.show()
    key = gui.child(dialog, QLabel, "recoveryKeyText")
    assert not key.wordWrap() and key.width() >= key.sizeHint().width()
    assert gui.child(dialog, QWidget, "recoveryCardPrintButton").property("default")
    gui.click(dialog, "recoveryCardPrintButton")
    assert printer.asked == [1] and (tmp_path / "kertas.pdf").exists()
    assert dialog.kept is not None and dialog.kept.path is None
    assert len(PdfReader(tmp_path / "kertas.pdf").pages) == 1  # the card, printed as a picture


def test_qt_file_and_print_dialogs_speak_indonesian(qapp: QApplication) -> None:
    installed = install_translations(qapp)
    try:
        translate = QCoreApplication.translate
        assert translate("QFileDialog", "File &name:") == "&Nama berkas:"
        assert translate("QFileDialog", "Files of &type:") == "&Jenis berkas:"
        assert translate("QFileSystemModel", "Date Modified") == "Diubah"
        assert translate("QPrintDialog", "&Print") == "&Cetak"
        assert translate("QPageSetupWidget", "Portrait") == "Tegak"
        dialog = QFileDialog(None, "Pilih", "", "")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        labels = {label.text() for label in dialog.findChildren(QLabel)}
        assert "&Nama berkas:" in labels and "&Cari di:" in labels
        dialog.deleteLater()
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_a_missing_documents_folder_starts_at_home_never_in_the_programs_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # a fresh account: no Documents, no Downloads
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Dokumen"))
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path / "Unduhan"))
    for folder in (documents_folder(), downloads_folder()):
        assert folder.is_dir()  # Qt's dialog opens a missing folder as the working folder
