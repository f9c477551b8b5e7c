"""The kop's logos in the vault (step 11), and an older vault brought up to it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlcipher3

from bk_desktop.domain.settings import LogoSlot
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import letterhead_repo, migrations
from bk_desktop.storage.vault import Vault

from support import PASSWORD

PICTURE = b"\x89PNG\r\n\x1a\n" + b"gambar" * 10


def test_step_eleven_is_the_logo_table() -> None:
    step = migrations.load_migrations()[10]
    assert (step.version, step.name) == (11, "0011_letterhead_logos.sql")


def test_a_logo_is_stored_replaced_and_removed_per_slot(workspace: Workspace) -> None:
    db = workspace.db
    now = workspace.now()
    with db.transaction():
        letterhead_repo.save_logo(
            db, LogoSlot.LEFT, PICTURE, width=10, height=20, now=now, account_id=None
        )
        letterhead_repo.save_logo(
            db,
            LogoSlot.RIGHT,
            b"kanan",
            width=5,
            height=5,
            now=now,
            account_id=workspace.account.id,
        )
    assert letterhead_repo.logo_image(db, LogoSlot.LEFT) == PICTURE
    later = now + timedelta(hours=1)
    with db.transaction():
        letterhead_repo.save_logo(
            db,
            LogoSlot.LEFT,
            b"baru",
            width=1,
            height=2,
            now=later,
            account_id=workspace.account.id,
        )
    logos = letterhead_repo.stored_logos(db)
    assert set(logos) == {LogoSlot.LEFT, LogoSlot.RIGHT}
    left = logos[LogoSlot.LEFT]
    assert (left.image, left.width, left.height) == (b"baru", 1, 2)
    assert (left.changed_at, left.changed_by) == (later, workspace.account.id)
    assert db.scalar("SELECT byte_size FROM letterhead_logo WHERE slot = 'left'") == 4

    with db.transaction():
        assert letterhead_repo.remove_logo(db, LogoSlot.LEFT) is True
        assert letterhead_repo.remove_logo(db, LogoSlot.LEFT) is False
    assert letterhead_repo.logo_image(db, LogoSlot.LEFT) is None
    assert list(letterhead_repo.stored_logos(db)) == [LogoSlot.RIGHT]


def test_only_the_two_slots_exist(workspace: Workspace) -> None:
    db = workspace.db
    with pytest.raises(sqlcipher3.IntegrityError), db.transaction():
        db.execute(
            "INSERT INTO letterhead_logo (slot, image, byte_size, width, height, changed_at) "
            "VALUES ('tengah', x'00', 1, 1, 1, '2026-11-29T00:30:00Z')"
        )


def test_a_vault_of_step_ten_gains_the_table_and_keeps_its_settings(
    workspace: Workspace,
) -> None:
    db = workspace.db
    with db.transaction():
        db.execute(
            "UPDATE setting SET value = :value WHERE key = 'school_name'",
            {"value": json.dumps("SMA Negeri 2 Bontang")},
        )
        db.execute(
            "INSERT INTO setting (key, value) VALUES ('address_line', :value) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            {"value": json.dumps("Jl. Brigjend Katamso No. 40")},
        )
    db.execute("DROP TABLE letterhead_logo")
    db.execute("PRAGMA user_version = 10")
    settings_before = db.all("SELECT key, value FROM setting ORDER BY key")
    accounts_before = db.scalar("SELECT count(*) FROM account")
    paths, account_id = workspace.vault.paths, workspace.account.id
    workspace.lock()

    # Up to step 11 only: later steps (issue 16's) have tables this vault still holds.
    steps = migrations.load_migrations()[:11]
    vault = Vault.open_with_password(paths, account_id, PASSWORD, steps=steps)
    try:
        db = vault.db
        assert migrations.current_version(db) == 11
        assert [tuple(r) for r in db.all("SELECT key, value FROM setting ORDER BY key")] == [
            tuple(r) for r in settings_before
        ]
        assert db.scalar("SELECT count(*) FROM account") == accounts_before
        assert letterhead_repo.stored_logos(db) == {}
        assert not db.foreign_key_problems()
        assert list(paths.backups.glob("sebelum-pembaruan-v11-*.bkbak"))
    finally:
        vault.close()
