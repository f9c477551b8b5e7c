"""What a write changed, as the screens see it: kinds of records, never the records themselves.

Every write in a service records an audit event in its transaction, and every audit kind says
which kinds of records it changes (``AuditKind.changes``). When the transaction commits, the
workspace sends one notice with the union of those kinds; each screen subscribes to the kinds
it shows and refreshes itself. Nobody keeps a table of "after X refresh A, B and C" (the shape
of Anki's ``OpChanges`` and qutebrowser's ``config.changed``).
"""

from __future__ import annotations

import enum


class Change(enum.StrEnum):
    STUDENTS = "students"
    REQUESTS = "requests"
    SCREENINGS = "screenings"
    SESSIONS = "sessions"
    CASES = "cases"
    COMPLAINTS = "complaints"
    # Data-protection registers: data requests and incidents (Beranda's countdowns, Privasi).
    PRIVACY = "privacy"
    SETTINGS = "settings"
    ACCOUNTS = "accounts"
    # The vault as a file: backups, restores, integrity checks (Beranda's vault tiles).
    VAULT = "vault"
    # Unsaved forms kept in the vault across a lock (Beranda lists the old ones).
    DRAFTS = "drafts"


Changes = frozenset[Change]

NOTHING: Changes = frozenset()
