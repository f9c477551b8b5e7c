"""Key derivation for the key slots a command writes (``init``, ``passwd``, ``--demo``)."""

from __future__ import annotations

from collections.abc import Mapping

from bk_desktop.domain.errors import KnownError
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.storage.kdf import KdfParams

KDF_TARGET_ENV = "BK_DESKTOP_KDF_TARGET"


class _TargetKdfChooser(KdfChooser):
    """Calibrates for the vault's target, or for ``BK_DESKTOP_KDF_TARGET`` when it is set."""

    def __init__(self, override: float | None) -> None:
        super().__init__()
        self._override = override

    def params(self, target_seconds: float) -> KdfParams:
        return super().params(self._override if self._override is not None else target_seconds)


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
