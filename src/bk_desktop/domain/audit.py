"""What the audit log records: the kind of event, never the content of a record (UU PDP Ps. 31)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from bk_desktop.domain.changes import NOTHING, Change, Changes


class AuditKind(enum.StrEnum):
    VAULT_CREATED = "vault.created"
    UNLOCK_OK = "unlock.ok"
    UNLOCK_FAILED = "unlock.failed"
    UNLOCK_RECOVERY = "unlock.recovery"
    LOCK = "lock"
    BACKUP = "backup"
    RESTORE = "restore"
    ACCOUNT_ADDED = "account.added"
    ACCOUNT_REMOVED = "account.removed"
    ACCOUNT_CHANGED = "account.changed"
    PASSWORD_CHANGED = "password.changed"
    PASSWORD_RESET = "password.reset"
    RECOVERY_KEY_REPLACED = "recovery_key.replaced"
    SETTINGS_CHANGED = "settings.changed"
    INTEGRITY_CHECK = "integrity.check"
    DEMO_DATA = "demo_data"
    ACADEMIC_TERM_CHANGED = "academic_term.changed"
    STUDENT_CREATED = "student.created"
    STUDENT_UPDATED = "student.updated"
    STUDENT_IMPORT = "student.import"
    IMPORT_PRESET_SAVED = "import_preset.saved"
    IMPORT_PRESET_DELETED = "import_preset.deleted"
    IMPORT_WARNINGS_EXPORTED = "import_warnings.exported"
    IMPORT_WARNINGS_CHECKED = "import_warnings.checked"
    REQUEST_CREATED = "request.created"
    REQUEST_ASSENT = "request.assent"
    REQUEST_STATUS = "request.status"
    REQUEST_AGREEMENT_BACKDATED = "request.agreement_backdated"
    SCREENING_RECORDED = "screening.recorded"
    EMERGENCY_ACTION = "request.emergency_action"
    REFERRAL_STEP = "referral.step"
    SESSION_PLANNED = "session.planned"
    SESSION_CHANGED = "session.changed"
    SESSION_RECORDED = "session.recorded"
    SESSION_FINALISED = "session.finalised"
    SESSION_ADDENDUM = "session.addendum"
    CASE_OPENED = "case.opened"
    CASE_UPDATED = "case.updated"
    CASE_CLOSED = "case.closed"
    CASE_REASSIGNED = "case.reassigned"
    NOTES_SHOWN = "notes.shown"
    DOCUMENT_PRINTED = "document.printed"
    DOCUMENT_SAVED = "document.saved"
    LETTER_ISSUED = "letter.issued"
    LETTER_VOIDED = "letter.voided"
    LETTER_COUNTER_SET = "letter.counter_set"
    REPORT_TEXT_SAVED = "report_text.saved"
    ACTION_ITEM_UPDATED = "action_item.updated"
    FOLLOW_UP_PLANNED = "follow_up.planned"
    FOLLOW_UP_RECORDED = "follow_up.recorded"
    COMMITMENT_CHANGED = "commitment.changed"
    DRAFTS_KEPT = "drafts.kept"
    DRAFT_REOPENED = "draft.reopened"
    DRAFT_DISCARDED = "draft.discarded"
    COMPLAINT_RECEIVED = "complaint.received"
    COMPLAINT_OPENED = "complaint.opened"
    COMPLAINT_ACTION = "complaint.action"
    COMPLAINT_STATUS = "complaint.status"
    COMPLAINT_BOX_OPENED = "complaint.box_opened"
    COMPLAINT_SLIPS_ISSUED = "complaint.slips_issued"
    CONSENT_RECORDED = "consent.recorded"
    CONSENT_WITHDRAWN = "consent.withdrawn"
    CONSENT_TEXT_CHANGED = "consent_text.changed"
    AUDIT_VIEWED = "audit.viewed"
    DATA_REQUEST_RECEIVED = "data_request.received"
    DATA_REQUEST_DECIDED = "data_request.decided"
    DATA_REDACTION_SAVED = "data_request.redaction"
    STUDENT_EXPORTED = "student.exported"
    STUDENT_ANONYMISED = "student.anonymised"
    STUDENT_ERASED = "student.erased"
    ERASURE_REAPPLIED = "erasure.reapplied"
    INCIDENT_RECORDED = "incident.recorded"
    INCIDENT_UPDATED = "incident.updated"

    @property
    def label(self) -> str:
        """The Indonesian words the audit view shows for this kind."""
        return _LABELS[self]

    @property
    def changes(self) -> Changes:
        """Which kinds of records an event of this kind changes (for the change notice)."""
        return _CHANGES.get(self, NOTHING)


_LABELS = {
    AuditKind.VAULT_CREATED: "Brankas dibuat",
    AuditKind.UNLOCK_OK: "Berhasil masuk",
    AuditKind.UNLOCK_FAILED: "Gagal masuk (kata sandi salah)",
    AuditKind.UNLOCK_RECOVERY: "Masuk dengan kunci pemulihan",
    AuditKind.LOCK: "Dikunci",
    AuditKind.BACKUP: "Cadangan dibuat",
    AuditKind.RESTORE: "Dipulihkan dari cadangan",
    AuditKind.ACCOUNT_ADDED: "Akun ditambahkan",
    AuditKind.ACCOUNT_REMOVED: "Akun dihapus",
    AuditKind.ACCOUNT_CHANGED: "Akun diubah",
    AuditKind.PASSWORD_CHANGED: "Kata sandi diganti",
    AuditKind.PASSWORD_RESET: "Kata sandi diatur ulang dengan kunci pemulihan",
    AuditKind.RECOVERY_KEY_REPLACED: "Kunci pemulihan diganti",
    AuditKind.SETTINGS_CHANGED: "Pengaturan diubah",
    AuditKind.INTEGRITY_CHECK: "Pemeriksaan keutuhan",
    AuditKind.DEMO_DATA: "Data contoh dibuat",
    AuditKind.ACADEMIC_TERM_CHANGED: "Tahun ajaran/semester diubah",
    AuditKind.STUDENT_CREATED: "Siswa ditambahkan",
    AuditKind.STUDENT_UPDATED: "Data siswa diubah",
    AuditKind.STUDENT_IMPORT: "Siswa diimpor",
    AuditKind.IMPORT_PRESET_SAVED: "Pola impor disimpan",
    AuditKind.IMPORT_PRESET_DELETED: "Pola impor dihapus",
    AuditKind.IMPORT_WARNINGS_EXPORTED: "Daftar peringatan impor disimpan ke berkas",
    AuditKind.IMPORT_WARNINGS_CHECKED: "Peringatan impor siswa ditandai sudah diperiksa",
    AuditKind.REQUEST_CREATED: "Permohonan konseling dicatat",
    AuditKind.REQUEST_ASSENT: "Kesediaan siswa dicatat",
    AuditKind.REQUEST_STATUS: "Status permohonan diubah",
    AuditKind.REQUEST_AGREEMENT_BACKDATED: "Waktu kesepakatan jadwal dicatat mundur",
    AuditKind.SCREENING_RECORDED: "Asesmen awal dicatat",
    AuditKind.EMERGENCY_ACTION: "Tindakan darurat dicatat",
    AuditKind.REFERRAL_STEP: "Perkembangan rujukan dicatat",
    AuditKind.SESSION_PLANNED: "Sesi konseling direncanakan",
    AuditKind.SESSION_CHANGED: "Rencana sesi diubah, dibatalkan, atau siswa tidak hadir",
    AuditKind.SESSION_RECORDED: "Catatan sesi konseling disimpan",
    AuditKind.SESSION_FINALISED: "Catatan sesi difinalkan",
    AuditKind.SESSION_ADDENDUM: "Adendum catatan sesi ditambahkan",
    AuditKind.CASE_OPENED: "Kasus dibuka",
    AuditKind.CASE_UPDATED: "Data kasus diubah",
    AuditKind.CASE_CLOSED: "Kasus ditutup",
    AuditKind.CASE_REASSIGNED: "Kasus dialihkan ke guru BK lain",
    AuditKind.NOTES_SHOWN: "Catatan konseling guru BK lain dibuka",
    AuditKind.DOCUMENT_PRINTED: "Dokumen dicetak",
    AuditKind.DOCUMENT_SAVED: "Dokumen disimpan sebagai berkas PDF",
    AuditKind.LETTER_ISSUED: "Surat diberi nomor",
    AuditKind.LETTER_VOIDED: "Nomor surat dibatalkan",
    AuditKind.LETTER_COUNTER_SET: "Nomor surat berikutnya ditetapkan",
    AuditKind.REPORT_TEXT_SAVED: "Uraian laporan periode disimpan",
    AuditKind.ACTION_ITEM_UPDATED: "Rencana aksi ditinjau",
    AuditKind.FOLLOW_UP_PLANNED: "Tindak lanjut (laijapen/laijapang) direncanakan",
    AuditKind.FOLLOW_UP_RECORDED: "Hasil tindak lanjut dicatat",
    AuditKind.COMMITMENT_CHANGED: "Kegiatan konselor di jadwal ditambah atau dihapus",
    AuditKind.DRAFTS_KEPT: "Isian belum tersimpan disimpan sebagai draf",
    AuditKind.DRAFT_REOPENED: "Draf dibuka kembali",
    AuditKind.DRAFT_DISCARDED: "Draf dibuang",
    AuditKind.COMPLAINT_RECEIVED: "Entri kotak saran dicatat",
    AuditKind.COMPLAINT_OPENED: "Entri kotak saran dibuka",
    AuditKind.COMPLAINT_ACTION: "Tindak lanjut entri kotak saran dicatat",
    AuditKind.COMPLAINT_STATUS: "Entri kotak saran diselesaikan atau dibuka kembali",
    AuditKind.COMPLAINT_BOX_OPENED: "Pembukaan kotak saran dicatat",
    AuditKind.COMPLAINT_SLIPS_ISSUED: "Lembar kotak saran berkode dibuat",
    AuditKind.CONSENT_RECORDED: "Persetujuan orang tua/wali dicatat",
    AuditKind.CONSENT_WITHDRAWN: "Penarikan persetujuan orang tua/wali dicatat",
    AuditKind.CONSENT_TEXT_CHANGED: "Naskah persetujuan layanan BK diubah",
    AuditKind.AUDIT_VIEWED: "Jejak audit dilihat atau disimpan",
    AuditKind.DATA_REQUEST_RECEIVED: "Permohonan hak atas data pribadi dicatat",
    AuditKind.DATA_REQUEST_DECIDED: "Permohonan hak atas data pribadi diputuskan atau diselesaikan",
    AuditKind.DATA_REDACTION_SAVED: "Bagian yang disamarkan pada salinan data ditetapkan",
    AuditKind.STUDENT_EXPORTED: "Data seorang siswa diekspor",
    AuditKind.STUDENT_ANONYMISED: "Data siswa dianonimkan",
    AuditKind.STUDENT_ERASED: "Data siswa dihapus permanen",
    AuditKind.ERASURE_REAPPLIED: "Penghapusan data diterapkan lagi setelah pemulihan",
    AuditKind.INCIDENT_RECORDED: "Insiden data pribadi dicatat",
    AuditKind.INCIDENT_UPDATED: "Penanganan insiden data pribadi dicatat",
}

_EVERYTHING: Changes = frozenset(Change)

_CHANGES: dict[AuditKind, Changes] = {
    AuditKind.BACKUP: frozenset({Change.VAULT}),
    AuditKind.RESTORE: _EVERYTHING,
    AuditKind.INTEGRITY_CHECK: frozenset({Change.VAULT}),
    AuditKind.DEMO_DATA: _EVERYTHING,
    AuditKind.ACCOUNT_ADDED: frozenset({Change.ACCOUNTS}),
    AuditKind.ACCOUNT_REMOVED: frozenset({Change.ACCOUNTS}),
    AuditKind.ACCOUNT_CHANGED: frozenset({Change.ACCOUNTS}),
    AuditKind.RECOVERY_KEY_REPLACED: frozenset({Change.ACCOUNTS}),
    AuditKind.SETTINGS_CHANGED: frozenset({Change.SETTINGS}),
    # The current term decides the classes shown, the request clock and the month figures.
    AuditKind.ACADEMIC_TERM_CHANGED: frozenset({Change.SETTINGS, Change.STUDENTS}),
    AuditKind.STUDENT_CREATED: frozenset({Change.STUDENTS}),
    AuditKind.STUDENT_UPDATED: frozenset({Change.STUDENTS, Change.REQUESTS}),
    AuditKind.STUDENT_IMPORT: frozenset({Change.STUDENTS, Change.REQUESTS}),
    AuditKind.IMPORT_PRESET_SAVED: frozenset({Change.SETTINGS}),
    AuditKind.IMPORT_PRESET_DELETED: frozenset({Change.SETTINGS}),
    AuditKind.IMPORT_WARNINGS_CHECKED: frozenset({Change.STUDENTS}),
    AuditKind.REQUEST_CREATED: frozenset({Change.REQUESTS}),
    AuditKind.REQUEST_ASSENT: frozenset({Change.REQUESTS}),
    AuditKind.REQUEST_STATUS: frozenset({Change.REQUESTS}),
    AuditKind.REQUEST_AGREEMENT_BACKDATED: frozenset({Change.REQUESTS}),
    AuditKind.SCREENING_RECORDED: frozenset({Change.SCREENINGS, Change.REQUESTS}),
    AuditKind.EMERGENCY_ACTION: frozenset({Change.REQUESTS}),
    # The referral is shown with the request and in the screening's history.
    AuditKind.REFERRAL_STEP: frozenset({Change.SCREENINGS, Change.REQUESTS}),
    AuditKind.SESSION_PLANNED: frozenset({Change.SESSIONS}),
    AuditKind.SESSION_CHANGED: frozenset({Change.SESSIONS}),
    AuditKind.SESSION_RECORDED: frozenset({Change.SESSIONS, Change.CASES}),
    AuditKind.SESSION_FINALISED: frozenset({Change.SESSIONS, Change.CASES}),
    AuditKind.SESSION_ADDENDUM: frozenset({Change.SESSIONS}),
    AuditKind.CASE_OPENED: frozenset({Change.CASES}),
    AuditKind.CASE_UPDATED: frozenset({Change.CASES}),
    AuditKind.CASE_CLOSED: frozenset({Change.CASES, Change.SESSIONS}),
    # The case's planned sessions move with it to the new counsellor's week.
    AuditKind.CASE_REASSIGNED: frozenset({Change.CASES, Change.SESSIONS}),
    AuditKind.ACTION_ITEM_UPDATED: frozenset({Change.CASES}),
    AuditKind.FOLLOW_UP_PLANNED: frozenset({Change.CASES}),
    AuditKind.FOLLOW_UP_RECORDED: frozenset({Change.CASES}),
    # A commitment is a busy block on the Jadwal grid, beside the sessions.
    AuditKind.COMMITMENT_CHANGED: frozenset({Change.SESSIONS}),
    AuditKind.DRAFTS_KEPT: frozenset({Change.DRAFTS}),
    AuditKind.DRAFT_REOPENED: frozenset({Change.DRAFTS}),
    AuditKind.DRAFT_DISCARDED: frozenset({Change.DRAFTS}),
    AuditKind.COMPLAINT_RECEIVED: frozenset({Change.COMPLAINTS}),
    AuditKind.COMPLAINT_ACTION: frozenset({Change.COMPLAINTS}),
    AuditKind.COMPLAINT_STATUS: frozenset({Change.COMPLAINTS}),
    AuditKind.COMPLAINT_BOX_OPENED: frozenset({Change.COMPLAINTS}),
    AuditKind.COMPLAINT_SLIPS_ISSUED: frozenset({Change.COMPLAINTS}),
    # Consent is part of the student's file; a withdrawal changes what may be planned.
    AuditKind.CONSENT_RECORDED: frozenset({Change.STUDENTS, Change.REQUESTS}),
    AuditKind.CONSENT_WITHDRAWN: frozenset({Change.STUDENTS, Change.REQUESTS, Change.SESSIONS}),
    AuditKind.CONSENT_TEXT_CHANGED: frozenset({Change.SETTINGS}),
    AuditKind.DATA_REQUEST_RECEIVED: frozenset({Change.PRIVACY}),
    AuditKind.DATA_REQUEST_DECIDED: frozenset({Change.PRIVACY}),
    AuditKind.DATA_REDACTION_SAVED: frozenset({Change.PRIVACY}),
    # Erasing or anonymising a student changes every list that showed them.
    AuditKind.STUDENT_ANONYMISED: _EVERYTHING,
    AuditKind.STUDENT_ERASED: _EVERYTHING,
    AuditKind.ERASURE_REAPPLIED: _EVERYTHING,
    AuditKind.INCIDENT_RECORDED: frozenset({Change.PRIVACY}),
    AuditKind.INCIDENT_UPDATED: frozenset({Change.PRIVACY}),
}


@dataclass(frozen=True)
class AuditEvent:
    id: int
    at: datetime
    account_id: str | None
    kind: str
    target_kind: str
    target_id: str
    detail: str
