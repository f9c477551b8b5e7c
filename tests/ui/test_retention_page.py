"""Pengaturan → Privasi → Retensi (issue 18), driven like a user on a real vault."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.students import ClassPlacement, StudentDraft, StudentStatus
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.tabs.admin.retention_page import ConfirmErasureDialog, RetentionPage


def _students(workspace: Workspace) -> dict[str, int]:
    service = StudentService(workspace)
    return {
        "lulus": service.create(
            StudentDraft(
                name="Wulan Sembiring",
                placements=(ClassPlacement(AcademicYear(2019), "XII IPA 2"),),
                status=StudentStatus.LULUS,
                status_date=date(2020, 6, 20),
            )
        ),
        "putus": service.create(
            StudentDraft(
                name="Rudi Hartono",
                placements=(ClassPlacement(AcademicYear(2023), "X IPS 1"),),
            )
        ),
        "aktif": service.create(
            StudentDraft(
                name="Budi Santoso",
                placements=(ClassPlacement(service.current_year(), "X MIPA 1"),),
            )
        ),
        "baru_lulus": service.create(
            StudentDraft(
                name="Citra Lestari",
                placements=(ClassPlacement(AcademicYear(2025), "XII IPA 1"),),
                status=StudentStatus.LULUS,
                status_date=date(2026, 6, 20),
            )
        ),
    }


def _page(qtbot: QtBot, context: UiContext) -> RetentionPage:
    page = RetentionPage(context)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    return page


def _dialog(page: RetentionPage) -> ConfirmErasureDialog:
    found = page.findChild(ConfirmErasureDialog, "confirmErasureDialog")
    assert found is not None
    return found


def test_the_page_lists_students_past_retention_and_without_a_recent_class_by_initials(
    qtbot: QtBot, workspace: Workspace, context: UiContext
) -> None:
    ids = _students(workspace)
    page = _page(qtbot, context)
    assert [r.student_id for r in page.rows] == [ids["lulus"], ids["putus"]]
    cells = [page.table.item(0, c).text() for c in range(5)]
    assert cells[:3] == ["W.S.", "XII IPA 2 (2019/2020)", "20 Juni 2020"]
    shown = " ".join(
        page.table.item(r, c).text() for r in range(page.table.rowCount()) for c in range(5)
    )
    assert "Wulan" not in shown and "Rudi" not in shown
    assert "paling lambat" in page.backups.text()
    # A shorter setting lists the one who left this year too.
    page.years.setValue(1)
    page.save()
    assert workspace.settings().retention_years == 1
    assert len(page.rows) == 2  # left June 2026, one year is not over on 29 November 2026
    assert not page.erase_button.isEnabled()


def test_erasing_asks_for_the_word_names_the_counts_and_runs_off_the_window_thread(
    qtbot: QtBot, workspace: Workspace, context: UiContext
) -> None:
    ids = _students(workspace)
    page = _page(qtbot, context)
    page.table.selectRow(0)
    assert page.chosen() == [ids["lulus"]]
    page.erase_button.click()
    dialog = _dialog(page)
    assert "1 data siswa" in dialog.summary.text()
    assert "tidak dapat dibatalkan" in dialog.summary.text()
    assert not dialog.go.isEnabled()
    dialog.word.setText("hapus")
    assert not dialog.go.isEnabled()
    dialog.word.setText("HAPUS")
    assert dialog.go.isEnabled()
    dialog.go.click()
    qtbot.waitUntil(lambda: "dihapus" in page.result.text(), timeout=10_000)
    QApplication.processEvents()
    assert [r.student_id for r in page.rows] == [ids["putus"]]
    assert workspace.db.scalar("SELECT count(*) FROM student WHERE name = 'Wulan Sembiring'") == 0


def test_anonymising_keeps_the_student_as_an_anonymous_row(
    qtbot: QtBot, workspace: Workspace, context: UiContext
) -> None:
    ids = _students(workspace)
    page = _page(qtbot, context)
    page.table.selectRow(1)
    page.anonymise_button.click()
    dialog = _dialog(page)
    dialog.word.setText("ANONIMKAN")
    dialog.go.click()
    qtbot.waitUntil(lambda: "dianonimkan" in page.result.text(), timeout=10_000)
    name = workspace.db.scalar("SELECT name FROM student WHERE id = :i", {"i": ids["putus"]})
    assert str(name).startswith("Siswa anonim #")
    assert ids["putus"] not in [r.student_id for r in page.rows]
