"""Errors a person can act on.

Every ``KnownError`` carries an Indonesian message that says what happened and what to do.
The window shows it in a dialog, the command line prints it as one line on stderr; neither
shows a traceback. Anything that is not a ``KnownError`` is a bug and is logged as one.
"""

from __future__ import annotations


class KnownError(Exception):
    """A failure the user can understand and fix; ``message`` is shown as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(KnownError):
    """Bad input in a form or file; ``field`` names the input it belongs to, when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class RuleViolation(KnownError):
    """An action the service standard does not allow (e.g. scheduling without assent)."""
