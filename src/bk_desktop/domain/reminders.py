"""What the tray reminds the signed-in counsellor of, and when.

Two things are worth interrupting someone for while the program is open: their own next
session, a set number of minutes before it starts (``Settings.reminder_minutes``), and a
permohonan whose 1×24 h clock has less than two hours left (the same "due soon" the lists
colour amber). Each is said once: the caller keeps the keys of what was said, and a key
carries the time it was about (the session's start, the clock's deadline), so a session moved
to another time is announced again at its new time.

The words never name the student, not even by initials: a notification is seen by anyone
standing near the screen, and Windows keeps the history of notifications on disk, outside the
vault (``docs/security.md``). A place is named because a counsellor needs it ("Ruang BK").

The decision is pure — now, the sessions, the waiting permohonan and what was said go in, the
reminders come out — so it is tested without Qt or a vault.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bk_desktop.domain.counselling import SessionRecord, SessionStatus
from bk_desktop.domain.dates import format_deadline, format_time
from bk_desktop.domain.deadlines import DeadlineKind
from bk_desktop.domain.requests import RequestRecord

COMBINED_TITLE = "Pengingat bk-desktop"
SESSION_TITLE = "Sesi konseling"
REQUEST_TITLE = "Permohonan menunggu jadwal"


class ReminderKind(StrEnum):
    SESSION = "sesi"
    REQUEST = "permohonan"


@dataclass(frozen=True)
class ReminderKey:
    """What a reminder was about: the record and the time it was about (a session's start, a
    permohonan's deadline). Only ids and times: the set of keys said is kept in memory."""

    kind: ReminderKind
    record_id: int
    at: datetime


@dataclass(frozen=True)
class Reminder:
    key: ReminderKey
    title: str
    text: str


def session_reminder(session: SessionRecord, zone: ZoneInfo) -> Reminder:
    """ "Sesi berikutnya pukul 09.00 — Ruang BK"; a session without a place names its mode."""
    place = " ".join(session.place.split()) or session.mode.label
    return Reminder(
        ReminderKey(ReminderKind.SESSION, session.id, session.planned_start),
        SESSION_TITLE,
        f"Sesi berikutnya pukul {format_time(session.planned_start, zone)} — {place}",
    )


def request_reminder(request: RequestRecord, zone: ZoneInfo) -> Reminder:
    """ "… batas 1×24 jam pukul 14.30 (kurang dari 2 jam lagi)"; a deadline at local midnight
    reads 23.59, as everywhere else (``format_deadline``, whose day name is dropped: the
    deadline is at most two hours away)."""
    clock = format_deadline(request.deadline_at, zone, with_date=False).split(", ", 1)[-1]
    return Reminder(
        ReminderKey(ReminderKind.REQUEST, request.id, request.deadline_at),
        REQUEST_TITLE,
        f"Permohonan menunggu jadwal: batas 1×24 jam pukul {clock} (kurang dari 2 jam lagi)",
    )


def due_reminders(
    now: datetime,
    *,
    sessions: Iterable[SessionRecord],
    waiting: Iterable[RequestRecord],
    said: AbstractSet[ReminderKey],
    minutes_before: int,
    zone: ZoneInfo,
) -> list[Reminder]:
    """The reminders to say at ``now`` that are not in ``said``, sessions first, each in time
    order.

    A planned (*terjadwal*) session is announced from ``minutes_before`` minutes before its
    start until it starts; none when ``minutes_before`` is 0. A permohonan is announced while
    its running clock is due soon (less than two hours left, not yet overdue): once a time was
    agreed its verdict is fixed, and an overdue one is already red on Beranda.
    """
    lead = timedelta(minutes=minutes_before)
    upcoming = (
        sorted(
            (
                s
                for s in sessions
                if s.status is SessionStatus.TERJADWAL and now < s.planned_start <= now + lead
            ),
            key=lambda s: (s.planned_start, s.id),
        )
        if minutes_before > 0
        else []
    )
    soon: list[RequestRecord] = []
    for request in waiting:
        state = request.clock(now)
        if state is not None and state.kind is DeadlineKind.DUE_SOON and request.agreed_at is None:
            soon.append(request)
    soon.sort(key=lambda r: (r.deadline_at, r.id))
    found = [session_reminder(s, zone) for s in upcoming]
    found += [request_reminder(r, zone) for r in soon]
    return [reminder for reminder in found if reminder.key not in said]


def still_to_remember(said: AbstractSet[ReminderKey], now: datetime) -> set[ReminderKey]:
    """The keys worth keeping at ``now``: one whose time has passed is never due again (a
    session that started, a deadline that went by), so the set stays as small as the day."""
    return {key for key in said if key.at > now}


def combined(reminders: Sequence[Reminder]) -> tuple[str, str]:
    """One notification for what is due at once: a tray keeps only its latest balloon on some
    systems, so several reminders go together, one line each."""
    if len(reminders) == 1:
        return reminders[0].title, reminders[0].text
    return COMBINED_TITLE, "\n".join(reminder.text for reminder in reminders)


__all__ = [
    "Reminder",
    "ReminderKey",
    "ReminderKind",
    "combined",
    "due_reminders",
    "request_reminder",
    "session_reminder",
    "still_to_remember",
]
