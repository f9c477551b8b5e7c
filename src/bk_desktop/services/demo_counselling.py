"""Synthetic cases and counselling sessions: what became of every scheduled demo permohonan.

Public API::

    fill_counselling(workspace, rng: random.Random, *, first_request_id: int,
                     progress: Callable[[str, int], None] | None = None) -> dict[str, int]
        # counts: cases, sessions, held, action_items, follow_ups, joined

The students step leaves each scheduled permohonan at *terjadwal* with its first session
planned. This step plays each of them forward in time order, as its guru BK would have recorded
it, and stops at the demo's "now":

- the first held session opens a case (pertemuan ke-1) and the permohonan is *dalam proses*;
  a case runs to 1–6 held sessions, a week or so apart, on school days and hours;
- a held session has its actual times, notes, the laiseg (UCA), 2–3 alternatives with one
  chosen and 1–3 action items (what, with whose support, due and review dates; reviewed
  *terlaksana* / *tidak terlaksana* once the review date has passed, a few left unreviewed);
  it is finalised shortly after, and a few finalised records get an addendum;
- some planned sessions are cancelled or missed (*batal*, *tidak hadir*) with a reason and
  planned again; a missed first session sends the permohonan back to wait for a new time, as
  the service does; a few recent ones were never recorded (*perlu dicatat*), and the future
  ones stay *terjadwal* (today, tomorrow, next week);
- finalising a session with action items plans a laijapen (``laijapen_due``) unless one is
  waiting; closing a case (*selesai* or *tindak lanjut*, with date and reason) finishes its
  permohonan (*selesai*) and plans the laijapang (``laijapang_due``); follow-ups whose date
  has passed have their result, but for a few recent ones left due;
- a student whose case is still open when a new permohonan's session comes is already being
  helped: the new permohonan is closed with that reason and its slot cancelled.

The texts come from ``demo_phrases`` by the case's bidang; lengths outside 30–45 minutes carry
a reason. Rows are written in batches, one transaction each, audited as ``demo_data`` with the
counts only; ``progress("sessions", done)`` is called after each committed batch. Permohonan made
before ``first_request_id`` (an earlier demo run, a school's own) are left alone.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from bk_desktop.domain import requests as request_rules
from bk_desktop.domain.academic import Term, current_term
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.counselling import (
    ActionItemDraft,
    ActionStatus,
    Alternative,
    CaseDraft,
    CaseStatus,
    Confidentiality,
    FollowUpKind,
    SessionMode,
    SessionPlan,
    SessionReport,
    SessionStatus,
    laijapang_due,
    laijapen_due,
    length_needs_reason,
    parse_bidang,
)
from bk_desktop.domain.requests import Assent, RequestStatus
from bk_desktop.domain.screening import Bidang
from bk_desktop.services.demo_phrases import (
    ABSENT_REASONS,
    ADDENDA,
    APPROACHES,
    CANCEL_REASONS,
    CLOSE_REASONS,
    DURATION_REASONS,
    JOINED_REASON,
    LAIJAPANG_RESULTS,
    LAIJAPEN_RESULTS,
    LONG_PLANS,
    PHRASES,
    PLANNED_LENGTHS,
    SESSION_NOTES,
    TECHNIQUES,
    BidangPhrases,
)
from bk_desktop.services.demo_slots import counsellor_rooms, free_start
from bk_desktop.services.demo_students import school_day_on_or_after
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import counselling_repo, requests_repo
from bk_desktop.storage.database import Database, Row
from bk_desktop.storage.timefmt import from_text

__all__ = ["fill_counselling"]

REQUEST_BATCH = 100
HELD_WEIGHTS = ((1, 8), (2, 13), (3, 21), (4, 24), (5, 19), (6, 15))
"""How many sessions a case holds (1–6, about 3.8 on average)."""
SETTLE = timedelta(minutes=15)
"""A session this long past its planned end is over; one nearer "now" is left as planned."""
RECENT = timedelta(days=7)
"""Sessions of the last week may still wait to be recorded (*perlu dicatat*): one in four."""

T = TypeVar("T")
Progress = Callable[[str, int], None]


def _weighted(rng: random.Random, pairs: Sequence[tuple[T, int]]) -> T:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


@dataclass
class _Tally:
    cases: int = 0
    sessions: int = 0
    held: int = 0
    action_items: int = 0
    follow_ups: int = 0
    joined: int = 0


@dataclass
class _Scheduled:
    """A permohonan the students step left at *terjadwal*, with its first planned session."""

    request_id: int
    student_id: int
    received_at: datetime
    agreed_at: datetime
    serious: bool
    bidang: frozenset[Bidang]
    session_id: int
    planned_start: datetime
    counsellor: str


@dataclass
class _Case:
    """The case being played forward and the request it follows."""

    id: int
    request: _Scheduled
    phrases: BidangPhrases
    status: RequestStatus = RequestStatus.TERJADWAL
    held: int = 0
    waiting_laijapen: date | None = None
    """When the laijapen that is waiting was (or will be) recorded; ``date.max`` if never."""
    last_held: date | None = None
    open_items: list[int] = field(default_factory=list)


class _Player:
    """Writes one permohonan's sessions, case and follow-ups, moving its status as it goes."""

    def __init__(self, workspace: Workspace, rng: random.Random, terms: Sequence[Term]) -> None:
        self.workspace = workspace
        self.db: Database = workspace.db
        self.rng = rng
        self.now = workspace.now()
        self.zone: ZoneInfo = workspace.settings().zone
        self.today = self.now.astimezone(self.zone).date()
        self.terms = terms
        self.tally = _Tally()
        self.rooms = counsellor_rooms(self.db)
        self.busy_until: dict[int, date] = {}
        """Per student: the day their latest case closed (``date.max`` while it is open)."""

    # -- small helpers ---------------------------------------------------------------------

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def moment(self, day: date, counsellor_id: str, minutes: int = 60) -> datetime:
        """A session time on ``day`` when the counsellor is free (``demo_slots``)."""
        return free_start(
            self.db,
            self.rng,
            day=day,
            zone=self.zone,
            counsellor_id=counsellor_id,
            minutes=minutes,
        )

    def move(
        self,
        scheduled: _Scheduled,
        current: RequestStatus,
        target: RequestStatus,
        at: datetime,
        reason: str = "",
    ) -> RequestStatus:
        request_rules.transition(current, target, assent=Assent.BERSEDIA, reason=reason or None)
        requests_repo.set_status(
            self.db,
            scheduled.request_id,
            current,
            target,
            at=at,
            account_id=scheduled.counsellor,
            reason=reason,
        )
        if target in request_rules.STOPS_THE_CLOCK:
            requests_repo.stop_clock(self.db, scheduled.request_id, at)
        return target

    def plan(self, start: datetime, counsellor_id: str) -> SessionPlan:
        rng = self.rng
        mode = SessionMode.DARING if rng.random() < 0.05 else SessionMode.TATAP_MUKA
        place = (
            rng.choice(("Google Meet", "Panggilan video WhatsApp"))
            if mode is SessionMode.DARING
            else self.rooms.get(counsellor_id, "Ruang Konseling 1")
        )
        if rng.random() < 0.03:
            minutes, reason = rng.choice(LONG_PLANS)
            return SessionPlan(start, minutes, place, mode, reason)
        return SessionPlan(start, _weighted(rng, PLANNED_LENGTHS), place, mode)

    # -- one permohonan --------------------------------------------------------------------

    def play(self, scheduled: _Scheduled) -> None:
        student = scheduled.student_id
        first_day = self.local_day(scheduled.planned_start)
        if self.busy_until.get(student, date.min) >= first_day:
            self.join(scheduled)
            return
        session_id, start = scheduled.session_id, scheduled.planned_start
        case: _Case | None = None
        wanted = _weighted(self.rng, HELD_WEIGHTS)
        minutes = int(
            self.db.scalar(
                "SELECT planned_minutes FROM counselling_session WHERE id = :id",
                {"id": session_id},
            )
        )
        while True:
            if start + timedelta(minutes=minutes) + SETTLE > self.now:
                return  # planned: today, tomorrow or later (or just now)
            if self.now - start < RECENT and self.rng.random() < 0.25:
                return  # held or not, nothing was written yet: *perlu dicatat*
            if self.rng.random() < (0.06 if case is None else 0.08):
                session_id, plan = self.missed(scheduled, session_id, start, case)
                start, minutes = plan.start, plan.minutes
                continue
            case = self.held(scheduled, session_id, start, minutes, case)
            if case.held >= wanted:
                self.close(case)
                return
            later = start + timedelta(days=self.rng.randrange(4, 13))
            day = school_day_on_or_after(later.astimezone(self.zone))
            plan = self.plan(self.moment(day, scheduled.counsellor), scheduled.counsellor)
            minutes = plan.minutes
            session_id = self.insert_session(scheduled, case.id, plan, at=start)
            start = plan.start

    def insert_session(
        self, scheduled: _Scheduled, case_id: int | None, plan: SessionPlan, *, at: datetime
    ) -> int:
        self.tally.sessions += 1
        return counselling_repo.insert_session(
            self.db,
            request_id=scheduled.request_id,
            case_id=case_id,
            counsellor_id=scheduled.counsellor,
            plan=plan,
            now=at,
        )

    def join(self, scheduled: _Scheduled) -> None:
        """The student's case is still open: this permohonan is taken up there."""
        at = min(scheduled.agreed_at + timedelta(hours=2), self.now)
        counselling_repo.set_session_status(
            self.db, scheduled.session_id, SessionStatus.BATAL, JOINED_REASON, at
        )
        self.move(scheduled, RequestStatus.TERJADWAL, RequestStatus.DITUTUP, at, JOINED_REASON)
        self.tally.joined += 1

    def missed(
        self, scheduled: _Scheduled, session_id: int, start: datetime, case: _Case | None
    ) -> tuple[int, SessionPlan]:
        """Cancelled or missed, with its reason; planned again a few school days later."""
        rng = self.rng
        absent = rng.random() < 0.6
        status = SessionStatus.TIDAK_HADIR if absent else SessionStatus.BATAL
        reason = rng.choice(ABSENT_REASONS if absent else CANCEL_REASONS)
        noted = start + timedelta(hours=1)
        counselling_repo.set_session_status(self.db, session_id, status, reason, noted)
        later = start + timedelta(days=rng.randrange(1, 6))
        day = school_day_on_or_after(later.astimezone(self.zone))
        plan = self.plan(self.moment(day, scheduled.counsellor), scheduled.counsellor)
        if case is None:
            # The agreed slot is gone: the permohonan waits for a new time (its 1×24 h verdict
            # stays the first agreement's), which is agreed at once.
            self.move(
                scheduled,
                RequestStatus.TERJADWAL,
                RequestStatus.MENUNGGU_JADWAL,
                noted,
                f"{status.label}: {reason}",
            )
            self.move(scheduled, RequestStatus.MENUNGGU_JADWAL, RequestStatus.TERJADWAL, noted)
        case_id = None if case is None else case.id
        return self.insert_session(scheduled, case_id, plan, at=noted), plan

    def open_case(self, scheduled: _Scheduled, opened: datetime) -> _Case:
        rng, db = self.rng, self.db
        bidang = scheduled.bidang or frozenset({Bidang.PRIBADI})
        phrases = PHRASES[sorted(bidang)[0]]
        case_id = counselling_repo.insert_case(
            db,
            student_id=scheduled.student_id,
            counsellor_id=scheduled.counsellor,
            opened_at=opened,
            year=opened.astimezone(self.zone).year,
            bidang=",".join(sorted(b.value for b in bidang)),
            now=opened,
        )
        roll = rng.random()
        secret = (0.2, 0.5) if scheduled.serious else (0.02, 0.1)
        confidentiality = (
            Confidentiality.SANGAT_RAHASIA
            if roll < secret[0]
            else Confidentiality.RAHASIA
            if roll < secret[1]
            else Confidentiality.BIASA
        )
        filled = rng.random() < 0.85
        draft = CaseDraft(
            bidang=bidang,
            confidentiality=confidentiality,
            identification=rng.choice(phrases.identification) if filled else "",
            diagnosis=rng.choice(phrases.diagnosis) if filled else "",
            prognosis=rng.choice(phrases.prognosis) if filled else "",
            treatment_goal=rng.choice(phrases.goals) if filled else "",
            treatment_approach=rng.choice(APPROACHES) if filled else "",
            treatment_technique=rng.choice(TECHNIQUES) if filled else "",
        )
        counselling_repo.update_case(db, case_id, draft, opened + timedelta(hours=1))
        counselling_repo.link_request(db, scheduled.request_id, case_id)
        self.busy_until[scheduled.student_id] = date.max
        self.tally.cases += 1
        return _Case(case_id, scheduled, phrases)

    def held(
        self,
        scheduled: _Scheduled,
        session_id: int,
        start: datetime,
        planned: int,
        case: _Case | None,
    ) -> _Case:
        rng = self.rng
        actual_start = start + timedelta(minutes=rng.randrange(0, 11))
        if length_needs_reason(planned) or rng.random() < 0.03:
            minutes = planned + rng.choice((-25, -15, 10, 15, 20)) if planned <= 45 else planned
            minutes = max(15, minutes)
        else:
            minutes = min(45, max(30, planned + rng.randrange(-5, 4)))
        actual_end = actual_start + timedelta(minutes=minutes)
        if case is None:
            case = self.open_case(scheduled, actual_start)
        case.held += 1
        held_on = self.local_day(actual_start)
        phrases = case.phrases
        count = rng.choice((2, 2, 3))
        options = rng.sample(phrases.alternatives, count)
        chosen = rng.randrange(count)
        items: list[ActionItemDraft] = []
        for what, support in rng.sample(phrases.action_items, rng.choice((1, 2, 2, 3))):
            due = held_on + timedelta(days=rng.randrange(3, 22))
            review = due + timedelta(days=rng.randrange(0, 8))
            status = ActionStatus.BELUM
            if review < self.today:
                status = _weighted(
                    rng,
                    (
                        (ActionStatus.TERLAKSANA, 72),
                        (ActionStatus.TIDAK_TERLAKSANA, 18),
                        (ActionStatus.BELUM, 10),
                    ),
                )
            items.append(ActionItemDraft(what, support, due, review, status))
        report = SessionReport(
            actual_start=actual_start,
            actual_end=actual_end,
            duration_reason=(
                rng.choice(DURATION_REASONS[minutes > 45]) if length_needs_reason(minutes) else ""
            ),
            notes=rng.choice(SESSION_NOTES),
            understanding=rng.choice(phrases.understanding),
            comfort=rng.choice(phrases.comfort),
            action=rng.choice(phrases.action),
            alternatives=tuple(
                Alternative(text, chosen=i == chosen) for i, text in enumerate(options)
            ),
            action_items=tuple(items),
        )
        recorded = actual_end + timedelta(minutes=rng.randrange(5, 90))
        counselling_repo.store_report(
            self.db,
            session_id,
            case_id=case.id,
            number=case.held,
            report=report,
            now=min(recorded, self.now),
        )
        self.tally.held += 1
        self.tally.action_items += len(items)
        if case.status is RequestStatus.TERJADWAL:
            case.status = self.move(
                scheduled, RequestStatus.TERJADWAL, RequestStatus.DITANGANI, actual_end
            )
        case.last_held = held_on
        finalised = recorded + timedelta(minutes=rng.randrange(0, 60 * 30))
        if finalised <= self.now:
            self.finalise(case, session_id, finalised, held_on, items)
        return case

    def finalise(
        self,
        case: _Case,
        session_id: int,
        at: datetime,
        held_on: date,
        items: Sequence[ActionItemDraft],
    ) -> None:
        rng, db, counsellor = self.rng, self.db, case.request.counsellor
        counselling_repo.finalise(db, session_id, at=at, by=counsellor)
        finalised_on = self.local_day(at)
        if rng.random() < 0.03:
            later = at + timedelta(days=rng.randrange(1, 11))
            if later <= self.now:
                counselling_repo.insert_addendum(
                    db, session_id, at=later, by=counsellor, text=rng.choice(ADDENDA)
                )
        if not items or (case.waiting_laijapen or date.min) > finalised_on:
            return
        due = laijapen_due(held_on, (item.due_on for item in items if item.due_on))
        done = self.follow_up(case, FollowUpKind.LAIJAPEN, due, LAIJAPEN_RESULTS)
        case.waiting_laijapen = done or date.max

    def follow_up(
        self, case: _Case, kind: FollowUpKind, due: date, results: Sequence[str]
    ) -> date | None:
        """Plan a follow-up; record its result if its day has come (a few recent ones are
        left due). Returns the day it was recorded."""
        rng = self.rng
        follow_up_id = counselling_repo.insert_follow_up(self.db, case.id, kind, due)
        self.tally.follow_ups += 1
        if due > self.today or (self.today - due < timedelta(days=21) and rng.random() < 0.3):
            return None
        done = min(due + timedelta(days=rng.randrange(0, 5)), self.today)
        at = datetime.combine(done, time(13, 0), tzinfo=self.zone)
        counselling_repo.record_follow_up(
            self.db,
            follow_up_id,
            done_on=done,
            result=rng.choice(results),
            by=case.request.counsellor,
            now=min(at, self.now),
        )
        return done

    def close(self, case: _Case) -> None:
        """The last session was held: the case closes some days later, if that day has come."""
        rng = self.rng
        assert case.last_held is not None
        day = case.last_held + timedelta(days=rng.randrange(1, 15))
        if day > self.today:
            return
        done = rng.random() < 0.85
        status = CaseStatus.SELESAI if done else CaseStatus.TINDAK_LANJUT
        reason = rng.choice(CLOSE_REASONS[done])
        at = min(datetime.combine(day, time(14, 0), tzinfo=self.zone), self.now)
        counselling_repo.close_case(self.db, case.id, status, on=day, reason=reason, now=at)
        # Closing a case is when its counsellor reviews what is left of the action plan.
        for item in counselling_repo.action_items(self.db, case_id=case.id):
            if item.status is ActionStatus.BELUM:
                reviewed = _weighted(
                    rng, ((ActionStatus.TERLAKSANA, 75), (ActionStatus.TIDAK_TERLAKSANA, 25))
                )
                counselling_repo.set_action_status(self.db, item.id, reviewed, at)
        self.move(
            case.request,
            RequestStatus.DITANGANI,
            RequestStatus.SELESAI,
            at,
            f"Kasus ditutup: {reason}",
        )
        self.busy_until[case.request.student_id] = day
        term = current_term(day, self.terms)
        self.follow_up(
            case, FollowUpKind.LAIJAPANG, laijapang_due(day, term, self.terms), LAIJAPANG_RESULTS
        )


