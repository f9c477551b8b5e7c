"""Synthetic Kotak Saran entries: a year of what a school's guru BK are told and how they answer.

Public API::

    fill_complaints(workspace, rng: random.Random, *, counsellors: Sequence[str],
                    progress: Callable[[str, int], None] | None = None) -> int   # entries made

Over the twelve months before now, three to six entries a month, mostly saran and masukan,
some pengaduan, a few apresiasi. They come directly to a guru BK (students, parents, teachers by
name), through the kepala sekolah, through the school's own channels when the setting names
any, or through the physical box: the box is opened about twice a month and its slips are
anonymous, this year's partly on pre-printed slips (a sheet reserved once). When the room has a
koordinator and a guru BK, a few pengaduan are about that guru BK and so forwarded to the
kepala sekolah; the koordinator registers and follows them up. The rest are spread over the
counsellors given. Most clocked entries are followed up well
within 3×24 h, some late; an anonymous entry's response is often public (for "Cek kode" and the
board); apresiasi is mostly thanked; older entries are closed. The newest ones are left waiting:
one past its deadline and one with hours left, so Beranda and Kotak Saran show both.

Every entry goes through ``ComplaintService`` — the codes, routing, clock and status are the
service's own — with a clock moved to each moment (received, recorded a few minutes later,
followed up, closed), so nothing is back-dated and every audit event carries its own time.
Each month is one transaction (nested service writes join it).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bk_desktop.domain.accounts import Account, Role
from bk_desktop.domain.complaints import (
    ActionKind,
    Channel,
    ComplaintForm,
    ComplaintType,
    SenderKind,
    Subject,
)
from bk_desktop.domain.students import Sex
from bk_desktop.services.complaints import ComplaintService
from bk_desktop.services.demo_names import person_name, pick_pool
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import accounts_repo, synthetic_repo

__all__ = ["fill_complaints"]

Progress = Callable[[str, int], None]

MONTHS = 12
PER_MONTH = (3, 6)
SLIP_SHEET = 20
"""Pre-printed slips reserved once, early this year."""

_KINDS = (
    (ComplaintType.SARAN, 36),
    (ComplaintType.MASUKAN, 30),
    (ComplaintType.PENGADUAN, 20),
    (ComplaintType.APRESIASI, 14),
)

TEXTS: dict[ComplaintType, tuple[str, ...]] = {
    ComplaintType.SARAN: (
        "Mohon jadwal layanan di ruang BK diumumkan di grup kelas setiap Senin, supaya kami "
        "tahu kapan bisa datang.",
        "Sebaiknya ruang BK diberi sekat atau tirai, karena pembicaraan kadang terdengar dari "
        "luar.",
        "Kami ingin ada bimbingan klasikal tentang cara belajar yang baik menjelang ujian.",
        "Usul kotak saran juga dipasang di dekat perpustakaan, karena yang di depan ruang BK "
        "terlalu terlihat.",
        "Mohon informasi beasiswa dan jalur masuk perguruan tinggi dibagikan lebih awal untuk "
        "kelas XII.",
        "Sebaiknya ada cara menghubungi guru BK lewat pesan untuk siswa yang malu datang langsung.",
        "Tolong adakan sosialisasi tentang bahaya judi daring, beberapa teman mulai ikut-ikutan.",
        "Usul ada pojok baca di ruang tunggu BK dengan buku pengembangan diri.",
    ),
    ComplaintType.MASUKAN: (
        "Waktu istirahat terlalu singkat untuk konsultasi; mungkin ruang BK bisa dibuka juga "
        "sepulang sekolah.",
        "Materi bimbingan karier kemarin bagus, tetapi waktunya kurang. Mungkin bisa dibagi "
        "dua pertemuan.",
        "Panggilan ke ruang BK lewat pengeras suara membuat siswa malu; lebih baik lewat wali "
        "kelas.",
        "Ruang tunggu BK panas pada siang hari, mohon dipasang kipas angin.",
        "Sebagai orang tua, kami berharap diberi kabar lebih cepat bila anak tidak masuk "
        "beberapa hari.",
        "Jadwal piket guru BK di papan pengumuman sudah tidak sesuai lagi.",
        "Lembar permohonan konseling sebaiknya tersedia juga di setiap kelas.",
    ),
    ComplaintType.PENGADUAN: (
        "Ada kakak kelas yang sering meminta uang di parkiran sepeda saat pulang sekolah.",
        "Saya sudah dua kali mengisi permohonan konseling tetapi belum juga dipanggil.",
        "Beberapa siswa merekam dan menyebarkan video teman di kelas tanpa izin.",
        "Anak kami terus diejek teman sekelasnya di grup percakapan kelas.",
        "Ruang BK sering tertutup pada jam yang tertulis di jadwal layanan.",
        "Ada siswa yang merokok di belakang gedung laboratorium saat jam istirahat.",
    ),
    ComplaintType.APRESIASI: (
        "Terima kasih untuk guru BK yang sudah membantu saya memilih jurusan kuliah.",
        "Kami orang tua berterima kasih atas pendampingan anak kami selama semester ini.",
        "Bimbingan klasikal tentang mengelola stres sangat bermanfaat bagi kelas kami.",
        "Terima kasih sudah cepat menanggapi laporan kami minggu lalu.",
    ),
}

ABOUT_COUNSELLOR = (
    "Saya merasa tidak didengarkan saat sesi konseling dan langsung disalahkan.",
    "Cerita saya saat konseling sampai ke teman lain, saya jadi tidak nyaman.",
    "Jadwal konseling saya dibatalkan dua kali tanpa pemberitahuan.",
)

ACTIONS: dict[ComplaintType, tuple[str, ...]] = {
    ComplaintType.SARAN: (
        "Dibahas dalam rapat guru BK; disepakati untuk dicoba mulai bulan depan.",
        "Disampaikan kepada wakil kepala sekolah bidang kesiswaan untuk dipertimbangkan.",
        "Dicatat sebagai bahan program BK semester depan.",
    ),
    ComplaintType.MASUKAN: (
        "Dibahas bersama wali kelas; cara pemanggilan siswa diubah lewat wali kelas.",
        "Diteruskan ke bagian sarana prasarana; pemasangan dijadwalkan.",
        "Jadwal layanan diperbarui dan dipasang kembali di papan pengumuman.",
    ),
    ComplaintType.PENGADUAN: (
        "Berkoordinasi dengan wali kelas dan guru piket; pengawasan di lokasi ditambah.",
        "Siswa yang disebut dipanggil dan diberi pembinaan bersama wali kelas.",
        "Permohonan yang tertunda diperiksa dan jadwal konseling segera disepakati.",
        "Orang tua dihubungi dan diajak bertemu di ruang BK.",
    ),
}

ABOUT_COUNSELLOR_ACTION = (
    "Koordinator BK membicarakan pengaduan ini dengan guru BK yang bersangkutan dan "
    "melaporkannya kepada kepala sekolah."
)

RESPONSES = (
    "Terima kasih atas masukannya. Hal ini sudah kami bahas dan mulai kami perbaiki.",
    "Terima kasih. Tindak lanjutnya sudah kami lakukan bersama wali kelas.",
    "Terima kasih atas sarannya; akan kami laksanakan mulai bulan depan.",
)
PUBLIC_RESPONSES = (
    "Terima kasih atas sarannya. Mulai bulan ini jadwal layanan BK diumumkan setiap Senin "
    "melalui wali kelas.",
    "Laporan sudah ditindaklanjuti bersama wali kelas dan guru piket. Terima kasih sudah "
    "berani menyampaikan.",
    "Masukan diterima dan sudah diteruskan kepada pihak sekolah yang berwenang.",
    "Terima kasih. Kami menambah waktu layanan BK sepulang sekolah pada hari Selasa dan Kamis.",
)
THANKS = (
    "Terima kasih atas apresiasinya; semoga layanan BK terus bermanfaat.",
    "Terima kasih, apresiasi ini kami sampaikan kepada seluruh guru BK.",
)
CLOSE_NOTES = (
    "Tindak lanjut sudah dilaksanakan dan disampaikan kepada pengirim.",
    "Saran sudah diterapkan; tidak ada tindak lanjut lain.",
    "Masalah sudah selesai ditangani bersama wali kelas.",
)
OTHER_SENDER = ("Komite sekolah", "Alumni", "Warga sekitar sekolah")


@dataclass
class _StepClock:
    """A clock the generator moves to each moment it records, so the service's "now" is the
    moment a counsellor would have written it."""

    at: datetime

    def now(self) -> datetime:
        return self.at


@dataclass(frozen=True)
class _Plan:
    received_at: datetime
    kind: ComplaintType
    channel: Channel
    channel_other: str
    sender: SenderKind
    about: Account | None
    waiting: bool = False
    """Left without a follow-up (the newest two)."""


def fill_complaints(
    workspace: Workspace,
    rng: random.Random,
    *,
    counsellors: Sequence[str],
    progress: Progress | None = None,
) -> int:
    """A year of entries up to now; returns how many were made (see the module docstring)."""
    db = workspace.db
    zone = workspace.settings().zone
    now = workspace.now()
    accounts = {a.id: a for a in accounts_repo.list_accounts(db)}
    staff = [accounts[i] for i in counsellors if i in accounts]
    staff = [a for a in staff if a.active and a.role.is_counsellor]
    if not staff:
        return 0
    clock = _StepClock(now)
    room = _Room(rng, clock, now)
    desks = {a.id: ComplaintService(Workspace(workspace.vault, a, clock)) for a in staff}
    coordinator = next((a for a in staff if a.role is Role.KOORDINATOR), None)
    about_candidates = [a for a in staff if a.role is Role.GURU_BK] if coordinator else []
    own_channels = tuple(workspace.settings().complaint_channels)
    plans = _plans(rng, now, zone, own_channels, about_candidates)
    months: dict[tuple[int, int], list[_Plan]] = {}
    for plan in plans:
        local = plan.received_at.astimezone(zone)
        months.setdefault((local.year, local.month), []).append(plan)
    this_year = now.astimezone(zone).year
    slips: list[str] | None = None
    made = 0
    opening: tuple[date, int] | None = None
    for group in months.values():
        with db.transaction():
            for plan in group:
                local = plan.received_at.astimezone(zone)
                handler = coordinator if plan.about is not None else rng.choice(staff)
                assert handler is not None  # about someone only when there is a koordinator
                desk = desks[handler.id]
                box_id: int | None = None
                code = ""
                if plan.channel is Channel.KOTAK_SARAN:
                    if local.year == this_year and slips is None:
                        # The sheet was printed some days before its first slip came back.
                        new_year = datetime(this_year, 1, 1, 8, tzinfo=zone).astimezone(UTC)
                        printed = plan.received_at - timedelta(days=rng.randint(3, 10))
                        clock.at = max(printed, new_year)
                        slips = list(desk.reserve_slips(SLIP_SHEET))
                    if opening is None or opening[0] != local.date():
                        clock.at = plan.received_at + timedelta(minutes=rng.randint(2, 6))
                        opening = (local.date(), desk.record_box_opening(plan.received_at).id)
                        synthetic_repo.tag(db, synthetic_repo.BOX_OPENING, opening[1])
                    box_id = opening[1]
                    if local.year == this_year and slips and rng.random() < 0.6:
                        code = slips.pop(0)
                clock.at = plan.received_at + timedelta(minutes=rng.randint(5, 14))
                record = desk.register(_form(rng, plan, box_id, code))
                synthetic_repo.tag(db, synthetic_repo.COMPLAINT, record.id)
                made += 1
                room.follow_up(desk, record.id, plan)
        if progress is not None:
            progress("complaints", made)
    return made


def _plans(
    rng: random.Random,
    now: datetime,
    zone: ZoneInfo,
    own_channels: Sequence[str],
    about_candidates: Sequence[Account],
) -> list[_Plan]:
    """Every entry's receipt, oldest first; the last two are the ones left waiting: one past
    its deadline, one near it."""
    today = now.astimezone(zone).date()
    plans: list[_Plan] = []
    box_days: dict[tuple[int, int], list[date]] = {}
    for back in range(MONTHS, 0, -1):
        first = _month_start(today, back)
        days = [d for d in _month_days(first) if d.weekday() < 5 and d < today - timedelta(6)]
        if not days:
            continue
        box_days[(first.year, first.month)] = sorted(rng.sample(days, min(2, len(days))))
        for _ in range(rng.randint(*PER_MONTH)):
            kind = rng.choices([k for k, _ in _KINDS], weights=[w for _, w in _KINDS])[0]
            channel = rng.choices(list(Channel), weights=[45, 12, 33, 10 if own_channels else 0])[0]
            if channel is Channel.KOTAK_SARAN:
                day = rng.choice(box_days[(first.year, first.month)])
                received = datetime.combine(day, time(13, 0), tzinfo=zone)
            else:
                day = rng.choice(days)
                received = datetime.combine(day, time(7, 15), tzinfo=zone) + timedelta(
                    minutes=rng.randint(0, 7 * 60)
                )
            about = None
            if (
                about_candidates
                and kind is ComplaintType.PENGADUAN
                and channel is not Channel.KOTAK_SARAN
                and rng.random() < 0.35
            ):
                about = rng.choice(about_candidates)
            plans.append(
                _Plan(
                    received_at=received.astimezone(UTC),
                    kind=kind,
                    channel=channel,
                    channel_other=rng.choice(own_channels) if channel is Channel.LAINNYA else "",
                    sender=_sender(rng, channel),
                    about=about,
                )
            )
    plans.sort(key=lambda p: p.received_at)
    if about_candidates and not any(p.about for p in plans):
        # A year of a room with two or more guru BK holds at least one such complaint.
        direct = [
            i
            for i, p in enumerate(plans)
            if p.kind is ComplaintType.PENGADUAN and p.channel is not Channel.KOTAK_SARAN
        ]
        if direct:
            chosen = rng.choice(direct)
            plans[chosen] = replace(plans[chosen], about=rng.choice(about_candidates))
    for hours_ago, kind in ((4 * 24 + 3, ComplaintType.PENGADUAN), (62, ComplaintType.SARAN)):
        plans.append(
            _Plan(
                received_at=now - timedelta(hours=hours_ago),
                kind=kind,
                channel=Channel.LANGSUNG,
                channel_other="",
                sender=SenderKind.SISWA,
                about=None,
                waiting=True,
            )
        )
    return plans


def _month_start(today: date, back: int) -> date:
    """The first day of the month ``back - 1`` months before this one."""
    index = today.year * 12 + today.month - 1 - (back - 1)
    return date(index // 12, index % 12 + 1, 1)


def _month_days(first: date) -> list[date]:
    days, day = [], first
    while day.month == first.month:
        days.append(day)
        day += timedelta(days=1)
    return days


def _sender(rng: random.Random, channel: Channel) -> SenderKind:
    if channel is Channel.KOTAK_SARAN:
        return SenderKind.ANONIM
    if channel is Channel.LAINNYA and rng.random() < 0.5:
        return SenderKind.ANONIM
    return rng.choices(
        [SenderKind.SISWA, SenderKind.ORANG_TUA, SenderKind.GURU, SenderKind.LAINNYA],
        weights=[50, 30, 14, 6],
    )[0]


def _form(rng: random.Random, plan: _Plan, box_id: int | None, code: str) -> ComplaintForm:
    name = contact = ""
    if plan.sender is SenderKind.LAINNYA:
        name = rng.choice(OTHER_SENDER)
    elif plan.sender is not SenderKind.ANONIM:
        sex = rng.choice((Sex.L, Sex.P))
        name = person_name(rng, pick_pool(rng), sex)
        if plan.sender is SenderKind.ORANG_TUA:
            name = f"{'Bapak' if sex is Sex.L else 'Ibu'} {name}"
            contact = f"08{rng.randint(11, 59)}-{rng.randint(1000, 9999)}-{rng.randint(100, 9999)}"
    text = rng.choice(ABOUT_COUNSELLOR if plan.about else TEXTS[plan.kind])
    return ComplaintForm(
        kind=plan.kind,
        channel=plan.channel,
        text=text,
        received_at=plan.received_at,
        sender_kind=plan.sender,
        sender_name=name,
        sender_contact=contact,
        subject=Subject.KONSELOR if plan.about else Subject.LAYANAN,
        about_account_id=plan.about.id if plan.about else None,
        channel_other=plan.channel_other,
        box_opening_id=box_id,
        code=code,
    )


@dataclass
class _Room:
    """What the room did about an entry and when; nothing is recorded after ``now``."""

    rng: random.Random
    clock: _StepClock
    now: datetime

    def follow_up(self, desk: ComplaintService, complaint_id: int, plan: _Plan) -> None:
        """First follow-up mostly within 72 h, some late; a response (public for many an
        anonymous entry); closed a few days later."""
        if plan.waiting:
            return
        rng, start = self.rng, plan.received_at
        if plan.kind is ComplaintType.APRESIASI:
            thanked = start + timedelta(hours=rng.uniform(2, 60))
            if rng.random() < 0.75 and self.act(
                desk, complaint_id, thanked, ActionKind.TANGGAPAN, rng.choice(THANKS)
            ):
                self.close(desk, complaint_id, thanked + timedelta(days=rng.uniform(1, 6)))
            return
        late = rng.random() < 0.14
        first = start + timedelta(hours=rng.uniform(80, 150) if late else rng.uniform(1.5, 60))
        text = ABOUT_COUNSELLOR_ACTION if plan.about else rng.choice(ACTIONS[plan.kind])
        if not self.act(desk, complaint_id, first, ActionKind.TINDAKAN, text):
            return
        reply_at = first + timedelta(hours=rng.uniform(1, 30))
        if plan.sender is SenderKind.ANONIM:
            if rng.random() < 0.6:
                response = rng.choice(PUBLIC_RESPONSES)
                self.act(desk, complaint_id, reply_at, ActionKind.TANGGAPAN, response, public=True)
        elif rng.random() < 0.7:
            self.act(desk, complaint_id, reply_at, ActionKind.TANGGAPAN, rng.choice(RESPONSES))
        if rng.random() < 0.85:
            self.close(desk, complaint_id, reply_at + timedelta(days=rng.uniform(1, 10)))

    def act(
        self,
        desk: ComplaintService,
        complaint_id: int,
        at: datetime,
        kind: ActionKind,
        text: str,
        *,
        public: bool = False,
    ) -> bool:
        """An action written down a few minutes after it was done; none in the future."""
        recorded = at + timedelta(minutes=7)
        if recorded > self.now:
            return False
        self.clock.at = recorded
        desk.add_action(complaint_id, kind, text, at=at, public=public)
        return True

    def close(self, desk: ComplaintService, complaint_id: int, at: datetime) -> None:
        if at > self.now:
            return
        self.clock.at = at
        desk.close(complaint_id, self.rng.choice(CLOSE_NOTES))
