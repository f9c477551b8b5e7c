"""argparse in Indonesian, writing to the run's ``Terminal`` and never leaving the process.

argparse prints help and errors to ``sys.stdout``/``sys.stderr`` and calls ``sys.exit``; the
parser here sends both to the terminal it was given and raises ``UsageExit`` instead, which
``main`` turns into its return value (0 after ``--help``/``--version``, 2 after a usage error).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, NoReturn

from bk_desktop.cli.terminal import Terminal
from bk_desktop.domain.text import printable


class UsageExit(Exception):
    """argparse is done: help or the version was printed, or the usage was wrong."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "Pemakaian: " if prefix is None else prefix)


_ARGPARSE_MESSAGES: tuple[tuple[str, str], ...] = (
    ("the following arguments are required: ", "argumen wajib belum diberikan: "),
    ("unrecognized arguments: ", "argumen tidak dikenal: "),
    ("invalid choice: ", "pilihan tidak dikenal: "),
    ("(choose from ", "(pilih dari "),
    ("expected one argument", "butuh satu nilai"),
    ("not allowed with argument ", "tidak boleh dipakai bersama "),
    ("ignored explicit argument ", "nilai tidak dipakai: "),
    ("ambiguous option: ", "opsi ambigu: "),
    ("could match ", "bisa berarti "),
    ("invalid int value: ", "bukan bilangan bulat: "),
    ("invalid float value: ", "bukan bilangan: "),
    ("invalid Path value: ", "bukan nama berkas: "),
    ("argument ", "argumen "),
)


def translate_usage_error(message: str) -> str:
    """argparse's English messages in Indonesian, phrase by phrase; unknown ones unchanged."""
    for english, indonesian in _ARGPARSE_MESSAGES:
        message = message.replace(english, indonesian)
    return message


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` with Indonesian headings and errors, bound to one terminal.

    Sub-command parsers are made by argparse with this class too, so each is given the same
    ``terminal`` (``add_parser(..., terminal=...)``).
    """

    def __init__(self, *args: Any, terminal: Terminal, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self.terminal = terminal
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help="tampilkan bantuan ini, lalu keluar",
        )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: kesalahan: {translate_usage_error(message)}\n")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self._print_message(message, sys.stderr)
        raise UsageExit(status)

    def _print_message(self, message: str, file: object = None) -> None:
        """argparse names ``sys.stdout`` for help and the version, ``sys.stderr`` (or nothing)
        for usage errors; both are sent to this run's terminal instead."""
        stream = self.terminal.stdout if file is sys.stdout else self.terminal.stderr
        if message and stream is not None:
            stream.write(printable(message))  # a mistyped argument may carry an escape
            stream.flush()


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argument type: a whole number from ``low`` to ``high``, refused in Indonesian."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"bukan bilangan bulat: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"harus antara {low} dan {high}, bukan {value}")
        return value

    return parse


def iso_date(text: str) -> date:
    """An argument type: a day written YYYY-MM-DD (as ``--from 2026-07-01``), refused in
    Indonesian otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"bukan tanggal TTTT-BB-HH (misalnya 2026-07-01): {text!r}"
        ) from None
