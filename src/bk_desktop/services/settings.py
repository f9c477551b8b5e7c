"""Reading and changing the school's settings."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.settings import Settings
from bk_desktop.domain.text import (
    LINE_MAX,
    NAME_MAX,
    NOTE_MAX,
    clean_line,
    clean_text,
    length_problem,
)
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import settings_repo

_NAMES = {"school_name": "Nama sekolah", "city": "Kota", "principal_name": "Nama kepala sekolah"}
_LINES = {
    "government_line": "Baris pemerintah pada kop",
    "agency_line": "Baris dinas pada kop",
    "address_line": "Baris alamat pada kop",
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
