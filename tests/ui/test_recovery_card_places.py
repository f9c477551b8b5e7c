"""Where the Kartu Pemulihan goes: a flashdisk first, the vault's disk only after a warning,
printing through the system's PDF viewer; and Qt's own dialogs in Indonesian."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QWidget

from bk_desktop.reports.recovery_card import write_recovery_card
from bk_desktop.services.workspace import Workspace
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
class Viewer:
    works: bool = True
    opened: list[Path] = field(default_factory=list)

    def __call__(self, path: Path) -> bool:
        self.opened.append(path)
        return self.works


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
    places = CardPlaces(drives=Drives([stick]), open_document=Viewer())
    prompter.files.append(None)  # looked, then cancelled
    assert save_recovery_card(parent, prompter, write_recovery_card, card, places) is None
    kind, _title, suggested = prompter.calls[0]
    assert kind == "save_file"
    assert Path(suggested).parent == stick


def test_without_a_flashdisk_saving_starts_in_documents_not_the_programs_folder(
    parent: QWidget, prompter: ScriptedPrompter, card: RecoveryCard
) -> None:
    places = CardPlaces(drives=Drives([]), open_document=Viewer())
    prompter.files.append(None)
    save_recovery_card(parent, prompter, write_recovery_card, card, places)
    suggested = Path(prompter.calls[0][2])
    assert card.vault_folder not in (suggested.parent, *suggested.parents)


def test_saving_on_the_vaults_own_disk_names_the_risk_and_no_writes_nothing(
    tmp_path: Path, parent: QWidget, prompter: ScriptedPrompter, card: RecoveryCard
) -> None:
    places = CardPlaces(drives=Drives([]), open_document=Viewer())
    target = tmp_path / "kartu.pdf"  # the vault lives under tmp_path too: the same disk
    prompter.files.append(target)
    prompter.confirms.append(False)
    assert save_recovery_card(parent, prompter, write_recovery_card, card, places) is None
    _kind, title, text = prompter.calls[-1]
    assert title == "Simpan di disk data BK?"
    assert "disk yang sama dengan data BK" in text and "kunci untuk membukanya" in text
    assert not target.exists()

    prompter.files.append(target)
    prompter.confirms.append(True)
    assert save_recovery_card(parent, prompter, write_recovery_card, card, places) == target
    assert target.read_bytes().startswith(b"%PDF")


def test_printing_says_how_then_saves_and_opens_the_card_in_the_pdf_viewer(
    tmp_path: Path, parent: QWidget, prompter: ScriptedPrompter, card: RecoveryCard
) -> None:
    viewer = Viewer()
    places = CardPlaces(drives=Drives([]), open_document=viewer)
    prompter.confirms += [True, True]  # "Cetak Kartu Pemulihan", then "Simpan di disk data BK?"
    prompter.files.append(tmp_path / "kartu")
    path = print_recovery_card(parent, prompter, write_recovery_card, card, places)
    assert path == tmp_path / "kartu.pdf" and path.exists()
    assert viewer.opened == [path]
    explained = prompter.calls[0]
    assert explained[1] == "Cetak Kartu Pemulihan"
    assert "belum dapat mencetak langsung" in explained[2]
    assert prompter.errors == []


def test_printing_declined_writes_nothing(
    tmp_path: Path, parent: QWidget, prompter: ScriptedPrompter, card: RecoveryCard
) -> None:
    viewer = Viewer()
    prompter.confirms.append(False)
    places = CardPlaces(drives=Drives([]), open_document=viewer)
    assert print_recovery_card(parent, prompter, write_recovery_card, card, places) is None
    assert viewer.opened == [] and list(tmp_path.glob("*.pdf")) == []


def test_a_card_no_viewer_can_open_is_still_saved_and_the_person_is_told_where(
    tmp_path: Path, parent: QWidget, prompter: ScriptedPrompter, card: RecoveryCard
) -> None:
    places = CardPlaces(drives=Drives([]), open_document=Viewer(works=False))
    prompter.confirms += [True, True]
    prompter.files.append(tmp_path / "kartu.pdf")
    print_recovery_card(parent, prompter, write_recovery_card, card, places)
    assert (tmp_path / "kartu.pdf").exists()
    assert len(prompter.errors) == 1 and str(tmp_path / "kartu.pdf") in prompter.errors[0][2]


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
    viewer = Viewer()
    places = CardPlaces(drives=Drives([]), open_document=viewer)
    dialog = RecoveryKeyDialog(KEY, workspace, prompter, write_recovery_card, places=places)
    qtbot.addWidget(dialog)
    dialog.show()
    key = gui.child(dialog, QLabel, "recoveryKeyText")
    assert not key.wordWrap() and key.width() >= key.sizeHint().width()
    assert gui.child(dialog, QWidget, "recoveryCardPrintButton").property("default")
    prompter.confirms += [True, True]
    prompter.files.append(tmp_path / "kartu.pdf")
    gui.click(dialog, "recoveryCardPrintButton")
    assert viewer.opened == [tmp_path / "kartu.pdf"]
    assert dialog.saved_to == tmp_path / "kartu.pdf"


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
