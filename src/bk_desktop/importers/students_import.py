"""Turn the rows of a student file into ``StudentDraft``s, with a warning for every doubt.

Spreadsheets damage identifiers in known ways, and each is handled openly, never silently:

- a NISN stored as a number lost its leading zeros: it is padded back to 10 digits and warned;
- a NIK or No KK stored as a number (or shown as "6.47401E+15") lost its last digit, because
  Excel keeps only 15 significant digits: it is *not* imported, and the user is told to retype it;
- an invalid NISN/NIK, an unknown sex code, religion or date format: the value is left empty and
  warned, the rest of the student is kept;
- a row without a name, or a second row for the same student: skipped and warned.

Every warning names the sheet row and the student, so the preview can list them for the
counsellor to check against Dapodik before anything is written.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.errors import KnownError
from bk_desktop.domain.identifiers import (
    NISN_LENGTH,
    nik_error,
    nisn_error,
    no_kk_error,
    normalize_digits,
    normalize_nis,
)
from bk_desktop.domain.students import (
    ClassPlacement,
    Guardian,
    GuardianRelation,
    Sex,
    StudentDraft,
    StudentIdentity,
    parse_religion,
    phone_error,
)
from bk_desktop.domain.text import NAME_MAX, clean_line
from bk_desktop.importers.dapodik import is_dapodik, parse_dapodik
from bk_desktop.importers.mapping import (
    DEFAULT_SEX_CODES,
    ColumnMapping,
    DateOrder,
    ImportPreset,
    TargetField,
    clean_rombel,
    guess_header_row,
    guess_mapping,
    missing_required,
    preset_mapping,
    sex_code_key,
)
from bk_desktop.importers.tabular import CellValue, Row, Table, read_table, table_from_header_row

NO_NAME = "(tanpa nama)"


@dataclass(frozen=True)
class ImportWarning:
    """One doubt about one row, shown in the preview as "Baris 12 – Ani: …"."""

    row_number: int
    student_name: str
    message: str

    def __str__(self) -> str:
        return f"Baris {self.row_number} – {self.student_name}: {self.message}"


@dataclass(frozen=True)
class ImportRow:
    row_number: int
    draft: StudentDraft


@dataclass(frozen=True)
class ParsedImport:
    """The usable rows of a file, its warnings, and how many rows were skipped outright."""

    rows: tuple[ImportRow, ...]
    warnings: tuple[ImportWarning, ...]
    skipped: int
    source: str


@dataclass(frozen=True)
class PreparedFile:
    """A file read and its columns guessed, ready for the mapping step of the UI."""

    table: Table
    mapping: ColumnMapping
    is_dapodik: bool


def prepare_file(path: Path, preset: ImportPreset | None = None) -> PreparedFile:
    """Read a file and propose a mapping: Dapodik is recognised by its header text; any other
    file uses the preset's mapping, or a guess from its header names."""
    grid = read_table(path)
    if preset is None and is_dapodik(grid):
        table = parse_dapodik(grid)
        return PreparedFile(table, guess_mapping(table.headers), is_dapodik=True)
    mapping = preset.mapping if preset is not None else None
    table = table_from_header_row(grid, guess_header_row(grid, mapping))
    if preset is not None:
        mapping = preset_mapping(preset, table.headers)
    else:
        mapping = guess_mapping(table.headers)
    return PreparedFile(table, mapping, is_dapodik=False)


def import_file(
    path: Path,
    *,
    today: date,
    academic_year: AcademicYear | None,
    preset: ImportPreset | None = None,
) -> ParsedImport:
    """Read, map and convert in one go; ``ValidationError`` when required columns are missing."""
    prepared = prepare_file(path, preset)
    return drafts_from_table(
        prepared.table,
        prepared.mapping,
        today=today,
        academic_year=academic_year,
        sex_codes=preset.sex_lookup() if preset is not None else None,
        date_order=preset.date_format if preset is not None else DateOrder.DAY_FIRST,
    )


# ---------------------------------------------------------------------------- cell readers

_PLACEHOLDERS = {"-", "--", "0", ".", "#N/A", "N/A", "NULL"}
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+")


def _text(value: CellValue) -> str:
    """A cell as one line of text; integral floats lose their ".0", dates become ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return clean_line(str(value))


def _meaningful(value: CellValue) -> str:
    """Text with Dapodik's "nothing here" placeholders ("-", "0") turned into ""."""
    text = _text(value)
    return "" if text.upper() in _PLACEHOLDERS else text


