"""Before Qt opens a window on Linux: are the system libraries of its X11 plugin there?

Qt's xcb platform plugin needs eight small X11 libraries that a minimal Debian or Ubuntu does
not install. When one is missing, Qt aborts the process (it cannot be caught) with a message
that names ``xcb-cursor0`` whatever is actually missing. So the window is not started until
the same libraries load here, by the same names Qt's plugin asks the system loader for; a
missing one is a one-line Indonesian hint naming the packages to install.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable, Mapping

from bk_desktop.domain.errors import KnownError

# (library file Qt's xcb plugin loads, Debian/Ubuntu package that holds it)
XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
)


class DisplayLibrariesMissing(KnownError):
    def __init__(self, packages: list[str]) -> None:
        self.packages = packages
        names = ", ".join(packages)
        super().__init__(
            f"Jendela tidak dapat dibuka: pustaka sistem {names} belum terpasang. "
            f"Pasang dengan: sudo apt install {' '.join(packages)}"
        )


def uses_xcb(environ: Mapping[str, str], platform: str | None = None) -> bool:
    """Whether Qt would open the window through X11 (xcb) on ``platform`` (this system's)."""
    if not (platform or sys.platform).startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0].strip() == "xcb"
    # A Wayland session uses Qt's Wayland plugin, which needs none of these.
    return not environ.get("WAYLAND_DISPLAY", "").strip()


def loads(library: str) -> bool:
    """Whether the system loader finds and loads ``library`` (as Qt's plugin would)."""
    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def missing_packages(loadable: Callable[[str], bool] | None = None) -> list[str]:
    """The packages of the libraries that do not load (``loadable`` stands in for tests)."""
    check = loadable or loads
    return [package for library, package in XCB_LIBRARIES if not check(library)]


def check_display_libraries(
    environ: Mapping[str, str],
    *,
    platform: str | None = None,
    loadable: Callable[[str], bool] | None = None,
) -> None:
    """Raise ``DisplayLibrariesMissing`` when Qt would use xcb and one of its libraries is
    not installed; anywhere else (Windows, Wayland, ``offscreen``) nothing is checked."""
    if not uses_xcb(environ, platform):
        return
    missing = missing_packages(loadable)
    if missing:
        raise DisplayLibrariesMissing(missing)
