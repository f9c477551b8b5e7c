"""Setting up, unlocking, recovering, and managing counsellor accounts."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bk_desktop.cli.window import DEMO_ACCOUNT, DEMO_PASSWORD, DEMO_SCHOOL, DEMO_SECOND_ACCOUNT
from bk_desktop.domain.accounts import Role, validate_new_password
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.services.access import TooManyAttempts, VaultAccess, delay_after
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.storage.errors import VaultExists, WrongPassword
from bk_desktop.storage.kdf import TEST_PARAMS

from support import PASSWORD, setup_form

OTHER = "Teh-Manis-Sore-2026"


def _accounts(workspace: Workspace) -> AccountService:
    return AccountService(workspace, KdfChooser(TEST_PARAMS))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"school_name": "  "}, "school_name"),
        ({"account_name": "A"}, "name"),
        ({"password": "pendek", "password_repeat": "pendek"}, "password"),
        ({"password_repeat": "lain-sama-sekali-123"}, "repeat"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
    ],
)
def test_setup_refuses_bad_input_and_creates_nothing(
    access: VaultAccess, changes: dict[str, str], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        access.setup(setup_form(**changes))
    assert caught.value.field == field
    assert not access.exists()


def test_setup_twice_is_refused(created: tuple[Workspace, str], access: VaultAccess) -> None:
    with pytest.raises(VaultExists):
        access.setup(setup_form())


def test_first_account_is_koordinator_and_setup_is_audited(workspace: Workspace) -> None:
    assert workspace.account.role is Role.KOORDINATOR
    kinds = [r["kind"] for r in workspace.db.all("SELECT kind FROM audit_event ORDER BY id")]
    assert kinds[:2] == ["vault.created", "unlock.ok"] or kinds[0] == "vault.created"


def test_repeated_wrong_passwords_slow_down(
    created: tuple[Workspace, str], access: VaultAccess, clock: FixedClock
) -> None:
    workspace, _ = created
    account_id = workspace.account.id
    workspace.lock()
    waits = []
    for _ in range(6):
        clock.advance(seconds=access.wait_needed(account_id).total_seconds())
        with pytest.raises(WrongPassword):
            access.unlock(account_id, "bukan-ini")
        waits.append(access.wait_needed(account_id))
    assert waits[0] == timedelta(0)
    assert waits[3] < waits[4] < waits[5]
    # While the delay runs even the right password is refused, without another failure.
    with pytest.raises(TooManyAttempts, match="Coba lagi"):
        access.unlock(account_id, PASSWORD)
    assert access.wait_needed(account_id) == waits[5]
    clock.advance(seconds=waits[5].total_seconds())
    assert access.wait_needed(account_id) == timedelta(0)
    unlocked = access.unlock(account_id, PASSWORD)
    assert access.wait_needed(account_id) == timedelta(0)
    unlocked.lock()


def test_delay_is_capped() -> None:
    assert delay_after(2) == timedelta(0)
    assert delay_after(3) == timedelta(seconds=2)
    assert delay_after(50) == timedelta(seconds=60)


def test_recovery_key_sets_a_new_password(
    created: tuple[Workspace, str], access: VaultAccess
) -> None:
    workspace, recovery = created
    account_id = workspace.account.id
    workspace.lock()
    reset = access.reset_password_with_recovery(recovery, account_id, OTHER, OTHER)
    kinds = [r["kind"] for r in reset.db.all("SELECT kind FROM audit_event")]
    assert "password.reset" in kinds
    reset.lock()
    with pytest.raises(WrongPassword):
        access.unlock(account_id, PASSWORD)
    access.unlock(account_id, OTHER).lock()


def test_koordinator_adds_and_removes_a_guru_bk(
    created: tuple[Workspace, str], access: VaultAccess
) -> None:
    workspace, _ = created
    budi = _accounts(workspace).add(
        name="Budi Santoso", role=Role.GURU_BK, password=OTHER, password_repeat=OTHER
    )
    assert [name for _, name in access.accounts()] == ["Sari Wulandari", "Budi Santoso"]
    with pytest.raises(ValidationError):
        _accounts(workspace).add(
            name="budi santoso", role=Role.GURU_BK, password=OTHER, password_repeat=OTHER
        )
    _accounts(workspace).remove(budi.id)
    assert [name for _, name in access.accounts()] == ["Sari Wulandari"]
    assert [a.name for a in _accounts(workspace).list()] == ["Sari Wulandari"]


def test_guru_bk_cannot_manage_accounts_but_changes_own_password(
    created: tuple[Workspace, str], access: VaultAccess
) -> None:
    workspace, _ = created
    budi = _accounts(workspace).add(
        name="Budi Santoso", role=Role.GURU_BK, password=OTHER, password_repeat=OTHER
    )
    workspace.lock()
    as_budi = access.unlock(budi.id, OTHER)
    with pytest.raises(RuleViolation):
        _accounts(as_budi).add(
            name="Cici", role=Role.GURU_BK, password=OTHER, password_repeat=OTHER
        )
    with pytest.raises(RuleViolation):
        _accounts(as_budi).remove(as_budi.account.id)
    with pytest.raises(ValidationError) as caught:
        _accounts(as_budi).change_own_password("salah", "Baru-Lagi-2026!", "Baru-Lagi-2026!")
    assert caught.value.field == "old_password"
    _accounts(as_budi).change_own_password(OTHER, "Baru-Lagi-2026!", "Baru-Lagi-2026!")
    as_budi.lock()
    access.unlock(budi.id, "Baru-Lagi-2026!").lock()


def test_last_koordinator_and_self_cannot_be_removed(workspace: Workspace) -> None:
    with pytest.raises(RuleViolation):
        _accounts(workspace).remove(workspace.account.id)


def test_replacing_the_recovery_key_retires_the_old_one(
    created: tuple[Workspace, str], access: VaultAccess
) -> None:
    workspace, old = created
    new = _accounts(workspace).replace_recovery_key(PASSWORD)
    assert new != old
    account_id = workspace.account.id
    workspace.lock()
    with pytest.raises(Exception, match="Kunci pemulihan tidak cocok"):
        access.reset_password_with_recovery(old, account_id, OTHER, OTHER)
    access.reset_password_with_recovery(new, account_id, OTHER, OTHER).lock()


def test_settings_changes_are_validated_and_audited(workspace: Workspace) -> None:
    service = SettingsService(workspace)
    current = service.get()
    bad = current.__class__(**{**current.to_values(), "auto_lock_minutes": 0})
    with pytest.raises(ValidationError):
        service.save(bad)
    good = current.__class__(**{**current.to_values(), "auto_lock_minutes": 10, "city": "Bontang "})
    assert service.save(good) == ["auto_lock_minutes"]
    assert service.get().auto_lock_minutes == 10
    detail = workspace.db.scalar(
        "SELECT detail FROM audit_event WHERE kind = 'settings.changed' ORDER BY id DESC"
    )
    assert detail == "auto_lock_minutes"


def test_principal_nip_must_be_eighteen_digits(workspace: Workspace) -> None:
    service = SettingsService(workspace)
    current = service.get()
    with pytest.raises(ValidationError) as caught:
        service.save(current.__class__(**{**current.to_values(), "principal_nip": "123"}))
    assert caught.value.field == "principal_nip"
    printed = "19750101 200003 1 001"
    service.save(current.__class__(**{**current.to_values(), "principal_nip": printed}))
    assert service.get().principal_nip == "197501012000031001"


def test_profile_edit_refuses_a_taken_name_and_audits_only_changes(workspace: Workspace) -> None:
    service = _accounts(workspace)
    service.add(name="Budi Santoso", role=Role.GURU_BK, password=OTHER, password_repeat=OTHER)
    me = workspace.account
    with pytest.raises(ValidationError):
        service.update_profile(me, name="budi santoso", nip="", nuptk="")
    before = workspace.db.scalar("SELECT count(*) FROM audit_event")
    service.update_profile(me, name=me.name, nip=me.nip, nuptk=me.nuptk)
    assert workspace.db.scalar("SELECT count(*) FROM audit_event") == before


@pytest.mark.parametrize(
    "password",
    ["aaaaaaaaaaaaaa", "abcabcabcabcabc", "abcdefghijklmnop", "1234567890123", "qwertyuiopasdf"],
)
def test_repetitions_and_runs_are_refused_at_any_length(access: VaultAccess, password: str) -> None:
    with pytest.raises(ValidationError):
        access.setup(setup_form(password=password, password_repeat=password))


def test_a_password_made_of_the_schools_or_accounts_name_is_refused(
    access: VaultAccess,
) -> None:
    for password in ("SMA Negeri 1 Bontang!", "sariwulandari2026"):
        with pytest.raises(ValidationError) as caught:
            access.setup(setup_form(password=password, password_repeat=password))
        assert "nama sekolah atau nama akun" in caught.value.message


def test_the_demo_password_stays_valid() -> None:
    refused: list[str] = []
    for account in (DEMO_ACCOUNT, DEMO_SECOND_ACCOUNT):
        try:
            validate_new_password(DEMO_PASSWORD, DEMO_PASSWORD, names=(DEMO_SCHOOL, account))
        except ValidationError as error:
            refused.append(error.message)
    assert refused == []


def test_deleting_the_failures_file_does_not_hide_failed_unlocks_from_the_audit(
    created: tuple[Workspace, str], access: VaultAccess, clock: FixedClock
) -> None:
    workspace, _ = created
    account_id = workspace.account.id
    workspace.lock()
    for _ in range(2):
        with pytest.raises(WrongPassword):
            access.unlock(account_id, "bukan-kata-sandinya")
    keys = access.paths.keyslots
    assert "failures" not in json.loads(keys.read_text(encoding="utf-8"))  # no delay yet
    with pytest.raises(WrongPassword):
        access.unlock(account_id, "bukan-kata-sandinya")  # the third: the delay starts
    assert json.loads(keys.read_text(encoding="utf-8"))["failures"] == {account_id: 3}
    (access.paths.folder / "bk-desktop.failures").unlink()  # what someone skipping it does
    clock.advance(minutes=5)
    again = access.unlock(account_id, PASSWORD)
    try:
        failed = [e for e in audit_repo.recent(again.db) if e.kind == AuditKind.UNLOCK_FAILED]
        assert [(e.account_id, e.detail) for e in failed] == [
            (account_id, "count=3;source=keyslots")
        ]
    finally:
        again.lock()
    assert "failures" not in json.loads(keys.read_text(encoding="utf-8"))
    # The slots were rewritten and still open the vault.
    access.unlock(account_id, PASSWORD).lock()


def test_failures_still_listed_are_not_counted_twice(
    created: tuple[Workspace, str], access: VaultAccess, clock: FixedClock
) -> None:
    workspace, _ = created
    account_id = workspace.account.id
    workspace.lock()
    for _ in range(3):
        with pytest.raises(WrongPassword):
            access.unlock(account_id, "bukan-kata-sandinya")
    clock.advance(minutes=5)
    again = access.unlock(account_id, PASSWORD)
    try:
        failed = [e for e in audit_repo.recent(again.db) if e.kind == AuditKind.UNLOCK_FAILED]
        assert len(failed) == 3 and all(e.detail == "" for e in failed)
    finally:
        again.lock()
