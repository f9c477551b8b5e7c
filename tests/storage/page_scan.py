"""Decrypt every page of a vault file and its WAL, by SQLCipher 4's documented page format.

For tests only: proves that something is, or is not, anywhere in the file — live pages, free
pages and journal frames alike — which SQL cannot see. SQLCipher 4 defaults: pages of 4096
bytes with 80 reserved at the end of each (a 16-byte IV, then a 64-byte HMAC-SHA512); the
first 16 bytes of the file are the salt, and page 1's ciphertext starts after them. The vault
is keyed with a raw 256-bit key (``PRAGMA key = "x'…'"``, ``storage/database.connect_raw``),
which SQLCipher uses as the AES-256-CBC key as it is, without PBKDF2.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
IV = 16
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def decrypt_page(page: bytes, key: bytes, *, first: bool) -> bytes:
    """The plaintext of one encrypted page (page 1 without its salt)."""
    assert len(page) == PAGE
    start = SALT if first else 0
    iv = page[PAGE - RESERVE : PAGE - RESERVE + IV]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start : PAGE - RESERVE]) + decryptor.finalize()


def file_pages(path: Path, key: bytes) -> Iterator[bytes]:
    data = path.read_bytes()
    assert len(data) % PAGE == 0, f"{path.name} is not whole pages"
    for number in range(len(data) // PAGE):
        yield decrypt_page(data[number * PAGE : (number + 1) * PAGE], key, first=number == 0)


def wal_pages(path: Path, key: bytes) -> Iterator[bytes]:
    """Every frame of the WAL, valid or left over from an earlier generation."""
    if not path.exists():
        return
    data = path.read_bytes()
    if len(data) < WAL_HEADER:
        return
    (page_size,) = struct.unpack(">I", data[8:12])
    assert page_size == PAGE
    offset = WAL_HEADER
    while offset + FRAME_HEADER + PAGE <= len(data):
        (number,) = struct.unpack(">I", data[offset : offset + 4])
        page = data[offset + FRAME_HEADER : offset + FRAME_HEADER + PAGE]
        yield decrypt_page(page, key, first=number == 1)
        offset += FRAME_HEADER + PAGE


def page_count(database: Path) -> int:
    return database.stat().st_size // PAGE


def occurrences(database: Path, key: bytes, needles: list[bytes]) -> dict[bytes, int]:
    """How many pages of the vault file and of its WAL hold each needle."""
    found = dict.fromkeys(needles, 0)
    wal = database.with_name(database.name + "-wal")
    for plain in (*file_pages(database, key), *wal_pages(wal, key)):
        for needle in needles:
            if needle in plain:
                found[needle] += 1
    return found


def looks_like_sqlite(database: Path, key: bytes) -> bool:
    """Page 1 decrypted holds the SQLite header's fields after the salt's place (the page size
    at offset 16 of the real header is the first two bytes of what we decrypt)."""
    first = next(file_pages(database, key))
    return struct.unpack(">H", first[0:2])[0] in {PAGE, 1}
