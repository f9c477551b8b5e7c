"""Saved column mappings for student files: one JSON document per named preset.

Storage may not know the importer's types, so presets pass through here as plain dicts
(``ImportPreset.to_dict``); the service turns them back into presets.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bk_desktop.storage.database import Database
from bk_desktop.storage.timefmt import to_text


def save(db: Database, name: str, data: Mapping[str, Any], now: datetime) -> None:
    """Insert or replace the preset called ``name`` (names compare case-insensitively)."""
    db.execute(
        "INSERT INTO import_preset (name, data, updated_at) VALUES (:name, :data, :now) "
        "ON CONFLICT (name) DO UPDATE SET name = excluded.name, data = excluded.data, "
        "updated_at = excluded.updated_at",
        {"name": name, "data": json.dumps(dict(data), ensure_ascii=False), "now": to_text(now)},
    )


def load_all(db: Database) -> list[tuple[str, dict[str, Any]]]:
    """(name, document) of every preset, by name; a document that is not JSON comes back {}."""
    found: list[tuple[str, dict[str, Any]]] = []
    for row in db.all("SELECT name, data FROM import_preset ORDER BY name COLLATE NOCASE"):
        try:
            data = json.loads(row["data"])
        except ValueError:
            data = {}
        found.append((row["name"], data if isinstance(data, dict) else {}))
    return found


def load(db: Database, name: str) -> dict[str, Any] | None:
    raw = db.scalar("SELECT data FROM import_preset WHERE name = :name", {"name": name})
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def delete(db: Database, name: str) -> bool:
    cursor = db.execute("DELETE FROM import_preset WHERE name = :name", {"name": name})
    return bool(cursor.rowcount)
