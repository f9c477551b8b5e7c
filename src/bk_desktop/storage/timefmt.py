"""Instants are stored as ISO-8601 UTC text ending in Z; these are the only way in and out."""

from __future__ import annotations

from datetime import UTC, datetime


def to_text(instant: datetime) -> str:
    if instant.tzinfo is None:
        raise ValueError("naive datetimes are not stored")
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_text(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
