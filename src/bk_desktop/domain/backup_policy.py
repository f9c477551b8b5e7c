"""Which automatic backups to keep: 7 daily, 4 weekly, 12 monthly (like Anki and Time Machine).

The newest backup of each of the last 7 days with a backup, of the last 4 ISO weeks and of the
last 12 months is kept; the rest may be deleted. The newest backup is always kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import date, datetime
from typing import TypeVar

T = TypeVar("T")

DAILY = 7
WEEKLY = 4
MONTHLY = 12


def backups_to_keep(
    items: Sequence[T],
    when: Callable[[T], datetime],
    *,
    daily: int = DAILY,
    weekly: int = WEEKLY,
    monthly: int = MONTHLY,
) -> set[int]:
    """Indexes into ``items`` of the backups to keep."""
    order = sorted(range(len(items)), key=lambda i: when(items[i]), reverse=True)
    keep: set[int] = set(order[:1])

    def bucket(key: Callable[[date], Hashable], count: int) -> None:
        seen: list[Hashable] = []
        for i in order:
            k = key(when(items[i]).date())
            if k in seen:
                continue
            if len(seen) == count:
                break
            seen.append(k)
            keep.add(i)

    bucket(lambda d: d, daily)
    bucket(lambda d: d.isocalendar()[:2], weekly)
    bucket(lambda d: (d.year, d.month), monthly)
    return keep
