"""Guessing columns from header names, presets (EMIS) and the missing-column message."""

from __future__ import annotations

import pytest

from bk_desktop.domain.errors import ValidationError
from bk_desktop.domain.students import Sex
from bk_desktop.importers.mapping import (
    EMIS_PRESET,
    ColumnMapping,
    DateOrder,
    ImportPreset,
    TargetField,
    guess_header_row,
    guess_mapping,
    match_key,
    missing_required,
)
from bk_desktop.importers.tabular import Grid

T = TargetField


def test_headers_match_despite_case_line_breaks_and_remarks() -> None:
    assert (
        match_key("Tanggal\nLahir")
        == match_key("TANGGAL LAHIR")
        == match_key("Tanggal Lahir (dd-mm-yyyy)")
    )
    assert match_key("Data Ibu – Nama") == "data ibu nama"


def test_guess_maps_common_header_names() -> None:
    headers = [
        "No",
        "Nama Lengkap",
        "NIS",
        "NISN",
        "L/P",
        "Tgl. Lahir",
        "Kelas",
        "Nama Ibu",
        "No. HP Orang Tua",
    ]
    columns = guess_mapping(headers).columns
    assert columns[T.NAME] == "Nama Lengkap"
    assert columns[T.NIS] == "NIS"
    assert columns[T.SEX] == "L/P"
    assert columns[T.BIRTH_DATE] == "Tgl. Lahir"
    assert columns[T.ROMBEL] == "Kelas"
    assert columns[T.MOTHER_NAME] == "Nama Ibu"
    assert columns[T.PARENT_PHONE] == "No. HP Orang Tua"


def test_guess_never_takes_a_group_column_for_the_main_one() -> None:
    columns = guess_mapping(
        ["Data Ibu – Nama", "Data Ayah – NIK", "Nama", "NIK", "Telepon", "HP"]
    ).columns
    assert columns[T.NAME] == "Nama"
    assert columns[T.NIK] == "NIK"
    assert columns[T.MOTHER_NAME] == "Data Ibu – Nama"
    assert columns[T.PHONE] == "HP"


def test_missing_required_columns_are_named() -> None:
    error = missing_required(EMIS_PRESET.mapping, ["NISM", "Jenis Kelamin", "Kelas"])
    assert isinstance(error, ValidationError)
    assert "“Nama Siswa”" in error.message
    assert "“NISN”" in error.message and "“Tanggal Lahir”" in error.message
    assert missing_required(EMIS_PRESET.mapping, ["Nama Siswa", "NISN"]) is None


def test_unmapped_name_column_is_explained_with_examples() -> None:
    error = missing_required(guess_mapping(["Kode", "NISN"]), ["Kode", "NISN"])
    assert error is not None and "kolom Nama" in error.message


def test_preset_survives_a_round_trip_through_a_dict() -> None:
    preset = ImportPreset(
        "Kelas buatan wali",
        ColumnMapping({T.NAME: "Siswa", T.NISN: "NISN"}),
        {"LK": Sex.L},
        DateOrder.MONTH_FIRST,
    )
    assert ImportPreset.from_dict(preset.to_dict()) == preset
    assert ImportPreset.from_dict(EMIS_PRESET.to_dict()) == EMIS_PRESET


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": "x", "mapping": {"bukan_kolom": "A"}},
        {"name": "x", "mapping": {"name": 3}},
        {"name": "x", "mapping": [], "sex_codes": {}},
        {"name": "x", "mapping": {}, "sex_codes": {"1": "X"}},
        {"name": "x", "mapping": {}, "date_format": "yyyy"},
    ],
)
def test_damaged_preset_gives_a_validation_error(data: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ImportPreset.from_dict(data)


def test_emis_preset_reads_sex_codes_one_and_two() -> None:
    lookup = EMIS_PRESET.sex_lookup()
    assert lookup["1"] is Sex.L and lookup["2"] is Sex.P
    assert lookup["PEREMPUAN"] is Sex.P


def test_header_row_below_title_rows_is_found() -> None:
    grid = Grid(
        rows=(
            ("DATA SISWA MTs NEGERI 1",),
            ("Tahun 2026/2027",),
            ("No", "NISM", "NISN", "Nama Siswa"),
            ("1", "1", "2", "3"),
        ),
        row_numbers=(1, 2, 4, 5),
        source="emis.xlsx",
    )
    assert guess_header_row(grid, EMIS_PRESET.mapping) == 2
    assert guess_header_row(grid) == 2


def test_mapping_can_be_corrected_one_column_at_a_time() -> None:
    mapping = (
        guess_mapping(["Nama", "Kelas"]).with_column(T.ROMBEL, None).with_column(T.NOTES, "Kelas")
    )
    assert mapping.columns == {T.NAME: "Nama", T.NOTES: "Kelas"}
    assert mapping.absent(["Nama"]) == [T.NOTES]
