"""Synthetic, realistic Indonesian data: the demo vault, benchmarks, and trying things out.

Everything is drawn from ``random.Random`` seeded per step (``"<seed>/<step>"``), so the same
seed gives the same records, and adding a step later does not change what the earlier steps
make. Each step writes in batches, one transaction per batch, so an interrupted run leaves a
healthy vault holding the batches that were committed.

The steps, in order: the school's empty settings, students with their requests and
screenings (``demo_students``), the cases and counselling sessions of the scheduled requests
(``demo_counselling``, texts from ``demo_phrases``), a year of Kotak Saran entries
(``demo_complaints``), and the audit history of past school days.
Names, places and religions of every person come from one set of regional pools
(``demo_names``). Kinds of record the vault has tables for but no step makes yet are named in
``DemoSummary.not_generated``.

The work is spread over the vault's guru BK (``counsellors``: every active account unless
given; the demo vault has one per 150 students): each looks after whole rombel and receives,
screens and counsels their students' requests. A school's vault gets no new accounts.

A demo run is marked in the audit log first (``demo_data``, with the seed and sizes), so a vault
that holds synthetic records always says so, even when the run was interrupted.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PIL import Image, ImageDraw

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.domain.scheduling import CommitmentForm, CommitmentKind
from bk_desktop.domain.settings import LogoSlot, Settings
from bk_desktop.domain.students import Religion, Sex
from bk_desktop.services.backup import AUTO_PREFIX
from bk_desktop.services.calendar import CalendarService
from bk_desktop.services.demo_complaints import fill_complaints
from bk_desktop.services.demo_counselling import fill_counselling
from bk_desktop.services.demo_names import (
    STREETS,
    civil_servant_nip,
    person_name,
    pick_pool,
    random_birth,
)
from bk_desktop.services.demo_students import fill_students_and_requests
from bk_desktop.services.overview import record_counts
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import accounts_repo, audit_repo, synthetic_repo

MAX_STUDENTS = 20_000
MAX_YEARS = 10
SCHOOL_DAYS_PER_YEAR = 230
DAYS_PER_BATCH = 20

# -- the school's town: what the letterhead needs ---------------------------------------------


@dataclass(frozen=True)
class CityInfo:
    province: str
    postcode: str
    area_code: str


CITIES = {
    "Bontang": CityInfo("KALIMANTAN TIMUR", "75311", "0548"),
    "Samarinda": CityInfo("KALIMANTAN TIMUR", "75111", "0541"),
    "Balikpapan": CityInfo("KALIMANTAN TIMUR", "76111", "0542"),
    "Makassar": CityInfo("SULAWESI SELATAN", "90111", "0411"),
    "Banjarmasin": CityInfo("KALIMANTAN SELATAN", "70111", "0511"),
}
DEFAULT_CITY = "Bontang"


# -- the run ----------------------------------------------------------------------------------

Progress = Callable[[str, int], None]
"""Called after each committed batch with the kind of record and how many so far."""


@dataclass(frozen=True)
class DemoPlan:
    students: int
    years: int
    seed: int

    def validated(self) -> DemoPlan:
        if not 0 <= self.students <= MAX_STUDENTS:
            raise ValidationError(
                f"Jumlah siswa contoh harus antara 0 dan {MAX_STUDENTS}.", "students"
            )
        if not 1 <= self.years <= MAX_YEARS:
            raise ValidationError(f"Rentang tahun harus antara 1 dan {MAX_YEARS}.", "years")
        return self


@dataclass(frozen=True)
class DemoSummary:
    plan: DemoPlan
    added: dict[str, int]
    """Records added per kind (the keys of ``verify --json``), zero kinds left out."""
    settings_filled: tuple[str, ...]
    """Settings that were empty and now hold demo values (filled ones are never replaced)."""
    not_generated: tuple[str, ...]
    """Kinds the vault has tables for that this version of the generator does not make yet.
    It depends on the generator, not on the sizes: a run with ``students=0`` does not list
    students here."""


@dataclass
class _Run:
    workspace: Workspace
    plan: DemoPlan
    rng: random.Random
    progress: Progress | None
    settings_filled: list[str]
    counsellors: tuple[str, ...]
    first_request_id: int
    """Requests from this id on are this run's: later steps leave earlier ones alone."""

    def batches(self, days: Sequence[date], size: int = DAYS_PER_BATCH) -> Iterator[list[date]]:
        for start in range(0, len(days), size):
            yield list(days[start : start + size])

    def report(self, kind: str, done: int) -> None:
        if self.progress is not None:
            self.progress(kind, done)


