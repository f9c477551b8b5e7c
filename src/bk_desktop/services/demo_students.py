"""Synthetic students, requests and screenings for the demo vault and the benchmarks.

Public API::

    fill_students_and_requests(workspace, rng: random.Random, *, students: int, years: int,
                               counsellors: Sequence[str] = (),
                               progress: Callable[[str, int], None] | None = None)
        -> dict[str, int]     # counts: students, requests, screenings, on_time, late, darurat
    counsellor_of_students(db, student_ids, counsellors, year) -> dict[int, str]
    demo_student(rng, number, *, year, rombel, homeroom_teacher, today, history=(), grade=X)
        -> StudentDraft

Students sit in grades X–XII in rombel such as "X MIPA 1" or "XI IPS 2", each with a wali kelas,
parents (and sometimes a guardian) and, when ``years`` > 1, last years' rombel too. Requests
(about two a year for every three students, ``REQUESTS_PER_STUDENT_YEAR``) cover the past
``years`` years on school days and hours, each handled by the guru BK who looks after the
student's rombel; most students say *bersedia*, most requests are scheduled within 24 hours,
some late, a few are darurat. A scheduled request ends here at *terjadwal* with its first
session planned; what became of that session (held, missed, the case it opened) is the
counselling step's (``demo_counselling``). Every status follows the domain's state machine.
Rows are written in batches, one transaction each, and each batch is audited as ``demo_data``
with its counts only; ``progress("students" | "requests", done)`` is called after each
committed batch. Names, places and religions come from the pools of ``demo_names``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from bk_desktop.domain import requests as rules
from bk_desktop.domain.academic import AcademicYear, Grade
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.counselling import DEFAULT_MINUTES, SessionPlan
from bk_desktop.domain.deadlines import SchedulingPolicy, scheduling_deadline
from bk_desktop.domain.requests import Assent, RequestSource, RequestStatus, Urgency
from bk_desktop.domain.screening import (
    OTHER_SERVICES,
    Bidang,
    ConsentBasis,
    Referral,
    ReferralTarget,
    RiskLevel,
    ScreeningDraft,
    ServiceKind,
    request_status_after,
)
from bk_desktop.domain.students import (
    ClassPlacement,
    Guardian,
    GuardianRelation,
    Sex,
    StudentDraft,
    StudentStatus,
)
from bk_desktop.services.demo_names import (
    STREETS,
    birth_place,
    mobile_phone,
    person_name,
    pick_pool,
    religion,
    teacher_name,
)
from bk_desktop.services.demo_slots import counsellor_rooms, free_start
from bk_desktop.services.requests import scheduling_policy
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import (
    counselling_repo,
    requests_repo,
    screening_repo,
    students_repo,
    synthetic_repo,
)
from bk_desktop.storage.database import Database
from bk_desktop.storage.requests_repo import NewRequest

__all__ = ["demo_student", "fill_students_and_requests"]

STUDENT_BATCH = 500
REQUEST_BATCH = 100
CLASS_SIZE = 36

MAJORS = ("MIPA", "MIPA", "IPS", "IPS", "Bahasa")

REASONS = (
    "Sering terlambat masuk kelas dalam dua minggu terakhir.",
    "Nilai ulangan turun tajam pada tiga mata pelajaran.",
    "Tidak masuk sekolah tiga hari tanpa keterangan.",
    "Terlihat menyendiri dan menangis saat jam istirahat.",
    "Bertengkar dengan teman sekelas di kantin.",
    "Ingin berkonsultasi tentang pilihan jurusan kuliah.",
    "Orang tua menyampaikan anak sulit tidur dan murung.",
    "Tidak mengumpulkan tugas selama sebulan.",
    "Mengaku diejek teman di grup percakapan kelas.",
    "Bingung memilih peminatan untuk semester depan.",
    "Tertidur di kelas hampir setiap hari.",
    "Menyampaikan masalah keluarga lewat kotak masalah.",
)
SYMPTOMS = (
    "Sering melamun, sulit berkonsentrasi saat pelajaran.",
    "Menghindari teman, makan siang sendirian.",
    "Mudah marah, beberapa kali bertengkar.",
    "Kehadiran menurun, tugas tidak dikumpulkan.",
    "Cemas menjelang ujian, mengeluh sakit perut.",
)
SOURCE_WEIGHTS = (
    (RequestSource.SISWA_SENDIRI, 30),
    (RequestSource.WALI_KELAS, 25),
    (RequestSource.GURU_MAPEL, 15),
    (RequestSource.GURU_BK, 10),
    (RequestSource.ORANG_TUA, 12),
    (RequestSource.KOTAK_MASALAH, 5),
    (RequestSource.HASIL_INSTRUMEN, 3),
)


T = TypeVar("T")
Progress = Callable[[str, int], None]


# What the demo's counsellors wrote as their tindakan darurat (synthetic, like every demo text).
EMERGENCY_ACTORS = ("Guru BK", "Guru BK dan wali kelas", "Guru BK dan wakasek kesiswaan")
EMERGENCY_ACTIONS = (
    "Siswa didampingi di ruang BK; orang tua dihubungi dan datang menjemput.",
    "Siswa diamankan dari pihak yang mengancam; kepala sekolah dan orang tua diberi tahu.",
    "Siswa dibawa ke puskesmas terdekat didampingi guru; orang tua dihubungi.",
)


def _weighted(rng: random.Random, pairs: tuple[tuple[T, int], ...]) -> T:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _address(rng: random.Random) -> str:
    return f"Jl. {rng.choice(STREETS)} No. {rng.randrange(1, 200)}, RT {rng.randrange(1, 40):02d}"


@dataclass(frozen=True)
class _Rombel:
    grade: Grade
    name: str
    teacher: str


def _rombels(rng: random.Random, students: int) -> dict[Grade, list[_Rombel]]:
    per_grade = max(1, -(-students // (3 * CLASS_SIZE)))
    found: dict[Grade, list[_Rombel]] = {}
    for grade in (Grade.X, Grade.XI, Grade.XII):
        found[grade] = [
            _Rombel(
                grade,
                f"{grade.roman} {MAJORS[i % len(MAJORS)]} {i // len(MAJORS) + 1}",
                teacher_name(rng),
            )
            for i in range(per_grade)
        ]
    return found


def demo_student(
    rng: random.Random,
    number: int,
    *,
    year: AcademicYear,
    rombel: str,
    homeroom_teacher: str,
    today: date,
    history: tuple[ClassPlacement, ...] = (),
    grade: Grade = Grade.X,
) -> StudentDraft:
    """One realistic student; ``number`` keeps NIS, NISN and NIK unique within a run.

    The family comes from one of the regional pools; where the pool's family names are a
    marga (Batak, Toraja, …) the child carries the father's.
    """
    sex = rng.choice((Sex.L, Sex.P))
    pool = pick_pool(rng)
    age = 15 + (int(grade) - 10)
    birth = date(year.start - age, 1, 1) + timedelta(days=rng.randrange(365))
    name = person_name(rng, pool, sex)
    father = person_name(rng, pool, Sex.L)
    if pool.has_clan_names:
        father = f"{father.rsplit(' ', 1)[0]} {name.rsplit(' ', 1)[1]}"
    entry_year = year.start - (int(grade) - 10)
    day = birth.day + (40 if sex is Sex.P else 0)
    born = f"{day:02d}{birth.month:02d}{birth.year % 100:02d}"
    nik = f"6474{rng.randrange(1, 4):02d}{born}{number % 10000:04d}"
    no_kk = f"6474{rng.randrange(1, 4):02d}{rng.randrange(10**10):010d}"
    guardians = [
        Guardian(father, GuardianRelation.AYAH, mobile_phone(rng)),
        Guardian(person_name(rng, pool, Sex.P), GuardianRelation.IBU, mobile_phone(rng)),
    ]
    if rng.random() < 0.08:
        guardian = person_name(rng, pool, rng.choice((Sex.L, Sex.P)))
        guardians.append(Guardian(guardian, GuardianRelation.WALI, mobile_phone(rng)))
    status = StudentStatus.AKTIF
    status_date = None
    roll = rng.random()
    if roll < 0.015:
        status, status_date = StudentStatus.PINDAH, today - timedelta(days=rng.randrange(1, 120))
    elif roll < 0.025:
        status, status_date = StudentStatus.KELUAR, today - timedelta(days=rng.randrange(1, 120))
    return StudentDraft(
        name=name,
        nis=f"{entry_year % 100:02d}{number:05d}",
        nisn=f"{birth.year % 1000:03d}{number * 7919 % 10**7:07d}",
        nik=nik if nik != no_kk else "",
        no_kk=no_kk,
        sex=sex,
        birth_place=birth_place(rng, pool),
        birth_date=birth,
        religion=religion(rng, pool),
        address=_address(rng),
        phone=mobile_phone(rng) if rng.random() < 0.8 else "",
        placements=(*history, ClassPlacement(year, rombel, homeroom_teacher)),
        guardians=tuple(guardians),
        status=status,
        status_date=status_date,
        notes="",
    )


def _fill_students(
    workspace: Workspace, rng: random.Random, students: int, years: int, progress: Progress | None
) -> list[int]:
    year = TermService(workspace).current().year
    today = workspace.now().astimezone(workspace.settings().zone).date()
    per_year = [_rombels(rng, students) for _ in range(years)]
    grades = (Grade.X, Grade.XI, Grade.XII)
    db = workspace.db
    ids: list[int] = []
    start = int(db.scalar("SELECT coalesce(max(id), 0) FROM student")) + 1
    for batch_start in range(0, students, STUDENT_BATCH):
        with db.transaction():
            count = min(STUDENT_BATCH, students - batch_start)
            for offset in range(count):
                number = start + batch_start + offset
                grade = grades[(batch_start + offset) % 3]
                index = rng.randrange(len(per_year[0][grade]))
                history: list[ClassPlacement] = []
                for back in range(1, years):
                    earlier = int(grade) - back
                    if earlier < int(Grade.X):
                        break
                    rombel = per_year[back][Grade(earlier)][index]
                    history.insert(
                        0,
                        ClassPlacement(
                            AcademicYear(year.start - back), rombel.name, rombel.teacher
                        ),
                    )
                current = per_year[0][grade][index]
                draft = demo_student(
                    rng,
                    number,
                    year=year,
                    rombel=current.name,
                    homeroom_teacher=current.teacher,
                    today=today,
                    history=tuple(history),
                    grade=grade,
                )
                student_id = students_repo.insert_student(db, draft, workspace.now())
                synthetic_repo.tag(db, synthetic_repo.STUDENT, student_id)
                ids.append(student_id)
            workspace.audit(AuditKind.DEMO_DATA, detail=f"students={count}")
        if progress is not None:
            progress("students", len(ids))
    return ids


@dataclass
class _Tally:
    requests: int = 0
    screenings: int = 0
    on_time: int = 0
    late: int = 0
    darurat: int = 0


def _school_moment(rng: random.Random, day: date, zone: ZoneInfo) -> datetime:
    local = datetime.combine(day, time(7, 0), tzinfo=zone) + timedelta(
        minutes=rng.randrange(7 * 60)
    )
    return local.astimezone(UTC)


REQUESTS_PER_STUDENT_YEAR = 2 / 3
"""About 1,000 permohonan a year for 1,500 students: ten guru BK each holding a few
individual sessions a day."""


def academic_year_start(day: date) -> int:
    """The first calendar year of the academic year ``day`` falls in (July to June)."""
    return day.year if day.month >= 7 else day.year - 1


def counsellor_of_students(
    db: Database, student_ids: Sequence[int], counsellors: Sequence[str], year: int
) -> dict[int, str]:
    """Each guru BK looks after whole rombel (about 150 students each): the rombel of this
    year, sorted, are dealt out in turn; a student without one goes by number."""
    rows = db.all(
        "SELECT student_id, rombel FROM student_class WHERE year_start = :year", {"year": year}
    )
    rombel_of = {int(r["student_id"]): str(r["rombel"]) for r in rows}
    order = {name: i for i, name in enumerate(sorted(set(rombel_of.values())))}
    owner: dict[int, str] = {}
    for student_id in student_ids:
        rombel = rombel_of.get(student_id)
        index = order[rombel] if rombel is not None else student_id
        owner[student_id] = counsellors[index % len(counsellors)]
    return owner


def _fill_requests(
    workspace: Workspace,
    rng: random.Random,
    student_ids: list[int],
    *,
    years: int,
    counsellors: Sequence[str],
    progress: Progress | None,
) -> _Tally:
    settings = workspace.settings()
    zone = settings.zone
    policy = scheduling_policy(settings)
    now = workspace.now()
    today = now.astimezone(zone).date()
    db = workspace.db
    made = set(student_ids)
    active = [
        int(r[0])
        for r in db.all("SELECT id FROM student WHERE status = 'aktif' ORDER BY id")
        if int(r[0]) in made
    ]
    tally = _Tally()
    if not active:
        return tally
    # A permohonan is about a student enrolled in that academic year where there is one (the
    # vault holds this year's students only, so the oldest years fall back to all of them).
    enrolled: dict[int, list[int]] = {}
    active_set = set(active)
    for row in db.all("SELECT student_id, year_start FROM student_class ORDER BY student_id"):
        if int(row["student_id"]) in active_set:
            enrolled.setdefault(int(row["year_start"]), []).append(int(row["student_id"]))
    owner = counsellor_of_students(
        db,
        active,
        counsellors or [workspace.account.id],
        TermService(workspace).current().year.start,
    )
    wanted = max(5, round(len(student_ids) * years * REQUESTS_PER_STUDENT_YEAR))
    days = [today - timedelta(days=n) for n in range(365 * years, -1, -1)]
    school_days = [d for d in days if d.weekday() < 6 and not (d.month == 7 and d.day < 10)]
    # A few requests of the last days, so Beranda has something waiting (one of them late).
    recent = [d for d in school_days if d >= today - timedelta(days=4)]
    extra = [_school_moment(rng, rng.choice(recent), zone) for _ in range(6)] if recent else []
    # And one received within the last hours, whatever day it is: it waits for screening.
    extra.append(now - timedelta(minutes=rng.randrange(30, 6 * 60)))
    drawn = [_school_moment(rng, rng.choice(school_days), zone) for _ in range(wanted)]
    moments = sorted(m for m in extra + drawn if m < now)
    rooms = counsellor_rooms(db)
    for batch_start in range(0, len(moments), REQUEST_BATCH):
        batch = moments[batch_start : batch_start + REQUEST_BATCH]
        with db.transaction():
            for received in batch:
                year = academic_year_start(received.astimezone(zone).date())
                student_id = rng.choice(enrolled.get(year) or active)
                _one_request(
                    workspace,
                    rng,
                    student_id=student_id,
                    received=received,
                    policy=policy,
                    zone=zone,
                    tally=tally,
                    counsellor=owner[student_id],
                    room=rooms.get(owner[student_id], "Ruang Konseling 1"),
                )
            workspace.audit(AuditKind.DEMO_DATA, detail=f"requests={len(batch)}")
        if progress is not None:
            progress("requests", tally.requests)
    return tally


def _one_request(
    workspace: Workspace,
    rng: random.Random,
    *,
    student_id: int,
    received: datetime,
    policy: SchedulingPolicy,
    zone: ZoneInfo,
    tally: _Tally,
    counsellor: str,
    room: str,
) -> None:
    db = workspace.db
    now = workspace.now()
    account = counsellor
    source = _weighted(rng, SOURCE_WEIGHTS)
    urgency = _weighted(rng, ((Urgency.BIASA, 75), (Urgency.SEGERA, 22), (Urgency.DARURAT, 3)))
    referrer = ""
    role = ""
    if source in (RequestSource.WALI_KELAS, RequestSource.GURU_MAPEL, RequestSource.GURU_BK):
        referrer, role = teacher_name(rng), source.label
    elif source is RequestSource.ORANG_TUA:
        parent = person_name(rng, pick_pool(rng), rng.choice((Sex.L, Sex.P)))
        referrer, role = parent, "Orang tua"
    deadline = scheduling_deadline(received, policy, zone)
    request_id = requests_repo.insert_request(
        db,
        NewRequest(
            student_id=student_id,
            source=source,
            referrer_name=referrer,
            referrer_role=role,
            received_at=received,
            recorded_at=received + timedelta(minutes=rng.randrange(2, 10)),
            backdate_reason="",
            received_by=account,
            reason=rng.choice(REASONS),
            urgency=urgency,
            deadline_at=deadline,
        ),
    )
    synthetic_repo.tag(db, synthetic_repo.REQUEST, request_id)
    tally.requests += 1
    status = RequestStatus.DITERIMA
    assent = Assent.BELUM_DITANYAKAN

    def move(
        target: RequestStatus, at: datetime, reason: str = "", screening: bool = False
    ) -> bool:
        nonlocal status
        if at > now:
            return False
        rules.transition(
            status, target, assent=assent, reason=reason or None, by_screening=screening
        )
        requests_repo.set_status(
            db, request_id, status, target, at=at, account_id=account, reason=reason
        )
        if target in rules.STOPS_THE_CLOCK:
            requests_repo.stop_clock(db, request_id, at)
        status = target
        return True

    # Most requests of the last day still wait for screening or for a time; an older one of the
    # last four days now and then waits too long (Beranda's late rows). A school keeping the
    # standard schedules the rest within the day, as the clock figures below assume.
    age = now - received
    waiting = (
        age < timedelta(hours=6)
        or (age < timedelta(days=1) and rng.random() < 0.8)
        or (age < timedelta(days=4) and rng.random() < 0.08)
    )
    stop_before_screening = waiting and rng.random() < 0.5
    asked = received + timedelta(minutes=rng.randrange(20, 240))
    if asked > now:
        return
    assent = _weighted(
        rng, ((Assent.BERSEDIA, 88), (Assent.TIDAK_BERSEDIA, 5), (Assent.BELUM_DITANYAKAN, 7))
    )
    if assent is Assent.TIDAK_BERSEDIA and urgency is Urgency.DARURAT:
        # A student in danger is not left at a refusal: the counsellor acts first (the
        # tindakan darurat below), so a darurat request is never closed unanswered.
        assent = Assent.BERSEDIA
    if assent is not Assent.BELUM_DITANYAKAN:
        requests_repo.set_assent(db, request_id, assent, asked.astimezone(zone).date(), "")
    if assent is Assent.TIDAK_BERSEDIA:
        move(RequestStatus.DITUTUP, asked, "Siswa belum bersedia mengikuti konseling.")
        return

    screened = asked + timedelta(minutes=rng.randrange(10, 300))
    if screened > now or stop_before_screening:
        return
    darurat = urgency is Urgency.DARURAT or rng.random() < 0.01
    risk = (
        RiskLevel.DARURAT
        if darurat
        else _weighted(
            rng, ((RiskLevel.RENDAH, 40), (RiskLevel.SEDANG, 42), (RiskLevel.TINGGI, 18))
        )
    )
    roll = rng.random()
    if darurat or roll < 0.8:
        decision = ServiceKind.KONSELING_INDIVIDUAL
    elif roll < 0.9:
        decision = rng.choice(sorted(OTHER_SERVICES))
    elif roll < 0.94:
        decision = ServiceKind.ALIH_TANGAN_KASUS
    else:
        decision = ServiceKind.TIDAK_PERLU_TINDAK_LANJUT
    if decision is ServiceKind.KONSELING_INDIVIDUAL and assent is not Assent.BERSEDIA:
        assent = Assent.BERSEDIA
        requests_repo.set_assent(db, request_id, assent, asked.astimezone(zone).date(), "")
    draft = ScreeningDraft(
        bidang=frozenset(rng.sample(list(Bidang), rng.choice((1, 1, 2)))),
        symptoms=rng.choice(SYMPTOMS),
        risk=risk,
        decision=decision,
        reason="Sesuai hasil asesmen awal.",
        causes="Perlu digali lebih lanjut.",
        referral=Referral(
            ReferralTarget.PSIKOLOG,
            "Di luar kewenangan guru BK.",
            "Ringkasan asesmen awal.",
            ConsentBasis.PERSETUJUAN_ORANG_TUA,
            target_name="Biro Psikologi Harapan Bangsa",
            consent_by="Orang tua siswa",
            consent_relation="orang tua",
            consent_date=asked.astimezone(zone).date(),
            consent_channel="tertulis",
        )
        if decision is ServiceKind.ALIH_TANGAN_KASUS
        else None,
    )
    move(RequestStatus.DISARING, screened, "Asesmen awal", screening=True)
    screening_repo.insert_screening(db, request_id, draft, at=screened, account_id=account)
    requests_repo.set_risk(db, request_id, risk)
    tally.screenings += 1
    if darurat:
        tally.darurat += 1
        acted = screened + timedelta(minutes=rng.randrange(10, 90))
        if acted <= now:
            # As a counsellor would: the danger is answered the same hour and written down.
            requests_repo.insert_emergency_action(
                db,
                request_id,
                done_at=acted,
                actor=rng.choice(EMERGENCY_ACTORS),
                action=rng.choice(EMERGENCY_ACTIONS),
                recorded_at=acted + timedelta(minutes=rng.randrange(5, 40)),
                recorded_by=account,
            )
    move(request_status_after(decision), screened, decision.label, screening=True)
    if status is not RequestStatus.MENUNGGU_JADWAL:
        return

    late = rng.random() < 0.12 and not darurat
    delay = (
        timedelta(hours=rng.uniform(25, 72))
        if late
        else timedelta(minutes=rng.randrange(15, 60 * 20))
    )
    agreed = max(screened, received + delay) + timedelta(minutes=1)
    if agreed > now or waiting:
        return
    day = school_day_on_or_after((agreed + timedelta(days=rng.randrange(0, 3))).astimezone(zone))
    session_at = free_start(
        db,
        rng,
        day=day,
        zone=zone,
        counsellor_id=counsellor,
        minutes=DEFAULT_MINUTES,
        not_before=agreed + timedelta(minutes=30),
    )
    requests_repo.set_agreement(db, request_id, agreed_at=agreed, deadline_met=agreed <= deadline)
    move(RequestStatus.TERJADWAL, agreed)
    # The first session is the agreed slot; what became of it is the counselling step's.
    counselling_repo.insert_session(
        db,
        request_id=request_id,
        case_id=None,
        counsellor_id=counsellor,
        plan=SessionPlan(start=session_at, place=room),
        now=agreed,
    )
    if agreed <= deadline:
        tally.on_time += 1
    else:
        tally.late += 1


def school_day_on_or_after(moment: datetime) -> date:
    """The local day of ``moment``, or the Monday after when it falls on a weekend: sessions
    are held on Monday to Friday."""
    day = moment.date()
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def fill_students_and_requests(
    workspace: Workspace,
    rng: random.Random,
    *,
    students: int,
    years: int,
    counsellors: Sequence[str] = (),
    progress: Progress | None = None,
) -> dict[str, int]:
    """Add ``students`` students (with ``years`` academic years of rombel history) and
    ``years`` years of requests and screenings, received, screened and scheduled by the
    ``counsellors`` (account ids; the signed-in account when none); returns what was made."""
    if students < 0 or years < 1:
        raise ValueError("students must be >= 0 and years >= 1")
    ids = _fill_students(workspace, rng, students, years, progress)
    tally = (
        _fill_requests(workspace, rng, ids, years=years, counsellors=counsellors, progress=progress)
        if ids
        else _Tally()
    )
    return {
        "students": len(ids),
        "requests": tally.requests,
        "screenings": tally.screenings,
        "on_time": tally.on_time,
        "late": tally.late,
        "darurat": tally.darurat,
    }
