"""The consent register on a real vault: a withdrawal blocks new work, a new consent lifts it,
the text keeps its versions, and a scan is kept small and clean inside the vault."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader

from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.consents import DEFAULT_CONSENT_TEXT, ConsentAct, ConsentChannel, ConsentForm
from bk_desktop.domain.counselling import FollowUpKind, SessionPlan, SessionReport, SessionStatus
from bk_desktop.domain.errors import RuleViolation, ValidationError
from bk_desktop.domain.requests import Assent, RequestSource, RequestStatus, Urgency
from bk_desktop.domain.screening import ReferralStatus, ServiceKind
from bk_desktop.domain.students import GuardianRelation
from bk_desktop.services.calendar import CalendarService
from bk_desktop.services.consent_scan import MAX_STORED_BYTES, remove_original
from bk_desktop.services.consents import ConsentInvalid, ConsentService
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.letters import LetterService
from bk_desktop.services.referrals import ReferralService
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import consents_repo, referrals_repo
from services.test_counselling import scheduled, screen
from services.test_darurat_and_referrals import act, receive
from services.test_letters import meeting
from services.test_letters import referred as referral_planned

from support import hold_session, school_slot


def today(workspace: Workspace) -> date:
    return workspace.now().astimezone(workspace.settings().zone).date()


def given(workspace: Workspace, **changes: object) -> ConsentForm:
    values: dict[str, object] = {
        "act": ConsentAct.GIVEN,
        "person_name": "Siti Aminah",
        "relation": GuardianRelation.IBU,
        "on": today(workspace),
        "channel": ConsentChannel.KERTAS,
        "text_version": 1,
    }
    values.update(changes)
    return ConsentForm(**values)  # type: ignore[arg-type]


def withdrawal(workspace: Workspace, **changes: object) -> ConsentForm:
    values: dict[str, object] = {
        "act": ConsentAct.WITHDRAWN,
        "person_name": "Siti Aminah",
        "relation": GuardianRelation.IBU,
        "on": today(workspace),
        "channel": ConsentChannel.LISAN,
        "reason": "Ingin menangani sendiri di rumah.",
    }
    values.update(changes)
    return ConsentForm(**values)  # type: ignore[arg-type]


def another_request(workspace: Workspace, student_id: int, **form: object) -> int:
    return RequestService(workspace).create(
        RequestForm(
            student_id=student_id,
            source=RequestSource.WALI_KELAS,
            referrer_name="Bu Rina",
            referrer_role="Wali kelas",
            reason="Sering melamun di kelas.",
            **form,  # type: ignore[arg-type]
        ),
        allow_duplicate=True,
    )


def count(workspace: Workspace, kind: AuditKind) -> int:
    return int(
        workspace.db.scalar("SELECT count(*) FROM audit_event WHERE kind = :k", {"k": kind.value})
    )


def test_a_student_without_any_consent_recorded_is_not_blocked(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = scheduled(workspace)
    student_id = RequestService(workspace).get(request_id).student_id
    assert ConsentService(workspace).state_line(student_id) == "Belum ada persetujuan tercatat"
    hold_session(workspace, clock, request_id)  # recorded without a consent on file


def test_a_withdrawal_refuses_new_requests_sessions_and_records_until_a_new_consent(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = scheduled(workspace)
    requests = RequestService(workspace)
    student_id = requests.get(request_id).student_id
    waiting = another_request(workspace, student_id)
    requests.set_assent(waiting, Assent.BERSEDIA)
    screen(workspace, waiting, ServiceKind.KONSELING_INDIVIDUAL)
    consents = ConsentService(workspace)
    consents.record(student_id, given(workspace))
    clock.advance(seconds=60)
    consents.record(student_id, withdrawal(workspace))
    assert count(workspace, AuditKind.CONSENT_WITHDRAWN) == 1
    assert consents.state_line(student_id).startswith("Persetujuan ditarik pada ")

    with pytest.raises(RuleViolation, match=r"menarik persetujuan layanan BK pada .*membuat"):
        another_request(workspace, student_id)
    counselling = CounsellingService(workspace)
    with pytest.raises(RuleViolation, match="catat persetujuan baru sebelum menjadwalkan sesi"):
        counselling.plan_session(
            request_id, SessionPlan(start=school_slot(workspace, timedelta(days=2)))
        )
    with pytest.raises(RuleViolation, match="menjadwalkan sesi"):
        CalendarService(workspace).place(waiting, school_slot(workspace, timedelta(days=3)))
    with pytest.raises(RuleViolation, match="catat persetujuan baru sebelum mencatat sesi"):
        hold_session(workspace, clock, request_id)
    # what was recorded stays, and the counsellor is told about the planned session
    assert len(counselling.sessions_of_request(request_id)) == 1
    tasks = consents.withdrawals_needing_attention(workspace.now())
    assert [(t.student_id, t.initials, t.rombel, t.planned_sessions) for t in tasks] == [
        (student_id, "A.L.", "X MIPA 1", 1)
    ]

    clock.advance(seconds=60)
    consents.record(
        student_id, given(workspace, person_name="Budi Santoso", relation=GuardianRelation.AYAH)
    )
    hold_session(workspace, clock, request_id)
    another_request(workspace, student_id, join_case=False)
    assert consents.withdrawals_needing_attention(workspace.now()) == []
    assert [e.act for e in consents.entries(student_id)] == [
        ConsentAct.GIVEN,
        ConsentAct.WITHDRAWN,
        ConsentAct.GIVEN,
    ]


def test_a_withdrawal_refuses_every_path_that_carries_the_work_on(
    workspace: Workspace, clock: FixedClock
) -> None:
    """Screening, reopening, moving a session and the follow-ups all start or continue work
    for the student, so each is refused like a new permohonan is."""
    request_id = scheduled(workspace)
    requests = RequestService(workspace)
    student_id = requests.get(request_id).student_id
    counselling = CounsellingService(workspace)
    _session_id, case_id = hold_session(workspace, clock, request_id)
    planned = counselling.plan_session(
        request_id, SessionPlan(start=school_slot(workspace, timedelta(days=3)))
    )
    follow_up_id = counselling.add_follow_up(case_id, FollowUpKind.LAIJAPEN)
    waiting = another_request(workspace, student_id, join_case=False)
    requests.set_assent(waiting, Assent.BERSEDIA)
    closed = another_request(workspace, student_id, join_case=False)
    requests.transition(closed, RequestStatus.DITUTUP, "Sudah ditangani wali kelas.")
    clock.advance(seconds=60)
    ConsentService(workspace).record(student_id, withdrawal(workspace))

    refused = "menarik persetujuan layanan BK"
    with pytest.raises(RuleViolation, match=f"{refused}.*sebelum mencatat asesmen"):
        screen(workspace, waiting, ServiceKind.KONSELING_INDIVIDUAL)
    with pytest.raises(RuleViolation, match=f"{refused}.*sebelum membukanya lagi"):
        requests.transition(closed, RequestStatus.DITERIMA, "Datang lagi minggu ini.")
    with pytest.raises(RuleViolation, match=f"{refused}.*sebelum menjadwalkan sesi"):
        counselling.reschedule(
            planned, SessionPlan(start=school_slot(workspace, timedelta(days=5)))
        )
    with pytest.raises(RuleViolation, match=f"{refused}.*sebelum merencanakan tindak lanjut"):
        counselling.add_follow_up(case_id, FollowUpKind.LAIJAPANG)
    with pytest.raises(RuleViolation, match=f"{refused}.*sebelum mencatat tindak lanjut"):
        counselling.record_follow_up(follow_up_id, result="Sudah tidur lebih awal.")
    assert requests.get(waiting).status is RequestStatus.DITERIMA
    assert requests.get(closed).status is RequestStatus.DITUTUP
    # ending what was planned stays allowed: the withdrawal asks for exactly that
    counselling.cancel_session(planned, "Orang tua menarik persetujuan.")
    requests.transition(waiting, RequestStatus.DITUTUP, "Orang tua menarik persetujuan.")


def test_a_tindakan_darurat_is_recorded_whatever_the_consent(
    workspace: Workspace, clock: FixedClock
) -> None:
    """The child's safety comes before the register: a withdrawal never blocks it."""
    request_id = receive(workspace, Urgency.DARURAT)
    student_id = RequestService(workspace).get(request_id).student_id
    ConsentService(workspace).record(student_id, withdrawal(workspace))
    clock.advance(seconds=60)
    act(workspace, request_id)
    assert len(RequestService(workspace).emergency_actions(request_id)) == 1


