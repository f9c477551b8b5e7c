"""Laporan: the period's figures and charts on screen, the narrative saved, "Cetak…" to the
preview; the kepala sekolah reads and prints it without a student's name anywhere."""

from __future__ import annotations

from datetime import date

import pytest

from PySide6.QtCore import QDate
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QComboBox, QDateEdit, QPlainTextEdit, QPushButton

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.services.period_report import Period, PeriodReportService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.print_preview import PreviewDialog
from bk_desktop.ui.tab_table import TabKey, tabs_for
from bk_desktop.ui.tabs.report_tab import CUSTOM, ReportTab

from conftest import Gui, texts_in
from support import counselled, hold_session, signed_in_as

NAMES = ("Ayu Lestari", "Bima Saputra", "A.L.", "B.S.", "Ayu", "Bima")


def _held(workspace: Workspace, clock: FixedClock) -> None:
    hold_session(workspace, clock, counselled(workspace))
    counselled(workspace, "Bima Saputra")


def _tab(qtbot, context: UiContext) -> ReportTab:
    tab = ReportTab(context)
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    return tab


def test_the_month_shows_its_figures_and_charts_and_keeps_the_narrative(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace, clock: FixedClock
) -> None:
    _held(workspace, clock)
    tab = _tab(qtbot, context)
    assert gui.child(tab, QComboBox, "reportPeriodChoice").currentText() == "Bulan ini"
    month = Period.month_of(workspace.now().astimezone(workspace.settings().zone).date())
    figures = PeriodReportService(workspace).figures(month)
    assert tab.period == month
    assert gui.text(tab, "reportReceivedValue") == str(figures.received) == "2"
    assert gui.text(tab, "reportHeldValue") == "1"
    assert gui.text(tab, "reportLengthValue") == "45 menit"
    assert not tab.empty.isVisibleTo(tab)
    for name in ("reportBidangChart", "reportMonthlyChart"):
        assert gui.child(tab, QSvgWidget, name).renderer().isValid()

    gui.child(tab, QPlainTextEdit, "reportAnalysis").setPlainText("Bidang pribadi terbanyak.")
    gui.child(tab, QPlainTextEdit, "reportHindering").setPlainText("Jadwal kelas padat.")
    gui.click(tab, "reportSaveText")
    saved = PeriodReportService(workspace).text(month)
    assert saved is not None and saved.analysis == "Bidang pribadi terbanyak."
    assert "Uraian tersimpan" in gui.text(tab, "reportTextNote")
    audited = audit_repo.latest(workspace.db, AuditKind.REPORT_TEXT_SAVED)
    assert audited is not None and "Bidang" not in audited.detail

    shown = " ".join(text for _, text in texts_in(tab))
    for name in NAMES:
        assert name not in shown


def test_a_custom_period_without_records_shows_guidance_and_still_prints(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace
) -> None:
    tab = _tab(qtbot, context)
    gui.child(tab, QComboBox, "reportPeriodChoice").setCurrentIndex(CUSTOM)
    gui.child(tab, QDateEdit, "reportFrom").setDate(QDate(2026, 7, 1))
    gui.child(tab, QDateEdit, "reportTo").setDate(QDate(2026, 9, 30))
    gui.click(tab, "reportShow")
    assert tab.period == Period(QDate(2026, 7, 1).toPython(), QDate(2026, 9, 30).toPython())
    assert tab.empty.isVisibleTo(tab)
    assert "1 Juli – 30 September 2026" in gui.text(tab, "reportTitle")
    assert "Belum ada uraian" in gui.text(tab, "reportTextNote")

    gui.click(tab, "reportPrint")
    qtbot.waitUntil(lambda: isinstance(tab.dialogs.current, PreviewDialog))
    preview = tab.dialogs.current
    assert isinstance(preview, PreviewDialog)
    assert preview.page_count >= 2
    assert "1 Juli – 30 September 2026" in preview.windowTitle()
    preview.reject()


