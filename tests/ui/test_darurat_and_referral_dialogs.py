"""Issue 11 items 6 and 7 in the window: "Catat tindakan darurat…" from Pengajuan and from
Beranda's queue row, and "Rujukan…" for a dialihtangankan permohonan, driven like a user."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from test_requests_tab import add_request, add_student

from PySide6.QtWidgets import QDialog, QPlainTextEdit, QWidget

from bk_desktop.domain.requests import RequestStatus, Urgency
from bk_desktop.domain.screening import (
    Bidang,
    ConsentBasis,
    Referral,
    ReferralStatus,
    ReferralTarget,
    RiskLevel,
    ScreeningDraft,
    ServiceKind,
)
from bk_desktop.domain.students import StudentStatus
from bk_desktop.services.queues import QueueService
from bk_desktop.services.referrals import ReferralService
from bk_desktop.services.requests import RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.students import StudentService
from bk_desktop.services.workspace import Workspace
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.tab_table import TabKey
from bk_desktop.ui.tabs.home_tab import HomeTab
from bk_desktop.ui.tabs.requests_tab import ALL, RequestsTab

from conftest import Gui, ScriptedPrompter, ShowAsTab


def screen(workspace: Workspace, request_id: int, decision: ServiceKind, **extra: object) -> None:
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.PRIBADI}),
            symptoms="Menyakiti diri.",
            risk=RiskLevel.TINGGI,
            decision=decision,
            reason="Sesuai hasil asesmen awal.",
            **extra,  # type: ignore[arg-type]
        ),
    )


@pytest.fixture
def requests_tab(qtbot, context: UiContext, as_showing_tab: ShowAsTab) -> RequestsTab:
    made = as_showing_tab(RequestsTab(context), TabKey.REQUESTS)
    qtbot.addWidget(made)
    made.resize(1366, 700)
    made.show()
    qtbot.waitExposed(made)
    return made


def open_dialog(qtbot, tab: RequestsTab, gui: Gui, button: str) -> QDialog:
    gui.click(tab, button)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible())
    assert tab.dialog is not None
    return tab.dialog


def test_pengajuan_records_a_tindakan_darurat_with_errors_under_their_fields(
    qtbot, requests_tab: RequestsTab, workspace: Workspace, gui: Gui
) -> None:
    request_id = add_request(
        workspace, add_student(workspace, "Dewi Anggraini"), urgency=Urgency.DARURAT
    )
    quiet = add_request(workspace, add_student(workspace, "Eko Prasetyo"))
    requests_tab.refresh()
    requests_tab.select(quiet)
    assert not requests_tab.emergency_button.isVisibleTo(requests_tab)
    requests_tab.select(request_id)
    assert requests_tab.emergency_button.isVisibleTo(requests_tab)

    dialog = open_dialog(qtbot, requests_tab, gui, "requestEmergencyButton")
    gui.type_into(dialog, "emergencyActor", "")
    gui.click(dialog, "emergencySaveButton")
    assert "siapa" in gui.shown_text(dialog, "emergencyActorError")
    assert "apa yang sudah dilakukan" in gui.shown_text(dialog, "emergencyActionError")
    assert dialog.isVisible()

    gui.type_into(dialog, "emergencyActor", "Bu Sari (guru BK)")
    qtbot.keyClicks(gui.child(dialog, QPlainTextEdit, "emergencyAction"), "Siswa diamankan.")
    gui.click(dialog, "emergencySaveButton")
    qtbot.waitUntil(lambda: requests_tab.dialog is None)
    assert not RequestService(workspace).get(request_id).needs_emergency_action
    assert not requests_tab.emergency_button.isVisibleTo(requests_tab)


def test_beranda_offers_the_tindakan_darurat_on_a_darurat_row_off_the_scheduling_path(
    qtbot, context: UiContext, as_showing_tab: ShowAsTab, workspace: Workspace, gui: Gui
) -> None:
    request_id = add_request(
        workspace, add_student(workspace, "Fajar Nugroho"), urgency=Urgency.DARURAT
    )
    screen(workspace, request_id, ServiceKind.BIMBINGAN_KLASIKAL)  # dialihkan, yet still in view
    home = as_showing_tab(HomeTab(context), TabKey.HOME)
    qtbot.addWidget(home)
    home.resize(1366, 768)
    home.show()
    qtbot.waitExposed(home)
    button = gui.child(home, QWidget, "homeEmergencyButton")
    assert not button.isVisibleTo(home)
    assert home.select(request_id)
    assert button.isVisibleTo(home)
    gui.click(home, "homeEmergencyButton")
    dialog = home.findChild(QDialog, "emergencyDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(gui.child(dialog, QPlainTextEdit, "emergencyAction"), "Orang tua dijemput.")
    gui.click(dialog, "emergencySaveButton")
    qtbot.waitUntil(lambda: QueueService(workspace).home() == [])
    qtbot.waitUntil(lambda: home.queue.model.rowCount() == 0)


def test_rujukan_dialog_records_the_referrals_steps_and_asks_a_reason_to_end_it(
    qtbot, requests_tab: RequestsTab, workspace: Workspace, gui: Gui
) -> None:
    request_id = add_request(workspace, add_student(workspace, "Gita Permata"))
    screen(
        workspace,
        request_id,
        ServiceKind.ALIH_TANGAN_KASUS,
        referral=Referral(
            ReferralTarget.PUSKESMAS,
            "Perlu pemeriksaan kesehatan jiwa.",
            "Ringkasan asesmen awal.",
            ConsentBasis.PERSETUJUAN_ORANG_TUA,
            target_name="Puskesmas Bontang Utara",
            consent_by="Siti Aminah",
            consent_relation="ibu",
            consent_date=date(2026, 11, 2),
            consent_channel="tertulis",
        ),
    )
    requests_tab.set_filter(ALL)
    requests_tab.select(request_id)
    assert requests_tab.referral_button.isVisibleTo(requests_tab)
    dialog = open_dialog(qtbot, requests_tab, gui, "requestReferralButton")
    assert "Puskesmas Bontang Utara" in dialog.findChild(QWidget, "requestHeadingSubtitle").text()
    gui.pick(dialog, "referralStepCombo", ReferralStatus.DIKIRIM)
    gui.click(dialog, "referralSaveButton")
    qtbot.waitUntil(lambda: requests_tab.dialog is None)

    dialog = open_dialog(qtbot, requests_tab, gui, "requestReferralButton")
    assert "Surat rujukan dikirim" in gui.text(dialog, "referralSteps")
    gui.pick(dialog, "referralStepCombo", ReferralStatus.DITOLAK)
    gui.click(dialog, "referralSaveButton")
    assert "alasan" in gui.shown_text(dialog, "referralStepReasonError").lower()
    qtbot.keyClicks(gui.child(dialog, QPlainTextEdit, "referralStepReason"), "Kuota penuh.")
    gui.click(dialog, "referralSaveButton")
    qtbot.waitUntil(lambda: requests_tab.dialog is None)
    current = ReferralService(workspace).current(request_id)
    assert current is not None and current.status is ReferralStatus.DITOLAK
    # The referral ended: the permohonan can now be closed through "Ubah status…".
    assert RequestStatus.DITUTUP in RequestService(workspace).allowed_targets(request_id)


def test_beranda_groups_the_permohonan_of_students_who_left_and_closes_them_all(
    qtbot,
    context: UiContext,
    as_showing_tab: ShowAsTab,
    workspace: Workspace,
    prompter: ScriptedPrompter,
    gui: Gui,
) -> None:
    student_id = add_student(workspace, "Hana Wulandari")
    first = add_request(workspace, student_id)
    add_request(workspace, student_id, reason="Bertengkar dengan teman sebangku.")
    students = StudentService(workspace)
    stored = students.get(student_id)
    students.update(
        student_id, replace(stored, status=StudentStatus.PINDAH, status_date=date(2026, 11, 2))
    )
    home = as_showing_tab(HomeTab(context), TabKey.HOME)
    qtbot.addWidget(home)
    home.resize(1366, 768)
    home.show()
    qtbot.waitExposed(home)
    assert gui.shown_text(home, "homeDepartedTask") == "2 permohonan siswa yang sudah keluar"
    prompter.confirms.append(True)
    gui.click(home, "homeCloseDepartedButton")
    assert RequestService(workspace).get(first).status is RequestStatus.DITUTUP
    qtbot.waitUntil(lambda: gui.shown_text(home, "homeDepartedTask") == "")
