"""The register of permohonan hak atas data pribadi on a real encrypted vault: registering
(back-dating with a reason), deciding and completing, Beranda's list without names, the
kepala sekolah kept out, and audit rows that carry no text."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bk_desktop.domain.academic import Term
from bk_desktop.domain.accounts import Role
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.data_requests import (
    ClockKind,
    DataRequestForm,
    DataRequestStatus,
    DataRight,
    Decision,
    Redaction,
    Requester,
)
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.students import ClassPlacement, GuardianRelation, StudentDraft
from bk_desktop.services.data_requests import DataRequestService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace

from support import signed_in_as

TEXT = "Ibu meminta salinan seluruh catatan konseling anaknya tentang perundungan."
REASON = "Catatan memuat nama siswa lain yang terlibat."


def add_student(workspace: Workspace, name: str = "Ayu Lestari", nis: str = "1001") -> int:
    year: Term = TermService(workspace).current()
    return StudentService(workspace).create(
        StudentDraft(name=name, nis=nis, placements=(ClassPlacement(year.year, "X MIPA 1"),))
    )


def parent_form(workspace: Workspace, student_id: int, **changes: object) -> DataRequestForm:
    values: dict[str, object] = {
        "student_id": student_id,
        "requester": Requester.ORANG_TUA_WALI,
        "requester_name": "Sari Wulandari",
        "relation": GuardianRelation.IBU,
        "right": DataRight.AKSES,
        "text": TEXT,
        "received_at": workspace.now(),
    }
    values.update(changes)
    return DataRequestForm(**values)  # type: ignore[arg-type]


def test_a_request_is_registered_numbered_and_audited_without_its_text(
    workspace: Workspace,
) -> None:
    service = DataRequestService(workspace)
    student_id = add_student(workspace)
    record = service.register(parent_form(workspace, student_id))
    assert record.number == f"PD-{workspace.now().year}-001"
    assert record.status is DataRequestStatus.DITERIMA
    assert record.requester_label == "Ibu: Sari Wulandari"
    assert record.rombel == "X MIPA 1"
    second = service.register(parent_form(workspace, student_id, right=DataRight.PERBAIKAN))
    assert second.number.endswith("-002")
    rows = workspace.db.all(
        "SELECT * FROM audit_event WHERE target_kind = 'data_request' ORDER BY id"
    )
    assert [r["kind"] for r in rows] == ["data_request.received"] * 2
    assert [r["detail"] for r in rows] == ["akses", "perbaikan"]
    every = " ".join(str(tuple(r)) for r in workspace.db.all("SELECT * FROM audit_event"))
    assert "Sari" not in every and "salinan" not in every and "Ayu" not in every


def test_back_dating_needs_a_reason_and_the_future_is_refused(
    workspace: Workspace, clock: FixedClock
) -> None:
    service = DataRequestService(workspace)
    student_id = add_student(workspace)
    earlier = workspace.now() - timedelta(hours=5)
    with pytest.raises(ValidationError) as refused:
        service.register(parent_form(workspace, student_id, received_at=earlier))
    assert refused.value.field == "backdate_reason"
    record = service.register(
        parent_form(
            workspace,
            student_id,
            received_at=earlier,
            backdate_reason="Disampaikan saat rapat orang tua",
        )
    )
    assert record.received_at == earlier
    assert record.backdate_reason == "Disampaikan saat rapat orang tua"
    with pytest.raises(ValidationError) as future:
        service.register(
            parent_form(workspace, student_id, received_at=workspace.now() + timedelta(hours=1))
        )
    assert future.value.field == "received_at"


def test_decide_then_complete_and_the_clock_is_answered_by_completion(
    workspace: Workspace, clock: FixedClock
) -> None:
    service = DataRequestService(workspace)
    record = service.register(parent_form(workspace, add_student(workspace)))
    with pytest.raises(RuleViolation):
        service.complete(record.id, "Salinan diserahkan.")
    with pytest.raises(ValidationError) as no_reason:
        service.decide(record.id, Decision.DIKABULKAN_SEBAGIAN)
    assert no_reason.value.field == "reason"
    decided = service.decide(record.id, Decision.DIKABULKAN_SEBAGIAN, REASON)
    assert decided.status is DataRequestStatus.DIPUTUSKAN
    assert decided.decision_reason == REASON
    assert decided.decided_by_name == workspace.account.name
    with pytest.raises(RuleViolation):
        service.decide(record.id, Decision.DIKABULKAN)
    clock.advance(seconds=3600)
    done = service.complete(record.id, "Salinan diserahkan kepada ibu siswa di ruang BK.")
    assert done.status is DataRequestStatus.SELESAI
    assert service.clock_of(done, done.completed_at + timedelta(days=30)).kind is (
        ClockKind.TEPAT_WAKTU
    )
    with pytest.raises(RuleViolation):
        service.complete(record.id, "Lagi.")
    assert service.due() == []
    details = [
        r["detail"]
        for r in workspace.db.all(
            "SELECT detail FROM audit_event WHERE kind = 'data_request.decided' ORDER BY id"
        )
    ]
    assert details == ["dikabulkan_sebagian", "selesai"]


def test_the_clock_counts_calendar_hours_even_when_the_school_counts_school_days(
    workspace: Workspace,
) -> None:
    settings = SettingsService(workspace)
    received = workspace.now()
    days = [(received + timedelta(days=n)).date().isoformat() for n in range(14)]
    settings.save(replace(settings.get(), school_days_only=True, holidays=tuple(days)))
    service = DataRequestService(workspace)
    record = service.register(parent_form(workspace, add_student(workspace)))
    # Two weeks of holiday stretch the school's own clocks, never the law's 3×24 hours.
    assert service.clock_of(record).deadline == record.received_at + timedelta(hours=72)
    assert service.due()[0].clock.text == "Sisa 3 hari"


def test_due_lists_open_requests_soonest_first_with_initials_only(
    workspace: Workspace, clock: FixedClock
) -> None:
    service = DataRequestService(workspace)
    ayu = add_student(workspace)
    budi = add_student(workspace, "Budi Santoso", "1002")
    later = service.register(parent_form(workspace, ayu))
    earlier = service.register(
        parent_form(
            workspace,
            budi,
            requester=Requester.SISWA,
            requester_name="",
            relation=None,
            right=DataRight.PENGHAPUSAN,
            received_at=workspace.now() - timedelta(hours=2),
            backdate_reason="Disampaikan lisan saat istirahat",
        )
    )
    clock.advance(seconds=80 * 3600)
    rows = service.due()
    assert [r.id for r in rows] == [earlier.id, later.id]
    assert rows[0].student == "B.S. (X MIPA 1)"
    assert rows[0].clock.kind is ClockKind.TERLAMBAT
    assert "Budi" not in rows[0].text and "Santoso" not in rows[0].text
    assert rows[0].text.startswith(f"{earlier.number} · Penghapusan data · B.S.")


def test_redactions_are_saved_per_request_and_audited_by_count(workspace: Workspace) -> None:
    service = DataRequestService(workspace)
    record = service.register(parent_form(workspace, add_student(workspace)))
    passage = "Budi dari XI IPS 2"
    saved = service.save_redactions(
        record.id, [Redaction("session", 4, "notes", passage, "Mengungkap data siswa lain")]
    )
    assert saved == [Redaction("session", 4, "notes", passage, "Mengungkap data siswa lain")]
    with pytest.raises(ValidationError):
        service.save_redactions(record.id, [Redaction("session", 4, "notes", passage, "")])
    assert service.redactions(record.id) == saved
    row = workspace.db.one(
        "SELECT * FROM audit_event WHERE kind = 'data_request.redaction' ORDER BY id DESC"
    )
    assert row is not None and row["detail"] == "1 bagian"
    assert passage not in str(tuple(row))


def test_the_kepala_sekolah_has_no_register(workspace: Workspace) -> None:
    principal = signed_in_as(workspace, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)
    with pytest.raises(RuleViolation):
        DataRequestService(principal)
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    assert DataRequestService(guru).requests() == []
