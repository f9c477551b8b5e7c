"""Counsellor accounts: a koordinator adds and removes them; everyone changes their own password."""

from __future__ import annotations

import uuid

from bk_desktop.domain.accounts import (
    Account,
    Role,
    validate_account_name,
    validate_new_password,
    validate_nip,
    validate_niy,
    validate_nuptk,
)
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import accounts_repo
from bk_desktop.storage.errors import WrongPassword
from bk_desktop.storage.kdf import KdfParams


class AccountService:
    def __init__(self, workspace: Workspace, kdf: KdfChooser) -> None:
        self.workspace = workspace
        self.kdf = kdf

    def list(self) -> list[Account]:
        return accounts_repo.list_accounts(self.workspace.db)

    def _require_koordinator(self) -> None:
        if self.workspace.account.role is not Role.KOORDINATOR:
            raise RuleViolation("Hanya Koordinator BK yang dapat mengatur akun guru BK lain.")

    def add(
        self,
        *,
        name: str,
        role: Role,
        password: str,
        password_repeat: str,
        nip: str = "",
        nuptk: str = "",
        niy: str = "",
    ) -> Account:
        self._require_koordinator()
        cleaned = validate_account_name(name)
        if any(a.name.casefold() == cleaned.casefold() for a in self.list()):
            raise ValidationError("Sudah ada akun dengan nama ini.", "name")
        validate_new_password(password, password_repeat, names=self._names(cleaned))
        account = Account(
            uuid.uuid4().hex,
            cleaned,
            role,
            nip=validate_nip(nip),
            nuptk=validate_nuptk(nuptk),
            niy=validate_niy(niy),
        )
        db = self.workspace.db
        # The row first, then the slot: a crash between them leaves an account that cannot
        # sign in yet (harmless), never a slot that signs in to nobody.
        with db.transaction():
            accounts_repo.insert_account(db, account, self.workspace.now())
            self.workspace.audit(
                AuditKind.ACCOUNT_ADDED, target_kind="account", target_id=account.id
            )
        self.workspace.vault.set_password(account.id, account.name, password, self._kdf())
        return account

    def update_profile(
        self, account: Account, *, name: str, nip: str, nuptk: str, niy: str | None = None
    ) -> Account:
        """Change name and numbers; ``niy`` ``None`` keeps the stored NIY (a form without
        the field must not erase it)."""
        if account.id != self.workspace.account.id:
            self._require_koordinator()
        changed = Account(
            account.id,
            validate_account_name(name),
            account.role,
            nip=validate_nip(nip),
            nuptk=validate_nuptk(nuptk),
            active=account.active,
            niy=account.niy if niy is None else validate_niy(niy),
        )
        if changed == account:
            return account
        if any(
            a.id != account.id and a.name.casefold() == changed.name.casefold() for a in self.list()
        ):
            raise ValidationError("Sudah ada akun dengan nama ini.", "name")
        db = self.workspace.db
        with db.transaction():
            accounts_repo.update_account(db, changed)
            self.workspace.audit(
                AuditKind.ACCOUNT_CHANGED, target_kind="account", target_id=account.id
            )
        self.workspace.vault.rename_account(account.id, changed.name)
        if account.id == self.workspace.account.id:
            self.workspace.account = changed
        return changed

    def remove(self, account_id: str) -> None:
        self._require_koordinator()
        if account_id == self.workspace.account.id:
            raise RuleViolation("Akun yang sedang dipakai tidak dapat dihapus.")
        accounts = self.list()
        target = next((a for a in accounts if a.id == account_id), None)
        if target is None:
            raise RuleViolation("Akun itu sudah tidak ada.")
        coordinators = [a for a in accounts if a.role is Role.KOORDINATOR]
        if target.role is Role.KOORDINATOR and len(coordinators) <= 1:
            raise RuleViolation("Harus ada paling sedikit satu Koordinator BK.")
        # The slot first: once it is gone the account cannot sign in, whatever happens next.
        self.workspace.vault.remove_account(account_id)
        db = self.workspace.db
        with db.transaction():
            accounts_repo.deactivate_account(db, account_id, self.workspace.now())
            self.workspace.audit(
                AuditKind.ACCOUNT_REMOVED, target_kind="account", target_id=account_id
            )

    def change_own_password(self, old: str, new: str, repeat: str) -> None:
        me = self.workspace.account
        try:
            self.workspace.vault.check_password(me.id, old)
        except WrongPassword:
            raise ValidationError("Kata sandi lama salah.", "old_password") from None
        validate_new_password(new, repeat, names=self._names(me.name))
        if new == old:
            raise ValidationError("Kata sandi baru harus berbeda dari yang lama.", "password")
        self.workspace.vault.set_password(me.id, me.name, new, self._kdf())
        with self.workspace.db.transaction():
            self.workspace.audit(AuditKind.PASSWORD_CHANGED, target_kind="account", target_id=me.id)

    def replace_recovery_key(self, password: str) -> str:
        """A new recovery key (the old card stops working); needs the caller's password."""
        self._require_koordinator()
        try:
            self.workspace.vault.check_password(self.workspace.account.id, password)
        except WrongPassword:
            raise ValidationError("Kata sandi salah.", "password") from None
        key = self.workspace.vault.replace_recovery_key(self._kdf())
        with self.workspace.db.transaction():
            self.workspace.audit(AuditKind.RECOVERY_KEY_REPLACED)
        return key

    def _names(self, account_name: str) -> tuple[str, str]:
        """What a password must not lean on: the school's name and the account's."""
        return self.workspace.settings().school_name, account_name

    def _kdf(self) -> KdfParams:
        return self.kdf.params(self.workspace.settings().kdf_target_seconds)
