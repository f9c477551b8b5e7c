"""Where the vault's files are: names only, so knowing them costs no cryptography or SQLite.

The start-up window reads the key-slot file before the vault stack is imported
(``docs/architecture.md``, "The window"), and for that it needs the file names and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class VaultPaths:
    folder: Path

    @property
    def database(self) -> Path:
        return self.folder / "bk-desktop.vault"

    @property
    def keyslots(self) -> Path:
        return self.folder / "bk-desktop.keys"

    @property
    def lock(self) -> Path:
        return self.folder / "bk-desktop.lock"

    @property
    def restore_marker(self) -> Path:
        return self.folder / "bk-desktop.restore"

    @property
    def staged_database(self) -> Path:
        return self.folder / "bk-desktop.vault.restore"

    @property
    def staged_keyslots(self) -> Path:
        return self.folder / "bk-desktop.keys.restore"

    @property
    def backups(self) -> Path:
        """The vault's own backup folder, used unless the settings choose another."""
        return self.folder / "cadangan"

    @property
    def print_spool(self) -> Path:
        """A private folder for the print system's temporary files, emptied after each job."""
        return self.folder / "cetak"

    def sidecars(self) -> list[Path]:
        return [self.database.with_name(self.database.name + s) for s in ("-wal", "-shm")]

    def exists(self) -> bool:
        return self.database.exists()
