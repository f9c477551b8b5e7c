"""Settings rows: one key, one JSON value."""

from __future__ import annotations

import json
from typing import Any

from bk_desktop.domain.settings import Settings
from bk_desktop.storage.database import Database


def load_settings(db: Database) -> Settings:
    values = {
        row["key"]: json.loads(row["value"]) for row in db.all("SELECT key, value FROM setting")
    }
    return Settings.from_values(values)


def save_settings(db: Database, settings: Settings) -> list[str]:
    """Write every field that differs from what is stored; returns the changed names."""
    current = load_settings(db).to_values()
    changed = [k for k, v in settings.to_values().items() if current.get(k) != v]
    for key in changed:
        set_value(db, key, settings.to_values()[key])
    return changed


def set_value(db: Database, key: str, value: Any) -> None:
    db.execute(
        "INSERT INTO setting (key, value) VALUES (:key, :value) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {"key": key, "value": json.dumps(value)},
    )


def get_value(db: Database, key: str, default: Any = None) -> Any:
    raw = db.scalar("SELECT value FROM setting WHERE key = :key", {"key": key})
    return default if raw is None else json.loads(raw)
