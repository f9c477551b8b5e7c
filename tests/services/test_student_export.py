"""The copy of one student's data on a real encrypted vault: everything of theirs and nothing
of another student's, redacted passages absent from both files and noted, another
counsellor's sangat rahasia case left out, and the export audited by counts only."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.clock import FixedClock
from bk_desktop.domain.complaints import (
    Channel,
    ComplaintForm,
    ComplaintType,
    SenderKind,
    Subject,
)
from bk_desktop.domain.consents import ConsentAct, ConsentChannel, ConsentForm
from bk_desktop.domain.counselling import (
    ActionItemDraft,
    Alternative,
    CaseDraft,
    Confidentiality,
)
from bk_desktop.domain.data_requests import (
    EXPORT_SCHEMA,
    REDACTED,
    DataRequestForm,
    DataRight,
    Redaction,
    Requester,
)
from bk_desktop.domain.errors import RuleViolation
from bk_desktop.domain.requests import Assent, RequestSource
from bk_desktop.domain.risk import RiskLevel
from bk_desktop.domain.screening import Bidang, ScreeningDraft, ServiceKind
from bk_desktop.domain.students import (
    ClassPlacement,
    Guardian,
    GuardianRelation,
    StudentDraft,
)
from bk_desktop.services.complaints import ComplaintService
from bk_desktop.services.consents import ConsentService
from bk_desktop.services.counselling import CounsellingService
from bk_desktop.services.data_requests import DataRequestService
from bk_desktop.services.requests import RequestForm, RequestService
from bk_desktop.services.screening import ScreeningService
from bk_desktop.services.student_export import COMPLAINTS_NOT_ALL_HERE, StudentExportService
from bk_desktop.services.students import StudentService, TermService
from bk_desktop.services.workspace import Workspace

from support import counselled, hold_session, school_slot, signed_in_as


@dataclass(frozen=True)
class Filled:
    student_id: int
    request_id: int
    session_id: int
    case_id: int
    data_request_id: int


def filled_student(
    workspace: Workspace,
    clock: FixedClock,
    name: str,
    nis: str,
    marker: str,
    *,
    confidentiality: Confidentiality = Confidentiality.BIASA,
) -> Filled:
    """A student with ``marker`` in every free-text field the vault has for them."""
    year = TermService(workspace).current().year
    student_id = StudentService(workspace).create(
        StudentDraft(
            name=name,
            nis=nis,
            nisn=f"00{nis}00000"[:10],
            notes=f"{marker}catatan",
            placements=(ClassPlacement(year, "X MIPA 1"),),
            guardians=(Guardian(f"Ibu {marker}", GuardianRelation.IBU, "081255550101"),),
        )
    )
    requests = RequestService(workspace)
    request_id = requests.create(
        RequestForm(
            student_id=student_id,
            source=RequestSource.SISWA_SENDIRI,
            reason=f"{marker}alasan permohonan",
            received_at=workspace.now() - timedelta(hours=1),
            backdate_reason=f"{marker}mundur disampaikan lisan",
        )
    )
    requests.set_assent(request_id, Assent.BERSEDIA, note=f"{marker}kesediaan")
    ScreeningService(workspace).record(
        request_id,
        ScreeningDraft(
            bidang=frozenset({Bidang.PRIBADI}),
            symptoms=f"{marker}gejala",
            risk=RiskLevel.RENDAH,
            decision=ServiceKind.KONSELING_INDIVIDUAL,
            reason=f"{marker}keputusan",
            causes=f"{marker}sebab",
            root_cause=f"{marker}akar",
            notes=f"{marker}asesmen",
        ),
    )
    requests.agree_schedule(request_id, school_slot(workspace, timedelta(hours=2)))
    session_id, case_id = hold_session(
        workspace,
        clock,
        request_id,
        notes=f"{marker}sesi catatan",
        understanding=f"{marker}paham",
        comfort=f"{marker}lega",
        action=f"{marker}tindakan",
        alternatives=(Alternative(f"{marker}alternatif", chosen=True),),
        action_items=(
            ActionItemDraft(
                what=f"{marker}rencana",
                support=f"{marker}dukungan",
                due_on=clock.now().date() + timedelta(days=7),
            ),
        ),
    )
    counselling = CounsellingService(workspace)
    counselling.update_case(
        case_id,
        CaseDraft(
            bidang=frozenset({Bidang.PRIBADI}),
            confidentiality=confidentiality,
            identification=f"{marker}identifikasi",
            diagnosis=f"{marker}diagnosis",
            prognosis=f"{marker}prognosis",
            treatment_goal=f"{marker}tujuan",
        ),
    )
    counselling.finalise(session_id)
    counselling.add_addendum(session_id, f"{marker}adendum")
    ConsentService(workspace).record(
        student_id,
        ConsentForm(
            act=ConsentAct.GIVEN,
            person_name=f"Ibu {marker}",
            relation=GuardianRelation.IBU,
            on=clock.now().date(),
            channel=ConsentChannel.KERTAS,
            text_version=1,
        ),
    )
    ComplaintService(workspace).register(
        ComplaintForm(
            kind=ComplaintType.MASUKAN,
            channel=Channel.LANGSUNG,
            text=f"{marker}kotak saran",
            received_at=workspace.now(),
            sender_kind=SenderKind.ORANG_TUA,
            sender_name=f"Bapak {marker}",
            student_id=student_id,
        )
    )
    data_request = DataRequestService(workspace).register(
        DataRequestForm(
            student_id=student_id,
            requester=Requester.ORANG_TUA_WALI,
            requester_name=f"Ibu {marker}",
            relation=GuardianRelation.IBU,
            right=DataRight.AKSES,
            text=f"{marker}permohonan data",
            received_at=workspace.now(),
        )
    )
    return Filled(student_id, request_id, session_id, case_id, data_request.id)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def two(workspace: Workspace, clock: FixedClock) -> tuple[Filled, Filled]:
    first = filled_student(workspace, clock, "Ayu Lestari", "1001", "ZEBRA")
    second = filled_student(workspace, clock, "Budi Santoso", "1002", "QUOKKA")
    return first, second


def test_the_copy_holds_the_students_data_and_no_one_elses(
    workspace: Workspace, two: tuple[Filled, Filled], tmp_path: Path
) -> None:
    first, _second = two
    service = StudentExportService(workspace)
    export = service.build(first.student_id)
    pdf = service.pdf(export)
    raw_json = service.json(export)
    text = pdf_text(pdf)
    for other in ("QUOKKA", "Budi", "Santoso"):
        assert other not in squeezed(text)
        assert other not in raw_json.decode("utf-8")
    data = json.loads(raw_json)
    assert data["schema"] == EXPORT_SCHEMA
    assert data["redactions"] == []
    fields = [
        key
        for section in data["sections"].values()
        for record in section["records"]
        for key, value in record["fields"].items()
        if isinstance(value, str) and "ZEBRA" in value
    ]
    for key in (
        "notes",
        "reason",
        "assent_note",
        "backdate_reason",
        "symptoms",
        "causes",
        "root_cause",
        "understanding",
        "comfort",
        "action",
        "identification",
        "diagnosis",
        "what",
        "support",
        "text",
        "sender_name",
    ):
        assert key in fields, key
    sections = data["sections"]
    assert len(sections["sessions"]["records"]) == 1
    assert len(sections["addenda"]["records"]) == 1
    assert len(sections["consents"]["records"]) == 1
    assert len(sections["complaints"]["records"]) == 1
    assert len(sections["data_requests"]["records"]) == 1
    assert sections["requests"]["records"][0]["fields"]["received_at"].endswith("Z")
    assert {line["target_kind"] for line in data["audit"]} >= {
        "student",
        "request",
        "session",
        "case",
        "complaint",
        "data_request",
    }
    assert all(set(line) == {"at", "kind", "label", "actor", "target_kind", "target_id"}
               for line in data["audit"])  # fmt: skip
    assert "ZEBRA" in squeezed(text)
    assert "Halaman 1 dari" in text
    assert "RAHASIA" in text
    for word in ("None", "nan", "Page", "True", "False"):
        assert word not in text.split()


def test_redacted_passages_are_absent_from_both_files_and_noted(
    workspace: Workspace, two: tuple[Filled, Filled], tmp_path: Path
) -> None:
    first, _second = two
    requests = DataRequestService(workspace)
    requests.save_redactions(
        first.data_request_id,
        [
            Redaction("session", first.session_id, "notes", "ZEBRAsesi", "Membahayakan anak"),
            Redaction("request", first.request_id, "reason", "ZEBRAalasan", "Data orang lain"),
        ],
    )
    service = StudentExportService(workspace)
    export = service.for_request(first.data_request_id)
    files = service.write(export, tmp_path)
    assert files.pdf.parent == tmp_path and "Ayu" not in files.pdf.name
    assert files.json.name == files.pdf.name.removesuffix(".pdf") + ".json"
    text = squeezed(pdf_text(files.pdf.read_bytes()))
    raw = files.json.read_text(encoding="utf-8")
    for passage in ("ZEBRAsesi", "ZEBRAalasan"):
        assert passage not in text and passage not in raw
    assert REDACTED in raw and squeezed(REDACTED) in text
    notes = json.loads(raw)["redactions"]
    assert {(n["record_kind"], n["field"], n["reason"]) for n in notes} == {
        ("session", "notes", "Membahayakan anak"),
        ("request", "reason", "Data orang lain"),
    }
    assert "Membahayakananak" in text
    row = workspace.db.one("SELECT * FROM audit_event WHERE kind = 'student.exported'")
    assert row is not None
    assert row["target_kind"] == "student" and row["target_id"] == str(first.student_id)
    assert "disamarkan 2" in row["detail"]
    assert "ZEBRA" not in row["detail"] and "Ayu" not in row["detail"]


def test_a_passage_in_typed_fields_leaves_every_one_of_them_in_both_files(
    workspace: Workspace, two: tuple[Filled, Filled], tmp_path: Path
) -> None:
    first, _second = two
    # A name typed as the guardian, the consent giver and the requester; a phone typed once.
    DataRequestService(workspace).save_redactions(
        first.data_request_id,
        [
            Redaction("consent", 1, "person_name", "Ibu ZEBRA", "Melindungi keselamatan anak"),
            Redaction("guardian", 1, "phone", "081255550101", "Melindungi keselamatan anak"),
        ],
    )
    service = StudentExportService(workspace)
    export = service.for_request(first.data_request_id)
    offered = {(r.kind, f.key) for r, f in service.build(first.student_id).redactable_fields()}
    assert offered >= {
        ("guardian", "name"),
        ("guardian", "phone"),
        ("consent", "person_name"),
        ("data_request", "requester_name"),
        ("session", "place"),
    }
    files = service.write(export, tmp_path)
    text = squeezed(pdf_text(files.pdf.read_bytes()))
    raw = files.json.read_text(encoding="utf-8")
    for passage in ("IbuZEBRA", "081255550101"):
        assert passage not in text and passage not in squeezed(raw)
    noted = {(n["record_kind"], n["field"]) for n in json.loads(raw)["redactions"]}
    assert noted == {
        ("guardian", "name"),
        ("guardian", "phone"),
        ("consent", "person_name"),
        ("data_request", "requester_name"),
    }
    assert export.unmatched == ()


def test_another_counsellors_sangat_rahasia_case_is_left_out_with_a_line(
    workspace: Workspace, clock: FixedClock
) -> None:
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    secret = filled_student(
        guru,
        clock,
        "Citra Dewi",
        "1003",
        "RAHASIAKU",
        confidentiality=Confidentiality.SANGAT_RAHASIA,
    )
    mine = StudentExportService(guru).build(secret.student_id)
    assert any("RAHASIAKU" in f.text for _r, f in mine.redactable_fields())

    service = StudentExportService(workspace)  # the koordinator, not the case's owner
    export = service.build(secret.student_id)
    data = json.loads(service.json(export))
    sections = data["sections"]
    assert sections["cases"]["records"] == []
    assert sections["sessions"]["records"] == []
    assert sections["requests"]["records"] == []
    assert any("Rina Handayani" in note for note in sections["cases"]["not_included"])
    body = json.dumps(sections["cases"]) + json.dumps(sections["sessions"])
    assert "RAHASIAKU" not in body
    for kind in ("session", "case", "request", "screening"):
        assert kind not in {line["target_kind"] for line in data["audit"]}
    text = pdf_text(service.pdf(export))
    assert "sangat rahasia" in text


def test_another_counsellors_ordinary_case_comes_without_its_notes(
    workspace: Workspace, clock: FixedClock
) -> None:
    guru = signed_in_as(workspace, "Rina Handayani", Role.GURU_BK)
    filled = filled_student(guru, clock, "Dodi Pratama", "1004", "WITHHELD")
    data = json.loads(
        StudentExportService(workspace).json(
            StudentExportService(workspace).build(filled.student_id)
        )
    )
    sections = data["sections"]
    assert len(sections["cases"]["records"]) == 1
    assert len(sections["sessions"]["records"]) == 1
    for key in ("cases", "sessions", "action_items", "alternatives", "addenda"):
        assert "WITHHELDidentifikasi" not in json.dumps(sections[key])
        assert "WITHHELDsesi" not in json.dumps(sections[key])
    assert sections["cases"]["not_included"]


def test_the_export_is_refused_to_the_kepala_sekolah(workspace: Workspace) -> None:
    principal = signed_in_as(workspace, "Drs. Bambang Sutrisno", Role.KEPALA_SEKOLAH)
    with pytest.raises(RuleViolation):
        StudentExportService(principal)


def test_the_copy_never_hints_at_a_complaint_about_the_counsellor_who_makes_it(
    workspace: Workspace, clock: FixedClock
) -> None:
    """A student complained about Dewi; the koordinator registered it for the kepala sekolah.
    Dewi's copy of that student reads like her copy of a student who never complained."""
    complained = filled_student(workspace, clock, "Wulan Sembiring", "1004", "WULAN")
    quiet = filled_student(workspace, clock, "Sari Putri", "1005", "SARI")
    dewi = signed_in_as(workspace, "Dewi Lestari", Role.GURU_BK)
    ComplaintService(workspace).register(
        ComplaintForm(
            kind=ComplaintType.PENGADUAN,
            channel=Channel.LANGSUNG,
            text="Bu Dewi membentak saya saat sesi.",
            received_at=workspace.now(),
            sender_kind=SenderKind.SISWA,
            sender_name="Wulan Sembiring",
            subject=Subject.KONSELOR,
            about_account_id=dewi.account.id,
            student_id=complained.student_id,
        )
    )

    def kotak_saran(student_id: int) -> tuple[int, tuple[str, ...]]:
        export = StudentExportService(dewi).build(student_id)
        section = next(s for s in export.sections if s.key == "complaints")
        return len(section.records), section.notes

    assert kotak_saran(complained.student_id) == kotak_saran(quiet.student_id)
    records, notes = kotak_saran(complained.student_id)
    assert records == 1  # the parent's masukan, not the complaint
    assert notes == (COMPLAINTS_NOT_ALL_HERE,)
    text = pdf_text(
        StudentExportService(dewi).pdf(StudentExportService(dewi).build(quiet.student_id))
    )
    assert "kepala sekolah" in " ".join(text.split())


