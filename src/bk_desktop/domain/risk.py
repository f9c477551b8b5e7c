"""How much danger an assessment found: one scale for every record that carries a risk.

A screening (asesmen awal) judges it first; the request keeps the latest judgement so Beranda can
put a darurat request on top. Cases and counselling sessions will carry the same scale, so it
lives in a module of its own that those records can share without importing each other.
"""

from __future__ import annotations

from enum import StrEnum


class RiskLevel(StrEnum):
    RENDAH = "rendah"
    SEDANG = "sedang"
    TINGGI = "tinggi"
    DARURAT = "darurat"

    @property
    def label(self) -> str:
        return self.value.capitalize()
