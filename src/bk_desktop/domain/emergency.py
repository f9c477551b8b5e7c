"""Tindakan darurat: what was done for a student in danger, and why darurat stays in view.

A permohonan received as darurat, or one whose screening judged the risk darurat, must not
disappear from Beranda because of what the screening decided next (bimbingan klasikal, a
referral, "tidak perlu tindak lanjut") nor look like an ordinary request with "Sisa 23 jam".
The emergency is over for the program only when someone records *who* acted, *when*, and
*what* was done: a tindakan darurat. Until then the request stays on top of Beranda whatever
its status.

Intake and screening judge urgency separately. The screening may judge the risk lower or
higher than the urgency set at intake; until a tindakan darurat is recorded the higher of the
two is what counts (``domain.requests.shown_urgency``), because a lower second look must not
hide a first alarm nobody has acted on. Once an action is recorded, the screening's judgement
stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.reasons import is_reason

FUTURE_TOLERANCE = timedelta(minutes=5)
"""A PC clock a few minutes slow may put "just now" slightly ahead."""

ACTOR_MAX = 200
ACTION_MAX = 2000


@dataclass(frozen=True)
class EmergencyActionForm:
    """One tindakan darurat as the counsellor writes it down: who, when, what."""

    done_at: datetime
    actor: str
    """Who acted: a name and role, e.g. "Bu Sari (guru BK) dan wali kelas"."""
    action: str
    """What was done: "Siswa diamankan di ruang BK, orang tua dihubungi pukul 10.15"."""

    def validate(self, *, received_at: datetime, now: datetime) -> list[ValidationError]:
        """Every problem, tagged by field (``actor``, ``done_at``, ``action``)."""
        errors: list[ValidationError] = []
        actor = " ".join(self.actor.split())
        if not actor:
            errors.append(
                ValidationError(
                    "Tuliskan siapa yang melakukan tindakan darurat (nama dan perannya).", "actor"
                )
            )
        elif len(actor) > ACTOR_MAX:
            errors.append(
                ValidationError(f"Nama pelaku paling panjang {ACTOR_MAX} karakter.", "actor")
            )
        if self.done_at.tzinfo is None or self.done_at.utcoffset() is None:
            errors.append(ValidationError("Waktu harus menyertakan zona waktu.", "done_at"))
        elif self.done_at > now + FUTURE_TOLERANCE:
            errors.append(
                ValidationError("Waktu tindakan darurat tidak boleh di masa depan.", "done_at")
            )
        elif self.done_at < received_at:
            errors.append(
                ValidationError(
                    "Waktu tindakan darurat tidak boleh sebelum permohonan diterima.", "done_at"
                )
            )
        action = " ".join(self.action.split())
        if not is_reason(action):
            errors.append(
                ValidationError(
                    "Tuliskan apa yang sudah dilakukan (mis. siswa diamankan di ruang BK, orang "
                    "tua dihubungi), paling sedikit tiga huruf dan bukan isian seperti “-”.",
                    "action",
                )
            )
        elif len(action) > ACTION_MAX:
            errors.append(
                ValidationError(f"Uraian tindakan paling panjang {ACTION_MAX} karakter.", "action")
            )
        return errors


@dataclass(frozen=True)
class EmergencyAction:
    """A recorded tindakan darurat on a permohonan."""

    id: int
    request_id: int
    done_at: datetime
    actor: str
    action: str
    recorded_at: datetime
    recorded_by: str | None
