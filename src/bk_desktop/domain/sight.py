"""A case's confidentiality level and how much of a counselling record the signed-in account
sees (``domain.visibility`` decides; the records carry the answer so every screen and command
shows the same). Both live here, below ``domain.requests`` and ``domain.counselling``, because
a permohonan carries its case's level too."""

from __future__ import annotations

import enum
from enum import StrEnum


class Sight(enum.Enum):
    """How much of a case (and of its sessions) a viewer sees."""

    FULL = "full"
    """The owner: everything."""
    NOTES_WITHHELD = "notes_withheld"
    """Another counsellor, *biasa* or *rahasia*: the line, not the notes, until shown."""
    EXISTS_ONLY = "exists_only"
    """Another counsellor, *sangat rahasia*: "ada kasus" and whose; nothing else."""

    @property
    def may_show_notes(self) -> bool:
        return self is not Sight.EXISTS_ONLY


class Confidentiality(StrEnum):
    BIASA = "biasa"
    RAHASIA = "rahasia"
    SANGAT_RAHASIA = "sangat_rahasia"

    @property
    def label(self) -> str:
        return {
            Confidentiality.BIASA: "Biasa",
            Confidentiality.RAHASIA: "Rahasia",
            Confidentiality.SANGAT_RAHASIA: "Sangat rahasia",
        }[self]
