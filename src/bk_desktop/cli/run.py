"""The entry point: parse, start the log, run one command or the window, return the exit code.

``main`` never leaves the process and leaves nothing behind: the log handler it installs is
removed and the root logger's level put back when it returns, so tests (and anything else)
can call it many times in one process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from bk_desktop import __version__
from bk_desktop.cli.arguments import UsageExit
from bk_desktop.cli.command import Context
from bk_desktop.cli.commands import COMMANDS, build_parser, default_data_dir
from bk_desktop.cli.labels import one_line
from bk_desktop.cli.terminal import SecretReader, Terminal
from bk_desktop.cli.window import run_demo_window, run_window
from bk_desktop.domain.clock import SystemClock
from bk_desktop.domain.errors import KnownError
from bk_desktop.logs import configure_logging, default_log_dir, stop_logging

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None, terminal: Terminal | None = None) -> int:
    """Run ``bk-desktop`` with ``argv`` (default: the process's arguments) on ``terminal``
    (default: the process's streams and environment) and return the exit code."""
    term = terminal if terminal is not None else Terminal.system()
    parser = build_parser(term)
    try:
        args = parser.parse_args(argv)
        if args.demo and args.command:
            parser.error("--demo hanya dipakai tanpa perintah (membuka jendela)")
    except UsageExit as leaving:
        return leaving.code
    what = args.command or ("demo" if args.demo else "window")
    data_dir: Path = (args.data_dir or default_data_dir()).expanduser()
    ctx = Context(args, data_dir, term, SecretReader.of(term), SystemClock())
    run = _handler(args.command, demo=args.demo)
    root = logging.getLogger()
    level = root.level
    log_path = configure_logging(default_log_dir(term.environ))
    try:
        return _run_logged(what, run, ctx, log_path)
    finally:
        stop_logging()
        root.setLevel(level)


def _handler(command: str | None, *, demo: bool) -> Callable[[Context], int]:
    """The command's handler; without a command, the window (on the demo vault with --demo)."""
    if command:
        return COMMANDS[command].run
    return run_demo_window if demo else run_window


def _run_logged(what: str, run: Callable[[Context], int], ctx: Context, log_path: Path) -> int:
    """Run the command; a known error, an interruption or a bug is one line on stderr."""
    log.info("start: %s (version %s)", what, __version__)
    term = ctx.terminal
    try:
        code = run(ctx)
    except KnownError as error:
        log.info("%s failed: %s", what, type(error).__name__)
        term.complain(one_line(error.message))
        code = 1
    except KeyboardInterrupt:
        log.info("%s interrupted", what)
        if ctx.secrets.interactive:
            term.complain()
        term.complain("Dibatalkan.")
        code = 1
    except Exception:
        log.exception("%s: unexpected error", what)
        term.complain(f"Terjadi kesalahan tak terduga; rinciannya dicatat di {log_path}.")
        code = 1
    log.info("end: %s, exit code %d", what, code)
    return code
