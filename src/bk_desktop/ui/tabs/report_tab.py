"""Laporan: the period report on screen — figures, charts, the narrative — and "Cetak…".

The figures and charts come from ``PeriodReportService``, the same that makes the PDF, and
the charts are the PDF's own reportlab drawings rendered to SVG and shown with QtSvg, so what
the screen says and what the paper says cannot differ. Nothing here names a student, which is
why the kepala sekolah has this tab too; they read and print, and the narrative is written by
the counsellors (its fields are read-only for the principal).

The module is imported when the tab is first shown, never with the window: it loads
reportlab through the service (``tests/ui/test_first_window.py``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSignalBlocker, Qt, Slot
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.dates import format_instant
from bk_desktop.domain.drafts import DraftForm, FormDraft
from bk_desktop.domain.errors import KnownError
from bk_desktop.services.documents import Document
from bk_desktop.services.period_report import (
    Period,
    PeriodFigures,
    PeriodReportService,
    ReportText,
    complaint_summary,
)
from bk_desktop.services.students import TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.documents import show_document
from bk_desktop.ui.kit.empty_state import EmptyState
from bk_desktop.ui.kit.forms import action_button, named
from bk_desktop.ui.kit.labels import heading_label, wrapping_label
from bk_desktop.ui.kit.modal import DialogSlot
from bk_desktop.ui.kit.tiles import CountTile
from bk_desktop.ui.school_time import py_date, qdate, school_date_edit

__all__ = ["ReportTab"]

THIS_MONTH, THIS_SEMESTER, CUSTOM = range(3)


class _Chart(QSvgWidget):
    """An SVG chart that keeps its proportions at any width."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.setMinimumHeight(160)

    def show_svg(self, svg: bytes) -> None:
        self.load(svg)
        size = self.renderer().defaultSize()
        self.setMinimumHeight(max(120, min(size.height(), 260)))


