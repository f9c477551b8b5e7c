"""A scan (or phone photo) of a signed consent form, reduced to what the vault keeps.

The proof of a consent must be readable, not beautiful: 150 dpi greyscale reads a signature
and handwriting well, and at most ``MAX_STORED_BYTES`` (300 KB) a school of 1,500 students
keeps every form in under half a gigabyte. The file comes from anywhere (a scanner folder, a
phone, WhatsApp), so it is treated as hostile the way ``services/logo_image.py`` treats a
logo: PNG or JPEG by their first bytes only, at most ``MAX_FILE_BYTES``, the pixel size read
from the header and refused above ``MAX_PIXELS`` before anything is decoded (a decompression
bomb never reaches memory), and the kept picture is drawn anew, so none of the original's
EXIF, GPS position or other metadata goes into the vault.

A PDF scan is refused with a line saying what to do instead: rendering PDF pages would need a
PDF renderer in the non-UI layers, which the program does not ship.

Pillow is imported here, and this module only when a scan is chosen: never with the window.
"""

from __future__ import annotations

import errno
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from bk_desktop.domain.errors import KnownError, ValidationError

MAX_FILE_BYTES = 25 * 1024 * 1024
"""A phone photo of a page is 2–8 MB; a flatbed scan saved as PNG can reach 20 MB."""
MAX_PIXELS = 60_000_000
"""A 50-megapixel phone photo passes; a header claiming more is refused unread."""
MAX_STORED_BYTES = 300 * 1024
DPI = 150
A4_LONG_INCHES = 297 / 25.4
"""A photo carries no true resolution: it is taken to show one A4 page."""
SCREEN_DPI = 96
"""A resolution at or below this is a camera's or an editor's default (72, 96), not a
scanner's: a phone photo marked 72 dpi is taken as one A4 page, not as a poster."""

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
_PDF_MAGIC = b"%PDF"
_ACCEPTED = "Pilih gambar JPEG atau PNG (.jpg, .png) dari pemindai atau foto ponsel."
_FIELD = "scan"


@dataclass(frozen=True)
class ReducedScan:
    """What the vault keeps: a greyscale JPEG at ``DPI`` and its size in pixels."""

    jpeg: bytes
    width: int
    height: int


def _refused(message: str) -> ValidationError:
    return ValidationError(message, _FIELD)


