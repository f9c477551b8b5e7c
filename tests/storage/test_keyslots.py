"""Key slots: passwords and the recovery key each unwrap the same master key."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bk_desktop.storage.errors import WrongPassword, WrongRecoveryKey
from bk_desktop.storage.kdf import TEST_PARAMS, KdfParams, calibrate
from bk_desktop.storage.keyslots import (
    KeySlots,
    new_master_key,
    new_recovery_key,
    normalise_recovery_key,
)


def _slots() -> tuple[KeySlots, bytes, str]:
    master = new_master_key()
    recovery = new_recovery_key()
    slots = (
        KeySlots.new()
        .with_password(master, "a1", "Sari", "pertama-kata-sandi", TEST_PARAMS)
        .with_recovery(master, recovery, TEST_PARAMS)
    )
    return slots, master, recovery


def test_password_and_recovery_key_unwrap_the_same_master_key() -> None:
    slots, master, recovery = _slots()
    assert slots.unlock_with_password("a1", "pertama-kata-sandi") == master
    assert slots.unlock_with_recovery(recovery) == master


def test_recovery_key_is_accepted_as_typed_from_the_card() -> None:
    slots, master, recovery = _slots()
    typed = recovery.lower().replace("-", " ").replace("0", "o")
    assert slots.unlock_with_recovery(typed) == master


def test_recovery_key_has_eight_groups_of_four() -> None:
    key = new_recovery_key()
    groups = key.split("-")
    assert len(groups) == 8
    assert all(len(g) == 4 for g in groups)
    assert normalise_recovery_key(key) == key


def test_wrong_secrets_are_refused() -> None:
    slots, _, _ = _slots()
    with pytest.raises(WrongPassword):
        slots.unlock_with_password("a1", "pertama-kata-sandiX")
    with pytest.raises(WrongRecoveryKey):
        slots.unlock_with_recovery(new_recovery_key())


def test_changing_one_password_keeps_the_other_slots() -> None:
    slots, master, recovery = _slots()
    slots = slots.with_password(master, "b2", "Budi", "kedua-kata-sandi", TEST_PARAMS)
    slots = slots.with_password(master, "a1", "Sari", "ganti-kata-sandi", TEST_PARAMS)
    assert [a for a, _ in slots.accounts()] == ["a1", "b2"]
    assert slots.unlock_with_password("b2", "kedua-kata-sandi") == master
    assert slots.unlock_with_password("a1", "ganti-kata-sandi") == master
    with pytest.raises(WrongPassword):
        slots.unlock_with_password("a1", "pertama-kata-sandi")
    assert slots.unlock_with_recovery(recovery) == master


def test_a_new_recovery_key_retires_the_old_card() -> None:
    slots, master, old = _slots()
    new = new_recovery_key()
    slots = slots.with_recovery(master, new, TEST_PARAMS)
    assert slots.unlock_with_recovery(new) == master
    with pytest.raises(WrongRecoveryKey):
        slots.unlock_with_recovery(old)


def test_serialised_slots_hold_no_secret_in_plain_text() -> None:
    slots, master, recovery = _slots()
    raw = slots.serialise()
    assert master.hex().encode() not in raw
    assert recovery.encode() not in raw
    assert b"pertama-kata-sandi" not in raw
    assert KeySlots.parse(raw, "x").unlock_with_password("a1", "pertama-kata-sandi") == master


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_password_round_trips(password: str) -> None:
    master = new_master_key()
    slots = KeySlots.new().with_password(master, "x", "X", password, TEST_PARAMS)
    assert slots.unlock_with_password("x", password) == master


def test_calibration_honours_a_small_target_only_when_set_explicitly() -> None:
    params = calibrate(0.01, floor=False)
    assert isinstance(params, KdfParams)
    assert params.time_cost >= 1
    assert params.memory_kib >= 8
    floored = calibrate(0.01)
    assert floored.time_cost >= 2
    assert floored.memory_kib >= 64 * 1024
