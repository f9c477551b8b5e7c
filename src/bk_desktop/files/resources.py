"""The one way to find what the program ships: icons, fonts and translations.

Everything read at run time lives in the package as package data (``bk_desktop/resources``),
so a wheel, an editable install, a test run and a PyInstaller bundle all find it the same way:
through ``importlib.resources``. Nothing walks up from ``__file__`` to a checkout.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


class MissingResource(RuntimeError):
    """The installation is incomplete: a shipped file is not where the package keeps it."""


def resource_path(*parts: str) -> Path:
    """The file or folder ``bk_desktop/resources/<parts…>`` as a real path on disk.

    Qt and reportlab open files by name, so a path is what callers need. The package is always
    installed as plain files (a wheel, an editable install or a one-folder bundle); a zipped
    install, where no such path exists, is refused with :class:`MissingResource`.
    """
    target = files("bk_desktop").joinpath("resources", *parts)
    if not isinstance(target, Path):
        raise MissingResource(
            f"bk_desktop/resources/{'/'.join(parts)} is not a file on disk ({type(target)!r})"
        )
    return target
