"""The reminders due now for the signed-in counsellor (``domain/reminders.py`` decides).

Public API: ``ReminderService(workspace).due(said)`` → the ``Reminder``s to say now that are
not in ``said``. It only reads: the counsellor's planned sessions starting within the minutes
of ``Settings.reminder_minutes``, and every permohonan whose 1×24 h clock still runs (the
clock is the team's, so any counsellor may be the one to agree a time). Raises what a read
of the vault raises (``VaultError``s) and nothing else.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from datetime import timedelta

from bk_desktop.domain.counselling import SessionRecord
from bk_desktop.domain.reminders import Reminder, ReminderKey, due_reminders
from bk_desktop.domain.requests import WAITING
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.requests import RequestService
from bk_desktop.services.workspace import Workspace


class ReminderService:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def due(self, said: AbstractSet[ReminderKey]) -> list[Reminder]:
        workspace = self.workspace
        if not workspace.viewer.is_counsellor:
            return []  # the kepala sekolah holds no sessions and agrees no times
        now = workspace.now()
        settings = workspace.settings()
        minutes = settings.reminder_minutes
        sessions: list[SessionRecord] = []
        if minutes > 0:
            # The query's upper bound is exclusive; the rule includes a start exactly at the edge.
            window = (now, now + timedelta(minutes=minutes, seconds=1))
            sessions = CounsellingService(workspace).sessions(
                starts=window, counsellor_id=workspace.account.id
            )
        waiting = [item.record for item in RequestService(workspace).list(WAITING, now=now)]
        return due_reminders(
            now,
            sessions=sessions,
            waiting=waiting,
            said=said,
            minutes_before=minutes,
            zone=settings.zone,
        )


__all__ = ["ReminderService"]
