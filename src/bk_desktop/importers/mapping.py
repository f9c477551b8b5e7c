"""Which file column feeds which student field, guessed from header names or taken from a preset.

Files other than Dapodik have no stable layout (EMIS for madrasah, class lists typed by a wali
kelas, exports of other programs). The UI shows a mapping step: columns are guessed from the
header text, the user corrects them, and the result can be saved as a named ``ImportPreset`` so
next term's file maps itself. Presets are plain data with a ``to_dict``/``from_dict`` pair; the
caller decides where to keep them.

Headers are compared by a *match key* (case, punctuation, dashes, line breaks and a trailing
remark in parentheses ignored), so "Tanggal\\nLahir", "TANGGAL LAHIR" and
"Tanggal Lahir (dd-mm-yyyy)" are one column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.students import Sex
from bk_desktop.importers.tabular import Grid, normalize_header


class TargetField(StrEnum):
    NIS = "nis"
    NISN = "nisn"
    NIK = "nik"
    NO_KK = "no_kk"
    NAME = "name"
    SEX = "sex"
    BIRTH_PLACE = "birth_place"
    BIRTH_DATE = "birth_date"
    RELIGION = "religion"
    ADDRESS = "address"
    RT = "rt"
    RW = "rw"
    DUSUN = "dusun"
    KELURAHAN = "kelurahan"
    KECAMATAN = "kecamatan"
    KODE_POS = "kode_pos"
    PHONE = "phone"
    ROMBEL = "rombel"
    HOMEROOM_TEACHER = "homeroom_teacher"
    FATHER_NAME = "father_name"
    MOTHER_NAME = "mother_name"
    GUARDIAN_NAME = "guardian_name"
    PARENT_PHONE = "parent_phone"
    NOTES = "notes"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: Mapping[TargetField, str] = {
    TargetField.NIS: "NIS/NIPD",
    TargetField.NISN: "NISN",
    TargetField.NIK: "NIK",
    TargetField.NO_KK: "No KK",
    TargetField.NAME: "Nama",
    TargetField.SEX: "Jenis Kelamin",
    TargetField.BIRTH_PLACE: "Tempat Lahir",
    TargetField.BIRTH_DATE: "Tanggal Lahir",
    TargetField.RELIGION: "Agama",
    TargetField.ADDRESS: "Alamat",
    TargetField.RT: "RT",
    TargetField.RW: "RW",
    TargetField.DUSUN: "Dusun",
    TargetField.KELURAHAN: "Kelurahan/Desa",
    TargetField.KECAMATAN: "Kecamatan",
    TargetField.KODE_POS: "Kode Pos",
    TargetField.PHONE: "Telepon/HP",
    TargetField.ROMBEL: "Rombel/Kelas",
    TargetField.HOMEROOM_TEACHER: "Wali Kelas",
    TargetField.FATHER_NAME: "Nama Ayah",
    TargetField.MOTHER_NAME: "Nama Ibu",
    TargetField.GUARDIAN_NAME: "Nama Wali",
    TargetField.PARENT_PHONE: "Telepon Orang Tua/Wali",
    TargetField.NOTES: "Catatan",
}

# Header spellings per field, most specific first; written as match keys (see ``match_key``).
SYNONYMS: Mapping[TargetField, tuple[str, ...]] = {
    TargetField.NIS: ("nipd", "nis", "nism", "nis lokal", "nis nipd", "no induk", "nomor induk"),
    TargetField.NISN: ("nisn", "no nisn", "nomor nisn"),
    TargetField.NIK: ("nik", "nik siswa", "nik peserta didik", "no nik", "nomor nik"),
    TargetField.NO_KK: ("no kk", "nomor kk", "nkk", "no kartu keluarga", "nomor kartu keluarga"),
    TargetField.NAME: (
        "nama",
        "nama siswa",
        "nama lengkap",
        "nama peserta didik",
        "nama pd",
        "nama murid",
        "nama lengkap siswa",
    ),
    TargetField.SEX: ("jk", "jenis kelamin", "l p", "kelamin", "gender"),
    TargetField.BIRTH_PLACE: ("tempat lahir", "tmp lahir", "tmpt lahir", "tempat"),
    TargetField.BIRTH_DATE: ("tanggal lahir", "tgl lahir", "tgl lhr", "tanggal lhr"),
    TargetField.RELIGION: ("agama",),
    TargetField.ADDRESS: ("alamat", "alamat jalan", "alamat rumah", "alamat siswa", "jalan"),
    TargetField.RT: ("rt",),
    TargetField.RW: ("rw",),
    TargetField.DUSUN: ("dusun",),
    TargetField.KELURAHAN: ("kelurahan", "desa", "kelurahan desa", "desa kelurahan"),
    TargetField.KECAMATAN: ("kecamatan",),
    TargetField.KODE_POS: ("kode pos",),
    TargetField.PHONE: (
        "hp",
        "no hp",
        "nomor hp",
        "no hp siswa",
        "handphone",
        "no handphone",
        "telepon",
        "no telepon",
        "telp",
        "no telp",
    ),
    TargetField.ROMBEL: (
        "rombel saat ini",
        "rombel",
        "nama rombel",
        "rombongan belajar",
        "kelas",
        "kelas rombel",
    ),
    TargetField.HOMEROOM_TEACHER: ("wali kelas", "nama wali kelas"),
    TargetField.FATHER_NAME: ("data ayah nama", "nama ayah", "nama ayah kandung", "ayah"),
    TargetField.MOTHER_NAME: ("data ibu nama", "nama ibu", "nama ibu kandung", "ibu"),
    TargetField.GUARDIAN_NAME: ("data wali nama", "nama wali", "wali"),
    TargetField.PARENT_PHONE: (
        "no hp orang tua",
        "hp orang tua",
        "telepon orang tua",
        "no telp orang tua",
        "no hp ortu",
        "hp ortu",
        "no hp wali",
        "hp wali",
        "no hp orang tua wali",
    ),
    TargetField.NOTES: ("keterangan", "catatan", "ket"),
}

REQUIRED: tuple[TargetField, ...] = (TargetField.NAME,)
IDENTITY: tuple[TargetField, ...] = (TargetField.NISN, TargetField.NIK, TargetField.BIRTH_DATE)
"""At least one must be present, or a re-import could not recognise the students again."""

_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NON_WORD = re.compile(r"[^\w]+")


def match_key(header: str) -> str:
    """Header reduced for comparison; see the module docstring."""
    text = _PARENTHESES.sub(" ", normalize_header(header).casefold())
    return " ".join(_NON_WORD.sub(" ", text).split())


@dataclass(frozen=True)
class ColumnMapping:
    """Target field → the header text of the column that feeds it."""

    columns: Mapping[TargetField, str] = field(default_factory=dict)

    def resolve(self, headers: Sequence[str]) -> dict[TargetField, int]:
        """Column index of every mapped field found in ``headers`` (first match wins)."""
        positions: dict[str, int] = {}
        for index, header in enumerate(headers):
            positions.setdefault(match_key(header), index)
        found: dict[TargetField, int] = {}
        for target, header in self.columns.items():
            position = positions.get(match_key(header))
            if position is not None:
                found[target] = position
        return found

    def absent(self, headers: Sequence[str]) -> list[TargetField]:
        """Mapped fields whose column is not in ``headers``."""
        found = self.resolve(headers)
        return [target for target in self.columns if target not in found]

    def with_column(self, target: TargetField, header: str | None) -> ColumnMapping:
        """A copy with one field mapped to ``header`` (or unmapped when ``None``)."""
        columns = dict(self.columns)
        if header is None:
            columns.pop(target, None)
        else:
            columns[target] = header
        return ColumnMapping(columns)

    def to_dict(self) -> dict[str, str]:
        return {target.value: header for target, header in self.columns.items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ColumnMapping:
        columns: dict[TargetField, str] = {}
        for key, header in data.items():
            try:
                target = TargetField(key)
            except ValueError:
                raise ValidationError(
                    f"Preset impor memuat kolom tujuan yang tidak dikenal: “{key}”.", "preset"
                ) from None
            if not isinstance(header, str) or not header.strip():
                raise ValidationError(
                    f"Preset impor: nama kolom untuk {target.label} harus berupa teks.", "preset"
                )
            columns[target] = header
        return cls(columns)


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """Map every field whose synonym matches a header exactly (by match key).

    Exact matching only: "Nama" must never be guessed from "Data Ibu – Nama". Each column feeds
    at most one field, and fields earlier in a synonym list win (Dapodik's "HP" over "Telepon").
    """
    keys = [match_key(header) for header in headers]
    used: set[int] = set()
    columns: dict[TargetField, str] = {}
    for target, synonyms in SYNONYMS.items():
        for synonym in synonyms:
            index = next(
                (i for i, key in enumerate(keys) if key == synonym and i not in used), None
            )
            if index is not None:
                columns[target] = headers[index]
                used.add(index)
                break
    return ColumnMapping(columns)


def _example(target: TargetField) -> str:
    return " atau ".join(f"“{name}”" for name in SYNONYMS[target][:2])


def missing_required(mapping: ColumnMapping, headers: Sequence[str]) -> ValidationError | None:
    """Why the file cannot be imported with this mapping, or ``None`` when it can.

    The message names each missing column as the mapping expects it, so the user can fix the
    file or the mapping without guessing.
    """
    found = mapping.resolve(headers)
    problems: list[str] = []
    for target in REQUIRED:
        if target in found:
            continue
        if target in mapping.columns:
            problems.append(f"kolom “{mapping.columns[target]}” ({target.label}) tidak ada")
        else:
            problems.append(f"kolom {target.label} (mis. {_example(target)}) tidak ditemukan")
    if not any(target in found for target in IDENTITY):
        expected = ", ".join(
            f"“{mapping.columns[t]}”" if t in mapping.columns else t.label for t in IDENTITY
        )
        problems.append(f"perlu minimal satu kolom pengenal: {expected}")
    if not problems:
        return None
    return ValidationError(
        "Kolom berkas tidak cocok: " + "; ".join(problems) + ". Sesuaikan pemetaan kolom.",
        "mapping",
    )


class DateOrder(StrEnum):
    """How an ambiguous numeric date is read; ISO and real date cells are never ambiguous."""

    DAY_FIRST = "dd-mm-yyyy"
    MONTH_FIRST = "mm-dd-yyyy"


def sex_code_key(code: str) -> str:
    return " ".join(code.upper().replace("-", " ").split())


DEFAULT_SEX_CODES: Mapping[str, Sex] = {
    "L": Sex.L,
    "LK": Sex.L,
    "LAKI LAKI": Sex.L,
    "LAKI": Sex.L,
    "PRIA": Sex.L,
    "P": Sex.P,
    "PR": Sex.P,
    "PEREMPUAN": Sex.P,
    "WANITA": Sex.P,
}


@dataclass(frozen=True)
class ImportPreset:
    """A saved mapping plus the file's conventions for sex codes and date order."""

    name: str
    mapping: ColumnMapping
    sex_codes: Mapping[str, Sex] = field(default_factory=dict)
    date_format: DateOrder = DateOrder.DAY_FIRST

    def sex_lookup(self) -> dict[str, Sex]:
        """Default codes extended (or overridden) by the preset's own, keyed by ``sex_code_key``."""
        lookup = dict(DEFAULT_SEX_CODES)
        lookup.update({sex_code_key(code): sex for code, sex in self.sex_codes.items()})
        return lookup

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "mapping": self.mapping.to_dict(),
            "sex_codes": {code: sex.value for code, sex in self.sex_codes.items()},
            "date_format": self.date_format.value,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ImportPreset:
        """Rebuild a saved preset; a damaged one gives a ``ValidationError``, never a crash."""
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValidationError("Preset impor harus punya nama.", "preset")
        mapping = data.get("mapping", {})
        codes = data.get("sex_codes", {})
        if not isinstance(mapping, Mapping) or not isinstance(codes, Mapping):
            raise ValidationError(f"Preset impor “{name}” rusak; buat ulang.", "preset")
        try:
            sex_codes = {str(code): Sex(value) for code, value in codes.items()}
            date_format = DateOrder(data.get("date_format", DateOrder.DAY_FIRST.value))
        except ValueError:
            raise ValidationError(f"Preset impor “{name}” rusak; buat ulang.", "preset") from None
        return cls(name, ColumnMapping.from_dict(mapping), sex_codes, date_format)


EMIS_PRESET = ImportPreset(
    name="EMIS",
    mapping=ColumnMapping(
        {
            TargetField.NIS: "NISM",
            TargetField.NISN: "NISN",
            TargetField.NIK: "NIK",
            TargetField.NAME: "Nama Siswa",
            TargetField.SEX: "Jenis Kelamin",
            TargetField.BIRTH_PLACE: "Tempat Lahir",
            TargetField.BIRTH_DATE: "Tanggal Lahir",
            TargetField.ROMBEL: "Kelas",
            TargetField.FATHER_NAME: "Nama Ayah",
            TargetField.MOTHER_NAME: "Nama Ibu",
        }
    ),
    sex_codes={"1": Sex.L, "2": Sex.P},
    date_format=DateOrder.DAY_FIRST,
)
"""EMIS (Kemenag) student export: NISM as the school number, sex as 1/2, dates dd-mm-yyyy."""

BUILTIN_PRESETS: tuple[ImportPreset, ...] = (EMIS_PRESET,)

_HEADER_SEARCH_ROWS = 20


def guess_header_row(grid: Grid, mapping: ColumnMapping | None = None) -> int:
    """Index of the row that looks most like a header: most cells matching a synonym or one of
    the preset's headers. Title rows above the header are common in exported files."""
    wanted = {synonym for synonyms in SYNONYMS.values() for synonym in synonyms}
    if mapping is not None:
        # A preset partly matched (EMIS recognised by its NISM) still finds its header row.
        wanted |= {match_key(header) for header in mapping.columns.values()}
    best, best_hits = 0, 0
    for index, row in enumerate(grid.rows[:_HEADER_SEARCH_ROWS]):
        hits = sum(1 for value in row if value is not None and match_key(str(value)) in wanted)
        if hits > best_hits:
            best, best_hits = index, hits
    return best


# -- which preset a file is --------------------------------------------------------------------

EMIS_MARKER = "nism"
"""The match key of "NISM" (Nomor Induk Siswa Madrasah): only EMIS exports have this column."""

MOST = 0.5
"""A saved preset is chosen when more than this share of its mapped headers are in the file."""

AUTOMATIC = "pemetaan otomatis"


@dataclass(frozen=True)
class PresetChoice:
    """The preset a file was recognised as (``None``: Dapodik, or the guess from its headers),
    what it is called, and why, in a sentence the window and the command line show."""

    preset: ImportPreset | None
    kind: str
    reason: str


def _coverage(preset: ImportPreset, headers: Sequence[str]) -> tuple[int, int]:
    return len(preset.mapping.resolve(headers)), len(preset.mapping.columns)


def detect_preset(
    headers: Sequence[str], presets: Sequence[ImportPreset], *, is_dapodik: bool
) -> PresetChoice:
    """Recognise a file by its header: Dapodik's title rows, then a saved preset most of whose
    columns are there (the school's own mapping knows its files best), then ``NISM`` ⇒ EMIS,
    then a built-in preset by the same majority; else the guess from the header names.

    A wrong guess here cost a school every student's gender (EMIS writes 1/2), so the choice
    always comes with its reason, and the user can change it.
    """
    if is_dapodik:
        return PresetChoice(
            None, "Dapodik", "baris judul unduhan Dapodik (“Daftar Peserta Didik”) ditemukan"
        )
    builtin = {preset.name for preset in BUILTIN_PRESETS}
    saved = [preset for preset in presets if preset.name not in builtin]
    best: tuple[float, ImportPreset, int, int] | None = None
    for preset in saved:
        found, total = _coverage(preset, headers)
        if total and found / total > MOST and (best is None or found / total > best[0]):
            best = (found / total, preset, found, total)
    if best is not None:
        _, preset, found, total = best
        return PresetChoice(
            preset,
            preset.name,
            f"{found} dari {total} kolom preset “{preset.name}” ada di berkas",
        )
    keys = {match_key(header) for header in headers}
    if EMIS_MARKER in keys:
        return PresetChoice(
            EMIS_PRESET, EMIS_PRESET.name, "ada kolom NISM, yang hanya dimiliki ekspor EMIS"
        )
    for preset in presets:
        found, total = _coverage(preset, headers)
        if preset.name in builtin and total and found / total > MOST:
            return PresetChoice(
                preset,
                preset.name,
                f"{found} dari {total} kolom preset “{preset.name}” ada di berkas",
            )
    return PresetChoice(
        None, AUTOMATIC, "tidak ada preset yang cocok; kolom dipetakan menurut judulnya"
    )


def preset_mapping(preset: ImportPreset, headers: Sequence[str]) -> ColumnMapping:
    """The preset's mapping on this file: its columns that are there, and for a field whose
    column is not, the column its header names would be guessed as ("Nama Lengkap Siswa" for
    EMIS's "Nama Siswa"). Fields the preset leaves unmapped stay unmapped; a column neither
    there nor guessed stays as the preset names it, so a refusal says what was expected."""
    found = preset.mapping.resolve(headers)
    used = set(found.values())
    columns = dict(preset.mapping.columns)  # absent ones stay, so a refusal names them
    guessed = guess_mapping(headers).resolve(headers)
    for target in preset.mapping.columns:
        index = guessed.get(target)
        if target not in found and index is not None and index not in used:
            columns[target] = headers[index]
            used.add(index)
    return ColumnMapping(columns)


_EMIS_CLASS = re.compile(r"^kelas\s+\w+\s*[-–—]\s*(?P<rombel>\S.*)$", re.IGNORECASE)


def clean_rombel(text: str) -> str:
    """A rombel as the school names it: EMIS writes "Kelas 10 - XI-F1" (its grade, then the
    rombel), and only "XI-F1" is the class."""
    match = _EMIS_CLASS.match(text.strip())
    return match["rombel"].strip() if match else text.strip()