class ReportTab(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("reportTab")
        self.dialogs = DialogSlot(self)
        self.figures: PeriodFigures | None = None
        self.period: Period | None = None
        self._saved_text = ReportText()

        self.choice = named(QComboBox(self), "reportPeriodChoice", self.tr("Periode"))
        self.choice.addItems(
            [self.tr("Bulan ini"), self.tr("Semester ini"), self.tr("Periode lain")]
        )
        self.first = named(school_date_edit(self), "reportFrom", self.tr("Dari tanggal"))
        self.last = named(school_date_edit(self), "reportTo", self.tr("Sampai tanggal"))
        self.show_button = action_button(self.tr("Tampilkan"), "reportShow")
        self.print_button = action_button(self.tr("Cetak…"), "reportPrint")
        self.choice.currentIndexChanged.connect(self._on_choice)
        self.show_button.clicked.connect(self.refresh)
        self.print_button.clicked.connect(self.print_report)
        self.first.dateChanged.connect(self._custom_dates)
        self.last.dateChanged.connect(self._custom_dates)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Periode:"), self))
        bar.addWidget(self.choice)
        bar.addWidget(QLabel(self.tr("dari"), self))
        bar.addWidget(self.first)
        bar.addWidget(QLabel(self.tr("sampai"), self))
        bar.addWidget(self.last)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        bar.addWidget(self.print_button)

        self.title = heading_label("", self)
        self.title.setObjectName("reportTitle")
        self.note = wrapping_label(self)
        self.note.setObjectName("reportNote")

        self.received = CountTile("reportReceivedTile", self.tr("Permohonan diterima"), parent=self)
        self.held = CountTile("reportHeldTile", self.tr("Sesi terlaksana"), parent=self)
        self.length = CountTile("reportLengthTile", self.tr("Rata-rata lama sesi"), parent=self)
        self.share = CountTile(
            "reportShareTile", self.tr("Terjadwal ≤ 1×24 jam"), alert_icon="warning", parent=self
        )
        self.cases = CountTile("reportCasesTile", self.tr("Kasus dibuka"), parent=self)
        tiles = QHBoxLayout()
        tiles.setSpacing(12)
        for tile in self.tiles:
            tiles.addWidget(tile, 1)

        self.details = wrapping_label(self)
        self.details.setObjectName("reportDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bidang_chart = _Chart("reportBidangChart", self)
        self.monthly_chart = _Chart("reportMonthlyChart", self)
        charts = QHBoxLayout()
        charts.addWidget(self.bidang_chart, 1)
        charts.addWidget(self.monthly_chart, 1)

        self.empty = EmptyState(
            "reportEmpty",
            self.tr(
                "Belum ada permohonan, sesi, atau kasus dalam periode ini. Pilih periode lain, "
                "atau catat permohonan di tab Pengajuan; laporannya tetap dapat dicetak."
            ),
            text_name="reportEmptyText",
            parent=self,
        )

        self.analysis = self._text_field("reportAnalysis", self.tr("Analisis"))
        self.follow_up = self._text_field("reportFollowUp", self.tr("Rencana tindak lanjut"))
        self.supporting = self._text_field("reportSupporting", self.tr("Faktor pendukung"))
        self.hindering = self._text_field("reportHindering", self.tr("Faktor penghambat"))
        self.save_button = action_button(self.tr("Simpan uraian"), "reportSaveText")
        self.save_button.clicked.connect(self.save_text)
        self.text_note = wrapping_label(self)
        self.text_note.setObjectName("reportTextNote")
        narrative = QGridLayout()
        narrative.setHorizontalSpacing(16)
        for index, (label, field) in enumerate(
            (
                (self.tr("Analisis"), self.analysis),
                (self.tr("Rencana tindak lanjut"), self.follow_up),
                (self.tr("Faktor pendukung"), self.supporting),
                (self.tr("Faktor penghambat"), self.hindering),
            )
        ):
            column = QFormLayout()
            column.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            column.addRow(label, field)
            narrative.addLayout(column, index // 2, index % 2)
        save_row = QHBoxLayout()
        save_row.addWidget(self.text_note, 1)
        save_row.addWidget(self.save_button)

        content = QWidget(self)
        content.setObjectName("reportContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(tiles)
        layout.addWidget(self.empty)
        layout.addWidget(self.details)
        layout.addLayout(charts)
        layout.addWidget(heading_label(self.tr("Uraian laporan"), content))
        layout.addLayout(narrative)
        layout.addLayout(save_row)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("reportScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        writer = context.workspace.account.role.is_counsellor
        for field in self.text_fields:
            field.setReadOnly(not writer)
        self.save_button.setVisible(writer)
        self._on_choice(THIS_MONTH)

    def _text_field(self, object_name: str, accessible: str) -> QPlainTextEdit:
        field = named(QPlainTextEdit(self), object_name, accessible)
        field.setTabChangesFocus(True)
        field.setMinimumHeight(90)
        return field

    @property
    def tiles(self) -> tuple[CountTile, ...]:
        return (self.received, self.held, self.length, self.share, self.cases)

    @property
    def text_fields(self) -> tuple[QPlainTextEdit, ...]:
        return (self.analysis, self.follow_up, self.supporting, self.hindering)

    @property
    def service(self) -> PeriodReportService:
        return PeriodReportService(self.context.workspace)

    def _today(self) -> date:
        workspace = self.context.workspace
        return workspace.now().astimezone(workspace.settings().zone).date()

    # -- the period ----------------------------------------------------------------------------

    @Slot(int)
    def _on_choice(self, index: int) -> None:
        custom = index == CUSTOM
        self.first.setEnabled(custom)
        self.last.setEnabled(custom)
        self.show_button.setVisible(custom)
        if index == THIS_MONTH:
            self._set_dates(Period.month_of(self._today()))
        elif index == THIS_SEMESTER:
            self._set_dates(Period.semester(TermService(self.context.workspace).current()))
        if not custom:
            self.refresh()

    def _set_dates(self, period: Period) -> None:
        with QSignalBlocker(self.first), QSignalBlocker(self.last):
            self.first.setDate(qdate(period.first))
            self.last.setDate(qdate(period.last))

    @Slot()
    def _custom_dates(self) -> None:
        """Typing a date does not read the vault at every key; "Tampilkan" does."""
        self.show_button.setDefault(True)

    def chosen_period_or_none(self) -> Period | None:
        """The period the date fields say, or None when they say no valid period."""
        try:
            return self.chosen_period()
        except KnownError:
            return None

    def chosen_period(self) -> Period:
        return Period(py_date(self.first.date()), py_date(self.last.date()))

    # -- reading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the chosen period again (after a change notice, or "Tampilkan")."""
        if not self.context.workspace.is_open:
            return
        try:
            period = self.chosen_period()
            figures = self.service.figures(period)
        except KnownError as error:
            self.figures = None
            self.title.setText(self.tr("Laporan periode"))
            self.note.setText(error.message)
            self.print_button.setEnabled(False)
            return
        changed_period = period != self.period
        if (
            changed_period
            and self.period is not None
            and self._text_is_dirty()
            and not self.save_text()
        ):
            # The narrative of the period shown could not be kept (said in a message box):
            # stay on it rather than lose what was typed.
            return
        self.period, self.figures = period, figures
        self.print_button.setEnabled(True)
        self._show_figures(figures)
        if changed_period or not self._text_is_dirty():
            self._show_text(self.service.text(period))

    def _show_figures(self, figures: PeriodFigures) -> None:
        zone = self.context.workspace.settings().zone
        self.title.setText(self.tr("Laporan periode {period}").format(period=figures.period.label))
        self.note.setText(
            self.tr("Periode ini belum berakhir: angka dihitung sampai {moment}.").format(
                moment=format_instant(figures.counted_until, zone)
            )
            if figures.partial
            else ""
        )
        self.received.show_value(str(figures.received))
        self.received.note.setText(self.tr("{n} belum disaring").format(n=figures.unscreened))
        self.held.show_value(str(figures.sessions_held))
        self.held.note.setText(self.tr("{n} siswa dilayani").format(n=figures.students_served))
        self.length.show_value(figures.average_text)
        self.length.note.setText(
            self.tr("{within} dari {measured} sesi 30–45 menit").format(
                within=figures.within_standard, measured=figures.sessions_measured
            )
        )
        percent = figures.percent_in_time
        self.share.show_value("—" if percent is None else f"{percent}%", alert=bool(figures.late))
        self.share.note.setText(
            self.tr("{met} dari {decided} permohonan; {late} terlambat").format(
                met=figures.clocks_met, decided=figures.clocks_decided, late=len(figures.late)
            )
            if percent is not None
            else self.tr("belum ada yang dapat dinilai")
        )
        self.cases.show_value(str(figures.cases_opened))
        closed = sum(n for _status, n in figures.cases_closed)
        self.cases.note.setText(self.tr("{n} kasus ditutup").format(n=closed))
        self.empty.setVisible(figures.is_empty)
        sources = ", ".join(f"{s.label} {n}" for s, n in figures.by_source if n)
        closings = ", ".join(f"{s.label} {n}" for s, n in figures.cases_closed if n)
        follow_ups = ", ".join(f"{k.value.capitalize()} {n}" for k, n in figures.follow_ups_done)
        self.details.setText(
            "\n".join(
                (
                    self.tr("Sumber permohonan: {sources}").format(sources=sources or "–"),
                    self.tr("Kasus ditutup: {closings}").format(closings=closings or "–"),
                    self.tr("Penilaian tindak lanjut dilakukan: {done} (jatuh tempo {due})").format(
                        done=follow_ups, due=figures.follow_ups_due
                    ),
                    self._complaints_line(figures),
                )
            )
        )
        images = self.service.chart_svgs(figures)
        self.bidang_chart.show_svg(images.bidang)
        self.monthly_chart.show_svg(images.monthly)

    def _complaints_line(self, figures: PeriodFigures) -> str:
        """Kotak Saran in one line: entries by type, the share followed up within 3×24 h and
        the late ones by code (the PDF prints the same in its own section)."""
        summary = complaint_summary(figures.complaints)
        if summary.total == 0:
            return self.tr("Kotak saran: tidak ada entri")
        kinds = ", ".join(f"{label} {n}" for label, n in summary.by_kind if n)
        line = self.tr(
            "Kotak saran: {total} entri ({kinds}); ditindaklanjuti ≤ 3×24 jam: {met} dari "
            "{decided} ({share})"
        ).format(
            total=summary.total,
            kinds=kinds,
            met=summary.met,
            decided=summary.decided,
            share=summary.share_text,
        )
        if summary.late_items:
            line += self.tr("; terlambat: {codes}").format(codes=", ".join(summary.late_items))
        return line

    # -- the narrative -------------------------------------------------------------------------

    def _typed(self) -> ReportText:
        return ReportText(
            analysis=self.analysis.toPlainText(),
            follow_up=self.follow_up.toPlainText(),
            supporting=self.supporting.toPlainText(),
            hindering=self.hindering.toPlainText(),
        )

    def _text_is_dirty(self) -> bool:
        typed, saved = self._typed(), self._saved_text
        return (typed.analysis, typed.follow_up, typed.supporting, typed.hindering) != (
            saved.analysis,
            saved.follow_up,
            saved.supporting,
            saved.hindering,
        )

    def _show_text(self, text: ReportText | None) -> None:
        self._saved_text = text or ReportText()
        for field, value in zip(
            self.text_fields,
            (
                self._saved_text.analysis,
                self._saved_text.follow_up,
                self._saved_text.supporting,
                self._saved_text.hindering,
            ),
            strict=True,
        ):
            field.setPlainText(value)
        if text is None or text.saved_at is None:
            self.text_note.setText(
                self.tr(
                    "Belum ada uraian untuk periode ini. Tulis analisis, rencana tindak lanjut, "
                    "serta faktor pendukung dan penghambat, lalu simpan; bagian yang kosong "
                    "tercetak “(belum diisi)”."
                )
            )
        else:
            zone = self.context.workspace.settings().zone
            self.text_note.setText(
                self.tr("Uraian tersimpan {moment} oleh {who}.").format(
                    moment=format_instant(text.saved_at, zone), who=text.saved_by or "–"
                )
            )

    @Slot()
    def save_text(self) -> bool:
        """Save the narrative for the period shown; ``False`` when it was refused."""
        if self.period is None:
            return False
        try:
            self.service.save_text(self.period, self._typed())
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Simpan uraian"), error.message)
            return False
        self._show_text(self.service.text(self.period))
        return True

    # -- drafts across a lock (ui/draft_keeping.py) -------------------------------------------

    def open_drafts(self) -> list[FormDraft]:
        """The narrative typed but not saved, kept for its period."""
        period = self.period
        writer = self.context.workspace.account.role.is_counsellor
        if period is None or not writer or not self._text_is_dirty():
            return []
        typed = self._typed()
        return [
            FormDraft(
                DraftForm.REPORT_TEXT,
                f"{period.first.isoformat()}..{period.last.isoformat()}",
                {
                    "analysis": typed.analysis,
                    "follow_up": typed.follow_up,
                    "supporting": typed.supporting,
                    "hindering": typed.hindering,
                },
            )
        ]

    def reopen_draft(self, draft: FormDraft) -> bool:
        """Show the draft's period with its narrative typed back (not saved: "Simpan uraian"
        still decides); refused while this tab holds other unsaved text."""
        if draft.form is not DraftForm.REPORT_TEXT or self._text_is_dirty():
            return False
        try:
            first, last = (date.fromisoformat(part) for part in draft.target.split(".."))
        except ValueError:
            return False
        with QSignalBlocker(self.choice):
            self.choice.setCurrentIndex(CUSTOM)
        self.first.setEnabled(True)
        self.last.setEnabled(True)
        self.show_button.setVisible(True)
        self._set_dates(Period(first, last))
        self.refresh()
        if self.period is None or (self.period.first, self.period.last) != (first, last):
            return False
        content = draft.content
        for field, key in zip(
            self.text_fields, ("analysis", "follow_up", "supporting", "hindering"), strict=True
        ):
            field.setPlainText(str(content.get(key, "")))
        return True

    def lost_on_lock(self) -> list[str]:
        return []

    # -- printing ------------------------------------------------------------------------------

    @Slot()
    def print_report(self) -> None:
        """ "Cetak…": unsaved narrative is saved first (the report prints what is stored),
        then the preview opens; reportlab and PDFium load on the first print."""
        if self.chosen_period_or_none() != self.period:
            self.refresh()  # dates typed but not yet shown: print what the fields say
        period = self.period
        if period is None or period != self.chosen_period_or_none():
            return  # the dates were refused (said on the page)
        writer = self.context.workspace.account.role.is_counsellor
        if writer and self._text_is_dirty() and not self.save_text():
            return
        workspace = self.context.workspace
        show_document(
            self.context,
            self,
            self.dialogs,
            lambda _documents: _period_document(workspace, period),
            what=self.tr("Cetak laporan"),
        )


def _period_document(workspace: Workspace, period: Period) -> Document:
    return PeriodReportService(workspace).document(period)
