"""The student data a file column can feed, as the mapping page lists them."""

from __future__ import annotations

# The student data a file column can feed, by the importer's field keys (``TargetField`` values),
# in the order the mapping page lists them. A test keeps this in step with the importer.
FIELDS: tuple[tuple[str, str], ...] = (
    ("nis", "NIS/NIPD"),
    ("nisn", "NISN"),
    ("nik", "NIK"),
    ("no_kk", "No KK"),
    ("name", "Nama"),
    ("sex", "Jenis Kelamin"),
    ("birth_place", "Tempat Lahir"),
    ("birth_date", "Tanggal Lahir"),
    ("religion", "Agama"),
    ("address", "Alamat"),
    ("rt", "RT"),
    ("rw", "RW"),
    ("dusun", "Dusun"),
    ("kelurahan", "Kelurahan/Desa"),
    ("kecamatan", "Kecamatan"),
    ("kode_pos", "Kode Pos"),
    ("phone", "Telepon/HP"),
    ("rombel", "Rombel/Kelas"),
    ("homeroom_teacher", "Wali Kelas"),
    ("father_name", "Nama Ayah"),
    ("mother_name", "Nama Ibu"),
    ("guardian_name", "Nama Wali"),
    ("parent_phone", "Telepon Orang Tua/Wali"),
    ("notes", "Catatan"),
)


REQUIRED_FIELDS = frozenset({"name"})


def field_object_name(key: str) -> str:
    """The mapping combo of a field: "importMapBirthDate" for the key "birth_date"."""
    return "importMap" + "".join(part.capitalize() for part in key.split("_"))
