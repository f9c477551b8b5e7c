"""Time as a dependency: services ask a ``Clock`` instead of calling ``datetime.now``.

All stored instants are aware UTC datetimes; the school's zone is applied only for display
and for rules that talk about local days (school days, "today").
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant as an aware UTC datetime."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that stands still until moved; used by tests and the demo-data generator."""

    def __init__(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._instant = instant.astimezone(UTC)

    def now(self) -> datetime:
        return self._instant

    def advance(self, **delta: float) -> None:
        self._instant += timedelta(**delta)
