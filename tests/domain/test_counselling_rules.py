"""The rules of sessions and cases that need no vault: lengths, the report, closing, dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bk_desktop.domain.academic import AcademicYear, Semester, SemesterDates, Term
from bk_desktop.domain.counselling import (
    ActionItemDraft,
    Alternative,
    CaseStatus,
    SessionPlan,
    SessionReport,
    case_status_after_request,
    close_problem,
    laijapang_due,
    laijapen_due,
    length_needs_reason,
    length_problem_of,
    next_term,
    request_status_on_close,
)
from bk_desktop.domain.requests import RequestStatus

NOW = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize("minutes", [30, 35, 45])
def test_thirty_to_forty_five_minutes_need_no_reason(minutes: int) -> None:
    assert not length_needs_reason(minutes)
    assert length_problem_of(minutes, "") is None


@pytest.mark.parametrize("minutes", [20, 29, 46, 60, 90])
def test_any_other_length_needs_a_reason_that_counts(minutes: int) -> None:
    problem = length_problem_of(minutes, "")
    assert problem is not None and "di luar 30–45 menit" in problem
    assert length_problem_of(minutes, "-") is not None
    assert length_problem_of(minutes, "Siswa menangis, perlu waktu menenangkan diri.") is None


@pytest.mark.parametrize("minutes", [0, -5, 241])
def test_impossible_lengths_are_refused_even_with_a_reason(minutes: int) -> None:
    assert length_problem_of(minutes, "Alasan yang panjang sekali.") is not None


def test_a_plan_needs_a_place_and_its_reason_lands_on_the_reason_field() -> None:
    plan = SessionPlan(start=NOW, minutes=60, place="  ")
    fields = {e.field for e in plan.validate()}
    assert fields == {"length_reason", "place"}
    assert SessionPlan(start=NOW).validate() == []


def report(**changes: object) -> SessionReport:
    values: dict[str, object] = {
        "actual_start": NOW - timedelta(minutes=50),
        "actual_end": NOW - timedelta(minutes=10),
    }
    values.update(changes)
    return SessionReport(**values)  # type: ignore[arg-type]


def test_a_session_cannot_end_before_it_starts_or_in_the_future() -> None:
    backwards = report(actual_end=NOW - timedelta(hours=2))
    assert [e.field for e in backwards.validate(now=NOW)] == ["actual_end"]
    ahead = report(actual_start=NOW, actual_end=NOW + timedelta(minutes=40))
    assert [e.field for e in ahead.validate(now=NOW)] == ["actual_end"]


def test_a_held_session_outside_the_standard_length_asks_why() -> None:
    long = report(actual_start=NOW - timedelta(minutes=70))
    assert [e.field for e in long.validate(now=NOW)] == ["duration_reason"]
    explained = report(
        actual_start=NOW - timedelta(minutes=70), duration_reason="Krisis, perlu ditenangkan."
    )
    assert explained.validate(now=NOW) == []


def test_a_session_cannot_precede_its_request() -> None:
    problems = report().validate(now=NOW, earliest=NOW - timedelta(minutes=20))
    assert [e.field for e in problems] == ["actual_start"]


def test_alternatives_one_chosen_and_action_items_with_dates() -> None:
    two_chosen = report(
        alternatives=(Alternative("Belajar kelompok", True), Alternative("Les", True))
    )
    assert [e.field for e in two_chosen.validate(now=NOW)] == ["alternatives"]
    undated = report(action_items=(ActionItemDraft(what="Membuat jadwal belajar"),))
    messages = [e.message for e in undated.validate(now=NOW)]
    assert messages == ["Rencana aksi 1: isi tanggal batas waktunya (kapan)."]
    past = report(action_items=(ActionItemDraft(what="Membuat jadwal", due_on=date(2026, 12, 1)),))
    assert "sebelum sesi" in past.validate(now=NOW)[0].message
    empty = report(action_items=(ActionItemDraft(what=" ", due_on=date(2026, 12, 10)),))
    assert "apa yang akan dilakukan" in empty.validate(now=NOW)[0].message


def test_finalising_needs_the_whole_laiseg() -> None:
    missing = report(understanding="Paham penyebabnya.", comfort="", action="")
    assert [e.field for e in missing.finalise_problems()] == ["comfort", "action"]
    whole = report(understanding="Paham.", comfort="Lega.", action="Tidur lebih awal.")
    assert whole.finalise_problems() == []


def test_a_case_is_closed_by_hand_only_as_selesai_or_tindak_lanjut() -> None:
    opened, today = date(2026, 11, 2), date(2026, 12, 4)
    reason = "Tujuan konseling tercapai."
    assert close_problem(CaseStatus.SELESAI, today, reason, opened_on=opened, today=today) is None
    assert close_problem(CaseStatus.DIALIHTANGANKAN, today, reason, opened_on=opened, today=today)
    assert close_problem(CaseStatus.SELESAI, today, "ok", opened_on=opened, today=today)
    assert close_problem(
        CaseStatus.SELESAI, date(2026, 11, 1), reason, opened_on=opened, today=today
    )
    assert close_problem(
        CaseStatus.SELESAI, date(2026, 12, 5), reason, opened_on=opened, today=today
    )


def test_the_request_follows_its_case_and_the_case_its_request() -> None:
    assert request_status_on_close(CaseStatus.SELESAI) is RequestStatus.SELESAI
    assert request_status_on_close(CaseStatus.TINDAK_LANJUT) is RequestStatus.SELESAI
    assert case_status_after_request(RequestStatus.DIRUJUK) is CaseStatus.DIALIHTANGANKAN
    assert case_status_after_request(RequestStatus.DIALIHKAN) is CaseStatus.TINDAK_LANJUT
    assert case_status_after_request(RequestStatus.DITUTUP) is CaseStatus.SELESAI
    assert case_status_after_request(RequestStatus.DISARING) is None


def test_laijapen_is_a_week_after_the_last_action_is_due() -> None:
    held = date(2026, 12, 4)
    assert laijapen_due(held, [date(2026, 12, 11), date(2026, 12, 18)]) == date(2026, 12, 25)
    assert laijapen_due(held, []) == date(2026, 12, 11)


def test_laijapang_is_the_same_week_of_the_next_semester() -> None:
    year = AcademicYear(2026)
    ganjil = Term(year, Semester.GANJIL, SemesterDates(date(2026, 7, 13), date(2026, 12, 19)))
    genap = Term(year, Semester.GENAP, SemesterDates(date(2027, 1, 4), date(2027, 6, 26)))
    # 4 Dec 2026 is in week 20 of Ganjil (from 13 July): week 20 of Genap starts 24 May 2027.
    assert laijapang_due(date(2026, 12, 4), ganjil, [ganjil, genap]) == date(2027, 5, 24)
    assert next_term(ganjil, [ganjil, genap]) is genap
    # Genap goes on to the next year's Ganjil, by the default calendar when none is set.
    following = next_term(genap, [ganjil, genap])
    assert following.key == (AcademicYear(2027), Semester.GANJIL)
    # A week beyond the next semester's end stays inside it.
    late = laijapang_due(date(2027, 6, 25), genap, [ganjil, genap])
    assert following.dates.start <= late <= following.dates.end
