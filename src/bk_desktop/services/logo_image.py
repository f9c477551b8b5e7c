"""A picture chosen as a kop logo, checked and made into the small PNG the vault keeps.

The file comes from anywhere on the PC (a download, a phone photo, a USB stick), so it is
treated as hostile: only PNG and JPEG by their first bytes (never by the name), at most
``MAX_FILE_BYTES``, and its pixel size is read from the header and refused above
``MAX_PIXELS`` *before* anything is decoded, so a small file that unpacks into gigabytes (a
decompression bomb) never reaches memory. What is kept is re-drawn into a new PNG of at most
``MAX_SIDE`` pixels on its long side: the kop prints a logo about 22 mm wide, for which 600
pixels are well over 600 dpi, and a new image carries none of the original's metadata (EXIF,
GPS position, camera, comments).
"""

from __future__ import annotations

import errno
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.settings import LogoSlot

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_SIDE = 600
MAX_PIXELS = 40_000_000
"""Larger than any scan of a logo (a 6,000 × 6,000 photograph is 36 million pixels)."""

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
_ACCEPTED = "Pilih gambar PNG atau JPEG (.png, .jpg)."


@dataclass(frozen=True)
class PreparedLogo:
    png: bytes
    width: int
    height: int


def _refused(slot: LogoSlot, message: str) -> ValidationError:
    return ValidationError(message, f"{slot.value}_logo")


def _read(source: Path, slot: LogoSlot) -> bytes:
    """The file's bytes, or a refusal that says which of the usual things went wrong."""
    name = source.name
    try:
        with source.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _refused(
            slot, f"Berkas “{name}” tidak ditemukan; mungkin sudah dipindah atau dihapus."
        ) from None
    except IsADirectoryError:
        raise _refused(slot, f"“{name}” adalah folder, bukan gambar. {_ACCEPTED}") from None
    except PermissionError:
        raise _refused(
            slot,
            f"Berkas “{name}” tidak boleh dibaca oleh akun Windows/Linux ini. Salin gambar ke "
            "folder Dokumen lalu pilih salinannya.",
        ) from None
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM):
            raise _refused(
                slot, f"Berkas “{name}” tidak boleh dibaca. Salin ke folder Dokumen dulu."
            ) from None
        raise _refused(
            slot,
            f"Berkas “{name}” tidak dapat dibaca (diska atau flashdisk bermasalah?). Salin "
            "gambar ke folder Dokumen lalu coba lagi.",
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise _refused(
            slot,
            f"Berkas “{name}” lebih dari 5 MB. Pilih gambar yang lebih kecil, atau perkecil "
            "dulu (logo cukup 600 piksel).",
        )
    return data


def _number(value: int) -> str:
    """Thousands separated the Indonesian way: 12.000."""
    return f"{value:,}".replace(",", ".")


def _kind(data: bytes) -> str | None:
    if data.startswith(_PNG_MAGIC):
        return "PNG"
    if data.startswith(_JPEG_MAGIC):
        return "JPEG"
    return None


def prepare_logo(source: Path, slot: LogoSlot) -> PreparedLogo:
    """The chosen picture as a clean PNG of at most ``MAX_SIDE`` pixels, or a
    ``ValidationError`` (field ``left_logo``/``right_logo``) in Indonesian."""
    return prepare_logo_bytes(_read(source, slot), source.name, slot)


def prepare_logo_bytes(data: bytes, name: str, slot: LogoSlot) -> PreparedLogo:
    """``prepare_logo`` for a picture already in memory; ``name`` is what messages call it."""
    kind = _kind(data)
    if kind is None:
        raise _refused(slot, f"Berkas “{name}” bukan gambar PNG atau JPEG. {_ACCEPTED}")
    broken = _refused(
        slot,
        f"Gambar “{name}” rusak atau tidak lengkap dan tidak dapat dibuka. Simpan ulang "
        "gambarnya sebagai PNG lalu coba lagi.",
    )
    with warnings.catch_warnings():
        # Pillow's own bomb check warns before it refuses; here both mean "too many pixels".
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=[kind])  # reads the header only
            width, height = image.size
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            width, height = MAX_PIXELS, MAX_PIXELS  # refused just below
        except (OSError, SyntaxError, ValueError):
            raise broken from None
        if width * height > MAX_PIXELS:
            raise _refused(
                slot,
                f"Gambar “{name}” terlalu besar ukurannya ({_number(width)} × "
                f"{_number(height)} piksel); pilih gambar paling besar 6.000 × 6.000 piksel.",
            )
        try:
            image.draft("RGB", (MAX_SIDE, MAX_SIDE))  # a JPEG decodes at a smaller scale
            image.load()
            upright = ImageOps.exif_transpose(image)  # a phone photo stands as it was taken
            has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
            drawn = upright.convert("RGBA" if has_alpha else "RGB")
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise broken from None
    drawn.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # A new image holds pixels only: nothing of the source's EXIF, GPS, ICC or text chunks.
    clean = Image.new(drawn.mode, drawn.size)
    clean.paste(drawn)
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return PreparedLogo(out.getvalue(), clean.width, clean.height)
