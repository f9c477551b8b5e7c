"""The printed documents of the Privasi pages (issue 18).

Public API::

    PrivacyDocuments(workspace)
        processing_record() -> Document    # koordinator only; printed and saved through
                                           # DocumentService like every document

The record of processing is made from the vault as it is: the kinds of data from the schema's
tables with their counts (``storage.audit_repo.kept_counts``), the accounts by role, the
data-protection officer from the settings. It names staff, never a student.
"""

from __future__ import annotations

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.documents import DocumentKind, default_file_name
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.reports.letterhead import SignatureBlock
from bk_desktop.reports.processing_record import (
    AccessGroup,
    KeptKind,
    ProcessingRecordData,
    render_processing_record,
)
from bk_desktop.services.documents import (
    Document,
    counsellor_signatory,
    principal_signatory,
    school_today,
)
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import accounts_repo, audit_repo

KEPT_KINDS: tuple[tuple[str, str, str], ...] = (
    (
        "student",
        "Identitas siswa",
        "nama, NIS/NISN, NIK dan No KK, jenis kelamin, tempat dan tanggal lahir, agama, "
        "alamat, telepon, catatan",
    ),
    ("student_class", "Kelas", "rombel, tingkat dan wali kelas per tahun ajaran"),
    ("guardian", "Orang tua/wali", "nama, hubungan, nomor telepon"),
    (
        "student_import_warning",
        "Peringatan impor data siswa",
        "baris berkas impor yang perlu diperiksa dan pesannya",
    ),
    (
        "consent",
        "Persetujuan orang tua/wali",
        "pemberian dan penarikan: siapa, hubungan, tanggal, cara, versi naskah, alasan",
    ),
    ("consent_scan", "Pindaian formulir persetujuan", "gambar formulir yang ditandatangani"),
    ("consent_text", "Naskah persetujuan", "setiap versi naskah, kapan dan oleh siapa disimpan"),
    ("request", "Permohonan konseling", "sumber, alasan, waktu diterima, kesediaan, status"),
    ("request_event", "Riwayat permohonan", "perubahan status, alasan, waktu dan pencatatnya"),
    ("request_clock", "Batas waktu 1×24 jam", "waktu diterima dan batas waktu tiap permohonan"),
    ("emergency_action", "Tindakan darurat", "siapa bertindak, kapan, apa yang dilakukan"),
    ("screening", "Asesmen awal", "bidang, gejala, tingkat risiko, keputusan layanan"),
    ("referral", "Rujukan (alih tangan kasus)", "tujuan rujukan, persetujuan, perkembangan"),
    ("referral_event", "Langkah rujukan", "dikirim, diterima, selesai: tanggal, alasan, pencatat"),
    ("counselling_session", "Sesi dan catatan konseling", "waktu, tempat, laiseg, catatan"),
    (
        "session_alternative",
        "Alternatif pemecahan masalah",
        "alternatif yang dibahas dalam sesi dan yang dipilih",
    ),
    ("session_addendum", "Adendum catatan sesi", "tambahan sesudah catatan final, penulisnya"),
    ("counselling_case", "Kasus (buku kasus)", "studi kasus, bidang, kerahasiaan, status"),
    ("action_item", "Rencana aksi", "tindakan yang disepakati, dukungan, tanggal tinjauan"),
    ("follow_up", "Tindak lanjut", "laijapen dan laijapang beserta hasilnya"),
    ("letter", "Surat", "nomor, jenis, tanggal, penerima surat panggilan/alih tangan"),
    ("commitment", "Kegiatan guru BK", "masuk kelas, rapat, piket di jadwal guru BK"),
    (
        "report_text",
        "Naskah laporan periode",
        "analisis, tindak lanjut, faktor pendukung/penghambat",
    ),
    ("complaint", "Kotak saran", "entri saran/pengaduan, kode pelacakan, pengirim bila disebut"),
    ("complaint_action", "Tindak lanjut kotak saran", "tindakan dan tanggapan atas tiap entri"),
    (
        "data_request",
        "Permohonan hak atas data",
        "siapa memohon, hak yang dimohonkan, keputusan dan penyelesaiannya",
    ),
    (
        "data_request_redaction",
        "Bagian yang disamarkan",
        "bagian catatan yang tidak diberikan dalam salinan data, dengan alasannya",
    ),
    ("incident", "Insiden data pribadi", "kejadian, waktu diketahui, jumlah siswa, penanganan"),
    ("incident_data", "Data yang terdampak insiden", "jenis data yang mungkin terbuka"),
    ("incident_student", "Siswa yang terdampak insiden", "kaitan insiden dengan siswa"),
    ("incident_entry", "Penanganan insiden", "tindakan, pemberitahuan, penutupan"),
    ("draft", "Draf isian", "isian formulir yang belum disimpan, sampai dipakai atau dibuang"),
    ("audit_event", "Jejak audit", "siapa membuka, mencetak, mengekspor, mengubah apa dan kapan"),
)
"""(table, kind of data, what it holds): the kinds the record lists, in the order of the
service's path from a student to a closed case."""