def _is_number(value: CellValue) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


Warn = Callable[[str], None]


def read_nisn(value: CellValue, warn: Warn) -> str:
    """NISN as text; zeros a number lost are restored (7–9 digits → 10) with a warning.

    A NISN's first three digits are the last three of the birth year, so at most three leading
    zeros can have been lost ("000…" for 2000). Fewer than 7 digits cannot be repaired.
    """
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        warn(f"NISN “{value}” tidak valid (harus 10 digit angka); NISN tidak diimpor.")
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raw = str(int(value))
    else:
        raw = str(value).strip()
    if _SCIENTIFIC.fullmatch(raw):
        with contextlib.suppress(InvalidOperation, ValueError):
            raw = str(int(Decimal(raw.replace(",", "."))))
    digits = normalize_digits(raw)
    if not digits or digits.upper() in _PLACEHOLDERS:
        return ""
    if digits.isdigit() and 7 <= len(digits) < NISN_LENGTH:
        padded = digits.zfill(NISN_LENGTH)
        if nisn_error(padded) is None:
            warn(
                f"NISN {digits} kehilangan angka 0 di depan (tersimpan sebagai angka); "
                f"dibaca sebagai {padded}. Cocokkan dengan Dapodik."
            )
            return padded
    if nisn_error(digits) is not None:
        warn(f"NISN “{raw}” tidak valid (harus 10 digit angka); NISN tidak diimpor.")
        return ""
    return digits


def read_sixteen_digits(value: CellValue, label: str, warn: Warn) -> str:
    """NIK or No KK as text, refused when the spreadsheet held it as a number.

    A number cannot carry 16 digits exactly; the last one is already gone, and a wrong NIK is
    worse than none because it would be used to recognise the student later.
    """
    if value is None:
        return ""
    raw = _text(value)
    if raw.upper() in _PLACEHOLDERS:
        return ""
    if _is_number(value) or _SCIENTIFIC.fullmatch(raw):
        warn(
            f"{label} tersimpan sebagai angka di lembar kerja ({raw}), sehingga digit "
            f"terakhirnya tidak dapat dipercaya; {label} tidak diimpor. Ubah kolom {label} "
            "menjadi teks dan ketik ulang dari kartu keluarga."
        )
        return ""
    digits = normalize_digits(raw)
    check = nik_error if label == "NIK" else no_kk_error
    if check(digits) is not None:
        warn(f"{label} “{raw}” tidak valid (harus 16 digit angka); {label} tidak diimpor.")
        return ""
    return digits


_EXCEL_EPOCH = date(1899, 12, 30)
_MAX_SERIAL = 2_958_465  # 31 December 9999
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}[:.]\d{2}(?:[:.]\d{2})?.*)?")
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ]\d{1,2}[:.]\d{2}.*)?")
_WORDS = re.compile(r"(\d{1,2})[\s\-]+([A-Za-z]+)\.?[\s\-]+(\d{4})")
_MONTH_NAMES: Mapping[str, int] = {
    **{
        name: number
        for number, names in enumerate(
            (
                ("januari", "jan", "january"),
                ("februari", "feb", "pebruari", "february"),
                ("maret", "mar", "march"),
                ("april", "apr"),
                ("mei", "may"),
                ("juni", "jun", "june"),
                ("juli", "jul", "july"),
                ("agustus", "agu", "agt", "agus", "aug", "august"),
                ("september", "sep", "sept"),
                ("oktober", "okt", "oct", "october"),
                ("november", "nov", "nop", "nopember"),
                ("desember", "des", "dec", "december"),
            ),
            start=1,
        )
        for name in names
    }
}
_EARLIEST_BIRTH = date(1900, 1, 1)


class _UnknownDate(ValueError):
    pass


def _make_date(year: int, month: int, day: int) -> date:
    try:
        result = date(year, month, day)
    except ValueError:
        raise _UnknownDate from None
    if result < _EARLIEST_BIRTH:
        raise _UnknownDate
    return result


