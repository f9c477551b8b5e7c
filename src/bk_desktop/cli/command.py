"""A row of the command table, and what a command's handler is given to work with."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bk_desktop.cli.kdf import kdf_chooser
from bk_desktop.cli.terminal import SecretReader, Terminal
from bk_desktop.domain.clock import Clock
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.storage.vault import VaultPaths


@dataclass
class Context:
    """One run of one command: its parsed arguments, the data folder, the terminal."""

    args: argparse.Namespace
    data_dir: Path
    terminal: Terminal
    secrets: SecretReader
    clock: Clock
    _kdf: KdfChooser | None = None

    @property
    def paths(self) -> VaultPaths:
        return VaultPaths(self.data_dir)

    @property
    def kdf(self) -> KdfChooser:
        """Read from the environment only when a command needs it, so a bad value fails
        that command with a clear message rather than every one."""
        if self._kdf is None:
            self._kdf = kdf_chooser(self.terminal.environ)
        return self._kdf

    def access(self, paths: VaultPaths | None = None) -> VaultAccess:
        return VaultAccess(paths or self.paths, self.clock, self.kdf)

    def say(self, line: str = "") -> None:
        self.terminal.say(line)


@dataclass(frozen=True)
class Command:
    """One admin command: how ``--help`` lists and describes it, which arguments it takes,
    and the handler that runs it and returns the exit code (a ``KnownError`` means 1)."""

    name: str
    help: str
    description: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Context], int]


def add_account_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--account", metavar="NAMA", help="nama akun (boleh dilewati bila hanya ada satu akun)"
    )
