"""Password → key derivation with Argon2id, its cost set as a target unlock time.

The cost is measured on the machine that sets the vault up (like KeePassXC's "decryption
time"), so an office PC pays about half a second per unlock and an attacker pays the same per
guess. Tests use ``TEST_PARAMS``, which is cheap on purpose.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw

KEY_BYTES = 32
DEFAULT_TARGET_SECONDS = 0.5
MIN_MEMORY_KIB = 8
DEFAULT_MEMORY_KIB = 64 * 1024


@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_kib: int
    parallelism: int = 1
    name: str = "argon2id"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        """Read stored parameters; values outside ``BOUNDS`` are damage (``ValueError``).

        A tampered file could otherwise hang the unlock (10 million passes), exhaust memory
        (4 TiB) or crash Argon2 (0), before any password is checked.
        """
        if data.get("name") != "argon2id":
            raise ValueError(f"unknown KDF {data.get('name')!r}")
        params = cls(
            time_cost=int(data["time_cost"]),
            memory_kib=int(data["memory_kib"]),
            parallelism=int(data["parallelism"]),
        )
        for value, (low, high) in zip(
            (params.time_cost, params.memory_kib, params.parallelism), BOUNDS, strict=True
        ):
            if not low <= value <= high:
                raise ValueError("KDF parameter out of bounds")
        return params


BOUNDS = ((1, 64), (MIN_MEMORY_KIB, 1024 * 1024), (1, 16))
"""Accepted ranges when reading: time_cost passes, memory in KiB (8 KiB – 1 GiB), lanes."""


TEST_PARAMS = KdfParams(time_cost=1, memory_kib=MIN_MEMORY_KIB)


def derive_key(secret: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        secret=secret.encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


FLOOR = KdfParams(time_cost=2, memory_kib=DEFAULT_MEMORY_KIB)
"""The least a calibrated slot gets, however fast or slow the PC: a guess must stay costly."""


def calibrate(target_seconds: float = DEFAULT_TARGET_SECONDS, *, floor: bool = True) -> KdfParams:
    """Choose Argon2id parameters that take about ``target_seconds`` here.

    Memory stays at 64 MiB (enough to hurt GPUs, small for an office PC); the number of
    passes grows until the target is met. The result is never below ``FLOOR`` (two passes,
    64 MiB) unless ``floor`` is False: only a target set explicitly (tests, the command
    line's ``BK_DESKTOP_KDF_TARGET``) may go lower, where very small targets reduce memory.
    """
    if floor:
        found = calibrate(target_seconds, floor=False)
        return KdfParams(
            time_cost=max(FLOOR.time_cost, found.time_cost),
            memory_kib=max(FLOOR.memory_kib, found.memory_kib),
        )
    target = max(0.01, target_seconds)
    memory = DEFAULT_MEMORY_KIB
    probe = KdfParams(time_cost=1, memory_kib=memory)
    start = time.perf_counter()
    derive_key("kalibrasi", b"0123456789abcdef", probe)
    one_pass = max(time.perf_counter() - start, 1e-4)
    if one_pass > target:
        memory = max(MIN_MEMORY_KIB, int(memory * target / one_pass))
        return KdfParams(time_cost=1, memory_kib=memory)
    return KdfParams(time_cost=max(1, round(target / one_pass)), memory_kib=memory)


def measure(params: KdfParams) -> float:
    """Seconds one derivation takes here with ``params``."""
    start = time.perf_counter()
    derive_key("pengukuran", b"0123456789abcdef", params)
    return time.perf_counter() - start
