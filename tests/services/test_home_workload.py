"""Beranda for the koordinator and the kepala sekolah: every counsellor's workload and the
month's figures through ``HomeService``, counted on a real vault with two counsellors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from test_home_day import scheduled

from bk_desktop.domain.accounts import Account, Role
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import ActionItemDraft, CaseStatus, SessionPlan
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.services.accounts import AccountService
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.home import WORKLOAD_NOT_FOR_GURU_BK, HomeService, WorkloadRow
from bk_desktop.services.kdf_choice import KdfChooser
from bk_desktop.services.queues import QueueService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage.kdf import TEST_PARAMS

from support import add_request, hold_session, school_slot

OTHER_PASSWORD = "Teh-Manis-Samarinda-2026"


def add_account(workspace: Workspace, name: str, role: Role) -> Account:
    return AccountService(workspace, KdfChooser(TEST_PARAMS)).add(
        name=name, role=role, password=OTHER_PASSWORD, password_repeat=OTHER_PASSWORD
    )


def as_account(workspace: Workspace, account: Account) -> Workspace:
    """The same vault and clock, signed in as ``account`` (a real account of the vault)."""
    return Workspace(workspace.vault, account, workspace.clock)


def move_to(clock: FixedClock, moment: datetime) -> None:
    clock.advance(seconds=(moment - clock.now()).total_seconds())


def counts(row: WorkloadRow) -> tuple[int, int, int, int, int]:
    return (
        row.open_cases,
        row.sessions_week,
        row.to_record,
        row.follow_ups_due,
        row.action_plans_past_review,
    )


@pytest.fixture
def two_counsellors(workspace: Workspace, clock: FixedClock) -> tuple[Account, Account]:
    """Sari (the koordinator, signed in) and Rahmat (guru BK) with known work, the clock at
    Kamis 3 December 2026 08.00 WITA:

    - Sari: Eka's case open with two action items due 1 and 2 December (finalised, so the
      laijapen falls on 9 December); Dedi's session of Senin 30 November never recorded;
      Fajar's session on Kamis 3 December at noon; Gita's two weeks on.
    - Rahmat: Hana's case, handed to him with its planned session of Selasa 1 December, which
      nobody recorded.
    """
    rahmat = add_account(workspace, "Rahmat Hidayat", Role.GURU_BK)
    service = CounsellingService(workspace)
    eka = scheduled(workspace, "Eka Saputra", timedelta(hours=1))  # Senin 09.00
    items = (
        ActionItemDraft(what="Menulis jurnal", due_on=date(2026, 12, 1)),
        ActionItemDraft(what="Bicara dengan ibu", due_on=date(2026, 12, 2)),
    )
    eka_session, _ = hold_session(workspace, clock, eka, action_items=items)
    service.finalise(eka_session)
    hana = scheduled(workspace, "Hana Pertiwi", timedelta(hours=1))  # Senin 11.00
    _, hana_case = hold_session(workspace, clock, hana)
    service.plan_session(hana, SessionPlan(school_slot(workspace, timedelta(days=1))))
    service.reassign_case(hana_case, rahmat.id)
    scheduled(workspace, "Dedi Kurniawan", timedelta(hours=1))  # Senin 13.00
    scheduled(workspace, "Fajar Nugroho", timedelta(days=3))  # Kamis 3 December, noon
    scheduled(workspace, "Gita Anggraini", timedelta(days=14))
    move_to(clock, datetime(2026, 12, 3, 0, 0, tzinfo=UTC))  # Kamis 08.00 WITA
    return workspace.account, rahmat


def test_the_koordinator_sees_each_counsellors_counts_by_name(
    workspace: Workspace, clock: FixedClock, two_counsellors: tuple[Account, Account]
) -> None:
    sari, rahmat = two_counsellors
    rows = HomeService(workspace).workload()
    assert [(r.account_id, r.name) for r in rows] == [
        (rahmat.id, "Rahmat Hidayat"),
        (sari.id, "Sari Wulandari"),
    ]
    theirs, mine = rows
    # open cases, sessions in 7 days, perlu dicatat, follow-ups due, action plans past review
    assert counts(mine) == (1, 1, 1, 0, 1)
    assert counts(theirs) == (1, 0, 1, 0, 0)
    assert (mine.overdue, theirs.overdue) == (2, 1)

    clock.advance(days=7)  # Kamis 10 December: Eka's laijapen is due, Fajar's session passed
    _, mine = HomeService(workspace).workload()
    assert counts(mine) == (1, 1, 2, 1, 1)


def test_the_workload_names_no_student(
    workspace: Workspace, two_counsellors: tuple[Account, Account]
) -> None:
    shown = repr(HomeService(workspace).workload())
    for student in ("Eka", "Hana", "Dedi", "Fajar", "Gita", "E.S."):
        assert student not in shown


def test_a_closed_case_leaves_the_workload_and_a_removed_or_principal_account_is_not_listed(
    workspace: Workspace, two_counsellors: tuple[Account, Account]
) -> None:
    sari, rahmat = two_counsellors
    add_account(workspace, "Drs. Hendra Wijaya", Role.KEPALA_SEKOLAH)
    rows = HomeService(workspace).workload()
    assert {r.account_id for r in rows} == {sari.id, rahmat.id}

    service = CounsellingService(workspace)
    (case,) = [c for c in service.cases() if c.counsellor_id == sari.id]
    service.close_case(case.id, CaseStatus.SELESAI, reason="Tujuan konseling tercapai.")
    _, mine = HomeService(workspace).workload()
    assert (mine.open_cases, mine.action_plans_past_review) == (0, 0)


def test_the_kepala_sekolah_sees_the_workload_and_a_guru_bk_is_refused(
    workspace: Workspace, two_counsellors: tuple[Account, Account]
) -> None:
    _, rahmat = two_counsellors
    principal = add_account(workspace, "Drs. Hendra Wijaya", Role.KEPALA_SEKOLAH)
    rows = HomeService(as_account(workspace, principal)).workload()
    assert [r.name for r in rows] == ["Rahmat Hidayat", "Sari Wulandari"]

    with pytest.raises(RuleViolation) as refused:
        HomeService(as_account(workspace, rahmat)).workload()
    assert refused.value.message == WORKLOAD_NOT_FOR_GURU_BK


def test_an_empty_vault_lists_its_counsellor_with_nothing_to_do(workspace: Workspace) -> None:
    (row,) = HomeService(workspace).workload()
    assert (row.name, counts(row), row.overdue) == ("Sari Wulandari", (0, 0, 0, 0, 0), 0)


def test_the_months_figures_count_this_month_only(workspace: Workspace, clock: FixedClock) -> None:
    home = HomeService(workspace)
    empty = home.month_figures()
    assert (empty.year, empty.month, empty.month_label) == (2026, 11, "November 2026")
    assert (empty.received, empty.sessions_held, empty.cases_opened, empty.cases_closed) == (
        0,
        0,
        0,
        0,
    )

    add_request(workspace, "Ayu Lestari")  # received, waiting for screening
    eka = scheduled(workspace, "Eka Saputra", timedelta(hours=1))  # Senin 30 November
    _, case_id = hold_session(workspace, clock, eka)
    CounsellingService(workspace).close_case(
        case_id, CaseStatus.SELESAI, reason="Tujuan konseling tercapai."
    )
    scheduled(workspace, "Budi Santoso", timedelta(hours=1))  # planned, not held
    figures = home.month_figures()
    assert (figures.received, figures.sessions_held) == (3, 1)
    assert (figures.cases_opened, figures.cases_closed) == (1, 1)
    assert figures.share == QueueService(workspace).month_share()

    clock.advance(days=2)  # December: a new month, nothing in it yet
    december = home.month_figures()
    assert december.month_label == "Desember 2026"
    assert (december.received, december.sessions_held, december.cases_opened) == (0, 0, 0)
    assert december.cases_closed == 0


def test_the_kepala_sekolah_may_read_the_months_figures(
    workspace: Workspace, clock: FixedClock
) -> None:
    add_request(workspace, "Ayu Lestari")
    principal = add_account(workspace, "Drs. Hendra Wijaya", Role.KEPALA_SEKOLAH)
    figures = HomeService(as_account(workspace, principal)).month_figures()
    assert figures.received == 1
    assert "Ayu" not in repr(figures)