def fill_demo(
    workspace: Workspace,
    *,
    students: int,
    years: int,
    seed: int,
    progress: Progress | None = None,
    even_with_own_records: bool = False,
    counsellors: Sequence[str] | None = None,
) -> DemoSummary:
    """Add synthetic records to the open vault; the school's own settings are kept.

    A vault that holds students or requests not made here is a school's: it is refused
    (``RealRecordsPresent``) unless ``even_with_own_records``. Every student and request made
    is tagged synthetic, so ``remove_demo`` can take them all out again. The requests and cases
    are spread over ``counsellors`` (account ids), by default every active counsellor (not a
    kepala sekolah).
    """
    plan = DemoPlan(students, years, seed).validated()
    db = workspace.db
    own = synthetic_repo.own_records(db)
    if own and not even_with_own_records:
        raise RealRecordsPresent(own)
    if counsellors is None:
        counsellors = [a.id for a in accounts_repo.list_counsellors(db)]
    first_request_id = int(db.scalar("SELECT coalesce(max(id), 0) + 1 FROM request"))
    before = record_counts(db)
    with db.transaction():
        workspace.audit(
            AuditKind.DEMO_DATA,
            detail=f"seed={plan.seed};students={plan.students};years={plan.years}",
        )
    filled: list[str] = []
    for name, step in _STEPS:
        rng = random.Random(f"{plan.seed}/{name}")  # noqa: S311 - synthetic data, not secrets
        step(
            _Run(
                workspace,
                plan,
                rng,
                progress,
                filled,
                tuple(counsellors) or (workspace.account.id,),
                first_request_id,
            )
        )
    after = record_counts(db)
    added = {k: after[k] - before.get(k, 0) for k in after if after[k] != before.get(k, 0)}
    not_generated = tuple(k for k in after if k not in GENERATED_KINDS | {"accounts"})
    return DemoSummary(plan, added, tuple(filled), not_generated)


class RealRecordsPresent(KnownError):
    def __init__(self, count: int) -> None:
        self.count = count
        super().__init__(
            f"Brankas ini sudah berisi {count} catatan yang bukan data contoh (siswa atau "
            "permohonan sekolah). Data contoh tidak ditambahkan, agar tidak bercampur dengan "
            "data sungguhan. Pakai brankas lain (--data-dir), atau tambahkan --yes bila "
            "memang disengaja."
        )


def remove_demo(workspace: Workspace) -> dict[str, int]:
    """Delete every synthetic student and request (with what hangs from them: their cases,
    sessions, action items and follow-ups) in one transaction; the school's own records stay.
    Returns how many of each were removed.

    The audit history a demo run wrote stays: the audit log is append-only.
    """
    db = workspace.db
    with db.transaction():
        removed = synthetic_repo.remove_all(db)
        workspace.audit(
            AuditKind.DEMO_DATA,
            detail=";".join(["removed", *(f"{k}={v}" for k, v in removed.items())]),
        )
    return removed


def _fill_settings(run: _Run) -> None:
    """Letterhead, principal and city, only where the school has not written its own; and two
    simple logos in the kop's empty slots, so the demo prints a full kop."""
    service = SettingsService(run.workspace)
    current = service.get()
    rng = run.rng
    city = current.city or DEFAULT_CITY
    info = CITIES.get(city, CITIES[DEFAULT_CITY])
    pool = pick_pool(rng)
    sex = rng.choice((Sex.L, Sex.P))
    title = ""
    if any(r is Religion.ISLAM for r, _ in pool.religions) and rng.random() < 0.4:
        title = "H. " if sex is Sex.L else "Hj. "
    principal = f"{title}{person_name(rng, pool, sex)}, S.Pd., M.Pd."
    nip = civil_servant_nip(rng, random_birth(rng, 1968, 1980), sex)
    address = f"Jl. {rng.choice(STREETS)} No. {rng.randint(1, 120)}, {city} {info.postcode}"
    phone = f"({info.area_code}) {rng.randint(20, 59)}{rng.randint(1000, 9999)}"
    handle = _school_handle(current.school_name or f"SMA Negeri 1 {city}")
    proposed = {
        "city": city,
        "government_line": f"PEMERINTAH PROVINSI {info.province}",
        "agency_line": "DINAS PENDIDIKAN DAN KEBUDAYAAN",
        "address_line": address,
        "school_phone": phone,
        "school_email": f"{handle}@sch.id",
        "school_website": f"{handle}.sch.id",
        "principal_name": principal,
        "principal_nip": nip,
    }
    values = current.to_values()
    missing = {k: v for k, v in proposed.items() if not str(values.get(k, "")).strip()}
    changed: list[str] = []
    if missing:
        changed = service.save(Settings.from_values({**values, **missing}))
    changed.extend(_fill_logos(service))
    if not changed:
        return
    run.settings_filled.extend(changed)
    run.report("settings", len(changed))


