"""Synthetic, realistic Indonesian data: the demo vault, benchmarks, and trying things out.

Everything is drawn from ``random.Random`` seeded per step (``"<seed>/<step>"``), so the same
seed gives the same records, and adding a step later does not change what the earlier steps
make. Each step writes in batches, one transaction per batch, so an interrupted run leaves a
healthy vault holding the batches that were committed.

Only kinds of record that the vault has tables for are made. The name pools below are shaped
for the student generator that comes with the students' tables: add ``_fill_students`` (and
later requests, screenings, …) to ``_STEPS`` and draw names with ``person_name``.

A demo run is marked in the audit log first (``demo_data``, with the seed and sizes), so a vault
that holds synthetic records always says so, even when the run was interrupted.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.settings import Settings
from bk_desktop.domain.students import Religion, Sex
from bk_desktop.services.backup import AUTO_PREFIX
from bk_desktop.services.overview import record_counts
from bk_desktop.services.session import Session
from bk_desktop.services.settings import SettingsService
from bk_desktop.storage import accounts_repo, audit_repo

MAX_STUDENTS = 20_000
MAX_YEARS = 10
SCHOOL_DAYS_PER_YEAR = 230
DAYS_PER_BATCH = 20

# -- who lives in an East Kalimantan school: name pools by origin ------------------------------


@dataclass(frozen=True)
class NamePool:
    """Names, home places and religions of one origin, with its share of a Bontang school."""

    origin: str
    weight: int
    male: tuple[str, ...]
    female: tuple[str, ...]
    family_male: tuple[str, ...]
    family_female: tuple[str, ...]
    places: tuple[str, ...]
    religions: tuple[tuple[Religion, int], ...]


NAME_POOLS: tuple[NamePool, ...] = (
    NamePool(
        "Bugis-Makassar",
        30,
        ("Andi", "Muhammad", "Ahmad", "Syahrul", "Fadli", "Ilham", "Akbar", "Rahmat", "Irfan"),
        ("Andi", "Nurul", "Nurhaliza", "Fitri", "Ayu", "Rahma", "Aulia", "Wahyuni", "Nurfadilah"),
        ("Rahman", "Hamzah", "Saleh", "Latif", "Yusuf", "Amiruddin", "Hasanuddin", "Syam"),
        ("Rahman", "Hamzah", "Safitri", "Amalia", "Ramadhani", "Syam", "Nurhidayah"),
        ("Makassar", "Bone", "Sengkang", "Parepare", "Sinjai", "Palopo"),
        ((Religion.ISLAM, 1),),
    ),
    NamePool(
        "Jawa",
        28,
        ("Wahyu", "Budi", "Agus", "Dimas", "Bayu", "Eko", "Dwi", "Galih", "Aditya", "Rizky"),
        ("Siti", "Dewi", "Putri", "Sri", "Rina", "Ayu", "Wulan", "Indah", "Retno", "Dwi"),
        ("Prasetyo", "Santoso", "Wibowo", "Saputra", "Nugroho", "Setiawan", "Kurniawan"),
        ("Lestari", "Rahayu", "Wulandari", "Puspitasari", "Anggraini", "Handayani"),
        ("Surabaya", "Malang", "Yogyakarta", "Semarang", "Kediri", "Madiun"),
        ((Religion.ISLAM, 90), (Religion.KRISTEN, 6), (Religion.KATOLIK, 4)),
    ),
    NamePool(
        "Banjar",
        12,
        ("Muhammad", "Ahmad", "Rizky", "Fahmi", "Gusti", "Rafi", "Hafiz"),
        ("Siti", "Aulia", "Rahmah", "Fatimah", "Nurul", "Salsabila", "Nor"),
        ("Noor", "Rahman", "Ramadhan", "Hakim", "Fadillah", "Anshari"),
        ("Noor", "Fadillah", "Rahmawati", "Hasanah", "Zahra", "Maulida"),
        ("Banjarmasin", "Martapura", "Barabai", "Kandangan", "Amuntai"),
        ((Religion.ISLAM, 1),),
    ),
    NamePool(
        "Kutai",
        6,
        ("Aji", "Awang", "Muhammad", "Rahmat", "Syarifuddin"),
        ("Dayang", "Nurul", "Siti", "Aminah", "Rahmi"),
        ("Kusuma", "Ramadhan", "Syahrani", "Hidayat"),
        ("Kusuma", "Syahrani", "Aminah", "Rahmawati"),
        ("Tenggarong", "Samarinda", "Kota Bangun", "Muara Kaman"),
        ((Religion.ISLAM, 1),),
    ),
    NamePool(
        "Toraja",
        8,
        ("Yohanes", "Markus", "Daniel", "Yosua", "Frans", "Ricky"),
        ("Maria", "Elisabeth", "Debora", "Yuliana", "Ester", "Yesika"),
        ("Pakiding", "Tandi", "Rante", "Sampe", "Palamba", "Pasanda", "Tangdilintin"),
        ("Pakiding", "Tandi", "Rante", "Sampe", "Palamba", "Pasanda", "Tangdilintin"),
        ("Rantepao", "Makale", "Makassar"),
        ((Religion.KRISTEN, 70), (Religion.KATOLIK, 25), (Religion.KEPERCAYAAN, 5)),
    ),
    NamePool(
        "Batak",
        5,
        ("Samuel", "Hotman", "Parulian", "Rudi", "Jonathan", "Fernando"),
        ("Ruth", "Tiur", "Natalia", "Grace", "Lisbeth", "Sarah"),
        ("Siregar", "Nasution", "Harahap", "Simanjuntak", "Sitompul", "Hutapea", "Lubis"),
        ("Siregar", "Nasution", "Harahap", "Simanjuntak", "Sitompul", "Hutapea", "Lubis"),
        ("Medan", "Tarutung", "Pematangsiantar", "Sibolga"),
        ((Religion.KRISTEN, 70), (Religion.ISLAM, 20), (Religion.KATOLIK, 10)),
    ),
    NamePool(
        "Dayak",
        5,
        ("Yosef", "Agustinus", "Stefanus", "Lukas", "Dedi", "Paulus"),
        ("Veronika", "Lusia", "Agnes", "Theresia", "Yuli", "Monika"),
        ("Ding", "Lawing", "Ajang", "Ibau", "Bilung", "Juk"),
        ("Ding", "Lawing", "Ajang", "Ibau", "Bilung", "Juk"),
        ("Long Bagun", "Malinau", "Sendawar", "Long Apari"),
        ((Religion.KATOLIK, 50), (Religion.KRISTEN, 45), (Religion.KEPERCAYAAN, 5)),
    ),
    NamePool(
        "Bali",
        3,
        ("I Made", "I Wayan", "I Ketut", "I Komang", "I Putu", "I Gede"),
        ("Ni Made", "Ni Wayan", "Ni Ketut", "Ni Komang", "Ni Putu", "Ni Luh"),
        ("Arsana", "Wirawan", "Sudarma", "Adnyana", "Suarjana"),
        ("Ariani", "Suartini", "Sukmawati", "Dewi", "Lestari"),
        ("Denpasar", "Singaraja", "Tabanan", "Gianyar"),
        ((Religion.HINDU, 1),),
    ),
    NamePool(
        "Tionghoa",
        3,
        ("Kevin", "Hendra", "Steven", "William", "Jason", "Felix"),
        ("Jessica", "Cindy", "Melinda", "Angela", "Vanessa", "Clarissa"),
        ("Wijaya", "Halim", "Gunawan", "Salim", "Tanoto", "Kurniawan"),
        ("Wijaya", "Halim", "Gunawan", "Salim", "Tanoto", "Kurniawan"),
        ("Samarinda", "Balikpapan", "Pontianak", "Surabaya"),
        (
            (Religion.BUDDHA, 40),
            (Religion.KRISTEN, 30),
            (Religion.KATOLIK, 20),
            (Religion.KHONGHUCU, 10),
        ),
    ),
)

# Where students of a Bontang school were born, when not in their family's home region.
LOCAL_PLACES = (
    "Bontang",
    "Bontang",
    "Bontang",
    "Samarinda",
    "Balikpapan",
    "Sangatta",
    "Tenggarong",
)
LOCAL_BIRTH_SHARE = 0.7


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
STREETS = (
    "Jenderal Sudirman",
    "Ahmad Yani",
    "Pattimura",
    "Imam Bonjol",
    "Cut Nyak Dien",
    "Ki Hajar Dewantara",
    "Awang Long",
    "Brigjend Katamso",
)


def pick_pool(rng: random.Random) -> NamePool:
    return rng.choices(NAME_POOLS, weights=[p.weight for p in NAME_POOLS])[0]


def person_name(rng: random.Random, pool: NamePool, sex: Sex) -> str:
    """A full name as Dapodik would hold it: one or two given names and a family name."""
    given = pool.male if sex is Sex.L else pool.female
    family = pool.family_male if sex is Sex.L else pool.family_female
    first = rng.choice(given)
    parts = [first]
    if rng.random() < 0.35:
        second = rng.choice(given)
        if second != first and " " not in second:
            parts.append(second)
    parts.append(rng.choice([name for name in family if name not in parts]))
    return " ".join(parts)


def birth_place(rng: random.Random, pool: NamePool) -> str:
    if rng.random() < LOCAL_BIRTH_SHARE:
        return rng.choice(LOCAL_PLACES)
    return rng.choice(pool.places)


def religion(rng: random.Random, pool: NamePool) -> Religion:
    return rng.choices(
        [choice for choice, _ in pool.religions], weights=[w for _, w in pool.religions]
    )[0]


def civil_servant_nip(rng: random.Random, birth: date, sex: Sex) -> str:
    """An 18-digit NIP shaped like a real one: birth date, appointment month, sex, serial."""
    appointed = (birth.year + rng.randint(24, 30), rng.randint(1, 12))
    return (
        f"{birth:%Y%m%d}{appointed[0]:04d}{appointed[1]:02d}"
        f"{1 if sex is Sex.L else 2}{rng.randint(1, 15):03d}"
    )


def random_birth(rng: random.Random, first_year: int, last_year: int) -> date:
    start = date(first_year, 1, 1)
    span = (date(last_year, 12, 31) - start).days
    return start + timedelta(days=rng.randint(0, span))


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
    """Kinds the vault has tables for that this version of the generator does not make yet."""


@dataclass
class _Run:
    session: Session
    plan: DemoPlan
    rng: random.Random
    progress: Progress | None
    settings_filled: list[str]

    def batches(self, days: Sequence[date], size: int = DAYS_PER_BATCH) -> Iterator[list[date]]:
        for start in range(0, len(days), size):
            yield list(days[start : start + size])

    def report(self, kind: str, done: int) -> None:
        if self.progress is not None:
            self.progress(kind, done)


def fill_demo(
    session: Session,
    *,
    students: int,
    years: int,
    seed: int,
    progress: Progress | None = None,
) -> DemoSummary:
    """Add synthetic records to the open vault; the school's own settings are kept."""
    plan = DemoPlan(students, years, seed).validated()
    db = session.db
    before = record_counts(db)
    with db.transaction():
        session.audit(
            AuditKind.DEMO_DATA,
            detail=f"seed={plan.seed};students={plan.students};years={plan.years}",
        )
    filled: list[str] = []
    for name, step in _STEPS:
        rng = random.Random(f"{plan.seed}/{name}")  # noqa: S311 - synthetic data, not secrets
        step(_Run(session, plan, rng, progress, filled))
    after = record_counts(db)
    added = {k: after[k] - before.get(k, 0) for k in after if after[k] != before.get(k, 0)}
    not_generated = tuple(
        k for k in after if k not in {"accounts", "audit_events"} and k not in added
    )
    return DemoSummary(plan, added, tuple(filled), not_generated)


