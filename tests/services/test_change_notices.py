"""A committed write sends one notice naming the kinds of records it changed."""

from __future__ import annotations

import dataclasses

import pytest

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.changes import Change, Changes
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.workspace import Workspace


@pytest.fixture
def notices(workspace: Workspace) -> list[Changes]:
    received: list[Changes] = []
    workspace.subscribe(received.append)
    return received


def test_every_audit_kind_has_an_indonesian_label() -> None:
    for kind in AuditKind:
        assert kind.label and kind.label != kind.value


def test_a_committed_transaction_sends_one_notice_with_the_union(
    workspace: Workspace, notices: list[Changes]
) -> None:
    with workspace.db.transaction():
        workspace.audit(AuditKind.STUDENT_CREATED)
        workspace.audit(AuditKind.REQUEST_CREATED)
        assert notices == []  # nothing before the commit
    assert notices == [frozenset({Change.STUDENTS, Change.REQUESTS})]


def test_a_rolled_back_transaction_sends_nothing(
    workspace: Workspace, notices: list[Changes]
) -> None:
    with pytest.raises(RuntimeError), workspace.db.transaction():
        workspace.audit(AuditKind.REQUEST_CREATED)
        raise RuntimeError("gagal")
    with workspace.db.transaction():
        workspace.audit(AuditKind.LOCK)  # changes no records: no notice either
    assert notices == []


def test_a_settings_write_is_announced_and_refreshes_the_cached_settings(
    workspace: Workspace, notices: list[Changes]
) -> None:
    service = SettingsService(workspace)
    before = workspace.settings()
    service.save(dataclasses.replace(before, school_name="SMA Negeri 2 Bontang"))
    assert notices == [frozenset({Change.SETTINGS})]
    assert workspace.settings().school_name == "SMA Negeri 2 Bontang"


def test_a_failing_listener_does_not_stop_the_others(workspace: Workspace) -> None:
    received: list[Changes] = []

    def broken(changes: Changes) -> None:
        raise ValueError(changes)

    workspace.subscribe(broken)
    unsubscribe = workspace.subscribe(received.append)
    with workspace.db.transaction():
        workspace.audit(AuditKind.STUDENT_CREATED)
    unsubscribe()
    with workspace.db.transaction():
        workspace.audit(AuditKind.STUDENT_CREATED)
    assert received == [frozenset({Change.STUDENTS})]