def _school_handle(school_name: str) -> str:
    """ "SMA Negeri 1 Bontang" as schools spell it in addresses: "sman1bontang"."""
    words = ["n" if w == "negeri" else w for w in school_name.casefold().split()]
    return "".join(c for c in "".join(words) if c.isascii() and c.isalnum()) or "sekolah"


def _star(centre: tuple[float, float], outer: float, inner: float) -> list[tuple[float, float]]:
    """The ten corners of a five-pointed star, its first point straight up."""
    x, y = centre
    corners = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = math.pi / 2 + index * math.pi / 5
        corners.append((x + radius * math.cos(angle), y - radius * math.sin(angle)))
    return corners


def _demo_logo(book: bool, colour: tuple[int, int, int]) -> bytes:
    """A coloured disc with a white star (and an open book for the school): plainly a stand-in,
    never a real emblem. Drawn with shapes only, so the program needs no font engine of
    Pillow's for it."""
    size = 300
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    white = (255, 255, 255, 255)
    draw.ellipse(
        (6, 6, size - 6, size - 6), fill=(*colour, 255), outline=(40, 40, 40, 255), width=6
    )
    draw.ellipse((30, 30, size - 30, size - 30), outline=white, width=5)
    if book:
        draw.polygon([(70, 150), (147, 170), (147, 235), (70, 215)], fill=white)
        draw.polygon([(153, 170), (230, 150), (230, 215), (153, 235)], fill=white)
        draw.polygon(_star((150, 100), 45, 18), fill=white)
    else:
        draw.polygon(_star((150, 155), 95, 38), fill=white)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _fill_logos(service: SettingsService) -> list[str]:
    """A star for the government on the left, a book for the school on the right, in empty
    slots only.

    They are checked and re-encoded like a chosen picture (``set_logo_image``), so the demo
    tests that path too, straight from memory.
    """
    filled: list[str] = []
    stored = service.logos()
    wanted = (
        (LogoSlot.LEFT, False, (30, 110, 60)),
        (LogoSlot.RIGHT, True, (25, 75, 150)),
    )
    for slot, book, colour in wanted:
        if slot in stored:
            continue
        service.set_logo_image(slot, _demo_logo(book, colour), f"logo-contoh-{slot.value}.png")
        filled.append(f"{slot.value}_logo")
    return filled


def _school_days(anchor: date, count: int) -> list[date]:
    """The ``count`` school days before ``anchor``, oldest first: Monday to Friday, without
    the mid-year and year-end holidays."""
    days: list[date] = []
    day = anchor
    while len(days) < count:
        day -= timedelta(days=1)
        holiday = (
            (day.month == 6 and day.day >= 20)
            or (day.month == 7 and day.day <= 12)
            or (day.month == 12 and day.day >= 20)
        )
        if day.weekday() < 5 and not holiday:
            days.append(day)
    days.reverse()
    return days


def _fill_audit_history(run: _Run) -> None:
    """Sign-ins, locks, automatic backups and monthly checks of past school days.

    The audit log is what the program itself writes; the history gives Beranda and the
    backup reminder realistic material, and the benchmarks a log of a school's size.
    """
    workspace, rng = run.workspace, run.rng
    db = workspace.db
    zone = workspace.settings().zone
    me = workspace.account.id
    others = [a.id for a in accounts_repo.list_accounts(db) if a.id != me]
    days = _school_days(
        workspace.now().astimezone(zone).date(), run.plan.years * SCHOOL_DAYS_PER_YEAR
    )
    written = 0
    last_month: tuple[int, int] | None = None
    for batch in run.batches(days):
        events: list[tuple[datetime, AuditKind, str | None, str]] = []
        for day in batch:
            first_of_month = (day.year, day.month) != last_month
            last_month = (day.year, day.month)
            events += _one_day(rng, day, zone, me, others, check=first_of_month)
        with db.transaction():
            for at, kind, account_id, detail in events:
                audit_repo.record(db, kind, at=at, account_id=account_id, detail=detail)
        written += len(events)
        run.report("audit_events", written)