def test_file_names_carry_the_request_number_and_never_replace_another_students_copy(
    workspace: Workspace, clock: FixedClock, tmp_path: Path
) -> None:
    ayu = filled_student(workspace, clock, "Ayu Lestari", "1001", "ZEBRA")
    andi = filled_student(workspace, clock, "Andi Lubis", "1002", "QUOKKA")
    service = StudentExportService(workspace)
    day = clock.now().astimezone(workspace.settings().zone).date().isoformat()
    number = DataRequestService(workspace).get(ayu.data_request_id).number
    by_request = service.write(service.for_request(ayu.data_request_id), tmp_path)
    assert by_request.pdf.name == f"Salinan-Data-Pribadi-Siswa_{number}_AL_{day}.pdf"
    # Without a request: the student's number in the vault tells two A.L.s apart.
    first = service.write(service.build(ayu.student_id), tmp_path)
    second = service.write(service.build(andi.student_id), tmp_path)
    assert first.pdf.name == f"Salinan-Data-Pribadi-Siswa_siswa-{ayu.student_id}_AL_{day}.pdf"
    assert first.pdf != second.pdf and first.json != second.json
    assert "Ayu Lestari" in first.json.read_text(encoding="utf-8")
    assert "Andi Lubis" in second.json.read_text(encoding="utf-8")
    # The same request copied again replaces its earlier copy, nothing else.
    again = service.write(service.for_request(ayu.data_request_id), tmp_path)
    assert again == by_request
    # A file of that name from elsewhere (another vault numbers from 1 too) is kept.
    foreign = tmp_path / "lain"
    foreign.mkdir()
    pdf_name, json_name = service.file_names(service.for_request(andi.data_request_id))
    (foreign / json_name).write_text('{"student_id": 1, "school": "SMA Lain"}', encoding="utf-8")
    (foreign / pdf_name).write_bytes(b"%PDF-1.4 sekolah lain")
    kept = service.write(service.for_request(andi.data_request_id), foreign)
    assert kept.pdf.name == pdf_name.removesuffix(".pdf") + " (2).pdf"
    assert kept.json.name == json_name.removesuffix(".json") + " (2).json"
    assert (foreign / pdf_name).read_bytes() == b"%PDF-1.4 sekolah lain"
    assert "Andi Lubis" in kept.json.read_text(encoding="utf-8")