def parse_birth_date(value: CellValue, order: DateOrder = DateOrder.DAY_FIRST) -> date | None:
    """A birth date from whatever the cell holds; ``None`` for blank; ``ValueError`` if unknown.

    Accepted: real date/datetime cells, ISO text ("2010-05-17", with or without a time), numeric
    day-month-year with "/", "-" or "." (month first when the preset says so), "17 Mei 2010",
    8-digit "20100517"/"17052010", and Excel serial numbers (a date cell that lost its format).
    Two-digit years are refused: the century cannot be known.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return _make_date(value.year, value.month, value.day)
    if isinstance(value, date):
        return _make_date(value.year, value.month, value.day)
    if isinstance(value, bool | time):
        raise _UnknownDate
    if isinstance(value, int | float):
        if float(value).is_integer() and 19_000_101 <= value <= 21_001_231:
            number = int(value)
            return _make_date(number // 10_000, number // 100 % 100, number % 100)
        result = _EXCEL_EPOCH + timedelta(days=int(value)) if 1 <= value <= _MAX_SERIAL else None
        if result is None:
            raise _UnknownDate
        return _make_date(result.year, result.month, result.day)
    text = str(value).strip().lstrip("'’")
    if not text or text.upper() in _PLACEHOLDERS:
        return None
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _make_date(year, month, day)
    if match := _NUMERIC.fullmatch(text):
        first, second, year = (int(part) for part in match.groups())
        if order is DateOrder.MONTH_FIRST:
            first, second = second, first
        return _make_date(year, second, first)
    if match := _WORDS.fullmatch(text):
        named_month = _MONTH_NAMES.get(match.group(2).casefold())
        if named_month is None:
            raise _UnknownDate
        return _make_date(int(match.group(3)), named_month, int(match.group(1)))
    if text.isdigit():
        if len(text) == 8:
            for year, month, day in (
                (int(text[:4]), int(text[4:6]), int(text[6:])),
                (int(text[4:]), int(text[2:4]), int(text[:2])),
            ):
                try:
                    return _make_date(year, month, day)
                except _UnknownDate:
                    continue
        if len(text) == 5:
            return parse_birth_date(int(text), order)
    raise _UnknownDate


# ---------------------------------------------------------------------------- rows → drafts


def _address(cells: Mapping[TargetField, CellValue]) -> str:
    """Dapodik splits the address over seven columns; the counsellor needs one line."""
    parts: list[str] = []
    street = _meaningful(cells.get(TargetField.ADDRESS))
    if street:
        parts.append(street)
    rt, rw = _meaningful(cells.get(TargetField.RT)), _meaningful(cells.get(TargetField.RW))
    if rt and rw:
        parts.append(f"RT {rt}/RW {rw}")
    elif rt:
        parts.append(f"RT {rt}")
    elif rw:
        parts.append(f"RW {rw}")
    for target, prefix in (
        (TargetField.DUSUN, "Dusun "),
        (TargetField.KELURAHAN, "Kel. "),
        (TargetField.KECAMATAN, "Kec. "),
        (TargetField.KODE_POS, ""),
    ):
        text = _meaningful(cells.get(target))
        if text:
            parts.append(f"{prefix}{text}")
    return ", ".join(parts)


def _phone(value: CellValue) -> str:
    """A phone number as dialled; a mobile number stored as a number lost its leading 0."""
    text = _meaningful(value)
    if _is_number(value) and text.startswith("8"):
        return "0" + text
    return text


def _draft_from_cells(
    cells: Mapping[TargetField, CellValue],
    *,
    name: str,
    today: date,
    academic_year: AcademicYear | None,
    sex_codes: Mapping[str, Sex],
    date_order: DateOrder,
    warn: Warn,
) -> StudentDraft:
    nisn = read_nisn(cells.get(TargetField.NISN), warn)
    nik = read_sixteen_digits(cells.get(TargetField.NIK), "NIK", warn)
    no_kk = read_sixteen_digits(cells.get(TargetField.NO_KK), "No KK", warn)
    if nik and nik == no_kk:
        warn("NIK sama dengan No KK, padahal keduanya selalu berbeda; keduanya tidak diimpor.")
        nik = no_kk = ""

    sex: Sex | None = None
    sex_raw = _meaningful(cells.get(TargetField.SEX))
    if sex_raw:
        sex = sex_codes.get(sex_code_key(sex_raw))
        if sex is None:
            warn(f"Jenis kelamin “{sex_raw}” tidak dikenali; dikosongkan.")

    birth_date: date | None = None
    birth_raw = cells.get(TargetField.BIRTH_DATE)
    try:
        birth_date = parse_birth_date(birth_raw, date_order)
    except ValueError:
        warn(
            f"Tanggal lahir “{_text(birth_raw)}” tidak dikenali (gunakan dd-mm-yyyy); dikosongkan."
        )
    if birth_date is not None and birth_date > today:
        warn(f"Tanggal lahir {birth_date:%d-%m-%Y} ada di masa depan; dikosongkan.")
        birth_date = None

    religion = None
    religion_raw = _meaningful(cells.get(TargetField.RELIGION))
    if religion_raw:
        religion = parse_religion(religion_raw)
        if religion is None:
            warn(f"Agama “{religion_raw}” tidak dikenali; dikosongkan.")

    phone = _phone(cells.get(TargetField.PHONE))
    if phone and phone_error(phone) is not None:
        warn(f"Nomor telepon “{phone}” tidak dikenali; tidak diimpor.")
        phone = ""

    placements: tuple[ClassPlacement, ...] = ()
    rombel = clean_rombel(_meaningful(cells.get(TargetField.ROMBEL)))
    if rombel and academic_year is not None:
        placements = (
            ClassPlacement(
                academic_year, rombel, _meaningful(cells.get(TargetField.HOMEROOM_TEACHER))
            ),
        )

    guardians: list[Guardian] = []
    for target, relation in (
        (TargetField.FATHER_NAME, GuardianRelation.AYAH),
        (TargetField.MOTHER_NAME, GuardianRelation.IBU),
        (TargetField.GUARDIAN_NAME, GuardianRelation.WALI),
    ):
        guardian_name = _meaningful(cells.get(target))
        if guardian_name:
            guardians.append(Guardian(guardian_name, relation))
    parent_phone = _phone(cells.get(TargetField.PARENT_PHONE))
    if parent_phone and phone_error(parent_phone) is not None:
        warn(f"Nomor telepon orang tua “{parent_phone}” tidak dikenali; tidak diimpor.")
        parent_phone = ""
    if parent_phone and guardians:
        # One phone column for "orang tua/wali": the guardian if named, else the mother, else
        # the father — the person schools usually call first.
        guardians.sort(key=lambda g: _CALL_ORDER[g.relation])
        guardians[0] = replace(guardians[0], phone=parent_phone)
        guardians.sort(key=lambda g: _LIST_ORDER[g.relation])

    return StudentDraft(
        name=name,
        nis=normalize_nis(_meaningful(cells.get(TargetField.NIS))),
        nisn=nisn,
        nik=nik,
        no_kk=no_kk,
        sex=sex,
        birth_place=_meaningful(cells.get(TargetField.BIRTH_PLACE)),
        birth_date=birth_date,
        religion=religion,
        address=_address(cells),
        phone=phone,
        placements=placements,
        guardians=tuple(guardians),
        notes=_meaningful(cells.get(TargetField.NOTES)),
    )


_CALL_ORDER = {GuardianRelation.WALI: 0, GuardianRelation.IBU: 1, GuardianRelation.AYAH: 2}
_LIST_ORDER = {GuardianRelation.AYAH: 0, GuardianRelation.IBU: 1, GuardianRelation.WALI: 2}

# Fields a remaining validation error can be dropped from; any other error skips the row.
_DROPPABLE: Mapping[str, Callable[[StudentDraft], StudentDraft]] = {
    "nis": lambda d: replace(d, nis=""),
    "nisn": lambda d: replace(d, nisn=""),
    "nik": lambda d: replace(d, nik=""),
    "no_kk": lambda d: replace(d, no_kk=""),
    "birth_date": lambda d: replace(d, birth_date=None),
    "birth_place": lambda d: replace(d, birth_place=""),
    "address": lambda d: replace(d, address=""),
    "phone": lambda d: replace(d, phone=""),
    "notes": lambda d: replace(d, notes=""),
}


class _RowRefused(Exception):
    """A row the draft cannot be made valid for by dropping a value (e.g. a 500-letter name)."""


def _drop_invalid(draft: StudentDraft, today: date, warn: Warn) -> StudentDraft:
    """Safety net: whatever ``StudentDraft.validate`` still refuses is dropped and warned;
    ``_RowRefused`` (already warned) when the problem is one no dropping can fix."""
    guardians = list(draft.guardians)
    drop_guardians: set[int] = set()
    for error in draft.validate(today):
        field = error.field or ""
        if field in _DROPPABLE:
            warn(f"{error.message} Nilainya tidak diimpor.")
            draft = _DROPPABLE[field](draft)
        elif field.startswith("guardians["):
            warn(f"{error.message} Data orang tua/wali ini tidak diimpor.")
            drop_guardians.add(int(field[len("guardians[") : field.index("]")]))
        elif field.startswith("placements["):
            warn(f"{error.message} Rombel tidak diimpor.")
            draft = replace(draft, placements=())
        else:
            warn(f"{error.message} Baris dilewati.")
            raise _RowRefused
    kept = tuple(g for index, g in enumerate(guardians) if index not in drop_guardians)
    return replace(draft, guardians=kept)


def drafts_from_table(
    table: Table,
    mapping: ColumnMapping,
    *,
    today: date,
    academic_year: AcademicYear | None,
    sex_codes: Mapping[str, Sex] | None = None,
    date_order: DateOrder = DateOrder.DAY_FIRST,
) -> ParsedImport:
    """Convert every data row; ``ValidationError`` (naming the columns) if required ones miss,
    ``KnownError`` if there is a header but no data under it.

    ``academic_year`` is the year the file's rombel belong to (normally the current term's);
    without it the rombel column is ignored.
    """
    problem = missing_required(mapping, table.headers)
    if problem is not None:
        raise problem
    if not table.rows:
        raise KnownError(
            f"Berkas “{table.source}” tidak berisi data siswa di bawah baris judul kolom."
        )
    columns = mapping.resolve(table.headers)
    codes = dict(sex_codes) if sex_codes is not None else dict(DEFAULT_SEX_CODES)

    rows: list[ImportRow] = []
    warnings: list[ImportWarning] = []
    skipped = 0
    seen_nisn: dict[str, tuple[int, str]] = {}
    seen_nik: dict[str, tuple[int, str]] = {}
    seen_person: dict[tuple[str, date], tuple[int, StudentIdentity]] = {}

    broken = dict(table.broken)
    for row_number, row in zip(table.row_numbers, table.rows, strict=True):
        cells = _cells(row, columns)
        name = _meaningful(cells.get(TargetField.NAME))
        label = name[:NAME_MAX] or NO_NAME

        def warn(message: str, row_number: int = row_number, label: str = label) -> None:
            warnings.append(ImportWarning(row_number, label, message))

        if row_number in broken:
            warn(broken[row_number][:1].upper() + broken[row_number][1:])
            skipped += 1
            continue
        if not name:
            if any(_text(value) for value in row):
                warn("Nama kosong; baris dilewati.")
                skipped += 1
            continue
        draft = _draft_from_cells(
            cells,
            name=name,
            today=today,
            academic_year=academic_year,
            sex_codes=codes,
            date_order=date_order,
            warn=warn,
        )
        try:
            draft = _drop_invalid(draft, today, warn)
        except _RowRefused:
            skipped += 1
            continue

        identity = StudentIdentity.of(draft)
        duplicate = _duplicate_of(identity, seen_nisn, seen_nik, seen_person)
        if duplicate is not None:
            warn(duplicate + " Baris dilewati.")
            skipped += 1
            continue
        if identity.nisn:
            seen_nisn[identity.nisn] = (row_number, name)
        if identity.nik:
            seen_nik[identity.nik] = (row_number, name)
        person = identity.name_and_birth
        if person is not None:
            seen_person.setdefault(person, (row_number, identity))
        rows.append(ImportRow(row_number, draft))

    return ParsedImport(tuple(rows), tuple(warnings), skipped, table.source)


def _cells(row: Row, columns: Mapping[TargetField, int]) -> dict[TargetField, CellValue]:
    width = len(row)
    return {target: row[index] if index < width else None for target, index in columns.items()}


def _duplicate_of(
    identity: StudentIdentity,
    seen_nisn: Mapping[str, tuple[int, str]],
    seen_nik: Mapping[str, tuple[int, str]],
    seen_person: Mapping[tuple[str, date], tuple[int, StudentIdentity]],
) -> str | None:
    if identity.nisn and identity.nisn in seen_nisn:
        number, other = seen_nisn[identity.nisn]
        return f"NISN {identity.nisn} sudah ada di baris {number} ({other})."
    if identity.nik and identity.nik in seen_nik:
        number, other = seen_nik[identity.nik]
        return f"NIK {identity.nik} sudah ada di baris {number} ({other})."
    person = identity.name_and_birth
    if person is not None and person in seen_person:
        number, earlier = seen_person[person]
        if not identity.conflicts_with(earlier):
            return f"Nama dan tanggal lahir sama dengan baris {number}."
    return None