def test_a_withdrawal_refuses_the_letters_and_carrying_a_referral_on_but_not_ending_it(
    workspace: Workspace, clock: FixedClock
) -> None:
    referral_id = referral_planned(workspace)
    referrals = ReferralService(workspace)
    steps = referrals.events(referral_id)
    stored = referrals_repo.get(workspace.db, referral_id)
    assert stored is not None
    student_id = RequestService(workspace).get(stored.request_id).student_id
    clock.advance(seconds=60)
    ConsentService(workspace).record(student_id, withdrawal(workspace))
    letters = LetterService(workspace)
    with pytest.raises(RuleViolation, match="sebelum mencetak surat rujukan"):
        letters.print_referral_letter(referral_id)
    with pytest.raises(RuleViolation, match="sebelum membuat surat panggilan"):
        letters.print_parent_letter(student_id, meeting(workspace))
    with pytest.raises(RuleViolation, match="sebelum mencatat langkah rujukan"):
        referrals.record_step(referral_id, ReferralStatus.DIKIRIM)
    assert referrals.events(referral_id) == steps
    referrals.record_step(
        referral_id, ReferralStatus.DIBATALKAN, reason="Orang tua menarik persetujuan."
    )
    assert workspace.db.scalar("SELECT count(*) FROM letter") == 0


