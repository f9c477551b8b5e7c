"""Where the command line reads and writes, and how it asks for secrets.

Everything a command prints, every prompt it answers and every environment variable it reads
goes through one ``Terminal``: the process's own streams and environment when run as a
program, ``StringIO``s and a plain dict when a test calls ``main`` in-process.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TextIO

from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.text import printable


@dataclass(frozen=True)
class Terminal:
    """The streams and environment of one run. ``None`` streams (a windowed program on
    Windows has none) swallow what is written, as ``print`` does."""

    stdin: TextIO | None
    stdout: TextIO | None
    stderr: TextIO | None
    environ: Mapping[str, str] = field(default_factory=dict)
    interactive: bool = False
    """Ask for passwords with ``getpass`` (a person at a terminal), not by reading ``stdin``."""

    @classmethod
    def system(cls) -> Terminal:
        stdin = sys.stdin
        return cls(
            stdin,
            sys.stdout,
            sys.stderr,
            os.environ,
            interactive=stdin is not None and stdin.isatty(),
        )

    def say(self, line: str = "") -> None:
        """One line on standard output."""
        _write(self.stdout, line)

    def complain(self, line: str = "") -> None:
        """One line on standard error."""
        _write(self.stderr, line)


def discard_closed_output(stream: TextIO | None) -> None:
    """Point a stream whose reader has gone (``bk-desktop verify | head``) at the null device.

    Python flushes standard output once more as it exits and would print a BrokenPipeError
    warning about it; a stream with no descriptor of its own (a test's ``StringIO``) is left.
    """
    if stream is None:
        return
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)


def _write(stream: TextIO | None, line: str) -> None:
    """Control characters (a name's ESC sequence, a file name's bidi override) are shown as
    visible escapes: a terminal would obey them."""
    if stream is not None:
        print(printable(line), file=stream, flush=True)


class SecretReader:
    """Asks for passwords: ``getpass`` on a terminal, else one line of ``stream`` per prompt."""

    def __init__(self, stream: TextIO | None, *, interactive: bool) -> None:
        self.stream = stream
        self.interactive = interactive

    @classmethod
    def of(cls, terminal: Terminal) -> SecretReader:
        return cls(terminal.stdin, interactive=terminal.interactive)

    def ask(self, prompt: str) -> str:
        if self.interactive:
            return getpass.getpass(printable(prompt))
        line = self.stream.readline() if self.stream is not None else ""
        if not line:
            raise KnownError(
                "Masukan standar habis sebelum semua kata sandi terbaca. Berikan satu baris "
                "untuk setiap pertanyaan, atau jalankan perintah ini di terminal."
            )
        return line.removesuffix("\n").removesuffix("\r")