def _fill_settings(run: _Run) -> None:
    """Letterhead, principal and city, only where the school has not written its own."""
    service = SettingsService(run.session)
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
    address = (
        f"Jl. {rng.choice(STREETS)} No. {rng.randint(1, 120)}, {city} {info.postcode}, "
        f"Telp. ({info.area_code}) {rng.randint(20, 59)}{rng.randint(1000, 9999)}"
    )
    proposed = {
        "city": city,
        "government_line": f"PEMERINTAH PROVINSI {info.province}",
        "agency_line": "DINAS PENDIDIKAN DAN KEBUDAYAAN",
        "address_line": address,
        "principal_name": principal,
        "principal_nip": nip,
    }
    values = current.to_values()
    missing = {k: v for k, v in proposed.items() if not str(values.get(k, "")).strip()}
    if not missing:
        return
    changed = service.save(Settings.from_values({**values, **missing}))
    run.settings_filled.extend(changed)
    run.report("settings", len(changed))


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
    session, rng = run.session, run.rng
    db = session.db
    zone = session.settings().zone
    me = session.account.id
    others = [a.id for a in accounts_repo.list_accounts(db) if a.id != me]
    days = _school_days(
        session.now().astimezone(zone).date(), run.plan.years * SCHOOL_DAYS_PER_YEAR
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


# Order matters only for what later steps can refer to (students before their requests).
_STEPS: tuple[tuple[str, Callable[[_Run], None]], ...] = (
    ("settings", _fill_settings),
    ("audit_history", _fill_audit_history),
)
