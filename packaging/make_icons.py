"""Make the program's PNG icons and the Windows ``.ico`` from the one SVG source.

    python packaging/make_icons.py           write them (after changing bk-desktop.svg)
    python packaging/make_icons.py --check   fail if a committed file no longer matches

The SVG (``src/bk_desktop/resources/icons/bk-desktop.svg``) is the source; the PNGs beside it
are what a Linux desktop shows in menus (``packaging/linux/install.sh`` copies them), and
``packaging/windows/bk-desktop.ico`` is the icon of the executable, its shortcuts and the
installer. They are committed so that a Windows build needs nothing but Python and NSIS;
``--check`` (run by ``packaging/build.py``) compares pixels, not bytes, because PNG encoders
differ between Qt versions while the picture does not.

Rendered with QtSvg, the same renderer that draws the icon inside the program.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "src" / "bk_desktop" / "resources" / "icons"
SOURCE = ICONS / "bk-desktop.svg"
ICO = ROOT / "packaging" / "windows" / "bk-desktop.ico"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 256)
# Antialiasing may round a channel differently on another CPU or Qt version; a real change
# of the picture moves far more than this.
TOLERANCE = 2


def png_path(size: int) -> Path:
    return ICONS / f"bk-desktop-{size}.png"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, QImage]) -> bytes:
    """An .ico whose entries are PNGs (read by Windows Vista and later, and by NSIS)."""
    pngs = [(size, png_bytes(images[size])) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = [], []
    for size, blob in pngs:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def ico_images(data: bytes) -> dict[int, QImage]:
    """The PNG entries of an .ico written by :func:`ico_bytes`, by size."""
    _, kind, count = struct.unpack_from("<HHH", data, 0)
    if kind != 1:
        raise ValueError("not an icon file")
    found: dict[int, QImage] = {}
    for index in range(count):
        side, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        image = QImage.fromData(data[offset : offset + length], "PNG")
        found[side or 256] = image
    return found


def same_picture(one: QImage, other: QImage) -> bool:
    if one.isNull() or other.isNull() or one.size() != other.size():
        return False
    a = one.convertToFormat(QImage.Format.Format_RGBA8888)
    b = other.convertToFormat(QImage.Format.Format_RGBA8888)
    pixels_a = bytes(a.constBits())[: a.sizeInBytes()]
    pixels_b = bytes(b.constBits())[: b.sizeInBytes()]
    return all(abs(x - y) <= TOLERANCE for x, y in zip(pixels_a, pixels_b, strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE} is not an SVG that QtSvg can draw", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in sorted({*PNG_SIZES, *ICO_SIZES})}
    if args.check:
        stale = [
            png_path(size)
            for size in PNG_SIZES
            if not same_picture(QImage(str(png_path(size))), images[size])
        ]
        committed = ico_images(ICO.read_bytes()) if ICO.is_file() else {}
        if sorted(committed) != sorted(ICO_SIZES) or not all(
            same_picture(committed[size], images[size]) for size in ICO_SIZES
        ):
            stale.append(ICO)
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        if stale:
            print("Run: python packaging/make_icons.py", file=sys.stderr)
            return 1
        print(f"icons match {SOURCE.relative_to(ROOT)}")
        return 0
    for size in PNG_SIZES:
        png_path(size).write_bytes(png_bytes(images[size]))
    ICO.parent.mkdir(parents=True, exist_ok=True)
    ICO.write_bytes(ico_bytes(images))
    print(f"wrote {len(PNG_SIZES)} PNGs in {ICONS.relative_to(ROOT)} and {ICO.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
