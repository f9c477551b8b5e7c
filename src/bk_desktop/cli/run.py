"""The entry point: parse, start the log, run one command or the window, return the exit code.

``main`` never leaves the process and leaves nothing behind: the log handler it installs is
removed and the root logger's level put back when it returns, so tests (and anything else)
can call it many times in one process.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bk_desktop import __version__
from bk_desktop.cli.labels import one_line
from bk_desktop.cli.start import default_data_dir, open_plain_window, plain_window_folder
from bk_desktop.cli.terminal import Terminal, discard_closed_output
from bk_desktop.domain.errors import KnownError
from bk_desktop.logs import LOG_DIR_ENV, configure_logging, default_log_dir, stop_logging

if TYPE_CHECKING:
    from bk_desktop.cli.command import Context

log = logging.getLogger(__name__)

LOG_SUBFOLDER = "log"


def main(argv: Sequence[str] | None = None, terminal: Terminal | None = None) -> int:
    """Run ``bk-desktop`` with ``argv`` (default: the process's arguments) on ``terminal``
    (default: the process's streams and environment) and return the exit code."""
    term = terminal if terminal is not None else Terminal.system()
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        return _main(arguments, term)
    except BrokenPipeError:
        # Help or a usage line into a pipe that was closed (``bk-desktop --help | head -1``).
        discard_closed_output(term.stdout)
        return 1


def _main(arguments: list[str], term: Terminal) -> int:
    folder = plain_window_folder(arguments)
    if folder is not None:
        logs = log_folder(term.environ, folder if arguments else None)
        return _logged(term, "window", lambda: open_plain_window(folder, term), logs)

    # Everything else needs the parser, and so the command table with every command's module.
    from bk_desktop.cli.arguments import UsageExit  # noqa: PLC0415
    from bk_desktop.cli.command import Context  # noqa: PLC0415
    from bk_desktop.cli.commands import build_parser  # noqa: PLC0415
    from bk_desktop.cli.terminal import SecretReader  # noqa: PLC0415
    from bk_desktop.domain.clock import SystemClock  # noqa: PLC0415

    parser = build_parser(term)
    try:
        args = parser.parse_args(arguments)
        if args.demo and args.command:
            parser.error("--demo hanya dipakai tanpa perintah (membuka jendela)")
    except UsageExit as leaving:
        return leaving.code
    what = args.command or ("demo" if args.demo else "window")
    data_dir: Path = (args.data_dir or default_data_dir()).expanduser()
    ctx = Context(args, data_dir, term, SecretReader.of(term), SystemClock())
    run = _handler(args.command, demo=args.demo)
    logs = log_folder(term.environ, data_dir if args.data_dir else None)
    return _logged(term, what, lambda: run(ctx), logs, interactive=ctx.secrets.interactive)


def log_folder(environ: Mapping[str, str], chosen_data_dir: Path | None) -> Path:
    """Where this run logs: ``BK_DESKTOP_LOG_DIR`` when set; else ``log`` inside a data folder
    chosen with ``--data-dir``, so a vault kept elsewhere (a second school, a test folder)
    keeps its log beside it and the log is found where the vault is; else the platform's."""
    if environ.get(LOG_DIR_ENV, "").strip() or chosen_data_dir is None:
        return default_log_dir(environ)
    return chosen_data_dir / LOG_SUBFOLDER


def _logged(
    term: Terminal,
    what: str,
    run: Callable[[], int],
    logs: Path,
    *,
    interactive: bool = False,
) -> int:
    """Run with the log open, and leave the root logger as it was found."""
    root = logging.getLogger()
    level = root.level
    log_path = configure_logging(logs)
    try:
        return _run_logged(what, run, term, log_path, interactive=interactive)
    finally:
        stop_logging()
        root.setLevel(level)


def _handler(command: str | None, *, demo: bool) -> Callable[[Context], int]:
    """The command's handler; without a command, the window (on the demo vault with --demo)."""
    from bk_desktop.cli.commands import COMMANDS  # noqa: PLC0415
    from bk_desktop.cli.window import run_demo_window, run_window  # noqa: PLC0415

    if command:
        return COMMANDS[command].run
    return run_demo_window if demo else run_window


def _run_logged(
    what: str, run: Callable[[], int], term: Terminal, log_path: Path, *, interactive: bool
) -> int:
    """Run the command; a known error, an interruption or a bug is one line on stderr."""
    log.info("start: %s (version %s)", what, __version__)
    try:
        code = run()
    except KnownError as error:
        log.info("%s failed: %s", what, type(error).__name__)
        term.complain(one_line(error.message))
        code = 1
    except BrokenPipeError:
        # The reader of the output went away (``… | head``): what it wanted it has.
        log.info("%s: output closed by its reader", what)
        discard_closed_output(term.stdout)
        code = 1
    except KeyboardInterrupt:
        log.info("%s interrupted", what)
        if interactive:
            term.complain()
        term.complain("Dibatalkan.")
        code = 1
    except Exception:
        log.exception("%s: unexpected error", what)
        term.complain(f"Terjadi kesalahan tak terduga; rinciannya dicatat di {log_path}.")
        code = 1
    log.info("end: %s, exit code %d", what, code)
    return code
