"""Who lives around an East Kalimantan school: the name pools of the synthetic demo data.

One set of pools for every generator (the school's settings, students, their parents and
teachers), so a demo vault reads like one school in Bontang: Bugis-Makassar, Javanese and
Banjar families first, then Toraja, Kutai, Batak, Dayak, Balinese and Chinese-Indonesian ones,
each with its own given names, family names, home places and religions.

Every helper draws from the ``random.Random`` it is given and from nothing else, so a seed
gives the same people every time.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bk_desktop.domain.students import Religion, Sex

__all__ = [
    "LOCAL_BIRTH_SHARE",
    "LOCAL_PLACES",
    "NAME_POOLS",
    "STREETS",
    "TEACHER_TITLES",
    "NamePool",
    "birth_place",
    "civil_servant_nip",
    "mobile_phone",
    "person_name",
    "pick_pool",
    "random_birth",
    "religion",
    "teacher_name",
]


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

    @classmethod
    def with_clan_names(
        cls,
        origin: str,
        weight: int,
        *,
        male: tuple[str, ...],
        female: tuple[str, ...],
        clans: tuple[str, ...],
        places: tuple[str, ...],
        religions: tuple[tuple[Religion, int], ...],
    ) -> NamePool:
        """A pool whose sons and daughters carry the same family (marga, clan) names."""
        return cls(origin, weight, male, female, clans, clans, places, religions)

    @property
    def has_clan_names(self) -> bool:
        """Whether sons and daughters share one list of family names: a marga or clan name
        that children carry from their father (Batak, Toraja, Dayak, Chinese-Indonesian)."""
        return self.family_male == self.family_female


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
    NamePool.with_clan_names(
        "Toraja",
        8,
        male=("Yohanes", "Markus", "Daniel", "Yosua", "Frans", "Ricky"),
        female=("Maria", "Elisabeth", "Debora", "Yuliana", "Ester", "Yesika"),
        clans=("Pakiding", "Tandi", "Rante", "Sampe", "Palamba", "Pasanda", "Tangdilintin"),
        places=("Rantepao", "Makale", "Makassar"),
        religions=((Religion.KRISTEN, 70), (Religion.KATOLIK, 25), (Religion.KEPERCAYAAN, 5)),
    ),
    NamePool.with_clan_names(
        "Batak",
        5,
        male=("Samuel", "Hotman", "Parulian", "Rudi", "Jonathan", "Fernando"),
        female=("Ruth", "Tiur", "Natalia", "Grace", "Lisbeth", "Sarah"),
        clans=("Siregar", "Nasution", "Harahap", "Simanjuntak", "Sitompul", "Hutapea", "Lubis"),
        places=("Medan", "Tarutung", "Pematangsiantar", "Sibolga"),
        religions=((Religion.KRISTEN, 70), (Religion.ISLAM, 20), (Religion.KATOLIK, 10)),
    ),
    NamePool.with_clan_names(
        "Dayak",
        5,
        male=("Yosef", "Agustinus", "Stefanus", "Lukas", "Dedi", "Paulus"),
        female=("Veronika", "Lusia", "Agnes", "Theresia", "Yuli", "Monika"),
        clans=("Ding", "Lawing", "Ajang", "Ibau", "Bilung", "Juk"),
        places=("Long Bagun", "Malinau", "Sendawar", "Long Apari"),
        religions=((Religion.KATOLIK, 50), (Religion.KRISTEN, 45), (Religion.KEPERCAYAAN, 5)),
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
    NamePool.with_clan_names(
        "Tionghoa",
        3,
        male=("Kevin", "Hendra", "Steven", "William", "Jason", "Felix"),
        female=("Jessica", "Cindy", "Melinda", "Angela", "Vanessa", "Clarissa"),
        clans=("Wijaya", "Halim", "Gunawan", "Salim", "Tanoto", "Kurniawan"),
        places=("Samarinda", "Balikpapan", "Pontianak", "Surabaya"),
        religions=(
            (Religion.BUDDHA, 40),
            (Religion.KRISTEN, 30),
            (Religion.KATOLIK, 20),
            (Religion.KHONGHUCU, 10),
        ),
    ),
)

# Where people of a Bontang school were born, when not in their family's home region.
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

# Street names without "Jl.", so a letterhead and a student's address can each add it.
STREETS = (
    "Jenderal Sudirman",
    "Ahmad Yani",
    "Pattimura",
    "Imam Bonjol",
    "Cut Nyak Dien",
    "Ki Hajar Dewantara",
    "Awang Long",
    "Brigjend Katamso",
    "MT Haryono",
    "Pupuk Raya",
)

TEACHER_TITLES = ("S.Pd.", "S.Pd.", "M.Pd.", "S.Si.", "S.S.")
_MOBILE_PREFIXES = ("11", "12", "13", "21", "52", "53", "57")


def pick_pool(rng: random.Random) -> NamePool:
    """An origin, in proportion to its share of the school."""
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


def teacher_name(rng: random.Random) -> str:
    """A teacher of any origin, with an academic title: "Dewi Lestari, S.Pd."."""
    sex = rng.choice((Sex.L, Sex.P))
    return f"{person_name(rng, pick_pool(rng), sex)}, {rng.choice(TEACHER_TITLES)}"


def mobile_phone(rng: random.Random) -> str:
    """An Indonesian mobile number: 08, a two-digit operator prefix, eight digits."""
    return f"08{rng.choice(_MOBILE_PREFIXES)}{rng.randrange(10**8):08d}"


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


STUDENTS_PER_COUNSELLOR = 150
"""A school has about one guru BK for every 150 students."""


def counsellor_count(students: int) -> int:
    """How many guru BK a school of ``students`` has (at least one)."""
    return max(1, round(students / STUDENTS_PER_COUNSELLOR))


def counsellor_names(rng: random.Random, count: int, *, taken: Sequence[str] = ()) -> list[str]:
    """``count`` different guru BK names with their titles ("Dewi Lestari, S.Pd."), none of
    them one of ``taken`` (compared without case, as account names are)."""
    seen = {name.casefold() for name in taken}
    names: list[str] = []
    while len(names) < count:
        name = teacher_name(rng)
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names
