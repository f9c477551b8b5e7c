"""How the commands write kinds of records, settings and numbers for people."""

from __future__ import annotations

KIND_LABELS = {
    "accounts": "akun",
    "students": "siswa",
    "requests": "pengajuan",
    "screenings": "penyaringan",
    "cases": "kasus",
    "sessions": "sesi konseling",
    "action_items": "rencana tindakan",
    "follow_ups": "tindak lanjut",
    "complaints": "pengaduan dan saran",
    "audit_events": "peristiwa audit",
}

SETTING_LABELS = {
    "city": "kota",
    "government_line": "kop (pemerintah)",
    "agency_line": "kop (dinas)",
    "address_line": "kop (alamat)",
    "principal_name": "nama kepala sekolah",
    "principal_nip": "NIP kepala sekolah",
}


def kind_label(key: str) -> str:
    return KIND_LABELS.get(key, key)


def number(value: int) -> str:
    """Indonesian digit grouping: 1.000, not 1,000."""
    return f"{value:,}".replace(",", ".")


def one_line(text: str) -> str:
    """A message on one line: stderr carries exactly one line per failure."""
    return " ".join(text.split())
