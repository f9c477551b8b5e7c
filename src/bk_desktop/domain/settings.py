"""The school's settings kept inside the vault, with their defaults."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bk_desktop.domain.errors import ValidationError

DEFAULT_ZONE = "Asia/Makassar"
ALLOWED_ZONES = ("Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura")


@dataclass(frozen=True)
class Settings:
    school_name: str = ""
    city: str = ""
    timezone: str = DEFAULT_ZONE
    government_line: str = ""
    agency_line: str = ""
    address_line: str = ""
    principal_name: str = ""
    principal_nip: str = ""
    auto_lock_minutes: int = 5
    kdf_target_seconds: float = 0.5
    backup_folder: str = ""
    emergency_protocol: str = (
        "1. Pastikan siswa aman dan tidak ditinggal sendirian.\n"
        "2. Hubungi kepala sekolah dan orang tua/wali segera.\n"
        "3. Bila ada bahaya bagi nyawa, hubungi layanan darurat 112 atau puskesmas terdekat.\n"
        "4. Catat waktu dan tindakan yang diambil."
    )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def to_values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> Settings:
        known = {f.name: f for f in fields(cls)}
        base = cls()
        picked: dict[str, Any] = {}
        for name, value in values.items():
            if name not in known:
                continue
            default = getattr(base, name)
            try:
                picked[name] = type(default)(value)
            except (TypeError, ValueError):
                continue
        return replace(base, **picked)

    def validated(self) -> Settings:
        """A cleaned copy, or ``ValidationError`` naming the field that is wrong."""
        name = " ".join(self.school_name.split())
        if not name:
            raise ValidationError("Nama sekolah wajib diisi.", "school_name")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError("Zona waktu tidak dikenal.", "timezone") from None
        if not 1 <= self.auto_lock_minutes <= 120:
            raise ValidationError(
                "Kunci otomatis harus antara 1 dan 120 menit.", "auto_lock_minutes"
            )
        if not 0.1 <= self.kdf_target_seconds <= 5:
            raise ValidationError(
                "Waktu buka brankas harus antara 0,1 dan 5 detik.", "kdf_target_seconds"
            )
        return replace(self, school_name=name, city=" ".join(self.city.split()))