def _scheduled(db: Database, first_request_id: int) -> list[_Scheduled]:
    rows = db.all(
        "SELECT r.id, r.student_id, r.received_at, r.agreed_at, r.urgency, r.risk, "
        "  (SELECT s.bidang FROM screening s WHERE s.request_id = r.id "
        "   ORDER BY s.id DESC LIMIT 1) AS bidang, "
        "  cs.id AS session_id, cs.planned_start, cs.counsellor_id "
        "FROM request r JOIN counselling_session cs ON cs.request_id = r.id "
        "WHERE r.id >= :first AND r.status = 'terjadwal' AND cs.status = 'terjadwal' "
        "AND r.id IN (SELECT record_id FROM synthetic_record WHERE kind = 'request') "
        "ORDER BY cs.planned_start, r.id",
        {"first": first_request_id},
    )
    return [_row(row) for row in rows]


def _row(row: Row) -> _Scheduled:
    return _Scheduled(
        request_id=int(row["id"]),
        student_id=int(row["student_id"]),
        received_at=from_text(row["received_at"]),
        agreed_at=from_text(row["agreed_at"]),
        serious=row["urgency"] == "darurat" or row["risk"] in ("tinggi", "darurat"),
        bidang=parse_bidang(row["bidang"] or ""),
        session_id=int(row["session_id"]),
        planned_start=from_text(row["planned_start"]),
        counsellor=str(row["counsellor_id"]),
    )


def fill_counselling(
    workspace: Workspace,
    rng: random.Random,
    *,
    first_request_id: int,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Play every scheduled synthetic permohonan from ``first_request_id`` on forward to now;
    returns what was made."""
    db = workspace.db
    player = _Player(workspace, rng, TermService(workspace).terms())
    tally = player.tally
    scheduled = _scheduled(db, first_request_id)
    tally.sessions = len(scheduled)  # the first sessions, planned by the students step
    for start in range(0, len(scheduled), REQUEST_BATCH):
        batch = scheduled[start : start + REQUEST_BATCH]
        cases, sessions = tally.cases, tally.sessions
        with db.transaction():
            for item in batch:
                player.play(item)
            workspace.audit(
                AuditKind.DEMO_DATA,
                detail=f"cases={tally.cases - cases};sessions={tally.sessions - sessions}",
            )
        if progress is not None:
            progress("sessions", tally.sessions)
    return {
        "cases": tally.cases,
        "sessions": tally.sessions,
        "held": tally.held,
        "action_items": tally.action_items,
        "follow_ups": tally.follow_ups,
        "joined": tally.joined,
    }
