"""Drafts of unsaved forms live in the vault, for the account that typed them only."""

from __future__ import annotations

from pathlib import Path

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.changes import Change, Changes
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.services.access import VaultAccess
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.drafts import DraftService
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.storage.kdf import TEST_PARAMS

from support import PASSWORD

SECRET = "Cerita draf yang belum disimpan Zamrud"


def a_draft(text: str = SECRET, target: str = "7") -> FormDraft:
    return FormDraft(DraftForm.SCREENING, target, {"screeningSymptoms": text, "count": 3})


def test_a_kept_draft_comes_back_whole_and_a_second_write_replaces_it(
    workspace: Workspace,
) -> None:
    drafts = DraftService(workspace)
    drafts.keep([a_draft("pertama")])
    drafts.keep([a_draft("kedua"), FormDraft(DraftForm.REQUEST, "", {"requestReason": "x"})])
    kept = drafts.kept()
    assert [(d.form, d.target) for d in kept] == [
        (DraftForm.SCREENING, "7"),
        (DraftForm.REQUEST, ""),
    ]
    assert kept[0].content == {"screeningSymptoms": "kedua", "count": 3}
    assert kept[0].account_id == workspace.account.id


def test_keeping_is_audited_by_form_name_and_notifies_drafts_only(
    workspace: Workspace,
) -> None:
    notices: list[Changes] = []
    workspace.subscribe(notices.append)
    DraftService(workspace).keep([a_draft()])
    event = audit_repo.latest(workspace.db, AuditKind.DRAFTS_KEPT)
    assert event is not None and event.detail == "screening"
    assert SECRET not in event.detail
    assert notices == [frozenset({Change.DRAFTS})]


def test_nothing_to_keep_writes_nothing(workspace: Workspace) -> None:
    before = audit_repo.count(workspace.db)
    DraftService(workspace).keep([])
    assert audit_repo.count(workspace.db) == before


def test_reopened_and_discarded_drafts_are_gone(workspace: Workspace) -> None:
    drafts = DraftService(workspace)
    drafts.keep([a_draft(target="1"), a_draft(target="2")])
    first, second = drafts.kept()
    drafts.reopened(first.id)
    drafts.discard(second.id)
    assert drafts.kept() == []
    assert audit_repo.latest(workspace.db, AuditKind.DRAFT_REOPENED) is not None
    assert audit_repo.latest(workspace.db, AuditKind.DRAFT_DISCARDED) is not None


def test_only_drafts_older_than_30_days_are_stale(workspace: Workspace, clock: FixedClock) -> None:
    drafts = DraftService(workspace)
    drafts.keep([a_draft(target="old")])
    clock.advance(days=20)
    drafts.keep([a_draft(target="new")])
    clock.advance(days=11)
    stale = drafts.stale()
    assert [d.target for d in stale] == ["old"]
    assert stale[0].is_stale(clock.now())
    assert not drafts.kept()[1].is_stale(clock.now())


def test_a_draft_belongs_to_the_account_that_typed_it(
    created: tuple[Workspace, str], access: VaultAccess
) -> None:
    koordinator, _recovery = created
    other = AccountService(koordinator, KdfChooser(TEST_PARAMS)).add(
        name="Budi Hartono", role=Role.GURU_BK, password=PASSWORD, password_repeat=PASSWORD
    )
    DraftService(koordinator).keep([a_draft()])
    mine = DraftService(koordinator).kept()
    koordinator.lock()
    budi = access.unlock(other.id, PASSWORD)
    try:
        theirs = DraftService(budi)
        assert theirs.kept() == []
        theirs.discard(mine[0].id)  # not Budi's to remove
        theirs.keep([a_draft("punya Budi")])
        assert [d.content["screeningSymptoms"] for d in theirs.kept()] == ["punya Budi"]
    finally:
        budi.lock()
    sari = access.unlock(koordinator.account.id, PASSWORD)
    try:
        assert [d.content["screeningSymptoms"] for d in DraftService(sari).kept()] == [SECRET]
    finally:
        sari.lock()


def test_a_draft_never_leaves_the_vault_in_plain_text(workspace: Workspace, tmp_path: Path) -> None:
    DraftService(workspace).keep([a_draft()])
    workspace.db.checkpoint()
    needles = [SECRET.encode(encoding) for encoding in ("utf-8", "utf-16-le")]
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(needle in data for needle in needles), path
