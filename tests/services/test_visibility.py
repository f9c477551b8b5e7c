"""Who sees what (``domain.visibility``), checked at the services for each role: the window
and the command line only ever get what these return."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.counselling import (
    ActionItemDraft,
    CaseStatus,
    Confidentiality,
    FollowUpKind,
)
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.domain.sight import Sight
from bk_desktop.domain.visibility import HIDDEN_CASE_LABEL
from bk_desktop.services.calendar import CalendarService
from bk_desktop.services.counselling import CaseFilter, CounsellingService
from bk_desktop.services.queues import QueueService
from bk_desktop.services.referrals import ReferralService
from bk_desktop.services.reminders import ReminderService
from bk_desktop.services.requests import RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.student_import import StudentImportService
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace

from support import START, counselled, hold_session, signed_in_as

NOTE = "Bercerita tentang pertengkaran orang tua di rumah."


@pytest.fixture
def team(workspace: Workspace, clock: FixedClock) -> dict[str, object]:
    """The koordinator (the vault's first account), a guru BK who owns one case, and a
    kepala sekolah."""
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    principal = signed_in_as(workspace, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)
    request_id = counselled(guru)
    session_id, case_id = hold_session(
        guru,
        clock,
        request_id,
        notes=NOTE,
        action_items=(
            ActionItemDraft(
                what="Menulis jurnal perasaan", due_on=clock.now().date() + timedelta(days=7)
            ),
        ),
    )
    return {
        "koordinator": workspace,
        "guru": guru,
        "principal": principal,
        "request": request_id,
        "session": session_id,
        "case": case_id,
    }


def _notes_shown(workspace: Workspace) -> int:
    return int(workspace.db.scalar("SELECT count(*) FROM audit_event WHERE kind = 'notes.shown'"))


def test_the_owner_sees_everything_of_their_case(team: dict[str, object]) -> None:
    guru = team["guru"]
    assert isinstance(guru, Workspace)
    view = CounsellingService(guru).case(int(str(team["case"])))
    assert view.record.sight is Sight.FULL
    assert view.sessions[0].notes == NOTE
    assert view.action_items[0].what == "Menulis jurnal perasaan"
    assert view.requests[0].reason
    assert _notes_shown(guru) == 0  # one's own notes are not an event


def test_another_counsellor_sees_the_line_and_opens_notes_only_on_request(
    team: dict[str, object],
) -> None:
    koordinator = team["koordinator"]
    assert isinstance(koordinator, Workspace)
    case_id, session_id = int(str(team["case"])), int(str(team["session"]))
    service = CounsellingService(koordinator)

    [line] = service.cases()
    assert line.sight is Sight.NOTES_WITHHELD
    assert line.student_name == "Ayu Lestari" and line.counsellor_name == "Rina Handayani"
    assert line.problem == "Sering terlambat masuk kelas."  # the intake is the room's

    view = service.case(case_id)
    assert view.sessions[0].notes == "" and view.sessions[0].understanding == ""
    assert view.action_items[0].what == ""
    assert view.requests[0].reason == "Sering terlambat masuk kelas."
    assert service.session(session_id).record.notes == ""
    assert _notes_shown(koordinator) == 0

    shown = service.case(case_id, show_notes=True)
    assert shown.sessions[0].notes == NOTE
    assert service.session(session_id, show_notes=True).record.notes == NOTE
    assert _notes_shown(koordinator) == 2  # each opening is an event of its own
    event = koordinator.db.one(
        "SELECT account_id, target_kind, target_id, detail FROM audit_event "
        "WHERE kind = 'notes.shown' ORDER BY id LIMIT 1"
    )
    assert event is not None
    assert (event["account_id"], event["target_kind"], event["target_id"]) == (
        koordinator.account.id,
        "case",
        str(case_id),
    )
    assert NOTE not in event["detail"]


def test_a_sangat_rahasia_case_is_only_there_for_another_counsellor(
    team: dict[str, object],
) -> None:
    guru, koordinator = team["guru"], team["koordinator"]
    assert isinstance(guru, Workspace) and isinstance(koordinator, Workspace)
    case_id = int(str(team["case"]))
    owner = CounsellingService(guru)
    owner.update_case(
        case_id,
        replace(owner.case(case_id).record.draft, confidentiality=Confidentiality.SANGAT_RAHASIA),
    )
    service = CounsellingService(koordinator)
    [line] = service.cases()
    assert line.sight is Sight.EXISTS_ONLY
    assert line.counsellor_name == "Rina Handayani"
    assert not line.bidang and line.sessions_held == 0
    view = service.case(case_id)
    assert (view.sessions, view.action_items, view.follow_ups, view.requests) == ([], [], [], [])
    with pytest.raises(RuleViolation, match="sangat rahasia"):
        service.case(case_id, show_notes=True)
    with pytest.raises(RuleViolation, match="sangat rahasia"):
        service.session(int(str(team["session"])), show_notes=True)
    assert _notes_shown(koordinator) == 0
    # In Jadwal the time and the room stay (the room is taken); who does not.
    sessions = CounsellingService(koordinator).sessions_of_request(int(str(team["request"])))
    assert sessions and all(s.student_name == "" and s.rombel == "" for s in sessions)
    assert all(s.place for s in sessions)
    [by_bidang] = [CounsellingService(guru).cases(CaseFilter(bidang="pribadi"))]
    assert len(by_bidang) == 1
    assert service.cases(CaseFilter(bidang="pribadi")) == []  # a filter would tell the bidang
    assert HIDDEN_CASE_LABEL == "Ada kasus"
    # Pengajuan too: the permohonan stays in the room's list, its words do not.
    requests = RequestService(koordinator)
    request_id = int(str(team["request"]))
    assert requests.get(request_id).reason == ""
    assert all(item.record.reason == "" for item in requests.list())
    assert all(event.reason == "" for event in requests.events(request_id))
    assert RequestService(guru).get(request_id).reason == "Sering terlambat masuk kelas."
    [asesmen] = ScreeningService(koordinator).history(request_id)
    assert asesmen.draft.symptoms == "" and asesmen.draft.reason == ""
    assert ScreeningService(guru).history(request_id)[0].draft.symptoms == "Sering menyendiri."


def test_only_the_owner_changes_a_case(team: dict[str, object]) -> None:
    koordinator = team["koordinator"]
    assert isinstance(koordinator, Workspace)
    case_id = int(str(team["case"]))
    service = CounsellingService(koordinator)
    draft = CounsellingService(team["guru"]).case(case_id).record.draft  # type: ignore[arg-type]
    with pytest.raises(RuleViolation, match="Rina Handayani"):
        service.update_case(case_id, draft)
    with pytest.raises(RuleViolation, match="hanya guru BK yang menanganinya"):
        service.close_case(case_id, CaseStatus.SELESAI, reason="Masalah sudah teratasi")
    with pytest.raises(RuleViolation):
        service.add_follow_up(case_id, FollowUpKind.LAIJAPEN)
    with pytest.raises(RuleViolation):
        service.add_addendum(int(str(team["session"])), "Catatan tambahan dari koordinator")


def test_the_koordinator_hands_a_case_on_and_it_becomes_the_new_owners(
    team: dict[str, object],
) -> None:
    guru, koordinator = team["guru"], team["koordinator"]
    assert isinstance(guru, Workspace) and isinstance(koordinator, Workspace)
    case_id = int(str(team["case"]))
    with pytest.raises(RuleViolation, match="Koordinator"):
        CounsellingService(guru).reassign_case(case_id, koordinator.account.id)
    CounsellingService(koordinator).reassign_case(case_id, koordinator.account.id)
    mine = CounsellingService(koordinator).case(case_id)
    assert mine.record.sight is Sight.FULL and mine.sessions[0].notes == NOTE
    assert CounsellingService(guru).case(case_id).record.sight is Sight.NOTES_WITHHELD


def test_the_kepala_sekolah_opens_no_student_file_and_no_note(team: dict[str, object]) -> None:
    principal = team["principal"]
    assert isinstance(principal, Workspace)
    for service in (
        StudentService,
        RequestService,
        ScreeningService,
        ReferralService,
        StudentImportService,
        CalendarService,
        CounsellingService,
    ):
        with pytest.raises(RuleViolation, match="kepala sekolah"):
            service(principal)
    queue = QueueService(principal)
    with pytest.raises(RuleViolation):
        queue.home()
    # Counts and the month's share name nobody, so the principal reads them on Beranda.
    assert queue.summary().waiting_schedule == 0
    assert (queue.month_share(START).met, queue.month_share(START).decided) == (1, 1)
    assert ReminderService(principal).due(frozenset()) == []
