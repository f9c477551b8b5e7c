"""Reading and changing the school's settings, and the kop surat made from them.

Public API of ``SettingsService``:

- ``get()`` / ``save(settings)``: the settings record; ``save`` cleans, validates
  (``ValidationError`` naming the field) and audits what changed.
- ``set_logo(slot, source)``: read a picture file, check it and keep it as the kop's left or
  right logo (``ValidationError`` with field ``left_logo``/``right_logo`` for a missing,
  unreadable, oversized or non-PNG/JPEG file; see ``services/logo_image.py``).
- ``remove_logo(slot)``, ``logo(slot)``, ``logos()``: take out and read the stored logos.
- ``letterhead()``: the ``reports.letterhead.Letterhead`` every printed document starts with.

Every change is one transaction with one ``SETTINGS_CHANGED`` audit event; a logo's event
names its slot, never its content.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.settings import LogoSlot, Settings, StoredLogo
from bk_desktop.domain.text import (
    LINE_MAX,
    NAME_MAX,
    NOTE_MAX,
    clean_line,
    clean_text,
    length_problem,
)
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import letterhead_repo, settings_repo

if TYPE_CHECKING:
    # reportlab and Pillow load when a document or a logo is made, not with the window
    # (every tab reaches this service through ``ui/context.py``).
    from bk_desktop.reports.letterhead import Letterhead
    from bk_desktop.services.logo_image import PreparedLogo

_NAMES = {"school_name": "Nama sekolah", "city": "Kota", "principal_name": "Nama kepala sekolah"}
_LINES = {
    "government_line": "Baris pemerintah pada kop",
    "agency_line": "Baris dinas pada kop",
    "address_line": "Baris alamat pada kop",
    "school_phone": "Nomor telepon",
    "school_email": "Alamat pos-el",
    "school_website": "Alamat laman",
    "letter_code": "Kode klasifikasi surat",
    "letter_number_format": "Format nomor surat",
}


def clean_settings_text(settings: Settings) -> Settings:
    """``settings`` with its free text cleaned; ``ValidationError`` for text over its limit."""
    values: dict[str, Any] = {}
    for fields, limit in ((_NAMES, NAME_MAX), (_LINES, LINE_MAX)):
        for field, what in fields.items():
            values[field] = clean_line(getattr(settings, field))
            problem = length_problem(values[field], limit, what)
            if problem is not None:
                raise ValidationError(problem, field)
    protocol = clean_text(settings.emergency_protocol)
    problem = length_problem(protocol, NOTE_MAX, "Protokol darurat")
    if problem is not None:
        raise ValidationError(problem, "emergency_protocol")
    return replace(settings, emergency_protocol=protocol, **values)


class SettingsService:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def get(self) -> Settings:
        return self.workspace.settings()

    def save(self, settings: Settings) -> list[str]:
        """Validate and store; returns the names of the settings that changed.

        Text is cleaned first by the domain's rules (``domain.text``): the letterhead lines and
        names are one line each, the emergency protocol keeps its lines, and none holds control
        characters. The backup folder is a path and is kept exactly as chosen.
        """
        cleaned = clean_settings_text(settings).validated()
        db = self.workspace.db
        with db.transaction():
            changed = settings_repo.save_settings(db, cleaned)
            if changed:
                # The audit's change notice also drops the workspace's cached settings.
                self.workspace.audit(AuditKind.SETTINGS_CHANGED, detail=",".join(sorted(changed)))
        return changed

    # -- the kop's logos ----------------------------------------------------------------------

    def set_logo(self, slot: LogoSlot, source: Path) -> None:
        """Keep the picture at ``source`` as the kop's logo in ``slot`` (replacing one there).

        The file is read and checked before the transaction opens, so a refused picture
        changes nothing; what is stored is the program's own small PNG of it.
        """
        from bk_desktop.services.logo_image import prepare_logo  # noqa: PLC0415 - Pillow

        self._keep_logo(slot, prepare_logo(source, slot))

    def set_logo_image(self, slot: LogoSlot, data: bytes, name: str) -> None:
        """``set_logo`` for a picture already in memory (the demo's drawn logos); ``name`` is
        what a refusal calls it."""
        from bk_desktop.services.logo_image import prepare_logo_bytes  # noqa: PLC0415

        self._keep_logo(slot, prepare_logo_bytes(data, name, slot))

    def _keep_logo(self, slot: LogoSlot, prepared: PreparedLogo) -> None:
        db = self.workspace.db
        with db.transaction():
            letterhead_repo.save_logo(
                db,
                slot,
                prepared.png,
                width=prepared.width,
                height=prepared.height,
                now=self.workspace.now(),
                account_id=self.workspace.account.id,
            )
            self.workspace.audit(AuditKind.SETTINGS_CHANGED, detail=f"{slot.value}_logo")

    def remove_logo(self, slot: LogoSlot) -> bool:
        """Take the logo out of ``slot``; False (and no audit event) when there was none."""
        db = self.workspace.db
        with db.transaction():
            removed = letterhead_repo.remove_logo(db, slot)
            if removed:
                self.workspace.audit(
                    AuditKind.SETTINGS_CHANGED, detail=f"{slot.value}_logo:removed"
                )
        return removed

    def logo(self, slot: LogoSlot) -> bytes | None:
        """The PNG stored for ``slot``, or None."""
        return letterhead_repo.logo_image(self.workspace.db, slot)

    def logos(self) -> dict[LogoSlot, StoredLogo]:
        """The stored logos with their size and who changed them when."""
        return letterhead_repo.stored_logos(self.workspace.db)

    def letterhead(self) -> Letterhead:
        """The kop surat as the settings and logos stand now."""
        from bk_desktop.reports.letterhead import Letterhead  # noqa: PLC0415 - reportlab

        settings = self.get()
        return Letterhead(
            government_line=settings.government_line,
            agency_line=settings.agency_line,
            school_name=settings.school_name,
            address_line=settings.address_line,
            contact_line=settings.contact_line,
            left_logo=self.logo(LogoSlot.LEFT),
            right_logo=self.logo(LogoSlot.RIGHT),
        )