def test_a_redacted_word_goes_only_as_a_whole_word_and_never_from_the_identity_or_names(
    workspace: Workspace, clock: FixedClock
) -> None:
    """Review 18 #7: "Adi" and "Sari" taken out of a note left "[disamarkan]nda Putri" as the
    student's name and "[disamarkan] Wulandari" as the counsellor's."""
    assert workspace.account.name == "Sari Wulandari"
    request_id = counselled(workspace, "Adinda Putri")
    student_id = int(
        workspace.db.scalar("SELECT student_id FROM request WHERE id = :i", {"i": request_id})
    )
    session_id, case_id = hold_session(
        workspace, clock, request_id, notes="Adinda diejek Adi dan Sari di kelas (Sari, Adi)."
    )
    reason = "Mengungkap data orang lain"
    export = StudentExportService(workspace).build(
        student_id,
        [
            Redaction("session", session_id, "notes", "Adi", reason),
            Redaction("session", session_id, "notes", "Sari", reason),
        ],
    )
    records = {(r.kind, r.id): r for s in export.sections for r in s.records}

    def text(kind: str, record_id: int, key: str) -> str:
        found = records[(kind, record_id)].field(key)
        assert found is not None
        return found.text

    assert text("student", student_id, "name") == "Adinda Putri"
    assert text("session", session_id, "counsellor") == "Sari Wulandari"
    assert text("case", case_id, "counsellor") == "Sari Wulandari"
    assert text("session", session_id, "notes") == (
        f"Adinda diejek {REDACTED} dan {REDACTED} di kelas ({REDACTED}, {REDACTED})."
    )
    assert {(n.record_kind, n.field) for n in export.redactions} == {("session", "notes")}
    assert export.unmatched == ()
    offered = {(r.kind, f.key) for r, f in export.redactable_fields()}
    for fixed in [
        ("student", "name"),
        ("student", "nis"),
        ("class", "class"),
        ("class", "academic_year"),
        ("session", "counsellor"),
        ("case", "counsellor"),
        ("request_event", "by"),
    ]:
        assert fixed not in offered
    assert ("session", "notes") in offered and ("session", "place") in offered
