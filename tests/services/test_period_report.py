"""The period report's figures against a vault of known counts, built with the services.

Monday 2 November 2026, 08.00 WITA: four permohonan are received (two from the students
themselves, one from a wali kelas, one from a subject teacher) and one was received back on
30 October. One is agreed within 1×24 jam, one 30 hours after receipt, one is never agreed;
the last is received on Wednesday and is still within its time. Two sessions are held (45 and
50 minutes), one more is planned and cancelled, one case is closed.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.complaints import (
    ActionKind,
    Channel,
    ComplaintForm,
    ComplaintRecord,
    ComplaintType,
    SenderKind,
)
from bk_desktop.domain.counselling import CaseStatus, FollowUpKind, SessionPlan, SessionStatus
from bk_desktop.domain.documents import DocumentKind
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.requests import Assent, RequestSource
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.domain.screening import Bidang, ScreeningDraft, ServiceKind
from bk_desktop.domain.students import ClassPlacement, Sex, StudentDraft
from bk_desktop.services.complaints import ComplaintService
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.period_report import Period, PeriodReportService, ReportText
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace

from support import hold_session, school_slot, signed_in_as

MONDAY = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)  # Senin, 08.00 WITA
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))
OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MONDAY)


def _student(workspace: Workspace, name: str, sex: Sex) -> int:
    year = TermService(workspace).current().year
    return StudentService(workspace).create(
        StudentDraft(name=name, sex=sex, placements=(ClassPlacement(year, "XI IPS 2"),))
    )


def _receive(
    workspace: Workspace,
    name: str,
    source: RequestSource,
    *,
    sex: Sex = Sex.P,
    received_at: datetime | None = None,
) -> int:
    referrer = (
        {} if not source.names_a_referrer else {"referrer_name": "Bu Rina", "referrer_role": "Guru"}
    )
    return RequestService(workspace).create(
        RequestForm(
            student_id=_student(workspace, name, sex),
            source=source,
            reason="Nilai turun dan sering menyendiri.",
            received_at=received_at,
            backdate_reason="Disampaikan lisan" if received_at else "",
            **referrer,
        )
    )


def _screen(workspace: Workspace, request_id: int, *bidang: Bidang) -> None:
    RequestService(workspace).set_assent(request_id, Assent.BERSEDIA)
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset(bidang),
            symptoms="Sering menyendiri.",
            risk=RiskLevel.RENDAH,
            decision=ServiceKind.KONSELING_INDIVIDUAL,
            reason="Perlu didengar langsung.",
        ),
    )


@pytest.fixture
def known(workspace: Workspace, clock: FixedClock) -> dict[str, int]:
    """The vault of the module docstring; returns the permohonan ids by role in the story."""
    requests = RequestService(workspace)
    earlier = _receive(
        workspace,
        "Dewi Kartika",
        RequestSource.ORANG_TUA,
        received_at=datetime(2026, 10, 30, 2, 0, tzinfo=UTC),
    )
    on_time = _receive(workspace, "Ayu Lestari", RequestSource.SISWA_SENDIRI, sex=Sex.L)
    late = _receive(workspace, "Budi Santoso", RequestSource.WALI_KELAS)
    never = _receive(workspace, "Citra Dewi", RequestSource.GURU_MAPEL)
    _screen(workspace, on_time, Bidang.PRIBADI)
    _screen(workspace, late, Bidang.BELAJAR, Bidang.SOSIAL)
    _screen(workspace, never, Bidang.BELAJAR)
    requests.agree_schedule(on_time, school_slot(workspace, timedelta(hours=2)))
    clock.advance(hours=30)  # Tuesday 14.00 WITA: six hours past the 1×24 jam
    requests.agree_schedule(late, school_slot(workspace, timedelta(hours=1)))
    _session, case_id = hold_session(workspace, clock, on_time)
    start = CounsellingService(workspace).sessions_of_request(late)[0].planned_start
    hold_session(
        workspace,
        clock,
        late,
        actual_start=start,
        actual_end=start + timedelta(minutes=50),
        duration_reason="Siswa menangis dan perlu waktu.",
    )
    counselling = CounsellingService(workspace)
    extra = counselling.plan_session(
        on_time, SessionPlan(school_slot(workspace, timedelta(days=1)))
    )
    counselling.cancel_session(extra, "Siswa mengikuti lomba.")
    counselling.close_case(case_id, CaseStatus.SELESAI, reason="Tujuan konseling tercapai.")
    clock.advance(days=2)  # the cancelled session's time has passed: it counts up to now
    fresh = _receive(workspace, "Eka Putri", RequestSource.SISWA_SENDIRI)
    return {"earlier": earlier, "on_time": on_time, "late": late, "never": never, "new": fresh}


def test_every_figure_of_a_month_of_known_counts(
    workspace: Workspace, clock: FixedClock, known: dict[str, int]
) -> None:
    figures = PeriodReportService(workspace).figures(NOVEMBER)

    assert figures.partial and figures.counted_until == clock.now()
    assert figures.received == 4
    sources = dict(figures.by_source)
    assert sources[RequestSource.SISWA_SENDIRI] == 2
    assert sources[RequestSource.WALI_KELAS] == 1
    assert sources[RequestSource.GURU_MAPEL] == 1
    assert sources[RequestSource.ORANG_TUA] == 0  # received in October
    assert sum(sources.values()) == 4
    assert dict(figures.by_bidang) == {
        Bidang.PRIBADI: 1,
        Bidang.SOSIAL: 1,
        Bidang.BELAJAR: 2,
        Bidang.KARIER: 0,
    }
    assert figures.unscreened == 1
    assert figures.sessions_held == 2
    assert figures.sessions_measured == 2
    assert figures.average_minutes == pytest.approx(47.5)
    assert figures.within_standard == 1  # 45 minutes yes, 50 minutes no
    assert dict(figures.sessions_by_status) == {
        SessionStatus.SELESAI: 2,
        SessionStatus.BATAL: 1,
        SessionStatus.TIDAK_HADIR: 0,
        SessionStatus.TERJADWAL: 0,
    }
    assert figures.students_served == 2
    assert dict(figures.students_by_sex) == {"Laki-laki": 1, "Perempuan": 1}
    assert figures.cases_opened == 2
    assert dict(figures.cases_closed)[CaseStatus.SELESAI] == 1
    assert sum(n for _status, n in figures.cases_closed) == 1
    assert dict(figures.follow_ups_done) == {FollowUpKind.LAIJAPEN: 0, FollowUpKind.LAIJAPANG: 0}
    assert [(m.label, m.received, m.held) for m in figures.monthly] == [("November 2026", 4, 2)]


def test_the_1x24_hour_figure_uses_the_clock_rule_and_lists_the_late_by_date(
    workspace: Workspace, clock: FixedClock, known: dict[str, int]
) -> None:
    figures = PeriodReportService(workspace).figures(NOVEMBER)

    # Met: agreed two hours after receipt. Late: agreed after 30 hours, and never agreed.
    # Not judged: received on Wednesday, still within its time.
    assert (figures.clocks_met, figures.clocks_decided, figures.clocks_pending) == (1, 3, 1)
    assert figures.percent_in_time == 33
    assert figures.share_text == "33 %"
    agreed, waiting = figures.late
    assert agreed.received_at == MONDAY and agreed.deadline_at == MONDAY + timedelta(hours=24)
    assert agreed.late_by == timedelta(hours=6) and not agreed.still_waiting
    assert waiting.agreed_at is None and waiting.still_waiting
    assert waiting.late_by == clock.now() - (MONDAY + timedelta(hours=24))


def test_a_period_that_has_ended_counts_its_own_days_only(
    workspace: Workspace, known: dict[str, int]
) -> None:
    figures = PeriodReportService(workspace).figures(OCTOBER)

    assert not figures.partial
    assert figures.received == 1
    assert dict(figures.by_source)[RequestSource.ORANG_TUA] == 1
    assert figures.unscreened == 1
    assert figures.sessions_held == 0 and figures.average_minutes is None
    assert figures.average_text == "–"
    # Received on 30 October and still waiting: the promise is already broken.
    assert (figures.clocks_met, figures.clocks_decided, len(figures.late)) == (0, 1, 1)
    assert [(m.label, m.received, m.held) for m in figures.monthly] == [("Oktober 2026", 1, 0)]


def test_an_empty_vault_gives_an_empty_report(workspace: Workspace) -> None:
    service = PeriodReportService(workspace)
    figures = service.figures(NOVEMBER)
    assert figures.is_empty
    assert figures.share_text == "belum dapat diukur"
    document = service.document(NOVEMBER)
    text = _pdf_text(document.pdf)
    assert "Laporan Pelaksanaan Layanan Konseling Individual".upper() in text
    assert "(belum diisi)" in text and "belum dapat diukur" in text


def test_a_period_not_begun_and_a_backwards_period_are_refused(workspace: Workspace) -> None:
    with pytest.raises(ValidationError, match="belum dimulai"):
        PeriodReportService(workspace).figures(Period(date(2027, 1, 1), date(2027, 1, 31)))
    with pytest.raises(ValidationError, match="lebih awal"):
        Period(date(2026, 11, 30), date(2026, 11, 1))
    with pytest.raises(ValidationError, match="lima tahun"):
        Period(date(2020, 1, 1), date(2026, 1, 1))


def test_period_labels_in_indonesian() -> None:
    assert Period(date(2026, 7, 1), date(2026, 12, 31)).label == "1 Juli – 31 Desember 2026"
    assert NOVEMBER.label == "1–30 November 2026"
    assert Period(date(2025, 12, 1), date(2026, 1, 31)).label == (
        "1 Desember 2025 – 31 Januari 2026"
    )
    assert Period.month_of(date(2026, 2, 14)) == Period(date(2026, 2, 1), date(2026, 2, 28))


def test_the_narrative_is_saved_per_period_replaced_and_audited(workspace: Workspace) -> None:
    service = PeriodReportService(workspace)
    assert service.text(NOVEMBER) is None
    service.save_text(NOVEMBER, ReportText(analysis="Bidang belajar paling banyak.\u202e"))
    service.save_text(
        NOVEMBER, ReportText(analysis="Bidang belajar terbanyak.", hindering="Jadwal padat.")
    )

    saved = service.text(NOVEMBER)
    assert saved is not None
    assert saved.analysis == "Bidang belajar terbanyak."
    assert saved.hindering == "Jadwal padat." and saved.follow_up == ""
    assert saved.saved_by == "Sari Wulandari" and saved.saved_at == workspace.now()
    assert service.text(OCTOBER) is None  # another period has its own
    details = [
        row["detail"]
        for row in workspace.db.all(
            "SELECT detail FROM audit_event WHERE kind = :kind ORDER BY id",
            {"kind": AuditKind.REPORT_TEXT_SAVED.value},
        )
    ]
    assert details == ["analysis", "analysis, hindering"]  # which parts, never the words


def test_the_kepala_sekolah_reads_and_prints_the_same_figures_but_writes_no_narrative(
    workspace: Workspace, known: dict[str, int]
) -> None:
    principal = signed_in_as(workspace, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)
    service = PeriodReportService(principal)
    assert service.figures(NOVEMBER) == PeriodReportService(workspace).figures(NOVEMBER)
    with pytest.raises(RuleViolation, match="ditulis oleh guru BK"):
        service.save_text(NOVEMBER, ReportText(analysis="Baik."))

    document = service.document(NOVEMBER)
    assert document.kind is DocumentKind.LAPORAN_PELAKSANAAN
    text = _pdf_text(document.pdf)
    assert "Sari Wulandari" in text  # the counsellor signs what the principal prints
    for name in ("Ayu", "Budi", "Citra", "Dewi", "Eka", "Lestari", "Santoso"):
        assert name not in text


def test_the_document_prints_every_part_and_names_no_student(
    workspace: Workspace, known: dict[str, int]
) -> None:
    service = PeriodReportService(workspace)
    service.save_text(NOVEMBER, ReportText(analysis="Permohonan terbanyak dari siswa sendiri."))
    document = service.document(NOVEMBER)

    assert document.file_name == (
        "Laporan-Pelaksanaan-Layanan-Konseling-Individual_2026-11-01_2026-11-30.pdf"
    )
    assert document.title.endswith("1–30 November 2026")
    text = _pdf_text(document.pdf)
    for part in (
        "1. Jenis kegiatan",
        "2. Waktu",
        "3. Sasaran",
        "4. Hasil",
        "5. Analisis",
        "6. Rencana tindak lanjut",
        "7. Faktor pendukung dan penghambat",
        "Periode 1–30 November 2026",
        "Permohonan terbanyak dari siswa sendiri.",
        "1 dari 3 permohonan yang dapat dinilai (33 %)",
        "Senin, 2 November 2026 08.00 WITA",  # the late ones, by the day they were received
        "Belum dijadwalkan",
        "Halaman 1 dari",
        "Mengetahui",
    ):
        assert part in text, part
    for word in ("Ayu", "Budi", "Citra", "Dewi", "Eka", "None", "nan", "Page"):
        assert re.search(rf"\b{word}\b", text) is None, word
    metadata = PdfReader(io.BytesIO(document.pdf)).metadata
    assert metadata is not None and metadata.title == DocumentKind.LAPORAN_PELAKSANAAN.label


def test_the_charts_are_svg_of_the_same_drawings(
    workspace: Workspace, known: dict[str, int]
) -> None:
    service = PeriodReportService(workspace)
    images = service.chart_svgs(service.figures(NOVEMBER))
    assert images.bidang.startswith(b"<?xml") and b"<svg" in images.bidang
    assert b"Belajar" in images.bidang and b"Belum disaring" in images.bidang
    assert b"Nov" in images.monthly and b"Sesi terlaksana" in images.monthly


def _pdf_text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return "\n".join(" ".join(page.extract_text().split()) for page in pages)


def test_kotak_saran_entries_are_counted_and_the_late_printed_by_code(
    workspace: Workspace, clock: FixedClock
) -> None:
    """A pengaduan followed up after an hour, a saran left past its 3×24 jam, an apresiasi
    thanked: by type, by channel, 1 of 2 in time, the saran's code listed."""
    complaints = ComplaintService(workspace)

    def register(kind: ComplaintType, channel: Channel = Channel.LANGSUNG) -> ComplaintRecord:
        return complaints.register(
            ComplaintForm(
                kind=kind,
                channel=channel,
                text="Ruang BK sering tertutup pada jam layanan.",
                received_at=clock.now(),
                sender_kind=SenderKind.SISWA,
                sender_name="Ayu Lestari",
            )
        )

    complaint = register(ComplaintType.PENGADUAN)
    suggestion = register(ComplaintType.SARAN, Channel.KEPALA_SEKOLAH)
    praise = register(ComplaintType.APRESIASI)
    clock.advance(hours=1)
    complaints.add_action(complaint.id, ActionKind.TINDAKAN, "Jadwal layanan diperbaiki.")
    complaints.add_action(praise.id, ActionKind.TANGGAPAN, "Terima kasih atas apresiasinya.")
    clock.advance(days=5)

    service = PeriodReportService(workspace)
    figures = service.figures(NOVEMBER).complaints
    assert figures.total == 3
    assert figures.by_kind[ComplaintType.PENGADUAN] == 1
    assert figures.by_channel == {"Langsung ke guru BK": 2, "Melalui kepala sekolah": 1}
    assert (figures.clocked, figures.met, figures.decided) == (2, 1, 2)
    assert figures.late_or_overdue == [suggestion.code]
    assert (figures.appreciation, figures.appreciation_thanked) == (1, 1)
    assert not service.figures(NOVEMBER).is_empty

    text = _pdf_text(service.document(NOVEMBER).pdf)
    for part in (
        "Pengaduan, Saran, Masukan dan Apresiasi",
        "1 dari 2 entri yang dapat dinilai (50 %)",
        suggestion.code,
        "Apresiasi diterima: 1; sudah ditanggapi: 1.",
    ):
        assert part in text, part
    assert "Ayu" not in text and "tertutup" not in text
    assert service.figures(OCTOBER).complaints.total == 0
