"""Counsellor account rows (names and roles; secrets live only in key slots)."""

from __future__ import annotations

from datetime import datetime

from bk_desktop.domain.accounts import Account, Role
from bk_desktop.storage.database import Database, Row
from bk_desktop.storage.timefmt import to_text


def _account(row: Row) -> Account:
    return Account(
        id=row["id"],
        name=row["name"],
        role=Role(row["role"]),
        nip=row["nip"],
        nuptk=row["nuptk"],
        active=bool(row["active"]),
        niy=row["niy"],
    )


def insert_account(db: Database, account: Account, created_at: datetime) -> None:
    db.execute(
        "INSERT INTO account (id, name, nip, nuptk, niy, role, active, created_at) "
        "VALUES (:id, :name, :nip, :nuptk, :niy, :role, 1, :created_at)",
        {
            "id": account.id,
            "name": account.name,
            "nip": account.nip,
            "nuptk": account.nuptk,
            "niy": account.niy,
            "role": account.role.value,
            "created_at": to_text(created_at),
        },
    )


def update_account(db: Database, account: Account) -> None:
    db.execute(
        "UPDATE account SET name = :name, nip = :nip, nuptk = :nuptk, niy = :niy, role = :role "
        "WHERE id = :id",
        {
            "id": account.id,
            "name": account.name,
            "nip": account.nip,
            "nuptk": account.nuptk,
            "niy": account.niy,
            "role": account.role.value,
        },
    )


def deactivate_account(db: Database, account_id: str, removed_at: datetime) -> None:
    db.execute(
        "UPDATE account SET active = 0, removed_at = :at WHERE id = :id",
        {"id": account_id, "at": to_text(removed_at)},
    )


def get_account(db: Database, account_id: str) -> Account | None:
    row = db.one("SELECT * FROM account WHERE id = :id", {"id": account_id})
    return None if row is None else _account(row)


def list_counsellors(db: Database) -> list[Account]:
    """The active accounts that hold counselling (guru BK and koordinator, not the kepala
    sekolah): whom a case, a session or a workload row can belong to."""
    return [a for a in list_accounts(db) if a.role.is_counsellor]


def list_accounts(db: Database, *, include_removed: bool = False) -> list[Account]:
    sql = "SELECT * FROM account"
    if not include_removed:
        sql += " WHERE active = 1"
    return [_account(r) for r in db.all(sql + " ORDER BY created_at, name")]
