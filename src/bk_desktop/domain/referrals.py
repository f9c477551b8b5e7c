"""Alih tangan kasus as a tracked record: the referral's own path after the screening.

A screening that decides alih tangan kasus records the referral — to whom (a kind of
professional and its name), why, what is shared and on which consent (``domain.screening``).
From then on the referral has a path of its own, each step dated and signed by whoever
recorded it, so the school can later show when the letter went out and what came back:

==============  ==============  =========================================================
from            to              why
==============  ==============  =========================================================
direncanakan    dikirim         the referral letter (surat rujukan) was sent
direncanakan    dibatalkan      not sent after all (the family chose another way)
dikirim         diterima        the recipient accepted the case
dikirim         ditolak         the recipient refused it
dikirim         dibatalkan      withdrawn before an answer came
diterima        selesai         the recipient finished: the case is closed there
diterima        ditolak         handed back (dikembalikan) before it was finished
==============  ==============  =========================================================

Refusing, handing back, finishing and cancelling are decisions someone must account for, so
they need a reason by the reason rule (``domain.reasons``). A referral at *selesai*, *ditolak*
or *dibatalkan* has ended; only then may the permohonan leave *dialihtangankan*: screened
again (a refused or handed-back case needs a new decision), or closed — *selesai* when the
recipient finished the case, *ditutup* in any ended case (``request_move_problem``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType

from bk_desktop.domain.reasons import reason_problem
from bk_desktop.domain.requests import RequestStatus
from bk_desktop.domain.screening import Referral, ReferralStatus

_R = ReferralStatus

REFERRAL_STEPS: Mapping[ReferralStatus, frozenset[ReferralStatus]] = MappingProxyType(
    {
        _R.DIRENCANAKAN: frozenset({_R.DIKIRIM, _R.DIBATALKAN}),
        _R.DIKIRIM: frozenset({_R.DITERIMA, _R.DITOLAK, _R.DIBATALKAN}),
        _R.DITERIMA: frozenset({_R.SELESAI, _R.DITOLAK}),
        _R.DITOLAK: frozenset(),
        _R.SELESAI: frozenset(),
        _R.DIBATALKAN: frozenset(),
    }
)
"""Allowed steps of a referral; see the module docstring for the reason behind each."""

ENDED: frozenset[ReferralStatus] = frozenset({_R.SELESAI, _R.DITOLAK, _R.DIBATALKAN})
"""A referral at one of these has nothing more to wait for."""

STEP_NEEDS_REASON: frozenset[ReferralStatus] = frozenset({_R.SELESAI, _R.DITOLAK, _R.DIBATALKAN})
"""Steps that end a referral: refusing, handing back, finishing, cancelling."""


def step_subject(current: ReferralStatus, target: ReferralStatus) -> str:
    """What the reason of a step explains, as a phrase after "alasan untuk"."""
    if target is _R.DITOLAK:
        if current is _R.DITERIMA:
            return "pengembalian kasus oleh pihak rujukan"
        return "penolakan oleh pihak rujukan"
    if target is _R.SELESAI:
        return "menyelesaikan rujukan (hasil dari pihak rujukan)"
    return "membatalkan rujukan"


def step_problem(
    current: ReferralStatus,
    target: ReferralStatus,
    *,
    on: date,
    since: date,
    today: date,
    reason: str = "",
) -> str | None:
    """Why the step ``current → target`` dated ``on`` cannot be recorded, or ``None``.

    ``since`` is the date of the referral's latest step (a step never precedes it) and
    ``today`` the school's date (a step is never in the future).
    """
    if target is current:
        return f"Rujukan sudah berstatus {current.label.lower()}."
    if target not in REFERRAL_STEPS[current]:
        if current in ENDED:
            return (
                f"Rujukan ini sudah berakhir ({current.label.lower()}); bila perlu, saring "
                "ulang permohonannya atau tutup permohonannya."
            )
        return (
            f"Rujukan berstatus {current.label.lower()} tidak dapat diubah menjadi "
            f"{target.label.lower()}."
        )
    if on > today:
        return "Tanggal langkah rujukan tidak boleh di masa depan."
    if on < since:
        return "Tanggal langkah rujukan tidak boleh sebelum langkah sebelumnya."
    if target in STEP_NEEDS_REASON:
        return reason_problem(reason, step_subject(current, target))
    return None


def request_move_problem(referral: ReferralStatus | None, target: RequestStatus) -> str | None:
    """Why a *dialihtangankan* permohonan may not move to ``target`` yet, or ``None``.

    While the referral runs the case is with the recipient: the permohonan waits. Once it
    ended it may be screened again or closed; *selesai* only when the recipient finished.
    """
    if referral is None or referral in ENDED:
        if target is RequestStatus.SELESAI and referral is not _R.SELESAI:
            return (
                "Permohonan yang dialihtangankan selesai bila rujukannya selesai. Rujukan ini "
                "ditolak, dikembalikan atau dibatalkan: saring ulang atau tutup permohonannya."
            )
        return None
    return (
        f"Rujukan permohonan ini masih berjalan ({referral.label.lower()}). Catat dulu "
        "hasilnya lewat “Rujukan…” (diterima, ditolak atau dikembalikan, selesai, "
        "dibatalkan), baru permohonannya dapat disaring ulang atau ditutup."
    )


@dataclass(frozen=True)
class ReferralRecord:
    """A stored referral: what the screening decided and where it now stands."""

    id: int
    request_id: int
    screening_id: int
    referral: Referral
    updated_at: datetime

    @property
    def status(self) -> ReferralStatus:
        return self.referral.status

    @property
    def has_ended(self) -> bool:
        return self.status in ENDED

    @property
    def next_steps(self) -> frozenset[ReferralStatus]:
        return REFERRAL_STEPS[self.status]


@dataclass(frozen=True)
class ReferralEvent:
    """One step of a referral: the day it happened, who recorded it and when, and why."""

    id: int
    referral_id: int
    on: date
    recorded_at: datetime
    recorded_by: str | None
    from_status: ReferralStatus | None
    to_status: ReferralStatus
    reason: str
