"""The documents the program prints, what each shows by default, and their file names.

Privacy by default (issue 15, UU PDP's data minimisation): a printed page names the student
by initials unless the counsellor picks the full name, and free-text session notes are left
out unless chosen. A saved file's default name carries the kind, the initials and the date —
never a full name, because file names show in folder listings, recent-file lists and backups
of the Documents folder that nobody thinks of as confidential.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from bk_desktop.domain.scheduling import initials


class DocumentKind(StrEnum):
    RINGKASAN_SESI = "ringkasan_sesi"
    RENCANA_AKSI = "rencana_aksi"
    KARTU_PEMULIHAN = "kartu_pemulihan"
    CONTOH_KOP = "contoh_kop"
    LAPORAN_KASUS = "laporan_kasus"
    BUKU_KASUS = "buku_kasus"
    SURAT_ALIH_TANGAN = "surat_alih_tangan"
    SURAT_PANGGILAN = "surat_panggilan"
    LAPORAN_PELAKSANAAN = "laporan_pelaksanaan"
    POSTER_STANDAR = "poster_standar"
    TANDA_TERIMA_SARAN = "tanda_terima_saran"
    LEMBAR_KOTAK_SARAN = "lembar_kotak_saran"
    TANGGAPAN_KOTAK_SARAN = "tanggapan_kotak_saran"
    REKAM_PEMROSESAN = "rekam_pemrosesan"
    SALINAN_DATA_SISWA = "salinan_data_siswa"
    PEMBERITAHUAN_INSIDEN_ORTU = "pemberitahuan_insiden_ortu"
    PEMBERITAHUAN_INSIDEN_LEMBAGA = "pemberitahuan_insiden_lembaga"
    FORMULIR_PERSETUJUAN = "formulir_persetujuan"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def file_stem(self) -> str:
        """The start of a saved file's default name ("Ringkasan-Sesi-Konseling")."""
        return "-".join(self.label.split())


_KIND_LABELS = {
    DocumentKind.RINGKASAN_SESI: "Ringkasan Sesi Konseling",
    DocumentKind.RENCANA_AKSI: "Rencana Aksi",
    DocumentKind.KARTU_PEMULIHAN: "Kartu Pemulihan",
    DocumentKind.CONTOH_KOP: "Contoh Kop Surat",
    DocumentKind.LAPORAN_KASUS: "Laporan Kasus",
    DocumentKind.BUKU_KASUS: "Buku Kasus",
    DocumentKind.SURAT_ALIH_TANGAN: "Surat Alih Tangan Kasus",
    DocumentKind.SURAT_PANGGILAN: "Surat Panggilan Orang Tua",
    DocumentKind.LAPORAN_PELAKSANAAN: "Laporan Pelaksanaan Layanan Konseling Individual",
    DocumentKind.POSTER_STANDAR: "Standar Pelayanan Konseling Individual",
    DocumentKind.TANDA_TERIMA_SARAN: "Tanda Terima Kotak Saran",
    DocumentKind.LEMBAR_KOTAK_SARAN: "Lembar Kotak Saran",
    DocumentKind.TANGGAPAN_KOTAK_SARAN: "Tanggapan Kotak Saran",
    DocumentKind.REKAM_PEMROSESAN: "Catatan Kegiatan Pemrosesan Data Pribadi",
    DocumentKind.SALINAN_DATA_SISWA: "Salinan Data Pribadi Siswa",
    DocumentKind.PEMBERITAHUAN_INSIDEN_ORTU: "Pemberitahuan Insiden Data Pribadi",
    DocumentKind.PEMBERITAHUAN_INSIDEN_LEMBAGA: "Pemberitahuan Insiden Data Pribadi kepada Lembaga",
    DocumentKind.FORMULIR_PERSETUJUAN: "Formulir Persetujuan Layanan BK",
}


class SummaryPart(StrEnum):
    """The parts of a Ringkasan Sesi Konseling a counsellor may leave out."""

    MASALAH = "masalah"
    LAISEG = "laiseg"
    ALTERNATIF = "alternatif"
    RENCANA_AKSI = "rencana_aksi"
    SESI_BERIKUTNYA = "sesi_berikutnya"
    CATATAN = "catatan"

    @property
    def label(self) -> str:
        return _PART_LABELS[self]


_PART_LABELS = {
    SummaryPart.MASALAH: "Ringkasan masalah",
    SummaryPart.LAISEG: "Penilaian segera (laiseg)",
    SummaryPart.ALTERNATIF: "Alternatif solusi",
    SummaryPart.RENCANA_AKSI: "Rencana aksi",
    SummaryPart.SESI_BERIKUTNYA: "Sesi berikutnya",
    SummaryPart.CATATAN: "Catatan sesi (teks bebas)",
}

DEFAULT_SUMMARY_PARTS = frozenset(SummaryPart) - {SummaryPart.CATATAN}
"""Everything but the free-text notes, which stay out unless the counsellor picks them."""


@dataclass(frozen=True)
class DocumentChoice:
    """What the counsellor chose to print: the name shown and, for a summary, its parts."""

    full_name: bool = False
    parts: frozenset[SummaryPart] = field(default=DEFAULT_SUMMARY_PARTS)


def student_label(name: str, *, full_name: bool) -> str:
    """The student as printed: initials ("A.L.") by default, the full name when chosen."""
    return " ".join(name.split()) if full_name else initials(name)


_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f.\s]+')


def default_file_name(kind: DocumentKind, student_name: str, on: date) -> str:
    """ "Ringkasan-Sesi-Konseling_AL_2026-12-04.pdf": kind, initials and date, never a name.

    Characters Windows forbids in file names, dots and spaces are dropped from the initials.
    """
    letters = _UNSAFE_IN_FILE_NAMES.sub("", initials(student_name)) if student_name else ""
    parts = [kind.file_stem, letters or None, on.isoformat()]
    return "_".join(part for part in parts if part) + ".pdf"


__all__ = [
    "DEFAULT_SUMMARY_PARTS",
    "DocumentChoice",
    "DocumentKind",
    "SummaryPart",
    "default_file_name",
    "student_label",
]
