"""The folders a file dialog starts in, by what the person is most likely looking for."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

Location = QStandardPaths.StandardLocation


def _folder(location: Location) -> Path:
    """The folder, or the home folder when it does not exist: Qt's file dialog would open a
    missing folder as the program's working folder, the last place a file should go."""
    found = QStandardPaths.writableLocation(location)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def downloads_folder() -> Path:
    """Downloads ("Unduhan" on an Indonesian Windows): where a Dapodik or EMIS export lands."""
    return _folder(Location.DownloadLocation)


def documents_folder() -> Path:
    return _folder(Location.DocumentsLocation)