def test_dates_the_wrong_way_round_are_said_and_print_waits(
    qtbot, gui: Gui, context: UiContext
) -> None:
    tab = _tab(qtbot, context)
    gui.child(tab, QComboBox, "reportPeriodChoice").setCurrentIndex(CUSTOM)
    gui.child(tab, QDateEdit, "reportFrom").setDate(QDate(2026, 9, 30))
    gui.child(tab, QDateEdit, "reportTo").setDate(QDate(2026, 7, 1))
    gui.click(tab, "reportShow")
    assert "lebih awal" in gui.text(tab, "reportNote")
    assert not gui.child(tab, QPushButton, "reportPrint").isEnabled()


@pytest.fixture
def principal(created: tuple[Workspace, str], clock: FixedClock) -> Workspace:
    koordinator = created[0]
    _held(koordinator, clock)
    return signed_in_as(koordinator, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)


def test_the_kepala_sekolah_opens_laporan_reads_and_prints_no_name(
    qtbot, gui: Gui, principal: Workspace, prompter, kdf
) -> None:
    assert TabKey.REPORT in {spec.key for spec in tabs_for(Role.KEPALA_SEKOLAH)}
    tab = _tab(qtbot, UiContext(principal, kdf, prompter))
    assert gui.text(tab, "reportHeldValue") == "1"
    assert gui.child(tab, QPlainTextEdit, "reportAnalysis").isReadOnly()
    assert not gui.child(tab, QPushButton, "reportSaveText").isVisible()
    shown = " ".join(text for _, text in texts_in(tab))
    for name in NAMES:
        assert name not in shown

    gui.click(tab, "reportPrint")
    qtbot.waitUntil(lambda: isinstance(tab.dialogs.current, PreviewDialog))
    preview = tab.dialogs.current
    assert isinstance(preview, PreviewDialog) and preview.page_count >= 1
    assert "Drs. Bambang" not in preview.windowTitle()
    preview.reject()


def test_unsaved_narrative_survives_a_lock_and_a_change_of_period(
    qtbot, context: UiContext, workspace: Workspace
) -> None:
    tab = _tab(qtbot, context)
    month = tab.period
    assert month is not None
    assert tab.open_drafts() == []
    tab.analysis.setPlainText("Sebagian besar permohonan datang dari wali kelas.")
    [draft] = tab.open_drafts()  # what the lock keeps in the vault
    assert draft.target == f"{month.first.isoformat()}..{month.last.isoformat()}"

    other = _tab(qtbot, context)  # the tab built again after unlocking
    other.choice.setCurrentIndex(1)  # another period shown first
    assert other.reopen_draft(draft)
    assert other.period == month
    assert other.analysis.toPlainText() == "Sebagian besar permohonan datang dari wali kelas."
    assert PeriodReportService(workspace).text(month) is None  # typed back, not saved

    # Choosing another period keeps what was typed for this one.
    other.choice.setCurrentIndex(1)
    saved = PeriodReportService(workspace).text(month)
    assert saved is not None and saved.analysis.startswith("Sebagian besar")


def test_cetak_prints_the_dates_typed_even_before_tampilkan(qtbot, context: UiContext) -> None:
    tab = _tab(qtbot, context)
    tab.choice.setCurrentIndex(CUSTOM)
    tab.first.setDate(QDate(2026, 11, 1))
    tab.last.setDate(QDate(2026, 11, 30))
    tab.print_report()
    assert tab.period == Period(date(2026, 11, 1), date(2026, 11, 30))
    preview = tab.dialogs.current
    assert isinstance(preview, PreviewDialog)
    assert "1–30 November 2026" in preview.windowTitle()
    preview.reject()

    tab.first.setDate(QDate(2026, 12, 31))  # after the last day: refused, nothing printed
    tab.print_report()
    assert tab.dialogs.current is None
