"""The program's log file: what happened to the program, never what a record says.

Log lines name commands, outcomes and error classes. Exception *messages* are left out of
tracebacks on purpose: a message may quote a value (a name, a path, a line of an imported
file), while the kind of exception and the code lines it passed through are enough to find a
bug. Passwords are never handed to the logger at all.

The file lives in the platform's log folder (``BK_DESKTOP_LOG_DIR`` overrides it, which the
tests use), is owner-only on POSIX and is rotated at 1 MB, keeping five old files.
"""

from __future__ import annotations

import contextlib
import logging
import os
import traceback
from collections.abc import Mapping
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

import platformdirs

APP_NAME = "bk-desktop"
LOG_DIR_ENV = "BK_DESKTOP_LOG_DIR"
LOG_FILE = "bk-desktop.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
HANDLER_NAME = "bk-desktop-file"
_FORMAT = "%(asctime)s %(levelname)s %(name)s [pid %(process)d]: %(message)s"
_QUIET_LOGGERS = ("sqlcipher3", "PIL", "fontTools")

_ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


def default_log_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The platform's log folder, or ``BK_DESKTOP_LOG_DIR`` from ``environ`` (``os.environ``
    unless a caller such as the in-process command line passes its own)."""
    override = (os.environ if environ is None else environ).get(LOG_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


class _OwnerOnlyRotatingHandler(RotatingFileHandler):
    """Rotated files are created afresh; each one is made owner-only as it is opened."""

    def _open(self) -> TextIOWrapper:
        stream = super()._open()
        if os.name == "posix":
            with contextlib.suppress(OSError):
                Path(self.baseFilename).chmod(0o600)
        return stream


class PrivateFormatter(logging.Formatter):
    """A formatter whose tracebacks show exception types and code, not exception messages."""

    def format(self, record: logging.LogRecord) -> str:
        # ``Formatter.format`` caches the traceback text on the record, where another handler
        # may already have put the full one, message included; ours is made afresh.
        cached = record.exc_text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: _ExcInfo) -> str:
        _, error, _ = ei
        if error is None:
            return ""
        parts: list[str] = []
        seen: set[int] = set()
        current: BaseException | None = error
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            frames = "".join(traceback.format_tb(current.__traceback__))
            parts.append(f"Traceback (most recent call last):\n{frames}{_describe(current)}")
            if current.__cause__ is not None or current.__suppress_context__:
                current = current.__cause__
            else:
                current = current.__context__
        return "\n\nThe above exception led to the following one:\n".join(reversed(parts))


def _describe(error: BaseException) -> str:
    """The exception's type; for a missing module also its name, which is never content."""
    kind = type(error).__qualname__
    if isinstance(error, ImportError) and error.name:
        return f"{kind}: {error.name}"
    return f"{kind} (message not logged)"


def configure_logging(log_dir: Path | None = None) -> Path:
    """Send the program's log records to a rotating, owner-only file; returns its path.

    Calling it again replaces the earlier file handler. When the folder cannot be written
    the program still runs, without a log file.
    """
    folder = log_dir if log_dir is not None else default_log_dir()
    path = folder / LOG_FILE
    root = logging.getLogger()
    stop_logging()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            with contextlib.suppress(OSError):
                folder.chmod(0o700)
        handler: logging.Handler = _OwnerOnlyRotatingHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(PrivateFormatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    return path


def stop_logging() -> None:
    """Close and remove the handler ``configure_logging`` installed, if any."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
