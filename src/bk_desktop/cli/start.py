"""The plain start — ``bk-desktop`` or ``bk-desktop --data-dir DIR`` — without the command table.

This is how a person starts the program, many times a day, so it must reach the unlock dialog
at once: building the parser imports every command and with them the vault stack (SQLCipher,
cryptography, argon2, openpyxl), which the window loads anyway while the person types
(``app.open_window``). Everything else — a command, ``--demo``, ``--help``, ``--version``, a
mistake — goes through the full parser.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from bk_desktop.cli.display import check_display_libraries
from bk_desktop.cli.terminal import Terminal

if TYPE_CHECKING:
    from bk_desktop.services.kdf_choice import KdfChooser

APP_NAME = "bk-desktop"
DATA_DIR_OPTION = "--data-dir"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def plain_window_folder(arguments: Sequence[str]) -> Path | None:
    """The data folder when ``arguments`` ask for nothing but the window, else None."""
    match list(arguments):
        case []:
            return default_data_dir()
        case [option, folder] if option == DATA_DIR_OPTION and folder and folder[0] != "-":
            return Path(folder).expanduser()
        case [option] if option.startswith(f"{DATA_DIR_OPTION}=") and len(option) > 11:
            return Path(option.split("=", 1)[1]).expanduser()
        case _:
            return None


def open_plain_window(folder: Path, terminal: Terminal) -> int:
    """Open the window on the vault in ``folder``; the vault stack loads behind the dialog."""
    check_display_libraries(terminal.environ)
    from bk_desktop.app import open_window  # noqa: PLC0415 - Qt only when the window opens
    from bk_desktop.storage.paths import VaultPaths  # noqa: PLC0415

    def make_kdf() -> KdfChooser:
        from bk_desktop.cli.kdf import kdf_chooser  # noqa: PLC0415 - imports argon2

        return kdf_chooser(terminal.environ)

    return open_window(VaultPaths(folder), make_kdf=make_kdf)