def _one_day(
    rng: random.Random,
    day: date,
    zone: ZoneInfo,
    me: str,
    others: list[str],
    *,
    check: bool,
) -> list[tuple[datetime, AuditKind, str | None, str]]:
    def at(hour: int, minute: int, jitter_minutes: int) -> datetime:
        local = datetime.combine(day, time(hour, minute), tzinfo=zone)
        local += timedelta(seconds=rng.randint(0, jitter_minutes * 60))
        return local.astimezone(UTC)

    def who() -> str:
        return me if not others or rng.random() < 0.7 else rng.choice(others)

    events: list[tuple[datetime, AuditKind, str | None, str]] = []
    person = who()
    opened = at(7, 0, 50)
    if rng.random() < 0.04:
        events.append((opened - timedelta(seconds=40), AuditKind.UNLOCK_FAILED, person, ""))
    events.append((opened, AuditKind.UNLOCK_OK, person, ""))
    if rng.random() < 0.7:
        idle = at(10, 0, 120)
        events.append((idle, AuditKind.LOCK, person, ""))
        person = who()
        back = idle + timedelta(seconds=rng.randint(300, 5400))
        events.append((back, AuditKind.UNLOCK_OK, person, ""))
    closed = at(14, 30, 90)
    if check:
        events.append((closed - timedelta(seconds=90), AuditKind.INTEGRITY_CHECK, person, "ok"))
    events.append((closed, AuditKind.LOCK, person, ""))
    # The automatic backup is written as the program closes, by whoever closed it.
    backed_up = closed + timedelta(seconds=rng.randint(2, 20))
    events.append((backed_up, AuditKind.BACKUP, person, AUTO_PREFIX))
    return events


def _fill_students(run: _Run) -> None:
    """Students in this year's rombel (with earlier years' rombel), a year of requests."""
    fill_students_and_requests(
        run.workspace,
        run.rng,
        students=run.plan.students,
        years=run.plan.years,
        counsellors=run.counsellors,
        progress=run.report,
    )


def _fill_counselling(run: _Run) -> None:
    """What became of every scheduled request: sessions held or missed, cases, follow-ups."""
    fill_counselling(
        run.workspace, run.rng, first_request_id=run.first_request_id, progress=run.report
    )


def _fill_complaints(run: _Run) -> None:
    """A year of Kotak Saran entries and what the room did about them (a school of no
    students has none)."""
    if run.plan.students == 0:
        return
    fill_complaints(run.workspace, run.rng, counsellors=run.counsellors, progress=run.report)


# Order matters only for what later steps can refer to (students before their requests).
_STEPS: tuple[tuple[str, Callable[[_Run], None]], ...] = (
    ("settings", _fill_settings),
    ("students", _fill_students),
    ("counselling", _fill_counselling),
    ("complaints", _fill_complaints),
    ("audit_history", _fill_audit_history),
)

GENERATED_KINDS = frozenset(
    {
        "students",
        "requests",
        "screenings",
        "cases",
        "sessions",
        "action_items",
        "follow_ups",
        "complaints",
        "audit_events",
    }
)
"""The ``verify --json`` kinds the steps above make (when asked for a size above zero)."""


# -- the demo vault's calendars -------------------------------------------------------------

_WEEKLY: tuple[tuple[CommitmentKind, str, int, time, int], ...] = (
    # (kind, title, weekday offset from the counsellor's number, start, minutes)
    (CommitmentKind.MASUK_KELAS, "Bimbingan klasikal", 0, time(7, 0), 90),
    (CommitmentKind.MASUK_KELAS, "Bimbingan klasikal", 2, time(10, 0), 90),
    (CommitmentKind.PIKET, "", 1, time(7, 0), 45),
)


def add_demo_commitments(workspace: Workspace, counsellors: Sequence[str], years: int) -> int:
    """Each demo counsellor's week: two classroom lessons and a morning of piket, weekly, and
    the team's Friday meeting (MGBK sekolah), from the start of the demo's years; so the free
    slots on Jadwal are real and demo sessions keep clear of them (``demo_slots``).

    Only for the demo vault, whose accounts are all synthetic: ``demo-data`` on a school's own
    vault never writes into its counsellors' calendars. Returns how many were added."""
    calendar = CalendarService(workspace)
    zone = workspace.settings().zone
    today = workspace.now().astimezone(zone).date()
    first = today - timedelta(days=366 * years)
    first -= timedelta(days=first.weekday())  # a Monday
    added = 0
    for number, counsellor in enumerate(counsellors):
        for kind, title, offset, start, minutes in _WEEKLY:
            day = first + timedelta(days=(number + offset) % 5)
            calendar.add_commitment(
                CommitmentForm(
                    kind=kind,
                    start=datetime.combine(day, start, tzinfo=zone),
                    minutes=minutes,
                    title=title,
                    weekly=True,
                ),
                counsellor,
            )
            added += 1
        calendar.add_commitment(
            CommitmentForm(
                kind=CommitmentKind.RAPAT,
                start=datetime.combine(first + timedelta(days=4), time(13, 0), tzinfo=zone),
                minutes=60,
                title="Rapat MGBK sekolah",
                weekly=True,
            ),
            counsellor,
        )
        added += 1
    return added
