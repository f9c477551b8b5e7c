"""The request state machine: documented edges only, assent guards, reasons for closing."""

from __future__ import annotations

from collections import deque

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bk_desktop.domain.errors import RuleViolation
from bk_desktop.domain.requests import (
    DECIDED_BY_SCREENING,
    TRANSITIONS,
    Assent,
    RequestSource,
    RequestStatus,
    Urgency,
    allowed_targets,
    transition,
)

S = RequestStatus

DOCUMENTED_EDGES = {
    (S.DITERIMA, S.DISARING),
    (S.DITERIMA, S.DITUTUP),
    (S.DISARING, S.MENUNGGU_JADWAL),
    (S.DISARING, S.DIALIHKAN),
    (S.DISARING, S.DIRUJUK),
    (S.DISARING, S.SELESAI),
    (S.DISARING, S.DITUTUP),
    (S.MENUNGGU_JADWAL, S.TERJADWAL),
    (S.MENUNGGU_JADWAL, S.DISARING),
    (S.MENUNGGU_JADWAL, S.DITUTUP),
    (S.TERJADWAL, S.DITANGANI),
    (S.TERJADWAL, S.MENUNGGU_JADWAL),
    (S.TERJADWAL, S.DITUTUP),
    (S.DITANGANI, S.SELESAI),
    (S.DITANGANI, S.DISARING),
    (S.DITANGANI, S.DIALIHKAN),
    (S.DITANGANI, S.DIRUJUK),
    (S.DITANGANI, S.DITUTUP),
    (S.DIALIHKAN, S.DISARING),
    (S.DIRUJUK, S.DISARING),
    (S.DIRUJUK, S.SELESAI),
    (S.DIRUJUK, S.DITUTUP),
    (S.DITUTUP, S.DITERIMA),
}


def test_transition_table_is_exactly_the_documented_edges() -> None:
    table = {(a, b) for a, targets in TRANSITIONS.items() for b in targets}
    assert table == DOCUMENTED_EDGES
    assert set(TRANSITIONS) == set(RequestStatus)


def test_happy_path_of_the_service_standard() -> None:
    status = S.DITERIMA
    for target in (S.DISARING, S.MENUNGGU_JADWAL):
        status = transition(status, target, assent=Assent.BERSEDIA, by_screening=True)
    for target in (S.TERJADWAL, S.DITANGANI):
        status = transition(status, target, assent=Assent.BERSEDIA)
    status = transition(status, S.SELESAI, assent=Assent.BERSEDIA, reason="Tujuan tercapai.")
    assert status is S.SELESAI


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.DITERIMA, S.DISARING),
        (S.DISARING, S.MENUNGGU_JADWAL),
        (S.DISARING, S.DIALIHKAN),
        (S.DISARING, S.DIRUJUK),
        (S.DISARING, S.SELESAI),
        (S.DITANGANI, S.DIRUJUK),
        (S.DITANGANI, S.DIALIHKAN),
    ],
)
def test_decisions_are_made_only_through_the_screening(
    current: RequestStatus, target: RequestStatus
) -> None:
    with pytest.raises(RuleViolation, match="melalui asesmen"):
        transition(current, target, assent=Assent.BERSEDIA, reason="Sudah dibicarakan.")
    assert target not in allowed_targets(current, Assent.BERSEDIA)
    assert transition(current, target, assent=Assent.BERSEDIA, by_screening=True) is target


def test_request_cannot_skip_screening() -> None:
    with pytest.raises(RuleViolation, match="tidak dapat diubah menjadi terjadwal"):
        transition(S.DITERIMA, S.TERJADWAL, assent=Assent.BERSEDIA)


def test_scheduling_needs_the_student_to_be_willing() -> None:
    with pytest.raises(RuleViolation, match="belum ditanyakan"):
        transition(S.MENUNGGU_JADWAL, S.TERJADWAL, assent=Assent.BELUM_DITANYAKAN)
    with pytest.raises(RuleViolation, match="tidak bersedia"):
        transition(S.MENUNGGU_JADWAL, S.TERJADWAL, assent=Assent.TIDAK_BERSEDIA)


