"""Before the window: Qt's X11 plugin aborts the process when a system library is missing, and
names the wrong one, so the command line names the missing packages first."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bk_desktop.cli import Terminal, display, main
from bk_desktop.cli.display import check_display_libraries, missing_packages, uses_xcb

ABSENT = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}  # what a minimal Debian lacked


def minimal_debian(library: str) -> bool:
    return library not in ABSENT


def test_the_missing_libraries_are_named_by_their_packages() -> None:
    assert missing_packages(minimal_debian) == ["libxcb-icccm4", "libxcb-keysyms1"]
    with pytest.raises(display.DisplayLibrariesMissing) as raised:
        check_display_libraries({}, platform="linux", loadable=minimal_debian)
    message = raised.value.message
    assert "\n" not in message
    assert "libxcb-icccm4, libxcb-keysyms1 belum terpasang" in message
    assert message.endswith("sudo apt install libxcb-icccm4 libxcb-keysyms1")
    assert "xcb-cursor" not in message  # Qt's own message names this one whatever is missing


def test_only_an_x11_window_on_linux_is_checked() -> None:
    assert uses_xcb({}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb;wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not uses_xcb({}, "win32")
    # Nothing is loaded where nothing would be.
    check_display_libraries({}, platform="win32", loadable=pytest.fail)


def test_this_system_has_what_the_window_needs_or_says_so() -> None:
    """The real loader: the test machine runs Qt under Xvfb or offscreen; either way the
    answer is a list of package names, never an exception."""
    assert set(missing_packages()) <= {package for _, package in display.XCB_LIBRARIES}


@pytest.mark.parametrize("arguments", [[], ["--demo"]])
def test_the_window_is_not_started_without_its_libraries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str]
) -> None:
    monkeypatch.setattr(display, "loads", minimal_debian)
    monkeypatch.setattr(display.sys, "platform", "linux")
    out, err = io.StringIO(), io.StringIO()
    environment = {"QT_QPA_PLATFORM": "xcb", "BK_DESKTOP_LOG_DIR": str(tmp_path / "logs")}
    code = main(
        ["--data-dir", str(tmp_path / "data"), *arguments], Terminal(None, out, err, environment)
    )
    assert code == 1
    assert err.getvalue().strip().splitlines() == [
        "Jendela tidak dapat dibuka: pustaka sistem libxcb-icccm4, libxcb-keysyms1 belum "
        "terpasang. Pasang dengan: sudo apt install libxcb-icccm4 libxcb-keysyms1"
    ]
    assert not (tmp_path / "data" / "demo").exists()  # the demo vault was not built first
