"""Penyaringan, driven like a user over a real vault; time comes from the fixture's FixedClock."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPlainTextEdit, QTableView, QWidget

from bk_desktop.domain.academic import AcademicYear
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.consents import ConsentAct, ConsentChannel, ConsentForm
from bk_desktop.domain.requests import RequestSource, RequestStatus, Urgency
from bk_desktop.domain.screening import (
    Bidang,
    ConsentBasis,
    ReferralTarget,
    RiskLevel,
    ServiceKind,
)
from bk_desktop.domain.students import ClassPlacement, GuardianRelation, StudentDraft
from bk_desktop.services.consents import ConsentService
from bk_desktop.services.queues import QueueService
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.request_table import RequestTableModel
from bk_desktop.ui.tab_table import TabKey
from bk_desktop.ui.tabs.screening_tab import ScreeningTab

from conftest import Gui, ScriptedPrompter, ShowAsTab

PROTOCOL = "1. Jangan tinggalkan siswa sendirian.\n2. Telepon kepala sekolah: 0812-0000-0000."


def add_request(
    workspace: Workspace, name: str, hours_ago: float = 0, urgency: Urgency = Urgency.BIASA
) -> int:
    year: AcademicYear = TermService(workspace).current().year
    student_id = StudentService(workspace).create(
        StudentDraft(name=name, placements=(ClassPlacement(year, "X MIPA 1"),))
    )
    received = workspace.now() - timedelta(hours=hours_ago) if hours_ago else None
    return RequestService(workspace).create(
        RequestForm(
            student_id=student_id,
            source=RequestSource.SISWA_SENDIRI,
            reason="Sering terlambat masuk kelas.",
            urgency=urgency,
            received_at=received,
            backdate_reason="Disampaikan lisan" if hours_ago else "",
        )
    )


@pytest.fixture
def make_tab(qtbot, context: UiContext, as_showing_tab: ShowAsTab):
    def build() -> ScreeningTab:
        made = as_showing_tab(ScreeningTab(context), TabKey.SCREENING)
        qtbot.addWidget(made)
        made.resize(1366, 700)
        made.show()
        qtbot.waitExposed(made)
        return made

    return build


def queue_ids(tab: ScreeningTab) -> list[int]:
    view = tab.findChild(QTableView, "screeningQueue")
    model = view.model()
    return [model.index(r, 0).data(RequestTableModel.ID_ROLE) for r in range(model.rowCount())]


def click_row(qtbot, tab: ScreeningTab, request_id: int) -> None:
    view = tab.findChild(QTableView, "screeningQueue")
    row = queue_ids(tab).index(request_id)
    index = view.model().index(row, 0)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def type_text(qtbot, parent: QWidget, name: str, text: str) -> None:
    box = parent.findChild(QPlainTextEdit, name)
    assert box is not None, name
    box.clear()
    qtbot.keyClicks(box, text)


def tick(qtbot, parent: QWidget, name: str) -> None:
    box = parent.findChild(QCheckBox, name)
    assert box is not None, name
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.isChecked()


def shown_error(parent: QWidget, name: str) -> str:
    label = parent.findChild(QLabel, name)
    assert label is not None, name
    return label.text() if label.isVisibleTo(parent) else ""


def fill_problem(qtbot, tab: ScreeningTab) -> None:
    tick(qtbot, tab, "screeningBidangBelajar")
    tick(qtbot, tab, "screeningBidangPribadi")
    type_text(qtbot, tab, "screeningSymptoms", "Terlambat tiga kali seminggu, tampak lelah.")
    type_text(qtbot, tab, "screeningCauses", "Membantu orang tua berjualan sampai malam.")


# -- the queue ----------------------------------------------------------------------------


def test_queue_is_oldest_first_with_clocks(make_tab, workspace: Workspace) -> None:
    newest = add_request(workspace, "Citra Dewi")
    oldest = add_request(workspace, "Ayu Lestari", hours_ago=5)
    middle = add_request(workspace, "Budi Santoso", hours_ago=2)
    tab = make_tab()
    assert queue_ids(tab) == [oldest, middle, newest]
    view = tab.findChild(QTableView, "screeningQueue")
    clocks = [view.model().index(r, 3).data() for r in range(3)]
    assert clocks == ["Sisa 19 jam", "Sisa 22 jam", "Sisa 1 hari"]
    # The oldest is opened for screening straight away.
    assert tab.selected_id == oldest
    assert "Ayu Lestari" in tab.findChild(QLabel, "screeningRequestTitle").text()


def test_empty_queue_says_where_requests_come_from_and_opens_pengajuan(
    qtbot, make_tab, gui: Gui
) -> None:
    tab = make_tab()
    empty = tab.findChild(QWidget, "screeningEmptyState")
    assert empty.isVisibleTo(tab)
    assert gui.text(tab, "screeningEmptyTitle") == "Antrean kosong"
    assert "Pengajuan baru" in tab.findChild(QLabel, "screeningEmptyText").text()
    assert not tab.form.isEnabled()
    with qtbot.waitSignal(tab.requests_wanted):
        gui.click(tab, "screeningEmptyButton")


def test_countdowns_move_with_the_clock(make_tab, workspace: Workspace, clock: FixedClock) -> None:
    add_request(workspace, "Ayu Lestari")
    tab = make_tab()
    view = tab.findChild(QTableView, "screeningQueue")
    clock.advance(hours=25)
    tab.timer.timeout.emit()
    assert view.model().index(0, 3).data() == "Terlambat 1 jam"


# -- recording a screening ----------------------------------------------------------------


def test_konseling_individual_moves_the_request_to_the_scheduling_queue(
    qtbot, make_tab, workspace: Workspace, gui: Gui
) -> None:
    first = add_request(workspace, "Ayu Lestari", hours_ago=1)
    second = add_request(workspace, "Budi Santoso")
    tab = make_tab()
    fill_problem(qtbot, tab)
    gui.pick(tab, "screeningRisk", RiskLevel.RENDAH)
    gui.pick(tab, "screeningDecision", ServiceKind.KONSELING_INDIVIDUAL)
    assert "menunggu jadwal" in gui.text(tab, "screeningDecisionHint")
    type_text(qtbot, tab, "screeningReason", "Masalah pribadi, perlu dibicarakan empat mata.")
    gui.click(tab, "screeningSaveButton")

    assert queue_ids(tab) == [second]
    assert tab.selected_id == second
    record = RequestService(workspace).get(first)
    assert record.status is RequestStatus.MENUNGGU_JADWAL
    [screening] = ScreeningService(workspace).history(first)
    assert screening.draft.bidang == {Bidang.BELAJAR, Bidang.PRIBADI}
    assert screening.draft.causes == "Membantu orang tua berjualan sampai malam."
    assert "menunggu jadwal" in gui.shown_text(tab, "screeningMessage")
    assert not tab.form.is_dirty()  # the next request starts with an empty form


def test_missing_choices_are_all_shown_next_to_their_fields(
    qtbot, make_tab, workspace: Workspace, gui: Gui
) -> None:
    request_id = add_request(workspace, "Ayu Lestari")
    tab = make_tab()
    gui.click(tab, "screeningSaveButton")
    assert "bidang" in shown_error(tab, "screeningBidangError")
    assert "gejala" in shown_error(tab, "screeningProblemPartsError")
    assert "risiko" in shown_error(tab, "screeningRiskError")
    assert "keputusan" in shown_error(tab, "screeningDecisionError").lower()
    assert "alasan" in shown_error(tab, "screeningReasonError")
    assert RequestService(workspace).get(request_id).status is RequestStatus.DITERIMA
    assert ScreeningService(workspace).history(request_id) == []


def test_darurat_shows_the_schools_emergency_protocol(
    qtbot, make_tab, workspace: Workspace, gui: Gui, prompter: ScriptedPrompter
) -> None:
    service = SettingsService(workspace)
    service.save(replace(service.get(), emergency_protocol=PROTOCOL))
    request_id = add_request(workspace, "Ayu Lestari", hours_ago=1)
    add_request(workspace, "Budi Santoso")  # next in the queue, behind the notice
    tab = make_tab()
    protocol = tab.findChild(QLabel, "emergencyProtocol")
    assert not protocol.isVisibleTo(tab)

    gui.pick(tab, "screeningRisk", RiskLevel.DARURAT)
    assert protocol.isVisibleTo(tab)
    assert protocol.text() == PROTOCOL

    gui.pick(tab, "screeningRisk", RiskLevel.SEDANG)
    assert not protocol.isVisibleTo(tab)

    gui.pick(tab, "screeningRisk", RiskLevel.DARURAT)
    fill_problem(qtbot, tab)
    gui.pick(tab, "screeningDecision", ServiceKind.KONSELING_INDIVIDUAL)
    type_text(qtbot, tab, "screeningReason", "Ada tanda menyakiti diri; ditangani hari ini.")
    gui.click(tab, "screeningSaveButton")
    [(_, title, text)] = prompter.warnings  # a warning, not an information box
    assert text == PROTOCOL
    assert "darurat" in title.lower()
    assert prompter.infos == []
    # The form does not move on to the next student behind the protocol.
    assert tab.selected_id is None and tab.form.item is None
    # Darurat puts the request at the top of Beranda.
    [top, *_] = QueueService(workspace).home()
    assert top.request_id == request_id
    assert top.is_darurat


def test_darurat_cannot_end_without_follow_up(
    qtbot, make_tab, workspace: Workspace, gui: Gui
) -> None:
    add_request(workspace, "Ayu Lestari")
    tab = make_tab()
    fill_problem(qtbot, tab)
    gui.pick(tab, "screeningRisk", RiskLevel.DARURAT)
    gui.pick(tab, "screeningDecision", ServiceKind.TIDAK_PERLU_TINDAK_LANJUT)
    type_text(qtbot, tab, "screeningReason", "Sudah selesai dibicarakan.")
    gui.click(tab, "screeningSaveButton")
    assert "tanpa tindak lanjut" in shown_error(tab, "screeningDecisionError")


def test_referral_fields_appear_and_are_required_for_alih_tangan_kasus(
    qtbot, make_tab, workspace: Workspace, gui: Gui
) -> None:
    request_id = add_request(workspace, "Ayu Lestari")
    tab = make_tab()
    target = tab.findChild(QWidget, "referralTarget")
    assert not target.isVisibleTo(tab)
    fill_problem(qtbot, tab)
    gui.pick(tab, "screeningRisk", RiskLevel.TINGGI)
    gui.pick(tab, "screeningDecision", ServiceKind.KONSELING_KELOMPOK)
    assert not target.isVisibleTo(tab)
    gui.pick(tab, "screeningDecision", ServiceKind.ALIH_TANGAN_KASUS)
    assert target.isVisibleTo(tab)
    gui.pick(tab, "referralTarget", ReferralTarget.LEMBAGA_LAIN)
    type_text(qtbot, tab, "screeningReason", "Di luar kewenangan guru BK.")
    gui.click(tab, "screeningSaveButton")

    assert "nama lembaga" in shown_error(tab, "referralTargetNameError")
    assert "alasan untuk alih tangan kasus" in shown_error(tab, "referralReasonError")
    assert "dibagikan" in shown_error(tab, "referralSharedError")
    assert "dasar persetujuan" in shown_error(tab, "referralConsentError")
    assert RequestService(workspace).get(request_id).status is RequestStatus.DITERIMA

    # Consent "keadaan darurat" is only for a darurat risk.
    gui.pick(tab, "referralConsent", ConsentBasis.KEADAAN_DARURAT)
    gui.click(tab, "screeningSaveButton")
    assert "risiko darurat" in shown_error(tab, "referralConsentError")

    gui.type_into(tab, "referralTargetName", "Yayasan Pulih Bontang")
    type_text(qtbot, tab, "referralReason", "Perlu pendampingan psikologis.")
    type_text(qtbot, tab, "referralShared", "Ringkasan asesmen awal.")
    consent_by = tab.findChild(QWidget, "referralConsentBy")
    assert not consent_by.isVisibleTo(tab)  # asked only for a basis that is a consent
    gui.pick(tab, "referralConsent", ConsentBasis.PERSETUJUAN_ORANG_TUA)
    assert consent_by.isVisibleTo(tab)
    gui.click(tab, "screeningSaveButton")
    # Who consented, as what and how are on record, or the data is not shared.
    assert "nama yang memberi persetujuan" in shown_error(tab, "referralConsentByError")
    assert "hubungannya" in shown_error(tab, "referralConsentRelationError")
    assert "cara persetujuan" in shown_error(tab, "referralConsentChannelError")
    assert RequestService(workspace).get(request_id).status is RequestStatus.DITERIMA
    gui.type_into(tab, "referralConsentBy", "Siti Aminah")
    gui.type_into(tab, "referralConsentRelation", "ibu")
    gui.pick(tab, "referralConsentChannel", "tertulis")
    gui.click(tab, "screeningSaveButton")
    assert RequestService(workspace).get(request_id).status is RequestStatus.DIRUJUK
    [screening] = ScreeningService(workspace).history(request_id)
    referral = screening.draft.referral
    assert referral is not None
    assert referral.target_name == "Yayasan Pulih Bontang"
    assert referral.consent_basis is ConsentBasis.PERSETUJUAN_ORANG_TUA
    # The typed consent went into the student's consent register; the referral cites it.
    assert referral.consent_id is not None
    cited = ConsentService(workspace).get(referral.consent_id)
    assert (cited.person_name, cited.relation) == ("Siti Aminah", GuardianRelation.IBU)
    assert cited.channel is ConsentChannel.KERTAS
    assert cited.on == workspace.now().date()
    assert queue_ids(tab) == []


def record_consent(workspace: Workspace, request_id: int, act: ConsentAct, days_ago: int) -> None:
    student_id = RequestService(workspace).get(request_id).student_id
    day = workspace.now().date() - timedelta(days=days_ago)
    ConsentService(workspace).record(
        student_id,
        ConsentForm(
            act,
            "Siti Aminah",
            GuardianRelation.IBU,
            day,
            ConsentChannel.KERTAS,
            text_version=1 if act is ConsentAct.GIVEN else None,
        ),
    )


def fill_referral(qtbot, tab: ScreeningTab, gui: Gui) -> None:
    fill_problem(qtbot, tab)
    gui.pick(tab, "screeningRisk", RiskLevel.TINGGI)
    gui.pick(tab, "screeningDecision", ServiceKind.ALIH_TANGAN_KASUS)
    type_text(qtbot, tab, "screeningReason", "Di luar kewenangan guru BK.")
    gui.type_into(tab, "referralTargetName", "Biro Psikologi Harapan")
    type_text(qtbot, tab, "referralReason", "Perlu pendampingan psikologis.")
    type_text(qtbot, tab, "referralShared", "Ringkasan asesmen awal.")
    gui.pick(tab, "referralConsent", ConsentBasis.PERSETUJUAN_ORANG_TUA)


def test_a_referral_cites_the_consent_recorded_in_the_register(
    qtbot, make_tab, workspace: Workspace, gui: Gui
) -> None:
    request_id = add_request(workspace, "Ayu Lestari")
    record_consent(workspace, request_id, ConsentAct.GIVEN, days_ago=3)
    tab = make_tab()
    fill_referral(qtbot, tab, gui)
    line = tab.findChild(QLabel, "referralConsentRegister")
    assert line.isVisibleTo(tab)
    assert line.text().startswith("Pakai persetujuan yang tercatat: Ibu (Siti Aminah)")
    assert "naskah versi 1" in line.text()
    # Nothing to type: the register is the one record.
    assert not tab.findChild(QWidget, "referralConsentBy").isVisibleTo(tab)
    gui.click(tab, "screeningSaveButton")
    assert RequestService(workspace).get(request_id).status is RequestStatus.DIRUJUK
    [screening] = ScreeningService(workspace).history(request_id)
    assert screening.draft.referral is not None
    [entry] = ConsentService(workspace).entries(
        RequestService(workspace).get(request_id).student_id
    )
    assert screening.draft.referral.consent_id == entry.id
    assert screening.draft.referral.consent_by == ""


def test_a_referral_under_a_withdrawn_consent_is_refused_with_the_registers_message(
    qtbot, make_tab, workspace: Workspace, gui: Gui
) -> None:
    request_id = add_request(workspace, "Ayu Lestari")
    record_consent(workspace, request_id, ConsentAct.GIVEN, days_ago=10)
    record_consent(workspace, request_id, ConsentAct.WITHDRAWN, days_ago=2)
    tab = make_tab()
    fill_referral(qtbot, tab, gui)
    line = tab.findChild(QLabel, "referralConsentRegister")
    assert "menarik persetujuan" in line.text()
    gui.click(tab, "screeningSaveButton")
    assert "menarik persetujuan layanan BK" in shown_error(tab, "referralConsentRegisterError")
    assert RequestService(workspace).get(request_id).status is RequestStatus.DITERIMA


def test_leaving_a_filled_form_asks_first(
    qtbot, make_tab, workspace: Workspace, gui: Gui, prompter: ScriptedPrompter
) -> None:
    first = add_request(workspace, "Ayu Lestari", hours_ago=1)
    second = add_request(workspace, "Budi Santoso")
    tab = make_tab()
    type_text(qtbot, tab, "screeningSymptoms", "Sering melamun.")

    prompter.confirms.append(False)
    click_row(qtbot, tab, second)
    assert tab.selected_id == first
    assert tab.form.symptoms.toPlainText() == "Sering melamun."

    prompter.confirms.append(True)
    click_row(qtbot, tab, second)
    assert tab.selected_id == second
    assert tab.form.symptoms.toPlainText() == ""
    assert len([c for c in prompter.calls if c[0] == "confirm"]) == 2


def test_a_refresh_keeps_the_form_being_filled(qtbot, make_tab, workspace: Workspace) -> None:
    first = add_request(workspace, "Ayu Lestari", hours_ago=1)
    tab = make_tab()
    type_text(qtbot, tab, "screeningSymptoms", "Sering melamun.")
    add_request(workspace, "Budi Santoso", hours_ago=2)  # now older than the one being screened
    tab.refresh()
    assert tab.selected_id == first
    assert tab.form.symptoms.toPlainText() == "Sering melamun."


def test_a_screening_can_only_start_a_referral(make_tab, workspace: Workspace) -> None:
    """Later steps (diterima, selesai, ditolak…) are recorded in "Rujukan…", never here."""
    add_request(workspace, "Rina Rahayu")
    tab = make_tab()
    combo = tab.findChild(QComboBox, "referralStatus")
    assert combo is not None
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Direncanakan",
        "Surat rujukan dikirim",
    ]