def test_unwilling_student_cannot_even_wait_for_a_slot() -> None:
    with pytest.raises(RuleViolation, match="tidak bersedia"):
        transition(S.DISARING, S.MENUNGGU_JADWAL, assent=Assent.TIDAK_BERSEDIA, by_screening=True)


def test_session_cannot_be_held_after_assent_is_withdrawn() -> None:
    with pytest.raises(RuleViolation):
        transition(S.TERJADWAL, S.DITANGANI, assent=Assent.TIDAK_BERSEDIA)
    assert (
        transition(S.TERJADWAL, S.DITUTUP, assent=Assent.TIDAK_BERSEDIA, reason="menolak")
        is S.DITUTUP
    )


def test_closing_needs_a_reason() -> None:
    with pytest.raises(RuleViolation, match="alasan untuk menutup"):
        transition(S.DITERIMA, S.DITUTUP, assent=Assent.TIDAK_BERSEDIA, reason="  ")
    assert (
        transition(
            S.DITERIMA, S.DITUTUP, assent=Assent.TIDAK_BERSEDIA, reason="Siswa tidak bersedia"
        )
        is S.DITUTUP
    )


def test_closed_request_reopens_to_diterima_with_a_reason_whatever_the_old_assent() -> None:
    """Reopening is a new receipt: the assent is asked again, so an old refusal is no bar."""
    with pytest.raises(RuleViolation, match="membuka kembali"):
        transition(S.DITUTUP, S.DITERIMA, assent=Assent.BERSEDIA)
    assert (
        transition(S.DITUTUP, S.DITERIMA, assent=Assent.TIDAK_BERSEDIA, reason="Siswa datang lagi")
        is S.DITERIMA
    )


def test_finished_request_is_final() -> None:
    assert TRANSITIONS[S.SELESAI] == frozenset()
    with pytest.raises(RuleViolation):
        transition(S.SELESAI, S.DITERIMA, assent=Assent.BERSEDIA, reason="lagi")


def test_moving_to_the_same_status_is_refused() -> None:
    with pytest.raises(RuleViolation, match="sudah berstatus"):
        transition(S.DISARING, S.DISARING, assent=Assent.BERSEDIA)


def test_allowed_targets_hide_moves_the_assent_forbids() -> None:
    assert allowed_targets(S.MENUNGGU_JADWAL, Assent.BELUM_DITANYAKAN) == {S.DISARING, S.DITUTUP}
    assert S.TERJADWAL in allowed_targets(S.MENUNGGU_JADWAL, Assent.BERSEDIA)


def test_every_status_is_reachable_from_diterima() -> None:
    seen = {S.DITERIMA}
    queue = deque([S.DITERIMA])
    while queue:
        current = queue.popleft()
        decided = {b for a, b in DECIDED_BY_SCREENING if a is current}
        for target in allowed_targets(current, Assent.BERSEDIA) | decided:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    assert seen == set(RequestStatus)


steps = st.lists(
    st.tuples(
        st.sampled_from(list(RequestStatus)),
        st.sampled_from(list(Assent)),
        st.sampled_from(["", "alasan"]),
    ),
    max_size=40,
)


@given(steps)
def test_no_path_reaches_terjadwal_or_ditangani_without_assent(
    path: list[tuple[S, Assent, str]],
) -> None:
    status = S.DITERIMA
    for target, assent, reason in path:
        try:
            new = transition(status, target, assent=assent, reason=reason)
        except RuleViolation as exc:
            assert exc.message
            continue
        assert (status, new) in DOCUMENTED_EDGES
        if new in {S.TERJADWAL, S.DITANGANI}:
            assert assent is Assent.BERSEDIA
        if new is S.DITUTUP or status is S.DITUTUP:
            assert reason
        status = new


def test_labels_are_indonesian() -> None:
    assert RequestSource.GURU_MAPEL.label == "Guru mata pelajaran"
    assert RequestSource.WALI_KELAS.names_a_referrer
    assert not RequestSource.KOTAK_MASALAH.names_a_referrer
    assert Urgency.DARURAT.label == "Darurat"
    assert Assent.BELUM_DITANYAKAN.label == "Belum ditanyakan"
    assert S.MENUNGGU_JADWAL.label == "Menunggu jadwal"
    assert S.DITANGANI.is_open and not S.SELESAI.is_open
