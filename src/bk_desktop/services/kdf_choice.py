"""Chooses key-derivation parameters for new key slots, measured once per target time."""

from __future__ import annotations

from bk_desktop.storage.kdf import KdfParams, calibrate


class KdfChooser:
    """Calibrates Argon2id for a target unlock time; a fixed choice serves tests and demos."""

    def __init__(self, fixed: KdfParams | None = None) -> None:
        self._fixed = fixed
        self._cache: dict[float, KdfParams] = {}

    def params(self, target_seconds: float) -> KdfParams:
        if self._fixed is not None:
            return self._fixed
        if target_seconds not in self._cache:
            self._cache[target_seconds] = calibrate(target_seconds)
        return self._cache[target_seconds]