def _read(source: Path) -> bytes:
    name = source.name
    try:
        with source.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _refused(
            f"Berkas “{name}” tidak ditemukan; mungkin sudah dipindah atau dihapus."
        ) from None
    except IsADirectoryError:
        raise _refused(f"“{name}” adalah folder, bukan gambar. {_ACCEPTED}") from None
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM):
            raise _refused(
                f"Berkas “{name}” tidak boleh dibaca oleh akun ini. Salin ke folder Dokumen "
                "lalu pilih salinannya."
            ) from None
        raise _refused(
            f"Berkas “{name}” tidak dapat dibaca (diska atau flashdisk bermasalah?). Salin ke "
            "folder Dokumen lalu coba lagi."
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise _refused(
            f"Berkas “{name}” lebih dari 25 MB. Pindai ulang dengan resolusi 150–300 dpi, atau "
            "kirim fotonya dalam ukuran biasa."
        )
    return data


def reduce_scan(source: Path) -> ReducedScan:
    """The chosen file as the vault keeps it, or a ``ValidationError`` (field ``scan``)."""
    return reduce_scan_bytes(_read(source), source.name)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _target_side(image: Image.Image) -> int:
    """The long side in pixels at ``DPI``: from the file's own resolution when it states a
    scanner's (above ``SCREEN_DPI``), else as one A4 page (a photo, marked 72 dpi or not)."""
    long_side = max(image.size)
    dpi = image.info.get("dpi")
    inches = A4_LONG_INCHES
    if isinstance(dpi, tuple) and dpi and isinstance(dpi[0], (int, float)) and dpi[0] > SCREEN_DPI:
        inches = min(long_side / float(dpi[0]), 2 * A4_LONG_INCHES)
    return min(long_side, round(inches * DPI))


def _png_size(data: bytes) -> tuple[int, int] | None:
    """A PNG's pixel size from its IHDR chunk, for a message when Pillow refuses to open it."""
    if len(data) >= 24 and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return None


def _grey(image: Image.Image) -> Image.Image:
    """``image`` as 8-bit greyscale. A 16-bit (``I;16``) or 32-bit (``I``) picture is scaled
    down by 256 first: ``convert("L")`` clips every value above 255, so a 16-bit scan would be
    kept as a blank white page. A 1-bit picture converts as it is (0 and 255); PNG and JPEG
    give no floating-point (``F``) pictures, but one would be clipped to 0–255 the same way."""
    if image.mode.startswith("I"):
        return image.convert("I").point(lambda value: value / 256).convert("L")
    return image.convert("L")


def reduce_scan_bytes(data: bytes, name: str) -> ReducedScan:
    """``reduce_scan`` for a file already in memory; ``name`` is what messages call it."""
    if data.startswith(_PDF_MAGIC):
        raise _refused(
            f"“{name}” adalah PDF. Pindaian PDF belum dapat disimpan; simpan halamannya "
            "sebagai gambar JPEG atau PNG (atau foto formulirnya), lalu pilih gambar itu."
        )
    if data.startswith(_PNG_MAGIC):
        kind = "PNG"
    elif data.startswith(_JPEG_MAGIC):
        kind = "JPEG"
    else:
        raise _refused(f"Berkas “{name}” bukan gambar JPEG atau PNG. {_ACCEPTED}")
    broken = _refused(
        f"Gambar “{name}” rusak atau tidak lengkap dan tidak dapat dibuka. Pindai atau foto "
        "ulang formulirnya."
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=[kind])  # reads the header only
            width, height = image.size
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            # Pillow names no size when it refuses; a PNG states it in its first chunk.
            size = _png_size(data) if kind == "PNG" else None
            stated = f" ({_number(size[0])} × {_number(size[1])} piksel)" if size else ""
            raise _refused(
                f"Gambar “{name}” terlalu besar ukurannya{stated}. Pindai dengan 150–300 dpi "
                "atau pilih foto biasa."
            ) from None
        except (OSError, SyntaxError, ValueError):
            raise broken from None
        if width * height > MAX_PIXELS:
            raise _refused(
                f"Gambar “{name}” terlalu besar ukurannya ({_number(width)} × "
                f"{_number(height)} piksel). Pindai dengan 150–300 dpi atau pilih foto biasa."
            )
        try:
            target = _target_side(image)
            image.draft("L", (target, target))  # a JPEG decodes at a smaller scale
            image.load()
            upright = ImageOps.exif_transpose(image)  # a phone photo stands as it was taken
            grey = _grey(upright)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise broken from None
    grey.thumbnail((target, target), Image.Resampling.LANCZOS)
    return _fit(grey)


def _fit(grey: Image.Image) -> ReducedScan:
    """The smallest change that brings the page under ``MAX_STORED_BYTES``: a lower JPEG
    quality first (a form is mostly white), then fewer pixels."""
    page = grey
    while True:
        # A new image holds pixels only: nothing of the source's metadata goes with it.
        clean = Image.new("L", page.size)
        clean.paste(page)
        for quality in (80, 70, 60, 50, 40):
            out = io.BytesIO()
            clean.save(out, format="JPEG", quality=quality, optimize=True, dpi=(DPI, DPI))
            if out.tell() <= MAX_STORED_BYTES:
                return ReducedScan(out.getvalue(), clean.width, clean.height)
        width, height = page.size
        page = page.resize(
            (max(1, width * 4 // 5), max(1, height * 4 // 5)), Image.Resampling.LANCZOS
        )


def remove_original(source: Path) -> None:
    """Delete the chosen original after it is kept in the vault (the user asked to), or say
    in Indonesian why it could not be deleted. A file already gone is not an error."""
    try:
        source.unlink(missing_ok=True)
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise KnownError(
                f"Berkas asli “{source.name}” tidak dapat dihapus: tidak ada izin menghapus di "
                "folder itu (atau flashdisknya terkunci). Pindaian sudah tersimpan di brankas; "
                "hapus berkas aslinya sendiri lewat pengelola berkas."
            ) from None
        raise KnownError(
            f"Berkas asli “{source.name}” tidak dapat dihapus (berkas sedang dibuka program "
            "lain, atau diska bermasalah). Pindaian sudah tersimpan di brankas; hapus berkas "
            "aslinya sendiri nanti."
        ) from None


__all__ = [
    "DPI",
    "MAX_STORED_BYTES",
    "ReducedScan",
    "reduce_scan",
    "reduce_scan_bytes",
    "remove_original",
]