def test_a_session_held_before_the_withdrawal_is_still_recorded_one_held_on_its_day_is_not(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = scheduled(workspace)
    student_id = RequestService(workspace).get(request_id).student_id
    counselling = CounsellingService(workspace)
    first = next(
        s
        for s in counselling.sessions_of_request(request_id)
        if s.status is SessionStatus.TERJADWAL
    )
    second_id = counselling.plan_session(
        request_id, SessionPlan(start=school_slot(workspace, timedelta(days=3)))
    )
    second = counselling.session(second_id).record
    clock.advance(seconds=(second.planned_start - clock.now()).total_seconds() + 86_400)
    zone = workspace.settings().zone
    withdrawn_day = second.planned_start.astimezone(zone).date()
    ConsentService(workspace).record(student_id, withdrawal(workspace, on=withdrawn_day))

    def report(start: datetime) -> SessionReport:
        return SessionReport(
            actual_start=start,
            actual_end=start + timedelta(minutes=45),
            understanding="Memahami penyebab terlambat.",
            comfort="Lega sudah bercerita.",
            action="Tidur sebelum pukul 22.00.",
        )

    counselling.record_session(first.id, report(first.planned_start))
    with pytest.raises(RuleViolation, match="sebelum mencatat sesi"):
        counselling.record_session(second_id, report(second.planned_start))


def test_a_consent_backdated_before_the_withdrawal_does_not_lift_it(
    workspace: Workspace, clock: FixedClock
) -> None:
    request_id = scheduled(workspace)
    student_id = RequestService(workspace).get(request_id).student_id
    consents = ConsentService(workspace)
    consents.record(student_id, withdrawal(workspace))
    consents.record(student_id, given(workspace, on=today(workspace) - timedelta(days=30)))
    with pytest.raises(RuleViolation, match="menarik persetujuan"):
        another_request(workspace, student_id)


def test_the_form_is_checked_whole_and_a_consent_is_never_oral(workspace: Workspace) -> None:
    request_id = scheduled(workspace)
    student_id = RequestService(workspace).get(request_id).student_id
    with pytest.raises(ConsentInvalid) as refused:
        ConsentService(workspace).record(
            student_id,
            given(
                workspace,
                person_name=" ",
                relation=None,
                channel=ConsentChannel.LISAN,
                text_version=2,
                on=today(workspace) + timedelta(days=1),
            ),
        )
    assert {e.field for e in refused.value.errors} == {
        "person_name",
        "relation",
        "channel",
        "text_version",
        "on",
    }
    assert ConsentService(workspace).entries(student_id) == []


def test_the_text_keeps_every_version_and_a_consent_names_the_one_read(
    workspace: Workspace, clock: FixedClock
) -> None:
    consents = ConsentService(workspace)
    assert consents.current_text().version == 1
    assert consents.current_text().saved_at is None  # the program's default, not yet stored
    assert consents.save_text(DEFAULT_CONSENT_TEXT + "\n") is None  # unchanged: no version
    clock.advance(seconds=60)
    assert consents.save_text("Saya setuju anak saya mendapat layanan BK.") == 2
    assert [t.version for t in consents.texts()] == [2, 1]
    assert consents.texts()[1].text == DEFAULT_CONSENT_TEXT
    assert consents.texts()[0].saved_by_name == workspace.account.name
    assert count(workspace, AuditKind.CONSENT_TEXT_CHANGED) == 1
    with pytest.raises(ValidationError, match="tidak boleh kosong"):
        consents.save_text("   ")

    request_id = scheduled(workspace)
    student_id = RequestService(workspace).get(request_id).student_id
    consents.record(student_id, given(workspace, text_version=2))
    with pytest.raises(ConsentInvalid, match="versi naskah"):
        consents.record(student_id, given(workspace, text_version=3))
    assert consents.entries(student_id)[0].text_version == 2


def test_a_printed_form_cites_a_version_the_vault_keeps_word_for_word(
    workspace: Workspace,
) -> None:
    """A blank form printed before any text was saved says "versi 1": that wording is stored
    then, so the form a parent signs later always matches a stored text."""
    consents = ConsentService(workspace)
    assert consents_repo.texts(workspace.db) == []
    document = consents.consent_form()
    assert "versi 1" in " ".join(
        (page.extract_text() or "") for page in PdfReader(io.BytesIO(document.pdf)).pages
    )
    stored = consents_repo.text(workspace.db, 1)
    assert stored is not None and stored.text == DEFAULT_CONSENT_TEXT
    assert stored.saved_at is not None
    consents.consent_form()  # printed again: nothing more is stored
    assert [t.version for t in consents_repo.texts(workspace.db)] == [1]


# -- scans ------------------------------------------------------------------------------------


def scanned_page(path: Path, *, size: tuple[int, int] = (2480, 3508), fmt: str = "PNG") -> Path:
    """An A4 page 'scanned' at 300 dpi: lines of writing, a signature and some paper grain."""
    page = Image.new("RGB", size, (250, 248, 240))
    draw = ImageDraw.Draw(page)
    for row in range(150, size[1] - 300, 70):
        draw.line((200, row, size[0] - 200, row), fill=(40, 40, 90), width=4)
        draw.text((210, row - 40), "Saya setuju anak saya mendapat layanan BK " * 3, fill=(0, 0, 0))
    draw.arc((400, size[1] - 600, 1200, size[1] - 300), 10, 300, fill=(10, 10, 120), width=8)
    grain = Image.effect_noise((size[0] // 4, size[1] // 4), 40).resize(size).convert("RGB")
    page = Image.blend(page, grain, 0.08)
    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"  # Make
    page.save(path, format=fmt, dpi=(300, 300), exif=exif.tobytes())
    return path


def test_a_scan_is_kept_in_the_vault_at_150_dpi_greyscale_under_300_kb(
    workspace: Workspace, tmp_path: Path
) -> None:
    request_id = scheduled(workspace)
    student_id = RequestService(workspace).get(request_id).student_id
    source = scanned_page(tmp_path / "formulir.png")
    assert source.stat().st_size > MAX_STORED_BYTES
    consents = ConsentService(workspace)
    consent_id = consents.record(
        student_id, given(workspace, channel=ConsentChannel.PINDAIAN), scan=source
    )
    stored = consents.scan(consent_id)
    assert len(stored) <= MAX_STORED_BYTES
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    assert image.mode == "L"
    assert image.info["dpi"] == (150, 150)
    assert max(image.size) == 1754  # 297 mm at 150 dpi
    assert not image.getexif()
    assert consents.entries(student_id)[0].has_scan
    remove_original(source)  # the user's choice in the dialog
    assert not source.exists()


def test_a_phone_photo_without_resolution_is_taken_as_one_a4_page(
    workspace: Workspace, tmp_path: Path
) -> None:
    request_id = scheduled(workspace)
    student_id = RequestService(workspace).get(request_id).student_id
    photo = tmp_path / "foto.jpg"
    Image.new("RGB", (4000, 3000), (200, 200, 200)).save(photo, format="JPEG", quality=95)
    consents = ConsentService(workspace)
    consent_id = consents.record(
        student_id, given(workspace, channel=ConsentChannel.PINDAIAN), scan=photo
    )
    image = Image.open(io.BytesIO(consents.scan(consent_id)))
    assert image.size == (1754, 1316)
    assert image.mode == "L"


def test_a_phone_photo_marked_72_dpi_is_taken_as_one_a4_page_not_a_poster(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Phones and editors write 72 or 96 dpi as a default; read as true, a 4000 px photo
    would be a 55-inch page kept at twice A4."""
    request_id = scheduled(workspace)
    student_id = RequestService(workspace).get(request_id).student_id
    photo = tmp_path / "foto.jpg"
    Image.new("RGB", (4000, 3000), (200, 200, 200)).save(
        photo, format="JPEG", quality=95, dpi=(72, 72)
    )
    consents = ConsentService(workspace)
    consent_id = consents.record(
        student_id, given(workspace, channel=ConsentChannel.PINDAIAN), scan=photo
    )
    assert Image.open(io.BytesIO(consents.scan(consent_id))).size == (1754, 1316)


def test_a_16_bit_greyscale_scan_keeps_its_writing(workspace: Workspace, tmp_path: Path) -> None:
    """A 16-bit PNG (some flatbed scanners save one) is scaled to 8 bits, not clipped white."""
    request_id = scheduled(workspace)
    student_id = RequestService(workspace).get(request_id).student_id
    page = Image.new("I", (1240, 1754), 60_000)  # A4 at 150 dpi, paper nearly white
    ImageDraw.Draw(page).line((100, 800, 1140, 800), fill=3_000, width=8)  # a line of ink
    source = tmp_path / "pindaian16.png"
    page.convert("I;16").save(source, format="PNG", dpi=(150, 150))
    with Image.open(source) as written:
        assert written.mode == "I;16"
    consents = ConsentService(workspace)
    consent_id = consents.record(
        student_id, given(workspace, channel=ConsentChannel.PINDAIAN), scan=source
    )
    kept = Image.open(io.BytesIO(consents.scan(consent_id)))
    assert kept.size == (1240, 1754)
    ink = kept.getpixel((620, 800))
    paper = kept.getpixel((620, 400))
    assert isinstance(ink, int) and isinstance(paper, int)
    assert ink < 40 and 220 < paper < 250


def test_a_1_bit_scan_keeps_black_and_white(workspace: Workspace, tmp_path: Path) -> None:
    request_id = scheduled(workspace)
    student_id = RequestService(workspace).get(request_id).student_id
    page = Image.new("1", (1240, 1754), 1)
    ImageDraw.Draw(page).line((100, 800, 1140, 800), fill=0, width=8)
    source = tmp_path / "pindaian1.png"
    page.save(source, format="PNG", dpi=(150, 150))
    consents = ConsentService(workspace)
    consent_id = consents.record(
        student_id, given(workspace, channel=ConsentChannel.PINDAIAN), scan=source
    )
    kept = Image.open(io.BytesIO(consents.scan(consent_id)))
    ink = kept.getpixel((620, 800))
    paper = kept.getpixel((620, 400))
    assert isinstance(ink, int) and isinstance(paper, int)
    assert ink < 40 and paper > 240


def png_claiming(width: int, height: int) -> bytes:
    """A PNG header for a huge picture with almost no data: a decompression bomb's shape."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    idat_data = zlib.compress(b"\x00" * 1000)
    idat = (
        struct.pack(">I", len(idat_data))
        + b"IDAT"
        + idat_data
        + struct.pack(">I", zlib.crc32(b"IDAT" + idat_data))
    )
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (png_claiming(100_000, 100_000), r"terlalu besar ukurannya \(100\.000 × 100\.000 piksel\)"),
        (png_claiming(8_000, 8_000), r"terlalu besar ukurannya \(8\.000 × 8\.000 piksel\)"),
        (b"%PDF-1.7\n" + b"0" * 100, "Pindaian PDF belum dapat disimpan"),
        (b"MZ\x90\x00 not a picture", "bukan gambar JPEG atau PNG"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "rusak atau tidak lengkap"),
    ],
)
def test_a_hostile_or_unusable_file_is_refused_and_nothing_is_recorded(
    workspace: Workspace, tmp_path: Path, content: bytes, message: str
) -> None:
    request_id = scheduled(workspace)
    student_id = RequestService(workspace).get(request_id).student_id
    source = tmp_path / "pindaian.png"
    source.write_bytes(content)
    consents = ConsentService(workspace)
    with pytest.raises(ValidationError, match=message) as refused:
        consents.record(student_id, given(workspace, channel=ConsentChannel.PINDAIAN), scan=source)
    assert refused.value.field == "scan"
    assert consents.entries(student_id) == []
    assert count(workspace, AuditKind.CONSENT_RECORDED) == 0
