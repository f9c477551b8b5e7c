"""Key derivation for the key slots a command writes (``init``, ``passwd``, ``--demo``)."""

from __future__ import annotations

from collections.abc import Mapping

from bk_desktop.domain.errors import KnownError
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.storage.kdf import KdfParams, calibrate

KDF_TARGET_ENV = "BK_DESKTOP_KDF_TARGET"


class _TargetKdfChooser(KdfChooser):
    """Calibrates for the vault's target (never below the floor), or for
    ``BK_DESKTOP_KDF_TARGET`` exactly when it is set (tests, very old PCs)."""

    def __init__(self, override: float | None) -> None:
        super().__init__()
        self._override = override
        self._explicit: KdfParams | None = None

    def params(self, target_seconds: float) -> KdfParams:
        if self._override is None:
            return super().params(target_seconds)
        if self._explicit is None:
            self._explicit = calibrate(self._override, floor=False)
        return self._explicit


def kdf_chooser(environ: Mapping[str, str]) -> KdfChooser:
    """The chooser for new key slots; the environment may lower the target (tests, old PCs).

    The environment is the run's own (``Terminal.environ``), so a test calling ``main``
    in-process sets the target without touching ``os.environ``.
    """
    raw = environ.get(KDF_TARGET_ENV, "").strip()
    if not raw:
        return _TargetKdfChooser(None)
    try:
        target = float(raw)
    except ValueError:
        target = -1.0
    if not 0 < target <= 10:
        raise KnownError(
            f"{KDF_TARGET_ENV} harus berisi jumlah detik antara 0 dan 10, misalnya 0.5."
        )
    return _TargetKdfChooser(target)
