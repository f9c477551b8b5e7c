"""The numbered letters in the window: the referral dialog's "Cetak surat alih tangan…" and
"Batalkan nomor…", Siswa's "Surat panggilan orang tua…", and Pengaturan's "Nomor surat"."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from PySide6.QtWidgets import QLabel, QSpinBox

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.letters import DEFAULT_PURPOSE
from bk_desktop.domain.requests import RequestSource
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.domain.screening import (
    Bidang,
    ConsentBasis,
    Referral,
    ReferralTarget,
    ScreeningDraft,
    ServiceKind,
)
from bk_desktop.domain.students import ClassPlacement, Guardian, GuardianRelation, StudentDraft
from bk_desktop.services.letters import LetterService
from bk_desktop.services.referrals import ReferralService
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.settings import SettingsService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import referrals_repo
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.parent_letter_dialog import ParentLetterDialog, VoidLetterDialog
from bk_desktop.ui.print_preview import PreviewDialog
from bk_desktop.ui.referral_dialog import ReferralDialog
from bk_desktop.ui.tab_table import TabKey
from bk_desktop.ui.tabs.admin.identity_page import IdentityPage
from bk_desktop.ui.tabs.students_tab import StudentsTab

from conftest import Gui


def school(workspace: Workspace, **changes: object) -> None:
    settings = SettingsService(workspace)
    values: dict[str, object] = {
        "city": "Bontang",
        "principal_name": "Drs. Bambang Sutrisno, M.Pd.",
    }
    values.update(changes)
    settings.save(replace(settings.get(), **values))  # type: ignore[arg-type]


def student(workspace: Workspace, name: str = "Ayu Lestari") -> int:
    year = TermService(workspace).current().year
    return StudentService(workspace).create(
        StudentDraft(
            name=name,
            placements=(ClassPlacement(year, "X MIPA 1"),),
            guardians=(
                Guardian("Siti Aminah", GuardianRelation.IBU),
                Guardian("Budi Santoso", GuardianRelation.AYAH),
            ),
        )
    )


def referred(workspace: Workspace) -> int:
    request_id = RequestService(workspace).create(
        RequestForm(
            student_id=student(workspace),
            source=RequestSource.SISWA_SENDIRI,
            reason="Ingin bercerita.",
        )
    )
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.PRIBADI}),
            symptoms="Menangis terus.",
            risk=RiskLevel.TINGGI,
            decision=ServiceKind.ALIH_TANGAN_KASUS,
            reason="Sesuai hasil asesmen awal.",
            referral=Referral(
                ReferralTarget.PSIKOLOG,
                "Kecemasan berat menjelang ujian.",
                "Ringkasan asesmen awal.",
                ConsentBasis.PERSETUJUAN_ORANG_TUA,
                target_name="Biro Psikologi Harapan",
                consent_by="Siti Aminah",
                consent_relation="ibu",
                consent_date=date(2026, 11, 27),
                consent_channel="tertulis",
            ),
        ),
    )
    current = ReferralService(workspace).current(request_id)
    assert current is not None
    return current.id


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def referral_dialog(qtbot, context: UiContext, workspace: Workspace) -> ReferralDialog:
    referral_id = referred(workspace)
    record = referrals_repo.get(workspace.db, referral_id)
    assert record is not None
    request = RequestService(workspace).get(record.request_id)
    current = ReferralService(workspace).current(request.id)
    assert current is not None
    dialog = ReferralDialog(context, request, current)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def preview_in(qtbot, slot_owner) -> PreviewDialog:
    qtbot.waitUntil(lambda: isinstance(slot_owner.letter_dialogs.current, PreviewDialog))
    preview = slot_owner.letter_dialogs.current
    assert isinstance(preview, PreviewDialog)
    return preview


def test_the_referral_dialog_prints_the_letter_reprints_it_and_voids_its_number(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace
) -> None:
    school(workspace)
    dialog = referral_dialog(qtbot, context, workspace)
    assert "belum diberi nomor" in gui.text(dialog, "referralLetterNumber")
    assert not dialog.void_button.isVisible()
    gui.click(dialog, "referralLetterButton")
    preview = preview_in(qtbot, dialog)
    assert "421.5/001/BK/XI/2026" in preview.windowTitle()
    assert "Ayu Lestari" not in preview.windowTitle()
    preview.reject()
    qtbot.waitUntil(lambda: dialog.letter_dialogs.current is None)
    assert "421.5/001/BK/XI/2026" in gui.text(dialog, "referralLetterNumber")
    assert dialog.void_button.isVisible()

    gui.click(dialog, "referralLetterButton")  # a reprint: the same number
    preview_in(qtbot, dialog).reject()
    qtbot.waitUntil(lambda: dialog.letter_dialogs.current is None)
    assert LetterService(workspace).number_state().next_serial == 2

    gui.click(dialog, "referralLetterVoidButton")
    qtbot.waitUntil(lambda: isinstance(dialog.letter_dialogs.current, VoidLetterDialog))
    void = dialog.letter_dialogs.current
    assert isinstance(void, VoidLetterDialog)
    gui.click(void, "voidLetterSaveButton")  # no reason: refused under the field
    assert void.isVisible() and "alasan" in gui.shown_text(void, "voidLetterReasonError").lower()
    void.reason.setPlainText("Surat tidak jadi dikirim, keluarga memilih psikolog lain")
    gui.click(void, "voidLetterSaveButton")
    qtbot.waitUntil(lambda: dialog.letter_dialogs.current is None)
    assert "belum diberi nomor" in gui.text(dialog, "referralLetterNumber")

    gui.click(dialog, "referralLetterButton")  # a new number; the void one is never reused
    preview = preview_in(qtbot, dialog)
    assert "421.5/002/BK/XI/2026" in preview.windowTitle()
    preview.reject()


def test_the_first_letter_after_a_restore_asks_for_the_number(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace, prompter, clock
) -> None:
    school(workspace)
    dialog = referral_dialog(qtbot, context, workspace)
    clock.advance(minutes=1)
    with workspace.db.transaction():  # what a restore leaves in the restored vault
        workspace.audit(AuditKind.RESTORE, detail="2026-11-01T00:00:00Z")
    clock.advance(minutes=1)
    prompter.confirms.append(False)
    gui.click(dialog, "referralLetterButton")
    assert "dipulihkan dari cadangan" in prompter.calls[-1][2]
    assert dialog.letter_dialogs.current is None
    assert LetterService(workspace).referral_letter(dialog.referral.id) is None
    prompter.confirms.append(True)
    gui.click(dialog, "referralLetterButton")
    preview_in(qtbot, dialog).reject()
    assert not LetterService(workspace).number_state().needs_confirmation


def test_siswa_makes_a_parent_letter_from_the_selected_student_to_the_preview(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace, as_showing_tab
) -> None:
    school(workspace, school_phone="(0548) 21234")
    student(workspace)
    tab = as_showing_tab(StudentsTab(context), TabKey.STUDENTS)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    assert not tab.letter_button.isEnabled()
    tab.table.selectRow(0)
    assert tab.letter_button.isEnabled()
    gui.click(tab, "studentParentLetterButton")
    qtbot.waitUntil(lambda: isinstance(tab.letter_dialogs.current, ParentLetterDialog))
    dialog = tab.letter_dialogs.current
    assert isinstance(dialog, ParentLetterDialog)
    assert dialog.purpose.text() == DEFAULT_PURPOSE
    assert "(0548) 21234" in dialog.contact.text()
    assert dialog.guardian.count() == 2
    gui.type_into(dialog, "parentLetterPlace", "")
    gui.click(dialog, "parentLetterSaveButton")
    assert dialog.isVisible()  # the place is missing: said under it, no number given
    assert gui.shown_text(dialog, "parentLetterPlaceError")
    gui.type_into(dialog, "parentLetterPlace", "Ruang BK lantai 2")
    gui.click(dialog, "parentLetterSaveButton")
    preview = preview_in(qtbot, tab)
    assert "421.5/001/BK/XI/2026" in preview.windowTitle()
    [letter] = LetterService(workspace).parent_letters(dialog.student_id)
    text = text_of(LetterService(workspace).reprint(letter.id).pdf)
    assert "Ibu Siti Aminah" in text and "Ruang BK lantai 2" in text
    preview.reject()


def test_a_student_without_guardians_is_told_what_to_fill_in(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace, prompter, as_showing_tab
) -> None:
    StudentService(workspace).create(StudentDraft(name="Bayu Pratama"))
    tab = as_showing_tab(StudentsTab(context), TabKey.STUDENTS)
    qtbot.addWidget(tab)
    tab.show()
    tab.table.selectRow(0)
    gui.click(tab, "studentParentLetterButton")
    assert prompter.errors and "orang tua/wali" in prompter.errors[-1][2]
    assert tab.letter_dialogs.current is None


def test_pengaturan_shows_an_example_number_and_raises_the_next_number(
    qtbot, gui: Gui, context: UiContext, workspace: Workspace
) -> None:
    page = IdentityPage(context)
    qtbot.addWidget(page)
    page.refresh()
    page.show()
    example = page.findChild(QLabel, "settingsLetterExample")
    assert example is not None and example.text() == "421.5/001/BK/XI/2026"
    gui.type_into(page, "settingsLetterFormat", "{kode}/BK/{tahun}")
    assert "nomor urut" in example.text()
    gui.type_into(page, "settingsLetterFormat", "{kode}/{nomor:03d}/BK/{bulan_romawi}/{tahun}")
    spin = page.findChild(QSpinBox, "settingsLetterNext")
    assert spin is not None and spin.minimum() == 1
    spin.setValue(46)
    page.next_number_button.click()
    assert LetterService(workspace).number_state().next_serial == 46
    assert spin.minimum() == 46  # it only goes up
    assert example.text() == "421.5/046/BK/XI/2026"
