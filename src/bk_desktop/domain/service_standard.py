"""The service standard as the school publishes it: what the wall poster says.

The standard's promises are the program's own rules (``domain.counselling`` for the 30–45
minute session, ``domain.deadlines`` for the 1×24 h and 3×24 h clocks), so the poster is made
from them and from the school's settings — how the clock counts (hours, or school days only),
the school week and hours — and never says something the program does not keep.
"""

from __future__ import annotations

from dataclasses import dataclass

from bk_desktop.domain.counselling import MAX_MINUTES, MIN_MINUTES
from bk_desktop.domain.dates import DAY_NAMES
from bk_desktop.domain.deadlines import COMPLAINT_POLICY, SCHEDULING_POLICY
from bk_desktop.domain.settings import Settings


@dataclass(frozen=True)
class StandardSection:
    """One heading of the standard and its numbered points ("Label: text")."""

    heading: str
    points: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ServiceStandard:
    """Everything the poster prints, in order."""

    school_name: str
    sections: tuple[StandardSection, ...]
    cost: str
    """The cost line, printed large: "GRATIS"."""
    cost_note: str
    closing: str


def _days(count: int) -> str:
    return f"{count}×24 jam"


def _week(settings: Settings) -> str:
    """ "Senin–Jumat" for a school week of consecutive days, else the days listed."""
    days = sorted(day for day in settings.school_week if 0 <= day <= 6) or [0, 1, 2, 3, 4]
    if days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        return f"{DAY_NAMES[days[0]]}–{DAY_NAMES[days[-1]]}"
    return ", ".join(DAY_NAMES[day] for day in days)


def _clock_words(settings: Settings) -> str:
    """How the school counts a deadline, in the poster's words."""
    if settings.school_days_only:
        return " (dihitung pada hari sekolah; akhir pekan dan hari libur tidak dihitung)"
    return ""


def service_standard(settings: Settings) -> ServiceStandard:
    """The standard of individual counselling for ``settings``' school, as the poster says it."""
    start, end = settings.school_hours
    hours = f"{start:%H.%M}–{end:%H.%M}"
    schedule_days = SCHEDULING_POLICY.hours // 24
    complaint_days = COMPLAINT_POLICY.hours // 24
    clock = _clock_words(settings)
    sections = (
        StandardSection(
            "Persyaratan",
            (
                ("Siswa terdaftar", "siswa terdaftar secara sah di sekolah ini."),
                (
                    "Permohonan",
                    "permohonan konseling diajukan melalui guru BK, guru mata pelajaran, "
                    "atau wali kelas.",
                ),
                ("Kesediaan", "siswa bersedia mengikuti proses konseling."),
            ),
        ),
        StandardSection(
            "Prosedur",
            (
                ("Pengajuan", "siswa, guru, atau orang tua mengajukan permohonan konseling."),
                (
                    "Penyaringan",
                    "guru BK melakukan asesmen awal untuk memahami masalah dan menentukan "
                    "layanan yang tepat.",
                ),
                ("Penjadwalan", "guru BK dan siswa menyepakati jadwal konseling."),
                ("Pelaksanaan", "konseling dilaksanakan dengan menjaga kerahasiaan."),
            ),
        ),
        StandardSection(
            "Jangka waktu pelayanan",
            (
                (
                    "Sesi konseling",
                    f"setiap sesi berlangsung {MIN_MINUTES}–{MAX_MINUTES} menit, pada hari "
                    f"{_week(settings)} pukul {hours}.",
                ),
                (
                    "Penjadwalan",
                    f"jadwal disepakati paling lambat {_days(schedule_days)} setelah "
                    f"permohonan diterima{clock}.",
                ),
                (
                    "Lama layanan",
                    "jumlah sesi disesuaikan dengan kebutuhan dan kemajuan siswa.",
                ),
            ),
        ),
        StandardSection(
            "Produk pelayanan",
            (
                (
                    "Hasil konseling",
                    "pemahaman diri yang lebih baik, alternatif solusi, dan rencana aksi yang "
                    "konkret, yang dicetak untuk siswa.",
                ),
            ),
        ),
        StandardSection(
            "Pengaduan, saran, masukan, dan apresiasi",
            (
                (
                    "Penyampaian",
                    "langsung kepada guru BK, kepada kepala sekolah, atau melalui kotak saran.",
                ),
                (
                    "Tindak lanjut",
                    f"setiap pengaduan ditindaklanjuti paling lambat {_days(complaint_days)}"
                    f"{clock}.",
                ),
                ("Apresiasi", "dapat disampaikan melalui saluran yang sama."),
            ),
        ),
    )
    return ServiceStandard(
        school_name=settings.school_name,
        sections=sections,
        cost="GRATIS",
        cost_note="Layanan konseling individual di sekolah tidak dipungut biaya.",
        closing=(
            "Semua yang disampaikan dalam konseling dijaga kerahasiaannya dan hanya "
            "dipakai untuk kepentingan layanan BK."
        ),
    )


__all__ = ["ServiceStandard", "StandardSection", "service_standard"]
