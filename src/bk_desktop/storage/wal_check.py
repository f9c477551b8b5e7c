"""Look at the vault's write-ahead log before SQLite recovers it, and refuse one that lies.

After a crash SQLite replays the ``-wal`` file frame by frame and stops at the first frame
whose checksum fails, silently dropping every transaction after it. For a torn last write that
is right (that transaction never committed); for one flipped byte in the middle of the file it
throws away work that was committed and reported saved. The two are told apart with SQLite's
documented WAL format (https://sqlite.org/fileformat2.html#walformat): a broken frame followed
by frames of the same generation (the header's salts) means committed transactions would be
lost. SQLCipher computes these checksums over the encrypted pages, so no key is needed.
"""

from __future__ import annotations

import struct
from pathlib import Path

from bk_desktop.storage.errors import WalDamaged

HEADER_BYTES = 32
FRAME_HEADER_BYTES = 24
_MAGIC_LITTLE = 0x377F0682
_MAGIC_BIG = 0x377F0683
_MASK = 0xFFFFFFFF


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    """SQLite's WAL checksum: Fibonacci-weighted sums of 32-bit words, continued from (s0, s1)."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & _MASK
        s1 = (s1 + words[i + 1] + s0) & _MASK
    return s0, s1


def committed_frames_would_be_lost(wal: bytes) -> bool:
    """Whether SQLite's recovery of ``wal`` would drop frames of a later, intact transaction.

    False for an empty or torn log and for frames left over from an earlier generation.
    """
    if len(wal) < HEADER_BYTES:
        return False
    magic, _version, page_size = struct.unpack(">3I", wal[:12])
    frame_bytes = FRAME_HEADER_BYTES + page_size
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return False
    frames = [
        wal[offset : offset + frame_bytes]
        for offset in range(HEADER_BYTES, len(wal) - frame_bytes + 1, frame_bytes)
    ]
    orders = {_MAGIC_LITTLE: (False,), _MAGIC_BIG: (True,)}.get(magic, (False, True))
    return any(_lost(wal[:HEADER_BYTES], frames, big=big) for big in orders)


def _lost(header: bytes, frames: list[bytes], *, big: bool) -> bool:
    salt1, salt2, c1, c2 = struct.unpack(">4I", header[16:32])
    header_ok = _checksum(header[:24], big, 0, 0) == (c1, c2)
    s0, s1 = c1, c2
    broken_at = None
    for index, frame in enumerate(frames):
        _page, _commit, f_salt1, f_salt2, f_c1, f_c2 = struct.unpack(
            ">6I", frame[:FRAME_HEADER_BYTES]
        )
        s0, s1 = _checksum(frame[:8], big, s0, s1)
        s0, s1 = _checksum(frame[FRAME_HEADER_BYTES:], big, s0, s1)
        if (f_salt1, f_salt2) != (salt1, salt2) or (s0, s1) != (f_c1, f_c2):
            broken_at = index
            break
    if broken_at is None:
        # Every frame is sound; only a damaged header would make SQLite ignore them all.
        return not header_ok and any(_commit_frame(f) for f in frames)
    if not header_ok and broken_at > 0:
        return True
    later = frames[broken_at + 1 :]
    return any(struct.unpack(">2I", f[8:16]) == (salt1, salt2) and _commit_frame(f) for f in later)


def _commit_frame(frame: bytes) -> bool:
    return int.from_bytes(frame[4:8], "big") != 0


def check_wal(wal_path: Path) -> None:
    """Refuse (``WalDamaged``) a write-ahead log whose recovery would lose committed work."""
    try:
        wal = wal_path.read_bytes()
    except FileNotFoundError:
        return
    if committed_frames_would_be_lost(wal):
        raise WalDamaged(wal_path.name)
