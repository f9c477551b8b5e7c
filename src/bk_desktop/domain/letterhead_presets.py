"""Ready kop surat lines for the usual kinds of school, so a school fills one name, not two
lines it must spell exactly.

Since 2017 (UU 23/2014) SMA, SMK and SLB negeri belong to the province and SMP and SD negeri
to the city (*kota*) or regency (*kabupaten*); their kop names that government and its
education office. A private school prints its foundation (*yayasan*) instead, and usually no
office line. The office's name differs between regions ("Dinas Pendidikan", "Dinas Pendidikan
dan Kebudayaan", …); the preset gives the most common one and the school corrects it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bk_desktop.domain.errors import ValidationError

EDUCATION_OFFICE = "DINAS PENDIDIKAN DAN KEBUDAYAAN"


class PresetKind(StrEnum):
    PROVINCE = "provinsi"
    CITY = "kota"
    REGENCY = "kabupaten"
    FOUNDATION = "yayasan"


@dataclass(frozen=True)
class LetterheadPreset:
    """One kind of kop: who it is for and the one name it needs."""

    kind: PresetKind
    title: str
    """What the choice is called: "SMA/SMK negeri (pemerintah provinsi)"."""
    needs: str
    """The name asked for: "Nama provinsi"."""
    example: str
    """A name shown as a placeholder: "Kalimantan Timur"."""
    government_template: str
    agency_template: str
    drop_words: tuple[str, ...]
    """Words a person may type before the name that the line already says ("Provinsi")."""

    def lines(self, name: str) -> tuple[str, str]:
        """The government line and agency line for ``name``, in capitals as printed.

        ``ValidationError`` (field ``preset_name``) when no name is given.
        """
        cleaned = " ".join(name.split())
        for word in self.drop_words:
            cleaned = re.sub(rf"^{word}\b\.?\s*", "", cleaned, flags=re.IGNORECASE)
        if not cleaned:
            raise ValidationError(f"{self.needs} wajib diisi untuk contoh kop ini.", "preset_name")
        upper = cleaned.upper()
        return self.government_template.format(name=upper), self.agency_template.format(name=upper)


PRESETS: tuple[LetterheadPreset, ...] = (
    LetterheadPreset(
        PresetKind.PROVINCE,
        "SMA/SMK/SLB negeri (pemerintah provinsi)",
        "Nama provinsi",
        "Kalimantan Timur",
        "PEMERINTAH PROVINSI {name}",
        EDUCATION_OFFICE,
        ("provinsi", "prov"),
    ),
    LetterheadPreset(
        PresetKind.CITY,
        "SMP/SD negeri di kota (pemerintah kota)",
        "Nama kota",
        "Bontang",
        "PEMERINTAH KOTA {name}",
        EDUCATION_OFFICE,
        ("pemerintah kota", "kota"),
    ),
    LetterheadPreset(
        PresetKind.REGENCY,
        "SMP/SD negeri di kabupaten (pemerintah kabupaten)",
        "Nama kabupaten",
        "Kutai Timur",
        "PEMERINTAH KABUPATEN {name}",
        EDUCATION_OFFICE,
        ("pemerintah kabupaten", "kabupaten", "kab"),
    ),
    LetterheadPreset(
        PresetKind.FOUNDATION,
        "Sekolah swasta (yayasan)",
        "Nama yayasan",
        "Pendidikan Bina Bangsa",
        "YAYASAN {name}",
        "",
        ("yayasan", "yys"),
    ),
)


def preset(kind: PresetKind) -> LetterheadPreset:
    return next(p for p in PRESETS if p.kind is kind)
