"""What the audit log records: the kind of event, never the content of a record (UU PDP Ps. 31)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


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

    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value)


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