PURPOSES = (
    "Menyelenggarakan layanan bimbingan dan konseling sesuai standar pelayanan konseling "
    "individual sekolah: menerima permohonan, asesmen awal, sesi konseling, rujukan dan "
    "tindak lanjut, serta laporan pelaksanaan kepada kepala sekolah.",
    "Dasar pemrosesan: persetujuan orang tua/wali untuk data anak (UU PDP No. 27/2022 "
    "Pasal 25) dan kesediaan siswa untuk setiap konseling. Seluruh data diperlakukan sebagai "
    "data pribadi yang bersifat spesifik, karena menyangkut anak dan kesehatan jiwa.",
    "Setiap pembukaan, pencetakan, ekspor dan perubahan dicatat dalam jejak audit tanpa isi "
    "catatannya (Pasal 31).",
)


def retention_text(years: int) -> str:
    """The retention rule as the record states it, from ``Settings.retention_years``."""
    return (
        f"Data siswa disimpan sampai {years} tahun sesudah siswa lulus, pindah atau keluar "
        "(atau tidak lagi tercatat di kelas mana pun); sesudah itu koordinator BK "
        "menganonimkan atau menghapusnya (Pengaturan → Privasi → Retensi). Data yang "
        "dianonimkan hanya menyimpan bidang, tanggal, durasi, tingkat kelas dan sumber, untuk "
        "statistik. Jejak audit tidak pernah dihapus; nomor catatan siswa yang dihapus diganti "
        "tanda penghapusan. Cadangan lama masih memuat data itu sampai terhapus oleh rotasi "
        "cadangan."
    )


PLACES = (
    "Hanya di komputer ruang BK ini, dalam satu berkas brankas yang terenkripsi (SQLCipher, "
    "AES-256). Brankas dibuka dengan kata sandi masing-masing akun atau kunci pemulihan yang "
    "disimpan di tempat aman; tanpa keduanya isinya tidak dapat dibaca.",
    "Cadangan brankas juga terenkripsi dengan kunci yang sama, di folder cadangan komputer ini "
    "atau di flashdisk yang dipilih sekolah.",
    "Program tidak mengirim data ke internet atau layanan awan. Dokumen dicetak dari memori; "
    "berkas PDF atau CSV hanya ada bila pengguna menyimpannya sendiri.",
)

_REACH = {
    Role.KOORDINATOR: "seluruh layanan BK, akun, jejak audit; catatan kasus guru BK lain "
    "menurut tingkat kerahasiaannya",
    Role.GURU_BK: "siswa, permohonan, sesi dan kasusnya sendiri; kasus rekan menurut tingkat "
    "kerahasiaannya",
    Role.KEPALA_SEKOLAH: "angka rekap dan laporan saja, tidak pernah catatan konseling siswa",
}

NOT_SET = "belum ditetapkan (Pengaturan → Privasi → Pelindungan data)"


class PrivacyDocuments:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def processing_record(self) -> Document:
        """The record of processing, signed by the signed-in koordinator with the kepala
        sekolah acknowledging; ``RuleViolation`` for any other role."""
        workspace = self.workspace
        account = workspace.account
        if account.role is not Role.KOORDINATOR:
            raise RuleViolation(
                "Catatan kegiatan pemrosesan data dicetak oleh koordinator BK. Minta koordinator "
                "BK sekolah Anda untuk mencetaknya."
            )
        settings = workspace.settings()
        counts = audit_repo.kept_counts(workspace.db)
        accounts = accounts_repo.list_accounts(workspace.db)
        access = []
        for role in (Role.KOORDINATOR, Role.GURU_BK, Role.KEPALA_SEKOLAH):
            names = tuple(a.name for a in accounts if a.role is role)
            access.append(AccessGroup(role.label, len(names), names, _REACH[role]))
        today = school_today(workspace)
        data = ProcessingRecordData(
            letterhead=SettingsService(workspace).letterhead(),
            school_name=settings.school_name,
            made_on=today,
            kept=tuple(
                KeptKind(name, holds, counts.get(table)) for table, name, holds in KEPT_KINDS
            ),
            purposes=PURPOSES,
            retention=retention_text(settings.retention_years),
            places=PLACES,
            access=tuple(access),
            officer=(
                ("Nama", settings.dpo_name or NOT_SET),
                ("Jabatan", settings.dpo_position or NOT_SET),
                ("Telepon", settings.dpo_phone or NOT_SET),
                ("Pos-el", settings.dpo_email or NOT_SET),
            ),
            signature=SignatureBlock(
                city=settings.city,
                signed_on=today,
                school_name=settings.school_name,
                counsellor=counsellor_signatory(account),
                principal=principal_signatory(settings),
            ),
        )
        kind = DocumentKind.REKAM_PEMROSESAN
        return Document(
            kind=kind,
            target_kind="vault",
            target_id=workspace.vault.vault_id,
            title=kind.label,
            file_name=default_file_name(kind, "", today),
            pdf=render_processing_record(data),
        )


__all__ = ["KEPT_KINDS", "PrivacyDocuments"]
