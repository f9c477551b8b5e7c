"""The demo's Kotak Saran year on a real vault: through the service's own rules, mostly saran
and masukan, some anonymous slips from the box, some forwarded to the kepala sekolah, most
followed up within 3×24 jam, two left waiting (one late, one not yet)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.complaints import Channel, ClockKind, ComplaintType, Handling, SenderKind
from bk_desktop.services.complaints import ComplaintService
from bk_desktop.services.demo import fill_demo
from bk_desktop.services.workspace import Workspace

from support import signed_in_as


def test_a_year_of_entries_is_made_through_the_service(workspace: Workspace) -> None:
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    summary = fill_demo(
        workspace, students=40, years=1, seed=5, counsellors=[workspace.account.id, guru.account.id]
    )
    service = ComplaintService(workspace)
    rows = service.entries()
    assert summary.added["complaints"] == len(rows)
    assert 12 * 3 <= len(rows) <= 12 * 6 + 2
    kinds = Counter(row.kind for row in rows)
    assert kinds[ComplaintType.SARAN] + kinds[ComplaintType.MASUKAN] > len(rows) / 2
    assert 0 < kinds[ComplaintType.APRESIASI] < kinds[ComplaintType.PENGADUAN] * 2
    assert kinds[ComplaintType.PENGADUAN] > 0
    box = [row for row in rows if row.channel_label == Channel.KOTAK_SARAN.label]
    assert box and all(row.sender == SenderKind.ANONIM.label for row in box)
    assert service.box_openings(limit=100)
    assert any(row.handling is not Handling.RUANG_BK for row in rows)
    assert service.board(), "some anonymous entries have a public response"
    # The koordinator's Beranda: one waiting past its deadline, one not yet.
    due = service.due()
    assert {d.clock.kind for d in due} >= {ClockKind.TERLAMBAT}
    assert any(d.clock.kind is not ClockKind.TERLAMBAT for d in due)
    now = workspace.now()
    figures = service.figures(now - timedelta(days=400), now + timedelta(seconds=1))
    assert figures.total == len(rows)
    assert figures.met > len(figures.late_or_overdue) > 0
    assert figures.appreciation_thanked <= figures.appreciation
    assert workspace.db.integrity_problems() == []


def test_a_school_of_no_students_gets_no_entries(workspace: Workspace) -> None:
    summary = fill_demo(workspace, students=0, years=1, seed=8)
    assert "complaints" not in summary.added
    assert "complaints" not in summary.not_generated
    assert ComplaintService(workspace).entries() == []
